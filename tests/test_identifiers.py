"""Tests of ptcekit.identifiers: one interface, one class of tests per identifier kind."""

from __future__ import annotations

import pickle
import re
import types

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from stdnum import exceptions as stdnum_errors
from stdnum.eu import nace as stdnum_nace
from stdnum.fr import siren as stdnum_siren
from stdnum.fr import siret as stdnum_siret

from ptcekit import identifiers
from ptcekit.errors import (
    IdentifierError,
    InvalidChecksum,
    InvalidComponent,
    InvalidFormat,
    InvalidLength,
)
from ptcekit.identifiers import (
    LegalCategory,
    LegalFamily,
    NafVersion,
    commune,
    currency,
    departement,
    legal_category,
    naf,
    region,
    rna,
    siren,
    siret,
)
from ptcekit.model import Company

MODULES: tuple[types.ModuleType, ...] = (
    commune,
    currency,
    departement,
    legal_category,
    naf,
    region,
    rna,
    siren,
    siret,
)

KINDS = {
    commune: "commune code",
    currency: "currency code",
    departement: "département code",
    legal_category: "catégorie juridique",
    naf: "NAF rév. 2 code",
    region: "région code",
    rna: "RNA",
    siren: "SIREN",
    siret: "SIRET",
}


def ruff_order(name: str) -> tuple[int, str]:
    """Sort key of ruff's RUF022: CONSTANTS, then Classes, then functions."""
    rank = 0 if name.isupper() else 1 if name[:1].isupper() else 2
    return (rank, name)


JUNK = st.one_of(st.none(), st.integers(), st.text(), st.binary(), st.floats())


def raises(
    module: types.ModuleType, value: object, error: type[IdentifierError]
) -> IdentifierError:
    """Validate ``value`` and return the error, checking it is exactly ``error``."""
    with pytest.raises(IdentifierError) as info:
        module.validate(value)
    caught = info.value
    assert type(caught) is error
    assert caught.check == error.check
    assert caught.kind == module.KIND
    assert caught.value == value
    assert caught.reason
    return caught


# -- strategies --------------------------------------------------------------


def luhn_digit(payload: str) -> str:
    """Return the digit that makes ``payload + digit`` pass the Luhn check."""
    total = 0
    for position, char in enumerate(reversed(payload)):
        digit = int(char)
        if position % 2 == 0:  # doubled: the check digit will sit to its right
            digit *= 2
            digit -= 9 if digit > 9 else 0
        total += digit
    return str((10 - total % 10) % 10)


def luhn_ok(number: str) -> bool:
    """Tell whether ``number`` passes the Luhn check."""
    return luhn_digit(number[:-1]) == number[-1]


def digit_strings(size: int) -> st.SearchStrategy[str]:
    """Strings of exactly ``size`` ASCII digits."""
    return st.text(alphabet="0123456789", min_size=size, max_size=size)


sirens = digit_strings(8).map(lambda head: head + luhn_digit(head))


@st.composite
def sirets(draw: st.DrawFn) -> str:
    """Valid SIRETs outside La Poste."""
    head = draw(sirens)
    assume(head != siret.LA_POSTE_SIREN)
    payload = head + draw(digit_strings(4))
    return payload + luhn_digit(payload)


rnas = digit_strings(9).map(lambda tail: "W" + tail) | st.builds(
    lambda letter, tail: f"W9{letter}{tail}",
    st.sampled_from("ABCDEFGHIJKLMNOPQRSTUVWXYZ"),
    digit_strings(7),
)


@st.composite
def communes(draw: st.DrawFn) -> str:
    """Valid commune codes: a real département and the right number of digits, or a COM commune."""
    com = draw(st.none() | st.sampled_from(sorted(commune.COLLECTIVITE_COMMUNES)))
    if com is not None:
        return com
    dep = draw(st.sampled_from(sorted(departement.NAMES)))
    return dep + draw(digit_strings(5 - len(dep)))


nafs = st.sampled_from(sorted(naf.REV2_SOUS_CLASSES))

VALID: dict[types.ModuleType, st.SearchStrategy[str]] = {
    commune: communes(),
    currency: st.sampled_from(sorted(currency.CODES)),
    departement: st.sampled_from(sorted(departement.NAMES)),
    legal_category: st.sampled_from(sorted(legal_category.TABLE)),
    naf: nafs,
    region: st.sampled_from(sorted(region.NAMES)),
    rna: rnas,
    siren: sirens,
    siret: sirets(),
}


# -- the common interface ----------------------------------------------------


