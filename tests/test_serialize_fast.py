"""The msgspec fast path reads and writes exactly as the engine does, or leaves the document to it.

Differential tests: generated ecosystems and mutated documents go through
the fast path (:mod:`ptcekit.serialize._fast`) and through the engine's path
(``backend="orjson"``, which never takes the fast path); the fast path must
accept only what the engine accepts, give an equal object, and write the
same bytes. ``loads`` falls back to the engine on any refusal, so its errors
are the engine's.
"""

from __future__ import annotations

import copy
import datetime as dt
import enum
import gc
import json
import subprocess
import sys
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import attrs
import msgspec
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ptcekit import model as m
from ptcekit import testing
from ptcekit.errors import PtcekitError
from ptcekit.serialize import _fast, _kinds, dumps, loads

ROOT = Path(__file__).parent.parent
SEEDS: tuple[bytes, ...] = tuple(path.read_bytes() for path in sorted(ROOT.glob("examples/*.json")))

#: Values that the readers must judge alike (section 7 of the performance study).
HOSTILE: tuple[Any, ...] = (
    None,
    True,
    False,
    0,
    -1,
    1.0,
    2.5,
    -0.0,
    1e300,
    2**63,
    2**64,
    2**70,
    10**63,
    10**64,
    "",
    " ",
    "x",
    "1_000",
    " 12",
    "12 ",
    "NaN",
    "Infinity",
    "1e5",
    "12.50",
    "-3",
    "1/3",
    "2/0",
    "1/" + "9" * 30,
    "2024-02-30",
    "2024-01-31",
    "2024-01-31T10:00:00",
    "20240131",
    "732 829 320",
    "732829320",
    "73282932000074",
    "W123456789",
    "w123456789",
    "eur",
    "EUR",
    "88.99B",
    "26281",
    "2A004",
    "a:b",
    "::",
    "\ud800",
    "\ud83d\ude00",
    "é",
    "\u2028",
    "\x00",
    "a\nb",
    "https://example.org/",
    "type",
    "association",
    "person",
    "unknown_kind",
    "x" * 201,
    [],
    ["a", "a"],
    [None],
    {},
    {"type": "person"},
    {"amount": "1", "currency": "EUR"},
    {"start": "2024-01-01", "end": "2023-01-01"},
)


def engine_outcome(text: bytes | str) -> tuple[Any, ...]:
    """What the engine's path makes of ``text``: the object and its bytes, or the error."""
    try:
        eco = loads(text, backend="orjson")
    except PtcekitError as error:
        return (type(error), str(error))
    return ("accepted", eco, dumps(eco, backend="orjson"))


def assert_same(text: bytes | str) -> bool:
    """The fast reader accepts only what the engine accepts, with an equal object; tell if it did."""
    fast = _fast.read_document(text)
    expected = engine_outcome(text)
    loaded = engine_outcome_default(text)
    assert loaded == expected  # loads, fast path or fallback, agrees with the engine
    if fast is None:
        return False
    assert expected[0] == "accepted", expected
    assert fast == expected[1]
    assert dumps(fast) == expected[2]
    return True


def engine_outcome_default(text: bytes | str) -> tuple[Any, ...]:
    """What ``loads`` with the default backend (the fast path first) makes of ``text``."""
    try:
        eco = loads(text)
    except PtcekitError as error:
        return (type(error), str(error))
    return ("accepted", eco, dumps(eco))


