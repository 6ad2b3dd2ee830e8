"""Statutes as data, the register of members, and meetings with their resolutions."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from fractions import Fraction
from typing import Any, ClassVar

import attrs

from ptcekit.errors import UnknownIdError, _short
from ptcekit.model import validators as v
from ptcekit.model._base import Value
from ptcekit.model._enums import BodyKind, VotingScheme
from ptcekit.model._values import Period

__all__ = [
    "Attendance",
    "AttendanceMode",
    "CollegeTally",
    "Convocation",
    "CountAs",
    "DecisionRule",
    "Majority",
    "MajorityBase",
    "Meeting",
    "Quorum",
    "QuorumBasis",
    "RecordedOutcome",
    "RegisterEntry",
    "Resolution",
    "ResolutionKind",
    "Statutes",
    "Vote",
    "VoteChoice",
]


class ResolutionKind(enum.StrEnum):
    """The kind of a resolution, which sets the quorum and majority it needs."""

    ORDINARY = "ordinary"
    """An ordinary decision (accounts, elections, day-to-day matters)."""
    EXTRAORDINARY = "extraordinary"
    """A change of the statutes, of the capital, a merger or a dissolution."""
    OTHER = "other"
    """Any other kind the statutes name apart."""


class Convocation(enum.StrEnum):
    """Whether a meeting sits on its first or its second convocation."""

    FIRST = "first"
    SECOND = "second"


class AttendanceMode(enum.StrEnum):
    """How a member takes part in a meeting."""

    PRESENT = "present"
    """In the room."""
    REPRESENTED = "represented"
    """Through a proxy (pouvoir) given to another member."""
    REMOTE = "remote"
    """By video conference or another remote means the statutes allow."""


class QuorumBasis(enum.StrEnum):
    """What a quorum counts."""

    MEMBERS = "members"
    """Heads: the members taking part, out of the members on the register."""
    VOTES = "votes"
    """Votes, as the voting scheme weighs them."""
    CAPITAL = "capital"
    """Shares of the capital held by those taking part."""


class MajorityBase(enum.StrEnum):
    """What a majority is a part of."""

    VOTES_CAST = "votes_cast"
    """The votes cast for or against (abstentions and blanks as :class:`CountAs` says)."""
    PRESENT_AND_REPRESENTED = "present_and_represented"
    """Every vote of the members taking part, whether they voted or not."""
    ALL_MEMBERS = "all_members"
    """Every vote on the register on the day, whether its holder came or not."""


class CountAs(enum.StrEnum):
    """How abstentions or blank votes count when a majority is of the votes cast."""

    NOT_CAST = "not_cast"
    """Left out of the votes cast."""
    AGAINST = "against"
    """Counted in the votes cast, so that they weigh against."""


class VoteChoice(enum.StrEnum):
    """A member's vote on a resolution."""

    FOR = "for"
    AGAINST = "against"
    ABSTAIN = "abstain"
    BLANK = "blank"
    """A blank or spoilt ballot."""


class RecordedOutcome(enum.StrEnum):
    """What the minutes say became of a resolution."""

    ADOPTED = "adopted"
    REJECTED = "rejected"


@attrs.frozen(kw_only=True, repr=False)
class Quorum(Value):
    """The least part of the register that must take part for a meeting to decide.

    Attributes:
        share: the part, such as ``1/4``; the quorum is met when the part
            taking part is at least ``share``.
        basis: what is counted: members (heads), votes or capital.
        represented: whether members represented by a proxy count as taking part.
        remote: whether members taking part remotely count.

    >>> Quorum(share="1/4", basis="capital")
    Quorum(share=Fraction(1, 4), basis=QuorumBasis.CAPITAL)
    """

    share: Fraction = attrs.field(
        converter=v.ToFraction[Fraction], validator=v.FractionRange(include_low=False)
    )
    basis: QuorumBasis = attrs.field(
        default=QuorumBasis.MEMBERS,
        converter=v.ToEnum[QuorumBasis],
        validator=v.Member(QuorumBasis),
    )
    represented: bool = attrs.field(default=True, validator=v.Boolean())
    remote: bool = attrs.field(default=True, validator=v.Boolean())


