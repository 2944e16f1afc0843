"""The write side of the offer directory: providers keep offers current, coordinators approve.

Rules:
- A new offer goes live once the district coordinator (or the LKS) approves it, or goes back
  to the provider with a note (approval.py); one made by a coordinator is approved by
  making it.
- Edits of a live offer by its provider: the ways to reach the provider go live at once
  (`correct_contact_details`); what parents rely on waits for the coordinator while the
  approved version stays public (change_review.py). Coordinators' edits go live at once.
  Everything lands in the audit log, field by field.
- Saving an offer, or one click on "still correct", counts as checking it (`verified_at`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from lotse.accounts import audit
from lotse.accounts.models import AuditEntry, Role, User
from lotse.offers import access, search_freshness, search_index
from lotse.offers.models import (
    CostOption,
    Location,
    Offer,
    OfferLanguage,
    OfferTranslation,
    Schedule,
    ServiceArea,
    ServiceAtLocation,
)
from lotse.offers.placement import place_offer
from lotse.offers.translations import german_text_digest
from lotse.regions.models import District

AUDITED_FIELDS = (
    "organization",
    "name",
    "description",
    "easy_read",
    "topics",
    "age_min_months",
    "age_max_months",
    "pregnancy_eligible",
    "is_free",
    "fees_description",
    "email",
    "phone",
    "url",
    "status",
    "funding_area_code",
    "district",
    "approval",
)


@dataclass
class OfferContent:
    """Everything the offer form says about an offer, already validated."""

    fields: dict[str, Any]  # model fields, topics included
    languages: list[str] = field(default_factory=list)
    cost_amount: Decimal | None = None
    outreach_districts: Iterable[District] = ()
    online: bool = False
    online_url: str = ""
    venues: list[dict[str, Any]] = field(default_factory=list)
    # Schedule field values; freq and byday as rule parts (ScheduleForm cleans them so).
    schedules: list[dict[str, Any]] = field(default_factory=list)
    # The provider confirms that the unchanged easy-read text fits the German text as saved.
    easy_read_fits: bool = False


def offer_state(offer: Offer) -> dict[str, Any]:
    """What the audit log compares of an offer: its fields and its parts as text."""
    return {**audit.snapshot(offer, AUDITED_FIELDS), **offer_parts(offer)}


def offer_parts(offer: Offer) -> dict[str, list[str]]:
    """Venues, times, languages and areas as text, so the audit log shows their changes."""
    if not offer.pk:
        return {"venues": [], "schedules": [], "languages": [], "service_areas": []}
    return {
        "venues": sorted(
            f"{sal.location.address_1}, {sal.location.postal_code} {sal.location.city}".strip(", ")
            if sal.location.location_type == Location.Kind.PHYSICAL
            else f"online {sal.location.url}".strip()
            for sal in offer.service_at_locations.select_related("location")
        ),
        "schedules": sorted(
            f"{s.freq} {s.byday} {s.opens_at or ''}-{s.closes_at or ''} {s.dtstart or ''} "
            f"{s.count or ''} {s.until or ''} {s.valid_from or ''}-{s.valid_to or ''}".strip()
            for s in offer.schedules.all()
        ),
        "languages": sorted(offer.languages.values_list("code", flat=True)),
        "service_areas": sorted(str(area) for area in offer.service_areas.all()),
    }


class ConcurrentEdit(Exception):
    """Someone saved the offer after the editor opened it: nothing was overwritten."""

    def __init__(self, latest: AuditEntry | None, version: str):
        super().__init__("offer changed meanwhile")
        self.latest = latest
        self.version = version


def version_of(offer: Offer) -> str:
    """What an edit form remembers, to notice a change by someone else (optimistic lock)."""
    return offer.last_modified.isoformat()


def refuse_if_changed(offer: Offer, expected_version: str) -> None:
    """Lock the offer's row; raise ConcurrentEdit if it changed since the form was opened."""
    current = Offer.objects.select_for_update().get(pk=offer.pk)
    if version_of(current) != expected_version:
        latest = (
            AuditEntry.objects.filter(
                content_type__app_label="offers",
                content_type__model="offer",
                object_id=str(offer.pk),
            )
            .order_by("-at")
            .first()
        )
        raise ConcurrentEdit(latest, version_of(current))


