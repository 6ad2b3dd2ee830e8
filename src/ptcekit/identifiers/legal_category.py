"""INSEE catégories juridiques (level III, 4 digits), with the family each belongs to.

The table holds every level-III code of INSEE's current nomenclature of
catégories juridiques (<https://www.insee.fr/fr/information/2028129>), with
INSEE's labels: 260 codes, from ``0000`` (OPCVM sans personnalité morale) to
``9970``, including the codes of legal persons of foreign law (``3xxx``), which
form their own family. Three codes INSEE's current list no longer has (5498
SARL unipersonnelle, 5720 SASU, 6588 société civile laitière) are kept for
historical Sirene data and flagged :attr:`LegalCategory.legacy`: the current
list codes single-member SARL and SAS under 5499 and 5710.

INSEE has no code for a SCIC, a SCOP SAS or a CAE: a SCIC is recorded under its
company form (5460, 5560, 5660, or 5710 for an SAS). The register of INPI (the
Registre national des entreprises) uses codes of its own in the same 4-digit
space, such as 5462 (SCIC SARL), 5463 (CAE SARL) or 5467 (SCOP SARL): they are
not INSEE catégories juridiques and must not be recorded as ``legal_category``.
Beware too of lists that map 5570 to "SCIC": 5570 is an SPFPL SA.

The family groups codes by legal form. Cooperatives, mutuals, associations and
foundations belong to the ESS by their form (`loi n° 2014-856 du 31 juillet 2014,
art. 1 II 1° <https://www.legifrance.gouv.fr/loda/id/JORFTEXT000029313296>`_),
provided they are legal persons (art. 1 I: "personnes morales de droit privé"):
an association non déclarée (9210) is not. A company such as an SARL (5499) or
an SAS (5710) is in the ESS only if its statuts say so, which its code alone
never shows.

>>> from ptcekit.identifiers import legal_category
>>> legal_category.label("5458")
'SARL coopérative de production (SCOP)'
>>> legal_category.family("9220")
<LegalFamily.ASSOCIATION: 'association'>
>>> legal_category.lookup("5710").ess_by_form
False
>>> legal_category.lookup("9210").ess_by_form
False
>>> legal_category.family("3120")
<LegalFamily.FOREIGN: 'foreign'>
>>> legal_category.lookup("5720").legacy
True
>>> legal_category.validate("5580")  # doctest: +ELLIPSIS
Traceback (most recent call last):
    ...
ptcekit.errors.InvalidComponent: invalid catégorie juridique '5580': not a catégorie juridique ...
"""

from __future__ import annotations

import enum
import re
import types
from typing import TYPE_CHECKING, Final

import attrs

from ptcekit.errors import InvalidComponent, InvalidFormat, InvalidLength
from ptcekit.identifiers._common import as_text, passes

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = [
    "COMPACT_FORM",
    "COMPACT_PATTERN",
    "KIND",
    "TABLE",
    "LegalCategory",
    "LegalFamily",
    "compact",
    "family",
    "format",
    "is_valid",
    "is_well_formed",
    "label",
    "lookup",
    "validate",
]

KIND: Final = "catégorie juridique"
#: The compact form the wire carries, as a regular expression: ``compact``
#: leaves every string it matches unchanged.
COMPACT_PATTERN: Final = "[0-9]{4}"
#: :data:`COMPACT_PATTERN` in words, for messages.
COMPACT_FORM: Final = "an INSEE catégorie juridique of 4 digits such as '9220'"
_LENGTH: Final = 4
_DIGITS: Final = re.compile(r"[0-9]{4}")


