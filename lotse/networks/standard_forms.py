"""Forms for reviewing and retiring a quality standard. Bad input gets a German message."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotse.networks.forms import DATE
from lotse.networks.models import StandardReview


class StandardReviewForm(forms.Form):
    reviewed_on = forms.DateField(label=_("überprüft am"), widget=DATE)
    reviewed_by = forms.CharField(
        label=_("überprüft von"), max_length=200, help_text=_("z. B. die Netzwerkkonferenz")
    )
    result = forms.ChoiceField(label=_("Ergebnis"), choices=StandardReview.Result.choices)
    note = forms.CharField(
        label=_("Anmerkung"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    next_review_on = forms.DateField(label=_("nächste Überprüfung"), widget=DATE, required=False)

    def clean_reviewed_on(self):
        day = self.cleaned_data["reviewed_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(
                _("Eine Überprüfung kann nicht in der Zukunft liegen."), code="future"
            )
        return day


class RetireStandardForm(forms.Form):
    retired_on = forms.DateField(label=_("außer Kraft seit"), widget=DATE)
