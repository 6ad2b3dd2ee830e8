"""Cost allocation: every key, periods, rounding to the cent, and what cannot be allocated."""

from __future__ import annotations

import datetime as dt
import pickle
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ptcekit import testing
from ptcekit.analysis import (
    AllocationError,
    CostAllocation,
    allocate_cost,
    cost_totals,
    split_to_cents,
)
from ptcekit.errors import InvalidValueError, UnknownIdError
from ptcekit.model import (
    Allocation,
    Association,
    CostSharingKey,
    CostSharingMethod,
    Ecosystem,
    KeyShare,
    Money,
    MutualisedAsset,
    Ownership,
    Period,
    Pole,
    Share,
    SharedEquipment,
)

D = dt.date
YEAR = Period(start=D(2025, 1, 1), end=D(2025, 12, 31))


def van(method: str, **fields: object) -> SharedEquipment:
    values: dict[str, object] = {
        "id": "van",
        "name": "Van",
        "annual_cost": Money(amount=1000),
        "cost_key": CostSharingKey(method=method),
    }
    values.update(fields)
    return SharedEquipment(**values)


def cents(allocation: CostAllocation) -> dict[str, Decimal]:
    return {actor: money.amount for actor, money in allocation.amounts().items()}


class TestKeys:
    def test_equal_thirds_give_the_odd_cent_to_the_first(self) -> None:
        """Three equal parts of 1000 are 333.34, 333.33, 333.33: ties go to the first party."""
        asset = van("equal", users=[Allocation(actor=a) for a in "abc"])
        result = allocate_cost(asset, on=D(2025, 5, 1))
        assert cents(result) == {
            "a": Decimal("333.34"),
            "b": Decimal("333.33"),
            "c": Decimal("333.33"),
        }
        assert result.cost == Money(amount=Decimal("1000.00"))
        assert result.ok

    def test_pro_rata_use_by_fte(self) -> None:
        """Users pay in proportion to their FTE."""
        asset = van(
            "pro_rata_use",
            users=[Allocation(actor="a", fte="0.6"), Allocation(actor="b", fte="0.2")],
        )
        assert cents(allocate_cost(asset, on=D(2025, 1, 1))) == {
            "a": Decimal("750.00"),
            "b": Decimal("250.00"),
        }

    def test_pro_rata_use_by_hours_and_share(self) -> None:
        """Hours and exact shares are measures of use too."""
        hours = van(
            "pro_rata_use", users=[Allocation(actor="a", hours=30), Allocation(actor="b", hours=10)]
        )
        assert cents(allocate_cost(hours, on=D(2025, 1, 1)))["b"] == Decimal("250.00")
        shares = van(
            "pro_rata_use",
            users=[
                Allocation(actor="a", share=Share.of("1/4")),
                Allocation(actor="b", share=Share.of("1/4")),
            ],
        )
        assert cents(allocate_cost(shares, on=D(2025, 1, 1)))["a"] == Decimal("500.00")

    def test_pro_rata_ownership(self) -> None:
        """Owners pay in proportion to their shares."""
        asset = van(
            "pro_rata_ownership",
            owners=[
                Ownership(actor="a", share=Share.of("3/4")),
                Ownership(actor="b", share=Share.of("1/4")),
            ],
        )
        assert cents(allocate_cost(asset, year=2025)) == {
            "a": Decimal("750.00"),
            "b": Decimal("250.00"),
        }

    def test_pro_rata_headcount_reads_the_ecosystem(self) -> None:
        """Users pay in proportion to their headcount, read from the ecosystem."""
        asset = van("pro_rata_headcount", users=[Allocation(actor="a"), Allocation(actor="b")])
        eco = Ecosystem(
            actors=[
                Association(id="a", name="A", headcount=3),
                Association(id="b", name="B", headcount=1),
            ],
            assets=[asset],
        )
        assert cents(allocate_cost(asset, on=D(2025, 1, 1), ecosystem=eco)) == {
            "a": Decimal("750.00"),
            "b": Decimal("250.00"),
        }

    def test_fixed_shares(self) -> None:
        """A fixed key's shares are the parts."""
        key = CostSharingKey(
            method="fixed",
            shares=[KeyShare(actor="a", fraction="2/3"), KeyShare(actor="b", fraction="1/3")],
        )
        asset = van("equal", cost_key=key)
        assert cents(allocate_cost(asset, on=D(2025, 1, 1))) == {
            "a": Decimal("666.67"),
            "b": Decimal("333.33"),
        }


