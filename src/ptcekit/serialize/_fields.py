"""The wire shape of each class, read once from its attrs fields and annotations.

The converter, the error reporter and the JSON Schema are all generated from
these specs, so the three never disagree.
"""

from __future__ import annotations

import datetime as dt
import enum
import inspect
import keyword
import re
import types
import typing
from decimal import Decimal
from fractions import Fraction
from typing import Any, Union

import attrs

from ptcekit.errors import KindError
from ptcekit.model import validators as v
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
    "field_doc",
    "field_docs",
    "qualname",
    "shape_of",
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


_ATTRIBUTE = re.compile(r"^(\s+)(\w+):\s*(.*)$")


#: The shape of an object id, from the model.
ID_SHAPE: tuple[str, str] = (v.ID_PATTERN.pattern, v.ID_EXPECTED)


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
        description: the field's documentation (see :func:`field_doc`), if any.
        validator: the field's validator (a value of
            :mod:`ptcekit.model.validators`, or any callable), or ``None``.
    """

    name: str
    alias: str
    node: Node
    required: bool
    default: Any
    description: str | None
    validator: Any = None


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


def shape_of(validator: object) -> tuple[str, str] | None:
    """Return the pattern a string checked by ``validator`` has on the wire, with its words, if any.

    An id or a reference has the shape of an id; an identifier, its module's
    compact form (the model compacts spaced forms on construction, and the
    wire carries only compact forms, so dumps are canonical); a
    :class:`~ptcekit.model.validators.Pattern`, its pattern; a tuple, the
    shape of its items.
    """
    match validator:
        case v.Id() | v.Reference():
            return ID_SHAPE
        case v.IdentifierOf(module=module):
            pattern = getattr(module, "COMPACT_PATTERN", None)
            form = getattr(module, "COMPACT_FORM", None)
            if isinstance(pattern, str) and isinstance(form, str):
                return pattern, form
        case v.Pattern(regex=regex, expected=expected):
            return regex.pattern, expected
        case v.TupleOf(item=item):
            return shape_of(item)
    return None


def _field_shape(attribute: attrs.Attribute[Any]) -> tuple[str, str] | None:
    for validator in v.leaves(attribute.validator):
        shape = shape_of(validator)
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


def field_docs(cls: type[Any]) -> dict[str, str]:
    """Return the documentation of each field of ``cls``, by name.

    A field's ``description`` metadata (``attrs.field(metadata={"description": …})``)
    comes first; otherwise its entry in the ``Attributes:`` section of the
    docstring of ``cls`` or of the nearest base that documents it.

    >>> from ptcekit.model import Association
    >>> field_docs(Association)["headcount"]
    'number of employees.'
    """
    found: dict[str, str] = {}
    for klass in reversed(cls.__mro__):
        doc = klass.__dict__.get("__doc__")
        if not isinstance(doc, str):
            continue
        lines = inspect.cleandoc(doc).splitlines()
        inside = False
        current: str | None = None
        indent = 0
        for line in lines:
            if line.strip() == "Attributes:":
                inside, current = True, None
                continue
            if not inside:
                continue
            if not line.strip() or not line.startswith(" "):
                inside = False
                continue
            match = _ATTRIBUTE.match(line)
            if match and (current is None or len(match.group(1)) <= indent):
                indent = len(match.group(1))
                current = match.group(2)
                found[current] = match.group(3).strip()
            elif current is not None:
                found[current] = f"{found[current]} {line.strip()}"
    if attrs.has(cls):
        for attribute in attrs.fields(cls):
            described = attribute.metadata.get("description")
            if isinstance(described, str):
                found[attribute.name] = described
    return found


def field_doc(cls: type[Any], name: str) -> str | None:
    """Return the documentation of the field ``name`` of ``cls``, if any.

    It is the field's ``description`` metadata, else its entry in the
    ``Attributes:`` section of the docstring of ``cls`` or of the nearest
    base that documents it; the JSON Schema shows it.

    >>> from ptcekit.model import Pole
    >>> field_doc(Pole, "lead")
    'the actor id of its structure porteuse.'
    """
    return field_docs(cls).get(name)


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
    docs = field_docs(cls)
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
        fields.append(
            FieldSpec(
                name=attribute.name,
                alias=attribute.alias or attribute.name,
                node=node,
                required=required,
                default=None if required else attribute.default,
                description=docs.get(attribute.name),
                validator=attribute.validator,
            )
        )
    return ClassSpec(
        cls=cls,
        tag=own_tag(cls) if family is not None else None,
        noun=family[1] if family is not None else None,
        fields=tuple(fields),
    )
