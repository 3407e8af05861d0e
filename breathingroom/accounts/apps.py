from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "breathingroom.accounts"
    label = "accounts"
    verbose_name = "Accounts"
