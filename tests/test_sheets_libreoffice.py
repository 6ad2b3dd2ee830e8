"""A workbook written by ptcekit opens in LibreOffice, and what LibreOffice saves reads back the same."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from ptcekit import sheets
from ptcekit.serialize import load, to_dict

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")

#: LibreOffice's CSV filter: comma, double quote, UTF-8, from line 1, standard cell
#: formats, quoted fields as text, no number detection, cells as shown (dates as
#: their yyyy-mm-dd format), no formulas, no trimming, every sheet to its own file.
CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,false,true,false,false,-1"

pytestmark = pytest.mark.skipif(
    SOFFICE is None,
    reason="LibreOffice is not installed (apt-get install libreoffice-calc-nogui; CI installs it)",
)


@pytest.mark.parametrize("name", ["pole-sud.json", "tetris.json"])
def test_libreoffice_reads_what_ptcekit_writes(tmp_path: Path, name: str) -> None:
    """LibreOffice converts a written workbook to CSV files that read back as the same ecosystem."""
    assert SOFFICE is not None
    eco = load(EXAMPLES / name)
    sheets.to_xlsx(eco, tmp_path / "book.xlsx")
    out = tmp_path / "converted"
    profile = (tmp_path / "profile").as_uri()  # a profile of its own: runs may be parallel
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            CSV_FILTER,
            "--outdir",
            str(out),
            str(tmp_path / "book.xlsx"),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    folder = tmp_path / "folder"
    folder.mkdir()
    for file in out.glob("book-*.csv"):
        name_of_sheet = file.stem.removeprefix("book-")
        if name_of_sheet != sheets.LISTS:
            file.rename(folder / f"{name_of_sheet}.csv")
    assert {file.stem for file in folder.iterdir()} == {
        sheet.name for sheet in sheets.layout().sheets
    }
    back = sheets.from_csv(folder)
    assert to_dict(back) == to_dict(eco)
