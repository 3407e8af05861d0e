from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "breathingroom.events"

    def ready(self) -> None:
        from breathingroom.events.kept_pages import watch_rows

        watch_rows()
