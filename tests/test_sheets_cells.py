"""Tests of the cells of ptcekit.sheets: how each wire value is written to a cell and read back."""

from __future__ import annotations

import datetime as dt
import enum
import math
from pathlib import Path
from typing import Any

import pytest

import ptcekit
from ptcekit import sheets
from ptcekit.errors import LoadError
from ptcekit.serialize.specs import EnumOf, Node, Scalar
from ptcekit.sheets._cells import (
    ABSENT,
    OBJECT,
    CellIssue,
    decode,
    decode_json,
    encode,
    encode_json,
)
from ptcekit.sheets._layout import Column


class Colour(enum.Enum):
    RED = "red"


def column(node: Node, form: str = "scalar", path: tuple[str, ...] = ("x",)) -> Column:
    """A column holding ``node``."""
    return Column(
        heading="/".join(path),
        path=path,
        form=form,  # type: ignore[arg-type]  # the tests pass the three forms by name
        node=node,
        nullable=True,
        required=False,
        label="x",
    )


TEXT = column(Scalar("str"))
CODE = column(Scalar("str", "[0-9]{5}", 'a COG commune code such as "26281"'))
DATE = column(Scalar("date"))
INT = column(Scalar("int"))
FLOAT = column(Scalar("float"))
BOOL = column(Scalar("bool"))
FRACTION = column(Scalar("fraction"))
ENUM = column(EnumOf(Colour))
JSON = column(Scalar("str"), "json")
CODES = column(Scalar("str", "[0-9]{5}", "a code"), "list")
WORDS = column(Scalar("str"), "list")
NUMBERS = column(Scalar("int"), "list")
NESTED = column(Scalar("date"), path=("period", "start"))


class TestEncode:
    @pytest.mark.parametrize(
        ("col", "value", "target", "cell"),
        [
            (TEXT, None, "xlsx", "\\null"),
            (TEXT, "", "csv", '\\""'),
            (TEXT, "=1+1", "xlsx", '\\"=1+1"'),
            (TEXT, "plain", "csv", "plain"),
            (DATE, "2024-01-31", "xlsx", dt.date(2024, 1, 31)),
            (DATE, "2024-02-30", "xlsx", '\\"2024-02-30"'),
            (DATE, "2024-01-31", "csv", "2024-01-31"),
            (INT, 12, "xlsx", 12),
            (INT, 12, "csv", "12"),
            (INT, 2**60, "xlsx", str(2**60)),
            (FLOAT, 3, "xlsx", "\\3"),
            (FLOAT, 0.5, "xlsx", 0.5),
            (FLOAT, 0.1 + 0.2, "xlsx", repr(0.1 + 0.2)),
            (FLOAT, 0.5, "csv", "0.5"),
            (BOOL, True, "xlsx", True),
            (BOOL, False, "csv", "false"),
            (BOOL, "yes", "csv", "yes"),
            (INT, True, "csv", "\\true"),
            (JSON, {"a": [1, None]}, "csv", '{"a":[1,null]}'),
            (JSON, "x\x01", "xlsx", '"x\\u0001"'),
            (CODES, ["26281", "01053"], "xlsx", "26281\n01053"),
            (CODES, [], "xlsx", "\\[]"),
            (WORDS, ["a\nb"], "csv", '\\["a\\nb"]'),
            (NUMBERS, [1, 2.5, True], "csv", "1\n2.5\ntrue"),
            (NUMBERS, [None], "csv", "\\[null]"),
            (WORDS, "not a list", "csv", '\\"not a list"'),
        ],
    )
    def test_cells(self, col: Column, value: Any, target: Any, cell: Any) -> None:
        """Each value is written as a plain cell when it can be, as escaped JSON otherwise."""
        assert encode(col, value, target) == cell

    def test_json_text(self) -> None:
        """JSON cells are compact UTF-8, with escapes only for what a cell cannot hold."""
        assert encode_json("é") == '"é"'
        assert encode_json("\ud800") == '"\\ud800"'


