"""Forms of the LKS's statewide events. Bad input gets a German message and changes nothing."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from lotse.networks.models import Coordination
from lotse.regions.models import District
from lotse.statewide.actions import EVENT_FIELDS
from lotse.statewide.models import Profession, StatewideEvent
from lotse.statewide.queries import platform_coordinations

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class EventForm(forms.ModelForm):
    class Meta:
        model = StatewideEvent
        fields = list(EVENT_FIELDS)
        widgets = {
            "held_on": DATE,
            "agenda": forms.Textarea(attrs={"rows": 4}),
            "results": forms.Textarea(attrs={"rows": 6}),
        }
        help_texts = {
            "co_organiser": _("Beim Fachtag: die Landesfachstelle Familienhebammen (LKS-E8)."),
            "moderation": _(
                "Beim IQZ: wer moderiert, z. B. die Kassenärztliche Vereinigung MV mit der "
                "Netzwerkkoordination (LKS-E9). Nur Rollen oder Einrichtungen, keine Familien."
            ),
            "district": _("Beim IQZ: wo der Qualitätszirkel arbeitet (optional)."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = District.objects.order_by("ags")

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind == StatewideEvent.Kind.CONFERENCE and not data.get("co_organiser", "").strip():
            self.add_error(
                "co_organiser",
                _("Ein Fachtag findet mit der Landesfachstelle Familienhebammen statt (LKS-E8)."),
            )
        if kind == StatewideEvent.Kind.QUALITY_CIRCLE and not data.get("moderation", "").strip():
            self.add_error("moderation", _("Bitte nennen Sie die Moderation des IQZ."))
        return data


class AttendanceForm(forms.Form):
    """The network coordinators at a platform meeting: those in post on its day, by district."""

    attendees = forms.ModelMultipleChoiceField(
        label=_("Teilgenommen haben"),
        queryset=Coordination.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, event: StatewideEvent, **kwargs):
        super().__init__(*args, **kwargs)
        in_post = platform_coordinations(event.held_on)
        already = event.attendees.values("pk")
        field = self.fields["attendees"]
        field.queryset = (
            (
                Coordination.objects.filter(pk__in=in_post.values("pk"))
                | Coordination.objects.filter(pk__in=already)
            )
            .select_related("network__district")
            .order_by("network__district__ags", "person_name")
        )
        field.label_from_instance = lambda coordination: (
            f"{coordination.network.district.name}: {coordination.person_name}"
        )


class CircleMembersForm(forms.Form):
    """Members of an IQZ by profession: numbers only, never names."""

    def __init__(self, *args, event: StatewideEvent, **kwargs):
        super().__init__(*args, **kwargs)
        counts = {m.profession: m.count for m in event.circle_members.all()}
        for profession in Profession:
            self.fields[profession.value] = forms.IntegerField(
                label=profession.label,
                min_value=0,
                max_value=999,
                required=False,
                initial=counts.get(profession.value),
            )

    def counts(self) -> dict[str, int | None]:
        return {
            profession.value: self.cleaned_data.get(profession.value) for profession in Profession
        }
