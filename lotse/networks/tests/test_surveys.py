"""Surveys: built by the coordinator, answered anonymously, results with the k ≥ 5 rule."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from lotse.networks.models import Question, Survey, SurveyResponse

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey(world, network_coordinator):
    today = timezone.localdate()
    response = network_coordinator.post(
        reverse("networks:survey_list", kwargs={"ags": "13075", "network_id": world.network.pk}),
        {
            "title": "Elternbefragung 2026",
            "audience": "parents",
            "opens_on": (today - datetime.timedelta(days=1)).isoformat(),
            "closes_on": (today + datetime.timedelta(days=30)).isoformat(),
        },
    )
    assert response.status_code == 302
    created = Survey.objects.get()
    page = reverse(
        "networks:survey", kwargs={"ags": "13075", "network_id": world.network.pk, "pk": created.pk}
    )
    for data in (
        {
            "kind": "single",
            "text": "Wie haben Sie von uns erfahren?",
            "choices": "Hebamme\nKita\nInternet",
            "required": "on",
        },
        {"kind": "scale", "text": "Wie zufrieden sind Sie?"},
        {"kind": "text", "text": "Was fehlt Ihnen?"},
    ):
        network_coordinator.post(page, data)
    assert created.questions.count() == 3
    return created


def answer(client, survey, **values):
    questions = {q.kind: q for q in survey.questions.all()}
    data = {f"frage_{questions['single'].pk}": values.get("single", "0")}
    if "scale" in values:
        data[f"frage_{questions['scale'].pk}"] = values["scale"]
    if "text" in values:
        data[f"frage_{questions['text'].pk}"] = values["text"]
    return client.post(survey.get_absolute_url(), data)


def test_a_parent_answers_without_signing_in(client, survey):
    page = client.get(survey.get_absolute_url())
    assert "Wie haben Sie von uns erfahren?" in page.content.decode()
    response = answer(client, survey, single="1", scale="4", text="Ein Treffpunkt am Samstag")
    assert "Vielen Dank" in response.content.decode()
    saved = SurveyResponse.objects.get()
    assert saved.submitted_on == timezone.localdate()
    assert set(response.cookies) <= {"csrftoken"}


def test_personal_data_in_an_answer_is_refused(client, survey):
    response = answer(client, survey, text="Rufen Sie mich an: 0171 1234567")
    assert "eine Telefonnummer" in response.content.decode()
    assert not SurveyResponse.objects.exists()


def test_a_required_question_must_be_answered(client, survey):
    question = survey.questions.get(kind="single")
    response = client.post(survey.get_absolute_url(), {})
    assert response.status_code == 200
    assert "Dieses Feld ist zwingend erforderlich." in response.content.decode()
    assert question.answers.count() == 0


def test_a_closed_survey_says_so(client, survey):
    Survey.objects.filter(pk=survey.pk).update(
        closes_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    response = client.get(survey.get_absolute_url())
    assert "nur vom" in response.content.decode()
    assert client.post(survey.get_absolute_url(), {}).status_code == 410
    assert not SurveyResponse.objects.exists()


def test_results_hide_small_numbers_and_texts_from_others(
    client, world, survey, network_coordinator, state_coordinator, area_coordinator
):
    for _ in range(6):
        answer(client, survey, single="0", scale="5", text="Mehr Angebote am Wochenende")
    for _ in range(2):
        answer(client, survey, single="2", scale="3")
    page = reverse(
        "networks:survey", kwargs={"ags": "13075", "network_id": world.network.pk, "pk": survey.pk}
    )
    coordinator_view = network_coordinator.get(page).content.decode()
    assert "Antworten: 8" in coordinator_view
    assert "&lt; 5" in coordinator_view  # two answered "Internet"
    assert "Mehr Angebote am Wochenende" in coordinator_view
    area_view = area_coordinator.get(page).content.decode()
    assert "Mehr Angebote am Wochenende" not in area_view
    assert "sieht nur die Netzwerkkoordination" in area_view
    lks_view = state_coordinator.get(page).content.decode()
    assert ">2<" in lks_view
    export = reverse(
        "networks:survey_export",
        kwargs={
            "ags": "13075",
            "network_id": world.network.pk,
            "pk": survey.pk,
            "file_format": "csv",
        },
    )
    assert area_coordinator.get(export).status_code == 403
    rows = network_coordinator.get(export).content.decode("utf-8-sig").splitlines()
    assert len(rows) == 9 and "Mehr Angebote am Wochenende" in rows[1]


def test_questions_stay_once_answers_came_in(client, world, survey, network_coordinator):
    answer(client, survey)
    page = reverse(
        "networks:survey", kwargs={"ags": "13075", "network_id": world.network.pk, "pk": survey.pk}
    )
    network_coordinator.post(page, {"kind": "text", "text": "Neue Frage"})
    assert survey.questions.count() == 3


def test_a_choice_question_needs_two_options(world, survey, network_coordinator):
    page = reverse(
        "networks:survey", kwargs={"ags": "13075", "network_id": world.network.pk, "pk": survey.pk}
    )
    response = network_coordinator.post(
        page, {"kind": "multiple", "text": "Welche?", "choices": "nur eine"}
    )
    assert "mindestens zwei Antwortmöglichkeiten" in response.content.decode()
    assert not Question.objects.filter(text="Welche?").exists()


def test_answers_from_one_address_are_limited(client, survey, settings):
    from django.core.cache import cache

    cache.clear()
    settings.LOTSE_SURVEY_ANSWERS_PER_HOUR = 2
    statuses = [answer(client, survey).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    assert SurveyResponse.objects.count() == 2
    cache.clear()
