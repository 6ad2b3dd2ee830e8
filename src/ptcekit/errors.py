"""The errors ptcekit raises: one base class, each error also a matching builtin.

Every error ptcekit raises on purpose is a :class:`PtcekitError`, so one
``except PtcekitError`` catches them all. Each one also subclasses the builtin
it resembles (:class:`ValueError`, :class:`TypeError`, :class:`KeyError`), so
code that already catches those keeps working.

Errors carry their facts as attributes (the class, the field, what was
expected, what was given), not only as text, and they survive pickling,
so they can cross process boundaries in a worker pool.
"""

from __future__ import annotations

import json
from fractions import Fraction
from typing import Any

import attrs

__all__ = [
    "DuplicateIdError",
    "FieldTypeError",
    "GeneratedCodeError",
    "IdentifierError",
    "InvalidChecksum",
    "InvalidComponent",
    "InvalidFormat",
    "InvalidLength",
    "InvalidValueError",
    "KindError",
    "LoadError",
    "PluginError",
    "Problem",
    "PtcekitError",
    "RuleError",
    "UnknownIdError",
    "UnknownRuleError",
]


#: Integers of more bits than this are summarised in messages, never converted
#: to text: converting costs time quadratic in their size (or fails past
#: :func:`sys.get_int_max_str_digits`). About 200 decimal digits.
_SHOWN_BITS = 666

#: Integers of more bits than this have their digits estimated, not counted.
_COUNTED_BITS = 1 << 17


def _digits(number: int) -> str:
    """Return how many decimal digits ``number`` has, in words, without converting it to text."""
    magnitude = abs(int(number))
    bits = magnitude.bit_length()
    # a lower bound of the count: 0.30102999 is just below log10(2)
    digits = max((bits - 1) * 30102999 // 100000000 + 1, 1)
    if bits > _COUNTED_BITS:
        return f"about {digits} digits"
    while magnitude >= 10**digits:  # at most twice
        digits += 1
    return "1 digit" if digits == 1 else f"{digits} digits"


def _summary(value: object) -> str:
    """Describe ``value`` by its type and size, for values whose repr fails or is too costly."""
    name = type(value).__name__
    try:
        if isinstance(value, int):
            return f"<{name} of {_digits(value)}>"
        if isinstance(value, Fraction):
            numerator, denominator = _digits(value.numerator), _digits(value.denominator)
            return f"<{name}, numerator of {numerator}, denominator of {denominator}>"
        if isinstance(value, tuple | list | dict | set | frozenset):
            count = len(value)
            return f"<{name} of {count} item{'' if count == 1 else 's'}>"
    except Exception:  # a summary is the last resort: it must never raise
        return f"<{name} object>"
    return f"<{name} object>"


def _too_big(value: object) -> bool:
    """Tell whether ``value`` is a number whose repr would cost too much to make."""
    if isinstance(value, int):
        return value.bit_length() > _SHOWN_BITS
    if isinstance(value, Fraction):
        return max(value.numerator.bit_length(), value.denominator.bit_length()) > _SHOWN_BITS
    return False


def _short(value: object, limit: int = 60) -> str:
    """Return ``repr(value)`` cut to ``limit`` characters, for messages; never raises.

    A value whose ``repr`` raises, or an integer or fraction too large to
    write out cheaply, is described by its type and size instead, such as
    ``<int of 5001 digits>``. A long string is cut before its ``repr`` is made.
    """
    try:
        if _too_big(value):
            return _summary(value)
        if (
            isinstance(value, str | bytes)
            and type(value) in (str, bytes)
            and len(value) > 4 * limit
        ):
            # cut first: the repr of a long string is as long (only its quotes may differ)
            value = value[: 4 * limit]
        text = repr(value)
    except Exception:  # a message must be made whatever the value is
        return _summary(value)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return text


#: How much of an id messages show: every valid id (200 characters at most) whole.
_ID_LIMIT = 250


class PtcekitError(Exception):
    """Base class of every error raised by ptcekit."""


class IdentifierError(PtcekitError, ValueError):
    """An identifier (SIREN, SIRET, RNA, COG code…) failed one of its checks.

    Attributes:
        kind: the identifier kind, such as ``"SIREN"``.
        value: the value that was checked, as given.
        check: which check failed: ``"length"``, ``"format"``,
            ``"check digit"`` or ``"component"``.
        reason: a sentence saying what was expected.
    """

    check = "format"

    def __init__(self, kind: str, value: object, reason: str) -> None:
        self.kind = kind
        self.value = value
        self.reason = reason
        message = f"invalid {kind} {_short(value)}: {reason}"
        super().__init__(message)

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.kind, self.value, self.reason))


