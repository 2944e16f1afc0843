"""Lotse's HSDS 3.0 profile: all-or-nothing import, profile rules, round trip, schema."""

import json
from pathlib import Path

import jsonschema
import pytest
from django.core.management import CommandError, call_command

from lotse.offers.hsds import EXPORT_PREFETCH, export_service
from lotse.offers.hsds_import import ImportRefused, import_services
from lotse.offers.models import Offer
from lotse.offers.tests.samples import hsds_service, online_service, outreach_service
from lotse.organizations.models import Organization

pytestmark = pytest.mark.django_db

SCHEMA = json.loads(
    (Path(__file__).resolve().parents[3] / "tests" / "hsds_schema" / "service.json").read_text()
)


def exported() -> list[dict]:
    offers = (
        Offer.objects.select_related("organization")
        .prefetch_related(*EXPORT_PREFETCH)
        .order_by("id")
    )
    return [export_service(offer) for offer in offers]


def test_a_service_is_imported_with_the_profile_rules():
    record = hsds_service(minimum_age=0.5, maximum_age=2.5, pregnancy_eligible=True)
    record["cost_options"] = [{"amount": 0, "option": "Teilnahme"}]
    [offer] = import_services([record])
    assert str(offer.id) == record["id"]
    assert (offer.age_min_months, offer.age_max_months) == (6, 30)
    assert offer.pregnancy_eligible and offer.is_free
    assert [t.code for t in offer.topics.all()] == ["eltern-cafe"]
    assert sorted(lang.code for lang in offer.languages.all()) == ["ar", "de"]
    assert offer.approval == Offer.Approval.APPROVED


def test_missing_ages_mean_from_birth_and_no_upper_limit():
    record = hsds_service()
    del record["minimum_age"], record["maximum_age"]
    [offer] = import_services([record])
    assert (offer.age_min_months, offer.age_max_months) == (0, None)


def test_an_amount_above_zero_makes_the_offer_cost_something():
    [offer] = import_services([hsds_service(cost_options=[{"amount": 0}, {"amount": 5.5}])])
    assert not offer.is_free


def test_one_bad_record_imports_nothing_and_every_error_names_index_id_and_field():
    good = hsds_service()
    bad = hsds_service(minimum_age="zwei", status="offen")
    bad["attributes"] = [{"taxonomy_term": {"code": "yoga"}}]
    bad["service_at_locations"][0]["location"]["latitude"] = 123
    with pytest.raises(ImportRefused) as refusal:
        import_services([good, bad])
    errors = refusal.value.errors
    assert all(error.startswith(f"Datensatz 1 (id {bad['id']}), Feld ") for error in errors)
    fields = " ".join(errors)
    for field in ("minimum_age", "status", "attributes[0].taxonomy_term.code", "location.latitude"):
        assert field in fields
    assert not Offer.objects.exists()
    assert not Organization.objects.exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"id": "keine-uuid"}, "id"),
        ({"name": ""}, "name"),
        ({"organization": None}, "organization"),
        ({"minimum_age": 3, "maximum_age": 1}, "maximum_age"),
        ({"languages": [{"code": "deutsch"}]}, "languages[0].code"),
        ({"cost_options": [{"amount": -1}]}, "cost_options[0].amount"),
        ({"schedules": [{"freq": "WEEKLY", "byday": "MONDAY"}]}, "schedules[0].byday"),
        (
            {"schedules": [{"freq": "WEEKLY", "byday": "MO", "opens_at": "25:00"}]},
            "schedules[0].opens_at",
        ),
        ({"service_areas": [{"uri": "urn:de:ags:09162"}]}, "service_areas[0].uri"),
        ({"service_areas": [{"extent": "{kein json"}]}, "service_areas[0].extent"),
        ({"pregnancy_eligible": "ja"}, "pregnancy_eligible"),
    ],
)
def test_bad_fields_are_refused_in_german(change, field):
    with pytest.raises(ImportRefused) as refusal:
        import_services([hsds_service(**change)])
    assert any(f"Feld {field}:" in error for error in refusal.value.errors), refusal.value.errors


def test_a_file_that_is_not_a_list_is_refused():
    with pytest.raises(ImportRefused, match="1 Fehler"):
        import_services({"id": "x"})


def test_duplicate_ids_in_one_file_are_refused():
    record = hsds_service()
    with pytest.raises(ImportRefused) as refusal:
        import_services([record, record])
    assert "doppelt (schon in Datensatz 0)" in refusal.value.errors[0]


def test_export_then_import_gives_the_same_data():
    extent = {
        "type": "Polygon",
        "coordinates": [[[13.0, 53.8], [13.5, 53.8], [13.5, 54.2], [13.0, 54.2], [13.0, 53.8]]],
    }
    import_services(
        [
            hsds_service(minimum_age=0.5, cost_options=[{"amount": 12.5, "option": "Kurs"}]),
            outreach_service("urn:de:ags:13075"),
            online_service(
                service_areas=[{"extent": json.dumps(extent), "extent_type": "geojson"}]
            ),
        ]
    )
    first = exported()
    Offer.objects.all().delete()
    import_services(first)
    second = exported()
    strip = lambda docs: [{k: v for k, v in d.items() if k != "last_modified"} for d in docs]  # noqa: E731
    assert strip(second) == strip(first)


def test_the_export_is_valid_hsds_3():
    import_services([hsds_service(), outreach_service("urn:de:ags:13075054"), online_service()])
    for document in exported():
        jsonschema.validate(document, SCHEMA)


def test_the_command_exits_non_zero_and_prints_the_errors(tmp_path, capsys):
    path = tmp_path / "angebote.json"
    path.write_text(json.dumps([hsds_service(), hsds_service(status="kaputt")]), encoding="utf-8")
    with pytest.raises(CommandError, match="nichts importiert"):
        call_command("import_hsds", str(path))
    assert "Datensatz 1" in capsys.readouterr().err
    assert not Offer.objects.exists()


def test_the_command_imports_and_exports(tmp_path):
    path = tmp_path / "angebote.json"
    path.write_text(json.dumps([hsds_service(), online_service()]), encoding="utf-8")
    call_command("import_hsds", str(path))
    out = tmp_path / "export.json"
    call_command("export_hsds", str(out))
    assert len(json.loads(out.read_text())) == 2