class TestPackage:
    def test_all_is_sorted_and_public(self) -> None:
        """__all__ is sorted and names exactly the public names of the package."""
        assert identifiers.__all__ == sorted(identifiers.__all__)
        # "annotations" is the __future__ feature, not part of the API.
        public = {name for name in vars(identifiers) if not name.startswith("_")} - {"annotations"}
        assert set(identifiers.__all__) == public

    def test_reexports(self) -> None:
        """The package re-exports LegalCategory and LegalFamily from legal_category."""
        assert identifiers.LegalCategory is legal_category.LegalCategory
        assert identifiers.LegalFamily is legal_category.LegalFamily
        assert identifiers.NafVersion is naf.NafVersion

    @pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__)
    def test_interface(self, module: types.ModuleType) -> None:
        """Every kind module has the same interface and a KIND naming it."""
        for name in ("compact", "validate", "is_valid", "format"):
            assert callable(getattr(module, name))
            assert name in module.__all__
        assert KINDS[module] == module.KIND
        assert module.__all__ == sorted(module.__all__, key=ruff_order)
        assert all(hasattr(module, name) for name in module.__all__)

    @pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__)
    @pytest.mark.parametrize("junk", [None, 42, 4.2, b"732829320", ["W751234567"], object()])
    def test_non_strings(self, module: types.ModuleType, junk: object) -> None:
        """A value that is not a string is an InvalidFormat, never a TypeError."""
        error = raises(module, junk, InvalidFormat)
        assert error.reason == "expected a string"
        with pytest.raises(InvalidFormat):
            module.compact(junk)
        with pytest.raises(InvalidFormat):
            module.format(junk)
        assert module.is_valid(junk) is False

    @pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__)
    @given(data=st.data())
    def test_is_valid_never_raises(self, module: types.ModuleType, data: st.DataObject) -> None:
        """is_valid returns a bool for any junk, and agrees with validate."""
        value = data.draw(JUNK)
        result = module.is_valid(value)
        assert isinstance(result, bool)
        try:
            module.validate(value)
        except IdentifierError:
            assert result is False
        else:
            assert result is True

    @pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__)
    @given(data=st.data())
    def test_round_trip(self, module: types.ModuleType, data: st.DataObject) -> None:
        """validate(format(x)) == x, and validate is idempotent, for valid values."""
        value = data.draw(VALID[module])
        assert module.validate(value) == value
        assert module.validate(module.format(value)) == value
        assert module.is_valid(value) is True
        assert module.compact(value) == value

    def test_errors_pickle(self) -> None:
        """An identifier error survives pickling with its facts."""
        error = raises(siren, "732829321", InvalidChecksum)
        copy = pickle.loads(pickle.dumps(error))
        assert (type(copy), copy.kind, copy.value, copy.reason) == (
            InvalidChecksum,
            "SIREN",
            "732829321",
            error.reason,
        )


# -- SIREN / SIRET -----------------------------------------------------------


class TestSiren:
    def test_acceptance(self) -> None:
        """732 829 320 is a valid SIREN, in any spacing."""
        for value in ("732829320", "732 829 320", "732.829.320", "732-829-320", " 732829320\n"):
            assert siren.validate(value) == "732829320"
        assert siren.format("732829320") == "732 829 320"

    def test_compact(self) -> None:
        """The compact form drops spaces, dots and dashes without checking."""
        assert siren.compact(" 73-2.8 29 ") == "732829"

    def test_checksum(self) -> None:
        """732829321 fails its Luhn check."""
        error = raises(siren, "732829321", InvalidChecksum)
        assert error.reason == "the Luhn check digit does not match"
        assert not siren.is_valid("732829321")

    def test_length(self) -> None:
        """Eight digits are an InvalidLength saying how many were given."""
        error = raises(siren, "73282932", InvalidLength)
        assert error.reason == "expected 9 digits, got 8"
        raises(siren, "", InvalidLength)

    @pytest.mark.parametrize("value", ["73282932A", "７３２８２９３２０", "73_829320"])
    def test_format(self, value: str) -> None:
        """Letters, non-ASCII digits and other separators are an InvalidFormat."""
        raises(siren, value, InvalidFormat)

    @pytest.mark.parametrize(
        ("theirs", "ours"),
        [
            (stdnum_errors.InvalidComponent, InvalidComponent),
            (stdnum_errors.InvalidLength, InvalidLength),
            (stdnum_errors.InvalidFormat, InvalidFormat),
            (stdnum_errors.ValidationError, InvalidFormat),
        ],
    )
    @pytest.mark.parametrize("module", [siren, siret], ids=["siren", "siret"])
    def test_stdnum_errors_translated(
        self,
        monkeypatch: pytest.MonkeyPatch,
        module: types.ModuleType,
        theirs: type[stdnum_errors.ValidationError],
        ours: type[IdentifierError],
    ) -> None:
        """Any error python-stdnum raises comes out as the matching ptcekit error."""

        def fail(number: str) -> str:
            raise theirs

        target = stdnum_siren if module is siren else stdnum_siret
        monkeypatch.setattr(target, "validate", fail)
        value = "732829320" if module is siren else "73282932000074"
        error = raises(module, value, ours)
        assert error.reason == (str(theirs()) or "python-stdnum refused it")

    @given(sirens, st.integers(0, 8), st.integers(1, 9))
    def test_single_digit_change_detected(self, number: str, index: int, delta: int) -> None:
        """Changing one digit of a valid SIREN always breaks the check digit."""
        changed = number[:index] + str((int(number[index]) + delta) % 10) + number[index + 1 :]
        raises(siren, changed, InvalidChecksum)


class TestSiret:
    def test_acceptance(self) -> None:
        """73282932000074 is a valid SIRET, printed and split as INSEE does."""
        assert siret.validate("732 829 320 00074") == "73282932000074"
        assert siret.format("73282932000074") == "732 829 320 00074"
        assert siret.siren("732 829 320 00074") == "732829320"

    def test_luhn(self) -> None:
        """A wrong last digit fails the Luhn check over the 14 digits."""
        error = raises(siret, "73282932000075", InvalidChecksum)
        assert "Luhn check digit over the 14 digits" in error.reason

    def test_embedded_siren(self) -> None:
        """A 14-digit Luhn-valid number whose first 9 digits are no SIREN is refused."""
        number = "73282932100007"
        assert luhn_ok(number)
        assert not luhn_ok(number[:9])
        error = raises(siret, number, InvalidChecksum)
        assert "first 9 digits are not a valid SIREN" in error.reason

    def test_length(self) -> None:
        """Thirteen digits are an InvalidLength."""
        error = raises(siret, "7328293200007", InvalidLength)
        assert error.reason == "expected 14 digits, got 13"

    def test_format(self) -> None:
        """A letter is an InvalidFormat."""
        raises(siret, "7328293200007X", InvalidFormat)

    def test_la_poste_head_office(self) -> None:
        """La Poste's head office passes (and happens to pass Luhn too)."""
        assert siret.validate("35600000000048") == "35600000000048"
        assert luhn_ok("35600000000048")

    def test_la_poste_rule(self) -> None:
        """A La Poste SIRET is valid exactly when its digit sum is a multiple of 5."""
        accepted = 0
        for nic in range(100_000):
            number = f"{siret.LA_POSTE_SIREN}{nic:05d}"
            expected = sum(map(int, number)) % 5 == 0 or number == "35600000000048"
            assert siret.is_valid(number) is expected, number
            accepted += expected
        assert accepted == 20_000 + 1  # the head office's digit sum is 26
        assert siret.is_valid("35600000000001")
        assert not luhn_ok("35600000000001")

    def test_la_poste_error(self) -> None:
        """A La Poste SIRET breaking the mod-5 rule says so."""
        error = raises(siret, "35600000000002", InvalidChecksum)
        assert error.reason.startswith("La Poste rule")


