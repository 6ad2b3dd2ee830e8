"""The model's closed vocabularies, as string enumerations with snake_case values.

Each member's value is its wire form; French legal names are given in the
docstrings.
"""

from __future__ import annotations

import enum

__all__ = [
    "AgreementKind",
    "AssetCategory",
    "AssociateRole",
    "BodyKind",
    "CommitmentKind",
    "CompanyForm",
    "CompanySize",
    "CooperativeKind",
    "CostSharingMethod",
    "GroupingKind",
    "ImmaterialKind",
    "LegalStatus",
    "MemberRole",
    "MutualKind",
    "PublicBodyKind",
    "Recurrence",
    "Renewal",
    "Sector",
    "TerritoryLevel",
    "VotingScheme",
]


class Sector(enum.StrEnum):
    """The triptych: every actor sits in one of three sectors.

    Derived by :attr:`ptcekit.model.Actor.sector` from the actor's kind and
    statutes, as loi n° 2014-856, art. 1 reads.
    """

    ESS = "ess"
    """Économie sociale et solidaire (art. 1 II 1° by legal form, or 2° by statutes)."""
    PRIVATE = "private"
    """Private, outside the ESS: commercial companies without ESS statutes, persons."""
    PUBLIC = "public"
    """The State, local authorities and public bodies."""


class TerritoryLevel(enum.StrEnum):
    """What a territory's COG codes are codes of."""

    COMMUNE = "commune"
    EPCI = "epci"
    """Établissement public de coopération intercommunale, by its SIREN."""
    DEPARTEMENT = "departement"
    REGION = "region"
    CUSTOM = "custom"
    """An area of its own, given as a set of communes."""


class CooperativeKind(enum.StrEnum):
    """The kind of a cooperative (loi n° 47-1775 and the laws of each category)."""

    SCOP = "scop"
    """Société coopérative et participative (loi n° 78-763)."""
    SCIC = "scic"
    """Société coopérative d'intérêt collectif (loi 1947, art. 19 quinquies ff.)."""
    CAE = "cae"
    """Coopérative d'activité et d'emploi (C. trav. L7331-1 ff.)."""
    AGRICULTURAL = "agricultural"
    """Coopérative agricole, CUMA."""
    CONSUMER = "consumer"
    """Coopérative de consommation."""
    ARTISAN = "artisan"
    """Coopérative artisanale."""
    HOUSING = "housing"
    """Coopérative d'habitants, de construction, HLM."""
    BANKING = "banking"
    """Banque coopérative, crédit mutuel, crédit agricole."""
    OTHER = "other"


class CompanyForm(enum.StrEnum):
    """The company form of a société (a cooperative or a commercial company)."""

    SA = "sa"
    """Société anonyme."""
    SARL = "sarl"
    """Société à responsabilité limitée (an EURL too)."""
    SAS = "sas"
    """Société par actions simplifiée (an SASU too)."""
    SNC = "snc"
    """Société en nom collectif."""
    SCS = "scs"
    """Société en commandite simple."""
    SCA = "sca"
    """Société en commandite par actions."""
    SE = "se"
    """Société européenne."""
    CIVIL = "civil"
    """Société civile: not a société commerciale."""
    SOLE_TRADER = "sole_trader"
    """Entrepreneur individuel: no legal person of its own."""
    OTHER = "other"
    """Another form, commercial or not."""

    @property
    def is_commercial(self) -> bool | None:
        """Whether the form is a société commerciale (C. com. L210-1); ``None`` for :attr:`OTHER`.

        >>> CompanyForm.SAS.is_commercial, CompanyForm.CIVIL.is_commercial
        (True, False)
        """
        if self is CompanyForm.OTHER:
            return None
        return self not in (CompanyForm.CIVIL, CompanyForm.SOLE_TRADER)


class AssociateRole(enum.StrEnum):
    """A category of associés of a cooperative."""

    BENEFICIARY = "beneficiary"
    """Bénéficiaires: those who habitually benefit from the SCIC's activity."""
    EMPLOYEE = "employee"
    """Salariés."""
    PRODUCER = "producer"
    """Producteurs of the goods or services (SCIC with no employees)."""
    PUBLIC_AUTHORITY = "public_authority"
    """Collectivités territoriales, their groupings, établissements publics territoriaux."""
    VOLUNTEER = "volunteer"
    """Bénévoles."""
    SUPPORTER = "supporter"
    """Other persons contributing to the activity (enterprises, associations…)."""
    INVESTOR = "investor"
    """Associés non coopérateurs that are not cooperative societies (loi 1947 art. 3 bis)."""
    INVESTOR_COOPERATIVE = "investor_cooperative"
    """Associés non coopérateurs that are cooperative societies (loi 1947 art. 3 bis)."""


class MutualKind(enum.StrEnum):
    """The kind of a mutual (loi 2014-856 art. 1 II 1°)."""

    MUTUELLE = "mutuelle"
    """Mutuelle or union under the Code de la mutualité."""
    INSURANCE = "insurance"
    """Société d'assurance mutuelle under the Code des assurances."""
    OTHER = "other"
    """Another mutual body (an institution de prévoyance, for one): not ESS by form."""


