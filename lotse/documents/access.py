"""Who may read, write and review the districts' concepts and reports.

- The district's network coordinator writes her district's drafts (and answers comments).
- The LKS reviews every district's documents and keeps the checklist; it never edits a
  district's text.
- The ministry reads everything; area coordinators read their district's documents.
Outside the scope: 404; inside but not allowed: 403.
"""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from lotse.accounts.models import Role, User
from lotse.concept.models import StateConcept
from lotse.documents.models import Document
from lotse.regions.models import District


def get_document_for_user(user: User, district: District, document_id: int) -> Document:
    """A document of a district whose workspace the user may enter (else 404)."""
    return get_object_or_404(
        Document.objects.select_related("district", "state_concept"),
        district=district,
        pk=document_id,
    )


def writes_for_district(user: User, district: District) -> bool:
    """The district's network coordinator: the one who writes concept and reports."""
    return user.districts(role=Role.NETWORK_COORDINATOR).filter(pk=district.pk).exists()


def can_create_document(user: User, district: District) -> bool:
    return writes_for_district(user, district)


def can_edit_document(user: User, document: Document) -> bool:
    return document.is_editable() and writes_for_district(user, document.district)


def can_submit(user: User, document: Document) -> bool:
    return can_edit_document(user, document)


def can_review(user: User) -> bool:
    return user.has_role(Role.STATE_COORDINATOR)


def can_take_district_steps(user: User, document: Document) -> bool:
    """Submitting and resubmitting (concept/workflow.py) is the district writer's step."""
    return writes_for_district(user, document.district)


def can_take_review_steps(user: User, document: Document) -> bool:
    """Starting a review, asking for changes and accepting are the LKS's steps."""
    return can_review(user)


def can_comment(user: User, document: Document) -> bool:
    """The LKS comments while reviewing; the district answers while it holds the pen."""
    if document.is_frozen():
        return False
    if can_review(user):
        return document.status == Document.Status.IN_REVIEW
    return can_edit_document(user, document)


def can_manage_checklist(user: User) -> bool:
    return user.has_role(Role.STATE_COORDINATOR)


def can_see_all_documents(user: User) -> bool:
    return user.is_state_wide()


def can_keep_edition(user: User, edition: StateConcept | None = None) -> bool:
    """The LKS records its Landeskonzept's federal steps, obligations and deadlines."""
    return user.has_role(Role.STATE_COORDINATOR)


def can_supersede_edition(user: User, edition: StateConcept) -> bool:
    """Only once a newer edition is published (its publication takes this step)."""
    if not can_keep_edition(user, edition):
        return False
    return StateConcept.objects.filter(
        status=StateConcept.Status.PUBLISHED, valid_from__gt=edition.valid_from
    ).exists()


def can_see_editions(user: User) -> bool:
    """The LKS keeps the editions; the ministry reads along."""
    return user.has_role(Role.STATE_COORDINATOR, Role.MINISTRY)


def can_publish_concept(user: User, document: Document) -> bool:
    """The district records its committee's decision; the LKS may do it on its behalf."""
    if document.kind != Document.Kind.CONCEPT:
        return False
    return writes_for_district(user, document.district) or can_review(user)


def can_supersede_concept(user: User, document: Document) -> bool:
    """Only once the district's concept of a later edition is published (its publication
    takes this step)."""
    if not can_publish_concept(user, document):
        return False
    return (
        Document.objects.filter(
            kind=Document.Kind.CONCEPT,
            district_id=document.district_id,
            status=Document.Status.PUBLISHED,
            state_concept__valid_from__gt=document.state_concept.valid_from,
        )
        .exclude(pk=document.pk)
        .exists()
    )
