from django.apps import AppConfig


class OrganizationsConfig(AppConfig):
    name = "lotse.organizations"
    label = "organizations"
    verbose_name = "Träger"
