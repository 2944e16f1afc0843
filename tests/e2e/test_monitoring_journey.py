"""A planner at the LKS opens an indicator's map, follows a district, and checks the
white spots of family midwives — every page without serious accessibility problems."""

import pytest

from lotse.accounts.models import Role
from tests.e2e.conftest import axe_violations, person, sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_indicator_map_district_and_white_spots(browser, live_server):
    planner = person("planung@lotse.example", Role.STATE_COORDINATOR)
    page = sign_in(browser, live_server.url, planner)
    page.goto("/arbeitsbereich/landesweit/indikatoren/")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Aktive Netzwerkpartner").click()
    map_image = page.get_by_role("img", name="Aktive Netzwerkpartner", exact=False)
    assert map_image.is_visible()
    assert page.locator("svg path").count() == 8
    assert axe_violations(page) == []
    page.get_by_role("link", name="Landkreis Vorpommern-Greifswald").click()
    assert "Indikatoren – Landkreis Vorpommern-Greifswald" in page.content()
    assert axe_violations(page) == []
    page.goto("/arbeitsbereich/landesweit/erreichbarkeit/")
    page.get_by_label("Thema").select_option(label="Familienhebamme / FGKiKP")
    page.get_by_role("button", name="Anzeigen").click()
    page.wait_for_load_state()
    assert page.get_by_role(
        "heading", name="Weiße Flecken: wo die meisten", exact=False
    ).is_visible()
    assert axe_violations(page) == []
