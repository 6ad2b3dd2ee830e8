"""Cooperative rules SCIC001–SCIC006, SCOP001–SCOP004 and COOP001–COOP003."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from ptcekit.model import (
    Actor,
    AssociateCategory,
    Body,
    College,
    Cooperative,
    Ecosystem,
    Governance,
)
from ptcekit.rules import Confidence, Report, Rule, builtin_rules, catalogue_markdown, validate
from ptcekit.rules._cooperatives import LOI_2014_IN_FORCE

DAY = dt.date(2024, 6, 30)
BEFORE = dt.date(2014, 8, 1)
SINCE = "since loi n° 2014-856 (from 2 August 2014)"
UNTIL = "before loi n° 2014-856 (until 1 August 2014)"
CODES = ("SCIC", "SCOP", "COOP")


def _report(code: str, *actors: Actor, as_of: dt.date = DAY) -> Report:
    return validate(Ecosystem(actors=actors), rules=builtin_rules().select(code), as_of=as_of)


def _run(code: str, actor: Actor, *, as_of: dt.date = DAY) -> list[tuple[str, str, str]]:
    return [(f.path, f.severity.value, f.message) for f in _report(code, actor, as_of=as_of)]


def _unchecked(code: str, actor: Actor, *, as_of: dt.date = DAY) -> list[tuple[str, str]]:
    return [(u.path, u.reason) for u in _report(code, actor, as_of=as_of).unchecked]


def _coop(kind: str, *categories: AssociateCategory, **fields: object) -> Cooperative:
    return Cooperative(id="c", name="C", kind=kind, associates=categories, **fields)  # type: ignore[arg-type]


def _cat(role: str, count: int | None = 5, **fields: object) -> AssociateCategory:
    return AssociateCategory(role=role, count=count, **fields)  # type: ignore[arg-type]


def _scic(*roles: str, **fields: object) -> Cooperative:
    return _coop("scic", *(_cat(role) for role in roles), **fields)


class TestAcceptance:
    """The issue's cases: one precise finding each, under the default rules."""

    def test_scic_with_two_categories(self) -> None:
        """A SCIC with bénéficiaires and salariés only gives exactly SCIC002."""
        scic = _coop("scic", _cat("beneficiary"), _cat("employee"), form="sas")
        report = validate(Ecosystem(actors=(scic,)), as_of=DAY)
        assert [(f.code, f.severity.value, f.path, f.message) for f in report] == [
            ("SCIC002", "error", "$.actors[0].associates", "SCIC 'c' has associés of 2 distinct categories (beneficiary, employee); a SCIC has at least 3, one of them other than the mandatory bénéficiaires and salariés (bénévoles, public persons or other contributors)"),
        ]  # fmt: skip

    def test_scop_whose_employees_hold_40_percent(self) -> None:
        """A SCOP whose employees hold 40 % of the capital gives exactly SCOP002, a warning."""
        scop = _coop(
            "scop",
            _cat("employee", 10, capital_share="2/5"),
            _cat("supporter", 4, capital_share="3/5"),
            form="sarl",
        )
        report = validate(Ecosystem(actors=(scop,)), as_of=DAY)
        assert [(f.code, f.severity.value, f.path, f.message) for f in report] == [
            ("SCOP002", "warning", "$.actors[0].associates", "employees hold 2/5 (40 %) of the capital of SCOP 'c'; they must hold at least 51/100 (51 %)"),
        ]  # fmt: skip


