"""The ``ptcekit`` command: validate documents, list the rules and plugins, print the schema or a summary.

Exit status, for every subcommand: 0 when all went well and nothing reached
``--fail-on``; 1 when a finding did; 2 for a usage error or a file that
cannot be read or loaded; 3 for an internal error (a bug in ptcekit), reported
in one paragraph, never as a traceback.

Each subcommand is one entry of :data:`COMMANDS`: a name, its help, a function
that adds its arguments and the name of the function that runs it.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import functools
import importlib.metadata
import io
import json
import os
import sys
import threading
import time
import traceback
import warnings
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, BinaryIO, Final, Literal, NamedTuple, TextIO

import attrs

from ptcekit import analysis, envelope, plugins, rules, serialize, sheets
from ptcekit._version import __version__
from ptcekit.errors import LoadError, Problem, PtcekitError
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
#: A file at least this big (in bytes) shows moving progress on a terminal.
BIG_FILE = 1_000_000
#: How many load problems the text output prints per file (``--format json`` gives them all).
_SHOWN_PROBLEMS = 20
#: The file name that means standard input.
STDIN = "-"


class _Stream:
    """A text stream that never fails on a character its encoding cannot write: it writes a replacement.

    A Windows console or a redirect in cp1252, or a lone surrogate in a
    document's name, must not turn a result into a crash.
    """

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.encoding = getattr(stream, "encoding", None) or "utf-8"

    def write(self, text: str) -> None:
        try:
            self.stream.write(text)
        except UnicodeEncodeError:
            self.stream.write(text.encode(self.encoding, "replace").decode(self.encoding))

    def write_json(self, data: object) -> None:
        """Write ``data`` as one line of JSON, escaping what the encoding cannot write (losslessly)."""
        try:
            self.stream.write(json.dumps(data, ensure_ascii=False) + "\n")
        except UnicodeEncodeError:
            self.stream.write(json.dumps(data, ensure_ascii=True) + "\n")

    def flush(self) -> None:
        self.stream.flush()

    def isatty(self) -> bool:
        isatty = getattr(self.stream, "isatty", None)
        return bool(isatty()) if isatty is not None else False


class _Progress:
    """Status lines on standard error, shown only when it is a terminal and the file is big.

    The line moves: bytes read, then the time spent building the records (and
    how many there are), then the rules run; it is wiped when done.
    """

    def __init__(self, stream: _Stream) -> None:
        self._stream = stream
        self._terminal = stream.isatty()
        self._enabled = False
        self._started = 0.0
        self._what = ""
        self._lock = threading.Lock()
        self._ticker: threading.Thread | None = None
        self._ticking = threading.Event()

    @property
    def enabled(self) -> bool:
        """Whether progress is shown for the current file."""
        return self._enabled

    def for_size(self, size: int | None) -> bool:
        """Turn progress on for a file of ``size`` bytes (unknown: on); return whether it is on."""
        self._enabled = self._terminal and (size is None or size >= BIG_FILE)
        return self._enabled

    def show(self, text: str) -> None:
        if self._enabled:
            with self._lock:
                self._stream.write(f"\r\x1b[K{text}")
                self._stream.flush()

    def start(self, what: str) -> None:
        self._started = time.perf_counter()
        self._what = what
        self.show(f"{what}…")

    @contextlib.contextmanager
    def ticking(self, what: str) -> Iterator[None]:
        """Show ``what`` with the seconds spent, updated while the block runs."""
        self.start(what)
        if not self._enabled:
            yield
            return
        self._ticking.clear()

        def tick() -> None:
            while not self._ticking.wait(0.25):
                self.show(f"{what}… {time.perf_counter() - self._started:.1f}s")

        self._ticker = threading.Thread(target=tick, name="ptcekit-progress", daemon=True)
        self._ticker.start()
        try:
            yield
        finally:
            self._ticking.set()
            self._ticker.join()

    def done(self) -> None:
        if self._enabled:
            with self._lock:
                self._stream.write("\r\x1b[K")
                self._stream.flush()


def _codes(text: str) -> tuple[str, ...]:
    """Codes or prefixes separated by commas, upper-cased: codes are case-insensitive."""
    codes = tuple(code.strip().upper() for code in text.split(",") if code.strip())
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


def _file_arguments(parser: argparse.ArgumentParser, *, several: str) -> None:
    parser.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help=f"{several}; '-' reads standard input",
    )


def _validate_arguments(check: argparse.ArgumentParser) -> None:
    _file_arguments(check, several="ptcekit JSON documents, XLSX workbooks or folders of CSV files")
    check.add_argument(
        "--select",
        type=_codes,
        metavar="CODES",
        help="run only these rules (codes or prefixes, comma-separated, any case; ALL for every rule)",
    )
    check.add_argument(
        "--extend-select",
        type=_codes,
        metavar="CODES",
        help="run these rules too, such as the opt-in CALL rules (codes or prefixes; ALL for every rule)",
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
        "--format",
        choices=("text", "json"),
        default="text",
        help="output format: text, or json for one result envelope per file, one per line (default: text)",
    )
    check.add_argument(
        "--fail-on",
        choices=("error", "warning"),
        default="error",
        help="lowest severity that makes the exit status 1 (default: error)",
    )
    check.add_argument(
        "--statistics",
        action="store_true",
        help="print how many findings each code has, over all files, instead of the findings",
    )
    check.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="print no finding: only each file's summary line (and load problems)",
    )


def _rules_arguments(catalogue: argparse.ArgumentParser) -> None:
    catalogue.add_argument(
        "code", nargs="?", metavar="CODE", help="a rule code, such as PTCE001 (any case)"
    )


def _no_arguments(parser: argparse.ArgumentParser) -> None:
    del parser


def _summary_arguments(overview: argparse.ArgumentParser) -> None:
    _file_arguments(
        overview, several="ptcekit JSON documents, XLSX workbooks or folders of CSV files"
    )
    overview.add_argument(
        "--as-of", type=_date, metavar="DATE", help="show the situation on this day"
    )


def _plugins_arguments(listing: argparse.ArgumentParser) -> None:
    listing.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (default: text)"
    )


def _convert_arguments(convert: argparse.ArgumentParser) -> None:
    convert.add_argument("source", type=Path, metavar="IN", help="the document to read")
    convert.add_argument("target", type=Path, metavar="OUT", help="where to write it")
    convert.add_argument(
        "--keep-unknown",
        action="store_true",
        help="keep keys and headings ptcekit does not know, and write them back",
    )


def _template_arguments(template: argparse.ArgumentParser) -> None:
    template.add_argument("target", type=Path, metavar="OUT", help="the workbook to write (.xlsx)")


class Command(NamedTuple):
    """One subcommand: its name, help, description, arguments and the function that runs it.

    ``run`` names a function of this module taking ``(args, out, err)`` and
    returning the exit status; it is looked up when the command runs.
    """

    name: str
    help: str
    description: str
    arguments: Callable[[argparse.ArgumentParser], None]
    run: str


#: The subcommands, in the order the help lists them.
COMMANDS: Final = (
    Command(
        "validate",
        "load documents and check them against the rules",
        "Load each FILE, check it against the rules and print the findings with their paths.",
        _validate_arguments,
        "_validate",
    ),
    Command(
        "rules",
        "list the rules, or explain one",
        "List every rule (built-in and from installed plugins), or explain the rule CODE.",
        _rules_arguments,
        "_rules",
    ),
    Command(
        "schema",
        "print the JSON Schema of ptcekit documents",
        "Print the JSON Schema (draft 2020-12), with the kinds of installed plugins.",
        _no_arguments,
        "_schema",
    ),
    Command(
        "summary",
        "print a readable overview of documents",
        "Print actors by sector, pôles, assets and agreements of each FILE.",
        _summary_arguments,
        "_summary",
    ),
    Command(
        "plugins",
        "list the installed plugins and what failed",
        "List the installed plugins (entry-point groups ptcekit.kinds and ptcekit.rules): "
        "the package each comes from, the kinds or rules it brings, or why it cannot be used.",
        _plugins_arguments,
        "_plugins",
    ),
    Command(
        "convert",
        "convert a document between JSON, XLSX and a folder of CSV files",
        "Read IN and write OUT, each chosen by its name: a .json file, an .xlsx workbook, "
        "or else a folder of CSV files (one per sheet). Load problems name the cell and the path.",
        _convert_arguments,
        "_convert",
    ),
    Command(
        "template",
        "write an empty workbook to fill in",
        "Write an XLSX workbook with every sheet, both heading rows and the drop-down lists.",
        _template_arguments,
        "_template",
    ),
)


class _Version(argparse.Action):
    """``--version``: ptcekit's version, then the plugins (loaded to list them)."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:
        kwargs.setdefault("nargs", 0)
        kwargs.setdefault("help", "print the version of ptcekit and of its plugins, and exit")
        super().__init__(option_strings, dest, **kwargs)

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: object,
        option_string: str | None = None,
    ) -> None:
        del values, option_string
        lines = [f"ptcekit {__version__}"]
        if getattr(namespace, "no_plugins", False) or not plugins.enabled():
            lines.append("plugins: off")
        else:
            with warnings.catch_warnings():
                # the failures are listed below
                warnings.simplefilter("ignore", plugins.PluginWarning)
                found = plugins.load()
            lines.append("plugins: none" if not found else "plugins:")
            lines.extend(f"  {plugin.describe()}" for plugin in found)
        _Stream(sys.stdout).write("\n".join(lines) + "\n")
        parser.exit(0)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ptcekit",
        description="Validate and explore models of the social and solidarity economy (ESS, PTCE).",
    )
    parser.add_argument(
        "--no-plugins",
        action="store_true",
        help=f"load no plugin (as {plugins.ENVIRONMENT_VARIABLE}=0 does); put it before --version",
    )
    parser.add_argument("--version", action=_Version)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in COMMANDS:
        sub = commands.add_parser(command.name, help=command.help, description=command.description)
        command.arguments(sub)
    return parser


