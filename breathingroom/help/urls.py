from django.urls import path

from breathingroom.help import views

app_name = "help"

urlpatterns = [
    path("", views.index, name="index"),
    path("suggestion/", views.suggestion_card, name="suggestion"),
]
