"""The wire shape of each class, read once from its attrs fields and annotations.

The converter, the error reporter and the JSON Schema are all generated from
these specs, so the three never disagree.
"""

from __future__ import annotations

import datetime as dt
import enum
import keyword
import types
import typing
from decimal import Decimal
from fractions import Fraction
from typing import Any, Union

import attrs

from ptcekit.errors import KindError
from ptcekit.model._checks import ID_EXPECTED, ID_PATTERN
from ptcekit.serialize._kinds import family_of, own_tag

__all__ = [
    "ClassSpec",
    "EnumOf",
    "FieldSpec",
    "Node",
    "Obj",
    "Opt",
    "Poly",
    "Scalar",
    "Seq",
    "class_spec",
    "qualname",
]

#: The Python types the wire carries as JSON scalars, by the name the specs use.
SCALARS: dict[type[Any], str] = {
    str: "str",
    bool: "bool",
    int: "int",
    float: "float",
    Decimal: "decimal",
    Fraction: "fraction",
    dt.date: "date",
}


#: The compact forms of the identifiers the model checks, by the identifiers
#: module whose ``validate`` a field uses. The model compacts spaced forms on
#: construction; the wire carries only compact forms, so dumps are canonical.
IDENTIFIER_PATTERNS: dict[str, tuple[str, str]] = {
    "ptcekit.identifiers.siren": ("[0-9]{9}", "a SIREN in compact form (9 digits)"),
    "ptcekit.identifiers.siret": ("[0-9]{14}", "a SIRET in compact form (14 digits)"),
    "ptcekit.identifiers.rna": (
        "W[0-9][0-9A-Z][0-9]{7}",
        "an RNA number in compact form (W, a digit, a digit or capital letter, 7 digits)",
    ),
    "ptcekit.identifiers.naf": (
        "[0-9]{2}\\.[0-9]{2}[A-Z]",
        'a NAF code (rév. 2 or 2025) in Sirene form such as "88.99B"',
    ),
    "ptcekit.identifiers.commune": (
        "(?:[0-9]{2}|2[AB])[0-9]{3}",
        'a COG commune code such as "26281" or "2A004"',
    ),
    "ptcekit.identifiers.currency": ("[A-Z]{3}", 'an ISO 4217 currency code such as "EUR"'),
}

#: The shape of an object id, from the model.
ID_SHAPE: tuple[str, str] = (ID_PATTERN.pattern, ID_EXPECTED)


@attrs.frozen
class Scalar:
    """A JSON scalar: ``str``, ``bool``, ``int``, ``float``, ``decimal``, ``fraction`` or ``date``.

    A string may have a ``pattern`` (an identifier's compact form), with
    ``what`` saying in words what it accepts.
    """

    name: str
    pattern: str | None = None
    what: str | None = None


@attrs.frozen
class EnumOf:
    """A member of a string enumeration, written as its value."""

    cls: type[enum.Enum]


@attrs.frozen
class Obj:
    """An attrs class written as a JSON object with no ``"type"`` tag."""

    cls: type[Any]


@attrs.frozen
class Poly:
    """Any concrete kind under ``base``, written as a JSON object with a ``"type"`` tag."""

    base: type[Any]
    noun: str


@attrs.frozen
class Opt:
    """``inner`` or ``None`` (JSON ``null``)."""

    inner: Node


@attrs.frozen
class Seq:
    """A tuple of ``inner``, written as a JSON array."""

    inner: Node


Node = Union[Scalar, EnumOf, Obj, Poly, Opt, Seq]  # noqa: UP007 -- a runtime alias used in isinstance-free matching


@attrs.frozen
class FieldSpec:
    """One field as the wire sees it.

    Attributes:
        name: the wire key (the attribute name).
        alias: the keyword ``__init__`` takes it by.
        node: its wire type.
        required: whether the field has no default.
        default: the default, when it has one (omitted from dumps when equal).
        description: the field's documentation, from its metadata, if any.
    """

    name: str
    alias: str
    node: Node
    required: bool
    default: Any
    description: str | None


@attrs.frozen
class ClassSpec:
    """A class as the wire sees it.

    Attributes:
        cls: the class.
        tag: its ``"type"`` tag, for a kind of a polymorphic family.
        noun: the family's word (``"actor"``, ``"asset"``), or ``None``.
        fields: its fields in declaration order.
    """

    cls: type[Any]
    tag: str | None
    noun: str | None
    fields: tuple[FieldSpec, ...]

    @property
    def keys(self) -> frozenset[str]:
        """Every key an object of the class may have (``"type"`` included for a kind)."""
        names = {f.name for f in self.fields}
        if self.tag is not None:
            names.add("type")
        return frozenset(names)


def qualname(cls: type[Any]) -> str:
    """Return ``module.QualName``, or only the name for ptcekit's own classes and builtins."""
    if cls.__module__.startswith("ptcekit.") or cls.__module__ == "builtins":
        return cls.__qualname__
    return f"{cls.__module__}.{cls.__qualname__}"


