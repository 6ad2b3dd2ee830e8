r"""Rich displays of model values for notebooks: escaped HTML and IPython's pretty printing.

Every text that comes from the data is escaped, and control characters are shown
as ``\xNN`` rather than passed on, so that a name holding markup displays as text.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import enum
import html
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Protocol

import attrs

from ptcekit.errors import PtcekitError
from ptcekit.model._enums import Sector

if TYPE_CHECKING:
    from ptcekit.model._ecosystem import Ecosystem

__all__ = [
    "ROWS",
    "PrettyPrinter",
    "ecosystem_html",
    "escape",
    "pretty_ecosystem",
    "pretty_value",
    "shown_fields",
    "value_html",
]

#: The most rows an HTML table shows; the rest are counted in a last row.
ROWS = 50
#: The most items a pretty-printed collection shows.
PRETTY_ITEMS = 50
#: Strings longer than this are pretty-printed in pieces, one per line when they do not fit.
PRETTY_CHUNK = 60

#: Control characters (but tab and newline) and lone surrogates, shown as Python escapes.
_CONTROLS: dict[int, str] = {
    **{
        code: f"\\x{code:02x}" for code in (*range(0x20), *range(0x7F, 0xA0)) if code not in (9, 10)
    },
    **{code: f"\\u{code:04x}" for code in range(0xD800, 0xE000)},
}

#: The colours sectors are shown in, as the plots draw them.
SECTOR_COLOURS = {Sector.ESS: "#1b9e77", Sector.PRIVATE: "#d95f02", Sector.PUBLIC: "#7570b3"}

_TABLE = 'style="border-collapse:collapse;text-align:left;margin:0.2em 0"'
_CELL = 'style="border:1px solid #ccc;padding:0.15em 0.4em;text-align:left;vertical-align:top"'
_HEAD = (
    'style="border:1px solid #ccc;padding:0.15em 0.4em;text-align:left;'
    'vertical-align:top;background:#f2f2f2"'
)
_MORE = 'style="border:1px solid #ccc;padding:0.15em 0.4em;font-style:italic;color:#555"'


class PrettyPrinter(Protocol):
    """The part of IPython's ``RepresentationPrinter`` that ``_repr_pretty_`` uses."""

    indentation: int

    def text(self, obj: str) -> None:
        """Write text."""

    def breakable(self, sep: str = " ") -> None:
        """Write ``sep``, or a line break when the group does not fit."""

    def group(
        self,
        indent: int = 0,
        open: str = "",  # noqa: A002 -- IPython's name
        close: str = "",
    ) -> contextlib.AbstractContextManager[None]:
        """Open a group of text that breaks as a whole."""

    def pretty(self, obj: object) -> None:
        """Pretty-print an object with its own printer."""


# ---------------------------------------------------------------------------
# text


def escape(value: object) -> str:
    r"""Return ``str(value)`` safe to put in HTML text or in a quoted attribute.

    ``<``, ``>``, ``&`` and quotes become entities; control characters (but
    tab and newline) and lone surrogates become visible Python escapes.

    >>> escape("<b>A & B</b>\x00")
    '&lt;b&gt;A &amp; B&lt;/b&gt;\\x00'
    """
    return html.escape(str(value).translate(_CONTROLS), quote=True)


def shown_fields(value: Any) -> list[tuple[str, Any]]:
    """Return the fields a repr shows, with their values: those that differ from their default."""
    shown = []
    for field in attrs.fields(type(value)):
        if not field.repr or not field.init:
            continue
        item = getattr(value, field.name)
        default = field.default  # the model uses plain defaults, never attrs.Factory
        if default is not attrs.NOTHING and item == default:
            continue
        shown.append((field.name, item))
    return shown


def _enum_text(value: enum.Enum) -> str:
    return f"{type(value).__name__}.{value.name}"


# ---------------------------------------------------------------------------
# HTML


def _table(header: Sequence[str] | None, rows: Iterable[Sequence[str]], total: int) -> str:
    """An HTML table of cells that are HTML already; rows past :data:`ROWS` are counted."""
    parts = [f"<table {_TABLE}>"]
    if header is not None:
        parts.append("<tr>" + "".join(f"<th {_HEAD}>{escape(h)}</th>" for h in header) + "</tr>")
    shown = 0
    for row in rows:
        if shown == ROWS:
            break
        shown += 1
        parts.append("<tr>" + "".join(f"<td {_CELL}>{cell}</td>" for cell in row) + "</tr>")
    if total > shown:
        span = len(header) if header is not None else 2
        parts.append(f'<tr><td {_MORE} colspan="{span}">… and {total - shown} more</td></tr>')
    parts.append("</table>")
    return "".join(parts)


