"""Cooperative rules: SCIC (loi 1947, titre II ter), SCOP (loi n° 78-763) and every cooperative (loi 1947)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from fractions import Fraction

from ptcekit.model import (
    AssociateCategory,
    AssociateRole,
    College,
    CompanyForm,
    Cooperative,
    CooperativeKind,
    Ecosystem,
    Governance,
    VotingScheme,
)
from ptcekit.rules._engine import Context, Example, Finding, Rule, fraction_text

__all__ = ["RULES"]

_SCIC = "Loi n° 47-1775 du 10 septembre 1947"
_SCOP = "Loi n° 78-763 du 19 juillet 1978"


def _cooperatives(
    context: Context, kind: CooperativeKind | None = None
) -> Iterator[tuple[int, Cooperative]]:
    for a, actor in enumerate(context.ecosystem.actors):
        if isinstance(actor, Cooperative) and (kind is None or actor.kind is kind):
            yield a, actor


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

_SCIC_FORMS = frozenset({CompanyForm.SA, CompanyForm.SARL, CompanyForm.SAS})


def _scic_form(context: Context) -> Iterator[Finding]:
    for a, coop in _cooperatives(context, CooperativeKind.SCIC):
        if coop.form is not None and coop.form not in _SCIC_FORMS:
            message = (
                f"SCIC {coop.id!r} has the form {coop.form.value}; a SCIC is an SA, an SARL "
                "or an SAS"
            )
            yield context.finding(message, f"$.actors[{a}].form", subject=coop.id)
        if not coop.variable_capital:
            message = f"SCIC {coop.id!r} has a fixed capital; a SCIC has a variable capital"
            yield context.finding(message, f"$.actors[{a}].variable_capital", subject=coop.id)


def _scic001_fails() -> Ecosystem:
    """A SCIC recorded as a société civile with a fixed capital."""
    return _scic("beneficiary", "employee", "volunteer", form="civil", variable_capital=False)


def _scic001_passes() -> Ecosystem:
    """An SAS-form SCIC with a variable capital."""
    return _scic("beneficiary", "employee", "volunteer")


# --- SCIC002 ----------------------------------------------------------------


def _scic_categories(context: Context) -> Iterator[Finding]:
    for a, coop in _cooperatives(context, CooperativeKind.SCIC):
        if not coop.associates:
            continue
        present = _present(coop.associates)
        if len(present) < 3:
            roles = ", ".join(cat.label or cat.role.value for cat in present) or "none"
            message = (
                f"SCIC {coop.id!r} has {len(present)} categor{'y' if len(present) == 1 else 'ies'}"
                f" of associés ({roles}); a SCIC has at least 3"
            )
            yield context.finding(message, f"$.actors[{a}].associates", subject=coop.id)


def _scic002_fails() -> Ecosystem:
    """Bénéficiaires and salariés only."""
    return _scic("beneficiary", "employee")


def _scic002_passes() -> Ecosystem:
    """Bénéficiaires, salariés and a local authority."""
    return _scic("beneficiary", "employee", "public_authority")


# --- SCIC003 ----------------------------------------------------------------


def _scic_mandatory(context: Context) -> Iterator[Finding]:
    for a, coop in _cooperatives(context, CooperativeKind.SCIC):
        if not coop.associates:
            continue
        roles = {cat.role for cat in _present(coop.associates)}
        missing = []
        if AssociateRole.BENEFICIARY not in roles:
            missing.append("no category of bénéficiaires")
        if AssociateRole.EMPLOYEE not in roles:
            if AssociateRole.PRODUCER not in roles:
                missing.append("no category of salariés (nor of producteurs)")
            elif coop.headcount is not None and coop.headcount > 0:
                missing.append(
                    f"producteurs instead of salariés although it has {coop.headcount} "
                    "employees (producteurs stand in only when it has none)"
                )
        if missing:
            message = f"SCIC {coop.id!r} has {' and '.join(missing)}"
            yield context.finding(message, f"$.actors[{a}].associates", subject=coop.id)


def _scic003_fails() -> Ecosystem:
    """Producteurs stand in for salariés, but the SCIC employs 4 people."""
    return _scic("beneficiary", "producer", "volunteer", headcount=4)


def _scic003_passes() -> Ecosystem:
    """Producteurs stand in for salariés in a SCIC with no employees."""
    return _scic("beneficiary", "producer", "volunteer", headcount=0)


# --- SCIC004 ----------------------------------------------------------------


def _scic_public_capital(context: Context) -> Iterator[Finding]:
    for a, coop in _cooperatives(context, CooperativeKind.SCIC):
        public = coop.associates_with(AssociateRole.PUBLIC_AUTHORITY)
        held = _known_sum(public, "capital_share")
        if held > Fraction(1, 2):
            message = (
                f"local authorities hold {fraction_text(held)} of the capital of SCIC "
                f"{coop.id!r}; they may hold at most 1/2 (50 %)"
            )
            yield context.finding(message, f"$.actors[{a}].associates", subject=coop.id)


def _scic_capital(public: str) -> Ecosystem:
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
    )


def _scic004_fails() -> Ecosystem:
    """The agglomeration holds 60 % of the capital."""
    return _scic_capital("3/5")


def _scic004_passes() -> Ecosystem:
    """The agglomeration holds 40 % of the capital."""
    return _scic_capital("2/5")


# --- SCIC005 and SCIC006 ----------------------------------------------------


def _weights(colleges: tuple[College, ...]) -> list[tuple[int, Fraction]]:
    """Return each college's weight; equal weights when the statutes give none."""
    if all(college.weight is None for college in colleges):
        return [(j, Fraction(1, len(colleges))) for j in range(len(colleges))]
    return [(j, college.weight) for j, college in enumerate(colleges) if college.weight is not None]


