"""Partner and meeting lists as CSV (German spreadsheets: BOM, semicolons) and Excel."""

from __future__ import annotations

from django.db.models import Count
from django.http import HttpResponse
from django.utils import timezone

from lotse.core.spreadsheets import download
from lotse.networks.models import Network


def partner_rows(network: Network):
    yield [
        "Organisation",
        "Sektor",
        "Ansprechperson",
        "E-Mail",
        "Telefon",
        "Partner seit",
        "Kooperationsvereinbarung vom",
        "ausgeschieden am",
    ]
    partners = network.partners.select_related("organization").with_sector_name()
    for partner in partners.order_by("organization__name"):
        yield [
            partner.organization.name,
            partner.get_sector_display(),
            partner.contact_name,
            partner.contact_email,
            partner.contact_phone,
            partner.since.strftime("%d.%m.%Y") if partner.since else "",
            partner.agreement_signed_on.strftime("%d.%m.%Y") if partner.agreement_signed_on else "",
            partner.left_on.strftime("%d.%m.%Y") if partner.left_on else "",
        ]


def meeting_rows(network: Network):
    yield ["Datum", "Beginn", "Ende", "Art", "Titel", "Ort", "eingeladen", "teilgenommen"]
    meetings = network.meetings.annotate(
        invitations=Count("invited", distinct=True), attendance=Count("attended", distinct=True)
    ).order_by("starts_at")
    for meeting in meetings:
        starts, ends = timezone.localtime(meeting.starts_at), timezone.localtime(meeting.ends_at)
        yield [
            starts.strftime("%d.%m.%Y"),
            starts.strftime("%H:%M"),
            ends.strftime("%H:%M"),
            meeting.get_kind_display(),
            meeting.title,
            meeting.place or meeting.online_url,
            meeting.invitations,
            meeting.attendance,
        ]


TABLES = {"partner": ("Netzwerkpartner", partner_rows), "treffen": ("Treffen", meeting_rows)}


def response(network: Network, what: str, file_format: str) -> HttpResponse:
    title, rows = TABLES[what]
    return download(
        rows(network),
        title=title,
        name=f"{title.lower()}-{network.district.ags}",
        file_format=file_format,
    )
