"""Time a full opinion-map recompute on a large synthetic conversation.

Run: .venv/bin/python bench/bench_opinion.py [--participants 2000] [--statements 900] [--runs 7]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np

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


def main() -> None:
    """Print median and p95 recompute times."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--participants", type=int, default=2000)
    parser.add_argument("--statements", type=int, default=900)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    votes = synthetic_votes(args.participants, args.statements)
    matrix = build_matrix(votes)
    full, from_matrix = [], []
    for run in range(args.runs):
        start = time.perf_counter()
        result = compute_map(votes, seed=run)
        full.append(time.perf_counter() - start)
        start = time.perf_counter()
        compute_map_from_matrix(matrix, seed=run)
        from_matrix.append(time.perf_counter() - start)
    print(
        f"participants={args.participants} statements={args.statements} votes={len(votes)} "
        f"runs={args.runs} groups={len(result.groups)}"
    )
    print(
        f"compute_map (votes -> map): median_s={statistics.median(full):.3f} "
        f"p95_s={percentile(full, 0.95):.3f}"
    )
    print(
        f"compute_map_from_matrix (matrix -> map): median_s={statistics.median(from_matrix):.3f} "
        f"p95_s={percentile(from_matrix, 0.95):.3f}"
    )


if __name__ == "__main__":
    main()
