"""The reckoning of meetings: hand-computed cases, presets, errors, displays and properties."""

from __future__ import annotations

import datetime as dt
import json
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ptcekit import (
    Association,
    Attendance,
    Body,
    College,
    CollegeTally,
    Company,
    Cooperative,
    DecisionRule,
    Ecosystem,
    Governance,
    InvalidValueError,
    Majority,
    Meeting,
    Membership,
    Period,
    Pole,
    Quorum,
    RegisterEntry,
    Resolution,
    Statutes,
    UnknownIdError,
    Vote,
)
from ptcekit.governance import (
    PRESETS,
    Preset,
    PresetVersion,
    Verdict,
    decide,
    preset,
)
from ptcekit.rules import builtin_rules
from ptcekit.testing import attendances, majorities

DAY = dt.date(2024, 6, 12)


def association(
    *members: str, statutes: Statutes | None = None, **governance: object
) -> Association:
    """An association whose register lists ``members``, always in force."""
    register = tuple(RegisterEntry(member=m) for m in members)
    return Association(
        id="asso",
        name="Asso",
        governance=Governance(register=register, statutes=statutes, **governance),  # type: ignore[arg-type]  # keyword fields of Governance
    )


def meeting(
    *present: str,
    votes: dict[str, str] | None = None,
    organisation: str = "asso",
    kind: str = "ordinary",
    convocation: str = "first",
    attendance: tuple[Attendance, ...] = (),
    tallies: tuple[CollegeTally, ...] = (),
    recorded: str | None = None,
    day: dt.date = DAY,
) -> Meeting:
    """A meeting with ``present`` members in the room and one resolution '1'."""
    resolution = Resolution(
        id="1",
        kind=kind,
        votes=tuple(Vote(member=m, choice=c) for m, c in (votes or {}).items()),
        tallies=tallies,
        recorded=recorded,
    )
    return Meeting(
        id="ag",
        organisation=organisation,
        date=day,
        convocation=convocation,
        attendance=tuple(Attendance(member=m) for m in present) + attendance,
        resolutions=(resolution,),
    )


def reckon(owner: object, meet: Meeting) -> object:
    eco = Ecosystem(actors=(owner,), meetings=(meet,))  # type: ignore[arg-type]  # an actor
    return decide(eco, "ag", "1")


