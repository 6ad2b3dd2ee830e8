"""Place rules: the commune codes of seats and places exist in the Code officiel géographique."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ptcekit import geo
from ptcekit.model import (
    Company,
    Ecosystem,
    Place,
    Pole,
    SharedPremises,
    Territory,
    TerritoryLevel,
)
from ptcekit.rules._context import Context
from ptcekit.rules._paths import Keys
from ptcekit.rules._report import Finding, Unchecked
from ptcekit.rules._rule import Example, Rule, Theme

__all__ = ["RULES", "THEMES", "document_year"]

#: INSEE's page of the Code officiel géographique, with its yearly editions.
COG_URL = "https://www.insee.fr/fr/information/2560452"
_COG = "INSEE, Code officiel géographique (COG), the edition of the year"

#: How many codes a note lists before it says "and N more".
_SHOWN = 3


def document_year(context: Context) -> int:
    """The COG edition of a document's places: the year of the date the rules run as of."""
    return context.as_of.year


def _places(context: Context) -> Iterator[tuple[Keys, Place, int, str | None]]:
    """Every place of the document: its path, the place, its COG year, its record's id."""
    ecosystem = context.ecosystem
    year = document_year(context)
    for actor in ecosystem.actors:
        if actor.seat is not None:
            yield context.path_of(actor, "seat", "commune"), actor.seat, year, actor.id
    for pole in ecosystem.poles:
        if pole.place is not None:
            own = year if pole.territory is None else pole.territory.cog_year
            yield context.path_of(pole, "place", "commune"), pole.place, own, pole.id
    for asset in ecosystem.assets:
        # SharedPremises and downstream kinds may record a place
        place = getattr(asset, "place", None)
        if isinstance(place, Place):
            yield context.path_of(asset, "place", "commune"), place, year, asset.id


def _listed(codes: list[str]) -> str:
    listed = list(dict.fromkeys(codes))
    if len(listed) > _SHOWN:
        return f"{', '.join(listed[:_SHOWN])} and {len(listed) - _SHOWN} more"
    if len(listed) > 1:
        return f"{', '.join(listed[:-1])} and {listed[-1]}"
    return listed[0]


def _unknown_communes(context: Context) -> Iterator[Finding | Unchecked]:
    not_shipped: dict[int, list[str]] = {}
    for path, place, year, subject in _places(context):
        code = place.commune
        vintage = geo.nearest_year(year)
        if geo.exists(code, vintage):
            continue
        if vintage != year:
            # a code missing from another year's vintage may still have existed in this one
            not_shipped.setdefault(year, []).append(code)
            continue
        try:
            heir: geo.Commune | None = geo.commune_of(code, year)
        except geo.UnknownPlaceError:
            heir = None
        became = (
            "" if heir is None else f": it is a former commune, part of {heir.code} ({heir.name})"
        )
        message = f"commune code {code} does not exist in the COG {year}{became}"
        yield context.finding(message, path, subject=subject)
    for year, codes in sorted(not_shipped.items()):
        plural = "s" if len(set(codes)) > 1 else ""
        reason = (
            f"ptcekit ships no COG {year}, and the nearest vintage, {geo.nearest_year(year)}, "
            f"does not list commune code{plural} {_listed(codes)}"
        )
        yield context.unchecked(reason, ())  # the document as a whole


_KINDS = {
    TerritoryLevel.EPCI: "EPCI SIREN",
    TerritoryLevel.DEPARTEMENT: "département code",
    TerritoryLevel.REGION: "région code",
}


def _unknown_territory_codes(context: Context) -> Iterator[Finding | Unchecked]:
    for pole in context.ecosystem.poles:
        territory = pole.territory
        if territory is None:
            continue
        unknown = territory.unknown_codes()
        if not unknown:
            continue
        kind = _KINDS.get(territory.level, "commune code")
        year = territory.cog_year
        if territory.geo_year != year:
            # a code missing from another year's vintage may still have existed in this one
            reason = (
                f"ptcekit ships no COG {year}, and the nearest vintage, {territory.geo_year}, "
                f"does not know the {kind}{'s' if len(unknown) > 1 else ''} {_listed(list(unknown))} "
                f"of territory {territory.name!r}"
            )
            yield context.unchecked(
                reason, context.path_of(pole, "territory", "codes"), subject=pole.id
            )
            continue
        for code in unknown:
            message = (
                f"{kind} {code} of territory {territory.name!r} names nothing "
                f"in the COG {year}, the territory's cog_year"
            )
            path = context.path_of(pole, "territory", "codes", territory.codes.index(code))
            yield context.finding(message, path, subject=pole.id)


