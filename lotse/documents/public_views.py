"""The published regional concepts, for everyone: /konzepte/<ags>/<edition>/.

The address stays the same for a district and an edition; it shows the version the LKS
accepted, never a draft, and says when a later concept has superseded it."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from lotse.documents.queries import public_concepts


def published_concept(request: HttpRequest, ags: str, code: str) -> HttpResponse:
    document = get_object_or_404(public_concepts(), district__ags=ags, state_concept__code=code)
    version = document.versions.filter(accepted=True).order_by("-number").first()
    if version is None:
        raise Http404
    successor = None
    if document.status == document.Status.SUPERSEDED:
        successor = (
            public_concepts()
            .filter(district=document.district, status=document.Status.PUBLISHED)
            .first()
        )
    return render(
        request,
        "documents/published_concept.html",
        {
            "document": document,
            "version": version,
            "content": version.content,
            "successor": successor,
            "others": public_concepts()
            .filter(district=document.district)
            .exclude(pk=document.pk)
            .order_by("-state_concept__valid_from"),
        },
    )
