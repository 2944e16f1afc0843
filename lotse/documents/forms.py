"""Forms of concepts and reports. Validation messages are German."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from lotse.concept.models import ChecklistItem, StateConcept, StateConceptItem
from lotse.documents.models import Attachment, ChecklistAssessment, StateOfficeTask
from lotse.networks.forms import ItemStatusForm

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


class ModuleStatusForm(ItemStatusForm):
    """The district's status of one item in the document's year, with its goals."""

    goals = forms.CharField(
        label=_("Ziele"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=5000
    )


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


class PublishDetailsForm(forms.Form):
    """What the publication of a regional concept asks for; empty for the other steps."""

    decided_on = forms.DateField(
        label=_("Beschluss vom"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    decided_by = forms.CharField(
        label=_("Beschlossen von (Gremium)"),
        required=False,
        max_length=200,
        help_text=_("z. B. Jugendhilfeausschuss"),
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


class EditionStepForm(forms.Form):
    step = forms.CharField(widget=forms.HiddenInput)
    on = forms.DateField(
        label=_("am"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    note = forms.CharField(
        label=_("Anmerkung"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class EditionDeadlinesForm(forms.ModelForm):
    """The deadlines the LKS sets; the publication day only once the edition is published."""

    concept_due_months = forms.IntegerField(
        label=_("Regionalkonzept fällig (Monate nach Veröffentlichung)"), min_value=1, max_value=36
    )
    report_due_months = forms.IntegerField(
        label=_("Jahresbericht fällig (Monate nach Ende des Berichtsjahres)"),
        min_value=1,
        max_value=12,
    )

    class Meta:
        model = StateConcept
        fields = ["concept_due_months", "report_due_months", "published_on"]
        widgets = {"published_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.is_public():
            del self.fields["published_on"]
        else:
            self.fields["published_on"].required = True


class ObligationForm(forms.Form):
    """One development module: its obligation, and whether the LKS has confirmed it."""

    obligation = forms.ChoiceField(
        label=_("Verbindlichkeit"), choices=StateConceptItem.Obligation.choices
    )
    confirmed = forms.BooleanField(label=_("von der LKS bestätigt"), required=False)
