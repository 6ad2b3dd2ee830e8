"""Identity rules: identifiers, INSEE legal categories and the sector an actor claims."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ptcekit.identifiers import legal_category
from ptcekit.identifiers.legal_category import LegalCategory, LegalFamily
from ptcekit.model import (
    Actor,
    Association,
    Company,
    Cooperative,
    Ecosystem,
    EsusApproval,
    Foundation,
    Grouping,
    GroupingKind,
    LegalStatus,
    Mutual,
    Period,
    Person,
    PublicBody,
    ResearchBody,
    TrainingBody,
)
from ptcekit.rules._engine import Context, Example, Finding, Rule

__all__ = ["RULES"]

# --- ID001 ------------------------------------------------------------------


def _siret_siren(context: Context) -> Iterator[Finding]:
    for a, actor in enumerate(context.ecosystem.actors):
        if actor.siren is None:
            continue
        for s, number in enumerate(actor.sirets):
            if number[:9] != actor.siren:
                message = (
                    f"SIRET {number} of actor {actor.id!r} belongs to SIREN {number[:9]}, "
                    f"not to the actor's SIREN {actor.siren}"
                )
                yield context.finding(message, f"$.actors[{a}].sirets[{s}]", subject=actor.id)


def _id001_fails() -> Ecosystem:
    """The establishment's SIRET starts with another company's SIREN."""
    return Ecosystem(
        actors=(
            Company(
                id="roux",
                name="Tannerie Roux",
                siren="732829320",
                sirets=("73282932000074", "35600000000048"),
            ),
        ),
    )


def _id001_passes() -> Ecosystem:
    """The SIRET is the SIREN followed by the establishment's NIC."""
    return Ecosystem(
        actors=(
            Company(id="roux", name="Tannerie Roux", siren="732829320", sirets=("73282932000074",)),
        ),
    )


# --- ID002 and ID003 --------------------------------------------------------

_STATUS_FAMILY = {
    LegalStatus.PUBLIC: LegalFamily.PUBLIC,
    LegalStatus.ASSOCIATION: LegalFamily.ASSOCIATION,
    LegalStatus.FOUNDATION: LegalFamily.FOUNDATION,
    LegalStatus.COOPERATIVE: LegalFamily.COOPERATIVE,
    LegalStatus.COMPANY: LegalFamily.COMPANY,
}

_GROUPING_FAMILIES = {
    GroupingKind.GIE: frozenset({LegalFamily.GROUPING}),
    # C. trav. L1253-2: an association or a cooperative society
    GroupingKind.EMPLOYER_GROUP: frozenset({LegalFamily.ASSOCIATION, LegalFamily.COOPERATIVE}),
    GroupingKind.GIP: frozenset({LegalFamily.PUBLIC}),
}

#: The SAS code, under which SAS-form SCOPs and SCICs are presumably recorded (ess-law §3.3, [L]).
_SAS = "5710"


_NONE: frozenset[str] = frozenset()

#: For each kind of actor, most specific first: its name, the families and the extra codes it allows.
_BY_KIND: tuple[tuple[type[Actor], str, frozenset[LegalFamily], frozenset[str]], ...] = (
    (Association, "an association", frozenset({LegalFamily.ASSOCIATION}), _NONE),
    (Foundation, "a foundation", frozenset({LegalFamily.FOUNDATION}), _NONE),
    (Mutual, "a mutual", frozenset({LegalFamily.MUTUAL}), _NONE),
    (Cooperative, "a cooperative", frozenset({LegalFamily.COOPERATIVE}), frozenset({_SAS})),
    (Company, "a company", frozenset({LegalFamily.COMPANY}), _NONE),
    (PublicBody, "a public body", frozenset({LegalFamily.PUBLIC}), _NONE),
    (Person, "a natural person", frozenset(), frozenset({"1000"})),
)


def _expected(actor: Actor) -> tuple[str, frozenset[LegalFamily], frozenset[str]] | None:
    """Return what the actor's kind says: its name, the families and extra codes it allows."""
    if isinstance(actor, ResearchBody | TrainingBody):
        status = actor.legal_status
        return f"a body of {status.value} status", frozenset({_STATUS_FAMILY[status]}), _NONE
    if isinstance(actor, Grouping):
        return f"a grouping of kind {actor.kind.value}", _GROUPING_FAMILIES[actor.kind], _NONE
    for cls, what, families, codes in _BY_KIND:
        if isinstance(actor, cls):
            return what, families, codes
    return None


def _known_category(actor: Actor) -> LegalCategory | None:
    if actor.legal_category is None or not legal_category.is_valid(actor.legal_category):
        return None
    return legal_category.lookup(actor.legal_category)


