r"""Spreadsheets: an ecosystem as a workbook (XLSX) or a folder of CSV files, and back.

The layout is made from the same field specs as the JSON loader and the JSON
Schema, so extension kinds get their columns with no change here:

- a ``meta`` sheet with the format version and the document's metadata (one row);
- one sheet per record family (``actors``, ``poles``, ``assets``, ``agreements``),
  with a ``type`` column for the kind where the family has kinds;
- one sheet per list of objects inside a record (``poles_memberships``,
  ``assets_owners``, ``actors_governance_colleges``…), each row naming its
  parent row in its first columns (``poles/id``);
- row 1 holds the headings (the wire names, ``seat/commune`` for a nested
  object), row 2 a human label that reading skips, data from row 3.

Reading goes through ptcekit's own loader, so every check and message of
:func:`ptcekit.serialize.loads` applies; each problem is a
:class:`SheetProblem` that also names the cell, such as ``actors!D7``.

>>> import tempfile, pathlib
>>> import ptcekit
>>> from ptcekit import sheets
>>> eco = ptcekit.Ecosystem(actors=(ptcekit.Association(id="archer", name="Archer"),))
>>> folder = pathlib.Path(tempfile.mkdtemp()) / "register"
>>> sheets.to_csv(eco, folder)
>>> sheets.from_csv(folder) == eco
True
"""

from __future__ import annotations

import os
from typing import Any, Literal

import attrs

from ptcekit.errors import FieldTypeError
from ptcekit.model import Ecosystem
from ptcekit.serialize import to_dict
from ptcekit.sheets._csv import read_csv_folder, write_csv_folder
from ptcekit.sheets._layout import LISTS, META, Child, Column, Layout, Shape, SheetLayout, layout
from ptcekit.sheets._problems import SHEET_CODES, Cell, CellMap, SheetProblem
from ptcekit.sheets._reference import reference_markdown
from ptcekit.sheets._tables import write_tables
from ptcekit.sheets._xlsx import OpenpyxlMissingError, write_xlsx
from ptcekit.sheets._xlsx import read_xlsx as _read_xlsx

__all__ = [
    "LISTS",
    "META",
    "SHEET_CODES",
    "Cell",
    "CellMap",
    "Child",
    "Column",
    "Layout",
    "OpenpyxlMissingError",
    "Read",
    "Shape",
    "SheetLayout",
    "SheetProblem",
    "from_csv",
    "from_xlsx",
    "layout",
    "read_csv",
    "read_xlsx",
    "reference_markdown",
    "template",
    "to_csv",
    "to_xlsx",
]

#: What to do with headings (and keys) the model does not have: report them, or keep them.
Unknown = Literal["forbid", "keep"]


@attrs.frozen
class Read:
    """An ecosystem read from sheets, with the map from its JSON paths to its cells.

    Attributes:
        ecosystem: the ecosystem.
        cells: where each value came from: ``cells.locate("$.actors[0].name")``
            gives the :class:`Cell`.
    """

    ecosystem: Ecosystem
    cells: CellMap


def _data(ecosystem: Ecosystem) -> dict[str, Any]:
    given: object = ecosystem
    if not isinstance(given, Ecosystem):
        raise FieldTypeError("sheets", "ecosystem", "an Ecosystem", given)
    data: dict[str, Any] = to_dict(given)
    return data


def to_xlsx(ecosystem: Ecosystem, path: str | os.PathLike[str]) -> None:
    """Write ``ecosystem`` as an XLSX workbook, atomically.

    Enumerations get drop-down lists, dates are date cells, ids, codes,
    amounts and fractions are text cells (exact, with leading zeros), and the
    two heading rows are frozen.

    Args:
        ecosystem: the document.
        path: the workbook's file.

    Raises:
        ImportError: (an :class:`OpenpyxlMissingError`) if openpyxl is not installed.
        TypeError: (a :class:`~ptcekit.errors.FieldTypeError`) if ``ecosystem``
            is not an ecosystem or ``path`` not a path.
        OSError: if the file cannot be written.
    """
    feature = "ptcekit.sheets.to_xlsx"
    data = _data(ecosystem)
    current = layout()
    write_xlsx(current, write_tables(current, data, "xlsx"), path, feature)


def template(path: str | os.PathLike[str]) -> None:
    """Write an empty workbook: every sheet with its headings, labels and drop-down lists.

    Raises:
        ImportError: (an :class:`OpenpyxlMissingError`) if openpyxl is not installed.
        OSError: if the file cannot be written.
    """
    current = layout()
    write_xlsx(current, write_tables(current, None, "xlsx"), path, "ptcekit.sheets.template")


def to_csv(ecosystem: Ecosystem, folder: str | os.PathLike[str]) -> None:
    """Write ``ecosystem`` as a folder of CSV files, one per sheet (``actors.csv``…), each atomically.

    The files are UTF-8 with a byte order mark, comma-separated, and hold the
    same cells as the workbook's sheets (all as text).

    Raises:
        TypeError: (a :class:`~ptcekit.errors.FieldTypeError`) if ``ecosystem``
            is not an ecosystem or ``folder`` not a path.
        ValueError: (an :class:`~ptcekit.errors.InvalidValueError`) if ``folder`` is a file.
        OSError: if the folder cannot be written.
    """
    current = layout()
    write_csv_folder(write_tables(current, _data(ecosystem), "csv"), folder)


def read_xlsx(path: str | os.PathLike[str], *, unknown: Unknown = "forbid") -> Read:
    """Read a workbook as an ecosystem, with the map of its cells (see :func:`from_xlsx`)."""
    ecosystem, cells = _read_xlsx(
        layout(), path, unknown=unknown, feature="ptcekit.sheets.from_xlsx"
    )
    return Read(ecosystem, cells)


def read_csv(folder: str | os.PathLike[str], *, unknown: Unknown = "forbid") -> Read:
    """Read a folder of CSV files as an ecosystem, with the map of its cells (see :func:`from_csv`)."""
    ecosystem, cells = read_csv_folder(layout(), folder, unknown=unknown)
    return Read(ecosystem, cells)


def from_xlsx(path: str | os.PathLike[str], *, unknown: Unknown = "forbid") -> Ecosystem:
    """Read an XLSX workbook as an ecosystem.

    Empty rows, and blank columns after the last heading, are ignored; the
    workbook is streamed, so blank formatted rows cost no memory.

    Args:
        path: the workbook's file.
        unknown: ``"forbid"`` (default) reports unknown headings; ``"keep"``
            keeps their cells (read as JSON text, or as the text itself) as
            unknown keys, written back by :func:`to_xlsx` and :func:`ptcekit.serialize.dumps`.

    Raises:
        ValueError: (a :class:`~ptcekit.errors.LoadError`) with every problem,
            each a :class:`SheetProblem` naming its cell, heading and JSON path.
        ImportError: (an :class:`OpenpyxlMissingError`) if openpyxl is not installed.
        OSError: if the file cannot be read.
    """
    return read_xlsx(path, unknown=unknown).ecosystem


def from_csv(folder: str | os.PathLike[str], *, unknown: Unknown = "forbid") -> Ecosystem:
    """Read a folder of CSV files (``meta.csv``, ``actors.csv``…) as an ecosystem.

    Args:
        folder: the folder.
        unknown: as for :func:`from_xlsx`.

    Raises:
        ValueError: (a :class:`~ptcekit.errors.LoadError`) with every problem,
            each a :class:`SheetProblem` naming its cell, heading and JSON path.
        OSError: if the folder cannot be read.
    """
    return read_csv(folder, unknown=unknown).ecosystem
