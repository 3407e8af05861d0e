from django.urls import path

from breathingroom.safety import views

app_name = "safety"

urlpatterns = [
    path("safety/", views.safety, name="index"),
    path("privacy/", views.privacy, name="privacy"),
]
