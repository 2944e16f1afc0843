"""The Landeskonzept in the JSON API: the current edition with all IDs, and older editions."""

from django.http import Http404, HttpRequest
from ninja import Router

from lotse.concept.models import StateConcept
from lotse.concept.schemas import StateConceptOut, StateConceptSummaryOut
from lotse.core.api_errors import errors

router = Router(tags=["Landeskonzept"])


def _serialise(concept: StateConcept) -> dict:
    return {
        **{
            f: getattr(concept, f)
            for f in (
                "code",
                "title",
                "valid_from",
                "valid_until",
                "published_on",
                "status",
                "summary",
                "source",
            )
        },
        "funding_areas": [
            {
                **{
                    f: getattr(area, f)
                    for f in (
                        "code",
                        "kind",
                        "chapter",
                        "title",
                        "full_title",
                        "current_state",
                        "development_interest",
                    )
                },
                "items": list(area.items.all()),
            }
            for area in concept.funding_areas.all()
        ],
    }


@router.get(
    "",
    response={200: StateConceptOut, **errors(404)},
    summary="Das geltende Landeskonzept mit allen IDs",
)
def current_state_concept(request: HttpRequest):
    concept = StateConcept.objects.public().with_contents().current()
    if concept is None:
        raise Http404
    return _serialise(concept)


@router.get(
    "/editions",
    response={200: list[StateConceptSummaryOut], **errors()},
    summary="Alle veröffentlichten Ausgaben",
)
def list_editions(request: HttpRequest):
    return list(StateConcept.objects.public().order_by("-valid_from"))


@router.get(
    "/editions/{code}",
    response={200: StateConceptOut, **errors(404)},
    summary="Eine Ausgabe des Landeskonzepts",
)
def state_concept_edition(request: HttpRequest, code: str):
    concept = StateConcept.objects.public().with_contents().filter(code=code).first()
    if concept is None:
        raise Http404
    return _serialise(concept)
