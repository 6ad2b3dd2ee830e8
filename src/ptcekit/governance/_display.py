"""How an outcome of the reckoning reads: as text, as JSON-ready data, as HTML for notebooks."""

from __future__ import annotations

import html
from fractions import Fraction
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ptcekit.governance._reckoning import Outcome

__all__ = ["fraction_text", "outcome_dict", "outcome_html", "outcome_text"]


def fraction_text(value: Fraction | None) -> str:
    """Write an exact fraction as ``"2/3"`` (``"2"`` for a whole number), with its percentage.

    >>> fraction_text(Fraction(2, 3)), fraction_text(Fraction(2)), fraction_text(None)
    ('2/3 (66.67 %)', '2', '—')
    """
    if value is None:
        return "—"
    if value.denominator == 1:
        return str(value.numerator)
    return f"{value} ({float(value) * 100:.2f} %)"


def _exact(value: Fraction | None) -> str | None:
    return None if value is None else str(value)


def _words(value: str) -> str:
    return value.replace("_", " ")


def _quorum_line(outcome: Outcome) -> str:
    check = outcome.quorum
    if check is None:
        return f"quorum: none required on {outcome.convocation.value} convocation"
    need = check.required
    met = "met" if check.met else "NOT met"
    return (
        f"quorum ({outcome.convocation.value} convocation, {need.share} of the "
        f"{need.basis.value}): {check.counted} of {check.total} took part, "
        f"{fraction_text(check.part)}: {met}"
    )


#: How a vote reads after a member's name.
_VOTED = {
    "for": "voted for",
    "against": "voted against",
    "abstain": "abstained",
    "blank": "voted blank",
}


def _took_part(mode: str | None, proxy: str | None) -> str:
    took = _words(mode) if mode else "absent"
    return f"{took} by {proxy}" if proxy else took


def outcome_text(outcome: Outcome) -> str:
    """Return the reckoning as text, one step per line."""
    lines = [
        (
            f"resolution {outcome.resolution!r} of meeting {outcome.meeting!r} "
            f"({_words(outcome.body)} of {outcome.organisation!r}, {outcome.date.isoformat()}), "
            f"{outcome.kind}"
        ),
        f"rule: {outcome.basis}; {outcome.source} [{outcome.confidence}]",
        f"voting: {_words(outcome.voting.value)}",
        f"register on {outcome.date.isoformat()}: {len(outcome.register)} members",
    ]
    for voter in outcome.register:
        college = f" [{voter.college}]" if voter.college else ""
        took = _took_part(voter.mode.value if voter.mode else None, voter.proxy)
        choice = f", {_VOTED[voter.choice.value]}" if voter.choice else ""
        lines.append(f"  {voter.member}{college}: weight {voter.weight}, {took}{choice}")
    lines.append(_quorum_line(outcome))
    for result in outcome.colleges:
        name = "all members" if result.college is None else f"college {result.college!r}"
        lines.append(
            f"{name}: for {result.votes_for}, against {result.against}, abstain "
            f"{result.abstain}, blank {result.blank}; base {result.base}; result "
            f"{fraction_text(result.result)}; weight {result.weight}, contribution "
            f"{result.contribution}"
        )
    lines.append(
        f"total: {outcome.votes_for} for out of {outcome.base}: {fraction_text(outcome.share)}; "
        f"required {outcome.majority}: {'reached' if outcome.reached else 'not reached'}"
    )
    lines.extend(f"reason: {reason.message}" for reason in outcome.reasons)
    verdict = f"verdict: {outcome.verdict.value.upper()}"
    if outcome.recorded is not None:
        agrees = "agrees with" if outcome.agrees_with_record else "DISAGREES with"
        verdict += f" ({agrees} the minutes: {outcome.recorded})"
    lines.append(verdict)
    return "\n".join(lines)


