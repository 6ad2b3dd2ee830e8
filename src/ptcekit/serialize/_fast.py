"""A fast path for JSON documents: msgspec, reading and writing Structs generated from the class specs.

When msgspec is installed (the ``fast`` extra), :func:`read_document`
decodes a document's bytes in C into Structs generated from the same
:class:`~ptcekit.serialize._fields.ClassSpec` values as the engine: msgspec
checks the JSON types, the ``"type"`` tags, enumerations, required and
unknown keys. Generated functions then build the attrs objects from the
Structs, running the checks the engine's structuring functions run (written
by :func:`~ptcekit.serialize._codegen.field_code` from the model's
validators), parsing decimals, fractions and dates as the engine does (dates
and fractions through a cache, so that equal dates share one object),
checking identifier patterns only where no faster check implies them, with
nested value objects built inline.

The fast path accepts a subset of what the engine accepts and never reports
anything: on any failure, or when the count of keys shows a key repeated in
an object (which a Struct cannot see), it gives up and the caller reads the
document with the engine, so every message and path is the engine's.
:func:`write` builds output Structs positionally and lets msgspec write
them, in the bytes the engine's writer gives; any value it cannot write
the same way sends the caller back to the engine.
"""

from __future__ import annotations

import datetime as dt
import enum
import importlib
import re
import sys
import threading
import typing
from collections.abc import Callable
from typing import Any

import attrs

from ptcekit.errors import KindError
from ptcekit.model import Ecosystem
from ptcekit.serialize._codegen import Caches, constructible, field_code, slot_setter
from ptcekit.serialize._fields import (
    ID_SHAPE,
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
)
from ptcekit.serialize._kinds import KIND_ROOTS, family_of, is_attrs_class, kind_table, own_tag
from ptcekit.serialize._source import compile_function
from ptcekit.serialize._structure import KEPT_SLOT, kept_setter
from ptcekit.serialize._versions import FORMAT_VERSION, VERSION_KEY
from ptcekit.serialize._wire import INTEGER_BOUND, parse_decimal

__all__ = ["available", "mirror_decoder", "read_document", "write"]

msgspec: Any
try:
    msgspec = importlib.import_module("msgspec")
except (
    ImportError
):  # pragma: no cover -- the test extra installs msgspec; tests cover its absence by patching
    msgspec = None

_ID_MAX = 200  # the longest id ID_SHAPE accepts


class _Refused(Exception):
    """The fast path cannot read or write this value; the engine will."""


class _Unsupported(Exception):
    """A class the fast path cannot mirror (the engine reads and writes it)."""


def available() -> bool:
    """Tell whether msgspec is installed, so that the fast path can run."""
    return msgspec is not None


def _fresh_names(names: dict[str, Any]) -> Callable[[Any], str]:
    """Return a binder that names a value in ``names`` for generated code."""

    def bind(value: Any) -> str:
        name = f"_{len(names)}"
        names[name] = value
        return name

    return bind


def _compile(
    cls: type[Any], purpose: str, lines: list[str], names: dict[str, Any]
) -> Callable[..., Any]:
    """Compile generated ``lines`` defining ``generated``, with their source in the line cache."""
    lines = [lines[0].replace("def generated(", f"def {purpose}_{cls.__name__}(", 1), *lines[1:]]
    return compile_function(cls, purpose, lines, names)


# the lines field_code writes for an identifier check, on a value in a variable
_ACCEPT_LINE = re.compile(
    r"(?P<pad> *)if not (?P<accept>_\d+)\((?P<var>\w+)\): (?P<call>_\d+\((?P=var)\))"
)
_CACHED_LINE = re.compile(
    r"(?P<pad> *)if (?P<var>\w+) not in (?P<seen>_\d+): (?P<call>_\d+\((?P=var)\))"
)


