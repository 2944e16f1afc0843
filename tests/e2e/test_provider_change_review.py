"""On a phone: a provider changes a live offer's hours and moves it by the map; the
coordinator sees the difference and sends it back; the provider fixes it; the coordinator
approves; the parents' finder shows the new version."""

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from lotse.accounts.models import Role
from lotse.offers.hsds_import import import_services
from lotse.offers.models import Offer, OfferChange
from lotse.offers.tests.samples import hsds_service
from lotse.organizations.models import Organization
from lotse.regions.models import District
from tests.e2e.conftest import PASSWORD, axe_violations, person

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def sign_in_on_phone(browser, base_url: str, user):
    context = browser.new_context(
        base_url=base_url,
        locale="de-DE",
        viewport={"width": 360, "height": 740},
        is_mobile=True,
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.goto("/konto/anmelden/")
    page.get_by_label("E-Mail-Adresse").fill(user.email)
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    device = TOTPDevice.objects.get(user=user)
    code = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
    page.get_by_label("Einmalcode aus der Authenticator-App").fill(code)
    page.get_by_role("button", name="Bestätigen").click()
    page.wait_for_load_state()
    return page, errors


def test_change_hours_and_place_sent_back_fixed_approved_and_found(
    browser, live_server, phone_page
):
    district = District.objects.get(ags="13075")
    organization = Organization.objects.create(
        name="Familienbrücke Vorpommern e.V.", district=district
    )
    [offer] = import_services(
        [
            hsds_service(
                organization={"id": str(organization.id), "name": organization.name},
                name="Eltern-Café am Hafen",
            )
        ]
    )
    provider = person("anbieter-e2e@lotse.example", Role.PROVIDER_EDITOR, organization=organization)
    coordinator = person("netzwerk-e2e@lotse.example", Role.NETWORK_COORDINATOR, district=district)

    # The provider lands on her offers.
    page, errors = sign_in_on_phone(browser, live_server.url, provider)
    assert page.get_by_role("heading", name="Ihre Angebote").is_visible()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Eltern-Café am Hafen").click()
    page.get_by_role("link", name="Bearbeiten").click()
    assert page.get_by_text("Telefon, E-Mail und Website gelten sofort").is_visible()

    # New hours …
    page.locator("#id_time-0-opens_at").fill("15:00")
    page.locator("#id_time-0-closes_at").fill("17:00")
    # … and a new place: find the town on the map, then click where the house is.
    first = page.locator("fieldset.venue[data-venue='0']")
    first.get_by_label("Ort oder PLZ auf der Karte suchen").fill("17438")
    first.get_by_role("button", name="Auf der Karte zeigen").click()
    page.wait_for_function(
        "document.getElementById('id_venue-0-latitude').value.startsWith('54.0')"
    )
    first.locator(".venue-map").click(position={"x": 120, "y": 90})
    assert "Die Nadel steht jetzt hier" in first.locator(".venue-map__status").inner_text()
    latitude = float(page.locator("#id_venue-0-latitude").input_value())
    longitude = float(page.locator("#id_venue-0-longitude").input_value())
    assert 53.9 < latitude < 54.2 and 13.6 < longitude < 13.9  # Wolgast, not Greifswald
    page.locator("#id_venue-0-address_1").fill("Lange Straße 1")
    page.locator("#id_venue-0-postal_code").fill("17438")
    page.locator("#id_venue-0-city").fill("Wolgast")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Speichern und zur Freigabe geben").click()
    page.wait_for_url("**/aenderung/")
    assert "Bis dahin sehen Eltern die bisherige Fassung." in page.content()
    assert axe_violations(page) == []
    offer.refresh_from_db()
    assert offer.service_at_locations.get().location.city == "Greifswald"  # still public
    provider_page = page

    # The coordinator sees the difference field by field and sends it back with a note.
    page, coordinator_errors = sign_in_on_phone(browser, live_server.url, coordinator)
    page.goto("/angebotspflege/?ansicht=aenderungen")
    page.get_by_role("link", name="Änderung wartet auf Freigabe").click()
    assert page.get_by_role("heading", name="Zeiten").is_visible()
    assert page.get_by_role("heading", name="Orte").is_visible()
    assert page.get_by_text("15–17 Uhr").first.is_visible()
    assert axe_violations(page) == []
    page.get_by_label("Hinweis an den Träger").fill("Bitte die Hausnummer prüfen.")
    page.get_by_role("button", name="Mit Hinweis an den Träger zurückgeben").click()
    page.wait_for_load_state()
    assert OfferChange.objects.get().status == OfferChange.Status.RETURNED
    coordinator_page = page

    # The provider reads the note on her start page and fixes the house number.
    page = provider_page
    page.goto("/arbeitsbereich/")
    assert page.get_by_text("Bitte die Hausnummer prüfen.").first.is_visible()
    page.get_by_role("link", name="Änderung überarbeiten").first.click()
    assert page.locator("#id_venue-0-city").input_value() == "Wolgast"
    page.locator("#id_venue-0-address_1").fill("Lange Straße 12")
    page.get_by_role("button", name="Speichern und zur Freigabe geben").click()
    page.wait_for_url("**/aenderung/")
    page.context.close()

    # The coordinator approves.
    page = coordinator_page
    page.goto(f"/angebotspflege/{offer.pk}/aenderung/")
    assert page.get_by_text("Lange Straße 12").first.is_visible()
    page.get_by_role("button", name="Änderungen übernehmen").click()
    page.wait_for_url(f"**/angebotspflege/{offer.pk}/")
    assert axe_violations(page) == []
    page.context.close()
    offer.refresh_from_db()
    assert offer.approval == Offer.Approval.APPROVED

    # The parents' finder shows the new version.
    phone_page.goto("/angebote/?where=17438&radius=10")
    phone_page.get_by_role("link", name="Eltern-Café am Hafen").click()
    content = phone_page.content()
    assert "Lange Straße 12" in content and "15–17 Uhr" in content
    assert axe_violations(phone_page) == []
    assert errors + coordinator_errors == []
