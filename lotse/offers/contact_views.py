"""Staff pages of the people at the end of a search (/angebotspflege/anlaufstellen/,
/angebotspflege/hilfetelefone/): a coordinator keeps her district's contact point, the
LKS every district's and the statewide helplines. The rules are in contacts.py."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lotse.accounts.access import get_district_for_user, professional_required, require
from lotse.offers import access, contacts
from lotse.offers.contact_forms import ContactPointForm, HelplineForm
from lotse.offers.models import ContactPoint, Helpline


@professional_required
def contact_points(request: HttpRequest) -> HttpResponse:
    """The contact points the user keeps, with the helplines for the LKS."""
    districts = list(access.contact_point_districts(request.user).order_by("name"))
    require(bool(districts))
    kept = {
        point.district_id: point
        for point in ContactPoint.objects.filter(district__in=[d.pk for d in districts])
    }
    return render(
        request,
        "offers/upkeep/contact_points.html",
        {
            "rows": [(district, kept.get(district.pk)) for district in districts],
            "can_keep_helplines": access.can_keep_helplines(request.user),
        },
    )


@professional_required
def contact_point_edit(request: HttpRequest, ags: str) -> HttpResponse:
    district = get_district_for_user(request.user, ags)
    require(access.can_keep_contact_point(request.user, district))
    point = ContactPoint.objects.filter(district=district).first()
    form = ContactPointForm(request.POST or None, instance=point)
    if request.method == "POST" and form.is_valid():
        try:
            contacts.save_contact_point(
                district=district, values=form.cleaned_data, by=request.user
            )
        except ValidationError as refusal:
            form.add_error(None, refusal)
        else:
            messages.success(
                request, _("Gespeichert. Eltern sehen die Anlaufstelle jetzt in der Suche.")
            )
            return redirect("upkeep:contact_points")
    return render(
        request, "offers/upkeep/contact_point_form.html", {"form": form, "district": district}
    )


@professional_required
def helplines(request: HttpRequest) -> HttpResponse:
    require(access.can_keep_helplines(request.user))
    return render(request, "offers/upkeep/helplines.html", {"helplines": contacts.helplines()})


@professional_required
def helpline_edit(request: HttpRequest, helpline_id: int | None = None) -> HttpResponse:
    require(access.can_keep_helplines(request.user))
    helpline = None if helpline_id is None else get_object_or_404(Helpline, pk=helpline_id)
    form = HelplineForm(request.POST or None, instance=helpline)
    if request.method == "POST" and form.is_valid():
        try:
            contacts.save_helpline(helpline=helpline, values=form.cleaned_data, by=request.user)
        except ValidationError as refusal:
            form.add_error(None, refusal)
        else:
            messages.success(request, _("Gespeichert."))
            return redirect("upkeep:helplines")
    return render(request, "offers/upkeep/helpline_form.html", {"form": form, "helpline": helpline})


@require_POST
@professional_required
def helpline_delete(request: HttpRequest, helpline_id: int) -> HttpResponse:
    require(access.can_keep_helplines(request.user))
    helpline = get_object_or_404(Helpline, pk=helpline_id)
    contacts.delete_helpline(helpline=helpline, by=request.user)
    messages.success(request, _("Das Hilfetelefon wurde entfernt."))
    return redirect("upkeep:helplines")
