"""Deadline reminders (each once, never for a submitted Sachbericht) and the grant
procedure's view of a district's Sachberichte."""

import datetime

from lotse.accountability import actions, reminders, workflow
from lotse.accountability.queries import NOT_STARTED, year_states
from lotse.accountability.tasks import send_report_reminders
from lotse.accountability.tests.conftest import YEAR, make_measure
from lotse.operations.schedule import JOBS

TEXTS = dict.fromkeys(("activities", "reach", "cooperation", "difficulties", "outlook"), "Demo.")
DUE = datetime.date(YEAR + 1, 3, 31)


def test_writers_are_reminded_before_and_after_the_deadline_each_once(
    world, measure, fund_year, mailoutbox
):
    assert reminders.send_due_reminders(DUE - datetime.timedelta(days=15)) == 0
    assert reminders.send_due_reminders(DUE - datetime.timedelta(days=14)) == 1
    assert mailoutbox[0].to == ["anbieter@test.example"]
    assert "ist am 31.03.2026 fällig" in mailoutbox[0].subject
    assert reminders.send_due_reminders(DUE - datetime.timedelta(days=3)) == 0
    assert reminders.send_due_reminders(DUE + datetime.timedelta(days=1)) == 1
    assert "überfällig" in mailoutbox[1].subject
    assert reminders.send_due_reminders(DUE + datetime.timedelta(days=30)) == 0


def test_a_submitted_sachbericht_gets_no_reminder(world, measure, fund_year, mailoutbox):
    document = actions.save_report(
        measure, fund_year, texts=TEXTS, based_on=0, by=world.users["provider_editor"]
    )
    workflow.transition(document, "submit", by=world.users["provider_editor"])
    assert reminders.send_due_reminders(DUE + datetime.timedelta(days=1)) == 0
    assert mailoutbox == []


def test_the_reminders_run_daily_in_the_background():
    assert any(job.task == "lotse.accountability.tasks.send_report_reminders" for job in JOBS)
    assert send_report_reminders.func  # a django-tasks task, enqueued by the scheduler


def test_year_states_name_every_measure_of_the_year(world, measure, fund_year):
    other = make_measure(world, title="Familienpatenschaften")
    document = actions.save_report(
        measure, fund_year, texts=TEXTS, based_on=0, by=world.users["provider_editor"]
    )
    workflow.transition(document, "submit", by=world.users["provider_editor"])
    states = year_states(world.district, YEAR)
    assert states[measure.pk].status == "submitted"
    assert states[measure.pk].status_label == "beim Jugendamt eingereicht"
    assert states[measure.pk].check_complete is False
    assert states[measure.pk].accepted_at is None
    assert states[other.pk].status == NOT_STARTED
    assert year_states(world.other_district, YEAR) == {}
