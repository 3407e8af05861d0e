from django.urls import path

from breathingroom.offers import views

app_name = "offers"

urlpatterns = [
    path("notifications/offer/", views.notification_offer, name="notifications"),
]
