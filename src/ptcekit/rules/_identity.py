"""Identity rules: identifiers, INSEE legal categories, legal forms and the sector an actor claims."""

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
    Organisation,
    Period,
    Person,
    PublicBody,
    PublicBodyKind,
    ResearchBody,
    TrainingBody,
)
from ptcekit.rules._context import Context
from ptcekit.rules._ess import L3332_17_1_URL, SIRENE_VARIABLES_URL, kind_of
from ptcekit.rules._report import Finding, Unchecked
from ptcekit.rules._rule import Example, Rule, Theme

__all__ = ["RULES", "THEMES"]

#: INSEE's page of the nomenclature of catégories juridiques (levels I to III).
INSEE_CATEGORIES_URL = "https://www.insee.fr/fr/information/2028129"
#: The arrêté du 14 octobre 2009 portant création du répertoire national des associations.
RNA_DECREE_URL = "https://www.legifrance.gouv.fr/loda/id/JORFTEXT000021190323"
#: The Code de commerce on Légifrance (L251-1 opens its livre II, titre V, on GIE).
CODE_DE_COMMERCE_URL = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000005634379"

# --- ID001 ------------------------------------------------------------------


def _siret_siren(context: Context) -> Iterator[Finding]:
    for actor in context.ecosystem.actors:
        if actor.siren is None:
            continue
        for s, number in enumerate(actor.sirets):
            if number[:9] != actor.siren:
                message = (
                    f"SIRET {number} of actor {actor.id!r} belongs to SIREN {number[:9]}, "
                    f"not to the actor's SIREN {actor.siren}"
                )
                yield context.finding(
                    message, context.path_of(actor, "sirets", s), subject=actor.id
                )


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


