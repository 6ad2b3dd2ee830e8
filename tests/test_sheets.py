"""Tests of ptcekit.sheets: workbooks and CSV folders, both ways, with errors that point at the cell."""

from __future__ import annotations

import datetime as dt
import importlib
import importlib.util
import pickle
import sys
import tracemalloc
import types
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ptcekit
from ptcekit import sheets
from ptcekit.errors import FieldTypeError, InvalidValueError, LoadError
from ptcekit.serialize import from_dict, load, to_dict
from ptcekit.sheets import Cell, CellMap, SheetProblem
from ptcekit.testing import ecosystems

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
#: Hypothesis runs many examples against one temporary folder: each writes over the last.
FOLDER_OK = [HealthCheck.function_scoped_fixture]
#: A workbook takes about half a second to write and read: the workbook property tests run
#: at most this many examples, whatever the profile, to keep CI short (CSV runs them all).
XLSX_EXAMPLES = min(settings.default.max_examples, 40)


def load_extension() -> types.ModuleType:
    """Import tests/extension_kinds.py once, under its own name (as tests/test_extension.py does)."""
    name = "extension_kinds"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name(f"{name}.py"))
        assert spec is not None
        assert spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


def pole_sud() -> ptcekit.Ecosystem:
    """The bundled example of a real pôle."""
    return load(EXAMPLES / "pole-sud.json")


def problems_of(read: Callable[[], object]) -> tuple[SheetProblem, ...]:
    """The problems of the LoadError that ``read`` raises, each a SheetProblem."""
    with pytest.raises(LoadError) as caught:
        read()
    found = caught.value.problems
    assert all(isinstance(problem, SheetProblem) for problem in found)
    return found  # type: ignore[return-value]  # checked just above


