"""Actors: the associations, cooperatives, companies, public bodies and persons of a territory.

Every actor has a :attr:`~Actor.sector` in the triptych State / private / ESS,
derived from its kind and statutes as loi n° 2014-856 du 31 juillet 2014,
art. 1 reads:

- associations, foundations, mutuals and cooperatives are ESS by legal form
  (art. 1 II 1°);
- a commercial company is ESS only when its statutes meet art. 1 I and II 2°
  (:attr:`Company.ess_statutes`);
- public bodies are public; research and training bodies follow their legal
  status; a natural person is private.
"""

from __future__ import annotations

import datetime as dt
import re
from fractions import Fraction
from typing import Any, ClassVar

import attrs

from ptcekit.errors import FieldTypeError, IdentifierError
from ptcekit.identifiers import legal_category, naf, rna, siren, siret
from ptcekit.identifiers.naf import NafVersion
from ptcekit.model import kinds
from ptcekit.model import validators as v
from ptcekit.model._base import Value
from ptcekit.model._enums import (
    AssociateRole,
    CompanyForm,
    CompanySize,
    CooperativeKind,
    GroupingKind,
    LegalStatus,
    MutualKind,
    PublicBodyKind,
    Sector,
)
from ptcekit.model._governance import Governance
from ptcekit.model._values import Identifier, Money, Period, Place

__all__ = [
    "Actor",
    "AssociateCategory",
    "Association",
    "Company",
    "Cooperative",
    "EsusApproval",
    "Foundation",
    "Grouping",
    "Mutual",
    "Organisation",
    "PayData",
    "Person",
    "PublicBody",
    "ResearchBody",
    "TrainingBody",
]


#: A built-in kind tag: snake_case.
BUILTIN_TAG = re.compile(r"[a-z][a-z0-9_]*")
#: An extension's kind tag: ``prefix:name``, both snake_case.
EXTENSION_TAG = re.compile(r"[a-z][a-z0-9_]*:[a-z][a-z0-9_]*")


def check_type_tag(cls: type) -> None:
    """Check the ``type_tag`` a class declares for itself, if it declares one.

    Built-in classes use snake_case tags; classes defined outside ptcekit use
    a namespaced ``"prefix:name"`` tag so that they never clash with a future
    built-in kind.

    Raises:
        TypeError: (a :class:`~ptcekit.errors.FieldTypeError`) for a malformed tag.
    """
    tag = cls.__dict__.get("type_tag")
    if tag is None:
        kinds.note_defined(cls)
        return
    builtin = cls.__module__.startswith("ptcekit.")
    pattern = BUILTIN_TAG if builtin else EXTENSION_TAG
    if type(tag) is not str or pattern.fullmatch(tag) is None:
        expected = "a snake_case tag" if builtin else "a namespaced tag 'prefix:name' in snake_case"
        raise FieldTypeError(cls.__name__, "type_tag", expected, tag)
    # numbered once its tag is known good, so that a redefinition replaces it
    kinds.note_defined(cls)


@attrs.frozen(repr=False)
class _NafInVersion(v.Validator):
    """Check an actor's NAF code against the nomenclature its ``naf_version`` names.

    The validator of ``naf_version``, which attrs runs after ``naf``'s own
    check of the form both versions share.
    """

    def __call__(self, inst: Any, _attribute: attrs.Attribute[Any], version: Any) -> None:
        code = inst.naf
        if code is None or not isinstance(version, NafVersion):
            return
        try:
            naf.validate(code, version)
        except IdentifierError as error:
            reason = error.reason
        else:
            return
        v.fail(inst, "naf", f"a valid {naf.KINDS[version]} ({reason})", code)


#: What a catégorie juridique is on construction: any 4 digits (codes INSEE adds later too).
_LEGAL_CATEGORY = v.Pattern(
    re.compile(legal_category.COMPACT_PATTERN),
    "an INSEE catégorie juridique of 4 digits such as '9220'",
    what="a catégorie juridique (str)",
    optional=True,
    compact=legal_category.compact,
)


