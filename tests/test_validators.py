"""Tests of ptcekit.validators: validator and converter values, and a downstream kind declared with them."""

from __future__ import annotations

import datetime as dt
import json
import pickle
import re
import types
from decimal import Decimal
from fractions import Fraction
from typing import Any, ClassVar

import attrs
import jsonschema  # type: ignore[import-untyped]  # no stubs in the test environment
import pytest

import ptcekit
from ptcekit import validators as v
from ptcekit.errors import FieldTypeError, IdentifierError, InvalidValueError
from ptcekit.identifiers import commune, departement, siren, siret
from ptcekit.model import Actor, CompanyForm, MemberRole, Pole, Sector
from ptcekit.rules import builtin_rules, validate
from ptcekit.serialize import LoadError, dumps, json_schema, loads
from ptcekit.serialize._fields import class_spec, field_doc, field_docs


@attrs.frozen(kw_only=True, repr=False)
class Hive(ptcekit.SharedEquipment):
    """A beehive shared by the beekeepers of a territory (a downstream kind).

    Attributes:
        frames: how many frames it holds.
        keeper: the actor who looks after it.
        apiary: the commune of its apiary.
        queens: the names of its queens, one per year.
        yield_share: the part of the honey its keeper keeps.
    """

    type_tag: ClassVar[str] = "apis:hive"

    frames: int = attrs.field(default=10, validator=v.Integer(minimum=1, maximum=40))
    keeper: str | None = attrs.field(default=None, validator=v.Reference(to=Actor, optional=True))
    apiary: str | None = attrs.field(default=None, validator=v.commune_code(optional=True))
    queens: tuple[str, ...] = attrs.field(
        default=(),
        converter=v.ToTuple[str],
        validator=v.TupleOf(v.Text(multiline=False), unique=True, what="queen names"),
    )
    yield_share: Fraction | None = attrs.field(
        default=None,
        converter=v.ToFraction[Fraction | None],
        validator=v.FractionRange(include_low=False, optional=True),
    )


def _document(**hive: Any) -> dict[str, Any]:
    return {
        "ptcekit": "1",
        "actors": [{"type": "association", "id": "rucher", "name": "Le Rucher"}],
        "poles": [{"id": "pole-sud", "name": "Pôle Sud"}],
        "assets": [{"type": "apis:hive", "id": "ruche-1", "name": "Ruche 1", **hive}],
    }


def _field(name: str = "frames") -> attrs.Attribute[Any]:
    field: attrs.Attribute[Any] = getattr(attrs.fields(Hive), name)
    return field


class TestValues:
    def test_reprs_show_the_parameters_that_differ_from_their_defaults(self) -> None:
        """A validator or converter reads back as the call that makes it."""
        assert repr(v.Text(multiline=False)) == "Text(multiline=False)"
        assert repr(v.Reference(to=Pole, optional=True)) == "Reference(to=Pole, optional=True)"
        assert (
            repr(v.IdentifierOf(siren, compact=True)) == "IdentifierOf(module=siren, compact=True)"
        )
        assert repr(v.ToEnum[CompanyForm | None]) == "ToEnum(enum=CompanyForm, optional=True)"
        assert repr(v.ToTuple[str]) == "ToTuple()"
        assert repr(v.ToDecimal[Decimal | None]) == "ToDecimal(optional=True)"
        assert repr(v.All(v.Id(), v.Boolean())) == "All(Id(), Boolean())"
        assert repr(v.Pattern(v.ID_PATTERN, "an id")).startswith("Pattern(regex=re.compile(")

    def test_values_compare_hash_and_pickle_by_their_parameters(self) -> None:
        """Two validators with the same parameters are equal, hash alike and survive pickling."""
        assert v.Integer(minimum=0) == v.Integer(minimum=0)
        assert hash(v.Integer(minimum=0)) == hash(v.Integer(minimum=0))
        assert v.Integer(minimum=0) != v.Integer(minimum=1)
        assert v.ToEnum[MemberRole] == v.ToEnum[MemberRole]
        assert pickle.loads(pickle.dumps(v.FractionRange(high=None))) == v.FractionRange(high=None)

    def test_leaves_flatten_all(self) -> None:
        """leaves() gives the parts of nested All values in order."""
        assert v.leaves(v.All(v.Id(), v.All(v.Date(), v.Boolean()))) == (
            v.Id(),
            v.Date(),
            v.Boolean(),
        )
        assert v.leaves(v.Text()) == (v.Text(),)

    def test_converters_applied_to_types(self) -> None:
        """ToEnum, ToTuple, ToDecimal and ToFraction convert, and leave None to optional fields."""
        assert v.ToEnum[Sector]("ess") is Sector.ESS
        assert v.ToEnum[Sector]("nothing") == "nothing"
        assert v.ToEnum[Sector | None](None) is None
        assert v.ToTuple[int](iter([1, 2])) == (1, 2)
        assert v.ToDecimal[Decimal](" 1.50 ") == Decimal("1.50")
        assert v.ToFraction[Fraction | None](None) is None
        assert v.ToFraction[Fraction]("2/4") == Fraction(1, 2)
        assert v.Compact(siren)("732 829 320") == "732829320"
        assert v.Compact(siren)(732829320) == 732829320

    def test_reference_names_its_family(self) -> None:
        """A reference gives its family as a class and in words, also when named by a string."""
        assert v.Reference(to="MutualisedAsset").target is ptcekit.MutualisedAsset
        assert v.Reference(to="MutualisedAsset").noun == "an asset"
        assert v.Reference(to=Hive).noun == "an asset"  # a kind is named as its family
        assert v.Reference(to=Sector).noun == "a Sector"  # a class of no family, by its name


