"""How generated structuring functions build an object without running twice what they proved.

The model's validators and converters are values whose fields are their
parameters (:mod:`ptcekit.model.validators`). From those values and a
field's wire type, the code here writes the checks a validator would make
that the wire reading has not already proven, drops a converter on values it
leaves unchanged, and calls every validator it cannot write out (a model's
own, such as a cross-item check) as it is. The object is then made with
``object.__new__`` and its slots set directly, and ``__attrs_post_init__``
runs as usual. A value the class would refuse is refused; the structuring
function then gives up, and the slower diagnosis calls the class itself, so
every message stays the class's own.
"""

from __future__ import annotations

import datetime as dt
import inspect
import re
import types
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs

from ptcekit.model import validators as v
from ptcekit.serialize._fields import EnumOf, Node, Obj, Opt, Poly, Scalar, Seq
from ptcekit.serialize._wire import parse_date, parse_fraction

__all__ = [
    "CACHE_LIMIT",
    "ENTRY_LIMIT",
    "Caches",
    "FieldCode",
    "constructible",
    "field_code",
    "slot_setter",
]

#: How many parsed values or accepted identifiers each cache keeps at most.
CACHE_LIMIT = 1 << 16
#: The longest string a cache keeps.
ENTRY_LIMIT = 100

Bind = Callable[[Any], str]


class Caches:
    """Parsed wire strings and accepted identifiers, shared by one engine's functions.

    Dates, fractions and identifiers repeat across a document (the same
    start dates, the same shares, the same currency): each is parsed or
    checked once. Values are immutable and each check is a pure function of
    the string, so a hit gives what a fresh parse or check would. Each table
    stops growing at :data:`CACHE_LIMIT` entries of at most
    :data:`ENTRY_LIMIT` characters (a parsed date or fraction is short by
    its wire form; a longer identifier is checked but not kept), so that
    what documents hold can fill them only to a few megabytes.
    """

    def __init__(self) -> None:
        self.dates: dict[str, dt.date] = {}
        self.fractions: dict[str, Fraction] = {}
        self.accepted: dict[Callable[[str], str], set[str]] = {}

    def date(self, value: object) -> dt.date:
        """Parse a wire date (raising :class:`WireError` as :func:`parse_date` does), and keep it."""
        parsed = parse_date(value)
        if len(self.dates) < CACHE_LIMIT:
            self.dates[value] = parsed  # type: ignore[index]  # parse_date proved it a str
        return parsed

    def fraction(self, value: object) -> Fraction:
        """Parse a wire fraction (as :func:`parse_fraction` does), and keep it."""
        parsed = parse_fraction(value)
        if len(self.fractions) < CACHE_LIMIT:
            self.fractions[value] = parsed  # type: ignore[index]  # parse_fraction proved it a str
        return parsed

    def checker(self, validate: Callable[[str], str]) -> tuple[set[str], Callable[[str], None]]:
        """Return the strings ``validate`` accepted so far, and a check that adds to them."""
        accepted = self.accepted.setdefault(validate, set())

        def check(value: str) -> None:
            validate(value)
            if len(accepted) < CACHE_LIMIT and len(value) <= ENTRY_LIMIT:
                accepted.add(value)

        return accepted, check


def constructible(cls: type[Any]) -> bool:
    """Tell whether ``cls`` can be made by setting its slots, as its attrs ``__init__`` would.

    That holds for a frozen, slotted attrs class with the ``__init__`` attrs
    wrote, no ``__attrs_pre_init__``, no ``__new__`` of its own, plain
    converters, no slots but its fields', and plain defaults on fields that
    ``__init__`` does not take. Anything else is made by calling the class.
    """
    new: object = cls.__new__  # a class may define its own
    plain = (
        attrs.has(cls)
        and _written_by_attrs(cls, "__init__")
        and not hasattr(cls, "__attrs_pre_init__")
        and new is object.__new__
        and _frozen(cls)
    )
    fields = attrs.fields(cls) if plain else ()
    for attribute in fields:
        settable = not attribute.name.startswith("__") and slot_setter(cls, attribute.name)
        factory = not attribute.init and isinstance(attribute.default, attrs.Factory)  # type: ignore[arg-type]  # attrs.Factory is a class at run time
        if not settable or factory or isinstance(attribute.converter, attrs.Converter):
            return False
    slots = {
        name
        for klass in cls.__mro__
        for name in getattr(klass, "__dict__", {}).get("__slots__", ())
        if name not in ("__weakref__", "__dict__")
    }
    return plain and slots <= {attribute.name for attribute in fields}


