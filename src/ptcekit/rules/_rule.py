"""A rule as data: its vocabularies, its examples, the dated versions of its law, rule sets."""

from __future__ import annotations

import datetime as dt
import enum
import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final

import attrs

from ptcekit.errors import FieldTypeError, InvalidValueError, RuleError, UnknownRuleError
from ptcekit.model import Ecosystem
from ptcekit.model import validators as c
from ptcekit.rules._paths import PATH_PATTERN, RECORD_LISTS

if TYPE_CHECKING:
    from ptcekit.rules._context import Context
    from ptcekit.rules._report import Finding, Unchecked

__all__ = [
    "CODE_PATTERN",
    "Confidence",
    "Example",
    "LawVersion",
    "Rule",
    "RuleKind",
    "RuleSet",
    "Severity",
    "Theme",
    "as_rule_set",
]

#: A rule code: capital letters, then digits, such as ``"PTCE001"`` or ``"AURA12"``.
CODE_PATTERN: Final = re.compile(r"[A-Z][A-Z0-9_]*[0-9]")


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

    >>> from fractions import Fraction
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
            the prefix of their :class:`Theme` (see :func:`~ptcekit.rules.themes`).
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
            ``"assets"``, ``"agreements"``).
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
            KeyError: (an :class:`~ptcekit.errors.UnknownRuleError`) if there is none.
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
            KeyError: (an :class:`~ptcekit.errors.UnknownRuleError`) for a pattern that matches no rule.
        """
        chosen = self._matching(patterns)
        return RuleSet(tuple(rule for rule in self.rules if rule.code in chosen))

    def ignore(self, *patterns: str) -> RuleSet:
        """Return the rules whose code neither is nor starts with one of ``patterns``.

        Raises:
            KeyError: (an :class:`~ptcekit.errors.UnknownRuleError`) for a pattern that matches no rule.
        """
        dropped = self._matching(patterns)
        return RuleSet(tuple(rule for rule in self.rules if rule.code not in dropped))

    def with_rules(self, *rules: Rule) -> RuleSet:
        """Return this set with ``rules`` added.

        Raises:
            ValueError: (a :class:`~ptcekit.errors.RuleError`) if a code is already used by another rule.
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
# themes

#: A theme's prefix: capital letters, such as ``"PTCE"``.
PREFIX_PATTERN: Final = re.compile(r"[A-Z][A-Z_]*")


def _prefix(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is not str:
        c.fail_type(inst, attribute, "a code prefix (str)", value)
    if PREFIX_PATTERN.fullmatch(value) is None:
        c.fail(inst, attribute, "a code prefix of capital letters, such as 'PTCE'", value)


def _theme_rules(value: Iterable[Rule]) -> tuple[Rule, ...]:
    return _tuple(value)  # type: ignore[no-any-return]  # the validator checks the items


def _theme_rules_check(inst: Theme, attribute: attrs.Attribute[Any], value: object) -> None:
    c.tuple_of_type(Rule)(inst, attribute, value)
    rules: tuple[Rule, ...] = value  # type: ignore[assignment]  # checked just above
    for rule in rules:
        if rule.code.rstrip("0123456789") != inst.prefix:
            c.fail(inst, attribute, f"rules whose codes start with {inst.prefix!r}", rule.code)


@attrs.frozen(kw_only=True)
class Theme:
    """A theme of rules: the rules of one code prefix, with the title the catalogue gives them.

    Each module of built-in rules declares its themes once, as data; the
    built-in rule set, the catalogue and the tests read them.

    Attributes:
        prefix: the letters every code of the theme starts with, such as ``"PTCE"``.
        title: the theme's title, as the catalogue's section heading.
        rules: its rules.

    >>> from ptcekit.rules import themes
    >>> [theme.prefix for theme in themes()][:3]
    ['REF', 'ID', 'ID']
    """

    prefix: str = attrs.field(validator=_prefix)
    title: str = attrs.field(validator=c.Text(multiline=False))
    rules: tuple[Rule, ...] = attrs.field(converter=_theme_rules, validator=_theme_rules_check)

    @property
    def codes(self) -> tuple[str, ...]:
        """The codes of the theme's rules, in the order declared."""
        return tuple(rule.code for rule in self.rules)
