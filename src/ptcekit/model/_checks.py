"""Field validators and converters shared by the model's classes.

Each validator raises :class:`~ptcekit.errors.InvalidValueError` or
:class:`~ptcekit.errors.FieldTypeError` naming the class, the field, what was
expected and what was given. Converters are idempotent, since
:func:`attrs.evolve` runs them again.

Each validator made here carries a :class:`Check`, and each converter a
:class:`Conversion` (see :func:`description`): what it accepts or leaves
unchanged, as data. The serializer generates its loading code from them, so
that it checks inline what a validator would check, and skips a converter
on values it leaves unchanged, with no second copy of the rules.
"""

from __future__ import annotations

import collections
import datetime as dt
import enum
import functools
import re
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any, NoReturn, TypeVar

import attrs

from ptcekit.errors import (
    FieldTypeError,
    IdentifierError,
    InvalidValueError,
    UnknownIdError,
    _short,
)
from ptcekit.model.limits import MAX_FRACTION_DIGITS, MAX_INTEGER_DIGITS

__all__ = [
    "Check",
    "Conversion",
    "FieldTypeError",
    "InvalidValueError",
    "UnknownIdError",
    "describe",
    "description",
]

E = TypeVar("E", bound=enum.Enum)
T = TypeVar("T")

_Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]
F = TypeVar("F", bound=Callable[..., Any])

#: The attribute of a validator or converter that holds its description.
_DESCRIPTION = "__ptcekit_check__"


@attrs.frozen
class Check:
    """What a validator made by this module accepts, as data for code generators.

    Attributes:
        kind: ``"text"``, ``"id"``, ``"bool"``, ``"date"``, ``"int"``,
            ``"enum"``, ``"instance"``, ``"tuple"``, ``"identifier"``,
            ``"decimal"``, ``"fraction"`` or ``"url"``: the factory that made it.
        optional: whether ``None`` is accepted.
        multiline: for ``"text"``, whether line breaks are accepted.
        pattern: for ``"id"`` and ``"url"``, the pattern the whole value matches.
        cls: for ``"enum"`` and ``"instance"``, the class of accepted values.
        low: the lowest value accepted, if any (``"int"``, ``"decimal"``, ``"fraction"``).
        low_inclusive: whether ``low`` itself is accepted.
        high: the highest value accepted (inclusive), if any.
        positive: for ``"decimal"``, whether only numbers > 0 are accepted.
        item: for ``"tuple"``, the check of each item (``None`` if the item
            validator is not one of this module's).
        unique: for ``"tuple"``, whether repeats are refused.
        validate: for ``"identifier"``, the identifiers module's ``validate``.
        accept: for ``"identifier"``, its fast check of compact forms, if any.
    """

    kind: str
    optional: bool = False
    multiline: bool = True
    pattern: re.Pattern[str] | None = None
    cls: type[Any] | None = None
    low: Any = None
    low_inclusive: bool = True
    high: Any = None
    positive: bool = False
    item: Check | None = None
    unique: bool = False
    validate: Callable[[str], str] | None = None
    accept: Callable[[object], bool] | None = None


@attrs.frozen
class Conversion:
    """What a converter does, as data for code generators: which values it leaves unchanged.

    Attributes:
        kind: ``"tuple"`` (leaves tuples and ``None`` unchanged),
            ``"decimal"`` (:class:`Decimal` and ``None``), ``"fraction"``
            (:class:`Fraction` and ``None``), ``"compact"`` (a string ``s``
            with ``compact(s) == s``, and anything not a string) or
            ``"compact_each"`` (a tuple whose strings are all such strings).
        compact: for ``"compact"`` and ``"compact_each"``, the identifiers
            module's ``compact``.
    """

    kind: str
    compact: Callable[[str], str] | None = None


def describe(function: F, what: Check | Conversion) -> F:
    """Attach the description ``what`` to a validator or converter; return the function.

    The model's own converters, written as small typed functions, say here
    which of this module's converters they are.
    """
    setattr(function, _DESCRIPTION, what)
    return function


def description(function: object) -> Check | Conversion | None:
    """Return the :class:`Check` or :class:`Conversion` attached to ``function``, if any."""
    what = getattr(function, _DESCRIPTION, None)
    return what if isinstance(what, Check | Conversion) else None


#: The shape of an id: letters, digits and ``_ . : -``, starting with a letter or digit.
ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:\-]{0,199}")
ID_EXPECTED = "an id of 1 to 200 letters, digits or '_.:-' starting with a letter or digit"