class _Reader:
    """The mirror Structs of every class a document holds, the decoder, and the conversions."""

    def __init__(self) -> None:
        self.tables = {base: dict(kind_table(base).by_tag) for base, _ in KIND_ROOTS}
        self.structs: dict[type[Any], Any] = {}
        self.building: set[type[Any]] = set()
        self.functions: dict[type[Any], Callable[..., Any]] = {}
        self.dispatch: dict[type[Any], dict[Any, Callable[..., Any]]] = {}
        self.caches = Caches()  # dates and fractions, parsed once per process
        self.checked: dict[str | None, Caches] = {}  # accepted identifiers, per wire pattern
        self.mirror = self.struct(Ecosystem)
        self.decoder = msgspec.json.Decoder(self.mirror)
        self.convert = self.function(Ecosystem)

    # ------------------------------------------------------------------ the mirror Structs

    def kinds(self, base: type[Any]) -> list[type[Any]]:
        """The kinds of ``base``'s family that the fast path reads."""
        family = family_of(base)
        root = family[0] if family is not None else base
        table = self.tables.get(root) or dict(kind_table(root).by_tag)
        return [cls for cls in table.values() if issubclass(cls, base)]

    def wire_type(self, node: Node) -> Any:  # noqa: PLR0911 -- one answer per kind of node
        if isinstance(node, Scalar):
            if node.name == "float":
                return int | float  # an integer stays an integer, as the engine keeps it
            return {"str": str, "int": int, "bool": bool}.get(node.name, str)
        if isinstance(node, EnumOf):
            return node.cls
        if isinstance(node, Obj):
            return self.struct(node.cls)
        if isinstance(node, Poly):
            structs = []
            for cls in self.kinds(node.base):
                try:
                    structs.append(self.struct(cls))
                except (_Unsupported, KindError):
                    continue  # its tag is unknown to the decoder: the engine reads it
            if len(structs) < 2:  # a lone tagged Struct makes its tag optional
                raise _Unsupported(node.base)
            return typing.Union[tuple(structs)]  # noqa: UP007 -- a union of runtime values
        if isinstance(node, Opt):
            return self.wire_type(node.inner) | None
        return tuple[self.wire_type(node.inner), ...]  # type: ignore[misc]  # a runtime type

    def struct(self, cls: type[Any]) -> Any:
        """Return the mirror Struct of ``cls``, made once."""
        found = self.structs.get(cls)
        if found is not None:
            return found
        if cls in self.building:  # a class that holds itself: left to the engine
            raise _Unsupported(cls)
        self.building.add(cls)
        try:
            spec = class_spec(cls)
            fields: list[tuple[Any, ...]] = []
            if cls is Ecosystem:
                fields.append((VERSION_KEY, str))
            for field in spec.fields:
                kind = self.wire_type(field.node)
                if field.required:
                    fields.append((field.name, kind))
                else:  # UNSET when the key is absent: the conversion counts the keys present
                    fields.append((field.name, kind | msgspec.UnsetType, msgspec.UNSET))
            options: dict[str, Any] = {}
            if spec.tag is not None:
                options = {"tag_field": "type", "tag": spec.tag}
            try:
                made = msgspec.defstruct(
                    f"{cls.__name__}Wire",
                    fields,
                    kw_only=True,
                    forbid_unknown_fields=True,
                    gc=False,
                    **options,
                )
            except (TypeError, ValueError) as error:  # a name or type msgspec refuses
                raise _Unsupported(cls) from error
        finally:
            self.building.discard(cls)
        self.structs[cls] = made
        return made

    # ------------------------------------------------------------------ the conversions

    def function(self, cls: type[Any]) -> Callable[..., Any]:
        """Return the function that builds a ``cls`` from its mirror Struct, made once."""
        found = self.functions.get(cls)
        if found is None:
            found = self.functions[cls] = _Conversion(self, class_spec(cls)).generate()
        return found

    def dispatcher(self, base: type[Any]) -> dict[Any, Callable[..., Any]]:
        """Return the conversions of ``base``'s kinds, by mirror Struct."""
        table = self.dispatch.get(base)
        if table is None:
            table = self.dispatch[base] = {}
            for cls in self.kinds(base):
                struct = self.structs.get(cls)
                if struct is not None:
                    table[struct] = self.function(cls)
        return table

    def read(self, text: str | bytes) -> Ecosystem:
        """Read a document, or raise if the engine must."""
        colon: Any = ":" if isinstance(text, str) else b":"
        escapes: Any = ("\\u003a", "\\u003A") if isinstance(text, str) else (b"\\u003a", b"\\u003A")
        if escapes[0] in text or escapes[1] in text:
            raise _Refused  # a colon written as an escape: the key count below cannot see it
        count = [0]
        result: Ecosystem = self.convert(self.decoder.decode(text), count)
        # each key of the text is followed by one colon; the other colons are
        # in strings, counted as they were read: more colons than keys read
        # and colons in strings means a key repeated, which a Struct drops
        if text.count(colon) != count[0]:
            raise _Refused
        return result


