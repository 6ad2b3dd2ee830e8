"""Running rules on an ecosystem: one context per rule, a crash becomes a finding."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from ptcekit.model import Ecosystem
from ptcekit.rules._context import Context, Indexes
from ptcekit.rules._report import Finding, Report, Unchecked
from ptcekit.rules._rule import Rule, RuleSet, Severity

__all__ = ["run_rules"]


def _crash(rule: Rule, what: str) -> Finding:
    return Finding(
        code=rule.code,
        severity=Severity.ERROR,
        message=f"rule {rule.code} crashed: {what}".replace("\n", " "),
        path=(),
        source=rule.source,
        url=rule.url,
    )


def _run(rule: Rule, context: Context) -> tuple[list[Finding], list[Unchecked]]:
    found: list[Finding] = []
    skipped: list[Unchecked] = []
    try:
        results: Iterable[object] = rule.check(context)
        for result in results:
            if isinstance(result, Finding):
                found.append(result)
            elif isinstance(result, Unchecked):
                skipped.append(result)
            else:
                what = f"it gave {type(result).__name__} {result!r:.60}, not a Finding"
                return [*found, _crash(rule, what)], skipped
    except Exception as error:  # a broken rule becomes a finding, never a crash
        return [*found, _crash(rule, f"{type(error).__name__}: {error}")], skipped
    return found, skipped


def run_rules(ecosystem: Ecosystem, rules: RuleSet, as_of: dt.date) -> Report:
    """Run ``rules`` on ``ecosystem`` as of ``as_of`` and return the report.

    Indexes are built once and shared by the rules. A rule with dated
    versions runs only if one is in force on ``as_of``. A rule that raises,
    or gives something that is neither a :class:`Finding` nor an
    :class:`Unchecked`, gives an error finding naming it instead of stopping
    the run.
    """
    indexes = Indexes(ecosystem)
    findings: list[Finding] = []
    unchecked: list[Unchecked] = []
    ran: list[str] = []
    for rule in rules:
        if not rule.applies_on(as_of):
            continue
        ran.append(rule.code)
        found, skipped = _run(rule, Context(ecosystem, as_of, rule, indexes))
        findings.extend(found)
        unchecked.extend(skipped)
    return Report(
        findings=tuple(findings), unchecked=tuple(unchecked), as_of=as_of, rules=tuple(ran)
    )
