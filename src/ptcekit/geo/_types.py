"""The values the gazetteer returns: communes, EPCI, départements, régions, vintages."""

from __future__ import annotations

import datetime as dt
import enum

import attrs

__all__ = ["Commune", "CommuneType", "Departement", "Epci", "EpciNature", "Region", "Vintage"]


class CommuneType(enum.StrEnum):
    """The kind of a commune record of the COG (its ``TYPECOM``)."""

    COM = "COM"
    """A commune."""
    ARM = "ARM"
    """An arrondissement municipal of Paris, Lyon or Marseille."""
    COMD = "COMD"
    """A commune déléguée: a former commune inside a commune nouvelle."""
    COMA = "COMA"
    """A commune associée: a former commune inside a fusion-association."""

    def __repr__(self) -> str:
        return f"CommuneType.{self.name}"


class EpciNature(enum.StrEnum):
    """The legal nature of an EPCI à fiscalité propre, as the DGCL codes it."""

    CC = "CC"
    """Communauté de communes."""
    CA = "CA"
    """Communauté d'agglomération."""
    CU = "CU"
    """Communauté urbaine."""
    METRO = "METRO"
    """Métropole."""
    MET69 = "MET69"
    """Métropole de Lyon (a collectivité territoriale with an EPCI's powers)."""

    def __repr__(self) -> str:
        return f"EpciNature.{self.name}"


@attrs.frozen(kw_only=True)
class Commune:
    """A commune, or an arrondissement, commune déléguée or associée, in one COG vintage.

    Attributes:
        code: the COG code (code INSEE), such as ``"26113"``.
        name: its name, such as ``"Die"``.
        type: COM, ARM, COMD or COMA.
        departement: its département's code; ``None`` for a commune of a
            collectivité d'outre-mer, which is in no département.
        region: its région's code; ``None`` likewise.
        collectivite: the code of its collectivité d'outre-mer (``"975"``…), or ``None``.
        epci: the SIREN of the EPCI à fiscalité propre it belongs to (for an ARM,
            COMD or COMA, that of its commune), or ``None`` for the few communes in none.
        parent: the code of the commune an ARM, COMD or COMA belongs to; ``None``
            for a commune.
        siren: the commune's own SIREN when the vintage records it, else ``None``.
        former_codes: the codes of the former communes merged into it (the
            communes déléguées and associées included), sorted.
        year: the COG vintage.
    """

    code: str
    name: str
    type: CommuneType
    departement: str | None
    region: str | None
    collectivite: str | None = attrs.field(default=None, repr=False)
    epci: str | None = attrs.field(default=None, repr=False)
    parent: str | None = None
    siren: str | None = attrs.field(default=None, repr=False)
    former_codes: tuple[str, ...] = attrs.field(default=(), repr=False)
    year: int


@attrs.frozen(kw_only=True)
class Epci:
    """An établissement public de coopération intercommunale à fiscalité propre.

    Attributes:
        siren: its SIREN, such as ``"200040442"``.
        name: its name.
        nature: CC, CA, CU, METRO or MET69.
        financing: its tax regime: ``"FPU"`` (fiscalité professionnelle unique) or
            ``"FA"`` (fiscalité additionnelle).
        members: the codes of its member communes, sorted.
        year: the COG vintage (the EPCI as on 1 January of that year).
    """

    siren: str
    name: str
    nature: EpciNature
    financing: str = attrs.field(repr=False)
    members: tuple[str, ...] = attrs.field(repr=False)
    year: int


@attrs.frozen(kw_only=True)
class Departement:
    """A département in one COG vintage.

    Attributes:
        code: its code, such as ``"26"``, ``"2A"`` or ``"971"``.
        name: its name, such as ``"Drôme"``.
        region: the code of its région in that year.
        year: the COG vintage.
    """

    code: str
    name: str
    region: str
    year: int


@attrs.frozen(kw_only=True)
class Region:
    """A région in one COG vintage.

    Attributes:
        code: its code, such as ``"84"``.
        name: its name, such as ``"Auvergne-Rhône-Alpes"``.
        departements: the codes of its départements, sorted.
        successor: for a région of 2015 or before, the région it became part of on
            1 January 2016 (itself when unchanged); ``None`` from 2016.
        year: the COG vintage.
    """

    code: str
    name: str
    departements: tuple[str, ...] = attrs.field(repr=False)
    successor: str | None = attrs.field(default=None, repr=False)
    year: int


@attrs.frozen(kw_only=True)
class Vintage:
    """Where one shipped vintage comes from.

    Attributes:
        year: the COG vintage.
        cog_date: the day the geography is as of (1 January of ``year``).
        package: the npm package it was compiled from.
        version: that package's version.
        tarball: the tarball's address in the npm registry.
        integrity: the tarball's npm integrity string (sha512).
        licence: the data's licence.
        licence_url: where to read that licence.
    """

    year: int
    cog_date: dt.date
    package: str = attrs.field(repr=False)
    version: str
    tarball: str = attrs.field(repr=False)
    integrity: str = attrs.field(repr=False)
    licence: str
    licence_url: str = attrs.field(repr=False)
