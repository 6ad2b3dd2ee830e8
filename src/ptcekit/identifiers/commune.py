"""Commune codes of the Code officiel géographique (the "code INSEE", not the postcode).

A commune code has 5 characters: in metropolitan France the 2-character
département (``2A``/``2B`` in Corsica) and 3 digits; in the overseas
départements the 3-digit département (971 to 974, 976) and 2 digits. The check
is structural there: the département part must be a real département, but
whether the commune exists in a given COG edition (millésime) is not checked.

The collectivités d'outre-mer (Saint-Pierre-et-Miquelon 975, Saint-Barthélemy
977, Saint-Martin 978, and 984, 986 to 989 for the TAAF, Wallis-et-Futuna,
Polynésie française, Nouvelle-Calédonie and Clipperton) have commune codes but
no département and no région; their codes are checked against INSEE's list
(<https://www.insee.fr/fr/information/2028040>, shipped as
:data:`COLLECTIVITE_COMMUNES`), and :func:`departement_of` and
:func:`region_of` answer ``None`` for them. Codes starting with ``99`` are
INSEE's codes of foreign countries, not communes, and are refused.

The arrondissements municipaux of Paris (75101 to 75120), Lyon (69381 to
69389) and Marseille (13201 to 13216) have codes of their own;
:func:`parent_of` gives the commune each belongs to.

>>> from ptcekit.identifiers import commune
>>> commune.validate("2a004")
'2A004'
>>> commune.departement_of("97101")
'971'
>>> commune.departement_of("98735") is None  # Papeete: no département
True
>>> commune.collectivite_of("98735")
'987'
>>> commune.parent_of("69381")
'69123'
>>> commune.validate("20004")  # doctest: +ELLIPSIS
Traceback (most recent call last):
    ...
ptcekit.errors.InvalidComponent: invalid commune code '20004': ... split into 2A (Corse-du-Sud) ...
>>> commune.validate("99134")  # doctest: +ELLIPSIS
Traceback (most recent call last):
    ...
ptcekit.errors.InvalidComponent: invalid commune code '99134': 99… codes are foreign countries, not communes ...
"""

from __future__ import annotations

import re
import types
from typing import TYPE_CHECKING, Final

from ptcekit.errors import (
    IdentifierError,
    InvalidComponent,
    InvalidFormat,
    InvalidLength,
)
from ptcekit.identifiers import _com, departement
from ptcekit.identifiers._common import as_text, passes

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = [
    "ARRONDISSEMENTS",
    "COLLECTIVITES",
    "COLLECTIVITE_COMMUNES",
    "COMPACT_FORM",
    "COMPACT_PATTERN",
    "KIND",
    "collectivite_of",
    "compact",
    "departement_of",
    "format",
    "is_valid",
    "parent_of",
    "region_of",
    "validate",
]

KIND: Final = "commune code"
#: The compact form the wire carries, as a regular expression: ``compact``
#: leaves every string it matches unchanged.
COMPACT_PATTERN: Final = "(?:[0-9]{2}|2[AB])[0-9]{3}"
#: :data:`COMPACT_PATTERN` in words, for messages.
COMPACT_FORM: Final = 'a COG commune code such as "26281" or "2A004"'
_LENGTH: Final = 5
_PATTERN: Final = re.compile(r"(?:[0-9]{2}|2[AB])[0-9]{3}")
_OVERSEAS_PREFIXES: Final = ("97", "98")
_FOREIGN_PREFIX: Final = "99"

COLLECTIVITES: Final[Mapping[str, str]] = _com.COLLECTIVITES
"""The COG code of each collectivité d'outre-mer (``"975"`` to ``"989"``), with its name."""

COLLECTIVITE_COMMUNES: Final[Mapping[str, str]] = _com.COMMUNES
"""The code of each commune of a collectivité d'outre-mer, with its name (INSEE's list, 94 codes)."""


def _arrondissements(parent: str, first: int, last: int) -> dict[str, str]:
    return {str(code): parent for code in range(first, last + 1)}


