"""Reach counts only what a family can walk or drive to: venues, and outreach offers whose
area covers the place (by AGS or polygon). Online and telephone offers are listed
beside it and never make a place reached."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from lotse.monitoring import reach
from lotse.monitoring.formulas import compute
from lotse.monitoring.models import Indicator
from lotse.offers.hsds_import import import_services
from lotse.offers.tests.samples import GREIFSWALD, hsds_service, online_service, outreach_service
from lotse.regions.models import District, Municipality, Statistic

pytestmark = pytest.mark.django_db


@pytest.fixture
def children():
    for district in District.objects.all():
        Statistic.objects.update_or_create(
            district=district,
            kind="children_under_3",
            year=timezone.localdate().year - 1,
            defaults={"value": 3000, "source": "Test"},
        )


def far_from_greifswald(district) -> list[Municipality]:
    """The district's municipalities, farthest from the Greifswald venue first."""
    return sorted(
        Municipality.objects.filter(district=district),
        key=lambda m: -reach.distance_km(*GREIFSWALD, m.latitude, m.longitude),
    )


def reach_10km() -> dict:
    per_district, _state = compute(
        Indicator.objects.get(code="erreichbarkeit-10km"), timezone.localdate().year
    )
    return {pk: ratio.value for pk, ratio in per_district.items()}


def test_online_offers_reach_no_place(world, children):
    import_services([online_service(), online_service(name="Online-Sprechstunde")])
    places = reach.analyse()
    assert places and all(place.distance_km is None for place in places)
    assert reach.online_total() == 2
    assert {place.online_offers for place in places} == {2}  # offers without a district
    assert set(reach_10km().values()) == {0}


def test_a_district_without_a_nearby_offer_is_a_white_spot(world, children, state_coordinator):
    far = far_from_greifswald(world.district)
    import_services(
        [
            hsds_service(),  # a venue in Greifswald
            online_service(),  # reaches nobody, however many there are
            outreach_service(f"urn:de:ags:{far[1].ags}"),  # comes to one far municipality
        ]
    )
    places = {place.ags: place for place in reach.analyse()}
    assert places[far[1].ags].distance_km == 0
    assert places[far[1].ags].venue_km > 10  # covered by the midwife, far from a venue
    assert places[far[0].ags].distance_km > 10
    greifswald = next(p for p in places.values() if p.name.startswith("Greifswald"))
    assert greifswald.distance_km < 5 and greifswald.online_offers == 1

    values = reach_10km()
    assert 0 < values[world.district.pk] < 100
    schwerin = District.objects.get(ags="13004")  # about 200 km away: nothing near
    assert values[schwerin.pk] == 0
    assert len(set(values.values())) > 1

    spots = reach.white_spots(list(places.values()), limit=20)
    assert all(spot.distance_km is None or spot.distance_km > 10 for spot in spots)
    assert greifswald.ags not in {spot.ags for spot in spots}

    page = state_coordinator.get(reverse("monitoring:reach")).content.decode()
    assert "Dazu kommt 1 auffindbares Online- oder Telefonangebot" in page
    export = state_coordinator.get(reverse("monitoring:reach_export"))
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][-1].startswith("Online-/Telefonangebote")
    assert rows[1][3] == ""  # nothing near at all comes first, then the farthest
    distances = [float(row[3].replace(",", ".")) for row in rows[1:] if row[3]]
    assert distances == sorted(distances, reverse=True)
    assert distances[0] > 100 and distances[-1] == 0  # the midwife's place comes last


def test_a_polygon_service_area_covers_the_places_inside_it(world, children):
    target = far_from_greifswald(world.district)[0]
    lat, lon, d = target.latitude, target.longitude, 0.01
    square = {
        "type": "Polygon",
        "coordinates": [
            [[lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d], [lon - d, lat + d],
             [lon - d, lat - d]]
        ],
    }  # fmt: skip
    import_services(
        [outreach_service("", service_areas=[{"extent": square, "name": "Rund um den Ort"}])]
    )
    places = {place.ags: place for place in reach.analyse()}
    assert places[target.ags].distance_km == 0
    assert sum(1 for place in places.values() if place.distance_km == 0) < 5


def test_where_outreach_covers_everything_the_venue_distance_orders_the_white_spots(
    world, children
):
    import_services(
        [hsds_service()]
        + [outreach_service(f"urn:de:ags:{district.ags}") for district in District.objects.all()]
    )
    places = reach.analyse()
    assert {place.distance_km for place in places} == {0}
    assert set(reach_10km().values()) == {100}  # every family is reached at home
    spots = reach.white_spots(places, limit=10)
    weighted = [float(spot.children) * spot.venue_km for spot in spots]
    assert weighted == sorted(weighted, reverse=True) and weighted[0] > 0
    assert [spot.name for spot in spots] != sorted(spot.name for spot in spots)


def test_analysis_queries_do_not_grow_with_offers(world, children):
    import_services([hsds_service(), online_service(), outreach_service("urn:de:ags:13075")])
    with CaptureQueriesContext(connection) as few:
        reach.analyse()
    import_services(
        [hsds_service() for _ in range(5)]
        + [online_service() for _ in range(5)]
        + [outreach_service("urn:de:ags:13004") for _ in range(5)]
    )
    with CaptureQueriesContext(connection) as many:
        reach.analyse()
    assert len(many) == len(few)
