"""JSON text and files: orjson when installed, the standard library otherwise, same bytes."""

from __future__ import annotations

import contextlib
import importlib
import json
import os
import re
import secrets
import stat
import time
from pathlib import Path
from typing import Any, Literal, TypeVar, overload

from ptcekit.errors import FieldTypeError, InvalidValueError, LoadError, Problem
from ptcekit.model import Ecosystem
from ptcekit.model.limits import MAX_INTEGER_DIGITS
from ptcekit.serialize._converter import checked_max, default_converter
from ptcekit.serialize._diagnose import (
    DEFAULT_MAX_PROBLEMS,
    Diagnosis,
    malformed_at,
    not_a_number,
    not_utf8,
    path_key,
    repeated_key,
    too_deep,
)
from ptcekit.serialize._gc import paused_gc
from ptcekit.serialize._structure import Unknown
from ptcekit.serialize._versions import Upgrades
from ptcekit.serialize._wire import Unreadable, join_surrogates

__all__ = [
    "Backend",
    "JsonText",
    "Repeated",
    "available_backends",
    "dump",
    "dumps",
    "load",
    "loads",
]

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

#: What to do with a key repeated in one object: report it, or keep the last value.
Repeated = Literal["forbid", "last"]


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


def _parse_int(text: str) -> int | Unreadable:
    digits = len(text) - text.startswith("-")
    if digits > MAX_INTEGER_DIGITS:
        return Unreadable(f"an integer of {digits} digits, more than {MAX_INTEGER_DIGITS}")
    return int(text)


def _parse_float(text: str) -> float | Unreadable:
    value = float(text)
    if value - value != 0:  # 1e400: JSON has no infinity, and no double holds it
        shown = text if len(text) <= 20 else text[:19] + "…"
        return Unreadable(f"the number {shown}, beyond the range of a double")
    return value


