from django.apps import AppConfig


class BreaksConfig(AppConfig):
    name = "breathingroom.breaks"
