"""A network's meetings as an iCalendar feed (its own and its sub-networks').

The feed sits at a secret address that calendar apps fetch without signing in, and calendars
get shared: it carries each meeting's title, time and place only. Agenda, minutes and the
online room's address stay behind the sign-in, on the meeting page the event links to.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.urls import reverse
from django.utils.translation import gettext

from lotse.core.ical import Event, calendar
from lotse.core.links import public_url
from lotse.networks.models import Meeting, Network


def meeting_calendar(network: Network, meetings: Iterable[Meeting]) -> bytes:
    return calendar(
        (
            Event(
                uid=f"meeting-{meeting.pk}@lotse",
                starts=meeting.starts_at,
                ends=meeting.ends_at,
                summary=meeting.title,
                location=meeting.place or (gettext("Online") if meeting.online_url else ""),
                url=public_url(
                    reverse(
                        "networks:meeting",
                        kwargs={
                            "ags": network.district.ags,
                            "network_id": meeting.network_id,
                            "pk": meeting.pk,
                        },
                    )
                ),
            )
            for meeting in meetings
        ),
        name=network.name,
    )
