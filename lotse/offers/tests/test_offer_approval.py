"""A new offer: the coordinator approves it or returns it with a note; the provider fixes it
and submits it again. Live offers that reach nobody are a to-do on both sides."""

import pytest
from django.test import Client
from django.urls import reverse

from lotse.accounts.models import AuditEntry, User
from lotse.offers import access
from lotse.offers.hsds_import import import_services
from lotse.offers.models import Offer, OfferApprovalStep
from lotse.offers.reminders import own_offers, to_do, to_do_counts
from lotse.offers.tests.samples import hsds_service
from lotse.offers.tests.test_upkeep import offer_form
from lotse.organizations.models import Organization

pytestmark = pytest.mark.django_db


def manage_url(offer) -> str:
    return reverse("upkeep:offer", kwargs={"offer_id": offer.pk})


def step_url(offer) -> str:
    return reverse("upkeep:offer_approve", kwargs={"offer_id": offer.pk})


def step(client: Client, offer: Offer, name: str, **details):
    """A step as the form on the offer's page sends it: with the version it showed."""
    page = client.get(manage_url(offer))
    data = {"step": name, "version": page.context["version"], **details}
    return client.post(step_url(offer), data, follow=True)


@pytest.fixture
def new_offer(world, provider_editor) -> Offer:
    """A new offer of the world's provider, waiting for the coordinator."""
    provider_editor.post(reverse("upkeep:offer_create"), offer_form(world))
    return Offer.objects.get(name="Babymassage-Kurs")


