from django.urls import path

from breathingroom.webapp import views

app_name = "webapp"

urlpatterns = [
    path("manifest.webmanifest", views.manifest, name="manifest"),
    path("offline/", views.offline, name="offline"),
    path("offline/<slug:slug>/", views.tool, name="tool"),
]
