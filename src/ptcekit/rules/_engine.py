"""The rule engine: rules as data, their findings, reports, rule sets and plugins."""

from __future__ import annotations

import datetime as dt
import enum
import functools
import importlib.metadata
import itertools
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from fractions import Fraction
from types import MappingProxyType
from typing import Any, Final

import attrs

from ptcekit.errors import FieldTypeError, InvalidValueError, PtcekitError, UnknownIdError
from ptcekit.model import (
    Actor,
    Ecosystem,
    Membership,
    MutualisedAsset,
    PartnershipAgreement,
    Pole,
    Record,
)
from ptcekit.model import validators as c
from ptcekit.rules import _display

__all__ = [
    "ENTRY_POINT_GROUP",
    "Confidence",
    "Context",
    "Example",
    "Finding",
    "LawVersion",
    "Member",
    "PluginError",
    "Report",
    "Rule",
    "RuleError",
    "RuleKind",
    "RuleSet",
    "Severity",
    "Unchecked",
    "UnknownRuleError",
    "load_plugins",
    "run_rules",
]

#: The entry-point group third-party packages declare their rules under.
ENTRY_POINT_GROUP: Final = "ptcekit.rules"

#: A rule code: capital letters, then digits, such as ``"PTCE001"`` or ``"AURA12"``.
CODE_PATTERN: Final = re.compile(r"[A-Z][A-Z0-9_]*[0-9]")
#: A path to an element of a document in wire names, such as ``"$.actors[3].siren"``.
PATH_PATTERN: Final = re.compile(r"\$(?:\.[A-Za-z_][A-Za-z0-9_:]*|\[[0-9]+\])*")
#: The lists of a document, in document order.
RECORD_LISTS: Final = ("actors", "poles", "assets", "agreements", "meetings")


# ---------------------------------------------------------------------------
# errors


class RuleError(PtcekitError, ValueError):
    """A rule or a rule set cannot be built as asked (a repeated code, a bad field)."""


class UnknownRuleError(PtcekitError, KeyError):
    """No rule has the code, or no rule matches the code or prefix, asked for.

    Attributes:
        pattern: the code or prefix looked up.
    """

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        super().__init__(pattern)

    def __str__(self) -> str:
        return f"no rule has the code or prefix {self.pattern!r}"

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.pattern,))


class PluginError(PtcekitError, ImportError):
    """A rule plugin (an entry point of the group ``ptcekit.rules``) cannot be used.

    Attributes:
        entry_point: the entry point's name.
        target: what it points to, such as ``"my_pkg.rules:RULES"``.
        reason: why it cannot be used.
    """

    def __init__(self, entry_point: str, target: str, reason: str) -> None:
        self.entry_point = entry_point
        self.target = target
        self.reason = reason
        message = (
            f"rule plugin {entry_point!r} ({target}) of entry-point group "
            f"{ENTRY_POINT_GROUP!r}: {reason}"
        )
        super().__init__(message)

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.entry_point, self.target, self.reason))


# ---------------------------------------------------------------------------
# vocabularies


class Severity(enum.StrEnum):
    """How serious a finding is; ordered, ``INFO < WARNING < ERROR``.

    >>> Severity.WARNING < Severity.ERROR
    True
    >>> max([Severity.INFO, Severity.ERROR, Severity.WARNING])
    <Severity.ERROR: 'error'>
    """

    ERROR = "error"
    """The document breaks a rule: the law, a funding criterion, or arithmetic."""
    WARNING = "warning"
    """Questionable, or a rule whose source is not confirmed."""
    INFO = "info"
    """Worth knowing; nothing to fix."""

    @property
    def rank(self) -> int:
        """0 for info, 1 for warning, 2 for error."""
        return _RANK[self]

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank < other.rank

    def __le__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank <= other.rank

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank > other.rank

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank >= other.rank


_RANK: Final = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


class RuleKind(enum.StrEnum):
    """What kind of requirement a rule checks: the law itself, a funding criterion, a data rule."""

    LEGAL = "legal"
    """A hard statutory requirement."""
    LEGAL_CONDITIONAL = "legal_conditional"
    """Legal, but only when an option is chosen (for example weighted colleges)."""
    FUNDING = "funding"
    """An eligibility criterion for a State call or AMI, not the legal definition."""
    APPROVAL = "approval"
    """A condition for the ESUS agrément."""
    FORMAT = "format"
    """A data rule: identifiers, references, arithmetic of shares."""
    HEURISTIC = "heuristic"
    """A recommendation or an inference."""