class TestMessages:
    @pytest.mark.parametrize(
        ("validator", "value", "error", "message"),
        [
            (
                v.Integer(minimum=1, maximum=40),
                0,
                InvalidValueError,
                "expected an int between 1 and 40, got 0",
            ),
            (v.Integer(), True, FieldTypeError, "expected an int, got True (bool)"),
            (
                v.Degrees(90),
                91.0,
                InvalidValueError,
                "expected degrees between -90 and 90, got 91.0",
            ),
            (
                v.Degrees(90),
                "N",
                FieldTypeError,
                "expected a number of degrees (float), got 'N' (str)",
            ),
            (
                v.Reference(to=Pole),
                "a b",
                InvalidValueError,
                f"expected {v.ID_EXPECTED}, got 'a b'",
            ),
            (v.Reference(to=Pole), 3, FieldTypeError, "expected an id (str), got 3 (int)"),
            (
                v.Boolean(optional=True),
                1,
                FieldTypeError,
                "expected a bool or None (unknown), got 1 (int)",
            ),
            (v.Date(), dt.datetime(2024, 1, 1), FieldTypeError, "expected a datetime.date, got"),
            (
                v.FractionRange(include_high=False),
                Fraction(1),
                InvalidValueError,
                "expected a fraction in [0, 1), got Fraction(1, 1)",
            ),
            (
                v.IdentifierOf(siret, compact=True),
                "732 829 320 00075",
                InvalidValueError,
                "expected a valid SIRET (",
            ),
            (
                v.Pattern(v.ID_PATTERN, "a code", what="a code (str)"),
                7,
                FieldTypeError,
                "expected a code (str), got 7 (int)",
            ),
            (v.Member(MemberRole), "boss", InvalidValueError, "expected a MemberRole (one of"),
        ],
    )
    def test_bad_values_are_refused_naming_class_field_and_value(
        self, validator: Any, value: object, error: type[Exception], message: str
    ) -> None:
        """Each validator says which field of which class, what it expected and what it got."""
        with pytest.raises(error) as info:
            validator(Hive(id="h", name="H"), _field(), value)
        assert str(info.value).startswith(f"Hive.frames: {message}")

    def test_a_bad_item_names_its_index(self) -> None:
        """TupleOf reports a bad item at field[index], with the index as an attribute."""
        with pytest.raises(InvalidValueError) as info:
            Hive(id="h", name="H", queens=("Reine 2023", " "))
        assert info.value.field == "queens[1]"
        assert info.value.index == 1
        assert pickle.loads(pickle.dumps(info.value)).index == 1