def _scic_college_weights(context: Context) -> Iterator[Finding]:
    for a, coop in _cooperatives(context, CooperativeKind.SCIC):
        colleges = coop.colleges
        if not colleges:
            continue
        for j, weight in _weights(colleges):
            if Fraction(1, 10) <= weight <= Fraction(1, 2):
                continue
            given = colleges[j].weight is not None
            how = "" if given else ", as colleges without weights have equal votes"
            message = (
                f"college {colleges[j].name!r} of SCIC {coop.id!r} weighs "
                f"{fraction_text(weight)} of the votes{how}; each college weighs "
                "between 1/10 (10 %) and 1/2 (50 %)"
            )
            path = f"$.actors[{a}].governance.colleges[{j}]" + (".weight" if given else "")
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


def _scic_college_count(context: Context) -> Iterator[Finding]:
    for a, coop in _cooperatives(context, CooperativeKind.SCIC):
        count = len(coop.colleges)
        if 0 < count < 3:
            message = (
                f"SCIC {coop.id!r} has {count} vote college{'' if count == 1 else 's'}; "
                "the statutes likely need at least 3 (unconfirmed)"
            )
            yield context.finding(message, f"$.actors[{a}].governance.colleges", subject=coop.id)


def _scic006_fails() -> Ecosystem:
    """Two colleges of 50 % each."""
    return _scic_colleges("1/2", "1/2")


def _scic006_passes() -> Ecosystem:
    """Three colleges."""
    return _scic_colleges("2/5", "2/5", "1/5")


# --- SCOP001 ----------------------------------------------------------------

_SCOP_MINIMUM = {CompanyForm.SARL: 2, CompanyForm.SAS: 2, CompanyForm.SA: 7}


def _scop_employee_count(context: Context) -> Iterator[Finding]:
    for a, coop in _cooperatives(context, CooperativeKind.SCOP):
        form = coop.form
        if form is None or form not in _SCOP_MINIMUM or not coop.associates:
            continue
        minimum = _SCOP_MINIMUM[form]
        employees = coop.associates_with(AssociateRole.EMPLOYEE)
        if any(cat.count is None for cat in employees):
            continue
        count = sum(cat.count or 0 for cat in employees)
        if count < minimum:
            name = form.value.upper()
            message = (
                f"SCOP {coop.id!r} ({name}) has {count} employee associé"
                f"{'' if count == 1 else 's'}; an {name} SCOP has at least {minimum}"
            )
            yield context.finding(message, f"$.actors[{a}].associates", subject=coop.id)


def _scop(form: str, *categories: AssociateCategory) -> Ecosystem:
    return Ecosystem(
        actors=(
            Cooperative(
                id="arcoop",
                name="Arcoop",
                kind="scop",
                form=form,
                associates=categories,
            ),
        ),
    )


