from django.apps import AppConfig


class CalmConfig(AppConfig):
    name = "breathingroom.calm"
