r"""Cells and wire values: how each value is written to a cell and read back.

A cell holds its value as a spreadsheet user expects: text, a number, a
boolean, a date. A cell that starts with a backslash holds JSON text instead
(``\""`` an empty string, ``\null``, ``\[]`` an empty list, ``\{}`` a nested
object with none of its fields), for the few values a plain cell cannot tell
apart from an empty one; JSON columns (unknown keys kept, or fields of no
flat shape) hold JSON text without the backslash.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from typing import Any, Literal

from ptcekit.serialize.specs import EnumOf, Scalar
from ptcekit.sheets._layout import Column

__all__ = ["ABSENT", "OBJECT", "CellIssue", "decode", "decode_json", "encode", "encode_json"]

#: Where a cell is written: ``"xlsx"`` keeps types (numbers, booleans, dates); ``"csv"`` is all text.
Target = Literal["xlsx", "csv"]


class _Mark:
    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


#: An empty cell: the key is absent.
ABSENT: Any = _Mark("ABSENT")
#: ``\{}`` in an object's first column: the object is present, with none of its fields.
OBJECT: Any = _Mark("OBJECT")

#: Characters a workbook cannot hold (XML 1.0 forbids them), and lone surrogates.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
#: Doubles hold every integer up to this exactly; larger integers are written as text.
_EXACT_INTEGER = 2**53
_INTEGER = re.compile(r"[+-]?[0-9]{1,4000}")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_TRUE = frozenset({"true", "vrai"})
_FALSE = frozenset({"false", "faux"})
#: Separators accepted between the items of a list of codes (which never contain them).
_CODE_SEPARATORS = re.compile(r"[\s;,]+")


class CellIssue(Exception):
    """A cell's content cannot be the value its column holds; ``args[0]`` says why."""


def encode_json(value: Any) -> str:
    """Return the JSON text of a wire value, as a cell holds it (UTF-8 where the cell allows)."""
    text = json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    if _ILLEGAL.search(text):
        text = json.dumps(value, ensure_ascii=True, allow_nan=False, separators=(",", ":"))
    return text


def _escaped(value: Any) -> str:
    return "\\" + encode_json(value)


def _plain_text(text: str) -> bool:
    """Whether ``text`` can be written as it is: not empty, no escape or formula start, no illegal character."""
    return (
        bool(text) and text[0] not in "\\=" and "\r" not in text and _ILLEGAL.search(text) is None
    )


def _item_text(value: Any) -> str | None:
    if type(value) is str:
        return value
    if type(value) is bool:
        return "true" if value else "false"
    if type(value) is int:
        return str(value)
    if type(value) is float:
        return repr(value)
    return None


def encode(column: Column, value: Any, target: Target) -> Any:  # noqa: PLR0911 -- one answer per kind of cell
    """Return the cell value that holds the wire ``value`` of ``column``."""
    if value is None:
        return "\\null"
    if column.form == "json":
        return encode_json(value)
    if column.form == "list":
        if type(value) is not list or not value:
            return _escaped(value)
        texts = [_item_text(item) for item in value]
        if all(
            text is not None and _plain_text(text) and "\n" not in text and "\r" not in text
            for text in texts
        ):
            return "\n".join(texts)  # type: ignore[arg-type]  # every text is a str, checked above
        return _escaped(value)
    name = column.node.name if isinstance(column.node, Scalar) else "str"
    kind = type(value)
    if kind is str:
        if name == "date" and target == "xlsx" and _ISO_DATE.fullmatch(value):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                return _escaped(value)
        return value if _plain_text(value) else _escaped(value)
    if kind is bool and name == "bool":
        return value if target == "xlsx" else ("true" if value else "false")
    if kind is int and name in ("int", "float"):
        if target == "xlsx" and abs(value) < _EXACT_INTEGER and name == "int":
            return value
        return str(value) if name == "int" else _escaped(value)
    if kind is float and name == "float":
        # openpyxl writes 16 significant digits: a double that needs 17 is written as its text
        exact = target == "xlsx" and math.isfinite(value) and float(f"{value:.16g}") == value
        return value if exact else repr(value)
    return _escaped(value)


def decode_json(raw: Any) -> Any:
    """Read a JSON cell: its JSON text, or the text itself when it is not JSON."""
    if isinstance(raw, str):
        try:
            return json.loads(raw, parse_constant=_no_constant)
        except ValueError:
            return raw
    return _typed(raw)


def _no_constant(name: str) -> Any:
    raise ValueError(name)


def _typed(raw: Any) -> Any:
    if isinstance(raw, dt.datetime):
        return raw.date().isoformat() if raw.time() == dt.time() else raw.isoformat()
    if isinstance(raw, dt.date):
        return raw.isoformat()
    if isinstance(raw, float) and not math.isfinite(raw):
        return str(raw)
    if isinstance(raw, dt.time | dt.timedelta):
        return str(raw)
    return raw


