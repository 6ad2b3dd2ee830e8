"""PTCE rules: the definition of loi n° 2014-856 art. 9 and the call criteria of décret n° 2015-431 art. 3.

Who counts, in every rule of this module:

- the **enterprises** of art. 9 (the ESS enterprises and the enterprises they
  join) are the actors that hold, on the date, a membership of a role other
  than ``partner``; a ``partner`` is a person « en lien avec » the pôle (art. 9
  names local authorities, research centres, higher-education and training
  bodies, « ou toute autre personne physique ou morale »), never one of the
  enterprises, whatever its kind;
- research and training bodies are among the persons art. 9 names « en lien
  avec » the pôle, so they count for neither side, whatever their legal
  status; public bodies, GIPs and natural persons are no enterprises;
- a company is an ESS enterprise, an enterprise outside the ESS, or unknown,
  as :attr:`~ptcekit.model.Actor.in_ess` says; unknown never counts as
  "outside the ESS";
- a GIE or a groupement d'employeurs counts by its members (décret
  n° 2015-431 art. 3, 2°: « un groupement d'entreprises dès lors que la
  majorité de ses membres ne relèvent pas de l'économie sociale et
  solidaire »): outside the ESS when most of its declared members are,
  ESS when most are ESS, unknown when its members are missing or too many
  of them are unknown to tell, and neither when they are evenly split;
- each actor counts once, whatever number of memberships it has, so that one
  actor never fills two of the places décret n° 2015-431 art. 3, 2° lists.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
from collections.abc import Iterable, Iterator

import attrs

from ptcekit import geo
from ptcekit.model import (
    Actor,
    Association,
    Company,
    Ecosystem,
    Grouping,
    GroupingKind,
    MemberRole,
    Membership,
    Period,
    Person,
    Place,
    Pole,
    PublicBody,
    ResearchBody,
    Sector,
    SharedPremises,
    Territory,
    TrainingBody,
)
from ptcekit.rules._context import Context, Member
from ptcekit.rules._paths import Keys
from ptcekit.rules._report import Finding, Unchecked
from ptcekit.rules._rule import Example, LawVersion, Rule, Severity, Theme

__all__ = ["RULES", "THEMES"]

_ART9 = "Loi n° 2014-856 du 31 juillet 2014, art. 9, I"
_LOI_URL = "https://www.legifrance.gouv.fr/loda/id/JORFTEXT000029313296"
_DECREE = "Décret n° 2015-431 du 15 avril 2015, art. 3"
_DECREE_URL = "https://www.legifrance.gouv.fr/loda/id/JORFTEXT000030487441"
#: The décret was published in the Journal officiel of 17 April 2015 and fixes
#: no date of its own, so it is in force from the next day (C. civ. art. 1).
_DECREE_IN_FORCE = dt.date(2015, 4, 18)
_DECREE_LABEL = "décret n° 2015-431, in force since 18 April 2015"

#: A label of :attr:`~ptcekit.model.Pole.labels` that starts with this prefix,
#: then a year (``"aap-ptce-2013"``, ``"aap-ptce-2015"``), records that the
#: pôle won the State's call for projects of PTCE of that year.
STATE_CALL_LABEL_PREFIX = "aap-ptce-"

_ROMANS = Territory(name="Romans-sur-Isère", level="commune", codes=("26281",), cog_year=2024)

#: How many ids a message or a reason lists before it says "and N more".
_SHOWN = 3


_WHO_COUNTS = (
    " Who counts: the enterprises are the members on the date whose role is not "
    "`partner` (a partner is a person « en lien avec » the pôle, never one of the "
    "enterprises); research and training bodies, public bodies, GIPs and natural "
    "persons are no enterprises; a company counts by its statutes "
    "(`ess_statutes`), and unknown statutes count for neither side; a GIE or a "
    "groupement d'employeurs counts by the majority of its declared members "
    "(outside the ESS when most are, ESS when most are, neither when they are "
    "evenly split, unknown when its members are missing or too many are of "
    "unknown status); each actor counts once. Where the answer depends on what "
    "the document does not record, the report lists the check as not run "
    "instead of a finding."
)

_CALL_NOTE = (
    " This is an eligibility criterion for the State's calls for projects, not "
    "part of the legal definition: the rule is opt-in, selected with `CALL`, and "
    "runs only on dates from the décret's entry into force, 18 April 2015 (it "
    "was published in the Journal officiel of 17 April 2015 and fixes no date "
    "of its own). Art. 3's conditions 3° to 5° (an innovative project, a "
    "territory of activity and sustainable local development, a project that "
    "meets the call's specifications) are not in the model's data."
)


def _decree(source: str) -> tuple[LawVersion, ...]:
    """The one version of a call criterion: the décret, from its entry into force."""
    return (
        LawVersion(label=_DECREE_LABEL, start=_DECREE_IN_FORCE, source=source, url=_DECREE_URL),
    )


def _on(context: Context) -> str:
    return context.as_of.isoformat()


def _listed(items: Iterable[str]) -> str:
    shown = list(items)
    if len(shown) > _SHOWN:
        return f"{', '.join(shown[:_SHOWN])} and {len(shown) - _SHOWN} more"
    if len(shown) > 1:
        return f"{', '.join(shown[:-1])} and {shown[-1]}"
    return "".join(shown)


# --- who counts -------------------------------------------------------------


class _Side(enum.Enum):
    """Which side of art. 9 an enterprise is on."""

    ESS = "ESS"
    OTHER = "outside the ESS"
    UNKNOWN = "unknown"
    NEITHER = "neither"


def _live_poles(context: Context) -> Iterator[Pole]:
    """The pôles that exist on the date (founded, and not dissolved)."""
    day = context.as_of
    for pole in context.ecosystem.poles:
        if pole.founded is not None and day < pole.founded:
            continue
        if pole.dissolved is not None and day >= pole.dissolved:
            continue
        yield pole


def _distinct(members: Iterable[Member]) -> list[Member]:
    """Each actor once, at its first membership in the list."""
    seen: dict[str, Member] = {}
    for member in members:
        seen.setdefault(member.actor.id, member)
    return list(seen.values())


def _joined(context: Context, pole: Pole) -> list[Member]:
    """The actors that join the pôle on the date (a role other than partner), once each."""
    return _distinct(
        m for m in context.members(pole) if m.membership.role is not MemberRole.PARTNER
    )


def _everyone(context: Context, pole: Pole) -> list[Member]:
    """Every actor of the pôle on the date, partners included, once each.

    An actor with a partner membership and another one is taken at the other.
    """
    members = context.members(pole)
    joined = _joined(context, pole)
    ids = {m.actor.id for m in joined}
    partners = _distinct(m for m in members if m.actor.id not in ids)
    return joined + partners


def _grouping_side(context: Context, grouping: Grouping) -> _Side:
    known = [actor for actor in map(context.actor, grouping.members) if actor is not None]
    if not known:
        return _Side.UNKNOWN
    ess = sum(1 for actor in known if actor.in_ess is True)
    outside = sum(1 for actor in known if actor.in_ess is False)
    if outside * 2 > len(known):
        return _Side.OTHER
    if ess * 2 > len(known):
        return _Side.ESS
    if ess + outside < len(known):
        return _Side.UNKNOWN
    return _Side.NEITHER


def _side(context: Context, actor: Actor) -> _Side:
    """The side of art. 9 the actor counts on; NEITHER if it is no enterprise of art. 9."""
    if not actor.is_enterprise or isinstance(actor, ResearchBody | TrainingBody):
        return _Side.NEITHER
    if isinstance(actor, Grouping):
        return _grouping_side(context, actor)
    return {True: _Side.ESS, False: _Side.OTHER, None: _Side.UNKNOWN}[actor.in_ess]


def _why_unknown(context: Context, actor: Actor) -> str:
    """Why the ESS status of ``actor`` (of side UNKNOWN) is unknown."""
    if isinstance(actor, Grouping):
        if not any(context.actor(member) is not None for member in actor.members):
            return f"grouping {actor.id!r} records no member declared in the document"
        return f"too many members of grouping {actor.id!r} have an unknown ESS status"
    # a downstream kind may say "unknown" too, and may have no tag of its own
    kind = getattr(actor, "type_tag", type(actor).__name__)
    field = " (ess_statutes unknown)" if isinstance(actor, Company) else ""
    return f"{kind} {actor.id!r} records no ESS status{field}"


def _location(territory: Territory | None, actor: Actor) -> bool | None:
    """Whether the actor's seat lies in the territory; ``None`` when that cannot be told."""
    if territory is None or actor.seat is None:
        return None
    try:
        return territory.contains_commune(actor.seat.commune)
    except ValueError:  # a code the geography does not know: cannot tell, not "outside"
        return None


