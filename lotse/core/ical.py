"""iCalendar (RFC 5545) feeds, written with the `icalendar` library.

Used for an offer's dates and a network's meeting feed. Times go out in UTC, so a feed
needs no time zone table, except for a repeating event: its times stay in their own time
zone (a monthly meeting at 15:00 stays at 15:00 in summer), and the feed then carries that
zone's VTIMEZONE. Text is escaped and lines are folded by the library.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import icalendar
from django.utils import timezone

PRODUCT_ID = "-//Lotse Fruehe Hilfen MV//DE"


@dataclass(frozen=True)
class Event:
    """One VEVENT; empty description, location or url are left out of the feed."""

    uid: str
    starts: datetime.datetime
    ends: datetime.datetime
    summary: str
    description: str = ""
    location: str = ""
    url: str = ""
    # RFC 5545 rule parts of a repeating event, e.g. {"freq": "MONTHLY", "byday": ["1WE"]}.
    rrule: dict[str, Any] | None = None


def calendar(events: Iterable[Event], *, name: str = "") -> bytes:
    """A VCALENDAR with one VEVENT per event, as the octets a calendar app downloads."""
    stamp = timezone.now().astimezone(datetime.UTC)
    feed = icalendar.Calendar()
    feed.add("version", "2.0")
    feed.add("prodid", PRODUCT_ID)
    feed.add("calscale", "GREGORIAN")
    feed.add("method", "PUBLISH")
    if name:
        # An X- property is TEXT (RFC 5545 3.8.8.2): vText escapes ";" and "," in the name.
        feed.add("x-wr-calname", icalendar.vText(name))
    repeating = False
    for event in events:
        # UTC would move a repeating event by an hour when summer time begins or ends.
        local = event.rrule is not None
        component = icalendar.Event.new(
            uid=event.uid,
            stamp=stamp,
            start=event.starts if local else event.starts.astimezone(datetime.UTC),
            end=event.ends if local else event.ends.astimezone(datetime.UTC),
            summary=event.summary,
            description=event.description or None,
            location=event.location or None,
            url=event.url or None,
        )
        if event.rrule is not None:
            component.add("rrule", event.rrule)
            repeating = True
        feed.add_component(component)
    if repeating:
        feed.add_missing_timezones()
    return feed.to_ical()