def walk(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path (keys and indexes) of a parsed document, the root first."""
    found = [path]
    if type(data) is dict:
        for key, value in data.items():
            found += walk(value, (*path, key))
    elif type(data) is list:
        for index, value in enumerate(data):
            found += walk(value, (*path, index))
    return found


def at(data: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        data = data[key]
    return data


@st.composite
def seeds(draw: st.DrawFn) -> bytes:
    """A shipped example, or a generated ecosystem's document."""
    if draw(st.booleans()):
        return draw(st.sampled_from(SEEDS))
    return dumps(draw(testing.ecosystems(max_actors=5, max_poles=2, max_assets=3)))


@st.composite
def mutated(draw: st.DrawFn) -> str | bytes:
    """A seed document changed at one to three places: a value replaced, a key deleted or added."""
    data = json.loads(draw(seeds()))
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(walk(data)))
        target = at(data, path)
        parent = at(data, path[:-1]) if path else None
        action = draw(st.sampled_from(["replace", "delete", "add", "perturb"]))
        if action == "replace" and parent is not None:
            parent[path[-1]] = copy.deepcopy(draw(st.sampled_from(HOSTILE)))
        elif action == "delete" and parent is not None:
            del parent[path[-1]]
        elif action == "add" and type(target) is dict:
            key = draw(st.sampled_from(["type", "id", "name", "extra", "siren", "period", "a:b"]))
            target[key] = copy.deepcopy(draw(st.sampled_from(HOSTILE)))
        elif action == "perturb" and type(target) is str and parent is not None:
            parent[path[-1]] = target + draw(st.sampled_from(["0", " ", ":", "X", "é"]))
        elif action == "perturb" and type(target) is int and parent is not None:
            parent[path[-1]] = -target - 1
    ascii_only = draw(st.booleans())
    text = json.dumps(data, ensure_ascii=ascii_only, separators=(",", ":"))
    if draw(st.booleans()):
        return text
    return text.encode("utf-8", "surrogatepass")


@st.composite
def tokens(draw: st.DrawFn) -> bytes:
    """A seed document with a hostile token written somewhere in its bytes."""
    seed = draw(seeds())
    token = draw(
        st.sampled_from(
            [
                b'"a":1,"a":2,',
                b'"id":"x",',
                b'"type":"person",',
                b"\\u003a",
                b"\xef\xbb\xbf",
                b" ",
                b"\n",
                b"1e999",
                b"9" * 80,
                b'"\\ud800"',
                b"\xff",
            ]
        )
    )
    position = draw(st.integers(0, len(seed)))
    return seed[:position] + token + seed[position:]


class TestDifferential:
    @settings(suppress_health_check=[HealthCheck.too_slow])
    @given(testing.ecosystems())
    def test_generated_ecosystems(self, eco: m.Ecosystem) -> None:
        """A generated ecosystem is read by the fast path, equal, and written in the engine's bytes."""
        text = dumps(eco, backend="orjson")
        assert dumps(eco) == text
        # None for a float msgspec would write unlike orjson (the engine writes it)
        assert _fast.write(eco) in (None, text)
        assert assert_same(text)
        assert _fast.read_document(text) == eco

    @settings(suppress_health_check=[HealthCheck.too_slow])
    @given(mutated())
    def test_mutated_documents(self, text: str | bytes) -> None:
        """A mutated document gets the same object or the same error on both paths."""
        assert_same(text)

    @settings(suppress_health_check=[HealthCheck.too_slow])
    @given(tokens())
    def test_hostile_tokens(self, text: bytes) -> None:
        """Bytes with a hostile token get the same outcome on both paths."""
        assert_same(text)

    @pytest.mark.parametrize("seed", SEEDS, ids=lambda seed: str(len(seed)))
    def test_examples_take_the_fast_path(self, seed: bytes) -> None:
        """The shipped examples are read by the fast path and written back byte for byte."""
        assert assert_same(seed)
        eco = _fast.read_document(seed)
        assert eco is not None
        assert dumps(eco) + b"\n" == seed or json.loads(dumps(eco)) == json.loads(seed)


