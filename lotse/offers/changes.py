"""An offer's content as data: what a provider proposes, what the coordinator compares.

A live offer (approved) keeps its approved version public while a change that parents rely
on waits for the district's network coordinator (change_review.py). The proposal is the
whole content of the offer form as JSON (`content_data`), the live version is read the same
way (`offer_data`), and `differences` compares the two field by field with German labels.

Which corrections go live at once: `AT_ONCE`, the ways to reach the provider (phone,
e-mail, website). A wrong phone number should be put right the same day, and a parent who
calls or writes reaches the provider either way; everything else (name, description, ages,
places, times, costs, topics, languages …) waits for the coordinator.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lotse.core.money import euro
from lotse.offers import schedules
from lotse.offers.actions import OfferContent
from lotse.offers.forms import OfferForm, ScheduleForm
from lotse.offers.languages import language_names
from lotse.offers.models import Offer, Schedule, Topic
from lotse.organizations.models import Organization
from lotse.regions.geo import distance_km
from lotse.regions.models import District

# Go live at once: the ways to reach the provider.
AT_ONCE = ("phone", "email", "url")

# A proposal holds every field of the provider's offer form.
OFFER_FIELDS = tuple(OfferForm.Meta.fields)
VENUE_KEYS = (
    "location_id",
    "name",
    "address_1",
    "postal_code",
    "city",
    "latitude",
    "longitude",
    "accessibility",
)
SCHEDULE_KEYS = (
    "freq",
    "byday",
    "opens_at",
    "closes_at",
    "dtstart",
    "count",
    "until",
    "valid_from",
    "valid_to",
    "description",
)

# Labels of what is not a model field of the offer (the model's verbose names label the rest).
PART_LABELS = {
    "languages": gettext_lazy("Sprachen im Angebot"),
    "cost_amount": gettext_lazy("Kosten in Euro"),
    "outreach_districts": gettext_lazy("Kommt zu Familien nach Hause in"),
    "online": gettext_lazy("auch online oder per Telefon"),
    "online_url": gettext_lazy("Adresse des Online-Angebots"),
    "venues": gettext_lazy("Orte"),
    "schedules": gettext_lazy("Zeiten"),
    "service_areas": gettext_lazy("Gebiete"),
    "verified_at": gettext_lazy("zuletzt geprüft am"),
}
ORDER = (
    "name",
    "description",
    "easy_read",
    "topics",
    "status",
    "pregnancy_eligible",
    "age_min_months",
    "age_max_months",
    "languages",
    "cost_amount",
    "fees_description",
    "venues",
    "outreach_districts",
    "online",
    "online_url",
    "schedules",
    "phone",
    "email",
    "url",
    "funding_area_code",
    "organization",
)


def label(name: str) -> str:
    """The German label (in the active language) of a part of an offer or an audit key."""
    if name in PART_LABELS:
        return str(PART_LABELS[name])
    if name.startswith("translation_"):
        return _("Übersetzung (%(language)s)") % {
            "language": ", ".join(language_names([name.removeprefix("translation_")]))
        }
    try:
        return str(Offer._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:  # an audit key of an older release: shown as it was stored
        return name


def _text(value: Any) -> Any:
    """A JSON-able value: dates and times as ISO text, decimals as text."""
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def content_data(content: OfferContent) -> dict[str, Any]:
    """The offer form's content as JSON (the proposal stored with an OfferChange)."""
    fields = {}
    for name in OFFER_FIELDS:
        value = content.fields.get(name)
        if name == "organization":
            value = str(value.pk) if value is not None else None
        elif name == "topics":
            value = sorted(topic.code for topic in value or [])
        fields[name] = _text(value)
    return {
        "fields": fields,
        "languages": sorted(dict.fromkeys(content.languages)),
        "cost_amount": _text(content.cost_amount) if content.cost_amount else None,
        "outreach_districts": sorted(district.ags for district in content.outreach_districts),
        "online": bool(content.online),
        "online_url": content.online_url if content.online else "",
        "venues": [
            {
                key: str(venue[key]) if key == "location_id" and venue.get(key) else venue.get(key)
                for key in VENUE_KEYS
            }
            for venue in content.venues
        ],
        "schedules": [{key: _text(s.get(key)) for key in SCHEDULE_KEYS} for s in content.schedules],
        "easy_read_fits": bool(content.easy_read_fits),
    }


