"""Statutes, registers, meetings and resolutions: construction errors, the wire and the schema."""

from __future__ import annotations

import datetime as dt
import json
from fractions import Fraction
from pathlib import Path

import jsonschema  # type: ignore[import-untyped]  # no stubs in the test environment
import pytest
from hypothesis import given

import ptcekit
from ptcekit import (
    Association,
    Attendance,
    BodyKind,
    CollegeTally,
    Convocation,
    DecisionRule,
    Ecosystem,
    FieldTypeError,
    Governance,
    InvalidValueError,
    Majority,
    Meeting,
    Quorum,
    RegisterEntry,
    Resolution,
    Statutes,
    UnknownIdError,
    Vote,
)
from ptcekit.testing import ecosystems, meetings, statutes

DAY = dt.date(2024, 6, 12)
SCHEMA = json.loads(
    (Path(__file__).resolve().parent.parent / "schema" / "ptcekit.schema.json").read_text("utf-8")
)
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)


class TestConstruction:
    def test_an_attendance_with_a_member_twice(self) -> None:
        """A member listed twice in the attendance is refused, naming the field and the member."""
        with pytest.raises(InvalidValueError) as info:
            Meeting(
                id="ag",
                organisation="asso",
                date=DAY,
                attendance=(Attendance(member="ada"), Attendance(member="ada", mode="remote")),
            )
        assert str(info.value) == (
            "Meeting.attendance: expected each member once ('ada' is listed twice), got 'ada'"
        )

    def test_a_member_voting_twice(self) -> None:
        """Two votes by one member are refused."""
        with pytest.raises(
            InvalidValueError,
            match=r"Resolution\.votes: expected one vote per member \('ada' votes twice\)",
        ):
            Resolution(
                id="1",
                votes=(Vote(member="ada", choice="for"), Vote(member="ada", choice="against")),
            )

    def test_votes_and_tallies_together(self) -> None:
        """A resolution gives votes one by one or totals, not both."""
        with pytest.raises(
            InvalidValueError,
            match=r"Resolution\.tallies: expected no tallies when the votes are given one by one",
        ):
            Resolution(
                id="1",
                votes=(Vote(member="a", choice="for"),),
                tallies=(CollegeTally(votes_for=1),),
            )

    def test_a_tally_twice_for_one_college(self) -> None:
        """Two tallies for one college are refused."""
        with pytest.raises(
            InvalidValueError, match=r"Resolution\.tallies: expected one tally per college"
        ):
            Resolution(id="1", tallies=(CollegeTally(college="A"), CollegeTally(college="A")))

    def test_resolutions_with_one_id(self) -> None:
        """Two resolutions with one id are refused."""
        with pytest.raises(
            InvalidValueError, match=r"Meeting\.resolutions: expected resolutions with distinct ids"
        ):
            Meeting(
                id="ag",
                organisation="a",
                date=DAY,
                resolutions=(Resolution(id="1"), Resolution(id="1")),
            )

    @pytest.mark.parametrize(
        ("kwargs", "expected"),
        [
            (
                {"mode": "represented"},
                "Attendance.proxy: expected the id of the member holding the proxy, got None",
            ),
            (
                {"proxy": "bob"},
                "Attendance.proxy: expected no proxy for a member present, got 'bob'",
            ),
            (
                {"mode": "represented", "proxy": "ada"},
                "Attendance.proxy: expected another member than the one represented, got 'ada'",
            ),
        ],
    )
    def test_proxies(self, kwargs: dict[str, str], expected: str) -> None:
        """A represented member names another member as proxy; others name none."""
        with pytest.raises(InvalidValueError) as info:
            Attendance(member="ada", **kwargs)  # type: ignore[arg-type]  # keyword fields
        assert str(info.value) == expected

    def test_bad_values_name_the_field(self) -> None:
        """Wrong enums, fractions and counts name the class and the field."""
        with pytest.raises(
            InvalidValueError,
            match=r"Vote\.choice: expected a VoteChoice \(one of 'for', 'against', 'abstain', 'blank'\), got 'maybe'",
        ):
            Vote(member="a", choice="maybe")
        with pytest.raises(
            InvalidValueError, match=r"Quorum\.share: expected a fraction in \(0, 1\]"
        ):
            Quorum(share="3/2")
        with pytest.raises(InvalidValueError, match=r"Majority\.share"):
            Majority(share=0)
        with pytest.raises(
            InvalidValueError, match=r"CollegeTally\.against: expected an int >= 0, got -1"
        ):
            CollegeTally(against=-1)
        with pytest.raises(FieldTypeError, match=r"Meeting\.date: expected a datetime\.date"):
            Meeting(id="ag", organisation="a", date="2024-06-12")  # type: ignore[arg-type]  # the wrong type is the test
        with pytest.raises(
            InvalidValueError, match=r"RegisterEntry\.bodies\[0\]: expected a BodyKind"
        ):
            RegisterEntry(member="a", bodies=("council",))  # type: ignore[arg-type]  # the wrong value is the test
        with pytest.raises(
            FieldTypeError, match=r"RegisterEntry\.bodies: expected a tuple of body kinds"
        ):
            RegisterEntry(member="a", bodies="board")  # type: ignore[arg-type]  # the wrong type is the test

    def test_statutes_with_one_rule_twice(self) -> None:
        """Two rules for one body and kind are refused."""
        with pytest.raises(
            InvalidValueError,
            match=r"Statutes\.rules: expected one rule per body and kind \(general_assembly / ordinary is repeated\)",
        ):
            Statutes(rules=(DecisionRule(), DecisionRule(majority=Majority(share="2/3"))))

    def test_rule_look_ups(self) -> None:
        """A rule gives its quorum and majority per convocation."""
        rule = DecisionRule(
            quorum=Quorum(share="1/4"),
            majority=Majority(share="2/3", strict=False),
            second_majority=Majority(),
        )
        assert rule.quorum_for(Convocation.SECOND) is None
        assert rule.majority_for(Convocation.FIRST).share == Fraction(2, 3)
        assert rule.majority_for(Convocation.SECOND) == Majority()
        assert Statutes(rules=(rule,)).rule_for(BodyKind.BOARD, "ordinary") is None
        assert (
            str(Majority(share="2/3", strict=False, base="all_members"))
            == "at least 2/3 of the all members"
        )

    def test_meeting_look_ups(self) -> None:
        """A meeting finds its resolutions by id; an ecosystem its meetings."""
        meet = Meeting(id="ag", organisation="asso", date=DAY, resolutions=(Resolution(id="1"),))
        eco = Ecosystem(actors=(Association(id="asso", name="A"),), meetings=(meet,))
        assert eco.meeting("ag").resolution("1").id == "1"
        assert eco.get("ag") is meet
        assert len(eco) == 2
        with pytest.raises(UnknownIdError):
            meet.resolution("2")
        with pytest.raises(UnknownIdError):
            eco.meeting("asso")
        assert repr(eco) == "Ecosystem(actors=1, poles=0, assets=0, agreements=0, meetings=1)"
        assert repr(Ecosystem()) == "Ecosystem(actors=0, poles=0, assets=0, agreements=0)"
        assert eco.add(Meeting(id="ag2", organisation="asso", date=DAY)).meetings[-1].id == "ag2"

    def test_a_meeting_id_is_unique_in_the_document(self) -> None:
        """A meeting's id may not be an actor's."""
        with pytest.raises(ptcekit.DuplicateIdError):
            Ecosystem(
                actors=(Association(id="ag", name="A"),),
                meetings=(Meeting(id="ag", organisation="ag", date=DAY),),
            )


