"""The converter: the structuring and unstructuring functions of each class, and the dict-level API.

A :class:`Converter` owns the generated functions (built once per class, on
first use), reads wire data with them, and when they refuse it, has the
diagnosis (:mod:`ptcekit.serialize._diagnose`) find every problem.
"""

from __future__ import annotations

import datetime as dt
import functools
import inspect
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from typing import Any, TypeVar, overload

import attrs
import cattrs

from ptcekit.errors import InvalidValueError, KindError, LoadError
from ptcekit.model import Ecosystem
from ptcekit.serialize._diagnose import (
    DEFAULT_MAX_PROBLEMS,
    Diagnoser,
    Diagnosis,
    nests_too_deep,
    not_a_document,
    scalar_problem,
)
from ptcekit.serialize._fields import Node, Obj, Poly, qualname
from ptcekit.serialize._gc import paused_gc
from ptcekit.serialize._kinds import family_of
from ptcekit.serialize._structure import KEPT_SLOT, Structurer, Unknown
from ptcekit.serialize._unstructure import Flavour, Unstructurer
from ptcekit.serialize._versions import (
    FORMAT_VERSION,
    UPGRADES,
    VERSION_KEY,
    Upgrades,
    check_version,
)
from ptcekit.serialize._wire import (
    WireError,
    json_copy,
    parse_date,
    parse_decimal,
    parse_fraction,
)

__all__ = [
    "Converter",
    "checked_max",
    "default_converter",
    "from_dict",
    "generated_source",
    "kept_keys",
    "make_converter",
    "to_dict",
]

T = TypeVar("T")


def kept_keys(obj: object) -> dict[str, Any] | None:
    """Return a copy of the unknown keys kept from the document ``obj`` was read from, or ``None``.

    A document read with ``unknown="keep"`` keeps, on each object, the keys its
    class does not have, in a private slot every model value has; they are
    written back by :func:`to_dict` and :func:`~ptcekit.serialize.dumps`, and
    pickling and ``copy.deepcopy`` keep them. They take no part in
    equality or hashing. :func:`attrs.evolve` makes a new value through the
    class's ``__init__``, which knows nothing of the document: the new
    value has no kept keys.

    >>> from ptcekit.serialize import loads
    >>> eco = loads(
    ...     '{"ptcekit": "1", "actors": [{"type": "person", "id": "p", "name": "P", "age": 7}]}',
    ...     unknown="keep",
    ... )
    >>> kept_keys(eco.actors[0]), kept_keys(eco)
    ({'age': 7}, None)
    """
    extra = getattr(obj, KEPT_SLOT, None)
    if type(extra) is not dict:
        return None
    copy: dict[str, Any] = json_copy(extra, 1)
    return copy


def _is_value_class(cls: Any) -> bool:
    return isinstance(cls, type) and attrs.has(cls)


def _node_for(cls: Any) -> Node:
    """Return how a top-level ``cls`` is read: a kind of a family always carries its tag."""
    family = family_of(cls) if isinstance(cls, type) else None
    if family is not None:
        return Poly(cls, family[1])
    return Obj(cls)


def _scalar_hook(parse: Any, name: str) -> Any:
    def structure(value: Any, _: Any) -> Any:
        try:
            return parse(value)
        except WireError:
            problem = scalar_problem(name, value)
        raise LoadError([problem])

    return structure


class _LoadHook:
    """The structure hook this converter makes for a ptcekit class: a load of it."""

    __slots__ = ("cls", "converter")

    def __init__(self, converter: Converter, cls: type[Any]) -> None:
        self.converter = converter
        self.cls = cls

    def __call__(self, data: Any, _: Any) -> Any:
        return self.converter.load(data, self.cls)


class _DumpHook:
    """The unstructure hook this converter makes for a ptcekit class: a dump of it."""

    __slots__ = ("converter",)

    def __init__(self, converter: Converter) -> None:
        self.converter = converter

    def __call__(self, obj: Any) -> Any:
        return self.converter.dump(obj)


