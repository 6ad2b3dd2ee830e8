"""Tests of the fast paths: they accept and refuse exactly what the reference checks do."""

from __future__ import annotations

import string

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum.fr import siren as stdnum_siren
from stdnum.fr import siret as stdnum_siret

from ptcekit.errors import InvalidValueError
from ptcekit.identifiers import siren, siret
from ptcekit.model import Person

DIGITS = st.text(string.digits, min_size=1, max_size=1)


def luhn_digit(head: str) -> str:
    """The digit that makes ``head`` + digit pass Luhn (computed the slow, obvious way)."""
    total = 0
    for place, char in enumerate(reversed(head + "0")):
        digit = int(char) * (2 if place % 2 else 1)
        total += digit - 9 if digit > 9 else digit
    return str(-total % 10)


def digit_strings(size: int) -> st.SearchStrategy[str]:
    """Strings of ``size`` ASCII digits."""
    return st.text(string.digits, min_size=size, max_size=size)


valid_sirens = digit_strings(8).map(lambda head: head + luhn_digit(head))


@st.composite
def valid_sirets(draw: st.DrawFn) -> str:
    """SIRETs that pass: a valid SIREN, a NIC and a Luhn digit over the 14 digits."""
    head = draw(valid_sirens) + draw(digit_strings(4))
    return head + luhn_digit(head)


@st.composite
def la_poste_sirets(draw: st.DrawFn) -> str:
    """La Poste SIRETs, valid or not: its SIREN and any NIC."""
    return siret.LA_POSTE_SIREN + draw(digit_strings(5))


@st.composite
def near(draw: st.DrawFn, numbers: st.SearchStrategy[str]) -> str:
    """A number with one digit changed, or two neighbours swapped: the typos Luhn is for."""
    number = draw(numbers)
    place = draw(st.integers(0, len(number) - 2))
    if draw(st.booleans()):
        digit = draw(DIGITS)
        return number[:place] + digit + number[place + 1 :]
    return number[:place] + number[place + 1] + number[place] + number[place + 2 :]


class TestSirenFastPath:
    @given(digit_strings(9))
    def test_agrees_with_stdnum_on_random_digits(self, number: str) -> None:
        """On any 9 ASCII digits, the fast check and python-stdnum give the same answer."""
        assert siren.is_valid_compact(number) is stdnum_siren.is_valid(number)

    @given(st.one_of(valid_sirens, near(valid_sirens)))
    def test_agrees_with_stdnum_near_valid(self, number: str) -> None:
        """On valid SIRENs and their one-typo neighbours, the answers agree too."""
        assert siren.is_valid_compact(number) is stdnum_siren.is_valid(number)

    @given(valid_sirens)
    def test_accepted_means_validate_returns_it(self, number: str) -> None:
        """What the fast check accepts, validate accepts and returns unchanged."""
        assert siren.is_valid_compact(number) is True
        assert siren.validate(number) == number

    @given(st.text(max_size=12))
    def test_only_compact_forms(self, value: str) -> None:
        """Anything but 9 ASCII digits is never accepted by the fast check."""
        compact = len(value) == 9 and all(char in string.digits for char in value)
        if not compact:
            assert siren.is_valid_compact(value) is False

    def test_other_forms_are_left_to_validate(self) -> None:
        """Spaced forms, other digits and non-strings get False, not an error."""
        assert siren.is_valid_compact("732 829 320") is False
        assert siren.validate("732 829 320") == "732829320"
        assert siren.is_valid_compact("٧٣٢٨٢٩٣٢٠") is False  # Arabic-Indic digits
        assert siren.is_valid_compact(732829320) is False
        assert siren.is_valid_compact(None) is False


class TestSiretFastPath:
    @given(digit_strings(14))
    def test_agrees_with_stdnum_on_random_digits(self, number: str) -> None:
        """On any 14 ASCII digits, the fast check and python-stdnum give the same answer."""
        assert siret.is_valid_compact(number) is stdnum_siret.is_valid(number)

    @given(st.one_of(valid_sirets(), near(valid_sirets()), la_poste_sirets()))
    def test_agrees_with_stdnum_near_valid(self, number: str) -> None:
        """On valid SIRETs, their one-typo neighbours and La Poste's, the answers agree too."""
        assert siret.is_valid_compact(number) is stdnum_siret.is_valid(number)

    def test_every_la_poste_nic(self) -> None:
        """All 100,000 La Poste SIRETs: the fast check agrees with python-stdnum on each."""
        for nic in range(100_000):
            number = f"{siret.LA_POSTE_SIREN}{nic:05d}"
            assert siret.is_valid_compact(number) is stdnum_siret.is_valid(number), number
        assert siret.is_valid_compact("35600000000048") is True  # the head office, by Luhn

    def test_embedded_siren_must_pass(self) -> None:
        """A number that passes Luhn over 14 digits but whose SIREN does not is refused."""
        number = "73282932100007"
        assert stdnum_siret.is_valid(number) is False
        assert siret.is_valid_compact(number) is False

    @given(valid_sirets())
    def test_accepted_means_validate_returns_it(self, number: str) -> None:
        """What the fast check accepts, validate accepts and returns unchanged."""
        assert siret.is_valid_compact(number) is True
        assert siret.validate(number) == number

    @given(st.text(max_size=16))
    def test_only_compact_forms(self, value: str) -> None:
        """Anything but 14 ASCII digits is never accepted by the fast check."""
        compact = len(value) == 14 and all(char in string.digits for char in value)
        if not compact:
            assert siret.is_valid_compact(value) is False

    def test_other_forms_are_left_to_validate(self) -> None:
        """Spaced forms and non-strings get False, not an error."""
        assert siret.is_valid_compact("732 829 320 00074") is False
        assert siret.is_valid_compact(b"73282932000074") is False


class TestModelUsesTheFastPath:
    def test_valid_identifiers_are_kept(self) -> None:
        """A compact SIREN and SIRET pass construction unchanged."""
        person = Person(id="p", name="P", siren="732829320", sirets=("73282932000074",))
        assert (person.siren, person.sirets) == ("732829320", ("73282932000074",))

    def test_refusals_keep_their_messages(self) -> None:
        """A bad check digit is still refused with python-stdnum's precise reason."""
        with pytest.raises(InvalidValueError) as caught:
            Person(id="p", name="P", sirets=("73282932000075",))
        assert str(caught.value) == (
            "Person.sirets[0]: expected a valid SIRET (the Luhn check digit over the 14 digits "
            "does not match), got '73282932000075'"
        )
