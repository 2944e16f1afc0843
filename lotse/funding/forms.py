"""Forms of measures, their indicators, yearly results and Sachberichte."""

from __future__ import annotations

from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from lotse.concept.models import FundingArea, StateConcept, StateConceptItem
from lotse.funding.models import Indicator, IndicatorResult, Measure, ProgressReport
from lotse.offers.models import Offer, Organization
from lotse.regions.models import District


class MeasureForm(forms.ModelForm):
    class Meta:
        model = Measure
        fields = [
            "title",
            "funding_area",
            "serves",
            "description",
            "target_group",
            "provider",
            "provider_name",
            "starts_on",
            "ends_on",
            "funding_share",
            "offers",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "target_group": forms.Textarea(attrs={"rows": 2}),
            "serves": forms.CheckboxSelectMultiple,
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "offers": forms.SelectMultiple(attrs={"size": 8}),
        }

    def __init__(self, *args, district: District, edition: StateConcept, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["funding_area"].queryset = FundingArea.objects.filter(
            state_concept=edition, kind=FundingArea.Kind.FUNDING_AREA
        )
        self.fields["serves"].queryset = (
            StateConceptItem.objects.filter(
                state_concept=edition,
                kind__in=[
                    StateConceptItem.Kind.MINIMUM_REQUIREMENT,
                    StateConceptItem.Kind.DEVELOPMENT_MODULE,
                    StateConceptItem.Kind.FUNDING_CONDITION,
                ],
            )
            .exclude(funding_area__kind=FundingArea.Kind.STATE_OFFICE)
            .select_related("funding_area")
        )
        self.fields["serves"].label_from_instance = lambda item: f"{item.code} {item.title}"
        self.fields["provider"].queryset = Organization.objects.filter(district=district).order_by(
            "name"
        )
        self.fields["offers"].queryset = Offer.objects.filter(district=district).order_by("name")
        self.fields["offers"].required = False

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("provider") and not (cleaned.get("provider_name") or "").strip():
            self.add_error("provider", _("Bitte den Träger wählen oder seinen Namen eintragen."))
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("Das Ende liegt vor dem Beginn."))
        share = cleaned.get("funding_share")
        if share is not None and not 0 <= share <= 100:
            self.add_error("funding_share", _("Bitte einen Anteil zwischen 0 und 100 % angeben."))
        area = cleaned.get("funding_area")
        serves = cleaned.get("serves")
        if area and serves:
            foreign = [
                item.code
                for item in serves
                if item.funding_area_id != area.pk and item.funding_area.code != "NWK"
            ]
            if foreign:
                self.add_error(
                    "serves",
                    _("Diese Punkte gehören zu einem anderen Förderbereich: %(codes)s.")
                    % {"codes": ", ".join(foreign)},
                )
        return cleaned


IndicatorFormSet = inlineformset_factory(
    Measure,
    Indicator,
    fields=["goal", "name", "unit", "target"],
    extra=1,
    can_delete=True,
)


class ResultForm(forms.ModelForm):
    class Meta:
        model = IndicatorResult
        fields = ["actual", "rating", "explanation"]
        widgets = {"explanation": forms.Textarea(attrs={"rows": 2})}


class ProgressReportForm(forms.ModelForm):
    class Meta:
        model = ProgressReport
        fields = ["activities", "reach", "cooperation", "difficulties", "outlook"]
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for name in fields}
