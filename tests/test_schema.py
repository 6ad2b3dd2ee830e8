"""Tests of the JSON Schema: current with the classes, and in agreement with the loader."""

from __future__ import annotations

import copy
import importlib.util
import json
import re
from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped]  # no stubs in the test environment
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ptcekit import model as m
from ptcekit import testing
from ptcekit.serialize import (
    SCHEMA_ID,
    LoadError,
    dumps,
    from_dict,
    json_schema,
    kind_table,
    loads,
    to_dict,
)
from ptcekit.serialize._fields import (
    ClassSpec,
    EnumOf,
    Node,
    Obj,
    Opt,
    Poly,
    Scalar,
    Seq,
    class_spec,
)

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_FILE = ROOT / "schema" / "ptcekit.schema.json"
FORMAT_PAGE = ROOT / "docs" / "explanation" / "format.md"
EXAMPLES = sorted((ROOT / "examples").glob("*.py"))
EXAMPLE_DOCUMENTS = sorted((ROOT / "examples").glob("*.json"))

SHIPPED = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SHIPPED)
PROPERTY = settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _load_script(name: str) -> Any:
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class TestShippedSchema:
    """The checked-in schema is the generated one, and a valid draft 2020-12 schema."""

    def test_checked_in_schema_is_current(self) -> None:
        """schema/ptcekit.schema.json equals json_schema(extensions=False); run scripts/write_schema.py if not."""
        assert SCHEMA_FILE.read_text(encoding="utf-8") == _load_script("write_schema").schema_text()

    def test_check_mode_of_the_script(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """write_schema.py --check exits 0 when current and 1 when stale; without it, it writes."""
        script = _load_script("write_schema")
        assert script.main(["--check"]) == 0
        monkeypatch.setattr(script, "SCHEMA_PATH", tmp_path / "schema" / "stale.json")
        assert script.main(["--check"]) == 1
        assert script.main([]) == 0
        assert script.main(["--check"]) == 0

    def test_is_a_valid_2020_12_schema(self) -> None:
        """The metaschema accepts it, and it names its dialect and id."""
        jsonschema.Draft202012Validator.check_schema(SHIPPED)
        assert SHIPPED["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        assert SHIPPED["$id"] == SCHEMA_ID

    def test_one_def_per_class_and_strict_objects(self) -> None:
        """Every model class has a strict $defs entry with its required fields."""
        defs = SHIPPED["$defs"]
        assert defs["Membership"]["required"] == ["actor"]
        assert defs["Membership"]["additionalProperties"] is False
        assert defs["Association"]["required"] == ["type", "id", "name"]
        assert defs["Ecosystem"]["properties"]["ptcekit"] == {
            "description": "The format version of the document.",
            "const": "1",
        }
        assert defs["Mutual"]["properties"]["kind"]["default"] == "mutuelle"
        assert defs["MemberRole"] == {
            "description": "The role of a member in a pôle.",
            "type": "string",
            "enum": ["founder", "member", "partner", "lead"],
        }
        assert len(defs["Actor"]["oneOf"]) == 10
        assert len(defs["MutualisedAsset"]["oneOf"]) == 6
        for name, schema in defs.items():
            if schema.get("type") == "object" and "properties" in schema:
                assert schema["additionalProperties"] is False, name

    def test_patterns_end_at_the_very_end(self) -> None:
        """Identifier patterns reject a trailing newline, as the loader does."""
        assert not VALIDATOR.is_valid(
            {"ptcekit": "1", "actors": [{"type": "person", "id": "p\n", "name": "P"}]}
        )
        assert VALIDATOR.is_valid(
            {"ptcekit": "1", "actors": [{"type": "person", "id": "p", "name": "P"}]}
        )


class TestSchemaAgreesWithLoader:
    """Every dumped document is valid; documents the loader refuses for structure are invalid."""

    @PROPERTY
    @given(eco=testing.ecosystems())
    def test_dumped_documents_are_valid(self, eco: m.Ecosystem) -> None:
        """Every document ptcekit writes validates against the shipped schema."""
        errors = [error.message for error in VALIDATOR.iter_errors(to_dict(eco))]
        assert errors == []

    @PROPERTY
    @given(
        data=st.data(),
        eco=testing.ecosystems(max_actors=6, max_poles=2, max_assets=3, max_agreements=2),
    )
    def test_structural_mutations_are_rejected_by_both(
        self, data: st.DataObject, eco: m.Ecosystem
    ) -> None:
        """A tag, required field, type, identifier pattern or enumeration broken: loader and schema both refuse."""
        document = to_dict(eco)
        sites = list(_objects(document, class_spec(m.Ecosystem), "$"))
        path, obj, spec = data.draw(st.sampled_from(sites), label="object")
        mutations = _mutations(obj, spec)
        name, mutate = data.draw(st.sampled_from(mutations), label="mutation")
        mutated = copy.deepcopy(document)
        target = _at(mutated, path)
        mutate(target)
        with pytest.raises(LoadError):
            from_dict(mutated)
        assert not VALIDATOR.is_valid(mutated), (name, path)

    def test_integral_floats_are_the_one_gap(self) -> None:
        """JSON Schema counts 3.0 as an integer; the loader does not (documented in the format page)."""
        document = {
            "ptcekit": "1",
            "actors": [{"type": "person", "id": "p", "name": "P", "headcount": 3.0}],
        }
        assert VALIDATOR.is_valid(document)
        with pytest.raises(
            LoadError, match=r"headcount: expected an integer, got 3\.0 \(a number\)"
        ):
            from_dict(document)


class TestExamplesAgainstSchema:
    """Every shipped example, and the docs' format page, validate and load."""

    @pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
    def test_example_modules(self, path: Path) -> None:
        """The ecosystem each examples/*.py builds dumps to a valid document."""
        spec = importlib.util.spec_from_file_location(f"schema_example_{path.stem}", path)
        assert spec is not None
        assert spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        eco = module.build()
        document = to_dict(eco)
        assert [e.message for e in VALIDATOR.iter_errors(document)] == []
        assert from_dict(document) == eco

    def test_example_documents(self) -> None:
        """Every examples/*.json (if any ships) validates and loads; Python examples exist."""
        assert EXAMPLES, "examples/ has examples"
        for path in EXAMPLE_DOCUMENTS:
            document = json.loads(path.read_text(encoding="utf-8"))
            assert [e.message for e in VALIDATOR.iter_errors(document)] == [], path
            assert loads(path.read_bytes()) == from_dict(document)

    def test_format_page_example(self) -> None:
        """The complete example of docs/explanation/format.md validates, loads, and is what dumps writes."""
        blocks = re.findall(
            r"```json\n(.*?)```", FORMAT_PAGE.read_text(encoding="utf-8"), re.DOTALL
        )
        assert blocks, "the format page has a json example"
        text = blocks[0]
        document = json.loads(text)
        assert [e.message for e in VALIDATOR.iter_errors(document)] == []
        eco = loads(text)
        assert len(eco) == 7
        assert text.encode() == dumps(eco, pretty=True) + b"\n"


# ---------------------------------------------------------------------------- mutation helpers


def _kind(node: Node, value: Any) -> ClassSpec | None:
    if isinstance(node, Opt):
        return _kind(node.inner, value)
    if isinstance(node, Obj):
        return class_spec(node.cls)
    if isinstance(node, Poly):
        return class_spec(kind_table(node.base).by_tag[value["type"]])
    return None


def _objects(value: dict[str, Any], spec: ClassSpec, path: str) -> Any:
    """Yield (path, object, spec) for every object of a dumped document."""
    yield path, value, spec
    for field in spec.fields:
        if field.name not in value:
            continue
        child, node = value[field.name], field.node
        if isinstance(node, Opt):
            node = node.inner
        if isinstance(node, Seq):
            for position, item in enumerate(child):
                item_spec = _kind(node.inner, item)
                if item_spec is not None:
                    yield from _objects(item, item_spec, f"{path}.{field.name}[{position}]")
        else:
            item_spec = _kind(node, child)
            if item_spec is not None:
                yield from _objects(child, item_spec, f"{path}.{field.name}")


def _at(document: Any, path: str) -> Any:
    target = document
    for key, index in re.findall(r"\.(\w+)|\[(\d+)\]", path):
        target = target[key] if key else target[int(index)]
    return target


def _wrong(node: Node) -> Any:
    """A wire value of the wrong JSON type (or pattern, or enumeration) for ``node``."""
    if isinstance(node, Opt):
        return _wrong(node.inner)
    if isinstance(node, Scalar):
        return {
            "str": 12345,
            "int": "3",
            "float": "1.5",
            "bool": 1,
            "decimal": 1.5,
            "fraction": 0.5,
            "date": "2024/01/31",
        }[node.name]
    if isinstance(node, EnumOf):
        return "not_a_member"
    if isinstance(node, Seq):
        return {}
    return []


def _mutations(obj: dict[str, Any], spec: ClassSpec) -> list[tuple[str, Any]]:
    found: list[tuple[str, Any]] = [("unknown key", lambda o: o.__setitem__("zz_unknown", 1))]
    if spec.tag is not None:
        found.append(("unknown tag", lambda o: o.__setitem__("type", "no_such_kind")))
        found.append(("missing tag", lambda o: o.pop("type")))
    for field in spec.fields:
        name = field.name
        if field.required:
            found.append((f"missing {name}", lambda o, name=name: o.pop(name)))
        wrong = _wrong(field.node)
        found.append(
            (f"wrong type for {name}", lambda o, name=name, wrong=wrong: o.__setitem__(name, wrong))
        )
        inner = field.node.inner if isinstance(field.node, Opt) else field.node
        if isinstance(inner, Scalar) and inner.pattern is not None and name in obj:
            found.append(
                (f"bad pattern for {name}", lambda o, name=name: o.__setitem__(name, "bad value!"))
            )
        if (
            isinstance(inner, Seq)
            and isinstance(inner.inner, Scalar)
            and inner.inner.pattern
            and obj.get(name)
        ):
            found.append(
                (
                    f"bad item pattern for {name}",
                    lambda o, name=name: o[name].__setitem__(0, "bad value!"),
                )
            )
    return found


def test_generated_schema_matches_for_extensions_off() -> None:
    """json_schema(extensions=False) is the shipped schema whatever kinds other tests defined."""
    assert json_schema(extensions=False) == SHIPPED
