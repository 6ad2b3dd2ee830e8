"""Loading the shipped vintages, lazily and once, and the look-ups on one vintage."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import re
import sys
import threading
import unicodedata
from array import array
from pathlib import Path
from typing import Any, Final

import attrs

from ptcekit.errors import InvalidFormat
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

_LOCK: Final = threading.Lock()
_TYPE_ORDER: Final = {
    CommuneType.COM: 0,
    CommuneType.ARM: 1,
    CommuneType.COMD: 2,
    CommuneType.COMA: 3,
}
_NOT_WORD: Final = re.compile(r"[^0-9a-z]+")


_DATA: Final = Path(__file__).resolve().parent / "data"
#: The commune types by their character in the compiled files.
_KINDS: Final = {str(i): kind for i, kind in enumerate(CommuneType)}
#: The slots' own setters: a frozen value is built without running its __init__
#: (about 3 µs for a commune's 11 fields), since the data was checked when compiled.
(
    _SET_CODE,
    _SET_NAME,
    _SET_TYPE,
    _SET_DEPARTEMENT,
    _SET_REGION,
    _SET_COLLECTIVITE,
    _SET_EPCI,
    _SET_PARENT,
    _SET_SIREN,
    _SET_FORMER_CODES,
    _SET_YEAR,
) = (getattr(Commune, a.name).__set__ for a in attrs.fields(Commune))
_NO_SIREN: Final = " " * 9


def _read(name: str) -> bytes:
    """The bytes of a file of the package's data folder."""
    return (_DATA / name).read_bytes()


def unpack(typecode: str, text: str) -> array[int]:
    """Machine integers from the hexadecimal text of their little-endian bytes.

    Columns of integers are stored so, and read without an object per integer.
    """
    values = array(typecode, bytes.fromhex(text))
    if sys.byteorder == "big":  # pragma: no cover -- the development machines are little-endian
        values.byteswap()
    return values


def normalise_name(name: str) -> str:
    """A name folded for search: no accents, no case, words split by single spaces.

    >>> normalise_name("  Saint-Étienne-de-l'Œuvre ")
    'saint etienne de l oeuvre'
    """
    text = name.replace("œ", "oe").replace("Œ", "OE").replace("æ", "ae").replace("Æ", "AE")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return _NOT_WORD.sub(" ", text).strip()


def code_text(kind: str, value: object) -> str:
    """``value`` stripped and upper-cased, or an error naming ``kind`` if it is no string."""
    if not isinstance(value, str):
        reason = f"expected a string, got {type(value).__name__}"
        raise InvalidFormat(kind, value, reason)
    return value.strip().upper()


class Manifest:
    """The manifest of the shipped data: the vintages, their sources, the years of each kind."""

    def __init__(self, raw: dict[str, Any]) -> None:
        self.attribution: str = raw["attribution"]
        self.vintages: tuple[Vintage, ...] = tuple(
            Vintage(
                year=v["year"],
                cog_date=dt.date.fromisoformat(v["cog_date"]),
                package=v["package"],
                version=v["version"],
                tarball=v["tarball"],
                integrity=v["integrity"],
                licence=v["licence"],
                licence_url=v["licence_url"],
            )
            for v in raw["vintages"]
        )
        self.files: dict[int, str] = {v["year"]: v["file"] for v in raw["vintages"]}
        self.years: tuple[int, ...] = tuple(sorted(self.files))
        first, last = raw["regions2015"]["years"]
        self.old_years: tuple[int, ...] = tuple(range(first, last + 1))
        self.region_years: tuple[int, ...] = self.old_years + self.years
        self.regions2015_file: str = raw["regions2015"]["file"]


_MANIFEST: Manifest | None = None
#: The loaded vintages by year; ``None`` is a second key of the newest.
_VINTAGES: dict[int | None, Gazetteer] = {}
_OLD_REGIONS: OldRegions | None = None


def manifest() -> Manifest:
    """The manifest, read on first use."""
    global _MANIFEST  # noqa: PLW0603 -- the lazily loaded module-wide cache
    if _MANIFEST is None:
        with _LOCK:
            if _MANIFEST is None:
                _MANIFEST = Manifest(json.loads(_read("manifest.json")))
    return _MANIFEST


