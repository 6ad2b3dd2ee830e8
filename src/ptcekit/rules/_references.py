"""Reference rules: every id a record uses resolves to a record of the right kind."""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterator
from typing import Any

import attrs

from ptcekit.model import (
    Actor,
    Association,
    Commitment,
    Company,
    Ecosystem,
    Membership,
    MutualisedAsset,
    PartnershipAgreement,
    Party,
    Pole,
    SharedPremises,
)
from ptcekit.model import validators as v
from ptcekit.rules._context import Context
from ptcekit.rules._paths import RECORD_LISTS, Keys
from ptcekit.rules._report import Finding
from ptcekit.rules._rule import Example, Rule, Theme

__all__ = ["RULES", "THEMES"]

#: The document format's own rule: records are declared once, with an id, and referenced by it.
_SOURCE = (
    "ptcekit document format: every record is declared once, with an id, and referenced by that id"
)
_URL = "https://ptcekit.readthedocs.io/en/latest/explanation/format.html"

#: How a message names the place a reference sits in, by the field that holds it
#: (``{record}`` is the record, such as "asset 'van'"); other fields read
#: "the <field> of <record>".
_PLACES = {
    "members": "{record}'s member list",
    "memberships": "a membership of {record}",
    "owners": "an owner of {record}",
    "users": "a user of {record}",
    "cost_key": "the cost-sharing key of {record}",
    "parties": "a party to {record}",
    "commitments": "a commitment of {record}",
    # a field named after what it refers to: the record alone says it
    "pole": "{record}",
    "agreement": "{record}",
}

#: The words for a record in messages, by the list that holds it; an actor is named by its kind.
_RECORD_WORDS = {"poles": "pôle", "assets": "asset", "agreements": "agreement"}


def _noun(record: object) -> str:
    noun = getattr(type(record), "record_noun", None)
    return noun if isinstance(noun, str) else v.article(type(record).__name__)


def _what(context: Context, target: str) -> str:
    record = context.record(target)
    if record is None:
        return "which is not declared in the document"
    return f"which is {_noun(record)} ({context.path(target)})"


#: The record families, each checked by its rule: a reference counts for the first it falls in.
_FAMILIES: tuple[type[Any], ...] = (Actor, Pole, MutualisedAsset, PartnershipAgreement)


@attrs.frozen
class _Miss:
    """An id a record uses that does not name a record of the family its field declares.

    Attributes:
        target: the id.
        reference: the field's declaration.
        path: where the id sits, as keys and indices from the document's root.
        place: the top-level field of the record it sits under.
        where: the record, in words, such as "asset 'van'".
        subject: the record's id.
    """

    target: str
    reference: v.Reference
    path: Keys
    place: str
    where: str
    subject: str


def _held_class(leaf: object) -> type[Any] | None:
    """The class of the values an ``Instance`` or a ``TupleOf(Instance)`` declares, if it is one."""
    match leaf:
        case v.Instance(cls=cls) | v.TupleOf(item=v.Instance(cls=cls)):
            return cls
    return None


#: How a plan reads a field: one reference, a tuple of them, a value or a tuple of values to look into.
_ONE, _MANY, _INNER, _INNERS = range(4)


