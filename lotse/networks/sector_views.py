"""The sectors the LKS sets: the list everyone on the staff side can read, and the LKS's
form to rename, add, reorder and retire one."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lotse.accounts.access import professional_required, require
from lotse.networks import sectors
from lotse.networks.access import can_keep_sectors, can_read_sectors
from lotse.networks.forms import SectorForm
from lotse.networks.models import Sector


@professional_required
def sector_list(request: HttpRequest) -> HttpResponse:
    require(can_read_sectors(request.user))
    counts = sectors.partner_counts()
    rows = [(sector, counts.get(sector.code, 0)) for sector in Sector.objects.all()]
    return render(
        request,
        "networks/sector_list.html",
        {
            "active_rows": [(s, n) for s, n in rows if s.retired_on is None],
            "retired_rows": [(s, n) for s, n in rows if s.retired_on is not None],
            "can_edit": can_keep_sectors(request.user),
        },
    )


@professional_required
def sector_edit(request: HttpRequest, sector_id: int | None = None) -> HttpResponse:
    require(can_keep_sectors(request.user))
    sector = get_object_or_404(Sector, pk=sector_id) if sector_id else Sector()
    if sector_id is None:
        sector.position = sectors.next_position()
    # Its own copy: an invalid form must not change the name the page's heading shows.
    form = SectorForm(
        request.POST or None, instance=Sector.objects.get(pk=sector.pk) if sector.pk else sector
    )
    if request.method == "POST" and form.is_valid():
        saved = sectors.save_sector(
            sector=form.save(commit=False),
            retired=form.cleaned_data["retired"],
            by=request.user,
            today=timezone.localdate(),
        )
        messages.success(request, _("Der Sektor „%(name)s“ ist gespeichert.") % {"name": saved})
        if saved.retired_on is not None and (kept := sectors.partners_keeping(saved)):
            messages.info(
                request,
                ngettext(
                    "%(count)s aktiver Partner behält diesen Sektor; er wird neuen Partnern "
                    "nicht mehr angeboten.",
                    "%(count)s aktive Partner behalten diesen Sektor; er wird neuen Partnern "
                    "nicht mehr angeboten.",
                    kept,
                )
                % {"count": kept},
            )
        return redirect("networks:sector_list")
    return render(
        request,
        "networks/sector_form.html",
        {
            "form": form,
            "sector": sector,
            "kept": sectors.partners_keeping(sector) if sector.pk else 0,
        },
    )
