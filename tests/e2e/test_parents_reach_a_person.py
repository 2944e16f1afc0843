"""A parent on a phone: from the home page to a phone number, from every result; on a crisis
search the helplines come first. Real chromium at 390×844, each page checked with axe-core."""

import pytest

from lotse.offers.hsds_import import import_services
from lotse.offers.models import ContactPoint
from lotse.offers.tests.samples import hsds_service, online_service, outreach_service
from lotse.regions.models import District
from tests.e2e.conftest import axe_violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
WIDTH, HEIGHT = 390, 844
CRISIS = [{"taxonomy_term": {"code": "krise-notfall"}}]


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url,
        locale="de-DE",
        viewport={"width": WIDTH, "height": HEIGHT},
        is_mobile=True,
        has_touch=True,
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def directory(db):
    """Offers around Greifswald, one with only its provider's phone; the district's contact
    point (demo numbers that reach nobody)."""
    provider_only = hsds_service(name="Babytreff Schönwalde")
    provider_only.pop("email")
    provider_only["organization"] = {
        "id": "5c0a5a8e-9f6e-4b8e-9d35-3a7c1b2d4e61",
        "name": "Kinderschutzbund Greifswald (Demo)",
        "phones": [{"number": "030 23125 300"}],
    }
    import_services(
        [
            hsds_service(phones=[{"number": "030 23125 301"}]),
            provider_only,
            outreach_service("urn:de:ags:13075", phones=[{"number": "030 23125 302"}]),
            online_service(
                name="Krisentelefon für Eltern",
                attributes=CRISIS,
                phones=[{"number": "030 23125 303"}],
            ),
        ]
    )
    ContactPoint.objects.create(
        district=District.objects.get(ags="13075"),
        office="Netzwerkkoordination Frühe Hilfen im Jugendamt",
        phone="030 23125 399",
        email="fruehe-hilfen@jugendamt-13075.example",
        address="Beispielstraße 7, Greifswald",
        hours="Mo–Do 9–15 Uhr",
    )


def in_view(page, locator) -> bool:
    box = locator.bounding_box()
    return box is not None and box["y"] < HEIGHT and box["y"] + box["height"] > 0


def every_card_has_a_phone_link(page) -> int:
    cards = page.locator(".offer-card")
    count = cards.count()
    assert count > 0
    for index in range(count):
        assert cards.nth(index).locator('a[href^="tel:"]').count() >= 1, index
    return count


