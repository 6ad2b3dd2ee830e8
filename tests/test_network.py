"""The ecosystem as a graph: networkx, GraphML, GEXF and the network plot."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import matplotlib as mpl

mpl.use("Agg")  # no display in tests

import matplotlib.pyplot as plt
import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ptcekit import (
    Allocation,
    Association,
    Company,
    Ecosystem,
    Membership,
    PartnershipAgreement,
    Party,
    Period,
    Pole,
    PublicBody,
    Share,
    SharedEmployee,
    SharedPremises,
)
from ptcekit.analysis import MissingExtraError, plot_network, to_networkx, write_gexf, write_graphml
from ptcekit.errors import PtcekitError
from ptcekit.testing import ecosystems


@pytest.fixture(autouse=True)
def _close_figures() -> Iterator[None]:
    yield
    plt.close("all")


def demo() -> Ecosystem:
    return Ecosystem(
        name="Demo",
        actors=(
            Association(id="a", name="Asso"),
            Company(id="b", name="SARL B", ess_statutes=False),
            Company(id="u", name="Unknown statutes"),
            PublicBody(id="c", name="Commune", kind="commune"),
        ),
        poles=(
            Pole(
                id="p",
                name="Pôle",
                memberships=(
                    Membership(actor="a", role="lead", period=Period(start=dt.date(2020, 1, 1))),
                    Membership(actor="b", period=Period(end=dt.date(2021, 12, 31))),
                    Membership(actor="b", period=Period(start=dt.date(2023, 1, 1))),
                    Membership(actor="ghost"),
                ),
            ),
        ),
        assets=(
            SharedPremises(
                id="m",
                name="Marigarde",
                owners=(),
                users=(Allocation(actor="a", share=Share.of("1/3")), Allocation(actor="b")),
                pole="p",
                agreement="g",
            ),
            SharedEmployee(id="e", name="Comptable", users=(Allocation(actor="a", fte="0.4"),)),
        ),
        agreements=(
            PartnershipAgreement(
                id="g",
                title="Convention",
                kind="mutualisation",
                parties=(Party(actor="a", role="porteur"), Party(actor="c"), Party(actor="ghost")),
                period=Period(start=dt.date(2022, 1, 1), end=dt.date(2024, 12, 31)),
                pole="p",
            ),
        ),
    )


def neighbours(graph: nx.MultiDiGraph, node: str, kinds: set[str]) -> set[str]:
    return {target for _, target, kind in graph.out_edges(node, data="kind") if kind in kinds}


class TestGraph:
    def test_nodes_carry_kind_label_and_sector(self) -> None:
        """Every record is a node with its kind, label and type; actors have their sector."""
        graph = to_networkx(demo())
        assert graph.nodes["a"] == {
            "kind": "actor",
            "label": "Asso",
            "type": "association",
            "sector": "ess",
        }
        assert graph.nodes["b"]["sector"] == "private"
        assert graph.nodes["u"]["sector"] == "unknown"
        assert graph.nodes["c"]["sector"] == "public"
        assert graph.nodes["p"] == {"kind": "pole", "label": "Pôle", "type": "pole"}
        assert graph.nodes["m"]["category"] == "technical"
        assert graph.nodes["g"] == {
            "kind": "agreement",
            "label": "Convention",
            "type": "mutualisation",
        }
        assert graph.graph["name"] == "Demo"

    def test_edges_carry_roles_periods_and_measures(self) -> None:
        """Memberships keep role and period, one edge each; uses their measure; parties their role."""
        graph = to_networkx(demo())
        assert graph.edges["a", "p", "membership:0"] == {
            "kind": "membership",
            "role": "lead",
            "start": "2020-01-01",
        }
        assert graph.number_of_edges("b", "p") == 2
        assert graph.edges["b", "p", "membership:1"]["end"] == "2021-12-31"
        assert graph.edges["a", "m", "use:0"] == {"kind": "use", "share": "1/3"}
        assert graph.edges["b", "m", "use:1"] == {"kind": "use"}
        assert graph.edges["a", "e", "use:0"] == {"kind": "use", "fte": "2/5"}
        assert graph.edges["a", "g", "party"] == {"kind": "party", "role": "porteur"}
        assert graph.edges["m", "p", "pooled_in"] == {"kind": "pooled_in"}
        assert graph.edges["m", "g", "governed_by"] == {"kind": "governed_by"}
        assert graph.edges["g", "p", "belongs_to"] == {"kind": "belongs_to"}

    def test_references_to_no_record_give_no_edge(self) -> None:
        """A membership of an unknown actor adds neither an edge nor a node."""
        graph = to_networkx(demo())
        assert "ghost" not in graph
        assert len(graph) == 8

    def test_as_of_keeps_what_holds_that_day(self) -> None:
        """On a date, only the memberships, uses and agreements that hold then are edges."""
        graph = to_networkx(demo(), as_of=dt.date(2022, 6, 1))
        assert graph.graph["as_of"] == "2022-06-01"
        assert neighbours(graph, "b", {"membership"}) == set()
        assert neighbours(graph, "a", {"membership"}) == {"p"}
        assert neighbours(graph, "c", {"party"}) == {"g"}
        later = to_networkx(demo(), as_of=dt.date(2025, 1, 1))
        assert neighbours(later, "c", {"party"}) == set()
        assert len(later) == len(graph) == 8

    def test_ownership_edges_carry_the_exact_share(self) -> None:
        """An owner's edge has the exact share as a fraction, or the bounds as the share reads."""
        from ptcekit import Ownership

        asset = SharedPremises(
            id="m",
            name="M",
            owners=(
                Ownership(
                    actor="a", share=Share.of("1/3"), period=Period(start=dt.date(2020, 1, 1))
                ),
                Ownership(actor="b", share=Share(minimum="1/4")),
            ),
        )
        eco = Ecosystem(
            actors=(Association(id="a", name="A"), Association(id="b", name="B")), assets=(asset,)
        )
        graph = to_networkx(eco)
        assert graph.edges["a", "m", "ownership:0"] == {
            "kind": "ownership",
            "share": "1/3",
            "start": "2020-01-01",
        }
        assert graph.edges["b", "m", "ownership:1"]["share"] == "25 %–100 %"
        assert neighbours(to_networkx(eco, as_of=dt.date(2019, 1, 1)), "a", {"ownership"}) == set()

    @settings(max_examples=60, deadline=None)
    @given(ecosystems(), st.none() | st.dates(dt.date(1990, 1, 1), dt.date(2035, 12, 31)))
    def test_the_graph_agrees_with_the_ecosystems_navigation(
        self, eco: Ecosystem, as_of: dt.date | None
    ) -> None:
        """Nodes are the records; each actor's edges lead to its pôles, assets and agreements."""
        graph = to_networkx(eco, as_of)
        ids = {a.id for a in eco.actors} | {p.id for p in eco.poles}
        ids |= {a.id for a in eco.assets} | {g.id for g in eco.agreements}
        assert set(graph.nodes) == ids
        for actor in eco.actors:
            assert neighbours(graph, actor.id, {"membership"}) == {
                pole.id for pole in eco.poles_of(actor.id, as_of)
            }
            assert neighbours(graph, actor.id, {"ownership", "use"}) == {
                asset.id for asset in eco.assets_of(actor.id, as_of)
            }
            assert neighbours(graph, actor.id, {"party"}) == {
                agreement.id for agreement in eco.agreements_of(actor.id, as_of)
            }
        for pole in eco.poles:
            members = {
                source
                for source, _, kind in graph.in_edges(pole.id, data="kind")
                if kind == "membership"
            }
            assert members == {actor.id for actor in eco.members(pole.id, as_of)}
            held = [m for m in pole.memberships if as_of is None or m.active_on(as_of)]
            assert sum(
                1 for *_, kind in graph.in_edges(pole.id, data="kind") if kind == "membership"
            ) == len(held)


