"""Tests of the ``ptcekit`` command line."""

from __future__ import annotations

import argparse
import datetime as dt
import email.message
import importlib.metadata
import io
import json
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import ptcekit
from ptcekit import cli, rules
from ptcekit.model import (
    Association,
    Company,
    Ecosystem,
    Membership,
    PartnershipAgreement,
    Party,
    Pole,
    SharedPremises,
    Territory,
)

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


def pole_sud_summary() -> str:
    """The summary line the library gives for the bundled example, with the default rules."""
    return f"{POLE_SUD}: {ptcekit.rules.validate(ptcekit.load(POLE_SUD)).summary()}"


def unchecked_only() -> Ecosystem:
    """A building governed by a convention whose term is not recorded: AGR002 cannot run."""
    return Ecosystem(
        as_of=dt.date(2024, 6, 30),
        actors=(Association(id="a", name="A"), Association(id="b", name="B")),
        assets=(SharedPremises(id="batiment", name="Bâtiment", agreement="occupation"),),
        agreements=(
            PartnershipAgreement(
                id="occupation",
                title="Convention d'occupation",
                kind="mutualisation",
                parties=(Party(actor="a"), Party(actor="b")),
            ),
        ),
    )


class TestValidate:
    def test_the_bundled_example_passes(self) -> None:
        """Pôle Sud validates with no finding and exit status 0; its summary is the library's."""
        status, out, err = run("validate", str(POLE_SUD))
        assert status == 0
        lines = out.splitlines()
        assert lines[-1] == pole_sud_summary()
        assert lines[-1].endswith(
            f"({len(ptcekit.rules.default_rules())} rules, as of 2024-01-01)."
        )
        assert not [line for line in lines if " error: " in line or " warning: " in line]
        assert err == ""

    def test_checks_that_could_not_run(self, tmp_path: Path) -> None:
        """The text form lists the checks that could not run and says so in the summary."""
        path = tmp_path / "no-term.json"
        ptcekit.dump(unchecked_only(), path)
        status, out, _ = run("validate", str(path), "--select", "AGR")
        assert status == 0
        assert out.splitlines() == [
            f"{path}: $.assets[0].agreement: AGR002 not checked: asset 'batiment' is governed by agreement 'occupation', whose term is not recorded: whether it is still in force is unknown",
            f"{path}: No problem found; 1 check could not run for lack of data (3 rules, as of 2024-06-30).",
        ]  # fmt: skip
        status, out, _ = run("validate", str(path), "--select", "AGR", "--format", "json")
        assert status == 0
        data = json.loads(out)
        assert data["complete"] is False
        assert data["unchecked"] == [
            {
                "code": "AGR002",
                "path": "$.assets[0].agreement",
                "reason": "asset 'batiment' is governed by agreement 'occupation', whose term is not recorded: whether it is still in force is unknown",
                "subject": "batiment",
            }
        ]  # fmt: skip
        assert data["status"] == "checked"
        assert data["counts"]["unchecked"] == 1
        assert data["ok"] is True
        _, out, _ = run("validate", str(path), "--select", "AGR001")
        assert out == f"{path}: All checks passed (1 rule, as of 2024-06-30).\n"

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

    def test_json_output_is_one_envelope_per_file(self, findings_file: Path) -> None:
        """--format json prints one result envelope per file, naming it, with the report's findings."""
        status, out, _ = run("validate", str(findings_file), str(POLE_SUD), "--format", "json")
        assert status == 1
        first, second = (json.loads(line) for line in out.splitlines())
        report = ptcekit.validate(ptcekit.load(findings_file))
        assert first["file"] == str(findings_file)
        assert [f["code"] for f in first["findings"]] == ["PTCE005", "PTCE001"]
        added = {"pointer", "title", "anchor", "doc"}  # what the envelope adds to a finding
        assert [
            {key: value for key, value in finding.items() if key not in added}
            for finding in first["findings"]
        ] == [finding.to_dict() for finding in report.findings]
        assert first["counts"]["code"] == report.counts()["code"]
        assert (first["ok"], second["ok"], second["file"]) == (False, True, str(POLE_SUD))

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
        assert lines[0] == f"{path}: cannot be loaded: 2 problems:"
        assert len(lines) == 3  # the count once, then one line per problem
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
        assert out.splitlines()[-1] == pole_sud_summary()

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
        assert f"confidence: {rule.confidence.words}" in out

    def test_explain_a_dated_rule(self) -> None:
        """A rule with dated versions shows its link and each version with its dates and link."""
        status, out, _ = run("rules", "ASSET003")
        assert status == 0
        lines = out.splitlines()
        assert "  source:     Code du travail, art. L1253-20" in lines
        assert "  read at:    https://code.travail.gouv.fr/code-du-travail/l1253-20" in lines
        assert "  confidence: reading of the text" in lines
        assert (
            "  version:    before loi n° 2016-1888: one half […, 2016-12-30): Code du travail, "
            "art. L1253-20, as worded before loi n° 2016-1888 du 28 décembre 2016, art. 49"
        ) in lines
        assert (
            "  version:    since loi n° 2016-1888: three quarters [2016-12-30, …): Code du "
            "travail, art. L1253-20, as amended by loi n° 2016-1888 du 28 décembre 2016, art. 49"
        ) in lines
        assert "              https://code.travail.gouv.fr/code-du-travail/l1253-20" in lines

    def test_explain_a_version_with_no_link(self) -> None:
        """A version with no link is shown on one line."""
        rule = ptcekit.rules.Rule(
            code="AURA001",
            title="A dated rule",
            severity="info",
            kind="heuristic",
            confidence="reading",
            source="Charte régionale, art. 6",
            explanation="Explained.",
            check=lambda context: (),
            versions=(
                ptcekit.rules.LawVersion(
                    label="since 2020", start=dt.date(2020, 1, 1), source="Charte (2020), art. 6"
                ),
            ),
        )
        lines = rules.describe_rule(rule).splitlines()
        assert "  version:    since 2020 [2020-01-01, …): Charte (2020), art. 6" in lines
        assert "read at" not in "\n".join(lines)
        assert (
            lines[
                lines.index("  version:    since 2020 [2020-01-01, …): Charte (2020), art. 6") + 1
            ]
            == ""
        )

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
        assert capsys.readouterr().out == f"ptcekit {ptcekit.__version__}\nplugins: off\n"

    def test_python_dash_m(self) -> None:
        """``python -m ptcekit`` runs the same command."""
        done = subprocess.run(
            [sys.executable, "-m", "ptcekit", "validate", str(POLE_SUD)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0
        assert done.stdout.splitlines()[-1] == pole_sud_summary()


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
    def test_shown_on_a_terminal(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Progress goes to standard error when it is a terminal and the file big, and is wiped after."""
        monkeypatch.setattr(cli, "BIG_FILE", 0)
        err = _Terminal()
        status = cli.main(["validate", str(POLE_SUD)], out=io.StringIO(), err=err)
        assert status == 0
        text = err.getvalue()
        size = POLE_SUD.stat().st_size / 1e6
        assert f"reading {POLE_SUD}: {size:.1f} of {size:.1f} MB" in text
        assert f"building the records of {POLE_SUD}…" in text
        assert f"{POLE_SUD}: 12 records built" in text
        rules = len(ptcekit.rules.default_rules())
        assert f"checking {POLE_SUD}: rule 1 of {rules} (" in text
        assert f"checking {POLE_SUD}: rule {rules} of {rules} (" in text
        assert text.endswith("\r\x1b[K")

    def test_hidden_for_a_small_file(self) -> None:
        """On a terminal, a small file shows no progress: it would only flicker."""
        err = _Terminal()
        assert cli.main(["validate", str(POLE_SUD)], out=io.StringIO(), err=err) == 0
        assert err.getvalue() == ""

    def test_hidden_otherwise(self) -> None:
        """Nothing is written to standard error when it is not a terminal."""
        _, _, err = run("validate", str(POLE_SUD))
        assert err == ""


class TestInternalErrors:
    """An exception ptcekit does not expect is reported in one paragraph with status 3, never as a traceback."""

    def test_a_failing_subcommand_exits_3(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """A bug anywhere under a subcommand gives 'internal error', the exception, a bug report address and 3."""

        def broken(*args: object) -> int:
            message = "something impossible happened"
            raise RuntimeError(message)

        monkeypatch.setattr(cli, "_validate", broken)
        status, out, err = run("validate", str(POLE_SUD))
        assert status == cli.EXIT_INTERNAL == 3
        assert out == ""
        first, second = err.splitlines()
        assert first.startswith(
            "ptcekit validate: internal error: RuntimeError: something impossible happened (in test_cli.py, line "
        )
        assert second == (
            f"This is a bug in ptcekit {ptcekit.__version__}. "
            "Please report it at https://ptcekit.readthedocs.io/, with the command you ran "
            "and, if you can, the file that caused it."
        )
        assert "Traceback" not in err

    def test_a_failure_deep_in_the_library(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """An exception raised by the loader itself (not a ptcekit error) is an internal error too."""

        def broken_load(path: object) -> object:
            return {}["missing"]

        monkeypatch.setattr(ptcekit.serialize, "loads", broken_load)
        status, _, err = run("summary", str(POLE_SUD))
        assert status == 3
        assert err.startswith("ptcekit summary: internal error: KeyError: 'missing'")

    def test_a_failure_while_parsing_the_arguments(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Even before a subcommand is known, the report names the command and exits 3."""

        def broken_parser() -> argparse.ArgumentParser:
            raise MemoryError

        monkeypatch.setattr(cli, "_parser", broken_parser)
        status, _, err = run("rules")
        assert status == 3
        assert err.startswith("ptcekit: internal error: MemoryError (in test_cli.py, line ")

    def test_an_exception_whose_message_cannot_be_shown(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """An exception whose str raises, or whose message is huge, is still reported in a few lines."""

        class Mute(Exception):
            def __str__(self) -> str:
                raise RuntimeError

        def mute(*args: object) -> int:
            raise Mute

        monkeypatch.setattr(cli, "_rules", mute)
        status, _, err = run("rules")
        assert status == 3
        assert (
            "internal error: TestInternalErrors.test_an_exception_whose_message_cannot_be_shown.<locals>.Mute: (its message cannot be shown)"
            in err
        )

        def loud(*args: object) -> int:
            raise ValueError("x" * 100_000)

        monkeypatch.setattr(cli, "_rules", loud)
        status, _, err = run("rules")
        assert status == 3
        assert len(err) < 1000
        assert "x" * 499 + "…" in err

    def test_interrupted(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Ctrl-C ends the command with status 130 and one line, no traceback."""

        def interrupted(*args: object) -> int:
            raise KeyboardInterrupt

        monkeypatch.setattr(cli, "_validate", interrupted)
        assert run("validate", str(POLE_SUD)) == (130, "", "ptcekit: interrupted\n")

    def test_ptcekit_errors_keep_status_2(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """A ptcekit error that reaches main is a usage error (2), not an internal one."""

        def refused(*args: object) -> int:
            raise ptcekit.errors.KindError("x.Y", "it has no tag")

        monkeypatch.setattr(cli, "_schema", refused)
        assert run("schema") == (2, "", "ptcekit schema: cannot serialise x.Y: it has no tag\n")

    def test_through_the_installed_entry_point(self) -> None:
        """Run as a program, an internal error exits 3 with no traceback on standard error."""
        script = (
            "import sys\n"
            "from ptcekit import cli\n"
            "def broken(*args):\n"
            "    raise OverflowError('out of range')\n"
            "cli._validate = broken\n"
            "sys.exit(cli.main())\n"
        )
        done = subprocess.run(
            [sys.executable, "-c", script, "validate", str(POLE_SUD)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 3
        assert "internal error: OverflowError: out of range" in done.stderr
        assert "Traceback" not in done.stderr

    @pytest.mark.parametrize(
        "text",
        [
            # a value nested 990 deep at a typed key (its message once serialised the whole value)
            '{"ptcekit":"1","name":' + "[" * 990 + "]" * 990 + "}",
            # a version string beyond the digits Python converts
            '{"ptcekit":"' + "1" * 4301 + '"}',
        ],
        ids=["deep-nesting", "huge-version"],
    )
    def test_hostile_files_never_exit_1_nor_print_a_traceback(
        self, tmp_path: Path, text: str
    ) -> None:
        """The review's hostile files give a load error (2) or, at worst, an internal error (3)."""
        path = tmp_path / "hostile.json"
        path.write_text(text, encoding="utf-8")
        for output in ("text", "json"):
            status, out, err = run("validate", "--format", output, str(path))
            assert status in (2, 3), (status, err)
            assert "Traceback" not in err
            if output == "text":
                assert out == ""
            else:  # the envelope of the file that failed to load
                assert json.loads(out)["status"] == "load-error"


class TestBugReportAddress:
    def test_the_documentation_by_default(self) -> None:
        """With only Documentation and Changelog URLs in the metadata, bugs go to the documentation's address."""
        project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
        assert cli._bug_report_url() == project["urls"]["Documentation"]
        assert project["urls"]["Documentation"] == cli._DOCUMENTATION_URL

    def test_an_issue_tracker_is_preferred(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """A project URL labelled Issues (or Source, Repository…) is preferred to the documentation."""
        metadata = email.message.Message()
        metadata["Project-URL"] = "Documentation, https://docs.example.org/"
        metadata["Project-URL"] = "Source, https://example.org/src"
        metadata["Project-URL"] = "Issues, https://example.org/issues"
        monkeypatch.setattr(importlib.metadata, "metadata", lambda name: metadata)
        assert cli._bug_report_url() == "https://example.org/issues"
        del metadata["Project-URL"]
        metadata["Project-URL"] = "Documentation, https://docs.example.org/"
        assert cli._bug_report_url() == "https://docs.example.org/"
        del metadata["Project-URL"]
        assert cli._bug_report_url() == "https://ptcekit.readthedocs.io/"
