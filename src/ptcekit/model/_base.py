"""The base of every model class: a short repr, and rich displays for notebooks."""

from __future__ import annotations

import enum
from typing import Any

import attrs

from ptcekit.model import _display

__all__ = ["KeepsUnknownKeys", "Value"]

#: Collections longer than this show as a count in reprs.
_REPR_ITEMS = 3


def _format(value: Any) -> str:
    if isinstance(value, enum.Enum):
        return f"{type(value).__name__}.{value.name}"
    if isinstance(value, tuple | frozenset):
        if len(value) > _REPR_ITEMS:
            return f"<{len(value)} items>"
        inner = ", ".join(_format(item) for item in value)
        if isinstance(value, frozenset):
            return "frozenset({" + inner + "})" if value else "frozenset()"
        return f"({inner},)" if len(value) == 1 else f"({inner})"
    return repr(value)


@attrs.frozen(kw_only=True, repr=False, eq=False)
class KeepsUnknownKeys:
    """Base of every model class: a private slot for the unknown keys kept from a document.

    The wire layer fills ``_kept_keys`` when a document is read with
    ``unknown="keep"`` (see :func:`ptcekit.serialize.kept_keys`); it takes no
    part in equality, hashing or the repr, and pickling and copying keep it.
    """

    _kept_keys: dict[str, Any] | None = attrs.field(default=None, init=False, eq=False, repr=False)


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Value(KeepsUnknownKeys):
    """Base giving attrs classes a repr that shows only the fields that differ from their default.

    In a notebook, a value also displays as an HTML table of those fields
    (``_repr_html_``), and IPython pretty-prints it with one field per line
    when it does not fit on one (``_repr_pretty_``), showing the items of
    collections the short repr counts.

    Every value also has a private slot, ``_kept_keys``, that the wire layer
    fills with the unknown keys of a document read with ``unknown="keep"``
    (see :func:`ptcekit.serialize.kept_keys`); it takes no part in equality,
    hashing or the repr, and pickling and copying keep it.
    """

    _kept_keys: dict[str, Any] | None = attrs.field(default=None, init=False, eq=False, repr=False)

    def __repr__(self) -> str:
        parts = [f"{name}={_format(value)}" for name, value in _display.shown_fields(self)]
        return f"{type(self).__name__}({', '.join(parts)})"

    def _repr_html_(self) -> str:
        return _display.value_html(self)

    def _repr_pretty_(self, p: _display.PrettyPrinter, cycle: bool) -> None:  # noqa: FBT001 -- IPython's protocol
        _display.pretty_value(self, p, cycle)
