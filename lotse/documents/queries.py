"""The read side of the districts' documents."""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from lotse.funding.models import Measure
from lotse.networks.evidence import disagreement, evidence_for
from lotse.networks.item_status import assessable_items, assessments
from lotse.networks.models import Network


def measures_of(document):
    """The measures a concept or report lists: the district's measures of the edition
    (for a report: those running in its year), with what their pages show."""
    measures = (
        Measure.objects.filter(district=document.district, state_concept=document.state_concept)
        .select_related("funding_area", "provider")
        .prefetch_related("serves", "indicators__results")
        .order_by("funding_area__position", "title")
    )
    if document.year:
        measures = measures.filter(starts_on__year__lte=document.year).filter(
            models.Q(ends_on__isnull=True) | models.Q(ends_on__year__gte=document.year)
        )
    return measures


def status_year(document) -> int:
    """The year whose statuses of the Landeskonzept's items a document reads and writes:
    an annual report its reporting year, a regional concept the year it was started."""
    if document.year:
        return document.year
    return timezone.localtime(document.created_at).year


def item_assessments(document):
    """The district's status of each minimum requirement and development module of the
    document's edition in its year (Muss first), with the records' disagreement beside it.
    The same statuses the network page and the LKS's matrix show."""
    year = status_year(document)
    network = Network.objects.filter(district=document.district, parent=None).first()
    evidence = evidence_for(network, year) if network else {}
    return [
        (assessment, disagreement(evidence.get(assessment.item.code), assessment.value))
        for assessment in assessments(
            document.district, year, assessable_items(document.state_concept)
        )
    ]


def public_concepts():
    """The regional concepts anyone may read: published, or superseded by a later one."""
    from lotse.documents.models import Document

    return Document.objects.filter(
        kind=Document.Kind.CONCEPT,
        status__in=[Document.Status.PUBLISHED, Document.Status.SUPERSEDED],
    ).select_related("district", "state_concept")
