"""The parents' search form. Bad input gets a German message, never a 500."""

from django import forms
from django.utils.translation import gettext_lazy as _

from lotse.offers.models import Topic
from lotse.offers.search import WEEKDAYS, SearchCriteria
from lotse.regions.queries import AmbiguousPlace, PlaceMatch, UnknownPlace, resolve_place

PREGNANT = "schwanger"
AGE_CHOICES = [("", _("egal")), (PREGNANT, _("schwanger"))] + [
    (str(months), label)
    for months, label in [
        (0, _("unter 3 Monate")),
        (3, _("3–5 Monate")),
        (6, _("6–11 Monate")),
        (12, _("1 Jahr")),
        (24, _("2 Jahre")),
        (36, _("3 Jahre")),
    ]
]
DEFAULT_RADIUS_KM = 10
RADIUS_CHOICES = [(str(km), f"{km} km") for km in (5, 10, 20, 30, 50)]
LANGUAGE_CHOICES = [
    ("", _("egal")),
    ("de", "Deutsch"),
    ("en", "English"),
    ("uk", "Українська"),
    ("ar", "العربية"),
    ("ru", "Русский"),
    ("tr", "Türkçe"),
    ("pl", "Polski"),
]
WEEKDAY_LABELS = [
    _("Montag"),
    _("Dienstag"),
    _("Mittwoch"),
    _("Donnerstag"),
    _("Freitag"),
    _("Samstag"),
    _("Sonntag"),
]


class FinderForm(forms.Form):
    where = forms.CharField(label=_("PLZ oder Ort"), max_length=80)
    age = forms.ChoiceField(label=_("Alter des Kindes"), choices=AGE_CHOICES, required=False)
    radius = forms.TypedChoiceField(
        label=_("Umkreis"),
        choices=RADIUS_CHOICES,
        coerce=int,
        required=False,
        empty_value=DEFAULT_RADIUS_KM,
    )
    topic = forms.ChoiceField(label=_("Thema"), required=False)
    language = forms.ChoiceField(label=_("Sprache"), choices=LANGUAGE_CHOICES, required=False)
    day = forms.ChoiceField(
        label=_("Wochentag"),
        choices=[("", _("egal"))] + list(zip(WEEKDAYS, WEEKDAY_LABELS, strict=True)),
        required=False,
    )
    free = forms.BooleanField(label=_("nur kostenfreie Angebote"), required=False)

    def __init__(self, data=None, *args, **kwargs):
        if data is not None and not data.get("radius"):
            # A shared link without a radius searches, and shows, the default 10 km.
            data = data.copy()
            data["radius"] = str(DEFAULT_RADIUS_KM)
        super().__init__(data, *args, **kwargs)
        self.fields["topic"].choices = [("", _("alle Themen"))] + [
            (topic.code, topic.label) for topic in Topic.objects.order_by("position")
        ]
        self.fields["radius"].initial = str(DEFAULT_RADIUS_KM)

    def clean_where(self) -> PlaceMatch:
        text = self.cleaned_data["where"]
        try:
            return resolve_place(text)
        except UnknownPlace:
            raise forms.ValidationError(
                _("Diesen Ort oder diese PLZ kennen wir in Mecklenburg-Vorpommern nicht."),
                code="unknown_place",
            ) from None
        except AmbiguousPlace as ambiguous:
            names = "; ".join(f"{m.name} ({m.district_name})" for m in ambiguous.candidates)
            raise forms.ValidationError(
                _("Diesen Ortsnamen gibt es mehrmals. Bitte geben Sie die PLZ an: %(names)s"),
                params={"names": names},
                code="ambiguous_place",
            ) from None

    def criteria(self) -> SearchCriteria:
        data = self.cleaned_data
        place: PlaceMatch = data["where"]
        age = data.get("age") or ""
        return SearchCriteria(
            latitude=place.latitude,
            longitude=place.longitude,
            radius_km=data.get("radius") or DEFAULT_RADIUS_KM,
            age_months=int(age) if age and age != PREGNANT else None,
            pregnant=age == PREGNANT,
            topics=(data["topic"],) if data.get("topic") else (),
            language=data.get("language") or None,
            free_only=bool(data.get("free")),
            weekday=data.get("day") or None,
        )
