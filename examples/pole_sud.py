"""Pôle Sud (PTCE Sud Archer), Romans-sur-Isère (Drôme): a ptcekit model.

Run it with ``python examples/pole_sud.py`` to print a summary.

Sources (public pages):

- http://www.politis.fr/articles/2008/09/plantation-de-boulots-4502/
- https://www.archer.fr/le-groupe/histoire
- https://citego.org/bdf_fiche-document-319_es.html
- http://alternatives-economiques.org/node/66936
- http://wikiresilience.developpement-durable.gouv.fr/index.php/Le_groupe_Archer_%C3%A0_Romans_sur_Is%C3%A8re

Facts taken from the sources:

- the Archer association, founded in 1987 against exclusion after the collapse of the shoe
  industry, became a groupe économique solidaire in 1992 and the SAS "Groupe Archer" in 2007,
  open to shareholders;
- in 2007 it moved into a former textile building next to the Monnaie neighbourhood, named
  "Pôle Sud"; the pôle is co-led by Groupe Archer and the CRESS Rhône-Alpes, and was labelled
  in the 2013 State call for projects;
- tenants and members include La Nef, Adie, Initiative emploi Drôme-Vivarais and Arcoop (a CAE);
- pooled resources: premises, hosting, a showcase and resource centre, a business start-up
  programme ("Start-up de territoire", 2016);
- in 2011 it relaunched shoe making under the "Made in Romans" name (about 10 jobs, leather from
  the local Roux tannery).

Assumptions (not in the sources; change them when you know better):

- Groupe Archer is modelled as a ``Company`` WITHOUT ESS statutes: the sources say it is an SAS
  open to shareholders, not that its statutes carry the mentions of décret n° 2015-858. It is
  the pôle's enterprise outside the ESS (loi n° 2014-856 art. 9).
- The legal forms of the CRESS Rhône-Alpes, Adie and Initiative emploi Drôme-Vivarais
  (associations) and of La Nef (a cooperative bank) are general knowledge, not in the sources.
- Groupe Archer is taken as the sole owner of the building, of the resource centre, of the
  start-up programme and of the "Made in Romans" brand; the members as the users of the
  building and of the resource centre.
- The hosting agreement is inferred from the tenancy the sources describe; its terms (rent
  amounts, dates) are unknown and left empty.
- Dates the sources give by year only are written as 1 January of that year.
- The building's floor area is not in the sources, so it is left empty.
- No SIREN, SIRET or RNA is given: the real ones are not in the sources, and ptcekit examples
  never make identifiers up.

The document describes the pôle as of 2024-01-01.
"""

from __future__ import annotations

import datetime as dt

import ptcekit
from ptcekit import (
    Allocation,
    Association,
    Commitment,
    Company,
    Cooperative,
    Ecosystem,
    ImmaterialAsset,
    Membership,
    Ownership,
    PartnershipAgreement,
    Party,
    Period,
    Place,
    Pole,
    Share,
    SharedPremises,
    SharedService,
    Territory,
)
from ptcekit.analysis import summarize

#: The date the model describes.
AS_OF = dt.date(2024, 1, 1)
#: Romans-sur-Isère in the Code officiel géographique: commune 26281, in the Drôme (26),
#: in Auvergne-Rhône-Alpes (84).
ROMANS = "26281"

_SOURCES = (
    "public pages: "
    "http://www.politis.fr/articles/2008/09/plantation-de-boulots-4502/ ; "
    "https://www.archer.fr/le-groupe/histoire ; "
    "https://citego.org/bdf_fiche-document-319_es.html ; "
    "http://alternatives-economiques.org/node/66936 ; "
    "http://wikiresilience.developpement-durable.gouv.fr/index.php/"
    "Le_groupe_Archer_%C3%A0_Romans_sur_Is%C3%A8re"
)

_MEMBERS_USING_THE_BUILDING = ("groupe-archer", "la-nef", "adie", "initiative-emploi", "arcoop")


def _actors() -> tuple[ptcekit.Actor, ...]:
    return (
        Company(
            id="groupe-archer",
            name="Groupe Archer",
            form="sas",
            # an SAS open to shareholders: the sources do not say its statutes are ESS ones
            ess_statutes=False,
            seat=Place(commune=ROMANS),
            description=(
                "Founded as the Archer association in 1987 to fight exclusion after the collapse"
                " of the shoe industry; a groupe économique solidaire in 1992; an SAS open to"
                " shareholders since 2007."
            ),
        ),
        Association(
            id="cress-rhone-alpes",
            name="CRESS Rhône-Alpes",
            description="Chambre régionale de l'économie sociale et solidaire; co-leads the pôle.",
        ),
        Cooperative(
            id="arcoop",
            name="Arcoop",
            kind="cae",
            description="Coopérative d'activité et d'emploi, a tenant and member of Pôle Sud.",
        ),
        Cooperative(
            id="la-nef",
            name="La Nef",
            kind="banking",
            description="Cooperative ethical bank, a tenant and member of Pôle Sud.",
        ),
        Association(
            id="adie",
            name="Adie",
            description="Microcredit for business creation, a tenant and member of Pôle Sud.",
        ),
        Association(
            id="initiative-emploi",
            name="Initiative emploi Drôme-Vivarais",
            description="A tenant and member of Pôle Sud.",
        ),
    )