class _Walk:
    """One pass over a document that finds every reference that misses, for all the rules at once.

    Which fields of each class to look into is worked out on first sight of
    the class, afresh for each document, so that a subclass defined since
    (with references of its own) is seen.
    """

    def __init__(self, context: Context) -> None:
        self.record = context.record
        self.plans: dict[type[Any], tuple[tuple[str, int, Any], ...]] = {}
        self.refers: dict[type[Any], bool] = {}
        self.misses: dict[type[Any], list[_Miss]] = {family: [] for family in _FAMILIES}

    def may_refer(self, cls: type[Any]) -> bool:
        """Whether a value of ``cls``, or of a subclass, may hold a reference."""
        if cls not in self.refers:
            self.refers[cls] = False  # a class that holds itself adds nothing
            found = bool(self.plan(cls)) or any(self.may_refer(sub) for sub in cls.__subclasses__())
            self.refers[cls] = found
        return self.refers[cls]

    def plan(self, cls: type[Any]) -> tuple[tuple[str, int, Any], ...]:
        """The fields of ``cls`` to look into: ``(name, how, what)``."""
        found = self.plans.get(cls)
        if found is None:
            self.plans[cls] = ()  # a class that holds itself adds nothing
            chosen = []
            for attribute in attrs.fields(cls) if attrs.has(cls) else ():
                for leaf in v.leaves(attribute.validator):
                    step = self._step(attribute.name, leaf)
                    if step is not None:
                        chosen.append(step)
                        break
            found = self.plans[cls] = tuple(chosen)
        return found

    def _step(self, name: str, leaf: object) -> tuple[str, int, Any] | None:
        match leaf:
            case v.Reference():
                return name, _ONE, (leaf, leaf.target)
            case v.TupleOf(item=v.Reference() as item):
                return name, _MANY, (item, item.target)
        held = _held_class(leaf)
        if held is None or not self.may_refer(held):
            return None
        return name, _INNERS if isinstance(leaf, v.TupleOf) else _INNER, None

    def document(self, eco: Ecosystem) -> dict[type[Any], list[_Miss]]:
        """Walk every record of ``eco``; return the misses by family."""
        for list_name in RECORD_LISTS:
            for position, record in enumerate(getattr(eco, list_name)):
                where = f"{_record_word(list_name, record)} {record.id!r}"
                # the walk goes through the lists itself: it knows each record's position
                self.walk(record, [list_name, position], None, where, record.id)
        return self.misses

    def walk(
        self, value: object, path: list[str | int], place: str | None, where: str, subject: str
    ) -> None:
        """Note every reference under ``value`` (at ``path``, its keys and indices) that misses."""
        record = self.record
        for name, how, what in self.plan(type(value)):
            held = getattr(value, name)
            if held is None:
                continue
            top = place or name
            if how == _ONE:
                reference, target = what
                if not isinstance(record(held), target):
                    self.miss(_Miss(held, reference, (*path, name), top, where, subject))
            elif how == _MANY:
                reference, target = what
                for n, used in enumerate(held):
                    if not isinstance(record(used), target):
                        self.miss(_Miss(used, reference, (*path, name, n), top, where, subject))
            elif how == _INNERS:
                for n, inner in enumerate(held):
                    path += (name, n)
                    self.walk(inner, path, top, where, subject)
                    del path[-2:]
            else:
                path.append(name)
                self.walk(held, path, top, where, subject)
                path.pop()

    def miss(self, miss: _Miss) -> None:
        """Note ``miss`` under the family its reference names."""
        for family in _FAMILIES:
            if issubclass(miss.reference.target, family):
                self.misses[family].append(miss)
                return


#: The misses of the last document walked: the four rules run on it one after the other.
_last: tuple[weakref.ref[Ecosystem], dict[type[Any], list[_Miss]]] | None = None


def _misses(context: Context) -> dict[type[Any], list[_Miss]]:
    """The misses of the context's document, walked once for the four rules."""
    global _last  # noqa: PLW0603 -- a one-entry cache of a pure function of the document
    eco = context.ecosystem
    last = _last
    if last is not None and last[0]() is eco:
        return last[1]
    found = _Walk(context).document(eco)
    _last = (weakref.ref(eco), found)
    return found


def _record_word(list_name: str, record: object) -> str:
    word = _RECORD_WORDS.get(list_name)
    if word is not None:
        return word
    tag = getattr(type(record), "type_tag", type(record).__name__)
    return str(tag).rsplit(":", 1)[-1].replace("_", " ")


def _references_to(family: type[Any]) -> Callable[[Context], Iterator[Finding]]:
    """The check that every id declared a reference to ``family`` names a record of it."""

    def check(context: Context) -> Iterator[Finding]:
        for miss in _misses(context)[family]:
            default = f"the {miss.place.replace('_', ' ')} of {{record}}"
            where = _PLACES.get(miss.place, default).format(record=miss.where)
            message = (
                f"{where} refers to {miss.target!r}, {_what(context, miss.target)}; "
                f"expected {miss.reference.noun}"
            )
            yield context.finding(message, miss.path, subject=miss.subject)

    return check


