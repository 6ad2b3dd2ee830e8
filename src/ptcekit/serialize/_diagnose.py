"""Every load message, and the slow diagnosis pass that finds every problem of a document.

This is the one file to open to change what a load says. The generated
structuring functions (:mod:`ptcekit.serialize._structure`) only accept or
give up; when they give up, :class:`Diagnoser` walks the document again,
tries the fast functions on each part (the parts they accept have no
problem), calls the classes themselves on the parts they refuse, and
collects every problem with its path, its JSON Pointer and its code
(:data:`LOAD_CODES`).
"""

from __future__ import annotations

import datetime as dt
import difflib
import enum
import json
import re
import threading
import warnings
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import attrs

from ptcekit.errors import (
    DuplicateIdError,
    FieldTypeError,
    GeneratedCodeError,
    InvalidValueError,
    KindError,
    LoadError,
    Problem,
    PtcekitError,
)
from ptcekit.model import Ecosystem
from ptcekit.model.limits import MAX_DEPTH, MAX_FRACTION_DIGITS, MAX_INTEGER_DIGITS
from ptcekit.serialize._fields import ClassSpec, EnumOf, Node, Obj, Opt, Poly, Scalar, Seq
from ptcekit.serialize._structure import KeptUnknownKeys, enum_values, kept_setter
from ptcekit.serialize._wire import (
    DATE_PATTERN,
    DECIMAL_PATTERN,
    FRACTION_PATTERN,
    INTEGER_BOUND,
    NotJson,
    Unreadable,
    WireError,
    json_copy,
    parse_date,
    parse_decimal,
    parse_fraction,
)

if TYPE_CHECKING:
    from ptcekit.serialize._structure import Structurer

__all__ = [
    "DEFAULT_MAX_PROBLEMS",
    "LOAD_CODES",
    "RAISE_ON_REFUSAL",
    "Diagnoser",
    "Diagnosis",
    "LoadCode",
    "describe",
    "describe_python",
    "path_key",
    "problem",
    "type_problem",
]

# ---------------------------------------------------------------------------- codes


@attrs.frozen
class LoadCode:
    """A kind of load problem: its stable code, a title, and what it means.

    Attributes:
        code: such as ``"LOAD002"``; never reused for another kind.
        title: a few words, such as ``"wrong type"``.
        explanation: what the problem means and how to fix it.
    """

    code: str
    title: str
    explanation: str


#: Every kind of load problem, by code. ``docs/reference/load-problems.md``
#: lists them (a test keeps the page and this table in step).
LOAD_CODES: dict[str, LoadCode] = {
    entry.code: entry
    for entry in (
        LoadCode(
            "LOAD000",
            "not JSON",
            "The text is not a JSON document: malformed JSON (with its line and column), "
            "bytes that are not UTF-8, NaN or an infinity, or a number no double holds.",
        ),
        LoadCode(
            "LOAD001",
            "unknown key",
            'A key the class does not have; the message suggests the closest field ("did you mean"). '
            'Load with `unknown="keep"` to keep such keys and write them back.',
        ),
        LoadCode(
            "LOAD002",
            "wrong type",
            "A value of the wrong JSON type or form: a string where an integer is expected, "
            "a JSON number for an exact decimal, a date that is no calendar day, an integer of too many digits.",
        ),
        LoadCode(
            "LOAD003",
            "bad identifier",
            "An id, registry number or official code that is malformed or fails its check: "
            "a SIREN or SIRET with a wrong check digit, an RNA number, a commune code, an object id.",
        ),
        LoadCode(
            "LOAD004",
            "missing key",
            "A required key is absent.",
        ),
        LoadCode(
            "LOAD005",
            "value refused",
            "The class refused a value of the right type: out of bounds, blank text, an end before its start, "
            "a check of an extension's own validator.",
        ),
        LoadCode(
            "LOAD006",
            "unknown kind",
            'An actor or asset without a "type", or with a type no installed kind declares.',
        ),
        LoadCode(
            "LOAD007",
            "repeated id",
            "Two records of the document share an id.",
        ),
        LoadCode(
            "LOAD008",
            "repeated key",
            "An object repeats a key; JSON readers would silently keep only the last value.",
        ),
        LoadCode(
            "LOAD009",
            "too deep",
            f"Arrays and objects nested more than {MAX_DEPTH} levels.",
        ),
        LoadCode(
            "LOAD010",
            "format version",
            "The format version is missing, malformed or newer than this ptcekit reads, "
            "or upgrading an older document failed.",
        ),
        LoadCode(
            "LOAD011",
            "not a JSON value",
            'A kept unknown key (`unknown="keep"`) holds a value JSON cannot carry, '
            "such as a key that is not a string or an integer of too many digits.",
        ),
    )
}

