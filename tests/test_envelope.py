"""Tests of the result envelope: ptcekit.check, Envelope.to_dict and its shipped JSON Schema."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import ptcekit
from ptcekit import envelope
from ptcekit.errors import FieldTypeError, InvalidValueError, UnknownRuleError

ROOT = Path(__file__).resolve().parent.parent
TETRIS = ROOT / "examples" / "tetris.json"
BAD = b'{"ptcekit": "1", "actors": [{"type": "asociation", "id": "a", "name": "A"}, {"type": "company", "id": "b", "name": "B", "headcount": "12"}]}'
ONLY_ESS = (
    b'{"ptcekit": "1", "as_of": "2024-06-30", "actors": [{"type": "association", "id": "a", "name": "A"}],'
    b' "poles": [{"id": "p", "name": "P", "lead": "a", "memberships": [{"actor": "a"}]}]}'
)


def valid(data: dict[str, Any]) -> dict[str, Any]:
    """Check ``data`` against the envelope's JSON Schema and return it."""
    jsonschema.Draft202012Validator(envelope.envelope_schema()).validate(data)
    return data


class TestSchema:
    def test_the_schema_is_a_valid_draft_2020_12_schema(self) -> None:
        """The shipped schema is itself valid, and closed (no key it does not list)."""
        schema = envelope.envelope_schema()
        jsonschema.Draft202012Validator.check_schema(schema)
        assert schema["additionalProperties"] is False
        assert schema["properties"]["ptcekit_result"]["const"] == envelope.ENVELOPE_VERSION

    def test_it_is_package_data(self) -> None:
        """The schema ships inside the package, beside the module that reads it."""
        assert (Path(envelope.__file__).parent / "envelope.schema.json").is_file()

    def test_it_refuses_what_is_not_an_envelope(self) -> None:
        """An unknown key or a bad status does not validate."""
        data = ptcekit.check(ONLY_ESS).to_dict()
        with pytest.raises(jsonschema.ValidationError):
            valid({**data, "extra": 1})
        with pytest.raises(jsonschema.ValidationError):
            valid({**data, "status": "fine"})


