"""Cost allocation: who pays what of a mutualised asset's cost, under its cost-sharing key."""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs

from ptcekit.analysis._tabular import Column, Table, to_frame
from ptcekit.errors import InvalidValueError, PtcekitError
from ptcekit.model import (
    Allocation,
    CostSharingMethod,
    Ecosystem,
    Money,
    MutualisedAsset,
    Period,
)

__all__ = [
    "AllocationError",
    "CostAllocation",
    "CostPart",
    "CostTotals",
    "allocate_cost",
    "cost_totals",
    "split_to_cents",
]

_ONE_DAY = dt.timedelta(days=1)


class AllocationError(PtcekitError, ValueError):
    """An asset's cost cannot be allocated: the data its cost-sharing key needs is missing.

    Attributes:
        asset: the asset's id.
        reason: what is missing, in words.
    """

    def __init__(self, asset: str, reason: str) -> None:
        self.asset = asset
        self.reason = reason
        super().__init__(f"cannot allocate the cost of asset {asset!r}: {reason}")

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.asset, self.reason))


def split_to_cents(
    parts: Mapping[str, Fraction], total: Fraction | None = None
) -> dict[str, Decimal]:
    """Round exact amounts to the cent so that they sum exactly to the rounded total.

    The largest-remainder method: the total is rounded to the cent (half to
    even), each part is rounded down to the cent, and the cents left over go
    one each to the parts with the largest remainders. Ties go to the part
    that comes first in ``parts``, so the result is deterministic.

    Args:
        parts: exact amounts, in the order that breaks ties.
        total: the exact total; the sum of ``parts`` when ``None``.

    Returns:
        Each part in euros and cents (two decimal places), in the order given.

    >>> split_to_cents({"a": Fraction(100, 3), "b": Fraction(100, 3), "c": Fraction(100, 3)})
    {'a': Decimal('33.34'), 'b': Decimal('33.33'), 'c': Decimal('33.33')}
    """
    exact = sum(parts.values(), Fraction(0)) if total is None else total
    total_cents = round(exact * 100)
    floors = {key: math.floor(value * 100) for key, value in parts.items()}
    left = total_cents - sum(floors.values())
    order = {key: index for index, key in enumerate(parts)}
    ranked = sorted(parts, key=lambda key: (-(parts[key] * 100 - floors[key]), order[key]))
    for key in ranked[:left]:
        floors[key] += 1
    return {key: Decimal(cents).scaleb(-2) for key, cents in floors.items()}


@attrs.frozen(kw_only=True)
class CostPart:
    """One party's part of an asset's cost.

    Attributes:
        actor: the party's actor id.
        amount: its part, rounded to the cent.
        exact: its part before rounding, as an exact fraction of the currency unit.
    """

    actor: str
    amount: Money
    exact: Fraction


_ALLOCATION_COLUMNS = (
    Column("asset", str),
    Column("start", dt.date),
    Column("end", dt.date),
    Column("method", str),
    Column("actor", str),
    Column("amount", Decimal),
    Column("currency", str),
    Column("problem", str),
)


