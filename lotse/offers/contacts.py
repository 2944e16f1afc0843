"""Every result leads to a person: how a parent reaches someone from the finder.

Rules, in one place:
- An offer is reachable through its own phone, e-mail or website, else through its
  provider's (shown as the provider's). An offer that has neither cannot go live: the
  offer form, the coordinator's approval and the HSDS import refuse it (`NO_CONTACT`).
  Live offers of older data without one are a to-do for coordinator and provider
  (`unreachable_condition`).
- Each district has a contact point (Anlaufstelle Frühe Hilfen), kept by its coordinator.
  The finder shows it on every result list and offer page of the district, and above "no
  results"; the home page lists all of them.
- The LKS keeps the helplines (Elterntelefon, 112 …). Those for crisis come first on a
  search for the crisis topic and on every offer page of that topic.
- Public pages are cached (lotse/public_cache.py) by versions of the search table: a
  change of a contact point or a helpline takes a new version for the pages that show it
  (`_public_pages_changed`), so no parent is shown an old number.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lotse.accounts import audit
from lotse.accounts.models import User
from lotse.core.contact_details import is_demo_contact
from lotse.offers import search_freshness
from lotse.offers.models import ContactPoint, Helpline, Offer
from lotse.organizations.models import Organization
from lotse.regions.models import District

CRISIS_TOPIC = "krise-notfall"
CONTACT_POINT_FIELDS = ("office", "phone", "email", "address", "hours")
HELPLINE_FIELDS = (
    "name",
    "phone",
    "hours",
    "description",
    "is_free",
    "for_crisis",
    "position",
    "last_checked",
)
NO_CONTACT = _(
    "Ein Angebot braucht mindestens einen Weg zu einem Menschen: Telefon, E-Mail oder "
    "Website des Angebots oder seines Trägers."
)


# The rule for offers


@dataclass(frozen=True)
class WayToReach:
    """The phone, e-mail and website a parent is shown for an offer."""

    phone: str
    email: str
    website: str
    via_provider: bool  # the provider's details, shown as such

    @property
    def is_demo(self) -> bool:
        return is_demo_contact(self.phone, self.email, self.website)


def way_to_reach(offer: Offer) -> WayToReach | None:
    """The offer's own details, else its provider's; None when neither has any.
    Reads `offer.organization` (select it with the offer: no query per result)."""
    if offer.phone or offer.email or offer.url:
        return WayToReach(offer.phone, offer.email, offer.url, via_provider=False)
    organization = offer.organization
    if organization.phone or organization.email or organization.website:
        return WayToReach(
            organization.phone, organization.email, organization.website, via_provider=True
        )
    return None


def is_reachable(*, phone: str, email: str, website: str, organization: Organization) -> bool:
    """Whether an offer with these details of its own (and this provider) reaches a person."""
    return bool(
        phone
        or email
        or website
        or organization.phone
        or organization.email
        or organization.website
    )


def unreachable_condition() -> Q:
    """Live offers (approved, active) that reach nobody: no phone, e-mail or website of
    their own nor of their provider (older data, from before the rule). The to-do of the
    coordinator and of the provider (reminders.py); `way_to_reach` is its Python twin."""
    return Q(
        approval=Offer.Approval.APPROVED,
        status=Offer.Status.ACTIVE,
        phone="",
        email="",
        url="",
        organization__phone="",
        organization__email="",
        organization__website="",
    )


def reaches_nobody(offer: Offer) -> bool:
    """`unreachable_condition` for one offer already loaded (with its organization)."""
    live = offer.approval == Offer.Approval.APPROVED and offer.status == Offer.Status.ACTIVE
    return live and way_to_reach(offer) is None


def require_reachable(offer: Offer) -> None:
    """Refuses to publish an offer without a way to reach someone."""
    if way_to_reach(offer) is None:
        raise ValidationError(NO_CONTACT, code="no_contact")


def is_crisis(topic_codes: Iterable[str]) -> bool:
    return CRISIS_TOPIC in set(topic_codes)


# The read side


def contact_point_of(district_id: int | None) -> ContactPoint | None:
    if district_id is None:
        return None
    return _with_district().filter(district_id=district_id).first()


def contact_point_for_ags(ags: str | None) -> ContactPoint | None:
    """The contact point of the district with this AGS (a search's district)."""
    if not ags:
        return None
    return _with_district().filter(district__ags=ags).first()


def contact_points() -> list[ContactPoint]:
    """Every district's contact point, by district name (the home page)."""
    return list(_with_district().order_by("district__name"))


def _with_district():
    # The district's boundary is a large GeoJSON these pages do not need.
    return ContactPoint.objects.select_related("district").defer("district__boundary")


def crisis_helplines() -> list[Helpline]:
    return list(Helpline.objects.filter(for_crisis=True))


def helplines() -> list[Helpline]:
    return list(Helpline.objects.all())


# The write side


@transaction.atomic
def save_contact_point(*, district: District, values: dict, by: User) -> ContactPoint:
    """Create or change the district's contact point."""
    point = ContactPoint.objects.select_for_update().filter(district=district).first()
    before = None if point is None else audit.snapshot(point, CONTACT_POINT_FIELDS)
    point = point or ContactPoint(district=district)
    for name in CONTACT_POINT_FIELDS:
        setattr(point, name, values[name])
    point.full_clean()
    point.save()
    audit.record_states(
        actor=by,
        obj=point,
        before=before,
        after=audit.snapshot(point, CONTACT_POINT_FIELDS),
        district=district,
    )
    # Its result lists (any search may lie in it), its offers' pages and the home page.
    _public_pages_changed(Offer.objects.filter(district=district).values_list("pk", flat=True))
    return point


@transaction.atomic
def save_helpline(*, helpline: Helpline | None, values: dict, by: User) -> Helpline:
    if helpline is not None:  # read anew: a bound form has already changed the instance
        helpline = Helpline.objects.select_for_update().get(pk=helpline.pk)
    before = None if helpline is None else audit.snapshot(helpline, HELPLINE_FIELDS)
    helpline = helpline or Helpline()
    for name in HELPLINE_FIELDS:
        setattr(helpline, name, values[name])
    helpline.full_clean()
    helpline.save()
    audit.record_states(
        actor=by, obj=helpline, before=before, after=audit.snapshot(helpline, HELPLINE_FIELDS)
    )
    _public_pages_changed(_crisis_offer_ids())
    return helpline


@transaction.atomic
def delete_helpline(*, helpline: Helpline, by: User) -> None:
    audit.record_deletion(actor=by, obj=helpline, fields=HELPLINE_FIELDS)
    helpline.delete()
    _public_pages_changed(_crisis_offer_ids())


def _crisis_offer_ids() -> Iterable:
    return Offer.objects.filter(topics__code=CRISIS_TOPIC).values_list("pk", flat=True)


def _public_pages_changed(offer_ids: Iterable) -> None:
    """A new version of the search table for the public cache: results and the home page
    are keyed anew, and so are the pages of the offers named (those that show the contact
    point or the helplines). The search itself is unchanged."""
    search_freshness.new_version(list(offer_ids), items_changed=True)
