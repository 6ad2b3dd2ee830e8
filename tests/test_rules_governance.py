"""Governance rules GOV001–GOV004, and the governance data they read."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from ptcekit.errors import FieldTypeError, InvalidValueError, LoadError
from ptcekit.model import (
    Actor,
    AssociateCategory,
    Association,
    Body,
    College,
    Cooperative,
    Ecosystem,
    Governance,
    Membership,
    Pole,
)
from ptcekit.rules import Confidence, Rule, builtin_rules, validate
from ptcekit.serialize import dumps, loads


def _run(code: str, *actors: Actor, poles: tuple[Pole, ...] = ()) -> list[tuple[str, str, str]]:
    report = validate(
        Ecosystem(actors=actors, poles=poles),
        rules=builtin_rules().select(code),
        as_of=dt.date(2024, 6, 30),
    )
    return [(f.path, f.severity.value, f.message) for f in report]


def _governed(*weights: str | None, **fields: object) -> Association:
    colleges = tuple(College(name=f"c{n}", weight=w) for n, w in enumerate(weights))
    return Association(id="a", name="A", governance=Governance(colleges=colleges, **fields))  # type: ignore[arg-type]


class TestWeights:
    """GOV001."""

    def test_partial_weights(self) -> None:
        """Given weights above 1 are reported even when others are missing."""
        assert _run("GOV001", _governed("3/4", "1/2", None)) == [
            ("$.actors[0].governance.colleges", "error", "the college weights of 'a' sum to 5/4 (125 %); more than 1 before the others"),
        ]  # fmt: skip
        assert _run("GOV001", _governed("3/4", None)) == []
        assert _run("GOV001", _governed(None, None)) == []
        assert _run("GOV001", Association(id="a", name="A")) == []


class TestCollegeReferences:
    """GOV002."""

    def test_pole_without_governance(self) -> None:
        """A membership in a college of a pôle with no governance is reported."""
        pole = Pole(
            id="p",
            name="P",
            memberships=(Membership(actor="a", college="x"), Membership(actor="a")),
        )
        assert _run("GOV002", Association(id="a", name="A"), poles=(pole,)) == [
            ("$.poles[0].memberships[0].college", "error", "membership of 'a' in pôle 'p' names college 'x', which the pôle's governance does not declare"),
        ]  # fmt: skip

    def test_cooperative_colleges(self) -> None:
        """Associate categories may name the cooperative's own colleges."""
        coop = Cooperative(
            id="c",
            name="C",
            kind="scic",
            governance=Governance(colleges=(College(name="salariés"),)),
            associates=(
                AssociateCategory(role="employee", college="salariés"),
                AssociateCategory(role="beneficiary"),
            ),
        )
        assert _run("GOV002", coop) == []


class TestMajority:
    """GOV003."""

    def test_actor_majority(self) -> None:
        """An actor's majority is checked at its path; half is enough."""
        assert [p for p, _, _ in _run("GOV003", _governed(majority="1/3"))] == [
            "$.actors[0].governance.majority"
        ]
        assert _run("GOV003", _governed(majority="1/2")) == []
        assert _run("GOV003", _governed()) == []


class TestWeightedWithoutColleges:
    """GOV004."""

    def test_actor(self) -> None:
        """An actor voting by weighted colleges with none declared is reported."""
        assert _run("GOV004", _governed(voting="weighted_colleges")) == [
            ("$.actors[0].governance.colleges", "warning", "the governance of 'a' votes by weighted colleges but declares none"),
        ]  # fmt: skip
        assert _run("GOV004", _governed()) == []


class TestSources:
    """The governance rules say they check the data, and name no internal document."""

    @pytest.mark.parametrize(
        "rule", [r for r in builtin_rules() if r.code.startswith("GOV")], ids=lambda r: r.code
    )
    def test_source(self, rule: Rule) -> None:
        """A full citation of what they rest on, a reading in confidence, no internal reference."""
        assert rule.source == (
            "ptcekit document model: governance data (colleges, weights, quorum, majority) "
            "is consistent; no legal text"
        )
        assert rule.confidence is Confidence.READING
        for text in (rule.title, rule.source, rule.explanation):
            assert re.search(r"DESIGN|STYLE|ess-law|\bR[0-9]{1,2}\b|\[[HML]\]", text) is None
        [finding] = validate(
            rule.failing_example.build() if rule.failing_example else Ecosystem(),
            rules=builtin_rules().select(rule.code),
            as_of=dt.date(2024, 6, 30),
        ).findings[:1]
        assert finding.source == rule.source


class TestBodyNonEmployeeSeats:
    """Body.non_employee_seats: how many seats associés who are not employees hold."""

    def test_at_most_the_seats(self) -> None:
        """It may equal the seats, not exceed them; the error names class, field and value."""
        assert Body(kind="board", seats=3, non_employee_seats=3).non_employee_seats == 3
        assert Body(kind="board", non_employee_seats=5).seats is None
        with pytest.raises(InvalidValueError) as caught:
            Body(kind="board", seats=3, non_employee_seats=4)
        assert str(caught.value) == (
            "Body.non_employee_seats: expected an int at most the body's seats (3), got 4"
        )

    def test_bad_values(self) -> None:
        """A negative number or a non-integer is refused."""
        with pytest.raises(InvalidValueError, match="non_employee_seats"):
            Body(kind="board", seats=3, non_employee_seats=-1)
        with pytest.raises(FieldTypeError, match="non_employee_seats"):
            Body(kind="board", seats=3, non_employee_seats="1")  # type: ignore[arg-type]  # the wrong type on purpose

    def test_wire(self) -> None:
        """It round-trips, and a value above the seats is refused on load with its path."""
        body = Body(kind="board", seats=3, non_employee_seats=1)
        eco = Ecosystem(
            actors=(Association(id="a", name="A", governance=Governance(bodies=(body,))),)
        )
        text = dumps(eco)
        assert b'"non_employee_seats":1' in text
        assert loads(text) == eco
        with pytest.raises(LoadError) as caught:
            loads(text.replace(b'"non_employee_seats":1', b'"non_employee_seats":4'))
        [problem] = caught.value.problems
        assert problem.path == "$.actors[0].governance.bodies[0].non_employee_seats"
        assert "at most the body's seats (3), got 4" in problem.message
