"""The matching rules of the parents' search, at their edges."""

import datetime
import json
import uuid

import pytest
from django.utils import timezone

from lotse.offers import search_columns, search_freshness, search_index, search_table
from lotse.offers.hsds_import import import_services
from lotse.offers.models import Offer, SearchTableVersion
from lotse.offers.search import SearchCriteria, search
from lotse.offers.tests.samples import (
    GREIFSWALD,
    WOLGAST,
    hsds_service,
    online_service,
    outreach_service,
    venue,
)
from lotse.regions.geo import distance_km

pytestmark = pytest.mark.django_db


def at(lat_lon, **criteria) -> SearchCriteria:
    return SearchCriteria(latitude=lat_lon[0], longitude=lat_lon[1], **criteria)


def reaches(criteria: SearchCriteria) -> list[tuple[str, str]]:
    names = dict(Offer.objects.values_list("id", "name"))
    return [(names[hit.offer_id], hit.reach) for hit in search(criteria).hits]


def test_nearby_offers_come_by_distance_then_area_then_online():
    import_services(
        [
            hsds_service(name="Café Wolgast", service_at_locations=[venue(WOLGAST)]),
            hsds_service(name="Café Greifswald"),
            outreach_service("urn:de:ags:13075"),
            online_service(),
        ]
    )
    result = reaches(at(GREIFSWALD, radius_km=50))
    assert result == [
        ("Café Greifswald", "nearby"),
        ("Café Wolgast", "nearby"),
        ("Familienhebamme kommt nach Hause", "area"),
        ("Elternberatung am Telefon", "online"),
    ]


def test_the_radius_edge_is_inclusive():
    import_services([hsds_service(name="Café Wolgast", service_at_locations=[venue(WOLGAST)])])
    km = distance_km(*GREIFSWALD, *WOLGAST)
    assert reaches(at(GREIFSWALD, radius_km=km + 0.001)) == [("Café Wolgast", "nearby")]
    assert reaches(at(GREIFSWALD, radius_km=km - 0.001)) == []


def test_distance_is_to_the_nearest_venue():
    import_services([hsds_service(service_at_locations=[venue(WOLGAST), venue(GREIFSWALD)])])
    [hit] = search(at(GREIFSWALD, radius_km=50)).hits
    assert hit.distance_km < 0.01


@pytest.mark.parametrize(
    ("age", "found"), [(5, False), (6, True), (30, True), (31, False), (None, True)]
)
def test_ages_at_the_edges(age, found):
    import_services([hsds_service(minimum_age=0.5, maximum_age=2.5)])
    assert bool(reaches(at(GREIFSWALD, age_months=age))) is found


def test_no_upper_age_means_any_age():
    record = hsds_service()
    del record["maximum_age"]
    import_services([record])
    assert reaches(at(GREIFSWALD, age_months=72))


def test_pregnant_finds_only_offers_for_expectant_parents():
    import_services(
        [hsds_service(name="Geburtsvorbereitung", pregnancy_eligible=True), hsds_service()]
    )
    assert reaches(at(GREIFSWALD, pregnant=True)) == [("Geburtsvorbereitung", "nearby")]


@pytest.mark.parametrize("uri", ["urn:de:ags:13075", "urn:de:ags:13075039"])
def test_a_service_area_covers_its_district_or_municipality(uri):
    import_services([outreach_service(uri)])
    assert reaches(at(GREIFSWALD)) == [("Familienhebamme kommt nach Hause", "area")]
    # Schwerin lies in another district: not covered.
    assert reaches(SearchCriteria(latitude=53.6288, longitude=11.4148)) == []


def test_a_geojson_extent_covers_the_points_inside_it():
    square = {
        "type": "Polygon",
        "coordinates": [[[13.3, 54.0], [13.5, 54.0], [13.5, 54.2], [13.3, 54.2], [13.3, 54.0]]],
    }
    import_services(
        [
            hsds_service(
                name="Im Quadrat",
                service_at_locations=[],
                service_areas=[{"extent": json.dumps(square)}],
            )
        ]
    )
    assert reaches(at(GREIFSWALD)) == [("Im Quadrat", "area")]
    assert reaches(at(WOLGAST)) == []


