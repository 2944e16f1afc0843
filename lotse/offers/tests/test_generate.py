"""Generated directories are reproducible and searchable."""

import pytest

from lotse.offers.generate import generate_directory
from lotse.offers.models import Location, Offer, Organization, Topic
from lotse.offers.search import SearchCriteria, search

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