class TestScicForm:
    """SCIC001, with its two dated versions."""

    def test_sas_accepted_since_2014(self) -> None:
        """An SAS-form SCIC passes on and after 2 August 2014."""
        assert _run("SCIC001", _scic(form="sas"), as_of=LOI_2014_IN_FORCE) == []
        assert _run("SCIC001", _scic(form="sa")) == []

    def test_sas_refused_before_2014(self) -> None:
        """The same SCIC is reported the day before, citing the version of 2001."""
        report = _report("SCIC001", _scic(form="sas"), as_of=BEFORE)
        [finding] = report.findings
        assert (finding.code, finding.severity.value, finding.path) == (
            "SCIC001",
            "error",
            "$.actors[0].form",
        )
        assert finding.message == (
            "SCIC 'c' has the form sas; on 2014-08-01 a SCIC is an SA or an SARL"
        )
        assert finding.law == UNTIL
        assert finding.source is not None
        assert "as written by loi n° 2001-624" in finding.source
        assert finding.url == "https://www.legifrance.gouv.fr/loda/id/JORFTEXT000000684004"

    def test_other_form_cites_the_current_version(self) -> None:
        """A civil-form SCIC today cites the version of loi n° 2014-856."""
        [finding] = _report("SCIC001", _scic(form="civil")).findings
        assert finding.law == SINCE
        assert finding.message == (
            "SCIC 'c' has the form civil; on 2024-06-30 a SCIC is an SA, an SARL or an SAS"
        )
        assert finding.url is not None
        assert finding.url.endswith("LEGIARTI000029321359")

    def test_fixed_capital(self) -> None:
        """A fixed capital is reported at its field."""
        assert _run("SCIC001", _scic(form="sarl", variable_capital=False)) == [
            ("$.actors[0].variable_capital", "error", "SCIC 'c' has a fixed capital; a SCIC has a variable capital"),
        ]  # fmt: skip

    def test_form_not_recorded(self) -> None:
        """A SCIC with no recorded form gives no finding but is listed as not checked."""
        assert _run("SCIC001", _scic()) == []
        assert _unchecked("SCIC001", _scic()) == [("$.actors[0]", "no form recorded (form)")]

    def test_not_a_scic(self) -> None:
        """Other cooperatives are not concerned."""
        assert _report("SCIC001", _coop("scop", form="civil")).findings == ()
        assert _report("SCIC001", _coop("scop")).unchecked == ()


class TestScicCategories:
    """SCIC002: distinct categories, and a third one beyond the mandatory two."""

    def test_two_entries_of_beneficiaries_are_one_category(self) -> None:
        """Usagers and clients are both bénéficiaires: with salariés, two categories."""
        scic = _coop(
            "scic",
            _cat("beneficiary", label="usagers"),
            _cat("beneficiary", label="clients"),
            _cat("employee"),
        )
        assert _run("SCIC002", scic) == [
            ("$.actors[0].associates", "error", "SCIC 'c' has associés of 2 distinct categories (beneficiary, employee); a SCIC has at least 3, one of them other than the mandatory bénéficiaires and salariés (bénévoles, public persons or other contributors)"),
        ]  # fmt: skip

    def test_producers_beside_salaries_are_a_third_category(self) -> None:
        """With salariés, producteurs are a category of their own (art. 19 septies, al. 1)."""
        assert _run("SCIC002", _scic("beneficiary", "employee", "producer")) == []

    def test_producers_standing_in_are_no_third_category(self) -> None:
        """Without salariés, producteurs fill their place since 2014: a third is still needed."""
        scic = _scic("beneficiary", "producer", "employee", "volunteer")
        assert _run("SCIC002", scic) == []
        standing_in = _coop("scic", _cat("beneficiary"), _cat("producer"), _cat("employee", 0))
        [finding] = _report("SCIC002", standing_in).findings
        assert (finding.code, finding.severity.value, finding.path, finding.law) == (
            "SCIC002",
            "error",
            "$.actors[0].associates",
            SINCE,
        )
        assert finding.message == (
            "SCIC 'c' has associés of 2 distinct categories (beneficiary, producer); a SCIC "
            "has at least 3, one of them other than the mandatory bénéficiaires and producteurs "
            "standing in for salariés (bénévoles, public persons or other contributors)"
        )

    def test_before_2014_producers_are_other_contributors(self) -> None:
        """Before 2 August 2014 producteurs never stood in, so they were a third category."""
        scic = _scic("beneficiary", "employee", "producer")
        report = _report("SCIC002", scic, as_of=BEFORE)
        assert (report.findings, report.rules) == ((), ("SCIC002",))
        two = _report("SCIC002", _scic("beneficiary", "producer"), as_of=BEFORE).findings
        assert [(f.code, f.path, f.law) for f in two] == [
            ("SCIC002", "$.actors[0].associates", UNTIL)
        ]

    def test_two_categories_with_a_third_kind(self) -> None:
        """Bénéficiaires and bénévoles: a third kind is there, but only two categories."""
        scic = _scic("beneficiary", "volunteer")
        assert _run("SCIC002", scic) == [
            ("$.actors[0].associates", "error", "SCIC 'c' has associés of 2 distinct categories (beneficiary, volunteer); a SCIC has at least 3"),
        ]  # fmt: skip

    @pytest.mark.parametrize(
        "third", ["volunteer", "public_authority", "supporter", "investor", "investor_cooperative"]
    )
    def test_passes_with_any_third_kind(self, third: str) -> None:
        """Any category beyond bénéficiaires and salariés/producteurs is a third one."""
        assert _run("SCIC002", _scic("beneficiary", "employee", third)) == []

    def test_empty_categories_do_not_count(self) -> None:
        """A category whose count is 0 does not count; none at all is said so."""
        one = _coop("scic", _cat("beneficiary"), _cat("employee", 0), _cat("volunteer", 0))
        assert _run("SCIC002", one)[0][2].startswith(
            "SCIC 'c' has associés of 1 distinct category (beneficiary); a SCIC has at least 3"
        )
        none = _coop("scic", _cat("beneficiary", 0))
        assert _run("SCIC002", none)[0][2].startswith(
            "SCIC 'c' has associés of 0 distinct categories (none)"
        )

    def test_no_associates_is_not_checked(self) -> None:
        """A SCIC with no associés recorded is listed as not checked, once."""
        assert _run("SCIC002", _scic()) == []
        assert _unchecked("SCIC002", _scic()) == [
            ("$.actors[0]", "no associés recorded (associates)")
        ]
        assert _report("SCIC002", _coop("scop", _cat("employee"))).findings == ()


