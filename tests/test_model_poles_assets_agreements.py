"""Tests of pôles and memberships, territories, mutualised assets and partnership agreements."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from typing import Any, ClassVar

import attrs
import pytest
from hypothesis import given

from ptcekit import (
    Allocation,
    AssetCategory,
    Commitment,
    CostSharingKey,
    FieldTypeError,
    ImmaterialAsset,
    InvalidValueError,
    KeyShare,
    Membership,
    Money,
    MutualisedAsset,
    Ownership,
    PartnershipAgreement,
    Party,
    Period,
    Place,
    Pole,
    PtcekitError,
    Quantity,
    Share,
    SharedEmployee,
    SharedEquipment,
    SharedFund,
    SharedPremises,
    SharedService,
    Territory,
    TerritoryLevel,
)
from ptcekit.errors import IdentifierError
from ptcekit.testing import territories

D = dt.date
ID_EXPECTED = "an id of 1 to 200 letters, digits or '_.:-' starting with a letter or digit"
TWO = (Party(actor="x"), Party(actor="y"))


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


IVE, FTE = InvalidValueError, FieldTypeError
H1 = Quantity(value=1, unit="h")

# (id, build, error, class, field, got, exact message or None when the wording may change)
CASES: list[tuple[str, Callable[[], object], type[PtcekitError], str, str, object, str | None]] = [
    (
        "membership-actor",
        lambda: Membership(actor="a b"),
        IVE,
        "Membership",
        "actor",
        "a b",
        f"Membership.actor: expected {ID_EXPECTED}, got 'a b'",
    ),
    (
        "membership-role",
        lambda: Membership(actor="a", role="boss"),
        IVE,
        "Membership",
        "role",
        "boss",
        (
            "Membership.role: expected a MemberRole (one of 'founder', 'member', 'partner',"
            " 'lead'), got 'boss'"
        ),
    ),
    (
        "membership-period",
        lambda: Membership(actor="a", period="2024"),
        FTE,
        "Membership",
        "period",
        "2024",
        "Membership.period: expected a Period, got '2024' (str)",
    ),
    (
        "membership-college",
        lambda: Membership(actor="a", college=" "),
        IVE,
        "Membership",
        "college",
        " ",
        "Membership.college: expected a non-blank string, got ' '",
    ),
    (
        "pole-domains-repeated",
        lambda: Pole(id="p", name="P", domains=("a", "a")),
        IVE,
        "Pole",
        "domains",
        ("a", "a"),
        "Pole.domains: expected strings without repeats ('a' is repeated), got ('a', 'a')",
    ),
    (
        "pole-labels-type",
        lambda: Pole(id="p", name="P", labels=(1,)),
        FTE,
        "Pole",
        "labels[0]",
        1,
        "Pole.labels[0]: expected a str, got 1 (int)",
    ),
    (
        "pole-memberships",
        lambda: Pole(id="p", name="P", memberships=("a",)),
        FTE,
        "Pole",
        "memberships[0]",
        "a",
        "Pole.memberships[0]: expected a Membership, got 'a' (str)",
    ),
    (
        "pole-lead",
        lambda: Pole(id="p", name="P", lead="x y"),
        IVE,
        "Pole",
        "lead",
        "x y",
        f"Pole.lead: expected {ID_EXPECTED}, got 'x y'",
    ),
    (
        "pole-territory",
        lambda: Pole(id="p", name="P", territory="26"),
        FTE,
        "Pole",
        "territory",
        "26",
        "Pole.territory: expected a Territory, got '26' (str)",
    ),
    (
        "pole-strategy",
        lambda: Pole(id="p", name="P", strategy=""),
        IVE,
        "Pole",
        "strategy",
        "",
        "Pole.strategy: expected a non-blank string, got ''",
    ),
    (
        "territory-level",
        lambda: Territory(name="T", level="canton", codes=("26",), cog_year=2024),
        IVE,
        "Territory",
        "level",
        "canton",
        (
            "Territory.level: expected a TerritoryLevel (one of 'commune', 'epci', 'departement',"
            " 'region', 'custom'), got 'canton'"
        ),
    ),
    (
        "territory-no-codes",
        lambda: Territory(name="T", level="commune", codes=(), cog_year=2024),
        IVE,
        "Territory",
        "codes",
        (),
        "Territory.codes: expected at least one code, got ()",
    ),
    (
        "territory-codes-type",
        lambda: Territory(name="T", level="commune", codes=5, cog_year=2024),
        FTE,
        "Territory",
        "codes",
        5,
        "Territory.codes: expected a tuple of codes (str), got 5 (int)",
    ),
    (
        "territory-commune",
        lambda: Territory(name="T", level="commune", codes=("26281", "20004"), cog_year=2024),
        IVE,
        "Territory",
        "codes[1]",
        "20004",
        None,
    ),
    (
        "territory-epci",
        lambda: Territory(name="T", level="epci", codes=("123",), cog_year=2024),
        IVE,
        "Territory",
        "codes[0]",
        "123",
        (
            "Territory.codes[0]: expected a valid SIREN of an EPCI (expected 9 digits, got 3),"
            " got '123'"
        ),
    ),
    (
        "territory-departement",
        lambda: Territory(name="T", level="departement", codes=("20",), cog_year=2024),
        IVE,
        "Territory",
        "codes[0]",
        "20",
        None,
    ),
    (
        "territory-region",
        lambda: Territory(name="T", level="region", codes=("99",), cog_year=2024),
        IVE,
        "Territory",
        "codes[0]",
        "99",
        (
            "Territory.codes[0]: expected a valid région code (not one of the 18 région codes of"
            " the COG 2024), got '99'"
        ),
    ),
    (
        "territory-codes-repeated",
        lambda: Territory(name="T", level="region", codes=("84", " 84"), cog_year=2024),
        IVE,
        "Territory",
        "codes",
        ("84", "84"),
        (
            "Territory.codes: expected région codes without repeats ('84' is repeated),"
            " got ('84', '84')"
        ),
    ),
    (
        "territory-code-int",
        lambda: Territory(name="T", level="region", codes=(84,), cog_year=2024),
        FTE,
        "Territory",
        "codes[0]",
        84,
        "Territory.codes[0]: expected a région code (str), got 84 (int)",
    ),
    (
        "territory-cog-year",
        lambda: Territory(name="T", level="region", codes=("84",), cog_year=1900),
        IVE,
        "Territory",
        "cog_year",
        1900,
        "Territory.cog_year: expected an int between 1943 and 2100, got 1900",
    ),
    (
        "ownership-share",
        lambda: Ownership(actor="a", share="1/2"),
        FTE,
        "Ownership",
        "share",
        "1/2",
        "Ownership.share: expected a Share, got '1/2' (str)",
    ),
    (
        "allocation-share-and-fte",
        lambda: Allocation(actor="a", share=Share.of(1), fte=1),
        IVE,
        "Allocation",
        "fte",
        Fraction(1),
        (
            "Allocation.fte: expected one measure of use at most (share, fte or hours),"
            " not share and fte, got Fraction(1, 1)"
        ),
    ),
    (
        "allocation-fte-and-hours",
        lambda: Allocation(actor="a", fte=1, hours=3),
        IVE,
        "Allocation",
        "hours",
        Decimal(3),
        (
            "Allocation.hours: expected one measure of use at most (share, fte or hours),"
            " not fte and hours, got Decimal('3')"
        ),
    ),
    (
        "allocation-hours-zero",
        lambda: Allocation(actor="a", hours=0),
        IVE,
        "Allocation",
        "hours",
        Decimal(0),
        "Allocation.hours: expected a number > 0, got Decimal('0')",
    ),
    (
        "allocation-fte-zero",
        lambda: Allocation(actor="a", fte=0),
        IVE,
        "Allocation",
        "fte",
        Fraction(0),
        "Allocation.fte: expected a fraction in (0, 1], got Fraction(0, 1)",
    ),
    (
        "key-share-zero",
        lambda: KeyShare(actor="a", fraction=0),
        IVE,
        "KeyShare",
        "fraction",
        Fraction(0),
        "KeyShare.fraction: expected a fraction in (0, 1], got Fraction(0, 1)",
    ),
    (
        "cost-key-fixed-without-shares",
        lambda: CostSharingKey(method="fixed"),
        IVE,
        "CostSharingKey",
        "shares",
        (),
        "CostSharingKey.shares: expected the actors' shares for a fixed key, got ()",
    ),
    (
        "cost-key-derived-with-shares",
        lambda: CostSharingKey(method="equal", shares=(KeyShare(actor="a", fraction=1),)),
        IVE,
        "CostSharingKey",
        "shares",
        (KeyShare(actor="a", fraction=1),),
        None,
    ),
    (
        "cost-key-actor-twice",
        lambda: CostSharingKey(
            method="fixed",
            shares=(KeyShare(actor="a", fraction="1/2"), KeyShare(actor="a", fraction="1/2")),
        ),
        IVE,
        "CostSharingKey",
        "shares",
        "a",
        "CostSharingKey.shares: expected one share per actor ('a' has two), got 'a'",
    ),
    (
        "cost-key-method",
        lambda: CostSharingKey(method="random"),
        IVE,
        "CostSharingKey",
        "method",
        "random",
        (
            "CostSharingKey.method: expected a CostSharingMethod (one of 'equal', 'pro_rata_use',"
            " 'pro_rata_ownership', 'pro_rata_headcount', 'fixed'), got 'random'"
        ),
    ),
    (
        "asset-id",
        lambda: MutualisedAsset(id="", name="x"),
        IVE,
        "MutualisedAsset",
        "id",
        "",
        f"MutualisedAsset.id: expected {ID_EXPECTED}, got ''",
    ),
    (
        "fund-owners",
        lambda: SharedFund(id="f", name="F", owners=(1,)),
        FTE,
        "SharedFund",
        "owners[0]",
        1,
        None,
    ),
    (
        "fund-users",
        lambda: SharedFund(id="f", name="F", users=(1,)),
        FTE,
        "SharedFund",
        "users[0]",
        1,
        None,
    ),
    (
        "fund-endowment",
        lambda: SharedFund(id="f", name="F", endowment=5),
        FTE,
        "SharedFund",
        "endowment",
        5,
        "SharedFund.endowment: expected a Money, got 5 (int)",
    ),
    (
        "fund-annual-cost",
        lambda: SharedFund(id="f", name="F", annual_cost=5),
        FTE,
        "SharedFund",
        "annual_cost",
        5,
        "SharedFund.annual_cost: expected a Money, got 5 (int)",
    ),
    (
        "fund-cost-key",
        lambda: SharedFund(id="f", name="F", cost_key="equal"),
        FTE,
        "SharedFund",
        "cost_key",
        "equal",
        "SharedFund.cost_key: expected a CostSharingKey, got 'equal' (str)",
    ),
    (
        "fund-pole",
        lambda: SharedFund(id="f", name="F", pole="a b"),
        IVE,
        "SharedFund",
        "pole",
        "a b",
        f"SharedFund.pole: expected {ID_EXPECTED}, got 'a b'",
    ),
    (
        "premises-area",
        lambda: SharedPremises(id="s", name="S", area=0),
        IVE,
        "SharedPremises",
        "area",
        Decimal(0),
        "SharedPremises.area: expected a number > 0, got Decimal('0')",
    ),
    (
        "premises-place",
        lambda: SharedPremises(id="s", name="S", place="26281"),
        FTE,
        "SharedPremises",
        "place",
        "26281",
        "SharedPremises.place: expected a Place, got '26281' (str)",
    ),
    (
        "equipment-vehicle",
        lambda: SharedEquipment(id="s", name="S", vehicle="yes"),
        FTE,
        "SharedEquipment",
        "vehicle",
        "yes",
        "SharedEquipment.vehicle: expected a bool, got 'yes' (str)",
    ),
    (
        "employee-fte-zero",
        lambda: SharedEmployee(id="s", name="S", fte=0),
        IVE,
        "SharedEmployee",
        "fte",
        Fraction(0),
        "SharedEmployee.fte: expected a fraction in (0, 1], got Fraction(0, 1)",
    ),
    (
        "employee-fte-above-one",
        lambda: SharedEmployee(id="s", name="S", fte="3/2"),
        IVE,
        "SharedEmployee",
        "fte",
        Fraction(3, 2),
        "SharedEmployee.fte: expected a fraction in (0, 1], got Fraction(3, 2)",
    ),
    (
        "employee-employer",
        lambda: SharedEmployee(id="s", name="S", employer="a b"),
        IVE,
        "SharedEmployee",
        "employer",
        "a b",
        f"SharedEmployee.employer: expected {ID_EXPECTED}, got 'a b'",
    ),
    (
        "service-service",
        lambda: SharedService(id="s", name="S", service=""),
        IVE,
        "SharedService",
        "service",
        "",
        "SharedService.service: expected a non-blank string, got ''",
    ),
    (
        "immaterial-kind",
        lambda: ImmaterialAsset(id="s", name="S", kind="patent"),
        IVE,
        "ImmaterialAsset",
        "kind",
        "patent",
        None,
    ),
    (
        "party-actor",
        lambda: Party(actor="a b"),
        IVE,
        "Party",
        "actor",
        "a b",
        f"Party.actor: expected {ID_EXPECTED}, got 'a b'",
    ),
    (
        "party-role",
        lambda: Party(actor="a", role=""),
        IVE,
        "Party",
        "role",
        "",
        "Party.role: expected a non-blank string, got ''",
    ),
    (
        "commitment-amount-and-quantity",
        lambda: Commitment(party="a", kind="in_kind", amount=Money(amount=1), quantity=H1),
        IVE,
        "Commitment",
        "quantity",
        H1,
        (
            "Commitment.quantity: expected an amount or a quantity, not both,"
            " got Quantity(value=Decimal('1'), unit='h')"
        ),
    ),
    (
        "commitment-money-quantity",
        lambda: Commitment(party="a", kind="money", quantity=H1),
        IVE,
        "Commitment",
        "quantity",
        H1,
        (
            "Commitment.quantity: expected no quantity for a money commitment (give an amount),"
            " got Quantity(value=Decimal('1'), unit='h')"
        ),
    ),
    (
        "commitment-kind",
        lambda: Commitment(party="a", kind="gift"),
        IVE,
        "Commitment",
        "kind",
        "gift",
        (
            "Commitment.kind: expected a CommitmentKind (one of 'money', 'in_kind', 'staff_time',"
            " 'asset_use', 'service'), got 'gift'"
        ),
    ),
    (
        "commitment-recurrence",
        lambda: Commitment(party="a", kind="money", recurrence="daily"),
        IVE,
        "Commitment",
        "recurrence",
        "daily",
        (
            "Commitment.recurrence: expected a Recurrence (one of 'once', 'monthly', 'quarterly',"
            " 'yearly'), got 'daily'"
        ),
    ),
    (
        "commitment-amount-type",
        lambda: Commitment(party="a", kind="money", amount=5),
        FTE,
        "Commitment",
        "amount",
        5,
        "Commitment.amount: expected a Money, got 5 (int)",
    ),
    (
        "agreement-one-party",
        lambda: PartnershipAgreement(
            id="a", title="T", kind="mutualisation", parties=(Party(actor="x"),)
        ),
        IVE,
        "PartnershipAgreement",
        "parties",
        ("x",),
        "PartnershipAgreement.parties: expected at least 2 distinct parties, got ('x',)",
    ),
    (
        "agreement-party-twice",
        lambda: PartnershipAgreement(
            id="a", title="T", kind="mutualisation", parties=(Party(actor="x"), Party(actor="x"))
        ),
        IVE,
        "PartnershipAgreement",
        "parties",
        "x",
        "PartnershipAgreement.parties: expected distinct parties ('x' is a party twice), got 'x'",
    ),
    (
        "agreement-parties-str",
        lambda: PartnershipAgreement(id="a", title="T", kind="mutualisation", parties="xy"),
        FTE,
        "PartnershipAgreement",
        "parties",
        "xy",
        "PartnershipAgreement.parties: expected a tuple of Party values, got 'xy' (str)",
    ),
    (
        "agreement-kind",
        lambda: PartnershipAgreement(id="a", title="T", kind="merger", parties=TWO),
        IVE,
        "PartnershipAgreement",
        "kind",
        "merger",
        None,
    ),
    (
        "agreement-notice",
        lambda: PartnershipAgreement(
            id="a", title="T", kind="mutualisation", parties=TWO, notice_days=-1
        ),
        IVE,
        "PartnershipAgreement",
        "notice_days",
        -1,
        "PartnershipAgreement.notice_days: expected an int >= 0, got -1",
    ),
    (
        "agreement-renewal",
        lambda: PartnershipAgreement(
            id="a", title="T", kind="mutualisation", parties=TWO, renewal="auto"
        ),
        IVE,
        "PartnershipAgreement",
        "renewal",
        "auto",
        (
            "PartnershipAgreement.renewal: expected a Renewal (one of 'none', 'tacit', 'explicit'),"
            " got 'auto'"
        ),
    ),
    (
        "agreement-commitments",
        lambda: PartnershipAgreement(
            id="a", title="T", kind="mutualisation", parties=TWO, commitments=(1,)
        ),
        FTE,
        "PartnershipAgreement",
        "commitments[0]",
        1,
        "PartnershipAgreement.commitments[0]: expected a Commitment, got 1 (int)",
    ),
    (
        "agreement-signed",
        lambda: PartnershipAgreement(
            id="a", title="T", kind="mutualisation", parties=TWO, signed="2024-01-01"
        ),
        FTE,
        "PartnershipAgreement",
        "signed",
        "2024-01-01",
        "PartnershipAgreement.signed: expected a datetime.date, got '2024-01-01' (str)",
    ),
]


class TestRefusals:
    @pytest.mark.parametrize(
        ("build", "error", "cls", "field", "got", "message"),
        [pytest.param(*case[1:], id=case[0]) for case in CASES],
    )
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


class TestMembership:
    def test_defaults_to_member_with_no_dates(self) -> None:
        """A membership is a plain member, always active, unless told otherwise."""
        membership = Membership(actor="a")
        assert (membership.role.value, membership.period, membership.college) == (
            "member",
            None,
            None,
        )
        assert membership.active_on(D(1900, 1, 1))

    def test_active_on_follows_the_period(self) -> None:
        """A dated membership holds within its period only."""
        membership = Membership(actor="a", period=Period(start=D(2024, 1, 1), end=D(2024, 6, 30)))
        assert membership.active_on(D(2024, 6, 30))
        assert not membership.active_on(D(2024, 7, 1))


class TestPole:
    def test_member_ids_once_each_in_order_and_as_of(self) -> None:
        """member_ids lists each actor once, in membership order, filtered by date."""
        before = Period(end=D(2020, 12, 31))
        after = Period(start=D(2022, 1, 1))
        pole = Pole(
            id="p",
            name="P",
            memberships=(
                Membership(actor="b", period=before),
                Membership(actor="a"),
                Membership(actor="b", period=after),
                Membership(actor="c", period=after),
            ),
        )
        assert pole.member_ids() == ("b", "a", "c")
        assert pole.member_ids(D(2021, 6, 1)) == ("a",)
        assert pole.member_ids(D(2023, 1, 1)) == ("a", "b", "c")

    def test_type_tag_and_collections_from_lists(self) -> None:
        """Lists become tuples; the pôle's wire tag is 'pole'."""
        pole = Pole(id="p", name="P", domains=["culture"], labels=["aap-ptce-2013"])
        assert (pole.domains, pole.labels, pole.type_tag) == (
            ("culture",),
            ("aap-ptce-2013",),
            "pole",
        )
        assert attrs.evolve(pole) == pole

    def test_dissolved_on_or_after_founding(self) -> None:
        """A pôle may record the day it ceased; never before it was founded."""
        pole = Pole(id="p", name="P", founded=D(2015, 1, 1), dissolved=D(2021, 6, 30))
        assert pole.dissolved == D(2021, 6, 30)
        with pytest.raises(InvalidValueError) as info:
            Pole(id="p", name="P", founded=D(2015, 1, 1), dissolved=D(2014, 12, 31))
        assert str(info.value) == (
            "Pole.dissolved: expected a date on or after its founding (2015-01-01),"
            " got datetime.date(2014, 12, 31)"
        )
        with pytest.raises(FieldTypeError):
            Pole(id="p", name="P", dissolved="2021-06-30")


