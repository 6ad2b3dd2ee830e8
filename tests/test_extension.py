"""Tests of extension kinds: a downstream module adds actor and asset kinds after ptcekit is in use."""

from __future__ import annotations

import gc
import importlib.util
import json
import sys
import types
from decimal import Decimal
from pathlib import Path
from typing import Any, ClassVar

import attrs
import jsonschema
import pytest

import ptcekit
from ptcekit import model as m
from ptcekit.serialize import (
    KindError,
    LoadError,
    available_backends,
    dumps,
    json_schema,
    kind_table,
    loads,
    make_converter,
    to_dict,
)

BACKENDS = available_backends()


def load_extension() -> types.ModuleType:
    """Import tests/extension_kinds.py once, under its own name (the tests folder is no package)."""
    name = "extension_kinds"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name(f"{name}.py"))
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


def _document() -> str:
    return json.dumps(
        {
            "ptcekit": "1",
            "actors": [
                {"type": "association", "id": "a", "name": "A"},
                {"type": "aura:regional_network", "id": "n", "name": "N", "region": "84", "member_count": 12},
            ],
            "assets": [{"type": "aura:shared_kitchen", "id": "k", "name": "K", "covers": 120, "daily_rate": "80.00"}],
        }
    )


class TestExtensionKinds:
    """Kinds defined after ptcekit was imported and used are read, written and described."""

    def test_kind_defined_after_first_use(self) -> None:
        """A converter that has already read documents finds a kind defined afterwards."""
        converter = make_converter()
        data = {"type": "test:late", "id": "l", "name": "L", "level": 2}
        with pytest.raises(LoadError, match=r"\$\.type: unknown actor type 'test:late'"):
            converter.structure(data, m.Actor)

        @attrs.frozen(kw_only=True)
        class Late(m.Person):
            type_tag: ClassVar[str] = "test:late"
            level: int = 0

        late = converter.structure(data, m.Actor)
        assert late == Late(id="l", name="L", level=2)
        assert converter.unstructure(late) == data
        assert converter.structure(data, m.Actor) == late  # now on the fast path
        del Late, late, converter
        gc.collect()
        assert "test:late" not in kind_table(m.Actor).tags

    @pytest.mark.parametrize("backend", BACKENDS)
    def test_round_trip_after_late_definition(self, backend: Any) -> None:
        """Once defined, the new kinds load, dump and round-trip with their extra fields."""
        ext = load_extension()
        eco = loads(_document(), backend=backend)
        network = eco.actor("n")
        assert type(network) is ext.RegionalNetwork
        assert network.member_count == 12
        assert network.sector is m.Sector.ESS
        kitchen = eco.asset("k")
        assert type(kitchen) is ext.SharedKitchen
        assert kitchen.daily_rate == Decimal("80.00")
        assert kitchen.category is m.AssetCategory.TECHNICAL
        text = dumps(eco, backend=backend)
        assert json.loads(text)["actors"][1] == {
            "type": "aura:regional_network",
            "id": "n",
            "name": "N",
            "region": "84",
            "member_count": 12,
        }
        assert loads(text, backend=backend) == eco
        assert dumps(loads(text, backend=backend), backend=backend) == text

    def test_extension_validators_are_reported(self) -> None:
        """A downstream validator's error is reported at the object's path, with its message."""
        load_extension()
        document = json.loads(_document())
        document["actors"][1]["member_count"] = -1
        with pytest.raises(LoadError) as info:
            loads(json.dumps(document))
        assert [str(p) for p in info.value.problems] == [
            "$.actors[1]: ValueError: 'member_count' must be >= 0: -1"
        ]

    def test_schema_picks_them_up(self) -> None:
        """json_schema() describes the extension kinds; the shipped schema (extensions=False) does not."""
        ext = load_extension()
        schema = json_schema()
        kitchen = schema["$defs"]["extension_kinds.SharedKitchen"]
        assert kitchen["properties"]["type"] == {"description": "The asset kind.", "const": "aura:shared_kitchen"}
        assert kitchen["properties"]["covers"]["description"] == "how many meals it can serve a day."
        assert {"$ref": "#/$defs/extension_kinds.RegionalNetwork"} in schema["$defs"]["Actor"]["oneOf"]
        assert "extension_kinds.RegionalNetwork" not in json_schema(extensions=False)["$defs"]
        eco = m.Ecosystem(actors=(ext.RegionalNetwork(id="n", name="N", region="84"),))
        jsonschema.validate(to_dict(eco), schema)
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(to_dict(eco), json_schema(extensions=False))

    def test_kind_table_lists_them(self) -> None:
        """The kind table of Actor, built now, has the extension's tag."""
        ext = load_extension()
        assert kind_table(m.Actor).by_tag["aura:regional_network"] is ext.RegionalNetwork
        assert kind_table(m.Association).by_tag.keys() == {"association", "aura:regional_network"}


class TestBadKinds:
    """Kinds that cannot be serialised get a clear KindError."""

    def test_kind_without_its_own_tag(self) -> None:
        """A concrete subclass that inherits its parent's tag cannot be written."""

        @attrs.frozen(kw_only=True)
        class Untagged(m.Association):
            note: str = "x"

        with pytest.raises(KindError) as info:
            make_converter().unstructure(Untagged(id="u", name="U"))
        assert info.value.cls.endswith("test_kind_without_its_own_tag.<locals>.Untagged")
        assert info.value.reason == (
            "a concrete actor kind must declare its own type_tag (a ClassVar[str] such as 'prefix:name')"
        )

    def test_plain_subclass(self) -> None:
        """A subclass not made by attrs is no kind: writing it says so."""

        class Plain(m.Person):
            pass

        with pytest.raises(KindError, match="an actor kind must be an attrs class of its own"):
            to_dict(Plain.__new__(Plain))

    def test_two_classes_one_tag(self) -> None:
        """Two live classes claiming one tag make that tag unusable, with both named."""
        converter = make_converter()

        @attrs.frozen(kw_only=True)
        class First(m.Person):
            type_tag: ClassVar[str] = "test:clash"

        @attrs.frozen(kw_only=True)
        class Second(m.Person):
            type_tag: ClassVar[str] = "test:clash"

        with pytest.raises(KindError, match="the type tag 'test:clash' is declared by both .*First and .*Second"):
            converter.unstructure(First(id="f", name="F"))
        with pytest.raises(KindError, match="declared by both"):
            converter.structure({"type": "test:clash", "id": "f", "name": "F"}, m.Actor)
        del First, Second, converter
        gc.collect()
        assert "test:clash" not in kind_table(m.Actor).tags

    def test_unsupported_field_type(self) -> None:
        """A field whose type the wire cannot carry is named."""

        @attrs.frozen(kw_only=True)
        class Odd(m.Person):
            type_tag: ClassVar[str] = "test:odd"
            data: dict = attrs.field(factory=dict)  # type: ignore[type-arg]

        with pytest.raises(KindError, match=r"field 'data' is annotated <class 'dict'>"):
            make_converter().unstructure(Odd(id="o", name="O"))
        del Odd
        gc.collect()

    def test_not_a_family(self) -> None:
        """kind_table only takes classes of a polymorphic family."""
        with pytest.raises(TypeError, match="Pole is not a polymorphic kind"):
            kind_table(m.Pole)

    def test_module_still_imports_ptcekit_first(self) -> None:
        """The extension module used ptcekit before defining its kinds."""
        ext = load_extension()
        assert ext._WARM_UP.actors[0].name == "Warm-up"
        assert ptcekit.Association.__subclasses__()
