"""The generated structuring functions: one per class, checking every value as it reads.

For each class, :class:`StructureWriter` writes, once, a Python function
that reads a wire dict, checks inline every wire type and every check of the
model's validators that the wire types do not already prove (see
:mod:`ptcekit.serialize._codegen`), and builds the object directly: it
accepts exactly what the class accepts. It raises as soon as something is
wrong, without saying what: :mod:`ptcekit.serialize._diagnose` then finds out,
and says it. The functions are compiled by :mod:`ptcekit.serialize._source`,
so that their source can be read (:func:`ptcekit.serialize.generated_source`).
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable
from typing import Any, Literal

import attrs

from ptcekit.errors import KindError
from ptcekit.model import kinds
from ptcekit.model.limits import MAX_DEPTH
from ptcekit.serialize._codegen import Caches, FieldCode, constructible, field_code, slot_setter
from ptcekit.serialize._fields import (
    ClassSpec,
    EnumOf,
    FieldSpec,
    Node,
    Obj,
    Opt,
    Poly,
    Scalar,
    Seq,
    class_spec,
    qualname,
)
from ptcekit.serialize._kinds import KindTable, kind_table
from ptcekit.serialize._source import Bindings, compile_function
from ptcekit.serialize._wire import INTEGER_BOUND, parse_decimal

__all__ = [
    "KEPT_SLOT",
    "Bad",
    "KeptUnknownKeys",
    "StructureWriter",
    "Structurer",
    "Unknown",
    "enum_values",
    "kept_setter",
]

#: What to do with keys a class does not have: refuse them, or keep them.
Unknown = Literal["forbid", "keep"]

#: The private slot of every model value (``ptcekit.model``'s base class) that
#: holds the unknown keys kept from its document, or ``None``.
KEPT_SLOT = "_kept_keys"

#: The scalars kept as the wire gives them: only checked.
_PLAIN = ("str", "int", "bool", "float")


class Bad(Exception):
    """Raised by a generated function to give up and let the diagnosis find out why."""


class KeptUnknownKeys(Bad):
    """Raised by a generated function on a key its class does not have, in keep mode.

    The diagnosis keeps such keys; a refusal for this reason is no bug.
    """


def kept_setter(cls: type[Any]) -> Callable[[Any, Any], None] | None:
    """Return the setter of the slot that keeps unknown keys on a ``cls``, or ``None`` if it has none."""
    return slot_setter(cls, KEPT_SLOT)


def enum_values(cls: type[enum.Enum]) -> dict[str, enum.Enum]:
    """The members of a string enumeration by their wire value."""
    return {member.value: member for member in cls}


class StructureWriter:
    """Writes the function that reads a wire dict into one class.

    Each step is a method: :meth:`read_field` reads one key, :meth:`emit`
    checks and converts one value (of a field or of an array item: one
    emitter for both), :meth:`build` makes the object.

    Args:
        structurer: where the functions of other classes come from.
        spec: the wire shape of the class.
    """

    def __init__(self, structurer: Structurer, spec: ClassSpec) -> None:
        self.structurer = structurer
        self.spec = spec
        self.cls = spec.cls
        self.bindings = Bindings(
            {"BAD": Bad, "UNKNOWN_KEYS": KeptUnknownKeys, "INTEGER_BOUND": INTEGER_BOUND}
        )
        self.bind = self.bindings.bind
        self.fast = constructible(spec.cls)
        self.attributes = attrs.fields_dict(spec.cls)
        self.later: list[str] = []
        self.depth = 0
        self.field = ""  # the field being read: bound values are named after it

    def write(self) -> Callable[[Any], Any]:
        """Return the compiled function."""
        keys = self.bind(self.spec.keys, "KEYS")
        # an unknown key is refused, or kept, by the diagnosis
        refuse = "UNKNOWN_KEYS" if self.structurer.unknown == "keep" else "BAD"
        lines = [
            f"def structure_{self.cls.__name__}(d):",
            "    if d.__class__ is not dict: raise BAD",
            f"    if not d.keys() <= {keys}: raise {refuse}",
        ]
        for position, field in enumerate(self.spec.fields):
            lines.extend(self.read_field(f"a{position}", field))
        lines.extend(self.build())
        return compile_function(self.cls, "structure", lines, self.bindings.names)

    # ------------------------------------------------------------------ one field

    def read_field(self, var: str, field: FieldSpec) -> list[str]:
        """Read, check and convert one field into ``var``; note the validators that run later."""
        self.field = field.name
        node = field.node
        # a sentinel tells an absent key from null when the default is not None
        sentinel = not field.required and not (field.default is None and isinstance(node, Opt))
        pad = "        " if sentinel else "    "
        code = self.field_code(field, var, pad + "    " if isinstance(node, Opt) else pad)
        body = self.checked(node, var, pad, code)
        if field.required:
            return [f"    {var} = d[{field.name!r}]", *body]
        if not sentinel:
            return [f"    {var} = d.get({field.name!r})", *body]
        default = self.bind(field.default, f"default_{field.name}")
        lines = [
            f"    {var} = d.get({field.name!r}, {default})",
            f"    if {var} is not {default}:",
            *body,
        ]
        if code is not None:
            absent = (
                "raise BAD"
                if code.absent_fails
                else f"{var} = {self.bind(code.default, f'absent_{field.name}')}"
            )
            lines.append(f"    else: {absent}")
        return lines

    def field_code(self, field: FieldSpec, var: str, pad: str) -> FieldCode | None:
        """What the model's validators and converter of ``field`` ask, or ``None`` if the class is called."""
        if not self.fast:
            return None
        attribute = self.attributes[field.name]
        code = field_code(
            attribute, field.node, var, pad=pad, bind=self.bind, caches=self.structurer.caches
        )
        if code.later:
            name = self.bind(attribute, f"field_{field.name}")
            for number, check in enumerate(code.later):
                hint = f"validate_{field.name}" + (f"_{number + 1}" if number else "")
                self.later.append(f"    {self.bind(check, hint)}(o, {name}, {var})")
        return code

    def checked(self, node: Node, var: str, pad: str, code: FieldCode | None) -> list[str]:
        """The lines that read the value in ``var`` as ``node``, then run the field's own checks."""
        checks = list(code.checks) if code is not None else []
        if isinstance(node, Opt):
            body = [f"{pad}if {var} is not None:", *self.emit(node.inner, var, pad + "    ")]
            body.extend(checks)
            if code is not None and code.none_fails:
                body.append(f"{pad}else: raise BAD")
        else:
            body = [*self.emit(node, var, pad), *checks]
        if code is not None and code.convert is not None:
            body.append(f"{pad}{code.convert}")
        return body

    # ------------------------------------------------------------------ one value

    def emit(self, node: Node, var: str, pad: str) -> list[str]:
        """Lines that check the wire value in ``var`` and replace it with its Python value."""
        if isinstance(node, Scalar) and node.name in _PLAIN:
            return self.plain(node, var, pad)
        if isinstance(node, Opt):
            return [f"{pad}if {var} is not None:", *self.emit(node.inner, var, pad + "    ")]
        if isinstance(node, Seq):
            return self.array(node, var, pad)
        return [f"{pad}{var} = {self.expression(node, var)}"]

    def plain(self, node: Scalar, var: str, pad: str) -> list[str]:
        """Check a string, integer, boolean or number: its exact type, its size, its pattern."""
        kinds = ("float", "int") if node.name == "float" else (node.name,)
        test = " and ".join(f"{var}.__class__ is not {kind}" for kind in kinds)
        lines = [f"{pad}if {test}: raise BAD"]
        # at most MAX_INTEGER_DIGITS digits, as the wire carries
        bound = "INTEGER_BOUND"
        if node.name == "int":
            lines.append(f"{pad}if not -{bound} < {var} < {bound}: raise BAD")
        elif node.name == "float":
            lines.append(
                f"{pad}if {var}.__class__ is int and not -{bound} < {var} < {bound}: raise BAD"
            )
        if node.pattern is not None:
            match = self.bind(re.compile(node.pattern).fullmatch, f"match_{self.field}")
            lines.append(f"{pad}if {match}({var}) is None: raise BAD")
        return lines

    def expression(self, node: Node, var: str) -> str:
        """The expression that reads the wire value in ``var`` as ``node`` (not a plain scalar)."""
        caches = self.structurer.caches
        if isinstance(node, Scalar):
            if node.name == "decimal":
                return f"{self.bind(parse_decimal)}({var})"
            # dates and fractions repeat: parsed once, then looked up
            if node.name == "date":
                table, parse = (
                    self.bind(caches.dates, "dates"),
                    self.bind(caches.date, "parse_date"),
                )
            else:
                table = self.bind(caches.fractions, "fractions")
                parse = self.bind(caches.fraction, "parse_fraction")
            return f"({table}.get({var}) or {parse}({var}))"
        if isinstance(node, EnumOf):
            return f"{self.bind(enum_values(node.cls), node.cls.__name__ + '_by_value')}[{var}]"
        if isinstance(node, Obj):
            read = self.structurer.structure_fn(node.cls)
            return f"{self.bind(read, 'structure_' + node.cls.__name__)}({var})"
        assert isinstance(node, Poly)  # noqa: S101 -- the only node left
        dispatch = self.structurer.dispatcher(node.base)
        return f"{self.bind(dispatch, node.base.__name__ + '_kinds')}[{var}['type']]({var})"

    def array(self, node: Seq, var: str, pad: str) -> list[str]:
        """Read an array into a tuple, each item by :meth:`emit`."""
        self.depth += 1
        try:
            item = f"x{self.depth}"
            inner = node.inner
            lines = [f"{pad}if {var}.__class__ is not list: raise BAD"]
            if isinstance(inner, Scalar) and inner.name in _PLAIN:
                # items kept as they are: checked in a loop, with no call per item
                lines.append(f"{pad}for {item} in {var}:")
                lines.extend(self.plain(inner, item, pad + "    "))
                lines.append(f"{pad}{var} = tuple({var})")
            elif not isinstance(inner, Opt | Seq):
                expression = self.expression(inner, item)
                lines.append(f"{pad}{var} = tuple([{expression} for {item} in {var}])")
            else:
                items = f"items{self.depth}"
                lines.append(f"{pad}{items} = []")
                lines.append(f"{pad}for {item} in {var}:")
                lines.extend(self.emit(inner, item, pad + "    "))
                lines.append(f"{pad}    {items}.append({item})")
                lines.append(f"{pad}{var} = tuple({items})")
            return lines
        finally:
            self.depth -= 1

    # ------------------------------------------------------------------ the object

    def build(self) -> list[str]:
        """Make the object: set its slots, run the validators left for later, then its post-init."""
        cls = self.bind(self.cls, self.cls.__name__)
        fields = self.spec.fields
        if not self.fast:
            args = ", ".join(f"{field.alias}=a{position}" for position, field in enumerate(fields))
            return [f"    return {cls}({args})"]
        lines = [f"    o = {self.bind(object.__new__, 'new')}({cls})"]
        for position, field in enumerate(fields):
            setter = self.bind(slot_setter(self.cls, field.name), f"set_{field.name}")
            lines.append(f"    {setter}(o, a{position})")
        for attribute in attrs.fields(self.cls):
            if not attribute.init and attribute.default is not attrs.NOTHING:
                setter = self.bind(slot_setter(self.cls, attribute.name), f"set_{attribute.name}")
                default = self.bind(attribute.default, f"default_{attribute.name}")
                lines.append(f"    {setter}(o, {default})")
        lines.extend(self.later)
        post_init = getattr(self.cls, "__attrs_post_init__", None)
        if post_init is not None:
            lines.append(f"    {self.bind(post_init, 'post_init')}(o)")
        lines.append("    return o")
        return lines


