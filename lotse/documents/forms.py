"""Forms of concepts and reports. Validation messages are German."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from lotse.concept.models import ChecklistItem, StateConceptItem
from lotse.documents.models import Attachment, ChecklistAssessment, ModuleStatus, StateOfficeTask

MAX_TEXT = 100_000


class SectionForm(forms.Form):
    text = forms.CharField(
        label=_("Text (Markdown)"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 18}),
        help_text=_(
            "Überschriften mit #, Listen mit - oder 1., Tabellen mit | Spalte | Spalte |. Zahlen aus Lotse mit [[name]], Tabellen mit [[tabelle:name]]."
        ),
    )
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class ModuleStatusForm(forms.ModelForm):
    class Meta:
        model = ModuleStatus
        fields = ["status", "reason", "goals"]
        widgets = {
            "reason": forms.Textarea(attrs={"rows": 2}),
            "goals": forms.Textarea(attrs={"rows": 2}),
        }

    def clean(self):
        cleaned = super().clean()
        status = cleaned.get("status")
        module = self.instance.module
        if status == ModuleStatus.Status.NOT_APPLICABLE:
            if module.obligation == StateConceptItem.Obligation.REQUIRED:
                self.add_error(
                    "status",
                    _(
                        "Ein erforderlicher Entwicklungsbaustein kann nicht „nicht zutreffend“ sein."
                    ),
                )
            elif not (cleaned.get("reason") or "").strip():
                self.add_error(
                    "reason", _("Bitte begründen Sie, warum der Baustein nicht zutrifft.")
                )
        return cleaned


class AssessmentForm(forms.ModelForm):
    class Meta:
        model = ChecklistAssessment
        fields = ["verdict"]


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Anmerkung"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    section = forms.IntegerField(required=False, widget=forms.HiddenInput)
    checklist_item = forms.IntegerField(required=False, widget=forms.HiddenInput)


class TransitionForm(forms.Form):
    step = forms.CharField(widget=forms.HiddenInput)
    note = forms.CharField(
        label=_("Anmerkung für die andere Seite"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AttachmentForm(forms.ModelForm):
    class Meta:
        model = Attachment
        fields = ["title", "file"]


class StartAnnualReportForm(forms.Form):
    year = forms.IntegerField(label=_("Berichtsjahr"), min_value=2018, max_value=2100)


class ChecklistItemForm(forms.ModelForm):
    class Meta:
        model = ChecklistItem
        fields = ["code", "group", "text", "required", "section_key", "position", "retired"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}


class StateOfficeTaskForm(forms.ModelForm):
    class Meta:
        model = StateOfficeTask
        fields = ["status", "evidence"]
        widgets = {"evidence": forms.Textarea(attrs={"rows": 2})}
