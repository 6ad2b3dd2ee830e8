"""The built-in catalogue: every rule fires on its failing example, not on its passing one, and is documented."""

from __future__ import annotations

import ast
import datetime as dt
import importlib.util
import re
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import attrs
import pytest

from ptcekit.model import Ecosystem, Pole
from ptcekit.rules import (
    Confidence,
    Context,
    Example,
    Finding,
    LawVersion,
    Rule,
    Severity,
    Unchecked,
    builtin_rules,
    catalogue_markdown,
    themes,
)
from ptcekit.rules._context import Indexes
from ptcekit.rules._docs import EXAMPLE_DATE, example_findings, example_report

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
        assert all("crashed" not in f.message for f in findings)
        ecosystem = rule.failing_example.build()
        law = rule.version_on(ecosystem.as_of or EXAMPLE_DATE)
        if law is None:
            assert {(f.source, f.url, f.law) for f in findings} == {(rule.source, rule.url, None)}
        else:
            assert {(f.source, f.url, f.law) for f in findings} == {
                (law.source, law.url, law.label)
            }

    @pytest.mark.parametrize("rule", RULES, ids=CODES)
    def test_is_silent_on_its_passing_example(self, rule: Rule) -> None:
        """The passing example gives no finding."""
        assert rule.passing_example is not None
        assert rule.passing_example.paths == ()
        assert example_findings(rule, rule.passing_example) == ()

    @pytest.mark.parametrize("rule", RULES, ids=CODES)
    def test_paths_name_fields_of_the_document(self, rule: Rule) -> None:
        """Every path a rule gives on its examples walks the document by attrs field names and indices."""
        for example in (rule.failing_example, rule.passing_example):
            assert example is not None
            report = example_report(rule, example)
            for item in (*report.findings, *report.unchecked):
                value: object = example.build()
                for key in item.location:
                    if type(key) is int:
                        assert isinstance(value, tuple), (item.path, key)
                        assert key < len(value), (item.path, key)
                        value = value[key]
                    else:
                        names = {field.name for field in attrs.fields(type(value))}
                        assert key in names, (item.path, key, type(value).__name__)
                        value = getattr(value, key)

    @pytest.mark.parametrize("rule", RULES, ids=CODES)
    def test_examples_are_documented(self, rule: Rule) -> None:
        """Both examples have a docstring, which the catalogue shows."""
        for example in (rule.failing_example, rule.passing_example):
            assert example is not None
            assert example.build.__doc__

    @pytest.mark.parametrize("rule", RULES, ids=CODES)
    def test_unconfirmed_rules_are_at_most_warnings(self, rule: Rule) -> None:
        """A rule whose source is not confirmed is no error, and its findings are no errors."""
        if rule.confidence is Confidence.UNCONFIRMED:
            assert rule.severity <= Severity.WARNING
            eco = Ecosystem()
            context = Context(eco, EXAMPLE_DATE, rule, Indexes(eco))
            assert context.finding("m", "$", severity=Severity.ERROR).severity is Severity.WARNING

    @pytest.mark.parametrize("rule", RULES, ids=CODES)
    def test_versions_cover_the_examples(self, rule: Rule) -> None:
        """A rule with dated versions has a version in force on its examples' dates."""
        for example in (rule.failing_example, rule.passing_example):
            assert example is not None
            assert rule.applies_on(example.build().as_of or EXAMPLE_DATE)


class TestConfidenceIsDeliberate:
    """Every built-in rule says its confidence in the words of this version."""

    @pytest.mark.parametrize(
        "module", sorted((ROOT / "src" / "ptcekit" / "rules").glob("_*.py")), ids=lambda p: p.name
    )
    def test_no_legacy_confidence(self, module: Path) -> None:
        """No built-in rule is declared with the 0.1 labels high, medium or low."""
        text = module.read_text(encoding="utf-8")
        assert re.findall(r'confidence="(?:high|medium|low)"', text) == []


#: The modules of built-in rules, whose checks build their paths from records.
THEME_MODULES = sorted(
    path
    for path in (ROOT / "src" / "ptcekit" / "rules").glob("_*.py")
    if "THEMES" in path.read_text(encoding="utf-8")
)


def _typed_paths(tree: ast.AST) -> list[str]:
    """The string literals starting with "$" outside an Example's expected paths."""
    expected: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Example":
            for keyword in node.keywords:
                if keyword.arg == "paths":
                    expected.update(id(inner) for inner in ast.walk(keyword.value))
        if isinstance(node, ast.JoinedStr):  # reported whole, below
            expected.update(id(inner) for inner in node.values)
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and node.value.startswith("$")
        and id(node) not in expected
    ] + [
        ast.unparse(node)
        for node in ast.walk(tree)
        if isinstance(node, ast.JoinedStr)
        and node.values
        and isinstance(node.values[0], ast.Constant)
        and str(node.values[0].value).startswith("$")
    ]


