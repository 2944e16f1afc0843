"""Generated directories are reproducible and searchable."""

import pytest

from lotse.offers.generate import generate_directory
from lotse.offers.models import Location, Offer, Topic
from lotse.offers.search import SearchCriteria, search
from lotse.organizations.models import Organization
from lotse.regions.models import District, Statistic

pytestmark = pytest.mark.django_db


def fingerprint() -> list[tuple]:
    return list(Offer.objects.order_by("id").values_list("id", "name", "age_min_months", "is_free"))


def test_the_same_seed_gives_the_same_directory():
    generate_directory(60, seed=7)
    first = fingerprint()
    Offer.objects.all().delete()
    Organization.objects.all().delete()
    Location.objects.all().delete()
    generate_directory(60, seed=7)
    assert fingerprint() == first
    assert len(first) == 60


def test_every_topic_occurs_and_greifswald_finds_offers():
    generate_directory(200, seed=3)
    assert set(Topic.objects.filter(offers__isnull=False).values_list("code", flat=True)) == set(
        Topic.objects.values_list("code", flat=True)
    )
    result = search(SearchCriteria(latitude=54.0931, longitude=13.3879, radius_km=50))
    assert {hit.reach for hit in result.hits} >= {"nearby", "online"}


def test_every_district_has_offers_also_the_two_cities():
    generate_directory(200, seed=3)
    assert set(Offer.objects.values_list("district__ags", flat=True)) == set(
        District.objects.values_list("ags", flat=True)
    )


def test_offers_follow_the_children_under_3_when_every_district_has_a_figure():
    districts = list(District.objects.all())
    for district in districts:
        Statistic.objects.update_or_create(
            district=district,
            kind=Statistic.Kind.CHILDREN_UNDER_3,
            year=2099,
            defaults={"value": 9000 if district.ags == "13003" else 1000, "source": "Test"},
        )
    generate_directory(800, seed=3)
    rostock = Offer.objects.filter(district__ags="13003").count()
    assert rostock > 3 * Offer.objects.filter(district__ags="13004").count()