class TestFiles:
    def test_graphml_reads_back_with_its_attributes(self, tmp_path: Path) -> None:
        """The GraphML file reads back with networkx: the same nodes, edges and attributes."""
        path = tmp_path / "demo.graphml"
        write_graphml(demo(), path)
        read = nx.read_graphml(path, force_multigraph=True)
        graph = to_networkx(demo())
        assert set(read.nodes) == set(graph.nodes)
        assert read.number_of_edges() == graph.number_of_edges()
        assert read.nodes["a"]["sector"] == "ess"
        assert read.edges["a", "p", "membership:0"]["role"] == "lead"

    def test_gexf_colours_actors_by_sector(self) -> None:
        """The GEXF file gives each node its colour: actors by sector, other records by kind."""
        buffer = io.BytesIO()
        write_gexf(demo(), buffer, as_of=dt.date(2022, 6, 1))
        buffer.seek(0)
        read = nx.read_gexf(buffer)
        assert read.nodes["a"]["viz"]["color"] == {"r": 0x1B, "g": 0x9E, "b": 0x77, "a": 1.0}
        assert read.nodes["b"]["viz"]["color"]["r"] == 0xD9
        assert read.nodes["p"]["viz"]["color"]["r"] == 0x33
        assert read.nodes["a"]["label"] == "Asso"
        assert (
            read.number_of_edges()
            == to_networkx(demo(), as_of=dt.date(2022, 6, 1)).number_of_edges()
        )


