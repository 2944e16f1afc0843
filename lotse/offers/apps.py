from django.apps import AppConfig


class OffersConfig(AppConfig):
    name = "lotse.offers"
    label = "offers"
