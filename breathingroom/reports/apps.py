from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "breathingroom.reports"

    def ready(self) -> None:
        # The partner's closed page is told that a report was made: the notice is given where the event is made.
        import breathingroom.reports.notices  # noqa: F401
