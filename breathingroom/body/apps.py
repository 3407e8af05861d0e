from django.apps import AppConfig


class BodyConfig(AppConfig):
    name = "breathingroom.body"
