"""Tests of ptcekit.serialize: the wire format, round trips, both JSON backends, files."""

from __future__ import annotations

import datetime as dt
import gc
import json
import os
import re
import stat
import weakref
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from stdnum import luhn

from ptcekit import model as m
from ptcekit import testing
from ptcekit.errors import InvalidValueError
from ptcekit.serialize import (
    FORMAT_VERSION,
    UPGRADES,
    Converter,
    KindError,
    LoadError,
    Upgrades,
    available_backends,
    dump,
    dumps,
    from_dict,
    kept_keys,
    load,
    loads,
    make_converter,
    to_dict,
)

BACKENDS = available_backends()

# ---------------------------------------------------------------------------- strategies
# Hypothesis strategies for whole ecosystems: every kind, every optional field,
# exact numbers, odd floats (where orjson and Python write floats differently).

ids = st.from_regex(r"[a-z0-9][a-z0-9_.:\-]{0,11}", fullmatch=True)
names = st.text(
    alphabet=st.characters(exclude_categories=["Cs", "Cc", "Zl", "Zp"]), min_size=1, max_size=12
).filter(lambda s: s.strip() != "")
texts = st.text(alphabet=st.characters(exclude_categories=["Cs"]), min_size=1, max_size=20).filter(
    lambda s: s.strip() != ""
)
dates = st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))
# below 1e30 and at most 34 places: at most 64 digits written out, as the model bounds them
decimals = st.decimals(allow_nan=False, allow_infinity=False, places=None).filter(
    lambda d: abs(d) < Decimal("1e30") and d.as_tuple().exponent >= -34  # type: ignore[operator]  # finite: an int exponent
)
money = st.builds(m.Money, amount=decimals, currency=st.sampled_from(["EUR", "USD", "CHF"]))
unit_fractions = st.fractions(min_value=Fraction(1, 1000), max_value=1, max_denominator=1000)


def _siren(digits: str) -> str:
    return digits + luhn.calc_check_digit(digits)


sirens = st.from_regex(r"[0-9]{8}", fullmatch=True).map(_siren)
sirets = st.tuples(sirens, st.from_regex(r"[0-9]{4}", fullmatch=True)).map(
    lambda parts: _siren(parts[0] + parts[1])
)
communes = st.sampled_from(["26281", "2A004", "75056", "69123", "13055", "97411"])
coordinates = st.one_of(
    st.floats(min_value=-90, max_value=90, allow_nan=False),
    st.sampled_from([1e-7, -1e-5, 0.0001, 45.5, 0.0, -0.0, 5e-324]),
)


@st.composite
def places(draw: st.DrawFn) -> m.Place:
    located = draw(st.booleans())
    return m.Place(
        commune=draw(communes),
        address=draw(st.none() | texts),
        latitude=draw(coordinates) if located else None,
        longitude=draw(coordinates) if located else None,
    )


@st.composite
def periods(draw: st.DrawFn) -> m.Period:
    start = draw(st.none() | dates)
    end = draw(st.none() | dates)
    if start is not None and end is not None and end < start:
        start, end = end, start
    return m.Period(start=start, end=end)


shares = st.one_of(
    st.builds(m.Share, fraction=unit_fractions),
    st.builds(m.Share, minimum=st.just(Fraction(1, 4)), maximum=st.just(Fraction(1, 2))),
)
identifiers = st.one_of(
    st.builds(m.Identifier, scheme=st.just("FR-RCS"), value=sirens),
    st.builds(
        m.Identifier, scheme=st.just("XI-LEI"), value=st.from_regex(r"[A-Z0-9]{20}", fullmatch=True)
    ),
)


@st.composite
def governances(draw: st.DrawFn) -> m.Governance:
    college_names = draw(st.lists(names, max_size=3, unique=True))
    return m.Governance(
        bodies=tuple(
            draw(
                st.lists(
                    st.builds(
                        m.Body,
                        kind=st.sampled_from(m.BodyKind),
                        seats=st.none() | st.integers(1, 50),
                    ),
                    max_size=2,
                )
            )
        ),
        voting=draw(st.sampled_from(m.VotingScheme)),
        colleges=tuple(
            m.College(
                name=name, weight=draw(st.none() | st.just(Fraction(1, max(1, len(college_names)))))
            )
            for name in college_names
        ),
        quorum=draw(st.none() | unit_fractions),
        majority=draw(st.none() | unit_fractions),
    )


