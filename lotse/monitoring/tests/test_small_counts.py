"""Small counts in the indicators: exact for the LKS, "< 5" with secondary suppression for
everyone else, on the pages and in the report files."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from lotse.monitoring.models import Indicator
from lotse.monitoring.queries import series
from lotse.networks.models import Network, ParentTopic
from lotse.regions.models import District

pytestmark = pytest.mark.django_db


@pytest.fixture
def topics(world):
    """Parents' topics this year: 3 in 13075 (small), 7 in 13071, none elsewhere."""
    year = timezone.localdate().year
    other = Network.objects.get(district=world.other_district, parent=None)
    for network, count in ((world.network, 3), (other, 7)):
        for number in range(count):
            ParentTopic.objects.create(
                network=network, month=datetime.date(year, 1 + number % 12, 1), topic="sleep"
            )
    return Indicator.objects.get(formula="parent_topics")


def test_a_single_small_count_hides_the_next_smallest_too(world, topics):
    data = series(topics)
    year = data.years[-1]
    here, there = world.district.pk, world.other_district.pk
    assert data.shown(here, year, sees_small_numbers=False) == "< 5"
    # 7 would give the 3 away next to the state's 10: hidden as well.
    assert data.shown(there, year, sees_small_numbers=False) == "< 5"
    assert data.shown(None, year, sees_small_numbers=False) == "10"
    assert data.shown(here, year, sees_small_numbers=True) == "3"
    assert data.shown(there, year, sees_small_numbers=True) == "7"
    empty = District.objects.exclude(pk__in=[here, there]).first()
    assert data.shown(empty.pk, year, sees_small_numbers=False) == "0"


def test_the_lks_reads_exact_small_counts_in_the_report_file(
    world, topics, state_coordinator, ministry
):
    url = reverse("monitoring:state_report", kwargs={"file_format": "csv"}) + "?format=machine"
    year = str(timezone.localdate().year)

    def value_of(client, district_name):
        rows = csv.reader(io.StringIO(client.get(url).content.decode("utf-8-sig")))
        return next(
            line[4]
            for line in rows
            if line[0] == topics.name and line[2] == district_name and line[3] == year
        )

    assert value_of(state_coordinator, world.district.name) == "3"
    assert value_of(ministry, world.district.name) == "< 5"
    assert value_of(ministry, world.other_district.name) == "< 5"


def test_the_indicator_page_hides_the_second_cell_from_all_but_the_lks(
    world, topics, state_coordinator, network_coordinator
):
    url = reverse("monitoring:indicator", kwargs={"code": topics.code})
    coordinator_page = network_coordinator.get(url).content.decode()
    lks_page = state_coordinator.get(url).content.decode()
    assert ">7<" not in coordinator_page
    assert ">7<" in lks_page and ">3<" in lks_page
