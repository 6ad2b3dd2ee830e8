"""The built-in catalogue, by theme; the default rule set; and :func:`validate`."""

from __future__ import annotations

import datetime as dt
import functools

from ptcekit.errors import FieldTypeError
from ptcekit.model import Ecosystem
from ptcekit.rules import (
    _agreements,
    _assets,
    _cooperatives,
    _ess,
    _governance,
    _identity,
    _meetings,
    _places,
    _ptce,
    _references,
)
from ptcekit.rules._plugins import plugin_rules
from ptcekit.rules._report import Report
from ptcekit.rules._rule import RuleSet, Theme, as_rule_set
from ptcekit.rules._running import run_rules

__all__ = ["available_rules", "builtin_rules", "default_rules", "themes", "validate"]


def themes() -> tuple[Theme, ...]:
    """Return the themes of the built-in rules, in catalogue order.

    >>> [theme.title for theme in themes()][:2]
    ['References', 'Identifiers and legal forms']
    """
    return (
        *_references.THEMES,
        *_identity.THEMES,
        *_places.THEMES,
        *_ess.THEMES,
        *_ptce.THEMES,
        *_cooperatives.THEMES,
        *_assets.THEMES,
        *_agreements.THEMES,
        *_governance.THEMES,
        *_meetings.THEMES,
    )


@functools.cache
def builtin_rules() -> RuleSet:
    """Return every built-in rule, the opt-in ones included, as one immutable set.

    >>> len(builtin_rules()) > 40
    True
    """
    return RuleSet(tuple(rule for theme in themes() for rule in theme.rules))


# one slot: the plugin rules the defaults were last built from, and those defaults
_defaults: dict[str, tuple[RuleSet, RuleSet]] = {}


def available_rules() -> RuleSet:
    """Return the built-in rules and those of the installed plugins, opt-in ones included.

    The plugins are loaded once per process by :mod:`ptcekit.plugins`; one
    that cannot be used is skipped with a warning.
    """
    return builtin_rules() | plugin_rules()


def default_rules() -> RuleSet:
    """Return the rules :func:`validate` runs when given none.

    They are the built-in rules and those of the installed plugins (entry-point
    group ``ptcekit.rules``, loaded once per process by :mod:`ptcekit.plugins`;
    a plugin that cannot be used is skipped with a warning), less the opt-in
    ones (such as the ``CALL`` funding criteria), which run only when selected.
    The set is built once for each set of plugin rules, so calling this
    again costs next to nothing.
    """
    plugins = plugin_rules()
    cached = _defaults.get("last")
    if cached is not None and cached[0] is plugins:
        return cached[1]
    defaults = (builtin_rules() | plugins).defaults()
    _defaults["last"] = (plugins, defaults)
    return defaults


def validate(
    ecosystem: Ecosystem,
    *,
    rules: object = None,
    as_of: dt.date | None = None,
) -> Report:
    """Check an ecosystem against rules and return the report.

    Args:
        ecosystem: the document to check.
        rules: a :class:`~ptcekit.rules.RuleSet`, a rule, or rules;
            :func:`default_rules` when ``None``.
        as_of: the date the rules run "as of"; the ecosystem's ``as_of``,
            else today, when ``None``.

    Returns:
        The findings, in document order. A rule that crashes gives an error
        finding naming it; it never stops the others.

    Raises:
        TypeError: (a :class:`~ptcekit.errors.FieldTypeError`) for an argument of
            the wrong type.
        ImportError: (a :class:`~ptcekit.errors.PluginError`) when ``rules`` is
            ``None`` and an installed plugin cannot be loaded.

    >>> from ptcekit.model import Association, Membership, Pole
    >>> eco = Ecosystem(actors=(Association(id="a", name="A"),),
    ...     poles=(Pole(id="p", name="P", lead="a", memberships=(Membership(actor="a"),)),))
    >>> print(validate(eco, rules=builtin_rules().select("PTCE001"), as_of=dt.date(2024, 1, 1)).to_text())
    $.poles[0].memberships: PTCE001 error: pôle 'p' has no enterprise outside the ESS among its members on 2024-01-01 [Loi n° 2014-856 du 31 juillet 2014, art. 9, I]
    Found 1 error, 0 warnings and 0 infos (1 rule, as of 2024-01-01).
    """
    if not isinstance(ecosystem, Ecosystem):
        raise FieldTypeError("validate", "ecosystem", "an Ecosystem", ecosystem)
    if as_of is not None and type(as_of) is not dt.date:
        raise FieldTypeError("validate", "as_of", "a datetime.date", as_of)
    rule_set = default_rules() if rules is None else as_rule_set(rules)
    day = as_of or ecosystem.as_of or dt.date.today()
    return run_rules(ecosystem, rule_set, day)
