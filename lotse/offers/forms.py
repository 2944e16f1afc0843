"""The parents' search form and the providers' offer forms. Bad input gets a German message."""

import json

from django import forms
from django.utils.translation import gettext_lazy as _

from lotse.concept.models import FundingArea, StateConcept
from lotse.core.contact_details import validate_web_address
from lotse.core.widgets import Select
from lotse.offers import contacts, schedules, venues
from lotse.offers.hsds_import import too_deep_message
from lotse.offers.languages import language_choice_lazy
from lotse.offers.models import Location, Offer, Schedule, Topic
from lotse.offers.schedules import MONTHLY, WEEKLY
from lotse.offers.search import WEEKDAYS, SearchCriteria
from lotse.regions.models import District
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
# Names in the page's language, as everywhere an offer's languages are shown, and in the
# language itself.
LANGUAGE_CHOICES = [("", _("egal"))] + [
    (code, language_choice_lazy(code)) for code in ("de", "en", "uk", "ar", "ru", "tr", "pl")
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
    age = forms.ChoiceField(
        label=_("Alter des Kindes"), choices=AGE_CHOICES, required=False, widget=Select
    )
    radius = forms.TypedChoiceField(
        label=_("Umkreis"),
        choices=RADIUS_CHOICES,
        coerce=int,
        required=False,
        empty_value=DEFAULT_RADIUS_KM,
        widget=Select,
    )
    topic = forms.ChoiceField(label=_("Thema"), required=False, widget=Select)
    language = forms.ChoiceField(
        label=_("Sprache"), choices=LANGUAGE_CHOICES, required=False, widget=Select
    )
    day = forms.ChoiceField(
        label=_("Wochentag"),
        choices=[("", _("egal"))] + list(zip(WEEKDAYS, WEEKDAY_LABELS, strict=True)),
        required=False,
        widget=Select,
    )
    free = forms.BooleanField(label=_("nur kostenfreie Angebote"), required=False)

    def __init__(self, data=None, *args, **kwargs):
        if data is not None and not data.get("radius"):
            # A shared link without a radius searches, and shows, the default 10 km.
            data = data.copy()
            data["radius"] = str(DEFAULT_RADIUS_KM)
        super().__init__(data, *args, **kwargs)
        self.fields["topic"].choices = [("", _("alle Themen"))] + [
            (topic.code, topic.translated_label) for topic in Topic.objects.order_by("position")
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


# --- Provider upkeep ------------------------------------------------------------------------

OFFER_LANGUAGE_CHOICES = [choice for choice in LANGUAGE_CHOICES if choice[0]] + [
    (code, language_choice_lazy(code)) for code in ("fa", "vi")
]


class OfferForm(forms.ModelForm):
    """What a provider keeps current about an offer; venues and times are formsets beside it."""

    languages = forms.MultipleChoiceField(
        label=_("Sprachen im Angebot"),
        choices=OFFER_LANGUAGE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Ohne Angabe gilt: Deutsch."),
    )
    cost_amount = forms.DecimalField(
        label=_("Kosten in Euro"),
        min_value=0,
        max_digits=8,
        decimal_places=2,
        required=False,
        help_text=_("Leer oder 0: kostenfrei."),
    )
    outreach_districts = forms.ModelMultipleChoiceField(
        label=_("Kommt zu Familien nach Hause in"),
        queryset=District.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Für aufsuchende Angebote, z. B. Familienhebammen."),
    )
    online = forms.BooleanField(label=_("auch online oder per Telefon"), required=False)
    online_url = forms.URLField(
        label=_("Adresse des Online-Angebots"),
        required=False,
        assume_scheme="https",
        validators=[validate_web_address],
    )
    url = forms.URLField(
        label=_("Website"), required=False, assume_scheme="https", validators=[validate_web_address]
    )
    easy_read_fits = forms.BooleanField(
        label=_("Der Text in Leichter Sprache passt zur jetzigen Beschreibung"),
        required=False,
        help_text=_(
            "Ändern sich Name oder Beschreibung, sehen Eltern den Text in Leichter Sprache "
            "erst wieder, wenn Sie ihn überarbeitet oder hier bestätigt haben."
        ),
    )
    version = forms.CharField(widget=forms.HiddenInput, required=False)
    confirm_not_duplicate = forms.BooleanField(
        label=_("Das ist kein Doppel: trotzdem speichern"), required=False
    )

    class Meta:
        model = Offer
        fields = [
            "organization",
            "name",
            "description",
            "easy_read",
            "topics",
            "age_min_months",
            "age_max_months",
            "pregnancy_eligible",
            "fees_description",
            "email",
            "phone",
            "url",
            "status",
            "funding_area_code",
        ]
        widgets = {
            "topics": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 5}),
            "easy_read": forms.Textarea(attrs={"rows": 4}),
            "fees_description": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "easy_read": _("Eine kurze Zusammenfassung in Leichter Sprache (freiwillig)."),
            "age_max_months": _("Leer: keine Obergrenze."),
        }

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        self.fields["organization"].empty_label = None
        self.fields["topics"].required = True
        self.fields["outreach_districts"].queryset = District.objects.without_boundaries()
        self.fields["funding_area_code"] = forms.ChoiceField(
            label=_("Förderbereich"),
            required=False,
            choices=[("", _("nicht aus dem Fonds gefördert"))]
            + [
                (area.code, f"{area.code} – {area.title}")
                for area in FundingArea.objects.filter(
                    state_concept=StateConcept.objects.current(),
                    kind=FundingArea.Kind.FUNDING_AREA,
                ).order_by("position")
            ],
        )
        if not self.instance._state.adding:  # a UUID key exists before the first save
            self.initial.setdefault("version", self.instance.last_modified.isoformat())
            self.initial.setdefault(
                "languages", [language.code for language in self.instance.languages.all()]
            )
            costs = [c.amount for c in self.instance.cost_options.all() if c.amount]
            self.initial.setdefault("cost_amount", max(costs) if costs else None)
            self.initial.setdefault(
                "outreach_districts",
                District.objects.filter(
                    ags__in=self.instance.service_areas.values("ags")
                ).values_list("pk", flat=True),
            )
            virtual = self.instance.service_at_locations.filter(
                location__location_type=Location.Kind.VIRTUAL
            ).select_related("location")
            self.initial.setdefault("online", bool(virtual))
            self.initial.setdefault("online_url", virtual[0].location.url if virtual else "")

    def clean(self):
        data = super().clean()
        low, high = data.get("age_min_months"), data.get("age_max_months")
        if low is not None and high is not None and high < low:
            self.add_error(
                "age_max_months", _("Das Höchstalter darf nicht unter dem Mindestalter liegen.")
            )
        organization = data.get("organization")
        if organization is not None and not contacts.is_reachable(
            phone=data.get("phone") or "",
            email=data.get("email") or "",
            website=data.get("url") or "",
            organization=organization,
        ):
            self.add_error("phone", contacts.NO_CONTACT)
        return data


