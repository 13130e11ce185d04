"""Small-cell protection for every breakdown of participants (pure: standard library only).

One rule, used by the inclusion view, the scenario group mode and anything else that shows how
many people fell in each category (docs/inclusion.md, "Privacy rules"):

1. **Units.** Counts are protected per *unit*: a fixed group of people that never changes once it
   is shown (one finished session of a workshop, one group-mode session). A table for several
   units is only ever the sum of the units' *protected* tables (`combine`): a category is shown
   for the sum only when it is shown in every unit, and a unit whose dimension is hidden as a
   whole is left out. So everything any filter can show is a function of the protected unit
   tables, and comparing filters (S1 with S1+S2, all sessions with all but one) cannot reveal
   more than the unit tables themselves.
2. **Cells.** In one unit (`protect`): a count of 1 to MIN_CELL-1 is hidden. If anything is
   hidden, the zeros are hidden too, so «skjult» may always be 0 and «0» next to «skjult» says
   nothing. Then the smallest shown counts are hidden as well (complementary suppression) until
   at least two cells are hidden and they hold at least MIN_CELL people. With the total shown, an
   onlooker learns only that the hidden cells share that many people, each between 0 and all of
   them. Fewer than MIN_CELL in the whole unit: nothing is shown.
3. **Time.** A unit is only shown once it is fixed (the caller's duty: the inclusion view shows a
   session's breakdown once the session has ended), so watching the page before and after one
   more participant shows no change at all.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

MIN_CELL = 5
MIN_HIDDEN = 3  # with two, one of them could not be 0: the other would not be small


@dataclass(frozen=True)
class Protected:
    """One unit's counts in one dimension after protection; `None` marks a hidden count."""

    counts: dict[str, int | None]
    total: int | None  # None: fewer than MIN_CELL in the unit, nothing is shown

    @property
    def hidden_total(self) -> int:
        """Return how many people the hidden cells hold between them (0 when none is hidden)."""
        if self.total is None:
            return 0
        return self.total - sum(v for v in self.counts.values() if v is not None)


def protect(counts: Mapping[str, int], *, min_cell: int = MIN_CELL) -> Protected:
    """Hide small counts, the zeros beside them and complements, as in the module's rule 2."""
    total = sum(counts.values())
    if total < min_cell:
        return Protected({key: None for key in counts}, None)
    hidden = {key for key, n in counts.items() if 0 < n < min_cell}
    if hidden and len(counts) < MIN_HIDDEN:  # yes/no: one hidden cell would say "at least one"
        return Protected({key: None for key in counts}, None)
    if hidden:
        hidden |= {key for key, n in counts.items() if n == 0}
        shown = sorted((n, key) for key, n in counts.items() if key not in hidden)
        while shown and (len(hidden) < MIN_HIDDEN or sum(counts[k] for k in hidden) < min_cell):
            hidden.add(shown.pop(0)[1])
    return Protected({key: (None if key in hidden else n) for key, n in counts.items()}, total)


def protect_each(counts: Mapping[str, int], *, min_cell: int = MIN_CELL) -> dict[str, int | None]:
    """Hide every count under `min_cell`, zeros too, when the counts do not add up to a shown total.

    For categories a person may choose several of (paths in the scenario group mode): no total
    ties them together, so no complement is needed, but «0» must look like «skjult».
    """
    return {key: (n if n >= min_cell else None) for key, n in counts.items()}


def combine(units: Sequence[Protected]) -> Protected:
    """Add up protected unit tables: a count is shown only when shown in every unit that counts.

    Units whose dimension is hidden as a whole (`total is None`) are left out, so their few
    people cannot be found as the difference between two sums.
    """
    counted = [unit for unit in units if unit.total is not None]
    keys = list(dict.fromkeys(key for unit in units for key in unit.counts))
    if not counted:
        return Protected({key: None for key in keys}, None)
    combined: dict[str, int | None] = {}
    for key in keys:
        values = [unit.counts.get(key, 0) for unit in counted]
        combined[key] = None if any(v is None for v in values) else sum(v or 0 for v in values)
    return Protected(combined, sum(unit.total or 0 for unit in counted))


def most_in_hidden(units: Sequence[Protected], key: str) -> int:
    """Return the largest count a hidden category could hold, given everything shown."""
    most = 0
    for unit in units:
        if unit.total is None:
            continue
        value = unit.counts.get(key, 0)
        most += unit.hidden_total if value is None else value
    return most