# -- RNA ---------------------------------------------------------------------


class TestRna:
    def test_acceptance(self) -> None:
        """W751234567 passes, and lower case is upper-cased."""
        assert rna.validate("W751234567") == "W751234567"
        assert rna.validate(" w751234567 ") == "W751234567"
        assert rna.format("w751234567") == "W751234567"

    @pytest.mark.parametrize(
        "value",
        # issued by the prefectures of Polynésie française, La Réunion, Martinique,
        # Saint-Pierre-et-Miquelon and Mayotte: a letter in the third position
        ["W9P1002760", "W9R4001234", "W9M1000456", "W9S1000012", "W9T2001234"],
    )
    def test_overseas_numbers(self, value: str) -> None:
        """Real overseas RNA numbers, with a letter third, are accepted."""
        assert rna.validate(value) == value
        assert rna.validate(value.lower()) == value
        assert rna.is_valid(value) is True

    @pytest.mark.parametrize(("value", "size"), [("W75123456", 9), ("W9P10027601", 11)])
    def test_length(self, value: str, size: int) -> None:
        """A number of 9 or 11 characters is an InvalidLength saying how many it has."""
        error = raises(rna, value, InvalidLength)
        assert error.reason == (
            "expected 10 characters ('W', a digit, a digit or a capital letter, "
            f"then 7 digits), got {size}"
        )

    @pytest.mark.parametrize(
        ("value", "reason"),
        [
            ("X751234567", "expected 'W' as the first character, got 'X'"),
            ("7512345678", "expected 'W' as the first character, got '7'"),
            ("WP91002760", "expected a digit as the second character, got 'P'"),
            ("W9É1002760", "expected a digit or a capital letter as the third character, got 'É'"),
            ("W9-1002760", "expected a digit or a capital letter as the third character, got '-'"),
            ("W9PP002760", "expected a digit as character 4 of 10, got 'P'"),
            ("W75123456A", "expected a digit as character 10 of 10, got 'A'"),
            ("W9P100276P", "expected a digit as character 10 of 10, got 'P'"),
        ],
    )
    def test_format(self, value: str, reason: str) -> None:
        """A character out of place is an InvalidFormat naming it and its position."""
        error = raises(rna, value, InvalidFormat)
        assert error.reason == reason

    def test_lower_case_is_compacted_not_refused(self) -> None:
        """Lower case is the only near-miss compact() mends: 'w9p1002760' becomes W9P1002760."""
        assert rna.compact("w9p1002760") == "W9P1002760"


# -- COG: commune, département, région ---------------------------------------


# The communes of the collectivités d'outre-mer in INSEE's list
# (https://www.insee.fr/fr/information/2028040): 94 codes.
COM_COMMUNES = {
    "97501", "97502", "97701", "97801",
    *(f"9841{n}" for n in range(1, 6)),
    "98611", "98612", "98613",
    *(str(code) for code in range(98711, 98759)),
    *(str(code) for code in range(98801, 98834)),
    "98901",
}  # fmt: skip


