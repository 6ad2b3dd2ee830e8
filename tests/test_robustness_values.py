"""Robustness of values: junk into every identifier function and every model constructor.

After python-stdnum's robustness test and the practice of OSS-Fuzz, hypothesis
throws hostile values at ptcekit's ways in for values: every function of every
identifiers module, and every public model class's constructor (a valid value
with one to three fields replaced by junk). Each run asserts that:

- only ptcekit errors come out (each one printable), and ``is_*`` functions
  only ever return a ``bool``, whatever they are given;
- an accepted value can be shown (``repr``), written and read back equal;
- no call costs more than a bounded time per byte of its input.

The junk is hostile on purpose: integers and fractions of thousands of digits,
decimals with huge exponents, NaN and infinities, surrogates (paired and
lone), strings of 64 kB (a URL among them), objects whose ``repr`` raises,
``str`` and ``int`` subclasses whose methods raise, deep and cyclic
containers, and values of the wrong kind.

The number of inputs follows the hypothesis profile (``tests/conftest.py``):
a few hundred locally, 1,500 in CI (``HYPOTHESIS_PROFILE=ci``), and
as many as the profile gives with ``HYPOTHESIS_PROFILE=robustness-long``::

    HYPOTHESIS_PROFILE=robustness-long python -m pytest tests/test_robustness_values.py
"""

from __future__ import annotations

import datetime as dt
import gc
import inspect
import math
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from fractions import Fraction
from types import ModuleType
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ptcekit import identifiers, model, testing
from ptcekit.errors import PtcekitError
from ptcekit.model import validators as c
from ptcekit.serialize import dumps, from_dict, loads, to_dict

PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "fast")
#: Inputs per test: the long profile's own count, else a few hundred (local) or thousands (CI).
INPUTS = {"fast": 300, "ci": 1500}.get(PROFILE, settings.default.max_examples)

