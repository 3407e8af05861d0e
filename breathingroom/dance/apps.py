from django.apps import AppConfig


class DanceConfig(AppConfig):
    name = "breathingroom.dance"

    def ready(self) -> None:
        # A partner's closed page is told of a shared side: the notice is given where the event is made.
        from breathingroom.dance import notices  # noqa: F401