class TestTerritory:
    @pytest.mark.parametrize(
        ("level", "codes", "commune", "inside"),
        [
            ("commune", ("26281",), "26281", True),
            ("commune", ("26281",), "26057", False),
            ("custom", ("26281", "26057"), " 26057 ", True),
            ("custom", ("26281", "26057"), "38185", False),
            ("departement", ("26",), "26281", True),
            ("departement", ("2a",), "2A004", True),
            ("departement", ("26",), "38185", False),
            ("region", ("84",), "26281", True),
            ("region", ("94",), "2B033", True),
            ("region", ("93",), "26281", False),
            ("region", ("01",), "97101", True),
            # Romans-sur-Isère is in Valence Romans Agglo, not in CA Luberon Monts de Vaucluse
            ("epci", ("200068781",), "26281", True),
            ("epci", ("200040442",), "26281", False),
            # a collectivité d'outre-mer has no département nor région: in none of them
            ("departement", ("974",), "98735", False),
            ("departement", ("26",), "97502", False),
            ("region", ("04",), "98818", False),
            ("region", ("84",), "97701", False),
            ("commune", ("98735",), "98735", True),
            ("custom", ("98735", "98736"), "98818", False),
            ("epci", ("200040442",), "97801", False),
            # an arrondissement municipal lies in its commune
            ("commune", ("69123",), "69381", True),
            ("commune", ("75056",), "75120", True),
            ("custom", ("13055", "13001"), "13216", True),
            ("commune", ("69123",), "75101", False),
            ("departement", ("69",), "69381", True),
            ("region", ("93",), "13201", True),
            # and a commune lies in a territory that lists all its arrondissements
            ("custom", tuple(str(code) for code in range(69381, 69390)), "69123", True),
            ("custom", ("69381", "69382"), "69123", None),
            ("custom", ("69381", "69382"), "75056", False),
            ("custom", ("69381",), "69382", False),
        ],
    )
    def test_contains_commune_at_every_level(
        self, level: str, codes: tuple[str, ...], commune: str, inside: bool | None
    ) -> None:
        """A commune is inside its commune, custom area, EPCI, département and région."""
        territory = Territory(name="T", level=level, codes=codes, cog_year=2024)
        assert territory.contains_commune(commune) is inside

    def test_contains_commune_refuses_invalid_codes(self) -> None:
        """An invalid commune code raises an IdentifierError when the level needs its département."""
        drome = Territory(name="Drôme", level="departement", codes=("26",), cog_year=2024)
        with pytest.raises(IdentifierError) as info:
            drome.contains_commune("20004")
        assert info.value.kind == "commune code"

    def test_contains_commune_refuses_invalid_codes_at_commune_level(self) -> None:
        """A commune territory raises for an invalid code rather than answer 'outside'."""
        romans = Territory(name="Romans", level="commune", codes=("26281",), cog_year=2024)
        with pytest.raises(IdentifierError) as info:
            romans.contains_commune("99134")
        assert "foreign countries" in info.value.reason

    def test_collectivite_territories(self) -> None:
        """Territories of COM communes can be built (Papeete, Nouméa, Saint-Pierre)."""
        territory = Territory(
            name="Outre-mer", level="custom", codes=("98735", "98818", "97502"), cog_year=2024
        )
        assert territory.codes == ("98735", "98818", "97502")
        assert territory.contains_commune("98818") is True

    def test_codes_are_normalised(self) -> None:
        """Codes are stripped and upper-cased, and lists become tuples."""
        territory = Territory(
            name="Corse", level="departement", codes=[" 2a ", "2b"], cog_year=2024
        )
        assert territory.codes == ("2A", "2B")
        assert territory.level is TerritoryLevel.DEPARTEMENT
        assert attrs.evolve(territory) == territory

    @given(territories())
    def test_generated_territories_contain_their_own_communes(self, territory: Territory) -> None:
        """A commune or custom territory contains each of its codes."""
        if territory.level in (TerritoryLevel.COMMUNE, TerritoryLevel.CUSTOM):
            assert all(territory.contains_commune(code) for code in territory.codes)
        assert attrs.evolve(territory) == territory


