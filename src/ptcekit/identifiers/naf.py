"""NAF activity codes (the APE code), in the dotted form Sirene uses: ``88.99B``.

A code is 2 digits (the division), a dot, 2 digits and a capital letter (the
sous-classe), in both nomenclatures INSEE uses:

NAF rév. 2 (:attr:`NafVersion.REV2`, the default)
    the nomenclature in force since 2008 (<https://www.insee.fr/fr/information/2406147>).
    A code must be one of its 732 sous-classes, shipped as
    :data:`REV2_SOUS_CLASSES`: ``04.11Z`` (no division 04), ``62.05Z`` (no
    class 62.05) and ``62.01A`` (class 62.01 has only 62.01Z) are refused.
NAF 2025 (:attr:`NafVersion.NAF2025`)
    the French version of NACE rév. 2.1, which replaces NAF rév. 2 in Sirene
    on 1 January 2027 and which Sirene already gives beside it
    (<https://www.insee.fr/fr/information/8181066>). Its sous-classes end in a
    letter too (``46.87Y``, ``01.48G``), so a code alone does not say which
    nomenclature it belongs to: record the version with it. The division and
    the class must exist in NACE rév. 2.1 (python-stdnum's copy of
    Eurostat's list); the letter of the sous-classe is not checked against
    INSEE's list.

>>> from ptcekit.identifiers import naf
>>> naf.validate("88.99B")
'88.99B'
>>> naf.compact("8899b")
'88.99B'
>>> naf.validate("46.87Y", version="2025")
'46.87Y'
>>> naf.validate("00.00Z")  # doctest: +ELLIPSIS
Traceback (most recent call last):
    ...
ptcekit.errors.InvalidComponent: invalid NAF rév. 2 code '00.00Z': division 00 does not exist in NAF rév. 2
>>> naf.validate("62.01A")  # doctest: +ELLIPSIS
Traceback (most recent call last):
    ...
ptcekit.errors.InvalidComponent: invalid NAF rév. 2 code '62.01A': ... class 62.01 has 62.01Z
"""

from __future__ import annotations

import enum
import functools
import re
import types
from typing import TYPE_CHECKING, Final

from stdnum.eu import nace

from ptcekit.errors import InvalidComponent, InvalidFormat, InvalidLength
from ptcekit.identifiers import _naf_rev2
from ptcekit.identifiers._common import as_text, passes

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = [
    "COMPACT_FORM",
    "COMPACT_PATTERN",
    "KIND",
    "KINDS",
    "REV2_SOUS_CLASSES",
    "NafVersion",
    "classes",
    "compact",
    "format",
    "is_valid",
    "validate",
    "validate_form",
]


class NafVersion(enum.StrEnum):
    """The nomenclature a NAF code belongs to."""

    REV2 = "rev2"
    """NAF rév. 2, in force since 1 January 2008."""
    NAF2025 = "2025"
    """NAF 2025, the French version of NACE rév. 2.1, in Sirene's APE codes from 2027."""


KINDS: Final[Mapping[NafVersion, str]] = types.MappingProxyType(
    {NafVersion.REV2: "NAF rév. 2 code", NafVersion.NAF2025: "NAF 2025 code"}
)
"""The name of a code of each version, as error messages give it."""

KIND: Final = KINDS[NafVersion.REV2]
#: The compact form the wire carries, as a regular expression: ``compact``
#: leaves every string it matches unchanged.
COMPACT_PATTERN: Final = "[0-9]{2}\\.[0-9]{2}[A-Z]"
#: :data:`COMPACT_PATTERN` in words, for messages.
COMPACT_FORM: Final = 'a NAF code (rév. 2 or 2025) in Sirene form such as "88.99B"'

REV2_SOUS_CLASSES: Final[frozenset[str]] = _naf_rev2.SOUS_CLASSES
"""The 732 sous-classes of NAF rév. 2, such as ``"88.99B"`` (INSEE's list)."""

_NAMES: Final = {NafVersion.REV2: "NAF rév. 2", NafVersion.NAF2025: "NAF 2025"}
_NACE_REVISION: Final = "2.1"  # python-stdnum's name of NACE rév. 2.1, which NAF 2025 refines
_LENGTH: Final = 6
_PATTERN: Final = re.compile(r"[0-9]{2}\.[0-9]{2}[A-Z]")
_DOTLESS: Final = re.compile(r"[0-9]{4}[A-Z]")

_REV2_CLASSES: Final = frozenset(code[:5] for code in REV2_SOUS_CLASSES)
_REV2_DIVISIONS: Final = frozenset(code[:2] for code in REV2_SOUS_CLASSES)


def _version(version: NafVersion | str) -> NafVersion:
    """Return ``version`` as a :class:`NafVersion`, or raise a ValueError naming it."""
    try:
        return NafVersion(version)
    except ValueError:
        expected = " or ".join(repr(member.value) for member in NafVersion)
        message = f"version: expected {expected}, got {version!r}"
        raise ValueError(message) from None


def _in_nace21(code: str) -> bool:
    """Whether ``code`` (a division or a class, digits only) exists in NACE rév. 2.1."""
    return nace.is_valid(code, revision=_NACE_REVISION)


@functools.cache
def _nace21_classes() -> frozenset[str]:
    return frozenset(
        f"{n // 100:02d}.{n % 100:02d}" for n in range(10_000) if _in_nace21(f"{n:04d}")
    )


