"""Partnership agreements (conventions) and the commitments their parties make."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, ClassVar

import attrs

from ptcekit.model import _checks as c
from ptcekit.model._base import Value
from ptcekit.model._enums import AgreementKind, CommitmentKind, Recurrence, Renewal
from ptcekit.model._values import Money, Period, Quantity

__all__ = ["Commitment", "PartnershipAgreement", "Party"]


def _party_tuple(value: Iterable[Party]) -> tuple[Party, ...]:
    return c.to_tuple(value)


c.describe(_party_tuple, c.Conversion("tuple"))


def _commitment_tuple(value: Iterable[Commitment]) -> tuple[Commitment, ...]:
    return c.to_tuple(value)


c.describe(_commitment_tuple, c.Conversion("tuple"))


_optional_money = c.instance(Money, optional=True)


def _committed_money(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    _optional_money(inst, attribute, value)
    if isinstance(value, Money) and value.amount < 0:
        c.fail(
            inst, attribute, "an amount of at least 0 (a commitment gives, it does not take)", value
        )


def _to_commitment_kind(value: CommitmentKind | str) -> CommitmentKind:
    return c.enum_member(CommitmentKind, value)


def _to_recurrence(value: Recurrence | str) -> Recurrence:
    return c.enum_member(Recurrence, value)


def _to_agreement_kind(value: AgreementKind | str) -> AgreementKind:
    return c.enum_member(AgreementKind, value)


def _to_renewal(value: Renewal | str) -> Renewal:
    return c.enum_member(Renewal, value)


@attrs.frozen(kw_only=True, repr=False)
class Party(Value):
    """A party to an agreement, with its role in it.

    >>> Party(actor="capg", role="financeur")
    Party(actor='capg', role='financeur')
    """

    actor: str = attrs.field(validator=c.identifier())
    role: str | None = attrs.field(default=None, validator=c.text(optional=True, multiline=False))


@attrs.frozen(kw_only=True, repr=False)
class Commitment(Value):
    """What one party commits to give under an agreement.

    Attributes:
        party: the actor id of the party that commits.
        kind: money, in kind, staff time, use of an asset, or a service.
        amount: how much money (for money or valued contributions); not negative.
        quantity: how much of something else, with its unit (hours, m², days).
        recurrence: once, monthly, quarterly or yearly.
        period: when the commitment runs; the agreement's period when ``None``.
        asset: the id of the asset it concerns, if any.
        description: free text.

    >>> Commitment(party="capg", kind="money", amount=Money(amount=30000), recurrence="yearly")
    Commitment(party='capg', kind=CommitmentKind.MONEY, amount=Money(amount=Decimal('30000')), recurrence=Recurrence.YEARLY)
    """

    party: str = attrs.field(validator=c.identifier())
    kind: CommitmentKind = attrs.field(
        converter=_to_commitment_kind, validator=c.member_of(CommitmentKind)
    )
    amount: Money | None = attrs.field(default=None, validator=_committed_money)
    quantity: Quantity | None = attrs.field(
        default=None, validator=c.instance(Quantity, optional=True)
    )
    recurrence: Recurrence = attrs.field(
        default=Recurrence.ONCE, converter=_to_recurrence, validator=c.member_of(Recurrence)
    )
    period: Period | None = attrs.field(default=None, validator=c.instance(Period, optional=True))
    asset: str | None = attrs.field(default=None, validator=c.identifier(optional=True))
    description: str | None = attrs.field(default=None, validator=c.text(optional=True))

    def __attrs_post_init__(self) -> None:
        if self.amount is not None and self.quantity is not None:
            c.fail(self, "quantity", "an amount or a quantity, not both", self.quantity)
        if self.kind is CommitmentKind.MONEY and self.quantity is not None:
            c.fail(
                self,
                "quantity",
                "no quantity for a money commitment (give an amount)",
                self.quantity,
            )


def _parties(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    c.tuple_of_type(Party)(inst, attribute, value)
    assert isinstance(value, tuple)  # noqa: S101 -- narrowed by the line above, for mypy
    actors = [party.actor for party in value]
    distinct = set(actors)
    if len(distinct) != len(actors):
        repeated = c.repeated(actors)
        c.fail(inst, attribute, f"distinct parties ({repeated!r} is a party twice)", repeated)
    if len(distinct) < 2:
        c.fail(inst, attribute, "at least 2 distinct parties", tuple(actors))


@attrs.frozen(kw_only=True, repr=False)
class PartnershipAgreement(Value):
    """A convention of partnership, mutualisation, cooperation or funding.

    Attributes:
        id: its id, unique in the ecosystem.
        title: its title.
        kind: what kind of agreement it is.
        parties: at least two distinct actors, each with a role.
        period: when it is in force.
        signed: the signature date.
        renewal: none, tacit (tacite reconduction) or explicit.
        notice_days: the notice to give to leave or not renew, in days.
        commitments: what each party commits to give.
        pole: the id of the pôle it belongs to, if any.
        description: free text.

    >>> PartnershipAgreement(id="a1", title="Convention", kind="mutualisation",
    ...     parties=(Party(actor="x"), Party(actor="y")))
    PartnershipAgreement(id='a1', title='Convention', kind=AgreementKind.MUTUALISATION, parties=(Party(actor='x'), Party(actor='y')))
    """

    type_tag: ClassVar[str] = "agreement"

    id: str = attrs.field(validator=c.identifier())
    title: str = attrs.field(validator=c.text(multiline=False))
    kind: AgreementKind = attrs.field(
        converter=_to_agreement_kind, validator=c.member_of(AgreementKind)
    )
    parties: tuple[Party, ...] = attrs.field(converter=_party_tuple, validator=_parties)
    period: Period | None = attrs.field(default=None, validator=c.instance(Period, optional=True))
    signed: dt.date | None = attrs.field(default=None, validator=c.date(optional=True))
    renewal: Renewal = attrs.field(
        default=Renewal.NONE, converter=_to_renewal, validator=c.member_of(Renewal)
    )
    notice_days: int | None = attrs.field(
        default=None, validator=c.integer(minimum=0, optional=True)
    )
    commitments: tuple[Commitment, ...] = attrs.field(
        default=(), converter=_commitment_tuple, validator=c.tuple_of_type(Commitment)
    )
    pole: str | None = attrs.field(default=None, validator=c.identifier(optional=True))
    description: str | None = attrs.field(default=None, validator=c.text(optional=True))

    @property
    def party_ids(self) -> tuple[str, ...]:
        """The actor ids of the parties, in order."""
        return tuple(party.actor for party in self.parties)

    def active_on(self, day: dt.date) -> bool:
        """Return whether the agreement is in force on ``day`` (always, when it has no period)."""
        return self.period is None or self.period.contains(day)
