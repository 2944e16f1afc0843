"""A staff member's data: everything Lotse holds about a person, as one export (DSGVO
Art. 15/20), and erasure (Art. 17) that keeps the record of what was done under a
pseudonym — the audit log and the review history stay intact, without the person."""

from __future__ import annotations

from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from lotse.accountability.models import DocumentStep
from lotse.accounts import audit
from lotse.accounts.models import AuditEntry, User
from lotse.documents.models import ReviewComment, StatusChange
from lotse.funding.models import Fb3Step
from lotse.grants.models import GrantStep
from lotse.networks.models import ItemStatusChange
from lotse.offers.models import OfferChangeStep


def pseudonym(user: User) -> str:
    return f"person-{user.pk}@geloescht.invalid"


def _labelled_records():
    """Records that keep a person's e-mail as a label beside their foreign key."""
    return (
        (StatusChange, "by", "by_label"),
        (ReviewComment, "author", "author_label"),
        (Fb3Step, "by", "by_label"),
        (GrantStep, "by", "by_label"),
        (DocumentStep, "by", "by_label"),
        (OfferChangeStep, "by", "by_label"),
        (ItemStatusChange, "by", "by_label"),
    )


def export_person(user: User) -> dict:
    entries = AuditEntry.objects.filter(actor=user).order_by("at")
    labelled = {}
    for model, field, _label in _labelled_records():
        labelled[model._meta.label] = [
            {"id": row.pk, "at": str(getattr(row, "at", getattr(row, "created_at", "")))}
            for row in model.objects.filter(**{field: user})
        ]
    return {
        "person": {
            "email": user.email,
            "name": user.full_name,
            "active": user.is_active,
            "created": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "mail_language": user.language or None,
        },
        "roles": [
            {
                "role": m.role,
                "district": str(m.district) if m.district_id else None,
                "social_area": str(m.social_area) if m.social_area_id else None,
                "organization": str(m.organization) if m.organization_id else None,
            }
            for m in user.memberships.select_related("district", "social_area", "organization")
        ],
        "second_factor_devices": [d.name for d in TOTPDevice.objects.filter(user=user)],
        "actions": [
            {
                "at": e.at.isoformat(),
                "action": e.action,
                "object": e.object_repr,
                "changes": e.changes,
            }
            for e in entries
        ],
        "workflow_records": labelled,
    }


@transaction.atomic
def erase_person(user: User, *, by: User | None) -> str:
    """Remove the person; what they did stays, signed with a pseudonym. Returns it."""
    alias = pseudonym(user)
    old_email = user.email
    AuditEntry.objects.filter(actor=user).update(actor_label=alias)
    for model, field, label in _labelled_records():
        model.objects.filter(**{field: user}).update(**{label: alias})
    # Entries about the person's own account (creation, role changes) name the address.
    for entry in AuditEntry.objects.filter(object_id=str(user.pk), content_type__model="user"):
        entry.object_repr = alias
        entry.changes = _replaced(entry.changes, old_email, alias)
        entry.save(update_fields=["object_repr", "changes"])
    user.memberships.all().delete()
    TOTPDevice.objects.filter(user=user).delete()
    user.email = alias
    user.full_name = ""
    user.is_active = False
    user.set_unusable_password()
    user.save()
    audit.record(actor=by, obj=user, action="update", changes={"erased": [False, True]})
    return alias


def _replaced(changes, old: str, new: str):
    """The (JSON) changes with the address replaced wherever it appears."""
    if isinstance(changes, dict):
        return {key: _replaced(value, old, new) for key, value in changes.items()}
    if isinstance(changes, list):
        return [_replaced(value, old, new) for value in changes]
    if isinstance(changes, str):
        return changes.replace(old, new)
    return changes
