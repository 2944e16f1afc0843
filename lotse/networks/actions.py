"""The write side of networks. Every change lands in the audit log."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.accounts import audit
from lotse.accounts.models import User
from lotse.concept.models import StateConceptItem
from lotse.networks import item_status
from lotse.networks.models import (
    Coordination,
    ItemStatus,
    ItemStatusChange,
    Meeting,
    Network,
    ParentTopic,
    Partner,
    QualityStandard,
    Task,
    Training,
)
from lotse.organizations.models import Organization
from lotse.regions.models import District, SocialArea


def main_network_name(district: District) -> str:
    return f"Netzwerk Frühe Hilfen {district.name}"


def ensure_main_network(district: District) -> Network:
    network, _ = Network.objects.get_or_create(
        district=district, parent=None, defaults={"name": main_network_name(district)}
    )
    return network


@transaction.atomic
def create_sub_network(
    *, parent: Network, social_area: SocialArea, name: str, linking_measures: str, by: User
) -> Network:
    network = Network.objects.create(
        district=parent.district, parent=parent, social_area=social_area, name=name
    )
    audit.record_creation(
        actor=by, obj=network, fields=("name", "social_area"), district=network.district
    )
    if linking_measures.strip():
        # FB-I-E3: kept as the sub-network's first linking measure, reviewed like a standard.
        measure = QualityStandard.objects.create(
            network=network,
            kind=QualityStandard.Kind.LINKING_MEASURE,
            title=_("Verbindende Maßnahmen"),
            text=linking_measures.strip(),
            adopted_on=timezone.localdate(),
        )
        audit.record_creation(
            actor=by, obj=measure, fields=STANDARD_FIELDS, district=network.district
        )
    return network


@transaction.atomic
def save_model(*, obj, fields: dict, by: User, district: District, audited: Iterable[str]):
    """Create or update a simple network record (partner, coordination, standard, …).

    `obj` may already carry the new values (a ModelForm fills its instance while it
    validates): the audit log's "before" is therefore read from the database.
    """
    creating = obj.pk is None
    audited = tuple(audited)
    before = (
        None if creating else audit.snapshot(type(obj)._default_manager.get(pk=obj.pk), audited)
    )
    many = {}
    for name, value in fields.items():
        field = obj._meta.get_field(name)
        if field.many_to_many:
            many[name] = value
        else:
            setattr(obj, name, value)
    obj.save()
    for name, value in many.items():
        getattr(obj, name).set(value)
    if creating:
        audit.record_creation(actor=by, obj=obj, fields=audited, district=district)
    else:
        audit.record_changes(actor=by, obj=obj, before=before, district=district)
    return obj


def organization_named(name: str, *, district: District) -> Organization | None:
    """The district's organisation of this name (in any case), if it has one.

    Only organisations seated in the district: another district's organisation of the same
    name is neither reused nor revealed (it may be a different one, and is not ours to edit).
    """
    return (
        Organization.objects.filter(district=district, name__iexact=name.strip())
        .order_by("created_at", "pk")
        .first()
    )


def organization_for(*, organization: Organization | None, new_name: str, district: District):
    """An existing organisation, or the district's one of that name, or a new one (one
    organisation, one record)."""
    if organization is not None:
        return organization
    existing = organization_named(new_name, district=district)
    return existing or Organization.objects.create(name=new_name.strip(), district=district)


def already_partner(organization: Organization) -> ValidationError:
    return ValidationError(
        _("„%(name)s“ ist schon Partner dieses Netzwerks."),
        code="already_partner",
        params={"name": organization.name},
    )


@transaction.atomic
def save_partner(
    *, partner: Partner, fields: dict, new_organization: str, by: User, district: District
) -> Partner:
    """Take an organisation into a network as a partner, or change a partner; a new
    organisation's name finds the district's organisation of that name or creates it."""
    # One partner write per network at a time (PostgreSQL; SQLite has one writer anyway): a
    # second request adding the same new organisation waits here, then finds the first
    # one's organisation instead of creating a second one of the same name.
    Network.objects.select_for_update().get(pk=partner.network_id)
    organization = organization_for(
        organization=fields["organization"], new_name=new_organization, district=district
    )
    fields = {**fields, "organization": organization}
    try:
        # A savepoint: after the refused insert the transaction goes on (and rolls back).
        with transaction.atomic():
            return save_model(
                obj=partner, fields=fields, by=by, district=district, audited=PARTNER_FIELDS
            )
    except IntegrityError:
        duplicate = Partner.objects.filter(
            network_id=partner.network_id, organization=organization
        ).exclude(pk=partner.pk)
        if not duplicate.exists():
            raise
        raise already_partner(organization) from None


PARTNER_FIELDS = (
    "organization",
    "sector",
    "contact_name",
    "contact_email",
    "contact_phone",
    "since",
    "agreement_signed_on",
    "agreement_document",
    "left_on",
)
MEETING_FIELDS = (
    "kind",
    "title",
    "starts_at",
    "ends_at",
    "place",
    "online_url",
    "agenda",
    "minutes",
    "minutes_file",
    "invited",
)
COORDINATION_FIELDS = (
    "person_name",
    "email",
    "phone",
    "employer",
    "employer_organization",
    "fte",
    "qualification",
    "since",
    "until",
)
STANDARD_FIELDS = ("kind", "title", "text", "document", "adopted_on", "next_review_on")
VOLUNTEER_FIELDS = (
    "name",
    "provider",
    "guide_name",
    "guide_fte",
    "active_volunteers",
    "volunteer_training",
    "requirements",
)


@transaction.atomic
def record_attendance(*, meeting: Meeting, partners: Iterable[Partner], by: User) -> None:
    before = audit.snapshot(meeting, ("attended",))
    meeting.attended.set(partners)
    audit.record_changes(actor=by, obj=meeting, before=before, district=meeting.network.district)


@transaction.atomic
def add_task(
    *, meeting: Meeting, text: str, owner: str, due_on: datetime.date | None, by: User
) -> Task:
    task = Task.objects.create(meeting=meeting, text=text, owner=owner, due_on=due_on)
    audit.record_creation(
        actor=by, obj=task, fields=("text", "owner", "due_on"), district=meeting.network.district
    )
    return task


@transaction.atomic
def set_task_done(*, task: Task, done: bool, by: User) -> None:
    before = audit.snapshot(task, ("done",))
    task.done = done
    task.save(update_fields=["done"])
    audit.record_changes(actor=by, obj=task, before=before, district=task.meeting.network.district)


@transaction.atomic
def add_training(*, coordination: Coordination, title: str, completed_on, by: User) -> Training:
    training = Training.objects.create(
        coordination=coordination, title=title, completed_on=completed_on
    )
    audit.record_creation(
        actor=by,
        obj=training,
        fields=("title", "completed_on"),
        district=coordination.network.district,
    )
    return training


@transaction.atomic
def set_item_status(
    *,
    district: District,
    item: StateConceptItem,
    year: int,
    status: str,
    reason: str = "",
    goals: str | None = None,
    by: User,
) -> ItemStatus:
    """Set the district's status of one Landeskonzept item in one year, keep the change
    (from, to, who, when, note) and audit it. Unchanged values change nothing.
    `goals=None` keeps the stored goals (the network page does not edit them)."""
    item_status.check(item, status, reason)
    current = (
        ItemStatus.objects.select_for_update()
        .filter(district=district, item=item, year=year)
        .first()
    )
    fields = ("status", "reason", "goals")
    if current is None:
        current = ItemStatus(district=district, item=item, year=year)
        before = None
        from_status = ""
    else:
        before = audit.snapshot(current, fields)
        from_status = current.status
    current.status, current.reason = status, reason.strip()
    if goals is not None:
        current.goals = goals.strip()
    if before is not None and audit.snapshot(current, fields) == before:
        return current
    current.updated_at, current.updated_by = timezone.now(), by
    current.save()
    ItemStatusChange.objects.create(
        item_status=current,
        from_status=from_status,
        to_status=status,
        by=by,
        by_label=by.email,
        note=current.reason,
    )
    if before is None:
        audit.record_creation(
            actor=by, obj=current, fields=("year", "status", "reason"), district=district
        )
    else:
        audit.record_changes(actor=by, obj=current, before=before, district=district)
    return current


@transaction.atomic
def record_parent_topic(
    *, network: Network, topic: str, social_area, month, text: str, by: User
) -> ParentTopic:
    record = ParentTopic.objects.create(
        network=network,
        topic=topic,
        social_area=social_area,
        month=month,
        text=text,
        recorded_by=by,
    )
    audit.record_creation(
        actor=by, obj=record, fields=("topic", "social_area", "month"), district=network.district
    )
    return record


@transaction.atomic
def add_question(*, survey, kind: str, text: str, choices: list[str], required: bool, by: User):
    from lotse.networks.models import Question

    question = Question.objects.create(
        survey=survey,
        kind=kind,
        text=text,
        choices=choices,
        required=required,
        position=survey.questions.count(),
    )
    audit.record_creation(
        actor=by, obj=question, fields=("kind", "text", "choices"), district=survey.network.district
    )
    return question
