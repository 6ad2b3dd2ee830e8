"""The names ``rules/_references.py`` imports, until it is brought into the new layout."""

# Temporary: _references.py is being rewritten on another branch; once that lands,
# it imports from _context, _report and _rule like every theme module, and this
# module goes.
from ptcekit.rules._context import Context
from ptcekit.rules._paths import RECORD_LISTS
from ptcekit.rules._report import Finding
from ptcekit.rules._rule import Example, Rule

__all__ = ["RECORD_LISTS", "Context", "Example", "Finding", "Rule"]
