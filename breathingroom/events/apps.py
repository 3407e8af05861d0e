from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "breathingroom.events"
