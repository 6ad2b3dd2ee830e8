"""Tests of the command line as scripts use it.

Envelopes per file, standard input, rule selection, statistics, output any
terminal can take, several files at once.
"""

from __future__ import annotations

import importlib.metadata
import io
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import ptcekit
from ptcekit import cli, envelope

ROOT = Path(__file__).resolve().parent.parent
POLE_SUD = ROOT / "examples" / "pole-sud.json"
TETRIS = ROOT / "examples" / "tetris.json"
BAD = '{"ptcekit": "1", "actors": [{"type": "asociation", "id": "a", "name": "A"}, {"type": "company", "id": "b", "name": "B", "headcount": "12"}]}'
ONLY_ESS = (
    '{"ptcekit": "1", "as_of": "2024-06-30", "actors": [{"type": "association", "id": "a", "name": "A"}],'
    ' "poles": [{"id": "p", "name": "P", "lead": "a", "memberships": [{"actor": "a"}]}]}'
)
SURROGATE = '{"ptcekit": "1", "name": "\\ud800", "as_of": "2024-01-01"}'


def run(*argv: str, stdin: bytes = b"") -> tuple[int, str, str]:
    """Run the command line in-process; return its status, output and errors."""
    out, err = io.StringIO(), io.StringIO()
    status = cli.main(list(argv), out=out, err=err, stdin=io.BytesIO(stdin))
    return status, out.getvalue(), err.getvalue()


def envelopes(out: str) -> list[dict[str, Any]]:
    """The envelopes of JSON Lines output, each checked against the shipped schema."""
    validator = jsonschema.Draft202012Validator(envelope.envelope_schema())
    found = [json.loads(line) for line in out.splitlines()]
    for data in found:
        validator.validate(data)
    return found


def program(
    *argv: str, encoding: str = "utf-8", stdin: bytes | None = None
) -> subprocess.CompletedProcess[bytes]:
    """Run ``python -m ptcekit`` in a subprocess whose standard streams use ``encoding``."""
    env = {**os.environ, "PYTHONIOENCODING": encoding}
    return subprocess.run(
        [sys.executable, "-m", "ptcekit", *argv],
        capture_output=True,
        env=env,
        input=stdin,
        check=False,
        cwd=ROOT,
    )


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    """A good file, one with findings, one that does not load, one that is not JSON, and a missing one."""
    made = {
        "findings": tmp_path / "only-ess.json",
        "bad": tmp_path / "bad.json",
        "broken": tmp_path / "broken.json",
        "surrogate": tmp_path / "surrogate.json",
    }
    made["findings"].write_text(ONLY_ESS, encoding="utf-8")
    made["bad"].write_text(BAD, encoding="utf-8")
    made["broken"].write_text('{"ptcekit": "1",\n "actors": [}', encoding="utf-8")
    made["surrogate"].write_text(SURROGATE, encoding="utf-8")
    made["missing"] = tmp_path / "missing.json"
    return made


