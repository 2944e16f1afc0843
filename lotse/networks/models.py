"""Networks Frühe Hilfen (Förderbereich I): structure, coordination, partners, meetings,
quality standards and the coordinator's view of the minimum requirements.

One network per district (`Network` without parent), optional sub-networks per social area
(`Network.parent`). Partners are organisations of the offer directory (one organisation,
one record). Nothing here is about families: only organisations and professionals.
"""

from __future__ import annotations

import secrets

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lotse.core.contact_details import validate_phone_number, validate_web_address
from lotse.core.uploads import DOCUMENT_VALIDATORS
from lotse.networks.queries import (
    MeetingQuerySet,
    NetworkQuerySet,
    PartnerQuerySet,
    QualityStandardQuerySet,
    SectorQuerySet,
)
from lotse.workflow.records import StepRecord


class Sector(models.Model):
    """A system a network brings together.

    The Landeskonzept names no list of sectors: the Landeskoordinierungsstelle sets them,
    following the partners § 3 KKG enumerates, and renames, adds, reorders and retires them
    (sector_views.py). Pages that show them say so (components/set_by_lks.html). A partner
    names its sector by `code`, which never changes; a retired sector stays readable on the
    partners that keep it but is no longer offered.

    The name is stored in German and shown as stored in every interface language: the
    sectors are data the LKS keeps, and the pages that show them are staff pages.
    """

    # The codes of the sectors the LKS set first (migration 0013); rules, the demo and
    # the tests name some of them.
    YOUTH_WELFARE = "youth_welfare"
    MIDWIVES = "midwives"
    MATERNITY_CLINICS = "maternity_clinics"
    PAEDIATRICIANS = "paediatricians"
    GYNAECOLOGISTS = "gynaecologists"
    PUBLIC_HEALTH = "public_health"
    EARLY_INTERVENTION = "early_intervention"
    PREGNANCY_COUNSELLING = "pregnancy_counselling"
    JOB_CENTRE = "job_centre"
    FAMILY_EDUCATION = "family_education"
    DAY_CARE = "day_care"
    SOCIAL_WELFARE = "social_welfare"
    POLICE_COURTS = "police_courts"
    VOLUNTEERING = "volunteering"
    OTHER = "other"

    code = models.SlugField(_("Kürzel"), max_length=30, unique=True)
    name = models.CharField(_("Bezeichnung"), max_length=100, unique=True)
    position = models.PositiveSmallIntegerField(
        _("Reihenfolge"), default=0, help_text=_("Kleinere Zahlen stehen weiter oben.")
    )
    is_health_care = models.BooleanField(
        _("Gesundheitswesen"),
        default=False,
        help_text=_("Partner dieses Sektors zählen als Gesundheitswesen (FB-I-E6)."),
    )
    retired_on = models.DateField(_("nicht mehr verwendet seit"), null=True, blank=True)

    objects = SectorQuerySet.as_manager()

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("Sektor")
        verbose_name_plural = _("Sektoren")

    def __str__(self) -> str:
        return self.name


def new_calendar_token() -> str:
    return secrets.token_urlsafe(24)


class Network(models.Model):
    """The Netzwerk Frühe Hilfen of a district, or a sub-network of one social area."""

    district = models.ForeignKey(
        "regions.District", on_delete=models.PROTECT, related_name="networks"
    )
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="sub_networks"
    )
    social_area = models.OneToOneField(
        "regions.SocialArea",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sub_network",
        verbose_name=_("Sozialraum"),
    )
    name = models.CharField(_("Name"), max_length=200)
    description = models.TextField(_("Beschreibung"), blank=True)
    # FB-I-E3's written linking measures are the sub-network's agreements of the kind
    # QualityStandard.Kind.LINKING_MEASURE: edited, reviewed and retired like standards.
    # The secret address of the meeting calendar (calendar apps cannot sign in).
    calendar_token = models.CharField(max_length=64, unique=True, default=new_calendar_token)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = NetworkQuerySet.as_manager()

    class Meta:
        ordering = ["district__ags", "parent_id", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["district"],
                condition=models.Q(parent__isnull=True),
                name="one_main_network_per_district",
            ),
            models.CheckConstraint(
                condition=models.Q(parent__isnull=True, social_area__isnull=True)
                | models.Q(parent__isnull=False, social_area__isnull=False),
                name="sub_network_has_parent_and_social_area",
            ),
        ]
        verbose_name = _("Netzwerk")
        verbose_name_plural = _("Netzwerke")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("networks:network", kwargs={"ags": self.district.ags, "network_id": self.pk})

    @property
    def is_sub_network(self) -> bool:
        return self.parent_id is not None