class TestScicMandatory:
    """SCIC003."""

    def test_both_missing(self) -> None:
        """Both missing categories are named."""
        scic = _scic("volunteer", "supporter", "public_authority")
        assert _run("SCIC003", scic) == [
            ("$.actors[0].associates", "error", "SCIC 'c' has no category of bénéficiaires and no category of salariés (nor of producteurs)"),
        ]  # fmt: skip

    def test_producers_with_employees(self) -> None:
        """Producteurs stand in for salariés only when the SCIC has no employees."""
        scic = _scic("beneficiary", "producer", "volunteer", headcount=4)
        assert [p for p, _, _ in _run("SCIC003", scic)] == ["$.actors[0].associates"]
        assert _run("SCIC003", _scic("beneficiary", "producer", headcount=0)) == []

    def test_producers_before_2014(self) -> None:
        """Before 2 August 2014 producteurs could not stand in for salariés at all."""
        scic = _scic("beneficiary", "producer", "volunteer", headcount=0)
        [finding] = _report("SCIC003", scic, as_of=BEFORE).findings
        assert (finding.code, finding.severity.value, finding.path, finding.law) == (
            "SCIC003",
            "error",
            "$.actors[0].associates",
            UNTIL,
        )
        assert finding.message == "SCIC 'c' has no category of salariés"
        assert finding.source is not None
        assert "loi n° 2001-624" in finding.source
        assert _run("SCIC003", scic, as_of=LOI_2014_IN_FORCE) == []

    def test_producers_with_unknown_headcount(self) -> None:
        """With producteurs and an unknown headcount, the check could not run."""
        scic = _scic("beneficiary", "producer", "volunteer")
        assert _run("SCIC003", scic) == []
        [(path, reason)] = _unchecked("SCIC003", scic)
        assert path == "$.actors[0]"
        assert "headcount" in reason

    def test_no_associates(self) -> None:
        """No associés recorded: not checked."""
        assert _unchecked("SCIC003", _scic()) == [
            ("$.actors[0]", "no associés recorded (associates)")
        ]
        assert _unchecked("SCIC003", _scic("beneficiary", "employee")) == []


def _public(share: str | None, **fields: object) -> Cooperative:
    return _coop(
        "scic",
        _cat("beneficiary"),
        _cat("employee"),
        _cat("public_authority", 1, capital_share=share),
        **fields,
    )