@attrs.frozen(kw_only=True, repr=False)
class CostAllocation:
    """Who pays what of one asset's cost, on a day or over a period.

    When the data the key needs is missing, the allocation has no parts and
    says why in :attr:`problem` ("cannot allocate: …"): never a silent zero.

    Attributes:
        asset: the asset's id.
        method: the method of its cost-sharing key (``None`` when it has none).
        start: the first day allocated.
        end: the last day allocated (``start`` for a single day).
        cost: the cost allocated, rounded to the cent: the annual cost for a
            single day, the cost of the days for a period.
        parts: each party's part; they sum exactly to ``cost``.
        problem: why the cost cannot be allocated, or ``None``.
    """

    asset: str
    method: CostSharingMethod | None
    start: dt.date
    end: dt.date
    cost: Money | None
    parts: tuple[CostPart, ...] = ()
    problem: str | None = None

    @property
    def ok(self) -> bool:
        """Whether the cost was allocated."""
        return self.problem is None

    def require(self) -> CostAllocation:
        """Return the allocation, or raise if the cost could not be allocated.

        Raises:
            AllocationError: the allocation has a :attr:`problem`.
        """
        if self.problem is not None:
            raise AllocationError(self.asset, self.problem)
        return self

    def amounts(self) -> dict[str, Money]:
        """Return each party's part, by actor id."""
        return {part.actor: part.amount for part in self.parts}

    def _when(self) -> str:
        if self.start == self.end:
            return f"on {self.start.isoformat()}"
        return f"{self.start.isoformat()} → {self.end.isoformat()}"

    def __repr__(self) -> str:
        method = self.method.value if self.method is not None else "no key"
        head = f"<CostAllocation of {self.asset!r} {self._when()}, {method}"
        if self.problem is not None:
            return f"{head}: cannot allocate: {self.problem}>"
        lines = [f"{head}: {self.cost}"]
        width = max((len(part.actor) for part in self.parts), default=0)
        lines.extend(f"  {part.actor:<{width}}  {part.amount}" for part in self.parts)
        return "\n".join(lines) + ">"

    def rows(self) -> list[dict[str, Any]]:
        """Return one row per party (one row with the ``problem`` when it cannot be allocated).

        Columns: ``asset``, ``start``, ``end``, ``method``, ``actor``,
        ``amount`` (a Decimal), ``currency``, ``problem``.
        """
        return _allocation_rows((self,))

    def to_pandas(self) -> Any:
        """Return :meth:`rows` as a pandas DataFrame.

        Raises:
            MissingExtraError: pandas is not installed (``pip install 'ptcekit[notebook]'``).
        """
        return to_frame(_ALLOCATION_COLUMNS, self.rows(), "CostAllocation.to_pandas()")


