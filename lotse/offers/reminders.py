"""Freshness: remind editors after 6 months without a check; after 12 the offer leaves the
search and lands on the coordinator's to-do list (both periods in settings)."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
)
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, override

from lotse.accounts.mail import by_language
from lotse.accounts.models import Membership, Role
from lotse.core.links import public_url
from lotse.offers import contacts
from lotse.offers.models import Offer, OfferChange
from lotse.offers.queries import findable_condition, fresh_since, reminder_due_before


def check_due(now: datetime.datetime | None = None) -> Q:
    """Live offers whose last check is older than the reminder period."""
    return Q(
        status=Offer.Status.ACTIVE,
        approval=Offer.Approval.APPROVED,
        verified_at__lt=reminder_due_before(now),
    )


def due_for_check(now: datetime.datetime | None = None) -> QuerySet[Offer]:
    return Offer.objects.filter(check_due(now))


def stale(now: datetime.datetime | None = None) -> Q:
    """Not checked for so long that parents no longer find the offer."""
    return Q(verified_at__isnull=True) | Q(verified_at__lt=fresh_since(now))


def to_do(offers: QuerySet[Offer]) -> dict[str, QuerySet[Offer]]:
    """The coordinator's to-do views of some offers: waiting for approval, check due (but
    still found), no longer found because nobody checked them, and live without a way to
    reach someone."""
    return {name: offers.filter(condition) for name, condition in to_do_conditions().items()}


def to_do_conditions(now: datetime.datetime | None = None) -> dict[str, Q]:
    return {
        "pending": Q(approval=Offer.Approval.PENDING),
        "changes": Q(Exists(changes_waiting())),
        "due": check_due(now) & ~stale(now),
        "stale": stale(now) & Q(status=Offer.Status.ACTIVE),
        "unreachable": contacts.unreachable_condition(),
    }


def changes_waiting() -> QuerySet[OfferChange]:
    """Proposed changes of the offer (OuterRef) that wait for the coordinator."""
    return OfferChange.objects.filter(offer=OuterRef("pk"), status=OfferChange.Status.SUBMITTED)


def to_do_counts(offers: QuerySet[Offer]) -> dict[str, int]:
    """How many offers each to-do view holds, in one pass over the offers."""
    return offers.aggregate(
        **{name: Count("pk", filter=condition) for name, condition in to_do_conditions().items()}
    )


def send_verification_reminders(now: datetime.datetime | None = None) -> int:
    """One e-mail per editor listing her offers to check; each offer is reminded once per
    period. Offers of a provider without an editor go to the district's coordinators.
    Returns the number of e-mails sent."""
    now = now or timezone.now()
    offers = list(
        due_for_check(now)
        .filter(Q(reminded_at__isnull=True) | Q(reminded_at__lt=F("verified_at")))
        .select_related("organization")
        .order_by("name")
    )
    editors: dict[object, set[str]] = defaultdict(set)
    for membership in Membership.objects.filter(
        role=Role.PROVIDER_EDITOR,
        organization__in={offer.organization_id for offer in offers},
        user__is_active=True,
    ).select_related("user"):
        editors[membership.organization_id].add(membership.user.email)
    coordinators: dict[object, set[str]] = defaultdict(set)
    for membership in Membership.objects.filter(
        role=Role.NETWORK_COORDINATOR,
        district__in={offer.district_id for offer in offers},
        user__is_active=True,
    ).select_related("user"):
        coordinators[membership.district_id].add(membership.user.email)

    per_recipient: dict[str, list[Offer]] = defaultdict(list)
    for offer in offers:
        for email in editors[offer.organization_id] or coordinators[offer.district_id]:
            per_recipient[email].append(offer)
    language_of = {
        email: language
        for language, emails in by_language(per_recipient).items()
        for email in emails
    }
    for email, their_offers in sorted(per_recipient.items()):
        with override(language_of[email]):  # in the language the person chose for mails
            body = render_to_string(
                "offers/reminder_email.txt",
                {
                    "offers": [
                        (
                            offer,
                            public_url(reverse("upkeep:offer", kwargs={"offer_id": offer.pk})),
                        )
                        for offer in their_offers
                    ],
                    "months": settings.LOTSE_OFFER_REMIND_AFTER.days // 30,
                    "stale_months": settings.LOTSE_OFFER_STALE_AFTER.days // 30,
                },
            )
            subject = gettext("Lotse: Bitte prüfen Sie Ihre Angebote")
        send_mail(subject, body, None, [email])
    Offer.objects.filter(pk__in=[offer.pk for offer in offers]).update(reminded_at=now)
    return len(per_recipient)


def district_offer_figures(district) -> dict[str, int]:
    """What the district workspace shows about its offers: live, waiting, due, stale."""
    conditions = {"findable": findable_condition(), **to_do_conditions()}
    return Offer.objects.filter(district=district).aggregate(
        **{name: Count("pk", filter=condition) for name, condition in conditions.items()}
    )


@dataclass(frozen=True)
class OwnOffer:
    """A provider's offer with what is to do about it, most urgent first: a new offer sent
    back ("returned_offer"), a change sent back ("returned"), no way to reach anyone
    ("unreachable"), the offer no longer found ("stale") or due for a check ("due"); and
    what waits for the coordinator ("waiting": a change, "pending": a new offer)."""

    offer: Offer
    change: OfferChange | None
    to_dos: tuple[str, ...]
    waiting: tuple[str, ...]


def own_offers(user, now: datetime.datetime | None = None) -> list[OwnOffer]:
    """The offers of the provider(s) the person edits, to-dos first. Two queries."""
    offers = (
        Offer.objects.filter(organization__in=user.organizations())
        .select_related("organization")
        .prefetch_related(
            Prefetch(
                "changes",
                queryset=OfferChange.objects.filter(status__in=OfferChange.OPEN),
                to_attr="open_changes",
            )
        )
        .annotate(unreachable=ExpressionWrapper(contacts.unreachable_condition(), BooleanField()))
        .order_by("name", "id")
    )
    stale_before, due_before = fresh_since(now), reminder_due_before(now)
    rows = []
    for offer in offers:
        change = offer.open_changes[0] if offer.open_changes else None
        live = offer.approval == Offer.Approval.APPROVED and offer.status == Offer.Status.ACTIVE
        to_dos = []
        if offer.approval == Offer.Approval.RETURNED:
            to_dos.append("returned_offer")
        if change is not None and change.status == OfferChange.Status.RETURNED:
            to_dos.append("returned")
        if offer.unreachable:
            to_dos.append("unreachable")
        if live and (offer.verified_at is None or offer.verified_at < stale_before):
            to_dos.append("stale")
        elif live and offer.verified_at < due_before:
            to_dos.append("due")
        waiting = []
        if change is not None and change.status == OfferChange.Status.SUBMITTED:
            waiting.append("change")
        if offer.approval == Offer.Approval.PENDING:
            waiting.append("pending")
        rows.append(OwnOffer(offer, change, tuple(to_dos), tuple(waiting)))
    return sorted(rows, key=lambda row: not row.to_dos)
