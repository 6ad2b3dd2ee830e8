"""Kinds: the concrete classes of each polymorphic family and their wire ``"type"`` tags.

A kind table is a value built by an explicit call from the classes that exist
at that moment, by walking ``__subclasses__()``: a downstream subclass defined
after ptcekit was imported and used is found the next time a table is built.
No module-level list grows as a side effect of defining a class.

A class defined again under the same name, in the same module (a notebook
cell run twice), replaces the one it redefines: the newest definition
claims the tag. Before it lists the kinds, a table lets installed plugins
define theirs (:func:`ptcekit.model.kinds.prepare`).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

import attrs

from ptcekit.model import Actor, MutualisedAsset, kinds

__all__ = ["KIND_ROOTS", "KindTable", "family_of", "is_attrs_class", "kind_table", "own_tag"]

#: The polymorphic families: their root class and the word messages use for them.
#: Objects of these families carry a ``"type"`` tag on the wire.
KIND_ROOTS: tuple[tuple[type[Any], str], ...] = (
    (Actor, "actor"),
    (MutualisedAsset, "asset"),
)


def family_of(cls: type[Any]) -> tuple[type[Any], str] | None:
    """Return the ``(root, noun)`` of the family ``cls`` belongs to, or ``None``.

    >>> from ptcekit.model import Cooperative, Pole
    >>> family_of(Cooperative)[1], family_of(Pole)
    ('actor', None)
    """
    for root, noun in KIND_ROOTS:
        if issubclass(cls, root):
            return root, noun
    return None


def own_tag(cls: type[Any]) -> str | None:
    """Return the ``type_tag`` that ``cls`` declares itself (not one it inherits), or ``None``.

    >>> from ptcekit.model import Actor, Association
    >>> own_tag(Association), own_tag(Actor)
    ('association', None)
    """
    tag = cls.__dict__.get("type_tag")
    # exactly a str: a subclass could carry a crafted repr or hash
    return tag if type(tag) is str else None


def is_attrs_class(cls: type[Any]) -> bool:
    """Whether ``cls`` was itself made by attrs (not only inherits from an attrs class).

    attrs makes a slotted class anew from the class body; the first class
    stays among its base's ``__subclasses__()`` until it is garbage
    collected, but it is not the class its module names.
    """
    return "__attrs_attrs__" in cls.__dict__


def _walk(base: type[Any]) -> list[type[Any]]:
    """Return ``base`` and its attrs subclasses, recursively, each once, parents first.

    Subclasses whose definition was refused (a malformed ``type_tag``) are left out.
    """
    found: dict[type[Any], None] = {base: None}
    stack = [base]
    while stack:
        for sub in stack.pop().__subclasses__():
            # a class whose tag was refused at its definition was never numbered:
            # it lingers among the subclasses until collected, but is no kind
            if sub not in found and is_attrs_class(sub) and kinds.serial(sub):
                found[sub] = None
                stack.append(sub)
    return list(found)


@attrs.frozen
class KindTable:
    """The concrete kinds under one class, by tag.

    Attributes:
        base: the class whose kinds these are (a family root or one of its classes).
        noun: the family's word for its members, such as ``"actor"``.
        by_tag: each tag and the one class that declares it.
        conflicts: each tag that several live classes declare, with those classes.
    """

    base: type[Any]
    noun: str
    by_tag: Mapping[str, type[Any]]
    conflicts: Mapping[str, tuple[type[Any], ...]]

    @property
    def tags(self) -> tuple[str, ...]:
        """The tags, sorted (conflicting tags included)."""
        return tuple(sorted({*self.by_tag, *self.conflicts}))

    def expected(self) -> str:
        """Return the tags as messages list them: ``"association, company, …"``."""
        return ", ".join(self.tags)


def _claimant(classes: list[type[Any]]) -> type[Any] | None:
    """Return the class that holds a tag several classes claim, or ``None`` when they conflict.

    Classes of one name in one module are one definition made several times:
    the newest holds the tag. Otherwise the claim is a real conflict.
    """
    names = {(cls.__module__, cls.__qualname__) for cls in classes}
    if len(names) > 1:
        return None
    return max(classes, key=kinds.serial)


def kind_table(base: type[Any]) -> KindTable:
    """Build the kind table of ``base`` from the classes that exist now.

    Args:
        base: a class of a polymorphic family (see :data:`KIND_ROOTS`).

    Returns:
        The concrete subclasses of ``base`` (``base`` included) that declare
        their own ``type_tag``, by tag; of a class defined several times under
        one name in one module, the newest definition.

    Raises:
        TypeError: if ``base`` belongs to no polymorphic family.

    >>> from ptcekit.model import MutualisedAsset
    >>> kind_table(MutualisedAsset).by_tag["shared_fund"].__name__
    'SharedFund'
    """
    family = family_of(base)
    if family is None:
        message = f"{base.__name__} is not a polymorphic kind (expected a subclass of Actor or MutualisedAsset)"
        raise TypeError(message)
    kinds.prepare()
    claims: dict[str, list[type[Any]]] = {}
    for cls in _walk(base):
        tag = own_tag(cls)
        if tag is not None:
            claims.setdefault(tag, []).append(cls)
    by_tag: dict[str, type[Any]] = {}
    conflicts: dict[str, tuple[type[Any], ...]] = {}
    for tag, classes in claims.items():
        holder = classes[0] if len(classes) == 1 else _claimant(classes)
        if holder is None:
            conflicts[tag] = tuple(classes)
        else:
            by_tag[tag] = holder
    return KindTable(
        base=base,
        noun=family[1],
        by_tag=MappingProxyType(by_tag),
        conflicts=MappingProxyType(conflicts),
    )
