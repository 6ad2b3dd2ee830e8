"""Robustness suite: hostile documents into loads, from_dict and load.

After python-stdnum's robustness test and the practice of OSS-Fuzz, hypothesis
mutates real documents (the shipped examples and generated ecosystems) as
bytes and as trees, and hands them to every way in. Each run asserts that:

- only ptcekit errors come out (a :class:`~ptcekit.errors.LoadError` whose
  problems all have a path starting with ``$``, that prints and pickles);
- an accepted document round-trips: dumped with both backends to the same
  bytes, read back equal, dumped again byte-identical; keep mode too;
- the time per byte stays bounded (no quadratic input).

The ``ci`` and ``fast`` profiles of ``tests/conftest.py`` run a few hundred
inputs; ``HYPOTHESIS_PROFILE=robustness`` runs 20,000 per test, about 100,000
in all (see the "Security and robustness" page of the documentation).
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import enum
import json
import pickle
import time
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ptcekit import model as m
from ptcekit import testing
from ptcekit.errors import LoadError, PtcekitError
from ptcekit.serialize import available_backends, dump, dumps, from_dict, load, loads

EXAMPLES = Path(__file__).parent.parent / "examples"
SEEDS: tuple[bytes, ...] = tuple(path.read_bytes() for path in sorted(EXAMPLES.glob("*.json")))
BACKENDS = available_backends()
#: Generous for a shared machine: a valid document reads at about 0.15 µs per
#: byte; a quadratic input of a few kB takes seconds.
FIXED_SECONDS = 0.5
SECONDS_PER_BYTE = 50e-6

HOSTILE_TOKENS = (
    b"\xff",
    b"\xc0\x80",
    b"\xed\xa0\x80",
    b"\x00",
    b"\xef\xbb\xbf",
    b'"\\ud800"',
    b"NaN",
    b"Infinity",
    b"1e999",
    b"-0",
    b"9" * 80,
    b"/* c */",
    b"[" * 70,
    b"]" * 70,
    b'{"a":1,"a":2}',
    b"\xc2\xa0",
    b"\xe3\x80\x80",
    b"\x0b",
    b'"\\u0069d"',
    b",",
    b":",
    b'"',
)


class Probe(enum.Enum):
    """An enumeration member, which JSON cannot carry."""

    ONE = "one"


def hostile_scalars() -> st.SearchStrategy[Any]:
    """Values JSON can carry, at their edges."""
    return st.one_of(
        st.none(),
        st.booleans(),
        st.sampled_from([0, -1, 2**63, 2**64, 10**64 - 1, 10**64, -(10**70)]),
        st.integers(),
        st.floats(allow_nan=False, allow_infinity=False),
        st.sampled_from([-0.0, 5e-324, 1e308, 1.5]),
        st.text(max_size=40),
        st.sampled_from(
            [
                "",
                " ",
                "\ud800",
                "\udbff\udfff",
                "\ufeff",
                "\u202e",
                "٣",
                "１",
                "2024-02-30",
                "1/0",
                "1/" + "9" * 30,
                "1E999999999999999999",
                "x" * 5000,
                "W123456789",
                "732829320",
                "https://example.org/a b",
                "type",
                "__class__",
                "'); __import__('os')",
            ]
        ),
    )


def python_junk() -> st.SearchStrategy[Any]:
    """Values JSON cannot carry, for from_dict."""
    cycle: list[Any] = []
    cycle.append(cycle)
    deep: list[Any] = []
    for _ in range(200):
        deep = [deep]
    return st.sampled_from(
        [
            (1, 2),
            {1, 2},
            b"bytes",
            Decimal("1.5"),
            Fraction(1, 3),
            dt.date(2024, 1, 1),
            dt.datetime(2024, 1, 1, tzinfo=dt.UTC),
            complex(1, 2),
            float("nan"),
            float("inf"),
            Probe.ONE,
            m.Money(amount=1),
            cycle,
            deep,
            10
            ** 70,  # beyond the bound (10**5000 is in the regression tests: hypothesis cannot print it)
            {1: "non-str key"},
            {None: 1},
        ]
    )


def json_values(leaves: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """JSON values of any shape built from ``leaves``."""
    return st.recursive(
        leaves,
        lambda inner: st.one_of(
            st.lists(inner, max_size=4),
            st.dictionaries(st.text(max_size=8), inner, max_size=4),
        ),
        max_leaves=12,
    )


def paths(data: Any) -> list[tuple[Any, ...]]:
    """The paths (keys and indexes) in ``data``, the root first: each container once, 70 levels at most.

    Python junk may hold a cycle or a shared part; the walk visits each container once.
    """
    found: list[tuple[Any, ...]] = [()]
    seen: set[int] = set()
    stack: list[tuple[Any, tuple[Any, ...]]] = [(data, ())]
    while stack and len(found) < 5_000:
        value, path = stack.pop()
        if type(value) not in (dict, list) or id(value) in seen or len(path) > 70:
            continue
        seen.add(id(value))
        items = value.items() if type(value) is dict else enumerate(value)
        for key, item in items:
            found.append((*path, key))
            stack.append((item, (*path, key)))
    return found


def at(data: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        data = data[key]
    return data


@st.composite
def trees(draw: st.DrawFn, *, python: bool = False) -> Any:
    """A seed document parsed and mutated at one to three random paths."""
    data = json.loads(draw(st.sampled_from(SEEDS)))
    leaves = st.one_of(hostile_scalars(), python_junk()) if python else hostile_scalars()
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(paths(data)))
        parent, key = (at(data, path[:-1]), path[-1]) if path else (None, None)
        action = draw(st.sampled_from(["replace", "delete", "add", "nest", "multiply", "move"]))
        target = at(data, path)
        if action == "replace" and parent is not None:
            parent[key] = draw(json_values(leaves))
        elif action == "delete" and parent is not None:
            del parent[key]
        elif action == "add" and type(target) is dict:
            name = draw(
                st.one_of(
                    st.text(max_size=12),
                    st.sampled_from(
                        ["type", "id", "o", "d", "K", "BAD", "a0", "_0", "__init__", "x\ny", 'q"k']
                    ),
                )
            )
            target[name] = draw(json_values(leaves))
        elif action == "nest" and parent is not None:
            value = parent[key]
            for _ in range(draw(st.sampled_from([10, 63, 64, 65, 100, 1000]))):
                value = [value]
            parent[key] = value
        elif action == "multiply" and type(target) is list and len(target) <= 10:
            target *= draw(st.integers(2, 10))
        elif action == "move" and parent is not None:
            # a copy of another part (a tree stays a tree: no cycle, no sharing)
            # (a part nested deeper than deepcopy goes is left as it is)
            with contextlib.suppress(RecursionError):
                parent[key] = copy.deepcopy(at(data, draw(st.sampled_from(paths(data)))))
    return data


@st.composite
def byte_documents(draw: st.DrawFn) -> bytes | str:
    """A seed document's bytes, mutated one to eight times."""
    text = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 8))):
        action = draw(
            st.sampled_from(["flip", "truncate", "insert", "delete", "duplicate", "swap"])
        )
        where = draw(st.integers(0, max(0, len(text) - 1)))
        if action == "flip" and text:
            text[where] ^= 1 << draw(st.integers(0, 7))
        elif action == "truncate":
            del text[where:]
        elif action == "insert":
            text[where:where] = draw(st.sampled_from(HOSTILE_TOKENS))
        elif action == "delete":
            del text[where : where + draw(st.integers(1, 40))]
        elif action == "duplicate":
            text[where:where] = text[where : where + draw(st.integers(1, 200))]
        elif action == "swap":
            old, new = draw(
                st.sampled_from([(b"true", b"True"), (b":", b"="), (b'"', b"'"), (b",", b",,")])
            )
            text = bytearray(bytes(text).replace(old, new, 1))
    data = bytes(text)
    encoding = draw(st.sampled_from(["bytes", "bytes", "bytes", "str", "utf-16", "latin-1"]))
    if encoding == "str":
        return data.decode("utf-8", "surrogateescape")
    if encoding in ("utf-16", "latin-1"):
        return data.decode("utf-8", "replace").encode(encoding, "replace")
    return data


