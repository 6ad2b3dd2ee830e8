"""PTCE rules PTCE001–PTCE007 and the call criteria CALL001–CALL005, with the real examples."""

from __future__ import annotations

import datetime as dt
import importlib.util
import re
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
    PublicBody,
    ResearchBody,
    Territory,
    TrainingBody,
)
from ptcekit.rules import Confidence, Report, Rule, Severity, builtin_rules, validate

ROOT = Path(__file__).resolve().parent.parent
DAY = dt.date(2024, 6, 30)
ROMANS = Territory(name="Romans", level="commune", codes=("26281",), cog_year=2024)
IN_ROMANS = Place(commune="26281")

PTCE_AND_CALL = tuple(rule for rule in builtin_rules() if rule.code.startswith(("PTCE", "CALL")))


def _report(code: str, eco: Ecosystem, day: dt.date = DAY) -> Report:
    return validate(eco, rules=builtin_rules().select(code), as_of=day)


def _run(code: str, eco: Ecosystem, day: dt.date = DAY) -> list[tuple[str, str, str]]:
    return [(f.path, f.severity.value, f.message) for f in _report(code, eco, day)]


def _unchecked(code: str, eco: Ecosystem, day: dt.date = DAY) -> list[tuple[str, str]]:
    return [(u.path, u.reason) for u in _report(code, eco, day).unchecked]


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
#: A company known to have no ESS statutes, seated in Romans.
OTHER = Company(id="other", name="Other", ess_statutes=False, seat=IN_ROMANS)
#: A company whose statutes are not recorded.
UNKNOWN = Company(id="unknown", name="Unknown", seat=IN_ROMANS)
AGGLO = PublicBody(id="agglo", name="Agglo", kind="epci")