class TestScicPublicCapital:
    """SCIC004: 20 % before loi n° 2014-856, 50 % since."""

    def test_thirty_percent_before_2014(self) -> None:
        """30 % of public capital as of 2012 breaks the 20 % cap of the time."""
        report = _report("SCIC004", _public("3/10"), as_of=dt.date(2012, 6, 30))
        [finding] = report.findings
        assert (finding.code, finding.severity.value, finding.path) == (
            "SCIC004",
            "error",
            "$.actors[0].associates",
        )
        assert finding.message == (
            "local authorities hold 3/10 (30 %) of the capital of SCIC 'c'; on 2012-06-30 "
            "they may hold at most 1/5 (20 %)"
        )
        assert finding.law == UNTIL
        assert finding.source is not None
        assert "19 septies" in finding.source
        assert "loi n° 2001-624" in finding.source

    def test_thirty_percent_since_2014(self) -> None:
        """The same 30 % is lawful from 2 August 2014."""
        assert _run("SCIC004", _public("3/10"), as_of=LOI_2014_IN_FORCE) == []
        assert _run("SCIC004", _public("3/10"), as_of=BEFORE) != []

    def test_sixty_percent_since_2014(self) -> None:
        """60 % breaks the 50 % cap; the finding names the version applied."""
        [finding] = _report("SCIC004", _public("3/5")).findings
        assert finding.law == SINCE
        assert finding.message.endswith("they may hold at most 1/2 (50 %)")
        assert finding.source is not None
        assert (
            "al. 4, as rewritten by loi n° 2014-856 du 31 juillet 2014, art. 33" in finding.source
        )
        assert finding.url == "https://www.legifrance.gouv.fr/jorf/article_jo/JORFARTI000029313828"
        assert finding.to_text().endswith(f"; {SINCE}]")

    def test_exactly_the_cap(self) -> None:
        """Half the capital is allowed since 2014, a fifth before."""
        assert _run("SCIC004", _public("1/2")) == []
        assert _run("SCIC004", _public("1/5"), as_of=BEFORE) == []

    def test_unknown_share_is_not_checked(self) -> None:
        """A public category without a share gives no finding and is listed as not checked."""
        assert _run("SCIC004", _public(None)) == []
        assert _unchecked("SCIC004", _public(None)) == [
            ("$.actors[0].associates", "the capital share of the local-authority associés is not recorded"),
        ]  # fmt: skip
        assert _unchecked("SCIC004", _scic()) == [
            ("$.actors[0]", "no associés recorded (associates)")
        ]

    def test_no_public_associates(self) -> None:
        """No local authority among the associés: nothing to report or to miss."""
        report = _report("SCIC004", _scic("beneficiary", "employee", "volunteer"))
        assert report.findings == ()
        assert report.unchecked == ()


def _weighted(*weights: str | None) -> Cooperative:
    colleges = tuple(College(name=f"c{n}", weight=w) for n, w in enumerate(weights))
    return _coop("scic", governance=Governance(colleges=colleges))


class TestScicColleges:
    """SCIC005 and SCIC006."""

    def test_equal_votes_by_default_are_not_bounded(self) -> None:
        """Colleges without weights have equal votes, which the bounds do not apply to."""
        assert _run("SCIC005", _weighted(None)) == []
        assert _run("SCIC005", _weighted(*([None] * 11))) == []

    def test_equal_weights_given_are_not_bounded(self) -> None:
        """Eleven colleges of 1/11 each: equal votes, as the default."""
        assert _run("SCIC005", _weighted(*(["1/11"] * 11))) == []

    def test_weights_that_depart(self) -> None:
        """Weights that differ are bounded: 60 % is too much, 5 % too little."""
        assert _run("SCIC005", _weighted("3/5", "7/20", "1/20")) == [
            ("$.actors[0].governance.colleges[0].weight", "error", "college 'c0' of SCIC 'c' weighs 3/5 (60 %) of the votes; when the statutes depart from equal votes, each college weighs between 1/10 (10 %) and 1/2 (50 %)"),
            ("$.actors[0].governance.colleges[2].weight", "error", "college 'c2' of SCIC 'c' weighs 1/20 (5 %) of the votes; when the statutes depart from equal votes, each college weighs between 1/10 (10 %) and 1/2 (50 %)"),
        ]  # fmt: skip

    def test_some_weights_missing(self) -> None:
        """When some weights are given, only those are checked."""
        assert [p for p, _, _ in _run("SCIC005", _weighted("1/20", None, None))] == [
            "$.actors[0].governance.colleges[0].weight"
        ]

    def test_college_count(self) -> None:
        """One college: SCIC006 warns (the minimum of three is not confirmed)."""
        assert _run("SCIC006", _weighted(None)) == [
            ("$.actors[0].governance.colleges", "warning", "SCIC 'c' has 1 vote college; the article is read as asking for three or more (not confirmed)"),
        ]  # fmt: skip
        assert _run("SCIC006", _weighted(None, None, None)) == []

    def test_no_colleges(self) -> None:
        """A SCIC that votes one member one vote has no college to check."""
        assert _run("SCIC005", _coop("scic", governance=Governance())) == []
        assert _run("SCIC006", _coop("scic")) == []


