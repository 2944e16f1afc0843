"""A provider enters an offer, the district coordinator approves it, a parent finds it."""

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


def test_provider_edit_coordinator_approve_parent_finds(browser, live_server, phone_page):
    district = District.objects.get(ags="13075")
    organization = Organization.objects.create(
        name="Familienbrücke Vorpommern e.V.", district=district
    )
    provider = person("anbieter-e2e@lotse.example", Role.PROVIDER_EDITOR, organization=organization)
    coordinator = person("netzwerk-e2e@lotse.example", Role.NETWORK_COORDINATOR, district=district)

    # The provider enters a new offer.
    page = sign_in(browser, live_server.url, provider)
    page.goto("/angebotspflege/neu/")
    assert axe_violations(page) == []
    page.get_by_label("Name:", exact=True).fill("Krabbelgruppe am Hafen")
    page.get_by_label("Beschreibung:", exact=True).fill("Spielen und Singen mit Babys.")
    page.get_by_label("Bewegung und Spiel").check()
    page.get_by_label("Alter ab (Monate)").fill("3")
    page.get_by_label("Alter bis (Monate)").fill("24")
    page.get_by_label("Straße und Hausnummer").fill("Hafenstraße 2")
    page.get_by_label("PLZ:", exact=True).fill("17489")
    page.get_by_label("Ort:", exact=True).fill("Greifswald")
    # Published offers need a way to reach someone; this provider has no contact details.
    page.get_by_label("E-Mail:", exact=True).fill("krabbelgruppe@familienbruecke.example")
    page.get_by_role("button", name="Speichern").click()
    page.wait_for_url("**/angebotspflege/*/")
    assert "sobald die Netzwerkkoordination es freigegeben hat" in page.content()
    assert axe_violations(page) == []
    offer = Offer.objects.get(name="Krabbelgruppe am Hafen")
    assert offer.approval == Offer.Approval.PENDING

    # Not yet in the parents' search.
    phone_page.goto("/angebote/?where=17489&radius=10")
    assert phone_page.get_by_role("link", name="Krabbelgruppe am Hafen").count() == 0

    # The coordinator finds it on her to-do list and approves it.
    page = sign_in(browser, live_server.url, coordinator)
    page.goto("/angebotspflege/?ansicht=freigabe")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Krabbelgruppe am Hafen").click()
    page.get_by_role("button", name="Freigeben").click()
    page.wait_for_load_state()
    assert "Eltern finden das Angebot jetzt" in page.content()

    # Now the parent finds it.
    phone_page.goto("/angebote/?where=17489&radius=10")
    phone_page.get_by_role("link", name="Krabbelgruppe am Hafen").click()
    assert phone_page.get_by_role("heading", level=1).inner_text() == "Krabbelgruppe am Hafen"
    assert axe_violations(phone_page) == []
