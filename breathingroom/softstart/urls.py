from django.urls import path

from breathingroom.softstart import views

app_name = "softstart"

urlpatterns = [
    path("", views.compose, name="compose"),
    path("advice/", views.advice, name="advice"),
]
