"""Rows with stable, typed columns, and their conversion to a pandas DataFrame."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs

from ptcekit.analysis._optional import require

__all__ = ["Column", "Table", "to_frame"]

#: The pandas dtype of each Python type a column may hold; ``object`` keeps
#: exact values (Decimal, Fraction, dates) exact.
_DTYPES: dict[type, str] = {
    str: "string",
    int: "Int64",
    bool: "boolean",
    Decimal: "object",
    Fraction: "object",
    dt.date: "object",
}


@attrs.frozen
class Column:
    """A column of a table: its name and the Python type of its values (``None`` allowed).

    >>> Column("amount", Decimal).dtype
    'object'
    """

    name: str
    type: type

    @property
    def dtype(self) -> str:
        """The pandas dtype the column takes in a DataFrame."""
        return _DTYPES[self.type]


def to_frame(columns: Sequence[Column], rows: Iterable[Mapping[str, Any]], feature: str) -> Any:
    """Return a pandas DataFrame of ``rows`` with ``columns``, typed even when there are none.

    Raises:
        MissingExtraError: pandas is not installed.
    """
    pandas = require("pandas", feature)
    names = [column.name for column in columns]
    frame = pandas.DataFrame.from_records(list(rows), columns=names)
    return frame.astype({column.name: column.dtype for column in columns})


@attrs.frozen(repr=False)
class Table:
    """A named table of records: stable columns, one row per record.

    >>> table = Table("things", (Column("id", str),), (("a",), ("b",)))
    >>> table
    <Table things: 2 rows × 1 column (id)>
    >>> table.rows()
    [{'id': 'a'}, {'id': 'b'}]
    """

    name: str
    columns: tuple[Column, ...]
    values: tuple[tuple[Any, ...], ...]

    def __len__(self) -> int:
        return len(self.values)

    def __repr__(self) -> str:
        count = len(self.columns)
        names = ", ".join(column.name for column in self.columns)
        rows = len(self.values)
        return (
            f"<Table {self.name}: {rows} row{'s' * (rows != 1)} × "
            f"{count} column{'s' * (count != 1)} ({names})>"
        )

    @property
    def column_names(self) -> tuple[str, ...]:
        """The names of the columns, in order."""
        return tuple(column.name for column in self.columns)

    def rows(self) -> list[dict[str, Any]]:
        """Return the rows as plain dicts, keyed by column name, in column order."""
        names = self.column_names
        return [dict(zip(names, row, strict=True)) for row in self.values]

    def to_pandas(self) -> Any:
        """Return the table as a pandas DataFrame with typed columns (also when empty).

        Raises:
            MissingExtraError: pandas is not installed (``pip install 'ptcekit[notebook]'``).
        """
        return to_frame(self.columns, self.rows(), f"Table {self.name!r}.to_pandas()")
