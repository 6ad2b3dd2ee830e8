"""The rule engine: severities, findings, rules, rule sets, reports, plugins and validate."""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import json
import pickle
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ptcekit import testing
from ptcekit.errors import FieldTypeError, InvalidValueError, PtcekitError, UnknownIdError
from ptcekit.model import Association, Company, Ecosystem, Membership, Pole
from ptcekit.rules import (
    ENTRY_POINT_GROUP,
    Context,
    Example,
    Finding,
    PluginError,
    Report,
    Rule,
    RuleError,
    RuleSet,
    Severity,
    UnknownRuleError,
    builtin_rules,
    default_rules,
    load_plugins,
    validate,
)
from ptcekit.rules._engine import path_key

DAY = dt.date(2024, 6, 30)


def _eco() -> Ecosystem:
    return Ecosystem(
        as_of=DAY,
        actors=(Association(id="archer", name="Archer"), Company(id="roux", name="Roux")),
        poles=(
            Pole(
                id="pole-sud",
                name="Pôle Sud",
                lead="archer",
                memberships=(Membership(actor="archer"), Membership(actor="ghost")),
            ),
        ),
    )


def _rule(code: str = "XYZ001", **fields: object) -> Rule:
    values: dict[str, object] = {
        "code": code,
        "title": "A test rule",
        "severity": "warning",
        "kind": "heuristic",
        "confidence": "low",
        "source": "Test source",
        "explanation": "For the tests.",
        "check": lambda context: (),
    }
    values.update(fields)
    return Rule(**values)  # type: ignore[arg-type]


def _finding(path: str, code: str = "XYZ001", severity: str = "error") -> Finding:
    return Finding(code=code, severity=severity, message=f"at {path}", path=path)  # type: ignore[arg-type]


class TestSeverity:
    """Severities are ordered by seriousness, not alphabetically."""

    def test_order(self) -> None:
        """Info < warning < error, and comparisons with other types are refused."""
        assert Severity.INFO < Severity.WARNING < Severity.ERROR
        assert Severity.ERROR >= Severity.ERROR
        assert Severity.INFO <= Severity.INFO
        assert Severity.ERROR > Severity.INFO
        assert sorted(Severity) == [Severity.INFO, Severity.WARNING, Severity.ERROR]
        assert [s.rank for s in Severity] == [2, 1, 0]

    def test_comparison_with_a_string(self) -> None:
        """A severity is compared only with a severity."""
        assert Severity.ERROR.__lt__("z") is NotImplemented
        assert Severity.ERROR.__le__("z") is NotImplemented
        assert Severity.ERROR.__gt__("a") is NotImplemented
        assert Severity.ERROR.__ge__("a") is NotImplemented


