"""The definitions of kinds as they happen: a serial number for each kind class, and a generation.

Every class under :class:`~ptcekit.model.Actor` or
:class:`~ptcekit.model.MutualisedAsset` is numbered when attrs has made it,
and the generation counts those definitions. The wire layer compares the
generation with the one its kind tables were built at, so that a kind
defined again (a notebook cell run twice) replaces the old one at once; and
it asks :func:`prepare` before it lists kinds, so that the kinds of
installed plugins exist by then.

>>> import ptcekit
>>> serial(ptcekit.Association) > 0
True
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable

__all__ = ["generation", "note_defined", "prepare", "serial", "set_preparer"]

#: The class attribute holding a kind class's serial number.
_SERIAL = "__ptcekit_kind_serial__"

_counter = itertools.count(1)
_lock = threading.Lock()
_state: dict[str, int] = {"generation": 0}
_preparer: list[Callable[[], object]] = []


def note_defined(cls: type) -> None:
    """Number ``cls``, a kind class attrs has just made, and start a new generation.

    Called by the family roots' ``__attrs_init_subclass__``.
    """
    with _lock:
        type.__setattr__(cls, _SERIAL, next(_counter))
        _state["generation"] += 1


def serial(cls: type) -> int:
    """Return the serial number of ``cls`` (0 for a class that is not a numbered kind).

    A class defined later has a larger number, so that of two classes that
    are one definition made twice, the larger number is the newer one.
    """
    value = cls.__dict__.get(_SERIAL, 0)
    return value if type(value) is int else 0


def generation() -> int:
    """Return how many kind classes have been defined so far in this process."""
    return _state["generation"]


def set_preparer(preparer: Callable[[], object] | None) -> None:
    """Set what :func:`prepare` calls: the loader of installed kind plugins.

    :mod:`ptcekit.plugins` sets it when ptcekit is imported; ``None`` unsets it.
    """
    _preparer[:] = [] if preparer is None else [preparer]


def prepare() -> None:
    """Let installed plugins define their kinds, once (see :func:`ptcekit.plugins.load`)."""
    if _preparer:
        _preparer[0]()