class TestScopMinimum:
    """SCOP001: a warning, since art. 5 leaves a year to regularise."""

    def test_minimum_by_form(self) -> None:
        """SAS: 2; SA: 7; the message is in the singular for one."""
        assert _run("SCOP001", _coop("scop", _cat("employee", 1), form="sas")) == [
            ("$.actors[0].associates", "warning", "SCOP 'c' (SAS) has 1 employee associé; an SAS SCOP has at least 2 (a court may dissolve it after more than a year below that number)"),
        ]  # fmt: skip
        assert _run("SCOP001", _coop("scop", _cat("employee", 7), form="sa")) == []
        assert _run("SCOP001", _coop("scop", _cat("supporter", 7), form="sa"))[0][2].startswith(
            "SCOP 'c' (SA) has 0 employee associés; an SA SCOP has at least 7"
        )

    def test_not_checked(self) -> None:
        """Unknown form, unknown counts or no associés: listed as not checked."""
        assert _unchecked("SCOP001", _coop("scop", _cat("employee", 1))) == [
            ("$.actors[0]", "no form recorded (form)")
        ]
        assert _unchecked("SCOP001", _coop("scop", _cat("employee", None), form="sa")) == [
            ("$.actors[0].associates", "the number of employee associés is not recorded (count)")
        ]
        assert _unchecked("SCOP001", _coop("scop", form="sa")) == [
            ("$.actors[0]", "no associés recorded (associates)")
        ]

    def test_other_forms(self) -> None:
        """A SCOP of a form with no minimum is neither reported nor listed."""
        report = _report("SCOP001", _coop("scop", _cat("employee", 1), form="civil"))
        assert (report.findings, report.unchecked) == ((), ())


class TestScopShares:
    """SCOP002 and SCOP003: warnings, since their article is not confirmed."""

    def test_votes(self) -> None:
        """Employees with no vote share recorded hold nothing."""
        no_employees = _coop("scop", _cat("supporter", vote_share="1/2"))
        assert _run("SCOP003", no_employees) == [
            ("$.actors[0].associates", "warning", "employees hold 0 (0 %) of the votes of SCOP 'c'; they must hold at least 13/20 (65 %)"),
        ]  # fmt: skip
        enough = _coop("scop", _cat("employee", vote_share="7/10"), _cat("investor"))
        assert _run("SCOP003", enough) == []

    def test_shares_unknown(self) -> None:
        """No shares at all, or an employee category without one: not checked."""
        nothing = _coop("scop", _cat("employee"), _cat("supporter"))
        assert _run("SCOP002", nothing) == []
        assert _unchecked("SCOP002", nothing) == [
            (
                "$.actors[0]",
                "no capital_share of the associés recorded (associates[].capital_share)",
            )
        ]
        partial = _coop("scop", _cat("employee"), _cat("supporter", capital_share="9/10"))
        assert _run("SCOP002", partial) == []
        assert _unchecked("SCOP002", partial) == [
            ("$.actors[0].associates", "the capital_share of the employee associés is not recorded")
        ]
        assert [path for path, _ in _unchecked("SCOP003", _coop("scop"))] == ["$.actors[0]"]

    def test_confidence(self) -> None:
        """Both say in words that their article is not confirmed."""
        rules = builtin_rules()
        for code in ("SCOP002", "SCOP003", "SCIC006"):
            assert rules[code].confidence is Confidence.UNCONFIRMED
            assert rules[code].confidence.words == "not confirmed"
            assert "not confirmed" in rules[code].source