def _actor_fields(draw: st.DrawFn, actor_id: str) -> dict[str, Any]:
    return {
        "id": actor_id,
        "name": draw(names),
        "siren": draw(st.none() | sirens),
        "sirets": tuple(draw(st.lists(sirets, max_size=2, unique=True))),
        "rna": draw(st.none() | st.from_regex(r"W[0-9]{9}", fullmatch=True)),
        "identifiers": tuple(draw(st.lists(identifiers, max_size=2, unique=True))),
        "legal_category": draw(st.none() | st.sampled_from(["9220", "5710", "7346"])),
        "naf": draw(st.none() | st.sampled_from(["88.99B", "62.01Z"])),
        "seat": draw(st.none() | places()),
        "founded": draw(st.none() | dates),
        "headcount": draw(st.none() | st.integers(0, 2**70)),
        "website": draw(st.none() | st.sampled_from(["https://example.org", "http://a.fr/x"])),
        "description": draw(st.none() | texts),
    }


@st.composite
def actors(draw: st.DrawFn, actor_id: str) -> m.Actor:
    fields = _actor_fields(draw, actor_id)
    kind = draw(
        st.sampled_from(
            [
                "person",
                "association",
                "foundation",
                "mutual",
                "cooperative",
                "company",
                "public_body",
                "research_body",
                "training_body",
                "grouping",
            ]
        )
    )
    if kind == "person":
        return m.Person(**fields)
    fields["governance"] = draw(st.none() | governances())
    if kind == "association":
        return m.Association(
            **fields, public_utility=draw(st.booleans()), local_law=draw(st.booleans())
        )
    if kind == "foundation":
        return m.Foundation(**fields, public_utility=draw(st.booleans()))
    if kind == "mutual":
        return m.Mutual(**fields, kind=draw(st.sampled_from(m.MutualKind)))
    if kind == "cooperative":
        count = draw(st.integers(0, 3))
        associates = tuple(
            m.AssociateCategory(
                role=draw(st.sampled_from(m.AssociateRole)),
                count=draw(st.none() | st.integers(0, 100)),
                capital_share=draw(st.none() | st.just(Fraction(1, 3))),
                vote_share=draw(st.none() | st.just(Fraction(1, 4))),
                college=draw(st.none() | names),
                label=draw(st.none() | names),
            )
            for _ in range(count)
        )
        return m.Cooperative(
            **fields,
            kind=draw(st.sampled_from(m.CooperativeKind)),
            form=draw(st.none() | st.sampled_from(m.CompanyForm)),
            variable_capital=draw(st.booleans()),
            capital=draw(st.none() | money),
            associates=associates,
        )
    if kind == "company":
        return m.Company(
            **fields,
            form=draw(st.none() | st.sampled_from(m.CompanyForm)),
            ess_statutes=draw(st.booleans()),
            esus=draw(
                st.none()
                | st.builds(
                    m.EsusApproval,
                    period=periods(),
                    by_right=st.booleans(),
                    decided=st.none() | dates,
                )
            ),
            mission_company=draw(st.booleans()),
            size=draw(st.none() | st.sampled_from(m.CompanySize)),
            pay=draw(
                st.none()
                | st.builds(
                    m.PayData,
                    year=st.integers(1900, 2100),
                    top5_average=money,
                    highest=money,
                    reference_minimum=money,
                )
            ),
        )
    if kind == "public_body":
        return m.PublicBody(**fields, kind=draw(st.sampled_from(m.PublicBodyKind)))
    if kind == "research_body":
        return m.ResearchBody(**fields, legal_status=draw(st.sampled_from(m.LegalStatus)))
    if kind == "training_body":
        return m.TrainingBody(**fields, legal_status=draw(st.sampled_from(m.LegalStatus)))
    return m.Grouping(
        **fields,
        kind=draw(st.sampled_from(m.GroupingKind)),
        members=tuple(draw(st.lists(ids, max_size=3, unique=True))),
    )


@st.composite
def poles(draw: st.DrawFn, pole_id: str, actor_ids: list[str]) -> m.Pole:
    territory = draw(
        st.none()
        | st.builds(
            m.Territory,
            name=names,
            level=st.just(m.TerritoryLevel.COMMUNE),
            codes=st.lists(communes, min_size=1, max_size=3, unique=True).map(tuple),
            cog_year=st.integers(1943, 2100),
        )
    )
    memberships = tuple(
        m.Membership(
            actor=actor,
            role=draw(st.sampled_from(m.MemberRole)),
            period=draw(st.none() | periods()),
            college=draw(st.none() | names),
        )
        for actor in draw(st.lists(st.sampled_from(actor_ids) if actor_ids else ids, max_size=4))
    )
    return m.Pole(
        id=pole_id,
        name=draw(names),
        territory=territory,
        founded=draw(st.none() | dates),
        lead=draw(st.none() | ids),
        legal_vehicle=draw(st.none() | ids),
        domains=tuple(draw(st.lists(names, max_size=2, unique=True))),
        place=draw(st.none() | places()),
        labels=tuple(draw(st.lists(names, max_size=2, unique=True))),
        strategy=draw(st.none() | texts),
        memberships=memberships,
        governance=draw(st.none() | governances()),
        website=draw(st.none() | st.just("https://pole.example")),
        description=draw(st.none() | texts),
    )


