"""SIREN, the 9-digit number INSEE gives a French legal unit (unité légale).

The last digit is a Luhn check digit, as INSEE computes it for the Sirene
register of enterprises and establishments. The reference check is python-stdnum's :mod:`stdnum.fr.siren`; this module adds
dashes to the separators it strips and turns stdnum's errors into ptcekit's.
:func:`is_valid_compact` answers the same question for a compact SIREN (9
ASCII digits) with a table-driven Luhn sum, in a fraction of the time; it
agrees with python-stdnum (a property test proves it), which stays the
reference and gives the precise error for anything refused.

>>> from ptcekit.identifiers import siren
>>> siren.validate("732 829 320")
'732829320'
>>> siren.format("732829320")
'732 829 320'
>>> siren.is_valid("732829321")
False
>>> siren.validate("732829321")
Traceback (most recent call last):
    ...
ptcekit.errors.InvalidChecksum: invalid SIREN '732829321': the Luhn check digit does not match
"""

from __future__ import annotations

import re
from typing import Final

from stdnum import exceptions as stdnum_errors
from stdnum.fr import siren as stdnum_siren

from ptcekit.errors import (
    IdentifierError,
    InvalidChecksum,
    InvalidComponent,
    InvalidFormat,
    InvalidLength,
)
from ptcekit.identifiers._common import as_text, passes

__all__ = [
    "COMPACT_FORM",
    "COMPACT_PATTERN",
    "KIND",
    "LUHN_CHUNKS",
    "compact",
    "format",
    "is_valid",
    "is_valid_compact",
    "translate_stdnum_error",
    "validate",
]

KIND: Final = "SIREN"
#: The compact form the wire carries, as a regular expression: ``compact``
#: leaves every string it matches unchanged.
COMPACT_PATTERN: Final = "[0-9]{9}"
#: :data:`COMPACT_PATTERN` in words, for messages.
COMPACT_FORM: Final = "a SIREN in compact form (9 digits)"
_LENGTH: Final = 9
_SEPARATORS: Final = str.maketrans("", "", " .-")
_DIGITS: Final = re.compile(r"[0-9]+")
# InvalidLength before InvalidFormat: stdnum derives the first from the second.
_STDNUM_ERRORS: Final[
    tuple[tuple[type[stdnum_errors.ValidationError], type[IdentifierError]], ...]
] = (
    (stdnum_errors.InvalidLength, InvalidLength),
    (stdnum_errors.InvalidFormat, InvalidFormat),
    (stdnum_errors.InvalidChecksum, InvalidChecksum),
    (stdnum_errors.InvalidComponent, InvalidComponent),
)


def _luhn_chunks() -> dict[str, int]:
    """Return the Luhn sums of digit chunks, keyed by the chunk.

    A chunk of 1 digit counts as it is; in chunks of 2 and 4 digits the first
    digit of each pair is doubled (less 9 when the double exceeds 9). A string
    of ASCII digits cut into such chunks, aligned so that the doubled digits
    are those at odd places from the right, has the sum of its chunks as its
    Luhn sum; a chunk with any other character is no key.
    """
    doubled = [2 * d - 9 if 2 * d > 9 else 2 * d for d in range(10)]
    chunks = {str(d): d for d in range(10)}
    pairs = {f"{a}{b}": doubled[a] + b for a in range(10) for b in range(10)}
    chunks.update(pairs)
    chunks.update({head + tail: pairs[head] + pairs[tail] for head in pairs for tail in pairs})
    return chunks


#: The Luhn sums of chunks of 1, 2 and 4 ASCII digits (built once at import),
#: shared with :mod:`ptcekit.identifiers.siret`.
LUHN_CHUNKS: Final[dict[str, int]] = _luhn_chunks()


def _as_text(value: object) -> str:
    return as_text(KIND, value)


def compact(value: str) -> str:
    """Return ``value`` without spaces, dots, dashes or surrounding whitespace.

    Args:
        value: a SIREN as typed or printed, such as ``"732 829 320"``.

    Returns:
        The digits alone; nothing is checked.

    Raises:
        InvalidFormat: ``value`` is not a string.
    """
    return _as_text(value).translate(_SEPARATORS).strip()


def validate(value: str) -> str:
    """Check a SIREN and return its compact form.

    Args:
        value: the SIREN to check.

    Returns:
        The 9 digits.

    Raises:
        InvalidFormat: ``value`` is not a string or holds other characters than digits.
        InvalidLength: there are not 9 digits.
        InvalidChecksum: the Luhn check digit does not match.
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
        stdnum_siren.validate(number)
    except stdnum_errors.InvalidChecksum:
        reason = "the Luhn check digit does not match"
        raise InvalidChecksum(KIND, value, reason) from None
    except stdnum_errors.ValidationError as error:  # a check a later stdnum may add
        raise translate_stdnum_error(error, KIND, value) from None
    return number


def translate_stdnum_error(
    error: stdnum_errors.ValidationError, kind: str, value: object
) -> IdentifierError:
    """Return the ptcekit error matching a python-stdnum validation error.

    Args:
        error: the error python-stdnum raised.
        kind: the identifier kind, for the message.
        value: the value that was checked.

    Returns:
        An error of the matching class (stdnum's generic error becomes an
        :class:`~ptcekit.errors.InvalidFormat`), with stdnum's message as its reason.
    """
    ours = next(
        (mine for theirs, mine in _STDNUM_ERRORS if isinstance(error, theirs)),
        InvalidFormat,
    )
    reason = str(error) or "python-stdnum refused it"
    return ours(kind, value, reason)


def is_valid(value: object) -> bool:
    """Tell whether ``value`` is a valid SIREN; never raises.

    Args:
        value: anything.

    Returns:
        ``True`` if :func:`validate` accepts it.
    """
    return passes(validate, value)


def is_valid_compact(value: object) -> bool:
    """Tell whether ``value`` is a SIREN in compact form (9 ASCII digits) that passes; never raises.

    The fast path of the model's and the loader's checks: a table-driven Luhn
    sum, equal to python-stdnum's (the reference, which :func:`validate`
    runs) on every compact form. ``False`` for anything else, valid spaced
    forms included: call :func:`validate` to compact them or to learn what
    is wrong.

    Args:
        value: anything.

    Returns:
        ``True`` exactly when ``value`` is a ``str`` of 9 ASCII digits that
        :func:`validate` accepts.

    >>> is_valid_compact("732829320"), is_valid_compact("732 829 320"), is_valid_compact("732829321")
    (True, False, False)
    """
    if type(value) is not str or len(value) != _LENGTH:
        return False
    chunks = LUHN_CHUNKS
    try:
        # the first digit (never doubled) alone, then two chunks of four
        total = chunks[value[0]] + chunks[value[1:5]] + chunks[value[5:]]
    except KeyError:
        return False  # other characters than ASCII digits
    return total % 10 == 0


def format(value: str) -> str:  # noqa: A001 -- the python-stdnum interface name
    """Return the SIREN grouped by three digits, as INSEE prints it.

    Args:
        value: the SIREN to format.

    Returns:
        The SIREN as ``"732 829 320"``.

    Raises:
        IdentifierError: ``value`` is not a valid SIREN (see :func:`validate`).
    """
    return str(stdnum_siren.format(validate(value)))