class _Repeats:
    """The objects of one parse that repeat a key, with each repeated key and its count."""

    def __init__(self) -> None:
        self.found: dict[int, tuple[dict[str, Any], dict[str, int]]] = {}

    def hook(self, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result = dict(pairs)
        if len(result) != len(pairs):
            counts: dict[str, int] = {}
            for key, _ in pairs:
                counts[key] = counts.get(key, 0) + 1
            repeated = {key: count for key, count in counts.items() if count > 1}
            self.found[id(result)] = (result, repeated)
        return result

    def problems(self, data: Any) -> list[Problem]:
        """Every repeated key, at its path, in document order."""
        problems: list[Problem] = []
        if not self.found:
            return problems
        stack: list[tuple[Any, str]] = [(data, "$")]
        while stack:
            value, path = stack.pop()
            if type(value) is list:
                stack.extend((item, f"{path}[{i}]") for i, item in reversed(list(enumerate(value))))
            elif type(value) is dict:
                entry = self.found.get(id(value))
                if entry is not None and entry[0] is value:
                    for key, count in entry[1].items():
                        problems.append(repeated_key(path, key, count))
                stack.extend((item, path_key(path, key)) for key, item in reversed(value.items()))
        return problems


def _parse_stdlib(text: str | bytes, repeats: _Repeats) -> Any:
    """Parse JSON text with the standard library, turning every failure into a :class:`~ptcekit.errors.LoadError`.

    Numbers it cannot read faithfully become :class:`Unreadable` markers,
    reported at their paths; objects that repeat a key are noted in ``repeats``.
    """
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as error:
            raise LoadError([not_utf8(error.object[error.start], error.start)]) from None
    else:
        text = join_surrogates(text)
    try:
        return json.loads(
            text,
            parse_constant=_reject_constant,
            parse_int=_parse_int,
            parse_float=_parse_float,
            object_pairs_hook=repeats.hook,
        )
    except json.JSONDecodeError as error:
        raise LoadError([malformed_at(error.lineno, error.colno, error.msg)]) from None
    except _Constant as error:
        raise LoadError([not_a_number(error.args[0])]) from None
    except RecursionError:
        raise LoadError([too_deep()]) from None


def _not_text(given: object) -> FieldTypeError:
    """The error for ``loads`` given no text, whatever ``repr(given)`` does."""
    expected = "JSON text (str or bytes)"
    try:
        return FieldTypeError("loads", "text", expected, given)
    except Exception:  # a value whose repr fails (an int past 4,300 digits): name its type
        return FieldTypeError("loads", "text", expected, type(given))


def _exact_text(text: object) -> str | bytes:
    """Return ``text`` as an exact ``str`` or ``bytes`` (a subclass's methods may be overridden)."""
    if type(text) is str or type(text) is bytes:
        return text
    if isinstance(text, str):
        return str.__str__(text)
    if isinstance(text, bytes):
        return bytes.__bytes__(text)
    if isinstance(text, bytearray | memoryview):
        try:
            return bytes(text)
        except (TypeError, ValueError, BufferError):  # a buffer that cannot be copied as bytes
            raise _not_text(text) from None
    raise _not_text(text)


def _may_repeat(text: str | bytes, data: Any) -> bool:
    r"""Whether the text orjson read may hold an object that repeats a key.

    Without the escape ``\u003a``, the colons of the text are one per key
    plus those inside strings; writing the parsed data again gives one per
    key kept plus those inside the strings kept. A repeated key drops a key
    and its first value, so the counts differ exactly when a key repeats.
    """
    colon: Any = ":" if isinstance(text, str) else b":"
    escapes: Any = ("\\u003a", "\\u003A") if isinstance(text, str) else (b"\\u003a", b"\\u003A")
    if escapes[0] in text or escapes[1] in text:
        return True
    try:
        written: bytes = orjson.dumps(data)
    except orjson.JSONEncodeError:  # nested deeper than orjson writes: the careful reading decides
        return True
    return bool(text.count(colon) != written.count(b":"))


@overload
def loads(
    text: JsonText,
    cls: None = None,
    *,
    unknown: Unknown = ...,
    upgrades: Upgrades | None = ...,
    backend: Backend | None = ...,
    repeated: Repeated = ...,
    pause_gc: bool = ...,
    max_problems: int = ...,
) -> Ecosystem: ...
@overload
def loads(
    text: JsonText,
    cls: type[T],
    *,
    unknown: Unknown = ...,
    upgrades: Upgrades | None = ...,
    backend: Backend | None = ...,
    repeated: Repeated = ...,
    pause_gc: bool = ...,
    max_problems: int = ...,
) -> T: ...
def loads(
    text: JsonText,
    cls: type[Any] | None = None,
    *,
    unknown: Unknown = "forbid",
    upgrades: Upgrades | None = None,
    backend: Backend | None = None,
    repeated: Repeated = "forbid",
    pause_gc: bool = True,
    max_problems: int = DEFAULT_MAX_PROBLEMS,
) -> Any:
    """Read JSON text as a ptcekit value; an :class:`~ptcekit.model.Ecosystem` document by default.

    The automatic collections of the cyclic garbage collector are paused
    while the document is read: the objects of a document hold no reference
    cycles, and collecting while millions of them are made costs more than
    the read itself. The pause never changes ``gc.isenabled()`` (see
    :doc:`/explanation/robustness`); ``pause_gc=False`` leaves the collector alone.

    Both backends accept the same documents: nesting of at most
    ``ptcekit.model.limits.MAX_DEPTH`` levels, integers of at most
    ``ptcekit.model.limits.MAX_INTEGER_DIGITS`` digits, no NaN nor
    infinity, and each key once in an object. The text is parsed once; the
    standard library reads it again only when orjson refuses it (to say
    where the JSON is malformed), when an object may repeat a key (orjson
    keeps the last value silently), or when orjson read an integer beyond 64
    bits as a float that matters: where the model expects an integer, or
    quoted in a message (the standard library reads such integers exactly).

    Args:
        text: the JSON text, as ``str`` or UTF-8 ``bytes``.
        cls: the class to read (see :func:`from_dict`).
        unknown: ``"forbid"`` (default) or ``"keep"``: keep unknown keys and
            write them back on dump. Keeping reads with the standard library,
            so that integers are kept exactly (orjson reads integers beyond
            64 bits as floats); other numbers are kept as the double they
            read as, and written in its shortest form.
        upgrades: upgrades for documents of older format versions.
        backend: ``"orjson"`` or ``"json"``; the fastest installed by default.
        repeated: ``"forbid"`` (default) reports a key repeated in an object
            as a problem at its path; ``"last"``, allowed with
            ``unknown="keep"`` only, keeps the last value as JSON readers do.
        pause_gc: pause the automatic cyclic collections while reading.
        max_problems: stop collecting problems after this many (1,000 by
            default), so that a huge bad upload costs no more than a bounded
            list; the error then says ``truncated``.

    Raises:
        ValueError: (a :class:`~ptcekit.errors.LoadError`) with every problem in the document,
            malformed JSON included (with its line and column).

    >>> loads('{"ptcekit": "1", "actors": [{"type": "person", "id": "p", "name": "P"}]}')
    Ecosystem(actors=1, poles=0, assets=0, agreements=0)
    """
    if repeated not in ("forbid", "last") or (repeated == "last" and unknown != "keep"):
        expected = "'forbid', or 'last' with unknown='keep'"
        raise InvalidValueError("loads", "repeated", expected, repeated)
    text = _exact_text(text)
    chosen = "json" if unknown == "keep" else _backend(backend)
    converter = default_converter(unknown)
    target = cls or Ecosystem
    limit = checked_max(max_problems)
    with paused_gc(pause_gc):
        if chosen == "orjson":
            try:
                data = orjson.loads(text)
            except orjson.JSONDecodeError:
                pass  # read by the standard library below: it says where and why
            else:
                if not _may_repeat(text, data):
                    diagnosis = Diagnosis(max_problems=limit)
                    try:
                        return converter.read(data, target, diagnosis, upgrades=upgrades)
                    except LoadError:
                        # only when orjson's float for an integer beyond 64 bits matters
                        # is the standard library's reading different
                        if not diagnosis.lossy:
                            raise
        repeats = _Repeats()
        data = _parse_stdlib(text, repeats)
        found = [] if repeated == "last" else repeats.problems(data)[:limit]
        diagnosis = Diagnosis(max_problems=limit - len(found) if len(found) < limit else 1)
        try:
            result = converter.read(data, target, diagnosis, upgrades=upgrades)
        except LoadError as error:
            if not found:
                raise
            problems = (found + list(error.problems))[:limit]
            raise LoadError(problems, truncated=error.truncated or len(problems) >= limit) from None
        if found:
            raise LoadError(found, truncated=len(found) >= limit)
        return result


def dumps(
    obj: object, *, pretty: bool = False, backend: Backend | None = None, pause_gc: bool = True
) -> bytes:
    """Write a ptcekit value as UTF-8 JSON bytes.

    The same value always gives the same bytes, with either backend: keys in
    field order, no spaces (or an indent of two with ``pretty``), non-ASCII
    characters as UTF-8. The automatic cyclic collections are paused while
    the wire data is made, as in :func:`loads`, unless ``pause_gc`` is false.

    Raises:
        TypeError: (a :class:`~ptcekit.errors.KindError`) if ``obj`` is not a ptcekit value or
            its kind cannot be written.

    >>> from ptcekit.model import Money
    >>> dumps(Money(amount="1200.50"))
    b'{"amount":"1200.50"}'
    """
    # the wire dicts and lists hold no cycles: collecting while they are made
    # would walk the whole object graph again and again for nothing
    with paused_gc(pause_gc):
        return _dumps(obj, pretty=pretty, backend=backend)


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


#: Temporary files of :func:`dump` older than this many seconds are left over
#: from a crash, and removed when the same file is next written.
STALE_SECONDS = 60


def _target(path: str | os.PathLike[str]) -> Path:
    """Return the file ``path`` names, symbolic links resolved; refuse a name that is no file."""
    given: object = path
    if not isinstance(given, str | os.PathLike):
        raise FieldTypeError("dump", "path", "a file path (str or os.PathLike)", given)
    name: object = os.fspath(path)
    if not isinstance(name, str) or not name or name.endswith(("/", os.sep)):
        raise InvalidValueError("dump", "path", "the path of a file", given)
    # write where a link points, so that the link stays a link
    target = Path(os.path.realpath(name))
    if not target.name or target.is_dir():
        raise InvalidValueError("dump", "path", "the path of a file, not a folder", given)
    return target


def _remove_stale(target: Path) -> None:
    """Remove the temporary files a killed :func:`dump` of ``target`` left, once old enough."""
    pattern = re.compile(rf"\.{re.escape(target.name)}\.[0-9a-f]{{12}}\.tmp")
    now = time.time()
    with contextlib.suppress(OSError), os.scandir(target.parent) as entries:
        for entry in entries:
            if pattern.fullmatch(entry.name) is None:
                continue
            with contextlib.suppress(OSError):
                if now - entry.stat(follow_symlinks=False).st_mtime > STALE_SECONDS:
                    Path(entry.path).unlink()


def _sync_folder(folder: Path) -> None:
    """Make the rename into ``folder`` durable, where the system allows it."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:  # a folder that cannot be opened (Windows): the rename is done
        return
    try:
        os.fsync(descriptor)
    except OSError:  # some file systems cannot sync a folder: the rename is done
        pass
    finally:
        os.close(descriptor)


def dump(
    obj: object,
    path: str | os.PathLike[str],
    *,
    pretty: bool = False,
    backend: Backend | None = None,
    pause_gc: bool = True,
) -> None:
    """Write a ptcekit value to a JSON file, atomically, with a final newline.

    The bytes go to a temporary file in the same folder, which then replaces
    the file in one step, and the folder is synced: a crash mid-write leaves
    the old file intact. An existing file keeps its permissions; a symbolic
    link stays a link, and the file it points to is written. Temporary files
    left by a killed write of the same file, older than a minute, are removed.

    Raises:
        TypeError: (a :class:`~ptcekit.errors.KindError`) if ``obj`` cannot be
            written, or (a :class:`~ptcekit.errors.FieldTypeError`) if ``path``
            is not a path.
        ValueError: (an :class:`~ptcekit.errors.InvalidValueError`) if ``path``
            is empty or names a folder.
        OSError: if the folder cannot be written.
    """
    target = _target(path)
    data = dumps(obj, pretty=pretty, backend=backend, pause_gc=pause_gc) + b"\n"
    _remove_stale(target)
    temporary = target.with_name(f".{target.name}.{secrets.token_hex(6)}.tmp")
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        mode = None
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        try:
            stream = os.fdopen(descriptor, "wb")
        except BaseException:
            os.close(descriptor)
            raise
        with stream:
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
    _sync_folder(target.parent)


@overload
def load(
    path: str | os.PathLike[str],
    cls: None = None,
    *,
    unknown: Unknown = ...,
    upgrades: Upgrades | None = ...,
    backend: Backend | None = ...,
    repeated: Repeated = ...,
    pause_gc: bool = ...,
    max_problems: int = ...,
) -> Ecosystem: ...
@overload
def load(
    path: str | os.PathLike[str],
    cls: type[T],
    *,
    unknown: Unknown = ...,
    upgrades: Upgrades | None = ...,
    backend: Backend | None = ...,
    repeated: Repeated = ...,
    pause_gc: bool = ...,
    max_problems: int = ...,
) -> T: ...
def load(
    path: str | os.PathLike[str],
    cls: type[Any] | None = None,
    *,
    unknown: Unknown = "forbid",
    upgrades: Upgrades | None = None,
    backend: Backend | None = None,
    repeated: Repeated = "forbid",
    pause_gc: bool = True,
    max_problems: int = DEFAULT_MAX_PROBLEMS,
) -> Any:
    """Read a JSON file as a ptcekit value (see :func:`loads`).

    Raises:
        ValueError: (a :class:`~ptcekit.errors.LoadError`) with every problem in the document.
        OSError: if the file cannot be read.
    """
    reader: Any = loads  # one call for both overloads
    return reader(
        Path(path).read_bytes(),
        cls,
        unknown=unknown,
        upgrades=upgrades,
        backend=backend,
        repeated=repeated,
        pause_gc=pause_gc,
        max_problems=max_problems,
    )