class TestFinding:
    """A finding's fields, text and dict forms."""

    def test_text(self) -> None:
        """A finding reads like a linter line, with the source in brackets."""
        finding = Finding(
            code="PTCE001",
            severity="error",
            message="pôle 'x' has no enterprise outside the ESS among its members",
            path="$.poles[0]",
            subject="x",
            source="Loi n° 2014-856, art. 9",
        )
        assert finding.severity is Severity.ERROR
        assert finding.to_text() == (
            "$.poles[0]: PTCE001 error: pôle 'x' has no enterprise outside the ESS among its "
            "members [Loi n° 2014-856, art. 9]"
        )

    @pytest.mark.parametrize(
        ("field", "value", "error"),
        [
            ("code", "ptce001", InvalidValueError),
            ("code", 1, FieldTypeError),
            ("severity", "fatal", InvalidValueError),
            ("path", "poles[0]", InvalidValueError),
            ("path", None, FieldTypeError),
            ("message", "two\nlines", InvalidValueError),
        ],
    )
    def test_bad_fields(self, field: str, value: object, error: type[Exception]) -> None:
        """A bad field is refused with the field named."""
        fields: dict[str, object] = {
            "code": "X001",
            "severity": "info",
            "message": "m",
            "path": "$",
        }
        fields[field] = value
        with pytest.raises(error) as raised:
            Finding(**fields)  # type: ignore[arg-type]
        assert raised.value.field == field  # type: ignore[attr-defined]

    def test_dict_round_trip(self) -> None:
        """to_dict leaves out None fields and from_dict reads it back."""
        finding = _finding("$.actors[0].siren")
        assert finding.to_dict() == {
            "code": "XYZ001",
            "severity": "error",
            "message": "at $.actors[0].siren",
            "path": "$.actors[0].siren",
        }
        assert Finding.from_dict(finding.to_dict()) == finding

    @pytest.mark.parametrize(
        ("data", "field", "error"),
        [
            ([], "Finding", FieldTypeError),
            ({"code": "X1", "severity": "info", "message": "m", "path": "$", "x": 1}, "Finding.x", InvalidValueError),
            ({"code": "X1", "severity": "info", "message": "m"}, "Finding.path", InvalidValueError),
            ({"code": "X1", "severity": "loud", "message": "m", "path": "$"}, "Finding.severity", InvalidValueError),
            ({"code": "X1", "severity": "info", "message": 3, "path": "$"}, "Finding.message", FieldTypeError),
        ],
    )  # fmt: skip
    def test_from_dict_errors(self, data: object, field: str, error: type[Exception]) -> None:
        """Bad data is refused with a path to the bad key."""
        with pytest.raises(error) as raised:
            Finding.from_dict(data)
        assert raised.value.field == field  # type: ignore[attr-defined]


class TestPathKey:
    """Paths sort in document order."""

    def test_document_order(self) -> None:
        """Lists in document order, indices as numbers, a record before its fields."""
        paths = [
            "$.agreements[0]",
            "$.assets[1].owners",
            "$.poles[0].memberships[10]",
            "$.poles[0].memberships[2].actor",
            "$.poles[0]",
            "$.actors[10]",
            "$.actors[9].siren",
            "$",
            "$.extra",
        ]
        assert sorted(paths, key=path_key) == [
            "$",
            "$.actors[9].siren",
            "$.actors[10]",
            "$.poles[0]",
            "$.poles[0].memberships[2].actor",
            "$.poles[0].memberships[10]",
            "$.assets[1].owners",
            "$.agreements[0]",
            "$.extra",
        ]


class TestRule:
    """Rules are frozen data with checked fields."""

    def test_unconfirmed_error_is_refused(self) -> None:
        """A rule of unconfirmed source cannot be an error."""
        with pytest.raises(InvalidValueError) as raised:
            _rule(severity="error", confidence="unconfirmed")
        assert raised.value.field == "severity"
        assert "unconfirmed" in str(raised.value)

    def test_finding_of_unconfirmed_rule_is_capped(self) -> None:
        """Even an explicit error severity becomes a warning for an unconfirmed rule."""
        rule = _rule(severity="warning", confidence="unconfirmed")
        finding = rule.finding("m", "$", severity=Severity.ERROR)
        assert finding.severity is Severity.WARNING
        assert finding.source == "Test source"

    def test_finding_severity_override(self) -> None:
        """A confirmed rule may give a finding of another severity."""
        assert _rule().finding("m", "$", severity=Severity.INFO).severity is Severity.INFO
        assert _rule().finding("m", "$", subject="x").subject == "x"

    @pytest.mark.parametrize(
        ("field", "value", "error"),
        [
            ("code", "xyz", InvalidValueError),
            ("check", "not callable", FieldTypeError),
            ("applies_to", "people", InvalidValueError),
            ("applies_to", (), FieldTypeError),
            ("applies_to", 3, FieldTypeError),
            ("kind", "law", InvalidValueError),
            ("confidence", "sure", InvalidValueError),
            ("opt_in", "yes", FieldTypeError),
            ("failing_example", "x", FieldTypeError),
        ],
    )
    def test_bad_fields(self, field: str, value: object, error: type[Exception]) -> None:
        """Each field is checked, and the error names it."""
        with pytest.raises(error) as raised:
            _rule(**{field: value})
        assert raised.value.field == field  # type: ignore[attr-defined]

    def test_applies_to(self) -> None:
        """applies_to takes one list name or several."""
        assert _rule(applies_to="poles").applies_to == frozenset({"poles"})
        assert _rule(applies_to=["poles", "assets"]).applies_to == frozenset({"poles", "assets"})

    def test_repr(self) -> None:
        """The repr is short."""
        assert repr(_rule()) == "Rule('XYZ001', 'A test rule', warning)"

    def test_example_fields(self) -> None:
        """An example needs a callable and paths."""
        with pytest.raises(FieldTypeError):
            Example(build="eco")  # type: ignore[arg-type]
        with pytest.raises(InvalidValueError):
            Example(build=_eco, paths=("poles",))
        assert Example(build=_eco, paths=["$.poles[0]"]).paths == ("$.poles[0]",)


