"""One result for one document: whether it loaded, its load problems, its findings, what was not checked.

:func:`check` reads a document (bytes, text, a file or an
:class:`~ptcekit.model.Ecosystem` already built), validates it if it loads,
and returns an :class:`Envelope`: what an application returns for an upload,
and what ``ptcekit validate --format json`` writes, one per file. Its JSON
(:meth:`Envelope.to_dict`) follows a JSON Schema of its own, shipped with
ptcekit (:func:`envelope_schema`).

>>> import ptcekit
>>> result = ptcekit.check(b'{"ptcekit": "1", "actors": [{"type": "asociation", "id": "a", "name": "A"}]}')
>>> result.status, result.ok, len(result.problems)
('load-error', False, 1)
>>> result.to_dict()["problems"][0]["pointer"]
'/actors/0/type'
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib.resources
import json
import os
import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, Final, Literal

import attrs

from ptcekit import plugins, serialize
from ptcekit import rules as rules_layer
from ptcekit._version import __version__
from ptcekit.errors import FieldTypeError, InvalidValueError, LoadError, Problem
from ptcekit.model import Ecosystem

__all__ = ["ENVELOPE_VERSION", "Envelope", "Status", "check", "envelope_schema", "pointer"]

#: The version of the envelope's format; it changes only when a reader must change.
ENVELOPE_VERSION: Final = "1"
#: The key that carries :data:`ENVELOPE_VERSION` in every envelope.
ENVELOPE_KEY: Final = "ptcekit_result"
#: What happened to the document: read, loaded and checked; refused by the loader; not read at all.
Status = Literal["checked", "load-error", "read-error"]

#: The page of the rule catalogue, relative to the documentation's root.
CATALOGUE_PAGE: Final = "reference/rules.html"

_STEP = re.compile(r"\.([A-Za-z_][A-Za-z0-9_:]*)|\[([0-9]+)\]")


def pointer(path: str) -> str:
    """Return the JSON Pointer (RFC 6901) of a path in wire names.

    >>> pointer("$.actors[3].siren"), pointer("$")
    ('/actors/3/siren', '')
    """
    parts = [
        name if name is not None and name != "" else index for name, index in _STEP.findall(path)
    ]
    return "".join("/" + part.replace("~", "~0").replace("/", "~1") for part in parts)


def _problem(problem: Problem) -> dict[str, Any]:
    """A load problem as the envelope writes it: code, severity, path, JSON Pointer and message."""
    return problem.to_dict()


@functools.cache
def _builtin_codes() -> frozenset[str]:
    return frozenset(rules_layer.builtin_rules().codes)


def _lookup(known: rules_layer.RuleSet, code: str) -> rules_layer.Rule | None:
    # RuleSet is no Mapping (it has no get): look the code up, then index
    if code not in known:
        return None
    return known[code]


def _finding(finding: rules_layer.Finding, known: rules_layer.RuleSet) -> dict[str, Any]:
    data = finding.to_dict()
    data["pointer"] = pointer(finding.path)
    rule = _lookup(known, finding.code)
    data["title"] = None if rule is None else rule.title
    anchor = f"rule-{finding.code.lower()}" if finding.code in _builtin_codes() else None
    data["anchor"] = anchor
    data["doc"] = None if anchor is None else f"{CATALOGUE_PAGE}#{anchor}"
    return data


def _rule_run(code: str, known: rules_layer.RuleSet, as_of: dt.date) -> dict[str, Any]:
    rule = _lookup(known, code)
    if rule is None:
        return {"code": code, "title": None, "version": None, "origin": "unknown"}
    version = rule.version_on(as_of)
    return {
        "code": code,
        "title": rule.title,
        "version": None if version is None else version.label,
        "origin": "ptcekit" if code in _builtin_codes() else "plugin",
    }


@attrs.frozen(kw_only=True, repr=False)
class Envelope:
    """The result of checking one document: loaded or not, its problems, findings and notes.

    Attributes:
        file: the file it came from (``"-"`` for standard input), or ``None``.
        status: ``"checked"``, ``"load-error"`` (the loader refused it) or
            ``"read-error"`` (it could not be read at all).
        problems: the load problems (none once it loaded).
        unreadable: why the file could not be read at all (``status="read-error"``).
        truncated: whether the loader stopped collecting problems (at its
            ``max_problems``), so that the document may hold more.
        report: the report of the rules, when it loaded.
        rules: the rule set it was checked against.
        ecosystem: the document, when it loaded (not written in :meth:`to_dict`).
        fail_on: the lowest severity that makes :attr:`ok` false.
    """

    file: str | None = None
    status: Status
    problems: tuple[Problem, ...] = ()
    unreadable: str | None = None
    truncated: bool = False
    report: rules_layer.Report | None = None
    rules: rules_layer.RuleSet | None = None
    ecosystem: Ecosystem | None = attrs.field(default=None, eq=False)
    fail_on: rules_layer.Severity = rules_layer.Severity.ERROR

    def __repr__(self) -> str:
        counts = "" if self.report is None else f", findings={len(self.report.findings)}"
        return (
            f"Envelope(file={self.file!r}, status={self.status!r}, "
            f"problems={len(self.problems)}{counts})"
        )

    @property
    def loaded(self) -> bool:
        """Whether the document loaded (and so was checked)."""
        return self.report is not None

    @property
    def ok(self) -> bool:
        """Whether it loaded and no finding reached :attr:`fail_on`."""
        return self.report is not None and not self.report.filter(at_least=self.fail_on).findings

    def counts(self) -> dict[str, Any]:
        """Return the counts: load problems, findings by severity and by code, checks not run."""
        by_severity = {severity.value: 0 for severity in sorted(rules_layer.Severity, reverse=True)}
        by_code: dict[str, int] = {}
        unchecked = 0
        if self.report is not None:
            counted = self.report.counts()
            by_severity = counted["severity"]
            by_code = counted["code"]
            unchecked = len(self.report.unchecked)
        return {
            "problems": len(self._problems()),
            "findings": sum(by_severity.values()),
            "severity": by_severity,
            "code": by_code,
            "unchecked": unchecked,
        }

    def to_dict(self) -> dict[str, Any]:
        """Return the envelope as JSON-ready data, as :func:`envelope_schema` describes it."""
        report = self.report
        known = self.rules if self.rules is not None else rules_layer.RuleSet(())
        as_of = None if report is None else report.as_of
        return {
            ENVELOPE_KEY: ENVELOPE_VERSION,
            "ptcekit": __version__,
            "file": self.file,
            "status": self.status,
            "loaded": self.loaded,
            "ok": self.ok,
            "complete": report is not None and report.complete,
            "fail_on": self.fail_on.value,
            "as_of": None if as_of is None else as_of.isoformat(),
            "counts": self.counts(),
            "truncated": self.truncated,
            "problems": self._problems(),
            "findings": [] if report is None else [_finding(f, known) for f in report.findings],
            "unchecked": [] if report is None else [note.to_dict() for note in report.unchecked],
            "rules": []
            if report is None or as_of is None
            else [_rule_run(code, known, as_of) for code in report.rules],
            "plugins": [plugin.to_dict() for plugin in plugins.load()],
        }

    def _problems(self) -> list[dict[str, Any]]:
        if self.unreadable is not None:
            # not a load problem: no code of the load-problem catalogue applies
            return [
                {
                    "code": None,
                    "severity": "error",
                    "path": "$",
                    "pointer": "",
                    "message": self.unreadable,
                }
            ]
        return [_problem(problem) for problem in self.problems]

    def to_json(self, *, indent: int | None = None) -> str:
        """Return :meth:`to_dict` as JSON text (one line by default)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)


