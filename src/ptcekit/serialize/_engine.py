"""The engine behind the converter: generated structuring and unstructuring functions.

For each class the engine generates, once, a Python function that reads a wire
dict, checking inline every wire type and every check of the model's
validators that the wire types do not already prove, and builds the object
directly (see :mod:`ptcekit.serialize._codegen`): it accepts exactly what the
class accepts. It also generates one that writes an object as a wire dict. A
document is first read by these fast functions with the cyclic garbage
collector paused; only if that fails is it read again by a slower walk that
tries the fast functions on each part, calls the classes themselves on the
parts they refuse, and collects every problem with its path: a document with
one bad value costs about what a valid one does (a document is read record
by record, so a bad record costs only its own diagnosis).
"""

from __future__ import annotations

import copyreg
import datetime as dt
import difflib
import enum
import operator
import re
import threading
import weakref
from collections.abc import Callable
from typing import Any, Literal

import attrs

from ptcekit.errors import (
    DuplicateIdError,
    FieldTypeError,
    InvalidValueError,
    KindError,
    LoadError,
    Problem,
    PtcekitError,
)
from ptcekit.model import Ecosystem, kinds
from ptcekit.model.limits import MAX_DEPTH, MAX_FRACTION_DIGITS, MAX_INTEGER_DIGITS
from ptcekit.serialize._codegen import Caches, constructible, field_code, slot_setter
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
from ptcekit.serialize._gc import paused
from ptcekit.serialize._kinds import KindTable, family_of, is_attrs_class, kind_table, own_tag
from ptcekit.serialize._versions import FORMAT_VERSION, VERSION_KEY
from ptcekit.serialize._wire import (
    DATE_PATTERN,
    DECIMAL_PATTERN,
    DEPTH_MESSAGE,
    FRACTION_PATTERN,
    INTEGER_BOUND,
    NotJson,
    WireError,
    describe,
    describe_python,
    json_copy,
    parse_date,
    parse_decimal,
    parse_fraction,
    path_key,
)

__all__ = ["KEPT", "Diagnosis", "Engine", "Flavour", "KeptKeys", "Unknown", "type_problem"]

#: What to do with keys a class does not have: refuse them, or keep them.
Unknown = Literal["forbid", "keep"]
#: Which values the unstructuring functions make: plain data, or data for orjson.
Flavour = Literal["data", "orjson"]

#: How many key layouts of one class get a function of their own.
LAYOUT_LIMIT = 32
#: How many "did you mean" suggestions one load computes at most.
SUGGESTION_LIMIT = 20
#: Keys and tags longer than this get no suggestion (no field name is that long).
_SUGGESTION_LENGTH = 64

_FAILED: Any = object()
_MISSING: Any = object()


class _Bad(Exception):
    """Raised by the fast path to give up and let the diagnosis find out why."""


class KeptKeys:
    """The unknown keys kept from loaded objects, by object identity.

    Objects are frozen and slotted, so the keys cannot live on them; this
    table holds them while the object lives, and forgets them when it dies.
    An object changed with :func:`attrs.evolve` is a new object without them;
    a copy made by :func:`copy.deepcopy` or :mod:`pickle` has them (in the
    shared table, :data:`KEPT`).
    """

    def __init__(self) -> None:
        self.table: dict[int, tuple[weakref.ref[Any], dict[str, Any]]] = {}
        _TABLES.add(self)

    def put(self, obj: object, extra: dict[str, Any]) -> None:
        """Keep ``extra``, the unknown keys of ``obj`` as plain JSON data (a copy of its own)."""
        key = id(obj)
        table = self.table
        cls = type(obj)

        def forget(_: object, key: int = key) -> None:
            if table.pop(key, None) is not None:
                _copies(cls, -1)

        previous = table.get(key)
        table[key] = (weakref.ref(obj, forget), extra)
        if previous is None or previous[0]() is None:
            _copies(cls, 1)

    def get(self, obj: object) -> dict[str, Any] | None:
        """Return the keys kept for ``obj``, or ``None``."""
        entry = self.table.get(id(obj))
        if entry is None or entry[0]() is not obj:
            return None
        return entry[1]

    def __len__(self) -> int:
        return len(self.table)


_TABLES: weakref.WeakSet[KeptKeys] = weakref.WeakSet()
_registered: dict[type[Any], int] = {}
# reentrant: a collection inside the lock may run the callback of a dying object
_registry_lock = threading.RLock()


def _copies(cls: type[Any], change: int) -> None:
    """Count the objects of ``cls`` with kept keys; copy them through :func:`_reduce` while any lives.

    :mod:`copy` and :mod:`pickle` look reducers up in :data:`copyreg.dispatch_table`,
    which holds its classes: the entry goes when the last such object does,
    so that a class defined at run time can still be collected.
    """
    with _registry_lock:
        count = _registered.get(cls, 0) + change
        if count > 0:
            if count == change and copyreg.dispatch_table.get(cls, _reduce) is _reduce:
                copyreg.pickle(cls, _reduce)
            _registered[cls] = count
            return
        _registered.pop(cls, None)
        if copyreg.dispatch_table.get(cls) is _reduce:
            del copyreg.dispatch_table[cls]


#: The table of kept keys that every converter shares unless given its own.
KEPT = KeptKeys()


def _reduce(obj: Any) -> Any:
    """Reduce an object for :mod:`pickle` and :mod:`copy`, with its kept keys if it has some."""
    recipe = obj.__reduce_ex__(4)
    for table in list(_TABLES):
        extra = table.get(obj)
        if extra is not None:
            return (_rebuild, (recipe, extra))
    return recipe