def _scheme() -> types.ModuleType:
    """An identifiers module of a downstream project, with no compact form stated."""
    module = types.ModuleType("beehive_ids")

    def compact(value: str) -> str:
        return value.replace(" ", "").upper()

    def validate(value: str) -> str:
        code = compact(value)
        if not (len(code) == 6 and code.startswith("HV")):
            raise IdentifierError("hive number", value, "expected HV and 4 characters")
        return code

    module.KIND = "hive number"  # type: ignore[attr-defined]  # a module made for the test
    module.compact = compact  # type: ignore[attr-defined]  # as above
    module.validate = validate  # type: ignore[attr-defined]  # as above
    return module


SCHEME = _scheme()


@attrs.frozen(kw_only=True)
class Registered:
    """A value with identifiers of every sort the loader meets.

    Attributes:
        number: a downstream identifier, compacted by its validator.
        siren: a SIREN compacted by a converter.
        code: a code compacted by its pattern's validator.
        day: a date checked by ptcekit's helper.
    """

    number: str = attrs.field(validator=v.IdentifierOf(SCHEME, compact=True))
    siren: str | None = attrs.field(
        default=None, converter=v.Compact(siren), validator=v.IdentifierOf(siren, optional=True)
    )
    code: str | None = attrs.field(
        default=None,
        validator=v.Pattern(re.compile("[0-9]{4}"), "4 digits", optional=True, compact=str.strip),
    )
    period: ptcekit.Period | None = attrs.field(default=None, validator=v.period(optional=True))


class TestCompaction:
    def test_construction_compacts(self) -> None:
        """Identifiers and patterns with a compact function keep the compact form."""
        value = Registered(number="hv 12 34", siren="732 829 320", code=" 9220 ")
        assert (value.number, value.siren, value.code) == ("HV1234", "732829320", "9220")
        with pytest.raises(InvalidValueError) as info:
            Registered(number="XX")
        assert str(info.value) == (
            "Registered.number: expected a valid hive number (expected HV and 4 characters), got 'XX'"
        )

    def test_loading_compacts_as_construction_does(self) -> None:
        """The loader gives what the class gives, for values in and out of compact form."""
        wire = {"number": "hv 12 34", "siren": "732829320", "code": "9220"}
        loaded = ptcekit.serialize.from_dict(wire, Registered)
        assert loaded == Registered(**wire)
        assert loaded.number == "HV1234"
        with pytest.raises(LoadError):
            ptcekit.serialize.from_dict({"number": "XX"}, Registered)

    def test_a_compact_function_that_refuses_leaves_the_value_to_the_check(self) -> None:
        """A form the compact function refuses is checked as it is."""

        def refuse(value: str) -> str:
            raise IdentifierError("code", value, "refused")

        check = v.Pattern(re.compile("[0-9]{4}"), "4 digits", compact=refuse)
        with pytest.raises(InvalidValueError) as info:
            check(Registered(number="HV0000"), _registered("code"), " 12 ")
        assert info.value.got == " 12 "

    def test_legal_categories_are_stored_compact(self) -> None:
        """A catégorie juridique with spaces around is stored as its 4 digits; the wire carries only those."""
        assert (
            ptcekit.Association(id="a", name="A", legal_category=" 9220 ").legal_category == "9220"
        )
        document = {
            "ptcekit": "1",
            "actors": [{"type": "association", "id": "a", "name": "A", "legal_category": " 9220"}],
        }
        with pytest.raises(LoadError) as info:
            loads(_json(document))
        assert [problem.path for problem in info.value.problems] == ["$.actors[0].legal_category"]

    def test_helpers_make_the_values(self) -> None:
        """The helper functions return the validator values they stand for."""
        assert v.departement_code() == v.IdentifierOf(
            departement, kind="COG département code", compact=True
        )
        assert v.period(optional=True) == v.Instance(ptcekit.Period, optional=True)
        assert v.IdentifierOf(siren).pattern == siren.COMPACT_PATTERN
        assert v.IdentifierOf(SCHEME).pattern is None


def _registered(name: str) -> attrs.Attribute[Any]:
    field: attrs.Attribute[Any] = getattr(attrs.fields(Registered), name)
    return field


