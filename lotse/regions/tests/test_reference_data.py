"""The regions of MV are present after `migrate` and the lookup finds what parents type."""

import pytest

from lotse.regions.models import District, Municipality, Place, Postcode, Statistic
from lotse.regions.queries import lookup_place, normalize_place_name

pytestmark = pytest.mark.django_db


def test_the_eight_districts_with_kind_and_statistics():
    districts = {d.ags: d for d in District.objects.all()}
    assert sorted(districts) == [
        "13003",
        "13004",
        "13071",
        "13072",
        "13073",
        "13074",
        "13075",
        "13076",
    ]
    assert districts["13003"].kind == District.Kind.CITY
    assert districts["13075"].kind == District.Kind.COUNTY
    population = Statistic.objects.get(district=districts["13075"], kind="population")
    assert (population.value, population.year) == (237355, 2022)
    assert "Statistisches Amt" in population.source
    assert not population.is_invented


def test_all_municipalities_postcodes_and_places_of_mv():
    assert 700 <= Municipality.objects.count() <= 850
    assert not Municipality.objects.exclude(ags__startswith="13").exists()
    assert all(len(ags) == 8 for ags in Municipality.objects.values_list("ags", flat=True))
    assert Postcode.objects.count() > 150
    assert Place.objects.count() >= Municipality.objects.count()
    greifswald = Postcode.objects.get(code="17489").municipalities.get()
    assert greifswald.district.ags == "13075"
    assert greifswald.boundary["type"] in ("Polygon", "MultiPolygon")


@pytest.mark.parametrize(
    ("typed", "district_ags", "name_part"),
    [
        ("17489", "13075", "Greifswald"),
        ("Wolgast", "13075", "Wolgast"),
        ("Parchim", "13076", "Parchim"),
        ("Loitz", "13075", "Loitz"),
        ("greifswald", "13075", "Greifswald"),
        ("  Wolgast ", "13075", "Wolgast"),
    ],
)
def test_lookup_finds_what_parents_type(typed, district_ags, name_part):
    first = lookup_place(typed)[0]
    assert first.district_ags == district_ags
    assert name_part in first.name
    assert 53.0 < first.latitude < 54.8 and 10.5 < first.longitude < 14.5
    assert first.municipality_ags.startswith(district_ags)


def test_lookup_of_unknown_text_finds_nothing():
    assert lookup_place("Atlantis") == []
    assert lookup_place("99999") == []
    assert lookup_place("x") == []


def test_exact_names_come_before_prefixes():
    names = [match.name for match in lookup_place("Loitz")]
    assert names[0].startswith("Loitz")


@pytest.mark.parametrize(
    ("raw", "normal"),
    [
        ("Greifswald, Universitäts- und Hansestadt", "greifswald"),
        ("Göhren-Lebbin", "goehren lebbin"),
        ("Straße", "strasse"),
        ("  ", ""),
    ],
)
def test_place_names_are_compared_in_a_normal_form(raw, normal):
    assert normalize_place_name(raw) == normal
