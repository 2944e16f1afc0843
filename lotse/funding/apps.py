from django.apps import AppConfig


class FundingConfig(AppConfig):
    name = "lotse.funding"
    label = "funding"