class Converter(cattrs.Converter):
    """A cattrs converter for ptcekit values, with hooks generated once per class.

    Build one with :func:`make_converter`. ``structure(data, cls)`` reads wire
    data (raising :class:`~ptcekit.errors.LoadError` with every problem), ``unstructure(obj)``
    writes it; an :class:`~ptcekit.model.Ecosystem` is read and written as a
    whole document, format version included.

    Hooks registered on it for an attrs class (``register_structure_hook``,
    ``register_unstructure_hook``, their ``_func`` and ``_factory`` forms)
    apply wherever the class appears, inside documents too: the generated
    code calls them in place of its own reading or writing of the class
    (classes without hooks cost nothing more). A value a structure hook
    refuses is reported at its path, with the hook's error.

    Args:
        unknown: ``"forbid"`` (the default) reports keys a class does not have;
            ``"keep"`` keeps them and writes them back on dump.
        upgrades: the upgrades applied to documents of older format versions.
    """

    def __init__(
        self,
        *,
        unknown: Unknown = "forbid",
        upgrades: Upgrades = UPGRADES,
    ) -> None:
        self._ready = False
        super().__init__()
        if unknown not in ("forbid", "keep"):
            raise InvalidValueError("Converter", "unknown", "'forbid' or 'keep'", unknown)
        self.unknown: Unknown = unknown
        self.upgrades = upgrades
        self.register_structure_hook_factory(_is_value_class, self._structure_factory)
        self.register_unstructure_hook_factory(_is_value_class, self._unstructure_factory)
        self.register_structure_hook(Decimal, _scalar_hook(parse_decimal, "decimal"))
        self.register_structure_hook(Fraction, _scalar_hook(parse_fraction, "fraction"))
        self.register_structure_hook(dt.date, _scalar_hook(parse_date, "date"))
        self.register_unstructure_hook(Decimal, str)
        self.register_unstructure_hook(Fraction, str)
        self.register_unstructure_hook(dt.date, dt.date.isoformat)
        self._ready = True
        self._forget()

    def _forget(self) -> None:
        """Start the generated functions afresh: a hook registered now applies to them."""
        self.structurer = Structurer(unknown=self.unknown, hook=self._user_structure_hook)
        self.unstructurer = Unstructurer(self.structurer, hook=self._user_unstructure_hook)
        self.diagnoser = Diagnoser(self.structurer)

    def _user_structure_hook(self, cls: type[Any]) -> Callable[[Any, Any], Any] | None:
        """The structure hook registered for the attrs class ``cls`` by the converter's user, if any."""
        if not _is_value_class(cls):
            return None
        hook = self.get_structure_hook(cls)
        return None if isinstance(hook, _LoadHook) else hook

    def _user_unstructure_hook(self, cls: type[Any]) -> Callable[[Any], Any] | None:
        """The unstructure hook registered for the attrs class ``cls`` by the converter's user, if any."""
        if not _is_value_class(cls):
            return None
        hook = self.get_unstructure_hook(cls)
        return None if isinstance(hook, _DumpHook) else hook

    def register_structure_hook(self, *args: Any, **kwargs: Any) -> Any:
        """Register as cattrs does; the generated functions then call the new hook."""
        result = super().register_structure_hook(*args, **kwargs)
        if self._ready:
            self._forget()
        return result

    def register_structure_hook_func(self, *args: Any, **kwargs: Any) -> Any:
        """Register as cattrs does; the generated functions then call the new hook."""
        result = super().register_structure_hook_func(*args, **kwargs)
        if self._ready:
            self._forget()
        return result

    def register_structure_hook_factory(self, *args: Any, **kwargs: Any) -> Any:
        """Register as cattrs does; the generated functions then call the new hook."""
        result = super().register_structure_hook_factory(*args, **kwargs)
        if self._ready:
            self._forget()
        return result

    def register_unstructure_hook(self, *args: Any, **kwargs: Any) -> Any:
        """Register as cattrs does; the generated functions then call the new hook."""
        result = super().register_unstructure_hook(*args, **kwargs)
        if self._ready:
            self._forget()
        return result

    def register_unstructure_hook_func(self, *args: Any, **kwargs: Any) -> Any:
        """Register as cattrs does; the generated functions then call the new hook."""
        result = super().register_unstructure_hook_func(*args, **kwargs)
        if self._ready:
            self._forget()
        return result

    def register_unstructure_hook_factory(self, *args: Any, **kwargs: Any) -> Any:
        """Register as cattrs does; the generated functions then call the new hook."""
        result = super().register_unstructure_hook_factory(*args, **kwargs)
        if self._ready:
            self._forget()
        return result

    def _structure_factory(self, cls: type[Any]) -> Any:
        return _LoadHook(self, cls)

    def _unstructure_factory(self, _: type[Any]) -> Any:
        return _DumpHook(self)

    def load(
        self,
        data: Any,
        cls: type[T],
        *,
        upgrades: Upgrades | None = None,
        pause_gc: bool = True,
        max_problems: int = DEFAULT_MAX_PROBLEMS,
    ) -> T:
        """Read wire ``data`` as a ``cls``; a document (``Ecosystem``) has its version checked.

        The automatic cyclic collections are paused meanwhile unless ``pause_gc`` is false.

        Args:
            data: the wire data.
            cls: the class to read.
            upgrades: upgrades for documents of older format versions.
            pause_gc: pause the automatic cyclic collections while reading.
            max_problems: stop collecting problems after this many (see
                :func:`~ptcekit.serialize.loads`).

        Raises:
            ValueError: (a :class:`~ptcekit.errors.LoadError`) with every problem found.
            TypeError: (a :class:`~ptcekit.errors.KindError`) if ``cls`` or a kind it uses
                cannot be serialised.
        """
        diagnosis = Diagnosis(max_problems=checked_max(max_problems))
        with paused_gc(pause_gc):
            return self.read(data, cls, diagnosis, upgrades=upgrades)

    def read(
        self, data: Any, cls: type[T], diagnosis: Diagnosis, *, upgrades: Upgrades | None = None
    ) -> T:
        """Read wire ``data`` as a ``cls``, collecting problems in ``diagnosis`` (collector untouched).

        Raises:
            ValueError: (a :class:`~ptcekit.errors.LoadError`) with every problem found.
        """
        self.structurer.sync_kinds()
        if cls is Ecosystem:
            if type(data) is not dict:
                raise LoadError([not_a_document(data)])
            version = check_version(data)
            if version != FORMAT_VERSION:
                data = (upgrades or self.upgrades).upgrade(data, version)
            data = {key: value for key, value in data.items() if key != VERSION_KEY}
            # a document is read record by record with the fast functions, so that
            # a bad record costs its own diagnosis, not a second reading of the rest
            document: T = self.diagnoser.document(data, diagnosis)
            return document
        node = _node_for(cls)
        structurer = self.structurer
        try:
            if isinstance(node, Poly):
                result = structurer.dispatcher(node.base)[data["type"]](data)
            else:
                result = structurer.structure_fn(cls)(data)
        except KindError:
            raise
        except Exception as refusal:  # any failure means: diagnose slowly
            diagnosed: T = self.diagnoser.structure(data, node, diagnosis, refusal)
            return diagnosed
        if structurer.bounded(node) or not nests_too_deep(data):
            return result  # type: ignore[no-any-return]  # the generated function of cls made it
        deep: T = self.diagnoser.structure(data, node, diagnosis, None)
        return deep

    def dump(self, obj: object, flavour: Flavour = "data") -> Any:
        """Write the ptcekit value ``obj`` as wire data (an ``Ecosystem`` with its version).

        Raises:
            TypeError: (a :class:`~ptcekit.errors.KindError`) if ``obj`` is not a ptcekit value
                or its kind cannot be written.
        """
        if not _is_value_class(type(obj)):
            raise KindError(qualname(type(obj)), "not a ptcekit value (an attrs class instance)")
        return self.unstructurer.unstructure(obj, flavour)

    def generated_source(self, cls: type[Any]) -> str:
        """Return the source of the functions this converter generates to read and write ``cls``.

        See :func:`generated_source`.

        Raises:
            TypeError: (a :class:`~ptcekit.errors.KindError`) if ``cls`` cannot be serialised.
        """
        functions = [
            self.structurer.structure_fn(cls),
            self.unstructurer.unstructure_fn(cls),
        ]
        return "\n".join(inspect.getsource(function) for function in functions)