def refused_properly(error: PtcekitError) -> None:
    """A refusal is a ptcekit error that points, prints and pickles."""
    if isinstance(error, LoadError):
        assert error.problems
        assert all(problem.path.startswith("$") for problem in error.problems)
        copy = pickle.loads(pickle.dumps(error))
        assert copy.problems == error.problems
    assert str(error)


def timed(call: Any, size: int) -> Any:
    """Call ``call``; return what it returns, or ``None`` if it refused; check the time it took.

    A call over the bound is timed twice more, and fails only if it stays
    over (a shared machine pauses now and then).
    """
    bound = FIXED_SECONDS + SECONDS_PER_BYTE * size
    fastest = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        try:
            result = call()
        except PtcekitError as error:
            refused_properly(error)
            result = None
        fastest = min(fastest, time.perf_counter() - start)
        if fastest < bound:
            return result
    raise AssertionError((fastest, size))


def round_trips(obj: Any) -> None:
    """An accepted value dumps the same with both backends and reads back equal."""
    written = {dumps(obj, backend=backend) for backend in BACKENDS}
    assert len(written) == 1
    text = written.pop()
    json.loads(text)  # valid JSON: no inf, no nan
    again = loads(text, unknown="keep")
    assert again == obj
    assert dumps(again) == text


