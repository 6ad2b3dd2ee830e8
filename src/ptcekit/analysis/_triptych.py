"""The triptych (ESS, private, public) of a pôle or a territory, and its membership over time."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from fractions import Fraction
from typing import Any

import attrs

from ptcekit.analysis._tabular import Column, Table, to_frame
from ptcekit.errors import InvalidValueError
from ptcekit.identifiers import legal_category
from ptcekit.model import Actor, Company, Ecosystem, Pole, Sector, Territory

__all__ = [
    "MembershipHistory",
    "Triptych",
    "membership_counts",
    "membership_history",
    "sector_of",
    "triptych",
]

#: The order sectors are shown in; ``unknown`` is a company whose statutes are not recorded.
SECTORS = ("ess", "private", "public", "unknown")


def sector_of(actor: Actor) -> str:
    """Return the actor's sector for counting: ``ess``, ``private``, ``public`` or ``unknown``.

    A company whose ESS statutes are not recorded (:attr:`~ptcekit.model.Actor.in_ess`
    ``None``) is ``unknown`` rather than counted outside the ESS.
    """
    if isinstance(actor, Company) and actor.in_ess is None:
        return "unknown"
    return actor.sector.value


def _family(actor: Actor) -> str | None:
    code = actor.legal_category
    if code is None or not legal_category.is_valid(code):
        return None
    return legal_category.family(code).value


_COUNT_COLUMNS = (
    Column("group", str),
    Column("value", str),
    Column("count", int),
    Column("share", Fraction),
)


@attrs.frozen(kw_only=True, repr=False)
class Triptych:
    """Actors counted by sector, kind and legal family, with exact shares.

    Attributes:
        scope: what was counted ("pôle 'x'", "territory 'y'", "ecosystem").
        as_of: the day the members were counted on, if any.
        actors: the ids of the actors counted.
        sectors: the count per sector, in the order ``ess``, ``private``,
            ``public``, ``unknown`` (every sector listed, zero included).
        kinds: the count per actor kind (wire ``type`` tag).
        families: the count per legal family of the catégorie juridique
            (``None`` when it is not recorded).
    """

    scope: str
    as_of: dt.date | None
    actors: tuple[str, ...]
    sectors: tuple[tuple[str, int], ...]
    kinds: tuple[tuple[str, int], ...]
    families: tuple[tuple[str | None, int], ...]

    @property
    def total(self) -> int:
        """The number of actors counted."""
        return len(self.actors)

    def share(self, sector: Sector | str) -> Fraction:
        """Return the exact share of the actors in ``sector`` (0 when none is counted).

        >>> from ptcekit.model import Association, PublicBody
        >>> eco = Ecosystem(actors=[Association(id="a", name="A"),
        ...     PublicBody(id="p", name="P", kind="commune")])
        >>> triptych(eco).share("ess")
        Fraction(1, 2)
        """
        counts = dict(self.sectors)
        if self.total == 0:
            return Fraction(0)
        return Fraction(counts.get(str(sector), 0), self.total)

    def rows(self) -> list[dict[str, Any]]:
        """Return one row per sector, kind and family: ``group``, ``value``, ``count``, ``share``."""
        return self.table().rows()

    def table(self) -> Table:
        """Return the counts as a :class:`Table`."""
        total = self.total

        def share(count: int) -> Fraction:
            return Fraction(count, total) if total else Fraction(0)

        values = tuple(
            (group, value, count, share(count))
            for group, counts in (
                ("sector", self.sectors),
                ("kind", self.kinds),
                ("family", self.families),
            )
            for value, count in counts
        )
        return Table("triptych", _COUNT_COLUMNS, values)

    def to_pandas(self) -> Any:
        """Return :meth:`rows` as a pandas DataFrame.

        Raises:
            MissingExtraError: pandas is not installed (``pip install 'ptcekit[notebook]'``).
        """
        return to_frame(_COUNT_COLUMNS, self.rows(), "Triptych.to_pandas()")

    def __repr__(self) -> str:
        when = f" on {self.as_of.isoformat()}" if self.as_of else ""
        parts = ", ".join(f"{sector} {count}" for sector, count in self.sectors)
        return f"<Triptych of {self.scope}{when}: {self.total} actors: {parts}>"


def _count(actors: Sequence[Actor], scope: str, as_of: dt.date | None) -> Triptych:
    sectors = Counter(sector_of(actor) for actor in actors)
    kinds = Counter(actor.type_tag for actor in actors)
    families = Counter(_family(actor) for actor in actors)
    return Triptych(
        scope=scope,
        as_of=as_of,
        actors=tuple(actor.id for actor in actors),
        sectors=tuple((sector, sectors.get(sector, 0)) for sector in SECTORS),
        kinds=tuple(sorted(kinds.items())),
        families=tuple(sorted(families.items(), key=lambda item: (item[0] is None, item[0] or ""))),
    )


def triptych(
    ecosystem: Ecosystem,
    *,
    pole: str | None = None,
    territory: Territory | None = None,
    as_of: dt.date | None = None,
) -> Triptych:
    """Count the actors of a pôle, a territory or the whole ecosystem by sector, kind and family.

    Args:
        ecosystem: the document.
        pole: count the pôle's members (on ``as_of``, or every member when ``None``).
        territory: count the actors seated in the territory (actors with no
            seat, or whose seat the territory's codes cannot place, are left out).
        as_of: the day members are counted on (with ``pole``).

    Raises:
        UnknownIdError: no pôle has the id ``pole``.
    """
    if pole is not None:
        members = ecosystem.members(pole, as_of)
        if territory is not None:
            members = tuple(a for a in members if _seated_in(a, territory))
        return _count(members, f"pôle {pole!r}", as_of)
    if territory is not None:
        seated = [a for a in ecosystem.actors if _seated_in(a, territory)]
        return _count(seated, f"territory {territory.name!r}", as_of)
    return _count(ecosystem.actors, "ecosystem", as_of)


def _seated_in(actor: Actor, territory: Territory) -> bool:
    return actor.seat is not None and territory.contains_commune(actor.seat.commune) is True


_HISTORY_COLUMNS = (
    Column("year", int),
    Column("entered", int),
    Column("left", int),
    Column("members", int),
)


@attrs.frozen(kw_only=True, repr=False)
class MembershipHistory:
    """A pôle's members entering and leaving, per year, and its count at the end of each year.

    A member enters the year its membership starts and leaves the year of the
    day after its last day; memberships with no start are counted as members from the
    first year shown, and are not entries. ``members`` counts distinct actors
    on the last day of the year (or on ``as_of`` for the current year, when
    given).

    Attributes:
        pole: the pôle's id.
        years: ``(year, entered, left, members)`` for each year.
    """

    pole: str
    years: tuple[tuple[int, int, int, int], ...]

    def rows(self) -> list[dict[str, Any]]:
        """Return one row per year: ``year``, ``entered``, ``left``, ``members``."""
        return Table("membership history", _HISTORY_COLUMNS, self.years).rows()

    def to_pandas(self) -> Any:
        """Return :meth:`rows` as a pandas DataFrame.

        Raises:
            MissingExtraError: pandas is not installed (``pip install 'ptcekit[notebook]'``).
        """
        return to_frame(_HISTORY_COLUMNS, self.rows(), "MembershipHistory.to_pandas()")

    def __repr__(self) -> str:
        lines = [f"<MembershipHistory of {self.pole!r}: year entered left members"]
        lines.extend(f"  {y}  +{e}  -{left}  {m}" for y, e, left, m in self.years)
        return "\n".join(lines) + ">"


def _pole(ecosystem: Ecosystem | Pole, pole: str | None, function: str) -> Pole:
    if isinstance(ecosystem, Pole):
        return ecosystem
    if pole is None:
        raise InvalidValueError(function, "pole", "a pôle id", pole)
    return ecosystem.pole(pole)


_COUNT_BY_DATE_COLUMNS = (Column("date", dt.date), Column("members", int))


def membership_counts(
    ecosystem: Ecosystem | Pole, pole: str | None = None, *, on: Iterable[dt.date]
) -> Table:
    """Return the number of distinct members of a pôle on each of the days ``on``.

    Args:
        ecosystem: the document (with ``pole``), or the pôle itself.
        pole: the pôle's id, when ``ecosystem`` is the document.
        on: the days to count on, shown in the order given.

    Raises:
        UnknownIdError: no pôle has the id ``pole``.
        InvalidValueError: a document without a pôle id.

    >>> from ptcekit.model import Membership, Period
    >>> p = Pole(id="p", name="P", memberships=[
    ...     Membership(actor="a", period=Period(start=dt.date(2020, 3, 1)))])
    >>> membership_counts(p, on=[dt.date(2020, 1, 1), dt.date(2021, 1, 1)]).rows()
    [{'date': datetime.date(2020, 1, 1), 'members': 0}, {'date': datetime.date(2021, 1, 1), 'members': 1}]
    """
    target = _pole(ecosystem, pole, "membership_counts")
    values = tuple((day, len(target.member_ids(day))) for day in on)
    return Table(f"members of {target.id}", _COUNT_BY_DATE_COLUMNS, values)


def membership_history(
    ecosystem: Ecosystem | Pole, pole: str | None = None, *, years: Iterable[int] | None = None
) -> MembershipHistory:
    """Return the members entering and leaving a pôle per year, and the count at each year's end.

    Args:
        ecosystem: the document (with ``pole``), or the pôle itself.
        pole: the pôle's id, when ``ecosystem`` is the document.
        years: the years to show; from the first recorded start (or the
            founding) to the last recorded date when ``None``.

    Raises:
        UnknownIdError: no pôle has the id ``pole``.
        InvalidValueError: a document without a pôle id.

    >>> from ptcekit.model import Membership, Period
    >>> p = Pole(id="p", name="P", memberships=[
    ...     Membership(actor="a", period=Period(start=dt.date(2020, 3, 1))),
    ...     Membership(actor="b", period=Period(start=dt.date(2021, 1, 1), end=dt.date(2022, 6, 30)))])
    >>> membership_history(p).rows()[-1]
    {'year': 2022, 'entered': 0, 'left': 1, 'members': 1}
    """
    target = _pole(ecosystem, pole, "membership_history")
    entered: Counter[int] = Counter()
    left: Counter[int] = Counter()
    known: list[int] = [target.founded.year] if target.founded else []
    for membership in target.memberships:
        period = membership.period
        if period is None:
            continue
        if period.start is not None:
            entered[period.start.year] += 1
            known.append(period.start.year)
        if period.end is not None:
            leaving = (period.end + dt.timedelta(days=1)).year
            left[leaving] += 1
            known.append(leaving)
    if years is None:
        shown = list(range(min(known), max(known) + 1)) if known else []
    else:
        shown = sorted(set(years))
    rows = tuple(
        (year, entered[year], left[year], len(target.member_ids(dt.date(year, 12, 31))))
        for year in shown
    )
    return MembershipHistory(pole=target.id, years=rows)
