"""Monthly meetings (first Wednesday, last Friday) and single dates: import, export, words,
next dates, iCal and the weekday filter."""

import copy
import datetime
import json
from pathlib import Path

import icalendar
import jsonschema
import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from lotse.offers.hsds import EXPORT_PREFETCH, export_service
from lotse.offers.hsds_import import ImportRefused, import_services
from lotse.offers.models import Offer, Schedule
from lotse.offers.schedules import (
    ical,
    in_words,
    kind,
    next_sessions,
    nth_weekday,
    sessions,
)
from lotse.offers.search import SearchCriteria, search
from lotse.offers.tests.samples import hsds_service
from lotse.organizations.models import Organization

pytestmark = pytest.mark.django_db

FILE = Path(__file__).parent / "data" / "eltern_cafes_monthly.json"
SCHEMA = json.loads(
    (Path(__file__).resolve().parents[3] / "tests" / "hsds_schema" / "service.json").read_text()
)
WEDNESDAY, FRIDAY, SATURDAY = 2, 4, 5


def exported() -> list[dict]:
    offers = (
        Offer.objects.select_related("organization")
        .prefetch_related(*EXPORT_PREFETCH)
        .order_by("id")
    )
    documents = [export_service(offer) for offer in offers]
    for document in documents:
        del document["last_modified"]
    return documents


def monthly(**fields) -> Schedule:
    defaults = {"freq": "MONTHLY", "byday": "1WE", "opens_at": datetime.time(15)}
    defaults["closes_at"] = datetime.time(17)
    return Schedule(**{**defaults, **fields})


def test_the_file_of_monthly_eltern_cafes_is_imported_and_survives_a_round_trip(tmp_path):
    records = json.loads(FILE.read_text())
    call_command("import_hsds", str(FILE))
    first = exported()
    assert len(first) == 3
    for document in first:
        jsonschema.validate(document, SCHEMA)
    given = {s["id"]: s for record in records for s in record["schedules"]}
    written = {s["id"]: s for document in first for s in document["schedules"]}
    assert written == given  # every rule part, the validity and the single date as given

    again = tmp_path / "export.json"
    call_command("export_hsds", str(again))
    call_command("import_hsds", str(again))
    assert exported() == first
    assert Schedule.objects.count() == 4


@pytest.mark.parametrize(
    ("year", "month", "ordinal", "weekday", "day"),
    [
        (2027, 1, 1, WEDNESDAY, datetime.date(2027, 1, 6)),
        (2026, 12, 2, SATURDAY, datetime.date(2026, 12, 12)),
        (2027, 1, -1, FRIDAY, datetime.date(2027, 1, 29)),
        (2027, 4, -1, FRIDAY, datetime.date(2027, 4, 30)),  # the month's last day
        (2027, 3, 5, WEDNESDAY, datetime.date(2027, 3, 31)),
        (2027, 2, 5, WEDNESDAY, None),  # February 2027 has four Wednesdays
    ],
)
def test_the_nth_weekday_of_a_month(year, month, ordinal, weekday, day):
    assert nth_weekday(year, month, ordinal, weekday) == day


def test_a_monthly_meeting_meets_on_its_weekday_of_each_month_until_its_end():
    second_saturdays = [
        s.starts
        for s in sessions(
            monthly(
                byday="2SA",
                dtstart=datetime.date(2026, 9, 1),
                until=datetime.date(2027, 7, 10),
                opens_at=datetime.time(10),
            )
        )
    ]
    assert len(second_saturdays) == 11
    assert second_saturdays[0].date() == datetime.date(2026, 9, 12)
    assert second_saturdays[-1].date() == datetime.date(2027, 7, 10)
    assert all(d.weekday() == SATURDAY and 8 <= d.day <= 14 for d in second_saturdays)
    assert {d.hour for d in second_saturdays} == {10}  # local time, summer and winter


