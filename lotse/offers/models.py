"""The offer directory, aligned with HSDS 3.0 (Open Referral).

Offer = HSDS service, Location, ServiceAtLocation, Schedule, ServiceArea, CostOption (the
provider, HSDS organization, is lotse.organizations.Organization); topics come from the Lotse taxonomy `lotse-themen`.
HSDS ids (UUIDs) are the primary keys, so import and export keep them.
"""

import uuid

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from lotse.core.contact_details import (
    is_demo_contact,
    validate_email_address,
    validate_opening_hours,
    validate_phone_number,
    validate_web_address,
)
from lotse.offers.languages import language_name, language_names
from lotse.offers.queries import OfferQuerySet
from lotse.workflow.records import StepRecord


class Topic(models.Model):
    """A term of the Lotse taxonomy `lotse-themen` (HSDS taxonomy_term)."""

    TAXONOMY = "lotse-themen"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    code = models.SlugField(_("Code"), max_length=40, unique=True)
    label = models.CharField(_("Bezeichnung"), max_length=100)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position"]
        verbose_name = _("Thema")
        verbose_name_plural = _("Themen")

    def __str__(self) -> str:
        return self.label

    @property
    def translated_label(self) -> str:
        """The label in the page's language (topic_labels.py marks them for translation)."""
        return gettext(self.label)


