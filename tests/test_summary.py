"""Tests of ptcekit.analysis.summarize, the plain-text overview."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ptcekit import (
    Allocation,
    Association,
    Commitment,
    Company,
    Cooperative,
    CostSharingKey,
    Ecosystem,
    Grouping,
    ImmaterialAsset,
    Membership,
    Money,
    Ownership,
    PartnershipAgreement,
    Party,
    Period,
    Pole,
    PublicBody,
    Quantity,
    Share,
    SharedEmployee,
    SharedEquipment,
    SharedFund,
    SharedPremises,
    SharedService,
    Territory,
)
from ptcekit.analysis import summarize

SRC = Path(__file__).resolve().parent.parent / "src"


def _full() -> Ecosystem:
    """An ecosystem with every kind of record, dated and undated, and dangling ids."""
    return Ecosystem(
        name="Demo territory",
        as_of=dt.date(2024, 1, 1),
        licence="ODbL-1.0",
        actors=(
            Association(id="asso", name="Asso"),
            Cooperative(id="scic", name="SCIC Demo", kind="scic"),
            Company(id="sarl", name="SARL Demo", form="sarl"),
            PublicBody(id="ca", name="Agglo", kind="epci"),
            Grouping(id="ge", name="GE Demo", kind="employer_group"),
        ),
        poles=(
            Pole(
                id="pole",
                name="Pôle Demo",
                territory=Territory(
                    name="Romans", level="commune", codes=("26281",), cog_year=2024
                ),
                founded=dt.date(2010, 5, 1),
                lead="scic",
                legal_vehicle="scic",
                labels=("aap-ptce-2013", "ami-2023"),
                memberships=(
                    Membership(actor="scic", role="lead", college="fondateurs"),
                    Membership(
                        actor="asso", role="founder", period=Period(start=dt.date(2010, 5, 1))
                    ),
                    Membership(
                        actor="sarl",
                        period=Period(start=dt.date(2011, 1, 1), end=dt.date(2012, 12, 31)),
                    ),
                    Membership(actor="ca", role="partner"),
                    Membership(actor="ghost"),
                ),
            ),
        ),
        assets=(
            SharedPremises(
                id="building",
                name="Building",
                area=1500,
                pole="pole",
                owners=(
                    Ownership(
                        actor="scic",
                        share=Share.of("2/3"),
                        period=Period(start=dt.date(2015, 7, 1)),
                    ),
                    Ownership(actor="ca", share=Share(minimum="1/4", maximum="1/3")),
                ),
                users=(
                    Allocation(actor="asso", share=Share.of("1/2")),
                    Allocation(actor="sarl", hours=120),
                    Allocation(actor="scic", period=Period(start=dt.date(2015, 7, 1))),
                ),
                annual_cost=Money(amount="12000.50"),
                cost_key=CostSharingKey(method="pro_rata_use"),
            ),
            SharedEmployee(
                id="accountant",
                name="Accountant",
                fte="4/5",
                employer="ge",
                users=(Allocation(actor="asso", fte="2/5"), Allocation(actor="scic", fte="2/5")),
            ),
            SharedFund(id="fund", name="Fund", endowment=Money(amount=5000), pole="elsewhere"),
            SharedEquipment(id="van", name="Van", vehicle=True),
            ImmaterialAsset(id="brand", name="Brand", kind="know_how"),
            SharedService(id="desk", name="Desk", service="Reception"),
        ),
        agreements=(
            PartnershipAgreement(
                id="conv",
                title="Convention",
                kind="public_funding",
                parties=(Party(actor="ca", role="financeur"), Party(actor="scic")),
                period=Period(start=dt.date(2023, 1, 1), end=dt.date(2025, 12, 31)),
                signed=dt.date(2022, 12, 15),
                pole="pole",
                commitments=(
                    Commitment(
                        party="ca", kind="money", amount=Money(amount=30000), recurrence="yearly"
                    ),
                    Commitment(
                        party="scic",
                        kind="staff_time",
                        quantity=Quantity(value=200, unit="h"),
                        period=Period(start=dt.date(2023, 1, 1), end=dt.date(2023, 12, 31)),
                    ),
                    Commitment(
                        party="scic", kind="asset_use", asset="building", description="rooms"
                    ),
                    Commitment(party="scic", kind="in_kind", asset="nothing"),
                ),
            ),
            PartnershipAgreement(
                id="old",
                title="Old",
                kind="partnership",
                parties=(Party(actor="asso"), Party(actor="sarl")),
                period=Period(start=dt.date(2011, 1, 1), end=dt.date(2012, 12, 31)),
            ),
        ),
    )


FULL = """\
Demo territory
==============
Document date: 2024-01-01
Licence: ODbL-1.0

