from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "lotse.monitoring"
    label = "monitoring"
