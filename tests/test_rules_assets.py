"""Asset rules ASSET001–ASSET006 and the sweep over time they rest on."""

from __future__ import annotations

import datetime as dt
import itertools
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from ptcekit.model import (
    Actor,
    Allocation,
    Association,
    Company,
    CostSharingKey,
    Ecosystem,
    Grouping,
    KeyShare,
    Membership,
    Money,
    MutualisedAsset,
    Ownership,
    Period,
    Pole,
    PublicBody,
    Share,
    SharedEmployee,
    SharedEquipment,
)
from ptcekit.rules import Report, Severity, Unchecked, builtin_rules, validate
from ptcekit.rules._assets import Segment, sweep

DAY = dt.date(2024, 6, 30)
BASE = dt.date(2024, 1, 1)


def _run(
    code: str, asset: MutualisedAsset, *actors: Actor, **fields: object
) -> list[tuple[str, str, str]]:
    eco = Ecosystem(actors=actors, assets=(asset,), **fields)  # type: ignore[arg-type]
    report = validate(eco, rules=builtin_rules().select(code), as_of=DAY)
    return [(f.path, f.severity.value, f.message) for f in report]


def _report(
    code: str, asset: MutualisedAsset, *actors: Actor, as_of: dt.date = DAY, **fields: object
) -> Report:
    eco = Ecosystem(actors=actors, assets=(asset,), **fields)  # type: ignore[arg-type]
    return validate(eco, rules=builtin_rules().select(code), as_of=as_of)


def _unchecked(report: Report) -> list[tuple[str, str, str]]:
    return [(u.code, u.path, u.reason) for u in report.unchecked]


def _period(start: int | None, end: int | None) -> Period:
    return Period(
        start=None if start is None else BASE + dt.timedelta(days=start),
        end=None if end is None else BASE + dt.timedelta(days=end),
    )


ARCHER = Association(id="archer", name="Archer", headcount=12)
ROUX = Company(id="roux", name="Roux")

periods = st.tuples(st.none() | st.integers(0, 20), st.none() | st.integers(0, 20)).filter(
    lambda p: p[0] is None or p[1] is None or p[0] <= p[1]
)
items = st.lists(st.tuples(periods, st.fractions(0, 1, max_denominator=4)), max_size=6)


class TestSweep:
    """The sweep-line over period boundaries."""

    @given(items)
    def test_agrees_with_a_day_by_day_count(
        self, drawn: list[tuple[tuple[int | None, int | None], Fraction]]
    ) -> None:
        """On every day the segments give the sum of the items that hold that day."""
        parts = [(_period(*bounds), value, value) for bounds, value in drawn]
        segments = sweep(parts)
        for offset in range(-2, 24):
            day = (BASE + dt.timedelta(days=offset)).toordinal()
            holding = [
                value for period, value, _ in parts if period.contains(dt.date.fromordinal(day))
            ]
            covering = [s for s in segments if s.start <= day < s.stop]
            if holding:
                assert len(covering) == 1
                assert covering[0].low == sum(holding, Fraction(0))
            else:
                assert covering == []

    @given(items)
    def test_segments_are_merged_and_ordered(
        self, drawn: list[tuple[tuple[int | None, int | None], Fraction]]
    ) -> None:
        """Segments are in order, and two touching segments never have the same sums."""
        segments = sweep([(_period(*bounds), value, value) for bounds, value in drawn])
        for first, second in itertools.pairwise(segments):
            assert first.stop <= second.start
            if first.stop == second.start:
                assert (first.low, first.high) != (second.low, second.high)

    def test_gap_and_merge(self) -> None:
        """Days when nothing holds make no segment; touching runs of equal sums merge."""
        half = Fraction(1, 2)
        gap = sweep([(_period(0, 1), half, half), (_period(5, 6), half, half)])
        assert [(s.span(), s.low) for s in gap] == [
            ("from 2024-01-01 to 2024-01-02", half),
            ("from 2024-01-06 to 2024-01-07", half),
        ]
        merged = sweep([(_period(0, 9), half, half), (_period(10, None), half, half)])
        assert [(s.span(), s.low, s.active) for s in merged] == [("from 2024-01-01 on", half, 1)]

    def test_spans(self) -> None:
        """Open starts and ends read in words."""
        segments = sweep(
            [(None, Fraction(1), Fraction(1)), (_period(0, None), Fraction(1), Fraction(1))]
        )
        assert [s.span() for s in segments] == ["until 2023-12-31", "from 2024-01-01 on"]
        assert sweep([(None, Fraction(1), Fraction(1))])[0].span() == "at all times"
        assert Segment(2, 3, Fraction(0), Fraction(0), 1).span() == "from 0001-01-02 to 0001-01-02"


