"""Tests of ptcekit.geo: the shipped COG vintages and the look-ups on them."""

from __future__ import annotations

import gzip
import importlib.util
import itertools
import json
import pickle
import subprocess
import sys
import threading
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ptcekit import geo
from ptcekit.errors import InvalidFormat, PtcekitError
from ptcekit.geo import CommuneType, UnknownPlaceError, VintageError

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "src" / "ptcekit" / "geo" / "data"
YEARS = geo.years()


def _raw(year: int) -> dict[str, Any]:
    """The shipped file of ``year``, parsed."""
    result: dict[str, Any] = json.loads(gzip.decompress((DATA / f"cog{year}.json.gz").read_bytes()))
    return result


def _build_script() -> ModuleType:
    """scripts/build_cog.py, imported as a module."""
    spec = importlib.util.spec_from_file_location("build_cog", ROOT / "scripts" / "build_cog.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class TestVintages:
    def test_years_from_2019_to_the_newest(self) -> None:
        """Every vintage of the source from 2019 is shipped; 2020, which it lacks, is not."""
        assert YEARS[0] == 2019
        assert 2020 not in YEARS
        assert list(YEARS[1:]) == list(range(2021, YEARS[-1] + 1))
        assert geo.latest_year() == YEARS[-1] >= 2026

    def test_region_years_add_2011_to_2015(self) -> None:
        """Régions and départements are known for 2011–2015 besides the vintages."""
        assert geo.region_years() == (2011, 2012, 2013, 2014, 2015, *YEARS)

    def test_each_vintage_records_its_source(self) -> None:
        """Each vintage names its npm version, tarball integrity, COG date and licence."""
        script = _build_script()
        for vintage in geo.vintages():
            assert vintage.version == script.VINTAGES[vintage.year]
            assert vintage.cog_date.isoformat() == f"{vintage.year}-01-01"
            assert vintage.integrity.startswith("sha512-")
            assert vintage.licence == "Licence Ouverte 2.0 (etalab-2.0)"
            assert vintage.tarball.endswith(f"decoupage-administratif-{vintage.version}.tgz")
        assert [v.year for v in geo.vintages()] == list(YEARS)
        assert "Licence Ouverte 2.0" in geo.attribution()

    def test_shipped_data_is_what_the_script_builds(self) -> None:
        """The compiled files equal a build from the recorded npm tarballs, when they are cached."""
        script = _build_script()
        cache = script.CACHE
        missing = [
            v for v in script.VINTAGES.values() if not (cache / script.tarball_name(v)).exists()
        ]
        if missing:
            # The one skip of the suite: the check needs the npm tarballs, which tests never
            # download (nothing is fetched at test time); `python scripts/build_cog.py` fills
            # the cache, and this test then runs.
            pytest.skip(f"npm tarballs not in {cache}: {', '.join(missing)}")
        shipped = json.loads((DATA / "manifest.json").read_text(encoding="utf-8"))
        manifest, files = script.build(cache, shipped)
        assert manifest == shipped
        for name, blob in files.items():
            if name.endswith(".gz"):
                assert json.loads(gzip.decompress(blob)) == json.loads(
                    gzip.decompress((DATA / name).read_bytes())
                ), name
            else:
                assert json.loads(blob) == json.loads((DATA / name).read_bytes()), name


class TestEveryCode:
    @pytest.mark.parametrize("year", YEARS)
    def test_every_record_exists_with_its_departement_and_region(self, year: int) -> None:
        """Every code of a vintage exists in it, in the département its code names, in that one's région."""
        raw = _raw(year)
        assert len(raw["communes"]["code"]) > 37_000
        region_of = {d: geo.departement(d, year).region for d in raw["departements"]["code"]}
        for code in dict.fromkeys(raw["communes"]["code"]):
            assert geo.exists(code, year)
            for record in geo.commune_records(code, year):
                assert record.code == code
                assert record.year == year
                if record.collectivite is not None:
                    assert (record.departement, record.region) == (None, None)
                    assert code.startswith(record.collectivite)
                elif record.parent is None:
                    assert record.departement is not None
                    assert code.startswith(record.departement)
                    assert region_of[record.departement] == record.region
                else:
                    # a former commune keeps its code when its commune nouvelle is in another
                    # département: Escaufourt (02285, Aisne) is associée to Saint-Souplet (59545, Nord)
                    parent = geo.commune(record.parent, year)
                    assert (record.departement, record.region) == (
                        parent.departement,
                        parent.region,
                    )

    @pytest.mark.parametrize("year", YEARS)
    def test_every_epci_member_resolves(self, year: int) -> None:
        """Every member of every EPCI is a commune (type COM) of that year that names the EPCI."""
        sirens = _raw(year)["epci"]["siren"]
        assert len(sirens) > 1_200
        members = 0
        for siren in sirens:
            epci = geo.epci(siren, year)
            assert epci.members
            for code in epci.members:
                commune = geo.commune(code, year)
                assert commune.type is CommuneType.COM
                assert commune.epci == siren
            assert [c.code for c in geo.communes_of_epci(siren, year)] == list(epci.members)
            members += len(epci.members)
        assert members > 34_800

    @pytest.mark.parametrize(("older", "newer"), list(itertools.pairwise(YEARS)))
    def test_every_code_of_a_year_resolves_the_next(self, older: int, newer: int) -> None:
        """Each code of a vintage gives a commune in the next one: itself, its commune or its successor."""
        for code in dict.fromkeys(_raw(older)["communes"]["code"]):
            assert geo.commune_of(code, newer).type is CommuneType.COM

    def test_regions_hold_their_departements(self) -> None:
        """The départements of a région name it back, and the communes of a région are those of its départements."""
        for year in (YEARS[0], YEARS[-1]):
            region = geo.region("84", year)
            assert len(region.departements) == 12
            for code in region.departements:
                assert geo.departement(code, year).region == "84"
            by_departement = sorted(
                c.code for d in region.departements for c in geo.communes_of_departement(d, year)
            )
            assert [c.code for c in geo.communes_of_region("84", year)] == by_departement


class TestKnownFacts:
    def test_commune(self) -> None:
        """Die is commune 26113 of the Drôme, in Auvergne-Rhône-Alpes, in the CC du Diois."""
        die = geo.commune("26113", 2024)
        assert (die.name, die.type, die.departement, die.region) == ("Die", "COM", "26", "84")
        assert die.siren == "212601132"
        assert die.epci is not None
        assert geo.epci(die.epci, 2024).name == "CC du Diois"
        assert die.parent is None

    def test_commune_nouvelle_and_its_former_communes(self) -> None:
        """Annecy-le-Vieux (74011), merged into Annecy (74010) in 2017, is a commune déléguée of it."""
        annecy = geo.commune("74010", 2024)
        assert annecy.type is CommuneType.COM
        assert {"74011", "74093", "74182", "74217", "74268"} <= set(annecy.former_codes)
        old = geo.commune("74011", 2024)
        assert (old.name, old.type, old.parent) == ("Annecy-le-Vieux", CommuneType.COMD, "74010")
        assert geo.commune_of("74011", 2024).code == "74010"
        assert old.epci == annecy.epci
        assert [r.type for r in geo.commune_records("74010", 2024)] == ["COM", "COMD"]

    def test_merger_between_two_vintages(self) -> None:
        """Saint-Sulpice-de-Cognac (16355) is a commune in 2023 and part of Val-de-Cognac (16097) from 2024."""
        assert geo.commune("16355", 2023).type is CommuneType.COM
        assert geo.commune_of("16355", 2023).code == "16355"
        assert geo.commune("16355", 2024).type is CommuneType.COMD
        assert geo.commune_of("16355", 2024).name == "Val-de-Cognac"
        assert "16355" in geo.commune("16097", 2024).former_codes
        assert "16355" not in geo.commune("16097", 2023).former_codes

    def test_former_code_gone_from_the_vintage(self) -> None:
        """A former code no record carries resolves to its successor, and commune() says so."""
        assert not geo.exists("01018", 2026)
        assert geo.commune_of("01018", 2026).code == "01033"
        with pytest.raises(UnknownPlaceError, match=r"former commune of 01033 \(Valserhône\)"):
            geo.commune("01018", 2026)

    def test_arrondissement(self) -> None:
        """Lyon 1er (69381) is an arrondissement municipal of Lyon (69123)."""
        first = geo.commune("69381")
        assert (first.type, first.parent) == (CommuneType.ARM, "69123")
        assert geo.commune_of("69381").name == "Lyon"
        assert first.epci == geo.commune("69123").epci

    def test_commune_of_a_collectivite_d_outre_mer(self) -> None:
        """Miquelon-Langlade (97501) is a commune of Saint-Pierre-et-Miquelon, in no département."""
        for year in (YEARS[0], YEARS[-1]):
            commune = geo.commune("97501", year)
            assert commune.type is CommuneType.COM
            assert (commune.collectivite, commune.departement, commune.region) == (
                "975",
                None,
                None,
            )

    def test_region_of_2015(self) -> None:
        """Région 82 is Rhône-Alpes in 2015, with its 8 départements, and part of 84 from 2016."""
        rhone_alpes = geo.region("82", 2015)
        assert rhone_alpes.name == "Rhône-Alpes"
        assert rhone_alpes.departements == ("01", "07", "26", "38", "42", "69", "73", "74")
        assert rhone_alpes.successor == "84"
        assert geo.departement("26", 2015).region == "82"
        assert geo.departement("26", 2015).name == "Drôme"
        assert geo.departement("63", 2011).region == "83"
        with pytest.raises(UnknownPlaceError, match="in the COG 2019"):
            geo.region("82", 2019)
        with pytest.raises(UnknownPlaceError, match="no région with code '84' in the COG 2015"):
            geo.region("84", 2015)
        with pytest.raises(UnknownPlaceError, match="no département"):
            geo.departement("975", 2015)

    def test_there_are_27_regions_in_2015(self) -> None:
        """The régions of 2011–2015 are 27 and cover the 101 départements."""
        old = [
            "01",
            "02",
            "03",
            "04",
            "06",
            "11",
            "21",
            "22",
            "23",
            "24",
            "25",
            "26",
            "31",
            "41",
            "42",
            "43",
            "52",
            "53",
            "54",
            "72",
            "73",
            "74",
            "82",
            "83",
            "91",
            "93",
            "94",
        ]
        departements = [d for c in old for d in geo.region(c, 2013).departements]
        assert len(old) == 27
        assert len(departements) == len(set(departements)) == 101
        in_2019 = [
            d for c in _raw(2019)["regions"]["code"] for d in geo.region(c, 2019).departements
        ]
        assert set(departements) == set(in_2019)

    def test_search(self) -> None:
        """Search folds accents, case and punctuation, and a département picks among homonyms."""
        assert [c.code for c in geo.search("die", departement="26", year=2024)] == ["26113"]
        assert [c.code for c in geo.search("SAINT ETIENNE", year=2024)] == ["42218"]
        everywhere = geo.search("Saint-Denis", year=2024)
        assert len(everywhere) > 2
        assert [c.code for c in geo.search("saint denis", departement="93", year=2024)] == ["93066"]
        assert geo.search("Annecy-le-Vieux", year=2024)[0].type is CommuneType.COMD
        assert geo.search("nowhere at all", year=2024) == ()
        assert [c.type for c in geo.search("annecy", year=2024)] == ["COM", "COMD"]


class TestErrors:
    def test_unknown_commune(self) -> None:
        """A code no commune has is refused, naming the code and the vintage."""
        with pytest.raises(UnknownPlaceError) as info:
            geo.commune("26999", 2024)
        assert str(info.value) == "no commune with code '26999' in the COG 2024"
        assert isinstance(info.value, KeyError)
        assert isinstance(info.value, PtcekitError)
        assert (info.value.kind, info.value.code, info.value.year) == ("commune", "26999", 2024)
        with pytest.raises(UnknownPlaceError, match="'26999'"):
            geo.commune_of("26999", 2024)

    def test_unknown_year_names_the_nearest(self) -> None:
        """A year with no vintage is refused, naming the nearest ones."""
        with pytest.raises(VintageError) as info:
            geo.commune("26113", 2020)
        assert info.value.nearest == (2019, 2021)
        assert "no COG 2020 vintage of communes" in str(info.value)
        assert "the nearest is 2019 or 2021" in str(info.value)
        with pytest.raises(VintageError, match="the nearest is 2019"):
            geo.exists("26113", 2015)
        with pytest.raises(VintageError, match=f"the nearest is {YEARS[-1]}"):
            geo.epci("242600534", 2100)
        with pytest.raises(VintageError, match=r"of régions .* the nearest is 2015"):
            geo.region("84", 2016)
        with pytest.raises(VintageError, match="the nearest is 2011"):
            geo.departement("26", 1999)
        with pytest.raises(VintageError, match="the nearest is 2019"):
            geo.communes_of_region("82", 2015)

    def test_bad_types(self) -> None:
        """A code or a year of the wrong type is a ptcekit error, never a bare TypeError."""
        with pytest.raises(InvalidFormat, match="commune code"):
            geo.commune(26113)  # type: ignore[arg-type] # the wrong type on purpose
        with pytest.raises(InvalidFormat, match="COG year"):
            geo.commune("26113", "2024")  # type: ignore[arg-type] # the wrong type on purpose
        with pytest.raises(InvalidFormat, match="COG year"):
            geo.region("84", True)
        with pytest.raises(InvalidFormat, match="commune name"):
            geo.search(None)  # type: ignore[arg-type] # the wrong type on purpose
        assert geo.exists(["26113"]) is False
        assert geo.exists(" 2a004 ") is True

    def test_unknown_departement_region_epci(self) -> None:
        """Unknown départements, régions and EPCI are refused with their kind and code."""
        with pytest.raises(UnknownPlaceError, match="no département with code '20'"):
            geo.departement("20")
        with pytest.raises(UnknownPlaceError, match="no région with code '82'"):
            geo.communes_of_region("82")
        with pytest.raises(UnknownPlaceError, match="no EPCI with code '123456789'"):
            geo.communes_of_epci("123 456 789")
        with pytest.raises(UnknownPlaceError, match="no département with code '99'"):
            geo.search("die", departement="99")
        with pytest.raises(UnknownPlaceError, match="no département"):
            geo.communes_of_departement("975")

    def test_errors_pickle(self) -> None:
        """The errors survive pickling with their attributes."""
        for error in (
            UnknownPlaceError("commune", "26999", 2024, "a hint"),
            VintageError(2020, "communes", YEARS),
        ):
            copy = pickle.loads(pickle.dumps(error))
            assert type(copy) is type(error)
            assert str(copy) == str(error)


class TestLoading:
    def test_import_loads_no_data(self) -> None:
        """Importing ptcekit and ptcekit.geo reads no data file; the first look-up loads one vintage."""
        code = (
            "import sys, ptcekit, ptcekit.geo as g, ptcekit.geo._store as s;"
            "assert s._MANIFEST is None and not s._VINTAGES;"
            "g.commune('26113');"
            "assert set(s._VINTAGES) == {None, g.latest_year()}, s._VINTAGES;"
            "print('ok')"
        )
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=False
        )
        assert result.stdout.strip() == "ok", result.stderr

    def test_threads_load_one_vintage_once(self) -> None:
        """Concurrent first look-ups of a year share one loaded vintage."""
        from ptcekit.geo import _store

        year = YEARS[1]
        _store._VINTAGES.pop(year, None)
        seen: list[object] = []

        def look() -> None:
            geo.commune("26113", year)
            seen.append(_store._VINTAGES[year])

        threads = [threading.Thread(target=look) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert len(seen) == 4
        assert all(s is seen[0] for s in seen)

    def test_reprs_read_well(self) -> None:
        """Values print their key facts, enums their qualified names."""
        assert repr(geo.epci("242600534", 2024)) == (
            "Epci(siren='242600534', name='CC du Diois', nature=EpciNature.CC, year=2024)"
        )
        assert repr(geo.departement("26", 2024)) == (
            "Departement(code='26', name='Drôme', region='84', year=2024)"
        )
        assert repr(geo.region("84", 2024)) == (
            "Region(code='84', name='Auvergne-Rhône-Alpes', year=2024)"
        )
        assert repr(geo.vintages()[0]).startswith(
            "Vintage(year=2019, cog_date=datetime.date(2019, 1, 1)"
        )

    def test_unknown_code_records_and_normalised_codes(self) -> None:
        """An unknown code has no records; a code with spaces or lower case is found."""
        assert geo.commune_records("26999", 2024) == ()
        assert geo.commune(" 2a004 ", 2024).name == "Ajaccio"
        assert geo.commune_of(" 69381 ", 2024).code == "69123"
        assert geo.region(" 84 ").code == "84"

    def test_lookups_are_cached_values(self) -> None:
        """A second look-up returns the same frozen value."""
        assert geo.commune("26113") is geo.commune("26113")
        with pytest.raises(AttributeError):
            geo.commune("26113").name = "x"  # type: ignore[misc] # frozen on purpose


def _sample(year: int) -> list[str]:
    return list(dict.fromkeys(_raw(year)["communes"]["code"]))


CODES = {year: _sample(year) for year in (YEARS[0], YEARS[-1])}


class TestProperties:
    @given(data=st.data())
    def test_lookup_round_trips(self, data: st.DataObject) -> None:
        """Any shipped code looks up to a record of that code, found again by its name."""
        year = data.draw(st.sampled_from(sorted(CODES)))
        code = data.draw(st.sampled_from(CODES[year]))
        commune = geo.commune(code, year)
        assert commune.code == code
        assert geo.exists(code.lower(), year)
        assert commune in geo.search(commune.name, departement=commune.departement, year=year)
        home = geo.commune_of(code, year)
        assert home.type is CommuneType.COM
        assert home.code == (commune.parent or code)

    @given(code=st.text(max_size=6))
    def test_junk_codes_never_crash(self, code: str) -> None:
        """Any text is either a known code or an UnknownPlaceError."""
        if geo.exists(code):
            assert geo.commune(code).code == code.strip().upper()
        else:
            with pytest.raises(UnknownPlaceError):
                geo.commune(code)
