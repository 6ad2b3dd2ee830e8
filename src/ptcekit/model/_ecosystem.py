"""The ecosystem: the whole modelled territory, indexed by id."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any, TypeVar, Union

import attrs

from ptcekit.errors import DuplicateIdError, FieldTypeError, UnknownIdError
from ptcekit.model import _display
from ptcekit.model import validators as v
from ptcekit.model._actors import Actor
from ptcekit.model._agreements import PartnershipAgreement
from ptcekit.model._assets import MutualisedAsset
from ptcekit.model._base import KeepsUnknownKeys
from ptcekit.model._meetings import Meeting
from ptcekit.model._pole import Pole

__all__ = ["Ecosystem", "Record"]


#: Anything an ecosystem holds by id.
Record = Union[Actor, Pole, MutualisedAsset, PartnershipAgreement, Meeting]  # noqa: UP007 -- a runtime alias, documented by Sphinx

R = TypeVar("R", Actor, Pole, MutualisedAsset, PartnershipAgreement, Meeting)

#: The lists of an ecosystem, with the kind of record each holds.
_LISTS: tuple[tuple[str, type[Any], str], ...] = (
    ("actors", Actor, "actor"),
    ("poles", Pole, "pôle"),
    ("assets", MutualisedAsset, "asset"),
    ("agreements", PartnershipAgreement, "agreement"),
    ("meetings", Meeting, "meeting"),
)


@attrs.frozen(kw_only=True, slots=False)
class _Reverse:
    """What refers to each actor: built once, on first use, in linear time."""

    poles: dict[str, list[Pole]]
    assets: dict[str, list[MutualisedAsset]]
    agreements: dict[str, list[PartnershipAgreement]]


@attrs.frozen(kw_only=True, repr=False)
class Ecosystem(KeepsUnknownKeys):
    """A modelled territory: its actors, pôles, mutualised assets, agreements and meetings.

    Ids are unique across the whole document, so one id names one thing.
    Look-ups by id take constant time; the navigation methods take time in
    proportion to what they return.

    Attributes:
        name: the document's name.
        as_of: the date the model describes.
        source: where the facts come from.
        licence: the licence of the data, such as ``"ODbL-1.0"``.
        actors: every actor.
        poles: every pôle.
        assets: every mutualised asset.
        agreements: every agreement.
        meetings: the meetings of the bodies of its organisations and pôles,
            with their resolutions (its repr counts them only when there are some).

    >>> from ptcekit.model import Association, Company, Membership
    >>> eco = Ecosystem(
    ...     actors=(Association(id="a", name="A"), Company(id="b", name="B")),
    ...     poles=(Pole(id="p", name="P", memberships=(Membership(actor="a"),)),),
    ... )
    >>> eco
    Ecosystem(actors=2, poles=1, assets=0, agreements=0)
    >>> eco.actor("a").name
    'A'
    >>> [pole.id for pole in eco.poles_of("a")]
    ['p']
    """

    name: str | None = attrs.field(default=None, validator=v.Text(optional=True, multiline=False))
    as_of: dt.date | None = attrs.field(default=None, validator=v.Date(optional=True))
    source: str | None = attrs.field(default=None, validator=v.Text(optional=True))
    licence: str | None = attrs.field(
        default=None, validator=v.Text(optional=True, multiline=False)
    )
    actors: tuple[Actor, ...] = attrs.field(
        default=(), converter=v.ToTuple[Actor], validator=v.tuple_of_type(Actor)
    )
    poles: tuple[Pole, ...] = attrs.field(
        default=(), converter=v.ToTuple[Pole], validator=v.tuple_of_type(Pole)
    )
    assets: tuple[MutualisedAsset, ...] = attrs.field(
        default=(), converter=v.ToTuple[MutualisedAsset], validator=v.tuple_of_type(MutualisedAsset)
    )
    agreements: tuple[PartnershipAgreement, ...] = attrs.field(
        default=(),
        converter=v.ToTuple[PartnershipAgreement],
        validator=v.tuple_of_type(PartnershipAgreement),
    )
    meetings: tuple[Meeting, ...] = attrs.field(
        default=(), converter=v.ToTuple[Meeting], validator=v.tuple_of_type(Meeting)
    )
    _index: dict[str, Record] = attrs.field(init=False, eq=False, hash=False, repr=False)
    _reverse: _Reverse | None = attrs.field(
        init=False, default=None, eq=False, hash=False, repr=False
    )

    def __attrs_post_init__(self) -> None:
        index: dict[str, Record] = {}
        for list_name, _, _ in _LISTS:
            records: tuple[Record, ...] = getattr(self, list_name)
            for position, record in enumerate(records):
                key = record.id
                if key in index:
                    raise DuplicateIdError(
                        "Ecosystem", list_name, key, self._locate(key), f"{list_name}[{position}]"
                    )
                index[key] = record
        object.__setattr__(self, "_index", index)

    def _locate(self, id: str) -> str:  # noqa: A002 -- "id" is the domain's name for it
        """Return where ``id`` is first declared, such as ``"actors[3]"`` (the error path only)."""
        for list_name, _, _ in _LISTS:
            for position, record in enumerate(getattr(self, list_name)):
                if record.id == id:
                    return f"{list_name}[{position}]"
        raise AssertionError(id)  # pragma: no cover -- only called for an id seen before

    def __repr__(self) -> str:
        name = f"name={self.name!r}, " if self.name else ""
        # meetings are counted only when there are some: the other lists always are
        counts = ", ".join(
            f"{list_name}={len(getattr(self, list_name))}"
            for list_name, _, _ in _LISTS
            if list_name != "meetings" or self.meetings
        )
        return f"Ecosystem({name}{counts})"

    def _repr_html_(self) -> str:
        return _display.ecosystem_html(self)

    def _repr_pretty_(self, p: _display.PrettyPrinter, cycle: bool) -> None:  # noqa: FBT001 -- IPython's protocol
        _display.pretty_ecosystem(self, p, cycle)

    def __contains__(self, id: object) -> bool:  # noqa: A002 -- "id" is the domain's name for it
        return id in self._index

    def __len__(self) -> int:
        """The number of records (actors, pôles, assets, agreements and meetings)."""
        return len(self._index)

    def get(self, id: str) -> Record:  # noqa: A002 -- "id" is the domain's name for it
        """Return the record (actor, pôle, asset, agreement or meeting) with ``id``.

        Raises:
            KeyError: (an :class:`~ptcekit.errors.UnknownIdError`) if there is none.
        """
        try:
            return self._index[id]
        except (KeyError, TypeError):
            raise UnknownIdError(id, "record") from None

    def _get(self, id: str, cls: type[R], kind: str) -> R:  # noqa: A002 -- "id" is the domain's name for it
        record = self._index.get(id) if type(id) is str else None
        if not isinstance(record, cls):
            raise UnknownIdError(id, kind)
        return record

    def actor(self, id: str) -> Actor:  # noqa: A002 -- "id" is the domain's name for it
        """Return the actor with ``id``.

        Raises:
            KeyError: (an :class:`~ptcekit.errors.UnknownIdError`) if no actor has it.
        """
        return self._get(id, Actor, "actor")

    def pole(self, id: str) -> Pole:  # noqa: A002 -- "id" is the domain's name for it
        """Return the pôle with ``id``.

        Raises:
            KeyError: (an :class:`~ptcekit.errors.UnknownIdError`) if no pôle has it.
        """
        return self._get(id, Pole, "pôle")

    def asset(self, id: str) -> MutualisedAsset:  # noqa: A002 -- "id" is the domain's name for it
        """Return the mutualised asset with ``id``.

        Raises:
            KeyError: (an :class:`~ptcekit.errors.UnknownIdError`) if no asset has it.
        """
        return self._get(id, MutualisedAsset, "asset")

    def agreement(self, id: str) -> PartnershipAgreement:  # noqa: A002 -- "id" is the domain's name for it
        """Return the agreement with ``id``.

        Raises:
            KeyError: (an :class:`~ptcekit.errors.UnknownIdError`) if no agreement has it.
        """
        return self._get(id, PartnershipAgreement, "agreement")

    def meeting(self, id: str) -> Meeting:  # noqa: A002 -- "id" is the domain's name for it
        """Return the meeting with ``id``.

        Raises:
            KeyError: (an :class:`~ptcekit.errors.UnknownIdError`) if no meeting has it.
        """
        return self._get(id, Meeting, "meeting")

    def members(self, pole: str, as_of: dt.date | None = None) -> tuple[Actor, ...]:
        """Return the actors that are members of the pôle ``pole``, once each.

        Memberships naming an id that is not an actor of the ecosystem are
        skipped; the references rule reports them.

        Args:
            pole: the pôle's id.
            as_of: keep the members on that day; every member when ``None``.

        Raises:
            KeyError: (an :class:`~ptcekit.errors.UnknownIdError`) if no pôle has that id.
        """
        found = []
        for actor_id in self.pole(pole).member_ids(as_of):
            record = self._index.get(actor_id)
            if isinstance(record, Actor):
                found.append(record)
        return tuple(found)

    def _reverse_index(self) -> _Reverse:
        if self._reverse is None:
            poles: dict[str, list[Pole]] = defaultdict(list)
            for pole in self.poles:
                for actor_id in pole.member_ids():
                    poles[actor_id].append(pole)
            assets: dict[str, list[MutualisedAsset]] = defaultdict(list)
            for asset in self.assets:
                for actor_id in sorted(asset.actor_ids):
                    assets[actor_id].append(asset)
            agreements: dict[str, list[PartnershipAgreement]] = defaultdict(list)
            for agreement in self.agreements:
                for actor_id in dict.fromkeys(agreement.party_ids):
                    agreements[actor_id].append(agreement)
            # a cache on a frozen value: computed from the fields, so it never goes stale
            object.__setattr__(
                self, "_reverse", _Reverse(poles=poles, assets=assets, agreements=agreements)
            )
        assert self._reverse is not None  # noqa: S101 -- set just above, for mypy
        return self._reverse

    def poles_of(self, actor: str, as_of: dt.date | None = None) -> tuple[Pole, ...]:
        """Return the pôles the actor is a member of, in document order.

        Args:
            actor: the actor's id.
            as_of: keep the memberships that hold on that day; all when ``None``.
        """
        poles = self._reverse_index().poles.get(actor, [])
        if as_of is None:
            return tuple(poles)
        return tuple(
            pole
            for pole in poles
            if any(m.actor == actor and m.active_on(as_of) for m in pole.memberships)
        )

    def assets_of(self, actor: str, as_of: dt.date | None = None) -> tuple[MutualisedAsset, ...]:
        """Return the assets the actor owns or uses, in document order.

        Args:
            actor: the actor's id.
            as_of: keep the ownerships and allocations that hold on that day.
        """
        assets = self._reverse_index().assets.get(actor, [])
        if as_of is None:
            return tuple(assets)
        return tuple(
            asset
            for asset in assets
            if any(
                held.actor == actor and (held.period is None or held.period.contains(as_of))
                for held in asset.owners
            )
            or any(
                used.actor == actor and (used.period is None or used.period.contains(as_of))
                for used in asset.users
            )
        )

    def agreements_of(
        self, actor: str, as_of: dt.date | None = None
    ) -> tuple[PartnershipAgreement, ...]:
        """Return the agreements the actor is a party to, in document order.

        Args:
            actor: the actor's id.
            as_of: keep the agreements in force on that day.
        """
        agreements = self._reverse_index().agreements.get(actor, [])
        if as_of is None:
            return tuple(agreements)
        return tuple(agreement for agreement in agreements if agreement.active_on(as_of))

    def add(self, *records: Record) -> Ecosystem:
        """Return a new ecosystem with ``records`` appended to their lists.

        Raises:
            TypeError: (a :class:`~ptcekit.errors.FieldTypeError`) for something that is not a record.
            ValueError: (a :class:`~ptcekit.errors.DuplicateIdError`) for an id already used.
        """
        lists: dict[str, list[Record]] = {name: list(getattr(self, name)) for name, _, _ in _LISTS}
        for record in records:
            for list_name, cls, _ in _LISTS:
                if isinstance(record, cls):
                    lists[list_name].append(record)
                    break
            else:
                raise FieldTypeError(
                    "Ecosystem",
                    "add",
                    "an Actor, Pole, MutualisedAsset, PartnershipAgreement or Meeting",
                    record,
                )
        changes: dict[str, Any] = {name: tuple(values) for name, values in lists.items()}
        return attrs.evolve(self, **changes)
