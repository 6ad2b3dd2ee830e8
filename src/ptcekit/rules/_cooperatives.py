"""Cooperative rules: SCIC (loi 1947, titre II ter), SCOP (loi n° 78-763) and every cooperative (loi 1947)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from fractions import Fraction

import attrs

from ptcekit.model import (
    AssociateCategory,
    AssociateRole,
    Body,
    BodyKind,
    College,
    CompanyForm,
    Cooperative,
    CooperativeKind,
    Ecosystem,
    Governance,
    VotingScheme,
)
from ptcekit.rules._context import Context
from ptcekit.rules._printer import fraction_text
from ptcekit.rules._report import Finding, Unchecked
from ptcekit.rules._rule import Example, LawVersion, Rule, Theme

__all__ = ["LOI_2014_IN_FORCE", "RULES", "THEMES"]

_LOI_1947 = "Loi n° 47-1775 du 10 septembre 1947 portant statut de la coopération"
_LOI_1947_URL = "https://www.legifrance.gouv.fr/loda/id/JORFTEXT000000684004"
#: Art. 19 quinquies in the version of loi n° 2014-856.
_ART_19_QUINQUIES_URL = "https://www.legifrance.gouv.fr/loda/article_lc/LEGIARTI000029321359"
#: Art. 19 octies in the version of loi n° 2012-387.
_ART_19_OCTIES_URL = "https://www.legifrance.gouv.fr/loda/article_lc/LEGIARTI000025559897"
#: Art. 3 bis in the version of loi n° 2014-856 (art. 24).
_ART_3_BIS_URL = "https://www.legifrance.gouv.fr/loda/article_lc/LEGIARTI000029320770"
_LOI_1992 = "loi n° 92-643 du 13 juillet 1992, art. 4"
_LOI_1978 = (
    "Loi n° 78-763 du 19 juillet 1978 portant statut des sociétés coopératives de production"
)
_LOI_1978_URL = "https://www.legifrance.gouv.fr/loda/id/JORFTEXT000000339242"
_LOI_2001 = "loi n° 2001-624 du 17 juillet 2001, art. 36"
_LOI_2014 = "loi n° 2014-856 du 31 juillet 2014, art. 33"
#: Art. 33 of loi n° 2014-856 as published: the SAS form of art. 19 quinquies,
#: and art. 19 septies rewritten.
_LOI_2014_ART_33_URL = "https://www.legifrance.gouv.fr/jorf/article_jo/JORFARTI000029313828"

#: Loi n° 2014-856 was published in the Journal officiel of 1 August 2014 and
#: came into force the next day.
LOI_2014_IN_FORCE = dt.date(2014, 8, 2)
_BEFORE_2014 = "before loi n° 2014-856 (until 1 August 2014)"
_SINCE_2014 = "since loi n° 2014-856 (from 2 August 2014)"

_NO_ASSOCIATES = "no associés recorded (associates)"


def _cooperatives(context: Context, kind: CooperativeKind | None = None) -> Iterator[Cooperative]:
    for actor in context.ecosystem.actors:
        if isinstance(actor, Cooperative) and (kind is None or actor.kind is kind):
            yield actor


def _present(categories: Iterable[AssociateCategory]) -> list[AssociateCategory]:
    """The categories that have associés (an empty one does not count)."""
    return [cat for cat in categories if cat.count is None or cat.count > 0]


def _known_sum(categories: Iterable[AssociateCategory], share: str) -> Fraction:
    return sum((getattr(cat, share) or Fraction(0) for cat in categories), Fraction(0))


def _scic(*roles: str, **fields: object) -> Ecosystem:
    """Return an ecosystem with one SCIC whose associés have ``roles``."""
    fields.setdefault("form", "sas")
    return Ecosystem(
        actors=(
            Cooperative(
                id="tetris",
                name="SCIC TETRIS",
                kind="scic",
                associates=tuple(AssociateCategory(role=role, count=5) for role in roles),
                **fields,  # type: ignore[arg-type]  # the examples pass Cooperative's own fields
            ),
        ),
    )


# --- SCIC001 ----------------------------------------------------------------


def _form_names(forms: frozenset[CompanyForm]) -> str:
    names = [f"an {form.value.upper()}" for form in CompanyForm if form in forms]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"


def _scic_form(context: Context) -> Iterator[Finding | Unchecked]:
    forms: frozenset[CompanyForm] = context.param("forms")
    for coop in _cooperatives(context, CooperativeKind.SCIC):
        if coop.form is None:
            yield context.unchecked(
                "no form recorded (form)", context.path_of(coop), subject=coop.id
            )
        elif coop.form not in forms:
            message = (
                f"SCIC {coop.id!r} has the form {coop.form.value}; on {context.as_of} a SCIC "
                f"is {_form_names(forms)}"
            )
            yield context.finding(message, context.path_of(coop, "form"), subject=coop.id)
        if not coop.variable_capital:
            message = f"SCIC {coop.id!r} has a fixed capital; a SCIC has a variable capital"
            yield context.finding(
                message, context.path_of(coop, "variable_capital"), subject=coop.id
            )


def _scic001_fails() -> Ecosystem:
    """A SCIC recorded as a société civile with a fixed capital."""
    return _scic("beneficiary", "employee", "volunteer", form="civil", variable_capital=False)


def _scic001_passes() -> Ecosystem:
    """An SAS-form SCIC with a variable capital."""
    return _scic("beneficiary", "employee", "volunteer")


_SCIC001_VERSIONS = (
    LawVersion(
        label=_BEFORE_2014,
        end=LOI_2014_IN_FORCE,
        source=f"{_LOI_1947}, art. 19 quinquies, al. 1, as written by {_LOI_2001}",
        url=_LOI_1947_URL,
        params={"forms": frozenset({CompanyForm.SA, CompanyForm.SARL})},
    ),
    LawVersion(
        label=_SINCE_2014,
        start=LOI_2014_IN_FORCE,
        source=f"{_LOI_1947}, art. 19 quinquies, al. 1, as amended by {_LOI_2014}",
        url=_ART_19_QUINQUIES_URL,
        params={"forms": frozenset({CompanyForm.SA, CompanyForm.SARL, CompanyForm.SAS})},
    ),
)


SCIC001 = Rule(
    code="SCIC001",
    title="A SCIC is an SA, an SARL or (since 2014) an SAS, with a variable capital",
    severity="error",
    kind="legal",
    confidence="confirmed",
    source=f"{_LOI_1947}, art. 19 quinquies, al. 1",
    url=_ART_19_QUINQUIES_URL,
    versions=_SCIC001_VERSIONS,
    explanation=(
        "A SCIC is a société à capital variable in the form of a société anonyme "
        "or a SARL; loi n° 2014-856 (art. 33), in force since 2 August 2014, "
        "added the société par actions simplifiée. "
        "The rule applies the version in force on the report's date: an SAS-form "
        "SCIC is reported before 2 August 2014 and accepted since. "
        "A SCIC whose `form` is another one, or whose `variable_capital` is "
        "false, is reported; a SCIC with no recorded form is listed as not "
        "checked."
    ),
    check=_scic_form,
    applies_to="actors",
    failing_example=Example(
        build=_scic001_fails, paths=("$.actors[0].form", "$.actors[0].variable_capital")
    ),
    passing_example=Example(build=_scic001_passes),
)


# --- SCIC002 and SCIC003 ----------------------------------------------------


def _roles(categories: Iterable[AssociateCategory]) -> list[AssociateRole]:
    """The distinct roles of ``categories``, in order of first appearance."""
    return list(dict.fromkeys(cat.role for cat in categories))


def _second_slot(
    roles: Iterable[AssociateRole], *, producers_stand_in: bool
) -> AssociateRole | None:
    """The category that fills the mandatory place of the salariés, if any.

    The salariés; since loi n° 2014-856, the producteurs when the SCIC has no
    salariés among its associés.
    """
    present = set(roles)
    if AssociateRole.EMPLOYEE in present:
        return AssociateRole.EMPLOYEE
    if producers_stand_in and AssociateRole.PRODUCER in present:
        return AssociateRole.PRODUCER
    return None


def _scic_categories(context: Context) -> Iterator[Finding | Unchecked]:
    producers_stand_in: bool = context.param("producers_stand_in")
    for coop in _cooperatives(context, CooperativeKind.SCIC):
        if not coop.associates:
            yield context.unchecked(_NO_ASSOCIATES, context.path_of(coop), subject=coop.id)
            continue
        roles = _roles(_present(coop.associates))
        slot = _second_slot(roles, producers_stand_in=producers_stand_in)
        mandatory = {AssociateRole.BENEFICIARY, AssociateRole.EMPLOYEE, slot}
        third = [role for role in roles if role not in mandatory]
        if len(roles) >= 3 and third:
            continue
        listed = ", ".join(role.value for role in roles) or "none"
        count = len(roles)
        message = (
            f"SCIC {coop.id!r} has associés of {count} distinct "
            f"categor{'y' if count == 1 else 'ies'} ({listed}); a SCIC has at least 3"
        )
        if not third:
            which = (
                "producteurs standing in for salariés"
                if slot is AssociateRole.PRODUCER
                else "salariés"
            )
            message += (
                f", one of them other than the mandatory bénéficiaires and {which} "
                "(bénévoles, public persons or other contributors)"
            )
        yield context.finding(message, context.path_of(coop, "associates"), subject=coop.id)


def _scic002_fails() -> Ecosystem:
    """Usagers and clients (both bénéficiaires) and salariés: two distinct categories."""
    return Ecosystem(
        actors=(
            Cooperative(
                id="tetris",
                name="SCIC TETRIS",
                kind="scic",
                form="sas",
                associates=(
                    AssociateCategory(role="beneficiary", count=40, label="usagers"),
                    AssociateCategory(role="beneficiary", count=12, label="clients"),
                    AssociateCategory(role="employee", count=8, label="salariés"),
                ),
            ),
        ),
    )


def _scic002_passes() -> Ecosystem:
    """Bénéficiaires, salariés and a local authority."""
    return _scic("beneficiary", "employee", "public_authority")


def _scic_mandatory(context: Context) -> Iterator[Finding | Unchecked]:
    producers_stand_in: bool = context.param("producers_stand_in")
    for coop in _cooperatives(context, CooperativeKind.SCIC):
        if not coop.associates:
            yield context.unchecked(_NO_ASSOCIATES, context.path_of(coop), subject=coop.id)
            continue
        roles = {cat.role for cat in _present(coop.associates)}
        missing = []
        if AssociateRole.BENEFICIARY not in roles:
            missing.append("no category of bénéficiaires")
        if AssociateRole.EMPLOYEE not in roles:
            if not producers_stand_in:
                missing.append("no category of salariés")
            elif AssociateRole.PRODUCER not in roles:
                missing.append("no category of salariés (nor of producteurs)")
            elif coop.headcount is None:
                reason = (
                    "producteurs stand in for salariés, but the headcount is not recorded "
                    "(headcount); they may do so only when the SCIC has no employees"
                )
                yield context.unchecked(reason, context.path_of(coop), subject=coop.id)
            elif coop.headcount > 0:
                missing.append(
                    f"producteurs instead of salariés although it has {coop.headcount} "
                    "employees (producteurs stand in only when it has none)"
                )
        if missing:
            message = f"SCIC {coop.id!r} has {' and '.join(missing)}"
            yield context.finding(message, context.path_of(coop, "associates"), subject=coop.id)


def _scic003_fails() -> Ecosystem:
    """Producteurs stand in for salariés, but the SCIC employs 4 people."""
    return _scic("beneficiary", "producer", "volunteer", headcount=4)


def _scic003_passes() -> Ecosystem:
    """Producteurs stand in for salariés in a SCIC with no employees."""
    return _scic("beneficiary", "producer", "volunteer", headcount=0)


_SCIC_CATEGORY_VERSIONS = (
    LawVersion(
        label=_BEFORE_2014,
        end=LOI_2014_IN_FORCE,
        source=f"{_LOI_1947}, art. 19 septies, al. 2, as written by {_LOI_2001}",
        url=_LOI_1947_URL,
        params={"producers_stand_in": False},
    ),
    LawVersion(
        label=_SINCE_2014,
        start=LOI_2014_IN_FORCE,
        source=f"{_LOI_1947}, art. 19 septies, al. 2, as rewritten by {_LOI_2014}",
        url=_LOI_2014_ART_33_URL,
        params={"producers_stand_in": True},
    ),
)


SCIC002 = Rule(
    code="SCIC002",
    title="A SCIC has three distinct categories of associés, one beyond the mandatory two",
    severity="error",
    kind="legal",
    confidence="reading",
    source=f"{_LOI_1947}, art. 19 septies, al. 2",
    url=_LOI_2014_ART_33_URL,
    versions=_SCIC_CATEGORY_VERSIONS,
    explanation=(
        "A SCIC comprises at least three categories of associés, among which "
        "the two mandatory ones (SCIC003): its bénéficiaires and its salariés, "
        "or, since loi n° 2014-856, its producteurs when it has no salariés. "
        "So the third is another one: bénévoles, public persons, any other "
        "contributor (`volunteer`, `public_authority`, `supporter`, `investor`, "
        "`investor_cooperative`), or producteurs alongside salariés. "
        "Categories are counted by their role, so two entries of bénéficiaires "
        "(usagers and clients, say) are one category, as the SCIC federation "
        "reads the article; a category whose `count` is 0 does not count. "
        "Before 2 August 2014 producteurs could not stand in for salariés, so "
        "they always counted as a third category. "
        "A SCIC with no associés recorded is listed as not checked. "
        "(The minimum number of vote colleges is another matter: SCIC006.)"
    ),
    check=_scic_categories,
    applies_to="actors",
    failing_example=Example(build=_scic002_fails, paths=("$.actors[0].associates",)),
    passing_example=Example(build=_scic002_passes),
)


SCIC003 = Rule(
    code="SCIC003",
    title="A SCIC's associés include bénéficiaires and salariés (or producteurs)",
    severity="error",
    kind="legal",
    confidence="confirmed",
    source=f"{_LOI_1947}, art. 19 septies, al. 2",
    url=_LOI_2014_ART_33_URL,
    versions=_SCIC_CATEGORY_VERSIONS,
    explanation=(
        "Two categories are mandatory: the persons who habitually benefit "
        "from the SCIC's activity (bénéficiaires) and its employees "
        "(salariés). "
        "Since loi n° 2014-856 (2 August 2014), when the SCIC has no "
        "employees, the producers of its goods or services (producteurs) "
        "stand in for the salariés; before, they could not. "
        "Producteurs in place of salariés are reported when the SCIC's "
        "`headcount` is above 0, accepted when it is 0, and listed as not "
        "checked when it is unknown; so is a SCIC with no associés recorded."
    ),
    check=_scic_mandatory,
    applies_to="actors",
    failing_example=Example(build=_scic003_fails, paths=("$.actors[0].associates",)),
    passing_example=Example(build=_scic003_passes),
)


# --- SCIC004 ----------------------------------------------------------------


def _scic_public_capital(context: Context) -> Iterator[Finding | Unchecked]:
    cap: Fraction = context.param("cap")
    for coop in _cooperatives(context, CooperativeKind.SCIC):
        if not coop.associates:
            yield context.unchecked(_NO_ASSOCIATES, context.path_of(coop), subject=coop.id)
            continue
        public = coop.associates_with(AssociateRole.PUBLIC_AUTHORITY)
        held = _known_sum(public, "capital_share")
        if held > cap:
            message = (
                f"local authorities hold {fraction_text(held)} of the capital of SCIC "
                f"{coop.id!r}; on {context.as_of} they may hold at most {fraction_text(cap)}"
            )
            yield context.finding(message, context.path_of(coop, "associates"), subject=coop.id)
        elif any(cat.capital_share is None for cat in _present(public)):
            reason = "the capital share of the local-authority associés is not recorded"
            yield context.unchecked(reason, context.path_of(coop, "associates"), subject=coop.id)


def _scic_capital(public: str, **fields: object) -> Ecosystem:
    rest = 1 - Fraction(public)
    return Ecosystem(
        actors=(
            Cooperative(
                id="tetris",
                name="SCIC TETRIS",
                kind="scic",
                form="sas",
                associates=(
                    AssociateCategory(role="beneficiary", count=20, capital_share=rest / 2),
                    AssociateCategory(role="employee", count=8, capital_share=rest / 2),
                    AssociateCategory(role="public_authority", count=1, capital_share=public),
                ),
            ),
        ),
        **fields,  # type: ignore[arg-type]  # the examples pass Ecosystem's own fields
    )


def _scic004_fails() -> Ecosystem:
    """As of 2012, the agglomeration holds 30 % of the capital: above the 20 % of the time."""
    return _scic_capital("3/10", as_of=dt.date(2012, 6, 30))


def _scic004_passes() -> Ecosystem:
    """As of 2024, the same 30 % is within the 50 % allowed since loi n° 2014-856."""
    return _scic_capital("3/10", as_of=dt.date(2024, 6, 30))


_SCIC004_VERSIONS = (
    LawVersion(
        label=_BEFORE_2014,
        end=LOI_2014_IN_FORCE,
        source=f"{_LOI_1947}, art. 19 septies, last alinéa, as written by {_LOI_2001}",
        url=_LOI_1947_URL,
        params={"cap": Fraction(1, 5)},
    ),
    LawVersion(
        label=_SINCE_2014,
        start=LOI_2014_IN_FORCE,
        source=f"{_LOI_1947}, art. 19 septies, al. 4, as rewritten by {_LOI_2014}",
        url=_LOI_2014_ART_33_URL,
        params={"cap": Fraction(1, 2)},
    ),
)


SCIC004 = Rule(
    code="SCIC004",
    title="Local authorities hold at most 50 % of a SCIC's capital (20 % before 2014)",
    severity="error",
    kind="legal",
    confidence="confirmed",
    source=f"{_LOI_1947}, art. 19 septies, al. 4",
    url=_LOI_2014_ART_33_URL,
    versions=_SCIC004_VERSIONS,
    explanation=(
        "The public associés of a SCIC together hold a capped part of its "
        "capital: the `capital_share` of its `public_authority` categories. "
        "As written in 2001, the collectivités territoriales and their "
        "groupings could not hold more than 20 % of it; loi n° 2014-856 "
        "(art. 33), in force since 2 August 2014, rewrote the article: the "
        "collectivités territoriales, their groupings and the établissements "
        "publics territoriaux may hold up to 50 % of it (loi n° 2022-217, "
        "art. 221, later added to that alinéa without changing the cap). "
        "The rule applies the cap in force on the report's date, and its "
        "findings say which version applied. "
        "Unknown shares count as 0, so only a known excess is reported; a SCIC "
        "whose public associés have no recorded share, or with no associés "
        "recorded, is listed as not checked. "
        "The `public_authority` categories are not tied to `PublicBody` "
        "actors, so the kind and catégorie juridique of those associés are "
        "not checked here."
    ),
    check=_scic_public_capital,
    applies_to="actors",
    failing_example=Example(build=_scic004_fails, paths=("$.actors[0].associates",)),
    passing_example=Example(build=_scic004_passes),
)


# --- SCIC005 and SCIC006 ----------------------------------------------------


def _departs_from_equal_votes(colleges: tuple[College, ...]) -> bool:
    """Whether the statutes give the colleges other than equal votes.

    Colleges without weights, or all with the same weight, have the equal
    votes the article provides by default.
    """
    weights = [college.weight for college in colleges]
    return any(weight is not None for weight in weights) and len(set(weights)) > 1


def _scic_college_weights(context: Context) -> Iterator[Finding]:
    for coop in _cooperatives(context, CooperativeKind.SCIC):
        colleges = coop.colleges
        if not _departs_from_equal_votes(colleges):
            continue
        for j, college in enumerate(colleges):
            weight = college.weight
            if weight is None or Fraction(1, 10) <= weight <= Fraction(1, 2):
                continue
            message = (
                f"college {college.name!r} of SCIC {coop.id!r} weighs "
                f"{fraction_text(weight)} of the votes; when the statutes depart from equal "
                "votes, each college weighs between 1/10 (10 %) and 1/2 (50 %)"
            )
            path = context.path_of(coop, "governance", "colleges", j, "weight")
            yield context.finding(message, path, subject=coop.id)


def _scic_colleges(*weights: str | None) -> Ecosystem:
    return _scic(
        "beneficiary",
        "employee",
        "public_authority",
        governance=Governance(
            voting="weighted_colleges",
            colleges=tuple(
                College(name=f"collège {n}", weight=weight) for n, weight in enumerate(weights, 1)
            ),
        ),
    )


def _scic005_fails() -> Ecosystem:
    """Three colleges weighing 60 %, 30 % and 10 %."""
    return _scic_colleges("3/5", "3/10", "1/10")


def _scic005_passes() -> Ecosystem:
    """Three colleges weighing 40 %, 40 % and 20 %."""
    return _scic_colleges("2/5", "2/5", "1/5")


SCIC005 = Rule(
    code="SCIC005",
    title="When a SCIC's statutes weigh its colleges, each weighs between 10 % and 50 %",
    severity="error",
    kind="legal_conditional",
    confidence="reading",
    source=f"{_LOI_1947}, art. 19 octies, al. 2",
    url=_ART_19_OCTIES_URL,
    explanation=(
        "When the statutes group associés into vote colleges, each college "
        "has an equal number of votes unless the statutes provide otherwise; "
        'in that case ("dans ce cas"), no college holds more than 50 % or '
        "less than 10 % of the votes. "
        "So the bounds apply only when the colleges' weights differ: colleges "
        "without weights, or all with the same weight, have the default equal "
        "votes and are not bounded (their number is SCIC006). "
        "When some weights are given, those are checked. "
        "That the weights sum to 100 % is GOV001. "
        "The article also forbids weighing the colleges by capital "
        "contributed; no rule checks it, since the model does not record what "
        "the weights are based on (COOP003 checks only whether the "
        "cooperative's general meeting votes by capital)."
    ),
    check=_scic_college_weights,
    applies_to="actors",
    failing_example=Example(
        build=_scic005_fails, paths=("$.actors[0].governance.colleges[0].weight",)
    ),
    passing_example=Example(build=_scic005_passes),
)


def _scic_college_count(context: Context) -> Iterator[Finding]:
    for coop in _cooperatives(context, CooperativeKind.SCIC):
        count = len(coop.colleges)
        if 0 < count < 3:
            message = (
                f"SCIC {coop.id!r} has {count} vote college{'' if count == 1 else 's'}; "
                "the article is read as asking for three or more (not confirmed)"
            )
            yield context.finding(
                message, context.path_of(coop, "governance", "colleges"), subject=coop.id
            )


def _scic006_fails() -> Ecosystem:
    """Two colleges of 50 % each."""
    return _scic_colleges("1/2", "1/2")


def _scic006_passes() -> Ecosystem:
    """Three colleges."""
    return _scic_colleges("2/5", "2/5", "1/5")


SCIC006 = Rule(
    code="SCIC006",
    title="A SCIC with vote colleges has at least three of them",
    severity="warning",
    kind="legal_conditional",
    confidence="unconfirmed",
    source=f"{_LOI_1947}, art. 19 octies, al. 2 (minimum number of colleges not confirmed)",
    url=_ART_19_OCTIES_URL,
    explanation=(
        "Art. 19 octies is read as letting the statutes group the associés in "
        '"trois ou plusieurs collèges": the wording is known from paraphrases '
        "of the article, not from an official copy, so the rule is not "
        "confirmed and stays a warning."
    ),
    check=_scic_college_count,
    applies_to="actors",
    failing_example=Example(build=_scic006_fails, paths=("$.actors[0].governance.colleges",)),
    passing_example=Example(build=_scic006_passes),
)


# --- SCOP001 ----------------------------------------------------------------

_SCOP_MINIMUM = {CompanyForm.SARL: 2, CompanyForm.SAS: 2, CompanyForm.SA: 7}


def _scop_employee_count(context: Context) -> Iterator[Finding | Unchecked]:
    for coop in _cooperatives(context, CooperativeKind.SCOP):
        form = coop.form
        if form is not None and form not in _SCOP_MINIMUM:
            continue  # another form: no minimum to apply
        if form is None or not coop.associates:
            what = "no form recorded (form)" if form is None else _NO_ASSOCIATES
            yield context.unchecked(what, context.path_of(coop), subject=coop.id)
            continue
        minimum = _SCOP_MINIMUM[form]
        employees = coop.associates_with(AssociateRole.EMPLOYEE)
        if any(cat.count is None for cat in employees):
            reason = "the number of employee associés is not recorded (count)"
            yield context.unchecked(reason, context.path_of(coop, "associates"), subject=coop.id)
            continue
        count = sum(cat.count or 0 for cat in employees)
        if count < minimum:
            name = form.value.upper()
            message = (
                f"SCOP {coop.id!r} ({name}) has {count} employee associé"
                f"{'' if count == 1 else 's'}; an {name} SCOP has at least {minimum} "
                "(a court may dissolve it after more than a year below that number)"
            )
            yield context.finding(message, context.path_of(coop, "associates"), subject=coop.id)


def _scop(form: str, *categories: AssociateCategory, **fields: object) -> Ecosystem:
    return Ecosystem(
        actors=(
            Cooperative(
                id="arcoop",
                name="Arcoop",
                kind="scop",
                form=form,
                associates=categories,
                **fields,  # type: ignore[arg-type]  # the examples pass Cooperative's own fields
            ),
        ),
    )


def _scop001_fails() -> Ecosystem:
    """An SA SCOP with 5 employee associés."""
    return _scop("sa", AssociateCategory(role="employee", count=5))


def _scop001_passes() -> Ecosystem:
    """An SARL SCOP with 5 employee associés."""
    return _scop("sarl", AssociateCategory(role="employee", count=5))


SCOP001 = Rule(
    code="SCOP001",
    title="A SCOP has at least 2 employee associés (SARL, SAS) or 7 (SA)",
    severity="warning",
    kind="legal",
    confidence="reading",
    source=f"{_LOI_1978}, art. 5, al. 3 and 4",
    url=_LOI_1978_URL,
    explanation=(
        "A SCOP in SARL form has at least 2 employee associés, in SA form at "
        "least 7 (art. 5, al. 3); an SAS-form SCOP has at least 2, as "
        "Service-public (fiche F31328) states. "
        "The `count` of the `employee` categories is compared with the minimum "
        "of the SCOP's `form`. "
        "It is a warning: the commercial court may dissolve a SCOP only when "
        "it has been below the minimum for more than a year, and may give it "
        "up to a year more to regularise (art. 5, al. 4); the model does not "
        "record since when the number is low, so the rule cannot tell. "
        "A SCOP with no recorded form, no associés or unknown counts is listed "
        "as not checked; a SCOP of another form is not checked."
    ),
    check=_scop_employee_count,
    applies_to="actors",
    failing_example=Example(build=_scop001_fails, paths=("$.actors[0].associates",)),
    passing_example=Example(build=_scop001_passes),
)


# --- SCOP002 and SCOP003 ----------------------------------------------------


def _scop_employee_share(
    context: Context, share: str, minimum: Fraction, what: str
) -> Iterator[Finding | Unchecked]:
    for coop in _cooperatives(context, CooperativeKind.SCOP):
        employees = coop.associates_with(AssociateRole.EMPLOYEE)
        if not coop.associates or all(getattr(cat, share) is None for cat in coop.associates):
            reason = f"no {share} of the associés recorded (associates[].{share})"
            yield context.unchecked(reason, context.path_of(coop), subject=coop.id)
            continue
        if any(getattr(cat, share) is None for cat in employees):
            reason = f"the {share} of the employee associés is not recorded"
            yield context.unchecked(reason, context.path_of(coop, "associates"), subject=coop.id)
            continue
        held = _known_sum(employees, share)
        if held < minimum:
            message = (
                f"employees hold {fraction_text(held)} of the {what} of SCOP {coop.id!r}; "
                f"they must hold at least {fraction_text(minimum)}"
            )
            yield context.finding(message, context.path_of(coop, "associates"), subject=coop.id)


def _scop_capital(context: Context) -> Iterator[Finding | Unchecked]:
    return _scop_employee_share(context, "capital_share", Fraction(51, 100), "capital")


def _scop_votes(context: Context) -> Iterator[Finding | Unchecked]:
    return _scop_employee_share(context, "vote_share", Fraction(65, 100), "votes")


def _scop_split(*, capital: str | None = None, votes: str | None = None) -> Ecosystem:
    def rest(value: str | None) -> Fraction | None:
        return None if value is None else 1 - Fraction(value)

    return _scop(
        "sarl",
        AssociateCategory(role="employee", count=12, capital_share=capital, vote_share=votes),
        AssociateCategory(
            role="supporter", count=3, capital_share=rest(capital), vote_share=rest(votes)
        ),
    )


def _scop002_fails() -> Ecosystem:
    """Employees hold 40 % of the capital."""
    return _scop_split(capital="2/5")


def _scop002_passes() -> Ecosystem:
    """Employees hold 70 % of the capital."""
    return _scop_split(capital="7/10")


SCOP002 = Rule(
    code="SCOP002",
    title="Employees hold at least 51 % of a SCOP's capital",
    severity="warning",
    kind="legal",
    confidence="unconfirmed",
    source=f"{_LOI_1978} (article not confirmed); Service-public, fiche F31328",
    url="https://entreprendre.service-public.fr/vosdroits/F31328",
    explanation=(
        "Employee associés hold at least 51 % of a SCOP's capital, as "
        "Service-public and the legal press state; the article of the 1978 "
        "law that sets it is not confirmed, so the rule is a warning. "
        "Checked when every employee category has a `capital_share`; a SCOP "
        "with no capital shares recorded is listed as not checked."
    ),
    check=_scop_capital,
    applies_to="actors",
    failing_example=Example(build=_scop002_fails, paths=("$.actors[0].associates",)),
    passing_example=Example(build=_scop002_passes),
)


def _scop003_fails() -> Ecosystem:
    """Employees hold 60 % of the votes (and the investors 40 %)."""
    return _scop_split(votes="3/5")


def _scop003_passes() -> Ecosystem:
    """Employees hold 70 % of the votes."""
    return _scop_split(votes="7/10")


SCOP003 = Rule(
    code="SCOP003",
    title="Employees hold at least 65 % of a SCOP's votes",
    severity="warning",
    kind="legal",
    confidence="unconfirmed",
    source=f"{_LOI_1978} (article not confirmed); Service-public, fiche F31328",
    url="https://entreprendre.service-public.fr/vosdroits/F31328",
    explanation=(
        "Employee associés hold at least 65 % of the votes of a SCOP, so "
        "outside associés at most 35 %, matching the cap of loi n° 47-1775, "
        "art. 3 bis, al. 2, on associés that are not cooperatives. "
        "The figure is stated by Service-public; the article of the 1978 law "
        "is not confirmed, so the rule is a warning. "
        "Checked when every employee category has a `vote_share`; a SCOP with "
        "no vote shares recorded is listed as not checked."
    ),
    check=_scop_votes,
    applies_to="actors",
    failing_example=Example(build=_scop003_fails, paths=("$.actors[0].associates",)),
    passing_example=Example(build=_scop003_passes),
)


# --- SCOP004 ----------------------------------------------------------------


def _mandates(governance: Governance | None) -> list[tuple[int, Body]]:
    """The bodies whose seats are mandates of art. 15: every body but the general assembly."""
    if governance is None:
        return []
    return [
        (b, body)
        for b, body in enumerate(governance.bodies)
        if body.kind is not BodyKind.GENERAL_ASSEMBLY
    ]


def _scop_board_seats(context: Context) -> Iterator[Finding | Unchecked]:
    for coop in _cooperatives(context, CooperativeKind.SCOP):
        bodies = _mandates(coop.governance)
        if not bodies:
            reason = "no gérance, board or supervisory body recorded (governance.bodies)"
            yield context.unchecked(reason, context.path_of(coop), subject=coop.id)
            continue
        unknown = None
        for b, body in bodies:
            path = context.path_of(coop, "governance", "bodies", b)
            if body.seats is None or body.non_employee_seats is None:
                unknown = unknown or path
                continue
            if 3 * body.non_employee_seats > body.seats:
                what = body.name or body.kind.value
                message = (
                    f"associés who are not employees hold {body.non_employee_seats} of the "
                    f"{body.seats} seats of the {what} of SCOP {coop.id!r}; they may hold at "
                    "most a third of them"
                )
                yield context.finding(message, (*path, "non_employee_seats"), subject=coop.id)
        if unknown is not None:
            reason = "the seats held by associés who are not employees are not recorded"
            yield context.unchecked(reason, unknown, subject=coop.id)


def _scop_board(seats: int, non_employee_seats: int) -> Ecosystem:
    board = Body(
        kind="board",
        name="conseil d'administration",
        seats=seats,
        non_employee_seats=non_employee_seats,
    )
    return _scop(
        "sa",
        AssociateCategory(role="employee", count=9),
        AssociateCategory(role="investor", count=3),
        governance=Governance(bodies=(Body(kind="general_assembly"), board)),
    )


def _scop004_fails() -> Ecosystem:
    """Outside associés hold 4 of the 9 board seats."""
    return _scop_board(9, 4)


def _scop004_passes() -> Ecosystem:
    """Outside associés hold 3 of the 9 board seats: a third."""
    return _scop_board(9, 3)


SCOP004 = Rule(
    code="SCOP004",
    title="Associés who are not employees hold at most a third of a SCOP's mandates",
    severity="error",
    kind="legal",
    confidence="confirmed",
    source=f"{_LOI_1978}, art. 15, al. 2",
    url=_LOI_1978_URL,
    explanation=(
        "When a SCOP has associés who are not employed in it, they may hold "
        "at most a third of the mandates of gérant, administrateur, member of "
        "the directoire or of the conseil de surveillance. "
        "Each of the SCOP's governing bodies other than the general assembly "
        "is checked: its `non_employee_seats` times 3 may not exceed its "
        "`seats`. "
        "A SCOP with no such body recorded, or a body whose seats are not "
        "recorded, is listed as not checked."
    ),
    check=_scop_board_seats,
    applies_to="actors",
    failing_example=Example(
        build=_scop004_fails, paths=("$.actors[0].governance.bodies[1].non_employee_seats",)
    ),
    passing_example=Example(build=_scop004_passes),
)


# --- COOP001 and COOP002 ----------------------------------------------------


def _investor_votes(
    context: Context, roles: tuple[AssociateRole, ...], cap: Fraction, what: str
) -> Iterator[Finding | Unchecked]:
    for coop in _cooperatives(context):
        if not coop.associates:
            yield context.unchecked(_NO_ASSOCIATES, context.path_of(coop), subject=coop.id)
            continue
        investors = coop.associates_with(*roles)
        held = _known_sum(investors, "vote_share")
        if held > cap:
            message = (
                f"{what} hold {fraction_text(held)} of the votes of cooperative {coop.id!r}; "
                f"they may hold at most {fraction_text(cap)}"
            )
            yield context.finding(message, context.path_of(coop, "associates"), subject=coop.id)
        elif any(cat.vote_share is None for cat in _present(investors)):
            reason = f"the vote share of the {what} is not recorded"
            yield context.unchecked(reason, context.path_of(coop, "associates"), subject=coop.id)


def _non_cooperators(context: Context) -> Iterator[Finding | Unchecked]:
    roles = (AssociateRole.INVESTOR, AssociateRole.INVESTOR_COOPERATIVE)
    return _investor_votes(context, roles, context.param("cap"), "associés non coopérateurs")


def _non_cooperative_investors(context: Context) -> Iterator[Finding | Unchecked]:
    roles = (AssociateRole.INVESTOR,)
    what = "associés non coopérateurs that are not cooperatives"
    return _investor_votes(context, roles, context.param("cap"), what)


_COOP001_VERSIONS = (
    LawVersion(
        label=_BEFORE_2014,
        end=LOI_2014_IN_FORCE,
        source=f"{_LOI_1947}, art. 3 bis, al. 2, as written by {_LOI_1992}",
        url=_LOI_1947_URL,
        params={"cap": Fraction(35, 100)},
    ),
    LawVersion(
        label=_SINCE_2014,
        start=LOI_2014_IN_FORCE,
        source=f"{_LOI_1947}, art. 3 bis, al. 2, as amended by loi n° 2014-856, art. 24",
        url=_ART_3_BIS_URL,
        params={"cap": Fraction(49, 100)},
    ),
)
#: The separate 35 % cap on associés that are not cooperatives exists only
#: since loi n° 2014-856; before it, COOP001's single 35 % cap covered them.
_COOP002_VERSIONS = (attrs.evolve(_COOP001_VERSIONS[1], params={"cap": Fraction(35, 100)}),)


def _coop_votes(investors: str, cooperative_investors: str) -> Ecosystem:
    members = 1 - Fraction(investors) - Fraction(cooperative_investors)
    return Ecosystem(
        actors=(
            Cooperative(
                id="coop-conso",
                name="Coopérative de consommation",
                kind="consumer",
                associates=(
                    AssociateCategory(role="beneficiary", count=300, vote_share=members),
                    AssociateCategory(role="investor", count=2, vote_share=investors),
                    AssociateCategory(
                        role="investor_cooperative", count=1, vote_share=cooperative_investors
                    ),
                ),
            ),
        ),
    )


def _coop001_fails() -> Ecosystem:
    """Investors hold 30 % and a cooperative investor 25 % of the votes: 55 %."""
    return _coop_votes("3/10", "1/4")


def _coop001_passes() -> Ecosystem:
    """Investors hold 30 % and a cooperative investor 15 %: 45 %."""
    return _coop_votes("3/10", "3/20")


COOP001 = Rule(
    code="COOP001",
    title="Associés non coopérateurs hold at most 49 % of the votes (35 % before 2014)",
    severity="error",
    kind="legal",
    confidence="confirmed",
    source=f"{_LOI_1947}, art. 3 bis, al. 2",
    url=_ART_3_BIS_URL,
    versions=_COOP001_VERSIONS,
    explanation=(
        "A cooperative may admit associés who do not use its services, to "
        "bring capital (`investor` and `investor_cooperative` categories). "
        "As written in 1992, they could hold together at most 35 % of the "
        "votes; loi n° 2014-856 (art. 24), in force since 2 August 2014, "
        "raised their joint cap to 49 %, keeping 35 % for those that are not "
        "cooperative societies (COOP002). "
        "The rule applies the cap in force on the report's date. "
        "Unknown vote shares count as 0, so only a known excess is reported; "
        "a cooperative with no associés recorded, or whose associés non "
        "coopérateurs have no recorded vote share, is listed as not checked."
    ),
    check=_non_cooperators,
    applies_to="actors",
    failing_example=Example(build=_coop001_fails, paths=("$.actors[0].associates",)),
    passing_example=Example(build=_coop001_passes),
)


def _coop002_fails() -> Ecosystem:
    """Investors that are not cooperatives hold 40 % of the votes."""
    return _coop_votes("2/5", "0")


def _coop002_passes() -> Ecosystem:
    """They hold 30 %."""
    return _coop_votes("3/10", "0")


COOP002 = Rule(
    code="COOP002",
    title="Associés non coopérateurs that are not cooperatives hold at most 35 % of the votes",
    severity="error",
    kind="legal",
    confidence="confirmed",
    source=f"{_LOI_1947}, art. 3 bis, al. 2",
    url=_ART_3_BIS_URL,
    versions=_COOP002_VERSIONS,
    explanation=(
        "Among the associés non coopérateurs, those that are not "
        "cooperative societies (`investor` categories) hold at most 35 % of "
        "the votes, within the 49 % of COOP001. "
        "This separate cap exists since loi n° 2014-856 (2 August 2014), so "
        "the rule runs only from that date; before it, COOP001 applied one "
        "35 % cap to all of them. "
        "A cooperative with no associés recorded, or whose `investor` "
        "categories have no recorded vote share, is listed as not checked."
    ),
    check=_non_cooperative_investors,
    applies_to="actors",
    failing_example=Example(build=_coop002_fails, paths=("$.actors[0].associates",)),
    passing_example=Example(build=_coop002_passes),
)


# --- COOP003 ----------------------------------------------------------------


def _capital_voting(context: Context) -> Iterator[Finding]:
    for coop in _cooperatives(context):
        if coop.governance is not None and coop.governance.voting is VotingScheme.CAPITAL_WEIGHTED:
            message = (
                f"cooperative {coop.id!r} weighs votes by capital; in a cooperative each "
                "associé has one vote unless the law of its category provides otherwise"
            )
            yield context.finding(
                message, context.path_of(coop, "governance", "voting"), subject=coop.id
            )


def _coop_voting(voting: str) -> Ecosystem:
    return Ecosystem(
        actors=(
            Cooperative(
                id="cuma",
                name="CUMA des Monts du Matin",
                kind="agricultural",
                governance=Governance(voting=voting),
            ),
        ),
    )


def _coop003_fails() -> Ecosystem:
    """A CUMA whose votes are weighted by capital."""
    return _coop_voting("capital_weighted")


def _coop003_passes() -> Ecosystem:
    """One member, one vote."""
    return _coop_voting("one_member_one_vote")


COOP003 = Rule(
    code="COOP003",
    title="A cooperative gives one vote to each associé",
    severity="warning",
    kind="legal",
    confidence="confirmed",
    source=f"{_LOI_1947}, art. 1, al. 3, and art. 9",
    url=_LOI_1947_URL,
    explanation=(
        "Unless the law of its category provides otherwise, each associé of "
        "a cooperative has one vote at the general meeting. "
        "A cooperative whose governance weighs votes by capital is reported, "
        "as a warning, since art. 3 bis, al. 3, lets the statutes give "
        "associés non coopérateurs votes in proportion to their capital and "
        "category laws may allow weighting. "
        "It checks only the general meeting's `voting` scheme, not what the "
        "weights of vote colleges are based on."
    ),
    check=_capital_voting,
    applies_to="actors",
    failing_example=Example(build=_coop003_fails, paths=("$.actors[0].governance.voting",)),
    passing_example=Example(build=_coop003_passes),
)


RULES: tuple[Rule, ...] = (
    SCIC001,
    SCIC002,
    SCIC003,
    SCIC004,
    SCIC005,
    SCIC006,
    SCOP001,
    SCOP002,
    SCOP003,
    SCOP004,
    COOP001,
    COOP002,
    COOP003,
)

THEMES: tuple[Theme, ...] = (
    Theme(
        prefix="SCIC",
        title="SCIC",
        rules=(
            SCIC001,
            SCIC002,
            SCIC003,
            SCIC004,
            SCIC005,
            SCIC006,
        ),
    ),
    Theme(
        prefix="SCOP",
        title="SCOP",
        rules=(
            SCOP001,
            SCOP002,
            SCOP003,
            SCOP004,
        ),
    ),
    Theme(
        prefix="COOP",
        title="Every cooperative",
        rules=(
            COOP001,
            COOP002,
            COOP003,
        ),
    ),
)