class TestDecode:
    @pytest.mark.parametrize(
        ("col", "raw", "value"),
        [
            (TEXT, None, ABSENT),
            (TEXT, "", ABSENT),
            (TEXT, '\\""', ""),
            (TEXT, "\\null", None),
            (NESTED, "\\{}", OBJECT),
            (TEXT, "\\{}", {}),
            (TEXT, 2024, "2024"),
            (TEXT, 2024.0, "2024"),
            (TEXT, 0.25, "0.25"),
            (TEXT, True, True),
            (FRACTION, "1/3", "1/3"),
            (ENUM, "red", "red"),
            (DATE, dt.datetime(2024, 1, 31), "2024-01-31"),
            (DATE, dt.date(2024, 1, 31), "2024-01-31"),
            (DATE, " 2024-01-31 ", "2024-01-31"),
            (INT, 3.0, 3),
            (INT, " 42 ", 42),
            (INT, 3.5, 3.5),
            (INT, "many", "many"),
            (INT, True, True),
            (FLOAT, 3, 3.0),
            (FLOAT, "2.5", 2.5),
            (FLOAT, "abc", "abc"),
            (FLOAT, "nan", "nan"),
            (FLOAT, True, True),
            (BOOL, True, True),
            (BOOL, "TRUE", True),
            (BOOL, "faux", False),
            (BOOL, "maybe", "maybe"),
            (BOOL, 1, 1),
            (JSON, '{"a": 1}', {"a": 1}),
            (JSON, "not json", "not json"),
            (JSON, "NaN", "NaN"),
            (JSON, 3, 3),
            (JSON, dt.datetime(2024, 1, 31), "2024-01-31"),
            (JSON, dt.datetime(2024, 1, 31, 10, 5), "2024-01-31T10:05:00"),
            (JSON, dt.date(2024, 1, 31), "2024-01-31"),
            (JSON, dt.time(10, 5), "10:05:00"),
            (JSON, math.inf, "inf"),
            (CODES, "26281\n01053", ["26281", "01053"]),
            (CODES, "26281; 01053 ,75056", ["26281", "01053", "75056"]),
            (WORDS, "a\r\nb\n", ["a", "b", ""]),
            (NUMBERS, "1\n2", [1, 2]),
            (NUMBERS, 7, [7]),
            (CODES, "\\[]", []),
        ],
    )
    def test_cells(self, col: Column, raw: Any, value: Any) -> None:
        """Each cell reads as the wire value its column holds (wrong types are passed on to the loader)."""
        assert decode(col, raw) == value

    @pytest.mark.parametrize(
        ("col", "raw", "words"),
        [
            (TEXT, "\\{oops", "expected JSON text after the backslash"),
            (
                CODE,
                1053,
                'expected a COG commune code such as "26281" as text, got the number 1053',
            ),
            (CODE, 1053.0, "got the number 1053.0"),
            (CODES, 1053, "got the number 1053"),
            (FRACTION, dt.datetime(2024, 1, 3), "expected text, got a date cell (2024-01-03)"),
            (TEXT, dt.date(2024, 1, 3), "expected text, got a date cell (2024-01-03)"),
            (
                DATE,
                dt.datetime(2024, 1, 3, 9, 30),
                "got a date and time cell (2024-01-03 09:30:00)",
            ),
            (DATE, "03/01/2024", "got the text '03/01/2024'"),
            (DATE, 45000, "got the number 45000"),
            (DATE, True, "got the boolean TRUE"),
            (DATE, 1.5, "got the number 1.5"),
            (INT, dt.datetime(2024, 1, 3), "expected a number, got a date cell"),
            (BOOL, dt.time(9, 30), "expected true or false, got a time cell"),
        ],
    )
    def test_spreadsheet_mistakes(self, col: Column, raw: Any, words: str) -> None:
        """What only a spreadsheet gets wrong is reported with the cell's content."""
        with pytest.raises(CellIssue) as caught:
            decode(col, raw)
        assert words in caught.value.args[0]

    def test_json_of_typed_cells(self) -> None:
        """A typed cell in a JSON column reads as its value."""
        assert decode_json(True) is True
        assert decode_json(None) is None


