"""Forms of measures, their indicators, yearly results and Sachberichte."""

from __future__ import annotations

from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from lotse.concept.models import FundingArea, StateConcept, StateConceptItem
from lotse.core.numbers import german_number_text
from lotse.core.uploads import DOCUMENT_VALIDATORS
from lotse.funding.models import (
    AllocationComponent,
    AllocationKey,
    Fb3Proposal,
    FundYear,
    Indicator,
    IndicatorResult,
    Measure,
)
from lotse.offers.models import Offer
from lotse.organizations.models import Organization
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
            "qualification_agreed_on",
            "qualification_agreed_with",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "target_group": forms.Textarea(attrs={"rows": 2}),
            "serves": forms.CheckboxSelectMultiple,
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "qualification_agreed_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
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
        agreed_on = cleaned.get("qualification_agreed_on")
        agreed_with = (cleaned.get("qualification_agreed_with") or "").strip()
        if (agreed_on or agreed_with) and area and area.code != "II.1.1":
            self.add_error(
                "qualification_agreed_on",
                _("Die Abstimmung zur Qualifizierung gibt es nur im Förderbereich II.1.1."),
            )
        elif agreed_on and not agreed_with:
            self.add_error("qualification_agreed_with", _("Bitte angeben, mit wem abgestimmt ist."))
        elif agreed_with and not agreed_on:
            self.add_error("qualification_agreed_on", _("Bitte das Datum der Abstimmung angeben."))
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


# --- Money ---------------------------------------------------------------------------------