@attrs.frozen(kw_only=True, repr=False)
class Actor(Value):
    """An actor of the territory: abstract base of every kind.

    Subclasses declare a ``type_tag`` (the wire ``"type"``); a downstream
    subclass declares a namespaced one such as ``"aura:regional_network"``.

    Attributes:
        id: the actor's id, unique in its :class:`~ptcekit.model.Ecosystem`.
        name: its usual name.
        siren: SIREN of the legal unit (9 digits, Luhn check digit).
        sirets: SIRETs of its establishments; each must belong to ``siren``
            (a rule checks it).
        rna: RNA number of an association, such as ``"W751234567"`` or ``"W9P1002760"``.
        identifiers: other identifiers, as scheme and value.
        legal_category: INSEE catégorie juridique (4 digits), such as ``"9220"``;
            any 4 digits are accepted (codes INSEE adds later too), and
            rule ID003 reports a code outside INSEE's list.
        naf: NAF activity code (APE) in Sirene form, such as ``"88.99B"``,
            checked against the nomenclature ``naf_version`` names.
        naf_version: the nomenclature of ``naf``: NAF rév. 2 (``"rev2"``, the
            default) or NAF 2025 (``"2025"``), whose codes have the same shape.
        seat: the registered office (siège).
        founded: the founding date.
        headcount: number of employees.
        website: its web address.
        description: free text.
    """

    type_tag: ClassVar[str]

    #: The record family in words, for messages and the JSON Schema ("the id of an actor").
    record_noun: ClassVar[str] = "an actor"

    id: str = attrs.field(validator=v.Id())
    name: str = attrs.field(validator=v.Text(multiline=False))
    siren: str | None = attrs.field(
        default=None,
        validator=v.IdentifierOf(siren, optional=True, compact=True),
    )
    sirets: tuple[str, ...] = attrs.field(
        default=(),
        converter=v.ToTuple[str],
        validator=v.TupleOf(v.IdentifierOf(siret, compact=True), unique=True, what="SIRETs"),
    )
    rna: str | None = attrs.field(
        default=None,
        validator=v.IdentifierOf(rna, optional=True, kind="RNA number", compact=True),
    )
    identifiers: tuple[Identifier, ...] = attrs.field(
        default=(),
        converter=v.ToTuple[Identifier],
        validator=v.TupleOf(v.Instance(Identifier), unique=True, what="Identifier values"),
    )
    legal_category: str | None = attrs.field(default=None, validator=_LEGAL_CATEGORY)
    naf: str | None = attrs.field(
        default=None,
        # the form both versions share; naf_version's validator checks the code in its version
        validator=v.IdentifierOf(
            naf, optional=True, kind="NAF code", check=naf.validate_form, compact=True
        ),
    )
    naf_version: NafVersion = attrs.field(
        default=NafVersion.REV2,
        converter=v.ToEnum[NafVersion],
        validator=v.All(v.Member(NafVersion), _NafInVersion()),
    )
    seat: Place | None = attrs.field(default=None, validator=v.Instance(Place, optional=True))
    founded: dt.date | None = attrs.field(default=None, validator=v.Date(optional=True))
    headcount: int | None = attrs.field(default=None, validator=v.Integer(minimum=0, optional=True))
    website: str | None = attrs.field(default=None, validator=v.Url(optional=True))
    description: str | None = attrs.field(default=None, validator=v.Text(optional=True))

    @classmethod
    def __attrs_init_subclass__(cls) -> None:
        check_type_tag(cls)

    @property
    def sector(self) -> Sector:
        """The actor's sector in the triptych, derived as loi n° 2014-856 art. 1 reads.

        Every concrete kind defines it; a downstream kind that subclasses
        :class:`Actor` or :class:`Organisation` directly must define it too.
        """
        # an abstract property: the built-in kinds all override it
        message = (
            f"{type(self).__name__} must define the property 'sector' (ESS, private or public)"
        )
        raise NotImplementedError(message)

    @property
    def in_ess(self) -> bool | None:
        """Whether the actor is in the ESS (loi n° 2014-856 art. 1): ``True``, ``False`` or ``None``.

        ``None`` means unknown (a company whose statutes are not recorded);
        the rules never count an unknown as "outside the ESS". For every kind
        but :class:`Company` it is whether :attr:`sector` is ESS.
        """
        return self.sector is Sector.ESS

    @property
    def is_legal_person(self) -> bool:
        """Whether the actor is a legal person (personne morale)."""
        return True

    @property
    def is_enterprise(self) -> bool:
        """Whether the actor counts as an enterprise for loi n° 2014-856 art. 9."""
        return False

    @property
    def all_identifiers(self) -> tuple[Identifier, ...]:
        """Every identifier of the actor in org-id.guide form: SIREN, SIRETs, RNA, then the others."""
        found: list[Identifier] = []
        if self.siren is not None:
            found.append(Identifier(scheme="FR-RCS", value=self.siren))
        found.extend(Identifier(scheme="FR-SIRET", value=number) for number in self.sirets)
        if self.rna is not None:
            found.append(Identifier(scheme="FR-RNA", value=self.rna))
        found.extend(self.identifiers)
        return tuple(found)

    @property
    def legal_category_label(self) -> str | None:
        """The INSEE label of :attr:`legal_category`, or ``None`` if unknown to ptcekit's table."""
        if self.legal_category is None or not legal_category.is_valid(self.legal_category):
            return None
        return legal_category.label(self.legal_category)


