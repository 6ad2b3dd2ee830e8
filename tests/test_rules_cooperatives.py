"""Cooperative rules SCIC001–SCIC006, SCOP001–SCOP003 and COOP001–COOP003."""

from __future__ import annotations

import datetime as dt

from ptcekit.model import (
    Actor,
    AssociateCategory,
    College,
    Cooperative,
    Ecosystem,
    Governance,
)
from ptcekit.rules import builtin_rules, validate

DAY = dt.date(2024, 6, 30)


def _run(code: str, actor: Actor) -> list[tuple[str, str, str]]:
    report = validate(Ecosystem(actors=(actor,)), rules=builtin_rules().select(code), as_of=DAY)
    return [(f.path, f.severity.value, f.message) for f in report]


def _coop(kind: str, *categories: AssociateCategory, **fields: object) -> Cooperative:
    return Cooperative(id="c", name="C", kind=kind, associates=categories, **fields)  # type: ignore[arg-type]


def _cat(role: str, count: int | None = 5, **fields: object) -> AssociateCategory:
    return AssociateCategory(role=role, count=count, **fields)  # type: ignore[arg-type]


class TestAcceptance:
    """The issue's cases: one precise finding each, under the default rules."""

    def test_scic_with_two_categories(self) -> None:
        """A SCIC with bénéficiaires and salariés only gives exactly SCIC002."""
        scic = _coop("scic", _cat("beneficiary"), _cat("employee"), form="sas")
        report = validate(Ecosystem(actors=(scic,)), as_of=DAY)
        assert [(f.code, f.severity.value, f.path, f.message) for f in report] == [
            ("SCIC002", "error", "$.actors[0].associates", "SCIC 'c' has 2 categories of associés (beneficiary, employee); a SCIC has at least 3"),
        ]  # fmt: skip

    def test_scop_whose_employees_hold_40_percent(self) -> None:
        """A SCOP whose employees hold 40 % of the capital gives exactly SCOP002."""
        scop = _coop(
            "scop",
            _cat("employee", 10, capital_share="2/5"),
            _cat("supporter", 4, capital_share="3/5"),
            form="sarl",
        )
        report = validate(Ecosystem(actors=(scop,)), as_of=DAY)
        assert [(f.code, f.severity.value, f.path, f.message) for f in report] == [
            ("SCOP002", "error", "$.actors[0].associates", "employees hold 2/5 (40 %) of the capital of SCOP 'c'; they must hold at least 51/100 (51 %)"),
        ]  # fmt: skip


