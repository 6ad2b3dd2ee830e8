"""Benchmark of ptcekit.serialize at national scale: dumps and loads as ratios to orjson.

Run from the repository root::

    PYTHONPATH=src python -m benchmarks.bench_serialize --fresh     # the targets' protocol
    PYTHONPATH=src python -m benchmarks.bench_serialize             # one process, more detail

It builds the document of :func:`benchmarks.scale.build_ecosystem` (100,000
actors, 2,000 pôles of about 15 members, 20,000 assets, 20,000 agreements),
writes it with :func:`ptcekit.dumps` and reads it back with
:func:`ptcekit.loads` (bytes to a validated ``Ecosystem``, every
construction-time check included).

``--fresh`` is the protocol of the speed targets. Each sample is a fresh
interpreter (:mod:`subprocess`) that reads the document's bytes, warms up
once, then alternates the floor and ptcekit ``--repeats`` times and keeps the
best of each, with the garbage collector at its default settings (ptcekit
pauses it inside ``loads`` and ``dumps`` by itself). Each ratio is taken
inside one process; the table gives the median of the per-process ratios and
their range over ``--processes`` processes:

- ``loads`` against ``orjson.loads`` of the same bytes, collector on (the
  target's floor) and off; beside them msgspec's floor, the same bytes
  decoded into the Structs generated from the class specs (when msgspec is
  installed);
- ``dumps`` against ``orjson.dumps`` of the equivalent plain dict;
- with msgspec installed, the same with ``backend="orjson"``, the path
  without msgspec, and ``loads`` and ``dumps`` against it;
- ``validate`` (default rules) against ``loads`` of the same document;
- linearity: the median ``loads`` time of the full document over that of
  the half one (each in its own processes);
- memory, each in its own fresh process, with :mod:`tracemalloc`: what
  ``loads`` retains once it returns against what msgspec's Structs of the
  same document retain, and the peak during ``loads`` against the document's
  size.

Without ``--fresh`` it times everything in one process, best of
``--repeats``, the standard-library backend and model construction included.
``--quick`` runs the fresh-process protocol on a tiny document, for the tests.
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
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


def single_process(scale: float, repeats: int) -> None:
    """Measure everything in this process and print the tables."""
    counts = sizes(scale)
    print(f"document: {counts}")
    eco = build_ecosystem(**counts, seed=0)
    times = measure(eco, repeats)
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
    half = build_ecosystem(**sizes(scale / 2), seed=0)
    small, large = memory(half), memory(eco)
    del half
    print(f"{'peak memory':<16}{'half MB':>10}{'full MB':>10}{'full/half':>11}")
    for name in ("orjson.loads", "loads", "orjson.dumps", "dumps"):
        print(
            f"{name:<16}{small[name] / 1e6:>10.1f}{large[name] / 1e6:>10.1f}{large[name] / small[name]:>10.2f}×"
        )


# ---------------------------------------------------------------------- fresh processes


def _struct_decoder() -> Callable[[bytes], Any] | None:
    """Return msgspec's decoder into the Structs generated from the class specs, if it exists."""
    try:
        from ptcekit.serialize._fast import mirror_decoder  # noqa: PLC0415 -- absent before the fast path
    except ImportError:
        return None
    decoder = mirror_decoder()
    return None if decoder is None else decoder.decode


def _timed(function: Callable[[], Any], *, collector: bool = True) -> tuple[float, float]:
    """Time one call (wall clock and CPU), after a full collection, with the collector on or off."""
    gc.collect()
    if not collector:
        gc.disable()
    try:
        start, cpu = time.perf_counter(), time.process_time()
        function()
        return time.perf_counter() - start, time.process_time() - cpu
    finally:
        gc.enable()


