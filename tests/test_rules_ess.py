"""ESS and ESUS rules ESS001–ESS007: the agrément's dates and pay caps, and the ESS claims of art. 1."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs
import pytest

from ptcekit.model import (
    Actor,
    Association,
    Company,
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
    Person,
    PublicBody,
    ResearchBody,
    TrainingBody,
)
from ptcekit.rules import Report, builtin_rules, validate
from ptcekit.rules._ess import SMIC_2023, kind_of

DAY = dt.date(2024, 6, 30)


def _report(code: str, *actors: Actor, as_of: dt.date = DAY) -> Report:
    return validate(Ecosystem(actors=actors), rules=builtin_rules().select(code), as_of=as_of)


def _run(code: str, actor: Actor, as_of: dt.date = DAY) -> list[tuple[str, str, str]]:
    return [(f.path, f.severity.value, f.message) for f in _report(code, actor, as_of=as_of)]


def _unchecked(code: str, actor: Actor, as_of: dt.date = DAY) -> list[tuple[str, str]]:
    return [(u.path, u.reason) for u in _report(code, actor, as_of=as_of).unchecked]


def _esus(
    start: dt.date | None = dt.date(2020, 1, 1),
    end: dt.date | None = dt.date(2024, 12, 31),
    *,
    by_right: bool = False,
    decided: dt.date | None = None,
) -> EsusApproval:
    return EsusApproval(period=Period(start=start, end=end), by_right=by_right, decided=decided)


def _company(
    start: dt.date | None = dt.date(2020, 1, 1),
    end: dt.date | None = dt.date(2024, 12, 31),
    *,
    by_right: bool = False,
    decided: dt.date | None = None,
    founded: dt.date | None = dt.date(2010, 1, 1),
    pay: PayData | None = None,
) -> Company:
    esus = _esus(start, end, by_right=by_right, decided=decided)
    return Company(
        id="c", name="C", form="sas", ess_statutes=True, esus=esus, founded=founded, pay=pay
    )


def _pay(top5: str, highest: str, currency: str = "EUR", year: int = 2023) -> PayData:
    return PayData(
        year=year,
        top5_average=Money(amount=top5, currency=currency),
        highest=Money(amount=highest, currency=currency),
        reference_minimum=Money(amount="20000"),
    )


#: One organisation of each kind that can hold the agrément, all within art. 1.
HOLDERS: tuple[Organisation, ...] = (
    Association(id="x", name="X"),
    Foundation(id="x", name="X"),
    Mutual(id="x", name="X"),
    Cooperative(id="x", name="X", kind="scop"),
    Company(id="x", name="X", form="sarl", ess_statutes=True),
)


class TestKindOf:
    """The kind of an actor in words."""

    @pytest.mark.parametrize(
        ("actor", "word"),
        [
            (Association(id="x", name="X"), "association"),
            (PublicBody(id="x", name="X", kind="commune"), "public body"),
            (ResearchBody(id="x", name="X", legal_status="public"), "research body"),
            (TrainingBody(id="x", name="X", legal_status="company"), "training body"),
            (Grouping(id="x", name="X", kind="gie"), "grouping"),
            (Person(id="x", name="X"), "actor"),
        ],
    )
    def test_words(self, actor: Actor, word: str) -> None:
        """Each built-in kind has its word; a person is an actor."""
        assert kind_of(actor) == word


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

    @pytest.mark.parametrize("holder", HOLDERS, ids=lambda actor: type(actor).__name__)
    def test_every_organisation(self, holder: Organisation) -> None:
        """Associations, foundations, mutuals, cooperatives and companies are all checked."""
        actor = attrs.evolve(holder, esus=_esus(end=dt.date(2023, 12, 31)))
        assert [(p, s) for p, s, _ in _run("ESS001", actor)] == [
            ("$.actors[0].esus.period.end", "warning")
        ]

    def test_source(self) -> None:
        """The finding cites R3332-21-3, III, with a link to the Code du travail."""
        (finding,) = _report("ESS001", _company(end=dt.date(2024, 1, 1))).findings
        assert finding.source == (
            "Code du travail, art. R3332-21-3, III (décret n° 2015-719 du 23 juin 2015)"
        )
        assert finding.url is not None
        assert finding.url.startswith("https://www.legifrance.gouv.fr/")


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
        assert _run("ESS002", young) == [
            ("$.actors[0].esus.period", "warning", "the ESUS agrément of company 'c' runs from 2020-01-01 to 2024-12-31, longer than the 2 years an agrément lasts for an enterprise founded on 2018-03-01, under 3 years old when it applied"),
        ]  # fmt: skip
        old = _company(end=dt.date(2024, 12, 31), founded=founded, decided=dt.date(2021, 3, 1))
        assert _run("ESS002", old) == []

    def test_young_association(self) -> None:
        """An association's agrément follows the same terms."""
        young = Association(
            id="a", name="A", founded=dt.date(2019, 6, 1), esus=_esus(end=dt.date(2024, 12, 31))
        )
        assert [p for p, _, _ in _run("ESS002", young)] == ["$.actors[0].esus.period"]

    def test_29_february(self) -> None:
        """A start on 29 February ends at the latest on 28 February."""
        leap = dt.date(2020, 2, 29)
        assert _run("ESS002", _company(start=leap, end=dt.date(2025, 2, 28))) == []
        assert len(_run("ESS002", _company(start=leap, end=dt.date(2025, 3, 1)))) == 1

    def test_by_right_has_no_term(self) -> None:
        """An agrément « de plein droit » is neither checked nor listed as unchecked."""
        by_right = _company(end=dt.date(2030, 1, 1), by_right=True)
        assert _run("ESS002", by_right) == []
        assert _unchecked("ESS002", by_right) == []

    def test_missing_dates_are_unchecked(self) -> None:
        """An agrément with no start or no end is listed as not checked."""
        no_start = _company(start=None, end=dt.date(2030, 1, 1))
        assert _run("ESS002", no_start) == []
        assert _unchecked("ESS002", no_start) == [
            ("$.actors[0].esus.period", "the start of the ESUS agrément is not recorded, so its length is unknown"),
        ]  # fmt: skip
        no_end = _company(end=None)
        assert _run("ESS002", no_end) == []
        assert [reason for _, reason in _unchecked("ESS002", no_end)] == [
            "the end of the ESUS agrément is not recorded, so its length is unknown"
        ]

    def test_unknown_founding_date(self) -> None:
        """With no founding date, 2 years or less pass, over 5 fail, and between is unchecked."""
        two = _company(end=dt.date(2021, 12, 31), founded=None)
        assert (_run("ESS002", two), _unchecked("ESS002", two)) == ([], [])
        four = _company(end=dt.date(2023, 12, 31), founded=None)
        assert _run("ESS002", four) == []
        assert _unchecked("ESS002", four) == [
            ("$.actors[0].esus.period", "the founding date is not recorded, so whether the 2-year term of an enterprise under 3 years old applies is unknown"),
        ]  # fmt: skip
        six = _company(end=dt.date(2025, 12, 31), founded=None)
        assert [p for p, _, _ in _run("ESS002", six)] == ["$.actors[0].esus.period"]
        assert _unchecked("ESS002", six) == []
        report = _report("ESS002", four)
        assert not report.complete
        assert "1 check could not run for lack of data" in report.summary()


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

    @pytest.mark.parametrize("holder", HOLDERS, ids=lambda actor: type(actor).__name__)
    def test_every_organisation(self, holder: Organisation) -> None:
        """The caps apply to every ESS organisation with an agrément."""
        actor = attrs.evolve(holder, esus=_esus(), pay=_pay("150000", "250000"))
        assert [(p, s) for p, s, _ in _run("ESS003", actor)] == [
            ("$.actors[0].pay.top5_average", "error")
        ]
        assert [(p, s) for p, s, _ in _run("ESS004", actor)] == [
            ("$.actors[0].pay.highest", "error")
        ]

    def test_sources(self) -> None:
        """Each cap cites its own point of L3332-17-1, I, 3°."""
        rules = builtin_rules()
        assert rules["ESS003"].source == "Code du travail, art. L3332-17-1, I, 3° a)"
        assert rules["ESS004"].source == "Code du travail, art. L3332-17-1, I, 3° b)"
        assert rules["ESS003"].url == rules["ESS004"].url
        assert str(rules["ESS003"].url).startswith("https://www.legifrance.gouv.fr/codes/")

    def test_pay_year_within_the_agrement(self) -> None:
        """Pay data for a year the agrément does not cover is not compared: it is unchecked."""
        early = _company(pay=_pay("900000", "900000", year=2015))
        assert _run("ESS003", early) == []
        assert _unchecked("ESS003", early) == [
            ("$.actors[0].pay.year", "the pay data is for 2015, a year outside the ESUS agrément (2020-01-01 to 2024-12-31): the caps bind the years the agrément covers"),
        ]  # fmt: skip
        late = _company(end=dt.date(2022, 6, 30), pay=_pay("900000", "900000", year=2023))
        assert [p for p, _ in _unchecked("ESS004", late)] == ["$.actors[0].pay.year"]
        # a year the agrément covers in part is compared
        edge = _company(end=dt.date(2023, 1, 1), pay=_pay("900000", "900000", year=2023))
        assert [p for p, _, _ in _run("ESS004", edge)] == ["$.actors[0].pay.highest"]
        open_ended = _company(start=None, end=None, pay=_pay("900000", "900000", year=1990))
        assert [p for p, _, _ in _run("ESS004", open_ended)] == ["$.actors[0].pay.highest"]

    def test_no_pay_data_is_unchecked(self) -> None:
        """An agrément with no pay data is listed as not checked, once per cap."""
        assert _run("ESS003", _company()) == []
        assert _unchecked("ESS003", _company()) == [
            ("$.actors[0].pay", "no pay data is recorded for this ESUS agrément")
        ]
        assert len(_unchecked("ESS004", _company())) == 1

    def test_not_checked(self) -> None:
        """A by-right agrément or no agrément: nothing to compare and nothing unchecked."""
        by_right = _company(pay=_pay("900000", "900000"), by_right=True)
        assert (_run("ESS003", by_right), _unchecked("ESS003", by_right)) == ([], [])
        no_esus = Company(id="c", name="C", pay=_pay("900000", "900000"))
        assert (_run("ESS003", no_esus), _unchecked("ESS003", no_esus)) == ([], [])

    def test_incomparable_amounts(self) -> None:
        """Another currency, or a zero reference, cannot be compared: unchecked."""
        chf = _company(pay=_pay("900000", "900000", currency="CHF"))
        assert _run("ESS003", chf) == []
        assert _unchecked("ESS003", chf) == [
            ("$.actors[0].pay", "the pay (CHF) and the reference minimum wage (20000 EUR) cannot be compared"),
        ]  # fmt: skip
        zero = PayData(
            year=2023,
            top5_average=Money(amount=1),
            highest=Money(amount=1),
            reference_minimum=Money(amount=0),
        )
        assert _run("ESS004", _company(pay=zero)) == []
        assert [p for p, _ in _unchecked("ESS004", _company(pay=zero))] == ["$.actors[0].pay"]

    def test_catalogue_uses_the_2023_smic(self) -> None:
        """The examples use the 2023 annual SMIC: 4 months at 1,709.28 EUR and 8 at 1,747.20 EUR."""
        assert Decimal("1709.28") * 4 + Decimal("1747.20") * 8 == SMIC_2023
        failing = builtin_rules()["ESS003"].failing_example
        assert failing is not None
        actor = failing.build().actors[0]
        assert isinstance(actor, Organisation)
        assert actor.pay is not None
        assert actor.pay.year == 2023
        assert actor.pay.reference_minimum == Money(amount=SMIC_2023)


