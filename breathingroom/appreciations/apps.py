from django.apps import AppConfig


class AppreciationsConfig(AppConfig):
    name = "breathingroom.appreciations"
