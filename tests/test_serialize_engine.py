"""The wire engine: generated code you can read, an honest fallback, one parse, problem codes."""

from __future__ import annotations

import copy
import inspect
import linecache
import pickle
import re
import traceback
import warnings
from pathlib import Path
from typing import Any

import attrs
import pytest

import ptcekit
from ptcekit import model as m
from ptcekit.errors import GeneratedCodeError, InvalidValueError, LoadError, Problem
from ptcekit.serialize import (
    _diagnose,
    _json,
    _source,
    _structure,
    from_dict,
    generated_source,
    loads,
    make_converter,
    to_dict,
)
from ptcekit.serialize._converter import Converter

DOCS = Path(__file__).resolve().parent.parent / "docs"


def model_classes() -> list[type[Any]]:
    """Every attrs class the model exports."""
    return [
        value
        for name in m.__all__
        if isinstance(value := getattr(m, name), type) and attrs.has(value)
    ]


def generated_functions(converter: Converter) -> list[Any]:
    """Every function ``converter`` generates to read and write the model's classes."""
    functions = []
    for cls in model_classes():
        functions.append(converter.structurer.structure_fn(cls))
        try:
            functions.append(converter.unstructurer.unstructure_fn(cls))
        except ptcekit.KindError:  # an abstract family (Actor, MutualisedAsset) is written by kind
            continue
    return functions


def problems(text: str | bytes, **options: Any) -> list[Problem]:
    with pytest.raises(LoadError) as caught:
        loads(text, **options)
    return list(caught.value.problems)


def document(*actors: dict[str, Any], **fields: Any) -> str:
    import json

    return json.dumps({"ptcekit": "1", "actors": list(actors), **fields})


def association(**fields: Any) -> dict[str, Any]:
    return {"type": "association", "id": "a", "name": "A", **fields}


class TestGeneratedSource:
    def test_getsource_works_on_every_generated_function(self) -> None:
        """inspect.getsource gives the source of every function generated for every model class."""
        functions = generated_functions(make_converter())
        assert len(functions) > 40
        for function in functions:
            source = inspect.getsource(function)
            assert source.startswith(f"def {function.__name__}(")

    def test_every_function_has_a_file_name_of_its_own(self) -> None:
        """No two generated functions share a file name, so a traceback points to one source."""
        names = [f.__code__.co_filename for f in generated_functions(make_converter())]
        assert len(set(names)) == len(names)
        assert all(re.fullmatch(r"<ptcekit (structure|unstructure) \w+ \d+>", n) for n in names)
        assert all(name in linecache.cache for name in names)

    def test_bindings_say_what_they_hold(self) -> None:
        """The names generated code reads are named for their values, never numbered."""
        read = make_converter().structurer.structure_fn(m.Association)
        names = set(read.__code__.co_names)
        assert {"validate_siren", "set_id", "default_sirets", "structure_Place"} <= names
        assert not any(re.fullmatch(r"_[0-9]+", name) for name in names)

    def test_a_traceback_shows_the_generated_line(self) -> None:
        """An exception raised in generated code shows the line of source that raised it."""
        read = make_converter().structurer.structure_fn(m.Membership)
        with pytest.raises(_structure.Bad) as caught:
            read({"actor": 3})
        text = "".join(traceback.format_exception(caught.value))
        assert "<ptcekit structure Membership" in text
        assert "if a0.__class__ is not str: raise BAD" in text

    def test_generated_source_prints_both_functions(self) -> None:
        """generated_source gives the reading and the writing function of a class."""
        source = generated_source(m.Money)
        assert source.startswith("def structure_Money(d):\n")
        assert "\ndef unstructure_Money(o):\n" in source
        compile(source, "<check>", "exec")  # the text is Python

    def test_generated_source_of_a_kept_keys_converter(self) -> None:
        """A converter that keeps unknown keys reads them through its own functions."""
        source = make_converter(unknown="keep").generated_source(m.Money)
        assert "raise UNKNOWN_KEYS" in source

    def test_what_cannot_be_written_has_no_source(self) -> None:
        """generated_source of a class the wire cannot carry raises a KindError."""
        with pytest.raises(ptcekit.KindError):
            generated_source(int)


