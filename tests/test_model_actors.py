"""Tests of the actors, their sectors (loi 2014-856 art. 1), cooperative associés, ESUS data and governance."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from fractions import Fraction
from typing import Any, ClassVar

import attrs
import pytest

from ptcekit import (
    Actor,
    AssociateCategory,
    AssociateRole,
    Association,
    Body,
    College,
    Company,
    Cooperative,
    EsusApproval,
    FieldTypeError,
    Foundation,
    Governance,
    Grouping,
    GroupingKind,
    Identifier,
    InvalidValueError,
    LegalStatus,
    Money,
    Mutual,
    MutualKind,
    Organisation,
    PayData,
    Period,
    Person,
    PtcekitError,
    PublicBody,
    PublicBodyKind,
    ResearchBody,
    Sector,
    TrainingBody,
    UnknownIdError,
    VotingScheme,
)

D = dt.date
ID_EXPECTED = "an id of 1 to 200 letters, digits or '_.:-' starting with a letter or digit"


def check_refusal(
    build: Callable[[], object],
    error: type[PtcekitError],
    cls: str,
    field: str,
    got: object,
    message: str | None,
) -> None:
    """Build, and check the error names the class, the field and the value (and its exact text)."""
    with pytest.raises(error) as info:
        build()
    raised: Any = info.value
    assert isinstance(raised, PtcekitError)
    assert isinstance(raised, ValueError if error is InvalidValueError else TypeError)
    assert (raised.cls, raised.field, repr(raised.got)) == (cls, field, repr(got))
    text = str(raised)
    assert text.startswith(f"{cls}.{field}: expected ")
    assert repr(got)[:40] in text
    if message is not None:
        assert text == message


def _refusal(
    build: Callable[[], object],
    error: type[PtcekitError],
    cls: str,
    field: str,
    got: object,
    message: str | None,
    name: str,
) -> Any:
    return pytest.param(build, error, cls, field, got, message, id=name)


IVE, FTE = InvalidValueError, FieldTypeError
REFUSALS = [
    _refusal(
        lambda: Actor(id="", name="x"),
        IVE,
        "Actor",
        "id",
        "",
        f"Actor.id: expected {ID_EXPECTED}, got ''",
        "actor-id",
    ),
    _refusal(
        lambda: Organisation(id="o", name="O", governance=1),
        FTE,
        "Organisation",
        "governance",
        1,
        "Organisation.governance: expected a Governance, got 1 (int)",
        "organisation-governance",
    ),
    _refusal(
        lambda: Person(id="p", name=" "),
        IVE,
        "Person",
        "name",
        " ",
        "Person.name: expected a non-blank string, got ' '",
        "person-name",
    ),
    _refusal(
        lambda: Association(id=3, name="A"),
        FTE,
        "Association",
        "id",
        3,
        "Association.id: expected an id (str), got 3 (int)",
        "association-id-int",
    ),
    _refusal(
        lambda: Association(id="a b", name="A"),
        IVE,
        "Association",
        "id",
        "a b",
        f"Association.id: expected {ID_EXPECTED}, got 'a b'",
        "association-id-space",
    ),
    _refusal(
        lambda: Association(id="a", name="A", siren="732829321"),
        IVE,
        "Association",
        "siren",
        "732829321",
        "Association.siren: expected a valid SIREN (the Luhn check digit does not match),"
        " got '732829321'",
        "association-siren",
    ),
    _refusal(
        lambda: Association(id="a", name="A", sirets="73282932000074"),
        FTE,
        "Association",
        "sirets",
        "73282932000074",
        "Association.sirets: expected a tuple of SIRETs, got '73282932000074' (str)",
        "association-sirets-str",
    ),
    _refusal(
        lambda: Association(id="a", name="A", sirets=("73282932000074", "732 829 320 00074")),
        IVE,
        "Association",
        "sirets",
        ("73282932000074", "73282932000074"),
        "Association.sirets: expected SIRETs without repeats ('73282932000074' is repeated),"
        " got ('73282932000074', '73282932000074')",
        "association-sirets-repeated",
    ),
    _refusal(
        lambda: Association(id="a", name="A", sirets=("73282932000074", "73282932000075")),
        IVE,
        "Association",
        "sirets[1]",
        "73282932000075",
        "Association.sirets[1]: expected a valid SIRET (the Luhn check digit over the 14 digits"
        " does not match), got '73282932000075'",
        "association-siret-checksum",
    ),
    _refusal(
        lambda: Association(id="a", name="A", sirets=(73282932000074,)),
        FTE,
        "Association",
        "sirets[0]",
        73282932000074,
        "Association.sirets[0]: expected a SIRET (str), got 73282932000074 (int)",
        "association-siret-int",
    ),
    _refusal(
        lambda: Association(id="a", name="A", rna="X123"),
        IVE,
        "Association",
        "rna",
        "X123",
        "Association.rna: expected a valid RNA number (expected 10 characters ('W', a digit,"
        " a digit or a capital letter, then 7 digits), got 4), got 'X123'",
        "association-rna",
    ),
    _refusal(
        lambda: Association(id="a", name="A", identifiers=[1]),
        FTE,
        "Association",
        "identifiers[0]",
        1,
        None,
        "association-identifiers",
    ),
    _refusal(
        lambda: Association(
            id="a",
            name="A",
            identifiers=(
                Identifier(scheme="FR-RCS", value="732829320"),
                Identifier(scheme="FR-RCS", value="732 829 320"),
            ),
        ),
        IVE,
        "Association",
        "identifiers",
        (
            Identifier(scheme="FR-RCS", value="732829320"),
            Identifier(scheme="FR-RCS", value="732829320"),
        ),
        None,
        "association-identifiers-repeated",
    ),
    _refusal(
        lambda: Association(id="a", name="A", legal_category=9220),
        FTE,
        "Association",
        "legal_category",
        9220,
        "Association.legal_category: expected a catégorie juridique (str), got 9220 (int)",
        "association-legal-category-int",
    ),
    _refusal(
        lambda: Association(id="a", name="A", legal_category="12"),
        IVE,
        "Association",
        "legal_category",
        "12",
        "Association.legal_category: expected an INSEE catégorie juridique of 4 digits such as"
        " '9220', got '12'",
        "association-legal-category",
    ),
    _refusal(
        lambda: Association(id="a", name="A", naf="88.99"),
        IVE,
        "Association",
        "naf",
        "88.99",
        "Association.naf: expected a valid NAF code (expected 6 characters as in '88.99B'"
        " (5 without the dot), got 5), got '88.99'",
        "association-naf",
    ),
    _refusal(
        lambda: Association(id="a", name="A", seat="26281"),
        FTE,
        "Association",
        "seat",
        "26281",
        "Association.seat: expected a Place, got '26281' (str)",
        "association-seat",
    ),
    _refusal(
        lambda: Association(id="a", name="A", founded="2020-01-01"),
        FTE,
        "Association",
        "founded",
        "2020-01-01",
        "Association.founded: expected a datetime.date, got '2020-01-01' (str)",
        "association-founded",
    ),
    _refusal(
        lambda: Association(id="a", name="A", headcount=-1),
        IVE,
        "Association",
        "headcount",
        -1,
        "Association.headcount: expected an int >= 0, got -1",
        "association-headcount",
    ),
    _refusal(
        lambda: Association(id="a", name="A", headcount=True),
        FTE,
        "Association",
        "headcount",
        True,
        "Association.headcount: expected an int, got True (bool)",
        "association-headcount-bool",
    ),
    _refusal(
        lambda: Association(id="a", name="A", website="ftp://x.org"),
        IVE,
        "Association",
        "website",
        "ftp://x.org",
        "Association.website: expected an http:// or https:// URL, got 'ftp://x.org'",
        "association-website",
    ),
    _refusal(
        lambda: Association(id="a", name="A", description="  "),
        IVE,
        "Association",
        "description",
        "  ",
        "Association.description: expected a non-blank string, got '  '",
        "association-description",
    ),
    _refusal(
        lambda: Association(id="a", name="A", public_utility="yes"),
        FTE,
        "Association",
        "public_utility",
        "yes",
        "Association.public_utility: expected a bool, got 'yes' (str)",
        "association-public-utility",
    ),
    _refusal(
        lambda: Foundation(id="f", name="F", public_utility=1),
        FTE,
        "Foundation",
        "public_utility",
        1,
        "Foundation.public_utility: expected a bool, got 1 (int)",
        "foundation-public-utility",
    ),
    _refusal(
        lambda: Mutual(id="m", name="M", kind="bogus"),
        IVE,
        "Mutual",
        "kind",
        "bogus",
        "Mutual.kind: expected a MutualKind (one of 'mutuelle', 'insurance', 'other'), got 'bogus'",
        "mutual-kind",
    ),
    _refusal(
        lambda: Cooperative(id="c", name="C", kind="scoop"),
        IVE,
        "Cooperative",
        "kind",
        "scoop",
        "Cooperative.kind: expected a CooperativeKind (one of 'scop', 'scic', 'cae',"
        " 'agricultural', 'consumer', 'artisan', 'housing', 'banking', 'other'), got 'scoop'",
        "cooperative-kind",
    ),
    _refusal(
        lambda: Cooperative(id="c", name="C", kind="scic", form="gmbh"),
        IVE,
        "Cooperative",
        "form",
        "gmbh",
        "Cooperative.form: expected a CompanyForm (one of 'sa', 'sarl', 'sas', 'snc', 'scs', 'sca',"
        " 'se', 'civil', 'sole_trader', 'other'), got 'gmbh'",
        "cooperative-form",
    ),
    _refusal(
        lambda: Cooperative(id="c", name="C", kind="scic", capital=1000),
        FTE,
        "Cooperative",
        "capital",
        1000,
        "Cooperative.capital: expected a Money, got 1000 (int)",
        "cooperative-capital",
    ),
    _refusal(
        lambda: Cooperative(id="c", name="C", kind="scic", variable_capital=None),
        FTE,
        "Cooperative",
        "variable_capital",
        None,
        "Cooperative.variable_capital: expected a bool, got None (NoneType)",
        "cooperative-variable-capital",
    ),
    _refusal(
        lambda: Cooperative(id="c", name="C", kind="scic", associates=("employee",)),
        FTE,
        "Cooperative",
        "associates[0]",
        "employee",
        None,
        "cooperative-associates-type",
    ),
    _refusal(
        lambda: Cooperative(
            id="c",
            name="C",
            kind="scic",
            associates=(
                AssociateCategory(role="employee", capital_share="3/4"),
                AssociateCategory(role="beneficiary", capital_share="1/2"),
            ),
        ),
        IVE,
        "Cooperative",
        "associates",
        (
            AssociateCategory(role="employee", capital_share="3/4"),
            AssociateCategory(role="beneficiary", capital_share="1/2"),
        ),
        "Cooperative.associates: expected categories whose capital_shares sum to at most 1"
        " (they sum to 5/4), got (AssociateCategory(role=AssociateRole.EMPLOYEE, capital_sha…",
        "cooperative-capital-shares",
    ),
    _refusal(
        lambda: Cooperative(
            id="c",
            name="C",
            kind="scic",
            associates=(
                AssociateCategory(role="employee", vote_share="3/4"),
                AssociateCategory(role="beneficiary", vote_share="1/2"),
            ),
        ),
        IVE,
        "Cooperative",
        "associates",
        (
            AssociateCategory(role="employee", vote_share="3/4"),
            AssociateCategory(role="beneficiary", vote_share="1/2"),
        ),
        "Cooperative.associates: expected categories whose vote_shares sum to at most 1"
        " (they sum to 5/4), got (AssociateCategory(role=AssociateRole.EMPLOYEE, vote_share=…",
        "cooperative-vote-shares",
    ),
    _refusal(
        lambda: AssociateCategory(role="boss"),
        IVE,
        "AssociateCategory",
        "role",
        "boss",
        None,
        "associate-category-role",
    ),
    _refusal(
        lambda: AssociateCategory(role="employee", count=-1),
        IVE,
        "AssociateCategory",
        "count",
        -1,
        "AssociateCategory.count: expected an int >= 0, got -1",
        "associate-category-count",
    ),
    _refusal(
        lambda: AssociateCategory(role="employee", capital_share="3/2"),
        IVE,
        "AssociateCategory",
        "capital_share",
        Fraction(3, 2),
        "AssociateCategory.capital_share: expected a fraction in [0, 1], got Fraction(3, 2)",
        "associate-category-capital-share",
    ),
    _refusal(
        lambda: AssociateCategory(role="employee", college=""),
        IVE,
        "AssociateCategory",
        "college",
        "",
        "AssociateCategory.college: expected a non-blank string, got ''",
        "associate-category-college",
    ),
    _refusal(
        lambda: EsusApproval(period=None),
        FTE,
        "EsusApproval",
        "period",
        None,
        "EsusApproval.period: expected a Period, got None (NoneType)",
        "esus-period",
    ),
    _refusal(
        lambda: EsusApproval(period=Period(), by_right="no"),
        FTE,
        "EsusApproval",
        "by_right",
        "no",
        "EsusApproval.by_right: expected a bool, got 'no' (str)",
        "esus-by-right",
    ),
    _refusal(
        lambda: PayData(
            year=1800,
            top5_average=Money(amount=1),
            highest=Money(amount=1),
            reference_minimum=Money(amount=1),
        ),
        IVE,
        "PayData",
        "year",
        1800,
        "PayData.year: expected an int between 1900 and 2100, got 1800",
        "pay-data-year",
    ),
    _refusal(
        lambda: PayData(
            year=2020,
            top5_average=1,
            highest=Money(amount=1),
            reference_minimum=Money(amount=1),
        ),
        FTE,
        "PayData",
        "top5_average",
        1,
        "PayData.top5_average: expected a Money, got 1 (int)",
        "pay-data-money",
    ),
    _refusal(
        lambda: Company(id="c", name="C", esus=Period()),
        FTE,
        "Company",
        "esus",
        Period(),
        None,
        "company-esus",
    ),
    _refusal(
        lambda: Company(id="c", name="C", size="huge"),
        IVE,
        "Company",
        "size",
        "huge",
        "Company.size: expected a CompanySize (one of 'micro', 'sme', 'intermediate', 'large'),"
        " got 'huge'",
        "company-size",
    ),
    _refusal(
        lambda: Company(id="c", name="C", ess_statutes="yes"),
        FTE,
        "Company",
        "ess_statutes",
        "yes",
        "Company.ess_statutes: expected a bool or None (unknown), got 'yes' (str)",
        "company-ess-statutes",
    ),
    _refusal(
        lambda: Company(id="c", name="C", pay=1),
        FTE,
        "Company",
        "pay",
        1,
        "Company.pay: expected a PayData, got 1 (int)",
        "company-pay",
    ),
    _refusal(
        lambda: PublicBody(id="p", name="P", kind="city"),
        IVE,
        "PublicBody",
        "kind",
        "city",
        "PublicBody.kind: expected a PublicBodyKind (one of 'state_service', 'region',"
        " 'departement', 'epci', 'commune', 'local_public_body', 'national_public_body'),"
        " got 'city'",
        "public-body-kind",
    ),
    _refusal(
        lambda: ResearchBody(id="r", name="R", legal_status="private"),
        IVE,
        "ResearchBody",
        "legal_status",
        "private",
        "ResearchBody.legal_status: expected a LegalStatus (one of 'public', 'association',"
        " 'foundation', 'cooperative', 'company'), got 'private'",
        "research-body-status",
    ),
    _refusal(
        lambda: TrainingBody(id="t", name="T", legal_status=None),
        IVE,
        "TrainingBody",
        "legal_status",
        None,
        "TrainingBody.legal_status: expected a LegalStatus (one of 'public', 'association',"
        " 'foundation', 'cooperative', 'company'), got None",
        "training-body-status",
    ),
    _refusal(
        lambda: Grouping(id="g", name="G", kind="cartel"),
        IVE,
        "Grouping",
        "kind",
        "cartel",
        "Grouping.kind: expected a GroupingKind (one of 'gie', 'employer_group', 'gip'),"
        " got 'cartel'",
        "grouping-kind",
    ),
    _refusal(
        lambda: Grouping(id="g", name="G", kind="gie", members=("a", "a")),
        IVE,
        "Grouping",
        "members",
        ("a", "a"),
        "Grouping.members: expected actor ids without repeats ('a' is repeated), got ('a', 'a')",
        "grouping-members-repeated",
    ),
    _refusal(
        lambda: Grouping(id="g", name="G", kind="gie", members=("a", "b c")),
        IVE,
        "Grouping",
        "members[1]",
        "b c",
        f"Grouping.members[1]: expected {ID_EXPECTED}, got 'b c'",
        "grouping-member-id",
    ),
    _refusal(
        lambda: Governance(colleges=(College(name="A"), College(name="A"))),
        IVE,
        "Governance",
        "colleges",
        "A",
        "Governance.colleges: expected colleges with distinct names ('A' is repeated), got 'A'",
        "governance-colleges-repeated",
    ),
    _refusal(
        lambda: Governance(majority=0),
        IVE,
        "Governance",
        "majority",
        Fraction(0),
        "Governance.majority: expected a fraction in (0, 1], got Fraction(0, 1)",
        "governance-majority",
    ),
    _refusal(
        lambda: Governance(quorum="5/4"),
        IVE,
        "Governance",
        "quorum",
        Fraction(5, 4),
        "Governance.quorum: expected a fraction in [0, 1], got Fraction(5, 4)",
        "governance-quorum",
    ),
    _refusal(
        lambda: Governance(voting="majority"),
        IVE,
        "Governance",
        "voting",
        "majority",
        "Governance.voting: expected a VotingScheme (one of 'one_member_one_vote',"
        " 'weighted_colleges', 'capital_weighted'), got 'majority'",
        "governance-voting",
    ),
    _refusal(
        lambda: Governance(bodies=("board",)),
        FTE,
        "Governance",
        "bodies[0]",
        "board",
        "Governance.bodies[0]: expected a Body, got 'board' (str)",
        "governance-bodies",
    ),
    _refusal(
        lambda: Body(kind="board", seats=0),
        IVE,
        "Body",
        "seats",
        0,
        "Body.seats: expected an int >= 1, got 0",
        "body-seats",
    ),
    _refusal(
        lambda: Body(kind="senate"),
        IVE,
        "Body",
        "kind",
        "senate",
        "Body.kind: expected a BodyKind (one of 'general_assembly', 'board',"
        " 'steering_committee', 'other'), got 'senate'",
        "body-kind",
    ),
    _refusal(
        lambda: Body(kind="board", name="a\nb"),
        IVE,
        "Body",
        "name",
        "a\nb",
        "Body.name: expected a single line of text, got 'a\\nb'",
        "body-name",
    ),
    _refusal(
        lambda: College(name="A", weight="3/2"),
        IVE,
        "College",
        "weight",
        Fraction(3, 2),
        "College.weight: expected a fraction in [0, 1], got Fraction(3, 2)",
        "college-weight",
    ),
    _refusal(
        lambda: College(name=""),
        IVE,
        "College",
        "name",
        "",
        "College.name: expected a non-blank string, got ''",
        "college-name",
    ),
]


class TestRefusals:
    @pytest.mark.parametrize(("build", "error", "cls", "field", "got", "message"), REFUSALS)
    def test_invalid_value_is_refused_naming_class_field_and_value(
        self,
        build: Callable[[], object],
        error: type[PtcekitError],
        cls: str,
        field: str,
        got: object,
        message: str | None,
    ) -> None:
        """An invalid value raises a PtcekitError (ValueError or TypeError) naming class, field and value."""
        check_refusal(build, error, cls, field, got, message)


class TestSector:
    """Loi 2014-856 art. 1: who is ESS, private or public."""

    def test_association_is_ess_by_form(self) -> None:
        """An association is ESS (art. 1 II 1°)."""
        assert Association(id="a", name="A").sector is Sector.ESS

    def test_foundation_is_ess_by_form(self) -> None:
        """A foundation is ESS (art. 1 II 1°)."""
        assert Foundation(id="f", name="F").sector is Sector.ESS

    @pytest.mark.parametrize("kind", [MutualKind.MUTUELLE, MutualKind.INSURANCE])
    def test_mutual_is_ess_by_form(self, kind: MutualKind) -> None:
        """A mutual of the Code de la mutualité or des assurances is ESS (art. 1 II 1°)."""
        assert Mutual(id="m", name="M", kind=kind).sector is Sector.ESS

    def test_other_mutual_body_is_not_ess_by_form(self) -> None:
        """Art. 1 II 1° names only those two codes: an institution de prévoyance is not ESS."""
        assert Mutual(id="m", name="M", kind="other").sector is Sector.PRIVATE
        assert Mutual(id="m", name="M", kind="other").in_ess is False

    def test_cooperative_is_ess_by_form(self) -> None:
        """A cooperative is ESS (art. 1 II 1°), whatever its company form."""
        assert Cooperative(id="c", name="C", kind="scop", form="sas").sector is Sector.ESS

    def test_company_without_ess_statutes_is_private(self) -> None:
        """A company without ESS statutes is private."""
        assert Company(id="c", name="C", ess_statutes=False).sector is Sector.PRIVATE
        assert Company(id="c", name="C", ess_statutes=False).in_ess is False

    def test_company_with_unknown_statutes_is_private_but_not_known_outside_the_ess(self) -> None:
        """Unknown statutes (the default): private in the triptych, ``in_ess`` unknown."""
        company = Company(id="c", name="C")
        assert company.ess_statutes is None
        assert company.sector is Sector.PRIVATE
        assert company.in_ess is None

    @pytest.mark.parametrize("form", ["sa", "sarl", "sas", "snc", "scs", "sca", "se", "other"])
    def test_commercial_company_with_ess_statutes_is_ess(self, form: str) -> None:
        """Art. 1 II 2°: a société commerciale with ESS statutes is ESS."""
        assert Company(id="c", name="C", form=form, ess_statutes=True).in_ess is True

    @pytest.mark.parametrize("form", ["civil", "sole_trader"])
    def test_only_commercial_companies_join_the_ess_by_statutes(self, form: str) -> None:
        """A société civile or an entrepreneur individuel is not ESS, whatever its statutes say."""
        company = Company(id="c", name="C", form=form, ess_statutes=True)
        assert company.sector is Sector.PRIVATE
        assert company.in_ess is False
        assert Company(id="c", name="C", form=form).in_ess is False

    def test_sole_trader_is_no_legal_person(self) -> None:
        """An entrepreneur individuel has no legal person of its own."""
        assert Company(id="c", name="C", form="sole_trader").is_legal_person is False
        assert Company(id="c", name="C", form="sarl").is_legal_person is True

    @pytest.mark.parametrize(
        "cls", [Association, Foundation, Mutual, Cooperative, Company, PublicBody]
    )
    def test_esus_and_pay_can_be_recorded_on_any_organisation(self, cls: Any) -> None:
        """The agrément can be held by any organisation within art. 1 (C. trav. L3332-17-1)."""
        esus = EsusApproval(period=Period(start=D(2020, 1, 1), end=D(2024, 12, 31)))
        extra = {Cooperative: {"kind": "scic"}, PublicBody: {"kind": "commune"}}.get(cls, {})
        assert cls(id="o", name="O", esus=esus, **extra).esus == esus

    def test_company_with_ess_statutes_is_ess(self) -> None:
        """A company whose statutes meet art. 1 II 2° is ESS."""
        assert Company(id="c", name="C", ess_statutes=True).sector is Sector.ESS

    def test_mission_company_without_ess_statutes_is_private(self) -> None:
        """A société à mission is not ESS by itself."""
        assert Company(id="c", name="C", mission_company=True).sector is Sector.PRIVATE

    def test_company_with_esus_but_no_ess_statutes_is_private(self) -> None:
        """The sector follows the statutes alone, not an ESUS agrément."""
        esus = EsusApproval(period=Period(start=D(2020, 1, 1), end=D(2024, 12, 31)))
        assert Company(id="c", name="C", esus=esus).sector is Sector.PRIVATE

    @pytest.mark.parametrize("kind", list(PublicBodyKind))
    def test_public_body_is_public(self, kind: PublicBodyKind) -> None:
        """Every kind of public body is public."""
        assert PublicBody(id="p", name="P", kind=kind).sector is Sector.PUBLIC

    @pytest.mark.parametrize(
        ("status", "sector"),
        [
            (LegalStatus.PUBLIC, Sector.PUBLIC),
            (LegalStatus.ASSOCIATION, Sector.ESS),
            (LegalStatus.FOUNDATION, Sector.ESS),
            (LegalStatus.COOPERATIVE, Sector.ESS),
            (LegalStatus.COMPANY, Sector.PRIVATE),
        ],
    )
    def test_research_body_follows_legal_status(self, status: LegalStatus, sector: Sector) -> None:
        """A research body's sector follows its legal status."""
        assert ResearchBody(id="r", name="R", legal_status=status).sector is sector

    @pytest.mark.parametrize(
        ("status", "sector"),
        [
            (LegalStatus.PUBLIC, Sector.PUBLIC),
            (LegalStatus.ASSOCIATION, Sector.ESS),
            (LegalStatus.FOUNDATION, Sector.ESS),
            (LegalStatus.COOPERATIVE, Sector.ESS),
            (LegalStatus.COMPANY, Sector.PRIVATE),
        ],
    )
    def test_training_body_follows_legal_status(self, status: LegalStatus, sector: Sector) -> None:
        """A training body's sector follows its legal status."""
        assert TrainingBody(id="t", name="T", legal_status=status).sector is sector

    @pytest.mark.parametrize(
        ("kind", "sector"),
        [
            (GroupingKind.GIE, Sector.PRIVATE),
            (GroupingKind.EMPLOYER_GROUP, Sector.ESS),
            (GroupingKind.GIP, Sector.PUBLIC),
        ],
    )
    def test_grouping_follows_its_kind(self, kind: GroupingKind, sector: Sector) -> None:
        """A GIE is private, a groupement d'employeurs ESS, a GIP public."""
        assert Grouping(id="g", name="G", kind=kind).sector is sector

    def test_person_is_private(self) -> None:
        """A natural person is private."""
        assert Person(id="p", name="P").sector is Sector.PRIVATE

    def test_abstract_actor_has_no_sector(self) -> None:
        """The abstract base cannot tell its sector."""
        with pytest.raises(NotImplementedError):
            _ = Actor(id="a", name="A").sector


