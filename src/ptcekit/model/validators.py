"""Field validators and converters as values: the model's checks, public for extenders.

Each validator is a frozen value whose fields are its parameters, as attrs'
own validators are (``attrs.validators.ge`` returns one): it is called
by attrs as ``validator(instance, attribute, value)`` and raises
:class:`~ptcekit.errors.InvalidValueError` or
:class:`~ptcekit.errors.FieldTypeError` naming the class, the field, what
was expected and what was given. Each converter is a frozen value too,
called with the value; converters are idempotent, since :func:`attrs.evolve`
runs them again.

Because they are values, the rest of ptcekit reads them: the loader checks
inline what a validator would check and skips a converter on values it
leaves unchanged; the JSON Schema shows their bounds, patterns and
references; the reference rules find every :class:`Reference`. A downstream
class that declares its fields with them gets the same checks on
construction and on load, and the same schema.

>>> import attrs
>>> from ptcekit.model import validators as v
>>> @attrs.frozen(kw_only=True)
... class Hive:
...     id: str = attrs.field(validator=v.Id())
...     frames: int = attrs.field(validator=v.Integer(minimum=0, maximum=40))
>>> Hive(id="h1", frames=12).frames
12
>>> Hive(id="h1", frames=50)
Traceback (most recent call last):
...
ptcekit.errors.InvalidValueError: Hive.frames: expected an int between 0 and 40, got 50
>>> v.Integer(minimum=0, maximum=40)
Integer(minimum=0, maximum=40)
"""

from __future__ import annotations

import collections
import datetime as dt
import enum
import functools
import importlib
import re
import types
import typing
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Generic, NoReturn, TypeVar

import attrs

from ptcekit.errors import FieldTypeError, IdentifierError, InvalidValueError, _short
from ptcekit.identifiers import commune, departement, region
from ptcekit.model.limits import MAX_FRACTION_DIGITS, MAX_INTEGER_DIGITS

__all__ = [
    "FRACTION_TYPES",
    "ID_EXPECTED",
    "ID_PATTERN",
    "URL_PATTERN",
    "All",
    "Boolean",
    "Compact",
    "Converter",
    "Date",
    "DecimalDigits",
    "DecimalRange",
    "Degrees",
    "FractionRange",
    "FractionTerms",
    "Id",
    "IdentifierOf",
    "Instance",
    "Integer",
    "JoinSurrogates",
    "Member",
    "Pattern",
    "Reference",
    "Text",
    "ToDecimal",
    "ToEnum",
    "ToFraction",
    "ToTuple",
    "TupleOf",
    "Url",
    "Validator",
    "article",
    "commune_code",
    "decimal_digits",
    "departement_code",
    "enum_member",
    "fail",
    "fail_type",
    "leaves",
    "money",
    "period",
    "region_code",
    "repeated",
    "tuple_of_type",
]

_E = TypeVar("_E", bound=enum.Enum)
_T = TypeVar("_T")
#: What a converter is applied to, for type checkers: a field's type.
_F = TypeVar("_F")

#: The shape of an id: letters, digits and ``_ . : -``, starting with a letter or digit.
ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:\-]{0,199}")
ID_EXPECTED = "an id of 1 to 200 letters, digits or '_.:-' starting with a letter or digit"

#: What :class:`Url` accepts: a scheme, a host, then optionally a path from its
#: first ``/``. Host and path meet only at that ``/``, so an address is
#: refused in time linear in its length.
URL_PATTERN = re.compile(r"https?://[^\s/]+(?:/\S*)?")

#: What a fraction field accepts, in words.
FRACTION_TYPES = "a Fraction, an int, a Decimal or a string such as '1/3'"


# --- messages ----------------------------------------------------------------


def article(noun: str) -> str:
    """Return ``noun`` after "a" or "an", as English spells it: "an Ownership", "a Share".

    >>> article("Ownership"), article("Share")
    ('an Ownership', 'a Share')
    """
    return f"an {noun}" if noun[:1].lower() in "aeiou" else f"a {noun}"


def fail(
    inst: object, attribute: attrs.Attribute[Any] | str, expected: str, got: object
) -> NoReturn:
    """Raise the :class:`~ptcekit.errors.InvalidValueError` for ``attribute`` (a field or its name) of ``inst``."""
    name = attribute if isinstance(attribute, str) else attribute.name
    raise InvalidValueError(type(inst).__name__, name, expected, got)


def fail_type(
    inst: object, attribute: attrs.Attribute[Any] | str, expected: str, got: object
) -> NoReturn:
    """Raise the :class:`~ptcekit.errors.FieldTypeError` for ``attribute`` (a field or its name) of ``inst``."""
    name = attribute if isinstance(attribute, str) else attribute.name
    raise FieldTypeError(type(inst).__name__, name, expected, got)


def _shown(value: object) -> str:
    """Write a parameter for a repr: classes and modules by name, the rest by repr."""
    if isinstance(value, type):
        return value.__qualname__
    if isinstance(value, types.ModuleType):
        return value.__name__.rsplit(".", 1)[-1]
    if isinstance(value, re.Pattern):
        return f"re.compile({value.pattern!r})"
    return repr(value)


class _Readable:
    """A repr that shows only the parameters that differ from their defaults."""

    __slots__ = ()

    def __repr__(self) -> str:
        shown = []
        for field in attrs.fields(typing.cast("type[attrs.AttrsInstance]", type(self))):
            if not field.repr:
                continue
            value = getattr(self, field.name)
            if field.default is not attrs.NOTHING and value == field.default:
                continue
            shown.append(f"{field.name}={_shown(value)}")
        return f"{type(self).__name__}({', '.join(shown)})"


