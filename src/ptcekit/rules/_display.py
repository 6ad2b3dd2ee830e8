"""Rich displays of findings and reports for notebooks: escaped HTML and IPython's pretty printing."""

from __future__ import annotations

import contextlib
import enum
import html
import re
from collections.abc import Iterable, Sequence
from itertools import groupby
from typing import TYPE_CHECKING, Any, Protocol

import attrs

if TYPE_CHECKING:
    from ptcekit.rules._report import Finding, Report, Unchecked

__all__ = ["finding_html", "pretty_finding", "pretty_report", "report_html"]

#: The most findings (and notes of checks that could not run) an HTML report shows.
ROWS = 500
#: The most findings a pretty-printed report shows.
PRETTY_ITEMS = 50

#: Control characters (but tab and newline) and lone surrogates, shown as Python escapes.
_CONTROLS: dict[int, str] = {
    **{
        code: f"\\x{code:02x}" for code in (*range(0x20), *range(0x7F, 0xA0)) if code not in (9, 10)
    },
    **{code: f"\\u{code:04x}" for code in range(0xD800, 0xE000)},
}

#: Text and background colour of each severity.
SEVERITY_COLOURS = {
    "error": ("#fff", "#c62828"),
    "warning": ("#000", "#f9a825"),
    "info": ("#fff", "#1565c0"),
}

_TABLE = 'style="border-collapse:collapse;text-align:left;margin:0.2em 0"'
_CELL = 'style="border:1px solid #ccc;padding:0.15em 0.4em;text-align:left;vertical-align:top"'
_HEAD = (
    'style="border:1px solid #ccc;padding:0.15em 0.4em;text-align:left;'
    'vertical-align:top;background:#f2f2f2"'
)
_GROUP = (
    'style="border:1px solid #ccc;padding:0.3em 0.4em 0.15em;text-align:left;background:#fafafa"'
)
_FINDING_HEADER = ("severity", "path", "subject", "message", "source")


class PrettyPrinter(Protocol):
    """The part of IPython's ``RepresentationPrinter`` that ``_repr_pretty_`` uses."""

    indentation: int

    def text(self, obj: str) -> None:
        """Write text."""

    def breakable(self, sep: str = " ") -> None:
        """Write ``sep``, or a line break when the group does not fit."""

    def group(
        self,
        indent: int = 0,
        open: str = "",  # noqa: A002 -- IPython's name
        close: str = "",
    ) -> contextlib.AbstractContextManager[None]:
        """Open a group of text that breaks as a whole."""

    def pretty(self, obj: object) -> None:
        """Pretty-print an object with its own printer."""


def escape(value: object) -> str:
    """Return ``str(value)`` safe in HTML text and quoted attributes, control characters made visible."""
    return html.escape(str(value).translate(_CONTROLS), quote=True)


# ---------------------------------------------------------------------------
# HTML


def _badge(severity: str) -> str:
    colour, background = SEVERITY_COLOURS[severity]
    return (
        f'<span style="color:{colour};background:{background};border-radius:0.3em;'
        f'padding:0 0.35em;white-space:nowrap">{escape(severity)}</span>'
    )


def _source(finding: Finding) -> str:
    """The source of a finding, linked to its text when online, with the version of the law applied."""
    parts = []
    if finding.url is not None and re.match(r"https?://", finding.url):
        text = escape(finding.source or finding.url)
        href = escape(finding.url)
        parts.append(f'<a href="{href}" target="_blank" rel="noopener">{text}</a>')
    elif finding.source is not None:
        parts.append(escape(finding.source))
    if finding.law is not None:
        parts.append(f"<em>{escape(finding.law)}</em>")
    return "<br>".join(parts)


def _finding_cells(finding: Finding) -> list[str]:
    return [
        _badge(finding.severity.value),
        f"<code>{escape(finding.path)}</code>",
        escape(finding.subject or ""),
        escape(finding.message),
        _source(finding),
    ]


def _row(cells: Iterable[str]) -> str:
    return "<tr>" + "".join(f"<td {_CELL}>{cell}</td>" for cell in cells) + "</tr>"