@st.composite
def assets(draw: st.DrawFn, asset_id: str) -> m.MutualisedAsset:
    owners = tuple(
        m.Ownership(actor=draw(ids), share=draw(shares), period=draw(st.none() | periods()))
        for _ in range(draw(st.integers(0, 2)))
    )
    users = tuple(
        draw(
            st.one_of(
                st.builds(
                    m.Allocation, actor=ids, period=st.none() | periods(), share=st.none() | shares
                ),
                st.builds(m.Allocation, actor=ids, fte=unit_fractions),
                st.builds(
                    m.Allocation,
                    actor=ids,
                    hours=st.decimals(min_value=Decimal("0.5"), max_value=2000, places=1),
                ),
            )
        )
        for _ in range(draw(st.integers(0, 2)))
    )
    fixed = draw(st.booleans())
    cost_key = draw(
        st.none()
        | st.just(
            m.CostSharingKey(
                method="fixed",
                shares=(
                    m.KeyShare(actor="a", fraction="1/2"),
                    m.KeyShare(actor="b", fraction="1/2"),
                ),
            )
        )
        if fixed
        else st.none()
        | st.builds(
            m.CostSharingKey,
            method=st.sampled_from([x for x in m.CostSharingMethod if x != "fixed"]),
        )
    )
    common: dict[str, Any] = {
        "id": asset_id,
        "name": draw(names),
        "owners": owners,
        "users": users,
        "annual_cost": draw(st.none() | money),
        "cost_key": cost_key,
        "pole": draw(st.none() | ids),
        "agreement": draw(st.none() | ids),
        "description": draw(st.none() | texts),
    }
    kind = draw(st.integers(0, 5))
    if kind == 0:
        return m.SharedPremises(
            **common,
            area=draw(st.none() | st.decimals(min_value=1, max_value=10000, places=2)),
            place=draw(st.none() | places()),
        )
    if kind == 1:
        return m.SharedEquipment(**common, vehicle=draw(st.booleans()))
    if kind == 2:
        return m.SharedEmployee(
            **common,
            fte=draw(unit_fractions),
            employer=draw(st.none() | ids),
            job=draw(st.none() | names),
        )
    if kind == 3:
        return m.SharedFund(**common, endowment=draw(st.none() | money))
    if kind == 4:
        return m.SharedService(**common, service=draw(st.none() | texts))
    return m.ImmaterialAsset(**common, kind=draw(st.sampled_from(m.ImmaterialKind)))


@st.composite
def agreements(draw: st.DrawFn, agreement_id: str) -> m.PartnershipAgreement:
    parties = draw(st.lists(ids, min_size=2, max_size=4, unique=True))
    commitments = []
    for party in draw(st.lists(st.sampled_from(parties), max_size=3)):
        kind = draw(st.sampled_from(m.CommitmentKind))
        amount = draw(st.none() | money.filter(lambda value: value.amount >= 0))
        quantity = None
        if amount is None and kind != m.CommitmentKind.MONEY:
            quantity = draw(
                st.none()
                | st.builds(
                    m.Quantity,
                    value=st.decimals(min_value=0, max_value=1000, places=2),
                    unit=st.sampled_from(["h", "m2", "day"]),
                )
            )
        commitments.append(
            m.Commitment(
                party=party,
                kind=kind,
                amount=amount,
                quantity=quantity,
                recurrence=draw(st.sampled_from(m.Recurrence)),
                period=draw(st.none() | periods()),
                asset=draw(st.none() | ids),
                description=draw(st.none() | texts),
            )
        )
    return m.PartnershipAgreement(
        id=agreement_id,
        title=draw(names),
        kind=draw(st.sampled_from(m.AgreementKind)),
        parties=tuple(m.Party(actor=p, role=draw(st.none() | names)) for p in parties),
        period=draw(st.none() | periods()),
        signed=draw(st.none() | dates),
        renewal=draw(st.sampled_from(m.Renewal)),
        notice_days=draw(st.none() | st.integers(0, 365)),
        commitments=tuple(commitments),
        pole=draw(st.none() | ids),
        description=draw(st.none() | texts),
    )