class TestRuleSet:
    """Immutable rule sets: selection, union, look-up."""

    def test_sorted_and_unique(self) -> None:
        """Rules are kept in code order; the same rule twice is kept once."""
        b, a = _rule("B001"), _rule("A001")
        rules = RuleSet((b, a, b))
        assert rules.codes == ("A001", "B001")
        assert len(rules) == 2
        assert list(rules) == [a, b]
        assert RuleSet(a).codes == ("A001",)
        assert repr(rules) == "RuleSet(<2 rules>)"

    def test_two_rules_one_code(self) -> None:
        """Two different rules may not share a code."""
        with pytest.raises(RuleError, match="'A001' is used by two different rules"):
            RuleSet((_rule("A001"), _rule("A001", title="Another")))

    def test_not_rules(self) -> None:
        """Anything but rules is refused with its position."""
        with pytest.raises(FieldTypeError) as raised:
            RuleSet((_rule(), "PTCE001"))  # type: ignore[arg-type]
        assert raised.value.field == "rules[1]"
        with pytest.raises(FieldTypeError):
            RuleSet(3)  # type: ignore[arg-type]

    def test_select_and_ignore(self) -> None:
        """Codes and prefixes select and ignore; a pattern that matches nothing is an error."""
        rules = builtin_rules()
        assert rules.select("SCOP", "PTCE001").codes == (
            "PTCE001",
            "SCOP001",
            "SCOP002",
            "SCOP003",
            "SCOP004",
        )
        assert "SCOP002" not in rules.ignore("SCOP002")
        assert "SCOP001" in rules.ignore("SCOP002")
        with pytest.raises(UnknownRuleError, match="no rule has the code or prefix 'XYZ'"):
            rules.select("XYZ")
        with pytest.raises(UnknownRuleError):
            rules.ignore("PTCE9")
        with pytest.raises(FieldTypeError):
            rules.select("")

    def test_union_and_with_rules(self) -> None:
        """Rules are added by | and with_rules; a clash of codes is an error."""
        mine = _rule("AURA001")
        rules = builtin_rules()
        assert "AURA001" in rules.with_rules(mine)
        assert (rules | RuleSet((mine,))).codes == rules.with_rules(mine).codes
        assert rules.__or__("x") is NotImplemented
        with pytest.raises(RuleError):
            rules.with_rules(_rule("PTCE001"))

    def test_lookup(self) -> None:
        """A rule is found by code; membership works for codes and rules."""
        rules = builtin_rules()
        rule = rules["PTCE001"]
        assert rule.code == "PTCE001"
        assert rule in rules
        assert _rule() not in rules
        with pytest.raises(UnknownRuleError) as raised:
            rules["PTCE999"]
        assert isinstance(raised.value, KeyError)
        assert raised.value.pattern == "PTCE999"
        assert pickle.loads(pickle.dumps(raised.value)).pattern == "PTCE999"

    def test_defaults(self) -> None:
        """defaults() leaves out the opt-in rules."""
        assert not any(code.startswith("CALL") for code in builtin_rules().defaults().codes)


