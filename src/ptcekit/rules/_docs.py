"""The rule catalogue page, generated from a rule set (MyST markdown for Sphinx)."""

from __future__ import annotations

import datetime as dt
import inspect
import textwrap
from collections.abc import Iterable

from ptcekit.rules._engine import Example, Finding, LawVersion, Report, Rule, RuleSet, run_rules

__all__ = ["EXAMPLE_DATE", "catalogue_markdown", "example_findings", "example_report"]

#: The date examples are checked as of, when they do not give one.
EXAMPLE_DATE = dt.date(2024, 6, 30)

#: The themes of the built-in codes, in catalogue order.
THEMES: tuple[tuple[str, str], ...] = (
    ("REF", "References"),
    ("ID", "Identifiers and legal forms"),
    ("ESS", "ESS and ESUS"),
    ("PTCE", "Pôles territoriaux de coopération économique (art. 9)"),
    ("CALL", "State calls for projects (décret n° 2015-431, opt-in)"),
    ("SCIC", "SCIC"),
    ("SCOP", "SCOP"),
    ("COOP", "Every cooperative"),
    ("ASSET", "Mutualised assets"),
    ("AGR", "Agreements"),
    ("GOV", "Governance"),
    ("MEET", "Meetings and resolutions"),
)


def _theme(code: str) -> str:
    letters = code.rstrip("0123456789")
    for prefix, _ in THEMES:
        if letters == prefix:
            return prefix
    return ""


def example_report(rule: Rule, example: Example) -> Report:
    """Return the report of ``rule`` alone on ``example``.

    The example is checked as of its ecosystem's ``as_of``, else
    :data:`EXAMPLE_DATE`.
    """
    ecosystem = example.build()
    return run_rules(ecosystem, RuleSet((rule,)), ecosystem.as_of or EXAMPLE_DATE)


def example_findings(rule: Rule, example: Example) -> tuple[Finding, ...]:
    """Return the findings ``rule`` gives on ``example`` (see :func:`example_report`)."""
    return example_report(rule, example).findings


def _source(example: Example) -> str:
    return textwrap.dedent(inspect.getsource(example.build)).strip()


def _doc(example: Example) -> str:
    return inspect.getdoc(example.build) or ""


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _cited(source: str, url: str | None) -> str:
    """The source as a table cell, a link when it has an address."""
    return f"[{_cell(source)}]({url})" if url else _cell(source)


def _span(version: LawVersion) -> str:
    """When a version is in force, in words: "from 2014-08-02", "until 2014-08-01"."""
    start = None if version.start is None else version.start.isoformat()
    last = None if version.end is None else (version.end - dt.timedelta(days=1)).isoformat()
    if start and last:
        return f"{start} to {last}"
    if start:
        return f"from {start}"
    return f"until {last}" if last else "always"


def _entry(rule: Rule) -> list[str]:
    lines = [
        f"(rule-{rule.code.lower()})=",
        f"### {rule.code}: {rule.title}",
        "",
        "| | |",
        "|---|---|",
        f"| Severity | {rule.severity.value} |",
        f"| Kind | {rule.kind.value} |",
        f"| Confidence | {rule.confidence.words} |",
        f"| Source | {_cited(rule.source, rule.url)} |",
        f"| Applies to | {', '.join(sorted(rule.applies_to))} |",
        f"| Runs | {'when selected (opt-in)' if rule.opt_in else 'by default'} |",
        "",
        rule.explanation,
        "",
    ]
    if rule.versions:
        lines += [
            "**Versions of the law it applies, by the report's date:**",
            "",
            "| In force | Version | Source |",
            "|---|---|---|",
            *(
                f"| {_span(version)} | {_cell(version.label)} "
                f"| {_cited(version.source, version.url)} |"
                for version in rule.versions
            ),
            "",
        ]
    for title, example in (("Fails", rule.failing_example), ("Passes", rule.passing_example)):
        if example is None:
            continue
        lines += [f"**{title}:** {_doc(example)}", "", "```python", _source(example), "```", ""]
        report = example_report(rule, example)
        shown = [finding.to_text() for finding in report.findings]
        shown += [note.to_text() for note in report.unchecked]
        if shown:
            lines += ["```text", *shown, "```", ""]
    return lines


def catalogue_markdown(rules: Iterable[Rule], *, title: str = "Rule catalogue") -> str:
    """Return the catalogue page of ``rules`` in MyST markdown.

    For each rule: its code, title, severity, kind, confidence, source, the
    record lists it applies to, its explanation, and its failing and passing
    examples with the findings they give.

    Args:
        rules: the rules, such as :func:`~ptcekit.rules.builtin_rules`.
        title: the page title.
    """
    rule_set = rules if isinstance(rules, RuleSet) else RuleSet(tuple(rules))
    lines = [
        f"# {title}",
        "",
        "<!-- Generated from the rule registry by scripts/write_rule_catalogue.py: do not edit. -->",
        "",
        f"{len(rule_set)} rules.",
        "Each has a stable code, a severity, the kind of requirement it checks, its legal source with a link to the text, and how well its reading of that source is established: *confirmed in the text*, *reading of the text* (an interpretation, a convention or a heuristic), or *not confirmed*.",
        "A rule whose source is not confirmed is at most a warning.",
        "A rule whose threshold or population changed over time lists the versions of the law it applies; the report's date chooses the version, and each finding names it after its source, as in `[source; version]`.",
        'Where the data a rule needs is missing (no associés recorded, no territory, no cost-sharing key), the report lists the check among those that could not run, and says "All checks passed" only when every applicable check ran.',
        "Rules marked opt-in run only when selected by code or prefix.",
        "",
        "| Code | Title | Severity | Kind | Confidence |",
        "|---|---|---|---|---|",
    ]
    for rule in rule_set:
        link = f"{{ref}}`{rule.code} <rule-{rule.code.lower()}>`"
        lines.append(
            f"| {link} | {_cell(rule.title)} | {rule.severity.value} | {rule.kind.value} "
            f"| {rule.confidence.words} |"
        )
    lines.append("")
    names = dict(THEMES)
    order = [prefix for prefix, _ in THEMES] + [""]
    for prefix in order:
        group = [rule for rule in rule_set if _theme(rule.code) == prefix]
        if not group:
            continue
        lines += [f"## {names.get(prefix, 'Other rules')}", ""]
        for rule in group:
            lines += _entry(rule)
    return "\n".join(lines).rstrip() + "\n"