@st.composite
def ecosystems(draw: st.DrawFn) -> m.Ecosystem:
    """Build an ecosystem with every kind of record and ids unique across its lists."""
    all_ids = draw(st.lists(ids, max_size=14, unique=True))
    cut = sorted(draw(st.lists(st.integers(0, len(all_ids)), min_size=3, max_size=3)))
    actor_ids, pole_ids = all_ids[: cut[0]], all_ids[cut[0] : cut[1]]
    asset_ids, agreement_ids = all_ids[cut[1] : cut[2]], all_ids[cut[2] :]
    return m.Ecosystem(
        name=draw(st.none() | names),
        as_of=draw(st.none() | dates),
        source=draw(st.none() | texts),
        licence=draw(st.none() | st.just("ODbL-1.0")),
        actors=tuple(draw(actors(i)) for i in actor_ids),
        poles=tuple(draw(poles(i, actor_ids)) for i in pole_ids),
        assets=tuple(draw(assets(i)) for i in asset_ids),
        agreements=tuple(draw(agreements(i)) for i in agreement_ids),
    )


PROPERTY = settings(suppress_health_check=[HealthCheck.too_slow])


def sample_ecosystem() -> m.Ecosystem:
    """A small hand-written ecosystem with one record of most kinds."""
    return m.Ecosystem(
        name="Pôle Sud",
        as_of=dt.date(2024, 1, 31),
        licence="ODbL-1.0",
        actors=(
            m.Association(id="archer", name="Archer", siren="732829320", public_utility=True),
            m.Cooperative(
                id="tetris",
                name="SCIC TETRIS",
                kind="scic",
                capital=m.Money(amount="1200.50"),
                associates=(m.AssociateCategory(role="employee", capital_share="1/3"),),
            ),
            m.PublicBody(id="capg", name="CA du Pays de Grasse", kind="epci"),
        ),
        poles=(
            m.Pole(
                id="pole-sud",
                name="Pôle Sud",
                memberships=(
                    m.Membership(actor="archer", role="lead"),
                    m.Membership(actor="tetris"),
                ),
            ),
        ),
        assets=(
            m.SharedEmployee(
                id="compta",
                name="Comptable",
                fte="1/3",
                owners=(m.Ownership(actor="archer", share=m.Share.of("1/2")),),
            ),
        ),
        agreements=(
            m.PartnershipAgreement(
                id="conv",
                title="Convention",
                kind="mutualisation",
                parties=(m.Party(actor="archer"), m.Party(actor="capg", role="financeur")),
                commitments=(
                    m.Commitment(
                        party="capg",
                        kind="money",
                        amount=m.Money(amount=30000),
                        recurrence="yearly",
                    ),
                ),
            ),
        ),
    )


# ---------------------------------------------------------------------------- tests


