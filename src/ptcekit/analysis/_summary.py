"""A plain-text overview of an ecosystem, for a terminal or a notebook."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from fractions import Fraction

from ptcekit.errors import UnknownIdError
from ptcekit.model import (
    Actor,
    Allocation,
    Commitment,
    Ecosystem,
    ImmaterialAsset,
    Membership,
    MutualisedAsset,
    Ownership,
    PartnershipAgreement,
    Period,
    Pole,
    Recurrence,
    Sector,
    SharedEmployee,
    SharedEquipment,
    SharedFund,
    SharedPremises,
    SharedService,
    Territory,
)

__all__ = ["summarize"]

#: The widest line the summary writes, in characters.
WIDTH = 100
#: Names longer than this are cut, so that one name never fills a line.
_NAME_LIMIT = 60
#: A sector lists its actors' names when it has at most this many.
_NAMES_SHOWN = 8
#: A territory lists its codes when it has at most this many.
_CODES_SHOWN = 5

_SECTOR_LABELS = {Sector.ESS: "ESS", Sector.PRIVATE: "private", Sector.PUBLIC: "public"}


def summarize(ecosystem: Ecosystem, *, as_of: dt.date | None = None) -> str:
    r"""Return a readable plain-text overview of ``ecosystem``.

    The overview gives the document's name and date; the actors by sector of
    the triptych (ESS, private, public) with their names when there are few;
    each pôle with its territory, lead and members; each mutualised asset with
    its owners' shares and its users; each agreement with its parties and
    commitments. Records appear in document order, so the text is the same
    for equal ecosystems, and lines stay within 100 characters. It takes time
    in proportion to the size of the ecosystem.

    Ids that name no actor of the ecosystem are shown as ``? <id>`` (the
    references rule reports them).

    Args:
        ecosystem: the ecosystem to describe.
        as_of: keep only the memberships, ownerships, allocations, commitments
            and agreements that hold on that day; show them all, with their
            dates, when ``None``.

    Returns:
        The overview, lines separated by ``"\\n"``, ending with a newline.

    >>> from ptcekit import Association, Company, Ecosystem, Membership, Pole
    >>> eco = Ecosystem(
    ...     name="Demo",
    ...     actors=(Association(id="a", name="Asso"), Company(id="b", name="SARL B")),
    ...     poles=(Pole(id="p", name="Pôle", lead="a",
    ...                 memberships=(Membership(actor="a", role="lead"), Membership(actor="b"))),),
    ... )
    >>> print(summarize(eco), end="")
    Demo
    ====
    <BLANKLINE>
    Actors: 2
      ESS      1: Asso
      private  1: SARL B
      public   0
    <BLANKLINE>
    Pôles: 1
      Pôle [p]
        lead: Asso
        members (2):
          lead     Asso (association, ESS)
          member   SARL B (company, private)
    """
    lines = _header(ecosystem, as_of)
    lines += _actors(ecosystem)
    if ecosystem.poles:
        lines.append("")
        lines.append(f"Pôles: {len(ecosystem.poles)}")
        for pole in ecosystem.poles:
            lines += _pole(ecosystem, pole, as_of)
    if ecosystem.assets:
        lines.append("")
        lines.append(f"Mutualised assets: {len(ecosystem.assets)}")
        for asset in ecosystem.assets:
            lines += _asset(ecosystem, asset, as_of)
    agreements = [a for a in ecosystem.agreements if as_of is None or a.active_on(as_of)]
    if agreements:
        lines.append("")
        lines.append(f"Agreements: {len(agreements)}")
        for agreement in agreements:
            lines += _agreement(ecosystem, agreement, as_of)
    return "\n".join(_cut(line) for line in lines) + "\n"


def _short(text: str, limit: int = _NAME_LIMIT) -> str:
    """Return ``text`` on one line, cut to ``limit`` characters with an ellipsis."""
    text = " ".join(text.split())
    if len(text) > limit:
        return text[: limit - 1] + "…"
    return text


def _cut(line: str) -> str:
    """Return ``line`` cut to :data:`WIDTH` characters with an ellipsis."""
    return line if len(line) <= WIDTH else line[: WIDTH - 1] + "…"


def _wrap(first: str, items: Iterable[str], indent: str) -> list[str]:
    """Return ``first`` followed by ``items`` joined with commas, in lines of :data:`WIDTH`.

    Lines break between items only, so that a name is never split.
    """
    lines: list[str] = []
    line = first
    fresh = True
    for item in items:
        if fresh:
            candidate = line + item
        else:
            candidate = f"{line}, {item}"
            # keep room for the comma that ends a broken line
            if len(candidate) >= WIDTH:
                lines.append(line + ",")
                candidate = indent + item
        line = candidate
        fresh = False
    lines.append(line)
    return [_cut(text) for text in lines]


def _name(ecosystem: Ecosystem, actor_id: str) -> str:
    """Return the name of the actor ``actor_id``, or ``? <id>`` if the ecosystem has none."""
    try:
        return _short(ecosystem.actor(actor_id).name)
    except UnknownIdError:
        return f"? {actor_id}"


def _pole_name(ecosystem: Ecosystem, pole_id: str) -> str:
    """Return the name of the pôle ``pole_id``, or ``? <id>`` if the ecosystem has none."""
    try:
        return _short(ecosystem.pole(pole_id).name)
    except UnknownIdError:
        return f"? {pole_id}"


def _kind(record: object) -> str:
    """Return the readable kind of a record, from its type tag."""
    tag: str = getattr(type(record), "type_tag", type(record).__name__)
    return tag.replace("_", " ")


def _holds(period: Period | None, as_of: dt.date | None) -> bool:
    """Return whether something with ``period`` holds on ``as_of`` (always when either is None)."""
    return as_of is None or period is None or period.contains(as_of)


def _dates(period: Period | None, as_of: dt.date | None) -> str:
    """Return ``", <period>"`` to show next to a dated thing, or nothing when filtered by date."""
    if period is None or as_of is not None:
        return ""
    return f", {period}"


def _header(ecosystem: Ecosystem, as_of: dt.date | None) -> list[str]:
    title = _short(ecosystem.name, WIDTH) if ecosystem.name else "Unnamed ecosystem"
    lines = [title, "=" * len(title)]
    if ecosystem.as_of is not None:
        lines.append(f"Document date: {ecosystem.as_of.isoformat()}")
    if as_of is not None:
        lines.append(f"Showing what holds on {as_of.isoformat()}")
    if ecosystem.licence is not None:
        lines.append(f"Licence: {_short(ecosystem.licence)}")
    return lines


def _actors(ecosystem: Ecosystem) -> list[str]:
    by_sector: dict[Sector, list[Actor]] = {sector: [] for sector in _SECTOR_LABELS}
    for actor in ecosystem.actors:
        by_sector[actor.sector].append(actor)
    lines = ["", f"Actors: {len(ecosystem.actors)}"]
    for sector, label in _SECTOR_LABELS.items():
        actors = by_sector[sector]
        first = f"  {label:<8} {len(actors)}"
        if not actors:
            lines.append(first)
        elif len(actors) <= _NAMES_SHOWN:
            names = (_short(actor.name) for actor in actors)
            lines += _wrap(first + ": ", names, " " * 13)
        else:
            lines.append(f"{first} (names omitted: more than {_NAMES_SHOWN})")
    return lines


def _territory(territory: Territory) -> list[str]:
    """The territory's name, level and year, then its codes with their names in its COG vintage."""
    codes = territory.codes
    named = [
        code if name is None else f"{_short(name)} ({code})"
        for code, name in zip(codes[:_CODES_SHOWN], territory.names()[:_CODES_SHOWN], strict=True)
    ]
    if len(codes) > _CODES_SHOWN:
        named.append(f"and {len(codes) - _CODES_SHOWN} more")
    first = (
        f"    territory: {_short(territory.name)} "
        f"({territory.level.value}, COG {territory.cog_year}): "
    )
    return _wrap(first, named, " " * 6)