class TestPeriods:
    def test_a_user_joining_in_july_pays_for_its_days(self) -> None:
        """Over a year, a user who joins on 1 July pays half of each day from then on."""
        asset = van(
            "equal",
            users=[
                Allocation(actor="a"),
                Allocation(actor="b", period=Period(start=D(2025, 7, 1))),
            ],
        )
        result = allocate_cost(asset, year=2025)
        days_after = (D(2025, 12, 31) - D(2025, 7, 1)).days + 1
        assert result.parts[1].exact == Fraction(1000 * days_after, 365 * 2)
        assert cents(result) == {"a": Decimal("747.95"), "b": Decimal("252.05")}

    def test_ties_go_to_the_user_listed_first(self) -> None:
        """The odd cent goes to the first listed user, even if another user came earlier."""
        asset = van(
            "equal",
            annual_cost=Money(amount="0.01"),
            users=[
                Allocation(actor="late", period=Period(start=D(2025, 7, 1))),
                Allocation(actor="early"),
            ],
        )
        result = allocate_cost(asset, period=Period(start=D(2025, 7, 1), end=D(2025, 7, 1)))
        assert cents(allocate_cost(asset, on=D(2025, 7, 1))) == {
            "late": Decimal("0.01"),
            "early": Decimal("0.00"),
        }
        assert [p.actor for p in allocate_cost(asset, year=2025).parts] == ["late", "early"]
        assert result.cost == Money(amount=Decimal("0.00"))

    def test_a_period_across_years_uses_each_year_length(self) -> None:
        """A day of a leap year costs a 366th of the annual cost."""
        asset = van("equal", users=[Allocation(actor="a")])
        result = allocate_cost(asset, period=Period(start=D(2024, 12, 31), end=D(2025, 1, 1)))
        assert result.parts[0].exact == Fraction(1000, 366) + Fraction(1000, 365)

    def test_exactly_one_of_on_period_year(self) -> None:
        """Giving none or two of on, period and year is an error naming them."""
        asset = van("equal", users=[Allocation(actor="a")])
        with pytest.raises(InvalidValueError, match="exactly one of on, period or year"):
            allocate_cost(asset)
        with pytest.raises(InvalidValueError, match=r"\('on', 'year'\)"):
            allocate_cost(asset, on=D(2025, 1, 1), year=2025)

    def test_an_open_period_is_refused(self) -> None:
        """A period without an end cannot be allocated."""
        asset = van("equal", users=[Allocation(actor="a")])
        with pytest.raises(InvalidValueError, match="a start and an end"):
            allocate_cost(asset, period=Period(start=D(2025, 1, 1)))


class TestCannotAllocate:
    @pytest.mark.parametrize(
        ("asset", "problem"),
        [
            (van("equal", annual_cost=None), "no annual_cost is recorded"),
            (van("equal", cost_key=None), "no cost_key is recorded"),
            (van("equal"), "no user on 2025-03-01"),
            (van("pro_rata_ownership"), "no owner on 2025-03-01"),
            (van("pro_rata_use", users=[Allocation(actor="a")]), "the use of 'a' is not measured"),
            (
                van(
                    "pro_rata_use",
                    users=[Allocation(actor="a", fte=1), Allocation(actor="b", hours=3)],
                ),
                "users' measures of use differ (fte and hours)",
            ),
            (
                van("pro_rata_use", users=[Allocation(actor="a", share=Share(minimum="0.1"))]),
                "the use of 'a' is not measured",
            ),
            (
                van(
                    "pro_rata_ownership", owners=[Ownership(actor="a", share=Share(maximum="1/2"))]
                ),
                "the share of owner 'a' is not exact",
            ),
            (van("pro_rata_headcount", users=[Allocation(actor="a")]), "pass the ecosystem"),
        ],
    )
    def test_missing_data_is_said(self, asset: MutualisedAsset, problem: str) -> None:
        """Missing data gives a problem and no parts, never a silent zero; require() raises it."""
        result = allocate_cost(asset, on=D(2025, 3, 1))
        assert not result.ok
        assert result.parts == ()
        assert result.problem is not None
        assert problem in result.problem
        assert "cannot allocate" in repr(result)
        with pytest.raises(
            AllocationError, match="cannot allocate the cost of asset 'van'"
        ) as info:
            result.require()
        assert info.value.asset == "van"
        assert pickle.loads(pickle.dumps(info.value)).reason == info.value.reason
        assert result.rows()[0]["problem"] == result.problem

    def test_a_gap_is_dated(self) -> None:
        """Days with no user in a period name the span."""
        asset = van("equal", users=[Allocation(actor="a", period=Period(start=D(2025, 3, 1)))])
        result = allocate_cost(asset, year=2025)
        assert result.problem == "no user from 2025-01-01 to 2025-02-28"

    @pytest.mark.parametrize(
        ("headcounts", "problem"),
        [
            ((None, 2), "the headcount of user 'a' is not recorded"),
            ((0, 0), "every user's headcount is 0"),
        ],
    )
    def test_headcounts(self, headcounts: tuple[int | None, int | None], problem: str) -> None:
        """A missing or all-zero headcount cannot share a cost."""
        asset = van("pro_rata_headcount", users=[Allocation(actor="a"), Allocation(actor="b")])
        eco = Ecosystem(
            actors=[
                Association(id="a", name="A", headcount=headcounts[0]),
                Association(id="b", name="B", headcount=headcounts[1]),
            ]
        )
        assert (
            allocate_cost(asset, on=D(2025, 1, 1), ecosystem=eco).problem
            == f"{problem} on 2025-01-01"
        )

    def test_a_headcount_user_missing_from_the_ecosystem(self) -> None:
        """A user that is not an actor of the ecosystem has no headcount."""
        asset = van("pro_rata_headcount", users=[Allocation(actor="ghost")])
        result = allocate_cost(asset, on=D(2025, 1, 1), ecosystem=Ecosystem())
        assert result.problem == "the headcount of user 'ghost' is not recorded on 2025-01-01"