ROBUST = settings(
    max_examples=INPUTS,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

#: The most processor time one call may take: a fixed allowance (a valid
#: ecosystem is checked as a whole) and a bound per byte of junk. A quadratic
#: check on a 64 kB string takes seconds; a linear one, microseconds.
ALLOWANCE = 0.25
PER_BYTE = 2e-6


# -- hostile values ----------------------------------------------------------


class Unprintable:
    """An object whose repr raises."""

    def __repr__(self) -> str:
        raise RuntimeError


class HostileText(str):
    """A str whose methods raise: what a careless subclass or an attacker hands over."""

    __slots__ = ()

    def strip(self, chars: str | None = None) -> str:
        raise RuntimeError

    def upper(self) -> str:
        raise RuntimeError

    def translate(self, table: Any) -> str:
        raise RuntimeError

    def __repr__(self) -> str:
        raise RuntimeError

    def __len__(self) -> int:
        raise RuntimeError


class HostileInt(int):
    """An int whose repr and conversions raise."""

    def __repr__(self) -> str:
        raise RuntimeError

    def __index__(self) -> int:
        raise RuntimeError


class PlainText(str):
    """A str subclass that changes nothing."""

    __slots__ = ()


def _nested(depth: int) -> list[Any]:
    value: list[Any] = []
    for _ in range(depth):
        value = [value]
    return value


def _cycle() -> list[Any]:
    value: list[Any] = []
    value.append(value)
    return value


#: Values chosen to break messages, bounds, patterns and round trips.
SPECIAL: tuple[Any, ...] = (
    None,
    True,
    0,
    -1,
    2**63,
    2**64,
    10**64 - 1,
    10**64,
    -(10**64),
    10**4300,
    10**5000,
    -(10**5000),
    HostileInt(7),
    math.nan,
    math.inf,
    -math.inf,
    -0.0,
    5e-324,
    1e308,
    Decimal("NaN"),
    Decimal("sNaN"),
    Decimal("-Infinity"),
    Decimal("1E+999999999"),
    Decimal("1E-999999999"),
    Decimal("0E-1000"),
    Decimal("1" * 70),
    Fraction(1, 10**5000),
    Fraction(10**30, 7),
    Fraction(1, 10**24),
    Fraction(-1, 3),
    "",
    " ",
    "\n",
    "\x00",
    "a\udbff\udfffb",
    "\udbff",
    "\udfff\udbff",
    "\ufeffEUR",
    "٢٦٢٨١",  # Arabic-Indic digits
    "２６２８１",  # full-width digits
    "732 829 320",
    "73282932000074",
    "W261000001",
    "2a004",
    " eur",
    "88.99b",
    "1/0",
    "1/" + "9" * 25,
    "0." + "0" * 100 + "1",
    "1E+999999999",
    "-0",
    "1e400",
    "x" * 65_536,
    "1" * 65_536,
    "http://" + "a" * 65_536 + " ",
    "https://example.org/" + "\U0001f600" * 100,
    PlainText("26281"),
    HostileText("26281"),
    HostileText(""),
    b"26281",
    bytearray(b"EUR"),
    Unprintable(),
    object(),
    (),
    ("a", "a"),
    [],
    {},
    frozenset({"x"}),
    {"x"},
    1 + 2j,
    dt.date(1, 1, 1),
    dt.datetime(2024, 1, 1, tzinfo=dt.UTC),
    model.MemberRole.LEAD,
    model.Money(amount=1),
    _nested(2_000),
    _cycle(),
)

#: The values every field of every class is given in turn.
HOSTILE: tuple[Any, ...] = (
    10**5000,
    10**64,
    Fraction(1, 10**5000),
    Decimal("1E-999999999"),
    "\udbff",
    "a\udbff\udfffb",
    "http://" + "a" * 65_536 + " ",
    Unprintable(),
    HostileText("x"),
    HostileInt(1),
)

#: Text from the whole of Unicode, surrogates included.
ANY_TEXT = st.text(st.characters(exclude_categories=()), max_size=40)

#: Junk hypothesis can show in its reports; hostile objects are drawn by their index in SPECIAL.
SHOWABLE: st.SearchStrategy[Any] = st.one_of(
    ANY_TEXT,
    st.integers(),
    st.floats(),
    st.decimals(),
    st.fractions(),
    st.lists(ANY_TEXT | st.integers(), max_size=4),
)


def draw_junk(data: st.DataObject, label: str, *, hostile_text: bool = True) -> Any:
    """Draw a junk value: one of SPECIAL (by index, so that reports never call its repr), or showable junk.

    Without ``hostile_text``, ``str`` subclasses whose methods raise are left
    out, for functions documented to take a str and free to call its methods.
    """
    choices = [
        index
        for index, value in enumerate(SPECIAL)
        if hostile_text or not isinstance(value, HostileText)
    ]
    kind = data.draw(
        st.sampled_from(("special", "special", "showable", "list")), label=f"{label} kind"
    )
    if kind == "special":
        return SPECIAL[data.draw(st.sampled_from(choices), label=f"{label} (index in SPECIAL)")]
    if kind == "list":
        indices = data.draw(
            st.lists(st.sampled_from(choices), max_size=3), label=f"{label} (indices)"
        )
        return [SPECIAL[index] for index in indices]
    return data.draw(SHOWABLE, label=label)


def size_of(value: object, depth: int = 0) -> int:
    """A rough size in bytes of the junk, for the time bound."""
    if isinstance(value, str | bytes | bytearray):
        return str.__len__(value) if isinstance(value, str) else len(value)
    if isinstance(value, int) and not isinstance(value, HostileInt):
        return value.bit_length() // 3 + 1
    if isinstance(value, Fraction):
        return (value.numerator.bit_length() + value.denominator.bit_length()) // 3 + 1
    if isinstance(value, list | tuple) and depth < 3:
        return sum(size_of(item, depth + 1) for item in value) + 8
    return 8


@contextmanager
def bounded(size: int) -> Iterator[None]:
    """Assert the block takes no more processor time than the allowance and the per-byte bound."""
    enabled = gc.isenabled()
    gc.disable()  # a collection of the test's own garbage is not the code's cost
    start = time.thread_time()
    try:
        yield
    finally:
        spent = time.thread_time() - start
        if enabled:
            gc.enable()
    assert spent <= ALLOWANCE + PER_BYTE * size, (spent, size)


def outcome(call: Callable[[], object]) -> object:
    """What ``call`` returns, or the ptcekit error it raises (checked printable); anything else propagates."""
    try:
        result = call()
    except PtcekitError as error:
        result = error
    if isinstance(result, PtcekitError):
        assert str(result)
        assert isinstance(result, ValueError | TypeError | KeyError)
    return result


# -- identifiers -------------------------------------------------------------

MODULES: tuple[ModuleType, ...] = tuple(
    getattr(identifiers, name)
    for name in identifiers.__all__
    if isinstance(getattr(identifiers, name), ModuleType)
)


def _takes_a_value(function: object) -> bool:
    """Whether ``function`` is a public function whose first parameter is the identifier ``value``."""
    if not callable(function) or isinstance(function, type):
        return False
    parameters = list(inspect.signature(function).parameters)
    return parameters[:1] == ["value"]


#: Every public function of every identifiers module that takes an identifier value.
FUNCTIONS: tuple[tuple[str, Callable[[Any], Any]], ...] = tuple(
    (f"{module.__name__.rsplit('.', 1)[1]}.{name}", getattr(module, name))
    for module in MODULES
    for name in module.__all__
    if _takes_a_value(getattr(module, name))
)


class TestIdentifiers:
    def test_every_module_and_function_is_reached(self) -> None:
        """The junk reaches all nine identifiers modules and each of their functions."""
        assert len(MODULES) == 9
        names = {name for name, _ in FUNCTIONS}
        for module in MODULES:
            short = module.__name__.rsplit(".", 1)[1]
            assert {
                f"{short}.{name}" for name in ("compact", "validate", "is_valid", "format")
            } <= names

    @ROBUST
    @given(data=st.data())
    def test_junk_gives_a_ptcekit_error_or_a_result(self, data: st.DataObject) -> None:
        """Any function of any identifiers module returns or raises a ptcekit error; is_* returns a bool."""
        name, function = data.draw(st.sampled_from(FUNCTIONS), label="function")
        predicate = name.split(".")[1].startswith("is_")
        value = draw_junk(data, "value", hostile_text=predicate)
        with bounded(size_of(value)):
            result = outcome(lambda: function(value))
        if predicate:
            assert type(result) is bool

    @ROBUST
    @given(data=st.data())
    def test_is_valid_agrees_with_validate(self, data: st.DataObject) -> None:
        """is_valid is True exactly when validate accepts, and then validate is idempotent."""
        module = data.draw(st.sampled_from(MODULES), label="module")
        value = draw_junk(data, "value")
        valid = module.is_valid(value)
        assert type(valid) is bool
        if isinstance(value, HostileText):
            assert valid is False
            return
        result = outcome(lambda: module.validate(value))
        assert valid is not isinstance(result, PtcekitError)
        if valid:
            assert module.validate(result) == result
            assert module.is_valid(module.format(value)) is True

    @pytest.mark.parametrize(
        ("name", "predicate"),
        [(name, function) for name, function in FUNCTIONS if name.split(".")[1].startswith("is_")],
        ids=lambda item: item if isinstance(item, str) else "",
    )
    @pytest.mark.parametrize(
        "value",
        [
            10**5000,
            Fraction(1, 10**5000),
            Unprintable(),
            HostileText("x"),
            HostileInt(1),
            _nested(5000),
        ],
        ids=["int-5001-digits", "fraction", "unprintable", "hostile-str", "hostile-int", "nested"],
    )
    def test_predicates_never_raise(
        self, name: str, predicate: Callable[[Any], Any], value: object
    ) -> None:
        """The review's reproducers: every is_* function returns False, whatever it is given."""
        assert predicate(value) is False


# -- model constructors ------------------------------------------------------

#: The abstract bases: no value is of these classes exactly.
ABSTRACT = (model.Actor, model.Organisation, model.MutualisedAsset)
CONCRETE = sorted(
    (
        getattr(model, name)
        for name in model.__all__
        if attrs.has(getattr(model, name)) and getattr(model, name) not in ABSTRACT
    ),
    key=lambda cls: cls.__name__,
)

#: One strategy of valid values per concrete class, kept small: junk is what matters here.
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
    model.Statutes: testing.statutes(max_rules=2),
    model.RegisterEntry: testing.register_entries(),
    model.Attendance: testing.attendances(),
    model.Vote: testing.votes(),
    model.CollegeTally: testing.college_tallies(),
    model.Resolution: testing.resolutions(),
    model.Meeting: testing.meetings(max_resolutions=2),
    model.Ecosystem: testing.ecosystems(max_actors=2, max_poles=1, max_assets=1, max_agreements=1),
}


