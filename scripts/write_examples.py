"""Write the bundled JSON examples from their Python scripts: ``python scripts/write_examples.py``.

``examples/pole_sud.py`` and ``examples/tetris.py`` are the source; the JSON
documents beside them are their dumps, checked by ``tests/test_readme.py``.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import ptcekit

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = {"pole_sud.py": "pole-sud.json", "tetris.py": "tetris.json"}


def main() -> int:
    """Dump each example's ``build()`` next to its script."""
    for script, document in EXAMPLES.items():
        spec = importlib.util.spec_from_file_location(
            script.removesuffix(".py"), ROOT / "examples" / script
        )
        if spec is None or spec.loader is None:
            sys.stderr.write(f"cannot import examples/{script}\n")
            return 1
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        ptcekit.dump(module.build(), ROOT / "examples" / document, pretty=True)
        sys.stdout.write(f"wrote examples/{document}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