#: How many problems a load collects by default before it stops (see ``max_problems``).
DEFAULT_MAX_PROBLEMS = 1000
#: How many "did you mean" suggestions one load computes at most.
SUGGESTION_LIMIT = 20
#: Keys and tags longer than this get no suggestion (no field name is that long).
_SUGGESTION_LENGTH = 64

#: When true, a fast structuring function that refuses a part the diagnosis
#: then finds nothing wrong with raises :class:`~ptcekit.errors.GeneratedCodeError`
#: (the test suite sets it); when false, the load goes on with the diagnosis's
#: result and a :class:`RuntimeWarning` names the class and the exception.
RAISE_ON_REFUSAL = False


def problem(path: str, message: str, code: str) -> Problem:
    """Return the problem at ``path`` with ``message``, of the kind ``code``."""
    return Problem(path=path, message=message, code=code)


# ---------------------------------------------------------------------------- values in words

# a float this large and integral may be an integer that orjson read as a float
_LOSSY = 2.0**63
_LIMIT = 60
# integers above this many bits are described by their size, never converted to text
_LONG_BITS = 200
_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")

#: The message of a value nested deeper than ``ptcekit.model.limits.MAX_DEPTH``.
DEPTH_MESSAGE = f"expected at most {MAX_DEPTH} levels of nested arrays and objects, got more"


def _cut(text: str) -> str:
    return text if len(text) <= _LIMIT else text[: _LIMIT - 1] + "…"


def _kind(value: object) -> str:  # noqa: PLR0911 -- one answer per kind of value
    if type(value) is bool:
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list | tuple):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, Unreadable):
        return value.what
    return f"a Python {type(value).__name__}"


def _int_text(value: int) -> str:
    if value.bit_length() > _LONG_BITS:
        # converting it to text costs quadratic time, or fails past 4,300 digits
        return f"an integer of about {int(value.bit_length() * 0.30103) + 1} digits"
    return str(value)


#: How many floats that may be misread integers messages of this thread quoted.
_quoted = threading.local()


def _float_text(value: float) -> str:
    if value - value != 0:
        return repr(value)  # inf, -inf, nan: only from Python data, never from JSON text
    if abs(value) >= _LOSSY and value.is_integer():
        # orjson reads an integer beyond 64 bits as such a float: a message
        # quoting it would misquote the document
        _quoted.count = getattr(_quoted, "count", 0) + 1
    return json.dumps(value)


def _text(value: object, room: int) -> str:  # noqa: PLR0911 -- one answer per kind of value
    """Write ``value`` as JSON text of about ``room`` characters at most, whatever it holds."""
    kind = type(value)
    if value is None:
        return "null"
    if kind is bool:
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(str.__str__(value)[:room], ensure_ascii=False)
    if isinstance(value, int):
        return _int_text(int.__index__(value))
    if isinstance(value, float):
        return _float_text(float(value))
    if room <= 0:
        return "…"
    if isinstance(value, list | tuple):
        items = []
        for item in value[:4]:
            text = _text(item, room - 2)
            items.append(text)
            room -= len(text) + 1
            if room <= 0:
                break
        more = ", …" if len(value) > len(items) else ""
        return "[" + ", ".join(items) + more + "]"
    if isinstance(value, dict):
        items = []
        for key, item in list(value.items())[:4]:
            text = f"{_text(key, room)}: {_text(item, room - 2)}"
            items.append(text)
            room -= len(text) + 1
            if room <= 0:
                break
        more = ", …" if len(value) > len(items) else ""
        return "{" + ", ".join(items) + more + "}"
    return "…"


def describe(value: object) -> str:
    """Describe a wire value for a message: its JSON text, cut short, then its JSON kind.

    It never fails and does bounded work, whatever ``value`` is: deep or huge
    containers, integers of any size, Python objects (named by their type,
    never by their ``repr``).

    >>> describe("3"), describe(3), describe(True), describe(None)
    ('"3" (a string)', '3 (a number)', 'true (a boolean)', 'null')
    >>> describe([[[[[[[[]]]]]]]]), describe({"a": [1, 2]})
    ('[[[[[[[[]]]]]]]] (an array)', '{"a": [1, 2]} (an object)')
    """
    if value is None:
        return "null"
    if isinstance(value, Unreadable):
        return value.what
    if not isinstance(value, str | int | float | list | tuple | dict):
        return _kind(value)
    return f"{_cut(_text(value, _LIMIT))} ({_kind(value)})"


