"""Territories read in the dated COG, PTCE002 across mergers, and ID009 on real commune codes."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest

from ptcekit import geo
from ptcekit.errors import IdentifierError, InvalidValueError
from ptcekit.identifiers import region
from ptcekit.model import (
    Association,
    Company,
    Ecosystem,
    Membership,
    Place,
    Pole,
    SharedPremises,
    Territory,
)
from ptcekit.rules import Report, Severity, builtin_rules, validate

DAY = dt.date(2024, 6, 30)
#: CA du Grand Annecy, whose members include Annecy (74010) and, through it, Annecy-le-Vieux.
GRAND_ANNECY = "200066793"
#: CA Valence Romans Agglo, whose members include Romans-sur-Isère (26281).
VALENCE_ROMANS = "200068781"


def _territory(level: str, codes: tuple[str, ...], year: int = 2024) -> Territory:
    return Territory(name="T", level=level, codes=codes, cog_year=year)


class TestLevels:
    @pytest.mark.parametrize(
        ("level", "codes", "year", "commune", "inside"),
        [
            # a commune, and the former communes merged into it in 2017 (Annecy-le-Vieux)
            ("commune", ("74010",), 2024, "74010", True),
            ("commune", ("74010",), 2024, "74011", True),
            ("commune", ("74010",), 2017, "74011", True),
            ("commune", ("74010",), 2024, "26113", False),
            # a territory of 2015 on the former commune holds it, and only part of Annecy
            ("commune", ("74011",), 2015, "74011", True),
            ("commune", ("74011",), 2015, "74010", None),
            ("commune", ("74011",), 2015, "74093", False),
            # a former commune the COG no longer lists lies in the commune it became
            ("commune", ("18173",), 2024, "18131", True),
            # arrondissements
            ("commune", ("13055",), 2024, "13201", True),
            ("custom", ("69381", "69382"), 2024, "69123", None),
            ("custom", ("69381", "69382"), 2024, "69383", False),
            ("custom", ("26281", "26057", "26113"), 2024, "26113", True),
            ("custom", ("26281", "26057", "26113"), 2024, "38185", False),
            # EPCI, by their member communes
            ("epci", (GRAND_ANNECY,), 2024, "74011", True),
            ("epci", (GRAND_ANNECY,), 2024, "74010", True),
            ("epci", (GRAND_ANNECY,), 2024, "26281", False),
            ("epci", (VALENCE_ROMANS,), 2024, "26281", True),
            ("epci", ("200054807",), 2024, "13201", True),  # Aix-Marseille-Provence
            ("epci", (GRAND_ANNECY, VALENCE_ROMANS), 2022, "26281", True),
            # départements and régions, of before 2016 too
            ("departement", ("74",), 2024, "74011", True),
            ("departement", ("26",), 2024, "74011", False),
            ("region", ("84",), 2024, "74011", True),
            ("region", ("82",), 2015, "26113", True),
            ("region", ("82",), 2015, "74011", True),
            ("region", ("83",), 2015, "63113", True),  # Clermont-Ferrand, Auvergne
            ("region", ("82",), 2015, "63113", False),
            ("region", ("82", "83"), 2011, "63113", True),
            # Escaufourt (02285) is associée to Saint-Souplet, in the Nord
            ("departement", ("59",), 2024, "02285", True),
            ("departement", ("02",), 2024, "02285", False),
        ],
    )
    def test_contains_commune(
        self, level: str, codes: tuple[str, ...], year: int, commune: str, inside: bool | None
    ) -> None:
        """A territory at each level holds the communes of its COG vintage, across mergers."""
        assert _territory(level, codes, year).contains_commune(commune) is inside

    def test_unknown_codes_make_unknown_answers(self) -> None:
        """A code the vintage does not know, in the territory or asked about, answers None."""
        diois = _territory("commune", ("26113", "26999"))
        assert diois.contains_commune("26113") is True
        assert diois.contains_commune("38185") is None
        assert _territory("commune", ("26113",)).contains_commune("26998") is None
        not_an_epci = _territory("epci", ("732829320",))
        assert not_an_epci.contains_commune("26281") is None

    def test_departement_missing_from_the_vintage(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Should a vintage lack a département of the identifiers' list, answers are unknown."""

        def lacking(code: str, year: int | None = None) -> geo.Departement:
            raise geo.UnknownPlaceError("département", code, year or 0)

        monkeypatch.setattr(geo, "departement", lacking)
        drome = _territory("departement", ("26",))
        assert drome.unknown_codes() == ("26",)
        assert drome.contains_commune("26113") is None
        assert drome.names() == (None,)
        with pytest.raises(geo.UnknownPlaceError, match="no département with code '26'"):
            drome.communes()

    def test_invalid_commune_code_raises(self) -> None:
        """A code of no commune shape raises an IdentifierError naming the kind and value."""
        with pytest.raises(IdentifierError) as info:
            _territory("epci", (GRAND_ANNECY,)).contains_commune("99134")
        assert info.value.kind == "commune code"
        assert "99134" in str(info.value)