class TestFieldDocs:
    def test_field_docs_come_from_the_attributes_section_and_metadata(self) -> None:
        """A field's doc is its description metadata, else its Attributes entry, inherited too."""

        @attrs.frozen(kw_only=True)
        class Noted:
            """Noted.

            Attributes:
                a: from the docstring.
                b: not used: the metadata wins.
            """

            a: int = 0
            b: int = attrs.field(default=0, metadata={"description": "from the metadata."})

        assert field_docs(Noted) == {"a": "from the docstring.", "b": "from the metadata."}
        assert field_doc(Hive, "frames") == "how many frames it holds."
        assert field_doc(Hive, "name") == "its name."
        assert field_doc(Hive, "nothing") is None
        assert class_spec(Hive).fields[0].description == field_doc(Hive, "id")


class TestExtensionKind:
    def test_construction_checks_the_new_fields(self) -> None:
        """A subclass's fields declared with the validators are checked on construction."""
        with pytest.raises(InvalidValueError) as info:
            Hive(id="h", name="H", frames=0)
        assert str(info.value) == "Hive.frames: expected an int between 1 and 40, got 0"
        with pytest.raises(InvalidValueError):
            Hive(id="h", name="H", apiary="99999")
        hive = Hive(id="h", name="H", apiary=" 2a004 ", yield_share="1/2", queens=["Reine"])
        assert hive.apiary == "2A004"
        assert hive.yield_share == Fraction(1, 2)
        assert hive.queens == ("Reine",)

    @pytest.mark.parametrize(
        ("hive", "path", "message"),
        [
            ({"frames": 0}, "$.assets[0].frames", "expected an int between 1 and 40, got 0"),
            ({"frames": 41}, "$.assets[0].frames", "expected an int between 1 and 40, got 41"),
            ({"yield_share": "0"}, "$.assets[0].yield_share", "expected a fraction in (0, 1], got"),
            ({"queens": ["A", "A"]}, "$.assets[0].queens", "expected queen names without repeats"),
            ({"keeper": "a b"}, "$.assets[0].keeper", f'expected {v.ID_EXPECTED}, got "a b"'),
            ({"apiary": "2a004"}, "$.assets[0].apiary", "expected a COG commune code such as"),
        ],
    )
    def test_loading_checks_them_as_strictly(
        self, hive: dict[str, Any], path: str, message: str
    ) -> None:
        """A document is refused at the field's path with the message construction gives."""
        with pytest.raises(LoadError) as info:
            loads(_json(_document(**hive)))
        problems = [(problem.path, problem.message) for problem in info.value.problems]
        assert len(problems) == 1
        assert problems[0][0] == path
        assert problems[0][1].startswith(message)

    def test_round_trip(self) -> None:
        """A hive with every field loads back equal, through the schema."""
        eco = loads(
            _json(
                _document(
                    frames=12, keeper="rucher", apiary="26281", queens=["A", "B"], yield_share="1/3"
                )
            )
        )
        (hive,) = eco.assets
        assert isinstance(hive, Hive)
        assert (hive.frames, hive.keeper, hive.apiary, hive.queens) == (
            12,
            "rucher",
            "26281",
            ("A", "B"),
        )
        assert loads(dumps(eco)) == eco
        jsonschema.validate(json.loads(dumps(eco)), json_schema())

    def test_the_schema_shows_bounds_patterns_uniqueness_and_references(self) -> None:
        """The schema of the extension kind carries what its validators check."""
        properties = json_schema()["$defs"]["tests.test_validators.Hive"]["properties"]
        assert (properties["frames"]["minimum"], properties["frames"]["maximum"]) == (1, 40)
        assert (
            properties["keeper"]["description"]
            == "the actor who looks after it (the id of an actor)."
        )
        assert properties["apiary"]["pattern"] == f"^(?:{commune.COMPACT_PATTERN})$(?!\\n)"
        assert properties["queens"]["uniqueItems"] is True
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(_document(frames=0), json_schema())

    def test_the_reference_rules_read_the_declaration(self) -> None:
        """REF001 reports a keeper that names a pôle, at the keeper's path."""
        eco = loads(_json(_document(keeper="pole-sud")))
        report = validate(eco, rules=builtin_rules().select("REF001"))
        assert [(f.path, f.message) for f in report] == [
            (
                "$.assets[0].keeper",
                (
                    "the keeper of asset 'ruche-1' refers to 'pole-sud', which is a pôle "
                    "($.poles[0]); expected an actor"
                ),
            )
        ]


def _json(document: dict[str, Any]) -> bytes:
    return json.dumps(document).encode()