@functools.lru_cache(maxsize=1 << 16)  # the vintages never change, and seats repeat communes
def former_commune(code: str, year: int) -> geo.Commune | None:
    """The commune a former commune's code stands for in the COG ``year``; else ``None``.

    A former commune is a commune déléguée or associée, or a commune the vintage
    no longer lists but records as merged into another; ``None`` for a commune,
    an arrondissement municipal, or a code the vintage does not know.
    """
    whole = (geo.CommuneType.COM, geo.CommuneType.ARM)
    if geo.exists(code, year) and geo.commune(code, year).type in whole:
        return None
    try:
        return geo.commune_of(code, year)
    except geo.UnknownPlaceError:
        return None


def _named(commune: geo.Commune) -> str:
    return f"{commune.code} ({commune.name})"


def _why_unlocated(pole: Pole, actor: Actor) -> str:
    if pole.territory is None:
        return f"pôle {pole.id!r} records no territory"
    if actor.seat is None:
        return f"{actor.id!r} records no seat"
    return (
        f"territory {pole.territory.name!r} cannot tell whether commune "
        f"{actor.seat.commune} lies in it"
    )


def _by_side(context: Context, members: Iterable[Member]) -> dict[_Side, list[Member]]:
    found: dict[_Side, list[Member]] = {side: [] for side in _Side}
    for member in members:
        found[_side(context, member.actor)].append(member)
    return found


def _both_fillable(unknown: int, unlocated: int) -> bool:
    """Whether ``unknown`` actors of unknown side and ``unlocated`` others could fill both places.

    One actor fills at most one place, and only an actor of unknown side can
    be the ESS enterprise.
    """
    return unknown >= 1 and unknown + unlocated >= 2


# --- PTCE001 ----------------------------------------------------------------


@attrs.frozen
class _Places:
    """Who could fill the two places of art. 9 in a pôle on the date."""

    ess: list[Member]
    on_territory: list[Member]
    outside_territory: list[Member]
    unlocated: list[Member]
    unknown: list[Member]

    @classmethod
    def of(cls, context: Context, pole: Pole) -> _Places:
        sides = _by_side(context, _joined(context, pole))
        located: dict[bool | None, list[Member]] = {True: [], False: [], None: []}
        for member in sides[_Side.OTHER]:
            located[_location(pole.territory, member.actor)].append(member)
        return cls(
            sides[_Side.ESS], located[True], located[False], located[None], sides[_Side.UNKNOWN]
        )

    def undecided(self) -> bool:
        """Whether what is missing could be there, in data the document does not record."""
        if self.ess:
            return bool(self.unknown or self.unlocated)
        if self.on_territory:
            return bool(self.unknown)
        return _both_fillable(len(self.unknown), len(self.unlocated))


