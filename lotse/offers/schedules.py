"""When an offer happens: its schedules in words, their next dates, and iCal.

A schedule is read as the RFC 5545 rule parts HSDS gives it (Lotse's reading):

- weekly hours: `freq` WEEKLY (or none) with weekdays in `byday` (`TU,TH`) and no `dtstart`;
  regular opening hours, which have no dates to download;
- a course: weekly on its weekdays from `dtstart`, `count` times in all or up to `until`
  (neither: 12 weeks);
- a monthly meeting: `freq` MONTHLY with ordinal weekdays in `byday` (`1WE` the first
  Wednesday, `-1FR` the last Friday; ordinals 1 to 5 and -1). A month without a fifth
  Wednesday has no meeting for `5WE`, as RFC 5545 reads it. From `dtstart`, else open
  ended;
- a single date: no `freq`, no `byday`, the day in `dtstart` (or in `valid_from` when it
  equals `valid_to`).

`valid_from` / `valid_to` bound every kind: no date outside them is shown or downloaded.
"""

from __future__ import annotations

import calendar as month_calendar
import datetime
import re
import zoneinfo
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.core.ical import Event, calendar
from lotse.core.links import public_url
from lotse.offers.models import Offer, Schedule

WEEKLY, MONTHLY = "WEEKLY", "MONTHLY"
DAY_NUMBERS = {"MO": 0, "TU": 1, "WE": 2, "TH": 3, "FR": 4, "SA": 5, "SU": 6}
WEEKDAYS = tuple(DAY_NUMBERS)
# Which occurrence of a weekday in its month: the 1st to the 5th, and the last (-1).
ORDINALS = (1, 2, 3, 4, 5, -1)
ORDINAL_WEEKDAY = re.compile(r"^([+-]?\d{1,2})(MO|TU|WE|TH|FR|SA|SU)$")
OPEN_ENDED_WEEKS = 12
BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")

# The kinds of schedule (see the module's docstring).
HOURS, COURSE, MONTHLY_MEETING, ONCE = "hours", "course", "monthly", "once"


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


def monthly_names() -> dict[tuple[int, str], str]:
    """Each ordinal weekday in words: whole phrases, because in other languages the
    ordinal agrees with the weekday (Russian: каждую первую среду, каждый первый понедельник)."""
    return {
        (1, "MO"): _("jeden 1. Montag im Monat"),
        (1, "TU"): _("jeden 1. Dienstag im Monat"),
        (1, "WE"): _("jeden 1. Mittwoch im Monat"),
        (1, "TH"): _("jeden 1. Donnerstag im Monat"),
        (1, "FR"): _("jeden 1. Freitag im Monat"),
        (1, "SA"): _("jeden 1. Samstag im Monat"),
        (1, "SU"): _("jeden 1. Sonntag im Monat"),
        (2, "MO"): _("jeden 2. Montag im Monat"),
        (2, "TU"): _("jeden 2. Dienstag im Monat"),
        (2, "WE"): _("jeden 2. Mittwoch im Monat"),
        (2, "TH"): _("jeden 2. Donnerstag im Monat"),
        (2, "FR"): _("jeden 2. Freitag im Monat"),
        (2, "SA"): _("jeden 2. Samstag im Monat"),
        (2, "SU"): _("jeden 2. Sonntag im Monat"),
        (3, "MO"): _("jeden 3. Montag im Monat"),
        (3, "TU"): _("jeden 3. Dienstag im Monat"),
        (3, "WE"): _("jeden 3. Mittwoch im Monat"),
        (3, "TH"): _("jeden 3. Donnerstag im Monat"),
        (3, "FR"): _("jeden 3. Freitag im Monat"),
        (3, "SA"): _("jeden 3. Samstag im Monat"),
        (3, "SU"): _("jeden 3. Sonntag im Monat"),
        (4, "MO"): _("jeden 4. Montag im Monat"),
        (4, "TU"): _("jeden 4. Dienstag im Monat"),
        (4, "WE"): _("jeden 4. Mittwoch im Monat"),
        (4, "TH"): _("jeden 4. Donnerstag im Monat"),
        (4, "FR"): _("jeden 4. Freitag im Monat"),
        (4, "SA"): _("jeden 4. Samstag im Monat"),
        (4, "SU"): _("jeden 4. Sonntag im Monat"),
        (5, "MO"): _("jeden 5. Montag im Monat"),
        (5, "TU"): _("jeden 5. Dienstag im Monat"),
        (5, "WE"): _("jeden 5. Mittwoch im Monat"),
        (5, "TH"): _("jeden 5. Donnerstag im Monat"),
        (5, "FR"): _("jeden 5. Freitag im Monat"),
        (5, "SA"): _("jeden 5. Samstag im Monat"),
        (5, "SU"): _("jeden 5. Sonntag im Monat"),
        (-1, "MO"): _("am letzten Montag im Monat"),
        (-1, "TU"): _("am letzten Dienstag im Monat"),
        (-1, "WE"): _("am letzten Mittwoch im Monat"),
        (-1, "TH"): _("am letzten Donnerstag im Monat"),
        (-1, "FR"): _("am letzten Freitag im Monat"),
        (-1, "SA"): _("am letzten Samstag im Monat"),
        (-1, "SU"): _("am letzten Sonntag im Monat"),
    }


