"""Plugins: the kinds and rules other packages declare through entry points, found once per process.

A package declares its kinds in the entry-point group ``ptcekit.kinds`` and
its rules in ``ptcekit.rules``::

    [project.entry-points."ptcekit.kinds"]
    aura = "ptcekit_aura.kinds"

    [project.entry-points."ptcekit.rules"]
    aura = "ptcekit_aura.rules:RULES"

A kinds entry point names a module that defines kinds, a kind class, or an
iterable of kind classes; a rules entry point names what
:func:`ptcekit.rules.load_plugins` accepts. ptcekit loads both groups once,
the first time anything needs them: reading a document, making the JSON
Schema, building the default rules (and so
:func:`ptcekit.validate <ptcekit.rules.validate>` called without rules), or any command of the ``ptcekit`` command line. A plugin that
cannot be used is skipped with a :class:`PluginWarning` naming it, its
distribution and its error; the others load, and validation goes on.

Setting the environment variable ``PTCEKIT_PLUGINS`` to ``0`` turns plugins
off (so does the command line's ``--no-plugins``); :func:`reload` looks
again, for a notebook where a plugin was just installed.

>>> import ptcekit.plugins
>>> with ptcekit.plugins.disabled():
...     ptcekit.plugins.load()
()
"""

from __future__ import annotations

import contextlib
import contextvars
import importlib
import importlib.metadata
import os
import threading
import types
import warnings
from collections.abc import Iterable, Iterator
from typing import Any, Final

import attrs

from ptcekit import rules as rules_layer
from ptcekit.model import Actor, MutualisedAsset, kinds

__all__ = [
    "ENVIRONMENT_VARIABLE",
    "KINDS_GROUP",
    "RULES_GROUP",
    "Plugin",
    "PluginWarning",
    "disabled",
    "enabled",
    "load",
    "reload",
    "rules",
]

#: The entry-point group of kinds.
KINDS_GROUP: Final = "ptcekit.kinds"
#: The entry-point group of rules.
RULES_GROUP: Final = rules_layer.ENTRY_POINT_GROUP
#: The environment variable that turns plugins off when set to ``0``.
ENVIRONMENT_VARIABLE: Final = "PTCEKIT_PLUGINS"
#: The values of :data:`ENVIRONMENT_VARIABLE` that turn plugins off.
_OFF: Final = frozenset({"0", "false", "no", "off"})


class PluginWarning(UserWarning):
    """A plugin cannot be used and is skipped; the message names it, its distribution and why."""


@attrs.frozen(kw_only=True)
class Plugin:
    """One installed entry point of the groups ``ptcekit.kinds`` and ``ptcekit.rules``, as loaded.

    Attributes:
        group: its entry-point group, ``"ptcekit.kinds"`` or ``"ptcekit.rules"``.
        name: the entry point's name.
        target: what it points to, such as ``"ptcekit_aura.rules:RULES"``.
        distribution: the name of the distribution that declares it, if known.
        version: that distribution's version, if known.
        provides: the kind tags or rule codes it brought, sorted.
        error: why it cannot be used, or ``None`` when it loaded.
    """

    group: str
    name: str
    target: str
    distribution: str | None = None
    version: str | None = None
    provides: tuple[str, ...] = ()
    error: str | None = None

    @property
    def ok(self) -> bool:
        """Whether it loaded."""
        return self.error is None

    @property
    def origin(self) -> str:
        """The distribution and its version, as messages name them: ``"ptcekit-aura 0.1"``."""
        if self.distribution is None:
            return "an unknown distribution"
        return self.distribution if self.version is None else f"{self.distribution} {self.version}"

    def describe(self) -> str:
        """Return one line saying what it is, where it comes from and what it brought or why not."""
        what = "kinds" if self.group == KINDS_GROUP else "rules"
        head = f"{self.name} ({what}, {self.target}) from {self.origin}"
        if self.error is not None:
            return f"{head}: FAILED: {self.error}"
        return f"{head}: {', '.join(self.provides) or 'nothing'}"

    def to_dict(self) -> dict[str, Any]:
        """Return it as JSON-ready data."""
        return {
            "group": self.group,
            "name": self.name,
            "target": self.target,
            "distribution": self.distribution,
            "version": self.version,
            "provides": list(self.provides),
            "error": self.error,
        }


@attrs.frozen
class _Loaded:
    plugins: tuple[Plugin, ...]
    rules: rules_layer.RuleSet


_NOTHING: Final = _Loaded((), rules_layer.RuleSet(()))
_lock = threading.RLock()
# one slot: the plugins found, once loaded (a cache, not a registry that grows)
_cache: dict[str, _Loaded] = {}
_loading = threading.local()
_off: contextvars.ContextVar[bool] = contextvars.ContextVar("ptcekit_plugins_off", default=False)


def enabled() -> bool:
    """Whether plugins are on: ``PTCEKIT_PLUGINS`` is not ``0`` and no :func:`disabled` block runs."""
    if _off.get():
        return False
    return os.environ.get(ENVIRONMENT_VARIABLE, "1").strip().lower() not in _OFF


@contextlib.contextmanager
def disabled() -> Iterator[None]:
    """Turn plugins off in this block (in this thread or task).

    Kinds a plugin has defined already stay defined (a module cannot be
    unimported), but no plugin is loaded in the block, and
    :func:`ptcekit.rules.default_rules` leaves the plugins' rules out.
    """
    token = _off.set(True)
    try:
        yield
    finally:
        _off.reset(token)


def _origin(entry_point: importlib.metadata.EntryPoint) -> tuple[str | None, str | None]:
    dist = getattr(entry_point, "dist", None)
    if dist is None:
        return None, None
    try:
        return dist.name, dist.version
    except Exception:  # broken metadata must not take the plugin listing down
        return None, None