def worker_times(text: bytes, repeats: int, *, validating: bool) -> dict[str, float]:
    """One sample: warm up once, then alternate each floor and ptcekit; best of ``repeats``."""
    from ptcekit.rules import validate  # noqa: PLC0415 -- imported by the worker only

    decode = _struct_decoder()
    eco = loads(text)
    plain = orjson.loads(text)
    dumps(eco)
    if decode is not None:
        decode(text)
        loads(text, backend="orjson")
        dumps(eco, backend="orjson")
    if validating:
        validate(eco)
    found: dict[str, list[float]] = {}

    def note(name: str, seconds: tuple[float, float]) -> None:
        found.setdefault(name, []).append(seconds[0])
        found.setdefault(f"{name} (CPU)", []).append(seconds[1])

    for _ in range(repeats):
        note("orjson.loads", _timed(lambda: orjson.loads(text)))
        note("loads", _timed(lambda: loads(text)))
        note("orjson.loads, collector off", _timed(lambda: orjson.loads(text), collector=False))
        if decode is not None:
            note("msgspec Structs", _timed(lambda: decode(text)))
        note("orjson.dumps", _timed(lambda: orjson.dumps(plain)))
        note("dumps", _timed(lambda: dumps(eco)))
        if decode is not None:  # the engine's path, which msgspec's fast path goes before
            note("loads, orjson backend", _timed(lambda: loads(text, backend="orjson")))
            note("dumps, orjson backend", _timed(lambda: dumps(eco, backend="orjson")))
    same = dumps(loads(text)) == text
    if validating:
        # as an application holds them: the loaded document alone, no parsed dicts
        del plain
        for _ in range(repeats):
            note("loads, for validate", _timed(lambda: loads(text)))
            note("validate", _timed(lambda: validate(eco)))
            note("validate, collector off", _timed(lambda: validate(eco), collector=False))
    result = {name: min(values) for name, values in found.items()}
    result["same bytes"] = float(same)
    return result


def _retained(function: Callable[[], Any]) -> tuple[int, int]:
    """Return what the result of ``function`` holds once it returns, and the peak meanwhile."""
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        result = function()
        gc.collect()
        after, highest = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    del result
    return after - before, highest - before


def worker_memory(text: bytes, what: str) -> dict[str, float]:
    """One fresh process, one measure: ptcekit's ``loads`` or msgspec's Structs."""
    if what == "loads":
        loads(b'{"ptcekit": "1"}')  # the converter made before measuring
        retained, highest = _retained(lambda: loads(text))
    else:
        decode = _struct_decoder()
        if decode is None:
            return {}
        decode(b'{"ptcekit": "1"}')
        retained, highest = _retained(lambda: decode(text))
    return {"retained": float(retained), "peak": float(highest), "bytes": float(len(text))}


def _spawn(arguments: list[str]) -> dict[str, float]:
    """Run a worker in a fresh interpreter and return what it measured."""
    command = [sys.executable, "-m", "benchmarks.bench_serialize", *arguments]
    done = subprocess.run(command, capture_output=True, text=True, check=True)  # noqa: S603 -- our own script
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _spread(values: list[float]) -> str:
    """The median of ``values`` and their range, as ``1.23 [1.10–1.40]``."""
    return f"{statistics.median(values):.2f} [{min(values):.2f}–{max(values):.2f}]"


