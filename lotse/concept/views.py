"""Public pages of the Landeskonzept."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from lotse.concept.models import StateConcept


def state_concept_current(request: HttpRequest) -> HttpResponse:
    concept = StateConcept.objects.public().current()
    if concept is None:
        raise Http404("Es ist noch kein Landeskonzept veröffentlicht.")
    return _render_edition(request, concept)


def state_concept_edition(request: HttpRequest, code: str) -> HttpResponse:
    concept = get_object_or_404(StateConcept.objects.public(), code=code)
    return _render_edition(request, concept)


def _render_edition(request: HttpRequest, concept: StateConcept) -> HttpResponse:
    concept = StateConcept.objects.with_contents().get(pk=concept.pk)
    current = StateConcept.objects.public().current()
    return render(
        request,
        "concept/state_concept.html",
        {
            "concept": concept,
            "is_current": current is not None and current.pk == concept.pk,
            "editions": StateConcept.objects.public().order_by("-valid_from"),
        },
    )