class InvalidLength(IdentifierError):
    """The identifier has the wrong number of characters."""

    check = "length"


class InvalidFormat(IdentifierError):
    """The identifier has characters or a shape that its kind does not allow."""

    check = "format"


class InvalidChecksum(IdentifierError):
    """The identifier's check digit (or checksum rule) does not hold."""

    check = "check digit"


class InvalidComponent(IdentifierError):
    """A part of the identifier is not a known value (a region, a département…)."""

    check = "component"


class InvalidValueError(PtcekitError, ValueError):
    """A field of a ptcekit class was given a value it cannot hold.

    Attributes:
        cls: the name of the class being built, such as ``"Association"``.
        field: the field's Python name, such as ``"siren"``.
        expected: what the field accepts, in words.
        got: the value that was given.
        index: for an item of a tuple field, its position (``field`` is then
            written ``"sirets[2]"``); ``None`` for the field as a whole.
    """

    def __init__(
        self, cls: str, field: str, expected: str, got: object, index: int | None = None
    ) -> None:
        self.cls = cls
        self.field = field
        self.expected = expected
        self.got = got
        self.index = index
        message = f"{cls}.{field}: expected {expected}, got {_short(got)}"
        super().__init__(message)

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.cls, self.field, self.expected, self.got, self.index))


class FieldTypeError(PtcekitError, TypeError):
    """A field of a ptcekit class was given a value of the wrong type.

    Attributes are those of :class:`InvalidValueError`.
    """

    def __init__(
        self, cls: str, field: str, expected: str, got: object, index: int | None = None
    ) -> None:
        self.cls = cls
        self.field = field
        self.expected = expected
        self.got = got
        self.index = index
        message = f"{cls}.{field}: expected {expected}, got {_short(got)} ({type(got).__name__})"
        super().__init__(message)

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.cls, self.field, self.expected, self.got, self.index))


class DuplicateIdError(InvalidValueError):
    """Two objects of one document share an id.

    Attributes:
        id: the repeated id.
        first: where it is declared first, such as ``"actors[0]"``.
        second: where it is declared again.
    """

    def __init__(self, cls: str, field: str, id: str, first: str, second: str) -> None:  # noqa: A002 -- "id" is the domain's name for it
        self.id = id
        self.first = first
        self.second = second
        super().__init__(cls, field, f"ids unique in the document ({first} already has it)", id)
        shown = _short(id, _ID_LIMIT)
        self.args = (f"{cls}.{field}: id {shown} is used by {first} and again by {second}",)

    def __str__(self) -> str:
        return str(self.args[0])

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.cls, self.field, self.id, self.first, self.second))


class UnknownIdError(PtcekitError, KeyError):
    """A look-up by id found nothing.

    Attributes:
        id: the id looked up.
        kind: what was looked for, such as ``"actor"``.
        where: where it was looked for, such as ``"this ecosystem"``.
    """

    def __init__(self, id: str, kind: str = "object", where: str = "this ecosystem") -> None:  # noqa: A002 -- "id" is the domain's name for it
        self.id = id
        self.kind = kind
        self.where = where
        super().__init__(id)

    def __str__(self) -> str:
        return f"no {self.kind} with id {_short(self.id, _ID_LIMIT)} in {self.where}"

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.id, self.kind, self.where))