class TestOneMemberOneVote:
    def test_simple_majority_of_votes_cast(self) -> None:
        """Three for, one against, one abstention: 3/4 of the votes cast, adopted."""
        owner = association("a", "b", "c", "d", "e", statutes=Statutes(rules=(DecisionRule(),)))
        votes = {"a": "for", "b": "for", "c": "for", "d": "against", "e": "abstain"}
        outcome = reckon(owner, meeting("a", "b", "c", "d", "e", votes=votes))
        assert outcome.verdict is Verdict.ADOPTED
        assert (outcome.votes_for, outcome.base) == (3, 4)

    @pytest.mark.parametrize(
        ("majority", "expected", "base"),
        [
            (Majority(), Verdict.ADOPTED, 3),
            (Majority(abstentions="against"), Verdict.REJECTED, 5),
            (Majority(base="present_and_represented"), Verdict.REJECTED, 5),
            (Majority(base="all_members"), Verdict.REJECTED, 6),
        ],
    )
    def test_abstentions_counted_each_way(
        self, majority: Majority, expected: Verdict, base: int
    ) -> None:
        """Two for, one against, two abstain: adopted only when abstentions are left out."""
        owner = association(
            "a",
            "b",
            "c",
            "d",
            "e",
            "f",
            statutes=Statutes(rules=(DecisionRule(majority=majority),)),
        )
        votes = {"a": "for", "b": "for", "c": "against", "d": "abstain", "e": "abstain"}
        outcome = reckon(owner, meeting("a", "b", "c", "d", "e", votes=votes))
        assert outcome.verdict is expected
        assert outcome.base == base

    def test_blank_votes_counted_against(self) -> None:
        """Blank ballots weigh against when the statutes count them among the votes cast."""
        votes = {"a": "for", "b": "blank", "c": "blank"}
        plain = association("a", "b", "c", statutes=Statutes(rules=(DecisionRule(),)))
        strict = association(
            "a",
            "b",
            "c",
            statutes=Statutes(rules=(DecisionRule(majority=Majority(blanks="against")),)),
        )
        assert reckon(plain, meeting("a", "b", "c", votes=votes)).verdict is Verdict.ADOPTED
        assert reckon(strict, meeting("a", "b", "c", votes=votes)).verdict is Verdict.REJECTED

    def test_unanimity(self) -> None:
        """Unanimity of the members: one absent member is enough to reject."""
        unanimity = Majority(share=1, strict=False, base="all_members")
        owner = association(
            "a", "b", "c", statutes=Statutes(rules=(DecisionRule(majority=unanimity),))
        )
        votes = {"a": "for", "b": "for"}
        assert reckon(owner, meeting("a", "b", votes=votes)).verdict is Verdict.REJECTED
        votes["c"] = "for"
        assert reckon(owner, meeting("a", "b", "c", votes=votes)).verdict is Verdict.ADOPTED

    def test_a_member_whose_membership_ended_the_day_before_is_refused_by_name(self) -> None:
        """A vote by a member who left the day before is set aside, named, and invalidates."""
        register = (
            RegisterEntry(member="a"),
            RegisterEntry(member="b"),
            RegisterEntry(member="zoe", period=Period(end=DAY - dt.timedelta(days=1))),
        )
        owner = Association(id="asso", name="Asso", governance=Governance(register=register))
        votes = {"a": "for", "b": "against", "zoe": "for"}
        outcome = reckon(owner, meeting("a", "b", "zoe", votes=votes, recorded="adopted"))
        assert outcome.verdict is Verdict.INVALID
        refused = [r for r in outcome.reasons if r.invalidates]
        assert [(r.code, r.member) for r in refused] == [("not_a_member", "zoe")]
        assert (
            "'zoe', who was not a member of the general assembly on 2024-06-12"
            in refused[0].message
        )
        assert [v.member for v in outcome.register] == ["a", "b"]
        assert (outcome.votes_for, outcome.base) == (1, 2)
        assert outcome.agrees_with_record is False

    def test_a_vote_by_someone_absent_is_set_aside(self) -> None:
        """A member on the register who did not take part cannot vote."""
        owner = association("a", "b")
        outcome = reckon(owner, meeting("a", votes={"a": "for", "b": "for"}))
        assert [(r.code, r.member) for r in outcome.reasons] == [("not_taking_part", "b")]
        assert outcome.verdict is Verdict.INVALID

    def test_a_pole_counts_its_memberships(self) -> None:
        """A pôle without a register votes by its memberships in force on the day."""
        pole = Pole(
            id="pole",
            name="Pôle",
            memberships=(
                Membership(actor="a"),
                Membership(actor="a", role="founder"),
                Membership(actor="b", period=Period(start=DAY + dt.timedelta(days=1))),
            ),
        )
        eco = Ecosystem(
            poles=(pole,),
            meetings=(meeting("a", "b", organisation="pole", votes={"a": "for", "b": "against"}),),
        )
        outcome = decide(eco, eco.meeting("ag"), "1")
        assert [v.member for v in outcome.register] == ["a"]
        assert outcome.reasons[0].code == "not_a_member"
        assert outcome.verdict is Verdict.INVALID


class TestQuorumAndProxies:
    def statutes(self, quorum: Quorum, limit: int | None = None) -> Statutes:
        return Statutes(rules=(DecisionRule(quorum=quorum),), proxies_per_holder=limit)

    def test_represented_and_remote_members_count_as_the_statutes_say(self) -> None:
        """Two of four in the room, one remote, one represented: the quorum of 3/4 depends on what counts."""
        attendance = (
            Attendance(member="c", mode="remote"),
            Attendance(member="d", mode="represented", proxy="a"),
        )
        meet = meeting("a", "b", attendance=attendance, votes={"a": "for", "d": "for"})
        counted = {
            (True, True): Verdict.ADOPTED,
            (True, False): Verdict.ADOPTED,
            (False, True): Verdict.ADOPTED,
            (False, False): Verdict.INVALID,
        }
        for (represented, remote), expected in counted.items():
            quorum = Quorum(share="3/4", represented=represented, remote=remote)
            outcome = reckon(association("a", "b", "c", "d", statutes=self.statutes(quorum)), meet)
            assert outcome.verdict is expected, (represented, remote)
        quorum = Quorum(share="3/4", represented=False, remote=False)
        outcome = reckon(association("a", "b", "c", "d", statutes=self.statutes(quorum)), meet)
        assert (outcome.quorum.counted, outcome.quorum.total, outcome.quorum.met) == (2, 4, False)
        assert (
            "quorum not met on first convocation: 2/4 of the members took part, 3/4 required"
            in outcome.reasons[0].message
        )

    def test_too_many_proxies(self) -> None:
        """A holder with two proxies when the statutes allow one invalidates, by name."""
        attendance = (
            Attendance(member="b", mode="represented", proxy="a"),
            Attendance(member="c", mode="represented", proxy="a"),
        )
        owner = association(
            "a", "b", "c", statutes=Statutes(rules=(DecisionRule(),), proxies_per_holder=1)
        )
        outcome = reckon(
            owner, meeting("a", attendance=attendance, votes={"a": "for", "b": "for", "c": "for"})
        )
        assert outcome.verdict is Verdict.INVALID
        assert [(r.code, r.member) for r in outcome.reasons] == [("too_many_proxies", "a")]
        assert (
            outcome.reasons[0].message == "'a' holds 2 proxies, more than the 1 the statutes allow"
        )
        assert [v.proxy for v in outcome.register] == [None, "a", "a"]

    def test_a_proxy_to_an_absent_holder_is_void(self) -> None:
        """A member represented by someone who did not come counts as absent."""
        attendance = (Attendance(member="b", mode="represented", proxy="c"),)
        owner = association("a", "b", "c", statutes=self.statutes(Quorum(share="1/2")))
        outcome = reckon(owner, meeting("a", attendance=attendance, votes={"a": "for"}))
        assert [(r.code, r.invalidates) for r in outcome.reasons] == [
            ("proxy_holder_absent", False),
            ("quorum_not_met", True),
        ]
        assert outcome.quorum.counted == 1