# --- REF001 to REF004: one walk over the references the model declares ----


def _ref001_fails() -> Ecosystem:
    """A membership names an actor that the document does not declare."""
    return Ecosystem(
        actors=(Association(id="archer", name="Archer"),),
        poles=(
            Pole(
                id="pole-sud",
                name="Pôle Sud",
                memberships=(Membership(actor="archer"), Membership(actor="nef")),
            ),
        ),
    )


def _ref001_passes() -> Ecosystem:
    """Every member is a declared actor."""
    return Ecosystem(
        actors=(Association(id="archer", name="Archer"), Company(id="nef", name="La Nef")),
        poles=(
            Pole(
                id="pole-sud",
                name="Pôle Sud",
                memberships=(Membership(actor="archer"), Membership(actor="nef")),
            ),
        ),
    )


REF001 = Rule(
    code="REF001",
    title="Every actor id used by a record names an actor",
    severity="error",
    kind="format",
    confidence="confirmed",
    source=_SOURCE,
    url=_URL,
    explanation=(
        "Memberships, a pôle's lead and legal vehicle, owners, users, "
        "cost-sharing key shares, a shared employee's employer, the parties "
        "and commitments of agreements, and the members of a grouping refer "
        "to actors by id. Each id must be declared in the document's "
        "`actors` list: an id that is not declared, or that names a pôle, "
        "an asset or an agreement, is reported where it is used. "
        "This is a data rule of ptcekit's document model, not a legal one."
    ),
    check=_references_to(Actor),
    applies_to=("actors", "poles", "assets", "agreements"),
    failing_example=Example(build=_ref001_fails, paths=("$.poles[0].memberships[1].actor",)),
    passing_example=Example(build=_ref001_passes),
)


# --- REF002 -----------------------------------------------------------------


def _ref002_fails() -> Ecosystem:
    """An asset is pooled in "pole-sud", which is an actor, not a pôle."""
    return Ecosystem(
        actors=(Association(id="pole-sud", name="Association Pôle Sud"),),
        assets=(SharedPremises(id="batiment", name="Bâtiment", pole="pole-sud"),),
    )


def _ref002_passes() -> Ecosystem:
    """The asset's pôle is a pôle."""
    return Ecosystem(
        poles=(Pole(id="pole-sud", name="Pôle Sud"),),
        assets=(SharedPremises(id="batiment", name="Bâtiment", pole="pole-sud"),),
    )


REF002 = Rule(
    code="REF002",
    title="Every pôle id used by an asset or an agreement names a pôle",
    severity="error",
    kind="format",
    confidence="confirmed",
    source=_SOURCE,
    url=_URL,
    explanation=(
        "An asset's `pole` and an agreement's `pole` must name a pôle "
        "declared in the document's `poles` list."
    ),
    check=_references_to(Pole),
    applies_to=("assets", "agreements"),
    failing_example=Example(build=_ref002_fails, paths=("$.assets[0].pole",)),
    passing_example=Example(build=_ref002_passes),
)


# --- REF003 -----------------------------------------------------------------


def _two_partners() -> tuple[Actor, ...]:
    return (Association(id="archer", name="Archer"), Company(id="nef", name="La Nef"))


def _ref003_fails() -> Ecosystem:
    """A commitment gives the use of an asset that is not declared."""
    return Ecosystem(
        actors=_two_partners(),
        agreements=(
            PartnershipAgreement(
                id="convention",
                title="Convention de mutualisation",
                kind="mutualisation",
                parties=(Party(actor="archer"), Party(actor="nef")),
                commitments=(Commitment(party="archer", kind="asset_use", asset="camion"),),
            ),
        ),
    )


def _ref003_passes() -> Ecosystem:
    """The commitment's asset is declared."""
    return Ecosystem(
        actors=_two_partners(),
        assets=(SharedPremises(id="camion", name="Local"),),
        agreements=(
            PartnershipAgreement(
                id="convention",
                title="Convention de mutualisation",
                kind="mutualisation",
                parties=(Party(actor="archer"), Party(actor="nef")),
                commitments=(Commitment(party="archer", kind="asset_use", asset="camion"),),
            ),
        ),
    )


