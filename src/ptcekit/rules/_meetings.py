"""Meeting rules: each recorded resolution reckoned against the register, the statutes and the law."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ptcekit.errors import PtcekitError
from ptcekit.governance import Outcome, decide
from ptcekit.model import (
    Attendance,
    BodyKind,
    College,
    Cooperative,
    DecisionRule,
    Ecosystem,
    Governance,
    Meeting,
    Organisation,
    Period,
    Person,
    Pole,
    Quorum,
    RegisterEntry,
    Resolution,
    Statutes,
    Vote,
)
from ptcekit.rules._context import Context
from ptcekit.rules._paths import Keys
from ptcekit.rules._report import Finding, Unchecked
from ptcekit.rules._rule import Example, Rule, Severity, Theme

__all__ = ["RULES", "THEMES"]

_LOI_1947 = "Loi n° 47-1775 du 10 septembre 1947 portant statut de la coopération"
_ART_19_OCTIES_URL = "https://www.legifrance.gouv.fr/loda/article_lc/LEGIARTI000025559897"
#: Statutes bind the associés as a contract does (Code civil, art. 1832 and 1103).
_STATUTES = (
    "The organisation's statutes, which bind its members as a contract "
    "(Code civil, art. 1832 and 1103), and the law they apply"
)
_CODE_CIVIL_URL = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006070721"

_DAY = dt.date(2024, 6, 12)


def _outcomes(
    context: Context,
) -> Iterator[tuple[Keys, Meeting, Keys, Resolution, Outcome | Unchecked]]:
    """Yield each resolution with its path and its reckoning, or the note of why it cannot be reckoned."""
    for m, meeting in enumerate(context.ecosystem.meetings):
        for r, resolution in enumerate(meeting.resolutions):
            path: Keys = ("meetings", m, "resolutions", r)
            try:
                outcome: Outcome | Unchecked = decide(context.ecosystem, meeting, resolution)
            except PtcekitError as error:
                reason = f"resolution {resolution.id!r} cannot be reckoned: {error}"
                outcome = context.unchecked(" ".join(reason.split()), path, subject=meeting.id)
            yield ("meetings", m), meeting, path, resolution, outcome


def _severity(outcome: Outcome) -> Severity | None:
    """A warning when the reckoning rests on an unconfirmed preset; else the rule's own."""
    return Severity.WARNING if outcome.confidence == "unconfirmed" else None


def _reasons(outcome: Outcome, *codes: str) -> Iterator[str]:
    for reason in outcome.reasons:
        if reason.code in codes:
            yield reason.message


# --- examples ----------------------------------------------------------------


def _scic(*, weights: tuple[str, ...] = ("1/2", "3/10", "1/5"), limit: int = 1) -> Cooperative:
    colleges = tuple(
        College(name=name, weight=weight)
        for name, weight in zip(("salariés", "usagers", "soutiens"), weights, strict=True)
    )
    register = (
        RegisterEntry(member="ada", college="salariés"),
        RegisterEntry(member="bea", college="salariés"),
        RegisterEntry(member="cyril", college="usagers"),
        RegisterEntry(member="dora", college="usagers"),
        RegisterEntry(member="eli", college="soutiens"),
        RegisterEntry(
            member="fanny", college="soutiens", period=Period(end=_DAY - dt.timedelta(days=1))
        ),
    )
    statutes = Statutes(
        rules=(DecisionRule(quorum=Quorum(share="1/2")),),
        proxies_per_holder=limit,
        source="Statuts de la SCIC Tetris, art. 15",
    )
    governance = Governance(
        voting="weighted_colleges", colleges=colleges, register=register, statutes=statutes
    )
    return Cooperative(id="tetris", name="SCIC TETRIS", kind="scic", governance=governance)


#: The associés of the examples, declared as actors as the references rules require.
_PEOPLE = tuple(
    Person(id=name, name=name.title()) for name in ("ada", "bea", "cyril", "dora", "eli", "fanny")
)


