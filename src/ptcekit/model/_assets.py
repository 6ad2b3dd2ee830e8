"""Mutualised assets: the financial, technical, human and immaterial tools actors pool.

Owners hold dated :class:`Ownership` shares; users get dated
:class:`Allocation` s of use; a :class:`CostSharingKey` (clé de répartition)
says how the annual cost is shared. Whether shares sum to one and allocations
fit the asset's capacity on every day is checked by the rules, over time.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any, ClassVar

import attrs

from ptcekit.model import validators as v
from ptcekit.model._actors import Actor, check_type_tag
from ptcekit.model._agreements import PartnershipAgreement
from ptcekit.model._base import Value
from ptcekit.model._enums import AssetCategory, CostSharingMethod, ImmaterialKind
from ptcekit.model._pole import Pole
from ptcekit.model._values import Money, Period, Place, Share

__all__ = [
    "Allocation",
    "CostSharingKey",
    "ImmaterialAsset",
    "KeyShare",
    "MutualisedAsset",
    "Ownership",
    "SharedEmployee",
    "SharedEquipment",
    "SharedFund",
    "SharedPremises",
    "SharedService",
]


@attrs.frozen(kw_only=True, repr=False)
class Ownership(Value):
    """An actor's share in the ownership of an asset, over a period.

    >>> Ownership(actor="archer", share=Share.of("1/2"))
    Ownership(actor='archer', share=Share(fraction=Fraction(1, 2)))
    """

    actor: str = attrs.field(validator=v.Reference(to=Actor))
    share: Share = attrs.field(validator=v.Instance(Share))
    period: Period | None = attrs.field(default=None, validator=v.Instance(Period, optional=True))


@attrs.frozen(kw_only=True, repr=False)
class Allocation(Value):
    """An actor's use of an asset over a period.

    Give at most one measure of use: a ``share`` of the asset's use, a number
    of full-time equivalents ``fte`` (for a shared employee), or ``hours`` a
    year. With none, the actor uses the asset in an unmeasured way.

    >>> Allocation(actor="arcoop", fte="0.4")
    Allocation(actor='arcoop', fte=Fraction(2, 5))
    """

    actor: str = attrs.field(validator=v.Reference(to=Actor))
    period: Period | None = attrs.field(default=None, validator=v.Instance(Period, optional=True))
    share: Share | None = attrs.field(default=None, validator=v.Instance(Share, optional=True))
    fte: Fraction | None = attrs.field(
        default=None,
        converter=v.ToFraction[Fraction | None],
        validator=v.FractionRange(include_low=False, optional=True),
    )
    hours: Decimal | None = attrs.field(
        default=None,
        converter=v.ToDecimal[Decimal | None],
        validator=v.DecimalRange(positive=True, optional=True),
    )

    def __attrs_post_init__(self) -> None:
        given = [name for name in ("share", "fte", "hours") if getattr(self, name) is not None]
        if len(given) > 1:
            field = attrs.fields_dict(Allocation)[given[1]]
            v.fail(
                self,
                field,
                f"one measure of use at most (share, fte or hours), not {' and '.join(given)}",
                getattr(self, given[1]),
            )


@attrs.frozen(kw_only=True, repr=False)
class KeyShare(Value):
    """An actor's fixed part of the cost, in a :class:`CostSharingKey` of method ``fixed``."""

    actor: str = attrs.field(validator=v.Reference(to=Actor))
    fraction: Fraction = attrs.field(
        converter=v.ToFraction[Fraction], validator=v.FractionRange(include_low=False)
    )


def _one_share_per_actor(
    inst: object, attribute: attrs.Attribute[Any], value: tuple[KeyShare, ...]
) -> None:
    """Refuse two shares for one actor: the check of a key's shares after their type's."""
    assert isinstance(value, tuple)  # noqa: S101 -- narrowed by the line above, for mypy
    actors = [share.actor for share in value]
    if len(set(actors)) != len(actors):
        repeated = v.repeated(actors)
        v.fail(inst, attribute, f"one share per actor ({repeated!r} has two)", repeated)


@attrs.frozen(kw_only=True, repr=False)
class CostSharingKey(Value):
    """A clé de répartition: how an asset's cost is shared.

    ``fixed`` keys list each actor's part in ``shares``; the other methods
    derive the parts from use, ownership or headcount, and take no shares.

    >>> CostSharingKey(method="pro_rata_use")
    CostSharingKey(method=CostSharingMethod.PRO_RATA_USE)
    """

    method: CostSharingMethod = attrs.field(
        converter=v.ToEnum[CostSharingMethod], validator=v.Member(CostSharingMethod)
    )
    shares: tuple[KeyShare, ...] = attrs.field(
        default=(),
        converter=v.ToTuple[KeyShare],
        validator=v.All(v.tuple_of_type(KeyShare), _one_share_per_actor),
    )

    def __attrs_post_init__(self) -> None:
        if self.method is CostSharingMethod.FIXED and not self.shares:
            v.fail(self, "shares", "the actors' shares for a fixed key", self.shares)
        if self.method is not CostSharingMethod.FIXED and self.shares:
            v.fail(
                self,
                "shares",
                f"no shares for {v.article(self.method.value)} key (they are derived)",
                self.shares,
            )


