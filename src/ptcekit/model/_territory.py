"""Territories: sets of official geographic codes with their COG edition."""

from __future__ import annotations

import functools
import types
import typing
from collections.abc import Callable, Iterable
from typing import Any, Final

import attrs

from ptcekit import geo
from ptcekit.identifiers import commune, departement, region, siren
from ptcekit.model import validators as v
from ptcekit.model._base import Value
from ptcekit.model._enums import TerritoryLevel

__all__ = ["Territory"]


#: What each level's codes are, and the identifiers module that checks them.
_CODE_KINDS: dict[TerritoryLevel, tuple[Callable[[str], str], types.ModuleType, str]] = {
    TerritoryLevel.COMMUNE: (commune.validate, commune, "COG commune code"),
    TerritoryLevel.CUSTOM: (commune.validate, commune, "COG commune code"),
    TerritoryLevel.EPCI: (siren.validate, siren, "SIREN of an EPCI"),
    TerritoryLevel.DEPARTEMENT: (departement.validate, departement, "département code"),
    TerritoryLevel.REGION: (region.validate, region, "région code"),
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

#: The commune records that stand for part of a commune: an arrondissement, a
#: commune déléguée or associée.
_PART_TYPES: Final = frozenset({geo.CommuneType.ARM, geo.CommuneType.COMD, geo.CommuneType.COMA})


def nearest_vintage(year: int, available: tuple[int, ...]) -> int:
    """The year of ``available`` closest to ``year``, the later one on a tie."""
    return min(available, key=lambda y: (abs(y - year), -y))


def region_vintage(year: int) -> int:
    """The vintage of régions and départements ptcekit reads for the COG ``year``.

    ``year`` itself when shipped, else the nearest one on the same side of the
    merger of 1 January 2016, so that a région code of the year keeps its meaning.
    """
    merged = year >= region.FIRST_MERGED_YEAR
    same_side = tuple(y for y in geo.region_years() if (y >= region.FIRST_MERGED_YEAR) == merged)
    return nearest_vintage(year, same_side)


class _Resolution:
    """A territory read in one vintage: what its codes stand for there."""

    __slots__ = ("answers", "departements", "listed", "parts", "unknown", "whole", "year")

    def __init__(self, territory: Territory) -> None:
        self.year = geo.nearest_year(territory.cog_year)
        self.listed: frozenset[str] = frozenset()
        self.whole: frozenset[str] = frozenset()
        self.parts: dict[str, set[str]] = {}
        self.departements: frozenset[str] | None = None
        #: The answers given so far, by code: seats repeat communes.
        self.answers: dict[str, bool | None] = {}
        unknown: list[str] = []
        level = territory.level
        if level in (TerritoryLevel.COMMUNE, TerritoryLevel.CUSTOM):
            self._communes(territory.codes, unknown)
        elif level is TerritoryLevel.EPCI:
            whole: set[str] = set()
            for code in territory.codes:
                try:
                    whole.update(geo.epci(code, self.year).members)
                except geo.UnknownPlaceError:
                    unknown.append(code)
            self.whole = frozenset(whole)
        else:
            self._departements(territory, unknown)
        self.unknown = tuple(unknown)

    def _communes(self, codes: tuple[str, ...], unknown: list[str]) -> None:
        """Commune codes: a commune is whole; an arrondissement or a former commune, a part."""
        whole: set[str] = set()
        for code in codes:
            records = geo.commune_records(code, self.year)
            if records and records[0].type is geo.CommuneType.COM:
                whole.add(code)
                continue
            try:
                owner = geo.commune_of(code, self.year).code
            except geo.UnknownPlaceError:
                unknown.append(code)
                continue
            self.parts.setdefault(owner, set()).add(code)
        for owner, parts in self.parts.items():
            arrondissements = _ARRONDISSEMENTS_OF.get(owner)
            if arrondissements is not None and parts.issuperset(arrondissements):
                whole.add(owner)  # every arrondissement of Paris, Lyon or Marseille
        self.listed = frozenset(codes)
        self.whole = frozenset(whole)

    def _departements(self, territory: Territory, unknown: list[str]) -> None:
        """Département or région codes: the départements they make up in their year."""
        year = region_vintage(territory.cog_year)
        found: set[str] = set()
        for code in territory.codes:
            try:
                if territory.level is TerritoryLevel.DEPARTEMENT:
                    found.add(geo.departement(code, year).code)
                else:
                    found.update(geo.region(code, year).departements)
            except geo.UnknownPlaceError:
                unknown.append(code)
        self.departements = frozenset(found)

    def contains(self, code: str) -> bool | None:
        """Whether the commune ``code`` (a valid compact code) lies in the territory."""
        if code in self.answers:
            return self.answers[code]
        answer = self.answer(code)
        self.answers[code] = answer
        return answer

    def answer(self, code: str) -> bool | None:
        """Whether the commune ``code`` lies in the territory, worked out."""
        if code in self.listed:
            return True
        try:
            target = geo.commune_of(code, self.year)
        except geo.UnknownPlaceError:
            return None  # a code the vintage does not know: cannot tell
        if self.departements is not None:
            inside = target.departement is not None and target.departement in self.departements
        else:
            inside = target.code in self.whole
            if not inside and target.code == code and target.code in self.parts:
                return None  # the whole commune, of which the territory lists a part
        if inside:
            return True
        return None if self.unknown else False

    def communes(self) -> frozenset[str]:
        """The communes (type COM) wholly or partly in the territory."""
        if self.departements is None:
            return self.whole | frozenset(self.parts)
        return frozenset(
            c.code for d in self.departements for c in geo.communes_of_departement(d, self.year)
        )


def _compact_codes(value: Iterable[str]) -> tuple[str, ...]:
    value = typing.cast("tuple[str, ...]", v.ToTuple[str](value))
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

    Construction checks the codes' shape only (and, for régions, that they are
    régions of ``cog_year``: before 2016, the 27 régions of the COG 2015), and
    reads no geography. :meth:`contains_commune`, :meth:`communes` and
    :meth:`unknown_codes` read the COG vintage :attr:`geo_year` the first
    time one of them is called, once per territory.
    """

    name: str = attrs.field(validator=v.Text(multiline=False))
    level: TerritoryLevel = attrs.field(
        converter=v.ToEnum[TerritoryLevel], validator=v.Member(TerritoryLevel)
    )
    codes: tuple[str, ...] = attrs.field(converter=_compact_codes)
    cog_year: int = attrs.field(validator=v.Integer(minimum=COG_YEARS[0], maximum=COG_YEARS[1]))
    #: The territory read in its vintage, on first use (not compared, hashed nor written).
    _resolved: _Resolution | None = attrs.field(
        init=False, default=None, eq=False, hash=False, repr=False
    )

    @codes.validator
    def _check_codes(self, attribute: attrs.Attribute[Any], value: object) -> None:
        if type(value) is not tuple:
            v.fail_type(self, attribute, "a tuple of codes (str)", value)
        if not value:
            v.fail(self, attribute, "at least one code", value)
        # level is declared before codes, so attrs has already validated it
        validate, module, kind = _CODE_KINDS[self.level]
        year = self.cog_year
        if self.level is TerritoryLevel.REGION and type(year) is int and COG_YEARS[0] <= year:
            # the régions of the territory's own year: cog_year is assigned, and
            # checked after this validator, which needs its value only if it is a year
            validate = functools.partial(region.validate, year=self.cog_year)
        v.TupleOf(v.IdentifierOf(module, kind=kind, check=validate), unique=True, what=f"{kind}s")(
            self, attribute, value
        )

    @property
    def geo_year(self) -> int:
        """The COG vintage of communes and EPCI ptcekit reads the territory in.

        ``cog_year`` when ptcekit ships it (see :func:`ptcekit.geo.years`), else
        the nearest vintage it ships, the later one on a tie: a territory of 2020
        is read in the COG 2021, one of 2015 in the COG 2019, whose communes know
        the codes they were formed from. Régions and départements of a year before
        2016 are read in that year's régions (2011 to 2015).
        """
        return self._resolution().year

    def _resolution(self) -> _Resolution:
        found = self._resolved
        if found is None:
            found = _Resolution(self)
            object.__setattr__(self, "_resolved", found)
        return found

    def contains_commune(self, code: str) -> bool | None:
        """Return whether the commune ``code`` lies in the territory, in its COG vintage.

        The code is read in :attr:`geo_year`: an arrondissement municipal
        (``"69381"``), a commune déléguée or associée, or a former commune
        merged into another (Annecy-le-Vieux, ``"74011"``, part of Annecy,
        ``"74010"``, since 2017) stands for the commune it belongs to, which
        lies in a territory that lists it, its département, its région or
        its EPCI. A territory that lists part of a commune (some of its
        arrondissements, a commune déléguée) holds that part, not the rest of
        the commune: the whole commune may or may not lie in it (``None``),
        and a commune lies in a territory that lists all its arrondissements.
        A commune of a collectivité d'outre-mer (``"98735"``, Papeete) lies
        in no département and no région.

        >>> annecy = Territory(name="Annecy", level="commune", codes=("74010",), cog_year=2024)
        >>> annecy.contains_commune("74011")
        True
        >>> grand_annecy = Territory(name="Grand Annecy", level="epci", codes=("200066793",), cog_year=2024)
        >>> grand_annecy.contains_commune("74011"), grand_annecy.contains_commune("26113")
        (True, False)

        Returns:
            ``True`` or ``False``; ``None`` when it cannot be told: ``code`` is
            not known in the vintage (:func:`ptcekit.geo.exists`), the
            territory lists only part of the commune, or one of the
            territory's codes is not known in the vintage (see
            :meth:`unknown_codes`) and the others do not hold the commune.

        Raises:
            IdentifierError: ``code`` is not a valid commune code.
        """
        resolved = self._resolution()
        code = commune.compact(code)
        if not geo.exists(code, resolved.year):  # a code of the vintage has a valid shape
            commune.validate(code)
        return resolved.contains(code)

    def communes(self) -> frozenset[str]:
        """Return the codes of the communes (type COM) that make up the territory.

        The communes of :attr:`geo_year`: those the territory lists, those of
        its EPCI, départements or régions, and those of which it lists a part
        (an arrondissement, a commune déléguée, a former commune), which they
        stand for.

        >>> Territory(name="Lyon 1er", level="commune", codes=("69381",), cog_year=2024).communes()
        frozenset({'69123'})

        Raises:
            UnknownPlaceError: a code of the territory is not known in its
                vintage (the error names it, and the year).
        """
        resolved = self._resolution()
        if resolved.unknown:
            kinds = {
                TerritoryLevel.EPCI: "EPCI",
                TerritoryLevel.DEPARTEMENT: "département",
                TerritoryLevel.REGION: "région",
            }
            kind = kinds.get(self.level, "commune")
            year = resolved.year if resolved.departements is None else region_vintage(self.cog_year)
            hint = f"territory {self.name!r} (COG {self.cog_year}) lists it"
            raise geo.UnknownPlaceError(kind, resolved.unknown[0], year, hint)
        return resolved.communes()

    def names(self) -> tuple[str | None, ...]:
        """Return the name of each of the territory's codes in its vintage, in order.

        The names of its communes (arrondissements, communes déléguées), EPCI,
        départements or régions; ``None`` for a code unknown in the vintage.

        >>> Territory(name="Diois", level="commune", codes=("26113", "26999"), cog_year=2024).names()
        ('Die', None)
        >>> Territory(name="RA", level="region", codes=("82",), cog_year=2015).names()
        ('Rhône-Alpes',)
        """
        year = self.geo_year
        names: list[str | None] = []
        for code in self.codes:
            try:
                if self.level is TerritoryLevel.EPCI:
                    names.append(geo.epci(code, year).name)
                elif self.level is TerritoryLevel.DEPARTEMENT:
                    names.append(geo.departement(code, region_vintage(self.cog_year)).name)
                elif self.level is TerritoryLevel.REGION:
                    names.append(geo.region(code, region_vintage(self.cog_year)).name)
                else:
                    names.append(geo.commune(code, year).name)
            except geo.UnknownPlaceError:
                names.append(None)
        return tuple(names)

    def unknown_codes(self) -> tuple[str, ...]:
        """Return the codes of the territory that name nothing of its level in its vintage.

        A commune code is known when the vintage has a record of it or lists
        it as a former commune (:func:`ptcekit.geo.commune_of`).

        >>> Territory(name="Die", level="commune", codes=("26113", "26999"), cog_year=2024).unknown_codes()
        ('26999',)
        """
        return self._resolution().unknown
