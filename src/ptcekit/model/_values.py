"""Value types: money, periods, shares, identifiers, places and quantities."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from fractions import Fraction
from typing import Any, ClassVar

import attrs

from ptcekit.errors import InvalidValueError
from ptcekit.identifiers import currency, rna, siren, siret
from ptcekit.model import validators as v
from ptcekit.model._base import Value

__all__ = ["Identifier", "Money", "Period", "Place", "Quantity", "Share"]


@attrs.frozen(kw_only=True, repr=False)
class Money(Value):
    """An exact amount of money in one currency.

    The amount is a :class:`~decimal.Decimal`; an ``int`` or a decimal string
    is converted, a ``float`` is refused since it is not exact.

    Written out, the amount has at most
    :data:`~ptcekit.model.limits.MAX_INTEGER_DIGITS` digits. The currency is
    stored in compact form, as identifiers are: ``" eur"`` is kept as ``"EUR"``.

    Attributes:
        amount: the amount, which may be negative (a refund, a loss).
        currency: an ISO 4217 code; ``"EUR"`` by default.

    >>> Money(amount="1200.50")
    Money(amount=Decimal('1200.50'))
    >>> Money(amount=3) + Money(amount="0.25")
    Money(amount=Decimal('3.25'))
    """

    amount: Decimal = attrs.field(converter=v.ToDecimal[Decimal], validator=v.DecimalRange())
    currency: str = attrs.field(
        default="EUR",
        validator=v.IdentifierOf(currency, kind="ISO 4217 currency code", compact=True),
    )

    def __add__(self, other: object) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        if other.currency != self.currency:
            message = f"cannot add {other.currency} to {self.currency}"
            raise InvalidValueError(
                "Money", "currency", f"{self.currency}, as {message}", other.currency
            )
        return Money(amount=self.amount + other.amount, currency=self.currency)

    def __str__(self) -> str:
        return f"{self.amount} {self.currency}"


@attrs.frozen(kw_only=True, repr=False)
class Period(Value):
    """A span of days, from ``start`` to ``end``, both included.

    ``end=None`` means open-ended (still running). ``start=None`` means the
    start is unknown; a period is never both unknown at start and open at end
    unless it is :meth:`always`.

    >>> p = Period(start=dt.date(2024, 1, 1), end=dt.date(2024, 12, 31))
    >>> dt.date(2024, 6, 1) in p
    True
    >>> p.overlaps(Period(start=dt.date(2025, 1, 1)))
    False
    """

    start: dt.date | None = attrs.field(default=None, validator=v.Date(optional=True))
    end: dt.date | None = attrs.field(default=None, validator=v.Date(optional=True))

    def __attrs_post_init__(self) -> None:
        start, end = self.start, self.end
        if start is not None and end is not None and end < start:
            v.fail(self, "end", f"a date on or after start {start.isoformat()}", end)

    @classmethod
    def always(cls) -> Period:
        """Return the period with neither start nor end."""
        return cls()

    @property
    def is_open(self) -> bool:
        """Whether the period has no end."""
        return self.end is None

    def contains(self, day: dt.date) -> bool:
        """Return whether ``day`` falls within the period (ends included)."""
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.contains(day)

    def overlaps(self, other: Period) -> bool:
        """Return whether the two periods share at least one day."""
        starts_before_other_ends = (
            self.start is None or other.end is None or self.start <= other.end
        )
        ends_after_other_starts = self.end is None or other.start is None or other.start <= self.end
        return starts_before_other_ends and ends_after_other_starts

    def covers(self, other: Period) -> bool:
        """Return whether every day of ``other`` is in this period."""
        start_ok = self.start is None or (other.start is not None and self.start <= other.start)
        end_ok = self.end is None or (other.end is not None and other.end <= self.end)
        return start_ok and end_ok

    def __str__(self) -> str:
        start = self.start.isoformat() if self.start else "…"
        end = self.end.isoformat() if self.end else "…"
        return f"{start} → {end}"


@attrs.frozen(kw_only=True, repr=False)
class Share(Value):
    """A part of a whole: an exact fraction in (0, 1], or bounds when only they are known.

    Give ``fraction`` when the share is known, or ``minimum`` and/or
    ``maximum`` when only bounds are (as the Beneficial Ownership Data
    Standard does for ownership bands). Values are :class:`~fractions.Fraction`;
    an ``int``, a :class:`~decimal.Decimal` or a string such as ``"1/3"`` or
    ``"0.25"`` is converted exactly. Floats are refused.

    >>> Share(fraction="1/3").fraction
    Fraction(1, 3)
    >>> Share(minimum="1/4", maximum="1/2").is_exact
    False
    """

    fraction: Fraction | None = attrs.field(
        default=None,
        converter=v.ToFraction[Fraction | None],
        validator=v.FractionRange(include_low=False, optional=True),
    )
    minimum: Fraction | None = attrs.field(
        default=None,
        converter=v.ToFraction[Fraction | None],
        validator=v.FractionRange(optional=True),
    )
    maximum: Fraction | None = attrs.field(
        default=None,
        converter=v.ToFraction[Fraction | None],
        validator=v.FractionRange(include_low=False, optional=True),
    )

    def __attrs_post_init__(self) -> None:
        if self.fraction is not None:
            if self.minimum is not None:
                v.fail(self, "minimum", "no bounds when fraction is given", self.minimum)
            if self.maximum is not None:
                v.fail(self, "maximum", "no bounds when fraction is given", self.maximum)
        elif self.minimum is None and self.maximum is None:
            v.fail(self, "fraction", "a fraction, or a minimum and/or a maximum", None)
        elif self.minimum is not None and self.maximum is not None and self.maximum < self.minimum:
            v.fail(self, "maximum", f"a maximum >= the minimum {self.minimum}", self.maximum)

    @classmethod
    def of(cls, value: Fraction | int | Decimal | str) -> Share:
        """Return the exact share ``value``: ``Share.of("1/2")``."""
        return cls(fraction=value)

    @property
    def is_exact(self) -> bool:
        """Whether the share is known exactly."""
        return self.fraction is not None

    @property
    def low(self) -> Fraction:
        """The smallest value the share can have (0 when unknown)."""
        if self.fraction is not None:
            return self.fraction
        return self.minimum if self.minimum is not None else Fraction(0)

    @property
    def high(self) -> Fraction:
        """The largest value the share can have (1 when unknown)."""
        if self.fraction is not None:
            return self.fraction
        return self.maximum if self.maximum is not None else Fraction(1)

    def __str__(self) -> str:
        if self.fraction is not None:
            return _percent(self.fraction)
        return f"{_percent(self.low)}–{_percent(self.high)}"


def _percent(value: Fraction) -> str:
    percent = value * 100
    if percent.denominator == 1:
        return f"{percent.numerator} %"
    return f"{float(percent):.4g} %"


#: Identifier schemes ptcekit checks, with the identifiers module and kind name.
#: ``FR-RCS`` is org-id.guide's code for SIREN (the legal unit); org-id.guide has
#: no code for SIRET (an establishment) or RNA (associations), so ptcekit uses
#: the documented local codes ``FR-SIRET`` and ``FR-RNA``.
KNOWN_SCHEMES: dict[str, tuple[Any, str]] = {
    "FR-RCS": (siren, "SIREN"),
    "FR-SIRET": (siret, "SIRET"),
    "FR-RNA": (rna, "RNA number"),
}

_SCHEME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:\-]{0,63}")


@attrs.frozen(kw_only=True, repr=False)
class Identifier(Value):
    """An identifier in a registry: a scheme code and a value.

    Schemes follow `org-id.guide <https://org-id.guide>`_ where it has one.
    Values of the schemes in ``KNOWN_SCHEMES`` are checked (``FR-RCS``:
    SIREN; ``FR-SIRET``: SIRET; ``FR-RNA``: RNA number); other schemes are
    kept as given.

    >>> Identifier(scheme="FR-RCS", value="732829320")
    Identifier(scheme='FR-RCS', value='732829320')
    """

    scheme: str = attrs.field(validator=v.Text(multiline=False))
    value: str = attrs.field(validator=v.Text(multiline=False))

    def __attrs_post_init__(self) -> None:
        fields = attrs.fields(Identifier)
        if _SCHEME.fullmatch(self.scheme) is None:
            v.fail(
                self,
                fields.scheme,
                "a scheme code such as 'FR-RCS' (letters, digits, '_.:-')",
                self.scheme,
            )
        known = KNOWN_SCHEMES.get(self.scheme)
        if known is not None:
            module, kind = known
            v.IdentifierOf(module, kind=kind)(self, fields.value, self.value)
            # store the compact form, so "732 829 320" and "732829320" are one identifier
            object.__setattr__(self, "value", module.compact(self.value))


@attrs.frozen(kw_only=True, repr=False)
class Place(Value):
    """A place: a commune (its COG code), optionally an address and coordinates.

    >>> Place(commune="26281", address="8 rue Archer, Romans-sur-Isère")
    Place(commune='26281', address='8 rue Archer, Romans-sur-Isère')
    """

    commune: str = attrs.field(
        validator=v.commune_code(),
    )
    address: str | None = attrs.field(default=None, validator=v.Text(optional=True))
    latitude: float | None = attrs.field(default=None, validator=v.Degrees(90, optional=True))
    longitude: float | None = attrs.field(default=None, validator=v.Degrees(180, optional=True))

    def __attrs_post_init__(self) -> None:
        if (self.latitude is None) != (self.longitude is None):
            field = (
                attrs.fields(Place).longitude
                if self.longitude is None
                else attrs.fields(Place).latitude
            )
            v.fail(self, field, "latitude and longitude given together", None)


@attrs.frozen(kw_only=True, repr=False)
class Quantity(Value):
    """An exact quantity with its unit, such as 12 hours or 40 m².

    >>> Quantity(value=12, unit="h")
    Quantity(value=Decimal('12'), unit='h')
    """

    UNITS: ClassVar[str] = "a unit such as 'h', 'day', 'm2', 'fte', 'km'"

    value: Decimal = attrs.field(
        converter=v.ToDecimal[Decimal], validator=v.DecimalRange(minimum=Decimal(0))
    )
    unit: str = attrs.field(validator=v.Text(multiline=False))

    def __str__(self) -> str:
        return f"{self.value} {self.unit}"
