"""SIRET, the 14-digit number of an establishment: its SIREN plus a 5-digit NIC.

The Luhn check runs over all 14 digits, except for La Poste (SIREN 356000000),
whose establishments share one SIREN: for them the sum of the 14 digits must be
a multiple of 5; the head office, 35600000000048, passes Luhn as well. The first
9 digits must form a valid SIREN, that of the legal unit the establishment
belongs to. The reference checks are python-stdnum's :mod:`stdnum.fr.siret`, which applies the La Poste
rule too. :func:`is_valid_compact` answers the same
question for a compact SIRET (14 ASCII digits) with table-driven sums, in a
fraction of the time; it agrees with python-stdnum (a property test proves
it), which stays the reference and gives the precise error for anything refused.

>>> from ptcekit.identifiers import siret
>>> siret.validate("732 829 320 00074")
'73282932000074'
>>> siret.format("73282932000074")
'732 829 320 00074'
>>> siret.siren("73282932000074")
'732829320'
>>> siret.is_valid("35600000000048")  # La Poste head office
True
>>> siret.validate("73282932000075")  # doctest: +ELLIPSIS
Traceback (most recent call last):
    ...
ptcekit.errors.InvalidChecksum: invalid SIRET '73282932000075': the Luhn check digit ...
"""

from __future__ import annotations

import re
from typing import Final

from stdnum import exceptions as stdnum_errors
from stdnum import luhn
from stdnum.fr import siret as stdnum_siret

from ptcekit.errors import InvalidChecksum, InvalidFormat, InvalidLength
from ptcekit.identifiers._common import as_text, passes
from ptcekit.identifiers.siren import LUHN_CHUNKS, translate_stdnum_error

__all__ = [
    "COMPACT_FORM",
    "COMPACT_PATTERN",
    "KIND",
    "LA_POSTE_SIREN",
    "compact",
    "format",
    "is_valid",
    "is_valid_compact",
    "siren",
    "validate",
]

KIND: Final = "SIRET"
#: The compact form the wire carries, as a regular expression: ``compact``
#: leaves every string it matches unchanged.
COMPACT_PATTERN: Final = "[0-9]{14}"
#: :data:`COMPACT_PATTERN` in words, for messages.
COMPACT_FORM: Final = "a SIRET in compact form (14 digits)"
LA_POSTE_SIREN: Final = "356000000"
"""The SIREN that all La Poste establishments share."""

_LENGTH: Final = 14
_SEPARATORS: Final = str.maketrans("", "", " .-")
_DIGITS: Final = re.compile(r"[0-9]+")
_LA_POSTE_HEAD_OFFICE: Final = "35600000000048"


def _as_text(value: object) -> str:
    return as_text(KIND, value)


def compact(value: str) -> str:
    """Return ``value`` without spaces, dots, dashes or surrounding whitespace.

    Args:
        value: a SIRET as typed or printed, such as ``"732 829 320 00074"``.

    Returns:
        The digits alone; nothing is checked.

    Raises:
        InvalidFormat: ``value`` is not a string.
    """
    return _as_text(value).translate(_SEPARATORS).strip()


def _checksum_reason(number: str) -> str:
    """Say which of the SIRET's checksum rules ``number`` breaks."""
    if number.startswith(LA_POSTE_SIREN):
        return "La Poste rule: the sum of the 14 digits must be a multiple of 5"
    if not luhn.is_valid(number):
        return "the Luhn check digit over the 14 digits does not match"
    return "the first 9 digits are not a valid SIREN (its Luhn check digit does not match)"


def validate(value: str) -> str:
    """Check a SIRET and return its compact form.

    Args:
        value: the SIRET to check.

    Returns:
        The 14 digits.

    Raises:
        InvalidFormat: ``value`` is not a string or holds other characters than digits.
        InvalidLength: there are not 14 digits.
        InvalidChecksum: the Luhn check (or the La Poste rule) fails, or the
            embedded SIREN's own check digit does not match.
    """
    number = compact(value)
    # Length and characters are checked here, so that the messages say what was
    # expected and non-ASCII digits (which stdnum folds to ASCII) are refused.
    if len(number) != _LENGTH:
        reason = f"expected {_LENGTH} digits, got {len(number)}"
        raise InvalidLength(KIND, value, reason)
    if not _DIGITS.fullmatch(number):
        reason = f"expected {_LENGTH} digits, got other characters"
        raise InvalidFormat(KIND, value, reason)
    try:
        stdnum_siret.validate(number)
    except stdnum_errors.InvalidChecksum:
        reason = _checksum_reason(number)
        raise InvalidChecksum(KIND, value, reason) from None
    except stdnum_errors.ValidationError as error:  # a check a later stdnum may add
        raise translate_stdnum_error(error, KIND, value) from None
    return number


def is_valid(value: object) -> bool:
    """Tell whether ``value`` is a valid SIRET; never raises.

    Args:
        value: anything.

    Returns:
        ``True`` if :func:`validate` accepts it.
    """
    return passes(validate, value)


def is_valid_compact(value: object) -> bool:
    """Tell whether ``value`` is a SIRET in compact form (14 ASCII digits) that passes; never raises.

    The fast path of the model's and the loader's checks: table-driven sums
    for the Luhn check over the 14 digits, the La Poste rule and the
    embedded SIREN, equal to python-stdnum's (the reference, which
    :func:`validate` runs) on every compact form. ``False`` for anything
    else, valid spaced forms included: call :func:`validate` to compact them
    or to learn what is wrong.

    Args:
        value: anything.

    Returns:
        ``True`` exactly when ``value`` is a ``str`` of 14 ASCII digits that
        :func:`validate` accepts.

    >>> is_valid_compact("73282932000074"), is_valid_compact("35600000000001")
    (True, True)
    >>> is_valid_compact("73282932000075"), is_valid_compact("732 829 320 00074")
    (False, False)
    """
    if type(value) is not str or len(value) != _LENGTH:
        return False
    chunks = LUHN_CHUNKS
    try:
        # the embedded SIREN: its first digit alone, then two chunks of four
        siren_sum = chunks[value[0]] + chunks[value[1:5]] + chunks[value[5:9]]
        # all 14 digits: a chunk of two, then three of four, so that the
        # doubled digits (odd places from the right) come first in each pair
        luhn_sum = chunks[value[:2]] + chunks[value[2:6]] + chunks[value[6:10]] + chunks[value[10:]]
    except KeyError:
        return False  # other characters than ASCII digits
    if siren_sum % 10:
        return False
    if value.startswith(LA_POSTE_SIREN) and value != _LA_POSTE_HEAD_OFFICE:
        return sum(map(int, value)) % 5 == 0
    return luhn_sum % 10 == 0


def format(value: str) -> str:  # noqa: A001 -- the python-stdnum interface name
    """Return the SIRET as INSEE prints it: the SIREN by threes, then the NIC.

    Args:
        value: the SIRET to format.

    Returns:
        The SIRET as ``"732 829 320 00074"``.

    Raises:
        IdentifierError: ``value`` is not a valid SIRET (see :func:`validate`).
    """
    return str(stdnum_siret.format(validate(value)))


def siren(value: str) -> str:
    """Return the SIREN of the legal unit that owns the establishment.

    Args:
        value: a SIRET.

    Returns:
        Its first 9 digits, compact.

    Raises:
        IdentifierError: ``value`` is not a valid SIRET (see :func:`validate`).
    """
    return validate(value)[:9]