class TestWeightedColleges:
    def scic(self, weights: tuple[str | None, ...] = ("1/2", "1/4", "1/4")) -> Cooperative:
        names = ("A", "B", "C")
        register = (
            RegisterEntry(member="a1", college="A"),
            RegisterEntry(member="a2", college="A"),
            RegisterEntry(member="b1", college="B"),
            RegisterEntry(member="b2", college="B"),
            RegisterEntry(member="b3", college="B"),
            RegisterEntry(member="c1", college="C"),
        )
        governance = Governance(
            voting="weighted_colleges",
            colleges=tuple(College(name=n, weight=w) for n, w in zip(names, weights, strict=True)),
            register=register,
        )
        return Cooperative(id="scic", name="SCIC", kind="scic", governance=governance)

    def test_adopted_in_most_colleges_but_rejected_once_weighted(self) -> None:
        """B and C adopt, A rejects: 0 × 1/2 + 1 × 1/4 + 1 × 1/4 = 1/2, not more than half."""
        votes = {"a1": "against", "a2": "against", "b1": "for", "c1": "for"}
        everyone = ("a1", "a2", "b1", "b2", "b3", "c1")
        outcome = reckon(self.scic(), meeting(*everyone, organisation="scic", votes=votes))
        assert [r.result for r in outcome.colleges] == [0, 1, 1]
        assert [r.contribution for r in outcome.colleges] == [0, Fraction(1, 4), Fraction(1, 4)]
        assert (outcome.votes_for, outcome.base) == (Fraction(1, 2), 1)
        assert outcome.verdict is Verdict.REJECTED

    def test_rejected_in_most_colleges_but_adopted_once_weighted(self) -> None:
        """A adopts, B and C reject: 1 × 1/2 + 1/3 × 1/4 + 0 = 7/12."""
        votes = {
            "a1": "for",
            "a2": "for",
            "b1": "for",
            "b2": "against",
            "b3": "against",
            "c1": "against",
        }
        everyone = ("a1", "a2", "b1", "b2", "b3", "c1")
        outcome = reckon(self.scic(), meeting(*everyone, organisation="scic", votes=votes))
        assert [r.result for r in outcome.colleges] == [1, Fraction(1, 3), 0]
        assert outcome.votes_for == Fraction(7, 12)
        assert outcome.verdict is Verdict.ADOPTED

    def test_a_college_with_no_votes_drops_out(self) -> None:
        """When C casts no vote, A and B share the whole: (1/2 + 1/4) is the base."""
        votes = {"a1": "for", "b1": "against"}
        outcome = reckon(self.scic(), meeting("a1", "b1", organisation="scic", votes=votes))
        assert outcome.base == Fraction(3, 4)
        assert outcome.share == Fraction(2, 3)
        assert outcome.verdict is Verdict.ADOPTED

    def test_equal_colleges_when_no_weight_is_given(self) -> None:
        """Colleges without weights weigh a third each, and the SCIC bounds do not apply."""
        outcome = reckon(
            self.scic((None, None, None)), meeting("a1", organisation="scic", votes={"a1": "for"})
        )
        assert [r.weight for r in outcome.colleges] == [Fraction(1, 3)] * 3
        assert outcome.reasons == ()

    def test_scic_weights_outside_the_legal_bounds(self) -> None:
        """A SCIC college of 3/5 makes the vote invalid (loi 1947, art. 19 octies)."""
        outcome = reckon(
            self.scic(("3/5", "1/5", "1/5")),
            meeting("a1", organisation="scic", votes={"a1": "for"}),
        )
        assert outcome.verdict is Verdict.INVALID
        assert [r.code for r in outcome.reasons] == ["college_weights"]
        assert "college 'A' weighs 3/5, outside [1/10, 1/2]" in outcome.reasons[0].message

    def test_tallies_per_college(self) -> None:
        """Totals per college are weighted as member votes would be."""
        tallies = (
            CollegeTally(college="A", votes_for=2),
            CollegeTally(college="B", votes_for=1, against=2),
            CollegeTally(college="C", against=1),
        )
        everyone = ("a1", "a2", "b1", "b2", "b3", "c1")
        outcome = reckon(self.scic(), meeting(*everyone, organisation="scic", tallies=tallies))
        assert outcome.votes_for == Fraction(7, 12)
        too_many = (CollegeTally(college="C", votes_for=2),)
        outcome = reckon(self.scic(), meeting(*everyone, organisation="scic", tallies=too_many))
        assert [r.code for r in outcome.reasons] == ["tally_too_large"]

    def test_a_tally_for_an_unknown_college_is_an_error(self) -> None:
        """A tally naming a college the reckoning does not count is refused, naming the field."""
        tallies = (CollegeTally(college="Z", votes_for=1),)
        with pytest.raises(InvalidValueError, match=r"CollegeTally\.college: expected a college"):
            reckon(self.scic(), meeting("a1", organisation="scic", tallies=tallies))

    def test_a_member_without_a_college_is_an_error(self) -> None:
        """Under weighted colleges, a register line without a college is refused, naming the member."""
        scic = self.scic()
        register = (*scic.governance.register, RegisterEntry(member="x"))
        broken = Cooperative(
            id="scic", name="SCIC", kind="scic",
            governance=Governance(voting="weighted_colleges", colleges=scic.governance.colleges, register=register),
        )  # fmt: skip
        with pytest.raises(InvalidValueError, match=r"RegisterEntry\.college: .*member 'x'"):
            reckon(broken, meeting("a1", organisation="scic"))