def _art9_unchecked(context: Context, pole: Pole, places: _Places, path: Keys) -> Unchecked:
    reasons = [_why_unknown(context, m.actor) for m in places.unknown]
    if not places.on_territory:
        reasons += [_why_unlocated(pole, m.actor) for m in places.unlocated]
    if not places.ess and not places.on_territory:
        what = "an ESS enterprise and an enterprise outside the ESS"
    else:
        what = "an ESS enterprise" if places.on_territory else "an enterprise outside the ESS"
    reason = (
        f"whether pôle {pole.id!r} has {what} on its territory on {_on(context)} "
        f"depends on what it does not record: {_listed(dict.fromkeys(reasons))}"
    )
    return context.unchecked(reason, path, subject=pole.id)


def _art9_finding(context: Context, pole: Pole, places: _Places, path: Keys) -> Finding:
    where = ""
    if not places.on_territory and places.outside_territory and pole.territory is not None:
        where = f" on its territory {pole.territory.name!r}"
    # say only what is certainly missing: an actor of unknown side, or an
    # enterprise whose seat cannot be placed, may still fill one place
    no_ess = not places.ess and not places.unknown
    no_other = not places.on_territory and not places.unknown and not places.unlocated
    if no_ess and no_other:
        missing = f"neither an ESS enterprise nor an enterprise outside the ESS{where}"
    elif no_other:
        missing = f"no enterprise outside the ESS{where}"
    elif no_ess:
        missing = "no ESS enterprise"
    else:
        missing = "at most one of an ESS enterprise and an enterprise outside the ESS"
    message = f"pôle {pole.id!r} has {missing} among its members on {_on(context)}"
    if where:
        seated = _listed(
            f"{m.actor.id!r} in {m.actor.seat.commune}"
            for m in places.outside_territory
            if m.actor.seat is not None
        )
        message += f": those it has are seated elsewhere ({seated})"
    return context.finding(message, path, subject=pole.id)


def _ess_and_other(context: Context) -> Iterator[Finding | Unchecked]:
    for pole in _live_poles(context):
        places = _Places.of(context, pole)
        if places.ess and places.on_territory:
            continue
        path = context.path_of(pole, "memberships")
        if places.undecided():
            yield _art9_unchecked(context, pole, places, path)
        else:
            yield _art9_finding(context, pole, places, path)


def _pole_sud(*members: tuple[Actor, MemberRole | str], **pole: object) -> Ecosystem:
    """Return a small Pôle Sud with ``members``, checked as of 30 June 2024."""
    return Ecosystem(
        as_of=dt.date(2024, 6, 30),
        actors=tuple(actor for actor, _ in members),
        poles=(
            Pole(
                id="pole-sud",
                name="Pôle Sud",
                territory=_ROMANS,
                memberships=tuple(Membership(actor=actor.id, role=role) for actor, role in members),
                **pole,  # type: ignore[arg-type]  # the examples pass Pole's own fields
            ),
        ),
    )


def _archer() -> Association:
    return Association(id="archer", name="Archer", seat=Place(commune="26281"))


def _tannery() -> Company:
    return Company(id="roux", name="Tannerie Roux", ess_statutes=False, seat=Place(commune="26281"))


def _agglo() -> PublicBody:
    return PublicBody(id="valence-romans-agglo", name="Valence Romans Agglo", kind="epci")


def _ptce001_fails() -> Ecosystem:
    """An association and a local authority: no enterprise outside the ESS joins them."""
    return _pole_sud((_archer(), "lead"), (_agglo(), "member"))


def _ptce001_passes() -> Ecosystem:
    """An association and a company without ESS statutes seated in Romans, with the agglomeration as partner."""
    return _pole_sud((_archer(), "lead"), (_tannery(), "member"), (_agglo(), "partner"))


PTCE001 = Rule(
    code="PTCE001",
    title="A pôle joins an ESS enterprise and an enterprise outside the ESS on its territory",
    severity="error",
    kind="legal",
    confidence="reading",
    source=_ART9,
    url=_LOI_URL,
    explanation=(
        "Art. 9, I defines a PTCE as « le regroupement sur un même territoire "
        "d'entreprises de l'économie sociale et solidaire […] qui s'associent à "
        "des entreprises, en lien avec des collectivités territoriales […] ». "
        "Among the pôle's members on the date, at least one must be an ESS "
        "enterprise (art. 1: an association, foundation, mutual, cooperative, or "
        "a commercial company with ESS statutes) and at least one an enterprise "
        "outside the ESS whose seat lies on the pôle's territory. Reading the "
        "text's plurals as « at least one » is ptcekit's reading; a pôle with "
        "none breaks every reading." + _WHO_COUNTS + " A pôle is checked only "
        "between its founding and its dissolution."
    ),
    check=_ess_and_other,
    applies_to=("poles", "actors"),
    failing_example=Example(build=_ptce001_fails, paths=("$.poles[0].memberships",)),
    passing_example=Example(build=_ptce001_passes),
)


# --- PTCE002 ----------------------------------------------------------------