@attrs.frozen(kw_only=True, repr=False)
class Person(Actor):
    """A natural person (personne physique): a volunteer, a researcher, an entrepreneur.

    Keep personal data to what the model needs: an id and a name (which can
    be a pseudonym). A person is in the private sector.

    >>> Person(id="p1", name="A. Volunteer").sector
    <Sector.PRIVATE: 'private'>
    """

    type_tag: ClassVar[str] = "person"

    @property
    def sector(self) -> Sector:
        """Always :attr:`Sector.PRIVATE`."""
        return Sector.PRIVATE

    @property
    def is_legal_person(self) -> bool:
        """Always ``False``."""
        return False


@attrs.frozen(kw_only=True, repr=False)
class EsusApproval(Value):
    """An agrément « entreprise solidaire d'utilité sociale » (C. trav. L3332-17-1).

    Any organisation within art. 1 of loi n° 2014-856 can hold it: an
    association, a cooperative, a foundation, a mutual or a commercial company
    with ESS statutes. It lasts 5 years, or 2 years for an enterprise created
    less than 3 years before it applied (C. trav. R3332-21-3, III); an
    agrément « de plein droit » has no term. ``period`` records its actual dates.

    Attributes:
        period: when the agrément is in force.
        by_right: ESUS « de plein droit » (entreprises d'insertion, ESAT…).
        decided: the date of the prefectoral decision.
    """

    period: Period = attrs.field(validator=v.Instance(Period))
    by_right: bool = attrs.field(default=False, validator=v.Boolean())
    decided: dt.date | None = attrs.field(default=None, validator=v.Date(optional=True))


@attrs.frozen(kw_only=True, repr=False)
class PayData(Value):
    """Pay data for the ESUS caps of C. trav. L3332-17-1, I, 3° (7 × and 10 × the annual SMIC).

    Attributes:
        year: the financial year the figures are for.
        top5_average: average yearly pay of the five best-paid (full-time equivalent).
        highest: the single highest yearly pay.
        reference_minimum: the yearly SMIC, or the sector's minimum wage when
            higher, for that year: the base of the caps.
    """

    year: int = attrs.field(validator=v.Integer(minimum=1900, maximum=2100))
    top5_average: Money = attrs.field(validator=v.Instance(Money))
    highest: Money = attrs.field(validator=v.Instance(Money))
    reference_minimum: Money = attrs.field(validator=v.Instance(Money))


@attrs.frozen(kw_only=True, repr=False)
class Organisation(Actor):
    """A legal person: abstract base of every actor but :class:`Person`.

    Attributes:
        governance: its bodies, voting scheme and colleges, when known.
        esus: its ESUS agrément, if any (C. trav. L3332-17-1): any organisation
            within art. 1 of loi n° 2014-856 can hold one; a rule reports one
            held by an organisation outside the ESS.
        pay: pay data for the ESUS caps.
        sirene_ess: the ESS flag Sirene records for the legal unit
            (``economieSocialeSolidaireUniteLegale``): ``True``, ``False``, or
            ``None`` when Sirene says nothing. A rule compares it with the
            derived :attr:`~Actor.in_ess`.
    """

    governance: Governance | None = attrs.field(
        default=None, validator=v.Instance(Governance, optional=True)
    )
    esus: EsusApproval | None = attrs.field(
        default=None, validator=v.Instance(EsusApproval, optional=True)
    )
    pay: PayData | None = attrs.field(default=None, validator=v.Instance(PayData, optional=True))
    sirene_ess: bool | None = attrs.field(default=None, validator=v.Boolean(optional=True))


