"""The rule engine: severities, findings, rules, rule sets, reports, plugins and validate."""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import json
import pickle
import sys
from collections.abc import Iterator
from fractions import Fraction
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import ptcekit.plugins
from ptcekit import testing
from ptcekit.errors import FieldTypeError, InvalidValueError, PtcekitError, UnknownIdError
from ptcekit.model import Association, Company, Ecosystem, Membership, Pole
from ptcekit.rules import (
    ENTRY_POINT_GROUP,
    Confidence,
    Context,
    Example,
    Finding,
    LawVersion,
    PluginError,
    Report,
    Rule,
    RuleError,
    RuleSet,
    Severity,
    Theme,
    Unchecked,
    UnknownRuleError,
    builtin_rules,
    default_rules,
    describe_rule,
    format_finding,
    format_report,
    format_summary,
    format_unchecked,
    load_plugins,
    themes,
    validate,
)
from ptcekit.rules._context import Indexes
from ptcekit.rules._paths import parse_path, path_key, render_path, to_keys


def _finding_of(
    rule: Rule, message: str, path: str, *, as_of: dt.date = dt.date(2024, 1, 1), **options: Any
) -> Finding:
    """The finding ``rule`` gives through the context a run hands its check."""
    eco = Ecosystem()
    return Context(eco, as_of, rule, Indexes(eco)).finding(message, path, **options)


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
        "confidence": "reading",
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
            ("path", ("poles", -1), InvalidValueError),
            ("path", ("poles", "0 memberships"), InvalidValueError),
            ("path", ("poles", True), InvalidValueError),
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

    def test_path_as_keys(self) -> None:
        """A path given as keys and indices is kept so, and rendered in wire names."""
        finding = Finding(
            code="X001", severity="info", message="m", path=("poles", 0, "memberships", 2)
        )
        assert finding.location == ("poles", 0, "memberships", 2)
        assert finding.path == "$.poles[0].memberships[2]"
        assert finding == Finding(
            code="X001", severity="info", message="m", path="$.poles[0].memberships[2]"
        )
        assert "path='$.poles[0].memberships[2]'" in repr(finding)
        assert Finding(code="X001", severity="info", message="m", path=[]).path == "$"

    def test_bad_path_message(self) -> None:
        """A bad path is refused with the class, the field, what was expected and the value."""
        with pytest.raises(InvalidValueError) as raised:
            Finding(code="X001", severity="info", message="m", path=("poles", -1))
        assert str(raised.value) == (
            "Finding.path: expected a path as field names and indices such as "
            "('actors', 3, 'siren'), got ('poles', -1)"
        )
        with pytest.raises(FieldTypeError, match=r"Unchecked\.path: expected a path \(str\)"):
            Unchecked(code="X001", path=3, reason="r")  # type: ignore[arg-type]

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
        assert sorted(paths, key=lambda path: path_key(parse_path(path))) == [
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
        finding = _finding_of(rule, "m", "$", severity=Severity.ERROR)
        assert finding.severity is Severity.WARNING
        assert finding.source == "Test source"

    def test_finding_severity_override(self) -> None:
        """A confirmed rule may give a finding of another severity."""
        assert _finding_of(_rule(), "m", "$", severity=Severity.INFO).severity is Severity.INFO
        assert _finding_of(_rule(), "m", "$", subject="x").subject == "x"

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

    def test_path_of(self) -> None:
        """path_of gives a record's list and position, then the keys asked for."""
        seen: dict[str, object] = {}

        def check(context: Context) -> Iterator[Finding]:
            pole = context.ecosystem.poles[0]
            seen["pole"] = context.path_of(pole, "memberships", 1, "actor")
            seen["by id"] = context.path_of("roux")
            with pytest.raises(UnknownIdError):
                context.path_of("nothing", "name")
            yield context.finding("m", context.path_of(pole, "memberships", 1))

        report = validate(_eco(), rules=_rule(check=check))
        assert seen == {"pole": ("poles", 0, "memberships", 1, "actor"), "by id": ("actors", 1)}
        assert [f.path for f in report] == ["$.poles[0].memberships[1]"]


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


# --- the law in force on the date ------------------------------------------

CHANGE = dt.date(2014, 8, 2)
BEFORE = LawVersion(
    label="before loi n° 2014-856",
    end=CHANGE,
    source="Loi n° 47-1775 du 10 septembre 1947, art. 19 septies (before 2014)",
    params={"cap": Fraction(1, 5)},
)
SINCE = LawVersion(
    label="since loi n° 2014-856",
    start=CHANGE,
    source="Loi n° 47-1775 du 10 septembre 1947, art. 19 septies (since 2014)",
    url="https://www.legifrance.gouv.fr/loda/id/JORFTEXT000000684004",
    params={"cap": Fraction(1, 2)},
)


def _capped(context: Context) -> Iterator[Finding]:
    """Report the cap in force, so that a test sees which version ran."""
    cap = context.param("cap")
    yield context.finding(f"the cap is {cap}", "$")


class TestLawVersion:
    """One dated version of the law: its bounds, its parameters, its place among others."""

    def test_in_force_on(self) -> None:
        """A version is in force from its start, inclusive, to its end, exclusive."""
        assert not BEFORE.in_force_on(CHANGE)
        assert BEFORE.in_force_on(CHANGE - dt.timedelta(days=1))
        assert BEFORE.in_force_on(dt.date(1900, 1, 1))
        assert SINCE.in_force_on(CHANGE)
        assert not SINCE.in_force_on(CHANGE - dt.timedelta(days=1))
        assert SINCE.in_force_on(dt.date(2100, 1, 1))
        always = LawVersion(label="always", source="Loi n° 2014-856, art. 9")
        assert always.in_force_on(dt.date.min)
        assert always.in_force_on(dt.date.max)

    def test_end_after_start(self) -> None:
        """An end on or before the start is refused, naming the field and the start."""
        for end in (CHANGE, CHANGE - dt.timedelta(days=1)):
            with pytest.raises(InvalidValueError) as raised:
                LawVersion(label="x", start=CHANGE, end=end, source="Loi n° 2014-856, art. 9")
            assert (raised.value.cls, raised.value.field) == ("LawVersion", "end")
            assert "a date after its start (2014-08-02)" in str(raised.value)

    @pytest.mark.parametrize(
        ("field", "value", "error"),
        [
            ("label", "", InvalidValueError),
            ("label", "two\nlines", InvalidValueError),
            ("source", 3, FieldTypeError),
            ("start", "2014-08-02", FieldTypeError),
            ("end", dt.datetime(2014, 8, 2, tzinfo=dt.UTC), FieldTypeError),
            ("url", "legifrance.gouv.fr", InvalidValueError),
            ("url", 3, FieldTypeError),
            ("params", [("cap", 1)], FieldTypeError),
            ("params", {1: "cap"}, FieldTypeError),
        ],
    )
    def test_bad_fields(self, field: str, value: object, error: type[Exception]) -> None:
        """Each field is checked, and the error names it."""
        fields: dict[str, object] = {"label": "v", "source": "Loi n° 2014-856, art. 9"}
        fields[field] = value
        with pytest.raises(error) as raised:
            LawVersion(**fields)  # type: ignore[arg-type]
        assert raised.value.field == field  # type: ignore[attr-defined]

    def test_params_are_immutable(self) -> None:
        """The parameters are a read-only copy: changing the given dict changes nothing."""
        given = {"cap": Fraction(1, 2)}
        version = LawVersion(label="v", source="Loi n° 2014-856, art. 9", params=given)
        given["cap"] = Fraction(1)
        assert version.params["cap"] == Fraction(1, 2)
        with pytest.raises(TypeError):
            version.params["cap"] = Fraction(1)  # type: ignore[index]
        assert version == LawVersion(
            label="v", source="Loi n° 2014-856, art. 9", params={"cap": Fraction(1, 2)}
        )
        assert hash(version) == hash(attrs.evolve(version))

    def test_versions_in_order(self) -> None:
        """A rule takes its versions in date order, as a tuple."""
        rule = _rule(versions=[BEFORE, SINCE])
        assert rule.versions == (BEFORE, SINCE)

    @pytest.mark.parametrize(
        ("versions", "named"),
        [
            ((SINCE, BEFORE), "'since loi n° 2014-856' must end on or before 'before loi n° 2014-856' starts"),
            ((BEFORE, LawVersion(label="overlap", start=dt.date(2014, 8, 1), source="S")), "'overlap' starts"),
            ((SINCE, LawVersion(label="later", start=dt.date(2020, 1, 1), source="S")), "'since loi n° 2014-856' must end"),
            ((BEFORE, LawVersion(label="open", source="S")), "'open' starts"),
        ],
    )  # fmt: skip
    def test_overlap_and_disorder_are_refused(
        self, versions: tuple[LawVersion, ...], named: str
    ) -> None:
        """Versions out of order, overlapping, or open-ended before another are refused clearly."""
        with pytest.raises(InvalidValueError) as raised:
            _rule(versions=versions)
        assert raised.value.field == "versions"
        assert "versions in date order that do not overlap" in str(raised.value)
        assert named in str(raised.value)

    def test_not_versions(self) -> None:
        """Anything but LawVersion values is refused."""
        with pytest.raises(FieldTypeError) as raised:
            _rule(versions=(BEFORE, "since 2014"))
        assert raised.value.field.startswith("versions")

    def test_gap_between_versions(self) -> None:
        """Versions may leave a gap: no version is in force there."""
        first = LawVersion(label="first", end=dt.date(2000, 1, 1), source="S")
        rule = _rule(versions=(first, SINCE))
        assert rule.version_on(dt.date(1999, 12, 31)) is first
        assert rule.version_on(dt.date(2010, 1, 1)) is None
        assert not rule.applies_on(dt.date(2010, 1, 1))
        assert rule.applies_on(CHANGE)


class TestDatedRule:
    """A rule with two versions applies the one in force on the report's date."""

    def _rule(self) -> Rule:
        return _rule(
            check=_capped,
            source="Loi n° 47-1775 du 10 septembre 1947, art. 19 septies",
            url="https://www.legifrance.gouv.fr/loda/id/JORFTEXT000000684004",
            versions=(BEFORE, SINCE),
        )

    @pytest.mark.parametrize(
        ("day", "version", "cap"),
        [
            (CHANGE - dt.timedelta(days=1), BEFORE, "1/5"),
            (CHANGE, SINCE, "1/2"),
            (dt.date(2024, 6, 30), SINCE, "1/2"),
        ],
    )
    def test_either_side_of_the_boundary(self, day: dt.date, version: LawVersion, cap: str) -> None:
        """The check reads the version's parameters; its findings cite the version."""
        report = validate(_eco(), rules=self._rule(), as_of=day)
        [finding] = report.findings
        assert (finding.code, finding.severity, finding.path) == ("XYZ001", Severity.WARNING, "$")
        assert finding.message == f"the cap is {cap}"
        assert finding.source == version.source
        assert finding.url == version.url
        assert finding.law == version.label
        assert finding.to_text().endswith(f"[{version.source}; {version.label}]")
        assert Finding.from_dict(finding.to_dict()) == finding

    def test_context_law(self) -> None:
        """Context.law is the version in force; None for a rule with no versions."""
        seen: list[object] = []

        def check(context: Context) -> Iterator[Finding]:
            seen.append(context.law)
            return iter(())

        validate(_eco(), rules=_rule(check=check, versions=(BEFORE, SINCE)), as_of=CHANGE)
        validate(_eco(), rules=_rule(check=check), as_of=CHANGE)
        assert seen == [SINCE, None]

    def test_not_run_where_no_version_covers_the_date(self) -> None:
        """On a date no version covers, the rule does not run and is not listed as run."""
        only_since = _rule(check=_capped, versions=(SINCE,))
        other = _rule("XYZ002")
        report = validate(_eco(), rules=[only_since, other], as_of=dt.date(2010, 1, 1))
        assert report.findings == ()
        assert report.rules == ("XYZ002",)
        assert report.to_text() == "All checks passed (1 rule, as of 2010-01-01)."
        again = validate(_eco(), rules=[only_since, other], as_of=CHANGE)
        assert again.rules == ("XYZ001", "XYZ002")

    def test_finding_off_every_version_cites_the_rule(self) -> None:
        """On a date no version covers, a finding cites the rule's own source and no version."""
        rule = attrs.evolve(self._rule(), versions=(SINCE,))
        finding = _finding_of(rule, "m", "$", as_of=dt.date(2000, 1, 1))
        assert (finding.source, finding.url, finding.law) == (rule.source, rule.url, None)
        dated = _finding_of(rule, "m", "$", as_of=CHANGE)
        assert (dated.source, dated.law) == (SINCE.source, SINCE.label)

    def test_param_errors(self) -> None:
        """A parameter the version lacks, or a rule with no versions, gives a clear RuleError."""

        def missing(context: Context) -> Iterator[Finding]:
            context.param("floor")
            return iter(())

        report = validate(_eco(), rules=_rule(check=missing, versions=(SINCE,)), as_of=CHANGE)
        assert [f.message for f in report] == [
            (
                "rule XYZ001 crashed: RuleError: rule XYZ001 has no parameter 'floor' in force on "
                "2014-08-02"
            )
        ]
        report = validate(_eco(), rules=_rule(check=_capped), as_of=CHANGE)
        assert [f.message for f in report] == [
            (
                "rule XYZ001 crashed: RuleError: rule XYZ001 has no parameter 'cap' in force on "
                "2014-08-02"
            )
        ]

    def test_url_of_a_rule(self) -> None:
        """A rule's url is a web address; findings carry it."""
        rule = _rule(url="https://www.legifrance.gouv.fr/loda/id/JORFTEXT000029313296")
        assert _finding_of(rule, "m", "$").url == rule.url
        for bad, error in (("www.legifrance.gouv.fr", InvalidValueError), (3, FieldTypeError)):
            with pytest.raises(error) as raised:
                _rule(url=bad)
            assert raised.value.field == "url"  # type: ignore[attr-defined]


class TestConfidence:
    """Confidence said in words, and the labels of 0.1 still read."""

    def test_words(self) -> None:
        """Each confidence has its words."""
        assert [c.words for c in Confidence] == [
            "confirmed in the text",
            "reading of the text",
            "not confirmed",
        ]

    @pytest.mark.parametrize(
        ("legacy", "now"),
        [
            ("high", Confidence.CONFIRMED),
            ("medium", Confidence.READING),
            ("low", Confidence.READING),
        ],
    )
    def test_legacy_labels(self, legacy: str, now: Confidence) -> None:
        """The 0.1 label high reads as confirmed, medium and low as a reading of the text."""
        assert Confidence(legacy) is now
        assert _rule(confidence=legacy).confidence is now

    def test_unknown_labels(self) -> None:
        """Anything else is refused."""
        with pytest.raises(ValueError, match="'sure'"):
            Confidence("sure")
        with pytest.raises(ValueError, match="3 is not a valid Confidence"):
            Confidence(3)  # type: ignore[arg-type]


# --- what could not be checked ---------------------------------------------


def _note(path: str = "$.actors[0]", code: str = "XYZ001", **fields: object) -> Unchecked:
    values: dict[str, object] = {"code": code, "path": path, "reason": "no associés recorded"}
    values.update(fields)
    return Unchecked(**values)  # type: ignore[arg-type]


class TestUnchecked:
    """A check that could not run for lack of data."""

    def test_text_and_dict(self) -> None:
        """One line like a finding's; a dict without None fields that reads back."""
        note = _note(subject="archer")
        assert note.to_text() == "$.actors[0]: XYZ001 not checked: no associés recorded"
        assert note.to_dict() == {
            "code": "XYZ001",
            "path": "$.actors[0]",
            "reason": "no associés recorded",
            "subject": "archer",
        }
        assert Unchecked.from_dict(note.to_dict()) == note
        assert "subject" not in _note().to_dict()
        assert Unchecked.from_dict(_note().to_dict()) == _note()

    @pytest.mark.parametrize(
        ("field", "value", "error"),
        [
            ("code", "xyz1", InvalidValueError),
            ("code", None, FieldTypeError),
            ("path", "actors[0]", InvalidValueError),
            ("reason", "", InvalidValueError),
            ("reason", "two\nlines", InvalidValueError),
            ("subject", 3, FieldTypeError),
        ],
    )
    def test_bad_fields(self, field: str, value: object, error: type[Exception]) -> None:
        """A bad field is refused with the field named."""
        with pytest.raises(error) as raised:
            _note(**{field: value})
        assert raised.value.field == field  # type: ignore[attr-defined]

    @pytest.mark.parametrize(
        ("data", "field", "error"),
        [
            ("x", "unchecked[2]", FieldTypeError),
            ({"code": "X1", "path": "$", "reason": "r", "why": 1}, "unchecked[2].why", InvalidValueError),
            ({"code": "X1", "path": "$"}, "unchecked[2].reason", InvalidValueError),
            ({"code": "X1", "path": "$", "reason": 3}, "unchecked[2].reason", FieldTypeError),
            ({"code": "X1", "path": "here", "reason": "r"}, "unchecked[2].path", InvalidValueError),
        ],
    )  # fmt: skip
    def test_from_dict_errors(self, data: object, field: str, error: type[Exception]) -> None:
        """Bad data is refused with the place of the bad key."""
        with pytest.raises(error) as raised:
            Unchecked.from_dict(data, where="unchecked[2]")
        assert raised.value.field == field  # type: ignore[attr-defined]
        assert raised.value.cls == "Unchecked"  # type: ignore[attr-defined]

    def test_yielded_by_a_check(self) -> None:
        """A check yields Unchecked beside findings; the report keeps both apart."""

        def check(context: Context) -> Iterator[Finding | Unchecked]:
            yield context.finding("found", "$.poles[0]", subject="pole-sud")
            yield context.unchecked("no territory recorded", "$.poles[0]", subject="pole-sud")

        report = validate(_eco(), rules=_rule(check=check))
        assert [f.message for f in report.findings] == ["found"]
        assert report.unchecked == (
            Unchecked(
                code="XYZ001", path="$.poles[0]", reason="no territory recorded", subject="pole-sud"
            ),
        )
        assert not report.complete

    def test_a_bad_unchecked_crashes_the_rule_only(self) -> None:
        """A check that builds a bad Unchecked becomes a crash finding, as for findings."""

        def check(context: Context) -> Iterator[Unchecked]:
            yield context.unchecked("", "$")

        report = validate(_eco(), rules=_rule(check=check))
        assert [f.message[:30] for f in report] == ["rule XYZ001 crashed: InvalidVa"]
        assert report.unchecked == ()


def _partial_report() -> Report:
    return Report(
        findings=(_finding("$.poles[0]", "PTCE001"),),
        unchecked=(
            _note("$.poles[0]", "PTCE002", subject="pole-sud"),
            _note("$.actors[3]", "SCIC002", subject="coop"),
            _note("$.actors[3]", "SCIC002", subject="coop"),
        ),
        as_of=DAY,
        rules=("PTCE001", "PTCE002", "SCIC002"),
    )


class TestReportUnchecked:
    """Reports say what could not be checked, and "All checks passed" only when all ran."""

    def test_order_and_duplicates(self) -> None:
        """Unchecked notes sort in document order; the same note twice is kept once."""
        report = _partial_report()
        assert [(u.path, u.code) for u in report.unchecked] == [
            ("$.actors[3]", "SCIC002"),
            ("$.poles[0]", "PTCE002"),
        ]
        assert not report.complete
        assert report.ok is False

    def test_text(self) -> None:
        """Findings, then the checks that could not run, then the summary that counts them."""
        assert _partial_report().to_text().splitlines() == [
            "$.poles[0]: PTCE001 error: at $.poles[0]",
            "$.actors[3]: SCIC002 not checked: no associés recorded",
            "$.poles[0]: PTCE002 not checked: no associés recorded",
            (
                "Found 1 error, 0 warnings and 0 infos; 2 checks could not run for lack of data "
                "(3 rules, as of 2024-06-30)."
            ),
        ]

    @pytest.mark.parametrize(
        ("findings", "unchecked", "summary"),
        [
            ((), (), "All checks passed (1 rule, as of 2024-06-30)."),
            ((), (_note(),), "No problem found; 1 check could not run for lack of data (1 rule, as of 2024-06-30)."),
            ((), (_note(), _note("$.actors[1]")), "No problem found; 2 checks could not run for lack of data (1 rule, as of 2024-06-30)."),
            ((_finding("$", severity="info"),), (), "Found 0 errors, 0 warnings and 1 info (1 rule, as of 2024-06-30)."),
            ((_finding("$", severity="warning"),), (_note(),), "Found 0 errors, 1 warning and 0 infos; 1 check could not run for lack of data (1 rule, as of 2024-06-30)."),
        ],
    )  # fmt: skip
    def test_summary(
        self, findings: tuple[Finding, ...], unchecked: tuple[Unchecked, ...], summary: str
    ) -> None:
        """The summary says all checks passed only with no finding and nothing unchecked."""
        report = Report(findings=findings, unchecked=unchecked, as_of=DAY, rules=("XYZ001",))
        assert report.summary() == summary
        assert report.complete is (not unchecked)
        assert report.to_text().splitlines()[-1] == summary

    def test_filter(self) -> None:
        """Filters by code and subject apply to unchecked notes too; severities do not."""
        report = _partial_report()
        assert [u.code for u in report.filter(code="SCIC").unchecked] == ["SCIC002"]
        assert report.filter(code="SCIC").findings == ()
        assert [u.code for u in report.filter(subject="pole-sud").unchecked] == ["PTCE002"]
        assert len(report.filter(severity="error").unchecked) == 2
        assert len(report.filter(at_least="warning").unchecked) == 2
        assert report.filter(code="REF").complete

    def test_json_round_trip(self) -> None:
        """The JSON form lists the notes and says whether the report is complete."""
        report = _partial_report()
        data = json.loads(report.to_json())
        assert data["complete"] is False
        assert data["unchecked"][0] == {
            "code": "SCIC002",
            "path": "$.actors[3]",
            "reason": "no associés recorded",
            "subject": "coop",
        }
        assert Report.from_json(report.to_json()) == report
        assert json.loads(Report().to_json())["complete"] is True

    @pytest.mark.parametrize(
        ("data", "field", "error"),
        [
            ({"unchecked": {}}, "unchecked", FieldTypeError),
            ({"unchecked": [{"code": "X1", "path": "$"}]}, "unchecked[0].reason", InvalidValueError),
            ({"unchecked": [3]}, "unchecked[0]", FieldTypeError),
            ({"complete": False}, "complete", InvalidValueError),
            ({"complete": True, "unchecked": [{"code": "X1", "path": "$", "reason": "r"}]}, "complete", InvalidValueError),
        ],
    )  # fmt: skip
    def test_from_dict_errors(self, data: object, field: str, error: type[Exception]) -> None:
        """Bad unchecked data is refused with the place named; a wrong "complete" too."""
        with pytest.raises(error) as raised:
            Report.from_dict(data)
        assert raised.value.field == field  # type: ignore[attr-defined]

    def test_repr(self) -> None:
        """The repr counts the checks that could not run, when there are some."""
        assert repr(_partial_report()) == (
            "Report(as_of='2024-06-30', errors=1, warnings=0, infos=0, unchecked=2)"
        )

    def test_bad_unchecked(self) -> None:
        """A report's unchecked list holds Unchecked values only."""
        with pytest.raises(FieldTypeError) as raised:
            Report(unchecked=(_note(), "oops"))  # type: ignore[arg-type]
        assert raised.value.field == "unchecked[1]"


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
        self, plugin_module: str, monkeypatch: pytest.MonkeyPatch, plugins_on: object
    ) -> None:
        """default_rules and validate pick up the installed entry points (after a reload)."""

        def entry_points(*, group: str) -> list[importlib.metadata.EntryPoint]:
            if group != ENTRY_POINT_GROUP:
                return []
            return [_entry_point("one", f"{plugin_module}:ONE")]

        monkeypatch.setattr(importlib.metadata, "entry_points", entry_points)
        ptcekit.plugins.reload()
        assert "AURA001" in default_rules()
        assert "AURA001" in validate(_eco()).rules

    def test_a_broken_installed_plugin_is_skipped_with_a_warning(
        self, plugin_module: str, monkeypatch: pytest.MonkeyPatch, plugins_on: object
    ) -> None:
        """A broken plugin is a warning naming it; validate goes on with the other rules."""

        def entry_points(*, group: str) -> list[importlib.metadata.EntryPoint]:
            if group != ENTRY_POINT_GROUP:
                return []
            return [_entry_point("aura", f"{plugin_module}:JUNK")]

        monkeypatch.setattr(importlib.metadata, "entry_points", entry_points)
        with pytest.warns(ptcekit.plugins.PluginWarning, match="plugin 'aura'.*it gave int 42"):
            ptcekit.plugins.reload()
        report = validate(_eco())
        assert "REF001" in report.rules
        assert set(report.rules) <= set(builtin_rules().codes)
        assert validate(_eco(), rules=builtin_rules().select("REF")).rules[0] == "REF001"


