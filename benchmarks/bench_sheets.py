"""Benchmark of ptcekit.sheets: writing and reading a workbook as ratios to openpyxl alone.

Run from the repository root::

    PYTHONPATH=src python -m benchmarks.bench_sheets                 # national scale: long
    PYTHONPATH=src python -m benchmarks.bench_sheets --scale 0.02    # a quick look

It builds the document of :func:`benchmarks.scale.build_ecosystem` and times,
in one process, runs interleaved pair by pair so that both sides see the same
machine:

- writing: :func:`ptcekit.sheets.to_xlsx` (the wire data, the layout, every
  cell, the drop-down lists) against openpyxl writing the very same cells in
  write-only mode, given them ready;
- reading: :func:`ptcekit.sheets.from_xlsx` (every cell to a validated
  ``Ecosystem``, with the map of its cells) against openpyxl reading every
  cell of the same workbook in read-only mode.

Each ratio is the median of the pairs' ratios, with their lowest and highest
(target: at most 1.5 ×). Peak memory is measured with :mod:`tracemalloc` at
half and full size: linear growth gives a ratio of about 2.0.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl  # type: ignore[import-untyped]  # openpyxl ships no type hints, and its stubs are no dependency

from benchmarks.scale import build_ecosystem
from ptcekit import sheets
from ptcekit.model import Ecosystem
from ptcekit.serialize import to_dict
from ptcekit.sheets._tables import Table, write_tables

FULL: dict[str, int] = {"actors": 100_000, "poles": 2_000, "assets": 20_000, "agreements": 20_000}


def sizes(scale: float) -> dict[str, int]:
    """The counts of the document at ``scale`` (1.0 is national scale)."""
    return {name: max(2, int(count * scale)) for name, count in FULL.items()}


def plain_write(tables: list[Table], path: Path) -> None:
    """Openpyxl alone: the same cells, in write-only mode."""
    book = openpyxl.Workbook(write_only=True)
    for table in tables:
        sheet = book.create_sheet(table.name)
        sheet.append(table.headings)
        sheet.append(table.labels)
        for row in table.rows:
            sheet.append(row)
    book.save(path)


def plain_read(path: Path) -> int:
    """Openpyxl alone: every cell of every sheet, in read-only mode; return the count of values."""
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    count = 0
    for sheet in book.worksheets:
        for row in sheet.iter_rows(values_only=True):
            count += sum(value is not None for value in row)
    book.close()
    return count


def timed(function: Callable[[], Any]) -> float:
    """Return the wall time of one call, in seconds."""
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def peak(function: Callable[[], Any]) -> int:
    """Return the peak of memory allocated during one call, in bytes."""
    tracemalloc.start()
    try:
        function()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def pairs(ours: Callable[[], Any], theirs: Callable[[], Any], repeats: int) -> list[float]:
    """Time both, interleaved, ``repeats`` times; return the ratios ours / theirs."""
    ratios = []
    for turn in range(repeats):
        if turn % 2:
            mine, base = timed(ours), timed(theirs)
        else:
            base, mine = timed(theirs), timed(ours)
        ratios.append(mine / base)
    return ratios


def measure(eco: Ecosystem, folder: Path, repeats: int) -> dict[str, list[float]]:
    """The ratios of writing and reading ``eco``'s workbook to openpyxl alone."""
    book, plain = folder / "ptcekit.xlsx", folder / "plain.xlsx"
    tables = write_tables(sheets.layout(), to_dict(eco), "xlsx")
    sheets.to_xlsx(eco, book)
    assert sheets.from_xlsx(book) == eco  # noqa: S101 -- the benchmark measures a correct round trip
    plain_write(tables, plain)
    return {
        "write": pairs(
            lambda: sheets.to_xlsx(eco, book), lambda: plain_write(tables, plain), repeats
        ),
        "read": pairs(lambda: sheets.from_xlsx(book), lambda: plain_read(book), repeats),
    }


def memory(eco: Ecosystem, folder: Path) -> dict[str, int]:
    """Peak memory of writing and reading ``eco``'s workbook."""
    book = folder / "memory.xlsx"
    return {
        "to_xlsx": peak(lambda: sheets.to_xlsx(eco, book)),
        "from_xlsx": peak(lambda: sheets.from_xlsx(book)),
    }


def main(argv: list[str] | None = None) -> None:
    """Build the documents, measure, print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1.0 is national scale")
    parser.add_argument("--repeats", type=int, default=5, help="interleaved pairs per ratio")
    arguments = parser.parse_args(argv)

    counts = sizes(arguments.scale)
    print(f"document: {counts}")
    eco = build_ecosystem(**counts, seed=0)
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        ratios = measure(eco, folder, arguments.repeats)
        size = (folder / "ptcekit.xlsx").stat().st_size
        print(f"{len(eco):,} records, a workbook of {size / 1e6:.1f} MB")
        print()
        print(f"{'operation':<12}{'median':>9}{'lowest':>9}{'highest':>9}  baseline")
        for operation, baseline in (
            ("write", "openpyxl write-only"),
            ("read", "openpyxl read-only"),
        ):
            values = ratios[operation]
            print(
                f"{operation:<12}{statistics.median(values):>8.2f}×{min(values):>8.2f}×{max(values):>8.2f}×  {baseline}"
            )
        print()
        half = build_ecosystem(**sizes(arguments.scale / 2), seed=0)
        small, large = memory(half, folder), memory(eco, folder)
    print(f"{'peak memory':<12}{'half MB':>10}{'full MB':>10}{'full/half':>11}")
    for name in ("to_xlsx", "from_xlsx"):
        print(
            f"{name:<12}{small[name] / 1e6:>10.1f}{large[name] / 1e6:>10.1f}{large[name] / small[name]:>10.2f}×"
        )


if __name__ == "__main__":
    main()
