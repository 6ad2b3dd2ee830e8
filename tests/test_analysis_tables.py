"""Tables of records, commitments, the triptych, membership over time, plots and the extra."""

from __future__ import annotations

import datetime as dt
import pickle
import subprocess
import sys
from decimal import Decimal
from fractions import Fraction
from typing import Any

import matplotlib as mpl
import pytest
from hypothesis import given

mpl.use("Agg")

import matplotlib.pyplot as plt

from ptcekit import testing
from ptcekit.analysis import (
    MissingExtraError,
    _optional,
    commitment_schedule,
    cost_totals,
    findings_table,
    membership_counts,
    membership_history,
    plot_cost_allocation,
    plot_membership,
    plot_triptych,
    tables,
    triptych,
)
from ptcekit.errors import InvalidValueError, UnknownIdError
from ptcekit.model import (
    Allocation,
    Association,
    Commitment,
    Company,
    CostSharingKey,
    Ecosystem,
    Membership,
    Money,
    PartnershipAgreement,
    Party,
    Period,
    Place,
    Pole,
    PublicBody,
    Quantity,
    SharedEquipment,
    Territory,
)
from ptcekit.rules import validate

D = dt.date


def small() -> Ecosystem:
    return Ecosystem(
        actors=[
            Association(id="a", name="Asso", legal_category="9220", seat=Place(commune="26281")),
            Company(id="c", name="Co"),
            PublicBody(id="p", name="Ville", kind="commune", seat=Place(commune="75056")),
        ],
        poles=[
            Pole(
                id="pole",
                name="Pôle",
                memberships=[
                    Membership(actor="a", role="lead", period=Period(start=D(2020, 1, 1))),
                    Membership(actor="c", period=Period(start=D(2021, 5, 1), end=D(2023, 3, 31))),
                    Membership(actor="p", role="partner"),
                ],
            )
        ],
        assets=[
            SharedEquipment(
                id="van",
                name="Van",
                pole="pole",
                annual_cost=Money(amount=900),
                cost_key=CostSharingKey(method="equal"),
                users=[Allocation(actor="a"), Allocation(actor="c")],
            )
        ],
        agreements=[
            PartnershipAgreement(
                id="deal",
                title="Deal",
                kind="public_funding",
                pole="pole",
                parties=[Party(actor="p"), Party(actor="a")],
                period=Period(start=D(2024, 1, 31), end=D(2024, 12, 31)),
                commitments=[
                    Commitment(
                        party="p", kind="money", amount=Money(amount=100), recurrence="monthly"
                    ),
                    Commitment(
                        party="a",
                        kind="staff_time",
                        quantity=Quantity(value=10, unit="h"),
                        recurrence="quarterly",
                    ),
                    Commitment(party="a", kind="in_kind", recurrence="once"),
                ],
            ),
            PartnershipAgreement(
                id="open",
                title="Open",
                kind="partnership",
                parties=[Party(actor="p"), Party(actor="c")],
                period=Period(start=D(2024, 1, 1)),
                commitments=[
                    Commitment(party="c", kind="money", amount=Money(amount=5), recurrence="yearly")
                ],
            ),
        ],
    )


class TestTables:
    @given(testing.ecosystems())
    def test_one_row_per_record_agreeing_with_the_model(self, eco: Ecosystem) -> None:
        """Each table has one row per record, and its values are the model's."""
        t = tables(eco, as_of=D(2024, 6, 1))
        assert [r["id"] for r in t.actors.rows()] == [a.id for a in eco.actors]
        assert [r["sector"] for r in t.actors.rows()] == [
            "unknown" if a.in_ess is None else a.sector.value for a in eco.actors
        ]
        memberships = [(p.id, m) for p in eco.poles for m in p.memberships]
        assert len(t.memberships) == len(memberships)
        for row, (pole, m) in zip(t.memberships.rows(), memberships, strict=True):
            assert (row["pole"], row["actor"], row["role"]) == (pole, m.actor, m.role.value)
            assert row["current"] == m.active_on(D(2024, 6, 1))
        assert [r["id"] for r in t.assets.rows()] == [a.id for a in eco.assets]
        assert len(t.ownerships) == sum(len(a.owners) for a in eco.assets)
        assert len(t.allocations) == sum(len(a.users) for a in eco.assets)
        assert [r["id"] for r in t.agreements.rows()] == [g.id for g in eco.agreements]
        assert len(t.parties) == sum(len(g.parties) for g in eco.agreements)
        assert len(t.commitments) == sum(len(g.commitments) for g in eco.agreements)
        for name, table in t.all().items():
            for row in table.rows():
                assert list(row) == list(table.column_names), name
                for column in table.columns:
                    value = row[column.name]
                    assert value is None or isinstance(value, column.type), (
                        name,
                        column.name,
                        value,
                    )

    def test_values_and_frames(self) -> None:
        """Rows carry names, labels and communes; DataFrames keep typed columns when empty."""
        eco = small()
        t = tables(eco, as_of=D(2024, 6, 1), report=validate(eco))
        actor = t.actors.rows()[0]
        assert actor["legal_category_label"] == "Association déclarée"
        assert actor["seat_commune"] == "26281"
        assert t.actors.rows()[1]["sector"] == "unknown"
        assert [r["current"] for r in t.memberships.rows()] == [True, False, True]
        assert t.memberships.rows()[1]["actor_name"] == "Co"
        assert len(t.findings) == len(validate(eco).findings)
        frames = t.to_pandas()
        assert len(frames["actors"]) == 3
        empty = tables(Ecosystem()).to_pandas()
        for name, frame in empty.items():
            assert len(frame) == 0
            assert list(frame.columns) == list(t.all()[name].column_names)
        assert str(empty["actors"].dtypes["headcount"]) == "Int64"
        assert str(empty["memberships"].dtypes["current"]) == "boolean"
        assert "actors 3" in repr(t)
        assert t.rows()["parties"][0]["actor_name"] == "Ville"

    def test_findings_from_a_list(self) -> None:
        """A list of findings makes a table too."""
        findings = validate(small()).findings
        assert len(findings_table(list(findings))) == len(findings)