_ROMANS = Territory(name="Romans-sur-Isère", level="commune", codes=("26281",), cog_year=2024)


def _id010_fails() -> Ecosystem:
    """A pôle on the Diois given as Die (26113) and 26999, which no commune has."""
    diois = Territory(name="Diois", level="custom", codes=("26113", "26999"), cog_year=2024)
    return Ecosystem(poles=(Pole(id="p", name="Pôle du Diois", territory=diois),))


def _id010_passes() -> Ecosystem:
    """A pôle on CA Valence Romans Agglo (SIREN 200068781), an EPCI of the COG 2024."""
    agglo = Territory(name="Agglo", level="epci", codes=("200068781",), cog_year=2024)
    return Ecosystem(poles=(Pole(id="p", name="Pôle Sud", territory=agglo),))


ID010 = Rule(
    code="ID010",
    title="A territory's codes name places of the COG of its year",
    severity="warning",
    kind="format",
    confidence="confirmed",
    source=_COG,
    url=COG_URL,
    explanation=(
        "A territory lists codes of one edition of INSEE's Code officiel "
        "géographique, its `cog_year`: commune codes (the code of a former "
        "commune included, which stands for the commune it became), SIREN of "
        "EPCI à fiscalité propre, département or région codes. A code that names "
        "nothing of its level in that edition is reported: the territory cannot "
        "say whether a seat lies in it. When ptcekit ships no vintage of that year, "
        "codes missing from the nearest vintage are listed as not checked."
    ),
    check=_unknown_territory_codes,
    applies_to="poles",
    failing_example=Example(build=_id010_fails, paths=("$.poles[0].territory.codes[1]",)),
    passing_example=Example(build=_id010_passes),
)


def _id009_fails() -> Ecosystem:
    """A seat in 26999, which no commune of the Drôme has, and premises under a former commune's code."""
    return Ecosystem(
        as_of=dt.date(2024, 6, 30),
        actors=(Company(id="roux", name="Tannerie Roux", seat=Place(commune="26999")),),
        assets=(
            SharedPremises(
                id="atelier",
                name="Atelier partagé",
                place=Place(commune="01018"),  # a former commune of Valserhône (01033)
            ),
        ),
    )


def _id009_passes() -> Ecosystem:
    """A seat in Romans-sur-Isère (26281) and a pôle in Lyon's 1st arrondissement, both in the COG 2024."""
    return Ecosystem(
        as_of=dt.date(2024, 6, 30),
        actors=(Company(id="roux", name="Tannerie Roux", seat=Place(commune="26281")),),
        poles=(Pole(id="p", name="Pôle", territory=_ROMANS, place=Place(commune="69381")),),
    )


ID009 = Rule(
    code="ID009",
    title="A seat or place names a commune that exists in the COG of its year",
    severity="warning",
    kind="format",
    confidence="confirmed",
    source=_COG,
    url=COG_URL,
    explanation=(
        "A commune code (code INSEE) names a commune, an arrondissement municipal, "
        "a commune déléguée or a commune associée of one edition of INSEE's Code "
        "officiel géographique; communes merge every 1 January, and their codes "
        "then name nothing. The seat of an actor and the place of an asset are "
        "read in the COG of the year of the date the rules run as of; the place "
        "of a pôle in the COG of its territory's `cog_year` (of that year too when "
        "it records no territory). A code with no record in that edition is "
        "reported, with the commune it became part of when it is a former commune. "
        "When ptcekit ships no vintage of the year (it ships 2019, then 2021 "
        "onwards), codes missing from the nearest vintage are listed as not checked."
    ),
    check=_unknown_communes,
    applies_to=("actors", "poles", "assets"),
    failing_example=Example(
        build=_id009_fails, paths=("$.actors[0].seat.commune", "$.assets[0].place.commune")
    ),
    passing_example=Example(build=_id009_passes),
)


RULES: tuple[Rule, ...] = (
    ID009,
    ID010,
)

THEMES: tuple[Theme, ...] = (
    Theme(prefix="ID", title="Seats and places in the Code officiel géographique", rules=RULES),
)
