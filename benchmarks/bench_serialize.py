"""Benchmark of ptcekit.serialize at national scale: dumps and loads as ratios to orjson.

Run from the repository root::

    PYTHONPATH=src python -m benchmarks.bench_serialize

It builds the document of :func:`benchmarks.scale.build_ecosystem` (100,000
actors, 2,000 pôles of about 15 members, 20,000 assets, 20,000 agreements),
writes it with :func:`ptcekit.dumps` and reads it back with
:func:`ptcekit.loads` (bytes to a validated ``Ecosystem``, every
construction-time check included), and times, in the same run and on the same
bytes:

- ``loads`` against ``orjson.loads`` of the document (target: at most 2.0 ×);
- ``dumps`` against ``orjson.dumps`` of the equivalent plain dict (target: at
  most 3.0 ×);
- the same with the standard-library backend, for reference;
- ``construction``: calling the model's constructors alone, with values ready
  (attrs ``__init__`` and the validators): what ``loads`` would cost at least
  if it called the classes (it builds the objects from the validators'
  descriptions instead, with the same checks).

Each time is the best of ``--repeats`` runs with the garbage collector at its
default settings (ptcekit pauses it inside ``loads`` by itself). Peak memory
is measured with :mod:`tracemalloc` in separate runs at half and full size:
linear growth gives a ratio of about 2.0. ``--scale 0.1`` runs a tenth of the
document for a quick look.
"""

from __future__ import annotations

import argparse
import gc
import time
import tracemalloc
from collections.abc import Callable
from typing import Any

import attrs
import orjson

from benchmarks.scale import build_ecosystem
from ptcekit.model import Ecosystem
from ptcekit.serialize import dumps, loads

FULL: dict[str, int] = {"actors": 100_000, "poles": 2_000, "assets": 20_000, "agreements": 20_000}


def sizes(scale: float) -> dict[str, int]:
    """The counts of the document at ``scale`` (1.0 is national scale)."""
    return {name: max(1, int(count * scale)) for name, count in FULL.items()}


def best(function: Callable[[], Any], repeats: int) -> float:
    """Return the best wall time of ``repeats`` calls, in seconds."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def peak(function: Callable[[], Any]) -> int:
    """Return the peak memory allocated while ``function`` runs, in bytes."""
    gc.collect()
    tracemalloc.start()
    try:
        result = function()
        _, highest = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    del result
    return highest


def calls(obj: Any, out: list[tuple[type[Any], dict[str, Any]]]) -> None:
    """List the constructor calls that make ``obj``, children first (the model's own cost)."""
    kwargs = {}
    for field in attrs.fields(type(obj)):
        if not field.init:
            continue
        value = getattr(obj, field.name)
        if isinstance(value, tuple):
            for item in value:
                if attrs.has(type(item)):
                    calls(item, out)
        elif attrs.has(type(value)):
            calls(value, out)
        kwargs[field.alias] = value
    out.append((type(obj), kwargs))


def construct(plan: list[tuple[type[Any], dict[str, Any]]]) -> None:
    """Call every constructor of ``plan``: what loading cannot avoid."""
    for cls, kwargs in plan:
        cls(**kwargs)


def measure(eco: Ecosystem, repeats: int) -> dict[str, float]:
    """Time ptcekit and orjson on the document of ``eco``."""
    text = dumps(eco)
    plain = orjson.loads(text)
    assert loads(text) == eco  # noqa: S101 -- the benchmark measures a correct round trip
    assert orjson.dumps(plain) == text  # noqa: S101 -- the plain dict is the equivalent one
    plan: list[tuple[type[Any], dict[str, Any]]] = []
    calls(eco, plan)
    return {
        "bytes": len(text),
        "objects": len(plan),
        "construction": best(lambda: construct(plan), repeats),
        "orjson.loads": best(lambda: orjson.loads(text), repeats),
        "loads": best(lambda: loads(text), repeats),
        "loads (json)": best(lambda: loads(text, backend="json"), repeats),
        "orjson.dumps": best(lambda: orjson.dumps(plain), repeats),
        "dumps": best(lambda: dumps(eco), repeats),
        "dumps (json)": best(lambda: dumps(eco, backend="json"), repeats),
    }


def memory(eco: Ecosystem) -> dict[str, int]:
    """Peak memory of loads and dumps of ``eco``'s document, and of orjson on it."""
    text = dumps(eco)
    plain = orjson.loads(text)
    return {
        "orjson.loads": peak(lambda: orjson.loads(text)),
        "loads": peak(lambda: loads(text)),
        "orjson.dumps": peak(lambda: orjson.dumps(plain)),
        "dumps": peak(lambda: dumps(eco)),
    }


def main(argv: list[str] | None = None) -> None:
    """Build the documents, measure, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1.0 is national scale")
    parser.add_argument("--repeats", type=int, default=5, help="runs per timing; the best is kept")
    arguments = parser.parse_args(argv)

    counts = sizes(arguments.scale)
    print(f"document: {counts}")
    eco = build_ecosystem(**counts, seed=0)
    times = measure(eco, arguments.repeats)
    print(
        f"{times['bytes'] / 1e6:.1f} MB of JSON, {len(eco):,} records, {times['objects']:,} objects"
    )
    print()
    print(f"{'operation':<16}{'seconds':>10}{'ratio':>8}  baseline")
    for name, baseline in (
        ("orjson.loads", "orjson.loads"),
        ("construction", "orjson.loads"),
        ("loads", "orjson.loads"),
        ("loads (json)", "orjson.loads"),
        ("orjson.dumps", "orjson.dumps"),
        ("dumps", "orjson.dumps"),
        ("dumps (json)", "orjson.dumps"),
    ):
        ratio = times[name] / times[baseline]
        print(f"{name:<16}{times[name]:>10.3f}{ratio:>7.2f}×  {baseline}")

    print()
    half = build_ecosystem(**sizes(arguments.scale / 2), seed=0)
    small, large = memory(half), memory(eco)
    del half
    print(f"{'peak memory':<16}{'half MB':>10}{'full MB':>10}{'full/half':>11}")
    for name in ("orjson.loads", "loads", "orjson.dumps", "dumps"):
        print(
            f"{name:<16}{small[name] / 1e6:>10.1f}{large[name] / 1e6:>10.1f}{large[name] / small[name]:>10.2f}×"
        )


if __name__ == "__main__":
    main()