class TestFallback:
    """What the fast path leaves to the engine, which reads it as before."""

    DOC = b'{"ptcekit":"1","actors":[{"type":"person","id":"p","name":"P"}]}'

    def test_a_plain_document(self) -> None:
        """The reference document is read by the fast path."""
        assert _fast.read_document(self.DOC) == loads(self.DOC, backend="orjson")

    @pytest.mark.parametrize(
        "text",
        [
            b'{"ptcekit":"1","actors":[{"type":"person","id":"p","name":"P","name":"Q"}]}',
            b'{"ptcekit":"1","ptcekit":"1"}',
            b'{"ptcekit":"1","actors":[{"type":"person","type":"person","id":"p","name":"P"}]}',
        ],
    )
    def test_a_repeated_key(self, text: bytes) -> None:
        """A key repeated in an object is seen by the key count: the engine reports it."""
        assert _fast.read_document(text) is None
        with pytest.raises(PtcekitError, match="expected each key once"):
            loads(text)

    def test_a_colon_in_strings(self) -> None:
        """Colons inside strings are counted, so the document is still read fast."""
        text = b'{"ptcekit":"1","name":"a:b::c","actors":[{"type":"person","id":"p:1","name":":"}]}'
        assert _fast.read_document(text) == loads(text, backend="orjson")

    def test_an_escaped_colon(self) -> None:
        r"""A colon written ``\u003a`` hides from the key count: the engine reads the document."""
        text = b'{"ptcekit":"1","name":"a\\u003ab"}'
        assert _fast.read_document(text) is None
        assert loads(text).name == "a:b"

    def test_an_old_version(self) -> None:
        """A document of another format version goes to the engine, which upgrades or refuses it."""
        text = b'{"ptcekit":"0"}'
        assert _fast.read_document(text) is None
        with pytest.raises(PtcekitError, match=r"\$\.ptcekit"):
            loads(text)

    def test_without_msgspec(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without msgspec, the engine reads and writes everything, in the same bytes."""
        eco = loads(self.DOC)
        monkeypatch.setattr(_fast, "msgspec", None)
        assert not _fast.available()
        assert _fast.mirror_decoder() is None
        assert _fast.read_document(self.DOC) is None
        assert _fast.write(eco) is None
        assert loads(self.DOC) == eco
        assert dumps(eco) == self.DOC

    def test_other_targets_and_modes(self) -> None:
        """Keep mode, other classes and explicit backends read with the engine, as before."""
        text = b'{"ptcekit":"1","extra":1}'
        assert loads(text, unknown="keep").name is None
        assert loads(b'{"amount":"1.50"}', m.Money) == m.Money(amount="1.50")
        assert loads(self.DOC, backend="json") == loads(self.DOC)

    def test_kept_keys_are_written_by_the_engine(self) -> None:
        """An object with kept unknown keys is written by the engine, keys included."""
        eco = loads(b'{"ptcekit":"1","extra":[1,2]}', unknown="keep")
        assert _fast.write(eco) is None
        assert dumps(eco) == b'{"ptcekit":"1","extra":[1,2]}'

    def test_floats_the_writers_write_differently(self) -> None:
        """A float msgspec would write unlike orjson goes to the engine, in the same bytes as before."""
        place = m.Place(commune="26281", latitude=1e-5, longitude=45.5)
        assert _fast.write(place) is None
        assert dumps(place) == dumps(place, backend="orjson")
        assert dumps(m.Place(commune="26281", latitude=44.5, longitude=5)) == (
            b'{"commune":"26281","latitude":44.5,"longitude":5}'
        )

    def test_pretty_output(self) -> None:
        """Pretty output is the engine's."""
        eco = loads(self.DOC)
        assert dumps(eco, pretty=True) == dumps(eco, pretty=True, backend="orjson")

    def test_not_a_value(self) -> None:
        """A value that is no ptcekit value is refused by the engine, with its message."""
        assert _fast.write(object()) is None
        with pytest.raises(TypeError, match="not a ptcekit value"):
            dumps(object())

    def test_a_kind_defined_after_the_decoder(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """A kind unknown to the decoder makes it be built again, once, then read fast."""
        real = _kinds.kind_table

        def without_person(base: type[Any]) -> _kinds.KindTable:
            table = real(base)
            kinds = {tag: cls for tag, cls in table.by_tag.items() if tag != "person"}
            return _kinds.KindTable(table.base, table.noun, kinds, table.conflicts)

        monkeypatch.setattr(_fast, "kind_table", without_person)
        stale = _fast._current_reader(rebuild=True)
        monkeypatch.setattr(_fast, "kind_table", real)
        assert stale is not None
        assert "person" not in stale.tables[m.Actor]
        assert _fast.read_document(self.DOC) == loads(self.DOC, backend="orjson")
        assert _fast._current_reader() is not stale

    def test_the_collector_pause(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """The fast path reads with the collector paused, unless pause_gc is false."""
        seen: list[int] = []
        real = _fast._Reader.read

        def spy(self: Any, text: Any) -> Any:
            seen.append(gc.get_threshold()[0])
            return real(self, text)

        monkeypatch.setattr(_fast._Reader, "read", spy)
        loads(self.DOC, pause_gc=False)
        loads(self.DOC)
        assert [threshold == 0 for threshold in seen] == [gc.get_threshold()[0] == 0, True]


class TestBenchmark:
    def test_quick_mode(self) -> None:
        """The fresh-process benchmark runs at a tiny scale and prints every figure."""
        done = subprocess.run(
            [sys.executable, "-m", "benchmarks.bench_serialize", "--quick"],
            cwd=ROOT,
            env={"PYTHONPATH": str(ROOT / "src")},
            capture_output=True,
            text=True,
            check=True,
            timeout=300,
        )
        out = done.stdout
        for line in (
            "orjson.loads, collector off / orjson.loads",
            "msgspec Structs / orjson.loads",
            "loads / orjson.loads",
            "dumps / orjson.dumps",
            "validate / loads",
            "retained after loads / msgspec Structs",
            "peak during loads / document size",
            "the first floor",
            "gives the same bytes: yes",
        ):
            assert line in out, out


class Colon(enum.Enum):
    """An enumeration whose values hold colons, which the key count must see."""

    A = "a:1"
    B = "b"


@attrs.frozen(kw_only=True)
class Odd:
    """Field shapes the built-in model does not use, for the generators' other branches."""

    days: tuple[dt.date, ...] = ()
    amounts: tuple[Decimal, ...] = ()
    parts: tuple[Fraction, ...] = ()
    colons: tuple[Colon, ...] = ()
    grid: tuple[tuple[int, ...], ...] = ()
    maybe: tuple[str | None, ...] = ()
    mark: Colon = Colon.B
    count: int = 0
    ratio: float | None = None


@attrs.frozen(kw_only=True)
class Called:
    """A class the generated code must call (it has a pre-init hook)."""

    name: str
    size: int = attrs.field(default=1, validator=attrs.validators.ge(0))

    def __attrs_pre_init__(self) -> None:
        pass


@attrs.frozen(kw_only=True)
class Tree:
    """A class that holds itself: left to the engine."""

    children: tuple[Tree, ...] = ()
    first: Tree | None = None


class TestOtherShapes:
    """The generators on shapes a downstream class may have, against the engine."""

    @staticmethod
    def read(text: bytes, cls: type[Any]) -> Any:
        reader = _fast._current_reader()
        assert reader is not None
        count = [0]
        result = reader.function(cls)(msgspec.json.decode(text, type=reader.struct(cls)), count)
        assert count[0] == text.count(b":")
        return result

    @given(
        st.builds(
            Odd,
            days=st.lists(st.dates(), max_size=3).map(tuple),
            amounts=st.lists(
                st.decimals(allow_nan=False, allow_infinity=False, places=2), max_size=3
            ).map(tuple),
            parts=st.lists(st.fractions(-100, 100, max_denominator=9), max_size=3).map(tuple),
            colons=st.lists(st.sampled_from(Colon), max_size=3).map(tuple),
            grid=st.lists(st.lists(st.integers(-5, 5), max_size=2).map(tuple), max_size=2).map(
                tuple
            ),
            maybe=st.lists(st.none() | st.text(max_size=3), max_size=3).map(tuple),
            mark=st.sampled_from(Colon),
            count=st.integers(-5, 5),
            ratio=st.none() | st.floats(-1e3, 1e3) | st.integers(-5, 5),
        )
    )
    def test_odd_fields(self, odd: Odd) -> None:
        """Arrays of dates, decimals, fractions, enumerations, arrays and optional items read and write alike."""
        text = dumps(odd, backend="orjson")
        assert self.read(text, Odd) == loads(text, Odd, backend="orjson")
        assert _fast.write(odd) in (None, text)

    def test_a_class_that_is_called(self) -> None:
        """A class with a pre-init hook is called with its keywords; its validators judge."""
        assert self.read(b'{"name":"x"}', Called) == Called(name="x")
        assert self.read(b'{"name":"x","size":3}', Called) == Called(name="x", size=3)
        with pytest.raises(ValueError, match="size"):
            self.read(b'{"name":"x","size":-1}', Called)
        assert _fast.write(Called(name="x", size=2)) == b'{"name":"x","size":2}'

    def test_a_class_that_holds_itself(self) -> None:
        """The fast path leaves a recursive class to the engine, both ways."""
        reader = _fast._current_reader()
        assert reader is not None
        with pytest.raises(_fast._Unsupported):
            reader.struct(Tree)
        assert _fast.write(Tree(children=(Tree(),))) is None
