"""Quality standards (FB-I-M2, FB-I-E5): the district's coordinator edits, reviews and
retires them; retired ones are shown apart and no longer count."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from lotse.accounts.models import AuditEntry
from lotse.networks.evidence import evidence_for
from lotse.networks.models import QualityStandard, StandardReview


@pytest.fixture
def standard(world):
    return QualityStandard.objects.create(
        network=world.network,
        title="Leitbild",
        text="Wir begleiten Familien früh.",
        adopted_on=datetime.date(2024, 3, 1),
        next_review_on=datetime.date(2025, 3, 1),
    )


def url(world, standard):
    return reverse(
        "networks:standard",
        kwargs={
            "ags": world.district.ags,
            "network_id": world.network.pk,
            "standard_id": standard.pk,
        },
    )


def test_the_coordinator_edits_a_standard(world, network_coordinator, standard):
    response = network_coordinator.post(
        url(world, standard),
        {
            "schritt": "bearbeiten",
            "standard-kind": "standard",
            "standard-title": "Leitbild 2.0",
            "standard-text": "Früh, freiwillig, vertraulich.",
            "standard-adopted_on": "2024-03-01",
            "standard-next_review_on": "2026-03-01",
        },
    )
    assert response.status_code == 302
    standard.refresh_from_db()
    assert standard.title == "Leitbild 2.0"
    entry = AuditEntry.objects.get(object_id=str(standard.pk), action="update")
    assert entry.changes["title"] == ["Leitbild", "Leitbild 2.0"]


def test_a_review_is_kept_with_date_who_and_result(world, network_coordinator, standard):
    today = timezone.localdate()
    next_review = today + datetime.timedelta(days=365)
    response = network_coordinator.post(
        url(world, standard),
        {
            "schritt": "ueberpruefen",
            "pruefung-reviewed_on": today.isoformat(),
            "pruefung-reviewed_by": "Netzwerkkonferenz",
            "pruefung-result": "confirmed",
            "pruefung-note": "Gilt weiter.",
            "pruefung-next_review_on": next_review.isoformat(),
        },
    )
    assert response.status_code == 302
    review = StandardReview.objects.get(standard=standard)
    assert (review.reviewed_on, review.reviewed_by, review.result) == (
        today,
        "Netzwerkkonferenz",
        "confirmed",
    )
    standard.refresh_from_db()
    assert standard.next_review_on == next_review
    page = network_coordinator.get(url(world, standard)).content.decode()
    assert "Netzwerkkonferenz" in page
    assert "bestätigt, gilt unverändert" in page


def test_a_review_before_the_adoption_changes_nothing(world, network_coordinator, standard):
    response = network_coordinator.post(
        url(world, standard),
        {
            "schritt": "ueberpruefen",
            "pruefung-reviewed_on": "2023-01-01",
            "pruefung-reviewed_by": "Netzwerkkonferenz",
            "pruefung-result": "confirmed",
        },
    )
    assert response.status_code == 200
    assert "Die Überprüfung liegt vor dem Beschluss des Standards." in response.content.decode()
    assert not StandardReview.objects.exists()
    standard.refresh_from_db()
    assert standard.next_review_on == datetime.date(2025, 3, 1)


def test_a_retired_standard_is_shown_apart_and_no_longer_counts(
    world, network_coordinator, standard
):
    QualityStandard.objects.create(
        network=world.network, title="Verfahrensweg", adopted_on=datetime.date(2024, 5, 1)
    )
    year = timezone.localdate().year
    before = evidence_for(world.network, year)["FB-I-M2"].lines[0]
    assert before.startswith("2 ")
    response = network_coordinator.post(
        url(world, standard), {"schritt": "ausser_kraft", "ausser_kraft-retired_on": "2025-06-30"}
    )
    assert response.status_code == 302
    standard.refresh_from_db()
    assert standard.retired_on == datetime.date(2025, 6, 30)
    assert list(QualityStandard.objects.current()) == [
        QualityStandard.objects.get(title="Verfahrensweg")
    ]
    assert evidence_for(world.network, year)["FB-I-M2"].lines[0].startswith("1 ")
    listing = network_coordinator.get(
        reverse(
            "networks:standard_list",
            kwargs={"ags": world.district.ags, "network_id": world.network.pk},
        )
    ).content.decode()
    retired_part = listing.split("Außer Kraft gesetzte Standards")[1]
    assert "Leitbild" in retired_part
    assert "Verfahrensweg" not in retired_part
    # Retired: a second retirement is refused and changes nothing.
    again = network_coordinator.post(
        url(world, standard), {"schritt": "ausser_kraft", "ausser_kraft-retired_on": "2025-07-01"}
    )
    assert "Dieser Standard ist bereits außer Kraft." in again.content.decode()
    standard.refresh_from_db()
    assert standard.retired_on == datetime.date(2025, 6, 30)


def test_retiring_before_the_adoption_is_refused(world, network_coordinator, standard):
    response = network_coordinator.post(
        url(world, standard), {"schritt": "ausser_kraft", "ausser_kraft-retired_on": "2020-01-01"}
    )
    assert "nicht vor seinem Beschluss außer Kraft" in response.content.decode()
    standard.refresh_from_db()
    assert standard.retired_on is None


@pytest.mark.parametrize("persona", ["state_coordinator", "ministry", "area_coordinator"])
def test_only_the_districts_coordinator_changes_standards(world, standard, persona, request):
    client = request.getfixturevalue(persona)
    response = client.post(
        url(world, standard), {"schritt": "ausser_kraft", "ausser_kraft-retired_on": "2025-06-30"}
    )
    assert response.status_code == 403
    page = client.get(url(world, standard))
    assert page.status_code == 200
    assert "Außer Kraft setzen" not in page.content.decode()
    standard.refresh_from_db()
    assert standard.retired_on is None


def test_another_districts_coordinator_gets_404(world, coordinator_elsewhere, standard):
    assert coordinator_elsewhere.get(url(world, standard)).status_code == 404
    assert (
        coordinator_elsewhere.post(
            url(world, standard),
            {"schritt": "ausser_kraft", "ausser_kraft-retired_on": "2025-06-30"},
        ).status_code
        == 404
    )


# --- Linking measures of sub-networks (FB-I-E3) ---------------------------------------------


def test_a_sub_networks_linking_measure_is_kept_reviewed_and_retired_like_a_standard(
    world, network_coordinator
):
    response = network_coordinator.post(
        reverse(
            "networks:sub_network_create",
            kwargs={"ags": world.district.ags, "network_id": world.network.pk},
        ),
        {
            "social_area": world.social_area.pk,
            "name": "Teilnetzwerk Uecker-Randow",
            "linking_measures": "Die Sozialraumkoordination berichtet in jedem Netzwerktreffen.",
        },
    )
    assert response.status_code == 302
    sub = world.network.sub_networks.get()
    measure = QualityStandard.objects.get(network=sub)
    assert measure.kind == QualityStandard.Kind.LINKING_MEASURE
    assert measure.text == "Die Sozialraumkoordination berichtet in jedem Netzwerktreffen."
    year = timezone.localdate().year
    assert evidence_for(world.network, year)["FB-I-E3"].lines == [
        "1 von 1 Teilnetzwerken mit schriftlich verbindenden Maßnahmen"
    ]
    # Linking measures are not quality standards of FB-I-M2.
    assert evidence_for(sub, year)["FB-I-M2"].lines[0].startswith("0 ")

    measure_url = reverse(
        "networks:standard",
        kwargs={"ags": world.district.ags, "network_id": sub.pk, "standard_id": measure.pk},
    )
    assert (
        "Die Sozialraumkoordination berichtet"
        in network_coordinator.get(sub.get_absolute_url()).content.decode()
    )
    network_coordinator.post(
        measure_url,
        {"schritt": "ausser_kraft", "ausser_kraft-retired_on": timezone.localdate().isoformat()},
    )
    assert evidence_for(world.network, year)["FB-I-E3"].lines == [
        "0 von 1 Teilnetzwerken mit schriftlich verbindenden Maßnahmen"
    ]
    assert (
        "Noch nicht beschrieben."
        in network_coordinator.get(sub.get_absolute_url()).content.decode()
    )
