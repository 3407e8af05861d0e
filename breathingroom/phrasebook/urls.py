from django.urls import path

from breathingroom.phrasebook import views

app_name = "phrasebook"

urlpatterns = [
    path("", views.index, name="index"),
    path("add/", views.add, name="add"),
    path("signal/", views.signal, name="signal"),
    path("signal/clear/", views.clear_signal, name="clear_signal"),
    path("<uuid:pk>/edit/", views.edit, name="edit"),
    path("<uuid:pk>/remove/", views.remove, name="remove"),
]
