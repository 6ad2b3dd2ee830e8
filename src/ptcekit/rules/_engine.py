"""The rule engine: rules as data, their findings, reports, rule sets and plugins."""

from __future__ import annotations

import datetime as dt
import enum
import functools
import importlib.metadata
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from fractions import Fraction
from typing import Any, Final

import attrs

from ptcekit.errors import FieldTypeError, InvalidValueError, PtcekitError
from ptcekit.model import (
    Actor,
    Ecosystem,
    Membership,
    MutualisedAsset,
    PartnershipAgreement,
    Pole,
    Record,
)
from ptcekit.model import _checks as c

__all__ = [
    "ENTRY_POINT_GROUP",
    "Confidence",
    "Context",
    "Example",
    "Finding",
    "Member",
    "PluginError",
    "Report",
    "Rule",
    "RuleError",
    "RuleKind",
    "RuleSet",
    "Severity",
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
RECORD_LISTS: Final = ("actors", "poles", "assets", "agreements")


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
    """What kind of requirement a rule checks (the type key of ess-law.md)."""

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
    """How well the rule's source is established (the labels of ess-law.md)."""

    HIGH = "high"
    """The legal text itself, or several consistent sources including an official one."""
    MEDIUM = "medium"
    """One or two reliable secondary sources."""
    LOW = "low"
    """A single secondary source, or an inference."""
    UNCONFIRMED = "unconfirmed"
    """No source found: such a rule is at most a warning."""


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
        source: the legal or other source of the rule.

    >>> f = Finding(code="ID001", severity="error", message="SIRET mismatch", path="$.actors[0].sirets[0]")
    >>> f.to_text()
    '$.actors[0].sirets[0]: ID001 error: SIRET mismatch'
    """

    code: str = attrs.field(validator=_code)
    severity: Severity = attrs.field(converter=_to_severity, validator=c.member_of(Severity))
    message: str = attrs.field(validator=c.text(multiline=False))
    path: str = attrs.field(validator=_path)
    subject: str | None = attrs.field(
        default=None, validator=c.text(optional=True, multiline=False)
    )
    source: str | None = attrs.field(default=None, validator=c.text(optional=True, multiline=False))

    def to_text(self) -> str:
        """Return the finding as one line, the way a linter prints it."""
        line = f"{self.path}: {self.code} {self.severity.value}: {self.message}"
        return f"{line} [{self.source}]" if self.source else line

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
        if self.source is not None:
            data["source"] = self.source
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
        return self.rule.finding(message, path, subject=subject, severity=severity)

    def path(self, id: str) -> str:  # noqa: A002 -- "id" is the domain's name for it
        """Return the path of the record with ``id``, such as ``"$.actors[3]"``.

        Raises:
            KeyError: (an :class:`~ptcekit.errors.UnknownIdError`) if no record has it.
        """
        found = self._indexes.positions.get(id)
        if found is None:
            raise c.UnknownIdError(id, "record")
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
        default=(), converter=_paths, validator=c.tuple_of(_path, what="paths")
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
            ``COOP``, ``ASSET``, ``AGR`` or ``GOV``.
        title: what the rule asks, in one line.
        severity: the severity of its findings.
        kind: legal requirement, funding criterion, approval condition, format
            or heuristic.
        confidence: how well its source is established.
        source: the legal text or other source, such as ``"Loi n° 2014-856, art. 9"``.
        explanation: what the rule checks and why, for the catalogue.
        check: a pure function from a :class:`Context` to findings.
        applies_to: the record lists it looks at (``"actors"``, ``"poles"``,
            ``"assets"``, ``"agreements"``).
        opt_in: run only when selected by code or prefix, not by default
            (the funding criteria of décret n° 2015-431, for instance).
        failing_example: a document on which the rule fires.
        passing_example: a document on which it does not.
    """

    code: str = attrs.field(validator=_code)
    title: str = attrs.field(validator=c.text(multiline=False))
    severity: Severity = attrs.field(converter=_to_severity, validator=c.member_of(Severity))
    kind: RuleKind = attrs.field(converter=_to_kind, validator=c.member_of(RuleKind))
    confidence: Confidence = attrs.field(
        converter=_to_confidence, validator=c.member_of(Confidence)
    )
    source: str = attrs.field(validator=c.text(multiline=False))
    explanation: str = attrs.field(validator=c.text())
    check: Callable[[Context], Iterable[Finding]] = attrs.field(validator=_check)
    applies_to: frozenset[str] = attrs.field(
        default=frozenset(RECORD_LISTS), converter=_record_kinds, validator=_applies_to
    )
    opt_in: bool = attrs.field(default=False, validator=c.boolean)
    failing_example: Example | None = attrs.field(
        default=None, validator=c.instance(Example, optional=True)
    )
    passing_example: Example | None = attrs.field(
        default=None, validator=c.instance(Example, optional=True)
    )

    def __attrs_post_init__(self) -> None:
        if self.confidence is Confidence.UNCONFIRMED and self.severity is Severity.ERROR:
            message = "a severity of at most 'warning' for a rule whose source is unconfirmed"
            raise InvalidValueError("Rule", "severity", message, self.severity.value)

    def finding(
        self,
        message: str,
        path: str,
        *,
        subject: str | None = None,
        severity: Severity | None = None,
    ) -> Finding:
        """Return a finding of this rule, with its code, severity and source.

        Args:
            message: what is wrong, with the numbers.
            path: where, in wire names.
            subject: the id of the record concerned.
            severity: overrides the rule's severity; for an unconfirmed rule
                it is capped at ``warning``.
        """
        level = self.severity if severity is None else severity
        if self.confidence is Confidence.UNCONFIRMED:
            level = min(level, Severity.WARNING)
        return Finding(
            code=self.code,
            severity=level,
            message=message,
            path=path,
            subject=subject,
            source=self.source,
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
    )


def _run(rule: Rule, context: Context) -> list[Finding]:
    found: list[Finding] = []
    try:
        results: Iterable[object] = rule.check(context)
        for finding in results:
            if not isinstance(finding, Finding):
                what = f"it gave {type(finding).__name__} {finding!r:.60}, not a Finding"
                return [*found, _crash(rule, what)]
            found.append(finding)
    except Exception as error:  # a broken rule becomes a finding, never a crash
        return [*found, _crash(rule, f"{type(error).__name__}: {error}")]
    return found


def run_rules(ecosystem: Ecosystem, rules: RuleSet, as_of: dt.date) -> Report:
    """Run ``rules`` on ``ecosystem`` as of ``as_of`` and return the report.

    Indexes are built once and shared by the rules. A rule that raises, or
    gives something that is not a :class:`Finding`, gives an error finding
    naming it instead of stopping the run.
    """
    indexes = Indexes(ecosystem)
    findings: list[Finding] = []
    for rule in rules:
        findings.extend(_run(rule, Context(ecosystem, as_of, rule, indexes)))
    return Report(findings=tuple(findings), as_of=as_of, rules=rules.codes)


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
        rules: the codes of the rules that ran.

    >>> report = Report(findings=(), as_of=dt.date(2024, 1, 1), rules=("PTCE001",))
    >>> report.ok
    True
    >>> print(report.to_text())
    All checks passed (1 rule, as of 2024-01-01).
    """

    findings: tuple[Finding, ...] = attrs.field(
        default=(), converter=_sorted_findings, validator=c.tuple_of_type(Finding)
    )
    as_of: dt.date | None = attrs.field(default=None, validator=c.date(optional=True))
    rules: tuple[str, ...] = attrs.field(
        default=(), converter=_codes, validator=c.tuple_of(_code, what="rule codes")
    )

    def __iter__(self) -> Iterator[Finding]:
        return iter(self.findings)

    def __repr__(self) -> str:
        counts = self.count_by_severity()
        parts = ", ".join(f"{severity.value}s={counts[severity]}" for severity in counts)
        as_of = f"as_of={self.as_of.isoformat()!r}, " if self.as_of else ""
        return f"Report({as_of}{parts})"

    @property
    def ok(self) -> bool:
        """Whether no finding is an error."""
        return all(finding.severity is not Severity.ERROR for finding in self.findings)

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
        if subject is not None:
            kept = tuple(f for f in kept if f.subject == subject)
        return attrs.evolve(self, findings=kept)

    def summary(self) -> str:
        """Return the last line of :meth:`to_text`: the counts, the rules and the date."""
        counts = self.count_by_severity()
        context = _plural(len(self.rules), "rule")
        if self.as_of is not None:
            context += f", as of {self.as_of.isoformat()}"
        if not self.findings:
            return f"All checks passed ({context})."
        parts = [
            _plural(counts[Severity.ERROR], "error"),
            _plural(counts[Severity.WARNING], "warning"),
            _plural(counts[Severity.INFO], "info"),
        ]
        return f"Found {parts[0]}, {parts[1]} and {parts[2]} ({context})."

    def to_text(self) -> str:
        """Return the report the way a linter prints it: one line per finding, then a summary."""
        lines = [finding.to_text() for finding in self.findings]
        lines.append(self.summary())
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """Return the report as a JSON-ready dict.

        ``ok`` and ``counts`` are derived, for readers; :meth:`from_dict`
        checks them against the findings.
        """
        return {
            "as_of": None if self.as_of is None else self.as_of.isoformat(),
            "ok": self.ok,
            "counts": self.counts(),
            "rules": list(self.rules),
            "findings": [finding.to_dict() for finding in self.findings],
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
        unknown = sorted(set(data) - {"as_of", "ok", "counts", "rules", "findings"})
        if unknown:
            raise InvalidValueError("Report", unknown[0], "no unknown keys", unknown[0])
        findings = data.get("findings", [])
        if not isinstance(findings, list):
            raise FieldTypeError("Report", "findings", "a list of findings", findings)
        rules = data.get("rules", [])
        if not isinstance(rules, list):
            raise FieldTypeError("Report", "rules", "a list of rule codes", rules)
        report = cls(
            findings=tuple(
                Finding.from_dict(item, where=f"findings[{position}]")
                for position, item in enumerate(findings)
            ),
            as_of=_date_arg(data.get("as_of")),
            rules=tuple(rules),
        )
        for key, derived in (("ok", report.ok), ("counts", report.counts())):
            if key in data and data[key] != derived:
                raise InvalidValueError(
                    "Report", key, f"{derived!r}, as the findings give", data[key]
                )
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