# --- Reading the rule -----------------------------------------------------------------------


def byday_parts(byday: str) -> list[str]:
    return [part.strip() for part in byday.split(",") if part.strip()]


def ordinal_weekday(part: str) -> tuple[int, str] | None:
    """`1WE` → (1, "WE"), `-1FR` → (-1, "FR"); None unless an ordinal Lotse supports."""
    match = ORDINAL_WEEKDAY.match(part)
    if not match or int(match.group(1)) not in ORDINALS:
        return None
    return int(match.group(1)), match.group(2)


def monthly_days(schedule: Schedule) -> list[tuple[int, str]]:
    """The ordinal weekdays of a monthly schedule, in the order given."""
    return [day for part in byday_parts(schedule.byday) if (day := ordinal_weekday(part))]


def single_date(schedule: Schedule) -> datetime.date | None:
    if schedule.dtstart:
        return schedule.dtstart
    if schedule.valid_from and schedule.valid_from == schedule.valid_to:
        return schedule.valid_from
    return None


def kind(schedule: Schedule) -> str:
    """HOURS, COURSE, MONTHLY_MEETING or ONCE (see the module's docstring)."""
    if schedule.freq == MONTHLY:
        return MONTHLY_MEETING
    if not schedule.freq and not schedule.byday and single_date(schedule):
        return ONCE
    if schedule.dtstart is not None:
        return COURSE
    return HOURS


def is_course(schedule: Schedule) -> bool:
    return kind(schedule) == COURSE


def has_dates(schedules: Iterable[Schedule]) -> bool:
    """Whether any schedule has dates to list and download (all but weekly hours)."""
    return any(kind(schedule) != HOURS for schedule in schedules)


# --- Dates ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Session:
    """One dated meeting, in local time."""

    schedule: Schedule
    number: int  # 1-based within its schedule
    starts: datetime.datetime
    ends: datetime.datetime


def nth_weekday(year: int, month: int, ordinal: int, weekday: int) -> datetime.date | None:
    """The `ordinal`-th `weekday` (0 = Monday) of the month, -1 the last; None when the
    month has no such day (a fifth Wednesday)."""
    days_in_month = month_calendar.monthrange(year, month)[1]
    if ordinal > 0:
        first = datetime.date(year, month, 1).weekday()
        day = 1 + (weekday - first) % 7 + (ordinal - 1) * 7
    else:
        last = datetime.date(year, month, days_in_month).weekday()
        day = days_in_month - (last - weekday) % 7 + (ordinal + 1) * 7
    return datetime.date(year, month, day) if 1 <= day <= days_in_month else None