def _python_text(value: object) -> str:  # noqa: PLR0911, PLR0912 -- one answer per kind of value
    if value is None:
        return "null"
    if type(value) is bool:
        return "true" if value else "false"
    if isinstance(value, enum.Enum):
        return _text(value.value, _LIMIT)
    if isinstance(value, int):
        return _int_text(int.__index__(value))
    if isinstance(value, float):
        return repr(float(value)) if value - value != 0 else _float_text(float(value))
    if isinstance(value, str):
        return _text(value, _LIMIT)
    if isinstance(value, Fraction):
        return f'"{_int_text(value.numerator)}/{_int_text(value.denominator)}"'
    if isinstance(value, Decimal):
        _, digits, exponent = value.as_tuple()
        if len(digits) > _LIMIT or not isinstance(exponent, int) or abs(exponent) > _LIMIT:
            return f"a decimal of {len(digits)} digits"
        return f'"{value}"'
    if isinstance(value, dt.date):
        return f'"{value.isoformat()}"'
    if isinstance(value, tuple | list):
        items = [_python_text(item)[:_LIMIT] for item in value[:4]]
        if len(value) > 4:
            items.append("…")
        return "[" + ", ".join(items) + "]"
    if attrs.has(type(value)):
        return "{…}"
    return f"a Python {type(value).__name__}"


def describe_python(value: object) -> str:
    """Describe a model value for a message, in its wire form; never fails, whatever ``value`` is.

    >>> from fractions import Fraction
    >>> describe_python(Fraction(4, 3)), describe_python((1, 2))
    ('"4/3"', '[1, 2]')
    """
    return _cut(_python_text(value))


def path_key(path: str, key: object) -> str:
    """Return the path of ``key`` in the object at ``path``.

    >>> path_key("$.actors[3]", "siren"), path_key("$", "odd key")
    ('$.actors[3].siren', '$["odd key"]')
    """
    if isinstance(key, str) and _PLAIN_KEY.fullmatch(key):
        return f"{path}.{key}"
    return f"{path}[{_text(key, 1 << 20) if isinstance(key, str) else _text(key, _LIMIT)}]"


def quoted(value: object) -> str:
    """Write a key or tag for a message: its ``repr`` cut short if a string, else described."""
    if type(value) is not str:
        return describe(value)
    text = repr(value)
    return text if len(text) <= _LIMIT else text[: _LIMIT - 1] + "…"


def _safe_text(error: BaseException) -> str:
    """Return the error's message cut short: its text, or its first argument if it has several.

    attrs' own validators raise ``TypeError`` with a tuple of arguments (the
    message, the attribute, the expected type, the value): only the first is
    meant for a reader.
    """
    try:
        args = error.args
        text = args[0] if len(args) > 1 and isinstance(args[0], str) else str(error)
    except Exception:  # an error whose message cannot be made: say what it is
        return type(error).__name__
    return text if len(text) <= 200 else text[:199] + "…"


# ---------------------------------------------------------------------------- messages


def expected(node: Node) -> str:  # noqa: PLR0911 -- one answer per kind of node
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
        return f"{expected(node.inner)} or null"
    return "an array"


def type_problem(node: Node, value: object) -> str:
    """Say what a wire value of ``node`` looks like, and what ``value`` is instead."""
    message = f"expected {expected(node)}, got {describe(value)}"
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


def _type_code(node: Node, value: object) -> str:
    """A string of the wrong shape for an identifier is a bad identifier; the rest, a wrong type."""
    inner = node.inner if isinstance(node, Opt) else node
    shaped = isinstance(inner, Scalar) and inner.pattern is not None
    return "LOAD003" if shaped and type(value) is str else "LOAD002"


def not_a_document(value: object) -> Problem:
    """The problem of a document that is no JSON object."""
    message = f"expected a JSON object (a ptcekit document), got {describe(value)}"
    return problem("$", message, "LOAD002")


def scalar_problem(name: str, value: object) -> Problem:
    """The problem of a top-level scalar (a decimal, a fraction, a date) that does not read."""
    return problem("$", type_problem(Scalar(name), value), "LOAD002")


def malformed(reason: str) -> Problem:
    """The problem of text that is no JSON: ``reason`` says where and why."""
    return problem("$", f"malformed JSON{reason}", "LOAD000")


def malformed_at(line: int, column: int, reason: str) -> Problem:
    """The problem of text that is no JSON, at a line and column."""
    return malformed(f" at line {line}, column {column}: {reason}")


