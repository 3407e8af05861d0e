from django.apps import AppConfig


class FirstSessionConfig(AppConfig):
    name = "breathingroom.firstsession"
    label = "firstsession"
