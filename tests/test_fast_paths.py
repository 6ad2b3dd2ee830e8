"""Tests of the fast paths: they accept and refuse exactly what the reference checks do."""

from __future__ import annotations

import collections
import copy
import datetime as dt
import importlib
import string
from fractions import Fraction
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from stdnum.fr import siren as stdnum_siren
from stdnum.fr import siret as stdnum_siret

import ptcekit.identifiers
from ptcekit import testing as ptesting
from ptcekit.errors import InvalidValueError, LoadError, Problem
from ptcekit.identifiers import siren, siret
from ptcekit.model import (
    Actor,
    Allocation,
    AssociateCategory,
    Body,
    College,
    Commitment,
    CostSharingKey,
    Ecosystem,
    EsusApproval,
    Governance,
    Identifier,
    KeyShare,
    MemberRole,
    Membership,
    Money,
    MutualisedAsset,
    Ownership,
    PartnershipAgreement,
    Party,
    PayData,
    Period,
    Person,
    Place,
    Pole,
    Quantity,
    Share,
    Territory,
)
from ptcekit.model import validators as c
from ptcekit.serialize import _codegen, dumps, from_dict, kept_keys, to_dict
from ptcekit.serialize._converter import Converter, _node_for, default_converter
from ptcekit.serialize._diagnose import Diagnosis
from ptcekit.serialize._fields import Poly
from ptcekit.serialize._wire import DECIMAL_PATTERN, WireError, parse_decimal

DIGITS = st.text(string.digits, min_size=1, max_size=1)


def luhn_digit(head: str) -> str:
    """The digit that makes ``head`` + digit pass Luhn (computed the slow, obvious way)."""
    total = 0
    for place, char in enumerate(reversed(head + "0")):
        digit = int(char) * (2 if place % 2 else 1)
        total += digit - 9 if digit > 9 else digit
    return str(-total % 10)


def digit_strings(size: int) -> st.SearchStrategy[str]:
    """Strings of ``size`` ASCII digits."""
    return st.text(string.digits, min_size=size, max_size=size)


valid_sirens = digit_strings(8).map(lambda head: head + luhn_digit(head))


@st.composite
def valid_sirets(draw: st.DrawFn) -> str:
    """SIRETs that pass: a valid SIREN, a NIC and a Luhn digit over the 14 digits."""
    head = draw(valid_sirens) + draw(digit_strings(4))
    return head + luhn_digit(head)


@st.composite
def la_poste_sirets(draw: st.DrawFn) -> str:
    """La Poste SIRETs, valid or not: its SIREN and any NIC."""
    return siret.LA_POSTE_SIREN + draw(digit_strings(5))


@st.composite
def near(draw: st.DrawFn, numbers: st.SearchStrategy[str]) -> str:
    """A number with one digit changed, or two neighbours swapped: the typos Luhn is for."""
    number = draw(numbers)
    place = draw(st.integers(0, len(number) - 2))
    if draw(st.booleans()):
        digit = draw(DIGITS)
        return number[:place] + digit + number[place + 1 :]
    return number[:place] + number[place + 1] + number[place] + number[place + 2 :]


