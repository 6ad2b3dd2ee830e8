"""Tables of an ecosystem's records: one row per record, stable typed columns."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction
from typing import Any, Protocol

import attrs

from ptcekit.analysis._tabular import Column, Table
from ptcekit.analysis._triptych import sector_of
from ptcekit.model import Ecosystem, Period

__all__ = [
    "FindingLike",
    "ReportLike",
    "Tables",
    "actors_table",
    "agreements_table",
    "allocations_table",
    "assets_table",
    "commitments_table",
    "findings_table",
    "memberships_table",
    "ownerships_table",
    "parties_table",
    "tables",
]


class FindingLike(Protocol):
    """What a table of findings reads from a finding (:class:`ptcekit.rules.Finding`)."""

    @property
    def code(self) -> str: ...
    @property
    def severity(self) -> Any: ...
    @property
    def message(self) -> str: ...
    @property
    def path(self) -> str: ...
    @property
    def subject(self) -> str | None: ...
    @property
    def source(self) -> str | None: ...
    @property
    def url(self) -> str | None: ...


class ReportLike(Protocol):
    """What a table of findings reads from a report (:class:`ptcekit.rules.Report`)."""

    @property
    def findings(self) -> tuple[FindingLike, ...]: ...


def _start(period: Period | None) -> dt.date | None:
    return period.start if period is not None else None


def _end(period: Period | None) -> dt.date | None:
    return period.end if period is not None else None


def _current(period: Period | None, as_of: dt.date | None) -> bool | None:
    if as_of is None:
        return None
    return period is None or period.contains(as_of)


_PERIOD = (Column("start", dt.date), Column("end", dt.date))
_CURRENT = Column("current", bool)

ACTOR_COLUMNS = (
    Column("id", str),
    Column("name", str),
    Column("type", str),
    Column("sector", str),
    Column("legal_category", str),
    Column("legal_category_label", str),
    Column("siren", str),
    Column("seat_commune", str),
    Column("headcount", int),
    Column("founded", dt.date),
)
MEMBERSHIP_COLUMNS = (
    Column("pole", str),
    Column("pole_name", str),
    Column("actor", str),
    Column("actor_name", str),
    Column("role", str),
    Column("college", str),
    *_PERIOD,
    _CURRENT,
)
ASSET_COLUMNS = (
    Column("id", str),
    Column("name", str),
    Column("type", str),
    Column("category", str),
    Column("pole", str),
    Column("agreement", str),
    Column("annual_cost", Decimal),
    Column("currency", str),
    Column("cost_key", str),
    Column("owners", int),
    Column("users", int),
)
OWNERSHIP_COLUMNS = (
    Column("asset", str),
    Column("actor", str),
    Column("actor_name", str),
    Column("share", Fraction),
    Column("share_min", Fraction),
    Column("share_max", Fraction),
    *_PERIOD,
    _CURRENT,
)
ALLOCATION_COLUMNS = (
    Column("asset", str),
    Column("actor", str),
    Column("actor_name", str),
    Column("share", Fraction),
    Column("fte", Fraction),
    Column("hours", Decimal),
    *_PERIOD,
    _CURRENT,
)
AGREEMENT_COLUMNS = (
    Column("id", str),
    Column("title", str),
    Column("kind", str),
    Column("pole", str),
    Column("signed", dt.date),
    *_PERIOD,
    _CURRENT,
    Column("renewal", str),
    Column("parties", int),
    Column("commitments", int),
)
PARTY_COLUMNS = (
    Column("agreement", str),
    Column("actor", str),
    Column("actor_name", str),
    Column("role", str),
)
COMMITMENT_COLUMNS = (
    Column("agreement", str),
    Column("party", str),
    Column("party_name", str),
    Column("kind", str),
    Column("amount", Decimal),
    Column("currency", str),
    Column("quantity", Decimal),
    Column("unit", str),
    Column("recurrence", str),
    *_PERIOD,
    Column("asset", str),
)
FINDING_COLUMNS = (
    Column("code", str),
    Column("severity", str),
    Column("message", str),
    Column("path", str),
    Column("subject", str),
    Column("source", str),
    Column("url", str),
)


def _names(ecosystem: Ecosystem) -> dict[str, str]:
    return {actor.id: actor.name for actor in ecosystem.actors}


def actors_table(ecosystem: Ecosystem) -> Table:
    """Return one row per actor: id, name, type, sector (``unknown`` allowed), legal category and its label, SIREN, seat commune, headcount, founding date."""
    return Table(
        "actors",
        ACTOR_COLUMNS,
        tuple(
            (
                a.id,
                a.name,
                a.type_tag,
                sector_of(a),
                a.legal_category,
                a.legal_category_label,
                a.siren,
                a.seat.commune if a.seat is not None else None,
                a.headcount,
                a.founded,
            )
            for a in ecosystem.actors
        ),
    )


def memberships_table(ecosystem: Ecosystem, as_of: dt.date | None = None) -> Table:
    """Return one row per membership, with the actor's name, the role, the period and whether it holds on ``as_of`` (``None`` without a date)."""
    names = _names(ecosystem)
    return Table(
        "memberships",
        MEMBERSHIP_COLUMNS,
        tuple(
            (
                p.id,
                p.name,
                m.actor,
                names.get(m.actor),
                m.role.value,
                m.college,
                _start(m.period),
                _end(m.period),
                _current(m.period, as_of),
            )
            for p in ecosystem.poles
            for m in p.memberships
        ),
    )


