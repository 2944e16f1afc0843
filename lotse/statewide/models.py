"""The Landeskoordinierungsstelle's own statewide events (Landeskonzept, chapter LKS):

- the platform for the network coordinators, three times a year (LKS-E5), attended by the
  districts' network coordinators;
- the Fachtag every two years, held with the Landesfachstelle Familienhebammen (LKS-E8);
- the interprofessional quality circles (IQZ) set up with the Kassenärztliche Vereinigung
  MV (LKS-E9): their members by profession and their moderation.

These are the LKS's records, not a district network's meetings. Nothing here is about
families; the IQZ's members are counted by profession, never named.
"""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lotse.statewide.queries import StatewideEventQuerySet


class StatewideEvent(models.Model):
    class Kind(models.TextChoices):
        PLATFORM = "platform", _("Plattform der Netzwerkkoordination")
        CONFERENCE = "conference", _("Fachtag")
        QUALITY_CIRCLE = "quality_circle", _("Interprofessioneller Qualitätszirkel (IQZ)")

    kind = models.CharField(_("Art"), max_length=20, choices=Kind)
    title = models.CharField(_("Titel"), max_length=200)
    held_on = models.DateField(_("Datum"))
    place = models.CharField(_("Ort"), max_length=200, blank=True)
    agenda = models.TextField(_("Themen"), blank=True)
    results = models.TextField(_("Ergebnisse"), blank=True)
    # LKS-E8: the Fachtag is held together with the Landesfachstelle Familienhebammen.
    co_organiser = models.CharField(_("in Kooperation mit"), max_length=200, blank=True)
    # LKS-E9: an IQZ is moderated, e.g. by a moderator of the KV MV with the coordination.
    moderation = models.CharField(_("Moderation"), max_length=200, blank=True)
    district = models.ForeignKey(
        "regions.District",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Region (Landkreis oder kreisfreie Stadt)"),
    )
    attendees = models.ManyToManyField(
        "networks.Coordination",
        related_name="statewide_events",
        blank=True,
        verbose_name=_("teilgenommen haben"),
    )
    is_demo = models.BooleanField(_("Demowert"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = StatewideEventQuerySet.as_manager()

    class Meta:
        ordering = ["-held_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="conference") | ~models.Q(co_organiser=""),
                name="conference_has_co_organiser",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="quality_circle") | ~models.Q(moderation=""),
                name="quality_circle_has_moderation",
            ),
        ]
        verbose_name = _("landesweite Veranstaltung")
        verbose_name_plural = _("landesweite Veranstaltungen")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("statewide:event", kwargs={"event_id": self.pk})


class Profession(models.TextChoices):
    """The professions an IQZ brings together. The Landeskonzept names none; the list is
    set by the Landeskoordinierungsstelle, after the health-care and youth-welfare systems
    the IQZ join."""

    PAEDIATRICIAN = "paediatrician", _("Kinder- und Jugendärztinnen und -ärzte")
    GYNAECOLOGIST = "gynaecologist", _("Frauenärztinnen und -ärzte")
    GENERAL_PRACTITIONER = "general_practitioner", _("Hausärztinnen und -ärzte")
    PSYCHOTHERAPIST = "psychotherapist", _("Psychotherapeutinnen und -therapeuten")
    MIDWIFE = "midwife", _("Hebammen und Familienhebammen")
    CHILD_NURSE = "child_nurse", _("Familien-Gesundheits- und Kinderkrankenpflege")
    YOUTH_WELFARE = "youth_welfare", _("Kinder- und Jugendhilfe")
    PREGNANCY_COUNSELLING = "pregnancy_counselling", _("Schwangerschaftsberatung")
    EARLY_INTERVENTION = "early_intervention", _("Frühförderung")
    OTHER = "other", _("Sonstige")


class CircleMembers(models.Model):
    """How many members of one profession an IQZ had (never who)."""

    event = models.ForeignKey(
        StatewideEvent, on_delete=models.CASCADE, related_name="circle_members"
    )
    profession = models.CharField(_("Beruf"), max_length=30, choices=Profession)
    count = models.PositiveSmallIntegerField(_("Anzahl"))

    class Meta:
        ordering = ["profession"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "profession"], name="one_count_per_profession_and_circle"
            ),
            models.CheckConstraint(condition=models.Q(count__gt=0), name="circle_members_counted"),
        ]

    def __str__(self) -> str:
        return f"{self.get_profession_display()}: {self.count}"