def _seats_outside(context: Context) -> Iterator[Finding | Unchecked]:
    for pole in _live_poles(context):
        joined = _joined(context, pole)
        territory = pole.territory
        if territory is None:
            if joined:
                reason = (
                    f"pôle {pole.id!r} records no territory to check its members' seats against"
                )
                yield context.unchecked(reason, context.path_of(pole, "territory"), subject=pole.id)
            continue
        no_seat: list[str] = []
        cannot_tell: list[str] = []
        for member in joined:
            seat = member.actor.seat
            if seat is None:
                no_seat.append(repr(member.actor.id))
                continue
            where = _location(territory, member.actor)
            if where is None:
                cannot_tell.append(seat.commune)
                continue
            path = context.path_of(pole, "memberships", member.position)
            year = territory.geo_year
            heir = former_commune(seat.commune, year)
            if where is False:
                became = ""
                if heir is not None:
                    became = f" (a former commune, part of {_named(heir)} in the COG {year})"
                message = (
                    f"member {member.actor.id!r} of pôle {pole.id!r} has its seat in commune "
                    f"{seat.commune}{became}, outside the pôle's territory {territory.name!r} "
                    f"(COG {territory.cog_year})"
                )
                yield context.finding(message, path, subject=pole.id)
            elif heir is not None and seat.commune not in territory.codes:
                name = (
                    geo.commune(seat.commune, year).name if geo.exists(seat.commune, year) else ""
                )
                recorded = f"{seat.commune} ({name})" if name else seat.commune
                message = (
                    f"member {member.actor.id!r} of pôle {pole.id!r} has its seat recorded under "
                    f"{recorded}, a former commune, part of {_named(heir)} in the COG {year}: "
                    f"on the pôle's territory {territory.name!r} as {heir.code}"
                )
                yield context.finding(message, path, subject=pole.id, severity=Severity.INFO)
        reasons = []
        if no_seat:
            reasons.append(f"{_listed(no_seat)} record{'s' if len(no_seat) == 1 else ''} no seat")
        if cannot_tell:
            reasons.append(
                f"territory {territory.name!r} cannot tell whether "
                f"{_listed(dict.fromkeys(cannot_tell))} lie{'s' if len(cannot_tell) == 1 else ''} in it"
            )
        if reasons:
            reason = f"the seats of some members of pôle {pole.id!r}: {'; '.join(reasons)}"
            yield context.unchecked(reason, context.path_of(pole, "memberships"), subject=pole.id)


def _ptce002_fails() -> Ecosystem:
    """A member company seated in Grenoble (38185), outside Romans-sur-Isère."""
    grenoble = Company(id="alpes-cuir", name="Alpes Cuir", seat=Place(commune="38185"))
    return _pole_sud((_archer(), "lead"), (grenoble, "member"))


def _ptce002_passes() -> Ecosystem:
    """Members seated in Romans; a partner may sit elsewhere."""
    cress = Association(id="cress", name="CRESS Auvergne-Rhône-Alpes", seat=Place(commune="69381"))
    return _pole_sud((_archer(), "lead"), (_tannery(), "member"), (cress, "partner"))


PTCE002 = Rule(
    code="PTCE002",
    title="The pôle's members are seated on its territory",
    severity="warning",
    kind="heuristic",
    confidence="reading",
    source=_ART9,
    url=_LOI_URL,
    explanation=(
        "Art. 9, I groups enterprises « sur un même territoire ». A member "
        "(other than a partner, which may sit anywhere) whose registered office "
        "lies outside the pôle's territory is reported. The seat is only a proxy "
        "for where a structure works, hence a warning. The territory is read in "
        "the Code officiel géographique of its `cog_year` (the nearest vintage "
        "ptcekit ships when it has none of that year), at every level: communes, "
        "EPCI (by their member communes), départements and régions (those of "
        "before 2016 for a year before 2016). An arrondissement municipal lies in "
        "its commune; a seat recorded under the code of a former commune (a "
        "commune déléguée or associée, or a commune merged into a commune "
        "nouvelle) lies where the commune it became lies, and an info finding "
        "names that commune's code. When the pôle records no territory, a member "
        "no seat, or the territory cannot tell (a code unknown in the vintage, a "
        "territory that lists only part of the seat's commune), the report lists "
        "the check as not run."
    ),
    check=_seats_outside,
    applies_to=("poles", "actors"),
    failing_example=Example(build=_ptce002_fails, paths=("$.poles[0].memberships[1]",)),
    passing_example=Example(build=_ptce002_passes),
)


# --- PTCE003 ----------------------------------------------------------------


def _no_territory(context: Context) -> Iterator[Finding]:
    for pole in context.ecosystem.poles:
        if pole.territory is None:
            message = (
                f"pôle {pole.id!r} records no territory, so whether its members work on "
                "one same territory cannot be checked"
            )
            yield context.finding(message, context.path_of(pole, "territory"), subject=pole.id)


def _ptce003_fails() -> Ecosystem:
    """A pôle without a territory."""
    return Ecosystem(poles=(Pole(id="pole-sud", name="Pôle Sud"),))


def _ptce003_passes() -> Ecosystem:
    """A pôle on the commune of Romans-sur-Isère."""
    return Ecosystem(poles=(Pole(id="pole-sud", name="Pôle Sud", territory=_ROMANS),))


PTCE003 = Rule(
    code="PTCE003",
    title="A pôle records its territory",
    severity="info",
    kind="heuristic",
    confidence="reading",
    source=_ART9,
    url=_LOI_URL,
    explanation=(
        "Art. 9, I places a PTCE « sur un même territoire ». Without a "
        "`territory`, neither PTCE001 nor PTCE002 can check where the members "
        "are."
    ),
    check=_no_territory,
    applies_to="poles",
    failing_example=Example(build=_ptce003_fails, paths=("$.poles[0].territory",)),
    passing_example=Example(build=_ptce003_passes),
)


# --- PTCE004 ----------------------------------------------------------------


def _no_lead(context: Context) -> Iterator[Finding]:
    for pole in _live_poles(context):
        if pole.lead is not None:
            continue
        if any(m.role is MemberRole.LEAD and m.active_on(context.as_of) for m in pole.memberships):
            continue
        message = (
            f"pôle {pole.id!r} has no lead structure (structure porteuse) on {_on(context)}: "
            "no `lead` and no membership with the role 'lead'"
        )
        yield context.finding(message, context.path_of(pole, "lead"), subject=pole.id)


