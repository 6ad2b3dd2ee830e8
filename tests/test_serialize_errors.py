"""Tests of ptcekit.serialize's load errors: strictness, every problem at once, paths and messages."""

from __future__ import annotations

import json
import pickle
from typing import Any

import pytest

from ptcekit import model as m
from ptcekit.errors import PtcekitError
from ptcekit.serialize import LoadError, Problem, available_backends, from_dict, kind_table, loads

BACKENDS = available_backends()

BUILT_IN_ACTOR_TAGS = (
    "association, company, cooperative, foundation, grouping, mutual, person, "
    "public_body, research_body, training_body"
)
BUILT_IN_ASSET_TAGS = "immaterial_asset, shared_employee, shared_equipment, shared_fund, shared_premises, shared_service"


def listed(base: type[Any]) -> str:
    """The tags messages list for ``base``: the built-in ones plus any extension kinds loaded by other tests."""
    return kind_table(base).expected()


def problems(document: Any, backend: Any = None, **options: Any) -> list[tuple[str, str]]:
    """Load ``document`` (a dict is dumped to JSON first) and return its problems."""
    text = document if isinstance(document, str | bytes) else json.dumps(document)
    with pytest.raises(LoadError) as info:
        loads(text, backend=backend, **options)
    return [(problem.path, problem.message) for problem in info.value.problems]


def doc(**lists: Any) -> dict[str, Any]:
    """A document of format version 1 with the given lists."""
    return {"ptcekit": "1", **lists}


def person(**fields: Any) -> dict[str, Any]:
    """A person's wire object, with the given fields changed."""
    return {"type": "person", "id": "p", "name": "P", **fields}