class TestNonCommercialStatutes:
    """ESS005."""

    @pytest.mark.parametrize(
        ("form", "what"),
        [("civil", "a société civile"), ("sole_trader", "an entrepreneur individuel")],
    )
    def test_fires(self, form: str, what: str) -> None:
        """A société civile or a sole trader with ESS statutes is told it is not ESS."""
        company = Company(id="c", name="C", form=form, ess_statutes=True)
        assert _run("ESS005", company) == [
            ("$.actors[0].ess_statutes", "warning", f"company 'c' records ESS statutes but is {what}: art. 1 II 2° of loi n° 2014-856 opens the ESS by statutes only to sociétés commerciales, so it is not an ESS enterprise"),
        ]  # fmt: skip
        assert company.in_ess is False

    @pytest.mark.parametrize("form", ["sa", "sarl", "sas", "snc", "scs", "sca", "se"])
    def test_commercial_forms_pass(self, form: str) -> None:
        """Every commercial form may join the ESS by its statutes."""
        company = Company(id="c", name="C", form=form, ess_statutes=True)
        assert (_run("ESS005", company), _unchecked("ESS005", company)) == ([], [])

    def test_unknown_form_is_unchecked(self) -> None:
        """With no form, or form 'other', the rule cannot tell: unchecked."""
        for form in (None, "other"):
            company = Company(id="c", name="C", form=form, ess_statutes=True)
            assert _run("ESS005", company) == []
            assert [p for p, _ in _unchecked("ESS005", company)] == ["$.actors[0].form"]

    def test_no_claim(self) -> None:
        """A civil company without ESS statutes, or with unknown ones, is not concerned."""
        for statutes in (False, None):
            company = Company(id="c", name="C", form="civil", ess_statutes=statutes)
            assert (_run("ESS005", company), _unchecked("ESS005", company)) == ([], [])