def _board(seats: int | None, non_employee_seats: int | None, kind: str = "board") -> Cooperative:
    bodies = (
        Body(kind="general_assembly", seats=40, non_employee_seats=30),
        Body(kind=kind, seats=seats, non_employee_seats=non_employee_seats),
    )
    return _coop("scop", _cat("employee"), form="sarl", governance=Governance(bodies=bodies))


class TestScopMandates:
    """SCOP004: associés who are not employees hold at most a third of the mandates."""

    def test_more_than_a_third(self) -> None:
        """4 of 9 board seats is more than a third."""
        assert _run("SCOP004", _board(9, 4)) == [
            ("$.actors[0].governance.bodies[1].non_employee_seats", "error", "associés who are not employees hold 4 of the 9 seats of the board of SCOP 'c'; they may hold at most a third of them"),
        ]  # fmt: skip

    def test_a_third(self) -> None:
        """3 of 9 is a third; the general assembly is no mandate of art. 15."""
        assert _run("SCOP004", _board(9, 3)) == []
        assert _run("SCOP004", _board(1, 0, kind="other")) == []
        assert _run("SCOP004", _board(1, 1, kind="other"))[0][1] == "error"

    def test_named_body(self) -> None:
        """The body's name from the statutes is used in the message."""
        scop = _coop(
            "scop",
            governance=Governance(
                bodies=(Body(kind="other", name="gérance", seats=2, non_employee_seats=1),)
            ),
        )
        assert "of the gérance of SCOP 'c'" in _run("SCOP004", scop)[0][2]

    def test_not_checked(self) -> None:
        """No board recorded, or its seats unknown: listed as not checked."""
        assert _unchecked("SCOP004", _coop("scop")) == [
            ("$.actors[0]", "no gérance, board or supervisory body recorded (governance.bodies)")
        ]
        assert _unchecked("SCOP004", _board(9, None)) == [
            ("$.actors[0].governance.bodies[1]", "the seats held by associés who are not employees are not recorded")
        ]  # fmt: skip
        assert _unchecked("SCOP004", _board(None, 2)) != []
        assert _report("SCOP004", _coop("scic")).unchecked == ()