def outcome_dict(outcome: Outcome) -> dict[str, Any]:
    """Return the reckoning as JSON-ready data, fractions as exact strings."""
    quorum = outcome.quorum
    return {
        "meeting": outcome.meeting,
        "resolution": outcome.resolution,
        "organisation": outcome.organisation,
        "body": outcome.body,
        "kind": outcome.kind,
        "date": outcome.date.isoformat(),
        "convocation": outcome.convocation.value,
        "voting": outcome.voting.value,
        "basis": outcome.basis,
        "source": outcome.source,
        "url": outcome.url,
        "confidence": outcome.confidence,
        "register": [
            {
                "member": v.member,
                "college": v.college,
                "weight": _exact(v.weight),
                "shares": v.shares,
                "mode": None if v.mode is None else v.mode.value,
                "proxy": v.proxy,
                "choice": None if v.choice is None else v.choice.value,
            }
            for v in outcome.register
        ],
        "quorum": None
        if quorum is None
        else {
            "share": _exact(quorum.required.share),
            "basis": quorum.required.basis.value,
            "counted": _exact(quorum.counted),
            "total": _exact(quorum.total),
            "met": quorum.met,
        },
        "colleges": [
            {
                "college": r.college,
                "weight": _exact(r.weight),
                "for": _exact(r.votes_for),
                "against": _exact(r.against),
                "abstain": _exact(r.abstain),
                "blank": _exact(r.blank),
                "present": _exact(r.present),
                "registered": _exact(r.registered),
                "base": _exact(r.base),
                "result": _exact(r.result),
                "contribution": _exact(r.contribution),
            }
            for r in outcome.colleges
        ],
        "votes_for": _exact(outcome.votes_for),
        "base": _exact(outcome.base),
        "majority": {
            "share": _exact(outcome.majority.share),
            "strict": outcome.majority.strict,
            "base": outcome.majority.base.value,
            "abstentions": outcome.majority.abstentions.value,
            "blanks": outcome.majority.blanks.value,
        },
        "reached": outcome.reached,
        "verdict": outcome.verdict.value,
        "reasons": [
            {"code": r.code, "message": r.message, "member": r.member, "invalidates": r.invalidates}
            for r in outcome.reasons
        ],
        "recorded": outcome.recorded,
    }


def _row(*cells: object, header: bool = False) -> str:
    tag = "th" if header else "td"
    inner = "".join(f"<{tag}>{html.escape(str(cell))}</{tag}>" for cell in cells)
    return f"<tr>{inner}</tr>"


def outcome_html(outcome: Outcome) -> str:
    """Return the reckoning as an HTML fragment for notebooks, every text escaped."""
    colour = {"adopted": "#1a7f37", "rejected": "#9a6700", "invalid": "#cf222e"}[
        outcome.verdict.value
    ]
    title = (
        f"Resolution {outcome.resolution} — {outcome.meeting} "
        f"({_words(outcome.body)} of {outcome.organisation}, {outcome.date.isoformat()})"
    )
    parts = [
        '<div class="ptcekit-outcome">',
        (
            f"<p><strong>{html.escape(title)}</strong>: "
            f'<strong style="color: {colour}">{html.escape(outcome.verdict.value)}</strong></p>'
        ),
        (
            f"<p>{html.escape(outcome.basis)}; {html.escape(outcome.source)} "
            f"({html.escape(outcome.confidence)})</p>"
        ),
        f"<p>{html.escape(_quorum_line(outcome))}</p>",
        "<table>",
        _row(
            "college",
            "weight",
            "for",
            "against",
            "abstain",
            "blank",
            "base",
            "result",
            "contribution",
            header=True,
        ),
    ]
    parts.extend(
        _row(
            r.college or "all members",
            r.weight,
            r.votes_for,
            r.against,
            r.abstain,
            r.blank,
            r.base,
            fraction_text(r.result),
            r.contribution,
        )
        for r in outcome.colleges
    )
    parts.append("</table>")
    parts.append("<details><summary>register on the day</summary><table>")
    parts.append(_row("member", "college", "weight", "took part", "vote", header=True))
    parts.extend(
        _row(
            v.member,
            v.college or "",
            v.weight,
            _took_part(v.mode.value if v.mode else None, v.proxy),
            v.choice.value if v.choice else "",
        )
        for v in outcome.register
    )
    parts.append("</table></details>")
    parts.append(
        f"<p>{html.escape(str(outcome.votes_for))} for out of {html.escape(str(outcome.base))}"
        f" ({html.escape(fraction_text(outcome.share))}); required "
        f"{html.escape(str(outcome.majority))}</p>"
    )
    if outcome.reasons:
        parts.append("<ul>")
        parts.extend(f"<li>{html.escape(r.message)}</li>" for r in outcome.reasons)
        parts.append("</ul>")
    parts.append("</div>")
    return "\n".join(parts)
