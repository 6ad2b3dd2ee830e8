"""The official geography of France by year: communes, EPCI, départements and régions.

The Code officiel géographique (COG) of INSEE changes every 1 January: communes merge
into communes nouvelles, EPCI gain and lose members. ptcekit ships one vintage of it per
year, compiled from the npm package ``@etalab/decoupage-administratif`` (data under the
Licence Ouverte 2.0), and reads it offline. Every function takes a ``year`` (the COG
vintage, default the newest) and reads that vintage only: importing ptcekit reads no
data, and the first look-up of a year loads it, once, for the whole process.

Vintages of communes and EPCI: see :func:`years` (2019, then 2021 onwards: the source
has no vintage 2020). Régions and départements are also known for 2011 to 2015, before
the régions merged on 1 January 2016 (:func:`region_years`); communes of years before
2019 are not shipped, and asking for them raises :class:`VintageError` naming the
nearest vintage.

>>> from ptcekit import geo
>>> geo.commune("26113", 2024)
Commune(code='26113', name='Die', type=CommuneType.COM, departement='26', region='84', parent=None, year=2024)
>>> geo.exists("26999", 2024)
False
>>> geo.commune_of("69381", 2024).name  # an arrondissement of Lyon
'Lyon'
>>> geo.commune_of("74011", 2024).name  # Annecy-le-Vieux, merged into Annecy in 2017
'Annecy'
>>> [c.code for c in geo.search("die", departement="26", year=2024)]
['26113']
>>> geo.region("82", 2015).name
'Rhône-Alpes'
"""

from __future__ import annotations

from ptcekit.errors import InvalidFormat
from ptcekit.geo import _store
from ptcekit.geo._errors import UnknownPlaceError, VintageError
from ptcekit.geo._types import (
    Commune,
    CommuneType,
    Departement,
    Epci,
    EpciNature,
    Region,
    Vintage,
)

__all__ = [
    "Commune",
    "CommuneType",
    "Departement",
    "Epci",
    "EpciNature",
    "Region",
    "UnknownPlaceError",
    "Vintage",
    "VintageError",
    "attribution",
    "commune",
    "commune_of",
    "commune_records",
    "communes_of_departement",
    "communes_of_epci",
    "communes_of_region",
    "departement",
    "epci",
    "exists",
    "latest_year",
    "nearest_year",
    "region",
    "region_years",
    "search",
    "vintages",
    "years",
]


def years() -> tuple[int, ...]:
    """The COG vintages of communes and EPCI that ptcekit ships, oldest first.

    Returns:
        The years, such as ``(2019, 2021, 2022, …)``.
    """
    return _store.manifest().years


def region_years() -> tuple[int, ...]:
    """The COG vintages of régions and départements: 2011 to 2015, then those of :func:`years`.

    Returns:
        The years, oldest first.
    """
    return _store.manifest().region_years


def latest_year() -> int:
    """The newest vintage shipped: the year every look-up uses by default.

    Returns:
        The year.
    """
    return _store.manifest().years[-1]


def nearest_year(year: int) -> int:
    """The vintage of communes and EPCI closest to ``year``: itself when shipped.

    On a tie, the later one: a vintage knows what the codes of the years before
    it became (:attr:`Commune.former_codes`), not what the codes of the years
    after it were.

    >>> nearest_year(2024), nearest_year(2020), nearest_year(2015)
    (2024, 2021, 2019)

    Args:
        year: any year.

    Returns:
        One of :func:`years`.

    Raises:
        InvalidFormat: ``year`` is not an int.
    """
    available = _store.manifest().years
    given: object = year  # callers may pass anything: say what is wrong
    if type(given) is not int:
        reason = f"expected a year as an int, such as {available[-1]}"
        raise InvalidFormat("COG year", given, reason)
    return min(available, key=lambda y: (abs(y - year), -y))


def vintages() -> tuple[Vintage, ...]:
    """Where each shipped vintage comes from: npm version, integrity, COG date, licence.

    Returns:
        One :class:`Vintage` per year of :func:`years`, oldest first.
    """
    return _store.manifest().vintages


def attribution() -> str:
    """The attribution the data's licence asks for, in one sentence.

    Returns:
        The sentence.
    """
    return _store.manifest().attribution


def commune(code: str, year: int | None = None) -> Commune:
    """Look up a commune code: a commune, an arrondissement, a commune déléguée or associée.

    When a commune déléguée has the code of its commune nouvelle (Annecy, 74010, is
    both), the commune is returned; :func:`commune_records` gives both.

    Args:
        code: a COG commune code, such as ``"26113"``.
        year: the COG vintage; the newest when ``None``.

    Returns:
        The record of that code in that year.

    Raises:
        UnknownPlaceError: no record has that code in that year (the message says
            which commune a former code now belongs to).
        VintageError: no vintage of communes for ``year``.
        InvalidFormat: ``code`` is not a string, or ``year`` not an int.
    """
    return _store.gazetteer(year).commune(code)


def commune_records(code: str, year: int | None = None) -> tuple[Commune, ...]:
    """Every record of a code in a year: the commune first, then a commune déléguée of that code.

    Args:
        code: a COG commune code.
        year: the COG vintage; the newest when ``None``.

    Returns:
        The records, none when the code has none that year.

    Raises:
        VintageError: no vintage of communes for ``year``.
        InvalidFormat: ``code`` is not a string, or ``year`` not an int.
    """
    return _store.gazetteer(year).records(code)


