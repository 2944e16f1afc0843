from django.apps import AppConfig


class AccountabilityConfig(AppConfig):
    name = "lotse.accountability"
    label = "accountability"
