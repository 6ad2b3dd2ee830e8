"""The sheet layout of a document, made from the wire specs of its classes (kinds included)."""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, Literal

import attrs

from ptcekit.errors import KindError
from ptcekit.model import Ecosystem
from ptcekit.serialize import KIND_ROOTS, VERSION_KEY, kind_table
from ptcekit.serialize.specs import EnumOf, Node, Obj, Opt, Poly, Scalar, Seq, class_spec
from ptcekit.sheets._labels import french

__all__ = [
    "LISTS",
    "META",
    "Child",
    "Column",
    "Layout",
    "Shape",
    "SheetLayout",
    "escape_key",
    "heading_of",
    "layout",
    "split_heading",
]

#: The sheet of the document's metadata and format version (one row).
META = "meta"
#: The hidden sheet that holds the values of the drop-down lists.
LISTS = "lists"
#: The longest sheet name a workbook allows.
SHEET_NAME_LIMIT = 31

#: How a column holds its value: one scalar, a list of scalars in one cell, or JSON text.
Form = Literal["scalar", "list", "json"]


_PLAIN_HEADING = re.compile(
    r"[^=\\\s\x00-\x1f\ud800-\udfff\ufffe\uffff](?:[^\x00-\x1f\ud800-\udfff\ufffe\uffff]*[^\s\x00-\x1f\ud800-\udfff\ufffe\uffff])?"
)


def escape_key(key: str) -> str:
    r"""Escape a key for a heading, as JSON Pointer does: ``~`` as ``~0``, ``/`` as ``~1``.

    A key a heading cell cannot hold as it is (empty, with spaces around it,
    with control characters, or starting with a backslash or an equals sign,
    which would make it a formula) is written as a backslash and its JSON text.

    >>> escape_key("a/b~c"), escape_key(" a")
    ('a~1b~0c', '\\" a"')
    """
    if not _PLAIN_HEADING.fullmatch(key):
        key = "\\" + json.dumps(key)
    return key.replace("~", "~0").replace("/", "~1")


def _unescape(part: str) -> str:
    key = part.replace("~1", "/").replace("~0", "~")
    if key.startswith("\\"):
        try:
            decoded = json.loads(key[1:])
        except ValueError:
            return key
        if isinstance(decoded, str):
            return decoded
    return key


def heading_of(path: tuple[str, ...]) -> str:
    """Return the heading of a path of keys: ``("seat", "commune")`` is ``"seat/commune"``."""
    return "/".join(escape_key(key) for key in path)


def split_heading(heading: str) -> tuple[str, ...]:
    """Return the keys a heading names (the inverse of :func:`heading_of`).

    >>> split_heading("seat/commune"), split_heading("a~1b")
    (('seat', 'commune'), ('a/b',))
    """
    return tuple(_unescape(part) for part in heading.split("/"))


def _words(name: str) -> str:
    return name.replace("_", " ")


@attrs.frozen
class Column:
    """One column of a sheet, for one class.

    Attributes:
        heading: the wire names of its path joined by ``/``, such as ``"seat/commune"``.
        path: the keys from the row's object to the value.
        form: ``"scalar"``, ``"list"`` (a list of scalars in one cell) or ``"json"``.
        node: the scalar or enumeration (of the items, for a list); the whole
            wire type for a JSON column.
        nullable: whether ``null`` is a value of the field.
        required: whether the field has no default.
        label: the human heading (from the field's documentation, or its name).
    """

    heading: str
    path: tuple[str, ...]
    form: Form
    node: Node
    nullable: bool
    required: bool
    label: str


@attrs.frozen
class Child:
    """A list of objects inside a row's object, laid out on a sheet of its own.

    Attributes:
        path: the keys from the row's object to the list.
        sheet: the name of the child sheet.
        item: the wire type of the items (an object or a kind of a family).
        required: whether the list has no default (read as ``[]`` when it has no row).
    """

    path: tuple[str, ...]
    sheet: str
    item: Obj | Poly
    required: bool


@attrs.frozen
class Shape:
    r"""How the objects of one class are laid out on the rows of a sheet.

    Attributes:
        cls: the class.
        tag: its ``"type"`` tag, for a kind of a family.
        columns: its columns, in field order (nested objects flattened).
        by_heading: its columns by heading.
        markers: for each nested object, the heading of its first own scalar
            column, where ``\\{}`` marks the object present with none of its fields.
        known: for the row's object and each nested object, the keys its class has.
        children: its lists of objects, each on a sheet of its own.
    """

    cls: type[Any]
    tag: str | None
    columns: tuple[Column, ...]
    by_heading: Mapping[str, Column]
    markers: Mapping[tuple[str, ...], str]
    known: Mapping[tuple[str, ...], frozenset[str]]
    children: tuple[Child, ...]