class TestEveryCooperative:
    """COOP001–COOP003."""

    def test_applies_to_every_kind(self) -> None:
        """A SCOP's investors are capped too."""
        scop = _coop("scop", _cat("employee", vote_share="3/5"), _cat("investor", vote_share="2/5"))
        assert _run("COOP002", scop) == [
            ("$.actors[0].associates", "error", "associés non coopérateurs that are not cooperatives hold 2/5 (40 %) of the votes of cooperative 'c'; they may hold at most 7/20 (35 %)"),
        ]  # fmt: skip
        assert _run("COOP001", scop) == []

    def test_thirty_five_percent_together_before_2014(self) -> None:
        """Before 2 August 2014 all associés non coopérateurs shared one 35 % cap."""
        coop = _coop(
            "consumer",
            _cat("beneficiary", vote_share="3/5"),
            _cat("investor_cooperative", vote_share="2/5"),
        )
        [finding] = _report("COOP001", coop, as_of=BEFORE).findings
        assert (finding.code, finding.severity.value, finding.path, finding.law) == (
            "COOP001",
            "error",
            "$.actors[0].associates",
            UNTIL,
        )
        assert finding.message == (
            "associés non coopérateurs hold 2/5 (40 %) of the votes of cooperative 'c'; "
            "they may hold at most 7/20 (35 %)"
        )
        assert finding.source is not None
        assert "loi n° 92-643" in finding.source
        since = _report("COOP001", coop, as_of=LOI_2014_IN_FORCE)
        assert (since.findings, since.rules) == ((), ("COOP001",))

    def test_coop002_runs_only_since_2014(self) -> None:
        """The separate cap on investors that are not cooperatives begins on 2 August 2014."""
        coop = _coop(
            "consumer", _cat("beneficiary", vote_share="3/5"), _cat("investor", vote_share="2/5")
        )
        before = _report("COOP002", coop, as_of=BEFORE)
        assert (before.findings, before.unchecked, before.rules) == ((), (), ())
        [finding] = _report("COOP002", coop, as_of=LOI_2014_IN_FORCE).findings
        assert (finding.code, finding.path, finding.law) == (
            "COOP002",
            "$.actors[0].associates",
            SINCE,
        )
        assert finding.url == "https://www.legifrance.gouv.fr/loda/article_lc/LEGIARTI000029320770"

    def test_forty_nine_percent_together(self) -> None:
        """Cooperative investors count in the 49 % but not in the 35 %."""
        coop = _coop(
            "consumer",
            _cat("beneficiary", vote_share="1/2"),
            _cat("investor", vote_share="1/5"),
            _cat("investor_cooperative", vote_share="3/10"),
        )
        assert [p for p, _, _ in _run("COOP001", coop)] == ["$.actors[0].associates"]
        assert _run("COOP002", coop) == []

    def test_not_checked(self) -> None:
        """No associés, or investors without a vote share: listed as not checked."""
        assert _unchecked("COOP001", _coop("banking")) == [
            ("$.actors[0]", "no associés recorded (associates)")
        ]
        investors = _coop("consumer", _cat("beneficiary"), _cat("investor"))
        assert _unchecked("COOP002", investors) == [
            ("$.actors[0].associates", "the vote share of the associés non coopérateurs that are not cooperatives is not recorded")
        ]  # fmt: skip
        assert _unchecked("COOP001", _coop("consumer", _cat("beneficiary"))) == []

    def test_capital_voting(self) -> None:
        """Votes weighed by capital are a warning; no governance data is one vote each."""
        coop = _coop("agricultural", governance=Governance(voting="capital_weighted"))
        assert _run("COOP003", coop) == [
            ("$.actors[0].governance.voting", "warning", "cooperative 'c' weighs votes by capital; in a cooperative each associé has one vote unless the law of its category provides otherwise"),
        ]  # fmt: skip
        assert _run("COOP003", _coop("consumer")) == []
        assert _report("COOP003", _coop("consumer")).unchecked == ()


_INTERNAL = re.compile(r"DESIGN|STYLE|ess-law|law-audit|\bR[0-9]{1,2}\b|\[[HML]\]|UNCONFIRMED")


class TestSources:
    """What these rules show users cites the legal text, never an internal document."""

    @pytest.mark.parametrize(
        "rule", [r for r in builtin_rules() if r.code.startswith(CODES)], ids=lambda r: r.code
    )
    def test_source_and_explanation(self, rule: Rule) -> None:
        """Source, explanation, title and versions: the text itself, with a link."""
        texts = [rule.title, rule.source, rule.explanation]
        texts += [v.source for v in rule.versions] + [v.label for v in rule.versions]
        for text in texts:
            assert _INTERNAL.search(text) is None, text
        assert rule.url is not None
        assert rule.url.startswith("https://")
        assert all(v.url is not None for v in rule.versions)
        assert rule.source.startswith(("Loi n° 47-1775", "Loi n° 78-763"))

    def test_rendered_catalogue(self) -> None:
        """Their catalogue entries name no internal document, and link every source."""
        rules = builtin_rules().select(*CODES)
        page = catalogue_markdown(rules)
        assert _INTERNAL.search(page) is None
        for rule in rules:
            assert f"]({rule.url})" in page
            for version in rule.versions:
                assert f"]({version.url})" in page

    def test_dated_rules(self) -> None:
        """The rules whose law changed have two versions that meet on 2 August 2014."""
        rules = builtin_rules()
        assert [r.code for r in rules if r.code.startswith(CODES) and r.versions] == [
            "COOP001", "COOP002", "SCIC001", "SCIC002", "SCIC003", "SCIC004",
        ]  # fmt: skip
        [only] = rules["COOP002"].versions
        assert (only.start, only.end, only.label) == (LOI_2014_IN_FORCE, None, SINCE)
        for code in ("SCIC001", "SCIC002", "SCIC003", "SCIC004", "COOP001"):
            before, since = rules[code].versions
            assert before.end == since.start == LOI_2014_IN_FORCE == dt.date(2014, 8, 2)
            assert before.start is None
            assert since.end is None
            assert (before.label, since.label) == (UNTIL, SINCE)