class TestSirenFastPath:
    @given(digit_strings(9))
    def test_agrees_with_stdnum_on_random_digits(self, number: str) -> None:
        """On any 9 ASCII digits, the fast check and python-stdnum give the same answer."""
        assert siren.is_valid_compact(number) is stdnum_siren.is_valid(number)

    @given(st.one_of(valid_sirens, near(valid_sirens)))
    def test_agrees_with_stdnum_near_valid(self, number: str) -> None:
        """On valid SIRENs and their one-typo neighbours, the answers agree too."""
        assert siren.is_valid_compact(number) is stdnum_siren.is_valid(number)

    @given(valid_sirens)
    def test_accepted_means_validate_returns_it(self, number: str) -> None:
        """What the fast check accepts, validate accepts and returns unchanged."""
        assert siren.is_valid_compact(number) is True
        assert siren.validate(number) == number

    @given(st.text(max_size=12))
    def test_only_compact_forms(self, value: str) -> None:
        """Anything but 9 ASCII digits is never accepted by the fast check."""
        compact = len(value) == 9 and all(char in string.digits for char in value)
        if not compact:
            assert siren.is_valid_compact(value) is False

    def test_other_forms_are_left_to_validate(self) -> None:
        """Spaced forms, other digits and non-strings get False, not an error."""
        assert siren.is_valid_compact("732 829 320") is False
        assert siren.validate("732 829 320") == "732829320"
        assert siren.is_valid_compact("٧٣٢٨٢٩٣٢٠") is False  # Arabic-Indic digits
        assert siren.is_valid_compact(732829320) is False
        assert siren.is_valid_compact(None) is False


class TestSiretFastPath:
    @given(digit_strings(14))
    def test_agrees_with_stdnum_on_random_digits(self, number: str) -> None:
        """On any 14 ASCII digits, the fast check and python-stdnum give the same answer."""
        assert siret.is_valid_compact(number) is stdnum_siret.is_valid(number)

    @given(st.one_of(valid_sirets(), near(valid_sirets()), la_poste_sirets()))
    def test_agrees_with_stdnum_near_valid(self, number: str) -> None:
        """On valid SIRETs, their one-typo neighbours and La Poste's, the answers agree too."""
        assert siret.is_valid_compact(number) is stdnum_siret.is_valid(number)

    def test_every_la_poste_nic(self) -> None:
        """All 100,000 La Poste SIRETs: the fast check agrees with python-stdnum on each."""
        for nic in range(100_000):
            number = f"{siret.LA_POSTE_SIREN}{nic:05d}"
            assert siret.is_valid_compact(number) is stdnum_siret.is_valid(number), number
        assert siret.is_valid_compact("35600000000048") is True  # the head office, by Luhn

    def test_embedded_siren_must_pass(self) -> None:
        """A number that passes Luhn over 14 digits but whose SIREN does not is refused."""
        number = "73282932100007"
        assert stdnum_siret.is_valid(number) is False
        assert siret.is_valid_compact(number) is False

    @given(valid_sirets())
    def test_accepted_means_validate_returns_it(self, number: str) -> None:
        """What the fast check accepts, validate accepts and returns unchanged."""
        assert siret.is_valid_compact(number) is True
        assert siret.validate(number) == number

    @given(st.text(max_size=16))
    def test_only_compact_forms(self, value: str) -> None:
        """Anything but 14 ASCII digits is never accepted by the fast check."""
        compact = len(value) == 14 and all(char in string.digits for char in value)
        if not compact:
            assert siret.is_valid_compact(value) is False

    def test_other_forms_are_left_to_validate(self) -> None:
        """Spaced forms and non-strings get False, not an error."""
        assert siret.is_valid_compact("732 829 320 00074") is False
        assert siret.is_valid_compact(b"73282932000074") is False


class TestModelUsesTheFastPath:
    def test_valid_identifiers_are_kept(self) -> None:
        """A compact SIREN and SIRET pass construction unchanged."""
        person = Person(id="p", name="P", siren="732829320", sirets=("73282932000074",))
        assert (person.siren, person.sirets) == ("732829320", ("73282932000074",))

    def test_refusals_keep_their_messages(self) -> None:
        """A bad check digit is still refused with python-stdnum's precise reason."""
        with pytest.raises(InvalidValueError) as caught:
            Person(id="p", name="P", sirets=("73282932000075",))
        assert str(caught.value) == (
            "Person.sirets[0]: expected a valid SIRET (the Luhn check digit over the 14 digits "
            "does not match), got '73282932000075'"
        )


# -- the loader's fast path: the same answers as the classes themselves ------

FAILED = object()