def _rebuild(recipe: tuple[Any, ...], extra: dict[str, Any]) -> Any:
    """Make an object again from its reduce ``recipe``, with the kept keys ``extra``."""
    function, args, *rest = recipe
    obj = function(*args)
    state = rest[0] if rest else None
    if state is not None:
        obj.__setstate__(state)
    KEPT.put(obj, json_copy(extra, 1))
    return obj


def _enum_values(cls: type[enum.Enum]) -> dict[str, enum.Enum]:
    return {member.value: member for member in cls}


def _expected(node: Node) -> str:  # noqa: PLR0911 -- one answer per kind of node
    """Say in words what a wire value of ``node`` looks like."""
    if isinstance(node, Scalar):
        if node.what is not None:
            return node.what
        return {
            "str": "a string",
            "int": "an integer",
            "float": "a number",
            "bool": "true or false",
            "decimal": 'an exact decimal written as a string, such as "1200.50"',
            "fraction": 'an exact fraction written as a string, such as "1/3" or "1"',
            "date": 'a date written as a string "YYYY-MM-DD"',
        }[node.name]
    if isinstance(node, EnumOf):
        return "one of " + ", ".join(f'"{member.value}"' for member in node.cls)
    if isinstance(node, Obj):
        return f"an object ({node.cls.__name__})"
    if isinstance(node, Poly):
        return f'an {node.noun} object with a "type"'
    if isinstance(node, Opt):
        return f"{_expected(node.inner)} or null"
    return "an array"


def type_problem(node: Node, value: object) -> str:
    """Say what a wire value of ``node`` looks like, and what ``value`` is instead."""
    message = f"expected {_expected(node)}, got {describe(value)}"
    if not isinstance(node, Scalar):
        return message
    number = isinstance(value, int | float) and type(value) is not bool
    if node.name in ("decimal", "fraction") and number:
        message += ": a JSON number is not exact"
    elif node.name == "date" and isinstance(value, str) and re.fullmatch(DATE_PATTERN, value):
        message += ", which is no calendar day"
    elif node.name in ("int", "float") and type(value) is int:
        message += f": more than {MAX_INTEGER_DIGITS} digits"
    elif node.name == "decimal" and type(value) is str and re.fullmatch(DECIMAL_PATTERN, value):
        message += f": more than {MAX_INTEGER_DIGITS} digits, or an exponent out of range"
    elif node.name == "fraction" and type(value) is str and re.fullmatch(FRACTION_PATTERN, value):
        message += f": a term of more than {MAX_FRACTION_DIGITS} digits in lowest terms"
    return message


def _read_plain(kinds: tuple[type[Any], ...]) -> Callable[[Any, str | None], Any]:
    def read(value: Any, pattern: str | None) -> Any:
        if type(value) not in kinds:
            raise WireError(value)
        if type(value) is int and not -INTEGER_BOUND < value < INTEGER_BOUND:
            raise WireError(value)
        if pattern is not None and re.fullmatch(pattern, value) is None:
            raise WireError(value)
        return value

    return read


#: How the diagnosis reads each kind of scalar: the value, or a WireError.
_SCALAR_READERS: dict[str, Callable[[Any, str | None], Any]] = {
    "decimal": lambda value, _: parse_decimal(value),
    "fraction": lambda value, _: parse_fraction(value),
    "date": lambda value, _: parse_date(value),
    "float": _read_plain((float, int)),
    "str": _read_plain((str,)),
    "int": _read_plain((int,)),
    "bool": _read_plain((bool,)),
}


class Diagnosis:
    """What one diagnosis collects: the problems, and how many suggestions it may still make.

    Args:
        fast: try the generated functions on each part first (the parts they
            accept have no problem); ``False`` calls the classes on every
            part, as the tests' reference does.
    """

    __slots__ = ("fast", "problems", "suggestions")

    def __init__(self, *, fast: bool = True) -> None:
        self.fast = fast
        self.problems: list[Problem] = []
        self.suggestions = SUGGESTION_LIMIT

    def add(self, path: str, message: str) -> None:
        self.problems.append(Problem(path, message))

    def closest(self, word: object, choices: tuple[str, ...]) -> str:
        """Return a "did you mean" hint for ``word`` among ``choices``, while suggestions last."""
        if type(word) is not str or len(word) > _SUGGESTION_LENGTH or self.suggestions <= 0:
            return ""
        self.suggestions -= 1
        matches = difflib.get_close_matches(word, choices, n=1)
        return f' (did you mean "{matches[0]}"?)' if matches else ""


def _static_depth(node: Node, engine: Engine, seen: frozenset[type[Any]]) -> float:
    """The deepest nesting a valid wire value of ``node`` can have (infinite for recursive classes)."""
    if isinstance(node, Opt):
        return _static_depth(node.inner, engine, seen)
    if isinstance(node, Seq):
        return 1 + _static_depth(node.inner, engine, seen)
    if isinstance(node, Obj | Poly):
        classes = (
            [node.cls] if isinstance(node, Obj) else list(engine.table(node.base).by_tag.values())
        )
        deepest = 0.0
        for cls in classes:
            if cls in seen:
                return float("inf")
            try:
                spec = engine.spec(cls)
            except KindError:
                continue  # a kind that cannot be read: no document reaches it
            for field in spec.fields:
                deepest = max(deepest, _static_depth(field.node, engine, seen | {cls}))
        return 1 + deepest
    return 0


def _too_deep(data: Any, depth: int = 1) -> bool:
    """Whether wire ``data``, its outermost container at ``depth``, nests deeper than allowed."""
    stack = [(data, depth)]
    while stack:
        value, level = stack.pop()
        kind = type(value)
        if kind is dict:
            children: Any = value.values()
        elif kind is list or kind is tuple:
            children = value
        else:
            continue
        if level > MAX_DEPTH:
            return True
        stack.extend((child, level + 1) for child in children)
    return False