def _meeting(*attendance: Attendance, votes: tuple[Vote, ...], recorded: str) -> Meeting:
    return Meeting(
        id="ag-2024",
        organisation="tetris",
        date=_DAY,
        attendance=attendance,
        resolutions=(
            Resolution(id="1", text="Approve the accounts", votes=votes, recorded=recorded),
        ),
    )


def _good() -> Ecosystem:
    """Everyone on the register takes part; the resolution passes in every college."""
    people = ("ada", "bea", "cyril", "dora", "eli")
    attendance = tuple(Attendance(member=p) for p in people)
    votes = tuple(Vote(member=p, choice="for") for p in people)
    return Ecosystem(
        actors=(_scic(), *_PEOPLE),
        meetings=(_meeting(*attendance, votes=votes, recorded="adopted"),),
    )


def _bad() -> Ecosystem:
    """Fanny votes the day after she left; Ada holds two proxies; the salariés vote against."""
    attendance = (
        Attendance(member="ada"),
        Attendance(member="bea", mode="represented", proxy="ada"),
        Attendance(member="dora", mode="represented", proxy="ada"),
        Attendance(member="fanny"),
    )
    votes = (
        Vote(member="ada", choice="against"),
        Vote(member="bea", choice="against"),
        Vote(member="dora", choice="for"),
        Vote(member="fanny", choice="for"),
    )
    return Ecosystem(
        actors=(_scic(weights=("3/5", "1/5", "1/5")), *_PEOPLE),
        meetings=(_meeting(*attendance, votes=votes, recorded="adopted"),),
    )


def _short_of_quorum() -> Ecosystem:
    """Two of five members come, a quorum of one half is required."""
    attendance = (Attendance(member="ada"), Attendance(member="cyril"))
    votes = (Vote(member="ada", choice="for"), Vote(member="cyril", choice="for"))
    return Ecosystem(
        actors=(_scic(), *_PEOPLE),
        meetings=(_meeting(*attendance, votes=votes, recorded="rejected"),),
    )


# --- MEET001 -----------------------------------------------------------------


def _recorded(context: Context) -> Iterator[Finding | Unchecked]:
    for _, meeting, path, resolution, outcome in _outcomes(context):
        if isinstance(outcome, Unchecked):
            yield outcome
            continue
        if outcome.agrees_with_record is False:
            why = "; ".join(reason.message for reason in outcome.reasons if reason.invalidates)
            because = f" ({why})" if why else ""
            message = (
                f"resolution {resolution.id!r} of meeting {meeting.id!r} is recorded as "
                f"{outcome.recorded}, but the reckoning finds it {outcome.verdict.value}: "
                f"{outcome.votes_for} for out of {outcome.base}, {outcome.majority} required"
                f"{because} [{outcome.source}]"
            )
            yield context.finding(
                message, (*path, "recorded"), subject=meeting.id, severity=_severity(outcome)
            )


# --- MEET002 -----------------------------------------------------------------


def _non_members(context: Context) -> Iterator[Finding]:
    for _, meeting, path, resolution, outcome in _outcomes(context):
        if isinstance(outcome, Unchecked):
            continue
        refused = {
            reason.member: reason.message
            for reason in outcome.reasons
            if reason.invalidates and reason.code in {"not_a_member", "not_taking_part"}
        }
        for position, vote in enumerate(resolution.votes):
            if vote.member in refused:
                path_to = (*path, "votes", position)
                yield context.finding(refused[vote.member], path_to, subject=meeting.id)


# --- MEET003 -----------------------------------------------------------------


def _quorum(context: Context) -> Iterator[Finding]:
    for _, meeting, path, resolution, outcome in _outcomes(context):
        if isinstance(outcome, Unchecked):
            continue
        for message in _reasons(outcome, "quorum_not_met"):
            text = f"resolution {resolution.id!r} of meeting {meeting.id!r}: {message} [{outcome.source}]"
            yield context.finding(text, path, subject=meeting.id, severity=_severity(outcome))


