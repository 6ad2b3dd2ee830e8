"""ESS and ESUS rules: the ESUS agrément's dates and pay caps, and the ESS claims of art. 1."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import ROUND_CEILING, Decimal

from ptcekit.model import (
    Actor,
    Association,
    Company,
    CompanyForm,
    Cooperative,
    Ecosystem,
    EsusApproval,
    Foundation,
    Governance,
    Grouping,
    Money,
    Mutual,
    Organisation,
    PayData,
    Period,
    PublicBody,
    ResearchBody,
    TrainingBody,
    VotingScheme,
)
from ptcekit.rules._context import Context
from ptcekit.rules._report import Finding, Unchecked
from ptcekit.rules._rule import Example, Rule, Theme

__all__ = ["RULES", "THEMES", "kind_of"]

#: Loi n° 2014-856 du 31 juillet 2014 relative à l'économie sociale et solidaire, on Légifrance.
LAW_2014_856_URL = "https://www.legifrance.gouv.fr/loda/id/JORFTEXT000029313296"
#: C. trav. L3332-17-1 (the ESUS agrément), on Légifrance.
L3332_17_1_URL = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000048598324"
#: The Code du travail on Légifrance (R3332-21-3 is in its part réglementaire, livre III, titre III).
CODE_DU_TRAVAIL_URL = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006072050"
#: INSEE's documentation of the variables of the Sirene register.
SIRENE_VARIABLES_URL = "https://www.sirene.fr/static-resources/documentation/v_sommaire_311.htm"

_DURATION_SOURCE = "Code du travail, art. R3332-21-3, III (décret n° 2015-719 du 23 juin 2015)"

_KINDS: tuple[tuple[type[Actor], str], ...] = (
    (Association, "association"),
    (Foundation, "foundation"),
    (Mutual, "mutual"),
    (Cooperative, "cooperative"),
    (Company, "company"),
    (PublicBody, "public body"),
    (ResearchBody, "research body"),
    (TrainingBody, "training body"),
    (Grouping, "grouping"),
)


def kind_of(actor: Actor) -> str:
    """Return the kind of ``actor`` in words, as messages name it, such as ``"association"``."""
    for cls, word in _KINDS:
        if isinstance(actor, cls):
            return word
    return "organisation" if isinstance(actor, Organisation) else "actor"


def _esus_holders(context: Context) -> Iterator[tuple[Organisation, EsusApproval]]:
    """Every organisation that records an ESUS agrément, whatever its kind."""
    for actor in context.ecosystem.actors:
        if isinstance(actor, Organisation) and actor.esus is not None:
            yield actor, actor.esus


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year + years, day=28)


# --- ESS001 -----------------------------------------------------------------


def _expired(context: Context) -> Iterator[Finding]:
    for actor, esus in _esus_holders(context):
        end = esus.period.end
        if end is not None and end < context.as_of:
            message = (
                f"the ESUS agrément of {kind_of(actor)} {actor.id!r} ended on {end.isoformat()}, "
                f"before {context.as_of.isoformat()}; renew it or record that it lapsed"
            )
            yield context.finding(
                message, context.path_of(actor, "esus", "period", "end"), subject=actor.id
            )


def _esus_ending(end: dt.date) -> Ecosystem:
    return Ecosystem(
        as_of=dt.date(2024, 6, 30),
        actors=(
            Association(
                id="archer",
                name="Association Archer",
                esus=EsusApproval(period=Period(start=dt.date(2019, 3, 1), end=end)),
            ),
        ),
    )


def _ess001_fails() -> Ecosystem:
    """An association's agrément that ended in February 2024, checked as of June 2024."""
    return _esus_ending(dt.date(2024, 2, 28))


def _ess001_passes_in_force() -> Ecosystem:
    """An agrément still in force on 30 June 2024."""
    return _esus_ending(dt.date(2024, 12, 31))


ESS001 = Rule(
    code="ESS001",
    title="An ESUS agrément has not expired",
    severity="warning",
    kind="approval",
    confidence="confirmed",
    source=_DURATION_SOURCE,
    url=CODE_DU_TRAVAIL_URL,
    explanation=(
        "The agrément « entreprise solidaire d'utilité sociale » is granted "
        "for 5 years, or 2 years for an enterprise created less than 3 years "
        "before it applied, and must then be renewed (C. trav. R3332-21-3, III). "
        "An agrément whose period ended before the date the rules run as of no "
        "longer holds: the record is stale, or the organisation lost the "
        "agrément. Every organisation that records one is checked: "
        "associations, cooperatives, foundations, mutuals and companies alike."
    ),
    check=_expired,
    applies_to="actors",
    failing_example=Example(build=_ess001_fails, paths=("$.actors[0].esus.period.end",)),
    passing_example=Example(build=_ess001_passes_in_force),
)


