"""The reckoning: whether a resolution was validly adopted, step by step, as exact fractions."""

from __future__ import annotations

import datetime as dt
import enum
from collections import Counter
from fractions import Fraction
from typing import Any

import attrs

from ptcekit.errors import InvalidValueError
from ptcekit.governance import _display
from ptcekit.governance._presets import PresetVersion, preset
from ptcekit.model import (
    AttendanceMode,
    BodyKind,
    College,
    Company,
    CompanyForm,
    Convocation,
    Cooperative,
    CooperativeKind,
    CountAs,
    DecisionRule,
    Ecosystem,
    Governance,
    Majority,
    MajorityBase,
    Meeting,
    Organisation,
    Pole,
    Quorum,
    QuorumBasis,
    RegisterEntry,
    Resolution,
    ResolutionKind,
    Statutes,
    VoteChoice,
    VotingScheme,
)

__all__ = ["CollegeResult", "Outcome", "QuorumCheck", "Reason", "Verdict", "Voter", "decide"]

#: The bounds of a SCIC college's weight when the statutes depart from equal votes.
SCIC_COLLEGE_BOUNDS = (Fraction(1, 10), Fraction(1, 2))

_GA = BodyKind.GENERAL_ASSEMBLY


class Verdict(enum.StrEnum):
    """What the reckoning concludes of a resolution."""

    ADOPTED = "adopted"
    REJECTED = "rejected"
    INVALID = "invalid"
    """The vote cannot stand: no quorum, irregular votes or proxies, unlawful weights."""


@attrs.frozen(kw_only=True)
class Reason:
    """Why a resolution is invalid, or what the reckoning set aside.

    Attributes:
        code: ``"quorum_not_met"``, ``"not_a_member"``, ``"not_taking_part"``,
            ``"too_many_proxies"``, ``"proxy_holder_absent"``,
            ``"college_weights"``, ``"kind_not_decidable"`` or ``"tally_too_large"``.
        message: the reason in words, with names and figures.
        member: the member concerned, if one is.
        invalidates: whether it makes the resolution invalid; a non-member
            listed as attending who did not vote, or a void proxy (the member
            then counts as absent), does not by itself.
    """

    code: str
    message: str
    member: str | None = None
    invalidates: bool = True


@attrs.frozen(kw_only=True)
class Voter:
    """A member on the register on the meeting's day, with their weight and what they did."""

    member: str
    college: str | None
    weight: Fraction
    shares: int | None
    mode: AttendanceMode | None
    proxy: str | None
    choice: VoteChoice | None


@attrs.frozen(kw_only=True)
class QuorumCheck:
    """The quorum: the part required, and the part that took part."""

    required: Quorum
    counted: Fraction
    total: Fraction
    met: bool

    @property
    def part(self) -> Fraction:
        """The part that took part (0 when the register is empty)."""
        return self.counted / self.total if self.total else Fraction(0)


@attrs.frozen(kw_only=True)
class CollegeResult:
    """The count within one college (or the whole meeting, when there are no colleges).

    Attributes:
        college: the college; ``None`` for the whole meeting.
        weight: its weight among the colleges (1 without colleges).
        votes_for, against, abstain, blank: the votes, weighed.
        present: the votes of those taking part.
        registered: the votes on the register.
        base: what the majority is a part of, in this college.
        result: ``votes_for / base``, or ``None`` when the base is 0 (the
            college then drops out and the others' weights are scaled up).
        contribution: ``weight * result``: its weighted part of the votes for.
    """

    college: str | None
    weight: Fraction
    votes_for: Fraction
    against: Fraction
    abstain: Fraction
    blank: Fraction
    present: Fraction
    registered: Fraction
    base: Fraction
    result: Fraction | None
    contribution: Fraction


