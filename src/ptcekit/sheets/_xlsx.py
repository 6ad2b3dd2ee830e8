"""A document as an XLSX workbook, through openpyxl (the ``sheets`` extra), streamed both ways."""

from __future__ import annotations

import contextlib
import importlib
import os
import secrets
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

from ptcekit.errors import FieldTypeError, InvalidValueError, LoadError, PtcekitError
from ptcekit.model import Ecosystem
from ptcekit.serialize.specs import Scalar
from ptcekit.sheets._layout import LISTS, Layout
from ptcekit.sheets._problems import Cell, CellMap, SheetProblem, column_letter
from ptcekit.sheets._tables import Table, read_tables

__all__ = ["OpenpyxlMissingError", "read_xlsx", "write_xlsx"]

#: The last row of a worksheet: drop-down lists apply down to it.
LAST_ROW = 1_048_576
#: The number format of text cells (what spreadsheet programs call "Text").
TEXT_FORMAT = "@"


class OpenpyxlMissingError(PtcekitError, ImportError):
    """openpyxl, which workbooks need, is not installed (the CSV functions need nothing).

    Attributes:
        feature: what needed it, such as ``"ptcekit.sheets.to_xlsx"``.
    """

    def __init__(self, feature: str) -> None:
        self.feature = feature
        message = f"{feature} needs openpyxl, which is not installed: pip install 'ptcekit[sheets]'"
        super().__init__(message, name="openpyxl")

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.feature,))


def _openpyxl(feature: str) -> ModuleType:
    try:
        return importlib.import_module("openpyxl")
    except ImportError as error:
        raise OpenpyxlMissingError(feature) from error


def _module(name: str) -> Any:
    """A module of openpyxl (imported once :func:`_openpyxl` found the package); typed loosely, it has no stubs."""
    return importlib.import_module(name)


def _file(path: str | os.PathLike[str], function: str) -> Path:
    given: object = path
    if not isinstance(given, str | os.PathLike):
        raise FieldTypeError(function, "path", "a file path (str or os.PathLike)", given)
    target = Path(os.path.realpath(os.fspath(path)))
    if target.is_dir():
        raise InvalidValueError(function, "path", "the path of a file, not a folder", str(path))
    return target


def _text_columns(layout: Layout, table: Table) -> set[str]:
    """The headings of the columns that hold text (the others hold numbers, booleans or dates)."""
    sheet = layout.by_name[table.name]
    typed: set[str] = set()
    for shape in sheet.shapes.values():
        for column in shape.columns:
            node = column.node
            if (
                column.form == "scalar"
                and isinstance(node, Scalar)
                and node.name in ("int", "float", "bool", "date")
            ):
                typed.add(column.heading)
    return {heading for heading in table.headings if heading not in typed}


def _drop_downs(
    sheet: Any,
    table: Table,
    enumerations: dict[tuple[str, str], tuple[str, ...]],
    lists: dict[tuple[str, ...], str],
) -> None:
    """Give each column of an enumeration a drop-down list of its values (kept on the lists sheet)."""
    DataValidation = _module("openpyxl.worksheet.datavalidation").DataValidation  # noqa: N806 -- openpyxl's class

    for position, heading in enumerate(table.headings, start=1):
        values = enumerations.get((table.name, heading))
        if not values:
            continue
        letter = lists.setdefault(values, column_letter(len(lists) + 1))
        validation = DataValidation(
            type="list",
            formula1=f"{LISTS}!${letter}$2:${letter}${len(values) + 1}",
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="ptcekit",
            error=f"{heading}: choose one of the listed values",
        )
        letters = column_letter(position)
        validation.add(f"{letters}3:{letters}{LAST_ROW}")
        sheet.data_validations.append(validation)


def _heading_rows(sheet: Any, table: Table) -> None:
    """Append the headings, in bold, and the human labels, in grey italics."""
    WriteOnlyCell = _module("openpyxl.cell").WriteOnlyCell  # noqa: N806 -- openpyxl's class
    styles = _module("openpyxl.styles")
    Alignment, Font = styles.Alignment, styles.Font  # noqa: N806

    bold = Font(bold=True)
    grey = Font(italic=True, color="FF666666")
    wrap = Alignment(wrap_text=True, vertical="top")
    headings = []
    for heading in table.headings:
        cell = WriteOnlyCell(sheet, value=heading)
        cell.font = bold
        headings.append(cell)
    sheet.append(headings)
    labels = []
    for label in table.labels:
        cell = WriteOnlyCell(sheet, value=label)
        cell.font = grey
        cell.alignment = wrap
        labels.append(cell)
    sheet.append(labels)


