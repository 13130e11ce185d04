"""Time the server side of Min kommune (/kommune/<nr>/) for all 357 municipalities.

Run: .venv/bin/python bench/bench_municipality_page.py
Uses Django's test Client in-process (no network, no browser). The cold pass is the first view of
each page in a fresh process; the warm pass shows them again (charts are drawn by core.svg each
time, about a millisecond each). Target: p95 ≤ 150 ms.
"""

from __future__ import annotations

import math
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.test import Client  # noqa: E402

from samfunnslab.core.statistics import snapshot  # noqa: E402

TARGET_P95_MS = 150.0


def percentile(values: list[float], share: float) -> float:
    """Return the nearest-rank percentile of the values."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def run_pass(client: Client, codes: tuple[str, ...]) -> list[float]:
    """Request every municipality page once and return the times in milliseconds."""
    times = []
    for code in codes:
        start = time.perf_counter()
        response = client.get(f"/kommune/{code}/")
        times.append((time.perf_counter() - start) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"/kommune/{code}/ answered {response.status_code}")
    return times


def main() -> None:
    """Print one line per pass: pages, median and p95 in milliseconds."""
    codes = snapshot().population.codes
    client = Client()
    client.get("/kommune/")  # load the snapshot and templates once, outside the timing
    for name in ("cold", "warm"):
        times = run_pass(client, codes)
        p95 = percentile(times, 0.95)
        print(
            f"pass={name} pages={len(times)} median_ms={statistics.median(times):.1f} "
            f"p95_ms={p95:.1f} max_ms={max(times):.1f} target_p95_ms={TARGET_P95_MS:.0f} "
            f"{'ok' if p95 <= TARGET_P95_MS else 'SLOW'}"
        )


if __name__ == "__main__":
    main()
