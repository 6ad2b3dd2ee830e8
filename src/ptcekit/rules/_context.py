"""What a rule's check sees: the ecosystem, the date, shared indexes, and its rule."""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

import attrs

from ptcekit.errors import RuleError, UnknownIdError
from ptcekit.model import (
    Actor,
    Ecosystem,
    Membership,
    MutualisedAsset,
    PartnershipAgreement,
    Pole,
    Record,
)
from ptcekit.rules._paths import RECORD_LISTS, Keys, render_path
from ptcekit.rules._report import Finding, Unchecked
from ptcekit.rules._rule import Confidence, LawVersion, Rule, Severity

__all__ = ["Context", "Indexes", "Member"]


class Indexes:
    """Indexes over an ecosystem, each built once, on first use, in linear time.

    One instance is shared by every rule of a :func:`run_rules` call.
    """

    def __init__(self, ecosystem: Ecosystem) -> None:
        self.ecosystem = ecosystem

    @functools.cached_property
    def positions(self) -> dict[str, tuple[str, int]]:
        """Each id with the list and the position of its record (built only when a path is asked)."""
        found: dict[str, tuple[str, int]] = {}
        for list_name in RECORD_LISTS:
            records: tuple[Record, ...] = getattr(self.ecosystem, list_name)
            for position, record in enumerate(records):
                found.setdefault(record.id, (list_name, position))
        return found

    @functools.cached_property
    def assets_by_pole(self) -> dict[str, list[int]]:
        """Positions of the assets pooled in each pôle, by pôle id."""
        found: dict[str, list[int]] = {}
        for position, asset in enumerate(self.ecosystem.assets):
            if asset.pole is not None:
                found.setdefault(asset.pole, []).append(position)
        return found

    @functools.cached_property
    def agreements_by_pole(self) -> dict[str, list[int]]:
        """Positions of the agreements of each pôle, by pôle id."""
        found: dict[str, list[int]] = {}
        for position, agreement in enumerate(self.ecosystem.agreements):
            if agreement.pole is not None:
                found.setdefault(agreement.pole, []).append(position)
        return found

    @functools.cached_property
    def member_ids_by_pole(self) -> dict[str, frozenset[str]]:
        """The ids of every actor with a membership of each pôle, at any time."""
        return {
            pole.id: frozenset(m.actor for m in pole.memberships) for pole in self.ecosystem.poles
        }


@attrs.frozen
class Member:
    """A membership of a pôle on a date, with its position and its actor.

    Attributes:
        position: the membership's index in the pôle's ``memberships``.
        membership: the membership.
        actor: the member actor.
    """

    position: int
    membership: Membership
    actor: Actor


