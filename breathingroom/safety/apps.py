from django.apps import AppConfig


class SafetyConfig(AppConfig):
    name = "breathingroom.safety"
