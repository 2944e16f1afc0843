"""Short anonymous surveys: answering, and results with the small-number rule.

A response stores only the day it came in; free-text answers are checked for personal
data and shown only to the district's coordinator and the LKS.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from lotse.networks.models import Answer, Question, Survey, SurveyResponse
from lotse.networks.small_numbers import HIDDEN, is_small


def is_open(survey: Survey, today: datetime.date | None = None) -> bool:
    today = today or timezone.localdate()
    return survey.opens_on <= today <= survey.closes_on


@transaction.atomic
def submit(survey: Survey, answers: dict[int, object]) -> SurveyResponse:
    """`answers`: question id -> list of choice indexes, a scale value or a text."""
    response = SurveyResponse.objects.create(survey=survey, submitted_on=timezone.localdate())
    rows = []
    for question in survey.questions.all():
        value = answers.get(question.pk)
        if value in (None, "", []):
            continue
        if question.kind == Question.Kind.TEXT:
            rows.append(Answer(response=response, question=question, text=str(value)))
        elif question.kind == Question.Kind.SCALE:
            rows.append(Answer(response=response, question=question, scale=int(value)))
        else:
            indexes = value if isinstance(value, list) else [value]
            rows.append(
                Answer(response=response, question=question, choices=[int(i) for i in indexes])
            )
    Answer.objects.bulk_create(rows)
    return response


@dataclass
class Bar:
    label: str
    shown: str  # the count as displayed ("< 5" when hidden)
    percent: int | None  # None when hidden


@dataclass
class QuestionResult:
    question: Question
    answered: str
    bars: list[Bar] = field(default_factory=list)
    mean: str = ""
    texts: list[str] | None = None


def _shown(count: int, sees_small_numbers: bool) -> str:
    return HIDDEN if is_small(count) and not sees_small_numbers else str(count)


def results(
    survey: Survey, *, sees_small_numbers: bool, sees_texts: bool
) -> tuple[str, list[QuestionResult]]:
    total = survey.responses.count()
    answers: dict[int, list[Answer]] = {}
    for answer in Answer.objects.filter(response__survey=survey).order_by("pk"):
        answers.setdefault(answer.question_id, []).append(answer)
    out = []
    for question in survey.questions.all():
        given = answers.get(question.pk, [])
        result = QuestionResult(question, _shown(len(given), sees_small_numbers))
        if question.kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
            counts = [0] * len(question.choices)
            for answer in given:
                for index in answer.choices:
                    if 0 <= index < len(counts):
                        counts[index] += 1
            for label, count in zip(question.choices, counts, strict=True):
                hidden = is_small(count) and not sees_small_numbers
                percent = None if hidden or not given else round(100 * count / len(given))
                result.bars.append(Bar(label, _shown(count, sees_small_numbers), percent))
        elif question.kind == Question.Kind.SCALE:
            values = [a.scale for a in given if a.scale]
            for step in range(1, 6):
                count = values.count(step)
                hidden = is_small(count) and not sees_small_numbers
                percent = None if hidden or not values else round(100 * count / len(values))
                result.bars.append(Bar(str(step), _shown(count, sees_small_numbers), percent))
            if values and (sees_small_numbers or len(values) >= 5):
                result.mean = f"{sum(values) / len(values):.1f}".replace(".", ",")
        elif sees_texts:
            result.texts = [a.text for a in given if a.text]
        out.append(result)
    return _shown(total, sees_small_numbers), out


def export_rows(survey: Survey, *, with_texts: bool):
    """One row per response (only for the coordinator and the LKS)."""
    questions = list(survey.questions.all())
    yield ["Eingang"] + [q.text for q in questions]
    by_response: dict[int, dict[int, Answer]] = {}
    for answer in Answer.objects.filter(response__survey=survey):
        by_response.setdefault(answer.response_id, {})[answer.question_id] = answer
    for response in survey.responses.order_by("submitted_on", "pk"):
        row = [response.submitted_on.strftime("%d.%m.%Y")]
        for question in questions:
            answer = by_response.get(response.pk, {}).get(question.pk)
            if answer is None:
                row.append("")
            elif question.kind == Question.Kind.TEXT:
                row.append(answer.text if with_texts else "")
            elif question.kind == Question.Kind.SCALE:
                row.append(answer.scale)
            else:
                row.append(
                    ", ".join(
                        question.choices[i] for i in answer.choices if i < len(question.choices)
                    )
                )
        yield row
