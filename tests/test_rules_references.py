"""Reference rules REF001–REF005: every id resolves to a record of the right kind."""

from __future__ import annotations

import datetime as dt

from ptcekit.model import (
    Allocation,
    Association,
    Commitment,
    Company,
    CostSharingKey,
    Ecosystem,
    Grouping,
    KeyShare,
    Membership,
    Ownership,
    PartnershipAgreement,
    Party,
    Pole,
    Share,
    SharedEmployee,
)
from ptcekit.rules import builtin_rules, validate


def _run(code: str, eco: Ecosystem) -> list[tuple[str, str, str]]:
    report = validate(eco, rules=builtin_rules().select(code), as_of=dt.date(2024, 6, 30))
    return [(f.path, f.severity.value, f.message) for f in report]


def _everything_points_at(target: str) -> Ecosystem:
    return Ecosystem(
        actors=(
            Association(id="archer", name="Archer"),
            Company(id="roux", name="Roux"),
            Grouping(id="ge", name="GE", kind="employer_group", members=("archer", target)),
        ),
        poles=(
            Pole(
                id="pole-sud",
                name="Pôle Sud",
                lead=target,
                legal_vehicle=target,
                memberships=(Membership(actor=target),),
            ),
        ),
        assets=(
            SharedEmployee(
                id="agent",
                name="Agent",
                employer=target,
                owners=(Ownership(actor=target, share=Share.of(1)),),
                users=(Allocation(actor=target),),
                cost_key=CostSharingKey(
                    method="fixed", shares=(KeyShare(actor=target, fraction=1),)
                ),
            ),
        ),
        agreements=(
            PartnershipAgreement(
                id="convention",
                title="Convention",
                kind="partnership",
                parties=(Party(actor="archer"), Party(actor=target)),
                commitments=(Commitment(party=target, kind="service"),),
            ),
        ),
    )


class TestActorReferences:
    """REF001."""

    def test_every_place_an_actor_id_is_used(self) -> None:
        """Each reference to an actor is checked where it is, in document order."""
        paths = [path for path, _, _ in _run("REF001", _everything_points_at("pole-sud"))]
        assert paths == [
            "$.actors[2].members[1]",
            "$.poles[0].lead",
            "$.poles[0].legal_vehicle",
            "$.poles[0].memberships[0].actor",
            "$.assets[0].cost_key.shares[0].actor",
            "$.assets[0].employer",
            "$.assets[0].owners[0].actor",
            "$.assets[0].users[0].actor",
            "$.agreements[0].commitments[0].party",
            "$.agreements[0].parties[1].actor",
        ]

    def test_message_names_the_wrong_kind(self) -> None:
        """An id of a pôle used as an actor is reported with where the pôle is."""
        found = _run("REF001", _everything_points_at("pole-sud"))
        assert found[2] == (
            "$.poles[0].legal_vehicle",
            "error",
            (
                "the legal vehicle of pôle 'pole-sud' refers to 'pole-sud', which is a pôle "
                "($.poles[0]); expected an actor"
            ),
        )
        assert found[-1][2] == (
            "a party to agreement 'convention' refers to 'pole-sud', which is a pôle "
            "($.poles[0]); expected an actor"
        )

    def test_message_for_an_undeclared_id(self) -> None:
        """An id declared nowhere is reported as such."""
        found = _run("REF001", _everything_points_at("nobody"))
        assert found[0] == (
            "$.actors[2].members[1]",
            "error",
            (
                "grouping 'ge''s member list refers to 'nobody', which is not declared in the "
                "document; expected an actor"
            ),
        )
        assert len(found) == 10

    def test_resolved(self) -> None:
        """Nothing is reported when every id names an actor."""
        assert _run("REF001", _everything_points_at("roux")) == []


class TestOtherReferences:
    """REF002–REF005."""

    def test_no_pole_no_agreement(self) -> None:
        """Records that name no pôle or agreement have nothing to resolve."""
        eco = Ecosystem(
            actors=(Association(id="a", name="A"), Association(id="b", name="B")),
            agreements=(
                PartnershipAgreement(
                    id="c",
                    title="C",
                    kind="partnership",
                    parties=(Party(actor="a"), Party(actor="b")),
                ),
            ),
            assets=(SharedEmployee(id="e", name="E"),),
            poles=(Pole(id="p", name="P"),),
        )
        assert _run("REF002", eco) == []
        assert _run("REF004", eco) == []
        assert [path for path, _, _ in _run("PTCE005", eco)] == ["$.poles[0]"]

    def test_agreement_pole(self) -> None:
        """An agreement's pôle must be a pôle; an asset's agreement must be an agreement."""
        eco = Ecosystem(
            actors=(Association(id="a", name="A"), Association(id="b", name="B")),
            agreements=(
                PartnershipAgreement(
                    id="c",
                    title="C",
                    kind="partnership",
                    pole="a",
                    parties=(Party(actor="a"), Party(actor="b")),
                ),
            ),
            assets=(SharedEmployee(id="e", name="E", agreement="a", pole="c"),),
        )
        assert _run("REF002", eco) == [
            ("$.assets[0].pole", "error", "asset 'e' refers to 'c', which is an agreement ($.agreements[0]); expected a pôle"),
            ("$.agreements[0].pole", "error", "agreement 'c' refers to 'a', which is an actor ($.actors[0]); expected a pôle"),
        ]  # fmt: skip
        assert _run("REF004", eco) == [
            ("$.assets[0].agreement", "error", "asset 'e' refers to 'a', which is an actor ($.actors[0]); expected an agreement"),
        ]  # fmt: skip

    def test_commitment_asset_of_the_wrong_kind(self) -> None:
        """A commitment's asset must be an asset."""
        eco = Ecosystem(
            actors=(Association(id="a", name="A"), Association(id="b", name="B")),
            agreements=(
                PartnershipAgreement(
                    id="c",
                    title="C",
                    kind="partnership",
                    parties=(Party(actor="a"), Party(actor="b")),
                    commitments=(
                        Commitment(party="a", kind="asset_use", asset="b"),
                        Commitment(party="c", kind="service"),
                    ),
                ),
            ),
        )
        assert _run("REF003", eco) == [
            ("$.agreements[0].commitments[0].asset", "error", "a commitment of agreement 'c' refers to 'b', which is an actor ($.actors[1]); expected an asset"),
        ]  # fmt: skip
        assert _run("REF005", eco) == [
            ("$.agreements[0].commitments[1].party", "error", "commitment 1 of agreement 'c' is made by 'c', who is not a party to it (parties: a, b)"),
        ]  # fmt: skip
