"""What a run of rules gives: findings, checks that could not run, and the report."""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

import attrs

from ptcekit.errors import FieldTypeError, InvalidValueError
from ptcekit.model import validators as c
from ptcekit.rules import _display, _printer
from ptcekit.rules._paths import Keys, is_keys, path_key, render_path, to_keys
from ptcekit.rules._rule import Severity, _code, _to_severity, _tuple, _url

__all__ = ["Finding", "Report", "Unchecked"]


def _keys(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if is_keys(value):
        return
    where, name = type(inst).__name__, attribute.alias or attribute.name  # "path": what users give
    if type(value) is str:
        expected = "a path in wire names such as '$.actors[3].siren'"
        raise InvalidValueError(where, name, expected, value)
    if type(value) is tuple:
        expected = "a path as field names and indices such as ('actors', 3, 'siren')"
        raise InvalidValueError(where, name, expected, value)
    raise FieldTypeError(where, name, "a path (str)", value)


def _repr(value: Finding | Unchecked) -> str:
    """The repr attrs would write, with the path in wire names under the name users give it."""
    fields = attrs.fields(type(value))
    shown = ", ".join(
        f"{field.alias}={getattr(value, field.alias or field.name)!r}" for field in fields
    )
    return f"{type(value).__name__}({shown})"


@attrs.frozen(kw_only=True, repr=False)
class Finding:
    """One problem a rule found, pointing at the element that has it.

    Attributes:
        code: the code of the rule that found it, such as ``"PTCE001"``.
        severity: error, warning or info.
        message: what is wrong, in English, with the numbers.
        location: where, as keys and indices from the document's root, such
            as ``("poles", 0, "memberships", 2, "actor")``; given as ``path=``,
            either so or in wire names (``"$.poles[0].memberships[2].actor"``);
            ``path`` gives it in wire names.
        subject: the id of the record concerned, when there is one.
        source: the legal or other source of the rule (of the version of the
            law applied, for a rule with dated versions).
        url: where to read the source, when it is online.
        law: the version of the law applied, for a rule with dated versions
            (:attr:`LawVersion.label`).

    >>> f = Finding(code="ID001", severity="error", message="SIRET mismatch", path="$.actors[0].sirets[0]")
    >>> f.to_text()
    '$.actors[0].sirets[0]: ID001 error: SIRET mismatch'
    >>> f.location
    ('actors', 0, 'sirets', 0)
    """

    code: str = attrs.field(validator=_code)
    severity: Severity = attrs.field(converter=_to_severity, validator=c.Member(Severity))
    message: str = attrs.field(validator=c.Text(multiline=False))
    location: Keys = attrs.field(alias="path", converter=to_keys, validator=_keys)
    subject: str | None = attrs.field(
        default=None, validator=c.Text(optional=True, multiline=False)
    )
    source: str | None = attrs.field(default=None, validator=c.Text(optional=True, multiline=False))
    url: str | None = attrs.field(default=None, validator=_url)
    law: str | None = attrs.field(default=None, validator=c.Text(optional=True, multiline=False))

    def __repr__(self) -> str:
        return _repr(self)

    @functools.cached_property
    def path(self) -> str:
        """Where, in wire names, such as ``"$.poles[0].memberships[2].actor"``."""
        return render_path(self.location)

    def to_text(self) -> str:
        """Return the finding as one line, the way a linter prints it.

        The source comes last, in brackets, with the version of the law
        applied when the rule has dated versions (see
        :func:`~ptcekit.rules.format_finding`).
        """
        return _printer.format_finding(self)

    # rich displays for notebooks (rules/_display.py)

    def _repr_html_(self) -> str:
        return _display.finding_html(self)

    def _repr_pretty_(self, p: _display.PrettyPrinter, cycle: bool) -> None:  # noqa: FBT001 -- IPython's protocol
        _display.pretty_finding(self, p, cycle)

    def to_dict(self) -> dict[str, Any]:
        """Return the finding as a JSON-ready dict (``None`` fields left out)."""
        data: dict[str, Any] = {
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "path": self.path,
        }
        if self.subject is not None:
            data["subject"] = self.subject
        for key in ("source", "url", "law"):
            value = getattr(self, key)
            if value is not None:
                data[key] = value
        return data

    @classmethod
    def from_dict(cls, data: object, *, where: str = "Finding") -> Finding:
        """Build a finding from what :meth:`to_dict` gives.

        Args:
            data: a dict with the keys of :meth:`to_dict`.
            where: the name given to ``data`` in error messages.

        Raises:
            TypeError: (a :class:`~ptcekit.errors.FieldTypeError`) if ``data`` is no dict.
            ValueError: (an :class:`~ptcekit.errors.InvalidValueError`) for a missing,
                unknown or bad key.
        """
        if not isinstance(data, dict):
            raise FieldTypeError("Finding", where, "an object (dict) of finding fields", data)
        names = {field.alias for field in attrs.fields(cls)}
        unknown = sorted(set(data) - names)
        if unknown:
            raise InvalidValueError(
                "Finding", f"{where}.{unknown[0]}", "no unknown keys", unknown[0]
            )
        for required in ("code", "severity", "message", "path"):
            if required not in data:
                raise InvalidValueError(
                    "Finding", f"{where}.{required}", "the key to be present", None
                )
        try:
            return cls(**data)
        except (InvalidValueError, FieldTypeError) as error:
            raise type(error)(
                "Finding", f"{where}.{error.field}", error.expected, error.got
            ) from None


@attrs.frozen(kw_only=True, repr=False)
class Unchecked:
    """A check a rule could not run on one record, for lack of data.

    A report lists them so that "no finding" is never mistaken for "checked
    and found right".

    Attributes:
        code: the rule's code.
        location: the record or element that lacks the data, as keys and
            indices; given as ``path=``, either so or in wire names;
            ``path`` gives it in wire names.
        reason: what is missing, in English.
        subject: the id of the record concerned, when there is one.

    >>> Unchecked(code="SCIC002", path="$.actors[2]", reason="no associés recorded").to_text()
    '$.actors[2]: SCIC002 not checked: no associés recorded'
    """

    code: str = attrs.field(validator=_code)
    location: Keys = attrs.field(alias="path", converter=to_keys, validator=_keys)
    reason: str = attrs.field(validator=c.Text(multiline=False))
    subject: str | None = attrs.field(
        default=None, validator=c.Text(optional=True, multiline=False)
    )

    def __repr__(self) -> str:
        return _repr(self)

    @functools.cached_property
    def path(self) -> str:
        """The location in wire names, such as ``"$.actors[2]"``."""
        return render_path(self.location)

    def to_text(self) -> str:
        """Return it as one line, the way :meth:`Finding.to_text` prints findings."""
        return _printer.format_unchecked(self)

    def to_dict(self) -> dict[str, Any]:
        """Return it as a JSON-ready dict (``subject`` left out when ``None``)."""
        data: dict[str, Any] = {"code": self.code, "path": self.path, "reason": self.reason}
        if self.subject is not None:
            data["subject"] = self.subject
        return data

    @classmethod
    def from_dict(cls, data: object, *, where: str = "Unchecked") -> Unchecked:
        """Build it from what :meth:`to_dict` gives.

        Raises:
            TypeError: (a :class:`~ptcekit.errors.FieldTypeError`) if ``data`` is no dict.
            ValueError: (an :class:`~ptcekit.errors.InvalidValueError`) for a missing,
                unknown or bad key.
        """
        if not isinstance(data, dict):
            raise FieldTypeError("Unchecked", where, "an object (dict) of its fields", data)
        unknown = sorted(set(data) - {"code", "path", "reason", "subject"})
        if unknown:
            raise InvalidValueError(
                "Unchecked", f"{where}.{unknown[0]}", "no unknown keys", unknown[0]
            )
        for required in ("code", "path", "reason"):
            if required not in data:
                raise InvalidValueError(
                    "Unchecked", f"{where}.{required}", "the key to be present", None
                )
        try:
            return cls(**data)
        except (InvalidValueError, FieldTypeError) as error:
            raise type(error)(
                "Unchecked", f"{where}.{error.field}", error.expected, error.got
            ) from None


def _finding_key(finding: Finding) -> tuple[Any, ...]:
    return (
        path_key(finding.location),
        finding.code,
        -finding.severity.rank,
        finding.message,
        finding.subject or "",
        finding.source or "",
    )


def _sorted_findings(value: Iterable[Finding]) -> tuple[Finding, ...]:
    items = _tuple(value)
    if type(items) is not tuple or not all(isinstance(item, Finding) for item in items):
        return items  # type: ignore[no-any-return]  # the validator names what is wrong
    return tuple(sorted(items, key=_finding_key))


def _unchecked_key(note: Unchecked) -> tuple[Any, ...]:
    return (path_key(note.location), note.code, note.reason, note.subject or "")


def _sorted_unchecked(value: Iterable[Unchecked]) -> tuple[Unchecked, ...]:
    items = _tuple(value)
    if type(items) is not tuple or not all(isinstance(item, Unchecked) for item in items):
        return items  # type: ignore[no-any-return]  # the validator names what is wrong
    return tuple(sorted(set(items), key=_unchecked_key))


def _codes(value: Iterable[str]) -> tuple[str, ...]:
    return _tuple(value)  # type: ignore[no-any-return]  # the validator checks the items


def _prefixes(value: str | Iterable[str] | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    if isinstance(value, str):
        return (value,)
    return tuple(value)


@attrs.frozen(kw_only=True, repr=False)
class Report:
    """What :func:`~ptcekit.rules.validate` found, in a deterministic order.

    Findings are sorted by their place in the document (actors, pôles,
    assets, agreements, then the fields inside), then by code.

    Attributes:
        findings: the findings.
        as_of: the date the rules ran "as of".
        rules: the codes of the rules that ran (a rule whose law was not in
            force on ``as_of`` does not run).
        unchecked: the checks that could not run for lack of data, in the
            same order as findings.

    >>> report = Report(findings=(), as_of=dt.date(2024, 1, 1), rules=("PTCE001",))
    >>> report.ok
    True
    >>> print(report.to_text())
    All checks passed (1 rule, as of 2024-01-01).
    """

    findings: tuple[Finding, ...] = attrs.field(
        default=(), converter=_sorted_findings, validator=c.tuple_of_type(Finding)
    )
    as_of: dt.date | None = attrs.field(default=None, validator=c.Date(optional=True))
    rules: tuple[str, ...] = attrs.field(
        default=(), converter=_codes, validator=c.TupleOf(_code, what="rule codes")
    )
    unchecked: tuple[Unchecked, ...] = attrs.field(
        default=(), converter=_sorted_unchecked, validator=c.tuple_of_type(Unchecked)
    )

    def __iter__(self) -> Iterator[Finding]:
        return iter(self.findings)

    def __repr__(self) -> str:
        counts = self.count_by_severity()
        parts = ", ".join(f"{severity.value}s={counts[severity]}" for severity in counts)
        as_of = f"as_of={self.as_of.isoformat()!r}, " if self.as_of else ""
        unchecked = f", unchecked={len(self.unchecked)}" if self.unchecked else ""
        return f"Report({as_of}{parts}{unchecked})"

    # rich displays for notebooks (rules/_display.py)

    def _repr_html_(self) -> str:
        return _display.report_html(self)

    def _repr_pretty_(self, p: _display.PrettyPrinter, cycle: bool) -> None:  # noqa: FBT001 -- IPython's protocol
        _display.pretty_report(self, p, cycle)

    @property
    def ok(self) -> bool:
        """Whether no finding is an error."""
        return all(finding.severity is not Severity.ERROR for finding in self.findings)

    @property
    def complete(self) -> bool:
        """Whether every applicable check ran (nothing in :attr:`unchecked`)."""
        return not self.unchecked

    def count_by_severity(self) -> dict[Severity, int]:
        """Return how many findings have each severity, most severe first (zeros included)."""
        counts = Counter(finding.severity for finding in self.findings)
        return {severity: counts[severity] for severity in sorted(Severity, reverse=True)}

    def count_by_code(self) -> dict[str, int]:
        """Return how many findings each code has, in code order."""
        counts = Counter(finding.code for finding in self.findings)
        return {code: counts[code] for code in sorted(counts)}

    def counts(self) -> dict[str, dict[str, int]]:
        """Return both counts: ``{"severity": {...}, "code": {...}}``, with string keys."""
        return {
            "severity": {sev.value: n for sev, n in self.count_by_severity().items()},
            "code": self.count_by_code(),
        }

    def filter(
        self,
        *,
        severity: Severity | str | Iterable[Severity | str] | None = None,
        at_least: Severity | str | None = None,
        code: str | Iterable[str] | None = None,
        subject: str | None = None,
    ) -> Report:
        """Return a report with the findings that pass every given filter.

        The filters by code and by subject apply to :attr:`unchecked` too;
        the filters by severity do not, since a check that could not run has
        no severity.

        Args:
            severity: keep these severities only (one or several).
            at_least: keep findings at least this severe.
            code: keep codes that are, or start with, this code or prefix (or
                one of these).
            subject: keep findings about the record with this id.

        Raises:
            ValueError: (an :class:`~ptcekit.errors.InvalidValueError`) for an
                unknown severity.
        """
        kept = self.findings
        if severity is not None:
            wanted = {
                _severity_arg("severity", value)
                for value in ((severity,) if isinstance(severity, str) else severity)
            }
            kept = tuple(f for f in kept if f.severity in wanted)
        if at_least is not None:
            floor = _severity_arg("at_least", at_least)
            kept = tuple(f for f in kept if f.severity >= floor)
        prefixes = _prefixes(code)
        if prefixes is not None:
            kept = tuple(f for f in kept if f.code.startswith(prefixes))
        skipped = self.unchecked
        if prefixes is not None:
            skipped = tuple(u for u in skipped if u.code.startswith(prefixes))
        if subject is not None:
            kept = tuple(f for f in kept if f.subject == subject)
            skipped = tuple(u for u in skipped if u.subject == subject)
        return attrs.evolve(self, findings=kept, unchecked=skipped)

    def summary(self) -> str:
        """Return the last line of :meth:`to_text`: the counts, the rules and the date.

        It says "All checks passed" only when there is no finding and every
        applicable check ran; otherwise it says how many checks could not run
        (see :func:`~ptcekit.rules.format_summary`).
        """
        return _printer.format_summary(self)

    def to_text(self) -> str:
        """Return the report the way a linter prints it.

        One line per finding, then one per check that could not run
        (``… not checked: why``), then the summary (see
        :func:`~ptcekit.rules.format_report`).
        """
        return _printer.format_report(self)

    def to_dict(self) -> dict[str, Any]:
        """Return the report as a JSON-ready dict.

        ``ok``, ``complete`` and ``counts`` are derived, for readers;
        :meth:`from_dict` checks them against the findings and the checks
        that could not run.
        """
        return {
            "as_of": None if self.as_of is None else self.as_of.isoformat(),
            "ok": self.ok,
            "complete": self.complete,
            "counts": self.counts(),
            "rules": list(self.rules),
            "findings": [finding.to_dict() for finding in self.findings],
            "unchecked": [note.to_dict() for note in self.unchecked],
        }

    @classmethod
    def from_dict(cls, data: object) -> Report:
        """Build a report from what :meth:`to_dict` gives.

        Raises:
            TypeError: (a :class:`~ptcekit.errors.FieldTypeError`) for a value of the wrong type.
            ValueError: (an :class:`~ptcekit.errors.InvalidValueError`) for a bad or
                unknown key, naming where.
        """
        if not isinstance(data, dict):
            raise FieldTypeError("Report", "$", "an object (dict)", data)
        known = {"as_of", "ok", "complete", "counts", "rules", "findings", "unchecked"}
        unknown = sorted(set(data) - known)
        if unknown:
            raise InvalidValueError("Report", unknown[0], "no unknown keys", unknown[0])
        findings = data.get("findings", [])
        if not isinstance(findings, list):
            raise FieldTypeError("Report", "findings", "a list of findings", findings)
        rules = data.get("rules", [])
        if not isinstance(rules, list):
            raise FieldTypeError("Report", "rules", "a list of rule codes", rules)
        unchecked = data.get("unchecked", [])
        if not isinstance(unchecked, list):
            raise FieldTypeError("Report", "unchecked", "a list of unchecked notes", unchecked)
        report = cls(
            findings=tuple(
                Finding.from_dict(item, where=f"findings[{position}]")
                for position, item in enumerate(findings)
            ),
            as_of=_date_arg(data.get("as_of")),
            rules=tuple(rules),
            unchecked=tuple(
                Unchecked.from_dict(item, where=f"unchecked[{position}]")
                for position, item in enumerate(unchecked)
            ),
        )
        derived_keys = (
            ("ok", report.ok, "the findings give"),
            ("complete", report.complete, "the unchecked list gives"),
            ("counts", report.counts(), "the findings give"),
        )
        for key, derived, origin in derived_keys:
            if key in data and data[key] != derived:
                raise InvalidValueError("Report", key, f"{derived!r}, as {origin}", data[key])
        return report

    def to_json(self, *, indent: int | None = 2) -> str:
        """Return the report as JSON (see :meth:`to_dict`)."""
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str | bytes) -> Report:
        """Read a report from the JSON :meth:`to_json` writes.

        Raises:
            ValueError: (an :class:`~ptcekit.errors.InvalidValueError`) for text that
                is not JSON, or a report that is not valid.
            TypeError: (a :class:`~ptcekit.errors.FieldTypeError`) for a value of the
                wrong type.
        """
        try:
            data = json.loads(text)
        except (ValueError, TypeError) as error:
            raise InvalidValueError("Report", "$", f"JSON text ({error})", text) from None
        return cls.from_dict(data)


def _severity_arg(name: str, value: object) -> Severity:
    severity = c.enum_member(Severity, value) if isinstance(value, str) else value
    if not isinstance(severity, Severity):
        choices = ", ".join(repr(s.value) for s in Severity)
        raise InvalidValueError("Report", name, f"one of {choices}", value)
    return severity


def _date_arg(value: object) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise InvalidValueError(
        "Report", "as_of", "an ISO 8601 date such as '2024-06-30', or null", value
    )