def exists(code: object, year: int | None = None) -> bool:
    """Tell whether a commune code has a record in a year; never raises for the code.

    Args:
        code: anything; a COG commune code to be true.
        year: the COG vintage; the newest when ``None``.

    Returns:
        ``True`` if :func:`commune` finds it.

    Raises:
        VintageError: no vintage of communes for ``year``.
        InvalidFormat: ``year`` is not an int.
    """
    vintage = _store.gazetteer(year)
    if type(code) is str and code in vintage.index:
        return True
    return isinstance(code, str) and code.strip().upper() in vintage.index


def commune_of(code: str, year: int | None = None) -> Commune:
    """The commune (type COM) a code stands for in a year: what it became.

    A commune gives itself; an arrondissement municipal (69381), a commune déléguée
    or associée give the commune they belong to; the code of a former commune that
    the vintage no longer lists gives the commune that absorbed it. What a commune
    was is :attr:`Commune.former_codes`.

    Args:
        code: a COG commune code.
        year: the COG vintage; the newest when ``None``.

    Returns:
        The commune.

    Raises:
        UnknownPlaceError: the code is not known in that year, neither as a record
            nor as a former commune.
        VintageError: no vintage of communes for ``year``.
        InvalidFormat: ``code`` is not a string, or ``year`` not an int.
    """
    return _store.gazetteer(year).commune_of(code)


def search(
    name: str, *, departement: str | None = None, year: int | None = None
) -> tuple[Commune, ...]:
    """Find records by name, ignoring accents, case, hyphens and apostrophes.

    Args:
        name: the name, such as ``"saint etienne"`` for Saint-Étienne.
        departement: a département code, to choose between homonyms.
        year: the COG vintage; the newest when ``None``.

    Returns:
        The records of that name, communes first, then by code; none if no name matches.

    Raises:
        UnknownPlaceError: ``departement`` is not a département of that year.
        VintageError: no vintage of communes for ``year``.
        InvalidFormat: ``name`` or ``departement`` is not a string, or ``year`` not an int.
    """
    return _store.gazetteer(year).search(name, departement)


def communes_of_departement(code: str, year: int | None = None) -> tuple[Commune, ...]:
    """The communes (type COM) of a département, by code.

    Raises:
        UnknownPlaceError: no such département that year.
        VintageError: no vintage of communes for ``year``.
        InvalidFormat: ``code`` is not a string, or ``year`` not an int.
    """
    return _store.gazetteer(year).communes_of_departement(code)


def communes_of_region(code: str, year: int | None = None) -> tuple[Commune, ...]:
    """The communes (type COM) of a région, by code.

    Raises:
        UnknownPlaceError: no such région that year.
        VintageError: no vintage of communes for ``year`` (régions of 2015 and before
            have no communes shipped).
        InvalidFormat: ``code`` is not a string, or ``year`` not an int.
    """
    return _store.gazetteer(year).communes_of_region(code)


def communes_of_epci(siren: str, year: int | None = None) -> tuple[Commune, ...]:
    """The member communes of an EPCI à fiscalité propre, by code.

    Raises:
        UnknownPlaceError: no EPCI with that SIREN that year.
        VintageError: no vintage of communes for ``year``.
        InvalidFormat: ``siren`` is not a string, or ``year`` not an int.
    """
    return _store.gazetteer(year).communes_of_epci(siren)


def epci(siren: str, year: int | None = None) -> Epci:
    """Look up an EPCI à fiscalité propre by its SIREN.

    Args:
        siren: its SIREN, such as ``"200040442"`` (spaces are ignored).
        year: the COG vintage; the newest when ``None``.

    Returns:
        The EPCI, with its member communes.

    Raises:
        UnknownPlaceError: no EPCI with that SIREN that year.
        VintageError: no vintage of communes for ``year``.
        InvalidFormat: ``siren`` is not a string, or ``year`` not an int.
    """
    return _store.gazetteer(year).epci(siren)


def departement(code: str, year: int | None = None) -> Departement:
    """Look up a département, with its région in that year (2011 onwards).

    Args:
        code: its code, such as ``"26"``, ``"2A"`` or ``"971"``.
        year: the COG vintage; the newest when ``None``.

    Returns:
        The département.

    Raises:
        UnknownPlaceError: no such département that year.
        VintageError: no vintage of départements for ``year``.
        InvalidFormat: ``code`` is not a string, or ``year`` not an int.
    """
    info = _store.manifest()
    if year is not None and year in info.old_years:
        return _store.old_regions().departement(_store.code_text("département code", code), year)
    if year is not None:
        _store.check_year(year, info.region_years, "régions")
    return _store.gazetteer(year).departement(code)


def region(code: str, year: int | None = None) -> Region:
    """Look up a région, with its départements, as it was in that year (2011 onwards).

    Régions of 2015 and before (such as 82, Rhône-Alpes) are known for their years,
    with the région they became part of on 1 January 2016.

    Args:
        code: its code, such as ``"84"``.
        year: the COG vintage; the newest when ``None``.

    Returns:
        The région.

    Raises:
        UnknownPlaceError: no such région that year.
        VintageError: no vintage of régions for ``year``.
        InvalidFormat: ``code`` is not a string, or ``year`` not an int.
    """
    info = _store.manifest()
    if year is not None and year in info.old_years:
        return _store.old_regions().region(_store.code_text("région code", code), year)
    if year is not None:
        _store.check_year(year, info.region_years, "régions")
    return _store.gazetteer(year).region(code)