_REFERENCE_INTRO = """\
# Command line

The `ptcekit` command is installed with the package; `python -m ptcekit` runs the same.

Exit status, for every subcommand:

- `0`: all went well, and no finding reached `--fail-on`;
- `1`: a finding reached `--fail-on` (`error` by default);
- `2`: a usage error, or a file that cannot be read or loaded (each load problem is printed with its path);
- `3`: an internal error, that is a bug in ptcekit: one paragraph names the exception and asks for a bug report, and no traceback is printed;
- `130`: interrupted by Ctrl-C.

A file named `-` is standard input.
Rule codes and prefixes are case-insensitive, and `ALL` selects every rule.

`validate --format json` prints one result envelope per file, one per line ([JSON Lines](https://jsonlines.org/)), files that cannot be read or loaded included: each names its file, says whether it loaded, and carries its load problems or its findings, the checks that could not run, counts, the rules run and the plugins in use.
The envelope follows the JSON Schema `ptcekit.envelope.envelope_schema()` returns, shipped with the package (see {doc}`../guides/validate-in-an-app`).

Progress goes to standard error, only when it is a terminal and the file is big (1 MB or more): bytes read, the time spent building the records, the rules run.
Output that the terminal's encoding cannot write is written with replacement characters (in JSON, with `\\u` escapes), never as a crash.

Installed plugins (entry-point groups `ptcekit.kinds` and `ptcekit.rules`) are loaded by every subcommand; one that cannot be used is skipped with a warning on standard error, and `ptcekit plugins` says why.
`--no-plugins`, or the environment variable `PTCEKIT_PLUGINS=0`, turns them off.

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


@attrs.frozen
class _Input:
    """A file's bytes, or why it could not be read."""

    name: str
    data: bytes | None
    error: str | None = None