class Coordination(models.Model):
    """Who coordinates a network, how qualified, with how many hours, employed by whom.
    Names are staff contact data: shown only inside the workspace."""

    class Employer(models.TextChoices):
        YOUTH_OFFICE = "youth_office", _("Jugendamt")
        PROVIDER = "provider", _("freier Träger im Auftrag des Jugendamts")

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="coordinations")
    person_name = models.CharField(_("Name"), max_length=200)
    email = models.EmailField(_("E-Mail"), blank=True)
    phone = models.CharField(
        _("Telefon"), max_length=40, blank=True, validators=[validate_phone_number]
    )
    employer = models.CharField(_("Anstellung"), max_length=20, choices=Employer)
    employer_organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Träger (bei Beauftragung)"),
    )
    fte = models.DecimalField(
        _("Stellenanteil (VZÄ)"), max_digits=4, decimal_places=2, help_text=_("z. B. 0,75")
    )
    qualification = models.TextField(
        _("Qualifikation"), blank=True, help_text=_("Bezug zum Kompetenzprofil des NZFH")
    )
    since = models.DateField(_("seit"), null=True, blank=True)
    until = models.DateField(_("bis"), null=True, blank=True)

    class Meta:
        ordering = ["network", "-since"]
        verbose_name = _("Koordination")
        verbose_name_plural = _("Koordination")

    def __str__(self) -> str:
        return self.person_name


class Training(models.Model):
    """A qualification of the coordinator (e.g. a module of the NZFH Kompetenzprofil)."""

    coordination = models.ForeignKey(
        Coordination, on_delete=models.CASCADE, related_name="trainings"
    )
    title = models.CharField(_("Fortbildung"), max_length=200)
    completed_on = models.DateField(_("abgeschlossen am"))

    class Meta:
        ordering = ["-completed_on"]

    def __str__(self) -> str:
        return self.title


