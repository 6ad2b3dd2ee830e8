"""Reference rules: every id a record uses resolves to a record of the right kind."""

from __future__ import annotations

from collections.abc import Iterator

from ptcekit.model import (
    Actor,
    Association,
    Commitment,
    Company,
    Ecosystem,
    Grouping,
    Membership,
    MutualisedAsset,
    PartnershipAgreement,
    Party,
    Pole,
    SharedEmployee,
    SharedPremises,
)
from ptcekit.rules._engine import Context, Example, Finding, Rule

__all__ = ["RULES"]

#: The document format's own rule: records are declared once, with an id, and referenced by it.
_SOURCE = (
    "ptcekit document format: every record is declared once, with an id, and referenced by that id"
)
_URL = "https://ptcekit.readthedocs.io/en/latest/explanation/format.html"

_KIND_NAMES = {
    Actor: "an actor",
    Pole: "a pôle",
    MutualisedAsset: "an asset",
    PartnershipAgreement: "an agreement",
}


def _what(context: Context, target: str) -> str:
    record = context.record(target)
    if record is None:
        return "which is not declared in the document"
    for cls, name in _KIND_NAMES.items():
        if isinstance(record, cls):
            return f"which is {name} ({context.path(target)})"
    return "which is of another kind"  # pragma: no cover -- every record is one of the four kinds


def _expect(
    context: Context, target: str, *, kind: type, where: str, path: str, subject: str
) -> Iterator[Finding]:
    """Yield a finding if ``target`` is not the id of a record of ``kind``."""
    if not isinstance(context.record(target), kind):
        expected = _KIND_NAMES.get(kind, kind.__name__)
        message = f"{where} refers to {target!r}, {_what(context, target)}; expected {expected}"
        yield context.finding(message, path, subject=subject)


# --- REF001 -----------------------------------------------------------------


def _actors_in_actors(context: Context) -> Iterator[Finding]:
    for a, actor in enumerate(context.ecosystem.actors):
        if isinstance(actor, Grouping):
            for m, member in enumerate(actor.members):
                yield from _expect(
                    context,
                    member,
                    kind=Actor,
                    where=f"grouping {actor.id!r}'s member list",
                    path=f"$.actors[{a}].members[{m}]",
                    subject=actor.id,
                )


def _actors_in_poles(context: Context) -> Iterator[Finding]:
    for p, pole in enumerate(context.ecosystem.poles):
        for m, membership in enumerate(pole.memberships):
            yield from _expect(
                context,
                membership.actor,
                kind=Actor,
                where=f"a membership of pôle {pole.id!r}",
                path=f"$.poles[{p}].memberships[{m}].actor",
                subject=pole.id,
            )
        for field in ("lead", "legal_vehicle"):
            value = getattr(pole, field)
            if value is not None:
                yield from _expect(
                    context,
                    value,
                    kind=Actor,
                    where=f"the {field.replace('_', ' ')} of pôle {pole.id!r}",
                    path=f"$.poles[{p}].{field}",
                    subject=pole.id,
                )


def _actors_in_assets(context: Context) -> Iterator[Finding]:
    for s, asset in enumerate(context.ecosystem.assets):
        used: list[tuple[str, str, str]] = [
            (o.actor, "an owner", f"owners[{n}].actor") for n, o in enumerate(asset.owners)
        ]
        used += [(u.actor, "a user", f"users[{n}].actor") for n, u in enumerate(asset.users)]
        if asset.cost_key is not None:
            used += [
                (k.actor, "the cost-sharing key", f"cost_key.shares[{n}].actor")
                for n, k in enumerate(asset.cost_key.shares)
            ]
        if isinstance(asset, SharedEmployee) and asset.employer is not None:
            used.append((asset.employer, "the employer", "employer"))
        for target, role, field in used:
            yield from _expect(
                context,
                target,
                kind=Actor,
                where=f"{role} of asset {asset.id!r}",
                path=f"$.assets[{s}].{field}",
                subject=asset.id,
            )


def _actors_in_agreements(context: Context) -> Iterator[Finding]:
    for g, agreement in enumerate(context.ecosystem.agreements):
        used = [
            (party.actor, "a party to", f"parties[{q}].actor")
            for q, party in enumerate(agreement.parties)
        ]
        used += [
            (commitment.party, "a commitment of", f"commitments[{k}].party")
            for k, commitment in enumerate(agreement.commitments)
        ]
        for target, role, field in used:
            yield from _expect(
                context,
                target,
                kind=Actor,
                where=f"{role} agreement {agreement.id!r}",
                path=f"$.agreements[{g}].{field}",
                subject=agreement.id,
            )


def _actor_references(context: Context) -> Iterator[Finding]:
    yield from _actors_in_actors(context)
    yield from _actors_in_poles(context)
    yield from _actors_in_assets(context)
    yield from _actors_in_agreements(context)


