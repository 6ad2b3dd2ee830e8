"""The cattrs converter for the wire format, and the dict-level API built on it."""

from __future__ import annotations

import datetime as dt
import functools
from decimal import Decimal
from fractions import Fraction
from typing import Any, TypeVar, overload

import attrs
import cattrs

from ptcekit.errors import KindError, LoadError, Problem
from ptcekit.model import Ecosystem
from ptcekit.serialize._engine import Engine, Flavour, KeptKeys, Unknown, type_problem
from ptcekit.serialize._fields import Scalar, qualname
from ptcekit.serialize._versions import (
    FORMAT_VERSION,
    UPGRADES,
    VERSION_KEY,
    Upgrades,
    check_version,
)
from ptcekit.serialize._wire import (
    WireError,
    describe,
    parse_date,
    parse_decimal,
    parse_fraction,
)

__all__ = ["Converter", "default_converter", "from_dict", "make_converter", "to_dict"]

T = TypeVar("T")


def _is_value_class(cls: Any) -> bool:
    return isinstance(cls, type) and attrs.has(cls)


def _scalar_hook(parse: Any, name: str) -> Any:
    def structure(value: Any, _: Any) -> Any:
        try:
            return parse(value)
        except WireError:
            problem = Problem("$", type_problem(Scalar(name), value))
        raise LoadError([problem])

    return structure


class Converter(cattrs.Converter):
    """A cattrs converter for ptcekit values, with hooks generated once per class.

    Build one with :func:`make_converter`. ``structure(data, cls)`` reads wire
    data (raising :class:`~ptcekit.errors.LoadError` with every problem), ``unstructure(obj)``
    writes it; an :class:`~ptcekit.model.Ecosystem` is read and written as a
    whole document, format version included.

    Args:
        unknown: ``"forbid"`` (the default) reports keys a class does not have;
            ``"keep"`` keeps them and writes them back on dump.
        upgrades: the upgrades applied to documents of older format versions.
        kept: a table of kept keys of its own; by default every converter
            shares one, so that any of them writes back what another kept.
    """

    def __init__(
        self,
        *,
        unknown: Unknown = "forbid",
        upgrades: Upgrades = UPGRADES,
        kept: KeptKeys | None = None,
    ) -> None:
        super().__init__()
        self.engine = Engine(unknown=unknown, kept=kept)
        self.upgrades = upgrades
        self.register_structure_hook_factory(_is_value_class, self._structure_factory)
        self.register_unstructure_hook_factory(_is_value_class, self._unstructure_factory)
        self.register_structure_hook(Decimal, _scalar_hook(parse_decimal, "decimal"))
        self.register_structure_hook(Fraction, _scalar_hook(parse_fraction, "fraction"))
        self.register_structure_hook(dt.date, _scalar_hook(parse_date, "date"))
        self.register_unstructure_hook(Decimal, str)
        self.register_unstructure_hook(Fraction, str)
        self.register_unstructure_hook(dt.date, dt.date.isoformat)

    def _structure_factory(self, cls: type[Any]) -> Any:
        def structure(data: Any, _: Any) -> Any:
            return self.load(data, cls)

        return structure

    def _unstructure_factory(self, cls: type[Any]) -> Any:
        return self.engine.unstructure_fn(cls)

    def load(
        self, data: Any, cls: type[T], *, upgrades: Upgrades | None = None, pause_gc: bool = True
    ) -> T:
        """Read wire ``data`` as a ``cls``; a document (``Ecosystem``) has its version checked.

        The automatic cyclic collections are paused meanwhile unless ``pause_gc`` is false.

        Raises:
            ValueError: (a :class:`~ptcekit.errors.LoadError`) with every problem found.
            TypeError: (a :class:`~ptcekit.errors.KindError`) if ``cls`` or a kind it uses
                cannot be serialised.
        """
        if cls is Ecosystem:
            if type(data) is not dict:
                message = f"expected a JSON object (a ptcekit document), got {describe(data)}"
                raise LoadError([Problem("$", message)])
            version = check_version(data)
            if version != FORMAT_VERSION:
                data = (upgrades or self.upgrades).upgrade(data, version)
            data = {key: value for key, value in data.items() if key != VERSION_KEY}
        result: T = self.engine.structure(data, cls, pause_gc=pause_gc)
        return result

    def dump(self, obj: object, flavour: Flavour = "data") -> Any:
        """Write the ptcekit value ``obj`` as wire data (an ``Ecosystem`` with its version).

        Raises:
            TypeError: (a :class:`~ptcekit.errors.KindError`) if ``obj`` is not a ptcekit value
                or its kind cannot be written.
        """
        if not _is_value_class(type(obj)):
            raise KindError(qualname(type(obj)), "not a ptcekit value (an attrs class instance)")
        return self.engine.unstructure(obj, flavour)