class _Conversion:
    """Writes the function that builds one class's object from its mirror Struct."""

    def __init__(self, reader: _Reader, spec: ClassSpec | None) -> None:
        self.reader = reader
        self.spec = spec
        caches = reader.caches
        self.names: dict[str, Any] = {
            "BAD": _Refused,
            "UNSET": msgspec.UNSET,
            "NEW": object.__new__,
            "DEC": parse_decimal,
            "DATE": caches.date,
            "DC": caches.dates,
            "FRAC": caches.fraction,
            "FC": caches.fractions,
            "VERSION": FORMAT_VERSION,
        }
        self.bind = _fresh_names(self.names)
        self.counter = 0

    def fresh(self) -> str:
        self.counter += 1
        return f"v{self.counter}"

    def generate(self) -> Callable[..., Any]:
        assert self.spec is not None  # noqa: S101 -- a class's conversion has its spec
        lines = ["def generated(s, T):", "    n = 0"]
        result = self.build(self.spec, "s", "    ", lines)
        lines += ["    T[0] += n", f"    return {result}"]
        return _compile(self.spec.cls, "fast_read", lines, self.names)

    def build(self, spec: ClassSpec, source: str, pad: str, lines: list[str]) -> str:
        """Write the lines that build a ``spec.cls`` from the Struct in ``source``; return its variable."""
        cls = spec.cls
        prefix = self.fresh()
        # the keys always present: the required ones, the tag, the version
        keys = sum(field.required for field in spec.fields)
        if spec.tag is not None:
            keys += 1 + spec.tag.count(":")
        if cls is Ecosystem:
            keys += 1
            lines.append(f"{pad}if {source}.{VERSION_KEY} != VERSION: raise BAD")
        lines.append(f"{pad}n += {keys}")
        fast = constructible(cls)
        variables = []
        later: list[str] = []
        for position, field in enumerate(spec.fields):
            var = f"{prefix}_{position}"
            variables.append(var)
            lines.append(f"{pad}{var} = {source}.{field.name}")
            lines += self.field(cls, field, var, pad, later, fast=fast)
        if not fast:
            arguments = ", ".join(
                f"{field.alias}={var}" for field, var in zip(spec.fields, variables, strict=True)
            )
            lines.append(f"{pad}{prefix} = {self.bind(cls)}({arguments})")
            return prefix
        lines.append(f"{pad}{prefix} = NEW({self.bind(cls)})")
        for field, var in zip(spec.fields, variables, strict=True):
            lines.append(f"{pad}{self.bind(slot_setter(cls, field.name))}({prefix}, {var})")
        for attribute in attrs.fields(cls):
            if not attribute.init and attribute.default is not attrs.NOTHING:
                setter = self.bind(slot_setter(cls, attribute.name))
                lines.append(f"{pad}{setter}({prefix}, {self.bind(attribute.default)})")
        lines += [pad + call.format(o=prefix) for call in later]
        post_init = getattr(cls, "__attrs_post_init__", None)
        if post_init is not None:
            lines.append(f"{pad}{self.bind(post_init)}({prefix})")
        return prefix

    def field(
        self,
        cls: type[Any],
        field: FieldSpec,
        var: str,
        pad: str,
        later: list[str],
        *,
        fast: bool,
    ) -> list[str]:
        """Lines that check and convert one field read into ``var``; the validators left for later go to ``later``."""
        node = field.node
        code = None
        if fast:
            attribute = attrs.fields_dict(cls)[field.name]
            caches = self.reader.checked.setdefault(_pattern(node), Caches())
            inner_pad = pad + "        " if isinstance(node, Opt) else pad + "    "
            code = field_code(attribute, node, var, pad=inner_pad, bind=self.bind, caches=caches)
            bound = self.bind(attribute)
            later += [f"{self.bind(check)}({{o}}, {bound}, {var})" for check in code.later]
        checks, lazy = self.lazy(code.checks if code is not None else (), node)
        body = self.value(node, var, pad + "    ", lazy=lazy, checks=checks)
        if code is not None and isinstance(node, Opt) and code.none_fails:
            body.append(f"{pad}    else: raise BAD")
        if code is not None and code.convert is not None:
            body.append(f"{pad}    {code.convert}")
        if field.required:
            return [line[4:] for line in body]  # one level less: always present
        if code is None:
            absent = f"{var} = {self.bind(field.default)}"
        elif code.absent_fails:
            absent = "raise BAD"
        else:
            absent = f"{var} = {self.bind(code.default)}"
        return [f"{pad}if {var} is UNSET: {absent}", f"{pad}else:", f"{pad}    n += 1", *body]

    def lazy(self, checks: tuple[str, ...], node: Node) -> tuple[list[str], bool]:
        """Put the wire pattern of ``node`` on the slow branch of an identifier check, where one is.

        A compact identifier that passes its fast check (``is_valid_compact``)
        matches its pattern; so does one in the cache of accepted values, which
        only values checked against the pattern enter. Return the checks and
        whether the pattern is now checked by them.
        """
        pattern = _pattern(node)
        if pattern is None or pattern == ID_SHAPE[0]:
            return list(checks), False
        match = self.bind(re.compile(pattern).fullmatch)
        out: list[str] = []
        done = False
        for line in checks:
            found = _ACCEPT_LINE.fullmatch(line)
            if found is not None:
                accept = self.names[found["accept"]]
                module = sys.modules.get(getattr(accept, "__module__", ""))
                compact = getattr(module, "COMPACT_PATTERN", None)
                if getattr(accept, "__name__", "") != "is_valid_compact" or compact != pattern:
                    found = None
            else:
                found = _CACHED_LINE.fullmatch(line)
                caches = self.reader.checked.get(pattern)
                seen = self.names[found["seen"]] if found is not None else None
                if caches is None or not any(seen is kept for kept in caches.accepted.values()):
                    found = None
            if found is None:
                out.append(line)
                continue
            pad, var = found["pad"], found["var"]
            head = line[
                : line.index(":", len(pad) + 3)
            ]  # "if not accept(var)" / "if var not in seen"
            out += [
                f"{head}:",
                f"{pad}    if {match}({var}) is None: raise BAD",
                f"{pad}    {found['call']}",
            ]
            done = True
        return out, done

    def value(self, node: Node, var: str, pad: str, *, lazy: bool, checks: list[str]) -> list[str]:
        """Lines that turn the Struct value in ``var`` into the model's value, then run ``checks``."""
        if isinstance(node, Opt):
            inner = self.scalar(node.inner, var, pad + "    ", lazy=lazy)
            return [f"{pad}if {var} is not None:", *inner, f"{pad}    pass", *checks]
        return [*self.scalar(node, var, pad, lazy=lazy), *checks]

    def scalar(self, node: Node, var: str, pad: str, *, lazy: bool) -> list[str]:  # noqa: PLR0911 -- one branch per kind of node
        """Lines that turn the (not ``None``) Struct value in ``var`` into the model's value."""
        if isinstance(node, Scalar):
            if node.name == "str":
                return self.text(node, var, pad, lazy=lazy)
            if node.name == "int":
                return [f"{pad}if not -{INTEGER_BOUND} < {var} < {INTEGER_BOUND}: raise BAD"]
            if node.name == "float":
                bound = f"not -{INTEGER_BOUND} < {var} < {INTEGER_BOUND}"
                return [f"{pad}if {var}.__class__ is int and {bound}: raise BAD"]
            if node.name == "decimal":
                return [f"{pad}{var} = DEC({var})"]
            if node.name == "date":
                return [f"{pad}{var} = DC.get({var}) or DATE({var})"]
            if node.name == "fraction":
                return [f"{pad}{var} = FC.get({var}) or FRAC({var})"]
            return []  # bool: msgspec proved it
        if isinstance(node, EnumOf):
            colons = {member: member.value.count(":") for member in node.cls}
            if any(colons.values()):
                return [f"{pad}n += {self.bind(colons)}[{var}]"]
            return []
        if isinstance(node, Obj):
            lines: list[str] = []
            built = self.build(class_spec(node.cls), var, pad, lines)
            return [*lines, f"{pad}{var} = {built}"]
        if isinstance(node, Poly):
            return [
                f"{pad}{var} = {self.bind(self.reader.dispatcher(node.base))}[{var}.__class__]({var}, T)"
            ]
        if isinstance(node, Opt):
            inner = self.scalar(node.inner, var, pad + "    ", lazy=lazy)
            return [f"{pad}if {var} is not None:", *inner, f"{pad}    pass"]
        return self.items(node, var, pad, lazy=lazy)

    def items(self, node: Seq, var: str, pad: str, *, lazy: bool) -> list[str]:
        """Lines that read an array (a tuple from msgspec) into the model's tuple."""
        inner = node.inner
        if isinstance(inner, Obj):
            function = self.bind(self.reader.function(inner.cls))
            return [f"{pad}{var} = tuple([{function}(x, T) for x in {var}])"]
        if isinstance(inner, Poly):
            table = self.bind(self.reader.dispatcher(inner.base))
            return [f"{pad}{var} = tuple([{table}[x.__class__](x, T) for x in {var}])"]
        each = f"{var}_"  # not the variable of an enclosing loop
        item = self.scalar(inner, each, pad + "    ", lazy=lazy)
        if not item:
            return []
        if isinstance(inner, Scalar) and inner.name in ("decimal", "date", "fraction"):
            expression = item[0].strip().partition(" = ")[2]
            return [f"{pad}{var} = tuple([{expression} for {each} in {var}])"]
        if isinstance(inner, Scalar | EnumOf):  # checked in place
            return [f"{pad}for {each} in {var}:", *item]
        # nested arrays and optional items: a generated function per item
        function = self.bind(_ItemConversion(self.reader, inner).generate())
        return [f"{pad}{var} = tuple([{function}(x, T) for x in {var}])"]

    def text(self, node: Scalar, var: str, pad: str, *, lazy: bool) -> list[str]:
        """Lines that check a string's wire pattern (unless ``lazy``) and count its colons."""
        count = f"if ':' in {var}: n += {var}.count(':')"
        if node.pattern is None:
            return [f"{pad}{count}"]
        match = self.bind(re.compile(node.pattern).fullmatch)
        if node.pattern == ID_SHAPE[0]:
            # letters and digits alone match the id pattern: no regular expression for most ids
            quick = f"{var}.isascii() and {var}.isalnum() and len({var}) <= {_ID_MAX}"
            return [
                f"{pad}if not ({quick}):",
                f"{pad}    if {match}({var}) is None: raise BAD",
                f"{pad}    {count}",
            ]
        if lazy:
            return [f"{pad}{count}"]
        return [f"{pad}if {match}({var}) is None: raise BAD", f"{pad}{count}"]