@attrs.frozen(kw_only=True, repr=False)
class Association(Organisation):
    """An association (loi du 1er juillet 1901, or Alsace-Moselle local law): ESS by form.

    Attributes:
        public_utility: reconnue d'utilité publique (RUP).
        local_law: registered under the local law of Bas-Rhin, Haut-Rhin and
            Moselle (so with no RNA number).
        member_count: how many members it has, when known (natural and
            legal persons alike); a rule checks the minimum the law sets.

    >>> Association(id="archer-asso", name="Archer", rna="W261000001").sector
    <Sector.ESS: 'ess'>
    """

    type_tag: ClassVar[str] = "association"

    public_utility: bool = attrs.field(default=False, validator=v.Boolean())
    local_law: bool = attrs.field(default=False, validator=v.Boolean())
    member_count: int | None = attrs.field(
        default=None, validator=v.Integer(minimum=0, optional=True)
    )

    @property
    def sector(self) -> Sector:
        """Always :attr:`Sector.ESS` (loi 2014-856 art. 1 II 1°)."""
        return Sector.ESS

    @property
    def is_enterprise(self) -> bool:
        """Always ``True``: an association is an ESS enterprise under art. 1."""
        return True


@attrs.frozen(kw_only=True, repr=False)
class Foundation(Organisation):
    """A fondation: ESS by form (loi 2014-856 art. 1 II 1°).

    Attributes:
        public_utility: reconnue d'utilité publique (RUP).
    """

    type_tag: ClassVar[str] = "foundation"

    public_utility: bool = attrs.field(default=False, validator=v.Boolean())

    @property
    def sector(self) -> Sector:
        """Always :attr:`Sector.ESS` (loi 2014-856 art. 1 II 1°)."""
        return Sector.ESS

    @property
    def is_enterprise(self) -> bool:
        """Always ``True``: a foundation is an ESS enterprise under art. 1."""
        return True


@attrs.frozen(kw_only=True, repr=False)
class Mutual(Organisation):
    """A mutuelle (Code de la mutualité) or société d'assurance mutuelle: ESS by form.

    Attributes:
        kind: which code governs it.
    """

    type_tag: ClassVar[str] = "mutual"

    kind: MutualKind = attrs.field(
        default=MutualKind.MUTUELLE,
        converter=v.ToEnum[MutualKind],
        validator=v.Member(MutualKind),
    )

    @property
    def sector(self) -> Sector:
        """ESS for the mutuals art. 1 II 1° of loi 2014-856 names, else private.

        Those are the mutuelles and unions of the Code de la mutualité and the
        sociétés d'assurance mutuelles of the Code des assurances; an
        institution de prévoyance (:attr:`MutualKind.OTHER`) is not ESS by form.

        >>> Mutual(id="m", name="M").sector, Mutual(id="p", name="P", kind="other").sector
        (<Sector.ESS: 'ess'>, <Sector.PRIVATE: 'private'>)
        """
        return Sector.PRIVATE if self.kind is MutualKind.OTHER else Sector.ESS

    @property
    def is_enterprise(self) -> bool:
        """Always ``True``."""
        return True


