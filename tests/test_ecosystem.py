"""Tests of the Ecosystem: the id index, look-ups, navigation and Ecosystem.add."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ptcekit import (
    Actor,
    Allocation,
    Association,
    Company,
    DuplicateIdError,
    Ecosystem,
    FieldTypeError,
    InvalidValueError,
    Membership,
    MutualisedAsset,
    Ownership,
    PartnershipAgreement,
    Party,
    Period,
    Pole,
    PtcekitError,
    Share,
    SharedFund,
    UnknownIdError,
)
from ptcekit.testing import ecosystems

D = dt.date
A = Association(id="a", name="A")
B = Company(id="b", name="B")
C = Association(id="c", name="C")
POLE = Pole(
    id="p",
    name="P",
    memberships=(
        Membership(actor="a", period=Period(end=D(2020, 12, 31))),
        Membership(actor="b"),
        Membership(actor="ghost"),
        Membership(actor="a", period=Period(start=D(2022, 1, 1))),
    ),
)
FUND = SharedFund(
    id="f",
    name="F",
    owners=(Ownership(actor="a", share=Share.of(1), period=Period(end=D(2020, 12, 31))),),
    users=(Allocation(actor="b", period=Period(start=D(2021, 1, 1))), Allocation(actor="a")),
)
DEAL = PartnershipAgreement(
    id="d",
    title="D",
    kind="mutualisation",
    parties=(Party(actor="a"), Party(actor="c")),
    period=Period(start=D(2021, 1, 1), end=D(2021, 12, 31)),
)
ECO = Ecosystem(name="Drôme", actors=(A, B, C), poles=(POLE,), assets=(FUND,), agreements=(DEAL,))


class TestIndex:
    def test_repr_is_one_short_line(self) -> None:
        """The repr counts the lists, with the name when there is one."""
        assert repr(ECO) == "Ecosystem(name='Drôme', actors=3, poles=1, assets=1, agreements=1)"
        assert repr(Ecosystem()) == "Ecosystem(actors=0, poles=0, assets=0, agreements=0)"

    def test_repr_stays_short_for_a_large_ecosystem(self) -> None:
        """A thousand actors still make a one-line repr of under 80 characters."""
        many = Ecosystem(actors=[Association(id=f"a{n}", name="A") for n in range(1000)])
        text = repr(many)
        assert "\n" not in text
        assert len(text) < 80

    def test_len_and_contains(self) -> None:
        """Len counts every record; ``in`` tests ids."""
        assert len(ECO) == 6
        assert "p" in ECO
        assert "ghost" not in ECO
        assert 3 not in ECO

    @pytest.mark.parametrize(
        ("lists", "message"),
        [
            (
                {"actors": (A, Association(id="a", name="A2"))},
                "Ecosystem.actors: id 'a' is used by actors[0] and again by actors[1]",
            ),
            (
                {"actors": (B, A), "poles": (Pole(id="a", name="P"),)},
                "Ecosystem.poles: id 'a' is used by actors[1] and again by poles[0]",
            ),
            (
                {"actors": (A, B), "agreements": (attrs.evolve(DEAL, id="b"),)},
                "Ecosystem.agreements: id 'b' is used by actors[1] and again by agreements[0]",
            ),
            (
                {"poles": (POLE,), "assets": (attrs.evolve(FUND, id="p"),)},
                "Ecosystem.assets: id 'p' is used by poles[0] and again by assets[0]",
            ),
        ],
    )
    def test_duplicate_ids_are_refused_with_both_places(
        self, lists: dict[str, tuple[object, ...]], message: str
    ) -> None:
        """A repeated id raises DuplicateIdError naming where it is first and again."""
        with pytest.raises(DuplicateIdError) as info:
            Ecosystem(**lists)  # type: ignore[arg-type]  # the lists are typed loosely in the table
        assert str(info.value) == message
        assert isinstance(info.value, InvalidValueError)
        assert isinstance(info.value, ValueError)

    def test_wrong_records_are_refused(self) -> None:
        """A list holding something of the wrong kind raises FieldTypeError at its index."""
        with pytest.raises(FieldTypeError) as info:
            Ecosystem(poles=(A,))
        assert str(info.value) == (
            "Ecosystem.poles[0]: expected a Pole, got Association(id='a', name='A') (Association)"
        )
        assert isinstance(info.value, PtcekitError)

    def test_metadata_is_checked(self) -> None:
        """A blank name is refused, naming the field."""
        with pytest.raises(InvalidValueError) as info:
            Ecosystem(name="")
        assert str(info.value) == "Ecosystem.name: expected a non-blank string, got ''"

    def test_evolve_rebuilds_the_index(self) -> None:
        """Evolve gives an equal ecosystem whose look-ups work."""
        again = attrs.evolve(ECO)
        assert again == ECO
        assert again.actor("a") is A


class TestLookUps:
    def test_get_returns_any_record(self) -> None:
        """get() finds actors, pôles, assets and agreements."""
        assert [ECO.get(key) for key in ("a", "p", "f", "d")] == [A, POLE, FUND, DEAL]

    def test_typed_look_ups(self) -> None:
        """actor(), pole(), asset() and agreement() return the record of their kind."""
        assert (ECO.actor("b"), ECO.pole("p"), ECO.asset("f"), ECO.agreement("d")) == (
            B,
            POLE,
            FUND,
            DEAL,
        )

    @pytest.mark.parametrize(
        ("look_up", "key", "kind"),
        [
            ("get", "nope", "record"),
            ("get", ["unhashable"], "record"),
            ("actor", "p", "actor"),
            ("actor", 3, "actor"),
            ("pole", "a", "pôle"),
            ("asset", "d", "asset"),
            ("agreement", "f", "agreement"),
        ],
    )
    def test_unknown_ids_raise_unknown_id_error(self, look_up: str, key: object, kind: str) -> None:
        """A missing id, or one of another kind, raises UnknownIdError (a KeyError) with a message."""
        with pytest.raises(UnknownIdError) as info:
            getattr(ECO, look_up)(key)
        assert isinstance(info.value, KeyError)
        assert isinstance(info.value, PtcekitError)
        assert (info.value.id, info.value.kind) == (key, kind)
        assert str(info.value) == f"no {kind} with id {key!r} in this ecosystem"


class TestNavigation:
    def test_members_once_each_skipping_unknown_ids(self) -> None:
        """members() lists actors once, in order, and skips ids that are not actors."""
        assert ECO.members("p") == (A, B)
        assert ECO.members("p", D(2021, 6, 1)) == (B,)
        assert ECO.members("p", D(2023, 1, 1)) == (B, A)

    def test_members_of_an_unknown_pole(self) -> None:
        """members() of an unknown pôle raises UnknownIdError."""
        with pytest.raises(UnknownIdError, match="no pôle with id 'x'"):
            ECO.members("x")

    def test_poles_of(self) -> None:
        """poles_of() follows the membership dates."""
        assert ECO.poles_of("a") == (POLE,)
        assert ECO.poles_of("a", D(2021, 6, 1)) == ()
        assert ECO.poles_of("a", D(2020, 6, 1)) == (POLE,)
        assert ECO.poles_of("c") == ()

    def test_assets_of(self) -> None:
        """assets_of() follows ownership and allocation dates."""
        assert ECO.assets_of("a") == (FUND,)
        assert ECO.assets_of("b", D(2020, 6, 1)) == ()
        assert ECO.assets_of("b", D(2021, 6, 1)) == (FUND,)
        assert ECO.assets_of("c") == ()

    def test_agreements_of(self) -> None:
        """agreements_of() follows the agreement's period."""
        assert ECO.agreements_of("c") == (DEAL,)
        assert ECO.agreements_of("c", D(2021, 6, 1)) == (DEAL,)
        assert ECO.agreements_of("c", D(2022, 6, 1)) == ()
        assert ECO.agreements_of("b") == ()

    def test_reverse_index_is_built_once(self) -> None:
        """The reverse index is cached: two calls share it."""
        eco = Ecosystem(
            actors=(A,), poles=(Pole(id="q", name="Q", memberships=[Membership(actor="a")]),)
        )
        first = eco.poles_of("a")
        cached = eco._reverse
        assert eco.poles_of("a") == first
        assert eco._reverse is cached


