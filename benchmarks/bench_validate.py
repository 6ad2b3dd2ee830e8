"""Benchmark of ptcekit.rules.validate at national scale, as ratios.

Run from the repository root::

    PYTHONPATH=src python -m benchmarks.bench_validate

It builds the document of :func:`benchmarks.scale.build_ecosystem` at full
size (100,000 actors, 2,000 pôles, 20,000 assets, 20,000 agreements) and at
half size, and times, in the same run:

- :func:`~ptcekit.rules.validate` with the default rules and with every
  built-in rule (the opt-in ``CALL`` criteria included), full against half:
  linear cost gives about 2.0, and the target is at most 2.0 ± 20 %;
- each built-in rule on its own, full against half, so that a rule that is
  not linear shows up by name (rules that take well under a millisecond are
  dominated by noise and flagged as such);
- ``validate`` against :func:`ptcekit.serialize.loads` of the same document
  (target: validating is no slower than loading it).

Each time is the best of ``--repeats`` runs, with :func:`time.perf_counter`.
The two documents are moved to the garbage collector's permanent generation
(:func:`gc.freeze`) once built: otherwise a full collection that happens, by
chance, inside one timed run traverses both whole documents and swamps the
rules' own cost. A shared machine still adds noise of its own: run it on a
quiet one, and compare several runs.
``--scale 0.1`` runs a tenth of the document for a quick look. Only ratios
are printed, as the benchmarks' README asks.
"""

from __future__ import annotations

import argparse
import gc
import time
from collections.abc import Callable

from benchmarks.scale import build_ecosystem
from ptcekit.model import Ecosystem
from ptcekit.rules import Report, RuleSet, builtin_rules, default_rules, validate

FULL: dict[str, int] = {"actors": 100_000, "poles": 2_000, "assets": 20_000, "agreements": 20_000}
#: Rule times below this many seconds at full size are too short to compare.
NOISE = 0.005


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


def _validate(eco: Ecosystem, rules: RuleSet) -> Callable[[], Report]:
    return lambda: validate(eco, rules=rules)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its ratios."""
    parser = argparse.ArgumentParser(description="Time validate at national scale, as ratios.")
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of the national size")
    parser.add_argument("--repeats", type=int, default=3, help="runs per measure (best kept)")
    args = parser.parse_args(argv)

    full = build_ecosystem(**_sizes(args.scale, half=False), seed=0)
    half = build_ecosystem(**_sizes(args.scale, half=True), seed=0)
    gc.collect()
    gc.freeze()
    print(f"documents: full {len(full)} records, half {len(half)} records")

    defaults, everything = default_rules(), builtin_rules()
    report = validate(full, rules=everything)
    crashed = [f for f in report if "crashed" in f.message]
    print(f"findings on the full document: {report.count_by_severity()}")
    if crashed:
        print(f"RULES CRASHED: {[f.code for f in crashed]}")
        return 1

    print("\nvalidate, full / half (linear: 2.0; target 1.6 to 2.4):")
    ratios: dict[str, float] = {}
    for name, rules in (("default rules", defaults), ("every built-in rule", everything)):
        t_full = _best(_validate(full, rules), args.repeats)
        t_half = _best(_validate(half, rules), args.repeats)
        ratios[name] = t_full / t_half
        print(f"  {name:<22} {ratios[name]:.2f}")

    print("\neach rule alone, full / half:")
    for rule in everything:
        one = RuleSet((rule,))
        t_full = _best(_validate(full, one), args.repeats)
        t_half = _best(_validate(half, one), args.repeats)
        note = "  (too short to compare)" if t_full < NOISE else ""
        print(f"  {rule.code:<9} {t_full / t_half:.2f}{note}")

    try:
        from ptcekit.serialize import dumps, loads  # noqa: PLC0415 -- optional: the serialiser may be absent
    except ImportError:
        print("\nptcekit.serialize is not available: validate / loads not measured")
    else:
        data = dumps(full)
        t_load = _best(lambda: loads(data), args.repeats)
        t_validate = _best(_validate(full, defaults), args.repeats)
        print(
            f"\nvalidate / loads of the same full document (target at most 1.0): {t_validate / t_load:.2f}"
        )

    linear = all(1.6 <= ratio <= 2.4 for ratio in ratios.values())
    print(f"\nlinear within ± 20 %: {'yes' if linear else 'NO'}")
    return 0 if linear else 1


if __name__ == "__main__":
    raise SystemExit(main())