def test_count_and_validity_bound_a_monthly_meeting():
    last_fridays = [
        s.starts.date()
        for s in sessions(monthly(byday="-1FR", dtstart=datetime.date(2026, 10, 30), count=10))
    ]
    assert len(last_fridays) == 10
    assert last_fridays[-1] == datetime.date(2027, 7, 30)
    bounded = monthly(
        byday="1WE,3WE",
        valid_from=datetime.date(2027, 2, 1),
        valid_to=datetime.date(2027, 3, 31),
        dtstart=datetime.date(2027, 1, 1),
    )
    assert [s.starts.date() for s in sessions(bounded)] == [
        datetime.date(2027, 2, 3),
        datetime.date(2027, 2, 17),
        datetime.date(2027, 3, 3),
        datetime.date(2027, 3, 17),
    ]


def test_an_open_ended_monthly_meeting_has_its_next_dates():
    upcoming = next_sessions([monthly()])
    assert len(upcoming) == 6
    assert all(s.ends >= timezone.now() for s in upcoming)
    assert all(s.starts.weekday() == WEDNESDAY and s.starts.day <= 7 for s in upcoming)
    months = [(s.starts.year, s.starts.month) for s in upcoming]
    assert len(set(months)) == 6


def test_a_single_date_is_one_session():
    once = Schedule(dtstart=datetime.date(2027, 1, 16), opens_at=datetime.time(10))
    assert kind(once) == "once"
    assert [s.starts.date() for s in sessions(once)] == [datetime.date(2027, 1, 16)]
    only_validity = Schedule(
        valid_from=datetime.date(2027, 5, 1), valid_to=datetime.date(2027, 5, 1)
    )
    assert [s.starts.date() for s in sessions(only_validity)] == [datetime.date(2027, 5, 1)]


def test_monthly_meetings_in_words():
    assert in_words(monthly()) == "jeden 1. Mittwoch im Monat, 15–17 Uhr"
    assert in_words(monthly(byday="-1FR", opens_at=None, closes_at=None)) == (
        "am letzten Freitag im Monat"
    )
    ended = monthly(
        byday="-1FR",
        dtstart=datetime.date(2026, 10, 30),
        count=10,
        opens_at=datetime.time(9, 30),
        closes_at=datetime.time(11),
    )
    assert in_words(ended) == "am letzten Freitag im Monat, 9:30–11 Uhr bis 30.07.2027"
    assert in_words(Schedule(dtstart=datetime.date(2027, 1, 16), opens_at=datetime.time(10))) == (
        "am 16.01.2027, ab 10 Uhr"
    )


def test_a_monthly_meeting_is_one_repeating_event_in_local_time():
    [offer] = import_services([hsds_service(schedules=[])])
    finite = monthly(byday="-1FR", dtstart=datetime.date(2026, 10, 30), count=10)
    text = ical(offer, [monthly(), finite]).decode()
    feed = icalendar.Calendar.from_ical(text)
    events = feed.walk("VEVENT")
    assert len(events) == 2
    open_ended, counted = events
    assert open_ended["RRULE"].to_ical() == b"FREQ=MONTHLY;BYDAY=1WE"
    assert "DTSTART;TZID=Europe/Berlin:" in text
    assert open_ended.decoded("DTSTART").weekday() == WEDNESDAY
    assert open_ended.decoded("DTSTART").hour == 15
    # The 30 July 2027 in Berlin ends at 21:59:59 UTC (summer time).
    assert counted["RRULE"].to_ical() == b"FREQ=MONTHLY;UNTIL=20270730T215959Z;BYDAY=-1FR"
    assert counted.decoded("DTSTART") == datetime.datetime(
        2026, 10, 30, 15, tzinfo=counted.decoded("DTSTART").tzinfo
    )
    assert feed.walk("VTIMEZONE")