@attrs.frozen(kw_only=True, repr=False)
class Majority(Value):
    """The part of the votes a resolution needs to be adopted.

    A simple majority of the votes cast is ``Majority()``: more than half
    (``strict``) of the votes for or against. An absolute majority of the
    members is ``Majority(base="all_members")``; two thirds of the votes cast
    is ``Majority(share="2/3", strict=False)``; unanimity is
    ``Majority(share=1, strict=False, base="all_members")``.

    Attributes:
        share: the threshold, such as ``1/2`` or ``2/3``.
        strict: ``True`` for "more than ``share``", ``False`` for "at least ``share``".
        base: what the votes for are a part of.
        abstentions: how abstentions count when ``base`` is the votes cast.
        blanks: how blank and spoilt ballots count when ``base`` is the votes cast.

    >>> Majority(share="2/3", strict=False)
    Majority(share=Fraction(2, 3), strict=False)
    """

    share: Fraction = attrs.field(
        default=Fraction(1, 2),
        converter=v.ToFraction[Fraction],
        validator=v.FractionRange(include_low=False),
    )
    strict: bool = attrs.field(default=True, validator=v.Boolean())
    base: MajorityBase = attrs.field(
        default=MajorityBase.VOTES_CAST,
        converter=v.ToEnum[MajorityBase],
        validator=v.Member(MajorityBase),
    )
    abstentions: CountAs = attrs.field(
        default=CountAs.NOT_CAST, converter=v.ToEnum[CountAs], validator=v.Member(CountAs)
    )
    blanks: CountAs = attrs.field(
        default=CountAs.NOT_CAST, converter=v.ToEnum[CountAs], validator=v.Member(CountAs)
    )

    def reached(self, votes_for: Fraction, base: Fraction) -> bool:
        """Return whether ``votes_for`` out of ``base`` reaches the majority (never on a base of 0).

        >>> Majority().reached(Fraction(1), Fraction(2)), Majority(strict=False).reached(Fraction(1), Fraction(2))
        (False, True)
        """
        if base <= 0:
            return False
        part = votes_for / base
        return part > self.share if self.strict else part >= self.share

    def __str__(self) -> str:
        words = "more than" if self.strict else "at least"
        return f"{words} {self.share} of the {self.base.value.replace('_', ' ')}"


#: A simple majority of the votes cast: the majority when the statutes name none.
_SIMPLE = Majority()


@attrs.frozen(kw_only=True, repr=False)
class DecisionRule(Value):
    """How one body decides one kind of resolution: voters, quorum and majority.

    Attributes:
        body: the body that decides.
        kind: the kind of resolution.
        voting: the voting scheme; ``None`` for the governance's own.
        vote_cap: under capital-weighted voting, the most votes one member may
            hold, as a part of the capital on the register (statutes may cap
            votes, for instance C. com. L225-125); ``None`` for no cap.
        quorum: the quorum on first convocation; ``None`` for none.
        second_quorum: the quorum on second convocation; ``None`` for none.
        majority: the majority on first convocation; ``None`` for a simple
            majority of the votes cast (:class:`Majority` with its defaults).
        second_majority: the majority on second convocation; ``None`` for the
            same as on the first.
        source: where the rule comes from: an article of the statutes or of the law.

    >>> DecisionRule(kind="extraordinary", quorum=Quorum(share="1/4"),
    ...     majority=Majority(share="2/3", strict=False)).kind
    <ResolutionKind.EXTRAORDINARY: 'extraordinary'>
    """

    body: BodyKind = attrs.field(
        default=BodyKind.GENERAL_ASSEMBLY,
        converter=v.ToEnum[BodyKind],
        validator=v.Member(BodyKind),
    )
    kind: ResolutionKind = attrs.field(
        default=ResolutionKind.ORDINARY,
        converter=v.ToEnum[ResolutionKind],
        validator=v.Member(ResolutionKind),
    )
    voting: VotingScheme | None = attrs.field(
        default=None,
        converter=v.ToEnum[VotingScheme | None],
        validator=v.Member(VotingScheme, optional=True),
    )
    vote_cap: Fraction | None = attrs.field(
        default=None,
        converter=v.ToFraction[Fraction | None],
        validator=v.FractionRange(include_low=False, optional=True),
    )
    quorum: Quorum | None = attrs.field(default=None, validator=v.Instance(Quorum, optional=True))
    second_quorum: Quorum | None = attrs.field(
        default=None, validator=v.Instance(Quorum, optional=True)
    )
    majority: Majority | None = attrs.field(
        default=None, validator=v.Instance(Majority, optional=True)
    )
    second_majority: Majority | None = attrs.field(
        default=None, validator=v.Instance(Majority, optional=True)
    )
    source: str | None = attrs.field(default=None, validator=v.Text(optional=True))

    def quorum_for(self, convocation: Convocation) -> Quorum | None:
        """Return the quorum on ``convocation``."""
        return self.quorum if convocation is Convocation.FIRST else self.second_quorum

    def majority_for(self, convocation: Convocation) -> Majority:
        """Return the majority on ``convocation``."""
        if convocation is Convocation.SECOND and self.second_majority is not None:
            return self.second_majority
        return self.majority if self.majority is not None else _SIMPLE