class TestCommune:
    @pytest.mark.parametrize(
        ("code", "dep"),
        [("2A004", "2A"), ("2b033", "2B"), ("97101", "971"), ("75056", "75"), ("97611", "976")],
    )
    def test_acceptance(self, code: str, dep: str) -> None:
        """Metropolitan, Corsican and overseas codes pass and know their département."""
        assert commune.validate(code) == code.upper()
        assert commune.format(code) == code.upper()
        assert commune.departement_of(code) == dep
        assert commune.region_of(code) == departement.region_of(dep)
        assert commune.collectivite_of(code) is None

    def test_collectivite_list(self) -> None:
        """The shipped list is INSEE's: 94 codes in the 8 collectivités, each with a name."""
        assert set(commune.COLLECTIVITE_COMMUNES) == COM_COMMUNES
        assert set(commune.COLLECTIVITES) == {
            "975",
            "977",
            "978",
            "984",
            "986",
            "987",
            "988",
            "989",
        }
        assert {code[:3] for code in COM_COMMUNES} == set(commune.COLLECTIVITES)
        assert all(name.strip() == name and name for name in commune.COLLECTIVITE_COMMUNES.values())
        assert commune.COLLECTIVITE_COMMUNES["98818"] == "Nouméa"

    @pytest.mark.parametrize("code", sorted(COM_COMMUNES))
    def test_collectivite_communes(self, code: str) -> None:
        """Every COM commune is accepted, with no département and no région, in its collectivité."""
        assert commune.validate(code) == code
        assert commune.departement_of(code) is None
        assert commune.region_of(code) is None
        assert commune.collectivite_of(code) == code[:3]
        assert commune.parent_of(code) is None

    @pytest.mark.parametrize(
        ("code", "name"),
        [
            ("97502", "Saint-Pierre"),
            ("97701", "Saint-Barthélemy"),
            ("97801", "Saint-Martin"),
            ("98818", "Nouméa"),
            ("98735", "Papeete"),
        ],
    )
    def test_real_collectivite_communes(self, code: str, name: str) -> None:
        """The communes Sirene data holds in Saint-Pierre, Saint-Barthélemy, Saint-Martin, Nouméa, Papeete."""
        assert commune.is_valid(code)
        assert commune.COLLECTIVITE_COMMUNES[code] == name

    @pytest.mark.parametrize(
        ("code", "parent"),
        [
            *((str(code), "75056") for code in range(75101, 75121)),
            *((str(code), "69123") for code in range(69381, 69390)),
            *((str(code), "13055") for code in range(13201, 13217)),
        ],
    )
    def test_arrondissements(self, code: str, parent: str) -> None:
        """The 45 arrondissements municipaux are valid codes and know their commune."""
        assert commune.validate(code) == code
        assert commune.parent_of(code) == parent
        assert commune.departement_of(code) == parent[:2]
        assert commune.ARRONDISSEMENTS[code] == parent

    def test_arrondissement_table(self) -> None:
        """Paris has 20 arrondissements, Marseille 16, Lyon 9; other communes have none."""
        assert len(commune.ARRONDISSEMENTS) == 45
        assert commune.parent_of("75056") is None
        assert commune.parent_of("69123") is None
        assert commune.parent_of("75121") is None  # no 21st arrondissement: a plain code
        assert commune.parent_of("26281") is None

    @pytest.mark.parametrize(
        ("code", "fragment"),
        [
            ("20004", "2A (Corse-du-Sud)"),
            ("96001", "not one of the 101"),
            ("00001", "not one of the 101"),
            ("97001", "not one of the 101"),
            ("98501", "the département part '985' is not a département"),
            ("97503", "not a commune of Saint-Pierre-et-Miquelon (975) in INSEE's list"),
            ("97702", "not a commune of Saint-Barthélemy (977)"),
            ("98759", "not a commune of Polynésie française (987)"),
            ("98902", "not a commune of Clipperton (989)"),
            ("98400", "not a commune of Terres australes et antarctiques françaises (984)"),
        ],
    )
    def test_component(self, code: str, fragment: str) -> None:
        """A code whose département or collectivité part is wrong is an InvalidComponent."""
        error = raises(commune, code, InvalidComponent)
        assert fragment in error.reason

    @pytest.mark.parametrize("code", ["99134", "99100", "99999"])
    def test_foreign_countries(self, code: str) -> None:
        """99… codes (countries abroad) are refused with a message of their own."""
        error = raises(commune, code, InvalidComponent)
        assert error.reason.startswith("99… codes are foreign countries, not communes")
        with pytest.raises(InvalidComponent):
            commune.departement_of(code)

    @pytest.mark.parametrize(
        "function", ["departement_of", "region_of", "collectivite_of", "parent_of"]
    )
    def test_lookups_raise_on_unknown_codes(self, function: str) -> None:
        """An unknown code raises: None only ever means 'no département' or 'not an arrondissement'."""
        with pytest.raises(InvalidComponent):
            getattr(commune, function)("97503")
        with pytest.raises(InvalidLength):
            getattr(commune, function)("7505")

    @pytest.mark.parametrize("code", ["7505", "750560", ""])
    def test_length(self, code: str) -> None:
        """Anything but 5 characters is an InvalidLength."""
        raises(commune, code, InvalidLength)

    @pytest.mark.parametrize("code", ["2C004", "2A0B4", "A2004", "75 56"])
    def test_format(self, code: str) -> None:
        """Letters other than a leading 2A/2B are an InvalidFormat."""
        raises(commune, code, InvalidFormat)


class TestDepartement:
    def test_names(self) -> None:
        """There are 101 départements, no 20, and 2A, 2B and five overseas."""
        assert len(departement.NAMES) == 101
        assert "20" not in departement.NAMES
        assert {"2A", "2B", "971", "972", "973", "974", "976"} <= set(departement.NAMES)
        assert "975" not in departement.NAMES
        metropolitan = {f"{n:02d}" for n in range(1, 96)} - {"20"} | {"2A", "2B"}
        assert set(departement.NAMES) - {"971", "972", "973", "974", "976"} == metropolitan
        assert all(name.strip() == name and name for name in departement.NAMES.values())

    def test_names_are_read_only(self) -> None:
        """NAMES cannot be changed in place."""
        with pytest.raises(TypeError):
            departement.NAMES["20"] = "Corse"  # type: ignore[index]

    def test_every_departement_has_a_region(self) -> None:
        """Every département maps to one of the 18 régions, and every région has one."""
        found = {departement.region_of(code) for code in departement.NAMES}
        assert found == set(region.NAMES)

    @pytest.mark.parametrize(
        ("code", "reg", "name"),
        [
            ("2a", "94", "Corse-du-Sud"),
            ("35", "53", "Ille-et-Vilaine"),
            ("75", "11", "Paris"),
            ("971", "01", "Guadeloupe"),
            ("976", "06", "Mayotte"),
            ("69", "84", "Rhône"),
            ("90", "27", "Territoire de Belfort"),
        ],
    )
    def test_lookups(self, code: str, reg: str, name: str) -> None:
        """region_of and label answer from the COG 2024."""
        assert departement.region_of(code) == reg
        assert departement.label(code) == name
        assert departement.format(code) == code.upper()

    @pytest.mark.parametrize(
        ("code", "fragment"),
        [
            ("975", "Saint-Pierre-et-Miquelon, a collectivité d'outre-mer, not a département"),
            ("987", "Polynésie française"),
            ("20", "2A (Corse-du-Sud) and 2B (Haute-Corse)"),
            ("96", "not one of the 101"),
            ("00", "not one of the 101"),
            ("123", "not one of the 101"),
        ],
    )
    def test_component(self, code: str, fragment: str) -> None:
        """Well-shaped codes that are no département say why."""
        error = raises(departement, code, InvalidComponent)
        assert fragment in error.reason

    @pytest.mark.parametrize("code", ["1", "9711", ""])
    def test_length(self, code: str) -> None:
        """One character or four are an InvalidLength."""
        raises(departement, code, InvalidLength)

    @pytest.mark.parametrize("code", ["2C", "A1", "97A"])
    def test_format(self, code: str) -> None:
        """Letters other than 2A/2B are an InvalidFormat."""
        raises(departement, code, InvalidFormat)