class TestCapital:
    def sa(self, **shares: int) -> Company:
        register = tuple(RegisterEntry(member=m, shares=n) for m, n in shares.items())
        return Company(id="sa", name="SA", form="sa", governance=Governance(register=register))

    def test_capital_weighted_vote_under_the_sa_preset(self) -> None:
        """Shares of 300 for and 100 against out of 400 present: 3/4, adopted."""
        owner = self.sa(a=600, b=300, c=100)
        outcome = reckon(
            owner, meeting("b", "c", organisation="sa", votes={"b": "for", "c": "against"})
        )
        assert outcome.quorum.counted == 400
        assert outcome.quorum.total == 1000
        assert (outcome.votes_for, outcome.base) == (300, 400)
        assert outcome.verdict is Verdict.ADOPTED
        assert outcome.confidence == "unconfirmed"
        assert outcome.basis == "preset since loi n° 2019-744"

    def test_first_and_second_convocation(self) -> None:
        """An extraordinary meeting with a tenth of the capital fails the quorum of 1/4, then of 1/5."""
        owner = self.sa(a=600, b=300, c=100)
        for convocation in ("first", "second"):
            meet = meeting(
                "c",
                organisation="sa",
                kind="extraordinary",
                convocation=convocation,
                votes={"c": "for"},
            )
            outcome = reckon(owner, meet)
            assert outcome.verdict is Verdict.INVALID
            assert outcome.quorum.required.share == (
                Fraction(1, 4) if convocation == "first" else Fraction(1, 5)
            )
        meet = meeting(
            "b",
            "c",
            organisation="sa",
            kind="extraordinary",
            convocation="second",
            votes={"b": "for", "c": "against"},
        )
        outcome = reckon(owner, meet)
        assert outcome.quorum.met
        assert outcome.verdict is Verdict.ADOPTED  # 300/400 = 3/4, at least 2/3

    def test_abstentions_before_and_after_2019(self) -> None:
        """An abstention counted against before loi n° 2019-744, left out since."""
        owner = self.sa(a=600, b=300, c=100)
        votes = {"b": "abstain", "c": "for"}
        before = reckon(
            owner, meeting("b", "c", organisation="sa", votes=votes, day=dt.date(2018, 6, 1))
        )
        since = reckon(owner, meeting("b", "c", organisation="sa", votes=votes))
        assert (before.verdict, before.base) == (Verdict.REJECTED, 400)
        assert (since.verdict, since.base) == (Verdict.ADOPTED, 100)

    def test_vote_cap(self) -> None:
        """A cap of a quarter of the capital brings 600 and 300 shares down to 250 votes."""
        register = tuple(
            RegisterEntry(member=m, shares=n) for m, n in {"a": 600, "b": 300, "c": 100}.items()
        )
        rule = DecisionRule(voting="capital_weighted", vote_cap="1/4")
        owner = Company(
            id="sa",
            name="SA",
            form="sas",
            governance=Governance(register=register, statutes=Statutes(rules=(rule,))),
        )
        outcome = reckon(
            owner,
            meeting(
                "a", "b", "c", organisation="sa", votes={"a": "for", "b": "against", "c": "against"}
            ),
        )
        assert outcome.register[0].weight == 250
        assert [v.weight for v in outcome.register] == [250, 250, 100]
        assert (outcome.votes_for, outcome.base) == (250, 600)
        assert outcome.verdict is Verdict.REJECTED

    def test_sarl_ordinary_first_and_second_consultation(self) -> None:
        """35 parts of 100 fail the absolute majority of the capital, then pass the votes cast."""
        register = tuple(
            RegisterEntry(member=m, shares=n) for m, n in {"a": 40, "b": 35, "c": 25}.items()
        )
        owner = Company(
            id="sarl", name="SARL", form="sarl", governance=Governance(register=register)
        )
        votes = {"b": "for", "c": "against"}
        first = reckon(owner, meeting("b", "c", organisation="sarl", votes=votes))
        second = reckon(
            owner, meeting("b", "c", organisation="sarl", votes=votes, convocation="second")
        )
        assert (first.verdict, first.base) == (Verdict.REJECTED, 100)
        assert (second.verdict, second.share) == (Verdict.ADOPTED, Fraction(35, 60))

    def test_shares_are_needed(self) -> None:
        """Capital-weighted votes need every voter's shares; the error names the member."""
        with pytest.raises(InvalidValueError, match=r"RegisterEntry\.shares: .*member 'a'"):
            reckon(self.sa(a=None), meeting("a", organisation="sa"))  # type: ignore[arg-type]  # the missing shares are the test

    def test_quorum_on_capital_needs_shares(self) -> None:
        """A quorum counted on capital under one member one vote needs the shares too."""
        statutes = Statutes(rules=(DecisionRule(quorum=Quorum(share="1/2", basis="capital")),))
        owner = association("a", statutes=statutes)
        with pytest.raises(InvalidValueError, match=r"RegisterEntry\.shares: .*quorum on capital"):
            reckon(owner, meeting("a"))

    def test_quorum_on_votes(self) -> None:
        """A quorum on votes weighs each member by shares under capital-weighted voting."""
        register = (RegisterEntry(member="a", shares=3), RegisterEntry(member="b", shares=1))
        rule = DecisionRule(voting="capital_weighted", quorum=Quorum(share="1/2", basis="votes"))
        owner = Association(
            id="asso",
            name="A",
            governance=Governance(register=register, statutes=Statutes(rules=(rule,))),
        )
        assert reckon(owner, meeting("b", votes={"b": "for"})).quorum.met is False
        assert reckon(owner, meeting("a", votes={"a": "for"})).quorum.met is True