class TestContext:
    """What a check sees."""

    def test_lookups(self) -> None:
        """Records are found by id and kind; paths name their place."""
        seen: dict[str, object] = {}

        def check(context: Context) -> Iterator[Finding]:
            seen["path"] = context.path("pole-sud")
            seen["actor"] = context.actor("pole-sud")
            seen["pole"] = context.pole("pole-sud")
            seen["asset"] = context.asset("archer")
            seen["agreement"] = context.agreement("archer")
            seen["record"] = context.record("nothing")
            seen["members"] = [m.actor.id for m in context.members(context.ecosystem.poles[0])]
            seen["member_ids"] = context.member_ids("pole-sud")
            seen["no_member_ids"] = context.member_ids("nothing")
            with pytest.raises(UnknownIdError):
                context.path("nothing")
            return iter(())

        report = validate(_eco(), rules=_rule(check=check))
        assert report.findings == ()
        assert seen["path"] == "$.poles[0]"
        assert seen["actor"] is None
        assert seen["pole"] is _eco().poles[0] or seen["pole"] == _eco().poles[0]
        assert seen["asset"] is None
        assert seen["agreement"] is None
        assert seen["record"] is None
        assert seen["members"] == ["archer"]
        assert seen["member_ids"] == frozenset({"archer", "ghost"})
        assert seen["no_member_ids"] == frozenset()


class TestValidate:
    """validate: arguments, dates, and rules that misbehave."""

    def test_default_rules(self) -> None:
        """With no rules, the defaults run (no plugin is installed in the tests)."""
        report = validate(_eco())
        assert report.rules == default_rules().codes
        assert [(f.code, f.path) for f in report.filter(severity="error")] == [
            ("PTCE001", "$.poles[0].memberships"),
            ("REF001", "$.poles[0].memberships[1].actor"),
        ]

    def test_as_of(self) -> None:
        """as_of defaults to the ecosystem's, then to today."""
        assert validate(_eco(), rules=_rule()).as_of == DAY
        assert validate(_eco(), rules=_rule(), as_of=dt.date(2020, 1, 1)).as_of == dt.date(
            2020, 1, 1
        )
        undated = Ecosystem()
        assert validate(undated, rules=_rule()).as_of == dt.date.today()

    def test_rules_as_an_iterable(self) -> None:
        """A list of rules is accepted."""
        assert validate(_eco(), rules=[_rule(), _rule("XYZ002")]).rules == ("XYZ001", "XYZ002")

    @pytest.mark.parametrize(
        ("kwargs", "field"),
        [
            ({"ecosystem": "eco"}, "ecosystem"),
            ({"as_of": dt.datetime(2024, 1, 1, tzinfo=dt.UTC)}, "as_of"),
            ({"as_of": "2024-01-01"}, "as_of"),
            ({"rules": "PTCE"}, "rules"),
            ({"rules": 3}, "rules"),
        ],
    )
    def test_bad_arguments(self, kwargs: dict[str, object], field: str) -> None:
        """Bad arguments are refused with a ptcekit error naming them."""
        ecosystem = kwargs.pop("ecosystem", _eco())
        with pytest.raises(FieldTypeError) as raised:
            validate(ecosystem, **kwargs)  # type: ignore[arg-type]
        assert raised.value.field == field

    def test_a_crashing_rule_becomes_a_finding(self) -> None:
        """A rule that raises gives one error finding naming it; the others still run."""

        def check(context: Context) -> Iterator[Finding]:
            yield context.finding("first", "$.actors[0]")
            _ = 1 / 0

        report = validate(
            _eco(), rules=builtin_rules().select("REF").with_rules(_rule(check=check))
        )
        crashes = report.filter(code="XYZ")
        assert [(f.path, f.severity, f.message) for f in crashes] == [
            ("$", Severity.ERROR, "rule XYZ001 crashed: ZeroDivisionError: division by zero"),
            ("$.actors[0]", Severity.WARNING, "first"),
        ]
        assert report.filter(code="REF").findings[0].code == "REF001"

    def test_junk_from_a_rule_becomes_a_finding(self) -> None:
        """A rule that yields something else than a Finding gives an error finding."""
        report = validate(_eco(), rules=_rule(check=lambda context: ["oops"]))
        assert [f.message for f in report] == [
            "rule XYZ001 crashed: it gave str 'oops', not a Finding"
        ]

    def test_multiline_exception_messages_stay_on_one_line(self) -> None:
        """A crash message never breaks the one-line format."""

        def check(context: Context) -> Iterator[Finding]:
            raise ValueError("line one\nline two")

        report = validate(_eco(), rules=_rule(check=check))
        assert report.findings[0].message == "rule XYZ001 crashed: ValueError: line one line two"


