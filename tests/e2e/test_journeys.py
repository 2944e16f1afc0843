"""Main journeys in real headless chromium, each page checked with axe-core."""

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from lotse.accounts.models import Membership, Role, User
from lotse.regions.models import District
from tests.e2e.conftest import axe_violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def current_code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_home_page_on_a_phone_is_accessible(phone_page):
    phone_page.goto("/")
    assert phone_page.locator("html").get_attribute("lang") == "de"
    assert (
        phone_page.get_by_role("heading", level=1).inner_text()
        == "Frühe Hilfen in Mecklenburg-Vorpommern"
    )
    assert phone_page.get_by_role("search").get_by_label("PLZ oder Ort").is_visible()
    # Nothing wider than the phone: no horizontal scrolling of the page itself.
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 360
    assert axe_violations(phone_page) == []


def test_landeskonzept_page_shows_all_funding_areas_and_is_accessible(page):
    page.goto("/landeskonzept/")
    headings = page.get_by_role("heading", level=2).all_inner_texts()
    for code in ("I", "II.1.1", "II.1.2", "II.2", "III"):
        assert any(h.startswith(f"Förderbereich {code}:") for h in headings), code
    assert page.locator("#FB-I-M3").is_visible()
    assert axe_violations(page) == []


def test_english_version_is_served_under_en(page):
    page.goto("/en/landeskonzept/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("link", name="Deutsch").is_visible()


def test_coordinator_signs_in_with_second_factor_and_reaches_her_workspace(page):
    district = District.objects.get(ags="13075")
    user = User.objects.create_user(
        email="netzwerk-e2e@lotse.example", password="ein-sicheres-passwort"
    )
    Membership.objects.create(user=user, role=Role.NETWORK_COORDINATOR, district=district)

    page.goto("/arbeitsbereich/")
    assert "/konto/anmelden/" in page.url
    assert axe_violations(page) == []
    page.get_by_label("E-Mail-Adresse").fill("netzwerk-e2e@lotse.example")
    page.get_by_label("Passwort").fill("ein-sicheres-passwort")
    page.get_by_role("button", name="Anmelden").click()

    # First sign-in: enrol the authenticator app, then prove it with a code.
    page.wait_for_url("**/konto/zwei-faktor/**")
    assert page.get_by_role("img", name="QR-Code").is_visible()
    assert axe_violations(page) == []
    device = TOTPDevice.objects.get(user=user)
    page.get_by_label("Einmalcode aus der Authenticator-App").fill(current_code(device))
    page.get_by_role("button", name="Bestätigen").click()

    page.wait_for_url("**/arbeitsbereich/13075/")
    assert (
        page.get_by_role("heading", level=1).inner_text()
        == "Arbeitsbereich Landkreis Vorpommern-Greifswald"
    )
    assert axe_violations(page) == []
    assert TOTPDevice.objects.get(user=user).confirmed


def test_a_parent_finds_an_offer_on_a_phone(phone_page):
    from lotse.offers.hsds_import import import_services
    from lotse.offers.tests.samples import hsds_service, online_service, outreach_service

    import_services([hsds_service(), outreach_service("urn:de:ags:13075"), online_service()])
    phone_page.goto("/angebote/")
    assert axe_violations(phone_page) == []
    phone_page.get_by_label("PLZ oder Ort").fill("Greifswald")
    phone_page.get_by_label("Alter des Kindes").select_option(label="1 Jahr")
    phone_page.get_by_role("button", name="Suchen").click()
    phone_page.wait_for_url("**/angebote/?where=Greifswald*")
    assert phone_page.get_by_role("heading", name="In Ihrer Nähe").is_visible()
    assert phone_page.get_by_role("heading", name="Online und am Telefon").is_visible()
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 360
    assert axe_violations(phone_page) == []
    phone_page.get_by_role("link", name="Eltern-Café am Markt").click()
    assert phone_page.get_by_role("heading", level=1).inner_text() == "Eltern-Café am Markt"
    assert axe_violations(phone_page) == []


def test_a_parent_searches_in_arabic_right_to_left(phone_page):
    from lotse.offers.hsds_import import import_services
    from lotse.offers.tests.samples import hsds_service, online_service

    import_services([hsds_service(), online_service()])
    phone_page.goto("/ar/angebote/")
    assert phone_page.locator("html").get_attribute("dir") == "rtl"
    assert axe_violations(phone_page) == []
    phone_page.get_by_label("الرمز البريدي أو المكان").fill("17489")
    phone_page.get_by_role("button", name="بحث").click()
    phone_page.wait_for_url("**/ar/angebote/?where=17489*")
    assert phone_page.get_by_role("heading", name="بالقرب منك").is_visible()
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 360
    assert axe_violations(phone_page) == []


def test_ukrainian_home_page_is_accessible(phone_page):
    phone_page.goto("/uk/")
    assert phone_page.locator("html").get_attribute("lang") == "uk"
    assert phone_page.get_by_role("link", name="Знайти пропозиції").first.is_visible()
    assert axe_violations(phone_page) == []


def test_a_parent_switches_language_on_her_results_without_javascript(browser, live_server):
    from lotse.offers.hsds_import import import_services
    from lotse.offers.tests.samples import hsds_service

    import_services([hsds_service()])
    context = browser.new_context(
        base_url=live_server.url,
        viewport={"width": 360, "height": 740},
        is_mobile=True,
        java_script_enabled=False,
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        page.goto("/ar/angebote/?where=17489")
        # Right to left: the brand sits at the right edge of the header.
        brand = page.locator(".brand").bounding_box()
        assert brand["x"] + brand["width"] > 300
        switch = page.get_by_role("navigation", name="اختر اللغة")
        assert switch.get_by_role("link").count() == 6
        assert switch.get_by_role("link", name="العربية").get_attribute("aria-current") == "true"
        ukrainian = switch.get_by_role("link", name="Українська")
        assert ukrainian.get_attribute("lang") == ukrainian.get_attribute("hreflang") == "uk"
        # The switch wraps inside the phone's width.
        for link in switch.get_by_role("link").all():
            box = link.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= 360
        ukrainian.click()
        page.wait_for_url("**/uk/angebote/?where=17489")
        assert page.locator("html").get_attribute("dir") == "ltr"
        assert page.get_by_role("heading", name="Поблизу").is_visible()
        assert page.locator(".brand").bounding_box()["x"] < 60
    finally:
        context.close()


def test_sign_in_page_in_arabic_is_accessible(phone_page):
    phone_page.goto("/ar/konto/anmelden/")
    assert phone_page.get_by_role("heading", name="تسجيل الدخول").is_visible()
    assert phone_page.get_by_label("عنوان البريد الإلكتروني").is_visible()
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 360
    assert axe_violations(phone_page) == []


def test_the_map_shows_nearby_venues_without_leaving_the_server(phone_page, live_server):
    from lotse.offers.hsds_import import import_services
    from lotse.offers.tests.samples import hsds_service

    elsewhere = hsds_service(name="Krabbelgruppe Schönwalde")
    elsewhere["service_at_locations"][0]["location"].update(
        name="Stadtteiltreff", latitude=54.0760, longitude=13.4030
    )
    offers = import_services([hsds_service(), hsds_service(name="Zweites Café"), elsewhere])
    hosts, errors = set(), []
    phone_page.on("request", lambda request: hosts.add(request.url.split("/")[2]))
    phone_page.on("pageerror", lambda error: errors.append(str(error)))
    # A CSP refusal is no page error, only a console message.
    phone_page.on(
        "console", lambda message: message.type == "error" and errors.append(message.text)
    )
    phone_page.goto("/angebote/")
    phone_page.get_by_label("PLZ oder Ort").fill("17489")
    phone_page.get_by_role("button", name="Suchen").click()
    phone_page.locator(".leaflet-container").wait_for()
    # The radius circle, the searched point and the eight district outlines.
    phone_page.wait_for_function(
        "document.querySelectorAll('.leaflet-overlay-pane path').length >= 10"
    )
    # Two places, three offers: the café and its neighbour share a marker.
    markers = phone_page.locator(".leaflet-marker-icon[role=button]")
    assert markers.count() == 2
    assert phone_page.evaluate(
        "[...document.querySelectorAll('.leaflet-marker-icon[role=button]')]"
        ".every(image => image.complete && image.naturalWidth > 0)"
    )
    assert phone_page.locator(".offer-map__town", has_text="Greifswald").count() == 1
    # Keyboard: the marker is a button; Enter opens the popup with the links.
    marker = phone_page.get_by_role("button", name="Familienzentrum, Greifswald: 2 Angebote")
    marker.focus()
    phone_page.keyboard.press("Enter")
    popup = phone_page.locator(".leaflet-popup-content")
    assert popup.get_by_role("link", name="Zweites Café").is_visible()
    assert "km entfernt" in popup.inner_text()
    assert errors == []
    assert hosts == {live_server.url.split("/")[2]}
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 360
    assert axe_violations(phone_page) == []

    # The offer's page: a small map of its venue.
    popup.get_by_role("link", name="Zweites Café").click()
    phone_page.wait_for_url(f"**{offers[1].get_absolute_url()}")
    phone_page.locator(".leaflet-marker-icon[role=button]").wait_for()
    assert phone_page.get_by_role("region", name="Karte: wo das Angebot stattfindet").is_visible()
    assert errors == []
    assert hosts == {live_server.url.split("/")[2]}
    assert axe_violations(phone_page) == []


def test_without_javascript_the_list_stands_alone(browser, live_server):
    from lotse.offers.hsds_import import import_services
    from lotse.offers.tests.samples import hsds_service

    import_services([hsds_service()])
    context = browser.new_context(
        base_url=live_server.url, java_script_enabled=False, viewport={"width": 360, "height": 740}
    )
    page = context.new_page()
    page.goto("/angebote/?where=17489")
    assert page.get_by_role("link", name="Eltern-Café am Markt").is_visible()
    assert page.locator("#offer-map").is_hidden()
    context.close()