def _scop001_fails() -> Ecosystem:
    """An SA SCOP with 5 employee associés."""
    return _scop("sa", AssociateCategory(role="employee", count=5))


def _scop001_passes() -> Ecosystem:
    """An SARL SCOP with 5 employee associés."""
    return _scop("sarl", AssociateCategory(role="employee", count=5))


# --- SCOP002 and SCOP003 ----------------------------------------------------


def _scop_employee_share(
    context: Context, share: str, minimum: Fraction, what: str
) -> Iterator[Finding]:
    for a, coop in _cooperatives(context, CooperativeKind.SCOP):
        if all(getattr(cat, share) is None for cat in coop.associates):
            continue
        employees = coop.associates_with(AssociateRole.EMPLOYEE)
        if any(getattr(cat, share) is None for cat in employees):
            continue
        held = _known_sum(employees, share)
        if held < minimum:
            message = (
                f"employees hold {fraction_text(held)} of the {what} of SCOP {coop.id!r}; "
                f"they must hold at least {fraction_text(minimum)}"
            )
            yield context.finding(message, f"$.actors[{a}].associates", subject=coop.id)


def _scop_capital(context: Context) -> Iterator[Finding]:
    return _scop_employee_share(context, "capital_share", Fraction(51, 100), "capital")


def _scop_votes(context: Context) -> Iterator[Finding]:
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


def _scop003_fails() -> Ecosystem:
    """Employees hold 60 % of the votes (and the investors 40 %)."""
    return _scop_split(votes="3/5")


def _scop003_passes() -> Ecosystem:
    """Employees hold 70 % of the votes."""
    return _scop_split(votes="7/10")


# --- COOP001 and COOP002 ----------------------------------------------------


def _investor_votes(
    context: Context, roles: tuple[AssociateRole, ...], cap: Fraction, what: str
) -> Iterator[Finding]:
    for a, coop in _cooperatives(context):
        held = _known_sum(coop.associates_with(*roles), "vote_share")
        if held > cap:
            message = (
                f"{what} hold {fraction_text(held)} of the votes of cooperative {coop.id!r}; "
                f"they may hold at most {fraction_text(cap)}"
            )
            yield context.finding(message, f"$.actors[{a}].associates", subject=coop.id)


def _non_cooperators(context: Context) -> Iterator[Finding]:
    roles = (AssociateRole.INVESTOR, AssociateRole.INVESTOR_COOPERATIVE)
    return _investor_votes(context, roles, Fraction(49, 100), "associés non coopérateurs")


def _non_cooperative_investors(context: Context) -> Iterator[Finding]:
    roles = (AssociateRole.INVESTOR,)
    what = "associés non coopérateurs that are not cooperatives"
    return _investor_votes(context, roles, Fraction(35, 100), what)


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


def _coop002_fails() -> Ecosystem:
    """Investors that are not cooperatives hold 40 % of the votes."""
    return _coop_votes("2/5", "0")


def _coop002_passes() -> Ecosystem:
    """They hold 30 %."""
    return _coop_votes("3/10", "0")


# --- COOP003 ----------------------------------------------------------------


def _capital_voting(context: Context) -> Iterator[Finding]:
    for a, coop in _cooperatives(context):
        if coop.governance is not None and coop.governance.voting is VotingScheme.CAPITAL_WEIGHTED:
            message = (
                f"cooperative {coop.id!r} weighs votes by capital; in a cooperative each "
                "associé has one vote unless the law of its category provides otherwise"
            )
            yield context.finding(message, f"$.actors[{a}].governance.voting", subject=coop.id)


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