class TestPathsAreBuilt:
    """Checks build their paths from the records they look at, never from typed text."""

    def test_every_theme_module_is_scanned(self) -> None:
        """The scan below sees the modules of the built-in themes."""
        assert {path.name for path in THEME_MODULES} >= {
            "_identity.py",
            "_ptce.py",
            "_references.py",
        }

    @pytest.mark.parametrize("module", THEME_MODULES, ids=lambda p: p.name)
    def test_no_path_typed_in_a_check(self, module: Path) -> None:
        """No string literal or f-string starting with "$" outside the examples' expected paths."""
        assert _typed_paths(ast.parse(module.read_text(encoding="utf-8"))) == []

    def test_the_scan_finds_typed_paths(self) -> None:
        """The scan reports a typed path, and leaves an example's expected paths alone."""
        source = (
            'def check(context):\n    yield context.finding("m", f"$.actors[{a}].siren")\n'
            'E = Example(build=b, paths=("$.actors[0]",))\nP = "$.poles"\n'
        )
        assert sorted(_typed_paths(ast.parse(source))) == ["$.poles", "f'$.actors[{a}].siren'"]


class TestCatalogue:
    """The catalogue as a whole."""

    def test_themes(self) -> None:
        """Every built-in rule is in exactly one theme, and the themes make the built-in set."""
        declared = [rule.code for theme in themes() for rule in theme.rules]
        assert sorted(declared) == CODES
        assert {code.rstrip("0123456789") for code in CODES} == {t.prefix for t in themes()}
        assert len(CODES) == 66

    def test_theme_codes_are_numbered_from_one(self) -> None:
        """The codes of each prefix run 001, 002, … with no gap."""
        by_prefix: dict[str, list[int]] = {}
        for code in CODES:
            prefix = code.rstrip("0123456789")
            by_prefix.setdefault(prefix, []).append(int(code[len(prefix) :]))
        for numbers in by_prefix.values():
            assert sorted(numbers) == list(range(1, len(numbers) + 1))

    def test_catalogue_sections_follow_the_themes(self) -> None:
        """The page has one section per theme, in the themes' order, with its title."""
        page = catalogue_markdown(builtin_rules())
        headings = [line[3:] for line in page.splitlines() if line.startswith("## ")]
        assert headings == [theme.title for theme in themes()]

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
            confidence="reading",
            source="Charte régionale",
            explanation="Explained.",
            check=lambda context: (),
        )
        page = catalogue_markdown([rule], title="Aura rules")
        assert page.startswith("# Aura rules\n")
        assert "## Other rules\n" in page
        assert "**Fails:**" not in page


def _dated_rule(*versions: LawVersion) -> Rule:
    return Rule(
        code="AURA002",
        title="A dated rule",
        severity="warning",
        kind="funding",
        confidence="confirmed",
        source="Charte régionale, art. 6",
        url="https://example.org/charte",
        explanation="Explained.",
        check=lambda context: (),
        versions=versions,
    )


class TestCatalogueOfDatedRules:
    """The catalogue entry of a rule with dated versions."""

    def test_versions_table(self) -> None:
        """Each version is a row: when in force (last day included), label, source with its link."""
        rule = _dated_rule(
            LawVersion(label="first", end=dt.date(2015, 1, 1), source="Charte (2010), art. 6"),
            LawVersion(
                label="second",
                start=dt.date(2015, 1, 1),
                end=dt.date(2020, 1, 1),
                source="Charte (2015), art. 6",
                url="https://example.org/charte-2015",
            ),
            LawVersion(label="third", start=dt.date(2020, 1, 1), source="Charte (2020), art. 6"),
        )
        page = catalogue_markdown([rule])
        assert "| Source | [Charte régionale, art. 6](https://example.org/charte) |" in page
        assert "| In force | Version | Source |\n|---|---|---|\n" in page
        assert "| until 2014-12-31 | first | Charte (2010), art. 6 |" in page
        assert (
            "| 2015-01-01 to 2019-12-31 | second "
            "| [Charte (2015), art. 6](https://example.org/charte-2015) |"
        ) in page
        assert "| from 2020-01-01 | third | Charte (2020), art. 6 |" in page

    def test_a_version_always_in_force(self) -> None:
        """A version with no bounds is in force always."""
        page = catalogue_markdown([_dated_rule(LawVersion(label="only", source="Charte, art. 6"))])
        assert "| always | only | Charte, art. 6 |" in page

    def test_words_and_links_in_the_table(self) -> None:
        """The summary table says the confidence in words; sources with a url are links."""
        page = catalogue_markdown(builtin_rules().select("ASSET003"))
        assert "| warning | legal | reading of the text |" in page
        assert (
            "[Code du travail, art. L1253-20](https://code.travail.gouv.fr/code-du-travail/l1253-20)"
            in page
        )
        assert "**Versions of the law it applies, by the report's date:**" in page

    def test_unchecked_notes_of_examples_are_shown(self) -> None:
        """An example's checks that could not run appear after its findings."""

        def check(context: Context) -> Iterator[Finding | Unchecked]:
            for position, pole in enumerate(context.ecosystem.poles):
                yield context.finding("found", f"$.poles[{position}]", subject=pole.id)
                yield context.unchecked("no territory", f"$.poles[{position}]", subject=pole.id)

        def _fails() -> Ecosystem:
            """One pôle."""
            return Ecosystem(poles=(Pole(id="p", name="P"),))

        rule = attrs.evolve(
            _dated_rule(),
            check=check,
            failing_example=Example(build=_fails, paths=("$.poles[0]",)),
        )
        page = catalogue_markdown([rule])
        assert (
            "```text\n$.poles[0]: AURA002 warning: found [Charte régionale, art. 6]\n"
            "$.poles[0]: AURA002 not checked: no territory\n```"
        ) in page
        assert rule.failing_example is not None
        assert not example_report(rule, rule.failing_example).complete
