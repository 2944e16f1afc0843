"""A new offer goes back to the provider with a note; she fixes it, the coordinator approves."""

import pytest

from lotse.accounts.models import Role
from lotse.offers.models import Offer
from lotse.organizations.models import Organization
from lotse.regions.models import District
from tests.e2e.conftest import axe_violations, person, sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_coordinator_returns_a_new_offer_provider_fixes_it(browser, live_server):
    district = District.objects.get(ags="13075")
    organization = Organization.objects.create(
        name="Familienbrücke Vorpommern e.V.", district=district, phone="03834 000000"
    )
    provider = person("anbieter-e2e@lotse.example", Role.PROVIDER_EDITOR, organization=organization)
    coordinator = person("netzwerk-e2e@lotse.example", Role.NETWORK_COORDINATOR, district=district)

    page = sign_in(browser, live_server.url, provider)
    page.goto("/angebotspflege/neu/")
    page.get_by_label("Name:", exact=True).fill("Krabbelgruppe am Hafen")
    page.get_by_label("Bewegung und Spiel").check()
    page.get_by_label("Straße und Hausnummer").fill("Hafenstraße 2")
    page.get_by_label("PLZ:", exact=True).fill("17489")
    page.get_by_label("Ort:", exact=True).fill("Greifswald")
    page.get_by_role("button", name="Speichern").click()
    page.wait_for_url("**/angebotspflege/*/")
    offer = Offer.objects.get(name="Krabbelgruppe am Hafen")

    # The coordinator sends it back: first without a note (refused), then with one.
    coordinator_page = sign_in(browser, live_server.url, coordinator)
    coordinator_page.goto(f"/angebotspflege/{offer.pk}/")
    assert axe_violations(coordinator_page) == []
    coordinator_page.get_by_role("button", name="Mit Hinweis an den Träger zurückgeben").click()
    coordinator_page.wait_for_load_state()
    assert "Bitte schreiben Sie dem Träger, was zu ändern ist." in coordinator_page.content()
    coordinator_page.get_by_role("textbox", name="Hinweis an den Träger").fill(
        "Bitte beschreiben Sie, was in der Gruppe passiert."
    )
    coordinator_page.get_by_role("button", name="Mit Hinweis an den Träger zurückgeben").click()
    coordinator_page.wait_for_load_state()
    offer.refresh_from_db()
    assert offer.approval == Offer.Approval.RETURNED

    # The provider sees the note on her start page, fixes the offer and saves it.
    page.goto("/arbeitsbereich/")
    assert "Bitte beschreiben Sie, was in der Gruppe passiert." in page.content()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Angebot überarbeiten").click()
    page.get_by_label("Beschreibung:", exact=True).fill("Spielen und Singen mit Babys.")
    page.get_by_role("button", name="Speichern").click()
    page.wait_for_url("**/angebotspflege/*/")
    assert "erneut zur Freigabe gegeben" in page.content()

    # The coordinator approves the fixed offer.
    coordinator_page.goto(f"/angebotspflege/{offer.pk}/")
    coordinator_page.get_by_role("button", name="Freigeben").click()
    coordinator_page.wait_for_load_state()
    assert "Eltern finden das Angebot jetzt" in coordinator_page.content()
    offer.refresh_from_db()
    assert offer.approval == Offer.Approval.APPROVED
    assert offer.description == "Spielen und Singen mit Babys."