class TestSplitToCents:
    @given(st.lists(st.fractions(min_value=-(10**6), max_value=10**6), min_size=1, max_size=8))
    def test_parts_sum_to_the_rounded_total(self, values: list[Fraction]) -> None:
        """Rounded parts always sum to the total rounded to the cent, each within a cent."""
        parts = {str(i): v for i, v in enumerate(values)}
        split = split_to_cents(parts)
        assert sum(split.values()) == Decimal(round(sum(values) * 100)).scaleb(-2)
        for key, value in parts.items():
            assert abs(Fraction(split[key]) - value) < Fraction(1, 100)


def _brute_force(
    asset: MutualisedAsset, start: dt.date, end: dt.date, eco: Ecosystem
) -> dict[str, Fraction] | None:
    """Each party's exact part, day by day, or None if some day cannot be allocated."""
    assert asset.annual_cost is not None
    assert asset.cost_key is not None
    annual = Fraction(asset.annual_cost.amount)
    method = asset.cost_key.method
    totals: dict[str, Fraction] = {}
    day = start
    while day <= end:
        year_days = (
            366 if (day.year % 4 == 0 and day.year % 100 != 0) or day.year % 400 == 0 else 365
        )
        weights: dict[str, Fraction] = {}
        if method is CostSharingMethod.FIXED:
            for share in asset.cost_key.shares:
                weights[share.actor] = weights.get(share.actor, Fraction(0)) + share.fraction
        elif method is CostSharingMethod.PRO_RATA_OWNERSHIP:
            for o in asset.owners:
                if o.period is None or day in o.period:
                    if o.share.fraction is None:
                        return None
                    weights[o.actor] = weights.get(o.actor, Fraction(0)) + o.share.fraction
        else:
            users = [u for u in asset.users if u.period is None or day in u.period]
            measures: set[str] = set()
            for u in users:
                if method is CostSharingMethod.EQUAL:
                    weights[u.actor] = Fraction(1)
                elif method is CostSharingMethod.PRO_RATA_HEADCOUNT:
                    actor = eco.get(u.actor) if u.actor in eco else None
                    count = getattr(actor, "headcount", None)
                    if count is None:
                        return None
                    weights[u.actor] = Fraction(count)
                else:
                    if u.share is not None and u.share.fraction is not None:
                        measures.add("share")
                        w = u.share.fraction
                    elif u.fte is not None:
                        measures.add("fte")
                        w = u.fte
                    elif u.hours is not None:
                        measures.add("hours")
                        w = Fraction(u.hours)
                    else:
                        return None
                    weights[u.actor] = weights.get(u.actor, Fraction(0)) + w
            if len(measures) > 1:
                return None
        total_weight = sum(weights.values(), Fraction(0))
        if not weights or total_weight == 0:
            return None
        for actor, w in weights.items():
            totals[actor] = totals.get(actor, Fraction(0)) + annual / year_days * w / total_weight
        day += dt.timedelta(days=1)
    return totals


@st.composite
def spans(draw: st.DrawFn) -> tuple[dt.date, dt.date]:
    start = draw(st.dates(min_value=D(2015, 1, 1), max_value=D(2030, 12, 31)))
    length = draw(st.integers(min_value=0, max_value=800))
    return start, start + dt.timedelta(days=length)