def _read(name: str, progress: _Progress, stdin: BinaryIO) -> _Input:
    """Read the file ``name`` (``-``: standard input), showing the bytes read when it is big."""
    if name == STDIN:
        data = stdin.read()
        progress.for_size(len(data))
        return _Input(name, data)
    try:
        with Path(name).open("rb") as stream:
            size = os.fstat(stream.fileno()).st_size
            if not progress.for_size(size):
                return _Input(name, stream.read())
            chunks: list[bytes] = []
            done = 0
            while chunk := stream.read(1 << 20):
                chunks.append(chunk)
                done += len(chunk)
                progress.show(f"reading {name}: {done / 1e6:.1f} of {size / 1e6:.1f} MB")
            return _Input(name, b"".join(chunks))
    except OSError as error:
        return _Input(name, None, f"cannot be read: {error.strerror or error}")


def _load(
    name: str,
    progress: _Progress,
    err: _Stream,
    stdin: BinaryIO,
    *,
    report: bool = True,
    cells: list[sheets.CellMap] | None = None,
) -> tuple[Ecosystem | None, LoadError | None, str | None]:
    """Read and load ``name``; the ecosystem, or the error that refused it, or why it cannot be read.

    With ``report``, a file that cannot be read or loaded is reported on ``err``.
    A workbook's or CSV folder's map of cells is appended to ``cells``, when given.
    """
    if name != STDIN and _form(Path(name)) != "json":
        return _load_sheets(name, progress, err, report=report, cells=cells)
    given = _read(name, progress, stdin)
    if given.data is None:
        progress.done()
        if report:
            err.write(f"{name}: {given.error}\n")
        return None, None, given.error
    try:
        with progress.ticking(f"building the records of {name}"):
            ecosystem = serialize.loads(given.data)
    except LoadError as error:
        progress.done()
        if report:
            _print_problems(name, error.problems, err)
        return None, error, None
    records = sum(len(part) for part in ecosystem_parts(ecosystem))
    progress.show(f"{name}: {records:,} records built")
    return ecosystem, None, None


