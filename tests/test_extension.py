"""Tests of extension kinds: a downstream module adds actor and asset kinds after ptcekit is in use."""

from __future__ import annotations

import datetime as dt
import enum
import gc
import importlib.util
import json
import pickle
import sys
import types
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any, ClassVar

import attrs
import jsonschema  # type: ignore[import-untyped]  # no stubs in the test environment
import pytest

import ptcekit
from ptcekit import model as m
from ptcekit.errors import IdentifierError
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


@attrs.frozen(kw_only=True)
class Counted(m.Person):
    """A kind whose field has a plain attrs validator, none of ptcekit's."""

    type_tag: ClassVar[str] = "test:counted"
    count: int = attrs.field(default=0, validator=attrs.validators.ge(0))


class SinkRole(enum.StrEnum):
    A = "a"
    B = "b"


@attrs.frozen(kw_only=True)
class Sink(m.Person):
    type_tag: ClassVar[str] = "test:sink"
    rate: Decimal | None
    rates: tuple[Decimal, ...] = ()
    roles: tuple[SinkRole, ...] = ()
    friends: tuple[m.Actor, ...] = ()
    best_friend: m.Actor | None = None
    maybe: tuple[int | None, ...] = ()
    nested: tuple[tuple[str, ...], ...] = ()
    ratio: Fraction | None = Fraction(1, 2)
    level: int | None = 5
    when: tuple[dt.date, ...] = ()
    weights: tuple[float, ...] = ()
    flags: tuple[bool, ...] = ()
    code: str | None = attrs.field(default=None)

    @code.validator
    def _check_code(self, attribute: Any, value: str | None) -> None:
        if value == "bad":
            raise IdentifierError("test code", value, "expected anything but 'bad'")


@attrs.frozen(kw_only=True)
class Holder:
    sink: Sink
    inner: Unsupported | None = None


@attrs.frozen(kw_only=True)
class Unsupported:
    choice: int | str


SINK = Sink(
    id="s",
    name="S",
    rate=None,
    rates=(Decimal("1.50"), Decimal("-2")),
    roles=(SinkRole.B,),
    friends=(m.Person(id="f", name="F"), m.Association(id="g", name="G")),
    best_friend=m.Person(id="b", name="B"),
    maybe=(1, None),
    nested=(("x",), ()),
    ratio=None,
    level=None,
    when=(dt.date(2024, 1, 31),),
    weights=(1e-7, 0.5),
    flags=(True, False),
)


def load_extension() -> types.ModuleType:
    """Import tests/extension_kinds.py once, under its own name (the tests folder is no package)."""
    name = "extension_kinds"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name(f"{name}.py"))
        assert spec is not None
        assert spec.loader is not None
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
                {
                    "type": "aura:regional_network",
                    "id": "n",
                    "name": "N",
                    "region": "84",
                    "member_count": 12,
                },
            ],
            "assets": [
                {
                    "type": "aura:shared_kitchen",
                    "id": "k",
                    "name": "K",
                    "covers": 120,
                    "daily_rate": "80.00",
                }
            ],
        }
    )


class TestExtensionKinds:
    """Kinds defined after ptcekit was imported and used are read, written and described."""

    def test_kind_defined_after_first_use(self) -> None:
        """A converter that has already read documents finds a kind defined afterwards."""
        converter = make_converter(unknown="keep")
        data = {"type": "test:late", "id": "l", "name": "L", "level": 2, "x_kept": [1]}
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
        assert isinstance(network, ext.RegionalNetwork)
        assert network.member_count == 12
        assert network.sector is m.Sector.ESS
        kitchen = eco.asset("k")
        assert isinstance(kitchen, ext.SharedKitchen)
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
        """A downstream field declared with ptcekit's validators is reported at its own path, in their words."""
        load_extension()
        document = json.loads(_document())
        document["actors"][1]["member_count"] = -1
        with pytest.raises(LoadError) as info:
            loads(json.dumps(document))
        assert [str(p) for p in info.value.problems] == [
            "$.actors[1].member_count: expected an int >= 0, got -1 (a number)"
        ]

    def test_third_party_validators_are_reported(self) -> None:
        """A plain attrs validator's error is reported at its field's path, with its message."""
        document = {
            "ptcekit": "1",
            "actors": [{"type": "test:counted", "id": "c", "name": "C", "count": -1}],
        }
        with pytest.raises(LoadError) as info:
            loads(json.dumps(document))
        assert [str(p) for p in info.value.problems] == [
            "$.actors[0].count: ValueError: 'count' must be >= 0: -1"
        ]

    def test_schema_picks_them_up(self) -> None:
        """json_schema() describes the extension kinds; the shipped schema (extensions=False) does not."""
        ext = load_extension()
        schema = json_schema()
        kitchen = schema["$defs"]["extension_kinds.SharedKitchen"]
        assert kitchen["properties"]["type"] == {
            "description": "The asset kind.",
            "const": "aura:shared_kitchen",
        }
        assert (
            kitchen["properties"]["covers"]["description"] == "how many meals it can serve a day."
        )
        assert {"$ref": "#/$defs/extension_kinds.RegionalNetwork"} in schema["$defs"]["Actor"][
            "oneOf"
        ]
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


