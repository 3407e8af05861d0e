from django.apps import AppConfig


class TherapyConfig(AppConfig):
    name = "breathingroom.therapy"

    def ready(self) -> None:
        # Partners' closed pages are told of each step of the seat: the notice is given where the event is made.
        from breathingroom.therapy import notices  # noqa: F401
