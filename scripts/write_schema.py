"""Write the JSON Schema of ptcekit's wire format to schema/ptcekit.schema.json.

Run from the repository's root after changing a model class:

    PYTHONPATH=src python scripts/write_schema.py

``tests/test_schema.py`` fails while the checked-in file is stale. With
``--check``, the script only compares and exits with 1 when the file is stale.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ptcekit.serialize import json_schema

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "schema" / "ptcekit.schema.json"


def schema_text() -> str:
    """Return the text of ptcekit's own schema (no extension kinds), as the file holds it."""
    return json.dumps(json_schema(extensions=False), indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Write (or, with ``--check``, compare) the schema file; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only tell whether the file is stale")
    arguments = parser.parse_args(argv)
    text = schema_text()
    if arguments.check:
        current = SCHEMA_PATH.read_text(encoding="utf-8") if SCHEMA_PATH.exists() else ""
        if current != text:
            print(f"{SCHEMA_PATH} is stale: run scripts/write_schema.py", file=sys.stderr)  # noqa: T201 -- a command-line script reports on the terminal
            return 1
        return 0
    SCHEMA_PATH.parent.mkdir(parents=True, exist_ok=True)
    SCHEMA_PATH.write_text(text, encoding="utf-8")
    print(f"wrote {SCHEMA_PATH}")  # noqa: T201 -- as above
    return 0


if __name__ == "__main__":
    sys.exit(main())
