"""The Landeskonzept as data: shipped by migration, readable, extendable by a new edition."""

import copy
import json

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from lotse.concept.editions import FIRST_EDITION_FILE, read_edition_file, validate_edition
from lotse.concept.models import (
    DevelopmentModule,
    MinimumRequirement,
    StateConcept,
    StateConceptItem,
)

pytestmark = pytest.mark.django_db

EXPECTED_IDS = (
    ["NWK-P1", "NWK-P2", "NWK-P3", "FB-I-L1", "FB-I-L2"]
    + [f"FB-I-M{n}" for n in range(1, 5)]
    + [f"FB-I-E{n}" for n in range(1, 12)]
    + [
        "FB-II.1.1-L1",
        "FB-II.1.1-E1",
        "FB-II.1.2-L1",
        "FB-II.1.2-M1",
        "FB-II.1.2-M2",
        "FB-II.1.2-M3",
    ]
    + ["FB-II.1.2-E1", "FB-II.1.2-E2", "FB-II.2-L1"]
    + [f"FB-II.2-V{n}" for n in range(1, 7)]
    + [f"FB-II.2-E{n}" for n in range(1, 5)]
    + ["FB-III-V1", "FB-III-V2", "LKS-L1"]
    + [f"LKS-E{n}" for n in range(1, 12)]
)


def test_the_2023_2025_edition_is_present_after_migrate_with_every_id():
    concept = StateConcept.objects.get(code="2023-2025")
    assert concept.status == StateConcept.Status.PUBLISHED
    assert sorted(concept.items.values_list("code", flat=True)) == sorted(EXPECTED_IDS)
    assert [a.code for a in concept.funding_areas.all()] == [
        "NWK",
        "I",
        "II.1.1",
        "II.1.2",
        "II.2",
        "III",
        "LKS",
    ]


def test_obligations_of_development_modules():
    assert DevelopmentModule.objects.get(code="FB-I-E2").obligation == "optional"
    assert DevelopmentModule.objects.get(code="FB-I-E11").obligation == "where_available"
    assert DevelopmentModule.objects.get(code="FB-I-E6").obligation == "required"
    assert DevelopmentModule.objects.get(code="FB-I-E1").obligation_uncertain
    assert MinimumRequirement.objects.filter(funding_area__code="I").count() == 4
    assert (
        not StateConceptItem.objects.exclude(kind="development_module")
        .exclude(obligation="")
        .exists()
    )


def test_the_public_page_shows_all_five_funding_areas_with_their_requirements(client):
    content = client.get(reverse("concept:state_concept")).content.decode()
    for code in ("I", "II.1.1", "II.1.2", "II.2", "III"):
        assert f"Förderbereich {code}:" in content
    for item in MinimumRequirement.objects.all():
        assert item.code in content
        assert item.title in content


def test_the_api_gives_the_current_edition_with_all_ids(client):
    data = client.get("/api/v1/landeskonzept").json()
    assert data["code"] == "2023-2025"
    ids = [item["code"] for area in data["funding_areas"] for item in area["items"]]
    assert sorted(ids) == sorted(EXPECTED_IDS)


def next_edition() -> dict:
    data = copy.deepcopy(read_edition_file(FIRST_EDITION_FILE))
    data.update(
        code="2026-2028",
        title="Landeskonzept Frühe Hilfen MV 2026 – 2028",
        valid_from="2026-01-01",
        valid_until="2028-12-31",
        published_on="2026-06-01",
    )
    return data


def test_a_later_edition_is_added_as_data_and_the_old_one_stays_readable(client, tmp_path):
    path = tmp_path / "lk-2026.json"
    path.write_text(json.dumps(next_edition()), encoding="utf-8")
    call_command("import_state_concept", str(path))
    assert StateConcept.objects.current().code == "2026-2028"
    assert StateConcept.objects.get(code="2023-2025").status == StateConcept.Status.SUPERSEDED
    assert client.get("/api/v1/landeskonzept").json()["code"] == "2026-2028"
    old_page = client.get(reverse("concept:state_concept_edition", kwargs={"code": "2023-2025"}))
    assert "frühere Ausgabe" in old_page.content.decode()
    assert client.get("/api/v1/landeskonzept/editions/2023-2025").json()["status"] == "superseded"


def test_a_broken_edition_file_is_refused_with_reasons_and_nothing_stored(tmp_path, capsys):
    data = next_edition()
    data["sections"][1]["items"][0]["kind"] = "wunsch"
    data["sections"][1]["items"].append(copy.deepcopy(data["sections"][1]["items"][1]))
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("import_state_concept", str(path))
    err = capsys.readouterr().err
    assert "unbekannte Art 'wunsch'" in err
    assert "doppelt" in err
    assert not StateConcept.objects.filter(code="2026-2028").exists()


def test_the_same_edition_is_not_loaded_twice():
    problems = validate_edition(read_edition_file(FIRST_EDITION_FILE))
    assert problems == []
    with pytest.raises(CommandError):
        call_command("import_state_concept", str(FIRST_EDITION_FILE))


def test_an_unknown_edition_is_404_in_page_and_api(client):
    assert (
        client.get(
            reverse("concept:state_concept_edition", kwargs={"code": "1999-2001"})
        ).status_code
        == 404
    )
    response = client.get("/api/v1/landeskonzept/editions/1999-2001")
    assert response.status_code == 404
    assert response.json() == {"detail": "Nicht gefunden."}
    # A NUL character, which PostgreSQL refuses in a query (was a 500 there).
    response = client.get("/api/v1/landeskonzept/editions/%00")
    assert response.status_code == 404
    assert response.json() == {"detail": "Nicht gefunden."}


def test_a_later_edition_gets_its_own_checklist(tmp_path):
    from lotse.concept.models import ChecklistItem

    path = tmp_path / "lk-2026.json"
    path.write_text(json.dumps(next_edition()), encoding="utf-8")
    call_command("import_state_concept", str(path))
    assert ChecklistItem.objects.filter(state_concept__code="2026-2028").filter(code="A1").exists()


def test_an_edition_in_use_is_not_replaced(world, capsys):
    from lotse.documents import actions

    actions.start_concept(
        district=world.district,
        edition=StateConcept.objects.get(code="2023-2025"),
        by=world.users["network_coordinator"],
    )
    with pytest.raises(CommandError):
        call_command("import_state_concept", str(FIRST_EDITION_FILE), "--replace")
    error = capsys.readouterr().err
    # The message names what refers to the edition.
    assert "Konzepte und Berichte" in error and "beziehen sich schon darauf" in error
    assert StateConcept.objects.get(code="2023-2025").documents.count() == 1