class CompanySize(enum.StrEnum):
    """Size class of an enterprise (décret n° 2008-1354)."""

    MICRO = "micro"
    SME = "sme"
    """PME."""
    INTERMEDIATE = "intermediate"
    """ETI."""
    LARGE = "large"


class PublicBodyKind(enum.StrEnum):
    """The kind of a public body."""

    STATE_SERVICE = "state_service"
    """Service de l'État (ministry, préfecture, DREETS…)."""
    REGION = "region"
    DEPARTEMENT = "departement"
    EPCI = "epci"
    """Établissement public de coopération intercommunale (métropole, communauté…)."""
    COMMUNE = "commune"
    LOCAL_PUBLIC_BODY = "local_public_body"
    """Other local public body (CCAS, syndicat mixte, EPL…)."""
    NATIONAL_PUBLIC_BODY = "national_public_body"
    """National public body (université, EPIC, EPA…)."""


class LegalStatus(enum.StrEnum):
    """The legal status of a research or training body, which decides its sector."""

    PUBLIC = "public"
    ASSOCIATION = "association"
    FOUNDATION = "foundation"
    COOPERATIVE = "cooperative"
    COMPANY = "company"


class GroupingKind(enum.StrEnum):
    """The kind of a grouping of actors that is itself an actor."""

    GIE = "gie"
    """Groupement d'intérêt économique (C. com. L251-1)."""
    EMPLOYER_GROUP = "employer_group"
    """Groupement d'employeurs (C. trav. L1253-1)."""
    GIP = "gip"
    """Groupement d'intérêt public (public law)."""


class MemberRole(enum.StrEnum):
    """The role of a member in a pôle."""

    FOUNDER = "founder"
    MEMBER = "member"
    PARTNER = "partner"
    """A partner "en lien avec" the pôle (loi 2014-856 art. 9): not a member by necessity."""
    LEAD = "lead"
    """The structure porteuse, which carries the pôle."""


class AssetCategory(enum.StrEnum):
    """The four kinds of pooled tools (financial, technical, human, immaterial)."""

    FINANCIAL = "financial"
    TECHNICAL = "technical"
    HUMAN = "human"
    IMMATERIAL = "immaterial"


class ImmaterialKind(enum.StrEnum):
    """The kind of an immaterial shared asset."""

    BRAND = "brand"
    SOFTWARE = "software"
    KNOW_HOW = "know_how"
    OTHER = "other"


class CostSharingMethod(enum.StrEnum):
    """A clé de répartition: how an asset's cost is shared among its users."""

    EQUAL = "equal"
    PRO_RATA_USE = "pro_rata_use"
    PRO_RATA_OWNERSHIP = "pro_rata_ownership"
    PRO_RATA_HEADCOUNT = "pro_rata_headcount"
    FIXED = "fixed"


class AgreementKind(enum.StrEnum):
    """The kind of a partnership agreement."""

    MUTUALISATION = "mutualisation"
    """Convention de mutualisation."""
    PARTNERSHIP = "partnership"
    COOPERATION = "cooperation"
    PUBLIC_FUNDING = "public_funding"
    """Convention pluriannuelle d'objectifs with public funding (CPO)."""
    PUBLIC_PROCUREMENT = "public_procurement"
    """Public contract with a social clause (clause sociale)."""
    EMPLOYER_GROUP = "employer_group"
    """Membership of a groupement d'employeurs."""
    GIE_CONTRACT = "gie_contract"
    POLE_CHARTER = "pole_charter"
    """A pôle's charter (charte du PTCE)."""


class CommitmentKind(enum.StrEnum):
    """What a party commits to give."""

    MONEY = "money"
    IN_KIND = "in_kind"
    STAFF_TIME = "staff_time"
    ASSET_USE = "asset_use"
    """Use of a (shared) asset."""
    SERVICE = "service"


class Recurrence(enum.StrEnum):
    """How often a commitment recurs."""

    ONCE = "once"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    YEARLY = "yearly"


class Renewal(enum.StrEnum):
    """How an agreement is renewed at its end."""

    NONE = "none"
    TACIT = "tacit"
    """Tacite reconduction."""
    EXPLICIT = "explicit"


class BodyKind(enum.StrEnum):
    """A governing body."""

    GENERAL_ASSEMBLY = "general_assembly"
    BOARD = "board"
    """Conseil d'administration, bureau, conseil de gestion."""
    STEERING_COMMITTEE = "steering_committee"
    """Comité de pilotage."""
    OTHER = "other"


class VotingScheme(enum.StrEnum):
    """How votes are counted in a general assembly."""

    ONE_MEMBER_ONE_VOTE = "one_member_one_vote"
    WEIGHTED_COLLEGES = "weighted_colleges"
    CAPITAL_WEIGHTED = "capital_weighted"
