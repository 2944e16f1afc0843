"""Regions of Mecklenburg-Vorpommern: districts, municipalities, postcodes, places, social areas."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lotse.regions.queries import DistrictQuerySet, PlaceQuerySet, SocialAreaQuerySet


class District(models.Model):
    """One of the 8 districts (Landkreis or kreisfreie Stadt), each with one youth office."""

    class Kind(models.TextChoices):
        COUNTY = "county", _("Landkreis")
        CITY = "city", _("Kreisfreie Stadt")

    ags = models.CharField(_("AGS"), max_length=5, unique=True)
    name = models.CharField(_("Name"), max_length=100)
    kind = models.CharField(_("Art"), max_length=10, choices=Kind)
    latitude = models.FloatField()
    longitude = models.FloatField()
    boundary = models.JSONField(_("Grenze (GeoJSON)"), null=True, blank=True)

    objects = DistrictQuerySet.as_manager()

    class Meta:
        ordering = ["ags"]
        verbose_name = _("Landkreis / kreisfreie Stadt")
        verbose_name_plural = _("Landkreise und kreisfreie Städte")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("workspace:district", kwargs={"ags": self.ags})


class Municipality(models.Model):
    """A Gemeinde with its 8-digit AGS, as of the boundary data's year."""

    ags = models.CharField(_("AGS"), max_length=8, unique=True)
    name = models.CharField(_("Name"), max_length=150)
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="municipalities")
    latitude = models.FloatField()
    longitude = models.FloatField()
    boundary = models.JSONField(_("Grenze (GeoJSON)"), null=True, blank=True)
    merged_note = models.CharField(
        _("Gebietsänderung"),
        max_length=300,
        blank=True,
        help_text=_("Gesetzt, wenn die Gemeinde seit dem Stand der Grenzdaten fusioniert wurde."),
    )

    class Meta:
        ordering = ["name", "ags"]
        verbose_name = _("Gemeinde")
        verbose_name_plural = _("Gemeinden")

    def __str__(self) -> str:
        return self.name

    @property
    def short_name(self) -> str:
        """The name without the official suffix ("Wolgast, Stadt" -> "Wolgast")."""
        return self.name.split(",")[0].strip()


class Postcode(models.Model):
    """A German postcode (PLZ) that reaches into MV, with the MV municipalities it covers."""

    code = models.CharField(_("PLZ"), max_length=5, unique=True)
    latitude = models.FloatField()
    longitude = models.FloatField()
    municipalities = models.ManyToManyField(Municipality, related_name="postcodes")

    class Meta:
        ordering = ["code"]
        verbose_name = _("Postleitzahl")
        verbose_name_plural = _("Postleitzahlen")

    def __str__(self) -> str:
        return self.code


class Place(models.Model):
    """A place name a parent may type: a municipality's short name or an Ortsteil."""

    name = models.CharField(_("Name"), max_length=150)
    search_name = models.CharField(max_length=150, db_index=True)
    latitude = models.FloatField()
    longitude = models.FloatField()
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="places")
    postcode = models.CharField(_("PLZ"), max_length=5, blank=True)

    objects = PlaceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["name", "municipality"], name="one_place_name_per_municipality"
            )
        ]
        verbose_name = _("Ort")
        verbose_name_plural = _("Orte")

    def __str__(self) -> str:
        return self.name


class Statistic(models.Model):
    """One dated figure of a district or a municipality, with its source."""

    class Kind(models.TextChoices):
        POPULATION = "population", _("Einwohner:innen")
        AREA_KM2 = "area_km2", _("Fläche (km²)")
        BIRTHS = "births", _("Lebendgeborene")
        CHILDREN_UNDER_3 = "children_under_3", _("Kinder unter 3 Jahren")
        SGB2_CHILDREN_UNDER_3 = (
            "sgb2_children_under_3",
            _("Kinder unter 3 Jahren in SGB-II-Bedarfsgemeinschaften"),
        )

    district = models.ForeignKey(
        District, on_delete=models.CASCADE, null=True, blank=True, related_name="statistics"
    )
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, null=True, blank=True, related_name="statistics"
    )
    kind = models.CharField(_("Merkmal"), max_length=30, choices=Kind)
    year = models.PositiveSmallIntegerField(_("Jahr"))
    reference_date = models.DateField(_("Stichtag"), null=True, blank=True)
    value = models.DecimalField(_("Wert"), max_digits=14, decimal_places=2)
    source = models.CharField(_("Quelle"), max_length=300)
    is_invented = models.BooleanField(
        _("erfundener Demowert"),
        default=False,
        help_text=_("Demodaten: nicht amtlich, nur zur Vorführung."),
    )

    class Meta:
        ordering = ["kind", "-year"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(district__isnull=False, municipality__isnull=True)
                | models.Q(district__isnull=True, municipality__isnull=False),
                name="statistic_of_district_or_municipality",
            ),
            models.UniqueConstraint(
                fields=["district", "kind", "year"],
                condition=models.Q(municipality__isnull=True),
                name="one_district_figure_per_year",
            ),
            models.UniqueConstraint(
                fields=["municipality", "kind", "year"],
                condition=models.Q(district__isnull=True),
                name="one_municipality_figure_per_year",
            ),
        ]
        verbose_name = _("Statistik")
        verbose_name_plural = _("Statistiken")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.year}: {self.value}"


class SocialArea(models.Model):
    """A Sozialraum: a named set of municipalities of one district, defined by its coordinator."""

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="social_areas")
    name = models.CharField(_("Name"), max_length=150)
    description = models.TextField(_("Beschreibung"), blank=True)
    municipalities = models.ManyToManyField(
        Municipality, related_name="social_areas", verbose_name=_("Gemeinden")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SocialAreaQuerySet.as_manager()

    class Meta:
        ordering = ["district", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["district", "name"], name="social_area_name_unique_in_district"
            )
        ]
        verbose_name = _("Sozialraum")
        verbose_name_plural = _("Sozialräume")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse(
            "social_areas:social_area_detail", kwargs={"ags": self.district.ags, "pk": self.pk}
        )
