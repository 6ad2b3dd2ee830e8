"""Pôles territoriaux de coopération économique (PTCE) and their memberships."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, ClassVar

import attrs

from ptcekit.model import _checks as c
from ptcekit.model._base import Value
from ptcekit.model._enums import MemberRole
from ptcekit.model._governance import Governance
from ptcekit.model._territory import Territory
from ptcekit.model._values import Period, Place

__all__ = ["Membership", "Pole"]


def _str_tuple(value: Iterable[str]) -> tuple[str, ...]:
    return c.to_tuple(value)


c.describe(_str_tuple, c.Conversion("tuple"))


def _membership_tuple(value: Iterable[Membership]) -> tuple[Membership, ...]:
    return c.to_tuple(value)


c.describe(_membership_tuple, c.Conversion("tuple"))


def _to_member_role(value: MemberRole | str) -> MemberRole:
    return c.enum_member(MemberRole, value)


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

    actor: str = attrs.field(validator=c.identifier())
    role: MemberRole = attrs.field(
        default=MemberRole.MEMBER,
        converter=_to_member_role,
        validator=c.member_of(MemberRole),
    )
    period: Period | None = attrs.field(default=None, validator=c.instance(Period, optional=True))
    college: str | None = attrs.field(
        default=None, validator=c.text(optional=True, multiline=False)
    )

    def active_on(self, day: dt.date) -> bool:
        """Return whether the membership holds on ``day``."""
        return self.period is None or self.period.contains(day)


def _texts(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    c.tuple_of(c.text(multiline=False), unique=True, what="strings")(inst, attribute, value)


_optional_date = c.date(optional=True)


def _dissolved(inst: Pole, attribute: attrs.Attribute[Any], value: object) -> None:
    _optional_date(inst, attribute, value)
    if value is not None and inst.founded is not None and value < inst.founded:  # type: ignore[operator]  # a date, checked just above
        c.fail(inst, attribute, f"a date on or after its founding ({inst.founded})", value)


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

    id: str = attrs.field(validator=c.identifier())
    name: str = attrs.field(validator=c.text(multiline=False))
    territory: Territory | None = attrs.field(
        default=None, validator=c.instance(Territory, optional=True)
    )
    founded: dt.date | None = attrs.field(default=None, validator=c.date(optional=True))
    dissolved: dt.date | None = attrs.field(default=None, validator=_dissolved)
    lead: str | None = attrs.field(default=None, validator=c.identifier(optional=True))
    legal_vehicle: str | None = attrs.field(default=None, validator=c.identifier(optional=True))
    domains: tuple[str, ...] = attrs.field(default=(), converter=_str_tuple, validator=_texts)
    place: Place | None = attrs.field(default=None, validator=c.instance(Place, optional=True))
    labels: tuple[str, ...] = attrs.field(default=(), converter=_str_tuple, validator=_texts)
    strategy: str | None = attrs.field(default=None, validator=c.text(optional=True))
    memberships: tuple[Membership, ...] = attrs.field(
        default=(), converter=_membership_tuple, validator=c.tuple_of_type(Membership)
    )
    governance: Governance | None = attrs.field(
        default=None, validator=c.instance(Governance, optional=True)
    )
    website: str | None = attrs.field(default=None, validator=c.url(optional=True))
    description: str | None = attrs.field(default=None, validator=c.text(optional=True))

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