class TestOwnership:
    """ASSET001."""

    def test_acceptance_50_plus_40(self) -> None:
        """An asset owned 50 % + 40 % gives exactly one ASSET001 under the default rules."""
        van = SharedEquipment(
            id="van",
            name="Van",
            owners=(
                Ownership(actor="archer", share=Share.of("1/2")),
                Ownership(actor="roux", share=Share.of("2/5")),
            ),
        )
        report = validate(Ecosystem(actors=(ARCHER, ROUX), assets=(van,)), as_of=DAY)
        assert [(f.code, f.severity.value, f.path, f.message) for f in report] == [
            ("ASSET001", "error", "$.assets[0].owners", "owners' shares of asset 'van' sum to 9/10 (90 %) at all times; expected exactly 1"),
        ]  # fmt: skip

    def test_over_time(self) -> None:
        """A gap in ownership is reported for its own days only."""
        van = SharedEquipment(
            id="van",
            name="Van",
            owners=(
                Ownership(actor="archer", share=Share.of(1), period=_period(0, 9)),
                Ownership(actor="archer", share=Share.of("1/2"), period=_period(10, None)),
                Ownership(actor="roux", share=Share.of("1/2"), period=_period(20, None)),
            ),
        )
        assert _run("ASSET001", van, ARCHER, ROUX) == [
            ("$.assets[0].owners", "error", "owners' shares of asset 'van' sum to 1/2 (50 %) from 2024-01-11 to 2024-01-20; expected exactly 1"),
        ]  # fmt: skip

    def test_bounds(self) -> None:
        """Shares known by bounds pass when 1 is possible, and are reported as a range otherwise."""
        possible = SharedEquipment(
            id="van",
            name="Van",
            owners=(
                Ownership(actor="archer", share=Share(minimum="1/4", maximum="3/4")),
                Ownership(actor="roux", share=Share.of("1/2")),
            ),
        )
        assert _run("ASSET001", possible, ARCHER, ROUX) == []
        impossible = SharedEquipment(
            id="van", name="Van", owners=(Ownership(actor="archer", share=Share(maximum="1/2")),)
        )
        assert _run("ASSET001", impossible, ARCHER)[0][2] == (
            "owners' shares of asset 'van' sum to between 0 (0 %) and 1/2 (50 %) at all times; "
            "expected exactly 1"
        )