class TestStrict:
    """Strict by default: unknown keys are errors, and no type is coerced."""

    @pytest.mark.parametrize("backend", BACKENDS)
    def test_unknown_keys_are_errors_with_their_path(self, backend: Any) -> None:
        """Every unknown key is reported at its own path, with a suggestion when one is close."""
        document = doc(
            colour="red",
            actors=[person(sirn="732829320")],
            poles=[{"id": "x", "name": "X", "memberships": [{"actor": "p", "odd key": 1}]}],
        )
        assert problems(document, backend) == [
            ("$.colour", "unknown key 'colour' for Ecosystem"),
            ("$.actors[0].sirn", "unknown key 'sirn' for person (did you mean \"siren\"?)"),
            ('$.poles[0].memberships[0]["odd key"]', "unknown key 'odd key' for Membership"),
        ]

    @pytest.mark.parametrize("backend", BACKENDS)
    def test_a_string_is_not_an_int(self, backend: Any) -> None:
        """A string "3" where an integer is expected is refused."""
        assert problems(doc(actors=[person(headcount="3")]), backend) == [
            ("$.actors[0].headcount", 'expected an integer, got "3" (a string)')
        ]

    @pytest.mark.parametrize("backend", BACKENDS)
    def test_a_number_is_not_a_string(self, backend: Any) -> None:
        """1 where a string is expected is refused."""
        assert problems(doc(actors=[person(name=1)]), backend) == [
            ("$.actors[0].name", "expected a string, got 1 (a number)")
        ]

    @pytest.mark.parametrize("backend", BACKENDS)
    def test_true_is_not_one(self, backend: Any) -> None:
        """True is not the integer 1, and 1 is not true."""
        document = doc(
            actors=[
                person(headcount=True),
                {"type": "association", "id": "a", "name": "A", "public_utility": 1},
            ]
        )
        assert problems(document, backend) == [
            ("$.actors[0].headcount", "expected an integer, got true (a boolean)"),
            ("$.actors[1].public_utility", "expected true or false, got 1 (a number)"),
        ]

    @pytest.mark.parametrize("backend", BACKENDS)
    def test_a_float_is_not_money(self, backend: Any) -> None:
        """A JSON number where an amount of money is expected is refused: it is not exact."""
        document = doc(
            actors=[
                {
                    "type": "cooperative",
                    "id": "c",
                    "name": "C",
                    "kind": "scop",
                    "capital": {"amount": 1200.5},
                }
            ]
        )
        assert problems(document, backend) == [
            (
                "$.actors[0].capital.amount",
                (
                    'expected an exact decimal written as a string, such as "1200.50", '
                    "got 1200.5 (a number): a JSON number is not exact"
                ),
            )
        ]

    @pytest.mark.parametrize("backend", BACKENDS)
    def test_an_int_is_not_money_either(self, backend: Any) -> None:
        """Even an integer amount must be written as a string."""
        assert problems(
            doc(
                actors=[
                    {
                        "type": "cooperative",
                        "id": "c",
                        "name": "C",
                        "kind": "scop",
                        "capital": {"amount": 3},
                    }
                ]
            ),
            backend,
        ) == [
            (
                "$.actors[0].capital.amount",
                (
                    'expected an exact decimal written as a string, such as "1200.50", '
                    "got 3 (a number): a JSON number is not exact"
                ),
            )
        ]

    def test_a_float_is_not_a_fraction(self) -> None:
        """A fraction must be a string such as "1/3"; 0.5 is refused."""
        document = doc(assets=[{"type": "shared_employee", "id": "e", "name": "E", "fte": 0.5}])
        assert problems(document) == [
            (
                "$.assets[0].fte",
                (
                    'expected an exact fraction written as a string, such as "1/3" or "1", '
                    "got 0.5 (a number): a JSON number is not exact"
                ),
            )
        ]

    def test_dates_are_iso_strings_of_real_days(self) -> None:
        """A date must be "YYYY-MM-DD" and a day of the calendar."""
        document = doc(
            poles=[
                {"id": "a", "name": "A", "founded": "2024-02-30"},
                {"id": "b", "name": "B", "founded": "31/01/2024"},
                {"id": "c", "name": "C", "founded": 20240131},
            ]
        )
        assert problems(document) == [
            (
                "$.poles[0].founded",
                'expected a date written as a string "YYYY-MM-DD", got "2024-02-30" (a string), which is no calendar day',
            ),
            (
                "$.poles[1].founded",
                'expected a date written as a string "YYYY-MM-DD", got "31/01/2024" (a string)',
            ),
            (
                "$.poles[2].founded",
                'expected a date written as a string "YYYY-MM-DD", got 20240131 (a number)',
            ),
        ]

    def test_enumerations_list_their_values(self) -> None:
        """An unknown enumeration value is refused, listing the values."""
        document = doc(
            poles=[{"id": "x", "name": "X", "memberships": [{"actor": "a", "role": "boss"}]}]
        )
        assert problems(document) == [
            (
                "$.poles[0].memberships[0].role",
                'expected one of "founder", "member", "partner", "lead", got "boss" (a string)',
            )
        ]

    def test_identifiers_are_in_compact_form(self) -> None:
        """The wire carries identifiers in compact form, as dumps writes them."""
        assert problems(doc(actors=[person(siren="732 829 320")])) == [
            (
                "$.actors[0].siren",
                'expected a SIREN in compact form (9 digits), got "732 829 320" (a string)',
            )
        ]

    def test_containers_have_their_json_kind(self) -> None:
        """Lists must be arrays, records objects, and null only where a field is optional."""
        document = doc(actors={"a": 1}, poles=[3], assets=None)
        assert problems(document) == [
            ("$.actors", 'expected an array, got {"a": 1} (an object)'),
            ("$.poles[0]", "expected an object (Pole), got 3 (a number)"),
            ("$.assets", "expected an array, got null"),
        ]

    def test_null_is_allowed_for_optional_fields(self) -> None:
        """An explicit null reads as the field's None."""
        eco = loads(json.dumps(doc(actors=[person(siren=None, seat=None)])))
        assert eco.actors[0] == m.Person(id="p", name="P")

    def test_missing_required_keys(self) -> None:
        """A required key that is missing is reported at its path, with what it expects."""
        assert problems(doc(actors=[{"type": "person", "id": "p"}], poles=[{"name": "P"}])) == [
            ("$.actors[0].name", "missing required key 'name' (expected a string)"),
            (
                "$.poles[0].id",
                (
                    "missing required key 'id' (expected an id of 1 to 200 letters, digits or "
                    "'_.:-' starting with a letter or digit)"
                ),
            ),
        ]


