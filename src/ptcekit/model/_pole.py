"""Pôles territoriaux de coopération économique (PTCE) and their memberships."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

import attrs

from ptcekit.model import validators as v
from ptcekit.model._actors import Actor
from ptcekit.model._base import Value
from ptcekit.model._enums import MemberRole
from ptcekit.model._governance import Governance
from ptcekit.model._territory import Territory
from ptcekit.model._values import Period, Place

__all__ = ["Membership", "Pole"]


@attrs.frozen(kw_only=True, repr=False)
class Membership(Value):
    """An actor's membership of a pôle, with its role and dates.

    Attributes:
        actor: the member's actor id.
        role: founder, member, partner ("en lien avec", loi 2014-856 art. 9)
            or lead (the structure porteuse).
        period: when the membership holds; ``None`` when its dates are unknown,
            which counts as always.
        college: the name of the pôle's vote college the member sits in.

    >>> Membership(actor="archer", role="lead")
    Membership(actor='archer', role=MemberRole.LEAD)
    """

    actor: str = attrs.field(validator=v.Reference(to=Actor))
    role: MemberRole = attrs.field(
        default=MemberRole.MEMBER,
        converter=v.ToEnum[MemberRole],
        validator=v.Member(MemberRole),
    )
    period: Period | None = attrs.field(default=None, validator=v.Instance(Period, optional=True))
    college: str | None = attrs.field(
        default=None, validator=v.Text(optional=True, multiline=False)
    )

    def active_on(self, day: dt.date) -> bool:
        """Return whether the membership holds on ``day``."""
        return self.period is None or self.period.contains(day)


_TEXTS = v.TupleOf(v.Text(multiline=False), unique=True, what="strings")


def _after_founding(inst: Pole, attribute: attrs.Attribute[Any], value: dt.date | None) -> None:
    """Refuse a dissolution before the founding: the check of ``dissolved`` after its type's."""
    if value is not None and inst.founded is not None and value < inst.founded:
        v.fail(inst, attribute, f"a date on or after its founding ({inst.founded})", value)


@attrs.frozen(kw_only=True, repr=False)
class Pole(Value):
    """A pôle territorial de coopération économique (loi n° 2014-856, art. 9).

    ESS enterprises, on one territory, join with other enterprises, in
    connection with local authorities, research and training bodies, to carry
    a common and continuous strategy of mutualisation, cooperation or
    partnership. Whether a pôle meets that definition is checked by the rules.

    Attributes:
        id: its id, unique in the ecosystem.
        name: its name.
        territory: the territory it works on.
        founded: when it was founded.
        dissolved: the day it ceased to exist, if it has (its last day is the
            day before); a membership after it is reported by the rules.
        lead: the actor id of its structure porteuse.
        legal_vehicle: the actor id of the legal person that incorporates the
            pôle (its association, its SCIC), if any.
        domains: activity domains, such as ``"recyclage"`` or ``"culture"``.
        place: its main site.
        labels: labels and calls won, such as ``"aap-ptce-2013"``.
        strategy: its strategy statement (mutualisation, coopération,
            partenariat).
        memberships: its members, with roles and dates.
        governance: its bodies, voting scheme and colleges.
        website: its web address.
        description: free text.

    >>> Pole(id="pole-sud", name="Pôle Sud", memberships=(Membership(actor="archer", role="lead"),))
    Pole(id='pole-sud', name='Pôle Sud', memberships=(Membership(actor='archer', role=MemberRole.LEAD),))
    """

    type_tag: ClassVar[str] = "pole"

    #: The record family in words, for messages and the JSON Schema ("the id of a pôle").
    record_noun: ClassVar[str] = "a pôle"

    id: str = attrs.field(validator=v.Id())
    name: str = attrs.field(validator=v.Text(multiline=False))
    territory: Territory | None = attrs.field(
        default=None, validator=v.Instance(Territory, optional=True)
    )
    founded: dt.date | None = attrs.field(default=None, validator=v.Date(optional=True))
    dissolved: dt.date | None = attrs.field(
        default=None, validator=v.All(v.Date(optional=True), _after_founding)
    )
    lead: str | None = attrs.field(default=None, validator=v.Reference(to=Actor, optional=True))
    legal_vehicle: str | None = attrs.field(
        default=None, validator=v.Reference(to=Actor, optional=True)
    )
    domains: tuple[str, ...] = attrs.field(default=(), converter=v.ToTuple[str], validator=_TEXTS)
    place: Place | None = attrs.field(default=None, validator=v.Instance(Place, optional=True))
    labels: tuple[str, ...] = attrs.field(default=(), converter=v.ToTuple[str], validator=_TEXTS)
    strategy: str | None = attrs.field(default=None, validator=v.Text(optional=True))
    memberships: tuple[Membership, ...] = attrs.field(
        default=(), converter=v.ToTuple[Membership], validator=v.tuple_of_type(Membership)
    )
    governance: Governance | None = attrs.field(
        default=None, validator=v.Instance(Governance, optional=True)
    )
    website: str | None = attrs.field(default=None, validator=v.Url(optional=True))
    description: str | None = attrs.field(default=None, validator=v.Text(optional=True))

    def member_ids(self, as_of: dt.date | None = None) -> tuple[str, ...]:
        """Return the ids of the pôle's members, once each, in membership order.

        Args:
            as_of: keep only memberships that hold on that day; all when ``None``.
        """
        seen: dict[str, None] = {}
        for membership in self.memberships:
            if as_of is None or membership.active_on(as_of):
                seen.setdefault(membership.actor, None)
        return tuple(seen)
