from django.apps import AppConfig


class CouplesConfig(AppConfig):
    name = "breathingroom.couples"
    label = "couples"
    verbose_name = "Couples"

    def ready(self) -> None:
        from breathingroom.couples import signals  # noqa: F401