def _unique_rules(inst: Statutes, attribute: attrs.Attribute[Any], value: object) -> None:
    assert isinstance(value, tuple)  # noqa: S101 -- narrowed by the line above, for mypy
    keys = [(rule.body.value, rule.kind.value) for rule in value]
    if len(set(keys)) != len(keys):
        body, kind = v.repeated(keys)
        expected = f"one rule per body and kind ({body} / {kind} is repeated)"
        v.fail(inst, attribute, expected, f"{body} / {kind}")


@attrs.frozen(kw_only=True, repr=False)
class Statutes(Value):
    """What an organisation's statutes say of how its bodies decide.

    Attributes:
        rules: one :class:`DecisionRule` per body and kind of resolution; a
            body has no power to decide a kind the statutes give it no rule for.
        proxies_per_holder: the most proxies one member may hold; ``None`` for no limit.
        source: the statutes' reference (their date, the preset they follow).

    >>> s = Statutes(rules=(DecisionRule(),), proxies_per_holder=2)
    >>> s.rule_for("general_assembly", "ordinary").majority_for(Convocation.FIRST)
    Majority()
    """

    rules: tuple[DecisionRule, ...] = attrs.field(
        default=(),
        converter=v.ToTuple[DecisionRule],
        validator=v.All(v.tuple_of_type(DecisionRule), _unique_rules),
    )
    proxies_per_holder: int | None = attrs.field(
        default=None, validator=v.Integer(minimum=0, optional=True)
    )
    source: str | None = attrs.field(default=None, validator=v.Text(optional=True))

    def rule_for(self, body: BodyKind | str, kind: ResolutionKind | str) -> DecisionRule | None:
        """Return the rule by which ``body`` decides resolutions of ``kind``, if the statutes give one."""
        for rule in self.rules:
            if rule.body == body and rule.kind == kind:
                return rule
        return None


def _body_kinds(value: Iterable[BodyKind | str]) -> tuple[BodyKind, ...]:
    """Turn a list or tuple of body kinds (or their values) into a tuple of members (idempotent)."""
    if isinstance(value, list | tuple):
        return tuple(v.enum_member(BodyKind, item) for item in value)
    return value  # type: ignore[return-value]  # the validator rejects it with a message


@attrs.frozen(kw_only=True, repr=False)
class RegisterEntry(Value):
    """A line of the register of members (associés, sociétaires, adhérents).

    A member may have several lines, one per period, but at most one in force
    on any day.

    Attributes:
        member: the member's actor id.
        period: when the member belongs; ``None`` for always.
        college: the vote college they sit in, if any.
        shares: how many shares (parts sociales, actions) they hold, for
            capital-weighted votes and quorums.
        bodies: the bodies other than the general assembly they sit on
            (every member sits in the general assembly).

    >>> RegisterEntry(member="ada", college="salariés", shares=10)
    RegisterEntry(member='ada', college='salariés', shares=10)
    """

    member: str = attrs.field(validator=v.Reference(to="Actor"))
    period: Period | None = attrs.field(default=None, validator=v.Instance(Period, optional=True))
    college: str | None = attrs.field(
        default=None, validator=v.Text(optional=True, multiline=False)
    )
    shares: int | None = attrs.field(default=None, validator=v.Integer(minimum=0, optional=True))
    bodies: tuple[BodyKind, ...] = attrs.field(
        default=(),
        converter=_body_kinds,
        validator=v.TupleOf(v.Member(BodyKind), unique=True, what="body kinds"),
    )

    def active_on(self, day: dt.date) -> bool:
        """Return whether the line is in force on ``day``."""
        return self.period is None or self.period.contains(day)


