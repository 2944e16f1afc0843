from django.apps import AppConfig


class RegionsConfig(AppConfig):
    name = "lotse.regions"
    label = "regions"
