"""The errors of the wire layer: every problem of a document at once, each with its path."""

from __future__ import annotations

from typing import Any

import attrs

from ptcekit.errors import PtcekitError

__all__ = ["KindError", "LoadError", "Problem"]

#: How many problems ``str(LoadError)`` lists before "… and N more".
SHOWN_PROBLEMS = 20


@attrs.frozen
class Problem:
    """One problem found in a document.

    Attributes:
        path: where, in wire names, such as ``"$.actors[3].siren"``; ``"$"`` is
            the whole document.
        message: what was expected and what was given.

    >>> str(Problem("$.actors[3].headcount", 'expected an integer, got "3" (a string)'))
    '$.actors[3].headcount: expected an integer, got "3" (a string)'
    """

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class LoadError(PtcekitError, ValueError):
    """A document could not be loaded; carries every problem found in it.

    ``str(error)`` gives one line per problem (the first 20, then
    "… and N more"), ready for a terminal.

    Attributes:
        problems: every problem, in document order.

    >>> error = LoadError([Problem("$.actors[0].name", "missing required key")])
    >>> print(error)
    1 problem in the document:
      $.actors[0].name: missing required key
    """

    def __init__(self, problems: list[Problem] | tuple[Problem, ...]) -> None:
        self.problems = tuple(problems)
        super().__init__(self._text())

    def _text(self) -> str:
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        lines = [f"{count} {noun} in the document:"]
        lines.extend(f"  {problem}" for problem in self.problems[:SHOWN_PROBLEMS])
        if count > SHOWN_PROBLEMS:
            lines.append(f"  … and {count - SHOWN_PROBLEMS} more")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self._text()

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.problems,))


class KindError(PtcekitError, TypeError):
    """A class cannot be serialised.

    It is not a ptcekit value, its kind has no tag of its own, two classes
    claim one tag, or a field has a type the wire format cannot carry.

    Attributes:
        cls: the name of the class, such as ``"tests.extension_kinds.Network"``.
        reason: why, in words.
    """

    def __init__(self, cls: str, reason: str) -> None:
        self.cls = cls
        self.reason = reason
        message = f"cannot serialise {cls}: {reason}"
        super().__init__(message)

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.cls, self.reason))