class TestPointingErrors:
    """One LoadError with every problem, each with its path and an exact message."""

    def test_load_error_is_a_ptcekit_value_error(self) -> None:
        """LoadError is both a PtcekitError and a ValueError, and survives pickling."""
        with pytest.raises(LoadError) as info:
            loads(b"[]")
        error = info.value
        assert isinstance(error, PtcekitError)
        assert isinstance(error, ValueError)
        copy = pickle.loads(pickle.dumps(error))
        assert (
            copy.problems
            == error.problems
            == (
                Problem(
                    path="$",
                    message="expected a JSON object (a ptcekit document), got [] (an array)",
                    code="LOAD002",
                ),
            )
        )
        assert str(copy) == str(error)

    @pytest.mark.parametrize("backend", BACKENDS)
    def test_model_validator_messages_are_kept(self, backend: Any) -> None:
        """Errors raised by the model's own validators come with their message at the wire path."""
        document = doc(
            actors=[{"type": "association", "id": "a", "name": "A", "siren": "732829321"}],
            poles=[
                {
                    "id": "x",
                    "name": "X",
                    "memberships": [
                        {"actor": "a", "period": {"start": "2024-05-01", "end": "2024-01-01"}}
                    ],
                }
            ],
            assets=[
                {
                    "type": "shared_fund",
                    "id": "f",
                    "name": "F",
                    "owners": [{"actor": "a", "share": {"fraction": "3/2"}}],
                }
            ],
            agreements=[
                {"id": "g", "title": "T", "kind": "partnership", "parties": [{"actor": "a"}]}
            ],
        )
        assert problems(document, backend) == [
            (
                "$.actors[0].siren",
                'expected a valid SIREN (the Luhn check digit does not match), got "732829321" (a string)',
            ),
            (
                "$.poles[0].memberships[0].period.end",
                'expected a date on or after start 2024-05-01, got "2024-01-01" (a string)',
            ),
            (
                "$.assets[0].owners[0].share.fraction",
                'expected a fraction in (0, 1], got "3/2" (a string)',
            ),
            ("$.agreements[0].parties", 'expected at least 2 distinct parties, got ["a"]'),
        ]

    def test_indexed_model_errors_point_at_the_item(self) -> None:
        """A model error on one item of a tuple points at that item."""
        document = doc(actors=[person(sirets=["73282932000074", "73282932000075"])])
        assert problems(document) == [
            (
                "$.actors[0].sirets[1]",
                (
                    "expected a valid SIRET (the Luhn check digit over the 14 digits does not match), "
                    'got "73282932000075" (a string)'
                ),
            )
        ]

    def test_duplicate_ids(self) -> None:
        """An id used twice is reported where it is used again."""
        document = doc(actors=[person(id="a"), person(id="b")], poles=[{"id": "a", "name": "P"}])
        assert problems(document) == [
            (
                "$.poles[0].id",
                'expected an id unique in the document, got "a" again ($.actors[0] has it already)',
            )
        ]

    @pytest.mark.parametrize("backend", BACKENDS)
    def test_unknown_and_missing_type_tags(self, backend: Any) -> None:
        """An unknown tag lists the kinds (and suggests the closest); a missing one too."""
        document = doc(
            actors=[
                {"type": "asociation", "id": "a", "name": "A"},
                {"id": "b", "name": "B"},
                {"type": 7, "id": "c", "name": "C"},
            ],
            assets=[{"type": "van", "id": "v", "name": "V"}],
        )
        actors = listed(m.Actor)
        assert problems(document, backend) == [
            (
                "$.actors[0].type",
                f"unknown actor type 'asociation'; expected one of: {actors} (did you mean \"association\"?)",
            ),
            ("$.actors[1].type", f"missing actor type; expected one of: {actors}"),
            (
                "$.actors[2].type",
                f"expected an actor type (a string, one of: {actors}), got 7 (a number)",
            ),
            (
                "$.assets[0].type",
                f"unknown asset type 'van'; expected one of: {listed(m.MutualisedAsset)}",
            ),
        ]

    def test_built_in_tags(self) -> None:
        """The built-in kinds' tags are snake_case and listed in order."""
        tags = [tag for tag in kind_table(m.Actor).tags if ":" not in tag]
        assert ", ".join(tags) == BUILT_IN_ACTOR_TAGS
        assets = [tag for tag in kind_table(m.MutualisedAsset).tags if ":" not in tag]
        assert ", ".join(assets) == BUILT_IN_ASSET_TAGS

    @pytest.mark.parametrize("backend", BACKENDS)
    def test_malformed_json_has_line_and_column(self, backend: Any) -> None:
        """Malformed JSON is one problem at $ with its line and column, alike with both backends."""
        text = '{"ptcekit": "1",\n"actors": [\n  {"type": "person",,}]}'
        assert problems(text, backend) == [
            (
                "$",
                "malformed JSON at line 3, column 21: Expecting property name enclosed in double quotes",
            )
        ]

    @pytest.mark.parametrize(
        ("text", "message"),
        [
            (b"\xff{}", "malformed JSON: not UTF-8 (byte 0xff at offset 0)"),
            ('{"ptcekit": NaN}', "malformed JSON: NaN is not a JSON number"),
            ("", "malformed JSON at line 1, column 1: Expecting value"),
            (
                "[" * 100_000 + "]" * 100_000,
                "expected at most 64 levels of nested arrays and objects, got more",
            ),
        ],
    )
    @pytest.mark.parametrize("backend", BACKENDS)
    def test_other_malformed_text(self, backend: Any, text: str | bytes, message: str) -> None:
        """Bytes that are not UTF-8, NaN, empty text and absurd nesting are malformed JSON."""
        assert problems(text, backend) == [("$", message)]

    def test_every_problem_of_a_record_is_reported(self) -> None:
        """Problems in several fields of one record, and model errors beside unknown keys, all come out."""
        document = doc(actors=[person(headcount=-1, extra=1), person(id="q", name=3, founded="x")])
        assert problems(document) == [
            ("$.actors[0].extra", "unknown key 'extra' for person"),
            ("$.actors[0].headcount", "expected an int >= 0, got -1 (a number)"),
            ("$.actors[1].name", "expected a string, got 3 (a number)"),
            (
                "$.actors[1].founded",
                'expected a date written as a string "YYYY-MM-DD", got "x" (a string)',
            ),
        ]

    def test_str_lists_twenty_then_counts_the_rest(self) -> None:
        """str(error) has a header, one line per problem for the first 20, then "… and N more"."""
        document = doc(actors=[person(id=f"p{i}", headcount="1") for i in range(23)])
        with pytest.raises(LoadError) as info:
            loads(json.dumps(document))
        lines = str(info.value).splitlines()
        assert len(info.value.problems) == 23
        assert lines[0] == "23 problems in the document:"
        assert lines[1] == '  $.actors[0].headcount: expected an integer, got "1" (a string)'
        assert lines[20] == '  $.actors[19].headcount: expected an integer, got "1" (a string)'
        assert lines[21:] == ["  … and 3 more"]

    def test_from_dict_reports_like_loads(self) -> None:
        """from_dict gives the same problems for the same data."""
        with pytest.raises(LoadError) as info:
            from_dict({"ptcekit": "1", "actors": [person(headcount="3")]})
        assert [str(p) for p in info.value.problems] == [
            '$.actors[0].headcount: expected an integer, got "3" (a string)'
        ]

    def test_top_level_records(self) -> None:
        """Reading one record reports at $ for its own fields."""
        with pytest.raises(LoadError) as info:
            loads('{"amount": "x"}', m.Money)
        assert [str(p) for p in info.value.problems] == [
            '$.amount: expected an exact decimal written as a string, such as "1200.50", got "x" (a string)'
        ]
        with pytest.raises(LoadError) as info:
            loads("[]", m.Actor)
        assert [str(p) for p in info.value.problems] == [
            '$: expected an actor object with a "type", got [] (an array)'
        ]
        with pytest.raises(LoadError) as info:
            loads("3", m.Membership)
        assert [str(p) for p in info.value.problems] == [
            "$: expected an object (Membership), got 3 (a number)"
        ]


class TestDescriptions:
    """How messages write the values they quote."""

    def test_model_values_in_wire_form(self) -> None:
        """Model values are quoted as the wire writes them, short."""
        from ptcekit.serialize._diagnose import describe_python

        assert describe_python(None) == "null"
        assert describe_python(True) == "true"
        assert describe_python(False) == "false"
        assert describe_python(m.MemberRole.LEAD) == '"lead"'
        assert describe_python(1.5) == "1.5"
        assert describe_python((1, 2, 3, 4, 5)) == "[1, 2, 3, 4, …]"
        assert describe_python(m.Money(amount=1)) == "{…}"
        assert describe_python(object) == "a Python type"  # never its repr, which may fail
        assert describe_python("x" * 100) == '"' + "x" * 58 + "…"
