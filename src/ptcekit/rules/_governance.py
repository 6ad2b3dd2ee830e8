"""Governance rules: college weights, college references, majority and voting scheme."""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction

from ptcekit.model import (
    AssociateCategory,
    Association,
    College,
    Cooperative,
    Ecosystem,
    Governance,
    Membership,
    Organisation,
    Pole,
    VotingScheme,
)
from ptcekit.rules._context import Context
from ptcekit.rules._paths import Keys
from ptcekit.rules._printer import fraction_text
from ptcekit.rules._report import Finding
from ptcekit.rules._rule import Example, Rule, Theme

__all__ = ["RULES", "THEMES"]

#: The governance rules check that the recorded data is consistent and usable;
#: no legal text sets them (the SCIC's own bounds are SCIC005 and SCIC006).
_MODEL = (
    "ptcekit document model: governance data (colleges, weights, quorum, majority) "
    "is consistent; no legal text"
)
#: The page of the documentation that describes the document model.
_MODEL_URL = "https://ptcekit.readthedocs.io/en/latest/reference/model.html"


def _governances(context: Context) -> Iterator[tuple[Keys, str, Governance]]:
    """Yield the path, the owner's id and the governance of every actor and pôle that has one."""
    for actor in context.ecosystem.actors:
        if isinstance(actor, Organisation) and actor.governance is not None:
            yield context.path_of(actor, "governance"), actor.id, actor.governance
    for pole in context.ecosystem.poles:
        if pole.governance is not None:
            yield context.path_of(pole, "governance"), pole.id, pole.governance


def _pole_with(governance: Governance, *memberships: Membership) -> Ecosystem:
    return Ecosystem(
        actors=(Association(id="archer", name="Archer"), Association(id="cress", name="CRESS")),
        poles=(
            Pole(id="pole-sud", name="Pôle Sud", governance=governance, memberships=memberships),
        ),
    )


# --- GOV001 -----------------------------------------------------------------


def _weights_sum(context: Context) -> Iterator[Finding]:
    for path, owner, governance in _governances(context):
        weights = [college.weight for college in governance.colleges]
        given = [weight for weight in weights if weight is not None]
        if not given:
            continue
        total = sum(given, Fraction(0))
        complete = len(given) == len(weights)
        if (complete and total != 1) or total > 1:
            expected = "expected exactly 1" if complete else "more than 1 before the others"
            message = f"the college weights of {owner!r} sum to {fraction_text(total)}; {expected}"
            yield context.finding(message, (*path, "colleges"), subject=owner)


def _colleges(*weights: str) -> Governance:
    return Governance(
        voting="weighted_colleges",
        colleges=tuple(College(name=f"collège {n}", weight=w) for n, w in enumerate(weights, 1)),
    )


def _gov001_fails() -> Ecosystem:
    """Colleges weighing 50 %, 30 % and 30 %."""
    return _pole_with(_colleges("1/2", "3/10", "3/10"))


def _gov001_passes() -> Ecosystem:
    """Colleges weighing 50 %, 30 % and 20 %."""
    return _pole_with(_colleges("1/2", "3/10", "1/5"))


GOV001 = Rule(
    code="GOV001",
    title="College weights sum to exactly 1",
    severity="error",
    kind="format",
    confidence="reading",
    source=_MODEL,
    url=_MODEL_URL,
    explanation=(
        "The weights of the vote colleges of an actor or a pôle are parts "
        "of all the votes: when every college has a weight, they add up to "
        "exactly 1 (100 %); when some do, the given ones may not exceed 1. "
        "The bounds of a SCIC's colleges are SCIC005."
    ),
    check=_weights_sum,
    applies_to=("actors", "poles"),
    failing_example=Example(build=_gov001_fails, paths=("$.poles[0].governance.colleges",)),
    passing_example=Example(build=_gov001_passes),
)


# --- GOV002 -----------------------------------------------------------------


def _college_references(context: Context) -> Iterator[Finding]:
    for pole in context.ecosystem.poles:
        names = pole.governance.college_names if pole.governance else frozenset()
        for m, membership in enumerate(pole.memberships):
            if membership.college is not None and membership.college not in names:
                message = (
                    f"membership of {membership.actor!r} in pôle {pole.id!r} names college "
                    f"{membership.college!r}, which the pôle's governance does not declare"
                )
                path = context.path_of(pole, "memberships", m, "college")
                yield context.finding(message, path, subject=pole.id)
    for actor in context.ecosystem.actors:
        if not isinstance(actor, Cooperative):
            continue
        names = frozenset(college.name for college in actor.colleges)
        for i, category in enumerate(actor.associates):
            if category.college is not None and category.college not in names:
                message = (
                    f"associate category {i} ({category.role.value}) of {actor.id!r} names "
                    f"college {category.college!r}, which its governance does not declare"
                )
                path = context.path_of(actor, "associates", i, "college")
                yield context.finding(message, path, subject=actor.id)


