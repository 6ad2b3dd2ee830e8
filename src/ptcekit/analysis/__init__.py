"""Analyses of a modelled ecosystem: summaries for people to read.

The analysis layer reads the model and never changes it; the model does not
import it.

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

from ptcekit.analysis._summary import summarize

__all__ = ["summarize"]
