"""The ``ptcekit`` command: validate documents, list the rules, print the schema or a summary.

Exit status, for every subcommand: 0 when all went well and nothing reached
``--fail-on``; 1 when a finding did; 2 for a usage error or a file that
cannot be read or loaded; 3 for an internal error (a bug in ptcekit), reported
in one paragraph, never as a traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import importlib.metadata
import json
import sys
import time
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import Literal, TextIO

from ptcekit import analysis, rules, serialize, sheets
from ptcekit._version import __version__
from ptcekit.errors import PtcekitError
from ptcekit.model import Ecosystem

__all__ = ["main", "reference_markdown"]

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3
#: The status of a run stopped by Ctrl-C, as shells report it (128 + SIGINT).
EXIT_INTERRUPTED = 130

#: Where to report a bug when the installed metadata names no better place:
#: the project's documentation (``pyproject.toml``'s Documentation URL).
_DOCUMENTATION_URL = "https://ptcekit.readthedocs.io/"
#: The project URLs that name a place to report bugs, best first (lower case).
_REPORT_LABELS = ("issues", "bug tracker", "tracker", "bugs", "source", "repository", "homepage")
#: How much of an internal error's message is printed.
_MESSAGE_LIMIT = 500


class _Progress:
    """Status lines on standard error, shown only when it is a terminal."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._enabled = stream.isatty()
        self._started = 0.0

    def start(self, what: str) -> None:
        self._started = time.perf_counter()
        if self._enabled:
            self._stream.write(f"\r\x1b[K{what}…")
            self._stream.flush()

    def done(self) -> None:
        if self._enabled:
            elapsed = time.perf_counter() - self._started
            self._stream.write(f" {elapsed:.1f}s\r\x1b[K")
            self._stream.flush()


def _codes(text: str) -> tuple[str, ...]:
    codes = tuple(code.strip() for code in text.split(",") if code.strip())
    if not codes:
        message = f"expected codes or prefixes separated by commas, got {text!r}"
        raise argparse.ArgumentTypeError(message)
    return codes


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        message = f"expected a date as YYYY-MM-DD, got {text!r}"
        raise argparse.ArgumentTypeError(message) from None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ptcekit",
        description="Validate and explore models of the social and solidarity economy (ESS, PTCE).",
    )
    parser.add_argument("--version", action="version", version=f"ptcekit {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser(
        "validate",
        help="load documents and check them against the rules",
        description="Load each FILE, check it against the rules and print the findings with their paths.",
    )
    check.add_argument(
        "files",
        nargs="+",
        type=Path,
        metavar="FILE",
        help="a ptcekit JSON document, an XLSX workbook or a folder of CSV files",
    )
    check.add_argument(
        "--select",
        type=_codes,
        metavar="CODES",
        help="run only these rules (codes or prefixes, comma-separated)",
    )
    check.add_argument(
        "--ignore",
        type=_codes,
        metavar="CODES",
        help="skip these rules (codes or prefixes, comma-separated)",
    )
    check.add_argument(
        "--as-of",
        type=_date,
        metavar="DATE",
        help="check the situation on this day (default: the document's as_of, else today)",
    )
    check.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (default: text)"
    )
    check.add_argument(
        "--fail-on",
        choices=("error", "warning"),
        default="error",
        help="lowest severity that makes the exit status 1 (default: error)",
    )

    catalogue = commands.add_parser(
        "rules",
        help="list the rules, or explain one",
        description="List every rule (built-in and from installed plugins), or explain the rule CODE.",
    )
    catalogue.add_argument("code", nargs="?", metavar="CODE", help="a rule code, such as PTCE001")

    commands.add_parser(
        "schema",
        help="print the JSON Schema of ptcekit documents",
        description="Print the JSON Schema (draft 2020-12).",
    )

    overview = commands.add_parser(
        "summary",
        help="print a readable overview of a document",
        description="Print actors by sector, pôles, assets and agreements.",
    )
    overview.add_argument("file", type=Path, metavar="FILE", help="a ptcekit JSON document")
    overview.add_argument(
        "--as-of", type=_date, metavar="DATE", help="show the situation on this day"
    )
    _add_sheet_commands(commands)
    return parser


