"""The wire forms of scalars: their patterns and parsers, and the copy of kept JSON values.

What a message says about a value is written in :mod:`ptcekit.serialize._diagnose`.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs

from ptcekit.model.limits import MAX_DEPTH, MAX_FRACTION_DIGITS, MAX_INTEGER_DIGITS

__all__ = [
    "DATE_PATTERN",
    "DECIMAL_PATTERN",
    "FRACTION_PATTERN",
    "INTEGER_BOUND",
    "NotJson",
    "Unreadable",
    "WireError",
    "anchored",
    "join_surrogates",
    "json_copy",
    "parse_date",
    "parse_decimal",
    "parse_fraction",
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

_decimal = re.compile(DECIMAL_PATTERN).fullmatch
_fraction = re.compile(FRACTION_PATTERN).fullmatch
_date = re.compile(DATE_PATTERN).fullmatch
_PAIR = re.compile("[\\ud800-\\udbff][\\udc00-\\udfff]")


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
    """A value kept from a document is not JSON.

    ``args`` are the relative path (such as ``"[2].a"``), what is wrong
    (``"integer"``, ``"float"``, ``"value"``, ``"depth"`` or ``"key"``) and the
    value at fault; :func:`ptcekit.serialize._diagnose.not_json` says it in words.
    """


def json_copy(value: Any, depth: int, where: str = "") -> Any:
    """Return a copy of the JSON value ``value``, whose outermost container would be at ``depth``.

    A JSON value is ``None``, a boolean, a string (surrogate pairs joined), an
    integer of at most ``ptcekit.model.limits.MAX_INTEGER_DIGITS``
    digits, a finite float, a list of them or a dict of them with string
    keys, nested no deeper than ``ptcekit.model.limits.MAX_DEPTH``
    levels in all. Exact builtin types only: the copy is plain data.

    Raises:
        NotJson: with the relative path, what is wrong, and the value at fault.
    """
    kind = type(value)
    if value is None or kind is bool:
        return value
    if kind is str:
        return join_surrogates(value)
    if kind is int:
        if -INTEGER_BOUND < value < INTEGER_BOUND:
            return value
        raise NotJson(where, "integer", value)
    if kind is float:
        if value - value == 0:  # neither an infinity nor NaN
            return value
        raise NotJson(where, "float", value)
    if kind is not list and kind is not dict:
        raise NotJson(where, "value", value)
    if depth > MAX_DEPTH:
        raise NotJson(where, "depth", value)
    if kind is list:
        return [json_copy(item, depth + 1, f"{where}[{index}]") for index, item in enumerate(value)]
    copy = {}
    for key, item in value.items():
        if type(key) is not str:
            raise NotJson(where, "key", key)
        copy[join_surrogates(key)] = json_copy(item, depth + 1, _key_path(where, key))
    return copy


def _key_path(where: str, key: str) -> str:
    """The relative path of ``key`` in the object at ``where``, as the diagnosis writes paths."""
    if _PLAIN_KEY.fullmatch(key):
        return f"{where}.{key}"
    return f"{where}[{json.dumps(key, ensure_ascii=False)}]"


_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
