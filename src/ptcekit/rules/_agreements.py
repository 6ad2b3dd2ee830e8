"""Agreement rules: public funding, agreements that have ended, commitments within their term."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ptcekit.model import AgreementKind as Kind
from ptcekit.model import (
    Association,
    Commitment,
    Ecosystem,
    Money,
    PartnershipAgreement,
    Party,
    Period,
    PublicBody,
    Renewal,
    Sector,
    SharedPremises,
)
from ptcekit.rules._context import Context
from ptcekit.rules._report import Finding, Unchecked
from ptcekit.rules._rule import Example, Rule, Theme

__all__ = ["RULES", "THEMES"]

#: The model of agreements, which the heuristics read.
_MODEL = "ptcekit model of partnership agreements: parties, a term, its renewal, dated commitments"
_MODEL_URL = (
    "https://ptcekit.readthedocs.io/en/latest/reference/model.html"
    "#ptcekit.model.PartnershipAgreement"
)


def _parties() -> tuple[Association, Association, PublicBody]:
    return (
        Association(id="archer", name="Archer"),
        Association(id="cress", name="CRESS Auvergne-Rhône-Alpes"),
        PublicBody(id="region", name="Région Auvergne-Rhône-Alpes", kind="region"),
    )


# --- AGR001 -----------------------------------------------------------------


def _public_funder(context: Context) -> Iterator[Finding]:
    for agreement in context.ecosystem.agreements:
        if agreement.kind is not Kind.PUBLIC_FUNDING:
            continue
        actors = [context.actor(party) for party in agreement.party_ids]
        if any(actor is None for actor in actors):
            continue  # REF001 reports the unknown party; its sector cannot be known
        if not any(actor is not None and actor.sector is Sector.PUBLIC for actor in actors):
            message = (
                f"agreement {agreement.id!r} is a public-funding agreement, but none of its "
                f"parties ({', '.join(agreement.party_ids)}) is a public body: check who "
                "grants the money, or whether a private-law intermediary channels it"
            )
            yield context.finding(
                message, context.path_of(agreement, "parties"), subject=agreement.id
            )


def _funding(funder: str) -> Ecosystem:
    return Ecosystem(
        as_of=dt.date(2024, 6, 30),
        actors=_parties(),
        agreements=(
            PartnershipAgreement(
                id="cpo",
                title="Convention pluriannuelle d'objectifs",
                kind="public_funding",
                parties=(Party(actor="archer", role="bénéficiaire"), Party(actor=funder)),
                commitments=(Commitment(party=funder, kind="money", amount=Money(amount=30000)),),
            ),
        ),
    )


def _agr001_fails() -> Ecosystem:
    """The "funder" of a public-funding agreement is the CRESS, an association."""
    return _funding("cress")


def _agr001_passes() -> Ecosystem:
    """The region funds."""
    return _funding("region")


AGR001 = Rule(
    code="AGR001",
    title="A public-funding agreement has a public-body party",
    severity="warning",
    kind="heuristic",
    confidence="reading",
    source=(
        "Loi n° 2000-321 du 12 avril 2000, art. 9-1 and 10 "
        "(subventions granted by the autorités administratives)"
    ),
    url="https://www.legifrance.gouv.fr/loda/id/JORFTEXT000000215117",
    explanation=(
        "A subvention is granted by an autorité administrative (the State, a "
        "collectivité, a public body) or by a body managing a public "
        "industrial and commercial service, and above a threshold set by "
        "decree it is granted under a convention with the private-law "
        "body that receives it (loi n° 2000-321, art. 9-1 and 10). So an "
        "agreement of kind `public_funding` (a convention pluriannuelle "
        "d'objectifs, a subsidy) usually has a party in the public sector: a "
        "public body, a GIP, or a research or training body of public "
        "status. Public money often comes through private-law intermediaries "
        "too (Bpifrance, France Active, a fund manager, the manager of a "
        "public service), so a public-funding agreement with no public party "
        "is a warning, not an error. Not checked while a party is unknown "
        "(REF001)."
    ),
    check=_public_funder,
    applies_to=("agreements", "actors"),
    failing_example=Example(build=_agr001_fails, paths=("$.agreements[0].parties",)),
    passing_example=Example(build=_agr001_passes),
)


# --- AGR002 -----------------------------------------------------------------


def _ended(agreement: PartnershipAgreement, day: dt.date) -> dt.date | None:
    """Return the agreement's end if it ended before ``day`` with no tacit renewal."""
    if agreement.period is None or agreement.renewal is Renewal.TACIT:
        return None
    end = agreement.period.end
    return end if end is not None and end < day else None


