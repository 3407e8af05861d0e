from django.apps import AppConfig


class VaultConfig(AppConfig):
    name = "breathingroom.vault"

    def ready(self) -> None:
        from breathingroom.vault import checks  # noqa: F401 (registers them)
