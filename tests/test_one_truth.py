"""One figure, one number: for every district of the demo, the network page, the
workspace, the concept and the annual report (their `[[…]]` figures), the LKS's network
matrix and the indicators show the same partner count, coordinator and offer count
(lotse/networks/key_figures.py). The numbers are read from the rendered pages, as the
people who use them see them."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from conftest import verified_client
from lotse.accounts.models import User
from lotse.documents.models import Document
from lotse.monitoring import reach
from lotse.monitoring.formulas import compute
from lotse.monitoring.models import Indicator
from lotse.networks import key_figures
from lotse.networks.models import Network
from lotse.regions.models import District

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo, seeded once for this module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


def shown(html: str, name: str, attribute: str = "data-figure") -> list[str]:
    """The texts of the elements marked with `attribute="name"`, in page order."""
    return [
        text.strip() for text in re.findall(rf'{attribute}="{re.escape(name)}"[^>]*>([^<]*)<', html)
    ]


def row(html: str, ags: str) -> str:
    found = re.search(rf'<tr data-district="{ags}">(.*?)</tr>', html, re.S)
    assert found, f"no row for {ags}"
    return found.group(1)


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_every_page_shows_the_same_figures_for_every_district_of_the_demo(demo):
    this_year = timezone.localdate().year
    report_year = this_year - 1
    lks = verified_client(User.objects.get(email="lks@lotse.example"))
    matrix = page(lks, reverse("networks:state_overview") + f"?jahr={this_year}")
    matrix_then = page(lks, reverse("networks:state_overview") + f"?jahr={report_year}")
    districts = list(District.objects.without_boundaries().order_by("ags"))
    assert len(districts) == 8

    seen = {}
    for district in districts:
        ags = district.ags
        coordinator = verified_client(User.objects.get(email=f"netzwerk-{ags}@lotse.example"))
        network = Network.objects.get(district=district, parent=None)
        network_page = page(coordinator, network.get_absolute_url())
        workspace = page(coordinator, reverse("workspace:district", kwargs={"ags": ags}))
        concept = Document.objects.get(district=district, kind=Document.Kind.CONCEPT)
        annual = Document.objects.get(
            district=district, kind=Document.Kind.ANNUAL_REPORT, year=report_year
        )
        concept_page = page(coordinator, concept.get_absolute_url())
        annual_page = page(coordinator, annual.get_absolute_url())
        indicators = page(lks, reverse("monitoring:district", kwargs={"ags": ags}))

        partners = {
            "network page": shown(network_page, "partners"),
            "workspace": shown(workspace, "partners"),
            "concept [[partner_gesamt]]": shown(concept_page, "partner_gesamt"),
            "LKS matrix": shown(row(matrix, ags), "partners"),
            "indicator": shown(indicators, "netzwerkpartner", "data-indicator"),
        }
        expected = str(key_figures.partner_count(district, this_year))
        for where, values in partners.items():
            assert values and set(values) == {expected}, (ags, where, values, expected)

        then = str(key_figures.partner_count(district, report_year))
        assert set(shown(annual_page, "partner_gesamt")) == {then}, ags
        assert shown(row(matrix_then, ags), "partners") == [then], ags

        names = shown(network_page, "coordinator")
        assert names, ags
        assert shown(workspace, "coordinator") == names, ags
        assert names == key_figures.coordinator_names(district), ags

        offers = str(key_figures.offer_count(district, this_year))
        assert shown(workspace, "offers") == [offers], ags
        assert set(shown(concept_page, "angebote_aktiv")) == {offers}, ags

        assert set(shown(concept_page, "teilnetzwerke")) == {
            str(key_figures.sub_network_count(district, this_year))
        }, ags
        sectors = re.findall(r'data-sectors="(\d+)"', network_page)
        assert sectors == re.findall(r'data-sectors="(\d+)"', workspace), ags
        assert sectors == [str(key_figures.sector_count(district, this_year))], ags
        seen[ags] = (int(expected), int(then), int(offers))

    # The figures differ between districts and the demo's past differs from today: the
    # pages agree on real data, not on a constant.
    assert len({partners for partners, _then, _offers in seen.values()}) > 1
    assert len({offers for _partners, _then, offers in seen.values()}) > 1


def test_offer_figures_of_a_past_year_count_the_offers_findable_then(demo):
    districts = list(District.objects.without_boundaries().order_by("ags"))
    this_year = timezone.localdate().year
    today = key_figures.offer_counts(districts, this_year)
    three_years_ago = key_figures.offer_counts(districts, this_year - 3)
    assert sum(three_years_ago.values()) < sum(today.values())
    per_1000 = Indicator.objects.get(code="angebote-je-1000")
    then, _state = compute(per_1000, this_year - 3, districts)
    now, _state = compute(per_1000, this_year, districts)
    assert [then[d.pk].numerator for d in districts] == [three_years_ago[d.pk] for d in districts]
    assert [now[d.pk].numerator for d in districts] == [today[d.pk] for d in districts]


def test_the_10_km_indicator_shows_the_white_spots_of_a_thinly_served_district(demo):
    districts = list(District.objects.without_boundaries().order_by("ags"))
    this_year = timezone.localdate().year
    indicator = Indicator.objects.get(code="erreichbarkeit-10km")
    per_district, _state = compute(indicator, this_year, districts)
    values = {d.ags: per_district[d.pk].value for d in districts}
    # Ludwigslust-Parchim: the demo's outreach offers there serve one municipality each.
    assert values["13076"] < 100
    assert len(set(values.values())) > 1
    places = [p for p in reach.analyse() if p.district_id == districts[-1].pk]
    assert districts[-1].ags == "13076"
    far = [p for p in places if not p.within(10)]
    assert far, "no white spot in 13076"
    assert all(p.distance_km is None or p.distance_km > 10 for p in far)
    lks = verified_client(User.objects.get(email="lks@lotse.example"))
    analysis = page(lks, reverse("monitoring:reach"))
    assert far[0].name in analysis or any(p.name in analysis for p in reach.white_spots(places))