def fresh(scale: float, processes: int, repeats: int, *, validating: bool = True) -> dict[str, Any]:
    """Run the fresh-process protocol at ``scale`` and print the table; return the figures."""
    with tempfile.TemporaryDirectory() as folder:
        documents = {}
        for name, factor in (("full", scale), ("half", scale / 2)):
            text = dumps(build_ecosystem(**sizes(factor), seed=0))
            documents[name] = Path(folder) / f"{name}.json"
            documents[name].write_bytes(text)
        samples: dict[str, list[dict[str, float]]] = {"full": [], "half": []}
        for round_ in range(processes):
            # alternate which size goes first, so that neither always meets the same load
            for name in ("full", "half") if round_ % 2 == 0 else ("half", "full"):
                arguments = ["--worker", "times", "--document", str(documents[name])]
                arguments += ["--repeats", str(repeats)]
                if not validating or name == "half":
                    arguments.append("--no-validate")
                samples[name].append(_spawn(arguments))
        mem = {
            what: _spawn(["--worker", f"memory-{what}", "--document", str(documents["full"])])
            for what in ("loads", "structs")
        }
        size = documents["full"].stat().st_size
    full = samples["full"]
    print(f"document: {sizes(scale)}, {size / 1e6:.1f} MB; {processes} fresh processes")
    print(f"each: warm-up, then best of {repeats} alternations; collector at default settings")
    print()
    figures: dict[str, Any] = {"bytes": size}
    rows: list[tuple[str, list[float]]] = []

    def ratios(top: str, bottom: str, where: list[dict[str, float]] = full) -> list[float]:
        return [sample[top] / sample[bottom] for sample in where if top in sample]

    def cpu(name: str) -> str:
        return name.partition(" / ")[0] + " (CPU) / " + name.partition(" / ")[2] + " (CPU)"

    for name, bottom in (
        ("orjson.loads", "orjson.loads"),
        ("orjson.loads, collector off", "orjson.loads"),
        ("msgspec Structs", "orjson.loads"),
        ("loads", "orjson.loads"),
        ("loads", "orjson.loads, collector off"),
        ("dumps", "orjson.dumps"),
        ("loads, orjson backend", "orjson.loads"),
        ("dumps, orjson backend", "orjson.dumps"),
        ("loads", "loads, orjson backend"),
        ("dumps", "dumps, orjson backend"),
        ("validate", "loads, for validate"),
        ("validate, collector off", "loads, for validate"),
    ):
        values = ratios(name, bottom)
        if values:
            rows.append((f"{name} / {bottom}", values))
    print(
        f"{'ratio (per process)':<48}{'wall: median [range]':>22}{'CPU: median [range]':>22}{'wall ms':>9}"
    )
    for label, values in rows:
        name, _, bottom = label.partition(" / ")
        milliseconds = statistics.median(sample[name] for sample in full) * 1000
        by_cpu = ratios(f"{name} (CPU)", f"{bottom} (CPU)")
        print(f"{label:<48}{_spread(values):>22}{_spread(by_cpu):>22}{milliseconds:>9.0f}")
        figures[label] = values
        figures[cpu(label)] = by_cpu
    print()
    print("targets: loads ≤ 2.0 × orjson.loads (collector on, default settings: the first floor),")
    print("         dumps ≤ 3.0 × orjson.dumps, validate ≤ 1.0 × loads")
    print()
    print(f"{'linearity (median full / median half)':<48}{'wall':>22}{'CPU':>22}")
    for name in ("orjson.loads", "loads", "dumps"):
        both = [
            statistics.median(s[key] for s in full)
            / statistics.median(s[key] for s in samples["half"])
            for key in (name, f"{name} (CPU)")
        ]
        print(f"{name:<48}{both[0]:>22.2f}{both[1]:>22.2f}")
        figures[f"linearity {name}"] = both
    print()
    print("memory (tracemalloc, one fresh process each, full document)")
    loaded, structs = mem["loads"], mem["structs"]
    mib = 1 << 20
    print(f"{'retained after loads':<48}{loaded['retained'] / mib:>22.1f} MiB")
    print(f"{'peak during loads':<48}{loaded['peak'] / mib:>22.1f} MiB")
    print(f"{'peak during loads / document size':<48}{loaded['peak'] / size:>24.2f} ×")
    figures["peak / size"] = loaded["peak"] / size
    if structs:
        print(f"{'retained by msgspec Structs':<48}{structs['retained'] / mib:>22.1f} MiB")
        ratio = loaded["retained"] / structs["retained"]
        print(f"{'retained after loads / msgspec Structs':<48}{ratio:>24.2f} ×")
        figures["retained / structs"] = ratio
    same = all(sample["same bytes"] for sample in full + samples["half"])
    print(f"dumps(loads(document)) gives the same bytes: {'yes' if same else 'NO'}")
    figures["same bytes"] = same
    return figures


def main(argv: list[str] | None = None) -> None:
    """Build the documents, measure, print the table."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1.0 is national scale")
    parser.add_argument("--repeats", type=int, help="runs per timing; the best is kept")
    parser.add_argument("--fresh", action="store_true", help="fresh processes, the targets' way")
    parser.add_argument("--processes", type=int, default=5, help="fresh processes per size")
    parser.add_argument("--quick", action="store_true", help="a tiny document, for the tests")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--document", help=argparse.SUPPRESS)
    parser.add_argument("--no-validate", action="store_true", help=argparse.SUPPRESS)
    arguments = parser.parse_args(argv)

    if arguments.worker is not None:
        text = Path(arguments.document).read_bytes()
        if arguments.worker == "times":
            repeats = arguments.repeats or 2
            result = worker_times(text, repeats, validating=not arguments.no_validate)
        else:
            result = worker_memory(text, arguments.worker.removeprefix("memory-"))
        print(json.dumps(result))
    elif arguments.quick:
        fresh(0.002, processes=1, repeats=1)
    elif arguments.fresh:
        fresh(arguments.scale, arguments.processes, arguments.repeats or 2)
    else:
        single_process(arguments.scale, arguments.repeats or 5)


if __name__ == "__main__":
    main()
