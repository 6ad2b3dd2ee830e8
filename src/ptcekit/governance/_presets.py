"""Presets: the quorums and majorities the law itself fixes, each with its source and confidence."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

import attrs

from ptcekit.errors import InvalidValueError
from ptcekit.model import (
    BodyKind,
    DecisionRule,
    Majority,
    Quorum,
    ResolutionKind,
    Statutes,
    VotingScheme,
)

__all__ = ["CONFIDENCES", "NO_PRESET", "PRESETS", "Preset", "PresetVersion", "preset"]

#: The confidence words, as the rules engine's ``Confidence`` values spell them.
CONFIDENCES = ("confirmed", "reading", "unconfirmed")

#: The Code de commerce on Légifrance.
_CODE_DE_COMMERCE = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000005634379"
#: Loi n° 47-1775 du 10 septembre 1947 portant statut de la coopération, on Légifrance.
_LOI_1947 = "https://www.legifrance.gouv.fr/loda/id/JORFTEXT000000684004"
#: Its article 19 octies (the SCIC's vote colleges).
_ART_19_OCTIES = "https://www.legifrance.gouv.fr/loda/article_lc/LEGIARTI000025559897"

_GA = BodyKind.GENERAL_ASSEMBLY
_ORDINARY = ResolutionKind.ORDINARY
_EXTRAORDINARY = ResolutionKind.EXTRAORDINARY


def _confidence(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value not in CONFIDENCES:
        raise InvalidValueError(type(inst).__name__, attribute.name, f"one of {CONFIDENCES}", value)


@attrs.frozen(kw_only=True)
class PresetVersion:
    """One version of a preset, with the dates it is in force.

    Attributes:
        label: the version in a few words, such as ``"since loi n° 2019-744"``.
        start: its first day in force; ``None`` for "since ever".
        end: the day it stops being in force; ``None`` for "still in force".
        statutes: the decision rules it sets.
        source: the legal text: code or law, article, alinéa.
        url: where to read it on Légifrance.
        confidence: ``"confirmed"``, ``"reading"`` or ``"unconfirmed"``, as
            the rules engine's :class:`~ptcekit.rules.Confidence` says it.
        note: what is not confirmed, or what the statutes may change.
    """

    label: str
    start: dt.date | None = None
    end: dt.date | None = None
    statutes: Statutes
    source: str
    url: str
    confidence: str = attrs.field(validator=_confidence)
    note: str = ""

    def in_force_on(self, day: dt.date) -> bool:
        """Return whether the version is in force on ``day``."""
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@attrs.frozen(kw_only=True)
class Preset:
    """What the law fixes for one form of organisation, in its dated versions.

    Attributes:
        name: its name, such as ``"sa"``.
        title: what it covers, in a few words.
        versions: its versions, in date order.
    """

    name: str
    title: str
    versions: tuple[PresetVersion, ...]

    def on(self, day: dt.date) -> PresetVersion:
        """Return the version in force on ``day``.

        Raises:
            ValueError: (an :class:`~ptcekit.errors.InvalidValueError`) if none is.
        """
        for version in self.versions:
            if version.in_force_on(day):
                return version
        spans = ", ".join(version.label for version in self.versions)
        raise InvalidValueError(
            "Preset", "on", f"a day one version of preset {self.name!r} covers ({spans})", day
        )

    @property
    def latest(self) -> PresetVersion:
        """The version in force today (the last one)."""
        return self.versions[-1]


def _capital_quorum(share: str) -> Quorum:
    return Quorum(share=share, basis="capital")


#: Loi n° 2019-744 du 19 juillet 2019 ("loi Soilihi"): from then on, the votes
#: cast at an SA's general meetings leave out abstentions and blank or spoilt ballots.
_SOILIHI = dt.date(2019, 7, 21)

_SA_NOTE = (
    "The article numbers and thresholds are those of the Code de commerce; their wording, "
    "and the date from which abstentions and blank ballots left the votes cast "
    "(loi n° 2019-744 du 19 juillet 2019), were not checked against the official text: "
    "not confirmed. Statutes of an unlisted SA may set higher quorums."
)

_SA_SOURCE = "Code de commerce, art. L225-98 (ordinary) and L225-96 (extraordinary)"


def _sa(*, cast_only: bool) -> Statutes:
    base = "votes_cast" if cast_only else "present_and_represented"
    return Statutes(
        rules=(
            DecisionRule(
                body=_GA,
                kind=_ORDINARY,
                voting=VotingScheme.CAPITAL_WEIGHTED,
                quorum=_capital_quorum("1/5"),
                majority=Majority(share="1/2", strict=True, base=base),
                source="Code de commerce, art. L225-98, al. 2 and 3",
            ),
            DecisionRule(
                body=_GA,
                kind=_EXTRAORDINARY,
                voting=VotingScheme.CAPITAL_WEIGHTED,
                quorum=_capital_quorum("1/4"),
                second_quorum=_capital_quorum("1/5"),
                majority=Majority(share="2/3", strict=False, base=base),
                source="Code de commerce, art. L225-96, al. 2 and 3",
            ),
        ),
        source=_SA_SOURCE,
    )


_SA = Preset(
    name="sa",
    title="société anonyme: ordinary and extraordinary general meetings",
    versions=(
        PresetVersion(
            label="before loi n° 2019-744",
            end=_SOILIHI,
            statutes=_sa(cast_only=False),
            source=_SA_SOURCE + ", before loi n° 2019-744",
            url=_CODE_DE_COMMERCE,
            confidence="unconfirmed",
            note=_SA_NOTE,
        ),
        PresetVersion(
            label="since loi n° 2019-744",
            start=_SOILIHI,
            statutes=_sa(cast_only=True),
            source=_SA_SOURCE + ", as amended by loi n° 2019-744",
            url=_CODE_DE_COMMERCE,
            confidence="unconfirmed",
            note=_SA_NOTE,
        ),
    ),
)

#: Loi n° 2005-882 du 2 août 2005: quorums for the extraordinary decisions of
#: SARL formed after it, and two thirds instead of three quarters.
_LOI_2005 = dt.date(2005, 8, 4)

_SARL_SOURCE = "Code de commerce, art. L223-29 (ordinary) and L223-30 (extraordinary)"
_SARL_NOTE = (
    "Thresholds as the Code de commerce states them; the wording, and the versions' dates "
    "(loi n° 2005-882 du 2 août 2005; later reforms of 2019 and 2024 may have changed "
    "the rules of consultation) were not checked against the official text: not confirmed. "
    "A SARL formed before 2005 keeps three quarters for extraordinary decisions unless its "
    "associés chose the new rules; unanimity (change of nationality, more commitments for "
    "the associés) is a rule of its own."
)


def _sarl(*, since_2005: bool) -> Statutes:
    ordinary = DecisionRule(
        body=_GA,
        kind=_ORDINARY,
        voting=VotingScheme.CAPITAL_WEIGHTED,
        majority=Majority(share="1/2", strict=True, base="all_members"),
        second_majority=Majority(share="1/2", strict=True, base="votes_cast"),
        source="Code de commerce, art. L223-29",
    )
    if since_2005:
        extraordinary = DecisionRule(
            body=_GA,
            kind=_EXTRAORDINARY,
            voting=VotingScheme.CAPITAL_WEIGHTED,
            quorum=_capital_quorum("1/4"),
            second_quorum=_capital_quorum("1/5"),
            majority=Majority(share="2/3", strict=False, base="present_and_represented"),
            source="Code de commerce, art. L223-30, al. 3",
        )
    else:
        extraordinary = DecisionRule(
            body=_GA,
            kind=_EXTRAORDINARY,
            voting=VotingScheme.CAPITAL_WEIGHTED,
            majority=Majority(share="3/4", strict=False, base="all_members"),
            source="Code de commerce, art. L223-30, al. 2",
        )
    return Statutes(rules=(ordinary, extraordinary), source=_SARL_SOURCE)


_SARL = Preset(
    name="sarl",
    title="société à responsabilité limitée: ordinary and extraordinary decisions",
    versions=(
        PresetVersion(
            label="before loi n° 2005-882",
            end=_LOI_2005,
            statutes=_sarl(since_2005=False),
            source=_SARL_SOURCE + ", before loi n° 2005-882",
            url=_CODE_DE_COMMERCE,
            confidence="unconfirmed",
            note=_SARL_NOTE,
        ),
        PresetVersion(
            label="since loi n° 2005-882",
            start=_LOI_2005,
            statutes=_sarl(since_2005=True),
            source=_SARL_SOURCE + ", as amended by loi n° 2005-882",
            url=_CODE_DE_COMMERCE,
            confidence="unconfirmed",
            note=_SARL_NOTE,
        ),
    ),
)


def _silent(voting: VotingScheme, source: str) -> Statutes:
    """A simple majority of the votes cast, no quorum, for both kinds of resolution."""
    return Statutes(
        rules=tuple(
            DecisionRule(body=_GA, kind=kind, voting=voting, source=source)
            for kind in (_ORDINARY, _EXTRAORDINARY)
        ),
        source=source,
    )


_SILENT_NOTE = (
    "Where the statutes are silent, a decision is taken at a simple majority of the votes "
    "cast, with no quorum: a reading, not a text; record the statutes' own quorum and "
    "majorities in Statutes."
)

_COOPERATIVE_SOURCE = "Loi n° 47-1775 du 10 septembre 1947, art. 1, al. 3"
_COOPERATIVE = Preset(
    name="cooperative",
    title="coopérative: one associé, one vote",
    versions=(
        PresetVersion(
            label="loi n° 47-1775",
            statutes=_silent(VotingScheme.ONE_MEMBER_ONE_VOTE, _COOPERATIVE_SOURCE),
            source=_COOPERATIVE_SOURCE,
            url=_LOI_1947,
            confidence="confirmed",
            note=(
                "Each associé has one vote, unless the law of the cooperative's category "
                "provides otherwise; art. 3 bis lets the statutes give associés non "
                "coopérateurs votes in proportion to their capital, within 49 % of the "
                "votes (35 % for those that are not cooperatives): record such statutes "
                "in Statutes. " + _SILENT_NOTE
            ),
        ),
    ),
)

_SCIC_SOURCE = "Loi n° 47-1775 du 10 septembre 1947, art. 19 octies"
_SCIC = Preset(
    name="scic",
    title="société coopérative d'intérêt collectif: one associé, one vote, weighted colleges",
    versions=(
        PresetVersion(
            label="loi n° 47-1775, art. 19 octies",
            statutes=_silent(VotingScheme.WEIGHTED_COLLEGES, _SCIC_SOURCE),
            source=_SCIC_SOURCE,
            url=_ART_19_OCTIES,
            confidence="reading",
            note=(
                "Each associé has one vote; when the statutes group them in colleges and "
                "depart from equal votes, each college weighs between 10 % and 50 % of the "
                "votes, and votes are counted college by college, then weighted. The "
                "article was read as quoted by secondary sources. The SCIC's quorum and "
                "majorities follow its statutes and its company form. " + _SILENT_NOTE
            ),
        ),
    ),
)

_DEFAULT_SOURCE = "Statutes silent: a simple majority of the votes cast"
_DEFAULT = Preset(
    name="default",
    title="statutes silent: one member, one vote, simple majority of the votes cast",
    versions=(
        PresetVersion(
            label="statutes silent",
            statutes=_silent(VotingScheme.ONE_MEMBER_ONE_VOTE, _DEFAULT_SOURCE),
            source=_DEFAULT_SOURCE,
            url=_LOI_1947,
            confidence="reading",
            note=_SILENT_NOTE,
        ),
    ),
)

#: Every preset, by name.
PRESETS: Mapping[str, Preset] = MappingProxyType(
    {p.name: p for p in (_SA, _SARL, _SCIC, _COOPERATIVE, _DEFAULT)}
)

#: Forms for which the law leaves quorum and majorities to the statutes: no preset.
NO_PRESET: Mapping[str, str] = MappingProxyType(
    {
        "association": (
            "the loi du 1er juillet 1901 leaves an association's quorum and majorities to its "
            "statutes"
        ),
        "sas": ("the Code de commerce (art. L227-9) leaves an SAS's decisions to its statutes"),
    }
)


def preset(name: str, on: dt.date | None = None) -> PresetVersion:
    """Return the version of preset ``name`` in force on ``on`` (today's law when ``None``).

    >>> v = preset("sa", dt.date(2024, 6, 12))
    >>> v.label, v.confidence
    ('since loi n° 2019-744', 'unconfirmed')
    >>> preset("sas")
    Traceback (most recent call last):
    ...
    ptcekit.errors.InvalidValueError: preset.name: expected a preset among 'sa', 'sarl', 'scic', 'cooperative', 'default' (there is none for an SAS: the Code de commerce (art. L227-9) leaves an SAS's decisions to its statutes; record them in Statutes), got 'sas'

    Raises:
        ValueError: (an :class:`~ptcekit.errors.InvalidValueError`) for an
            unknown name, an association or an SAS (no preset: only their
            statutes), or a day no version covers.
    """
    found = PRESETS.get(name) if type(name) is str else None
    if found is None:
        known = ", ".join(repr(key) for key in PRESETS)
        why = NO_PRESET.get(name) if type(name) is str else None
        article = "an SAS" if name == "sas" else "an association"
        extra = f" (there is none for {article}: {why}; record them in Statutes)" if why else ""
        raise InvalidValueError("preset", "name", f"a preset among {known}{extra}", name)
    return found.latest if on is None else found.on(on)