@attrs.frozen(kw_only=True)
class Outcome:
    """Every step of the reckoning of one resolution, and its verdict.

    Attributes:
        meeting, resolution, organisation: the ids.
        body, kind, date, convocation: the meeting and resolution.
        voting: the voting scheme applied.
        rule: the decision rule applied.
        basis: where the rule comes from (the statutes, the governance's
            quorum and majority, or a preset and its version).
        source, url: the legal or statutory source.
        confidence: ``"confirmed"``, ``"reading"`` or ``"unconfirmed"``.
        register: the voters on the register that day.
        quorum: the quorum check; ``None`` when none is required.
        colleges: the count per college.
        votes_for: the votes for (weighted part under weighted colleges).
        base: what they are a part of.
        majority: the majority required.
        reached: whether the count reaches it.
        verdict: adopted, rejected or invalid.
        reasons: why it is invalid, and what was set aside.
        recorded: what the minutes say, if they say.
    """

    meeting: str
    resolution: str
    organisation: str
    body: str
    kind: str
    date: dt.date
    convocation: Convocation
    voting: VotingScheme
    rule: DecisionRule
    basis: str
    source: str
    url: str | None
    confidence: str
    register: tuple[Voter, ...]
    quorum: QuorumCheck | None
    colleges: tuple[CollegeResult, ...]
    votes_for: Fraction
    base: Fraction
    majority: Majority
    reached: bool
    verdict: Verdict
    reasons: tuple[Reason, ...]
    recorded: str | None

    @property
    def share(self) -> Fraction | None:
        """The part of the base that voted for; ``None`` on a base of 0."""
        return self.votes_for / self.base if self.base else None

    @property
    def agrees_with_record(self) -> bool | None:
        """Whether the minutes' outcome is the verdict's (``None`` if they record none).

        An invalid resolution recorded as adopted disagrees; recorded as rejected, agrees.
        """
        if self.recorded is None:
            return None
        adopted = self.verdict is Verdict.ADOPTED
        return adopted == (self.recorded == "adopted")

    def to_text(self) -> str:
        """The reckoning as readable text, one step per line."""
        return _display.outcome_text(self)

    def __str__(self) -> str:
        return self.to_text()

    def to_dict(self) -> dict[str, Any]:
        """The reckoning as JSON-ready data; fractions as exact strings such as ``"2/3"``."""
        return _display.outcome_dict(self)

    def _repr_html_(self) -> str:
        return _display.outcome_html(self)


def _preset_for(owner: Organisation | Pole, day: dt.date) -> PresetVersion:
    """Return the preset the law gives the owner's form, in force on ``day``."""
    if isinstance(owner, Cooperative):
        return preset("scic" if owner.kind is CooperativeKind.SCIC else "cooperative", day)
    if isinstance(owner, Company) and owner.form is CompanyForm.SA:
        return preset("sa", day)
    if isinstance(owner, Company) and owner.form is CompanyForm.SARL:
        return preset("sarl", day)
    return preset("default", day)


@attrs.frozen
class _Applied:
    statutes: Statutes
    basis: str
    source: str
    url: str | None
    confidence: str


def _statutes_for(
    owner: Organisation | Pole, governance: Governance, day: dt.date, given: Statutes | None
) -> _Applied:
    """Return the statutes to apply and where they come from."""
    if given is not None:
        return _Applied(
            given, "statutes given", given.source or "the statutes given", None, "confirmed"
        )
    if governance.statutes is not None:
        statutes = governance.statutes
        source = statutes.source or f"the statutes of {owner.id!r}"
        return _Applied(statutes, "statutes", source, None, "confirmed")
    if governance.quorum is not None or governance.majority is not None:
        # a quorum of 0 is no quorum at all
        quorum = Quorum(share=governance.quorum) if governance.quorum else None
        share = governance.majority if governance.majority is not None else Fraction(1, 2)
        # "1/2" reads as a simple majority (more than half), any other part as "at least"
        majority = Majority(share=share, strict=share == Fraction(1, 2))
        kinds = dict.fromkeys(body.kind for body in governance.bodies) or {_GA: None}
        rules = tuple(
            DecisionRule(
                body=body, kind=kind, quorum=quorum, second_quorum=quorum, majority=majority
            )
            for body in kinds
            for kind in ResolutionKind
        )
        source = f"the quorum and majority recorded in the governance of {owner.id!r}"
        return _Applied(Statutes(rules=rules), "governance", source, None, "confirmed")
    version = _preset_for(owner, day)
    return _Applied(
        version.statutes,
        f"preset {version.label}",
        version.source,
        version.url,
        version.confidence,
    )


