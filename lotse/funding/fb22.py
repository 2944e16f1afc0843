"""Förderbereich II.2: the six cumulative funding conditions (FB-II.2-V1 … V6) of a measure.

The Landeskonzept binds every measure in FB II.2 to six conditions that must all hold:
aimed at expectant parents and families under strain (V1), mainly children 0–3 (V2),
low-threshold access (V3), parent–child bond and parenting skills first (V4), counselling
and referral when needed (V5), embedded in a network (V6). The network coordinator
confirms each one for the measure with a note (`FundingConditionCheck`); Lotse shows
hints from its data beside each condition (the ages and costs of the offers the measure
funds, their topics, the provider's place in the network), but never confirms by itself.

While a condition is open the measure is on the coordinator's to-do list, its spending
may not go beyond its plan (`actions.save_plan`) and `all_conditions_hold` is False, which
other parts (e.g. accepting a Sachbericht) ask before they go on.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lotse.accounts.models import Role, User
from lotse.concept.models import FundingCondition, StateConceptItem
from lotse.funding.models import FundingConditionCheck, Measure
from lotse.networks.models import Partner

AREA = "II.2"
CORE_AGE_MONTHS = 36  # "Kinder von 0 bis 3 Jahren" (FB-II.2-V2)
COUNSELLING_TOPIC = "beratung"


def applies_to(measure: Measure) -> bool:
    """The conditions bind measures placed in FB II.2 only."""
    return measure.funding_area.code == AREA


def conditions_of(measure: Measure) -> list[StateConceptItem]:
    """FB-II.2-V1 … V6 of the edition the measure was planned under."""
    return list(
        FundingCondition.objects.filter(
            state_concept_id=measure.state_concept_id, funding_area__code=AREA
        ).order_by("position", "code")
    )


def all_conditions_hold(measure: Measure) -> bool:
    """True when the measure needs no FB II.2 check or every condition is confirmed.

    Cumulative: one open or failed condition is enough to say no."""
    if not applies_to(measure):
        return True
    return not open_conditions(measure)


def open_conditions(measure: Measure) -> list[StateConceptItem]:
    """The conditions not (yet) confirmed as holding, in the Landeskonzept's order."""
    if not applies_to(measure):
        return []
    held = set(
        FundingConditionCheck.objects.filter(measure=measure, holds=True).values_list(
            "condition_id", flat=True
        )
    )
    return [item for item in conditions_of(measure) if item.pk not in held]


@dataclass
class Hint:
    """What Lotse's data says about a condition: for it (True), against it (False) or
    nothing certain (None). Shown to the coordinator, never taken as a confirmation."""

    text: str
    speaks_for: bool | None = None


@dataclass
class ConditionRow:
    condition: StateConceptItem
    check: FundingConditionCheck | None
    hints: list[Hint]

    @property
    def holds(self) -> bool:
        return self.check is not None and self.check.holds


def condition_rows(measure: Measure) -> list[ConditionRow]:
    """Every condition with the coordinator's check and the data's hints (five queries)."""
    if not applies_to(measure):
        return []
    checks = {
        check.condition_id: check
        for check in FundingConditionCheck.objects.filter(measure=measure).select_related(
            "checked_by"
        )
    }
    hints = hints_for(measure)
    return [
        ConditionRow(item, checks.get(item.pk), hints.get(item.code.rsplit("-", 1)[-1], []))
        for item in conditions_of(measure)
    ]


def _fits_core_age(offer) -> bool:
    if offer.pregnancy_eligible and offer.age_min_months == 0:
        return True
    return (
        offer.age_min_months < CORE_AGE_MONTHS
        and offer.age_max_months is not None
        and offer.age_max_months <= CORE_AGE_MONTHS
    )