class TestCapacity:
    """ASSET002."""

    def test_shares_of_use(self) -> None:
        """Shares of use above 100 % are reported; FTE and hours on equipment are not counted."""
        van = SharedEquipment(
            id="van",
            name="Van",
            users=(
                Allocation(actor="archer", share=Share.of("3/4")),
                Allocation(actor="roux", share=Share(minimum="1/2")),
                Allocation(actor="roux", fte="1"),
                Allocation(actor="roux", hours=100),
            ),
        )
        assert _run("ASSET002", van, ARCHER, ROUX) == [
            ("$.assets[0].users", "error", "users' allocations of asset 'van' sum to 5/4 (125 %) of its use at all times; at most 1 (100 %)"),
        ]  # fmt: skip

    def test_share_of_an_employee(self) -> None:
        """A share of a shared employee counts as that share of the employee's FTE."""
        employee = SharedEmployee(
            id="e",
            name="E",
            fte="1/2",
            users=(
                Allocation(actor="archer", share=Share.of("1/2")),
                Allocation(actor="roux", fte="1/4"),
            ),
        )
        assert _run("ASSET002", employee, ARCHER, ROUX) == []
        busier = SharedEmployee(
            id="e",
            name="E",
            fte="1/2",
            users=(
                Allocation(actor="archer", share=Share.of("1/2")),
                Allocation(actor="roux", fte="1/3"),
            ),
        )
        assert _run("ASSET002", busier, ARCHER, ROUX)[0][2] == (
            "allocations of shared employee 'e' total 7/12 FTE at all times; the employee works 1/2 FTE"
        )
        hours = SharedEmployee(id="e", name="E", users=(Allocation(actor="roux", hours=2000),))
        assert _run("ASSET002", hours, ROUX) == []

    def test_unmeasured_allocations_could_not_be_checked(self) -> None:
        """Several allocations of which some give no measure: the report says so, once per asset."""
        van = SharedEquipment(
            id="van",
            name="Van",
            users=(
                Allocation(actor="archer", share=Share.of("3/4")),
                Allocation(actor="roux", hours=100),
                Allocation(actor="roux"),
            ),
        )
        report = _report("ASSET002", van, ARCHER, ROUX)
        assert report.findings == ()
        assert _unchecked(report) == [
            ("ASSET002", "$.assets[0].users", "2 of the 3 allocations of asset 'van' give no share (users 'roux'): they are not counted against its capacity"),
        ]  # fmt: skip
        assert report.unchecked[0].subject == "van"
        assert report.summary().startswith("No problem found; 1 check could not run")
        employee = SharedEmployee(
            id="e",
            name="E",
            users=(Allocation(actor="archer", fte="1/2"), Allocation(actor="roux", hours=3)),
        )
        reason = _report("ASSET002", employee, ARCHER, ROUX).unchecked[0].reason
        assert "give no FTE or share" in reason

    def test_use_in_common_is_complete(self) -> None:
        """Allocations none of which gives a measure: an asset used in common, nothing left unchecked."""
        van = SharedEquipment(
            id="van", name="Van", users=(Allocation(actor="roux"), Allocation(actor="archer"))
        )
        report = _report("ASSET002", van, ARCHER, ROUX)
        assert report.complete
        assert report.summary() == "All checks passed (1 rule, as of 2024-06-30)."


