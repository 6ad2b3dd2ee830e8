"""Tests of the ``ptcekit`` command line."""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

import ptcekit
from ptcekit import cli
from ptcekit.model import Association, Company, Ecosystem, Membership, Pole, Territory
from ptcekit.rules import Report

ROOT = Path(__file__).resolve().parent.parent
POLE_SUD = ROOT / "examples" / "pole-sud.json"
ROMANS = Territory(name="Romans-sur-Isère", level="commune", codes=("26281",), cog_year=2024)


def run(*argv: str) -> tuple[int, str, str]:
    """Run the command line in-process; return its status, output and errors."""
    out, err = io.StringIO(), io.StringIO()
    status = cli.main(list(argv), out=out, err=err)
    return status, out.getvalue(), err.getvalue()


def only_ess_pole() -> Ecosystem:
    """A pôle with no enterprise outside the ESS (PTCE001 fires) and no asset (PTCE005 warns)."""
    return Ecosystem(
        name="ESS only",
        actors=(Association(id="a", name="A"), Association(id="b", name="B")),
        poles=(
            Pole(
                id="p",
                name="P",
                lead="a",
                territory=ROMANS,
                memberships=(Membership(actor="a", role="lead"), Membership(actor="b")),
            ),
        ),
    )


@pytest.fixture
def findings_file(tmp_path: Path) -> Path:
    """A valid document whose pôle breaks art. 9."""
    path = tmp_path / "ess-only.json"
    ptcekit.dump(only_ess_pole(), path)
    return path


@pytest.fixture
def warnings_only_file(tmp_path: Path) -> Path:
    """A valid document whose only findings are warnings and infos."""
    eco = Ecosystem(
        actors=(Association(id="a", name="A"), Company(id="b", name="B")),
        poles=(
            Pole(
                id="p",
                name="P",
                lead="a",
                territory=ROMANS,
                memberships=(Membership(actor="a", role="lead"), Membership(actor="b")),
            ),
        ),
    )
    path = tmp_path / "warnings.json"
    ptcekit.dump(eco, path)
    return path


