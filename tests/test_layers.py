"""Imports point down the layers (DESIGN §3): the model imports nothing above it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src"
PACKAGE = SRC / "ptcekit"

#: Each layer, and the ptcekit modules it may import (besides itself).
ALLOWED: dict[str, set[str]] = {
    "errors": set(),
    "_version": set(),
    "identifiers": {"errors"},
    "geo": {"errors"},
    "model": {"errors", "identifiers", "geo"},
    "testing": {"errors", "identifiers", "geo", "model"},
    "analysis": {"errors", "identifiers", "geo", "model"},
    "serialize": {"errors", "identifiers", "geo", "model"},
    "governance": {"errors", "identifiers", "geo", "model"},
    "rules": {"errors", "identifiers", "geo", "model", "governance"},
    "validators": {"model"},
    "sheets": {"errors", "identifiers", "geo", "model", "serialize"},
    "plugins": {"errors", "identifiers", "geo", "model", "rules", "serialize"},
    "envelope": {
        "errors",
        "identifiers",
        "geo",
        "model",
        "rules",
        "serialize",
        "plugins",
        "_version",
    },
    "cli": {
        "errors",
        "identifiers",
        "geo",
        "model",
        "analysis",
        "governance",
        "rules",
        "serialize",
        "sheets",
        "plugins",
        "envelope",
        "_version",
    },
    "__main__": {"cli"},
}


def imports_of(path: Path) -> set[str]:
    """Every absolute module name ``path`` imports."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def layer_of(path: Path) -> str:
    """The layer a module of the package belongs to: its first component under ptcekit."""
    relative = path.relative_to(PACKAGE)
    return relative.parts[0].removesuffix(".py")


def private_reach(own: tuple[str, ...], names: set[str]) -> list[str]:
    """The names among ``names`` that are private modules of a package other than ``own`` (and its parents)."""
    found = []
    for name in sorted(names):
        parts = tuple(name.split("."))
        for depth in range(1, len(parts)):
            module = parts[: depth + 1]
            is_module = (
                SRC.joinpath(*module).with_suffix(".py").exists()
                or (SRC.joinpath(*module) / "__init__.py").exists()
            )
            private = module[-1].startswith("_") and not module[-1].startswith("__")
            if private and is_module and own[:depth] != module[:-1]:
                found.append(".".join(module))
    return found


MODULES = sorted(p for p in PACKAGE.rglob("*.py") if p.name != "__init__.py" or p.parent != PACKAGE)


class TestLayers:
    @pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(SRC)))
    def test_imports_point_down(self, path: Path) -> None:
        """A module imports only its own layer and the layers below it."""
        layer = layer_of(path)
        assert layer in ALLOWED, f"{layer} is not a known layer"
        for name in imports_of(path):
            parts = name.split(".")
            if parts[0] != "ptcekit" or len(parts) < 2:
                continue
            target = parts[1]
            if target == layer or (
                not (PACKAGE / target).exists() and not (PACKAGE / f"{target}.py").exists()
            ):
                continue
            assert target in ALLOWED[layer], (
                f"{path.relative_to(SRC)} imports {name} ({layer} -> {target})"
            )

    @pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(SRC)))
    def test_no_private_module_of_another_package(self, path: Path) -> None:
        """A module imports no private (``_``) module of another package: each package's private modules are its own."""
        own = path.parent.relative_to(SRC).parts
        assert private_reach(own, imports_of(path)) == []

    def test_the_private_import_check_finds_a_reach_through(self) -> None:
        """The check refuses another package's private module, and accepts a package's own."""
        names = {"ptcekit.model", "ptcekit.model._values", "ptcekit.errors._short"}
        assert private_reach(("ptcekit", "serialize"), names) == ["ptcekit.model._values"]
        assert private_reach(("ptcekit", "model"), names) == []

    def test_every_layer_is_covered(self) -> None:
        """Every top-level module or package of ptcekit is a known layer."""
        found = {layer_of(p) for p in MODULES}
        assert found <= set(ALLOWED)
        assert {"model", "rules", "serialize", "cli"} <= found
