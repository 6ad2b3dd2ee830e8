"""Wire data as rows of sheets, and rows of sheets as wire data with a map back to the cells.

Both directions work on plain rows (lists of cell values), so the XLSX and
CSV formats share every rule of the layout.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import attrs

from ptcekit.errors import LoadError, Problem
from ptcekit.model import Ecosystem
from ptcekit.serialize import FORMAT_VERSION, from_dict
from ptcekit.serialize.specs import EnumOf, Obj, Poly, Scalar
from ptcekit.sheets._cells import (
    ABSENT,
    OBJECT,
    CellIssue,
    Target,
    decode,
    decode_json,
    encode,
    encode_json,
)
from ptcekit.sheets._layout import (
    LISTS,
    META,
    Child,
    Column,
    Layout,
    Shape,
    SheetLayout,
    heading_of,
    split_heading,
)
from ptcekit.sheets._problems import Cell, CellMap, SheetProblem, column_letter, path_key

__all__ = ["Table", "read_tables", "write_tables"]

_MISSING: Any = object()


@attrs.define
class Table:
    """The cells of one sheet: its headings, human labels and data rows."""

    name: str
    headings: list[str]
    labels: list[str]
    rows: list[list[Any]]


def _get(obj: Any, path: tuple[str, ...]) -> Any:
    for key in path:
        if type(obj) is not dict:
            return _MISSING
        obj = obj.get(key, _MISSING)
        if obj is _MISSING:
            return _MISSING
    return obj


class _Writer:
    def __init__(self, layout: Layout, target: Target) -> None:
        self.layout = layout
        self.target = target
        self.tables: dict[str, Table] = {}
        self.index: dict[str, dict[str, int]] = {}
        for sheet in layout.sheets:
            self.tables[sheet.name] = Table(
                sheet.name, list(sheet.headings), list(sheet.labels()), []
            )
            self.index[sheet.name] = {heading: i for i, heading in enumerate(sheet.headings)}

    def column(self, sheet: str, heading: str) -> int:
        index = self.index[sheet]
        found = index.get(heading)
        if found is None:
            found = index[heading] = len(index)
            table = self.tables[sheet]
            table.headings.append(heading)
            table.labels.append("(JSON, gardé tel quel / kept as JSON)")
        return found

    def row(  # noqa: PLR0912 -- one step per part of a row
        self,
        sheet: SheetLayout,
        obj: dict[str, Any],
        shape: Shape,
        keys: tuple[str, ...],
        position: int,
    ) -> None:
        cells: dict[int, Any] = {}
        for heading, key in zip(sheet.keys, keys, strict=True):
            cells[self.index[sheet.name][heading]] = key
        if sheet.noun is not None:
            cells[self.index[sheet.name]["type"]] = obj.get("type", "")
        for column in shape.columns:
            value = _get(obj, column.path)
            if value is not _MISSING:
                cells[self.index[sheet.name][column.heading]] = encode(column, value, self.target)
        for prefix, marker in shape.markers.items():
            if _get(obj, prefix) == {}:
                cells[self.index[sheet.name][marker]] = "\\{}"
        for prefix, known in shape.known.items():
            sub = _get(obj, prefix)
            if type(sub) is not dict:
                continue
            for key, value in sub.items():
                if key not in known:
                    cells[self.column(sheet.name, heading_of((*prefix, key)))] = encode_json(value)
        width = max(cells) + 1 if cells else 0
        row = [None] * width
        for place, value in cells.items():
            row[place] = value
        self.tables[sheet.name].rows.append(row)
        own = str(obj.get("id")) if sheet.by_id else str(position)
        for child in shape.children:
            items = _get(obj, child.path)
            if type(items) is not list:
                continue
            child_sheet = self.layout.by_name[child.sheet]
            child_keys = (*keys, own) if sheet.own_key is not None else keys
            for index, item in enumerate(items, start=1):
                if type(item) is dict:
                    self.row(
                        child_sheet,
                        item,
                        self._shape(child_sheet, child.item, item),
                        child_keys,
                        index,
                    )

    def _shape(self, sheet: SheetLayout, item: Obj | Poly, obj: dict[str, Any]) -> Shape:
        if isinstance(item, Poly):
            return sheet.shapes[sheet.tags[obj["type"]]]
        return sheet.shapes[item.cls]


def write_tables(layout: Layout, data: dict[str, Any] | None, target: Target) -> list[Table]:
    """Lay the wire document ``data`` out as tables (only headings when ``data`` is ``None``)."""
    writer = _Writer(layout, target)
    meta = layout.by_name[META]
    shape = next(iter(meta.shapes.values()))
    if data is None:
        writer.tables[META].rows.append([FORMAT_VERSION])
    else:
        writer.row(meta, data, shape, (), 1)
    return list(writer.tables.values())


@attrs.frozen
class _Row:
    """A data row being read: its sheet, number, cells, and columns by heading."""

    sheet: SheetLayout
    number: int
    row: list[Any]
    by_heading: dict[str, int]

    def cell(self, heading: str) -> Cell:
        return Cell(
            sheet=self.sheet.name,
            row=self.number,
            column=self.by_heading.get(heading),
            heading=heading,
        )

    def value(self, heading: str) -> Any:
        position = self.by_heading.get(heading)
        if position is None or position > len(self.row):
            return None
        return self.row[position - 1]


#: The scalar types whose cells hold the wire value's text as it is.
_TEXT = frozenset({"str", "decimal", "fraction"})


@attrs.frozen
class _Step:
    """How to read one column: its index in the row, its heading, column (if known) and keys."""

    index: int
    heading: str
    column: Column | None
    keys: tuple[str, ...]
    text: bool


@attrs.define
class _Parent:
    obj: dict[str, Any]
    path: str
    shape: Shape | None
    counts: dict[str, int] = attrs.field(factory=dict)


class _Reader:
    def __init__(self, layout: Layout, unknown: str) -> None:
        self.layout = layout
        self.keep = unknown == "keep"
        self.problems: list[SheetProblem] = []
        self.cells = CellMap()
        self.document: dict[str, Any] = {}
        self.parents: dict[str, dict[tuple[str, ...], _Parent]] = {
            sheet.name: {} for sheet in layout.sheets
        }
        self.rejected: set[tuple[str, int]] = set()
        self.child_of: dict[tuple[int, str], Any] = {}
        self.plans: dict[tuple[str, int, int], list[_Step]] = {}
        self.unions: dict[str, Shape | None] = {}
        meta = layout.by_name[META]
        self.parents[META][()] = _Parent(self.document, "$", next(iter(meta.shapes.values())))

    def problem(self, code: str, path: str, message: str, cell: Cell | None) -> None:
        self.problems.append(SheetProblem(path=path, message=message, code=code, cell=cell))

    def headings(self, sheet: SheetLayout, row: list[Any]) -> dict[int, str] | None:
        """Read the heading row; return each used column's heading (``None`` if the sheet cannot be read)."""
        columns: dict[int, str] = {}
        seen: dict[str, int] = {}
        known = set(sheet.headings)
        for position, raw in enumerate(row, start=1):
            if raw is None or (isinstance(raw, str) and not raw.strip()):
                continue
            heading = str(raw)
            if heading not in known and heading.strip() in known:
                heading = heading.strip()
            cell = Cell(sheet=sheet.name, row=1, column=position, heading=heading)
            if heading in seen:
                first = column_letter(seen[heading])
                self.problem(
                    "SHEET003",
                    sheet.anchor,
                    f"expected each heading once, got {heading!r} again (first in column {first})",
                    cell,
                )
                self.rejected.add((sheet.name, position))
                continue
            seen[heading] = position
            if heading not in known and not self.keep:
                expected = ", ".join(sheet.headings)
                if len(expected) > 200:
                    expected = expected[:199] + "…"
                self.problem(
                    "LOAD001",
                    sheet.anchor,
                    f"unknown heading {heading!r}; expected one of: {expected}",
                    cell,
                )
                self.rejected.add((sheet.name, position))
                continue
            columns[position] = heading
        missing = [
            heading
            for heading in (*sheet.keys, *(["type"] if sheet.noun else []))
            if heading not in seen
        ]
        if missing:
            message = f"expected the heading{'s' if len(missing) > 1 else ''} {', '.join(map(repr, missing))} in row 1, got none; the sheet's rows cannot be read"
            self.problem("SHEET003", sheet.anchor, message, Cell(sheet=sheet.name, row=1))
            return None
        return columns

    def sheet(self, sheet: SheetLayout, rows: Iterable[tuple[int, list[Any]]]) -> None:
        """Read one sheet's rows (numbered from 1, the heading row first)."""
        iterator = iter(rows)
        first = next(((number, row) for number, row in iterator if not _blank(row)), None)
        if first is None:  # an empty sheet holds no rows; only the metadata must be there
            if sheet.name == META:
                message = "expected the headings in row 1 of the metadata sheet, got an empty sheet"
                self.problem("SHEET003", "$", message, Cell(sheet=sheet.name))
            return
        if first[0] != 1:
            message = "expected the headings in row 1, got an empty row"
            self.problem("SHEET003", sheet.anchor, message, Cell(sheet=sheet.name, row=1))
            return
        columns = self.headings(sheet, first[1])
        if columns is None:
            return
        by_heading = {heading: position for position, heading in columns.items()}
        data_rows = 0
        for number, row in iterator:
            if number <= 2 or _blank(row):  # row 2 holds the human labels
                continue
            for position in range(len(row), 0, -1):
                if (
                    position not in columns
                    and (sheet.name, position) not in self.rejected
                    and row[position - 1] not in (None, "")
                ):
                    cell = Cell(sheet=sheet.name, row=number, column=position)
                    self.problem(
                        "SHEET004",
                        sheet.anchor,
                        f"expected a value under a heading, got {row[position - 1]!r} in a column with no heading",
                        cell,
                    )
            if sheet.name == META:
                data_rows += 1
                if data_rows > 1:
                    self.problem(
                        "SHEET007",
                        "$",
                        "expected one row of metadata (row 3), got another",
                        Cell(sheet=sheet.name, row=number),
                    )
                    continue
            self.row(sheet, number, row, columns, by_heading)

    def row(
        self,
        sheet: SheetLayout,
        number: int,
        row: list[Any],
        columns: dict[int, str],
        by_heading: dict[str, int],
    ) -> None:
        """Read one data row into the document, under its parent row."""
        here = _Row(sheet, number, row, by_heading)
        keys = tuple(_key_text(here.value(heading)) for heading in sheet.keys)
        parent = self.parents[sheet.parent].get(keys) if sheet.parent is not None else None
        if parent is None and sheet.parent is not None:
            heading = sheet.keys[-1]
            parent_sheet = self.layout.by_name[sheet.parent]
            message = (
                f"expected the {heading.rpartition('/')[2]} of a row of sheet {parent_sheet.name!r} "
                f"in {', '.join(sheet.keys)}, got {', '.join(map(repr, keys))}, which no row of it has"
            )
            self.problem("SHEET005", parent_sheet.anchor, message, here.cell(heading))
            return
        tag = here.value("type") if sheet.noun is not None else None
        shape = self._shape(sheet, parent, tag)
        obj: dict[str, Any] = {}
        if tag not in (None, ""):
            obj["type"] = tag if isinstance(tag, str) else decode_json(tag)
        if parent is None:
            path, obj = "$", self.document
        else:
            placed = self._attach(here, parent, obj)
            if placed is None:
                return
            path = placed
        self.cells.add_row(path, sheet.name, number, by_heading)
        self._fill(here, shape, obj, path, columns)
        if sheet.own_key is not None and parent is not None:
            own = _key_text(obj.get("id")) if sheet.by_id else str(parent.counts[sheet.name])
            self.parents[sheet.name].setdefault((*keys, own), _Parent(obj, path, shape))

    def _key_cell(self, here: _Row) -> Cell:
        sheet = here.sheet
        return here.cell(sheet.keys[-1]) if sheet.keys else Cell(sheet=sheet.name, row=here.number)

    def _attach(self, here: _Row, parent: _Parent, obj: dict[str, Any]) -> str | None:
        """Put ``obj`` in its list in the parent's object; return its path (``None`` if it cannot go there)."""
        sheet = here.sheet
        found = self.child_of.get((id(parent.shape), sheet.name), _MISSING)
        if found is _MISSING:
            children = parent.shape.children if parent.shape is not None else ()
            found = next((child for child in children if child.sheet == sheet.name), None)
            self.child_of[(id(parent.shape), sheet.name)] = found
        child: Child | None = found
        if child is None:
            message = f"expected a row whose kind has the list of sheet {sheet.name!r}, got a row of another kind"
            self.problem("SHEET005", parent.path, message, self._key_cell(here))
            return None
        index = parent.counts.get(sheet.name, 0)
        parent.counts[sheet.name] = index + 1
        path = f"{parent.path}.{'.'.join(child.path)}[{index}]"
        target = _into(parent.obj, child.path[:-1])
        items = target.setdefault(child.path[-1], []) if target is not None else None
        if type(items) is not list:
            message = f"expected the list {heading_of(child.path)!r} to hold the rows of sheet {sheet.name!r}"
            self.problem("SHEET008", path, message, self._key_cell(here))
            return None
        items.append(obj)
        return path

    def _plan(
        self, sheet: SheetLayout, shape: Shape | None, columns: dict[int, str]
    ) -> list[_Step]:
        """How to read each used column of ``sheet`` for rows of ``shape`` (made once per pair)."""
        key = (sheet.name, id(shape), id(columns))
        plan = self.plans.get(key)
        if plan is None:
            skip = {*sheet.keys, "type"} if sheet.name != META else set()
            plan = []
            for position, heading in sorted(columns.items()):
                if heading in skip:
                    continue
                column = shape.by_heading.get(heading) if shape is not None else None
                keys = column.path if column is not None else split_heading(heading)
                node = column.node if column is not None else None
                text = (
                    column is not None
                    and column.form == "scalar"
                    and (
                        isinstance(node, EnumOf)
                        or (
                            isinstance(node, Scalar) and node.name in _TEXT and node.pattern is None
                        )
                    )
                )
                plan.append(_Step(position - 1, heading, column, keys, bool(text)))
            self.plans[key] = plan
        return plan

    def _fill(
        self,
        here: _Row,
        shape: Shape | None,
        obj: dict[str, Any],
        path: str,
        columns: dict[int, str],
    ) -> None:
        """Read the row's cells into ``obj``."""
        row = here.row
        width = len(row)
        for step in self._plan(here.sheet, shape, columns):
            if step.index >= width:
                break
            raw = row[step.index]
            if raw is None or raw == "":
                continue
            keys = step.keys
            if step.text and type(raw) is str and raw[0] != "\\":
                value: Any = raw  # the common case: text in a text column
            else:
                try:
                    value = (
                        decode(step.column, raw) if step.column is not None else decode_json(raw)
                    )
                except CellIssue as issue:
                    self.problem(
                        "LOAD002", _path(path, keys), str(issue.args[0]), here.cell(step.heading)
                    )
                    continue
                if value is ABSENT:
                    continue
            holder = obj if len(keys) == 1 else _into(obj, keys[:-1])
            if value is OBJECT and holder is not None:
                continue
            if holder is None or keys[-1] in holder:
                message = (
                    f"expected heading {step.heading!r} to name a value of its own, "
                    "but another heading already gives one there"
                )
                self.problem("SHEET008", _path(path, keys), message, here.cell(step.heading))
                continue
            holder[keys[-1]] = value

    def _shape(self, sheet: SheetLayout, parent: _Parent | None, tag: Any) -> Shape | None:
        if sheet.noun is not None:
            cls = sheet.tags.get(tag) if isinstance(tag, str) else None
            if cls is not None:
                return sheet.shapes[cls]
            if sheet.name not in self.unions:
                self.unions[sheet.name] = _union(sheet)
            return self.unions[sheet.name]
        if parent is not None and parent.shape is not None:
            for child in parent.shape.children:
                if (
                    child.sheet == sheet.name
                    and isinstance(child.item, Obj)
                    and child.item.cls in sheet.shapes
                ):
                    return sheet.shapes[child.item.cls]
        return next(iter(sheet.shapes.values()), None)

    def finish(self) -> None:
        """Give each object read its required lists of objects that had no row."""
        for parents in self.parents.values():
            for parent in parents.values():
                if parent.shape is None:
                    continue
                for child in parent.shape.children:
                    if child.required:
                        holder = _get(parent.obj, child.path[:-1])
                        if type(holder) is dict:
                            holder.setdefault(child.path[-1], [])
        meta = self.layout.by_name[META]
        shape = next(iter(meta.shapes.values()))
        for child in shape.children:
            if child.required:
                self.document.setdefault(child.path[-1], [])