# --- ESS002 -----------------------------------------------------------------


def _too_long(context: Context) -> Iterator[Finding | Unchecked]:
    for actor, esus in _esus_holders(context):
        if esus.by_right:
            continue  # R3332-21-3, IV: an agrément « de plein droit » has no term
        start, end = esus.period.start, esus.period.end
        path = context.path_of(actor, "esus", "period")
        if start is None or end is None:
            missing = "start" if start is None else "end"
            reason = f"the {missing} of the ESUS agrément is not recorded, so its length is unknown"
            yield context.unchecked(reason, path, subject=actor.id)
            continue
        applied = esus.decided or start
        if end <= _add_years(start, 2):
            continue  # within the shorter term: right whatever the enterprise's age
        if actor.founded is None:
            if end <= _add_years(start, 5):
                reason = (
                    "the founding date is not recorded, so whether the 2-year term of an "
                    "enterprise under 3 years old applies is unknown"
                )
                yield context.unchecked(reason, path, subject=actor.id)
                continue
            young = False
        else:
            young = applied < _add_years(actor.founded, 3)
        years = 2 if young else 5
        if end > _add_years(start, years):
            why = (
                f"the {years} years an agrément lasts for an enterprise founded on "
                f"{actor.founded.isoformat()}, under 3 years old when it applied"
                if young and actor.founded is not None
                else f"the {years} years an agrément lasts"
            )
            message = (
                f"the ESUS agrément of {kind_of(actor)} {actor.id!r} runs from "
                f"{start.isoformat()} to {end.isoformat()}, longer than {why}"
            )
            yield context.finding(message, path, subject=actor.id)


def _young_cooperative(end: dt.date) -> Ecosystem:
    return Ecosystem(
        as_of=dt.date(2024, 6, 30),
        actors=(
            Cooperative(
                id="scic-territoire",
                name="SCIC de territoire",
                kind="scic",
                founded=dt.date(2022, 9, 1),
                esus=EsusApproval(
                    period=Period(start=dt.date(2023, 1, 1), end=end), decided=dt.date(2023, 1, 1)
                ),
            ),
        ),
    )


def _ess002_fails() -> Ecosystem:
    """A 5-year agrément for a cooperative under 3 years old, which gets 2 years."""
    return _young_cooperative(dt.date(2027, 12, 31))


def _ess002_passes() -> Ecosystem:
    """The same cooperative with a 2-year agrément."""
    return _young_cooperative(dt.date(2024, 12, 31))


ESS002 = Rule(
    code="ESS002",
    title="An ESUS agrément lasts at most 5 years, or 2 for a young enterprise",
    severity="warning",
    kind="approval",
    confidence="confirmed",
    source=_DURATION_SOURCE,
    url=CODE_DU_TRAVAIL_URL,
    explanation=(
        "C. trav. R3332-21-3, III: « L'agrément est délivré pour une durée de "
        "cinq ans. Par exception, pour les entreprises créées depuis moins de "
        "trois ans à la date de la demande d'agrément, l'agrément est délivré "
        "pour une durée de deux ans. » ptcekit does not record the date of the "
        "application, so it compares the enterprise's `founded` date with the "
        "decision date (`esus.decided`), else the start of the agrément. Both "
        "come after the application, so an enterprise can only look older than "
        "it was when it applied: the rule errs towards leniency, never the "
        "other way. A longer period is likely mistyped. Agréments « de plein "
        "droit » have no term (R3332-21-3, IV) and are not checked. An "
        "agrément with no start or end, or one longer than 2 years held by an "
        "organisation whose founding date is unknown, is listed as not checked."
    ),
    check=_too_long,
    applies_to="actors",
    failing_example=Example(build=_ess002_fails, paths=("$.actors[0].esus.period",)),
    passing_example=Example(build=_ess002_passes),
)


# --- ESS003 and ESS004 ------------------------------------------------------


def _ratio(amount: Decimal, base: Decimal) -> str:
    # rounded up, so that a pay just over the cap never reads as exactly the cap
    return f"{(amount / base).quantize(Decimal('0.01'), rounding=ROUND_CEILING)}"