def _asset_agreement_ended(context: Context) -> Iterator[Finding | Unchecked]:
    for asset in context.ecosystem.assets:
        agreement = None if asset.agreement is None else context.agreement(asset.agreement)
        if agreement is None:
            continue
        if agreement.period is None:
            reason = (
                f"asset {asset.id!r} is governed by agreement {agreement.id!r}, whose term "
                "is not recorded: whether it is still in force is unknown"
            )
            yield context.unchecked(reason, context.path_of(asset, "agreement"), subject=asset.id)
            continue
        end = _ended(agreement, context.as_of)
        if end is not None:
            message = (
                f"asset {asset.id!r} is governed by agreement {agreement.id!r}, which ended "
                f"on {end.isoformat()}, before {context.as_of.isoformat()}"
            )
            yield context.finding(message, context.path_of(asset, "agreement"), subject=asset.id)


def _occupancy(renewal: str) -> Ecosystem:
    return Ecosystem(
        as_of=dt.date(2024, 6, 30),
        actors=_parties(),
        assets=(SharedPremises(id="batiment", name="Bâtiment", agreement="occupation"),),
        agreements=(
            PartnershipAgreement(
                id="occupation",
                title="Convention d'occupation",
                kind="mutualisation",
                parties=(Party(actor="archer"), Party(actor="cress")),
                period=Period(start=dt.date(2021, 1, 1), end=dt.date(2023, 12, 31)),
                renewal=renewal,
            ),
        ),
    )


def _agr002_fails() -> Ecosystem:
    """The building's agreement ended at the end of 2023 and is not renewed."""
    return _occupancy("none")


def _agr002_passes() -> Ecosystem:
    """The same agreement, renewed tacitly."""
    return _occupancy("tacit")


AGR002 = Rule(
    code="AGR002",
    title="The agreement that governs an asset is still in force",
    severity="warning",
    kind="heuristic",
    confidence="reading",
    source=_MODEL,
    url=_MODEL_URL,
    explanation=(
        "An asset's `agreement` is the convention under which it is shared. "
        "If that agreement ended before the date the rules run as of, and "
        "is not tacitly renewed, the asset is shared without a convention "
        "in force, or the document is out of date. An agreement whose term "
        "is not recorded is listed among the checks that could not run."
    ),
    check=_asset_agreement_ended,
    applies_to=("assets", "agreements"),
    failing_example=Example(build=_agr002_fails, paths=("$.assets[0].agreement",)),
    passing_example=Example(build=_agr002_passes),
)


# --- AGR003 -----------------------------------------------------------------


def _commitments_in_term(context: Context) -> Iterator[Finding | Unchecked]:
    for agreement in context.ecosystem.agreements:
        term = agreement.period
        if term is None:
            if any(commitment.period is not None for commitment in agreement.commitments):
                reason = (
                    f"agreement {agreement.id!r} has dated commitments, but its own term "
                    "is not recorded"
                )
                yield context.unchecked(reason, context.path_of(agreement), subject=agreement.id)
            continue
        if agreement.renewal is Renewal.TACIT:
            term = Period(start=term.start)
        for k, commitment in enumerate(agreement.commitments):
            if commitment.period is not None and not term.covers(commitment.period):
                message = (
                    f"commitment {k} of agreement {agreement.id!r} runs {commitment.period}, "
                    f"outside the agreement's term {term}"
                )
                path = context.path_of(agreement, "commitments", k, "period")
                yield context.finding(message, path, subject=agreement.id)


def _committed(end: dt.date) -> Ecosystem:
    return Ecosystem(
        as_of=dt.date(2024, 6, 30),
        actors=_parties(),
        agreements=(
            PartnershipAgreement(
                id="cpo",
                title="Convention pluriannuelle d'objectifs",
                kind="public_funding",
                parties=(Party(actor="archer"), Party(actor="region")),
                period=Period(start=dt.date(2023, 1, 1), end=dt.date(2025, 12, 31)),
                commitments=(
                    Commitment(
                        party="region",
                        kind="money",
                        amount=Money(amount=30000),
                        recurrence="yearly",
                        period=Period(start=dt.date(2023, 1, 1), end=end),
                    ),
                ),
            ),
        ),
    )


def _agr003_fails() -> Ecosystem:
    """A yearly grant committed until 2026 under an agreement that ends in 2025."""
    return _committed(dt.date(2026, 12, 31))


def _agr003_passes() -> Ecosystem:
    """The grant runs within the agreement's term."""
    return _committed(dt.date(2025, 12, 31))


AGR003 = Rule(
    code="AGR003",
    title="Commitments run within their agreement's term",
    severity="warning",
    kind="heuristic",
    confidence="reading",
    source=_MODEL,
    url=_MODEL_URL,
    explanation=(
        "A commitment with its own period must fall within the agreement's "
        "period; a commitment that starts before the agreement or runs past "
        "its end is reported. With tacit renewal, running past the end is "
        "allowed. An agreement with dated commitments but no term of its own "
        "is listed among the checks that could not run."
    ),
    check=_commitments_in_term,
    applies_to="agreements",
    failing_example=Example(build=_agr003_fails, paths=("$.agreements[0].commitments[0].period",)),
    passing_example=Example(build=_agr003_passes),
)


RULES: tuple[Rule, ...] = (
    AGR001,
    AGR002,
    AGR003,
)

THEMES: tuple[Theme, ...] = (Theme(prefix="AGR", title="Agreements", rules=RULES),)