def _pole(ecosystem: Ecosystem, pole: Pole, as_of: dt.date | None) -> list[str]:
    lines = [f"  {_short(pole.name)} [{pole.id}]"]
    if pole.territory is not None:
        lines += _territory(pole.territory)
    if pole.founded is not None:
        lines.append(f"    founded: {pole.founded.isoformat()}")
    if pole.lead is not None:
        lines.append(f"    lead: {_name(ecosystem, pole.lead)}")
    if pole.legal_vehicle is not None:
        lines.append(f"    legal vehicle: {_name(ecosystem, pole.legal_vehicle)}")
    if pole.labels:
        lines += _wrap("    labels: ", pole.labels, " " * 6)
    memberships = [m for m in pole.memberships if _holds(m.period, as_of)]
    lines.append(f"    members ({len(memberships)}):")
    lines += [_membership(ecosystem, m, as_of) for m in memberships]
    return lines


def _membership(ecosystem: Ecosystem, membership: Membership, as_of: dt.date | None) -> str:
    try:
        actor = ecosystem.actor(membership.actor)
    except UnknownIdError:
        what = f"? {membership.actor}"
    else:
        what = f"{_short(actor.name)} ({_kind(actor)}, {_SECTOR_LABELS[actor.sector]})"
    college = f", college {_short(membership.college, 20)}" if membership.college else ""
    line = f"      {membership.role.value:<8} {what}{_dates(membership.period, as_of)}{college}"
    return _cut(line)


