"""Fill Lotse with demo data (idempotent): accounts, social areas, organisations, statistics."""

import datetime
from decimal import ROUND_FLOOR, Decimal

from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from lotse.accounts.models import Membership, Role, User
from lotse.demo.accountability import seed_accountability
from lotse.demo.accounts import (
    COORDINATOR_NAMES,
    DEMO_PASSWORD,
    DISTRICT_AGS,
    PROVIDERS,
    SOCIAL_AREAS,
)
from lotse.demo.documents import seed_documents
from lotse.demo.funding import seed_funding
from lotse.demo.grants import seed_grants
from lotse.demo.history import give_the_directory_a_past
from lotse.demo.networks import seed_networks
from lotse.demo.nzfh import seed_nzfh_report
from lotse.demo.offer_changes import seed_offer_changes, seed_returned_offer
from lotse.demo.offers import (
    seed_contact_points,
    seed_provider_offers,
    turn_courses_into_dated_courses,
)
from lotse.demo.reach import narrow_the_outreach
from lotse.demo.statewide import seed_statewide
from lotse.monitoring.models import Value as IndicatorValue
from lotse.monitoring.queries import record as record_indicators
from lotse.networks import social_area_actions as region_actions
from lotse.offers.generate import generate_directory
from lotse.offers.models import Offer
from lotse.organizations.models import Organization
from lotse.regions.geo import distance_km
from lotse.regions.models import District, Municipality, SocialArea, Statistic
from lotse.regions.queries import lookup_place

# State totals of 2021 from the Landeskonzept (chapter 7); the per-district split is
# invented (population share) because no per-district figures are published with it
# (docs/domain.md §2).
STATE_TOTALS_2021 = {
    Statistic.Kind.BIRTHS: 11845,
    Statistic.Kind.CHILDREN_UNDER_3: 37408,
    Statistic.Kind.SGB2_CHILDREN_UNDER_3: 5319,
}
INVENTED_SOURCE = (
    "Demowert: Landeswert 2021 aus dem Landeskonzept (Kap. 7), nach Einwohneranteil auf die "
    "Landkreise verteilt – nicht amtlich"
)
SOCIAL_AREA_RADIUS_KM = 15
DEMO_OFFERS = 400


def split_by_share(total: int, weights: dict[int, Decimal]) -> dict[int, Decimal]:
    """Whole numbers proportional to the weights that add up to `total` exactly.

    Rounding every share on its own can miss the total by one or two (11,844 births
    instead of 11,845); the units left over after rounding down go to the largest
    remainders (Hamilton's method), ties to the smaller key so the split is deterministic.
    """
    weight_sum = sum(weights.values())
    exact = {key: Decimal(total) * weight / weight_sum for key, weight in weights.items()}
    shares = {
        key: value.quantize(Decimal("1"), rounding=ROUND_FLOOR) for key, value in exact.items()
    }
    left_over = total - int(sum(shares.values()))
    for key in sorted(exact, key=lambda k: (shares[k] - exact[k], k))[:left_over]:
        shares[key] += 1
    return shares