class Confidence(enum.StrEnum):
    """How well a rule's reading of its source is established, said in words.

    >>> Confidence.CONFIRMED.words
    'confirmed in the text'
    >>> Confidence("high")  # the names of ptcekit 0.1 are still read
    <Confidence.CONFIRMED: 'confirmed'>
    """

    CONFIRMED = "confirmed"
    """The rule states what the legal text itself says, seen in an official copy."""
    READING = "reading"
    """The rule is a reading of the text (an interpretation, a convention, a
    heuristic), or rests on reliable secondary sources."""
    UNCONFIRMED = "unconfirmed"
    """The article or its wording has not been confirmed: such a rule is at most a warning."""

    @property
    def words(self) -> str:
        """The confidence as a reader sees it.

        "confirmed in the text", "reading of the text" or "not confirmed".
        """
        return _WORDS[self]

    @classmethod
    def _missing_(cls, value: object) -> Confidence | None:
        # the labels of ptcekit 0.1, still read so that 0.1 plugins keep working
        return _LEGACY_CONFIDENCE.get(value) if isinstance(value, str) else None


_WORDS: Final = {
    Confidence.CONFIRMED: "confirmed in the text",
    Confidence.READING: "reading of the text",
    Confidence.UNCONFIRMED: "not confirmed",
}
_LEGACY_CONFIDENCE: Final = {
    "high": Confidence.CONFIRMED,
    "medium": Confidence.READING,
    "low": Confidence.READING,
}


def _to_severity(value: Severity | str) -> Severity:
    return c.enum_member(Severity, value)


def _to_kind(value: RuleKind | str) -> RuleKind:
    return c.enum_member(RuleKind, value)


def _to_confidence(value: Confidence | str) -> Confidence:
    return c.enum_member(Confidence, value)


def _tuple(value: Any) -> Any:
    """Turn an iterable but a string or a mapping into a tuple; leave anything else for the validator."""
    if isinstance(value, tuple | str | bytes | Mapping):
        return value
    if isinstance(value, Iterable):
        return tuple(value)
    return value


