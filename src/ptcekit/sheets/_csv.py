"""A document as a folder of CSV files, one per sheet (standard library only)."""

from __future__ import annotations

import contextlib
import csv
import io
import os
import secrets
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ptcekit.errors import FieldTypeError, InvalidValueError, LoadError
from ptcekit.model import Ecosystem
from ptcekit.sheets._layout import LISTS, Layout
from ptcekit.sheets._problems import Cell, CellMap, SheetProblem
from ptcekit.sheets._tables import Table, read_tables

__all__ = ["read_csv_folder", "write_csv_folder"]

#: CSV files are UTF-8 with a byte order mark, which spreadsheet programs need to read UTF-8.
ENCODING = "utf-8-sig"


def _folder(folder: str | os.PathLike[str], function: str) -> Path:
    given: object = folder
    if not isinstance(given, str | os.PathLike):
        raise FieldTypeError(function, "folder", "a folder path (str or os.PathLike)", given)
    path = Path(folder)
    if path.exists() and not path.is_dir():
        raise InvalidValueError(function, "folder", "the path of a folder, not a file", str(path))
    return path


def _replace(target: Path, text: str) -> None:
    """Write ``text`` to ``target`` atomically: a temporary file, then one rename."""
    temporary = target.with_name(f".{target.name}.{secrets.token_hex(6)}.tmp")
    try:
        with temporary.open("w", encoding=ENCODING, newline="") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        temporary.replace(target)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise


def write_csv_folder(tables: list[Table], folder: str | os.PathLike[str]) -> None:
    """Write each table as ``<sheet>.csv`` in ``folder`` (made if need be), each file atomically."""
    path = _folder(folder, "to_csv")
    path.mkdir(parents=True, exist_ok=True)
    for table in tables:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(table.headings)
        writer.writerow(table.labels)
        width = len(table.headings)
        for row in table.rows:
            writer.writerow(
                [("" if value is None else value) for value in row] + [""] * (width - len(row))
            )
        _replace(path / f"{table.name}.csv", buffer.getvalue())


def _rows(file: Path) -> Iterator[tuple[int, list[Any]]]:
    number = 0
    try:
        with file.open(encoding=ENCODING, newline="") as stream:
            for number, row in enumerate(csv.reader(stream), start=1):
                yield number, list(row)
    except (UnicodeDecodeError, csv.Error) as error:
        reason = "not UTF-8 text" if isinstance(error, UnicodeDecodeError) else str(error)
        cell = Cell(sheet=file.stem, row=number + 1)
        problem = SheetProblem(
            code="SHEET001",
            path="$",
            message=f"expected a CSV file in UTF-8, got {reason}",
            cell=cell,
        )
        raise LoadError([problem]) from None


def read_csv_folder(
    layout: Layout, folder: str | os.PathLike[str], *, unknown: str
) -> tuple[Ecosystem, CellMap]:
    """Read a folder of ``<sheet>.csv`` files as an ecosystem, with the map of its cells."""
    path = _folder(folder, "from_csv")
    if not path.is_dir():
        raise FileNotFoundError(2, "no such folder", str(path))
    files = sorted(
        file for file in path.iterdir() if file.suffix.lower() == ".csv" and file.is_file()
    )
    by_name = {file.stem: file for file in files}
    order = [sheet.name for sheet in layout.sheets if sheet.name in by_name]
    order += [name for name in by_name if name not in layout.by_name and name != LISTS]

    streams: list[Iterator[tuple[int, list[Any]]]] = []

    def sheets() -> Iterable[tuple[str, bool, Iterable[tuple[int, list[Any]]]]]:
        for name in order:
            streams.append(_rows(by_name[name]))
            yield name, False, streams[-1]

    try:
        return read_tables(layout, iter(sheets()), unknown=unknown)
    finally:
        for stream in streams:  # a sheet read only in part still holds its file open
            stream.close()  # type: ignore[attr-defined]  # a generator