@transaction.atomic
def save_offer(
    *, offer: Offer | None, content: OfferContent, by: User, expected_version: str | None = None
) -> Offer:
    """Create or update an offer with its venues, times, languages, cost and areas.

    With `expected_version`, an update is refused (ConcurrentEdit) if the offer changed
    since the form was opened; the row is locked while it is checked and saved.
    """
    creating = offer is None
    if not creating and expected_version is not None:
        refuse_if_changed(offer, expected_version)
    offer = offer or Offer(approval=Offer.Approval.PENDING)
    before = None if creating else offer_state(offer)

    topics = content.fields.get("topics", [])
    easy_read_before = offer.easy_read
    for name, value in content.fields.items():
        if name != "topics":
            setattr(offer, name, value)
    if offer.easy_read != easy_read_before or content.easy_read_fits:
        # Written (or confirmed) now: it describes the German text as saved now. Otherwise it
        # keeps the text it was written for and goes stale if name or description changed.
        offer.easy_read_digest = german_text_digest(offer) if offer.easy_read else ""
    offer.is_free = not content.cost_amount
    offer.verified_at = timezone.now()
    offer.reminded_at = None
    offer.save()
    offer.topics.set(topics)

    offer.languages.all().delete()
    OfferLanguage.objects.bulk_create(
        OfferLanguage(offer=offer, code=code) for code in dict.fromkeys(content.languages)
    )
    offer.cost_options.all().delete()
    if content.cost_amount:
        CostOption.objects.create(
            offer=offer, option=offer.fees_description[:200], amount=content.cost_amount
        )
    _save_outreach(offer, content.outreach_districts)
    _save_online(offer, content.online, content.online_url)
    _save_venues(offer, content.venues)
    offer.schedules.all().delete()
    Schedule.objects.bulk_create(
        Schedule(
            offer=offer,
            freq=s["freq"],
            byday=s["byday"],
            opens_at=s["opens_at"],
            closes_at=s["closes_at"],
            dtstart=s.get("dtstart"),
            count=s.get("count"),
            until=s.get("until"),
            valid_from=s.get("valid_from"),
            valid_to=s.get("valid_to"),
            description=s.get("description") or "",
        )
        for s in content.schedules
    )
    place_offer(offer)
    if creating and offer.district_id is None and not by.has_role(Role.STATE_COORDINATOR):
        # Nobody could approve it: the provider's district coordinator is the fallback.
        offer.district = offer.organization.district
        offer.save(update_fields=["district"])
    if creating and access.can_approve(by, offer):
        offer.approval = Offer.Approval.APPROVED
        offer.save(update_fields=["approval"])

    search_index.refresh([offer.pk])
    audit.record_states(
        actor=by, obj=offer, before=before, after=offer_state(offer), district=offer.district
    )
    return offer


def _save_outreach(offer: Offer, districts: Iterable[District]) -> None:
    """Whole-district service areas come from the form; finer ones (municipalities, polygons
    from an import) stay as they are."""
    wanted = {district.ags: district for district in districts}
    existing = offer.service_areas.filter(ags__regex=r"^\d{5}$")
    existing.exclude(ags__in=wanted).delete()
    have = set(existing.values_list("ags", flat=True))
    ServiceArea.objects.bulk_create(
        ServiceArea(offer=offer, ags=ags, name=district.name)
        for ags, district in wanted.items()
        if ags not in have
    )


def _save_online(offer: Offer, online: bool, url: str) -> None:
    virtual = Location.objects.filter(
        service_at_locations__offer=offer, location_type=Location.Kind.VIRTUAL
    )
    if not online:
        virtual.delete()
        return
    location = virtual.first()
    if location is None:
        location = Location.objects.create(
            location_type=Location.Kind.VIRTUAL, name="online / Telefon", url=url
        )
        ServiceAtLocation.objects.create(offer=offer, location=location)
    elif location.url != url:
        location.url = url
        location.save(update_fields=["url"])


def _save_venues(offer: Offer, venues: list[dict[str, Any]]) -> None:
    current = {
        location.pk: location
        for location in Location.objects.filter(
            service_at_locations__offer=offer, location_type=Location.Kind.PHYSICAL
        )
    }
    kept = set()
    for venue in venues:
        values = {
            "name": venue.get("name") or "",
            "address_1": venue["address_1"],
            "postal_code": venue["postal_code"],
            "city": venue["city"],
            "latitude": venue["latitude"],
            "longitude": venue["longitude"],
            "accessibility": venue.get("accessibility") or "",
        }
        location = current.get(venue.get("location_id"))
        if location is None:
            location = Location.objects.create(location_type=Location.Kind.PHYSICAL, **values)
            ServiceAtLocation.objects.create(offer=offer, location=location)
        else:
            for name, value in values.items():
                setattr(location, name, value)
            location.save()
        kept.add(location.pk)
    Location.objects.filter(pk__in=set(current) - kept).delete()


@transaction.atomic
def correct_contact_details(*, offer: Offer, values: dict[str, str], by: User) -> bool:
    """Phone, e-mail or website put right at once, without the coordinator (changes.AT_ONCE).
    Returns whether anything changed."""
    offer = Offer.objects.select_for_update().get(pk=offer.pk)
    changed = {name: value for name, value in values.items() if getattr(offer, name) != value}
    if not changed:
        return False
    before = audit.snapshot(offer, tuple(changed))
    for name, value in changed.items():
        setattr(offer, name, value)
    offer.save(update_fields=[*changed, "last_modified"])
    search_index.refresh([offer.pk])  # the public pages show them: a new search version
    audit.record_changes(actor=by, obj=offer, before=before, district=offer.district)
    return True


@transaction.atomic
def confirm_still_correct(*, offer: Offer, by: User) -> None:
    """The one-click check: the offer is as described, today."""
    before = audit.snapshot(offer, ("verified_at",))
    offer.verified_at = timezone.now()
    offer.reminded_at = None
    offer.save(update_fields=["verified_at", "reminded_at"])
    search_index.refresh([offer.pk])
    audit.record_changes(actor=by, obj=offer, before=before, district=offer.district)


@transaction.atomic
def save_translation(
    *, offer: Offer, language: str, name: str, description: str, by: User
) -> OfferTranslation:
    translation, created = OfferTranslation.objects.update_or_create(
        offer=offer,
        language=language,
        defaults={
            "name": name,
            "description": description,
            "source_digest": german_text_digest(offer),
        },
    )
    audit.record(
        actor=by,
        obj=offer,
        action=AuditEntry.Action.UPDATE,
        changes={f"translation_{language}": [None if created else "…", name]},
        district=offer.district,
    )
    # Not a search field, but the public pages show it: a new token renews their cache.
    search_freshness.new_version([offer.pk], items_changed=False)  # results list no translation
    return translation