def _gov002_fails() -> Ecosystem:
    """A membership and an associate category name undeclared colleges."""
    eco = _pole_with(
        _colleges("1/2", "1/2"),
        Membership(actor="archer", college="collège 1"),
        Membership(actor="cress", college="fondateurs"),
    )
    coop = Cooperative(
        id="tetris",
        name="SCIC TETRIS",
        kind="scic",
        associates=(AssociateCategory(role="employee", college="salariés"),),
    )
    return eco.add(coop)


def _gov002_passes() -> Ecosystem:
    """Every college named is declared."""
    return _pole_with(
        _colleges("1/2", "1/2"),
        Membership(actor="archer", college="collège 1"),
        Membership(actor="cress", college="collège 2"),
    )


GOV002 = Rule(
    code="GOV002",
    title="Every college a member is placed in is declared",
    severity="error",
    kind="format",
    confidence="reading",
    source=_MODEL,
    url=_MODEL_URL,
    explanation=(
        "A pôle membership's `college` must be one of the pôle's governance "
        "colleges, and a cooperative's associate category's `college` one of "
        "the cooperative's."
    ),
    check=_college_references,
    applies_to=("actors", "poles"),
    failing_example=Example(
        build=_gov002_fails,
        paths=("$.actors[2].associates[0].college", "$.poles[0].memberships[1].college"),
    ),
    passing_example=Example(build=_gov002_passes),
)


# --- GOV003 -----------------------------------------------------------------


def _majority(context: Context) -> Iterator[Finding]:
    for path, owner, governance in _governances(context):
        majority = governance.majority
        if majority is not None and majority < Fraction(1, 2):
            message = (
                f"the majority of {owner!r} is {fraction_text(majority)} of the votes; below "
                "1/2 (50 %), a motion and its opposite can both pass"
            )
            yield context.finding(message, (*path, "majority"), subject=owner)


def _gov003_fails() -> Ecosystem:
    """Decisions pass with 40 % of the votes."""
    return _pole_with(Governance(majority="2/5", quorum="1/4"))


def _gov003_passes() -> Ecosystem:
    """A two-thirds majority."""
    return _pole_with(Governance(majority="2/3", quorum="1/4"))


GOV003 = Rule(
    code="GOV003",
    title="A majority is at least one half of the votes",
    severity="warning",
    kind="heuristic",
    confidence="reading",
    source=_MODEL,
    url=_MODEL_URL,
    explanation=(
        "A `majority` is the part of the votes a decision needs. Below 1/2, "
        "a motion and its opposite could both pass. (Quorum and majority "
        "outside [0, 1] are refused when the governance is built.)"
    ),
    check=_majority,
    applies_to=("actors", "poles"),
    failing_example=Example(build=_gov003_fails, paths=("$.poles[0].governance.majority",)),
    passing_example=Example(build=_gov003_passes),
)


# --- GOV004 -----------------------------------------------------------------


def _weighted_without_colleges(context: Context) -> Iterator[Finding]:
    for path, owner, governance in _governances(context):
        if governance.voting is VotingScheme.WEIGHTED_COLLEGES and not governance.colleges:
            message = f"the governance of {owner!r} votes by weighted colleges but declares none"
            yield context.finding(message, (*path, "colleges"), subject=owner)


def _gov004_fails() -> Ecosystem:
    """Weighted colleges, none declared."""
    return _pole_with(Governance(voting="weighted_colleges"))


def _gov004_passes() -> Ecosystem:
    """Weighted colleges, two declared."""
    return _pole_with(_colleges("1/2", "1/2"))


GOV004 = Rule(
    code="GOV004",
    title="A weighted-college vote declares its colleges",
    severity="warning",
    kind="format",
    confidence="reading",
    source=_MODEL,
    url=_MODEL_URL,
    explanation=(
        "A governance whose `voting` is `weighted_colleges` needs the "
        "colleges and their weights to count the votes."
    ),
    check=_weighted_without_colleges,
    applies_to=("actors", "poles"),
    failing_example=Example(build=_gov004_fails, paths=("$.poles[0].governance.colleges",)),
    passing_example=Example(build=_gov004_passes),
)


RULES: tuple[Rule, ...] = (
    GOV001,
    GOV002,
    GOV003,
    GOV004,
)

THEMES: tuple[Theme, ...] = (Theme(prefix="GOV", title="Governance", rules=RULES),)
