"""Sphinx configuration of the ptcekit documentation."""

from __future__ import annotations

import doctest
import os
import sys
from pathlib import Path

# The pages show ptcekit's own rules and kinds: a plugin installed where the
# docs are built would change their outputs (rule counts, findings), so the
# build leaves plugins out unless PTCEKIT_PLUGINS says otherwise.
os.environ.setdefault("PTCEKIT_PLUGINS", "0")

# the docs document the source tree, so a build needs no installed ptcekit
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

import importlib.util
import logging

from sphinx.application import Sphinx
from sphinx.ext import napoleon

import ptcekit

project = "ptcekit"
author = "The ptcekit developers"
copyright = "the ptcekit developers"
release = ptcekit.__version__
version = ".".join(release.split(".")[:2])

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.doctest",
    # the notebook guide's plots are drawn at build time from the examples
    "matplotlib.sphinxext.plot_directive",
]

# plot directive: the code of ``.. plot::`` blocks runs in examples/, so that it
# can import the example models; one PNG per figure, no source or format links
plot_working_directory = str(Path(__file__).resolve().parent.parent / "examples")
plot_formats = [("png", 100)]
plot_include_source = False
plot_html_show_source_link = False
plot_html_show_formats = False

source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
root_doc = "index"
# editors' and half-written files must never break the build while people write pages
exclude_patterns = ["_build", "**/.*", "**/*~", "**/*.swp", "**/*.tmp", "**/*.bak"]
# ptcekit.testing is written in parallel with these docs: its page joins the
# build as soon as the module exists, and never breaks it before
if importlib.util.find_spec("ptcekit.testing") is None:
    exclude_patterns.append("reference/testing.md")


def _untitled_pages(docs: Path) -> list[str]:
    """Return the pages of the shared folders that have no level-1 title yet.

    A page someone has just created (empty, or still without its title) stays
    out of the build until it has one, instead of failing it.
    """
    untitled = []
    for folder in ("guides", "explanation", "reference"):
        for page in sorted((docs / folder).glob("*.md")):
            lines = page.read_text(encoding="utf-8", errors="replace").splitlines()
            if not any(line.startswith("# ") for line in lines):
                untitled.append(page.relative_to(docs).as_posix())
    return untitled


exclude_patterns += _untitled_pages(Path(__file__).resolve().parent)
language = "en"

# MyST: ::: fences for directives, definition lists for short tables of terms
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

# autodoc: members in source order, with the attributes the docstrings list
autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_typehints_description_target = "documented_params"
autodoc_class_signature = "separated"
autodoc_preserve_defaults = True
napoleon_google_docstring = True
napoleon_numpy_docstring = False
# attributes as ``.. attribute::`` entries, so that :attr: references resolve
napoleon_use_ivar = False
napoleon_attr_annotations = True

# doctest: the pages' ``{doctest}`` blocks run under ``sphinx-build -b doctest``.
# The ``>>>`` examples of docstrings run in their module's namespace under
# pytest --doctest-modules (pyproject.toml), so they are not run again here,
# where they would lack their module's globals.
# Sphinx ignores exception details by default; ptcekit's messages are part of
# its interface, so the pages' tracebacks are compared in full.
doctest_default_flags = doctest.ELLIPSIS | doctest.DONT_ACCEPT_TRUE_FOR_1
doctest_global_setup = """
import datetime as dt
import ptcekit
"""
doctest_test_doctest_blocks = ""