class _ItemConversion(_Conversion):
    """Writes the function that reads one array item of any kind (a nested array, an optional item)."""

    def __init__(self, reader: _Reader, node: Node) -> None:
        super().__init__(reader, None)
        self.node = node

    def generate(self) -> Callable[..., Any]:
        lines = ["def generated(x, T):", "    n = 0"]
        lines += self.value(self.node, "x", "    ", lazy=False, checks=[])
        lines += ["    T[0] += n", "    return x"]
        return _compile(object, "fast_read_item", lines, self.names)


def _pattern(node: Node) -> str | None:
    """The wire pattern of the string at the heart of ``node``, if any."""
    while isinstance(node, Opt | Seq):
        node = node.inner
    return node.pattern if isinstance(node, Scalar) else None


# ---------------------------------------------------------------------- writing

#: The default of every field of an output Struct: msgspec omits a field whose
#: value is its default, so a field the engine leaves out gets this value.
_OMIT: Any = object()


def _refuse(value: object) -> Any:
    raise _Refused(value)


class _Writer:
    """Output Structs and the functions that fill them, per class, made on first use.

    A function writes its object's nested objects inline (no call per
    Period, Place or Share, nor per item of an array of them); the kinds of
    a family, which only the value's class tells apart, are written by
    their own functions.
    """

    def __init__(self) -> None:
        self.functions: dict[type[Any], Callable[[Any], Any]] = {}
        self.structs: dict[type[Any], tuple[ClassSpec, Any]] = {}
        self.encode = msgspec.json.Encoder().encode

    def function(self, cls: type[Any]) -> Callable[[Any], Any]:
        found = self.functions.get(cls)
        if found is None:
            found = self.functions[cls] = _Output(self, cls).generate()
        return found

    def struct(self, cls: type[Any]) -> tuple[ClassSpec, Any]:
        """Return the spec of ``cls`` and its output Struct, made once."""
        found = self.structs.get(cls)
        if found is not None:
            return found
        family = family_of(cls)
        if family is not None and (not is_attrs_class(cls) or own_tag(cls) is None):
            raise _Refused(cls)  # the engine says why it cannot be written
        if family is not None and kind_table(family[0]).by_tag.get(own_tag(cls) or "") is not cls:
            raise _Refused(cls)  # a tag claimed twice: the engine says so
        spec = class_spec(cls)
        fields: list[tuple[str, Any, Any]] = []
        if cls is Ecosystem:
            fields.append((VERSION_KEY, Any, _OMIT))
        fields += [(field.name, Any, _default(field)) for field in spec.fields]
        options: dict[str, Any] = {}
        if spec.tag is not None:
            options = {"tag_field": "type", "tag": spec.tag}
        try:
            struct = msgspec.defstruct(
                f"{cls.__name__}Out", fields, omit_defaults=True, gc=False, **options
            )
        except (TypeError, ValueError) as error:  # a name msgspec refuses
            raise _Refused(cls) from error
        found = self.structs[cls] = (spec, struct)
        return found

    def write(self, obj: object) -> bytes:
        cls = type(obj)
        function = self.functions.get(cls) or self.function(cls)
        written: bytes = self.encode(function(obj))
        return written