def _register(owner: Organisation | Pole, governance: Governance) -> tuple[RegisterEntry, ...]:
    if governance.register or isinstance(owner, Organisation):
        return governance.register
    return tuple(
        RegisterEntry(member=m.actor, period=m.period, college=m.college) for m in owner.memberships
    )


def _college_weights(governance: Governance) -> dict[str, Fraction]:
    """Each declared college's weight: as given; the rest of 1 shared equally by those without."""
    colleges: tuple[College, ...] = governance.colleges
    given = sum((c.weight for c in colleges if c.weight is not None), Fraction(0))
    missing = [c.name for c in colleges if c.weight is None]
    rest = (Fraction(1) - given) / len(missing) if missing else Fraction(0)
    return {c.name: c.weight if c.weight is not None else max(rest, Fraction(0)) for c in colleges}


def _meeting_of(ecosystem: Ecosystem, meeting: Meeting | str) -> Meeting:
    return meeting if isinstance(meeting, Meeting) else ecosystem.meeting(meeting)


def _resolution_of(meeting: Meeting, resolution: Resolution | str) -> Resolution:
    return resolution if isinstance(resolution, Resolution) else meeting.resolution(resolution)


def _owner(ecosystem: Ecosystem, meeting: Meeting) -> Organisation | Pole:
    owner = ecosystem.get(meeting.organisation) if meeting.organisation in ecosystem else None
    if not isinstance(owner, Organisation | Pole):
        expected = "the id of an organisation or pôle of the ecosystem"
        raise InvalidValueError("Meeting", "organisation", expected, meeting.organisation)
    return owner


def _body_words(meeting: Meeting) -> str:
    return meeting.body.value.replace("_", " ")


_TALLY_KEYS = ("for", "against", "abstain", "blank")


