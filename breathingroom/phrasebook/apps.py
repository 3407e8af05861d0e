from django.apps import AppConfig


class PhrasebookConfig(AppConfig):
    name = "breathingroom.phrasebook"