def _ref001_fails() -> Ecosystem:
    """A membership names an actor that the document does not declare."""
    return Ecosystem(
        actors=(Association(id="archer", name="Archer"),),
        poles=(
            Pole(
                id="pole-sud",
                name="Pôle Sud",
                memberships=(Membership(actor="archer"), Membership(actor="nef")),
            ),
        ),
    )


def _ref001_passes() -> Ecosystem:
    """Every member is a declared actor."""
    return Ecosystem(
        actors=(Association(id="archer", name="Archer"), Company(id="nef", name="La Nef")),
        poles=(
            Pole(
                id="pole-sud",
                name="Pôle Sud",
                memberships=(Membership(actor="archer"), Membership(actor="nef")),
            ),
        ),
    )


# --- REF002 -----------------------------------------------------------------


def _pole_references(context: Context) -> Iterator[Finding]:
    eco = context.ecosystem
    for s, asset in enumerate(eco.assets):
        if asset.pole is not None:
            yield from _expect(
                context,
                asset.pole,
                kind=Pole,
                where=f"asset {asset.id!r}",
                path=f"$.assets[{s}].pole",
                subject=asset.id,
            )
    for g, agreement in enumerate(eco.agreements):
        if agreement.pole is not None:
            yield from _expect(
                context,
                agreement.pole,
                kind=Pole,
                where=f"agreement {agreement.id!r}",
                path=f"$.agreements[{g}].pole",
                subject=agreement.id,
            )


def _ref002_fails() -> Ecosystem:
    """An asset is pooled in "pole-sud", which is an actor, not a pôle."""
    return Ecosystem(
        actors=(Association(id="pole-sud", name="Association Pôle Sud"),),
        assets=(SharedPremises(id="batiment", name="Bâtiment", pole="pole-sud"),),
    )


def _ref002_passes() -> Ecosystem:
    """The asset's pôle is a pôle."""
    return Ecosystem(
        poles=(Pole(id="pole-sud", name="Pôle Sud"),),
        assets=(SharedPremises(id="batiment", name="Bâtiment", pole="pole-sud"),),
    )


# --- REF003 -----------------------------------------------------------------


def _asset_references(context: Context) -> Iterator[Finding]:
    for g, agreement in enumerate(context.ecosystem.agreements):
        for k, commitment in enumerate(agreement.commitments):
            if commitment.asset is not None:
                yield from _expect(
                    context,
                    commitment.asset,
                    kind=MutualisedAsset,
                    where=f"a commitment of agreement {agreement.id!r}",
                    path=f"$.agreements[{g}].commitments[{k}].asset",
                    subject=agreement.id,
                )


def _two_partners() -> tuple[Actor, ...]:
    return (Association(id="archer", name="Archer"), Company(id="nef", name="La Nef"))


def _ref003_fails() -> Ecosystem:
    """A commitment gives the use of an asset that is not declared."""
    return Ecosystem(
        actors=_two_partners(),
        agreements=(
            PartnershipAgreement(
                id="convention",
                title="Convention de mutualisation",
                kind="mutualisation",
                parties=(Party(actor="archer"), Party(actor="nef")),
                commitments=(Commitment(party="archer", kind="asset_use", asset="camion"),),
            ),
        ),
    )


def _ref003_passes() -> Ecosystem:
    """The commitment's asset is declared."""
    return Ecosystem(
        actors=_two_partners(),
        assets=(SharedPremises(id="camion", name="Local"),),
        agreements=(
            PartnershipAgreement(
                id="convention",
                title="Convention de mutualisation",
                kind="mutualisation",
                parties=(Party(actor="archer"), Party(actor="nef")),
                commitments=(Commitment(party="archer", kind="asset_use", asset="camion"),),
            ),
        ),
    )


# --- REF004 -----------------------------------------------------------------


def _agreement_references(context: Context) -> Iterator[Finding]:
    for s, asset in enumerate(context.ecosystem.assets):
        if asset.agreement is not None:
            yield from _expect(
                context,
                asset.agreement,
                kind=PartnershipAgreement,
                where=f"asset {asset.id!r}",
                path=f"$.assets[{s}].agreement",
                subject=asset.id,
            )


def _ref004_fails() -> Ecosystem:
    """An asset is governed by an agreement that is not declared."""
    return Ecosystem(
        actors=_two_partners(),
        assets=(SharedPremises(id="batiment", name="Bâtiment", agreement="convention"),),
    )


def _ref004_passes() -> Ecosystem:
    """The asset's agreement is declared."""
    return Ecosystem(
        actors=_two_partners(),
        assets=(SharedPremises(id="batiment", name="Bâtiment", agreement="convention"),),
        agreements=(
            PartnershipAgreement(
                id="convention",
                title="Convention d'occupation",
                kind="mutualisation",
                parties=(Party(actor="archer"), Party(actor="nef")),
            ),
        ),
    )