nitpicky = True
# Without intersphinx (the docs build offline), references to the standard
# library, attrs and python-stdnum cannot resolve. Each ignore below names one
# such external target; anything of ptcekit's own must resolve.
nitpick_ignore = [
    # standard library types in signatures and docstrings
    ("py:class", "datetime.date"),
    ("py:class", "dt.date"),
    ("py:class", "decimal.Decimal"),
    ("py:class", "Decimal"),
    ("py:class", "fractions.Fraction"),
    ("py:class", "Fraction"),
    ("py:class", "enum.StrEnum"),
    ("py:class", "StrEnum"),
    ("py:class", "ValueError"),
    ("py:class", "TypeError"),
    ("py:class", "KeyError"),
    ("py:class", "Exception"),
    ("py:exc", "ValueError"),
    ("py:exc", "TypeError"),
    ("py:exc", "KeyError"),
    ("py:class", "collections.abc.Iterable"),
    ("py:class", "collections.abc.Callable"),
    ("py:class", "collections.abc.Iterator"),
    ("py:class", "typing.Any"),
    ("py:class", "Any"),
    ("py:data", "typing.Any"),
    ("py:class", "typing.ClassVar"),
    # the standard library types of the validators' parameters
    ("py:class", "types.ModuleType"),
    ("py:class", "re.Pattern"),
    ("py:class", "enum.Enum"),
    ("py:class", "ptcekit.model.validators._E"),
    ("py:class", "ptcekit.model.validators._T"),
    # attrs: the model's classes are attrs classes, and attrs has no inventory offline
    ("py:func", "attrs.frozen"),
    ("py:func", "attrs.evolve"),
    ("py:class", "attrs.Attribute"),
    # python-stdnum checks SIREN and SIRET; its modules are not documented here
    ("py:mod", "stdnum.fr.siren"),
    ("py:mod", "stdnum.fr.siret"),
    ("py:class", "stdnum.exceptions.ValidationError"),
    # hypothesis, used by ptcekit.testing: its strategies and errors
    ("py:class", "hypothesis.strategies.SearchStrategy"),
    ("py:exc", "InvalidArgument"),
    # ptcekit.testing's private alias of hypothesis.strategies.SearchStrategy
    ("py:class", "Strategy"),
    ("py:class", "collections.abc.Sequence"),
    # file paths in signatures
    ("py:class", "os.PathLike"),
    # the type variables of ptcekit.serialize's generic signatures
    ("py:class", "ptcekit.serialize._converter.T"),
    ("py:class", "ptcekit.serialize._json.T"),
    # plugins are read from importlib.metadata entry points
    ("py:class", "importlib.metadata.EntryPoint"),
    ("py:class", "collections.abc.Mapping"),
]

html_theme = "furo"
html_title = f"ptcekit {release}"
html_static_path: list[str] = []


class _GoogleDocstring(napoleon.GoogleDocstring):
    """Napoleon's Google-style parser, reading ``Returns:`` as a description only.

    ptcekit's types live in the annotations, so a ``Returns:`` section is
    prose; napoleon would read its first line's "text before a colon" as a
    type, and a sentence such as "The département code: ``"2A"`` for
    ``"2A004"``" would become a broken type reference.
    """

    def _consume_returns_section(
        self,
        preprocess_types: bool = False,  # noqa: ARG002, FBT001, FBT002 -- napoleon's signature
    ) -> list[tuple[str, str, list[str]]]:
        lines = self._dedent(self._consume_to_next_section())
        return [("", "", lines)] if lines else []


def _napoleon_except_attributes(  # noqa: PLR0917 -- Sphinx's event signature
    app: Sphinx, what: str, name: str, obj: object, options: object, lines: list[str]
) -> None:
    """Run napoleon on every docstring but those of attributes and properties.

    Napoleon reads the first line of an attribute's docstring as ``type:
    description``, so a docstring such as "Private, outside the ESS: companies
    without ESS statutes" would become a broken type reference. The model's
    attribute and property docstrings are plain prose, with no sections.
    """
    if what in ("attribute", "property", "data"):
        return
    docstring = _GoogleDocstring(lines, app.config, app, what, name, obj, options)
    lines[:] = docstring.lines()


#: The index's glob patterns over folders that several people fill.
_GLOBBED_FOLDERS = frozenset({"guides/*", "explanation/*", "reference/*"})


class _EmptyFolderFilter(logging.Filter):
    """Drop the warning that a glob of :data:`_GLOBBED_FOLDERS` matched no page yet.

    Sphinx gives that warning no type, so ``suppress_warnings`` cannot select
    it; a section that is still empty must not fail the build, while every
    other toctree warning still does.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        empty_glob = "didn't match any documents" in str(record.msg)
        return not (empty_glob and bool(record.args) and record.args[0] in _GLOBBED_FOLDERS)  # type: ignore[index]  # args is the message's tuple


def setup(app: Sphinx) -> None:
    """Install the docstring listener and the empty-folder filter."""
    logging.getLogger("sphinx.sphinx.directives.other").addFilter(_EmptyFolderFilter())
    for listener in list(app.events.listeners.get("autodoc-process-docstring", [])):
        if listener.handler is napoleon._process_docstring:
            app.disconnect(listener.id)
    app.connect("autodoc-process-docstring", _napoleon_except_attributes)