class TestWire:
    def test_an_old_governance_keeps_loading(self) -> None:
        """A governance with only quorum and majority loads as before, with no statutes."""
        doc = {
            "ptcekit": "1",
            "actors": [
                {
                    "type": "association",
                    "id": "a",
                    "name": "A",
                    "governance": {"quorum": "1/4", "majority": "1/2"},
                }
            ],
        }
        eco = ptcekit.from_dict(doc)
        governance = eco.actor("a").governance
        assert governance == Governance(quorum="1/4", majority="1/2")
        assert governance.statutes is None
        assert ptcekit.to_dict(eco) == doc

    def test_junk_in_a_meeting_is_a_load_error_with_its_path(self) -> None:
        """A bad vote choice deep in a meeting is reported with its path."""
        doc = {
            "ptcekit": "1",
            "meetings": [
                {
                    "id": "ag",
                    "organisation": "a",
                    "date": "2024-06-12",
                    "resolutions": [{"id": "1", "votes": [{"member": "a", "choice": "maybe"}]}],
                }
            ],
        }
        with pytest.raises(ptcekit.LoadError) as info:
            ptcekit.from_dict(doc)
        assert info.value.problems[0].path == "$.meetings[0].resolutions[0].votes[0].choice"

    @given(ecosystems(max_actors=4, max_poles=1, max_assets=0, max_agreements=0, max_meetings=3))
    def test_documents_with_meetings_round_trip_and_validate(self, eco: Ecosystem) -> None:
        """Meetings round-trip through JSON and their dump validates against the shipped schema."""
        text = ptcekit.dumps(eco)
        assert ptcekit.loads(text) == eco
        data = json.loads(text)
        VALIDATOR.validate(data)

    @given(meetings(), statutes())
    def test_values_round_trip(self, meet: Meeting, found: Statutes) -> None:
        """A meeting and statutes alone round-trip through the wire."""
        assert ptcekit.from_dict(ptcekit.to_dict(meet), Meeting) == meet
        assert ptcekit.from_dict(ptcekit.to_dict(found), Statutes) == found