# --- REF005 -----------------------------------------------------------------


def _commitment_parties(context: Context) -> Iterator[Finding]:
    for g, agreement in enumerate(context.ecosystem.agreements):
        parties = frozenset(agreement.party_ids)
        for k, commitment in enumerate(agreement.commitments):
            if commitment.party not in parties:
                message = (
                    f"commitment {k} of agreement {agreement.id!r} is made by "
                    f"{commitment.party!r}, who is not a party to it "
                    f"(parties: {', '.join(sorted(parties))})"
                )
                path = f"$.agreements[{g}].commitments[{k}].party"
                yield context.finding(message, path, subject=agreement.id)


def _commitment_by(party: str) -> Ecosystem:
    return Ecosystem(
        actors=(*_two_partners(), Company(id="roux", name="Tannerie Roux")),
        agreements=(
            PartnershipAgreement(
                id="convention",
                title="Convention de partenariat",
                kind="partnership",
                parties=(Party(actor="archer"), Party(actor="nef")),
                commitments=(Commitment(party=party, kind="service"),),
            ),
        ),
    )


def _ref005_fails() -> Ecosystem:
    """The tannery commits under an agreement it has not signed."""
    return _commitment_by("roux")


def _ref005_passes() -> Ecosystem:
    """The commitment is made by a party."""
    return _commitment_by("nef")


RULES: tuple[Rule, ...] = (
    Rule(
        code="REF001",
        title="Every actor id used by a record names an actor",
        severity="error",
        kind="format",
        confidence="confirmed",
        source=_SOURCE,
        url=_URL,
        explanation=(
            "Memberships, a pôle's lead and legal vehicle, owners, users, "
            "cost-sharing key shares, a shared employee's employer, the parties "
            "and commitments of agreements, and the members of a grouping refer "
            "to actors by id. Each id must be declared in the document's "
            "`actors` list: an id that is not declared, or that names a pôle, "
            "an asset or an agreement, is reported where it is used. "
            "This is a data rule of ptcekit's document model, not a legal one."
        ),
        check=_actor_references,
        applies_to=("actors", "poles", "assets", "agreements"),
        failing_example=Example(build=_ref001_fails, paths=("$.poles[0].memberships[1].actor",)),
        passing_example=Example(build=_ref001_passes),
    ),
    Rule(
        code="REF002",
        title="Every pôle id used by an asset or an agreement names a pôle",
        severity="error",
        kind="format",
        confidence="confirmed",
        source=_SOURCE,
        url=_URL,
        explanation=(
            "An asset's `pole` and an agreement's `pole` must name a pôle "
            "declared in the document's `poles` list."
        ),
        check=_pole_references,
        applies_to=("assets", "agreements"),
        failing_example=Example(build=_ref002_fails, paths=("$.assets[0].pole",)),
        passing_example=Example(build=_ref002_passes),
    ),
    Rule(
        code="REF003",
        title="Every asset id used by a commitment names an asset",
        severity="error",
        kind="format",
        confidence="confirmed",
        source=_SOURCE,
        url=_URL,
        explanation=(
            "A commitment's `asset` (the use of a shared asset, for instance) "
            "must name an asset declared in the document's `assets` list."
        ),
        check=_asset_references,
        applies_to=("agreements",),
        failing_example=Example(
            build=_ref003_fails, paths=("$.agreements[0].commitments[0].asset",)
        ),
        passing_example=Example(build=_ref003_passes),
    ),
    Rule(
        code="REF004",
        title="Every agreement id used by an asset names an agreement",
        severity="error",
        kind="format",
        confidence="confirmed",
        source=_SOURCE,
        url=_URL,
        explanation=(
            "An asset's `agreement` (the convention that governs it) must name "
            "an agreement declared in the document's `agreements` list."
        ),
        check=_agreement_references,
        applies_to=("assets",),
        failing_example=Example(build=_ref004_fails, paths=("$.assets[0].agreement",)),
        passing_example=Example(build=_ref004_passes),
    ),
    Rule(
        code="REF005",
        title="A commitment's party is a party to its agreement",
        severity="error",
        kind="format",
        confidence="confirmed",
        source=_SOURCE,
        url=_URL,
        explanation=(
            "Under a convention, only its signatories commit (a contract creates "
            "obligations only between its parties, Code civil, art. 1199): the "
            "`party` of each commitment must be one of the agreement's `parties`."
        ),
        check=_commitment_parties,
        applies_to=("agreements",),
        failing_example=Example(
            build=_ref005_fails, paths=("$.agreements[0].commitments[0].party",)
        ),
        passing_example=Example(build=_ref005_passes),
    ),
)