class TestCommitments:
    def test_recurrences_expand_within_the_term(self) -> None:
        """Monthly, quarterly and once commitments expand over the agreement's term."""
        schedule = commitment_schedule(small())
        deal = [o for o in schedule.occurrences if o.agreement == "deal"]
        monthly = [o.date for o in deal if o.kind == "money"]
        assert monthly[:3] == [D(2024, 1, 31), D(2024, 2, 29), D(2024, 3, 31)]
        assert len(monthly) == 12
        assert [o.date for o in deal if o.kind == "staff_time"] == [
            D(2024, 1, 31),
            D(2024, 4, 30),
            D(2024, 7, 31),
            D(2024, 10, 31),
        ]
        assert schedule.unexpanded == (
            ("open", "c", "money", "a yearly commitment over a term with no end (give until=)"),
        )
        totals = schedule.totals("party", "year").rows()
        assert {
            "party": "p",
            "year": 2024,
            "measure": "money",
            "unit": "EUR",
            "total": Decimal(1200),
        } in totals
        assert {
            "party": "a",
            "year": 2024,
            "measure": "quantity",
            "unit": "h",
            "total": Decimal(40),
        } in totals
        assert schedule.totals("pole").rows()[0]["pole"] == "pole"
        assert "not expanded" in repr(schedule)
        assert len(schedule.to_pandas()) == len(schedule.occurrences)
        assert len(schedule.unexpanded_table()) == 1

    def test_until_bounds_open_terms(self) -> None:
        """until= expands an open-ended term up to that day."""
        schedule = commitment_schedule(small(), until=D(2026, 6, 30), pole=None)
        years = [o.year for o in schedule.occurrences if o.agreement == "open"]
        assert years == [2024, 2025, 2026]
        assert commitment_schedule(small(), pole="pole").unexpanded == ()

    def test_no_start(self) -> None:
        """A recurring commitment with no start cannot be expanded; a once one has no date."""
        deal = PartnershipAgreement(
            id="d",
            title="D",
            kind="partnership",
            parties=[Party(actor="x"), Party(actor="y")],
            commitments=[
                Commitment(party="x", kind="money", amount=Money(amount=1), recurrence="yearly"),
                Commitment(party="y", kind="money", amount=Money(amount=2)),
            ],
        )
        schedule = commitment_schedule([deal])
        assert schedule.unexpanded[0][3] == "a yearly commitment over a term with no start"
        assert [(o.date, o.year) for o in schedule.occurrences] == [(None, None)]

    def test_bad_column(self) -> None:
        """Summing by an unknown column names it."""
        with pytest.raises(InvalidValueError, match="'colour'"):
            commitment_schedule(small()).totals("colour")


class TestTriptych:
    def test_pole_on_a_date(self) -> None:
        """Members on a date are counted by sector, with unknown statutes apart, and exact shares."""
        result = triptych(small(), pole="pole", as_of=D(2022, 1, 1))
        assert dict(result.sectors) == {"ess": 1, "private": 0, "public": 1, "unknown": 1}
        assert result.share("ess") == Fraction(1, 3)
        assert dict(result.kinds) == {"association": 1, "company": 1, "public_body": 1}
        assert dict(result.families) == {"association": 1, None: 2}
        assert "3 actors" in repr(result)
        assert result.rows()[0] == {
            "group": "sector",
            "value": "ess",
            "count": 1,
            "share": Fraction(1, 3),
        }
        assert len(result.to_pandas()) == len(result.rows())

    def test_territory_and_empty(self) -> None:
        """A territory counts the actors seated in it; an empty count has zero shares."""
        drome = Territory(name="Drôme", level="departement", codes=["26"], cog_year=2024)
        result = triptych(small(), territory=drome)
        assert result.actors == ("a",)
        assert triptych(small(), pole="pole", territory=drome).actors == ("a",)
        assert triptych(Ecosystem()).share("ess") == 0
        assert triptych(small()).total == 3
        with pytest.raises(UnknownIdError):
            triptych(small(), pole="nope")


