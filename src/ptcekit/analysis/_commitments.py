"""Commitments: the money and quantities each party commits, expanded over the agreement's term."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import attrs

from ptcekit.analysis._tabular import Column, Table, to_frame
from ptcekit.errors import InvalidValueError
from ptcekit.model import Commitment, Ecosystem, PartnershipAgreement, Period, Recurrence

__all__ = ["CommitmentSchedule", "CommittedOccurrence", "commitment_schedule"]

_MONTHS = {Recurrence.MONTHLY: 1, Recurrence.QUARTERLY: 3, Recurrence.YEARLY: 12}


def _add_months(day: dt.date, months: int, anchor_day: int) -> dt.date:
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(year, month, min(anchor_day, last))


@attrs.frozen(kw_only=True)
class CommittedOccurrence:
    """One occurrence of a commitment: what a party gives on a date.

    Attributes:
        agreement: the agreement's id.
        pole: the agreement's pôle id, if any.
        party: the party's actor id.
        kind: what it gives (``money``, ``in_kind``…).
        date: when (the first day of the commitment's period, then every
            month, quarter or year after it); ``None`` when its start is unknown.
        amount: the money given on that date, if any.
        currency: the amount's currency.
        quantity: the quantity given on that date, if any.
        unit: the quantity's unit.
        asset: the asset it concerns, if any.
    """

    agreement: str
    pole: str | None
    party: str
    kind: str
    date: dt.date | None
    amount: Decimal | None
    currency: str | None
    quantity: Decimal | None
    unit: str | None
    asset: str | None

    @property
    def year(self) -> int | None:
        """The year of :attr:`date`."""
        return self.date.year if self.date is not None else None


_OCCURRENCE_COLUMNS = (
    Column("agreement", str),
    Column("pole", str),
    Column("party", str),
    Column("kind", str),
    Column("date", dt.date),
    Column("year", int),
    Column("amount", Decimal),
    Column("currency", str),
    Column("quantity", Decimal),
    Column("unit", str),
    Column("asset", str),
)
_UNEXPANDED_COLUMNS = (
    Column("agreement", str),
    Column("party", str),
    Column("kind", str),
    Column("reason", str),
)
_GROUPS = ("agreement", "pole", "party", "kind", "year")


@attrs.frozen(kw_only=True, repr=False)
class CommitmentSchedule:
    """Every occurrence of every commitment, and the commitments that could not be expanded.

    Attributes:
        occurrences: the occurrences, by agreement and commitment, in date order.
        unexpanded: ``(agreement, party, kind, reason)`` of each recurring
            commitment whose term has no known start or end.
    """

    occurrences: tuple[CommittedOccurrence, ...]
    unexpanded: tuple[tuple[str, str, str, str], ...] = ()

    def rows(self) -> list[dict[str, Any]]:
        """Return one row per occurrence (columns as :class:`CommittedOccurrence`, with ``year``)."""
        return self.table().rows()

    def table(self) -> Table:
        """Return the occurrences as a :class:`Table`."""
        values = tuple(
            (
                *(o.agreement, o.pole, o.party, o.kind, o.date, o.year),
                *(o.amount, o.currency, o.quantity, o.unit, o.asset),
            )
            for o in self.occurrences
        )
        return Table("commitments", _OCCURRENCE_COLUMNS, values)

    def unexpanded_table(self) -> Table:
        """Return the commitments that could not be expanded, with the reason."""
        return Table("unexpanded commitments", _UNEXPANDED_COLUMNS, self.unexpanded)

    def totals(self, *by: str) -> Table:
        """Return the money and quantities committed, summed by the columns ``by``.

        Money is summed per currency, quantities per unit: each row has the
        ``by`` columns, then ``measure`` (``"money"`` or ``"quantity"``),
        ``unit`` (the currency or the unit) and ``total``.

        Args:
            by: columns among ``agreement``, ``pole``, ``party``, ``kind``, ``year``.

        Raises:
            InvalidValueError: a column that is not one of those.

        >>> CommitmentSchedule(occurrences=()).totals("party", "year")
        <Table commitments by party, year: 0 rows × 5 columns (party, year, measure, unit, total)>
        """
        unknown = [name for name in by if name not in _GROUPS]
        if unknown:
            expected = f"columns among {', '.join(_GROUPS)}"
            raise InvalidValueError("CommitmentSchedule", "totals", expected, unknown[0])
        sums: dict[tuple[Any, ...], Decimal] = {}
        for o in self.occurrences:
            key = tuple(getattr(o, name) for name in by)
            if o.amount is not None:
                money = (*key, "money", o.currency)
                sums[money] = sums.get(money, Decimal(0)) + o.amount
            if o.quantity is not None:
                quantity = (*key, "quantity", o.unit)
                sums[quantity] = sums.get(quantity, Decimal(0)) + o.quantity
        columns = (
            *(c for c in _OCCURRENCE_COLUMNS if c.name in by),
            Column("measure", str),
            Column("unit", str),
            Column("total", Decimal),
        )
        order = {c.name: i for i, c in enumerate(_OCCURRENCE_COLUMNS)}
        positions = sorted(range(len(by)), key=lambda i: order[by[i]])
        columns = (*(columns[i] for i in positions), *columns[len(by) :])
        values = tuple(
            (*(key[i] for i in positions), *key[len(by) :], total) for key, total in sums.items()
        )
        return Table(f"commitments by {', '.join(by) or 'all'}", columns, values)

    def to_pandas(self) -> Any:
        """Return :meth:`rows` as a pandas DataFrame.

        Raises:
            MissingExtraError: pandas is not installed (``pip install 'ptcekit[notebook]'``).
        """
        return to_frame(_OCCURRENCE_COLUMNS, self.rows(), "CommitmentSchedule.to_pandas()")

    def __repr__(self) -> str:
        head = (
            f"<CommitmentSchedule: {len(self.occurrences)} occurrences,"
            f" {len(self.unexpanded)} not expanded"
        )
        lines = [head]
        lines.extend(
            f"  {row['party']}  {row['total']} {row['unit']}" for row in self.totals("party").rows()
        )
        return "\n".join(lines) + ">"


def _dates(
    commitment: Commitment, term: Period | None, until: dt.date | None
) -> tuple[dt.date | None, ...] | str:
    """The dates of a commitment's occurrences, or why they cannot be listed."""
    start = term.start if term is not None else None
    end = term.end if term is not None else None
    if commitment.recurrence is Recurrence.ONCE:
        return (start,)
    if start is None:
        return f"a {commitment.recurrence.value} commitment over a term with no start"
    if until is not None and (end is None or until < end):
        end = until
    if end is None:
        return f"a {commitment.recurrence.value} commitment over a term with no end (give until=)"
    step = _MONTHS[commitment.recurrence]
    dates: list[dt.date | None] = []
    count = 0
    day = start
    while day <= end:
        dates.append(day)
        count += 1
        day = _add_months(start, step * count, start.day)
    return tuple(dates)