def _proxy(inst: Attendance, attribute: attrs.Attribute[Any], value: object) -> None:
    if inst.mode is AttendanceMode.REPRESENTED and value is None:
        v.fail(inst, attribute, "the id of the member holding the proxy", value)
    if inst.mode is not AttendanceMode.REPRESENTED and value is not None:
        v.fail(inst, attribute, f"no proxy for a member {inst.mode.value}", value)
    if value is not None and value == inst.member:
        v.fail(inst, attribute, "another member than the one represented", value)


@attrs.frozen(kw_only=True, repr=False)
class Attendance(Value):
    """How one member took part in a meeting.

    Attributes:
        member: the member's actor id.
        mode: present, represented or remote.
        proxy: for a represented member, the id of the member holding the proxy.

    >>> Attendance(member="ada", mode="represented", proxy="bob").proxy
    'bob'
    """

    member: str = attrs.field(validator=v.Reference(to="Actor"))
    mode: AttendanceMode = attrs.field(
        default=AttendanceMode.PRESENT,
        converter=v.ToEnum[AttendanceMode],
        validator=v.Member(AttendanceMode),
    )
    proxy: str | None = attrs.field(
        default=None, validator=v.All(v.Reference(to="Actor", optional=True), _proxy)
    )


@attrs.frozen(kw_only=True, repr=False)
class Vote(Value):
    """One member's vote on a resolution.

    >>> Vote(member="ada", choice="abstain").choice
    <VoteChoice.ABSTAIN: 'abstain'>
    """

    member: str = attrs.field(validator=v.Reference(to="Actor"))
    choice: VoteChoice = attrs.field(converter=v.ToEnum[VoteChoice], validator=v.Member(VoteChoice))


_COUNT = v.Integer(minimum=0)


@attrs.frozen(kw_only=True, repr=False)
class CollegeTally(Value):
    """The totals of a vote, for one college or for the whole meeting, when only totals are known.

    The totals are votes as the voting scheme counts them: heads under one
    member one vote, shares under capital-weighted voting.

    Attributes:
        college: the college; ``None`` for the totals of a meeting without colleges.
        votes_for: votes for.
        against: votes against.
        abstain: abstentions.
        blank: blank and spoilt ballots.

    >>> CollegeTally(college="salariés", votes_for=7, against=2).votes_for
    7
    """

    college: str | None = attrs.field(
        default=None, validator=v.Text(optional=True, multiline=False)
    )
    votes_for: int = attrs.field(default=0, validator=_COUNT)
    against: int = attrs.field(default=0, validator=_COUNT)
    abstain: int = attrs.field(default=0, validator=_COUNT)
    blank: int = attrs.field(default=0, validator=_COUNT)


def _votes(inst: Resolution, attribute: attrs.Attribute[Any], value: object) -> None:
    assert isinstance(value, tuple)  # noqa: S101 -- narrowed by the line above, for mypy
    members = [vote.member for vote in value]
    if len(set(members)) != len(members):
        twice = v.repeated(members)
        v.fail(inst, attribute, f"one vote per member ({_short(twice)} votes twice)", twice)


def _tallies(inst: Resolution, attribute: attrs.Attribute[Any], value: object) -> None:
    assert isinstance(value, tuple)  # noqa: S101 -- narrowed by the line above, for mypy
    colleges = [tally.college for tally in value]
    if len(set(colleges)) != len(colleges):
        twice = v.repeated(colleges)
        v.fail(inst, attribute, f"one tally per college ({_short(twice)} is repeated)", twice)
    if value and inst.votes:
        v.fail(inst, attribute, "no tallies when the votes are given one by one", value)


