"""Tests of the command line's spreadsheet side: convert, template, and validate on a workbook."""

from __future__ import annotations

import io
import json
from pathlib import Path

import openpyxl

from ptcekit import sheets
from ptcekit.cli import main
from ptcekit.serialize import load

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "pole-sud.json"


def run(*argv: str) -> tuple[int, str, str]:
    """Run the command line; return its status, standard output and standard error."""
    out, err = io.StringIO(), io.StringIO()
    status = main(list(argv), out=out, err=err)
    return status, out.getvalue(), err.getvalue()


class TestConvert:
    def test_json_to_xlsx_to_csv_to_json(self, tmp_path: Path) -> None:
        """A document goes JSON → XLSX → CSV folder → JSON and comes back the same."""
        assert run("convert", str(EXAMPLE), str(tmp_path / "book.xlsx"))[0] == 0
        assert run("convert", str(tmp_path / "book.xlsx"), str(tmp_path / "folder"))[0] == 0
        assert (tmp_path / "folder" / "actors.csv").is_file()
        assert run("convert", str(tmp_path / "folder"), str(tmp_path / "back.json"))[0] == 0
        assert json.loads((tmp_path / "back.json").read_text()) == json.loads(EXAMPLE.read_text())

    def test_keep_unknown(self, tmp_path: Path) -> None:
        """--keep-unknown carries unknown keys through a workbook; without it they are problems."""
        data = json.loads(EXAMPLE.read_text())
        data["actors"][0]["colour"] = "blue"
        source = tmp_path / "extra.json"
        source.write_text(json.dumps(data))
        status, _, err = run("convert", str(source), str(tmp_path / "book.xlsx"))
        assert status == 2
        assert "unknown key 'colour'" in err
        assert run("convert", "--keep-unknown", str(source), str(tmp_path / "book.xlsx"))[0] == 0
        status, _, err = run("convert", str(tmp_path / "book.xlsx"), str(tmp_path / "back.json"))
        assert status == 2
        assert "unknown heading 'colour'" in err
        assert "actors!" in err
        assert (
            run(
                "convert",
                "--keep-unknown",
                str(tmp_path / "book.xlsx"),
                str(tmp_path / "back.json"),
            )[0]
            == 0
        )
        assert json.loads((tmp_path / "back.json").read_text()) == data

    def test_unknown_forms(self, tmp_path: Path) -> None:
        """A name that is neither .json, .xlsx nor a folder is a usage error."""
        status, _, err = run("convert", str(EXAMPLE), str(tmp_path / "out.txt"))
        assert status == 2
        assert "expected a .json file, an .xlsx workbook or a folder of CSV files" in err

    def test_unreadable_and_unwritable(self, tmp_path: Path) -> None:
        """A missing source or a target that cannot be written is reported, status 2."""
        status, _, err = run("convert", str(tmp_path / "missing.json"), str(tmp_path / "out.xlsx"))
        assert status == 2
        assert "cannot be read" in err
        (tmp_path / "file").write_text("")
        status, _, err = run("convert", str(EXAMPLE), str(tmp_path / "file" / "out.json"))
        assert status == 2
        assert "cannot be written" in err


class TestTemplate:
    def test_writes_an_empty_workbook(self, tmp_path: Path) -> None:
        """Ptcekit template writes a workbook with every sheet of the layout."""
        assert run("template", str(tmp_path / "t.xlsx"))[0] == 0
        names = openpyxl.load_workbook(tmp_path / "t.xlsx", read_only=True).sheetnames
        assert names[: len(sheets.layout().sheets)] == [
            sheet.name for sheet in sheets.layout().sheets
        ]

    def test_needs_xlsx(self, tmp_path: Path) -> None:
        """The template is a workbook: another name is a usage error."""
        status, _, err = run("template", str(tmp_path / "t.csv"))
        assert status == 2
        assert "expected an .xlsx file to write, got" in err


class TestValidateWorkbook:
    def test_findings_point_at_cells(self, tmp_path: Path) -> None:
        """Validating a workbook prints each finding with its cell before its path."""
        sheets.to_xlsx(load(EXAMPLE), tmp_path / "book.xlsx")
        status, out, _ = run("validate", str(tmp_path / "book.xlsx"))
        assert status in (0, 1)
        lines = [line for line in out.splitlines() if "$.actors[2]" in line]
        assert lines
        assert all(": actors!5:5: $.actors[2]" in line for line in lines)

    def test_load_problems_point_at_cells(self, tmp_path: Path) -> None:
        """A workbook that cannot be loaded prints each problem with its cell, status 2."""
        sheets.to_xlsx(load(EXAMPLE), tmp_path / "book.xlsx")
        book = openpyxl.load_workbook(tmp_path / "book.xlsx")
        headings = [cell.value for cell in book["actors"][1]]
        column = headings.index("seat/commune") + 1
        book["actors"].cell(3, column).value = 1053
        book.save(tmp_path / "book.xlsx")
        status, _, err = run("validate", str(tmp_path / "book.xlsx"))
        assert status == 2
        letter = openpyxl.utils.get_column_letter(column)
        assert f"actors!{letter}3 (seat/commune), $.actors[0].seat.commune: expected" in err
