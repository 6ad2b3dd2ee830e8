"""Where a value sits in a workbook, and load problems that say so."""

from __future__ import annotations

import json
import re
from typing import Any

import attrs

from ptcekit.errors import Problem
from ptcekit.sheets._layout import heading_of

__all__ = ["SHEET_CODES", "Cell", "CellMap", "SheetProblem", "column_letter", "path_key"]

_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def path_key(path: str, key: str) -> str:
    """Return the path of ``key`` in the object at ``path``, as load problems write it.

    >>> path_key("$.actors[3]", "siren"), path_key("$", "odd key")
    ('$.actors[3].siren', '$["odd key"]')
    """
    if _PLAIN_KEY.fullmatch(key):
        return f"{path}.{key}"
    return f"{path}[{json.dumps(key, ensure_ascii=False)}]"


def column_letter(column: int) -> str:
    """Return the letters of a 1-based column number, as spreadsheets name it.

    >>> column_letter(1), column_letter(27), column_letter(703)
    ('A', 'AA', 'AAA')
    """
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


@attrs.frozen(kw_only=True)
class Cell:
    """A place in a workbook (or a folder of CSV files, one per sheet).

    Attributes:
        sheet: the sheet's name (the CSV file's name without ``.csv``).
        row: the 1-based row number, or ``None`` for the whole sheet.
        column: the 1-based column number, or ``None`` for the whole row.
        heading: the column's heading, when it has one.

    >>> str(Cell(sheet="actors", row=7, column=4, heading="siren"))
    'actors!D7'
    >>> str(Cell(sheet="actors", row=7)), str(Cell(sheet="extra"))
    ('actors!7:7', 'extra')
    """

    sheet: str
    row: int | None = None
    column: int | None = None
    heading: str | None = None

    @property
    def ref(self) -> str:
        """The reference as spreadsheets write it: ``actors!D7``, ``actors!7:7`` for a row."""
        if self.row is None:
            return (
                self.sheet
                if self.column is None
                else f"{self.sheet}!{column_letter(self.column)}:{column_letter(self.column)}"
            )
        if self.column is None:
            return f"{self.sheet}!{self.row}:{self.row}"
        return f"{self.sheet}!{column_letter(self.column)}{self.row}"

    def __str__(self) -> str:
        return self.ref


#: The codes of the problems only sheets can have, with their titles. Problems of
#: values (a wrong type, an unknown heading) take the loader's codes
#: (``LOAD002``, ``LOAD001``), like the problems the loader itself finds.
SHEET_CODES: dict[str, str] = {
    "SHEET001": "not a workbook: a file that is no XLSX workbook, or a CSV file that is not UTF-8 text",
    "SHEET002": "unknown sheet: a sheet or CSV file of no known name, hidden or not",
    "SHEET003": "headings: headings not in row 1, repeated, or without the columns that name the parent row; an empty metadata sheet",
    "SHEET004": "no heading: a value in a column that has no heading",
    "SHEET005": "no parent row: a child row whose first columns name no row of its parent sheet, or a row whose kind has no such list",
    "SHEET006": "merged cells: cells merged over data, which hide all values but the first",
    "SHEET007": "metadata rows: more than one data row on the metadata sheet",
    "SHEET008": "one value, two headings: two headings that give the same value (a JSON column and a nested column)",
}


@attrs.frozen(kw_only=True)
class SheetProblem(Problem):
    """A load problem found in a workbook: where in the document, and where in the sheets.

    It is a :class:`~ptcekit.errors.Problem` (``path``, ``message``, ``code``,
    ``pointer``, ``severity``), with the cell; its code is one of the loader's
    or one of :data:`~ptcekit.sheets.SHEET_CODES`.

    Attributes:
        cell: the cell, row or sheet the problem is in, or ``None`` when the
            document has no place for it in the sheets.

    >>> problem = SheetProblem(
    ...     path="$.actors[4].seat.commune",
    ...     message='expected a COG commune code such as "26281" or "2A004", got "1053" (a string)',
    ...     code="LOAD003",
    ...     cell=Cell(sheet="actors", row=7, column=4, heading="seat/commune"),
    ... )
    >>> print(problem)
    actors!D7 (seat/commune), $.actors[4].seat.commune: expected a COG commune code such as "26281" or "2A004", got "1053" (a string)
    >>> problem.to_dict()["cell"], problem.pointer
    ('actors!D7', '/actors/4/seat/commune')
    """

    cell: Cell | None = None

    def __str__(self) -> str:
        if self.cell is None:
            return f"{self.path}: {self.message}"
        heading = f" ({self.cell.heading})" if self.cell.heading else ""
        return f"{self.cell}{heading}, {self.path}: {self.message}"

    def to_dict(self) -> dict[str, str]:
        """Return the problem as JSON data: that of :class:`~ptcekit.errors.Problem`, with ``cell`` and ``heading``."""
        data = super().to_dict()
        if self.cell is not None:
            data["cell"] = self.cell.ref
            if self.cell.heading is not None:
                data["heading"] = self.cell.heading
        return data


_SEGMENT = re.compile(r'\.([A-Za-z_][A-Za-z0-9_]*)|\[([0-9]+)\]|\[("(?:[^"\\]|\\.)*")\]')


class CellMap:
    """Where each row's object of a read workbook sits, to find the cell of a path.

    Only rows are stored; a cell is found from its row and its heading, so the
    map costs one entry per row, not per cell.
    """

    def __init__(self) -> None:
        self._rows: dict[str, tuple[str, int, dict[str, int]]] = {}

    def add_row(self, path: str, sheet: str, row: int, columns: dict[str, int]) -> None:
        """Record that the object at ``path`` is row ``row`` of ``sheet``, with its columns by heading."""
        self._rows.setdefault(path, (sheet, row, columns))

    def __len__(self) -> int:
        return len(self._rows)

    def locate(self, path: str) -> Cell | None:
        """Return the cell (or row) that holds the value at the JSON path ``path``, if any.

        The row is that of the nearest object above ``path`` read from a row;
        the column is the one whose heading names the rest of ``path``
        (indices of a list in one cell dropped), or the first column under
        it; without such a column, the whole row.
        """
        for cut in range(len(path), 0, -1):
            if cut < len(path) and path[cut] not in ".[":
                continue
            entry = self._rows.get(path[:cut])
            if entry is None:
                continue
            sheet, row, columns = entry
            keys = _keys(path[cut:])
            if keys is None:
                return Cell(sheet=sheet, row=row)
            return _cell(sheet, row, columns, keys)
        return None


def _keys(rest: str) -> list[str] | None:
    keys: list[str] = []
    position = 0
    while position < len(rest):
        match = _SEGMENT.match(rest, position)
        if match is None:
            return None
        name, _, quoted = match.groups()
        if name is not None:
            keys.append(name)
        elif quoted is not None:
            try:
                key: Any = json.loads(quoted)
            except ValueError:
                return None
            keys.append(str(key))
        position = match.end()
    return keys


def _cell(sheet: str, row: int, columns: dict[str, int], keys: list[str]) -> Cell:
    while keys:
        heading = heading_of(tuple(keys))
        if heading in columns:
            return Cell(sheet=sheet, row=row, column=columns[heading], heading=heading)
        under = heading + "/"
        for name, column in columns.items():
            if name.startswith(under):
                return Cell(sheet=sheet, row=row, column=column, heading=name)
        keys = keys[:-1]
    return Cell(sheet=sheet, row=row)