class Partner(models.Model):
    """An organisation in a network, with its sector and the cooperation agreement."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="partners")
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="partnerships",
        verbose_name=_("Organisation"),
    )
    # The code of a `Sector`; the form offers the active ones (forms.PartnerForm).
    sector = models.CharField(_("Sektor"), max_length=30)
    contact_name = models.CharField(_("Ansprechperson"), max_length=200, blank=True)
    contact_email = models.EmailField(_("E-Mail"), blank=True)
    contact_phone = models.CharField(
        _("Telefon"), max_length=40, blank=True, validators=[validate_phone_number]
    )
    since = models.DateField(_("Partner seit"), null=True, blank=True)
    agreement_signed_on = models.DateField(_("Kooperationsvereinbarung vom"), null=True, blank=True)
    agreement_document = models.FileField(
        _("Kooperationsvereinbarung (Datei)"),
        upload_to="networks/agreements/",
        blank=True,
        validators=DOCUMENT_VALIDATORS,
    )
    left_on = models.DateField(_("ausgeschieden am"), null=True, blank=True)

    objects = PartnerQuerySet.as_manager()

    class Meta:
        ordering = ["organization__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "organization"], name="organization_once_per_network"
            )
        ]
        verbose_name = _("Netzwerkpartner")
        verbose_name_plural = _("Netzwerkpartner")

    def __str__(self) -> str:
        return str(self.organization)

    def get_sector_display(self) -> str:
        """The sector's name: annotated on lists (PartnerQuerySet.with_sector_name), else
        read on its own."""
        name = getattr(self, "sector_name", None)
        if name is None:
            name = Sector.objects.filter(code=self.sector).values_list("name", flat=True).first()
        return name or self.sector


class Meeting(models.Model):
    """A meeting of a network or sub-network, a quality circle, or a cross-system
    qualification for network actors. The LKS's own platform for the coordinators is not a
    network's meeting: it is a statewide event (lotse.statewide)."""

    class Kind(models.TextChoices):
        NETWORK_MEETING = "network_meeting", _("Netzwerktreffen")
        SUB_NETWORK_MEETING = "sub_network_meeting", _("Treffen des Teilnetzwerks")
        QUALITY_CIRCLE = "quality_circle", _("Interprofessioneller Qualitätszirkel (IQZ)")
        QUALIFICATION = "qualification", _("Systemübergreifende Qualifizierung")

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="meetings")
    kind = models.CharField(_("Art"), max_length=30, choices=Kind)
    title = models.CharField(_("Titel"), max_length=200)
    starts_at = models.DateTimeField(_("Beginn"))
    ends_at = models.DateTimeField(_("Ende"))
    place = models.CharField(_("Ort"), max_length=200, blank=True)
    online_url = models.URLField(_("Online-Raum"), blank=True, validators=[validate_web_address])
    agenda = models.TextField(_("Tagesordnung"), blank=True)
    minutes = models.TextField(_("Protokoll"), blank=True)
    minutes_file = models.FileField(
        _("Protokoll (Datei)"),
        upload_to="networks/minutes/",
        blank=True,
        validators=DOCUMENT_VALIDATORS,
    )
    invited = models.ManyToManyField(
        Partner, related_name="invitations", blank=True, verbose_name=_("eingeladen")
    )
    attended = models.ManyToManyField(
        Partner, related_name="attendances", blank=True, verbose_name=_("teilgenommen")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gte=models.F("starts_at")),
                name="meeting_ends_after_it_starts",
            )
        ]
        verbose_name = _("Treffen")
        verbose_name_plural = _("Treffen")

    def __str__(self) -> str:
        return self.title


class Task(models.Model):
    """A decision or task from a meeting, with owner and due date."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="tasks")
    text = models.CharField(_("Beschluss / Aufgabe"), max_length=300)
    owner = models.CharField(_("verantwortlich"), max_length=200, blank=True)
    due_on = models.DateField(_("fällig am"), null=True, blank=True)
    done = models.BooleanField(_("erledigt"), default=False)

    class Meta:
        ordering = ["done", "due_on", "pk"]

    def __str__(self) -> str:
        return self.text


class QualityStandard(models.Model):
    """An agreement of the network: a quality standard (mission statement, referral
    procedure, …; FB-I-M2, FB-I-E5) or a sub-network's written linking measure (FB-I-E3)."""

    class Kind(models.TextChoices):
        STANDARD = "standard", _("Qualitätsstandard")
        LINKING_MEASURE = "linking_measure", _("Verbindende Maßnahme (Teilnetzwerke)")

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="standards")
    kind = models.CharField(_("Art"), max_length=20, choices=Kind, default=Kind.STANDARD)
    title = models.CharField(_("Titel"), max_length=200)
    text = models.TextField(_("Wortlaut"), blank=True)
    document = models.FileField(
        _("Dokument"), upload_to="networks/standards/", blank=True, validators=DOCUMENT_VALIDATORS
    )
    adopted_on = models.DateField(_("beschlossen am"))
    next_review_on = models.DateField(_("nächste Überprüfung"), null=True, blank=True)
    # A retired standard stays readable but no longer counts as one the network keeps.
    retired_on = models.DateField(_("außer Kraft seit"), null=True, blank=True)

    objects = QualityStandardQuerySet.as_manager()

    class Meta:
        ordering = ["-adopted_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(retired_on__isnull=True)
                | models.Q(retired_on__gte=models.F("adopted_on")),
                name="standard_retired_after_adoption",
            )
        ]
        verbose_name = _("Qualitätsstandard")
        verbose_name_plural = _("Qualitätsstandards")

    def __str__(self) -> str:
        return self.title

    @property
    def is_current(self) -> bool:
        return self.retired_on is None