def assets_table(ecosystem: Ecosystem) -> Table:
    """Return one row per asset: its kind, category, pôle, agreement, annual cost, cost key and how many owners and users it records."""
    return Table(
        "assets",
        ASSET_COLUMNS,
        tuple(
            (
                a.id,
                a.name,
                a.type_tag,
                a.category.value,
                a.pole,
                a.agreement,
                a.annual_cost.amount if a.annual_cost is not None else None,
                a.annual_cost.currency if a.annual_cost is not None else None,
                a.cost_key.method.value if a.cost_key is not None else None,
                len(a.owners),
                len(a.users),
            )
            for a in ecosystem.assets
        ),
    )


def ownerships_table(ecosystem: Ecosystem, as_of: dt.date | None = None) -> Table:
    """Return one row per ownership: the exact share (or its bounds), the period, whether it holds on ``as_of``."""
    names = _names(ecosystem)
    return Table(
        "ownerships",
        OWNERSHIP_COLUMNS,
        tuple(
            (
                a.id,
                o.actor,
                names.get(o.actor),
                o.share.fraction,
                o.share.minimum,
                o.share.maximum,
                _start(o.period),
                _end(o.period),
                _current(o.period, as_of),
            )
            for a in ecosystem.assets
            for o in a.owners
        ),
    )


def allocations_table(ecosystem: Ecosystem, as_of: dt.date | None = None) -> Table:
    """Return one row per allocation of use: share, FTE or hours, the period, whether it holds on ``as_of``."""
    names = _names(ecosystem)
    return Table(
        "allocations",
        ALLOCATION_COLUMNS,
        tuple(
            (
                a.id,
                u.actor,
                names.get(u.actor),
                u.share.fraction if u.share is not None else None,
                u.fte,
                u.hours,
                _start(u.period),
                _end(u.period),
                _current(u.period, as_of),
            )
            for a in ecosystem.assets
            for u in a.users
        ),
    )


def agreements_table(ecosystem: Ecosystem, as_of: dt.date | None = None) -> Table:
    """Return one row per agreement: kind, pôle, signature, term, whether in force on ``as_of``, renewal, numbers of parties and commitments."""
    return Table(
        "agreements",
        AGREEMENT_COLUMNS,
        tuple(
            (
                g.id,
                g.title,
                g.kind.value,
                g.pole,
                g.signed,
                _start(g.period),
                _end(g.period),
                _current(g.period, as_of),
                g.renewal.value,
                len(g.parties),
                len(g.commitments),
            )
            for g in ecosystem.agreements
        ),
    )