class Engine:
    """Generated wire functions for every model class, built once per class.

    Args:
        unknown: ``"forbid"`` to report unknown keys as problems, ``"keep"`` to
            keep them (in ``kept``) and write them back on dump.
        kept: where kept keys live; by default the table every converter
            shares (:data:`KEPT`), so that any of them writes back what another kept.
    """

    def __init__(self, *, unknown: Unknown = "forbid", kept: KeptKeys | None = None) -> None:
        if unknown not in ("forbid", "keep"):
            raise InvalidValueError("Converter", "unknown", "'forbid' or 'keep'", unknown)
        self.unknown: Unknown = unknown
        self.kept = kept if kept is not None else KEPT
        self.caches = Caches()
        self._specs: dict[type[Any], ClassSpec] = {}
        self._choices: dict[type[Any], tuple[str, ...]] = {}
        self._bounded: dict[type[Any], bool] = {}
        self._tables: dict[type[Any], KindTable] = {}
        self._kinds_seen = -1  # the kinds generation the tables were built at
        self._structure: dict[type[Any], Callable[[Any], Any]] = {}
        self._generic: dict[type[Any], Callable[[Any], Any]] = {}
        self._layouts: dict[
            type[Any],
            tuple[dict[tuple[Any, ...], Callable[[Any], Any]], Callable[[Any], Any]],
        ] = {}
        # tag -> structuring function, per polymorphic base; updated in place
        self._dispatch_in: dict[type[Any], dict[str, Callable[[Any], Any]]] = {}
        # class -> unstructuring function, per flavour; updated in place
        self._dispatch_out: dict[Flavour, dict[type[Any], Callable[[Any], Any]]] = {
            "data": {},
            "orjson": {},
        }

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

        The structuring functions already made for a tag whose class changed
        are replaced in place, so the fast path reads the new class.
        """
        seen = kinds.generation()
        if seen == self._kinds_seen:
            return
        self._kinds_seen = seen
        for base, old in list(self._tables.items()):
            new = self.table(base, refresh=True)
            dispatch = self._dispatch_in.get(base)
            if dispatch is None:
                continue
            for tag, cls in old.by_tag.items():
                if new.by_tag.get(tag) is not cls and tag in dispatch:
                    del dispatch[tag]
                    if tag in new.by_tag:
                        dispatch[tag] = self.structure_fn(new.by_tag[tag])

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

    # ------------------------------------------------------------------ structuring: fast path

    def structure_fn(self, cls: type[Any]) -> Callable[[Any], Any]:
        """Return the function that reads a wire dict into ``cls`` (no tag dispatch).

        It picks the function generated for the dict's key layout, made the
        first time that layout is seen (see :meth:`_layout_table`).
        """
        function = self._structure.get(cls)
        if function is None:
            self.generic_fn(cls)
            table, learn = self._layout_table(cls)
            names = {"L": table, "LEARN": learn}
            source = "def structure(d):\n    return (L.get(tuple(d)) or LEARN)(d)"
            function = self._structure[cls] = _compile(source, names, f"structure_{cls.__name__}")
        return function

    def generic_fn(self, cls: type[Any]) -> Callable[[Any], Any]:
        """Return the generated function that reads a wire dict of any key layout into ``cls``."""
        function = self._generic.get(cls)
        if function is None:
            spec = self.spec(cls)
            cell: list[Callable[[Any], Any]] = []

            def forward(data: Any) -> Any:  # pragma: no cover -- only for self-referencing classes
                return cell[0](data)

            self._generic[cls] = forward
            try:
                function = self._generate_structure(spec)
            except BaseException:
                del self._generic[cls]
                raise
            cell.append(function)
            self._generic[cls] = function
        return function

    def _layout_table(
        self, cls: type[Any]
    ) -> tuple[dict[tuple[Any, ...], Callable[[Any], Any]], Callable[[Any], Any]]:
        """Return the functions of ``cls`` by key layout, and the one that learns a new layout.

        The documents of one producer repeat the same keys in the same order
        for each class: the function of a layout reads present keys directly,
        takes the defaults of absent ones as constants, and needs no check of
        unknown keys (a layout with an unknown key, or without a required
        one, gets a function that gives up at once). Up to
        :data:`LAYOUT_LIMIT` layouts per class; others are read by the
        generic function. Only layouts of the class's own keys are kept, so
        the table holds nothing a document brings.
        """
        entry = self._layouts.get(cls)
        if entry is None:
            table: dict[tuple[Any, ...], Callable[[Any], Any]] = {}
            keys = self.spec(cls).keys

            def learn(data: Any) -> Any:
                if data.__class__ is not dict or len(table) >= LAYOUT_LIMIT:
                    return self.generic_fn(cls)(data)
                if not data.keys() <= keys:
                    raise _Bad  # an unknown key: the diagnosis refuses or keeps it
                layout = tuple(data)
                # two threads may both make it: the same function, harmless
                function = table[layout] = self._generate_structure(self.spec(cls), layout)
                return function(data)

            entry = self._layouts[cls] = (table, learn)
        return entry

    def _call(self, cls: type[Any], var: str, bind: Callable[[Any], str]) -> str:
        """Return an expression that reads the wire dict in ``var`` as a ``cls``, by its layout."""
        self.generic_fn(cls)  # made now, so that a class that cannot be read fails here
        table, learn = self._layout_table(cls)
        return f"({bind(table)}.get(tuple({var})) or {bind(learn)})({var})"

    def _dispatcher_in(self, base: type[Any]) -> dict[str, Callable[[Any], Any]]:
        dispatch = self._dispatch_in.get(base)
        if dispatch is None:
            dispatch = self._dispatch_in[base] = {}
            for tag, cls in self.table(base).by_tag.items():
                try:
                    dispatch[tag] = self.structure_fn(cls)
                except KindError:
                    continue  # reported when a document uses the kind
        return dispatch

    def _generate_structure(  # noqa: PLR0915 -- one generator, read top to bottom
        self, spec: ClassSpec, layout: tuple[Any, ...] | None = None
    ) -> Callable[[Any], Any]:
        """Generate the function that reads a wire dict into ``spec.cls``.

        With a ``layout`` (the keys of a dict, in order), the function reads
        only dicts with exactly those keys; without, dicts of any layout.
        """
        caches = self.caches
        names: dict[str, Any] = {
            "C": spec.cls,
            "K": spec.keys,
            "BAD": _Bad,
            "DEC": parse_decimal,
            "FRAC": caches.fraction,
            "FC": caches.fractions,
            "DATE": caches.date,
            "DC": caches.dates,
            "NEW": object.__new__,
        }
        counter = iter(range(1_000_000))

        def bind(value: Any) -> str:
            name = f"_{next(counter)}"
            names[name] = value
            return name

        def emit(node: Node, var: str, pad: str) -> list[str]:  # noqa: PLR0911 -- one branch per kind of node
            """Check the wire value in ``var`` and replace it with its Python value."""
            if isinstance(node, Scalar):
                if node.name in ("str", "int", "bool", "float"):
                    kinds = ("float", "int") if node.name == "float" else (node.name,)
                    test = " and ".join(f"{var}.__class__ is not {kind}" for kind in kinds)
                    lines = [f"{pad}if {test}: raise BAD", *_int_bound(node, var, pad)]
                    if node.pattern is not None:
                        match = bind(re.compile(node.pattern).fullmatch)
                        lines.append(f"{pad}if {match}({var}) is None: raise BAD")
                    return lines
                if node.name == "decimal":
                    return [f"{pad}{var} = DEC({var})"]
                # dates and fractions repeat: parsed once, then looked up
                table, parse = ("DC", "DATE") if node.name == "date" else ("FC", "FRAC")
                return [f"{pad}{var} = {table}.get({var}) or {parse}({var})"]
            if isinstance(node, EnumOf):
                return [f"{pad}{var} = {bind(_enum_values(node.cls))}[{var}]"]
            if isinstance(node, Obj):
                return [f"{pad}{var} = {self._call(node.cls, var, bind)}"]
            if isinstance(node, Poly):
                dispatch = bind(self._dispatcher_in(node.base))
                return [f"{pad}{var} = {dispatch}[{var}['type']]({var})"]
            if isinstance(node, Opt):  # pragma: no cover -- a field's own Opt is read by read()
                return [f"{pad}if {var} is not None:", *emit(node.inner, var, pad + "    ")]
            plain = ("str", "int", "bool", "float")
            if isinstance(node.inner, Scalar) and node.inner.name in plain:
                # items kept as they are: checked in a loop, with no call per item
                return [
                    f"{pad}if {var}.__class__ is not list: raise BAD",
                    f"{pad}for x in {var}:",
                    *emit(node.inner, "x", pad + "    "),
                    f"{pad}{var} = tuple({var})",
                ]
            if isinstance(node.inner, Obj):
                item = self._call(node.inner.cls, "x", bind)
            else:
                item = f"{bind(self._item_fn(node.inner))}(x)"
            return [
                f"{pad}if {var}.__class__ is not list: raise BAD",
                f"{pad}{var} = tuple([{item} for x in {var}])",
            ]

        fast = constructible(spec.cls)
        attributes = attrs.fields_dict(spec.cls)
        name = f"structure_{spec.cls.__name__}"
        lines = ["def structure(d):"]
        present = None if layout is None else set(layout)
        if present is None:
            # an unknown key is refused, or kept, by the diagnosis
            lines.append("    if d.__class__ is not dict or not d.keys() <= K: raise BAD")
        else:
            lines.append("    if d.__class__ is not dict: raise BAD")
        later: list[str] = []

        def read(position: int, field: FieldSpec) -> list[str] | None:
            """Read, check and convert one field into ``a<position>``; note what runs later.

            Return ``None`` if the layout leaves the field out and that is refused.
            """
            var = f"a{position}"
            node = field.node
            sentinel = not field.required and not (field.default is None and isinstance(node, Opt))
            pad = "        " if sentinel and present is None else "    "
            inner_pad = pad + "    " if isinstance(node, Opt) else pad
            code = (
                field_code(
                    attributes[field.name], node, var, pad=inner_pad, bind=bind, caches=caches
                )
                if fast
                else None
            )
            checks = list(code.checks) if code is not None else []
            if isinstance(node, Opt):
                body = [f"{pad}if {var} is not None:", *emit(node.inner, var, inner_pad), *checks]
                if code is not None and code.none_fails:
                    body.append(f"{pad}else: raise BAD")
            else:
                body = [*emit(node, var, pad), *checks]
            if code is not None and code.convert is not None:
                body.append(f"{pad}{code.convert}")
            if code is not None:
                attribute = bind(attributes[field.name])
                later.extend(f"    {bind(check)}(o, {attribute}, {var})" for check in code.later)
            if present is not None and field.name not in present:
                return _absent(field, code, var, sentinel=sentinel)
            if field.required or present is not None:
                return [f"    {var} = d[{field.name!r}]", *body]
            if not sentinel:
                return [f"    {var} = d.get({field.name!r})", *body]
            default = bind(field.default)
            body = [
                f"    {var} = d.get({field.name!r}, {default})",
                f"    if {var} is not {default}:",
                *body,
            ]
            if code is not None:
                absent = "raise BAD" if code.absent_fails else f"{var} = {bind(code.default)}"
                body.append(f"    else: {absent}")
            return body

        def _absent(field: FieldSpec, code: Any, var: str, *, sentinel: bool) -> list[str] | None:
            """The value of a field the layout leaves out, or ``None`` if that is refused."""
            if field.required:
                return None
            if not sentinel:
                return None if code is not None and code.none_fails else [f"    {var} = None"]
            if code is None:
                return [f"    {var} = {bind(field.default)}"]
            return None if code.absent_fails else [f"    {var} = {bind(code.default)}"]

        for position, field in enumerate(spec.fields):
            field_lines = read(position, field)
            if field_lines is None:  # a required key left out: this layout is always refused
                return _compile("def structure(d):\n    raise BAD", names, name)
            lines.extend(field_lines)
        if fast:
            lines.append("    o = NEW(C)")
            for position, field in enumerate(spec.fields):
                lines.append(f"    {bind(slot_setter(spec.cls, field.name))}(o, a{position})")
            for attribute in attrs.fields(spec.cls):
                if not attribute.init and attribute.default is not attrs.NOTHING:
                    setter = bind(slot_setter(spec.cls, attribute.name))
                    lines.append(f"    {setter}(o, {bind(attribute.default)})")
            lines.extend(later)
            post_init = getattr(spec.cls, "__attrs_post_init__", None)
            if post_init is not None:
                lines.append(f"    {bind(post_init)}(o)")
        else:
            args = ", ".join(
                f"{field.alias}=a{position}" for position, field in enumerate(spec.fields)
            )
            lines.append(f"    o = C({args})")
        lines.append("    return o")
        return _compile("\n".join(lines), names, name)

    def _item_fn(self, node: Node) -> Callable[[Any], Any]:
        """Return a function that structures one item of an array (fast path)."""
        if isinstance(node, Obj):  # pragma: no cover -- arrays of objects call by layout
            return self.structure_fn(node.cls)
        names: dict[str, Any] = {"BAD": _Bad}
        body = _ItemEmitter(self, names).emit(node)
        return _compile("def item(v):\n" + body + "\n    return r", names, "item")

    # ------------------------------------------------------------------ structuring: entry point

    def structure(self, data: Any, cls: type[Any], *, pause_gc: bool = True) -> Any:
        """Read the wire value ``data`` as a ``cls``; collect every problem if it fails.

        Args:
            data: the wire value.
            cls: the class to read.
            pause_gc: pause the automatic cyclic collections meanwhile (see
                :mod:`ptcekit.serialize`).

        Raises:
            ValueError: (a :class:`~ptcekit.errors.LoadError`) with every problem found.
        """
        self.sync_kinds()
        node = _node_for(cls)
        # millions of fresh objects that hold no cycles: the cyclic collector
        # would walk them again and again for nothing during the load
        with paused(pause_gc):
            if cls is Ecosystem:
                # a document is read record by record with the fast functions, so that
                # a bad record costs its own diagnosis, not a second reading of the rest
                return self._read_document(data)
            try:
                if isinstance(node, Poly):
                    result = self._dispatcher_in(node.base)[data["type"]](data)
                else:
                    result = self.structure_fn(cls)(data)
            except KindError:
                raise
            except Exception:  # noqa: S110 -- any failure means: diagnose slowly
                pass
            else:
                if self.bounded(node) or not _too_deep(data):
                    return result
            diagnosis = Diagnosis()
            result = self._diagnose(data, node, "$", diagnosis, 1)
            if diagnosis.problems:
                raise LoadError(diagnosis.problems)
            return result

    def _read_document(self, data: Any) -> Any:
        diagnosis = Diagnosis()
        result = self._diagnose_object(data, self.spec(Ecosystem), "$", diagnosis, 1)
        if diagnosis.problems:
            raise LoadError(diagnosis.problems)
        return result

    def bounded(self, node: Node) -> bool:
        """Whether every valid wire value of ``node`` nests no deeper than ``ptcekit.model.limits.MAX_DEPTH``."""
        key = node.base if isinstance(node, Poly) else getattr(node, "cls", None)
        if not isinstance(key, type):
            return _static_depth(node, self, frozenset()) <= MAX_DEPTH
        known = self._bounded.get(key)
        if known is None:
            known = self._bounded[key] = _static_depth(node, self, frozenset()) <= MAX_DEPTH
        return known

    # ------------------------------------------------------------------ structuring: diagnosis

    def _try_fast(self, value: Any, cls: type[Any], diagnosis: Diagnosis) -> Any:
        """Read ``value`` with the fast function of ``cls``, or return ``_FAILED``."""
        if not diagnosis.fast or not self.bounded(Obj(cls)):
            return _FAILED  # a recursive class: the fast functions do not count levels
        try:
            return self.structure_fn(cls)(value)
        except KindError:
            raise
        except Exception:  # any failure means: diagnose this part slowly
            return _FAILED

    def _diagnose(  # noqa: PLR0911 -- one branch per kind of node
        self, value: Any, node: Node, path: str, diagnosis: Diagnosis, depth: int
    ) -> Any:
        """Read ``value`` (at ``depth``, if a container) as ``node``, noting every problem."""
        if isinstance(node, Opt):
            if value is None:
                return None
            return self._diagnose(value, node.inner, path, diagnosis, depth)
        if isinstance(node, Scalar):
            return self._diagnose_scalar(value, node, path, diagnosis)
        if isinstance(node, EnumOf):
            values = _enum_values(node.cls)
            if type(value) is str and value in values:
                return values[value]
            diagnosis.add(path, type_problem(node, value))
            return _FAILED
        if type(value) in (list, dict) and depth > MAX_DEPTH:
            diagnosis.add(path, DEPTH_MESSAGE)
            return _FAILED
        if isinstance(node, Seq):
            if type(value) is not list:
                diagnosis.add(path, type_problem(node, value))
                return _FAILED
            return self._diagnose_items(value, node.inner, path, diagnosis, depth)
        if isinstance(node, Poly):
            return self._diagnose_poly(value, node, path, diagnosis, depth)
        result = self._try_fast(value, node.cls, diagnosis)
        if result is not _FAILED:
            return result
        return self._diagnose_object(value, self.spec(node.cls), path, diagnosis, depth)

    def _diagnose_items(
        self, value: list[Any], inner: Node, path: str, diagnosis: Diagnosis, depth: int
    ) -> Any:
        """Read the items of an array; objects the fast functions accept cost no more than a load."""
        fast: Callable[[Any], Any] | None = None
        dispatch: dict[str, Callable[[Any], Any]] | None = None
        if diagnosis.fast and isinstance(inner, Obj | Poly) and self.bounded(inner):
            if isinstance(inner, Obj):
                fast = self.structure_fn(inner.cls)
            else:
                dispatch = self._dispatcher_in(inner.base)
        items = []
        failed = False
        for position, item in enumerate(value):
            if fast is not None or dispatch is not None:
                try:
                    read = dispatch[item["type"]] if dispatch is not None else fast
                    items.append(read(item))  # type: ignore[misc]  # one of the two is set
                except KindError:
                    raise
                except Exception:  # noqa: S110 -- this item has a problem: diagnose it below
                    pass
                else:
                    continue
            result = self._diagnose(item, inner, f"{path}[{position}]", diagnosis, depth + 1)
            failed = failed or result is _FAILED
            items.append(result)
        return _FAILED if failed else tuple(items)

    def _diagnose_scalar(self, value: Any, node: Scalar, path: str, diagnosis: Diagnosis) -> Any:
        try:
            return _SCALAR_READERS[node.name](value, node.pattern)
        except WireError:
            diagnosis.add(path, type_problem(node, value))
            return _FAILED

    def _diagnose_poly(
        self, value: Any, node: Poly, path: str, diagnosis: Diagnosis, depth: int
    ) -> Any:
        if type(value) is not dict:
            diagnosis.add(path, type_problem(node, value))
            return _FAILED
        noun = node.noun
        tag_path = path_key(path, "type")
        if "type" not in value:
            expected = self.table(node.base, refresh=True).expected()
            diagnosis.add(tag_path, f"missing {noun} type; expected one of: {expected}")
            return _FAILED
        tag = value["type"]
        if type(tag) is not str:
            expected = self.table(node.base).expected()
            message = f"expected an {noun} type (a string, one of: {expected}), got {describe(tag)}"
            diagnosis.add(tag_path, message)
            return _FAILED
        cls = self.kind(node.base, tag)
        if cls is None:
            table = self.table(node.base)
            hint = diagnosis.closest(tag, table.tags)
            message = (
                f"unknown {noun} type {_quoted(tag)}; expected one of: {table.expected()}{hint}"
            )
            diagnosis.add(tag_path, message)
            return _FAILED
        # a kind defined since the fast functions were made: let them know it
        self._dispatcher_in(node.base).setdefault(tag, self.structure_fn(cls))
        result = self._try_fast(value, cls, diagnosis)
        if result is not _FAILED:
            return result
        return self._diagnose_object(value, self.spec(cls), path, diagnosis, depth)

    def _choices_of(self, spec: ClassSpec) -> tuple[str, ...]:
        choices = self._choices.get(spec.cls)
        if choices is None:
            choices = self._choices[spec.cls] = tuple(sorted(spec.keys))
        return choices

    def _diagnose_object(  # noqa: PLR0912 -- one walk over keys and fields, read top to bottom
        self, value: Any, spec: ClassSpec, path: str, diagnosis: Diagnosis, depth: int
    ) -> Any:
        """Read an object of ``spec.cls``, field by field; keep or refuse its unknown keys."""
        if type(value) is not dict:
            diagnosis.add(path, type_problem(Obj(spec.cls), value))
            return _FAILED
        known = spec.keys
        failed = strays = False
        extra: dict[str, Any] = {}
        for key in value:
            if key in known:
                continue
            if self.unknown == "forbid":
                owner = spec.tag or spec.cls.__name__
                hint = diagnosis.closest(key, self._choices_of(spec))
                message = f"unknown key {_quoted(key)} for {owner}{hint}"
                diagnosis.add(path_key(path, key), message)
                strays = True
                continue
            try:
                extra[key] = json_copy(value[key], depth + 1)
            except NotJson as error:
                where, reason = error.args
                diagnosis.add(path_key(path, key) + where, reason)
                strays = True
        kwargs: dict[str, Any] = {}
        structured: dict[str, Any] = {}
        for field in spec.fields:
            field_path = path_key(path, field.name)
            if field.name not in value:
                if field.required:
                    message = (
                        f"missing required key {field.name!r} (expected {_expected(field.node)})"
                    )
                    diagnosis.add(field_path, message)
                    failed = True
                continue
            result = self._diagnose(value[field.name], field.node, field_path, diagnosis, depth + 1)
            if result is _FAILED:
                failed = True
                continue
            kwargs[field.alias] = result
            structured[field.name] = result
        if failed:
            if spec.cls is Ecosystem:  # repeated ids too, not only once the rest is fixed
                self._repeated_ids(value, spec, path, diagnosis)
            return _FAILED
        obj = self._construct(
            value=value,
            spec=spec,
            kwargs=kwargs,
            structured=structured,
            path=path,
            diagnosis=diagnosis,
        )
        if obj is _FAILED or strays:  # built anyway, so that its own problems are reported too
            return _FAILED
        if extra:
            self.kept.put(obj, extra)
        return obj

    def _repeated_ids(
        self, value: dict[str, Any], spec: ClassSpec, path: str, diagnosis: Diagnosis
    ) -> bool:
        """Report every id a document declares twice, whatever else fails; tell if there was one."""
        seen: dict[str, str] = {}
        found = False
        for field in spec.fields:
            items = value.get(field.name)
            if not isinstance(field.node, Seq) or type(items) is not list:
                continue
            for position, item in enumerate(items):
                key = item.get("id") if type(item) is dict else None
                if type(key) is not str:
                    continue
                where = f"{field.name}[{position}]"
                first = seen.setdefault(key, where)
                if first != where:
                    message = (
                        f"expected an id unique in the document, got {describe_python(key)} "
                        f"again ({path}.{first} has it already)"
                    )
                    diagnosis.add(f"{path}.{where}.id", message)
                    found = True
        return found

    def _construct(
        self,
        *,
        value: dict[str, Any],
        spec: ClassSpec,
        kwargs: dict[str, Any],
        structured: dict[str, Any],
        path: str,
        diagnosis: Diagnosis,
    ) -> Any:
        """Call the class; turn its validators' errors into problems at their paths."""
        try:
            return spec.cls(**kwargs)
        except DuplicateIdError as error:
            # every repeated id of the document, each at its place
            if not (spec.cls is Ecosystem and self._repeated_ids(value, spec, path, diagnosis)):
                diagnosis.problems.append(_model_problem(error, value, structured, path))
            return _FAILED
        except (InvalidValueError, FieldTypeError) as error:
            diagnosis.problems.append(_model_problem(error, value, structured, path))
            return _FAILED
        except PtcekitError as error:
            diagnosis.add(path, str(error))
            return _FAILED
        except (ValueError, TypeError) as error:  # a downstream class's own validator
            diagnosis.add(path, f"{type(error).__name__}: {_safe_text(error)}")
            return _FAILED

    # ------------------------------------------------------------------ unstructuring

    def unstructure_fn(self, cls: type[Any], flavour: Flavour = "data") -> Callable[[Any], Any]:
        """Return the generated function that writes a ``cls`` as a wire dict.

        Raises:
            KindError: if ``cls`` is a kind with no tag of its own, or its tag
                is claimed twice, or a field's type cannot be written.
        """
        dispatch = self._dispatch_out[flavour]
        function = dispatch.get(cls)
        if function is None:
            family = family_of(cls)
            if family is not None:
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
                self.kind(family[0], tag)  # raises KindError if the tag is claimed twice
            function = self._generate_unstructure(self.spec(cls), flavour)
            dispatch[cls] = function
        return function

    def _generate_unstructure(self, spec: ClassSpec, flavour: Flavour) -> Callable[[Any], Any]:  # noqa: PLR0915 -- one generator, read top to bottom
        dispatch = self._dispatch_out[flavour]
        names: dict[str, Any] = {
            "KEPT": self.kept.table,
            "GETKEPT": self.kept.get,
            "EXTRA": _extra_for(flavour),
            "FLOAT": _float_for(flavour),
            "UD": dispatch,
            "RESOLVE": lambda obj: self.unstructure_fn(type(obj), flavour),
            "DAY": dt.date,
        }
        counter = iter(range(1_000_000))

        def bind(value: Any) -> str:
            name = f"_{next(counter)}"
            names[name] = value
            return name

        def value_expr(node: Node, var: str) -> str:  # noqa: PLR0911 -- one branch per kind of node
            if isinstance(node, Scalar):
                if node.name in ("str", "int", "bool"):
                    return var
                if node.name == "float":
                    return var if flavour == "data" else f"FLOAT({var})"
                if node.name == "date":
                    if flavour == "data":
                        return f"{var}.isoformat()"
                    # orjson writes a date as isoformat() does, in C
                    return f"({var} if {var}.__class__ is DAY else {var}.isoformat())"
                return f"str({var})"
            if isinstance(node, EnumOf):
                return f"{var}._value_"
            if isinstance(node, Obj):
                return f"{bind(self.unstructure_fn(node.cls, flavour))}({var})"
            if isinstance(node, Poly):
                return f"(UD.get({var}.__class__) or RESOLVE({var}))({var})"
            if isinstance(node, Opt):
                inner = value_expr(node.inner, var)
                return var if inner == var else f"(None if {var} is None else {inner})"
            inner = value_expr(node.inner, "x")
            return f"list({var})" if inner == "x" else f"[{inner} for x in {var}]"

        lines = ["def unstructure(o):"]
        # attributes read through one bound attrgetter: no field name is ever code
        local = {field.name: f"f{position}" for position, field in enumerate(spec.fields)}
        if len(spec.fields) == 1:
            lines.append(f"    f0 = {bind(operator.attrgetter(spec.fields[0].name))}(o)")
        elif spec.fields:
            getter = bind(operator.attrgetter(*(field.name for field in spec.fields)))
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
            start.append(f"{field.name!r}: {value_expr(field.node, local[field.name])}")
        lines.append(f"    d = {{{', '.join(start)}}}")
        for field in fields:
            get = local[field.name]
            if field.required:
                lines.append(f"    d[{field.name!r}] = {value_expr(field.node, get)}")
                continue
            lines.append(f"    v = {get}")
            default = field.default
            if default is None:
                test = "v is not None"
            elif default == () and isinstance(default, tuple):
                test = "v"
            elif isinstance(default, bool | enum.Enum):
                test = f"v is not {bind(default)}"
            else:
                test = f"v != {bind(default)}"
            node = (
                field.node.inner if isinstance(field.node, Opt) and default is None else field.node
            )
            lines.append(f"    if {test}: d[{field.name!r}] = {value_expr(node, 'v')}")
        lines.append("    if KEPT:")
        lines.append("        e = GETKEPT(o)")
        lines.append("        if e is not None: d.update(EXTRA(e))")
        lines.append("    return d")
        return _compile("\n".join(lines), names, f"unstructure_{spec.cls.__name__}")

    def unstructure(self, obj: Any, flavour: Flavour = "data") -> Any:
        """Write the model object ``obj`` as wire data.

        Raises:
            KindError: if ``obj`` is not a ptcekit value or its kind cannot be written.
        """
        cls = type(obj)
        function = self._dispatch_out[flavour].get(cls) or self.unstructure_fn(cls, flavour)
        return function(obj)


