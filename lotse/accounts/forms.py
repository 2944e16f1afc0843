"""Forms of the account pages."""

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    """E-mail and password; the sign-in throttle counts the failures (throttling.py)."""

    username = forms.EmailField(
        label=_("E-Mail-Adresse"),
        widget=forms.EmailInput(attrs={"autocomplete": "username", "autofocus": True}),
    )
    error_messages = {
        "invalid_login": _("E-Mail-Adresse oder Passwort stimmen nicht. Bitte prüfen Sie beides."),
        "inactive": _("Dieses Konto ist deaktiviert."),
    }

    def clean_username(self) -> str:
        return self.cleaned_data["username"].strip().lower()


class MailLanguageForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Sprache der E-Mails"),
        choices=settings.LANGUAGES,
        help_text=_("In dieser Sprache schreibt Lotse Ihnen Benachrichtigungen und Erinnerungen."),
    )


class TokenForm(forms.Form):
    """The six digits of the authenticator app."""

    token = forms.RegexField(
        label=_("Einmalcode aus der Authenticator-App"),
        regex=r"^\s*\d{6}\s*$",
        error_messages={"invalid": _("Bitte geben Sie die sechs Ziffern aus Ihrer App ein.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )

    def clean_token(self) -> str:
        return self.cleaned_data["token"].strip()
