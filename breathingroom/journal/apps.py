from django.apps import AppConfig


class JournalConfig(AppConfig):
    name = "breathingroom.journal"

    def ready(self) -> None:
        # A partner's closed page is told of a shared entry: the notice is given where the event is made.
        from breathingroom.journal import notices  # noqa: F401
