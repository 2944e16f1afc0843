"""Deployment checks of our own, run by `manage.py check --deploy`."""

from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.security, deploy=True)
def secret_key_is_set(app_configs, **kwargs):
    if settings.SECRET_KEY == settings.DEVELOPMENT_SECRET_KEY:
        return [
            Error(
                "SECRET_KEY is the development fallback.",
                hint="Set the SECRET_KEY environment variable to a long random value.",
                id="lotse.E001",
            )
        ]
    return []


@register(Tags.security, deploy=True)
def two_factor_is_required(app_configs, **kwargs):
    if not settings.DEBUG and not settings.LOTSE_REQUIRE_2FA:
        return [
            Error(
                "Two-factor authentication is switched off in production.",
                hint="Unset LOTSE_REQUIRE_2FA or set it to 1.",
                id="lotse.E002",
            )
        ]
    return []
