"""Statutes reckoned: was a resolution validly adopted, given the register, the attendance and the law?

:func:`decide` takes a meeting and one of its resolutions, reads the
organisation's register of members on the meeting's date, its statutes (or
the :func:`preset` the law gives its form), and counts: the quorum, each
college's result and weighted contribution, the majority, as exact fractions.

Associations and SAS have no preset: the law leaves their quorum and
majorities to their statutes, recorded as :class:`~ptcekit.model.Statutes`.
"""

from ptcekit.governance._presets import (
    CONFIDENCES,
    NO_PRESET,
    PRESETS,
    Preset,
    PresetVersion,
    preset,
)
from ptcekit.governance._reckoning import (
    SCIC_COLLEGE_BOUNDS,
    CollegeResult,
    Outcome,
    QuorumCheck,
    Reason,
    Verdict,
    Voter,
    decide,
)

__all__ = [
    "CONFIDENCES",
    "NO_PRESET",
    "PRESETS",
    "SCIC_COLLEGE_BOUNDS",
    "CollegeResult",
    "Outcome",
    "Preset",
    "PresetVersion",
    "QuorumCheck",
    "Reason",
    "Verdict",
    "Voter",
    "decide",
    "preset",
]