class TestRegion:
    def test_codes(self) -> None:
        """The 18 région codes of the reference, and nothing else."""
        assert set(region.NAMES) == set(
            "01 02 03 04 06 11 24 27 28 32 44 52 53 75 76 84 93 94".split()  # noqa: SIM905 -- as the reference prints them
        )

    def test_label(self) -> None:
        """A région's label is its name."""
        assert region.label(" 53 ") == "Bretagne"
        assert region.label("93") == "Provence-Alpes-Côte d'Azur"
        assert region.format("11") == "11"

    @pytest.mark.parametrize("code", ["05", "00", "99", "23"])
    def test_component(self, code: str) -> None:
        """Two digits that are no région are an InvalidComponent."""
        raises(region, code, InvalidComponent)

    def test_length_and_format(self) -> None:
        """Wrong length and non-digits are told apart."""
        raises(region, "1", InvalidLength)
        raises(region, "011", InvalidLength)
        raises(region, "2A", InvalidFormat)


# -- NAF ---------------------------------------------------------------------


class TestNaf:
    def test_acceptance(self) -> None:
        """Dotted and dotless forms give Sirene's dotted form."""
        assert naf.validate("88.99B") == "88.99B"
        assert naf.validate("8899b") == "88.99B"
        assert naf.format(" 62.01z ") == "62.01Z"
        assert naf.compact("8411Z") == "84.11Z"

    def test_compact_leaves_other_shapes(self) -> None:
        """The dot is put back only into 4 digits and a letter."""
        assert naf.compact("889B") == "889B"

    def test_length(self) -> None:
        """A code of the wrong length is an InvalidLength."""
        raises(naf, "88.9B", InvalidLength)
        raises(naf, "889B", InvalidLength)

    @pytest.mark.parametrize("value", ["88,99B", "88.991", "8A.99B", "88.99É"])
    def test_format(self, value: str) -> None:
        """Six characters of the wrong shape are an InvalidFormat."""
        raises(naf, value, InvalidFormat)

    def test_rev2_list(self) -> None:
        """The shipped list has INSEE's 732 sous-classes in 615 classes and 88 divisions."""
        assert len(naf.REV2_SOUS_CLASSES) == 732
        assert len(naf.classes()) == 615
        assert len({code[:2] for code in naf.REV2_SOUS_CLASSES}) == 88
        assert all(re.fullmatch(r"[0-9]{2}\.[0-9]{2}[A-Z]", code) for code in naf.REV2_SOUS_CLASSES)

    def test_rev2_classes_are_nace_rev2(self) -> None:
        """Every class of the list is a NACE rév. 2 class and every NACE rév. 2 class is there."""
        nace_classes = {
            f"{n // 100:02d}.{n % 100:02d}"
            for n in range(10_000)
            if stdnum_nace.is_valid(f"{n:04d}", revision="2.0")
        }
        assert naf.classes("rev2") == nace_classes

    @pytest.mark.parametrize("code", sorted(naf.REV2_SOUS_CLASSES))
    def test_every_rev2_sous_classe_is_accepted(self, code: str) -> None:
        """Each of the 732 sous-classes validates, dotted and dotless."""
        assert naf.validate(code) == code
        assert naf.validate(code.replace(".", "").lower()) == code

    @pytest.mark.parametrize(
        "division", ["00", "04", "34", "40", "44", "48", "54", "57", "67", "76", "83", "89"]
    )
    def test_divisions_missing_from_rev2(self, division: str) -> None:
        """Divisions NAF rév. 2 does not have are an InvalidComponent naming the division."""
        error = raises(naf, f"{division}.11Z", InvalidComponent)
        assert error.reason == f"division {division} does not exist in NAF rév. 2"

    def test_missing_class(self) -> None:
        """A class of a real division that does not exist is named."""
        error = raises(naf, "62.05Z", InvalidComponent)
        assert error.reason == "class 62.05 does not exist in NAF rév. 2"

    @pytest.mark.parametrize(
        ("value", "found"),
        [
            ("62.01A", "62.01Z"),
            ("88.99C", "88.99A, 88.99B"),
            ("47.11G", "47.11A, 47.11B, 47.11C, 47.11D, 47.11E, 47.11F"),
            ("46.87Y", None),
        ],
    )
    def test_wrong_letter(self, value: str, found: str | None) -> None:
        """A real class with a letter it does not have says which sous-classes it has."""
        error = raises(naf, value, InvalidComponent)
        if found is None:  # 46.87 is a NAF 2025 class only
            assert error.reason == "class 46.87 does not exist in NAF rév. 2"
        else:
            assert error.reason == (
                f"not a sous-classe of NAF rév. 2: class {value[:5]} has {found}"
            )


