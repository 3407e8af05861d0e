from django.urls import path

from breathingroom.notify import views

app_name = "notify"

urlpatterns = [
    path("notifications/", views.notification_settings, name="settings"),
    path("notifications/devices/<uuid:subscription_id>/remove/", views.remove_device, name="remove_device"),
    path("sw.js", views.service_worker, name="service_worker"),
]