class TestAssets:
    @pytest.mark.parametrize(
        ("asset", "category", "tag"),
        [
            (SharedPremises(id="a", name="A", area=10), AssetCategory.TECHNICAL, "shared_premises"),
            (SharedEquipment(id="a", name="A"), AssetCategory.TECHNICAL, "shared_equipment"),
            (SharedEmployee(id="a", name="A"), AssetCategory.HUMAN, "shared_employee"),
            (SharedFund(id="a", name="A"), AssetCategory.FINANCIAL, "shared_fund"),
            (SharedService(id="a", name="A"), AssetCategory.TECHNICAL, "shared_service"),
            (
                ImmaterialAsset(id="a", name="A", kind="brand"),
                AssetCategory.IMMATERIAL,
                "immaterial_asset",
            ),
        ],
    )
    def test_category_and_type_tag(
        self, asset: MutualisedAsset, category: AssetCategory, tag: str
    ) -> None:
        """Each asset kind has its category and its wire tag."""
        assert (asset.category, asset.type_tag) == (category, tag)

    def test_actor_ids_gathers_owners_and_users(self) -> None:
        """actor_ids is the set of owners and users."""
        fund = SharedFund(
            id="f",
            name="F",
            owners=[Ownership(actor="a", share=Share.of(1))],
            users=[Allocation(actor="b"), Allocation(actor="a", hours="12.5")],
        )
        assert fund.actor_ids == frozenset({"a", "b"})
        assert fund.users[1].hours == Decimal("12.5")

    def test_shared_employee_defaults_to_full_time(self) -> None:
        """A shared employee works one FTE unless told otherwise."""
        assert SharedEmployee(id="e", name="E").fte == Fraction(1)

    def test_fixed_key_with_shares(self) -> None:
        """A fixed key lists the actors' parts."""
        key = CostSharingKey(
            method="fixed",
            shares=[KeyShare(actor="a", fraction="1/4"), KeyShare(actor="b", fraction="3/4")],
        )
        assert [share.fraction for share in key.shares] == [Fraction(1, 4), Fraction(3, 4)]

    def test_extension_asset_with_namespaced_tag(self) -> None:
        """A downstream asset kind declares a namespaced tag and its category."""

        @attrs.frozen(kw_only=True, repr=False)
        class SharedGarden(MutualisedAsset):
            type_tag: ClassVar[str] = "aura:shared_garden"
            category: ClassVar[AssetCategory] = AssetCategory.TECHNICAL

        garden = SharedGarden(id="g", name="G")
        assert (garden.type_tag, garden.category) == ("aura:shared_garden", AssetCategory.TECHNICAL)

    def test_extension_asset_with_plain_tag_is_refused(self) -> None:
        """A downstream asset kind with a plain tag is refused at class creation."""
        with pytest.raises(FieldTypeError) as info:

            @attrs.frozen(kw_only=True, repr=False)
            class Garden(MutualisedAsset):
                type_tag: ClassVar[str] = "garden"

        assert info.value.field == "type_tag"
        assert info.value.got == "garden"


