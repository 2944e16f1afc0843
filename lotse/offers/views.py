"""The parents' finder (/angebote/) and the offer page. No login, no cookies, no JavaScript needed."""

import uuid

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from lotse.offers.forms import FinderForm
from lotse.offers.models import Offer
from lotse.offers.search import offers_for_hits, search

PER_PAGE = 20


def finder(request: HttpRequest) -> HttpResponse:
    form = FinderForm(request.GET or None)
    context = {"form": form, "searched": False}
    if form.is_bound and form.is_valid():
        result = search(form.criteria())
        page = Paginator(result, PER_PAGE).get_page(request.GET.get("seite"))
        cards = offers_for_hits(list(page.object_list))
        query = request.GET.copy()
        query.pop("seite", None)
        context.update(
            searched=True,
            place=form.cleaned_data["where"],
            page=page,
            count=result.count,
            groups=[
                (reach, [(offer, hit) for offer, hit in cards if hit.reach == reach])
                for reach in ("nearby", "area", "online")
            ],
            query=query.urlencode(),
        )
    return render(request, "offers/finder.html", context)


def offer_detail(request: HttpRequest, offer_id: str) -> HttpResponse:
    try:
        key = uuid.UUID(offer_id)
    except ValueError:
        raise Http404 from None
    offer = (
        Offer.objects.visible_to(request.user)
        .for_list()
        .prefetch_related("schedules", "service_areas", "cost_options")
        .filter(pk=key)
        .first()
    )
    if offer is None:
        raise Http404
    return render(request, "offers/offer_detail.html", {"offer": offer})