def _report() -> Report:
    return Report(
        findings=(
            _finding("$.poles[0]", "PTCE001"),
            _finding("$.actors[1].siren", "ID001", "warning"),
            _finding("$.actors[1].siren", "AGR001", "info"),
        ),
        as_of=DAY,
        rules=("AGR001", "ID001", "PTCE001"),
    )


class TestReport:
    """Reports: order, counts, filters, text and JSON."""

    def test_order(self) -> None:
        """Findings sort by path in document order, then code."""
        assert [(f.path, f.code) for f in _report()] == [
            ("$.actors[1].siren", "AGR001"),
            ("$.actors[1].siren", "ID001"),
            ("$.poles[0]", "PTCE001"),
        ]

    def test_counts(self) -> None:
        """Counts by severity (zeros included, most severe first) and by code."""
        report = _report()
        assert report.count_by_severity() == {
            Severity.ERROR: 1,
            Severity.WARNING: 1,
            Severity.INFO: 1,
        }
        assert report.count_by_code() == {"AGR001": 1, "ID001": 1, "PTCE001": 1}
        assert report.counts() == {
            "severity": {"error": 1, "warning": 1, "info": 1},
            "code": {"AGR001": 1, "ID001": 1, "PTCE001": 1},
        }
        assert not report.ok
        assert Report().ok

    def test_filter(self) -> None:
        """Filters by severity, minimum severity, code prefix and subject."""
        report = _report()
        assert [f.code for f in report.filter(severity="warning")] == ["ID001"]
        assert [f.code for f in report.filter(severity=["info", Severity.ERROR])] == [
            "AGR001",
            "PTCE001",
        ]
        assert [f.code for f in report.filter(at_least="warning")] == ["ID001", "PTCE001"]
        assert [f.code for f in report.filter(code=("ID", "AGR"))] == ["AGR001", "ID001"]
        assert [f.code for f in report.filter(code="PTCE")] == ["PTCE001"]
        assert report.filter(subject="nobody").findings == ()
        assert report.filter(code="ID").rules == report.rules
        with pytest.raises(InvalidValueError) as raised:
            report.filter(severity="fatal")
        assert raised.value.field == "severity"
        with pytest.raises(InvalidValueError) as raised:
            report.filter(at_least=3)  # type: ignore[arg-type]
        assert raised.value.field == "at_least"

    def test_text(self) -> None:
        """One line per finding, then a summary line."""
        assert _report().to_text().splitlines() == [
            "$.actors[1].siren: AGR001 info: at $.actors[1].siren",
            "$.actors[1].siren: ID001 warning: at $.actors[1].siren",
            "$.poles[0]: PTCE001 error: at $.poles[0]",
            "Found 1 error, 1 warning and 1 info (3 rules, as of 2024-06-30).",
        ]
        assert Report().to_text() == "All checks passed (0 rules)."

    def test_bad_findings(self) -> None:
        """A report holds findings only."""
        with pytest.raises(FieldTypeError) as raised:
            Report(findings=(_finding("$"), "oops"))  # type: ignore[arg-type]
        assert raised.value.field == "findings[1]"
        with pytest.raises(FieldTypeError):
            Report(findings=3)  # type: ignore[arg-type]

    def test_repr(self) -> None:
        """The repr gives the date and the counts."""
        assert repr(_report()) == "Report(as_of='2024-06-30', errors=1, warnings=1, infos=1)"
        assert repr(Report()) == "Report(errors=0, warnings=0, infos=0)"

    def test_json_round_trip(self) -> None:
        """to_json then from_json gives the same report; the JSON carries ok and counts."""
        report = _report()
        data = json.loads(report.to_json())
        assert data["ok"] is False
        assert data["counts"]["severity"] == {"error": 1, "warning": 1, "info": 1}
        assert data["as_of"] == "2024-06-30"
        assert Report.from_json(report.to_json()) == report
        assert Report.from_json(report.to_json(indent=None).encode()) == report
        assert Report.from_dict({}) == Report()

    def test_validate_round_trip(self) -> None:
        """A real report survives the JSON round trip."""
        report = validate(_eco())
        assert Report.from_json(report.to_json()) == report

    @pytest.mark.parametrize(
        ("text", "field", "error"),
        [
            ("{", "$", InvalidValueError),
            ("[]", "$", FieldTypeError),
            ('{"extra": 1}', "extra", InvalidValueError),
            ('{"findings": {}}', "findings", FieldTypeError),
            ('{"rules": "PTCE001"}', "rules", FieldTypeError),
            ('{"rules": ["nope"]}', "rules[0]", InvalidValueError),
            ('{"as_of": "30/06/2024"}', "as_of", InvalidValueError),
            ('{"as_of": 2024}', "as_of", InvalidValueError),
            ('{"ok": false}', "ok", InvalidValueError),
            ('{"counts": {}}', "counts", InvalidValueError),
            ('{"findings": [{"code": "X1"}]}', "findings[0].severity", InvalidValueError),
        ],
    )
    def test_from_json_errors(self, text: str, field: str, error: type[Exception]) -> None:
        """Bad JSON is refused with a ptcekit error naming where."""
        with pytest.raises(error) as raised:
            Report.from_json(text)
        assert isinstance(raised.value, PtcekitError)
        assert raised.value.field.endswith(field)  # type: ignore[attr-defined]

    @given(
        st.lists(
            st.builds(
                Finding,
                code=st.from_regex(r"[A-Z]{1,5}[0-9]{3}", fullmatch=True),
                severity=st.sampled_from(list(Severity)),
                message=st.text(
                    st.characters(blacklist_categories=("Cs", "Cc")), min_size=1
                ).filter(str.strip),
                path=st.from_regex(
                    r"\$(\.(actors|poles|assets|agreements)\[[0-9]{1,3}\](\.[a-z_]{1,8})?)?",
                    fullmatch=True,
                ),
                subject=st.none() | st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True),
            ),
            max_size=8,
        ),
        st.none() | st.dates(),
    )
    def test_json_round_trip_property(self, findings: list[Finding], as_of: dt.date | None) -> None:
        """Any report survives the JSON round trip, in the same deterministic order."""
        report = Report(findings=findings, as_of=as_of)
        again = Report.from_json(report.to_json())
        assert again == report
        assert Report(findings=list(reversed(findings)), as_of=as_of) == report