def _link(url: str, text: str | None = None) -> str:
    """A link to an http(s) address; any other text is shown, not linked."""
    if not re.match(r"https?://", url):
        return escape(text or url)
    return f'<a href="{escape(url)}" target="_blank" rel="noopener">{escape(text or url)}</a>'


def sector_badge(sector: Sector) -> str:
    """A sector's name on its colour."""
    colour = SECTOR_COLOURS[sector]
    label = "ESS" if sector is Sector.ESS else sector.value
    return (
        f'<span style="background:{colour};color:#fff;border-radius:0.3em;'
        f'padding:0 0.35em;white-space:nowrap">{escape(label)}</span>'
    )


def _commune_name(code: str) -> str | None:
    """The commune's name in the newest COG vintage ptcekit ships, when it knows the code."""
    from ptcekit import geo  # noqa: PLC0415 -- read lazily: the first look-up loads the vintage

    try:
        return geo.commune(code).name
    except PtcekitError:
        return None


def _place_text(place: Any) -> str:
    name = _commune_name(place.commune)
    text = f"{place.commune} {name}" if name else place.commune
    if place.address:
        text = f"{place.address} ({text})"
    return text


def _scalar_html(value: object, field: str = "") -> str | None:  # noqa: PLR0911, PLR0912 -- one branch per kind of value, in one place
    """The HTML of a value shown on one line, or ``None`` for a record or a collection."""
    from ptcekit.model._territory import Territory  # noqa: PLC0415 -- _values imports _base
    from ptcekit.model._values import Identifier, Money, Period, Place, Quantity, Share  # noqa: PLC0415 -- likewise

    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, enum.Enum):
        return escape(value.value)
    if isinstance(value, str):
        if field in ("website", "url"):
            return _link(value)
        return escape(value)
    if isinstance(value, dt.date):
        return escape(value.isoformat())
    if isinstance(value, Fraction):
        return escape(str(value))
    if isinstance(value, int | Decimal | float):
        return escape(str(value))
    if isinstance(value, Money | Period | Share | Quantity):
        return escape(str(value))
    if isinstance(value, Identifier):
        return f"{escape(value.scheme)} <code>{escape(value.value)}</code>"
    if isinstance(value, Place):
        return escape(_place_text(value))
    if isinstance(value, Territory):
        codes = ", ".join(value.codes[:5]) + (", …" if len(value.codes) > 5 else "")
        level = value.level.value
        return escape(f"{value.name} ({level}: {codes}; COG {value.cog_year})")
    if isinstance(value, tuple | frozenset) and all(
        _scalar_html(item) is not None and not attrs.has(type(item)) for item in value
    ):
        items = sorted(value, key=str) if isinstance(value, frozenset) else value
        return ", ".join(_scalar_html(item) or "" for item in items)
    if isinstance(value, tuple) and all(isinstance(item, Identifier) for item in value):
        return ", ".join(_scalar_html(item) or "" for item in value)
    return None


def _cell(value: object, field: str = "") -> str:
    """The HTML of any field value: one line, a table of records, or a nested table of fields."""
    scalar = _scalar_html(value, field)
    if scalar is not None:
        return scalar
    if isinstance(value, tuple) and all(attrs.has(type(item)) for item in value):
        return _records_table(value)
    if attrs.has(type(value)):
        return _fields_table(value)
    return escape(repr(value))


def _fields_table(value: object) -> str:
    rows = [
        (f"<th {_HEAD}>{escape(name)}</th>", _cell(item, name))
        for name, item in shown_fields(value)
    ]
    parts = [f"<table {_TABLE}>"]
    parts.extend(f"<tr>{name}<td {_CELL}>{cell}</td></tr>" for name, cell in rows)
    parts.append("</table>")
    return "".join(parts)


