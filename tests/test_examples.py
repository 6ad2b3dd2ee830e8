"""Tests of the shipped examples: they run, print their pôle, and model the sources' facts."""

from __future__ import annotations

import datetime as dt
import importlib.util
import os
import subprocess
import sys
from fractions import Fraction
from pathlib import Path
from types import ModuleType

import pytest

from ptcekit import (
    Company,
    Cooperative,
    CooperativeKind,
    Ecosystem,
    MemberRole,
    PublicBody,
    Sector,
    SharedPremises,
)
from ptcekit.identifiers import commune, departement

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def _load(name: str) -> ModuleType:
    """Import ``examples/<name>.py`` from its path."""
    spec = importlib.util.spec_from_file_location(f"example_{name}", EXAMPLES / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _run(name: str) -> str:
    """Run ``examples/<name>.py`` as a script and return what it prints."""
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]),
    }
    result = subprocess.run(
        [sys.executable, str(EXAMPLES / f"{name}.py")],
        capture_output=True,
        text=True,
        check=True,
        env=env,
        encoding="utf-8",
    )
    assert result.stderr == ""
    return result.stdout


@pytest.fixture(scope="module")
def pole_sud() -> Ecosystem:
    eco = _load("pole_sud").build()
    assert isinstance(eco, Ecosystem)
    return eco


@pytest.fixture(scope="module")
def tetris() -> Ecosystem:
    eco = _load("tetris").build()
    assert isinstance(eco, Ecosystem)
    return eco


def _owner_shares_sum_to_one(eco: Ecosystem) -> None:
    for asset in eco.assets:
        total = sum((owner.share.fraction or Fraction(0) for owner in asset.owners), Fraction(0))
        assert total == 1, asset.id
        assert all(owner.share.is_exact for owner in asset.owners), asset.id


def _every_reference_resolves(eco: Ecosystem) -> None:
    actors = {actor.id for actor in eco.actors}
    for pole in eco.poles:
        assert set(pole.member_ids()) <= actors
        assert pole.lead in actors
    for asset in eco.assets:
        assert asset.actor_ids <= actors
        assert asset.pole is None or asset.pole in eco
        assert asset.agreement is None or asset.agreement in eco
    for agreement in eco.agreements:
        assert set(agreement.party_ids) <= actors
        assert all(c.party in agreement.party_ids for c in agreement.commitments)
        assert all(c.asset is None or c.asset in eco for c in agreement.commitments)


class TestPoleSudScript:
    """examples/pole_sud.py run as a script."""

    def test_prints_the_pole_and_its_members(self) -> None:
        """The summary names the pôle, its territory, its lead and every member."""
        out = _run("pole_sud")
        assert out.startswith("Pôle Sud, Romans-sur-Isère\n")
        assert "  Pôle Sud (PTCE Sud Archer) [pole-sud]\n" in out
        assert (
            "    territory: Romans-sur-Isère (commune, COG 2024): Romans-sur-Isère (26281)\n" in out
        )
        assert "    lead: Groupe Archer\n" in out
        for member in ("CRESS Rhône-Alpes", "Arcoop", "La Nef", "Adie", "Initiative emploi"):
            assert f"   {member}" in out, member


class TestPoleSudModel:
    """The facts of ess-law.md §4.4 in build()."""

    def test_document(self, pole_sud: Ecosystem) -> None:
        """The document is dated 2024-01-01 and names its sources."""
        assert pole_sud.as_of == dt.date(2024, 1, 1)
        assert pole_sud.source is not None
        assert "archer.fr" in pole_sud.source

    def test_territory(self, pole_sud: Ecosystem) -> None:
        """Romans-sur-Isère is commune 26281, in the Drôme (26), in Auvergne-Rhône-Alpes (84)."""
        territory = pole_sud.pole("pole-sud").territory
        assert territory is not None
        assert territory.codes == ("26281",)
        assert territory.cog_year == 2024
        assert commune.departement_of("26281") == "26"
        assert departement.region_of("26") == "84"

    def test_co_led_by_groupe_archer_and_the_cress(self, pole_sud: Ecosystem) -> None:
        """Groupe Archer is the lead, with a lead membership since 2007; the CRESS co-leads."""
        pole = pole_sud.pole("pole-sud")
        assert pole.lead == "groupe-archer"
        leads = {m.actor: m for m in pole.memberships if m.role is MemberRole.LEAD}
        assert set(leads) == {"groupe-archer", "cress-rhone-alpes"}
        period = leads["groupe-archer"].period
        assert period is not None
        assert period.start == dt.date(2007, 1, 1)
        assert pole.labels == ("aap-ptce-2013",)

    def test_groupe_archer_is_an_sas_outside_the_ess(self, pole_sud: Ecosystem) -> None:
        """Groupe Archer is an SAS without ESS statutes: the enterprise outside the ESS."""
        archer = pole_sud.actor("groupe-archer")
        assert isinstance(archer, Company)
        assert archer.form is not None
        assert archer.form.value == "sas"
        assert archer.sector is Sector.PRIVATE

    def test_ess_and_other_enterprises(self, pole_sud: Ecosystem) -> None:
        """Members include ESS enterprises (Arcoop, a CAE) and an enterprise outside the ESS."""
        members = pole_sud.members("pole-sud")
        assert sum(a.is_enterprise and a.sector is Sector.ESS for a in members) == 5
        assert [a.id for a in members if a.is_enterprise and a.sector is Sector.PRIVATE] == [
            "groupe-archer"
        ]
        arcoop = pole_sud.actor("arcoop")
        assert isinstance(arcoop, Cooperative)
        assert arcoop.kind is CooperativeKind.CAE

    def test_no_invented_identifiers(self, pole_sud: Ecosystem) -> None:
        """No real organisation gets a made-up SIREN, SIRET or RNA."""
        assert all(a.siren is None and not a.sirets and a.rna is None for a in pole_sud.actors)

    def test_assets(self, pole_sud: Ecosystem) -> None:
        """The building, the resource centre, the start-up programme and the brand are pooled."""
        assert [asset.id for asset in pole_sud.assets] == [
            "pole-sud-building",
            "resource-centre",
            "start-up-de-territoire",
            "made-in-romans",
        ]
        assert pole_sud.asset("made-in-romans").type_tag == "immaterial_asset"
        assert pole_sud.asset("resource-centre").type_tag == "shared_service"
        _owner_shares_sum_to_one(pole_sud)

    def test_agreement_and_references(self, pole_sud: Ecosystem) -> None:
        """The hosting agreement has five parties and every id resolves."""
        assert pole_sud.agreement("pole-sud-hosting").party_ids == (
            "groupe-archer",
            "la-nef",
            "adie",
            "initiative-emploi",
            "arcoop",
        )
        _every_reference_resolves(pole_sud)