class TestRoundTrip:
    """loads(dumps(x)) == x, and dumps is stable, with both backends."""

    @PROPERTY
    @given(eco=ecosystems())
    @pytest.mark.parametrize("backend", BACKENDS)
    def test_round_trip_is_identity(self, backend: Any, eco: m.Ecosystem) -> None:
        """Every generated ecosystem reads back equal, and writes the same bytes again."""
        text = dumps(eco, backend=backend)
        back = loads(text, backend=backend)
        assert back == eco
        assert dumps(back, backend=backend) == text

    @PROPERTY
    @given(eco=testing.ecosystems())
    @pytest.mark.parametrize("backend", BACKENDS)
    def test_round_trip_of_the_public_strategies(self, backend: Any, eco: m.Ecosystem) -> None:
        """Every ecosystem ptcekit.testing builds reads back equal, with stable bytes."""
        text = dumps(eco, backend=backend)
        assert loads(text, backend=backend) == eco
        assert dumps(loads(text, backend=backend), backend=backend) == text

    @PROPERTY
    @given(eco=ecosystems())
    def test_backends_write_the_same_bytes(self, eco: m.Ecosystem) -> None:
        """Orjson and the standard library give byte-identical output, compact and pretty."""
        assert dumps(eco, backend="json") == dumps(eco, backend="orjson")
        assert dumps(eco, backend="json", pretty=True) == dumps(eco, backend="orjson", pretty=True)

    @PROPERTY
    @given(eco=ecosystems())
    def test_dict_round_trip(self, eco: m.Ecosystem) -> None:
        """from_dict(to_dict(x)) == x, and to_dict gives plain JSON data."""
        data = to_dict(eco)
        assert from_dict(data) == eco
        assert json.loads(json.dumps(data)) == data

    def test_sample_document_bytes(self) -> None:
        """The sample's wire text is exactly as documented: version first, type first, defaults left out."""
        eco = sample_ecosystem()
        text = dumps(eco).decode()
        assert text.startswith(
            '{"ptcekit":"1","name":"Pôle Sud","as_of":"2024-01-31","licence":"ODbL-1.0","actors":[{"type":"association","id":"archer"'
        )
        data = json.loads(text)
        assert data["actors"][1] == {
            "type": "cooperative",
            "id": "tetris",
            "name": "SCIC TETRIS",
            "kind": "scic",
            "capital": {"amount": "1200.50"},
            "associates": [{"role": "employee", "capital_share": "1/3"}],
        }
        assert data["assets"][0]["fte"] == "1/3"
        assert data["agreements"][0]["commitments"][0] == {
            "party": "capg",
            "kind": "money",
            "amount": {"amount": "30000"},
            "recurrence": "yearly",
        }

    def test_decimal_exponent_is_kept(self) -> None:
        """Decimal('1200.50') is written "1200.50" and reads back with its two places."""
        money = m.Money(amount=Decimal("1200.50"))
        back = loads(dumps(money), m.Money)
        assert str(back.amount) == "1200.50"
        assert loads(b'{"amount":"1E+3"}', m.Money).amount.as_tuple() == Decimal("1E+3").as_tuple()

    def test_fraction_reads_back_exactly(self) -> None:
        """Three thirds written and read are exactly one."""
        share = loads(dumps(m.Share.of("1/3")), m.Share)
        assert share.fraction is not None
        assert share.fraction * 3 == 1

    @pytest.mark.parametrize("backend", BACKENDS)
    @pytest.mark.parametrize("value", [1e-7, -1e-5, 5e-324, 1e-4, 45.123456789, 0.0, -0.0])
    def test_floats_are_written_as_python_writes_them(self, backend: Any, value: float) -> None:
        """Both backends write coordinates in Python's repr, so the bytes agree."""
        place = m.Place(commune="26281", latitude=value, longitude=value)
        assert (
            dumps(place, backend=backend)
            == f'{{"commune":"26281","latitude":{value!r},"longitude":{value!r}}}'.encode()
        )

    @pytest.mark.parametrize("backend", BACKENDS)
    def test_big_integers_survive_both_backends(self, backend: Any) -> None:
        """An integer beyond 64 bits is written and read exactly (orjson falls back to the standard library)."""
        person = m.Person(id="p", name="P", headcount=2**70)
        text = dumps(person, backend=backend)
        assert text == b'{"type":"person","id":"p","name":"P","headcount":1180591620717411303424}'
        assert loads(text, m.Actor, backend=backend) == person

    def test_lone_surrogate_is_escaped(self) -> None:
        """A lone surrogate kept in keep mode (UTF-8 cannot carry it) is written as its JSON escape and reads back."""
        document = loads(b'{"ptcekit": "1", "note": "bad \\udc80 text"}', unknown="keep")
        text = dumps(document, backend="orjson")
        assert text == dumps(document, backend="json")
        assert b"\\udc80" in text
        assert loads(text, unknown="keep") == document

    def test_lone_surrogate_in_a_text_field_is_refused(self) -> None:
        """A typed text field refuses a lone surrogate, on construction as on load."""
        with pytest.raises(InvalidValueError, match="lone surrogates"):
            m.Person(id="p", name="bad \udc80 text")
        with pytest.raises(LoadError) as caught:
            from_dict({"type": "person", "id": "p", "name": "bad \udc80 text"}, m.Actor)
        assert [problem.path for problem in caught.value.problems] == ["$.name"]

    @pytest.mark.parametrize("backend", BACKENDS)
    def test_surrogate_pair_is_joined(self, backend: Any) -> None:
        """A surrogate pair given as two code points is stored as its character, so it reads back the same."""
        person = m.Person(id="p", name="pair \udbff\udfff")
        assert person.name == "pair \U0010ffff"
        assert loads(dumps(person, backend=backend), m.Actor) == person

    def test_pretty_output(self) -> None:
        """pretty=True indents by two spaces."""
        assert dumps(m.Money(amount=1), pretty=True) == b'{\n  "amount": "1"\n}'

    def test_single_record_classes(self) -> None:
        """Any model class can be read and written on its own; actors by their tag."""
        actor = m.Cooperative(id="c", name="C", kind="scop")
        assert loads(dumps(actor), m.Actor) == actor
        assert loads(dumps(actor), m.Cooperative) == actor
        membership = m.Membership(actor="a", role="partner")
        assert from_dict(to_dict(membership), m.Membership) == membership