def checked_max(max_problems: object) -> int:
    """Return ``max_problems`` if it is a positive integer."""
    if type(max_problems) is not int or max_problems < 1:
        raise InvalidValueError("loads", "max_problems", "a positive integer", max_problems)
    return max_problems


def generated_source(cls: type[Any]) -> str:
    """Return the Python source of the functions that read and write ``cls``, for debugging.

    ptcekit writes, for each class, a function that reads its wire dict and
    one that writes it; they are compiled with their source in
    ``linecache``, so a traceback shows their lines and ``pdb`` steps
    through them (see :doc:`/guides/debug-loading`).

    Raises:
        TypeError: (a :class:`~ptcekit.errors.KindError`) if ``cls`` cannot be serialised.

    >>> from ptcekit.model import Money
    >>> print(generated_source(Money).splitlines()[0])
    def structure_Money(d):
    """
    return default_converter().generated_source(cls)


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

    Kept keys live on the objects, so that any converter writes them back:
    ``dumps(loads(text, unknown="keep"))`` gives them again.
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
    max_problems: int = ...,
) -> Ecosystem: ...
@overload
def from_dict(
    data: Any,
    cls: type[T],
    *,
    unknown: Unknown = ...,
    upgrades: Upgrades | None = ...,
    pause_gc: bool = ...,
    max_problems: int = ...,
) -> T: ...
def from_dict(
    data: Any,
    cls: type[Any] | None = None,
    *,
    unknown: Unknown = "forbid",
    upgrades: Upgrades | None = None,
    pause_gc: bool = True,
    max_problems: int = DEFAULT_MAX_PROBLEMS,
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
        max_problems: stop collecting problems after this many (see
            :func:`~ptcekit.serialize.loads`).

    Raises:
        ValueError: (a :class:`~ptcekit.errors.LoadError`) with every problem in ``data``.

    >>> from ptcekit.model import Actor
    >>> from_dict({"type": "person", "id": "p1", "name": "A. Volunteer"}, Actor)
    Person(id='p1', name='A. Volunteer')
    """
    converter = default_converter(unknown)
    return converter.load(
        data, cls or Ecosystem, upgrades=upgrades, pause_gc=pause_gc, max_problems=max_problems
    )
