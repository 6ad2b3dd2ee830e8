"""The generated unstructuring functions: one per class and flavour, writing an object as wire data.

``"data"`` functions make plain JSON data (dicts, lists, strings, numbers);
``"orjson"`` ones leave dates to orjson, which writes them in C, and write
floats that orjson would spell differently as :class:`orjson.Fragment`,
so that both backends give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import enum
import operator
from collections.abc import Callable
from typing import Any, Literal

from ptcekit.errors import KindError
from ptcekit.model import Ecosystem
from ptcekit.serialize._fields import (
    ClassSpec,
    EnumOf,
    FieldSpec,
    Node,
    Obj,
    Opt,
    Poly,
    Scalar,
    qualname,
)
from ptcekit.serialize._kinds import family_of, is_attrs_class, own_tag
from ptcekit.serialize._source import Bindings, compile_function
from ptcekit.serialize._structure import KEPT_SLOT, Structurer, kept_setter
from ptcekit.serialize._versions import FORMAT_VERSION, VERSION_KEY
from ptcekit.serialize._wire import json_copy

__all__ = ["Flavour", "Unstructurer"]

#: Which values the unstructuring functions make: plain data, or data for orjson.
Flavour = Literal["data", "orjson"]


class _UnstructureWriter:
    """Writes the function that writes one class as a wire dict."""

    def __init__(self, unstructurer: Unstructurer, spec: ClassSpec, flavour: Flavour) -> None:
        self.unstructurer = unstructurer
        self.spec = spec
        self.flavour = flavour
        self.bindings = Bindings(
            {
                "write_kept": _extra_for(flavour),
                "write_float": _float_for(flavour),
                "by_class": unstructurer.dispatch[flavour],
                "resolve": lambda obj: unstructurer.unstructure_fn(type(obj), flavour),
                "DAY": dt.date,
            }
        )
        self.bind = self.bindings.bind

    def value(self, node: Node, var: str) -> str:  # noqa: PLR0911 -- one branch per kind of node
        """The expression that writes the Python value in ``var`` as wire data."""
        if isinstance(node, Scalar):
            if node.name in ("str", "int", "bool"):
                return var
            if node.name == "float":
                return var if self.flavour == "data" else f"write_float({var})"
            if node.name == "date":
                if self.flavour == "data":
                    return f"{var}.isoformat()"
                # orjson writes a date as isoformat() does, in C
                return f"({var} if {var}.__class__ is DAY else {var}.isoformat())"
            return f"str({var})"
        if isinstance(node, EnumOf):
            return f"{var}._value_"
        if isinstance(node, Obj):
            write = self.unstructurer.unstructure_fn(node.cls, self.flavour)
            return f"{self.bind(write, 'unstructure_' + node.cls.__name__)}({var})"
        if isinstance(node, Poly):
            return f"(by_class.get({var}.__class__) or resolve({var}))({var})"
        if isinstance(node, Opt):
            inner = self.value(node.inner, var)
            return var if inner == var else f"(None if {var} is None else {inner})"
        inner = self.value(node.inner, "x")
        return f"list({var})" if inner == "x" else f"[{inner} for x in {var}]"

    def write(self) -> Callable[[Any], Any]:
        spec = self.spec
        lines = [f"def unstructure_{spec.cls.__name__}(o):"]
        # attributes read through one bound attrgetter: no field name is ever code
        local = {field.name: f"f{position}" for position, field in enumerate(spec.fields)}
        names = [field.name for field in spec.fields]
        kept = kept_setter(spec.cls) is not None
        if kept:  # read with the fields: the kept keys cost one more item per object
            local[KEPT_SLOT] = "kept"
            names.append(KEPT_SLOT)
        if len(names) == 1:
            getter = self.bind(operator.attrgetter(names[0]), "get_fields")
            lines.append(f"    {local[names[0]]} = {getter}(o)")
        elif names:
            getter = self.bind(operator.attrgetter(*names), "get_fields")
            lines.append(f"    {', '.join(local.values())} = {getter}(o)")
        start = []
        if spec.cls is Ecosystem:
            start.append(f"{VERSION_KEY!r}: {FORMAT_VERSION!r}")
        if spec.tag is not None:
            start.append(f"'type': {spec.tag!r}")
        fields = list(spec.fields)
        # the leading required fields go in the dict literal, in field order
        while fields and fields[0].required:
            field = fields.pop(0)
            start.append(f"{field.name!r}: {self.value(field.node, local[field.name])}")
        lines.append(f"    d = {{{', '.join(start)}}}")
        for field in fields:
            lines.extend(self.optional(field, local[field.name]))
        if kept:
            lines.append("    if kept is not None: d.update(write_kept(kept))")
        lines.append("    return d")
        return compile_function(spec.cls, "unstructure", lines, self.bindings.names)

    def optional(self, field: FieldSpec, var: str) -> list[str]:
        """Lines that write a field after the leading required ones: left out when equal to its default."""
        name, node, default = field.name, field.node, field.default
        if field.required:
            return [f"    d[{name!r}] = {self.value(node, var)}"]
        if default is None:
            test = "v is not None"
        elif default == () and isinstance(default, tuple):
            test = "v"
        elif isinstance(default, bool | enum.Enum):
            test = f"v is not {self.bind(default, f'default_{name}')}"
        else:
            test = f"v != {self.bind(default, f'default_{name}')}"
        inner = node.inner if isinstance(node, Opt) and default is None else node
        return [f"    v = {var}", f"    if {test}: d[{name!r}] = {self.value(inner, 'v')}"]


class Unstructurer:
    """The unstructuring functions of every class, per flavour, each generated once.

    Args:
        structurer: the specs and kind tables.
        hook: the unstructure hook a user registered for a class, if any
            (a cattrs hook, called as ``hook(obj)``); such a class is written by it.
    """

    def __init__(
        self,
        structurer: Structurer,
        *,
        hook: Callable[[type[Any]], Callable[[Any], Any] | None] | None = None,
    ) -> None:
        self.structurer = structurer
        self.hook = hook
        # class -> unstructuring function, per flavour; updated in place
        self.dispatch: dict[Flavour, dict[type[Any], Callable[[Any], Any]]] = {
            "data": {},
            "orjson": {},
        }

    def unstructure_fn(self, cls: type[Any], flavour: Flavour = "data") -> Callable[[Any], Any]:
        """Return the function that writes a ``cls`` as wire data: generated, or the user's hook.

        Raises:
            KindError: if ``cls`` is a kind with no tag of its own, or its tag
                is claimed twice, or a field's type cannot be written.
        """
        dispatch = self.dispatch[flavour]
        function = dispatch.get(cls)
        if function is None:
            hook = self.hook(cls) if self.hook is not None else None
            if hook is not None:
                dispatch[cls] = hook
                return hook
            self._check_kind(cls)
            function = _UnstructureWriter(self, self.structurer.spec(cls), flavour).write()
            dispatch[cls] = function
        return function

    def _check_kind(self, cls: type[Any]) -> None:
        family = family_of(cls)
        if family is None:
            return
        if not is_attrs_class(cls):
            reason = (
                f"an {family[1]} kind must be an attrs class of its own "
                "(decorate it with @attrs.frozen(kw_only=True))"
            )
            raise KindError(qualname(cls), reason)
        tag = own_tag(cls)
        if tag is None:
            reason = (
                f"a concrete {family[1]} kind must declare its own type_tag "
                "(a ClassVar[str] such as 'prefix:name')"
            )
            raise KindError(qualname(cls), reason)
        self.structurer.kind(family[0], tag)  # raises KindError if the tag is claimed twice

    def unstructure(self, obj: Any, flavour: Flavour = "data") -> Any:
        """Write the model object ``obj`` as wire data.

        Raises:
            KindError: if ``obj`` is not a ptcekit value or its kind cannot be written.
        """
        cls = type(obj)
        function = self.dispatch[flavour].get(cls) or self.unstructure_fn(cls, flavour)
        return function(obj)


def _copy_extra(extra: dict[str, Any]) -> dict[str, Any]:
    copy: dict[str, Any] = json_copy(extra, 1)
    return copy


def _float_for(flavour: Flavour) -> Callable[[float], Any]:
    if flavour == "data":
        return float
    import orjson  # noqa: PLC0415 -- only when the orjson backend is used

    fragment = orjson.Fragment

    def canonical(value: float) -> Any:
        # orjson and Python write floats alike from 1e-4 up to 1e16; outside,
        # write Python's repr so that both backends give the same bytes
        magnitude = abs(value)
        if magnitude == 0 or 1e-4 <= magnitude < 1e16:
            return value
        return fragment(repr(value).encode())

    return canonical


def _extra_for(flavour: Flavour) -> Callable[[dict[str, Any]], dict[str, Any]]:
    """Return how kept keys are written: always a copy, so that no caller can change them.

    Kept values are plain JSON nested at most ``ptcekit.model.limits.MAX_DEPTH``
    levels (checked on load), so the recursion here is bounded.
    """
    if flavour == "data":
        return _copy_extra
    canonical = _float_for(flavour)

    def convert(value: Any) -> Any:
        if type(value) is float:
            return canonical(value)
        if type(value) is dict:
            return {key: convert(item) for key, item in value.items()}
        if type(value) is list:
            return [convert(item) for item in value]
        return value

    return convert
