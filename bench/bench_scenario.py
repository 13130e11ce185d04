"""Time a scenario change in Scenariofabrikken and the municipal report PDF.

Run: .venv/bin/python bench/bench_scenario.py [--repeat 40] [--pdf-repeat 5]
Uses Django's test Client in-process against a fresh temporary SQLite database. The process is
warm (rates estimated, alternatives prepared, one card rendered), but every timed change is a new
combination of choices, so the projection runs and the chart is rendered anew each time.
Targets: scenario_change median ≤ 300 ms; report_pdf median ≤ 5 s.
"""

from __future__ import annotations

import argparse
import itertools
import math
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
_db = Path(tempfile.mkdtemp()) / "bench.sqlite3"
os.environ["DATABASE_URL"] = f"sqlite:///{_db}"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

from samfunnslab.scenarios.choices import PATH_CHOICES, STATEMENTS  # noqa: E402


def percentile(values: list[float], share: float) -> float:
    """Return the nearest-rank percentile of the values."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def queries(count: int) -> list[str]:
    """Return `count` distinct scenario queries for Haugesund, each one choice apart."""
    result = []
    combos = itertools.product(range(-2, 3), STATEMENTS, PATH_CHOICES)
    for value, statement, path in itertools.islice(combos, count):
        result.append(f"kommune=1106&p_{statement.key}={value}&veivalg={path.key}&p_barn=1")
    return result


CPU_MS: list[float] = []


def time_get(client: Client, url: str) -> float:
    """Return the wall time of one GET in ms, keep its CPU time, and fail loudly on an error."""
    start, cpu = time.perf_counter(), time.process_time()
    response = client.get(url, headers={"HX-Request": "true"})
    elapsed = (time.perf_counter() - start) * 1000
    CPU_MS.append((time.process_time() - cpu) * 1000)
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    return elapsed


def main() -> None:
    """Warm up, then time scenario changes and report PDFs."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--pdf-repeat", type=int, default=5)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    client = Client()
    start = time.perf_counter()
    time_get(client, "/scenario/kort/?kommune=1106")
    time_get(client, "/scenario/rapport.pdf?kommune=1106")
    print(f"warm_up_s={time.perf_counter() - start:.2f}")
    CPU_MS.clear()
    changes = [time_get(client, f"/scenario/kort/?{q}") for q in queries(args.repeat)]
    print(
        f"scenario_change median_ms={statistics.median(changes):.1f} "
        f"p95_ms={percentile(changes, 0.95):.1f} cpu_median_ms={statistics.median(CPU_MS):.1f} "
        f"n={len(changes)} (target median ≤ 300 ms)"
    )
    CPU_MS.clear()
    pdfs = [
        time_get(client, f"/scenario/rapport.pdf?{q}") / 1000
        for q in queries(args.pdf_repeat + 50)[50:]
    ]
    print(
        f"report_pdf median_s={statistics.median(pdfs):.2f} max_s={max(pdfs):.2f} "
        f"cpu_median_s={statistics.median(CPU_MS) / 1000:.2f} n={len(pdfs)} "
        "(target ≤ 5 s)"
    )
    print(f"load_average={os.getloadavg()[0]:.1f} cores={os.cpu_count()}")


if __name__ == "__main__":
    main()