class TestPlot:
    def test_draws_on_the_given_axes_with_a_legend_in_the_models_words(self) -> None:
        """The plot draws on the Axes given, returns it, and its legend names sectors and kinds."""
        _figure, ax = plt.subplots()
        assert plot_network(demo(), ax=ax) is ax
        legend = [text.get_text() for text in ax.get_legend().get_texts()]
        assert legend == [
            "actor, ESS",
            "actor, private",
            "actor, public",
            "actor, unknown",
            "pôle",
            "mutualised asset",
            "agreement",
        ]
        assert ax.get_title() == "Network of Demo"
        assert "Asso" in [text.get_text() for text in ax.texts]
        # room is left around the outer nodes for their labels
        assert ax.margins() == (0.15, 0.15)

    def test_makes_its_own_figure_and_says_the_date(self) -> None:
        """Without Axes it makes a figure; a date goes in the title; labels can be left out."""
        ax = plot_network(
            Ecosystem(actors=(Association(id="a", name="A" * 40),)), as_of=dt.date(2024, 1, 1)
        )
        assert ax.get_title() == "Network of Unnamed ecosystem on 2024-01-01"
        assert [text.get_text() for text in ax.texts] == ["A" * 23 + "…"]
        bare = plot_network(demo(), labels=False)
        assert len(bare.texts) == 0

    def test_an_empty_ecosystem_draws_nothing_but_its_title(self) -> None:
        """An empty ecosystem gives an empty plot with its title and no legend."""
        ax = plot_network(Ecosystem(name="Empty"))
        assert ax.get_legend() is None
        assert ax.get_title() == "Network of Empty"


class TestMissingExtra:
    @pytest.mark.parametrize(
        ("module", "call"),
        [
            ("networkx", lambda: to_networkx(demo())),
            ("networkx", lambda: write_graphml(demo(), io.BytesIO())),
            ("networkx", lambda: write_gexf(demo(), io.BytesIO())),
            ("networkx", lambda: plot_network(demo())),
            ("matplotlib.pyplot", lambda: plot_network(demo())),
        ],
    )
    def test_a_missing_library_names_the_extra(
        self, monkeypatch: pytest.MonkeyPatch, module: str, call: Callable[[], object]
    ) -> None:
        """Without networkx or matplotlib, the functions raise an error naming the notebook extra."""
        monkeypatch.setitem(sys.modules, module, None)
        with pytest.raises(MissingExtraError, match=r"pip install 'ptcekit\[notebook\]'") as caught:
            call()
        assert isinstance(caught.value, PtcekitError)
        assert isinstance(caught.value, ImportError)
        assert caught.value.module == module.partition(".")[0]

    def test_the_error_pickles(self) -> None:
        """The error keeps its facts through pickling."""
        import pickle

        error = MissingExtraError("networkx", "notebook", "to_networkx()")
        copy = pickle.loads(pickle.dumps(error))
        assert (copy.module, copy.extra, copy.feature) == ("networkx", "notebook", "to_networkx()")
        assert str(copy) == str(error)

    def test_importing_ptcekit_imports_none_of_them(self) -> None:
        """Importing ptcekit and its analysis imports neither networkx nor matplotlib."""
        code = (
            "import sys, ptcekit, ptcekit.analysis; "
            "print(sorted(m for m in ('networkx', 'matplotlib', 'pandas') if m in sys.modules))"
        )
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        assert result.stdout.strip() == "[]"