def _header(names: Sequence[str]) -> str:
    return "<tr>" + "".join(f"<th {_HEAD}>{escape(name)}</th>" for name in names) + "</tr>"


def _wrap(body: str) -> str:
    return f'<div class="ptcekit">{body}</div>'


def finding_html(finding: Finding) -> str:
    """Return the HTML display of one finding: its code and severity, then a table of its fields."""
    title = f"<strong>{escape(finding.code)}</strong> {_badge(finding.severity.value)}"
    rows = [
        ("message", escape(finding.message)),
        ("path", f"<code>{escape(finding.path)}</code>"),
    ]
    if finding.subject is not None:
        rows.append(("subject", escape(finding.subject)))
    source = _source(finding)
    if source:
        rows.append(("source", source))
    body = "".join(
        f"<tr><th {_HEAD}>{name}</th><td {_CELL}>{cell}</td></tr>" for name, cell in rows
    )
    return _wrap(f"<div>{title}</div><table {_TABLE}>{body}</table>")


def _grouped(items: Sequence[Any], shown: int) -> list[tuple[str, list[Any]]]:
    """The first ``shown`` items grouped by rule code, codes in order."""
    ordered = sorted(items[:shown], key=lambda item: item.code)
    return [(code, list(group)) for code, group in groupby(ordered, key=lambda item: item.code)]


def _more(count: int, span: int, what: str) -> str:
    return (
        f'<tr><td {_CELL} colspan="{span}"><em>… and {count} more {escape(what)} '
        "(filter the report to see them)</em></td></tr>"
    )


def _findings_table(findings: Sequence[Finding]) -> str:
    shown = min(len(findings), ROWS)
    counts: dict[str, int] = {}
    for finding in findings:
        counts[finding.code] = counts.get(finding.code, 0) + 1
    parts = [f"<table {_TABLE}>", _header(_FINDING_HEADER)]
    for code, group in _grouped(findings, shown):
        worst = max(finding.severity for finding in group)
        total = counts[code]
        label = f"{total} finding" if total == 1 else f"{total} findings"
        parts.append(
            f'<tr><th {_GROUP} colspan="{len(_FINDING_HEADER)}">{escape(code)} '
            f"{_badge(worst.value)} <small>{escape(label)}</small></th></tr>"
        )
        parts.extend(_row(_finding_cells(finding)) for finding in group)
    if len(findings) > shown:
        parts.append(_more(len(findings) - shown, len(_FINDING_HEADER), "findings"))
    parts.append("</table>")
    return "".join(parts)


def _unchecked_table(notes: Sequence[Unchecked]) -> str:
    shown = min(len(notes), ROWS)
    header = ("path", "subject", "why it could not run")
    parts = [f"<table {_TABLE}>", _header(header)]
    for code, group in _grouped(notes, shown):
        parts.append(f'<tr><th {_GROUP} colspan="{len(header)}">{escape(code)}</th></tr>')
        parts.extend(
            _row(
                (
                    f"<code>{escape(note.path)}</code>",
                    escape(note.subject or ""),
                    escape(note.reason),
                )
            )
            for note in group
        )
    if len(notes) > shown:
        parts.append(_more(len(notes) - shown, len(header), "checks that could not run"))
    parts.append("</table>")
    return "".join(parts)


def report_html(report: Report) -> str:
    """Return the HTML display of a report.

    Its summary first, then the findings in a table grouped by rule, each
    with its severity in colour and its source linked to the legal text,
    then the checks that could not run for lack of data, grouped likewise.
    """
    parts = [f"<div><strong>Report</strong> {escape(report.summary())}</div>"]
    if report.findings:
        parts.append(f"<details open><summary>Findings ({len(report.findings)})</summary>")
        parts.append(_findings_table(report.findings))
        parts.append("</details>")
    if report.unchecked:
        count = len(report.unchecked)
        parts.append(f"<details open><summary>Not checked, for lack of data ({count})</summary>")
        parts.append(_unchecked_table(report.unchecked))
        parts.append("</details>")
    return _wrap("".join(parts))


# ---------------------------------------------------------------------------
# IPython's pretty printing

_INDENT = 4


