"""PTCE002 on real seats: arrondissements municipaux and communes of the collectivités d'outre-mer."""

from __future__ import annotations

import datetime as dt

import pytest

from ptcekit.model import Company, Ecosystem, Membership, Place, Pole, Territory
from ptcekit.rules import builtin_rules, validate

DAY = dt.date(2024, 6, 30)


def _ptce002(seat: str, territory: Territory) -> list[str]:
    """The paths PTCE002 reports for one member seated in ``seat``."""
    eco = Ecosystem(
        actors=(Company(id="m", name="M", seat=Place(commune=seat)),),
        poles=(Pole(id="p", name="P", memberships=(Membership(actor="m"),), territory=territory),),
    )
    report = validate(eco, rules=builtin_rules().select("PTCE002"), as_of=DAY)
    return [finding.path for finding in report]


class TestPtce002OnRealSeats:
    @pytest.mark.parametrize(
        ("seat", "commune"),
        [("69381", "69123"), ("75108", "75056"), ("13201", "13055")],
    )
    def test_arrondissement_inside_its_commune(self, seat: str, commune: str) -> None:
        """A member seated in an arrondissement is inside a pôle territory given by its commune."""
        territory = Territory(name="Ville", level="commune", codes=(commune,), cog_year=2024)
        assert _ptce002(seat, territory) == []

    def test_other_commune_still_reported(self) -> None:
        """A seat in Paris is still reported outside a territory given by Lyon."""
        lyon = Territory(name="Lyon", level="commune", codes=("69123",), cog_year=2024)
        assert _ptce002("75108", lyon) == ["$.poles[0].memberships[0]"]

    @pytest.mark.parametrize("level", ["departement", "region"])
    def test_collectivite_seat_reported_outside(self, level: str) -> None:
        """A seat in Papeete is outside a département or région territory: it lies in neither."""
        codes = ("974",) if level == "departement" else ("04",)
        territory = Territory(name="La Réunion", level=level, codes=codes, cog_year=2024)
        assert _ptce002("98735", territory) == ["$.poles[0].memberships[0]"]