def not_utf8(byte: int, offset: int) -> Problem:
    """The problem of bytes that are not UTF-8."""
    return malformed(f": not UTF-8 (byte 0x{byte:02x} at offset {offset})")


def not_a_number(name: str) -> Problem:
    """The problem of NaN or an infinity in the text."""
    return malformed(f": {name} is not a JSON number")


def too_deep(path: str = "$") -> Problem:
    """The problem of a value nested deeper than ``ptcekit.model.limits.MAX_DEPTH``."""
    return problem(path, DEPTH_MESSAGE, "LOAD009")


def repeated_key(path: str, key: str, count: int) -> Problem:
    """The problem of an object that repeats ``key`` ``count`` times."""
    message = f"expected each key once in an object, got {describe(key)} {count} times"
    return problem(path_key(path, key), message, "LOAD008")


def version_problem(path: str, message: str) -> Problem:
    """A problem with the format version or an upgrade; ``message`` comes from :mod:`._versions`."""
    return problem(path, message, "LOAD010")


def missing_version(path: str, key: str, current: str) -> Problem:
    message = f"missing required key '{key}' (the format version, expected \"{current}\")"
    return version_problem(path, message)


def bad_version(path: str, value: object, current: str) -> Problem:
    message = (
        f'expected a format version written as a string such as "{current}", got {describe(value)}'
    )
    return version_problem(path, message)


def newer_version(path: str, version: str, current: str) -> Problem:
    message = (
        f"the document is in format version {version!r}, newer than {current!r}, "
        "the newest this ptcekit reads: upgrade ptcekit to load it"
    )
    return version_problem(path, message)


def no_upgrade(path: str, version: str, current: str, known: str) -> Problem:
    message = (
        f"no upgrade from format version {version!r} to {current!r} (upgrades exist from: {known})"
    )
    return version_problem(path, message)


def upgrade_failed(version: str, target: str, error: BaseException) -> Problem:
    message = f"upgrading from format version {version!r} to {target!r} failed: {error!r}"
    return version_problem("$", message)


def upgrade_not_dict(version: str, returned: object) -> Problem:
    message = (
        f"the upgrade from format version {version!r} returned "
        f"{type(returned).__name__}, expected a dict"
    )
    return version_problem("$", message)


def not_json(path: str, error: NotJson) -> Problem:
    """The problem of a kept value that JSON cannot carry (see :func:`._wire.json_copy`)."""
    where, what, value = error.args
    if what == "integer":
        message = f"expected at most {MAX_INTEGER_DIGITS} digits, got {describe(value)}"
    elif what == "float":
        message = f"expected a finite number, got {describe(value)}"
    elif what == "depth":
        return too_deep(path + where)
    elif what == "key":
        message = f"expected string keys, got the key {describe(value)}"
    else:
        message = (
            "expected a JSON value (null, true, false, a number, a string, an array or an object), "
            f"got {describe(value)}"
        )
    return problem(path + where, message, "LOAD011")


def repeated_id(path: str, where: str, first: str, key: object) -> Problem:
    """The problem of an id declared at ``where`` that ``first`` declared already."""
    message = (
        f"expected an id unique in the document, got {describe_python(key)} "
        f"again ({path}.{first} has it already)"
    )
    return problem(f"{path}.{where}.id", message, "LOAD007")


def _split_field(error: InvalidValueError | FieldTypeError) -> tuple[str, int | None]:
    """The field an error names and the index of the item at fault, if any (``"sirets[2]"``)."""
    index = getattr(error, "index", None)
    if isinstance(index, int):  # the field is then written "sirets[2]"
        return error.field.partition("[")[0], index
    name, bracket, rest = error.field.partition("[")
    if bracket and rest.endswith("]") and rest[:-1].isdigit():
        return name, int(rest[:-1])
    return error.field, None


def model_problem(
    error: InvalidValueError | FieldTypeError,
    raw: dict[str, Any],
    structured: dict[str, Any],
    spec: ClassSpec,
    path: str,
) -> Problem:
    """Turn a model's construction error into a problem at the field's wire path.

    The value is described as it was on the wire when the class saw it
    unchanged (``"3"``, not ``3``), as the model holds it otherwise.
    """
    if isinstance(error, DuplicateIdError):
        return repeated_id(path, error.second, error.first, error.id)
    name, index = _split_field(error)
    got = describe_python(error.got)
    if name in raw:
        raw_value: Any = raw[name]
        value: Any = structured.get(name, _MISSING)
        if (
            index is not None
            and type(raw_value) is list
            and index < len(raw_value)
            and isinstance(value, tuple)
        ):
            raw_value, value = raw_value[index], value[index]
        if value == error.got and not isinstance(raw_value, dict | list):
            got = describe(raw_value)
    where = f"{path}.{name}" if index is None else f"{path}.{name}[{index}]"
    code = "LOAD002" if isinstance(error, FieldTypeError) else "LOAD005"
    field = next((field for field in spec.fields if field.name == name), None)
    if code == "LOAD005" and field is not None and _type_code(_item(field.node), "") == "LOAD003":
        code = "LOAD003"
    return problem(where, f"expected {error.expected}, got {got}", code)