class TestScic:
    """SCIC001–SCIC006."""

    def test_form_not_recorded(self) -> None:
        """A SCIC with no recorded form is not checked for it."""
        assert _run("SCIC001", _coop("scic")) == []

    def test_categories(self) -> None:
        """Empty categories do not count, labels are shown, no data means no check."""
        one = _coop("scic", _cat("beneficiary", label="usagers"), _cat("employee", 0))
        assert _run("SCIC002", one)[0][2] == (
            "SCIC 'c' has 1 category of associés (usagers); a SCIC has at least 3"
        )
        none = _coop("scic", _cat("beneficiary", 0))
        assert _run("SCIC002", none)[0][2] == (
            "SCIC 'c' has 0 categories of associés (none); a SCIC has at least 3"
        )
        assert _run("SCIC002", _coop("scic")) == []
        assert _run("SCIC002", _coop("scop", _cat("employee"))) == []

    def test_mandatory_categories(self) -> None:
        """Both missing categories are named; producteurs pass when the headcount is unknown."""
        scic = _coop("scic", _cat("volunteer"), _cat("supporter"), _cat("public_authority"))
        assert _run("SCIC003", scic)[0][2] == (
            "SCIC 'c' has no category of bénéficiaires and no category of salariés "
            "(nor of producteurs)"
        )
        producers = _coop("scic", _cat("beneficiary"), _cat("producer"), _cat("volunteer"))
        assert _run("SCIC003", producers) == []
        assert _run("SCIC003", _coop("scic")) == []

    def test_public_capital_unknown(self) -> None:
        """Unknown shares count as nothing."""
        scic = _coop("scic", _cat("public_authority"), _cat("beneficiary", capital_share="1"))
        assert _run("SCIC004", scic) == []

    def test_equal_college_weights(self) -> None:
        """Colleges without weights have equal votes: one college weighs 100 %."""
        scic = _coop("scic", governance=Governance(colleges=(College(name="tous"),)))
        assert _run("SCIC005", scic) == [
            ("$.actors[0].governance.colleges[0]", "error", "college 'tous' of SCIC 'c' weighs 1 (100 %) of the votes, as colleges without weights have equal votes; each college weighs between 1/10 (10 %) and 1/2 (50 %)"),
        ]  # fmt: skip
        assert _run("SCIC006", scic)[0][2] == (
            "SCIC 'c' has 1 vote college; the statutes likely need at least 3 (unconfirmed)"
        )

    def test_some_weights_missing(self) -> None:
        """When some weights are given, only those are checked."""
        colleges = (College(name="a", weight="1/20"), College(name="b"), College(name="c"))
        scic = _coop("scic", governance=Governance(colleges=colleges))
        assert [p for p, _, _ in _run("SCIC005", scic)] == [
            "$.actors[0].governance.colleges[0].weight"
        ]

    def test_no_colleges(self) -> None:
        """A SCIC that votes one member one vote has no college to check."""
        assert _run("SCIC005", _coop("scic", governance=Governance())) == []
        assert _run("SCIC006", _coop("scic")) == []


class TestScop:
    """SCOP001–SCOP003."""

    def test_minimum_by_form(self) -> None:
        """SAS: 2; the message is in the singular for one."""
        assert _run("SCOP001", _coop("scop", _cat("employee", 1), form="sas")) == [
            ("$.actors[0].associates", "error", "SCOP 'c' (SAS) has 1 employee associé; an SAS SCOP has at least 2"),
        ]  # fmt: skip
        assert _run("SCOP001", _coop("scop", _cat("employee", 7), form="sa")) == []
        assert _run("SCOP001", _coop("scop", _cat("supporter", 7), form="sa"))[0][2] == (
            "SCOP 'c' (SA) has 0 employee associés; an SA SCOP has at least 7"
        )

    def test_not_checked(self) -> None:
        """Unknown form, another form, unknown counts or no associate data: no finding."""
        assert _run("SCOP001", _coop("scop", _cat("employee", 1))) == []
        assert _run("SCOP001", _coop("scop", _cat("employee", 1), form="civil")) == []
        assert _run("SCOP001", _coop("scop", _cat("employee", None), form="sa")) == []
        assert _run("SCOP001", _coop("scop", form="sa")) == []

    def test_shares_unknown(self) -> None:
        """No shares at all, or an employee category without one: no finding."""
        assert _run("SCOP002", _coop("scop", _cat("employee"), _cat("supporter"))) == []
        partial = _coop("scop", _cat("employee"), _cat("supporter", capital_share="9/10"))
        assert _run("SCOP002", partial) == []
        no_employees = _coop("scop", _cat("supporter", vote_share="1/2"))
        assert _run("SCOP003", no_employees)[0][2] == (
            "employees hold 0 (0 %) of the votes of SCOP 'c'; they must hold at least 13/20 (65 %)"
        )


class TestEveryCooperative:
    """COOP001–COOP003."""

    def test_applies_to_every_kind(self) -> None:
        """A SCOP's investors are capped too."""
        scop = _coop("scop", _cat("employee", vote_share="3/5"), _cat("investor", vote_share="2/5"))
        assert [p for p, _, _ in _run("COOP002", scop)] == ["$.actors[0].associates"]
        assert _run("COOP001", scop) == []

    def test_no_governance(self) -> None:
        """A cooperative without governance data votes one member one vote."""
        assert _run("COOP003", _coop("consumer")) == []