def _block(p: PrettyPrinter, open: str, close: str, items: Sequence[Any]) -> None:  # noqa: A002 -- IPython's name
    """Write ``items`` (text, or values to pretty-print) between ``open`` and ``close``."""
    with p.group(_INDENT, open, close):
        p.breakable("")
        for position, item in enumerate(items):
            if position:
                p.text(",")
                p.breakable()
            if isinstance(item, str):
                p.text(item)
            elif isinstance(item, _Field | _Listed):
                item.write(p)
            else:
                _call(p, type(item).__name__, item)
        # the closing line is dedented: the break is made at the outer indentation
        p.indentation -= _INDENT
        p.breakable("")
        p.indentation += _INDENT


#: Strings longer than this are pretty-printed in pieces, one per line when they do not fit.
PRETTY_CHUNK = 60


class _Field:
    """A ``name=value`` item of a pretty-printed call; a long string is cut at spaces."""

    def __init__(self, name: str, value: object) -> None:
        self.name = name
        self.value = value

    def write(self, p: PrettyPrinter) -> None:
        p.text(f"{self.name}=")
        if not isinstance(self.value, str) or len(self.value) <= PRETTY_CHUNK:
            p.text(self.value if isinstance(self.value, _Raw) else repr(self.value))
            return
        pieces: list[str] = []
        current = ""
        for word in re.findall(r"\S+\s*|\s+", self.value):
            if current and len(current) + len(word) > PRETTY_CHUNK:
                pieces.append(current)
                current = ""
            current += word
        pieces.append(current)
        with p.group(1, "(", ")"):
            for position, piece in enumerate(pieces):
                if position:
                    p.breakable()
                p.text(repr(piece))


class _Raw(str):
    """Text written as it is, not as a repr."""

    __slots__ = ()


def _call(p: PrettyPrinter, name: str, value: Any) -> None:
    # by the names users give (a finding's "path", not the keys it keeps)
    fields = [
        _Field(field.alias, getattr(value, field.alias)) for field in attrs.fields(type(value))
    ]
    shown = [f for f in fields if f.value is not None]
    for f in shown:
        if isinstance(f.value, enum.Enum):
            f.value = _Raw(f"{type(f.value).__name__}.{f.value.name}")
    _block(p, f"{name}(", ")", shown)


def pretty_finding(finding: Finding, p: PrettyPrinter, cycle: bool) -> None:  # noqa: FBT001 -- IPython's protocol
    """Pretty-print a finding: its fields that are set, one per line when they do not fit."""
    if cycle:  # a finding holds no finding: kept for the protocol's sake
        p.text("Finding(...)")
        return
    _call(p, "Finding", finding)


def pretty_report(report: Report, p: PrettyPrinter, cycle: bool) -> None:  # noqa: FBT001 -- IPython's protocol
    """Pretty-print a report: its date and counts, then its findings and checks that could not run."""
    if cycle:
        p.text("Report(...)")
        return
    items: list[Any] = []
    if report.as_of is not None:
        items.append(f"as_of={report.as_of.isoformat()!r}")
    items.extend(f"{sev.value}s={n}" for sev, n in report.count_by_severity().items())
    for name, values in (("findings", report.findings), ("unchecked", report.unchecked)):
        if values:
            items.append(_Listed(name, values))
    with p.group(_INDENT, "Report(", ")"):
        p.breakable("")
        for position, item in enumerate(items):
            if position:
                p.text(",")
                p.breakable()
            if isinstance(item, str):
                p.text(item)
            else:
                item.write(p)
        p.indentation -= _INDENT
        p.breakable("")
        p.indentation += _INDENT


class _Listed:
    """A field of a report that lists findings or notes."""

    def __init__(self, name: str, values: Sequence[Any]) -> None:
        self.name = name
        self.values = values

    def write(self, p: PrettyPrinter) -> None:
        shown: list[Any] = list(self.values[:PRETTY_ITEMS])
        if len(self.values) > PRETTY_ITEMS:
            shown.append(f"... {len(self.values) - PRETTY_ITEMS} more")
        _block(p, f"{self.name}=[", "]", shown)