class TestStatutesChosen:
    def test_legacy_quorum_and_majority_keep_working(self) -> None:
        """A governance with one quorum and one majority applies them to every kind."""
        owner = association("a", "b", "c", quorum="2/3", majority="2/3")
        outcome = reckon(
            owner, meeting("a", "b", kind="extraordinary", votes={"a": "for", "b": "against"})
        )
        assert outcome.basis == "governance"
        assert outcome.quorum.met is True
        assert outcome.majority == Majority(share=Fraction(2, 3), strict=False)
        assert outcome.verdict is Verdict.REJECTED

    def test_a_kind_the_body_cannot_decide(self) -> None:
        """Statutes that give the assembly only ordinary resolutions make an extraordinary one invalid."""
        owner = association(
            "a", statutes=Statutes(rules=(DecisionRule(),), source="Statuts, art. 12")
        )
        outcome = reckon(owner, meeting("a", kind="extraordinary", votes={"a": "for"}))
        assert outcome.verdict is Verdict.INVALID
        assert outcome.reasons[0].message == (
            "the general assembly has no power to decide extraordinary resolutions under Statuts, art. 12"
        )

    def test_statutes_given_to_decide_take_precedence(self) -> None:
        """decide(statutes=...) applies those statutes."""
        owner = association("a", "b")
        eco = Ecosystem(
            actors=(owner,), meetings=(meeting("a", "b", votes={"a": "for", "b": "against"}),)
        )
        unanimity = Statutes(rules=(DecisionRule(majority=Majority(share=1, strict=False)),))
        assert decide(eco, "ag", "1").verdict is Verdict.REJECTED
        outcome = decide(
            eco,
            "ag",
            "1",
            statutes=Statutes(rules=(DecisionRule(majority=Majority(share="1/2", strict=False)),)),
        )
        assert (outcome.verdict, outcome.basis) == (Verdict.ADOPTED, "statutes given")
        assert decide(eco, "ag", "1", statutes=unanimity).verdict is Verdict.REJECTED

    def test_a_board_decides_with_its_own_members(self) -> None:
        """A board meeting counts only the register lines that sit on the board."""
        register = (RegisterEntry(member="a", bodies=("board",)), RegisterEntry(member="b"))
        board = Governance(bodies=(Body(kind="board"),), register=register, majority="1/2")
        owner = Association(id="asso", name="A", governance=board)
        meet = Meeting(
            id="ag", organisation="asso", body="board", date=DAY,
            attendance=(Attendance(member="a"),),
            resolutions=(Resolution(id="1", votes=(Vote(member="a", choice="for"),)),),
        )  # fmt: skip
        outcome = reckon(owner, meet)
        assert [v.member for v in outcome.register] == ["a"]
        assert outcome.verdict is Verdict.ADOPTED