def _what(raw: Any) -> str:
    if isinstance(raw, bool):
        return f"the boolean {'TRUE' if raw else 'FALSE'}"
    if isinstance(raw, dt.datetime):
        if raw.time() == dt.time():
            return f"a date cell ({raw.date().isoformat()})"
        return f"a date and time cell ({raw.isoformat(sep=' ')})"
    if isinstance(raw, dt.date):
        return f"a date cell ({raw.isoformat()})"
    if isinstance(raw, int | float):
        return f"the number {_number(raw)}"
    return f"a {type(raw).__name__} cell"


def _number(raw: int | float) -> str:
    if isinstance(raw, float) and raw.is_integer() and abs(raw) < _EXACT_INTEGER:
        return f"{raw:.1f}"
    return repr(raw)


def _text_of_number(raw: int | float) -> str:
    if isinstance(raw, float) and raw.is_integer() and abs(raw) < _EXACT_INTEGER:
        return str(int(raw))
    return repr(raw)


def decode(column: Column, raw: Any) -> Any:
    """Read the cell ``raw`` of ``column`` as a wire value, :data:`ABSENT` or :data:`OBJECT`.

    Values of the wrong type are passed on as they are, for the loader to
    report with its own message; what only a spreadsheet can get wrong (a
    code typed as a number, a date typed as text) raises :class:`CellIssue`.
    """
    if raw is None or raw == "":
        return ABSENT
    if isinstance(raw, str) and raw[0] == "\\":
        try:
            value = json.loads(raw[1:], parse_constant=_no_constant)
        except ValueError:
            message = (
                f"expected JSON text after the backslash that starts the cell, got {raw[:60]!r}"
            )
            raise CellIssue(message) from None
        if value == {} and column.form != "json" and len(column.path) > 1:
            return OBJECT
        return value
    if column.form == "json":
        return decode_json(raw)
    if column.form == "list":
        return _list(column, raw)
    return _scalar(column.node, raw)


def _list(column: Column, raw: Any) -> Any:
    node = column.node
    patterned = isinstance(node, Scalar) and node.pattern is not None
    if not isinstance(raw, str):
        return [_scalar(node, raw)]
    parts = (
        _CODE_SEPARATORS.split(raw.strip()) if patterned else raw.replace("\r\n", "\n").split("\n")
    )
    return [_scalar(node, part) for part in parts if part or not patterned]


def _scalar(node: Any, raw: Any) -> Any:  # noqa: PLR0911, PLR0912 -- one answer per cell type and field type
    name = node.name if isinstance(node, Scalar) else "str"
    if isinstance(node, EnumOf) or name in ("str", "decimal", "fraction"):
        if isinstance(raw, str):
            return raw
        if (
            isinstance(node, Scalar)
            and node.pattern is not None
            and isinstance(raw, int | float)
            and not isinstance(raw, bool)
        ):
            message = (
                f"expected {node.what or 'text'} as text, got {_what(raw)}; "
                "format the column as text so that leading zeros are kept"
            )
            raise CellIssue(message)
        if isinstance(raw, dt.date | dt.time | dt.timedelta):
            message = f"expected text, got {_what(raw)}; format the column as text"
            raise CellIssue(message)
        if isinstance(raw, int | float) and not isinstance(raw, bool):
            return _text_of_number(raw)
        return raw
    if name == "date":
        if isinstance(raw, dt.datetime):
            if raw.time() != dt.time():
                message = f"expected a date, got {_what(raw)}"
                raise CellIssue(message)
            return raw.date().isoformat()
        if isinstance(raw, dt.date):
            return raw.isoformat()
        if isinstance(raw, str) and _ISO_DATE.fullmatch(raw.strip()):
            return raw.strip()
        shown = f"the text {raw!r}" if isinstance(raw, str) else _what(raw)
        message = f"expected a date (a date cell, or text as YYYY-MM-DD), got {shown}"
        raise CellIssue(message)
    if isinstance(raw, dt.date | dt.time | dt.timedelta):
        message = f"expected {'a number' if name in ('int', 'float') else 'true or false'}, got {_what(raw)}"
        raise CellIssue(message)
    if name == "int":
        if isinstance(raw, float) and raw.is_integer():
            return int(raw)
        if isinstance(raw, str) and _INTEGER.fullmatch(raw.strip()):
            return int(raw.strip())
        return raw
    if name == "float":
        if isinstance(raw, int) and not isinstance(raw, bool):
            return float(raw)
        if isinstance(raw, str):
            try:
                number = float(raw.strip())
            except ValueError:
                return raw
            return number if math.isfinite(number) else raw
        return raw
    # a boolean
    if isinstance(raw, str):
        word = raw.strip().lower()
        if word in _TRUE:
            return True
        if word in _FALSE:
            return False
    return raw
