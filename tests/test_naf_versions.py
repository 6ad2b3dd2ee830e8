"""The NAF version of an actor's activity code: construction, wire form, schema and strategies."""

from __future__ import annotations

import json

import jsonschema  # type: ignore[import-untyped]  # no stubs in the test environment
import pytest
from hypothesis import given

from ptcekit import testing
from ptcekit.errors import InvalidValueError, LoadError
from ptcekit.identifiers import NafVersion, naf
from ptcekit.model import Association, Company, Ecosystem
from ptcekit.serialize import dumps, json_schema, loads


class TestActorNafVersion:
    def test_default_is_rev2(self) -> None:
        """An actor's NAF code is rév. 2 unless it says otherwise."""
        actor = Company(id="c", name="C", naf="8899b")
        assert (actor.naf, actor.naf_version) == ("88.99B", NafVersion.REV2)

    def test_naf2025_code_with_its_version(self) -> None:
        """A NAF 2025 code is accepted with naf_version '2025', given as a string or the enum."""
        assert Company(id="c", name="C", naf="46.87Y", naf_version="2025").naf == "46.87Y"
        actor = Association(id="a", name="A", naf="0148g", naf_version=NafVersion.NAF2025)
        assert (actor.naf, actor.naf_version) == ("01.48G", NafVersion.NAF2025)

    @pytest.mark.parametrize(
        ("fields", "message"),
        [
            (
                {"naf": "46.87Y"},
                (
                    "Company.naf: expected a valid NAF rév. 2 code (class 46.87 does not exist in"
                    " NAF rév. 2), got '46.87Y'"
                ),
            ),
            (
                {"naf": "04.11Z"},
                (
                    "Company.naf: expected a valid NAF rév. 2 code (division 04 does not exist in"
                    " NAF rév. 2), got '04.11Z'"
                ),
            ),
            (
                {"naf": "62.01A"},
                (
                    "Company.naf: expected a valid NAF rév. 2 code (not a sous-classe of NAF rév. 2:"
                    " class 62.01 has 62.01Z), got '62.01A'"
                ),
            ),
            (
                {"naf": "45.11Z", "naf_version": "2025"},
                (
                    "Company.naf: expected a valid NAF 2025 code (division 45 does not exist in"
                    " NAF 2025 (NACE rév. 2.1)), got '45.11Z'"
                ),
            ),
            (
                {"naf": "88.9B", "naf_version": "2025"},
                (
                    "Company.naf: expected a valid NAF code (expected 6 characters as in '88.99B'"
                    " (5 without the dot), got 5), got '88.9B'"
                ),
            ),
            (
                {"naf": "88.99B", "naf_version": "2008"},
                "Company.naf_version: expected a NafVersion (one of 'rev2', '2025'), got '2008'",
            ),
        ],
    )
    def test_refusals_name_the_field_and_the_check(
        self, fields: dict[str, str], message: str
    ) -> None:
        """A code wrong for its version is refused on 'naf', saying which check failed."""
        with pytest.raises(InvalidValueError) as info:
            Company(id="c", name="C", **fields)  # type: ignore[arg-type]
        assert str(info.value) == message

    def test_version_without_code(self) -> None:
        """A version with no code is kept: it says which nomenclature a later code will use."""
        assert Company(id="c", name="C", naf_version="2025").naf_version is NafVersion.NAF2025


class TestWire:
    def test_round_trip_and_default_left_out(self) -> None:
        """naf_version is written as its value, left out when rév. 2, and read back."""
        eco = Ecosystem(
            actors=(
                Company(id="a", name="A", naf="46.87Y", naf_version="2025"),
                Company(id="b", name="B", naf="88.99B"),
            )
        )
        data = json.loads(dumps(eco))
        assert data["actors"][0]["naf_version"] == "2025"
        assert "naf_version" not in data["actors"][1]
        assert loads(dumps(eco)) == eco
        jsonschema.validate(data, json_schema())

    def test_load_errors_point_at_naf(self) -> None:
        """A code wrong for its version is reported at the actor's 'naf' path."""
        document = {
            "ptcekit": "1",
            "actors": [
                {"type": "company", "id": "a", "name": "A", "naf": "46.87Y"},
                {"type": "company", "id": "b", "name": "B", "naf": "45.11Z", "naf_version": "2025"},
                {"type": "company", "id": "c", "name": "C", "naf": "46.87Y", "naf_version": "x"},
            ],
        }
        with pytest.raises(LoadError) as info:
            loads(json.dumps(document))
        text = str(info.value)
        assert (
            '$.actors[0].naf: expected a valid NAF rév. 2 code (class 46.87 does not exist in NAF rév. 2), got "46.87Y"'
            in text
        )
        assert "$.actors[1].naf: expected a valid NAF 2025 code (division 45 does not exist" in text
        assert "$.actors[2].naf_version:" in text

    def test_schema_lists_the_versions(self) -> None:
        """The schema's NafVersion is the enumeration of the two versions."""
        schema = json_schema()
        assert schema["$defs"]["NafVersion"]["enum"] == ["rev2", "2025"]


class TestStrategies:
    @given(testing.naf_codes("2025"))
    def test_naf2025_codes(self, code: str) -> None:
        """naf_codes('2025') gives codes NAF 2025 accepts."""
        assert naf.is_valid(code, "2025")

    @given(testing.naf_codes())
    def test_rev2_codes(self, code: str) -> None:
        """naf_codes() gives real NAF rév. 2 sous-classes."""
        assert code in naf.REV2_SOUS_CLASSES

    @given(testing.companies())
    def test_actors_carry_a_consistent_version(self, company: Company) -> None:
        """Generated actors' codes are valid in their own version."""
        if company.naf is not None:
            assert naf.is_valid(company.naf, company.naf_version)
