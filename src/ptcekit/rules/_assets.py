"""Mutualised-asset rules, checked over time: ownership, capacity, cost-sharing keys."""

from __future__ import annotations

import datetime as dt
import itertools
import math
from collections.abc import Iterable, Iterator
from fractions import Fraction

import attrs

from ptcekit.model import (
    Allocation,
    Association,
    Company,
    CostSharingKey,
    CostSharingMethod,
    Ecosystem,
    Grouping,
    GroupingKind,
    KeyShare,
    Membership,
    MutualisedAsset,
    Ownership,
    Period,
    Pole,
    PublicBody,
    Share,
    SharedEmployee,
    SharedEquipment,
    SharedPremises,
)
from ptcekit.rules._context import Context
from ptcekit.rules._printer import fraction_text
from ptcekit.rules._report import Finding, Unchecked
from ptcekit.rules._rule import Example, LawVersion, Rule, Theme

__all__ = ["RULES", "THEMES", "Segment", "sweep"]

#: Day numbers (proleptic ordinals) standing for "no start" and "no end".
_NO_START = dt.date.min.toordinal()
_NO_END = dt.date.max.toordinal() + 1


#: The model of mutualised assets, which the data rules check against.
_MODEL = (
    "ptcekit model of mutualised assets: dated owners' shares, users' allocations "
    "and the cost-sharing key (clé de répartition)"
)
_MODEL_URL = (
    "https://ptcekit.readthedocs.io/en/latest/reference/model.html#ptcekit.model.MutualisedAsset"
)

#: C. trav. L1253-20 on the Code du travail numérique, the Ministry of Labour's official copy.
_L1253_20_URL = "https://code.travail.gouv.fr/code-du-travail/l1253-20"
#: The day after loi n° 2016-1888 du 28 décembre 2016 was published (JORF of 29 December 2016).
_LOI_MONTAGNE = dt.date(2016, 12, 30)

_GE_VERSIONS = (
    LawVersion(
        label="before loi n° 2016-1888: one half",
        end=_LOI_MONTAGNE,
        source=(
            "Code du travail, art. L1253-20, as worded before loi n° 2016-1888 "
            "du 28 décembre 2016, art. 49"
        ),
        url="https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006072050",
        params={"cap": Fraction(1, 2)},
    ),
    LawVersion(
        label="since loi n° 2016-1888: three quarters",
        start=_LOI_MONTAGNE,
        source=(
            "Code du travail, art. L1253-20, as amended by loi n° 2016-1888 "
            "du 28 décembre 2016, art. 49"
        ),
        url=_L1253_20_URL,
        params={"cap": Fraction(3, 4)},
    ),
)


@attrs.frozen
class Segment:
    """A run of days over which the same periods hold.

    Attributes:
        start: the first day, as an ordinal (``date.toordinal()``).
        stop: the day after the last one, as an ordinal.
        low: the sum of the lower values of the items that hold.
        high: the sum of their upper values.
        active: how many items hold.
    """

    start: int
    stop: int
    low: Fraction
    high: Fraction
    active: int

    def span(self) -> str:
        """Return the days in words: ``"from 2024-01-01 to 2024-06-30"``."""
        first = None if self.start == _NO_START else dt.date.fromordinal(self.start)
        last = None if self.stop == _NO_END else dt.date.fromordinal(self.stop - 1)
        if first is None and last is None:
            return "at all times"
        if first is None:
            return f"until {last}"
        if last is None:
            return f"from {first} on"
        return f"from {first} to {last}"


def _bounds(period: Period | None) -> tuple[int, int]:
    if period is None:
        return _NO_START, _NO_END
    start = _NO_START if period.start is None else period.start.toordinal()
    stop = _NO_END if period.end is None else period.end.toordinal() + 1
    return start, stop