def no_sideways_scrolling(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= WIDTH


def test_a_parent_searches_from_the_home_page_and_reaches_a_phone_number(phone, directory):
    phone.goto("/")
    assert axe_violations(phone) == []
    search = phone.get_by_role("search")
    assert in_view(phone, search.get_by_label("PLZ oder Ort"))
    assert phone.locator('a[href="tel:03023125399"]').count() == 1  # the contact point
    search.get_by_label("PLZ oder Ort").fill("Greifswald")
    search.get_by_label("Alter des Kindes").select_option(label="1 Jahr")
    search.get_by_role("button", name="Angebote suchen").click()
    phone.wait_for_url("**/angebote/?where=Greifswald*")

    # The form folded into one line: the first result is on the first screen.
    assert phone.get_by_text("ändern", exact=True).is_visible()
    assert in_view(phone, phone.locator(".offer-card").first)
    assert every_card_has_a_phone_link(phone) == 4
    assert phone.get_by_text("Kontakt über den Träger").is_visible()
    assert phone.locator('.contact-point a[href="tel:03023125399"]').is_visible()
    assert no_sideways_scrolling(phone)
    assert axe_violations(phone) == []

    phone.get_by_text("ändern", exact=True).click()
    assert phone.get_by_label("Umkreis").is_visible()

    phone.get_by_role("link", name="Babytreff Schönwalde").click()
    assert phone.get_by_role("heading", level=1).inner_text() == "Babytreff Schönwalde"
    assert phone.locator('a[href="tel:03023125300"]').is_visible()  # the provider's
    assert phone.locator('a[href="tel:03023125399"]').is_visible()  # the contact point
    assert no_sideways_scrolling(phone)
    assert axe_violations(phone) == []


def test_a_crisis_search_shows_the_helplines_first(phone, directory):
    phone.goto("/")
    phone.get_by_role("link", name="Hilfetelefone für Krise und Notfall").click()
    helplines = phone.get_by_role("region", name="Sofort Hilfe am Telefon")
    assert in_view(phone, helplines)
    assert phone.locator('a[href="tel:112"]').first.is_visible()
    assert axe_violations(phone) == []

    phone.get_by_label("PLZ oder Ort").fill("17489")
    phone.get_by_role("button", name="Suchen").click()
    phone.wait_for_url("**/angebote/?where=17489*")
    first_helpline = phone.locator(".helpline-list a[href^='tel:']").first
    first_result = phone.locator(".offer-card").first
    assert first_helpline.bounding_box()["y"] < first_result.bounding_box()["y"]
    for number in ("tel:08001110550", "tel:08004040020", "tel:112", "tel:116117"):
        assert phone.locator(f'.helplines a[href="{number}"]').count() == 1
    assert every_card_has_a_phone_link(phone) == 1
    assert no_sideways_scrolling(phone)
    assert axe_violations(phone) == []

    phone.get_by_role("link", name="Krisentelefon für Eltern").click()
    assert phone.locator('.helplines a[href="tel:08001110550"]').is_visible()
    assert axe_violations(phone) == []


def test_in_arabic_a_parent_also_reaches_a_phone_number_from_every_result(phone, directory):
    phone.goto("/ar/")
    assert phone.locator("html").get_attribute("dir") == "rtl"
    assert axe_violations(phone) == []
    search = phone.get_by_role("search")
    search.locator('input[name="where"]').fill("17489")
    search.locator('button[type="submit"]').click()
    phone.wait_for_url("**/ar/angebote/?where=17489*")
    assert in_view(phone, phone.locator(".offer-card").first)
    assert every_card_has_a_phone_link(phone) == 4
    assert phone.locator('.contact-point a[href="tel:03023125399"]').is_visible()
    assert no_sideways_scrolling(phone)
    assert axe_violations(phone) == []


def test_the_coordinator_and_the_lks_keep_the_numbers_parents_see(browser, live_server, db):
    from lotse.accounts.models import Role
    from tests.e2e.conftest import person, sign_in

    district = District.objects.get(ags="13075")
    coordinator = person(
        "netzwerk-kontakt@lotse.example", Role.NETWORK_COORDINATOR, district=district
    )
    page = sign_in(browser, live_server.url, coordinator)
    page.goto("/angebotspflege/anlaufstellen/")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Anlaufstelle Landkreis Vorpommern-Greifswald anlegen").click()
    page.get_by_label("Stelle").fill("Netzwerkkoordination Frühe Hilfen im Jugendamt")
    page.get_by_label("Telefon").fill("ruf an")
    page.get_by_label("E-Mail").fill("fruehe-hilfen@jugendamt-13075.example")
    page.get_by_label("Anschrift").fill("Beispielstraße 7, Greifswald")
    page.get_by_label("Sprechzeiten").fill("vormittags")
    page.get_by_role("button", name="Speichern").click()
    assert page.get_by_text("Bitte eine Telefonnummer aus Ziffern angeben").first.is_visible()
    assert page.get_by_text("Bitte angeben, wann jemand erreichbar ist").first.is_visible()
    assert axe_violations(page) == []
    page.get_by_label("Telefon").fill("030 23125 399")
    page.get_by_label("Sprechzeiten").fill("Mo–Do 9–15 Uhr")
    page.get_by_role("button", name="Speichern").click()
    assert page.locator('a[href="tel:03023125399"]').is_visible()
    page.context.close()

    lks = person("lks-kontakt@lotse.example", Role.STATE_COORDINATOR)
    page = sign_in(browser, live_server.url, lks)
    page.goto("/angebotspflege/hilfetelefone/")
    assert page.locator('a[href="tel:08001110550"]').is_visible()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Hilfetelefon hinzufügen").click()
    assert axe_violations(page) == []
    page.context.close()