def write_xlsx(
    layout: Layout, tables: list[Table], path: str | os.PathLike[str], feature: str
) -> None:
    """Write the tables as a workbook at ``path``, atomically (a temporary file, then one rename)."""
    openpyxl = _openpyxl(feature)
    target = _file(path, feature.rpartition(".")[2])
    book = openpyxl.Workbook(write_only=True)
    lists: dict[tuple[str, ...], str] = {}
    enumerations = layout.enumerations()
    for table in tables:
        sheet = book.create_sheet(table.name)
        sheet.freeze_panes = "A3"
        text = _text_columns(layout, table)
        for position, heading in enumerate(table.headings, start=1):
            dimension = sheet.column_dimensions[column_letter(position)]
            dimension.width = min(max(len(heading) + 4, 14), 40)
            if heading in text:
                dimension.number_format = TEXT_FORMAT
        _drop_downs(sheet, table, enumerations, lists)
        _heading_rows(sheet, table)
        for row in table.rows:
            sheet.append(row)
    values_sheet = book.create_sheet(LISTS)
    values_sheet.sheet_state = "hidden"
    columns = sorted(lists.items(), key=lambda item: item[1])
    longest = max((len(values) for values, _ in columns), default=0)
    values_sheet.append(["values"] * len(columns))
    for index in range(longest):
        values_sheet.append(
            [values[index] if index < len(values) else None for values, _ in columns]
        )
    temporary = target.with_name(f".{target.name}.{secrets.token_hex(6)}.tmp")
    try:
        book.save(temporary)
        temporary.replace(target)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise


def _rows(
    book: Any, sheet: Any, merged: list[SheetProblem], where: str
) -> Iterator[tuple[int, list[Any]]]:
    """Stream the rows of a read-only worksheet with their numbers; blank cells cost nothing.

    openpyxl's read-only worksheet pads every row to the sheet's declared
    width and fills in every missing row up to its declared height (a
    million for some files); its worksheet parser, which it uses itself,
    yields only the cells present, and reports merged cells, which the
    read-only worksheet does not.
    """
    WorkSheetParser = _module("openpyxl.worksheet._reader").WorkSheetParser  # noqa: N806 -- see the docstring

    with sheet._get_source() as source:
        parser = WorkSheetParser(
            source,
            sheet._shared_strings,
            data_only=True,
            epoch=book.epoch,
            date_formats=book._date_formats,
            timedelta_formats=book._timedelta_formats,
        )
        for number, cells in parser.parse():
            present = [
                (cell["column"], cell["value"]) for cell in cells if cell["value"] is not None
            ]
            if not present:
                yield number, []
                continue
            values: list[Any] = [None] * max(column for column, _ in present)
            for column, value in present:
                values[column - 1] = value
            yield number, values
        if parser.merged_cells is not None:
            for merge in parser.merged_cells.mergeCell:
                ref = str(merge.ref)
                first = ref.split(":", maxsplit=1)[0]
                letters = "".join(c for c in first if c.isalpha())
                digits = int("".join(c for c in first if c.isdigit()))
                column = 0
                for letter in letters:
                    column = column * 26 + ord(letter.upper()) - ord("A") + 1
                cell = Cell(sheet=sheet.title, row=digits, column=column)
                message = f"expected one value per cell, got the merged cells {ref}; unmerge them"
                merged.append(SheetProblem(path=where, message=message, code="SHEET006", cell=cell))


def read_xlsx(
    layout: Layout, path: str | os.PathLike[str], *, unknown: str, feature: str
) -> tuple[Ecosystem, CellMap]:
    """Read a workbook as an ecosystem, with the map of its cells."""
    openpyxl = _openpyxl(feature)
    InvalidFileException = _module("openpyxl.utils.exceptions").InvalidFileException  # noqa: N806 -- openpyxl's class

    file = _file(path, feature.rpartition(".")[2])
    try:
        book = openpyxl.load_workbook(file, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError) as error:
        problem = SheetProblem(
            code="SHEET001",
            path="$",
            message=f"expected an XLSX workbook, got a file openpyxl cannot read ({error})",
        )
        raise LoadError([problem]) from None
    merged: list[SheetProblem] = []
    streams: list[Iterator[tuple[int, list[Any]]]] = []
    try:
        names = list(book.sheetnames)
        order = [sheet.name for sheet in layout.sheets if sheet.name in names]
        order += [name for name in names if name not in layout.by_name and name != LISTS]

        def sheets() -> Iterable[tuple[str, bool, Iterable[tuple[int, list[Any]]]]]:
            for name in order:
                sheet = book[name]
                known = layout.by_name.get(name)
                where = known.anchor if known is not None else "$"
                streams.append(_rows(book, sheet, merged, where))
                yield name, sheet.sheet_state != "visible", streams[-1]

        return read_tables(layout, iter(sheets()), unknown=unknown, extra=merged)
    finally:
        for stream in streams:  # a sheet read only in part still holds its file open
            stream.close()  # type: ignore[attr-defined]  # a generator
        book.close()