def _form(path: Path) -> str:
    """How a document is stored, by its name: ``"json"``, ``"xlsx"`` or ``"csv"`` (a folder).

    A name with another suffix is read as JSON, as ever.
    """
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return "xlsx"
    if path.is_dir() or (not suffix and not path.exists()):
        return "csv"
    return "json"


def _read_sheets(path: Path, *, keep: bool = False) -> sheets.Read:
    unknown: Literal["forbid", "keep"] = "keep" if keep else "forbid"
    if _form(path) == "xlsx":
        return sheets.read_xlsx(path, unknown=unknown)
    return sheets.read_csv(path, unknown=unknown)


def _load_sheets(
    name: str,
    progress: _Progress,
    err: _Stream,
    *,
    report: bool,
    cells: list[sheets.CellMap] | None,
) -> tuple[Ecosystem | None, LoadError | None, str | None]:
    """Load a workbook or a folder of CSV files, as :func:`_load` does a JSON document."""
    progress.start(f"loading {name}")
    try:
        read = _read_sheets(Path(name))
    except LoadError as error:
        progress.done()
        if report:
            _print_problems(name, error.problems, err)
        return None, error, None
    except OSError as error:
        progress.done()
        unread = f"cannot be read: {error.strerror or error}"
        if report:
            err.write(f"{name}: {unread}\n")
        return None, None, unread
    progress.done()
    if cells is not None:
        cells.append(read.cells)
    return read.ecosystem, None, None


def _cell_of(cells: Sequence[sheets.CellMap], path: str) -> str:
    """The cell a path was read from, as a prefix (``"actors!D7: "``), or nothing."""
    cell = cells[0].locate(path) if cells else None
    return f"{cell}: " if cell is not None else ""


def ecosystem_parts(ecosystem: Ecosystem) -> tuple[tuple[Any, ...], ...]:
    """The document's lists of records, for counting them."""
    return (ecosystem.actors, ecosystem.poles, ecosystem.assets, ecosystem.agreements)


def _print_problems(name: str, problems: Sequence[Problem], err: _Stream) -> None:
    count = len(problems)
    noun = "problem" if count == 1 else "problems"
    err.write(f"{name}: cannot be loaded: {count} {noun}:\n")
    for problem in problems[:_SHOWN_PROBLEMS]:
        err.write(f"{name}:   {problem}\n")
    if count > _SHOWN_PROBLEMS:
        more = count - _SHOWN_PROBLEMS
        err.write(f"{name}:   … and {more} more (--format json lists them all)\n")


def _rule_set(args: argparse.Namespace) -> rules.RuleSet:
    available = rules.available_rules()

    def pick(codes: Sequence[str]) -> rules.RuleSet:
        return available if "ALL" in codes else available.select(*codes)

    # selecting by code or prefix also reaches the opt-in rules (such as CALL)
    ruleset = pick(args.select) if args.select else available.defaults()
    if args.extend_select:
        extra = pick(args.extend_select)
        ruleset = rules.RuleSet(
            ruleset.rules + tuple(rule for rule in extra if rule.code not in ruleset)
        )
    if args.ignore:
        ruleset = ruleset.ignore(*args.ignore)
    return ruleset


def _counting(ruleset: rules.RuleSet, progress: _Progress, name: str) -> rules.RuleSet:
    """The same rules, each telling ``progress`` when it runs (only while progress is shown)."""
    total = len(ruleset)
    ran = [0]

    def counted(rule: rules.Rule) -> rules.Rule:
        check = rule.check

        def run(context: rules.Context) -> Any:
            ran[0] += 1
            progress.show(f"checking {name}: rule {ran[0]} of {total} ({rule.code})")
            return check(context)

        return attrs.evolve(rule, check=run)

    return rules.RuleSet(tuple(counted(rule) for rule in ruleset))


