"""Governance: bodies, voting schemes, colleges, quorum and majority."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import attrs

from ptcekit.errors import UnknownIdError, _short
from ptcekit.model import validators as v
from ptcekit.model._base import Value
from ptcekit.model._enums import BodyKind, VotingScheme
from ptcekit.model._meetings import RegisterEntry, Statutes

__all__ = ["Body", "College", "Governance"]


@attrs.frozen(kw_only=True, repr=False)
class College(Value):
    """A collège de vote: a group of members whose votes count together with a weight.

    Colleges without a weight have equal votes. In a SCIC whose statutes
    depart from equal votes, each college weighs between 10 % and 50 % of the
    votes (loi n° 47-1775, art. 19 octies); the rules check that, not
    construction.

    >>> College(name="salariés", weight="1/3")
    College(name='salariés', weight=Fraction(1, 3))
    """

    name: str = attrs.field(validator=v.Text(multiline=False))
    weight: Fraction | None = attrs.field(
        default=None,
        converter=v.ToFraction[Fraction | None],
        validator=v.FractionRange(optional=True),
    )
    description: str | None = attrs.field(default=None, validator=v.Text(optional=True))


def _within_seats(inst: Body, attribute: attrs.Attribute[Any], value: int | None) -> None:
    if value is not None and inst.seats is not None and value > inst.seats:
        v.fail(inst, attribute, f"an int at most the body's seats ({inst.seats})", value)


@attrs.frozen(kw_only=True, repr=False)
class Body(Value):
    """A governing body: general assembly, board, steering committee.

    Attributes:
        kind: general assembly, board (conseil d'administration, directoire,
            conseil de surveillance, gérance), steering committee or other.
        name: its name in the statutes.
        seats: how many seats (mandates) it has.
        non_employee_seats: how many of those seats are held by associés who
            are not employed by the organisation, as the statutes or the
            register of officers say; at most ``seats``. In a SCOP they may
            hold at most a third of the gérant, board and supervisory mandates
            (loi n° 78-763, art. 15), which the rules check.

    >>> Body(kind="board", seats=12, non_employee_seats=4)
    Body(kind=BodyKind.BOARD, seats=12, non_employee_seats=4)
    """

    kind: BodyKind = attrs.field(converter=v.ToEnum[BodyKind], validator=v.Member(BodyKind))
    name: str | None = attrs.field(default=None, validator=v.Text(optional=True, multiline=False))
    seats: int | None = attrs.field(default=None, validator=v.Integer(minimum=1, optional=True))
    non_employee_seats: int | None = attrs.field(
        default=None, validator=v.All(v.Integer(minimum=0, optional=True), _within_seats)
    )


def _unique_college_names(
    inst: Governance, attribute: attrs.Attribute[Any], value: tuple[College, ...]
) -> None:
    names = [college.name for college in value]
    if len(set(names)) != len(names):
        repeated = v.repeated(names)
        shown = _short(repeated)
        v.fail(inst, attribute, f"colleges with distinct names ({shown} is repeated)", repeated)


@attrs.frozen(kw_only=True, repr=False)
class Governance(Value):
    """Who decides, and with what weight.

    One member one vote is the default, as loi n° 47-1775 art. 1 sets for
    cooperatives. Quorum and majority are fractions of the votes: a quorum of
    ``1/4`` means a quarter of the members present or represented, a majority
    of ``1/2`` a simple majority (more than half), ``2/3`` a qualified one.
    They apply to every body and every kind of resolution; when the statutes
    say more (per body, per kind, per convocation), record them in
    ``statutes``, which then takes precedence.

    Attributes:
        bodies: its governing bodies.
        voting: how votes are weighed.
        colleges: its vote colleges.
        quorum: one quorum for every decision, when the statutes give no more.
        majority: one majority for every decision, when the statutes give no more.
        statutes: how each body decides each kind of resolution, in detail.
        register: the register of members, by period, with colleges and shares;
            a pôle without one uses its memberships.

    >>> Governance(voting="weighted_colleges", colleges=(College(name="A", weight="1/2"),
    ...     College(name="B", weight="1/2")), majority="1/2").voting
    <VotingScheme.WEIGHTED_COLLEGES: 'weighted_colleges'>
    """

    bodies: tuple[Body, ...] = attrs.field(
        default=(), converter=v.ToTuple[Body], validator=v.tuple_of_type(Body)
    )
    voting: VotingScheme = attrs.field(
        default=VotingScheme.ONE_MEMBER_ONE_VOTE,
        converter=v.ToEnum[VotingScheme],
        validator=v.Member(VotingScheme),
    )
    colleges: tuple[College, ...] = attrs.field(
        default=(),
        converter=v.ToTuple[College],
        validator=v.All(v.tuple_of_type(College), _unique_college_names),
    )
    quorum: Fraction | None = attrs.field(
        default=None,
        converter=v.ToFraction[Fraction | None],
        validator=v.FractionRange(optional=True),
    )
    majority: Fraction | None = attrs.field(
        default=None,
        converter=v.ToFraction[Fraction | None],
        validator=v.FractionRange(include_low=False, optional=True),
    )
    statutes: Statutes | None = attrs.field(
        default=None, validator=v.Instance(Statutes, optional=True)
    )
    register: tuple[RegisterEntry, ...] = attrs.field(
        default=(), converter=v.ToTuple[RegisterEntry], validator=v.tuple_of_type(RegisterEntry)
    )

    def college(self, name: str) -> College:
        """Return the college called ``name``.

        Raises:
            KeyError: (a :class:`~ptcekit.errors.UnknownIdError`) if there is none.
        """
        for college in self.colleges:
            if college.name == name:
                return college
        raise UnknownIdError(name, "college", where="this governance")

    @property
    def college_names(self) -> frozenset[str]:
        """The names of the colleges."""
        return frozenset(college.name for college in self.colleges)
