"""The text forms of rules, findings and reports: one printer, apart from the values it prints.

Every human-readable line ptcekit writes about rules comes from here: a
finding as a linter prints it, a report with its summary, a rule explained
for the command line, and the rule catalogue page in MyST markdown.
"""

from __future__ import annotations

import datetime as dt
import inspect
import textwrap
from collections.abc import Callable, Iterable, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ptcekit.rules._report import Finding, Report, Unchecked
    from ptcekit.rules._rule import Example, LawVersion, Rule, Theme

__all__ = [
    "catalogue_markdown",
    "describe_rule",
    "format_finding",
    "format_report",
    "format_summary",
    "format_unchecked",
    "fraction_text",
]


def format_finding(finding: Finding) -> str:
    """Return a finding as one line, the way a linter prints it.

    The source comes last, in brackets, with the version of the law applied
    when the rule has dated versions.

    >>> from ptcekit.rules import Finding
    >>> format_finding(Finding(code="ID001", severity="error", message="SIRET mismatch",
    ...     path=("actors", 0, "sirets", 0), source="Code de commerce, art. R123-220"))
    '$.actors[0].sirets[0]: ID001 error: SIRET mismatch [Code de commerce, art. R123-220]'
    """
    line = f"{finding.path}: {finding.code} {finding.severity.value}: {finding.message}"
    cited = "; ".join(part for part in (finding.source, finding.law) if part)
    return f"{line} [{cited}]" if cited else line


def format_unchecked(note: Unchecked) -> str:
    """Return a check that could not run as one line, the way findings are printed.

    >>> from ptcekit.rules import Unchecked
    >>> format_unchecked(Unchecked(code="SCIC002", path="$.actors[2]", reason="no associés recorded"))
    '$.actors[2]: SCIC002 not checked: no associés recorded'
    """
    return f"{note.path}: {note.code} not checked: {note.reason}"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def format_summary(report: Report) -> str:
    """Return the last line of a report: the counts, the rules and the date.

    It says "All checks passed" only when there is no finding and every
    applicable check ran; otherwise it says how many checks could not run.

    >>> from ptcekit.rules import Report
    >>> format_summary(Report(as_of=dt.date(2024, 1, 1), rules=("PTCE001",)))
    'All checks passed (1 rule, as of 2024-01-01).'
    """
    context = _plural(len(report.rules), "rule")
    if report.as_of is not None:
        context += f", as of {report.as_of.isoformat()}"
    skipped = ""
    if report.unchecked:
        count = len(report.unchecked)
        verb = "check" if count == 1 else "checks"
        skipped = f"; {count} {verb} could not run for lack of data"
    if not report.findings:
        if not report.unchecked:
            return f"All checks passed ({context})."
        return f"No problem found{skipped} ({context})."
    counts = {severity.value: count for severity, count in report.count_by_severity().items()}
    errors = _plural(counts["error"], "error")
    warnings = _plural(counts["warning"], "warning")
    infos = _plural(counts["info"], "info")
    return f"Found {errors}, {warnings} and {infos}{skipped} ({context})."


def format_report(report: Report) -> str:
    """Return a report the way a linter prints it.

    One line per finding, then one per check that could not run
    (``… not checked: why``), then the summary.
    """
    lines = [format_finding(finding) for finding in report.findings]
    lines.extend(format_unchecked(note) for note in report.unchecked)
    lines.append(format_summary(report))
    return "\n".join(lines)


def describe_rule(rule: Rule) -> str:
    """Return the explanation of one rule, as ``ptcekit rules CODE`` prints it.

    Its code and title, then its severity, kind, source, confidence, the
    record lists it checks, its dated versions, whether it is opt-in, and
    its explanation wrapped at 88 columns.
    """
    lines = [
        f"{rule.code}: {rule.title}",
        "",
        f"  severity:   {rule.severity.value}",
        f"  kind:       {rule.kind.value}",
        f"  source:     {rule.source}",
        *([f"  read at:    {rule.url}"] if rule.url else []),
        f"  confidence: {rule.confidence.words}",
        f"  checks:     {', '.join(sorted(rule.applies_to))}",
    ]
    for version in rule.versions:
        start = version.start.isoformat() if version.start else "…"
        end = version.end.isoformat() if version.end else "…"
        lines.append(f"  version:    {version.label} [{start}, {end}): {version.source}")
        if version.url:
            lines.append(f"              {version.url}")
    if rule.opt_in:
        lines.append("  opt-in:     runs only when selected (--select)")
    lines.append("")
    lines.extend(textwrap.fill(paragraph, width=88) for paragraph in rule.explanation.split("\n\n"))
    return "\n".join(lines)