def _records_table(values: Sequence[Any]) -> str:
    """A table with one row per record and one column per field any of them shows."""
    columns: dict[str, None] = {}
    for value in values[:ROWS]:
        columns.update((name, None) for name, _ in shown_fields(value))
    header = list(columns)
    if not header:
        header = ["kind"]
    rows = []
    for value in values[:ROWS]:
        shown = dict(shown_fields(value))
        if header == ["kind"]:
            rows.append([escape(type(value).__name__)])
            continue
        rows.append([_cell(shown[name], name) if name in shown else "" for name in header])
    return _table(header, rows, len(values))


def _title(value: object) -> str:
    """The heading of a record's display: its class, id and name."""
    parts = [f"<strong>{escape(type(value).__name__)}</strong>"]
    record_id = getattr(value, "id", None)
    if isinstance(record_id, str):
        parts.append(f"<code>{escape(record_id)}</code>")
    name = getattr(value, "name", None) or getattr(value, "title", None)
    if isinstance(name, str):
        parts.append(escape(name))
    return " ".join(parts)


def _wrap(body: str) -> str:
    return f'<div class="ptcekit">{body}</div>'


def value_html(value: object) -> str:
    """Return the HTML display of a model value: its class, id and name, then a table of its fields.

    Fields at their default are left out, as in the repr; records nested in a
    field (memberships, owners, commitments…) show as a table with a row each.
    """
    extra = ""
    sector = getattr(value, "sector", None)
    if isinstance(sector, Sector):
        extra = " " + sector_badge(sector)
    return _wrap(f"<div>{_title(value)}{extra}</div>{_fields_table(value)}")


def _actor_row(actor: Any) -> list[str]:
    return [
        f"<code>{escape(actor.id)}</code>",
        escape(actor.name),
        escape(type(actor).__name__),
        sector_badge(actor.sector),
        escape(actor.siren or ""),
        escape(_place_text(actor.seat)) if actor.seat is not None else "",
    ]


def _pole_row(pole: Any) -> list[str]:
    return [
        f"<code>{escape(pole.id)}</code>",
        escape(pole.name),
        _cell(pole.territory),
        escape(pole.lead or ""),
        escape(len(pole.member_ids())),
    ]


def _asset_row(asset: Any) -> list[str]:
    key = asset.cost_key.method.value if asset.cost_key is not None else ""
    return [
        f"<code>{escape(asset.id)}</code>",
        escape(asset.name),
        escape(type(asset).__name__),
        escape(asset.annual_cost if asset.annual_cost is not None else ""),
        escape(key),
        escape(len(asset.owners)),
        escape(len(asset.users)),
        escape(asset.pole or ""),
    ]


def _agreement_row(agreement: Any) -> list[str]:
    return [
        f"<code>{escape(agreement.id)}</code>",
        escape(agreement.title),
        escape(agreement.kind.value),
        escape(", ".join(agreement.party_ids)),
        escape(agreement.period if agreement.period is not None else ""),
    ]


_SECTIONS: tuple[tuple[str, str, tuple[str, ...], Any], ...] = (
    ("actors", "Actors", ("id", "name", "kind", "sector", "SIREN", "seat"), _actor_row),
    ("poles", "Pôles", ("id", "name", "territory", "lead", "members"), _pole_row),
    (
        "assets",
        "Mutualised assets",
        ("id", "name", "kind", "annual cost", "cost key", "owners", "users", "pôle"),
        _asset_row,
    ),
    ("agreements", "Agreements", ("id", "title", "kind", "parties", "period"), _agreement_row),
)


def ecosystem_html(ecosystem: Ecosystem) -> str:
    """Return the HTML display of an ecosystem: its metadata, then a table per list of records."""
    title = escape(ecosystem.name) if ecosystem.name else "Unnamed ecosystem"
    parts = [f"<div><strong>Ecosystem</strong> {title}</div>"]
    meta = [
        (label, _cell(getattr(ecosystem, name)))
        for name, label in (("as_of", "as of"), ("source", "source"), ("licence", "licence"))
        if getattr(ecosystem, name) is not None
    ]
    if meta:
        parts.append(
            _table(None, ([f"<strong>{escape(k)}</strong>", v] for k, v in meta), len(meta))
        )
    for list_name, label, header, row in _SECTIONS:
        records = getattr(ecosystem, list_name)
        summary = f"<summary>{escape(label)} ({len(records)})</summary>"
        body = _table(header, (row(record) for record in records), len(records)) if records else ""
        parts.append(f"<details open>{summary}{body}</details>")
    return _wrap("".join(parts))


