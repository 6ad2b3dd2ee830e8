"""Cheap checks of the documentation sources (the full Sphinx build runs in CI)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parent.parent / "docs"

#: The pages of each Diátaxis section that DESIGN.md and STYLE.md name.
SECTIONS = {
    "Getting started": ("installation", "tutorial"),
    "Reference": (
        "reference/model",
        "reference/identifiers",
        "reference/errors",
        "reference/testing",
        "reference/analysis",
        "glossary",
    ),
    "Explanation": ("explanation/domain",),
    "Meta": ("changelog", "contributing", "architecture"),
}

#: The French terms of DESIGN.md §2 ("Concepts"), each of which the glossary defines.
DESIGN_TERMS = (
    "acteur",
    "association",
    "fondation",
    "mutuelle",
    "coopérative",
    "SCOP",
    "SCIC",
    "CAE",
    "société commerciale",
    "PME",
    "ESUS",
    "société à mission",
    "collectivité territoriale",
    "EPCI",
    "service de l'État",
    "établissement public",
    "centre de recherche",
    "université",
    "organisme de formation",
    "personne physique",
    "groupement",
    "GIE",
    "groupement d'employeurs",
    "GIP",
    "territoire",
    "pôle territorial de coopération économique",
    "ressource mutualisée",
    "convention de partenariat",
    "convention de mutualisation",
    "engagement",
    "gouvernance",
    "collège de vote",
    "clé de répartition",
    "ensemble d'un territoire modélisé",
)

#: Further terms the glossary must define: identifiers and words of the examples.
MORE_TERMS = (
    "ESS",
    "PTCE",
    "COG",
    "SIREN",
    "SIRET",
    "RNA",
    "NAF",
    "catégorie juridique",
    "structure porteuse",
    "CRESS",
    "en lien avec",
)


def _glossary_terms() -> set[str]:
    """Return the terms of the glossary directive: its unindented lines after the options."""
    text = (DOCS / "glossary.md").read_text(encoding="utf-8")
    body = text.split("```{glossary}", 1)[1].split("\n```", 1)[0]
    return {
        line.strip()
        for line in body.splitlines()
        if line and not line[0].isspace() and not line.startswith(":")
    }


class TestPages:
    """Every page of the Diátaxis sections exists and the index lists each section."""

    @pytest.mark.parametrize(
        "page", [page for pages in SECTIONS.values() for page in pages], ids=str
    )
    def test_page_exists_with_a_title(self, page: str) -> None:
        """The page exists and starts with a level-1 title."""
        text = (DOCS / f"{page}.md").read_text(encoding="utf-8")
        assert text.startswith("# ")

    def test_index_has_a_toctree_per_section(self) -> None:
        """The index has one captioned toctree per section, in Diátaxis order."""
        index = (DOCS / "index.md").read_text(encoding="utf-8")
        captions = re.findall(r"^:caption: (.+)$", index, flags=re.MULTILINE)
        assert captions == ["Getting started", "Guides", "Reference", "Explanation", "Meta"]

    def test_index_globs_the_shared_folders(self) -> None:
        """Guides, explanations and reference pages are picked up by glob toctrees."""
        index = (DOCS / "index.md").read_text(encoding="utf-8")
        assert index.count(":glob:") == 3
        for pattern in ("guides/*", "explanation/*", "reference/*"):
            assert f"\n{pattern}\n" in index

    def test_index_lists_the_named_pages(self) -> None:
        """Pages outside the globbed folders are listed by name in the index."""
        index = (DOCS / "index.md").read_text(encoding="utf-8")
        for page in ("installation", "tutorial", "glossary", "changelog", "contributing"):
            assert f"\n{page}\n" in index
        assert "\narchitecture\n" in index

    def test_changelog_includes_the_root_file(self) -> None:
        """The changelog page includes CHANGELOG.md rather than copying it."""
        page = (DOCS / "changelog.md").read_text(encoding="utf-8")
        assert "```{include} ../CHANGELOG.md" in page
        assert (DOCS.parent / "CHANGELOG.md").is_file()


class TestGlossary:
    """The glossary translates every concept of the design."""

    @pytest.mark.parametrize("term", DESIGN_TERMS + MORE_TERMS)
    def test_term_is_defined(self, term: str) -> None:
        """The term is an entry of the glossary directive."""
        assert term in _glossary_terms()

    def test_glossary_is_sorted_by_sphinx(self) -> None:
        """The glossary asks Sphinx to sort it, so entries can be added anywhere."""
        assert ":sorted:" in (DOCS / "glossary.md").read_text(encoding="utf-8")


class TestTutorial:
    """The tutorial's code runs under the doctest builder."""

    def test_code_is_in_doctest_blocks(self) -> None:
        """Every Python example of the tutorial is a {doctest} block, none a plain fence."""
        text = (DOCS / "tutorial.md").read_text(encoding="utf-8")
        assert text.count("```{doctest}") >= 6
        assert "```python" not in text
        assert "```pycon" not in text

    def test_builds_pole_sud(self) -> None:
        """The tutorial models Pôle Sud in Romans-sur-Isère (commune 26281)."""
        text = (DOCS / "tutorial.md").read_text(encoding="utf-8")
        assert text.startswith("# Model a pôle in ten minutes\n")
        assert '"26281"' in text


class TestStyle:
    """Prose pages put one sentence per line."""

    @pytest.mark.parametrize(
        "page",
        ["index", "installation", "tutorial", "explanation/domain", "architecture", "contributing"],
    )
    def test_one_sentence_per_line(self, page: str) -> None:
        """No prose line holds two sentences (a period, a space, then a capital)."""
        text = (DOCS / f"{page}.md").read_text(encoding="utf-8")
        in_fence = False
        offenders = []
        for line in text.splitlines():
            if line.startswith("```"):
                in_fence = not in_fence
                continue
            if not in_fence and re.search(r"[a-zé)]{2}\. [A-Z][a-z]", line):
                offenders.append(line)
        assert offenders == []