def _ptce004_fails() -> Ecosystem:
    """Two members, neither of them the lead."""
    return _pole_sud((_archer(), "member"), (_tannery(), "member"))


def _ptce004_passes() -> Ecosystem:
    """The pôle names its lead."""
    return _pole_sud((_archer(), "member"), (_tannery(), "member"), lead="archer")


PTCE004 = Rule(
    code="PTCE004",
    title="A pôle has a lead structure",
    severity="warning",
    kind="heuristic",
    confidence="reading",
    source=(
        "Practice of PTCE (a structure porteuse carries the pôle); no legal text "
        "requires one: neither loi n° 2014-856 art. 9 nor décret n° 2015-431 art. 3"
    ),
    url=_LOI_URL,
    explanation=(
        "No legal text requires a structure porteuse: art. 9 of loi n° 2014-856 "
        "defines the pôle by its members and its strategy, and décret "
        "n° 2015-431 asks a candidate to a call for projects to be a legal person "
        "of private law (CALL001), not to have a lead. But PTCE are carried in "
        "practice by one structure, and a model without one is usually "
        "incomplete. A pôle with no `lead` and no membership of role `lead` on "
        "the date is reported, as a warning."
    ),
    check=_no_lead,
    applies_to="poles",
    failing_example=Example(build=_ptce004_fails, paths=("$.poles[0].lead",)),
    passing_example=Example(build=_ptce004_passes),
)


# --- PTCE005 ----------------------------------------------------------------


def _nothing_shared(context: Context) -> Iterator[Finding]:
    for pole in context.ecosystem.poles:
        if pole.strategy is not None:
            continue
        if context.assets_of_pole(pole.id) or context.agreements_of_pole(pole.id):
            continue
        message = (
            f"pôle {pole.id!r} records no strategy, no shared asset and no agreement: its "
            "strategy of mutualisation, coopération ou partenariat has nothing to show in "
            "the document"
        )
        yield context.finding(message, context.path_of(pole), subject=pole.id)


def _ptce005_fails() -> Ecosystem:
    """A pôle that states no strategy, pools nothing and signed nothing."""
    return _pole_sud((_archer(), "lead"), (_tannery(), "member"))


def _ptce005_passes() -> Ecosystem:
    """The pôle pools its building."""
    eco = _pole_sud((_archer(), "lead"), (_tannery(), "member"))
    return eco.add(SharedPremises(id="batiment", name="Bâtiment Pôle Sud", pole="pole-sud"))


PTCE005 = Rule(
    code="PTCE005",
    title="A pôle states a strategy, shares an asset or has an agreement",
    severity="warning",
    kind="heuristic",
    confidence="reading",
    source=_ART9,
    url=_LOI_URL,
    explanation=(
        "Art. 9, I asks for « une stratégie commune et continue de "
        "mutualisation, de coopération ou de partenariat ». A pôle that records "
        "no `strategy`, and that no asset and no agreement of the document name "
        "(by their `pole`), has nothing to show for it; the data may simply be "
        "incomplete, hence a warning. Whether the strategy's content meets art. "
        "9 is not judged."
    ),
    check=_nothing_shared,
    applies_to=("poles", "assets", "agreements"),
    failing_example=Example(build=_ptce005_fails, paths=("$.poles[0]",)),
    passing_example=Example(build=_ptce005_passes),
)


# --- PTCE006 ----------------------------------------------------------------


def _outside_life(pole: Pole, period: Period) -> str | None:
    """What puts ``period`` outside the pôle's life, or ``None`` if nothing does."""
    founded, dissolved = pole.founded, pole.dissolved
    if founded is not None and period.start is not None and period.start < founded:
        return f"starts on {period.start.isoformat()}, before the pôle was founded on {founded}"
    if dissolved is not None and period.start is not None and period.start >= dissolved:
        return f"starts on {period.start.isoformat()}, after the pôle ceased on {dissolved}"
    if dissolved is not None and period.end is not None and period.end >= dissolved:
        return f"ends on {period.end.isoformat()}, after the pôle ceased on {dissolved}"
    return None


def _memberships_in_life(context: Context) -> Iterator[Finding]:
    for pole in context.ecosystem.poles:
        if pole.founded is None and pole.dissolved is None:
            continue
        for m, membership in enumerate(pole.memberships):
            if membership.period is None:
                continue
            what = _outside_life(pole, membership.period)
            if what is not None:
                message = f"the membership of {membership.actor!r} in pôle {pole.id!r} {what}"
                yield context.finding(
                    message, context.path_of(pole, "memberships", m, "period"), subject=pole.id
                )


def _joined_in(start: dt.date) -> Ecosystem:
    eco = _pole_sud((_archer(), "lead"), founded=dt.date(2007, 1, 1))
    membership = Membership(actor="roux", period=Period(start=start))
    pole = attrs.evolve(eco.poles[0], memberships=(*eco.poles[0].memberships, membership))
    return attrs.evolve(eco, actors=(*eco.actors, _tannery()), poles=(pole,))


def _ptce006_fails() -> Ecosystem:
    """A pôle founded in 2007 whose company member joined in 2005."""
    return _joined_in(dt.date(2005, 3, 1))


def _ptce006_passes() -> Ecosystem:
    """The company joined when the pôle was founded."""
    return _joined_in(dt.date(2007, 1, 1))


