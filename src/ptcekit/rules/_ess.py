"""ESS and ESUS rules: the ESUS agrément's dates and the pay caps of C. trav. L3332-17-1."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import ROUND_CEILING, Decimal

from ptcekit.model import Company, Ecosystem, EsusApproval, Money, PayData, Period
from ptcekit.rules._engine import Context, Example, Finding, Rule

__all__ = ["RULES"]

_ESUS_SOURCE = "C. trav. L3332-17-1; loi n° 2014-856, art. 11"


def _esus_companies(context: Context) -> Iterator[tuple[int, Company, EsusApproval]]:
    for a, actor in enumerate(context.ecosystem.actors):
        if isinstance(actor, Company) and actor.esus is not None:
            yield a, actor, actor.esus


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year + years, day=28)


# --- ESS001 -----------------------------------------------------------------


def _expired(context: Context) -> Iterator[Finding]:
    for a, actor, esus in _esus_companies(context):
        end = esus.period.end
        if end is not None and end < context.as_of:
            message = (
                f"the ESUS agrément of company {actor.id!r} ended on {end.isoformat()}, "
                f"before {context.as_of.isoformat()}; renew it or record that it lapsed"
            )
            yield context.finding(message, f"$.actors[{a}].esus.period.end", subject=actor.id)


def _esus_ending(end: dt.date) -> Ecosystem:
    return Ecosystem(
        as_of=dt.date(2024, 6, 30),
        actors=(
            Company(
                id="groupe-archer",
                name="Groupe Archer",
                ess_statutes=True,
                esus=EsusApproval(period=Period(start=dt.date(2019, 3, 1), end=end)),
            ),
        ),
    )


def _ess001_fails() -> Ecosystem:
    """An agrément that ended in February 2024, checked as of June 2024."""
    return _esus_ending(dt.date(2024, 2, 28))


def _ess001_passes_in_force() -> Ecosystem:
    """An agrément still in force on 30 June 2024."""
    return _esus_ending(dt.date(2024, 12, 31))


# --- ESS002 -----------------------------------------------------------------


def _too_long(context: Context) -> Iterator[Finding]:
    for a, actor, esus in _esus_companies(context):
        start, end = esus.period.start, esus.period.end
        if esus.by_right or start is None or end is None:
            continue
        applied = esus.decided or start
        young = actor.founded is not None and applied < _add_years(actor.founded, 3)
        years = 2 if young else 5
        if end > _add_years(start, years):
            why = (
                f"the {years} years an agrément lasts for an enterprise founded on "
                f"{actor.founded.isoformat()}, under 3 years old when it applied"
                if young and actor.founded is not None
                else f"the {years} years an agrément lasts"
            )
            message = (
                f"the ESUS agrément of company {actor.id!r} runs from {start.isoformat()} "
                f"to {end.isoformat()}, longer than {why}"
            )
            yield context.finding(message, f"$.actors[{a}].esus.period", subject=actor.id)


def _young_company(end: dt.date) -> Ecosystem:
    return Ecosystem(
        as_of=dt.date(2024, 6, 30),
        actors=(
            Company(
                id="start-up-de-territoire",
                name="Start-up de territoire",
                ess_statutes=True,
                founded=dt.date(2022, 9, 1),
                esus=EsusApproval(period=Period(start=dt.date(2023, 1, 1), end=end)),
            ),
        ),
    )


def _ess002_fails() -> Ecosystem:
    """A 5-year agrément for a company under 3 years old, which gets 2 years."""
    return _young_company(dt.date(2027, 12, 31))


def _ess002_passes() -> Ecosystem:
    """The same company with a 2-year agrément."""
    return _young_company(dt.date(2024, 12, 31))


# --- ESS003 and ESS004 ------------------------------------------------------


def _ratio(amount: Decimal, base: Decimal) -> str:
    # rounded up, so that a pay just over the cap never reads as exactly the cap
    return f"{(amount / base).quantize(Decimal('0.01'), rounding=ROUND_CEILING)}"


def _pay_cap(context: Context, field: str, factor: int, what: str) -> Iterator[Finding]:
    for a, actor, esus in _esus_companies(context):
        pay = actor.pay
        if esus.by_right or pay is None:
            continue
        paid: Money = getattr(pay, field)
        base = pay.reference_minimum
        if paid.currency != base.currency or base.amount <= 0:
            continue
        cap = base.amount * factor
        if paid.amount > cap:
            message = (
                f"{what} at company {actor.id!r} in {pay.year} is {paid}, "
                f"{_ratio(paid.amount, base.amount)} × the reference minimum wage {base}; "
                f"an ESUS agrément allows at most {factor} × ({cap} {base.currency})"
            )
            yield context.finding(message, f"$.actors[{a}].pay.{field}", subject=actor.id)


def _top5(context: Context) -> Iterator[Finding]:
    return _pay_cap(context, "top5_average", 7, "the average yearly pay of the five best-paid")


def _highest(context: Context) -> Iterator[Finding]:
    return _pay_cap(context, "highest", 10, "the highest yearly pay")


def _paying(top5: int, highest: int) -> Ecosystem:
    return Ecosystem(
        as_of=dt.date(2024, 6, 30),
        actors=(
            Company(
                id="groupe-archer",
                name="Groupe Archer",
                ess_statutes=True,
                esus=EsusApproval(
                    period=Period(start=dt.date(2021, 1, 1), end=dt.date(2025, 12, 31))
                ),
                pay=PayData(
                    year=2023,
                    top5_average=Money(amount=top5),
                    highest=Money(amount=highest),
                    reference_minimum=Money(amount=21203),
                ),
            ),
        ),
    )


def _ess003_fails() -> Ecosystem:
    """The five best-paid earn 160,000 EUR on average: 7.55 × the 2023 SMIC."""
    return _paying(160000, 180000)


def _ess003_passes() -> Ecosystem:
    """The five best-paid earn 60,000 EUR on average."""
    return _paying(60000, 90000)


def _ess004_fails() -> Ecosystem:
    """The best-paid earns 240,000 EUR: 11.32 × the 2023 SMIC."""
    return _paying(60000, 240000)


def _ess004_passes() -> Ecosystem:
    """The best-paid earns 90,000 EUR."""
    return _paying(60000, 90000)


RULES: tuple[Rule, ...] = (
    Rule(
        code="ESS001",
        title="An ESUS agrément has not expired",
        severity="warning",
        kind="approval",
        confidence="medium",
        source=f"{_ESUS_SOURCE}; ESUS procedure (ess-law.md §1.6, R8)",
        explanation=(
            "The agrément « entreprise solidaire d'utilité sociale » is granted "
            "for 5 years (2 for an enterprise under 3 years old) and must be "
            "renewed. An agrément whose period ended before the date the rules "
            "run as of no longer holds: the record is stale, or the company "
            "lost the agrément."
        ),
        check=_expired,
        applies_to="actors",
        failing_example=Example(build=_ess001_fails, paths=("$.actors[0].esus.period.end",)),
        passing_example=Example(build=_ess001_passes_in_force),
    ),
    Rule(
        code="ESS002",
        title="An ESUS agrément lasts at most 5 years, or 2 for a young enterprise",
        severity="warning",
        kind="approval",
        confidence="medium",
        source=f"{_ESUS_SOURCE}; ESUS procedure (ess-law.md §1.6, R8)",
        explanation=(
            "The agrément lasts 5 years, or 2 years when the enterprise is less "
            "than 3 years old when it applies (the decision date, else the "
            "start of the agrément, compared with `founded`). A longer period "
            "is likely mistyped. Agréments « de plein droit » are not checked."
        ),
        check=_too_long,
        applies_to="actors",
        failing_example=Example(build=_ess002_fails, paths=("$.actors[0].esus.period",)),
        passing_example=Example(build=_ess002_passes),
    ),
    Rule(
        code="ESS003",
        title="ESUS: the five best-paid earn on average at most 7 × the SMIC",
        severity="error",
        kind="approval",
        confidence="high",
        source=f"{_ESUS_SOURCE}, 3° (R7)",
        explanation=(
            "For the ESUS agrément, the average yearly pay of the five best-paid "
            "employees or managers (bonuses included, full-time equivalent) must "
            "not exceed 7 times the annual SMIC, or the sector's minimum wage "
            "when higher (`pay.reference_minimum`). Checked where pay data is "
            "present on a company with an agrément that is not « de plein droit »; "
            "amounts in another currency than the reference are not compared."
        ),
        check=_top5,
        applies_to="actors",
        failing_example=Example(build=_ess003_fails, paths=("$.actors[0].pay.top5_average",)),
        passing_example=Example(build=_ess003_passes),
    ),
    Rule(
        code="ESS004",
        title="ESUS: the best-paid earns at most 10 × the SMIC",
        severity="error",
        kind="approval",
        confidence="high",
        source=f"{_ESUS_SOURCE}, 3° (R7)",
        explanation=(
            "For the ESUS agrément, the single highest yearly pay must not exceed "
            "10 times the annual SMIC, or the sector's minimum wage when higher. "
            "Checked as ESS003 is."
        ),
        check=_highest,
        applies_to="actors",
        failing_example=Example(build=_ess004_fails, paths=("$.actors[0].pay.highest",)),
        passing_example=Example(build=_ess004_passes),
    ),
)