class TestRoundTrip:
    @pytest.mark.parametrize("name", ["pole-sud.json", "tetris.json"])
    def test_examples_both_ways(self, tmp_path: Path, name: str) -> None:
        """The bundled examples read back equal from a workbook and from a CSV folder."""
        eco = load(EXAMPLES / name)
        sheets.to_xlsx(eco, tmp_path / "book.xlsx")
        sheets.to_csv(eco, tmp_path / "folder")
        assert sheets.from_xlsx(tmp_path / "book.xlsx") == eco
        assert sheets.from_csv(tmp_path / "folder") == eco

    @settings(suppress_health_check=FOLDER_OK, max_examples=XLSX_EXAMPLES)
    @given(eco=ecosystems())
    def test_generated_xlsx(self, tmp_path: Path, eco: ptcekit.Ecosystem) -> None:
        """Every generated ecosystem reads back from a workbook with the same wire data."""
        sheets.to_xlsx(eco, tmp_path / "book.xlsx")
        back = sheets.from_xlsx(tmp_path / "book.xlsx")
        assert to_dict(back) == to_dict(eco)
        assert back == eco

    @settings(suppress_health_check=FOLDER_OK)
    @given(eco=ecosystems())
    def test_generated_csv(self, tmp_path: Path, eco: ptcekit.Ecosystem) -> None:
        """Every generated ecosystem reads back from a CSV folder with the same wire data."""
        sheets.to_csv(eco, tmp_path / "folder")
        back = sheets.from_csv(tmp_path / "folder")
        assert to_dict(back) == to_dict(eco)
        assert back == eco

    @pytest.mark.parametrize("form", ["xlsx", "csv"])
    def test_values_a_plain_cell_cannot_tell(self, tmp_path: Path, form: str) -> None:
        """Escapes, formulas, line breaks, control characters and an empty nested object survive."""
        data = {
            "ptcekit": "1",
            "name": "\\n",
            "source": "=SUM(A1)",
            "licence": "CC-BY",
            "actors": [
                {"type": "association", "id": "a", "name": "A", "description": "two\r\nlines\x01"},
                {"type": "person", "id": "p", "name": " spaced ", "sirets": ["73282932000074"]},
            ],
            "assets": [
                {
                    "type": "shared_fund",
                    "id": "f",
                    "name": "F",
                    "users": [{"actor": "a", "period": {}}, {"actor": "p"}],
                }
            ],
        }
        eco = from_dict(data)
        back = _round_trip(eco, tmp_path, form)
        assert to_dict(back) == data

    @pytest.mark.parametrize("form", ["xlsx", "csv"])
    def test_extension_kinds(self, tmp_path: Path, form: str) -> None:
        """Extension kinds get their columns with no change to ptcekit, and read back."""
        load_extension()
        data = {
            "ptcekit": "1",
            "actors": [
                {"type": "association", "id": "a", "name": "A"},
                {
                    "type": "aura:regional_network",
                    "id": "n",
                    "name": "N",
                    "region": "84",
                    "member_count": 12,
                    "themes": ["insertion", "culture; arts"],
                },
            ],
            "assets": [
                {
                    "type": "aura:shared_kitchen",
                    "id": "k",
                    "name": "K",
                    "covers": 120,
                    "daily_rate": "80.00",
                }
            ],
        }
        eco = from_dict(data)
        assert {"region", "themes"} <= set(sheets.layout().by_name["actors"].headings)
        assert to_dict(_round_trip(eco, tmp_path, form)) == data

    @settings(suppress_health_check=FOLDER_OK, max_examples=XLSX_EXAMPLES)
    @given(
        eco=ecosystems(max_actors=4, max_poles=2, max_assets=2, max_agreements=2), extra=st.data()
    )
    def test_unknown_keys_kept(
        self, tmp_path: Path, eco: ptcekit.Ecosystem, extra: st.DataObject
    ) -> None:
        """Unknown keys at every level (document, records, nested objects, list items) survive in keep mode."""
        data = to_dict(eco)
        json_values = st.recursive(
            st.none() | st.booleans() | st.integers(-(10**20), 10**20) | st.text(max_size=8),
            lambda inner: (
                st.lists(inner, max_size=3)
                | st.dictionaries(st.text(max_size=4), inner, max_size=3)
            ),
            max_leaves=6,
        )
        keys = st.text(min_size=1, max_size=6).filter(lambda key: key not in ("type", "id"))
        targets: list[dict[str, Any]] = [data]
        for family in ("actors", "poles", "assets", "agreements"):
            for record in data.get(family, []):
                targets.append(record)
                targets.extend(
                    item
                    for value in record.values()
                    if isinstance(value, list)
                    for item in value
                    if isinstance(item, dict)
                )
                targets.extend(value for value in record.values() if isinstance(value, dict))
        for target in extra.draw(st.lists(st.sampled_from(targets), max_size=5)):
            key = "x_" + extra.draw(keys)
            if key not in target:
                target[key] = extra.draw(json_values)
        kept = from_dict(data, unknown="keep")
        expected = to_dict(kept)
        sheets.to_xlsx(kept, tmp_path / "book.xlsx")
        assert to_dict(sheets.from_xlsx(tmp_path / "book.xlsx", unknown="keep")) == expected
        sheets.to_csv(kept, tmp_path / "folder")
        assert to_dict(sheets.from_csv(tmp_path / "folder", unknown="keep")) == expected


def _round_trip(eco: ptcekit.Ecosystem, tmp_path: Path, form: str) -> ptcekit.Ecosystem:
    if form == "xlsx":
        sheets.to_xlsx(eco, tmp_path / "book.xlsx")
        return sheets.from_xlsx(tmp_path / "book.xlsx")
    sheets.to_csv(eco, tmp_path / "folder")
    return sheets.from_csv(tmp_path / "folder")


