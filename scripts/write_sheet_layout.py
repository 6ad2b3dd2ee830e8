"""Write the sheet layout's reference page: ``python scripts/write_sheet_layout.py``.

The page ``docs/reference/sheet-layout.md`` is generated from the layout, which
is generated from the field specs, so it never drifts from what the sheets
functions write; ``tests/test_sheets_layout.py`` fails when the checked-in
page is stale. Pass ``--check`` to only compare.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ptcekit.sheets import reference_markdown

PAGE = Path(__file__).resolve().parent.parent / "docs" / "reference" / "sheet-layout.md"


def main(argv: list[str]) -> int:
    """Write the page, or with ``--check`` report whether it is up to date."""
    text = reference_markdown()
    if "--check" in argv:
        if PAGE.read_text(encoding="utf-8") != text:
            sys.stderr.write(f"{PAGE} is stale: run python scripts/write_sheet_layout.py\n")
            return 1
        return 0
    PAGE.write_text(text, encoding="utf-8")
    sys.stdout.write(f"wrote {PAGE.name}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
