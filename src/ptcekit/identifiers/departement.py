"""Département codes of the Code officiel géographique (COG 2024), with names and régions.

A département code is ``01`` to ``95`` (Corsica is ``2A`` and ``2B``, and there
is no ``20``), or ``971`` to ``974`` and ``976`` overseas (INSEE, Code officiel
géographique: <https://www.insee.fr/fr/metadonnees/source/serie/s2084>). ``975`` is
Saint-Pierre-et-Miquelon, a collectivité d'outre-mer and not a département; the
other collectivités (977, 978, 984, 986 to 989) are refused as well. Their
communes have codes of their own, which :mod:`ptcekit.identifiers.commune`
accepts, with no département.

>>> from ptcekit.identifiers import departement
>>> departement.validate("2a")
'2A'
>>> departement.label("974")
'La Réunion'
>>> departement.region_of("35")
'53'
>>> departement.validate("975")  # doctest: +ELLIPSIS
Traceback (most recent call last):
    ...
ptcekit.errors.InvalidComponent: invalid département code '975': ... a collectivité d'outre-mer, ...
"""

from __future__ import annotations

import re
import types
from typing import TYPE_CHECKING, Final

from ptcekit.errors import InvalidComponent, InvalidFormat, InvalidLength
from ptcekit.identifiers import _com
from ptcekit.identifiers._common import as_text, passes

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = [
    "COMPACT_FORM",
    "COMPACT_PATTERN",
    "KIND",
    "NAMES",
    "compact",
    "format",
    "is_valid",
    "label",
    "region_of",
    "validate",
]

KIND: Final = "département code"
#: The compact form the wire carries, as a regular expression: ``compact``
#: leaves every string it matches unchanged.
COMPACT_PATTERN: Final = "(?:[0-9]{2}|2[AB]|97[0-9])"
#: :data:`COMPACT_PATTERN` in words, for messages.
COMPACT_FORM: Final = 'a COG département code such as "26", "2A" or "971"'
_PATTERN: Final = re.compile(r"[0-9]{2,3}|2[AB]")

NAMES: Final[Mapping[str, str]] = types.MappingProxyType(
    {
        "01": "Ain",
        "02": "Aisne",
        "03": "Allier",
        "04": "Alpes-de-Haute-Provence",
        "05": "Hautes-Alpes",
        "06": "Alpes-Maritimes",
        "07": "Ardèche",
        "08": "Ardennes",
        "09": "Ariège",
        "10": "Aube",
        "11": "Aude",
        "12": "Aveyron",
        "13": "Bouches-du-Rhône",
        "14": "Calvados",
        "15": "Cantal",
        "16": "Charente",
        "17": "Charente-Maritime",
        "18": "Cher",
        "19": "Corrèze",
        "2A": "Corse-du-Sud",
        "2B": "Haute-Corse",
        "21": "Côte-d'Or",
        "22": "Côtes-d'Armor",
        "23": "Creuse",
        "24": "Dordogne",
        "25": "Doubs",
        "26": "Drôme",
        "27": "Eure",
        "28": "Eure-et-Loir",
        "29": "Finistère",
        "30": "Gard",
        "31": "Haute-Garonne",
        "32": "Gers",
        "33": "Gironde",
        "34": "Hérault",
        "35": "Ille-et-Vilaine",
        "36": "Indre",
        "37": "Indre-et-Loire",
        "38": "Isère",
        "39": "Jura",
        "40": "Landes",
        "41": "Loir-et-Cher",
        "42": "Loire",
        "43": "Haute-Loire",
        "44": "Loire-Atlantique",
        "45": "Loiret",
        "46": "Lot",
        "47": "Lot-et-Garonne",
        "48": "Lozère",
        "49": "Maine-et-Loire",
        "50": "Manche",
        "51": "Marne",
        "52": "Haute-Marne",
        "53": "Mayenne",
        "54": "Meurthe-et-Moselle",
        "55": "Meuse",
        "56": "Morbihan",
        "57": "Moselle",
        "58": "Nièvre",
        "59": "Nord",
        "60": "Oise",
        "61": "Orne",
        "62": "Pas-de-Calais",
        "63": "Puy-de-Dôme",
        "64": "Pyrénées-Atlantiques",
        "65": "Hautes-Pyrénées",
        "66": "Pyrénées-Orientales",
        "67": "Bas-Rhin",
        "68": "Haut-Rhin",
        "69": "Rhône",
        "70": "Haute-Saône",
        "71": "Saône-et-Loire",
        "72": "Sarthe",
        "73": "Savoie",
        "74": "Haute-Savoie",
        "75": "Paris",
        "76": "Seine-Maritime",
        "77": "Seine-et-Marne",
        "78": "Yvelines",
        "79": "Deux-Sèvres",
        "80": "Somme",
        "81": "Tarn",
        "82": "Tarn-et-Garonne",
        "83": "Var",
        "84": "Vaucluse",
        "85": "Vendée",
        "86": "Vienne",
        "87": "Haute-Vienne",
        "88": "Vosges",
        "89": "Yonne",
        "90": "Territoire de Belfort",
        "91": "Essonne",
        "92": "Hauts-de-Seine",
        "93": "Seine-Saint-Denis",
        "94": "Val-de-Marne",
        "95": "Val-d'Oise",
        "971": "Guadeloupe",
        "972": "Martinique",
        "973": "Guyane",
        "974": "La Réunion",
        "976": "Mayotte",
    }
)
"""The name of each of the 101 départements, by code (COG 2024)."""

