"""Validation rules: rules as data, their findings and reports, the built-in catalogue.

>>> import datetime as dt
>>> from ptcekit.model import Association, Company, Ecosystem, Membership, Pole
>>> eco = Ecosystem(
...     actors=(
...         Association(id="archer", name="Archer"),
...         Company(id="roux", name="Tannerie Roux", ess_statutes=False),
...     ),
...     poles=(Pole(id="pole-sud", name="Pôle Sud", lead="archer",
...         memberships=(Membership(actor="archer"), Membership(actor="roux"))),),
... )
>>> report = validate(eco, rules=default_rules().ignore("PTCE003"), as_of=dt.date(2024, 6, 30))
>>> report.ok
True
>>> print(report.to_text())
$.poles[0]: PTCE005 warning: pôle 'pole-sud' records no strategy, no shared asset and no agreement: its strategy of mutualisation, coopération ou partenariat has nothing to show in the document [Loi n° 2014-856 du 31 juillet 2014, art. 9, I]
$.poles[0].memberships: PTCE001 not checked: whether pôle 'pole-sud' has an enterprise outside the ESS on its territory on 2024-06-30 depends on what it does not record: pôle 'pole-sud' records no territory
$.poles[0].territory: PTCE002 not checked: pôle 'pole-sud' records no territory to check its members' seats against
Found 0 errors, 1 warning and 0 infos; 2 checks could not run for lack of data (60 rules, as of 2024-06-30).
"""

from ptcekit.errors import PluginError, RuleError, UnknownRuleError
from ptcekit.rules._catalogue import (
    available_rules,
    builtin_rules,
    default_rules,
    themes,
    validate,
)
from ptcekit.rules._context import Context, Member
from ptcekit.rules._docs import catalogue_markdown
from ptcekit.rules._paths import Keys
from ptcekit.rules._plugins import ENTRY_POINT_GROUP, load_plugins, set_plugin_provider
from ptcekit.rules._printer import (
    describe_rule,
    format_finding,
    format_report,
    format_summary,
    format_unchecked,
)
from ptcekit.rules._report import Finding, Report, Unchecked
from ptcekit.rules._rule import (
    Confidence,
    Example,
    LawVersion,
    Rule,
    RuleKind,
    RuleSet,
    Severity,
    Theme,
)

__all__ = [
    "ENTRY_POINT_GROUP",
    "Confidence",
    "Context",
    "Example",
    "Finding",
    "Keys",
    "LawVersion",
    "Member",
    "PluginError",
    "Report",
    "Rule",
    "RuleError",
    "RuleKind",
    "RuleSet",
    "Severity",
    "Theme",
    "Unchecked",
    "UnknownRuleError",
    "available_rules",
    "builtin_rules",
    "catalogue_markdown",
    "default_rules",
    "describe_rule",
    "format_finding",
    "format_report",
    "format_summary",
    "format_unchecked",
    "load_plugins",
    "set_plugin_provider",
    "themes",
    "validate",
]