class Validator(_Readable):
    """Base of ptcekit's validator values: called as ``validator(instance, attribute, value)``.

    Subclass it (as an ``attrs.frozen`` class) for a check of your own: the
    loader calls it once the object is built, as attrs would.
    """

    __slots__ = ()

    def __call__(self, inst: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        """Raise if ``value`` is not acceptable for ``attribute`` of ``inst``."""
        raise NotImplementedError  # pragma: no cover -- every subclass defines it


class Converter(_Readable):
    """Base of ptcekit's converter values: called with a value, returns it converted (idempotent)."""

    __slots__ = ()

    def __call__(self, value: Any) -> Any:
        """Return ``value`` converted, or unchanged for the validator to refuse."""
        raise NotImplementedError  # pragma: no cover -- every subclass defines it


def leaves(validator: object) -> tuple[Any, ...]:
    """Return the validators ``validator`` stands for, in order: the parts of an :class:`All`, flattened.

    >>> leaves(All(Id(), All(Text(), Boolean())))
    (Id(), Text(), Boolean())
    >>> leaves(None)
    ()
    """
    if validator is None:
        return ()
    if isinstance(validator, All):
        return tuple(leaf for part in validator.validators for leaf in leaves(part))
    return (validator,)


@attrs.frozen(repr=False, init=False)
class All(Validator):
    """Run every one of ``validators``, in order: for a field that needs several checks.

    >>> All(Integer(minimum=0), Integer(maximum=9))
    All(Integer(minimum=0), Integer(maximum=9))
    """

    validators: tuple[Callable[[Any, attrs.Attribute[Any], Any], None], ...]

    def __init__(self, *validators: Callable[[Any, attrs.Attribute[Any], Any], None]) -> None:
        self.__attrs_init__(validators=validators)

    def __call__(self, inst: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        """Raise if ``value`` is not what the class accepts, naming ``attribute`` of ``inst``."""
        for validator in self.validators:
            validator(inst, attribute, value)

    def __repr__(self) -> str:
        return f"All({', '.join(repr(part) for part in self.validators)})"


# --- text --------------------------------------------------------------------

#: A surrogate code point: half of a UTF-16 pair, never a character on its own.
_SURROGATE = re.compile(r"[\ud800-\udfff]")
#: A surrogate that is not part of a high-then-low pair.
_LONE_SURROGATE = re.compile(
    r"[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]"
)


def _holds_surrogates(value: str) -> bool:
    return not value.isascii() and _SURROGATE.search(value) is not None


def _joined(value: str) -> str:
    r"""Return ``value`` with its surrogate pairs joined into the characters they encode.

    A pair given as two code points (``"\udbff\udfff"``) is the character it
    encodes in UTF-16 (``"\U0010ffff"``): JSON writes the pair as two escapes
    and reads them back as that character, so keeping the pair would change
    the value on a round trip. Lone surrogates are left as they are.
    """
    return value.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")


def _replace(inst: object, attribute: attrs.Attribute[Any], given: object, value: object) -> bool:
    """Store ``value`` in the field ``attribute`` of ``inst`` if it holds ``given``; tell whether it did.

    Validators check, and the model's converters normalise; text fields have
    no converter, so their validators store the joined text themselves when
    they check a field of an object under construction.
    """
    name = attribute.name
    if inst is not None and attrs.has(type(inst)) and getattr(inst, name, None) is given:
        object.__setattr__(inst, name, value)
        return True
    return False


def _join_pairs(inst: object, attribute: attrs.Attribute[Any], value: str) -> None:
    """Refuse a lone surrogate in ``value``; store it with its surrogate pairs joined.

    A lone surrogate encodes nothing and cannot be written as UTF-8. Checking
    a value that is not the field's own (an item checked on its own), the
    pair is refused, with the character to write instead.
    """
    lone = _LONE_SURROGATE.search(value)
    if lone is not None:
        code = f"U+{ord(lone.group()):04X}"
        where = f"{code} at index {lone.start()} is half of a UTF-16 pair"
        fail(inst, attribute, f"text without lone surrogates ({where})", value)
    if not _replace(inst, attribute, value, _joined(value)):
        pair = _SURROGATE.search(value)
        start = pair.start() if pair is not None else 0
        code = f"U+{ord(_joined(value[start : start + 2])):04X}"
        fail(
            inst, attribute, f"text without surrogate pairs (write {code} as one character)", value
        )


@attrs.frozen(repr=False)
class JoinSurrogates(Validator):
    """Join the surrogate pairs of a text field into the characters they encode; refuse a lone surrogate.

    Part of :class:`Text` and :class:`Url`; the loader calls it on its own
    once it has checked the rest inline.
    """

    def __call__(self, inst: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        """Raise if ``value`` is not what the class accepts, naming ``attribute`` of ``inst``."""
        # isascii first: it is immediate, and most text is ASCII
        if type(value) is str and not value.isascii() and _SURROGATE.search(value) is not None:
            _join_pairs(inst, attribute, value)


_JOIN = JoinSurrogates()


@attrs.frozen(repr=False)
class Text(Validator):
    """Accept a non-blank ``str`` (or ``None`` when ``optional``); one line only unless ``multiline``.

    Surrogate pairs given as two code points are joined into the character
    they encode, and the field keeps the joined text; a lone surrogate is
    refused.

    Attributes:
        multiline: whether line breaks are accepted.
        optional: whether ``None`` is accepted.
    """

    multiline: bool = True
    optional: bool = False

    def __call__(self, inst: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        """Raise if ``value`` is not what the class accepts, naming ``attribute`` of ``inst``."""
        if value is None and self.optional:
            return
        if type(value) is not str:
            fail_type(inst, attribute, "a str", value)
        if not value.strip():
            fail(inst, attribute, "a non-blank string", value)
        if not self.multiline and ("\n" in value or "\r" in value):
            fail(inst, attribute, "a single line of text", value)
        _JOIN(inst, attribute, value)


@attrs.frozen(repr=False)
class Url(Validator):
    """Accept an ``http://`` or ``https://`` address with no spaces (see :data:`URL_PATTERN`).

    Surrogate pairs are joined, and lone surrogates refused, as :class:`Text` does.

    Attributes:
        optional: whether ``None`` is accepted.
    """

    optional: bool = False

    def __call__(self, inst: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        """Raise if ``value`` is not what the class accepts, naming ``attribute`` of ``inst``."""
        if value is None and self.optional:
            return
        if type(value) is not str:
            fail_type(inst, attribute, "a URL (str)", value)
        if URL_PATTERN.fullmatch(value) is None:
            fail(inst, attribute, "an http:// or https:// URL", value)
        _JOIN(inst, attribute, value)


def _compacted(
    inst: object, attribute: attrs.Attribute[Any], value: str, compact: Callable[[str], str]
) -> str:
    """Return ``value`` in compact form, stored in the field if ``inst`` is under construction.

    A form ``compact`` refuses is returned as it is, for the check to refuse.
    """
    try:
        compacted = compact(value)
    except IdentifierError:
        return value
    if compacted != value:
        _replace(inst, attribute, value, compacted)
    return compacted


@attrs.frozen(repr=False)
class Pattern(Validator):
    """Accept a ``str`` that ``regex`` matches whole, once compacted by ``compact`` if given.

    Attributes:
        regex: the pattern.
        expected: what it accepts, in words, for messages ("a code of 4 digits").
        what: what the value is, for the message about a value that is no string.
        optional: whether ``None`` is accepted.
        compact: a function that writes the value in the form ``regex``
            matches (such as an identifiers module's ``compact``); the field
            keeps the compact form.
    """

    regex: re.Pattern[str]
    expected: str
    what: str = "a str"
    optional: bool = False
    compact: Callable[[str], str] | None = None

    def __call__(self, inst: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        """Raise if ``value`` is not what the class accepts, naming ``attribute`` of ``inst``."""
        if value is None and self.optional:
            return
        if type(value) is not str:
            fail_type(inst, attribute, self.what, value)
        if self.compact is not None:
            value = _compacted(inst, attribute, value, self.compact)
        if self.regex.fullmatch(value) is None:
            fail(inst, attribute, self.expected, value)


# --- ids and references --------------------------------------------------------


@attrs.frozen(repr=False)
class Id(Validator):
    """Accept an object id (see :data:`ID_PATTERN`).

    Attributes:
        optional: whether ``None`` is accepted.
    """

    optional: bool = False

    def __call__(self, inst: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        """Raise if ``value`` is not what the class accepts, naming ``attribute`` of ``inst``."""
        if value is None and self.optional:
            return
        if type(value) is not str:
            fail_type(inst, attribute, "an id (str)", value)
        if ID_PATTERN.fullmatch(value) is None:
            fail(inst, attribute, ID_EXPECTED, value)


@functools.cache
def _model_class(name: str) -> type[Any]:
    """The class of :mod:`ptcekit.model` called ``name``, looked up once."""
    found: type[Any] = getattr(importlib.import_module("ptcekit.model"), name)
    return found


@attrs.frozen(repr=False)
class Reference(Validator):
    """Accept the id of a record of the family ``to`` (checked as :class:`Id`).

    Construction checks the id's shape; that it names a record of that
    family in the document is a rule. The loader, the JSON Schema and the
    reference rules read ``to``.

    Attributes:
        to: the record family: a class, such as :class:`~ptcekit.model.Pole`,
            or the name of one of :mod:`ptcekit.model`'s classes, for a
            class defined after the field's own.
        optional: whether ``None`` is accepted.

    >>> from ptcekit.model import Pole
    >>> Reference(to=Pole, optional=True)
    Reference(to=Pole, optional=True)
    >>> Reference(to=Pole).noun
    'a pôle'
    """

    to: type[Any] | str
    optional: bool = False

    def __call__(self, inst: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        """Raise if ``value`` is not what the class accepts, naming ``attribute`` of ``inst``."""
        if value is None and self.optional:
            return
        if type(value) is not str:
            fail_type(inst, attribute, "an id (str)", value)
        if ID_PATTERN.fullmatch(value) is None:
            fail(inst, attribute, ID_EXPECTED, value)

    @property
    def target(self) -> type[Any]:
        """The record family, as a class."""
        return _model_class(self.to) if isinstance(self.to, str) else self.to

    @property
    def noun(self) -> str:
        """The family in words with its article, such as ``"an actor"``: its ``record_noun`` if it has one."""
        target = self.target
        noun = getattr(target, "record_noun", None)
        return noun if isinstance(noun, str) else article(target.__name__)


# --- scalars -------------------------------------------------------------------


@attrs.frozen(repr=False)
class Boolean(Validator):
    """Accept exactly ``True`` or ``False`` (or ``None``, meaning unknown, when ``optional``).

    Attributes:
        optional: whether ``None`` is accepted.
    """

    optional: bool = False

    def __call__(self, inst: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        """Raise if ``value`` is not what the class accepts, naming ``attribute`` of ``inst``."""
        if self.optional:
            if value is not None and type(value) is not bool:
                fail_type(inst, attribute, "a bool or None (unknown)", value)
        elif type(value) is not bool:
            fail_type(inst, attribute, "a bool", value)


@attrs.frozen(repr=False)
class Date(Validator):
    """Accept a :class:`datetime.date` that is not a ``datetime.datetime``.

    Attributes:
        optional: whether ``None`` is accepted.
    """

    optional: bool = False

    def __call__(self, inst: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        """Raise if ``value`` is not what the class accepts, naming ``attribute`` of ``inst``."""
        if value is None and self.optional:
            return
        if type(value) is not dt.date:
            fail_type(inst, attribute, "a datetime.date", value)


#: The largest magnitude of an int of at most :data:`~ptcekit.model.limits.MAX_INTEGER_DIGITS` digits.
INTEGER_LIMIT = 10**MAX_INTEGER_DIGITS - 1
_INTEGER_DIGITS = f"an int of at most {MAX_INTEGER_DIGITS} digits"


def _bounds_text(minimum: object, maximum: object) -> str:
    if minimum is not None and maximum is not None:
        return f"between {minimum} and {maximum}"
    if minimum is not None:
        return f">= {minimum}"
    if maximum is not None:
        return f"<= {maximum}"
    return "of any value"


@attrs.frozen(repr=False)
class Integer(Validator):
    """Accept an ``int`` (not a ``bool``) within the bounds, inclusive.

    Whatever the bounds, the int has at most
    :data:`~ptcekit.model.limits.MAX_INTEGER_DIGITS` digits, as the wire reads.

    Attributes:
        minimum: the lowest value accepted, if any.
        maximum: the highest value accepted, if any.
        optional: whether ``None`` is accepted.
    """

    minimum: int | None = None
    maximum: int | None = None
    optional: bool = False

    @property
    def low(self) -> int:
        """The lowest value accepted, the digit bound included."""
        low: int = -INTEGER_LIMIT if self.minimum is None else max(self.minimum, -INTEGER_LIMIT)
        return low

    @property
    def high(self) -> int:
        """The highest value accepted, the digit bound included."""
        high: int = INTEGER_LIMIT if self.maximum is None else min(self.maximum, INTEGER_LIMIT)
        return high

    def __call__(self, inst: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        """Raise if ``value`` is not what the class accepts, naming ``attribute`` of ``inst``."""
        if value is None and self.optional:
            return
        if type(value) is not int:
            fail_type(inst, attribute, "an int", value)
        minimum, maximum = self.minimum, self.maximum
        if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
            fail(inst, attribute, f"an int {_bounds_text(minimum, maximum)}", value)
        if not -INTEGER_LIMIT <= value <= INTEGER_LIMIT:
            fail(inst, attribute, _INTEGER_DIGITS, value)


@attrs.frozen(repr=False)
class Degrees(Validator):
    """Accept a number of degrees (an ``int`` or a ``float``) between ``-limit`` and ``limit``.

    Attributes:
        limit: 90 for a latitude, 180 for a longitude.
        optional: whether ``None`` is accepted.
    """

    limit: int
    optional: bool = False

    def __call__(self, inst: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        """Raise if ``value`` is not what the class accepts, naming ``attribute`` of ``inst``."""
        if value is None and self.optional:
            return
        limit = self.limit
        if type(value) not in (float, int):
            fail_type(inst, attribute, "a number of degrees (float)", value)
        if not -limit <= value <= limit:
            fail(inst, attribute, f"degrees between -{limit} and {limit}", value)


@attrs.frozen(repr=False)
class Member(Validator):
    """Accept a member of the enumeration ``enum``.

    Attributes:
        enum: the enumeration.
        optional: whether ``None`` is accepted.
    """

    enum: type[enum.Enum]
    optional: bool = False

    def __call__(self, inst: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        """Raise if ``value`` is not what the class accepts, naming ``attribute`` of ``inst``."""
        if value is None and self.optional:
            return
        if not isinstance(value, self.enum):
            choices = ", ".join(repr(m.value) for m in self.enum)
            fail(inst, attribute, f"{article(self.enum.__name__)} (one of {choices})", value)


@attrs.frozen(repr=False)
class Instance(Validator):
    """Accept an instance of ``cls``.

    Attributes:
        cls: the class.
        optional: whether ``None`` is accepted.
        expected: what it accepts, in words, if not "a <class name>".
    """

    cls: type[Any]
    optional: bool = False
    expected: str | None = None

    def __call__(self, inst: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        """Raise if ``value`` is not what the class accepts, naming ``attribute`` of ``inst``."""
        if value is None and self.optional:
            return
        if not isinstance(value, self.cls):
            fail_type(inst, attribute, self.expected or article(self.cls.__name__), value)


def money(*, optional: bool = False) -> Instance:
    """Accept a :class:`~ptcekit.model.Money` (or ``None`` when ``optional``)."""
    from ptcekit.model._values import Money  # noqa: PLC0415 -- Money is checked by these validators

    return Instance(Money, optional=optional)


def period(*, optional: bool = False) -> Instance:
    """Accept a :class:`~ptcekit.model.Period` (or ``None`` when ``optional``)."""
    from ptcekit.model._values import Period  # noqa: PLC0415 -- Period is checked by these validators

    return Instance(Period, optional=optional)


# --- tuples --------------------------------------------------------------------


@attrs.frozen(repr=False)
class TupleOf(Validator):
    """Accept a tuple whose items pass ``item``; with no repeats when ``unique``.

    When the items are text, their surrogate pairs are joined as :class:`Text`
    joins them; when they are identifiers that :class:`IdentifierOf` compacts,
    they are compacted; the field keeps the tuple so made. A bad item is
    reported at its index, as ``field[index]``.

    Attributes:
        item: the validator of each item.
        unique: whether repeats are refused.
        what: what the items are, in words, for messages ("SIRETs").
    """

    item: Callable[[Any, attrs.Attribute[Any], Any], None]
    unique: bool = False
    what: str = "items"

    def __call__(self, inst: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        """Raise if ``value`` is not what the class accepts, naming ``attribute`` of ``inst``."""
        if type(value) is not tuple:
            fail_type(inst, attribute, f"a tuple of {self.what}", value)
        item = self.item
        if isinstance(item, Text | Url) and any(
            type(text) is str and _holds_surrogates(text) for text in value
        ):
            joined = tuple(_joined(text) if type(text) is str else text for text in value)
            if _replace(inst, attribute, value, joined):
                value = joined  # lone surrogates are left for the item check to refuse
        compact = item.compactor if isinstance(item, IdentifierOf) else None
        if compact is not None:
            compacted = tuple(_compact_or_keep(compact, code) for code in value)
            if compacted != value and _replace(inst, attribute, value, compacted):
                value = compacted  # forms compact refuses are left for the item check
        for position, element in enumerate(value):
            try:
                item(inst, attribute, element)
            except (InvalidValueError, FieldTypeError) as error:
                error_cls = type(error)
                field = f"{attribute.name}[{position}]"
                raise error_cls(
                    type(inst).__name__, field, error.expected, error.got, position
                ) from None
        if self.unique and len(set(value)) != len(value):
            seen: set[object] = set()
            for element in value:  # pragma: no branch -- a repeat exists, so the loop always fails
                if element in seen:
                    shown = _short(element)
                    fail(
                        inst, attribute, f"{self.what} without repeats ({shown} is repeated)", value
                    )
                seen.add(element)


def repeated(items: Sequence[_T]) -> _T:
    """Return the first of ``items`` that occurs more than once (there must be one), in linear time.

    >>> repeated(["a", "b", "b", "a"])
    'a'
    """
    counts = collections.Counter(items)
    return next(item for item in items if counts[item] > 1)


@functools.cache
def tuple_of_type(cls: type[Any], *, what: str | None = None) -> TupleOf:
    """Accept a tuple of instances of ``cls``: ``TupleOf(Instance(cls), what="<class> values")``."""
    return TupleOf(Instance(cls), what=what or f"{cls.__name__} values")


# --- identifiers -----------------------------------------------------------------


@attrs.frozen(repr=False)
class IdentifierOf(Validator):
    """Accept a string that an identifiers module's ``validate`` accepts unchanged.

    The field's converter (:class:`Compact`) should already have compacted the value.

    Attributes:
        module: the identifiers module, such as :mod:`ptcekit.identifiers.siren`.
        optional: whether ``None`` is accepted.
        kind: the identifier's name for messages, if not the module's ``KIND``.
        check: the function to check with, if not the module's ``validate``
            (such as :func:`ptcekit.identifiers.naf.validate_form`).
        compact: whether a string is first written in compact form with the
            module's ``compact`` (``"732 829 320"`` becomes ``"732829320"``);
            the field keeps the compact form.

    >>> from ptcekit.identifiers import siren
    >>> IdentifierOf(siren, optional=True)
    IdentifierOf(module=siren, optional=True)
    """

    module: types.ModuleType
    optional: bool = False
    kind: str | None = None
    check: Callable[[str], str] | None = None
    compact: bool = False

    @property
    def compactor(self) -> Callable[[str], str] | None:
        """The module's ``compact`` when the value is compacted (``compact``), else ``None``."""
        if not self.compact:
            return None
        found: Callable[[str], str] = self.module.compact
        return found

    @property
    def name(self) -> str:
        """The identifier's name, for messages."""
        return self.kind if self.kind is not None else str(self.module.KIND)

    @property
    def validate(self) -> Callable[[str], str]:
        """The reference check: it returns the compact form or raises an :class:`~ptcekit.errors.IdentifierError`."""
        if self.check is not None:
            return self.check
        found: Callable[[str], str] = self.module.validate
        return found

    @property
    def accept(self) -> Callable[[object], bool] | None:
        """The module's fast check of compact forms (``is_valid_compact``), if it has one and ``check`` is not set."""
        if self.check is not None:
            return None
        found: Callable[[object], bool] | None = getattr(self.module, "is_valid_compact", None)
        return found

    @property
    def pattern(self) -> str | None:
        """The module's ``COMPACT_PATTERN``, if it has one."""
        found = getattr(self.module, "COMPACT_PATTERN", None)
        return found if isinstance(found, str) else None

    def __call__(self, inst: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        """Raise if ``value`` is not what the class accepts, naming ``attribute`` of ``inst``."""
        if value is None and self.optional:
            return
        if type(value) is not str:
            fail_type(inst, attribute, f"{article(self.name)} (str)", value)
        if self.compact:
            value = _compacted(inst, attribute, value, self.module.compact)
        accept = self.accept
        if accept is not None and accept(value):
            return
        try:
            self.validate(value)
        except IdentifierError as error:
            reason = error.reason
        else:
            return
        # raised outside the except block, so the traceback is ours alone
        fail(inst, attribute, f"a valid {self.name} ({reason})", value)


def commune_code(*, optional: bool = False) -> IdentifierOf:
    """Accept a COG commune code such as ``"26281"``, compacted (``" 2a004"`` is kept as ``"2A004"``)."""
    return IdentifierOf(commune, optional=optional, kind="COG commune code", compact=True)


def departement_code(*, optional: bool = False) -> IdentifierOf:
    """Accept a COG département code such as ``"26"`` or ``"2A"``, compacted."""
    return IdentifierOf(departement, optional=optional, kind="COG département code", compact=True)


def region_code(*, optional: bool = False) -> IdentifierOf:
    """Accept a COG région code such as ``"84"``, compacted."""
    return IdentifierOf(region, optional=optional, kind="COG région code", compact=True)


# --- decimals and fractions --------------------------------------------------------------

_DECIMAL_DIGITS = f"a decimal of at most {MAX_INTEGER_DIGITS} digits"


def decimal_digits(value: Decimal) -> int:
    """Return how many digits the finite ``value`` has when written out without an exponent.

    >>> decimal_digits(Decimal("1200.50")), decimal_digits(Decimal("1E+3")), decimal_digits(Decimal("1E-3"))
    (6, 4, 3)
    """
    adjusted = value.adjusted()  # the exponent of the first digit
    if adjusted >= MAX_INTEGER_DIGITS:
        return adjusted + 1  # too many before the point already: the rest need not be counted
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)  # noqa: S101 -- a finite Decimal has an int exponent
    return max(adjusted + 1, 0) + max(-exponent, 0)


@attrs.frozen(repr=False)
class DecimalDigits(Validator):
    """Refuse a decimal of more than :data:`~ptcekit.model.limits.MAX_INTEGER_DIGITS` digits.

    Part of :class:`DecimalRange`; the loader calls it on its own.
    """

    def __call__(self, inst: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        """Raise if ``value`` is not what the class accepts, naming ``attribute`` of ``inst``."""
        if type(value) is not Decimal or not value.is_finite():
            return
        text = str(value)
        if len(text) <= MAX_INTEGER_DIGITS and "E" not in text:
            return  # written out in at most that many characters: the common case, told cheaply
        if decimal_digits(value) > MAX_INTEGER_DIGITS:
            fail(inst, attribute, _DECIMAL_DIGITS, value)


_DECIMAL_SIZE = DecimalDigits()


@attrs.frozen(repr=False)
class DecimalRange(Validator):
    """Accept a finite :class:`Decimal`, optionally ``>= minimum`` or ``> 0``.

    Written out without an exponent, it has at most
    :data:`~ptcekit.model.limits.MAX_INTEGER_DIGITS` digits (:class:`DecimalDigits`).

    Attributes:
        minimum: the lowest value accepted, if any.
        positive: whether only numbers > 0 are accepted.
        optional: whether ``None`` is accepted.
    """

    minimum: Decimal | None = None
    positive: bool = False
    optional: bool = False

    def __call__(self, inst: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        """Raise if ``value`` is not what the class accepts, naming ``attribute`` of ``inst``."""
        if value is None and self.optional:
            return
        if type(value) is str:
            fail(inst, attribute, "a decimal string such as '12.50'", value)
        if type(value) is int:  # left by ToDecimal: too many digits
            fail(inst, attribute, _DECIMAL_DIGITS, value)
        if type(value) is not Decimal:
            fail_type(
                inst, attribute, "a Decimal, an int or a decimal string such as '12.50'", value
            )
        if not value.is_finite():
            fail(inst, attribute, "a finite number", value)
        if self.positive and value <= 0:
            fail(inst, attribute, "a number > 0", value)
        if self.minimum is not None and value < self.minimum:
            fail(inst, attribute, f"a number >= {self.minimum}", value)
        _DECIMAL_SIZE(inst, attribute, value)


#: The terms of a fraction in lowest terms stay below this.
_FRACTION_LIMIT = 10**MAX_FRACTION_DIGITS
_FRACTION_TERMS = (
    "a fraction whose numerator and denominator, in lowest terms, "
    f"have at most {MAX_FRACTION_DIGITS} digits"
)


@attrs.frozen(repr=False)
class FractionTerms(Validator):
    """Refuse a fraction with a term of more than :data:`~ptcekit.model.limits.MAX_FRACTION_DIGITS` digits.

    Part of :class:`FractionRange`; the loader calls it on its own.
    """

    def __call__(self, inst: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        """Raise if ``value`` is not what the class accepts, naming ``attribute`` of ``inst``."""
        # a Fraction is always kept in lowest terms
        if type(value) is Fraction and not (
            -_FRACTION_LIMIT < value.numerator < _FRACTION_LIMIT
            and value.denominator < _FRACTION_LIMIT
        ):
            fail(inst, attribute, _FRACTION_TERMS, value)


_FRACTION_SIZE = FractionTerms()


@attrs.frozen(repr=False)
class FractionRange(Validator):
    """Accept a :class:`Fraction` between ``low`` and ``high`` (``[0, 1]`` by default).

    In lowest terms, its numerator and denominator have at most
    :data:`~ptcekit.model.limits.MAX_FRACTION_DIGITS` digits (:class:`FractionTerms`).

    Attributes:
        low: the lower bound.
        high: the upper bound, or ``None`` for none.
        include_low: whether ``low`` itself is accepted.
        include_high: whether ``high`` itself is accepted.
        optional: whether ``None`` is accepted.

    >>> FractionRange(include_low=False)
    FractionRange(include_low=False)
    """

    low: Fraction = Fraction(0)
    high: Fraction | None = Fraction(1)
    include_low: bool = True
    include_high: bool = True
    optional: bool = False

    @property
    def span(self) -> str:
        """The interval in words, such as ``"in (0, 1]"``."""
        opening = "[" if self.include_low else "("
        if self.high is None:
            return f"{'>=' if self.include_low else '>'} {self.low}"
        closing = "]" if self.include_high else ")"
        return f"in {opening}{self.low}, {self.high}{closing}"

    def __call__(self, inst: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        """Raise if ``value`` is not what the class accepts, naming ``attribute`` of ``inst``."""
        if value is None and self.optional:
            return
        if type(value) is str:
            fail(inst, attribute, "a fraction string such as '1/3' or '0.25'", value)
        if type(value) is Decimal and value.is_finite():  # left by ToFraction: too many digits
            fail(inst, attribute, _DECIMAL_DIGITS, value)
        if type(value) is not Fraction:
            fail_type(
                inst,
                attribute,
                f"an exact fraction ({FRACTION_TYPES}); floats are not exact",
                value,
            )
        low, high = self.low, self.high
        too_low = value < low if self.include_low else value <= low
        too_high = high is not None and (value > high if self.include_high else value >= high)
        if too_low or too_high:
            fail(inst, attribute, f"a fraction {self.span}", value)
        _FRACTION_SIZE(inst, attribute, value)


# --- converters ------------------------------------------------------------------------


def enum_member(enum_cls: type[_E], value: _E | str) -> _E:
    """Return the member of ``enum_cls`` whose value is ``value``; leave members alone.

    An unknown value is returned as it is, for the field's validator to
    refuse with a message that names the field.
    """
    if isinstance(value, enum_cls):
        return value
    try:
        return enum_cls(value)
    except Exception:  # not a value of the enum; or one whose repr, hash or eq raises
        return value  # type: ignore[return-value]  # the validator rejects it with a message


def _compact_or_keep(compact: Callable[[str], str], value: Any) -> Any:
    """Apply ``compact`` to a string; leave anything else, or a string it refuses, alone."""
    if type(value) is str:
        try:
            return compact(value)
        except IdentifierError:
            return value
    return value


def _without_none(item: Any) -> tuple[Any, bool]:
    """Split ``X | None`` into ``X`` and ``True``; anything else into itself and ``False``."""
    args = typing.get_args(item)
    if typing.get_origin(item) in (typing.Union, types.UnionType) and type(None) in args:
        others = tuple(arg for arg in args if arg is not type(None))
        return (others[0] if len(others) == 1 else typing.Union[others]), True  # noqa: UP007 -- a runtime union of types
    return item, False


def _made(cls: type[Any], **fields: Any) -> Any:
    """Make a converter value of ``cls`` with ``fields`` (its ``__init__`` is typed for mypy's attrs plugin)."""
    made = object.__new__(cls)
    made.__attrs_init__(**fields)
    return made


# How the converters are typed. mypy's attrs plugin reads the type of a
# field's ``__init__`` argument from its converter, and understands a named
# function, a class or a generic class applied to types, nothing else. So a
# converter is written as a generic class applied to the field's type,
# ``ToEnum[MutualKind]``: to mypy, a class whose ``__init__`` takes what the
# field accepts; at run time, ``__class_getitem__`` returns the converter
# value, such as ``ToEnum(enum=MutualKind)``, which code generators read.


@attrs.frozen(repr=False, init=False)
class ToEnum(Converter, Generic[_F]):
    """Turn a value of an enumeration into its member; leave members (and unknown values) alone.

    Write it applied to the field's type: ``ToEnum[MutualKind]``, or
    ``ToEnum[CompanyForm | None]`` for an optional field (``None`` is left alone).

    Attributes:
        enum: the enumeration.
        optional: whether ``None`` is expected.

    >>> from ptcekit.model import Sector
    >>> ToEnum[Sector | None]
    ToEnum(enum=Sector, optional=True)
    >>> ToEnum[Sector]("ess")
    <Sector.ESS: 'ess'>
    """

    enum: type[enum.Enum]
    optional: bool = False

    if TYPE_CHECKING:

        def __init__(self, value: _F | str) -> None:
            """What mypy's attrs plugin reads: the field accepts a member or its value."""

    def __class_getitem__(cls, item: Any) -> Any:
        """Return the converter to the enumeration ``item`` (``E`` or ``E | None``)."""
        found, optional = _without_none(item)
        return _made(cls, enum=found, optional=optional)

    def __call__(self, value: Any) -> Any:
        """Return ``value`` converted, or unchanged for the validator to refuse."""
        if value is None and self.optional:
            return None
        return enum_member(self.enum, value)


@attrs.frozen(repr=False, init=False)
class ToTuple(Converter, Generic[_T]):
    """Turn any iterable but a string or a mapping into a tuple (idempotent).

    Write it applied to the type of the items: ``ToTuple[Membership]``.

    >>> ToTuple[str](["a", "b"])
    ('a', 'b')
    >>> ToTuple[str]
    ToTuple()
    """

    if TYPE_CHECKING:

        def __init__(self, value: Iterable[_T]) -> None:
            """What mypy's attrs plugin reads: the field accepts an iterable of items."""

    def __class_getitem__(cls, item: Any) -> Any:
        """Return the converter (the type of the items is for type checkers)."""
        return _made(cls)

    def __call__(self, value: Any) -> Any:
        """Return ``value`` converted, or unchanged for the validator to refuse."""
        return _to_tuple(value)


def _to_tuple(value: Iterable[_T]) -> tuple[_T, ...]:
    if type(value) is tuple:
        return value
    if isinstance(value, str | bytes | dict):
        # a string is iterable but never what a caller means by a collection
        return value  # type: ignore[return-value]  # the validator rejects it with a message
    try:
        return tuple(value)
    except TypeError:
        return value  # type: ignore[return-value]  # the validator rejects it with a message


@attrs.frozen(repr=False)
class Compact(Converter):
    """Apply an identifiers module's ``compact`` to a string; leave anything else alone.

    For a class that mypy does not check; with mypy, give
    :class:`IdentifierOf` ``compact=True`` instead, which does the same.

    Attributes:
        module: the identifiers module, such as :mod:`ptcekit.identifiers.siren`.

    >>> from ptcekit.identifiers import siren
    >>> Compact(siren)("732 829 320")
    '732829320'
    """

    module: types.ModuleType

    def __call__(self, value: Any) -> Any:
        """Return ``value`` converted, or unchanged for the validator to refuse."""
        return _compact_or_keep(self.module.compact, value)


def _to_decimal(value: Any) -> Any:
    if type(value) is Decimal:
        return value
    if type(value) is int and -INTEGER_LIMIT <= value <= INTEGER_LIMIT:
        return Decimal(value)
    if type(value) is str:
        try:
            return Decimal(value.strip())
        except InvalidOperation:
            return value  # the validator rejects it with a message
    return value  # the validator rejects it with a message


@attrs.frozen(repr=False, init=False)
class ToDecimal(Converter, Generic[_F]):
    """Convert an ``int`` or a decimal string to :class:`Decimal`; leave the rest to the validator.

    Write it applied to the field's type: ``ToDecimal[Decimal]``, or
    ``ToDecimal[Decimal | None]`` for an optional field. Floats are refused
    by the validator: ``0.1`` is not exactly one tenth. So is an int of more
    than :data:`~ptcekit.model.limits.MAX_INTEGER_DIGITS` digits, left
    unconverted, since converting it costs time quadratic in its size.

    Attributes:
        optional: whether ``None`` is let through.

    >>> ToDecimal[Decimal]("1200.50")
    Decimal('1200.50')
    """

    optional: bool = False

    if TYPE_CHECKING:

        def __init__(self, value: _F | int | str) -> None:
            """What mypy's attrs plugin reads: the field accepts a Decimal, an int or a string."""

    def __class_getitem__(cls, item: Any) -> Any:
        """Return the converter for a field of type ``item`` (``Decimal`` or ``Decimal | None``)."""
        return _made(cls, optional=_without_none(item)[1])

    def __call__(self, value: Any) -> Any:
        """Return ``value`` converted, or unchanged for the validator to refuse."""
        if value is None and self.optional:
            return None
        return _to_decimal(value)


_FRACTION_TEXT = re.compile(r"\s*-?\d+(\s*/\s*\d+)?\s*|\s*-?\d*\.\d+\s*")


def _to_fraction(value: Any) -> Any:
    if type(value) is Fraction:
        return value
    if type(value) is Decimal and value.is_finite() and decimal_digits(value) > MAX_INTEGER_DIGITS:
        pass  # the validator rejects it with a message
    elif type(value) is int or type(value) is Decimal:
        try:
            return Fraction(value)
        except (ValueError, OverflowError):
            return value  # the validator rejects NaN and infinities
    elif type(value) is str and _FRACTION_TEXT.fullmatch(value):
        try:
            return Fraction(value.replace(" ", ""))
        except (ZeroDivisionError, ValueError):  # a zero denominator, or too many digits
            return value  # the validator rejects it with a message
    return value  # the validator rejects it with a message


@attrs.frozen(repr=False, init=False)
class ToFraction(Converter, Generic[_F]):
    """Convert an ``int``, a :class:`Decimal` or a string (``"1/3"``, ``"0.25"``) to :class:`Fraction`.

    Write it applied to the field's type: ``ToFraction[Fraction]``, or
    ``ToFraction[Fraction | None]`` for an optional field. Floats are left
    for the validator to refuse, since ``0.1`` is not one tenth; so is a
    decimal of more than :data:`~ptcekit.model.limits.MAX_INTEGER_DIGITS`
    digits, whose conversion could take time beyond measure (``1E-999999999``).

    Attributes:
        optional: whether ``None`` is let through.

    >>> ToFraction[Fraction]("1/3")
    Fraction(1, 3)
    """

    optional: bool = False

    if TYPE_CHECKING:

        def __init__(self, value: _F | int | Decimal | str) -> None:
            """What mypy's attrs plugin reads: the field accepts a Fraction, an int, a Decimal or a string."""

    def __class_getitem__(cls, item: Any) -> Any:
        """Return the converter for a field of type ``item`` (``Fraction`` or ``Fraction | None``)."""
        return _made(cls, optional=_without_none(item)[1])

    def __call__(self, value: Any) -> Any:
        """Return ``value`` converted, or unchanged for the validator to refuse."""
        if value is None and self.optional:
            return None
        return _to_fraction(value)
