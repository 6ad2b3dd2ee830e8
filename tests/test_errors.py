"""Tests of ptcekit.errors: the family, its builtins, the messages and pickling."""

from __future__ import annotations

import pickle
from fractions import Fraction

import pytest

from ptcekit import errors
from ptcekit.errors import (
    DuplicateIdError,
    FieldTypeError,
    GeneratedCodeError,
    IdentifierError,
    InvalidChecksum,
    InvalidComponent,
    InvalidFormat,
    InvalidLength,
    InvalidValueError,
    KindError,
    LoadError,
    PluginError,
    Problem,
    PtcekitError,
    RuleError,
    UnknownIdError,
    UnknownRuleError,
)

EXAMPLES: list[PtcekitError] = [
    PtcekitError("something went wrong"),
    IdentifierError("SIREN", "12", "expected 9 digits, got 2"),
    InvalidLength("SIREN", "12", "expected 9 digits, got 2"),
    InvalidFormat("RNA", "X1", "expected 'W' followed by 9 digits"),
    InvalidChecksum("SIREN", "732829321", "the Luhn check digit does not match"),
    InvalidComponent("commune code", "20004", "the département part '20' is not a département"),
    InvalidValueError("Association", "siren", "a valid SIREN", "732829321"),
    FieldTypeError("Pole", "memberships[2]", "a Membership", 3),
    DuplicateIdError("Ecosystem", "poles", "a", "actors[0]", "poles[1]"),
    UnknownIdError("ghost", "actor"),
    LoadError(
        [Problem(path="$.actors[0].siren", message="expected a SIREN, got '1'", code="LOAD003")]
    ),
    KindError("tests.Network", "it declares no type_tag of its own"),
    RuleError("rule code 'A001' is used by two different rules"),
    UnknownRuleError("XYZ"),
    PluginError("aura", "ptcekit_aura.rules:RULES", "it failed to load: ImportError: no"),
    GeneratedCodeError("Association", ValueError("refused")),
]


def facts(error: BaseException) -> dict[str, object]:
    """The public attributes an error carries."""
    names = (
        "cls",
        "field",
        "expected",
        "got",
        "kind",
        "value",
        "reason",
        "check",
        "id",
        "first",
        "second",
        "where",
        "problems",
        "pattern",
        "entry_point",
        "target",
    )
    return {name: getattr(error, name) for name in names if hasattr(error, name)}


class TestFamily:
    def test_examples_cover_every_error_class(self) -> None:
        """The examples hold one instance of each class in errors.__all__."""
        classes = {name for name in errors.__all__ if name != "Problem"}
        assert {type(e).__name__ for e in EXAMPLES} == classes

    @pytest.mark.parametrize(
        ("cls", "builtin"),
        [
            (IdentifierError, ValueError),
            (InvalidLength, ValueError),
            (InvalidFormat, ValueError),
            (InvalidChecksum, ValueError),
            (InvalidComponent, ValueError),
            (InvalidValueError, ValueError),
            (DuplicateIdError, ValueError),
            (FieldTypeError, TypeError),
            (UnknownIdError, KeyError),
            (LoadError, ValueError),
            (KindError, TypeError),
            (RuleError, ValueError),
            (UnknownRuleError, KeyError),
            (PluginError, ImportError),
        ],
    )
    def test_each_error_is_a_ptcekit_error_and_its_builtin(
        self, cls: type[PtcekitError], builtin: type[Exception]
    ) -> None:
        """Every error subclasses PtcekitError and the builtin it resembles."""
        assert issubclass(cls, PtcekitError)
        assert issubclass(cls, builtin)

    @pytest.mark.parametrize(
        ("cls", "check"),
        [
            (IdentifierError, "format"),
            (InvalidLength, "length"),
            (InvalidFormat, "format"),
            (InvalidChecksum, "check digit"),
            (InvalidComponent, "component"),
        ],
    )
    def test_identifier_errors_name_the_failed_check(
        self, cls: type[IdentifierError], check: str
    ) -> None:
        """Each identifier error says which check failed."""
        assert cls("SIREN", "1", "r").check == check


class TestMessages:
    @pytest.mark.parametrize(
        ("error", "message"),
        [
            (EXAMPLES[1], "invalid SIREN '12': expected 9 digits, got 2"),
            (EXAMPLES[6], "Association.siren: expected a valid SIREN, got '732829321'"),
            (EXAMPLES[7], "Pole.memberships[2]: expected a Membership, got 3 (int)"),
            (EXAMPLES[8], "Ecosystem.poles: id 'a' is used by actors[0] and again by poles[1]"),
            (EXAMPLES[9], "no actor with id 'ghost' in this ecosystem"),
            (EXAMPLES[13], "no rule has the code or prefix 'XYZ'"),
            (
                EXAMPLES[14],
                (
                    "rule plugin 'aura' (ptcekit_aura.rules:RULES) of entry-point group "
                    "'ptcekit.rules': it failed to load: ImportError: no"
                ),
            ),
        ],
    )
    def test_message_text(self, error: PtcekitError, message: str) -> None:
        """Messages say where, what was expected and what was given."""
        assert str(error) == message

    def test_long_values_are_cut_in_messages(self) -> None:
        """A value whose repr is longer than 60 characters is cut with an ellipsis; the attribute keeps it whole."""
        long_value = "x" * 100
        error = InvalidValueError("Party", "role", "a short role", long_value)
        assert str(error) == f"Party.role: expected a short role, got '{'x' * 58}…"
        assert error.got == long_value

    def test_duplicate_id_error_keeps_its_facts(self) -> None:
        """A DuplicateIdError carries the id and both places, and the InvalidValueError facts."""
        error = EXAMPLES[8]
        assert isinstance(error, DuplicateIdError)
        assert (error.id, error.first, error.second, error.cls, error.field, error.got) == (
            "a",
            "actors[0]",
            "poles[1]",
            "Ecosystem",
            "poles",
            "a",
        )
        assert error.expected == "ids unique in the document (actors[0] already has it)"

    def test_unknown_id_error_default_kind(self) -> None:
        """Without a kind, UnknownIdError speaks of an object."""
        assert str(UnknownIdError("x")) == "no object with id 'x' in this ecosystem"


