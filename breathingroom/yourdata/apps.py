from django.apps import AppConfig


class YourDataConfig(AppConfig):
    name = "breathingroom.yourdata"
    label = "yourdata"
    verbose_name = "Your data"
