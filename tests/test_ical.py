"""iCalendar feeds (lotse/core/ical.py): what a calendar app reads back."""

import datetime
import zoneinfo

import icalendar
from django.utils import timezone

from lotse.core.ical import Event, calendar

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


def event(**fields) -> Event:
    starts = datetime.datetime(2026, 7, 1, 10, tzinfo=BERLIN)
    return Event(
        uid=fields.pop("uid", "meeting-1@lotse"),
        starts=starts,
        ends=starts + datetime.timedelta(hours=2),
        summary=fields.pop("summary", "Netzwerktreffen"),
        **fields,
    )


def test_an_event_carries_uid_stamp_and_utc_times():
    written_after = timezone.now().replace(microsecond=0)
    feed = icalendar.Calendar.from_ical(calendar([event()]))
    [vevent] = feed.walk("VEVENT")
    assert str(vevent["UID"]) == "meeting-1@lotse"
    assert written_after <= vevent.decoded("DTSTAMP") <= timezone.now()
    assert vevent.decoded("DTSTAMP").utcoffset() == datetime.timedelta(0)
    # 10:00 in Berlin in summer (CEST) is 08:00 UTC; UTC needs no time zone table.
    assert vevent.decoded("DTSTART") == datetime.datetime(2026, 7, 1, 8, tzinfo=datetime.UTC)
    assert vevent.decoded("DTEND") == datetime.datetime(2026, 7, 1, 10, tzinfo=datetime.UTC)
    assert "VTIMEZONE" not in [component.name for component in feed.subcomponents]


def test_description_place_and_link_only_where_given():
    bare, full = icalendar.Calendar.from_ical(
        calendar(
            [
                event(uid="bare@lotse"),
                event(
                    uid="full@lotse",
                    description="Zeile 1\nZeile 2",
                    location="Markt 1, 17489 Greifswald",
                    url="https://lotse.example/angebote/1/",
                ),
            ]
        )
    ).walk("VEVENT")
    assert not {"DESCRIPTION", "LOCATION", "URL"} & set(bare)
    assert str(full["DESCRIPTION"]) == "Zeile 1\nZeile 2"
    assert str(full["LOCATION"]) == "Markt 1, 17489 Greifswald"
    assert str(full["URL"]) == "https://lotse.example/angebote/1/"


def test_long_text_is_folded_and_the_calendar_named():
    summary = "Elterncafé für Familien mit Säuglingen; offen, kostenlos " * 3
    text = calendar([event(summary=summary)], name="Netzwerk Frühe Hilfen; Anklam").decode()
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    assert "X-WR-CALNAME:Netzwerk Frühe Hilfen\\; Anklam\r\n" in text
    [vevent] = icalendar.Calendar.from_ical(text).walk("VEVENT")
    assert str(vevent["SUMMARY"]) == summary
