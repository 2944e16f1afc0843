"""Course dates, iCal, and the anonymous count of searches that found nothing nearby."""

import datetime

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone

from lotse.offers.hsds_import import import_services
from lotse.offers.models import Schedule, UnmetSearch
from lotse.offers.schedules import ical, next_sessions, sessions, weekly_hours
from lotse.offers.tests.samples import hsds_service

pytestmark = pytest.mark.django_db


def course(**fields) -> Schedule:
    defaults = {
        "freq": "WEEKLY",
        "byday": "TU",
        "opens_at": datetime.time(10),
        "closes_at": datetime.time(11, 30),
        "dtstart": datetime.date(2026, 3, 2),  # a Monday
        "count": 6,
    }
    return Schedule(**{**defaults, **fields})


def test_a_six_week_course_has_six_tuesdays_from_its_start():
    dates = [s.starts.date() for s in sessions(course())]
    assert len(dates) == 6
    assert dates[0] == datetime.date(2026, 3, 3)
    assert all(d.weekday() == 1 for d in dates)
    assert dates[-1] == datetime.date(2026, 4, 7)


def test_until_limits_and_two_weekdays_count_both():
    dates = [
        s.starts.date()
        for s in sessions(course(byday="MO,TH", count=None, until=datetime.date(2026, 3, 12)))
    ]
    assert dates == [
        datetime.date(2026, 3, 2),
        datetime.date(2026, 3, 5),
        datetime.date(2026, 3, 9),
        datetime.date(2026, 3, 12),
    ]


def test_weekly_hours_have_no_dates_but_words():
    hours = Schedule(
        freq="WEEKLY", byday="TU,TH", opens_at=datetime.time(9, 30), closes_at=datetime.time(11, 30)
    )
    assert list(sessions(hours)) == []
    assert weekly_hours(hours) == "dienstags, donnerstags, 9:30–11:30 Uhr"


def test_only_coming_dates_are_next():
    today = timezone.localdate()
    past_and_future = course(dtstart=today - datetime.timedelta(days=14), byday="", count=5)
    upcoming = next_sessions([past_and_future])
    assert all(s.ends >= timezone.now() for s in upcoming)
    assert len(upcoming) in (2, 3)


def test_ical_has_one_event_per_date_in_utc_with_escaped_text():
    [offer] = import_services([hsds_service(name="Kurs; mit, Zeichen", schedules=[])])
    text = ical(offer, [course()], place="Markt 1, 17489 Greifswald").decode()
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert text.count("BEGIN:VEVENT") == 6
    assert "DTSTART:20260303T090000Z" in text  # 10:00 in Berlin (CET) is 09:00 UTC
    assert "SUMMARY:Kurs\\; mit\\, Zeichen" in text
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))


def test_the_offer_page_lists_dates_and_offers_the_calendar_file(client):
    start = timezone.localdate() + datetime.timedelta(days=1)
    schedule = {
        "freq": "WEEKLY",
        "byday": "WE",
        "opens_at": "10:00",
        "closes_at": "11:00",
        "dtstart": start.isoformat(),
        "count": 3,
    }
    [offer] = import_services([hsds_service(schedules=[schedule])])
    page = client.get(offer.get_absolute_url()).content.decode()
    assert "Nächste Termine" in page
    calendar = client.get(reverse("offers:offer_calendar", kwargs={"offer_id": offer.pk}))
    assert calendar["Content-Type"] == "text/calendar"
    assert calendar["Content-Disposition"] == 'attachment; filename="termine.ics"'
    events = icalendar.Calendar.from_ical(calendar.content).walk("VEVENT")
    assert [str(event["SUMMARY"]) for event in events] == [offer.name] * 3


def test_weekly_offers_have_no_calendar_file(client):
    [offer] = import_services([hsds_service()])
    url = reverse("offers:offer_calendar", kwargs={"offer_id": offer.pk})
    assert client.get(url).status_code == 404


def test_a_search_without_anything_nearby_is_counted_anonymously(client):
    import_services([hsds_service()])  # in Greifswald only
    client.get(reverse("offers:finder"), {"where": "19370", "age": "12"})  # Parchim
    client.get(reverse("offers:finder"), {"where": "19370", "age": "12", "radius": "5"})
    client.get("/api/v1/offers", {"postcode": "19370", "pregnant": "true"})
    client.get(reverse("offers:finder"), {"where": "17489", "age": "12"})  # found: not counted
    rows = {
        (row.postcode, row.age_band, row.district_ags): row.count
        for row in UnmetSearch.objects.all()
    }
    assert rows == {("19370", "12-23", "13076"): 2, ("19370", "pregnant", "13076"): 1}
    field_names = {field.name for field in UnmetSearch._meta.get_fields()}
    assert not field_names & {"ip", "query", "text", "created_at"}