class TestCheck:
    def test_a_document_that_loads(self) -> None:
        """A document that loads is checked: findings with their rule's title and catalogue anchor."""
        result = ptcekit.check(ONLY_ESS, file="p.json")
        data = valid(result.to_dict())
        assert (data["file"], data["status"], data["loaded"], data["ok"]) == (
            "p.json",
            "checked",
            True,
            False,
        )
        assert data["as_of"] == "2024-06-30"
        finding = next(f for f in data["findings"] if f["code"] == "PTCE001")
        rule = ptcekit.builtin_rules()["PTCE001"]
        assert finding["title"] == rule.title
        assert finding["anchor"] == "rule-ptce001"
        assert finding["doc"] == "reference/rules.html#rule-ptce001"
        assert finding["pointer"] == "/poles/0/memberships"
        assert data["counts"]["severity"]["error"] == result.report.counts()["severity"]["error"]  # type: ignore[union-attr]  # it loaded
        assert data["counts"]["findings"] == len(data["findings"])
        assert [r["code"] for r in data["rules"]] == list(result.report.rules)  # type: ignore[union-attr]  # it loaded
        assert {r["origin"] for r in data["rules"]} == {"ptcekit"}
        assert result.ecosystem is not None
        assert (
            repr(result)
            == f"Envelope(file='p.json', status='checked', problems=0, findings={len(data['findings'])})"
        )

    def test_the_catalogue_has_the_anchor(self) -> None:
        """The anchor a finding carries is a label of the rule catalogue page."""
        page = (ROOT / "docs" / "reference" / "rules.md").read_text(encoding="utf-8")
        assert "(rule-ptce001)=" in page

    def test_a_dated_rule_names_its_version(self) -> None:
        """A rule with dated versions says which version ran."""
        result = ptcekit.check(TETRIS, rules=ptcekit.builtin_rules().select("ASSET003"))
        (rule,) = valid(result.to_dict())["rules"]
        version = ptcekit.builtin_rules()["ASSET003"].version_on(dt.date(2024, 1, 1))
        assert version is not None
        assert rule == {
            "code": "ASSET003",
            "title": ptcekit.builtin_rules()["ASSET003"].title,
            "version": version.label,
            "origin": "ptcekit",
        }

    def test_a_document_that_does_not_load(self) -> None:
        """Every load problem is listed with its path and JSON Pointer; nothing is checked."""
        result = ptcekit.check(BAD)
        data = valid(result.to_dict())
        assert (data["status"], data["loaded"], data["ok"], data["as_of"]) == (
            "load-error",
            False,
            False,
            None,
        )
        assert [(p["path"], p["pointer"], p["severity"]) for p in data["problems"]] == [
            ("$.actors[0].type", "/actors/0/type", "error"),
            ("$.actors[1].headcount", "/actors/1/headcount", "error"),
        ]
        assert data["problems"][1]["message"] == 'expected an integer, got "12" (a string)'
        assert data["counts"]["problems"] == 2
        assert data["findings"] == data["rules"] == data["unchecked"] == []
        assert result.ecosystem is None

    def test_load_problems_carry_their_codes(self) -> None:
        """Each load problem is written as the loader gives it: its code from the load-problem catalogue."""
        data = valid(ptcekit.check(BAD).to_dict())
        assert [p["code"] for p in data["problems"]] == ["LOAD006", "LOAD002"]
        with pytest.raises(ptcekit.LoadError) as raised:
            ptcekit.loads(BAD)
        assert data["problems"] == raised.value.to_dict()["problems"]
        assert data["truncated"] is False

    def test_a_capped_load_says_it_is_truncated(self) -> None:
        """A loader that stops at max_problems makes the envelope say the list is cut short."""
        actors = ", ".join(
            f'{{"type": "company", "id": "c{i}", "name": "C", "headcount": "1"}}' for i in range(5)
        )
        text = f'{{"ptcekit": "1", "actors": [{actors}]}}'

        def capped(source: Any) -> ptcekit.Ecosystem:
            return ptcekit.loads(source, max_problems=2)

        data = valid(ptcekit.check(text, loader=capped).to_dict())
        assert (data["truncated"], data["counts"]["problems"]) == (True, 2)

    def test_a_file_that_cannot_be_read(self, tmp_path: Path) -> None:
        """A path that cannot be read gives a read-error envelope naming the file."""
        missing = tmp_path / "nope.json"
        data = valid(ptcekit.check(missing).to_dict())
        assert (data["file"], data["status"]) == (str(missing), "read-error")
        assert data["problems"] == [
            {
                "code": None,
                "severity": "error",
                "path": "$",
                "pointer": "",
                "message": "cannot be read: No such file or directory",
            }
        ]

    def test_a_path_and_an_ecosystem(self) -> None:
        """A path is loaded, an Ecosystem is checked as it is; both give the same findings."""
        from_path = ptcekit.check(TETRIS)
        from_model = ptcekit.check(ptcekit.load(TETRIS))
        assert from_path.file == str(TETRIS)
        assert from_model.file is None
        assert from_path.report == from_model.report

    def test_a_custom_loader(self) -> None:
        """A loader of the app's own (keeping unknown keys) is used, and its errors become the envelope's."""
        text = b'{"ptcekit": "1", "actors": [{"type": "association", "id": "a", "name": "A", "couleur": "vert"}]}'
        assert ptcekit.check(text).status == "load-error"

        def keep(source: Any) -> ptcekit.Ecosystem:
            return ptcekit.loads(source, unknown="keep")

        assert ptcekit.check(text, loader=keep).status == "checked"
        assert ptcekit.check(BAD, loader=keep).status == "load-error"

        def unreadable(source: Any) -> ptcekit.Ecosystem:
            raise PermissionError(13, "Permission denied")

        refused = ptcekit.check(text, loader=unreadable)
        assert (refused.status, refused.unreadable) == (
            "read-error",
            "cannot be read: Permission denied",
        )
        assert (
            valid(refused.to_dict())["problems"][0]["message"]
            == "cannot be read: Permission denied"
        )

    def test_fail_on(self) -> None:
        """fail_on sets what makes the envelope not ok."""
        warnings_only = ptcekit.check(TETRIS, rules=ptcekit.builtin_rules().select("PTCE005"))
        assert warnings_only.ok
        assert ptcekit.check(ONLY_ESS, fail_on="warning").fail_on is ptcekit.Severity.WARNING
        assert ptcekit.check(ONLY_ESS, fail_on=ptcekit.Severity.INFO).to_dict()["fail_on"] == "info"

    def test_rules_given_in_every_shape(self) -> None:
        """A RuleSet, a Rule and an iterable of Rules are accepted, as validate takes them."""
        rule = ptcekit.builtin_rules()["PTCE001"]
        for rules in (ptcekit.builtin_rules().select("PTCE001"), rule, [rule], (r for r in [rule])):
            assert ptcekit.check(ONLY_ESS, rules=rules).report.rules == ("PTCE001",)  # type: ignore[union-attr]  # it loaded

    @pytest.mark.parametrize("rules", [42, "PTCE001", [42]])
    def test_bad_rules(self, rules: object) -> None:
        """Rules of the wrong type are a FieldTypeError naming the argument and the value."""
        with pytest.raises(
            FieldTypeError,
            match=r"check\.rules: expected a RuleSet, a Rule or an iterable of Rules",
        ):
            ptcekit.check(ONLY_ESS, rules=rules)

    @pytest.mark.parametrize("fail_on", ["fatal", 3])
    def test_bad_fail_on(self, fail_on: object) -> None:
        """A bad fail_on is an InvalidValueError naming the argument and the value."""
        with pytest.raises(
            InvalidValueError, match=r"check\.fail_on: expected one of 'error', 'warning', 'info'"
        ):
            ptcekit.check(ONLY_ESS, fail_on=fail_on)  # type: ignore[arg-type]  # the test passes a bad value

    def test_a_bad_rule_selection_is_a_value_error(self) -> None:
        """Selecting a code no rule has is a ValueError as well as a KeyError and a ptcekit error."""
        with pytest.raises(ValueError, match="no rule has the code or prefix 'XYZ'") as raised:
            ptcekit.builtin_rules().select("XYZ")
        assert isinstance(raised.value, KeyError)
        assert isinstance(raised.value, UnknownRuleError)
        assert isinstance(raised.value, ptcekit.PtcekitError)

    def test_to_json(self) -> None:
        """to_json writes one line by default; it reads back as to_dict."""
        result = ptcekit.check(ONLY_ESS)
        text = result.to_json()
        assert "\n" not in text
        assert json.loads(text) == result.to_dict()
        assert json.loads(result.to_json(indent=2)) == result.to_dict()


class TestPointer:
    @pytest.mark.parametrize(
        ("path", "expected"),
        [
            ("$", ""),
            ("$.actors[3].siren", "/actors/3/siren"),
            ("$.assets[0].owners[1].actor", "/assets/0/owners/1/actor"),
            ("$.aura:region", "/aura:region"),
        ],
    )
    def test_paths(self, path: str, expected: str) -> None:
        """A JSONPath in wire names becomes the JSON Pointer of the same place."""
        assert envelope.pointer(path) == expected
