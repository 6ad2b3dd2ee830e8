"""The base of every model class: a short repr that reads well in a notebook."""

from __future__ import annotations

import enum
from typing import Any

import attrs

__all__ = ["Value"]

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


class Value:
    """Mixin giving attrs classes a repr that shows only the fields that differ from their default."""

    __slots__ = ()

    def __repr__(self) -> str:
        parts = []
        for field in attrs.fields(type(self)):  # type: ignore[arg-type]  # every subclass is an attrs class
            if not field.repr or not field.init:
                continue
            value = getattr(self, field.name)
            default = field.default  # the model uses plain defaults, never attrs.Factory
            if default is not attrs.NOTHING and value == default:
                continue
            parts.append(f"{field.name}={_format(value)}")
        return f"{type(self).__name__}({', '.join(parts)})"
