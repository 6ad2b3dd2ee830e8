"""PTCE rules: the definition of loi n° 2014-856 art. 9 and the call criteria of décret n° 2015-431."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ptcekit.model import (
    Actor,
    Association,
    Company,
    Ecosystem,
    Grouping,
    GroupingKind,
    MemberRole,
    Membership,
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
from ptcekit.rules._engine import Context, Example, Finding, Rule

__all__ = ["RULES"]

_ART9 = "Loi n° 2014-856 du 31 juillet 2014, art. 9"
_DECREE = "Décret n° 2015-431 du 15 avril 2015, art. 1"

_ROMANS = Territory(name="Romans-sur-Isère", level="commune", codes=("26281",), cog_year=2024)


def _is_ess_enterprise(actor: Actor) -> bool:
    return actor.is_enterprise and actor.sector is Sector.ESS


def _is_other_enterprise(actor: Actor) -> bool:
    return actor.is_enterprise and actor.sector is not Sector.ESS


def _on(context: Context) -> str:
    return context.as_of.isoformat()


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
    return Company(id="roux", name="Tannerie Roux", seat=Place(commune="26281"))


def _agglo() -> PublicBody:
    return PublicBody(id="valence-romans-agglo", name="Valence Romans Agglo", kind="epci")


# --- PTCE001 ----------------------------------------------------------------


def _ess_and_other(context: Context) -> Iterator[Finding]:
    for p, pole in enumerate(context.ecosystem.poles):
        members = [member.actor for member in context.members(pole)]
        has_ess = any(_is_ess_enterprise(actor) for actor in members)
        has_other = any(_is_other_enterprise(actor) for actor in members)
        if has_ess and has_other:
            continue
        if not has_ess and not has_other:
            missing = "neither an ESS enterprise nor an enterprise outside the ESS"
        elif has_ess:
            missing = "no enterprise outside the ESS"
        else:
            missing = "no ESS enterprise"
        message = f"pôle {pole.id!r} has {missing} among its members on {_on(context)}"
        yield context.finding(message, f"$.poles[{p}].memberships", subject=pole.id)


def _ptce001_fails() -> Ecosystem:
    """Only ESS enterprises and a local authority: no other enterprise joins them."""
    return _pole_sud((_archer(), "lead"), (_agglo(), "partner"))


def _ptce001_passes() -> Ecosystem:
    """An association and a company, with the agglomeration as partner."""
    return _pole_sud((_archer(), "lead"), (_tannery(), "member"), (_agglo(), "partner"))


# --- PTCE002 ----------------------------------------------------------------


def _seats_outside(context: Context) -> Iterator[Finding]:
    for p, pole in enumerate(context.ecosystem.poles):
        territory = pole.territory
        if territory is None:
            continue
        for member in context.members(pole):
            seat = member.actor.seat
            if member.membership.role is MemberRole.PARTNER or seat is None:
                continue
            if territory.contains_commune(seat.commune) is False:
                message = (
                    f"member {member.actor.id!r} of pôle {pole.id!r} has its seat in commune "
                    f"{seat.commune}, outside the pôle's territory {territory.name!r} "
                    f"(COG {territory.cog_year})"
                )
                path = f"$.poles[{p}].memberships[{member.position}]"
                yield context.finding(message, path, subject=pole.id)


def _ptce002_fails() -> Ecosystem:
    """A member company seated in Grenoble (38185), outside Romans-sur-Isère."""
    grenoble = Company(id="alpes-cuir", name="Alpes Cuir", seat=Place(commune="38185"))
    return _pole_sud((_archer(), "lead"), (grenoble, "member"))


def _ptce002_passes() -> Ecosystem:
    """Members seated in Romans; a partner may sit elsewhere."""
    cress = Association(id="cress", name="CRESS Auvergne-Rhône-Alpes", seat=Place(commune="69381"))
    return _pole_sud((_archer(), "lead"), (_tannery(), "member"), (cress, "partner"))


# --- PTCE003 ----------------------------------------------------------------


def _no_territory(context: Context) -> Iterator[Finding]:
    for p, pole in enumerate(context.ecosystem.poles):
        if pole.territory is None:
            message = (
                f"pôle {pole.id!r} records no territory, so whether its members work on "
                "one same territory cannot be checked"
            )
            yield context.finding(message, f"$.poles[{p}].territory", subject=pole.id)


def _ptce003_fails() -> Ecosystem:
    """A pôle without a territory."""
    return Ecosystem(poles=(Pole(id="pole-sud", name="Pôle Sud"),))


def _ptce003_passes() -> Ecosystem:
    """A pôle on the commune of Romans-sur-Isère."""
    return Ecosystem(poles=(Pole(id="pole-sud", name="Pôle Sud", territory=_ROMANS),))


# --- PTCE004 ----------------------------------------------------------------


def _no_lead(context: Context) -> Iterator[Finding]:
    for p, pole in enumerate(context.ecosystem.poles):
        if pole.lead is not None:
            continue
        if any(m.role is MemberRole.LEAD and m.active_on(context.as_of) for m in pole.memberships):
            continue
        message = (
            f"pôle {pole.id!r} has no lead structure (structure porteuse) on {_on(context)}: "
            "no `lead` and no membership with the role 'lead'"
        )
        yield context.finding(message, f"$.poles[{p}].lead", subject=pole.id)


def _ptce004_fails() -> Ecosystem:
    """Two members, neither of them the lead."""
    return _pole_sud((_archer(), "member"), (_tannery(), "member"))


def _ptce004_passes() -> Ecosystem:
    """The pôle names its lead."""
    return _pole_sud((_archer(), "member"), (_tannery(), "member"), lead="archer")


# --- PTCE005 ----------------------------------------------------------------


def _nothing_shared(context: Context) -> Iterator[Finding]:
    for p, pole in enumerate(context.ecosystem.poles):
        if context.assets_of_pole(pole.id) or context.agreements_of_pole(pole.id):
            continue
        message = (
            f"pôle {pole.id!r} has no shared asset and no agreement: its strategy of "
            "mutualisation, coopération ou partenariat has nothing to show in the document"
        )
        yield context.finding(message, f"$.poles[{p}]", subject=pole.id)


def _ptce005_fails() -> Ecosystem:
    """A pôle that pools nothing and signed nothing."""
    return _pole_sud((_archer(), "lead"), (_tannery(), "member"))


def _ptce005_passes() -> Ecosystem:
    """The pôle pools its building."""
    eco = _pole_sud((_archer(), "lead"), (_tannery(), "member"))
    return eco.add(SharedPremises(id="batiment", name="Bâtiment Pôle Sud", pole="pole-sud"))


# --- CALL001 ----------------------------------------------------------------


def _private_legal_person(context: Context) -> Iterator[Finding]:
    for p, pole in enumerate(context.ecosystem.poles):
        path = f"$.poles[{p}].legal_vehicle"
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
        if not vehicle.is_legal_person or vehicle.sector is Sector.PUBLIC:
            what = "a natural person" if not vehicle.is_legal_person else "a public-law body"
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


# --- CALL002 ----------------------------------------------------------------


def _three_legal_persons(context: Context) -> Iterator[Finding]:
    for p, pole in enumerate(context.ecosystem.poles):
        legal = [m for m in context.members(pole) if m.actor.is_legal_person]
        if len(legal) < 3:
            message = (
                f"pôle {pole.id!r} has {len(legal)} legal-person member"
                f"{'' if len(legal) == 1 else 's'} on {_on(context)}; a State call for "
                "projects asks for at least 3"
            )
            yield context.finding(message, f"$.poles[{p}].memberships", subject=pole.id)


def _call002_fails() -> Ecosystem:
    """Two legal persons and a volunteer."""
    volunteer = Person(id="benevole", name="A. Bénévole")
    return _pole_sud((_archer(), "lead"), (_tannery(), "member"), (volunteer, "member"))


def _call002_passes() -> Ecosystem:
    """Three legal persons."""
    return _pole_sud((_archer(), "lead"), (_tannery(), "member"), (_agglo(), "partner"))


# --- CALL003 ----------------------------------------------------------------


def _mostly_outside_ess(context: Context, grouping: Grouping) -> bool:
    members = [context.actor(member) for member in grouping.members]
    known = [actor for actor in members if actor is not None]
    outside = sum(1 for actor in known if actor.sector is not Sector.ESS)
    return outside * 2 > len(known)


def _call_enterprises(context: Context) -> Iterator[Finding]:
    for p, pole in enumerate(context.ecosystem.poles):
        legal = [m.actor for m in context.members(pole) if m.actor.is_legal_person]
        has_ess = any(_is_ess_enterprise(actor) for actor in legal)
        has_other = any(
            _is_other_enterprise(actor)
            or (isinstance(actor, Grouping) and _mostly_outside_ess(context, actor))
            for actor in legal
        )
        missing = [
            what
            for what, present in (
                ("ESS enterprise", has_ess),
                ("enterprise outside the ESS (nor a grouping mostly of such)", has_other),
            )
            if not present
        ]
        if missing:
            message = (
                f"pôle {pole.id!r} has no {' and no '.join(missing)} among its "
                f"legal-person members on {_on(context)}; a State call for projects asks for "
                "at least one of each"
            )
            yield context.finding(message, f"$.poles[{p}].memberships", subject=pole.id)


def _call003_fails() -> Ecosystem:
    """The only other enterprise is an employer group made mostly of associations."""
    ge = Grouping(id="ge", name="GE Drôme", kind="employer_group", members=("archer", "cocagne"))
    cocagne = Association(id="cocagne", name="Jardins de Cocagne")
    eco = _pole_sud((_archer(), "lead"), (ge, "member"), (_agglo(), "partner"))
    return eco.add(cocagne)


def _call003_passes() -> Ecosystem:
    """A GIE of two companies and one association counts as the other enterprise."""
    gie = Grouping(id="gie", name="GIE Cuir", kind="gie", members=("roux", "jourdan", "archer"))
    jourdan = Company(id="jourdan", name="Ateliers Jourdan")
    eco = _pole_sud((_archer(), "lead"), (gie, "member"), (_agglo(), "partner"))
    return eco.add(_tannery(), jourdan)


# --- CALL004 ----------------------------------------------------------------


def _is_art9_partner(actor: Actor) -> bool:
    if isinstance(actor, PublicBody | ResearchBody | TrainingBody):
        return True
    return isinstance(actor, Grouping) and actor.kind is GroupingKind.GIP


def _call_partner(context: Context) -> Iterator[Finding]:
    for p, pole in enumerate(context.ecosystem.poles):
        if any(_is_art9_partner(m.actor) for m in context.members(pole)):
            continue
        message = (
            f"pôle {pole.id!r} has no local authority, research, higher-education or "
            f"training body among its members on {_on(context)}"
        )
        yield context.finding(message, f"$.poles[{p}].memberships", subject=pole.id)


def _call004_fails() -> Ecosystem:
    """Three enterprises and no art. 9 partner."""
    cocagne = Association(id="cocagne", name="Jardins de Cocagne")
    return _pole_sud((_archer(), "lead"), (_tannery(), "member"), (cocagne, "member"))


def _call004_passes() -> Ecosystem:
    """A training body joins."""
    school = TrainingBody(id="afpa", name="AFPA Romans", legal_status="public")
    return _pole_sud((_archer(), "lead"), (_tannery(), "member"), (school, "partner"))


_CALL_NOTE = (
    " This is an eligibility criterion for the State's calls for projects, not "
    "part of the legal definition: the rule is opt-in, selected with `CALL`. "
    "The décret's other criteria (an innovative project on an activity "
    "territory; no State support from a previous call) are not in the model's "
    "data, so no rule checks them."
)

RULES: tuple[Rule, ...] = (
    Rule(
        code="PTCE001",
        title="A pôle joins at least one ESS enterprise and one other enterprise",
        severity="error",
        kind="legal",
        confidence="high",
        source=_ART9,
        explanation=(
            "Art. 9 defines a PTCE as ESS enterprises (art. 1) that, on one "
            "territory, join with other enterprises. Among the pôle's members "
            "on the date, at least one must be an ESS enterprise (an "
            "association, foundation, mutual, cooperative, or a company with ESS "
            "statutes) and at least one an enterprise outside the ESS. Local "
            "authorities, research and training bodies and persons are partners "
            "« en lien avec » the pôle and count for neither. The text's plural "
            "could ask for more than one of each; reading it as at least one is "
            "[L] in ess-law.md (R5), but a pôle with none breaks every reading."
        ),
        check=_ess_and_other,
        applies_to="poles",
        failing_example=Example(build=_ptce001_fails, paths=("$.poles[0].memberships",)),
        passing_example=Example(build=_ptce001_passes),
    ),
    Rule(
        code="PTCE002",
        title="The pôle's members are seated on its territory",
        severity="warning",
        kind="heuristic",
        confidence="medium",
        source=_ART9,
        explanation=(
            "Art. 9 groups enterprises « sur un même territoire ». A member "
            "(other than a partner) whose registered office lies outside the "
            "pôle's territory is reported. The seat is only a proxy for where a "
            "structure works, hence a warning. Nothing is reported when the "
            "territory cannot tell (a territory given by EPCI), or when the "
            "pôle or the member records no place."
        ),
        check=_seats_outside,
        applies_to="poles",
        failing_example=Example(build=_ptce002_fails, paths=("$.poles[0].memberships[1]",)),
        passing_example=Example(build=_ptce002_passes),
    ),
    Rule(
        code="PTCE003",
        title="A pôle records its territory",
        severity="info",
        kind="heuristic",
        confidence="high",
        source=_ART9,
        explanation=(
            "Art. 9 places a PTCE on one territory. Without a `territory`, "
            "PTCE002 cannot check where the members are."
        ),
        check=_no_territory,
        applies_to="poles",
        failing_example=Example(build=_ptce003_fails, paths=("$.poles[0].territory",)),
        passing_example=Example(build=_ptce003_passes),
    ),
    Rule(
        code="PTCE004",
        title="A pôle has a lead structure",
        severity="warning",
        kind="heuristic",
        confidence="low",
        source="Labo de l'ESS, PTCE practice (ess-law.md §4.4); décret n° 2015-431",
        explanation=(
            "The law does not require a structure porteuse, but every PTCE of "
            "the reference examples has one, and a call for projects is carried "
            "by one legal person. A pôle with no `lead` and no membership of "
            "role `lead` on the date is reported."
        ),
        check=_no_lead,
        applies_to="poles",
        failing_example=Example(build=_ptce004_fails, paths=("$.poles[0].lead",)),
        passing_example=Example(build=_ptce004_passes),
    ),
    Rule(
        code="PTCE005",
        title="A pôle shares an asset or has an agreement",
        severity="warning",
        kind="heuristic",
        confidence="medium",
        source=_ART9,
        explanation=(
            "Art. 9 asks for a common and continuous strategy of "
            "« mutualisation, coopération ou partenariat ». A pôle that no asset "
            "and no agreement of the document names (by their `pole`) has "
            "nothing to show for it; the data may simply be incomplete, hence a "
            "warning."
        ),
        check=_nothing_shared,
        applies_to=("poles", "assets", "agreements"),
        failing_example=Example(build=_ptce005_fails, paths=("$.poles[0]",)),
        passing_example=Example(build=_ptce005_passes),
    ),
    Rule(
        code="CALL001",
        title="Call for projects: the pôle is a private-law legal person",
        severity="error",
        kind="funding",
        confidence="high",
        source=f"{_DECREE}, 1°",
        explanation=(
            "A PTCE applying to a State call for projects must be a private-law "
            "legal person: its `legal_vehicle` must name a legal person that is "
            "not a public body." + _CALL_NOTE
        ),
        check=_private_legal_person,
        applies_to="poles",
        opt_in=True,
        failing_example=Example(build=_call001_fails, paths=("$.poles[0].legal_vehicle",)),
        passing_example=Example(build=_call001_passes),
    ),
    Rule(
        code="CALL002",
        title="Call for projects: at least three legal-person members",
        severity="error",
        kind="funding",
        confidence="high",
        source=f"{_DECREE}, 2°",
        explanation=(
            "A PTCE applying to a State call for projects is made up of at least "
            "three legal persons; natural persons do not count." + _CALL_NOTE
        ),
        check=_three_legal_persons,
        applies_to="poles",
        opt_in=True,
        failing_example=Example(build=_call002_fails, paths=("$.poles[0].memberships",)),
        passing_example=Example(build=_call002_passes),
    ),
    Rule(
        code="CALL003",
        title="Call for projects: an ESS enterprise and a non-ESS enterprise",
        severity="error",
        kind="funding",
        confidence="high",
        source=f"{_DECREE}, 2°",
        explanation=(
            "Among its legal-person members, a candidate PTCE has at least one "
            "ESS enterprise and at least one enterprise whose statutes are not "
            "ESS, or a grouping of enterprises whose members are mostly not "
            "ESS." + _CALL_NOTE
        ),
        check=_call_enterprises,
        applies_to="poles",
        opt_in=True,
        failing_example=Example(build=_call003_fails, paths=("$.poles[0].memberships",)),
        passing_example=Example(build=_call003_passes),
    ),
    Rule(
        code="CALL004",
        title="Call for projects: another person listed in art. 9",
        severity="warning",
        kind="funding",
        confidence="low",
        source=f"{_DECREE}, 2°; {_ART9}",
        explanation=(
            "A candidate PTCE also counts « une autre personne » of art. 9: a "
            "local authority or grouping, a research centre, a higher-education "
            "or research body, a training body. Art. 9 ends its list with « toute "
            "autre personne physique ou morale », so reading the criterion as "
            "one of the named kinds (a public body, a research or training "
            "body, a GIP) is ptcekit's inference: a warning." + _CALL_NOTE
        ),
        check=_call_partner,
        applies_to="poles",
        opt_in=True,
        failing_example=Example(build=_call004_fails, paths=("$.poles[0].memberships",)),
        passing_example=Example(build=_call004_passes),
    ),
)
