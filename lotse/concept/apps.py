from django.apps import AppConfig


class ConceptConfig(AppConfig):
    name = "lotse.concept"
    label = "concept"