def _code(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is not str:
        c.fail_type(inst, attribute, "a rule code (str)", value)
    if CODE_PATTERN.fullmatch(value) is None:
        c.fail(
            inst, attribute, "a rule code of capital letters then digits, such as 'PTCE001'", value
        )


def _path(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is not str:
        c.fail_type(inst, attribute, "a path (str)", value)
    if PATH_PATTERN.fullmatch(value) is None:
        c.fail(inst, attribute, "a path in wire names such as '$.actors[3].siren'", value)


#: A web address of a source: ``http`` or ``https``, no spaces.
URL_PATTERN: Final = re.compile(r"https?://[^\s/]+(?:/\S*)?")


def _url(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if type(value) is not str:
        c.fail_type(inst, attribute, "a web address (str) or None", value)
    if URL_PATTERN.fullmatch(value) is None:
        c.fail(inst, attribute, "a web address starting with 'https://' or 'http://'", value)


def _params(value: object) -> object:
    if isinstance(value, Mapping):
        return MappingProxyType(dict(value))
    return value  # not a mapping: the validator says so


def _params_check(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, MappingProxyType) or not all(type(key) is str for key in value):
        c.fail_type(inst, attribute, "a mapping of parameter names (str) to values", value)


@attrs.frozen(kw_only=True)
class LawVersion:
    """One version of the law a rule checks, with the dates it was in force.

    A rule whose threshold or population changed over time lists its
    versions (see :attr:`Rule.versions`); the engine runs the rule with the
    version in force on the report's date (:attr:`Context.law`) and each
    finding says which version it applied.

    Attributes:
        label: the version in a few words, as findings show it, such as
            ``"since loi n° 2014-856"``.
        start: the first day it is in force; ``None`` for "since ever".
        end: the day it stops being in force (it is no longer in force that
            day); ``None`` for "still in force".
        source: the text of that version: code or law, article, alinéa.
        url: where to read it (Légifrance or the official page), if online.
        params: the version's parameters, such as ``{"cap": Fraction(1, 2)}``,
            for the rule's check to read.

    >>> v = LawVersion(label="since loi n° 2014-856", start=dt.date(2014, 8, 2),
    ...     source="Loi n° 47-1775, art. 19 septies", params={"cap": Fraction(1, 2)})
    >>> v.in_force_on(dt.date(2014, 8, 1)), v.in_force_on(dt.date(2014, 8, 2))
    (False, True)
    """

    label: str = attrs.field(validator=c.Text(multiline=False))
    start: dt.date | None = attrs.field(default=None, validator=c.Date(optional=True))
    end: dt.date | None = attrs.field(default=None, validator=c.Date(optional=True))
    source: str = attrs.field(validator=c.Text(multiline=False))
    url: str | None = attrs.field(default=None, validator=_url)
    params: Mapping[str, Any] = attrs.field(
        factory=dict, converter=_params, validator=_params_check, hash=False
    )

    def __attrs_post_init__(self) -> None:
        if self.start is not None and self.end is not None and self.end <= self.start:
            message = f"a date after its start ({self.start.isoformat()})"
            raise InvalidValueError("LawVersion", "end", message, self.end)

    def in_force_on(self, day: dt.date) -> bool:
        """Return whether this version is in force on ``day``."""
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


def _versions(value: Iterable[LawVersion]) -> tuple[LawVersion, ...]:
    return _tuple(value)  # type: ignore[no-any-return]  # the validator checks the items


def _versions_check(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    c.tuple_of_type(LawVersion)(inst, attribute, value)
    versions: tuple[LawVersion, ...] = value  # type: ignore[assignment]  # checked just above
    for before, after in itertools.pairwise(versions):
        if before.end is None or after.start is None or after.start < before.end:
            message = (
                "versions in date order that do not overlap "
                f"({before.label!r} must end on or before {after.label!r} starts)"
            )
            c.fail(inst, attribute, message, after.label)


# ---------------------------------------------------------------------------
# findings


@attrs.frozen(kw_only=True)
class Finding:
    """One problem a rule found, pointing at the element that has it.

    Attributes:
        code: the code of the rule that found it, such as ``"PTCE001"``.
        severity: error, warning or info.
        message: what is wrong, in English, with the numbers.
        path: where, in wire names: ``"$.poles[0].memberships[2].actor"``.
        subject: the id of the record concerned, when there is one.
        source: the legal or other source of the rule (of the version of the
            law applied, for a rule with dated versions).
        url: where to read the source, when it is online.
        law: the version of the law applied, for a rule with dated versions
            (:attr:`LawVersion.label`).

    >>> f = Finding(code="ID001", severity="error", message="SIRET mismatch", path="$.actors[0].sirets[0]")
    >>> f.to_text()
    '$.actors[0].sirets[0]: ID001 error: SIRET mismatch'
    """

    code: str = attrs.field(validator=_code)
    severity: Severity = attrs.field(converter=_to_severity, validator=c.Member(Severity))
    message: str = attrs.field(validator=c.Text(multiline=False))
    path: str = attrs.field(validator=_path)
    subject: str | None = attrs.field(
        default=None, validator=c.Text(optional=True, multiline=False)
    )
    source: str | None = attrs.field(default=None, validator=c.Text(optional=True, multiline=False))
    url: str | None = attrs.field(default=None, validator=_url)
    law: str | None = attrs.field(default=None, validator=c.Text(optional=True, multiline=False))

    def to_text(self) -> str:
        """Return the finding as one line, the way a linter prints it.

        The source comes last, in brackets, with the version of the law
        applied when the rule has dated versions.
        """
        line = f"{self.path}: {self.code} {self.severity.value}: {self.message}"
        cited = "; ".join(part for part in (self.source, self.law) if part)
        return f"{line} [{cited}]" if cited else line

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
        names = {field.name for field in attrs.fields(cls)}
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


@attrs.frozen(kw_only=True)
class Unchecked:
    """A check a rule could not run on one record, for lack of data.

    A report lists them so that "no finding" is never mistaken for "checked
    and found right".

    Attributes:
        code: the rule's code.
        path: the record or element that lacks the data, in wire names.
        reason: what is missing, in English.
        subject: the id of the record concerned, when there is one.

    >>> Unchecked(code="SCIC002", path="$.actors[2]", reason="no associés recorded").to_text()
    '$.actors[2]: SCIC002 not checked: no associés recorded'
    """

    code: str = attrs.field(validator=_code)
    path: str = attrs.field(validator=_path)
    reason: str = attrs.field(validator=c.Text(multiline=False))
    subject: str | None = attrs.field(
        default=None, validator=c.Text(optional=True, multiline=False)
    )

    def to_text(self) -> str:
        """Return it as one line, the way :meth:`Finding.to_text` prints findings."""
        return f"{self.path}: {self.code} not checked: {self.reason}"

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


_TOKEN: Final = re.compile(r"\.([^.\[]+)|\[([0-9]+)\]")


def path_key(path: str) -> tuple[tuple[int, int, str], ...]:
    """Return a key that sorts paths in document order.

    The top-level lists come in document order (actors, poles, assets,
    agreements); indices sort as numbers; field names sort by name.

    >>> sorted(["$.poles[0]", "$.actors[10]", "$.actors[2].siren"], key=path_key)
    ['$.actors[2].siren', '$.actors[10]', '$.poles[0]']
    """
    key = []
    for depth, (name, index) in enumerate(_TOKEN.findall(path)):
        if index:
            key.append((1, int(index), ""))
        else:
            # top-level lists in document order, anything else after them
            known = name in RECORD_LISTS
            rank = (RECORD_LISTS.index(name) if known else len(RECORD_LISTS)) if depth == 0 else 0
            key.append((0, rank, name))
    return tuple(key)


def _finding_key(finding: Finding) -> tuple[Any, ...]:
    return (
        path_key(finding.path),
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
    return (path_key(note.path), note.code, note.reason, note.subject or "")


def _sorted_unchecked(value: Iterable[Unchecked]) -> tuple[Unchecked, ...]:
    items = _tuple(value)
    if type(items) is not tuple or not all(isinstance(item, Unchecked) for item in items):
        return items  # type: ignore[no-any-return]  # the validator names what is wrong
    return tuple(sorted(set(items), key=_unchecked_key))


# ---------------------------------------------------------------------------
# context: what a check sees


class Indexes:
    """Indexes over an ecosystem, each built once, on first use, in linear time.

    One instance is shared by every rule of a :func:`run_rules` call.
    """

    def __init__(self, ecosystem: Ecosystem) -> None:
        self.ecosystem = ecosystem

    @functools.cached_property
    def positions(self) -> dict[str, tuple[str, int]]:
        """Each id with the list and the position of its record (built only when a path is asked)."""
        found: dict[str, tuple[str, int]] = {}
        for list_name in RECORD_LISTS:
            records: tuple[Record, ...] = getattr(self.ecosystem, list_name)
            for position, record in enumerate(records):
                found.setdefault(record.id, (list_name, position))
        return found

    @functools.cached_property
    def assets_by_pole(self) -> dict[str, list[int]]:
        """Positions of the assets pooled in each pôle, by pôle id."""
        found: dict[str, list[int]] = {}
        for position, asset in enumerate(self.ecosystem.assets):
            if asset.pole is not None:
                found.setdefault(asset.pole, []).append(position)
        return found

    @functools.cached_property
    def agreements_by_pole(self) -> dict[str, list[int]]:
        """Positions of the agreements of each pôle, by pôle id."""
        found: dict[str, list[int]] = {}
        for position, agreement in enumerate(self.ecosystem.agreements):
            if agreement.pole is not None:
                found.setdefault(agreement.pole, []).append(position)
        return found

    @functools.cached_property
    def member_ids_by_pole(self) -> dict[str, frozenset[str]]:
        """The ids of every actor with a membership of each pôle, at any time."""
        return {
            pole.id: frozenset(m.actor for m in pole.memberships) for pole in self.ecosystem.poles
        }


@attrs.frozen
class Member:
    """A membership of a pôle on a date, with its position and its actor.

    Attributes:
        position: the membership's index in the pôle's ``memberships``.
        membership: the membership.
        actor: the member actor.
    """

    position: int
    membership: Membership
    actor: Actor


class Context:
    """What a rule's check receives: the ecosystem, the date, shared indexes, its rule.

    Build findings with :meth:`finding`, which fills in the rule's code,
    severity and source.

    Attributes:
        ecosystem: the document being checked.
        as_of: the date the rules run "as of".
        rule: the rule being run.
    """

    def __init__(self, ecosystem: Ecosystem, as_of: dt.date, rule: Rule, indexes: Indexes) -> None:
        self.ecosystem = ecosystem
        self.as_of = as_of
        self.rule = rule
        self._indexes = indexes

    @property
    def law(self) -> LawVersion | None:
        """The version of the rule's law in force on :attr:`as_of`.

        ``None`` for a rule with no dated versions. The engine runs a rule
        with versions only on dates one of them covers.
        """
        return self.rule.version_on(self.as_of)

    def param(self, name: str) -> Any:
        """Return the parameter ``name`` of the version in force (see :attr:`law`).

        Raises:
            ValueError: (a :class:`RuleError`) if the rule has no version in
                force or that version has no such parameter.
        """
        law = self.law
        if law is None or name not in law.params:
            message = f"rule {self.rule.code} has no parameter {name!r} in force on {self.as_of}"
            raise RuleError(message)
        return law.params[name]

    def unchecked(self, reason: str, path: str, *, subject: str | None = None) -> Unchecked:
        """Return the note that the running rule could not check ``path``, and why.

        Yield it from a check, beside findings, when the data the check
        needs is missing: a report lists it, and says "All checks passed" only
        when every applicable check ran. Yield at most one per record, and
        only where the rule applies: a missing field the rule does not need
        is no reason for a note.

        Args:
            reason: what is missing, in English, such as ``"no associés recorded"``.
            path: the record or element that lacks it, in wire names.
            subject: the id of the record concerned.

        Raises:
            ValueError: (an :class:`~ptcekit.errors.InvalidValueError`) for an empty
                or multi-line reason or a bad path; inside a check, the run
                reports it as a crash of the rule.
        """
        return Unchecked(code=self.rule.code, path=path, reason=reason, subject=subject)

    def finding(
        self,
        message: str,
        path: str,
        *,
        subject: str | None = None,
        severity: Severity | None = None,
    ) -> Finding:
        """Return a finding of the running rule.

        Args:
            message: what is wrong, with the numbers.
            path: where, in wire names.
            subject: the id of the record concerned.
            severity: overrides the rule's severity (never above it for an
                unconfirmed rule; see :class:`Rule`).
        """
        return self.rule.finding(
            message, path, subject=subject, severity=severity, as_of=self.as_of
        )

    def path(self, id: str) -> str:  # noqa: A002 -- "id" is the domain's name for it
        """Return the path of the record with ``id``, such as ``"$.actors[3]"``.

        Raises:
            KeyError: (an :class:`~ptcekit.errors.UnknownIdError`) if no record has it.
        """
        found = self._indexes.positions.get(id)
        if found is None:
            raise UnknownIdError(id, "record")
        return f"$.{found[0]}[{found[1]}]"

    def record(self, id: str) -> Record | None:  # noqa: A002 -- "id" is the domain's name for it
        """Return the record with ``id``, or ``None``."""
        # the ecosystem's own index: built at construction, constant time
        return self.ecosystem.get(id) if id in self.ecosystem else None

    def actor(self, id: str) -> Actor | None:  # noqa: A002 -- "id" is the domain's name for it
        """Return the actor with ``id``, or ``None`` if there is none (or it is not an actor)."""
        record = self.record(id)
        return record if isinstance(record, Actor) else None

    def pole(self, id: str) -> Pole | None:  # noqa: A002 -- "id" is the domain's name for it
        """Return the pôle with ``id``, or ``None``."""
        record = self.record(id)
        return record if isinstance(record, Pole) else None

    def asset(self, id: str) -> MutualisedAsset | None:  # noqa: A002 -- "id" is the domain's name for it
        """Return the asset with ``id``, or ``None``."""
        record = self.record(id)
        return record if isinstance(record, MutualisedAsset) else None

    def agreement(self, id: str) -> PartnershipAgreement | None:  # noqa: A002 -- "id" is the domain's name for it
        """Return the agreement with ``id``, or ``None``."""
        record = self.record(id)
        return record if isinstance(record, PartnershipAgreement) else None

    def members(self, pole: Pole, *, as_of: dt.date | None = None) -> list[Member]:
        """Return the pôle's memberships that hold on the date, with their actors.

        Memberships of ids that are not actors are left out (the references
        rules report them). Time: linear in the pôle's memberships.

        Args:
            pole: the pôle.
            as_of: the day; :attr:`as_of` when ``None``.
        """
        day = self.as_of if as_of is None else as_of
        found = []
        for position, membership in enumerate(pole.memberships):
            if membership.active_on(day):
                actor = self.actor(membership.actor)
                if actor is not None:
                    found.append(Member(position, membership, actor))
        return found

    def member_ids(self, pole_id: str) -> frozenset[str]:
        """Return the ids of every actor with a membership of the pôle at any time."""
        return self._indexes.member_ids_by_pole.get(pole_id, frozenset())

    def assets_of_pole(self, pole_id: str) -> list[int]:
        """Return the positions in ``assets`` of the assets pooled in the pôle."""
        return self._indexes.assets_by_pole.get(pole_id, [])

    def agreements_of_pole(self, pole_id: str) -> list[int]:
        """Return the positions in ``agreements`` of the pôle's agreements."""
        return self._indexes.agreements_by_pole.get(pole_id, [])


# ---------------------------------------------------------------------------
# rules


def _build(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not callable(value):
        c.fail_type(
            inst, attribute, "a function taking no argument and returning an Ecosystem", value
        )


def _paths(value: Iterable[str]) -> tuple[str, ...]:
    return _tuple(value)  # type: ignore[no-any-return]  # the validator checks the items


@attrs.frozen(kw_only=True)
class Example:
    """A small document for a rule's catalogue entry and tests.

    Attributes:
        build: a function of no argument returning the :class:`~ptcekit.model.Ecosystem`.
        paths: where the rule's findings on it point, in order; empty for a
            passing example.
    """

    build: Callable[[], Ecosystem] = attrs.field(validator=_build)
    paths: tuple[str, ...] = attrs.field(
        default=(), converter=_paths, validator=c.TupleOf(_path, what="paths")
    )


def _record_kinds(value: str | Iterable[str]) -> frozenset[str]:
    if isinstance(value, str):
        return frozenset({value})
    if isinstance(value, Iterable):
        return frozenset(value)
    return value  # type: ignore[unreachable]  # not a collection at run time: the validator says so


def _applies_to(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is not frozenset or not value:
        c.fail_type(inst, attribute, f"a non-empty set of record lists among {RECORD_LISTS}", value)
    unknown = sorted(str(item) for item in value if item not in RECORD_LISTS)
    if unknown:
        c.fail(inst, attribute, f"record lists among {RECORD_LISTS}", unknown[0])


def _check(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not callable(value):
        c.fail_type(inst, attribute, "a function taking a Context and returning findings", value)


@attrs.frozen(kw_only=True)
class Rule:
    """A rule: a stable code, what it checks and why, and the check itself.

    A rule whose source is unconfirmed is at most a warning: building one with
    the severity ``error`` raises.

    Attributes:
        code: a stable code such as ``"PTCE001"``; built-in codes start with
            ``REF``, ``ID``, ``ESS``, ``PTCE``, ``CALL``, ``SCIC``, ``SCOP``,
            ``COOP``, ``ASSET``, ``AGR``, ``GOV`` or ``MEET``.
        title: what the rule asks, in one line.
        severity: the severity of its findings.
        kind: legal requirement, funding criterion, approval condition, format
            or heuristic.
        confidence: how well its source is established.
        source: the legal text or other source, in full: code or law,
            article, alinéa, such as ``"Loi n° 2014-856 du 31 juillet 2014, art. 9"``.
        explanation: what the rule checks and why, for the catalogue.
        check: a pure function from a :class:`Context` to findings.
        applies_to: the record lists it looks at (``"actors"``, ``"poles"``,
            ``"assets"``, ``"agreements"``, ``"meetings"``).
        opt_in: run only when selected by code or prefix, not by default
            (the funding criteria of décret n° 2015-431, for instance).
        failing_example: a document on which the rule fires.
        passing_example: a document on which it does not.
        url: where to read the source (Légifrance or the official page).
        versions: the dated versions of the law it checks, in date order,
            when its threshold or population changed over time; the rule runs
            only on dates one of them covers, with that version's parameters
            (:meth:`Context.param`), and cites it in its findings.
    """

    code: str = attrs.field(validator=_code)
    title: str = attrs.field(validator=c.Text(multiline=False))
    severity: Severity = attrs.field(converter=_to_severity, validator=c.Member(Severity))
    kind: RuleKind = attrs.field(converter=_to_kind, validator=c.Member(RuleKind))
    confidence: Confidence = attrs.field(converter=_to_confidence, validator=c.Member(Confidence))
    source: str = attrs.field(validator=c.Text(multiline=False))
    explanation: str = attrs.field(validator=c.Text())
    check: Callable[[Context], Iterable[Finding | Unchecked]] = attrs.field(validator=_check)
    applies_to: frozenset[str] = attrs.field(
        default=frozenset(RECORD_LISTS), converter=_record_kinds, validator=_applies_to
    )
    opt_in: bool = attrs.field(default=False, validator=c.Boolean())
    failing_example: Example | None = attrs.field(
        default=None, validator=c.Instance(Example, optional=True)
    )
    passing_example: Example | None = attrs.field(
        default=None, validator=c.Instance(Example, optional=True)
    )
    url: str | None = attrs.field(default=None, validator=_url)
    versions: tuple[LawVersion, ...] = attrs.field(
        default=(), converter=_versions, validator=_versions_check
    )

    def __attrs_post_init__(self) -> None:
        if self.confidence is Confidence.UNCONFIRMED and self.severity is Severity.ERROR:
            message = "a severity of at most 'warning' for a rule whose source is unconfirmed"
            raise InvalidValueError("Rule", "severity", message, self.severity.value)

    def version_on(self, day: dt.date) -> LawVersion | None:
        """Return the version of the law in force on ``day``, or ``None`` if there is none.

        A rule with no :attr:`versions` has no version: ``None`` on every day.
        """
        for version in self.versions:
            if version.in_force_on(day):
                return version
        return None

    def applies_on(self, day: dt.date) -> bool:
        """Return whether the rule's law is in force on ``day`` (always, with no versions)."""
        return not self.versions or self.version_on(day) is not None

    def finding(
        self,
        message: str,
        path: str,
        *,
        subject: str | None = None,
        severity: Severity | None = None,
        as_of: dt.date | None = None,
    ) -> Finding:
        """Return a finding of this rule, with its code, severity and source.

        Args:
            message: what is wrong, with the numbers.
            path: where, in wire names.
            subject: the id of the record concerned.
            severity: overrides the rule's severity; for an unconfirmed rule
                it is capped at ``warning``.
            as_of: the date checked; for a rule with dated versions, the
                finding cites the version in force that day.
        """
        level = self.severity if severity is None else severity
        if self.confidence is Confidence.UNCONFIRMED:
            level = min(level, Severity.WARNING)
        law = None if as_of is None else self.version_on(as_of)
        return Finding(
            code=self.code,
            severity=level,
            message=message,
            path=path,
            subject=subject,
            source=self.source if law is None else law.source,
            url=self.url if law is None else law.url,
            law=None if law is None else law.label,
        )

    def __repr__(self) -> str:
        return f"Rule({self.code!r}, {self.title!r}, {self.severity.value})"


# ---------------------------------------------------------------------------
# rule sets


def _to_rules(value: Rule | Iterable[Rule]) -> tuple[Rule, ...]:
    if isinstance(value, Rule):
        return (value,)
    items = _tuple(value)
    if type(items) is not tuple or not all(isinstance(rule, Rule) for rule in items):
        return items  # type: ignore[no-any-return]  # the validator names what is wrong
    unique: dict[str, Rule] = {}
    rule: Rule
    for rule in items:
        known = unique.get(rule.code)
        if known is not None and known != rule:
            message = f"rule code {rule.code!r} is used by two different rules"
            raise RuleError(message)
        unique[rule.code] = rule
    return tuple(unique[code] for code in sorted(unique))


def _rules(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is not tuple:
        c.fail_type(inst, attribute, "Rule values", value)
    for position, rule in enumerate(value):
        if not isinstance(rule, Rule):
            raise FieldTypeError("RuleSet", f"rules[{position}]", "a Rule", rule)


@attrs.frozen(repr=False)
class RuleSet:
    """An immutable set of rules, in code order, each code once.

    Select or leave out rules by code or by prefix (``"PTCE"`` matches every
    ``PTCE…`` code); add your own. Every operation returns a new set.

    >>> from ptcekit.rules import builtin_rules
    >>> rules = builtin_rules()
    >>> rules.select("SCIC", "PTCE001").ignore("SCIC006").codes[:3]
    ('PTCE001', 'SCIC001', 'SCIC002')
    """

    rules: tuple[Rule, ...] = attrs.field(default=(), converter=_to_rules, validator=_rules)

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)

    def __contains__(self, item: object) -> bool:
        if isinstance(item, Rule):
            return item in self.rules
        return any(rule.code == item for rule in self.rules)

    def __getitem__(self, code: str) -> Rule:
        """Return the rule with ``code``.

        Raises:
            KeyError: (an :class:`UnknownRuleError`) if there is none.
        """
        for rule in self.rules:
            if rule.code == code:
                return rule
        raise UnknownRuleError(code)

    def __or__(self, other: object) -> RuleSet:
        if not isinstance(other, RuleSet):
            return NotImplemented
        return RuleSet(self.rules + other.rules)

    def __repr__(self) -> str:
        return f"RuleSet(<{len(self.rules)} rules>)"

    @property
    def codes(self) -> tuple[str, ...]:
        """The codes of the rules, in order."""
        return tuple(rule.code for rule in self.rules)

    def _matching(self, patterns: tuple[str, ...]) -> set[str]:
        chosen: set[str] = set()
        for pattern in patterns:
            if type(pattern) is not str or not pattern:
                raise FieldTypeError("RuleSet", "select", "a rule code or prefix (str)", pattern)
            matched = {rule.code for rule in self.rules if rule.code.startswith(pattern)}
            if not matched:
                raise UnknownRuleError(pattern)
            chosen |= matched
        return chosen

    def select(self, *patterns: str) -> RuleSet:
        """Return the rules whose code is, or starts with, one of ``patterns``.

        Raises:
            KeyError: (an :class:`UnknownRuleError`) for a pattern that matches no rule.
        """
        chosen = self._matching(patterns)
        return RuleSet(tuple(rule for rule in self.rules if rule.code in chosen))

    def ignore(self, *patterns: str) -> RuleSet:
        """Return the rules whose code neither is nor starts with one of ``patterns``.

        Raises:
            KeyError: (an :class:`UnknownRuleError`) for a pattern that matches no rule.
        """
        dropped = self._matching(patterns)
        return RuleSet(tuple(rule for rule in self.rules if rule.code not in dropped))

    def with_rules(self, *rules: Rule) -> RuleSet:
        """Return this set with ``rules`` added.

        Raises:
            ValueError: (a :class:`RuleError`) if a code is already used by another rule.
        """
        return RuleSet(self.rules + rules)

    def defaults(self) -> RuleSet:
        """Return the rules that run when none are selected: all but the opt-in ones."""
        return RuleSet(tuple(rule for rule in self.rules if not rule.opt_in))


def as_rule_set(rules: object) -> RuleSet:
    """Return ``rules`` (a :class:`RuleSet`, a :class:`Rule` or Rules) as a :class:`RuleSet`.

    Raises:
        TypeError: (a :class:`~ptcekit.errors.FieldTypeError`) for anything else.
    """
    if isinstance(rules, RuleSet):
        return rules
    if isinstance(rules, Rule):
        return RuleSet((rules,))
    if isinstance(rules, Iterable) and not isinstance(rules, str | bytes | Mapping):
        return RuleSet(tuple(rules))
    raise FieldTypeError("validate", "rules", "a RuleSet, a Rule or an iterable of Rules", rules)


# ---------------------------------------------------------------------------
# plugins


def _plugin_rules(name: str, target: str, loaded: object) -> tuple[Rule, ...]:
    value = loaded
    if callable(value) and not isinstance(value, Rule | RuleSet):
        try:
            value = value()
        except Exception as error:  # any failure of third-party code becomes a PluginError
            reason = f"calling it raised {type(error).__name__}: {error}"
            raise PluginError(name, target, reason) from error
    if isinstance(value, Rule):
        return (value,)
    if isinstance(value, RuleSet):
        return value.rules
    if isinstance(value, Iterable) and not isinstance(value, str | bytes | Mapping):
        items = tuple(value)
        for position, item in enumerate(items):
            if not isinstance(item, Rule):
                reason = f"item {position} is {type(item).__name__} {item!r:.60}, not a Rule"
                raise PluginError(name, target, reason)
        return items
    reason = f"it gave {type(value).__name__} {value!r:.60}, not a Rule, an iterable of Rules or a RuleSet"
    raise PluginError(name, target, reason)


def load_plugins(
    entry_points: Iterable[importlib.metadata.EntryPoint] | None = None,
    *,
    reserved: Iterable[str] = (),
) -> RuleSet:
    """Load the rules third-party packages declare in the entry-point group ``ptcekit.rules``.

    Each entry point names a :class:`Rule`, an iterable of Rules, a
    :class:`RuleSet`, or a function of no argument returning one of these::

        [project.entry-points."ptcekit.rules"]
        aura = "ptcekit_aura.rules:RULES"

    Args:
        entry_points: the entry points to load; those installed when ``None``.
        reserved: codes the plugins may not use (the built-in ones).

    Returns:
        Their rules, as one set.

    Raises:
        ImportError: (a :class:`PluginError`, naming the entry point and why)
            if a plugin fails to import, gives something that is not rules,
            or uses a code that is reserved or used by another plugin.
    """
    found = (
        importlib.metadata.entry_points(group=ENTRY_POINT_GROUP)
        if entry_points is None
        else entry_points
    )
    taken = dict.fromkeys(reserved, "ptcekit")
    collected: list[Rule] = []
    for entry_point in sorted(found, key=lambda ep: (ep.name, ep.value)):
        name, target = entry_point.name, entry_point.value
        try:
            loaded = entry_point.load()
        except Exception as error:  # any failure of third-party code becomes a PluginError
            reason = f"it failed to load: {type(error).__name__}: {error}"
            raise PluginError(name, target, reason) from error
        for rule in _plugin_rules(name, target, loaded):
            owner = taken.get(rule.code)
            if owner is not None:
                reason = f"rule code {rule.code!r} is already used by {owner}"
                raise PluginError(name, target, reason)
            taken[rule.code] = f"plugin {name!r}"
            collected.append(rule)
    return RuleSet(tuple(collected))


# ---------------------------------------------------------------------------
# running


def _crash(rule: Rule, what: str) -> Finding:
    return Finding(
        code=rule.code,
        severity=Severity.ERROR,
        message=f"rule {rule.code} crashed: {what}".replace("\n", " "),
        path="$",
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


# ---------------------------------------------------------------------------
# reports


def _codes(value: Iterable[str]) -> tuple[str, ...]:
    return _tuple(value)  # type: ignore[no-any-return]  # the validator checks the items


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


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
        applicable check ran; otherwise it says how many checks could not run.
        """
        counts = self.count_by_severity()
        context = _plural(len(self.rules), "rule")
        if self.as_of is not None:
            context += f", as of {self.as_of.isoformat()}"
        skipped = ""
        if self.unchecked:
            count = len(self.unchecked)
            verb = "check" if count == 1 else "checks"
            skipped = f"; {count} {verb} could not run for lack of data"
        if not self.findings:
            if not self.unchecked:
                return f"All checks passed ({context})."
            return f"No problem found{skipped} ({context})."
        parts = [
            _plural(counts[Severity.ERROR], "error"),
            _plural(counts[Severity.WARNING], "warning"),
            _plural(counts[Severity.INFO], "info"),
        ]
        return f"Found {parts[0]}, {parts[1]} and {parts[2]}{skipped} ({context})."

    def to_text(self) -> str:
        """Return the report the way a linter prints it.

        One line per finding, then one per check that could not run
        (``… not checked: why``), then the summary.
        """
        lines = [finding.to_text() for finding in self.findings]
        lines.extend(note.to_text() for note in self.unchecked)
        lines.append(self.summary())
        return "\n".join(lines)

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


def fraction_text(value: Fraction) -> str:
    """Return a fraction for a message, exact and as a percentage: ``"9/10 (90 %)"``.

    >>> fraction_text(Fraction(1, 3))
    '1/3 (33.33 %)'
    """
    percent = value * 100
    shown = f"{percent.numerator}" if percent.denominator == 1 else f"{float(percent):.4g}"
    return f"{value} ({shown} %)"
