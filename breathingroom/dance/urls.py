from django.urls import path

from breathingroom.dance import views

app_name = "dance"

urlpatterns = [
    path("", views.index, name="index"),
    path("start/", views.start, name="start"),
    path("cycle/", views.cycle, name="cycle"),
    path("<uuid:pk>/", views.episode, name="episode"),
    path("<uuid:pk>/live/", views.episode_live, name="episode_live"),
    path("<uuid:pk>/my-side/", views.side, name="side"),
    path("<uuid:pk>/share/", views.share, name="share"),
    path("<uuid:pk>/unshare/", views.unshare, name="unshare"),
]