class EuroField(forms.DecimalField):
    """A euro amount as people type it: "1.250,50", "1250,5", "1250.50 €" all mean the same.
    Cents at most, never negative, never more than the database holds: a German message
    for each, and the form changes nothing."""

    default_error_messages = {
        "invalid": _("Bitte einen Betrag in Euro angeben, z. B. 1.250,50."),
        "max_decimal_places": _("Höchstens zwei Nachkommastellen (Cent)."),
        "max_digits": _("Der Betrag ist zu groß (höchstens 9.999.999.999,99 €)."),
        "max_whole_digits": _("Der Betrag ist zu groß (höchstens 9.999.999.999,99 €)."),
        "min_value": _("Beträge können nicht negativ sein."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 12)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("min_value", 0)
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace("€", "").replace("\u2212", "-")  # a typed or pasted minus
            if "e" in value.lower():  # "1e3" is no way to write money
                raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
            value = german_number_text(value)
        result = super().to_python(value)
        if result is not None and result.is_zero():
            return abs(result)  # "-0,00" is simply nothing
        return result

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.pop("step", None)  # a text-like field: "1.250,50" is valid input
        return attrs


def _money_field(label, required=False):
    return EuroField(
        label=label,
        required=required,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        localize=True,
    )


class PlanForm(forms.Form):
    planned = _money_field(_("geplant aus dem Fonds (€)"), required=True)
    co_funding = _money_field(_("Kofinanzierung / Eigenanteil (€)"), required=True)
    q1 = _money_field(_("ausgegeben im 1. Quartal (€)"))
    q2 = _money_field(_("ausgegeben im 2. Quartal (€)"))
    q3 = _money_field(_("ausgegeben im 3. Quartal (€)"))
    q4 = _money_field(_("ausgegeben im 4. Quartal (€)"))
    year = _money_field(_("oder: ausgegeben im ganzen Jahr (€)"))
    qualification = _money_field(
        _("davon für Qualifizierung von Familienhebammen / FGKiKP (€)"), required=False
    )
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    PERIODS = ("q1", "q2", "q3", "q4", "year")

    def __init__(self, *args, measure: Measure, **kwargs):
        super().__init__(*args, **kwargs)
        # FB-II.1.1-E1: only a measure in FB II.1.1 plans qualification money.
        if measure.funding_area.code != "II.1.1":
            del self.fields["qualification"]

    def clean(self):
        cleaned = super().clean()
        quarters = [p for p in self.PERIODS[:4] if cleaned.get(p) is not None]
        if quarters and cleaned.get("year") is not None:
            self.add_error(
                "year",
                _("Bitte entweder je Quartal oder für das ganze Jahr eintragen, nicht beides."),
            )
        part, planned = cleaned.get("qualification"), cleaned.get("planned")
        if part is not None and planned is not None and part > planned:
            self.add_error(
                "qualification", _("Der Anteil für Qualifizierung ist größer als der Planansatz.")
            )
        return cleaned


class ConditionChecksForm(forms.Form):
    """The coordinator's verdict on each FB II.2 condition: met or not, with a note."""

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        for row in rows:
            pk = row.condition.pk
            self.fields[f"holds_{pk}"] = forms.BooleanField(
                label=_("erfüllt"),
                required=False,
                initial=row.check.holds if row.check else False,
            )
            self.fields[f"note_{pk}"] = forms.CharField(
                label=_("Begründung"),
                required=False,
                max_length=2000,
                initial=row.check.note if row.check else "",
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def clean(self):
        cleaned = super().clean()
        for row in self.rows:
            pk = row.condition.pk
            if cleaned.get(f"holds_{pk}") and not (cleaned.get(f"note_{pk}") or "").strip():
                self.add_error(
                    f"note_{pk}",
                    _("Bitte begründen Sie, warum die Voraussetzung erfüllt ist."),
                )
        return cleaned

    def verdicts(self) -> dict[int, tuple[bool, str]]:
        return {
            row.condition.pk: (
                bool(self.cleaned_data.get(f"holds_{row.condition.pk}")),
                self.cleaned_data.get(f"note_{row.condition.pk}") or "",
            )
            for row in self.rows
        }

    def pairs(self):
        """(row, holds field, note field) for the template."""
        return [
            (row, self[f"holds_{row.condition.pk}"], self[f"note_{row.condition.pk}"])
            for row in self.rows
        ]


class FundYearForm(forms.ModelForm):
    class Meta:
        model = FundYear
        fields = [
            "year",
            "state_total",
            "state_office_share",
            "application_due",
            "interim_report_due",
            "final_report_due",
            "measure_reports_due",
            "demo_values",
        ]
        widgets = {
            name: forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
            for name in (
                "application_due",
                "interim_report_due",
                "final_report_due",
                "measure_reports_due",
            )
        }
        localized_fields = ["state_total", "state_office_share"]
        field_classes = {"state_total": EuroField, "state_office_share": EuroField}

    def clean(self):
        cleaned = super().clean()
        total, share = cleaned.get("state_total"), cleaned.get("state_office_share")
        if total is not None and total < 0:
            self.add_error("state_total", _("Beträge können nicht negativ sein."))
        if total is not None and share is not None and not 0 <= share <= total:
            self.add_error(
                "state_office_share",
                _("Der Anteil der LKS muss zwischen 0 und dem Gesamtbetrag liegen."),
            )
        year = cleaned.get("year")
        if year is not None and not 2018 <= year <= 2100:
            self.add_error(
                "year", _("Der Fonds besteht seit 2018; bitte ein Jahr ab 2018 angeben.")
            )
        return cleaned


class AllocationKeyForm(forms.ModelForm):
    class Meta:
        model = AllocationKey
        fields = ["name", "description", "is_assumption"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


def _component_formset():
    class ComponentForm(forms.ModelForm):
        class Meta:
            model = AllocationComponent
            fields = ["kind", "weight", "statistics_year", "position"]
            localized_fields = ["weight"]

        def clean(self):
            cleaned = super().clean()
            weight = cleaned.get("weight")
            if weight is not None and weight <= 0:
                self.add_error("weight", _("Das Gewicht muss größer als 0 sein."))
            if (
                cleaned.get("kind")
                and cleaned["kind"] != "base"
                and not cleaned.get("statistics_year")
            ):
                self.add_error("statistics_year", _("Bitte das Statistikjahr angeben."))
            return cleaned

    return inlineformset_factory(
        AllocationKey, AllocationComponent, form=ComponentForm, extra=2, can_delete=True
    )


ComponentFormSet = _component_formset()


class Fb3ProposalForm(forms.ModelForm):
    class Meta:
        model = Fb3Proposal
        fields = ["needs_analysis", "goals", "duration_months", "budget", "evaluation_plan"]
        widgets = {
            name: forms.Textarea(attrs={"rows": 4})
            for name in ("needs_analysis", "goals", "evaluation_plan")
        }
        localized_fields = ["budget"]
        field_classes = {"budget": EuroField}

    def clean_budget(self):
        budget = self.cleaned_data["budget"]
        if budget < 0:
            raise forms.ValidationError(_("Beträge können nicht negativ sein."))
        return budget


class Fb3StepForm(forms.Form):
    step = forms.CharField(widget=forms.HiddenInput)
    note = forms.CharField(
        label=_("Begründung / Anmerkung"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    decided_on = forms.DateField(
        label=_("Entscheidung vom"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    document = forms.FileField(label=_("Bescheid"), required=False, validators=[])
    conditions = forms.CharField(
        label=_("Auflagen"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean_document(self):
        upload = self.cleaned_data.get("document")
        if upload:
            for validator in DOCUMENT_VALIDATORS:
                validator(upload)
        return upload
