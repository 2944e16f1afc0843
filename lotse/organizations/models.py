"""Organisations (Träger): providers of offers, network partners, holders of funded measures.

One organisation, one record, shared by the offer directory (HSDS organization), the
networks and the funding. Provider editors act for an organisation (accounts.Membership).
"""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from lotse.core.contact_details import validate_phone_number, validate_web_address


class Organization(models.Model):
    """A provider (Träger): runs offers and is a network partner. One organisation, one record."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(_("Name"), max_length=200)
    description = models.TextField(_("Beschreibung"), blank=True)
    email = models.EmailField(_("E-Mail"), blank=True)
    phone = models.CharField(
        _("Telefon"), max_length=40, blank=True, validators=[validate_phone_number]
    )
    website = models.URLField(_("Website"), blank=True, validators=[validate_web_address])
    district = models.ForeignKey(
        "regions.District",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organizations",
        verbose_name=_("Sitz (Landkreis)"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        # The table keeps the name it had when organisations lived in the offer directory.
        db_table = "offers_organization"
        ordering = ["name"]
        verbose_name = _("Träger")
        verbose_name_plural = _("Träger")

    def __str__(self) -> str:
        return self.name
