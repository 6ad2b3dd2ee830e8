"""Tests of the sheet layout: made from the field specs, documented by a generated page."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from ptcekit import sheets
from ptcekit.serialize import VERSION_KEY
from ptcekit.sheets._layout import escape_key, heading_of, split_heading

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "reference" / "sheet-layout.md"


class TestLayout:
    def test_sheets_in_order(self) -> None:
        """Meta first, then the record families, then the nested lists."""
        names = [sheet.name for sheet in sheets.layout().sheets]
        assert names[:5] == ["meta", "actors", "poles", "assets", "agreements"]
        assert {
            "poles_memberships",
            "assets_owners",
            "assets_users",
            "agreements_parties",
            "agreements_commitments",
            "actors_associates",
            "actors_governance_colleges",
            "assets_cost_key_shares",
        } <= set(names)
        assert all(len(name) <= 31 for name in names)

    def test_keys_and_kinds(self) -> None:
        """Child sheets name their parent by id; kind families have a type column."""
        layout = sheets.layout()
        memberships = layout.by_name["poles_memberships"]
        assert memberships.keys == ("poles/id",)
        assert memberships.parent == "poles"
        assert memberships.headings[:3] == ("poles/id", "actor", "role")
        assert layout.by_name["actors"].headings[0] == "type"
        assert layout.by_name["meta"].headings[0] == VERSION_KEY
        shares = layout.by_name["assets_cost_key_shares"]
        assert shares.where == "$.assets[*].cost_key.shares[*]"

    def test_enumerations(self) -> None:
        """Drop-down values: kinds, enumeration members, and booleans."""
        values = sheets.layout().enumerations()
        assert "association" in values[("actors", "type")]
        assert values[("agreements", "renewal")][0] == "none"
        assert values[("actors", "public_utility")] == ("true", "false")

    def test_headings_escape_odd_keys(self) -> None:
        """Keys with slashes, tildes, spaces or control characters make headings that read back."""
        for key in ("a/b", "a~b", " a", "", "\\x", "x\x01", "é"):
            assert split_heading(heading_of(("seat", key))) == ("seat", key)
        assert escape_key("plain") == "plain"

    def test_tag_conflict_is_left_out(self) -> None:
        """A tag two live classes claim has no place in the layout; rows using it are load problems."""
        script = (
            "from typing import ClassVar\n"
            "import attrs, ptcekit\n"
            "from ptcekit import sheets\n"
            "@attrs.frozen(kw_only=True)\n"
            "class A(ptcekit.Association):\n"
            "    type_tag: ClassVar[str] = 'x:same'\n"
            "@attrs.frozen(kw_only=True)\n"
            "class B(ptcekit.Association):\n"
            "    type_tag: ClassVar[str] = 'x:same'\n"
            "print('x:same' in sheets.layout().by_name['actors'].tags)\n"
        )
        result = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, check=True
        )
        assert result.stdout == "False\n"

    def test_kinds_that_cannot_be_laid_out_flat(self) -> None:
        """A kind holding a list of its own family is JSON in one cell; a kind the wire cannot carry is left out."""
        script = (
            "from typing import ClassVar\n"
            "import attrs, ptcekit\n"
            "from ptcekit import sheets\n"
            "@attrs.frozen(kw_only=True)\n"
            "class Network(ptcekit.Association):\n"
            "    type_tag: ClassVar[str] = 'x:network'\n"
            "    branches: tuple[ptcekit.Actor, ...] = ()\n"
            "@attrs.frozen(kw_only=True)\n"
            "class Odd(ptcekit.Association):\n"
            "    type_tag: ClassVar[str] = 'x:odd'\n"
            "    when: complex = 0j\n"
            "layout = sheets.layout()\n"
            "actors = layout.by_name['actors']\n"
            "shape = actors.shapes[Network]\n"
            "print(shape.by_heading['branches'].form, 'x:odd' in actors.tags, 'actors_branches' in layout.by_name)\n"
        )
        result = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, check=True
        )
        assert result.stdout == "json False False\n"


class TestReferencePage:
    def test_page_is_up_to_date(self) -> None:
        """The checked-in page is the generator's output (regenerate with scripts/write_sheet_layout.py)."""
        assert PAGE.read_text(encoding="utf-8") == sheets.reference_markdown()

    def test_page_lists_every_sheet(self) -> None:
        """Every sheet of ptcekit's own kinds has a section."""
        text = PAGE.read_text(encoding="utf-8")
        for sheet in sheets.layout().sheets:
            if any(shape.cls.__module__.startswith("ptcekit.") for shape in sheet.shapes.values()):
                assert f"## `{sheet.name}`" in text

    def test_script_checks(self) -> None:
        """The script's --check passes when the page is up to date."""
        script = ROOT / "scripts" / "write_sheet_layout.py"
        result = subprocess.run([sys.executable, str(script), "--check"], check=False)
        assert result.returncode == 0
