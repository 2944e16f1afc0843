"""The small-number rule (Kleinzahlsperre, k ≥ 5): counts of 1–4 show as "< 5" to everyone
but the LKS. Secondary suppression: when a row would hide a single cell next to a shown
total, the next smallest cell is hidden too, so the hidden one cannot be worked out.
"""

from __future__ import annotations

from lotse.accounts.models import Role

THRESHOLD = 5
HIDDEN = "< 5"


def sees_small_numbers(user) -> bool:
    """Who is shown counts of 1–4 as they are: the LKS only."""
    return user.has_role(Role.STATE_COORDINATOR)


def is_small(count: int) -> bool:
    return 0 < count < THRESHOLD


def suppress_row(counts: dict[str, int], *, show_total: bool = True) -> dict[str, str]:
    """Display values for one row of counts (total under the key "total" if wanted)."""
    shown: dict[str, str] = {key: str(value) for key, value in counts.items()}
    hidden = {key for key, value in counts.items() if is_small(value)}
    total = sum(counts.values())
    if show_total and len(hidden) == 1:
        # One hidden cell and a total: hide the next smallest non-zero cell as well.
        rest = sorted(
            (value, key) for key, value in counts.items() if key not in hidden and value > 0
        )
        if rest:
            hidden.add(rest[0][1])
    for key in hidden:
        shown[key] = HIDDEN
    if show_total:
        shown["total"] = HIDDEN if is_small(total) else str(total)
    return shown


def display(count: int, *, sees_small_numbers: bool) -> str:
    if sees_small_numbers or not is_small(count):
        return str(count)
    return HIDDEN
