from django.apps import AppConfig


class CouplesConfig(AppConfig):
    name = "breathingroom.couples"
    label = "couples"
    verbose_name = "Couples"
