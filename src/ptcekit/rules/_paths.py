"""Paths to elements of a document: kept as keys and indices, rendered in wire names.

A path is a tuple of keys (field names, ``str``) and indices (``int``) from
the document's root: ``("poles", 0, "memberships", 2)`` is rendered
``"$.poles[0].memberships[2]"``. Checks build paths from the records they
look at (:meth:`~ptcekit.rules.Context.path`); reports sort findings on the
keys themselves, never on the rendered text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final, TypeAlias

__all__ = [
    "PATH_PATTERN",
    "RECORD_LISTS",
    "Keys",
    "is_keys",
    "parse_path",
    "path_key",
    "render_path",
]

#: A path rendered in wire names, such as ``"$.actors[3].siren"``.
PATH_PATTERN: Final = re.compile(r"\$(?:\.[A-Za-z_][A-Za-z0-9_:]*|\[[0-9]+\])*")
#: A key of a path: a field name in wire names.
KEY_PATTERN: Final = re.compile(r"[A-Za-z_][A-Za-z0-9_:]*")
#: The lists of a document, in document order.
RECORD_LISTS: Final = ("actors", "poles", "assets", "agreements", "meetings")

#: A path as keys (field names) and indices (positions in lists), from the root.
Keys: TypeAlias = tuple[str | int, ...]

_TOKEN: Final = re.compile(r"\.([^.\[]+)|\[([0-9]+)\]")


def render_path(keys: Keys) -> str:
    """Return ``keys`` as a path in wire names.

    >>> render_path(("poles", 0, "memberships", 2))
    '$.poles[0].memberships[2]'
    >>> render_path(())
    '$'
    """
    return "$" + "".join([f"[{key}]" if type(key) is int else f".{key}" for key in keys])


def parse_path(path: str) -> Keys:
    """Return the keys of a path in wire names (which :data:`PATH_PATTERN` matches).

    >>> parse_path("$.actors[3].siren")
    ('actors', 3, 'siren')
    """
    return tuple(int(index) if index else name for name, index in _TOKEN.findall(path))


def is_keys(value: object) -> bool:
    """Return whether ``value`` is a tuple of field names and non-negative indices.

    >>> is_keys(("actors", 3, "siren")), is_keys(("actors", -1)), is_keys(("a b",))
    (True, False, False)
    """
    if type(value) is not tuple:
        return False
    for key in value:
        if type(key) is str:
            # an ASCII identifier is a key; the pattern decides the rest (keys with ':')
            if not (key.isascii() and key.isidentifier()) and not KEY_PATTERN.fullmatch(key):
                return False
        elif type(key) is not int or key < 0:
            return False
    return True


def to_keys(value: object) -> object:
    """Return a path (its text in wire names, or keys) as keys; leave anything else alone.

    What is neither is left for a validator to refuse with a message naming
    the field.
    """
    if type(value) is tuple:
        return value
    if type(value) is str:
        return parse_path(value) if PATH_PATTERN.fullmatch(value) else value
    if isinstance(value, list | tuple):
        return tuple(value)
    return value


def path_key(keys: Iterable[str | int]) -> tuple[tuple[int, int, str], ...]:
    """Return a key that sorts paths in document order.

    The top-level lists come in document order (actors, poles, assets,
    agreements); indices sort as numbers; field names sort by name.

    >>> paths = [("poles", 0), ("actors", 10), ("actors", 2, "siren")]
    >>> [render_path(keys) for keys in sorted(paths, key=path_key)]
    ['$.actors[2].siren', '$.actors[10]', '$.poles[0]']
    """
    key = []
    for depth, part in enumerate(keys):
        if type(part) is int:
            key.append((1, part, ""))
        else:
            name = str(part)
            # top-level lists in document order, anything else after them
            known = name in RECORD_LISTS
            rank = (RECORD_LISTS.index(name) if known else len(RECORD_LISTS)) if depth == 0 else 0
            key.append((0, rank, name))
    return tuple(key)