class TestLocalAuthorityTime:
    """ASSET003."""

    def _employee(self, employer: str | None, user: Actor) -> list[tuple[str, str, str]]:
        ge = Grouping(id="ge", name="GE", kind="employer_group")
        gie = Grouping(id="gie", name="GIE", kind="gie")
        employee = SharedEmployee(
            id="e",
            name="E",
            fte="1/2",
            employer=employer,
            users=(Allocation(actor=user.id, share=Share.of("4/5")),),
        )
        return _run("ASSET003", employee, ge, gie, user)

    def test_counted_users(self) -> None:
        """Only local authorities count, and only for a groupement d'employeurs."""
        commune = PublicBody(id="romans", name="Romans", kind="commune")
        state = PublicBody(id="prefecture", name="Préfecture", kind="state_service")
        assert [p for p, _, _ in self._employee("ge", commune)] == ["$.assets[0].users"]
        assert self._employee("ge", state) == []
        assert self._employee("gie", commune) == []
        assert self._employee("ghost", commune) == []
        assert self._employee(None, commune) == []

    def test_not_an_employee(self) -> None:
        """Other assets are not checked."""
        van = SharedEquipment(id="van", name="Van", users=(Allocation(actor="romans"),))
        assert _run("ASSET003", van) == []

    def _shared(
        self, commune_part: str, as_of: dt.date, user: Actor | None = None, employer: str = "ge"
    ) -> Report:
        user = user or PublicBody(id="romans", name="Romans", kind="commune")
        ge = Grouping(id="ge", name="GE", kind="employer_group", members=("archer", user.id))
        employee = SharedEmployee(
            id="e",
            name="E",
            employer=employer,
            users=(
                Allocation(actor=user.id, fte=commune_part),
                Allocation(actor="archer", fte=1 - Fraction(commune_part)),
            ),
        )
        return _report("ASSET003", employee, ge, user, ARCHER, as_of=as_of)

    def test_the_cap_in_force_on_the_date(self) -> None:
        """One half until 29 December 2016, three quarters from 30 December 2016; findings say which."""
        before = dt.date(2016, 12, 29)
        since = dt.date(2016, 12, 30)
        [finding] = self._shared("3/5", before).findings
        assert (finding.code, finding.severity, finding.path) == (
            "ASSET003",
            Severity.WARNING,
            "$.assets[0].users",
        )
        assert finding.law == "before loi n° 2016-1888: one half"
        assert "for 3/5 (60 %) of the employee's time" in finding.message
        assert finding.message.endswith("at most 1/2 (50 %), counted over the year")
        assert finding.source == (
            "Code du travail, art. L1253-20, as worded before loi n° 2016-1888 du 28 décembre "
            "2016, art. 49"
        )
        assert finding.url is not None
        assert self._shared("3/5", since).findings == ()
        assert self._shared("1/2", before).findings == ()
        [later] = self._shared("4/5", since).findings
        assert later.law == "since loi n° 2016-1888: three quarters"
        assert later.url == "https://code.travail.gouv.fr/code-du-travail/l1253-20"
        assert later.message.endswith("at most 3/4 (75 %), counted over the year")
        assert later.to_text().endswith(
            "[Code du travail, art. L1253-20, as amended by loi n° 2016-1888 du 28 décembre "
            "2016, art. 49; since loi n° 2016-1888: three quarters]"
        )

    def test_which_bodies_are_local_authorities(self) -> None:
        """Collectivités and their groupings count; other local public bodies do not."""
        since = dt.date(2024, 6, 30)
        syndicat = PublicBody(
            id="sm", name="Syndicat mixte", kind="local_public_body", legal_category="7354"
        )
        ccas = PublicBody(id="ccas", name="CCAS", kind="local_public_body", legal_category="7361")
        unknown = PublicBody(id="lpb", name="Local body", kind="local_public_body")
        epci = PublicBody(id="agglo", name="Agglo", kind="epci")
        assert [f.subject for f in self._shared("4/5", since, syndicat).findings] == ["e"]
        assert [f.subject for f in self._shared("4/5", since, epci).findings] == ["e"]
        assert self._shared("4/5", since, ccas).findings == ()
        assert self._shared("4/5", since, unknown).findings == ()

    def test_what_could_not_be_checked(self) -> None:
        """No employer, or an allocation to a local authority with no measure: listed, not guessed."""
        commune = PublicBody(id="romans", name="Romans", kind="commune")
        assert self._shared("4/5", DAY).complete  # employer and measures known
        employee = SharedEmployee(id="e", name="E", users=(Allocation(actor="romans", fte="4/5"),))
        report = _report("ASSET003", employee, commune)
        assert report.findings == ()
        assert _unchecked(report) == [
            ("ASSET003", "$.assets[0]", "shared employee 'e' works for a local authority, but no employer is recorded: whether a groupement d'employeurs employs it is unknown"),
        ]  # fmt: skip
        ge = Grouping(id="ge", name="GE", kind="employer_group")
        hours = SharedEmployee(
            id="e",
            name="E",
            employer="ge",
            users=(Allocation(actor="romans", hours=1200), Allocation(actor="romans", fte="4/5")),
        )
        report = _report("ASSET003", hours, commune, ge)
        assert [f.path for f in report.findings] == ["$.assets[0].users"]
        assert report.unchecked == (
            Unchecked(
                code="ASSET003",
                path="$.assets[0].users",
                reason="the allocations of shared employee 'e' to local authorities 'romans' give no FTE or share: their time is not counted",
                subject="e",
            ),
        )  # fmt: skip
        state = PublicBody(id="prefecture", name="Préfecture", kind="state_service")
        used_by_state = SharedEmployee(
            id="e", name="E", users=(Allocation(actor="prefecture", fte="1"),)
        )
        assert _report("ASSET003", used_by_state, state).complete