class StandardReview(models.Model):
    """A review of a quality standard: when, by whom, with what result (FB-I-M2, FB-I-E5)."""

    class Result(models.TextChoices):
        CONFIRMED = "confirmed", _("bestätigt, gilt unverändert")
        REVISED = "revised", _("überarbeitet")
        TO_RETIRE = "to_retire", _("nicht mehr nötig")

    standard = models.ForeignKey(QualityStandard, on_delete=models.CASCADE, related_name="reviews")
    reviewed_on = models.DateField(_("überprüft am"))
    reviewed_by = models.CharField(
        _("überprüft von"), max_length=200, help_text=_("z. B. die Netzwerkkonferenz")
    )
    result = models.CharField(_("Ergebnis"), max_length=20, choices=Result)
    note = models.TextField(_("Anmerkung"), blank=True)
    recorded_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-reviewed_on", "-pk"]
        verbose_name = _("Überprüfung eines Qualitätsstandards")
        verbose_name_plural = _("Überprüfungen von Qualitätsstandards")

    def __str__(self) -> str:
        return f"{self.standard}: {self.reviewed_on:%d.%m.%Y}"


class ItemStatus(models.Model):
    """The district's status of one item of the Landeskonzept (a minimum requirement or a
    development module) in one year: one fact, read by the network page, the concept, the
    annual report and the LKS's matrix. No row means "noch nicht eingeschätzt"; every
    change leaves an `ItemStatusChange`. The rules (who may say "nicht zutreffend") are in
    `networks/item_status.py`."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("nicht begonnen")
        PLANNED = "planned", _("geplant")
        IN_PROGRESS = "in_progress", _("in Umsetzung")
        ACHIEVED = "achieved", _("erreicht")
        NOT_APPLICABLE = "not_applicable", _("nicht zutreffend")

    district = models.ForeignKey(
        "regions.District", on_delete=models.PROTECT, related_name="item_statuses"
    )
    item = models.ForeignKey(
        "concept.StateConceptItem", on_delete=models.PROTECT, related_name="statuses"
    )
    year = models.PositiveSmallIntegerField(_("Jahr"))
    status = models.CharField(_("Stand"), max_length=20, choices=Status)
    reason = models.TextField(_("Begründung oder Kommentar"), blank=True)
    goals = models.TextField(_("Ziele"), blank=True)
    updated_at = models.DateTimeField()
    updated_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["district", "year", "item__funding_area__position", "item__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["district", "item", "year"], name="one_status_per_district_item_year"
            ),
            models.CheckConstraint(
                condition=~models.Q(status="not_applicable") | ~models.Q(reason=""),
                name="item_not_applicable_needs_a_reason",
            ),
        ]
        verbose_name = _("Stand eines Elements des Landeskonzepts")
        verbose_name_plural = _("Stand der Elemente des Landeskonzepts")

    def __str__(self) -> str:
        return f"{self.year} {self.item_id}: {self.status}"


class ItemStatusChange(StepRecord):
    """One change of an `ItemStatus`: who set it from what to what, when, with which note.
    `from_status` is empty for the first assessment."""

    item_status = models.ForeignKey(ItemStatus, on_delete=models.CASCADE, related_name="changes")
    from_status = models.CharField(max_length=20, choices=ItemStatus.Status, blank=True)
    to_status = models.CharField(max_length=20, choices=ItemStatus.Status)

    class Meta:
        ordering = ["item_status", "at", "pk"]


class ParentTopic(models.Model):
    """A topic parents raised, recorded anonymously by a network actor (FB-I-M4, FB-I-E10).

    Only a topic from a fixed list, a short text checked for personal data, the social area
    and the month: never a family, a name or a date.
    """

    class Topic(models.TextChoices):
        SLEEP_CRYING = "sleep_crying", _("Schlafen und Schreien")
        FEEDING = "feeding", _("Stillen und Ernährung")
        DEVELOPMENT = "development", _("Entwicklung und Gesundheit des Kindes")
        STRESS = "stress", _("Belastung, Erschöpfung, Partnerschaft")
        MONEY_HOUSING = "money_housing", _("Geld, Wohnen, Arbeit")
        AUTHORITIES = "authorities", _("Anträge und Behörden")
        CHILDCARE = "childcare", _("Kinderbetreuung")
        MEETING_PLACES = "meeting_places", _("Treffpunkte und Austausch mit anderen Eltern")
        LANGUAGE = "language", _("Sprache und Ankommen")
        MOBILITY = "mobility", _("Wege und Erreichbarkeit von Angeboten")
        OTHER = "other", _("Sonstiges")

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="parent_topics")
    social_area = models.ForeignKey(
        "regions.SocialArea",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Sozialraum"),
    )
    month = models.DateField(_("Monat"))  # always the first day of the month
    topic = models.CharField(_("Thema"), max_length=30, choices=Topic)
    text = models.CharField(_("Kurzbeschreibung"), max_length=280, blank=True)
    recorded_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-month", "topic"]
        verbose_name = _("Thema aus der Elternschaft")
        verbose_name_plural = _("Themen aus der Elternschaft")

    def __str__(self) -> str:
        return f"{self.get_topic_display()} ({self.month:%m/%Y})"


def new_survey_token() -> str:
    return secrets.token_urlsafe(16)


class Survey(models.Model):
    """A short anonymous survey of parents or partners, answered at a public link."""

    class Audience(models.TextChoices):
        PARENTS = "parents", _("Eltern")
        PARTNERS = "partners", _("Netzwerkpartner")

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="surveys")
    title = models.CharField(_("Titel"), max_length=200)
    introduction = models.TextField(_("Einleitung"), blank=True)
    audience = models.CharField(_("Zielgruppe"), max_length=10, choices=Audience)
    opens_on = models.DateField(_("offen ab"))
    closes_on = models.DateField(_("offen bis"))
    token = models.CharField(max_length=40, unique=True, default=new_survey_token)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-opens_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")),
                name="survey_closes_after_it_opens",
            )
        ]
        verbose_name = _("Befragung")
        verbose_name_plural = _("Befragungen")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("survey_answer", kwargs={"token": self.token})


class Question(models.Model):
    class Kind(models.TextChoices):
        SINGLE = "single", _("eine Antwort")
        MULTIPLE = "multiple", _("mehrere Antworten")
        SCALE = "scale", _("Skala 1 bis 5")
        TEXT = "text", _("freier Text")

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(_("Art"), max_length=10, choices=Kind)
    text = models.CharField(_("Frage"), max_length=300)
    choices = models.JSONField(_("Antwortmöglichkeiten"), default=list, blank=True)
    required = models.BooleanField(_("Pflichtfrage"), default=False)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.text


class SurveyResponse(models.Model):
    """One submitted questionnaire: no time, no address, no cookie, only the day."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    submitted_on = models.DateField()

    def __str__(self) -> str:
        return f"{self.survey} {self.submitted_on}"