class TestTetrisScript:
    """examples/tetris.py run as a script."""

    def test_prints_the_pole_and_its_members(self) -> None:
        """The summary names the pôle, its territory, its lead and every member."""
        out = _run("tetris")
        assert out.startswith("TETRIS, Grasse\n")
        assert "  TETRIS [tetris]\n" in out
        assert "    territory: Grasse (commune, COG 2024): Grasse (06069)\n" in out
        assert "    lead: SCIC TETRIS\n" in out
        for member in (
            "Communauté d'agglomération du Pays de Grasse",
            "Evaléco",
            "Résines",
            "TEDEE",
            "Choisir",
            "La Drisse / SES Collectes Recyclage",
            "APESE",
            "Centre de recherche appliquée de TETRIS",
        ):
            assert f"   {member} (" in out, member
        assert "(shared premises, technical, 1500 m²)" in out


class TestTetrisModel:
    """The facts of ess-law.md §4.4 in build()."""

    def test_document_and_territory(self, tetris: Ecosystem) -> None:
        """Grasse is commune 06069, in the Alpes-Maritimes (06), in Provence-Alpes-Côte d'Azur (93)."""
        assert tetris.as_of == dt.date(2024, 1, 1)
        territory = tetris.pole("tetris").territory
        assert territory is not None
        assert territory.codes == ("06069",)
        assert commune.departement_of("06069") == "06"
        assert departement.region_of("06") == "93"

    def test_carried_by_a_scic(self, tetris: Ecosystem) -> None:
        """The lead and legal vehicle is the SCIC, with a lead membership."""
        pole = tetris.pole("tetris")
        assert pole.lead == "scic-tetris"
        assert pole.legal_vehicle == "scic-tetris"
        assert [m.actor for m in pole.memberships if m.role is MemberRole.LEAD] == ["scic-tetris"]
        scic = tetris.actor("scic-tetris")
        assert isinstance(scic, Cooperative)
        assert scic.kind is CooperativeKind.SCIC
        roles = {category.role.value for category in scic.associates}
        assert {"beneficiary", "employee", "public_authority"} <= roles

    def test_agglomeration_is_a_public_member(self, tetris: Ecosystem) -> None:
        """The Communauté d'agglomération du Pays de Grasse is an EPCI member."""
        capg = tetris.actor("capg")
        assert isinstance(capg, PublicBody)
        assert capg.kind.value == "epci"
        assert "capg" in tetris.pole("tetris").member_ids()

    def test_ess_and_other_enterprises(self, tetris: Ecosystem) -> None:
        """Members include ESS enterprises and one enterprise outside the ESS (an assumption)."""
        members = tetris.members("tetris")
        ess = [a.id for a in members if a.is_enterprise and a.sector is Sector.ESS]
        assert {"scic-tetris", "evaleco", "resines", "tedee", "choisir", "apese"} <= set(ess)
        others = [a.id for a in members if a.is_enterprise and a.sector is Sector.PRIVATE]
        assert others == ["la-drisse"]

    def test_marigarde_building(self, tetris: Ecosystem) -> None:
        """The La Marigarde building has 1,500 m², in use since July 2015."""
        building = tetris.asset("la-marigarde")
        assert isinstance(building, SharedPremises)
        assert building.area == 1500
        assert building.place is not None
        assert building.place.commune == "06069"
        starts = {u.period.start for u in building.users if u.period is not None}
        assert starts == {dt.date(2015, 7, 1)}
        _owner_shares_sum_to_one(tetris)

    def test_tiers_lieu_since_2018(self, tetris: Ecosystem) -> None:
        """The tiers-lieu at Sainte-Marthe is run by the SCIC since 2018."""
        tiers_lieu = tetris.asset("tiers-lieu-sainte-marthe")
        assert [(o.actor, o.period.start if o.period else None) for o in tiers_lieu.owners] == [
            ("scic-tetris", dt.date(2018, 1, 1))
        ]

    def test_no_invented_identifiers_and_references(self, tetris: Ecosystem) -> None:
        """No made-up identifiers; every id resolves; the agreement has several parties."""
        assert all(a.siren is None and not a.sirets and a.rna is None for a in tetris.actors)
        assert len(tetris.agreement("marigarde-mutualisation").parties) == 8
        _every_reference_resolves(tetris)
