"""A network coordinator plans a meeting, records who came, and sees the sectors present."""

import datetime

import pytest
from django.utils import timezone

from lotse.accounts.models import Role
from lotse.networks.models import Network, Partner, Sector
from lotse.organizations.models import Organization
from lotse.regions.models import District
from tests.e2e.conftest import axe_violations, person, sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_plan_a_meeting_record_attendance_see_coverage(browser, live_server):
    district = District.objects.get(ags="13075")
    network = Network.objects.get(district=district, parent=None)
    for name, sector in (
        ("Hebammenpraxis Anklam", Sector.MIDWIVES),
        ("Jobcenter Vorpommern-Greifswald", Sector.JOB_CENTRE),
    ):
        organization = Organization.objects.create(name=name, district=district)
        Partner.objects.create(network=network, organization=organization, sector=sector)
    coordinator = person("netzwerk-e2e@lotse.example", Role.NETWORK_COORDINATOR, district=district)

    page = sign_in(browser, live_server.url, coordinator)
    page.goto(network.get_absolute_url())
    assert axe_violations(page) == []
    page.get_by_role("link", name="Treffen planen").click()
    assert axe_violations(page) == []
    page.get_by_label("Art:").select_option(label="Netzwerktreffen")
    page.get_by_label("Titel:").fill("Netzwerktreffen Frühjahr")
    day = timezone.localdate() + datetime.timedelta(days=3)
    page.get_by_label("Datum:").fill(day.isoformat())
    page.get_by_label("von:").fill("10:00")
    page.get_by_label("bis:").fill("12:00")
    page.get_by_label("Hebammenpraxis Anklam").check()
    page.get_by_label("Jobcenter Vorpommern-Greifswald").check()
    page.get_by_role("button", name="Speichern").click()
    page.wait_for_url("**/treffen/*/")
    coverage = page.get_by_role("table", name="Sektoren bei diesem Treffen")
    assert "0 von 15 Sektoren" in coverage.inner_text()
    assert axe_violations(page) == []

    page.get_by_label("Hebammenpraxis Anklam (Hebammen und Familienhebammen)").check()
    page.get_by_role("button", name="Teilnahme speichern").click()
    page.wait_for_load_state()
    coverage = page.get_by_role("table", name="Sektoren bei diesem Treffen")
    assert "1 von 15 Sektoren" in coverage.inner_text()
    assert page.get_by_role("row", name="Hebammen und Familienhebammen 1").is_visible()
    assert axe_violations(page) == []
