"""Benchmark of ptcekit.geo: first look-up, later look-ups, memory of a vintage, data size.

Run from the repository root::

    PYTHONPATH=src python -m benchmarks.bench_geo [--runs 7]

It measures, against the budgets of the gazetteer:

- the first look-up of a fresh process (``import ptcekit`` done, then
  ``geo.commune("26113")``, which loads the newest vintage), best of ``--runs``
  fresh processes, beside ``import ptcekit`` alone in the same processes: at most 100 ms;
- a later look-up (``geo.commune``, ``geo.exists``, ``geo.commune_of``) of a code
  looked up before, and the first look-up of each of the vintage's codes, in
  nanoseconds, beside a plain ``dict.get``: at most 2 µs;
- the memory one loaded vintage holds, traced with :mod:`tracemalloc`, and the
  growth of the resident set size: at most 15 MB;
- the size of the shipped data files, which is what the wheel grows by: at most 6 MB.

It exits with status 1 when a budget is not met.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
import timeit
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "src" / "ptcekit" / "geo" / "data"
MB = 1_000_000

FIRST_LOOKUP_BUDGET_S = 0.100
LATER_LOOKUP_BUDGET_S = 2e-6
MEMORY_BUDGET_BYTES = 15 * MB
WHEEL_BUDGET_BYTES = 6 * MB

#: Run in a fresh interpreter: import ptcekit, then time the first look-up.
_FIRST = """
import json, time
start = time.perf_counter()
import ptcekit
from ptcekit import geo
imported = time.perf_counter()
geo.commune("26113")
done = time.perf_counter()
print(json.dumps({"import": imported - start, "first": done - imported}))
"""

#: Run in a fresh interpreter: the memory a vintage holds once loaded, traced.
_TRACED = """
import gc, json, tracemalloc
from ptcekit import geo
geo.years()  # the manifest, and the modules that read the data, loaded before measuring
gc.collect()
tracemalloc.start()
geo.commune("26113")
gc.collect()
traced, peak = tracemalloc.get_traced_memory()
tracemalloc.stop()
print(json.dumps({"traced": traced, "peak": peak}))
"""

#: Run in a fresh interpreter: the growth of the resident set (no tracing, which costs memory).
_RSS = """
import gc, json
def rss():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * 4096
from ptcekit import geo
geo.years()
gc.collect()
before = rss()
geo.commune("26113")
gc.collect()
print(json.dumps({"rss": rss() - before}))
"""


def _fresh(code: str) -> dict[str, float]:
    """Run ``code`` in a fresh interpreter with the source tree on the path; its JSON output."""
    env = {"PYTHONPATH": str(ROOT / "src"), "PATH": ""}
    out = subprocess.run(  # noqa: S603 -- this interpreter, fixed code
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    ).stdout
    result: dict[str, float] = json.loads(out)
    return result


def first_lookup(runs: int) -> tuple[float, float]:
    """Best seconds, over ``runs`` fresh processes, of ``import ptcekit`` and of the first look-up."""
    results = [_fresh(_FIRST) for _ in range(runs)]
    return min(r["import"] for r in results), min(r["first"] for r in results)


def later_lookups() -> dict[str, float]:
    """Seconds per call of repeated look-ups, best of 5 rounds, and of a plain dict.get."""
    from ptcekit import geo  # noqa: PLC0415 -- imported after the fresh-process measures
    from ptcekit.geo import _store  # noqa: PLC0415 -- as above

    geo.commune("26113")
    geo.commune("69381")
    codes = list(dict.fromkeys(_store.gazetteer(None).codes))
    table = dict.fromkeys(codes, 0)
    number = 200_000

    def per_call(statement: str, names: dict[str, object]) -> float:
        return min(timeit.repeat(statement, globals=names, number=number, repeat=5)) / number

    names: dict[str, object] = {"geo": geo, "table": table}
    figures = {
        "dict.get (baseline)": per_call("table.get('26113')", names),
        "commune, known code": per_call("geo.commune('26113')", names),
        "commune, year given": per_call(f"geo.commune('26113', {geo.latest_year()})", names),
        "exists": per_call("geo.exists('26113')", names),
        "commune_of, arrondissement": per_call("geo.commune_of('69381')", names),
    }
    # the first look-up of a code builds its value (the vintage is already loaded):
    # the median of single first look-ups of 2,000 codes spread over the vintage
    vintage = _store.gazetteer(None)
    sample = codes[:: max(1, len(codes) // 2_000)]
    vintage.cache.clear()
    times = []
    clock = time.perf_counter_ns
    for code in sample:
        start = clock()
        geo.commune(code)
        times.append(clock() - start)
    figures["commune, first time of a code (median)"] = statistics.median(times) / 1e9
    return figures


def sweep() -> float:
    """Seconds per code of building the values of every code of the newest vintage in a row."""
    from ptcekit import geo  # noqa: PLC0415 -- imported after the fresh-process measures
    from ptcekit.geo import _store  # noqa: PLC0415 -- as above

    vintage = _store.gazetteer(None)
    codes = list(dict.fromkeys(vintage.codes))
    vintage.cache.clear()
    start = time.perf_counter()
    for code in codes:
        geo.commune(code)
    return (time.perf_counter() - start) / len(codes)


def data_size() -> tuple[int, dict[str, int]]:
    """The total size, in bytes, of the shipped data files, and each file's."""
    sizes = {p.name: p.stat().st_size for p in sorted(DATA.iterdir()) if p.is_file()}
    return sum(sizes.values()), sizes


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark, print the figures and return 1 if a budget is not met."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="fresh processes for the first look-up")
    args = parser.parse_args(argv)
    failures: list[str] = []

    imported, first = first_lookup(args.runs)
    print(f"first look-up, fresh process (best of {args.runs}):")
    print(f"  import ptcekit (baseline)           {imported * 1e3:8.1f} ms   1.00 ×")
    print(f"  first geo.commune (loads a vintage) {first * 1e3:8.1f} ms {first / imported:6.2f} ×")
    if first > FIRST_LOOKUP_BUDGET_S:
        failures.append(f"first look-up {first * 1e3:.1f} ms > 100 ms")

    figures = later_lookups()
    baseline = figures["dict.get (baseline)"]
    print("later look-ups, per call (best of 5 rounds of 200,000):")
    for label, seconds in figures.items():
        print(f"  {label:<34} {seconds * 1e9:8.0f} ns {seconds / baseline:6.2f} ×")
        if seconds > LATER_LOOKUP_BUDGET_S:
            failures.append(f"{label} {seconds * 1e9:.0f} ns > 2 µs")

    every = sweep()
    print(
        f"  (every code in a row, values built, per code: {every * 1e9:.0f} ns, {every / baseline:.2f} ×;"
    )
    print("   the collector's passes over a growing heap weigh on it; no budget)")

    memory = _fresh(_TRACED) | _fresh(_RSS)
    print("memory of one loaded vintage (the newest):")
    print(f"  traced (tracemalloc), held          {memory['traced'] / MB:8.2f} MB")
    print(f"  traced, peak while loading          {memory['peak'] / MB:8.2f} MB")
    print(f"  resident set growth                 {memory['rss'] / MB:8.2f} MB")
    held = max(memory["traced"], memory["rss"])
    if held > MEMORY_BUDGET_BYTES:
        failures.append(f"a vintage holds {held / MB:.2f} MB > 15 MB")

    total, sizes = data_size()
    print("shipped data (the wheel's growth):")
    for name, size in sizes.items():
        print(f"  {name:<34} {size / MB:8.3f} MB")
    print(f"  total                              {total / MB:8.3f} MB")
    if total > WHEEL_BUDGET_BYTES:
        failures.append(f"data {total / MB:.2f} MB > 6 MB")

    for failure in failures:
        print(f"OVER BUDGET: {failure}")
    if not failures:
        print("every budget is met")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