def _allocation_rows(allocations: Iterable[CostAllocation]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for allocation in allocations:
        base = {
            "asset": allocation.asset,
            "start": allocation.start,
            "end": allocation.end,
            "method": allocation.method.value if allocation.method is not None else None,
        }
        if allocation.problem is not None:
            rows.append(
                base
                | {"actor": None, "amount": None, "currency": None, "problem": allocation.problem}
            )
            continue
        rows.extend(
            base
            | {
                "actor": part.actor,
                "amount": part.amount.amount,
                "currency": part.amount.currency,
                "problem": None,
            }
            for part in allocation.parts
        )
    return rows


def _active(period: Period | None, day: dt.date) -> bool:
    return period is None or period.contains(day)


def _measure(allocation: Allocation) -> tuple[str, Fraction] | None:
    if allocation.share is not None:
        if allocation.share.fraction is None:
            return None
        return "share", allocation.share.fraction
    if allocation.fte is not None:
        return "fte", allocation.fte
    if allocation.hours is not None:
        return "hours", Fraction(allocation.hours)
    return None


def _fixed(asset: MutualisedAsset, day: dt.date, ecosystem: Ecosystem | None) -> _Weights:
    del day, ecosystem  # a fixed key does not change with time or headcounts
    assert asset.cost_key is not None  # noqa: S101 -- the caller checked it, for mypy
    weights: dict[str, Fraction] = defaultdict(Fraction)
    for share in asset.cost_key.shares:
        weights[share.actor] += share.fraction
    return dict(weights)


def _ownership(asset: MutualisedAsset, day: dt.date, ecosystem: Ecosystem | None) -> _Weights:
    del ecosystem  # ownership shares are on the asset
    owners = [owner for owner in asset.owners if _active(owner.period, day)]
    if not owners:
        return "no owner"
    weights: dict[str, Fraction] = defaultdict(Fraction)
    for owner in owners:
        if owner.share.fraction is None:
            return f"the share of owner {owner.actor!r} is not exact ({owner.share})"
        weights[owner.actor] += owner.share.fraction
    return dict(weights)


def _users(asset: MutualisedAsset, day: dt.date) -> list[Allocation]:
    return [user for user in asset.users if _active(user.period, day)]


def _equal(asset: MutualisedAsset, day: dt.date, ecosystem: Ecosystem | None) -> _Weights:
    del ecosystem  # every user counts once
    users = _users(asset, day)
    if not users:
        return "no user"
    return dict.fromkeys((user.actor for user in users), Fraction(1))


def _use(asset: MutualisedAsset, day: dt.date, ecosystem: Ecosystem | None) -> _Weights:
    del ecosystem  # the measures of use are on the asset
    users = _users(asset, day)
    if not users:
        return "no user"
    weights: dict[str, Fraction] = defaultdict(Fraction)
    kinds = set()
    for user in users:
        measure = _measure(user)
        if measure is None:
            return f"the use of {user.actor!r} is not measured exactly (share, fte or hours)"
        kinds.add(measure[0])
        weights[user.actor] += measure[1]
    if len(kinds) > 1:
        return f"users' measures of use differ ({' and '.join(sorted(kinds))})"
    return dict(weights)


def _headcount(asset: MutualisedAsset, day: dt.date, ecosystem: Ecosystem | None) -> _Weights:
    users = _users(asset, day)
    if not users:
        return "no user"
    if ecosystem is None:
        return "the key needs the users' headcounts: pass the ecosystem"
    weights: dict[str, Fraction] = {}
    for actor_id in dict.fromkeys(user.actor for user in users):
        actor = ecosystem.get(actor_id) if actor_id in ecosystem else None
        headcount = getattr(actor, "headcount", None)
        if headcount is None:
            return f"the headcount of user {actor_id!r} is not recorded"
        weights[actor_id] = Fraction(headcount)
    if not any(weights.values()):
        return "every user's headcount is 0"
    return weights


#: Each party's weight on a day (not normalised), or why there is none.
_Weights = dict[str, Fraction] | str
_WEIGHTS: dict[
    CostSharingMethod, Callable[[MutualisedAsset, dt.date, Ecosystem | None], _Weights]
] = {
    CostSharingMethod.EQUAL: _equal,
    CostSharingMethod.PRO_RATA_USE: _use,
    CostSharingMethod.PRO_RATA_OWNERSHIP: _ownership,
    CostSharingMethod.PRO_RATA_HEADCOUNT: _headcount,
    CostSharingMethod.FIXED: _fixed,
}


def _listed(asset: MutualisedAsset, method: CostSharingMethod) -> tuple[str, ...]:
    """The parties a method can name, in the order the asset lists them."""
    if method is CostSharingMethod.FIXED:
        assert asset.cost_key is not None  # noqa: S101 -- the caller checked it, for mypy
        return tuple(share.actor for share in asset.cost_key.shares)
    if method is CostSharingMethod.PRO_RATA_OWNERSHIP:
        return tuple(dict.fromkeys(owner.actor for owner in asset.owners))
    return tuple(dict.fromkeys(user.actor for user in asset.users))


def _breaks(asset: MutualisedAsset, start: dt.date, end: dt.date) -> list[dt.date]:
    """The first day of each span of ``start..end`` in which weights and daily cost are constant."""
    days = {start}
    periods = [owner.period for owner in asset.owners] + [user.period for user in asset.users]
    for period in periods:
        if period is None:
            continue
        if period.start is not None and start < period.start <= end:
            days.add(period.start)
        if period.end is not None and start <= period.end < end:
            days.add(period.end + _ONE_DAY)
    days.update(dt.date(year, 1, 1) for year in range(start.year + 1, end.year + 1))
    return sorted(days)


def _days_in_year(year: int) -> int:
    return (dt.date(year + 1, 1, 1) - dt.date(year, 1, 1)).days


def _span(
    on: dt.date | None, period: Period | None, year: int | None
) -> tuple[dt.date, dt.date, bool]:
    given = [
        name
        for name, value in (("on", on), ("period", period), ("year", year))
        if value is not None
    ]
    if len(given) != 1:
        raise InvalidValueError(
            "allocate_cost", "on", "exactly one of on, period or year", tuple(given)
        )
    if on is not None:
        return on, on, True
    if year is not None:
        return dt.date(year, 1, 1), dt.date(year, 12, 31), False
    assert period is not None  # noqa: S101 -- one of the three is given, for mypy
    if period.start is None or period.end is None:
        raise InvalidValueError(
            "allocate_cost", "period", "a period with a start and an end", period
        )
    return period.start, period.end, False


def allocate_cost(
    asset: MutualisedAsset,
    *,
    on: dt.date | None = None,
    period: Period | None = None,
    year: int | None = None,
    ecosystem: Ecosystem | None = None,
) -> CostAllocation:
    """Allocate an asset's cost among its parties under its cost-sharing key.

    Give exactly one of ``on``, ``period`` or ``year``. On a day, the annual
    cost is shared with the key as it stands that day. Over a period (a year
    is one), each day costs the annual cost divided by the number of days in
    its year, and is shared among the parties of that day: a party who joins
    in July pays for the days from July.

    The parties and their weights, by method:

    - ``equal``: the users of the day, one part each;
    - ``pro_rata_use``: the users, in proportion to their exact share, FTE
      or hours (all users measured, in the same measure);
    - ``pro_rata_ownership``: the owners, in proportion to their exact shares;
    - ``pro_rata_headcount``: the users, in proportion to their headcount
      (read from ``ecosystem``);
    - ``fixed``: the key's shares.

    Weights are read as proportions, so shares that do not sum to one (which
    the rules report) still share the whole cost. The parts are rounded to the
    cent by :func:`split_to_cents`, so they sum exactly to the cost; a cent
    left to share between equal remainders goes to the party listed first
    (in the key's shares, the owners or the users).

    Args:
        asset: the asset.
        on: the day whose key applies to the annual cost.
        period: the days to allocate, with a start and an end.
        year: a calendar year to allocate.
        ecosystem: the document, to read headcounts from.

    Returns:
        The allocation; when the data the key needs is missing, one with no
        parts and a :attr:`~CostAllocation.problem`.

    Raises:
        InvalidValueError: not exactly one of ``on``, ``period`` and ``year``,
            or a period without a start or an end.

    >>> from ptcekit.model import Allocation, CostSharingKey, SharedEquipment
    >>> van = SharedEquipment(id="van", name="Van", annual_cost=Money(amount=1000),
    ...     cost_key=CostSharingKey(method="equal"),
    ...     users=[Allocation(actor=a) for a in ("a", "b", "c")])
    >>> allocate_cost(van, year=2025).amounts()["a"]
    Money(amount=Decimal('333.34'))
    """
    start, end, single_day = _span(on, period, year)
    key = asset.cost_key
    method = key.method if key is not None else None

    def unallocated(problem: str) -> CostAllocation:
        return CostAllocation(
            asset=asset.id, method=method, start=start, end=end, cost=None, problem=problem
        )

    if asset.annual_cost is None:
        return unallocated("no annual_cost is recorded")
    if method is None:
        return unallocated("no cost_key is recorded")
    annual = Fraction(asset.annual_cost.amount)
    exact: dict[str, Fraction] = {}
    total = Fraction(0)
    breaks = _breaks(asset, start, end)
    for index, first in enumerate(breaks):
        last = breaks[index + 1] - _ONE_DAY if index + 1 < len(breaks) else end
        weights = _WEIGHTS[method](asset, first, ecosystem)
        if isinstance(weights, str):
            when = (
                f"on {first.isoformat()}"
                if first == last
                else f"from {first.isoformat()} to {last.isoformat()}"
            )
            return unallocated(f"{weights} {when}")
        cost = (
            annual if single_day else annual * ((last - first).days + 1) / _days_in_year(first.year)
        )
        total += cost
        weight_sum = sum(weights.values(), Fraction(0))
        for actor, weight in weights.items():
            exact[actor] = exact.get(actor, Fraction(0)) + cost * weight / weight_sum
    # the documented tie-break order: the parties as the asset (or its fixed key) lists them
    exact = {actor: exact[actor] for actor in _listed(asset, method) if actor in exact}
    currency = asset.annual_cost.currency
    cents = split_to_cents(exact, total)
    parts = tuple(
        CostPart(actor=actor, amount=Money(amount=cents[actor], currency=currency), exact=value)
        for actor, value in exact.items()
    )
    return CostAllocation(
        asset=asset.id,
        method=method,
        start=start,
        end=end,
        cost=Money(amount=Decimal(round(total * 100)).scaleb(-2), currency=currency),
        parts=parts,
    )


_ACTOR_TOTAL_COLUMNS = (
    Column("actor", str),
    Column("name", str),
    Column("currency", str),
    Column("amount", Decimal),
    Column("assets", int),
)
_POLE_TOTAL_COLUMNS = (
    Column("pole", str),
    Column("name", str),
    Column("currency", str),
    Column("amount", Decimal),
    Column("assets", int),
)


@attrs.frozen(kw_only=True, repr=False)
class CostTotals:
    """The allocations of many assets, with totals per actor and per pôle.

    Totals add the rounded parts, so they agree with the allocations shown.
    Assets whose cost cannot be allocated are listed in :attr:`unallocated`
    and left out of the totals.

    Attributes:
        allocations: one allocation per asset, in document order.
        names: the name of each actor and pôle, by id.
        poles: the pôle of each asset, by asset id (``None`` outside a pôle).
    """

    allocations: tuple[CostAllocation, ...]
    names: Mapping[str, str] = attrs.field(eq=False)
    poles: Mapping[str, str | None] = attrs.field(eq=False)

    @property
    def unallocated(self) -> tuple[CostAllocation, ...]:
        """The allocations that could not be made, each with its problem."""
        return tuple(a for a in self.allocations if a.problem is not None)

    def _totals(self, key_of: Any) -> dict[tuple[str | None, str], list[Any]]:
        # per key: [amount, number of assets, the last asset counted]; no set per key,
        # since the allocations come asset by asset
        totals: dict[tuple[str | None, str], list[Any]] = {}
        for allocation in self.allocations:
            for part in allocation.parts:
                key = (key_of(allocation, part), part.amount.currency)
                entry = totals.get(key)
                if entry is None:
                    totals[key] = [part.amount.amount, 1, allocation.asset]
                    continue
                entry[0] += part.amount.amount
                if entry[2] != allocation.asset:
                    entry[1] += 1
                    entry[2] = allocation.asset
        return totals

    def by_actor(self) -> Table:
        """Return each actor's total, per currency, with the number of assets it pays for."""
        totals = self._totals(lambda _allocation, part: part.actor)
        values = tuple(
            (actor, self.names.get(actor or ""), currency, amount, assets)
            for (actor, currency), (amount, assets, _last) in totals.items()
        )
        return Table("cost by actor", _ACTOR_TOTAL_COLUMNS, values)

    def by_pole(self) -> Table:
        """Return each pôle's total (``pole`` ``None`` for assets outside a pôle)."""
        totals = self._totals(lambda allocation, _part: self.poles.get(allocation.asset))
        values = tuple(
            (pole, self.names.get(pole) if pole else None, currency, amount, assets)
            for (pole, currency), (amount, assets, _last) in totals.items()
        )
        return Table("cost by pole", _POLE_TOTAL_COLUMNS, values)

    def rows(self) -> list[dict[str, Any]]:
        """Return every allocation's rows (see :meth:`CostAllocation.rows`)."""
        return _allocation_rows(self.allocations)

    def to_pandas(self) -> Any:
        """Return :meth:`rows` as a pandas DataFrame.

        Raises:
            MissingExtraError: pandas is not installed (``pip install 'ptcekit[notebook]'``).
        """
        return to_frame(_ALLOCATION_COLUMNS, self.rows(), "CostTotals.to_pandas()")

    def __repr__(self) -> str:
        head = (
            f"<CostTotals of {len(self.allocations)} assets"
            f" ({len(self.unallocated)} cannot be allocated)"
        )
        lines = [head]
        lines.extend(
            f"  {row['actor']}  {row['amount']} {row['currency']}" for row in self.by_actor().rows()
        )
        return "\n".join(lines) + ">"


def cost_totals(
    ecosystem: Ecosystem,
    *,
    on: dt.date | None = None,
    period: Period | None = None,
    year: int | None = None,
    pole: str | None = None,
) -> CostTotals:
    """Allocate the cost of every asset of the ecosystem (or of one pôle), with totals.

    Args:
        ecosystem: the document.
        on: the day whose keys apply to the annual costs.
        period: the days to allocate.
        year: a calendar year to allocate.
        pole: keep the assets of that pôle only.

    Raises:
        UnknownIdError: no pôle has the id ``pole``.
        InvalidValueError: not exactly one of ``on``, ``period`` and ``year``.
    """
    _span(on, period, year)
    if pole is not None:
        ecosystem.pole(pole)
    assets = [a for a in ecosystem.assets if pole is None or a.pole == pole]
    allocations = tuple(
        allocate_cost(asset, on=on, period=period, year=year, ecosystem=ecosystem)
        for asset in assets
    )
    names = {actor.id: actor.name for actor in ecosystem.actors} | {
        p.id: p.name for p in ecosystem.poles
    }
    return CostTotals(allocations=allocations, names=names, poles={a.id: a.pole for a in assets})
