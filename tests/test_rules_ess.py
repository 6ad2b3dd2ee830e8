"""ESS and ESUS rules ESS001–ESS004: the agrément's dates and the pay caps."""

from __future__ import annotations

import datetime as dt

from ptcekit.model import Company, Ecosystem, EsusApproval, Money, PayData, Period
from ptcekit.rules import builtin_rules, validate

DAY = dt.date(2024, 6, 30)


def _run(code: str, company: Company, as_of: dt.date = DAY) -> list[tuple[str, str, str]]:
    report = validate(Ecosystem(actors=(company,)), rules=builtin_rules().select(code), as_of=as_of)
    return [(f.path, f.severity.value, f.message) for f in report]


def _company(
    start: dt.date | None = dt.date(2020, 1, 1),
    end: dt.date | None = dt.date(2024, 12, 31),
    **fields: object,
) -> Company:
    by_right = bool(fields.pop("by_right", False))
    decided = fields.pop("decided", None)
    esus = EsusApproval(period=Period(start=start, end=end), by_right=by_right, decided=decided)  # type: ignore[arg-type]
    return Company(id="c", name="C", ess_statutes=True, esus=esus, **fields)  # type: ignore[arg-type]


def _pay(top5: str, highest: str, currency: str = "EUR") -> PayData:
    return PayData(
        year=2023,
        top5_average=Money(amount=top5, currency=currency),
        highest=Money(amount=highest, currency=currency),
        reference_minimum=Money(amount="20000"),
    )


class TestExpired:
    """ESS001."""

    def test_dates(self) -> None:
        """Only an agrément that ended before the date is reported."""
        assert _run("ESS001", _company(end=dt.date(2024, 6, 29))) == [
            ("$.actors[0].esus.period.end", "warning", "the ESUS agrément of company 'c' ended on 2024-06-29, before 2024-06-30; renew it or record that it lapsed"),
        ]  # fmt: skip
        assert _run("ESS001", _company(end=dt.date(2024, 6, 30))) == []
        assert _run("ESS001", _company(end=None)) == []
        assert _run("ESS001", _company(end=dt.date(2024, 6, 29)), as_of=dt.date(2024, 1, 1)) == []


class TestDuration:
    """ESS002."""

    def test_five_years(self) -> None:
        """An established company's agrément lasts 5 years at most."""
        assert _run("ESS002", _company(end=dt.date(2025, 1, 1))) == []
        assert _run("ESS002", _company(end=dt.date(2025, 1, 2))) == [
            ("$.actors[0].esus.period", "warning", "the ESUS agrément of company 'c' runs from 2020-01-01 to 2025-01-02, longer than the 5 years an agrément lasts"),
        ]  # fmt: skip

    def test_young_company_uses_the_decision_date(self) -> None:
        """The company's age is taken at the decision, when known."""
        founded = dt.date(2018, 3, 1)
        young = _company(end=dt.date(2024, 12, 31), founded=founded, decided=dt.date(2020, 1, 1))
        assert [p for p, _, _ in _run("ESS002", young)] == ["$.actors[0].esus.period"]
        old = _company(end=dt.date(2024, 12, 31), founded=founded, decided=dt.date(2021, 3, 1))
        assert _run("ESS002", old) == []

    def test_29_february(self) -> None:
        """A start on 29 February ends at the latest on 28 February."""
        leap = dt.date(2020, 2, 29)
        assert _run("ESS002", _company(start=leap, end=dt.date(2025, 2, 28))) == []
        assert len(_run("ESS002", _company(start=leap, end=dt.date(2025, 3, 1)))) == 1

    def test_not_checked(self) -> None:
        """By-right agréments and periods with an unknown end are not checked."""
        assert _run("ESS002", _company(end=dt.date(2030, 1, 1), by_right=True)) == []
        assert _run("ESS002", _company(start=None, end=dt.date(2030, 1, 1))) == []
        assert _run("ESS002", _company(end=None)) == []


class TestPayCaps:
    """ESS003 and ESS004."""

    def test_caps(self) -> None:
        """Exactly 7 × and 10 × pass; a cent more fails."""
        assert _run("ESS003", _company(pay=_pay("140000", "200000"))) == []
        assert _run("ESS004", _company(pay=_pay("140000", "200000"))) == []
        assert _run("ESS003", _company(pay=_pay("140000.01", "200000"))) == [
            ("$.actors[0].pay.top5_average", "error", "the average yearly pay of the five best-paid at company 'c' in 2023 is 140000.01 EUR, 7.01 × the reference minimum wage 20000 EUR; an ESUS agrément allows at most 7 × (140000 EUR)"),
        ]  # fmt: skip
        assert _run("ESS004", _company(pay=_pay("100000", "250000"))) == [
            ("$.actors[0].pay.highest", "error", "the highest yearly pay at company 'c' in 2023 is 250000 EUR, 12.50 × the reference minimum wage 20000 EUR; an ESUS agrément allows at most 10 × (200000 EUR)"),
        ]  # fmt: skip

    def test_not_checked(self) -> None:
        """No pay data, a by-right agrément, no agrément, or another currency: nothing to compare."""
        assert _run("ESS003", _company()) == []
        assert _run("ESS003", _company(pay=_pay("900000", "900000"), by_right=True)) == []
        assert _run("ESS003", _company(pay=_pay("900000", "900000", currency="CHF"))) == []
        no_esus = Company(id="c", name="C", pay=_pay("900000", "900000"))
        assert _run("ESS003", no_esus) == []
        zero = PayData(
            year=2023,
            top5_average=Money(amount=1),
            highest=Money(amount=1),
            reference_minimum=Money(amount=0),
        )
        assert _run("ESS004", _company(pay=zero)) == []