# --- MEET004 -----------------------------------------------------------------


def _proxies(context: Context) -> Iterator[Finding]:
    seen: set[tuple[Keys, str]] = set()
    for meeting_path, meeting, _, _, outcome in _outcomes(context):
        if isinstance(outcome, Unchecked):
            continue
        for message in _reasons(outcome, "too_many_proxies"):
            if (meeting_path, message) not in seen:
                seen.add((meeting_path, message))
                text = f"meeting {meeting.id!r}: {message}"
                yield context.finding(text, (*meeting_path, "attendance"), subject=meeting.id)


# --- MEET005 -----------------------------------------------------------------


def _college_bounds(context: Context) -> Iterator[Finding]:
    seen: set[tuple[Keys, str]] = set()
    for meeting_path, meeting, _, _, outcome in _outcomes(context):
        if isinstance(outcome, Unchecked):
            continue
        for message in _reasons(outcome, "college_weights"):
            if (meeting_path, message) not in seen:
                seen.add((meeting_path, message))
                text = f"meeting {meeting.id!r} of SCIC {meeting.organisation!r}: {message}"
                yield context.finding(text, meeting_path, subject=meeting.id)


# --- MEET006 -----------------------------------------------------------------


def _references(context: Context) -> Iterator[Finding]:
    for m, meeting in enumerate(context.ecosystem.meetings):
        path: Keys = ("meetings", m)
        owner = (
            context.ecosystem.get(meeting.organisation)
            if meeting.organisation in context.ecosystem
            else None
        )
        if not isinstance(owner, Organisation | Pole):
            message = (
                f"meeting {meeting.id!r} names {meeting.organisation!r}, which is not an "
                "organisation or a pôle of the document"
            )
            yield context.finding(message, (*path, "organisation"), subject=meeting.id)
            continue
        kinds = [body.kind for body in owner.governance.bodies] if owner.governance else []
        if meeting.body not in (kinds or [BodyKind.GENERAL_ASSEMBLY]):
            shown = ", ".join(dict.fromkeys(kind.value for kind in kinds)) or "none declared"
            message = (
                f"meeting {meeting.id!r} is one of the {meeting.body.value.replace('_', ' ')} "
                f"of {owner.id!r}, whose governance has no such body (bodies: {shown})"
            )
            yield context.finding(message, (*path, "body"), subject=meeting.id)


def _stray_meeting() -> Ecosystem:
    """A board meeting of an organisation without a board, and a meeting of nobody."""
    eco = _good()
    board = Meeting(id="ca-2024", organisation="tetris", body="board", date=_DAY)
    nobody = Meeting(id="ag-x", organisation="nobody", date=_DAY)
    return Ecosystem(actors=eco.actors, meetings=(*eco.meetings, board, nobody))


