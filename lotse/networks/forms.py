"""Forms of the network workspace. Bad input gets a German message and changes nothing."""

from __future__ import annotations

import datetime

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotse.core.contact_details import validate_web_address
from lotse.networks import actions, item_status, sectors
from lotse.networks.models import (
    Coordination,
    ItemStatus,
    Meeting,
    ParentTopic,
    Partner,
    QualityStandard,
    Question,
    Sector,
    Survey,
    VolunteerService,
)
from lotse.networks.privacy import personal_data_in
from lotse.organizations.models import Organization
from lotse.regions.models import SocialArea

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def organizations_near(district):
    """Organisations with a seat, an offer or a partnership in the district."""
    return (
        Organization.objects.filter(
            Q(district=district)
            | Q(offers__district=district)
            | Q(partnerships__network__district=district)
        )
        .distinct()
        .order_by("name")
    )


def check_fte(form: forms.Form, name: str, *, allow_zero: bool) -> None:
    """A full-time equivalent between 0 (or just above) and 10."""
    value = form.cleaned_data.get(name)
    if value is None:
        return
    too_low = value < 0 if allow_zero else value <= 0
    if too_low or value > 10:
        form.add_error(name, _("Bitte einen Stellenanteil zwischen 0 und 10 angeben."))


class PartnerForm(forms.ModelForm):
    new_organization = forms.CharField(
        label=_("oder neue Organisation"),
        max_length=200,
        required=False,
        help_text=_("Nur wenn die Organisation oben fehlt."),
    )
    # The sectors the LKS keeps (sectors.py); a retired one stays on partners that have it.
    sector = forms.ChoiceField(label=_("Sektor"))

    class Meta:
        model = Partner
        fields = list(actions.PARTNER_FIELDS)
        widgets = {"since": DATE, "agreement_signed_on": DATE, "left_on": DATE}

    def __init__(self, *args, network, **kwargs):
        super().__init__(*args, **kwargs)
        self.network = network
        self.fields["organization"].queryset = organizations_near(network.district)
        self.fields["organization"].required = False
        keep = self.instance.sector if self.instance.pk else ""
        self.fields["sector"].choices = [("", "---------"), *sectors.sector_choices(keep)]

    def clean(self):
        data = super().clean()
        if not data.get("organization") and not data.get("new_organization", "").strip():
            self.add_error(
                "organization", _("Bitte wählen Sie eine Organisation oder geben Sie eine neue an.")
            )
        organization = data.get("organization")
        if organization and self.is_partner(organization):
            self.add_error("organization", _("Diese Organisation ist schon Partner des Netzwerks."))
        new_name = data.get("new_organization", "").strip()
        if not organization and new_name:
            named = actions.organization_named(new_name, district=self.network.district)
            if named and self.is_partner(named):
                self.add_error("new_organization", actions.already_partner(named))
        if data.get("left_on") and data.get("since") and data["left_on"] < data["since"]:
            self.add_error("left_on", _("Das Austrittsdatum liegt vor dem Beginn."))
        return data

    def is_partner(self, organization: Organization) -> bool:
        """Already a partner of this network (another record than the one edited)."""
        return (
            Partner.objects.filter(network=self.network, organization=organization)
            .exclude(pk=self.instance.pk)
            .exists()
        )


class SectorForm(forms.ModelForm):
    """The LKS names, orders, flags and retires a sector (sectors.save_sector)."""

    retired = forms.BooleanField(
        label=_("nicht mehr verwenden"),
        required=False,
        help_text=_(
            "Ein nicht mehr verwendeter Sektor wird neuen Partnern nicht mehr angeboten und "
            "zählt nicht mehr zur Abdeckung; Partner, die ihn haben, behalten ihn."
        ),
    )

    class Meta:
        model = Sector
        fields = ["name", "position", "is_health_care"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["retired"].initial = self.instance.retired_on is not None

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Bitte geben Sie eine Bezeichnung an."))
        if Sector.objects.filter(name__iexact=name).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("Einen Sektor mit dieser Bezeichnung gibt es schon."))
        return name