#: How much of an exception's text :class:`GeneratedCodeError` shows.
_ERROR_TEXT = 200

#: How many problems ``str(LoadError)`` lists before "… and N more".
SHOWN_PROBLEMS = 20


def _pointer(path: str) -> str:
    """Return the JSON Pointer (RFC 6901) of a JSONPath that ptcekit wrote, such as ``$.actors[3]``."""
    parts: list[str] = []
    position = 1  # after "$"
    decoder = json.JSONDecoder()
    while position < len(path):
        if path[position] == ".":
            end = position + 1
            while end < len(path) and path[end] not in ".[":
                end += 1
            parts.append(path[position + 1 : end])
            position = end
        elif path.startswith('["', position):
            key, end = decoder.raw_decode(path, position + 1)
            parts.append(str(key))
            position = end + 1
        else:  # "[3]"
            end = path.index("]", position)
            parts.append(path[position + 1 : end])
            position = end + 1
    return "".join("/" + part.replace("~", "~0").replace("/", "~1") for part in parts)


def _pointer_default(problem: Problem) -> str:
    try:
        return _pointer(problem.path)
    except ValueError:  # not a path ptcekit writes: no pointer can be made
        return ""


@attrs.frozen(kw_only=True)
class Problem:
    """One problem found in a document, shaped like a rule's finding.

    Attributes:
        path: where, as a JSONPath in wire names, such as ``"$.actors[3].siren"``;
            ``"$"`` is the whole document.
        message: what was expected and what was given.
        code: the kind of problem, stable across versions, such as
            ``"LOAD002"`` (a wrong type); the codes are listed in
            :doc:`/reference/load-problems`.
        pointer: the same place as a JSON Pointer (RFC 6901), such as
            ``"/actors/3/siren"``; ``""`` is the whole document.
        severity: always ``"error"``: a document with a problem does not load.

    >>> problem = Problem(
    ...     path="$.actors[3].headcount",
    ...     message='expected an integer, got "3" (a string)',
    ...     code="LOAD002",
    ... )
    >>> str(problem), problem.pointer
    ('$.actors[3].headcount: expected an integer, got "3" (a string)', '/actors/3/headcount')
    """

    path: str
    message: str
    code: str
    pointer: str = attrs.field(default=attrs.Factory(_pointer_default, takes_self=True))
    severity: str = "error"

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"

    def to_dict(self) -> dict[str, str]:
        """Return the problem as JSON data: code, severity, path, pointer and message.

        >>> Problem(path="$", message="malformed JSON", code="LOAD000").to_dict()
        {'code': 'LOAD000', 'severity': 'error', 'path': '$', 'pointer': '', 'message': 'malformed JSON'}
        """
        return {
            "code": self.code,
            "severity": self.severity,
            "path": self.path,
            "pointer": self.pointer,
            "message": self.message,
        }


class LoadError(PtcekitError, ValueError):
    """A document could not be loaded; carries every problem found in it.

    ``str(error)`` gives one line per problem (the first 20, then
    "… and N more"), ready for a terminal.

    Attributes:
        problems: every problem, in document order (at most the ``max_problems``
            the load was given).
        truncated: whether the load stopped collecting at ``max_problems``, so
            that the document may hold more.

    >>> error = LoadError([Problem(path="$.actors[0].name", message="missing required key", code="LOAD004")])
    >>> print(error)
    1 problem in the document:
      $.actors[0].name: missing required key
    """

    def __init__(
        self, problems: list[Problem] | tuple[Problem, ...], *, truncated: bool = False
    ) -> None:
        self.problems = tuple(problems)
        self.truncated = truncated
        super().__init__(self._text())

    def _text(self) -> str:
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        more = " (collection stopped there: there may be more)" if self.truncated else ""
        lines = [f"{count} {noun} in the document{more}:"]
        lines.extend(f"  {problem}" for problem in self.problems[:SHOWN_PROBLEMS])
        if count > SHOWN_PROBLEMS:
            lines.append(f"  … and {count - SHOWN_PROBLEMS} more")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self._text()

    def __reduce__(self) -> tuple[Any, ...]:
        return (_load_error, (self.problems, self.truncated))

    def to_dict(self) -> dict[str, Any]:
        """Return the error as JSON data: whether the list is complete, and every problem.

        >>> error = LoadError([Problem(path="$.name", message="missing required key", code="LOAD004")])
        >>> error.to_dict()["problems"][0]["pointer"]
        '/name'
        """
        return {
            "truncated": self.truncated,
            "problems": [problem.to_dict() for problem in self.problems],
        }


