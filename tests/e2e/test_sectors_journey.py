"""The LKS adds a sector and retires another; the coordinator's partner form follows."""

import pytest

from lotse.accounts.models import Role
from lotse.networks.models import Network, Partner, Sector
from lotse.organizations.models import Organization
from lotse.regions.models import District
from tests.e2e.conftest import axe_violations, person, sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_the_lks_keeps_the_sectors_and_the_partner_form_follows(browser, live_server):
    district = District.objects.get(ags="13075")
    network = Network.objects.get(district=district, parent=None)
    organization = Organization.objects.create(name="Polizeiinspektion Anklam", district=district)
    Partner.objects.create(network=network, organization=organization, sector=Sector.POLICE_COURTS)
    lks = person("lks-sektoren-e2e@lotse.example", Role.STATE_COORDINATOR)

    page = sign_in(browser, live_server.url, lks)
    page.goto("/arbeitsbereich/landesweit/netzwerke/")
    page.get_by_role("link", name="Sektoren der Netzwerke").click()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Sektoren der Netzwerke")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Sektor hinzufügen").click()
    assert axe_violations(page) == []
    page.get_by_label("Bezeichnung:").fill("Wohnungslosenhilfe")
    page.get_by_role("button", name="Speichern").click()
    page.wait_for_url("**/landesweit/sektoren/")
    assert page.get_by_role("row", name="Wohnungslosenhilfe").is_visible()

    page.get_by_role("link", name="Polizei und Justiz").click()
    page.get_by_label("nicht mehr verwenden").check()
    page.get_by_role("button", name="Speichern").click()
    page.wait_for_url("**/landesweit/sektoren/")
    assert "1 aktiver Partner behält diesen Sektor" in page.content()
    assert page.get_by_role("heading", name="Nicht mehr verwendete Sektoren").is_visible()
    assert axe_violations(page) == []

    coordinator = person(
        "netzwerk-sektoren-e2e@lotse.example", Role.NETWORK_COORDINATOR, district=district
    )
    page = sign_in(browser, live_server.url, coordinator)
    page.goto(f"/arbeitsbereich/13075/netzwerke/{network.pk}/partner/neu/")
    options = page.get_by_label("Sektor:").inner_text()
    assert "Wohnungslosenhilfe" in options and "Polizei und Justiz" not in options
    page.goto(network.get_absolute_url())
    assert "von 15 Sektoren" in page.content()  # 15 first, one added, one retired