def make_converter(*, unknown: Unknown = "forbid", upgrades: Upgrades = UPGRADES) -> Converter:
    """Build a wire converter. Its hooks are generated once per class, on first use.

    Args:
        unknown: ``"forbid"`` to report unknown keys, ``"keep"`` to keep them.
        upgrades: the upgrades for documents of older format versions.

    >>> from ptcekit.model import Money
    >>> converter = make_converter()
    >>> converter.unstructure(Money(amount="12.50"))
    {'amount': '12.50'}
    >>> converter.structure({"amount": "12.50", "currency": "EUR"}, Money)
    Money(amount=Decimal('12.50'))
    """
    return Converter(unknown=unknown, upgrades=upgrades)


@functools.cache
def default_converter(unknown: Unknown = "forbid") -> Converter:
    """Return the shared converter the module-level functions use (built once per mode).

    Both modes share the table of kept keys, so that
    ``dumps(loads(text, unknown="keep"))`` writes them back.
    """
    return Converter(unknown=unknown)


def to_dict(obj: object) -> Any:
    """Return the wire data of a ptcekit value: dicts, lists, strings, numbers, booleans.

    Keys follow the class's field order (``"type"`` first on actors and
    assets, the format version first on a document); fields equal to their
    default are left out.

    Raises:
        TypeError: (a :class:`~ptcekit.errors.KindError`) if ``obj`` is not a ptcekit value or
            its kind cannot be written.

    >>> from ptcekit.model import Association
    >>> to_dict(Association(id="archer", name="Archer", public_utility=True))
    {'type': 'association', 'id': 'archer', 'name': 'Archer', 'public_utility': True}
    """
    return default_converter().dump(obj)


@overload
def from_dict(
    data: Any,
    cls: None = None,
    *,
    unknown: Unknown = ...,
    upgrades: Upgrades | None = ...,
    pause_gc: bool = ...,
) -> Ecosystem: ...
@overload
def from_dict(
    data: Any,
    cls: type[T],
    *,
    unknown: Unknown = ...,
    upgrades: Upgrades | None = ...,
    pause_gc: bool = ...,
) -> T: ...
def from_dict(
    data: Any,
    cls: type[Any] | None = None,
    *,
    unknown: Unknown = "forbid",
    upgrades: Upgrades | None = None,
    pause_gc: bool = True,
) -> Any:
    """Read wire data as a ptcekit value; an :class:`~ptcekit.model.Ecosystem` by default.

    Args:
        data: wire data, as :func:`to_dict` makes it or a JSON parser returns it.
        cls: the class to read; an actor or asset class reads any of its
            kinds by the ``"type"`` tag.
        unknown: ``"forbid"`` (default) reports unknown keys as problems;
            ``"keep"`` keeps a copy of them, and :func:`to_dict` writes a copy
            back. Kept values must be JSON values (``None``, booleans,
            strings, integers of at most 64 digits, finite floats, lists,
            dicts with string keys) nested at most 64 levels in the document.
        upgrades: upgrades for documents of older format versions
            (ptcekit's own by default).
        pause_gc: pause the automatic cyclic collections while reading.

    Raises:
        ValueError: (a :class:`~ptcekit.errors.LoadError`) with every problem in ``data``.

    >>> from ptcekit.model import Actor
    >>> from_dict({"type": "person", "id": "p1", "name": "A. Volunteer"}, Actor)
    Person(id='p1', name='A. Volunteer')
    """
    converter = default_converter(unknown)
    return converter.load(data, cls or Ecosystem, upgrades=upgrades, pause_gc=pause_gc)