class TestWorkbook:
    def test_cells_are_typed(self, tmp_path: Path) -> None:
        """Codes keep their leading zeros as text, dates are dates, amounts are exact text in text columns."""
        eco = from_dict(
            {
                "ptcekit": "1",
                "actors": [
                    {
                        "type": "association",
                        "id": "a",
                        "name": "A",
                        "seat": {"commune": "01053"},
                        "founded": "1987-05-04",
                        "headcount": 12,
                        "public_utility": True,
                    },
                    {"type": "association", "id": "b", "name": "B", "seat": {"commune": "2A004"}},
                ],
                "assets": [
                    {
                        "type": "shared_fund",
                        "id": "f",
                        "name": "F",
                        "annual_cost": {"amount": "1200.50"},
                    }
                ],
            }
        )
        sheets.to_xlsx(eco, tmp_path / "book.xlsx")
        book = openpyxl.load_workbook(tmp_path / "book.xlsx")
        actors = book["actors"]
        headings = [cell.value for cell in actors[1]]
        commune = headings.index("seat/commune") + 1
        assert actors.cell(3, commune).value == "01053"
        assert actors.cell(4, commune).value == "2A004"
        assert actors.cell(3, commune).data_type == "s"
        founded = actors.cell(3, headings.index("founded") + 1)
        assert founded.value == dt.datetime(1987, 5, 4)
        assert founded.number_format == "yyyy-mm-dd"
        assert actors.cell(3, headings.index("headcount") + 1).value == 12
        assert actors.cell(3, headings.index("public_utility") + 1).value is True
        assets = book["assets"]
        amount = [cell.value for cell in assets[1]].index("annual_cost/amount") + 1
        assert assets.cell(3, amount).value == "1200.50"
        assert (
            assets.column_dimensions[openpyxl.utils.get_column_letter(amount)].number_format == "@"
        )
        assert actors.freeze_panes == "A3"
        assert book["lists"].sheet_state == "hidden"

    def test_template(self, tmp_path: Path) -> None:
        """The template has every sheet, both heading rows, drop-down lists, and reads as an empty ecosystem."""
        sheets.template(tmp_path / "template.xlsx")
        book = openpyxl.load_workbook(tmp_path / "template.xlsx")
        assert book.sheetnames == [sheet.name for sheet in sheets.layout().sheets] + ["lists"]
        actors = book["actors"]
        assert [cell.value for cell in actors[1]][:3] == ["type", "id", "name"]
        labels = [cell.value for cell in actors[2]][:3]
        assert labels[0] == "type / kind of actor"
        assert labels[1].startswith("identifiant / ")
        assert labels[2].startswith("nom / ")
        validations = {
            str(validation.sqref): validation.formula1
            for validation in actors.data_validations.dataValidation
        }
        assert "A3:A1048576" in validations
        first = validations["A3:A1048576"].split("!")[1].split(":")[0].replace("$", "")
        column = "".join(char for char in first if char.isalpha())
        kinds = [book["lists"][f"{column}{row}"].value for row in range(2, 12)]
        assert kinds == sorted(kinds)
        assert "association" in kinds
        assert sheets.from_xlsx(tmp_path / "template.xlsx") == ptcekit.Ecosystem()

    def test_writes_are_atomic(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """A write that fails leaves the old workbook whole and no temporary file behind."""
        target = tmp_path / "book.xlsx"
        sheets.to_xlsx(pole_sud(), target)
        before = target.read_bytes()

        def broken(self: Path, target: object) -> None:
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(Path, "replace", broken)
        with pytest.raises(OSError, match="No space left"):
            sheets.to_xlsx(ptcekit.Ecosystem(), target)
        assert target.read_bytes() == before
        assert [path.name for path in tmp_path.iterdir()] == ["book.xlsx"]

    def test_blank_formatted_rows_cost_no_memory(self, tmp_path: Path) -> None:
        """A sheet declaring a million rows, with many blank formatted rows, reads fast in little memory."""
        eco = pole_sud()
        sheets.to_xlsx(eco, tmp_path / "book.xlsx")
        source = zipfile.ZipFile(tmp_path / "book.xlsx")
        padded = tmp_path / "padded.xlsx"
        with zipfile.ZipFile(padded, "w", zipfile.ZIP_DEFLATED) as out:
            for item in source.infolist():
                data = source.read(item.filename)
                if item.filename == "xl/worksheets/sheet2.xml":  # actors
                    text = data.decode()
                    text = text.replace(
                        '<dimension ref="', '<dimension ref="A1:XFD1048576" old="', 1
                    )
                    blank = "".join(
                        f'<row r="{row}" s="1" customFormat="1"><c r="XFD{row}" s="1"/></row>'
                        for row in range(100, 30100)
                    )
                    blank += (
                        '<row r="1048576" s="1" customFormat="1"><c r="XFD1048576" s="1"/></row>'
                    )
                    text = text.replace("</sheetData>", blank + "</sheetData>", 1)
                    data = text.encode()
                out.writestr(item, data)
        tracemalloc.start()
        try:
            back = sheets.from_xlsx(padded)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        assert back == eco
        assert peak < 30 * 2**20

    def test_not_a_workbook(self, tmp_path: Path) -> None:
        """A file that is no workbook is one load problem saying so."""
        (tmp_path / "junk.xlsx").write_text("not a zip")
        (problem,) = problems_of(lambda: sheets.from_xlsx(tmp_path / "junk.xlsx"))
        assert problem.message.startswith(
            "expected an XLSX workbook, got a file openpyxl cannot read"
        )

    def test_bad_paths(self, tmp_path: Path) -> None:
        """Paths that are no paths, or folders where a file is expected, are refused by name."""
        with pytest.raises(FieldTypeError, match="path: expected a file path"):
            sheets.to_xlsx(ptcekit.Ecosystem(), 3)  # type: ignore[arg-type]
        with pytest.raises(InvalidValueError, match="not a folder"):
            sheets.to_xlsx(ptcekit.Ecosystem(), tmp_path)
        with pytest.raises(FieldTypeError, match="expected an Ecosystem"):
            sheets.to_csv("eco", tmp_path)  # type: ignore[arg-type]
        (tmp_path / "file").write_text("")
        with pytest.raises(InvalidValueError, match="not a file"):
            sheets.to_csv(ptcekit.Ecosystem(), tmp_path / "file")
        with pytest.raises(FileNotFoundError):
            sheets.from_csv(tmp_path / "nowhere")

    def test_without_openpyxl(self, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
        """Without openpyxl, workbook functions say which extra to install; CSV still works."""
        real = importlib.import_module

        def no_openpyxl(name: str, package: str | None = None) -> types.ModuleType:
            if name == "openpyxl":
                raise ImportError(name)
            return real(name, package)

        monkeypatch.setattr(importlib, "import_module", no_openpyxl)
        with pytest.raises(
            sheets.OpenpyxlMissingError, match=r"pip install 'ptcekit\[sheets\]'"
        ) as caught:
            sheets.template(tmp_path / "t.xlsx")
        assert caught.value.feature == "ptcekit.sheets.template"
        assert isinstance(pickle.loads(pickle.dumps(caught.value)), sheets.OpenpyxlMissingError)
        sheets.to_csv(pole_sud(), tmp_path / "folder")
        assert sheets.from_csv(tmp_path / "folder") == pole_sud()


class TestCells:
    def test_cell_refs(self) -> None:
        """Cells, rows, columns and whole sheets are written as spreadsheets write them."""
        assert Cell(sheet="actors", row=7, column=4).ref == "actors!D7"
        assert Cell(sheet="actors", row=7).ref == "actors!7:7"
        assert Cell(sheet="actors", column=28).ref == "actors!AB:AB"
        assert Cell(sheet="extra").ref == "extra"

    def test_locate(self) -> None:
        """A path is found in its row, under the heading that names the rest of it."""
        cells = CellMap()
        cells.add_row("$.actors[0]", "actors", 3, {"id": 2, "seat/commune": 10, "sirets": 5})
        cells.add_row('$.actors[0].x["odd key"]', "weird", 9, {"a": 1})
        assert str(cells.locate("$.actors[0].seat.commune")) == "actors!J3"
        assert str(cells.locate("$.actors[0].seat")) == "actors!J3"
        assert str(cells.locate("$.actors[0].sirets[1]")) == "actors!E3"
        assert str(cells.locate("$.actors[0].nothing")) == "actors!3:3"
        assert str(cells.locate('$.actors[0].x["odd key"].a')) == "weird!A9"
        assert cells.locate("$.poles[0]") is None
        assert len(cells) == 2

    def test_problem_text_and_pickle(self) -> None:
        """A sheet problem says cell, heading, path and message, and survives pickling."""
        problem = SheetProblem(
            path="$.actors[0].name",
            message="missing",
            code="LOAD004",
            cell=Cell(sheet="actors", row=3, column=3, heading="name"),
        )
        assert str(problem) == "actors!C3 (name), $.actors[0].name: missing"
        assert str(SheetProblem(path="$", message="m", code="SHEET001")) == "$: m"
        assert problem.to_dict() == {
            "code": "LOAD004",
            "severity": "error",
            "path": "$.actors[0].name",
            "pointer": "/actors/0/name",
            "message": "missing",
            "cell": "actors!C3",
            "heading": "name",
        }
        assert pickle.loads(pickle.dumps(problem)) == problem
        error = pickle.loads(pickle.dumps(LoadError([problem])))
        assert error.problems == (problem,)


# --- mutations of a valid workbook: each must give a LoadError naming the right cell --------


def _book(tmp_path: Path) -> Path:
    path = tmp_path / "book.xlsx"
    sheets.to_xlsx(pole_sud(), path)
    return path


def _column(sheet: Any, heading: str) -> int:
    return [cell.value for cell in sheet[1]].index(heading) + 1


def _set(
    heading: str, value: object, *, sheet: str = "actors", row: int = 3
) -> Callable[[Any], str]:
    def mutate(book: Any) -> str:
        column = _column(book[sheet], heading)
        book[sheet].cell(row, column).value = value
        return f"{sheet}!{openpyxl.utils.get_column_letter(column)}{row}"

    return mutate


def _merge(book: Any) -> str:
    column = openpyxl.utils.get_column_letter(_column(book["actors"], "name"))
    book["actors"].merge_cells(f"{column}3:{column}4")
    return f"actors!{column}3"


def _hidden_sheet(book: Any) -> str:
    extra = book.create_sheet("notes")
    extra["A1"] = "secret"
    extra.sheet_state = "hidden"
    return "notes"


def _unknown_heading(book: Any) -> str:
    column = book["actors"].max_column + 1
    book["actors"].cell(1, column).value = "colour"
    book["actors"].cell(3, column).value = "blue"
    return f"actors!{openpyxl.utils.get_column_letter(column)}1"


def _duplicate_heading(book: Any) -> str:
    column = book["actors"].max_column + 1
    book["actors"].cell(1, column).value = "name"
    return f"actors!{openpyxl.utils.get_column_letter(column)}1"


def _no_heading(book: Any) -> str:
    column = book["actors"].max_column + 2
    book["actors"].cell(4, column).value = "stray"
    return f"actors!{openpyxl.utils.get_column_letter(column)}4"


def _no_key_heading(book: Any) -> str:
    book["poles_memberships"].cell(1, 1).value = None
    return "poles_memberships!1:1"


def _second_meta_row(book: Any) -> str:
    book["meta"].cell(4, 1).value = "1"
    return "meta!4:4"


def _duplicate_id(book: Any) -> str:
    column = _column(book["actors"], "id")
    book["actors"].cell(4, column).value = book["actors"].cell(3, column).value
    return f"actors!{openpyxl.utils.get_column_letter(column)}4"


def _bad_escape(book: Any) -> str:
    return _set("description", "\\{not json")(book)


MUTATIONS: dict[str, tuple[Callable[[Any], str], str]] = {
    "wrong type": (_set("headcount", "many"), "expected an integer"),
    "missing parent": (
        _set("poles/id", "nowhere", sheet="poles_memberships"),
        "which no row of it has",
    ),
    "empty parent key": (
        _set("poles/id", None, sheet="poles_memberships"),
        "which no row of it has",
    ),
    "bad code": (_set("seat/commune", "ABCDE"), "COG commune code"),
    "merged cells": (_merge, "merged cells"),
    "hidden extra sheet": (_hidden_sheet, "unknown hidden sheet 'notes'"),
    "a number for a code": (_set("seat/commune", 1053), "got the number 1053"),
    "a number for an id": (_set("id", 42), "got the number 42"),
    "a date as text": (_set("founded", "04/05/1987"), "got the text '04/05/1987'"),
    "a date with a time": (_set("founded", dt.datetime(1987, 5, 4, 10, 30)), "date and time"),
    "a number for a date": (_set("founded", 31900), "got the number 31900"),
    "a date for a fraction": (
        _set("share/fraction", dt.datetime(2024, 1, 3), sheet="assets_owners"),
        "got a date cell (2024-01-03)",
    ),
    "an unknown heading": (_unknown_heading, "unknown heading 'colour'"),
    "a repeated heading": (_duplicate_heading, "expected each heading once"),
    "a value with no heading": (_no_heading, "in a column with no heading"),
    "an empty required cell": (_set("name", None), "missing required key 'name'"),
    "an unknown kind": (_set("type", "castle"), "unknown actor type 'castle'"),
    "a value not in the list": (_set("naf_version", "rev9"), "rev9"),
    "a bad SIREN": (_set("siren", "123456789"), "SIREN"),
    "a word for a boolean": (_set("ess_statutes", "maybe"), "expected true or false"),
    "a bad escape": (_bad_escape, "expected JSON text after the backslash"),
    "a missing key heading": (_no_key_heading, "expected the heading 'poles/id'"),
    "a second metadata row": (_second_meta_row, "expected one row of metadata"),
    "a repeated id": (_duplicate_id, "id"),
    "a date for a name": (_set("name", dt.datetime(2024, 1, 1)), "expected text, got a date cell"),
    "a bad format version": (_set("ptcekit", "99", sheet="meta"), "99"),
}


class TestMutations:
    def test_there_are_at_least_twenty_kinds(self) -> None:
        """The set of mutations covers at least 20 kinds of mistakes."""
        assert len(MUTATIONS) >= 20

    @pytest.mark.parametrize("kind", sorted(MUTATIONS))
    def test_mutation_points_at_its_cell(self, tmp_path: Path, kind: str) -> None:
        """Each mutation of a valid workbook gives a LoadError naming the mutated cell."""
        path = _book(tmp_path)
        book = openpyxl.load_workbook(path)
        mutate, words = MUTATIONS[kind]
        ref = mutate(book)
        book.save(path)
        found = problems_of(lambda: sheets.from_xlsx(path))
        matching = [
            problem for problem in found if problem.cell is not None and problem.cell.ref == ref
        ]
        assert matching, f"no problem at {ref}: {[str(problem) for problem in found]}"
        assert any(words in problem.message for problem in matching), [str(p) for p in matching]
        assert all(
            problem.code in sheets.SHEET_CODES or problem.code.startswith("LOAD")
            for problem in found
        )


class TestCsvProblems:
    def test_csv_cells_and_paths(self, tmp_path: Path) -> None:
        """A CSV folder's problems name the file's sheet, the cell, the heading and the JSON path."""
        folder = tmp_path / "folder"
        sheets.to_csv(pole_sud(), folder)
        lines = (folder / "actors.csv").read_text(encoding="utf-8-sig").splitlines()
        headings = lines[0].split(",")
        cells = lines[2].split(",")
        cells[headings.index("seat/commune")] = "1053"
        lines[2] = ",".join(cells)
        (folder / "actors.csv").write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
        (folder / "extra.csv").write_text("a\nb\n", encoding="utf-8")
        found = problems_of(lambda: sheets.from_csv(folder))
        by_ref = {str(problem.cell): problem for problem in found}
        column = openpyxl.utils.get_column_letter(headings.index("seat/commune") + 1)
        problem = by_ref[f"actors!{column}3"]
        assert problem.path == "$.actors[0].seat.commune"
        assert problem.cell is not None
        assert problem.cell.heading == "seat/commune"
        assert 'got "1053"' in problem.message
        assert by_ref["extra"].message.startswith("unknown sheet 'extra'")

    def test_not_utf8(self, tmp_path: Path) -> None:
        """A CSV file that is not UTF-8 is a problem naming the file's sheet."""
        folder = tmp_path / "folder"
        sheets.to_csv(ptcekit.Ecosystem(), folder)
        (folder / "actors.csv").write_bytes(b"type,id\n\xff\xfe\n")
        (problem,) = problems_of(lambda: sheets.from_csv(folder))
        assert problem.cell is not None
        assert problem.cell.sheet == "actors"
        assert "UTF-8" in problem.message

    def test_blank_rows_and_columns_are_ignored(self, tmp_path: Path) -> None:
        """Empty rows anywhere, and blank columns after the headings, change nothing."""
        folder = tmp_path / "folder"
        eco = pole_sud()
        sheets.to_csv(eco, folder)
        text = (folder / "actors.csv").read_text(encoding="utf-8-sig").splitlines()
        padded = [line + ",,," for line in text[:3]] + [",,,", ""] + text[3:] + ["", ",,"]
        (folder / "actors.csv").write_text("\n".join(padded) + "\n", encoding="utf-8-sig")
        assert sheets.from_csv(folder) == eco
