from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    name = "breathingroom.security"
    verbose_name = _("Security")

    def ready(self) -> None:
        from breathingroom.security import receivers  # noqa: F401 (connects them)
