"""The review workflow of concepts and annual reports.

    draft → submitted → in review → changes requested → submitted … → accepted
    regional concept only: accepted → published → superseded

The district submits (and resubmits); only the LKS starts a review, asks for changes or
accepts. Every step is a StatusChange (who, when, note), a submission or acceptance
freezes a Version, and the other side gets an e-mail. A regional concept is then published
after the local committee's decision (Landeskonzept § 2: drawn up *and published*): its
accepted version is public at its own address until the district publishes the concept of
a later edition, which supersedes it. The engine (lotse.workflow) takes
the steps; this module says which there are.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lotse.documents import access
from lotse.documents.models import Document, StatusChange
from lotse.documents.queries import status_year
from lotse.documents.versions import save_version
from lotse.networks import item_status
from lotse.networks.models import ItemStatus
from lotse.workflow import Change, Required, Transition, Workflow, district_submits_to_lks
from lotse.workflow.guards import date_not_in_future
from lotse.workflow.records import step_rows

S = Document.Status


def submission_problems(document: Document) -> list[str]:
    """What keeps a document from being submitted: a Muss-Anforderung must be engaged
    (a "nicht zutreffend" from before the rule, e.g. migrated, still stops it)."""
    problems = []
    not_applicable = ItemStatus.objects.filter(
        district=document.district,
        year=status_year(document),
        item__state_concept=document.state_concept,
        status=ItemStatus.Status.NOT_APPLICABLE,
    ).select_related("item")
    for status in not_applicable:
        if item_status.is_mandatory(status.item):
            problems.append(
                _("%(code)s ist eine Muss-Anforderung und kann nicht „nicht zutreffend“ sein.")
                % {"code": status.item.code}
            )
    if document.kind == Document.Kind.CONCEPT:
        empty = [s.title for s in document.sections.all() if not s.text.strip()]
        if empty:
            problems.append(_("Noch ohne Text: %(sections)s.") % {"sections": ", ".join(empty)})
        from lotse.documents.queries import measures_of

        unlinked = [m.title for m in measures_of(document) if not m.serves.all()]
        if unlinked:
            problems.append(
                _(
                    "Maßnahmen ohne Bezug zu einer Mindestanforderung oder einem Entwicklungsbaustein: %(measures)s."
                )
                % {"measures": ", ".join(unlinked)}
            )
    return problems


def _submission_is_complete(change: Change) -> list[str]:
    return submission_problems(change.obj)


def _has_open_comments(change: Change) -> bool:
    return change.obj.comments.filter(resolved=False).exists()


def _freeze_submission(change: Change) -> None:
    change.obj.submitted_at = change.at
    save_version(change.obj, by=change.by)


def _freeze_acceptance(change: Change) -> None:
    change.obj.accepted_at = change.at
    save_version(change.obj, by=change.by, accepted=True)


_decided_in_the_past = date_not_in_future(
    "decided_on", gettext_lazy("Das Datum des Beschlusses liegt in der Zukunft.")
)


def _no_later_concept_published(change: Change) -> str | None:
    document = change.obj
    later = Document.objects.filter(
        kind=Document.Kind.CONCEPT,
        district_id=document.district_id,
        status=S.PUBLISHED,
        state_concept__valid_from__gt=document.state_concept.valid_from,
    ).exists()
    if later:
        return _("Das Konzept eines späteren Landeskonzepts ist schon veröffentlicht.")
    return None


def _publish(change: Change) -> None:
    """Record the committee's decision; the district's concept of an earlier edition is
    superseded by this one."""
    document = change.obj
    document.decided_on = change.details["decided_on"]
    document.decided_by = change.details["decided_by"]
    # Stored now, so the earlier concept's step sees its published successor.
    document.save(update_fields=["status", "decided_on", "decided_by", "updated_at"])
    earlier = Document.objects.filter(
        kind=Document.Kind.CONCEPT,
        district_id=document.district_id,
        status=S.PUBLISHED,
        state_concept__valid_from__lt=document.state_concept.valid_from,
    )
    for previous in earlier:
        REVIEW.transition(
            previous,
            "supersede",
            by=change.by,
            note=_("Abgelöst durch das Konzept zum Landeskonzept %(edition)s.")
            % {"edition": document.state_concept.code},
        )


def _district(document: Document):
    return document.district


_to_lks_and_district = district_submits_to_lks(S.SUBMITTED, _district)


def _recipients(document: Document, to_status: str) -> list[str]:
    """The LKS hears of a submission and of a publication, the district of the rest."""
    if to_status == S.PUBLISHED:
        return _to_lks_and_district(document, S.SUBMITTED)
    if to_status == S.SUPERSEDED:
        return []
    return _to_lks_and_district(document, to_status)


REVIEW = Workflow(
    model=Document,
    transitions=(
        Transition(
            name="submit",
            label=gettext_lazy("Einreichen"),
            sources=(S.DRAFT, S.CHANGES_REQUESTED),
            target=S.SUBMITTED,
            allowed=access.can_take_district_steps,
            asks_for=("note",),
            guards=(_submission_is_complete,),
            effect=_freeze_submission,
        ),
        Transition(
            name="start_review",
            label=gettext_lazy("Prüfung beginnen"),
            sources=(S.SUBMITTED,),
            target=S.IN_REVIEW,
            allowed=access.can_take_review_steps,
            asks_for=("note",),
        ),
        Transition(
            name="request_changes",
            label=gettext_lazy("Änderungen erbitten"),
            sources=(S.IN_REVIEW,),
            target=S.CHANGES_REQUESTED,
            allowed=access.can_take_review_steps,
            asks_for=("note",),
            required={
                "note": Required(
                    message=gettext_lazy(
                        "Bitte begründen Sie, welche Änderungen Sie erbitten (Anmerkung oder Kommentar)."
                    ),
                    unless=_has_open_comments,
                )
            },
        ),
        Transition(
            name="accept",
            label=gettext_lazy("Annehmen"),
            sources=(S.IN_REVIEW,),
            target=S.ACCEPTED,
            allowed=access.can_take_review_steps,
            asks_for=("note",),
            effect=_freeze_acceptance,
        ),
        Transition(
            name="publish",
            label=gettext_lazy("Veröffentlichung eintragen"),
            sources=(S.ACCEPTED,),
            target=S.PUBLISHED,
            allowed=access.can_publish_concept,
            asks_for=("decided_on", "decided_by", "note"),
            required={
                "decided_on": Required(
                    message=gettext_lazy("Bitte das Datum des Beschlusses angeben.")
                ),
                "decided_by": Required(
                    message=gettext_lazy(
                        "Bitte das Gremium angeben, das beschlossen hat (z. B. den Jugendhilfeausschuss)."
                    )
                ),
            },
            guards=(_decided_in_the_past, _no_later_concept_published),
            effect=_publish,
        ),
        # Taken by the publication of the district's next concept, never on its own.
        Transition(
            name="supersede",
            label=gettext_lazy("Ablösen"),
            sources=(S.PUBLISHED,),
            target=S.SUPERSEDED,
            allowed=access.can_supersede_concept,
            asks_for=("note",),
        ),
    ),
    record=step_rows(StatusChange, "document"),
    recipients=_recipients,
    district=_district,
    related=("district", "state_concept"),
    audit_fields=("submitted_at", "accepted_at", "decided_on", "decided_by"),
    mail_body="documents/mail/status_change.txt",
)

# The review's steps as the rest of Lotse calls them (views, demo, tests).
transition = REVIEW.transition
allowed_transitions = REVIEW.allowed