def _load_error(problems: tuple[Problem, ...], truncated: bool) -> LoadError:  # noqa: FBT001 -- pickle's positional call
    return LoadError(problems, truncated=truncated)


class GeneratedCodeError(PtcekitError, RuntimeError):
    """The code ptcekit generated to read a class refused a value the class accepts.

    That is a bug of ptcekit, never of the document: please report it with
    the message. Raised when the test switch
    ``ptcekit.serialize._diagnose.RAISE_ON_REFUSAL`` is on; otherwise the load
    goes on and a :class:`RuntimeWarning` says the same.

    Attributes:
        cls: the name of the class, such as ``"Association"``.
        error: the exception the generated code raised.
    """

    def __init__(self, cls: str, error: BaseException) -> None:
        self.cls = cls
        self.error = error
        try:
            text = str(error)
        except Exception:  # an error whose message cannot be made: its type says enough
            text = ""
        text = text if len(text) <= _ERROR_TEXT else text[: _ERROR_TEXT - 1] + "…"
        message = (
            f"the code generated to read {cls} refused a value that {cls} accepts "
            f"({type(error).__name__}: {text}); this is a bug of ptcekit"
        )
        super().__init__(message)

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.cls, self.error))


class KindError(PtcekitError, TypeError):
    """A class cannot be serialised.

    It is not a ptcekit value, its kind has no tag of its own, two classes
    claim one tag, or a field has a type the wire format cannot carry.

    Attributes:
        cls: the name of the class, such as ``"tests.extension_kinds.Network"``.
        reason: why, in words.
    """

    def __init__(self, cls: str, reason: str) -> None:
        self.cls = cls
        self.reason = reason
        message = f"cannot serialise {cls}: {reason}"
        super().__init__(message)

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.cls, self.reason))


class RuleError(PtcekitError, ValueError):
    """A rule or a rule set cannot be built as asked (a repeated code, a bad field)."""


class UnknownRuleError(PtcekitError, KeyError, ValueError):
    """No rule has the code, or no rule matches the code or prefix, asked for.

    It is a :class:`KeyError` (a code looked up in a rule set) and also a
    :class:`ValueError`, as a bad selection is bad input: an app that refuses
    bad parameters with ``except ValueError`` refuses it too.

    Attributes:
        pattern: the code or prefix looked up.
    """

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        super().__init__(pattern)

    def __str__(self) -> str:
        return f"no rule has the code or prefix {self.pattern!r}"

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.pattern,))


class PluginError(PtcekitError, ImportError):
    """A rule plugin (an entry point of the group ``ptcekit.rules``) cannot be used.

    Attributes:
        entry_point: the entry point's name.
        target: what it points to, such as ``"my_pkg.rules:RULES"``.
        reason: why it cannot be used.
    """

    def __init__(self, entry_point: str, target: str, reason: str) -> None:
        self.entry_point = entry_point
        self.target = target
        self.reason = reason
        message = (
            f"rule plugin {entry_point!r} ({target}) of entry-point group 'ptcekit.rules': {reason}"
        )
        super().__init__(message)

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.entry_point, self.target, self.reason))