def _category_kind(context: Context) -> Iterator[Finding]:
    for a, actor in enumerate(context.ecosystem.actors):
        category = _known_category(actor)
        expected = _expected(actor)
        if category is None or expected is None:
            continue
        what, families, codes = expected
        if category.family in families or category.code in codes:
            continue
        allowed = sorted(family.value for family in families) + sorted(codes)
        message = (
            f"actor {actor.id!r} is {what}, but its catégorie juridique {category.code} "
            f"({category.label}) is of the {category.family.value} family; "
            f"expected {' or '.join(allowed)}"
        )
        yield context.finding(message, f"$.actors[{a}].legal_category", subject=actor.id)


def _id002_fails() -> Ecosystem:
    """An association recorded under the catégorie juridique of an SAS."""
    return Ecosystem(actors=(Association(id="archer", name="Archer", legal_category="5710"),))


def _id002_passes() -> Ecosystem:
    """An association recorded as an association déclarée, and an SAS-form SCIC."""
    return Ecosystem(
        actors=(
            Association(id="archer", name="Archer", legal_category="9220"),
            Cooperative(id="tetris", name="SCIC TETRIS", kind="scic", legal_category="5710"),
        ),
    )


def _unknown_category(context: Context) -> Iterator[Finding]:
    for a, actor in enumerate(context.ecosystem.actors):
        code = actor.legal_category
        if code is not None and not legal_category.is_valid(code):
            message = (
                f"catégorie juridique {code} of actor {actor.id!r} is not in ptcekit's "
                "table of the INSEE nomenclature, so its agreement with the actor's kind "
                "is not checked"
            )
            yield context.finding(message, f"$.actors[{a}].legal_category", subject=actor.id)


def _id003_fails() -> Ecosystem:
    """A SCIC SARL recorded under INPI's own code 5462, which is no INSEE catégorie juridique."""
    return Ecosystem(
        actors=(Cooperative(id="tetris", name="SCIC TETRIS", kind="scic", legal_category="5462"),)
    )


def _id003_passes() -> Ecosystem:
    """A code from the table."""
    return Ecosystem(actors=(Company(id="roux", name="Tannerie Roux", legal_category="5499"),))


# --- ID004 ------------------------------------------------------------------


def _esus_without_ess_statutes(context: Context) -> Iterator[Finding]:
    for a, actor in enumerate(context.ecosystem.actors):
        if isinstance(actor, Company) and actor.esus is not None and not actor.ess_statutes:
            message = (
                f"company {actor.id!r} holds an ESUS agrément but its statutes are not "
                "recorded as ESS (ess_statutes is false); a commercial company belongs to "
                "the ESS, and so can be ESUS, only with the statutes of art. 1 II 2°"
            )
            yield context.finding(message, f"$.actors[{a}].ess_statutes", subject=actor.id)


def _esus_company(*, ess_statutes: bool) -> Ecosystem:
    approval = EsusApproval(period=Period(start=dt.date(2022, 1, 1), end=dt.date(2026, 12, 31)))
    return Ecosystem(
        as_of=dt.date(2024, 6, 30),
        actors=(
            Company(
                id="groupe-archer",
                name="Groupe Archer",
                form="sas",
                ess_statutes=ess_statutes,
                esus=approval,
            ),
        ),
    )


def _id004_fails() -> Ecosystem:
    """An ESUS company whose statutes are not recorded as ESS."""
    return _esus_company(ess_statutes=False)


def _id004_passes() -> Ecosystem:
    """An ESUS company with ESS statutes."""
    return _esus_company(ess_statutes=True)


# --- ID005 ------------------------------------------------------------------


def _may_have_rna(actor: Actor) -> bool:
    if isinstance(actor, Association):
        return True
    if isinstance(actor, Grouping):
        return actor.kind is GroupingKind.EMPLOYER_GROUP
    if isinstance(actor, ResearchBody | TrainingBody):
        return actor.legal_status is LegalStatus.ASSOCIATION
    return False


def _rna_holders(context: Context) -> Iterator[Finding]:
    for a, actor in enumerate(context.ecosystem.actors):
        if actor.rna is None:
            continue
        path = f"$.actors[{a}].rna"
        if not _may_have_rna(actor):
            message = (
                f"actor {actor.id!r} has RNA number {actor.rna}, but only associations "
                f"are in the RNA and it is a {type(actor).__name__}"
            )
            yield context.finding(message, path, subject=actor.id)
        elif isinstance(actor, Association) and actor.local_law:
            message = (
                f"association {actor.id!r} is under Alsace-Moselle local law, whose "
                f"associations are registered with the tribunal, not in the RNA, yet it "
                f"has RNA number {actor.rna}"
            )
            yield context.finding(message, path, subject=actor.id)


def _id005_fails() -> Ecosystem:
    """A company with an RNA number, and a local-law association with one."""
    return Ecosystem(
        actors=(
            Company(id="roux", name="Tannerie Roux", rna="W261000001"),
            Association(id="asso-67", name="Verein", local_law=True, rna="W672000001"),
        ),
    )