class TestConverter:
    """The cattrs converter and its factory."""

    def test_factory_builds_a_cattrs_converter(self) -> None:
        """make_converter gives a cattrs Converter whose hooks read and write ptcekit values."""
        converter = make_converter()
        assert isinstance(converter, Converter)
        eco = sample_ecosystem()
        assert converter.structure(converter.unstructure(eco), m.Ecosystem) == eco
        assert converter.unstructure(Decimal("1.50")) == "1.50"
        assert converter.structure("1/3", Fraction) == Fraction(1, 3)
        assert converter.structure("2024-01-31", dt.date) == dt.date(2024, 1, 31)

    def test_scalar_hook_rejects_bad_values(self) -> None:
        """A bad scalar given to a converter's own hook raises a LoadError with its wire form."""
        with pytest.raises(LoadError) as info:
            make_converter().structure(1.5, Decimal)
        assert [str(p) for p in info.value.problems] == [
            (
                '$: expected an exact decimal written as a string, such as "1200.50", '
                "got 1.5 (a number): a JSON number is not exact"
            )
        ]

    def test_hooks_are_built_once(self) -> None:
        """A second read of the same class reuses the generated functions."""
        converter = make_converter()
        first = converter.structurer.structure_fn(m.Membership)
        converter.structure({"actor": "a"}, m.Membership)
        assert converter.structurer.structure_fn(m.Membership) is first
        assert converter.unstructurer.unstructure_fn(
            m.Membership
        ) is converter.unstructurer.unstructure_fn(m.Membership)

    def test_gc_is_restored(self) -> None:
        """Loading pauses the cyclic collector and restores it, even when the load fails."""
        assert gc.isenabled()
        loads(dumps(sample_ecosystem()))
        assert gc.isenabled()
        with pytest.raises(LoadError):
            loads(b"{}")
        assert gc.isenabled()
        gc.disable()
        try:
            loads(dumps(sample_ecosystem()))
            assert not gc.isenabled()
        finally:
            gc.enable()

    def test_not_a_value(self) -> None:
        """Writing something that is not a ptcekit value is a KindError naming its class."""
        with pytest.raises(KindError, match="cannot serialise int: not a ptcekit value"):
            to_dict(42)

    def test_unknown_mode_is_checked(self) -> None:
        """The unknown-keys mode must be forbid or keep."""
        with pytest.raises(
            ValueError, match=r"Converter\.unknown: expected 'forbid' or 'keep', got 'drop'"
        ):
            make_converter(unknown="drop")  # type: ignore[arg-type]

    def test_unknown_backend(self) -> None:
        """Asking for a backend that is not installed is an error naming those that are."""
        with pytest.raises(
            ValueError, match=r"serialize\.backend: expected one of 'orjson', 'json'"
        ):
            dumps(m.Money(amount=1), backend="ujson")  # type: ignore[arg-type]

    def test_text_must_be_str_or_bytes(self) -> None:
        """Loads refuses anything but str or bytes with a ptcekit TypeError."""
        with pytest.raises(
            TypeError, match=r"loads.text: expected JSON text \(str or bytes\), got 3"
        ):
            loads(3)  # type: ignore[call-overload]
        assert loads(bytearray(b'{"amount":"1"}'), m.Money) == m.Money(amount=1)


