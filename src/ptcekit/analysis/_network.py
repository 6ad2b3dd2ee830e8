"""The ecosystem as a graph: networkx, GraphML and GEXF for Gephi, and a drawing with matplotlib."""

from __future__ import annotations

import datetime as dt
import os
from typing import IO, Any

from ptcekit.analysis._optional import require
from ptcekit.analysis._triptych import sector_of
from ptcekit.model import (
    Actor,
    Allocation,
    Ecosystem,
    MutualisedAsset,
    PartnershipAgreement,
    Period,
    Pole,
)

__all__ = ["plot_network", "to_networkx", "write_gexf", "write_graphml"]

#: The kinds of node, as the ``kind`` attribute names them.
NODE_KINDS = ("actor", "pole", "asset", "agreement")
#: The kinds of edge, as the ``kind`` attribute names them.
EDGE_KINDS = ("membership", "ownership", "use", "party", "pooled_in", "governed_by", "belongs_to")

#: A colour per sector, as the other plots draw them; ``unknown`` for a company whose
#: ESS statutes are not recorded.
SECTOR_COLOURS = {
    "ess": "#1b9e77",
    "private": "#d95f02",
    "public": "#7570b3",
    "unknown": "#999999",
}
#: The colour and marker of the nodes that are not actors.
KIND_STYLES = {"pole": ("#333333", "s"), "asset": ("#bbbbbb", "^"), "agreement": ("#e6ab02", "D")}
#: The words the legend uses for each kind of node.
KIND_LABELS = {"pole": "pôle", "asset": "mutualised asset", "agreement": "agreement"}

Path = str | os.PathLike[str] | IO[bytes]


def _period(period: Period | None) -> dict[str, str]:
    """A period as the ``start`` and ``end`` attributes it has (ISO dates; none when open)."""
    found = {}
    if period is not None and period.start is not None:
        found["start"] = period.start.isoformat()
    if period is not None and period.end is not None:
        found["end"] = period.end.isoformat()
    return found


def _holds(period: Period | None, as_of: dt.date | None) -> bool:
    return as_of is None or period is None or period.contains(as_of)


def _use(allocation: Allocation) -> dict[str, str]:
    if allocation.share is not None and allocation.share.fraction is not None:
        return {"share": str(allocation.share.fraction)}
    if allocation.share is not None:
        return {"share": f"{allocation.share.low}-{allocation.share.high}"}
    if allocation.fte is not None:
        return {"fte": str(allocation.fte)}
    if allocation.hours is not None:
        return {"hours": str(allocation.hours)}
    return {}


def _nodes(graph: Any, ecosystem: Ecosystem) -> None:
    for actor in ecosystem.actors:
        attributes = {
            "kind": "actor",
            "label": actor.name,
            "type": actor.type_tag,
            "sector": sector_of(actor),
        }
        graph.add_node(actor.id, **attributes)
    for pole in ecosystem.poles:
        graph.add_node(pole.id, kind="pole", label=pole.name, type=pole.type_tag)
    for asset in ecosystem.assets:
        graph.add_node(
            asset.id,
            kind="asset",
            label=asset.name,
            type=asset.type_tag,
            category=asset.category.value,
        )
    for agreement in ecosystem.agreements:
        graph.add_node(
            agreement.id,
            kind="agreement",
            label=agreement.title,
            type=agreement.kind.value,
        )


def _pole_edges(graph: Any, ecosystem: Ecosystem, pole: Pole, as_of: dt.date | None) -> None:
    for position, membership in enumerate(pole.memberships):
        if as_of is not None and not membership.active_on(as_of):
            continue
        if not isinstance(_record(ecosystem, membership.actor), Actor):
            continue
        attributes = {"kind": "membership", "role": membership.role.value}
        attributes.update(_period(membership.period))
        if membership.college is not None:
            attributes["college"] = membership.college
        graph.add_edge(membership.actor, pole.id, key=f"membership:{position}", **attributes)


def _asset_edges(
    graph: Any, ecosystem: Ecosystem, asset: MutualisedAsset, as_of: dt.date | None
) -> None:
    for position, owner in enumerate(asset.owners):
        if _holds(owner.period, as_of) and isinstance(_record(ecosystem, owner.actor), Actor):
            attributes = {"kind": "ownership", "share": str(owner.share)}
            if owner.share.fraction is not None:
                attributes["share"] = str(owner.share.fraction)
            attributes.update(_period(owner.period))
            graph.add_edge(owner.actor, asset.id, key=f"ownership:{position}", **attributes)
    for position, user in enumerate(asset.users):
        if _holds(user.period, as_of) and isinstance(_record(ecosystem, user.actor), Actor):
            attributes = {"kind": "use", **_use(user), **_period(user.period)}
            graph.add_edge(user.actor, asset.id, key=f"use:{position}", **attributes)
    if asset.pole is not None and isinstance(_record(ecosystem, asset.pole), Pole):
        graph.add_edge(asset.id, asset.pole, key="pooled_in", kind="pooled_in")
    if asset.agreement is not None and isinstance(
        _record(ecosystem, asset.agreement), PartnershipAgreement
    ):
        graph.add_edge(asset.id, asset.agreement, key="governed_by", kind="governed_by")


