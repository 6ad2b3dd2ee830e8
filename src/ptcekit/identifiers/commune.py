"""Commune codes of the Code officiel géographique (the "code INSEE", not the postcode).

A commune code has 5 characters: in metropolitan France the 2-character
département (``2A``/``2B`` in Corsica) and 3 digits; in the overseas
départements the 3-digit département (971 to 974, 976) and 2 digits
(ess-law.md §3.5, rule R27). The check is structural: the département part must
be a real département, but whether the commune exists in a given COG edition
(millésime) is not checked. The arrondissements municipaux of Paris, Lyon and
Marseille (75101…) have the same shape and pass. Codes of the collectivités
d'outre-mer (975…, 977…, 98…) are refused, as their départements are.

>>> from ptcekit.identifiers import commune
>>> commune.validate("2a004")
'2A004'
>>> commune.departement_of("97101")
'971'
>>> commune.validate("20004")  # doctest: +ELLIPSIS
Traceback (most recent call last):
    ...
ptcekit.errors.InvalidComponent: invalid commune code '20004': ... split into 2A (Corse-du-Sud) ...
"""

from __future__ import annotations

import re
from typing import Final

from ptcekit.errors import (
    IdentifierError,
    InvalidComponent,
    InvalidFormat,
    InvalidLength,
)
from ptcekit.identifiers import departement
from ptcekit.identifiers._common import as_text, passes

__all__ = ["KIND", "compact", "departement_of", "format", "is_valid", "validate"]

KIND: Final = "commune code"
_LENGTH: Final = 5
_PATTERN: Final = re.compile(r"(?:[0-9]{2}|2[AB])[0-9]{3}")
_OVERSEAS_PREFIX: Final = "97"


def _as_text(value: object) -> str:
    return as_text(KIND, value)


def compact(value: str) -> str:
    """Return ``value`` stripped of surrounding whitespace and upper-cased.

    Args:
        value: a commune code, such as ``"2a004"``.

    Returns:
        The code; nothing is checked.

    Raises:
        InvalidFormat: ``value`` is not a string.
    """
    return _as_text(value).strip().upper()


def _departement_part(code: str) -> str:
    """Return the département part of a well-shaped commune code."""
    return code[:3] if code.startswith(_OVERSEAS_PREFIX) else code[:2]


def validate(value: str) -> str:
    """Check a commune code and return its compact form.

    Args:
        value: the commune code to check.

    Returns:
        The 5-character code, such as ``"75056"`` or ``"2A004"``.

    Raises:
        InvalidFormat: ``value`` is not a string, or not 5 digits (or 2A/2B and 3 digits).
        InvalidLength: it does not have 5 characters.
        InvalidComponent: its département part is not a département.
    """
    code = compact(value)
    if len(code) != _LENGTH:
        reason = f"expected {_LENGTH} characters, got {len(code)}"
        raise InvalidLength(KIND, value, reason)
    if not _PATTERN.fullmatch(code):
        reason = "expected 5 digits, or '2A' or '2B' followed by 3 digits"
        raise InvalidFormat(KIND, value, reason)
    part = _departement_part(code)
    try:
        departement.validate(part)
    except IdentifierError as error:
        reason = f"the département part {part!r} is not a département: {error.reason}"
        raise InvalidComponent(KIND, value, reason) from None
    return code


def is_valid(value: object) -> bool:
    """Tell whether ``value`` is a valid commune code; never raises.

    Args:
        value: anything.

    Returns:
        ``True`` if :func:`validate` accepts it.
    """
    return passes(validate, value)


def format(value: str) -> str:  # noqa: A001 -- the python-stdnum interface name
    """Return the commune code in its compact form.

    Args:
        value: the commune code to format.

    Returns:
        The 5-character code.

    Raises:
        IdentifierError: ``value`` is not a valid commune code (see :func:`validate`).
    """
    return validate(value)


def departement_of(value: str) -> str:
    """Return the code of the département a commune belongs to.

    Args:
        value: a commune code.

    Returns:
        The département code: ``"2A"`` for ``"2A004"``, ``"971"`` for ``"97101"``.

    Raises:
        IdentifierError: ``value`` is not a valid commune code (see :func:`validate`).
    """
    return _departement_part(validate(value))
