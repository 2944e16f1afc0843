"""The offer directory (HSDS 3.0 aligned). The foundation holds the provider organisation;
offers, locations and schedules follow with the offer finder."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class Organization(models.Model):
    """A provider (Träger): runs offers and is a network partner. One organisation, one record."""

    # HSDS ids are UUIDs; they are kept through import and export.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(_("Name"), max_length=200)
    description = models.TextField(_("Beschreibung"), blank=True)
    email = models.EmailField(_("E-Mail"), blank=True)
    website = models.URLField(_("Website"), blank=True)
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
        ordering = ["name"]
        verbose_name = _("Träger")
        verbose_name_plural = _("Träger")

    def __str__(self) -> str:
        return self.name