class TestKeepUnknown:
    """unknown="keep": unknown keys are kept and written back verbatim."""

    DOCUMENT = (
        '{"ptcekit":"1","x_top":{"a":[1,2.5,null]},"actors":[{"type":"person","id":"p",'
        '"name":"P","x_note":"kept","x_big":123456789012345678901234567890,"x_small":1e-07}]}'
    )

    @pytest.mark.parametrize("backend", BACKENDS)
    def test_kept_keys_are_written_back(self, backend: Any) -> None:
        """Unknown keys at any depth come back after the known ones, in their order."""
        eco = loads(self.DOCUMENT, unknown="keep", backend=backend)
        assert eco.actors[0] == m.Person(id="p", name="P")
        text = dumps(eco, backend=backend)
        assert text == (
            b'{"ptcekit":"1","actors":[{"type":"person","id":"p","name":"P","x_note":"kept",'
            b'"x_big":123456789012345678901234567890,"x_small":1e-07}],"x_top":{"a":[1,2.5,null]}}'
        )
        assert to_dict(eco)["x_top"] == {"a": [1, 2.5, None]}

    def test_forbid_is_the_default(self) -> None:
        """The same document is refused by default, naming every unknown key."""
        with pytest.raises(LoadError) as info:
            loads(self.DOCUMENT)
        assert [p.path for p in info.value.problems] == [
            "$.x_top",
            "$.actors[0].x_note",
            "$.actors[0].x_big",
            "$.actors[0].x_small",
        ]

    def test_evolved_objects_drop_kept_keys(self) -> None:
        """A changed copy is a new value: it does not carry the kept keys."""
        eco = loads(self.DOCUMENT, unknown="keep")
        person = attrs.evolve(eco.actors[0], name="Q")
        assert to_dict(person) == {"type": "person", "id": "p", "name": "Q"}

    def test_kept_keys_are_forgotten_with_the_object(self) -> None:
        """Kept keys live on their object: no table keeps it alive."""
        converter = make_converter(unknown="keep")
        member = converter.structure({"actor": "a", "extra": 1}, m.Membership)
        assert kept_keys(member) == {"extra": 1}
        alive = weakref.ref(member)
        del member
        gc.collect()
        assert alive() is None

    def test_keep_with_bad_document_still_reports(self) -> None:
        """Keeping unknown keys does not hide real problems."""
        with pytest.raises(LoadError) as info:
            loads('{"ptcekit":"1","extra":1,"actors":[{"type":"person","id":"p"}]}', unknown="keep")
        assert [str(p) for p in info.value.problems] == [
            "$.actors[0].name: missing required key 'name' (expected a string)"
        ]