def _monthly_dates(schedule: Schedule, start: datetime.date) -> Iterator[datetime.date]:
    """The schedule's days from `start` on, without end (the caller stops)."""
    rules = [(ordinal, DAY_NUMBERS[day]) for ordinal, day in monthly_days(schedule)]
    if not rules:
        return
    year, month = start.year, start.month
    while year <= datetime.MAXYEAR - 1:
        days = {nth_weekday(year, month, ordinal, weekday) for ordinal, weekday in rules}
        yield from sorted(day for day in days if day is not None and day >= start)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def _weekly_dates(schedule: Schedule, start: datetime.date) -> Iterator[datetime.date]:
    days = {DAY_NUMBERS[day] for day in byday_parts(schedule.byday) if day in DAY_NUMBERS}
    days = days or {start.weekday()}
    day = start
    while day < datetime.date.max:
        if day.weekday() in days:
            yield day
        day += datetime.timedelta(days=1)


def _rule_dates(schedule: Schedule) -> Iterator[datetime.date]:
    """The days the rule gives, before `count`, `until` and the validity apply."""
    schedule_kind = kind(schedule)
    if schedule_kind == ONCE:
        yield from [single_date(schedule)]
    elif schedule_kind == COURSE:
        yield from _weekly_dates(schedule, schedule.dtstart)
    elif schedule_kind == MONTHLY_MEETING:
        # Without a start an open-ended monthly meeting is read from this month on.
        start = schedule.dtstart or schedule.valid_from or timezone.localdate().replace(day=1)
        yield from _monthly_dates(schedule, start)


def last_day(schedule: Schedule) -> datetime.date | None:
    """The last day the schedule's dates may fall on (None: open ended)."""
    bounds = [day for day in (schedule.until, schedule.valid_to) if day]
    if kind(schedule) == COURSE and not bounds and not schedule.count:
        bounds.append(schedule.dtstart + datetime.timedelta(weeks=OPEN_ENDED_WEEKS))
    return min(bounds) if bounds else None


def is_finite(schedule: Schedule) -> bool:
    return (
        kind(schedule) in (ONCE, COURSE) or bool(schedule.count) or last_day(schedule) is not None
    )


def end_date(schedule: Schedule) -> datetime.date | None:
    """The day a finite schedule ends (None: open ended): its last date when `count`
    limits it (walked date by date, `count` is at most 32767), else its `until` or `valid_to`."""
    if schedule.count:
        last = deque(sessions(schedule), maxlen=1)
        return last[0].starts.date() if last else None
    return last_day(schedule)


def sessions(schedule: Schedule) -> Iterator[Session]:
    """Every date of the schedule, in order (none for weekly hours; without end for an
    open-ended monthly meeting, so read it lazily)."""
    upper = last_day(schedule)
    opens = schedule.opens_at or datetime.time(0)
    closes = schedule.closes_at or opens
    for number, day in enumerate(_rule_dates(schedule), start=1):
        if schedule.count and number > schedule.count:
            return
        if upper and day > upper:
            return
        if schedule.valid_from and day < schedule.valid_from:
            continue
        yield Session(
            schedule,
            number,
            datetime.datetime.combine(day, opens, tzinfo=BERLIN),
            datetime.datetime.combine(day, closes, tzinfo=BERLIN),
        )


def next_sessions(schedules: Iterable[Schedule], *, limit: int = 6) -> list[Session]:
    """The coming dates of an offer, soonest first."""
    now = timezone.now()
    upcoming: list[Session] = []
    for schedule in schedules:
        coming = (session for session in sessions(schedule) if session.ends >= now)
        for _number, session in zip(range(limit), coming, strict=False):
            upcoming.append(session)
    return sorted(upcoming, key=lambda s: s.starts)[:limit]


# --- Words ------------------------------------------------------------------------------------


def _clock(moment: datetime.time) -> str:
    """15:00 → "15", 9:30 → "9:30" (as German timetables write hours)."""
    return f"{moment.hour}" if not moment.minute else f"{moment.hour}:{moment.minute:02d}"