ARRONDISSEMENTS: Final[Mapping[str, str]] = types.MappingProxyType(
    {
        **_arrondissements("75056", 75101, 75120),  # Paris
        **_arrondissements("69123", 69381, 69389),  # Lyon
        **_arrondissements("13055", 13201, 13216),  # Marseille
    }
)
"""The code of each arrondissement municipal, with the code of its commune (45 codes)."""


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


def _territory_part(code: str) -> str:
    """Return the département or collectivité part of a well-shaped commune code."""
    return code[:3] if code.startswith(_OVERSEAS_PREFIXES) else code[:2]


def validate(value: str) -> str:
    """Check a commune code and return its compact form.

    Args:
        value: the commune code to check.

    Returns:
        The 5-character code, such as ``"75056"``, ``"2A004"`` or ``"98818"``.

    Raises:
        InvalidFormat: ``value`` is not a string, or not 5 digits (or 2A/2B and 3 digits).
        InvalidLength: it does not have 5 characters.
        InvalidComponent: its département part is not a département; it is a
            code of a collectivité d'outre-mer missing from INSEE's list; or it
            is the code of a foreign country (``99…``).
    """
    code = compact(value)
    if len(code) != _LENGTH:
        reason = f"expected {_LENGTH} characters, got {len(code)}"
        raise InvalidLength(KIND, value, reason)
    if not _PATTERN.fullmatch(code):
        reason = "expected 5 digits, or '2A' or '2B' followed by 3 digits"
        raise InvalidFormat(KIND, value, reason)
    if code.startswith(_FOREIGN_PREFIX):
        reason = (
            "99… codes are foreign countries, not communes "
            "(INSEE's code officiel géographique of countries and territories abroad)"
        )
        raise InvalidComponent(KIND, value, reason)
    part = _territory_part(code)
    if part in COLLECTIVITES:
        if code not in COLLECTIVITE_COMMUNES:
            reason = (
                f"not a commune of {COLLECTIVITES[part]} ({part}) in INSEE's list "
                "of the communes of the collectivités d'outre-mer"
            )
            raise InvalidComponent(KIND, value, reason)
        return code
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


def departement_of(value: str) -> str | None:
    """Return the code of the département a commune belongs to.

    Args:
        value: a commune code.

    Returns:
        The département code: ``"2A"`` for ``"2A004"``, ``"971"`` for
        ``"97101"``. ``None`` means the commune has no département: it lies in a
        collectivité d'outre-mer (see :func:`collectivite_of`). An unknown code
        is never ``None``: it raises.

    Raises:
        IdentifierError: ``value`` is not a valid commune code (see :func:`validate`).
    """
    part = _territory_part(validate(value))
    return None if part in COLLECTIVITES else part


def region_of(value: str) -> str | None:
    """Return the code of the région a commune belongs to.

    Args:
        value: a commune code.

    Returns:
        The région code in the COG 2024, such as ``"84"`` for ``"26281"``.
        ``None`` means the commune has no région: it lies in a collectivité
        d'outre-mer. An unknown code is never ``None``: it raises.

    Raises:
        IdentifierError: ``value`` is not a valid commune code (see :func:`validate`).
    """
    dep = departement_of(value)
    return None if dep is None else departement.region_of(dep)


def collectivite_of(value: str) -> str | None:
    """Return the code of the collectivité d'outre-mer a commune lies in.

    Args:
        value: a commune code.

    Returns:
        The collectivité's code, such as ``"987"`` (Polynésie française) for
        ``"98735"``, or ``None`` for a commune of a département.

    Raises:
        IdentifierError: ``value`` is not a valid commune code (see :func:`validate`).
    """
    part = _territory_part(validate(value))
    return part if part in COLLECTIVITES else None


def parent_of(value: str) -> str | None:
    """Return the commune an arrondissement municipal belongs to.

    Args:
        value: a commune code.

    Returns:
        The code of the commune: ``"75056"`` (Paris) for ``"75101"``,
        ``"69123"`` (Lyon) for ``"69381"``, ``"13055"`` (Marseille) for
        ``"13201"``; ``None`` for a code that is no arrondissement municipal.

    Raises:
        IdentifierError: ``value`` is not a valid commune code (see :func:`validate`).
    """
    return ARRONDISSEMENTS.get(validate(value))
