from django.urls import path

from breathingroom.calm import views

app_name = "calm"

urlpatterns = [
    path("", views.index, name="index"),
    path("breathe/", views.breathe, name="breathe"),
    path("ground/", views.ground, name="ground"),
    path("body/", views.body, name="body"),
    path("body/<uuid:pk>/delete/", views.delete_check_in, name="delete_check_in"),
    path("unsent/", views.unsent, name="unsent"),
    path("unsent/<uuid:pk>/delete/", views.delete_unsent_note, name="delete_unsent_note"),
    path("reasons/", views.reasons, name="reasons"),
    path("held/", views.held, name="held"),
]
