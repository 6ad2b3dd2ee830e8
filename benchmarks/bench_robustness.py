"""Benchmark of hostile documents: the slowest adversarial input, and one bad value, against valid twins.

Run from the repository root::

    PYTHONPATH=src python -m benchmarks.bench_robustness              # about 1 MB, a minute
    PYTHONPATH=src python -m benchmarks.bench_robustness --scale 4    # about 4 MB

It builds a valid document of :func:`benchmarks.scale.build_ecosystem` and
times :func:`ptcekit.loads` on it (the baseline, in seconds per byte), then:

- each adversarial input shape (many unknown keys, repeated ids and keys,
  many bad records, deep nesting, long keys and tags, fraction bombs, huge
  integers, kept values) at about the same size, as a ratio to the baseline
  per byte: the issue's target is at most 10 ×;
- the valid document with one bad value at its start, middle or end, as a
  ratio to the time of its valid twin: the target is at most 2 ×.

Each time is the best of ``--repeats`` runs; ratios compare times of the same run.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import time
from collections.abc import Callable
from typing import Any

from benchmarks.scale import build_ecosystem
from ptcekit.errors import LoadError
from ptcekit.model.limits import MAX_DEPTH, MAX_INTEGER_DIGITS
from ptcekit.serialize import dumps, loads

#: The counts of the document at scale 1.0 (about 1 MB of JSON).
BASE: dict[str, int] = {"actors": 2_000, "poles": 40, "assets": 400, "agreements": 400}


def best(function: Callable[[], Any], repeats: int) -> float:
    """Return the best wall time of ``repeats`` calls after a first one, in seconds.

    The first call makes the generated functions a new key layout needs.
    """
    function()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def attempt(text: bytes, **options: Any) -> Callable[[], None]:
    """Return a call of ``loads`` that may refuse ``text`` (refusing is the point)."""

    def call() -> None:
        with contextlib.suppress(LoadError):
            loads(text, **options)

    return call


def document(**fields: Any) -> bytes:
    """A document with ``fields`` besides its version, as compact JSON."""
    return json.dumps({"ptcekit": "1", **fields}, separators=(",", ":")).encode()


def person(index: int, **fields: Any) -> dict[str, Any]:
    """A person record with id ``p<index>``."""
    return {"type": "person", "id": f"p{index}", "name": "P", **fields}


def shapes(size: int) -> dict[str, bytes]:
    """Adversarial documents of about ``size`` bytes each."""
    records = size // 45
    return {
        "unknown keys in one object": document(**{f"k{i}": i for i in range(size // 12)}),
        "unknown keys in every record": document(
            actors=[person(i, colour="red") for i in range(records)]
        ),
        "repeated ids": document(actors=[person(i % 2) for i in range(records)]),
        "repeated keys": b'{"ptcekit":"1",'
        + b",".join(b'"name":"x"' for _ in range(size // 11))
        + b"}",
        "a bad value in every record": document(
            actors=[person(i, name=i) for i in range(size // 40)]
        ),
        "nesting at the limit at a typed key": document(
            actors=[
                person(i, name=json.loads("[" * (MAX_DEPTH - 3) + "]" * (MAX_DEPTH - 3)))
                for i in range(size // 160)
            ]
        ),
        "nesting beyond the limit": b'{"ptcekit":"1","name":'
        + b"[" * (size // 2)
        + b"]" * (size // 2)
        + b"}",
        "a long unknown key": document(actors=[person(0, **{"k" * size: 1})]),
        "a long unknown type tag": document(actors=[{"type": "t" * size, "id": "p", "name": "P"}]),
        "fraction bombs": document(
            actors=[person(0)],
            assets=[
                {
                    "type": "shared_fund",
                    "id": "f",
                    "name": "F",
                    "owners": [
                        {"actor": "p0", "share": {"fraction": f"1/{10**2000 + k}"}}
                        for k in range(size // 2010)
                    ],
                }
            ],
        ),
        "integers beyond the bound": b'{"ptcekit":"1","actors":['
        + b",".join(
            b'{"type":"company","id":"c%d","name":"C","headcount":%s}'
            % (i, b"9" * (MAX_INTEGER_DIGITS + 1))
            for i in range(size // 130)
        )
        + b"]}",
        "kept values (keep mode)": document(
            actors=[person(i, x={"a": [1, 2.5, "s"]}) for i in range(size // 70)]
        ),
    }


def one_bad_value(text: bytes) -> dict[str, bytes]:
    """The document ``text`` with one bad value at its start, middle and end."""
    marker = b'"name":"'
    spots = {
        "start": text.find(marker),
        "middle": text.find(marker, len(text) // 2),
        "end": text.rfind(marker),
    }
    return {
        where: text[:spot] + b'"name":3,"_":"' + text[spot + len(marker) :]
        for where, spot in spots.items()
    }


def main(argv: list[str] | None = None) -> None:
    """Build the documents, measure, print the ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1.0 is about 1 MB")
    parser.add_argument("--repeats", type=int, default=3, help="runs per timing; the best is kept")
    arguments = parser.parse_args(argv)
    counts = {name: max(1, int(count * arguments.scale)) for name, count in BASE.items()}
    valid = dumps(build_ecosystem(**counts))
    base = best(lambda: loads(valid), arguments.repeats)
    per_byte = base / len(valid)
    print(
        f"valid document: {len(valid):,} bytes, loads {base:.3f} s ({per_byte * 1e9:.0f} ns per byte)"
    )
    print()
    print(f"{'adversarial input':<40} {'bytes':>11} {'seconds':>9} {'x valid per byte':>17}")
    worst = 0.0
    for name, text in shapes(len(valid)).items():
        options: dict[str, Any] = {"unknown": "keep"} if "keep" in name else {}
        seconds = best(attempt(text, **options), arguments.repeats)
        ratio = seconds / (per_byte * len(text))
        worst = max(worst, ratio)
        print(f"{name:<40} {len(text):>11,} {seconds:>9.3f} {ratio:>16.2f}x")
    print(f"slowest adversarial input: {worst:.2f} x a valid document of the same size")
    print()
    print(f"{'one bad value':<40} {'seconds':>9} {'x valid twin':>13}")
    worst = 0.0
    for where, text in one_bad_value(valid).items():
        seconds = best(attempt(text), arguments.repeats)
        worst = max(worst, seconds / base)
        print(f"{'at the ' + where:<40} {seconds:>9.3f} {seconds / base:>12.2f}x")
    print(f"one bad value: at most {worst:.2f} x its valid twin")


if __name__ == "__main__":
    main()
