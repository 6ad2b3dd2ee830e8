"""Nothing shipped to users names an internal document; every rule's source can be read.

Users see rule sources, findings, ``ptcekit rules``, the rule catalogue, the
docs, the examples and the docstrings. None of them may point to a document
users cannot open (the design notes, the style guide, the domain reference or
the legal audit), to its reference numbers or to its confidence markers: they
cite the legal text itself, with a link where one exists.
"""

from __future__ import annotations

import ast
import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from ptcekit import cli
from ptcekit.rules import Rule, builtin_rules, catalogue_markdown

ROOT = Path(__file__).resolve().parent.parent
RULES = tuple(builtin_rules())
CODES = [rule.code for rule in RULES]

#: What an internal reference looks like: the names of the internal documents,
#: the domain reference's rule numbers ("R24", "(R8)"; not article numbers such
#: as "R3332-21-3") and its confidence markers ("[H]", "[M]", "[L]").
INTERNAL = re.compile(
    r"DESIGN|STYLE\.md|ess-law|law-audit|UNCONFIRMED"
    r"|\(R[0-9]{1,2}\)|\bR[0-9]{1,2}\b(?![0-9-])"
    r"|\[[HML]\]"
)

#: A citation in full: a code or a law (loi, décret, ordonnance, arrêté) and an article.
_TEXT = re.compile(
    r"\b(?:C\. ?(?:trav|com|civ|mut|assur)\.|Code (?:du|de la|des|de l'|civil|général)"
    r"|Loi n°|loi n°|Décret n°|décret n°|Ordonnance n°|Arrêté du)",
)
_ARTICLE = re.compile(r"\bart\.|\barticle\b|\b[LRD]\.? ?[0-9]{3,4}(?:-[0-9]+)+", re.IGNORECASE)


def internal_references(text: str) -> list[str]:
    """Return the internal references ``text`` holds (none, when it is clean)."""
    return [match.group(0) for match in INTERNAL.finditer(text)]


def cites_in_full(source: str) -> bool:
    """Whether ``source`` names a code or a law and an article of it."""
    return _TEXT.search(source) is not None and _ARTICLE.search(source) is not None


def _cli(*argv: str) -> str:
    out, err = io.StringIO(), io.StringIO()
    status = cli.main(list(argv), out=out, err=err)
    assert status == 0, err.getvalue()
    return out.getvalue()


def _strings(path: Path) -> Iterator[tuple[int, str]]:
    """Every string constant of a Python file (docstrings, messages, f-string parts)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.lineno, node.value


def _shipped_files() -> Iterator[Path]:
    yield ROOT / "README.md"
    for folder in ("src", "docs", "examples"):
        for path in sorted((ROOT / folder).rglob("*")):
            if "_build" in path.parts or "__pycache__" in path.parts or not path.is_file():
                continue
            if path.suffix in {".py", ".md", ".json", ".txt", ".rst", ".toml", ".csv"}:
                yield path


SHIPPED = tuple(_shipped_files())


class TestThePattern:
    """The pattern catches internal references and spares legal citations."""

    @pytest.mark.parametrize(
        "text",
        [
            "ptcekit model (DESIGN §2)",
            "see STYLE.md",
            "ESUS procedure (ess-law.md §1.6, R8)",
            "as the law-audit says",
            "article UNCONFIRMED",
            "C. trav. L1253-20 (R19)",
            "R24 RNA",
            "2 years for a young enterprise [M]",
            "the text itself [H]",
            "a reading [L]",
        ],
    )
    def test_catches(self, text: str) -> None:
        """Internal documents, reference numbers and confidence markers are caught."""
        assert internal_references(text)

    @pytest.mark.parametrize(
        "text",
        [
            "C. trav. R3332-21-3, III",
            "C. trav. R1253-43",
            "Code du travail, art. L1253-20",
            "Loi n° 2014-856 du 31 juillet 2014, art. 9, I",
            "the design of the model",
            "not confirmed",
            "[Loi n° 2014-856, art. 9]",
            "R&D",
        ],
    )
    def test_spares(self, text: str) -> None:
        """Article numbers of regulatory parts and plain words are not caught."""
        assert internal_references(text) == []

    def test_full_citation(self) -> None:
        """A full citation names a code or a law and an article."""
        assert cites_in_full("Loi n° 2014-856 du 31 juillet 2014, art. 9")
        assert cites_in_full("C. trav. L3332-17-1, I, 3° a)")
        assert cites_in_full("Code du travail, art. L1253-20")
        assert not cites_in_full("Loi n° 2014-856 du 31 juillet 2014")
        assert not cites_in_full("ptcekit document model")


class TestRules:
    """What each built-in rule says about itself."""

    @pytest.mark.parametrize("rule", RULES, ids=CODES)
    def test_no_internal_reference(self, rule: Rule) -> None:
        """Its title, source, explanation and versions' sources and labels are clean."""
        texts = [rule.title, rule.source, rule.explanation]
        for version in rule.versions:
            texts += [version.label, version.source]
        assert [found for text in texts for found in internal_references(text)] == []

    @pytest.mark.parametrize("rule", RULES, ids=CODES)
    def test_source_can_be_read(self, rule: Rule) -> None:
        """Its source has a link, or is a full citation; so has each of its versions."""
        assert rule.url is not None or cites_in_full(rule.source), rule.source
        for version in rule.versions:
            assert version.url is not None or cites_in_full(version.source), version.source

    @pytest.mark.parametrize("rule", RULES, ids=CODES)
    def test_examples_findings_are_clean(self, rule: Rule) -> None:
        """The messages its examples give are clean."""
        from ptcekit.rules._docs import example_findings

        for example in (rule.failing_example, rule.passing_example):
            if example is None:
                continue
            for finding in example_findings(rule, example):
                assert internal_references(finding.to_text()) == []


class TestWhatUsersRead:
    """The command line, the catalogue and every shipped text."""

    def test_rules_list(self) -> None:
        """``ptcekit rules`` is clean."""
        assert internal_references(_cli("rules")) == []

    @pytest.mark.parametrize("code", CODES)
    def test_rules_code(self, code: str) -> None:
        """``ptcekit rules CODE`` is clean for every code."""
        assert internal_references(_cli("rules", code)) == []

    def test_catalogue(self) -> None:
        """The rendered catalogue is clean."""
        assert internal_references(catalogue_markdown(builtin_rules())) == []

    @pytest.mark.parametrize("path", SHIPPED, ids=[str(p.relative_to(ROOT)) for p in SHIPPED])
    def test_shipped_text(self, path: Path) -> None:
        """Docstrings and strings of the sources, the docs, the examples and the README are clean."""
        if path.suffix == ".py":
            found = [
                f"line {line}: {ref}"
                for line, text in _strings(path)
                for ref in internal_references(text)
            ]
        else:
            text = path.read_text(encoding="utf-8")
            found = [
                f"line {text.count(chr(10), 0, match.start()) + 1}: {match.group(0)}"
                for match in INTERNAL.finditer(text)
            ]
        assert found == []