class TestReaderEdges:
    def write(self, folder: Path, name: str, lines: list[str]) -> None:
        (folder / f"{name}.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")

    def problems(self, folder: Path, unknown: Any = "forbid") -> list[str]:
        with pytest.raises(LoadError) as caught:
            sheets.from_csv(folder, unknown=unknown)
        return [str(problem) for problem in caught.value.problems]

    def test_headings_not_in_row_one(self, tmp_path: Path) -> None:
        """A sheet whose first row is empty has no headings: its rows cannot be read."""
        sheets.to_csv(ptcekit.Ecosystem(), tmp_path)
        self.write(tmp_path, "actors", [",,", "type,id,name", "x,y,z", "person,p,P"])
        found = self.problems(tmp_path)
        assert found == ["actors!1:1, $.actors: expected the headings in row 1, got an empty row"]

    def test_empty_meta_sheet(self, tmp_path: Path) -> None:
        """An empty metadata sheet is a problem; the format version is then missing too."""
        sheets.to_csv(ptcekit.Ecosystem(), tmp_path)
        self.write(tmp_path, "meta", [])
        found = self.problems(tmp_path)
        assert (
            found[0]
            == "meta, $: expected the headings in row 1 of the metadata sheet, got an empty sheet"
        )

    def test_empty_family_sheet_is_fine(self, tmp_path: Path) -> None:
        """An empty family sheet holds no records."""
        sheets.to_csv(ptcekit.Ecosystem(), tmp_path)
        self.write(tmp_path, "actors", [])
        assert sheets.from_csv(tmp_path) == ptcekit.Ecosystem()

    def test_rows_of_a_kind_without_the_list(self, tmp_path: Path) -> None:
        """A child row whose parent's kind has no such list is refused, at the key cell."""
        eco = ptcekit.Ecosystem(actors=(ptcekit.Person(id="p", name="P"),))
        sheets.to_csv(eco, tmp_path)
        self.write(tmp_path, "actors_associates", ["actors/id,role", "x,x", "p,employee"])
        found = self.problems(tmp_path)
        assert found[0].startswith(
            "actors_associates!A3 (actors/id), $.actors[0]: expected a row whose kind has the list"
        )

    def test_unknown_kind_with_children(self, tmp_path: Path) -> None:
        """Rows of an unknown kind are read with every column, and their child rows still attach."""
        sheets.to_csv(ptcekit.Ecosystem(), tmp_path)
        self.write(tmp_path, "actors", ["type,id,name,kind", "x,x,x,x", "castle,c,C,scop"])
        self.write(tmp_path, "actors_associates", ["actors/id,role", "x,x", "c,employee"])
        found = self.problems(tmp_path)
        (only,) = found  # the kinds listed depend on the extensions other tests have loaded
        assert only.startswith(
            "actors!A3 (type), $.actors[0].type: unknown actor type 'castle'; expected one of: association,"
        )

    def test_heading_against_heading(self, tmp_path: Path) -> None:
        """Two headings that give one value twice (a JSON column and a nested column) are a problem."""
        sheets.to_csv(ptcekit.Ecosystem(), tmp_path)
        self.write(
            tmp_path,
            "actors",
            ["type,id,name,seat/commune,seat", "x,x,x,x,x", 'person,p,P,26281,"{""a"": 1}"'],
        )
        found = self.problems(tmp_path, unknown="keep")
        expected = (
            "actors!E3 (seat), $.actors[0].seat: expected heading 'seat' to name a value of its own, "
            "but another heading already gives one there"
        )
        assert found == [expected]

    def test_keep_reads_unknown_sheets_as_problems(self, tmp_path: Path) -> None:
        """Even when keeping unknown keys, a sheet of no known name is a problem (it has no place)."""
        sheets.to_csv(ptcekit.Ecosystem(), tmp_path)
        self.write(tmp_path, "notes", ["a", "b"])
        found = self.problems(tmp_path, unknown="keep")
        assert found[0].startswith(
            "notes, $: unknown sheet 'notes'; expected sheets named: meta, actors"
        )


class TestSmallEdges:
    def test_locate_paths_it_cannot_read(self) -> None:
        """A path whose rest is no chain of keys is located at its row."""
        from ptcekit.sheets import CellMap

        cells = CellMap()
        cells.add_row("$.actors[0]", "actors", 3, {"id": 2})
        assert str(cells.locate("$.actors[0].x!odd")) == "actors!3:3"
        assert str(cells.locate('$.actors[0]["bad \\x"]')) == "actors!3:3"

    def test_csv_folder_must_be_a_path(self) -> None:
        """A folder that is no path is refused by name."""
        from ptcekit.errors import FieldTypeError

        with pytest.raises(FieldTypeError, match="folder: expected a folder path"):
            sheets.from_csv(3)  # type: ignore[arg-type]

    def test_csv_write_is_atomic(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """A CSV file whose write fails keeps its old content and leaves no temporary file."""
        sheets.to_csv(ptcekit.Ecosystem(name="Old"), tmp_path)
        before = (tmp_path / "meta.csv").read_bytes()

        def broken(self: Path, target: object) -> None:
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(Path, "replace", broken)
        with pytest.raises(OSError, match="No space left"):
            sheets.to_csv(ptcekit.Ecosystem(name="New"), tmp_path)
        assert (tmp_path / "meta.csv").read_bytes() == before
        assert not [path for path in tmp_path.iterdir() if path.name.startswith(".")]
