"""Demo changes of live offers: one waiting for the coordinator of Vorpommern-Greifswald
(new hours), one sent back to the provider with a note (a new venue), so both sides'
to-do lists and the field-by-field comparison show something at once. And a new offer of
the same provider returned with a note before it went live (offers/approval.py)."""

from __future__ import annotations

from lotse.accounts.models import User
from lotse.demo.offers import _id
from lotse.offers import actions, approval, change_review, changes
from lotse.offers.models import Offer, OfferChange


def seed_offer_changes() -> int:
    """Propose the two changes once, through the same action as the offer form; returns
    how many were proposed."""
    if OfferChange.objects.exists():
        return 0
    provider = User.objects.get(email="anbieter-1@lotse.example")
    coordinator = User.objects.get(email="netzwerk-13075@lotse.example")

    cafe = Offer.objects.get(pk=_id("eltern-cafe greifswald"))
    wanted = changes.offer_data(cafe)
    for schedule in wanted["schedules"]:
        schedule.update(byday="WE", opens_at="15:00:00", closes_at="17:00:00")
    change_review.propose_change(offer=cafe, content=changes.content_from(wanted), by=provider)

    massage = Offer.objects.get(pk=_id("babymassage greifswald"))
    wanted = changes.offer_data(massage)
    for venue in wanted["venues"]:
        venue.update(address_1="Loitzer Straße 15", latitude=54.0905, longitude=13.3745)
    proposed = change_review.propose_change(
        offer=massage, content=changes.content_from(wanted), by=provider
    )
    change_review.CHANGE_REVIEW.transition(
        proposed.change,
        "return",
        by=coordinator,
        note="Bitte prüfen Sie die Hausnummer: der Kurs findet doch im Familienzentrum statt?",
    )
    return 2


RETURNED_OFFER = "Babymassage am Abend"


def seed_returned_offer() -> int:
    """A new offer made by the provider, returned by the coordinator with a note, through
    the same steps as the pages; returns how many were made (once)."""
    if Offer.objects.filter(name=RETURNED_OFFER).exists():
        return 0
    provider = User.objects.get(email="anbieter-1@lotse.example")
    coordinator = User.objects.get(email="netzwerk-13075@lotse.example")
    content = changes.content_from(
        changes.offer_data(Offer.objects.get(pk=_id("babymassage greifswald")))
    )
    content.fields["name"] = RETURNED_OFFER
    offer = actions.save_offer(offer=None, content=content, by=provider)
    approval.APPROVAL.transition(
        offer,
        "return",
        by=coordinator,
        note="Bitte nennen Sie die Uhrzeit am Abend und ob Väter willkommen sind.",
    )
    return 1
