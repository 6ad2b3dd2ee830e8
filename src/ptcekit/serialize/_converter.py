"""The converter: the structuring and unstructuring functions of each class, and the dict-level API.

A :class:`Converter` owns the generated functions (built once per class, on
first use), reads wire data with them, and when they refuse it, has the
diagnosis (:mod:`ptcekit.serialize._diagnose`) find every problem.
"""

from __future__ import annotations

import copyreg
import datetime as dt
import functools
import inspect
import threading
import weakref
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
from ptcekit.serialize._structure import Structurer, Unknown
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
    "KEPT",
    "Converter",
    "KeptKeys",
    "checked_max",
    "default_converter",
    "from_dict",
    "generated_source",
    "make_converter",
    "to_dict",
]

T = TypeVar("T")


class KeptKeys:
    """The unknown keys kept from loaded objects, by object identity.

    Objects are frozen and slotted, so the keys cannot live on them; this
    table holds them while the object lives, and forgets them when it dies.
    An object changed with :func:`attrs.evolve` is a new object without them;
    a copy made by :func:`copy.deepcopy` or :mod:`pickle` has them (in the
    shared table, :data:`KEPT`).
    """

    def __init__(self) -> None:
        self.table: dict[int, tuple[weakref.ref[Any], dict[str, Any]]] = {}
        _TABLES.add(self)

    def put(self, obj: object, extra: dict[str, Any]) -> None:
        """Keep ``extra``, the unknown keys of ``obj`` as plain JSON data (a copy of its own)."""
        key = id(obj)
        table = self.table
        cls = type(obj)

        def forget(_: object, key: int = key) -> None:
            if table.pop(key, None) is not None:
                _copies(cls, -1)

        previous = table.get(key)
        table[key] = (weakref.ref(obj, forget), extra)
        if previous is None or previous[0]() is None:
            _copies(cls, 1)

    def get(self, obj: object) -> dict[str, Any] | None:
        """Return the keys kept for ``obj``, or ``None``."""
        entry = self.table.get(id(obj))
        if entry is None or entry[0]() is not obj:
            return None
        return entry[1]

    def __len__(self) -> int:
        return len(self.table)


_TABLES: weakref.WeakSet[KeptKeys] = weakref.WeakSet()
_registered: dict[type[Any], int] = {}
# reentrant: a collection inside the lock may run the callback of a dying object
_registry_lock = threading.RLock()


def _copies(cls: type[Any], change: int) -> None:
    """Count the objects of ``cls`` with kept keys; copy them through :func:`_reduce` while any lives.

    :mod:`copy` and :mod:`pickle` look reducers up in :data:`copyreg.dispatch_table`,
    which holds its classes: the entry goes when the last such object does,
    so that a class defined at run time can still be collected.
    """
    with _registry_lock:
        count = _registered.get(cls, 0) + change
        if count > 0:
            if count == change and copyreg.dispatch_table.get(cls, _reduce) is _reduce:
                copyreg.pickle(cls, _reduce)
            _registered[cls] = count
            return
        _registered.pop(cls, None)
        if copyreg.dispatch_table.get(cls) is _reduce:
            del copyreg.dispatch_table[cls]


#: The table of kept keys that every converter shares unless given its own.
KEPT = KeptKeys()


def _reduce(obj: Any) -> Any:
    """Reduce an object for :mod:`pickle` and :mod:`copy`, with its kept keys if it has some."""
    recipe = obj.__reduce_ex__(4)
    for table in list(_TABLES):
        extra = table.get(obj)
        if extra is not None:
            return (_rebuild, (recipe, extra))
    return recipe


def _rebuild(recipe: tuple[Any, ...], extra: dict[str, Any]) -> Any:
    """Make an object again from its reduce ``recipe``, with the kept keys ``extra``."""
    function, args, *rest = recipe
    obj = function(*args)
    state = rest[0] if rest else None
    if state is not None:
        obj.__setstate__(state)
    KEPT.put(obj, json_copy(extra, 1))
    return obj


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
        if unknown not in ("forbid", "keep"):
            raise InvalidValueError("Converter", "unknown", "'forbid' or 'keep'", unknown)
        self.unknown: Unknown = unknown
        self.kept = kept if kept is not None else KEPT
        self.upgrades = upgrades
        self.structurer = Structurer(unknown=unknown, keep=self.kept.put)
        self.unstructurer = Unstructurer(
            self.structurer, kept_table=self.kept.table, get_kept=self.kept.get
        )
        self.diagnoser = Diagnoser(self.structurer)
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
        return self.unstructurer.unstructure_fn(cls)

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
    :mod:`linecache`, so a traceback shows their lines and :mod:`pdb` steps
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