def _validate(args: argparse.Namespace, out: _Stream, err: _Stream) -> int:
    progress = _Progress(err)
    ruleset = _rule_set(args)
    threshold = rules.Severity(args.fail_on)
    as_json = args.format == "json"
    status = EXIT_OK
    statistics: Counter[str] = Counter()
    for name in args.files:
        cells: list[sheets.CellMap] = []
        ecosystem, refused, unread = _load(
            name, progress, err, args.stdin, report=not as_json, cells=cells
        )
        if ecosystem is None:
            status = EXIT_USAGE
            if as_json:
                result = envelope.Envelope(
                    file=name,
                    status="read-error" if unread is not None else "load-error",
                    problems=() if refused is None else refused.problems,
                    unreadable=unread,
                    truncated=bool(getattr(refused, "truncated", False)),
                    rules=ruleset,
                    fail_on=threshold,
                )
                out.write_json(result.to_dict())
            continue
        running = _counting(ruleset, progress, name) if progress.enabled else ruleset
        progress.start(f"validating {name}")
        report = rules.validate(ecosystem, rules=running, as_of=args.as_of)
        progress.done()
        if report.filter(at_least=threshold).findings and status == EXIT_OK:
            status = EXIT_FINDINGS
        statistics.update(finding.code for finding in report.findings)
        if as_json:
            result = envelope.Envelope(
                file=name, status="checked", report=report, rules=ruleset, fail_on=threshold
            )
            out.write_json(result.to_dict())
            continue
        if not (args.quiet or args.statistics):
            for finding in report.findings:
                out.write(f"{name}: {_cell_of(cells, finding.path)}{finding.to_text()}\n")
            for note in report.unchecked:
                out.write(f"{name}: {_cell_of(cells, note.path)}{note.to_text()}\n")
        if not args.statistics:
            out.write(f"{name}: {report.summary()}\n")
    if args.statistics and not as_json:
        _print_statistics(statistics, ruleset, out)
    return status


def _print_statistics(statistics: Counter[str], ruleset: rules.RuleSet, out: _Stream) -> None:
    """One line per code: how many findings, the code, its severity and title, most first."""
    for code, count in sorted(statistics.items(), key=lambda item: (-item[1], item[0])):
        rule = ruleset[code]  # every finding comes from a rule of the set, crashes included
        out.write(f"{count:>6}  {code:<9} {rule.severity.value:<8} {rule.title}\n")


def _rules(args: argparse.Namespace, out: _Stream, err: _Stream) -> int:
    ruleset = rules.available_rules()
    if args.code is None:
        for rule in ruleset:
            marker = " (opt-in)" if rule.opt_in else ""
            out.write(f"{rule.code:<9} {rule.severity.value:<8} {rule.title}{marker}\n")
        return EXIT_OK
    code = args.code.strip().upper()
    if code not in ruleset:
        err.write(f"ptcekit rules: no rule {args.code!r}; run 'ptcekit rules' for the list\n")
        return EXIT_USAGE
    out.write(rules.describe_rule(ruleset[code]) + "\n")
    return EXIT_OK


def _schema(args: argparse.Namespace, out: _Stream, err: _Stream) -> int:
    del args, err
    out.write(json.dumps(serialize.json_schema(), ensure_ascii=False, indent=2) + "\n")
    return EXIT_OK


def _summary(args: argparse.Namespace, out: _Stream, err: _Stream) -> int:
    status = EXIT_OK
    several = len(args.files) > 1
    for position, name in enumerate(args.files):
        ecosystem, _, _ = _load(name, _Progress(err), err, args.stdin)
        if ecosystem is None:
            status = EXIT_USAGE
            continue
        if several:
            out.write(("\n" if position else "") + f"== {name} ==\n")
        out.write(analysis.summarize(ecosystem, as_of=args.as_of) + "\n")
    return status


def _convert(args: argparse.Namespace, out: _Stream, err: _Stream) -> int:
    """Read a document in one form and write it in another (JSON, XLSX, CSV folder)."""
    del out
    source: Path = args.source
    target: Path = args.target
    for path in (source, target):
        if path.suffix.lower() not in (".json", ".xlsx", "") and not path.is_dir():
            err.write(
                "ptcekit convert: expected a .json file, an .xlsx workbook or a folder of "
                f"CSV files, got {str(path)!r}\n"
            )
            return EXIT_USAGE
    try:
        if _form(source) == "json":
            ecosystem = serialize.load(source, unknown="keep" if args.keep_unknown else "forbid")
        else:
            ecosystem = _read_sheets(source, keep=args.keep_unknown).ecosystem
    except LoadError as error:
        _print_problems(str(source), error.problems, err)
        return EXIT_USAGE
    except OSError as error:
        err.write(f"{source}: cannot be read: {error.strerror or error}\n")
        return EXIT_USAGE
    try:
        form = _form(target)
        if form == "json":
            serialize.dump(ecosystem, target, pretty=True)
        elif form == "xlsx":
            sheets.to_xlsx(ecosystem, target)
        else:
            sheets.to_csv(ecosystem, target)
    except OSError as error:
        err.write(f"{target}: cannot be written: {error.strerror or error}\n")
        return EXIT_USAGE
    return EXIT_OK