class TestErrors:
    def test_a_body_the_organisation_does_not_have(self) -> None:
        """A meeting of a body the governance does not declare is refused, naming the field."""
        meet = Meeting(
            id="ag", organisation="asso", body="board", date=DAY, resolutions=(Resolution(id="1"),)
        )
        with pytest.raises(InvalidValueError) as info:
            reckon(association("a"), meet)
        assert str(info.value) == (
            "Meeting.body: expected a body 'asso' has (general_assembly), got 'board'"
        )

    def test_an_unknown_organisation(self) -> None:
        """A meeting of an id that is not an organisation or pôle is refused."""
        eco = Ecosystem(meetings=(meeting("a", organisation="nobody"),))
        with pytest.raises(
            InvalidValueError,
            match=r"Meeting\.organisation: expected the id of an organisation or pôle",
        ):
            decide(eco, "ag", "1")

    def test_unknown_meeting_and_resolution_ids(self) -> None:
        """Unknown ids raise UnknownIdError."""
        eco = Ecosystem(actors=(association("a"),), meetings=(meeting("a"),))
        with pytest.raises(UnknownIdError):
            decide(eco, "nope", "1")
        with pytest.raises(UnknownIdError):
            decide(eco, "ag", "nope")

    def test_two_register_lines_in_force(self) -> None:
        """A member with two lines in force on the day is refused."""
        register = (RegisterEntry(member="a"), RegisterEntry(member="a", college="x"))
        owner = Association(id="asso", name="A", governance=Governance(register=register))
        with pytest.raises(
            InvalidValueError, match=r"Governance\.register: expected at most one line per member"
        ):
            reckon(owner, meeting("a"))


class TestPresets:
    def test_every_preset_cites_its_article_and_link(self) -> None:
        """Every version names an article and a Légifrance link, with a confidence."""
        for found in PRESETS.values():
            for version in found.versions:
                assert "art." in version.source or version is PRESETS["default"].latest
                assert version.url.startswith("https://www.legifrance.gouv.fr/")
                assert version.confidence in ("confirmed", "reading", "unconfirmed")
                assert version.note

    def test_code_de_commerce_presets_are_unconfirmed(self) -> None:
        """The SA and SARL presets say their text was not confirmed."""
        for name in ("sa", "sarl"):
            assert {v.confidence for v in PRESETS[name].versions} == {"unconfirmed"}
            assert "not confirmed" in PRESETS[name].latest.note

    @pytest.mark.parametrize("name", ["sas", "association"])
    def test_no_preset_for_associations_and_sas(self, name: str) -> None:
        """Asking for an association's or an SAS's preset is a clear error."""
        with pytest.raises(
            InvalidValueError, match=r"preset\.name: .*there is none for an? (SAS|association)"
        ):
            preset(name)

    def test_unknown_preset(self) -> None:
        """An unknown name lists the presets."""
        with pytest.raises(InvalidValueError, match="a preset among 'sa', 'sarl'"):
            preset("gie")

    def test_dated_versions(self) -> None:
        """The SARL preset's extraordinary majority is 3/4 before 2005, 2/3 since."""
        old = preset("sarl", dt.date(2000, 1, 1)).statutes.rule_for(
            "general_assembly", "extraordinary"
        )
        new = preset("sarl", dt.date(2010, 1, 1)).statutes.rule_for(
            "general_assembly", "extraordinary"
        )
        assert (old.majority.share, new.majority.share) == (Fraction(3, 4), Fraction(2, 3))

    def test_a_day_no_version_covers(self) -> None:
        """A preset asked for a day none of its versions covers says so."""
        version = PresetVersion(
            label="since 2020", start=dt.date(2020, 1, 1), statutes=Statutes(),
            source="x, art. 1", url="https://www.legifrance.gouv.fr/", confidence="reading",
        )  # fmt: skip
        with pytest.raises(InvalidValueError, match=r"Preset\.on: expected a day one version"):
            Preset(name="p", title="p", versions=(version,)).on(dt.date(2019, 1, 1))

    def test_a_bad_confidence(self) -> None:
        """A preset version's confidence is one of the rules engine's words."""
        with pytest.raises(InvalidValueError, match="confidence"):
            PresetVersion(label="x", statutes=Statutes(), source="s", url="u", confidence="high")


