"""What every identifier module shares: the string check and the never-raising test."""

from __future__ import annotations

from collections.abc import Callable

from ptcekit.errors import IdentifierError, InvalidFormat

__all__ = ["as_text", "passes"]


def as_text(kind: str, value: object) -> str:
    """Return ``value`` if it is a string; raise :class:`~ptcekit.errors.InvalidFormat` naming ``kind`` otherwise."""
    if not isinstance(value, str):
        reason = "expected a string"
        raise InvalidFormat(kind, value, reason)
    return value


def passes(validate: Callable[[str], str], value: object) -> bool:
    """Return whether ``validate`` accepts ``value``; never raises for any input."""
    try:
        validate(value)  # type: ignore[arg-type]  # validate checks the type itself
    except IdentifierError:
        return False
    return True
