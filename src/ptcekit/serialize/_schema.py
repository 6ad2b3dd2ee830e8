"""The JSON Schema (draft 2020-12) of the wire format, generated from the classes' wire specs."""

from __future__ import annotations

import enum
import inspect
from decimal import Decimal
from fractions import Fraction
from typing import Any

from ptcekit.model import Ecosystem
from ptcekit.model import validators as v
from ptcekit.serialize._fields import (
    ClassSpec,
    EnumOf,
    FieldSpec,
    Node,
    Obj,
    Opt,
    Poly,
    Scalar,
    class_spec,
    qualname,
)
from ptcekit.serialize._kinds import kind_table, own_tag
from ptcekit.serialize._versions import FORMAT_VERSION, VERSION_KEY
from ptcekit.serialize._wire import DATE_PATTERN, DECIMAL_PATTERN, FRACTION_PATTERN, anchored

__all__ = ["SCHEMA_ID", "json_schema"]

#: The ``$id`` of the schema of the current format version.
SCHEMA_ID = f"https://ptcekit.readthedocs.io/schema/{FORMAT_VERSION}/ptcekit.schema.json"

_DIALECT = "https://json-schema.org/draft/2020-12/schema"

_SCALAR_DEFS: dict[str, tuple[str, dict[str, Any]]] = {
    "decimal": (
        "Decimal",
        {
            "description": (
                'An exact decimal number written as a string, such as "1200.50"; '
                "the digits after the point are kept as written."
            ),
            "type": "string",
            "pattern": anchored(DECIMAL_PATTERN),
        },
    ),
    "fraction": (
        "Fraction",
        {
            "description": 'An exact fraction written as a string: "1/3", "1", "2/5".',
            "type": "string",
            "pattern": anchored(FRACTION_PATTERN),
        },
    ),
    "date": (
        "Date",
        {
            "description": 'A calendar date, ISO 8601: "2024-01-31".',
            "type": "string",
            "format": "date",
            "pattern": anchored(DATE_PATTERN),
        },
    ),
}

_JSON_TYPES = {"str": "string", "int": "integer", "float": "number", "bool": "boolean"}


def _summary(cls: type[Any]) -> str | None:
    """Return the first paragraph of the class's own docstring (not one it inherits)."""
    doc = cls.__dict__.get("__doc__")
    if not isinstance(doc, str) or not doc.strip():
        return None
    return inspect.cleandoc(doc).split("\n\n", 1)[0].replace("\n", " ").strip()


def _references(validator: object) -> str | None:
    """The record family a field's ids name, in words, if it holds references."""
    for leaf in v.leaves(validator):
        match leaf:
            case v.Reference():
                return leaf.noun
            case v.TupleOf(item=v.Reference() as item):
                return item.noun
    return None


def _described(field: FieldSpec) -> str | None:
    """The field's documentation, with what its ids refer to."""
    noun = _references(field.validator)
    if noun is None:
        return field.description
    refers = f"the id of {noun}"
    if field.description is None:
        return refers[0].upper() + refers[1:] + "."
    return f"{field.description.rstrip('.')} ({refers})."


def _constraints(field: FieldSpec) -> dict[str, Any]:
    """The bounds and uniqueness the field's validators check, as JSON Schema keywords.

    Numbers written as strings (decimals, fractions) keep their bounds in
    words only: JSON Schema compares numbers, not strings.
    """
    out: dict[str, Any] = {}
    for leaf in v.leaves(field.validator):
        match leaf:
            case v.Integer(minimum=low, maximum=high):
                if low is not None:
                    out["minimum"] = low
                if high is not None:
                    out["maximum"] = high
            case v.Degrees(limit=limit):
                out["minimum"], out["maximum"] = -limit, limit
            case v.TupleOf(unique=True):
                out["uniqueItems"] = True
    return out


def _wire_default(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, tuple):
        return [_wire_default(item) for item in value]
    if isinstance(value, Decimal | Fraction):
        return str(value)
    return value


