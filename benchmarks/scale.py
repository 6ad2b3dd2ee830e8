"""A fast, deterministic generator of national-scale ecosystems, for the benchmarks.

:func:`build_ecosystem` makes a realistic document of the size of the French
ESS seen by a national observatory: every actor kind with valid identifiers
(SIRENs with a correct Luhn digit, SIRETs of the actor's SIREN, RNA numbers
for associations), seats in valid communes, pôles of about fifteen dated
memberships of actors seated in one département, on a territory that holds
them, assets of every kind owned and used by their pôle's members, whose
owners' exact shares sum to 1 and whose allocations fit, and agreements whose
commitments come from their parties (a public body among the parties of
public funding). Every reference resolves, and the rules find what a real
document would show: a few hundred findings per ten thousand records, not one
per record. It uses :class:`random.Random`, not hypothesis, so that a
hundred thousand actors take seconds.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from fractions import Fraction
from typing import Any

from ptcekit.identifiers import commune, departement
from ptcekit.model import (
    Actor,
    AgreementKind,
    Allocation,
    AssociateCategory,
    AssociateRole,
    Association,
    Commitment,
    CommitmentKind,
    Company,
    CompanyForm,
    Cooperative,
    CooperativeKind,
    CostSharingKey,
    CostSharingMethod,
    Ecosystem,
    Foundation,
    Grouping,
    GroupingKind,
    ImmaterialAsset,
    ImmaterialKind,
    KeyShare,
    LegalStatus,
    MemberRole,
    Membership,
    Money,
    Mutual,
    MutualisedAsset,
    MutualKind,
    Ownership,
    PartnershipAgreement,
    Party,
    Period,
    Person,
    Place,
    Pole,
    PublicBody,
    PublicBodyKind,
    Quantity,
    Recurrence,
    Renewal,
    ResearchBody,
    Share,
    SharedEmployee,
    SharedEquipment,
    SharedFund,
    SharedPremises,
    SharedService,
    Territory,
    TerritoryLevel,
    TrainingBody,
)

__all__ = ["build_ecosystem", "build_records"]

_LA_POSTE = "356000000"
_NAF = ("88.99B", "94.99Z", "85.59A", "38.32Z", "56.10A", "62.01Z", "90.01Z", "81.21Z", "01.13Z")
_DOMAINS = ("recyclage", "culture", "alimentation", "mobilité", "numérique", "insertion")
_UNITS = ("h", "day", "m2", "km")
_START = dt.date(2005, 1, 1)

#: Actor kinds and their weight in the mix (associations dominate the ESS).
_KINDS = (
    ("association", 45),
    ("company", 18),
    ("cooperative", 8),
    ("person", 8),
    ("public_body", 7),
    ("training_body", 4),
    ("grouping", 3),
    ("foundation", 3),
    ("mutual", 2),
    ("research_body", 2),
)


def _luhn_digit(digits: str) -> str:
    """The digit that makes ``digits`` followed by it pass the Luhn check."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 0:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return str((10 - total % 10) % 10)