@attrs.frozen(kw_only=True, repr=False)
class Resolution(Value):
    """A resolution put to a meeting, with the votes on it.

    Give the votes member by member (``votes``), or, when only totals are
    known, per college (``tallies``); not both.

    Attributes:
        id: its number or id in the meeting, such as ``"1"``.
        kind: ordinary, extraordinary or other.
        text: what it says.
        recorded: what the minutes say became of it, if they say.
        votes: the votes, one per member who voted.
        tallies: the totals, per college or for the whole meeting.

    >>> Resolution(id="1", votes=(Vote(member="ada", choice="for"),)).kind
    <ResolutionKind.ORDINARY: 'ordinary'>
    """

    id: str = attrs.field(validator=v.Id())
    kind: ResolutionKind = attrs.field(
        default=ResolutionKind.ORDINARY,
        converter=v.ToEnum[ResolutionKind],
        validator=v.Member(ResolutionKind),
    )
    text: str | None = attrs.field(default=None, validator=v.Text(optional=True))
    recorded: RecordedOutcome | None = attrs.field(
        default=None,
        converter=v.ToEnum[RecordedOutcome | None],
        validator=v.Member(RecordedOutcome, optional=True),
    )
    votes: tuple[Vote, ...] = attrs.field(
        default=(),
        converter=v.ToTuple[Vote],
        validator=v.All(v.tuple_of_type(Vote), _votes),
    )
    tallies: tuple[CollegeTally, ...] = attrs.field(
        default=(),
        converter=v.ToTuple[CollegeTally],
        validator=v.All(v.tuple_of_type(CollegeTally), _tallies),
    )


def _attendance(inst: Meeting, attribute: attrs.Attribute[Any], value: object) -> None:
    assert isinstance(value, tuple)  # noqa: S101 -- narrowed by the line above, for mypy
    members = [entry.member for entry in value]
    if len(set(members)) != len(members):
        twice = v.repeated(members)
        v.fail(inst, attribute, f"each member once ({_short(twice)} is listed twice)", twice)


def _resolutions(inst: Meeting, attribute: attrs.Attribute[Any], value: object) -> None:
    assert isinstance(value, tuple)  # noqa: S101 -- narrowed by the line above, for mypy
    ids = [resolution.id for resolution in value]
    if len(set(ids)) != len(ids):
        twice = v.repeated(ids)
        v.fail(
            inst, attribute, f"resolutions with distinct ids ({_short(twice)} is repeated)", twice
        )


@attrs.frozen(kw_only=True, repr=False)
class Meeting(Value):
    """A meeting of one body of an organisation or a pôle, and the resolutions put to it.

    Attributes:
        id: its id, unique in the ecosystem.
        organisation: the id of the organisation (an actor) or pôle that meets.
        body: the body that meets.
        date: the day it sits.
        convocation: first or second convocation.
        attendance: who took part and how; members not listed were absent.
        resolutions: the resolutions put to the vote.
        description: free text.

    >>> m = Meeting(id="ag-2024", organisation="tetris", date=dt.date(2024, 6, 12),
    ...     attendance=(Attendance(member="ada"),), resolutions=(Resolution(id="1"),))
    >>> m.resolution("1").kind
    <ResolutionKind.ORDINARY: 'ordinary'>
    """

    type_tag: ClassVar[str] = "meeting"

    id: str = attrs.field(validator=v.Id())
    organisation: str = attrs.field(validator=v.Id())
    body: BodyKind = attrs.field(
        default=BodyKind.GENERAL_ASSEMBLY,
        converter=v.ToEnum[BodyKind],
        validator=v.Member(BodyKind),
    )
    date: dt.date = attrs.field(validator=v.Date())
    convocation: Convocation = attrs.field(
        default=Convocation.FIRST,
        converter=v.ToEnum[Convocation],
        validator=v.Member(Convocation),
    )
    attendance: tuple[Attendance, ...] = attrs.field(
        default=(),
        converter=v.ToTuple[Attendance],
        validator=v.All(v.tuple_of_type(Attendance), _attendance),
    )
    resolutions: tuple[Resolution, ...] = attrs.field(
        default=(),
        converter=v.ToTuple[Resolution],
        validator=v.All(v.tuple_of_type(Resolution), _resolutions),
    )
    description: str | None = attrs.field(default=None, validator=v.Text(optional=True))

    def resolution(self, id: str) -> Resolution:  # noqa: A002 -- "id" is the domain's name for it
        """Return the resolution ``id``.

        Raises:
            KeyError: (an :class:`~ptcekit.errors.UnknownIdError`) if there is none.
        """
        for resolution in self.resolutions:
            if resolution.id == id:
                return resolution
        raise UnknownIdError(id, "resolution", where=f"meeting {self.id!r}")