Actors: 5
  ESS      3: Asso, SCIC Demo, GE Demo
  private  1: SARL Demo
  public   1: Agglo

Pôles: 1
  Pôle Demo [pole]
    territory: Romans (commune, COG 2024): Romans-sur-Isère (26281)
    founded: 2010-05-01
    lead: SCIC Demo
    legal vehicle: SCIC Demo
    labels: aap-ptce-2013, ami-2023
    members (5):
      lead     SCIC Demo (cooperative, ESS), college fondateurs
      founder  Asso (association, ESS), 2010-05-01 → …
      member   SARL Demo (company, private), 2011-01-01 → 2012-12-31
      partner  Agglo (public body, public)
      member   ? ghost

Mutualised assets: 6
  Building [building] (shared premises, technical, 1500 m²)
    pôle: Pôle Demo
    owners: SCIC Demo 66.67 % (2015-07-01 → …), Agglo 25 %–33.33 %
    users: Asso (50 %), SARL Demo (120 h a year), SCIC Demo (2015-07-01 → …)
    cost: 12000.50 EUR a year, shared pro rata use
  Accountant [accountant] (shared employee, human, 0.8 FTE)
    employer: GE Demo
    owners: none recorded
    users: Asso (0.4 FTE), SCIC Demo (0.4 FTE)
  Fund [fund] (shared fund, financial, endowment 5000 EUR)
    pôle: ? elsewhere
    owners: none recorded
    users: none recorded
  Van [van] (shared equipment, technical, vehicle)
    owners: none recorded
    users: none recorded
  Brand [brand] (immaterial asset, immaterial, know how)
    owners: none recorded
    users: none recorded
  Desk [desk] (shared service, technical)
    service: Reception
    owners: none recorded
    users: none recorded

Agreements: 2
  Convention [conv] (public funding, 2023-01-01 → 2025-12-31, signed 2022-12-15)
    pôle: Pôle Demo
    parties: Agglo (financeur), SCIC Demo
    commitments:
      - Agglo: money, 30000 EUR, yearly
      - SCIC Demo: staff time, 200 h, 2023-01-01 → 2023-12-31
      - SCIC Demo: asset use, of Building (rooms)
      - SCIC Demo: in kind, of ? nothing
  Old [old] (partnership, 2011-01-01 → 2012-12-31)
    parties: Asso, SARL Demo