class TestNaf2025:
    @pytest.mark.parametrize("code", ["01.11Y", "01.48G", "01.48H", "17.12Y", "20.14Y", "46.87Y"])
    def test_real_codes(self, code: str) -> None:
        """Real NAF 2025 sous-classes are accepted with the version, in either spelling of it."""
        assert naf.validate(code, version="2025") == code
        assert naf.validate(code.replace(".", ""), NafVersion.NAF2025) == code
        assert naf.is_valid(code, "2025") is True
        assert naf.format(code, "2025") == code

    def test_same_shape_other_nomenclature(self) -> None:
        """The shape does not tell the version: 45.11Z is rév. 2 only, 46.87Y NAF 2025 only."""
        assert naf.is_valid("46.87Y", "2025")
        assert not naf.is_valid("46.87Y")
        assert naf.is_valid("45.11Z")
        assert not naf.is_valid("45.11Z", "2025")

    def test_classes(self) -> None:
        """NAF 2025 has the 651 classes of NACE rév. 2.1 in 87 divisions."""
        classes = naf.classes("2025")
        assert len(classes) == 651
        assert len({code[:2] for code in classes}) == 87
        assert "46.87" in classes
        assert "45.11" not in classes

    @pytest.mark.parametrize(
        ("value", "what"), [("45.11Z", "division 45"), ("00.11Y", "division 00")]
    )
    def test_missing_division(self, value: str, what: str) -> None:
        """A division NACE rév. 2.1 does not have is an InvalidComponent of a NAF 2025 code."""
        with pytest.raises(InvalidComponent) as info:
            naf.validate(value, "2025")
        assert info.value.kind == "NAF 2025 code"
        assert info.value.reason == f"{what} does not exist in NAF 2025 (NACE rév. 2.1)"

    def test_missing_class(self) -> None:
        """A class NACE rév. 2.1 does not have is named."""
        with pytest.raises(InvalidComponent) as info:
            naf.validate("88.98Y", "2025")
        assert info.value.reason == "class 88.98 does not exist in NAF 2025 (NACE rév. 2.1)"

    def test_form_errors_name_the_version(self) -> None:
        """Form errors of a NAF 2025 code say 'NAF 2025 code'."""
        with pytest.raises(InvalidLength) as info:
            naf.validate("46.8Y", "2025")
        assert info.value.kind == "NAF 2025 code"
        with pytest.raises(InvalidFormat):
            naf.validate(None, "2025")  # type: ignore[arg-type]
        assert naf.is_valid(None, "2025") is False

    def test_validate_form(self) -> None:
        """validate_form checks the shape only: 04.11Z passes it, 4.11Z does not."""
        assert naf.validate_form("0411z") == "04.11Z"
        with pytest.raises(InvalidLength):
            naf.validate_form("4.11Z")
        with pytest.raises(InvalidFormat):
            naf.validate_form("04.11-")

    @pytest.mark.parametrize("version", ["2024", "rev1", "", None])
    def test_unknown_version(self, version: object) -> None:
        """An unknown version is a ValueError naming it, from every function."""
        for function in (naf.validate, naf.is_valid, naf.format):
            with pytest.raises(ValueError, match=r"version: expected 'rev2' or '2025', got"):
                function("88.99B", version)
        with pytest.raises(ValueError, match="version"):
            naf.classes(version)  # type: ignore[arg-type]

    def test_version_enum(self) -> None:
        """NafVersion's values are the wire's, and KINDS names each."""
        assert [member.value for member in NafVersion] == ["rev2", "2025"]
        assert naf.KINDS == {
            NafVersion.REV2: "NAF rév. 2 code",
            NafVersion.NAF2025: "NAF 2025 code",
        }
        assert naf.KIND == "NAF rév. 2 code"
        assert identifiers.NafVersion is NafVersion


# -- catégories juridiques ---------------------------------------------------

# INSEE's current niveau III list (https://www.insee.fr/fr/information/2028129),
# as two concordant public copies print it (annuaire-entreprises, pass Culture).
INSEE_CURRENT = set(
    """
    0000 1000 2110 2120 2210 2220 2310 2320 2385 2400 2700 2800 2900 3110 3120 3205
    3210 3220 3290 4110 4120 4130 4140 4150 4160 5191 5192 5193 5194 5195 5196 5202
    5203 5306 5307 5308 5309 5310 5370 5385 5410 5415 5422 5426 5430 5431 5432 5442
    5443 5451 5453 5454 5455 5458 5459 5460 5470 5485 5499 5505 5510 5515 5520 5522
    5525 5530 5531 5532 5542 5543 5546 5547 5548 5551 5552 5553 5554 5555 5558 5559
    5560 5570 5585 5599 5605 5610 5615 5620 5622 5625 5630 5631 5632 5642 5643 5646
    5647 5648 5651 5652 5653 5654 5655 5658 5659 5660 5670 5685 5699 5710 5770 5785
    5800 6100 6210 6220 6316 6317 6318 6411 6511 6521 6532 6533 6534 6535 6536 6537
    6538 6539 6540 6541 6542 6543 6544 6551 6554 6558 6560 6561 6562 6563 6564 6565
    6566 6567 6568 6569 6571 6572 6573 6574 6575 6576 6577 6578 6585 6589 6595 6596
    6597 6598 6599 6901 7111 7112 7113 7120 7150 7160 7171 7172 7179 7190 7210 7220
    7225 7229 7230 7312 7313 7314 7321 7322 7323 7331 7340 7341 7342 7343 7344 7345
    7346 7347 7348 7349 7351 7352 7353 7354 7355 7356 7357 7361 7362 7363 7364 7365
    7366 7367 7371 7372 7373 7378 7379 7381 7382 7383 7384 7385 7389 7410 7430 7450
    7470 7490 8110 8120 8130 8140 8150 8160 8170 8190 8210 8250 8290 8310 8311 8410
    8420 8450 8470 8490 8510 8520 9110 9150 9210 9220 9221 9222 9223 9224 9230 9240
    9260 9300 9900 9970
    """.split()  # noqa: SIM905 -- codes copied as a block from INSEE's list
)
LEGACY = {"5498", "5720", "6588"}

