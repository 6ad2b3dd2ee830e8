"""Benchmark of what apps and scripts pay around the checks themselves, as ratios.

Run from the repository root::

    PYTHONPATH=src python -m benchmarks.bench_apps
    PYTHONPATH=src python -m benchmarks.bench_apps --scale 0.05 --rounds 3   # a quick look

Two measures:

- ``validate()`` with the default rules on ``examples/tetris.json`` against
  the same call with a rule set built once beforehand. The two are timed
  interleaved in one process, round after round (each round times a batch of
  each, in alternating order), and the ratio of each round is reported: its
  median, and its lowest and highest. Target: at most 1.5.
- ``ptcekit validate FILE`` (a fresh process: interpreter start, imports,
  plugins, reading, loading, checking, printing) against
  ``ptcekit.loads`` + ``ptcekit.validate`` of the same bytes inside one
  process, at each ``--scale`` of the national document of
  :func:`benchmarks.scale.build_ecosystem` (1.0 is 100,000 actors). The two
  are measured in paired runs (the command, then a fresh process that times
  loads + validate inside itself), and the ratio of each pair is reported.
  Target at national scale: at most 1.2.

Only ratios are printed, as the benchmarks' README asks.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import ptcekit

ROOT = Path(__file__).resolve().parent.parent
TETRIS = ROOT / "examples" / "tetris.json"

_IN_PROCESS = """
import sys, time
import ptcekit
data = open(sys.argv[1], "rb").read()
start = time.perf_counter()
report = ptcekit.validate(ptcekit.loads(data))
print(time.perf_counter() - start)
"""


def _batch(call: object, count: int) -> float:
    start = time.perf_counter()
    for _ in range(count):
        call()  # type: ignore[operator]  # a callable of no argument
    return time.perf_counter() - start


def default_against_prebuilt(rounds: int, batch: int) -> list[float]:
    """The ratio default rules / prebuilt rule set of each round, on the TETRIS example."""
    ecosystem = ptcekit.load(TETRIS)
    prebuilt = ptcekit.default_rules()

    def default() -> object:
        return ptcekit.validate(ecosystem)

    def built() -> object:
        return ptcekit.validate(ecosystem, rules=prebuilt)

    default()
    built()
    ratios = []
    for number in range(rounds):
        if number % 2:
            with_default, with_built = _batch(default, batch), _batch(built, batch)
        else:
            with_built, with_default = _batch(built, batch), _batch(default, batch)
        ratios.append(with_default / with_built)
    return ratios


def _document(scale: float, folder: Path) -> Path:
    from benchmarks.scale import build_ecosystem  # noqa: PLC0415 -- heavy, only for this measure

    sizes = {"actors": 100_000, "poles": 2_000, "assets": 20_000, "agreements": 20_000}
    ecosystem = build_ecosystem(**{name: max(1, int(n * scale)) for name, n in sizes.items()})
    path = folder / f"scale-{scale}.json"
    ptcekit.dump(ecosystem, path)
    return path


def command_against_in_process(path: Path, pairs: int) -> list[float]:
    """The ratio ``ptcekit validate`` / in-process loads + validate of each pair of runs."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    ratios = []
    for _ in range(pairs):
        start = time.perf_counter()
        ran = subprocess.run(  # noqa: S603 -- this Python, on a file the benchmark wrote
            [sys.executable, "-m", "ptcekit", "validate", str(path)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            check=False,
        )
        command = time.perf_counter() - start
        if ran.returncode not in (0, 1):  # 0 or 1: it checked the document
            message = f"ptcekit validate exited {ran.returncode}: {ran.stderr[-500:]!r}"
            raise RuntimeError(message)
        done = subprocess.run(  # noqa: S603 -- this Python, on a file the benchmark wrote
            [sys.executable, "-c", _IN_PROCESS, str(path)],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        ratios.append(command / float(done.stdout))
    return ratios


def _line(what: str, ratios: list[float]) -> str:
    return (
        f"{what}: median {statistics.median(ratios):.2f} x "
        f"(lowest {min(ratios):.2f}, highest {max(ratios):.2f}, {len(ratios)} rounds)"
    )


def main(argv: list[str] | None = None) -> int:
    """Run both measures and print their ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15, help="interleaved rounds (default 15)")
    parser.add_argument("--batch", type=int, default=50, help="calls per batch (default 50)")
    parser.add_argument(
        "--scale",
        type=float,
        action="append",
        help="size of the command-line document, 1.0 being national (repeatable; default 0.05 and 1.0)",
    )
    parser.add_argument("--pairs", type=int, default=3, help="paired runs per scale (default 3)")
    args = parser.parse_args(argv)
    ratios = default_against_prebuilt(args.rounds, args.batch)
    print(_line("validate(tetris), default rules / prebuilt rule set", ratios))
    with tempfile.TemporaryDirectory() as folder:
        for scale in args.scale or [0.05, 1.0]:
            path = _document(scale, Path(folder))
            size = path.stat().st_size / 1e6
            pairs = command_against_in_process(path, args.pairs)
            print(
                _line(
                    f"ptcekit validate / loads + validate in-process, scale {scale} ({size:.1f} MB)",
                    pairs,
                )
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