PTCE006 = Rule(
    code="PTCE006",
    title="Memberships lie within the pôle's life",
    severity="error",
    kind="format",
    confidence="confirmed",
    source=(
        "ptcekit document model: the dates of a pôle (`founded`, `dissolved`) "
        "bound those of its memberships"
    ),
    url="https://ptcekit.readthedocs.io/en/latest/reference/model.html",
    explanation=(
        "A membership cannot start before the pôle was founded, nor start or "
        "end on or after the day it ceased (`dissolved`, the day it no longer "
        "exists). An open-ended membership of a dissolved pôle ends with it and "
        "is not reported; a membership or a pôle whose dates are unknown is not "
        "checked."
    ),
    check=_memberships_in_life,
    applies_to="poles",
    failing_example=Example(build=_ptce006_fails, paths=("$.poles[0].memberships[1].period",)),
    passing_example=Example(build=_ptce006_passes),
)


# --- PTCE007 ----------------------------------------------------------------


def _lead_is_member(context: Context) -> Iterator[Finding]:
    for pole in _live_poles(context):
        if pole.lead is None or context.actor(pole.lead) is None:
            continue  # no lead: PTCE004; a lead that is no actor: REF001
        roles = {m.membership.role for m in context.members(pole) if m.actor.id == pole.lead}
        if roles - {MemberRole.PARTNER}:
            continue
        held = "only as a partner" if roles else "no membership"
        message = (
            f"the lead structure {pole.lead!r} of pôle {pole.id!r} holds {held} on "
            f"{_on(context)}: the structure that carries the pôle is expected among its members"
        )
        yield context.finding(message, context.path_of(pole, "lead"), subject=pole.id)


def _ptce007_fails() -> Ecosystem:
    """The pôle names as its lead a company that is not among its members."""
    eco = _pole_sud((_archer(), "member"), lead="roux")
    return eco.add(_tannery())


def _ptce007_passes() -> Ecosystem:
    """The lead is a member of the pôle."""
    return _pole_sud((_archer(), "lead"), (_tannery(), "member"), lead="archer")


PTCE007 = Rule(
    code="PTCE007",
    title="The lead structure is a member of the pôle",
    severity="warning",
    kind="heuristic",
    confidence="reading",
    source=(
        "Practice of PTCE (the structure porteuse is one of the pôle's members); "
        "no legal text requires it"
    ),
    url=_LOI_URL,
    explanation=(
        "The structure named by the pôle's `lead` carries it, and is expected "
        "among its members on the date, with a membership of a role other than "
        "`partner`. A lead that holds no membership on the date, or only a "
        "partner's one, is reported, as a warning: the document is probably "
        "incomplete. A lead that names no actor is REF001's."
    ),
    check=_lead_is_member,
    applies_to="poles",
    failing_example=Example(build=_ptce007_fails, paths=("$.poles[0].lead",)),
    passing_example=Example(build=_ptce007_passes),
)


# --- CALL001 ----------------------------------------------------------------


def _private_legal_person(context: Context) -> Iterator[Finding]:
    for pole in _live_poles(context):
        path = context.path_of(pole, "legal_vehicle")
        if pole.legal_vehicle is None:
            message = (
                f"pôle {pole.id!r} has no legal vehicle; a State call for projects asks "
                "for a private-law legal person"
            )
            yield context.finding(message, path, subject=pole.id)
            continue
        vehicle = context.actor(pole.legal_vehicle)
        if vehicle is None:
            continue  # REF001 reports it
        if isinstance(vehicle, Person):
            what = "a natural person"
        elif not vehicle.is_legal_person:
            what = "not a legal person (an entrepreneur individuel)"
        elif vehicle.sector is Sector.PUBLIC:
            what = "a public-law body"
        else:
            continue
        message = (
            f"the legal vehicle {vehicle.id!r} of pôle {pole.id!r} is {what}; a State "
            "call for projects asks for a private-law legal person"
        )
        yield context.finding(message, path, subject=pole.id)


def _call001_fails() -> Ecosystem:
    """The pôle is carried by the agglomeration itself."""
    return _pole_sud(
        (_archer(), "lead"),
        (_tannery(), "member"),
        (_agglo(), "partner"),
        legal_vehicle="valence-romans-agglo",
    )


def _call001_passes() -> Ecosystem:
    """The pôle is incorporated as an association."""
    return _pole_sud(
        (_archer(), "lead"),
        (_tannery(), "member"),
        (_agglo(), "partner"),
        legal_vehicle="archer",
    )


CALL001 = Rule(
    code="CALL001",
    title="Call for projects: the pôle is a private-law legal person",
    severity="error",
    kind="funding",
    confidence="confirmed",
    source=f"{_DECREE}, 1°",
    url=_DECREE_URL,
    versions=_decree(f"{_DECREE}, 1°"),
    explanation=(
        "« C'est une personne morale de droit privé »: a PTCE applying to a "
        "State call for projects has its `legal_vehicle`, a legal person that is "
        "not a public body (nor a natural person or an entrepreneur "
        "individuel)." + _CALL_NOTE
    ),
    check=_private_legal_person,
    applies_to=("poles", "actors"),
    opt_in=True,
    failing_example=Example(build=_call001_fails, paths=("$.poles[0].legal_vehicle",)),
    passing_example=Example(build=_call001_passes),
)


# --- CALL002 ----------------------------------------------------------------


def _three_legal_persons(context: Context) -> Iterator[Finding]:
    for pole in _live_poles(context):
        legal = [m for m in _everyone(context, pole) if m.actor.is_legal_person]
        if len(legal) < 3:
            message = (
                f"pôle {pole.id!r} has {len(legal)} legal-person member"
                f"{'' if len(legal) == 1 else 's'} on {_on(context)}; a State call for "
                "projects asks for at least 3"
            )
            yield context.finding(message, context.path_of(pole, "memberships"), subject=pole.id)