RULES: tuple[Rule, ...] = (
    Rule(
        code="SCIC001",
        title="A SCIC is an SA, SARL or SAS with a variable capital",
        severity="error",
        kind="legal",
        confidence="high",
        source=f"{_SCIC}, art. 19 quinquies (R9)",
        explanation=(
            "A SCIC is a société anonyme, a SARL or (since loi n° 2014-856) an "
            "SAS, always with a variable capital. A SCIC whose `form` is another "
            "one, or whose `variable_capital` is false, is reported; a SCIC with "
            "no recorded form is not."
        ),
        check=_scic_form,
        applies_to="actors",
        failing_example=Example(
            build=_scic001_fails, paths=("$.actors[0].form", "$.actors[0].variable_capital")
        ),
        passing_example=Example(build=_scic001_passes),
    ),
    Rule(
        code="SCIC002",
        title="A SCIC has at least three categories of associés",
        severity="error",
        kind="legal",
        confidence="high",
        source=f"{_SCIC}, art. 19 septies (R10)",
        explanation=(
            "A SCIC gathers at least three categories of associés. Categories "
            "whose `count` is 0 do not count: a SCIC that loses a category no "
            "longer meets the requirement. A SCIC with no associate data is not "
            "checked. (The minimum number of vote colleges is another matter: "
            "see SCIC006.)"
        ),
        check=_scic_categories,
        applies_to="actors",
        failing_example=Example(build=_scic002_fails, paths=("$.actors[0].associates",)),
        passing_example=Example(build=_scic002_passes),
    ),
    Rule(
        code="SCIC003",
        title="A SCIC's associés include bénéficiaires and salariés",
        severity="error",
        kind="legal",
        confidence="high",
        source=f"{_SCIC}, art. 19 septies (R10)",
        explanation=(
            "Two categories are mandatory: the persons who habitually benefit "
            "from the SCIC's activity (bénéficiaires) and its employees "
            "(salariés), or, only when it has no employees, the producers of its "
            "goods or services (producteurs). Producteurs in place of salariés "
            "are reported when the SCIC's `headcount` is above 0, and accepted "
            "when it is 0 or unknown."
        ),
        check=_scic_mandatory,
        applies_to="actors",
        failing_example=Example(build=_scic003_fails, paths=("$.actors[0].associates",)),
        passing_example=Example(build=_scic003_passes),
    ),
    Rule(
        code="SCIC004",
        title="Local authorities hold at most 50 % of a SCIC's capital",
        severity="error",
        kind="legal",
        confidence="high",
        source=f"{_SCIC}, art. 19 septies, as amended by loi n° 2014-856, art. 33 (R11)",
        explanation=(
            "Collectivités territoriales, their groupings and établissements "
            "publics territoriaux together hold at most 50 % of a SCIC's capital "
            "(20 % before 2014): the `capital_share` of the `public_authority` "
            "categories. Unknown shares count as 0, so only a known excess is "
            "reported."
        ),
        check=_scic_public_capital,
        applies_to="actors",
        failing_example=Example(build=_scic004_fails, paths=("$.actors[0].associates",)),
        passing_example=Example(build=_scic004_passes),
    ),
    Rule(
        code="SCIC005",
        title="Each vote college of a SCIC weighs between 10 % and 50 %",
        severity="error",
        kind="legal_conditional",
        confidence="high",
        source=f"{_SCIC}, art. 19 octies (R12)",
        explanation=(
            "When the statutes group associés into vote colleges, no college "
            "holds more than 50 % or less than 10 % of the votes. Colleges "
            "without a weight have equal votes, as the article provides by "
            "default. That the weights sum to 100 % is GOV001; that capital is "
            "no weighting criterion ([M]) is COOP003."
        ),
        check=_scic_college_weights,
        applies_to="actors",
        failing_example=Example(
            build=_scic005_fails, paths=("$.actors[0].governance.colleges[0].weight",)
        ),
        passing_example=Example(build=_scic005_passes),
    ),
    Rule(
        code="SCIC006",
        title="A SCIC with vote colleges has at least three of them",
        severity="warning",
        kind="legal_conditional",
        confidence="unconfirmed",
        source=f"{_SCIC}, art. 19 octies (minimum number of colleges UNCONFIRMED)",
        explanation=(
            "The text of art. 19 octies on the minimum number of colleges was "
            "not seen in a source (ess-law.md, caveats): it is believed to say "
            "three or more, which is UNCONFIRMED. This rule is therefore a "
            "warning only."
        ),
        check=_scic_college_count,
        applies_to="actors",
        failing_example=Example(build=_scic006_fails, paths=("$.actors[0].governance.colleges",)),
        passing_example=Example(build=_scic006_passes),
    ),
    Rule(
        code="SCOP001",
        title="A SCOP has at least 2 employee associés (SARL, SAS) or 7 (SA)",
        severity="error",
        kind="legal",
        confidence="high",
        source=f"{_SCOP}, art. 5; Service-public F31328 (R16)",
        explanation=(
            "A SCOP in SARL form has at least 2 employee associés, in SA form at "
            "least 7 (art. 5 [H]); Service-public gives 2 for an SAS [M]. The "
            "`count` of the `employee` categories is compared with the minimum "
            "of the SCOP's `form`; a SCOP whose form or counts are unknown is "
            "not checked."
        ),
        check=_scop_employee_count,
        applies_to="actors",
        failing_example=Example(build=_scop001_fails, paths=("$.actors[0].associates",)),
        passing_example=Example(build=_scop001_passes),
    ),
    Rule(
        code="SCOP002",
        title="Employees hold at least 51 % of a SCOP's capital",
        severity="error",
        kind="legal",
        confidence="medium",
        source=f"{_SCOP} (article UNCONFIRMED); Service-public F31328 (R16)",
        explanation=(
            "Employee associés hold at least 51 % of a SCOP's capital. The "
            "figure is [M] (Service-public and legal press); the article of the "
            "1978 law that sets it is UNCONFIRMED. Checked when every employee "
            "category has a `capital_share`."
        ),
        check=_scop_capital,
        applies_to="actors",
        failing_example=Example(build=_scop002_fails, paths=("$.actors[0].associates",)),
        passing_example=Example(build=_scop002_passes),
    ),
    Rule(
        code="SCOP003",
        title="Employees hold at least 65 % of a SCOP's votes",
        severity="error",
        kind="legal",
        confidence="medium",
        source=f"{_SCOP} (article UNCONFIRMED); Service-public F31328 (R16)",
        explanation=(
            "Employee associés hold at least 65 % of the votes of a SCOP, so "
            "external associés at most 35 %, matching the general cap of loi "
            "1947 art. 3 bis. The figure is [M]; the article is UNCONFIRMED. "
            "Checked when every employee category has a `vote_share`."
        ),
        check=_scop_votes,
        applies_to="actors",
        failing_example=Example(build=_scop003_fails, paths=("$.actors[0].associates",)),
        passing_example=Example(build=_scop003_passes),
    ),
    Rule(
        code="COOP001",
        title="Associés non coopérateurs hold at most 49 % of the votes",
        severity="error",
        kind="legal",
        confidence="high",
        source=f"{_SCIC}, art. 3 bis (R14)",
        explanation=(
            "A cooperative may admit associés who do not use its services, to "
            "bring capital (`investor` and `investor_cooperative` categories). "
            "Together they hold at most 49 % of the votes. Unknown vote shares "
            "count as 0."
        ),
        check=_non_cooperators,
        applies_to="actors",
        failing_example=Example(build=_coop001_fails, paths=("$.actors[0].associates",)),
        passing_example=Example(build=_coop001_passes),
    ),
    Rule(
        code="COOP002",
        title="Non-cooperative investors hold at most 35 % of the votes",
        severity="error",
        kind="legal",
        confidence="high",
        source=f"{_SCIC}, art. 3 bis (R14)",
        explanation=(
            "Among the associés non coopérateurs, those that are not "
            "cooperative societies (`investor` categories) hold at most 35 % of "
            "the votes."
        ),
        check=_non_cooperative_investors,
        applies_to="actors",
        failing_example=Example(build=_coop002_fails, paths=("$.actors[0].associates",)),
        passing_example=Example(build=_coop002_passes),
    ),
    Rule(
        code="COOP003",
        title="A cooperative gives one vote to each associé",
        severity="warning",
        kind="legal",
        confidence="high",
        source=f"{_SCIC}, art. 1 (R15); art. 19 octies for SCIC",
        explanation=(
            "Unless the law of its category provides otherwise, each associé of "
            "a cooperative has one vote at the general meeting. A cooperative "
            "whose governance weighs votes by capital is reported, as a warning "
            "since art. 3 bis lets statutes give investors votes in proportion "
            "to capital. In a SCIC, capital is no weighting criterion of the "
            "colleges either ([M])."
        ),
        check=_capital_voting,
        applies_to="actors",
        failing_example=Example(build=_coop003_fails, paths=("$.actors[0].governance.voting",)),
        passing_example=Example(build=_coop003_passes),
    ),
)