class Command(BaseCommand):
    help = "Legt Demodaten an (mehrfach ausführbar, ändert Vorhandenes nicht)."

    def handle(self, *args, **options) -> None:
        # The demo's workflow steps would otherwise mail every coordinator on the console.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            self.seed()
        self.stdout.write(
            self.style.SUCCESS("Demodaten sind da. Passwort aller Demo-Zugänge: " + DEMO_PASSWORD)
        )

    @transaction.atomic
    def seed(self) -> None:
        districts = {d.ags: d for d in District.objects.all()}
        lks = self.user("lks@lotse.example", "Landeskoordinierungsstelle (Demo)")
        self.member(lks, Role.STATE_COORDINATOR)
        ministry = self.user("ministerium@lotse.example", "Ministerium (Demo)")
        self.member(ministry, Role.MINISTRY)
        grant_office = self.user("landesamt@lotse.example", "Landesamt – Zuwendungen (Demo)")
        self.member(grant_office, Role.GRANT_OFFICE)

        coordinators = {}
        for ags in DISTRICT_AGS:
            district = districts[ags]
            coordinator = self.user(f"netzwerk-{ags}@lotse.example", COORDINATOR_NAMES[ags])
            self.member(coordinator, Role.NETWORK_COORDINATOR, district=district)
            coordinators[ags] = coordinator
            area = self.social_area(district, coordinator)
            area_user = self.user(
                f"sozialraum-{ags}-1@lotse.example", f"Sozialraumkoordination {area.name}"
            )
            region_actions.assign_area_coordinator(area=area, email=area_user.email, by=coordinator)

        for email, name, ags, _town in PROVIDERS:
            organization, _ = Organization.objects.get_or_create(
                name=name, defaults={"district": districts[ags]}
            )
            editor = self.user(email, f"Redaktion {name}")
            self.member(editor, Role.PROVIDER_EDITOR, organization=organization)

        self.invented_statistics(districts)
        if not Offer.objects.exists():
            # Generated, so every topic and district is present; 3 % are stale on purpose.
            generate_directory(DEMO_OFFERS, seed=2026, stale_share=0.03)
            narrow_the_outreach()
            give_the_directory_a_past(timezone.localdate())
            turn_courses_into_dated_courses()
        seed_provider_offers()
        seed_offer_changes()
        seed_returned_offer()
        seed_contact_points(coordinators)
        seed_networks({ags: town for ags, (_name, town) in SOCIAL_AREAS.items()})
        seed_statewide(this_year=timezone.localdate().year)
        seed_documents(lks=lks, coordinators=coordinators)
        seed_funding(lks=lks, coordinators=coordinators, this_year=timezone.localdate().year)
        seed_grants(
            lks=lks,
            office=grant_office,
            coordinators=coordinators,
            this_year=timezone.localdate().year,
        )
        seed_accountability(lks=lks, coordinators=coordinators, this_year=timezone.localdate().year)
        seed_nzfh_report(lks=lks, this_year=timezone.localdate().year)
        # Three years of indicator history for the trend (offers by the listing history,
        # network, money and topics per year).
        this_year = timezone.localdate().year
        if not IndicatorValue.objects.exists():
            for year in range(this_year - 3, this_year):
                record_indicators(year)

    def user(self, email: str, full_name: str) -> User:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(
                email=email, password=DEMO_PASSWORD, full_name=full_name
            )
        return user

    def member(self, user: User, role: str, **scope) -> None:
        Membership.objects.get_or_create(user=user, role=role, **scope)

    def social_area(self, district: District, coordinator: User) -> SocialArea:
        name, town = SOCIAL_AREAS[district.ags]
        existing = SocialArea.objects.filter(district=district, name=name).first()
        if existing:
            return existing
        centre = next(m for m in lookup_place(town) if m.district_ags == district.ags)
        members = [
            m
            for m in Municipality.objects.filter(district=district)
            if distance_km(centre.latitude, centre.longitude, m.latitude, m.longitude)
            <= SOCIAL_AREA_RADIUS_KM
        ]
        # Through the action, so the demo's audit log shows who defined the area.
        return region_actions.create_social_area(
            district=district,
            name=name,
            description=f"Demo-Sozialraum rund um {town}.",
            municipalities=members,
            by=coordinator,
        )

    def complete_population_year(self, districts: dict[str, District]) -> None:
        """An allocation reads one statistics year for all districts. The reference data has
        the population of the oldest year for most districts and a newer one for a few; the
        demo gives those few an invented figure for the oldest year (their newer figure)."""
        figures = Statistic.objects.filter(kind=Statistic.Kind.POPULATION, district__isnull=False)
        oldest = min(figures.values_list("year", flat=True), default=None)
        if oldest is None:
            return
        present = set(figures.filter(year=oldest).values_list("district_id", flat=True))
        for district in districts.values():
            if district.pk in present:
                continue
            newest = figures.filter(district=district).order_by("-year").first()
            if newest is None:
                continue
            Statistic.objects.create(
                district=district,
                kind=Statistic.Kind.POPULATION,
                year=oldest,
                value=newest.value,
                reference_date=datetime.date(oldest, 12, 31),
                source=(
                    f"Demowert: Einwohnerzahl {newest.year} für {oldest} übernommen – nicht amtlich"
                ),
                is_invented=True,
            )

    def invented_statistics(self, districts: dict[str, District]) -> None:
        population: dict[int, Decimal] = {}
        for figure in Statistic.objects.filter(kind=Statistic.Kind.POPULATION).order_by("-year"):
            population.setdefault(figure.district_id, figure.value)  # the newest year
        self.complete_population_year(districts)
        for kind, state_total in STATE_TOTALS_2021.items():
            shares = split_by_share(
                state_total, {d.pk: population[d.pk] for d in districts.values()}
            )
            for district in districts.values():
                Statistic.objects.get_or_create(
                    district=district,
                    kind=kind,
                    year=2021,
                    defaults={
                        "value": shares[district.pk],
                        "reference_date": datetime.date(2021, 12, 31),
                        "source": INVENTED_SOURCE,
                        "is_invented": True,
                    },
                )