def _validators(validator: Any) -> list[Any]:
    """Flatten attrs' ``and_`` validators into a list."""
    if validator is None:
        return []
    inner = getattr(validator, "_validators", None)
    if inner is not None:
        return [leaf for part in inner for leaf in _validators(part)]
    return [validator]


def _cell(function: Any, name: str) -> Any:
    code = getattr(function, "__code__", None)
    if code is None or name not in code.co_freevars or function.__closure__ is None:
        return None  # pragma: no cover -- the model's validators always close over their arguments
    return function.__closure__[code.co_freevars.index(name)].cell_contents


def _shape(validator: Any) -> tuple[str, str] | None:
    """Return the pattern a model validator (from ``ptcekit.model._checks``) checks, if any."""
    if getattr(validator, "__module__", None) != "ptcekit.model._checks":
        return None
    name = getattr(validator, "__qualname__", "")
    if name == "identifier.<locals>.check":
        return ID_SHAPE
    if name == "identifier_kind.<locals>.check":
        validate = _cell(validator, "validate")
        return IDENTIFIER_PATTERNS.get(getattr(validate, "__module__", ""))
    if name == "tuple_of.<locals>.check":
        return _shape(_cell(validator, "item"))
    return None


def _field_shape(attribute: attrs.Attribute[Any]) -> tuple[str, str] | None:
    for validator in _validators(attribute.validator):
        shape = _shape(validator)
        if shape is not None:
            return shape
    return None


def _with_shape(node: Node, shape: tuple[str, str]) -> Node:
    """Put ``shape`` on the string at the heart of ``node``."""
    if isinstance(node, Scalar) and node.name == "str":
        return Scalar("str", shape[0], shape[1])
    if isinstance(node, Opt):
        return Opt(_with_shape(node.inner, shape))
    if isinstance(node, Seq):
        return Seq(_with_shape(node.inner, shape))
    return node  # pragma: no cover -- the model puts identifier validators on strings only


def _node(annotation: Any, owner: type[Any], field: str) -> Node:
    origin = typing.get_origin(annotation)
    if origin in (Union, types.UnionType):
        args = typing.get_args(annotation)
        others = [arg for arg in args if arg is not type(None)]
        if len(others) == 1 and len(args) == 2:
            return Opt(_node(others[0], owner, field))
    elif origin is tuple:
        args = typing.get_args(annotation)
        if len(args) == 2 and args[1] is Ellipsis:
            return Seq(_node(args[0], owner, field))
    elif isinstance(annotation, type):
        if annotation in SCALARS:
            return Scalar(SCALARS[annotation])
        if issubclass(annotation, enum.Enum) and all(
            isinstance(member.value, str) for member in annotation
        ):
            return EnumOf(annotation)
        if attrs.has(annotation):
            family = family_of(annotation)
            if family is not None:
                return Poly(annotation, family[1])
            return Obj(annotation)
    reason = (
        f"field {field!r} is annotated {annotation!r}; the wire carries str, bool, int, float, "
        "Decimal, Fraction, datetime.date, string enumerations, attrs classes, "
        "X | None and tuple[X, ...]"
    )
    raise KindError(qualname(owner), reason)


def class_spec(cls: Any) -> ClassSpec:
    """Read the wire shape of the attrs class ``cls``.

    Raises:
        KindError: if ``cls`` is not an attrs class, a field's name or alias is
            not a Python identifier, or a field's annotation cannot be resolved
            or has a type the wire cannot carry.
    """
    if not (isinstance(cls, type) and attrs.has(cls)):
        raise KindError(
            qualname(type(cls)) if not isinstance(cls, type) else qualname(cls),
            "not a ptcekit value class (an attrs class)",
        )
    try:
        hints = typing.get_type_hints(cls)
    except Exception as error:
        raise KindError(qualname(cls), f"cannot resolve its annotations ({error})") from None
    family = family_of(cls)
    fields = []
    for attribute in attrs.fields(cls):
        if not attribute.init:
            continue
        for name in (attribute.name, attribute.alias or attribute.name):
            if type(name) is not str or not name.isidentifier() or keyword.iskeyword(name):
                reason = f"field name {name!r} is not a Python identifier; the wire needs one"
                raise KindError(qualname(cls), reason)
        node = _node(hints.get(attribute.name, attribute.type), cls, attribute.name)
        shape = _field_shape(attribute)
        if shape is not None:
            node = _with_shape(node, shape)
        required = attribute.default is attrs.NOTHING
        if isinstance(attribute.default, attrs.Factory):  # type: ignore[arg-type]  # attrs.Factory is a class at run time
            raise KindError(
                qualname(cls),
                f"field {attribute.name!r} has a factory default; give a plain immutable default",
            )
        description = attribute.metadata.get("description")
        fields.append(
            FieldSpec(
                name=attribute.name,
                alias=attribute.alias or attribute.name,
                node=node,
                required=required,
                default=None if required else attribute.default,
                description=description if isinstance(description, str) else None,
            )
        )
    return ClassSpec(
        cls=cls,
        tag=own_tag(cls) if family is not None else None,
        noun=family[1] if family is not None else None,
        fields=tuple(fields),
    )