ID001 = Rule(
    code="ID001",
    title="An establishment's SIRET belongs to its actor's SIREN",
    severity="error",
    kind="format",
    confidence="confirmed",
    source="INSEE, répertoire Sirene: the SIRET is the SIREN followed by the NIC",
    url=SIRENE_VARIABLES_URL,
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

#: The SAS code, under which SAS-form SCOPs and SCICs are presumably recorded (INSEE has no SCIC code).
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


#: The families ID002 can match to a kind of actor; any other (the foreign-law family
#: of 3xxx codes, or one INSEE adds later) says nothing of the actor's kind.
_JUDGED_FAMILIES: frozenset[LegalFamily] = frozenset(
    {
        LegalFamily.COOPERATIVE,
        LegalFamily.MUTUAL,
        LegalFamily.ASSOCIATION,
        LegalFamily.FOUNDATION,
        LegalFamily.GROUPING,
        LegalFamily.PUBLIC,
        LegalFamily.COMPANY,
        LegalFamily.OTHER_PRIVATE,
    }
)


def _category_kind(context: Context) -> Iterator[Finding | Unchecked]:
    for actor in context.ecosystem.actors:
        category = _known_category(actor)
        expected = _expected(actor)
        if category is None or expected is None:
            continue
        path = context.path_of(actor, "legal_category")
        if category.family not in _JUDGED_FAMILIES:
            reason = (
                f"catégorie juridique {category.code} ({category.label}) is of the "
                f"{category.family.value} family, which does not tell which kind of actor it is"
            )
            yield context.unchecked(reason, path, subject=actor.id)
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
        yield context.finding(message, path, subject=actor.id)


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


ID002 = Rule(
    code="ID002",
    title="The INSEE catégorie juridique agrees with the actor's kind",
    severity="warning",
    kind="format",
    confidence="reading",
    source="INSEE, nomenclature des catégories juridiques, niveau III",
    url=INSEE_CATEGORIES_URL,
    explanation=(
        "The catégorie juridique's family (cooperative, mutual, association, "
        "foundation, grouping, public, company) must fit the actor's kind: an "
        "`Association` recorded as an SAS (5710) is reported. The codes and "
        "their labels are INSEE's; grouping them into families is ptcekit's "
        "reading of the nomenclature, hence a warning. A cooperative may carry "
        "5710 (SAS), since INSEE has no SCIC code and SAS-form SCOPs and SCICs "
        "are presumably recorded so (not confirmed); a groupement d'employeurs "
        "may be an association (9223) or a cooperative (C. trav. L1253-2); a "
        "natural person may only carry 1000 (entrepreneur individuel). Codes "
        "outside ptcekit's table are left to ID003; a code whose family says "
        "nothing of the kind of actor (a legal person of foreign law) is listed "
        "as not checked."
    ),
    check=_category_kind,
    applies_to="actors",
    failing_example=Example(build=_id002_fails, paths=("$.actors[0].legal_category",)),
    passing_example=Example(build=_id002_passes),
)


def _unknown_category(context: Context) -> Iterator[Finding]:
    for actor in context.ecosystem.actors:
        code = actor.legal_category
        if code is not None and not legal_category.is_valid(code):
            message = (
                f"catégorie juridique {code} of actor {actor.id!r} is not in ptcekit's "
                "table of the INSEE nomenclature, so its agreement with the actor's kind "
                "is not checked"
            )
            yield context.finding(
                message, context.path_of(actor, "legal_category"), subject=actor.id
            )


def _id003_fails() -> Ecosystem:
    """A SCIC SARL recorded under INPI's own code 5462, which is no INSEE catégorie juridique."""
    return Ecosystem(
        actors=(Cooperative(id="tetris", name="SCIC TETRIS", kind="scic", legal_category="5462"),)
    )


def _id003_passes() -> Ecosystem:
    """A code from the table."""
    return Ecosystem(actors=(Company(id="roux", name="Tannerie Roux", legal_category="5499"),))


ID003 = Rule(
    code="ID003",
    title="The catégorie juridique is in ptcekit's table",
    severity="info",
    kind="format",
    confidence="confirmed",
    source="INSEE, nomenclature des catégories juridiques, niveau III",
    url=INSEE_CATEGORIES_URL,
    explanation=(
        "Construction accepts any well-formed 4-digit code, so that codes INSEE "
        "adds later can be recorded. Such a code cannot be matched to a family, "
        "so ID002 does not check it; this rule says so. A code taken from "
        "another register, such as INPI's 5462 (SCIC SARL), is no INSEE "
        "catégorie juridique and is reported here too."
    ),
    check=_unknown_category,
    applies_to="actors",
    failing_example=Example(build=_id003_fails, paths=("$.actors[0].legal_category",)),
    passing_example=Example(build=_id003_passes),
)


# --- ID004 ------------------------------------------------------------------


def _outside_the_ess(actor: Organisation) -> tuple[str, str]:
    """Why ``actor`` is outside art. 1 of the ESS law, and the field that says so."""
    if isinstance(actor, Company):
        if actor.form is not None and actor.form.is_commercial is False:
            why = f"it is not a société commerciale (form {actor.form.value})"
            return why, "form"
        why = "its statutes are not recorded as ESS (ess_statutes is false)"
        return why, "ess_statutes"
    if isinstance(actor, Mutual):
        why = "a mutual of kind 'other' is governed by neither the Code de la mutualité nor the Code des assurances"
        return why, "kind"
    if isinstance(actor, ResearchBody | TrainingBody):
        why = f"a body of {actor.legal_status.value} status is not ESS by its form"
        return why, "legal_status"
    if isinstance(actor, Grouping):
        why = f"a grouping of kind {actor.kind.value} is not ESS by its form"
        return why, "kind"
    why = f"its sector is {actor.sector.value}"
    return why, "esus"


def _esus_outside_the_ess(context: Context) -> Iterator[Finding | Unchecked]:
    for actor in context.ecosystem.actors:
        if not isinstance(actor, Organisation) or actor.esus is None:
            continue
        in_ess = actor.in_ess
        if in_ess is None:
            reason = "whether it is in the ESS (its statutes) is not recorded"
            yield context.unchecked(
                reason, context.path_of(actor, "ess_statutes"), subject=actor.id
            )
        elif not in_ess:
            why, field = _outside_the_ess(actor)
            message = (
                f"{kind_of(actor)} {actor.id!r} holds an ESUS agrément but is outside the ESS: "
                f"{why}; only an enterprise within art. 1 of loi n° 2014-856 can hold one"
            )
            yield context.finding(message, context.path_of(actor, field), subject=actor.id)


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
    """An ESUS company whose statutes are recorded as not ESS."""
    return _esus_company(ess_statutes=False)


def _id004_passes() -> Ecosystem:
    """An ESUS company with ESS statutes."""
    return _esus_company(ess_statutes=True)


ID004 = Rule(
    code="ID004",
    title="Only an enterprise within art. 1 of the ESS law holds an ESUS agrément",
    severity="error",
    kind="approval",
    confidence="confirmed",
    source="Code du travail, art. L3332-17-1, I and II",
    url=L3332_17_1_URL,
    explanation=(
        "C. trav. L3332-17-1, I opens the agrément « entreprise solidaire "
        "d'utilité sociale » to « l'entreprise qui relève de l'article 1er de la "
        "loi n° 2014-856 », and II keeps that condition for the agréments « de "
        "plein droit ». Any organisation that records an `esus` agrément is "
        "checked: one that is outside the ESS as art. 1 reads it (a company "
        "whose statutes are recorded as not ESS, a société civile, a mutual "
        "governed by neither the Code de la mutualité nor the Code des "
        "assurances, a public body, a GIE) is reported; one whose ESS status "
        "is unknown (a company whose statutes are not recorded) is listed as "
        "not checked, never counted as outside the ESS."
    ),
    check=_esus_outside_the_ess,
    applies_to="actors",
    failing_example=Example(build=_id004_fails, paths=("$.actors[0].ess_statutes",)),
    passing_example=Example(build=_id004_passes),
)


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
    for actor in context.ecosystem.actors:
        if actor.rna is None:
            continue
        path = context.path_of(actor, "rna")
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


ID005 = Rule(
    code="ID005",
    title="Only an association registered in the RNA has an RNA number",
    severity="warning",
    kind="format",
    confidence="reading",
    source="Arrêté du 14 octobre 2009 portant création du répertoire national des associations",
    url=RNA_DECREE_URL,
    explanation=(
        "The RNA lists the associations declared under the loi du 1er juillet "
        "1901 in the prefectures. Associations of Alsace-Moselle local law are "
        "registered with the tribunal instead (code civil local, art. 21 to "
        "79-III) and normally have no RNA number. An RNA number on a company, "
        "a public body or a local-law association is therefore likely an "
        "error; a reading, since the State has planned to bring local-law "
        "associations into the RNA, hence a warning. A groupement "
        "d'employeurs, and a research or training body of association status, "
        "may have one."
    ),
    check=_rna_holders,
    applies_to="actors",
    failing_example=Example(build=_id005_fails, paths=("$.actors[0].rna", "$.actors[1].rna")),
    passing_example=Example(build=_id005_passes),
)


# --- ID006 ------------------------------------------------------------------


def _gie_members(context: Context) -> Iterator[Finding | Unchecked]:
    for actor in context.ecosystem.actors:
        if not isinstance(actor, Grouping) or actor.kind is not GroupingKind.GIE:
            continue
        path = context.path_of(actor, "members")
        if not actor.members:
            reason = "its members are not recorded"
            yield context.unchecked(reason, path, subject=actor.id)
        elif len(actor.members) < 2:
            message = (
                f"GIE {actor.id!r} has one member ({actor.members[0]!r}); a groupement "
                "d'intérêt économique is formed by two or more persons"
            )
            yield context.finding(message, path, subject=actor.id)


def _gie(*members: str) -> Ecosystem:
    return Ecosystem(
        actors=(
            Association(id="archer", name="Archer"),
            Company(id="roux", name="Tannerie Roux"),
            Grouping(id="gie-sud", name="GIE Sud", kind="gie", members=members),
        )
    )


def _id006_fails() -> Ecosystem:
    """A GIE with a single member."""
    return _gie("archer")


def _id006_passes() -> Ecosystem:
    """A GIE of two members."""
    return _gie("archer", "roux")


ID006 = Rule(
    code="ID006",
    title="A GIE has at least two members",
    severity="error",
    kind="legal",
    confidence="confirmed",
    source="Code de commerce, art. L251-1, al. 1",
    url=CODE_DE_COMMERCE_URL,
    explanation=(
        "C. com. L251-1: « Deux ou plusieurs personnes physiques ou morales "
        "peuvent constituer entre elles un groupement d'intérêt économique pour "
        "une durée déterminée ». A `Grouping` of kind `gie` with a single "
        "member is reported. A GIE whose members are not recorded is listed as "
        "not checked: an empty `members` means unknown, not none."
    ),
    check=_gie_members,
    applies_to="actors",
    failing_example=Example(build=_id006_fails, paths=("$.actors[2].members",)),
    passing_example=Example(build=_id006_passes),
)


# --- ID008 ------------------------------------------------------------------

#: The loi du 1er juillet 1901 relative au contrat d'association on Légifrance.
LOI_1901_URL = "https://www.legifrance.gouv.fr/loda/id/LEGITEXT000006069570"


def _association_members(context: Context) -> Iterator[Finding]:
    for actor in context.ecosystem.actors:
        if not isinstance(actor, Association) or actor.member_count is None:
            continue
        if actor.local_law:
            least, law = 3, "the Code civil local (art. 73) withdraws its capacity below three"
        else:
            least, law = 2, "loi du 1er juillet 1901, art. 1: « deux ou plusieurs personnes »"
        if actor.member_count < least:
            message = (
                f"association {actor.id!r} has {actor.member_count} "
                f"member{'' if actor.member_count == 1 else 's'}; {law}"
            )
            yield context.finding(message, context.path_of(actor, "member_count"), subject=actor.id)


def _id008_fails() -> Ecosystem:
    """A loi 1901 association of one member, and an Alsace-Moselle one of two."""
    return Ecosystem(
        actors=(
            Association(id="solo", name="Solo", member_count=1),
            Association(id="verein", name="Verein Strasbourg", local_law=True, member_count=2),
        )
    )


def _id008_passes() -> Ecosystem:
    """Two members under loi 1901, three under local law, and one whose count is unknown."""
    return Ecosystem(
        actors=(
            Association(id="duo", name="Duo", member_count=2),
            Association(id="verein", name="Verein Strasbourg", local_law=True, member_count=3),
            Association(id="archer", name="Archer"),
        )
    )


ID008 = Rule(
    code="ID008",
    title="An association has the members the law requires",
    severity="warning",
    kind="legal",
    confidence="reading",
    source="Loi du 1er juillet 1901 relative au contrat d'association, art. 1",
    url=LOI_1901_URL,
    explanation=(
        "Loi du 1er juillet 1901, art. 1: « L'association est la convention par "
        "laquelle deux ou plusieurs personnes mettent en commun … ». An association "
        "whose `member_count` is below two is reported. An association under the "
        "local law of Bas-Rhin, Haut-Rhin and Moselle (`local_law`) needs seven "
        "members to be registered and loses its legal capacity when it falls below "
        "three (Code civil local, art. 56 and 73): below three is reported. The "
        "text fixes the number at formation; what follows when members leave is a "
        "reading, hence a warning. An association whose member count is not "
        "recorded is not checked, and nothing is said of it: most documents do not "
        "record it."
    ),
    check=_association_members,
    applies_to="actors",
    failing_example=Example(
        build=_id008_fails, paths=("$.actors[0].member_count", "$.actors[1].member_count")
    ),
    passing_example=Example(build=_id008_passes),
)


# --- ID007 ------------------------------------------------------------------

#: For each kind of public body that has well-defined INSEE codes, the codes it may carry
#: (a State service carries any 71xx code, see :func:`_codes_of`): 7225 (collectivité
#: d'outre-mer) and 7229 (autre collectivité territoriale) are the collectivités with a special
#: status, which exercise the powers of a département, a région or both. Local and national
#: public bodies have no such set, so only a code of the kinds above is reported on them.
_PUBLIC_KIND_CODES: dict[PublicBodyKind, frozenset[str]] = {
    PublicBodyKind.COMMUNE: frozenset({"7210"}),
    PublicBodyKind.DEPARTEMENT: frozenset({"7220", "7225", "7229"}),
    PublicBodyKind.REGION: frozenset({"7230", "7225", "7229"}),
    PublicBodyKind.EPCI: frozenset({"7343", "7344", "7346", "7347", "7348"}),
}
#: INSEE's level II 71: "Administration de l'État".
_STATE_PREFIX = "71"


def _fits(kind: PublicBodyKind, code: str) -> bool | None:
    """Whether ``code`` fits a public body of ``kind``; ``None`` if the kind has no defined codes."""
    if kind is PublicBodyKind.STATE_SERVICE:
        return code.startswith(_STATE_PREFIX)
    codes = _PUBLIC_KIND_CODES.get(kind)
    return None if codes is None else code in codes


def _kinds_of(code: str) -> list[str]:
    """The kinds whose defined codes include ``code``, sorted."""
    return sorted(kind.value for kind in PublicBodyKind if _fits(kind, code))


def _expected_codes(kind: PublicBodyKind) -> str:
    if kind is PublicBodyKind.STATE_SERVICE:
        return f"a code of the State, {_STATE_PREFIX}xx"
    return f"one of {', '.join(sorted(_PUBLIC_KIND_CODES[kind]))}"


def _public_kind_category(context: Context) -> Iterator[Finding]:
    for actor in context.ecosystem.actors:
        if not isinstance(actor, PublicBody) or actor.legal_category is None:
            continue
        code = actor.legal_category
        if code[0] not in "47":
            continue  # not a public-law code at all: ID002 reports it
        fits = _fits(actor.kind, code)
        if fits is False:
            expected = _expected_codes(actor.kind)
        elif fits is None and _kinds_of(code):
            expected = f"a public body of kind {' or '.join(_kinds_of(code))} for this code"
        else:
            continue
        label = actor.legal_category_label
        named = f"{code} ({label})" if label is not None else code
        message = (
            f"public body {actor.id!r} is of kind {actor.kind.value}, but its catégorie "
            f"juridique {named} does not fit it; expected {expected}"
        )
        yield context.finding(message, context.path_of(actor, "legal_category"), subject=actor.id)


def _commune(code: str) -> Ecosystem:
    return Ecosystem(
        actors=(
            PublicBody(id="grasse", name="Ville de Grasse", kind="commune", legal_category=code),
        )
    )


def _id007_fails() -> Ecosystem:
    """A commune recorded under the code of a communauté de communes."""
    return _commune("7346")


def _id007_passes() -> Ecosystem:
    """A commune under 7210, commune et commune nouvelle."""
    return _commune("7210")


ID007 = Rule(
    code="ID007",
    title="A public body's kind agrees with its catégorie juridique",
    severity="warning",
    kind="format",
    confidence="reading",
    source="INSEE, nomenclature des catégories juridiques, niveaux II and III (71, 72, 73)",
    url=INSEE_CATEGORIES_URL,
    explanation=(
        "INSEE codes a commune 7210, a département 7220, a région 7230, the "
        "collectivités with a special status 7225 (outre-mer) and 7229 (other), "
        "the EPCI with their own tax 7343 (communauté urbaine), 7344 "
        "(métropole), 7346 (communauté de communes), 7347 (communauté de "
        "villes) and 7348 (communauté d'agglomération), and the State's services "
        "71xx. A `PublicBody` of kind commune, departement, region, epci or "
        "state_service must carry one of its codes; a local or national public "
        "body (syndicats, pôles métropolitains and PETR, 7340, 7345, 7353 to "
        "7357, are local public bodies in ptcekit) must not carry one of them. "
        "The match of kinds to codes is ptcekit's reading of INSEE's labels, "
        "hence a warning. Codes outside the public-law families (4xxx, 7xxx) "
        "are left to ID002."
    ),
    check=_public_kind_category,
    applies_to="actors",
    failing_example=Example(build=_id007_fails, paths=("$.actors[0].legal_category",)),
    passing_example=Example(build=_id007_passes),
)


RULES: tuple[Rule, ...] = (
    ID001,
    ID002,
    ID003,
    ID004,
    ID005,
    ID006,
    ID007,
    ID008,
)

THEMES: tuple[Theme, ...] = (Theme(prefix="ID", title="Identifiers and legal forms", rules=RULES),)