class LegalFamily(enum.StrEnum):
    """The broad legal form a catégorie juridique belongs to."""

    COOPERATIVE = "cooperative"
    """A coopérative or union of coopératives, including cooperative banks."""
    MUTUAL = "mutual"
    """A mutuelle, a société d'assurance mutuelle or another mutualist body."""
    ASSOCIATION = "association"
    """An association (loi 1901 or Alsace-Moselle local law), 9223 groupement d'employeurs, 9240 congrégation.

    9240 (congrégation, loi 1901 titre III) is counted here, and so as ESS by
    form, as ptcekit's reading: INSEE files it with the associations "ou
    assimilés", and no text names congrégations in art. 1 of loi n° 2014-856.
    """
    FOUNDATION = "foundation"
    """A fondation."""
    GROUPING = "grouping"
    """A private-law grouping of enterprises: GIE, GEIE, private GCS."""
    PUBLIC = "public"
    """A public-law legal person (every 4xxx and 7xxx code), including GIP and public GCS."""
    FOREIGN = "foreign"
    """A legal person of foreign law or an international organisation (every 3xxx code)."""
    COMPANY = "company"
    """A commercial or civil company, or an entrepreneur individuel."""
    OTHER_PRIVATE = "other_private"
    """Another private-law body: trade union, social-security fund, indivision, AARPI…"""


_ESS_BY_FORM: Final = frozenset(
    {
        LegalFamily.COOPERATIVE,
        LegalFamily.MUTUAL,
        LegalFamily.ASSOCIATION,
        LegalFamily.FOUNDATION,
    }
)


@attrs.frozen(kw_only=True)
class LegalCategory:
    """One level-III catégorie juridique of the INSEE nomenclature.

    Attributes:
        code: the 4-digit code, such as ``"9220"``.
        label: INSEE's French label, such as ``"Association déclarée"``.
        family: the broad legal form the code belongs to.
        legal_person: whether bodies of this category are legal persons
            (personnes morales); ``False`` for an entrepreneur individuel, the
            groupements "non dotés de la personnalité morale" (0000, 2xxx), an
            association non déclarée (9210), an AARPI (9224) and the écoles
            nationales non dotées de la personnalité morale (7190).
        legacy: whether the code is absent from INSEE's current list and kept
            only for historical data (5498, 5720, 6588).
    """

    code: str
    label: str
    family: LegalFamily
    legal_person: bool = True
    legacy: bool = False

    @property
    def ess_by_form(self) -> bool:
        """Whether the form alone puts the body in the ESS (loi n° 2014-856, art. 1 I and II 1°).

        ``True`` for cooperatives, mutuals, associations and foundations that
        are legal persons: art. 1 I opens the ESS to "personnes morales de
        droit privé", so an association non déclarée (9210) is not ESS by form.
        A ``False`` does not mean the body is outside the ESS: a commercial
        company whose statuts meet art. 1 I and II 2° belongs to it too.
        """
        return self.legal_person and self.family in _ESS_BY_FORM


_COOP: Final = LegalFamily.COOPERATIVE
_MUTUAL: Final = LegalFamily.MUTUAL
_ASSOC: Final = LegalFamily.ASSOCIATION
_FOUND: Final = LegalFamily.FOUNDATION
_GROUP: Final = LegalFamily.GROUPING
_PUBLIC: Final = LegalFamily.PUBLIC
_COMPANY: Final = LegalFamily.COMPANY
_OTHER: Final = LegalFamily.OTHER_PRIVATE

_FOREIGN: Final = LegalFamily.FOREIGN