class VenueForm(forms.Form):
    """A place where the offer happens, placed with the pin on the map (venue-map.js) or
    taken from the provider's venues; nobody types coordinates (venues.py). Without a pin:
    a known venue at the same address, else the middle of the postcode."""

    location_id = forms.UUIDField(widget=forms.HiddenInput, required=False)
    known_venue = forms.ChoiceField(
        label=_("Einen Ihrer Orte übernehmen"),
        required=False,
        widget=Select,
        help_text=_("Übernimmt Adresse und Lage auf der Karte eines Ortes, den Sie schon nutzen."),
    )
    name = forms.CharField(label=_("Name des Ortes"), max_length=200, required=False)
    address_1 = forms.CharField(label=_("Straße und Hausnummer"), max_length=200, required=False)
    postal_code = forms.RegexField(
        label=_("PLZ"),
        regex=r"^\d{5}$",
        required=False,
        error_messages={"invalid": _("Bitte fünf Ziffern angeben.")},
    )
    city = forms.CharField(label=_("Ort"), max_length=100, required=False)
    latitude = forms.FloatField(widget=forms.HiddenInput, required=False)
    longitude = forms.FloatField(widget=forms.HiddenInput, required=False)
    accessibility = forms.CharField(
        label=_("Barrierefreiheit"),
        required=False,
        help_text=_("z. B. stufenloser Zugang, Wickelraum, barrierefreies WC"),
    )

    def __init__(self, *args, known_venues=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.known = {str(venue.pk): venue for venue in known_venues}
        self.fields["known_venue"].choices = [("", _("– ein neuer Ort –"))] + [
            (key, venues.venue_label(venue)) for key, venue in self.known.items()
        ]

    def clean(self):
        data = super().clean()
        known = self.known.get(data.get("known_venue") or "")
        if known is not None:
            for name in ("address_1", "postal_code", "city", "latitude", "longitude"):
                data[name] = getattr(known, name)
            for name in ("name", "accessibility"):
                data[name] = data.get(name) or getattr(known, name)
        for name in ("address_1", "postal_code", "city"):
            if not data.get(name) and name not in self.errors:
                self.add_error(name, _("Bitte angeben."))
        if self.errors:
            return data
        if known is None and self._address_changed_under_an_old_pin(data):
            data["latitude"] = data["longitude"] = None
        if data.get("latitude") is None or data.get("longitude") is None:
            self._place_without_pin(data)
        elif not venues.lies_in_mv(data["latitude"], data["longitude"]):
            self.add_error(
                None,
                _(
                    "Dieser Punkt liegt nicht in Mecklenburg-Vorpommern. Bitte setzen Sie die "
                    "Nadel auf der Karte auf den Ort des Angebots."
                ),
            )
        return data

    def _address_changed_under_an_old_pin(self, data) -> bool:
        """A stored venue with a new street or postcode whose pin was not moved (no map
        without JavaScript): its old point would be wrong, so it is placed anew."""
        initial = self.initial
        if not initial.get("location_id"):
            return False
        address = (data["address_1"].strip(), data["postal_code"].strip())
        if address == (initial.get("address_1"), initial.get("postal_code")):
            return False
        return (data.get("latitude"), data.get("longitude")) == (
            initial.get("latitude"),
            initial.get("longitude"),
        )

    def _place_without_pin(self, data) -> None:
        same = venues.same_address(self.known.values(), data["address_1"], data["postal_code"])
        if same is not None:
            data["latitude"], data["longitude"] = same.latitude, same.longitude
            return
        try:
            place = resolve_place(data["postal_code"])
        except (UnknownPlace, AmbiguousPlace):
            self.add_error(
                "postal_code", _("Diese PLZ kennen wir in Mecklenburg-Vorpommern nicht.")
            )
        else:
            data["latitude"], data["longitude"] = place.latitude, place.longitude


RHYTHM_CHOICES = [
    ("weekly", _("jede Woche")),
    ("monthly", _("jeden Monat")),
    ("once", _("einmal, an einem Tag")),
]
ORDINAL_CHOICES = [
    ("", "–"),
    ("1", _("am 1.")),
    ("2", _("am 2.")),
    ("3", _("am 3.")),
    ("4", _("am 4.")),
    ("5", _("am 5.")),
    ("-1", _("am letzten")),
]


class ScheduleForm(forms.Form):
    """When the offer meets: every week (hours, or a course with dates), every month on
    the 1st … 5th or last weekday (e.g. the first Wednesday), or once on a date.

    Cleaned, `freq` and `byday` are the schedule's rule parts (lotse.offers.schedules).
    """

    # Not required: without it a row is weekly, as every row was before monthly meetings.
    rhythm = forms.ChoiceField(
        label=_("Wie oft"), choices=RHYTHM_CHOICES, initial="weekly", required=False, widget=Select
    )
    ordinal = forms.ChoiceField(
        label=_("Welcher Wochentag im Monat"),
        choices=ORDINAL_CHOICES,
        required=False,
        widget=Select,
        help_text=_("Nur bei „jeden Monat“: z. B. „am 1.“ und Mittwoch für den ersten Mittwoch."),
    )
    byday = forms.MultipleChoiceField(
        label=_("Wochentage"),
        choices=list(zip(WEEKDAYS, WEEKDAY_LABELS, strict=True)),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    opens_at = forms.TimeField(label=_("von"), widget=forms.TimeInput(attrs={"type": "time"}))
    closes_at = forms.TimeField(label=_("bis"), widget=forms.TimeInput(attrs={"type": "time"}))
    dtstart = forms.DateField(
        label=_("Erster Termin am"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Für Kurse mit festen Terminen; bei „einmal“ der Tag des Termins."),
    )
    count = forms.IntegerField(
        label=_("Anzahl der Termine"), min_value=1, max_value=60, required=False
    )
    until = forms.DateField(
        label=_("letzter Termin am"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    valid_from = forms.DateField(
        label=_("gilt ab"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    valid_to = forms.DateField(
        label=_("gilt bis"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    description = forms.CharField(label=_("Hinweis zu den Zeiten"), max_length=200, required=False)

    def clean(self):
        data = super().clean()
        rhythm, days = data.get("rhythm") or "weekly", data.get("byday") or []
        if data.get("opens_at") and data.get("closes_at") and data["closes_at"] <= data["opens_at"]:
            self.add_error("closes_at", _("Das Ende muss nach dem Beginn liegen."))
        if rhythm in ("weekly", "monthly") and not days:
            self.add_error("byday", _("Bitte mindestens einen Wochentag wählen."))
        if rhythm == "monthly" and not data.get("ordinal"):
            self.add_error(
                "ordinal", _("Bitte wählen, der wievielte Wochentag im Monat gemeint ist.")
            )
        if rhythm == "once":
            if not data.get("dtstart"):
                self.add_error("dtstart", _("Ein einzelner Termin braucht ein Datum."))
            if data.get("count") or data.get("until"):
                self.add_error(
                    "count",
                    _("Ein einzelner Termin hat keine Anzahl und keinen letzten Termin."),
                )
        elif (data.get("count") or data.get("until")) and not data.get("dtstart"):
            self.add_error("dtstart", _("Ein Kurs mit Terminen braucht ein Startdatum."))
        if data.get("until") and data.get("dtstart") and data["until"] < data["dtstart"]:
            self.add_error("until", _("Der letzte Termin liegt vor dem ersten."))
        if (
            data.get("valid_to")
            and data.get("valid_from")
            and data["valid_to"] < data["valid_from"]
        ):
            self.add_error("valid_to", _("„gilt bis“ liegt vor „gilt ab“."))
        data["freq"], data["byday"] = self._rule(rhythm, data.get("ordinal") or "", days)
        return data

    @staticmethod
    def _rule(rhythm: str, ordinal: str, days: list[str]) -> tuple[str, str]:
        if rhythm == "monthly":
            return MONTHLY, ",".join(f"{ordinal}{day}" for day in days)
        if rhythm == "once":
            return "", ""
        return WEEKLY, ",".join(days)

    @staticmethod
    def initial_for(schedule: Schedule) -> list[dict]:
        """The rows that show a schedule: a monthly one with different ordinals (1WE,3FR)
        as one row per ordinal, which saves back to the same dates."""
        common = {
            "opens_at": schedule.opens_at,
            "closes_at": schedule.closes_at,
            "dtstart": schedule.dtstart,
            "count": schedule.count,
            "until": schedule.until,
            "valid_from": schedule.valid_from,
            "valid_to": schedule.valid_to,
            "description": schedule.description,
        }
        schedule_kind = schedules.kind(schedule)
        if schedule_kind == schedules.MONTHLY_MEETING:
            by_ordinal: dict[int, list[str]] = {}
            for ordinal, day in schedules.monthly_days(schedule):
                by_ordinal.setdefault(ordinal, []).append(day)
            return [
                {**common, "rhythm": "monthly", "ordinal": str(ordinal), "byday": days}
                for ordinal, days in by_ordinal.items()
            ]
        if schedule_kind == schedules.ONCE:
            return [{**common, "rhythm": "once", "dtstart": schedules.single_date(schedule)}]
        return [{**common, "rhythm": "weekly", "byday": schedules.byday_parts(schedule.byday)}]


VenueFormSet = forms.formset_factory(VenueForm, extra=1, can_delete=True, max_num=20)
ScheduleFormSet = forms.formset_factory(ScheduleForm, extra=1, can_delete=True, max_num=20)


class TranslationForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Sprache"), choices=[c for c in OFFER_LANGUAGE_CHOICES if c[0] != "de"]
    )
    name = forms.CharField(label=_("Name"), max_length=200)
    description = forms.CharField(label=_("Beschreibung"), widget=forms.Textarea(attrs={"rows": 5}))


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("HSDS-Datei (JSON)"),
        help_text=_(
            "Eine Liste von HSDS-3.0-Angeboten in der vollständigen Form, höchstens 20 MB."
        ),
    )

    MAX_BYTES = 20 * 1024 * 1024

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError(_("Die Datei ist größer als 20 MB."))
        try:
            records = json.loads(upload.read().decode("utf-8"))
        except RecursionError:
            raise forms.ValidationError(too_deep_message()) from None
        except UnicodeDecodeError:
            raise forms.ValidationError(_("Die Datei ist nicht in UTF-8 kodiert.")) from None
        except json.JSONDecodeError as error:
            raise forms.ValidationError(
                _("Kein gültiges JSON (Zeile %(line)s, Spalte %(column)s): %(message)s"),
                params={"line": error.lineno, "column": error.colno, "message": error.msg},
            ) from None
        self.cleaned_data["records"] = records
        return upload
