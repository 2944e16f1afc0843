"""The offer form's times: every week, every month on an ordinal weekday, or once."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from lotse.offers.hsds_import import import_services
from lotse.offers.models import Offer, Schedule
from lotse.offers.schedules import sessions
from lotse.offers.tests.samples import hsds_service
from lotse.offers.tests.test_upkeep import offer_form

pytestmark = pytest.mark.django_db

MONTHLY_ROW = {
    "time-0-rhythm": "monthly",
    "time-0-ordinal": "1",
    "time-0-byday": ["WE"],
    "time-0-opens_at": "15:00",
    "time-0-closes_at": "17:00",
    "time-0-dtstart": "",
    "time-0-count": "",
}


def test_a_monthly_meeting_is_entered_shown_in_words_and_edited_again(world, provider_editor):
    response = provider_editor.post(
        reverse("upkeep:offer_create"), offer_form(world, **MONTHLY_ROW)
    )
    assert response.status_code == 302
    offer = Offer.objects.get(name="Babymassage-Kurs")
    schedule = offer.schedules.get()
    assert (schedule.freq, schedule.byday, schedule.dtstart) == ("MONTHLY", "1WE", None)

    edit = provider_editor.get(reverse("upkeep:offer_edit", kwargs={"offer_id": offer.pk}))
    [row] = [form.initial for form in edit.context["times"].forms if form.initial]
    assert (row["rhythm"], row["ordinal"], row["byday"]) == ("monthly", "1", ["WE"])
    page = provider_editor.get(offer.get_absolute_url()).content.decode()
    assert "jeden 1. Mittwoch im Monat, 15–17 Uhr" in page


def test_a_single_date_is_entered_as_a_date_without_rule(world, provider_editor):
    day = timezone.localdate() + datetime.timedelta(days=10)
    once = {
        **MONTHLY_ROW,
        "time-0-rhythm": "once",
        "time-0-ordinal": "",
        "time-0-byday": [],
        "time-0-dtstart": day.isoformat(),
    }
    provider_editor.post(reverse("upkeep:offer_create"), offer_form(world, **once))
    schedule = Offer.objects.get(name="Babymassage-Kurs").schedules.get()
    assert (schedule.freq, schedule.byday, schedule.dtstart) == ("", "", day)
    assert [s.starts.date() for s in sessions(schedule)] == [day]


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"time-0-ordinal": ""}, "der wievielte Wochentag"),
        ({"time-0-byday": []}, "mindestens einen Wochentag"),
        ({"time-0-rhythm": "once", "time-0-count": "3"}, "Ein einzelner Termin"),
        ({"time-0-rhythm": "once", "time-0-byday": []}, "braucht ein Datum"),
        ({"time-0-rhythm": "yearly"}, "gültige Auswahl"),
    ],
)
def test_an_incomplete_time_is_refused_in_german_and_nothing_is_saved(
    world, provider_editor, row, message
):
    data = offer_form(world, **{**MONTHLY_ROW, **row})
    response = provider_editor.post(reverse("upkeep:offer_create"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Offer.objects.filter(name="Babymassage-Kurs").exists()


def test_saving_the_form_keeps_an_imported_monthly_rule_and_its_validity(
    world, network_coordinator
):
    # The coordinator's save goes live at once (a provider's waits for her: test_change_review).
    provider_editor = network_coordinator
    organization = {"id": str(world.organization.id), "name": world.organization.name}
    rule = {
        "freq": "MONTHLY",
        "byday": "1WE,3FR",
        "opens_at": "15:00",
        "closes_at": "17:00",
        "valid_from": "2026-01-01",
        "valid_to": "2027-06-30",
    }
    [offer] = import_services([hsds_service(organization=organization, schedules=[rule])])
    before = {s.starts for s in sessions(offer.schedules.get())}

    edit = reverse("upkeep:offer_edit", kwargs={"offer_id": offer.pk})
    rows = [
        form.initial for form in provider_editor.get(edit).context["times"].forms if form.initial
    ]
    assert [(r["ordinal"], r["byday"]) for r in rows] == [("1", ["WE"]), ("3", ["FR"])]
    count = str(len(rows))
    data = offer_form(world, **{"time-TOTAL_FORMS": count, "time-INITIAL_FORMS": count})
    del data["time-0-byday"], data["time-0-dtstart"], data["time-0-count"]
    for number, row in enumerate(rows):
        for key, value in row.items():
            if value is None:
                continue
            shown = value.strftime("%H:%M") if isinstance(value, datetime.time) else value
            data[f"time-{number}-{key}"] = (
                shown.isoformat() if hasattr(shown, "isoformat") else shown
            )
    data["offer-version"] = provider_editor.get(edit).context["form"].initial.get("version", "")
    assert provider_editor.post(edit, data).status_code == 302

    saved = list(Schedule.objects.filter(offer=offer))
    assert sorted((s.freq, s.byday) for s in saved) == [("MONTHLY", "1WE"), ("MONTHLY", "3FR")]
    assert {s.valid_to for s in saved} == {datetime.date(2027, 6, 30)}
    assert {start for s in saved for start in (x.starts for x in sessions(s))} == before