def classes(version: NafVersion | str = NafVersion.REV2) -> frozenset[str]:
    """Return the classes (4-digit level, shared with NACE) of a version of the NAF.

    Args:
        version: ``"rev2"`` (the default) or ``"2025"``.

    Returns:
        Codes such as ``"88.99"``: 615 for NAF rév. 2, 651 for NAF 2025.

    Raises:
        ValueError: ``version`` is not a :class:`NafVersion`.
    """
    if _version(version) is NafVersion.REV2:
        return _REV2_CLASSES
    return _nace21_classes()


def _as_text(value: object, version: NafVersion) -> str:
    return as_text(KINDS[version], value)


def compact(value: str) -> str:
    """Return ``value`` stripped, upper-cased, with the dot put back if it was left out.

    Args:
        value: a NAF code, such as ``"88.99B"`` or ``"8899b"``.

    Returns:
        The code; nothing is checked.

    Raises:
        InvalidFormat: ``value`` is not a string.
    """
    code = _as_text(value, NafVersion.REV2).strip().upper()
    if _DOTLESS.fullmatch(code):
        code = f"{code[:2]}.{code[2:]}"
    return code


def _checked_form(value: object, version: NafVersion) -> str:
    """Return the dotted form of ``value``, or raise if it is not ``NN.NNL``."""
    kind = KINDS[version]
    code = _as_text(value, version).strip().upper()
    if _DOTLESS.fullmatch(code):
        code = f"{code[:2]}.{code[2:]}"
    if len(code) != _LENGTH:
        reason = (
            f"expected {_LENGTH} characters as in '88.99B' (5 without the dot), got {len(code)}"
        )
        raise InvalidLength(kind, value, reason)
    if not _PATTERN.fullmatch(code):
        reason = "expected 2 digits, a dot, 2 digits and a capital letter, as in '88.99B'"
        raise InvalidFormat(kind, value, reason)
    return code


def validate_form(value: str) -> str:
    """Check only the form every version shares (``NN.NNL``) and return the dotted form.

    For a caller that learns the version later, such as a model whose
    version field is checked after the code: :func:`validate` with the
    version is the full check.

    Args:
        value: the code to check, with or without the dot.

    Returns:
        The code, such as ``"88.99B"``; ``"04.11Z"`` passes, though no version has division 04.

    Raises:
        InvalidFormat: ``value`` is not a string, or not ``NN.NNL``.
        InvalidLength: it does not have 6 characters (5 without the dot).
    """
    return _checked_form(value, NafVersion.REV2)


def _rev2_reason(code: str) -> str | None:
    """Say why a well-shaped ``code`` is not a sous-classe of NAF rév. 2, if it is not."""
    if code in REV2_SOUS_CLASSES:
        return None
    name = _NAMES[NafVersion.REV2]
    if code[:2] not in _REV2_DIVISIONS:
        return f"division {code[:2]} does not exist in {name}"
    if code[:5] not in _REV2_CLASSES:
        return f"class {code[:5]} does not exist in {name}"
    found = ", ".join(sorted(sub for sub in REV2_SOUS_CLASSES if sub.startswith(code[:5])))
    return f"not a sous-classe of {name}: class {code[:5]} has {found}"


def _naf2025_reason(code: str) -> str | None:
    """Say why a well-shaped ``code`` cannot be a sous-classe of NAF 2025, if it cannot."""
    name = _NAMES[NafVersion.NAF2025]
    if not _in_nace21(code[:2]):
        return f"division {code[:2]} does not exist in {name} (NACE rév. 2.1)"
    if not _in_nace21(code[:2] + code[3:5]):
        return f"class {code[:5]} does not exist in {name} (NACE rév. 2.1)"
    return None


def validate(value: str, version: NafVersion | str = NafVersion.REV2) -> str:
    """Check a NAF code of the given version and return its dotted form.

    Args:
        value: the code to check, with or without the dot.
        version: the nomenclature it belongs to: ``"rev2"`` (the default) or ``"2025"``.

    Returns:
        The code, such as ``"88.99B"``.

    Raises:
        InvalidFormat: ``value`` is not a string, or not ``NN.NNL``.
        InvalidLength: it does not have 6 characters (5 without the dot).
        InvalidComponent: its division, class or sous-classe does not exist in
            that version (for NAF 2025, the sous-classe's letter is not checked).
        ValueError: ``version`` is not a :class:`NafVersion`.
    """
    which = _version(version)
    code = _checked_form(value, which)
    reason_or_none = _rev2_reason(code) if which is NafVersion.REV2 else _naf2025_reason(code)
    if reason_or_none is not None:
        raise InvalidComponent(KINDS[which], value, reason_or_none)
    return code


def is_valid(value: object, version: NafVersion | str = NafVersion.REV2) -> bool:
    """Tell whether ``value`` is a valid NAF code of the given version; never raises for any value.

    Args:
        value: anything.
        version: ``"rev2"`` (the default) or ``"2025"``.

    Returns:
        ``True`` if :func:`validate` accepts it.

    Raises:
        ValueError: ``version`` is not a :class:`NafVersion` (a mistake in the call, not in the value).
    """
    return passes(functools.partial(validate, version=_version(version)), value)


def format(value: str, version: NafVersion | str = NafVersion.REV2) -> str:  # noqa: A001 -- the python-stdnum interface name
    """Return the code in Sirene's dotted form.

    Args:
        value: the code to format.
        version: ``"rev2"`` (the default) or ``"2025"``.

    Returns:
        The code, such as ``"88.99B"``.

    Raises:
        IdentifierError: ``value`` is not a valid NAF code of that version (see :func:`validate`).
        ValueError: ``version`` is not a :class:`NafVersion`.
    """
    return validate(value, version)
