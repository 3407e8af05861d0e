from django.apps import AppConfig


class AppreciationsConfig(AppConfig):
    name = "breathingroom.appreciations"

    def ready(self) -> None:
        # Gives "appreciation.received" its notice for closed pages (push and email).
        from breathingroom.appreciations import notices  # noqa: F401