def _template(args: argparse.Namespace, out: _Stream, err: _Stream) -> int:
    """Write an empty workbook to fill in."""
    del out
    target: Path = args.target
    if target.suffix.lower() != ".xlsx":
        err.write(f"ptcekit template: expected an .xlsx file to write, got {str(target)!r}\n")
        return EXIT_USAGE
    try:
        sheets.template(target)
    except OSError as error:
        err.write(f"{target}: cannot be written: {error.strerror or error}\n")
        return EXIT_USAGE
    return EXIT_OK


def _plugins(args: argparse.Namespace, out: _Stream, err: _Stream) -> int:
    del err
    found = plugins.load()
    if args.format == "json":
        out.write_json({"enabled": plugins.enabled(), "plugins": [p.to_dict() for p in found]})
        return EXIT_OK
    if not plugins.enabled():
        out.write(f"plugins are off ({plugins.ENVIRONMENT_VARIABLE}=0 or --no-plugins)\n")
        return EXIT_OK
    if not found:
        out.write("no plugin installed\n")
        return EXIT_OK
    for plugin in found:
        out.write(plugin.describe() + "\n")
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
    argv: Sequence[str] | None = None,
    *,
    out: TextIO | None = None,
    err: TextIO | None = None,
    stdin: BinaryIO | None = None,
) -> int:
    """Run the command line with ``argv`` and return the exit status.

    Args:
        argv: the arguments, without the program name; ``sys.argv[1:]`` when ``None``.
        out: where results go; standard output when ``None``.
        err: where errors and progress go; standard error when ``None``.
        stdin: what the file ``-`` reads; standard input when ``None``.

    Returns:
        0 when nothing reached ``--fail-on``, 1 when a finding did, 2 for a
        usage error or a file that cannot be loaded, 3 for an internal error
        (a bug in ptcekit, reported without a traceback), 130 when interrupted.
    """
    safe_out = _Stream(sys.stdout if out is None else out)
    safe_err = _Stream(sys.stderr if err is None else err)
    command = None
    try:
        parser = _parser()
        try:
            args = parser.parse_args(argv)
        except SystemExit as exit_:
            return EXIT_USAGE if exit_.code not in (0, None) else EXIT_OK
        command = args.command
        # no standard input at all (pythonw, a detached service): '-' reads nothing
        args.stdin = getattr(sys.stdin, "buffer", None) or io.BytesIO() if stdin is None else stdin
        return _run(args, safe_out, safe_err)
    except KeyboardInterrupt:
        safe_err.write("ptcekit: interrupted\n")
        return EXIT_INTERRUPTED
    except Exception as error:  # the last resort: a bug is reported, never a traceback
        safe_err.write(_internal_error(command, error))
        return EXIT_INTERNAL


def _load_plugins(err: _Stream) -> None:
    """Load the installed plugins now, printing each one that cannot be used as one line."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", plugins.PluginWarning)
        plugins.load()
    for warning in caught:
        if issubclass(warning.category, plugins.PluginWarning):
            err.write(f"{warning.message}\n")
        else:  # pragma: no cover -- a plugin's own warning at import, passed on as it came
            warnings.warn_explicit(
                warning.message, warning.category, warning.filename, warning.lineno
            )


def _run(args: argparse.Namespace, out: _Stream, err: _Stream) -> int:
    """Run the subcommand ``args`` names; a ptcekit error is a usage error (status 2)."""
    handler = next(command.run for command in COMMANDS if command.name == args.command)
    context = plugins.disabled() if args.no_plugins else contextlib.nullcontext()
    try:
        with context:
            _load_plugins(err)
            status: int = globals()[handler](args, out, err)
            return status
    except PtcekitError as error:
        err.write(f"ptcekit {args.command}: {error}\n")
        return EXIT_USAGE
