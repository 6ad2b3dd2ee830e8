"""The errors of the gazetteer: a place unknown in a vintage, a year with no vintage."""

from __future__ import annotations

from typing import Any

from ptcekit.errors import PtcekitError

__all__ = ["UnknownPlaceError", "VintageError"]


def _years(years: tuple[int, ...]) -> str:
    """``(2019, 2021, 2022, 2023)`` as ``"2019, 2021–2023"``."""
    runs: list[list[int]] = []
    for year in years:
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    return ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]}–{r[-1]}" for r in runs)


def nearest(year: int, available: tuple[int, ...]) -> tuple[int, ...]:
    """The available years closest to ``year``: one, or two when it falls half-way."""
    best = min(abs(year - y) for y in available)
    return tuple(y for y in available if abs(year - y) == best)


class UnknownPlaceError(PtcekitError, KeyError):
    """A code names no place of its kind in the vintage looked in.

    Attributes:
        kind: what was looked for: ``"commune"``, ``"EPCI"``, ``"département"``
            or ``"région"``.
        code: the code looked up, as given.
        year: the COG vintage looked in.
        hint: what else is known of the code (the years it exists in, the commune it
            became), or ``""``.
    """

    def __init__(self, kind: str, code: str, year: int, hint: str = "") -> None:
        self.kind = kind
        self.code = code
        self.year = year
        self.hint = hint
        super().__init__(code)

    def __str__(self) -> str:
        text = f"no {self.kind} with code {self.code!r} in the COG {self.year}"
        return f"{text}: {self.hint}" if self.hint else text

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.kind, self.code, self.year, self.hint))


class VintageError(PtcekitError, ValueError):
    """ptcekit ships no vintage of the COG for a year, for what was asked.

    Attributes:
        year: the year asked for.
        what: what was asked: ``"communes"`` (communes and EPCI) or ``"régions"``
            (régions and départements).
        available: the years ptcekit ships for it.
        nearest: the available years closest to ``year`` (two when it falls half-way).
    """

    def __init__(self, year: int, what: str, available: tuple[int, ...]) -> None:
        self.year = year
        self.what = what
        self.available = tuple(available)
        self.nearest = nearest(year, self.available)
        closest = " or ".join(str(y) for y in self.nearest)
        message = (
            f"no COG {year} vintage of {what} in ptcekit "
            f"(it has {_years(self.available)}); the nearest is {closest}"
        )
        super().__init__(message)

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.year, self.what, self.available))