class TestActorProperties:
    def test_person_is_not_a_legal_person_nor_an_enterprise(self) -> None:
        """A person is neither a legal person nor an art. 9 enterprise."""
        person = Person(id="p", name="P")
        assert (person.is_legal_person, person.is_enterprise) == (False, False)

    @pytest.mark.parametrize(
        ("actor", "enterprise"),
        [
            (Association(id="a", name="A"), True),
            (Foundation(id="f", name="F"), True),
            (Mutual(id="m", name="M"), True),
            (Cooperative(id="c", name="C", kind="scic"), True),
            (Company(id="c", name="C"), True),
            (PublicBody(id="p", name="P", kind="commune"), False),
            (ResearchBody(id="r", name="R", legal_status="public"), False),
            (ResearchBody(id="r", name="R", legal_status="association"), True),
            (TrainingBody(id="t", name="T", legal_status="company"), True),
            (Grouping(id="g", name="G", kind="gie"), True),
            (Grouping(id="g", name="G", kind="employer_group"), True),
            (Grouping(id="g", name="G", kind="gip"), False),
        ],
    )
    def test_is_enterprise_by_kind(self, actor: Actor, enterprise: bool) -> None:
        """Organisations are legal persons; all but public ones count as enterprises."""
        assert actor.is_legal_person is True
        assert actor.is_enterprise is enterprise

    def test_all_identifiers_in_org_id_form(self) -> None:
        """SIREN, SIRETs, RNA and the others come out in that order as Identifiers."""
        other = Identifier(scheme="GB-COH", value="01234567")
        actor = Association(
            id="a",
            name="A",
            siren="732 829 320",
            sirets=("732 829 320 00074",),
            rna="w261000001",
            identifiers=(other,),
        )
        assert actor.all_identifiers == (
            Identifier(scheme="FR-RCS", value="732829320"),
            Identifier(scheme="FR-SIRET", value="73282932000074"),
            Identifier(scheme="FR-RNA", value="W261000001"),
            other,
        )
        assert Person(id="p", name="P").all_identifiers == ()

    @pytest.mark.parametrize(
        ("category", "label"),
        [("9220", "Association déclarée"), ("5462", None), (None, None)],
    )
    def test_legal_category_label(self, category: str | None, label: str | None) -> None:
        """The label comes from INSEE's table; a well-formed code outside it has none."""
        assert Association(id="a", name="A", legal_category=category).legal_category_label == label

    def test_identifiers_are_compacted_and_evolve_is_stable(self) -> None:
        """SIREN, SIRETs, RNA and NAF are stored compact, and evolve keeps them."""
        actor = Association(
            id="a",
            name="A",
            siren="732-829-320",
            sirets=["732 829 320 00074"],
            rna=" w261000001 ",
            naf="8899b",
        )
        assert (actor.siren, actor.sirets, actor.rna, actor.naf) == (
            "732829320",
            ("73282932000074",),
            "W261000001",
            "88.99B",
        )
        assert attrs.evolve(actor) == actor

    def test_public_body_local_authority(self) -> None:
        """Régions, départements, communes and EPCI are local authorities; other bodies by kind are not."""
        local = {
            kind
            for kind in PublicBodyKind
            if PublicBody(id="p", name="P", kind=kind).is_local_authority
        }
        assert local == {
            PublicBodyKind.REGION,
            PublicBodyKind.DEPARTEMENT,
            PublicBodyKind.COMMUNE,
            PublicBodyKind.EPCI,
        }

    @pytest.mark.parametrize(
        ("code", "local"),
        [
            ("7354", True),  # syndicat mixte fermé: a grouping of collectivités
            ("7357", True),  # PETR
            ("7340", True),  # pôle métropolitain
            ("7229", True),  # collectivité à statut particulier
            ("7361", False),  # CCAS: an établissement public of a commune
            ("7331", False),  # EPLE: a school
            ("7364", False),  # public hospital
            ("7341", False),  # secteur de commune
            (None, False),
        ],
    )
    def test_local_public_body_by_legal_category(self, code: str | None, local: bool) -> None:
        """A local public body is a local authority only when its category is a collectivité or a grouping."""
        body = PublicBody(id="p", name="P", kind="local_public_body", legal_category=code)
        assert body.is_local_authority is local
        state = PublicBody(id="s", name="S", kind="state_service", legal_category=code)
        assert state.is_local_authority is False

    def test_cooperative_colleges_and_associates(self) -> None:
        """Colleges come from the governance; associates_with filters by role."""
        employees = AssociateCategory(role="employee", count=12, capital_share="0.6")
        users = AssociateCategory(role="beneficiary", count=40)
        colleges = (College(name="salariés", weight="1/2"), College(name="usagers", weight="1/2"))
        coop = Cooperative(
            id="c",
            name="C",
            kind="scic",
            associates=(employees, users),
            governance=Governance(voting="weighted_colleges", colleges=colleges),
        )
        assert coop.colleges == colleges
        assert coop.associates_with(AssociateRole.EMPLOYEE) == (employees,)
        assert coop.associates_with(AssociateRole.EMPLOYEE, AssociateRole.BENEFICIARY) == (
            employees,
            users,
        )
        assert Cooperative(id="d", name="D", kind="scop").colleges == ()


