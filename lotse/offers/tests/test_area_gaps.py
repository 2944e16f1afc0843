"""A point between the simplified municipality outlines still lies in its district, so the
district's area offers reach it."""

import pytest

from lotse.offers.hsds_import import import_services
from lotse.offers.models import Offer
from lotse.offers.search import SearchCriteria, covering_offer_ids, search
from lotse.offers.tests.samples import hsds_service, outreach_service, venue
from lotse.offers.tests.test_search_oracle import oracle
from lotse.regions.geo import municipality_at, place_at

pytestmark = pytest.mark.django_db

# Measured in the Mecklenburgische Seenplatte (13071): in the district's outline, in no
# municipality's (the shipped outlines are simplified, neighbours do not quite meet).
GAP = (53.53682, 12.82097)


def test_the_shipped_outlines_have_the_gap_and_the_district_outline_closes_it():
    assert municipality_at(*GAP) is None
    assert place_at(*GAP) == (None, "13071")


def test_district_wide_offers_reach_a_point_between_municipality_outlines():
    district_wide, elsewhere = import_services(
        [
            outreach_service("urn:de:ags:13071", name="Familienhebammen Seenplatte"),
            outreach_service("urn:de:ags:13075", name="Familienhebammen Vorpommern-Greifswald"),
        ]
    )
    result = search(SearchCriteria(latitude=GAP[0], longitude=GAP[1], radius_km=1))
    assert [(hit.reach, hit.offer_id) for hit in result.hits] == [("area", district_wide.pk)]
    assert result.district_ags == "13071" and result.municipality_ags is None
    assert covering_offer_ids(*GAP) == {district_wide.pk}
    assert elsewhere.pk not in covering_offer_ids(*GAP)


def test_the_oracle_reads_the_gap_the_same_way():
    import_services(
        [
            outreach_service("urn:de:ags:13071", name="Kreisweit"),
            outreach_service("urn:de:ags:13071001", name="Nur Alt Schwerin"),
            hsds_service(name="Treff nebenan", service_at_locations=[venue(GAP)]),
        ]
    )
    offers = list(
        Offer.objects.prefetch_related(
            "topics", "languages", "schedules", "service_at_locations__location", "service_areas"
        )
    )
    criteria = SearchCriteria(latitude=GAP[0] + 0.001, longitude=GAP[1], radius_km=1)
    expected = oracle(offers, criteria)
    found = [(hit.reach, hit.offer_id, hit.distance_km) for hit in search(criteria).hits]
    assert [(r, i) for r, i, _ in found] == [(r, i) for r, i, _ in expected]
    assert {Offer.objects.get(pk=i).name for r, i, _ in expected if r == "area"} == {"Kreisweit"}


def test_an_offer_held_in_the_gap_is_looked_after_by_its_district():
    [offer] = import_services([hsds_service(service_at_locations=[venue(GAP)])])
    assert offer.district.ags == "13071"