class TestFiles:
    """dump and load: files, atomically."""

    def test_dump_then_load(self, tmp_path: Path) -> None:
        """A dumped file ends with a newline and loads back equal."""
        path = tmp_path / "eco.json"
        dump(sample_ecosystem(), path, pretty=True)
        assert path.read_bytes().endswith(b"}\n")
        assert load(path) == sample_ecosystem()
        assert [p.name for p in tmp_path.iterdir()] == ["eco.json"]

    def test_crash_mid_write_keeps_the_old_file(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """If writing fails, the old file is intact and no temporary file is left."""
        path = tmp_path / "eco.json"
        dump(sample_ecosystem(), path)
        before = path.read_bytes()

        def crash(*args: object) -> None:
            raise OSError("disk full")

        monkeypatch.setattr(os, "fsync", crash)
        with pytest.raises(OSError, match="disk full"):
            dump(m.Ecosystem(), path)
        assert path.read_bytes() == before
        assert [p.name for p in tmp_path.iterdir()] == ["eco.json"]

    def test_permissions_are_kept(self, tmp_path: Path) -> None:
        """Replacing a file keeps its permission bits."""
        path = tmp_path / "eco.json"
        path.write_bytes(b"{}")
        path.chmod(0o640)
        dump(m.Ecosystem(), path)
        assert stat.S_IMODE(path.stat().st_mode) == 0o640
        assert path.read_bytes() == b'{"ptcekit":"1"}\n'

    def test_load_reports_problems(self, tmp_path: Path) -> None:
        """Load raises the LoadError of the file's content."""
        path = tmp_path / "bad.json"
        path.write_text('{"ptcekit": "1", "actors": 3}')
        with pytest.raises(LoadError, match=r"\$\.actors: expected an array, got 3 \(a number\)"):
            load(path)


def _version_0_to_1(document: dict[str, Any]) -> dict[str, Any]:
    """A synthetic format version 0 named the kind tag "kind" and the actors "members"."""
    upgraded = {key: value for key, value in document.items() if key != "members"}
    upgraded["actors"] = [
        {"type": actor["kind"], **{k: v for k, v in actor.items() if k != "kind"}}
        for actor in document.get("members", [])
    ]
    return upgraded


VERSION_0 = '{"ptcekit":"0","name":"Old","members":[{"kind":"person","id":"p","name":"P"}]}'


class TestFormatVersions:
    """Format versions: newer ones are refused, older ones upgraded through a registry."""

    def test_newer_version_is_refused(self) -> None:
        """A document of a newer format version fails with a message saying to upgrade ptcekit."""
        with pytest.raises(LoadError) as info:
            loads('{"ptcekit":"2","actors":[]}')
        assert [str(p) for p in info.value.problems] == [
            (
                "$.ptcekit: the document is in format version '2', newer than '1', "
                "the newest this ptcekit reads: upgrade ptcekit to load it"
            )
        ]

    def test_missing_or_malformed_version(self) -> None:
        """The version key is required, and is a string of digits."""
        with pytest.raises(LoadError) as info:
            loads('{"actors":[]}')
        assert [str(p) for p in info.value.problems] == [
            "$.ptcekit: missing required key 'ptcekit' (the format version, expected \"1\")"
        ]
        with pytest.raises(LoadError) as info:
            loads('{"ptcekit":1}')
        assert [str(p) for p in info.value.problems] == [
            '$.ptcekit: expected a format version written as a string such as "1", got 1 (a number)'
        ]

    @pytest.mark.parametrize("backend", BACKENDS)
    def test_older_version_is_upgraded(self, backend: Any) -> None:
        """A registry step turns a synthetic version 0 into the current version on load."""
        upgrades = Upgrades().with_step("0", "1", _version_0_to_1)
        eco = loads(VERSION_0, upgrades=upgrades, backend=backend)
        assert eco == m.Ecosystem(name="Old", actors=(m.Person(id="p", name="P"),))
        assert (
            dumps(eco)
            == b'{"ptcekit":"1","name":"Old","actors":[{"type":"person","id":"p","name":"P"}]}'
        )
        converter = make_converter(upgrades=upgrades)
        assert converter.structure(json.loads(VERSION_0), m.Ecosystem) == eco

    def test_older_version_without_upgrade(self) -> None:
        """Without a step from its version, an older document is refused with the versions known."""
        with pytest.raises(LoadError) as info:
            loads(VERSION_0)
        assert [str(p) for p in info.value.problems] == [
            "$.ptcekit: no upgrade from format version '0' to '1' (upgrades exist from: none)"
        ]
        assert UPGRADES.sources == ()

    def test_upgraded_document_is_checked_like_any_other(self) -> None:
        """Problems left after the upgrade are reported with their paths in the current format."""
        upgrades = Upgrades().with_step("0", "1", _version_0_to_1)
        with pytest.raises(LoadError) as info:
            loads(VERSION_0.replace('"person"', '"persn"'), upgrades=upgrades)
        assert info.value.problems[0].path == "$.actors[0].type"

    def test_failing_upgrade(self) -> None:
        """An upgrade that raises, or returns no dict, is a problem of the document."""

        def broken(document: dict[str, Any]) -> dict[str, Any]:
            raise KeyError("members")

        with pytest.raises(LoadError) as info:
            loads(VERSION_0, upgrades=Upgrades().with_step("0", "1", broken))
        assert [str(p) for p in info.value.problems] == [
            "$: upgrading from format version '0' to '1' failed: KeyError('members')"
        ]
        with pytest.raises(LoadError) as info:
            loads(VERSION_0, upgrades=Upgrades().with_step("0", "1", lambda d: [d]))  # type: ignore[arg-type,return-value]
        assert [str(p) for p in info.value.problems] == [
            "$: the upgrade from format version '0' returned list, expected a dict"
        ]

    def test_chained_upgrades(self) -> None:
        """Steps chain: 0 to 1 through an intermediate version is followed to the end."""
        upgrades = Upgrades().with_step("0", "1", _version_0_to_1)
        document = {"ptcekit": "0", "members": []}
        assert upgrades.upgrade(document, "0") == {"ptcekit": "1", "actors": []}
        assert document == {"ptcekit": "0", "members": []}
        two = upgrades.with_step("1", "2", lambda d: {**d, "x": 1})
        assert two.upgrade(document, "0", current="2") == {"ptcekit": "2", "actors": [], "x": 1}
        assert two.sources == ("0", "1")

    @pytest.mark.parametrize(
        ("source", "target", "message"),
        [
            ("x", "1", "Upgrades.source: expected a format version such as '1', got 'x'"),
            ("1", "1", "Upgrades.target: expected a version newer than the source '1', got '1'"),
            ("0", "01", "Upgrades.target: expected a format version such as '1', got '01'"),
        ],
    )
    def test_bad_steps(self, source: str, target: str, message: str) -> None:
        """Steps must go from a version to a newer one."""
        with pytest.raises(ValueError, match=re.escape(message)):
            Upgrades().with_step(source, target, _version_0_to_1)

    def test_one_step_per_source(self) -> None:
        """A version has at most one step."""
        upgrades = Upgrades().with_step("0", "1", _version_0_to_1)
        with pytest.raises(
            ValueError, match=r"Upgrades\.source: expected a version with no step yet, got '0'"
        ):
            upgrades.with_step("0", "2", _version_0_to_1)


def test_format_version_is_one() -> None:
    """The current format version is "1", written first in every document."""
    assert FORMAT_VERSION == "1"
    assert to_dict(m.Ecosystem()) == {"ptcekit": "1"}