class _Builder:
    def __init__(self, *, extensions: bool) -> None:
        self.extensions = extensions
        self.defs: dict[str, Any] = {}

    def name(self, cls: type[Any]) -> str:
        return qualname(cls)

    def ref(self, name: str) -> dict[str, Any]:
        return {"$ref": f"#/$defs/{name}"}

    def node(self, node: Node) -> dict[str, Any]:  # noqa: PLR0911 -- one branch per kind of node
        if isinstance(node, Scalar):
            if node.name in _SCALAR_DEFS:
                name, schema = _SCALAR_DEFS[node.name]
                self.defs.setdefault(name, schema)
                return self.ref(name)
            out: dict[str, Any] = {"type": _JSON_TYPES[node.name]}
            if node.pattern is not None:
                out["pattern"] = anchored(node.pattern)
            return out
        if isinstance(node, EnumOf):
            name = (
                node.cls.__name__
                if node.cls.__module__.startswith("ptcekit.")
                else qualname(node.cls)
            )
            if name not in self.defs:
                values: dict[str, Any] = {"type": "string", "enum": [m.value for m in node.cls]}
                summary = _summary(node.cls)
                if summary:
                    values = {"description": summary, **values}
                self.defs[name] = values
            return self.ref(name)
        if isinstance(node, Obj):
            return self.ref(self.cls(class_spec(node.cls)))
        if isinstance(node, Poly):
            return self.ref(self.poly(node))
        if isinstance(node, Opt):
            inner = self.node(node.inner)
            if "$ref" not in inner:
                return {**inner, "type": [inner["type"], "null"]}
            return {"anyOf": [inner, {"type": "null"}]}
        return {"type": "array", "items": self.node(node.inner)}

    def poly(self, node: Poly) -> str:
        # a concrete base has its own object schema under its name
        suffix = "Kinds" if own_tag(node.base) is not None else ""
        name = self.name(node.base) + suffix
        if name in self.defs:
            return name
        table = kind_table(node.base)
        kinds = [
            cls
            for tag, cls in sorted(table.by_tag.items())
            if self.extensions or cls.__module__.startswith("ptcekit.")
        ]
        self.defs[name] = {}  # reserve the name: a kind may refer back to its family
        refs = [self.ref(self.cls(class_spec(cls))) for cls in kinds]
        schema: dict[str, Any] = {
            "description": (
                f'Any {node.noun} kind, told apart by its "type": '
                + ", ".join(f'"{class_spec(cls).tag}"' for cls in kinds)
                + "."
            ),
            "type": "object",
            "required": ["type"],
            "oneOf": refs,
        }
        self.defs[name] = schema
        return name

    def cls(self, spec: ClassSpec) -> str:
        name = self.name(spec.cls)
        if name in self.defs:
            return name
        self.defs[name] = {}  # reserve the name before the fields refer to others
        properties: dict[str, Any] = {}
        required: list[str] = []
        if spec.cls is Ecosystem:
            properties[VERSION_KEY] = {
                "description": "The format version of the document.",
                "const": FORMAT_VERSION,
            }
            required.append(VERSION_KEY)
        if spec.tag is not None:
            properties["type"] = {"description": f"The {spec.noun} kind.", "const": spec.tag}
            required.append("type")
        for field in spec.fields:
            schema = {**self.node(field.node), **_constraints(field)}
            description = _described(field)
            extra: dict[str, Any] = {}
            if description:
                extra["description"] = description
            if not field.required:
                extra["default"] = _wire_default(field.default)
            if extra:
                schema = {**extra, **schema}
            properties[field.name] = schema
            if field.required:
                required.append(field.name)
        out: dict[str, Any] = {}
        summary = _summary(spec.cls)
        if summary:
            out["description"] = summary
        out["type"] = "object"
        out["properties"] = properties
        if required:
            out["required"] = required
        out["additionalProperties"] = False
        self.defs[name] = out
        return name


def json_schema(*, extensions: bool = True) -> dict[str, Any]:
    """Return the JSON Schema (draft 2020-12) of a ptcekit document.

    It is generated from the same wire specs as the converter: one ``$defs``
    entry per class and enumeration, a ``oneOf`` over the kinds of actors and
    of assets told apart by their ``"type"`` constant, ``required`` for the
    fields without default, ``additionalProperties: false`` (the loader is
    strict), and the compact forms of ids and identifiers as patterns.

    Args:
        extensions: include the actor and asset kinds defined outside
            ptcekit that exist now (``False`` gives ptcekit's own schema,
            the one shipped in ``schema/``).

    >>> schema = json_schema(extensions=False)
    >>> schema["$defs"]["Association"]["properties"]["type"]["const"]
    'association'
    """
    builder = _Builder(extensions=extensions)
    root = builder.cls(class_spec(Ecosystem))
    title = f"ptcekit document, format version {FORMAT_VERSION}"
    return {
        "$schema": _DIALECT,
        "$id": SCHEMA_ID,
        "title": title,
        "description": (
            "A modelled territory of the French social and solidarity economy: "
            "actors, pôles territoriaux de coopération économique, mutualised "
            "assets and partnership agreements."
        ),
        "$ref": f"#/$defs/{root}",
        "$defs": dict(sorted(builder.defs.items())),
    }