# (code, INSEE label, family), in the order of INSEE's current niveau III list
# (https://www.insee.fr/fr/information/2028129), with the three legacy codes in place.
_ROWS: Final[tuple[tuple[str, str, LegalFamily], ...]] = (
    # 0 - Organisme de placement collectif en valeurs mobilières sans personnalité morale
    (
        "0000",
        "Organisme de placement collectif en valeurs mobilières sans personnalité morale",
        _OTHER,
    ),
    # 1 - Entrepreneur individuel
    ("1000", "Entrepreneur individuel", _COMPANY),
    # 2 - Groupement de droit privé non doté de la personnalité morale
    ("2110", "Indivision entre personnes physiques", _OTHER),
    ("2120", "Indivision avec personne morale", _OTHER),
    ("2210", "Société créée de fait entre personnes physiques", _OTHER),
    ("2220", "Société créée de fait avec personne morale", _OTHER),
    ("2310", "Société en participation entre personnes physiques", _OTHER),
    ("2320", "Société en participation avec personne morale", _OTHER),
    ("2385", "Société en participation de professions libérales", _OTHER),
    ("2400", "Fiducie", _OTHER),
    ("2700", "Paroisse hors zone concordataire", _OTHER),
    ("2800", "Assujetti unique à la TVA", _OTHER),
    ("2900", "Autre groupement de droit privé non doté de la personnalité morale", _OTHER),
    # 3 - Personne morale de droit étranger
    (
        "3110",
        (
            "Représentation ou agence commerciale d'état ou organisme public étranger"
            " immatriculé au RCS"
        ),
        _FOREIGN,
    ),
    ("3120", "Société commerciale étrangère immatriculée au RCS", _FOREIGN),
    ("3205", "Organisation internationale", _FOREIGN),
    ("3210", "État, collectivité ou établissement public étranger", _FOREIGN),
    ("3220", "Société étrangère non immatriculée au RCS", _FOREIGN),
    ("3290", "Autre personne morale de droit étranger", _FOREIGN),
    # 4 - Personne morale de droit public soumise au droit commercial
    (
        "4110",
        (
            "Établissement public national à caractère industriel ou commercial"
            " doté d'un comptable public"
        ),
        _PUBLIC,
    ),
    (
        "4120",
        (
            "Établissement public national à caractère industriel ou commercial"
            " non doté d'un comptable public"
        ),
        _PUBLIC,
    ),
    ("4130", "Exploitant public", _PUBLIC),
    ("4140", "Établissement public local à caractère industriel ou commercial", _PUBLIC),
    ("4150", "Régie d'une collectivité locale à caractère industriel ou commercial", _PUBLIC),
    ("4160", "Institution Banque de France", _PUBLIC),
    # 5 - Société commerciale
    ("5191", "Société de caution mutuelle", _COOP),
    ("5192", "Société coopérative de banque populaire", _COOP),
    ("5193", "Caisse de crédit maritime mutuel", _COOP),
    ("5194", "Caisse (fédérale) de crédit mutuel", _COOP),
    ("5195", "Association coopérative inscrite (droit local Alsace Moselle)", _COOP),
    ("5196", "Caisse d'épargne et de prévoyance à forme coopérative", _COOP),
    ("5202", "Société en nom collectif", _COMPANY),
    ("5203", "Société en nom collectif coopérative", _COOP),
    ("5306", "Société en commandite simple", _COMPANY),
    ("5307", "Société en commandite simple coopérative", _COOP),
    ("5308", "Société en commandite par actions", _COMPANY),
    ("5309", "Société en commandite par actions coopérative", _COOP),
    ("5310", "Société en libre partenariat (SLP)", _COMPANY),
    (
        "5370",
        (
            "Société de Participations Financières de Profession Libérale"
            " Société en commandite par actions (SPFPL SCA)"
        ),
        _COMPANY,
    ),
    ("5385", "Société d'exercice libéral en commandite par actions", _COMPANY),
    ("5410", "SARL nationale", _COMPANY),
    ("5415", "SARL d'économie mixte", _COMPANY),
    ("5422", "SARL immobilière pour le commerce et l'industrie (SICOMI)", _COMPANY),
    ("5426", "SARL immobilière de gestion", _COMPANY),
    ("5430", "SARL d'aménagement foncier et d'équipement rural (SAFER)", _COMPANY),
    ("5431", "SARL mixte d'intérêt agricole (SMIA)", _COMPANY),
    ("5432", "SARL d'intérêt collectif agricole (SICA)", _COOP),
    ("5442", "SARL d'attribution", _COMPANY),
    ("5443", "SARL coopérative de construction", _COOP),
    ("5451", "SARL coopérative de consommation", _COOP),
    ("5453", "SARL coopérative artisanale", _COOP),
    ("5454", "SARL coopérative d'intérêt maritime", _COOP),
    ("5455", "SARL coopérative de transport", _COOP),
    ("5458", "SARL coopérative de production (SCOP)", _COOP),
    ("5459", "SARL union de sociétés coopératives", _COOP),
    ("5460", "Autre SARL coopérative", _COOP),
    (
        "5470",
        (
            "Société de Participations Financières de Profession Libérale"
            " Société à responsabilité limitée (SPFPL SARL)"
        ),
        _COMPANY,
    ),
    ("5485", "Société d'exercice libéral à responsabilité limitée", _COMPANY),
    ("5498", "SARL unipersonnelle", _COMPANY),
    ("5499", "Société à responsabilité limitée (sans autre indication)", _COMPANY),
    ("5505", "SA à participation ouvrière à conseil d'administration", _COMPANY),
    ("5510", "SA nationale à conseil d'administration", _COMPANY),
    ("5515", "SA d'économie mixte à conseil d'administration", _COMPANY),
    ("5520", "Fonds à forme sociétale à conseil d'administration", _COMPANY),
    (
        "5522",
        "SA immobilière pour le commerce et l'industrie (SICOMI) à conseil d'administration",
        _COMPANY,
    ),
    ("5525", "SA immobilière d'investissement à conseil d'administration", _COMPANY),
    (
        "5530",
        "SA d'aménagement foncier et d'équipement rural (SAFER) à conseil d'administration",
        _COMPANY,
    ),
    (
        "5531",
        "Société anonyme mixte d'intérêt agricole (SMIA) à conseil d'administration",
        _COMPANY,
    ),
    ("5532", "SA d'intérêt collectif agricole (SICA) à conseil d'administration", _COOP),
    ("5542", "SA d'attribution à conseil d'administration", _COMPANY),
    ("5543", "SA coopérative de construction à conseil d'administration", _COOP),
    ("5546", "SA de HLM à conseil d'administration", _COMPANY),
    ("5547", "SA coopérative de production de HLM à conseil d'administration", _COOP),
    ("5548", "SA de crédit immobilier à conseil d'administration", _COMPANY),
    ("5551", "SA coopérative de consommation à conseil d'administration", _COOP),
    ("5552", "SA coopérative de commerçants-détaillants à conseil d'administration", _COOP),
    ("5553", "SA coopérative artisanale à conseil d'administration", _COOP),
    ("5554", "SA coopérative (d'intérêt) maritime à conseil d'administration", _COOP),
    ("5555", "SA coopérative de transport à conseil d'administration", _COOP),
    ("5558", "SA coopérative de production (SCOP) à conseil d'administration", _COOP),
    ("5559", "SA union de sociétés coopératives à conseil d'administration", _COOP),
    ("5560", "Autre SA coopérative à conseil d'administration", _COOP),
    (
        "5570",
        (
            "Société de Participations Financières de Profession Libérale Société anonyme"
            " à conseil d'administration (SPFPL SA à conseil d'administration)"
        ),
        _COMPANY,
    ),
    ("5585", "Société d'exercice libéral à forme anonyme à conseil d'administration", _COMPANY),
    ("5599", "SA à conseil d'administration (s.a.i.)", _COMPANY),
    ("5605", "SA à participation ouvrière à directoire", _COMPANY),
    ("5610", "SA nationale à directoire", _COMPANY),
    ("5615", "SA d'économie mixte à directoire", _COMPANY),
    ("5620", "Fonds à forme sociétale à directoire", _COMPANY),
    ("5622", "SA immobilière pour le commerce et l'industrie (SICOMI) à directoire", _COMPANY),
    ("5625", "SA immobilière d'investissement à directoire", _COMPANY),
    ("5630", "Safer anonyme à directoire", _COMPANY),
    ("5631", "SA mixte d'intérêt agricole (SMIA)", _COMPANY),
    ("5632", "SA d'intérêt collectif agricole (SICA)", _COOP),
    ("5642", "SA d'attribution à directoire", _COMPANY),
    ("5643", "SA coopérative de construction à directoire", _COOP),
    ("5646", "SA de HLM à directoire", _COMPANY),
    ("5647", "Société coopérative de production de HLM anonyme à directoire", _COOP),
    ("5648", "SA de crédit immobilier à directoire", _COMPANY),
    ("5651", "SA coopérative de consommation à directoire", _COOP),
    ("5652", "SA coopérative de commerçants-détaillants à directoire", _COOP),
    ("5653", "SA coopérative artisanale à directoire", _COOP),
    ("5654", "SA coopérative d'intérêt maritime à directoire", _COOP),
    ("5655", "SA coopérative de transport à directoire", _COOP),
    ("5658", "SA coopérative de production (SCOP) à directoire", _COOP),
    ("5659", "SA union de sociétés coopératives à directoire", _COOP),
    ("5660", "Autre SA coopérative à directoire", _COOP),
    (
        "5670",
        (
            "Société de Participations Financières de Profession Libérale Société anonyme"
            " à Directoire (SPFPL SA à directoire)"
        ),
        _COMPANY,
    ),
    ("5685", "Société d'exercice libéral à forme anonyme à directoire", _COMPANY),
    ("5699", "SA à directoire (s.a.i.)", _COMPANY),
    ("5710", "SAS, société par actions simplifiée", _COMPANY),
    (
        "5720",
        (
            "Société par actions simplifiée à associé unique"
            " ou société par actions simplifiée unipersonnelle"
        ),
        _COMPANY,
    ),
    (
        "5770",
        (
            "Société de Participations Financières de Profession Libérale"
            " Société par actions simplifiée (SPFPL SAS)"
        ),
        _COMPANY,
    ),
    ("5785", "Société d'exercice libéral par action simplifiée", _COMPANY),
    ("5800", "Société européenne", _COMPANY),
    # 6 - Autre personne morale immatriculée au RCS
    ("6100", "Caisse d'Épargne et de Prévoyance", _OTHER),
    ("6210", "Groupement européen d'intérêt économique (GEIE)", _GROUP),
    ("6220", "Groupement d'intérêt économique (GIE)", _GROUP),
    ("6316", "Coopérative d'utilisation de matériel agricole en commun (CUMA)", _COOP),
    ("6317", "Société coopérative agricole", _COOP),
    ("6318", "Union de sociétés coopératives agricoles", _COOP),
    ("6411", "Société d'assurance à forme mutuelle", _MUTUAL),
    ("6511", "Sociétés Interprofessionnelles de Soins Ambulatoires", _COMPANY),
    ("6521", "Société civile de placement collectif immobilier (SCPI)", _COMPANY),
    ("6532", "Société civile d'intérêt collectif agricole (SICA)", _COOP),
    ("6533", "Groupement agricole d'exploitation en commun (GAEC)", _COMPANY),
    ("6534", "Groupement foncier agricole", _COMPANY),
    ("6535", "Groupement agricole foncier", _COMPANY),
    ("6536", "Groupement forestier", _COMPANY),
    ("6537", "Groupement pastoral", _COMPANY),
    ("6538", "Groupement foncier et rural", _COMPANY),
    ("6539", "Société civile foncière", _COMPANY),
    ("6540", "Société civile immobilière", _COMPANY),
    ("6541", "Société civile immobilière de construction-vente", _COMPANY),
    ("6542", "Société civile d'attribution", _COMPANY),
    ("6543", "Société civile coopérative de construction", _COOP),
    ("6544", "Société civile immobilière d' accession progressive à la propriété", _COMPANY),
    ("6551", "Société civile coopérative de consommation", _COOP),
    ("6554", "Société civile coopérative d'intérêt maritime", _COOP),
    ("6558", "Société civile coopérative entre médecins", _COOP),
    ("6560", "Autre société civile coopérative", _COOP),
    ("6561", "SCP d'avocats", _COMPANY),
    ("6562", "SCP d'avocats aux conseils", _COMPANY),
    ("6563", "SCP d'avoués d'appel", _COMPANY),
    ("6564", "SCP d'huissiers", _COMPANY),
    ("6565", "SCP de notaires", _COMPANY),
    ("6566", "SCP de commissaires-priseurs", _COMPANY),
    ("6567", "SCP de greffiers de tribunal de commerce", _COMPANY),
    ("6568", "SCP de conseils juridiques", _COMPANY),
    ("6569", "SCP de commissaires aux comptes", _COMPANY),
    ("6571", "SCP de médecins", _COMPANY),
    ("6572", "SCP de dentistes", _COMPANY),
    ("6573", "SCP d'infirmiers", _COMPANY),
    ("6574", "SCP de masseurs-kinésithérapeutes", _COMPANY),
    ("6575", "SCP de directeurs de laboratoire d'analyse médicale", _COMPANY),
    ("6576", "SCP de vétérinaires", _COMPANY),
    ("6577", "SCP de géomètres experts", _COMPANY),
    ("6578", "SCP d'architectes", _COMPANY),
    ("6585", "Autre société civile professionnelle", _COMPANY),
    ("6588", "Société civile laitière", _COMPANY),
    ("6589", "Société civile de moyens", _COMPANY),
    ("6595", "Caisse locale de crédit mutuel", _COOP),
    ("6596", "Caisse de crédit agricole mutuel", _COOP),
    ("6597", "Société civile d'exploitation agricole", _COMPANY),
    ("6598", "Exploitation agricole à responsabilité limitée", _COMPANY),
    ("6599", "Autre société civile", _COMPANY),
    (
        "6901",
        "Autre personne de droit privé inscrite au registre du commerce et des sociétés",
        _OTHER,
    ),
    # 7 - Personne morale et organisme soumis au droit administratif
    ("7111", "Autorité constitutionnelle", _PUBLIC),
    ("7112", "Autorité administrative ou publique indépendante", _PUBLIC),
    ("7113", "Ministère", _PUBLIC),
    ("7120", "Service central d'un ministère", _PUBLIC),
    ("7150", "Service du ministère de la Défense", _PUBLIC),
    ("7160", "Service déconcentré à compétence nationale d'un ministère (hors Défense)", _PUBLIC),
    ("7171", "Service déconcentré de l'État à compétence (inter) régionale", _PUBLIC),
    ("7172", "Service déconcentré de l'État à compétence (inter) départementale", _PUBLIC),
    ("7179", "(Autre) Service déconcentré de l'État à compétence territoriale", _PUBLIC),
    ("7190", "Ecole nationale non dotée de la personnalité morale", _PUBLIC),
    ("7210", "Commune et commune nouvelle", _PUBLIC),
    ("7220", "Département", _PUBLIC),
    ("7225", "Collectivité et territoire d'Outre Mer", _PUBLIC),
    ("7229", "(Autre) Collectivité territoriale", _PUBLIC),
    ("7230", "Région", _PUBLIC),
    ("7312", "Commune associée et commune déléguée", _PUBLIC),
    ("7313", "Section de commune", _PUBLIC),
    ("7314", "Ensemble urbain", _PUBLIC),
    ("7321", "Association syndicale autorisée", _PUBLIC),
    ("7322", "Association foncière urbaine", _PUBLIC),
    ("7323", "Association foncière de remembrement", _PUBLIC),
    ("7331", "Établissement public local d'enseignement", _PUBLIC),
    ("7340", "Pôle métropolitain", _PUBLIC),
    ("7341", "Secteur de commune", _PUBLIC),
    ("7342", "District urbain", _PUBLIC),
    ("7343", "Communauté urbaine", _PUBLIC),
    ("7344", "Métropole", _PUBLIC),
    ("7345", "Syndicat intercommunal à vocation multiple (SIVOM)", _PUBLIC),
    ("7346", "Communauté de communes", _PUBLIC),
    ("7347", "Communauté de villes", _PUBLIC),
    ("7348", "Communauté d'agglomération", _PUBLIC),
    (
        "7349",
        "Autre établissement public local de coopération non spécialisé ou entente",
        _PUBLIC,
    ),
    ("7351", "Institution interdépartementale ou entente", _PUBLIC),
    ("7352", "Institution interrégionale ou entente", _PUBLIC),
    ("7353", "Syndicat intercommunal à vocation unique (SIVU)", _PUBLIC),
    ("7354", "Syndicat mixte fermé", _PUBLIC),
    ("7355", "Syndicat mixte ouvert", _PUBLIC),
    ("7356", "Commission syndicale pour la gestion des biens indivis des communes", _PUBLIC),
    ("7357", "Pôle d'équilibre territorial et rural (PETR)", _PUBLIC),
    ("7361", "Centre communal d'action sociale", _PUBLIC),
    ("7362", "Caisse des écoles", _PUBLIC),
    ("7363", "Caisse de crédit municipal", _PUBLIC),
    ("7364", "Établissement d'hospitalisation", _PUBLIC),
    ("7365", "Syndicat inter hospitalier", _PUBLIC),
    ("7366", "Établissement public local social et médico-social", _PUBLIC),
    ("7367", "Centre Intercommunal d'action sociale (CIAS)", _PUBLIC),
    ("7371", "Office public d'habitation à loyer modéré (OPHLM)", _PUBLIC),
    ("7372", "Service départemental d'incendie et de secours (SDIS)", _PUBLIC),
    ("7373", "Établissement public local culturel", _PUBLIC),
    ("7378", "Régie d'une collectivité locale à caractère administratif", _PUBLIC),
    ("7379", "(Autre) Établissement public administratif local", _PUBLIC),
    ("7381", "Organisme consulaire", _PUBLIC),
    ("7382", "Établissement public national ayant fonction d'administration centrale", _PUBLIC),
    (
        "7383",
        "Établissement public national à caractère scientifique culturel et professionnel",
        _PUBLIC,
    ),
    ("7384", "Autre établissement public national d'enseignement", _PUBLIC),
    (
        "7385",
        "Autre établissement public national administratif à compétence territoriale limitée",
        _PUBLIC,
    ),
    ("7389", "Établissement public national à caractère administratif", _PUBLIC),
    ("7410", "Groupement d'intérêt public (GIP)", _PUBLIC),
    ("7430", "Établissement public des cultes d'Alsace-Lorraine", _PUBLIC),
    ("7450", "Etablissement public administratif, cercle et foyer dans les armées", _PUBLIC),
    ("7470", "Groupement de coopération sanitaire à gestion publique", _PUBLIC),
    ("7490", "Autre personne morale de droit administratif", _PUBLIC),
    # 8 - Organisme privé spécialisé
    ("8110", "Régime général de la Sécurité Sociale", _OTHER),
    ("8120", "Régime spécial de Sécurité Sociale", _OTHER),
    ("8130", "Institution de retraite complémentaire", _OTHER),
    ("8140", "Mutualité sociale agricole", _OTHER),
    ("8150", "Régime maladie des non-salariés non agricoles", _OTHER),
    (
        "8160",
        "Régime vieillesse ne dépendant pas du régime général de la Sécurité Sociale",
        _OTHER,
    ),
    ("8170", "Régime d'assurance chômage", _OTHER),
    ("8190", "Autre régime de prévoyance sociale", _OTHER),
    ("8210", "Mutuelle", _MUTUAL),
    ("8250", "Assurance mutuelle agricole", _MUTUAL),
    ("8290", "Autre organisme mutualiste", _MUTUAL),
    ("8310", "Comité social économique d'entreprise", _OTHER),
    ("8311", "Comité social économique d'établissement", _OTHER),
    ("8410", "Syndicat de salariés", _OTHER),
    ("8420", "Syndicat patronal", _OTHER),
    ("8450", "Ordre professionnel ou assimilé", _OTHER),
    (
        "8470",
        "Centre technique industriel ou comité professionnel du développement économique",
        _OTHER,
    ),
    ("8490", "Autre organisme professionnel", _OTHER),
    ("8510", "Institution de prévoyance", _OTHER),
    ("8520", "Institution de retraite supplémentaire", _OTHER),
    # 9 - Groupement de droit privé
    ("9110", "Syndicat de copropriété", _OTHER),
    ("9150", "Association syndicale libre", _OTHER),
    ("9210", "Association non déclarée", _ASSOC),
    ("9220", "Association déclarée", _ASSOC),
    ("9221", "Association déclarée d'insertion par l'économique", _ASSOC),
    ("9222", "Association intermédiaire", _ASSOC),
    ("9223", "Groupement d'employeurs", _ASSOC),
    # an AARPI is a lawyers' practice without legal personality, not a loi 1901 association
    ("9224", "Association d'avocats à responsabilité professionnelle individuelle", _OTHER),
    ("9230", "Association déclarée, reconnue d'utilité publique", _ASSOC),
    ("9240", "Congrégation", _ASSOC),
    ("9260", "Association de droit local (Bas-Rhin, Haut-Rhin et Moselle)", _ASSOC),
    ("9300", "Fondation", _FOUND),
    ("9900", "Autre personne morale de droit privé", _OTHER),
    ("9970", "Groupement de coopération sanitaire à gestion privée", _GROUP),
)

