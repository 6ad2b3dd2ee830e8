"""A third-party plugin, installed for the tests through ``importlib.metadata`` (offline, no pip).

:func:`install` writes a distribution ``ptcekit-fixture`` (a package with a
kind module and a rule module, and its ``*.dist-info`` with the entry points
``ptcekit.kinds`` and ``ptcekit.rules``) into a directory; that directory on
``sys.path``, or in a subprocess's ``PYTHONPATH``, makes it installed.
``broken=True`` also writes ``ptcekit-broken``, whose two entry points fail.

Run as a script, it writes the plugins into the directory it is given, so
that the whole test suite can be run with them installed::

    python tests/plugin_fixture.py /tmp/plugins
    PYTHONPATH=/tmp/plugins python -m pytest
"""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

#: The kind tags and rule code the fixture plugin brings.
NETWORK_TAG = "fixture:network"
KITCHEN_TAG = "fixture:kitchen"
RULE_CODE = "FIXT001"

_KINDS = '''\
"""Kinds of the fixture plugin."""

from typing import ClassVar

import attrs

import ptcekit


@attrs.frozen(kw_only=True, repr=False)
class FixtureNetwork(ptcekit.Association):
    """A network of associations (a fixture kind).

    Attributes:
        reach: how many places it reaches.
    """

    type_tag: ClassVar[str] = "fixture:network"

    reach: int = 0


@attrs.frozen(kw_only=True, repr=False)
class FixtureKitchen(ptcekit.SharedPremises):
    """A shared kitchen (a fixture kind).

    Attributes:
        covers: meals a day.
    """

    type_tag: ClassVar[str] = "fixture:kitchen"

    covers: int = 0
'''

_RULES = '''\
"""Rules of the fixture plugin."""

from ptcekit.rules import Rule, RuleSet

from ptcekit_fixture.kinds import FixtureNetwork


def _reach(context):
    for position, actor in enumerate(context.ecosystem.actors):
        if isinstance(actor, FixtureNetwork) and actor.reach == 0:
            message = f"network {actor.id!r} records no reach"
            yield context.finding(message, f"$.actors[{position}].reach", subject=actor.id)


RULES = RuleSet((
    Rule(
        code="FIXT001",
        title="A fixture network records its reach",
        severity="warning",
        kind="heuristic",
        confidence="reading",
        source="Charte du réseau des tiers-lieux, art. 2",
        url="https://example.org/charte",
        explanation="A fixture rule: a network says how many places it reaches.",
        check=_reach,
        applies_to="actors",
    ),
))
'''

_METADATA = """\
Metadata-Version: 2.1
Name: {name}
Version: 0.1
"""


def _dist(root: Path, name: str, entry_points: str) -> None:
    info = root / f"{name.replace('-', '_')}-0.1.dist-info"
    info.mkdir(parents=True, exist_ok=True)
    (info / "METADATA").write_text(_METADATA.format(name=name), encoding="utf-8")
    (info / "entry_points.txt").write_text(textwrap.dedent(entry_points), encoding="utf-8")


def install(root: Path, *, broken: bool = False) -> Path:
    """Write the fixture plugin (and, with ``broken``, a broken one) into ``root``; return ``root``."""
    package = root / "ptcekit_fixture"
    package.mkdir(parents=True, exist_ok=True)
    (package / "__init__.py").write_text('"""The fixture plugin."""\n', encoding="utf-8")
    (package / "kinds.py").write_text(_KINDS, encoding="utf-8")
    (package / "rules.py").write_text(_RULES, encoding="utf-8")
    _dist(
        root,
        "ptcekit-fixture",
        """\
        [ptcekit.kinds]
        fixture = ptcekit_fixture.kinds

        [ptcekit.rules]
        fixture = ptcekit_fixture.rules:RULES
        """,
    )
    if broken:
        _dist(
            root,
            "ptcekit-broken",
            """\
            [ptcekit.kinds]
            broken_kinds = ptcekit_fixture.missing

            [ptcekit.rules]
            broken = nonexistent_module_xyz:RULES
            """,
        )
    return root


#: A document using both fixture kinds.
DOCUMENT = (
    '{"ptcekit": "1", "as_of": "2024-01-01",'
    ' "actors": [{"type": "fixture:network", "id": "net", "name": "Réseau"}],'
    ' "assets": [{"type": "fixture:kitchen", "id": "kit", "name": "Cuisine", "covers": 40}]}'
)


if __name__ == "__main__":
    install(Path(sys.argv[1]), broken="--broken" in sys.argv[2:])
