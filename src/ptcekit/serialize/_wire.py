"""The wire forms of scalars: their patterns, their parsers and how messages describe values."""

from __future__ import annotations

import datetime as dt
import enum
import json
import re
import threading
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs

from ptcekit.model.limits import MAX_DEPTH, MAX_FRACTION_DIGITS, MAX_INTEGER_DIGITS

__all__ = [
    "DATE_PATTERN",
    "DECIMAL_PATTERN",
    "DEPTH_MESSAGE",
    "FRACTION_PATTERN",
    "INTEGER_BOUND",
    "NotJson",
    "Unreadable",
    "WireError",
    "anchored",
    "describe",
    "describe_python",
    "join_surrogates",
    "json_copy",
    "lossy_number_seen",
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

#: Integers on the wire lie strictly between ``-INTEGER_BOUND`` and ``INTEGER_BOUND``:
#: at most ``ptcekit.model.limits.MAX_INTEGER_DIGITS`` digits.
INTEGER_BOUND = 10**MAX_INTEGER_DIGITS
_FRACTION_BOUND = 10**MAX_FRACTION_DIGITS
# the digits a fraction's term may have as written, before it is put in lowest terms
_FRACTION_TEXT_DIGITS = 2 * MAX_FRACTION_DIGITS
# and the characters of the whole, leading zeros and sign included
_FRACTION_TEXT_LENGTH = 2 * _FRACTION_TEXT_DIGITS + 4

#: The message of a value nested deeper than ``ptcekit.model.limits.MAX_DEPTH``.
DEPTH_MESSAGE = f"expected at most {MAX_DEPTH} levels of nested arrays and objects, got more"

_decimal = re.compile(DECIMAL_PATTERN).fullmatch
_fraction = re.compile(FRACTION_PATTERN).fullmatch
_date = re.compile(DATE_PATTERN).fullmatch
_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_PAIR = re.compile("[\\ud800-\\udbff][\\udc00-\\udfff]")

#: What a message says a ``str`` field expects beyond being a string, per pattern.
_LIMIT = 60
# integers above this many bits are described by their size, never converted to text
_LONG_BITS = 200
# a float this large and integral may be an integer that orjson read as a float
_LOSSY = 2.0**63


class WireError(Exception):
    """A wire value has the wrong form; the message says what was expected."""


@attrs.frozen
class Unreadable:
    """A JSON number the parser could not read as its value, put where the number was.

    The standard-library reader puts one in place of an integer of more than
    ``ptcekit.model.limits.MAX_INTEGER_DIGITS`` digits and of a number
    beyond the range of a double (``1e400``), so that the problem is reported
    at the number's path rather than for the whole document.

    Attributes:
        what: the number in words, such as ``"an integer of 70 digits"``.
    """

    what: str


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
        WireError: if ``value`` is not a decimal string, or has more than
            ``ptcekit.model.limits.MAX_INTEGER_DIGITS`` digits before its exponent.
    """
    if type(value) is not str or _decimal(value) is None:
        raise WireError(value)
    mantissa = value.partition("e")[0].partition("E")[0]
    if len(mantissa) - mantissa.startswith("-") - ("." in mantissa) > MAX_INTEGER_DIGITS:
        raise WireError(value)
    try:
        return Decimal(value)
    except ArithmeticError:
        # an exponent beyond what the decimal context can hold, such as "0E1000000000000000000"
        raise WireError(value) from None


def parse_fraction(value: object) -> Fraction:
    """Return the :class:`Fraction` a wire string such as ``"1/3"`` writes.

    Each term has at most twice ``ptcekit.model.limits.MAX_FRACTION_DIGITS``
    digits as written (100 characters in all), and at most that many once
    the fraction is in lowest terms, so that sums of shares stay cheap.

    Raises:
        WireError: if ``value`` is not a fraction string, or a term is too long.
    """
    if type(value) is not str or len(value) > _FRACTION_TEXT_LENGTH or _fraction(value) is None:
        raise WireError(value)
    numerator, _, denominator = value.partition("/")
    if (
        len(numerator.lstrip("-").lstrip("0")) > _FRACTION_TEXT_DIGITS
        or len(denominator.lstrip("0")) > _FRACTION_TEXT_DIGITS
    ):
        raise WireError(value)
    # the pattern proves both terms digits and the denominator not zero
    top = int(numerator)
    fraction = Fraction(top, int(denominator)) if denominator else Fraction(top)
    if abs(fraction.numerator) >= _FRACTION_BOUND or fraction.denominator >= _FRACTION_BOUND:
        raise WireError(value)
    return fraction


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


def _join(match: re.Match[str]) -> str:
    return match.group().encode("utf-16", "surrogatepass").decode("utf-16")


def join_surrogates(text: str) -> str:
    r"""Return ``text`` with each surrogate pair held as two code points joined into one.

    A JSON writer writes such a pair as two escapes, which every reader reads
    back as the one character: joined on the way in, the text round-trips.
    Lone surrogates are left alone (they are written and read back as escapes).

    >>> join_surrogates("\udbff\udfff") == "\U0010ffff", join_surrogates("\ud800")
    (True, '\ud800')
    """
    return _PAIR.sub(_join, text) if _PAIR.search(text) else text


class NotJson(Exception):
    """A value kept from a document is not JSON; ``args`` are the relative path and the reason."""


def json_copy(value: Any, depth: int, where: str = "") -> Any:
    """Return a copy of the JSON value ``value``, whose outermost container would be at ``depth``.

    A JSON value is ``None``, a boolean, a string (surrogate pairs joined), an
    integer of at most ``ptcekit.model.limits.MAX_INTEGER_DIGITS``
    digits, a finite float, a list of them or a dict of them with string
    keys, nested no deeper than ``ptcekit.model.limits.MAX_DEPTH``
    levels in all. Exact builtin types only: the copy is plain data.

    Raises:
        NotJson: with the relative path (such as ``"[2].a"``) and what is wrong.
    """
    kind = type(value)
    if value is None or kind is bool:
        return value
    if kind is str:
        return join_surrogates(value)
    if kind is int:
        if -INTEGER_BOUND < value < INTEGER_BOUND:
            return value
        raise NotJson(where, f"expected at most {MAX_INTEGER_DIGITS} digits, got {describe(value)}")
    if kind is float:
        if value - value == 0:  # neither an infinity nor NaN
            return value
        raise NotJson(where, f"expected a finite number, got {describe(value)}")
    if kind is not list and kind is not dict:
        message = f"expected a JSON value (null, true, false, a number, a string, an array or an object), got {describe(value)}"
        raise NotJson(where, message)
    if depth > MAX_DEPTH:
        raise NotJson(where, DEPTH_MESSAGE)
    if kind is list:
        return [json_copy(item, depth + 1, f"{where}[{index}]") for index, item in enumerate(value)]
    copy = {}
    for key, item in value.items():
        if type(key) is not str:
            raise NotJson(where, f"expected string keys, got the key {describe(key)}")
        copy[join_surrogates(key)] = json_copy(item, depth + 1, path_key(where, key))
    return copy


_seen = threading.local()


def lossy_number_seen(*, reset: bool = False) -> bool:
    """Tell whether a message of this thread described a float that may be a misread integer.

    orjson reads integers beyond 64 bits as floats; a problem about such a
    value is worth reading again with the standard library, which keeps them.
    """
    seen = bool(getattr(_seen, "lossy", False))
    if reset:
        _seen.lossy = False
    return seen


def _cut(text: str) -> str:
    return text if len(text) <= _LIMIT else text[: _LIMIT - 1] + "…"


def _kind(value: object) -> str:  # noqa: PLR0911 -- one answer per kind of value
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
    if isinstance(value, Unreadable):
        return value.what
    return f"a Python {type(value).__name__}"


def _int_text(value: int) -> str:
    if value.bit_length() > _LONG_BITS:
        # converting it to text costs quadratic time, or fails past 4,300 digits
        return f"an integer of about {int(value.bit_length() * 0.30103) + 1} digits"
    return str(value)


def _float_text(value: float) -> str:
    if value - value != 0:
        return repr(value)  # inf, -inf, nan: only from Python data, never from JSON text
    if abs(value) >= _LOSSY and value.is_integer():
        _seen.lossy = True
    return json.dumps(value)


def _text(value: object, room: int) -> str:  # noqa: PLR0911 -- one answer per kind of value
    """Write ``value`` as JSON text of about ``room`` characters at most, whatever it holds."""
    kind = type(value)
    if value is None:
        return "null"
    if kind is bool:
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(str.__str__(value)[:room], ensure_ascii=False)
    if isinstance(value, int):
        return _int_text(int.__index__(value))
    if isinstance(value, float):
        return _float_text(float(value))
    if room <= 0:
        return "…"
    if isinstance(value, list | tuple):
        items = []
        for item in value[:4]:
            text = _text(item, room - 2)
            items.append(text)
            room -= len(text) + 1
            if room <= 0:
                break
        more = ", …" if len(value) > len(items) else ""
        return "[" + ", ".join(items) + more + "]"
    if isinstance(value, dict):
        items = []
        for key, item in list(value.items())[:4]:
            text = f"{_text(key, room)}: {_text(item, room - 2)}"
            items.append(text)
            room -= len(text) + 1
            if room <= 0:
                break
        more = ", …" if len(value) > len(items) else ""
        return "{" + ", ".join(items) + more + "}"
    return "…"


def describe(value: object) -> str:
    """Describe a wire value for a message: its JSON text, cut short, then its JSON kind.

    It never fails and does bounded work, whatever ``value`` is: deep or huge
    containers, integers of any size, Python objects (named by their type,
    never by their ``repr``).

    >>> describe("3"), describe(3), describe(True), describe(None)
    ('"3" (a string)', '3 (a number)', 'true (a boolean)', 'null')
    >>> describe([[[[[[[[]]]]]]]]), describe({"a": [1, 2]})
    ('[[[[[[[[]]]]]]]] (an array)', '{"a": [1, 2]} (an object)')
    """
    if value is None:
        return "null"
    if isinstance(value, Unreadable):
        return value.what
    if not isinstance(value, str | int | float | list | tuple | dict):
        return _kind(value)
    return f"{_cut(_text(value, _LIMIT))} ({_kind(value)})"


def _python_text(value: object) -> str:  # noqa: PLR0911, PLR0912 -- one answer per kind of value
    if value is None:
        return "null"
    if type(value) is bool:
        return "true" if value else "false"
    if isinstance(value, enum.Enum):
        return _text(value.value, _LIMIT)
    if isinstance(value, int):
        return _int_text(int.__index__(value))
    if isinstance(value, float):
        return repr(float(value)) if value - value != 0 else _float_text(float(value))
    if isinstance(value, str):
        return _text(value, _LIMIT)
    if isinstance(value, Fraction):
        return f'"{_int_text(value.numerator)}/{_int_text(value.denominator)}"'
    if isinstance(value, Decimal):
        _, digits, exponent = value.as_tuple()
        if len(digits) > _LIMIT or not isinstance(exponent, int) or abs(exponent) > _LIMIT:
            return f"a decimal of {len(digits)} digits"
        return f'"{value}"'
    if isinstance(value, dt.date):
        return f'"{value.isoformat()}"'
    if isinstance(value, tuple | list):
        items = [_python_text(item)[:_LIMIT] for item in value[:4]]
        if len(value) > 4:
            items.append("…")
        return "[" + ", ".join(items) + "]"
    if attrs.has(type(value)):
        return "{…}"
    return f"a Python {type(value).__name__}"


def describe_python(value: object) -> str:
    """Describe a model value for a message, in its wire form; never fails, whatever ``value`` is.

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
    return f"{path}[{_text(key, 1 << 20) if isinstance(key, str) else _text(key, _LIMIT)}]"