class Offer(models.Model):
    """An offer for families (HSDS service)."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("aktiv")
        INACTIVE = "inactive", _("inaktiv")
        DEFUNCT = "defunct", _("eingestellt")
        TEMPORARILY_CLOSED = "temporarily closed", _("vorübergehend geschlossen")

    class Approval(models.TextChoices):
        """Lotse's own review: a new offer goes live after the district coordinator approves;
        she may return it to the provider with a note instead (offers/approval.py)."""

        PENDING = "pending", _("wartet auf Freigabe")
        RETURNED = "returned", _("zurückgegeben")
        APPROVED = "approved", _("freigegeben")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="offers",
        verbose_name=_("Träger"),
    )
    name = models.CharField(_("Name"), max_length=200)
    description = models.TextField(_("Beschreibung"), blank=True)
    url = models.URLField(_("Website"), blank=True, validators=[validate_web_address])
    email = models.EmailField(_("E-Mail"), blank=True)
    phone = models.CharField(
        _("Telefon"), max_length=40, blank=True, validators=[validate_phone_number]
    )
    status = models.CharField(_("Status"), max_length=20, choices=Status, default=Status.ACTIVE)
    approval = models.CharField(
        _("Freigabe"), max_length=10, choices=Approval, default=Approval.PENDING
    )
    # What the coordinator asks the provider to fix before she approves a new offer.
    approval_note = models.TextField(_("Hinweis der Netzwerkkoordination"), blank=True)
    # Lotse works in months (HSDS: years, 0.5 = 6 months); no maximum = no upper limit.
    age_min_months = models.PositiveSmallIntegerField(_("Alter ab (Monate)"), default=0)
    age_max_months = models.PositiveSmallIntegerField(
        _("Alter bis (Monate)"), null=True, blank=True
    )
    pregnancy_eligible = models.BooleanField(_("für werdende Eltern"), default=False)
    # Derived from the cost options when they are saved: free when none or every amount is 0.
    is_free = models.BooleanField(_("kostenfrei"), default=True)
    fees_description = models.TextField(_("Kosten"), blank=True)
    topics = models.ManyToManyField(Topic, related_name="offers", verbose_name=_("Themen"))
    # The provider's own statement; the funding conditions (e.g. FB-II.2-V1 … V6) are
    # checked on the measure that funds the offer (lotse/funding/fb22.py).
    funding_area_code = models.CharField(_("Förderbereich"), max_length=10, blank=True)
    # The district whose network coordinator approves and looks after the offer: where its
    # first venue lies, else the area it serves, else the provider's seat (placement.py).
    district = models.ForeignKey(
        "regions.District",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="offers",
        verbose_name=_("zuständiger Landkreis"),
    )
    easy_read = models.TextField(_("in Leichter Sprache"), blank=True)
    # The German text (translations.german_text_digest) the easy-read text was written for:
    # once name or description change, parents no longer see it until it is written again.
    easy_read_digest = models.CharField(max_length=64, blank=True)
    verified_at = models.DateTimeField(_("zuletzt geprüft am"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("erinnert am"), null=True, blank=True)
    last_modified = models.DateTimeField(_("zuletzt geändert"), auto_now=True)

    objects = OfferQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        # The parents' search does not read this table (search_table.py). Lists (the HSDS
        # API, the upkeep list of a district) show offers by name a page at a time, without
        # sorting them all.
        indexes = [
            models.Index(fields=["name", "id"], name="offer_by_name"),
            models.Index(fields=["district", "name", "id"], name="offer_district_by_name"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(age_max_months__isnull=True)
                | models.Q(age_max_months__gte=models.F("age_min_months")),
                name="offer_age_range_ordered",
            )
        ]
        verbose_name = _("Angebot")
        verbose_name_plural = _("Angebote")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("offers:offer_detail", kwargs={"offer_id": self.id})

    def language_names(self) -> list[str]:
        """The languages spoken at the offer by name (uses the prefetched `languages`)."""
        return language_names(language.code for language in self.languages.all())


class OfferChange(models.Model):
    """Changes a provider proposes to a live offer. Parents keep seeing the approved
    version until the district's network coordinator takes the proposal over; the steps
    are in lotse/offers/change_review.py, the proposal's shape in lotse/offers/changes.py."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Entwurf")
        SUBMITTED = "submitted", _("wartet auf Freigabe")
        RETURNED = "returned", _("zurückgegeben")
        APPROVED = "approved", _("übernommen")
        WITHDRAWN = "withdrawn", _("zurückgezogen")

    OPEN = (Status.DRAFT, Status.SUBMITTED, Status.RETURNED)

    offer = models.ForeignKey(
        Offer, on_delete=models.CASCADE, related_name="changes", verbose_name=_("Angebot")
    )
    status = models.CharField(_("Stand"), max_length=10, choices=Status, default=Status.DRAFT)
    # The offer's content as the provider wants it (changes.offer_data's shape).
    proposal = models.JSONField(_("vorgeschlagene Fassung"))
    # Counts every new proposal, so a coordinator never takes over one she has not seen.
    revision = models.PositiveIntegerField(default=1)
    return_note = models.TextField(_("Hinweis der Netzwerkkoordination"), blank=True)
    proposed_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["offer"],
                condition=models.Q(status__in=["draft", "submitted", "returned"]),
                name="one_open_change_per_offer",
            )
        ]
        verbose_name = _("Änderung eines Angebots")
        verbose_name_plural = _("Änderungen von Angeboten")

    def __str__(self) -> str:
        return f"{self.offer} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("upkeep:offer_change", kwargs={"offer_id": self.offer_id})

    def is_open(self) -> bool:
        return self.status in self.OPEN


class OfferChangeStep(StepRecord):
    """One step of a proposed change: who moved it from where to where, when, why."""

    change = models.ForeignKey(OfferChange, on_delete=models.CASCADE, related_name="steps")
    from_status = models.CharField(max_length=10, choices=OfferChange.Status)
    to_status = models.CharField(max_length=10, choices=OfferChange.Status)

    class Meta:
        ordering = ["change", "at", "pk"]


class OfferLanguage(models.Model):
    """A language spoken at the offer (ISO 639-1)."""

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="languages")
    code = models.CharField(max_length=3)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["offer", "code"], name="offer_language_once")
        ]
        indexes = [models.Index(fields=["code", "offer"])]

    def __str__(self) -> str:
        return self.code


class CostOption(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="cost_options")
    option = models.CharField(max_length=200, blank=True)
    amount = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    currency = models.CharField(max_length=3, default="EUR")

    def __str__(self) -> str:
        return f"{self.option} {self.amount} {self.currency}".strip()


