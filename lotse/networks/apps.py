from django.apps import AppConfig


class NetworksConfig(AppConfig):
    name = "lotse.networks"
    label = "networks"
