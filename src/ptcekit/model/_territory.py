"""Territories: sets of official geographic codes with their COG edition."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import attrs

from ptcekit.identifiers import commune, departement, region, siren
from ptcekit.model import _checks as c
from ptcekit.model._base import Value
from ptcekit.model._enums import TerritoryLevel

__all__ = ["Territory"]


def _to_territory_level(value: TerritoryLevel | str) -> TerritoryLevel:
    return c.enum_member(TerritoryLevel, value)


#: What each level's codes are, and the identifiers module that checks them.
_CODE_KINDS: dict[TerritoryLevel, tuple[Callable[[str], str], Callable[[str], str], str]] = {
    TerritoryLevel.COMMUNE: (commune.validate, commune.compact, "COG commune code"),
    TerritoryLevel.CUSTOM: (commune.validate, commune.compact, "COG commune code"),
    TerritoryLevel.EPCI: (siren.validate, siren.compact, "SIREN of an EPCI"),
    TerritoryLevel.DEPARTEMENT: (departement.validate, departement.compact, "département code"),
    TerritoryLevel.REGION: (region.validate, region.compact, "région code"),
}


def _arrondissements_by_commune() -> dict[str, tuple[str, ...]]:
    found: dict[str, list[str]] = {}
    for part, parent in commune.ARRONDISSEMENTS.items():
        found.setdefault(parent, []).append(part)
    return {parent: tuple(parts) for parent, parts in found.items()}


#: The arrondissements municipaux of each commune that has them (Paris, Lyon, Marseille).
_ARRONDISSEMENTS_OF = _arrondissements_by_commune()

#: The first and last editions of the Code officiel géographique ptcekit accepts.
COG_YEARS = (1943, 2100)


def _compact_codes(value: Iterable[str]) -> tuple[str, ...]:
    value = c.to_tuple(value)
    if type(value) is not tuple:
        return value
    out = []
    for code in value:
        if type(code) is str:
            code = code.strip().upper()  # noqa: PLW2901 -- normalising the loop's own copy
        out.append(code)
    return tuple(out)


@attrs.frozen(kw_only=True, repr=False)
class Territory(Value):
    """A territory: a name, a level and the official codes that make it up.

    Codes are those of the Code officiel géographique (COG) of INSEE for the
    edition year ``cog_year``, since communes merge every year: commune codes
    (``"26281"``) for a commune or a custom area, département codes
    (``"26"``), région codes (``"84"``), or the SIREN of an EPCI.

    >>> romans = Territory(name="Romans-sur-Isère", level="commune", codes=("26281",), cog_year=2024)
    >>> romans.contains_commune("26281")
    True
    >>> Territory(name="Drôme", level="departement", codes=("26",), cog_year=2024).contains_commune("26281")
    True
    """

    name: str = attrs.field(validator=c.text(multiline=False))
    level: TerritoryLevel = attrs.field(
        converter=_to_territory_level, validator=c.member_of(TerritoryLevel)
    )
    codes: tuple[str, ...] = attrs.field(converter=_compact_codes)
    cog_year: int = attrs.field(validator=c.integer(minimum=COG_YEARS[0], maximum=COG_YEARS[1]))

    @codes.validator
    def _check_codes(self, attribute: attrs.Attribute[Any], value: object) -> None:
        if type(value) is not tuple:
            c.fail_type(self, attribute, "a tuple of codes (str)", value)
        if not value:
            c.fail(self, attribute, "at least one code", value)
        # level is declared before codes, so attrs has already validated it
        validate, _, kind = _CODE_KINDS[self.level]
        c.tuple_of(c.identifier_kind(validate, kind), unique=True, what=f"{kind}s")(
            self, attribute, value
        )

    def contains_commune(self, code: str) -> bool | None:
        """Return whether the commune ``code`` lies in the territory.

        An arrondissement municipal (``"69381"``) lies in a territory that
        lists its commune (``"69123"``); a commune lies in a territory that
        lists all its arrondissements, and may or may not lie in one that lists
        only some (``None``).

        Returns ``None`` when the territory's codes cannot tell: an EPCI,
        whose member communes are not part of the model, or a commune of a
        collectivité d'outre-mer (``"98735"``, Papeete), which belongs to no
        département and no région, against a territory of départements or
        régions.

        Raises:
            IdentifierError: ``code`` is not a valid commune code.
        """
        code = commune.compact(code)
        if self.level is TerritoryLevel.EPCI:
            return None
        if self.level in (TerritoryLevel.COMMUNE, TerritoryLevel.CUSTOM):
            return self._lists_commune(code)
        dep = commune.departement_of(code)
        if dep is None:
            return None
        if self.level is TerritoryLevel.DEPARTEMENT:
            return dep in self.codes
        return departement.region_of(dep) in self.codes

    def _lists_commune(self, code: str) -> bool | None:
        """Whether a territory given by commune codes holds ``code`` (a compact commune code)."""
        if code in self.codes or commune.parent_of(code) in self.codes:
            return True
        parts = _ARRONDISSEMENTS_OF.get(code)
        if parts is None:
            commune.validate(code)  # an unknown code raises rather than answer False
            return False
        listed = sum(part in self.codes for part in parts)
        if listed == 0:
            return False
        return True if listed == len(parts) else None
