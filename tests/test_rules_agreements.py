"""Agreement rules AGR001–AGR003."""

from __future__ import annotations

import datetime as dt

from ptcekit.model import (
    Association,
    Commitment,
    Ecosystem,
    PartnershipAgreement,
    Party,
    Period,
    PublicBody,
    ResearchBody,
    SharedEquipment,
)
from ptcekit.rules import Report, Severity, builtin_rules, validate

DAY = dt.date(2024, 6, 30)
ACTORS = (
    Association(id="a", name="A"),
    Association(id="b", name="B"),
    PublicBody(id="region", name="Région", kind="region"),
    ResearchBody(id="lab", name="Lab", legal_status="public"),
)


def _run(
    code: str, *agreements: PartnershipAgreement, assets: tuple[SharedEquipment, ...] = ()
) -> list[tuple[str, str, str]]:
    eco = Ecosystem(actors=ACTORS, agreements=agreements, assets=assets)
    report = validate(eco, rules=builtin_rules().select(code), as_of=DAY)
    return [(f.path, f.severity.value, f.message) for f in report]


def _report(
    code: str, *agreements: PartnershipAgreement, assets: tuple[SharedEquipment, ...] = ()
) -> Report:
    eco = Ecosystem(actors=ACTORS, agreements=agreements, assets=assets)
    return validate(eco, rules=builtin_rules().select(code), as_of=DAY)


def _agreement(*parties: str, **fields: object) -> PartnershipAgreement:
    fields.setdefault("kind", "public_funding")
    return PartnershipAgreement(
        id="g",
        title="G",
        parties=tuple(Party(actor=p) for p in parties),
        **fields,  # type: ignore[arg-type]
    )


class TestPublicFunder:
    """AGR001."""

    def test_public_sector_parties(self) -> None:
        """Any public-sector actor is a public funder; other kinds are not checked."""
        assert _run("AGR001", _agreement("a", "lab")) == []
        assert [p for p, _, _ in _run("AGR001", _agreement("a", "b"))] == [
            "$.agreements[0].parties"
        ]
        assert _run("AGR001", _agreement("a", "b", kind="partnership")) == []

    def test_unknown_party(self) -> None:
        """An undeclared party might be the funder: left to REF001."""
        assert _run("AGR001", _agreement("a", "ghost")) == []

    def test_a_heuristic_warning(self) -> None:
        """No public party is a warning citing loi n° 2000-321, since intermediaries channel public money."""
        [finding] = _report("AGR001", _agreement("a", "b")).findings
        assert (finding.code, finding.severity, finding.path) == (
            "AGR001",
            Severity.WARNING,
            "$.agreements[0].parties",
        )
        assert finding.message == (
            "agreement 'g' is a public-funding agreement, but none of its parties (a, b) is a "
            "public body: check who grants the money, or whether a private-law intermediary "
            "channels it"
        )
        assert finding.source is not None
        assert finding.source.startswith("Loi n° 2000-321 du 12 avril 2000, art. 9-1 and 10")
        assert finding.url == "https://www.legifrance.gouv.fr/loda/id/JORFTEXT000000215117"
        assert finding.law is None


class TestAssetAgreementEnded:
    """AGR002."""

    def test_periods(self) -> None:
        """No period, no end, or an end on or after the date: in force."""
        asset = (SharedEquipment(id="van", name="Van", agreement="g"),)
        ended = Period(start=dt.date(2020, 1, 1), end=dt.date(2024, 6, 29))
        assert [
            p for p, _, _ in _run("AGR002", _agreement("a", "b", period=ended), assets=asset)
        ] == ["$.assets[0].agreement"]
        assert _run("AGR002", _agreement("a", "b"), assets=asset) == []
        no_term = _report("AGR002", _agreement("a", "b"), assets=asset)
        assert [(u.code, u.path, u.subject) for u in no_term.unchecked] == [
            ("AGR002", "$.assets[0].agreement", "van")
        ]
        assert no_term.unchecked[0].reason == (
            "asset 'van' is governed by agreement 'g', whose term is not recorded: whether it "
            "is still in force is unknown"
        )
        assert (
            _run(
                "AGR002",
                _agreement("a", "b", period=Period(start=dt.date(2020, 1, 1))),
                assets=asset,
            )
            == []
        )
        today = Period(start=dt.date(2020, 1, 1), end=DAY)
        assert _run("AGR002", _agreement("a", "b", period=today), assets=asset) == []
        unknown = (SharedEquipment(id="van", name="Van", agreement="ghost"),)
        assert _run("AGR002", _agreement("a", "b", period=ended), assets=unknown) == []
        assert (
            _run(
                "AGR002",
                _agreement("a", "b", period=ended),
                assets=(SharedEquipment(id="van", name="Van"),),
            )
            == []
        )


class TestCommitmentsInTerm:
    """AGR003."""

    def _term(
        self, renewal: str, start: dt.date, end: dt.date | None
    ) -> list[tuple[str, str, str]]:
        agreement = _agreement(
            "a",
            "region",
            period=Period(start=dt.date(2023, 1, 1), end=dt.date(2025, 12, 31)),
            renewal=renewal,
            commitments=(
                Commitment(party="region", kind="service", period=Period(start=start, end=end)),
                Commitment(party="a", kind="service"),
            ),
        )
        return _run("AGR003", agreement)

    def test_tacit_renewal(self) -> None:
        """With tacit renewal a commitment may run past the end, never before the start."""
        assert self._term("tacit", dt.date(2023, 1, 1), None) == []
        assert self._term("tacit", dt.date(2022, 1, 1), None) == [
            ("$.agreements[0].commitments[0].period", "warning", "commitment 0 of agreement 'g' runs 2022-01-01 → …, outside the agreement's term 2023-01-01 → …"),
        ]  # fmt: skip
        assert len(self._term("none", dt.date(2023, 1, 1), None)) == 1

    def test_no_term(self) -> None:
        """An agreement with no period bounds nothing: its dated commitments could not be checked."""
        commitment = Commitment(party="a", kind="service", period=Period(start=dt.date(1990, 1, 1)))
        report = _report("AGR003", _agreement("a", "b", commitments=(commitment,)))
        assert report.findings == ()
        assert [(u.code, u.path, u.reason) for u in report.unchecked] == [
            ("AGR003", "$.agreements[0]", "agreement 'g' has dated commitments, but its own term is not recorded"),
        ]  # fmt: skip
        undated = Commitment(party="a", kind="service")
        assert _report("AGR003", _agreement("a", "b", commitments=(undated,))).complete
