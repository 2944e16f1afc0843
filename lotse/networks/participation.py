"""Parents' topics, aggregated per topic and social area, with the small-number rule."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.utils.translation import gettext as _

from lotse.networks.models import Network, ParentTopic
from lotse.networks.small_numbers import suppress_row


@dataclass(frozen=True)
class TopicTable:
    columns: list[tuple[str, str]]  # (key, label); the last is the total
    rows: list[tuple[str, list[str]]]  # topic label, shown values per column


def topic_table(network: Network, year: int, *, sees_small_numbers: bool) -> TopicTable:
    records = ParentTopic.objects.filter(network=network, month__year=year).values_list(
        "topic", "social_area_id"
    )
    counts = Counter(records)
    areas = list(network.district.social_areas.order_by("name").values_list("pk", "name"))
    if network.social_area_id:
        areas = [(pk, name) for pk, name in areas if pk == network.social_area_id]
    keys = [(str(pk), name) for pk, name in areas] + [("none", _("ganzer Landkreis"))]
    rows = []
    for topic, label in ParentTopic.Topic.choices:
        row = {
            key: counts.get((topic, None if key == "none" else int(key)), 0) for key, _label in keys
        }
        if not any(row.values()):
            continue
        shown = (
            {**{k: str(v) for k, v in row.items()}, "total": str(sum(row.values()))}
            if sees_small_numbers
            else suppress_row(row)
        )
        rows.append((label, [shown[key] for key, _label in keys] + [shown["total"]]))
    return TopicTable(columns=keys + [("total", _("zusammen"))], rows=rows)
