"""Région codes of the Code officiel géographique (COG 2024): 18 two-digit codes.

13 metropolitan régions and the 5 overseas ones (01 to 06), as INSEE's Code
officiel géographique lists them (<https://www.insee.fr/fr/metadonnees/source/serie/s2084>).
The collectivités d'outre-mer belong to no région.

>>> from ptcekit.identifiers import region
>>> region.validate("84")
'84'
>>> region.label("94")
'Corse'
>>> region.validate("05")  # doctest: +ELLIPSIS
Traceback (most recent call last):
    ...
ptcekit.errors.InvalidComponent: invalid région code '05': not one of the 18 région codes ...
"""

from __future__ import annotations

import re
import types
from typing import TYPE_CHECKING, Final

from ptcekit.errors import InvalidComponent, InvalidFormat, InvalidLength
from ptcekit.identifiers._common import as_text, passes

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = [
    "COMPACT_FORM",
    "COMPACT_PATTERN",
    "FIRST_MERGED_YEAR",
    "KIND",
    "NAMES",
    "NAMES_2015",
    "compact",
    "format",
    "is_valid",
    "label",
    "validate",
]

KIND: Final = "région code"
#: The compact form the wire carries, as a regular expression: ``compact``
#: leaves every string it matches unchanged.
COMPACT_PATTERN: Final = "[0-9]{2}"
#: :data:`COMPACT_PATTERN` in words, for messages.
COMPACT_FORM: Final = 'a COG région code of 2 digits such as "84"'
_LENGTH: Final = 2
_PATTERN: Final = re.compile(r"[0-9]{2}")

NAMES: Final[Mapping[str, str]] = types.MappingProxyType(
    {
        "01": "Guadeloupe",
        "02": "Martinique",
        "03": "Guyane",
        "04": "La Réunion",
        "06": "Mayotte",
        "11": "Île-de-France",
        "24": "Centre-Val de Loire",
        "27": "Bourgogne-Franche-Comté",
        "28": "Normandie",
        "32": "Hauts-de-France",
        "44": "Grand Est",
        "52": "Pays de la Loire",
        "53": "Bretagne",
        "75": "Nouvelle-Aquitaine",
        "76": "Occitanie",
        "84": "Auvergne-Rhône-Alpes",
        "93": "Provence-Alpes-Côte d'Azur",
        "94": "Corse",
    }
)
"""The name of each région, by code (COG 2024)."""

#: The first COG edition with the régions of :data:`NAMES`: they merged on 1 January 2016
#: (loi n° 2015-29 du 16 janvier 2015).
FIRST_MERGED_YEAR: Final = 2016

NAMES_2015: Final[Mapping[str, str]] = types.MappingProxyType(
    {
        "01": "Guadeloupe",
        "02": "Martinique",
        "03": "Guyane",
        "04": "La Réunion",
        "06": "Mayotte",
        "11": "Île-de-France",
        "21": "Champagne-Ardenne",
        "22": "Picardie",
        "23": "Haute-Normandie",
        "24": "Centre",
        "25": "Basse-Normandie",
        "26": "Bourgogne",
        "31": "Nord-Pas-de-Calais",
        "41": "Lorraine",
        "42": "Alsace",
        "43": "Franche-Comté",
        "52": "Pays de la Loire",
        "53": "Bretagne",
        "54": "Poitou-Charentes",
        "72": "Aquitaine",
        "73": "Midi-Pyrénées",
        "74": "Limousin",
        "82": "Rhône-Alpes",
        "83": "Auvergne",
        "91": "Languedoc-Roussillon",
        "93": "Provence-Alpes-Côte d'Azur",
        "94": "Corse",
    }
)
"""The name of each of the 27 régions of before the merger of 1 January 2016, by code (COG 2015)."""


def _as_text(value: object) -> str:
    return as_text(KIND, value)


def compact(value: str) -> str:
    """Return ``value`` stripped of surrounding whitespace and upper-cased.

    Args:
        value: a région code, such as ``" 84 "``.

    Returns:
        The code; nothing is checked.

    Raises:
        InvalidFormat: ``value`` is not a string.
    """
    return _as_text(value).strip().upper()


def validate(value: str, *, year: int | None = None) -> str:
    """Check a région code and return its compact form.

    Args:
        value: the région code to check.
        year: the COG edition the code belongs to; the régions of before the
            merger of 1 January 2016 (:data:`NAMES_2015`, such as ``"82"``,
            Rhône-Alpes) for a year before 2016, those of :data:`NAMES` otherwise
            (and when ``None``).

    Returns:
        The 2-digit code.

    Raises:
        InvalidFormat: ``value`` is not a string, or not 2 digits.
        InvalidLength: it does not have 2 characters.
        InvalidComponent: it is not one of the 18 région codes (of the 27 of
            2015 for a ``year`` before 2016).

    >>> validate("82", year=2015)
    '82'
    """
    code = compact(value)
    if len(code) != _LENGTH:
        reason = f"expected {_LENGTH} digits, got {len(code)} characters"
        raise InvalidLength(KIND, value, reason)
    if not _PATTERN.fullmatch(code):
        reason = f"expected {_LENGTH} digits"
        raise InvalidFormat(KIND, value, reason)
    if year is not None and year < FIRST_MERGED_YEAR:
        if code not in NAMES_2015:
            reason = f"not one of the 27 région codes of the COG 2015, which apply in {year}"
            raise InvalidComponent(KIND, value, reason)
        return code
    if code not in NAMES:
        reason = "not one of the 18 région codes of the COG 2024"
        raise InvalidComponent(KIND, value, reason)
    return code


def is_valid(value: object) -> bool:
    """Tell whether ``value`` is a valid région code; never raises.

    Args:
        value: anything.

    Returns:
        ``True`` if :func:`validate` accepts it.
    """
    return passes(validate, value)


def format(value: str) -> str:  # noqa: A001 -- the python-stdnum interface name
    """Return the région code in its compact form.

    Args:
        value: the région code to format.

    Returns:
        The 2-digit code.

    Raises:
        IdentifierError: ``value`` is not a valid région code (see :func:`validate`).
    """
    return validate(value)


def label(value: str) -> str:
    """Return the name of a région.

    Args:
        value: a région code.

    Returns:
        The région's name in the COG 2024, such as ``"Bretagne"``.

    Raises:
        IdentifierError: ``value`` is not a valid région code (see :func:`validate`).
    """
    return NAMES[validate(value)]