def _is_kind(value: object) -> bool:
    return (
        isinstance(value, type)
        and issubclass(value, Actor | MutualisedAsset)
        and type(value.__dict__.get("type_tag")) is str
    )


def _kind_tags(name: str, loaded: object) -> tuple[str, ...]:
    """The tags of the kinds a ``ptcekit.kinds`` entry point gave; ``ValueError`` if it gave none."""
    if isinstance(loaded, types.ModuleType):
        found = [
            value
            for value in vars(loaded).values()
            if _is_kind(value) and value.__module__ == loaded.__name__
        ]
    elif _is_kind(loaded):
        found = [loaded]
    elif isinstance(loaded, Iterable) and not isinstance(loaded, str | bytes):
        found = list(loaded)
        for position, item in enumerate(found):
            if not _is_kind(item):
                reason = f"item {position} is {item!r:.60}, not a kind class"
                raise ValueError(reason)
    else:
        reason = (
            f"it gave {type(loaded).__name__} {loaded!r:.60}, not a module, a kind class "
            "(a subclass of Actor or MutualisedAsset with its own type_tag) or an iterable of them"
        )
        raise ValueError(reason)
    if not found:
        reason = f"module {name!r} defines no kind (a subclass of Actor or MutualisedAsset with its own type_tag)"
        raise ValueError(reason)
    return tuple(sorted(kind.__dict__["type_tag"] for kind in found))


def _entry_points(group: str) -> list[importlib.metadata.EntryPoint]:
    return sorted(importlib.metadata.entry_points(group=group), key=lambda ep: (ep.name, ep.value))


def _failed(entry_point: importlib.metadata.EntryPoint, group: str, error: str) -> Plugin:
    distribution, version = _origin(entry_point)
    plugin = Plugin(
        group=group,
        name=entry_point.name,
        target=entry_point.value,
        distribution=distribution,
        version=version,
        error=error,
    )
    message = (
        f"ptcekit: plugin {plugin.name!r} ({plugin.group} entry point {plugin.target!r} "
        f"of {plugin.origin}) cannot be used and is skipped: {error}"
    )
    warnings.warn(PluginWarning(message), stacklevel=4)
    return plugin


def _load_kinds() -> list[Plugin]:
    found: list[Plugin] = []
    for entry_point in _entry_points(KINDS_GROUP):
        try:
            tags = _kind_tags(entry_point.module, entry_point.load())
        except Exception as error:  # any failure of third-party code skips the plugin
            found.append(_failed(entry_point, KINDS_GROUP, f"{type(error).__name__}: {error}"))
            continue
        distribution, version = _origin(entry_point)
        found.append(
            Plugin(
                group=KINDS_GROUP,
                name=entry_point.name,
                target=entry_point.value,
                distribution=distribution,
                version=version,
                provides=tags,
            )
        )
    return found


def _load_rules() -> tuple[list[Plugin], rules_layer.RuleSet]:
    found: list[Plugin] = []
    collected: list[rules_layer.Rule] = []
    taken = set(rules_layer.builtin_rules().codes)
    for entry_point in _entry_points(RULES_GROUP):
        try:
            loaded = rules_layer.load_plugins((entry_point,), reserved=taken)
        except rules_layer.PluginError as error:
            found.append(_failed(entry_point, RULES_GROUP, error.reason))
            continue
        except Exception as error:  # any failure of third-party code skips the plugin
            found.append(_failed(entry_point, RULES_GROUP, f"{type(error).__name__}: {error}"))
            continue
        taken.update(loaded.codes)
        collected.extend(loaded.rules)
        distribution, version = _origin(entry_point)
        found.append(
            Plugin(
                group=RULES_GROUP,
                name=entry_point.name,
                target=entry_point.value,
                distribution=distribution,
                version=version,
                provides=tuple(sorted(loaded.codes)),
            )
        )
    return found, rules_layer.RuleSet(tuple(collected))


def _loaded() -> _Loaded:
    if not enabled():
        return _NOTHING
    cached = _cache.get("loaded")
    if cached is not None:
        return cached
    with _lock:
        cached = _cache.get("loaded")
        if cached is not None:
            return cached
        if getattr(_loading, "active", False):
            # a plugin being imported reads a document: its own kinds exist already
            return _NOTHING
        _loading.active = True
        try:
            kind_plugins = _load_kinds()
            rule_plugins, plugin_rules = _load_rules()
        finally:
            _loading.active = False
        loaded = _cache["loaded"] = _Loaded((*kind_plugins, *rule_plugins), plugin_rules)
        return loaded


def load() -> tuple[Plugin, ...]:
    """Load the installed plugins, once per process, and return them (those that failed included).

    Each later call returns what the first found. Nothing is loaded, and
    ``()`` is returned, while plugins are off (see :func:`enabled`).

    Warns:
        PluginWarning: for each plugin that cannot be used, on the call that loads it.
    """
    return _loaded().plugins


def rules() -> rules_layer.RuleSet:
    """Return the rules of the installed plugins (loading them once), or none while plugins are off."""
    return _loaded().rules


def reload() -> tuple[Plugin, ...]:
    """Look for installed plugins again and load them, for a notebook where one was just installed.

    A kind a plugin has defined already stays defined; a plugin's module is
    not imported a second time.
    """
    with _lock:
        _cache.clear()
        importlib.invalidate_caches()
        return load()


def _prepare_kinds() -> None:
    _loaded()


kinds.set_preparer(_prepare_kinds)
rules_layer.set_plugin_provider(rules)
