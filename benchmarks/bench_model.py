"""Benchmark of the model at national scale: building records and indexing them, as ratios.

Run from the repository root::

    PYTHONPATH=src python -m benchmarks.bench_model

It builds the document of :func:`benchmarks.scale.build_ecosystem` at half
size and at full size (100,000 actors, 2,000 pôles, 20,000 assets, 20,000
agreements) and measures separately (a) making the record objects and (b)
constructing the :class:`~ptcekit.model.Ecosystem` from them (the id index),
taking the best of several repetitions with :func:`time.perf_counter`. Peak
memory is measured with :mod:`tracemalloc` in a separate run, since tracing
slows the code it traces. Figures are printed as ratios full / half: linear
cost gives about 2.0.
"""

from __future__ import annotations

import gc
import time
import tracemalloc
from typing import Any

from benchmarks.scale import build_records
from ptcekit.model import Ecosystem

FULL: dict[str, int] = {"actors": 100_000, "poles": 2_000, "assets": 20_000, "agreements": 20_000}
HALF: dict[str, int] = {name: count // 2 for name, count in FULL.items()}
REPEATS = 3
#: Index builds timed per set of records: each takes milliseconds, so more tries steady it.
INDEX_TRIES = 7


def _timed(sizes: dict[str, int]) -> tuple[float, float]:
    """Best times, in seconds, of building the records and of indexing them."""
    records_best = index_best = float("inf")
    for seed in range(REPEATS):
        gc.collect()
        start = time.perf_counter()
        records = build_records(seed=seed, **sizes)
        records_best = min(records_best, time.perf_counter() - start)
        for _ in range(INDEX_TRIES):
            start = time.perf_counter()
            eco = Ecosystem(**records)
            index_best = min(index_best, time.perf_counter() - start)
            assert len(eco) == sum(sizes.values())  # noqa: S101 -- a sanity check of the benchmark itself
            del eco
        del records
    return records_best, index_best


def _peaks(sizes: dict[str, int]) -> tuple[int, int]:
    """Peak traced memory, in bytes, of building the records, then of indexing them on top."""
    gc.collect()
    tracemalloc.start()
    try:
        records = build_records(seed=0, **sizes)
        _, records_peak = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        before, _ = tracemalloc.get_traced_memory()
        eco = Ecosystem(**records)
        _, index_peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    del records, eco
    return records_peak, index_peak - before


def _row(label: str, half: float, full: float, unit: str) -> str:
    return f"{label:<34}{half:>12.3f} {unit:<3}{full:>12.3f} {unit:<3}{full / half:>8.2f}"


def main() -> dict[str, Any]:
    """Run the benchmark, print the table and return the figures."""
    half_times, full_times = _timed(HALF), _timed(FULL)
    half_peaks, full_peaks = _peaks(HALF), _peaks(FULL)
    mib = 1024 * 1024
    print(
        f"model benchmark: half = {HALF}, full = {FULL}; best of {REPEATS} record builds and of {REPEATS * INDEX_TRIES} index builds"
    )
    print(f"{'':<34}{'half':>16}{'full':>16}{'full/half':>10}")
    print(_row("(a) build records: time", half_times[0], full_times[0], "s"))
    print(_row("(b) build Ecosystem index: time", half_times[1], full_times[1], "s"))
    print(_row("(a) build records: peak memory", half_peaks[0] / mib, full_peaks[0] / mib, "MiB"))
    print(_row("(b) Ecosystem index: peak memory", half_peaks[1] / mib, full_peaks[1] / mib, "MiB"))
    print("linear cost gives a full/half ratio of about 2.0")
    return {
        "records_time_ratio": full_times[0] / half_times[0],
        "index_time_ratio": full_times[1] / half_times[1],
        "records_memory_ratio": full_peaks[0] / half_peaks[0],
        "index_memory_ratio": full_peaks[1] / half_peaks[1],
    }


if __name__ == "__main__":
    main()