def fraction_text(value: Fraction) -> str:
    """Return a fraction for a message, exact and as a percentage: ``"9/10 (90 %)"``.

    >>> fraction_text(Fraction(1, 3))
    '1/3 (33.33 %)'
    """
    percent = value * 100
    shown = f"{percent.numerator}" if percent.denominator == 1 else f"{float(percent):.4g}"
    return f"{value} ({shown} %)"


# ---------------------------------------------------------------------------
# the rule catalogue page (MyST markdown for Sphinx)


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


def _entry(rule: Rule, report_of: Callable[[Rule, Example], Report]) -> list[str]:
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
        report = report_of(rule, example)
        shown = [format_finding(finding) for finding in report.findings]
        shown += [format_unchecked(note) for note in report.unchecked]
        if shown:
            lines += ["```text", *shown, "```", ""]
    return lines


def _theme_of(rule: Rule, themes: Sequence[Theme]) -> Theme | None:
    for theme in themes:
        if rule in theme.rules:
            return theme
    # a rule of another package: under the first theme of its prefix, if any
    letters = rule.code.rstrip("0123456789")
    return next((theme for theme in themes if theme.prefix == letters), None)


_HEADER = (
    "{count} rules.",
    "Each has a stable code, a severity, the kind of requirement it checks, its legal source with a link to the text, and how well its reading of that source is established: *confirmed in the text*, *reading of the text* (an interpretation, a convention or a heuristic), or *not confirmed*.",
    "A rule whose source is not confirmed is at most a warning.",
    "A rule whose threshold or population changed over time lists the versions of the law it applies; the report's date chooses the version, and each finding names it after its source, as in `[source; version]`.",
    'Where the data a rule needs is missing (no associés recorded, no territory, no cost-sharing key), the report lists the check among those that could not run, and says "All checks passed" only when every applicable check ran.',
    "Rules marked opt-in run only when selected by code or prefix.",
)


def catalogue_markdown(
    rules: Iterable[Rule],
    themes: Sequence[Theme],
    report_of: Callable[[Rule, Example], Report],
    *,
    title: str = "Rule catalogue",
) -> str:
    """Return the catalogue page of ``rules`` in MyST markdown.

    For each rule: its code, title, severity, kind, confidence, source, the
    record lists it applies to, its explanation, and its failing and passing
    examples with the findings they give.

    Args:
        rules: the rules, in the order of the table.
        themes: the sections, in order; a rule in none of them is listed
            under "Other rules".
        report_of: what a rule gives on one of its examples.
        title: the page title.
    """
    chosen = tuple(rules)
    lines = [
        f"# {title}",
        "",
        "<!-- Generated from the rule registry by scripts/write_rule_catalogue.py: do not edit. -->",
        "",
        _HEADER[0].format(count=len(chosen)),
        *_HEADER[1:],
        "",
        "| Code | Title | Severity | Kind | Confidence |",
        "|---|---|---|---|---|",
    ]
    for rule in chosen:
        link = f"{{ref}}`{rule.code} <rule-{rule.code.lower()}>`"
        lines.append(
            f"| {link} | {_cell(rule.title)} | {rule.severity.value} | {rule.kind.value} "
            f"| {rule.confidence.words} |"
        )
    lines.append("")
    placed = [(rule, _theme_of(rule, themes)) for rule in chosen]
    sections: list[tuple[str, list[Rule]]] = [
        (theme.title, [rule for rule, where in placed if where is theme]) for theme in themes
    ]
    sections.append(("Other rules", [rule for rule, where in placed if where is None]))
    for heading, group in sections:
        if not group:
            continue
        lines += [f"## {heading}", ""]
        for rule in group:
            lines += _entry(rule, report_of)
    return "\n".join(lines).rstrip() + "\n"