class _ItemEmitter:
    """Generates the body of a function that structures one array item (fast path)."""

    def __init__(self, engine: Engine, names: dict[str, Any]) -> None:
        self.engine = engine
        self.names = names

    def bind(self, value: Any) -> str:
        name = f"_{len(self.names)}"
        self.names[name] = value
        return name

    def emit(self, node: Node) -> str:  # noqa: PLR0911 -- one branch per kind of node
        if isinstance(node, Scalar) and node.name in ("str", "int", "bool", "float"):
            kinds = ("float", "int") if node.name == "float" else (node.name,)
            test = " and ".join(f"v.__class__ is not {kind}" for kind in kinds)
            lines = [f"    if {test}: raise BAD", *_int_bound(node, "v", "    ")]
            if node.pattern is not None:
                match = self.bind(re.compile(node.pattern).fullmatch)
                lines.append(f"    if {match}(v) is None: raise BAD")
            lines.append("    r = v")
            return "\n".join(lines)
        if isinstance(node, Scalar):
            if node.name == "decimal":
                return f"    r = {self.bind(parse_decimal)}(v)"
            caches = self.engine.caches
            table, parse = (
                (caches.dates, caches.date)
                if node.name == "date"
                else (caches.fractions, caches.fraction)
            )
            return f"    r = {self.bind(table)}.get(v) or {self.bind(parse)}(v)"
        if isinstance(node, EnumOf):
            return f"    r = {self.bind(_enum_values(node.cls))}[v]"
        if isinstance(node, Poly):
            return f"    r = {self.bind(self.engine._dispatcher_in(node.base))}[v['type']](v)"
        if isinstance(node, Opt):
            inner = self.emit(node.inner).replace("\n    ", "\n        ")
            return f"    if v is None: r = None\n    else:\n    {inner}"
        if isinstance(node, Seq):
            item = self.bind(self.engine._item_fn(node.inner))
            return (
                f"    if v.__class__ is not list: raise BAD\n    r = tuple([{item}(x) for x in v])"
            )
        # objects: _item_fn hands them to their structuring function directly
        raise AssertionError(node)  # pragma: no cover