class TestVintages:
    @pytest.mark.parametrize(
        ("level", "code", "year", "vintage"),
        [
            ("commune", "26113", 2024, 2024),
            ("commune", "26113", 2020, 2021),
            ("commune", "26113", 2015, 2019),
            ("commune", "26113", 1990, 2019),
            ("commune", "26113", 2090, geo.latest_year()),
            ("region", "82", 2015, 2019),
        ],
    )
    def test_geo_year(self, level: str, code: str, year: int, vintage: int) -> None:
        """A territory is read in its own vintage, else the nearest shipped, the later on a tie."""
        assert _territory(level, (code,), year).geo_year == vintage

    def test_construction_reads_no_data(self) -> None:
        """Building territories of any year loads no vintage; the first question loads one."""
        code = (
            "from ptcekit.model import Territory\n"
            "from ptcekit.geo import _store\n"
            "t = Territory(name='RA', level='region', codes=('82',), cog_year=2015)\n"
            "u = Territory(name='X', level='commune', codes=('26999',), cog_year=1950)\n"
            "assert not _store._VINTAGES, _store._VINTAGES\n"
            "assert t.contains_commune('26113') is True\n"
            "assert set(_store._VINTAGES) == {2019}, _store._VINTAGES\n"
        )
        subprocess.run([sys.executable, "-c", code], check=True)

    def test_years_far_from_the_vintages_still_answer(self) -> None:
        """A cog_year with no vintage neither fails construction nor questions."""
        old = _territory("commune", ("74011",), 1950)
        assert old.contains_commune("74011") is True
        assert old.unknown_codes() == ()


class TestRegionsOf2015:
    def test_region_82_of_2015_is_accepted(self) -> None:
        """Rhône-Alpes (82) is a région of the COG 2015, and holds its départements' communes."""
        rhone_alpes = _territory("region", ("82",), 2015)
        assert rhone_alpes.names() == ("Rhône-Alpes",)
        communes = rhone_alpes.communes()
        assert {"26113", "74010", "69123"} <= communes
        assert "63113" not in communes

    @pytest.mark.parametrize(("code", "year"), [("84", 2015), ("82", 2016), ("82", 2024)])
    def test_region_of_the_wrong_side_of_2016_is_refused(self, code: str, year: int) -> None:
        """A région code is checked against the régions of the territory's year."""
        with pytest.raises(InvalidValueError) as info:
            _territory("region", (code,), year)
        message = str(info.value)
        assert message.startswith("Territory.codes[0]: expected a valid région code")
        assert f"got '{code}'" in message
        assert ("COG 2015" in message) is (year < 2016)

    def test_identifiers_region_by_year(self) -> None:
        """region.validate takes the year; without it, the régions of today."""
        assert region.validate("82", year=2015) == "82"
        assert region.validate("84", year=2016) == "84"
        assert region.validate("84") == "84"
        assert not region.is_valid("82")
        assert len(region.NAMES_2015) == 27
        with pytest.raises(IdentifierError, match="27 région codes of the COG 2015"):
            region.validate("84", year=2012)

    def test_names_2015_agree_with_the_gazetteer(self) -> None:
        """The 27 régions of identifiers are those of the shipped COG 2015, with their names."""
        for code, name in region.NAMES_2015.items():
            assert geo.region(code, 2015).name == name