class TestDisplays:
    def outcome(self) -> object:
        rules = (DecisionRule(quorum=Quorum(share="1/2")),)
        owner = association("a", "b", statutes=Statutes(rules=rules, source="Statuts <art. 3>"))
        votes = {"a": "for", "b": "against"}
        return reckon(owner, meeting("a", "b", votes=votes, recorded="adopted"))

    def test_text(self) -> None:
        """The text shows each step and the verdict against the minutes."""
        text = self.outcome().to_text()
        assert "quorum (first convocation, 1/2 of the members): 2 of 2 took part, 1: met" in text
        assert (
            "total: 1 for out of 2: 1/2 (50.00 %); required more than 1/2 of the votes cast: not reached"
            in text
        )
        assert text.endswith("verdict: REJECTED (DISAGREES with the minutes: adopted)")
        assert str(self.outcome()) == text

    def test_json(self) -> None:
        """to_dict is JSON-ready, with exact fractions as strings."""
        data = self.outcome().to_dict()
        assert json.loads(json.dumps(data)) == data
        assert data["verdict"] == "rejected"
        assert data["colleges"][0]["result"] == "1/2"
        assert data["quorum"] == {
            "share": "1/2",
            "basis": "members",
            "counted": "2",
            "total": "2",
            "met": True,
        }

    def test_html_escapes(self) -> None:
        """The notebook display escapes every text."""
        page = self.outcome()._repr_html_()
        assert "Statuts &lt;art. 3&gt;" in page
        assert "<art. 3>" not in page
        assert '<strong style="color: #9a6700">rejected</strong>' in page


# --- properties -----------------------------------------------------------------


@st.composite
def cases(
    draw: st.DrawFn,
) -> tuple[
    Ecosystem, dict[str, tuple[str | None, int]], dict[str, str], Majority, str, dict[str, Fraction]
]:
    """A register, the members present, their votes and a majority, with no quorum."""
    scheme = draw(st.sampled_from(["one_member_one_vote", "weighted_colleges", "capital_weighted"]))
    n = draw(st.integers(min_value=1, max_value=8))
    members = [f"m{i}" for i in range(n)]
    names = ["A", "B", "C"][: draw(st.integers(min_value=1, max_value=3))]
    raw = [draw(st.integers(min_value=1, max_value=5)) for _ in names]
    weights = {name: Fraction(w, sum(raw)) for name, w in zip(names, raw, strict=True)}
    register = {
        m: (draw(st.sampled_from(names)), draw(st.integers(min_value=0, max_value=20)))
        for m in members
    }
    present = draw(st.lists(st.sampled_from(members), unique=True))
    choices = {
        m: draw(st.sampled_from(["for", "against", "abstain", "blank"]))
        for m in present
        if draw(st.booleans())
    }
    majority = draw(majorities())
    governance = Governance(
        voting=scheme,
        colleges=tuple(College(name=c, weight=w) for c, w in weights.items()),
        register=tuple(
            RegisterEntry(member=m, college=c, shares=s) for m, (c, s) in register.items()
        ),
        statutes=Statutes(rules=(DecisionRule(majority=majority),)),
    )
    owner = Association(id="asso", name="A", governance=governance)
    eco = Ecosystem(actors=(owner,), meetings=(meeting(*present, votes=choices),))
    return eco, register, choices, majority, scheme, weights


def brute_force(
    register: dict[str, tuple[str | None, int]],
    choices: dict[str, str],
    present: set[str],
    majority: Majority,
    scheme: str,
    weights: dict[str, Fraction],
) -> tuple[bool, Fraction | None]:
    """Count by hand: per college the part for, weighted; whether the majority is reached."""
    colleges = sorted(weights) if scheme == "weighted_colleges" else [None]
    parts: list[tuple[Fraction, Fraction]] = []  # (weight, part for) of each college with a base
    for college in colleges:
        inside = [m for m, (c, _) in register.items() if college is None or c == college]

        def votes_of(m: str) -> Fraction:
            return Fraction(register[m][1]) if scheme == "capital_weighted" else Fraction(1)

        pro = sum((votes_of(m) for m in inside if choices.get(m) == "for"), Fraction(0))
        if majority.base.value == "all_members":
            base = sum((votes_of(m) for m in inside), Fraction(0))
        elif majority.base.value == "present_and_represented":
            base = sum((votes_of(m) for m in inside if m in present), Fraction(0))
        else:
            counted = {"for", "against"}
            if majority.abstentions.value == "against":
                counted.add("abstain")
            if majority.blanks.value == "against":
                counted.add("blank")
            base = sum((votes_of(m) for m in inside if choices.get(m) in counted), Fraction(0))
        if base:
            parts.append((weights[college] if college else Fraction(1), pro / base))
    total = sum((w for w, _ in parts), Fraction(0))
    if not total:
        return False, None
    share = sum((w * p for w, p in parts), Fraction(0)) / total
    reached = share > majority.share if majority.strict else share >= majority.share
    return reached, share


