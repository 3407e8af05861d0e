from django.urls import path

from breathingroom.body import views

app_name = "body"

urlpatterns = [
    path("", views.index, name="index"),
    path("shared/", views.shared, name="shared"),
    path("over-time/", views.over_time, name="trend"),
    path("<uuid:pk>/share/", views.share, name="share"),
    path("<uuid:pk>/unshare/", views.unshare, name="unshare"),
    path("<uuid:pk>/delete/", views.delete, name="delete"),
]