def parties_table(ecosystem: Ecosystem) -> Table:
    """Return one row per party to an agreement, with its name and role."""
    names = _names(ecosystem)
    return Table(
        "parties",
        PARTY_COLUMNS,
        tuple(
            (g.id, p.actor, names.get(p.actor), p.role)
            for g in ecosystem.agreements
            for p in g.parties
        ),
    )


def commitments_table(ecosystem: Ecosystem) -> Table:
    """Return one row per commitment as recorded (see :func:`commitment_schedule` for its occurrences)."""
    names = _names(ecosystem)
    return Table(
        "commitments",
        COMMITMENT_COLUMNS,
        tuple(
            (
                g.id,
                c.party,
                names.get(c.party),
                c.kind.value,
                c.amount.amount if c.amount is not None else None,
                c.amount.currency if c.amount is not None else None,
                c.quantity.value if c.quantity is not None else None,
                c.quantity.unit if c.quantity is not None else None,
                c.recurrence.value,
                _start(c.period),
                _end(c.period),
                c.asset,
            )
            for g in ecosystem.agreements
            for c in g.commitments
        ),
    )


def findings_table(report: ReportLike | Iterable[FindingLike]) -> Table:
    """Return one row per finding of a report: code, severity, message, path, subject, source and its link."""
    findings = report.findings if hasattr(report, "findings") else tuple(report)
    return Table(
        "findings",
        FINDING_COLUMNS,
        tuple(
            (f.code, str(f.severity), f.message, f.path, f.subject, f.source, f.url)
            for f in findings
        ),
    )


@attrs.frozen(kw_only=True, repr=False)
class Tables:
    """Every table of an ecosystem (and of a report's findings), by family.

    Attributes are :class:`Table` values; :meth:`to_pandas` gives DataFrames.
    """

    actors: Table
    memberships: Table
    assets: Table
    ownerships: Table
    allocations: Table
    agreements: Table
    parties: Table
    commitments: Table
    findings: Table

    def all(self) -> dict[str, Table]:
        """Return the tables by family name."""
        return {field.name: getattr(self, field.name) for field in attrs.fields(Tables)}

    def rows(self) -> dict[str, list[dict[str, Any]]]:
        """Return the rows of each table, by family name."""
        return {name: table.rows() for name, table in self.all().items()}

    def to_pandas(self) -> dict[str, Any]:
        """Return a pandas DataFrame per family, typed even when empty.

        Raises:
            MissingExtraError: pandas is not installed (``pip install 'ptcekit[notebook]'``).
        """
        return {name: table.to_pandas() for name, table in self.all().items()}

    def __repr__(self) -> str:
        sizes = ", ".join(f"{name} {len(table)}" for name, table in self.all().items())
        return f"<Tables: {sizes}>"


def tables(
    ecosystem: Ecosystem, as_of: dt.date | None = None, report: ReportLike | None = None
) -> Tables:
    """Return every table of ``ecosystem``, one row per record.

    Args:
        ecosystem: the document.
        as_of: the day the ``current`` columns are reckoned on; the
            document's own ``as_of`` when ``None`` (and ``None`` if it has none).
        report: a validation report, for the ``findings`` table (empty without one).

    >>> from ptcekit.model import Association
    >>> tables(Ecosystem(actors=[Association(id="a", name="Asso")]))
    <Tables: actors 1, memberships 0, assets 0, ownerships 0, allocations 0, agreements 0, parties 0, commitments 0, findings 0>
    """
    day = as_of if as_of is not None else ecosystem.as_of
    return Tables(
        actors=actors_table(ecosystem),
        memberships=memberships_table(ecosystem, day),
        assets=assets_table(ecosystem),
        ownerships=ownerships_table(ecosystem, day),
        allocations=allocations_table(ecosystem, day),
        agreements=agreements_table(ecosystem, day),
        parties=parties_table(ecosystem),
        commitments=commitments_table(ecosystem),
        findings=findings_table(report if report is not None else ()),
    )
