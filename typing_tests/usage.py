"""Usage that must type-check under ``mypy --strict``: the public API's types serve their users.

Lines ending in ``# type: ignore[...]`` must be errors: with
``warn_unused_ignores`` (part of strict), mypy fails if one of them is not.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import ptcekit
from ptcekit import geo, governance, identifiers, rules, serialize
from ptcekit.model import (
    Allocation,
    Association,
    Company,
    Cooperative,
    CooperativeKind,
    Ecosystem,
    Membership,
    Money,
    Ownership,
    Period,
    Pole,
    Sector,
    Share,
    SharedPremises,
    Territory,
)

# enums take their members or their wire values; collections take any iterable
coop: Cooperative = Cooperative(id="tetris", name="SCIC TETRIS", kind="scic", form="sas")
same_kind: CooperativeKind = coop.kind
company = Company(id="roux", name="Tannerie Roux", form=ptcekit.CompanyForm.SAS)
sector: Sector = company.sector
territory = Territory(name="Grasse", level="commune", codes=["06069"], cog_year=2024)
pole = Pole(
    id="tetris-pole",
    name="TETRIS",
    territory=territory,
    memberships=[Membership(actor="tetris", role="lead"), Membership(actor="roux")],
)
premises = SharedPremises(
    id="marigarde",
    name="La Marigarde",
    area=1500,
    owners=[Ownership(actor="tetris", share=Share.of("1"))],
    users=[Allocation(actor="roux", share=Share(fraction=Fraction(1, 4)))],
    annual_cost=Money(amount=Decimal("12000.00")),
)
eco = Ecosystem(
    actors=[coop, company, Association(id="a", name="A")], poles=[pole], assets=[premises]
)
period = Period(start=dt.date(2015, 7, 1))
running: bool = dt.date(2024, 1, 1) in period

# look-ups and navigation return precise types
members: tuple[ptcekit.Actor, ...] = eco.members("tetris-pole", as_of=dt.date(2024, 1, 1))
first_pole: Pole = eco.poles_of("roux")[0]
cost: Money | None = eco.asset("marigarde").annual_cost

# identifiers: a commune of a collectivité d'outre-mer has no département (None)
papeete_dep: str | None = identifiers.commune.departement_of("98735")
lyon: str | None = identifiers.commune.parent_of("69381")
naf_2025 = Company(id="n", name="N", naf="46.87Y", naf_version=identifiers.NafVersion.NAF2025)
version: identifiers.NafVersion = naf_2025.naf_version
checked: str = identifiers.naf.validate("46.87Y", version="2025")
legacy: bool = identifiers.legal_category.lookup("5720").legacy

# the wire: loads gives an Ecosystem unless told otherwise
data: bytes = ptcekit.dumps(eco)
again: Ecosystem = ptcekit.loads(data)
money: Money = serialize.loads(b'{"amount": "1.50", "currency": "EUR"}', Money)
capped: Ecosystem = ptcekit.loads(data, max_problems=50)
try:
    ptcekit.loads(b"{}")
except ptcekit.LoadError as error:
    envelope: dict[str, object] = error.to_dict()
    first_code: str = error.problems[0].code
    first_pointer: str = error.problems[0].pointer
kept: dict[str, object] | None = serialize.kept_keys(again)
source: str = serialize.generated_source(Money)

# the rules
report: rules.Report = ptcekit.validate(eco, rules=rules.builtin_rules().select("PTCE"))
ok: bool = report.ok
codes: list[str] = [finding.code for finding in report.findings]
complete: bool = report.complete
missing: list[str] = [note.reason for note in report.unchecked]
law: str | None = report.findings[0].law if report.findings else None
cap_2014 = rules.LawVersion(
    label="since loi n° 2014-856",
    start=dt.date(2014, 8, 2),
    source="Loi n° 47-1775 du 10 septembre 1947, art. 19 septies",
    params={"cap": Fraction(1, 2)},
)
in_force: bool = cap_2014.in_force_on(dt.date(2024, 1, 1))
words: str = rules.Confidence.READING.words

# the geography
die: geo.Commune = geo.commune("26113", 2024)
kind: geo.CommuneType = die.type
departement_code: str | None = die.departement
home: geo.Commune = geo.commune_of("74011")
epci_members: tuple[str, ...] = geo.epci("242600534", 2024).members
found: tuple[geo.Commune, ...] = geo.search("die", departement="26")
shipped: tuple[int, ...] = geo.years()

# statutes, meetings and the reckoning
sa_statutes: ptcekit.Statutes = governance.preset("sa", dt.date(2024, 6, 12)).statutes
assembly = ptcekit.Meeting(
    id="ag",
    organisation="archer",
    date=dt.date(2024, 6, 12),
    attendance=(ptcekit.Attendance(member="archer"),),
    resolutions=(ptcekit.Resolution(id="1", votes=(ptcekit.Vote(member="archer", choice="for"),)),),
)
reckoned: governance.Outcome = governance.decide(
    ptcekit.Ecosystem(actors=(Association(id="archer", name="Archer"),), meetings=(assembly,)),
    assembly,
    "1",
)
adopted: bool = reckoned.verdict is governance.Verdict.ADOPTED
part: Fraction | None = reckoned.share
as_json: dict[str, object] = reckoned.to_dict()

# mistakes mypy catches
governance.decide(eco, assembly, 1)  # type: ignore[arg-type]
Money(amount=1.5)  # type: ignore[arg-type]
Pole(id="p", name="P", memberships=[1])  # type: ignore[list-item]
Association(id="a", name="A", headcount="12")  # type: ignore[arg-type]
eco.actor(3)  # type: ignore[arg-type]
rules.LawVersion(label="v", source="s", start="2014-08-02")  # type: ignore[arg-type]
dep_code: str = identifiers.commune.departement_of("98735")  # type: ignore[assignment]
geo.commune("26113", year="2024")  # type: ignore[arg-type]
geo.search("die", "26")  # type: ignore[call-arg]

# every identifiers module is an IdentifierModule
schemes: list[identifiers.IdentifierModule] = [
    identifiers.siren,
    identifiers.siret,
    identifiers.rna,
    identifiers.commune,
    identifiers.departement,
    identifiers.region,
    identifiers.naf,
    identifiers.legal_category,
    identifiers.currency,
]
