"""Build ptcekit's dated gazetteer (src/ptcekit/geo/data/) from @etalab/decoupage-administratif.

For maintainers only: it is never run at install, import or test time. It fetches, with
``npm pack``, the one version of the npm package ``@etalab/decoupage-administratif`` that
holds each COG vintage (``VINTAGES`` below, from the table "Millésimes et versions de
package" of the package's README), checks each tarball against the integrity recorded in
``src/ptcekit/geo/data/manifest.json`` (or records it, with ``--update``), and compiles
its communes, EPCI, départements and régions into one gzip-compressed JSON file per
vintage, with columns instead of records.

Run from the repository root::

    python scripts/build_cog.py             # rebuild from the recorded inputs, check them
    python scripts/build_cog.py --update    # after changing VINTAGES: record new inputs
    python scripts/build_cog.py --check     # exit 1 if the shipped files differ from a build

The tarballs are kept in ``.cache/cog-npm/`` (``--cache`` to change it), so a second run
needs no network; the test suite compares the shipped data with a build from that cache
when it is there.

To add a new year: read the README of the newest version (``npm view
@etalab/decoupage-administratif versions --json``, then ``npm pack`` it), add the year
and its version to ``VINTAGES``, and run with ``--update``.
"""

from __future__ import annotations

import argparse
import base64
import gzip
import hashlib
import io
import json
import subprocess
import sys
import tarfile
from array import array
from itertools import accumulate
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "src" / "ptcekit" / "geo" / "data"
CACHE = ROOT / ".cache" / "cog-npm"
PACKAGE = "@etalab/decoupage-administratif"

#: The package version that holds each COG vintage, as the package's README lists them.
#: The README says 2020 is not available (0.8.0 has the communes of 2019 with the EPCI
#: of 2020), so 2020 is not shipped.
VINTAGES: dict[int, str] = {
    2019: "0.7.0",
    2021: "1.1.1",
    2022: "2.3.1",
    2023: "3.1.1",
    2024: "4.1.0",
    2025: "5.3.0",
    2026: "6.0.0",
}

LICENCE = "Licence Ouverte 2.0 (etalab-2.0)"
LICENCE_URL = "https://www.etalab.gouv.fr/licence-ouverte-open-licence"
ATTRIBUTION = (
    "COG (INSEE) and EPCI (DGCL) data, compiled by Etalab in the npm package "
    "@etalab/decoupage-administratif, under the Licence Ouverte 2.0"
)

#: Codes of the communes' types in the compiled files.
TYPES = {
    "commune-actuelle": "COM",
    "arrondissement-municipal": "ARM",
    "commune-deleguee": "COMD",
    "commune-associee": "COMA",
}
#: The order in which records of one code are kept: the commune itself first.
TYPE_ORDER = {"COM": 0, "ARM": 1, "COMD": 2, "COMA": 3}

#: The 27 régions of the COG from 2011 (Mayotte a département and a région on
#: 31 March 2011) to 2015, with their départements: INSEE's COG 2015 (files
#: reg2015 and depts2015), as a public copy of them gives it
#: (https://github.com/lexman/code_officiel_geographique, data/fr-regions.tsv and
#: data/fr-departements.tsv, which this table equals). The successor of each, from
#: 1 January 2016, is that of Etalab's geohisto (exports/regions/regions.csv,
#: https://github.com/etalab/geohisto); ``build_regions_2015`` checks every
#: département against the régions of 2019 through those successors.
REGIONS_2015: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("01", "Guadeloupe", "01", ("971",)),
    ("02", "Martinique", "02", ("972",)),
    ("03", "Guyane", "03", ("973",)),
    ("04", "La Réunion", "04", ("974",)),
    ("06", "Mayotte", "06", ("976",)),
    ("11", "Île-de-France", "11", ("75", "77", "78", "91", "92", "93", "94", "95")),
    ("21", "Champagne-Ardenne", "44", ("08", "10", "51", "52")),
    ("22", "Picardie", "32", ("02", "60", "80")),
    ("23", "Haute-Normandie", "28", ("27", "76")),
    ("24", "Centre", "24", ("18", "28", "36", "37", "41", "45")),
    ("25", "Basse-Normandie", "28", ("14", "50", "61")),
    ("26", "Bourgogne", "27", ("21", "58", "71", "89")),
    ("31", "Nord-Pas-de-Calais", "32", ("59", "62")),
    ("41", "Lorraine", "44", ("54", "55", "57", "88")),
    ("42", "Alsace", "44", ("67", "68")),
    ("43", "Franche-Comté", "27", ("25", "39", "70", "90")),
    ("52", "Pays de la Loire", "52", ("44", "49", "53", "72", "85")),
    ("53", "Bretagne", "53", ("22", "29", "35", "56")),
    ("54", "Poitou-Charentes", "75", ("16", "17", "79", "86")),
    ("72", "Aquitaine", "75", ("24", "33", "40", "47", "64")),
    ("73", "Midi-Pyrénées", "76", ("09", "12", "31", "32", "46", "65", "81", "82")),
    ("74", "Limousin", "75", ("19", "23", "87")),
    ("82", "Rhône-Alpes", "84", ("01", "07", "26", "38", "42", "69", "73", "74")),
    ("83", "Auvergne", "84", ("03", "15", "43", "63")),
    ("91", "Languedoc-Roussillon", "76", ("11", "30", "34", "48", "66")),
    ("93", "Provence-Alpes-Côte d'Azur", "93", ("04", "05", "06", "13", "83", "84")),
    ("94", "Corse", "94", ("2A", "2B")),
)
REGIONS_2015_YEARS = (2011, 2015)
REGIONS_2015_SOURCE = (
    "INSEE, Code officiel géographique 2015 (reg2015, depts2015), "
    "https://www.insee.fr/fr/information/2560452, as copied in "
    "https://github.com/lexman/code_officiel_geographique; successors from 2016 as in "
    "Etalab's geohisto, https://github.com/etalab/geohisto"
)


