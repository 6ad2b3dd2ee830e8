"""JSON text and files: orjson when installed, the standard library otherwise, same bytes."""

from __future__ import annotations

import contextlib
import gc
import importlib
import json
import os
import secrets
import stat
from pathlib import Path
from typing import Any, Literal, TypeVar, overload

from ptcekit.errors import FieldTypeError, InvalidValueError, LoadError, Problem
from ptcekit.model import Ecosystem
from ptcekit.serialize._converter import default_converter
from ptcekit.serialize._engine import Unknown
from ptcekit.serialize._versions import Upgrades

__all__ = ["Backend", "JsonText", "available_backends", "dump", "dumps", "load", "loads"]

T = TypeVar("T")

#: A JSON backend: ``"orjson"`` (fast, the ``ptcekit[fast]`` extra) or ``"json"``
#: (the standard library). Both read the same documents and write the same bytes.
Backend = Literal["orjson", "json"]

orjson: Any
try:
    orjson = importlib.import_module("orjson")
except ImportError:  # pragma: no cover -- the fast extra is installed in the test environment
    orjson = None

#: JSON text: a ``str``, or UTF-8 bytes.
JsonText = str | bytes | bytearray | memoryview


def available_backends() -> tuple[Backend, ...]:
    """Return the JSON backends installed, the preferred one first.

    >>> available_backends()[-1]
    'json'
    """
    return ("orjson", "json") if orjson is not None else ("json",)


def _backend(backend: Backend | None) -> Backend:
    if backend is None:
        return available_backends()[0]
    if backend not in available_backends():
        expected = "one of " + ", ".join(repr(name) for name in available_backends())
        raise InvalidValueError("serialize", "backend", expected, backend)
    return backend


class _Constant(Exception):
    """NaN or an infinity, which JSON does not have."""


def _reject_constant(name: str) -> Any:
    raise _Constant(name)


class _TooLong(Exception):
    """An integer with more digits than Python converts (``sys.get_int_max_str_digits``)."""