def _written_by_attrs(cls: type[Any], name: str) -> bool:
    """Whether the method ``name`` of ``cls`` is the one attrs wrote for it, by the docstring attrs gives it.

    A method of the class's own (or none) says otherwise, and the class is
    then called: the safe side.
    """
    method = cls.__dict__.get(name)
    written = f"Method generated by attrs for class {cls.__qualname__}."
    return getattr(method, "__doc__", None) == written


def _frozen(cls: type[Any]) -> bool:
    """Whether instances of ``cls`` refuse attribute assignment as attrs' frozen classes do.

    Asked of a blank instance, never initialised nor kept.
    """
    blank = object.__new__(cls)
    try:
        blank.__setattr__("__ptcekit_probe__", None)
    except attrs.exceptions.FrozenInstanceError:
        return True
    except AttributeError:
        return False
    return False  # pragma: no cover -- a slotted class has no room for the probe


def slot_setter(cls: type[Any], name: str) -> Callable[[Any, Any], None] | None:
    """Return the ``__set__`` of the slot ``name`` of ``cls``, or ``None`` if it is no slot."""
    found = inspect.getattr_static(cls, name, None)
    if type(found) is not types.MemberDescriptorType:
        return None
    setter: Callable[[Any, Any], None] = found.__set__
    return setter


def _inner(node: Node | None) -> Node | None:
    return node.inner if isinstance(node, Opt) else node


def _is_scalar(node: Node | None, name: str) -> bool:
    return isinstance(node, Scalar) and node.name == name


def _keeps(converter: Any, node: Node) -> bool:
    """Tell whether ``converter`` leaves every value the wire reading of ``node`` gives unchanged."""
    inner = _inner(node)
    match converter:
        case v.ToTuple():
            return isinstance(inner, Seq)
        case v.ToDecimal():
            return _is_scalar(inner, "decimal")
        case v.ToFraction():
            return _is_scalar(inner, "fraction")
        case v.Compact(module=module):
            return _compact_form(module, inner)
        case v.ToEnum(enum=cls):
            return isinstance(inner, EnumOf) and issubclass(inner.cls, cls)
    return isinstance(inner, EnumOf) and _keeps_members(converter, inner, inner is node)


def _keeps_members(converter: Callable[[Any], Any], node: EnumOf, required: bool) -> bool:  # noqa: FBT001 -- internal helper
    """Whether ``converter`` returns every member (and ``None``, unless ``required``) unchanged.

    An enumeration is a finite set of values: try them all.
    """
    try:
        members = all(converter(member) is member for member in node.cls)
        return members and (required or converter(None) is None)
    except Exception:  # a converter that fails here is simply called
        return False


def _compact_form(module: Any, node: Node | None) -> bool:
    """Whether ``node`` is a string in the compact form of the identifiers ``module``.

    Each module's ``COMPACT_PATTERN`` is a compact form: the tests prove
    that its ``compact`` leaves every string that matches it unchanged.
    """
    pattern = getattr(module, "COMPACT_PATTERN", None)
    return isinstance(node, Scalar) and pattern is not None and node.pattern == pattern


