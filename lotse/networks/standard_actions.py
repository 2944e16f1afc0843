"""The write side of a network's quality standards (FB-I-M2, FB-I-E5): adopt, edit,
review and retire. Every change lands in the audit log."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lotse.accounts import audit
from lotse.accounts.models import User
from lotse.networks.actions import STANDARD_FIELDS, save_model
from lotse.networks.models import QualityStandard, StandardReview

REVIEW_FIELDS = ("reviewed_on", "reviewed_by", "result", "note")


def save_standard(*, standard: QualityStandard, fields: dict, by: User) -> QualityStandard:
    """Adopt a new standard or change one the network still keeps."""
    if standard.pk and QualityStandard.objects.filter(pk=standard.pk).retired().exists():
        raise ValidationError(
            _("Ein außer Kraft gesetzter Standard wird nicht mehr geändert."), code="retired"
        )
    return save_model(
        obj=standard,
        fields={name: fields[name] for name in STANDARD_FIELDS},
        by=by,
        district=standard.network.district,
        audited=STANDARD_FIELDS,
    )


@transaction.atomic
def record_review(
    *,
    standard: QualityStandard,
    reviewed_on: datetime.date,
    reviewed_by: str,
    result: str,
    note: str,
    next_review_on: datetime.date | None,
    by: User,
) -> StandardReview:
    """Note that the network reviewed a standard (when, who, result); the next review date
    moves on with it."""
    standard = QualityStandard.objects.select_for_update().get(pk=standard.pk)
    if not standard.is_current:
        raise ValidationError(
            _("Ein außer Kraft gesetzter Standard wird nicht mehr überprüft."), code="retired"
        )
    if reviewed_on < standard.adopted_on:
        raise ValidationError(
            _("Die Überprüfung liegt vor dem Beschluss des Standards."), code="before_adoption"
        )
    if next_review_on is not None and next_review_on <= reviewed_on:
        raise ValidationError(
            _("Die nächste Überprüfung muss nach dieser liegen."), code="next_before_this"
        )
    review = StandardReview.objects.create(
        standard=standard,
        reviewed_on=reviewed_on,
        reviewed_by=reviewed_by.strip(),
        result=result,
        note=note.strip(),
        recorded_by=by,
    )
    district = standard.network.district
    audit.record_creation(actor=by, obj=review, fields=REVIEW_FIELDS, district=district)
    before = audit.snapshot(standard, ["next_review_on"])
    standard.next_review_on = next_review_on
    standard.save(update_fields=["next_review_on"])
    audit.record_changes(actor=by, obj=standard, before=before, district=district)
    return review


@transaction.atomic
def retire_standard(
    *, standard: QualityStandard, retired_on: datetime.date, by: User
) -> QualityStandard:
    """Set a standard out of force: it stays readable, apart, and no longer counts."""
    standard = QualityStandard.objects.select_for_update().get(pk=standard.pk)
    if not standard.is_current:
        raise ValidationError(_("Dieser Standard ist bereits außer Kraft."), code="retired")
    if retired_on < standard.adopted_on:
        raise ValidationError(
            _("Ein Standard kann nicht vor seinem Beschluss außer Kraft treten."),
            code="before_adoption",
        )
    before = audit.snapshot(standard, ["retired_on", "next_review_on"])
    standard.retired_on = retired_on
    standard.next_review_on = None
    standard.save(update_fields=["retired_on", "next_review_on"])
    audit.record_changes(actor=by, obj=standard, before=before, district=standard.network.district)
    return standard