def check_year(year: object, available: tuple[int, ...], what: str) -> int:
    """``year`` if it is one of ``available``; else a ptcekit error."""
    if not isinstance(year, int) or isinstance(year, bool):
        reason = f"expected a year as an int, such as {available[-1]}"
        raise InvalidFormat("COG year", year, reason)
    if year not in available:
        raise VintageError(year, what, available)
    return year


def gazetteer(year: int | None) -> Gazetteer:
    """The loaded vintage of ``year`` (the newest when ``None``), loading it if needed."""
    found = _VINTAGES.get(year)
    if found is not None:
        return found
    info = manifest()
    resolved = info.years[-1] if year is None else check_year(year, info.years, "communes")
    with _LOCK:
        loaded = _VINTAGES.get(resolved)
        if loaded is None:
            loaded = Gazetteer(json.loads(gzip.decompress(_read(info.files[resolved]))))
            _VINTAGES[resolved] = loaded
        if year is None:
            _VINTAGES[None] = loaded
    return loaded


def old_regions() -> OldRegions:
    """The régions of 2011–2015, read on first use."""
    global _OLD_REGIONS  # noqa: PLW0603 -- the lazily loaded module-wide cache
    if _OLD_REGIONS is None:
        raw = json.loads(_read(manifest().regions2015_file))
        with _LOCK:
            if _OLD_REGIONS is None:
                _OLD_REGIONS = OldRegions(raw)
    return _OLD_REGIONS


class OldRegions:
    """The régions and départements of the COG 2011 to 2015."""

    def __init__(self, raw: dict[str, Any]) -> None:
        self.regions: dict[str, tuple[str, str, tuple[str, ...]]] = {
            r["code"]: (r["name"], r["successor"], tuple(r["departements"])) for r in raw["regions"]
        }
        self.departement_names: dict[str, str] = raw["departements"]
        self.region_of: dict[str, str] = {
            d: code for code, (_, _, deps) in self.regions.items() for d in deps
        }

    def region(self, code: str, year: int) -> Region:
        """The région ``code`` of ``year``."""
        found = self.regions.get(code)
        if found is None:
            raise UnknownPlaceError("région", code, year)
        name, successor, departements = found
        return Region(
            code=code, name=name, departements=departements, successor=successor, year=year
        )

    def departement(self, code: str, year: int) -> Departement:
        """The département ``code`` of ``year``."""
        region = self.region_of.get(code)
        if region is None:
            raise UnknownPlaceError("département", code, year)
        return Departement(code=code, name=self.departement_names[code], region=region, year=year)