def _agreement_edges(
    graph: Any, ecosystem: Ecosystem, agreement: PartnershipAgreement, as_of: dt.date | None
) -> None:
    if as_of is None or agreement.active_on(as_of):
        for party in agreement.parties:
            if isinstance(_record(ecosystem, party.actor), Actor):
                attributes = {"kind": "party"}
                if party.role is not None:
                    attributes["role"] = party.role
                graph.add_edge(party.actor, agreement.id, key="party", **attributes)
    if agreement.pole is not None and isinstance(_record(ecosystem, agreement.pole), Pole):
        graph.add_edge(agreement.id, agreement.pole, key="belongs_to", kind="belongs_to")


def _record(ecosystem: Ecosystem, record_id: str) -> object:
    return ecosystem.get(record_id) if record_id in ecosystem else None


def to_networkx(ecosystem: Ecosystem, as_of: dt.date | None = None) -> Any:
    """Return the ecosystem as a directed multigraph of its actors, pôles, assets and agreements.

    Every record is a node, keyed by its id, with the attributes ``kind``
    (``actor``, ``pole``, ``asset`` or ``agreement``), ``label`` (its name or
    title) and ``type`` (its kind tag, or the agreement's kind); an actor
    also has its ``sector`` (``ess``, ``private``, ``public``, or ``unknown``
    for a company whose ESS statutes are not recorded), an asset its
    ``category``.

    Edges go from an actor to what it is part of, with a ``kind``:

    - ``membership`` to a pôle, with the ``role``, the ``start`` and ``end``
      of its period and the ``college``, one edge per membership;
    - ``ownership`` to an asset, with the ``share`` (exact, such as ``"1/3"``);
    - ``use`` to an asset, with the measure of use (``share``, ``fte`` or
      ``hours``) and the period;
    - ``party`` to an agreement, with the party's ``role``;

    and from an asset to the pôle it is ``pooled_in`` and the agreement it is
    ``governed_by``, and from an agreement to the pôle it ``belongs_to``.
    Attribute values are strings (dates in ISO 8601, fractions exact), so the
    graph can be written as GraphML or GEXF as it is; a missing value is left
    out rather than written as ``None``. References that name no record of the
    right kind give no edge (the references rule reports them).

    Args:
        ecosystem: the ecosystem.
        as_of: keep only the memberships, ownerships, uses and agreements that
            hold on that day, as :meth:`~ptcekit.model.Ecosystem.poles_of`,
            :meth:`~ptcekit.model.Ecosystem.assets_of` and
            :meth:`~ptcekit.model.Ecosystem.agreements_of` do; every record
            stays a node. All of them when ``None``.

    Returns:
        A ``networkx.MultiDiGraph``; the graph's ``name`` and ``as_of``
        attributes say what it shows.

    Raises:
        MissingExtraError: networkx is not installed (``pip install 'ptcekit[notebook]'``).

    >>> from ptcekit import Association, Company, Ecosystem, Membership, Pole
    >>> eco = Ecosystem(
    ...     actors=(Association(id="a", name="Asso"), Company(id="b", name="SARL B")),
    ...     poles=(Pole(id="p", name="Pôle", memberships=(
    ...         Membership(actor="a", role="lead"), Membership(actor="b"))),),
    ... )
    >>> graph = to_networkx(eco)
    >>> sorted(graph.predecessors("p"))
    ['a', 'b']
    >>> graph.nodes["a"]["sector"], graph.edges["a", "p", "membership:0"]["role"]
    ('ess', 'lead')
    """
    nx = require("networkx", "to_networkx()")
    graph = nx.MultiDiGraph(name=ecosystem.name or "Unnamed ecosystem")
    if as_of is not None:
        graph.graph["as_of"] = as_of.isoformat()
    _nodes(graph, ecosystem)
    for pole in ecosystem.poles:
        _pole_edges(graph, ecosystem, pole, as_of)
    for asset in ecosystem.assets:
        _asset_edges(graph, ecosystem, asset, as_of)
    for agreement in ecosystem.agreements:
        _agreement_edges(graph, ecosystem, agreement, as_of)
    return graph


