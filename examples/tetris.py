"""TETRIS, Grasse (Alpes-Maritimes): a ptcekit model of a PTCE carried by a SCIC.

TETRIS stands for Transition Écologique Territoriale par la Recherche et l'Innovation Sociale.
Run it with ``python examples/tetris.py`` to print a summary.

Sources (public pages):

- https://studylibfr.com/doc/3714648/la-scic-tetris
- https://www.lejournaldesentreprises.com/region-sud/article/alpes-maritimes-tetris-experimente-linnovation-sociale-grasse-5986
- http://www.webtimemedias.com/article/grasse-tetris-...
- https://scic-tetris.org/statuts

Facts taken from the sources:

- TETRIS is carried by a SCIC; its members are the Communauté d'agglomération du Pays de
  Grasse, about 10 ESS structures and about 25 volunteers and researchers;
- member structures include Evaléco (éducation populaire and sustainable development),
  Résines (integration workshops), TEDEE (IT reuse), Choisir (bike workshop), La Drisse /
  SES Collectes Recyclage (an entreprise adaptée) and APESE (the local currency "Centifolia");
- since July 2015 it has a 1,500 m² shared building at La Marigarde, with an embedded applied
  research centre (linked with the GREDEC laboratory); since 2018 it also runs the tiers-lieu
  at Sainte-Marthe.

Assumptions (not in the sources; change them when you know better):

- La Drisse / SES Collectes Recyclage is modelled as a ``Company`` WITHOUT ESS statutes, and so
  as the pôle's enterprise outside the ESS (loi n° 2014-856 art. 9). The sources call it an
  entreprise adaptée, a status open to commercial companies, but do not give its legal form or
  say whether its statutes carry the ESS mentions of décret n° 2015-858. If they do, the
  sources name no enterprise outside the ESS in TETRIS.
- Evaléco, Résines, TEDEE, Choisir and APESE are modelled as associations: the sources call
  them ESS structures without giving their legal form.
- The SCIC's company form (SA, SARL or SAS) and capital are not in the sources and are left
  empty. Its categories of associés follow what the sources say (the agglomeration, the ESS
  structures, volunteers and researchers) plus the bénéficiaires and salariés that every SCIC
  has by law (loi n° 47-1775 art. 19 septies); their counts and shares are unknown.
- The applied research centre is run within the SCIC, so it is modelled as a research body of
  cooperative legal status; it is not a separate legal person in the sources.
- The SCIC is taken as the sole owner of the La Marigarde building and of the tiers-lieu service
  it runs; the member structures and the research centre as the building's users since July
  2015; the building's mutualisation agreement is inferred, its terms are unknown.
- Individual volunteers and researchers are not modelled one by one (personal data).
- No SIREN, SIRET or RNA is given: the real ones are not in the sources, and ptcekit examples
  never make identifiers up.

The document describes the pôle as of 2024-01-01.
"""

from __future__ import annotations

import datetime as dt

import ptcekit
from ptcekit import (
    AssociateCategory,
    Association,
    Commitment,
    Company,
    Cooperative,
    Ecosystem,
    Membership,
    Ownership,
    PartnershipAgreement,
    Party,
    Period,
    Place,
    Pole,
    PublicBody,
    ResearchBody,
    Share,
    SharedPremises,
    SharedService,
    Territory,
)
from ptcekit.analysis import summarize

#: The date the model describes.
AS_OF = dt.date(2024, 1, 1)
#: Grasse in the Code officiel géographique: commune 06069, in the Alpes-Maritimes (06),
#: in Provence-Alpes-Côte d'Azur (93).
GRASSE = "06069"
#: The shared building at La Marigarde opened in July 2015.
MARIGARDE_OPENED = dt.date(2015, 7, 1)

_SOURCES = (
    "public pages: "
    "https://studylibfr.com/doc/3714648/la-scic-tetris ; "
    "https://www.lejournaldesentreprises.com/region-sud/article/"
    "alpes-maritimes-tetris-experimente-linnovation-sociale-grasse-5986 ; "
    "http://www.webtimemedias.com/article/grasse-tetris-... ; "
    "https://scic-tetris.org/statuts"
)

#: The member structures the sources name, with what they do.
_ESS_STRUCTURES = (
    ("evaleco", "Evaléco", "Éducation populaire and sustainable development."),
    ("resines", "Résines", "Integration workshops (ateliers d'insertion)."),
    ("tedee", "TEDEE", "Reuse of IT equipment."),
    ("choisir", "Choisir", "A bike workshop."),
    ("apese", "APESE", 'Runs the local currency "Centifolia".'),
)
_LA_DRISSE = "la-drisse"
_RESEARCH_CENTRE = "tetris-research-centre"
_RESIDENTS = (*(key for key, _, _ in _ESS_STRUCTURES), _LA_DRISSE, _RESEARCH_CENTRE)