class TestProperties:
    @given(st.data())
    def test_allocation_sums_and_agrees_with_brute_force(self, data: st.DataObject) -> None:
        """Under every key, the parts sum exactly to the cost and agree with a day-by-day reckoning."""
        eco = data.draw(testing.ecosystems(max_assets=3))
        start, end = data.draw(spans())
        for asset in eco.assets:
            result = allocate_cost(asset, period=Period(start=start, end=end), ecosystem=eco)
            if asset.annual_cost is None or asset.cost_key is None:
                assert result.problem is not None
                continue
            expected = _brute_force(asset, start, end, eco)
            if expected is None:
                assert result.problem is not None
                continue
            assert result.problem is None, result.problem
            assert result.cost is not None
            assert sum((p.amount.amount for p in result.parts), Decimal(0)) == result.cost.amount
            assert {p.actor: p.exact for p in result.parts} == expected
            listed = [p.actor for p in result.parts]
            assert cents(result) == split_to_cents({actor: expected[actor] for actor in listed})

    @given(
        testing.mutualised_assets(), st.dates(min_value=D(2015, 1, 1), max_value=D(2030, 12, 31))
    )
    def test_on_a_day_the_parts_sum_to_the_annual_cost(
        self, asset: MutualisedAsset, day: dt.date
    ) -> None:
        """On a day, the parts sum exactly to the annual cost rounded to the cent."""
        result = allocate_cost(asset, on=day)
        if result.ok:
            assert asset.annual_cost is not None
            total = sum((p.amount.amount for p in result.parts), Decimal(0))
            assert total == asset.annual_cost.amount.quantize(Decimal("0.01"))
        else:
            assert result.parts == ()


class TestTotals:
    def eco(self) -> Ecosystem:
        shared = van("equal", pole="p", users=[Allocation(actor="a"), Allocation(actor="b")])
        other = van("equal", id="room", users=[Allocation(actor="a")], annual_cost=Money(amount=10))
        broken = van("equal", id="fund", annual_cost=None)
        return Ecosystem(
            actors=[Association(id="a", name="A"), Association(id="b", name="B")],
            poles=[Pole(id="p", name="Pôle")],
            assets=[shared, other, broken],
        )

    def test_totals_per_actor_and_pole(self) -> None:
        """Totals add the parts per actor and per pôle, leaving out what cannot be allocated."""
        totals = cost_totals(self.eco(), year=2025)
        assert totals.by_actor().rows() == [
            {
                "actor": "a",
                "name": "A",
                "currency": "EUR",
                "amount": Decimal("510.00"),
                "assets": 2,
            },
            {
                "actor": "b",
                "name": "B",
                "currency": "EUR",
                "amount": Decimal("500.00"),
                "assets": 1,
            },
        ]
        assert totals.by_pole().rows() == [
            {
                "pole": "p",
                "name": "Pôle",
                "currency": "EUR",
                "amount": Decimal("1000.00"),
                "assets": 1,
            },
            {
                "pole": None,
                "name": None,
                "currency": "EUR",
                "amount": Decimal("10.00"),
                "assets": 1,
            },
        ]
        assert [a.asset for a in totals.unallocated] == ["fund"]
        assert "1 cannot be allocated" in repr(totals)
        assert len(totals.rows()) == 4

    def test_totals_of_one_pole(self) -> None:
        """A pôle's totals take its assets only; an unknown pôle is an error."""
        totals = cost_totals(self.eco(), on=D(2025, 1, 1), pole="p")
        assert [a.asset for a in totals.allocations] == ["van"]
        with pytest.raises(UnknownIdError):
            cost_totals(self.eco(), year=2025, pole="nope")

    def test_frames(self) -> None:
        """Allocations become typed DataFrames, also when empty."""
        totals = cost_totals(self.eco(), year=2025)
        frame = totals.to_pandas()
        assert list(frame.columns) == [
            "asset",
            "start",
            "end",
            "method",
            "actor",
            "amount",
            "currency",
            "problem",
        ]
        assert len(frame) == 4
        empty = cost_totals(Ecosystem(), year=2025).to_pandas()
        assert len(empty) == 0
        assert str(empty.dtypes["actor"]) == "string"
        one = allocate_cost(self.eco().asset("van"), year=2025).to_pandas()
        assert one["amount"].sum() == Decimal("1000.00")

    def test_repr_lists_the_parts(self) -> None:
        """The repr shows the method, the cost and each part on its own line."""
        text = repr(allocate_cost(self.eco().asset("van"), year=2025))
        assert text.splitlines() == [
            "<CostAllocation of 'van' 2025-01-01 → 2025-12-31, equal: 1000.00 EUR",
            "  a  500.00 EUR",
            "  b  500.00 EUR>",
        ]
