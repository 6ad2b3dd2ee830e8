"""PTCE rules PTCE001–PTCE005 and the call criteria CALL001–CALL004, with the real examples."""

from __future__ import annotations

import datetime as dt
import importlib.util
from pathlib import Path

import attrs
import pytest

from ptcekit.model import (
    Actor,
    Association,
    Company,
    Ecosystem,
    Grouping,
    Membership,
    PartnershipAgreement,
    Party,
    Period,
    Person,
    Place,
    Pole,
    Sector,
    Territory,
)
from ptcekit.rules import Severity, builtin_rules, validate

ROOT = Path(__file__).resolve().parent.parent
DAY = dt.date(2024, 6, 30)


def _run(code: str, eco: Ecosystem) -> list[tuple[str, str, str]]:
    report = validate(eco, rules=builtin_rules().select(code), as_of=DAY)
    return [(f.path, f.severity.value, f.message) for f in report]


def _pole(*members: Actor | Membership, **fields: object) -> Ecosystem:
    actors = tuple(m for m in members if isinstance(m, Actor))
    memberships = tuple(m if isinstance(m, Membership) else Membership(actor=m.id) for m in members)
    return Ecosystem(
        actors=actors,
        poles=(Pole(id="p", name="P", memberships=memberships, **fields),),  # type: ignore[arg-type]
    )


def _example(name: str) -> Ecosystem:
    path = ROOT / "examples" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"example_{name}", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    ecosystem = module.build()
    assert isinstance(ecosystem, Ecosystem)
    return ecosystem


ESS = Association(id="ess", name="ESS")
OTHER = Company(id="other", name="Other")


class TestEssAndOtherEnterprise:
    """PTCE001."""

    def test_messages(self) -> None:
        """The message says which kind of enterprise is missing."""
        person = Person(id="v", name="V")
        assert _run("PTCE001", _pole(person)) == [
            ("$.poles[0].memberships", "error", "pôle 'p' has neither an ESS enterprise nor an enterprise outside the ESS among its members on 2024-06-30"),
        ]  # fmt: skip
        assert _run("PTCE001", _pole(OTHER))[0][2] == (
            "pôle 'p' has no ESS enterprise among its members on 2024-06-30"
        )
        assert _run("PTCE001", _pole(ESS, OTHER)) == []

    def test_company_with_ess_statutes_is_ess(self) -> None:
        """A company with ESS statutes is not the enterprise outside the ESS."""
        ess_company = Company(id="other", name="Other", ess_statutes=True)
        assert "outside the ESS" in _run("PTCE001", _pole(ESS, ess_company))[0][2]

    def test_members_on_the_date(self) -> None:
        """A membership that has ended does not count; an undeclared member is skipped."""
        ended = Membership(actor="other", period=Period(end=dt.date(2023, 12, 31)))
        eco = _pole(ESS, ended, Membership(actor="ghost")).add(OTHER)
        assert "outside the ESS" in _run("PTCE001", eco)[0][2]


ROMANS = Territory(name="Romans", level="commune", codes=("26281",), cog_year=2024)


class TestSeats:
    """PTCE002 and PTCE003."""

    def test_levels(self) -> None:
        """A département territory checks the seat's département; an EPCI one cannot tell."""
        grenoble = Company(id="g", name="G", seat=Place(commune="38185"))
        drome = Territory(name="Drôme", level="departement", codes=("26",), cog_year=2024)
        isere = Territory(name="Isère", level="departement", codes=("38",), cog_year=2024)
        epci = Territory(name="Agglo", level="epci", codes=("200040491",), cog_year=2024)
        assert _run("PTCE002", _pole(grenoble, territory=drome)) == [
            ("$.poles[0].memberships[0]", "warning", "member 'g' of pôle 'p' has its seat in commune 38185, outside the pôle's territory 'Drôme' (COG 2024)"),
        ]  # fmt: skip
        assert _run("PTCE002", _pole(grenoble, territory=isere)) == []
        assert _run("PTCE002", _pole(grenoble, territory=epci)) == []

    def test_not_checked(self) -> None:
        """No territory, no seat, or a partner: nothing to report."""
        grenoble = Company(id="g", name="G", seat=Place(commune="38185"))
        assert _run("PTCE002", _pole(grenoble)) == []
        assert _run("PTCE002", _pole(OTHER, territory=ROMANS)) == []
        partner = Membership(actor="g", role="partner")
        assert _run("PTCE002", _pole(partner, territory=ROMANS).add(grenoble)) == []