#: Values a mutation puts in a wire document: wrong types, out-of-range
#: numbers and fractions, broken identifiers, blank and multi-line text.
JUNK_VALUES: tuple[Any, ...] = (
    None,
    True,
    False,
    0,
    -1,
    1,
    1899,
    2101,
    0.5,
    "",
    " ",
    "a\nb",
    "x",
    "0",
    "-1",
    "1/2",
    "3/2",
    "-1/3",
    "0/1",
    "2",
    "12.50",
    "-3",
    "0.0",
    "1E+3",
    "2024-01-01",
    "1990-06-30",
    "2024-02-30",
    "732829320",
    "732829321",
    "73282932000074",
    "73282932000075",
    "35600000000001",
    "W261000001",
    "W26100000",
    "88.99B",
    "00.00Z",
    "26281",
    "99999",
    "2A004",
    "EUR",
    "XXX",
    "eur",
    "https://example.org",
    "ftp://example.org",
    "bogus",
    "lead",
    "fixed",
    "equal",
    "money",
    [],
    ["x"],
    {},
)

STRATEGIES: dict[type[Any], st.SearchStrategy[Any]] = {
    Period: ptesting.periods(),
    Share: ptesting.shares(),
    Money: ptesting.moneys(),
    Place: ptesting.places(),
    Quantity: ptesting.quantities(),
    Identifier: ptesting.identifiers(),
    Territory: ptesting.territories(),
    Membership: ptesting.memberships(),
    Ownership: ptesting.ownerships(),
    Allocation: ptesting.allocations(),
    KeyShare: ptesting.key_shares(),
    CostSharingKey: ptesting.cost_sharing_keys(),
    Party: ptesting.parties(),
    Commitment: ptesting.commitments(),
    PartnershipAgreement: ptesting.partnership_agreements(),
    Pole: ptesting.poles(),
    College: ptesting.colleges(),
    Body: ptesting.bodies(),
    Governance: ptesting.governances(),
    AssociateCategory: ptesting.associate_categories(),
    EsusApproval: ptesting.esus_approvals(),
    PayData: ptesting.pay_data(),
    Actor: ptesting.actors(),
    MutualisedAsset: ptesting.mutualised_assets(),
    Ecosystem: ptesting.ecosystems(max_actors=4, max_poles=2, max_assets=2, max_agreements=2),
}