class MeetingForm(forms.ModelForm):
    online_url = forms.URLField(
        label=_("Online-Raum"),
        required=False,
        assume_scheme="https",
        validators=[validate_web_address],
    )
    date = forms.DateField(label=_("Datum"), widget=DATE)
    start = forms.TimeField(label=_("von"), widget=TIME)
    end = forms.TimeField(label=_("bis"), widget=TIME)

    class Meta:
        model = Meeting
        fields = [
            "kind",
            "title",
            "place",
            "online_url",
            "agenda",
            "minutes",
            "minutes_file",
            "invited",
        ]
        widgets = {
            "invited": forms.CheckboxSelectMultiple,
            "agenda": forms.Textarea(attrs={"rows": 4}),
            "minutes": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, network, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["invited"].queryset = network.partners.active().select_related("organization")
        if self.instance.pk:
            starts = timezone.localtime(self.instance.starts_at)
            ends = timezone.localtime(self.instance.ends_at)
            self.initial.update(date=starts.date(), start=starts.time(), end=ends.time())

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] <= data["start"]:
            self.add_error("end", _("Das Ende muss nach dem Beginn liegen."))
        if data.get("date") and data.get("start") and data.get("end"):
            zone = timezone.get_current_timezone()
            data["starts_at"] = datetime.datetime.combine(data["date"], data["start"], tzinfo=zone)
            data["ends_at"] = datetime.datetime.combine(data["date"], data["end"], tzinfo=zone)
        return data


class AttendanceForm(forms.Form):
    attended = forms.ModelMultipleChoiceField(
        label=_("Teilgenommen haben"),
        queryset=Partner.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attended"].queryset = meeting.network.partners.select_related(
            "organization"
        ).with_sector_name()
        self.fields["attended"].label_from_instance = lambda partner: (
            f"{partner.organization.name} ({partner.get_sector_display()})"
        )


class TaskForm(forms.Form):
    text = forms.CharField(label=_("Beschluss / Aufgabe"), max_length=300)
    owner = forms.CharField(label=_("verantwortlich"), max_length=200, required=False)
    due_on = forms.DateField(label=_("fällig am"), required=False, widget=DATE)


class QualityStandardForm(forms.ModelForm):
    class Meta:
        model = QualityStandard
        fields = list(actions.STANDARD_FIELDS)
        widgets = {
            "adopted_on": DATE,
            "next_review_on": DATE,
            "text": forms.Textarea(attrs={"rows": 5}),
        }

    def clean(self):
        data = super().clean()
        if (
            data.get("next_review_on")
            and data.get("adopted_on")
            and data["next_review_on"] < data["adopted_on"]
        ):
            self.add_error("next_review_on", _("Die Überprüfung liegt vor dem Beschluss."))
        return data


