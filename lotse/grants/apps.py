from django.apps import AppConfig


class GrantsConfig(AppConfig):
    name = "lotse.grants"
    label = "grants"