REF003 = Rule(
    code="REF003",
    title="Every asset id used by a commitment names an asset",
    severity="error",
    kind="format",
    confidence="confirmed",
    source=_SOURCE,
    url=_URL,
    explanation=(
        "A commitment's `asset` (the use of a shared asset, for instance) "
        "must name an asset declared in the document's `assets` list."
    ),
    check=_references_to(MutualisedAsset),
    applies_to=("agreements",),
    failing_example=Example(build=_ref003_fails, paths=("$.agreements[0].commitments[0].asset",)),
    passing_example=Example(build=_ref003_passes),
)


# --- REF004 -----------------------------------------------------------------


def _ref004_fails() -> Ecosystem:
    """An asset is governed by an agreement that is not declared."""
    return Ecosystem(
        actors=_two_partners(),
        assets=(SharedPremises(id="batiment", name="Bâtiment", agreement="convention"),),
    )


def _ref004_passes() -> Ecosystem:
    """The asset's agreement is declared."""
    return Ecosystem(
        actors=_two_partners(),
        assets=(SharedPremises(id="batiment", name="Bâtiment", agreement="convention"),),
        agreements=(
            PartnershipAgreement(
                id="convention",
                title="Convention d'occupation",
                kind="mutualisation",
                parties=(Party(actor="archer"), Party(actor="nef")),
            ),
        ),
    )


REF004 = Rule(
    code="REF004",
    title="Every agreement id used by an asset names an agreement",
    severity="error",
    kind="format",
    confidence="confirmed",
    source=_SOURCE,
    url=_URL,
    explanation=(
        "An asset's `agreement` (the convention that governs it) must name "
        "an agreement declared in the document's `agreements` list."
    ),
    check=_references_to(PartnershipAgreement),
    applies_to=("assets",),
    failing_example=Example(build=_ref004_fails, paths=("$.assets[0].agreement",)),
    passing_example=Example(build=_ref004_passes),
)


# --- REF005 -----------------------------------------------------------------


def _commitment_parties(context: Context) -> Iterator[Finding]:
    for agreement in context.ecosystem.agreements:
        parties = frozenset(agreement.party_ids)
        for k, commitment in enumerate(agreement.commitments):
            if commitment.party not in parties:
                message = (
                    f"commitment {k} of agreement {agreement.id!r} is made by "
                    f"{commitment.party!r}, who is not a party to it "
                    f"(parties: {', '.join(sorted(parties))})"
                )
                path = context.path_of(agreement, "commitments", k, "party")
                yield context.finding(message, path, subject=agreement.id)


def _commitment_by(party: str) -> Ecosystem:
    return Ecosystem(
        actors=(*_two_partners(), Company(id="roux", name="Tannerie Roux")),
        agreements=(
            PartnershipAgreement(
                id="convention",
                title="Convention de partenariat",
                kind="partnership",
                parties=(Party(actor="archer"), Party(actor="nef")),
                commitments=(Commitment(party=party, kind="service"),),
            ),
        ),
    )


def _ref005_fails() -> Ecosystem:
    """The tannery commits under an agreement it has not signed."""
    return _commitment_by("roux")


def _ref005_passes() -> Ecosystem:
    """The commitment is made by a party."""
    return _commitment_by("nef")


REF005 = Rule(
    code="REF005",
    title="A commitment's party is a party to its agreement",
    severity="error",
    kind="format",
    confidence="confirmed",
    source=_SOURCE,
    url=_URL,
    explanation=(
        "Under a convention, only its signatories commit (a contract creates "
        "obligations only between its parties, Code civil, art. 1199): the "
        "`party` of each commitment must be one of the agreement's `parties`."
    ),
    check=_commitment_parties,
    applies_to=("agreements",),
    failing_example=Example(build=_ref005_fails, paths=("$.agreements[0].commitments[0].party",)),
    passing_example=Example(build=_ref005_passes),
)


RULES: tuple[Rule, ...] = (
    REF001,
    REF002,
    REF003,
    REF004,
    REF005,
)

THEMES: tuple[Theme, ...] = (Theme(prefix="REF", title="References", rules=RULES),)