def _call002_fails() -> Ecosystem:
    """Two legal persons, a volunteer and an entrepreneur individuel."""
    volunteer = Person(id="benevole", name="A. Bénévole")
    cobbler = Company(id="cordonnier", name="Cordonnerie Martin", form="sole_trader")
    return _pole_sud(
        (_archer(), "lead"), (_tannery(), "member"), (volunteer, "member"), (cobbler, "member")
    )


def _call002_passes() -> Ecosystem:
    """Three legal persons: an association, a company and the agglomeration as partner."""
    return _pole_sud((_archer(), "lead"), (_tannery(), "member"), (_agglo(), "partner"))


CALL002 = Rule(
    code="CALL002",
    title="Call for projects: at least three legal-person members",
    severity="error",
    kind="funding",
    confidence="confirmed",
    source=f"{_DECREE}, 2°",
    url=_DECREE_URL,
    versions=_decree(f"{_DECREE}, 2°"),
    explanation=(
        "« Il est constitué de trois personnes morales ou plus »: among the "
        "pôle's members on the date, partners included (the décret counts the "
        "persons of art. 9 among them), at least three distinct legal persons. "
        "Natural persons and entrepreneurs individuels (`form='sole_trader'`) "
        "do not count; an actor with several memberships counts once." + _CALL_NOTE
    ),
    check=_three_legal_persons,
    applies_to=("poles", "actors"),
    opt_in=True,
    failing_example=Example(build=_call002_fails, paths=("$.poles[0].memberships",)),
    passing_example=Example(build=_call002_passes),
)


# --- CALL003 ----------------------------------------------------------------


def _call_enterprises(context: Context) -> Iterator[Finding | Unchecked]:
    for pole in _live_poles(context):
        legal = [m for m in _joined(context, pole) if m.actor.is_legal_person]
        sides = _by_side(context, legal)
        has_ess, has_other = bool(sides[_Side.ESS]), bool(sides[_Side.OTHER])
        if has_ess and has_other:
            continue
        unknown = sides[_Side.UNKNOWN]
        undecided = bool(unknown) if has_ess or has_other else _both_fillable(len(unknown), 0)
        path = context.path_of(pole, "memberships")
        if undecided:
            reason = (
                f"whether pôle {pole.id!r} has an ESS enterprise and an enterprise outside "
                f"the ESS on {_on(context)} depends on what it does not record: "
                f"{_listed(_why_unknown(context, m.actor) for m in unknown)}"
            )
            yield context.unchecked(reason, path, subject=pole.id)
            continue
        missing = [
            what
            for what, present in (
                ("ESS enterprise", has_ess),
                ("enterprise outside the ESS (nor a grouping mostly of such)", has_other),
            )
            if not present
        ]
        message = (
            f"pôle {pole.id!r} has no {' and no '.join(missing)} among its "
            f"legal-person members on {_on(context)}; a State call for projects asks for "
            "at least one of each"
        )
        yield context.finding(message, path, subject=pole.id)


def _call003_fails() -> Ecosystem:
    """The only grouping is an employer group of two associations: it counts as ESS, not as the other enterprise."""
    ge = Grouping(id="ge", name="GE Drôme", kind="employer_group", members=("archer", "cocagne"))
    cocagne = Association(id="cocagne", name="Jardins de Cocagne")
    eco = _pole_sud((_archer(), "lead"), (ge, "member"), (_agglo(), "partner"))
    return eco.add(cocagne)


def _call003_passes() -> Ecosystem:
    """A GIE of two companies without ESS statutes and one association counts as the other enterprise."""
    gie = Grouping(id="gie", name="GIE Cuir", kind="gie", members=("roux", "jourdan", "archer"))
    jourdan = Company(id="jourdan", name="Ateliers Jourdan", ess_statutes=False)
    eco = _pole_sud((_archer(), "lead"), (gie, "member"), (_agglo(), "partner"))
    return eco.add(_tannery(), jourdan)


CALL003 = Rule(
    code="CALL003",
    title="Call for projects: an ESS enterprise and an enterprise outside the ESS",
    severity="error",
    kind="funding",
    confidence="confirmed",
    source=f"{_DECREE}, 2°",
    url=_DECREE_URL,
    versions=_decree(f"{_DECREE}, 2°"),
    explanation=(
        "Among its legal-person members, « au moins : une entreprise d'économie "
        "sociale et solidaire au sens de l'article 1er […] ; une entreprise dont "
        "les statuts ne relèvent pas de l'économie sociale et solidaire […] ou "
        "un groupement d'entreprises dès lors que la majorité de ses membres ne "
        "relèvent pas de l'économie sociale et solidaire ». Each place takes a "
        "distinct actor: a grouping counts on one side only." + _WHO_COUNTS + _CALL_NOTE
    ),
    check=_call_enterprises,
    applies_to=("poles", "actors"),
    opt_in=True,
    failing_example=Example(build=_call003_fails, paths=("$.poles[0].memberships",)),
    passing_example=Example(build=_call003_passes),
)


# --- CALL004 ----------------------------------------------------------------


def _is_named_in_art9(actor: Actor) -> bool:
    """A local authority or public body, a research or training body, or a GIP."""
    if isinstance(actor, PublicBody | ResearchBody | TrainingBody):
        return True
    return isinstance(actor, Grouping) and actor.kind is GroupingKind.GIP


def _call_partner(context: Context) -> Iterator[Finding]:
    for pole in _live_poles(context):
        joined = {m.actor.id for m in _joined(context, pole)}
        # a kind art. 9 names is no enterprise, and a partner never counts as one
        # (see the module docstring): either fills a place of its own
        if any(
            member.actor.is_legal_person
            and (_is_named_in_art9(member.actor) or member.actor.id not in joined)
            for member in _everyone(context, pole)
        ):
            continue
        message = (
            f"pôle {pole.id!r} has no local authority, research, higher-education or "
            "training body, nor any other legal person « en lien avec » it (role "
            f"'partner'), among its members on {_on(context)}"
        )
        yield context.finding(message, context.path_of(pole, "memberships"), subject=pole.id)


