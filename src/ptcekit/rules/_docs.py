"""The rule catalogue page: the examples run, and the page printed (MyST markdown for Sphinx)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from ptcekit.rules import _printer
from ptcekit.rules._catalogue import themes
from ptcekit.rules._report import Finding, Report
from ptcekit.rules._rule import Example, Rule, RuleSet
from ptcekit.rules._running import run_rules

__all__ = ["EXAMPLE_DATE", "catalogue_markdown", "example_findings", "example_report"]

#: The date examples are checked as of, when they do not give one.
EXAMPLE_DATE = dt.date(2024, 6, 30)


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


def catalogue_markdown(rules: Iterable[Rule], *, title: str = "Rule catalogue") -> str:
    """Return the catalogue page of ``rules`` in MyST markdown.

    For each rule: its code, title, severity, kind, confidence, source, the
    record lists it applies to, its explanation, and its failing and passing
    examples with the findings they give. Rules come in code order, in
    sections by theme (see :func:`~ptcekit.rules.themes`); a rule of no
    built-in theme is listed under "Other rules".

    Args:
        rules: the rules, such as :func:`~ptcekit.rules.builtin_rules`.
        title: the page title.
    """
    rule_set = rules if isinstance(rules, RuleSet) else RuleSet(tuple(rules))
    return _printer.catalogue_markdown(rule_set, themes(), example_report, title=title)