class TestTheme:
    """Themes: the rules of one prefix, declared once."""

    def test_a_theme_holds_its_rules(self) -> None:
        """A theme keeps its prefix, title and rules, and lists their codes."""
        theme = Theme(prefix="XYZ", title="Tests", rules=[_rule("XYZ001"), _rule("XYZ002")])
        assert theme.codes == ("XYZ001", "XYZ002")
        assert isinstance(theme.rules, tuple)

    @pytest.mark.parametrize(
        ("fields", "field", "error", "message"),
        [
            ({"prefix": "xyz"}, "prefix", InvalidValueError, "Theme.prefix: expected a code prefix of capital letters, such as 'PTCE', got 'xyz'"),
            ({"prefix": 3}, "prefix", FieldTypeError, "Theme.prefix: expected a code prefix (str), got 3 (int)"),
            ({"title": ""}, "title", InvalidValueError, None),
            ({"rules": ("XYZ001",)}, "rules[0]", FieldTypeError, None),
            ({"prefix": "ABC"}, "rules", InvalidValueError, "Theme.rules: expected rules whose codes start with 'ABC', got 'XYZ001'"),
        ],
    )  # fmt: skip
    def test_bad_fields(
        self, fields: dict[str, object], field: str, error: type[Exception], message: str | None
    ) -> None:
        """A bad field is refused with the class, the field, what was expected and the value."""
        given: dict[str, object] = {"prefix": "XYZ", "title": "Tests", "rules": (_rule(),)}
        given.update(fields)
        with pytest.raises(error) as raised:
            Theme(**given)  # type: ignore[arg-type]
        assert raised.value.field == field  # type: ignore[attr-defined]
        if message is not None:
            assert str(raised.value) == message

    def test_builtin_themes_in_catalogue_order(self) -> None:
        """themes() starts with the references, then identifiers; each theme's codes share its prefix."""
        found = themes()
        assert [theme.prefix for theme in found][:2] == ["REF", "ID"]
        for theme in found:
            assert all(code.startswith(theme.prefix) for code in theme.codes)