def integrity_of(blob: bytes) -> str:
    """The npm ``integrity`` string (SRI, sha512) of a tarball."""
    return "sha512-" + base64.b64encode(hashlib.sha512(blob).digest()).decode("ascii")


def tarball_name(version: str) -> str:
    """The file name ``npm pack`` gives the tarball of ``version``."""
    return f"etalab-decoupage-administratif-{version}.tgz"


def fetch(version: str, cache: Path) -> Path:
    """The cached tarball of ``version``, fetched with ``npm pack`` if it is not there."""
    path = cache / tarball_name(version)
    if not path.exists():
        cache.mkdir(parents=True, exist_ok=True)
        subprocess.run(  # noqa: S603 -- fixed arguments, no shell
            ["npm", "pack", f"{PACKAGE}@{version}", "--pack-destination", str(cache)],  # noqa: S607 -- npm from the maintainer's PATH
            check=True,
            stdout=subprocess.DEVNULL,
        )
    return path


def read_package(blob: bytes) -> dict[str, Any]:
    """The JSON files of a tarball's ``package/data/`` (and its package.json), parsed."""
    files: dict[str, Any] = {}
    with tarfile.open(fileobj=io.BytesIO(blob), mode="r:gz") as tar:
        for member in tar.getmembers():
            name = member.name.removeprefix("package/")
            if name in {
                "package.json",
                "data/communes.json",
                "data/epci.json",
                "data/departements.json",
                "data/regions.json",
            }:
                handle = tar.extractfile(member)
                if handle is None:  # pragma: no cover -- the names above are regular files
                    continue
                files[name.removeprefix("data/")] = json.loads(handle.read())
    return files


def packed(typecode: str, values: list[int]) -> str:
    """Integers as the hexadecimal text of little-endian machine integers (``h`` or ``i``).

    The loader reads them into an :class:`array.array` without making an object per
    integer, which saves time and memory.
    """
    packed = array(typecode, values)
    if sys.byteorder == "big":  # pragma: no cover -- the development machines are little-endian
        packed.byteswap()
    return packed.tobytes().hex()


def _collectivite(record: dict[str, Any]) -> str | None:
    """The collectivité d'outre-mer of a commune record, in either layout of the package."""
    old = record.get("collectiviteOutremer")
    if isinstance(old, dict):
        return str(old["code"])
    if record.get("zone") == "com":
        return str(record["departement"])
    return None