@attrs.frozen(kw_only=True, repr=False)
class AssociateCategory(Value):
    """A category of associés of a cooperative, with its weight in capital and votes.

    Attributes:
        role: what the associés are (bénéficiaires, salariés…).
        count: how many associés the category has.
        capital_share: the part of the capital they hold, in [0, 1].
        vote_share: the part of the votes they hold, in [0, 1].
        college: the name of the vote college they belong to, if any.
        label: the statutes' own name for the category.

    >>> AssociateCategory(role="employee", count=12, capital_share="0.6")
    AssociateCategory(role=AssociateRole.EMPLOYEE, count=12, capital_share=Fraction(3, 5))
    """

    role: AssociateRole = attrs.field(
        converter=v.ToEnum[AssociateRole], validator=v.Member(AssociateRole)
    )
    count: int | None = attrs.field(default=None, validator=v.Integer(minimum=0, optional=True))
    capital_share: Fraction | None = attrs.field(
        default=None,
        converter=v.ToFraction[Fraction | None],
        validator=v.FractionRange(optional=True),
    )
    vote_share: Fraction | None = attrs.field(
        default=None,
        converter=v.ToFraction[Fraction | None],
        validator=v.FractionRange(optional=True),
    )
    college: str | None = attrs.field(
        default=None, validator=v.Text(optional=True, multiline=False)
    )
    label: str | None = attrs.field(default=None, validator=v.Text(optional=True, multiline=False))


def _shares_at_most_one(
    inst: Cooperative, attribute: attrs.Attribute[Any], value: tuple[AssociateCategory, ...]
) -> None:
    """Refuse categories whose shares of one kind sum above 1: the check after their type's."""
    for share in ("capital_share", "vote_share"):
        total = sum((getattr(cat, share) or Fraction(0) for cat in value), Fraction(0))
        if total > 1:
            v.fail(
                inst,
                attribute,
                f"categories whose {share}s sum to at most 1 (they sum to {total})",
                value,
            )


@attrs.frozen(kw_only=True, repr=False)
class Cooperative(Organisation):
    """A coopérative (loi n° 47-1775 du 10 septembre 1947): ESS by form.

    Attributes:
        kind: SCOP, SCIC, CAE, agricultural…
        form: its company form (SA, SARL, SAS…), when it is a société.
        variable_capital: whether its capital is variable (required of a SCIC).
        capital: its share capital.
        associates: its associés by category, with their share of capital and
            votes. Shares of one kind sum to at most 1.

    Vote colleges live in :attr:`Organisation.governance`; :attr:`colleges`
    gives them.

    >>> Cooperative(id="tetris", name="SCIC TETRIS", kind="scic", form="sas").sector
    <Sector.ESS: 'ess'>
    """

    type_tag: ClassVar[str] = "cooperative"

    kind: CooperativeKind = attrs.field(
        converter=v.ToEnum[CooperativeKind], validator=v.Member(CooperativeKind)
    )
    form: CompanyForm | None = attrs.field(
        default=None,
        converter=v.ToEnum[CompanyForm | None],
        validator=v.Member(CompanyForm, optional=True),
    )
    variable_capital: bool = attrs.field(default=True, validator=v.Boolean())
    capital: Money | None = attrs.field(default=None, validator=v.Instance(Money, optional=True))
    associates: tuple[AssociateCategory, ...] = attrs.field(
        default=(),
        converter=v.ToTuple[AssociateCategory],
        validator=v.All(v.tuple_of_type(AssociateCategory), _shares_at_most_one),
    )

    @property
    def sector(self) -> Sector:
        """Always :attr:`Sector.ESS` (loi 2014-856 art. 1 II 1°)."""
        return Sector.ESS

    @property
    def is_enterprise(self) -> bool:
        """Always ``True``."""
        return True

    @property
    def colleges(self) -> tuple[Any, ...]:
        """The vote colleges of its governance (empty when it has none)."""
        return self.governance.colleges if self.governance is not None else ()

    def associates_with(self, *roles: AssociateRole) -> tuple[AssociateCategory, ...]:
        """Return the categories of associés with one of ``roles``."""
        return tuple(cat for cat in self.associates if cat.role in roles)