def article(noun: str) -> str:
    """Return ``noun`` after "a" or "an", as English spells it: "an Ownership", "a Share"."""
    return f"an {noun}" if noun[:1].lower() in "aeiou" else f"a {noun}"


def fail(
    inst: object, attribute: attrs.Attribute[Any] | str, expected: str, got: object
) -> NoReturn:
    """Raise the :class:`InvalidValueError` for ``attribute`` (a field or its name) of ``inst``."""
    name = attribute if isinstance(attribute, str) else attribute.name
    raise InvalidValueError(type(inst).__name__, name, expected, got)


def fail_type(
    inst: object, attribute: attrs.Attribute[Any], expected: str, got: object
) -> NoReturn:
    """Raise the :class:`FieldTypeError` for ``attribute`` of ``inst``."""
    raise FieldTypeError(type(inst).__name__, attribute.name, expected, got)


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


def _surrogates(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Join the surrogate pairs of a text field, refuse its lone surrogates (see :func:`text`).

    A validator of its own, which the serializer calls as it is, so that
    loading joins and refuses as constructing does.
    """
    # isascii first: it is immediate, and most text is ASCII
    if type(value) is str and not value.isascii() and _SURROGATE.search(value) is not None:
        _join_pairs(inst, attribute, value)


def text(*, optional: bool = False, multiline: bool = True) -> _Validator:
    """Accept a non-blank ``str`` (or ``None`` when ``optional``).

    Surrogate pairs given as two code points are joined into the character
    they encode, and the field keeps the joined text; a lone surrogate is
    refused.
    """

    def check(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is None and optional:
            return
        if type(value) is not str:
            fail_type(inst, attribute, "a str", value)
        if not value.strip():
            fail(inst, attribute, "a non-blank string", value)
        if not multiline and ("\n" in value or "\r" in value):
            fail(inst, attribute, "a single line of text", value)

    described = describe(check, Check("text", optional=optional, multiline=multiline))
    return attrs.validators.and_(described, _surrogates)


def identifier(*, optional: bool = False) -> _Validator:
    """Accept an object id (see :data:`ID_PATTERN`)."""

    def check(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is None and optional:
            return
        if type(value) is not str:
            fail_type(inst, attribute, "an id (str)", value)
        if ID_PATTERN.fullmatch(value) is None:
            fail(inst, attribute, ID_EXPECTED, value)

    return describe(check, Check("id", optional=optional, pattern=ID_PATTERN))


def boolean(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Accept exactly ``True`` or ``False``."""
    if type(value) is not bool:
        fail_type(inst, attribute, "a bool", value)


describe(boolean, Check("bool"))


def optional_boolean(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Accept ``True``, ``False`` or ``None`` (unknown)."""
    if value is not None and type(value) is not bool:
        fail_type(inst, attribute, "a bool or None (unknown)", value)


describe(optional_boolean, Check("bool", optional=True))


def date(*, optional: bool = False) -> _Validator:
    """Accept a :class:`datetime.date` that is not a :class:`datetime.datetime`."""

    def check(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is None and optional:
            return
        if type(value) is not dt.date:
            fail_type(inst, attribute, "a datetime.date", value)

    return describe(check, Check("date", optional=optional))


#: The largest magnitude of an int of at most :data:`~ptcekit.model.limits.MAX_INTEGER_DIGITS` digits.
_INTEGER_LIMIT = 10**MAX_INTEGER_DIGITS - 1
_INTEGER_DIGITS = f"an int of at most {MAX_INTEGER_DIGITS} digits"


def integer(
    *, minimum: int | None = None, maximum: int | None = None, optional: bool = False
) -> _Validator:
    """Accept an ``int`` (not a ``bool``) within the bounds, inclusive.

    Whatever the bounds, the int has at most
    :data:`~ptcekit.model.limits.MAX_INTEGER_DIGITS` digits, as the wire reads.
    """
    bounds = _bounds_text(minimum, maximum)
    low = -_INTEGER_LIMIT if minimum is None else max(minimum, -_INTEGER_LIMIT)
    high = _INTEGER_LIMIT if maximum is None else min(maximum, _INTEGER_LIMIT)

    def check(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is None and optional:
            return
        if type(value) is not int:
            fail_type(inst, attribute, "an int", value)
        if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
            fail(inst, attribute, f"an int {bounds}", value)
        if not -_INTEGER_LIMIT <= value <= _INTEGER_LIMIT:
            fail(inst, attribute, _INTEGER_DIGITS, value)

    # the digit bound is part of the range the serializer checks inline
    return describe(check, Check("int", optional=optional, low=low, high=high))


def _bounds_text(minimum: object, maximum: object) -> str:
    if minimum is not None and maximum is not None:
        return f"between {minimum} and {maximum}"
    if minimum is not None:
        return f">= {minimum}"
    if maximum is not None:
        return f"<= {maximum}"
    return "of any value"


def member_of(enum_cls: type[E], *, optional: bool = False) -> _Validator:
    """Accept a member of ``enum_cls``."""
    choices = ", ".join(repr(m.value) for m in enum_cls)

    def check(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is None and optional:
            return
        if not isinstance(value, enum_cls):
            fail(inst, attribute, f"{article(enum_cls.__name__)} (one of {choices})", value)

    return describe(check, Check("enum", optional=optional, cls=enum_cls))


def enum_member(enum_cls: type[E], value: E | str) -> E:
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


def instance(cls: type[Any], *, optional: bool = False, expected: str | None = None) -> _Validator:
    """Accept an instance of ``cls``."""
    what = expected or article(cls.__name__)

    def check(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is None and optional:
            return
        if not isinstance(value, cls):
            fail_type(inst, attribute, what, value)

    return describe(check, Check("instance", optional=optional, cls=cls))


def to_tuple(value: Iterable[T]) -> tuple[T, ...]:
    """Turn any iterable but a string or a mapping into a tuple (idempotent)."""
    if type(value) is tuple:
        return value
    if isinstance(value, str | bytes | dict):
        # a string is iterable but never what a caller means by a collection
        return value  # type: ignore[return-value]  # the validator rejects it with a message
    try:
        return tuple(value)
    except TypeError:
        return value  # type: ignore[return-value]  # the validator rejects it with a message


describe(to_tuple, Conversion("tuple"))


def tuple_of(item: _Validator, *, unique: bool = False, what: str = "items") -> _Validator:
    """Accept a tuple whose items pass ``item``; optionally with no repeats.

    When the items are text, their surrogate pairs are joined as :func:`text`
    joins them, and the field keeps the joined tuple.
    """
    item_check = description(item)
    texts = _surrogates in getattr(item, "_validators", ())

    def check(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if type(value) is not tuple:
            fail_type(inst, attribute, f"a tuple of {what}", value)
        if texts and any(type(text) is str and _holds_surrogates(text) for text in value):
            joined = tuple(_joined(text) if type(text) is str else text for text in value)
            if _replace(inst, attribute, value, joined):
                value = joined  # lone surrogates are left for the item check to refuse
        for position, element in enumerate(value):
            try:
                item(inst, attribute, element)
            except (InvalidValueError, FieldTypeError) as error:
                error_cls = type(error)
                raise error_cls(
                    type(inst).__name__, f"{attribute.name}[{position}]", error.expected, error.got
                ) from None
        if unique and len(set(value)) != len(value):
            seen: set[object] = set()
            for element in value:  # pragma: no branch -- a repeat exists, so the loop always fails
                if element in seen:
                    fail(
                        inst,
                        attribute,
                        f"{what} without repeats ({_short(element)} is repeated)",
                        value,
                    )
                seen.add(element)

    return describe(
        check,
        Check("tuple", item=item_check if isinstance(item_check, Check) else None, unique=unique),
    )


def repeated(items: Sequence[T]) -> T:
    """Return the first of ``items`` that occurs more than once (there must be one), in linear time.

    >>> repeated(["a", "b", "b", "a"])
    'a'
    """
    counts = collections.Counter(items)
    return next(item for item in items if counts[item] > 1)


@functools.cache
def tuple_of_type(cls: type[Any], *, what: str | None = None) -> _Validator:
    """Accept a tuple of instances of ``cls``.

    Made once per class: the model's own validators call it on every check.
    """
    return tuple_of(instance(cls), what=what or f"{cls.__name__} values")


def identifier_kind(
    validate: Callable[[str], str],
    kind: str,
    *,
    optional: bool = False,
    accept: Callable[[object], bool] | None = None,
) -> _Validator:
    """Accept a string that ``validate`` (an identifiers module's) accepts unchanged.

    The field's converter should already have compacted the value.

    Args:
        validate: the identifiers module's ``validate``, the reference check.
        kind: the identifier's name, for messages.
        optional: whether ``None`` is accepted.
        accept: the module's fast check of compact forms (``is_valid_compact``),
            if it has one: values it accepts skip ``validate``; the others go
            through ``validate``, which accepts them or says what is wrong.
    """

    def check(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is None and optional:
            return
        if type(value) is not str:
            fail_type(inst, attribute, f"{article(kind)} (str)", value)
        if accept is not None and accept(value):
            return
        try:
            validate(value)
        except IdentifierError as error:
            reason = error.reason
        else:
            return
        # raised outside the except block, so the traceback is ours alone
        fail(inst, attribute, f"a valid {kind} ({reason})", value)

    return describe(check, Check("identifier", optional=optional, validate=validate, accept=accept))


def compact_with(compact: Callable[[str], str], value: T) -> T:
    """Apply an identifiers module's ``compact`` to a string; leave anything else alone."""
    if isinstance(value, str) and type(value) is str:
        try:
            compacted: Any = compact(value)  # a str for a str: T is str on this branch
        except IdentifierError:
            return value
        return compacted  # type: ignore[no-any-return]  # as above
    return value


def to_decimal(value: Decimal | int | str) -> Decimal:
    """Convert an ``int`` or a decimal string to :class:`Decimal`; leave the rest to the validator.

    Floats are refused by the validator: ``0.1`` is not exactly one tenth.
    So is an int of more than :data:`~ptcekit.model.limits.MAX_INTEGER_DIGITS`
    digits, left unconverted, since converting it costs time quadratic in its size.
    """
    if type(value) is Decimal:
        return value
    if type(value) is int and -_INTEGER_LIMIT <= value <= _INTEGER_LIMIT:
        return Decimal(value)
    if type(value) is str:
        try:
            return Decimal(value.strip())
        except InvalidOperation:
            return value  # type: ignore[return-value]  # the validator rejects it with a message
    return value  # type: ignore[return-value]  # the validator rejects it with a message


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


def to_optional_decimal(value: Decimal | int | str | None) -> Decimal | None:
    """Like :func:`to_decimal`, letting ``None`` through."""
    return None if value is None else to_decimal(value)


describe(to_decimal, Conversion("decimal"))
describe(to_optional_decimal, Conversion("decimal"))


_DECIMAL_DIGITS = f"a decimal of at most {MAX_INTEGER_DIGITS} digits"


def _decimal_size(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Refuse a decimal of more than :data:`~ptcekit.model.limits.MAX_INTEGER_DIGITS` digits."""
    if type(value) is not Decimal or not value.is_finite():
        return
    text = str(value)
    if len(text) <= MAX_INTEGER_DIGITS and "E" not in text:
        return  # written out in at most that many characters: the common case, told cheaply
    if decimal_digits(value) > MAX_INTEGER_DIGITS:
        fail(inst, attribute, _DECIMAL_DIGITS, value)


def decimal(
    *, minimum: Decimal | None = None, positive: bool = False, optional: bool = False
) -> _Validator:
    """Accept a finite :class:`Decimal`, optionally ``>= minimum`` or ``> 0``.

    Written out without an exponent, it has at most
    :data:`~ptcekit.model.limits.MAX_INTEGER_DIGITS` digits. That bound is
    a validator of its own, which the serializer calls as it is.
    """

    def check(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is None and optional:
            return
        if type(value) is str:
            fail(inst, attribute, "a decimal string such as '12.50'", value)
        if type(value) is int:  # left by to_decimal: too many digits
            fail(inst, attribute, _DECIMAL_DIGITS, value)
        if type(value) is not Decimal:
            fail_type(
                inst, attribute, "a Decimal, an int or a decimal string such as '12.50'", value
            )
        if not value.is_finite():
            fail(inst, attribute, "a finite number", value)
        if positive and value <= 0:
            fail(inst, attribute, "a number > 0", value)
        if minimum is not None and value < minimum:
            fail(inst, attribute, f"a number >= {minimum}", value)

    described = describe(check, Check("decimal", optional=optional, low=minimum, positive=positive))
    return attrs.validators.and_(described, _decimal_size)


_FRACTION_TEXT = re.compile(r"\s*-?\d+(\s*/\s*\d+)?\s*|\s*-?\d*\.\d+\s*")


def to_fraction(value: Fraction | int | Decimal | str) -> Fraction:
    """Convert an ``int``, a :class:`Decimal` or a string (``"1/3"``, ``"0.25"``) to :class:`Fraction`.

    Floats are left for the validator to refuse, since ``0.1`` is not one tenth;
    so is a decimal of more than :data:`~ptcekit.model.limits.MAX_INTEGER_DIGITS`
    digits, whose conversion could take time beyond measure (``1E-999999999``).
    """
    if type(value) is Fraction:
        return value
    if type(value) is Decimal and value.is_finite() and decimal_digits(value) > MAX_INTEGER_DIGITS:
        pass  # the validator rejects it with a message
    elif type(value) is int or type(value) is Decimal:
        try:
            return Fraction(value)
        except (ValueError, OverflowError):
            return value  # type: ignore[return-value]  # the validator rejects NaN and infinities
    elif type(value) is str and _FRACTION_TEXT.fullmatch(value):
        try:
            return Fraction(value.replace(" ", ""))
        except (ZeroDivisionError, ValueError):  # a zero denominator, or too many digits
            return value  # type: ignore[return-value]  # the validator rejects it with a message
    return value  # type: ignore[return-value]  # the validator rejects it with a message


def to_optional_fraction(value: Fraction | int | Decimal | str | None) -> Fraction | None:
    """Like :func:`to_fraction`, letting ``None`` through."""
    return None if value is None else to_fraction(value)


describe(to_fraction, Conversion("fraction"))
describe(to_optional_fraction, Conversion("fraction"))


FRACTION_TYPES = "a Fraction, an int, a Decimal or a string such as '1/3'"


#: The terms of a fraction in lowest terms stay below this.
_FRACTION_LIMIT = 10**MAX_FRACTION_DIGITS
_FRACTION_TERMS = (
    "a fraction whose numerator and denominator, in lowest terms, "
    f"have at most {MAX_FRACTION_DIGITS} digits"
)


def _fraction_size(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Refuse a fraction with a term of more than :data:`~ptcekit.model.limits.MAX_FRACTION_DIGITS` digits."""
    # a Fraction is always kept in lowest terms
    if type(value) is Fraction and not (
        -_FRACTION_LIMIT < value.numerator < _FRACTION_LIMIT and value.denominator < _FRACTION_LIMIT
    ):
        fail(inst, attribute, _FRACTION_TERMS, value)


def fraction(
    *,
    low: Fraction = Fraction(0),
    include_low: bool = True,
    high: Fraction | None = Fraction(1),
    optional: bool = False,
) -> _Validator:
    """Accept a :class:`Fraction` in the interval ``[low, high]`` (``(low, high]`` unless ``include_low``).

    In lowest terms, its numerator and denominator have at most
    :data:`~ptcekit.model.limits.MAX_FRACTION_DIGITS` digits. That bound is
    a validator of its own, which the serializer calls as it is.
    """
    opening = "[" if include_low else "("
    span = (
        f"in {opening}{low}, {high}]"
        if high is not None
        else f"{'>=' if include_low else '>'} {low}"
    )

    def check(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is None and optional:
            return
        if type(value) is str:
            fail(inst, attribute, "a fraction string such as '1/3' or '0.25'", value)
        if type(value) is Decimal and value.is_finite():  # left by to_fraction: too many digits
            fail(inst, attribute, _DECIMAL_DIGITS, value)
        if type(value) is not Fraction:
            fail_type(
                inst,
                attribute,
                f"an exact fraction ({FRACTION_TYPES}); floats are not exact",
                value,
            )
        too_low = value < low if include_low else value <= low
        if too_low or (high is not None and value > high):
            fail(inst, attribute, f"a fraction {span}", value)

    described = describe(
        check,
        Check("fraction", optional=optional, low=low, low_inclusive=include_low, high=high),
    )
    return attrs.validators.and_(described, _fraction_size)


#: What :func:`url` accepts: a scheme, a host, then optionally a path from its
#: first ``/``. Host and path meet only at that ``/``, so an address is
#: refused in time linear in its length.
URL_PATTERN = re.compile(r"https?://[^\s/]+(?:/\S*)?")


def url(*, optional: bool = False) -> _Validator:
    """Accept an ``http://`` or ``https://`` address with no spaces.

    Surrogate pairs are joined, and lone surrogates refused, as :func:`text` does.
    """

    def check(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is None and optional:
            return
        if type(value) is not str:
            fail_type(inst, attribute, "a URL (str)", value)
        if URL_PATTERN.fullmatch(value) is None:
            fail(inst, attribute, "an http:// or https:// URL", value)

    described = describe(check, Check("url", optional=optional, pattern=URL_PATTERN))
    return attrs.validators.and_(described, _surrogates)