#: Codes absent from INSEE's current list, kept for historical data.
_LEGACY: Final = frozenset({"5498", "5720", "6588"})

#: Codes whose bodies have no legal personality of their own.
_NOT_LEGAL_PERSONS: Final = frozenset(
    {"0000", "1000", "2110", "2120", "2210", "2220", "2310", "2320", "2385", "2400", "2700"}
    | {"2800", "2900", "7190", "9210", "9224"}
)

TABLE: Final[Mapping[str, LegalCategory]] = types.MappingProxyType(
    {
        code: LegalCategory(
            code=code,
            label=text,
            family=fam,
            legal_person=code not in _NOT_LEGAL_PERSONS,
            legacy=code in _LEGACY,
        )
        for code, text, fam in _ROWS
    }
)
"""Every catégorie juridique ptcekit knows, by code (read-only): INSEE's current list and the legacy codes."""


def _as_text(value: object) -> str:
    return as_text(KIND, value)


def compact(value: str) -> str:
    """Return ``value`` stripped of surrounding whitespace.

    Args:
        value: a catégorie juridique, such as ``" 9220 "``.

    Returns:
        The code; nothing is checked.

    Raises:
        InvalidFormat: ``value`` is not a string.
    """
    return _as_text(value).strip()


def validate(value: str) -> str:
    """Check a catégorie juridique against the table and return its compact form.

    Args:
        value: the code to check.

    Returns:
        The 4-digit code.

    Raises:
        InvalidFormat: ``value`` is not a string, or not 4 digits.
        InvalidLength: it does not have 4 characters.
        InvalidComponent: it is not in :data:`TABLE`.
    """
    code = compact(value)
    if len(code) != _LENGTH:
        reason = f"expected {_LENGTH} digits, got {len(code)} characters"
        raise InvalidLength(KIND, value, reason)
    if not _DIGITS.fullmatch(code):
        reason = f"expected {_LENGTH} digits"
        raise InvalidFormat(KIND, value, reason)
    if code not in TABLE:
        reason = "not a catégorie juridique in ptcekit's table of the INSEE nomenclature"
        raise InvalidComponent(KIND, value, reason)
    return code