class TestCommunes:
    def test_communes_at_every_level(self) -> None:
        """communes() gives the communes (type COM) of the territory in its vintage."""
        epci = _territory("epci", (GRAND_ANNECY,))
        assert epci.communes() == frozenset(geo.epci(GRAND_ANNECY, 2024).members)
        assert "74010" in epci.communes()
        drome = _territory("departement", ("26",))
        assert drome.communes() == frozenset(
            c.code for c in geo.communes_of_departement("26", 2024)
        )
        aura = _territory("region", ("84",), 2023)
        assert len(aura.communes()) == len(geo.communes_of_region("84", 2023))
        assert _territory("custom", ("69381", "74011", "26113")).communes() == {
            "69123",
            "74010",
            "26113",
        }

    def test_unknown_codes(self) -> None:
        """unknown_codes() lists the codes the vintage does not know; communes() raises for them."""
        bad = _territory("commune", ("26113", "26999"))
        assert bad.unknown_codes() == ("26999",)
        with pytest.raises(geo.UnknownPlaceError) as info:
            bad.communes()
        assert info.value.code == "26999"
        assert info.value.year == 2024
        assert str(info.value) == (
            "no commune with code '26999' in the COG 2024: territory 'T' (COG 2024) lists it"
        )
        with pytest.raises(geo.UnknownPlaceError, match="no EPCI with code '732829320'"):
            _territory("epci", ("732829320",)).communes()

    def test_names(self) -> None:
        """names() names each code in the vintage; None for an unknown one."""
        assert _territory("commune", ("26113", "26999", "74011")).names() == (
            "Die",
            None,
            "Annecy-le-Vieux",
        )
        assert _territory("epci", (VALENCE_ROMANS, "732829320")).names() == (
            "CA Valence Romans Agglo",
            None,
        )
        assert _territory("departement", ("26",), 2012).names() == ("Drôme",)

    def test_cache_is_not_part_of_the_value(self) -> None:
        """A territory that has been read equals, hashes and reprs like a fresh one."""
        read = _territory("commune", ("26113",))
        fresh = _territory("commune", ("26113",))
        assert read.contains_commune("26113") is True
        assert read == fresh
        assert hash(read) == hash(fresh)
        assert repr(read) == repr(fresh)


def _report(code: str, eco: Ecosystem, day: dt.date = DAY) -> Report:
    return validate(eco, rules=builtin_rules().select(code), as_of=day)


def _pole_on(territory: Territory, seat: str) -> Ecosystem:
    return Ecosystem(
        actors=(
            Association(id="asso", name="Asso", seat=Place(commune=seat)),
            Company(id="co", name="Co", ess_statutes=False, seat=Place(commune=seat)),
        ),
        poles=(
            Pole(
                id="p",
                name="P",
                territory=territory,
                memberships=(Membership(actor="asso", role="lead"), Membership(actor="co")),
            ),
        ),
    )


class TestPtce002AcrossMergers:
    def test_former_code_is_on_its_successors_territory_with_an_info(self) -> None:
        """A seat under Annecy-le-Vieux lies in Annecy; an info finding names 74010."""
        report = _report("PTCE002", _pole_on(_territory("commune", ("74010",)), "74011"))
        assert [(f.code, f.severity, f.path) for f in report] == [
            ("PTCE002", Severity.INFO, "$.poles[0].memberships[0]"),
            ("PTCE002", Severity.INFO, "$.poles[0].memberships[1]"),
        ]
        assert report.findings[0].message == (
            "member 'asso' of pôle 'p' has its seat recorded under 74011 (Annecy-le-Vieux), "
            "a former commune, part of 74010 (Annecy) in the COG 2024: on the pôle's "
            "territory 'T' as 74010"
        )
        assert report.unchecked == ()

    def test_former_code_no_longer_listed(self) -> None:
        """A code the COG lists only as a former commune is placed in its successor."""
        report = _report("PTCE002", _pole_on(_territory("epci", (GRAND_ANNECY,)), "74011"))
        assert {f.severity for f in report} == {Severity.INFO}
        gone = _report("PTCE002", _pole_on(_territory("commune", ("18173",)), "18131"))
        assert [f.severity for f in gone] == [Severity.INFO, Severity.INFO]
        assert "recorded under 18131, a former commune, part of 18173 (Osmery)" in (
            gone.findings[0].message
        )

    def test_former_code_outside_says_what_it_became(self) -> None:
        """A seat under a former code outside the territory is a warning naming its commune."""
        report = _report("PTCE002", _pole_on(_territory("departement", ("26",)), "74011"))
        assert [(f.severity, f.path) for f in report] == [
            (Severity.WARNING, "$.poles[0].memberships[0]"),
            (Severity.WARNING, "$.poles[0].memberships[1]"),
        ]
        assert report.findings[0].message == (
            "member 'asso' of pôle 'p' has its seat in commune 74011 (a former commune, part of "
            "74010 (Annecy) in the COG 2024), outside the pôle's territory 'T' (COG 2024)"
        )

    def test_listed_unknown_code_holds_itself(self) -> None:
        """A seat under a code the territory lists, though unknown in the vintage, is on it."""
        report = _report("PTCE002", _pole_on(_territory("commune", ("26999",)), "26999"))
        assert report.findings == ()
        assert report.unchecked == ()

    def test_listed_former_code_needs_no_info(self) -> None:
        """A territory that lists the former code itself holds the seat with nothing to say."""
        report = _report("PTCE002", _pole_on(_territory("commune", ("74011",), 2015), "74011"))
        assert report.findings == ()
        assert report.unchecked == ()

    @pytest.mark.parametrize(
        ("territory", "seat", "paths"),
        [
            (_territory("epci", (VALENCE_ROMANS,)), "26281", []),
            (_territory("epci", (VALENCE_ROMANS,)), "26113", ["$.poles[0].memberships[1]"]),
            (_territory("region", ("82",), 2015), "26113", []),
            (_territory("region", ("83",), 2015), "26113", ["$.poles[0].memberships[1]"]),
        ],
    )
    def test_ptce001_uses_every_level(
        self, territory: Territory, seat: str, paths: list[str]
    ) -> None:
        """PTCE001 finds the enterprise outside the ESS on an EPCI or a région of 2015."""
        report = _report("PTCE001", _pole_on(territory, seat))
        assert [f.path for f in report] == [p.rsplit("[", 1)[0] for p in paths]
        assert all(f.severity is Severity.ERROR for f in report)
        warnings = _report("PTCE002", _pole_on(territory, seat))
        assert [f.path for f in warnings if f.severity is Severity.WARNING] == [
            p.replace("[1]", f"[{n}]") for p in paths for n in (0, 1)
        ]


