"""The grant procedure (Zuwendungsverfahren) of a district in a fund year.

The district's youth office (Erstempfänger) applies for its share of the Fonds Frühe
Hilfen with its accepted regional concept and the year's plan; the state office (LAGuS,
part of the LKS) issues the grant notice; the district reports during the year and
accounts for the money after it (Verwendungsnachweis). Each of the four documents is a
`GrantDocument` with its own state; its deadline is the fund year's.
"""

from __future__ import annotations

import datetime

from django.core.validators import FileExtensionValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lotse.core.uploads import (
    DOCUMENT_VALIDATORS,
    validate_document_content,
    validate_document_size,
)
from lotse.workflow.records import StepRecord

# A grant notice is a signed PDF: the extension, the size and the content must say so.
NOTICE_VALIDATORS = [
    FileExtensionValidator(["pdf"], message=_("Bitte den Bescheid als PDF hochladen.")),
    validate_document_size,
    validate_document_content,
]


class GrantProcedure(models.Model):
    """One district's grant procedure in one fund year: the frame of its four documents."""

    district = models.ForeignKey(
        "regions.District", on_delete=models.PROTECT, related_name="grant_procedures"
    )
    fund_year = models.ForeignKey(
        "funding.FundYear", on_delete=models.PROTECT, related_name="grant_procedures"
    )
    opened_at = models.DateTimeField(_("eröffnet am"), auto_now_add=True)

    class Meta:
        ordering = ["-fund_year__year", "district__ags"]
        constraints = [
            models.UniqueConstraint(
                fields=["district", "fund_year"], name="one_grant_procedure_per_district_and_year"
            )
        ]
        verbose_name = _("Zuwendungsverfahren")
        verbose_name_plural = _("Zuwendungsverfahren")

    def __str__(self) -> str:
        return f"Zuwendungsverfahren {self.fund_year.year} – {self.district}"

    def get_absolute_url(self) -> str:
        return reverse("grants:district", kwargs={"ags": self.district.ags}) + (
            f"?jahr={self.fund_year.year}"
        )


def grant_document_path(instance: GrantDocument, filename: str) -> str:
    procedure = instance.procedure
    return f"zuwendungen/{procedure.district.ags}/{procedure.fund_year.year}/{filename}"


class GrantDocument(models.Model):
    """One document of a grant procedure, with its state.

    The district submits the application, the interim report and the Verwendungsnachweis
    (generated, frozen as files at submission); the LKS receives or returns them. The
    grant notice is issued by the LKS or the state office: amount, date, conditions and
    the signed PDF.
    """

    class Kind(models.TextChoices):
        APPLICATION = "application", _("Antrag")
        GRANT_NOTICE = "grant_notice", _("Zuwendungsbescheid")
        INTERIM_REPORT = "interim_report", _("Zwischenbericht")
        PROOF_OF_USE = "proof_of_use", _("Verwendungsnachweis")

    class Status(models.TextChoices):
        OPEN = "open", _("offen")
        SUBMITTED = "submitted", _("eingereicht")
        RECEIVED = "received", _("eingegangen")
        RETURNED = "returned", _("zurückgegeben")
        ISSUED = "issued", _("erteilt")

    # The documents in the order of the year, with the slug of their address.
    ORDER = (Kind.APPLICATION, Kind.GRANT_NOTICE, Kind.INTERIM_REPORT, Kind.PROOF_OF_USE)
    SLUGS: dict[str, str] = {
        Kind.APPLICATION: "antrag",
        Kind.GRANT_NOTICE: "bescheid",
        Kind.INTERIM_REPORT: "zwischenbericht",
        Kind.PROOF_OF_USE: "verwendungsnachweis",
    }
    # The documents the district writes and submits; the grant notice comes from the state.
    DISTRICT_KINDS = (Kind.APPLICATION, Kind.INTERIM_REPORT, Kind.PROOF_OF_USE)
    # Which field of the fund year holds each document's deadline.
    DUE_FIELDS: dict[str, str] = {
        Kind.APPLICATION: "application_due",
        Kind.INTERIM_REPORT: "interim_report_due",
        Kind.PROOF_OF_USE: "final_report_due",
    }
    # Still with the district: these are reminded of and can be overdue.
    WITH_DISTRICT = (Status.OPEN, Status.RETURNED)

    procedure = models.ForeignKey(
        GrantProcedure, on_delete=models.CASCADE, related_name="documents"
    )
    kind = models.CharField(_("Art"), max_length=20, choices=Kind)
    status = models.CharField(_("Stand"), max_length=20, choices=Status, default=Status.OPEN)
    submitted_at = models.DateTimeField(_("eingereicht am"), null=True, blank=True)
    received_at = models.DateTimeField(_("eingegangen am"), null=True, blank=True)
    # The generated document as submitted (application, interim report, Verwendungsnachweis)
    # or the uploaded grant notice: what the other side received stays as it was.
    file = models.FileField(
        _("Dokument"),
        upload_to=grant_document_path,
        blank=True,
        validators=DOCUMENT_VALIDATORS,
    )
    spreadsheet = models.FileField(_("Tabelle"), upload_to=grant_document_path, blank=True)
    amount = models.DecimalField(
        _("bewilligter Betrag"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    issued_on = models.DateField(_("Bescheid vom"), null=True, blank=True)
    conditions = models.TextField(_("Nebenbestimmungen und Auflagen"), blank=True)
    # 0 = no reminder yet, 1 = reminded before the deadline, 2 = reminded after it (once each).
    reminder_stage = models.PositiveSmallIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["procedure", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["procedure", "kind"], name="one_grant_document_per_kind"
            ),
            models.CheckConstraint(
                condition=models.Q(amount__isnull=True) | models.Q(amount__gte=0),
                name="grant_amount_not_negative",
            ),
            models.CheckConstraint(
                condition=models.Q(kind="grant_notice") | ~models.Q(status="issued"),
                name="only_grant_notices_are_issued",
            ),
        ]
        verbose_name = _("Dokument des Zuwendungsverfahrens")
        verbose_name_plural = _("Dokumente des Zuwendungsverfahrens")

    def __str__(self) -> str:
        procedure = self.procedure
        return f"{self.get_kind_display()} {procedure.fund_year.year} – {procedure.district}"

    def get_absolute_url(self) -> str:
        procedure = self.procedure
        return reverse(
            "grants:document",
            kwargs={
                "ags": procedure.district.ags,
                "year": procedure.fund_year.year,
                "slug": self.slug,
            },
        )

    @property
    def slug(self) -> str:
        return self.SLUGS[self.kind]

    @property
    def due_on(self) -> datetime.date | None:
        """The deadline, as the LKS set it in the fund year (the grant notice has none)."""
        field = self.DUE_FIELDS.get(self.kind)
        return getattr(self.procedure.fund_year, field) if field else None

    def is_with_district(self) -> bool:
        return self.kind in self.DISTRICT_KINDS and self.status in self.WITH_DISTRICT


class GrantStep(StepRecord):
    """One step of a grant document: who moved it from where to where, when, why."""

    document = models.ForeignKey(GrantDocument, on_delete=models.CASCADE, related_name="steps")
    from_status = models.CharField(max_length=20, choices=GrantDocument.Status)
    to_status = models.CharField(max_length=20, choices=GrantDocument.Status)

    class Meta:
        ordering = ["document", "at", "pk"]