@attrs.frozen
class SheetLayout:
    """One sheet: the record family or the nested list it holds, and its headings.

    Attributes:
        name: the sheet's name.
        where: where its rows go in a document, such as ``"$.poles[*].memberships[*]"``.
        parent: the parent sheet, whose rows this sheet's rows belong to.
        keys: the headings of the columns that name the parent row
            (the parent's id, and the position of list items above it).
        own_key: the heading other sheets use to name a row of this sheet.
        by_id: whether rows are named by their ``id`` (else by their position).
        noun: the family's word, for a sheet with a ``type`` column.
        shapes: the shape of each class its rows may hold.
        tags: each kind's class by its tag, for a sheet with a ``type`` column.
        headings: every heading, in order: keys, ``type``, then the columns.
    """

    name: str
    where: str
    parent: str | None
    keys: tuple[str, ...]
    own_key: str | None
    by_id: bool
    noun: str | None
    shapes: Mapping[type[Any], Shape]
    tags: Mapping[str, type[Any]]
    headings: tuple[str, ...]

    @property
    def anchor(self) -> str:
        """The path of the list its rows go to, in the nearest record, for problems of the sheet.

        >>> layout().by_name["poles_memberships"].anchor, layout().by_name["meta"].anchor
        ('$.poles', '$')
        """
        return self.where.split("[*]")[0]

    def labels(self) -> tuple[str, ...]:
        """Return the human heading of each heading (the second row of the sheet)."""
        labels: dict[str, str] = {}
        for shape in self.shapes.values():
            for column in shape.columns:
                labels.setdefault(column.heading, column.label)
        result = []
        for heading in self.headings:
            if heading == "type":
                result.append(f"type / kind of {self.noun}")
            elif heading in self.keys:
                result.append(_key_label(heading))
            else:
                result.append(labels.get(heading, _words(heading)))
        return tuple(result)


def _key_label(heading: str) -> str:
    path, _, what = heading.rpartition("/")
    owner = _words(path.replace("/", " "))
    if what == "#":
        return f"position dans {owner} / position in {owner}"
    return f"{french((what,))} de la ligne de {owner} / {what} of the {owner} row"


@attrs.frozen
class Layout:
    """The sheets of a document, in order: ``meta``, each record family, then the nested lists.

    Attributes:
        sheets: every sheet but the hidden ``lists`` sheet of drop-down values.
        by_name: the sheets by name.
    """

    sheets: tuple[SheetLayout, ...]
    by_name: Mapping[str, SheetLayout]

    def enumerations(self) -> dict[tuple[str, str], tuple[str, ...]]:
        """Return the values of each drop-down list, by ``(sheet, heading)``."""
        found: dict[tuple[str, str], tuple[str, ...]] = {}
        for sheet in self.sheets:
            if sheet.noun is not None:
                found[(sheet.name, "type")] = tuple(sorted(sheet.tags))
            values: dict[str, dict[str, None]] = {}
            for shape in sheet.shapes.values():
                for column in shape.columns:
                    if column.form == "scalar" and isinstance(column.node, EnumOf):
                        into = values.setdefault(column.heading, {})
                        into.update(dict.fromkeys(str(member.value) for member in column.node.cls))
                    elif column.form == "scalar" and column.node == Scalar("bool"):
                        values.setdefault(column.heading, {}).update({"true": None, "false": None})
            for heading, members in values.items():
                found[(sheet.name, heading)] = tuple(members)
        return found


#: A cross-reference of the documentation (``:class:`~ptcekit.model.Ecosystem```).
_ROLE = re.compile(r":[a-z]+(?::[a-z]+)?:`(~?)([^`<]*)(?:<[^>`]*>)?`")
#: The longest English label; a longer first sentence is cut at a word.
LABEL_LIMIT = 60


def _plain(match: re.Match[str]) -> str:
    short, target = match.groups()
    target = target.strip()
    return target.rpartition(".")[2] if short else target


