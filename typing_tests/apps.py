"""Usage of the result envelope and the plugins that must type-check under ``mypy --strict``.

Lines ending in ``# type: ignore[...]`` must be errors: with
``warn_unused_ignores`` (part of strict), mypy fails if one of them is not.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import ptcekit
import ptcekit.plugins
from ptcekit.envelope import Envelope, Status, envelope_schema, pointer

RULES = ptcekit.default_rules()

result: Envelope = ptcekit.check(b'{"ptcekit": "1"}', rules=RULES, as_of=dt.date(2024, 1, 1))
from_file: Envelope = ptcekit.check(Path("examples/tetris.json"), fail_on="warning")
status: Status = result.status
ok: bool = result.ok and result.loaded
data: dict[str, Any] = result.to_dict()
text: str = result.to_json(indent=2)
schema: dict[str, Any] = envelope_schema()
where: str = pointer("$.actors[0].siren")

found: tuple[ptcekit.plugins.Plugin, ...] = ptcekit.plugins.load()
names: list[str | None] = [plugin.distribution for plugin in ptcekit.plugins.reload()]
with ptcekit.plugins.disabled():
    off: bool = ptcekit.plugins.enabled()
extra: ptcekit.RuleSet = ptcekit.plugins.rules()

ptcekit.check(42)  # type: ignore[arg-type]
bad_status: Status = "fine"  # type: ignore[assignment]