class CoordinationForm(forms.ModelForm):
    class Meta:
        model = Coordination
        fields = list(actions.COORDINATION_FIELDS)
        widgets = {"since": DATE, "until": DATE, "qualification": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, network, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employer_organization"].queryset = organizations_near(network.district)
        self.fields["fte"].min_value = 0
        self.fields["fte"].max_value = 10

    def clean(self):
        data = super().clean()
        if data.get("employer") == Coordination.Employer.PROVIDER and not data.get(
            "employer_organization"
        ):
            self.add_error("employer_organization", _("Bitte nennen Sie den beauftragten Träger."))
        check_fte(self, "fte", allow_zero=False)
        return data


class TrainingForm(forms.Form):
    title = forms.CharField(label=_("Fortbildung"), max_length=200)
    completed_on = forms.DateField(label=_("abgeschlossen am"), widget=DATE)


class SubNetworkForm(forms.Form):
    social_area = forms.ModelChoiceField(label=_("Sozialraum"), queryset=None)
    name = forms.CharField(label=_("Name"), max_length=200)
    linking_measures = forms.CharField(
        label=_("Verbindende Maßnahmen (schriftlich)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_(
            "Wie das Teilnetzwerk mit dem Netzwerk des Landkreises verbunden bleibt (FB-I-E3)."
        ),
    )

    def __init__(self, *args, district, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["social_area"].queryset = district.social_areas.filter(
            sub_network__isnull=True
        ).order_by("name")


class ItemStatusForm(forms.Form):
    """The status of one Landeskonzept item in one year. An unassessed item offers no
    preset: "noch nicht eingeschätzt" is not a status, so a careless save stores nothing."""

    status = forms.ChoiceField(
        label=_("Stand"),
        error_messages={"required": _("Bitte wählen Sie einen Stand.")},
    )
    reason = forms.CharField(
        label=_("Begründung oder Kommentar"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=2000,
    )

    def __init__(self, *args, item, may_stay_unassessed: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.item = item
        # On a page with many items, an unassessed one may stay so; once assessed, it keeps
        # a status (the history shows every earlier one).
        self.fields["status"].required = not may_stay_unassessed
        self.fields["status"].choices = [
            ("", _("– noch nicht eingeschätzt –")),
            *(
                (value, label)
                for value, label in ItemStatus.Status.choices
                if value != ItemStatus.Status.NOT_APPLICABLE or not item_status.is_mandatory(item)
            ),
        ]

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("status"):
            return cleaned
        try:
            item_status.check(self.item, cleaned["status"], cleaned.get("reason") or "")
        except forms.ValidationError as refusal:
            field = "reason" if refusal.code == "reason_needed" else "status"
            self.add_error(field, refusal)
        return cleaned


class ParentTopicForm(forms.Form):
    topic = forms.ChoiceField(label=_("Thema"), choices=ParentTopic.Topic.choices)
    social_area = forms.ModelChoiceField(
        label=_("Sozialraum"), queryset=None, required=False, empty_label=_("ganzer Landkreis")
    )
    month = forms.DateField(
        label=_("Monat"),
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
        input_formats=["%Y-%m", "%Y-%m-%d"],
    )
    text = forms.CharField(
        label=_("Kurzbeschreibung (ohne Namen und Kontaktdaten)"),
        max_length=280,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Was bewegt Eltern? Keine Namen, Telefonnummern, Adressen oder Geburtsdaten."),
    )

    def __init__(self, *args, district, **kwargs):
        super().__init__(*args, **kwargs)
        if district is not None:
            self.fields["social_area"].queryset = district.social_areas.order_by("name")

    def clean_month(self):
        month = self.cleaned_data["month"].replace(day=1)
        if month > timezone.localdate():
            raise forms.ValidationError(_("Der Monat liegt in der Zukunft."))
        return month

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        found = personal_data_in(text)
        if found:
            raise forms.ValidationError(
                _(
                    "Der Text enthält anscheinend %(what)s. Bitte beschreiben Sie das Thema "
                    "ohne Angaben, die eine Familie erkennbar machen."
                ),
                params={"what": " und ".join(found)},
                code="personal_data",
            )
        return text


class SurveyForm(forms.ModelForm):
    class Meta:
        model = Survey
        fields = ["title", "introduction", "audience", "opens_on", "closes_on"]
        widgets = {
            "opens_on": DATE,
            "closes_on": DATE,
            "introduction": forms.Textarea(attrs={"rows": 3}),
        }

    def clean(self):
        data = super().clean()
        if data.get("opens_on") and data.get("closes_on") and data["closes_on"] < data["opens_on"]:
            self.add_error("closes_on", _("Die Befragung endet vor ihrem Beginn."))
        return data


class QuestionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Art"), choices=Question.Kind.choices)
    text = forms.CharField(label=_("Frage"), max_length=300)
    choices = forms.CharField(
        label=_("Antwortmöglichkeiten (eine je Zeile)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("Nur für Fragen mit einer oder mehreren Antworten."),
    )
    required = forms.BooleanField(label=_("Pflichtfrage"), required=False)

    def clean(self):
        data = super().clean()
        options = [line.strip() for line in data.get("choices", "").splitlines() if line.strip()]
        if data.get("kind") in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
            if len(options) < 2:
                self.add_error("choices", _("Bitte mindestens zwei Antwortmöglichkeiten angeben."))
            if len(options) > 20:
                self.add_error("choices", _("Höchstens 20 Antwortmöglichkeiten."))
        else:
            options = []
        data["choices"] = options
        return data


class SurveyAnswerForm(forms.Form):
    """The questionnaire as parents or partners see it."""

    def __init__(self, *args, survey, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(survey.questions.all())
        for question in self.questions:
            name = f"frage_{question.pk}"
            options = [(str(i), label) for i, label in enumerate(question.choices)]
            if question.kind == Question.Kind.SINGLE:
                field = forms.ChoiceField(choices=options, widget=forms.RadioSelect)
            elif question.kind == Question.Kind.MULTIPLE:
                field = forms.MultipleChoiceField(
                    choices=options, widget=forms.CheckboxSelectMultiple
                )
            elif question.kind == Question.Kind.SCALE:
                field = forms.TypedChoiceField(
                    choices=[(str(n), str(n)) for n in range(1, 6)],
                    coerce=int,
                    widget=forms.RadioSelect,
                    help_text=_("1 = gar nicht, 5 = sehr"),
                )
            else:
                field = forms.CharField(
                    max_length=1000,
                    widget=forms.Textarea(attrs={"rows": 3}),
                    help_text=_("Bitte ohne Namen, Telefonnummern oder Adressen."),
                )
            field.label = question.text
            field.required = question.required
            self.fields[name] = field

    def clean(self):
        data = super().clean()
        for question in self.questions:
            name = f"frage_{question.pk}"
            if question.kind == Question.Kind.TEXT and data.get(name):
                found = personal_data_in(data[name])
                if found:
                    self.add_error(
                        name,
                        _(
                            "Ihre Antwort enthält anscheinend %(what)s. Bitte lassen Sie "
                            "persönliche Angaben weg – die Befragung ist anonym."
                        )
                        % {"what": " und ".join(found)},
                    )
        return data

    def answers(self) -> dict[int, object]:
        result: dict[int, object] = {}
        for question in self.questions:
            value = self.cleaned_data.get(f"frage_{question.pk}")
            if question.kind == Question.Kind.MULTIPLE and value:
                value = [int(v) for v in value]
            elif question.kind == Question.Kind.SINGLE and value not in (None, ""):
                value = [int(value)]
            result[question.pk] = value
        return result


class VolunteerServiceForm(forms.ModelForm):
    """The service and a met/evidence pair per minimum requirement of FB II.1.2."""

    class Meta:
        model = VolunteerService
        fields = [name for name in actions.VOLUNTEER_FIELDS if name != "requirements"]
        widgets = {"volunteer_training": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, network, requirements, **kwargs):
        super().__init__(*args, **kwargs)
        self.requirement_items = list(requirements)
        self.fields["provider"].queryset = organizations_near(network.district)
        self.fields["active_volunteers"].max_value = 5000
        stored = self.instance.requirements or {}
        for item in self.requirement_items:
            key = item.code.replace(".", "_").replace("-", "_")
            self.fields[f"met_{key}"] = forms.BooleanField(
                label=f"{item.code}: {item.title} – {_('erfüllt')}",
                required=False,
                initial=stored.get(item.code, {}).get("met", False),
            )
            self.fields[f"evidence_{key}"] = forms.CharField(
                label=_("Nachweis zu %(code)s") % {"code": item.code},
                required=False,
                max_length=1000,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=stored.get(item.code, {}).get("evidence", ""),
            )

    def clean(self):
        data = super().clean()
        check_fte(self, "guide_fte", allow_zero=True)
        requirements = {}
        for item in self.requirement_items:
            key = item.code.replace(".", "_").replace("-", "_")
            met, evidence = data.get(f"met_{key}", False), data.get(f"evidence_{key}", "").strip()
            if met and not evidence:
                self.add_error(f"evidence_{key}", _("Bitte nennen Sie den Nachweis."))
            requirements[item.code] = {"met": met, "evidence": evidence}
        data["requirements"] = requirements
        return data


class PartnerTopicForm(ParentTopicForm):
    """The same record for partner staff outside the workspace: they choose the network."""

    network = forms.ModelChoiceField(label=_("Netzwerk"), queryset=None)

    field_order = ["network", "topic", "social_area", "month", "text"]

    def __init__(self, *args, networks, **kwargs):
        super().__init__(*args, district=None, **kwargs)
        self.fields["network"].queryset = networks
        self.fields["social_area"].queryset = SocialArea.objects.filter(
            district__in=networks.values("district")
        ).order_by("district__ags", "name")
        self.order_fields(self.field_order)

    def clean(self):
        data = super().clean()
        network, area = data.get("network"), data.get("social_area")
        if network and area and area.district_id != network.district_id:
            self.add_error(
                "social_area", _("Dieser Sozialraum gehört nicht zum Landkreis des Netzwerks.")
            )
        return data
