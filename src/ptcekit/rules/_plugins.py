"""Rules from other packages: the entry-point group ``ptcekit.rules``, loaded on request.

:func:`load_plugins` loads entry points and raises on the first that cannot
be used. What :func:`~ptcekit.rules.default_rules` adds comes from
:func:`plugin_rules`, which asks the provider :mod:`ptcekit.plugins` sets
when ptcekit is imported: it loads the plugins once per process and skips a
broken one with a warning.
"""

from __future__ import annotations

import importlib.metadata
from collections.abc import Callable, Iterable, Mapping
from typing import Final

from ptcekit.errors import PluginError
from ptcekit.rules._rule import Rule, RuleSet

__all__ = ["ENTRY_POINT_GROUP", "load_plugins", "plugin_rules", "set_plugin_provider"]

#: The entry-point group third-party packages declare their rules under.
ENTRY_POINT_GROUP: Final = "ptcekit.rules"


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


_NO_RULES: Final = RuleSet(())
# one slot: what gives the installed plugins' rules (set by ptcekit.plugins)
_provider: list[Callable[[], RuleSet]] = []


def set_plugin_provider(provider: Callable[[], RuleSet] | None) -> None:
    """Set the function :func:`plugin_rules` asks for the installed plugins' rules.

    :mod:`ptcekit.plugins` sets it when ptcekit is imported, to a function
    that loads the plugins once per process; ``None`` unsets it (no plugin
    rules).
    """
    _provider[:] = [] if provider is None else [provider]


def plugin_rules() -> RuleSet:
    """Return the installed plugins' rules, as the provider gives them (none without one)."""
    return _provider[0]() if _provider else _NO_RULES
