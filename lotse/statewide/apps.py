from django.apps import AppConfig


class StatewideConfig(AppConfig):
    name = "lotse.statewide"
    label = "statewide"
