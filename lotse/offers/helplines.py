"""The statewide and national helplines Lotse starts with: real numbers, free of charge.

The LKS keeps them afterwards (name, number, hours, last checked) on its helpline page;
this list only fills an empty table once (migration 0024_load_helplines).
"""

from __future__ import annotations

import datetime

CHECKED = datetime.date(2026, 12, 7)

HELPLINES = (
    {
        "name": "Notruf: Rettungsdienst und Feuerwehr",
        "phone": "112",
        "hours": "rund um die Uhr",
        "description": "Wenn ein Leben in Gefahr ist, bei schweren Verletzungen oder Vergiftungen.",
    },
    {
        "name": "Ärztlicher Bereitschaftsdienst",
        "phone": "116 117",
        "hours": "rund um die Uhr",
        "description": (
            "Wenn Ihr Kind oder Sie krank sind und die Arztpraxis geschlossen ist "
            "(abends, nachts, am Wochenende)."
        ),
    },
    {
        "name": "Hilfetelefon Schwangere in Not",
        "phone": "0800 40 40 020",
        "hours": "rund um die Uhr",
        "description": "Beratung für Schwangere in Not, anonym und in vielen Sprachen.",
    },
    {
        "name": "Elterntelefon (Nummer gegen Kummer)",
        "phone": "0800 111 0 550",
        "hours": "Mo–Fr 9–17 Uhr, Di und Do bis 19 Uhr",
        "description": "Wenn Sie als Mutter oder Vater nicht weiterwissen, anonym.",
    },
    {
        "name": "Hilfetelefon Gewalt gegen Frauen",
        "phone": "116 016",
        "hours": "rund um die Uhr",
        "description": "Bei Gewalt in der Familie oder Partnerschaft, anonym und in vielen Sprachen.",
    },
)


def load_helplines(helpline_model) -> None:
    """Fill an empty helpline table (takes the historical model in migrations)."""
    if helpline_model.objects.exists():
        return
    helpline_model.objects.bulk_create(
        helpline_model(
            position=position,
            is_free=True,
            for_crisis=True,
            last_checked=CHECKED,
            **values,
        )
        for position, values in enumerate(HELPLINES)
    )