def _fields(cls: type[Any]) -> list[str]:
    return [field.name for field in attrs.fields(cls) if field.init]


def round_trips(value: Any) -> None:
    """An accepted value shows, writes and reads back equal, with both backends."""
    assert repr(value)
    cls = type(value)
    assert from_dict(to_dict(value), cls) == value
    for backend in ("json", "orjson"):
        assert loads(dumps(value, backend=backend), cls) == value


class TestConstructors:
    def test_every_concrete_class_is_reached(self) -> None:
        """The junk reaches every public concrete class of the model."""
        assert set(CONCRETE) == set(STRATEGIES)

    @ROBUST
    @given(data=st.data())
    def test_junk_in_one_to_three_fields(self, data: st.DataObject) -> None:
        """A valid value with junk in one to three fields is built or refused with a ptcekit error; what is built round-trips."""
        cls = data.draw(st.sampled_from(CONCRETE), label="class")
        value = data.draw(STRATEGIES[cls], label="valid value")
        names = data.draw(
            st.lists(st.sampled_from(_fields(cls)), min_size=1, max_size=3, unique=True),
            label="fields",
        )
        changes = {name: draw_junk(data, name) for name in names}
        with bounded(sum(size_of(junk) for junk in changes.values())):
            result = outcome(lambda: attrs.evolve(value, **changes))
        if not isinstance(result, PtcekitError):
            assert type(result) is cls
            round_trips(result)

    @pytest.mark.parametrize("cls", CONCRETE, ids=lambda cls: cls.__name__)
    @settings(max_examples=2, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(data=st.data())
    def test_every_field_of_every_class(self, cls: type[Any], data: st.DataObject) -> None:
        """Each field of each class, given each hostile value in turn, builds or refuses; what is built round-trips."""
        value = data.draw(STRATEGIES[cls], label="valid value")
        for name in _fields(cls):
            for junk in HOSTILE:
                with bounded(size_of(junk)):
                    result = outcome(lambda: attrs.evolve(value, **{name: junk}))  # noqa: B023 -- called at once
                if not isinstance(result, PtcekitError):
                    round_trips(result)


# -- checks across items: linear in the number of items -------------------------

MANY = 20_000


def _many_repeated_last(make: Callable[[str], Any]) -> tuple[Any, ...]:
    """MANY distinct items, then the last one again: the worst case for finding the repeat."""
    return (*(make(f"a{n}") for n in range(MANY)), make(f"a{MANY - 1}"))


class TestChecksAcrossItems:
    """Finding the repeated item of a long tuple is linear (it counted each item's repeats, quadratic)."""

    @pytest.mark.parametrize(
        ("build", "expected"),
        [
            (
                lambda: model.PartnershipAgreement(
                    id="x",
                    kind="partnership",
                    title="T",
                    parties=_many_repeated_last(lambda actor: model.Party(actor=actor)),
                ),
                f"distinct parties ('a{MANY - 1}' is a party twice)",
            ),
            (
                lambda: model.CostSharingKey(
                    method="fixed",
                    shares=_many_repeated_last(
                        lambda actor: model.KeyShare(actor=actor, fraction=Fraction(1, 2 * MANY))
                    ),
                ),
                f"one share per actor ('a{MANY - 1}' has two)",
            ),
            (
                lambda: model.Governance(
                    colleges=_many_repeated_last(lambda name: model.College(name=name))
                ),
                f"colleges with distinct names ('a{MANY - 1}' is repeated)",
            ),
        ],
        ids=["parties", "key-shares", "colleges"],
    )
    def test_a_repeat_among_many_is_found_in_linear_time(
        self, build: Callable[[], object], expected: str
    ) -> None:
        """20,000 items with the last one repeated are refused in well under a second, naming the repeat."""
        start = time.thread_time()
        with pytest.raises(PtcekitError) as info:
            build()
        assert time.thread_time() - start < 2.0  # it took about 30 s when quadratic
        assert getattr(info.value, "expected", None) == expected

    def test_repeated_keeps_the_first_item_that_occurs_twice(self) -> None:
        """The linear search names the same item as the former one: the first that occurs more than once."""
        assert c.repeated(["a", "b", "b", "a"]) == "a"
        assert c.repeated(["x", "b", "c", "c"]) == "c"
