"""Junk input gives a ptcekit error, never anything else: on construction, on load, for every type."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import ptcekit
from ptcekit import model, testing
from ptcekit.errors import InvalidValueError, LoadError, PtcekitError
from ptcekit.serialize import from_dict, loads, to_dict

#: The abstract bases: no value is of these classes exactly.
ABSTRACT = (model.Actor, model.Organisation, model.MutualisedAsset)
#: Every public, concrete attrs class of the model.
CONCRETE = sorted(
    (
        getattr(model, name)
        for name in model.__all__
        if attrs.has(getattr(model, name)) and getattr(model, name) not in ABSTRACT
    ),
    key=lambda cls: cls.__name__,
)

#: One strategy of valid values per concrete class, from ptcekit.testing.
STRATEGIES: dict[type[Any], st.SearchStrategy[Any]] = {
    model.Money: testing.moneys(),
    model.Period: testing.periods(),
    model.Share: testing.shares(),
    model.Identifier: testing.identifiers(),
    model.Place: testing.places(),
    model.Quantity: testing.quantities(),
    model.Territory: testing.territories(),
    model.College: testing.colleges(),
    model.Body: testing.bodies(),
    model.Governance: testing.governances(),
    model.AssociateCategory: testing.associate_categories(),
    model.EsusApproval: testing.esus_approvals(),
    model.PayData: testing.pay_data(),
    model.Person: testing.persons(),
    model.Association: testing.associations(),
    model.Foundation: testing.foundations(),
    model.Mutual: testing.mutuals(),
    model.Cooperative: testing.cooperatives(),
    model.Company: testing.companies(),
    model.PublicBody: testing.public_bodies(),
    model.ResearchBody: testing.research_bodies(),
    model.TrainingBody: testing.training_bodies(),
    model.Grouping: testing.groupings(),
    model.Membership: testing.memberships(),
    model.Pole: testing.poles(),
    model.Ownership: testing.ownerships(),
    model.Allocation: testing.allocations(),
    model.KeyShare: testing.key_shares(),
    model.CostSharingKey: testing.cost_sharing_keys(),
    model.SharedPremises: testing.shared_premises(),
    model.SharedEquipment: testing.shared_equipment(),
    model.SharedEmployee: testing.shared_employees(),
    model.SharedFund: testing.shared_funds(),
    model.SharedService: testing.shared_services(),
    model.ImmaterialAsset: testing.immaterial_assets(),
    model.Party: testing.parties(),
    model.Commitment: testing.commitments(),
    model.PartnershipAgreement: testing.partnership_agreements(),
    model.Quorum: testing.quorums(),
    model.Majority: testing.majorities(),
    model.DecisionRule: testing.decision_rules(),
    model.Statutes: testing.statutes(),
    model.RegisterEntry: testing.register_entries(),
    model.Attendance: testing.attendances(),
    model.Vote: testing.votes(),
    model.CollegeTally: testing.college_tallies(),
    model.Resolution: testing.resolutions(),
    model.Meeting: testing.meetings(),
    model.Ecosystem: testing.ecosystems(max_actors=3, max_poles=2, max_assets=2, max_agreements=2),
}

#: JSON-like junk: what a careless producer might write anywhere in a document.
JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)

#: Python junk for constructors: JSON-like values and some Python-only ones.
PYTHON = JSON | st.sampled_from(
    [math.nan, math.inf, b"bytes", object(), (), frozenset(), 1.5, True]
)


def outcome(build: Callable[[], object]) -> object:
    """Return what ``build`` returns, or the ptcekit error it raises (any other error propagates)."""
    try:
        return build()
    except PtcekitError as error:
        return error


def _field_names(cls: type[Any]) -> list[str]:
    return [field.name for field in attrs.fields(cls) if field.init]


class TestCoverage:
    def test_every_concrete_class_has_a_strategy(self) -> None:
        """The junk tests below reach every concrete class of the model."""
        assert set(CONCRETE) == set(STRATEGIES)


class TestConstruction:
    @pytest.mark.parametrize("cls", CONCRETE, ids=lambda cls: cls.__name__)
    @given(data=st.data())
    def test_junk_in_any_field_is_a_ptcekit_error(
        self, cls: type[Any], data: st.DataObject
    ) -> None:
        """Replacing one field of a valid value with junk builds a value or raises a PtcekitError."""
        value = data.draw(STRATEGIES[cls])
        name = data.draw(st.sampled_from(_field_names(cls)))
        junk = data.draw(PYTHON)
        result = outcome(lambda: attrs.evolve(value, **{name: junk}))
        if isinstance(result, PtcekitError):
            assert isinstance(result, ValueError | TypeError | KeyError)
            assert str(result)
        else:
            assert type(result) is cls


class TestLoading:
    @pytest.mark.parametrize("cls", CONCRETE, ids=lambda cls: cls.__name__)
    @given(data=st.data())
    def test_junk_in_any_key_is_a_load_error(self, cls: type[Any], data: st.DataObject) -> None:
        """A valid wire dict with one key's value (or a new key) replaced by junk loads or raises LoadError."""
        wire = to_dict(data.draw(STRATEGIES[cls]))
        key = data.draw(st.sampled_from([*sorted(wire), "unknown_key"]))
        wire[key] = data.draw(JSON)
        result = outcome(lambda: from_dict(wire, cls))
        if isinstance(result, PtcekitError):
            assert isinstance(result, LoadError)
            assert result.problems
            assert all(problem.path.startswith("$") for problem in result.problems)
        else:
            assert type(result) is cls

    @pytest.mark.parametrize("cls", CONCRETE, ids=lambda cls: cls.__name__)
    @given(junk=JSON)
    def test_any_json_value_is_loaded_or_refused(self, cls: type[Any], junk: object) -> None:
        """Any JSON value, read as any class, loads or raises LoadError."""
        result = outcome(lambda: from_dict(junk, cls))
        if isinstance(result, PtcekitError):
            assert isinstance(result, LoadError)
            assert result.problems
        else:
            assert type(result) is cls

    @given(text=st.binary(max_size=64) | st.text(max_size=64))
    def test_any_bytes_are_loaded_or_refused(self, text: bytes | str) -> None:
        """Arbitrary text or bytes given to loads raise LoadError (or, rarely, load)."""
        result = outcome(lambda: loads(text))
        if isinstance(result, PtcekitError):
            assert isinstance(result, LoadError)
            assert result.problems
        else:
            assert type(result) is model.Ecosystem

    @given(junk=JSON)
    def test_junk_documents(self, junk: object) -> None:
        """A document whose top-level lists hold junk raises LoadError with paths."""
        document = {"ptcekit": "1", "actors": [junk], "poles": [junk]}
        with pytest.raises(LoadError) as info:
            ptcekit.from_dict(document)
        assert {problem.path.split("[")[0] for problem in info.value.problems} <= {
            "$.actors",
            "$.poles",
        }