class _Writer:
    """Writes the inline form of a validator value on one variable.

    What a validator checks that cannot be written inline (joining the
    surrogate pairs of text, the size of a decimal or a fraction) is noted in
    :attr:`later`, to be called once the object exists.
    """

    def __init__(self, bind: Bind, caches: Caches) -> None:
        self.bind = bind
        self.caches = caches
        self.later: list[Any] = []

    def typed(self, var: str, kind: type[Any], pad: str, *, proven: bool) -> list[str]:
        if proven:
            return []
        name = kind.__name__ if kind in (str, int, bool, tuple) else self.bind(kind)
        return [f"{pad}if {var}.__class__ is not {name}: raise BAD"]

    def check(self, validator: Any, node: Node, var: str, pad: str) -> list[str] | None:  # noqa: PLR0911, PLR0912 -- one case per validator class
        """Return lines that raise when ``validator`` would refuse ``var``, or ``None`` if they cannot be written.

        ``node`` is what the wire reading proved of ``var``, which is not ``None``.
        """
        if isinstance(node, Opt):
            node = node.inner  # pragma: no cover -- the fields' own Opt is handled by the caller
        match validator:
            case v.Text(multiline=multiline):
                lines = self.typed(var, str, pad, proven=_is_scalar(node, "str"))
                lines.append(f"{pad}if not {var}.strip(): raise BAD")
                if not multiline:
                    lines.append(f"{pad}if '\\n' in {var} or '\\r' in {var}: raise BAD")
                self.later.append(v.JoinSurrogates())
                return lines
            case v.Id() | v.Reference():
                return self.pattern(v.ID_PATTERN, node, var, pad)
            case v.Url():
                self.later.append(v.JoinSurrogates())
                return self.pattern(v.URL_PATTERN, node, var, pad)
            # a Pattern that compacts is called as it is: its compact may change
            # a value the pattern matches, and the field keeps what it makes
            case v.Pattern(regex=regex, compact=None):
                return self.pattern(regex, node, var, pad)
            case v.Boolean():
                return self.typed(var, bool, pad, proven=_is_scalar(node, "bool"))
            case v.Date():
                return self.typed(var, dt.date, pad, proven=_is_scalar(node, "date"))
            case v.Integer():
                lines = self.typed(var, int, pad, proven=_is_scalar(node, "int"))
                # the digit bound is part of the range checked inline
                return lines + self.bounds(validator.low, validator.high, var, pad)
            case v.Member(enum=cls) | v.Instance(cls=cls):
                proven = (
                    (isinstance(node, EnumOf) and issubclass(node.cls, cls))
                    or (isinstance(node, Obj) and issubclass(node.cls, cls))
                    or (isinstance(node, Poly) and issubclass(node.base, cls))
                )
                return (
                    []
                    if proven
                    else [f"{pad}if not isinstance({var}, {self.bind(cls)}): raise BAD"]
                )
            case v.TupleOf():
                return self.tuple(validator, node, var, pad)
            case v.IdentifierOf(module=module, compact=compact):
                if compact and not _compact_form(module, node):
                    return None  # the value may need compacting: the validator does it
                return self.identifier(validator, node, var, pad)
            case v.DecimalRange(minimum=minimum, positive=positive):
                proven = _is_scalar(node, "decimal")  # the wire pattern has no NaN nor infinity
                lines = self.typed(var, Decimal, pad, proven=proven)
                if not proven:
                    lines.append(f"{pad}if not {var}.is_finite(): raise BAD")
                if positive:
                    lines.append(f"{pad}if {var} <= 0: raise BAD")
                self.later.append(v.DecimalDigits())
                return lines + self.bounds(minimum, None, var, pad)
            case v.FractionRange():
                lines = self.typed(var, Fraction, pad, proven=_is_scalar(node, "fraction"))
                self.later.append(v.FractionTerms())
                return lines + self.fraction_bounds(validator, var, pad)
            case v.Degrees(limit=limit):
                proven = _is_scalar(node, "float")
                lines = (
                    [] if proven else [f"{pad}if {var}.__class__ not in (float, int): raise BAD"]
                )
                return [*lines, f"{pad}if not -{limit} <= {var} <= {limit}: raise BAD"]
        return None

    def pattern(self, regex: re.Pattern[str], node: Node, var: str, pad: str) -> list[str]:
        lines = self.typed(var, str, pad, proven=_is_scalar(node, "str"))
        if not (isinstance(node, Scalar) and node.pattern == regex.pattern):
            lines.append(f"{pad}if {self.bind(regex.fullmatch)}({var}) is None: raise BAD")
        return lines

    def bounds(self, low: Any, high: Any, var: str, pad: str) -> list[str]:
        lines = []
        if low is not None:
            lines.append(f"{pad}if {var} < {self.bind(low)}: raise BAD")
        if high is not None:
            lines.append(f"{pad}if {var} > {self.bind(high)}: raise BAD")
        return lines

    def fraction_bounds(self, check: v.FractionRange, var: str, pad: str) -> list[str]:
        """Compare a fraction with its bounds on integers: n/d < p/q exactly when n*q < p*d (d, q > 0)."""
        lines = []
        for bound, wrong in (
            (check.low, "<" if check.include_low else "<="),
            (check.high, ">" if check.include_high else ">="),
        ):
            if bound is None:
                continue
            limit = Fraction(bound)
            p, q = limit.numerator, limit.denominator
            left = f"{var}.numerator" if q == 1 else f"{var}.numerator * {q}"
            right = f"{var}.denominator" if p == 1 else f"{p} * {var}.denominator"
            if p == 0:
                right = "0"
            lines.append(f"{pad}if {left} {wrong} {right}: raise BAD")
        return lines

    def tuple(self, check: v.TupleOf, node: Node, var: str, pad: str) -> list[str] | None:
        if not isinstance(node, Seq):
            return None
        items = _Writer(self.bind, self.caches)
        item = items.check(check.item, node.inner, "x", pad + "    ")
        if item is None or items.later:
            # what an item needs later (text joined) is done by the tuple's own validator
            return None
        lines: list[str] = []
        if item:
            lines += [f"{pad}for x in {var}:", *item]
        if check.unique:
            lines.append(f"{pad}if len(set({var})) != len({var}): raise BAD")
        return lines

    def identifier(self, check: v.IdentifierOf, node: Node, var: str, pad: str) -> list[str]:
        lines = self.typed(var, str, pad, proven=_is_scalar(node, "str"))
        validate = check.validate
        bound = self.bind(validate)
        accept = check.accept
        if accept is not None:
            # the fast check of compact forms; validate for the rest (it raises)
            lines.append(f"{pad}if not {self.bind(accept)}({var}): {bound}({var})")
        else:
            accepted, checker = self.caches.checker(validate)
            lines.append(f"{pad}if {var} not in {self.bind(accepted)}: {self.bind(checker)}({var})")
        return lines


