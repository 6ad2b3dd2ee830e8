"""The wire forms of scalars: their patterns, their parsers and how messages describe values."""

from __future__ import annotations

import datetime as dt
import enum
import json
import re
from decimal import Decimal
from fractions import Fraction

import attrs

__all__ = [
    "DATE_PATTERN",
    "DECIMAL_PATTERN",
    "FRACTION_PATTERN",
    "WireError",
    "anchored",
    "describe",
    "describe_python",
    "parse_date",
    "parse_decimal",
    "parse_fraction",
    "path_key",
]

#: An exact decimal as :class:`str` of a :class:`~decimal.Decimal` writes it:
#: ``"1200.50"``, ``"-3"``, ``"1E+3"``. The exponent is kept, so
#: ``Decimal("1200.50")`` reads back as ``Decimal("1200.50")``.
DECIMAL_PATTERN = r"-?[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?"
#: An exact fraction: ``"1/3"``, ``"1"``, ``"-2/5"``; the denominator is not zero.
FRACTION_PATTERN = r"-?[0-9]+(?:/0*[1-9][0-9]*)?"
#: A calendar date, ISO 8601 extended form: ``"2024-01-31"``.
DATE_PATTERN = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"

_decimal = re.compile(DECIMAL_PATTERN).fullmatch
_fraction = re.compile(FRACTION_PATTERN).fullmatch
_date = re.compile(DATE_PATTERN).fullmatch
_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")

#: What a message says a ``str`` field expects beyond being a string, per pattern.
_LIMIT = 60


class WireError(Exception):
    """A wire value has the wrong form; the message says what was expected."""


def anchored(pattern: str) -> str:
    r"""Return ``pattern`` anchored for JSON Schema, whose patterns are not anchored.

    ``$(?!\n)`` ends the match at the very end in both ECMA-262 and Python
    regular expressions (Python's ``$`` alone also matches before a final newline).

    >>> anchored("[0-9]{9}")
    '^(?:[0-9]{9})$(?!\\n)'
    """
    return f"^(?:{pattern})$(?!\\n)"


def parse_decimal(value: object) -> Decimal:
    """Return the :class:`Decimal` a wire string writes.

    Raises:
        WireError: if ``value`` is not a decimal string.
    """
    if type(value) is not str or _decimal(value) is None:
        raise WireError(value)
    try:
        return Decimal(value)
    except ArithmeticError:
        # an exponent beyond what the decimal context can hold, such as "0E1000000000000000000"
        raise WireError(value) from None


def parse_fraction(value: object) -> Fraction:
    """Return the :class:`Fraction` a wire string such as ``"1/3"`` writes.

    Raises:
        WireError: if ``value`` is not a fraction string.
    """
    if type(value) is not str or _fraction(value) is None:
        raise WireError(value)
    numerator, _, denominator = value.partition("/")
    try:
        if denominator:
            return Fraction(int(numerator), int(denominator))
        return Fraction(int(numerator))
    except (ValueError, ArithmeticError):
        # more digits than Python converts (sys.get_int_max_str_digits), or a zero denominator
        raise WireError(value) from None


def parse_date(value: object) -> dt.date:
    """Return the :class:`datetime.date` a wire string ``"YYYY-MM-DD"`` writes.

    Raises:
        WireError: if ``value`` is not such a string or names no real day.
    """
    if type(value) is not str or _date(value) is None:
        raise WireError(value)
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise WireError(value) from None


def _cut(text: str) -> str:
    return text if len(text) <= _LIMIT else text[: _LIMIT - 1] + "…"


def _kind(value: object) -> str:
    if type(value) is bool:
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list | tuple):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__  # pragma: no cover -- JSON has no other kinds


def describe(value: object) -> str:
    """Describe a wire value for a message: its JSON text, then its JSON kind.

    >>> describe("3"), describe(3), describe(True), describe(None)
    ('"3" (a string)', '3 (a number)', 'true (a boolean)', 'null')
    """
    if value is None:
        return "null"
    try:
        text = json.dumps(value, ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError):  # pragma: no cover -- parsed JSON always dumps
        text = repr(value)
    return f"{_cut(text)} ({_kind(value)})"


def _python_text(value: object) -> str:  # noqa: PLR0911 -- one answer per kind of value
    if value is None:
        return "null"
    if type(value) is bool:
        return "true" if value else "false"
    if isinstance(value, enum.Enum):
        return json.dumps(value.value, ensure_ascii=False)
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, Decimal | Fraction):
        return f'"{value}"'
    if isinstance(value, dt.date):
        return f'"{value.isoformat()}"'
    if isinstance(value, tuple | list):
        items = [_python_text(item) for item in value[:4]]
        if len(value) > 4:
            items.append("…")
        return "[" + ", ".join(items) + "]"
    if attrs.has(type(value)):
        return "{…}"
    return repr(value)


def describe_python(value: object) -> str:
    """Describe a model value for a message, in its wire form.

    >>> from fractions import Fraction
    >>> describe_python(Fraction(4, 3)), describe_python((1, 2))
    ('"4/3"', '[1, 2]')
    """
    return _cut(_python_text(value))


def path_key(path: str, key: object) -> str:
    """Return the path of ``key`` in the object at ``path``.

    >>> path_key("$.actors[3]", "siren"), path_key("$", "odd key")
    ('$.actors[3].siren', '$["odd key"]')
    """
    if isinstance(key, str) and _PLAIN_KEY.fullmatch(key):
        return f"{path}.{key}"
    return f"{path}[{json.dumps(key, ensure_ascii=False)}]"