class TestSeveralFiles:
    def test_json_gives_one_envelope_per_file_in_order(self, files: dict[str, Path]) -> None:
        """Each file, loaded or not, gets its envelope naming it; the status is 2."""
        names = [
            str(POLE_SUD),
            str(files["bad"]),
            str(files["missing"]),
            str(files["findings"]),
            str(files["broken"]),
        ]
        status, out, err = run("validate", "--format", "json", *names)
        assert status == 2
        assert err == ""  # the JSON says it all
        found = envelopes(out)
        assert [e["file"] for e in found] == names
        assert [e["status"] for e in found] == [
            "checked",
            "load-error",
            "read-error",
            "checked",
            "load-error",
        ]
        assert [e["ok"] for e in found] == [True, False, False, False, False]
        assert [p["pointer"] for p in found[1]["problems"]] == [
            "/actors/0/type",
            "/actors/1/headcount",
        ]
        assert found[2]["problems"][0]["message"] == "cannot be read: No such file or directory"
        assert found[4]["problems"][0]["message"].startswith("malformed JSON at line 2")

    def test_text_names_each_failure_once(self, files: dict[str, Path]) -> None:
        """Text output: each file that fails is reported once, with its count; the others are checked."""
        status, out, err = run("validate", str(files["bad"]), str(POLE_SUD), str(files["missing"]))
        assert status == 2
        lines = err.splitlines()
        assert len(lines) == 4
        assert lines[0] == f"{files['bad']}: cannot be loaded: 2 problems:"
        # the kinds other tests define join the list of expected tags: only its ends are fixed
        assert lines[1].startswith(
            f"{files['bad']}:   $.actors[0].type: unknown actor type 'asociation'; expected one of: association, "
        )
        assert lines[1].endswith('(did you mean "association"?)')
        assert (
            lines[2]
            == f'{files["bad"]}:   $.actors[1].headcount: expected an integer, got "12" (a string)'
        )
        assert lines[3] == f"{files['missing']}: cannot be read: No such file or directory"
        assert out.splitlines()[-1].startswith(f"{POLE_SUD}: ")

    def test_many_problems_are_capped_in_text(self, tmp_path: Path) -> None:
        """A file with more than 20 problems prints 20 and says how many more; JSON lists them all."""
        actors = ", ".join(
            f'{{"type": "company", "id": "c{i}", "name": "C", "headcount": "1"}}' for i in range(25)
        )
        path = tmp_path / "many.json"
        path.write_text(f'{{"ptcekit": "1", "actors": [{actors}]}}', encoding="utf-8")
        _, _, err = run("validate", str(path))
        lines = err.splitlines()
        assert lines[0] == f"{path}: cannot be loaded: 25 problems:"
        assert len(lines) == 22
        assert lines[-1] == f"{path}:   … and 5 more (--format json lists them all)"
        _, out, _ = run("validate", "--format", "json", str(path))
        assert len(envelopes(out)[0]["problems"]) == 25

    def test_summary_of_several_files(self, files: dict[str, Path]) -> None:
        """Summary takes several files, each under a header; one that fails gives status 2."""
        status, out, err = run("summary", str(POLE_SUD), str(files["bad"]), str(TETRIS))
        assert status == 2
        assert out.startswith(f"== {POLE_SUD} ==\n")
        assert f"\n== {TETRIS} ==\n" in out
        assert f"== {files['bad']} ==" not in out
        assert err.startswith(f"{files['bad']}: cannot be loaded: 2 problems:\n")
        status, out, _ = run("summary", str(POLE_SUD))
        assert status == 0
        assert out == ptcekit.summarize(ptcekit.load(POLE_SUD)) + "\n"


class TestStandardInput:
    def test_dash_reads_standard_input(self) -> None:
        """'-' reads the document from standard input, in text and in JSON."""
        data = POLE_SUD.read_bytes()
        status, out, _ = run("validate", "-", stdin=data)
        assert status == 0
        assert out.splitlines()[-1].startswith("-: ")
        _, out, _ = run("validate", "--format", "json", "-", stdin=data)
        (found,) = envelopes(out)
        assert (found["file"], found["status"]) == ("-", "checked")
        status, out, _ = run("summary", "-", stdin=data)
        assert (status, out) == (0, ptcekit.summarize(ptcekit.loads(data)) + "\n")

    def test_bad_standard_input(self) -> None:
        """A document on standard input that does not load is reported under '-'."""
        status, _, err = run("validate", "-", stdin=BAD.encode())
        assert status == 2
        assert err.startswith("-: cannot be loaded: 2 problems:\n")

    def test_from_a_pipe(self) -> None:
        """In a real process, '-' reads the pipe."""
        done = program("validate", "--format", "json", "-", stdin=TETRIS.read_bytes())
        assert done.returncode == 0
        (found,) = envelopes(done.stdout.decode())
        assert found["file"] == "-"


