"""Identifiers of French legal units, places and activities, with one interface for all.

Each kind has its own module, in the manner of python-stdnum:
:mod:`~ptcekit.identifiers.siren`, :mod:`~ptcekit.identifiers.siret`,
:mod:`~ptcekit.identifiers.rna`, :mod:`~ptcekit.identifiers.commune`,
:mod:`~ptcekit.identifiers.departement`, :mod:`~ptcekit.identifiers.region`,
:mod:`~ptcekit.identifiers.naf`, :mod:`~ptcekit.identifiers.legal_category` and
:mod:`~ptcekit.identifiers.currency`. Every module offers:

``compact(value)``
    the value without separators or surrounding whitespace, unchecked;
``validate(value)``
    the compact value, or an :class:`~ptcekit.errors.IdentifierError` subclass
    saying what failed: ``InvalidLength``, ``InvalidFormat``,
    ``InvalidChecksum`` or ``InvalidComponent``;
``is_valid(value)``
    ``True`` or ``False``, never an exception, whatever ``value`` is;
``format(value)``
    the value as people print it, after validating it;
``KIND``
    the name of the kind, as error messages give it;
``COMPACT_PATTERN`` and ``COMPACT_FORM``
    the compact form as a regular expression, which ``compact`` leaves
    unchanged and the wire carries, and in words.

:class:`IdentifierModule` states that interface as a :class:`typing.Protocol`:
a type checker accepts each module where one is expected.

The NAF functions also take the nomenclature the code belongs to
(:class:`~ptcekit.identifiers.naf.NafVersion`: NAF rév. 2 or NAF 2025), and
:func:`commune.departement_of <ptcekit.identifiers.commune.departement_of>`
answers ``None`` for a commune of a collectivité d'outre-mer, which has no
département.

>>> from ptcekit.identifiers import siren, commune
>>> siren.format("732829320")
'732 829 320'
>>> commune.departement_of("2A004")
'2A'
>>> commune.departement_of("98818") is None  # Nouméa
True
>>> commune.is_valid(None)
False
"""

from __future__ import annotations

import typing as _typing

from ptcekit.identifiers import (
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
from ptcekit.identifiers.legal_category import LegalCategory, LegalFamily
from ptcekit.identifiers.naf import NafVersion

__all__ = [
    "IdentifierModule",
    "LegalCategory",
    "LegalFamily",
    "NafVersion",
    "commune",
    "currency",
    "departement",
    "legal_category",
    "naf",
    "region",
    "rna",
    "siren",
    "siret",
]


@_typing.runtime_checkable
class IdentifierModule(_typing.Protocol):
    """The interface every identifiers module offers, as python-stdnum's modules do.

    >>> from ptcekit.identifiers import siren
    >>> isinstance(siren, IdentifierModule)
    True
    """

    #: The name of the kind, as error messages give it.
    KIND: str
    #: The compact form as a regular expression: ``compact`` leaves what it matches unchanged.
    COMPACT_PATTERN: str
    #: :attr:`COMPACT_PATTERN` in words.
    COMPACT_FORM: str

    def compact(self, value: str) -> str:
        """Return ``value`` without separators or surrounding whitespace, unchecked."""
        ...

    def validate(self, value: str) -> str:
        """Return the compact value, or raise an :class:`~ptcekit.errors.IdentifierError` saying what failed."""
        ...

    def is_valid(self, value: object) -> bool:
        """Tell whether ``validate`` accepts ``value``; never raises."""
        ...

    def format(self, value: str) -> str:
        """Return the value as people print it, after validating it."""
        ...