class Answer(models.Model):
    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    choices = models.JSONField(default=list, blank=True)  # indexes into Question.choices
    scale = models.PositiveSmallIntegerField(null=True, blank=True)
    text = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"{self.question_id}: {self.choices or self.scale or self.text[:20]}"


class VolunteerService(models.Model):
    """A volunteer service for families (Förderbereich II.1.2): who runs it, who guides the
    volunteers, how many are active (never who), and its minimum requirements."""

    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="volunteer_services"
    )
    name = models.CharField(_("Name"), max_length=200)
    provider = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Träger"),
    )
    guide_name = models.CharField(_("hauptamtliche Begleitung"), max_length=200, blank=True)
    guide_fte = models.DecimalField(
        _("Stellenanteil der Begleitung (VZÄ)"),
        max_digits=4,
        decimal_places=2,
        null=True,
        blank=True,
    )
    active_volunteers = models.PositiveSmallIntegerField(_("aktive Ehrenamtliche"), default=0)
    volunteer_training = models.TextField(_("Schulung der Ehrenamtlichen"), blank=True)
    # Per minimum requirement of FB II.1.2 (codes of the Landeskonzept in force):
    # {"FB-II.1.2-M1": {"met": true, "evidence": "…"}, …}
    requirements = models.JSONField(default=dict, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("Ehrenamtsangebot")
        verbose_name_plural = _("Ehrenamtsangebote")

    def __str__(self) -> str:
        return self.name
