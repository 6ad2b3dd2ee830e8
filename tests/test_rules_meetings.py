"""The MEET rules: recorded outcomes, non-member votes, quorum, proxies, SCIC colleges at meetings."""

from __future__ import annotations

import datetime as dt

from ptcekit import (
    Attendance,
    Company,
    Ecosystem,
    Governance,
    Meeting,
    RegisterEntry,
    Resolution,
    Severity,
    Vote,
    builtin_rules,
    validate,
)

DAY = dt.date(2024, 6, 12)
MEET = builtin_rules().select("MEET")


def sa_meeting(*, recorded: str, present: tuple[str, ...] = ("b", "c")) -> Ecosystem:
    """An SA whose shareholders b (300) and c (100) vote for and against."""
    register = tuple(
        RegisterEntry(member=m, shares=n) for m, n in {"a": 600, "b": 300, "c": 100}.items()
    )
    owner = Company(id="sa", name="SA", form="sa", governance=Governance(register=register))
    votes = tuple(Vote(member=m, choice="for" if m == "c" else "against") for m in present)
    meet = Meeting(
        id="ag",
        organisation="sa",
        date=DAY,
        attendance=tuple(Attendance(member=m) for m in present),
        resolutions=(Resolution(id="1", votes=votes, recorded=recorded),),
    )
    return Ecosystem(actors=(owner,), meetings=(meet,))


class TestMeetingRules:
    def test_a_finding_on_an_unconfirmed_preset_is_a_warning(self) -> None:
        """MEET001 on the SA preset (not confirmed) is a warning, with the figures and the source."""
        report = validate(sa_meeting(recorded="adopted"), rules=MEET, as_of=DAY)
        [finding] = report.findings
        assert (finding.code, finding.severity) == ("MEET001", Severity.WARNING)
        assert finding.path == "$.meetings[0].resolutions[0].recorded"
        assert finding.subject == "ag"
        assert finding.message == (
            "resolution '1' of meeting 'ag' is recorded as adopted, but the reckoning finds it "
            "rejected: 100 for out of 400, more than 1/2 of the votes cast required "
            "[Code de commerce, art. L225-98, al. 2 and 3]"
        )

    def test_a_record_that_agrees_passes(self) -> None:
        """A resolution recorded as rejected that the reckoning rejects gives no finding."""
        assert validate(sa_meeting(recorded="rejected"), rules=MEET, as_of=DAY).findings == ()

    def test_quorum_on_an_unconfirmed_preset_is_a_warning(self) -> None:
        """MEET003 on the SA quorum of 1/5 of the capital is a warning."""
        report = validate(sa_meeting(recorded="rejected", present=("c",)), rules=MEET, as_of=DAY)
        assert [(f.code, f.severity) for f in report.findings] == [("MEET003", Severity.WARNING)]
        assert "100/1000 of the capital took part, 1/5 required" in report.findings[0].message

    def test_a_meeting_that_cannot_be_reckoned_is_noted(self) -> None:
        """A meeting of an unknown organisation is reported by MEET006 and not reckoned."""
        meet = Meeting(id="ag", organisation="nobody", date=DAY, resolutions=(Resolution(id="1"),))
        report = validate(Ecosystem(meetings=(meet,)), rules=MEET, as_of=DAY)
        assert [(f.code, f.path) for f in report.findings] == [
            ("MEET006", "$.meetings[0].organisation")
        ]
        [note] = report.unchecked
        assert note.code == "MEET001"
        assert note.path == "$.meetings[0].resolutions[0]"
        assert "Meeting.organisation: expected the id of an organisation or pôle" in note.reason

    def test_the_examples_report_each_problem_once(self) -> None:
        """Proxies and college bounds are reported once per meeting, not per resolution."""
        [rule] = builtin_rules().select("MEET004")
        eco = rule.failing_example.build()
        meet = eco.meetings[0]
        doubled = Meeting(
            id=meet.id,
            organisation=meet.organisation,
            date=meet.date,
            attendance=meet.attendance,
            resolutions=(*meet.resolutions, Resolution(id="2")),
        )
        report = validate(Ecosystem(actors=eco.actors, meetings=(doubled,)), rules=MEET, as_of=DAY)
        codes = [f.code for f in report.findings]
        assert codes.count("MEET004") == 1
        assert codes.count("MEET005") == 1
        assert codes.count("MEET002") == 1