def _asset_details(asset: MutualisedAsset) -> list[str]:
    details = [_kind(asset), asset.category.value]
    if isinstance(asset, SharedPremises) and asset.area is not None:
        details.append(f"{asset.area} m²")
    elif isinstance(asset, SharedEmployee):
        details.append(f"{_fte(asset.fte)} FTE")
    elif isinstance(asset, SharedFund) and asset.endowment is not None:
        details.append(f"endowment {asset.endowment}")
    elif isinstance(asset, SharedEquipment) and asset.vehicle:
        details.append("vehicle")
    elif isinstance(asset, ImmaterialAsset):
        details.append(asset.kind.value.replace("_", " "))
    return details


def _fte(value: Fraction) -> str:
    """Return a full-time-equivalent fraction as a short decimal: 2/5 gives ``0.4``."""
    return f"{float(value):.3g}"


def _asset(ecosystem: Ecosystem, asset: MutualisedAsset, as_of: dt.date | None) -> list[str]:
    lines = [f"  {_short(asset.name)} [{asset.id}] ({', '.join(_asset_details(asset))})"]
    if isinstance(asset, SharedService) and asset.service is not None:
        lines.append(f"    service: {_short(asset.service, 85)}")
    if isinstance(asset, SharedEmployee) and asset.employer is not None:
        lines.append(f"    employer: {_name(ecosystem, asset.employer)}")
    if asset.pole is not None:
        lines.append(f"    pôle: {_pole_name(ecosystem, asset.pole)}")
    owners = [_owner(ecosystem, o, as_of) for o in asset.owners if _holds(o.period, as_of)]
    lines += _wrap("    owners: ", owners or ["none recorded"], " " * 6)
    users = [_user(ecosystem, u, as_of) for u in asset.users if _holds(u.period, as_of)]
    lines += _wrap("    users: ", users or ["none recorded"], " " * 6)
    costs = []
    if asset.annual_cost is not None:
        costs.append(f"{asset.annual_cost} a year")
    if asset.cost_key is not None:
        costs.append(f"shared {asset.cost_key.method.value.replace('_', ' ')}")
    if costs:
        lines.append(f"    cost: {', '.join(costs)}")
    return lines


def _owner(ecosystem: Ecosystem, ownership: Ownership, as_of: dt.date | None) -> str:
    name = f"{_name(ecosystem, ownership.actor)} {ownership.share}"
    if ownership.period is not None and as_of is None:
        return f"{name} ({ownership.period})"
    return name


def _user(ecosystem: Ecosystem, allocation: Allocation, as_of: dt.date | None) -> str:
    measures = []
    if allocation.share is not None:
        measures.append(str(allocation.share))
    elif allocation.fte is not None:
        measures.append(f"{_fte(allocation.fte)} FTE")
    elif allocation.hours is not None:
        measures.append(f"{allocation.hours} h a year")
    if allocation.period is not None and as_of is None:
        measures.append(str(allocation.period))
    name = _name(ecosystem, allocation.actor)
    return f"{name} ({', '.join(measures)})" if measures else name


def _agreement(
    ecosystem: Ecosystem, agreement: PartnershipAgreement, as_of: dt.date | None
) -> list[str]:
    details = [agreement.kind.value.replace("_", " ")]
    if agreement.period is not None:
        details.append(str(agreement.period))
    if agreement.signed is not None:
        details.append(f"signed {agreement.signed.isoformat()}")
    lines = [f"  {_short(agreement.title)} [{agreement.id}] ({', '.join(details)})"]
    if agreement.pole is not None:
        lines.append(f"    pôle: {_pole_name(ecosystem, agreement.pole)}")
    parties = [
        f"{_name(ecosystem, p.actor)} ({_short(p.role, 30)})"
        if p.role
        else _name(ecosystem, p.actor)
        for p in agreement.parties
    ]
    lines += _wrap("    parties: ", parties, " " * 6)
    commitments = [c for c in agreement.commitments if _holds(c.period, as_of)]
    if commitments:
        lines.append("    commitments:")
        lines += [_commitment(ecosystem, c, as_of) for c in commitments]
    return lines


def _commitment(ecosystem: Ecosystem, commitment: Commitment, as_of: dt.date | None) -> str:
    parts = [commitment.kind.value.replace("_", " ")]
    if commitment.amount is not None:
        parts.append(str(commitment.amount))
    if commitment.quantity is not None:
        parts.append(str(commitment.quantity))
    if commitment.recurrence is not Recurrence.ONCE:
        parts.append(commitment.recurrence.value)
    if commitment.asset is not None:
        try:
            parts.append(f"of {_short(ecosystem.asset(commitment.asset).name, 40)}")
        except UnknownIdError:
            parts.append(f"of ? {commitment.asset}")
    if commitment.period is not None and as_of is None:
        parts.append(str(commitment.period))
    line = f"      - {_name(ecosystem, commitment.party)}: {', '.join(parts)}"
    if commitment.description:
        line += f" ({_short(commitment.description, WIDTH)})"
    return _cut(line)
