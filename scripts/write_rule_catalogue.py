"""Write docs/reference/rules.md, the rule catalogue, from ptcekit's registry of built-in rules.

Run ``python scripts/write_rule_catalogue.py`` after adding or changing a rule;
``--check`` exits with status 1 when the page is out of date (a test does the same).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from ptcekit.rules import builtin_rules, catalogue_markdown  # noqa: E402 -- after the path set-up above

PAGE = ROOT / "docs" / "reference" / "rules.md"

#: The API of ptcekit.rules, documented after the catalogue.
API = """
## API

```{eval-rst}
.. automodule:: ptcekit.rules
   :no-index:

.. autofunction:: ptcekit.rules.validate

.. autofunction:: ptcekit.rules.builtin_rules

.. autofunction:: ptcekit.rules.default_rules

.. autofunction:: ptcekit.rules.available_rules

.. autofunction:: ptcekit.rules.themes

.. autoclass:: ptcekit.rules.Theme
   :members:

.. autofunction:: ptcekit.rules.load_plugins

.. autodata:: ptcekit.rules.ENTRY_POINT_GROUP

.. autofunction:: ptcekit.rules.catalogue_markdown

.. autofunction:: ptcekit.rules.describe_rule

.. autofunction:: ptcekit.rules.format_finding

.. autofunction:: ptcekit.rules.format_unchecked

.. autofunction:: ptcekit.rules.format_summary

.. autofunction:: ptcekit.rules.format_report

.. autoclass:: ptcekit.rules.Rule
   :members:

.. autoclass:: ptcekit.rules.Example

.. autoclass:: ptcekit.rules.Context
   :members:

.. autoclass:: ptcekit.rules.Member

.. autoclass:: ptcekit.rules.LawVersion
   :members:

.. autoclass:: ptcekit.rules.Finding
   :members:

.. autoclass:: ptcekit.rules.Unchecked
   :members:

.. autoclass:: ptcekit.rules.Report
   :members:

.. autoclass:: ptcekit.rules.RuleSet
   :members:

.. autoclass:: ptcekit.rules.Severity
   :members:

.. autoclass:: ptcekit.rules.RuleKind
   :members:

.. autoclass:: ptcekit.rules.Confidence
   :members:

.. autodata:: ptcekit.rules.Keys

.. autoexception:: ptcekit.rules.PluginError

.. autoexception:: ptcekit.rules.RuleError

.. autoexception:: ptcekit.rules.UnknownRuleError
```

The errors of rules and rule sets live in {mod}`ptcekit.errors` with the others, and `ptcekit` exports them too.
"""


def render() -> str:
    """Return the catalogue page of the built-in rules, then the API of ``ptcekit.rules``."""
    return catalogue_markdown(builtin_rules()) + API


def main(argv: list[str] | None = None) -> int:
    """Write the page, or with ``--check`` tell whether it is up to date."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="fail if the page is out of date")
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        current = PAGE.read_text(encoding="utf-8") if PAGE.exists() else ""
        if current != text:
            sys.stderr.write(
                f"{PAGE.relative_to(ROOT)} is out of date: run {Path(__file__).name}\n"
            )
            return 1
        return 0
    PAGE.write_text(text, encoding="utf-8")
    sys.stdout.write(f"wrote {PAGE.relative_to(ROOT)}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
