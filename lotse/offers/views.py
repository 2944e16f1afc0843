"""The parents' finder (/angebote/) and the offer page. No login, no cookies, no JavaScript needed."""

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language

from lotse.core.identifiers import uuid_or_404
from lotse.offers import contacts
from lotse.offers.demand import count_if_unmet
from lotse.offers.forms import DEFAULT_RADIUS_KM, FinderForm
from lotse.offers.maps import finder_map, offer_map
from lotse.offers.models import Offer
from lotse.offers.schedules import (
    COURSE,
    HOURS,
    ONCE,
    has_dates,
    ical,
    in_words,
    kind,
    next_sessions,
)
from lotse.offers.search import offers_for_hits, search
from lotse.offers.translations import (
    current_easy_read,
    current_translation,
    described_only_in_german,
)

PER_PAGE = 20


def finder(request: HttpRequest) -> HttpResponse:
    # Without a place nothing is searched yet: a link may preselect the rest (the home
    # page's link to the crisis topic), without an error for the missing place.
    form = (
        FinderForm(request.GET)
        if "where" in request.GET
        else FinderForm(initial={"topic": request.GET.get("topic", "")})
    )
    crisis = contacts.is_crisis([request.GET.get("topic", "")])
    context = {
        "form": form,
        "searched": False,
        "helplines": contacts.crisis_helplines() if crisis else [],
    }
    if form.is_bound and form.is_valid():
        criteria = form.criteria()
        result = search(criteria)
        page = Paginator(result, PER_PAGE).get_page(request.GET.get("seite"))
        if page.number == 1:
            place = form.cleaned_data["where"]
            # Counted again whenever the cached page is served (lotse/public_cache.py).
            request.unmet_search = count_if_unmet(criteria, result, postcode=place.postcode or "")
        cards = offers_for_hits(list(page.object_list))
        query = request.GET.copy()
        query.pop("seite", None)
        place = form.cleaned_data["where"]
        context.update(
            searched=True,
            place=place,
            summary=_summary(form),
            page=page,
            count=result.count,
            groups=[
                (
                    reach,
                    [
                        (offer, hit, contacts.way_to_reach(offer))
                        for offer, hit in cards
                        if hit.reach == reach
                    ],
                )
                for reach in ("nearby", "area", "online")
            ],
            query=query.urlencode(),
            map_data=finder_map(criteria, cards),
            # A person at the end of every search: the district's contact point (and on a
            # crisis search the helplines first, above).
            contact_point=contacts.contact_point_for_ags(place.district_ags),
        )
    return render(request, "offers/finder.html", context)


def _summary(form: FinderForm) -> list[str]:
    """The search in one line (place, age, topic, radius), shown where the form folds up."""
    data = form.cleaned_data
    parts = [data["where"].name]
    for name in ("age", "topic"):
        if data.get(name):
            parts.append(str(dict(form.fields[name].choices).get(data[name], "")))
    parts.append(f"{data.get('radius') or DEFAULT_RADIUS_KM} km")
    return [part for part in parts if part]


def _public_offer(request: HttpRequest, offer_id: str) -> Offer:
    key = uuid_or_404(offer_id)
    offer = (
        Offer.objects.visible_to(request.user)
        .for_list()
        .prefetch_related("schedules", "service_areas", "cost_options", "translations")
        .filter(pk=key)
        .first()
    )
    if offer is None:
        raise Http404
    return offer


def offer_detail(request: HttpRequest, offer_id: str) -> HttpResponse:
    offer = _public_offer(request, offer_id)
    schedules = list(offer.schedules.all())
    crisis = contacts.is_crisis(topic.code for topic in offer.topics.all())
    return render(
        request,
        "offers/offer_detail.html",
        {
            "offer": offer,
            "translation": current_translation(offer, get_language()),
            "only_german": described_only_in_german(offer, get_language()),
            "easy_read": current_easy_read(offer),
            # Courses and single dates speak through their dates; hours and monthly
            # meetings in words (a monthly one with its next dates as well).
            "weekly": [in_words(s) for s in schedules if kind(s) not in (COURSE, ONCE)],
            "sessions": next_sessions(schedules),
            "has_dates": has_dates(schedules),
            "map_data": offer_map(offer),
            "way": contacts.way_to_reach(offer),
            "contact_point": contacts.contact_point_of(offer.district_id),
            "helplines": contacts.crisis_helplines() if crisis else [],
        },
    )


def offer_calendar(request: HttpRequest, offer_id: str) -> HttpResponse:
    """The offer's dates as an iCalendar file (for the phone's calendar)."""
    offer = _public_offer(request, offer_id)
    schedules = [s for s in offer.schedules.all() if kind(s) != HOURS]
    if not schedules:
        raise Http404
    venue = next(
        (
            sal.location
            for sal in offer.service_at_locations.all()
            if sal.location.location_type == "physical"
        ),
        None,
    )
    place = f"{venue.address_1}, {venue.postal_code} {venue.city}" if venue else ""
    response = HttpResponse(ical(offer, schedules, place=place), content_type="text/calendar")
    response["Content-Disposition"] = 'attachment; filename="termine.ics"'
    return response