def test_the_offer_page_says_the_rule_in_words_lists_dates_and_offers_the_file(client):
    schedule = {"freq": "MONTHLY", "byday": "1WE", "opens_at": "15:00", "closes_at": "17:00"}
    [offer] = import_services([hsds_service(schedules=[schedule])])
    page = client.get(offer.get_absolute_url()).content.decode()
    assert "jeden 1. Mittwoch im Monat, 15–17 Uhr" in page
    assert "Nächste Termine" in page
    calendar = client.get(reverse("offers:offer_calendar", kwargs={"offer_id": offer.pk}))
    assert calendar.status_code == 200
    [event] = icalendar.Calendar.from_ical(calendar.content).walk("VEVENT")
    assert event["RRULE"]["BYDAY"] == ["1WE"]


def test_the_weekday_filter_finds_weekly_hours_only():
    weekly = hsds_service(name="Wöchentlich", schedules=[{"freq": "WEEKLY", "byday": "WE"}])
    first_wednesday = hsds_service(
        name="Monatlich", schedules=[{"freq": "MONTHLY", "byday": "1WE"}]
    )
    import_services([weekly, first_wednesday])
    result = search(SearchCriteria(latitude=54.0931, longitude=13.3879, weekday="WE"))
    names = set(
        Offer.objects.filter(pk__in=result.local_offer_ids()).values_list("name", flat=True)
    )
    assert names == {"Wöchentlich"}


@pytest.mark.parametrize(
    ("schedule", "field", "words"),
    [
        ({"freq": "MONTHLY", "byday": "6MO"}, "byday", "6MO"),
        ({"freq": "MONTHLY", "byday": "-2FR"}, "byday", "-1 (der letzte)"),
        ({"freq": "MONTHLY", "byday": "WE"}, "byday", "1WE (erster Mittwoch)"),
        ({"freq": "MONTHLY"}, "byday", "fehlt der Wochentag"),
        ({"freq": "WEEKLY", "byday": "1WE"}, "byday", "nur bei freq MONTHLY"),
        ({"freq": "YEARLY", "byday": "MO"}, "freq", "WEEKLY oder MONTHLY"),
        ({"freq": "DAILY"}, "freq", "WEEKLY oder MONTHLY"),
        ({"freq": "MONTHLY", "byday": "1WE", "interval": 2}, "interval", "nur 1"),
        (
            {"freq": "MONTHLY", "byday": "1WE", "bymonthday": "15"},
            "bymonthday",
            "nicht unterstützt",
        ),
        (
            {"freq": "MONTHLY", "byday": "1WE", "dtstart": "2027-05-01", "until": "2027-01-01"},
            "until",
            "liegt vor dtstart",
        ),
        ({"valid_from": "2027-05-01", "valid_to": "2027-04-01"}, "valid_to", "vor valid_from"),
        ({"freq": "MONTHLY", "byday": "1WE", "count": 5}, "dtstart", "count braucht"),
        ({"dtstart": "2027-01-16", "until": "2027-02-16"}, "freq", "einzelner Termin"),
    ],
)
def test_an_impossible_rule_refuses_the_whole_file(schedule, field, words):
    good = hsds_service(schedules=[{"freq": "MONTHLY", "byday": "1WE"}])
    bad = hsds_service(schedules=[{"freq": "WEEKLY", "byday": "MO"}, schedule])
    with pytest.raises(ImportRefused) as refusal:
        import_services([good, bad])
    [error] = refusal.value.errors
    assert error.startswith(f"Datensatz 1 (id {bad['id']}), Feld schedules[1].{field}: ")
    assert words in error
    assert not Offer.objects.exists()
    assert not Organization.objects.exists()


def test_a_bad_rule_in_the_file_changes_nothing_already_imported():
    records = json.loads(FILE.read_text())
    import_services(records)
    before = exported()
    changed = copy.deepcopy(records)
    changed[0]["name"] = "Umbenannt"
    changed[2]["schedules"][0]["byday"] = "6MO"
    with pytest.raises(ImportRefused) as refusal:
        import_services(changed)
    assert refusal.value.errors[0].startswith(
        f"Datensatz 2 (id {records[2]['id']}), Feld schedules[0].byday: "
    )
    assert exported() == before
