"""A network's meetings as an iCalendar feed (its own and its sub-networks')."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.urls import reverse

from lotse.ical import Event, calendar
from lotse.networks.models import Meeting, Network


def meeting_calendar(network: Network, meetings: Iterable[Meeting]) -> str:
    base = settings.LOTSE_BASE_URL.rstrip("/")
    return calendar(
        (
            Event(
                uid=f"meeting-{meeting.pk}@lotse",
                starts=meeting.starts_at,
                ends=meeting.ends_at,
                summary=meeting.title,
                description=meeting.agenda,
                location=meeting.place or meeting.online_url,
                url=base
                + reverse(
                    "networks:meeting",
                    kwargs={
                        "ags": network.district.ags,
                        "network_id": meeting.network_id,
                        "pk": meeting.pk,
                    },
                ),
            )
            for meeting in meetings
        ),
        name=network.name,
    )