class TestEssAndOtherEnterprise:
    """PTCE001: an ESS enterprise and an enterprise outside the ESS, on the territory."""

    def test_messages(self) -> None:
        """The message says which kind of enterprise is missing."""
        person = Person(id="v", name="V")
        assert _run("PTCE001", _pole(person, territory=ROMANS)) == [
            ("$.poles[0].memberships", "error", "pôle 'p' has neither an ESS enterprise nor an enterprise outside the ESS among its members on 2024-06-30"),
        ]  # fmt: skip
        assert _run("PTCE001", _pole(OTHER, territory=ROMANS)) == [
            ("$.poles[0].memberships", "error", "pôle 'p' has no ESS enterprise among its members on 2024-06-30"),
        ]  # fmt: skip
        assert _run("PTCE001", _pole(ESS, AGGLO, territory=ROMANS)) == [
            ("$.poles[0].memberships", "error", "pôle 'p' has no enterprise outside the ESS among its members on 2024-06-30"),
        ]  # fmt: skip
        assert _run("PTCE001", _pole(ESS, OTHER, territory=ROMANS)) == []

    def test_finding_cites_article_9(self) -> None:
        """The finding cites art. 9, I with its Légifrance link, and the rule's confidence is a reading."""
        finding = _report("PTCE001", _pole(ESS, territory=ROMANS)).findings[0]
        assert (finding.code, finding.severity) == ("PTCE001", Severity.ERROR)
        assert finding.source == "Loi n° 2014-856 du 31 juillet 2014, art. 9, I"
        assert finding.url == "https://www.legifrance.gouv.fr/loda/id/JORFTEXT000029313296"
        assert finding.law is None
        assert builtin_rules()["PTCE001"].confidence is Confidence.READING

    def test_company_with_ess_statutes_is_ess(self) -> None:
        """A company with ESS statutes is not the enterprise outside the ESS."""
        ess_company = Company(id="other", name="Other", ess_statutes=True, seat=IN_ROMANS)
        assert "no enterprise outside the ESS" in _run("PTCE001", _pole(ESS, ess_company))[0][2]

    def test_civil_company_is_outside_the_ess(self) -> None:
        """A société civile is outside the ESS whatever its statutes say (art. 1 II 2°)."""
        civil = Company(id="sci", name="SCI", form="civil", ess_statutes=True, seat=IN_ROMANS)
        assert _run("PTCE001", _pole(ESS, civil, territory=ROMANS)) == []

    def test_unknown_statutes_never_count_as_outside(self) -> None:
        """A company whose statutes are unknown gives no finding and no pass: the check could not run."""
        eco = _pole(ESS, UNKNOWN, territory=ROMANS)
        assert _run("PTCE001", eco) == []
        assert _unchecked("PTCE001", eco) == [
            ("$.poles[0].memberships", "whether pôle 'p' has an enterprise outside the ESS on its territory on 2024-06-30 depends on what it does not record: company 'unknown' records no ESS status (ess_statutes unknown)"),
        ]  # fmt: skip
        assert not _report("PTCE001", eco).complete

    def test_one_unknown_cannot_fill_both_places(self) -> None:
        """A lone company of unknown statutes cannot be both enterprises: the pôle certainly lacks one."""
        eco = _pole(UNKNOWN, territory=ROMANS)
        assert _run("PTCE001", eco) == [
            ("$.poles[0].memberships", "error", "pôle 'p' has at most one of an ESS enterprise and an enterprise outside the ESS among its members on 2024-06-30"),
        ]  # fmt: skip
        assert _unchecked("PTCE001", eco) == []
        unknown_too = Company(id="unknown-2", name="Unknown 2", seat=IN_ROMANS)
        both = _pole(UNKNOWN, unknown_too, territory=ROMANS)
        assert _run("PTCE001", both) == []
        assert [p for p, _ in _unchecked("PTCE001", both)] == ["$.poles[0].memberships"]

    def test_partners_are_not_the_enterprises(self) -> None:
        """A company « en lien avec » the pôle (role partner) is not the enterprise outside the ESS."""
        eco = _pole(ESS, Membership(actor="other", role="partner"), territory=ROMANS).add(OTHER)
        assert _run("PTCE001", eco) == [
            ("$.poles[0].memberships", "error", "pôle 'p' has no enterprise outside the ESS among its members on 2024-06-30"),
        ]  # fmt: skip

    def test_partner_and_member_counts_as_member(self) -> None:
        """An actor with a partner membership and another one counts by the other one."""
        partner = Membership(actor="other", role="partner")
        eco = _pole(ESS, partner, Membership(actor="other"), territory=ROMANS).add(OTHER)
        assert _run("PTCE001", eco) == []

    @pytest.mark.parametrize(
        "body",
        [
            ResearchBody(id="lab", name="Lab", legal_status="company", seat=IN_ROMANS),
            TrainingBody(id="school", name="School", legal_status="company", seat=IN_ROMANS),
        ],
        ids=["research", "training"],
    )
    def test_research_and_training_bodies_count_for_neither(self, body: Actor) -> None:
        """A research or training body of company status is no enterprise of art. 9."""
        assert (
            "no enterprise outside the ESS"
            in _run("PTCE001", _pole(ESS, body, territory=ROMANS))[0][2]
        )
        lone = _run("PTCE001", _pole(body, territory=ROMANS))
        assert "neither an ESS enterprise nor" in lone[0][2]

    def test_gie_of_associations_is_no_outside_enterprise(self) -> None:
        """A GIE whose members are associations counts as ESS, not as the enterprise outside it."""
        cocagne = Association(id="cocagne", name="Cocagne")
        gie = Grouping(id="gie", name="GIE", kind="gie", members=("ess", "cocagne"), seat=IN_ROMANS)
        eco = _pole(ESS, gie, territory=ROMANS).add(cocagne)
        assert "no enterprise outside the ESS" in _run("PTCE001", eco)[0][2]
        alone = _pole(gie, territory=ROMANS).add(ESS, cocagne)
        assert "no enterprise outside the ESS" in _run("PTCE001", alone)[0][2]

    def test_gie_of_companies_is_the_outside_enterprise(self) -> None:
        """A GIE whose members are mostly companies without ESS statutes is outside the ESS."""
        second = Company(id="second", name="Second", ess_statutes=False)
        gie = Grouping(
            id="gie", name="GIE", kind="gie", members=("other", "second", "ess"), seat=IN_ROMANS
        )
        eco = _pole(ESS, gie, territory=ROMANS).add(OTHER, second)
        assert _run("PTCE001", eco) == []

    def test_evenly_split_grouping_counts_for_neither(self) -> None:
        """A groupement d'employeurs of one association and one company is on neither side."""
        ge = Grouping(id="ge", name="GE", kind="employer_group", members=("ess", "other"))
        eco = _pole(ESS, ge, territory=ROMANS).add(OTHER)
        assert "no enterprise outside the ESS" in _run("PTCE001", eco)[0][2]
        assert _unchecked("PTCE001", eco) == []

    def test_grouping_without_members_is_unknown(self) -> None:
        """A grouping with no declared member cannot be placed: the check could not run."""
        gie = Grouping(id="gie", name="GIE", kind="gie", members=("ghost",), seat=IN_ROMANS)
        eco = _pole(ESS, gie, territory=ROMANS)
        assert _run("PTCE001", eco) == []
        assert _unchecked("PTCE001", eco)[0][1].endswith(
            "grouping 'gie' records no member declared in the document"
        )
        mixed = Grouping(id="gie", name="GIE", kind="gie", members=("other", "unknown"))
        eco = _pole(ESS, mixed, territory=ROMANS).add(OTHER, UNKNOWN)
        assert _unchecked("PTCE001", eco)[0][1].endswith(
            "too many members of grouping 'gie' have an unknown ESS status"
        )

    def test_outside_enterprise_off_the_territory(self) -> None:
        """An enterprise outside the ESS seated off the pôle's territory does not count."""
        grenoble = Company(id="g", name="G", ess_statutes=False, seat=Place(commune="38185"))
        assert _run("PTCE001", _pole(ESS, grenoble, territory=ROMANS)) == [
            ("$.poles[0].memberships", "error", "pôle 'p' has no enterprise outside the ESS on its territory 'Romans' among its members on 2024-06-30: those it has are seated elsewhere ('g' in 38185)"),
        ]  # fmt: skip

    def test_unlocated_outside_enterprise(self) -> None:
        """No territory, no seat, or a territory that cannot tell: the check could not run."""
        seatless = Company(id="s", name="S", ess_statutes=False)
        # a SIREN that is no EPCI's in the COG 2024 (the tannery's): the territory cannot tell
        epci = Territory(name="Agglo", level="epci", codes=("732829320",), cog_year=2024)
        cases = {
            "pôle 'p' records no territory": _pole(ESS, OTHER),
            "'s' records no seat": _pole(ESS, seatless, territory=ROMANS),
            "territory 'Agglo' cannot tell whether commune 26281 lies in it": _pole(
                ESS, OTHER, territory=epci
            ),
        }
        for why, eco in cases.items():
            assert _run("PTCE001", eco) == []
            [(path, reason)] = _unchecked("PTCE001", eco)
            assert path == "$.poles[0].memberships"
            assert reason.endswith(f"depends on what it does not record: {why}")

    def test_unknown_ess_side(self) -> None:
        """With the other enterprise on the territory, a company of unknown statutes may be the ESS one."""
        eco = _pole(OTHER, UNKNOWN, territory=ROMANS)
        assert _run("PTCE001", eco) == []
        assert _unchecked("PTCE001", eco) == [
            ("$.poles[0].memberships", "whether pôle 'p' has an ESS enterprise on its territory on 2024-06-30 depends on what it does not record: company 'unknown' records no ESS status (ess_statutes unknown)"),
        ]  # fmt: skip

    def test_a_seat_the_geography_cannot_place(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """A seat the territory refuses to place is unknown, never "outside"."""

        def refuse(self: Territory, code: str) -> bool | None:
            raise ValueError(code)

        monkeypatch.setattr(Territory, "contains_commune", refuse)
        eco = _pole(ESS, OTHER, territory=ROMANS)
        assert _run("PTCE001", eco) == []
        assert _unchecked("PTCE001", eco)[0][1].endswith(
            "territory 'Romans' cannot tell whether commune 26281 lies in it"
        )

    def test_a_missing_ess_enterprise_is_reported_whatever_the_seats(self) -> None:
        """With no ESS enterprise at all, an unlocated company does not hold the finding back."""
        seatless = Company(id="s", name="S", ess_statutes=False)
        assert "no ESS enterprise" in _run("PTCE001", _pole(seatless, territory=ROMANS))[0][2]

    def test_members_on_the_date(self) -> None:
        """A membership that has ended does not count; an undeclared member is skipped."""
        ended = Membership(actor="other", period=Period(end=dt.date(2023, 12, 31)))
        eco = _pole(ESS, ended, Membership(actor="ghost"), territory=ROMANS).add(OTHER)
        assert "outside the ESS" in _run("PTCE001", eco)[0][2]

    def test_only_during_the_poles_life(self) -> None:
        """A pôle is not checked before its founding nor from its dissolution on."""
        young = _pole(ESS, territory=ROMANS, founded=dt.date(2025, 1, 1))
        assert _run("PTCE001", young) == []
        ended = _pole(ESS, territory=ROMANS, dissolved=dt.date(2024, 6, 30))
        assert _run("PTCE001", ended) == []
        assert len(_run("PTCE001", ended, dt.date(2024, 6, 29))) == 1


class TestSeats:
    """PTCE002 and PTCE003."""

    def test_levels(self) -> None:
        """A département territory checks the seat's département."""
        grenoble = Company(id="g", name="G", seat=Place(commune="38185"))
        drome = Territory(name="Drôme", level="departement", codes=("26",), cog_year=2024)
        isere = Territory(name="Isère", level="departement", codes=("38",), cog_year=2024)
        assert _run("PTCE002", _pole(grenoble, territory=drome)) == [
            ("$.poles[0].memberships[0]", "warning", "member 'g' of pôle 'p' has its seat in commune 38185, outside the pôle's territory 'Drôme' (COG 2024)"),
        ]  # fmt: skip
        assert _run("PTCE002", _pole(grenoble, territory=isere)) == []
        assert _unchecked("PTCE002", _pole(grenoble, territory=isere)) == []

    def test_not_checked(self) -> None:
        """No territory, no seat, or an unknown EPCI: the report says the check could not run."""
        grenoble = Company(id="g", name="G", seat=Place(commune="38185"))
        # a SIREN that is no EPCI's in the COG 2024 (the tannery's): the territory cannot tell
        epci = Territory(name="Agglo", level="epci", codes=("732829320",), cog_year=2024)
        seatless = Company(id="s", name="S")
        assert _run("PTCE002", _pole(grenoble)) == []
        assert _unchecked("PTCE002", _pole(grenoble)) == [
            ("$.poles[0].territory", "pôle 'p' records no territory to check its members' seats against"),
        ]  # fmt: skip
        assert _unchecked("PTCE002", _pole(seatless, territory=ROMANS)) == [
            ("$.poles[0].memberships", "the seats of some members of pôle 'p': 's' records no seat"),
        ]  # fmt: skip
        assert _unchecked("PTCE002", _pole(grenoble, seatless, territory=epci)) == [
            ("$.poles[0].memberships", "the seats of some members of pôle 'p': 's' records no seat; territory 'Agglo' cannot tell whether 38185 lies in it"),
        ]  # fmt: skip
        assert _unchecked("PTCE002", Ecosystem(poles=(Pole(id="p", name="P"),))) == []

    def test_arrondissements_and_overseas_seats(self) -> None:
        """A seat in an arrondissement lies in its commune; an overseas collectivity's commune lies in no département."""
        lyon = Territory(name="Lyon", level="commune", codes=("69123",), cog_year=2024)
        croix_rousse = Company(id="c", name="C", ess_statutes=False, seat=Place(commune="69384"))
        assert _run("PTCE002", _pole(croix_rousse, territory=lyon)) == []
        assert _run("PTCE001", _pole(ESS, croix_rousse, territory=lyon)) == []
        drome = Territory(name="Drôme", level="departement", codes=("26",), cog_year=2024)
        papeete = Company(id="t", name="T", ess_statutes=False, seat=Place(commune="98735"))
        assert _run("PTCE002", _pole(papeete, territory=drome)) == [
            ("$.poles[0].memberships[0]", "warning", "member 't' of pôle 'p' has its seat in commune 98735, outside the pôle's territory 'Drôme' (COG 2024)"),
        ]  # fmt: skip
        assert _unchecked("PTCE002", _pole(papeete, territory=drome)) == []

    def test_many_seatless_members_make_one_note(self) -> None:
        """Members with no seat make one note per pôle, which names the first three."""
        members = [Association(id=f"a{n}", name=f"A{n}") for n in range(5)]
        assert _unchecked("PTCE002", _pole(*members, territory=ROMANS)) == [
            ("$.poles[0].memberships", "the seats of some members of pôle 'p': 'a0', 'a1', 'a2' and 2 more record no seat"),
        ]  # fmt: skip

    def test_partners_may_sit_anywhere(self) -> None:
        """A partner's seat is not checked, nor is its lack of one."""
        grenoble = Company(id="g", name="G", seat=Place(commune="38185"))
        partner = Membership(actor="g", role="partner")
        eco = _pole(partner, Membership(actor="s", role="partner"), territory=ROMANS)
        eco = eco.add(grenoble, Company(id="s", name="S"))
        assert _run("PTCE002", eco) == []
        assert _unchecked("PTCE002", eco) == []

    def test_territory_is_recorded(self) -> None:
        """PTCE003 reports a pôle with no territory, as information."""
        assert _run("PTCE003", _pole(ESS)) == [
            ("$.poles[0].territory", "info", "pôle 'p' records no territory, so whether its members work on one same territory cannot be checked"),
        ]  # fmt: skip
        assert _run("PTCE003", _pole(ESS, territory=ROMANS)) == []


class TestLead:
    """PTCE004 and PTCE007."""

    def test_lead_membership_on_the_date(self) -> None:
        """A lead membership counts only while it holds."""
        ended = Membership(actor="ess", role="lead", period=Period(end=dt.date(2023, 1, 1)))
        assert [p for p, _, _ in _run("PTCE004", _pole(ended).add(ESS))] == ["$.poles[0].lead"]
        assert _run("PTCE004", _pole(Membership(actor="ess", role="lead")).add(ESS)) == []

    def test_source_is_honest(self) -> None:
        """PTCE004 says that no legal text requires a lead; it is a heuristic warning."""
        rule = builtin_rules()["PTCE004"]
        assert "no legal text requires one" in rule.source
        assert (rule.kind.value, rule.severity, rule.confidence) == (
            "heuristic",
            Severity.WARNING,
            Confidence.READING,
        )

    def test_lead_is_a_member(self) -> None:
        """PTCE007 fires for a lead with no membership on the date, or only a partner's."""
        assert _run("PTCE007", _pole(ESS, lead="other").add(OTHER)) == [
            ("$.poles[0].lead", "warning", "the lead structure 'other' of pôle 'p' holds no membership on 2024-06-30: the structure that carries the pôle is expected among its members"),
        ]  # fmt: skip
        partner = Membership(actor="other", role="partner")
        assert (
            "holds only as a partner"
            in _run("PTCE007", _pole(ESS, partner, lead="other").add(OTHER))[0][2]
        )
        ended = Membership(actor="other", period=Period(end=dt.date(2023, 1, 1)))
        assert len(_run("PTCE007", _pole(ESS, ended, lead="other").add(OTHER))) == 1

    def test_lead_is_a_member_passes(self) -> None:
        """A lead that is a member, no lead at all, or a lead that is no actor (REF001's) gives nothing."""
        assert _run("PTCE007", _pole(ESS, OTHER, lead="other")) == []
        assert _run("PTCE007", _pole(ESS, OTHER)) == []
        assert _run("PTCE007", _pole(ESS, lead="ghost")) == []


class TestNothingShared:
    """PTCE005."""

    def test_fires(self) -> None:
        """A pôle with no strategy, no asset and no agreement is reported."""
        assert _run("PTCE005", _pole(ESS, OTHER)) == [
            ("$.poles[0]", "warning", "pôle 'p' records no strategy, no shared asset and no agreement: its strategy of mutualisation, coopération ou partenariat has nothing to show in the document"),
        ]  # fmt: skip

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

    def test_strategy_counts(self) -> None:
        """A recorded strategy is where art. 9's « stratégie commune et continue » is stated."""
        assert _run("PTCE005", _pole(ESS, OTHER, strategy="Mutualisation d'un atelier.")) == []


class TestMembershipsInTheLife:
    """PTCE006."""

    FOUNDED = dt.date(2010, 1, 1)
    DISSOLVED = dt.date(2020, 1, 1)

    def _dated(self, period: Period) -> Ecosystem:
        membership = Membership(actor="ess", period=period)
        return _pole(membership, founded=self.FOUNDED, dissolved=self.DISSOLVED).add(ESS)

    @pytest.mark.parametrize(
        ("period", "what"),
        [
            (Period(start=dt.date(2009, 12, 31)), "starts on 2009-12-31, before the pôle was founded on 2010-01-01"),
            (Period(start=dt.date(2020, 1, 1)), "starts on 2020-01-01, after the pôle ceased on 2020-01-01"),
            (Period(start=dt.date(2015, 1, 1), end=dt.date(2020, 1, 1)), "ends on 2020-01-01, after the pôle ceased on 2020-01-01"),
        ],
        ids=["before", "starts-after", "ends-after"],
    )  # fmt: skip
    def test_fires(self, period: Period, what: str) -> None:
        """A membership before the founding or after the dissolution is an error at its period."""
        assert _run("PTCE006", self._dated(period)) == [
            ("$.poles[0].memberships[0].period", "error", f"the membership of 'ess' in pôle 'p' {what}"),
        ]  # fmt: skip

    @pytest.mark.parametrize(
        "period",
        [
            Period(start=dt.date(2010, 1, 1), end=dt.date(2019, 12, 31)),
            Period(start=dt.date(2012, 1, 1)),
            Period(end=dt.date(2015, 1, 1)),
        ],
        ids=["whole-life", "open-ended", "unknown-start"],
    )
    def test_passes(self, period: Period) -> None:
        """A membership within the life, open-ended, or of unknown start is not reported."""
        assert _run("PTCE006", self._dated(period)) == []

    def test_undated(self) -> None:
        """An undated membership, or a pôle with no dates, is not checked."""
        assert _run("PTCE006", _pole(ESS, founded=self.FOUNDED)) == []
        early = Membership(actor="ess", period=Period(start=dt.date(1990, 1, 1)))
        assert _run("PTCE006", _pole(early).add(ESS)) == []


class TestCallCriteria:
    """CALL001–CALL005: décret n° 2015-431, art. 3."""

    def test_vehicle(self) -> None:
        """A natural person or an entrepreneur individuel is no legal person; an undeclared vehicle is left to REF001."""
        person = Person(id="v", name="V")
        assert _run("CALL001", _pole(ESS, person, legal_vehicle="v"))[0][2] == (
            "the legal vehicle 'v' of pôle 'p' is a natural person; a State call for projects "
            "asks for a private-law legal person"
        )
        cobbler = Company(id="c", name="C", form="sole_trader")
        assert _run("CALL001", _pole(ESS, cobbler, legal_vehicle="c"))[0][2].startswith(
            "the legal vehicle 'c' of pôle 'p' is not a legal person (an entrepreneur individuel)"
        )
        assert (
            "a public-law body" in _run("CALL001", _pole(ESS, AGGLO, legal_vehicle="agglo"))[0][2]
        )
        assert _run("CALL001", _pole(ESS, legal_vehicle="ghost")) == []
        assert _run("CALL001", _pole(ESS, legal_vehicle="ess")) == []

    def test_no_vehicle(self) -> None:
        """A pôle with no legal vehicle is reported."""
        assert _run("CALL001", _pole(ESS)) == [
            ("$.poles[0].legal_vehicle", "error", "pôle 'p' has no legal vehicle; a State call for projects asks for a private-law legal person"),
        ]  # fmt: skip

    @pytest.mark.parametrize(
        ("code", "alinea", "path", "severity"),
        [
            ("CALL001", "1°", "$.poles[0].legal_vehicle", Severity.ERROR),
            ("CALL002", "2°", "$.poles[0].memberships", Severity.ERROR),
            ("CALL003", "2°", "$.poles[0].memberships", Severity.ERROR),
            ("CALL005", "6°", "$.poles[0].labels", Severity.WARNING),
        ],
    )
    def test_cites_article_3(self, code: str, alinea: str, path: str, severity: Severity) -> None:
        """Each criterion cites décret n° 2015-431 art. 3 and its alinéa, with the version applied."""
        eco = _pole(Person(id="v", name="V"), labels=("aap-ptce-2013",))
        [finding] = _report(code, eco).findings
        assert (finding.code, finding.path, finding.severity) == (code, path, severity)
        assert finding.source == f"Décret n° 2015-431 du 15 avril 2015, art. 3, {alinea}"
        assert finding.url == "https://www.legifrance.gouv.fr/loda/id/JORFTEXT000030487441"
        assert finding.law == "décret n° 2015-431, in force since 18 April 2015"
        assert finding.to_text().endswith(
            f"[Décret n° 2015-431 du 15 avril 2015, art. 3, {alinea}; "
            "décret n° 2015-431, in force since 18 April 2015]"
        )

    @pytest.mark.parametrize("code", ["CALL001", "CALL002", "CALL003", "CALL004", "CALL005"])
    def test_not_before_the_decree(self, code: str) -> None:
        """The criteria do not run before the décret came into force on 18 April 2015."""
        eco = _pole(Person(id="v", name="V"), labels=("aap-ptce-2013",))
        before = _report(code, eco, dt.date(2015, 4, 17))
        assert (before.findings, before.unchecked, before.rules) == ((), (), ())
        after = _report(code, eco, dt.date(2015, 4, 18))
        assert after.rules == (code,)
        assert {f.law for f in after.findings} == {
            "décret n° 2015-431, in force since 18 April 2015"
        }

    def test_count_message(self) -> None:
        """One legal-person member is said in the singular."""
        assert _run("CALL002", _pole(ESS)) == [
            ("$.poles[0].memberships", "error", "pôle 'p' has 1 legal-person member on 2024-06-30; a State call for projects asks for at least 3"),
        ]  # fmt: skip

    def test_legal_persons_counted_once(self) -> None:
        """An actor with two memberships counts once; a sole trader does not count; a partner does."""
        twice = _pole(ESS, Membership(actor="ess", role="lead"), OTHER)
        assert "has 2 legal-person members" in _run("CALL002", twice)[0][2]
        cobbler = Company(id="c", name="C", form="sole_trader")
        assert "has 2 legal-person members" in _run("CALL002", _pole(ESS, OTHER, cobbler))[0][2]
        partner = Membership(actor="agglo", role="partner")
        assert _run("CALL002", _pole(ESS, OTHER, partner).add(AGGLO)) == []

    def test_enterprises(self) -> None:
        """Both kinds missing are named; a GIP is no enterprise."""
        gip = Grouping(id="gip", name="GIP", kind="gip", members=("ghost",))
        assert _run("CALL003", _pole(gip)) == [
            ("$.poles[0].memberships", "error", "pôle 'p' has no ESS enterprise and no enterprise outside the ESS (nor a grouping mostly of such) among its legal-person members on 2024-06-30; a State call for projects asks for at least one of each"),
        ]  # fmt: skip
        assert _run("CALL003", _pole(ESS, OTHER)) == []

    def test_one_grouping_fills_one_place(self) -> None:
        """A groupement d'employeurs of companies and two public bodies: no ESS enterprise."""
        second = Company(id="second", name="Second", ess_statutes=False)
        ge = Grouping(id="ge", name="GE", kind="employer_group", members=("other", "second"))
        region = PublicBody(id="region", name="Région", kind="region")
        eco = _pole(ge, AGGLO, region).add(OTHER, second)
        assert [m for _, _, m in _run("CALL003", eco)] == [
            "pôle 'p' has no ESS enterprise among its legal-person members on 2024-06-30; a State call for projects asks for at least one of each"
        ]  # fmt: skip
        assert _run("CALL002", eco) == []
        assert _run("CALL004", eco) == []

    def test_gie_of_ess_members_is_not_the_other_enterprise(self) -> None:
        """A GIE of associations counts on the ESS side only."""
        cocagne = Association(id="cocagne", name="Cocagne")
        gie = Grouping(id="gie", name="GIE", kind="gie", members=("ess", "cocagne"))
        eco = _pole(gie, AGGLO).add(ESS, cocagne)
        assert "no enterprise outside the ESS" in _run("CALL003", eco)[0][2]

    def test_unknown_and_partners(self) -> None:
        """Unknown statutes make the check not run; a partner company is not the other enterprise."""
        eco = _pole(ESS, UNKNOWN)
        assert _run("CALL003", eco) == []
        assert _unchecked("CALL003", eco) == [
            ("$.poles[0].memberships", "whether pôle 'p' has an ESS enterprise and an enterprise outside the ESS on 2024-06-30 depends on what it does not record: company 'unknown' records no ESS status (ess_statutes unknown)"),
        ]  # fmt: skip
        partner = _pole(ESS, Membership(actor="other", role="partner")).add(OTHER)
        assert "no enterprise outside the ESS" in _run("CALL003", partner)[0][2]

    def test_art9_person(self) -> None:
        """A GIP, a public body or a partner legal person is the other art. 9 person; an enterprise member is not."""
        gip = Grouping(id="gip", name="GIP", kind="gip")
        assert _run("CALL004", _pole(ESS, OTHER, gip)) == []
        partner = Membership(actor="cocagne", role="partner")
        cocagne = Association(id="cocagne", name="Cocagne")
        assert _run("CALL004", _pole(ESS, OTHER, partner).add(cocagne)) == []
        assert _run("CALL004", _pole(ESS, OTHER, cocagne)) == [
            ("$.poles[0].memberships", "warning", "pôle 'p' has no local authority, research, higher-education or training body, nor any other legal person « en lien avec » it (role 'partner'), among its members on 2024-06-30"),
        ]  # fmt: skip
        volunteer = Membership(actor="v", role="partner")
        assert len(_run("CALL004", _pole(ESS, OTHER, volunteer).add(Person(id="v", name="V")))) == 1

    def test_previous_call(self) -> None:
        """A label of a State call won by the date's year fires; a later one or another label does not."""
        won = _pole(ESS, labels=("aap-ptce-2013", "reseau-ptce"))
        assert _run("CALL005", won) == [
            ("$.poles[0].labels", "warning", "pôle 'p' already won a State call for projects of PTCE (aap-ptce-2013); a project that the State already supported after a previous call cannot apply again"),
        ]  # fmt: skip
        assert _run("CALL005", won, dt.date(2015, 6, 1))[0][2].startswith("pôle 'p' already won")
        later = _pole(ESS, labels=("aap-ptce-2025",))
        assert _run("CALL005", later, dt.date(2024, 6, 30)) == []
        assert _run("CALL005", _pole(ESS, labels=("aap-ptce-x",))) == []

    def test_previous_call_without_labels(self) -> None:
        """A pôle with no labels at all cannot be checked, and the report says so."""
        report = _report("CALL005", _pole(ESS))
        assert report.findings == ()
        assert [(u.code, u.path) for u in report.unchecked] == [("CALL005", "$.poles[0].labels")]
        assert "could not run" in report.summary()

    def test_opt_in(self) -> None:
        """The call criteria do not run by default."""
        report = validate(_pole(ESS), as_of=DAY)
        assert not [f for f in report if f.code.startswith("CALL")]
        assert not [u for u in report.unchecked if u.code.startswith("CALL")]


class TestSources:
    """Every PTCE and CALL rule cites the legal text itself, and no internal document."""

    INTERNAL = re.compile(r"ess-law|law-audit|DESIGN|STYLE|\bR[0-9]+\b|\[[HML]\]")

    @pytest.mark.parametrize("rule", PTCE_AND_CALL, ids=[r.code for r in PTCE_AND_CALL])
    def test_no_internal_reference(self, rule: Rule) -> None:
        """Source, title and explanation name no internal document; every source but the model's has a link."""
        for text in (rule.source, rule.title, rule.explanation):
            assert self.INTERNAL.search(text) is None, text
        for version in rule.versions:
            assert self.INTERNAL.search(version.source) is None
        assert rule.url is not None or rule.kind.value == "format"
        assert rule.url is None or rule.url.startswith(
            ("https://www.legifrance.gouv.fr/", "https://ptcekit.readthedocs.io/")
        )


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
        outside = {a.id for a in eco.actors if a.is_enterprise and a.in_ess is False}
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

    def test_pole_sud_won_the_2013_call(self) -> None:
        """Pôle Sud records the 2013 call it won, so CALL005 warns about applying again."""
        report = validate(_example("pole_sud"), rules=builtin_rules().select("CALL005"))
        assert [(f.code, f.severity, f.path) for f in report] == [
            ("CALL005", Severity.WARNING, "$.poles[0].labels")
        ]