def _quoted(value: object) -> str:
    """Write a key or tag for a message: its ``repr`` cut short if a string, else described."""
    if type(value) is not str:
        return describe(value)
    text = repr(value)
    return text if len(text) <= 60 else text[:59] + "…"


def _safe_text(error: BaseException) -> str:
    """Return ``str(error)`` cut short, or the error's type if even that fails."""
    try:
        text = str(error)
    except Exception:  # an error whose message cannot be made: say what it is
        return type(error).__name__
    return text if len(text) <= 200 else text[:199] + "…"


def _int_bound(node: Scalar, var: str, pad: str) -> list[str]:
    """Lines that refuse an integer of more digits than the wire carries."""
    bound = INTEGER_BOUND
    if node.name == "int":
        return [f"{pad}if not -{bound} < {var} < {bound}: raise BAD"]
    if node.name == "float":
        return [f"{pad}if {var}.__class__ is int and not -{bound} < {var} < {bound}: raise BAD"]
    return []


def _compile(source: str, names: dict[str, Any], name: str) -> Callable[[Any], Any]:
    namespace = dict(names)
    exec(compile(source, f"<ptcekit.serialize {name}>", "exec"), namespace)  # noqa: S102 -- code generated from the class's own fields, not from input
    function: Callable[[Any], Any] = next(
        value for key, value in namespace.items() if key in ("structure", "unstructure", "item")
    )
    function.__name__ = name
    function.__qualname__ = name
    return function