def _default(field: FieldSpec) -> Any:
    """The default of ``field`` in its output Struct.

    msgspec leaves out a value that *is* its field's default: ``None``, the
    empty tuple, ``True`` and ``False`` and enumeration members are each one
    object, so they are the defaults themselves; other defaults (``"EUR"``)
    are replaced by :data:`_OMIT` where the value equals them.
    """
    default = field.default
    if field.required:
        return _OMIT
    if default is None and isinstance(field.node, Opt):
        return None
    if default == () and isinstance(default, tuple) and isinstance(field.node, Seq):
        return ()
    if isinstance(default, bool | enum.Enum) and _native(field.node):
        return default
    return _OMIT


def _native(node: Node) -> bool:
    """Whether msgspec writes a value of ``node`` as the engine does, as it is."""
    if isinstance(node, Scalar):
        return node.name in ("str", "int", "bool", "decimal")  # a Decimal as str() writes it
    if isinstance(node, Opt | Seq):
        return _native(node.inner)  # a tuple as an array
    return isinstance(node, EnumOf)  # a member as its value


class _Output:
    """Writes the function that makes the output Struct of one class."""

    def __init__(self, writer: _Writer, cls: type[Any]) -> None:
        self.writer = writer
        self.cls = cls
        self.names: dict[str, Any] = {
            "OMIT": _OMIT,
            "DAY": dt.date,
            "FN": writer.functions,
            "MAKE": writer.function,
            "REFUSE": _refuse,
        }
        self.bind = _fresh_names(self.names)
        self.counter = 0
        self.inline: set[type[Any]] = set()

    def fresh(self) -> str:
        self.counter += 1
        return f"w{self.counter}"

    def generate(self) -> Callable[[Any], Any]:
        lines = ["def generated(o):"]
        result = self.obj(self.cls, "o", "    ", lines)
        lines.append(f"    return {result}")
        return _compile(self.cls, "fast_write", lines, self.names)

    def obj(self, cls: type[Any], source: str, pad: str, lines: list[str]) -> str:
        """Write lines that make the output Struct of the ``cls`` in ``source``; return its variable."""
        spec, struct = self.writer.struct(cls)
        self.inline.add(cls)
        if (
            kept_setter(cls) is not None
        ):  # unknown keys kept from a document: the engine writes them
            lines.append(f"{pad}if {source}.{KEPT_SLOT} is not None: REFUSE({source})")
        arguments = [repr(FORMAT_VERSION)] if cls is Ecosystem else []
        for field in spec.fields:
            var = self.fresh()
            lines.append(f"{pad}{var} = {source}.{field.name}")
            default = _default(field)
            node = field.node
            if field.required or default is not _OMIT:
                # None, () and the other defaults above pass through as they are
                value = self.value(node, var, pad, lines)
                if value != var and default == () and value.startswith("["):
                    value = f"({value} if {var} else ())"
                arguments.append(value)
                continue
            inner: list[str] = []
            value = self.value(node, var, pad + "    ", inner)
            lines.append(f"{pad}if {var} != {self.bind(field.default)}:")
            lines += [*inner, f"{pad}    {var} = {value}"]
            lines.append(f"{pad}else: {var} = OMIT")
            arguments.append(var)
        self.inline.discard(cls)
        made = self.fresh()
        lines.append(f"{pad}{made} = {self.bind(struct)}({', '.join(arguments)})")
        return made

    def value(self, node: Node, var: str, pad: str, lines: list[str]) -> str:  # noqa: PLR0911 -- one branch per kind of node
        """Return the value msgspec writes as the engine writes ``var``, with the lines it needs first."""
        if isinstance(node, Scalar):
            if node.name in ("str", "int", "bool", "decimal"):
                return var
            if node.name == "float":
                # msgspec and orjson write these floats alike; the engine writes the others
                plain = f"{var}.__class__ is int or 1e-4 <= abs({var}) < 1e16 or {var} == 0"
                return f"({var} if {plain} else REFUSE({var}))"
            if node.name == "date":
                return f"({var} if {var}.__class__ is DAY else {var}.isoformat())"
            top, bottom = f"{var}.numerator", f"{var}.denominator"
            return f'(str({top}) if {bottom} == 1 else f"{{{top}}}/{{{bottom}}}")'
        if isinstance(node, EnumOf):
            return var
        if isinstance(node, Obj):
            if node.cls in self.inline:  # a class that holds itself: as the engine does, or fails
                raise _Refused(node.cls)
            return self.obj(node.cls, var, pad, lines)
        if isinstance(node, Poly):
            return f"(FN.get({var}.__class__) or MAKE({var}.__class__))({var})"
        if isinstance(node, Opt):
            inner: list[str] = []
            value = self.value(node.inner, var, pad + "    ", inner)
            if value == var:
                return var
            lines += [f"{pad}if {var} is not None:", *inner, f"{pad}    {var} = {value}"]
            return var
        item: list[str] = []
        each = self.fresh()
        value = self.value(node.inner, each, pad + "    ", item)
        if value == each:
            return var  # msgspec writes a tuple as an array
        if not item:
            return f"[{value} for {each} in {var}]"
        made = self.fresh()
        lines += [f"{pad}{made} = ()", f"{pad}if {var}:", f"{pad}    {made} = []"]
        lines += [f"{pad}    for {each} in {var}:", *("    " + line for line in item)]
        lines.append(f"{pad}        {made}.append({value})")
        return made