def test_an_offer_with_a_venue_nearby_is_not_listed_again_as_area():
    record = hsds_service(service_areas=[{"uri": "urn:de:ags:13075"}])
    import_services([record])
    assert reaches(at(GREIFSWALD)) == [("Eltern-Café am Markt", "nearby")]


def test_online_offers_are_found_anywhere():
    import_services([online_service()])
    assert reaches(SearchCriteria(latitude=53.6288, longitude=11.4148)) == [
        ("Elternberatung am Telefon", "online")
    ]


def test_language_filter_counts_no_language_as_german():
    import_services(
        [
            hsds_service(name="Arabisch", languages=[{"code": "ar"}]),
            hsds_service(name="Ohne", languages=[]),
        ]
    )
    assert [n for n, _ in reaches(at(GREIFSWALD, language="ar"))] == ["Arabisch"]
    assert [n for n, _ in reaches(at(GREIFSWALD, language="de"))] == ["Ohne"]


def test_topic_free_and_weekday_filters():
    import_services(
        [
            hsds_service(
                name="Kurs",
                cost_options=[{"amount": 20}],
                attributes=[{"taxonomy_term": {"code": "elternkurs"}}],
            ),
            hsds_service(name="Café", schedules=[{"freq": "WEEKLY", "byday": "MO"}]),
            hsds_service(name="Ohne Zeiten", schedules=[]),
        ]
    )
    assert [n for n, _ in reaches(at(GREIFSWALD, topics=("elternkurs",)))] == ["Kurs"]
    assert [n for n, _ in reaches(at(GREIFSWALD, free_only=True))] == ["Café", "Ohne Zeiten"]
    assert [n for n, _ in reaches(at(GREIFSWALD, weekday="MO"))] == ["Café"]


def test_only_active_approved_and_fresh_offers_are_found():
    fresh, inactive, pending, stale = import_services(
        [hsds_service(name=n) for n in ("Frisch", "Inaktiv", "Ungeprüft", "Veraltet")]
    )
    Offer.objects.filter(pk=inactive.pk).update(status="inactive")
    Offer.objects.filter(pk=pending.pk).update(approval="pending")
    Offer.objects.filter(pk=stale.pk).update(
        verified_at=timezone.now() - datetime.timedelta(days=400)
    )
    search_index.refresh([inactive.pk, pending.pk, stale.pk])  # as every write path does
    assert [n for n, _ in reaches(at(GREIFSWALD))] == ["Frisch"]


def test_ties_are_ordered_by_name_then_id():
    import_services([online_service(name="B"), online_service(name="A"), online_service(name="A")])
    hits = search(at(GREIFSWALD)).hits
    names = dict(Offer.objects.values_list("id", "name"))
    assert [names[h.offer_id] for h in hits] == ["A", "A", "B"]
    assert str(hits[0].offer_id) < str(hits[1].offer_id)


def test_pages_cross_from_nearby_to_area_to_online_without_gaps():
    import_services(
        [hsds_service(name=f"Café {n}") for n in range(3)]
        + [outreach_service("urn:de:ags:13075", name=f"Hebamme {n}") for n in range(3)]
        + [online_service(name=f"Telefon {n}") for n in range(3)]
    )
    result = search(at(GREIFSWALD))
    paged = [hit for number in range(1, 6) for hit in result.page(number, 2)]
    assert paged == result.hits
    assert [hit.reach for hit in paged] == ["nearby"] * 3 + ["area"] * 3 + ["online"] * 3
    assert result.count == 9


def test_the_table_in_memory_is_kept_until_an_offer_changes():
    [offer] = import_services([hsds_service(name="Café Greifswald")])
    table = search_freshness.current()
    assert search_freshness.current() is table
    Offer.objects.filter(pk=offer.pk).update(name="Café am Hafen")
    search_index.refresh([offer.pk])
    assert search_freshness.current() is not table
    assert reaches(at(GREIFSWALD)) == [("Café am Hafen", "nearby")]