class Location(models.Model):
    """Where an offer happens: a venue (physical, with coordinates) or online/phone (virtual)."""

    class Kind(models.TextChoices):
        PHYSICAL = "physical", _("vor Ort")
        VIRTUAL = "virtual", _("online / Telefon")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    location_type = models.CharField(max_length=10, choices=Kind)
    name = models.CharField(_("Name"), max_length=200, blank=True)
    url = models.URLField(blank=True, validators=[validate_web_address])
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    address_1 = models.CharField(_("Straße"), max_length=200, blank=True)
    postal_code = models.CharField(_("PLZ"), max_length=10, blank=True)
    city = models.CharField(_("Ort"), max_length=100, blank=True)
    accessibility = models.TextField(_("Barrierefreiheit"), blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["latitude", "longitude"]),
            models.Index(fields=["location_type"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(location_type="physical")
                | models.Q(latitude__isnull=False, longitude__isnull=False),
                name="physical_location_has_coordinates",
            )
        ]

    def __str__(self) -> str:
        return self.name or self.city or str(self.id)


class ServiceAtLocation(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="service_at_locations")
    location = models.ForeignKey(
        Location, on_delete=models.CASCADE, related_name="service_at_locations"
    )

    def __str__(self) -> str:
        return f"{self.offer} @ {self.location}"


class Schedule(models.Model):
    """When an offer meets (HSDS schedule, RFC 5545 rule parts): weekly hours (freq WEEKLY,
    byday MO,TU …), a course with dates (WEEKLY from dtstart, count times or until), a
    monthly meeting (freq MONTHLY, byday 1WE, -1FR …) or a single date (no freq, dtstart).
    valid_from / valid_to bound every kind. The rules are read in lotse.offers.schedules."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="schedules")
    freq = models.CharField(max_length=10, blank=True)
    byday = models.CharField(max_length=30, blank=True)
    opens_at = models.TimeField(null=True, blank=True)
    closes_at = models.TimeField(null=True, blank=True)
    dtstart = models.DateField(null=True, blank=True)
    until = models.DateField(null=True, blank=True)
    count = models.PositiveSmallIntegerField(null=True, blank=True)
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)
    description = models.TextField(blank=True)

    def __str__(self) -> str:
        return self.description or f"{self.freq} {self.byday}".strip()

    def weekdays(self) -> list[str]:
        return [day.strip() for day in self.byday.split(",") if day.strip()]


class ServiceArea(models.Model):
    """The area an outreach offer covers: a district or municipality by AGS, or a polygon."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="service_areas")
    name = models.CharField(max_length=200, blank=True)
    # Set from uri "urn:de:ags:<5 or 8 digits>" for fast matching.
    ags = models.CharField(max_length=8, blank=True, db_index=True)
    extent = models.JSONField(null=True, blank=True)
    # Bounding box of the extent, so only candidate polygons are tested point by point.
    min_lat = models.FloatField(null=True, blank=True, db_index=True)
    max_lat = models.FloatField(null=True, blank=True)
    min_lon = models.FloatField(null=True, blank=True)
    max_lon = models.FloatField(null=True, blank=True)

    def __str__(self) -> str:
        return self.name or self.uri or "GeoJSON"

    @property
    def uri(self) -> str:
        return f"urn:de:ags:{self.ags}" if self.ags else ""


class OfferTranslation(models.Model):
    """The offer's name and description in another language.

    A translation is outdated once the German text changes: `source_digest` remembers which
    German text it translates, and only a current translation is shown to parents.
    """

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(_("Sprache"), max_length=3)
    name = models.CharField(_("Name"), max_length=200)
    description = models.TextField(_("Beschreibung"), blank=True)
    source_digest = models.CharField(max_length=64)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["offer", "language"], name="offer_translation_per_language"
            )
        ]
        verbose_name = _("Übersetzung")
        verbose_name_plural = _("Übersetzungen")

    def __str__(self) -> str:
        return f"{self.name} ({self.language})"

    @property
    def language_name(self) -> str:
        """The translation's language by name, in the page's language."""
        return language_name(self.language)