def _parse_int(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise _TooLong(len(text.lstrip("-"))) from None


def _parse_stdlib(text: str | bytes) -> Any:
    """Parse JSON text with the standard library, turning every failure into a :class:`~ptcekit.errors.LoadError`."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as error:
            message = (
                f"malformed JSON: not UTF-8 (byte 0x{error.object[error.start]:02x} "
                f"at offset {error.start})"
            )
            raise LoadError([Problem("$", message)]) from None
    try:
        return json.loads(text, parse_constant=_reject_constant, parse_int=_parse_int)
    except json.JSONDecodeError as error:
        message = f"malformed JSON at line {error.lineno}, column {error.colno}: {error.msg}"
        raise LoadError([Problem("$", message)]) from None
    except _Constant as error:
        message = f"malformed JSON: {error.args[0]} is not a JSON number"
        raise LoadError([Problem("$", message)]) from None
    except _TooLong as error:
        message = f"malformed JSON: an integer of {error.args[0]} digits, more than Python reads"
        raise LoadError([Problem("$", message)]) from None
    except RecursionError:
        raise LoadError([Problem("$", "malformed JSON: nested too deeply")]) from None


@overload
def loads(
    text: JsonText,
    cls: None = None,
    *,
    unknown: Unknown = ...,
    upgrades: Upgrades | None = ...,
    backend: Backend | None = ...,
) -> Ecosystem: ...
@overload
def loads(
    text: JsonText,
    cls: type[T],
    *,
    unknown: Unknown = ...,
    upgrades: Upgrades | None = ...,
    backend: Backend | None = ...,
) -> T: ...
def loads(
    text: JsonText,
    cls: type[Any] | None = None,
    *,
    unknown: Unknown = "forbid",
    upgrades: Upgrades | None = None,
    backend: Backend | None = None,
) -> Any:
    """Read JSON text as a ptcekit value; an :class:`~ptcekit.model.Ecosystem` document by default.

    The cyclic garbage collector is paused while the document is read: the
    objects of a document hold no reference cycles, and collecting while
    millions of them are made costs more than the read itself.

    Args:
        text: the JSON text, as ``str`` or UTF-8 ``bytes``.
        cls: the class to read (see :func:`from_dict`).
        unknown: ``"forbid"`` (default) or ``"keep"``: keep unknown keys and
            write them back on dump. Keeping reads with the standard library,
            so that every number is kept as written (orjson reads integers
            beyond 64 bits as floats).
        upgrades: upgrades for documents of older format versions.
        backend: ``"orjson"`` or ``"json"``; the fastest installed by default.

    Raises:
        ValueError: (a :class:`~ptcekit.errors.LoadError`) with every problem in the document,
            malformed JSON included (with its line and column).

    >>> loads('{"ptcekit": "1", "actors": [{"type": "person", "id": "p", "name": "P"}]}')
    Ecosystem(actors=1, poles=0, assets=0, agreements=0)
    """
    given: object = text
    if not isinstance(given, str | bytes | bytearray | memoryview):
        raise FieldTypeError("loads", "text", "JSON text (str or bytes)", given)
    if isinstance(text, bytearray | memoryview):
        text = bytes(text)
    chosen = "json" if unknown == "keep" else _backend(backend)
    converter = default_converter(unknown)
    target = cls or Ecosystem
    enabled = gc.isenabled()
    gc.disable()
    try:
        if chosen == "json":
            return converter.load(_parse_stdlib(text), target, upgrades=upgrades)
        try:
            return converter.load(orjson.loads(text), target, upgrades=upgrades)
        except (orjson.JSONDecodeError, LoadError):
            # read again with the standard library: it reads what orjson cannot
            # (integers beyond 64 bits), and its messages are the reference
            return converter.load(_parse_stdlib(text), target, upgrades=upgrades)
    finally:
        if enabled:
            gc.enable()


def dumps(obj: object, *, pretty: bool = False, backend: Backend | None = None) -> bytes:
    """Write a ptcekit value as UTF-8 JSON bytes.

    The same value always gives the same bytes, with either backend: keys in
    field order, no spaces (or an indent of two with ``pretty``), non-ASCII
    characters as UTF-8. The cyclic garbage collector is paused while the
    wire data is made, as in :func:`loads`.

    Raises:
        TypeError: (a :class:`~ptcekit.errors.KindError`) if ``obj`` is not a ptcekit value or
            its kind cannot be written.

    >>> from ptcekit.model import Money
    >>> dumps(Money(amount="1200.50"))
    b'{"amount":"1200.50"}'
    """
    enabled = gc.isenabled()
    # the wire dicts and lists hold no cycles: collecting while they are made
    # would walk the whole object graph again and again for nothing
    gc.disable()
    try:
        return _dumps(obj, pretty=pretty, backend=backend)
    finally:
        if enabled:
            gc.enable()


def _dumps(obj: object, *, pretty: bool, backend: Backend | None) -> bytes:
    converter = default_converter()
    if _backend(backend) == "orjson":
        data = converter.dump(obj, "orjson")
        try:
            written: bytes = orjson.dumps(data, option=orjson.OPT_INDENT_2 if pretty else 0)
        except orjson.JSONEncodeError:
            pass  # an integer beyond 64 bits or a lone surrogate: the standard library writes them
        else:
            return written
    data = converter.dump(obj)
    if pretty:
        text = json.dumps(data, ensure_ascii=False, allow_nan=False, indent=2)
    else:
        text = json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    # a lone surrogate cannot be UTF-8: written as its JSON escape, it reads back the same
    return text.encode("utf-8", "backslashreplace")


def dump(
    obj: object,
    path: str | os.PathLike[str],
    *,
    pretty: bool = False,
    backend: Backend | None = None,
) -> None:
    """Write a ptcekit value to a JSON file, atomically, with a final newline.

    The bytes go to a temporary file in the same folder, which then replaces
    ``path`` in one step: a crash mid-write leaves the old file intact. An
    existing file keeps its permissions.

    Raises:
        TypeError: (a :class:`~ptcekit.errors.KindError`) if ``obj`` cannot be written.
        OSError: if the folder cannot be written.
    """
    data = dumps(obj, pretty=pretty, backend=backend) + b"\n"
    target = Path(path)
    temporary = target.with_name(f".{target.name}.{secrets.token_hex(6)}.tmp")
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        mode = None
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if mode is not None:
            temporary.chmod(mode)
        temporary.replace(target)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise


@overload
def load(
    path: str | os.PathLike[str],
    cls: None = None,
    *,
    unknown: Unknown = ...,
    upgrades: Upgrades | None = ...,
    backend: Backend | None = ...,
) -> Ecosystem: ...
@overload
def load(
    path: str | os.PathLike[str],
    cls: type[T],
    *,
    unknown: Unknown = ...,
    upgrades: Upgrades | None = ...,
    backend: Backend | None = ...,
) -> T: ...
def load(
    path: str | os.PathLike[str],
    cls: type[Any] | None = None,
    *,
    unknown: Unknown = "forbid",
    upgrades: Upgrades | None = None,
    backend: Backend | None = None,
) -> Any:
    """Read a JSON file as a ptcekit value (see :func:`loads`).

    Raises:
        ValueError: (a :class:`~ptcekit.errors.LoadError`) with every problem in the document.
        OSError: if the file cannot be read.
    """
    reader: Any = loads  # one call for both overloads
    return reader(Path(path).read_bytes(), cls, unknown=unknown, upgrades=upgrades, backend=backend)
