"""A network coordinator reviews a quality standard and later retires it; the list shows it
apart."""

import datetime

import pytest
from django.utils import timezone

from lotse.accounts.models import Role
from lotse.networks.models import Network, QualityStandard
from lotse.regions.models import District
from tests.e2e.conftest import axe_violations, person, sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_review_and_retire_a_quality_standard(browser, live_server):
    district = District.objects.get(ags="13075")
    network = Network.objects.get(district=district, parent=None)
    QualityStandard.objects.create(
        network=network, title="Leitbild", adopted_on=datetime.date(2024, 3, 1)
    )
    coordinator = person("standards-e2e@lotse.example", Role.NETWORK_COORDINATOR, district=district)

    page = sign_in(browser, live_server.url, coordinator)
    page.goto(f"/arbeitsbereich/13075/netzwerke/{network.pk}/qualitaetsstandards/")
    page.get_by_role("link", name="Leitbild").click()
    assert axe_violations(page) == []
    page.get_by_label("überprüft am").fill(timezone.localdate().isoformat())
    page.get_by_label("überprüft von").fill("Netzwerkkonferenz")
    page.get_by_label("Ergebnis").select_option(label="bestätigt, gilt unverändert")
    page.get_by_role("button", name="Überprüfung speichern").click()
    page.wait_for_load_state()
    reviews = page.get_by_role("table", name="Bisherige Überprüfungen dieses Standards")
    assert "Netzwerkkonferenz" in reviews.inner_text()
    assert axe_violations(page) == []

    page.get_by_label("außer Kraft seit").fill(timezone.localdate().isoformat())
    page.get_by_role("button", name="Außer Kraft setzen").click()
    page.wait_for_load_state()
    assert page.get_by_text("außer Kraft seit", exact=False).first.is_visible()
    page.get_by_role("link", name="Alle Qualitätsstandards").click()
    assert page.get_by_role("heading", name="Außer Kraft gesetzte Standards").is_visible()
    assert axe_violations(page) == []
