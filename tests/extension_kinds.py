"""A downstream extension: new actor and asset kinds, defined after ptcekit was imported and used.

The test module loads this file only after it has loaded and dumped documents,
so the converter must find these kinds on first sight.
"""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar

import attrs

import ptcekit
from ptcekit import validators as v

# ptcekit is used before the kinds exist: the converter has built its hooks already
_WARM_UP = ptcekit.Ecosystem(actors=(ptcekit.Association(id="warm-up", name="Warm-up"),))


@attrs.frozen(kw_only=True, repr=False)
class RegionalNetwork(ptcekit.Association):
    """A regional network of associations (an example downstream kind).

    Attributes:
        region: the INSEE code of the région it covers.
        member_count: how many associations belong to it.
        themes: what the network works on.
        coordinator: the actor that coordinates it.
    """

    type_tag: ClassVar[str] = "aura:regional_network"

    region: str = attrs.field(validator=v.region_code())
    member_count: int = attrs.field(default=0, validator=v.Integer(minimum=0))
    themes: tuple[str, ...] = attrs.field(
        default=(),
        converter=v.ToTuple[str],
        validator=v.TupleOf(v.Text(multiline=False), unique=True, what="themes"),
    )
    coordinator: str | None = attrs.field(
        default=None, validator=v.Reference(to=ptcekit.Actor, optional=True)
    )


@attrs.frozen(kw_only=True, repr=False)
class SharedKitchen(ptcekit.SharedPremises):
    """A shared professional kitchen (an example downstream asset kind).

    Attributes:
        covers: how many meals it can serve a day.
        daily_rate: what a day of use costs, in euros.
    """

    type_tag: ClassVar[str] = "aura:shared_kitchen"

    covers: int | None = attrs.field(default=None, validator=v.Integer(minimum=1, optional=True))
    daily_rate: Decimal | None = attrs.field(
        default=None,
        converter=v.ToDecimal[Decimal | None],
        validator=v.DecimalRange(minimum=Decimal(0), optional=True),
    )