class TestRuleSelection:
    def test_extend_select_adds_opt_in_rules_to_the_defaults(self) -> None:
        """--extend-select CALL runs the defaults and the CALL rules."""
        _, out, _ = run("validate", "--format", "json", "--extend-select", "call", str(POLE_SUD))
        ran = {rule["code"] for rule in envelopes(out)[0]["rules"]}
        defaults = set(ptcekit.default_rules().codes)
        calls = {code for code in ptcekit.builtin_rules().codes if code.startswith("CALL")}
        assert calls
        assert ran == defaults | calls

    def test_all(self) -> None:
        """ALL (in any case) selects every rule, opt-in ones included, with --select or --extend-select."""
        every = set(ptcekit.rules.available_rules().codes)
        for option in ("--select", "--extend-select"):
            _, out, _ = run(
                "validate",
                "--format",
                "json",
                option,
                "all",
                "--as-of",
                "2024-01-01",
                str(POLE_SUD),
            )
            ran = {rule["code"] for rule in envelopes(out)[0]["rules"]}
            # rules whose law is not in force on the day do not run
            assert ran == {
                code
                for code in every
                if ptcekit.rules.available_rules()[code].applies_on(ptcekit.load(POLE_SUD).as_of)
            }  # type: ignore[arg-type]  # the example has an as_of

    def test_codes_are_case_insensitive(self, files: dict[str, Path]) -> None:
        """--select, --ignore and rules CODE take codes and prefixes in any case."""
        upper = run("validate", "--select", "PTCE", "--ignore", "PTCE005", str(files["findings"]))
        lower = run("validate", "--select", "ptce", "--ignore", "ptce005", str(files["findings"]))
        assert upper == lower
        assert "PTCE001 error" in lower[1]
        assert run("rules", "ptce001")[1] == run("rules", "PTCE001")[1]
        assert run("rules", "ptce001")[0] == 0

    def test_an_unknown_code_is_still_refused(self) -> None:
        """A code or prefix that matches no rule is a usage error (2), in any case."""
        status, _, err = run("validate", "--extend-select", "nope", str(POLE_SUD))
        assert status == 2
        assert err == "ptcekit validate: no rule has the code or prefix 'NOPE'\n"


class TestStatisticsAndQuiet:
    def test_statistics(self, files: dict[str, Path]) -> None:
        """--statistics prints counts per code over all files, most first, with severity and title."""
        status, out, _ = run(
            "validate", "--statistics", str(files["findings"]), str(files["findings"])
        )
        assert status == 1
        rules = ptcekit.builtin_rules()
        report = ptcekit.validate(ptcekit.load(files["findings"]))
        counts = {code: 2 * n for code, n in report.count_by_code().items()}
        expected = [
            f"{n:>6}  {code:<9} {rules[code].severity.value:<8} {rules[code].title}"
            for code, n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        ]
        assert out.splitlines() == expected

    def test_quiet(self, files: dict[str, Path]) -> None:
        """--quiet prints each file's summary line only; the status still says what was found."""
        status, out, _ = run("validate", "-q", str(files["findings"]), str(POLE_SUD))
        assert status == 1
        lines = out.splitlines()
        assert len(lines) == 2
        assert lines[0].startswith(f"{files['findings']}: Found 1 error")