def scan_members(eco: Ecosystem, pole: Pole, as_of: dt.date | None) -> tuple[Actor, ...]:
    found: list[Actor] = []
    for membership in pole.memberships:
        active = membership.period is None or as_of is None or membership.period.contains(as_of)
        if not active:
            continue
        actor = next((a for a in eco.actors if a.id == membership.actor), None)
        if actor is not None and actor not in found:
            found.append(actor)
    return tuple(found)


def held(period: Period | None, as_of: dt.date | None) -> bool:
    return period is None or as_of is None or period.contains(as_of)


class TestNavigationAgainstLinearScan:
    @given(ecosystems(), st.none() | st.dates(min_value=D(1980, 1, 1), max_value=D(2040, 12, 31)))
    def test_look_ups_and_navigation_match_a_linear_scan(
        self, eco: Ecosystem, as_of: dt.date | None
    ) -> None:
        """get, members, poles_of, assets_of and agreements_of agree with plain scans of the lists."""
        records = [*eco.actors, *eco.poles, *eco.assets, *eco.agreements]
        assert len(eco) == len(records)
        for record in records:
            assert eco.get(record.id) is record
        for pole in eco.poles:
            assert eco.pole(pole.id) is pole
            assert eco.members(pole.id, as_of) == scan_members(eco, pole, as_of)
        for actor in eco.actors:
            assert eco.actor(actor.id) is actor
            poles = tuple(
                p
                for p in eco.poles
                if any(m.actor == actor.id and held(m.period, as_of) for m in p.memberships)
            )
            assert eco.poles_of(actor.id, as_of) == poles
            assets: tuple[MutualisedAsset, ...] = tuple(
                a
                for a in eco.assets
                if any(o.actor == actor.id and held(o.period, as_of) for o in a.owners)
                or any(u.actor == actor.id and held(u.period, as_of) for u in a.users)
            )
            assert eco.assets_of(actor.id, as_of) == assets
            agreements = tuple(
                g
                for g in eco.agreements
                if actor.id in [p.actor for p in g.parties] and held(g.period, as_of)
            )
            assert eco.agreements_of(actor.id, as_of) == agreements


class TestAdd:
    def test_add_appends_each_record_to_its_list(self) -> None:
        """add() returns a new ecosystem with the records in their lists; the old one is unchanged."""
        pole = Pole(id="q", name="Q")
        grown = Ecosystem(actors=(A,)).add(B, pole)
        assert grown.actors == (A, B)
        assert grown.poles == (pole,)
        assert grown.actor("b") is B
        assert grown.pole("q") is pole

    def test_add_refuses_a_duplicate_id(self) -> None:
        """add() of an id already used raises DuplicateIdError."""
        with pytest.raises(DuplicateIdError) as info:
            ECO.add(Association(id="p", name="Again"))
        assert (
            str(info.value) == "Ecosystem.poles: id 'p' is used by actors[3] and again by poles[0]"
        )

    def test_add_refuses_what_is_not_a_record(self) -> None:
        """add() of something else raises FieldTypeError."""
        with pytest.raises(FieldTypeError) as info:
            ECO.add(Period())  # type: ignore[arg-type]  # the wrong type is the test
        assert str(info.value) == (
            "Ecosystem.add: expected an Actor, Pole, MutualisedAsset, PartnershipAgreement"
            " or Meeting, got Period() (Period)"
        )
