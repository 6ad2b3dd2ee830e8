"""Render pictures of a generated workbook for the spreadsheets guide: ``python scripts/render_sheet_screenshots.py``.

It writes the bundled example ``examples/pole-sud.json`` as a workbook with
:func:`ptcekit.sheets.to_xlsx`, prints a few of its sheets to PDF with
LibreOffice (headless), and turns each first page into a PNG with pdftoppm
(poppler-utils), in ``docs/guides/_static/``. It needs ``soffice`` and
``pdftoppm`` on the path (Debian: ``libreoffice-calc-nogui poppler-utils``).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import openpyxl
from openpyxl.worksheet.page import PageMargins

from ptcekit import sheets
from ptcekit.serialize import load

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "guides" / "_static"

#: The sheets shown, and the range printed from each.
SHOTS = {
    "actors": "A1:J9",
    "poles_memberships": "A1:F9",
    "assets_owners": "A1:G7",
}


def _single_sheet(book_path: Path, name: str, area: str, into: Path) -> Path:
    """A copy of the workbook with only sheet ``name``, set to print ``area`` with grid and headings."""
    book = openpyxl.load_workbook(book_path)
    for other in list(book.sheetnames):
        if other != name:
            del book[other]
    sheet = book[name]
    sheet.data_validations.dataValidation = []  # they point at the lists sheet, removed above
    sheet.print_area = area
    sheet.print_options.gridLines = True
    sheet.print_options.headings = True
    sheet.page_setup.orientation = "landscape"
    sheet.page_margins = PageMargins(left=0.2, right=0.2, top=0.2, bottom=0.2)
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    path = into / f"{name}.xlsx"
    book.save(path)
    return path


def main() -> int:
    """Write the PNGs; return 1 when LibreOffice or pdftoppm is missing."""
    soffice = shutil.which("soffice")
    pdftoppm = shutil.which("pdftoppm")
    if soffice is None or pdftoppm is None:
        sys.stderr.write("needs soffice (libreoffice-calc-nogui) and pdftoppm (poppler-utils)\n")
        return 1
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        book = work / "pole-sud.xlsx"
        sheets.to_xlsx(load(ROOT / "examples" / "pole-sud.json"), book)
        for name, area in SHOTS.items():
            single = _single_sheet(book, name, area, work)
            subprocess.run(  # noqa: S603 -- the program comes from shutil.which, every argument is ours
                [
                    soffice,
                    f"-env:UserInstallation={(work / 'profile').as_uri()}",
                    "--headless",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    str(work),
                    str(single),
                ],
                check=True,
                capture_output=True,
            )
            target = OUT / f"sheet-{name.replace('_', '-')}"
            subprocess.run(  # noqa: S603 -- the program comes from shutil.which, every argument is ours
                [
                    pdftoppm,
                    "-png",
                    "-r",
                    "100",
                    "-singlefile",
                    "-f",
                    "1",
                    "-l",
                    "1",
                    "-x",
                    "0",
                    "-y",
                    "0",
                    "-W",
                    "1100",
                    "-H",
                    "250",
                    str(work / f"{name}.pdf"),
                    str(target),
                ],
                check=True,
            )
            sys.stdout.write(f"wrote {target.name}.png\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