class _Maker:
    """Builds the records of one document from one seeded random generator."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        deps = sorted(departement.NAMES)
        # a few communes per département: structurally valid COG codes
        self.communes = [
            f"{dep}{n:02d}" if len(dep) == 3 else f"{dep}{n:03d}"
            for dep in deps
            for n in range(1, 40, 3)
        ]
        self.departements = deps
        self.next_siren = 10_000_000

    def siren(self) -> str:
        """A new SIREN, unique in the document, with its Luhn check digit."""
        while True:
            base = f"{self.next_siren:08d}"
            self.next_siren += 7
            number = base + _luhn_digit(base)
            if number != _LA_POSTE:
                return number

    def sirets(self, siren: str) -> tuple[str, ...]:
        """One to three SIRETs of ``siren``."""
        out = []
        for nic in range(1, self.rng.randint(1, 3) + 1):
            base = f"{siren}{nic:04d}"
            out.append(base + _luhn_digit(base))
        return tuple(out)

    def day(self, low: int = 0, high: int = 7000) -> dt.date:
        return _START + dt.timedelta(days=self.rng.randint(low, high))

    def period(self) -> Period:
        start = self.day(0, 6000)
        if self.rng.random() < 0.6:
            return Period(start=start)
        return Period(start=start, end=start + dt.timedelta(days=self.rng.randint(180, 3000)))

    def money(self, low: int, high: int) -> Money:
        cents = self.rng.randint(low * 100, high * 100)
        return Money(amount=Decimal(cents).scaleb(-2))

    def parts_of_one(self, count: int) -> list[Fraction]:
        weights = [self.rng.randint(1, 6) for _ in range(count)]
        total = sum(weights)
        return [Fraction(w, total) for w in weights]

    def common(self, actor_id: str, n: int, *, legal: bool = True) -> dict[str, Any]:
        """The fields every organisation shares."""
        rng = self.rng
        fields: dict[str, Any] = {
            "id": actor_id,
            "name": f"Structure {n}",
            "seat": Place(commune=rng.choice(self.communes)),
            "founded": self.day(),
            "headcount": rng.randint(0, 250),
            "naf": rng.choice(_NAF),
        }
        if legal:
            number = self.siren()
            fields["siren"] = number
            fields["sirets"] = self.sirets(number)
        return fields

    def actor(self, kind: str, actor_id: str, n: int, actor_ids: list[str]) -> Actor:
        rng = self.rng
        if kind == "person":
            return Person(id=actor_id, name=f"Personne {n}")
        fields = self.common(actor_id, n)
        if kind == "association":
            return Association(
                **fields,
                rna=f"W{rng.randint(0, 999_999_999):09d}",
                legal_category=rng.choice(("9220", "9221", "9222")),
            )
        if kind == "company":
            ess = rng.random() < 0.2
            return Company(
                **fields,
                form=rng.choice((CompanyForm.SAS, CompanyForm.SARL, CompanyForm.SA)),
                legal_category=rng.choice(("5710", "5499", "5599")),
                ess_statutes=ess,
            )
        if kind == "cooperative":
            capital, votes = self.parts_of_one(3)[:2], self.parts_of_one(3)[:2]
            return Cooperative(
                **fields,
                kind=rng.choice(list(CooperativeKind)),
                form=CompanyForm.SARL,
                legal_category=rng.choice(("5458", "5460")),
                capital=self.money(1_000, 500_000),
                associates=(
                    AssociateCategory(
                        role=AssociateRole.EMPLOYEE,
                        count=rng.randint(1, 40),
                        capital_share=capital[0],
                        vote_share=votes[0],
                    ),
                    AssociateCategory(
                        role=AssociateRole.BENEFICIARY,
                        count=rng.randint(1, 200),
                        capital_share=capital[1],
                        vote_share=votes[1],
                    ),
                ),
            )
        if kind == "public_body":
            return PublicBody(
                **fields, kind=rng.choice(list(PublicBodyKind)), legal_category="7210"
            )
        if kind == "training_body":
            return TrainingBody(
                **fields, legal_status=LegalStatus.ASSOCIATION, legal_category="9220"
            )
        if kind == "research_body":
            return ResearchBody(**fields, legal_status=LegalStatus.PUBLIC, legal_category="7383")
        if kind == "foundation":
            return Foundation(**fields, legal_category="9300")
        if kind == "mutual":
            return Mutual(**fields, kind=MutualKind.MUTUELLE, legal_category="8210")
        members = rng.sample(actor_ids, min(len(actor_ids), rng.randint(2, 6)))
        return Grouping(
            **fields,
            kind=GroupingKind.EMPLOYER_GROUP,
            legal_category="9223",
            members=tuple(m for m in members if m != actor_id),
        )

    def territory(self, dep: str, members: list[Actor]) -> Territory:
        """The pôle's territory: its département, or the communes its members sit in."""
        if self.rng.random() < 0.5:
            codes = tuple(sorted({m.seat.commune for m in members if m.seat is not None}))
            return Territory(
                name=f"Bassin {dep}", level=TerritoryLevel.CUSTOM, codes=codes, cog_year=2024
            )
        return Territory(
            name=departement.label(dep),
            level=TerritoryLevel.DEPARTEMENT,
            codes=(dep,),
            cog_year=2024,
        )

    def pole(
        self, pole_id: str, n: int, local: dict[str, list[Actor]], organisations: list[str]
    ) -> Pole:
        """A pôle of 13 to 17 actors seated in one département, as real pôles are local."""
        rng = self.rng
        dep = rng.choice(sorted(local))
        members = rng.sample(local[dep], min(len(local[dep]), rng.randint(13, 17)))
        memberships = []
        for position, actor in enumerate(members):
            if position == 0:
                role = MemberRole.LEAD
            elif position < 3:
                role = MemberRole.FOUNDER
            else:
                role = rng.choice((MemberRole.MEMBER, MemberRole.MEMBER, MemberRole.PARTNER))
            memberships.append(Membership(actor=actor.id, role=role, period=self.period()))
        return Pole(
            id=pole_id,
            name=f"Pôle {n}",
            territory=self.territory(dep, members),
            founded=self.day(),
            lead=members[0].id if members else None,
            legal_vehicle=rng.choice(organisations) if organisations else None,
            domains=tuple(rng.sample(_DOMAINS, 2)),
            memberships=tuple(memberships),
        )

    def allocation(self, actor: str, users: int) -> Allocation:
        """One of ``users`` allocations, small enough that together they fit any asset."""
        rng = self.rng
        measure = rng.randrange(3)
        period = self.period()
        if measure == 0:
            # at most half of the asset's use between all its users
            share = Fraction(1, 2 * users * rng.randint(1, 3))
            return Allocation(actor=actor, period=period, share=Share(fraction=share))
        if measure == 1:
            # at most a tenth of an FTE between all users; a shared employee has at least 0.2
            return Allocation(actor=actor, period=period, fte=Fraction(1, 10 * users))
        return Allocation(actor=actor, period=period, hours=Decimal(rng.randint(10, 1600)))

    def asset(
        self,
        asset_id: str,
        n: int,
        actor_ids: list[str],
        organisations: list[str],
        pole_ids: list[str],
        agreement_ids: list[str],
        pole_members: dict[str, list[str]],
    ) -> MutualisedAsset:
        rng = self.rng
        pole = rng.choice(pole_ids) if pole_ids and rng.random() < 0.6 else None
        # a pôle's assets are owned and used by its members
        pool = pole_members[pole] if pole is not None else actor_ids
        owners = rng.sample(pool, min(len(pool), rng.randint(1, 3)))
        held = self.period()
        users = rng.sample(pool, min(len(pool), rng.randint(2, 6)))
        if rng.random() < 0.3:
            parts = self.parts_of_one(len(users))
            key = CostSharingKey(
                method=CostSharingMethod.FIXED,
                shares=tuple(
                    KeyShare(actor=u, fraction=f) for u, f in zip(users, parts, strict=True)
                ),
            )
        else:
            key = CostSharingKey(
                method=rng.choice((CostSharingMethod.EQUAL, CostSharingMethod.PRO_RATA_USE))
            )
        fields: dict[str, Any] = {
            "id": asset_id,
            "name": f"Ressource {n}",
            "owners": tuple(
                Ownership(actor=o, share=Share(fraction=f), period=held)
                for o, f in zip(owners, self.parts_of_one(len(owners)), strict=True)
            ),
            "users": tuple(self.allocation(u, len(users)) for u in users),
            "annual_cost": self.money(500, 200_000),
            "cost_key": key,
            "pole": pole,
            "agreement": rng.choice(agreement_ids)
            if agreement_ids and rng.random() < 0.5
            else None,
        }
        kind = n % 6
        if kind == 0:
            return SharedPremises(
                **fields,
                area=Decimal(rng.randint(20, 3000)),
                place=Place(commune=rng.choice(self.communes)),
            )
        if kind == 1:
            return SharedEquipment(**fields, vehicle=rng.random() < 0.4)
        if kind == 2:
            return SharedEmployee(
                **fields,
                fte=Fraction(rng.randint(2, 10), 10),
                employer=rng.choice(organisations) if organisations else None,
                job="Comptable",
            )
        if kind == 3:
            return SharedFund(**fields, endowment=self.money(10_000, 2_000_000))
        if kind == 4:
            return SharedService(**fields, service="Accueil et secrétariat")
        return ImmaterialAsset(**fields, kind=rng.choice(list(ImmaterialKind)))

    def commitment(self, party: str, asset_ids: list[str]) -> Commitment:
        rng = self.rng
        kind = rng.choice(list(CommitmentKind))
        if kind is CommitmentKind.MONEY or rng.random() < 0.3:
            return Commitment(
                party=party,
                kind=kind,
                amount=self.money(100, 100_000),
                recurrence=rng.choice(list(Recurrence)),
            )
        return Commitment(
            party=party,
            kind=kind,
            quantity=Quantity(value=Decimal(rng.randint(1, 500)), unit=rng.choice(_UNITS)),
            asset=rng.choice(asset_ids) if kind is CommitmentKind.ASSET_USE and asset_ids else None,
        )

    def agreement(
        self,
        agreement_id: str,
        n: int,
        actor_ids: list[str],
        asset_ids: list[str],
        pole_ids: list[str],
        public_ids: list[str],
    ) -> PartnershipAgreement:
        rng = self.rng
        parties = rng.sample(actor_ids, rng.randint(2, min(5, len(actor_ids))))
        kind = rng.choice(list(AgreementKind))
        if kind is AgreementKind.PUBLIC_FUNDING and public_ids:
            # public funding comes from a public body
            funder = rng.choice(public_ids)
            parties = [funder, *(p for p in parties if p != funder)][: max(2, len(parties))]
        return PartnershipAgreement(
            id=agreement_id,
            title=f"Convention {n}",
            kind=kind,
            parties=tuple(Party(actor=a) for a in parties),
            period=self.period(),
            signed=self.day(),
            renewal=rng.choice(list(Renewal)),
            commitments=tuple(
                self.commitment(rng.choice(parties), asset_ids) for _ in range(rng.randint(1, 4))
            ),
            pole=rng.choice(pole_ids) if pole_ids and rng.random() < 0.4 else None,
        )