# ---------------------------------------------------------------------- entry points

_lock = threading.Lock()
_reader: list[_Reader | None] = []
_writer: list[_Writer] = []


def _current_reader(*, rebuild: bool = False) -> _Reader | None:
    """Return the reader, made on first use; ``None`` if the classes cannot be mirrored."""
    with _lock:
        if rebuild or not _reader:
            try:
                reader: _Reader | None = _Reader()
            except (_Unsupported, KindError):
                reader = None
            _reader[:] = [reader]
        return _reader[0]


def mirror_decoder() -> Any:
    """Return msgspec's decoder of a document into its mirror Structs, or ``None`` without msgspec."""
    if msgspec is None:
        return None
    reader = _current_reader()
    return None if reader is None else reader.decoder


def read_document(text: str | bytes) -> Ecosystem | None:
    """Read a document with msgspec, or return ``None`` if the engine must read it.

    ``None`` means: msgspec is not installed, the document has a problem (the
    engine will report it), an old format version, a kind unknown to the
    decoder, or anything else the fast path does not read exactly as the
    engine does.
    """
    reader = _current_reader() if msgspec is not None else None
    if reader is None:
        return None
    try:
        return reader.read(text)
    except Exception:  # any failure: the engine reads the document and says why
        stale = any(dict(kind_table(base).by_tag) != reader.tables[base] for base, _ in KIND_ROOTS)
        if not stale:
            return None
    # a kind defined since the decoder was made: make it again, and try once more
    reader = _current_reader(rebuild=True)
    if reader is None:
        return None
    try:
        return reader.read(text)
    except Exception:  # as above
        return None


def write(obj: object) -> bytes | None:
    """Write a ptcekit value with msgspec, or return ``None`` if the engine must write it.

    The bytes are those of the engine's writer with orjson, compact.
    """
    if msgspec is None:
        return None
    with _lock:
        if not _writer:
            _writer.append(_Writer())
    try:
        return _writer[0].write(obj)
    except Exception:  # any failure: the engine writes the value, or says why it cannot
        return None
