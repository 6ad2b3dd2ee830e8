"""The communes of the collectivités d'outre-mer, as INSEE's Code officiel géographique lists them.

Saint-Pierre-et-Miquelon, Saint-Barthélemy, Saint-Martin, the Terres australes
et antarctiques françaises, Wallis-et-Futuna, Polynésie française,
Nouvelle-Calédonie and Clipperton have COG codes of their own
(<https://www.insee.fr/fr/information/2028040>) but no département or région.
The list of communes (or districts, for the TAAF and Wallis-et-Futuna) is
INSEE's, as the ``collectivites-outremer.csv`` source of the
``decoupage-administratif`` data package of data.gouv.fr (2026) reproduces it.
It is shipped with the package: nothing is downloaded.
"""

from __future__ import annotations

import types
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["COLLECTIVITES", "COMMUNES"]

COLLECTIVITES: Final[Mapping[str, str]] = types.MappingProxyType(
    {
        "975": "Saint-Pierre-et-Miquelon",
        "977": "Saint-Barthélemy",
        "978": "Saint-Martin",
        "984": "Terres australes et antarctiques françaises",
        "986": "Wallis-et-Futuna",
        "987": "Polynésie française",
        "988": "Nouvelle-Calédonie",
        "989": "Clipperton",
    }
)
"""The COG code of each collectivité d'outre-mer, with its name."""

COMMUNES: Final[Mapping[str, str]] = types.MappingProxyType(
    {
        "97501": "Miquelon-Langlade",
        "97502": "Saint-Pierre",
        "97701": "Saint-Barthélemy",
        "97801": "Saint-Martin",
        "98411": "Îles Saint-Paul et Nouvelle-Amsterdam",
        "98412": "Archipel des Kerguelen",
        "98413": "Archipel des Crozet",
        "98414": "La Terre-Adélie",
        "98415": "Îles Éparses de l'océan Indien",
        "98611": "Alo",
        "98612": "Sigave",
        "98613": "Uvea",
        "98711": "Anaa",
        "98712": "Arue",
        "98713": "Arutua",
        "98714": "Bora-Bora",
        "98715": "Faaa",
        "98716": "Fakarava",
        "98717": "Fangatau",
        "98718": "Fatu-Hiva",
        "98719": "Gambier",
        "98720": "Hao",
        "98721": "Hikueru",
        "98722": "Hitiaa O Te Ra",
        "98723": "Hiva-Oa",
        "98724": "Huahine",
        "98725": "Mahina",
        "98726": "Makemo",
        "98727": "Manihi",
        "98728": "Maupiti",
        "98729": "Moorea-Maiao",
        "98730": "Napuka",
        "98731": "Nuku-Hiva",
        "98732": "Nukutavake",
        "98733": "Paea",
        "98734": "Papara",
        "98735": "Papeete",
        "98736": "Pirae",
        "98737": "Pukapuka",
        "98738": "Punaauia",
        "98739": "Raivavae",
        "98740": "Rangiroa",
        "98741": "Rapa",
        "98742": "Reao",
        "98743": "Rimatara",
        "98744": "Rurutu",
        "98745": "Tahaa",
        "98746": "Tahuata",
        "98747": "Taiarapu-Est",
        "98748": "Taiarapu-Ouest",
        "98749": "Takaroa",
        "98750": "Taputapuatea",
        "98751": "Tatakoto",
        "98752": "Teva I Uta",
        "98753": "Tubuai",
        "98754": "Tumaraa",
        "98755": "Tureia",
        "98756": "Ua-Huka",
        "98757": "Ua-Pou",
        "98758": "Uturoa",
        "98801": "Belep",
        "98802": "Bouloupari",
        "98803": "Bourail",
        "98804": "Canala",
        "98805": "Dumbéa",
        "98806": "Farino",
        "98807": "Hienghène",
        "98808": "Houaïlou",
        "98809": "L'Île-des-Pins",
        "98810": "Kaala-Gomen",
        "98811": "Koné",
        "98812": "Koumac",
        "98813": "La Foa",
        "98814": "Lifou",
        "98815": "Maré",
        "98816": "Moindou",
        "98817": "Le Mont-Dore",
        "98818": "Nouméa",
        "98819": "Ouégoa",
        "98820": "Ouvéa",
        "98821": "Païta",
        "98822": "Poindimié",
        "98823": "Ponérihouen",
        "98824": "Pouébo",
        "98825": "Pouembout",
        "98826": "Poum",
        "98827": "Poya",
        "98828": "Sarraméa",
        "98829": "Thio",
        "98830": "Touho",
        "98831": "Voh",
        "98832": "Yaté",
        "98833": "Kouaoua",
        "98901": "Île de Clipperton",
    }
)
"""The COG code of each commune of a collectivité d'outre-mer, with its name (94 codes)."""