def _add_sheet_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``convert`` and ``template``: documents as workbooks and CSV folders."""
    convert = commands.add_parser(
        "convert",
        help="convert a document between JSON, XLSX and a folder of CSV files",
        description=(
            "Read IN and write OUT, each chosen by its name: a .json file, an .xlsx workbook, "
            "or else a folder of CSV files (one per sheet). Load problems name the cell and the path."
        ),
    )
    convert.add_argument("source", type=Path, metavar="IN", help="the document to read")
    convert.add_argument("target", type=Path, metavar="OUT", help="where to write it")
    convert.add_argument(
        "--keep-unknown",
        action="store_true",
        help="keep keys and headings ptcekit does not know, and write them back",
    )
    template = commands.add_parser(
        "template",
        help="write an empty workbook to fill in",
        description="Write an XLSX workbook with every sheet, both heading rows and the drop-down lists.",
    )
    template.add_argument("target", type=Path, metavar="OUT", help="the workbook to write (.xlsx)")


_REFERENCE_INTRO = """\
# Command line

The `ptcekit` command is installed with the package; `python -m ptcekit` runs the same.

Exit status, for every subcommand:

- `0`: all went well, and no finding reached `--fail-on`;
- `1`: a finding reached `--fail-on` (`error` by default);
- `2`: a usage error, or a file that cannot be read or loaded (each load problem is printed with its path);
- `3`: an internal error, that is a bug in ptcekit: one paragraph names the exception and asks for a bug report, and no traceback is printed;
- `130`: interrupted by Ctrl-C.

Progress lines ("loading …", "validating …") go to standard error, and only when it is a terminal.