def _item(node: Node) -> Node:
    """The node of one value of a field: the item of an array, the value of an optional."""
    while isinstance(node, Opt | Seq):
        node = node.inner
    return node


def foreign_problem(
    path: str, error: BaseException, cls: type[Any], kwargs: dict[str, Any]
) -> Problem:
    """A class's own validator (a downstream one, or attrs') refused a value: say which field and why.

    attrs' validators do not all say which field they check (``ge`` raises
    with its message alone): the field is the one whose validator raises
    the same error again on its value.
    """
    text = _safe_text(error)
    field = next(
        (arg.name for arg in getattr(error, "args", ()) if isinstance(arg, attrs.Attribute)), None
    )
    if field is None:
        field = _failing_field(error, text, cls, kwargs)
    where = path if field is None else path_key(path, field)
    return problem(where, f"{type(error).__name__}: {text}", "LOAD005")


def _failing_field(
    error: BaseException, text: str, cls: type[Any], kwargs: dict[str, Any]
) -> str | None:
    """The field whose validator raises ``error`` again on its value, if one does."""
    for attribute in attrs.fields(cls):
        alias = attribute.alias or attribute.name
        if attribute.validator is None or alias not in kwargs:
            continue
        try:
            attribute.validator(None, attribute, kwargs[alias])
        except Exception as again:  # a validator's own error: compare it with the first
            if type(again) is type(error) and _safe_text(again) == text:
                name: str = attribute.name
                return name
    return None


def hook_problem(path: str, cls: type[Any], value: object, error: BaseException) -> Problem:
    """The problem of a value the structure hook registered for ``cls`` refused."""
    message = (
        f"expected what the structure hook for {cls.__name__} reads, got {describe(value)} "
        f"({type(error).__name__}: {_safe_text(error)})"
    )
    return problem(path, message, "LOAD005")


# ---------------------------------------------------------------------------- the diagnosis

_FAILED: Any = object()
_MISSING: Any = object()


def _attempt(read: Callable[[Any], Any], value: Any) -> Any:
    """Read ``value`` with a fast function, or return ``_FAILED`` (the diagnosis finds out why)."""
    try:
        return read(value)
    except KindError:
        raise
    except Exception:  # any failure means: diagnose this part slowly
        return _FAILED


class _Enough(Exception):
    """Raised when a diagnosis has collected as many problems as it may."""


class Diagnosis:
    """What one diagnosis collects: the problems, and how many suggestions it may still make.

    Args:
        fast: try the generated functions on each part first (the parts they
            accept have no problem); ``False`` calls the classes on every
            part, as the tests' reference does.
        max_problems: stop once this many problems are collected.
    """

    __slots__ = (
        "_lossy",
        "_quoted_before",
        "fast",
        "max_problems",
        "problems",
        "refusals",
        "suggestions",
        "truncated",
    )

    def __init__(self, *, fast: bool = True, max_problems: int = DEFAULT_MAX_PROBLEMS) -> None:
        self.fast = fast
        self.max_problems = max_problems
        self.problems: list[Problem] = []
        self.suggestions = SUGGESTION_LIMIT
        self.truncated = False
        #: how many refusals of the fast functions the diagnosis overturned (bugs)
        self.refusals = 0
        self._lossy = False
        self._quoted_before = getattr(_quoted, "count", 0)

    @property
    def lossy(self) -> bool:
        """Whether orjson's reading of an integer beyond 64 bits as a float may matter.

        That is, a float that may be such an integer stood where the model
        expects an integer, or a message quoted it: the standard library,
        which reads such integers exactly, then reads the document again.
        """
        return self._lossy or getattr(_quoted, "count", 0) > self._quoted_before

    def float_for_integer(self, value: float) -> None:
        """Note a float where an integer is expected: it may be an integer orjson misread."""
        self._lossy = self._lossy or (abs(value) >= _LOSSY and value.is_integer())

    def add(self, found: Problem) -> None:
        """Note ``found``; stop the diagnosis once there are ``max_problems``."""
        self.problems.append(found)
        if len(self.problems) >= self.max_problems:
            self.truncated = True
            raise _Enough

    def error(self) -> LoadError:
        """The error carrying what was found."""
        return LoadError(self.problems, truncated=self.truncated)

    def closest(self, word: object, choices: tuple[str, ...]) -> str:
        """Return a "did you mean" hint for ``word`` among ``choices``, while suggestions last."""
        if type(word) is not str or len(word) > _SUGGESTION_LENGTH or self.suggestions <= 0:
            return ""
        self.suggestions -= 1
        matches = difflib.get_close_matches(word, choices, n=1)
        return f' (did you mean "{matches[0]}"?)' if matches else ""


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