class TestKeyData:
    """ASSET004."""

    def _key(self, method: str, **fields: object) -> list[tuple[str, str, str]]:
        van = SharedEquipment(
            id="van", name="Van", cost_key=CostSharingKey(method=method), **fields
        )  # type: ignore[arg-type]
        return _run("ASSET004", van, ARCHER, ROUX)

    def test_methods(self) -> None:
        """Each method names the data it lacks."""
        assert self._key("pro_rata_ownership")[0][2] == (
            "the cost of asset 'van' is shared pro rata of ownership, but the document records no owner"
        )
        assert self._key("equal")[0][2].endswith(
            "shared equally, but the document records no user and no owner"
        )
        assert self._key("pro_rata_headcount")[0][2].endswith("records no user")
        two = (
            Allocation(actor="roux"),
            Allocation(actor="roux", fte="1/2"),
            Allocation(actor="ghost"),
        )
        assert self._key("pro_rata_headcount", users=two)[0][2].endswith(
            "pro rata of headcount, but the document records no headcount for user 'roux'"
        )
        assert self._key("pro_rata_headcount", users=(Allocation(actor="archer"),)) == []
        owners = (Ownership(actor="archer", share=Share.of(1)),)
        assert self._key("pro_rata_ownership", owners=owners) == []
        assert self._key("equal", owners=owners) == []
        assert self._key("pro_rata_use", users=(Allocation(actor="roux", hours=3),)) == []

    def test_plural_and_no_key(self) -> None:
        """Several users are listed; an asset without a key or with a fixed one is not checked."""
        users = (Allocation(actor="roux"), Allocation(actor="jourdan"))
        jourdan = Company(id="jourdan", name="Jourdan")
        van = SharedEquipment(
            id="van", name="Van", users=users, cost_key=CostSharingKey(method="pro_rata_headcount")
        )
        assert _run("ASSET004", van, ROUX, jourdan)[0][2].endswith(
            "no headcount for users 'roux', 'jourdan'"
        )
        assert _run("ASSET004", SharedEquipment(id="van", name="Van")) == []
        fixed = CostSharingKey(method="fixed", shares=(KeyShare(actor="roux", fraction=1),))
        assert _run("ASSET004", SharedEquipment(id="van", name="Van", cost_key=fixed), ROUX) == []

    def test_a_cost_with_no_key_could_not_be_checked(self) -> None:
        """An annual cost shared by several actors with no key: listed among the unchecked."""
        cost = Money(amount=12000)
        shared = SharedEquipment(
            id="van",
            name="Van",
            annual_cost=cost,
            owners=(Ownership(actor="archer", share=Share.of(1)),),
            users=(Allocation(actor="roux"),),
        )
        report = _report("ASSET004", shared, ARCHER, ROUX)
        assert report.findings == ()
        assert _unchecked(report) == [
            ("ASSET004", "$.assets[0]", "asset 'van' has an annual cost and 2 owners and users, but no cost-sharing key: how its cost is shared is unknown"),
        ]  # fmt: skip
        alone = SharedEquipment(
            id="van", name="Van", annual_cost=cost, users=(Allocation(actor="roux"),)
        )
        assert _report("ASSET004", alone, ROUX).complete
        free = SharedEquipment(id="van", name="Van", users=shared.users, owners=shared.owners)
        assert _report("ASSET004", free, ARCHER, ROUX).complete


class TestOutsidePole:
    """ASSET006."""

    def test_owner_outside(self) -> None:
        """Owners are checked as users are; undeclared actors and pôles are left to REF001/REF002."""
        pole = Pole(id="p", name="P", memberships=(Membership(actor="archer"),))
        van = SharedEquipment(
            id="van",
            name="Van",
            pole="p",
            owners=(
                Ownership(actor="roux", share=Share.of(1)),
                Ownership(actor="ghost", share=Share.of(1)),
            ),
        )
        assert _run("ASSET006", van, ARCHER, ROUX, poles=(pole,)) == [
            ("$.assets[0].owners[0].actor", "warning", "owner 'roux' of asset 'van' is not a member of its pôle 'p'"),
        ]  # fmt: skip
        elsewhere = SharedEquipment(id="van", name="Van", pole="ghost", owners=van.owners)
        assert _run("ASSET006", elsewhere, ARCHER, ROUX) == []
