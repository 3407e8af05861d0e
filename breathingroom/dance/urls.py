from django.urls import path

from breathingroom.dance import views

app_name = "dance"

urlpatterns = [
    path("", views.index, name="index"),
]