def commitment_schedule(
    ecosystem: Ecosystem | Sequence[PartnershipAgreement],
    *,
    pole: str | None = None,
    until: dt.date | None = None,
) -> CommitmentSchedule:
    """Expand every commitment of the agreements into its dated occurrences.

    A commitment runs over its own period, or its agreement's when it has
    none. A ``once`` commitment occurs on the first day of that term; a
    ``monthly``, ``quarterly`` or ``yearly`` one on that day and every month,
    quarter or year after it while the term lasts. Its amount or quantity is
    given at each occurrence. A recurring commitment whose term has no start,
    or no end and no ``until``, is listed in
    :attr:`~CommitmentSchedule.unexpanded` with the reason.

    Args:
        ecosystem: the document, or its agreements.
        pole: keep the agreements of that pôle only.
        until: the last day to expand open-ended terms to (it also cuts longer ones).

    >>> from ptcekit.model import Commitment, Money, Party
    >>> deal = PartnershipAgreement(id="deal", title="Deal", kind="public_funding",
    ...     parties=[Party(actor="city"), Party(actor="coop")],
    ...     period=Period(start=dt.date(2025, 1, 1), end=dt.date(2026, 12, 31)),
    ...     commitments=[Commitment(party="city", kind="money",
    ...         amount=Money(amount=5000), recurrence="yearly")])
    >>> commitment_schedule([deal]).totals("party", "year").rows()[1]
    {'party': 'city', 'year': 2026, 'measure': 'money', 'unit': 'EUR', 'total': Decimal('5000')}
    """
    agreements = ecosystem.agreements if isinstance(ecosystem, Ecosystem) else tuple(ecosystem)
    occurrences: list[CommittedOccurrence] = []
    unexpanded: list[tuple[str, str, str, str]] = []
    for agreement in agreements:
        if pole is not None and agreement.pole != pole:
            continue
        for commitment in agreement.commitments:
            dates = _dates(commitment, commitment.period or agreement.period, until)
            if isinstance(dates, str):
                unexpanded.append((agreement.id, commitment.party, commitment.kind.value, dates))
                continue
            amount, quantity = commitment.amount, commitment.quantity
            occurrences.extend(
                CommittedOccurrence(
                    agreement=agreement.id,
                    pole=agreement.pole,
                    party=commitment.party,
                    kind=commitment.kind.value,
                    date=day,
                    amount=amount.amount if amount is not None else None,
                    currency=amount.currency if amount is not None else None,
                    quantity=quantity.value if quantity is not None else None,
                    unit=quantity.unit if quantity is not None else None,
                    asset=commitment.asset,
                )
                for day in dates
            )
    return CommitmentSchedule(occurrences=tuple(occurrences), unexpanded=tuple(unexpanded))