def _id005_passes() -> Ecosystem:
    """An association with its RNA number."""
    return Ecosystem(actors=(Association(id="archer", name="Archer", rna="W261000001"),))


RULES: tuple[Rule, ...] = (
    Rule(
        code="ID001",
        title="An establishment's SIRET belongs to its actor's SIREN",
        severity="error",
        kind="format",
        confidence="high",
        source="INSEE Sirene: SIRET = SIREN + NIC (ess-law.md §3.1, R23)",
        explanation=(
            "A SIRET is the SIREN of the legal unit followed by the 5-digit NIC "
            "of the establishment, so its first 9 digits must be the actor's "
            "SIREN. Construction already checks each number's format and check "
            "digit; this rule checks that they agree. An actor with no SIREN is "
            "not checked."
        ),
        check=_siret_siren,
        applies_to="actors",
        failing_example=Example(build=_id001_fails, paths=("$.actors[0].sirets[1]",)),
        passing_example=Example(build=_id001_passes),
    ),
    Rule(
        code="ID002",
        title="The INSEE catégorie juridique agrees with the actor's kind",
        severity="warning",
        kind="format",
        confidence="low",
        source="INSEE nomenclature des catégories juridiques (ess-law.md §3.3, R25, R26)",
        explanation=(
            "The catégorie juridique's family (cooperative, mutual, association, "
            "foundation, grouping, public, company) must fit the actor's kind: an "
            "`Association` recorded as an SAS (5710) is reported. The codes are "
            "[H]; the grouping of codes into families is [L] in ess-law.md, hence "
            "a warning. A cooperative may carry 5710 (SAS), since no SCIC code "
            "exists and SAS-form SCOPs and SCICs are presumably recorded so "
            "(UNCONFIRMED); a groupement d'employeurs may be an association "
            "(9223) or a cooperative (C. trav. L1253-2); a natural person may "
            "only carry 1000 (entrepreneur individuel). Codes outside ptcekit's "
            "table are left to ID003."
        ),
        check=_category_kind,
        applies_to="actors",
        failing_example=Example(build=_id002_fails, paths=("$.actors[0].legal_category",)),
        passing_example=Example(build=_id002_passes),
    ),
    Rule(
        code="ID003",
        title="The catégorie juridique is in ptcekit's table",
        severity="info",
        kind="format",
        confidence="high",
        source="INSEE nomenclature des catégories juridiques (ess-law.md §3.3, R25)",
        explanation=(
            "Construction accepts any well-formed 4-digit code, so that codes INSEE "
            "adds later can be recorded. Such a code cannot be matched to a family, so "
            "ID002 does not check it; this rule says so. A code taken from another "
            "register, such as INPI's 5462 (SCIC SARL), is no INSEE catégorie juridique "
            "and is reported here too."
        ),
        check=_unknown_category,
        applies_to="actors",
        failing_example=Example(build=_id003_fails, paths=("$.actors[0].legal_category",)),
        passing_example=Example(build=_id003_passes),
    ),
    Rule(
        code="ID004",
        title="A company holding an ESUS agrément has ESS statutes",
        severity="error",
        kind="approval",
        confidence="high",
        source="C. trav. L3332-17-1; loi n° 2014-856, art. 1 II 2° (R2, R7)",
        explanation=(
            "The ESUS agrément is open only to enterprises within art. 1 of the "
            "ESS law; a commercial company is within it only when its statutes "
            "carry the mentions of art. 1 II 2° (décret n° 2015-858). A "
            "`Company` with an `esus` agrément and `ess_statutes` false claims "
            "the ESS without the statutes: its sector is then computed as "
            "private, which is likely wrong."
        ),
        check=_esus_without_ess_statutes,
        applies_to="actors",
        failing_example=Example(build=_id004_fails, paths=("$.actors[0].ess_statutes",)),
        passing_example=Example(build=_id004_passes),
    ),
    Rule(
        code="ID005",
        title="Only an association registered in the RNA has an RNA number",
        severity="warning",
        kind="format",
        confidence="high",
        source="Répertoire national des associations (ess-law.md §3.2, R24)",
        explanation=(
            "The RNA lists associations declared under the loi 1901; "
            "associations of Alsace-Moselle local law are registered with the "
            "tribunal instead and have no RNA number. An RNA number on a company, "
            "a public body or a local-law association is likely an error. A "
            "groupement d'employeurs, and a research or training body of "
            "association status, may have one."
        ),
        check=_rna_holders,
        applies_to="actors",
        failing_example=Example(build=_id005_fails, paths=("$.actors[0].rna", "$.actors[1].rna")),
        passing_example=Example(build=_id005_passes),
    ),
)