def compile_vintage(year: int, files: dict[str, Any]) -> dict[str, Any]:  # noqa: PLR0912 -- one linear pass per table
    """Compile the parsed files of one vintage into the shipped columnar layout."""
    overseas = {str(d["code"]) for d in files["departements.json"] if d.get("zone") == "com"} | {
        str(r["code"]) for r in files["regions.json"] if r.get("zone") == "com"
    }
    regions = sorted(
        (str(r["code"]), str(r["nom"]))
        for r in files["regions.json"]
        if str(r["code"]) not in overseas
    )
    region_index = {code: i for i, (code, _) in enumerate(regions)}
    departements = sorted(
        (str(d["code"]), str(d["nom"]), str(d["region"]))
        for d in files["departements.json"]
        if str(d["code"]) not in overseas
    )
    departement_index = {code: i for i, (code, _, _) in enumerate(departements)}
    for code, _, region in departements:
        if region not in region_index:
            message = f"{year}: département {code} is in unknown région {region}"
            raise SystemExit(message)

    records = []
    for record in files["communes.json"]:
        kind = TYPES[record["type"]]
        collectivite = _collectivite(record)
        if collectivite is None:
            departement, region = str(record["departement"]), str(record["region"])
            if departements[departement_index[departement]][2] != region:
                message = (
                    f"{year}: commune {record['code']} has région {region}, its département another"
                )
                raise SystemExit(message)
        else:
            departement = region = ""
        parent = record.get("commune") if kind == "ARM" else record.get("chefLieu")
        if kind == "COM":
            parent = None
        records.append(
            (
                str(record["code"]),
                TYPE_ORDER[kind],
                str(record["nom"]),
                kind,
                departement,
                collectivite or "",
                None if parent is None else str(parent),
                str(record.get("siren") or ""),
                tuple(sorted(str(c) for c in record.get("anciensCodes", ()))),
            )
        )
    records.sort(key=lambda r: (r[0], r[1]))
    for r in records:
        if r[7] and not (len(r[7]) == 9 and r[7].isdigit()):
            message = f"{year}: commune {r[0]} has SIREN {r[7]!r}"
            raise SystemExit(message)
    # the first record of each code: the commune itself when the code has one (sort order)
    row_of_commune = {r[0]: i for i, r in reversed(list(enumerate(records)))}
    for r in records:
        if r[3] != "COM" and (r[6] is None or records[row_of_commune[r[6]]][3] != "COM"):
            message = f"{year}: {r[3]} {r[0]} belongs to no commune (got {r[6]!r})"
            raise SystemExit(message)

    # former communes: the package's anciensCodes, and the communes déléguées and
    # associées of the commune (each one a former commune), whichever the vintage lists
    former: dict[str, set[str]] = {}
    for r in records:
        if r[8]:
            former.setdefault(r[0], set()).update(r[8])
        if r[3] in {"COMD", "COMA"} and r[6] is not None and r[0] != r[6]:
            former.setdefault(r[6], set()).add(r[0])

    epcis = sorted(files["epci.json"], key=lambda e: str(e["code"]))
    epci_of: dict[str, int] = {}
    for i, epci in enumerate(epcis):
        for member in epci["membres"]:
            code = str(member["code"])
            if code in epci_of:
                message = f"{year}: commune {code} is in two EPCI"
                raise SystemExit(message)
            first = records[row_of_commune[code]]
            if first[3] != "COM":
                message = f"{year}: EPCI {epci['code']} has member {code}, not a commune"
                raise SystemExit(message)
            epci_of[code] = i

    return {
        "format": 1,
        "year": year,
        "regions": {"code": [c for c, _ in regions], "name": [n for _, n in regions]},
        "departements": {
            "code": [c for c, _, _ in departements],
            "name": [n for _, n, _ in departements],
            "region": [region_index[r] for _, _, r in departements],
        },
        "communes": {
            "code": [r[0] for r in records],
            # the names end to end, and where each one starts: one string, not one per record
            "name": "".join(r[2] for r in records),
            "name_start": packed("i", list(accumulate((len(r[2]) for r in records), initial=0))),
            # one character per record: 0 COM, 1 ARM, 2 COMD, 3 COMA (fewer objects to load)
            "type": "".join(str(TYPE_ORDER[r[3]]) for r in records),
            "departement": packed("h", [departement_index[r[4]] if r[4] else -1 for r in records]),
            "collectivite": {r[0]: r[5] for r in records if r[5]},
            "parent": packed("i", [-1 if r[6] is None else row_of_commune[r[6]] for r in records]),
            # 9 characters per record, spaces when the vintage gives none
            "siren": "".join(r[7] or " " * 9 for r in records),
            "epci": packed("h", [epci_of.get(r[0], -1) if r[3] == "COM" else -1 for r in records]),
            "former": {code: sorted(codes) for code, codes in sorted(former.items())},
        },
        "epci": {
            "siren": [str(e["code"]) for e in epcis],
            "name": [str(e["nom"]) for e in epcis],
            "nature": [str(e["type"]) for e in epcis],
            "financing": [str(e["modeFinancement"]) for e in epcis],
        },
    }


