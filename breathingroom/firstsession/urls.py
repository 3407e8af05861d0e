from django.urls import path

from breathingroom.firstsession import views

app_name = "firstsession"

urlpatterns = [
    path("", views.index, name="index"),
    path("start/", views.start, name="start"),
    path("not-now/", views.not_now, name="not_now"),
    path("home-part/", views.offer, name="offer"),
    path("<uuid:session_id>/", views.session, name="session"),
    path("<uuid:session_id>/ready/", views.ready, name="ready"),
    path("<uuid:session_id>/not-ready/", views.not_ready, name="not_ready"),
    path("<uuid:session_id>/side/", views.side, name="side"),
    path("<uuid:session_id>/signal/", views.signal, name="signal"),
    path("<uuid:session_id>/keep-agreement/", views.keep_agreement, name="keep_agreement"),
    path("<uuid:session_id>/skip/", views.skip, name="skip"),
]