def _through(hook: Callable[[Any, Any], Any], cls: type[Any]) -> Callable[[Any], Any]:
    """A reading of ``cls`` by a user's structure ``hook``."""

    def read(data: Any) -> Any:
        return hook(data, cls)

    return read


class _Dispatch(dict[str, Callable[[Any], Any]]):
    """The structuring functions of a family's kinds by tag, learning kinds defined later."""

    def __init__(self, structurer: Structurer, base: type[Any]) -> None:
        super().__init__()
        self.structurer = structurer
        self.base = base

    def __missing__(self, tag: object) -> Callable[[Any], Any]:
        # a tag no kind declares (or no string) is refused: the diagnosis says why
        if type(tag) is not str:
            raise Bad
        cls = self.structurer.kind(self.base, tag)
        if cls is None:
            raise Bad
        function = self.structurer.structure_fn(cls)
        self[tag] = function
        return function


class Structurer:
    """The structuring functions of every class, each generated once, and the tables they share.

    Args:
        unknown: ``"forbid"`` to refuse unknown keys, ``"keep"`` to keep them
            (by the diagnosis, on the object's kept-keys slot).
        hook: the structure hook a user registered for a class, if any
            (a cattrs hook, called as ``hook(data, cls)``); such a class is read by it.
    """

    def __init__(
        self,
        *,
        unknown: Unknown,
        hook: Callable[[type[Any]], Callable[[Any, Any], Any] | None] | None = None,
    ) -> None:
        self.unknown: Unknown = unknown
        self._hook = hook
        self._hooks: dict[type[Any], Callable[[Any, Any], Any] | None] = {}
        self.caches = Caches()
        self._specs: dict[type[Any], ClassSpec] = {}
        self._bounded: dict[type[Any], bool] = {}
        self._tables: dict[type[Any], KindTable] = {}
        self._kinds_seen = -1  # the kinds generation the tables were built at
        self._structure: dict[type[Any], Callable[[Any], Any]] = {}
        # tag -> structuring function, per polymorphic base; updated in place
        self._dispatch: dict[type[Any], dict[str, Callable[[Any], Any]]] = {}

    # ------------------------------------------------------------------ specs and kinds

    def spec(self, cls: type[Any]) -> ClassSpec:
        """Return the (cached) wire spec of ``cls``."""
        spec = self._specs.get(cls)
        if spec is None:
            spec = self._specs[cls] = class_spec(cls)
        return spec

    def table(self, base: type[Any], *, refresh: bool = False) -> KindTable:
        """Return the kind table of ``base``, rebuilt when ``refresh`` or never built."""
        table = self._tables.get(base)
        if table is None or refresh:
            table = self._tables[base] = kind_table(base)
            self._bounded.clear()  # a new kind may nest deeper
        return table

    def sync_kinds(self) -> None:
        """Rebuild the kind tables if a kind was defined since; a redefined kind replaces the old.

        A kind defined again under the same name in the same module (a
        notebook cell run twice) claims its tag: the functions made for the
        old class are dropped from the dispatchers, which learn the new one
        on first use.
        """
        seen = kinds.generation()
        if seen == self._kinds_seen:
            return
        self._kinds_seen = seen
        for base, old in list(self._tables.items()):
            new = self.table(base, refresh=True)
            dispatch = self._dispatch.get(base)
            if dispatch is None:
                continue
            for tag, cls in old.by_tag.items():
                if new.by_tag.get(tag) is not cls:
                    dispatch.pop(tag, None)

    def kind(self, base: type[Any], tag: str) -> type[Any] | None:
        """Return the class of ``base``'s family with ``tag``, looking again for new kinds on a miss.

        Raises:
            KindError: if several live classes declare ``tag``.
        """
        table = self.table(base)
        if tag not in table.by_tag and tag not in table.conflicts:
            table = self.table(base, refresh=True)
        if tag in table.conflicts:
            names = " and ".join(qualname(cls) for cls in table.conflicts[tag])
            raise KindError(base.__name__, f"the type tag {tag!r} is declared by both {names}")
        return table.by_tag.get(tag)

    def bounded(self, node: Node) -> bool:
        """Whether every valid wire value of ``node`` nests no deeper than ``ptcekit.model.limits.MAX_DEPTH``."""
        key = node.base if isinstance(node, Poly) else getattr(node, "cls", None)
        if not isinstance(key, type):
            return self._static_depth(node, frozenset()) <= MAX_DEPTH
        known = self._bounded.get(key)
        if known is None:
            known = self._bounded[key] = self._static_depth(node, frozenset()) <= MAX_DEPTH
        return known

    def bounded_class(self, cls: type[Any]) -> bool:
        """Whether every valid wire object of ``cls`` nests no deeper than allowed (cached)."""
        known = self._bounded.get(cls)
        if known is None:
            known = self._bounded[cls] = self._static_depth(Obj(cls), frozenset()) <= MAX_DEPTH
        return known

    def _static_depth(self, node: Node, seen: frozenset[type[Any]]) -> float:
        """The deepest nesting a valid wire value of ``node`` can have (infinite for recursive classes)."""
        if isinstance(node, Opt):
            return self._static_depth(node.inner, seen)
        if isinstance(node, Seq):
            return 1 + self._static_depth(node.inner, seen)
        if not isinstance(node, Obj | Poly):
            return 0
        classes = (
            [node.cls] if isinstance(node, Obj) else list(self.table(node.base).by_tag.values())
        )
        deepest = 0.0
        for cls in classes:
            if cls in seen:
                return float("inf")
            try:
                spec = self.spec(cls)
            except KindError:
                continue  # a kind that cannot be read: no document reaches it
            for field in spec.fields:
                deepest = max(deepest, self._static_depth(field.node, seen | {cls}))
        return 1 + deepest

    # ------------------------------------------------------------------ functions

    def user_hook(self, cls: type[Any]) -> Callable[[Any, Any], Any] | None:
        """Return the structure hook registered for ``cls``, or ``None`` (the generated function reads it)."""
        if cls not in self._hooks:
            self._hooks[cls] = self._hook(cls) if self._hook is not None else None
        return self._hooks[cls]

    def structure_fn(self, cls: type[Any]) -> Callable[[Any], Any]:
        """Return the function that reads a wire value into ``cls`` (no tag dispatch).

        It is generated, or calls the structure hook registered for ``cls``.

        Raises:
            KindError: if ``cls`` or a class it holds cannot be read.
        """
        function = self._structure.get(cls)
        if function is None and (hook := self.user_hook(cls)) is not None:
            function = self._structure[cls] = _through(hook, cls)
        if function is None:
            cell: list[Callable[[Any], Any]] = []

            def forward(data: Any) -> Any:  # pragma: no cover -- only for self-referencing classes
                return cell[0](data)

            self._structure[cls] = forward  # a class that holds itself calls it meanwhile
            try:
                function = StructureWriter(self, self.spec(cls)).write()
            except BaseException:
                del self._structure[cls]
                raise
            cell.append(function)
            self._structure[cls] = function
        return function

    def dispatcher(self, base: type[Any]) -> dict[str, Callable[[Any], Any]]:
        """Return the structuring functions of ``base``'s kinds by tag (updated in place).

        A tag missing from the table is looked up among the kinds defined
        since: a kind defined after the first load is read as fast as the others.
        """
        dispatch = self._dispatch.get(base)
        if dispatch is None:
            dispatch = self._dispatch[base] = _Dispatch(self, base)
            for tag, cls in self.table(base).by_tag.items():
                try:
                    dispatch[tag] = self.structure_fn(cls)
                except KindError:
                    continue  # reported when a document uses the kind
        return dispatch

    def generated(self) -> dict[type[Any], Callable[[Any], Any]]:
        """The structuring functions made so far, by class."""
        return dict(self._structure)
