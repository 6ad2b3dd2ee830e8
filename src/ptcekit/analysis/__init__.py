"""Analyses of a modelled ecosystem: summaries, computations, tables, the network and plots.

The analysis layer reads the model and never changes it; the model does not
import it. Computations (cost allocation, commitments, the triptych,
membership over time) and tables need nothing beyond ptcekit; DataFrames
need pandas, the network networkx and plots matplotlib, from the
``notebook`` extra.

>>> from ptcekit import Association, Ecosystem
>>> print(summarize(Ecosystem(actors=(Association(id="a", name="Asso"),))), end="")
Unnamed ecosystem
=================
<BLANKLINE>
Actors: 1
  ESS      1: Asso
  private  0
  public   0
"""

from ptcekit.analysis._allocation import (
    AllocationError,
    CostAllocation,
    CostPart,
    CostTotals,
    allocate_cost,
    cost_totals,
    split_to_cents,
)
from ptcekit.analysis._commitments import (
    CommitmentSchedule,
    CommittedOccurrence,
    commitment_schedule,
)
from ptcekit.analysis._network import plot_network, to_networkx, write_gexf, write_graphml
from ptcekit.analysis._optional import MissingExtraError
from ptcekit.analysis._plots import plot_cost_allocation, plot_membership, plot_triptych
from ptcekit.analysis._summary import summarize
from ptcekit.analysis._tables import (
    FindingLike,
    ReportLike,
    Tables,
    actors_table,
    agreements_table,
    allocations_table,
    assets_table,
    commitments_table,
    findings_table,
    memberships_table,
    ownerships_table,
    parties_table,
    tables,
)
from ptcekit.analysis._tabular import Column, Table
from ptcekit.analysis._triptych import (
    MembershipHistory,
    Triptych,
    membership_counts,
    membership_history,
    sector_of,
    triptych,
)

__all__ = [
    "AllocationError",
    "Column",
    "CommitmentSchedule",
    "CommittedOccurrence",
    "CostAllocation",
    "CostPart",
    "CostTotals",
    "FindingLike",
    "MembershipHistory",
    "MissingExtraError",
    "ReportLike",
    "Table",
    "Tables",
    "Triptych",
    "actors_table",
    "agreements_table",
    "allocate_cost",
    "allocations_table",
    "assets_table",
    "commitment_schedule",
    "commitments_table",
    "cost_totals",
    "findings_table",
    "membership_counts",
    "membership_history",
    "memberships_table",
    "ownerships_table",
    "parties_table",
    "plot_cost_allocation",
    "plot_membership",
    "plot_network",
    "plot_triptych",
    "sector_of",
    "split_to_cents",
    "summarize",
    "tables",
    "to_networkx",
    "triptych",
    "write_gexf",
    "write_graphml",
]