def hints_for(measure: Measure) -> dict[str, list[Hint]]:
    """Hints per condition ("V1" … "V6") from the offers the measure funds and from the
    district's network."""
    offers = list(measure.offers.prefetch_related("topics"))
    total = len(offers)
    found: dict[str, list[Hint]] = defaultdict(list)
    if measure.target_group.strip():
        found["V1"].append(
            Hint(_("Zielgruppe laut Maßnahme: %(text)s") % {"text": measure.target_group.strip()})
        )
    if not offers:
        no_offers = Hint(
            _("Die Maßnahme ist mit keinem Angebot aus dem Verzeichnis verknüpft."), None
        )
        for code in ("V2", "V3"):
            found[code].append(no_offers)
    else:
        pregnancy = sum(1 for o in offers if o.pregnancy_eligible)
        found["V1"].append(
            Hint(
                ngettext(
                    "%(count)s von %(total)s finanzierten Angeboten richtet sich an werdende "
                    "Eltern.",
                    "%(count)s von %(total)s finanzierten Angeboten richten sich an werdende "
                    "Eltern.",
                    pregnancy,
                )
                % {"count": pregnancy, "total": total},
                True if pregnancy else None,
            )
        )
        core = sum(1 for o in offers if _fits_core_age(o))
        found["V2"].append(
            Hint(
                ngettext(
                    "%(count)s von %(total)s finanzierten Angeboten ist für Kinder von 0 bis "
                    "3 Jahren oder die Schwangerschaft.",
                    "%(count)s von %(total)s finanzierten Angeboten sind für Kinder von 0 bis "
                    "3 Jahren oder die Schwangerschaft.",
                    core,
                )
                % {"count": core, "total": total},
                core * 2 > total,
            )
        )
        free = sum(1 for o in offers if o.is_free)
        found["V3"].append(
            Hint(
                ngettext(
                    "%(count)s von %(total)s finanzierten Angeboten ist kostenfrei.",
                    "%(count)s von %(total)s finanzierten Angeboten sind kostenfrei.",
                    free,
                )
                % {"count": free, "total": total},
                free == total,
            )
        )
        topics = sorted({t.label for o in offers for t in o.topics.all()})
        if topics:
            found["V4"].append(
                Hint(_("Themen der Angebote: %(topics)s") % {"topics": ", ".join(topics)})
            )
        if any(t.code == COUNSELLING_TOPIC for o in offers for t in o.topics.all()):
            found["V5"].append(
                Hint(_("Mindestens ein finanziertes Angebot bietet Beratung."), True)
            )
    found["V6"].append(_network_hint(measure))
    return dict(found)


def _network_hint(measure: Measure) -> Hint:
    if not measure.provider_id:
        return Hint(
            _("Der Träger steht nicht im Verzeichnis; seine Netzwerkpartnerschaft ist unbekannt.")
        )
    partner = (
        Partner.objects.active()
        .filter(
            organization_id=measure.provider_id,
            network__district_id=measure.district_id,
            network__parent=None,
        )
        .first()
    )
    if partner is None:
        return Hint(_("Der Träger ist nicht als Partner im Netzwerk Frühe Hilfen erfasst."), False)
    return Hint(
        _("Der Träger ist Partner im Netzwerk Frühe Hilfen (Sektor: %(sector)s).")
        % {"sector": partner.get_sector_display()},
        True,
    )


def open_codes_by_measure(measures: Iterable[Measure]) -> dict[int, list[str]]:
    """For FB II.2 measures with open conditions: the open codes (two queries for any number
    of measures; measures need their funding_area loaded)."""
    bound = [m for m in measures if applies_to(m)]
    if not bound:
        return {}
    editions = {m.state_concept_id for m in bound}
    by_edition: dict[int, list[StateConceptItem]] = defaultdict(list)
    for item in FundingCondition.objects.filter(
        state_concept_id__in=editions, funding_area__code=AREA
    ).order_by("position", "code"):
        by_edition[item.state_concept_id].append(item)
    held = defaultdict(set)
    for measure_id, condition_id in FundingConditionCheck.objects.filter(
        measure__in=bound, holds=True
    ).values_list("measure_id", "condition_id"):
        held[measure_id].add(condition_id)
    result = {}
    for measure in bound:
        missing = [
            item.code
            for item in by_edition[measure.state_concept_id]
            if item.pk not in held[measure.pk]
        ]
        if missing:
            result[measure.pk] = missing
    return result


def with_open_conditions(measures: QuerySet[Measure]) -> QuerySet[Measure]:
    """The FB II.2 measures among `measures` with at least one condition not confirmed."""
    required = (
        FundingCondition.objects.filter(
            state_concept_id=OuterRef("state_concept_id"), funding_area__code=AREA
        )
        .order_by()
        .values("state_concept_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        measures.filter(funding_area__code=AREA)
        .annotate(
            conditions_required=Coalesce(Subquery(required), Value(0)),
            conditions_held=Count("condition_checks", filter=Q(condition_checks__holds=True)),
        )
        .filter(conditions_held__lt=F("conditions_required"))
    )


def measures_waiting_for(user: User) -> QuerySet[Measure]:
    """Running FB II.2 measures of the user's districts (as network coordinator) whose
    conditions are not all confirmed: her to-do list."""
    today = timezone.localdate()
    running = Measure.objects.filter(
        district__in=user.districts(role=Role.NETWORK_COORDINATOR)
    ).filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
    return (
        with_open_conditions(running)
        .select_related("district")
        .defer("district__boundary")
        .order_by("district__ags", "title")
    )