def sweep(items: Iterable[tuple[Period | None, Fraction, Fraction]]) -> list[Segment]:
    """Return the runs of days on which at least one item holds, with the sums of their values.

    Each item is a period with a lower and an upper value. Consecutive runs
    with the same sums are merged. Time: O(k log k) for k items, from
    sorting their boundaries.

    >>> from fractions import Fraction as F
    >>> p = Period(start=dt.date(2024, 1, 1), end=dt.date(2024, 12, 31))
    >>> q = Period(start=dt.date(2024, 7, 1))
    >>> [(s.span(), s.low) for s in sweep([(p, F(1, 2), F(1, 2)), (q, F(1, 2), F(1, 2))])]
    [('from 2024-01-01 to 2024-06-30', Fraction(1, 2)), ('from 2024-07-01 to 2024-12-31', Fraction(1, 1)), ('from 2025-01-01 on', Fraction(1, 2))]
    """
    items = list(items)
    # exact sums in integers over a common denominator: Fraction arithmetic costs
    # a gcd per operation, and an asset's values share few denominators
    scale = math.lcm(*(value.denominator for _, low, high in items for value in (low, high)))
    deltas: dict[int, list[int]] = {}
    for period, low, high in items:
        start, stop = _bounds(period)
        low_units = low.numerator * (scale // low.denominator)
        high_units = high.numerator * (scale // high.denominator)
        for day, sign in ((start, 1), (stop, -1)):
            delta = deltas.get(day)
            if delta is None:
                deltas[day] = [sign * low_units, sign * high_units, sign]
            else:
                delta[0] += sign * low_units
                delta[1] += sign * high_units
                delta[2] += sign
    runs: list[list[int]] = []  # [start, stop, low, high, active], in units of 1/scale
    low_sum, high_sum, active = 0, 0, 0
    for day, following in itertools.pairwise(sorted(deltas)):
        delta = deltas[day]
        low_sum, high_sum, active = low_sum + delta[0], high_sum + delta[1], active + delta[2]
        if active == 0:
            continue
        last = runs[-1] if runs else None
        if last is not None and last[1] == day and last[2] == low_sum and last[3] == high_sum:
            last[1] = following
            last[4] = max(last[4], active)
        else:
            runs.append([day, following, low_sum, high_sum, active])
    return [
        Segment(first, after, Fraction(lows, scale), Fraction(highs, scale), count)
        for first, after, lows, highs, count in runs
    ]


def _asset_eco(asset: MutualisedAsset, *actors: object, **fields: object) -> Ecosystem:
    return Ecosystem(as_of=dt.date(2024, 6, 30), actors=actors, assets=(asset,), **fields)  # type: ignore[arg-type]  # the examples pass Ecosystem's own fields


def _pair() -> tuple[Association, Company]:
    return Association(id="archer", name="Archer"), Company(id="roux", name="Tannerie Roux")


_H1 = Period(start=dt.date(2024, 1, 1), end=dt.date(2024, 6, 30))
_H2 = Period(start=dt.date(2024, 7, 1), end=dt.date(2024, 12, 31))
_YEAR = Period(start=dt.date(2024, 1, 1), end=dt.date(2024, 12, 31))

# --- ASSET001 ---------------------------------------------------------------


def _ownership_sums(context: Context) -> Iterator[Finding]:
    for asset in context.ecosystem.assets:
        items = [(o.period, o.share.low, o.share.high) for o in asset.owners]
        for segment in sweep(items):
            if segment.low <= 1 <= segment.high:
                continue
            if segment.low == segment.high:
                total = f"{fraction_text(segment.low)}"
            else:
                total = f"between {fraction_text(segment.low)} and {fraction_text(segment.high)}"
            message = (
                f"owners' shares of asset {asset.id!r} sum to {total} {segment.span()}; "
                "expected exactly 1"
            )
            yield context.finding(message, context.path_of(asset, "owners"), subject=asset.id)


def _asset001_fails() -> Ecosystem:
    """The van is owned 50 % + 40 % all year."""
    van = SharedEquipment(
        id="camion",
        name="Camion de livraison",
        vehicle=True,
        owners=(
            Ownership(actor="archer", share=Share.of("1/2"), period=_YEAR),
            Ownership(actor="roux", share=Share.of("2/5"), period=_YEAR),
        ),
    )
    return _asset_eco(van, *_pair())


def _asset001_passes() -> Ecosystem:
    """Archer owns half the van all year; the tannery the other half, then all of it."""
    van = SharedEquipment(
        id="camion",
        name="Camion de livraison",
        vehicle=True,
        owners=(
            Ownership(actor="archer", share=Share.of("1/2"), period=_H1),
            Ownership(actor="roux", share=Share.of("1/2"), period=_H1),
            Ownership(actor="roux", share=Share.of(1), period=_H2),
        ),
    )
    return _asset_eco(van, *_pair())


ASSET001 = Rule(
    code="ASSET001",
    title="Owners' shares of an asset sum to exactly 1 on every day",
    severity="error",
    kind="format",
    confidence="confirmed",
    source=_MODEL,
    url=_MODEL_URL,
    explanation=(
        "Owners hold dated shares of an asset. On every day on which some "
        "owner holds it, the shares must add up to exactly 1 (100 %). The "
        "check sweeps over the boundaries of the ownership periods, so a "
        "sale or an entry in mid-year is checked on both sides; each run of "
        "days with a wrong total is reported once, with its dates. Shares "
        "known only by bounds pass when 1 lies within the bounds' sums. "
        "This is arithmetic on the document, not a legal requirement."
    ),
    check=_ownership_sums,
    applies_to="assets",
    failing_example=Example(build=_asset001_fails, paths=("$.assets[0].owners",)),
    passing_example=Example(build=_asset001_passes),
)


# --- ASSET002 ---------------------------------------------------------------


def _use(asset: MutualisedAsset, allocation: Allocation) -> Fraction | None:
    """Return the part of the asset's capacity the allocation uses, at least."""
    if isinstance(asset, SharedEmployee):
        if allocation.fte is not None:
            return allocation.fte
        return None if allocation.share is None else allocation.share.low * asset.fte
    return None if allocation.share is None else allocation.share.low


def _capacity(context: Context) -> Iterator[Finding | Unchecked]:
    for asset in context.ecosystem.assets:
        items = []
        unmeasured = []
        for allocation in asset.users:
            used = _use(asset, allocation)
            if used is None:
                unmeasured.append(allocation.actor)
            else:
                items.append((allocation.period, used, used))
        if unmeasured and items:
            # some allocations are measured and some are not: the sum is partial. With no
            # measure at all, the asset is used in common and there is no part to add up.
            what = "FTE or share" if isinstance(asset, SharedEmployee) else "share"
            reason = (
                f"{len(unmeasured)} of the {len(asset.users)} allocations of asset {asset.id!r} "
                f"give no {what} (users {', '.join(repr(i) for i in dict.fromkeys(unmeasured))}): "
                "they are not counted against its capacity"
            )
            yield context.unchecked(reason, context.path_of(asset, "users"), subject=asset.id)
        capacity = asset.fte if isinstance(asset, SharedEmployee) else Fraction(1)
        for segment in sweep(items):
            if segment.low <= capacity:
                continue
            if isinstance(asset, SharedEmployee):
                message = (
                    f"allocations of shared employee {asset.id!r} total {segment.low} FTE "
                    f"{segment.span()}; the employee works {capacity} FTE"
                )
            else:
                message = (
                    f"users' allocations of asset {asset.id!r} sum to "
                    f"{fraction_text(segment.low)} of its use {segment.span()}; at most 1 (100 %)"
                )
            yield context.finding(message, context.path_of(asset, "users"), subject=asset.id)


def _accountant(*users: Allocation) -> Ecosystem:
    employee = SharedEmployee(id="comptable", name="Comptable partagée", fte="4/5", users=users)
    return _asset_eco(employee, *_pair())


def _asset002_fails() -> Ecosystem:
    """A 0.8 FTE accountant allocated 0.5 + 0.5 FTE in the second half of 2024."""
    return _accountant(
        Allocation(actor="archer", fte="1/2", period=_YEAR),
        Allocation(actor="roux", fte="1/2", period=_H2),
    )


def _asset002_passes() -> Ecosystem:
    """The accountant works half time for Archer, 30 % for the tannery."""
    return _accountant(
        Allocation(actor="archer", fte="1/2", period=_YEAR),
        Allocation(actor="roux", fte="3/10", period=_H2),
    )


ASSET002 = Rule(
    code="ASSET002",
    title="Allocations never exceed an asset's capacity",
    severity="error",
    kind="format",
    confidence="confirmed",
    source=_MODEL,
    url=_MODEL_URL,
    explanation=(
        "On no day may the users' allocations of an asset exceed its "
        "capacity: 100 % of its use, or, for a shared employee, the "
        "employee's working time in FTE (a share of a shared employee "
        "counts as that share of the employee's FTE). Shares known only by "
        "bounds count at their minimum. Allocations given in hours, or with "
        "no measure, cannot be counted: when some allocations of an asset "
        "give a measure and others do not, the sum is partial and the report "
        "lists the asset among the checks that could not run. An asset none "
        "of whose allocations gives a measure is used in common: there is "
        "nothing to add up."
    ),
    check=_capacity,
    applies_to="assets",
    failing_example=Example(build=_asset002_fails, paths=("$.assets[0].users",)),
    passing_example=Example(build=_asset002_passes),
)


# --- ASSET003 ---------------------------------------------------------------


def _local_authority_time(context: Context) -> Iterator[Finding | Unchecked]:
    cap: Fraction = context.param("cap")
    for asset in context.ecosystem.assets:
        if not isinstance(asset, SharedEmployee):
            continue
        local = [
            allocation
            for allocation in asset.users
            if isinstance(user := context.actor(allocation.actor), PublicBody)
            and user.is_local_authority
        ]
        if not local:
            continue
        if asset.employer is None:
            reason = (
                f"shared employee {asset.id!r} works for a local authority, but no employer "
                "is recorded: whether a groupement d'employeurs employs it is unknown"
            )
            yield context.unchecked(reason, context.path_of(asset), subject=asset.id)
            continue
        employer = context.actor(asset.employer)
        if not isinstance(employer, Grouping) or employer.kind is not GroupingKind.EMPLOYER_GROUP:
            continue
        items = []
        unmeasured = []
        for allocation in local:
            used = _use(asset, allocation)
            if used is None:
                unmeasured.append(allocation.actor)
            else:
                part = used / asset.fte
                items.append((allocation.period, part, part))
        if unmeasured:
            reason = (
                f"the allocations of shared employee {asset.id!r} to local authorities "
                f"{', '.join(repr(i) for i in dict.fromkeys(unmeasured))} give no FTE or share: "
                "their time is not counted"
            )
            yield context.unchecked(reason, context.path_of(asset, "users"), subject=asset.id)
        for segment in sweep(items):
            if segment.low > cap:
                message = (
                    f"local authorities use shared employee {asset.id!r} of groupement "
                    f"d'employeurs {employer.id!r} for {fraction_text(segment.low)} of the "
                    f"employee's time {segment.span()}; at most {fraction_text(cap)}, "
                    "counted over the year"
                )
                yield context.finding(message, context.path_of(asset, "users"), subject=asset.id)


def _ge_employee(commune_fte: str) -> Ecosystem:
    ge = Grouping(id="ge", name="GE Drôme", kind="employer_group", members=("archer", "romans"))
    employee = SharedEmployee(
        id="agent",
        name="Agent d'entretien",
        employer="ge",
        users=(
            Allocation(actor="romans", fte=commune_fte, period=_YEAR),
            Allocation(actor="archer", fte=1 - Fraction(commune_fte), period=_YEAR),
        ),
    )
    commune = PublicBody(id="romans", name="Ville de Romans-sur-Isère", kind="commune")
    return _asset_eco(employee, ge, commune, Association(id="archer", name="Archer"))


def _asset003_fails() -> Ecosystem:
    """The commune uses 80 % of the group's employee."""
    return _ge_employee("4/5")


def _asset003_passes() -> Ecosystem:
    """The commune uses 60 % of the employee's time."""
    return _ge_employee("3/5")


ASSET003 = Rule(
    code="ASSET003",
    title=(
        "A groupement d'employeurs gives local authorities at most 3/4 of an employee's "
        "time (1/2 until 2016)"
    ),
    severity="warning",
    kind="legal",
    confidence="reading",
    source="Code du travail, art. L1253-20",
    url=_L1253_20_URL,
    explanation=(
        "In a groupement d'employeurs that collectivités territoriales join "
        "(C. trav. L1253-19), the time each employee spends on tasks for the "
        "collectivités members may not exceed three quarters of his or her "
        "working time, counted over the year; the cap was one half until "
        "loi n° 2016-1888 du 28 décembre 2016 (art. 49), in force on 30 "
        "December 2016. The rule applies the cap in force on the report's "
        "date.\n\n"
        "For a shared employee whose employer is a groupement d'employeurs, "
        "the allocations to local authorities are summed day by day, as a "
        "part of the employee's FTE. Local authorities are the communes, "
        "départements, régions and EPCI, and the local public bodies whose "
        "catégorie juridique is a collectivité or a grouping of collectivités "
        "(a syndicat mixte, a PETR): the article names the collectivités "
        "territoriales; counting their groupings with them is a reading, and "
        "other établissements publics (a CCAS, a school) are not counted. "
        "The law counts the time over the year, so a daily excess may be made "
        "up within the year: a warning. An allocation to a local authority "
        "with no FTE or share, or a shared employee used by a local authority "
        "with no employer recorded, is listed among the checks that could not run."
    ),
    check=_local_authority_time,
    applies_to=("assets", "actors"),
    failing_example=Example(build=_asset003_fails, paths=("$.assets[0].users",)),
    passing_example=Example(build=_asset003_passes),
    versions=_GE_VERSIONS,
)


# --- ASSET004 ---------------------------------------------------------------


_METHOD_WORDS = {
    CostSharingMethod.EQUAL: "equally",
    CostSharingMethod.PRO_RATA_USE: "pro rata of use",
    CostSharingMethod.PRO_RATA_OWNERSHIP: "pro rata of ownership",
    CostSharingMethod.PRO_RATA_HEADCOUNT: "pro rata of headcount",
}


def _key_data(context: Context) -> Iterator[Finding | Unchecked]:
    for asset in context.ecosystem.assets:
        key = asset.cost_key
        if key is None:
            sharers = {a.actor for a in asset.users} | {o.actor for o in asset.owners}
            if asset.annual_cost is not None and len(sharers) > 1:
                reason = (
                    f"asset {asset.id!r} has an annual cost and {len(sharers)} owners and users, "
                    "but no cost-sharing key: how its cost is shared is unknown"
                )
                yield context.unchecked(reason, context.path_of(asset), subject=asset.id)
            continue
        method = key.method
        lacking = None
        if method is CostSharingMethod.PRO_RATA_USE:
            measured = any(
                a.share is not None or a.fte is not None or a.hours is not None for a in asset.users
            )
            lacking = None if measured else "no allocation that measures use (share, fte or hours)"
        elif method is CostSharingMethod.PRO_RATA_OWNERSHIP:
            lacking = None if asset.owners else "no owner"
        elif method is CostSharingMethod.EQUAL:
            lacking = None if asset.users or asset.owners else "no user and no owner"
        elif method is CostSharingMethod.PRO_RATA_HEADCOUNT:
            ids = dict.fromkeys(a.actor for a in asset.users)
            unknown = [i for i in ids if (actor := context.actor(i)) and actor.headcount is None]
            if not ids:
                lacking = "no user"
            elif unknown:
                lacking = f"no headcount for user{'' if len(unknown) == 1 else 's'} " + ", ".join(
                    repr(i) for i in unknown
                )
        if lacking is not None:
            message = (
                f"the cost of asset {asset.id!r} is shared {_METHOD_WORDS[method]}, "
                f"but the document records {lacking}"
            )
            yield context.finding(message, context.path_of(asset, "cost_key"), subject=asset.id)


def _premises(*users: Allocation) -> Ecosystem:
    premises = SharedPremises(
        id="batiment",
        name="Bâtiment Pôle Sud",
        users=users,
        cost_key=CostSharingKey(method="pro_rata_use"),
    )
    return _asset_eco(premises, *_pair())


def _asset004_fails() -> Ecosystem:
    """Costs shared pro rata of use, but the allocations do not measure use."""
    return _premises(Allocation(actor="archer"), Allocation(actor="roux"))


def _asset004_passes() -> Ecosystem:
    """Each allocation gives a share of use."""
    return _premises(
        Allocation(actor="archer", share=Share.of("3/4")),
        Allocation(actor="roux", share=Share.of("1/4")),
    )


ASSET004 = Rule(
    code="ASSET004",
    title="A cost-sharing key has the data it needs",
    severity="warning",
    kind="heuristic",
    confidence="reading",
    source=_MODEL,
    url=_MODEL_URL,
    explanation=(
        "A clé de répartition pro rata of use needs allocations that measure "
        "use (a share, FTE or hours); pro rata of ownership needs owners; "
        "pro rata of headcount needs users whose `headcount` is known; an "
        "equal key needs users or owners. Otherwise the cost cannot be "
        "shared as the key says. An asset with an annual cost and several "
        "owners or users but no key at all is listed among the checks that "
        "could not run."
    ),
    check=_key_data,
    applies_to=("assets", "actors"),
    failing_example=Example(build=_asset004_fails, paths=("$.assets[0].cost_key",)),
    passing_example=Example(build=_asset004_passes),
)


# --- ASSET005 ---------------------------------------------------------------


def _fixed_key_sum(context: Context) -> Iterator[Finding]:
    for asset in context.ecosystem.assets:
        key = asset.cost_key
        if key is None or key.method is not CostSharingMethod.FIXED:
            continue
        total = sum((share.fraction for share in key.shares), Fraction(0))
        if total != 1:
            message = (
                f"the fixed cost-sharing key of asset {asset.id!r} gives parts summing to "
                f"{fraction_text(total)}; expected exactly 1"
            )
            yield context.finding(
                message, context.path_of(asset, "cost_key", "shares"), subject=asset.id
            )


def _fixed_key(*parts: str) -> Ecosystem:
    van = SharedEquipment(
        id="camion",
        name="Camion de livraison",
        cost_key=CostSharingKey(
            method="fixed",
            shares=tuple(
                KeyShare(actor=actor, fraction=part)
                for actor, part in zip(("archer", "roux"), parts, strict=True)
            ),
        ),
    )
    return _asset_eco(van, *_pair())


def _asset005_fails() -> Ecosystem:
    """Parts of 60 % and 60 %."""
    return _fixed_key("3/5", "3/5")


def _asset005_passes() -> Ecosystem:
    """Parts of 60 % and 40 %."""
    return _fixed_key("3/5", "2/5")


ASSET005 = Rule(
    code="ASSET005",
    title="A fixed cost-sharing key's parts sum to exactly 1",
    severity="error",
    kind="format",
    confidence="confirmed",
    source=_MODEL,
    url=_MODEL_URL,
    explanation=(
        "A fixed clé de répartition lists each actor's part of the cost; "
        "the parts must add up to exactly 1 (100 %). This is arithmetic on "
        "the document, not a legal requirement."
    ),
    check=_fixed_key_sum,
    applies_to="assets",
    failing_example=Example(build=_asset005_fails, paths=("$.assets[0].cost_key.shares",)),
    passing_example=Example(build=_asset005_passes),
)


# --- ASSET006 ---------------------------------------------------------------


def _outside_pole(context: Context) -> Iterator[Finding]:
    for asset in context.ecosystem.assets:
        if asset.pole is None or context.pole(asset.pole) is None:
            continue
        members = context.member_ids(asset.pole)
        holders = (
            ("owners", "owner", [held.actor for held in asset.owners]),
            ("users", "user", [used.actor for used in asset.users]),
        )
        for field, what, actor_ids in holders:
            for h, actor_id in enumerate(actor_ids):
                if actor_id not in members and context.actor(actor_id) is not None:
                    message = (
                        f"{what} {actor_id!r} of asset {asset.id!r} is not a member of "
                        f"its pôle {asset.pole!r}"
                    )
                    path = context.path_of(asset, field, h, "actor")
                    yield context.finding(message, path, subject=asset.id)


def _pooled_van(user: str) -> Ecosystem:
    pole = Pole(
        id="pole-sud",
        name="Pôle Sud",
        memberships=(Membership(actor="archer", role="lead"), Membership(actor="roux")),
    )
    van = SharedEquipment(
        id="camion",
        name="Camion de livraison",
        pole="pole-sud",
        owners=(Ownership(actor="archer", share=Share.of(1)),),
        users=(Allocation(actor=user),),
    )
    outsider = Company(id="jourdan", name="Ateliers Jourdan")
    return _asset_eco(van, *_pair(), outsider, poles=(pole,))


def _asset006_fails() -> Ecosystem:
    """A company outside the pôle uses the pôle's van."""
    return _pooled_van("jourdan")


def _asset006_passes() -> Ecosystem:
    """A member uses the van."""
    return _pooled_van("roux")


ASSET006 = Rule(
    code="ASSET006",
    title="Owners and users of a pôle's asset are members of the pôle",
    severity="warning",
    kind="heuristic",
    confidence="reading",
    source="Loi n° 2014-856 du 31 juillet 2014, art. 9, I",
    url="https://www.legifrance.gouv.fr/loda/id/JORFTEXT000029313296",
    explanation=(
        "Art. 9 defines a pôle by a common and continuous strategy of "
        "mutualisation, coopération or partenariat among the enterprises it "
        "groups; it does not require that only members own or use what is "
        "pooled. As a heuristic, an asset pooled in a pôle (its `pole`) is "
        "expected to be owned and used by the pôle's members, at some time: "
        "an owner or user with no membership of the pôle is reported, since "
        "it may be a missing membership. It may as well be an outside user "
        "the pôle serves, hence a warning."
    ),
    check=_outside_pole,
    applies_to=("assets", "poles"),
    failing_example=Example(build=_asset006_fails, paths=("$.assets[0].users[0].actor",)),
    passing_example=Example(build=_asset006_passes),
)


RULES: tuple[Rule, ...] = (
    ASSET001,
    ASSET002,
    ASSET003,
    ASSET004,
    ASSET005,
    ASSET006,
)

THEMES: tuple[Theme, ...] = (Theme(prefix="ASSET", title="Mutualised assets", rules=RULES),)
