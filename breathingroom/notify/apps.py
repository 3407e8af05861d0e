from django.apps import AppConfig


class NotifyConfig(AppConfig):
    name = "breathingroom.notify"

    def ready(self) -> None:
        from breathingroom.events import publish
        from breathingroom.notify import checks  # noqa: F401 (registers them)
        from breathingroom.notify.delivery import hand_on

        # The events module must not know about this app; it only calls whatever is registered.
        if hand_on not in publish.hand_on_hooks:
            publish.hand_on_hooks.append(hand_on)