@attrs.frozen(kw_only=True, repr=False)
class Company(Organisation):
    """A commercial company (société commerciale): ESS only with ESS statutes.

    Attributes:
        form: SA, SARL, SAS…
        ess_statutes: whether its statutes carry the mentions of décret
            n° 2015-858 that make it ESS (loi 2014-856 art. 1 II 2°):
            ``True``, ``False``, or ``None`` (the default) when unknown.
        mission_company: société à mission (C. com. L210-10); not ESS by itself.
        size: its size class.

    >>> Company(id="c1", name="Tannerie Roux", ess_statutes=False).sector
    <Sector.PRIVATE: 'private'>
    >>> Company(id="c2", name="Groupe Archer", ess_statutes=True).sector
    <Sector.ESS: 'ess'>
    """

    type_tag: ClassVar[str] = "company"

    form: CompanyForm | None = attrs.field(
        default=None,
        converter=v.ToEnum[CompanyForm | None],
        validator=v.Member(CompanyForm, optional=True),
    )
    ess_statutes: bool | None = attrs.field(default=None, validator=v.Boolean(optional=True))
    mission_company: bool = attrs.field(default=False, validator=v.Boolean())
    size: CompanySize | None = attrs.field(
        default=None,
        converter=v.ToEnum[CompanySize | None],
        validator=v.Member(CompanySize, optional=True),
    )

    @property
    def sector(self) -> Sector:
        """:attr:`Sector.ESS` when it is known to be in the ESS (see :attr:`in_ess`), else private.

        A company whose statutes are unknown is in the private sector of the
        triptych; the rules do not count it as "outside the ESS" (see
        :attr:`in_ess`).
        """
        return Sector.ESS if self.in_ess else Sector.PRIVATE

    @property
    def in_ess(self) -> bool | None:
        """Whether the company is in the ESS under art. 1 II 2° of loi n° 2014-856.

        Only a société commerciale can join the ESS by its statutes: ``False``
        for a société civile or an entrepreneur individuel whatever
        :attr:`ess_statutes` says; otherwise :attr:`ess_statutes` itself, so
        ``None`` when the statutes are unknown.

        >>> Company(id="c", name="C", form="sas", ess_statutes=True).in_ess
        True
        >>> Company(id="c", name="C", form="civil", ess_statutes=True).in_ess
        False
        >>> Company(id="c", name="C").in_ess is None
        True
        """
        if self.form is not None and self.form.is_commercial is False:
            return False
        return self.ess_statutes

    @property
    def is_legal_person(self) -> bool:
        """``False`` for an entrepreneur individuel (no legal person of its own), else ``True``."""
        return self.form is not CompanyForm.SOLE_TRADER

    @property
    def is_enterprise(self) -> bool:
        """Always ``True``."""
        return True


@attrs.frozen(kw_only=True, repr=False)
class PublicBody(Organisation):
    """A public body: State service, local authority, EPCI, public establishment.

    >>> PublicBody(id="capg", name="CA du Pays de Grasse", kind="epci").sector
    <Sector.PUBLIC: 'public'>
    """

    type_tag: ClassVar[str] = "public_body"

    kind: PublicBodyKind = attrs.field(
        converter=v.ToEnum[PublicBodyKind], validator=v.Member(PublicBodyKind)
    )

    @property
    def sector(self) -> Sector:
        """Always :attr:`Sector.PUBLIC`."""
        return Sector.PUBLIC

    @property
    def is_local_authority(self) -> bool:
        """Whether it is a collectivité territoriale or a grouping of collectivités.

        The collectivités territoriales are the communes, départements and
        régions (Constitution, art. 72); their groupings are the EPCI. A
        public body of the kind ``local_public_body`` counts when its INSEE
        catégorie juridique is a collectivité (7210 to 7230, such as a
        collectivité à statut particulier) or a grouping of collectivités:
        syndicats intercommunaux and mixtes, pôles métropolitains, PETR,
        ententes (7340, 7342 to 7349, 7351 to 7357). Other local public bodies (a CCAS, a school, a public
        hospital, an OPH) are not: they are établissements publics of a
        collectivité, not the collectivité or a grouping of them.

        >>> PublicBody(id="romans", name="Romans-sur-Isère", kind="commune").is_local_authority
        True
        >>> PublicBody(id="ccas", name="CCAS", kind="local_public_body").is_local_authority
        False
        >>> PublicBody(id="sm", name="Syndicat mixte", kind="local_public_body",
        ...     legal_category="7354").is_local_authority
        True
        """
        if self.kind in _LOCAL_AUTHORITY_KINDS:
            return True
        return (
            self.kind is PublicBodyKind.LOCAL_PUBLIC_BODY
            and self.legal_category in _COLLECTIVITES_AND_GROUPINGS
        )


