"""Parents' topics: no personal data gets in, small numbers stay hidden."""

import datetime

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from lotse.networks.models import ParentTopic, Partner
from lotse.networks.privacy import personal_data_in
from lotse.networks.small_numbers import HIDDEN, suppress_row

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("text", "what"),
    [
        ("Mutter erreichbar unter 0171 2345678", "eine Telefonnummer"),
        ("schreibt an anna.m@example.org", "eine E-Mail-Adresse"),
        ("wohnt Lange Straße 12", "eine Anschrift"),
        ("aus 17489 Greifswald", "eine Anschrift"),
        ("Kind geboren am 03.04.2025", "ein Geburtsdatum"),
        ("Frau Schmidt fragt nach Kita", "einen Namen"),
        ("das Baby heißt Mila", "einen Namen"),
    ],
)
def test_personal_data_is_found(text, what):
    assert what in personal_data_in(text)


@pytest.mark.parametrize(
    "text",
    [
        "Eltern wünschen ein Eltern-Café am Samstag",
        "Viele Fragen zum Schlafen im ersten Jahr",
        "Lange Wege zur Kinderärztin ohne Auto",
        "Kita-Plätze fehlen in der Region",
        "Bring 2 Kinder mit: zu wenig Platz im Bus",
    ],
)
def test_ordinary_topics_pass(text):
    assert personal_data_in(text) == []


def test_single_small_cell_gets_a_second_one_hidden():
    shown = suppress_row({"a": 3, "b": 7, "c": 12})
    assert shown == {"a": HIDDEN, "b": HIDDEN, "c": "12", "total": "22"}
    assert suppress_row({"a": 0, "b": 9}) == {"a": "0", "b": "9", "total": "9"}
    assert suppress_row({"a": 2, "b": 1}) == {"a": HIDDEN, "b": HIDDEN, "total": HIDDEN}


@given(st.dictionaries(st.sampled_from("abcdef"), st.integers(0, 30), min_size=1))
def test_a_hidden_cell_can_never_be_worked_out_from_the_row(counts):
    shown = suppress_row(counts)
    hidden = [key for key in counts if shown[key] == HIDDEN]
    assert all(shown[key] == HIDDEN for key, value in counts.items() if 0 < value < 5)
    if shown["total"] != HIDDEN and hidden:
        assert (
            len(hidden) >= 2
            or sum(counts.values()) - sum(v for k, v in counts.items() if k not in hidden) >= 5
        )


def record(client, url, **data):
    defaults = {"topic": "sleep_crying", "month": "2026-03", "text": ""}
    return client.post(url, {**defaults, **data})


def test_recording_refuses_personal_data_and_changes_nothing(world, area_coordinator):
    url = reverse("networks:parent_topics", kwargs={"ags": "13075", "network_id": world.network.pk})
    response = record(area_coordinator, url, text="Familie Müller, Tel. 03834 123456")
    content = response.content.decode()
    assert "eine Telefonnummer" in content and "einen Namen" in content
    assert not ParentTopic.objects.exists()
    record(area_coordinator, url, text="Wunsch nach Treffpunkt am Wochenende")
    saved = ParentTopic.objects.get()
    assert saved.month == datetime.date(2026, 3, 1)
    assert saved.recorded_by == world.users["area_coordinator"]


def test_small_counts_show_as_under_five_except_to_the_lks(
    world, network_coordinator, state_coordinator, ministry
):
    for _ in range(3):
        ParentTopic.objects.create(
            network=world.network, topic="feeding", month=datetime.date(2026, 2, 1), text="x"
        )
    for _ in range(6):
        ParentTopic.objects.create(
            network=world.network,
            topic="feeding",
            social_area=world.social_area,
            month=datetime.date(2026, 2, 1),
        )
    url = reverse("networks:parent_topics", kwargs={"ags": "13075", "network_id": world.network.pk})
    coordinator_view = network_coordinator.get(url + "?jahr=2026").content.decode()
    assert "&lt; 5" in coordinator_view and ">3<" not in coordinator_view
    assert ">9<" in coordinator_view  # the row total is safe: two cells are hidden
    lks_view = state_coordinator.get(url + "?jahr=2026").content.decode()
    assert ">3<" in lks_view and ">6<" in lks_view
    assert "Sie sehen auch Zahlen von 1 bis 4 genau" in lks_view
    assert "Sie sehen auch Zahlen von 1 bis 4 genau" not in coordinator_view
    ministry_view = ministry.get(url + "?jahr=2026").content.decode()
    assert "&lt; 5" in ministry_view
    assert "Thema erfassen" not in ministry_view  # the ministry reads only
    assert "Kurzbeschreibungen" not in ministry_view  # free texts: coordinator and LKS
    assert ministry.post(url, {"topic": "feeding", "month": "2026-03"}).status_code == 403


def test_a_future_month_is_refused(world, network_coordinator):
    url = reverse("networks:parent_topics", kwargs={"ags": "13075", "network_id": world.network.pk})
    response = record(network_coordinator, url, month="2099-01")
    assert "Der Monat liegt in der Zukunft." in response.content.decode()
    assert not ParentTopic.objects.exists()


def test_partner_staff_record_topics_for_their_networks_only(world, provider_editor):
    page = reverse("partner_topic")
    assert provider_editor.get(page).status_code == 403  # not a partner anywhere yet
    from lotse.networks.models import Network, Partner

    Partner.objects.create(
        network=world.network, organization=world.organization, sector="family_education"
    )
    elsewhere = Network.objects.get(district=world.other_district, parent=None)
    refused = provider_editor.post(
        page, {"network": elsewhere.pk, "topic": "feeding", "month": "2026-01"}
    )
    assert "Bitte eine gültige Auswahl treffen." in refused.content.decode()
    assert not ParentTopic.objects.exists()
    wrong_area = provider_editor.post(
        page,
        {
            "network": world.network.pk,
            "topic": "feeding",
            "month": "2026-01",
            "social_area": world.foreign_social_area.pk,
        },
    )
    assert "Bitte eine gültige Auswahl treffen." in wrong_area.content.decode()
    assert not ParentTopic.objects.exists()
    provider_editor.post(
        page, {"network": world.network.pk, "topic": "feeding", "month": "2026-01"}
    )
    assert ParentTopic.objects.get().network == world.network


def test_the_social_area_must_belong_to_the_networks_district(world, state_coordinator):
    mismatch = state_coordinator.post(
        reverse("partner_topic"),
        {
            "network": world.network.pk,
            "topic": "feeding",
            "month": "2026-01",
            "social_area": world.foreign_social_area.pk,
        },
    )
    assert "gehört nicht zum Landkreis des Netzwerks" in mismatch.content.decode()
    assert not ParentTopic.objects.exists()


def test_the_start_page_offers_the_topic_form_only_to_partner_staff(world, provider_editor):
    start = reverse("workspace:start")
    page = reverse("partner_topic")
    assert page not in provider_editor.get(start).content.decode()
    Partner.objects.create(
        network=world.network, organization=world.organization, sector="family_education"
    )
    shown = provider_editor.get(start).content.decode()
    assert page in shown and reverse("upkeep:offers") in shown
