"""Forms of the measure documents and the coordinator's check. Messages are German; a
refused form changes nothing."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from lotse.accountability import checks
from lotse.accountability.models import CoordinatorCheck, MeasureDocument
from lotse.concept.models import StateConceptItem
from lotse.funding.models import ProgressReport

MAX_TEXT = 20_000
MAX_NOTE = 5_000
REPORT_FIELDS = ("activities", "reach", "cooperation", "difficulties", "outlook")


class LockedForm(forms.Form):
    """Carries the lock_version of the document as the page showed it."""

    lock_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


def _text(label, *, required: bool = False, rows: int = 5, help_text: str = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=MAX_TEXT,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class ProfileForm(LockedForm):
    """The Projektsteckbrief's own texts; the facts come from the measure's record."""

    description = _text(MeasureDocument._meta.get_field("description").verbose_name, required=True)
    target_group = _text(MeasureDocument._meta.get_field("target_group").verbose_name, rows=3)


class ReportForm(LockedForm):
    """The Sachbericht's texts (funding.ProgressReport). No personal data about families."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in REPORT_FIELDS:
            self.fields[name] = _text(ProgressReport._meta.get_field(name).verbose_name)

    def texts(self) -> dict[str, str]:
        return {name: self.cleaned_data[name] for name in REPORT_FIELDS}


VERDICTS = [("", "---------"), *CoordinatorCheck.Verdict.choices]
KEPT_CHOICES = [("", "---------"), ("yes", _("eingehalten")), ("no", _("nicht eingehalten"))]


class CheckForm(LockedForm):
    """NWK-P1 to NWK-P3 in one form: it is saved complete or not at all."""

    need_verdict = forms.ChoiceField(label=_("NWK-P1: Bedarfsgerechtigkeit"), choices=VERDICTS)
    need = _text(_("Welchem Bedarf dient die Maßnahme?"), rows=3)
    need_sources = forms.MultipleChoiceField(
        label=_("Belege für den Bedarf"),
        choices=CoordinatorCheck.Source.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    need_evidence = _text(_("Was zeigen die Belege?"), rows=3)
    need_reason = _text(
        _("Begründung"),
        rows=2,
        help_text=_("Nötig bei „nicht zutreffend“, „teilweise erfüllt“ und „nicht erfüllt“."),
    )
    goals_verdict = forms.ChoiceField(label=_("NWK-P3: Zielerreichung"), choices=VERDICTS)
    goals_note = _text(_("Bewertung anhand der Indikatoren"), rows=3)

    def __init__(self, *args, requirements: list[StateConceptItem], **kwargs):
        super().__init__(*args, **kwargs)
        self.requirements = requirements
        for item in requirements:
            # Only kept / not kept: a minimum requirement is never "not applicable".
            self.fields[f"req_{item.pk}_kept"] = forms.ChoiceField(
                label=f"NWK-P2: {item.code} {item.title}", choices=KEPT_CHOICES
            )
            self.fields[f"req_{item.pk}_note"] = forms.CharField(
                label=_("Anmerkung zu %(code)s") % {"code": item.code},
                required=False,
                max_length=MAX_NOTE,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        problems = checks.part_problems(
            need_verdict=cleaned["need_verdict"],
            need=cleaned["need"],
            need_sources=cleaned["need_sources"],
            need_evidence=cleaned["need_evidence"],
            need_reason=cleaned["need_reason"],
            goals_verdict=cleaned["goals_verdict"],
            goals_note=cleaned["goals_note"],
        )
        for item in self.requirements:
            if (
                cleaned[f"req_{item.pk}_kept"] == "no"
                and not cleaned[f"req_{item.pk}_note"].strip()
            ):
                self.add_error(
                    f"req_{item.pk}_note",
                    _("Bitte begründen, warum %(code)s nicht eingehalten ist.")
                    % {"code": item.code},
                )
        if problems:
            raise forms.ValidationError(problems)
        return cleaned

    def values(self) -> dict:
        names = ("need_verdict", "need", "need_sources", "need_evidence", "need_reason")
        values = {name: self.cleaned_data[name] for name in names}
        values["goals_verdict"] = self.cleaned_data["goals_verdict"]
        values["goals_note"] = self.cleaned_data["goals_note"]
        return values

    def requirement_values(self) -> list[tuple[StateConceptItem, bool, str]]:
        return [
            (
                item,
                self.cleaned_data[f"req_{item.pk}_kept"] == "yes",
                self.cleaned_data[f"req_{item.pk}_note"],
            )
            for item in self.requirements
        ]

    def requirement_rows(self):
        """(item, kept field, note field) for the template."""
        return [
            (item, self[f"req_{item.pk}_kept"], self[f"req_{item.pk}_note"])
            for item in self.requirements
        ]

    @classmethod
    def initial_from(cls, check: CoordinatorCheck | None, lock_version: int) -> dict:
        initial: dict = {"lock_version": lock_version}
        if check is None:
            return initial
        for name in (
            "need_verdict",
            "need",
            "need_sources",
            "need_evidence",
            "need_reason",
            "goals_verdict",
            "goals_note",
        ):
            initial[name] = getattr(check, name)
        for row in check.requirements.all():
            initial[f"req_{row.requirement_id}_kept"] = "yes" if row.kept else "no"
            initial[f"req_{row.requirement_id}_note"] = row.note
        return initial


class StepForm(LockedForm):
    step = forms.CharField(max_length=40)
    note = forms.CharField(required=False, max_length=MAX_NOTE)