def _default_loader(source: bytes | str | os.PathLike[str]) -> Ecosystem:
    """Read ``source`` with :func:`ptcekit.serialize.load` (a path) or :func:`ptcekit.serialize.loads`."""
    if isinstance(source, os.PathLike):
        loaded: Ecosystem = serialize.load(Path(source))
        return loaded
    return serialize.loads(source)


def _severity(value: object) -> rules_layer.Severity:
    if isinstance(value, rules_layer.Severity):
        return value
    if isinstance(value, str):
        try:
            return rules_layer.Severity(value)
        except ValueError:
            pass
    expected = "one of 'error', 'warning', 'info'"
    raise InvalidValueError("check", "fail_on", expected, value)


def check(
    source: bytes | str | os.PathLike[str] | Ecosystem,
    *,
    file: str | None = None,
    rules: object = None,
    as_of: dt.date | None = None,
    fail_on: rules_layer.Severity | str = rules_layer.Severity.ERROR,
    loader: Callable[[bytes | str | os.PathLike[str]], Ecosystem] | None = None,
) -> Envelope:
    """Load a document if need be, check it, and return the one result an app stores or sends.

    Args:
        source: the document as bytes or text, the path of a file, or an
            :class:`~ptcekit.model.Ecosystem` already built.
        file: the name to give it in the result; the path's text for a path.
        rules: the rules (as :func:`~ptcekit.rules.validate` takes them);
            :func:`~ptcekit.rules.default_rules` when ``None``. Build them
            once and pass them on each call: they are immutable.
        as_of: the date the rules run "as of" (see :func:`~ptcekit.rules.validate`).
        fail_on: the lowest severity that makes the result not :attr:`~Envelope.ok`.
        loader: what reads ``source`` (by default :func:`ptcekit.load <ptcekit.serialize.load>` for a
            path, :func:`ptcekit.loads <ptcekit.serialize.loads>` otherwise); it raises
            :class:`~ptcekit.errors.LoadError` or :class:`OSError`.

    Returns:
        The envelope: with ``status="checked"`` and the report when the
        document loaded; ``"load-error"`` and every load problem when the
        loader refused it; ``"read-error"`` and one problem when it could not
        be read. Never raises for a bad document.

    Raises:
        TypeError: (a :class:`~ptcekit.errors.FieldTypeError`) for ``rules`` or
            ``as_of`` of the wrong type.
        ValueError: (an :class:`~ptcekit.errors.InvalidValueError`) for a bad ``fail_on``.
    """
    threshold = _severity(fail_on)
    rule_set = _rule_set(rules)
    if isinstance(source, os.PathLike) and file is None:
        file = os.fspath(source)
    if isinstance(source, Ecosystem):
        ecosystem = source
    else:
        try:
            ecosystem = (loader or _default_loader)(source)
        except LoadError as error:
            return Envelope(
                file=file,
                status="load-error",
                problems=error.problems,
                truncated=bool(getattr(error, "truncated", False)),
                rules=rule_set,
                fail_on=threshold,
            )
        except OSError as error:
            return Envelope(
                file=file,
                status="read-error",
                unreadable=f"cannot be read: {error.strerror or error}",
                rules=rule_set,
                fail_on=threshold,
            )
    report = rules_layer.validate(ecosystem, rules=rule_set, as_of=as_of)
    return Envelope(
        file=file,
        status="checked",
        report=report,
        rules=rule_set,
        ecosystem=ecosystem,
        fail_on=threshold,
    )


def _rule_set(rules: object) -> rules_layer.RuleSet:
    """``rules`` as a set (as :func:`~ptcekit.rules.validate` takes them); the default rules for ``None``."""
    if rules is None:
        return rules_layer.default_rules()
    if isinstance(rules, rules_layer.RuleSet):
        return rules
    if isinstance(rules, rules_layer.Rule):
        return rules_layer.RuleSet((rules,))
    if isinstance(rules, Iterable) and not isinstance(rules, str | bytes | Mapping):
        items = tuple(rules)
        if all(isinstance(item, rules_layer.Rule) for item in items):
            return rules_layer.RuleSet(items)
    raise FieldTypeError("check", "rules", "a RuleSet, a Rule or an iterable of Rules", rules)


@functools.cache
def envelope_schema() -> dict[str, Any]:
    """Return the JSON Schema (draft 2020-12) of :meth:`Envelope.to_dict`, shipped with ptcekit.

    >>> envelope_schema()["properties"]["ptcekit_result"]["const"]
    '1'
    """
    text = importlib.resources.files("ptcekit").joinpath("envelope.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema
