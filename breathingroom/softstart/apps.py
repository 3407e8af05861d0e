from django.apps import AppConfig


class SoftstartConfig(AppConfig):
    name = "breathingroom.softstart"
