"""The reference page of the sheet layout, made from the layout itself."""

from __future__ import annotations

from ptcekit.serialize.specs import EnumOf, Scalar
from ptcekit.sheets._layout import LISTS, META, Column, Layout, Shape, SheetLayout, layout
from ptcekit.sheets._problems import SHEET_CODES

__all__ = ["reference_markdown"]

_HOLDS = {
    "str": "text",
    "decimal": "exact decimal, as text",
    "fraction": "exact fraction, as text (`1/3`)",
    "date": "date",
    "int": "whole number",
    "float": "number",
    "bool": "TRUE or FALSE",
}

_INTRO = f"""\
# Sheet layout

How {{func}}`ptcekit.sheets.to_xlsx` and {{func}}`ptcekit.sheets.to_csv` lay a document out, and what {{func}}`ptcekit.sheets.from_xlsx` and {{func}}`ptcekit.sheets.from_csv` read.
{{doc}}`../guides/spreadsheets` shows how to use it.

Every sheet has its headings (wire names) in row 1 and a human label in row 2, which reading skips; data starts in row 3.
A child sheet's first columns name the row its rows belong to: the parent's `id` (`poles/id`), or, for a list inside a list item, the item's position from 1 (`…/#`).
Rows of a child sheet keep their order within their parent.
The `{META}` sheet has one data row; the hidden `{LISTS}` sheet holds the values of the drop-down lists.
In a CSV folder each sheet is a file, `<sheet>.csv` (UTF-8), with the same cells.

A cell that starts with a backslash holds JSON text: `\\""` is an empty string, `\\null` a null, `\\[]` an empty list, and `\\{{}}` in the first column of a nested object means the object is there with none of its fields.
A list of codes (SIRETs, COG codes) is one cell with one code per line; reading also accepts codes separated by spaces, commas or semicolons, which codes never contain.
A list of free text is one cell with one item per line (an item with a line break of its own is written as JSON).

This page is generated from the layout by `scripts/write_sheet_layout.py`, for the kinds ptcekit defines; an extension kind adds its own columns and sheets.
"""


def _codes() -> str:
    lines = [
        "## Problems",
        "",
        "Every problem of a workbook or CSV folder is a {class}`~ptcekit.sheets.SheetProblem`: a load problem (see {doc}`load-problems`) that also names its cell.",
        "A problem of a value (a code typed as a number, a date typed as text, an unknown heading) has the loader's code, `LOAD002` or `LOAD001`; the problems only sheets can have are these:",
        "",
        "| code | title | what it means |",
        "|---|---|---|",
    ]
    for code, text in SHEET_CODES.items():
        title, _, meaning = text.partition(": ")
        lines.append(f"| `{code}` | {title} | {meaning[0].upper()}{meaning[1:]}. |")
    return "\n".join(lines) + "\n"


def _holds(column: Column) -> str:
    node = column.node
    if column.form == "json":
        return "JSON text"
    if isinstance(node, EnumOf):
        what = f"one of a list ({', '.join(f'`{member.value}`' for member in node.cls)})"
    elif isinstance(node, Scalar):
        what = _HOLDS[node.name]
        if node.pattern is not None and node.what:
            what = node.what.replace("|", "\\|")
    else:  # pragma: no cover -- a column holds a scalar, an enumeration or JSON
        what = "JSON text"
    return f"a list, one per line, of {what}" if column.form == "list" else what


def _own(shape: Shape) -> bool:
    return shape.cls.__module__.startswith("ptcekit.")


def _section(sheet: SheetLayout) -> str:
    shapes = [shape for shape in sheet.shapes.values() if _own(shape)]
    kinds = sorted(shape.tag for shape in shapes if shape.tag is not None)
    lines = [f"## `{sheet.name}`", ""]
    lines.append(f"Rows go to `{sheet.where}`.")
    if sheet.noun is not None:
        lines.append(
            f"The `type` column holds the kind of {sheet.noun}: {', '.join(f'`{kind}`' for kind in kinds)}."
        )
    lines += ["", "| heading | label | holds | required | kinds |", "|---|---|---|---|---|"]
    for key in sheet.keys:
        lines.append(f"| `{key}` | the parent row | text | yes | |")
    seen: dict[str, tuple[Column, list[str]]] = {}
    for shape in shapes:
        for column in shape.columns:
            entry = seen.setdefault(column.heading, (column, []))
            if shape.tag is not None:
                entry[1].append(shape.tag)
    for heading, (column, tags) in seen.items():
        if len(tags) == len(kinds):
            which = "all"
        elif len(tags) > len(kinds) / 2:
            which = "all but " + ", ".join(f"`{kind}`" for kind in kinds if kind not in tags)
        else:
            which = ", ".join(f"`{tag}`" for tag in tags)
        required = ""
        if column.required:
            owner = "/".join(column.path[:-1])
            required = f"with `{owner}`" if owner else "yes"
        label = column.label.replace("|", "\\|")
        lines.append(
            f"| `{heading}` | {label} | {_holds(column)} | {required} | {'' if sheet.noun is None else which} |"
        )
    return "\n".join(lines) + "\n"


def reference_markdown(current: Layout | None = None) -> str:
    """Return the reference page of the layout (MyST markdown), for ptcekit's own kinds."""
    current = current or layout()
    sections = [_INTRO, _codes()]
    sections.extend(
        _section(sheet)
        for sheet in current.sheets
        if any(_own(shape) for shape in sheet.shapes.values())
    )
    return "\n".join(sections)
