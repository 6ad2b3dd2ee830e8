"""RNA number, the identifier of an association in the Répertoire national des associations.

An RNA number is ``W`` followed by 9 digits (ess-law.md §3.2, rule R24). An
association may have an RNA number and no SIREN, and an Alsace-Moselle
local-law association a SIREN and no RNA number.

>>> from ptcekit.identifiers import rna
>>> rna.validate(" w751234567 ")
'W751234567'
>>> rna.is_valid("W75123456")
False
>>> rna.validate("X751234567")
Traceback (most recent call last):
    ...
ptcekit.errors.InvalidFormat: invalid RNA 'X751234567': expected 'W' followed by 9 digits
"""

from __future__ import annotations

import re
from typing import Final

from ptcekit.errors import InvalidFormat, InvalidLength
from ptcekit.identifiers._common import as_text, passes

__all__ = ["KIND", "compact", "format", "is_valid", "validate"]

KIND: Final = "RNA"
_LENGTH: Final = 10
_PATTERN: Final = re.compile(r"W[0-9]{9}")


def _as_text(value: object) -> str:
    return as_text(KIND, value)


def compact(value: str) -> str:
    """Return ``value`` stripped of surrounding whitespace and upper-cased.

    Args:
        value: an RNA number, such as ``"w751234567"``.

    Returns:
        The number as the register writes it; nothing is checked.

    Raises:
        InvalidFormat: ``value`` is not a string.
    """
    return _as_text(value).strip().upper()


def validate(value: str) -> str:
    """Check an RNA number and return its compact form.

    Args:
        value: the RNA number to check.

    Returns:
        The number, such as ``"W751234567"``.

    Raises:
        InvalidFormat: ``value`` is not a string, or not ``W`` and 9 digits.
        InvalidLength: it does not have 10 characters.
    """
    number = compact(value)
    if len(number) != _LENGTH:
        reason = f"expected {_LENGTH} characters ('W' followed by 9 digits), got {len(number)}"
        raise InvalidLength(KIND, value, reason)
    if not _PATTERN.fullmatch(number):
        reason = "expected 'W' followed by 9 digits"
        raise InvalidFormat(KIND, value, reason)
    return number


def is_valid(value: object) -> bool:
    """Tell whether ``value`` is a valid RNA number; never raises.

    Args:
        value: anything.

    Returns:
        ``True`` if :func:`validate` accepts it.
    """
    return passes(validate, value)


def format(value: str) -> str:  # noqa: A001 -- the python-stdnum interface name
    """Return the RNA number as the register prints it (its compact form).

    Args:
        value: the RNA number to format.

    Returns:
        The number, such as ``"W751234567"``.

    Raises:
        IdentifierError: ``value`` is not a valid RNA number (see :func:`validate`).
    """
    return validate(value)
