"""lotse.core.deadlines: the reminder stages every procedure shares."""

import datetime

from lotse.core.deadlines import reminder_due, stage_on

DUE = datetime.date(2026, 3, 31)
STAGES = ((1, 30), (2, 7))  # a month and a week before


def day(offset: int) -> datetime.date:
    return DUE - datetime.timedelta(days=offset)


def test_the_stage_follows_the_narrowest_window_and_then_the_deadline():
    assert stage_on(DUE, day(31), before=STAGES, overdue=3) is None
    assert stage_on(DUE, day(30), before=STAGES, overdue=3) == 1
    assert stage_on(DUE, day(7), before=STAGES, overdue=3) == 2
    assert stage_on(DUE, day(0), before=STAGES, overdue=3) == 2  # on the day: not yet late
    assert stage_on(DUE, day(-1), before=STAGES, overdue=3) == 3
    assert stage_on(DUE, day(3), before=(("before", 14),), overdue="late") == "before"


def test_a_stage_is_reminded_of_once_and_never_after_a_later_one():
    assert reminder_due(DUE, day(20), sent=0, before=STAGES, overdue=3) == 1
    assert reminder_due(DUE, day(20), sent=1, before=STAGES, overdue=3) is None
    assert reminder_due(DUE, day(5), sent=1, before=STAGES, overdue=3) == 2
    assert reminder_due(DUE, day(20), sent=2, before=STAGES, overdue=3) is None
    assert reminder_due(DUE, day(-10), sent=2, before=STAGES, overdue=3) == 3
    assert reminder_due(DUE, day(-10), sent=3, before=STAGES, overdue=3) is None