class TestCapitalWeighted:
    """ESS006."""

    def _with(self, actor: Organisation, voting: str) -> Organisation:
        return attrs.evolve(actor, governance=Governance(voting=voting))

    def test_fires(self) -> None:
        """An ESS company or association with capital-weighted votes is warned."""
        company = self._with(
            Company(id="c", name="C", form="sas", ess_statutes=True), "capital_weighted"
        )
        assert _run("ESS006", company) == [
            ("$.actors[0].governance.voting", "warning", "company 'c' is in the ESS but weights votes by capital: art. 1 I 2° of loi n° 2014-856 asks for a democratic governance whose say is not only tied to the capital contributed"),
        ]  # fmt: skip
        association = self._with(Association(id="a", name="A"), "capital_weighted")
        assert [p for p, _, _ in _run("ESS006", association)] == ["$.actors[0].governance.voting"]

    def test_passes(self) -> None:
        """Other schemes, companies outside the ESS and cooperatives (COOP003's) pass."""
        for voting in ("one_member_one_vote", "weighted_colleges"):
            company = self._with(Company(id="c", name="C", ess_statutes=True), voting)
            assert _run("ESS006", company) == []
        private = self._with(Company(id="c", name="C", ess_statutes=False), "capital_weighted")
        assert (_run("ESS006", private), _unchecked("ESS006", private)) == ([], [])
        coop = self._with(Cooperative(id="k", name="K", kind="scop"), "capital_weighted")
        assert _run("ESS006", coop) == []
        assert _run("ESS006", Company(id="c", name="C", ess_statutes=True)) == []

    def test_unknown_statutes_are_unchecked(self) -> None:
        """A capital-weighted company whose statutes are unknown is listed as not checked."""
        company = self._with(Company(id="c", name="C"), "capital_weighted")
        assert _run("ESS006", company) == []
        assert _unchecked("ESS006", company) == [
            (
                "$.actors[0].governance.voting",
                "whether it is in the ESS (its statutes) is not recorded",
            )
        ]