class _Reckoning:
    """The state of one reckoning, filled step by step by :func:`decide`."""

    def __init__(
        self, ecosystem: Ecosystem, meeting: Meeting, resolution: Resolution, given: Statutes | None
    ) -> None:
        self.meeting = meeting
        self.resolution = resolution
        self.day = meeting.date
        self.owner = _owner(ecosystem, meeting)
        self.governance = self.owner.governance or Governance()
        kinds = [body.kind for body in self.governance.bodies] or [_GA]
        if meeting.body not in kinds:
            shown = ", ".join(dict.fromkeys(kind.value for kind in kinds))
            expected = f"a body {self.owner.id!r} has ({shown})"
            raise InvalidValueError("Meeting", "body", expected, meeting.body.value)
        self.applied = _statutes_for(self.owner, self.governance, self.day, given)
        self.reasons: list[Reason] = []
        rule = self.applied.statutes.rule_for(meeting.body, resolution.kind)
        if rule is None:
            message = (
                f"the {_body_words(meeting)} has no power to decide "
                f"{resolution.kind.value} resolutions under {self.applied.source}"
            )
            self.reasons.append(Reason(code="kind_not_decidable", message=message))
            rule = DecisionRule(body=meeting.body, kind=resolution.kind)
        self.rule = rule
        scheme = rule.voting or self.governance.voting
        if scheme is VotingScheme.WEIGHTED_COLLEGES and not self.governance.colleges:
            scheme = VotingScheme.ONE_MEMBER_ONE_VOTE  # no colleges declared: one member, one vote
        self.scheme = scheme
        self.weights_of = (
            _college_weights(self.governance) if scheme is VotingScheme.WEIGHTED_COLLEGES else {}
        )
        self.lines: dict[str, RegisterEntry] = {}
        self.weight: dict[str, Fraction] = {}
        self.taking_part: dict[str, AttendanceMode] = {}
        self.choices: dict[str, VoteChoice] = {}

    def read_register(self) -> None:
        """The register on the day, for the body, and each member's weight."""
        day, body = self.day, self.meeting.body
        from_memberships = isinstance(self.owner, Pole) and not self.governance.register
        for entry in _register(self.owner, self.governance):
            if not entry.active_on(day) or (body is not _GA and body not in entry.bodies):
                continue
            if entry.member in self.lines:
                if from_memberships:
                    continue  # a pôle's repeated memberships name the same member
                expected = f"at most one line per member in force on {day.isoformat()}"
                raise InvalidValueError("Governance", "register", expected, entry.member)
            self.lines[entry.member] = entry
        self.total_shares = sum((Fraction(e.shares or 0) for e in self.lines.values()), Fraction(0))
        for member, entry in self.lines.items():
            self.weight[member] = self._weight(member, entry)

    def _weight(self, member: str, entry: RegisterEntry) -> Fraction:
        if self.scheme is VotingScheme.WEIGHTED_COLLEGES and entry.college not in self.weights_of:
            known = ", ".join(repr(name) for name in self.weights_of)
            expected = f"a college of the governance ({known}) for member {member!r}"
            raise InvalidValueError("RegisterEntry", "college", expected, entry.college)
        if self.scheme is not VotingScheme.CAPITAL_WEIGHTED:
            return Fraction(1)
        if entry.shares is None:
            expected = f"the shares member {member!r} holds, for capital-weighted votes"
            raise InvalidValueError("RegisterEntry", "shares", expected, None)
        votes = Fraction(entry.shares)
        if self.rule.vote_cap is not None:
            votes = min(votes, self.rule.vote_cap * self.total_shares)
        return votes

    def read_attendance(self) -> None:
        """Who took part, and whether their proxies hold."""
        proxies: Counter[str] = Counter()
        attending = {a.member: a for a in self.meeting.attendance}
        self.attending = attending
        for attendance in self.meeting.attendance:
            member = attendance.member
            if member not in self.lines:
                message = (
                    f"{member!r} is listed as {attendance.mode.value} but was not a member "
                    f"of the {_body_words(self.meeting)} on {self.day.isoformat()}"
                )
                reason = Reason(
                    code="not_a_member", message=message, member=member, invalidates=False
                )
                self.reasons.append(reason)
                continue
            holder = attendance.proxy
            if holder is not None:
                holder_attends = attending.get(holder)
                if (
                    holder not in self.lines
                    or holder_attends is None
                    or holder_attends.mode is AttendanceMode.REPRESENTED
                ):
                    message = (
                        f"{member!r} gave a proxy to {holder!r}, who did not take part "
                        "as a member: the proxy is void"
                    )
                    reason = Reason(
                        code="proxy_holder_absent",
                        message=message,
                        member=holder,
                        invalidates=False,
                    )
                    self.reasons.append(reason)
                    continue
                proxies[holder] += 1
            self.taking_part[member] = attendance.mode
        limit = self.applied.statutes.proxies_per_holder
        for holder, count in sorted(proxies.items()):
            if limit is not None and count > limit:
                message = (
                    f"{holder!r} holds {count} proxies, more than the {limit} the statutes allow"
                )
                self.reasons.append(Reason(code="too_many_proxies", message=message, member=holder))

    def check_quorum(self) -> QuorumCheck | None:
        """The quorum on the meeting's convocation, with its figures."""
        quorum = self.rule.quorum_for(self.meeting.convocation)
        if quorum is None:
            return None
        counted_members = [
            m
            for m, mode in self.taking_part.items()
            if (mode is not AttendanceMode.REPRESENTED or quorum.represented)
            and (mode is not AttendanceMode.REMOTE or quorum.remote)
        ]
        if quorum.basis is QuorumBasis.MEMBERS:
            counted, total = Fraction(len(counted_members)), Fraction(len(self.lines))
        elif quorum.basis is QuorumBasis.VOTES:
            counted = sum((self.weight[m] for m in counted_members), Fraction(0))
            total = sum(self.weight.values(), Fraction(0))
        else:
            for member, entry in self.lines.items():
                if entry.shares is None:
                    expected = f"the shares member {member!r} holds, for a quorum on capital"
                    raise InvalidValueError("RegisterEntry", "shares", expected, None)
            shares = (Fraction(self.lines[m].shares or 0) for m in counted_members)
            counted, total = sum(shares, Fraction(0)), self.total_shares
        met = total > 0 and counted / total >= quorum.share
        if not met:
            part = f"{counted}/{total}" if total else "nobody on an empty register"
            message = (
                f"quorum not met on {self.meeting.convocation.value} convocation: {part} of the "
                f"{quorum.basis.value} took part, {quorum.share} required"
            )
            self.reasons.append(Reason(code="quorum_not_met", message=message))
        return QuorumCheck(required=quorum, counted=counted, total=total, met=met)

    def count(self) -> dict[str | None, dict[str, Fraction]]:
        """The votes, college by college (one group without colleges)."""
        names: list[str | None] = list(self.weights_of) if self.weights_of else [None]
        keys = (*_TALLY_KEYS, "present", "registered")
        groups = {name: dict.fromkeys(keys, Fraction(0)) for name in names}
        weighted = self.scheme is VotingScheme.WEIGHTED_COLLEGES
        group_of = {m: (entry.college if weighted else None) for m, entry in self.lines.items()}
        for member in self.lines:
            groups[group_of[member]]["registered"] += self.weight[member]
            if member in self.taking_part:
                groups[group_of[member]]["present"] += self.weight[member]
        for vote in self.resolution.votes:
            member = vote.member
            if member not in self.lines:
                message = (
                    f"vote {vote.choice.value!r} by {member!r}, who was not a member of the "
                    f"{_body_words(self.meeting)} on {self.day.isoformat()}: set aside"
                )
                self.reasons.append(Reason(code="not_a_member", message=message, member=member))
            elif member not in self.taking_part:
                message = (
                    f"vote {vote.choice.value!r} by {member!r}, who was neither present, "
                    "validly represented nor remote: set aside"
                )
                self.reasons.append(Reason(code="not_taking_part", message=message, member=member))
            else:
                self.choices[member] = vote.choice
                groups[group_of[member]][vote.choice.value] += self.weight[member]
        for tally in self.resolution.tallies:
            self._add_tally(groups, tally.college, tally)
        return groups

    def _add_tally(
        self, groups: dict[str | None, dict[str, Fraction]], college: str | None, tally: Any
    ) -> None:
        if college not in groups:
            known = ", ".join(repr(name) for name in groups)
            expected = f"a college the reckoning counts ({known})"
            raise InvalidValueError("CollegeTally", "college", expected, college)
        group = groups[college]
        figures = (tally.votes_for, tally.against, tally.abstain, tally.blank)
        for key, figure in zip(_TALLY_KEYS, figures, strict=True):
            group[key] += figure
        counted = Fraction(sum(figures))
        # totals are checked against the attendance only when the attendance is recorded
        if self.meeting.attendance and counted > group["present"]:
            where = "the meeting" if college is None else f"college {college!r}"
            message = (
                f"the tally of {where} counts {counted} votes, more than the "
                f"{group['present']} of those taking part"
            )
            self.reasons.append(Reason(code="tally_too_large", message=message))

    def results(
        self, groups: dict[str | None, dict[str, Fraction]], majority: Majority
    ) -> tuple[CollegeResult, ...]:
        """Each group's base, result and weighted contribution."""
        results = []
        for name, group in groups.items():
            if majority.base is MajorityBase.VOTES_CAST:
                base = group["for"] + group["against"]
                if majority.abstentions is CountAs.AGAINST:
                    base += group["abstain"]
                if majority.blanks is CountAs.AGAINST:
                    base += group["blank"]
            elif majority.base is MajorityBase.PRESENT_AND_REPRESENTED:
                base = group["present"]
            else:
                base = group["registered"]
            weight = Fraction(1) if name is None else self.weights_of[name]
            result = group["for"] / base if base else None
            results.append(
                CollegeResult(
                    college=name,
                    weight=weight,
                    votes_for=group["for"],
                    against=group["against"],
                    abstain=group["abstain"],
                    blank=group["blank"],
                    present=group["present"],
                    registered=group["registered"],
                    base=base,
                    result=result,
                    contribution=weight * result if result is not None else Fraction(0),
                )
            )
        return tuple(results)

    def voters(self) -> tuple[Voter, ...]:
        """The register on the day, with what each member did."""
        return tuple(
            Voter(
                member=member,
                college=entry.college,
                weight=self.weight[member],
                shares=entry.shares,
                mode=self.taking_part.get(member),
                proxy=self.attending[member].proxy if member in self.taking_part else None,
                choice=self.choices.get(member),
            )
            for member, entry in sorted(self.lines.items())
        )


