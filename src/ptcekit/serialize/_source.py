"""Generated functions you can read: compiled with their source in the line cache, under unique names.

Each function the engine writes is compiled under a file name of its own,
such as ``<ptcekit structure Association 12>``, and its source is put in
:mod:`linecache` under that name (as attrs does for the methods it writes,
and cattrs for its hooks). So :func:`inspect.getsource` gives the source, a
traceback through generated code shows the line that failed, and :mod:`pdb`
can step through it. The values a function reads are bound under names that
say what they hold (``validate_siren``, ``set_id``, ``default_sirets``), not
numbers.
"""

from __future__ import annotations

import itertools
import keyword
import linecache
import re
import threading
import types
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from typing import Any

__all__ = ["Bindings", "compile_function"]

_numbers = itertools.count(1)
_lock = threading.Lock()
_NOT_NAME = re.compile(r"[^0-9A-Za-z_]+")
#: Bound names longer than this are cut: a name is a hint for a reader, not a key.
_NAME_LENGTH = 40
#: Numbers longer than this are not written in a name.
_NUMBER_LENGTH = 12


def _clean(text: str) -> str:
    """Make ``text`` a Python identifier: other characters become ``_``."""
    name = _NOT_NAME.sub("_", text.replace("-", "minus_")).strip("_")[:_NAME_LENGTH] or "value"
    if name[0].isdigit() or keyword.iskeyword(name):
        name = "v_" + name
    return name


def _hint(value: Any) -> str:  # noqa: PLR0911 -- one answer per kind of value
    """A name for ``value`` saying what it holds, for values bound without a name."""
    owner = getattr(value, "__self__", None)
    name = getattr(value, "__name__", None)
    if isinstance(owner, types.MemberDescriptorType) and name == "__set__":
        return f"set_{owner.__name__}"  # a slot's setter
    if isinstance(owner, re.Pattern):
        return "match_pattern"
    if isinstance(value, type):
        return value.__name__
    if isinstance(value, dict):
        return "table"
    if isinstance(value, int | float | Decimal | Fraction) and not isinstance(value, bool):
        text = str(value)  # the bounds of a number's checks
        return f"bound_{text}" if len(text) <= _NUMBER_LENGTH else "bound"
    if isinstance(value, set | frozenset):
        return "accepted"
    if callable(value) and isinstance(name, str):
        module = getattr(value, "__module__", None) or ""
        qualified = getattr(value, "__qualname__", name) or name
        if "<locals>" in qualified:  # a closure made by a factory: name it after the factory
            return f"{qualified.split('.<locals>')[0].rsplit('.', 1)[-1]}_{name}"
        if module.startswith("ptcekit.identifiers."):
            return f"{name}_{module.rsplit('.', 1)[1]}"  # validate_siren, compact_siret
        return name
    return "value"


class Bindings:
    """The names a generated function reads, each named for what it holds.

    Args:
        fixed: names the generated source uses as they are (such as ``BAD``).
    """

    __slots__ = ("_by_id", "names")

    def __init__(self, fixed: dict[str, Any] | None = None) -> None:
        self.names: dict[str, Any] = dict(fixed or {})
        # a value bound twice without a hint gets one name; ids are stable while names holds it
        self._by_id: dict[int, str] = {id(value): name for name, value in self.names.items()}

    def bind(self, value: Any, hint: str | None = None) -> str:
        """Return the name under which the generated code reads ``value``.

        Args:
            value: what the code reads: a function, a table, a default.
            hint: a name saying what it holds; by default one is derived
                from ``value`` (a function's name, a slot's ``set_<field>``).
        """
        base = _clean(hint if hint is not None else _hint(value))
        name = self._by_id.get(id(value))
        # the same value under the same hint (or none) keeps its name
        if (
            name is not None
            and self.names[name] is value
            and (hint is None or name == base or name.startswith(f"{base}_"))
        ):
            return name
        name = base
        for number in itertools.count(2):
            if name not in self.names and not _reserved(name):
                break
            name = f"{base}_{number}"
        self.names[name] = value
        self._by_id[id(value)] = name
        return name


#: Names a bound value must not take: the builtins and the local variables the generated code uses.
_RESERVED = frozenset({"tuple", "list", "dict", "str", "int", "float", "bool", "len", "set"})
_LOCAL = re.compile(r"(?:[a-z]|items)[0-9]*")


def _reserved(name: str) -> bool:
    return name in _RESERVED or _LOCAL.fullmatch(name) is not None


def compile_function(
    cls: type[Any], purpose: str, lines: list[str], names: dict[str, Any]
) -> Callable[..., Any]:
    """Compile the function ``lines`` define, reading ``names``, with its source in the line cache.

    Args:
        cls: the class the function serves (named in the file name).
        purpose: what it does, such as ``"structure"``; the source's
            ``def`` must name the function ``<purpose>_<class name>``.
        lines: the source, one line per item, starting with the ``def``.
        names: the values the source reads, by name.

    Returns:
        The function, with ``__qualname__`` and ``__module__`` saying where it comes from.
    """
    source = "\n".join(lines) + "\n"
    with _lock:
        number = next(_numbers)
    filename = f"<ptcekit {purpose} {cls.__qualname__} {number}>"
    code = compile(source, filename, "exec")
    # as attrs does: no mtime, so that linecache.checkcache keeps the entry
    linecache.cache[filename] = (len(source), None, source.splitlines(keepends=True), filename)
    namespace = dict(names)
    exec(code, namespace)  # noqa: S102 -- code written from the class's own fields, never from input
    function_name = f"{purpose}_{cls.__name__}"
    function: Callable[..., Any] = namespace[function_name]
    function.__module__ = "ptcekit.serialize.generated"
    return function
