"""Tests of ptcekit.serialize under hostile input and faults: each pins a reproducer of the reliability review."""

from __future__ import annotations

import copy
import copyreg
import datetime as dt
import gc
import os
import pickle
import threading
import time
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any, ClassVar

import attrs
import pytest

from ptcekit import model as m
from ptcekit.errors import FieldTypeError, InvalidValueError, KindError, LoadError
from ptcekit.model.limits import MAX_DEPTH, MAX_FRACTION_DIGITS, MAX_INTEGER_DIGITS
from ptcekit.serialize import (
    _codegen,
    _converter,
    _diagnose,
    _gc,
    _json,
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
from ptcekit.serialize._diagnose import describe, describe_python
from ptcekit.serialize._wire import Unreadable, WireError, parse_fraction

BACKENDS = available_backends()
DEPTH = "expected at most 64 levels of nested arrays and objects, got more"


def problems_of(text: Any, **options: Any) -> list[str]:
    """The problems ``loads`` reports, as text."""
    with pytest.raises(LoadError) as caught:
        loads(text, **options)
    return [str(problem) for problem in caught.value.problems]


def person(**fields: Any) -> dict[str, Any]:
    return {"type": "person", "id": "p", "name": "P", **fields}


def nested(levels: int) -> str:
    return "[" * levels + "]" * levels


@attrs.frozen(kw_only=True)
class Node:
    """A class that nests itself, as a downstream tree of parts could."""

    children: tuple[Node, ...] = ()


class TestDepth:
    """One depth limit, the same for both backends and both modes (defects 2, 8, 19)."""

    @pytest.mark.parametrize("backend", BACKENDS)
    def test_deep_value_at_a_typed_key_is_a_problem(self, backend: Any) -> None:
        """A value nested 200 deep at a typed key is refused at its path, with no RecursionError."""
        found = problems_of('{"ptcekit":"1","name":' + nested(200) + "}", backend=backend)
        assert found == [
            "$.name: expected a string, got [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[…]]]]]]]]]]]]]]]]]]]]]]]]]]]]… (an array)"
        ]

    def test_both_backends_agree_on_990_levels(self) -> None:
        """The review's reproducer (990 levels, 2 kB) gives one problem, the same with both backends."""
        text = '{"ptcekit":"1","name":' + nested(990) + "}"
        found = {tuple(problems_of(text, backend=backend)) for backend in BACKENDS}
        assert len(found) == 1
        assert len(found.pop()) == 1

    @pytest.mark.parametrize("backend", BACKENDS)
    def test_beyond_what_parsers_read(self, backend: Any) -> None:
        """Nesting of 1,000 to 100,000 levels is refused at $ with the depth message, by both backends."""
        for levels in (1_000, 1_025, 100_000):
            text = '{"ptcekit":"1","name":' + nested(levels) + ',"name":"x"}'
            assert problems_of(text, backend=backend) == [f"$: {DEPTH}"]

    @pytest.mark.parametrize("levels", [MAX_DEPTH - 1, MAX_DEPTH])
    def test_keep_mode_counts_levels_from_the_document(self, levels: int) -> None:
        """A kept value may nest up to the limit counted from the document, not one level more."""
        text = '{"ptcekit":"1","x":' + nested(levels - 1) + "}"  # the document is level 1
        assert dumps(loads(text, unknown="keep")) == text.encode()
        text = '{"ptcekit":"1","x":' + nested(levels) + "}"
        if levels == MAX_DEPTH:
            assert problems_of(text, unknown="keep") == [f"$.x{'[0]' * (MAX_DEPTH - 1)}: {DEPTH}"]
        else:
            assert dumps(loads(text, unknown="keep")) == text.encode()

    def test_kept_value_495_deep_is_refused_not_crashing_dumps(self) -> None:
        """Keep mode refuses what it could not write back (it used to raise RecursionError in dumps)."""
        found = problems_of('{"ptcekit":"1","x":' + nested(495) + "}", unknown="keep")
        assert found == [f"$.x{'[0]' * (MAX_DEPTH - 1)}: {DEPTH}"]

    def test_python_data_10000_deep_and_cycles(self) -> None:
        """from_dict of data 10,000 deep, or cyclic, in typed and kept places: a LoadError."""
        deep: list[Any] = []
        for _ in range(10_000):
            deep = [deep]
        cycle: list[Any] = []
        cycle.append(cycle)
        for data in (deep, cycle):
            with pytest.raises(LoadError, match=r"\$\.name: expected a string"):
                from_dict({"ptcekit": "1", "name": data})
            with pytest.raises(LoadError, match="levels of nested"):
                from_dict({"ptcekit": "1", "x": data}, unknown="keep")

    def test_recursive_classes_are_bounded_too(self) -> None:
        """A self-referencing class is read to the limit and refused beyond it."""
        converter = make_converter()

        def chain(levels: int) -> dict[str, Any]:
            data: dict[str, Any] = {}
            for _ in range(levels - 1):
                data = {"children": [data]}
            return data

        assert converter.structure(chain(32), Node) == converter.structure(chain(32), Node)
        for levels in (33, 40, 5_000):  # two levels (object and array) per node
            with pytest.raises(LoadError, match="levels of nested"):
                converter.structure(chain(levels), Node)


class TestNumbers:
    """Bounded integers, fractions and decimals; no infinity written (defects 3, 5, 7, 11, 13)."""

    @pytest.mark.parametrize("backend", BACKENDS)
    def test_long_version_string(self, backend: Any) -> None:
        """A version of 4,301 digits is a problem at $.ptcekit, not a ValueError."""
        found = problems_of('{"ptcekit":"' + "1" * 4301 + '"}', backend=backend)
        assert len(found) == 1
        assert found[0].startswith("$.ptcekit: expected a format version written as a string")

    def test_loads_of_a_huge_int_is_a_type_error(self) -> None:
        """loads(10**5000) is a FieldTypeError, whatever repr does with the value."""
        with pytest.raises(FieldTypeError, match=r"loads\.text: expected JSON text"):
            loads(10**5000)  # type: ignore[call-overload]  # the wrong type on purpose

    @pytest.mark.parametrize("backend", BACKENDS)
    @pytest.mark.parametrize("digits", [MAX_INTEGER_DIGITS + 1, 300, 5000])
    def test_integers_beyond_the_bound(self, backend: Any, digits: int) -> None:
        """An integer of more than 64 digits is refused at its path by both backends."""
        text = '{"ptcekit":"1","actors":[{"type":"company","id":"a","name":"A","headcount":%s}]}'
        found = problems_of(text % ("9" * digits), backend=backend)
        assert found == [
            f"$.actors[0].headcount: expected an integer, got an integer of {digits} digits, more than 64"
        ]

    @pytest.mark.parametrize("backend", BACKENDS)
    def test_integers_at_the_bound_and_beyond_64_bits(self, backend: Any) -> None:
        """An integer beyond 64 bits but within the bound reads exactly with both backends."""
        text = '{"ptcekit":"1","actors":[{"type":"company","id":"a","name":"A","headcount":%s}]}'
        value = 10**MAX_INTEGER_DIGITS - 1
        eco = loads(text % value, backend=backend)
        assert eco.actor("a").headcount == value  # type: ignore[attr-defined]  # a Company

    def test_python_integers_beyond_the_bound(self) -> None:
        """from_dict refuses a Python int beyond the bound at its path, with no ValueError from repr."""
        data = {"ptcekit": "1", "actors": [{"type": "company", "id": "a", "name": "A"}]}
        data["actors"][0]["headcount"] = 10**5000  # type: ignore[index]  # a list of dicts
        with pytest.raises(LoadError) as caught:
            from_dict(data)
        expected = "expected an integer, got an integer of about 5001 digits (a number)"
        assert [str(p) for p in caught.value.problems] == [
            f"$.actors[0].headcount: {expected}: more than 64 digits"
        ]

    def test_fraction_bombs_are_refused_fast(self) -> None:
        """Shares of 1/(10^2000+k) are refused at their paths, in bounded time."""
        owners = ",".join(
            '{"actor":"a","share":{"fraction":"1/' + str(10**2000 + k) + '"}}' for k in range(80)
        )
        text = (
            '{"ptcekit":"1","actors":[{"type":"person","id":"a","name":"A"}],'
            '"assets":[{"type":"shared_fund","id":"f","name":"F","owners":[' + owners + "]}]}"
        )
        start = time.perf_counter()
        found = problems_of(text)
        assert time.perf_counter() - start < 2.0
        assert len(found) == 80
        assert found[0].startswith(
            "$.assets[0].owners[0].share.fraction: expected an exact fraction"
        )
        assert found[0].endswith(
            f"a term of more than {MAX_FRACTION_DIGITS} digits in lowest terms"
        )

    def test_fraction_terms_in_lowest_terms(self) -> None:
        """A fraction is bounded in lowest terms: 24 digits pass, 25 do not, reducible ones pass."""
        nines = "9" * MAX_FRACTION_DIGITS
        assert parse_fraction(f"1/{nines}") == Fraction(1, int(nines))
        assert parse_fraction(f"{nines}0/{nines}0") == 1
        for text in (f"1/1{nines}", f"1{nines}", "0" * 10_000 + "1/3" + "0" * 10_000):
            with pytest.raises(WireError):
                parse_fraction(text)

    def test_decimal_digits_are_bounded(self) -> None:
        """An amount of more than 64 digits is refused at its path."""
        text = (
            '{"ptcekit":"1","assets":[{"type":"shared_fund","id":"f","name":"F",'
            '"endowment":{"amount":"' + "1" * 65 + '"}}]}'
        )
        assert problems_of(text)[0].startswith("$.assets[0].endowment.amount: expected an exact")

    @pytest.mark.parametrize("number", ["1e400", "-1e400"])
    def test_keep_mode_refuses_infinities(self, number: str) -> None:
        """A kept 1e400 is refused at its path; nothing writes inf."""
        text = '{"ptcekit":"1","x":' + number + "}"
        found = problems_of(text, unknown="keep")
        assert len(found) == 1
        assert found[0].startswith("$.x: expected a JSON value")
        assert "beyond the range of a double" in found[0]

    def test_from_dict_keep_refuses_nan(self) -> None:
        """from_dict(keep) refuses NaN and infinities in kept values."""
        for value in (float("nan"), float("inf")):
            with pytest.raises(LoadError, match=r"\$\.x\[1\]: expected a finite number"):
                from_dict({"ptcekit": "1", "x": [1, value]}, unknown="keep")

    def test_kept_numbers_are_kept_as_documented(self) -> None:
        """Integers verbatim; other numbers as the double they read as, shortest form."""
        text = '{"ptcekit":"1","a":123456789012345678901234567890,"b":1.10,"c":1e-400,"d":1E5}'
        assert dumps(loads(text, unknown="keep")) == (
            b'{"ptcekit":"1","a":123456789012345678901234567890,"b":1.1,"c":0.0,"d":100000.0}'
        )


class TestRepeatedKeys:
    """A key repeated in one object is a problem at its path (defect 9)."""

    @pytest.mark.parametrize("backend", BACKENDS)
    @pytest.mark.parametrize(
        ("text", "path"),
        [
            ('{"ptcekit":"1","name":"First","name":"Second"}', "$.name"),
            ('{"ptcekit":"2","ptcekit":"1"}', "$.ptcekit"),
            (
                '{"ptcekit":"1","actors":[{"type":"company","id":"a","type":"person","name":"A"}]}',
                "$.actors[0].type",
            ),
            ('{"ptcekit":"1","name":"a:b","name":"c"}', "$.name"),
            ('{"ptcekit":"1","name":"\\u003a","name":"c"}', "$.name"),
        ],
    )
    def test_repeated_keys_are_refused(self, backend: Any, text: str, path: str) -> None:
        """Whatever the key, in strict mode, with both backends."""
        found = problems_of(text, backend=backend)
        assert found[0].startswith(f"{path}: expected each key once in an object, got ")
        assert found[0].endswith(" 2 times")

    def test_keep_mode_refuses_unless_asked(self) -> None:
        """Keep mode refuses too; repeated="last" keeps the last value."""
        text = '{"ptcekit":"1","name":"First","x":{"k":1,"k":2},"name":"Second"}'
        assert problems_of(text, unknown="keep") == [
            '$.name: expected each key once in an object, got "name" (a string) 2 times',
            '$.x.k: expected each key once in an object, got "k" (a string) 2 times',
        ]
        eco = loads(text, unknown="keep", repeated="last")
        assert eco.name == "Second"
        assert dumps(eco) == b'{"ptcekit":"1","name":"Second","x":{"k":2}}'

    def test_last_needs_keep_mode(self) -> None:
        """repeated="last" is refused in strict mode, and junk is refused."""
        for options in ({"repeated": "last"}, {"repeated": "first", "unknown": "keep"}):
            with pytest.raises(InvalidValueError, match=r"loads\.repeated"):
                loads('{"ptcekit":"1"}', **options)

    def test_repeats_and_other_problems_together(self) -> None:
        """Repeated keys come first, then the document's other problems."""
        text = '{"ptcekit":"1","name":1,"name":2}'
        assert problems_of(text) == [
            '$.name: expected each key once in an object, got "name" (a string) 2 times',
            "$.name: expected a string, got 2 (a number)",
        ]


class TestRepeatedIds:
    """Every repeated id is reported, whatever else fails (defect 12)."""

    def test_every_repeat_is_reported(self) -> None:
        """Ids p, p, q, q give two problems."""
        actors = [person(id=i) for i in ("p", "p", "q", "q")]
        with pytest.raises(LoadError) as caught:
            from_dict({"ptcekit": "1", "actors": actors})
        assert [str(p) for p in caught.value.problems] == [
            '$.actors[1].id: expected an id unique in the document, got "p" again ($.actors[0] has it already)',
            '$.actors[3].id: expected an id unique in the document, got "q" again ($.actors[2] has it already)',
        ]

    def test_repeats_are_reported_alongside_other_problems(self) -> None:
        """A repeated id is reported even when another field fails."""
        data = {"ptcekit": "1", "name": 3, "actors": [person(), person()]}
        with pytest.raises(LoadError) as caught:
            from_dict(data)
        assert [p.path for p in caught.value.problems] == ["$.name", "$.actors[1].id"]


class TestCost:
    """Refusing costs about what reading costs (defects 4, 6)."""

    def test_refused_documents_are_parsed_once(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """With orjson, a document that orjson reads is not read again by the standard library."""
        if "orjson" not in BACKENDS:  # pragma: no cover -- the test environment has orjson
            pytest.skip("orjson is not installed")
        calls = []
        real = _json._parse_stdlib
        monkeypatch.setattr(_json, "_parse_stdlib", lambda *args: calls.append(1) or real(*args))
        problems_of('{"ptcekit":"1","actors":[{"type":"person","id":"p","name":3}]}')
        assert calls == []
        problems_of('{"ptcekit":"1","name":%s}' % ("9" * 30))
        assert calls == [1]  # an integer orjson read as a float: read again, exactly
        headcount = '{"type":"person","id":"p","name":"P"},{"type":"association","id":"a","name":"A","headcount":%s}'
        eco = loads('{"ptcekit":"1","actors":[%s]}' % (headcount % ("9" * 40)))
        assert calls == [1, 1]  # one where the model expects an integer: read again, and valid
        assert eco.actors[1].headcount == int("9" * 40)  # exactly
        problems_of('{"ptcekit":"1","name":%s}' % ("9" * 10))
        assert calls == [1, 1]  # a 64-bit integer orjson reads exactly: never read again

    def test_suggestions_are_capped(self) -> None:
        """Past twenty, unknown keys get no "did you mean"; long keys never do."""
        keys = {f"nme{i}": 1 for i in range(30)}
        with pytest.raises(LoadError) as caught:
            from_dict({"ptcekit": "1", **keys, "x" * 100: 1, "nmae": 1})
        messages = [p.message for p in caught.value.problems]
        assert sum("did you mean" in message for message in messages) == _diagnose.SUGGESTION_LIMIT
        assert "did you mean" not in messages[-1]

    def test_many_unknown_keys_cost_little(self) -> None:
        """100,000 unknown keys in one object are refused in about a second, not ten."""
        data = {"ptcekit": "1", **{f"key{i}": i for i in range(100_000)}}
        start = time.perf_counter()
        with pytest.raises(LoadError):
            from_dict(data)
        assert time.perf_counter() - start < 5.0

    def test_caches_keep_only_short_strings(self) -> None:
        """A fraction padded with a million zeros is refused; no cache entry is long."""
        converter = make_converter()
        share = {"fraction": "0" * 1_000_000 + "1/3"}
        with pytest.raises(LoadError, match=r"\$\.fraction: expected an exact fraction"):
            converter.structure(share, m.Share)
        converter.structure({"fraction": "1/3"}, m.Share)
        caches = converter.structurer.caches
        assert list(caches.fractions) == ["1/3"]
        assert all(len(key) <= _codegen.ENTRY_LIMIT for key in caches.fractions)
        seen, check = caches.checker(lambda value: value)
        check("x" * 1000)
        check("y")
        assert seen == {"y"}


class TestKeptValues:
    """What keep mode keeps: JSON values, copied (defect 15)."""

    @pytest.mark.parametrize(
        ("value", "where"),
        [
            (dt.datetime(2024, 1, 1), "$.x"),
            ({1, 2}, "$.x"),
            ([m.Money(amount=1)], "$.x[0]"),
            ({"a": {1: 2}}, "$.x.a"),
            ((1, 2), "$.x"),
            ({"a": 10**70}, "$.x.a"),
        ],
        ids=["datetime", "set", "model object", "int key", "tuple", "huge int"],
    )
    def test_only_json_values_are_kept(self, value: Any, where: str) -> None:
        """from_dict(keep) refuses what JSON cannot carry, at its path."""
        with pytest.raises(LoadError) as caught:
            from_dict({"ptcekit": "1", "x": value}, unknown="keep")
        assert [p.path for p in caught.value.problems] == [where]

    def test_kept_values_are_copies(self) -> None:
        """Changing the input or what to_dict returns does not change what is dumped."""
        source: dict[str, Any] = {"ptcekit": "1", "x": {"a": [1]}}
        eco = from_dict(source, unknown="keep")
        source["x"]["a"].append(2)
        to_dict(eco)["x"]["a"].append(3)
        assert to_dict(eco) == {"ptcekit": "1", "x": {"a": [1]}}
        assert dumps(eco) == b'{"ptcekit":"1","x":{"a":[1]}}'

    def test_deepcopy_and_pickle_keep_the_kept_keys(self) -> None:
        """Copies made by copy.deepcopy and pickle write the kept keys back."""
        eco = loads(
            '{"ptcekit":"1","actors":[{"type":"person","id":"p","name":"P","x":[1]}]}',
            unknown="keep",
        )
        for twin in (copy.deepcopy(eco), pickle.loads(pickle.dumps(eco))):
            assert twin == eco
            assert dumps(twin) == dumps(eco)
        assert dumps(copy.deepcopy(m.Money(amount=1))) == b'{"amount":"1"}'

    def test_kept_keys_need_no_copy_registration(self) -> None:
        """Kept keys live on the object: pickling copies them with no registration of the class."""

        @attrs.frozen(kw_only=True)
        class Late(m.Person):
            type_tag: ClassVar[str] = "test:released"

        converter = make_converter(unknown="keep")
        obj = converter.structure(
            {"type": "test:released", "id": "l", "name": "L", "x": 1}, m.Actor
        )
        assert Late not in copyreg.dispatch_table
        assert kept_keys(copy.deepcopy(obj)) == {"x": 1}

    def test_surrogate_pairs_are_joined(self) -> None:
        """A pair held as two code points reads as one character, and round-trips."""
        text = '{"ptcekit":"1","name":"\udbff\udfff","x":"\ud83d\ude00"}'
        eco = loads(text, unknown="keep")
        assert eco.name == "\U0010ffff"
        assert loads(dumps(eco), unknown="keep") == eco
        assert dumps(loads(dumps(eco), unknown="keep")) == dumps(eco)
        assert to_dict(eco)["x"] == "\U0001f600"
        assert from_dict({"ptcekit": "1", "x": "\ud83d\ude00"}, unknown="keep") is not None


class TestMessages:
    """Messages never fail and stay short, whatever the value (defects 2, 13)."""

    class Evil:
        """A value whose repr fails."""

        def __repr__(self) -> str:
            raise RuntimeError

    def test_describe_is_bounded(self) -> None:
        """Deep, huge and odd values are described briefly."""
        deep: list[Any] = []
        for _ in range(100_000):
            deep = [deep]
        assert describe(deep).endswith("(an array)")
        assert len(describe(deep)) < 80
        assert describe(10**5000) == "an integer of about 5001 digits (a number)"
        assert describe(self.Evil()) == "a Python Evil"
        assert describe({"k" * 10**6: 1}).startswith('{"kkkk')
        assert describe(float("inf")) == "inf (a number)"

    def test_describe_python_is_bounded(self) -> None:
        """Model values with huge terms or odd types are described briefly."""
        assert describe_python(Fraction(10**5000, 3)).startswith('"an integer of about')
        assert describe_python(self.Evil()) == "a Python Evil"
        assert describe_python(float("nan")) == "nan"


class TestGcPause:
    """The pause never undoes the application's choice, and can be turned off (defect 17)."""

    def test_disable_meanwhile_is_kept(self) -> None:
        """gc.disable() in another thread during a load stays in effect after it."""
        assert gc.isenabled()
        text = dumps(m.Ecosystem(actors=tuple(m.Person(id=f"p{i}", name="P") for i in range(3000))))
        started = threading.Event()

        def disable() -> None:
            started.wait()
            gc.disable()

        thread = threading.Thread(target=disable)
        thread.start()
        try:
            with _gc.paused_gc():
                started.set()
                thread.join()
                assert gc.isenabled() is False
                loads(text)
            assert gc.isenabled() is False
        finally:
            gc.enable()

    def test_pause_keeps_isenabled_and_restores_thresholds(self) -> None:
        """During a pause the collector stays enabled with threshold 0; the thresholds come back."""
        before = gc.get_threshold()
        with _gc.paused_gc():
            assert gc.isenabled()
            assert gc.get_threshold()[0] == 0
            with _gc.paused_gc():
                assert gc.get_threshold()[0] == 0
            assert gc.get_threshold()[0] == 0
        assert gc.get_threshold() == before

    def test_thresholds_changed_meanwhile_are_kept(self) -> None:
        """An application that sets thresholds during a pause keeps them."""
        before = gc.get_threshold()
        try:
            with _gc.paused_gc():
                gc.set_threshold(5000, 20, 20)
            assert gc.get_threshold() == (5000, 20, 20)
        finally:
            gc.set_threshold(*before)

    def test_opt_out(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """pause_gc=False leaves the collector alone in every function."""
        seen: list[tuple[int, ...]] = []
        real = _converter.Converter.read

        def spy(self: Any, *args: Any, **kwargs: Any) -> Any:
            seen.append(gc.get_threshold())
            return real(self, *args, **kwargs)

        monkeypatch.setattr(_converter.Converter, "read", spy)
        text = b'{"ptcekit":"1"}'
        loads(text, pause_gc=False)
        from_dict({"ptcekit": "1"}, pause_gc=False)
        loads(text)
        assert [thresholds[0] == 0 for thresholds in seen] == [False, False, True]
        assert dumps(m.Ecosystem(), pause_gc=False) == text


class TestDumpFaults:
    """dump: symlinks, odd names, leaks, stale files, folder sync (defect 18)."""

    def test_a_symlink_stays_a_link(self, tmp_path: Path) -> None:
        """The file a link points to is written; the link stays a link."""
        real = tmp_path / "real.json"
        real.write_text("old")
        link = tmp_path / "link.json"
        link.symlink_to(real)
        dump(m.Ecosystem(), link)
        assert link.is_symlink()
        assert load(real) == m.Ecosystem()

    @pytest.mark.parametrize("name", ["", ".", "/", "folder", "folder/"])
    def test_names_that_are_no_file(
        self, tmp_path: Path, name: str, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """An empty name or a folder is an InvalidValueError, and nothing is written."""
        monkeypatch.chdir(tmp_path)
        (tmp_path / "folder").mkdir()
        with pytest.raises(InvalidValueError, match=r"dump\.path: expected the path of a file"):
            dump(m.Ecosystem(), name)
        assert sorted(p.name for p in tmp_path.iterdir()) == ["folder"]
        assert [p.name for p in (tmp_path / "folder").iterdir()] == []

    def test_not_a_path(self) -> None:
        """A path of the wrong type is a FieldTypeError."""
        with pytest.raises(FieldTypeError, match=r"dump\.path"):
            dump(m.Ecosystem(), 3)  # type: ignore[arg-type]  # the wrong type on purpose

    def test_descriptor_closed_when_fdopen_fails(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """When os.fdopen fails, the descriptor is closed and no temporary file is left."""
        closed: list[int] = []
        real_close = os.close

        def failing_fdopen(*_: Any, **__: Any) -> Any:
            raise OSError("no stream")

        def spy_close(descriptor: int) -> None:
            closed.append(descriptor)
            real_close(descriptor)

        monkeypatch.setattr(os, "fdopen", failing_fdopen)
        monkeypatch.setattr(os, "close", spy_close)
        with pytest.raises(OSError, match="no stream"):
            dump(m.Ecosystem(), tmp_path / "x.json")
        assert len(closed) == 1
        assert [p.name for p in tmp_path.iterdir()] == []

    def test_stale_temporary_files_are_removed(self, tmp_path: Path) -> None:
        """Temporary files of the same target older than a minute go; young ones and others stay."""
        old = tmp_path / ".doc.json.0123456789ab.tmp"
        young = tmp_path / ".doc.json.ba9876543210.tmp"
        other = tmp_path / ".other.json.0123456789ab.tmp"
        for path in (old, young, other):
            path.write_text("partial")
        past = time.time() - 120
        os.utime(old, (past, past))
        os.utime(other, (past, past))
        dump(m.Ecosystem(), tmp_path / "doc.json")
        assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
            [young.name, other.name, "doc.json"]
        )

    def test_folder_is_synced(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """After the rename, the folder itself is fsynced."""
        synced: list[str] = []
        real_fsync = os.fsync

        def spy(descriptor: int) -> None:
            synced.append(str(Path(f"/proc/self/fd/{descriptor}").readlink()))
            real_fsync(descriptor)

        if not Path("/proc/self/fd").exists():  # pragma: no cover -- Linux in CI
            pytest.skip("needs /proc to name descriptors")
        monkeypatch.setattr(os, "fsync", spy)
        dump(m.Ecosystem(), tmp_path / "doc.json")
        assert synced[-1] == str(tmp_path)

    def test_folder_sync_failures_are_harmless(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A file system that cannot open or sync a folder still gets the file."""
        real_open = os.open

        def no_folders(path: Any, flags: int, *rest: Any) -> int:
            if Path(path).is_dir():
                raise OSError("cannot open a folder")
            return real_open(path, flags, *rest)

        monkeypatch.setattr(os, "open", no_folders)
        dump(m.Ecosystem(), tmp_path / "a.json")
        monkeypatch.setattr(os, "open", real_open)
        real_fsync = os.fsync

        def no_folder_sync(descriptor: int) -> None:
            if Path(f"/proc/self/fd/{descriptor}").resolve().is_dir():
                raise OSError("EINVAL")
            real_fsync(descriptor)

        monkeypatch.setattr(os, "fsync", no_folder_sync)
        dump(m.Ecosystem(), tmp_path / "b.json")
        assert load(tmp_path / "a.json") == load(tmp_path / "b.json") == m.Ecosystem()


class TestClassNames:
    """Field names and tags from the class never become code (defect 21)."""

    def test_field_names_must_be_identifiers(self) -> None:
        """A field whose name is not an identifier is a KindError, and its payload never runs."""
        ran: list[int] = []
        payload = "__class__ and ran.append(1)"
        cls = attrs.make_class(
            "Crafted",
            {payload: attrs.field(alias="x", type=int)},
            frozen=True,
            slots=False,
            eq=False,
            repr=False,
        )
        obj = cls(x=1)
        for name in ("x y", "from", "1st"):
            bad = attrs.make_class(
                "Bad",
                {name: attrs.field(alias="x", type=int)},
                frozen=True,
                slots=False,
                eq=False,
                repr=False,
            )
            with pytest.raises(KindError, match="is not a Python identifier"):
                to_dict(bad(x=1))
        with pytest.raises(KindError, match="is not a Python identifier"):
            to_dict(obj)
        assert ran == []

    def test_a_tag_must_be_exactly_a_str(self) -> None:
        """A type_tag of a str subclass set after class creation is not a tag."""

        class Sneaky(str):
            __slots__ = ()

        @attrs.frozen(kw_only=True)
        class Tagged(m.Person):
            type_tag: ClassVar[str] = "test:tagged"

        Tagged.type_tag = Sneaky("test:tagged")
        with pytest.raises(KindError, match="must declare its own type_tag"):
            to_dict(Tagged(id="t", name="T"))


class TestInputs:
    """loads takes exact copies of its text, whatever type carries it."""

    def test_subclasses_and_buffers(self) -> None:
        """Subclasses of str and bytes, bytearray and memoryview read like the plain text."""

        class Text(str):
            __slots__ = ()

            def strip(self, chars: str | None = None) -> str:  # a method that lies
                raise RuntimeError

        class Data(bytes):
            __slots__ = ()

        text = '{"ptcekit":"1","name":"N"}'
        expected = m.Ecosystem(name="N")
        for given in (Text(text), Data(text.encode()), bytearray(text.encode())):
            assert loads(given) == expected
        assert loads(memoryview(text.encode())) == expected

    def test_a_released_buffer_is_no_text(self) -> None:
        """A memoryview that cannot be copied is a FieldTypeError."""
        view = memoryview(b"{}")
        view.release()
        with pytest.raises(FieldTypeError, match=r"loads\.text"):
            loads(view)

    def test_decimals_are_described_briefly(self) -> None:
        """A decimal of many digits or a large exponent is described by its size."""
        assert describe_python(Decimal("1.50")) == '"1.50"'
        assert describe_python(Decimal("1E-5000")) == "a decimal of 1 digits"
        assert describe_python(Decimal("9" * 100)) == "a decimal of 100 digits"
        assert describe(Unreadable("an integer of 70 digits")) == "an integer of 70 digits"
