from django.apps import AppConfig


class LessonsConfig(AppConfig):
    name = "breathingroom.lessons"

    def ready(self) -> None:
        # A malformed content file stops start-up with its name, rather than a page later.
        from breathingroom.lessons import checks  # noqa: F401