`validate --format json` prints one report per file, one per line ([JSON Lines](https://jsonlines.org/)); each line reads back with `ptcekit.rules.Report.from_json`.

This page is generated from the command's own help by `scripts/write_cli_reference.py`.
"""


def reference_markdown(width: int = 88) -> str:
    """Return the command-line reference page (MyST markdown), made from the parser's help.

    Args:
        width: the width the help is wrapped at, fixed so the page is stable.
    """
    parser = _parser()
    sections = [_REFERENCE_INTRO]
    commands = [("ptcekit", parser)]
    # argparse offers no public way to list the subcommands of a parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            commands.extend((f"ptcekit {name}", sub) for name, sub in action.choices.items())
    for title, command in commands:
        command.formatter_class = functools.partial(argparse.HelpFormatter, width=width)
        sections.append(f"## `{title}`\n\n```text\n{command.format_help().rstrip()}\n```\n")
    return "\n".join(sections)


def _form(path: Path) -> str:
    """How a document is stored, by its name: ``"json"``, ``"xlsx"`` or ``"csv"`` (a folder)."""
    suffix = path.suffix.lower()
    if suffix in (".json", ".xlsx"):
        return suffix[1:]
    if path.is_dir() or not suffix:
        return "csv"
    message = (
        f"expected a .json file, an .xlsx workbook or a folder of CSV files, got {str(path)!r}"
    )
    raise argparse.ArgumentTypeError(message)


def _read(path: Path, *, keep: bool = False) -> tuple[Ecosystem, sheets.CellMap | None]:
    """Read the document at ``path`` (JSON, workbook or CSV folder), with its cells for sheets."""
    unknown: Literal["forbid", "keep"] = "keep" if keep else "forbid"
    form = _form(path)
    if form == "json":
        return (serialize.load(path, unknown="keep") if keep else serialize.load(path)), None
    read = (
        sheets.read_xlsx(path, unknown=unknown)
        if form == "xlsx"
        else sheets.read_csv(path, unknown=unknown)
    )
    return read.ecosystem, read.cells


def _load(
    path: Path, progress: _Progress, err: TextIO, cells: list[sheets.CellMap | None] | None = None
) -> Ecosystem | None:
    """Load ``path``, printing load errors with their paths; ``None`` when it cannot be loaded.

    A workbook's or CSV folder's map of cells is appended to ``cells``, when given.
    """
    progress.start(f"loading {path}")
    try:
        ecosystem, found = _read(path)
    except argparse.ArgumentTypeError as error:
        progress.done()
        err.write(f"{path}: cannot be loaded: {error}\n")
        return None
    except serialize.LoadError as error:
        progress.done()
        err.write(f"{path}: cannot be loaded: {len(error.problems)} problem(s)\n")
        for line in str(error).splitlines():
            err.write(f"{path}: {line}\n")
        return None
    except OSError as error:
        progress.done()
        err.write(f"{path}: cannot be read: {error.strerror or error}\n")
        return None
    progress.done()
    if cells is not None:
        cells.append(found)
    return ecosystem


def _rule_set(args: argparse.Namespace) -> rules.RuleSet:
    available = rules.available_rules()
    # selecting by code or prefix also reaches the opt-in rules (such as CALL)
    ruleset = available.select(*args.select) if args.select else available.defaults()
    if args.ignore:
        ruleset = ruleset.ignore(*args.ignore)
    return ruleset


def _validate(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    progress = _Progress(err)
    ruleset = _rule_set(args)
    threshold = rules.Severity(args.fail_on)
    status = EXIT_OK
    for path in args.files:
        cells: list[sheets.CellMap | None] = []
        ecosystem = _load(path, progress, err, cells)
        if ecosystem is None:
            status = EXIT_USAGE
            continue
        progress.start(f"validating {path}")
        report = rules.validate(ecosystem, rules=ruleset, as_of=args.as_of)
        progress.done()
        if report.filter(at_least=threshold).findings and status == EXIT_OK:
            status = EXIT_FINDINGS
        if args.format == "json":
            # one report per line (JSON Lines): each line reads back with Report.from_json
            out.write(report.to_json(indent=None) + "\n")
        else:
            for finding in report.findings:
                out.write(f"{path}: {_cell_of(cells[0], finding.path)}{finding.to_text()}\n")
            for note in report.unchecked:
                out.write(f"{path}: {_cell_of(cells[0], note.path)}{note.to_text()}\n")
            out.write(f"{path}: {report.summary()}\n")
    return status


def _cell_of(cells: sheets.CellMap | None, path: str) -> str:
    """The cell a path was read from, as a prefix (``"actors!D7: "``), or nothing."""
    cell = cells.locate(path) if cells is not None else None
    return f"{cell}: " if cell is not None else ""


def _convert(args: argparse.Namespace, err: TextIO) -> int:
    """Read a document in one form and write it in another (JSON, XLSX, CSV folder)."""
    target_form = _form(args.target)
    ecosystem = _load_keeping(args.source, err, keep=args.keep_unknown)
    if ecosystem is None:
        return EXIT_USAGE
    try:
        if target_form == "json":
            serialize.dump(ecosystem, args.target, pretty=True)
        elif target_form == "xlsx":
            sheets.to_xlsx(ecosystem, args.target)
        else:
            sheets.to_csv(ecosystem, args.target)
    except OSError as error:
        err.write(f"{args.target}: cannot be written: {error.strerror or error}\n")
        return EXIT_USAGE
    return EXIT_OK


def _load_keeping(path: Path, err: TextIO, *, keep: bool) -> Ecosystem | None:
    try:
        return _read(path, keep=keep)[0]
    except serialize.LoadError as error:
        err.write(f"{path}: cannot be loaded: {len(error.problems)} problem(s)\n")
        for line in str(error).splitlines():
            err.write(f"{path}: {line}\n")
    except OSError as error:
        err.write(f"{path}: cannot be read: {error.strerror or error}\n")
    return None


def _template(args: argparse.Namespace) -> int:
    """Write an empty workbook to fill in."""
    if args.target.suffix.lower() != ".xlsx":
        message = f"expected an .xlsx file to write, got {str(args.target)!r}"
        raise argparse.ArgumentTypeError(message)
    sheets.template(args.target)
    return EXIT_OK


def _sheet_command(args: argparse.Namespace, err: TextIO) -> int:
    """Run ``convert`` or ``template``; a name of no known form is a usage error."""
    try:
        return _convert(args, err) if args.command == "convert" else _template(args)
    except argparse.ArgumentTypeError as error:
        err.write(f"ptcekit {args.command}: {error}\n")
        return EXIT_USAGE


def _rules(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    ruleset = rules.available_rules()
    if args.code is None:
        for rule in ruleset:
            marker = " (opt-in)" if rule.opt_in else ""
            out.write(f"{rule.code:<9} {rule.severity.value:<8} {rule.title}{marker}\n")
        return EXIT_OK
    try:
        rule = ruleset[args.code]
    except KeyError:
        err.write(f"ptcekit rules: no rule {args.code!r}; run 'ptcekit rules' for the list\n")
        return EXIT_USAGE
    out.write(rules.describe_rule(rule) + "\n")
    return EXIT_OK


def _schema(out: TextIO) -> int:
    out.write(json.dumps(serialize.json_schema(), ensure_ascii=False, indent=2) + "\n")
    return EXIT_OK


def _summary(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    ecosystem = _load(args.file, _Progress(err), err)
    if ecosystem is None:
        return EXIT_USAGE
    out.write(analysis.summarize(ecosystem, as_of=args.as_of) + "\n")
    return EXIT_OK


def _bug_report_url() -> str:
    """Return where to report a bug: the project URL of the installed metadata that names one.

    An issue tracker or repository is preferred; the documentation otherwise.
    """
    try:
        entries = importlib.metadata.metadata("ptcekit").get_all("Project-URL") or []
    except (
        importlib.metadata.PackageNotFoundError
    ):  # pragma: no cover -- run from an uninstalled tree
        entries = []
    urls = {}
    for entry in entries:
        label, _, url = str(entry).partition(",")
        urls[label.strip().lower()] = url.strip()
    for label in _REPORT_LABELS:
        if urls.get(label):
            return urls[label]
    return urls.get("documentation") or _DOCUMENTATION_URL


def _internal_error(command: str | None, error: Exception) -> str:
    """The paragraph printed for an exception ptcekit did not expect: what, where, and whom to tell."""
    try:
        message = str(error)
    except Exception:  # the message of a broken exception is not worth a second failure
        message = "(its message cannot be shown)"
    if len(message) > _MESSAGE_LIMIT:
        message = message[: _MESSAGE_LIMIT - 1] + "…"
    frames = traceback.extract_tb(error.__traceback__)
    where = f" (in {Path(frames[-1].filename).name}, line {frames[-1].lineno})" if frames else ""
    what = f"{type(error).__qualname__}: {message}" if message else type(error).__qualname__
    program = "ptcekit" if command is None else f"ptcekit {command}"
    return (
        f"{program}: internal error: {what}{where}\n"
        f"This is a bug in ptcekit {__version__}. "
        f"Please report it at {_bug_report_url()}, with the command you ran "
        "and, if you can, the file that caused it.\n"
    )


def main(
    argv: Sequence[str] | None = None, *, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """Run the command line with ``argv`` and return the exit status.

    Args:
        argv: the arguments, without the program name; ``sys.argv[1:]`` when ``None``.
        out: where results go; standard output when ``None``.
        err: where errors and progress go; standard error when ``None``.

    Returns:
        0 when nothing reached ``--fail-on``, 1 when a finding did, 2 for a
        usage error or a file that cannot be loaded, 3 for an internal error
        (a bug in ptcekit, reported without a traceback), 130 when interrupted.
    """
    out = sys.stdout if out is None else out
    err = sys.stderr if err is None else err
    command = None
    try:
        parser = _parser()
        try:
            args = parser.parse_args(argv)
        except SystemExit as exit_:
            return EXIT_USAGE if exit_.code not in (0, None) else EXIT_OK
        command = args.command
        return _run(args, out, err)
    except KeyboardInterrupt:
        err.write("ptcekit: interrupted\n")
        return EXIT_INTERRUPTED
    except Exception as error:  # the last resort: a bug is reported, never a traceback
        err.write(_internal_error(command, error))
        return EXIT_INTERNAL


def _run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Run the subcommand ``args`` names; a ptcekit error is a usage error (status 2)."""
    try:
        if args.command == "validate":
            return _validate(args, out, err)
        if args.command == "rules":
            return _rules(args, out, err)
        if args.command == "schema":
            return _schema(out)
        if args.command in ("convert", "template"):
            return _sheet_command(args, err)
        return _summary(args, out, err)
    except PtcekitError as error:
        err.write(f"ptcekit {args.command}: {error}\n")
        return EXIT_USAGE
