"""Governance rules GOV001–GOV004."""

from __future__ import annotations

import datetime as dt

from ptcekit.model import (
    Actor,
    AssociateCategory,
    Association,
    College,
    Cooperative,
    Ecosystem,
    Governance,
    Membership,
    Pole,
)
from ptcekit.rules import builtin_rules, validate


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