def _union(sheet: SheetLayout) -> Shape | None:
    """A shape with every column of the sheet's kinds, for a row whose kind is unknown."""
    columns: dict[str, Column] = {}
    for shape in sheet.shapes.values():
        for column in shape.columns:
            columns.setdefault(column.heading, column)
    if not columns:
        return None
    children = {child.sheet: child for shape in sheet.shapes.values() for child in shape.children}
    first = next(iter(sheet.shapes.values()))
    return attrs.evolve(
        first,
        columns=tuple(columns.values()),
        by_heading=columns,
        children=tuple(children.values()),
    )


def _key_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip() if isinstance(value, str) else str(value)


def _path(path: str, keys: tuple[str, ...]) -> str:
    for key in keys:
        path = path_key(path, key)
    return path


def _into(obj: dict[str, Any], keys: tuple[str, ...]) -> dict[str, Any] | None:
    for key in keys:
        nxt = obj.setdefault(key, {})
        if type(nxt) is not dict:
            return None
        obj = nxt
    return obj


def _blank(row: list[Any]) -> bool:
    return all(value is None or value == "" for value in row)


def read_tables(
    layout: Layout,
    sheets: Iterator[tuple[str, bool, Iterable[tuple[int, list[Any]]]]],
    *,
    unknown: str,
    extra: list[SheetProblem] | None = None,
) -> tuple[Ecosystem, CellMap]:
    """Read an ecosystem from sheets given as ``(name, hidden, rows)``, parents before children.

    ``rows`` are ``(number, cells)`` pairs, numbered from 1, blank rows
    optional. ``extra`` holds problems the caller finds while the rows are
    read (merged cells); every problem is raised at once in one
    :class:`~ptcekit.errors.LoadError` of :class:`~ptcekit.sheets.SheetProblem`.
    """
    reader = _Reader(layout, unknown)
    for name, hidden, rows in sheets:
        sheet = layout.by_name.get(name)
        if name == LISTS:
            continue
        if sheet is None:
            if any(not _blank(row) for _, row in rows):
                state = "hidden sheet" if hidden else "sheet"
                expected = ", ".join(s.name for s in layout.sheets)
                if len(expected) > 200:
                    expected = expected[:199] + "…"
                reader.problem(
                    "SHEET002",
                    "$",
                    f"unknown {state} {name!r}; expected sheets named: {expected}",
                    Cell(sheet=name),
                )
            continue
        reader.sheet(sheet, rows)
    reader.finish()
    problems: list[Problem] = [*reader.problems, *(extra or [])]
    try:
        ecosystem = from_dict(reader.document, unknown="keep" if reader.keep else "forbid")
    except LoadError as error:
        problems.extend(
            SheetProblem(
                path=problem.path,
                message=problem.message,
                code=problem.code,
                cell=reader.cells.locate(problem.path),
            )
            for problem in error.problems
        )
        raise LoadError(problems) from None
    if problems:
        raise LoadError(problems)
    return ecosystem, reader.cells
