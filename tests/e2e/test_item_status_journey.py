"""A network coordinator states FB-I-E8 for two years, sees the records disagree and the
history; the LKS reads the year-on-year matrices."""

import pytest

from lotse.accounts.models import Role
from lotse.networks.models import Network
from lotse.regions.models import District
from tests.e2e.conftest import axe_violations, person, sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_status_over_two_years_with_history_and_matrix(browser, live_server):
    district = District.objects.get(ags="13075")
    network = Network.objects.get(district=district, parent=None)
    coordinator = person(
        "netzwerk-stand@lotse.example", Role.NETWORK_COORDINATOR, district=district
    )
    lks = person("lks-stand@lotse.example", Role.STATE_COORDINATOR)
    requirements = f"/arbeitsbereich/13075/netzwerke/{network.pk}/mindestanforderungen/"

    page = sign_in(browser, live_server.url, coordinator)
    for year, status in ((2025, "geplant"), (2026, "erreicht")):
        page.goto(f"{requirements}?jahr={year}")
        item = page.locator("#FB-I-E8")
        item.get_by_label(f"Stand {year}", exact=True).select_option(label=status)
        item.get_by_role("button", name="Stand speichern").click()
        page.wait_for_load_state()
    item = page.locator("#FB-I-E8")
    assert "„erreicht“ passt nicht zu den Daten: 0 Qualifizierungen" in item.inner_text()
    assert "2025: geplant" in item.inner_text()
    item.get_by_text("Verlauf").click()
    assert "noch nicht eingeschätzt → erreicht" in item.inner_text()
    assert axe_violations(page) == []
    page.context.close()

    page = sign_in(browser, live_server.url, lks)
    page.goto("/arbeitsbereich/landesweit/netzwerke/?jahr=2026")
    assert "seit 2025: vorher geplant" in page.content()
    assert axe_violations(page) == []
    page.goto("/arbeitsbereich/landesweit/konzepte/?jahr=2026&art=development_module")
    assert "erreicht (2025: geplant)" in page.content()
    assert axe_violations(page) == []
    page.context.close()
