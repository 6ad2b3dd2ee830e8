"""Bounds on what a document or a constructor may hold, so that every check does bounded work.

They are the same for every way in: constructors, :func:`ptcekit.from_dict`
and :func:`ptcekit.loads` with either JSON backend, so that whatever can be
built can be written and read back.

>>> from ptcekit.model import limits
>>> limits.MAX_DEPTH, limits.MAX_INTEGER_DIGITS, limits.MAX_FRACTION_DIGITS
(64, 64, 24)
"""

from __future__ import annotations

from typing import Final

__all__ = ["MAX_DEPTH", "MAX_FRACTION_DIGITS", "MAX_INTEGER_DIGITS"]

#: The deepest nesting of arrays and objects a document may have (the
#: document itself is depth 1). A ptcekit document needs about ten levels;
#: the rest is room for values kept with ``unknown="keep"``.
MAX_DEPTH: Final = 64

#: The most decimal digits of an integer (a headcount, a quantity, a year),
#: and of the digits of a decimal amount.
MAX_INTEGER_DIGITS: Final = 64

#: The most decimal digits of each term (numerator, denominator) of an exact
#: fraction, in lowest terms: a share such as ``"1/3"`` or ``"0.125"``.
MAX_FRACTION_DIGITS: Final = 24
