"""Time a full opinion-map recompute on a large synthetic conversation.

Run: .venv/bin/python bench/bench_opinion.py [--participants 2000] [--statements 900] [--runs 7]

BLAS runs single-threaded unless OPENBLAS_NUM_THREADS is set, as the recompute worker should run:
these matrices are too small to gain from BLAS threads, and on a busy 2-core machine idle BLAS
threads spinning for work made recomputes several times slower (see docs/opinion-map.md).
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # must precede the numpy import

import argparse  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from opinion import Vote, build_matrix, compute_map, compute_map_from_matrix  # noqa: E402


def synthetic_votes(participants: int, statements: int, seed: int = 0) -> list[Vote]:
    """Make votes from four opinion camps; vote counts per person are heavy-tailed like Polis's."""
    rng = np.random.default_rng(seed)
    stances = rng.normal(0, 1, size=(4, statements))
    camp = rng.integers(0, 4, size=participants)
    counts = np.clip(rng.lognormal(np.log(40), 1.0, size=participants).astype(int), 1, statements)
    votes = []
    for person in range(participants):
        seen = rng.choice(statements, size=counts[person], replace=False)
        lean = stances[camp[person], seen] + rng.normal(0, 0.8, size=len(seen))
        values = np.where(lean > 0.4, 1, np.where(lean < -0.4, -1, 0))
        votes.extend(Vote(person, int(s), int(v)) for s, v in zip(seen, values, strict=True))
    return votes


def percentile(values: list[float], share: float) -> float:
    """Return the value below which `share` of the sorted values fall (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def timed(runs: int, compute: Callable[[int], object]) -> tuple[list[float], list[float]]:
    """Return wall-clock and CPU seconds for each run of compute(run)."""
    wall, cpu = [], []
    for run in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        compute(run)
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return wall, cpu


def report(label: str, times: tuple[list[float], list[float]]) -> None:
    """Print median and p95 wall time, and median CPU time (less disturbed by other load)."""
    wall, cpu = times
    median, p95 = statistics.median(wall), percentile(wall, 0.95)
    print(
        f"{label}: median_s={median:.3f} p95_s={p95:.3f} median_cpu_s={statistics.median(cpu):.3f}"
    )


def main() -> None:
    """Print median and p95 recompute times: from votes, from a matrix, and warm-started."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--participants", type=int, default=2000)
    parser.add_argument("--statements", type=int, default=900)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    votes = synthetic_votes(args.participants, args.statements)
    matrix = build_matrix(votes)
    previous = compute_map_from_matrix(matrix).state
    print(
        f"participants={args.participants} statements={args.statements} votes={len(votes)} "
        f"runs={args.runs} cpus={os.cpu_count()} date={time.strftime('%Y-%m-%d')} "
        f"load_avg_1min={os.getloadavg()[0]:.1f} "
        f"OPENBLAS_NUM_THREADS={os.environ.get('OPENBLAS_NUM_THREADS', 'unset')}"
    )
    report("cold compute_map(votes)", timed(args.runs, lambda r: compute_map(votes, seed=r)))
    report(
        "cold compute_map_from_matrix",
        timed(args.runs, lambda r: compute_map_from_matrix(matrix, seed=r)),
    )
    report(
        "warm recompute (previous=state, as in a live workshop)",
        timed(args.runs, lambda r: compute_map(votes, seed=r, previous=previous)),
    )


if __name__ == "__main__":
    main()