RULES: tuple[Rule, ...] = (
    Rule(
        code="MEET001",
        title="A resolution recorded as adopted was validly adopted",
        severity="error",
        kind="legal",
        confidence="reading",
        source=_STATUTES,
        url=_CODE_CIVIL_URL,
        explanation=(
            "Each resolution whose minutes record an outcome is reckoned: the register on the "
            "meeting's date, who took part, the quorum, the votes college by college, the "
            "majority the statutes (or the law's preset for the organisation's form) require. "
            "A resolution recorded as adopted that the reckoning finds rejected or invalid, or "
            "recorded as rejected that it finds adopted, is reported with the figures. When the "
            "reckoning rests on a preset whose text is not confirmed, the finding is a warning. "
            "A meeting that cannot be reckoned (an unknown organisation, a body it does not "
            "have, a voter without the college or shares the scheme needs) is noted as not checked."
        ),
        check=_recorded,
        applies_to="meetings",
        failing_example=Example(build=_bad, paths=("$.meetings[0].resolutions[0].recorded",)),
        passing_example=Example(build=_good),
    ),
    Rule(
        code="MEET002",
        title="Only members taking part in the meeting vote",
        severity="error",
        kind="legal",
        confidence="reading",
        source=_STATUTES,
        url=_CODE_CIVIL_URL,
        explanation=(
            "A vote counts only if its author is on the register of the body on the meeting's "
            "date (a membership that ended the day before does not count) and took part in "
            "person, remotely or through a valid proxy. Each other vote is reported by name "
            "and set aside, and makes the resolution invalid."
        ),
        check=_non_members,
        applies_to="meetings",
        failing_example=Example(build=_bad, paths=("$.meetings[0].resolutions[0].votes[3]",)),
        passing_example=Example(build=_good),
    ),
    Rule(
        code="MEET003",
        title="The meeting reaches its quorum",
        severity="error",
        kind="legal",
        confidence="reading",
        source=_STATUTES,
        url=_CODE_CIVIL_URL,
        explanation=(
            "The members taking part (present, and represented or remote when the statutes "
            "count them) must reach the quorum the statutes or the law set for the "
            "resolution's kind on the meeting's convocation, counted on members, votes or "
            "capital. Under an unconfirmed preset (the Code de commerce quorums of SA and "
            "SARL meetings) the finding is a warning."
        ),
        check=_quorum,
        applies_to="meetings",
        failing_example=Example(build=_short_of_quorum, paths=("$.meetings[0].resolutions[0]",)),
        passing_example=Example(build=_good),
    ),
    Rule(
        code="MEET004",
        title="No member holds more proxies than the statutes allow",
        severity="error",
        kind="legal_conditional",
        confidence="reading",
        source=_STATUTES,
        url=_CODE_CIVIL_URL,
        explanation=(
            "When the statutes cap the proxies one member may hold "
            "(`Statutes.proxies_per_holder`), a holder over the cap makes the meeting's "
            "resolutions invalid."
        ),
        check=_proxies,
        applies_to="meetings",
        failing_example=Example(build=_bad, paths=("$.meetings[0].attendance",)),
        passing_example=Example(build=_good),
    ),
    Rule(
        code="MEET005",
        title="A SCIC meeting counts its colleges within 10 % and 50 %",
        severity="error",
        kind="legal_conditional",
        confidence="reading",
        source=f"{_LOI_1947}, art. 19 octies, al. 2",
        url=_ART_19_OCTIES_URL,
        explanation=(
            "When a SCIC's statutes group its associés in colleges and depart from equal votes, "
            "no college may weigh more than 50 % nor less than 10 % of the votes. A meeting "
            "counted with weights outside those bounds cannot stand. (SCIC005 checks the "
            "governance itself, whether or not it has met.)"
        ),
        check=_college_bounds,
        applies_to="meetings",
        failing_example=Example(build=_bad, paths=("$.meetings[0]",)),
        passing_example=Example(build=_good),
    ),
    Rule(
        code="MEET006",
        title="A meeting is one of an organisation's or a pôle's bodies",
        severity="error",
        kind="format",
        confidence="reading",
        source=(
            "ptcekit document model: a meeting names an organisation or a pôle of the document "
            "and one of the bodies its governance declares; no legal text"
        ),
        url="https://ptcekit.readthedocs.io/en/latest/reference/model.html",
        explanation=(
            "A meeting's `organisation` is the id of an organisation (an actor other than a "
            "person) or a pôle of the document, and its `body` one its governance declares; "
            "with no bodies declared, only the general assembly. Such a meeting cannot be "
            "reckoned, and MEET001 notes it as not checked."
        ),
        check=_references,
        applies_to="meetings",
        failing_example=Example(
            build=_stray_meeting, paths=("$.meetings[1].body", "$.meetings[2].organisation")
        ),
        passing_example=Example(build=_good),
    ),
)

THEMES: tuple[Theme, ...] = (Theme(prefix="MEET", title="Meetings and resolutions", rules=RULES),)