def _year_outside(year: int, period: Period) -> bool:
    """Whether no day of the calendar ``year`` lies in ``period``."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return (period.end is not None and period.end < first) or (
        period.start is not None and period.start > last
    )


def _span(period: Period) -> str:
    start = "an unknown start" if period.start is None else period.start.isoformat()
    end = "no recorded end" if period.end is None else period.end.isoformat()
    return f"{start} to {end}"


def _pay_cap(context: Context, field: str, factor: int, what: str) -> Iterator[Finding | Unchecked]:
    for actor, esus in _esus_holders(context):
        if esus.by_right:
            continue  # L3332-17-1, II: the pay caps of I 3° are not conditions of it
        pay: PayData | None = actor.pay
        if pay is None:
            reason = "no pay data is recorded for this ESUS agrément"
            yield context.unchecked(reason, context.path_of(actor, "pay"), subject=actor.id)
            continue
        if _year_outside(pay.year, esus.period):
            reason = (
                f"the pay data is for {pay.year}, a year outside the ESUS agrément "
                f"({_span(esus.period)}): the caps bind the years the agrément covers"
            )
            yield context.unchecked(reason, context.path_of(actor, "pay", "year"), subject=actor.id)
            continue
        paid: Money = getattr(pay, field)
        base = pay.reference_minimum
        if paid.currency != base.currency or base.amount <= 0:
            reason = (
                f"the pay ({paid.currency}) and the reference minimum wage "
                f"({base}) cannot be compared"
            )
            yield context.unchecked(reason, context.path_of(actor, "pay"), subject=actor.id)
            continue
        cap = base.amount * factor
        if paid.amount > cap:
            message = (
                f"{what} at {kind_of(actor)} {actor.id!r} in {pay.year} is {paid}, "
                f"{_ratio(paid.amount, base.amount)} × the reference minimum wage {base}; "
                f"an ESUS agrément allows at most {factor} × ({cap} {base.currency})"
            )
            yield context.finding(message, context.path_of(actor, "pay", field), subject=actor.id)


def _top5(context: Context) -> Iterator[Finding | Unchecked]:
    return _pay_cap(context, "top5_average", 7, "the average yearly pay of the five best-paid")


def _highest(context: Context) -> Iterator[Finding | Unchecked]:
    return _pay_cap(context, "highest", 10, "the highest yearly pay")


#: The annual SMIC of 2023 for 35 hours a week: 4 months at 1,709.28 EUR, then 8 at 1,747.20 EUR.
SMIC_2023 = Decimal("20814.72")


def _paying(top5: int, highest: int) -> Ecosystem:
    return Ecosystem(
        as_of=dt.date(2024, 6, 30),
        actors=(
            Association(
                id="archer",
                name="Association Archer",
                esus=EsusApproval(
                    period=Period(start=dt.date(2021, 1, 1), end=dt.date(2025, 12, 31))
                ),
                pay=PayData(
                    year=2023,
                    top5_average=Money(amount=top5),
                    highest=Money(amount=highest),
                    reference_minimum=Money(amount=SMIC_2023),
                ),
            ),
        ),
    )


def _ess003_fails() -> Ecosystem:
    """The five best-paid earn 160,000 EUR on average: 7.69 × the 2023 annual SMIC (20,814.72 EUR)."""
    return _paying(160000, 180000)


def _ess003_passes() -> Ecosystem:
    """The five best-paid earn 60,000 EUR on average."""
    return _paying(60000, 90000)


ESS003 = Rule(
    code="ESS003",
    title="ESUS: the five best-paid earn on average at most 7 × the SMIC",
    severity="error",
    kind="approval",
    confidence="confirmed",
    source="Code du travail, art. L3332-17-1, I, 3° a)",
    url=L3332_17_1_URL,
    explanation=(
        "For the ESUS agrément, the average yearly pay of the five best-paid "
        "employees or managers (bonuses included, full-time equivalent) must "
        "not exceed 7 times the annual SMIC for the legal working time, or the "
        "branch minimum wage when higher (`pay.reference_minimum`). Checked on "
        "every organisation holding an agrément that is not « de plein droit » "
        "(L3332-17-1, II does not make the caps a condition of those). The pay "
        "year must fall within the agrément's period: the caps bind the years "
        "the agrément covers, so pay data for another year, like missing pay "
        "data or amounts in another currency than the reference, is listed as "
        "not checked rather than compared."
    ),
    check=_top5,
    applies_to="actors",
    failing_example=Example(build=_ess003_fails, paths=("$.actors[0].pay.top5_average",)),
    passing_example=Example(build=_ess003_passes),
)


def _ess004_fails() -> Ecosystem:
    """The best-paid earns 240,000 EUR: 11.54 × the 2023 annual SMIC (20,814.72 EUR)."""
    return _paying(60000, 240000)


def _ess004_passes() -> Ecosystem:
    """The best-paid earns 90,000 EUR."""
    return _paying(60000, 90000)


ESS004 = Rule(
    code="ESS004",
    title="ESUS: the best-paid earns at most 10 × the SMIC",
    severity="error",
    kind="approval",
    confidence="confirmed",
    source="Code du travail, art. L3332-17-1, I, 3° b)",
    url=L3332_17_1_URL,
    explanation=(
        "For the ESUS agrément, the single highest yearly pay (bonuses "
        "included, full-time equivalent) must not exceed 10 times the annual "
        "pay of a) of L3332-17-1, I, 3°: the SMIC, or the branch minimum wage "
        "when higher. Checked as ESS003 is."
    ),
    check=_highest,
    applies_to="actors",
    failing_example=Example(build=_ess004_fails, paths=("$.actors[0].pay.highest",)),
    passing_example=Example(build=_ess004_passes),
)


# --- ESS005 -----------------------------------------------------------------


def _statutes_of_a_non_commercial_company(context: Context) -> Iterator[Finding | Unchecked]:
    for actor in context.ecosystem.actors:
        if not isinstance(actor, Company) or actor.ess_statutes is not True:
            continue
        if actor.form is None or actor.form.is_commercial is None:
            reason = (
                "its form is not recorded (or is 'other'), so whether it is a société "
                "commerciale, which ESS statutes require, is unknown"
            )
            yield context.unchecked(reason, context.path_of(actor, "form"), subject=actor.id)
        elif not actor.form.is_commercial:
            what = (
                "an entrepreneur individuel"
                if actor.form is CompanyForm.SOLE_TRADER
                else "a société civile"
            )
            message = (
                f"company {actor.id!r} records ESS statutes but is {what}: art. 1 II 2° of "
                "loi n° 2014-856 opens the ESS by statutes only to sociétés commerciales, "
                "so it is not an ESS enterprise"
            )
            yield context.finding(message, context.path_of(actor, "ess_statutes"), subject=actor.id)


def _ess005_fails() -> Ecosystem:
    """A société civile that records ESS statutes."""
    return Ecosystem(
        actors=(Company(id="sci-archer", name="SCI Archer", form="civil", ess_statutes=True),)
    )


def _ess005_passes() -> Ecosystem:
    """An SAS with ESS statutes."""
    return Ecosystem(
        actors=(Company(id="groupe-archer", name="Groupe Archer", form="sas", ess_statutes=True),)
    )


ESS005 = Rule(
    code="ESS005",
    title="Only a société commerciale joins the ESS by its statutes",
    severity="warning",
    kind="legal",
    confidence="confirmed",
    source="Loi n° 2014-856 du 31 juillet 2014, art. 1, II, 2°",
    url=LAW_2014_856_URL,
    explanation=(
        "Art. 1 II 2° of the ESS law brings into the ESS « les sociétés "
        "commerciales » whose statutes meet its conditions. A société civile "
        "or an entrepreneur individuel cannot join the ESS that way, whatever "
        "its statutes say: ptcekit computes such a `Company` as outside the "
        "ESS, and this rule says why when `ess_statutes` is true. A warning, "
        "not an error: the record itself may be right, only its consequence "
        "(not an ESS enterprise) may surprise. A company with ESS statutes "
        "whose form is unknown or 'other' is listed as not checked."
    ),
    check=_statutes_of_a_non_commercial_company,
    applies_to="actors",
    failing_example=Example(build=_ess005_fails, paths=("$.actors[0].ess_statutes",)),
    passing_example=Example(build=_ess005_passes),
)


# --- ESS006 -----------------------------------------------------------------


def _capital_weighted(context: Context) -> Iterator[Finding | Unchecked]:
    for actor in context.ecosystem.actors:
        # a cooperative's voting scheme is COOP003's (loi n° 47-1775, art. 1 and 3 bis)
        if not isinstance(actor, Organisation) or isinstance(actor, Cooperative):
            continue
        governance = actor.governance
        if governance is None or governance.voting is not VotingScheme.CAPITAL_WEIGHTED:
            continue
        path = context.path_of(actor, "governance", "voting")
        if actor.in_ess is None:
            reason = "whether it is in the ESS (its statutes) is not recorded"
            yield context.unchecked(reason, path, subject=actor.id)
        elif actor.in_ess:
            message = (
                f"{kind_of(actor)} {actor.id!r} is in the ESS but weights votes by capital: "
                "art. 1 I 2° of loi n° 2014-856 asks for a democratic governance whose say "
                "is not only tied to the capital contributed"
            )
            yield context.finding(message, path, subject=actor.id)


def _weighted_company(voting: str) -> Ecosystem:
    return Ecosystem(
        actors=(
            Company(
                id="groupe-archer",
                name="Groupe Archer",
                form="sas",
                ess_statutes=True,
                governance=Governance(voting=voting),
            ),
        ),
    )


def _ess006_fails() -> Ecosystem:
    """An ESS company whose votes follow the capital."""
    return _weighted_company("capital_weighted")


def _ess006_passes() -> Ecosystem:
    """The same company, one member one vote."""
    return _weighted_company("one_member_one_vote")


ESS006 = Rule(
    code="ESS006",
    title="An ESS enterprise does not weight votes by capital alone",
    severity="warning",
    kind="legal",
    confidence="reading",
    source="Loi n° 2014-856 du 31 juillet 2014, art. 1, I, 2°",
    url=LAW_2014_856_URL,
    explanation=(
        "Art. 1 I 2° asks every ESS enterprise for « une gouvernance "
        "démocratique, définie et organisée par les statuts, prévoyant "
        "l'information et la participation, dont l'expression n'est pas "
        "seulement liée à leur apport en capital », of its associés, employees "
        "and stakeholders. ptcekit reads a general assembly whose votes are "
        "weighted by capital (`governance.voting` of `capital_weighted`) as "
        "a say tied only to capital; the statutes may give other forms of "
        "participation that the model does not record, hence a warning. "
        "Cooperatives are left to COOP003. An organisation whose ESS status is "
        "unknown is listed as not checked."
    ),
    check=_capital_weighted,
    applies_to="actors",
    failing_example=Example(build=_ess006_fails, paths=("$.actors[0].governance.voting",)),
    passing_example=Example(build=_ess006_passes),
)


# --- ESS007 -----------------------------------------------------------------


def _sirene_flag(context: Context) -> Iterator[Finding | Unchecked]:
    for actor in context.ecosystem.actors:
        if not isinstance(actor, Organisation) or actor.sirene_ess is None:
            continue
        path = context.path_of(actor, "sirene_ess")
        derived = actor.in_ess
        if derived is None:
            reason = "whether it is in the ESS (its statutes) is not recorded, so Sirene's flag cannot be compared"
            yield context.unchecked(reason, path, subject=actor.id)
        elif derived is not actor.sirene_ess:
            sirene = "in the ESS (O)" if actor.sirene_ess else "outside the ESS (N)"
            model = "in the ESS" if derived else "outside the ESS"
            message = (
                f"Sirene records {kind_of(actor)} {actor.id!r} as {sirene}, but as art. 1 of "
                f"loi n° 2014-856 reads its record it is {model}; check which is out of date"
            )
            yield context.finding(message, path, subject=actor.id)


def _ess007_fails() -> Ecosystem:
    """Sirene flags as ESS a company whose statutes are recorded as not ESS."""
    return Ecosystem(
        actors=(
            Company(
                id="roux", name="Tannerie Roux", form="sas", ess_statutes=False, sirene_ess=True
            ),
        )
    )


def _ess007_passes() -> Ecosystem:
    """Sirene and the record agree."""
    return Ecosystem(actors=(Association(id="archer", name="Archer", sirene_ess=True),))


ESS007 = Rule(
    code="ESS007",
    title="Sirene's ESS flag agrees with the organisation's sector",
    severity="info",
    kind="heuristic",
    confidence="reading",
    source="INSEE, répertoire Sirene, variable economieSocialeSolidaireUniteLegale",
    url=SIRENE_VARIABLES_URL,
    explanation=(
        "Sirene records for each legal unit whether it belongs to the ESS "
        "(`economieSocialeSolidaireUniteLegale`: O, N, or empty for unknown), "
        "kept in `sirene_ess`. When it disagrees with the sector ptcekit "
        "derives from art. 1 of the ESS law, one of the two is likely out of "
        "date: a company's ESS statutes not recorded, a change of form. How "
        "INSEE sets the flag is not documented in a legal text, and INSEE's "
        "statistical ESS also counts other non-profit private bodies, hence "
        "only an info. An empty flag is never read as N; a company whose "
        "statutes are unknown is listed as not checked."
    ),
    check=_sirene_flag,
    applies_to="actors",
    failing_example=Example(build=_ess007_fails, paths=("$.actors[0].sirene_ess",)),
    passing_example=Example(build=_ess007_passes),
)


RULES: tuple[Rule, ...] = (
    ESS001,
    ESS002,
    ESS003,
    ESS004,
    ESS005,
    ESS006,
    ESS007,
)

THEMES: tuple[Theme, ...] = (Theme(prefix="ESS", title="ESS and ESUS", rules=RULES),)