def decide(
    ecosystem: Ecosystem,
    meeting: Meeting | str,
    resolution: Resolution | str,
    *,
    statutes: Statutes | None = None,
) -> Outcome:
    """Reckon whether ``resolution`` was validly adopted at ``meeting``.

    The register is the organisation's (or the pôle's) on the meeting's date;
    the rule is the one the statutes give the body for the resolution's kind:
    ``statutes`` when given, else the governance's
    :class:`~ptcekit.model.Statutes`, else its single quorum and majority,
    else the :func:`~ptcekit.governance.preset` of its legal form. Under
    weighted colleges, each college's votes for are divided by its base,
    multiplied by its weight and summed; a college with an empty base drops
    out and the other colleges' weights are scaled up to make the whole.

    Args:
        ecosystem: the document holding the organisation.
        meeting: the meeting, or its id in the ecosystem.
        resolution: the resolution, or its id in the meeting.
        statutes: statutes to apply instead of the recorded ones.

    Returns:
        The :class:`Outcome`, with every step and the verdict.

    Raises:
        KeyError: (an :class:`~ptcekit.errors.UnknownIdError`) for an unknown
            meeting or resolution id.
        ValueError: (an :class:`~ptcekit.errors.InvalidValueError`) naming the
            field, when the meeting cannot be reckoned: its organisation is
            not an organisation or pôle of the ecosystem, its body is not one
            the organisation has, a voter lacks the college or shares the
            voting scheme needs, a member has two register lines in force, or
            a tally names an unknown college.
    """
    found = _meeting_of(ecosystem, meeting)
    state = _Reckoning(ecosystem, found, _resolution_of(found, resolution), statutes)
    state.read_register()
    state.read_attendance()
    quorum = state.check_quorum()
    majority = state.rule.majority_for(found.convocation)
    results = state.results(state.count(), majority)
    if state.scheme is VotingScheme.WEIGHTED_COLLEGES:
        votes_for = sum((r.contribution for r in results), Fraction(0))
        base = sum((r.weight for r in results if r.result is not None), Fraction(0))
        _scic_bounds(state.owner, state.governance, state.reasons)
    else:
        votes_for, base = results[0].votes_for, results[0].base
    reached = majority.reached(votes_for, base)
    if any(reason.invalidates for reason in state.reasons):
        verdict = Verdict.INVALID
    else:
        verdict = Verdict.ADOPTED if reached else Verdict.REJECTED
    recorded = state.resolution.recorded
    return Outcome(
        meeting=found.id,
        resolution=state.resolution.id,
        organisation=state.owner.id,
        body=found.body.value,
        kind=state.resolution.kind.value,
        date=found.date,
        convocation=found.convocation,
        voting=state.scheme,
        rule=state.rule,
        basis=state.applied.basis,
        source=state.rule.source or state.applied.source,
        url=state.applied.url,
        confidence=state.applied.confidence,
        register=state.voters(),
        quorum=quorum,
        colleges=results,
        votes_for=votes_for,
        base=base,
        majority=majority,
        reached=reached,
        verdict=verdict,
        reasons=tuple(state.reasons),
        recorded=None if recorded is None else recorded.value,
    )


def _scic_bounds(owner: Organisation | Pole, governance: Governance, reasons: list[Reason]) -> None:
    """Add a reason for each SCIC college whose weight departs from equal votes beyond the bounds."""
    if not (isinstance(owner, Cooperative) and owner.kind is CooperativeKind.SCIC):
        return
    if all(college.weight is None for college in governance.colleges):
        return  # equal votes: the bounds apply only when the statutes depart from them
    low, high = SCIC_COLLEGE_BOUNDS
    for name, weight in _college_weights(governance).items():
        if not low <= weight <= high:
            message = (
                f"college {name!r} weighs {weight}, outside [1/10, 1/2] "
                "(loi n° 47-1775, art. 19 octies)"
            )
            reasons.append(Reason(code="college_weights", message=message))
