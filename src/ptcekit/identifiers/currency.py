"""ISO 4217 alphabetic currency codes, as listed in force (List One).

:data:`CODES` holds the codes of ISO 4217 List One as in force in 2026: the
currencies of countries (EUR, and XPF, the CFP franc of French Polynesia,
New Caledonia and Wallis-et-Futuna), the fund codes (BOV, CHE, CHW, CLF, COU,
MXV, USN, UYI, UYW) and the X codes for precious metals, bond-market units,
the SDR and testing (XAU, XBA…, XDR, XTS, XXX). Withdrawn codes (FRF, HRK,
ZWL, ANG, BGN, SLL, CUC…) are refused. Update the set when ISO publishes an
amendment.

>>> from ptcekit.identifiers import currency
>>> currency.validate("eur")
'EUR'
>>> currency.is_valid("XPF")
True
>>> currency.validate("FRF")
Traceback (most recent call last):
    ...
ptcekit.errors.InvalidComponent: invalid currency code 'FRF': not an ISO 4217 code in force
"""

from __future__ import annotations

import re
from typing import Final

from ptcekit.errors import InvalidComponent, InvalidFormat, InvalidLength
from ptcekit.identifiers._common import as_text, passes

__all__ = [
    "CODES",
    "COMPACT_FORM",
    "COMPACT_PATTERN",
    "KIND",
    "compact",
    "format",
    "is_valid",
    "validate",
]

KIND: Final = "currency code"
#: The compact form the wire carries, as a regular expression: ``compact``
#: leaves every string it matches unchanged.
COMPACT_PATTERN: Final = "[A-Z]{3}"
#: :data:`COMPACT_PATTERN` in words, for messages.
COMPACT_FORM: Final = 'an ISO 4217 currency code such as "EUR"'
_LENGTH: Final = 3
_PATTERN: Final = re.compile(r"[A-Z]{3}")

CODES: Final[frozenset[str]] = frozenset(
    """
    AED AFN ALL AMD AOA ARS AUD AWG AZN
    BAM BBD BDT BHD BIF BMD BND BOB BOV BRL BSD BTN BWP BYN BZD
    CAD CDF CHE CHF CHW CLF CLP CNY COP COU CRC CUP CVE CZK
    DJF DKK DOP DZD
    EGP ERN ETB EUR
    FJD FKP
    GBP GEL GHS GIP GMD GNF GTQ GYD
    HKD HNL HTG HUF
    IDR ILS INR IQD IRR ISK
    JMD JOD JPY
    KES KGS KHR KMF KPW KRW KWD KYD KZT
    LAK LBP LKR LRD LSL LYD
    MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN
    NAD NGN NIO NOK NPR NZD
    OMR
    PAB PEN PGK PHP PKR PLN PYG
    QAR
    RON RSD RUB RWF
    SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL
    THB TJS TMT TND TOP TRY TTD TWD TZS
    UAH UGX USD USN UYI UYU UYW UZS
    VED VES VND VUV
    WST
    XAF XAG XAU XBA XBB XBC XBD XCD XCG XDR XOF XPD XPF XPT XSU XTS XUA XXX
    YER
    ZAR ZMW ZWG
    """.split()  # noqa: SIM905 -- a block by initial letter is easier to check than 177 literals
)
"""The alphabetic codes of ISO 4217 List One in force in 2026."""


def _as_text(value: object) -> str:
    return as_text(KIND, value)


def compact(value: str) -> str:
    """Return ``value`` stripped of surrounding whitespace and upper-cased.

    Args:
        value: a currency code, such as ``"eur"``.

    Returns:
        The code; nothing is checked.

    Raises:
        InvalidFormat: ``value`` is not a string.
    """
    return _as_text(value).strip().upper()


def validate(value: str) -> str:
    """Check a currency code and return its compact form.

    Args:
        value: the currency code to check.

    Returns:
        The 3-letter code, such as ``"EUR"``.

    Raises:
        InvalidFormat: ``value`` is not a string, or not 3 letters.
        InvalidLength: it does not have 3 characters.
        InvalidComponent: it is not an ISO 4217 code in force.
    """
    code = compact(value)
    if len(code) != _LENGTH:
        reason = f"expected {_LENGTH} letters, got {len(code)} characters"
        raise InvalidLength(KIND, value, reason)
    if not _PATTERN.fullmatch(code):
        reason = f"expected {_LENGTH} capital letters"
        raise InvalidFormat(KIND, value, reason)
    if code not in CODES:
        reason = "not an ISO 4217 code in force"
        raise InvalidComponent(KIND, value, reason)
    return code


def is_valid(value: object) -> bool:
    """Tell whether ``value`` is a valid currency code; never raises.

    Args:
        value: anything.

    Returns:
        ``True`` if :func:`validate` accepts it.
    """
    return passes(validate, value)


def format(value: str) -> str:  # noqa: A001 -- the python-stdnum interface name
    """Return the currency code in its compact form.

    Args:
        value: the currency code to format.

    Returns:
        The 3-letter code.

    Raises:
        IdentifierError: ``value`` is not a valid currency code (see :func:`validate`).
    """
    return validate(value)