@pytest.fixture
def broken_strings(monkeypatch: pytest.MonkeyPatch) -> None:
    """A deliberately broken generator: every string check also refuses the string "x"."""
    real = _structure.StructureWriter.plain

    def plain(self: Any, node: Any, var: str, pad: str) -> list[str]:
        lines = real(self, node, var, pad)
        if node.name == "str":
            lines.append(f"{pad}if {var} == 'x': raise BAD")
        return lines

    monkeypatch.setattr(_structure.StructureWriter, "plain", plain)


class TestHonestFallback:
    @pytest.mark.usefixtures("broken_strings")
    def test_a_broken_generator_fails_instead_of_slowing_loads(self) -> None:
        """Generated code that refuses a valid document raises, naming the class and the exception."""
        converter = make_converter()
        text = to_dict(m.Ecosystem(actors=(m.Association(id="a", name="x"),)))
        with pytest.raises(GeneratedCodeError) as caught:
            converter.load(text, m.Ecosystem)
        assert caught.value.cls == "Association"
        assert isinstance(caught.value.error, _structure.Bad)
        assert "the code generated to read Association refused a value" in str(caught.value)
        with pytest.raises(GeneratedCodeError, match="Person"):
            converter.load({"type": "person", "id": "p", "name": "x"}, m.Actor)

    @pytest.mark.usefixtures("broken_strings")
    def test_without_the_switch_the_bug_is_a_warning(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Switch off, a refusal the diagnosis overturns still loads, with a warning that names it."""
        monkeypatch.setattr(_diagnose, "RAISE_ON_REFUSAL", False)
        converter = make_converter()
        with pytest.warns(RuntimeWarning, match="code generated to read Person"):
            person = converter.load({"type": "person", "id": "p", "name": "x"}, m.Actor)
        assert person == m.Person(id="p", name="x")

    def test_a_refusal_for_a_real_problem_is_no_bug(self) -> None:
        """A document with a problem is refused by the fast path and reported, without warning."""
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            found = problems(document(association(headcount="3")))
        assert [p.path for p in found] == ["$.actors[0].headcount"]

    def test_kept_keys_are_no_bug(self) -> None:
        """In keep mode the fast path leaves unknown keys to the diagnosis, which keeps them."""
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            eco = loads(document(association(couleur="vert")), unknown="keep")
        assert to_dict(eco)["actors"][0]["couleur"] == "vert"


class TestParseOnce:
    def test_a_one_field_error_parses_once_and_diagnoses_once(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A one-field error is parsed by orjson once, never by the standard library, diagnosed once."""
        counts = {"orjson": 0, "stdlib": 0, "diagnosis": 0}
        real_orjson = _json.orjson.loads
        real_stdlib = _json._parse_stdlib
        real_document = _diagnose.Diagnoser.document

        def count(name: str, function: Any) -> Any:
            def counted(*args: Any, **kwargs: Any) -> Any:
                counts[name] += 1
                return function(*args, **kwargs)

            return counted

        monkeypatch.setattr(_json.orjson, "loads", count("orjson", real_orjson))
        monkeypatch.setattr(_json, "_parse_stdlib", count("stdlib", real_stdlib))
        monkeypatch.setattr(_diagnose.Diagnoser, "document", count("diagnosis", real_document))
        found = problems(document(association(headcount="3")))
        assert [str(p) for p in found] == [
            '$.actors[0].headcount: expected an integer, got "3" (a string)'
        ]
        assert counts == {"orjson": 1, "stdlib": 0, "diagnosis": 1}

    def test_one_pause_of_the_collector(self) -> None:
        """The collector's pause is one context manager, used by loads, dumps and the converter."""
        from ptcekit.serialize import _converter, _gc

        for module in (_json, _converter):
            assert module.paused_gc is _gc.paused_gc


class TestProblemCodes:
    @pytest.mark.parametrize(
        ("text", "code", "path", "pointer"),
        [
            ('{"ptcekit": "1", ', "LOAD000", "$", ""),
            (
                document(association(colour="red")),
                "LOAD001",
                "$.actors[0].colour",
                "/actors/0/colour",
            ),
            (
                document(association(headcount="3")),
                "LOAD002",
                "$.actors[0].headcount",
                "/actors/0/headcount",
            ),
            (
                document(association(siren="732829321")),
                "LOAD003",
                "$.actors[0].siren",
                "/actors/0/siren",
            ),
            (document(association(siren="12")), "LOAD003", "$.actors[0].siren", "/actors/0/siren"),
            (
                document({"type": "association", "id": "a"}),
                "LOAD004",
                "$.actors[0].name",
                "/actors/0/name",
            ),
            (
                document(association(headcount=-1)),
                "LOAD005",
                "$.actors[0].headcount",
                "/actors/0/headcount",
            ),
            (document(association(type="asso")), "LOAD006", "$.actors[0].type", "/actors/0/type"),
            (document(association(), association()), "LOAD007", "$.actors[1].id", "/actors/1/id"),
            ('{"ptcekit": "1", "name": "a", "name": "b"}', "LOAD008", "$.name", "/name"),
            ('{"ptcekit": "9"}', "LOAD010", "$.ptcekit", "/ptcekit"),
            (
                document(association(**{"odd/key~": 1})),
                "LOAD001",
                '$.actors[0]["odd/key~"]',
                "/actors/0/odd~1key~0",
            ),
        ],
    )
    def test_each_kind_of_problem_has_its_code(
        self, text: str, code: str, path: str, pointer: str
    ) -> None:
        """Each kind of load problem carries its stable code, its path and its JSON Pointer."""
        found = problems(text)[0]
        assert (found.code, found.path, found.pointer, found.severity) == (
            code,
            path,
            pointer,
            "error",
        )
        assert found.code in _diagnose.LOAD_CODES

    def test_a_value_nested_too_deep(self) -> None:
        """A kept value nested deeper than the limit has the code of depth."""
        text = '{"ptcekit": "1", "extra": ' + "[" * 70 + "]" * 70 + "}"
        (found,) = problems(text, unknown="keep")
        assert found.code == "LOAD009"
        assert found.path == "$.extra" + "[0]" * 63
        assert found.pointer == "/extra" + "/0" * 63

    def test_a_kept_value_that_is_no_json(self) -> None:
        """A kept key holding what JSON cannot carry has its own code."""
        data = {"ptcekit": "1", "actors": [association(extra={1: "x"})]}
        with pytest.raises(LoadError) as caught:
            from_dict(data, unknown="keep")
        (found,) = caught.value.problems
        assert (found.code, found.path) == ("LOAD011", "$.actors[0].extra")

    def test_load_error_to_dict(self) -> None:
        """LoadError.to_dict gives every problem with the shape of a rule's finding."""
        with pytest.raises(LoadError) as caught:
            loads(document(association(headcount="3")))
        assert caught.value.to_dict() == {
            "truncated": False,
            "problems": [
                {
                    "code": "LOAD002",
                    "severity": "error",
                    "path": "$.actors[0].headcount",
                    "pointer": "/actors/0/headcount",
                    "message": 'expected an integer, got "3" (a string)',
                }
            ],
        }

    def test_the_catalogue_page_lists_every_code(self) -> None:
        """docs/reference/load-problems.md lists exactly the codes of LOAD_CODES, in order, as they are."""
        page = (DOCS / "reference" / "load-problems.md").read_text(encoding="utf-8")
        rows = re.findall(r"^\| `(LOAD\d{3})` \| ([^|]+?) \| (.+?) \|$", page, re.MULTILINE)
        assert rows == [
            (entry.code, entry.title, entry.explanation) for entry in _diagnose.LOAD_CODES.values()
        ]


class TestMaxProblems:
    def test_collection_stops_at_max_problems(self) -> None:
        """A huge bad upload costs a bounded list: collection stops, and the error says so."""
        text = document(*(association(id=f"a{i}", headcount="3") for i in range(50)))
        with pytest.raises(LoadError) as caught:
            loads(text, max_problems=5)
        assert len(caught.value.problems) == 5
        assert caught.value.truncated is True
        assert "collection stopped there" in str(caught.value)
        with pytest.raises(LoadError) as everything:
            loads(text)
        assert len(everything.value.problems) == 50
        assert everything.value.truncated is False

    def test_repeated_keys_count_too(self) -> None:
        """Problems found while parsing count towards the cap as well."""
        text = '{"ptcekit": "1", "name": "a", "name": "b", "source": "s", "source": "t"}'
        with pytest.raises(LoadError) as caught:
            loads(text, max_problems=1)
        assert [p.code for p in caught.value.problems] == ["LOAD008"]
        assert caught.value.truncated is True

    @pytest.mark.parametrize("bad", [0, -1, 2.5, "10", True])
    def test_max_problems_must_be_a_positive_integer(self, bad: object) -> None:
        """max_problems that is no positive integer is refused, naming the argument and the value."""
        with pytest.raises(InvalidValueError, match="max_problems: expected a positive integer"):
            loads('{"ptcekit": "1"}', max_problems=bad)  # type: ignore[arg-type]  # the wrong type on purpose


@attrs.frozen(kw_only=True)
class Hive:
    """A class with attrs' own validators, as a downstream project writes them."""

    name: str = attrs.field(validator=attrs.validators.instance_of(str))
    frames: int = attrs.field(default=1, validator=attrs.validators.gt(0))
    label: str = attrs.field(default="a", validator=attrs.validators.in_(("a", "b")))
    weight: float = attrs.field(default=0.5, validator=attrs.validators.instance_of(float))


class TestForeignValidators:
    @pytest.mark.parametrize(
        ("wire", "path", "message"),
        [
            ({"name": "n", "frames": 0}, "$.frames", "ValueError: 'frames' must be > 0: 0"),
            (
                {"name": "n", "label": "c"},
                "$.label",
                "ValueError: 'label' must be in ('a', 'b') (got 'c')",
            ),
            (
                {"name": "n", "weight": 1},
                "$.weight",
                "TypeError: 'weight' must be <class 'float'> (got 1 that is a <class 'int'>).",
            ),
        ],
    )
    def test_attrs_validators_name_their_field(
        self, wire: dict[str, Any], path: str, message: str
    ) -> None:
        """An attrs validator's failure is a readable message at the field's path, never a raw tuple."""
        with pytest.raises(LoadError) as caught:
            from_dict(wire, Hive)
        (found,) = caught.value.problems
        assert (found.path, found.message, found.code) == (path, message, "LOAD005")
        assert "Attribute(" not in found.message


def money_text(value: Any, _: Any) -> m.Money:
    """A structure hook reading money written as one string, "12.50 EUR"."""
    amount, currency = value.split(" ")
    return m.Money(amount=amount, currency=currency)


PAY = {"year": 2024, "top5_average": "40000.00 EUR", "highest": "52000.00 EUR"}


class TestCattrsHooks:
    def converter(self) -> Converter:
        converter = make_converter()
        converter.register_structure_hook(m.Money, money_text)
        converter.register_unstructure_hook(
            m.Money, lambda money: f"{money.amount} {money.currency}"
        )
        return converter

    def company(self) -> dict[str, Any]:
        pay = {**PAY, "reference_minimum": "21203.00 EUR"}
        return {"type": "company", "id": "c", "name": "C", "pay": pay}

    def test_a_money_hook_applies_inside_a_document(self) -> None:
        """A structure hook for Money reads every Money of a document; the unstructure hook writes it."""
        converter = self.converter()
        eco = converter.load({"ptcekit": "1", "actors": [self.company()]}, m.Ecosystem)
        pay = eco.actors[0].pay
        assert pay.highest == m.Money(amount="52000.00", currency="EUR")
        assert converter.dump(eco)["actors"][0]["pay"]["highest"] == "52000.00 EUR"
        assert converter.unstructure(pay)["top5_average"] == "40000.00 EUR"
        assert converter.structure(self.company(), m.Actor) == eco.actors[0]

    def test_a_hook_registered_after_first_use_applies(self) -> None:
        """Generated functions made before a hook is registered are made again with it."""
        converter = make_converter()
        money = {"amount": "1.00", "currency": "EUR"}
        assert converter.load(money, m.Money) == m.Money(amount="1.00")
        converter.register_structure_hook(m.Money, money_text)
        assert converter.load("2.00 EUR", m.Money) == m.Money(amount="2.00")

    def test_a_hook_refusal_is_a_problem_at_its_path(self) -> None:
        """What the hook refuses is reported at the value's path, with the hook's error."""
        company = self.company()
        company["pay"]["highest"] = "52000.00"
        with pytest.raises(LoadError) as caught:
            self.converter().load({"ptcekit": "1", "actors": [company]}, m.Ecosystem)
        (found,) = caught.value.problems
        assert found.path == "$.actors[0].pay.highest"
        assert found.code == "LOAD005"
        assert found.message.startswith(
            'expected what the structure hook for Money reads, got "52000.00" (a string) (ValueError: '
        )

    def test_a_hook_that_loads_gives_its_problems_under_the_path(self) -> None:
        """A hook that raises a LoadError has its problems reported under the value's path."""
        converter = make_converter()
        converter.register_structure_hook(m.Money, lambda value, _: from_dict(value, m.Money))
        company = self.company()
        company["pay"] = {**PAY, "highest": {"amount": 3}, "reference_minimum": {"amount": "1"}}
        company["pay"]["top5_average"] = {"amount": "1"}
        with pytest.raises(LoadError) as caught:
            converter.load(company, m.Actor)
        assert [(p.path, p.code) for p in caught.value.problems] == [
            ("$.pay.highest.amount", "LOAD002")
        ]

    def test_classes_without_hooks_are_generated_as_before(self) -> None:
        """No hook, no change: the generated code reads Money itself; with one, PayData calls it."""
        assert "parse_decimal" in make_converter().generated_source(m.Money)
        read = self.converter().structurer.structure_fn(m.PayData)
        assert "structure_Money(a1)" in inspect.getsource(read)
        assert read.__globals__["structure_Money"].__name__ == "read"  # the hook's reading


class TestKeptKeys:
    TEXT = (
        '{"ptcekit":"1","actors":[{"type":"person","id":"p","name":"P","x_note":"kept"}],"x_top":1}'
    )

    def test_kept_keys_live_on_the_objects(self) -> None:
        """Each object holds its own kept keys; kept_keys gives a copy."""
        eco = loads(self.TEXT, unknown="keep")
        assert ptcekit.serialize.kept_keys(eco) == {"x_top": 1}
        assert ptcekit.serialize.kept_keys(eco.actors[0]) == {"x_note": "kept"}
        copy = ptcekit.serialize.kept_keys(eco.actors[0])
        assert copy is not None
        copy["x_note"] = "changed"
        assert ptcekit.serialize.kept_keys(eco.actors[0]) == {"x_note": "kept"}
        assert ptcekit.serialize.kept_keys(m.Person(id="p", name="P")) is None

    def test_pickling_and_copying_keep_them(self) -> None:
        """A pickled or copied value keeps its kept keys, and writes them back."""
        eco = loads(self.TEXT, unknown="keep")
        for twin in (pickle.loads(pickle.dumps(eco)), copy.copy(eco), copy.deepcopy(eco)):
            assert ptcekit.serialize.kept_keys(twin.actors[0]) == {"x_note": "kept"}
            assert ptcekit.dumps(twin) == ptcekit.dumps(eco)

    def test_evolve_makes_a_value_without_them(self) -> None:
        """attrs.evolve builds through __init__, which knows nothing of the document."""
        person = loads(self.TEXT, unknown="keep").actors[0]
        assert ptcekit.serialize.kept_keys(attrs.evolve(person, name="Q")) is None

    def test_kept_keys_do_not_change_equality(self) -> None:
        """A value with kept keys equals, and hashes as, the same value without."""
        person = loads(self.TEXT, unknown="keep").actors[0]
        plain = m.Person(id="p", name="P")
        assert person == plain
        assert hash(person) == hash(plain)
        assert repr(person) == repr(plain)

    def test_every_model_class_can_keep_keys(self) -> None:
        """Every class of the model has the slot that keeps unknown keys."""
        missing = [cls for cls in model_classes() if _structure.kept_setter(cls) is None]
        assert missing == []

    def test_a_class_outside_the_model_refuses_to_keep(self) -> None:
        """A downstream class that is no model class cannot keep keys: they are refused, not dropped."""
        with pytest.raises(LoadError) as caught:
            make_converter(unknown="keep").load({"name": "n", "x": 1}, Hive)
        (found,) = caught.value.problems
        assert (found.path, found.code) == ("$.x", "LOAD001")
        assert "Hive is no ptcekit model class: it cannot keep keys" in found.message


class TestBindings:
    @pytest.mark.parametrize(
        ("value", "name"),
        [
            (m.Money, "Money"),
            ({"a": 1}, "table"),
            ({"a"}, "accepted"),
            (0, "bound_0"),
            (-1, "bound_minus_1"),
            (10**40, "bound"),
            (re.compile("a").fullmatch, "match_pattern"),
            (attrs.fields_dict, "fields_dict"),
            (object(), "value"),
        ],
    )
    def test_a_value_bound_without_a_name_is_named_for_what_it_holds(
        self, value: object, name: str
    ) -> None:
        """Bindings name a value by its kind when the generator gives no name."""
        assert _source.Bindings().bind(value) == name

    def test_names_are_identifiers_and_unique(self) -> None:
        """A hint is made an identifier, never a keyword or a local name; a second value gets a suffix."""
        bindings = _source.Bindings()
        assert bindings.bind(1, "class") == "v_class"
        assert bindings.bind(2, "9 lives") == "v_9_lives"
        assert bindings.bind(3, "d") == "d_2"
        assert bindings.bind(4, "default_x") == "default_x"
        assert bindings.bind(5, "default_x") == "default_x_2"
        same = bindings.bind(4, "default_x")
        assert same == "default_x"


class TestHookForms:
    def test_hook_functions_and_factories_apply_too(self) -> None:
        """Hooks registered by predicate (_func) or factory reach the generated code as well."""
        converter = make_converter()
        converter.register_structure_hook_func(lambda cls: cls is m.Money, money_text)
        converter.register_unstructure_hook_factory(
            lambda cls: cls is m.Money, lambda _: lambda money: str(money.amount)
        )
        pay = converter.load({**PAY, "reference_minimum": "1.00 EUR"}, m.PayData)
        assert pay.highest == m.Money(amount="52000.00")
        assert converter.dump(pay)["highest"] == "52000.00"
        converter.register_structure_hook_factory(lambda cls: cls is m.Money, lambda _: money_text)
        converter.register_unstructure_hook_func(lambda cls: cls is m.Money, lambda money: "x")
        assert converter.dump(pay)["highest"] == "x"
