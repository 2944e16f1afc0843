"""The form of a grant document's steps: a note, and for the grant notice its details."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from lotse.funding.forms import EuroField
from lotse.grants.models import NOTICE_VALIDATORS


class GrantStepForm(forms.Form):
    step = forms.CharField(widget=forms.HiddenInput, max_length=40)
    note = forms.CharField(
        label=_("Anmerkung / Begründung"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    amount = EuroField(
        label=_("bewilligter Betrag (€)"),
        required=False,
        min_value=0,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        error_messages={
            "invalid": _("Bitte einen Betrag in Euro angeben, z. B. 1.250,50."),
            "max_decimal_places": _("Höchstens zwei Nachkommastellen (Cent)."),
            "min_value": _("Beträge können nicht negativ sein."),
        },
    )
    issued_on = forms.DateField(
        label=_("Bescheid vom"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Bitte ein gültiges Datum angeben.")},
    )
    conditions = forms.CharField(
        label=_("Nebenbestimmungen und Auflagen"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    document = forms.FileField(label=_("Bescheid (PDF)"), required=False)

    def clean_document(self):
        upload = self.cleaned_data.get("document")
        if upload:
            for validator in NOTICE_VALIDATORS:
                validator(upload)
        return upload

    def details(self) -> dict:
        """What the workflow step gets: the note and, for the grant notice, its details."""
        return {
            name: self.cleaned_data.get(name)
            for name in ("note", "amount", "issued_on", "conditions", "document")
        }