class TestPaths:
    """Paths as keys and indices, rendered in wire names."""

    @pytest.mark.parametrize(
        ("keys", "text"),
        [
            ((), "$"),
            (("actors", 3, "siren"), "$.actors[3].siren"),
            (("poles", 0, "memberships", 12, "period", "end"), "$.poles[0].memberships[12].period.end"),
            (("assets", 1, "x:extra"), "$.assets[1].x:extra"),
        ],
    )  # fmt: skip
    def test_render_and_parse(self, keys: tuple[str | int, ...], text: str) -> None:
        """Rendering then parsing gives the keys back."""
        assert render_path(keys) == text
        assert parse_path(text) == keys

    def test_to_keys(self) -> None:
        """A path in wire names or a list becomes keys; anything else is left for the validator."""
        assert to_keys("$.actors[0]") == ("actors", 0)
        assert to_keys(["actors", 0]) == ("actors", 0)
        assert to_keys("actors[0]") == "actors[0]"
        assert to_keys(None) is None

    def test_a_report_sorts_on_keys(self) -> None:
        """Findings given as keys sort in document order, indices as numbers."""
        report = Report(
            findings=(
                _finding("$.poles[0]"),
                Finding(code="XYZ001", severity="error", message="m", path=("actors", 10)),
                Finding(code="XYZ001", severity="error", message="m", path=("actors", 9, "siren")),
            )
        )
        assert [f.path for f in report] == ["$.actors[9].siren", "$.actors[10]", "$.poles[0]"]


