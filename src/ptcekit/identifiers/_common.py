"""What every identifier module shares: the string check and the never-raising test."""

from __future__ import annotations

from collections.abc import Callable

from ptcekit.errors import InvalidFormat

__all__ = ["as_text", "passes"]


def as_text(kind: str, value: object) -> str:
    """Return ``value`` if it is a string; raise :class:`~ptcekit.errors.InvalidFormat` naming ``kind`` otherwise."""
    if not isinstance(value, str):
        reason = "expected a string"
        raise InvalidFormat(kind, value, reason)
    return value


def passes(validate: Callable[[str], str], value: object) -> bool:
    """Return whether ``validate`` accepts ``value``; never raises for any input.

    Any exception counts as a refusal, not only an
    :class:`~ptcekit.errors.IdentifierError`: a ``str`` subclass whose methods
    raise, or a value that cannot even be described in a message, is simply
    not a valid identifier.
    """
    try:
        validate(value)  # type: ignore[arg-type]  # validate checks the type itself
    except Exception:  # is_valid's contract: a bool, whatever the value is
        return False
    return True