class TestProperties:
    @given(cases())
    def test_the_reckoning_agrees_with_a_brute_force_count(self, case: tuple) -> None:
        """For generated registers and votes, decide() agrees with a count written apart."""
        eco, register, choices, majority, scheme, weights = case
        outcome = decide(eco, "ag", "1")
        present = {a.member for a in eco.meeting("ag").attendance}
        reached, share = brute_force(register, choices, present, majority, scheme, weights)
        assert outcome.reached is reached
        assert outcome.share == share
        assert outcome.verdict is (Verdict.ADOPTED if reached else Verdict.REJECTED)

    @given(cases(), st.randoms(use_true_random=False))
    def test_the_outcome_never_depends_on_the_order_of_votes(
        self, case: tuple, random: object
    ) -> None:
        """Shuffling the votes and the attendance leaves the outcome unchanged."""
        eco = case[0]
        meet = eco.meeting("ag")
        votes = list(meet.resolutions[0].votes)
        attendance = list(meet.attendance)
        random.shuffle(votes)  # type: ignore[attr-defined]  # a random.Random
        random.shuffle(attendance)  # type: ignore[attr-defined]  # a random.Random
        shuffled = Meeting(
            id="ag", organisation="asso", date=meet.date, attendance=tuple(attendance),
            resolutions=(Resolution(id="1", votes=tuple(votes)),),
        )  # fmt: skip
        other = Ecosystem(actors=eco.actors, meetings=(shuffled,))
        assert decide(other, "ag", "1").to_dict() == decide(eco, "ag", "1").to_dict()


class TestMoreDisplaysAndFallbacks:
    def test_a_full_outcome_reads_well(self) -> None:
        """Colleges, proxies, absences and reasons all show in text and HTML."""
        [rule] = builtin_rules().select("MEET001")
        eco = rule.failing_example.build()
        outcome = decide(eco, "ag-2024", "1")
        text = outcome.to_text()
        assert "  bea [salariés]: weight 1, represented by ada, voted against" in text
        assert "  eli [soutiens]: weight 1, absent" in text
        assert "quorum (first convocation, 1/2 of the members): 3 of 5 took part" in text
        assert "reason: 'ada' holds 2 proxies, more than the 1 the statutes allow" in text
        page = outcome._repr_html_()
        assert page.count("<li>") == len(outcome.reasons)
        assert "<td>salariés</td>" in page
        assert (
            "<tr><td>bea</td><td>salariés</td><td>1</td><td>represented by ada</td><td>against</td></tr>"
            in page
        )

    def test_a_scic_without_colleges_votes_one_member_one_vote(self) -> None:
        """The SCIC preset falls back to one associé, one vote when no college is declared."""
        owner = Cooperative(
            id="scic", name="S", kind="scic",
            governance=Governance(register=(RegisterEntry(member="a"), RegisterEntry(member="b"))),
        )  # fmt: skip
        outcome = reckon(owner, meeting("a", "b", organisation="scic", votes={"a": "for"}))
        assert outcome.voting.value == "one_member_one_vote"
        assert outcome.quorum is None
        assert "quorum: none required on first convocation" in outcome.to_text()
        assert outcome.agrees_with_record is None
        assert outcome.verdict is Verdict.ADOPTED

    @given(attendances(member_ids=["a", "b", "c"]), attendances())
    def test_attendance_strategies(self, chosen: Attendance, free: Attendance) -> None:
        """Drawn attendances name members of the pool, and never themselves as proxy."""
        assert chosen.member in {"a", "b", "c"}
        assert chosen.proxy in {None, "a", "b", "c"}
        assert chosen.proxy != chosen.member
        assert free.proxy != free.member


class TestEdges:
    def test_a_quorum_of_zero_is_no_quorum(self) -> None:
        """A governance quorum of 0 requires nothing."""
        outcome = reckon(association("a", "b", quorum=0), meeting("a", votes={"a": "for"}))
        assert outcome.quorum is None
        assert outcome.verdict is Verdict.ADOPTED

    def test_tallies_without_attendance(self) -> None:
        """Totals are taken as they are when the attendance is not recorded."""
        tallies = (CollegeTally(votes_for=2, against=1),)
        outcome = reckon(association("a", "b", "c"), meeting(tallies=tallies))
        assert outcome.reasons == ()
        assert (outcome.votes_for, outcome.base, outcome.verdict) == (2, 3, Verdict.ADOPTED)