def size_of(data: Any) -> int:
    try:
        return len(json.dumps(data, default=repr, check_circular=False))
    except (ValueError, RecursionError):
        return 10_000


SUITE = settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


class TestHostileDocuments:
    """No exception but a ptcekit error, whatever a document holds."""

    @SUITE
    @given(byte_documents(), st.sampled_from(BACKENDS), st.sampled_from(["forbid", "keep"]))
    def test_mutated_bytes(self, text: bytes | str, backend: Any, unknown: Any) -> None:
        """Mutated bytes (and text) into loads: refused properly, or accepted and lossless."""
        result = timed(lambda: loads(text, backend=backend, unknown=unknown), len(text))
        if result is not None:
            round_trips(result)
            if unknown == "forbid":  # the other backend reads it alike
                for other in BACKENDS:
                    assert loads(text, backend=other) == result

    @SUITE
    @given(trees(), st.sampled_from(BACKENDS), st.sampled_from(["forbid", "keep"]))
    def test_mutated_trees(self, data: Any, backend: Any, unknown: Any) -> None:
        """Mutated trees, written as JSON, into loads: the same verdict with both backends."""
        try:
            text = json.dumps(data, ensure_ascii=False).encode("utf-8", "surrogatepass")
        except RecursionError:  # deeper than the standard library writes: not a JSON text to try
            return
        result = timed(lambda: loads(text, backend=backend, unknown=unknown), len(text))
        if result is not None:
            round_trips(result)
        if unknown == "forbid":
            verdicts: list[Any] = []
            for other in BACKENDS:
                try:
                    verdicts.append(loads(text, backend=other))
                except LoadError as error:
                    verdicts.append(error.problems)
            assert all(verdict == verdicts[0] for verdict in verdicts)

    @SUITE
    @given(trees(python=True), st.sampled_from(["forbid", "keep"]))
    def test_mutated_python_data(self, data: Any, unknown: Any) -> None:
        """Mutated trees with Python values JSON cannot carry, into from_dict."""
        result = timed(lambda: from_dict(data, unknown=unknown), size_of(data))
        if result is not None:
            round_trips(result)

    @SUITE
    @given(st.data())
    def test_mutated_files(self, tmp_path_factory: Any, data: st.DataObject) -> None:
        """Mutated files into load, and what it accepts back out through dump."""
        text = data.draw(byte_documents())
        folder = tmp_path_factory.mktemp("docs")
        path = folder / "doc.json"
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass"))
        result = timed(lambda: load(path), path.stat().st_size)
        if result is not None:
            dump(result, path)
            assert load(path) == result

    @SUITE
    @given(testing.ecosystems(max_actors=4, max_poles=2, max_assets=2, max_agreements=2), st.data())
    def test_generated_documents_mutated(self, eco: m.Ecosystem, data: st.DataObject) -> None:
        """Generated ecosystems, dumped then mutated as bytes, into loads."""
        text = bytearray(dumps(eco))
        for _ in range(data.draw(st.integers(0, 4))):
            where = data.draw(st.integers(0, len(text)))
            text[where:where] = data.draw(st.sampled_from(HOSTILE_TOKENS))
        result = timed(lambda: loads(bytes(text)), len(text))
        if result is not None:
            round_trips(result)
