"""Benchmark of the analysis tables and cost allocation at national scale, as ratios.

Run from the repository root::

    PYTHONPATH=src python -m benchmarks.bench_analysis

It builds the document of :func:`benchmarks.scale.build_ecosystem` at full
size and at half size, and times, in the same run, :func:`ptcekit.analysis.tables`
and :func:`ptcekit.analysis.cost_totals` (a year), full against half (linear
cost gives about 2.0; the target is 2.0 ± 0.2), and each against
:func:`ptcekit.serialize.loads` of the full document (target: at most 1.0).
Each time is the best of ``--repeats`` runs; ``--scale 0.1`` runs a tenth of
the document for a quick look. Only ratios are printed.
"""

from __future__ import annotations

import argparse
import gc
import time
from collections.abc import Callable

from benchmarks.scale import build_ecosystem
from ptcekit.analysis import cost_totals, tables
from ptcekit.model import Ecosystem
from ptcekit.serialize import dumps, loads

FULL: dict[str, int] = {"actors": 100_000, "poles": 2_000, "assets": 20_000, "agreements": 20_000}


def _sizes(scale: float, *, half: bool) -> dict[str, int]:
    factor = scale / 2 if half else scale
    return {name: max(1, int(count * factor)) for name, count in FULL.items()}


def _best(run: Callable[[], object], repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        gc.collect()
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


def _measures(eco: Ecosystem) -> dict[str, Callable[[], object]]:
    return {
        "tables": lambda: tables(eco).rows(),
        "cost allocation (a year)": lambda: cost_totals(eco, year=2025).by_actor(),
    }


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its ratios."""
    parser = argparse.ArgumentParser(description="Time tables and cost allocation, as ratios.")
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of the national size")
    parser.add_argument("--repeats", type=int, default=3, help="runs per measure (best kept)")
    args = parser.parse_args(argv)

    full = build_ecosystem(**_sizes(args.scale, half=False), seed=0)
    half = build_ecosystem(**_sizes(args.scale, half=True), seed=0)
    gc.collect()
    gc.freeze()
    print(f"documents: full {len(full)} records, half {len(half)} records")
    unallocated = len(cost_totals(full, year=2025).unallocated)
    print(f"assets whose cost cannot be allocated in 2025: {unallocated} of {len(full.assets)}")

    data = dumps(full)
    t_load = _best(lambda: loads(data), args.repeats)
    ok = True
    print("\nfull / half (linear: 2.0; target 1.8 to 2.2), and full / loads (target at most 1.0):")
    for (name, run_full), run_half in zip(
        _measures(full).items(), _measures(half).values(), strict=True
    ):
        t_full = _best(run_full, args.repeats)
        t_half = _best(run_half, args.repeats)
        ratio, against_load = t_full / t_half, t_full / t_load
        ok = ok and 1.8 <= ratio <= 2.2 and against_load <= 1.0
        print(f"  {name:<26} {ratio:.2f}   {against_load:.2f}")
    print(f"\nwithin targets: {'yes' if ok else 'NO'}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