class TestHugeNumbers:
    """Numbers past what Python converts are refused with a message, not a crash."""

    @pytest.mark.parametrize("backend", ["json", "orjson"])
    def test_an_integer_of_5000_digits(self, backend: str) -> None:
        """An int with more digits than the wire carries is refused at its path (both backends)."""
        text = (
            '{"ptcekit": "1", "actors": [{"type": "company", "id": "a", "name": "A", "headcount": %s}]}'
            % ("9" * 5000)
        )
        with pytest.raises(LoadError) as info:
            loads(text, backend=backend)  # type: ignore[arg-type]  # the backend names are literals
        assert [str(p) for p in info.value.problems] == [
            "$.actors[0].headcount: expected an integer, got an integer of 5000 digits, more than 64"
        ]

    @pytest.mark.parametrize("backend", ["json", "orjson"])
    def test_a_decimal_exponent_beyond_the_context(self, backend: str) -> None:
        """An amount whose exponent Decimal cannot hold is refused at its path."""
        text = '{"ptcekit": "1", "assets": [{"type": "shared_fund", "id": "f", "name": "F", "endowment": {"amount": "0E1000000000000000000"}}]}'
        with pytest.raises(LoadError) as info:
            loads(text, backend=backend)  # type: ignore[arg-type]  # the backend names are literals
        assert [p.path for p in info.value.problems] == ["$.assets[0].endowment.amount"]

    def test_a_fraction_of_too_many_digits(self) -> None:
        """A fraction string Python cannot convert is a clear value error."""
        with pytest.raises(InvalidValueError) as info:
            model.Share(fraction="1" * 5000)
        assert info.value.field == "fraction"
        assert str(info.value).startswith(
            "Share.fraction: expected a fraction string such as '1/3'"
        )
        with pytest.raises(InvalidValueError):
            model.Money(amount="0E1000000000000000000")
