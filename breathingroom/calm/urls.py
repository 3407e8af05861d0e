from django.urls import path

from breathingroom.calm import views

app_name = "calm"

urlpatterns = [
    path("", views.index, name="index"),
    path("breathe/", views.breathe, name="breathe"),
    path("ground/", views.ground, name="ground"),
    # The body check-in lives at /body/ now; this only sends old bookmarks there.
    path("body/", views.body, name="body"),
    path("unsent/", views.unsent, name="unsent"),
    path("unsent/<uuid:pk>/delete/", views.delete_unsent_note, name="delete_unsent_note"),
    path("reasons/", views.reasons, name="reasons"),
    path("held/", views.held, name="held"),
]