def test_without_a_token_row_every_search_reads_the_table_anew():
    import_services([hsds_service(name="Café Greifswald")])
    SearchTableVersion.objects.all().delete()  # as after a flush of the test database
    assert search_freshness.current() is not search_freshness.current()
    assert reaches(at(GREIFSWALD)) == [("Café Greifswald", "nearby")]


def test_a_process_trusts_the_token_it_read_for_a_while_but_not_after_its_own_edit(
    settings, django_assert_num_queries
):
    settings.LOTSE_SEARCH_TOKEN_SECONDS = 60
    import_services([hsds_service()])
    first = search_freshness.current_token()
    with django_assert_num_queries(0):
        assert search_freshness.current_token() == first
    search_freshness.new_version([])  # an edit in this process
    with django_assert_num_queries(1):
        assert search_freshness.current_token() != first
    search_freshness.forget_token()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # a thread, its own connection
def test_in_production_a_changed_table_loads_in_a_thread_while_the_old_copy_answers(
    settings, monkeypatch
):
    settings.LOTSE_SEARCH_RELOAD_IN_BACKGROUND = True
    settings.LOTSE_SEARCH_RELOAD_WAIT_SECONDS = 0  # as if the load took long
    monkeypatch.setattr(search_freshness, "_current", None)  # as in a new worker
    [offer] = import_services([hsds_service(name="Café Greifswald")])
    old = search_freshness.current()  # the first copy loads in the request
    assert old.token == search_freshness.current_token()
    Offer.objects.filter(pk=offer.pk).update(name="Café am Hafen")
    search_index.refresh([offer.pk])

    answering = search_freshness.current()
    assert answering is old and search_freshness.served_copy() is old
    search_freshness.wait_for_reload(timeout=30)
    new = search_freshness.current()
    assert new is not old and new.token == search_freshness.current_token()
    assert search_freshness.served_copy() is new
    assert reaches(at(GREIFSWALD)) == [("Café am Hafen", "nearby")]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_request_waits_briefly_for_a_reload_and_gets_the_new_copy_when_it_is_quick(
    settings, monkeypatch
):
    settings.LOTSE_SEARCH_RELOAD_IN_BACKGROUND = True
    settings.LOTSE_SEARCH_RELOAD_WAIT_SECONDS = 30  # a few offers load in milliseconds
    monkeypatch.setattr(search_freshness, "_current", None)
    [offer] = import_services([hsds_service(name="Café Greifswald")])
    old = search_freshness.current()
    Offer.objects.filter(pk=offer.pk).update(name="Café am Hafen")
    search_index.refresh([offer.pk])
    new = search_freshness.current()
    assert new is not old and new.token == search_freshness.current_token()
    assert reaches(at(GREIFSWALD)) == [("Café am Hafen", "nearby")]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_failed_reload_keeps_the_previous_copy_answering(settings, monkeypatch, caplog):
    settings.LOTSE_SEARCH_RELOAD_IN_BACKGROUND = True
    settings.LOTSE_SEARCH_RELOAD_WAIT_SECONDS = 30
    monkeypatch.setattr(search_freshness, "_current", None)
    import_services([hsds_service(name="Café Greifswald")])
    old = search_freshness.current()
    search_freshness.new_version(Offer.objects.values_list("pk", flat=True))

    def broken(points):
        raise search_freshness.DatabaseError("connection lost")

    monkeypatch.setattr(search_table, "read_columns", broken)
    assert search_freshness.current() is old
    assert "Suchtabelle konnte nicht neu geladen werden" in caplog.text


def rows_by_offer(table: search_table.SearchTable) -> list[tuple]:
    """Every row as a tuple, in offer order; within an offer sorted (their order is free)."""
    fields = [column.attribute for column in search_columns.COLUMNS]
    rows = [
        (
            int(table.offer[row]),
            *(str(getattr(table, name)[row]) for name in fields),
            json.dumps(table.extents.get(row), sort_keys=True),
            *(sorted(table.codes_at(row, column)) for column in search_columns.WORDS),
        )
        for row in range(len(table.offer))
    ]
    return sorted(rows)