def write_graphml(ecosystem: Ecosystem, path: Path, *, as_of: dt.date | None = None) -> None:
    """Write the graph of :func:`to_networkx` as GraphML, for Gephi, yEd or Cytoscape.

    Args:
        ecosystem: the ecosystem.
        path: a file name, or a file open for writing bytes.
        as_of: as :func:`to_networkx` takes it.

    Raises:
        MissingExtraError: networkx is not installed (``pip install 'ptcekit[notebook]'``).
    """
    nx = require("networkx", "write_graphml()")
    nx.write_graphml(to_networkx(ecosystem, as_of), path)


def _hex_rgb(colour: str) -> dict[str, int]:
    return {"r": int(colour[1:3], 16), "g": int(colour[3:5], 16), "b": int(colour[5:7], 16)}


def _colour(attributes: dict[str, Any]) -> str:
    if attributes["kind"] == "actor":
        return SECTOR_COLOURS[attributes["sector"]]
    return KIND_STYLES[attributes["kind"]][0]


def write_gexf(ecosystem: Ecosystem, path: Path, *, as_of: dt.date | None = None) -> None:
    """Write the graph of :func:`to_networkx` as GEXF 1.2, for Gephi, actors coloured by sector.

    Args:
        ecosystem: the ecosystem.
        path: a file name, or a file open for writing bytes.
        as_of: as :func:`to_networkx` takes it.

    Raises:
        MissingExtraError: networkx is not installed (``pip install 'ptcekit[notebook]'``).
    """
    nx = require("networkx", "write_gexf()")
    graph = to_networkx(ecosystem, as_of)
    for _node, attributes in graph.nodes(data=True):
        attributes["viz"] = {"color": {**_hex_rgb(_colour(attributes)), "a": 1.0}}
    nx.write_gexf(graph, path)


def _short(text: str, limit: int = 24) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def plot_network(
    ecosystem: Ecosystem,
    *,
    as_of: dt.date | None = None,
    ax: Any = None,
    labels: bool = True,
    seed: int = 0,
) -> Any:
    """Draw the graph of :func:`to_networkx`: actors coloured by sector, pôles, assets, agreements.

    Actors are circles in their sector's colour (ESS, private, public, or
    unknown for a company whose ESS statutes are not recorded); pôles are
    squares, mutualised assets triangles and agreements diamonds. The layout
    is networkx's spring layout, the same for the same ``seed``.

    Args:
        ecosystem: the ecosystem.
        as_of: as :func:`to_networkx` takes it.
        ax: the matplotlib Axes to draw on; a new figure's when ``None``.
        labels: write each node's name beside it (cut at 24 characters).
        seed: the seed of the layout.

    Returns:
        The Axes.

    Raises:
        MissingExtraError: networkx or matplotlib is not installed
            (``pip install 'ptcekit[notebook]'``).
    """
    nx = require("networkx", "plot_network()")
    pyplot = require("matplotlib.pyplot", "plot_network()")
    lines = require("matplotlib.lines", "plot_network()")
    if ax is None:
        _figure, ax = pyplot.subplots()
    graph = to_networkx(ecosystem, as_of)
    positions = nx.spring_layout(graph, seed=seed) if len(graph) else {}
    handles = []
    for sector, colour in SECTOR_COLOURS.items():
        nodes = [
            n
            for n, data in graph.nodes(data=True)
            if data["kind"] == "actor" and data["sector"] == sector
        ]
        if nodes:
            nx.draw_networkx_nodes(
                graph, positions, nodelist=nodes, node_color=colour, node_shape="o", ax=ax
            )
            name = "ESS" if sector == "ess" else sector
            handles.append(_handle(lines, colour, "o", f"actor, {name}"))
    for kind, (colour, marker) in KIND_STYLES.items():
        nodes = [n for n, data in graph.nodes(data=True) if data["kind"] == kind]
        if nodes:
            nx.draw_networkx_nodes(
                graph, positions, nodelist=nodes, node_color=colour, node_shape=marker, ax=ax
            )
            handles.append(_handle(lines, colour, marker, KIND_LABELS[kind]))
    if graph.number_of_edges():
        nx.draw_networkx_edges(graph, positions, ax=ax, edge_color="#999999", arrows=False)
    if labels and len(graph):
        names = {n: _short(data["label"]) for n, data in graph.nodes(data=True)}
        nx.draw_networkx_labels(graph, positions, labels=names, font_size=8, ax=ax)
    if handles:
        ax.legend(handles=handles, loc="best", fontsize=8)
    title = ecosystem.name or "Unnamed ecosystem"
    when = f" on {as_of.isoformat()}" if as_of is not None else ""
    ax.set_title(f"Network of {title}{when}")
    # room around the outer nodes, so that their labels are not cut at the edge
    ax.margins(0.15)
    ax.set_axis_off()
    return ax


def _handle(lines: Any, colour: str, marker: str, label: str) -> Any:
    return lines.Line2D(
        [], [], color=colour, marker=marker, linestyle="", markersize=8, label=label
    )
