"""RNA number, the identifier of an association in the Répertoire national des associations.

The répertoire was created by the `arrêté du 14 octobre 2009 portant création
du répertoire national des associations
<https://www.legifrance.gouv.fr/loda/id/JORFTEXT000021190323>`_. An RNA number is ``W``, a digit, a digit
or a capital letter, then 7 digits, as the prefectures issue them: the third
character is a letter in some overseas prefectures (``W9P1002760`` in Polynésie
française, ``W9R…`` at La Réunion, ``W9M…`` in Martinique, ``W9S…`` in
Saint-Pierre-et-Miquelon, ``W9T…`` in Mayotte). An association may have an RNA
number and no SIREN, and an Alsace-Moselle local-law association a SIREN and no
RNA number.

>>> from ptcekit.identifiers import rna
>>> rna.validate(" w751234567 ")
'W751234567'
>>> rna.validate("W9P1002760")
'W9P1002760'
>>> rna.is_valid("W75123456")
False
>>> rna.validate("X751234567")
Traceback (most recent call last):
    ...
ptcekit.errors.InvalidFormat: invalid RNA 'X751234567': expected 'W' as the first character, got 'X'
"""

from __future__ import annotations

from typing import Final

from ptcekit.errors import InvalidFormat, InvalidLength
from ptcekit.identifiers._common import as_text, passes

__all__ = ["COMPACT_FORM", "COMPACT_PATTERN", "KIND", "compact", "format", "is_valid", "validate"]

KIND: Final = "RNA"
#: The compact form the wire carries, as a regular expression: ``compact``
#: leaves every string it matches unchanged.
COMPACT_PATTERN: Final = "W[0-9][0-9A-Z][0-9]{7}"
#: :data:`COMPACT_PATTERN` in words, for messages.
COMPACT_FORM: Final = (
    "an RNA number in compact form (W, a digit, a digit or capital letter, 7 digits)"
)
_LENGTH: Final = 10
_SHAPE: Final = "'W', a digit, a digit or a capital letter, then 7 digits"
_DIGITS: Final = frozenset("0123456789")
_THIRD: Final = _DIGITS | frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")


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


def _misplaced(number: str) -> str | None:
    """Say which character of a 10-character ``number`` breaks the RNA shape, if any."""
    if number[0] != "W":
        return f"expected 'W' as the first character, got {number[0]!r}"
    if number[1] not in _DIGITS:
        return f"expected a digit as the second character, got {number[1]!r}"
    if number[2] not in _THIRD:
        return f"expected a digit or a capital letter as the third character, got {number[2]!r}"
    for position, char in enumerate(number[3:], start=4):
        if char not in _DIGITS:
            return f"expected a digit as character {position} of 10, got {char!r}"
    return None


def validate(value: str) -> str:
    """Check an RNA number and return its compact form.

    Args:
        value: the RNA number to check.

    Returns:
        The number, such as ``"W751234567"`` or ``"W9P1002760"``.

    Raises:
        InvalidFormat: ``value`` is not a string, or a character is out of
            place; the reason names the first one.
        InvalidLength: it does not have 10 characters.
    """
    number = compact(value)
    if len(number) != _LENGTH:
        reason = f"expected {_LENGTH} characters ({_SHAPE}), got {len(number)}"
        raise InvalidLength(KIND, value, reason)
    reason_or_none = _misplaced(number)
    if reason_or_none is not None:
        raise InvalidFormat(KIND, value, reason_or_none)
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