class UnmetSearch(models.Model):
    """Searches that found nothing nearby, counted per day (anonymous: no IP, no free text).

    Planners see where families look in vain: by postcode or municipality, age band, topic.
    """

    day = models.DateField()
    postcode = models.CharField(max_length=5, blank=True)
    municipality_ags = models.CharField(max_length=8, blank=True)
    district_ags = models.CharField(max_length=5, blank=True, db_index=True)
    age_band = models.CharField(max_length=12, blank=True)
    topic = models.CharField(max_length=40, blank=True)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["day", "postcode", "municipality_ags", "age_band", "topic"],
                name="unmet_search_counted_once_per_day",
            )
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.postcode or self.municipality_ags} {self.age_band} {self.topic}"


class PendingImport(models.Model):
    """An uploaded HSDS file between its preview and its confirmation (all or nothing)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    uploaded_by = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="+")
    file_name = models.CharField(max_length=200)
    records = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.file_name


class SearchPoint(models.Model):
    """The parents' search reads one table: a row per venue, per service area and per
    online presence of an offer, with copies of everything the search filters on.

    Kept by lotse.offers.search_index.refresh() on every write to an offer (actions,
    import, generator); lotse.offers.search_table holds it in memory as numpy columns
    (ADR 0003, ADR 0006).
    """

    class Kind(models.TextChoices):
        VENUE = "venue"
        AREA = "area"
        ONLINE = "online"

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=6, choices=Kind)
    latitude = models.FloatField(null=True)
    longitude = models.FloatField(null=True)
    ags = models.CharField(max_length=8, blank=True)
    service_area = models.ForeignKey(ServiceArea, on_delete=models.CASCADE, null=True)
    min_lat = models.FloatField(null=True)
    max_lat = models.FloatField(null=True)
    min_lon = models.FloatField(null=True)
    max_lon = models.FloatField(null=True)
    # Copies of the offer's fields the search filters and sorts on.
    name = models.CharField(max_length=200)
    listed = models.BooleanField()  # active and approved
    # The offer's verified_at as POSIX seconds: numbers load into memory without parsing.
    verified_seconds = models.FloatField(null=True)
    age_min_months = models.PositiveSmallIntegerField()
    age_max_months = models.PositiveSmallIntegerField(null=True)
    pregnancy_eligible = models.BooleanField()
    is_free = models.BooleanField()
    # Space-separated codes: topics, languages (empty: none listed, i.e. German) and the
    # weekdays of the offer's weekly schedules.
    topics = models.CharField(max_length=400, blank=True)
    languages = models.CharField(max_length=200, blank=True)
    weekdays = models.CharField(max_length=20, blank=True)

    class Meta:
        indexes = [models.Index(fields=["kind", "listed"], name="search_point_kind")]

    def __str__(self) -> str:
        return f"{self.kind} {self.name}"


class SearchItem(models.Model):
    """What GET /api/v1/offers lists of an offer (all but reach and distance), as JSON,
    built by search_index.refresh() beside the offer's SearchPoint rows: a page of results
    is then one small query by primary key instead of four joins and serialising."""

    offer = models.OneToOneField(
        Offer, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    item = models.JSONField()

    def __str__(self) -> str:
        return self.item.get("name", "")


class SearchTableVersion(models.Model):
    """A single row whose token changes with every write to the public directory (SearchPoint
    and translations), so each process knows when its copy of the search table in memory
    and its cached public pages are out of date (search_freshness.py)."""

    token = models.UUIDField(default=uuid.uuid4)

    def __str__(self) -> str:
        return str(self.token)


class SearchChange(models.Model):
    """Which offers each new token of SearchTableVersion was about (search_freshness.new_version),
    so that a process can patch its copy of the search table in memory instead of reading
    it whole (search_freshness.py). Ids follow the order of commits: each is taken while the
    writer holds SearchTableVersion's row. Only the newest KEEP are kept."""

    KEEP = 10_000

    offers = models.JSONField(null=True)  # ids as 32 hex digits; None: too many, reload all
    # False when the API item of every offer named stayed as it was (a confirmation, a
    # translation): then only rows can change what search results show (search_table.shown_rows).
    items_changed = models.BooleanField(default=True)

    def __str__(self) -> str:
        named = "alle" if self.offers is None else len(self.offers)
        return f"{self.pk}: {named} Angebot(e)"


