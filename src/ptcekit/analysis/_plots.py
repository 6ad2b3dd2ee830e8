"""Plots with matplotlib: the triptych balance, cost allocation, membership over time."""

from __future__ import annotations

from typing import Any

from ptcekit.analysis._allocation import CostAllocation, CostTotals
from ptcekit.analysis._optional import require
from ptcekit.analysis._triptych import MembershipHistory, Triptych

__all__ = ["plot_cost_allocation", "plot_membership", "plot_triptych"]

#: A colour per sector, readable on the default style and for most colour-blind readers.
SECTOR_COLOURS = {
    "ess": "#1b9e77",
    "private": "#d95f02",
    "public": "#7570b3",
    "unknown": "#999999",
}


def _axes(ax: Any, feature: str) -> Any:
    pyplot = require("matplotlib.pyplot", feature)
    if ax is None:
        _figure, ax = pyplot.subplots()
    return ax


def plot_triptych(triptych: Triptych, *, ax: Any = None) -> Any:
    """Draw the triptych balance: one horizontal bar per sector, with counts and shares.

    Args:
        triptych: the counts, from :func:`triptych`.
        ax: the matplotlib Axes to draw on; a new figure's when ``None``.

    Returns:
        The Axes.

    Raises:
        MissingExtraError: matplotlib is not installed (``pip install 'ptcekit[notebook]'``).
    """
    ax = _axes(ax, "plot_triptych()")
    sectors = [sector for sector, _count in triptych.sectors]
    counts = [count for _sector, count in triptych.sectors]
    bars = ax.barh(sectors, counts, color=[SECTOR_COLOURS[s] for s in sectors])
    labels = [f"{count} ({float(triptych.share(s)):.0%})" for s, count in triptych.sectors]
    ax.bar_label(bars, labels=labels, padding=3)
    ax.invert_yaxis()
    ax.set_xlabel("actors")
    ax.set_ylabel("sector")
    when = f" on {triptych.as_of.isoformat()}" if triptych.as_of else ""
    ax.set_title(f"Triptych of {triptych.scope}{when}")
    return ax


def plot_cost_allocation(allocation: CostAllocation | CostTotals, *, ax: Any = None) -> Any:
    """Draw who pays what: one stacked bar per asset, one segment per party.

    Args:
        allocation: one asset's allocation, or the allocations of a pôle or
            ecosystem from :func:`cost_totals` (assets that cannot be
            allocated are left out and named in the title).
        ax: the matplotlib Axes to draw on; a new figure's when ``None``.

    Returns:
        The Axes.

    Raises:
        MissingExtraError: matplotlib is not installed (``pip install 'ptcekit[notebook]'``).
    """
    ax = _axes(ax, "plot_cost_allocation()")
    allocations = (
        (allocation,) if isinstance(allocation, CostAllocation) else allocation.allocations
    )
    shown = [a for a in allocations if a.problem is None]
    actors = list(dict.fromkeys(part.actor for a in shown for part in a.parts))
    bottoms = [0.0] * len(shown)
    names = [a.asset for a in shown]
    for actor in actors:
        heights = [float(a.amounts()[actor].amount) if actor in a.amounts() else 0.0 for a in shown]
        ax.bar(names, heights, bottom=bottoms, label=actor)
        bottoms = [b + h for b, h in zip(bottoms, heights, strict=True)]
    currencies = sorted({a.cost.currency for a in shown if a.cost is not None})
    ax.set_xlabel("asset")
    ax.set_ylabel(f"cost ({', '.join(currencies) or 'EUR'})")
    title = "Cost allocation"
    if shown:
        first = shown[0]
        title += (
            f" on {first.start.isoformat()}"
            if first.start == first.end
            else f", {first.start.isoformat()} → {first.end.isoformat()}"
        )
    skipped = [a.asset for a in allocations if a.problem is not None]
    if skipped:
        title += f"\n(cannot allocate: {', '.join(skipped)})"
    ax.set_title(title)
    if actors:
        ax.legend(title="actor")
    return ax


def plot_membership(history: MembershipHistory, *, ax: Any = None) -> Any:
    """Draw a pôle's membership over time: members at each year's end, entries and departures.

    Args:
        history: from :func:`membership_history`.
        ax: the matplotlib Axes to draw on; a new figure's when ``None``.

    Returns:
        The Axes.

    Raises:
        MissingExtraError: matplotlib is not installed (``pip install 'ptcekit[notebook]'``).
    """
    ax = _axes(ax, "plot_membership()")
    years = [row[0] for row in history.years]
    ax.bar(years, [row[1] for row in history.years], color=SECTOR_COLOURS["ess"], label="entered")
    ax.bar(years, [-row[2] for row in history.years], color=SECTOR_COLOURS["private"], label="left")
    ax.plot(years, [row[3] for row in history.years], color="black", marker="o", label="members")
    ax.axhline(0, color="grey", linewidth=0.5)
    # years are whole: no tick at 2006.5, even when a single year is drawn
    ticker = require("matplotlib.ticker", "plot_membership()")
    if len(years) <= 20:
        ax.set_xticks(years)
    else:
        ax.xaxis.set_major_locator(ticker.MaxNLocator(integer=True))
    ax.set_xlabel("year")
    ax.set_ylabel("members")
    ax.set_title(f"Membership of {history.pole!r}")
    ax.legend()
    return ax
