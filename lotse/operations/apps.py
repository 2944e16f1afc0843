from django.apps import AppConfig


class OperationsConfig(AppConfig):
    name = "lotse.operations"
    verbose_name = "Betrieb"