def _label(description: str | None, name: str) -> str:
    """The English label of a field: the first sentence of its documentation, as plain text, or its name."""
    if not description:
        return _words(name)
    first = description.strip().split("\n\n")[0].split(". ")[0]
    text = " ".join(_ROLE.sub(_plain, first).replace("``", "").split()).rstrip(".")
    if len(text) > LABEL_LIMIT:
        text = text[: LABEL_LIMIT - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return text or _words(name)


@attrs.define
class _Found:
    """What flattening a class finds: its columns, markers, known keys and lists of objects."""

    columns: list[Column] = attrs.field(factory=list)
    markers: dict[tuple[str, ...], str] = attrs.field(factory=dict)
    known: dict[tuple[str, ...], frozenset[str]] = attrs.field(factory=dict)
    children: list[Child] = attrs.field(factory=list)


class _Builder:
    """Builds the layout, sheet by sheet, parents first."""

    def __init__(self) -> None:
        self.sheets: dict[str, dict[str, Any]] = {}
        self.order: list[str] = []

    def sheet(
        self,
        name: str,
        *,
        where: str,
        parent: str | None,
        keys: tuple[str, ...],
        own_key_base: str | None,
        item: Obj | Poly | None,
    ) -> None:
        if name in self.sheets:
            return
        entry: dict[str, Any] = {
            "where": where,
            "parent": parent,
            "keys": keys,
            "own_key_base": own_key_base,
            "noun": item.noun if isinstance(item, Poly) else None,
            "shapes": {},
            "tags": {},
            # the classes of the rows above this sheet's: a list of them below is JSON, not a sheet
            "above": (
                (*self.sheets[parent]["above"], item.cls if isinstance(item, Obj) else item.base)
                if parent is not None and item is not None
                else ()
            ),
        }
        self.sheets[name] = entry
        self.order.append(name)
        if isinstance(item, Poly):
            # a tag two live classes claim, or a kind the wire cannot carry, has no
            # columns: the loader reports the rows that use it
            table = kind_table(item.base)
            for tag, cls in sorted(table.by_tag.items()):
                try:
                    self.shape(name, cls, tag)
                except KindError:
                    continue
                entry["tags"][tag] = cls
        elif item is not None:
            self.shape(name, item.cls, None)

    def shape(self, sheet: str, cls: type[Any], tag: str | None) -> None:
        entry = self.sheets[sheet]
        if cls in entry["shapes"]:
            return
        found = _Found()
        self._flatten(sheet, cls, (), found, (cls,))
        columns, markers, known, children = (
            found.columns,
            found.markers,
            found.known,
            found.children,
        )
        entry["shapes"][cls] = Shape(
            cls=cls,
            tag=tag,
            columns=tuple(columns),
            by_heading=MappingProxyType({column.heading: column for column in columns}),
            markers=MappingProxyType(markers),
            known=MappingProxyType(known),
            children=tuple(children),
        )
        for child in children:
            self._child(sheet, child)

    def _flatten(
        self,
        sheet: str,
        cls: type[Any],
        prefix: tuple[str, ...],
        into: _Found,
        stack: tuple[type[Any], ...],
    ) -> None:
        spec = class_spec(cls)
        into.known[prefix] = spec.keys
        for field in spec.fields:
            node, nullable = field.node, False
            if isinstance(node, Opt):
                node, nullable = node.inner, True
            path = (*prefix, field.name)
            label = _label(field.description, field.name)
            if prefix:
                label = " › ".join([*(_words(key) for key in prefix), label])
            label = f"{french(path)} / {label}"
            form: Form | None = None
            inner: Node = node
            if isinstance(node, Scalar | EnumOf):
                form = "scalar"
            elif isinstance(node, Seq) and isinstance(node.inner, Scalar | EnumOf):
                form, inner = "list", node.inner
            elif isinstance(node, Obj) and node.cls not in stack:
                self._flatten(sheet, node.cls, path, into, (*stack, node.cls))
                continue
            elif (
                isinstance(node, Seq)
                and isinstance(node.inner, Obj | Poly)
                and not nullable
                and not self._recursive(sheet, node.inner, stack)
            ):
                name = "_".join(path) if sheet == META else f"{sheet}_{'_'.join(path)}"
                into.children.append(Child(path, name, node.inner, field.required))
                continue
            else:  # a single kind, a list of lists, a recursive class: JSON in one cell
                form = "json"
            column = Column(
                heading=heading_of(path),
                path=path,
                form=form,
                node=inner,
                nullable=nullable,
                required=field.required,
                label=label,
            )
            if prefix and prefix not in into.markers and form != "json":
                into.markers[prefix] = column.heading
            into.columns.append(column)

    def _recursive(self, sheet: str, item: Obj | Poly, stack: tuple[type[Any], ...]) -> bool:
        """Whether a list of ``item`` holds objects of a class its sheet descends from."""
        cls = item.cls if isinstance(item, Obj) else item.base
        above = (*self.sheets[sheet]["above"], *stack)
        return any(issubclass(cls, other) or issubclass(other, cls) for other in above)

    def _child(self, parent: str, child: Child) -> None:
        entry = self.sheets[parent]
        base = entry["own_key_base"]
        own_key = self._own_key(parent)
        keys = (*entry["keys"], own_key) if own_key is not None else entry["keys"]
        where = entry["where"] + "".join(f".{key}" for key in child.path) + "[*]"
        self.sheet(
            child.sheet,
            where=where,
            parent=parent,
            keys=keys,
            own_key_base=(f"{base}/" if base else "") + "/".join(child.path),
            item=child.item,
        )

    def _own_key(self, name: str) -> str | None:
        entry = self.sheets[name]
        base = entry["own_key_base"]
        if base is None:
            return None
        return f"{base}/id" if self._by_id(name) else f"{base}/#"

    def _by_id(self, name: str) -> bool:
        shapes = self.sheets[name]["shapes"].values()
        return bool(shapes) and all(
            "id" in shape.by_heading and shape.by_heading["id"].required for shape in shapes
        )

    def build(self) -> Layout:
        sheets: list[SheetLayout] = []
        names: dict[str, str] = {}
        # the record families first, then the nested lists, deeper ones last
        self.order.sort(key=lambda name: self.sheets[name]["where"].count("[*]"))
        for name in self.order:
            short = name
            if len(short) > SHEET_NAME_LIMIT:
                short = f"{name[: SHEET_NAME_LIMIT - 4]}~{len(names):03d}"
            names[name] = short
        for name in self.order:
            entry = self.sheets[name]
            headings: dict[str, None] = dict.fromkeys(entry["keys"])
            if entry["noun"] is not None:
                headings["type"] = None
            for shape in entry["shapes"].values():
                for column in shape.columns:
                    if column.heading in entry["keys"]:
                        reason = f"heading {column.heading!r} is also the key of sheet {name!r}"
                        raise KindError(shape.cls.__name__, reason)
                    headings[column.heading] = None
            shapes = {
                cls: attrs.evolve(
                    shape,
                    children=tuple(
                        attrs.evolve(child, sheet=names[child.sheet]) for child in shape.children
                    ),
                )
                for cls, shape in entry["shapes"].items()
            }
            sheets.append(
                SheetLayout(
                    name=names[name],
                    where=entry["where"],
                    parent=names[entry["parent"]] if entry["parent"] is not None else None,
                    keys=entry["keys"],
                    own_key=self._own_key(name),
                    by_id=self._by_id(name),
                    noun=entry["noun"],
                    shapes=MappingProxyType(shapes),
                    tags=MappingProxyType(dict(entry["tags"])),
                    headings=tuple(headings),
                )
            )
        return Layout(
            sheets=tuple(sheets), by_name=MappingProxyType({sheet.name: sheet for sheet in sheets})
        )


@functools.lru_cache(maxsize=8)
def _layout(kinds: tuple[tuple[str, type[Any]], ...]) -> Layout:  # noqa: ARG001 -- the cache key
    builder = _Builder()
    builder.sheet(META, where="$", parent=None, keys=(), own_key_base=None, item=Obj(Ecosystem))
    meta = builder.sheets[META]
    shape = meta["shapes"][Ecosystem]
    version = Column(
        heading=VERSION_KEY,
        path=(VERSION_KEY,),
        form="scalar",
        node=Scalar("str"),
        nullable=False,
        required=True,
        label="version du format / format version",
    )
    meta["shapes"][Ecosystem] = attrs.evolve(
        shape,
        columns=(version, *shape.columns),
        by_heading=MappingProxyType({VERSION_KEY: version, **shape.by_heading}),
        known=MappingProxyType({**shape.known, (): shape.known[()] | {VERSION_KEY}}),
    )
    return builder.build()


def layout() -> Layout:
    """Return the layout of documents with the kinds that exist now (extension kinds included).

    A kind tag that two live classes claim is left out: the loader reports
    the rows that use it.

    Raises:
        TypeError: (a :class:`~ptcekit.errors.KindError`) if a class cannot be laid out.

    >>> [sheet.name for sheet in layout().sheets][:5]
    ['meta', 'actors', 'poles', 'assets', 'agreements']
    """
    kinds = tuple(
        (f"{root.__module__}.{root.__qualname__}:{tag}", cls)
        for root, _ in KIND_ROOTS
        for tag, cls in sorted(kind_table(root).by_tag.items())
    )
    return _layout(kinds)
