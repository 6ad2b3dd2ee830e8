"""NAF rév. 2 activity codes (the APE code), in the dotted form Sirene uses: ``88.99B``.

A code is 2 digits (the division), a dot, 2 digits and a letter (ess-law.md
§3.6, rule R28). The check is structural only: the division must be 01 to 99,
but whether the code is one of the nomenclature's subclasses is not checked.
NAF 2025 becomes the official APE nomenclature on 1 January 2027; its codes are
not handled here, so record which nomenclature a code belongs to.

>>> from ptcekit.identifiers import naf
>>> naf.validate("88.99B")
'88.99B'
>>> naf.compact("8899b")
'88.99B'
>>> naf.validate("00.00Z")  # doctest: +ELLIPSIS
Traceback (most recent call last):
    ...
ptcekit.errors.InvalidComponent: invalid NAF rév. 2 code '00.00Z': division 00 does not exist: ...
"""

from __future__ import annotations

import re
from typing import Final

from ptcekit.errors import InvalidComponent, InvalidFormat, InvalidLength
from ptcekit.identifiers._common import as_text, passes

__all__ = ["KIND", "compact", "format", "is_valid", "validate"]

KIND: Final = "NAF rév. 2 code"
_LENGTH: Final = 6
_PATTERN: Final = re.compile(r"[0-9]{2}\.[0-9]{2}[A-Z]")
_DOTLESS: Final = re.compile(r"[0-9]{4}[A-Z]")


def _as_text(value: object) -> str:
    return as_text(KIND, value)


def compact(value: str) -> str:
    """Return ``value`` stripped, upper-cased, with the dot put back if it was left out.

    Args:
        value: a NAF code, such as ``"88.99B"`` or ``"8899b"``.

    Returns:
        The code; nothing is checked.

    Raises:
        InvalidFormat: ``value`` is not a string.
    """
    code = _as_text(value).strip().upper()
    if _DOTLESS.fullmatch(code):
        code = f"{code[:2]}.{code[2:]}"
    return code


def validate(value: str) -> str:
    """Check a NAF rév. 2 code and return its dotted form.

    Args:
        value: the code to check, with or without the dot.

    Returns:
        The code, such as ``"88.99B"``.

    Raises:
        InvalidFormat: ``value`` is not a string, or not ``NN.NNL``.
        InvalidLength: it does not have 6 characters (5 without the dot).
        InvalidComponent: its division is 00.
    """
    code = compact(value)
    if len(code) != _LENGTH:
        reason = (
            f"expected {_LENGTH} characters as in '88.99B' (5 without the dot), got {len(code)}"
        )
        raise InvalidLength(KIND, value, reason)
    if not _PATTERN.fullmatch(code):
        reason = "expected 2 digits, a dot, 2 digits and a capital letter, as in '88.99B'"
        raise InvalidFormat(KIND, value, reason)
    if code.startswith("00"):
        reason = "division 00 does not exist: divisions run from 01 to 99"
        raise InvalidComponent(KIND, value, reason)
    return code


def is_valid(value: object) -> bool:
    """Tell whether ``value`` is a well-formed NAF rév. 2 code; never raises.

    Args:
        value: anything.

    Returns:
        ``True`` if :func:`validate` accepts it.
    """
    return passes(validate, value)


def format(value: str) -> str:  # noqa: A001 -- the python-stdnum interface name
    """Return the code in Sirene's dotted form.

    Args:
        value: the code to format.

    Returns:
        The code, such as ``"88.99B"``.

    Raises:
        IdentifierError: ``value`` is not a valid NAF rév. 2 code (see :func:`validate`).
    """
    return validate(value)