class TestTypeTags:
    def test_extension_subclass_with_a_namespaced_tag_is_accepted(self) -> None:
        """A downstream subclass declaring 'prefix:name' is accepted and keeps its tag."""

        @attrs.frozen(kw_only=True, repr=False)
        class RegionalNetwork(Association):
            type_tag: ClassVar[str] = "aura:regional_network"

        network = RegionalNetwork(id="n", name="N")
        assert (network.type_tag, network.sector) == ("aura:regional_network", Sector.ESS)

    def test_extension_subclass_with_a_plain_tag_is_refused(self) -> None:
        """A downstream subclass must namespace its tag."""
        with pytest.raises(FieldTypeError) as info:

            @attrs.frozen(kw_only=True, repr=False)
            class Network(Association):
                type_tag: ClassVar[str] = "network"

        assert str(info.value) == (
            "Network.type_tag: expected a namespaced tag 'prefix:name' in snake_case,"
            " got 'network' (str)"
        )

    def test_a_refused_subclass_is_no_kind(self) -> None:
        """A subclass refused for its tag never joins the kind table, even before it is collected."""
        import gc

        from ptcekit.serialize import kind_table

        gc.disable()
        try:
            with pytest.raises(FieldTypeError):

                @attrs.frozen(kw_only=True, repr=False)
                class Network(Association):
                    type_tag: ClassVar[str] = "network"

            assert "network" not in kind_table(Association).by_tag
        finally:
            gc.enable()

    def test_builtin_subclass_needs_a_snake_case_tag(self) -> None:
        """A class of ptcekit itself must use a snake_case tag."""
        with pytest.raises(FieldTypeError) as info:

            @attrs.frozen(kw_only=True, repr=False)
            class Fake(Association):
                __module__ = "ptcekit.model._fake"
                type_tag: ClassVar[str] = "Fake-Kind"

        assert str(info.value) == (
            "Fake.type_tag: expected a snake_case tag, got 'Fake-Kind' (str)"
        )

    def test_subclass_without_its_own_tag_is_accepted(self) -> None:
        """A subclass that declares no tag inherits its parent's."""

        @attrs.frozen(kw_only=True, repr=False)
        class Plain(Association):
            extra: int = 0

        assert Plain(id="p", name="P").type_tag == "association"


class TestGovernance:
    def test_defaults_are_one_member_one_vote(self) -> None:
        """With no arguments: no bodies, no colleges, one member one vote."""
        governance = Governance()
        assert (governance.voting, governance.bodies, governance.colleges) == (
            VotingScheme.ONE_MEMBER_ONE_VOTE,
            (),
            (),
        )

    def test_college_look_up(self) -> None:
        """college() finds a college by name; college_names lists them."""
        a, b = College(name="A", weight="1/3"), College(name="B", weight="2/3")
        governance = Governance(voting="weighted_colleges", colleges=[a, b])
        assert governance.college("B") is b
        assert governance.college_names == frozenset({"A", "B"})

    def test_unknown_college_raises_unknown_id_error(self) -> None:
        """An unknown college name raises UnknownIdError, a KeyError, naming the college."""
        with pytest.raises(UnknownIdError) as info:
            Governance().college("x")
        assert isinstance(info.value, KeyError)
        assert (info.value.id, info.value.kind) == ("x", "college")
        assert str(info.value).startswith("no college with id 'x'")