class TestPrinter:
    """One printer for rules, findings and reports."""

    def test_methods_call_the_printer(self) -> None:
        """to_text and summary give what the printer functions give."""
        report = validate(_eco(), rules=builtin_rules().select("PTCE"), as_of=DAY)
        assert report.to_text() == format_report(report)
        assert report.summary() == format_summary(report)
        assert report.to_text().splitlines()[-1] == report.summary()
        for finding in report:
            assert finding.to_text() == format_finding(finding)
        for note in report.unchecked:
            assert note.to_text() == format_unchecked(note)

    def test_describe_rule(self) -> None:
        """describe_rule gives the code and title, the facts, then the explanation."""
        lines = describe_rule(builtin_rules()["CALL001"]).splitlines()
        assert lines[0].startswith("CALL001: ")
        assert "  opt-in:     runs only when selected (--select)" in lines
        assert lines[lines.index("") + 1 :] != []

    def test_unchecked_repr_shows_the_path(self) -> None:
        """An Unchecked note's repr names its path in wire names, as it is given."""
        note = Unchecked(code="SCIC002", path=("actors", 2), reason="no associés recorded")
        assert repr(note) == (
            "Unchecked(code='SCIC002', path='$.actors[2]', reason='no associés recorded', "
            "subject=None)"
        )

    @pytest.mark.parametrize(
        ("paths", "error"), [(("actors[0]",), InvalidValueError), ((3,), FieldTypeError)]
    )
    def test_example_paths_are_paths_in_wire_names(
        self, paths: tuple[object, ...], error: type[Exception]
    ) -> None:
        """An example's expected paths are written in wire names, and refused otherwise."""
        with pytest.raises(error) as raised:
            Example(build=_eco, paths=paths)  # type: ignore[arg-type]
        assert raised.value.field == "paths[0]"  # type: ignore[attr-defined]