def offer_data(offer: Offer) -> dict[str, Any]:
    """The live offer in the same shape as a proposal."""
    links = offer.service_at_locations.select_related("location").order_by("id")
    physical = [link.location for link in links if link.location.location_type == "physical"]
    virtual = [link.location for link in links if link.location.location_type == "virtual"]
    costs = [option.amount for option in offer.cost_options.all() if option.amount]
    fields = {name: getattr(offer, name) for name in OFFER_FIELDS if name != "topics"}
    fields["topics"] = list(offer.topics.all())
    fields["organization"] = offer.organization
    content = OfferContent(
        fields=fields,
        languages=list(offer.languages.values_list("code", flat=True)),
        cost_amount=max(costs) if costs else None,
        outreach_districts=District.objects.without_boundaries().filter(
            ags__in=offer.service_areas.values("ags")
        ),
        online=bool(virtual),
        online_url=virtual[0].url if virtual else "",
        venues=[
            {
                "location_id": location.pk,
                **{key: getattr(location, key) for key in VENUE_KEYS if key != "location_id"},
            }
            for location in physical
        ],
        schedules=[
            {key: getattr(schedule, key) for key in SCHEDULE_KEYS}
            for schedule in offer.schedules.order_by("dtstart", "freq", "byday", "opens_at")
        ],
    )
    return content_data(content)


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def _time(value: str | None) -> datetime.time | None:
    return datetime.time.fromisoformat(value) if value else None


def _schedule(values: dict[str, Any]) -> dict[str, Any]:
    return {
        **values,
        "opens_at": _time(values.get("opens_at")),
        "closes_at": _time(values.get("closes_at")),
        "dtstart": _date(values.get("dtstart")),
        "until": _date(values.get("until")),
        "valid_from": _date(values.get("valid_from")),
        "valid_to": _date(values.get("valid_to")),
    }


def content_from(data: dict[str, Any]) -> OfferContent:
    """A stored proposal as the content `actions.save_offer` writes."""
    fields = dict(data["fields"])
    fields["organization"] = Organization.objects.get(pk=fields["organization"])
    fields["topics"] = list(Topic.objects.filter(code__in=fields["topics"]))
    amount = data.get("cost_amount")
    return OfferContent(
        fields=fields,
        languages=list(data.get("languages") or []),
        cost_amount=Decimal(amount) if amount else None,
        outreach_districts=list(
            District.objects.without_boundaries().filter(ags__in=data.get("outreach_districts", []))
        ),
        online=bool(data.get("online")),
        online_url=data.get("online_url") or "",
        venues=[dict(venue) for venue in data.get("venues", [])],
        schedules=[_schedule(values) for values in data.get("schedules", [])],
        easy_read_fits=bool(data.get("easy_read_fits")),
    )


def form_initial(data: dict[str, Any]) -> tuple[dict, list[dict], list[dict]]:
    """What the offer form, its venues and its times show of a proposal."""
    fields = dict(data["fields"])
    fields["topics"] = list(
        Topic.objects.filter(code__in=fields["topics"]).values_list("pk", flat=True)
    )
    offer_initial = {
        **fields,
        "languages": data.get("languages") or [],
        "cost_amount": data.get("cost_amount"),
        "outreach_districts": list(
            District.objects.filter(ags__in=data.get("outreach_districts", [])).values_list(
                "pk", flat=True
            )
        ),
        "online": data.get("online"),
        "online_url": data.get("online_url"),
    }
    times = [
        row
        for values in data.get("schedules", [])
        for row in ScheduleForm.initial_for(Schedule(**_schedule(values)))
    ]
    return offer_initial, [dict(venue) for venue in data.get("venues", [])], times


# --- Reading a version for people --------------------------------------------------------------


def _yes_no(value: bool) -> str:
    return _("ja") if value else _("nein")


def venue_words(venue: dict[str, Any]) -> str:
    """ "Familienzentrum, Markt 1, 17489 Greifswald (Karte: 54.09310, 13.38740)"."""
    town = " ".join(part for part in (venue.get("postal_code"), venue.get("city")) if part)
    address = ", ".join(part for part in (venue.get("name"), venue.get("address_1"), town) if part)
    words = address
    if venue.get("latitude") is not None and venue.get("longitude") is not None:
        words += " " + _("(Karte: %(lat).5f, %(lon).5f)") % {
            "lat": venue["latitude"],
            "lon": venue["longitude"],
        }
    if venue.get("accessibility"):
        words += " – " + _("Barrierefreiheit: %(text)s") % {"text": venue["accessibility"]}
    return words


def schedule_words(values: dict[str, Any]) -> str:
    schedule = Schedule(**_schedule(values))
    words = schedules.in_words(schedule)
    if schedule.description and schedule.description != words:
        words = f"{words} ({schedule.description})"
    return words