def assert_same_table(patched, whole):
    assert patched.offer_hex.tolist() == whole.offer_hex.tolist()
    assert patched.offer_names == whole.offer_names
    assert rows_by_offer(patched) == rows_by_offer(whole)


@pytest.fixture
def three_offers():
    return import_services(
        [
            hsds_service(name="Café Greifswald"),
            outreach_service("urn:de:ags:13075"),
            online_service(),
        ]
    )


def reimported(offer: Offer, **changes) -> None:
    """The offer imported again with `changes` (a write through the import's refresh)."""
    from lotse.offers.hsds import export_service

    record = export_service(Offer.objects.get(pk=offer.pk))
    record.update(changes)
    import_services([record])


def test_an_edit_in_place_patches_the_copy_as_a_whole_load_would_read_it(three_offers):
    cafe = three_offers[0]
    before = search_freshness.current()
    reimported(cafe, minimum_age=1, maximum_age=2)
    Offer.objects.filter(pk=three_offers[1].pk).update(verified_at=timezone.now())
    search_index.refresh([three_offers[1].pk])
    after = search_freshness.current()
    assert after.offer_hex is before.offer_hex  # patched, not read whole
    assert after.change_id > before.change_id
    assert_same_table(after, search_freshness.load(after.token))
    assert int(after.age_min[after.offer == after.number_of[cafe.pk.hex]][0]) == 12


def test_an_edit_that_no_search_shows_keeps_the_results_version(three_offers):
    cafe, outreach, _online = three_offers
    before = search_freshness.current()
    Offer.objects.filter(pk=outreach.pk).update(verified_at=timezone.now())
    search_index.refresh([outreach.pk])  # a confirmation: still fresh, the same item
    confirmed = search_freshness.current()
    assert confirmed.token != before.token
    assert confirmed.results_version == before.results_version
    assert confirmed.offer_read_in[confirmed.number_of[outreach.pk.hex]] == confirmed.token
    assert confirmed.offer_read_in[confirmed.number_of[cafe.pk.hex]] == before.token

    reimported(cafe, minimum_age=1)  # the rows say something new
    assert search_freshness.current().results_version == search_freshness.current().token


def test_a_new_item_without_new_rows_renews_the_results_version(three_offers):
    cafe = three_offers[0]
    before = search_freshness.current()
    cafe.organization.name = "Familienzentrum am Hafen"  # the item's organisation
    cafe.organization.save()
    search_index.refresh_organization(cafe.organization)
    after = search_freshness.current()
    assert after.offer_hex is before.offer_hex  # patched
    assert after.results_version == after.token != before.results_version


@pytest.mark.parametrize(
    "edit", ["rename", "topics", "new offer", "delete", "bulk", "pruned", "unlogged"]
)
def test_what_moves_rows_or_numbers_reads_the_table_whole(edit, three_offers, monkeypatch):
    cafe = three_offers[0]
    before = search_freshness.current()
    if edit == "rename":
        reimported(cafe, name="Aaa-Café")
    elif edit == "topics":
        reimported(cafe, attributes=[{"taxonomy_term": {"code": "beratung"}}])
    elif edit == "new offer":
        import_services([hsds_service(name="Neues Café")])
    elif edit == "delete":
        Offer.objects.filter(pk=cafe.pk).delete()
    elif edit == "bulk":
        monkeypatch.setattr(search_freshness, "PATCH_AT_MOST", 1)
        search_index.refresh(offer.pk for offer in three_offers)
    elif edit == "pruned":
        monkeypatch.setattr(search_freshness.SearchChange, "KEEP", 1)
        search_index.refresh([cafe.pk])
        search_index.refresh([cafe.pk])
    else:  # a new token without a log entry, as after a restore
        SearchTableVersion.objects.update(token=uuid.uuid4())
        search_freshness.forget_token()
    after = search_freshness.current()
    assert after.offer_hex is not before.offer_hex
    assert_same_table(after, search_freshness.load(after.token))