def build_records(
    *,
    actors: int = 100_000,
    poles: int = 2_000,
    assets: int = 20_000,
    agreements: int = 20_000,
    seed: int = 0,
) -> dict[str, Any]:
    """Build the records of a document, without the Ecosystem that indexes them.

    Args:
        actors: how many actors (at least 2 when there are agreements).
        poles: how many pôles.
        assets: how many mutualised assets.
        agreements: how many agreements.
        seed: the seed of the random generator; one seed, one document.

    Returns:
        The keyword arguments of :class:`~ptcekit.model.Ecosystem`: the
        ``actors``, ``poles``, ``assets`` and ``agreements`` tuples.
    """
    maker = _Maker(seed)
    rng = maker.rng
    actor_ids = [f"a{n}" for n in range(actors)]
    pole_ids = [f"p{n}" for n in range(poles)]
    asset_ids = [f"s{n}" for n in range(assets)]
    agreement_ids = [f"g{n}" for n in range(agreements)]
    names = [kind for kind, _ in _KINDS]
    weights = [weight for _, weight in _KINDS]
    kinds = rng.choices(names, weights=weights, k=actors)
    built_actors = tuple(
        maker.actor(kind, actor_id, n, actor_ids)
        for n, (kind, actor_id) in enumerate(zip(kinds, actor_ids, strict=True))
    )
    organisations = [a.id for a in built_actors if not isinstance(a, Person)]
    public_ids = [a.id for a in built_actors if isinstance(a, PublicBody)]
    local: dict[str, list[Actor]] = {}
    for actor in built_actors:
        # the pôles are drawn by département: seats in a collectivité d'outre-mer (no département) are left out
        dep = None if actor.seat is None else commune.departement_of(actor.seat.commune)
        if dep is not None:
            local.setdefault(dep, []).append(actor)
    if not local:
        # a document of persons only: every actor counts as local to one place
        local = {"75": list(built_actors)}
    built_poles = tuple(
        maker.pole(pole_id, n, local, organisations) for n, pole_id in enumerate(pole_ids)
    )
    pole_members = {pole.id: list(pole.member_ids()) for pole in built_poles}
    built_assets = tuple(
        maker.asset(asset_id, n, actor_ids, organisations, pole_ids, agreement_ids, pole_members)
        for n, asset_id in enumerate(asset_ids)
    )
    built_agreements = tuple(
        maker.agreement(agreement_id, n, actor_ids, asset_ids, pole_ids, public_ids)
        for n, agreement_id in enumerate(agreement_ids)
    )
    return {
        "actors": built_actors,
        "poles": built_poles,
        "assets": built_assets,
        "agreements": built_agreements,
    }


def build_ecosystem(
    *,
    actors: int = 100_000,
    poles: int = 2_000,
    assets: int = 20_000,
    agreements: int = 20_000,
    seed: int = 0,
) -> Ecosystem:
    """Build a national-scale ecosystem whose references all resolve.

    Args:
        actors: how many actors (at least 2 when there are agreements).
        poles: how many pôles (about 15 members each).
        assets: how many mutualised assets (1–3 owners, 2–6 users each).
        agreements: how many agreements (2–5 parties, 1–4 commitments each).
        seed: the seed of the random generator; one seed, one document.

    Returns:
        The :class:`~ptcekit.model.Ecosystem`.
    """
    records: dict[str, Any] = build_records(
        actors=actors, poles=poles, assets=assets, agreements=agreements, seed=seed
    )
    return Ecosystem(name=f"France (seed {seed})", as_of=dt.date(2024, 12, 31), **records)