class TestEncodings:
    def test_cp1252_terminal(self, files: dict[str, Path]) -> None:
        """On a cp1252 terminal, what it cannot write is replaced; no crash, the documented status."""
        summary = program("summary", str(TETRIS), encoding="cp1252")
        assert summary.returncode == 0, summary.stderr
        assert b"Traceback" not in summary.stderr
        assert b"?" in summary.stdout  # the arrows of periods
        text = summary.stdout.decode("cp1252")
        assert "Tétris" in text or "TETRIS" in text.upper()
        checked = program("validate", str(files["findings"]), encoding="cp1252")
        assert checked.returncode == 1
        assert "pôle 'p' has no enterprise outside the ESS" in checked.stdout.decode("cp1252")

    def test_a_lone_surrogate_in_a_document_name(self, files: dict[str, Path]) -> None:
        """A document whose name is a lone surrogate is refused with a message any terminal can show."""
        done = program("summary", str(files["surrogate"]), encoding="cp1252")
        assert done.returncode == 2
        assert b"Traceback" not in done.stderr
        assert b"expected text without lone surrogates" in done.stderr

    @pytest.mark.skipif(
        sys.platform != "linux", reason="a file name of undecodable bytes is a POSIX thing"
    )
    def test_a_lone_surrogate_in_a_file_name(self, tmp_path: Path) -> None:
        """A file name that is not UTF-8 reaches Python as lone surrogates: text replaces them, JSON escapes them."""
        raw = os.fsencode(tmp_path) + b"/caf\xe9.json"
        # pathlib takes str only: the bytes name is written through os
        descriptor = os.open(raw, os.O_WRONLY | os.O_CREAT, 0o644)
        os.write(descriptor, POLE_SUD.read_bytes())
        os.close(descriptor)
        name = os.fsdecode(raw)
        assert "\udce9" in name
        text = program("validate", name)
        assert text.returncode == 0, text.stderr
        assert b"Traceback" not in text.stderr
        assert text.stdout.splitlines()[-1].startswith(os.fsencode(tmp_path) + b"/caf?.json: ")
        as_json = program("validate", "--format", "json", name)
        assert as_json.returncode == 0, as_json.stderr
        (found,) = envelopes(as_json.stdout.decode("ascii"))
        assert found["file"] == name
        summary = program("summary", name, str(POLE_SUD))
        assert summary.returncode == 0, summary.stderr
        assert b"/caf?.json ==" in summary.stdout

    def test_json_falls_back_to_escapes(self) -> None:
        """A JSON line the stream cannot encode is written with ASCII escapes, losslessly."""

        class Latin1(io.StringIO):
            encoding = "latin-1"

            def write(self, text: str) -> int:
                text.encode(self.encoding)
                return super().write(text)

        stream = Latin1()
        cli._Stream(stream).write_json({"name": "Pôle → Sud"})
        assert stream.getvalue() == '{"name": "P\\u00f4le \\u2192 Sud"}\n'
        cli._Stream(stream).write("→\n")
        assert stream.getvalue().endswith("?\n")


class TestPluginsCommand:
    def test_plugins_off(self) -> None:
        """With plugins off, plugins says so."""
        assert run("plugins") == (0, "plugins are off (PTCEKIT_PLUGINS=0 or --no-plugins)\n", "")
        _status, out, _ = run("plugins", "--format", "json")
        assert json.loads(out) == {"enabled": False, "plugins": []}

    def test_none_installed(self, monkeypatch: pytest.MonkeyPatch, plugins_on: Any) -> None:
        """With none installed, plugins says so; --version too."""
        monkeypatch.setattr(importlib.metadata, "entry_points", lambda *, group: [])
        plugins_on.reload()
        assert run("plugins") == (0, "no plugin installed\n", "")

    def test_version_lists_none(
        self, monkeypatch: pytest.MonkeyPatch, plugins_on: Any, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """--version says 'plugins: none' when none is installed."""
        monkeypatch.setattr(importlib.metadata, "entry_points", lambda *, group: [])
        plugins_on.reload()
        assert run("--version")[0] == 0
        assert capsys.readouterr().out == f"ptcekit {ptcekit.__version__}\nplugins: none\n"


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class TestMovingProgress:
    def test_the_time_moves_while_the_records_are_built(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """While a big file is being built, the line shows the seconds spent, updated."""
        real = ptcekit.serialize.loads

        def slow(data: bytes) -> Any:
            time.sleep(0.6)
            return real(data)

        monkeypatch.setattr(cli, "BIG_FILE", 0)
        monkeypatch.setattr(ptcekit.serialize, "loads", slow)
        err = _Terminal()
        assert (
            cli.main(
                ["validate", "-"],
                out=io.StringIO(),
                err=err,
                stdin=io.BytesIO(POLE_SUD.read_bytes()),
            )
            == 0
        )
        assert re.search(r"building the records of -… 0\.[2-9]s", err.getvalue())


class TestEnvelopeWithoutRules:
    def test_codes_no_rule_set_knows(self) -> None:
        """An envelope made without its rule set still writes its findings and rules, untitled."""
        report = ptcekit.validate(ptcekit.loads(ONLY_ESS))
        data = envelope.Envelope(status="checked", report=report).to_dict()
        assert {f["title"] for f in data["findings"]} == {None}
        assert {r["origin"] for r in data["rules"]} == {"unknown"}
        jsonschema.Draft202012Validator(envelope.envelope_schema()).validate(data)