"""


class TestSummarize:
    """The whole text, for an ecosystem with every kind of record."""

    def test_full_text(self) -> None:
        """Every record appears in document order, with dates, shares and dangling ids marked."""
        assert summarize(_full()) == FULL

    def test_as_of_filters_dated_things(self) -> None:
        """On a day, ended memberships, commitments and agreements vanish and dates are not shown."""
        text = summarize(_full(), as_of=dt.date(2024, 6, 1))
        lines = text.splitlines()
        assert lines[3] == "Showing what holds on 2024-06-01"
        assert "    members (4):" in lines
        assert "      founder  Asso (association, ESS)" in lines
        assert not any("SARL Demo (company" in line for line in lines)
        assert "    owners: SCIC Demo 66.67 %, Agglo 25 %–33.33 %" in lines
        assert "    users: Asso (50 %), SARL Demo (120 h a year), SCIC Demo" in lines
        assert "Agreements: 1" in lines
        assert "staff time" not in text
        assert "Old [old]" not in text

    def test_as_of_before_start_hides_owners_and_users(self) -> None:
        """Ownerships and allocations that start later are left out on an earlier day."""
        text = summarize(_full(), as_of=dt.date(2015, 6, 30))
        assert "    owners: Agglo 25 %–33.33 %\n" in text
        assert "    users: Asso (50 %), SARL Demo (120 h a year)\n" in text

    def test_agreement_whose_commitments_are_all_outside_the_day(self) -> None:
        """An agreement in force with no commitment on the day shows no commitments header."""
        eco = Ecosystem(
            actors=(Association(id="a", name="A"), Association(id="b", name="B")),
            agreements=(
                PartnershipAgreement(
                    id="ag",
                    title="Ag",
                    kind="cooperation",
                    parties=(Party(actor="a"), Party(actor="b")),
                    commitments=(
                        Commitment(
                            party="a", kind="service", period=Period(end=dt.date(2020, 1, 1))
                        ),
                    ),
                ),
            ),
        )
        assert summarize(eco, as_of=dt.date(2024, 1, 1)).endswith(
            "Agreements: 1\n  Ag [ag] (cooperation)\n    parties: A, B\n"
        )
        assert "    commitments:\n      - A: service, … → 2020-01-01\n" in summarize(eco)

    def test_deterministic(self) -> None:
        """Equal ecosystems give the same text."""
        assert summarize(_full()) == summarize(_full())

    def test_lines_stay_within_100_characters(self) -> None:
        """Long names are cut and long lists wrap."""
        long_name = "Association pour le développement " * 4
        eco = Ecosystem(
            name="N" * 150,
            actors=tuple(Association(id=f"a{i}", name=f"{long_name}{i}") for i in range(3)),
            poles=(
                Pole(
                    id="p",
                    name="P",
                    memberships=tuple(
                        Membership(actor=f"a{i}", college="c" * 40) for i in range(3)
                    ),
                ),
            ),
            agreements=(
                PartnershipAgreement(
                    id="ag",
                    title="T",
                    kind="partnership",
                    parties=(Party(actor="a0"), Party(actor="a1")),
                    commitments=(Commitment(party="a0", kind="service", description="d " * 80),),
                ),
            ),
        )
        lines = summarize(eco).splitlines()
        assert max(len(line) for line in lines) == 100
        assert lines[0] == "N" * 99 + "…"
        cut_name = ("Association pour le développement " * 2).strip()[:59]
        assert lines[4] == f"  ESS      3: {cut_name}…,"


class TestSections:
    """Each section on its own, and what shows when something is missing."""

    def test_empty_ecosystem(self) -> None:
        """An unnamed, empty ecosystem gives a title and zero counts only."""
        assert summarize(Ecosystem()) == (
            "Unnamed ecosystem\n=================\n\nActors: 0\n"
            "  ESS      0\n  private  0\n  public   0\n"
        )

    def test_many_names_are_omitted(self) -> None:
        """A sector with more than eight actors shows its count only."""
        eco = Ecosystem(actors=tuple(Company(id=f"c{i}", name=f"C{i}") for i in range(9)))
        assert "  private  9 (names omitted: more than 8)\n" in summarize(eco)

    def test_names_wrap_between_items(self) -> None:
        """A list too long for one line breaks between names, never inside one."""
        eco = Ecosystem(
            actors=tuple(Association(id=f"a{i}", name=f"Association numéro {i}") for i in range(8))
        )
        lines = summarize(eco).splitlines()
        assert lines[4] == (
            "  ESS      8: Association numéro 0, Association numéro 1, Association numéro 2,"
        )
        assert lines[5] == (
            "             Association numéro 3, Association numéro 4, Association numéro 5,"
            " Association numéro 6,"
        )
        assert lines[6] == "             Association numéro 7"

    def test_territory_with_many_codes(self) -> None:
        """A territory of more than five codes shows five, named, and a count, wrapped."""
        codes = ("26281", "26198", "26057", "26124", "26313", "26001", "26002")
        eco = Ecosystem(
            poles=(
                Pole(
                    id="p",
                    name="P",
                    territory=Territory(name="Area", level="custom", codes=codes, cog_year=2024),
                ),
            )
        )
        assert (
            "    territory: Area (custom, COG 2024): Romans-sur-Isère (26281), Montélimar (26198),\n"
            "      Bourg-de-Péage (26057), Étoile-sur-Rhône (26124), Saint-Marcel-lès-Valence (26313),\n"
            "      and 2 more\n"
        ) in summarize(eco)

    @pytest.mark.parametrize(
        ("level", "codes", "year", "shown"),
        [
            ("commune", ("26113", "26999"), 2024, "Die (26113), 26999"),
            ("commune", ("74011",), 2024, "Annecy-le-Vieux (74011)"),
            ("epci", ("200068781",), 2024, "CA Valence Romans Agglo (200068781)"),
            ("departement", ("26",), 2024, "Drôme (26)"),
            ("region", ("82",), 2015, "Rhône-Alpes (82)"),
        ],
    )
    def test_territory_codes_are_named(
        self, level: str, codes: tuple[str, ...], year: int, shown: str
    ) -> None:
        """Each code of a territory shows its name in the territory's COG vintage, when known."""
        territory = Territory(name="T", level=level, codes=codes, cog_year=year)
        eco = Ecosystem(poles=(Pole(id="p", name="P", territory=territory),))
        assert f"    territory: T ({level}, COG {year}): {shown}\n" in summarize(eco)

    def test_pole_without_details(self) -> None:
        """A bare pôle shows its name and an empty member list."""
        eco = Ecosystem(poles=(Pole(id="p", name="P"),))
        assert summarize(eco).endswith("Pôles: 1\n  P [p]\n    members (0):\n")

    def test_assets_without_optional_details(self) -> None:
        """Assets without area, endowment, vehicle, service or employer show their kind only."""
        eco = Ecosystem(
            assets=(
                SharedPremises(id="s", name="S"),
                SharedFund(id="f", name="F"),
                SharedEquipment(id="e", name="E"),
                SharedService(id="v", name="V"),
                SharedEmployee(id="m", name="M"),
            )
        )
        heads = [
            line for line in summarize(eco).splitlines() if line.startswith("  ") and "[" in line
        ]
        assert heads == [
            "  S [s] (shared premises, technical)",
            "  F [f] (shared fund, financial)",
            "  E [e] (shared equipment, technical)",
            "  V [v] (shared service, technical)",
            "  M [m] (shared employee, human, 1 FTE)",
        ]
        assert "employer" not in summarize(eco)
        assert "service:" not in summarize(eco)

    def test_annual_cost_without_key_and_key_without_cost(self) -> None:
        """The cost line shows what is known of the cost and its key."""
        eco = Ecosystem(
            assets=(
                SharedEquipment(id="a", name="A", annual_cost=Money(amount=10)),
                SharedEquipment(id="b", name="B", cost_key=CostSharingKey(method="equal")),
            )
        )
        text = summarize(eco)
        assert "    cost: 10 EUR a year\n" in text
        assert "    cost: shared equal\n" in text

    def test_member_without_period_when_filtering(self) -> None:
        """An undated membership holds on any day."""
        eco = Ecosystem(
            actors=(Association(id="a", name="A"),),
            poles=(Pole(id="p", name="P", memberships=(Membership(actor="a"),)),),
        )
        assert "      member   A (association, ESS)\n" in summarize(eco, as_of=dt.date(2000, 1, 1))


class TestDanglingIds:
    """Ids that name nothing in the ecosystem are marked, not fatal."""

    def test_unknown_owner_user_party_and_lead(self) -> None:
        """Owners, users, parties and leads that are not actors show as '? <id>'."""
        eco = Ecosystem(
            actors=(Association(id="a", name="A"),),
            poles=(Pole(id="p", name="P", lead="nobody"),),
            assets=(
                SharedEquipment(
                    id="e",
                    name="E",
                    owners=(Ownership(actor="x", share=Share.of(1)),),
                    users=(Allocation(actor="y"),),
                ),
            ),
            agreements=(
                PartnershipAgreement(
                    id="ag",
                    title="Ag",
                    kind="partnership",
                    parties=(Party(actor="a"), Party(actor="z", role="funder")),
                ),
            ),
        )
        text = summarize(eco)
        assert "    lead: ? nobody\n" in text
        assert "    owners: ? x 100 %\n    users: ? y\n" in text
        assert "    parties: A, ? z (funder)\n" in text