@attrs.frozen(kw_only=True, repr=False)
class MutualisedAsset(Value):
    """A pooled resource (ressource mutualisée): abstract base of every asset kind.

    Attributes:
        id: its id, unique in the ecosystem.
        name: its name.
        owners: who owns it, in dated shares.
        users: who uses it, in dated allocations.
        annual_cost: what it costs a year.
        cost_key: how that cost is shared.
        pole: the id of the pôle it is pooled in, if any.
        agreement: the id of the agreement that governs it, if any.
        description: free text.

    Subclasses set :attr:`category` (financial, technical, human, immaterial)
    and a ``type_tag``; a downstream subclass declares a namespaced one.
    """

    type_tag: ClassVar[str]
    category: ClassVar[AssetCategory]

    #: The record family in words, for messages and the JSON Schema ("the id of an asset").
    record_noun: ClassVar[str] = "an asset"

    id: str = attrs.field(validator=v.Id())
    name: str = attrs.field(validator=v.Text(multiline=False))
    owners: tuple[Ownership, ...] = attrs.field(
        default=(), converter=v.ToTuple[Ownership], validator=v.tuple_of_type(Ownership)
    )
    users: tuple[Allocation, ...] = attrs.field(
        default=(), converter=v.ToTuple[Allocation], validator=v.tuple_of_type(Allocation)
    )
    annual_cost: Money | None = attrs.field(
        default=None, validator=v.Instance(Money, optional=True)
    )
    cost_key: CostSharingKey | None = attrs.field(
        default=None, validator=v.Instance(CostSharingKey, optional=True)
    )
    pole: str | None = attrs.field(default=None, validator=v.Reference(to=Pole, optional=True))
    agreement: str | None = attrs.field(
        default=None, validator=v.Reference(to=PartnershipAgreement, optional=True)
    )
    description: str | None = attrs.field(default=None, validator=v.Text(optional=True))

    @classmethod
    def __attrs_init_subclass__(cls) -> None:
        check_type_tag(cls)

    @property
    def actor_ids(self) -> frozenset[str]:
        """The ids of every owner and user."""
        return frozenset(o.actor for o in self.owners) | frozenset(u.actor for u in self.users)


@attrs.frozen(kw_only=True, repr=False)
class SharedPremises(MutualisedAsset):
    """Shared premises: a building, offices, a workshop (technical).

    Attributes:
        area: floor area in square metres.
        place: where the premises are.

    >>> SharedPremises(id="marigarde", name="La Marigarde", area=1500).area
    Decimal('1500')
    """

    type_tag: ClassVar[str] = "shared_premises"
    category: ClassVar[AssetCategory] = AssetCategory.TECHNICAL

    area: Decimal | None = attrs.field(
        default=None,
        converter=v.ToDecimal[Decimal | None],
        validator=v.DecimalRange(positive=True, optional=True),
    )
    place: Place | None = attrs.field(default=None, validator=v.Instance(Place, optional=True))


@attrs.frozen(kw_only=True, repr=False)
class SharedEquipment(MutualisedAsset):
    """Shared equipment or a vehicle (technical).

    Attributes:
        vehicle: whether it is a vehicle.
    """

    type_tag: ClassVar[str] = "shared_equipment"
    category: ClassVar[AssetCategory] = AssetCategory.TECHNICAL

    vehicle: bool = attrs.field(default=False, validator=v.Boolean())


@attrs.frozen(kw_only=True, repr=False)
class SharedEmployee(MutualisedAsset):
    """An employee shared among actors, often through a groupement d'employeurs (human).

    Attributes:
        fte: the employee's working time in full-time equivalents, in (0, 1].
        employer: the actor id of the employer (the groupement, or a member).
        job: the job title.

    >>> SharedEmployee(id="compta", name="Comptable partagée", fte=1, employer="ge").category
    <AssetCategory.HUMAN: 'human'>
    """

    type_tag: ClassVar[str] = "shared_employee"
    category: ClassVar[AssetCategory] = AssetCategory.HUMAN

    fte: Fraction = attrs.field(
        default=Fraction(1),
        converter=v.ToFraction[Fraction],
        validator=v.FractionRange(include_low=False),
    )
    employer: str | None = attrs.field(default=None, validator=v.Reference(to=Actor, optional=True))
    job: str | None = attrs.field(default=None, validator=v.Text(optional=True, multiline=False))


@attrs.frozen(kw_only=True, repr=False)
class SharedFund(MutualisedAsset):
    """A pooled fund: a guarantee fund, a solidarity fund, a shared treasury (financial).

    Attributes:
        endowment: the money put in.
    """

    type_tag: ClassVar[str] = "shared_fund"
    category: ClassVar[AssetCategory] = AssetCategory.FINANCIAL

    endowment: Money | None = attrs.field(default=None, validator=v.Instance(Money, optional=True))


@attrs.frozen(kw_only=True, repr=False)
class SharedService(MutualisedAsset):
    """A shared service: accounting, reception, communication, a resource centre (technical).

    Attributes:
        service: what the service does.
    """

    type_tag: ClassVar[str] = "shared_service"
    category: ClassVar[AssetCategory] = AssetCategory.TECHNICAL

    service: str | None = attrs.field(default=None, validator=v.Text(optional=True))


@attrs.frozen(kw_only=True, repr=False)
class ImmaterialAsset(MutualisedAsset):
    """An immaterial asset: a brand, software, know-how (immaterial).

    Attributes:
        kind: brand, software, know-how or other.

    >>> ImmaterialAsset(id="mir", name="Made in Romans", kind="brand").kind
    <ImmaterialKind.BRAND: 'brand'>
    """

    type_tag: ClassVar[str] = "immaterial_asset"
    category: ClassVar[AssetCategory] = AssetCategory.IMMATERIAL

    kind: ImmaterialKind = attrs.field(
        converter=v.ToEnum[ImmaterialKind], validator=v.Member(ImmaterialKind)
    )