# ---------------------------------------------------------------------------
# IPython's pretty printing


def _chunks(text: str) -> list[str]:
    """Cut ``text`` at spaces into pieces of about :data:`PRETTY_CHUNK` characters that join back to it."""
    pieces: list[str] = []
    current = ""
    for word in re.findall(r"\S+\s*|\s+", text):
        if current and len(current) + len(word) > PRETTY_CHUNK:
            pieces.append(current)
            current = ""
        current += word
    pieces.append(current)
    return pieces


#: How far the lines of a broken group are indented.
PRETTY_INDENT = 4


def _block(p: PrettyPrinter, open: str, close: str, count: int, write: Any) -> None:  # noqa: A002 -- IPython's name
    """Write ``count`` items with ``write(position)`` between ``open`` and ``close``.

    The items share one line when they fit; otherwise each takes a line,
    indented, and ``close`` comes back to the opening line's indentation.
    """
    with p.group(PRETTY_INDENT, open, close):
        p.breakable("")
        for position in range(count):
            if position:
                p.text(",")
                p.breakable()
            write(position)
        # the closing line is dedented: the break is made at the outer indentation
        p.indentation -= PRETTY_INDENT
        p.breakable("")
        p.indentation += PRETTY_INDENT


def _sequence(p: PrettyPrinter, items: Sequence[Any], open: str, close: str) -> None:  # noqa: A002 -- IPython's name
    shown = min(len(items), PRETTY_ITEMS)
    extra = len(items) - shown

    def write(position: int) -> None:
        if position < shown:
            _pretty_item(p, items[position])
        else:
            p.text(f"... {extra} more")
        if len(items) == 1 and open == "(":
            p.text(",")

    _block(p, open, close, shown + (1 if extra else 0), write)


def _pretty_item(p: PrettyPrinter, value: object) -> None:
    if isinstance(value, enum.Enum):
        p.text(_enum_text(value))
    elif isinstance(value, tuple):
        if value:
            _sequence(p, value, "(", ")")
        else:
            p.text("()")
    elif isinstance(value, frozenset):
        if value:
            _sequence(p, sorted(value, key=repr), "frozenset({", "})")
        else:
            p.text("frozenset()")
    elif isinstance(value, str) and len(value) > PRETTY_CHUNK:
        pieces = _chunks(value)
        with p.group(1, "(", ")"):
            for position, piece in enumerate(pieces):
                if position:
                    p.breakable()
                p.text(repr(piece))
    elif hasattr(value, "_repr_pretty_"):
        p.pretty(value)
    else:
        p.text(repr(value))


def _pretty_call(p: PrettyPrinter, name: str, fields: Sequence[tuple[str, Any]]) -> None:
    def write(position: int) -> None:
        field, item = fields[position]
        p.text(f"{field}=")
        _pretty_item(p, item)

    if not fields:
        p.text(f"{name}()")
        return
    _block(p, f"{name}(", ")", len(fields), write)


def pretty_value(value: object, p: PrettyPrinter, cycle: bool) -> None:  # noqa: FBT001 -- IPython's protocol
    """Pretty-print a model value for IPython: the repr's fields, one per line when they do not fit.

    Collections show their items (up to :data:`PRETTY_ITEMS`) rather than a count.
    """
    name = type(value).__name__
    if cycle:  # model values are trees: kept for the protocol's sake
        p.text(f"{name}(...)")
        return
    _pretty_call(p, name, shown_fields(value))


def pretty_ecosystem(ecosystem: Ecosystem, p: PrettyPrinter, cycle: bool) -> None:  # noqa: FBT001 -- IPython's protocol
    """Pretty-print an ecosystem for IPython: its metadata and the size of each list."""
    if cycle:
        p.text("Ecosystem(...)")
        return
    fields: list[tuple[str, Any]] = [
        (name, getattr(ecosystem, name))
        for name in ("name", "as_of", "source", "licence")
        if getattr(ecosystem, name) is not None
    ]
    fields.extend(
        (name, len(getattr(ecosystem, name)))
        for name in ("actors", "poles", "assets", "agreements")
    )
    _pretty_call(p, "Ecosystem", fields)