class TestEveryFieldShape:
    """A kind with every shape of field the wire carries: arrays of each, optional kinds, nesting."""

    @pytest.mark.parametrize("backend", BACKENDS)
    def test_round_trip(self, backend: Any) -> None:
        """Every shape is written and read back, with the same bytes from both backends."""
        text = dumps(SINK, backend=backend)
        assert json.loads(text)["weights"] == [1e-7, 0.5]
        assert json.loads(text)["rate"] is None
        assert json.loads(text)["ratio"] is None
        assert loads(text, m.Actor, backend=backend) == SINK
        assert text == dumps(SINK, backend="json")

    def test_every_bad_item_is_reported(self) -> None:
        """A wrong item in each array is reported at its index."""
        data = to_dict(SINK)
        data.update(
            rates=["x"],
            roles=["c"],
            friends=[{"type": "nope", "id": "n", "name": "N"}],
            maybe=["s"],
            nested=[[1]],
            when=["bad"],
            weights=["w"],
            flags=[1],
        )
        with pytest.raises(LoadError) as info:
            make_converter().structure(data, m.Actor)
        assert [p.path for p in info.value.problems] == [
            "$.rates[0]",
            "$.roles[0]",
            "$.friends[0].type",
            "$.maybe[0]",
            "$.nested[0][0]",
            "$.when[0]",
            "$.weights[0]",
            "$.flags[0]",
        ]
        assert info.value.problems[1].message == 'expected one of "a", "b", got "c" (a string)'

    def test_missing_optional_required_field(self) -> None:
        """A required field that may be null still has to be given; the message says null is fine."""
        data = to_dict(SINK)
        del data["rate"]
        with pytest.raises(LoadError) as info:
            loads(json.dumps(data), m.Actor)
        assert [str(p) for p in info.value.problems] == [
            (
                "$.rate: missing required key 'rate' (expected an exact decimal written as a string, "
                'such as "1200.50" or null)'
            )
        ]

    def test_other_ptcekit_errors_of_validators(self) -> None:
        """A validator raising another ptcekit error is reported at the object with its message."""
        data = {**to_dict(SINK), "code": "bad"}
        with pytest.raises(LoadError) as info:
            loads(json.dumps(data), m.Actor)
        assert [str(p) for p in info.value.problems] == [
            "$: invalid test code 'bad': expected anything but 'bad'"
        ]

    def test_schema_of_every_shape(self) -> None:
        """The schema describes every shape, and the dumped kind is valid against it."""
        schema = json_schema()
        sink = schema["$defs"]["tests.test_extension.Sink"]
        assert "description" not in sink
        assert sink["properties"]["rates"] == {
            "default": [],
            "type": "array",
            "items": {"$ref": "#/$defs/Decimal"},
        }
        assert sink["properties"]["ratio"]["default"] == "1/2"
        assert schema["$defs"]["tests.test_extension.SinkRole"] == {
            "type": "string",
            "enum": ["a", "b"],
        }
        jsonschema.validate({"ptcekit": "1", "actors": [to_dict(SINK)]}, schema)

    def test_missing_share_value_is_rendered_as_null(self) -> None:
        """A model error about a key that was not given shows what the model saw."""
        data = {"actor": "a", "share": {}}
        with pytest.raises(LoadError) as info:
            loads(json.dumps(data), m.Ownership)
        assert [str(p) for p in info.value.problems] == [
            "$.share.fraction: expected a fraction, or a minimum and/or a maximum, got null"
        ]


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

        with pytest.raises(
            KindError, match=r"the type tag 'test:clash' is declared by both .*First and .*Second"
        ):
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
        # other kinds still load while the odd one exists
        assert make_converter().structure(
            {"type": "person", "id": "p", "name": "P"}, m.Actor
        ) == m.Person(id="p", name="P")
        del Odd
        gc.collect()

    def test_unsupported_nested_class(self) -> None:
        """A class whose nested class cannot be serialised fails with a KindError, and stays unusable."""
        converter = make_converter()
        for _ in range(2):
            with pytest.raises(
                KindError, match=r"Unsupported: field 'choice' is annotated int \| str"
            ):
                converter.structure({"sink": to_dict(SINK)}, Holder)

    def test_unresolvable_and_factory_fields(self) -> None:
        """Annotations that do not resolve, and factory defaults, are refused with a reason."""

        @attrs.frozen(kw_only=True)
        class Unresolved:
            value: NoSuchType  # type: ignore[name-defined]  # noqa: F821 -- the point of the test

        @attrs.frozen(kw_only=True)
        class Factory:
            values: tuple[str, ...] = attrs.field(factory=tuple)

        with pytest.raises(
            KindError, match=r"Unresolved: cannot resolve its annotations \(name 'NoSuchType'"
        ):
            to_dict(Unresolved(value=1))
        with pytest.raises(KindError, match="field 'values' has a factory default"):
            to_dict(Factory())

    def test_not_a_class(self) -> None:
        """Reading as something that is not a class is a KindError."""
        with pytest.raises(KindError, match="cannot serialise int: not a ptcekit value class"):
            make_converter().load({}, 3)  # type: ignore[arg-type]

    def test_kind_error_pickles(self) -> None:
        """KindError keeps its class and reason through pickling."""
        error = KindError("X", "why")
        copy = pickle.loads(pickle.dumps(error))
        assert (copy.cls, copy.reason, str(copy)) == ("X", "why", "cannot serialise X: why")

    def test_not_a_family(self) -> None:
        """kind_table only takes classes of a polymorphic family."""
        with pytest.raises(TypeError, match="Pole is not a polymorphic kind"):
            kind_table(m.Pole)

    def test_module_still_imports_ptcekit_first(self) -> None:
        """The extension module used ptcekit before defining its kinds."""
        ext = load_extension()
        assert ext._WARM_UP.actors[0].name == "Warm-up"
        assert ptcekit.Association.__subclasses__()