# Région code -> its départements (COG 2024); inverted into _REGION_OF below.
_DEPARTEMENTS_OF_REGION: Final[Mapping[str, tuple[str, ...]]] = {
    "01": ("971",),
    "02": ("972",),
    "03": ("973",),
    "04": ("974",),
    "06": ("976",),
    "11": ("75", "77", "78", "91", "92", "93", "94", "95"),
    "24": ("18", "28", "36", "37", "41", "45"),
    "27": ("21", "25", "39", "58", "70", "71", "89", "90"),
    "28": ("14", "27", "50", "61", "76"),
    "32": ("02", "59", "60", "62", "80"),
    "44": ("08", "10", "51", "52", "54", "55", "57", "67", "68", "88"),
    "52": ("44", "49", "53", "72", "85"),
    "53": ("22", "29", "35", "56"),
    "75": ("16", "17", "19", "23", "24", "33", "40", "47", "64", "79", "86", "87"),
    "76": ("09", "11", "12", "30", "31", "32", "34", "46", "48", "65", "66", "81", "82"),
    "84": ("01", "03", "07", "15", "26", "38", "42", "43", "63", "69", "73", "74"),
    "93": ("04", "05", "06", "13", "83", "84"),
    "94": ("2A", "2B"),
}

_REGION_OF: Final[Mapping[str, str]] = types.MappingProxyType(
    {dep: reg for reg, deps in _DEPARTEMENTS_OF_REGION.items() for dep in deps}
)

# COG codes of the collectivités d'outre-mer, only to explain why they are refused.
_COLLECTIVITES: Final[Mapping[str, str]] = _com.COLLECTIVITES


def _as_text(value: object) -> str:
    return as_text(KIND, value)


def compact(value: str) -> str:
    """Return ``value`` stripped of surrounding whitespace and upper-cased.

    Args:
        value: a département code, such as ``"2a"``.

    Returns:
        The code; nothing is checked.

    Raises:
        InvalidFormat: ``value`` is not a string.
    """
    return _as_text(value).strip().upper()


def _unknown_reason(code: str) -> str:
    """Say why a well-shaped ``code`` is not a département."""
    if code in _COLLECTIVITES:
        return f"{code} is {_COLLECTIVITES[code]}, a collectivité d'outre-mer, not a département"
    if code == "20":
        return "Corsica has been split into 2A (Corse-du-Sud) and 2B (Haute-Corse) since 1976"
    return "not one of the 101 département codes of the COG 2024"


def validate(value: str) -> str:
    """Check a département code and return its compact form.

    Args:
        value: the département code to check.

    Returns:
        The code, such as ``"35"``, ``"2A"`` or ``"971"``.

    Raises:
        InvalidFormat: ``value`` is not a string, or not digits, ``2A`` or ``2B``.
        InvalidLength: it does not have 2 characters, or 3 overseas.
        InvalidComponent: it has the right shape but is not a département.
    """
    code = compact(value)
    if len(code) not in {2, 3}:
        reason = f"expected 2 characters, or 3 for an overseas département, got {len(code)}"
        raise InvalidLength(KIND, value, reason)
    if not _PATTERN.fullmatch(code):
        reason = "expected 2 digits, '2A' or '2B', or 3 digits overseas"
        raise InvalidFormat(KIND, value, reason)
    if code not in NAMES:
        reason = _unknown_reason(code)
        raise InvalidComponent(KIND, value, reason)
    return code


def is_valid(value: object) -> bool:
    """Tell whether ``value`` is a valid département code; never raises.

    Args:
        value: anything.

    Returns:
        ``True`` if :func:`validate` accepts it.
    """
    return passes(validate, value)


def format(value: str) -> str:  # noqa: A001 -- the python-stdnum interface name
    """Return the département code in its compact form.

    Args:
        value: the département code to format.

    Returns:
        The code, such as ``"2A"``.

    Raises:
        IdentifierError: ``value`` is not a valid département code (see :func:`validate`).
    """
    return validate(value)


def label(value: str) -> str:
    """Return the name of a département.

    Args:
        value: a département code.

    Returns:
        The département's name in the COG 2024, such as ``"Corse-du-Sud"``.

    Raises:
        IdentifierError: ``value`` is not a valid département code (see :func:`validate`).
    """
    return NAMES[validate(value)]


def region_of(value: str) -> str:
    """Return the code of the région a département belongs to.

    Args:
        value: a département code.

    Returns:
        The 2-digit région code in the COG 2024, such as ``"94"`` for ``"2A"``.

    Raises:
        IdentifierError: ``value`` is not a valid département code (see :func:`validate`).
    """
    return _REGION_OF[validate(value)]
