"""Empirical prediction intervals for Min kommune and the API (read from a shipped table).

`manage.py backtest_report --intervals-out data/reference/projection_intervals.json` derives the
table from the back-tests; this module only reads it. See docs/backtest.md.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from django.conf import settings
from django.utils import formats
from django.utils.translation import gettext as _

from projection.uncertainty import Interval, find_interval

INTERVALS_FILE = Path("data") / "reference" / "projection_intervals.json"
SHOWN_HORIZONS = (10, 15)
GROUP = "Total"


@cache
def _intervals(path: Path) -> tuple[Interval, ...]:
    """Read the interval table (cached per path; an absent table gives none)."""
    if not path.is_file():
        return ()
    payload = json.loads(path.read_text("utf-8"))
    return tuple(
        Interval(
            r["size_class"], r["group"], int(r["horizon"]), float(r["within_percent"]),
            float(r["coverage"]), int(r["municipalities"]),
        )
        for r in payload["intervals"]
    )  # fmt: skip


def intervals_path() -> Path:
    """Return where the interval table is read from."""
    return Path(settings.BASE_DIR) / INTERVALS_FILE


def past_accuracy(population: float, base_year: int) -> list[dict[str, object]]:
    """Return how far past projections of municipalities this size were off, 10 and 15 years out.

    Each item has the horizon, the target year, the ± percent, "8 of 10" and a sentence to show.
    """
    items = []
    for horizon in SHOWN_HORIZONS:
        found = find_interval(
            _intervals(intervals_path()), population=population, group=GROUP, horizon=horizon
        )
        if found is None:
            continue
        in_ten = round(found.coverage * 10)
        items.append({
            "horizon": horizon,
            "year": base_year + horizon,
            "group": found.group,
            "within_percent": found.within_percent,
            "in_ten": in_ten,
            "size_class": found.size_class,
            "municipalities": found.municipalities,
            "text": _(
                "I tidligere tester var framskrivinger som denne innenfor ±%(percent)s %% "
                "%(horizon)s år fram i %(share)s av 10 kommuner på denne størrelsen "
                "(%(size)s innbyggere)."
            ) % {
                "percent": formats.number_format(found.within_percent, 1),
                "horizon": horizon, "share": in_ten, "size": found.size_class,
            },
        })  # fmt: skip
    return items