class Context:
    """What a rule's check receives: the ecosystem, the date, shared indexes, its rule.

    Build findings with :meth:`finding`, which fills in the rule's code,
    severity and source.

    Attributes:
        ecosystem: the document being checked.
        as_of: the date the rules run "as of".
        rule: the rule being run.
    """

    def __init__(self, ecosystem: Ecosystem, as_of: dt.date, rule: Rule, indexes: Indexes) -> None:
        self.ecosystem = ecosystem
        self.as_of = as_of
        self.rule = rule
        self._indexes = indexes

    @property
    def law(self) -> LawVersion | None:
        """The version of the rule's law in force on :attr:`as_of`.

        ``None`` for a rule with no dated versions. The engine runs a rule
        with versions only on dates one of them covers.
        """
        return self.rule.version_on(self.as_of)

    def param(self, name: str) -> Any:
        """Return the parameter ``name`` of the version in force (see :attr:`law`).

        Raises:
            ValueError: (a :class:`~ptcekit.errors.RuleError`) if the rule has no version in
                force or that version has no such parameter.
        """
        law = self.law
        if law is None or name not in law.params:
            message = f"rule {self.rule.code} has no parameter {name!r} in force on {self.as_of}"
            raise RuleError(message)
        return law.params[name]

    def unchecked(self, reason: str, path: str | Keys, *, subject: str | None = None) -> Unchecked:
        """Return the note that the running rule could not check ``path``, and why.

        Yield it from a check, beside findings, when the data the check
        needs is missing: a report lists it, and says "All checks passed" only
        when every applicable check ran. Yield at most one per record, and
        only where the rule applies: a missing field the rule does not need
        is no reason for a note.

        Args:
            reason: what is missing, in English, such as ``"no associés recorded"``.
            path: the record or element that lacks it: keys from
                :meth:`path_of`, or a path in wire names.
            subject: the id of the record concerned.

        Raises:
            ValueError: (an :class:`~ptcekit.errors.InvalidValueError`) for an empty
                or multi-line reason or a bad path; inside a check, the run
                reports it as a crash of the rule.
        """
        return Unchecked(code=self.rule.code, path=path, reason=reason, subject=subject)

    def finding(
        self,
        message: str,
        path: str | Keys,
        *,
        subject: str | None = None,
        severity: Severity | None = None,
    ) -> Finding:
        """Return a finding of the running rule, with its code, severity and source.

        For a rule with dated versions, the finding cites the version in
        force on :attr:`as_of`.

        Args:
            message: what is wrong, with the numbers.
            path: where: keys from :meth:`path_of`, or a path in wire names.
            subject: the id of the record concerned.
            severity: overrides the rule's severity; for an unconfirmed rule
                it is capped at ``warning`` (see :class:`Rule`).
        """
        rule = self.rule
        level = rule.severity if severity is None else severity
        if rule.confidence is Confidence.UNCONFIRMED:
            level = min(level, Severity.WARNING)
        law = self.law
        return Finding(
            code=rule.code,
            severity=level,
            message=message,
            path=path,
            subject=subject,
            source=rule.source if law is None else law.source,
            url=rule.url if law is None else law.url,
            law=None if law is None else law.label,
        )

    def path_of(self, record: Record | str, *keys: str | int) -> Keys:
        """Return the path of ``record`` (or of the record with that id), then ``keys``.

        The record's list and position come from the document; ``keys`` are
        field names and indices inside it:
        ``context.path_of(pole, "memberships", 2)`` is
        ``("poles", 0, "memberships", 2)``, printed
        ``"$.poles[0].memberships[2]"``.

        Raises:
            KeyError: (an :class:`~ptcekit.errors.UnknownIdError`) if no record has the id.
        """
        key = record if isinstance(record, str) else record.id
        found = self._indexes.positions.get(key)
        if found is None:
            raise UnknownIdError(key, "record")
        return found + keys

    def path(self, id: str) -> str:  # noqa: A002 -- "id" is the domain's name for it
        """Return the path of the record with ``id``, such as ``"$.actors[3]"``.

        Raises:
            KeyError: (an :class:`~ptcekit.errors.UnknownIdError`) if no record has it.
        """
        return render_path(self.path_of(id))

    def record(self, id: str) -> Record | None:  # noqa: A002 -- "id" is the domain's name for it
        """Return the record with ``id``, or ``None``."""
        # the ecosystem's own index: built at construction, constant time
        return self.ecosystem.get(id) if id in self.ecosystem else None

    def actor(self, id: str) -> Actor | None:  # noqa: A002 -- "id" is the domain's name for it
        """Return the actor with ``id``, or ``None`` if there is none (or it is not an actor)."""
        record = self.record(id)
        return record if isinstance(record, Actor) else None

    def pole(self, id: str) -> Pole | None:  # noqa: A002 -- "id" is the domain's name for it
        """Return the pôle with ``id``, or ``None``."""
        record = self.record(id)
        return record if isinstance(record, Pole) else None

    def asset(self, id: str) -> MutualisedAsset | None:  # noqa: A002 -- "id" is the domain's name for it
        """Return the asset with ``id``, or ``None``."""
        record = self.record(id)
        return record if isinstance(record, MutualisedAsset) else None

    def agreement(self, id: str) -> PartnershipAgreement | None:  # noqa: A002 -- "id" is the domain's name for it
        """Return the agreement with ``id``, or ``None``."""
        record = self.record(id)
        return record if isinstance(record, PartnershipAgreement) else None

    def members(self, pole: Pole, *, as_of: dt.date | None = None) -> list[Member]:
        """Return the pôle's memberships that hold on the date, with their actors.

        Memberships of ids that are not actors are left out (the references
        rules report them). Time: linear in the pôle's memberships.

        Args:
            pole: the pôle.
            as_of: the day; :attr:`as_of` when ``None``.
        """
        day = self.as_of if as_of is None else as_of
        found = []
        for position, membership in enumerate(pole.memberships):
            if membership.active_on(day):
                actor = self.actor(membership.actor)
                if actor is not None:
                    found.append(Member(position, membership, actor))
        return found

    def member_ids(self, pole_id: str) -> frozenset[str]:
        """Return the ids of every actor with a membership of the pôle at any time."""
        return self._indexes.member_ids_by_pole.get(pole_id, frozenset())

    def assets_of_pole(self, pole_id: str) -> list[int]:
        """Return the positions in ``assets`` of the assets pooled in the pôle."""
        return self._indexes.assets_by_pole.get(pole_id, [])

    def agreements_of_pole(self, pole_id: str) -> list[int]:
        """Return the positions in ``agreements`` of the pôle's agreements."""
        return self._indexes.agreements_by_pole.get(pole_id, [])