class TestValidate:
    def test_the_bundled_example_passes(self) -> None:
        """Pôle Sud validates with no finding and exit status 0, and says what it could not check."""
        status, out, err = run("validate", str(POLE_SUD))
        assert status == 0
        # its two cooperatives have no associés recorded: the vote caps of art. 3 bis could not run
        assert out.splitlines()[0] == (
            f"{POLE_SUD}: $.actors[2]: COOP001 not checked: no associés recorded (associates)"
        )
        assert out.splitlines()[-1] == (
            f"{POLE_SUD}: No problem found; 5 checks could not run for lack of data "
            "(55 rules, as of 2024-01-01)."
        )
        assert err == ""

    def test_findings_are_printed_with_paths_and_exit_1(self, findings_file: Path) -> None:
        """A document with an error finding prints it with its path and exits 1."""
        status, out, _ = run("validate", str(findings_file), "--as-of", "2024-01-01")
        assert status == 1
        lines = out.splitlines()
        assert (
            f"{findings_file}: $.poles[0].memberships: PTCE001 error: pôle 'p' has no enterprise outside the ESS among its members on 2024-01-01 [Loi n° 2014-856 du 31 juillet 2014, art. 9, I]"
            in lines
        )
        assert lines[-1].startswith(f"{findings_file}: Found 1 error, 1 warning")

    def test_warnings_do_not_fail_by_default(self, warnings_only_file: Path) -> None:
        """Warnings alone exit 0 unless --fail-on warning."""
        status, out, _ = run("validate", str(warnings_only_file), "--as-of", "2024-01-01")
        assert status == 0
        assert "PTCE005 warning" in out
        status, _, _ = run("validate", str(warnings_only_file), "--fail-on", "warning")
        assert status == 1

    def test_select_and_ignore(self, findings_file: Path) -> None:
        """--select keeps only the named rules; --ignore drops them."""
        status, out, _ = run("validate", str(findings_file), "--select", "PTCE005")
        assert status == 0
        assert "PTCE001" not in out
        assert "(1 rule," in out
        status, out, _ = run("validate", str(findings_file), "--ignore", "PTCE001,PTCE002,PTCE005")
        assert status == 0
        assert "All checks passed" in out

    def test_select_reaches_opt_in_rules(self, findings_file: Path) -> None:
        """The funding criteria (CALL) run only when selected."""
        _, out, _ = run("validate", str(findings_file))
        assert "CALL" not in out
        status, out, _ = run("validate", str(findings_file), "--select", "CALL")
        assert "CALL" in out
        assert status == 1

    def test_json_output_round_trips_into_a_report(self, findings_file: Path) -> None:
        """--format json prints one report per file that reads back as a Report."""
        status, out, _ = run("validate", str(findings_file), str(POLE_SUD), "--format", "json")
        assert status == 1
        first, second = out.splitlines()
        report = Report.from_json(first)
        assert [f.code for f in report.findings] == ["PTCE005", "PTCE001"]
        assert json.loads(first) == report.to_dict()
        assert Report.from_json(second).ok

    def test_malformed_file_exits_2_with_paths(self, tmp_path: Path) -> None:
        """A document that cannot be loaded exits 2 and prints each problem with its path."""
        path = tmp_path / "bad.json"
        path.write_text(
            '{"ptcekit": "1", "actors": [{"type": "asociation", "id": "a", "name": "A"},'
            ' {"type": "company", "id": "b", "name": "B", "siren": "732829321"}]}',
            encoding="utf-8",
        )
        status, out, err = run("validate", str(path))
        assert status == 2
        assert out == ""
        lines = err.splitlines()
        assert lines[0] == f"{path}: cannot be loaded: 2 problem(s)"
        assert any(
            line.startswith(f"{path}:   $.actors[0].type: unknown actor type 'asociation'")
            for line in lines
        )
        assert any(line.startswith(f"{path}:   $.actors[1].siren: ") for line in lines)

    def test_invalid_json_exits_2(self, tmp_path: Path) -> None:
        """Malformed JSON is reported with its line and column."""
        path = tmp_path / "broken.json"
        path.write_text('{"ptcekit": "1",\n "actors": [}', encoding="utf-8")
        status, _, err = run("validate", str(path))
        assert status == 2
        assert "line 2" in err

    def test_missing_file_exits_2(self, tmp_path: Path) -> None:
        """A file that does not exist is a usage error."""
        status, _, err = run("validate", str(tmp_path / "nope.json"))
        assert status == 2
        assert err == f"{tmp_path / 'nope.json'}: cannot be read: No such file or directory\n"

    def test_a_bad_file_does_not_hide_the_others(self, tmp_path: Path) -> None:
        """Every file is checked even when one cannot be loaded; the status is 2."""
        status, out, _ = run("validate", str(tmp_path / "nope.json"), str(POLE_SUD))
        assert status == 2
        assert f"{POLE_SUD}: No problem found" in out

    def test_bad_date_is_a_usage_error(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--as-of takes an ISO date."""
        status, _, _ = run("validate", str(POLE_SUD), "--as-of", "01/02/2024")
        assert status == 2
        assert "expected a date as YYYY-MM-DD, got '01/02/2024'" in capsys.readouterr().err

    def test_empty_codes_is_a_usage_error(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--select needs at least one code."""
        status, _, _ = run("validate", str(POLE_SUD), "--select", " , ")
        assert status == 2
        assert "expected codes or prefixes separated by commas" in capsys.readouterr().err

    def test_unknown_rule_selection_is_reported(self) -> None:
        """Selecting a code that matches no rule is a clear usage error."""
        status, out, err = run("validate", str(POLE_SUD), "--select", "NOPE999")
        assert status == 2
        assert out == ""
        assert err.startswith("ptcekit validate: ")
        assert "NOPE999" in err


class TestRules:
    def test_list(self) -> None:
        """The catalogue lists every rule, opt-in ones marked."""
        status, out, _ = run("rules")
        assert status == 0
        lines = out.splitlines()
        assert len(lines) == len(ptcekit.rules.builtin_rules())
        assert any(line.startswith("PTCE001") for line in lines)
        assert any(line.startswith("CALL001") and line.endswith("(opt-in)") for line in lines)

    def test_explain_one(self) -> None:
        """One rule is explained with its source and confidence."""
        status, out, _ = run("rules", "PTCE001")
        assert status == 0
        rule = ptcekit.rules.builtin_rules()["PTCE001"]
        assert out.startswith(f"PTCE001: {rule.title}\n")
        assert f"source:     {rule.source}" in out
        assert f"confidence: {rule.confidence.value}" in out

    def test_explain_an_opt_in_rule(self) -> None:
        """An opt-in rule says how to run it."""
        _, out, _ = run("rules", "CALL001")
        assert "opt-in:     runs only when selected (--select)" in out

    def test_unknown_code(self) -> None:
        """An unknown code exits 2 and says how to list the rules."""
        status, out, err = run("rules", "XYZ001")
        assert status == 2
        assert out == ""
        assert err == "ptcekit rules: no rule 'XYZ001'; run 'ptcekit rules' for the list\n"


class TestSchemaAndSummary:
    def test_schema(self) -> None:
        """The schema printed is the generated JSON Schema."""
        status, out, _ = run("schema")
        assert status == 0
        assert json.loads(out) == ptcekit.json_schema()

    def test_summary(self) -> None:
        """The summary of the bundled example is the analysis summary."""
        status, out, _ = run("summary", str(POLE_SUD))
        assert status == 0
        assert out == ptcekit.summarize(ptcekit.load(POLE_SUD)) + "\n"

    def test_summary_as_of(self) -> None:
        """--as-of is passed to the summary."""
        import datetime as dt

        status, out, _ = run("summary", str(POLE_SUD), "--as-of", "2010-01-01")
        assert status == 0
        eco = ptcekit.load(POLE_SUD)
        assert out == ptcekit.summarize(eco, as_of=dt.date(2010, 1, 1)) + "\n"

    def test_summary_of_a_bad_file(self, tmp_path: Path) -> None:
        """A summary of a file that cannot be loaded exits 2."""
        status, _, err = run("summary", str(tmp_path / "nope.json"))
        assert status == 2
        assert "cannot be read" in err


class TestUsage:
    def test_no_command(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A command is required."""
        assert run()[0] == 2
        assert "required" in capsys.readouterr().err

    def test_version(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--version prints the version and exits 0."""
        assert run("--version")[0] == 0
        assert capsys.readouterr().out == f"ptcekit {ptcekit.__version__}\n"

    def test_python_dash_m(self) -> None:
        """``python -m ptcekit`` runs the same command."""
        done = subprocess.run(
            [sys.executable, "-m", "ptcekit", "validate", str(POLE_SUD)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0
        assert "No problem found" in done.stdout


class TestReference:
    def test_page_documents_every_command_and_option(self) -> None:
        """docs/reference/cli.md names every subcommand and every option of the parser."""
        page = (ROOT / "docs" / "reference" / "cli.md").read_text(encoding="utf-8")
        parser = cli._parser()
        for action in parser._actions:
            for option in action.option_strings:
                assert option in page
            if not isinstance(action, argparse._SubParsersAction):
                continue
            for name, sub in action.choices.items():
                assert f"## `ptcekit {name}`" in page
                for sub_action in sub._actions:
                    for option in sub_action.option_strings:
                        assert option in page, (name, option)

    def test_page_is_what_the_generator_writes(self) -> None:
        """The checked-in page is the generator's output (regenerate with scripts/write_cli_reference.py)."""
        if sys.version_info[:2] != (3, 11):
            pytest.skip(
                "argparse's help layout differs between Python versions; the page is made on 3.11"
            )
        page = (ROOT / "docs" / "reference" / "cli.md").read_text(encoding="utf-8")
        assert page == cli.reference_markdown()


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class TestProgress:
    def test_shown_on_a_terminal(self) -> None:
        """Progress goes to standard error when it is a terminal, and is wiped after."""
        err = _Terminal()
        status = cli.main(["validate", str(POLE_SUD)], out=io.StringIO(), err=err)
        assert status == 0
        text = err.getvalue()
        assert f"loading {POLE_SUD}…" in text
        assert f"validating {POLE_SUD}…" in text
        assert text.endswith("\r\x1b[K")

    def test_hidden_otherwise(self) -> None:
        """Nothing is written to standard error when it is not a terminal."""
        _, _, err = run("validate", str(POLE_SUD))
        assert err == ""
