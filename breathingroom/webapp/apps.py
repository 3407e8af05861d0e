from django.apps import AppConfig


class WebappConfig(AppConfig):
    name = "breathingroom.webapp"
