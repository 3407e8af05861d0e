from django.urls import path

from breathingroom.insights import views

app_name = "insights"

urlpatterns = [
    path("", views.index, name="index"),
]