def _call004_fails() -> Ecosystem:
    """Three enterprises, no art. 9 body and no partner."""
    cocagne = Association(id="cocagne", name="Jardins de Cocagne")
    return _pole_sud((_archer(), "lead"), (_tannery(), "member"), (cocagne, "member"))


def _call004_passes() -> Ecosystem:
    """A training body joins."""
    school = TrainingBody(id="afpa", name="AFPA Romans", legal_status="public")
    return _pole_sud((_archer(), "lead"), (_tannery(), "member"), (school, "member"))


CALL004 = Rule(
    code="CALL004",
    title="Call for projects: another person listed in art. 9",
    severity="warning",
    kind="funding",
    confidence="reading",
    source=f"{_DECREE}, 2°; loi n° 2014-856 du 31 juillet 2014, art. 9, I",
    url=_DECREE_URL,
    versions=_decree(f"{_DECREE}, 2°; loi n° 2014-856 du 31 juillet 2014, art. 9, I"),
    explanation=(
        "A candidate PTCE also counts « une autre personne prévue à l'article "
        "9 »: a local authority or grouping, a research centre, a "
        "higher-education or research body, a training body « ou toute autre "
        "personne physique ou morale ». ptcekit counts a legal person of a kind "
        "art. 9 names (a public body, a research or training body, a GIP) or "
        "any legal person whose role is `partner` (« en lien avec » the pôle); "
        "neither ever fills the places of the enterprises (CALL003). Art. 9's "
        "« toute autre personne » read to the letter would take in any further "
        "member, so this narrower reading is ptcekit's: a warning." + _CALL_NOTE
    ),
    check=_call_partner,
    applies_to=("poles", "actors"),
    opt_in=True,
    failing_example=Example(build=_call004_fails, paths=("$.poles[0].memberships",)),
    passing_example=Example(build=_call004_passes),
)


# --- CALL005 ----------------------------------------------------------------


def _calls_won(pole: Pole, day: dt.date) -> list[str]:
    """The labels of State calls for projects of PTCE the pôle won by ``day``'s year."""
    won = []
    for label in pole.labels:
        year = label.removeprefix(STATE_CALL_LABEL_PREFIX)
        if label.startswith(STATE_CALL_LABEL_PREFIX) and year.isdigit() and int(year) <= day.year:
            won.append(label)
    return won


def _no_previous_call(context: Context) -> Iterator[Finding | Unchecked]:
    for pole in _live_poles(context):
        path = context.path_of(pole, "labels")
        if not pole.labels:
            reason = (
                f"pôle {pole.id!r} records no labels, so whether it already won a State call "
                "for projects of PTCE cannot be told"
            )
            yield context.unchecked(reason, path, subject=pole.id)
            continue
        won = _calls_won(pole, context.as_of)
        if won:
            message = (
                f"pôle {pole.id!r} already won a State call for projects of PTCE "
                f"({', '.join(won)}); a project that the State already supported after a "
                "previous call cannot apply again"
            )
            yield context.finding(message, path, subject=pole.id)


def _call005_fails() -> Ecosystem:
    """Pôle Sud won the 2013 call for projects."""
    return _pole_sud((_archer(), "lead"), (_tannery(), "member"), labels=("aap-ptce-2013",))


def _call005_passes() -> Ecosystem:
    """A pôle whose only label records no State call."""
    return _pole_sud((_archer(), "lead"), (_tannery(), "member"), labels=("charte-rtes",))


CALL005 = Rule(
    code="CALL005",
    title="Call for projects: no State support after a previous call",
    severity="warning",
    kind="funding",
    confidence="reading",
    source=f"{_DECREE}, 6°",
    url=_DECREE_URL,
    versions=_decree(f"{_DECREE}, 6°"),
    explanation=(
        "« Son projet n'a pas déjà bénéficié d'un soutien de l'Etat à la suite "
        "d'un précédent appel à projets des pôles territoriaux de coopération "
        "économique. » The pôle's `labels` record the State calls for projects "
        f"it won as `{STATE_CALL_LABEL_PREFIX}` and the year: `aap-ptce-2013` "
        "and `aap-ptce-2015` for the two calls of 2013 and 2015. A label of a "
        "year up to the date's is reported. The décret speaks of the project, "
        "and the labels are the pôle's: a pôle that won before may apply with a "
        "new project, hence a warning. A pôle with no labels at all cannot be "
        "checked, and the report says so." + _CALL_NOTE
    ),
    check=_no_previous_call,
    applies_to="poles",
    opt_in=True,
    failing_example=Example(build=_call005_fails, paths=("$.poles[0].labels",)),
    passing_example=Example(build=_call005_passes),
)


RULES: tuple[Rule, ...] = (
    PTCE001,
    PTCE002,
    PTCE003,
    PTCE004,
    PTCE005,
    PTCE006,
    PTCE007,
    CALL001,
    CALL002,
    CALL003,
    CALL004,
    CALL005,
)

THEMES: tuple[Theme, ...] = (
    Theme(
        prefix="PTCE",
        title="Pôles territoriaux de coopération économique (art. 9)",
        rules=(
            PTCE001,
            PTCE002,
            PTCE003,
            PTCE004,
            PTCE005,
            PTCE006,
            PTCE007,
        ),
    ),
    Theme(
        prefix="CALL",
        title="State calls for projects (décret n° 2015-431, opt-in)",
        rules=(
            CALL001,
            CALL002,
            CALL003,
            CALL004,
            CALL005,
        ),
    ),
)