class TestHistory:
    def test_entries_and_departures(self) -> None:
        """Entries, departures and year-end counts per year."""
        history = membership_history(small(), "pole")
        assert history.rows() == [
            {"year": 2020, "entered": 1, "left": 0, "members": 2},
            {"year": 2021, "entered": 1, "left": 0, "members": 3},
            {"year": 2022, "entered": 0, "left": 0, "members": 3},
            {"year": 2023, "entered": 0, "left": 1, "members": 2},
        ]
        assert membership_history(small(), "pole", years=[2019]).rows()[0]["members"] == 1
        assert "2021  +1  -0  3" in repr(history)
        assert len(history.to_pandas()) == 4
        assert membership_history(Pole(id="x", name="X")).rows() == []

    def test_counts_by_date(self) -> None:
        """Members are counted on each day asked, in the order given."""
        counts = membership_counts(small(), "pole", on=[D(2022, 1, 1), D(2019, 1, 1)])
        assert counts.rows() == [
            {"date": D(2022, 1, 1), "members": 3},
            {"date": D(2019, 1, 1), "members": 1},
        ]
        assert str(counts.to_pandas().dtypes["members"]) == "Int64"
        with pytest.raises(InvalidValueError, match=r"membership_counts\.pole"):
            membership_counts(small(), on=[])

    def test_needs_a_pole(self) -> None:
        """A document without a pôle id is an error."""
        with pytest.raises(InvalidValueError, match=r"membership_history\.pole"):
            membership_history(small())


class TestPlots:
    def test_each_plot_draws_on_the_given_axes(self) -> None:
        """Each plot takes ax=, returns it, and labels it in the model's words."""
        eco = small()
        figure, axes = plt.subplots(1, 3)
        assert plot_triptych(triptych(eco, pole="pole"), ax=axes[0]) is axes[0]
        assert axes[0].get_ylabel() == "sector"
        assert [t.get_text() for t in axes[0].get_yticklabels()] == [
            "ess",
            "private",
            "public",
            "unknown",
        ]
        totals = cost_totals(
            Ecosystem(actors=eco.actors, assets=[*eco.assets, SharedEquipment(id="x", name="X")]),
            year=2025,
        )
        assert plot_cost_allocation(totals, ax=axes[1]) is axes[1]
        assert "cannot allocate: x" in axes[1].get_title()
        assert [t.get_text() for t in axes[1].get_legend().get_texts()] == ["a", "c"]
        assert plot_membership(membership_history(eco, "pole"), ax=axes[2]) is axes[2]
        plt.close(figure)

    @pytest.mark.parametrize("years", [[2024], list(range(1990, 2026))], ids=["one", "many"])
    def test_membership_years_are_whole(self, years: list[int]) -> None:
        """Years are drawn with whole-year ticks, not 2024.2, 2024.4…, for one year or many."""
        figure, ax = plt.subplots()
        plot_membership(membership_history(small(), "pole", years=years), ax=ax)
        figure.canvas.draw()
        low, high = ax.get_xlim()
        ticks = [tick for tick in ax.get_xticks() if low <= tick <= high]
        assert ticks
        assert all(float(tick).is_integer() for tick in ticks)
        plt.close(figure)

    def test_without_axes_a_figure_is_made(self) -> None:
        """Without ax=, a new figure's axes are returned."""
        ax = plot_cost_allocation(cost_totals(small(), on=D(2025, 1, 1)).allocations[0])
        assert "on 2025-01-01" in ax.get_title()
        plt.close(ax.figure)


class TestExtra:
    def test_the_core_imports_no_optional_library(self) -> None:
        """Importing ptcekit and its analysis layer imports neither pandas, networkx nor matplotlib."""
        code = (
            "import sys, ptcekit, ptcekit.analysis\n"
            "print(sorted(m for m in ('pandas', 'networkx', 'matplotlib') if m in sys.modules))"
        )
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        assert out.stdout.strip() == "[]"

    @pytest.mark.parametrize(
        ("call", "module"),
        [
            (lambda: tables(small()).actors.to_pandas(), "pandas"),  # noqa: PLW0108 -- small() must run after the monkeypatch
            (lambda: plot_triptych(triptych(small())), "matplotlib"),
        ],
    )
    def test_a_missing_library_names_the_extra(
        self, monkeypatch: pytest.MonkeyPatch, call: Any, module: str
    ) -> None:
        """A function whose library is missing raises an error naming the extra."""
        real = _optional.importlib.import_module

        def refuse(name: str) -> Any:
            if name.partition(".")[0] == module:
                raise ModuleNotFoundError(name)
            return real(name)

        monkeypatch.setattr(_optional.importlib, "import_module", refuse)
        with pytest.raises(MissingExtraError, match=r"pip install 'ptcekit\[notebook\]'") as info:
            call()
        assert info.value.module == module
        assert isinstance(info.value, ImportError)
        copy = pickle.loads(pickle.dumps(info.value))
        assert (copy.module, copy.extra, str(copy)) == (module, "notebook", str(info.value))
