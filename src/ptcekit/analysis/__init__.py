"""Analyses of a modelled ecosystem: summaries for people to read, the network of its records.

The analysis layer reads the model and never changes it; the model does not
import it. The network needs networkx, and its drawing matplotlib, from the
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

from ptcekit.analysis._network import plot_network, to_networkx, write_gexf, write_graphml
from ptcekit.analysis._optional import MissingExtraError
from ptcekit.analysis._summary import summarize

__all__ = [
    "MissingExtraError",
    "plot_network",
    "summarize",
    "to_networkx",
    "write_gexf",
    "write_graphml",
]