def _scic() -> Cooperative:
    return Cooperative(
        id="scic-tetris",
        name="SCIC TETRIS",
        kind="scic",
        seat=Place(commune=GRASSE),
        associates=(
            # every SCIC has these two categories by law (loi 1947 art. 19 septies)
            AssociateCategory(role="beneficiary", label="bénéficiaires"),
            AssociateCategory(role="employee", label="salariés"),
            AssociateCategory(role="public_authority", count=1, label="Communauté d'agglomération"),
            AssociateCategory(role="supporter", label="structures de l'ESS (about 10)"),
            AssociateCategory(role="volunteer", label="bénévoles et chercheurs (about 25)"),
        ),
        description="Société coopérative d'intérêt collectif carrying the TETRIS pôle.",
    )


def _actors() -> tuple[ptcekit.Actor, ...]:
    return (
        _scic(),
        PublicBody(id="capg", name="Communauté d'agglomération du Pays de Grasse", kind="epci"),
        *(Association(id=key, name=name, description=what) for key, name, what in _ESS_STRUCTURES),
        Company(
            id=_LA_DRISSE,
            name="La Drisse / SES Collectes Recyclage",
            # assumption: no ESS statutes are known (see the module docstring)
            ess_statutes=False,
            description="An entreprise adaptée (collection and recycling).",
        ),
        ResearchBody(
            id=_RESEARCH_CENTRE,
            name="Centre de recherche appliquée de TETRIS",
            # run within the SCIC: its status is the SCIC's
            legal_status="cooperative",
            description="Applied research centre in the La Marigarde building, linked with GREDEC.",
        ),
    )


def _pole() -> Pole:
    return Pole(
        id="tetris",
        name="TETRIS",
        territory=Territory(name="Grasse", level="commune", codes=(GRASSE,), cog_year=2024),
        lead="scic-tetris",
        legal_vehicle="scic-tetris",
        domains=("transition écologique", "innovation sociale", "réemploi"),
        place=Place(commune=GRASSE, address="La Marigarde, Grasse"),
        strategy=(
            "Transition écologique territoriale par la recherche et l'innovation sociale:"
            " mutualisation of a shared building and a tiers-lieu, and coopération between"
            " ESS structures, an enterprise adaptée, the agglomeration and researchers."
        ),
        memberships=(
            Membership(actor="scic-tetris", role="lead"),
            Membership(actor="capg", role="member"),
            *(Membership(actor=key, role="member") for key, _, _ in _ESS_STRUCTURES),
            Membership(actor=_LA_DRISSE, role="member"),
            Membership(actor=_RESEARCH_CENTRE, role="member"),
        ),
        description=(
            "About 10 ESS structures and about 25 volunteers and researchers, with the"
            " Communauté d'agglomération du Pays de Grasse, in a SCIC."
        ),
    )


def _assets() -> tuple[ptcekit.MutualisedAsset, ...]:
    since_2015 = Period(start=MARIGARDE_OPENED)
    return (
        SharedPremises(
            id="la-marigarde",
            name="Bâtiment de La Marigarde",
            area=1500,
            place=Place(commune=GRASSE, address="La Marigarde, Grasse"),
            owners=(Ownership(actor="scic-tetris", share=Share.of(1), period=since_2015),),
            users=(
                ptcekit.Allocation(actor="scic-tetris", period=since_2015),
                *(ptcekit.Allocation(actor=key, period=since_2015) for key in _RESIDENTS),
            ),
            pole="tetris",
            agreement="marigarde-mutualisation",
            description="A 1,500 m² shared building, in use since July 2015.",
        ),
        SharedService(
            id="tiers-lieu-sainte-marthe",
            name="Tiers-lieu de Sainte-Marthe",
            service="A tiers-lieu in the Sainte-Marthe quarter of Grasse, run by TETRIS.",
            owners=(
                Ownership(
                    actor="scic-tetris",
                    share=Share.of(1),
                    period=Period(start=dt.date(2018, 1, 1)),
                ),
            ),
            users=(
                ptcekit.Allocation(actor="scic-tetris", period=Period(start=dt.date(2018, 1, 1))),
            ),
            pole="tetris",
        ),
    )


def _agreements() -> tuple[PartnershipAgreement, ...]:
    return (
        PartnershipAgreement(
            id="marigarde-mutualisation",
            title="Mutualisation du bâtiment de La Marigarde",
            kind="mutualisation",
            parties=(
                Party(actor="scic-tetris", role="host"),
                *(Party(actor=key, role="resident") for key in _RESIDENTS),
            ),
            period=Period(start=MARIGARDE_OPENED),
            commitments=(
                Commitment(
                    party="scic-tetris",
                    kind="asset_use",
                    asset="la-marigarde",
                    description="shared building",
                ),
            ),
            pole="tetris",
            description="Inferred from the shared building the sources describe; terms unknown.",
        ),
    )


def build() -> Ecosystem:
    """Return the model of TETRIS as of 2024-01-01."""
    return Ecosystem(
        name="TETRIS, Grasse",
        as_of=AS_OF,
        source=_SOURCES,
        actors=_actors(),
        poles=(_pole(),),
        assets=_assets(),
        agreements=_agreements(),
    )


if __name__ == "__main__":
    print(summarize(build()), end="")
