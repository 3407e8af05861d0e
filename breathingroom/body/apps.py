from django.apps import AppConfig


class BodyConfig(AppConfig):
    name = "breathingroom.body"

    def ready(self) -> None:
        # Gives "check_in.shared" its notice for closed pages (push).
        from breathingroom.body import notices  # noqa: F401
