"""Monitoring pages: indicators with map, table, trend and targets; a district's
indicators; reach analysis (white spots); statistics import; the state report."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.db.models import Count, Max
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from lotse.accounts.access import get_district_for_user, professional_required, require
from lotse.core.numbers import german_decimal, requested_year
from lotse.core.spreadsheets import download, wants_machine_csv
from lotse.monitoring import actions, maps, reach, report
from lotse.monitoring.access import can_manage_monitoring, can_see_monitoring
from lotse.monitoring.demand import unmet_demand
from lotse.monitoring.forms import StatisticsImportForm
from lotse.monitoring.formulas import PAST_YEARS_NOTES
from lotse.monitoring.models import Indicator, Target
from lotse.monitoring.queries import format_value, series
from lotse.networks.small_numbers import sees_small_numbers
from lotse.offers.models import Topic
from lotse.regions.models import District, Municipality, Statistic
from lotse.regions.statistics_import import decode, import_statistics


@professional_required
def catalogue(request: HttpRequest) -> HttpResponse:
    require(can_see_monitoring(request.user))
    indicators = Indicator.objects.prefetch_related("measures")
    state_wide = request.user.is_state_wide()
    return render(
        request,
        "monitoring/catalogue.html",
        {
            "indicators": indicators,
            "state_wide": state_wide,
            # A district's own report (?landkreis=); the state's is for the state-wide roles.
            "own_districts": [] if state_wide else District.objects.visible_to(request.user),
        },
    )


@professional_required
def indicator(request: HttpRequest, code: str) -> HttpResponse:
    require(can_see_monitoring(request.user))
    shown = get_object_or_404(Indicator.objects.prefetch_related("measures"), code=code)
    data = series(shown)
    year = data.years[-1]
    sees_small = sees_small_numbers(request.user)
    districts = District.objects.order_by("ags")
    shown_values = {d.ags: data.values.get((d.pk, year)) for d in data.districts}
    labels = {d.ags: data.shown(d.pk, year, sees_small_numbers=sees_small) for d in data.districts}
    rows = [
        (
            district,
            [data.shown(district.pk, y, sees_small_numbers=sees_small) for y in data.years],
            data.targets.get((district.pk, year)),
            data.trend(district.pk),
        )
        for district in data.districts
    ]
    return render(
        request,
        "monitoring/indicator.html",
        {
            "indicator": shown,
            "series": data,
            "year": year,
            "map": maps.choropleth(districts, shown_values, labels),
            "rows": rows,
            "state": [data.shown(None, y, sees_small_numbers=sees_small) for y in data.years],
            "state_target": data.targets.get((None, year)),
            "state_trend": data.trend(None),
            "can_manage_monitoring": can_manage_monitoring(request.user),
            "sees_small_numbers": sees_small,
            "past_years_note": PAST_YEARS_NOTES.get(shown.formula, ""),
        },
    )


@professional_required
def district_indicators(request: HttpRequest, ags: str) -> HttpResponse:
    district = get_district_for_user(request.user, ags)
    require(can_see_monitoring(request.user))
    sees_small = sees_small_numbers(request.user)
    rows = []
    for item in Indicator.objects.all():
        data = series(item)
        year = data.years[-1]
        rows.append(
            (
                item,
                data.shown(district.pk, year, sees_small_numbers=sees_small),
                data.shown(None, year, sees_small_numbers=sees_small),
                data.targets.get((district.pk, year)),
                data.trend(district.pk),
            )
        )
    return render(request, "monitoring/district.html", {"district": district, "rows": rows})


DISTANCE_CLASSES = (5, 10, 20, 30)
MUNICIPAL_DETAIL = 3.0  # map units (~2 km): 753 municipalities stay a light page
AGE_BANDS = {
    "pregnant": _lazy("Schwangerschaft"),
    "0-11": _lazy("0–11 Monate"),
    "12-23": _lazy("12–23 Monate"),
    "24-35": _lazy("24–35 Monate"),
    "36+": _lazy("ab 36 Monate"),
    "": _lazy("ohne Angabe"),
}


def _topic(request: HttpRequest) -> Topic | None:
    code = request.GET.get("thema", "")
    return Topic.objects.filter(code=code).first() if code else None


@professional_required
def reach_analysis(request: HttpRequest) -> HttpResponse:
    require(can_see_monitoring(request.user))
    topic = _topic(request)
    places = reach.analyse(topic.code if topic else None)
    municipalities = Municipality.objects.only("ags", "name", "boundary")
    values = {
        p.ags: Decimal(str(round(p.distance_km, 1))) if p.distance_km is not None else None
        for p in places
    }
    labels = {
        p.ags: (
            f"{format_value(values[p.ags])} km"
            if values[p.ags] is not None
            else _("kein Angebot im Umkreis von 150 km")
        )
        for p in places
    }
    reached = {km: reach.share_within(places, km) for km in DISTANCE_CLASSES}
    sees_small = sees_small_numbers(request.user)
    demand = unmet_demand(timezone.localdate(), sees_small_numbers=sees_small)
    topic_labels = dict(Topic.objects.values_list("code", "label"))
    return render(
        request,
        "monitoring/reach.html",
        {
            "topic": topic,
            "topics": Topic.objects.all(),
            "map": maps.choropleth(municipalities, values, labels, detail=MUNICIPAL_DETAIL),
            "spots": reach.white_spots(places, limit=30),
            "reached": [
                (km, (a / b * 100).quantize(Decimal("0.1")) if b else None)
                for km, (a, b) in reached.items()
            ],
            "estimated": any(p.estimated for p in places),
            "online": reach.online_total(topic.code if topic else None),
            "demand_map": maps.choropleth(
                municipalities,
                {ags: Decimal(n) for ags, n in demand.by_municipality.items()},
                {ags: str(n) for ags, n in demand.by_municipality.items()},
                detail=MUNICIPAL_DETAIL,
            ),
            "demand_cells": [
                (topic_labels.get(t, _("alle Themen")), AGE_BANDS.get(b, b), n)
                for t, b, n in demand.by_topic_and_age
            ],
            "suppressed": demand.suppressed,
            "sees_small_numbers": sees_small,
        },
    )


@professional_required
def reach_export(request: HttpRequest) -> HttpResponse:
    require(can_see_monitoring(request.user))
    topic = _topic(request)
    places = reach.analyse(topic.code if topic else None)
    districts = dict(District.objects.values_list("pk", "name"))
    rows = [
        [
            _("AGS"),
            _("Gemeinde"),
            _("Landkreis"),
            _("Entfernung zum nächsten Angebot (km)"),
            _("Entfernung zum nächsten Angebot vor Ort (km)"),
            _("Kinder unter 3"),
            _("geschätzt"),
            _("Online-/Telefonangebote für den Landkreis (nicht mitgezählt)"),
        ]
    ]
    rows += [
        [
            p.ags,
            p.name,
            districts[p.district_id],
            round(p.distance_km, 1) if p.distance_km is not None else "",
            round(p.venue_km, 1) if p.venue_km is not None else "",
            round(p.children, 1),
            _("ja") if p.estimated else _("nein"),
            p.online_offers,
        ]
        # Farthest first; nothing within reach at all comes before every distance.
        for p in sorted(places, key=lambda p: (p.distance_km is not None, -(p.distance_km or 0)))
    ]
    return download(
        rows,
        title=_("Erreichbarkeit"),
        name=f"erreichbarkeit-{topic.code if topic else 'alle'}",
        file_format="csv",
        machine=wants_machine_csv(request),
    )


@professional_required
def statistics(request: HttpRequest) -> HttpResponse:
    require(request.user.is_state_wide())
    form = StatisticsImportForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST":
        require(can_manage_monitoring(request.user))
        if form.is_valid():
            result = import_statistics(
                decode(form.cleaned_data["file"].read()),
                kind=form.cleaned_data["kind"],
                source=form.cleaned_data["source"],
            )
            problems = result.errors
            if not problems:
                messages.success(
                    request, _("%(count)s Werte gespeichert.") % {"count": len(result.figures)}
                )
                return redirect("monitoring:statistics")
    present = (
        Statistic.objects.values("kind", "year", "source", "is_invented")
        .annotate(districts=Count("district"), municipalities=Count("municipality"), last=Max("id"))
        .order_by("kind", "-year")
    )
    kinds = dict(Statistic.Kind.choices)
    return render(
        request,
        "monitoring/statistics.html",
        {
            "form": form,
            "problems": problems,
            "present": [dict(row, label=kinds.get(row["kind"], row["kind"])) for row in present],
            "can_import": can_manage_monitoring(request.user),
        },
    )


@professional_required
def state_report(request: HttpRequest, file_format: str) -> HttpResponse:
    """Selected indicators for all districts, module statuses; PDF, XLSX or CSV.
    ?landkreis=<ags> gives the same for one district (for its committees)."""
    require(can_see_monitoring(request.user))
    if file_format not in ("pdf", "xlsx", "csv"):
        raise Http404
    district = None
    if request.GET.get("landkreis"):
        district = get_district_for_user(request.user, request.GET["landkreis"])
    elif not request.user.is_state_wide():
        raise Http404
    return report.response(
        file_format,
        district=district,
        today=timezone.localdate(),
        years=_period(request),
        machine=wants_machine_csv(request),
        sees_small_numbers=sees_small_numbers(request.user),
    )


def _period(request: HttpRequest) -> tuple[int, int] | None:
    """?von=2023&bis=2025: the years a report covers (both optional, sensible bounds)."""
    try:
        first = int(request.GET.get("von") or 2018)
        last = int(request.GET.get("bis") or 2100)
    except ValueError:
        return None
    if first > last:
        first, last = last, first
    return (max(first, 2018), min(last, 2100))


@professional_required
def targets(request: HttpRequest, code: str) -> HttpResponse:
    """The LKS sets an indicator's targets for a year: per district and for the state."""
    require(can_manage_monitoring(request.user))
    shown = get_object_or_404(Indicator, code=code)
    year = requested_year(request.GET.get("jahr") or request.POST.get("jahr"), earliest=2018)
    districts = list(District.objects.without_boundaries().order_by("ags"))
    places = [(None, _("Mecklenburg-Vorpommern")), *[(d, d.name) for d in districts]]
    existing = {t.district_id: t.value for t in Target.objects.filter(indicator=shown, year=year)}
    problems = []
    if request.method == "POST":
        values = {}
        for district, name in places:
            raw = (request.POST.get(f"ziel-{district.pk if district else 'mv'}") or "").strip()
            if not raw:
                values[district] = None
                continue
            try:
                values[district] = german_decimal(raw)
            except InvalidOperation:
                problems.append(
                    _("%(place)s: „%(value)s“ ist keine Zahl.") % {"place": name, "value": raw}
                )
        if not problems:
            actions.save_targets(shown, year, values, by=request.user)
            messages.success(request, _("Ziele %(year)s gespeichert.") % {"year": year})
            return redirect(shown)
    return render(
        request,
        "monitoring/targets.html",
        {
            "indicator": shown,
            "year": year,
            "rows": [
                (
                    f"ziel-{d.pk if d else 'mv'}",
                    name,
                    request.POST.get(f"ziel-{d.pk if d else 'mv'}")
                    if request.method == "POST"
                    else existing.get(d.pk if d else None),
                )
                for d, name in places
            ],
            "problems": problems,
        },
    )