def nests_too_deep(data: Any, depth: int = 1) -> bool:
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


class Diagnoser:
    """The slow walk that finds every problem of a document, with the fast functions as a shortcut.

    Args:
        structurer: the fast structuring functions, their specs and kind tables.
    """

    def __init__(self, structurer: Structurer) -> None:
        self.structurer = structurer
        self._choices: dict[type[Any], tuple[str, ...]] = {}

    # ------------------------------------------------------------------ entry points

    def structure(
        self, data: Any, node: Node, diagnosis: Diagnosis, refusal: BaseException | None
    ) -> Any:
        """Read ``data`` as ``node`` slowly, after the fast function refused it with ``refusal``.

        Without a refusal, the fast function read it, but the value nests too deep.

        Raises:
            LoadError: with every problem found (at most ``max_problems``).
        """
        try:
            result = self.diagnose(data, node, "$", diagnosis, 1)
        except _Enough:
            raise diagnosis.error() from None
        if diagnosis.problems:
            raise diagnosis.error()
        if refusal is not None and not diagnosis.refusals:  # not said already for a part
            self.refused(self._class_of(data, node), refusal, diagnosis)
        return result

    def document(self, data: Any, diagnosis: Diagnosis) -> Any:
        """Read a whole document record by record: a bad record costs only its own diagnosis."""
        try:
            result = self.diagnose_object(data, self.structurer.spec(Ecosystem), "$", diagnosis, 1)
        except _Enough:
            raise diagnosis.error() from None
        if diagnosis.problems:
            raise diagnosis.error()
        return result

    def _class_of(self, data: Any, node: Node) -> type[Any]:
        """The class that read ``data`` as ``node``: for a family, the kind its tag names."""
        if isinstance(node, Poly):
            tag = data.get("type") if type(data) is dict else None
            kind = self.structurer.kind(node.base, tag) if type(tag) is str else None
            return kind if kind is not None else node.base
        return getattr(node, "cls", type(None))

    def refused(self, cls: type[Any], error: BaseException, diagnosis: Diagnosis) -> None:
        """A fast function refused what the diagnosis accepts: a bug of the generated code.

        Unknown keys in keep mode are kept by the diagnosis on purpose: no bug.
        """
        if isinstance(error, KeptUnknownKeys):
            return
        diagnosis.refusals += 1
        bug = GeneratedCodeError(cls.__qualname__, error)
        if RAISE_ON_REFUSAL:
            raise bug from error
        warnings.warn(str(bug), RuntimeWarning, stacklevel=2)

    # ------------------------------------------------------------------ the walk

    def try_fast(self, value: Any, cls: type[Any], diagnosis: Diagnosis) -> Any:
        """Read ``value`` with the fast function of ``cls``; return ``(result, refusal)``."""
        structurer = self.structurer
        if not diagnosis.fast or not structurer.bounded_class(cls):
            return _FAILED, None  # a recursive class: the fast functions do not count levels
        try:
            return structurer.structure_fn(cls)(value), None
        except KindError:
            raise
        except Exception as error:  # any failure means: diagnose this part slowly
            return _FAILED, error

    def diagnose(  # noqa: PLR0911 -- one branch per kind of node
        self, value: Any, node: Node, path: str, diagnosis: Diagnosis, depth: int
    ) -> Any:
        """Read ``value`` (at ``depth``, if a container) as ``node``, noting every problem."""
        if isinstance(node, Opt):
            if value is None:
                return None
            return self.diagnose(value, node.inner, path, diagnosis, depth)
        if isinstance(node, Scalar):
            return self.diagnose_scalar(value, node, path, diagnosis)
        if isinstance(node, EnumOf):
            values = enum_values(node.cls)
            if type(value) is str and value in values:
                return values[value]
            diagnosis.add(problem(path, type_problem(node, value), "LOAD002"))
            return _FAILED
        if type(value) in (list, dict) and depth > MAX_DEPTH:
            diagnosis.add(too_deep(path))
            return _FAILED
        if isinstance(node, Seq):
            if type(value) is not list:
                diagnosis.add(problem(path, type_problem(node, value), "LOAD002"))
                return _FAILED
            return self.diagnose_items(value, node.inner, path, diagnosis, depth)
        if isinstance(node, Poly):
            return self.diagnose_poly(value, node, path, diagnosis, depth)
        return self.diagnose_class(value, node.cls, path, diagnosis, depth)

    def diagnose_class(
        self, value: Any, cls: type[Any], path: str, diagnosis: Diagnosis, depth: int
    ) -> Any:
        """Read an object of ``cls``: by its fast function, or field by field if it refuses."""
        hook = self.structurer.user_hook(cls)
        if hook is not None:
            return self.diagnose_hooked(value, cls, hook, path, diagnosis)
        result, refusal = self.try_fast(value, cls, diagnosis)
        if result is not _FAILED:
            return result
        before = len(diagnosis.problems)
        result = self.diagnose_object(value, self.structurer.spec(cls), path, diagnosis, depth)
        if refusal is not None and result is not _FAILED and len(diagnosis.problems) == before:
            self.refused(cls, refusal, diagnosis)
        return result

    def diagnose_hooked(
        self,
        value: Any,
        cls: type[Any],
        hook: Callable[[Any, Any], Any],
        path: str,
        diagnosis: Diagnosis,
    ) -> Any:
        """Read a ``cls`` by the structure hook registered for it; its refusal is a problem at ``path``."""
        try:
            return hook(value, cls)
        except KindError:
            raise
        except LoadError as error:  # a hook that loads: its problems, under this path
            for found in error.problems:
                diagnosis.add(problem(path + found.path[1:], found.message, found.code))
        except Exception as error:  # the hook's own refusal, whatever it raises
            diagnosis.add(hook_problem(path, cls, value, error))
        return _FAILED

    def diagnose_items(
        self, value: list[Any], inner: Node, path: str, diagnosis: Diagnosis, depth: int
    ) -> Any:
        """Read the items of an array; objects the fast functions accept cost no more than a load."""
        fast = self._fast_items(inner, diagnosis)
        items = []
        failed = False
        for position, item in enumerate(value):
            if fast is not None:
                result = _attempt(fast, item)
                if result is not _FAILED:
                    items.append(result)
                    continue
            result = self.diagnose(item, inner, f"{path}[{position}]", diagnosis, depth + 1)
            failed = failed or result is _FAILED
            items.append(result)
        return _FAILED if failed else tuple(items)

    def _fast_items(self, inner: Node, diagnosis: Diagnosis) -> Callable[[Any], Any] | None:
        """The fast reading of one item of an array of objects, or ``None`` to diagnose each item."""
        structurer = self.structurer
        if not diagnosis.fast or not isinstance(inner, Obj | Poly) or not structurer.bounded(inner):
            return None
        if isinstance(inner, Obj):
            return structurer.structure_fn(inner.cls)
        dispatch = structurer.dispatcher(inner.base)

        def read(item: Any) -> Any:
            return dispatch[item["type"]](item)

        return read

    def diagnose_scalar(self, value: Any, node: Scalar, path: str, diagnosis: Diagnosis) -> Any:
        try:
            return _SCALAR_READERS[node.name](value, node.pattern)
        except WireError:
            if node.name == "int" and type(value) is float:
                diagnosis.float_for_integer(value)
            diagnosis.add(problem(path, type_problem(node, value), _type_code(node, value)))
            return _FAILED

    def diagnose_poly(
        self, value: Any, node: Poly, path: str, diagnosis: Diagnosis, depth: int
    ) -> Any:
        if type(value) is not dict:
            diagnosis.add(problem(path, type_problem(node, value), "LOAD002"))
            return _FAILED
        cls = self._kind_of(value, node, path, diagnosis)
        if cls is None:
            return _FAILED
        return self.diagnose_class(value, cls, path, diagnosis, depth)

    def _kind_of(
        self, value: dict[str, Any], node: Poly, path: str, diagnosis: Diagnosis
    ) -> type[Any] | None:
        """The kind an object's ``"type"`` names, or ``None`` with the problem noted."""
        structurer = self.structurer
        noun = node.noun
        tag_path = path_key(path, "type")
        if "type" not in value:
            choices = structurer.table(node.base, refresh=True).expected()
            diagnosis.add(
                problem(tag_path, f"missing {noun} type; expected one of: {choices}", "LOAD006")
            )
            return None
        tag = value["type"]
        if type(tag) is not str:
            choices = structurer.table(node.base).expected()
            message = f"expected an {noun} type (a string, one of: {choices}), got {describe(tag)}"
            diagnosis.add(problem(tag_path, message, "LOAD002"))
            return None
        cls = structurer.kind(node.base, tag)
        if cls is None:
            table = structurer.table(node.base)
            hint = diagnosis.closest(tag, table.tags)
            message = (
                f"unknown {noun} type {quoted(tag)}; expected one of: {table.expected()}{hint}"
            )
            diagnosis.add(problem(tag_path, message, "LOAD006"))
            return None
        # a kind defined since the fast functions were made: let them know it
        structurer.dispatcher(node.base).setdefault(tag, structurer.structure_fn(cls))
        return cls

    def _choices_of(self, spec: ClassSpec) -> tuple[str, ...]:
        choices = self._choices.get(spec.cls)
        if choices is None:
            choices = self._choices[spec.cls] = tuple(sorted(spec.keys))
        return choices

    def unknown_keys(
        self, value: dict[str, Any], spec: ClassSpec, path: str, diagnosis: Diagnosis, depth: int
    ) -> tuple[dict[str, Any], bool]:
        """Keep or refuse the keys ``spec.cls`` does not have: the kept ones, and whether any failed."""
        known = spec.keys
        strays = False
        extra: dict[str, Any] = {}
        keep = self.structurer.unknown == "keep" and kept_setter(spec.cls) is not None
        for key, item in value.items():
            if key in known:
                continue
            if not keep:
                owner = spec.tag or spec.cls.__name__
                hint = diagnosis.closest(key, self._choices_of(spec))
                message = f"unknown key {quoted(key)} for {owner}{hint}"
                if self.structurer.unknown == "keep":
                    message += (
                        f" ({spec.cls.__name__} is no ptcekit model class: it cannot keep keys)"
                    )
                diagnosis.add(problem(path_key(path, key), message, "LOAD001"))
                strays = True
                continue
            try:
                extra[key] = json_copy(item, depth + 1)
            except NotJson as error:
                diagnosis.add(not_json(path_key(path, key), error))
                strays = True
        return extra, strays

    def diagnose_object(
        self, value: Any, spec: ClassSpec, path: str, diagnosis: Diagnosis, depth: int
    ) -> Any:
        """Read an object of ``spec.cls``, field by field; keep or refuse its unknown keys."""
        if type(value) is not dict:
            diagnosis.add(problem(path, type_problem(Obj(spec.cls), value), "LOAD002"))
            return _FAILED
        extra, strays = self.unknown_keys(value, spec, path, diagnosis, depth)
        failed = False
        kwargs: dict[str, Any] = {}
        structured: dict[str, Any] = {}
        for field in spec.fields:
            field_path = path_key(path, field.name)
            if field.name not in value:
                if field.required:
                    message = (
                        f"missing required key {field.name!r} (expected {expected(field.node)})"
                    )
                    diagnosis.add(problem(field_path, message, "LOAD004"))
                    failed = True
                continue
            result = self.diagnose(value[field.name], field.node, field_path, diagnosis, depth + 1)
            if result is _FAILED:
                failed = True
                continue
            kwargs[field.alias] = result
            structured[field.name] = result
        if failed:
            if spec.cls is Ecosystem:  # repeated ids too, not only once the rest is fixed
                self.repeated_ids(value, spec, path, diagnosis)
            return _FAILED
        obj = self.construct(
            value=value,
            spec=spec,
            kwargs=kwargs,
            structured=structured,
            path=path,
            diagnosis=diagnosis,
        )
        if obj is _FAILED or strays:  # built anyway, so that its own problems are reported too
            return _FAILED
        setter = kept_setter(spec.cls) if extra else None
        if setter is not None:
            setter(obj, extra)
        return obj

    def repeated_ids(
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
                    diagnosis.add(repeated_id(path, where, first, key))
                    found = True
        return found

    def construct(
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
            if not (spec.cls is Ecosystem and self.repeated_ids(value, spec, path, diagnosis)):
                diagnosis.add(model_problem(error, value, structured, spec, path))
            return _FAILED
        except (InvalidValueError, FieldTypeError) as error:
            diagnosis.add(model_problem(error, value, structured, spec, path))
            return _FAILED
        except PtcekitError as error:
            diagnosis.add(problem(path, str(error), "LOAD005"))
            return _FAILED
        except (ValueError, TypeError) as error:  # a downstream class's own validator
            diagnosis.add(foreign_problem(path, error, spec.cls, kwargs))
            return _FAILED
