"""Benchmark: project the whole country 2024 → 2050 for one scenario (target ≤ 20 ms median).

Run: .venv/bin/python bench/bench_projection.py [--snapshot-dir data/snapshot] [--repeat 50]
Estimation (once per base year) and scenario preparation (once per alternative) are timed
separately from the per-scenario projection, which is what a page recomputes.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from projection import (  # noqa: E402
    Assumptions,
    History,
    Inflow,
    Levers,
    build_scenario,
    estimate_rates,
    project,
)
from statbank.national import load_national  # noqa: E402
from statbank.snapshot import load_population  # noqa: E402


def timings(func: Callable[[], object], repeat: int) -> tuple[list[float], float]:
    """Return wall times (ms) of `repeat` calls after a warm-up, and the mean CPU time (ms)."""
    func()
    times = []
    cpu_start = time.process_time()
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append((time.perf_counter() - start) * 1000.0)
    return times, (time.process_time() - cpu_start) * 1000.0 / repeat


def report(name: str, measured: tuple[list[float], float]) -> None:
    """Print median and 95th percentile wall time in the agreed one-line format, plus CPU time."""
    times, cpu = measured
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    print(
        f"{name} median_ms={statistics.median(times):.2f} p95_ms={p95:.2f} cpu_ms={cpu:.2f} n={len(times)}"
    )


def history(snapshot_dir: Path, base_year: int) -> History:
    """Load stocks up to the base year with county and centrality class."""
    cube = load_population(snapshot_dir, until_year=base_year)
    info = {
        m["code"]: m
        for m in json.loads((snapshot_dir / "municipalities.json").read_text())["municipalities"]
    }
    return History(cube.years, cube.codes, cube.values,
                   tuple(info[c]["county_code"] for c in cube.codes),
                   tuple(int(info[c]["centrality_class"]) for c in cube.codes))  # fmt: skip


def main() -> None:
    """Time estimation, scenario preparation and projection."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--snapshot-dir", type=Path, default=ROOT / "data" / "snapshot")
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()
    base = history(args.snapshot_dir, 2024)
    has_national = (args.snapshot_dir / "national.npz").exists()
    national = load_national(args.snapshot_dir, until_year=2024).inputs if has_national else None
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"# {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} load={load:.1f} cpus={os.cpu_count()} {platform.machine()} "
          f"{platform.processor() or platform.platform()} python {platform.python_version()} "
          f"national={'yes' if has_national else 'no'}")  # fmt: skip
    report(
        "estimate_rates_2024",
        timings(lambda: estimate_rates(base, national), max(3, args.repeat // 10)),
    )
    rates = estimate_rates(base, national)
    assumptions = Assumptions("MMMM", until=2050)
    report(
        "build_scenario_MMMM",
        timings(lambda: build_scenario(rates, assumptions, national), max(3, args.repeat // 10)),
    )
    params = build_scenario(rates, assumptions, national)
    report("project_country_2024_2050", timings(lambda: project(params), args.repeat))
    levers = Levers(
        fertility_factor=1.1, inflows=(Inflow("1106", 200.0),), internal_migration_factor=0.5
    )
    report(
        "project_country_2024_2050_with_levers",
        timings(lambda: project(params, levers), args.repeat),
    )


if __name__ == "__main__":
    main()