class TestPickle:
    @pytest.mark.parametrize("error", EXAMPLES, ids=lambda e: type(e).__name__)
    def test_pickle_round_trip_keeps_type_attributes_and_text(self, error: PtcekitError) -> None:
        """pickle.loads(pickle.dumps(e)) keeps the type, every attribute and the message."""
        again = pickle.loads(pickle.dumps(error))
        assert type(again) is type(error)
        assert facts(again) == facts(error)
        assert str(again) == str(error)
        assert again.args == error.args


class Unprintable:
    """An object whose repr raises, as a careless or hostile one may."""

    def __repr__(self) -> str:
        message = "no repr for you"
        raise RuntimeError(message)


class Verbose:
    """An object whose repr is a megabyte long."""

    def __repr__(self) -> str:
        return "v" * 1_000_000


class TestHostileValues:
    """Every message can be made, whatever value it shows."""

    @pytest.mark.parametrize(
        ("value", "shown"),
        [
            pytest.param(10**5000, "<int of 5001 digits>", id="int-5001-digits"),
            pytest.param(-(10**5000), "<int of 5001 digits>", id="negative-int"),
            pytest.param(2**4000, "<int of 1205 digits>", id="int-below-python-limit"),
            pytest.param(
                Fraction(1, 10**5000),
                "<Fraction, numerator of 1 digit, denominator of 5001 digits>",
                id="fraction",
            ),
            pytest.param(Unprintable(), "<Unprintable object>", id="repr-raises"),
            pytest.param([10**5000], "<list of 1 item>", id="list-of-a-huge-int"),
            pytest.param((Unprintable(), 1), "<tuple of 2 items>", id="tuple-of-unprintable"),
            pytest.param(2 ** (1 << 18), "<int of about 78914 digits>", id="int-too-big-to-count"),
        ],
    )
    def test_values_whose_repr_fails_or_costs_are_summarised(
        self, value: object, shown: str
    ) -> None:
        """A value whose repr raises or would cost too much is shown by its type and size."""
        error = InvalidValueError("Person", "headcount", "an int", value)
        assert str(error) == f"Person.headcount: expected an int, got {shown}"
        assert error.got is value
        typed = FieldTypeError("Person", "headcount", "an int", value)
        assert str(typed).endswith(f"got {shown} ({type(value).__name__})")
        assert str(IdentifierError("SIREN", value, "expected a string")) == (
            f"invalid SIREN {shown}: expected a string"
        )

    def test_huge_reprs_and_strings_are_cut(self) -> None:
        """A megabyte repr or string is cut to 60 characters."""
        assert (
            str(InvalidValueError("A", "b", "c", Verbose())) == f"A.b: expected c, got {'v' * 59}…"
        )
        assert str(InvalidValueError("A", "b", "c", "w" * 10**7)).endswith(f"got '{'w' * 58}…")

    def test_ids_that_cannot_be_shown(self) -> None:
        """UnknownIdError and DuplicateIdError print whatever id they are given."""
        assert str(UnknownIdError(10**5000, "actor")) == (  # type: ignore[arg-type]  # junk is the case under test
            "no actor with id <int of 5001 digits> in this ecosystem"
        )
        assert str(UnknownIdError(Unprintable())) == (  # type: ignore[arg-type]  # as above
            "no object with id <Unprintable object> in this ecosystem"
        )
        duplicate = DuplicateIdError("Ecosystem", "actors", Unprintable(), "actors[0]", "actors[1]")  # type: ignore[arg-type]  # as above
        assert str(duplicate) == (
            "Ecosystem.actors: id <Unprintable object> is used by actors[0] and again by actors[1]"
        )

    def test_a_valid_id_is_shown_whole(self) -> None:
        """An id of 200 characters, the longest valid one, is not cut."""
        long_id = "a" * 200
        assert str(UnknownIdError(long_id)) == f"no object with id '{long_id}' in this ecosystem"

    def test_summaries_never_raise(self) -> None:
        """Even an int subclass whose methods raise gets a summary."""

        class Hostile(int):
            def __repr__(self) -> str:
                raise RuntimeError

            def bit_length(self) -> int:
                raise RuntimeError

            def __int__(self) -> int:
                raise RuntimeError

        assert (
            str(InvalidValueError("A", "b", "c", Hostile(3)))
            == "A.b: expected c, got <Hostile object>"
        )