def _places(
    seat: str, *, place: str = "26281", premises: str = "26281", year: int = 2024
) -> Ecosystem:
    return Ecosystem(
        actors=(Company(id="co", name="Co", seat=Place(commune=seat)),),
        poles=(
            Pole(
                id="p",
                name="P",
                territory=_territory("commune", ("26281",), year),
                place=Place(commune=place),
            ),
        ),
        assets=(SharedPremises(id="room", name="Room", place=Place(commune=premises)),),
    )


class TestId009:
    def test_fires_on_a_code_no_commune_has(self) -> None:
        """A seat in 26999 is reported, at the seat's commune, as a warning."""
        report = _report("ID009", _places("26999"))
        assert [(f.code, f.severity, f.path, f.subject) for f in report] == [
            ("ID009", Severity.WARNING, "$.actors[0].seat.commune", "co"),
        ]
        assert report.findings[0].message == "commune code 26999 does not exist in the COG 2024"
        assert report.findings[0].url == "https://www.insee.fr/fr/information/2560452"

    def test_names_the_successor(self) -> None:
        """A former commune's code that the COG no longer lists names the commune it became."""
        report = _report("ID009", _places("26281", premises="18131"))
        assert [(f.severity, f.path) for f in report] == [
            (Severity.WARNING, "$.assets[0].place.commune")
        ]
        assert report.findings[0].message == (
            "commune code 18131 does not exist in the COG 2024: "
            "it is a former commune, part of 18173 (Osmery)"
        )

    @pytest.mark.parametrize("code", ["26281", "69381", "74011", "98735", "2A004"])
    def test_quiet_on_communes_arrondissements_and_communes_deleguees(self, code: str) -> None:
        """A commune, an arrondissement, a commune déléguée and a COM commune exist."""
        report = _report("ID009", _places(code, place=code, premises=code))
        assert report.findings == ()
        assert report.unchecked == ()

    def test_pole_place_is_read_in_its_territorys_year(self) -> None:
        """Lugny-Bourbonnais (18131) exists in the COG 2019: a pôle of 2019 may sit there."""
        assert _report("ID009", _places("26281", place="18131", year=2019)).findings == ()
        report = _report("ID009", _places("26281", place="18131"))
        assert [f.path for f in report] == ["$.poles[0].place.commune"]
        # the seats of the same document are read in the year of its date
        assert [f.path for f in _report("ID009", _places("18131", year=2019))] == [
            "$.actors[0].seat.commune"
        ]
        assert _report("ID009", _places("18131"), day=dt.date(2019, 3, 1)).findings == ()

    def test_year_without_vintage_is_not_checked(self) -> None:
        """A code missing from the nearest vintage of a year ptcekit lacks is listed as not checked."""
        report = _report("ID009", _places("26999", premises="26998"), day=dt.date(2020, 6, 30))
        assert report.findings == ()
        assert [(u.code, u.path, u.reason) for u in report.unchecked] == [
            (
                "ID009",
                "$",
                (
                    "ptcekit ships no COG 2020, and the nearest vintage, 2021, "
                    "does not list commune codes 26999 and 26998"
                ),
            )
        ]
        assert _report("ID009", _places("26281"), day=dt.date(2020, 6, 30)).unchecked == ()

    def test_not_checked_codes_are_listed_once_and_counted(self) -> None:
        """One note per year: one code named alone, more than three cut to a count."""
        later = geo.latest_year() + 1  # a year after the newest vintage shipped
        one = _report("ID009", _places("26999"), day=dt.date(later, 1, 1))
        expected = (
            f"ptcekit ships no COG {later}, and the nearest vintage, {later - 1}, "
            "does not list commune code 26999"
        )
        assert [u.reason for u in one.unchecked] == [expected]
        eco = Ecosystem(
            actors=tuple(
                Company(id=f"c{n}", name="C", seat=Place(commune=f"2699{n}")) for n in range(5)
            )
        )
        [note] = _report("ID009", eco, day=dt.date(2020, 1, 1)).unchecked
        assert note.reason.endswith("commune codes 26990, 26991, 26992 and 2 more")