class TestLead:
    """PTCE004."""

    def test_lead_membership_on_the_date(self) -> None:
        """A lead membership counts only while it holds."""
        ended = Membership(actor="ess", role="lead", period=Period(end=dt.date(2023, 1, 1)))
        assert [p for p, _, _ in _run("PTCE004", _pole(ended).add(ESS))] == ["$.poles[0].lead"]
        assert _run("PTCE004", _pole(Membership(actor="ess", role="lead")).add(ESS)) == []


class TestNothingShared:
    """PTCE005."""

    def test_agreement_counts(self) -> None:
        """An agreement of the pôle shows cooperation."""
        agreement = PartnershipAgreement(
            id="charte",
            title="Charte",
            kind="pole_charter",
            pole="p",
            parties=(Party(actor="ess"), Party(actor="other")),
        )
        assert _run("PTCE005", _pole(ESS, OTHER).add(agreement)) == []


class TestCallCriteria:
    """CALL001–CALL004."""

    def test_vehicle(self) -> None:
        """A natural person is not a legal person; an undeclared vehicle is left to REF001."""
        person = Person(id="v", name="V")
        assert _run("CALL001", _pole(ESS, person, legal_vehicle="v"))[0][2] == (
            "the legal vehicle 'v' of pôle 'p' is a natural person; a State call for projects "
            "asks for a private-law legal person"
        )
        assert _run("CALL001", _pole(ESS, legal_vehicle="ghost")) == []
        assert _run("CALL001", _pole(ESS, legal_vehicle="ess")) == []

    def test_no_vehicle(self) -> None:
        """A pôle with no legal vehicle is reported."""
        assert _run("CALL001", _pole(ESS)) == [
            ("$.poles[0].legal_vehicle", "error", "pôle 'p' has no legal vehicle; a State call for projects asks for a private-law legal person"),
        ]  # fmt: skip

    def test_count_message(self) -> None:
        """One legal-person member is said in the singular."""
        assert _run("CALL002", _pole(ESS))[0][2] == (
            "pôle 'p' has 1 legal-person member on 2024-06-30; a State call for projects asks "
            "for at least 3"
        )

    def test_enterprises(self) -> None:
        """Both kinds missing are named; a grouping of unknown members does not count."""
        gip = Grouping(id="gip", name="GIP", kind="gip", members=("ghost",))
        assert _run("CALL003", _pole(gip))[0][2] == (
            "pôle 'p' has no ESS enterprise and no enterprise outside the ESS (nor a grouping "
            "mostly of such) among its legal-person members on 2024-06-30; a State call for "
            "projects asks for at least one of each"
        )
        assert _run("CALL003", _pole(ESS, OTHER)) == []

    def test_gip_is_an_art9_partner(self) -> None:
        """A GIP counts as the other art. 9 person."""
        gip = Grouping(id="gip", name="GIP", kind="gip")
        assert _run("CALL004", _pole(ESS, OTHER, gip)) == []

    def test_opt_in(self) -> None:
        """The call criteria do not run by default."""
        report = validate(_pole(ESS), as_of=DAY)
        assert not [f for f in report if f.code.startswith("CALL")]


class TestRealExamples:
    """Pôle Sud and TETRIS, the examples shipped with ptcekit."""

    @pytest.mark.parametrize("name", ["pole_sud", "tetris"])
    def test_no_error(self, name: str) -> None:
        """Each example validates with no error."""
        report = validate(_example(name))
        assert report.ok, report.to_text()
        assert report.filter(severity=Severity.ERROR).findings == ()

    @pytest.mark.parametrize("name", ["pole_sud", "tetris"])
    def test_without_its_non_ess_enterprises_art9_fires(self, name: str) -> None:
        """Removing every enterprise outside the ESS from the pôle makes PTCE001 fire."""
        eco = _example(name)
        outside = {a.id for a in eco.actors if a.is_enterprise and a.sector is not Sector.ESS}
        assert outside, "the example has an enterprise outside the ESS"
        pole = eco.poles[0]
        kept = tuple(m for m in pole.memberships if m.actor not in outside)
        stripped = attrs.evolve(eco, poles=(attrs.evolve(pole, memberships=kept), *eco.poles[1:]))
        errors = validate(stripped).filter(severity=Severity.ERROR)
        assert [(f.code, f.path, f.subject) for f in errors] == [
            ("PTCE001", "$.poles[0].memberships", pole.id)
        ]
        assert errors.findings[0].message.startswith(
            f"pôle {pole.id!r} has no enterprise outside the ESS among its members on "
        )
