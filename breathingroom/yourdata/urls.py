from django.urls import path

from breathingroom.yourdata import views

app_name = "yourdata"

# Under /settings/, beside the account's own settings.
urlpatterns = [
    path("data/", views.your_data, name="data"),
    path("data/export", views.start_export, name="start_export"),
    path("data/export/<uuid:export_id>", views.export_status, name="export"),
    path("data/export/<uuid:export_id>/download", views.download_export, name="download_export"),
    path("delete", views.delete_account, name="delete"),
    path("goodbye", views.goodbye, name="goodbye"),
]