def hours_words(schedule: Schedule) -> str:
    """ "15–17 Uhr", "ab 15 Uhr" or "" without times."""
    if schedule.opens_at and schedule.closes_at:
        return _("%(opens)s–%(closes)s Uhr") % {
            "opens": _clock(schedule.opens_at),
            "closes": _clock(schedule.closes_at),
        }
    if schedule.opens_at:
        return _("ab %(opens)s Uhr") % {"opens": _clock(schedule.opens_at)}
    return ""


def _validity_words(schedule: Schedule) -> str:
    today = timezone.localdate()
    parts = []
    if schedule.valid_from and schedule.valid_from > today:
        parts.append(_("ab %(date)s") % {"date": f"{schedule.valid_from:%d.%m.%Y}"})
    upper = end_date(schedule) if kind(schedule) == MONTHLY_MEETING else schedule.valid_to
    if upper:
        parts.append(_("bis %(date)s") % {"date": f"{upper:%d.%m.%Y}"})
    return " ".join(parts)


def in_words(schedule: Schedule) -> str:
    """The schedule as a parent reads it: "dienstags, donnerstags, 9:30–11:30 Uhr",
    "jeden 1. Mittwoch im Monat, 15–17 Uhr", "am 14.03.2027, 10–12 Uhr"."""
    schedule_kind = kind(schedule)
    if schedule_kind == MONTHLY_MEETING:
        names = monthly_names()
        days = ", ".join(names[day] for day in monthly_days(schedule))
    elif schedule_kind == ONCE:
        days = _("am %(date)s") % {"date": f"{single_date(schedule):%d.%m.%Y}"}
    else:
        names = day_names()
        days = ", ".join(names.get(day, day) for day in byday_parts(schedule.byday))
    words = ", ".join(part for part in (days, hours_words(schedule)) if part)
    if schedule_kind != ONCE:
        words = " ".join(part for part in (words, _validity_words(schedule)) if part)
    return words or schedule.description


def weekly_hours(schedule: Schedule) -> str:
    """'dienstags, donnerstags, 9:30–11:30 Uhr' for weekly hours."""
    return in_words(schedule)


# --- iCalendar ------------------------------------------------------------------------------


def _monthly_event(offer: Offer, schedule: Schedule, *, place: str, url: str) -> Event | None:
    """One event that repeats (RRULE FREQ=MONTHLY;BYDAY=1WE), from its first date on."""
    first = next(sessions(schedule), None)
    if first is None:
        return None
    rule: dict = {"freq": MONTHLY, "byday": [f"{o}{d}" for o, d in monthly_days(schedule)]}
    last = end_date(schedule)
    if last is not None:
        # UNTIL is in UTC when DTSTART has a time zone (RFC 5545 3.3.10): the last day's end.
        end_of_day = datetime.datetime.combine(last, datetime.time.max, BERLIN)
        rule["until"] = end_of_day.astimezone(datetime.UTC).replace(microsecond=0)
    return Event(
        uid=f"{schedule.pk}@lotse",
        starts=first.starts,
        ends=first.ends,
        summary=offer.name,
        description=offer.description,
        location=place,
        url=url,
        rrule=rule,
    )


def ical(offer: Offer, schedules: Iterable[Schedule], *, place: str = "") -> bytes:
    """The offer's dates: a monthly meeting as one repeating event, every date of a course
    and a single date as an event of its own."""
    url = public_url(offer.get_absolute_url())
    events = []
    for schedule in schedules:
        if kind(schedule) == MONTHLY_MEETING:
            event = _monthly_event(offer, schedule, place=place, url=url)
            events.extend([event] if event else [])
            continue
        events.extend(
            Event(
                uid=f"{schedule.pk}-{session.number}@lotse",
                starts=session.starts,
                ends=session.ends,
                summary=offer.name,
                description=offer.description,
                location=place,
                url=url,
            )
            for session in (sessions(schedule) if is_finite(schedule) else ())
        )
    return calendar(events)