class ContactPoint(models.Model):
    """A district's Frühe-Hilfen contact point (Anlaufstelle, usually the coordination
    office of its network): the person at the end of every search in that district.
    Kept by the district's coordinator; the finder shows it on every result list and offer
    page of the district (contacts.py)."""

    district = models.OneToOneField(
        "regions.District",
        on_delete=models.CASCADE,
        related_name="contact_point",
        verbose_name=_("Landkreis"),
    )
    office = models.CharField(_("Stelle"), max_length=200)
    phone = models.CharField(_("Telefon"), max_length=40, validators=[validate_phone_number])
    email = models.EmailField(_("E-Mail"), validators=[validate_email_address])
    address = models.CharField(_("Anschrift"), max_length=300)
    hours = models.CharField(_("Sprechzeiten"), max_length=200, validators=[validate_opening_hours])
    updated_at = models.DateTimeField(_("zuletzt geändert"), auto_now=True)

    class Meta:
        verbose_name = _("Anlaufstelle Frühe Hilfen")
        verbose_name_plural = _("Anlaufstellen Frühe Hilfen")

    def __str__(self) -> str:
        return f"{self.office} ({self.district})"

    def is_demo(self) -> bool:
        return is_demo_contact(self.phone, self.email)


class Helpline(models.Model):
    """A statewide or national helpline (Elterntelefon, emergency 112 …), kept by the LKS
    with the date its number was last checked. Crisis helplines come first on a crisis
    search and on every offer page of the crisis topic (contacts.py)."""

    name = models.CharField(_("Name"), max_length=200)
    phone = models.CharField(_("Telefon"), max_length=40, validators=[validate_phone_number])
    hours = models.CharField(
        _("Erreichbarkeit"), max_length=200, validators=[validate_opening_hours]
    )
    description = models.TextField(_("Wofür"), blank=True)
    is_free = models.BooleanField(_("kostenfrei"), default=True)
    for_crisis = models.BooleanField(_("in Krise und Notfall zeigen"), default=True)
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)
    last_checked = models.DateField(_("zuletzt geprüft am"))

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("Hilfetelefon")
        verbose_name_plural = _("Hilfetelefone")

    def __str__(self) -> str:
        return self.name


class ListingPeriod(models.Model):
    """Days on which parents could find an offer: active, approved and checked recently.

    The offer row only knows today; these periods keep the past, so a figure for a past
    year counts the offers findable at that year's end (lotse/offers/listing_history.py).
    An offer is findable on a day D when a period has started_on ≤ D, no ended_on or one
    after D, and fresh_until ≥ D (the last check keeps it findable up to that day).
    """

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="listing_periods")
    started_on = models.DateField()
    # The first day it was no longer listed (withdrawn, closed); empty while listed.
    ended_on = models.DateField(null=True, blank=True)
    # The last day its newest check keeps it findable (LOTSE_OFFER_STALE_AFTER).
    fresh_until = models.DateField()

    class Meta:
        ordering = ["offer", "started_on"]
        indexes = [models.Index(fields=["started_on", "fresh_until"], name="listing_by_day")]
        constraints = [
            models.UniqueConstraint(
                fields=["offer"],
                condition=models.Q(ended_on__isnull=True),
                name="one_open_listing_per_offer",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.offer_id}: {self.started_on} – {self.ended_on or ''}"


class OfferApprovalStep(StepRecord):
    """One step of a new offer's approval (offers/approval.py): who approved it, returned it
    with a note or submitted it again, and when."""

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="approval_steps")
    from_status = models.CharField(max_length=10, choices=Offer.Approval)
    to_status = models.CharField(max_length=10, choices=Offer.Approval)

    class Meta:
        ordering = ["offer", "at", "pk"]