def test_the_coordinator_returns_a_new_offer_with_a_note_and_approves_the_fix(
    world,
    new_offer,
    provider_editor,
    network_coordinator,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    User.objects.filter(email="anbieter@test.example").update(language="en")
    page = network_coordinator.get(manage_url(new_offer)).content.decode()
    assert "Mit Hinweis an den Träger zurückgeben" in page

    # Returning needs a note: a German message, nothing changes.
    response = step(network_coordinator, new_offer, "return", note="  ")
    assert "Bitte schreiben Sie dem Träger, was zu ändern ist." in response.content.decode()
    new_offer.refresh_from_db()
    assert new_offer.approval == Offer.Approval.PENDING
    assert not OfferApprovalStep.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        step(network_coordinator, new_offer, "return", note="Bitte die Kosten genauer angeben.")
    new_offer.refresh_from_db()
    assert new_offer.approval == Offer.Approval.RETURNED
    assert new_offer.approval_note == "Bitte die Kosten genauer angeben."
    # The provider hears of it in the language she chose for mails.
    [mail] = mailoutbox
    assert mail.to == ["anbieter@test.example"]
    assert mail.body.startswith("Hello,")
    assert "Bitte die Kosten genauer angeben." in mail.body
    assert manage_url(new_offer) in mail.body

    # Her start page and the offer show the note; it is her turn.
    start = provider_editor.get(reverse("workspace:start")).content.decode()
    assert "Neues Angebot zurückgegeben" in start
    assert "Bitte die Kosten genauer angeben." in start
    assert (
        "Bitte die Kosten genauer angeben."
        in provider_editor.get(manage_url(new_offer)).content.decode()
    )
    form = provider_editor.get(reverse("upkeep:offer_edit", kwargs={"offer_id": new_offer.pk}))
    assert "Bitte die Kosten genauer angeben." in form.content.decode()
    # Nothing waits for the coordinator meanwhile.
    assert not to_do(access.manageable_offers(world.users["network_coordinator"]))[
        "pending"
    ].exists()

    # She fixes it: saving submits it again, and the coordinator hears of it.
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = provider_editor.post(
            reverse("upkeep:offer_edit", kwargs={"offer_id": new_offer.pk}),
            offer_form(world, **{"offer-fees_description": "5 Euro je Termin, Ermäßigung"}),
        )
    assert response.status_code == 302
    new_offer.refresh_from_db()
    assert new_offer.approval == Offer.Approval.PENDING
    assert new_offer.approval_note == ""
    [mail] = mailoutbox
    assert mail.to == ["netzwerk@test.example"]
    assert mail.body.startswith("Guten Tag,")
    assert "Babymassage-Kurs" in mail.subject

    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = step(network_coordinator, new_offer, "approve")
    assert "Eltern finden das Angebot jetzt in der Suche." in response.content.decode()
    new_offer.refresh_from_db()
    assert new_offer.approval == Offer.Approval.APPROVED
    assert [m.to for m in mailoutbox] == [["anbieter@test.example"]]

    steps = list(
        OfferApprovalStep.objects.filter(offer=new_offer).values_list(
            "from_status", "to_status", "by__email"
        )
    )
    assert steps == [
        ("pending", "returned", "netzwerk@test.example"),
        ("returned", "pending", "anbieter@test.example"),
        ("pending", "approved", "netzwerk@test.example"),
    ]
    approvals = [
        entry.changes["approval"]
        for entry in AuditEntry.objects.filter(object_id=str(new_offer.pk)).order_by("at")
        if "approval" in entry.changes
    ]
    assert [pair[1] for pair in approvals][-3:] == ["returned", "pending", "approved"]


def test_the_coordinator_hears_of_a_new_offer_in_her_language(
    world, provider_editor, mailoutbox, django_capture_on_commit_callbacks
):
    User.objects.filter(email="netzwerk@test.example").update(language="en")
    with django_capture_on_commit_callbacks(execute=True):
        provider_editor.post(reverse("upkeep:offer_create"), offer_form(world))
    offer = Offer.objects.get(name="Babymassage-Kurs")
    [mail] = mailoutbox
    assert mail.to == ["netzwerk@test.example"]
    assert mail.body.startswith("Hello,")
    assert "Babymassage-Kurs" in mail.subject
    assert manage_url(offer) in mail.body


def test_the_coordinator_decides_on_the_version_she_saw(
    world, new_offer, provider_editor, network_coordinator
):
    page = network_coordinator.get(manage_url(new_offer))
    shown = page.context["version"]
    provider_editor.post(
        reverse("upkeep:offer_edit", kwargs={"offer_id": new_offer.pk}),
        offer_form(world, **{"offer-name": "Babymassage für Väter"}),
    )
    response = network_coordinator.post(
        step_url(new_offer), {"step": "approve", "version": shown}, follow=True
    )
    assert "Das Angebot wurde inzwischen geändert." in response.content.decode()
    new_offer.refresh_from_db()
    assert new_offer.approval == Offer.Approval.PENDING


def test_only_the_districts_coordinator_decides_and_only_the_provider_resubmits(
    world, new_offer, provider_editor, network_coordinator, coordinator_elsewhere
):
    url = step_url(new_offer)
    assert provider_editor.post(url, {"step": "approve"}).status_code == 403
    assert provider_editor.post(url, {"step": "return", "note": "x"}).status_code == 403
    assert coordinator_elsewhere.post(url, {"step": "approve"}).status_code == 404
    assert network_coordinator.post(url, {"step": "freigeben"}).status_code == 404
    # Submitting again only from "returned": a message, nothing changes.
    response = provider_editor.post(url, {"step": "submit"}, follow=True)
    assert response.status_code == 200
    new_offer.refresh_from_db()
    assert new_offer.approval == Offer.Approval.PENDING
    step(network_coordinator, new_offer, "return", note="Bitte Zeiten ergänzen.")
    # The coordinator cannot submit the provider's offer for her.
    assert network_coordinator.post(url, {"step": "submit"}).status_code == 403
    assert not OfferApprovalStep.objects.filter(to_status="pending").exists()


# Live offers that reach nobody


def _offer(world, name: str, *, email: str = "", organization: Organization | None = None):
    organization = organization or world.organization
    record = hsds_service(
        name=name, organization={"id": str(organization.id), "name": organization.name}
    )
    [offer] = import_services([record])
    Offer.objects.filter(pk=offer.pk).update(email=email, phone="", url="")
    return offer


def test_live_offers_without_a_way_to_reach_someone_are_a_to_do(
    world, network_coordinator, provider_editor, django_assert_max_num_queries
):
    assert not (world.organization.phone or world.organization.email or world.organization.website)
    silent = _offer(world, "Stilles Eltern-Café")
    _offer(world, "Erreichbares Eltern-Café", email="cafe@test.example")
    reached = Organization.objects.create(
        name="Träger mit Telefon", district=world.district, phone="03834 555000"
    )
    _offer(world, "Über den Träger erreichbar", organization=reached)
    Organization.objects.filter(pk=reached.pk).update(phone="03834 555000")
    pending = _offer(world, "Noch nicht frei")
    Offer.objects.filter(pk=pending.pk).update(approval=Offer.Approval.PENDING)

    offers = access.manageable_offers(world.users["network_coordinator"])
    assert list(to_do(offers)["unreachable"].values_list("name", flat=True)) == [
        "Stilles Eltern-Café"
    ]
    assert to_do_counts(offers)["unreachable"] == 1

    listing = network_coordinator.get(reverse("upkeep:offers") + "?ansicht=ohne-kontakt")
    content = listing.content.decode()
    assert "Ohne Kontaktweg (1)" in content
    assert "Stilles Eltern-Café" in content and "Erreichbares Eltern-Café" not in content
    assert "weder beim Angebot noch beim Träger" in content

    district = network_coordinator.get(
        reverse("workspace:district", kwargs={"ags": world.district.ags})
    )
    assert district.context["offers"]["unreachable"] == 1
    assert "ansicht=ohne-kontakt" in district.content.decode()

    start = provider_editor.get(reverse("workspace:start")).content.decode()
    assert "Kein Weg zu einem Menschen" in start
    rows = {row.offer.name: row for row in own_offers(world.users["provider_editor"])}
    assert "unreachable" in rows["Stilles Eltern-Café"].to_dos
    assert "unreachable" not in rows["Erreichbares Eltern-Café"].to_dos
    assert "unreachable" not in rows["Noch nicht frei"].to_dos
    assert "Kein Weg zu einem Menschen" in provider_editor.get(manage_url(silent)).content.decode()

    # One query for the offers, one for their open changes, however many there are.
    for number in range(5):
        _offer(world, f"Stilles Angebot {number}")
    with django_assert_max_num_queries(3):
        rows = own_offers(world.users["provider_editor"])
    assert sum("unreachable" in row.to_dos for row in rows) == 6


def test_the_demo_shows_a_returned_new_offer(world):
    from lotse.accounts.models import Membership, Role
    from lotse.demo.offer_changes import RETURNED_OFFER, seed_returned_offer
    from lotse.demo.offers import seed_provider_offers
    from lotse.regions.models import District

    Organization.objects.create(
        name="Elternhaus Westmecklenburg gGmbH", district=District.objects.get(ags="13076")
    )
    provider = User.objects.create_user(email="anbieter-1@lotse.example")
    Membership.objects.create(
        user=provider, role=Role.PROVIDER_EDITOR, organization=world.organization
    )
    coordinator = User.objects.create_user(email="netzwerk-13075@lotse.example")
    Membership.objects.create(
        user=coordinator, role=Role.NETWORK_COORDINATOR, district=world.district
    )
    seed_provider_offers()
    assert seed_returned_offer() == 1
    assert seed_returned_offer() == 0  # once
    offer = Offer.objects.get(name=RETURNED_OFFER)
    assert offer.approval == Offer.Approval.RETURNED
    assert offer.district == world.district
    assert "Uhrzeit am Abend" in offer.approval_note
    [row] = own_offers(provider)[:1]
    assert row.offer == offer and row.to_dos == ("returned_offer",)