def readable(data: dict[str, Any]) -> dict[str, str]:
    """Every part of a version as German text, keyed like ORDER."""
    fields = data["fields"]
    topics = {topic.code: topic.translated_label for topic in Topic.objects.all()}
    statuses = dict(Offer.Status.choices)
    organization = Organization.objects.filter(pk=fields["organization"]).first()
    districts = dict(
        District.objects.filter(ags__in=data.get("outreach_districts", [])).values_list(
            "ags", "name"
        )
    )
    none = "–"
    shown = {
        "name": fields["name"] or none,
        "description": fields["description"] or none,
        "easy_read": fields["easy_read"] or none,
        "topics": ", ".join(topics.get(code, code) for code in fields["topics"]) or none,
        "status": str(statuses.get(fields["status"], fields["status"])),
        "pregnancy_eligible": _yes_no(fields["pregnancy_eligible"]),
        "age_min_months": str(fields["age_min_months"]),
        "age_max_months": none
        if fields["age_max_months"] is None
        else str(fields["age_max_months"]),
        "languages": ", ".join(language_names(data.get("languages") or []))
        or _("Deutsch (ohne Angabe)"),
        "cost_amount": euro(data["cost_amount"]) if data.get("cost_amount") else _("kostenfrei"),
        "fees_description": fields["fees_description"] or none,
        "venues": "\n".join(venue_words(venue) for venue in data.get("venues", [])) or none,
        "outreach_districts": ", ".join(
            districts.get(ags, ags) for ags in data.get("outreach_districts", [])
        )
        or none,
        "online": _yes_no(data.get("online")),
        "online_url": data.get("online_url") or none,
        "schedules": "\n".join(schedule_words(values) for values in data.get("schedules", []))
        or none,
        "phone": fields["phone"] or none,
        "email": fields["email"] or none,
        "url": fields["url"] or none,
        "funding_area_code": fields["funding_area_code"] or none,
        "organization": organization.name if organization else none,
    }
    return {name: shown[name] for name in ORDER}


@dataclass(frozen=True)
class Difference:
    name: str
    label: str
    old: str
    new: str


def _comparable(data: dict[str, Any], name: str) -> Any:
    """A part as compared: venues and times regardless of their order, the rest as stored."""
    if name in data["fields"]:
        return data["fields"][name]
    value = data.get(name)
    if name == "venues":
        return sorted(
            tuple((key, venue.get(key)) for key in VENUE_KEYS if key != "location_id")
            for venue in value or []
        )
    if name == "schedules":
        return sorted(
            tuple((key, values.get(key) or None) for key in SCHEDULE_KEYS) for values in value or []
        )
    return value or None


def changed_parts(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """The parts (ORDER's names) in which two versions differ."""
    return [name for name in ORDER if _comparable(before, name) != _comparable(after, name)]


def needs_review(before: dict[str, Any], after: dict[str, Any]) -> bool:
    """Whether a proposal changes something parents rely on (anything but AT_ONCE)."""
    return any(name not in AT_ONCE for name in changed_parts(before, after))


def differences(
    before: dict[str, Any], after: dict[str, Any], *, parts: tuple[str, ...] | None = None
) -> list[Difference]:
    """Field by field, old → new, with German labels; AT_ONCE parts are left out."""
    names = [
        name
        for name in changed_parts(before, after)
        if name not in AT_ONCE and (parts is None or name in parts)
    ]
    if not names:
        return []
    old, new = readable(before), readable(after)
    if "venues" in names:
        new["venues"] = "\n".join([new["venues"], *_moves(before, after)])
    return [Difference(name, label(name), old[name], new[name]) for name in names]


def _moves(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """How far each kept venue's point moved on the map, so a pin set far off shows."""
    was = {venue["location_id"]: venue for venue in before.get("venues", [])}
    moves = []
    for venue in after.get("venues", []):
        old = was.get(venue.get("location_id"))
        if old is None or None in (venue.get("latitude"), old.get("latitude")):
            continue
        km = distance_km(old["latitude"], old["longitude"], venue["latitude"], venue["longitude"])
        if km >= 0.05:
            moves.append(
                _("%(place)s: auf der Karte %(km)s km verschoben")
                % {"place": venue.get("name") or venue.get("address_1"), "km": number_format(km, 1)}
            )
    return moves


def at_once_values(after: dict[str, Any]) -> dict[str, Any]:
    return {name: after["fields"][name] for name in AT_ONCE}
