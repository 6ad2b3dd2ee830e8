"""Format versions of the wire document, and the upgrades from older ones."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any

import attrs

from ptcekit.errors import InvalidValueError, LoadError
from ptcekit.serialize._diagnose import (
    bad_version,
    missing_version,
    newer_version,
    no_upgrade,
    upgrade_failed,
    upgrade_not_dict,
)

__all__ = ["FORMAT_VERSION", "UPGRADES", "VERSION_KEY", "Upgrade", "Upgrades"]

#: The format version this ptcekit writes, and the newest it reads.
FORMAT_VERSION = "1"

#: The document key that holds the format version; it comes first in a dump.
VERSION_KEY = "ptcekit"

# at most nine digits: int() of it is cheap and never refused
_VERSION = re.compile(r"[1-9][0-9]{0,8}|0")

#: An upgrade takes a document of one version and returns it in the next.
#: It returns a new dict and leaves its argument unchanged.
Upgrade = Callable[[dict[str, Any]], dict[str, Any]]


def _frozen_steps(
    steps: Mapping[str, tuple[str, Upgrade]],
) -> Mapping[str, tuple[str, Upgrade]]:
    return MappingProxyType(dict(steps))


@attrs.frozen
class Upgrades:
    """An immutable registry of upgrades from older format versions.

    Each step turns a document of version ``source`` into one of a newer
    ``target``; :meth:`~ptcekit.serialize.Upgrades.upgrade` follows the steps up to the current version.
    Add a step with :meth:`~ptcekit.serialize.Upgrades.with_step`, which returns a new registry.

    >>> def rename_kind(doc):
    ...     return {**doc, "actors": [{**a, "type": a["kind"]} for a in doc["actors"]]}
    >>> upgrades = Upgrades().with_step("0", "1", rename_kind)
    >>> upgrades.sources
    ('0',)
    """

    steps: Mapping[str, tuple[str, Upgrade]] = attrs.field(factory=dict, converter=_frozen_steps)

    @property
    def sources(self) -> tuple[str, ...]:
        """The versions this registry can upgrade from, oldest first."""
        return tuple(sorted(self.steps, key=int))

    def with_step(self, source: str, target: str, upgrade: Upgrade) -> Upgrades:
        """Return a registry with one more step, from ``source`` to ``target``.

        Raises:
            ValueError: (an :class:`~ptcekit.errors.InvalidValueError`) if a
                version is malformed, ``target`` is not newer than ``source``,
                or ``source`` already has a step.
        """
        for name, version in (("source", source), ("target", target)):
            if type(version) is not str or _VERSION.fullmatch(version) is None:
                raise InvalidValueError("Upgrades", name, "a format version such as '1'", version)
        if int(target) <= int(source):
            raise InvalidValueError(
                "Upgrades", "target", f"a version newer than the source {source!r}", target
            )
        if source in self.steps:
            raise InvalidValueError("Upgrades", "source", "a version with no step yet", source)
        return Upgrades({**self.steps, source: (target, upgrade)})

    def upgrade(
        self, document: dict[str, Any], version: str, current: str = FORMAT_VERSION
    ) -> dict[str, Any]:
        """Return ``document``, of format ``version``, upgraded to ``current``.

        Raises:
            ValueError: (a :class:`~ptcekit.errors.LoadError`) if no chain of
                steps leads from ``version`` to ``current``, or a step fails.
        """
        while version != current:
            step = self.steps.get(version)
            if step is None:
                known = ", ".join(repr(v) for v in self.sources) or "none"
                raise LoadError([no_upgrade(f"$.{VERSION_KEY}", version, current, known)])
            target, function = step
            try:
                upgraded = function(document)
            except Exception as error:
                raise LoadError([upgrade_failed(version, target, error)]) from error
            if type(upgraded) is not dict:
                raise LoadError([upgrade_not_dict(version, upgraded)])
            document = {**upgraded, VERSION_KEY: target}
            version = target
        return document


#: The upgrades ptcekit ships. Version 1 is the first format, so there are none yet.
UPGRADES = Upgrades()


def check_version(document: dict[str, Any], current: str = FORMAT_VERSION) -> str:
    """Return the document's format version, if ptcekit can read it.

    Raises:
        ValueError: (a :class:`~ptcekit.errors.LoadError`) if the version is
            missing, malformed or newer than ``current``.
    """
    path = f"$.{VERSION_KEY}"
    if VERSION_KEY not in document:
        raise LoadError([missing_version(path, VERSION_KEY, current)])
    version = document[VERSION_KEY]
    if type(version) is not str or _VERSION.fullmatch(version) is None:
        raise LoadError([bad_version(path, version, current)])
    if int(version) > int(current):
        raise LoadError([newer_version(path, version, current)])
    return version