def paths(value: Any, here: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in a wire value: keys of objects and positions in arrays."""
    found = [here]
    if isinstance(value, dict):
        for key, item in value.items():
            found.extend(paths(item, (*here, key)))
    elif isinstance(value, list):
        for position, item in enumerate(value):
            found.extend(paths(item, (*here, position)))
    return found


@st.composite
def mutated(draw: st.DrawFn, data: Any) -> Any:
    """``data`` with one to three changes: a value replaced, a key dropped, an item repeated, dates swapped."""
    data = copy.deepcopy(data)
    for _ in range(draw(st.integers(1, 3))):
        where = draw(st.sampled_from(paths(data)))
        if not where:
            continue
        parent = data
        for step in where[:-1]:
            parent = parent[step]
        last = where[-1]
        action = draw(st.sampled_from(("replace", "replace", "drop", "repeat", "swap")))
        if action == "drop" and isinstance(parent, dict):
            del parent[last]
        elif action == "repeat" and isinstance(parent, list):
            parent.append(copy.deepcopy(parent[last]))
        elif action == "swap" and isinstance(parent, dict) and {"start", "end"} <= parent.keys():
            parent["start"], parent["end"] = parent["end"], parent["start"]
        else:
            parent[last] = copy.deepcopy(draw(st.sampled_from(JUNK_VALUES)))
    return data


def same(left: Any, right: Any) -> bool:
    """Equal, and of the same types all the way down (``Decimal('1') == 1`` is not enough)."""
    if type(left) is not type(right):
        return False
    if attrs.has(type(left)):
        return all(
            same(getattr(left, field.name), getattr(right, field.name))
            for field in attrs.fields(type(left))
            if field.init
        )
    if isinstance(left, tuple):
        return len(left) == len(right) and all(map(same, left, right))
    return bool(left == right)


def fast_then_reference(
    data: Any, cls: type[Any], converter: Converter | None = None
) -> tuple[Any, Any, list[Problem]]:
    """Read ``data`` with the generated function alone, then with the diagnosis (the classes' own checks)."""
    converter = converter if converter is not None else default_converter()
    structurer = converter.structurer
    node = _node_for(cls)
    try:
        if isinstance(node, Poly):
            fast = structurer.dispatcher(node.base)[data["type"]](data)
        else:
            fast = structurer.structure_fn(cls)(data)
    except Exception:  # any failure of the fast path means: refused
        fast = FAILED
    # the reference calls the classes on every part (no fast function on any part)
    diagnosis = Diagnosis(fast=False)
    reference = converter.diagnoser.diagnose(data, node, "$", diagnosis, 1)
    return fast, reference, diagnosis.problems


def agree(data: Any, cls: type[Any], engine: Converter | None = None) -> bool:
    """Assert the fast path and the classes agree on ``data``; return whether it was accepted."""
    body = data
    if cls is Ecosystem:  # a document: its format version is checked before the classes read it
        data = {**data, "ptcekit": "1"}
        body = {key: value for key, value in data.items() if key != "ptcekit"}
    fast, reference, problems = fast_then_reference(body, cls, engine)
    assert (fast is FAILED) == bool(problems), (data, problems)
    if problems:
        with pytest.raises(LoadError) as caught:
            from_dict(data, cls)
        assert str(caught.value) == str(LoadError(problems))
        return False
    assert same(fast, reference), (fast, reference)
    return True


class TestFastLoader:
    @pytest.mark.parametrize("cls", list(STRATEGIES), ids=lambda cls: cls.__name__)
    @settings(max_examples=15, suppress_health_check=[HealthCheck.too_slow])
    @given(data=st.data())
    def test_valid_documents_read_the_same(self, cls: type[Any], data: st.DataObject) -> None:
        """A valid value's wire form reads, by the fast path, as the value itself."""
        value = data.draw(STRATEGIES[cls])
        wire = to_dict(value)
        assert agree(wire, cls) is True
        fast, _, _ = fast_then_reference(wire, cls) if cls is not Ecosystem else (None, 0, 0)
        if cls is not Ecosystem:
            assert same(fast, value)

    @pytest.mark.parametrize("cls", list(STRATEGIES), ids=lambda cls: cls.__name__)
    @settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
    @given(data=st.data())
    def test_mutated_documents_get_the_same_answer(
        self, cls: type[Any], data: st.DataObject
    ) -> None:
        """Wrong types, bounds, identifiers, orders: refused (or accepted) exactly as the class does."""
        wire = to_dict(data.draw(STRATEGIES[cls]))
        agree(data.draw(mutated(wire)), cls)


class TestRepeatedReads:
    @pytest.mark.parametrize("cls", list(STRATEGIES), ids=lambda cls: cls.__name__)
    @settings(max_examples=15, suppress_health_check=[HealthCheck.too_slow])
    @given(data=st.data())
    def test_reads_agree_on_changed_documents(self, cls: type[Any], data: st.DataObject) -> None:
        """A valid document, then a changed one, then the valid one again: the same answers as the classes."""
        engine = Converter()
        value = data.draw(STRATEGIES[cls])
        wire = to_dict(value)
        assert agree(wire, cls, engine) is True
        agree(data.draw(mutated(wire)), cls, engine)
        agree(wire, cls, engine)

    def test_a_dict_read_then_without_a_required_key(self) -> None:
        """A valid dict is read; the same dict without a required key is refused; the next reads."""
        engine = Converter()
        read = engine.structurer.structure_fn(Membership)
        member = read({"actor": "a1", "role": "founder"})
        assert member == Membership(actor="a1", role=MemberRole.FOUNDER)
        assert agree({"role": "founder"}, Membership, engine) is False
        with pytest.raises(LoadError) as caught:
            from_dict({"role": "founder"}, Membership)
        assert [(p.path, p.message) for p in caught.value.problems] == [
            (
                "$.actor",
                (
                    "missing required key 'actor' (expected an id of 1 to 200 letters, digits "
                    "or '_.:-' starting with a letter or digit)"
                ),
            )
        ]
        assert read({"actor": "a2", "role": "partner"}) == Membership(
            actor="a2", role=MemberRole.PARTNER
        )

    def test_a_key_order_change_reads_the_same(self) -> None:
        """The same keys in another order: the same value."""
        engine = Converter()
        read = engine.structurer.structure_fn(Period)
        first = read({"start": "2024-01-01", "end": "2024-12-31"})
        second = read({"end": "2024-12-31", "start": "2024-01-01"})
        assert first == second == Period(start=dt.date(2024, 1, 1), end=dt.date(2024, 12, 31))
        assert agree({"end": "2024-01-01", "start": "2024-12-31"}, Period, engine) is False

    def test_an_unknown_key_is_refused_then_kept(self) -> None:
        """An unknown key: refused when forbidden, kept (every time) when asked."""
        wire = {"actor": "a1", "colour": "red"}
        assert agree(wire, Membership, Converter()) is False
        keeping = Converter(unknown="keep")
        for _ in range(2):  # the fast function gives up; the diagnosis keeps the key
            member = keeping.load(wire, Membership)
            assert member == Membership(actor="a1")
            assert kept_keys(member) == {"colour": "red"}
        assert kept_keys(keeping.load({"actor": "a1"}, Membership)) is None

    @pytest.mark.parametrize(
        "value",
        [["actor"], ("actor",), "a", collections.OrderedDict(actor="a1")],
        ids=["list", "tuple", "str", "dict subclass"],
    )
    def test_what_is_no_dict_is_refused_after_dicts_were_read(self, value: Any) -> None:
        """Keys like a dict read before, but not a dict: refused, as the classes refuse it."""
        engine = Converter()
        assert agree({"actor": "a1"}, Membership, engine) is True
        assert agree({"actor": "a"}, Membership, engine) is True
        assert agree(value, Membership, engine) is False
        assert agree({"actor": "p", "period": value}, Membership, engine) is False

    def test_nested_objects_are_read_by_their_class(self) -> None:
        """Objects inside objects and arrays go through their own class's function."""
        engine = Converter()
        wire = {
            "actor": "a1",
            "share": {"fraction": "1/2"},
            "period": {"start": "2024-01-01"},
        }
        assert agree(wire, Ownership, engine) is True
        assert agree({**wire, "share": {"fraction": "3/2"}}, Ownership, engine) is False


#: The identifiers modules that state the compact form the wire carries.
COMPACT_MODULES = sorted(
    f"ptcekit.identifiers.{name}"
    for name in ptcekit.identifiers.__all__
    if hasattr(getattr(ptcekit.identifiers, name), "COMPACT_PATTERN")
)


class TestWhatTheFastPathReliesOn:
    def test_the_wire_identifiers_state_their_compact_form(self) -> None:
        """The six identifiers the model checks on the wire, and the catégorie juridique, state their form."""
        assert {
            f"ptcekit.identifiers.{name}"
            for name in ("siren", "siret", "rna", "naf", "commune", "currency", "legal_category")
        } <= set(COMPACT_MODULES)

    @pytest.mark.parametrize("module", COMPACT_MODULES)
    @given(data=st.data())
    def test_compact_leaves_wire_forms_unchanged(self, module: str, data: st.DataObject) -> None:
        """Each identifier's wire pattern is a compact form: compact() returns it unchanged."""
        found = importlib.import_module(module)
        value = data.draw(st.from_regex(found.COMPACT_PATTERN, fullmatch=True))
        assert found.compact(value) == value

    @given(st.from_regex(DECIMAL_PATTERN, fullmatch=True))
    def test_wire_decimals_are_finite(self, text: str) -> None:
        """A wire decimal is always finite (or refused, past the decimal context), so the loader need not ask again."""
        try:
            value = parse_decimal(text)
        except WireError:
            return  # an exponent such as 0E1000000000000000000: refused, never infinite
        assert value.is_finite()

    def test_caches_stop_growing(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Parsed dates, fractions and accepted identifiers are kept up to the limit only."""
        monkeypatch.setattr(_codegen, "CACHE_LIMIT", 1)
        caches = _codegen.Caches()
        accepted, check = caches.checker(siren.validate)
        for day, fraction, number in (
            ("2024-01-01", "1/2", "732829320"),
            ("2024-01-02", "1/3", "100000009"),
        ):
            assert caches.date(day) == dt.date.fromisoformat(day)
            assert caches.fraction(fraction) == Fraction(fraction)
            check(number)
        assert (list(caches.dates), list(caches.fractions), accepted) == (
            ["2024-01-01"],
            ["1/2"],
            {"732829320"},
        )


@attrs.frozen(kw_only=True)
class Mismatched:
    """Validators that do not match their fields' types: the fast path must check everything."""

    flag: int = attrs.field(validator=c.Boolean())
    label: int = attrs.field(validator=c.Text())
    day: str = attrs.field(validator=c.Date())
    role: str = attrs.field(validator=c.Member(MemberRole))
    place: str = attrs.field(validator=c.Instance(Place))
    amount: int = attrs.field(validator=c.DecimalRange())
    part: int = attrs.field(validator=c.FractionRange())
    number: int = attrs.field(validator=c.IdentifierOf(siren))
    count: str = attrs.field(validator=c.Integer())
    items: str = attrs.field(validator=c.TupleOf(c.Text()))


def anything(inst: object, attribute: object, value: object) -> None:
    """A validator that is none of the model's: the fast path calls it as it is."""


@attrs.frozen(kw_only=True)
class Odd:
    """Unusual fields the fast path still builds itself."""

    codes: tuple[str, ...] = attrs.field(default=(), validator=c.TupleOf(anything))
    bad_default: int = attrs.field(default=-1, validator=c.Integer(minimum=0))
    needed: int | None = attrs.field(default=None, validator=c.Integer())
    ratio: Fraction = attrs.field(
        default=Fraction(2), converter=c.ToFraction[Fraction], validator=c.FractionRange(high=None)
    )
    role: MemberRole | None = attrs.field(default=MemberRole.MEMBER, converter=MemberRole)


@attrs.frozen(kw_only=True)
class Loose:
    """A class the fast path does not build itself: it has a pre-init hook."""

    name: str = attrs.field(validator=c.Text())
    note: str = attrs.field(default="-", validator=c.Text())

    def __attrs_pre_init__(self) -> None:
        """A hook attrs calls first: the class must be called."""


@attrs.frozen(kw_only=True, slots=False)
class Unslotted:
    """No slots: made by calling it."""

    name: str = attrs.field(validator=c.Text())


@attrs.frozen(kw_only=True)
class WithFactory:
    """A field __init__ does not take, with a factory: made by calling it."""

    name: str = attrs.field(validator=c.Text())
    cache: dict[str, int] = attrs.field(init=False, factory=dict, eq=False)


@attrs.define(kw_only=True)
class Mutable:
    """Not frozen: made by calling it."""

    name: str = attrs.field(validator=c.Text())


class Day(dt.date):
    """A subclass of date: written with its own isoformat, not as orjson writes dates."""

    def isoformat(self) -> str:
        """The day, marked as this subclass's own writing."""
        return "day " + super().isoformat()


@attrs.frozen(kw_only=True)
class Dated:
    """A date field without the model's exact-type check."""

    day: dt.date
    days: tuple[dt.date, ...] = ()


class TestDatesOnDump:
    @pytest.mark.parametrize("backend", ["orjson", "json"])
    def test_dates_are_written_by_isoformat(self, backend: Any) -> None:
        """Dates, and date subclasses with their own isoformat, are written alike by both backends."""
        value = Dated(day=Day(2024, 1, 2), days=(dt.date(999, 12, 31), Day(1, 1, 1)))
        assert dumps(value, backend=backend) == (
            b'{"day":"day 2024-01-02","days":["0999-12-31","day 0001-01-01"]}'
        )


@attrs.frozen(kw_only=True)
class Grouped:
    """Arrays of arrays of ids: items that are arrays get a function of their own."""

    groups: tuple[tuple[str, ...], ...] = attrs.field(
        default=(), converter=tuple, validator=c.TupleOf(c.TupleOf(c.Id()))
    )


class TestUnusualClasses:
    def test_mismatched_validators_refuse_as_the_class_does(self) -> None:
        """Every field of Mismatched is refused by both the fast path and the class."""
        wire = {
            "flag": 1,
            "label": 2,
            "day": "2024-01-01",
            "role": "lead",
            "place": "x",
            "amount": 3,
            "part": 1,
            "number": 732829320,
            "count": "4",
            "items": "x",
        }
        assert agree(wire, Mismatched) is False
        with pytest.raises(LoadError) as caught:
            from_dict(wire, Mismatched)
        assert len(caught.value.problems) == 1  # the class stops at its first refusal

    @pytest.mark.parametrize(
        ("wire", "accepted"),
        [
            ({"bad_default": 0, "needed": 1}, True),
            ({"bad_default": 0, "needed": 1, "codes": ["a", "a"], "ratio": "7/2"}, True),
            ({"needed": 1}, False),  # the default -1 is refused
            ({"bad_default": 0}, False),  # needed is None: refused
            ({"bad_default": 0, "needed": 1, "ratio": "0"}, True),
            ({"bad_default": 0, "needed": 1, "ratio": "-1"}, False),
            ({"bad_default": 0, "needed": 1, "role": None}, False),  # MemberRole(None) fails
            ({"bad_default": 0, "needed": 1, "role": "lead"}, True),
        ],
    )
    def test_unusual_fields(self, wire: dict[str, Any], accepted: bool) -> None:
        """Undescribed item checks, refused defaults, non-optional checks, open bounds, odd converters."""
        assert _codegen.constructible(Odd)
        assert agree(wire, Odd) is accepted

    @pytest.mark.parametrize(
        ("wire", "accepted"),
        [
            ({"groups": [["a", "b"], []]}, True),
            ({"groups": [["a", "-b"]]}, False),
            ({"groups": [["a", 1]]}, False),
            ({"groups": ["a"]}, False),
        ],
    )
    def test_arrays_of_arrays_of_ids(self, wire: dict[str, Any], accepted: bool) -> None:
        """Each id in an array of arrays is checked against the id pattern, as the class does."""
        assert agree(wire, Grouped) is accepted

    @pytest.mark.parametrize("cls", [Loose, Mutable, Unslotted, WithFactory])
    def test_classes_built_by_calling_them(self, cls: type[Any]) -> None:
        """A pre-init hook, no freezing, no slots, a factory: the class is called, and agrees."""
        assert not _codegen.constructible(cls)
        assert agree({"name": "n"}, cls) is True
        assert agree({"name": " "}, cls) is False
        assert from_dict({"name": "n"}, cls) == cls(name="n")

    def test_defaults_of_classes_built_by_calling_them(self) -> None:
        """A key left out of a class that is called: its default."""
        engine = Converter()
        assert engine.structurer.structure_fn(Loose)({"name": "n"}) == Loose(name="n", note="-")
        assert engine.structurer.structure_fn(Loose)({"name": "n", "note": "m"}) == Loose(
            name="n", note="m"
        )
        assert agree({"name": "n", "note": " "}, Loose, engine) is False