@attrs.frozen
class FieldCode:
    """What a structuring function does with one field once the wire value is read.

    Attributes:
        convert: the line that converts the value, when the converter cannot be skipped.
        checks: lines run on the value read from the wire when it is not ``None``.
        none_fails: whether ``None`` is refused by the checks written in ``checks``.
        absent_fails: whether leaving the key out is refused (its default fails a check).
        default: the value when the key is left out, converted as ``__init__`` would.
        later: the validators to call, in order, once the object exists.
    """

    convert: str | None
    checks: tuple[str, ...]
    none_fails: bool
    absent_fails: bool
    default: Any
    later: tuple[Any, ...]


def field_code(
    attribute: attrs.Attribute[Any], node: Node, var: str, *, pad: str, bind: Bind, caches: Caches
) -> FieldCode:
    """Return how to check and convert the field ``attribute``, read from the wire into ``var``.

    ``checks`` are written at ``pad`` for a value that is not ``None``.
    """
    writer = _Writer(bind, caches)
    converter: Any = attribute.converter  # constructible() allows plain callables only
    keeps = converter is None or _keeps(converter, node)
    later: list[Any] = []
    checks: list[str] = []
    checked = []
    none_fails = False
    inner = node.inner if isinstance(node, Opt) else node
    for validator in v.leaves(attribute.validator):
        # after a converter that may return anything, nothing is proven: call them all
        lines = writer.check(validator, inner, var, pad) if keeps else None
        if lines is None:
            later.append(validator)
        else:
            checks.extend(lines)
            checked.append(validator)
            none_fails = none_fails or not getattr(validator, "optional", False)
            later.extend(writer.later)
        writer.later.clear()
    default = attribute.default
    absent_fails = False
    if default is not attrs.NOTHING:
        try:
            if converter is not None:
                default = converter(default)
            for validator in checked:
                validator(None, attribute, default)
        except Exception:  # a default the class would refuse: refuse the key's absence
            absent_fails = True
    return FieldCode(
        convert=None if keeps else f"{var} = {bind(_callable(converter))}({var})",
        checks=tuple(checks),
        none_fails=none_fails,
        absent_fails=absent_fails,
        default=default,
        # a value's bound __call__: called at once, where calling the value looks it up first
        later=tuple(_callable(validator) for validator in later),
    )


def _callable(value: Any) -> Any:
    """The bound ``__call__`` of a validator or converter value; any other callable as it is."""
    return value.__call__ if isinstance(value, v.Validator | v.Converter) else value
