"""Tests of the model's value types (Money, Period, Share, Identifier, Place, Quantity), reprs and field checks."""

from __future__ import annotations

import datetime as dt
import re
import types
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ptcekit import (
    FieldTypeError,
    Identifier,
    InvalidValueError,
    LoadError,
    MemberRole,
    Membership,
    Money,
    Period,
    Person,
    Place,
    Pole,
    PtcekitError,
    Quantity,
    Share,
    model,
)
from ptcekit.errors import IdentifierError
from ptcekit.identifiers import siren
from ptcekit.model import validators as c
from ptcekit.model._base import Value
from ptcekit.model.limits import MAX_INTEGER_DIGITS
from ptcekit.serialize import dumps, from_dict, loads
from ptcekit.testing import identifiers, moneys, periods, places, quantities, shares

D = dt.date


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


REFUSALS = [
    pytest.param(
        lambda: Money(amount=0.1),
        FieldTypeError,
        "Money",
        "amount",
        0.1,
        "Money.amount: expected a Decimal, an int or a decimal string such as '12.50', got 0.1 (float)",
        id="money-float",
    ),
    pytest.param(
        lambda: Money(amount="abc"),
        InvalidValueError,
        "Money",
        "amount",
        "abc",
        "Money.amount: expected a decimal string such as '12.50', got 'abc'",
        id="money-not-a-number",
    ),
    pytest.param(
        lambda: Money(amount="NaN"),
        InvalidValueError,
        "Money",
        "amount",
        Decimal("NaN"),
        "Money.amount: expected a finite number, got Decimal('NaN')",
        id="money-nan",
    ),
    pytest.param(
        lambda: Money(amount=1, currency="EURO"),
        InvalidValueError,
        "Money",
        "currency",
        "EURO",
        "Money.currency: expected a valid ISO 4217 currency code"
        " (expected 3 letters, got 4 characters), got 'EURO'",
        id="money-currency",
    ),
    pytest.param(
        lambda: Period(start=D(2024, 2, 1), end=D(2024, 1, 31)),
        InvalidValueError,
        "Period",
        "end",
        D(2024, 1, 31),
        "Period.end: expected a date on or after start 2024-02-01, got datetime.date(2024, 1, 31)",
        id="period-end-before-start",
    ),
    pytest.param(
        lambda: Period(start=dt.datetime(2024, 1, 1)),
        FieldTypeError,
        "Period",
        "start",
        dt.datetime(2024, 1, 1),
        "Period.start: expected a datetime.date, got datetime.datetime(2024, 1, 1, 0, 0) (datetime)",
        id="period-datetime",
    ),
    pytest.param(
        Share,
        InvalidValueError,
        "Share",
        "fraction",
        None,
        "Share.fraction: expected a fraction, or a minimum and/or a maximum, got None",
        id="share-empty",
    ),
    pytest.param(
        lambda: Share(fraction=0),
        InvalidValueError,
        "Share",
        "fraction",
        Fraction(0),
        "Share.fraction: expected a fraction in (0, 1], got Fraction(0, 1)",
        id="share-zero",
    ),
    pytest.param(
        lambda: Share(fraction="3/2"),
        InvalidValueError,
        "Share",
        "fraction",
        Fraction(3, 2),
        "Share.fraction: expected a fraction in (0, 1], got Fraction(3, 2)",
        id="share-above-one",
    ),
    pytest.param(
        lambda: Share(fraction=0.5),
        FieldTypeError,
        "Share",
        "fraction",
        0.5,
        "Share.fraction: expected an exact fraction (a Fraction, an int, a Decimal or a string"
        " such as '1/3'); floats are not exact, got 0.5 (float)",
        id="share-float",
    ),
    pytest.param(
        lambda: Share(fraction="1/2", minimum="1/4"),
        InvalidValueError,
        "Share",
        "minimum",
        Fraction(1, 4),
        "Share.minimum: expected no bounds when fraction is given, got Fraction(1, 4)",
        id="share-fraction-and-minimum",
    ),
    pytest.param(
        lambda: Share(fraction="1/2", minimum=0),
        InvalidValueError,
        "Share",
        "minimum",
        Fraction(0),
        "Share.minimum: expected no bounds when fraction is given, got Fraction(0, 1)",
        id="share-fraction-and-zero-minimum",
    ),
    pytest.param(
        lambda: Share(fraction="1/2", maximum="3/4"),
        InvalidValueError,
        "Share",
        "maximum",
        Fraction(3, 4),
        "Share.maximum: expected no bounds when fraction is given, got Fraction(3, 4)",
        id="share-fraction-and-maximum",
    ),
    pytest.param(
        lambda: Share(minimum="3/4", maximum="1/4"),
        InvalidValueError,
        "Share",
        "maximum",
        Fraction(1, 4),
        "Share.maximum: expected a maximum >= the minimum 3/4, got Fraction(1, 4)",
        id="share-bounds-reversed",
    ),
    pytest.param(
        lambda: Identifier(scheme="bad scheme", value="x"),
        InvalidValueError,
        "Identifier",
        "scheme",
        "bad scheme",
        "Identifier.scheme: expected a scheme code such as 'FR-RCS' (letters, digits, '_.:-'),"
        " got 'bad scheme'",
        id="identifier-scheme",
    ),
    pytest.param(
        lambda: Identifier(scheme="FR-RCS", value="123"),
        InvalidValueError,
        "Identifier",
        "value",
        "123",
        "Identifier.value: expected a valid SIREN (expected 9 digits, got 3), got '123'",
        id="identifier-siren",
    ),
    pytest.param(
        lambda: Identifier(scheme="FR-RNA", value="X751234567"),
        InvalidValueError,
        "Identifier",
        "value",
        "X751234567",
        "Identifier.value: expected a valid RNA number (expected 'W' as the first character,"
        " got 'X'), got 'X751234567'",
        id="identifier-rna",
    ),
    pytest.param(
        lambda: Identifier(scheme="GB-COH", value=" "),
        InvalidValueError,
        "Identifier",
        "value",
        " ",
        "Identifier.value: expected a non-blank string, got ' '",
        id="identifier-blank",
    ),
    pytest.param(
        lambda: Place(commune="20004"),
        InvalidValueError,
        "Place",
        "commune",
        "20004",
        None,
        id="place-commune",
    ),
    pytest.param(
        lambda: Place(commune=26281),
        FieldTypeError,
        "Place",
        "commune",
        26281,
        "Place.commune: expected a COG commune code (str), got 26281 (int)",
        id="place-commune-int",
    ),
    pytest.param(
        lambda: Place(commune="26281", latitude=1.0),
        InvalidValueError,
        "Place",
        "longitude",
        None,
        "Place.longitude: expected latitude and longitude given together, got None",
        id="place-latitude-alone",
    ),
    pytest.param(
        lambda: Place(commune="26281", longitude=1.0),
        InvalidValueError,
        "Place",
        "latitude",
        None,
        "Place.latitude: expected latitude and longitude given together, got None",
        id="place-longitude-alone",
    ),
    pytest.param(
        lambda: Place(commune="26281", latitude=100.0, longitude=0.0),
        InvalidValueError,
        "Place",
        "latitude",
        100.0,
        "Place.latitude: expected degrees between -90 and 90, got 100.0",
        id="place-latitude-range",
    ),
    pytest.param(
        lambda: Place(commune="26281", latitude=0.0, longitude=-181),
        InvalidValueError,
        "Place",
        "longitude",
        -181,
        "Place.longitude: expected degrees between -180 and 180, got -181",
        id="place-longitude-range",
    ),
    pytest.param(
        lambda: Place(commune="26281", latitude="1", longitude=0.0),
        FieldTypeError,
        "Place",
        "latitude",
        "1",
        "Place.latitude: expected a number of degrees (float), got '1' (str)",
        id="place-latitude-str",
    ),
    pytest.param(
        lambda: Place(commune="26281", address=""),
        InvalidValueError,
        "Place",
        "address",
        "",
        "Place.address: expected a non-blank string, got ''",
        id="place-address",
    ),
    pytest.param(
        lambda: Quantity(value=-1, unit="h"),
        InvalidValueError,
        "Quantity",
        "value",
        Decimal(-1),
        "Quantity.value: expected a number >= 0, got Decimal('-1')",
        id="quantity-negative",
    ),
    pytest.param(
        lambda: Quantity(value=1, unit="a\nb"),
        InvalidValueError,
        "Quantity",
        "unit",
        "a\nb",
        "Quantity.unit: expected a single line of text, got 'a\\nb'",
        id="quantity-unit-lines",
    ),
    pytest.param(
        lambda: Quantity(value=1, unit=3),
        FieldTypeError,
        "Quantity",
        "unit",
        3,
        "Quantity.unit: expected a str, got 3 (int)",
        id="quantity-unit-int",
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


class TestMoney:
    def test_converts_int_and_string_amounts_exactly(self) -> None:
        """An int or a decimal string becomes the exact Decimal."""
        assert Money(amount=3).amount == Decimal(3)
        assert Money(amount=" 1200.50 ").amount == Decimal("1200.50")
        assert Money(amount=1).currency == "EUR"

    def test_addition_sums_amounts_in_one_currency(self) -> None:
        """Adding two amounts of one currency sums them exactly."""
        total = Money(amount="0.10", currency="CHF") + Money(amount="0.20", currency="CHF")
        assert total == Money(amount="0.30", currency="CHF")

    def test_addition_of_two_currencies_is_refused(self) -> None:
        """Adding two currencies raises an InvalidValueError naming both."""
        with pytest.raises(InvalidValueError) as info:
            Money(amount=1) + Money(amount=1, currency="USD")
        assert (
            str(info.value) == "Money.currency: expected EUR, as cannot add USD to EUR, got 'USD'"
        )
        assert (info.value.cls, info.value.field, info.value.got) == ("Money", "currency", "USD")

    def test_addition_with_a_number_is_not_supported(self) -> None:
        """Adding a plain number falls back to Python's TypeError."""
        with pytest.raises(TypeError, match="unsupported operand"):
            Money(amount=1) + 1  # type: ignore[operator]  # the refused call is the test

    @given(moneys(), moneys())
    def test_addition_is_exact_and_commutative(self, a: Money, b: Money) -> None:
        """Money addition matches Decimal addition and does not depend on order."""
        assert (a + b).amount == a.amount + b.amount
        assert a + b == b + a

    def test_str_shows_amount_and_currency(self) -> None:
        """str() gives the amount then the currency code."""
        assert str(Money(amount="12.50")) == "12.50 EUR"


def days_of(period: Period, low: dt.date, high: dt.date) -> set[dt.date]:
    """The days of ``period`` within [low, high], counted one by one."""
    first = period.start or low
    last = period.end or high
    return {
        low + dt.timedelta(days=n)
        for n in range((high - low).days + 1)
        if first <= low + dt.timedelta(days=n) <= last
    }


LOW, HIGH = D(2024, 1, 1), D(2024, 1, 20)
small_periods = periods(min_date=LOW + dt.timedelta(days=2), max_date=HIGH - dt.timedelta(days=2))
small_days = st.dates(min_value=LOW, max_value=HIGH)


class TestPeriod:
    @given(small_periods, small_days)
    def test_contains_agrees_with_day_by_day_check(self, period: Period, day: dt.date) -> None:
        """contains() and ``in`` say the same as a day-by-day enumeration."""
        expected = day in days_of(period, LOW, HIGH)
        assert period.contains(day) is expected
        assert (day in period) is expected

    @given(small_periods, small_periods)
    def test_overlaps_agrees_with_day_by_day_check(self, a: Period, b: Period) -> None:
        """overlaps() is true exactly when the periods share a day, and is symmetric."""
        # open ends reach past the window, where two open ends always meet
        shared = bool(days_of(a, LOW, HIGH) & days_of(b, LOW, HIGH))
        assert a.overlaps(b) is shared
        assert b.overlaps(a) is shared

    @given(small_periods, small_periods)
    def test_covers_agrees_with_day_by_day_check(self, a: Period, b: Period) -> None:
        """covers() is true exactly when every day of the other period is in this one."""
        # an open end of b reaches past the window: only an open end of a covers it
        start_ok = b.start is not None or a.start is None
        end_ok = b.end is not None or a.end is None
        expected = start_ok and end_ok and days_of(b, LOW, HIGH) <= days_of(a, LOW, HIGH)
        assert a.covers(b) is expected

    def test_contains_refuses_non_dates_quietly(self) -> None:
        """``in`` is False for something that is not a date."""
        assert "2024-01-01" not in Period.always()

    def test_always_is_open_everywhere(self) -> None:
        """always() has no start and no end, so it is open and holds any day."""
        always = Period.always()
        assert (always.start, always.end, always.is_open) == (None, None, True)
        assert always.contains(D(1, 1, 1))
        assert not Period(start=LOW, end=HIGH).is_open

    def test_one_day_period_is_allowed(self) -> None:
        """A period may start and end on the same day."""
        assert Period(start=LOW, end=LOW).contains(LOW)

    def test_str_uses_arrow_and_ellipsis(self) -> None:
        """str() shows both ends, with … for an open one."""
        assert str(Period(start=LOW, end=HIGH)) == "2024-01-01 → 2024-01-20"
        assert str(Period(start=LOW)) == "2024-01-01 → …"
        assert str(Period(end=HIGH)) == "… → 2024-01-20"


class TestShare:
    @pytest.mark.parametrize(
        ("given_value", "fraction"),
        [
            (1, Fraction(1)),
            ("1/3", Fraction(1, 3)),
            (" 1 / 4 ", Fraction(1, 4)),
            ("0.25", Fraction(1, 4)),
            (Decimal("0.5"), Fraction(1, 2)),
            (Fraction(2, 3), Fraction(2, 3)),
        ],
    )
    def test_converts_exactly(self, given_value: Any, fraction: Fraction) -> None:
        """Ints, strings and Decimals become the exact Fraction."""
        assert Share.of(given_value).fraction == fraction

    @pytest.mark.parametrize("given_value", ["1/0", "abc"])
    def test_unconvertible_text_is_a_value_error(self, given_value: str) -> None:
        """A string that is not a fraction raises InvalidValueError (a ValueError)."""
        with pytest.raises(InvalidValueError) as info:
            Share.of(given_value)
        assert str(info.value) == (
            f"Share.fraction: expected a fraction string such as '1/3' or '0.25', got {given_value!r}"
        )
        assert info.value.field == "fraction"

    @pytest.mark.parametrize(
        ("given_value", "message"),
        [
            (Decimal("NaN"), "got Decimal('NaN') (Decimal)"),
            (Decimal("Infinity"), "got Decimal('Infinity') (Decimal)"),
        ],
    )
    def test_nan_and_infinite_decimals_are_refused(self, given_value: Any, message: str) -> None:
        """A NaN or infinite Decimal raises FieldTypeError."""
        with pytest.raises(FieldTypeError) as info:
            Share.of(given_value)
        assert str(info.value).endswith(message)
        assert info.value.field == "fraction"

    @pytest.mark.parametrize(
        ("share", "low", "high"),
        [
            (Share.of("1/2"), Fraction(1, 2), Fraction(1, 2)),
            (Share(minimum="1/4"), Fraction(1, 4), Fraction(1)),
            (Share(maximum="1/4"), Fraction(0), Fraction(1, 4)),
            (Share(minimum="1/4", maximum="1/2"), Fraction(1, 4), Fraction(1, 2)),
        ],
    )
    def test_low_and_high_bounds(self, share: Share, low: Fraction, high: Fraction) -> None:
        """Low and high are the fraction itself, or the bounds with 0 and 1 for unknown ones."""
        assert (share.low, share.high) == (low, high)
        assert share.is_exact is (share.fraction is not None)

    def test_bounds_may_be_equal_and_the_minimum_zero(self) -> None:
        """A minimum of 0 and a maximum equal to the minimum are allowed."""
        assert Share(minimum=0, maximum="1/2").low == 0
        assert Share(minimum="1/2", maximum="1/2").high == Fraction(1, 2)

    @given(shares())
    def test_bounds_hold_for_generated_shares(self, share: Share) -> None:
        """Every share lies in [0, 1], with low <= high, and an exact one is > 0."""
        assert 0 <= share.low <= share.high <= 1
        if share.is_exact:
            assert share.low > 0

    @pytest.mark.parametrize(
        ("share", "text"),
        [
            (Share.of("1/2"), "50 %"),
            (Share.of("1/3"), "33.33 %"),
            (Share(minimum="1/4", maximum="1/2"), "25 %–50 %"),
            (Share(minimum="1/4"), "25 %–100 %"),
        ],
    )
    def test_str_shows_percentages(self, share: Share, text: str) -> None:
        """str() gives a percentage, or a range of them."""
        assert str(share) == text


class TestIdentifier:
    def test_known_schemes_store_the_compact_value(self) -> None:
        """A SIREN given with spaces is stored compact, so both spellings are one identifier."""
        spaced = Identifier(scheme="FR-RCS", value="732 829 320")
        assert spaced.value == "732829320"
        assert spaced == Identifier(scheme="FR-RCS", value="732829320")
        assert Identifier(scheme="FR-SIRET", value="732 829 320 00074").value == "73282932000074"
        assert Identifier(scheme="FR-RNA", value="w751234567").value == "W751234567"

    def test_other_schemes_keep_the_value_as_given(self) -> None:
        """A scheme ptcekit does not know is kept unchecked."""
        assert Identifier(scheme="GB-COH", value="0123 456").value == "0123 456"

    @given(identifiers())
    def test_evolve_rebuilds_an_equal_identifier(self, identifier: Identifier) -> None:
        """Compacting is idempotent: evolve gives back an equal identifier."""
        assert attrs.evolve(identifier) == identifier


class TestPlace:
    def test_commune_is_compacted(self) -> None:
        """A lower-case Corsican code is upper-cased."""
        assert Place(commune=" 2a004 ").commune == "2A004"

    def test_coordinates_accept_ints_and_floats(self) -> None:
        """Coordinates are numbers of degrees, int or float, within range."""
        place = Place(commune="26281", latitude=45, longitude=5.05)
        assert (place.latitude, place.longitude) == (45, 5.05)

    def test_coordinates_refuse_booleans(self) -> None:
        """A bool is not a number of degrees."""
        with pytest.raises(FieldTypeError) as info:
            Place(commune="26281", latitude=True, longitude=0.0)
        assert str(info.value) == (
            "Place.latitude: expected a number of degrees (float), got True (bool)"
        )

    @given(places())
    def test_generated_places_rebuild_equal(self, place: Place) -> None:
        """Evolve gives back an equal place."""
        assert attrs.evolve(place) == place


class TestQuantity:
    def test_str_shows_value_and_unit(self) -> None:
        """str() gives the value then the unit."""
        assert str(Quantity(value="12.5", unit="h")) == "12.5 h"

    @given(quantities())
    def test_generated_quantities_are_not_negative(self, quantity: Quantity) -> None:
        """Generated quantities are >= 0 and rebuild equal."""
        assert quantity.value >= 0
        assert attrs.evolve(quantity) == quantity


class TestConverters:
    @pytest.mark.parametrize(
        "value",
        [
            Money(amount="1.50"),
            Share.of("1/3"),
            Share(minimum="0.25"),
            Identifier(scheme="FR-RCS", value="732 829 320"),
            Place(commune="2a004"),
            Quantity(value=3, unit="h"),
            Membership(actor="a", role="lead"),
        ],
    )
    def test_evolve_with_no_change_gives_an_equal_value(self, value: Any) -> None:
        """Converters are idempotent, so evolve re-runs them to the same value."""
        again = attrs.evolve(value)
        assert again == value
        assert repr(again) == repr(value)


@attrs.frozen(kw_only=True, repr=False)
class Bag(Value):
    """A test-only value with a frozenset and a hidden field, for the repr."""

    items: frozenset[str] = attrs.field(default=frozenset())
    label: str | None = attrs.field(default=None)
    secret: str = attrs.field(default="s", repr=False)


class TestRepr:
    def test_repr_hides_defaults(self) -> None:
        """Fields equal to their default are left out."""
        assert repr(Money(amount=1)) == "Money(amount=Decimal('1'))"
        assert repr(Period()) == "Period()"

    def test_repr_shows_enums_by_name(self) -> None:
        """An enum shows as Class.MEMBER."""
        assert repr(Membership(actor="a", role="lead")) == (
            "Membership(actor='a', role=MemberRole.LEAD)"
        )

    def test_repr_counts_long_collections(self) -> None:
        """A tuple longer than three items shows as <n items>; shorter ones in full."""
        members = tuple(Membership(actor=f"a{n}") for n in range(4))
        assert repr(Pole(id="p", name="P", memberships=members)) == (
            "Pole(id='p', name='P', memberships=<4 items>)"
        )
        assert repr(Pole(id="p", name="P", domains=("culture",))) == (
            "Pole(id='p', name='P', domains=('culture',))"
        )
        assert repr(Pole(id="p", name="P", domains=("a", "b"))) == (
            "Pole(id='p', name='P', domains=('a', 'b'))"
        )

    def test_repr_of_frozensets_and_hidden_fields(self) -> None:
        """Frozensets show as frozenset({...}) or frozenset(); repr=False fields never show."""
        assert repr(Bag(items=frozenset({"x"}), secret="t")) == "Bag(items=frozenset({'x'}))"
        assert repr(Bag(items=frozenset({"a", "b", "c", "d"}))) == "Bag(items=<4 items>)"
        assert repr(Bag(label="l", items=frozenset())) == "Bag(label='l')"

    def test_repr_of_empty_frozenset_differs_from_default(self) -> None:
        """An empty frozenset shows as frozenset() when the default is something else."""

        @attrs.frozen(kw_only=True, repr=False)
        class Tags(Value):
            tags: frozenset[str] = attrs.field(default=frozenset({"x"}))

        assert repr(Tags(tags=frozenset())) == "Tags(tags=frozenset())"

    def test_member_role_repr(self) -> None:
        """Reprs of enum members stay Python's own."""
        assert repr(MemberRole.LEAD) == "<MemberRole.LEAD: 'lead'>"


class TestChecks:
    """The shared validators and converters, on the paths no model field reaches."""

    def test_integer_with_only_a_maximum(self) -> None:
        """An int above a lone maximum is refused with '<= maximum'."""
        field = attrs.fields(Bag).label
        c.Integer(maximum=5)(Bag(), field, 5)
        with pytest.raises(InvalidValueError) as info:
            c.Integer(maximum=5)(Bag(), field, 6)
        assert str(info.value) == "Bag.label: expected an int <= 5, got 6"

    def test_fraction_without_an_upper_bound(self) -> None:
        """A fraction check with no high bound says '> low' or '>= low'."""
        field = attrs.fields(Bag).label
        c.FractionRange(high=None)(Bag(), field, Fraction(7))
        with pytest.raises(InvalidValueError) as info:
            c.FractionRange(high=None, include_low=False)(Bag(), field, Fraction(0))
        assert str(info.value) == "Bag.label: expected a fraction > 0, got Fraction(0, 1)"
        with pytest.raises(InvalidValueError) as info:
            c.FractionRange(high=None)(Bag(), field, Fraction(-1))
        assert str(info.value) == "Bag.label: expected a fraction >= 0, got Fraction(-1, 1)"

    def test_member_of_and_instance_let_none_through_when_optional(self) -> None:
        """Optional enum and instance checks accept None."""
        field = attrs.fields(Bag).label
        c.Member(MemberRole, optional=True)(Bag(), field, None)
        c.Instance(Money, optional=True)(Bag(), field, None)
        c.Url(optional=True)(Bag(), field, None)
        c.IdentifierOf(siren, optional=True)(Bag(), field, None)

    def test_url_refuses_non_strings(self) -> None:
        """A URL must be a str."""
        with pytest.raises(FieldTypeError) as info:
            c.Url()(Bag(), attrs.fields(Bag).label, 42)
        assert str(info.value) == "Bag.label: expected a URL (str), got 42 (int)"

    def test_to_tuple_leaves_non_iterables_and_mappings_for_the_validator(self) -> None:
        """to_tuple keeps tuples, converts iterables, and leaves strings, dicts and scalars alone."""
        same = ("a",)
        assert c.ToTuple[str](same) is same
        assert c.ToTuple[str](["a", "b"]) == ("a", "b")
        assert c.ToTuple[str]("ab") == "ab"
        assert c.ToTuple[str]({"a": 1}) == {"a": 1}
        assert c.ToTuple[str](5) == 5  # type: ignore[arg-type]  # a non-iterable is the case under test

    def test_compact_with_leaves_uncompactable_values_alone(self) -> None:
        """A value the compact function refuses, or a non-str, is returned unchanged."""

        def refuse(value: str) -> str:
            raise IdentifierError("thing", value, "refused")

        refusing = types.ModuleType("refusing")
        refusing.compact = refuse  # type: ignore[attr-defined]  # a module made for the test
        upper = types.ModuleType("upper")
        upper.compact = str.upper  # type: ignore[attr-defined]  # as above
        assert c.Compact(refusing)("x") == "x"
        assert c.Compact(upper)(5) == 5
        assert c.Compact(upper)("x") == "X"

    def test_to_decimal_and_to_fraction_leave_other_types_alone(self) -> None:
        """Floats and other types pass through the converters for the validator to refuse."""
        assert c.ToDecimal[Decimal](0.5) == 0.5  # type: ignore[arg-type]  # a float is the case under test
        assert c.ToDecimal[Decimal | None](None) is None
        assert c.ToFraction[Fraction](0.5) == 0.5  # type: ignore[arg-type]  # as above
        assert c.ToFraction[Fraction | None](None) is None

    def test_tuple_of_unique_names_the_repeated_item(self) -> None:
        """A repeated item is named in the message."""
        with pytest.raises(InvalidValueError) as info:
            c.TupleOf(c.Text(), unique=True, what="words")(
                Bag(), attrs.fields(Bag).label, ("a", "b", "a")
            )
        assert str(info.value) == (
            "Bag.label: expected words without repeats ('a' is repeated), got ('a', 'b', 'a')"
        )


# -- hostile values: bounded numbers, compact currencies, surrogates, URLs -----

#: The URL pattern before it was made linear: the reference for what is accepted.
QUADRATIC_URL = re.compile(r"https?://[^\s/]+\S*")


def _person(**changes: Any) -> Person:
    return Person(**{"id": "p", "name": "P", **changes})


class TestNumberBounds:
    """Numbers are bounded on construction as the wire bounds them, so whatever is built can be written."""

    def test_integers_of_at_most_64_digits(self) -> None:
        """An int of 64 digits is kept; one of 65 is refused naming the bound."""
        assert _person(headcount=10**MAX_INTEGER_DIGITS - 1).headcount == 10**64 - 1
        with pytest.raises(InvalidValueError) as info:
            _person(headcount=10**MAX_INTEGER_DIGITS)
        assert (info.value.cls, info.value.field) == ("Person", "headcount")
        assert info.value.expected == "an int of at most 64 digits"

    def test_an_integer_beyond_what_python_writes(self) -> None:
        """An int of 5,000 digits is refused with a message that gives its size, not its digits."""
        with pytest.raises(InvalidValueError) as info:
            _person(headcount=10**5000)
        assert str(info.value) == (
            "Person.headcount: expected an int of at most 64 digits, got <int of 5001 digits>"
        )

    def test_the_range_is_named_before_the_digits(self) -> None:
        """A bounded field names its own range for a huge int; an unbounded side names the digits."""
        field = attrs.fields(Bag).label
        with pytest.raises(InvalidValueError) as info:
            c.Integer(minimum=1900, maximum=2100)(Bag(), field, 10**100)
        assert info.value.expected == "an int between 1900 and 2100"
        with pytest.raises(InvalidValueError) as info:
            c.Integer(maximum=5)(Bag(), field, -(10**64))
        assert info.value.expected == "an int of at most 64 digits"
        c.Integer()(Bag(), field, -(10**64) + 1)

    @pytest.mark.parametrize(
        ("amount", "accepted"),
        [
            (Decimal("1E+63"), True),
            (Decimal("1E+64"), False),
            (Decimal("1E-64"), True),
            (Decimal("1E-65"), False),
            (Decimal("0." + "1" * 64), True),
            (Decimal("1." + "1" * 64), False),
            (Decimal("1E-999999999"), False),
            (Decimal("1E+999999999"), False),
            (10**64 - 1, True),
            (10**64, False),
            pytest.param(10**5000, False, id="10**5000"),
            ("1" * 65, False),
        ],
    )
    def test_decimals_of_at_most_64_digits(self, amount: Any, accepted: bool) -> None:
        """An amount has at most 64 digits written out without an exponent."""
        if accepted:
            assert Money(amount=amount).amount == Decimal(amount)
            return
        with pytest.raises(InvalidValueError) as info:
            Money(amount=amount)
        assert (info.value.field, info.value.expected) == (
            "amount",
            "a decimal of at most 64 digits",
        )

    def test_decimal_digits(self) -> None:
        """decimal_digits counts the digits written out in full, zeros included."""
        assert c.decimal_digits(Decimal("0")) == 1
        assert c.decimal_digits(Decimal("0.00")) == 2
        assert c.decimal_digits(Decimal("-12.5")) == 3
        assert c.decimal_digits(Decimal("1E+2")) == 3
        assert c.decimal_digits(Decimal("1E+99999")) == 100000

    @pytest.mark.parametrize(
        ("value", "accepted"),
        [
            (Fraction(1, 10**24 - 1), True),
            (Fraction(10**24 - 1, 10**24), False),
            (Fraction(1, 10**24), False),
            (Fraction(2 * 10**24, 4 * 10**24), True),  # 1/2 in lowest terms
            ("1/" + "9" * 24, True),
            ("1/" + "1" * 25, False),
            (Decimal("0.5" + "0" * 30), True),
            (Decimal("1E-25"), False),
            (Decimal("1E-5000"), False),
            (Decimal("1E-999999999"), False),
        ],
    )
    def test_fraction_terms_of_at_most_24_digits(self, value: Any, accepted: bool) -> None:
        """A share's terms in lowest terms have at most 24 digits; a Decimal beyond 64 digits is not even converted."""
        if accepted:
            assert Share(fraction=value).fraction == Fraction(value)
            return
        with pytest.raises(InvalidValueError) as info:
            Share(fraction=value)
        assert info.value.field == "fraction"
        assert info.value.expected in (
            "a fraction whose numerator and denominator, in lowest terms, have at most 24 digits",
            "a decimal of at most 64 digits",
        )

    def test_a_fraction_with_huge_terms_is_described_by_size(self) -> None:
        """The message of a fraction with 5,000-digit terms gives their sizes."""
        with pytest.raises(InvalidValueError) as info:
            Share(fraction=Fraction(1, 10**5000))
        assert str(info.value).endswith(
            "got <Fraction, numerator of 1 digit, denominator of 5001 digits>"
        )

    def test_every_numeric_field_of_the_model_is_bounded(self) -> None:
        """Every int, decimal and fraction validator of the model's classes carries the bounds."""
        found = set()
        for name in model.__all__:
            cls = getattr(model, name)
            if not attrs.has(cls):
                continue
            for field in attrs.fields(cls):
                for leaf in c.leaves(field.validator):
                    if isinstance(leaf, c.TupleOf):
                        continue
                    if isinstance(leaf, c.Integer):
                        found.add((name, field.name))
                        assert -(10**64) < leaf.low <= leaf.high < 10**64
                    elif isinstance(leaf, c.DecimalRange | c.FractionRange):
                        found.add((name, field.name))
                        # the size bound is part of the check: a value past it is refused
                        huge = (
                            Decimal("1E+70")
                            if isinstance(leaf, c.DecimalRange)
                            else Fraction(1, 10**70)
                        )
                        with pytest.raises(InvalidValueError):
                            leaf(cls, field, huge)
        assert {("Person", "headcount"), ("Money", "amount"), ("Share", "fraction")} <= found
        assert {("AssociateCategory", "capital_share"), ("College", "weight")} <= found

    @pytest.mark.parametrize(
        ("wire", "cls", "path"),
        [
            (
                {"type": "person", "id": "p", "name": "P", "headcount": 10**64},
                model.Actor,
                "$.headcount",
            ),
            ({"amount": "1E+64"}, Money, "$.amount"),
            ({"amount": "1E-65"}, Money, "$.amount"),
            ({"fraction": "1/" + "1" * 25}, Share, "$.fraction"),
            ({"name": "c", "weight": "1/" + "1" * 25}, model.College, "$.weight"),
        ],
    )
    def test_loading_refuses_what_construction_refuses(
        self, wire: dict[str, Any], cls: type[Any], path: str
    ) -> None:
        """A number beyond the bounds in a document is a load problem at its path, as on construction."""
        with pytest.raises(LoadError) as info:
            from_dict(wire, cls)
        assert [problem.path for problem in info.value.problems] == [path]


class TestCompactCurrency:
    @pytest.mark.parametrize("given", ["eur", " EUR", "chf ", " Xpf "])
    def test_currency_is_compacted_on_construction(self, given: str) -> None:
        """A currency in lower case or with spaces is stored in compact form, so it dumps as the loader reads."""
        money = Money(amount=1, currency=given)
        assert money.currency == given.strip().upper()
        assert money == Money(amount=1, currency=given.strip().upper())
        assert loads(dumps(money), Money) == money

    def test_a_withdrawn_currency_is_still_refused(self) -> None:
        """Compaction does not make a bad code valid; the message shows the compact form, as for other identifiers."""
        with pytest.raises(InvalidValueError) as info:
            Money(amount=1, currency="frf")
        assert str(info.value) == (
            "Money.currency: expected a valid ISO 4217 currency code "
            "(not an ISO 4217 code in force), got 'FRF'"
        )


class TestSurrogates:
    """Text is written as UTF-8 and read back the same, surrogates included."""

    def test_pairs_are_joined_in_text_fields(self) -> None:
        """A pair given as two code points is stored as the character it encodes."""
        person = _person(name="a\udbff\udfffb", website="https://example.org/\ud83d\ude00")
        assert person.name == "a\U0010ffffb"
        assert person.website == "https://example.org/\U0001f600"
        assert loads(dumps(person), model.Actor) == person
        identifier = Identifier(scheme="x-local", value="\ud83d\ude00")
        assert identifier.value == "\U0001f600"

    def test_pairs_are_joined_in_tuples_of_text(self) -> None:
        """Each item of a tuple of text is joined too."""
        pole = Pole(id="p", name="P", domains=("x\ud83d\ude00", "plain"))
        assert pole.domains == ("x\U0001f600", "plain")
        assert attrs.evolve(pole) == pole

    @pytest.mark.parametrize(
        ("text", "code", "index"),
        [("a\ud800", "U+D800", 1), ("\udfffz", "U+DFFF", 0), ("ok\ud83d\ude00\ude00", "U+DE00", 4)],
    )
    def test_lone_surrogates_are_refused(self, text: str, code: str, index: int) -> None:
        """A surrogate outside a high-then-low pair is refused, naming it and where it is."""
        with pytest.raises(InvalidValueError) as info:
            _person(name=text)
        assert info.value.expected == (
            f"text without lone surrogates ({code} at index {index} is half of a UTF-16 pair)"
        )
        with pytest.raises(InvalidValueError) as info:
            Pole(id="p", name="P", domains=("fine", text))
        assert info.value.field == "domains[1]"

    def test_a_pair_checked_outside_its_field_is_refused(self) -> None:
        """A text check run on a value that is not the field's own cannot store the joined text: it says what to write."""
        with pytest.raises(InvalidValueError) as info:
            c.Text()(Bag(), attrs.fields(Bag).label, "\udbff\udfff")
        assert (
            info.value.expected == "text without surrogate pairs (write U+10FFFF as one character)"
        )


class TestUrl:
    @pytest.mark.parametrize(
        ("text", "accepted"),
        [
            ("https://example.org", True),
            ("http://example.org/path?q=1#x", True),
            ("http://host?query", True),
            ("http://a", True),
            ("http://", False),
            ("http:///path", False),
            ("https://exa mple.org", False),
            ("https://example.org ", False),
            ("ftp://example.org", False),
            ("http://" + "a" * 8000 + " ", False),
        ],
    )
    def test_accepted_and_refused_addresses(self, text: str, accepted: bool) -> None:
        """The linear pattern accepts and refuses what the former one did."""
        assert (c.URL_PATTERN.fullmatch(text) is not None) is accepted
        assert (QUADRATIC_URL.fullmatch(text[:200]) is not None) is (
            c.URL_PATTERN.fullmatch(text[:200]) is not None
        )

    @given(st.text(alphabet="hts:/p a?#\t\n.é", max_size=16).map(lambda tail: "http" + tail))
    def test_same_language_as_before(self, text: str) -> None:
        """On any short text, the linear pattern agrees with the former, quadratic one."""
        assert (c.URL_PATTERN.fullmatch(text) is None) is (QUADRATIC_URL.fullmatch(text) is None)

    def test_a_long_refused_address_is_refused_at_once(self) -> None:
        """The reproducer (8,000 characters then a space) is refused by the class, naming the field."""
        with pytest.raises(InvalidValueError) as info:
            _person(website="http://" + "a" * 8000 + " ")
        assert info.value.field == "website"


class TestEnumConversion:
    def test_a_value_whose_repr_raises_is_left_for_the_validator(self) -> None:
        """enum_member leaves a value the enum cannot even describe (its repr raises) for the validator to refuse."""

        class Opaque(int):
            def __repr__(self) -> str:
                raise RuntimeError

        odd = Opaque(3)
        assert c.enum_member(MemberRole, odd) is odd
        with pytest.raises(InvalidValueError) as info:
            Membership(actor="a", role=odd)  # type: ignore[arg-type]  # junk is the case under test
        assert str(info.value).endswith("got <Opaque of 1 digit>")