def _pole() -> Pole:
    return Pole(
        id="pole-sud",
        name="Pôle Sud (PTCE Sud Archer)",
        territory=Territory(
            name="Romans-sur-Isère", level="commune", codes=(ROMANS,), cog_year=2024
        ),
        founded=dt.date(2007, 1, 1),
        lead="groupe-archer",
        domains=("insertion", "création d'activités", "chaussure"),
        place=Place(commune=ROMANS, address="Pôle Sud, next to the Monnaie neighbourhood"),
        labels=("aap-ptce-2013",),
        strategy=(
            "Mutualisation of premises, hosting, a showcase and a resource centre, and"
            " coopération between ESS and other enterprises to create jobs in Romans after"
            " the collapse of the shoe industry: business start-up support and the relaunch"
            " of shoe making."
        ),
        memberships=(
            Membership(
                actor="groupe-archer", role="lead", period=Period(start=dt.date(2007, 1, 1))
            ),
            # the pôle is co-led by Groupe Archer and the CRESS
            Membership(actor="cress-rhone-alpes", role="lead"),
            Membership(actor="arcoop", role="member"),
            Membership(actor="la-nef", role="member"),
            Membership(actor="adie", role="member"),
            Membership(actor="initiative-emploi", role="member"),
        ),
        description=(
            "A former textile building in Romans-sur-Isère hosting ESS and other enterprises;"
            " labelled in the 2013 call for projects. More than 4,000 employees work across"
            " the structures involved."
        ),
    )


def _archer_owns(since: dt.date | None = None) -> tuple[Ownership, ...]:
    period = Period(start=since) if since is not None else None
    return (Ownership(actor="groupe-archer", share=Share.of(1), period=period),)


def _assets() -> tuple[ptcekit.MutualisedAsset, ...]:
    return (
        SharedPremises(
            id="pole-sud-building",
            name="Bâtiment Pôle Sud",
            owners=_archer_owns(dt.date(2007, 1, 1)),
            users=tuple(Allocation(actor=actor) for actor in _MEMBERS_USING_THE_BUILDING),
            place=Place(commune=ROMANS),
            pole="pole-sud",
            agreement="pole-sud-hosting",
            description="A former textile industrial building, occupied since 2007.",
        ),
        SharedService(
            id="resource-centre",
            name="Vitrine et centre de ressources",
            service="A showcase and resource centre for the pôle's members.",
            owners=_archer_owns(),
            users=tuple(Allocation(actor=actor) for actor in _MEMBERS_USING_THE_BUILDING),
            pole="pole-sud",
        ),
        SharedService(
            id="start-up-de-territoire",
            name="Start-up de territoire",
            service="A programme that helps people start businesses on the territory.",
            owners=_archer_owns(dt.date(2016, 1, 1)),
            users=(Allocation(actor="groupe-archer", period=Period(start=dt.date(2016, 1, 1))),),
            pole="pole-sud",
        ),
        ImmaterialAsset(
            id="made-in-romans",
            name="Made in Romans",
            kind="brand",
            owners=_archer_owns(dt.date(2011, 1, 1)),
            users=(Allocation(actor="groupe-archer", period=Period(start=dt.date(2011, 1, 1))),),
            pole="pole-sud",
            description=(
                "Shoes made in Romans again since 2011 (about 10 jobs, leather from the local"
                " Roux tannery, former Charles Jourdan workers)."
            ),
        ),
    )


def _agreements() -> tuple[PartnershipAgreement, ...]:
    tenants = ("la-nef", "adie", "initiative-emploi", "arcoop")
    return (
        PartnershipAgreement(
            id="pole-sud-hosting",
            title="Hébergement au Pôle Sud",
            kind="mutualisation",
            parties=(
                Party(actor="groupe-archer", role="host"),
                *(Party(actor=tenant, role="tenant") for tenant in tenants),
            ),
            commitments=(
                Commitment(
                    party="groupe-archer",
                    kind="asset_use",
                    asset="pole-sud-building",
                    description="premises and hosting",
                ),
                *(
                    Commitment(party=tenant, kind="money", recurrence="yearly", description="rent")
                    for tenant in tenants
                ),
            ),
            pole="pole-sud",
            description="Inferred from the tenancy the sources describe; the terms are unknown.",
        ),
    )


def build() -> Ecosystem:
    """Return the model of Pôle Sud as of 2024-01-01."""
    return Ecosystem(
        name="Pôle Sud, Romans-sur-Isère",
        as_of=AS_OF,
        source=_SOURCES,
        actors=_actors(),
        poles=(_pole(),),
        assets=_assets(),
        agreements=_agreements(),
    )


if __name__ == "__main__":
    print(summarize(build()), end="")