def is_valid(value: object) -> bool:
    """Tell whether ``value`` is a catégorie juridique in the table; never raises.

    Args:
        value: anything.

    Returns:
        ``True`` if :func:`validate` accepts it.
    """
    return passes(validate, value)


def is_well_formed(value: object) -> bool:
    """Tell whether ``value`` has the shape of a catégorie juridique; never raises.

    For callers that must accept codes outside :data:`TABLE`, such as codes
    INSEE adds later.

    Args:
        value: anything.

    Returns:
        ``True`` for 4 digits (``"0000"`` included), in the table or not.
    """
    # str.strip, not value.strip: a subclass may override it, and this never raises
    return isinstance(value, str) and _DIGITS.fullmatch(str.strip(value)) is not None


def format(value: str) -> str:  # noqa: A001 -- the python-stdnum interface name
    """Return the catégorie juridique in its compact form.

    Args:
        value: the code to format.

    Returns:
        The 4-digit code.

    Raises:
        IdentifierError: ``value`` is not in the table (see :func:`validate`).
    """
    return validate(value)


def lookup(value: str) -> LegalCategory:
    """Return the table entry of a catégorie juridique.

    Args:
        value: the code to look up.

    Returns:
        Its :class:`LegalCategory`.

    Raises:
        IdentifierError: ``value`` is not in the table (see :func:`validate`).
    """
    return TABLE[validate(value)]


def label(value: str) -> str:
    """Return INSEE's French label of a catégorie juridique.

    Args:
        value: the code.

    Returns:
        The label, such as ``"Association déclarée"``.

    Raises:
        IdentifierError: ``value`` is not in the table (see :func:`validate`).
    """
    return lookup(value).label


def family(value: str) -> LegalFamily:
    """Return the family of a catégorie juridique.

    Args:
        value: the code.

    Returns:
        Its :class:`LegalFamily`.

    Raises:
        IdentifierError: ``value`` is not in the table (see :func:`validate`).
    """
    return lookup(value).family
