"""Partnership agreements (conventions) and the commitments their parties make."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

import attrs

from ptcekit.model import validators as v
from ptcekit.model._actors import Actor
from ptcekit.model._base import Value
from ptcekit.model._enums import AgreementKind, CommitmentKind, Recurrence, Renewal
from ptcekit.model._pole import Pole
from ptcekit.model._values import Money, Period, Quantity

__all__ = ["Commitment", "PartnershipAgreement", "Party"]


def _not_negative(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Refuse a negative amount: the check of a commitment's money after its type's."""
    if isinstance(value, Money) and value.amount < 0:
        v.fail(
            inst, attribute, "an amount of at least 0 (a commitment gives, it does not take)", value
        )


@attrs.frozen(kw_only=True, repr=False)
class Party(Value):
    """A party to an agreement, with its role in it.

    >>> Party(actor="capg", role="financeur")
    Party(actor='capg', role='financeur')
    """

    actor: str = attrs.field(validator=v.Reference(to=Actor))
    role: str | None = attrs.field(default=None, validator=v.Text(optional=True, multiline=False))


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

    party: str = attrs.field(validator=v.Reference(to=Actor))
    kind: CommitmentKind = attrs.field(
        converter=v.ToEnum[CommitmentKind], validator=v.Member(CommitmentKind)
    )
    amount: Money | None = attrs.field(
        default=None, validator=v.All(v.money(optional=True), _not_negative)
    )
    quantity: Quantity | None = attrs.field(
        default=None, validator=v.Instance(Quantity, optional=True)
    )
    recurrence: Recurrence = attrs.field(
        default=Recurrence.ONCE, converter=v.ToEnum[Recurrence], validator=v.Member(Recurrence)
    )
    period: Period | None = attrs.field(default=None, validator=v.Instance(Period, optional=True))
    # the assets module imports this one: the family is named, and resolved when read
    asset: str | None = attrs.field(
        default=None, validator=v.Reference(to="MutualisedAsset", optional=True)
    )
    description: str | None = attrs.field(default=None, validator=v.Text(optional=True))

    def __attrs_post_init__(self) -> None:
        if self.amount is not None and self.quantity is not None:
            v.fail(self, "quantity", "an amount or a quantity, not both", self.quantity)
        if self.kind is CommitmentKind.MONEY and self.quantity is not None:
            v.fail(
                self,
                "quantity",
                "no quantity for a money commitment (give an amount)",
                self.quantity,
            )


def _distinct_parties(
    inst: object, attribute: attrs.Attribute[Any], value: tuple[Party, ...]
) -> None:
    """Refuse a party named twice, or fewer than two: the check of a tuple of parties after its type's."""
    actors = [party.actor for party in value]
    distinct = set(actors)
    if len(distinct) != len(actors):
        repeated = v.repeated(actors)
        v.fail(inst, attribute, f"distinct parties ({repeated!r} is a party twice)", repeated)
    if len(distinct) < 2:
        v.fail(inst, attribute, "at least 2 distinct parties", tuple(actors))


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

    #: The record family in words, for messages and the JSON Schema ("the id of an agreement").
    record_noun: ClassVar[str] = "an agreement"

    id: str = attrs.field(validator=v.Id())
    title: str = attrs.field(validator=v.Text(multiline=False))
    kind: AgreementKind = attrs.field(
        converter=v.ToEnum[AgreementKind], validator=v.Member(AgreementKind)
    )
    parties: tuple[Party, ...] = attrs.field(
        converter=v.ToTuple[Party], validator=v.All(v.tuple_of_type(Party), _distinct_parties)
    )
    period: Period | None = attrs.field(default=None, validator=v.Instance(Period, optional=True))
    signed: dt.date | None = attrs.field(default=None, validator=v.Date(optional=True))
    renewal: Renewal = attrs.field(
        default=Renewal.NONE, converter=v.ToEnum[Renewal], validator=v.Member(Renewal)
    )
    notice_days: int | None = attrs.field(
        default=None, validator=v.Integer(minimum=0, optional=True)
    )
    commitments: tuple[Commitment, ...] = attrs.field(
        default=(), converter=v.ToTuple[Commitment], validator=v.tuple_of_type(Commitment)
    )
    pole: str | None = attrs.field(default=None, validator=v.Reference(to=Pole, optional=True))
    description: str | None = attrs.field(default=None, validator=v.Text(optional=True))

    @property
    def party_ids(self) -> tuple[str, ...]:
        """The actor ids of the parties, in order."""
        return tuple(party.actor for party in self.parties)

    def active_on(self, day: dt.date) -> bool:
        """Return whether the agreement is in force on ``day`` (always, when it has no period)."""
        return self.period is None or self.period.contains(day)