def build_regions_2015(newest_2019: dict[str, Any]) -> dict[str, Any]:
    """The pre-2016 régions, checked against the régions of the COG 2019."""
    dep = newest_2019["departements"]
    region_of_2019 = {
        code: newest_2019["regions"]["code"][r]
        for code, r in zip(dep["code"], dep["region"], strict=True)
    }
    seen: set[str] = set()
    for code, name, successor, departements in REGIONS_2015:
        for d in departements:
            if region_of_2019.get(d) != successor:
                message = f"région {code} ({name}): département {d} is not in {successor} in 2019"
                raise SystemExit(message)
        seen.update(departements)
    if seen != set(region_of_2019):
        message = (
            f"the régions of 2015 miss or add départements: {sorted(seen ^ set(region_of_2019))}"
        )
        raise SystemExit(message)
    return {
        "format": 1,
        "years": list(REGIONS_2015_YEARS),
        "source": REGIONS_2015_SOURCE,
        "regions": [
            {"code": code, "name": name, "successor": successor, "departements": list(deps)}
            for code, name, successor, deps in REGIONS_2015
        ],
        "departements": {
            code: name for code, name in zip(dep["code"], dep["name"], strict=True) if code in seen
        },
    }


def dumps(value: Any) -> bytes:
    """The compact, deterministic JSON bytes of ``value``."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()


def compress(raw: bytes) -> bytes:
    """``raw`` gzip-compressed, with no time stamp, so that builds repeat byte for byte."""
    return gzip.compress(raw, compresslevel=9, mtime=0)


def build(cache: Path, manifest: dict[str, Any] | None) -> tuple[dict[str, Any], dict[str, bytes]]:
    """Build every vintage from the cached tarballs; return the manifest and the files.

    With a ``manifest``, each tarball must match its recorded integrity; without one
    (``--update``), the integrity of what npm fetched is recorded.
    """
    recorded = {v["year"]: v for v in (manifest or {}).get("vintages", ())}
    vintages = []
    files: dict[str, bytes] = {}
    compiled: dict[int, dict[str, Any]] = {}
    for year, version in sorted(VINTAGES.items()):
        blob = fetch(version, cache).read_bytes()
        integrity = integrity_of(blob)
        if manifest is not None and recorded.get(year, {}).get("integrity") != integrity:
            message = f"{tarball_name(version)} does not match the integrity recorded for {year}"
            raise SystemExit(message)
        package = read_package(blob)
        if package["package.json"]["version"] != version:
            message = f"{tarball_name(version)} holds version {package['package.json']['version']}"
            raise SystemExit(message)
        compiled[year] = compile_vintage(year, package)
        name = f"cog{year}.json.gz"
        files[name] = compress(dumps(compiled[year]))
        vintages.append(
            {
                "year": year,
                "cog_date": f"{year}-01-01",
                "file": name,
                "package": PACKAGE,
                "version": version,
                "tarball": f"https://registry.npmjs.org/{PACKAGE}/-/{tarball_name(version).removeprefix('etalab-')}",
                "integrity": integrity,
                "licence": LICENCE,
                "licence_url": LICENCE_URL,
            }
        )
    files["regions2015.json"] = dumps(build_regions_2015(compiled[min(compiled)])) + b"\n"
    new_manifest = {
        "format": 1,
        "attribution": ATTRIBUTION,
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
        "source": "https://github.com/etalab/decoupage-administratif",
        "vintages": vintages,
        "regions2015": {
            "file": "regions2015.json",
            "years": list(REGIONS_2015_YEARS),
            "source": REGIONS_2015_SOURCE,
        },
    }
    return new_manifest, files


def manifest_bytes(manifest: dict[str, Any]) -> bytes:
    """The manifest as it is written: indented JSON, for readable diffs."""
    return (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode()


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, default=CACHE, help="folder of the npm tarballs")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--update", action="store_true", help="record the inputs' integrity anew")
    mode.add_argument("--check", action="store_true", help="exit 1 if the shipped files differ")
    args = parser.parse_args(argv)
    manifest_path = DATA / "manifest.json"
    old = None if args.update else json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest, files = build(args.cache, old)
    files["manifest.json"] = manifest_bytes(manifest)
    if args.check:
        stale = [name for name, blob in files.items() if (DATA / name).read_bytes() != blob]
        for name in stale:
            sys.stdout.write(f"out of date: {DATA / name}\n")
        return 1 if stale else 0
    DATA.mkdir(parents=True, exist_ok=True)
    for name, blob in files.items():
        (DATA / name).write_bytes(blob)
    total = sum(len(blob) for blob in files.values())
    sys.stdout.write(f"wrote {len(files)} files, {total / 1e6:.2f} MB, to {DATA}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