COOPERATIVES = set(
    """
    5191 5192 5193 5194 5195 5196 5203 5307 5309 5432 5443 5451 5453 5454 5455 5458
    5459 5460 5532 5632 5543 5643 5547 5647 5551 5651 5552 5652 5553 5653 5554 5654
    5555 5655 5558 5658 5559 5659 5560 5660 6316 6317 6318 6532 6543 6551 6554 6558
    6560 6595 6596
    """.split()  # noqa: SIM905 -- codes copied as a block
)
MUTUALS = {"6411", "8210", "8250", "8290"}
ASSOCIATIONS = {"9210", "9220", "9221", "9222", "9223", "9230", "9240", "9260"}
FOREIGN = {"3110", "3120", "3205", "3210", "3220", "3290"}
NOT_LEGAL_PERSONS = {
    "0000",
    "1000",
    *(code for code in INSEE_CURRENT if code.startswith("2")),
    "7190",
    "9210",
    "9224",
}


class TestLegalCategory:
    def test_table_is_insee_current_list_and_legacy_codes(self) -> None:
        """The table has exactly INSEE's 260 current codes plus the 3 flagged legacy ones."""
        assert len(INSEE_CURRENT) == 260
        assert set(legal_category.TABLE) == INSEE_CURRENT | LEGACY
        legacy = {code for code, entry in legal_category.TABLE.items() if entry.legacy}
        assert legacy == LEGACY

    @pytest.mark.parametrize("code", sorted(INSEE_CURRENT))
    def test_every_current_code_is_accepted(self, code: str) -> None:
        """Every code of INSEE's current list validates and builds an actor."""
        assert legal_category.validate(code) == code
        assert legal_category.is_valid(code) is True
        assert legal_category.lookup(code).legacy is False
        actor = Company(id="unit", name="Unit", legal_category=code)
        assert actor.legal_category == code
        assert actor.legal_category_label == legal_category.label(code)

    @pytest.mark.parametrize("code", sorted(LEGACY))
    def test_legacy_codes_still_accepted(self, code: str) -> None:
        """A legacy code still validates, so historical Sirene data loads, and says it is legacy."""
        assert legal_category.lookup(code).legacy is True
        assert Company(id="unit", name="Unit", legal_category=code).legal_category == code

    def test_entries(self) -> None:
        """Every entry has its code as key, a trimmed non-empty label and a family."""
        for code, entry in legal_category.TABLE.items():
            assert isinstance(entry, LegalCategory)
            assert entry.code == code
            assert legal_category.is_well_formed(code)
            assert entry.label
            assert entry.label == entry.label.strip()
            assert "  " not in entry.label
            assert isinstance(entry.family, LegalFamily)

    def test_table_is_read_only(self) -> None:
        """TABLE and its entries cannot be changed."""
        with pytest.raises(TypeError):
            legal_category.TABLE["5570"] = legal_category.TABLE["5460"]  # type: ignore[index]
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            legal_category.TABLE["5460"].label = "SCIC"  # type: ignore[misc]

    def test_families_follow_the_codes(self) -> None:
        """Families agree with the nomenclature's levels; cooperatives and mutuals code by code."""
        table = legal_category.TABLE
        coops = {code for code, entry in table.items() if entry.family is LegalFamily.COOPERATIVE}
        mutuals = {code for code, entry in table.items() if entry.family is LegalFamily.MUTUAL}
        assocs = {code for code, entry in table.items() if entry.family is LegalFamily.ASSOCIATION}
        foreign = {code for code, entry in table.items() if entry.family is LegalFamily.FOREIGN}
        assert coops == COOPERATIVES
        assert mutuals == MUTUALS
        assert assocs == ASSOCIATIONS
        assert foreign == FOREIGN
        for code, entry in table.items():
            if code[0] in "47":
                assert entry.family is LegalFamily.PUBLIC, code
            if code.startswith("82"):
                assert entry.family is LegalFamily.MUTUAL, code
            if code[0] in "02":
                assert entry.family is LegalFamily.OTHER_PRIVATE, code
        assert legal_category.family("9300") is LegalFamily.FOUNDATION
        assert legal_category.family("9223") is LegalFamily.ASSOCIATION
        assert legal_category.family("9224") is LegalFamily.OTHER_PRIVATE
        for code in ("6210", "6220", "9970"):
            assert legal_category.family(code) is LegalFamily.GROUPING
        for code in ("1000", "5310", "5499", "5498", "5599", "5699", "5710", "5720", "5785"):
            assert legal_category.family(code) is LegalFamily.COMPANY
        assert legal_category.family("9900") is LegalFamily.OTHER_PRIVATE

    def test_family_values(self) -> None:
        """Family values are snake_case strings."""
        assert {family.value for family in LegalFamily} == {
            "cooperative",
            "mutual",
            "association",
            "foundation",
            "grouping",
            "public",
            "foreign",
            "company",
            "other_private",
        }
        assert all(re.fullmatch(r"[a-z_]+", family) for family in LegalFamily)

    def test_legal_persons(self) -> None:
        """Only the categories without legal personality say so."""
        for code, entry in legal_category.TABLE.items():
            assert entry.legal_person is (code not in NOT_LEGAL_PERSONS), code

    def test_ess_by_form(self) -> None:
        """Cooperatives, mutuals, associations and foundations that are legal persons are ESS by form."""
        for code, entry in legal_category.TABLE.items():
            expected = code not in NOT_LEGAL_PERSONS and entry.family in {
                LegalFamily.COOPERATIVE,
                LegalFamily.MUTUAL,
                LegalFamily.ASSOCIATION,
                LegalFamily.FOUNDATION,
            }
            assert entry.ess_by_form is expected, code
        for code in ("5458", "8210", "9220", "9240", "9300"):
            assert legal_category.lookup(code).ess_by_form
        # 9210 and 9224 have no legal personality; 3xxx are of foreign law
        for code in ("5499", "5710", "6220", "7210", "9900", "9210", "9224", "3120", "0000"):
            assert not legal_category.lookup(code).ess_by_form

    def test_labels(self) -> None:
        """Labels are INSEE's current ones, and 5570 is the SPFPL SA, not a SCIC."""
        assert legal_category.label("9220") == "Association déclarée"
        assert legal_category.label(" 5458") == "SARL coopérative de production (SCOP)"
        assert legal_category.label("5558") == (
            "SA coopérative de production (SCOP) à conseil d'administration"
        )
        assert legal_category.label("5658") == "SA coopérative de production (SCOP) à directoire"
        assert legal_category.label("3290") == "Autre personne morale de droit étranger"
        assert legal_category.label("2800") == "Assujetti unique à la TVA"
        assert legal_category.label("5310") == "Société en libre partenariat (SLP)"
        assert legal_category.label("7344") == "Métropole"
        assert "SPFPL SA" in legal_category.label("5570")
        assert legal_category.format("9300 ") == "9300"
        assert not any(
            "coopérative ouvrière" in entry.label for entry in legal_category.TABLE.values()
        )

    @pytest.mark.parametrize("code", ["5580", "5462", "5467", "0001", "3100"])
    def test_unknown_code(self, code: str) -> None:
        """A well-formed code outside INSEE's list (INPI's 5462 SCIC SARL too) is an InvalidComponent."""
        error = raises(legal_category, code, InvalidComponent)
        assert error.reason == (
            "not a catégorie juridique in ptcekit's table of the INSEE nomenclature"
        )
        assert legal_category.is_well_formed(code)
        with pytest.raises(InvalidComponent):
            legal_category.lookup(code)

    def test_zero_code_is_well_formed_and_known(self) -> None:
        """0000 (OPCVM sans personnalité morale) is well formed and in the table."""
        assert legal_category.is_well_formed("0000")
        assert legal_category.lookup("0000").legal_person is False

    def test_length_and_format(self) -> None:
        """Wrong length and non-digits are told apart."""
        raises(legal_category, "922", InvalidLength)
        raises(legal_category, "92200", InvalidLength)
        raises(legal_category, "92A0", InvalidFormat)

    @pytest.mark.parametrize("value", ["922", "92A0", None, 9220, b"9220", " ", "92200"])
    def test_not_well_formed(self, value: object) -> None:
        """is_well_formed refuses anything but 4 digits, and never raises."""
        assert legal_category.is_well_formed(value) is False

    def test_attrs_class(self) -> None:
        """LegalCategory is a keyword-only frozen attrs class; the flags default to a current legal person."""
        assert [field.name for field in attrs.fields(LegalCategory)] == [
            "code",
            "label",
            "family",
            "legal_person",
            "legacy",
        ]
        entry = LegalCategory(
            code="9220", label="Association déclarée", family=LegalFamily.ASSOCIATION
        )
        assert entry == legal_category.TABLE["9220"]
        with pytest.raises(TypeError):
            LegalCategory("9220", "Association déclarée", LegalFamily.ASSOCIATION)  # type: ignore[call-arg]