class Gazetteer:
    """One vintage, as columns, with its indexes and the values built from it so far."""

    def __init__(self, raw: dict[str, Any]) -> None:
        self.year: int = raw["year"]
        communes = raw["communes"]
        self.codes: list[str] = communes["code"]
        self.names_text: str = communes["name"]
        self.name_start: array[int] = unpack("i", communes["name_start"])
        self.types: str = communes["type"]
        self.commune_departement: array[int] = unpack("h", communes["departement"])
        self.parents: array[int] = unpack("i", communes["parent"])
        self.sirens: str = communes["siren"]
        self.commune_epci: array[int] = unpack("h", communes["epci"])
        self.collectivites: dict[str, str] = communes["collectivite"]
        self.former: dict[str, list[str]] = communes["former"]
        # the first row of each code: the commune itself when the code has one
        count = len(self.codes)
        self.index: dict[str, int] = dict(
            zip(reversed(self.codes), range(count - 1, -1, -1), strict=True)
        )
        self.cache: dict[int, Commune] = {}
        departements = raw["departements"]
        regions = raw["regions"]
        self.region_codes: list[str] = regions["code"]
        self.region_names: list[str] = regions["name"]
        self.departement_codes: list[str] = departements["code"]
        self.departement_names: list[str] = departements["name"]
        self.departement_region: list[int] = departements["region"]
        self.departement_index: dict[str, int] = {
            code: i for i, code in enumerate(self.departement_codes)
        }
        self.region_index: dict[str, int] = {code: i for i, code in enumerate(self.region_codes)}
        epci = raw["epci"]
        self.epci_sirens: list[str] = epci["siren"]
        self.epci_names: list[str] = epci["name"]
        self.epci_natures: list[EpciNature] = [EpciNature(n) for n in epci["nature"]]
        self.epci_financing: list[str] = epci["financing"]
        self.epci_index: dict[str, int] = {s: i for i, s in enumerate(self.epci_sirens)}
        self._successor: dict[str, str] | None = None
        self._by_name: dict[str, list[int]] | None = None
        self._by_departement: dict[int, list[int]] | None = None
        self._by_epci: dict[int, list[int]] | None = None

    # ---- communes

    def row(self, code: object) -> int | None:
        """The first row of ``code``, or ``None``."""
        row = self.index.get(code) if type(code) is str else None
        if row is None:
            row = self.index.get(code_text("commune code", code))
        return row

    def name(self, row: int) -> str:
        """The name of the record of ``row``."""
        return self.names_text[self.name_start[row] : self.name_start[row + 1]]

    def build(self, row: int) -> Commune:
        """The commune of ``row``, built once."""
        found = self.cache.get(row)
        if found is not None:
            return found
        code = self.codes[row]
        kind = self.types[row]
        parent = self.parents[row]
        dep = self.commune_departement[row]
        epci = self.commune_epci[row if parent < 0 else parent]
        siren = self.sirens[9 * row : 9 * row + 9]
        commune: Commune = object.__new__(Commune)
        _SET_CODE(commune, code)
        _SET_NAME(commune, self.name(row))
        _SET_TYPE(commune, _KINDS[kind])
        if dep < 0:
            _SET_DEPARTEMENT(commune, None)
            _SET_REGION(commune, None)
            _SET_COLLECTIVITE(commune, self.collectivites[code])
        else:
            _SET_DEPARTEMENT(commune, self.departement_codes[dep])
            _SET_REGION(commune, self.region_codes[self.departement_region[dep]])
            _SET_COLLECTIVITE(commune, None)
        _SET_EPCI(commune, None if epci < 0 else self.epci_sirens[epci])
        _SET_PARENT(commune, None if parent < 0 else self.codes[parent])
        _SET_SIREN(commune, None if siren == _NO_SIREN else siren)
        _SET_FORMER_CODES(commune, tuple(self.former.get(code, ())) if kind == "0" else ())
        _SET_YEAR(commune, self.year)
        self.cache[row] = commune
        return commune

    def commune(self, code: object) -> Commune:
        """The record of ``code``: the commune itself when the code has one."""
        row = self.index.get(code) if type(code) is str else None
        if row is not None:
            found = self.cache.get(row)
            if found is not None:
                return found
            return self.build(row)
        row = self.row(code)
        if row is None:
            raise self.unknown(code_text("commune code", code))
        return self.build(row)

    def records(self, code: str) -> tuple[Commune, ...]:
        """Every record of ``code``: the commune first, then a commune déléguée of that code."""
        row = self.row(code)
        if row is None:
            return ()
        rows = [row]
        while rows[-1] + 1 < len(self.codes) and self.codes[rows[-1] + 1] == self.codes[row]:
            rows.append(rows[-1] + 1)
        return tuple(self.build(r) for r in rows)

    def successor(self, code: str) -> str | None:
        """The commune that lists ``code`` among its former communes, or ``None``."""
        if self._successor is None:
            self._successor = {old: new for new, olds in self.former.items() for old in olds}
        return self._successor.get(code)

    def commune_of(self, code: object) -> Commune:
        """The commune (type COM) that ``code`` stands for in this vintage."""
        row = self.index.get(code) if type(code) is str else None
        if row is None:
            text = code_text("commune code", code)
            row = self.index.get(text)
            if row is None:
                heir = self.successor(text)
                if heir is None:
                    raise self.unknown(text)
                row = self.index[heir]
        # an ARM, COMD or COMA belongs to a commune; a COMD may have a former commune's
        # code that the vintage lists as merged into another, hence the loop
        while self.types[row] != "0":
            row = self.parents[row]
        found = self.cache.get(row)
        return found if found is not None else self.build(row)

    def unknown(self, code: str) -> UnknownPlaceError:
        """The error for a commune code this vintage does not have, with what is known of it."""
        heir = self.successor(code)
        if heir is not None:
            hint = (
                f"it is a former commune of {heir} ({self.name(self.index[heir])}); "
                "commune_of() gives the commune it became"
            )
            return UnknownPlaceError("commune", code, self.year, hint)
        return UnknownPlaceError("commune", code, self.year)

    def by_name(self, name: str) -> list[int]:
        """The rows whose folded name is ``name`` folded."""
        if self._by_name is None:
            index: dict[str, list[int]] = {}
            for row in range(len(self.codes)):
                index.setdefault(normalise_name(self.name(row)), []).append(row)
            self._by_name = index
        return self._by_name.get(normalise_name(name), [])

    def search(self, name: object, departement: object) -> tuple[Commune, ...]:
        """The records named ``name``, in ``departement`` if given: communes first."""
        if not isinstance(name, str):
            reason = f"expected a string, got {type(name).__name__}"
            raise InvalidFormat("commune name", name, reason)
        rows = self.by_name(name)
        if departement is not None:
            dep = self.departement_row(departement)
            rows = [r for r in rows if self.commune_departement[r] == dep]
        found = [self.build(r) for r in rows]
        found.sort(key=lambda c: (_TYPE_ORDER[c.type], c.code))
        return tuple(found)

    # ---- départements and régions

    def departement_row(self, code: object) -> int:
        """The row of département ``code``."""
        text = code_text("département code", code)
        row = self.departement_index.get(text)
        if row is None:
            raise UnknownPlaceError("département", text, self.year)
        return row

    def region_row(self, code: object) -> int:
        """The row of région ``code``."""
        text = code_text("région code", code)
        row = self.region_index.get(text)
        if row is None:
            raise UnknownPlaceError("région", text, self.year)
        return row

    def departement(self, code: object) -> Departement:
        """The département ``code``."""
        row = self.departement_row(code)
        return Departement(
            code=self.departement_codes[row],
            name=self.departement_names[row],
            region=self.region_codes[self.departement_region[row]],
            year=self.year,
        )

    def region(self, code: object) -> Region:
        """The région ``code``."""
        row = self.region_row(code)
        departements = tuple(
            d
            for d, r in zip(self.departement_codes, self.departement_region, strict=True)
            if r == row
        )
        return Region(
            code=self.region_codes[row],
            name=self.region_names[row],
            departements=departements,
            year=self.year,
        )

    def communes_of_departement_row(self, row: int) -> tuple[Commune, ...]:
        """The communes (type COM) of the département of ``row``, by code."""
        if self._by_departement is None:
            index: dict[int, list[int]] = {}
            for r, dep in enumerate(self.commune_departement):
                if self.types[r] == "0":
                    index.setdefault(dep, []).append(r)
            self._by_departement = index
        return tuple(self.build(r) for r in self._by_departement.get(row, ()))

    def communes_of_departement(self, code: object) -> tuple[Commune, ...]:
        """The communes (type COM) of département ``code``, by code."""
        return self.communes_of_departement_row(self.departement_row(code))

    def communes_of_region(self, code: object) -> tuple[Commune, ...]:
        """The communes (type COM) of région ``code``, by code."""
        row = self.region_row(code)
        found: list[Commune] = []
        for dep, region in enumerate(self.departement_region):
            if region == row:
                found.extend(self.communes_of_departement_row(dep))
        found.sort(key=lambda c: c.code)
        return tuple(found)

    # ---- EPCI

    def epci_row(self, siren: object) -> int:
        """The row of the EPCI ``siren``."""
        text = code_text("EPCI SIREN", siren).replace(" ", "")
        row = self.epci_index.get(text)
        if row is None:
            raise UnknownPlaceError("EPCI", text, self.year)
        return row

    def member_rows(self, row: int) -> list[int]:
        """The rows of the member communes of the EPCI of ``row``, by code."""
        if self._by_epci is None:
            index: dict[int, list[int]] = {}
            for r, epci in enumerate(self.commune_epci):
                if epci >= 0:
                    index.setdefault(epci, []).append(r)
            self._by_epci = index
        return self._by_epci.get(row, [])

    def epci(self, siren: object) -> Epci:
        """The EPCI ``siren``."""
        row = self.epci_row(siren)
        return Epci(
            siren=self.epci_sirens[row],
            name=self.epci_names[row],
            nature=self.epci_natures[row],
            financing=self.epci_financing[row],
            members=tuple(self.codes[r] for r in self.member_rows(row)),
            year=self.year,
        )

    def communes_of_epci(self, siren: object) -> tuple[Commune, ...]:
        """The member communes of the EPCI ``siren``, by code."""
        return tuple(self.build(r) for r in self.member_rows(self.epci_row(siren)))