class TestId010:
    def test_fires_on_each_unknown_code(self) -> None:
        """Each code of a territory unknown in its COG year is a warning at its own path."""
        territory = Territory(
            name="Diois", level="custom", codes=("26113", "26999", "26998"), cog_year=2024
        )
        eco = Ecosystem(poles=(Pole(id="p", name="P", territory=territory),))
        report = _report("ID010", eco)
        assert [(f.code, f.severity, f.path, f.subject) for f in report] == [
            ("ID010", Severity.WARNING, "$.poles[0].territory.codes[1]", "p"),
            ("ID010", Severity.WARNING, "$.poles[0].territory.codes[2]", "p"),
        ]
        assert report.findings[0].message == (
            "commune code 26999 of territory 'Diois' names nothing in the COG 2024, "
            "the territory's cog_year"
        )

    def test_names_the_kind_of_code(self) -> None:
        """An EPCI territory's unknown SIREN is named as one."""
        eco = Ecosystem(
            poles=(Pole(id="p", name="P", territory=_territory("epci", ("732829320",))),)
        )
        [finding] = _report("ID010", eco)
        assert finding.message.startswith("EPCI SIREN 732829320 of territory 'T' names nothing")

    @pytest.mark.parametrize(
        "territory",
        [
            _territory("commune", ("74011",)),
            _territory("commune", ("18131",)),  # a former commune: stands for Osmery
            _territory("epci", (GRAND_ANNECY,)),
            _territory("region", ("82",), 2015),
            None,
        ],
    )
    def test_quiet_on_known_codes(self, territory: Territory | None) -> None:
        """Known codes, former communes and pôles without territory give nothing."""
        eco = Ecosystem(poles=(Pole(id="p", name="P", territory=territory),))
        report = _report("ID010", eco)
        assert report.findings == ()
        assert report.unchecked == ()

    def test_year_without_vintage_is_not_checked(self) -> None:
        """Unknown codes of a territory of a year ptcekit lacks are listed as not checked."""
        old = Territory(name="Old", level="commune", codes=("26999",), cog_year=2020)
        eco = Ecosystem(poles=(Pole(id="p", name="P", territory=old),))
        report = _report("ID010", eco)
        assert report.findings == ()
        assert [(u.code, u.path, u.reason) for u in report.unchecked] == [
            (
                "ID010",
                "$.poles[0].territory.codes",
                (
                    "ptcekit ships no COG 2020, and the nearest vintage, 2021, "
                    "does not know the commune code 26999 of territory 'Old'"
                ),
            )
        ]


class TestNearestYear:
    def test_nearest_year(self) -> None:
        """nearest_year gives the shipped vintage, else the nearest, the later on a tie."""
        assert geo.nearest_year(2024) == 2024
        assert geo.nearest_year(2020) == 2021
        assert geo.nearest_year(1900) == geo.years()[0]
        assert geo.nearest_year(3000) == geo.latest_year()

    @pytest.mark.parametrize("bad", ["2024", 2024.0, True, None])
    def test_bad_year(self, bad: object) -> None:
        """A year that is no int raises InvalidFormat naming the value."""
        with pytest.raises(IdentifierError, match="COG year"):
            geo.nearest_year(bad)  # type: ignore[arg-type]  # the error is what is tested
