"""Every regular expression of ptcekit runs in time linear in its input, on adversarial strings.

The patterns are collected, not listed: every compiled pattern held by a
module of the package (a module global, a bound method of one, a class
attribute) and every pattern a model field's validator checks, so a new
pattern is covered without touching this file.

For each pattern, adversarial strings are built from the pattern itself, in
the manner of ReDoS finders: a prefix that walks into the pattern, one
character repeated many times, then a character that makes the match fail
at the very end. The slowest of them are timed at 1 kB, 8 kB and 64 kB; the
time per character must stay flat (ratios, not seconds, so that a loaded
machine does not make the test fail), in processor time of this thread,
which other processes do not inflate. A quadratic pattern takes 8 and 64
times longer per character at 8 and 64 kB; a linear one about as long.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import time
from collections.abc import Callable, Iterator
from re import _constants as sre_constants  # the parser's own opcodes (Python >= 3.11)
from re import _parser as sre_parse  # a stable, if private, view of a pattern's structure
from typing import Any

import attrs
import pytest

import ptcekit
from ptcekit import model
from ptcekit.model import validators as c

#: Characters tried as prefixes, pumps and final mismatches: one of each class
#: the patterns can treat apart (digits, letters, separators, spaces, non-ASCII).
ALPHABET = (*"a0Z9_-.:/?#@'\" \t\nWxé\u00a0\u2003", "\ud800", "\udc00", "\U0001f600")

#: How much slower per character the longest string may be than the shortest.
#: Linear patterns stay near 1; quadratic ones reach 8 at 8 kB and 64 at 64 kB.
MAX_RATIO = 4.0
SIZES = (1 << 10, 1 << 13, 1 << 16)
#: The lengths tried first: an exponential pattern doubles its time with each
#: character, so it passes 5 ms between two of them, long before it hangs.
SHORT_SIZES = (*range(8, 28, 4), 64, 256)
#: Time spent running this thread: unlike the wall clock, it does not count
#: the time other processes of a shared machine hold the processor.
cpu_time = time.thread_time

#: How many times a ratio past the limit is measured again before it counts.
RETRIES = 3
#: How many of a pattern's slowest strings are timed at every size.
SLOWEST = 3


def _modules() -> Iterator[Any]:
    for info in pkgutil.walk_packages(ptcekit.__path__, "ptcekit."):
        if info.name != "ptcekit.__main__":  # running it would run the command line
            yield importlib.import_module(info.name)


def _pattern_of(value: object) -> re.Pattern[str] | None:
    found = value if isinstance(value, re.Pattern) else getattr(value, "__self__", None)
    return found if isinstance(found, re.Pattern) and isinstance(found.pattern, str) else None


def collect_patterns() -> dict[str, re.Pattern[str]]:
    """Every compiled pattern of the package, by the first place it was found in."""
    found: dict[tuple[str, int], tuple[str, re.Pattern[str]]] = {}

    def add(where: str, value: object) -> None:
        pattern = _pattern_of(value)
        if pattern is not None:
            found.setdefault((pattern.pattern, pattern.flags), (where, pattern))

    for module in _modules():
        for name, value in vars(module).items():
            add(f"{module.__name__}.{name}", value)
            if isinstance(value, type):
                for attribute, inner in vars(value).items():
                    add(f"{module.__name__}.{name}.{attribute}", inner)
    for name in model.__all__:
        cls = getattr(model, name)
        if not attrs.has(cls):
            continue
        for field in attrs.fields(cls):
            for leaf in c.leaves(field.validator):
                if isinstance(leaf, c.Pattern):
                    add(f"ptcekit.model.{name}.{field.name}", leaf.regex)
    return dict(found.values())


PATTERNS = collect_patterns()


# -- adversarial strings from the pattern's structure --------------------------


def _in_category(char: str, category: object) -> bool:
    tests: dict[object, Callable[[str], bool]] = {
        sre_constants.CATEGORY_DIGIT: str.isdecimal,
        sre_constants.CATEGORY_SPACE: lambda ch: bool(re.fullmatch(r"\s", ch)),
        sre_constants.CATEGORY_WORD: lambda ch: bool(re.fullmatch(r"\w", ch)),
    }
    negated = {
        sre_constants.CATEGORY_NOT_DIGIT: sre_constants.CATEGORY_DIGIT,
        sre_constants.CATEGORY_NOT_SPACE: sre_constants.CATEGORY_SPACE,
        sre_constants.CATEGORY_NOT_WORD: sre_constants.CATEGORY_WORD,
    }
    if category in negated:
        return not tests[negated[category]](char)
    test = tests.get(category)
    return bool(test and test(char))


def _in_class(char: str, items: list[tuple[Any, Any]]) -> bool:
    negate = False
    matched = False
    for op, av in items:
        if op is sre_constants.NEGATE:
            negate = True
        elif op is sre_constants.LITERAL:
            matched = matched or ord(char) == av
        elif op is sre_constants.RANGE:
            matched = matched or av[0] <= ord(char) <= av[1]
        elif op is sre_constants.CATEGORY:
            matched = matched or _in_category(char, av)
    return matched != negate


def _starters(item: tuple[Any, Any]) -> list[str]:
    """The characters of the alphabet that can start a match of ``item``."""
    op, av = item
    if op is sre_constants.LITERAL:
        return [chr(av)]
    if op is sre_constants.NOT_LITERAL:
        return [ch for ch in ALPHABET if ord(ch) != av]
    if op is sre_constants.ANY:
        return [ch for ch in ALPHABET if ch != "\n"]
    if op is sre_constants.IN:
        return [ch for ch in ALPHABET if _in_class(ch, av)]
    if op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT, sre_constants.POSSESSIVE_REPEAT):
        return _starters_of(av[2])
    if op is sre_constants.SUBPATTERN:
        return _starters_of(av[3])
    if op is sre_constants.BRANCH:
        return [ch for branch in av[1] for ch in _starters_of(branch)]
    return []


def _starters_of(items: Any) -> list[str]:
    starters: list[str] = []
    for item in items:
        starters += _starters(item)
        op, av = item
        optional = op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT) and av[0] == 0
        if not optional and op not in (sre_constants.AT, sre_constants.ASSERT_NOT):
            break
    return starters


def _witness(items: Any) -> str:
    """A short string that the sequence ``items`` matches (as far as a first choice goes)."""
    text = ""
    for op, av in items:
        if op in (
            sre_constants.MAX_REPEAT,
            sre_constants.MIN_REPEAT,
            sre_constants.POSSESSIVE_REPEAT,
        ):
            text += _witness(av[2]) * av[0]
        elif op is sre_constants.SUBPATTERN:
            text += _witness(av[3])
        elif op is sre_constants.BRANCH:
            text += _witness(av[1][0])
        elif op not in (sre_constants.AT, sre_constants.ASSERT, sre_constants.ASSERT_NOT):
            starters = _starters((op, av))
            text += starters[0] if starters else ""
    return text


def attacks(pattern: re.Pattern[str]) -> list[tuple[str, str, str]]:
    """(prefix, pump, suffix) triples: prefix + pump × n + suffix, for every way into the pattern."""
    tree = sre_parse.parse(pattern.pattern, pattern.flags)
    items = list(tree)
    branches = [items]
    if len(items) == 1 and items[0][0] is sre_constants.BRANCH:
        branches = [list(branch) for branch in items[0][1][1]]
    found = set()
    for branch in branches:
        for cut in range(len(branch) + 1):
            prefix = _witness(branch[:cut])
            pumps = set(_starters_of(branch[cut:])) or set(ALPHABET)
            for pump in pumps:
                for suffix in ("", *ALPHABET):
                    found.add((prefix, pump, suffix))
    return sorted(found)


# -- timing --------------------------------------------------------------------


def _time(match: Callable[[str], object], text: str) -> float:
    """Best time of one match of ``text``, in seconds, over enough repetitions to be measurable."""
    repeats = 1
    while True:
        start = cpu_time()
        for _ in range(repeats):
            match(text)
        elapsed = cpu_time() - start
        if elapsed >= 0.002 or repeats >= 1 << 16:
            break
        repeats *= 4
    best = elapsed / repeats
    for _ in range(4):
        start = cpu_time()
        for _ in range(repeats):
            match(text)
        best = min(best, (cpu_time() - start) / repeats)
    return best


def slowest_attacks(pattern: re.Pattern[str], size: int = 2048) -> list[tuple[str, str, str]]:
    """The attacks that take longest at ``size`` characters, slowest first.

    Each is first tried on short strings of growing length: one slower than
    5 ms there is exponential (or at least far worse than quadratic), and
    is returned at once, before a longer string could make it hang.
    """
    timed = []
    for prefix, pump, suffix in attacks(pattern):
        for short in SHORT_SIZES:
            start = cpu_time()
            pattern.fullmatch(prefix + pump * short + suffix)
            if cpu_time() - start > 0.005:
                return [(prefix, pump, suffix)]
        text = prefix + pump * size + suffix
        start = cpu_time()
        pattern.fullmatch(text)
        pattern.match(text)
        timed.append((cpu_time() - start, (prefix, pump, suffix)))
    timed.sort(reverse=True)
    return [attack for _, attack in timed[:SLOWEST]]


def growth(
    pattern: re.Pattern[str], attack: tuple[str, str, str], sizes: tuple[int, ...]
) -> list[float]:
    """Time per character at each size, relative to the first size.

    Stops early (returning what it has) once the ratio is past the limit,
    so a quadratic pattern is not run at 64 kB.
    """
    prefix, pump, suffix = attack

    def per_char(size: int) -> float:
        text = prefix + pump * size + suffix
        return max(_time(pattern.fullmatch, text), _time(pattern.match, text)) / len(text)

    base = per_char(sizes[0])
    ratios = [1.0]
    for size in sizes[1:]:
        ratio = per_char(size) / base
        for _ in range(RETRIES):  # a shared machine stalls now and then: measure again
            if ratio <= MAX_RATIO:
                break
            ratio = min(ratio, per_char(size) / per_char(sizes[0]))
        ratios.append(ratio)
        if ratio > MAX_RATIO:
            break
    return ratios


class TestCollection:
    def test_the_model_and_identifier_patterns_are_found(self) -> None:
        """Collection finds the patterns of the model, its validators and the identifiers modules."""
        patterns = {pattern.pattern for pattern in PATTERNS.values()}
        assert c.URL_PATTERN.pattern in patterns
        assert c.ID_PATTERN.pattern in patterns
        modules = {where.rsplit(".", 1)[0] for where in PATTERNS}
        assert {"ptcekit.model.validators", "ptcekit.model._values"} <= modules
        assert sum(module.startswith("ptcekit.identifiers.") for module in modules) >= 3

    def test_attacks_walk_into_the_pattern(self) -> None:
        """The adversarial strings of the URL pattern include its scheme, a host pumped long, then a space."""
        assert ("http://", "a", " ") in attacks(c.URL_PATTERN)

    def test_an_exponential_pattern_is_caught_without_hanging(self) -> None:
        """A pattern with nested quantifiers is found out on a short string, before it could hang."""
        exponential = re.compile(r"(?:a+)+b")
        start = time.perf_counter()
        found = slowest_attacks(exponential)
        assert time.perf_counter() - start < 30
        assert len(found) == 1  # returned at once, not ranked among the others
        assert found[0][1] == "a"

    def test_the_former_url_pattern_is_caught(self) -> None:
        """The quadratic URL pattern of the review is found out: its time per character grows with the size."""
        quadratic = re.compile(r"https?://[^\s/]+\S*")
        attack = slowest_attacks(quadratic, size=512)[0]
        assert attack[0].startswith("http://")
        assert growth(quadratic, attack, (256, 2048))[-1] > MAX_RATIO


class TestLinearTime:
    @pytest.mark.parametrize("where", sorted(PATTERNS))
    def test_time_per_character_stays_flat(self, where: str) -> None:
        """On its slowest adversarial strings, a pattern takes no longer per character at 64 kB than at 1 kB."""
        pattern = PATTERNS[where]
        for attack in slowest_attacks(pattern):
            ratios = growth(pattern, attack, SIZES)
            assert max(ratios) <= MAX_RATIO, (pattern.pattern, attack[:2], ratios)