# -- currency ----------------------------------------------------------------


class TestCurrency:
    @pytest.mark.parametrize(
        "code", ["EUR", "XPF", "XOF", "XAF", "USD", "GBP", "CHF", "JPY", "XCG", "ZWG"]
    )
    def test_acceptance(self, code: str) -> None:
        """Codes in force pass."""
        assert currency.validate(code) == code
        assert currency.format(code.lower()) == code

    def test_size(self) -> None:
        """List One has some 180 codes, all three capital letters."""
        assert 170 <= len(currency.CODES) <= 185
        assert all(re.fullmatch(r"[A-Z]{3}", code) for code in currency.CODES)

    @pytest.mark.parametrize("code", ["FRF", "DEM", "HRK", "ZWL", "ABC"])
    def test_component(self, code: str) -> None:
        """Withdrawn and made-up codes are an InvalidComponent."""
        error = raises(currency, code, InvalidComponent)
        assert error.reason == "not an ISO 4217 code in force"

    def test_length_and_format(self) -> None:
        """Wrong length and non-letters are told apart."""
        raises(currency, "EU", InvalidLength)
        raises(currency, "EURO", InvalidLength)
        raises(currency, "E1R", InvalidFormat)
        raises(currency, "ÉUR", InvalidFormat)


# -- a check that the strategies above are sound ------------------------------


class TestStrategies:
    @given(sirens)
    def test_luhn_helper(self, number: str) -> None:
        """The test's own Luhn helper agrees with the known SIREN and SIRET."""
        assert luhn_ok(number)
        assert luhn_ok("732829320")
        assert luhn_ok("73282932000074")
        assert not luhn_ok("732829321")


class TestIdentifierModule:
    @pytest.mark.parametrize(
        "module",
        [
            getattr(identifiers, name)
            for name in identifiers.__all__
            if isinstance(getattr(identifiers, name), types.ModuleType)
        ],
        ids=lambda module: module.__name__,
    )
    def test_every_module_offers_the_interface(self, module: types.ModuleType) -> None:
        """Each identifiers module has what IdentifierModule states, with a compact form that compiles."""
        assert isinstance(module, identifiers.IdentifierModule)
        for name in ("KIND", "COMPACT_PATTERN", "COMPACT_FORM"):
            value = getattr(module, name)
            assert isinstance(value, str)
            assert value
        re.compile(module.COMPACT_PATTERN)

    def test_a_module_without_the_interface_is_refused(self) -> None:
        """A module that lacks part of the interface is not an IdentifierModule."""
        half = types.ModuleType("half")
        half.compact = str.strip  # type: ignore[attr-defined]  # a module made for the test
        assert not isinstance(half, identifiers.IdentifierModule)