def _node_for(cls: Any) -> Node:
    """Return how a top-level ``cls`` is read: a kind of a family always carries its tag."""
    family = family_of(cls) if isinstance(cls, type) else None
    if family is not None:
        return Poly(cls, family[1])
    return Obj(cls)


def _model_problem(
    error: InvalidValueError | FieldTypeError,
    raw: dict[str, Any],
    structured: dict[str, Any],
    path: str,
) -> Problem:
    """Turn a model's construction error into a problem at the field's wire path."""
    if isinstance(error, DuplicateIdError):
        message = (
            f"expected an id unique in the document, got {describe_python(error.id)} "
            f"again ({path}.{error.first} has it already)"
        )
        return Problem(f"{path}.{error.second}.id", message)
    field = error.field
    name, bracket, rest = field.partition("[")
    got = describe_python(error.got)
    if name in raw:
        raw_value: Any = raw[name]
        value: Any = structured.get(name, _MISSING)
        if bracket:
            index = int(rest.rstrip("]"))
            if type(raw_value) is list and index < len(raw_value) and isinstance(value, tuple):
                raw_value, value = raw_value[index], value[index]
        if value == error.got and not isinstance(raw_value, dict | list):
            got = describe(raw_value)
    return Problem(f"{path}.{field}", f"expected {error.expected}, got {got}")


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
