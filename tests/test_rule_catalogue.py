"""The built-in catalogue: every rule fires on its failing example, not on its passing one, and is documented."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from ptcekit.rules import Confidence, Rule, Severity, builtin_rules, catalogue_markdown
from ptcekit.rules._docs import EXAMPLE_DATE, example_findings

ROOT = Path(__file__).resolve().parent.parent
RULES = tuple(builtin_rules())
CODES = [rule.code for rule in RULES]


def _script() -> ModuleType:
    path = ROOT / "scripts" / "write_rule_catalogue.py"
    spec = importlib.util.spec_from_file_location("write_rule_catalogue", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class TestEveryRule:
    """Each built-in rule, through the examples its catalogue entry shows."""

    @pytest.mark.parametrize("rule", RULES, ids=CODES)
    def test_fires_on_its_failing_example(self, rule: Rule) -> None:
        """The failing example gives findings of the rule's code and severity, at the expected paths."""
        assert rule.failing_example is not None
        findings = example_findings(rule, rule.failing_example)
        assert [f.path for f in findings] == list(rule.failing_example.paths)
        assert {f.code for f in findings} == {rule.code}
        assert {f.severity for f in findings} == {rule.severity}
        # a rule with dated versions cites the version in force on the example's date
        version = rule.version_on(rule.failing_example.build().as_of or EXAMPLE_DATE)
        source = rule.source if version is None else version.source
        assert all(f.source == source for f in findings)
        assert all(f.law == (None if version is None else version.label) for f in findings)
        assert all("crashed" not in f.message for f in findings)

    @pytest.mark.parametrize("rule", RULES, ids=CODES)
    def test_is_silent_on_its_passing_example(self, rule: Rule) -> None:
        """The passing example gives no finding."""
        assert rule.passing_example is not None
        assert rule.passing_example.paths == ()
        assert example_findings(rule, rule.passing_example) == ()

    @pytest.mark.parametrize("rule", RULES, ids=CODES)
    def test_examples_are_documented(self, rule: Rule) -> None:
        """Both examples have a docstring, which the catalogue shows."""
        for example in (rule.failing_example, rule.passing_example):
            assert example is not None
            assert example.build.__doc__

    @pytest.mark.parametrize("rule", RULES, ids=CODES)
    def test_unconfirmed_rules_are_at_most_warnings(self, rule: Rule) -> None:
        """A rule whose source is unconfirmed says so in its source and is no error."""
        if rule.confidence is Confidence.UNCONFIRMED:
            assert rule.severity <= Severity.WARNING
            assert "not confirmed" in rule.source.lower() or "unconfirmed" in rule.source.lower()


class TestCatalogue:
    """The catalogue as a whole."""

    def test_themes(self) -> None:
        """The built-in codes are the ones of the issue's themes, numbered from 001."""
        prefixes = {code.rstrip("0123456789") for code in CODES}
        assert prefixes == {
            "REF", "ID", "ESS", "PTCE", "CALL", "SCIC", "SCOP", "COOP", "ASSET", "AGR", "GOV",
        }  # fmt: skip
        assert len(CODES) == 60

    def test_only_the_call_rules_are_opt_in(self) -> None:
        """The décret 2015-431 criteria run only when selected."""
        assert [rule.code for rule in RULES if rule.opt_in] == [
            "CALL001",
            "CALL002",
            "CALL003",
            "CALL004",
            "CALL005",
        ]

    def test_builtin_rules_is_one_value(self) -> None:
        """The catalogue is built once and is the same immutable set on every call."""
        assert builtin_rules() is builtin_rules()


class TestCataloguePage:
    """docs/reference/rules.md is generated from the registry."""

    def test_checked_in_page_is_up_to_date(self) -> None:
        """The page in the repository is exactly what the registry generates."""
        page = (ROOT / "docs" / "reference" / "rules.md").read_text(encoding="utf-8")
        assert page == _script().render()
        assert page.startswith(catalogue_markdown(builtin_rules()))

    def test_page_lists_every_registered_rule(self) -> None:
        """Every code has its anchor and its heading on the page."""
        page = (ROOT / "docs" / "reference" / "rules.md").read_text(encoding="utf-8")
        for rule in RULES:
            assert f"(rule-{rule.code.lower()})=\n### {rule.code}: {rule.title}\n" in page

    def test_script_check_mode(self, tmp_path: Path) -> None:
        """The script's --check passes on the checked-in page and fails on a stale one."""
        script = _script()
        assert script.main(["--check"]) == 0
        script.PAGE = tmp_path / "rules.md"
        script.PAGE.write_text("# Rule catalogue\n", encoding="utf-8")
        script.ROOT = tmp_path
        assert script.main(["--check"]) == 1
        assert script.main([]) == 0
        assert script.PAGE.read_text(encoding="utf-8") == script.render()

    def test_page_shows_findings_of_failing_examples(self) -> None:
        """The failing example's findings appear as linter lines."""
        page = catalogue_markdown(builtin_rules().select("ASSET001"))
        assert "owners' shares of asset 'camion' sum to 9/10 (90 %)" in page
        assert "**Fails:** The van is owned 50 % + 40 % all year." in page
        assert "**Passes:**" in page

    def test_plugin_rules_go_under_other_rules(self) -> None:
        """A rule of an unknown prefix is listed in its own section, and a rule with no example is fine."""
        rule = Rule(
            code="AURA001",
            title="A regional rule",
            severity="info",
            kind="heuristic",
            confidence="low",
            source="Charte régionale",
            explanation="Explained.",
            check=lambda context: (),
        )
        page = catalogue_markdown([rule], title="Aura rules")
        assert page.startswith("# Aura rules\n")
        assert "## Other rules\n" in page
        assert "**Fails:**" not in page