class TestAgreements:
    def test_party_ids_and_active_on(self) -> None:
        """party_ids keeps the parties' order; active_on follows the period, always without one."""
        dated = PartnershipAgreement(
            id="a",
            title="T",
            kind="mutualisation",
            parties=[Party(actor="y", role="financeur"), Party(actor="x")],
            period=Period(start=D(2024, 1, 1), end=D(2026, 12, 31)),
        )
        assert dated.party_ids == ("y", "x")
        assert dated.active_on(D(2025, 5, 1))
        assert not dated.active_on(D(2027, 1, 1))
        assert PartnershipAgreement(id="b", title="T", kind="cooperation", parties=TWO).active_on(
            D(1900, 1, 1)
        )

    def test_negative_money_commitment_is_refused(self) -> None:
        """A commitment gives: a negative amount is a construction error naming the field."""
        with pytest.raises(InvalidValueError) as info:
            Commitment(party="x", kind="money", amount=Money(amount=-1))
        assert str(info.value) == (
            "Commitment.amount: expected an amount of at least 0 (a commitment gives,"
            " it does not take), got Money(amount=Decimal('-1'))"
        )
        assert Commitment(party="x", kind="money", amount=Money(amount=0)).amount == Money(amount=0)

    def test_money_commitment_with_an_amount(self) -> None:
        """A money commitment takes an amount; other kinds may take a quantity."""
        money = Commitment(party="x", kind="money", amount=Money(amount=30000), recurrence="yearly")
        staff = Commitment(party="y", kind="staff_time", quantity=Quantity(value=35, unit="h"))
        assert (money.amount, money.quantity) == (Money(amount=30000), None)
        assert staff.quantity == Quantity(value=35, unit="h")
        assert repr(money) == (
            "Commitment(party='x', kind=CommitmentKind.MONEY,"
            " amount=Money(amount=Decimal('30000')), recurrence=Recurrence.YEARLY)"
        )

    def test_place_on_a_premises(self) -> None:
        """Premises keep their place."""
        premises = SharedPremises(id="m", name="M", place=Place(commune="06069"))
        assert premises.place == Place(commune="06069")
