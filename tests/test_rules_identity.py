"""Identity rules ID001–ID007: SIRET and SIREN, catégorie juridique, ESS claims, RNA, GIE, public bodies."""

from __future__ import annotations

import datetime as dt
import enum
import re
from typing import ClassVar

import attrs
import pytest

from ptcekit.identifiers import legal_category
from ptcekit.identifiers.legal_category import LegalCategory
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
from ptcekit.rules import Report, builtin_rules, validate


def _report(code: str, *actors: Actor) -> Report:
    return validate(
        Ecosystem(actors=actors), rules=builtin_rules().select(code), as_of=dt.date(2024, 6, 30)
    )


def _run(code: str, *actors: Actor) -> list[tuple[str, str, str]]:
    return [(f.path, f.severity.value, f.message) for f in _report(code, *actors)]


def _unchecked(code: str, *actors: Actor) -> list[tuple[str, str]]:
    return [(u.path, u.reason) for u in _report(code, *actors).unchecked]


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


class FutureFamily(enum.StrEnum):
    """A family ID002 does not know, as the foreign-law family of a newer table."""

    FOREIGN = "foreign"


class TestUnknownFamily:
    """ID002 with a family it cannot match to a kind of actor."""

    def test_unchecked_not_reported(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """A code of an unknown family is listed as not checked, never reported."""
        foreign = LegalCategory(
            code="3120",
            label="Société commerciale étrangère",
            family=FutureFamily.FOREIGN,  # type: ignore[arg-type]  # a family a newer table may add
        )
        monkeypatch.setattr(legal_category, "is_valid", lambda code: code == "3120")
        monkeypatch.setattr(legal_category, "lookup", lambda code: foreign)
        company = Company(id="c", name="C", legal_category="3120")
        assert _run("ID002", company) == []
        assert _unchecked("ID002", company) == [
            ("$.actors[0].legal_category", "catégorie juridique 3120 (Société commerciale étrangère) is of the foreign family, which does not tell which kind of actor it is"),
        ]  # fmt: skip


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


class TestEsusOutsideTheEss:
    """ID004."""

    ESUS = EsusApproval(period=Period(start=dt.date(2020, 1, 1), end=dt.date(2024, 12, 31)))

    def test_company_without_esus(self) -> None:
        """A company without an agrément and without ESS statutes is simply private."""
        assert _run("ID004", Company(id="c", name="C", ess_statutes=False)) == []
        assert _unchecked("ID004", Company(id="c", name="C")) == []

    def test_company_without_ess_statutes(self) -> None:
        """A company whose statutes are recorded as not ESS is reported, at ess_statutes."""
        company = Company(id="c", name="C", form="sas", ess_statutes=False, esus=self.ESUS)
        assert _run("ID004", company) == [
            ("$.actors[0].ess_statutes", "error", "company 'c' holds an ESUS agrément but is outside the ESS: its statutes are not recorded as ESS (ess_statutes is false); only an enterprise within art. 1 of loi n° 2014-856 can hold one"),
        ]  # fmt: skip

    def test_by_right(self) -> None:
        """An agrément « de plein droit » also requires art. 1."""
        esus = EsusApproval(period=Period(start=dt.date(2020, 1, 1)), by_right=True)
        company = Company(id="c", name="C", ess_statutes=False, esus=esus)
        assert [p for p, _, _ in _run("ID004", company)] == ["$.actors[0].ess_statutes"]

    def test_unknown_statutes_are_unchecked(self) -> None:
        """A company whose statutes are unknown is never counted as outside the ESS."""
        company = Company(id="c", name="C", esus=self.ESUS)
        assert _run("ID004", company) == []
        assert _unchecked("ID004", company) == [
            ("$.actors[0].ess_statutes", "whether it is in the ESS (its statutes) is not recorded")
        ]

    @pytest.mark.parametrize(
        ("actor", "path", "why"),
        [
            (Company(id="x", name="X", form="civil", ess_statutes=True), "form", "it is not a société commerciale (form civil)"),
            (Mutual(id="x", name="X", kind="other"), "kind", "a mutual of kind 'other' is governed by neither the Code de la mutualité nor the Code des assurances"),
            (PublicBody(id="x", name="X", kind="commune"), "esus", "its sector is public"),
            (Grouping(id="x", name="X", kind="gie"), "kind", "a grouping of kind gie is not ESS by its form"),
            (ResearchBody(id="x", name="X", legal_status="company"), "legal_status", "a body of company status is not ESS by its form"),
        ],
    )  # fmt: skip
    def test_every_organisation_outside(self, actor: Organisation, path: str, why: str) -> None:
        """Any organisation outside art. 1 that holds the agrément is reported."""
        holder = attrs.evolve(actor, esus=self.ESUS)
        ((found_path, severity, message),) = _run("ID004", holder)
        assert (found_path, severity) == (f"$.actors[0].{path}", "error")
        assert f"is outside the ESS: {why};" in message

    @pytest.mark.parametrize(
        "actor",
        [
            Association(id="x", name="X"),
            Foundation(id="x", name="X"),
            Mutual(id="x", name="X", kind="insurance"),
            Cooperative(id="x", name="X", kind="scic"),
            Grouping(id="x", name="X", kind="employer_group"),
            TrainingBody(id="x", name="X", legal_status="association"),
        ],
    )
    def test_ess_organisations_pass(self, actor: Organisation) -> None:
        """Every organisation within art. 1 may hold the agrément."""
        holder = attrs.evolve(actor, esus=self.ESUS)
        assert (_run("ID004", holder), _unchecked("ID004", holder)) == ([], [])


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


class TestGieMembers:
    """ID006."""

    def test_one_member(self) -> None:
        """A GIE with one member is reported as an error at its members."""
        gie = Grouping(id="g", name="G", kind="gie", members=("a",))
        assert _run("ID006", gie) == [
            ("$.actors[0].members", "error", "GIE 'g' has one member ('a'); a groupement d'intérêt économique is formed by two or more persons"),
        ]  # fmt: skip

    def test_two_members_pass(self) -> None:
        """Two members or more pass."""
        gie = Grouping(id="g", name="G", kind="gie", members=("a", "b"))
        assert (_run("ID006", gie), _unchecked("ID006", gie)) == ([], [])

    def test_no_members_recorded(self) -> None:
        """An empty member list means unknown: not checked, not reported."""
        gie = Grouping(id="g", name="G", kind="gie")
        assert _run("ID006", gie) == []
        assert _unchecked("ID006", gie) == [("$.actors[0].members", "its members are not recorded")]

    def test_other_groupings(self) -> None:
        """Employer groups and GIP are not GIE."""
        for kind in ("employer_group", "gip"):
            grouping = Grouping(id="g", name="G", kind=kind, members=("a",))
            assert (_run("ID006", grouping), _unchecked("ID006", grouping)) == ([], [])


class TestPublicBodyKind:
    """ID007."""

    @pytest.mark.parametrize(
        ("kind", "code", "fires"),
        [
            ("commune", "7210", False),
            ("commune", "7346", True),
            ("commune", "4140", True),
            ("departement", "7220", False),
            ("departement", "7225", False),
            ("departement", "7230", True),
            ("region", "7230", False),
            ("region", "7229", False),
            ("region", "7210", True),
            ("epci", "7343", False),
            ("epci", "7344", False),
            ("epci", "7346", False),
            ("epci", "7347", False),
            ("epci", "7348", False),
            ("epci", "7353", True),
            ("epci", "7210", True),
            ("state_service", "7172", False),
            ("state_service", "7383", True),
            ("local_public_body", "7361", False),
            ("local_public_body", "7345", False),
            ("local_public_body", "7355", False),
            ("local_public_body", "7357", False),
            ("local_public_body", "7346", True),
            ("local_public_body", "7210", True),
            ("national_public_body", "7383", False),
            ("national_public_body", "4110", False),
            ("national_public_body", "7113", True),
            ("commune", "9220", False),  # another family: ID002's
        ],
    )
    def test_kinds_and_codes(self, kind: str, code: str, fires: bool) -> None:
        """Each kind with defined codes must carry one; other kinds must not carry them."""
        body = PublicBody(id="p", name="P", kind=kind, legal_category=code)
        found = _run("ID007", body)
        assert [(p, s) for p, s, _ in found] == (
            [("$.actors[0].legal_category", "warning")] if fires else []
        )

    def test_messages(self) -> None:
        """The message names the kind, the code with its label, and what is expected."""
        commune = PublicBody(id="p", name="P", kind="commune", legal_category="7346")
        assert _run("ID007", commune)[0][2] == (
            "public body 'p' is of kind commune, but its catégorie juridique 7346 "
            "(Communauté de communes) does not fit it; expected one of 7210"
        )
        state = PublicBody(id="s", name="S", kind="state_service", legal_category="7383")
        assert _run("ID007", state)[0][2].endswith("expected a code of the State, 71xx")
        local = PublicBody(id="l", name="L", kind="local_public_body", legal_category="7225")
        assert _run("ID007", local)[0][2].endswith(
            "expected a public body of kind departement or region for this code"
        )

    def test_code_outside_the_table(self) -> None:
        """A public-law code unknown to the table is named without a label."""
        body = PublicBody(id="p", name="P", kind="commune", legal_category="7999")
        assert _run("ID007", body)[0][2] == (
            "public body 'p' is of kind commune, but its catégorie juridique 7999 does not "
            "fit it; expected one of 7210"
        )

    def test_not_checked(self) -> None:
        """No code, or an actor that is not a public body, is not checked."""
        assert _run("ID007", PublicBody(id="p", name="P", kind="commune")) == []
        assert _run("ID007", Company(id="c", name="C", legal_category="7210")) == []


class TestSources:
    """Every identity and ESS rule cites the text itself, with a link."""

    INTERNAL = ("ess-law", "law-audit", "DESIGN", "STYLE", "[H]", "[M]", "[L]", "§")

    @pytest.mark.parametrize(
        "code", [c for c in builtin_rules().codes if c.startswith(("ID", "ESS"))]
    )
    def test_source_and_link(self, code: str) -> None:
        """The source, title and explanation name no internal document; the source has a link."""
        rule = builtin_rules()[code]
        for text in (rule.source, rule.title, rule.explanation):
            for marker in self.INTERNAL:
                assert marker not in text, (code, marker)
            assert re.search(r"\bR[0-9]{1,2}\b", text) is None, code
        assert rule.url is not None
        assert rule.url.startswith("https://")