class TestAnyEcosystem:
    """Every rule on any ecosystem the public strategies make."""

    @given(testing.ecosystems(), st.dates(dt.date(2000, 1, 1), dt.date(2030, 12, 31)))
    def test_no_rule_crashes(self, eco: Ecosystem, as_of: dt.date) -> None:
        """No built-in rule crashes, references resolve, and the report survives JSON."""
        report = validate(eco, rules=builtin_rules(), as_of=as_of)
        assert [f.message for f in report if "crashed" in f.message] == []
        assert report.filter(code="REF").findings == ()
        assert Report.from_json(report.to_json()) == report


def _entry_point(name: str, value: str) -> importlib.metadata.EntryPoint:
    return importlib.metadata.EntryPoint(name=name, value=value, group=ENTRY_POINT_GROUP)


@pytest.fixture
def plugin_module(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A module on sys.path with rule plugins of every shape, good and bad."""
    source = """
from ptcekit.rules import Rule, RuleSet

def _check(context):
    return ()

def make(code):
    return Rule(code=code, title="Plugin rule", severity="info", kind="heuristic",
                confidence="low", source="Plugin", explanation="A plugin rule.", check=_check)

ONE = make("AURA001")
MANY = [make("AURA002"), make("AURA003")]
SET = RuleSet((make("AURA004"),))
def factory():
    return [make("AURA005")]
def broken_factory():
    raise RuntimeError("no database")
JUNK = 42
MIXED = [make("AURA006"), "AURA007"]
CLASH = make("PTCE001")
"""
    (tmp_path / "aura_rules.py").write_text(source, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    yield "aura_rules"
    sys.modules.pop("aura_rules", None)


class TestPlugins:
    """Rules from the entry-point group ptcekit.rules."""

    def test_group_name(self) -> None:
        """The group is ptcekit.rules."""
        assert ENTRY_POINT_GROUP == "ptcekit.rules"

    def test_every_shape(self, plugin_module: str) -> None:
        """A Rule, an iterable of Rules, a RuleSet and a factory all load."""
        rules = load_plugins(
            [
                _entry_point("one", f"{plugin_module}:ONE"),
                _entry_point("many", f"{plugin_module}:MANY"),
                _entry_point("set", f"{plugin_module}:SET"),
                _entry_point("factory", f"{plugin_module}:factory"),
            ]
        )
        assert rules.codes == ("AURA001", "AURA002", "AURA003", "AURA004", "AURA005")

    @pytest.mark.parametrize(
        ("target", "reason"),
        [
            ("no_such_module:RULES", "it failed to load: ModuleNotFoundError: No module named 'no_such_module'"),
            ("{module}:JUNK", "it gave int 42, not a Rule, an iterable of Rules or a RuleSet"),
            ("{module}:MIXED", "item 1 is str 'AURA007', not a Rule"),
            ("{module}:broken_factory", "calling it raised RuntimeError: no database"),
            ("{module}:CLASH", "rule code 'PTCE001' is already used by ptcekit"),
        ],
    )  # fmt: skip
    def test_broken_plugins(self, plugin_module: str, target: str, reason: str) -> None:
        """A broken plugin raises a PluginError naming the entry point and why."""
        value = target.format(module=plugin_module)
        with pytest.raises(PluginError) as raised:
            load_plugins([_entry_point("aura", value)], reserved=builtin_rules().codes)
        error = raised.value
        assert (error.entry_point, error.target, error.reason) == ("aura", value, reason)
        assert (
            str(error)
            == f"rule plugin 'aura' ({value}) of entry-point group 'ptcekit.rules': {reason}"
        )
        assert isinstance(error, ImportError)
        again = pickle.loads(pickle.dumps(error))
        assert again.reason == reason

    def test_two_plugins_one_code(self, plugin_module: str) -> None:
        """Two plugins may not use the same code."""
        with pytest.raises(PluginError, match="already used by plugin 'a'"):
            load_plugins(
                [
                    _entry_point("a", f"{plugin_module}:ONE"),
                    _entry_point("b", f"{plugin_module}:ONE"),
                ]
            )

    def test_installed_plugins_join_the_defaults(
        self, plugin_module: str, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """default_rules and validate pick up the installed entry points."""

        def entry_points(*, group: str) -> list[importlib.metadata.EntryPoint]:
            assert group == ENTRY_POINT_GROUP
            return [_entry_point("one", f"{plugin_module}:ONE")]

        monkeypatch.setattr(importlib.metadata, "entry_points", entry_points)
        assert "AURA001" in default_rules()
        assert "AURA001" in validate(_eco()).rules

    def test_a_broken_installed_plugin_is_a_clear_error(
        self, plugin_module: str, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """With the defaults, validate raises the PluginError, not a traceback from inside."""

        def entry_points(*, group: str) -> list[importlib.metadata.EntryPoint]:
            return [_entry_point("aura", f"{plugin_module}:JUNK")]

        monkeypatch.setattr(importlib.metadata, "entry_points", entry_points)
        with pytest.raises(PluginError, match="rule plugin 'aura'"):
            validate(_eco())
        assert validate(_eco(), rules=builtin_rules().select("REF")).rules[0] == "REF001"
