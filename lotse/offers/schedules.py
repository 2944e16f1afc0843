"""When an offer happens: weekly hours in words, the next dates of a course, and iCal.

A schedule with `dtstart` is a course with dates: weekly on its weekdays from `dtstart`,
`count` times in all or up to `until` (neither: 12 weeks). Without `dtstart` it is weekly
opening hours, which have no dates to download.
"""

from __future__ import annotations

import datetime
import zoneinfo
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.core.ical import Event, calendar
from lotse.core.links import public_url
from lotse.offers.models import Offer, Schedule

DAY_NUMBERS = {"MO": 0, "TU": 1, "WE": 2, "TH": 3, "FR": 4, "SA": 5, "SU": 6}
OPEN_ENDED_WEEKS = 12
BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


def day_names() -> dict[str, str]:
    return {
        "MO": _("montags"),
        "TU": _("dienstags"),
        "WE": _("mittwochs"),
        "TH": _("donnerstags"),
        "FR": _("freitags"),
        "SA": _("samstags"),
        "SU": _("sonntags"),
    }


@dataclass(frozen=True)
class Session:
    """One dated meeting of a course, in local time."""

    schedule: Schedule
    number: int  # 1-based within its schedule
    starts: datetime.datetime
    ends: datetime.datetime


def is_course(schedule: Schedule) -> bool:
    return schedule.dtstart is not None


def sessions(schedule: Schedule) -> Iterator[Session]:
    """Every date of a course, in order (none for weekly hours)."""
    if not is_course(schedule):
        return
    days = sorted(DAY_NUMBERS[day] for day in schedule.weekdays() if day in DAY_NUMBERS)
    if not days:
        days = [schedule.dtstart.weekday()]
    limit_date = schedule.until or (
        None if schedule.count else schedule.dtstart + datetime.timedelta(weeks=OPEN_ENDED_WEEKS)
    )
    opens = schedule.opens_at or datetime.time(0)
    closes = schedule.closes_at or opens
    number, day = 0, schedule.dtstart
    while True:
        if schedule.count and number >= schedule.count:
            return
        if limit_date and day > limit_date:
            return
        if day.weekday() in days:
            number += 1
            yield Session(
                schedule,
                number,
                datetime.datetime.combine(day, opens, tzinfo=BERLIN),
                datetime.datetime.combine(day, closes, tzinfo=BERLIN),
            )
        day += datetime.timedelta(days=1)


def next_sessions(schedules: Iterable[Schedule], *, limit: int = 6) -> list[Session]:
    """The coming course dates of an offer, soonest first."""
    now = timezone.now()
    upcoming = [s for schedule in schedules for s in sessions(schedule) if s.ends >= now]
    return sorted(upcoming, key=lambda s: s.starts)[:limit]


def has_dates(schedules: Iterable[Schedule]) -> bool:
    return any(is_course(schedule) for schedule in schedules)


def weekly_hours(schedule: Schedule) -> str:
    """'dienstags, donnerstags 09:30–11:30' for a schedule."""
    names = day_names()
    days = ", ".join(names.get(day, day) for day in schedule.weekdays())
    hours = ""
    if schedule.opens_at and schedule.closes_at:
        hours = f"{schedule.opens_at:%H:%M}–{schedule.closes_at:%H:%M}"
    return " ".join(part for part in (days, hours) if part) or schedule.description


# --- iCalendar ------------------------------------------------------------------------------


def ical(offer: Offer, schedules: Iterable[Schedule], *, place: str = "") -> bytes:
    """All dates of the offer's courses, one event per date."""
    url = public_url(offer.get_absolute_url())
    return calendar(
        Event(
            uid=f"{schedule.pk}-{session.number}@lotse",
            starts=session.starts,
            ends=session.ends,
            summary=offer.name,
            description=offer.description,
            location=place,
            url=url,
        )
        for schedule in schedules
        for session in sessions(schedule)
    )
