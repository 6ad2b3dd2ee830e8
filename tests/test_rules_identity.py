"""Identity rules ID001–ID005: SIRET and SIREN, catégorie juridique, ESS claims, RNA."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

import attrs
import pytest

from ptcekit.model import (
    Actor,
    Association,
    Company,
    Cooperative,
    Ecosystem,
    EsusApproval,
    Foundation,
    Grouping,
    Mutual,
    Organisation,
    Period,
    Person,
    PublicBody,
    ResearchBody,
    Sector,
    TrainingBody,
)
from ptcekit.rules import builtin_rules, validate


def _run(code: str, *actors: Actor) -> list[tuple[str, str, str]]:
    report = validate(
        Ecosystem(actors=actors), rules=builtin_rules().select(code), as_of=dt.date(2024, 6, 30)
    )
    return [(f.path, f.severity.value, f.message) for f in report]


@attrs.frozen(kw_only=True)
class RegionalNetwork(Organisation):
    """An extension actor kind, defined outside ptcekit."""

    type_tag: ClassVar[str] = "rulestest:regional_network"

    @property
    def sector(self) -> Sector:
        """ESS."""
        return Sector.ESS


class TestSiretSiren:
    """ID001."""

    def test_message(self) -> None:
        """The finding names both SIRENs."""
        company = Company(id="c", name="C", siren="732829320", sirets=("35600000000048",))
        assert _run("ID001", company) == [
            ("$.actors[0].sirets[0]", "error", "SIRET 35600000000048 of actor 'c' belongs to SIREN 356000000, not to the actor's SIREN 732829320"),
        ]  # fmt: skip

    def test_no_siren(self) -> None:
        """An actor with SIRETs and no SIREN is not checked."""
        assert _run("ID001", Company(id="c", name="C", sirets=("35600000000048",))) == []


class TestCategoryKind:
    """ID002."""

    @pytest.mark.parametrize(
        ("actor", "fires"),
        [
            (Foundation(id="x", name="X", legal_category="9300"), False),
            (Foundation(id="x", name="X", legal_category="9220"), True),
            (Mutual(id="x", name="X", legal_category="8210"), False),
            (Mutual(id="x", name="X", legal_category="5499"), True),
            (Cooperative(id="x", name="X", kind="scop", legal_category="5458"), False),
            (Cooperative(id="x", name="X", kind="scop", legal_category="5499"), True),
            (Company(id="x", name="X", legal_category="9220"), True),
            (PublicBody(id="x", name="X", kind="commune", legal_category="7210"), False),
            (PublicBody(id="x", name="X", kind="commune", legal_category="9220"), True),
            (ResearchBody(id="x", name="X", legal_status="public", legal_category="7383"), False),
            (
                ResearchBody(id="x", name="X", legal_status="association", legal_category="7383"),
                True,
            ),
            (TrainingBody(id="x", name="X", legal_status="company", legal_category="5710"), False),
            (Grouping(id="x", name="X", kind="gie", legal_category="6220"), False),
            (Grouping(id="x", name="X", kind="gie", legal_category="9223"), True),
            (Grouping(id="x", name="X", kind="employer_group", legal_category="9223"), False),
            (Grouping(id="x", name="X", kind="employer_group", legal_category="5460"), False),
            (Grouping(id="x", name="X", kind="gip", legal_category="7410"), False),
            (Person(id="x", name="X", legal_category="1000"), False),
            (Person(id="x", name="X", legal_category="9220"), True),
            (RegionalNetwork(id="x", name="X", legal_category="5710"), False),
            (Association(id="x", name="X"), False),
        ],
    )
    def test_kinds(self, actor: Actor, fires: bool) -> None:
        """Each kind accepts the families of its legal forms."""
        assert [path for path, _, _ in _run("ID002", actor)] == (
            ["$.actors[0].legal_category"] if fires else []
        )

    def test_message(self) -> None:
        """The message names the kind, the code, its label and family, and what fits."""
        grouping = Grouping(id="ge", name="GE", kind="employer_group", legal_category="6220")
        assert _run("ID002", grouping)[0][2] == (
            "actor 'ge' is a grouping of kind employer_group, but its catégorie juridique 6220 "
            "(Groupement d'intérêt économique (GIE)) is of the grouping family; expected "
            "association or cooperative"
        )
        person = Person(id="p", name="P", legal_category="9220")
        assert _run("ID002", person)[0][2].endswith("is of the association family; expected 1000")


class TestUnknownCategory:
    """ID003."""

    def test_message(self) -> None:
        """A code outside the table is reported as info."""
        assert _run("ID003", Company(id="c", name="C", legal_category="5462")) == [
            ("$.actors[0].legal_category", "info", "catégorie juridique 5462 of actor 'c' is not in ptcekit's table of the INSEE nomenclature, so its agreement with the actor's kind is not checked"),
        ]  # fmt: skip
        # INSEE's current codes are in the table now: 2800, 5310 and foreign-law 3xxx are silent
        for code in ("2800", "5310", "3120", "0000"):
            assert _run("ID003", Company(id="c", name="C", legal_category=code)) == []
        assert _run("ID003", Company(id="c", name="C")) == []


class TestEsusWithoutStatutes:
    """ID004."""

    def test_company_without_esus(self) -> None:
        """A company without an agrément and without ESS statutes is simply private."""
        assert _run("ID004", Company(id="c", name="C")) == []

    def test_by_right(self) -> None:
        """An agrément « de plein droit » also requires art. 1."""
        esus = EsusApproval(period=Period(start=dt.date(2020, 1, 1)), by_right=True)
        assert [p for p, _, _ in _run("ID004", Company(id="c", name="C", esus=esus))] == [
            "$.actors[0].ess_statutes"
        ]


class TestRna:
    """ID005."""

    @pytest.mark.parametrize(
        ("actor", "fires"),
        [
            (Grouping(id="x", name="X", kind="employer_group", rna="W261000001"), False),
            (Grouping(id="x", name="X", kind="gie", rna="W261000001"), True),
            (TrainingBody(id="x", name="X", legal_status="association", rna="W261000001"), False),
            (ResearchBody(id="x", name="X", legal_status="public", rna="W261000001"), True),
            (PublicBody(id="x", name="X", kind="commune", rna="W261000001"), True),
            (Association(id="x", name="X", local_law=True), False),
        ],
    )
    def test_holders(self, actor: Actor, fires: bool) -> None:
        """Associations and association-form bodies may have an RNA number."""
        assert [path for path, _, _ in _run("ID005", actor)] == (
            ["$.actors[0].rna"] if fires else []
        )