#: Collectivités territoriales and EPCI, by kind.
_LOCAL_AUTHORITY_KINDS = frozenset(
    {PublicBodyKind.REGION, PublicBodyKind.DEPARTEMENT, PublicBodyKind.COMMUNE, PublicBodyKind.EPCI}
)
#: INSEE catégories juridiques (niveau III) of the collectivités territoriales
#: (72xx) and of the groupings of collectivités (within 73xx).
_COLLECTIVITES_AND_GROUPINGS = frozenset(
    {
        *("7210", "7220", "7225", "7229", "7230", "7340"),
        *(f"734{digit}" for digit in range(2, 10)),
        *(f"735{digit}" for digit in range(1, 8)),
    }
)


_STATUS_SECTOR = {
    LegalStatus.PUBLIC: Sector.PUBLIC,
    LegalStatus.ASSOCIATION: Sector.ESS,
    LegalStatus.FOUNDATION: Sector.ESS,
    LegalStatus.COOPERATIVE: Sector.ESS,
    LegalStatus.COMPANY: Sector.PRIVATE,
}


@attrs.frozen(kw_only=True, repr=False)
class _StatusBody(Organisation):
    """A body whose sector follows its legal status."""

    legal_status: LegalStatus = attrs.field(
        converter=v.ToEnum[LegalStatus], validator=v.Member(LegalStatus)
    )

    @property
    def sector(self) -> Sector:
        """Public for a public status, ESS for an association, foundation or cooperative, else private."""
        return _STATUS_SECTOR[self.legal_status]

    @property
    def is_enterprise(self) -> bool:
        """Whether its status is a company or an ESS form."""
        return self.legal_status is not LegalStatus.PUBLIC


@attrs.frozen(kw_only=True, repr=False)
class ResearchBody(_StatusBody):
    """A research centre, university or higher-education and research body (art. 9 partner).

    >>> ResearchBody(id="gredec", name="GREDEC", legal_status="public").sector
    <Sector.PUBLIC: 'public'>
    """

    type_tag: ClassVar[str] = "research_body"


@attrs.frozen(kw_only=True, repr=False)
class TrainingBody(_StatusBody):
    """A training body (organisme de formation), an art. 9 partner.

    >>> TrainingBody(id="of1", name="Organisme de formation", legal_status="association").sector
    <Sector.ESS: 'ess'>
    """

    type_tag: ClassVar[str] = "training_body"


_GROUPING_SECTOR = {
    GroupingKind.GIE: Sector.PRIVATE,
    # C. trav. L1253-2: an association or a cooperative, so ESS by form
    GroupingKind.EMPLOYER_GROUP: Sector.ESS,
    GroupingKind.GIP: Sector.PUBLIC,
}


@attrs.frozen(kw_only=True, repr=False)
class Grouping(Organisation):
    """A grouping that is itself an actor: GIE, groupement d'employeurs, GIP.

    It may own, employ and share in its own name.

    Attributes:
        kind: GIE (C. com. L251-1), groupement d'employeurs (C. trav. L1253-1)
            or GIP.
        members: ids of its member actors.

    >>> Grouping(id="ge", name="GE Drôme", kind="employer_group", members=("a", "b")).sector
    <Sector.ESS: 'ess'>
    """

    type_tag: ClassVar[str] = "grouping"

    kind: GroupingKind = attrs.field(
        converter=v.ToEnum[GroupingKind], validator=v.Member(GroupingKind)
    )
    members: tuple[str, ...] = attrs.field(
        default=(),
        converter=v.ToTuple[str],
        validator=v.TupleOf(v.Reference(to=Actor), unique=True, what="actor ids"),
    )

    @property
    def sector(self) -> Sector:
        """ESS for a groupement d'employeurs (association or cooperative form), public for a GIP, else private."""
        return _GROUPING_SECTOR[self.kind]

    @property
    def is_enterprise(self) -> bool:
        """Whether it is a GIE or a groupement d'employeurs (a GIP is a public body)."""
        return self.kind is not GroupingKind.GIP