class TestSireneFlag:
    """ESS007."""

    def test_disagreements(self) -> None:
        """Sirene's O against a non-ESS record, and N against an ESS one, are infos."""
        company = Company(id="c", name="C", form="sas", ess_statutes=False, sirene_ess=True)
        assert _run("ESS007", company) == [
            ("$.actors[0].sirene_ess", "info", "Sirene records company 'c' as in the ESS (O), but as art. 1 of loi n° 2014-856 reads its record it is outside the ESS; check which is out of date"),
        ]  # fmt: skip
        association = Association(id="a", name="A", sirene_ess=False)
        assert _run("ESS007", association) == [
            ("$.actors[0].sirene_ess", "info", "Sirene records association 'a' as outside the ESS (N), but as art. 1 of loi n° 2014-856 reads its record it is in the ESS; check which is out of date"),
        ]  # fmt: skip
        other = Mutual(id="m", name="M", kind="other", sirene_ess=True)
        assert [p for p, _, _ in _run("ESS007", other)] == ["$.actors[0].sirene_ess"]

    def test_agreement_and_unknowns(self) -> None:
        """Agreement passes; an empty flag is not read as N; unknown statutes are unchecked."""
        assert _run("ESS007", Association(id="a", name="A", sirene_ess=True)) == []
        assert _run("ESS007", PublicBody(id="p", name="P", kind="commune", sirene_ess=False)) == []
        empty = Company(id="c", name="C", form="sas", ess_statutes=True)
        assert (_run("ESS007", empty), _unchecked("ESS007", empty)) == ([], [])
        unknown = Company(id="c", name="C", sirene_ess=True)
        assert _run("ESS007", unknown) == []
        assert [p for p, _ in _unchecked("ESS007", unknown)] == ["$.actors[0].sirene_ess"]
