"""Hypothesis strategies that build valid ptcekit objects, for property tests in your own project.

Every public class of :mod:`ptcekit.model` has a strategy here that builds only
valid objects (construction never raises), with valid identifiers: SIRENs with
a correct Luhn check digit, SIRETs that belong to their actor's SIREN, RNA
numbers, commune codes, and INSEE catégories juridiques that fit the actor's
kind. :func:`ecosystems` builds whole documents whose references all resolve.

Strategies that build an object referring to others by id take the ids to
refer to: ``actor_ids=None`` (the default) refers to freshly made-up ids, a
sequence of ids refers only to those (an empty sequence to none, where the
reference is optional). Sizes are small by default, so property tests stay
fast.

hypothesis is not a dependency of ptcekit: install the ``test`` extra
(``pip install 'ptcekit[test]'``) to use this module.

A property test in your own project:

>>> from hypothesis import given, settings
>>> from ptcekit.testing import ecosystems
>>> @settings(max_examples=10, deadline=None)
... @given(ecosystems(max_actors=5))
... def test_every_member_is_an_actor(eco):
...     for pole in eco.poles:
...         for actor_id in pole.member_ids():
...             assert eco.actor(actor_id).id == actor_id
>>> test_every_member_is_an_actor()
"""

from __future__ import annotations

import datetime as dt
import functools
import operator
import string
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any

try:
    from hypothesis import strategies as st
    from hypothesis.errors import InvalidArgument
except ImportError as error:
    _message = (
        "ptcekit.testing needs hypothesis, which is not installed: "
        "install ptcekit[test] (pip install 'ptcekit[test]')"
    )
    raise ImportError(_message) from error

from ptcekit.identifiers import commune as _commune
from ptcekit.identifiers import currency as _currency
from ptcekit.identifiers import departement as _departement
from ptcekit.identifiers import legal_category as _legal_category
from ptcekit.identifiers import naf as _naf
from ptcekit.identifiers import region as _region
from ptcekit.identifiers import siren as _siren
from ptcekit.identifiers import siret as _siret
from ptcekit.identifiers.legal_category import LegalFamily
from ptcekit.identifiers.naf import NafVersion
from ptcekit.model import (
    Actor,
    AgreementKind,
    Allocation,
    AssociateCategory,
    AssociateRole,
    Association,
    Attendance,
    AttendanceMode,
    Body,
    BodyKind,
    College,
    CollegeTally,
    Commitment,
    CommitmentKind,
    Company,
    CompanyForm,
    CompanySize,
    Convocation,
    Cooperative,
    CooperativeKind,
    CostSharingKey,
    CostSharingMethod,
    CountAs,
    DecisionRule,
    Ecosystem,
    EsusApproval,
    Foundation,
    Governance,
    Grouping,
    GroupingKind,
    Identifier,
    ImmaterialAsset,
    ImmaterialKind,
    KeyShare,
    LegalStatus,
    Majority,
    MajorityBase,
    Meeting,
    MemberRole,
    Membership,
    Money,
    Mutual,
    MutualisedAsset,
    MutualKind,
    Organisation,
    Ownership,
    PartnershipAgreement,
    Party,
    PayData,
    Period,
    Person,
    Place,
    Pole,
    PublicBody,
    PublicBodyKind,
    Quantity,
    Quorum,
    QuorumBasis,
    RecordedOutcome,
    Recurrence,
    RegisterEntry,
    Renewal,
    ResearchBody,
    Resolution,
    ResolutionKind,
    Share,
    SharedEmployee,
    SharedEquipment,
    SharedFund,
    SharedPremises,
    SharedService,
    Statutes,
    Territory,
    TerritoryLevel,
    TrainingBody,
    Vote,
    VoteChoice,
    VotingScheme,
)

__all__ = [
    "CATEGORIES_BY_KIND",
    "actors",
    "allocations",
    "associate_categories",
    "associations",
    "attendances",
    "bodies",
    "college_tallies",
    "colleges",
    "commitments",
    "commune_codes",
    "companies",
    "cooperatives",
    "cost_sharing_keys",
    "decision_rules",
    "departement_codes",
    "ecosystems",
    "esus_approvals",
    "foundations",
    "governances",
    "groupings",
    "identifiers",
    "immaterial_assets",
    "key_shares",
    "legal_categories",
    "majorities",
    "meetings",
    "memberships",
    "moneys",
    "mutualised_assets",
    "mutuals",
    "naf_codes",
    "organisations",
    "ownerships",
    "parties",
    "partnership_agreements",
    "pay_data",
    "periods",
    "persons",
    "places",
    "poles",
    "public_bodies",
    "quantities",
    "quorums",
    "record_ids",
    "region_codes",
    "register_entries",
    "research_bodies",
    "resolutions",
    "rna_numbers",
    "shared_employees",
    "shared_equipment",
    "shared_funds",
    "shared_premises",
    "shared_services",
    "shares",
    "sirens",
    "sirets",
    "statutes",
    "territories",
    "training_bodies",
    "votes",
]

Strategy = st.SearchStrategy

# ---------------------------------------------------------------------------
# Building blocks: texts, ids, dates, fractions, references
# ---------------------------------------------------------------------------

_LETTERS = string.ascii_letters + "éèêàâçôîûÉÈÀÇœ"
_TEXT = _LETTERS + string.digits + " -'’.,&()/"
_ID_HEAD = string.ascii_letters + string.digits
_ID_TAIL = _ID_HEAD + "_.:-"

#: The dates strategies draw from unless told otherwise.
MIN_DATE = dt.date(1980, 1, 1)
MAX_DATE = dt.date(2040, 12, 31)


@functools.cache
def _texts(max_size: int = 24) -> Strategy[str]:
    """Printable, single-line, non-blank text that starts with a letter."""
    return st.builds(
        operator.add, st.sampled_from(_LETTERS), st.text(_TEXT, max_size=max_size - 1)
    ).map(str.rstrip)


@functools.cache
def _dates() -> Strategy[dt.date]:
    return st.dates(min_value=MIN_DATE, max_value=MAX_DATE)


@functools.cache
def _default(factory: Callable[[], Strategy[Any]]) -> Strategy[Any]:
    """The strategy ``factory()`` makes with its default arguments, made once."""
    return factory()


@functools.cache
def _maybe(strategy: Strategy[Any]) -> Strategy[Any]:
    """``None`` or a value of ``strategy``."""
    return st.none() | strategy


@functools.cache
def _unit_fractions(*, positive: bool = True) -> Strategy[Fraction]:
    """Exact fractions in [0, 1] (in (0, 1] when ``positive``) with a small denominator."""
    return _unit_fraction_draws(positive=positive)


@st.composite
def _unit_fraction_draws(draw: st.DrawFn, *, positive: bool) -> Fraction:
    """An exact fraction in [0, 1] (in (0, 1] when ``positive``) with a small denominator."""
    denominator = draw(st.integers(min_value=1, max_value=12))
    numerator = draw(st.integers(min_value=1 if positive else 0, max_value=denominator))
    return Fraction(numerator, denominator)


@st.composite
def _parts_of_one(draw: st.DrawFn, count: int) -> tuple[Fraction, ...]:
    """``count`` positive exact fractions that sum to exactly 1."""
    weights = draw(st.lists(st.integers(min_value=1, max_value=6), min_size=count, max_size=count))
    total = sum(weights)
    return tuple(Fraction(weight, total) for weight in weights)


@functools.cache
def record_ids() -> Strategy[str]:
    """Ids of records (actors, pôles, assets, agreements), as the model accepts them.

    Returns:
        A strategy of short ids: a letter or digit, then letters, digits and ``_.:-``.
    """
    return st.builds(operator.add, st.sampled_from(_ID_HEAD), st.text(_ID_TAIL, max_size=11))


def _ref(pool: Sequence[str] | None, what: str) -> Strategy[str]:
    """One id of ``pool`` (a made-up id when ``pool`` is ``None``)."""
    if pool is None:
        return record_ids()
    if not pool:
        message = f"{what} needs at least one id to refer to, got an empty sequence"
        raise InvalidArgument(message)
    return st.sampled_from(tuple(pool))


def _optional_ref(pool: Sequence[str] | None) -> Strategy[str | None]:
    """``None`` or one id of ``pool`` (a made-up id when ``pool`` is ``None``)."""
    if pool is None:
        return _maybe(record_ids())
    if not pool:
        return st.none()
    return _maybe(st.sampled_from(tuple(pool)))


def _distinct_refs(
    pool: Sequence[str] | None, min_size: int, max_size: int, what: str
) -> Strategy[list[str]]:
    """Between ``min_size`` and ``max_size`` distinct ids of ``pool`` (made up when ``None``)."""
    if pool is None:
        return st.lists(record_ids(), min_size=min_size, max_size=max_size, unique=True)
    choices = tuple(dict.fromkeys(pool))
    if len(choices) < min_size:
        message = f"{what} need at least {min_size} distinct ids to refer to, got {len(choices)}"
        raise InvalidArgument(message)
    if not choices:
        return st.just([])
    return st.lists(
        st.sampled_from(choices),
        min_size=min_size,
        max_size=min(max_size, len(choices)),
        unique=True,
    )


def _check_size(name: str, value: object) -> int:
    if type(value) is not int or value < 0:
        message = f"{name} must be an int >= 0, got {value!r}"
        raise InvalidArgument(message)
    return value


# ---------------------------------------------------------------------------
# Identifiers
# ---------------------------------------------------------------------------


def _luhn_digit(digits: str) -> str:
    """The digit that makes ``digits`` + it pass the Luhn check."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 0:  # doubled: these sit at odd places once the check digit is added
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return str((10 - total % 10) % 10)


def _with_luhn_digit(base: str) -> str:
    return base + _luhn_digit(base)


@functools.cache
def sirens() -> Strategy[str]:
    """SIRENs: 8 digits and their Luhn check digit.

    Returns:
        A strategy of 9-digit strings that :func:`ptcekit.identifiers.siren.validate` accepts.
    """
    return st.text(string.digits, min_size=8, max_size=8).map(_with_luhn_digit)


def _siret_of(siren: str, nic: str) -> str:
    """The SIRET of ``siren`` whose NIC starts with the 4 digits ``nic``."""
    base = siren + nic
    if siren != _siret.LA_POSTE_SIREN:
        return base + _luhn_digit(base)
    # La Poste's SIRETs follow another rule (digit sum a multiple of 5): ask the checker
    return next(base + digit for digit in string.digits if _siret.is_valid(base + digit))


def sirets(siren: str | None = None) -> Strategy[str]:
    """SIRETs: a SIREN, a 4-digit establishment number and the check digit.

    Args:
        siren: the SIREN every SIRET belongs to; any valid SIREN when ``None``.

    Returns:
        A strategy of 14-digit strings that :func:`ptcekit.identifiers.siret.validate` accepts.

    Raises:
        IdentifierError: ``siren`` is not a valid SIREN.
    """
    owners = sirens() if siren is None else st.just(_siren.validate(siren))
    return st.builds(_siret_of, owners, st.text(string.digits, min_size=4, max_size=4))


#: The third character of RNA numbers issued by overseas prefectures (``W9P…`` in Polynésie).
_RNA_OVERSEAS_LETTERS = "MPRST"


@functools.cache
def rna_numbers() -> Strategy[str]:
    """RNA numbers of associations, in the shapes the prefectures issue.

    ``W`` and 9 digits in most of France; ``W9``, a capital letter and 7 digits
    in some overseas prefectures.

    Returns:
        A strategy of strings such as ``"W261000123"`` or ``"W9P1002760"``.
    """
    mainland = st.text(string.digits, min_size=9, max_size=9).map("W{}".format)
    overseas = st.builds(
        "W9{}{}".format,
        st.sampled_from(_RNA_OVERSEAS_LETTERS) | st.sampled_from(string.ascii_uppercase),
        st.text(string.digits, min_size=7, max_size=7),
    )
    return mainland | overseas


@functools.cache
def departement_codes() -> Strategy[str]:
    """Codes of the 101 départements, such as ``"26"``, ``"2A"`` or ``"974"``.

    Returns:
        A strategy of département codes.
    """
    return st.sampled_from(sorted(_departement.NAMES))


@functools.cache
def region_codes() -> Strategy[str]:
    """Codes of the 18 régions, such as ``"84"``.

    Returns:
        A strategy of région codes.
    """
    return st.sampled_from(sorted(_region.NAMES))


@st.composite
def commune_codes(draw: st.DrawFn, *, departements: Sequence[str] | None = None) -> str:
    """COG commune codes: a département code and the commune's number in it.

    Without ``departements``, the codes also include the arrondissements
    municipaux of Paris, Lyon and Marseille and the communes of the
    collectivités d'outre-mer, which have no département.

    Args:
        draw: supplied by hypothesis.
        departements: the départements to draw the communes in; all, and the
            collectivités d'outre-mer, when ``None``.

    Returns:
        A code such as ``"26281"``, ``"2A004"``, ``"97411"``, ``"69381"`` or ``"98735"``.
    """
    if not departements:
        special = draw(st.sampled_from(_SPECIAL_COMMUNES) | st.none())
        if special is not None:
            return special
    dep = draw(st.sampled_from(tuple(departements)) if departements else departement_codes())
    if len(dep) == 3:  # overseas: a 3-digit département, 2 digits for the commune
        return f"{dep}{draw(st.integers(min_value=1, max_value=99)):02d}"
    return f"{dep}{draw(st.integers(min_value=1, max_value=999)):03d}"


#: Codes a département and a number do not make: arrondissements municipaux and COM communes.
_SPECIAL_COMMUNES = (*sorted(_commune.ARRONDISSEMENTS), *sorted(_commune.COLLECTIVITE_COMMUNES))


#: Real NAF rév. 2 codes common among ESS actors.
_COMMON_NAF = (
    "88.99B",
    "94.99Z",
    "85.59A",
    "38.32Z",
    "56.10A",
    "62.01Z",
    "90.01Z",
    "81.21Z",
    "01.13Z",
    "47.11F",
    "70.22Z",
    "84.11Z",
)

#: Real NAF 2025 sous-classes (INSEE's NAF 2025 nomenclature).
_COMMON_NAF_2025 = ("01.11Y", "01.48G", "17.12Y", "20.14Y", "46.87Y")


@functools.cache
def naf_codes(version: NafVersion | str = NafVersion.REV2) -> Strategy[str]:
    """NAF activity codes in Sirene form, such as ``"88.99B"``, of one version.

    Args:
        version: ``"rev2"`` (the default): the 732 sous-classes of NAF rév. 2;
            ``"2025"``: NAF 2025 codes, real ones and codes of its real classes
            with any letter (the letter of a NAF 2025 code is not checked).

    Returns:
        A strategy of codes that :func:`ptcekit.identifiers.naf.validate` accepts for ``version``.

    Raises:
        ValueError: ``version`` is not a :class:`~ptcekit.identifiers.naf.NafVersion`.
    """
    if NafVersion(version) is NafVersion.REV2:
        return st.sampled_from(_COMMON_NAF) | st.sampled_from(sorted(_naf.REV2_SOUS_CLASSES))
    of_classes = st.builds(
        "{}{}".format,
        st.sampled_from(sorted(_naf.classes(NafVersion.NAF2025))),
        st.sampled_from(string.ascii_uppercase),
    )
    return st.sampled_from(_COMMON_NAF_2025) | of_classes


@st.composite
def _naf_fields(draw: st.DrawFn) -> dict[str, Any]:
    """An actor's NAF code and its version, or neither (with the default version or not)."""
    version = draw(st.sampled_from(tuple(NafVersion)))
    return {"naf": draw(_maybe(naf_codes(version))), "naf_version": version}


def legal_categories(*, families: Sequence[LegalFamily] | None = None) -> Strategy[str]:
    """INSEE catégories juridiques from :data:`ptcekit.identifiers.legal_category.TABLE`.

    Args:
        families: keep the codes of these families; every code when ``None``.

    Returns:
        A strategy of 4-digit codes.

    Raises:
        InvalidArgument: no code has one of ``families``.
    """
    wanted = set(families) if families is not None else set(LegalFamily)
    codes = sorted(code for code, entry in _legal_category.TABLE.items() if entry.family in wanted)
    if not codes:
        message = f"no catégorie juridique has one of the families {sorted(wanted)}"
        raise InvalidArgument(message)
    return st.sampled_from(codes)


#: The catégories juridiques each kind of actor is given, by the value that
#: decides it (a form, a kind or a legal status). A cooperative SAS, such as a
#: SCIC SAS, is recorded under the SAS code 5710, whose family is "company".
CATEGORIES_BY_KIND: Mapping[str, Mapping[object, tuple[str, ...]]] = {
    "association": {
        "declared": ("9220", "9221", "9222"),
        "public_utility": ("9230",),
        "local_law": ("9260",),
    },
    "foundation": {None: ("9300",)},
    "mutual": {
        MutualKind.MUTUELLE: ("8210", "8290"),
        MutualKind.INSURANCE: ("6411", "8250"),
        MutualKind.OTHER: ("8290",),
    },
    "cooperative": {
        None: ("5460", "5560", "5194", "6317"),
        CompanyForm.SA: ("5558", "5560", "5551", "5553"),
        CompanyForm.SARL: ("5458", "5460", "5451", "5453"),
        CompanyForm.SAS: ("5710",),
        CompanyForm.SNC: ("5203",),
        CompanyForm.SCS: ("5307",),
        CompanyForm.SCA: ("5309",),
        CompanyForm.CIVIL: ("6560", "6543", "6551"),
        CompanyForm.OTHER: ("5191", "5192", "5194", "6316", "6317"),
    },
    "company": {
        None: ("5499", "5710", "5599"),
        CompanyForm.SA: ("5599", "5505", "5699"),
        CompanyForm.SARL: ("5499", "5498"),
        CompanyForm.SAS: ("5710", "5720"),
        CompanyForm.SNC: ("5202",),
        CompanyForm.SCS: ("5306",),
        CompanyForm.SCA: ("5308", "5385"),
        CompanyForm.SE: ("5800",),
        CompanyForm.CIVIL: ("6599", "6540", "6589"),
        CompanyForm.SOLE_TRADER: ("1000",),
        CompanyForm.OTHER: ("5800", "5308"),
    },
    "public_body": {
        PublicBodyKind.STATE_SERVICE: ("7120", "7171", "7172"),
        PublicBodyKind.REGION: ("7230",),
        PublicBodyKind.DEPARTEMENT: ("7220",),
        PublicBodyKind.EPCI: ("7343", "7344", "7346", "7348"),
        PublicBodyKind.COMMUNE: ("7210",),
        PublicBodyKind.LOCAL_PUBLIC_BODY: ("7361", "7354", "7355", "7379"),
        PublicBodyKind.NATIONAL_PUBLIC_BODY: ("7383", "7389", "4110"),
    },
    "status_body": {
        LegalStatus.PUBLIC: ("7383", "7384", "7389"),
        LegalStatus.ASSOCIATION: ("9220",),
        LegalStatus.FOUNDATION: ("9300",),
        LegalStatus.COOPERATIVE: ("5460", "5560"),
        LegalStatus.COMPANY: ("5499", "5710"),
    },
    "grouping": {
        GroupingKind.GIE: ("6220", "6210"),
        GroupingKind.EMPLOYER_GROUP: ("9223",),
        GroupingKind.GIP: ("7410",),
    },
}


@functools.cache
def _category(kind: str, key: object) -> Strategy[str | None]:
    return _maybe(st.sampled_from(CATEGORIES_BY_KIND[kind][key]))


# ---------------------------------------------------------------------------
# Values
# ---------------------------------------------------------------------------


def moneys(
    *,
    currencies: Sequence[str] = ("EUR",),
    min_amount: Decimal | int = -1_000_000,
    max_amount: Decimal | int = 1_000_000,
) -> Strategy[Money]:
    """Amounts of money with two decimal places.

    Args:
        currencies: the ISO 4217 codes to draw from.
        min_amount: the smallest amount.
        max_amount: the largest amount.

    Returns:
        A strategy of :class:`~ptcekit.model.Money`.

    Raises:
        IdentifierError: one of ``currencies`` is not an ISO 4217 code.
    """
    codes = tuple(_currency.validate(code) for code in currencies)
    amounts = st.decimals(
        min_value=min_amount,
        max_value=max_amount,
        places=2,
        allow_nan=False,
        allow_infinity=False,
    )
    return st.builds(Money, amount=amounts, currency=st.sampled_from(codes))


#: :func:`moneys` made once per set of arguments, for the strategies below.
_fixed_moneys = functools.cache(moneys)


@st.composite
def periods(
    draw: st.DrawFn,
    *,
    min_date: dt.date = MIN_DATE,
    max_date: dt.date = MAX_DATE,
    open_start: bool = True,
    open_end: bool = True,
) -> Period:
    """Periods between two dates, possibly with no start or no end.

    Args:
        draw: supplied by hypothesis.
        min_date: the earliest start.
        max_date: the latest end.
        open_start: whether the start may be unknown (``None``).
        open_end: whether the end may be open (``None``).

    Returns:
        A :class:`~ptcekit.model.Period`.
    """
    days = st.dates(min_value=min_date, max_value=max_date)
    first, second = sorted((draw(days), draw(days)))
    start = None if open_start and draw(st.booleans()) else first
    end = None if open_end and draw(st.booleans()) else second
    return Period(start=start, end=end)


@st.composite
def shares(draw: st.DrawFn, *, exact: bool | None = None) -> Share:
    """Shares of a whole: an exact fraction in (0, 1], or bounds.

    Args:
        draw: supplied by hypothesis.
        exact: ``True`` for exact shares only, ``False`` for bounds only,
            ``None`` for both.

    Returns:
        A :class:`~ptcekit.model.Share`.
    """
    if exact is None:
        exact = draw(st.booleans())
    if exact:
        return Share(fraction=draw(_unit_fractions()))
    shape = draw(st.sampled_from(("minimum", "maximum", "both")))
    if shape == "minimum":
        return Share(minimum=draw(_unit_fractions(positive=False)))
    if shape == "maximum":
        return Share(maximum=draw(_unit_fractions()))
    # the larger of the two is at least the positive one, so the maximum is > 0
    low, high = sorted((draw(_unit_fractions(positive=False)), draw(_unit_fractions())))
    return Share(minimum=low, maximum=high)


_OTHER_SCHEMES = ("GB-COH", "XI-LEI", "FR-RNM", "XM-DAC")


@functools.cache
def identifiers() -> Strategy[Identifier]:
    """Identifiers in a registry: SIREN, SIRET and RNA numbers, and other schemes.

    Returns:
        A strategy of :class:`~ptcekit.model.Identifier`.
    """
    return st.one_of(
        st.builds(Identifier, scheme=st.just("FR-RCS"), value=sirens()),
        st.builds(Identifier, scheme=st.just("FR-SIRET"), value=sirets()),
        st.builds(Identifier, scheme=st.just("FR-RNA"), value=rna_numbers()),
        _foreign_identifiers(),
    )


@functools.cache
def _foreign_identifiers() -> Strategy[Identifier]:
    """Identifiers of schemes other than SIREN, SIRET and RNA (actors have fields for those)."""
    return st.builds(
        Identifier,
        scheme=st.sampled_from(_OTHER_SCHEMES),
        value=st.text(_ID_HEAD, min_size=1, max_size=12),
    )


@st.composite
def places(draw: st.DrawFn, *, communes: Strategy[str] | None = None) -> Place:
    """Places: a commune, and maybe an address and coordinates.

    Args:
        draw: supplied by hypothesis.
        communes: where to draw the commune codes from; :func:`commune_codes` by default.

    Returns:
        A :class:`~ptcekit.model.Place`.
    """
    code = draw(communes if communes is not None else commune_codes())
    address = draw(_maybe(_texts(40)))
    if draw(st.booleans()):
        return Place(commune=code, address=address)
    latitude = draw(st.floats(min_value=-90, max_value=90, allow_nan=False))
    longitude = draw(st.floats(min_value=-180, max_value=180, allow_nan=False))
    return Place(commune=code, address=address, latitude=latitude, longitude=longitude)


_UNITS = ("h", "day", "m2", "fte", "km", "month")


@functools.cache
def quantities() -> Strategy[Quantity]:
    """Quantities with a unit, such as 12 h or 40 m2.

    Returns:
        A strategy of :class:`~ptcekit.model.Quantity`.
    """
    values = st.decimals(
        min_value=0, max_value=10_000, places=2, allow_nan=False, allow_infinity=False
    )
    return st.builds(Quantity, value=values, unit=st.sampled_from(_UNITS))


_LEVEL_CODES: dict[TerritoryLevel, tuple[Any, int]] = {
    TerritoryLevel.COMMUNE: (commune_codes, 2),
    TerritoryLevel.CUSTOM: (commune_codes, 5),
    TerritoryLevel.EPCI: (sirens, 1),
    TerritoryLevel.DEPARTEMENT: (departement_codes, 3),
    TerritoryLevel.REGION: (region_codes, 2),
}


@st.composite
def territories(draw: st.DrawFn, *, levels: Sequence[TerritoryLevel] | None = None) -> Territory:
    """Territories of every level, with valid codes of that level.

    Args:
        draw: supplied by hypothesis.
        levels: the levels to draw from; every level when ``None``.

    Returns:
        A :class:`~ptcekit.model.Territory`.
    """
    level = draw(st.sampled_from(tuple(levels) if levels else tuple(TerritoryLevel)))
    codes_of, most = _LEVEL_CODES[level]
    year = draw(st.integers(min_value=2015, max_value=2025))
    if level is TerritoryLevel.REGION and year < _region.FIRST_MERGED_YEAR:
        codes_of = _regions_2015  # the régions of before the merger of 1 January 2016
    codes = draw(st.lists(codes_of(), min_size=1, max_size=most, unique=True))
    return Territory(name=draw(_texts()), level=level, codes=tuple(codes), cog_year=year)


@functools.cache
def _regions_2015() -> Strategy[str]:
    return st.sampled_from(sorted(_region.NAMES_2015))


def _communes_in(territory: Territory | None) -> Strategy[str]:
    """Commune codes that lie in ``territory`` (anywhere when it cannot tell).

    For a territory of départements or régions, the real communes of its COG
    vintage (read the first time it is asked).
    """
    if territory is None or territory.level is TerritoryLevel.EPCI:
        return commune_codes()
    if territory.level in (TerritoryLevel.COMMUNE, TerritoryLevel.CUSTOM):
        return st.sampled_from(territory.codes)
    return st.sampled_from(sorted(territory.communes()))


# ---------------------------------------------------------------------------
# Governance
# ---------------------------------------------------------------------------


@functools.cache
def colleges() -> Strategy[College]:
    """Vote colleges, with or without a weight.

    Returns:
        A strategy of :class:`~ptcekit.model.College`.
    """
    return st.builds(
        College,
        name=_texts(16),
        weight=_maybe(_unit_fractions(positive=False)),
        description=_maybe(_texts(40)),
    )


@st.composite
def _body(draw: st.DrawFn) -> Body:
    seats = draw(_maybe(st.integers(min_value=1, max_value=60)))
    most = 60 if seats is None else seats
    return Body(
        kind=draw(st.sampled_from(BodyKind)),
        name=draw(_maybe(_texts())),
        seats=seats,
        non_employee_seats=draw(_maybe(st.integers(min_value=0, max_value=most))),
    )


@functools.cache
def bodies() -> Strategy[Body]:
    """Governing bodies: general assembly, board, steering committee.

    The seats held by associés who are not employees, when drawn, are at
    most the body's seats.

    Returns:
        A strategy of :class:`~ptcekit.model.Body`.
    """
    return _body()


@st.composite
def governances(draw: st.DrawFn, *, max_colleges: int = 3) -> Governance:
    """Governances: bodies, a voting scheme, colleges with distinct names, quorum and majority.

    With weighted colleges, the colleges' weights sum to exactly 1.

    Args:
        draw: supplied by hypothesis.
        max_colleges: the most colleges to draw.

    Returns:
        A :class:`~ptcekit.model.Governance`.
    """
    voting = draw(st.sampled_from(VotingScheme))
    weighted = voting is VotingScheme.WEIGHTED_COLLEGES
    names = draw(
        st.lists(
            _texts(16),
            min_size=min(2, max_colleges) if weighted else 0,
            max_size=max_colleges,
            unique=True,
        )
    )
    weights: tuple[Fraction | None, ...] = (
        draw(_parts_of_one(len(names))) if weighted and names else (None,) * len(names)
    )
    return Governance(
        bodies=tuple(draw(st.lists(bodies(), max_size=2))),
        voting=voting,
        colleges=tuple(College(name=n, weight=w) for n, w in zip(names, weights, strict=True)),
        quorum=draw(_maybe(_unit_fractions(positive=False))),
        majority=draw(_maybe(_unit_fractions())),
    )


# ---------------------------------------------------------------------------
# Actors
# ---------------------------------------------------------------------------


@st.composite
def associate_categories(
    draw: st.DrawFn,
    *,
    capital_share: Fraction | None = None,
    vote_share: Fraction | None = None,
    college_names: Sequence[str] = (),
) -> AssociateCategory:
    """Categories of associés of a cooperative.

    Args:
        draw: supplied by hypothesis.
        capital_share: the share of capital to give; drawn when ``None``.
        vote_share: the share of votes to give; drawn when ``None``.
        college_names: the colleges the category may sit in.

    Returns:
        An :class:`~ptcekit.model.AssociateCategory`.
    """
    return AssociateCategory(
        role=draw(st.sampled_from(AssociateRole)),
        count=draw(_maybe(st.integers(min_value=0, max_value=500))),
        capital_share=(
            capital_share
            if capital_share is not None
            else draw(_maybe(_unit_fractions(positive=False)))
        ),
        vote_share=(
            vote_share if vote_share is not None else draw(_maybe(_unit_fractions(positive=False)))
        ),
        college=draw(_maybe(st.sampled_from(tuple(college_names)))) if college_names else None,
        label=draw(_maybe(_texts())),
    )


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year + years, day=28)


@st.composite
def esus_approvals(draw: st.DrawFn) -> EsusApproval:
    """ESUS agréments: five years (or two, for a young enterprise) from a decision.

    Args:
        draw: supplied by hypothesis.

    Returns:
        An :class:`~ptcekit.model.EsusApproval`.
    """
    start = draw(st.dates(min_value=dt.date(2014, 8, 1), max_value=dt.date(2030, 12, 31)))
    years = draw(st.sampled_from((5, 2)))
    period = Period(start=start, end=_add_years(start, years) - dt.timedelta(days=1))
    decided = draw(_maybe(st.just(start)))
    return EsusApproval(period=period, by_right=draw(st.booleans()), decided=decided)


@st.composite
def pay_data(draw: st.DrawFn) -> PayData:
    """Pay data for the ESUS caps: the highest pay is at least the top-five average.

    Args:
        draw: supplied by hypothesis.

    Returns:
        A :class:`~ptcekit.model.PayData`.
    """
    minimum = draw(_fixed_moneys(min_amount=18_000, max_amount=25_000))
    average = draw(moneys(min_amount=minimum.amount, max_amount=250_000))
    highest = draw(moneys(min_amount=average.amount, max_amount=300_000))
    return PayData(
        year=draw(st.integers(min_value=2015, max_value=2030)),
        top5_average=average,
        highest=highest,
        reference_minimum=minimum,
    )


@functools.cache
def _seats(departements: tuple[str, ...] | None) -> Strategy[Place]:
    """Places in ``departements`` (anywhere when ``None``), made once per tuple."""
    return places(communes=commune_codes(departements=departements))


@functools.cache
def _websites() -> Strategy[str]:
    return st.text(string.ascii_lowercase, min_size=1, max_size=12).map(
        "https://{}.example.org".format
    )


@st.composite
def _actor_fields(
    draw: st.DrawFn,
    *,
    ids: Strategy[str] | None,
    categories: Strategy[str | None],
    seat_departements: tuple[str, ...] | None = None,
) -> dict[str, Any]:
    """The fields every organisation shares: id, name, identifiers, seat and the others."""
    number = draw(_maybe(sirens()))
    fields: dict[str, Any] = {
        "id": draw(ids if ids is not None else record_ids()),
        "name": draw(_texts()),
        "siren": number,
        "sirets": tuple(
            draw(st.lists(sirets(number), max_size=2, unique=True)) if number is not None else ()
        ),
        "identifiers": tuple(draw(st.lists(_foreign_identifiers(), max_size=1, unique=True))),
        "legal_category": draw(categories),
        **draw(_naf_fields()),
        "seat": draw(_maybe(_seats(seat_departements))),
        "founded": draw(_maybe(_dates())),
        "headcount": draw(_maybe(st.integers(min_value=0, max_value=500))),
        "website": draw(_maybe(_websites())),
        "description": draw(_maybe(_texts(60))),
        "governance": draw(_maybe(_default(governances))),
    }
    return fields


@st.composite
def persons(draw: st.DrawFn, *, ids: Strategy[str] | None = None) -> Person:
    """Natural persons, with the minimal data the model needs: an id and a name.

    Args:
        draw: supplied by hypothesis.
        ids: where to draw the id from; :func:`record_ids` by default.

    Returns:
        A :class:`~ptcekit.model.Person`.
    """
    return Person(
        id=draw(ids if ids is not None else record_ids()),
        name=draw(_texts()),
        description=draw(_maybe(_texts(60))),
    )


#: Départements under the local law of Alsace-Moselle.
_ALSACE_MOSELLE = ("57", "67", "68")


@st.composite
def _esus_fields(draw: st.DrawFn, *, holder: bool) -> dict[str, Any]:
    """An ESUS agrément (for an ESS ``holder`` only), pay data and Sirene's ESS flag."""
    return {
        "esus": draw(_maybe(_default(esus_approvals))) if holder else None,
        "pay": draw(_maybe(_default(pay_data))),
        "sirene_ess": draw(st.sampled_from((True, False, None))),
    }


@st.composite
def associations(draw: st.DrawFn, *, ids: Strategy[str] | None = None) -> Association:
    """Associations: loi 1901 (with an RNA number), RUP, or Alsace-Moselle local law (without).

    Args:
        draw: supplied by hypothesis.
        ids: where to draw the id from; :func:`record_ids` by default.

    Returns:
        An :class:`~ptcekit.model.Association`.
    """
    shape = draw(st.sampled_from(("declared", "public_utility", "local_law")))
    local_law = shape == "local_law"
    fields = draw(
        _actor_fields(
            ids=ids,
            categories=_category("association", shape),
            seat_departements=_ALSACE_MOSELLE if local_law else None,
        )
    )
    return Association(
        **fields,
        rna=None if local_law else draw(_maybe(rna_numbers())),
        public_utility=shape == "public_utility",
        local_law=local_law,
        member_count=draw(_maybe(st.integers(min_value=0, max_value=5000))),
        **draw(_esus_fields(holder=True)),
    )


@st.composite
def foundations(draw: st.DrawFn, *, ids: Strategy[str] | None = None) -> Foundation:
    """Foundations.

    Args:
        draw: supplied by hypothesis.
        ids: where to draw the id from; :func:`record_ids` by default.

    Returns:
        A :class:`~ptcekit.model.Foundation`.
    """
    fields = draw(_actor_fields(ids=ids, categories=_category("foundation", None)))
    return Foundation(
        **fields, public_utility=draw(st.booleans()), **draw(_esus_fields(holder=True))
    )


@st.composite
def mutuals(draw: st.DrawFn, *, ids: Strategy[str] | None = None) -> Mutual:
    """Mutuals of every kind.

    Args:
        draw: supplied by hypothesis.
        ids: where to draw the id from; :func:`record_ids` by default.

    Returns:
        A :class:`~ptcekit.model.Mutual`.
    """
    kind = draw(st.sampled_from(MutualKind))
    fields = draw(_actor_fields(ids=ids, categories=_category("mutual", kind)))
    return Mutual(**fields, kind=kind, **draw(_esus_fields(holder=kind is not MutualKind.OTHER)))


_NO_COOPERATIVE = frozenset({CompanyForm.SOLE_TRADER, CompanyForm.SE})


@st.composite
def cooperatives(draw: st.DrawFn, *, ids: Strategy[str] | None = None) -> Cooperative:
    """Cooperatives of every kind, with associés whose shares sum to at most 1.

    Associés sit in the colleges of the cooperative's governance, when it has some.

    Args:
        draw: supplied by hypothesis.
        ids: where to draw the id from; :func:`record_ids` by default.

    Returns:
        A :class:`~ptcekit.model.Cooperative`.
    """
    # INSEE has no code for a cooperative société européenne: none is drawn
    form = draw(_maybe(st.sampled_from([f for f in CompanyForm if f not in _NO_COOPERATIVE])))
    fields = draw(_actor_fields(ids=ids, categories=_category("cooperative", form)))
    governance: Governance | None = fields["governance"]
    college_names = sorted(governance.college_names) if governance is not None else []
    count = draw(st.integers(min_value=0, max_value=3))
    # one part more than categories, left out: the shares sum to at most 1
    capital = draw(_parts_of_one(count + 1))[:count]
    votes = draw(_parts_of_one(count + 1))[:count]
    associates = tuple(
        draw(associate_categories(capital_share=c, vote_share=v, college_names=college_names))
        for c, v in zip(capital, votes, strict=True)
    )
    return Cooperative(
        **fields,
        kind=draw(st.sampled_from(CooperativeKind)),
        form=form,
        variable_capital=draw(st.booleans()),
        capital=draw(_maybe(_fixed_moneys(min_amount=0, max_amount=1_000_000))),
        associates=tuple(associates),
        **draw(_esus_fields(holder=True)),
    )


@st.composite
def companies(draw: st.DrawFn, *, ids: Strategy[str] | None = None) -> Company:
    """Companies, with ESS statutes, without, or unknown; only ESS ones hold an ESUS agrément.

    Args:
        draw: supplied by hypothesis.
        ids: where to draw the id from; :func:`record_ids` by default.

    Returns:
        A :class:`~ptcekit.model.Company`.
    """
    form = draw(_maybe(st.sampled_from(CompanyForm)))
    fields = draw(_actor_fields(ids=ids, categories=_category("company", form)))
    ess = draw(st.sampled_from((True, False, None)))
    commercial = form is None or form.is_commercial is not False
    return Company(
        **fields,
        form=form,
        ess_statutes=ess,
        mission_company=draw(st.booleans()),
        size=draw(_maybe(st.sampled_from(CompanySize))),
        **draw(_esus_fields(holder=ess is True and commercial)),
    )


@st.composite
def public_bodies(draw: st.DrawFn, *, ids: Strategy[str] | None = None) -> PublicBody:
    """Public bodies: State services, local authorities, EPCI, public establishments.

    Args:
        draw: supplied by hypothesis.
        ids: where to draw the id from; :func:`record_ids` by default.

    Returns:
        A :class:`~ptcekit.model.PublicBody`.
    """
    kind = draw(st.sampled_from(PublicBodyKind))
    fields = draw(_actor_fields(ids=ids, categories=_category("public_body", kind)))
    return PublicBody(**fields, kind=kind)


@st.composite
def research_bodies(draw: st.DrawFn, *, ids: Strategy[str] | None = None) -> ResearchBody:
    """Research bodies of every legal status.

    Args:
        draw: supplied by hypothesis.
        ids: where to draw the id from; :func:`record_ids` by default.

    Returns:
        A :class:`~ptcekit.model.ResearchBody`.
    """
    status = draw(st.sampled_from(LegalStatus))
    fields = draw(_actor_fields(ids=ids, categories=_category("status_body", status)))
    return ResearchBody(**fields, legal_status=status)


@st.composite
def training_bodies(draw: st.DrawFn, *, ids: Strategy[str] | None = None) -> TrainingBody:
    """Training bodies of every legal status.

    Args:
        draw: supplied by hypothesis.
        ids: where to draw the id from; :func:`record_ids` by default.

    Returns:
        A :class:`~ptcekit.model.TrainingBody`.
    """
    status = draw(st.sampled_from(LegalStatus))
    fields = draw(_actor_fields(ids=ids, categories=_category("status_body", status)))
    return TrainingBody(**fields, legal_status=status)


@st.composite
def groupings(
    draw: st.DrawFn,
    *,
    ids: Strategy[str] | None = None,
    member_ids: Sequence[str] | None = None,
) -> Grouping:
    """Groupings that are actors: GIE, groupements d'employeurs, GIP.

    Args:
        draw: supplied by hypothesis.
        ids: where to draw the id from; :func:`record_ids` by default.
        member_ids: the actor ids the members are drawn from; made up when ``None``.

    Returns:
        A :class:`~ptcekit.model.Grouping`.
    """
    kind = draw(st.sampled_from(GroupingKind))
    fields = draw(_actor_fields(ids=ids, categories=_category("grouping", kind)))
    members = draw(_distinct_refs(member_ids, 0, 4, "grouping members"))
    members = [member for member in members if member != fields["id"]]
    return Grouping(**fields, kind=kind, members=tuple(members))


def organisations(
    *, ids: Strategy[str] | None = None, actor_ids: Sequence[str] | None = None
) -> Strategy[Organisation]:
    """Organisations (legal persons) of every kind.

    Args:
        ids: where to draw the ids from; :func:`record_ids` by default.
        actor_ids: the actor ids a grouping's members are drawn from; made up when ``None``.

    Returns:
        A strategy of every :class:`~ptcekit.model.Organisation` kind.
    """
    return st.one_of(
        associations(ids=ids),
        foundations(ids=ids),
        mutuals(ids=ids),
        cooperatives(ids=ids),
        companies(ids=ids),
        public_bodies(ids=ids),
        research_bodies(ids=ids),
        training_bodies(ids=ids),
        groupings(ids=ids, member_ids=actor_ids),
    )


def actors(
    *, ids: Strategy[str] | None = None, actor_ids: Sequence[str] | None = None
) -> Strategy[Actor]:
    """Actors of every kind: persons and organisations.

    Args:
        ids: where to draw the ids from; :func:`record_ids` by default.
        actor_ids: the actor ids a grouping's members are drawn from; made up when ``None``.

    Returns:
        A strategy of every :class:`~ptcekit.model.Actor` kind.
    """
    return st.one_of(persons(ids=ids), organisations(ids=ids, actor_ids=actor_ids))


# ---------------------------------------------------------------------------
# Pôles
# ---------------------------------------------------------------------------


@st.composite
def memberships(
    draw: st.DrawFn,
    *,
    actor_ids: Sequence[str] | None = None,
    college_names: Sequence[str] = (),
) -> Membership:
    """Memberships of a pôle, with a role, maybe dates and a college.

    Args:
        draw: supplied by hypothesis.
        actor_ids: the actor ids to draw the member from; made up when ``None``.
        college_names: the colleges the member may sit in.

    Returns:
        A :class:`~ptcekit.model.Membership`.
    """
    return Membership(
        actor=draw(_ref(actor_ids, "a membership")),
        role=draw(st.sampled_from(MemberRole)),
        period=draw(_maybe(_default(periods))),
        college=draw(_maybe(st.sampled_from(tuple(college_names)))) if college_names else None,
    )


_DOMAINS = ("recyclage", "culture", "alimentation", "mobilité", "numérique", "insertion")
_LABELS = ("aap-ptce-2013", "aap-ptce-2015", "french-impact", "territoires-d-industrie")


@st.composite
def poles(
    draw: st.DrawFn,
    *,
    ids: Strategy[str] | None = None,
    actor_ids: Sequence[str] | None = None,
    organisation_ids: Sequence[str] | None = None,
    max_members: int = 5,
) -> Pole:
    """Pôles territoriaux de coopération économique, with distinct members.

    The lead, when there is one, is a member with the role ``lead``; members
    sit in the governance's colleges; the place lies in the territory.

    Args:
        draw: supplied by hypothesis.
        ids: where to draw the id from; :func:`record_ids` by default.
        actor_ids: the actor ids the members are drawn from; made up when ``None``.
        organisation_ids: the actor ids the legal vehicle is drawn from; made
            up when ``None``, none when empty.
        max_members: the most members to draw.

    Returns:
        A :class:`~ptcekit.model.Pole`.
    """
    governance = draw(_maybe(_default(governances)))
    college_names = sorted(governance.college_names) if governance is not None else []
    members = draw(_distinct_refs(actor_ids, 0, max_members, "pôle members"))
    lead_at = (
        draw(_maybe(st.integers(min_value=0, max_value=len(members) - 1))) if members else None
    )
    territory = draw(_maybe(_default(territories)))
    built = []
    for position, actor in enumerate(members):
        membership = draw(memberships(actor_ids=(actor,), college_names=college_names))
        if position == lead_at:
            membership = Membership(
                actor=actor,
                role=MemberRole.LEAD,
                period=membership.period,
                college=membership.college,
            )
        elif membership.role is MemberRole.LEAD:
            membership = Membership(
                actor=actor,
                role=MemberRole.MEMBER,
                period=membership.period,
                college=membership.college,
            )
        built.append(membership)
    founded = draw(_maybe(_dates()))
    dissolved = draw(_maybe(_dates()))
    if founded is not None and dissolved is not None and dissolved < founded:
        founded, dissolved = dissolved, founded
    return Pole(
        id=draw(ids if ids is not None else record_ids()),
        name=draw(_texts()),
        territory=territory,
        founded=founded,
        dissolved=dissolved,
        lead=members[lead_at] if lead_at is not None else None,
        legal_vehicle=draw(_optional_ref(organisation_ids)),
        domains=tuple(draw(st.lists(st.sampled_from(_DOMAINS), max_size=2, unique=True))),
        place=draw(_maybe(places(communes=_communes_in(territory)))),
        labels=tuple(draw(st.lists(st.sampled_from(_LABELS), max_size=2, unique=True))),
        strategy=draw(_maybe(_texts(60))),
        memberships=tuple(built),
        governance=governance,
        website=draw(_maybe(_websites())),
        description=draw(_maybe(_texts(60))),
    )


# ---------------------------------------------------------------------------
# Mutualised assets
# ---------------------------------------------------------------------------


def ownerships(*, actor_ids: Sequence[str] | None = None) -> Strategy[Ownership]:
    """Ownership shares of an asset, maybe dated.

    Args:
        actor_ids: the actor ids to draw the owner from; made up when ``None``.

    Returns:
        A strategy of :class:`~ptcekit.model.Ownership`.
    """
    return st.builds(
        Ownership,
        actor=_ref(actor_ids, "an ownership"),
        share=_default(shares),
        period=_maybe(_default(periods)),
    )


@st.composite
def allocations(draw: st.DrawFn, *, actor_ids: Sequence[str] | None = None) -> Allocation:
    """Allocations of an asset's use, with at most one measure (share, fte or hours).

    Args:
        draw: supplied by hypothesis.
        actor_ids: the actor ids to draw the user from; made up when ``None``.

    Returns:
        An :class:`~ptcekit.model.Allocation`.
    """
    actor = draw(_ref(actor_ids, "an allocation"))
    period = draw(_maybe(_default(periods)))
    measure = draw(st.sampled_from(("share", "fte", "hours", None)))
    if measure == "share":
        return Allocation(actor=actor, period=period, share=draw(_default(shares)))
    if measure == "fte":
        return Allocation(actor=actor, period=period, fte=draw(_unit_fractions()))
    if measure == "hours":
        hours = st.decimals(min_value="0.5", max_value=2000, places=1, allow_nan=False)
        return Allocation(actor=actor, period=period, hours=draw(hours))
    return Allocation(actor=actor, period=period)


def key_shares(*, actor_ids: Sequence[str] | None = None) -> Strategy[KeyShare]:
    """Actors' fixed parts of a cost.

    Args:
        actor_ids: the actor ids to draw from; made up when ``None``.

    Returns:
        A strategy of :class:`~ptcekit.model.KeyShare`.
    """
    return st.builds(KeyShare, actor=_ref(actor_ids, "a key share"), fraction=_unit_fractions())


@st.composite
def cost_sharing_keys(draw: st.DrawFn, *, actor_ids: Sequence[str] | None = None) -> CostSharingKey:
    """Cost-sharing keys; a ``fixed`` key's parts go to distinct actors and sum to 1.

    Args:
        draw: supplied by hypothesis.
        actor_ids: the actor ids a fixed key's parts go to; made up when
            ``None``; with an empty sequence, only derived keys are drawn.

    Returns:
        A :class:`~ptcekit.model.CostSharingKey`.
    """
    methods = [
        m
        for m in CostSharingMethod
        if actor_ids is None or actor_ids or m is not CostSharingMethod.FIXED
    ]
    method = draw(st.sampled_from(methods))
    if method is not CostSharingMethod.FIXED:
        return CostSharingKey(method=method)
    payers = draw(_distinct_refs(actor_ids, 1, 3, "fixed key shares"))
    parts = draw(_parts_of_one(len(payers)))
    return CostSharingKey(
        method=method,
        shares=tuple(KeyShare(actor=a, fraction=f) for a, f in zip(payers, parts, strict=True)),
    )


@st.composite
def _asset_fields(
    draw: st.DrawFn,
    *,
    ids: Strategy[str] | None,
    actor_ids: Sequence[str] | None,
    pole_ids: Sequence[str] | None,
    agreement_ids: Sequence[str] | None,
) -> dict[str, Any]:
    """The fields every asset shares; owners' exact shares sum to 1."""
    owner_ids = draw(_distinct_refs(actor_ids, 0, 3, "owners"))
    parts = draw(_parts_of_one(len(owner_ids))) if owner_ids else ()
    held = draw(_maybe(_default(periods)))
    owners = tuple(
        Ownership(actor=a, share=Share(fraction=f), period=held)
        for a, f in zip(owner_ids, parts, strict=True)
    )
    user_ids = draw(_distinct_refs(actor_ids, 0, 4, "users"))
    users = tuple(draw(allocations(actor_ids=(user,))) for user in user_ids)
    return {
        "id": draw(ids if ids is not None else record_ids()),
        "name": draw(_texts()),
        "owners": owners,
        "users": users,
        "annual_cost": draw(_maybe(_fixed_moneys(min_amount=0, max_amount=500_000))),
        "cost_key": draw(_maybe(cost_sharing_keys(actor_ids=user_ids or owner_ids))),
        "pole": draw(_optional_ref(pole_ids)),
        "agreement": draw(_optional_ref(agreement_ids)),
        "description": draw(_maybe(_texts(60))),
    }


@st.composite
def shared_premises(
    draw: st.DrawFn,
    *,
    ids: Strategy[str] | None = None,
    actor_ids: Sequence[str] | None = None,
    pole_ids: Sequence[str] | None = None,
    agreement_ids: Sequence[str] | None = None,
) -> SharedPremises:
    """Shared premises, maybe with an area and a place.

    Args:
        draw: supplied by hypothesis.
        ids: where to draw the id from; :func:`record_ids` by default.
        actor_ids: the actor ids owners and users are drawn from; made up when ``None``.
        pole_ids: the pôle ids to refer to; made up when ``None``, none when empty.
        agreement_ids: the agreement ids to refer to; made up when ``None``, none when empty.

    Returns:
        A :class:`~ptcekit.model.SharedPremises`.
    """
    fields = draw(
        _asset_fields(ids=ids, actor_ids=actor_ids, pole_ids=pole_ids, agreement_ids=agreement_ids)
    )
    area = st.decimals(min_value=1, max_value=20_000, places=1, allow_nan=False)
    return SharedPremises(**fields, area=draw(_maybe(area)), place=draw(_maybe(_default(places))))


@st.composite
def shared_equipment(
    draw: st.DrawFn,
    *,
    ids: Strategy[str] | None = None,
    actor_ids: Sequence[str] | None = None,
    pole_ids: Sequence[str] | None = None,
    agreement_ids: Sequence[str] | None = None,
) -> SharedEquipment:
    """Shared equipment and vehicles.

    Args:
        draw: supplied by hypothesis.
        ids: where to draw the id from; :func:`record_ids` by default.
        actor_ids: the actor ids owners and users are drawn from; made up when ``None``.
        pole_ids: the pôle ids to refer to; made up when ``None``, none when empty.
        agreement_ids: the agreement ids to refer to; made up when ``None``, none when empty.

    Returns:
        A :class:`~ptcekit.model.SharedEquipment`.
    """
    fields = draw(
        _asset_fields(ids=ids, actor_ids=actor_ids, pole_ids=pole_ids, agreement_ids=agreement_ids)
    )
    return SharedEquipment(**fields, vehicle=draw(st.booleans()))


@st.composite
def shared_employees(
    draw: st.DrawFn,
    *,
    ids: Strategy[str] | None = None,
    actor_ids: Sequence[str] | None = None,
    employer_ids: Sequence[str] | None = None,
    pole_ids: Sequence[str] | None = None,
    agreement_ids: Sequence[str] | None = None,
) -> SharedEmployee:
    """Shared employees, with their working time and maybe an employer.

    Args:
        draw: supplied by hypothesis.
        ids: where to draw the id from; :func:`record_ids` by default.
        actor_ids: the actor ids owners and users are drawn from; made up when ``None``.
        employer_ids: the actor ids the employer is drawn from; made up when
            ``None``, none when empty.
        pole_ids: the pôle ids to refer to; made up when ``None``, none when empty.
        agreement_ids: the agreement ids to refer to; made up when ``None``, none when empty.

    Returns:
        A :class:`~ptcekit.model.SharedEmployee`.
    """
    fields = draw(
        _asset_fields(ids=ids, actor_ids=actor_ids, pole_ids=pole_ids, agreement_ids=agreement_ids)
    )
    return SharedEmployee(
        **fields,
        fte=draw(_unit_fractions()),
        employer=draw(_optional_ref(employer_ids)),
        job=draw(_maybe(_texts())),
    )


@st.composite
def shared_funds(
    draw: st.DrawFn,
    *,
    ids: Strategy[str] | None = None,
    actor_ids: Sequence[str] | None = None,
    pole_ids: Sequence[str] | None = None,
    agreement_ids: Sequence[str] | None = None,
) -> SharedFund:
    """Pooled funds, maybe with an endowment.

    Args:
        draw: supplied by hypothesis.
        ids: where to draw the id from; :func:`record_ids` by default.
        actor_ids: the actor ids owners and users are drawn from; made up when ``None``.
        pole_ids: the pôle ids to refer to; made up when ``None``, none when empty.
        agreement_ids: the agreement ids to refer to; made up when ``None``, none when empty.

    Returns:
        A :class:`~ptcekit.model.SharedFund`.
    """
    fields = draw(
        _asset_fields(ids=ids, actor_ids=actor_ids, pole_ids=pole_ids, agreement_ids=agreement_ids)
    )
    endowment = _fixed_moneys(min_amount=0, max_amount=5_000_000)
    return SharedFund(**fields, endowment=draw(_maybe(endowment)))


@st.composite
def shared_services(
    draw: st.DrawFn,
    *,
    ids: Strategy[str] | None = None,
    actor_ids: Sequence[str] | None = None,
    pole_ids: Sequence[str] | None = None,
    agreement_ids: Sequence[str] | None = None,
) -> SharedService:
    """Shared services: accounting, reception, communication.

    Args:
        draw: supplied by hypothesis.
        ids: where to draw the id from; :func:`record_ids` by default.
        actor_ids: the actor ids owners and users are drawn from; made up when ``None``.
        pole_ids: the pôle ids to refer to; made up when ``None``, none when empty.
        agreement_ids: the agreement ids to refer to; made up when ``None``, none when empty.

    Returns:
        A :class:`~ptcekit.model.SharedService`.
    """
    fields = draw(
        _asset_fields(ids=ids, actor_ids=actor_ids, pole_ids=pole_ids, agreement_ids=agreement_ids)
    )
    return SharedService(**fields, service=draw(_maybe(_texts(40))))


@st.composite
def immaterial_assets(
    draw: st.DrawFn,
    *,
    ids: Strategy[str] | None = None,
    actor_ids: Sequence[str] | None = None,
    pole_ids: Sequence[str] | None = None,
    agreement_ids: Sequence[str] | None = None,
) -> ImmaterialAsset:
    """Immaterial assets: brands, software, know-how.

    Args:
        draw: supplied by hypothesis.
        ids: where to draw the id from; :func:`record_ids` by default.
        actor_ids: the actor ids owners and users are drawn from; made up when ``None``.
        pole_ids: the pôle ids to refer to; made up when ``None``, none when empty.
        agreement_ids: the agreement ids to refer to; made up when ``None``, none when empty.

    Returns:
        An :class:`~ptcekit.model.ImmaterialAsset`.
    """
    fields = draw(
        _asset_fields(ids=ids, actor_ids=actor_ids, pole_ids=pole_ids, agreement_ids=agreement_ids)
    )
    return ImmaterialAsset(**fields, kind=draw(st.sampled_from(ImmaterialKind)))


def mutualised_assets(
    *,
    ids: Strategy[str] | None = None,
    actor_ids: Sequence[str] | None = None,
    employer_ids: Sequence[str] | None = None,
    pole_ids: Sequence[str] | None = None,
    agreement_ids: Sequence[str] | None = None,
) -> Strategy[MutualisedAsset]:
    """Mutualised assets of every kind.

    Args:
        ids: where to draw the ids from; :func:`record_ids` by default.
        actor_ids: the actor ids owners and users are drawn from; made up when ``None``.
        employer_ids: the actor ids a shared employee's employer is drawn from;
            made up when ``None``, none when empty.
        pole_ids: the pôle ids to refer to; made up when ``None``, none when empty.
        agreement_ids: the agreement ids to refer to; made up when ``None``, none when empty.

    Returns:
        A strategy of every :class:`~ptcekit.model.MutualisedAsset` kind.
    """
    refs: dict[str, Any] = {
        "ids": ids,
        "actor_ids": actor_ids,
        "pole_ids": pole_ids,
        "agreement_ids": agreement_ids,
    }
    return st.one_of(
        shared_premises(**refs),
        shared_equipment(**refs),
        shared_employees(**refs, employer_ids=employer_ids),
        shared_funds(**refs),
        shared_services(**refs),
        immaterial_assets(**refs),
    )


# ---------------------------------------------------------------------------
# Agreements
# ---------------------------------------------------------------------------

_PARTY_ROLES = ("financeur", "porteur", "bénéficiaire", "employeur", "partenaire")


def parties(*, actor_ids: Sequence[str] | None = None) -> Strategy[Party]:
    """Parties to an agreement, maybe with a role.

    Args:
        actor_ids: the actor ids to draw the party from; made up when ``None``.

    Returns:
        A strategy of :class:`~ptcekit.model.Party`.
    """
    return st.builds(
        Party, actor=_ref(actor_ids, "a party"), role=_maybe(st.sampled_from(_PARTY_ROLES))
    )


@st.composite
def commitments(
    draw: st.DrawFn,
    *,
    party_ids: Sequence[str] | None = None,
    asset_ids: Sequence[str] | None = None,
    period: Period | None = None,
) -> Commitment:
    """Commitments: money with an amount, other kinds with an amount, a quantity or neither.

    Args:
        draw: supplied by hypothesis.
        party_ids: the actor ids to draw the committing party from; made up when ``None``.
        asset_ids: the asset ids to refer to; made up when ``None``, none when empty.
        period: the period a commitment may run over; drawn when ``None``.

    Returns:
        A :class:`~ptcekit.model.Commitment`.
    """
    kind = draw(st.sampled_from(CommitmentKind))
    measures = ("amount", None) if kind is CommitmentKind.MONEY else ("amount", "quantity", None)
    measure = draw(st.sampled_from(measures))
    return Commitment(
        party=draw(_ref(party_ids, "a commitment")),
        kind=kind,
        amount=draw(_fixed_moneys(min_amount=0, max_amount=200_000))
        if measure == "amount"
        else None,
        quantity=draw(quantities()) if measure == "quantity" else None,
        recurrence=draw(st.sampled_from(Recurrence)),
        period=draw(_maybe(st.just(period) if period is not None else _default(periods))),
        asset=draw(_optional_ref(asset_ids)),
        description=draw(_maybe(_texts(60))),
    )


@st.composite
def partnership_agreements(
    draw: st.DrawFn,
    *,
    ids: Strategy[str] | None = None,
    actor_ids: Sequence[str] | None = None,
    asset_ids: Sequence[str] | None = None,
    pole_ids: Sequence[str] | None = None,
    max_parties: int = 4,
    max_commitments: int = 3,
) -> PartnershipAgreement:
    """Partnership agreements between distinct parties, whose commitments come from those parties.

    Args:
        draw: supplied by hypothesis.
        ids: where to draw the id from; :func:`record_ids` by default.
        actor_ids: the actor ids the parties are drawn from (at least 2); made up when ``None``.
        asset_ids: the asset ids commitments refer to; made up when ``None``, none when empty.
        pole_ids: the pôle ids to refer to; made up when ``None``, none when empty.
        max_parties: the most parties to draw (at least 2).
        max_commitments: the most commitments to draw.

    Returns:
        A :class:`~ptcekit.model.PartnershipAgreement`.
    """
    party_ids = draw(_distinct_refs(actor_ids, 2, max(2, max_parties), "agreement parties"))
    period = draw(_maybe(_default(periods)))
    return PartnershipAgreement(
        id=draw(ids if ids is not None else record_ids()),
        title=draw(_texts(40)),
        kind=draw(st.sampled_from(AgreementKind)),
        parties=tuple(draw(parties(actor_ids=(actor,))) for actor in party_ids),
        period=period,
        signed=draw(_maybe(_dates())),
        renewal=draw(st.sampled_from(Renewal)),
        notice_days=draw(_maybe(st.integers(min_value=0, max_value=365))),
        commitments=tuple(
            draw(
                st.lists(
                    commitments(party_ids=party_ids, asset_ids=asset_ids, period=period),
                    max_size=max_commitments,
                )
            )
        ),
        pole=draw(_optional_ref(pole_ids)),
        description=draw(_maybe(_texts(60))),
    )


# ---------------------------------------------------------------------------
# Statutes, registers and meetings
# ---------------------------------------------------------------------------


@functools.cache
def quorums() -> Strategy[Quorum]:
    """Quorums: a part in (0, 1] of the members, votes or capital.

    Returns:
        A strategy of :class:`~ptcekit.model.Quorum`.
    """
    return st.builds(
        Quorum,
        share=_unit_fractions(),
        basis=st.sampled_from(QuorumBasis),
        represented=st.booleans(),
        remote=st.booleans(),
    )


@functools.cache
def majorities() -> Strategy[Majority]:
    """Majorities: a threshold, strict or not, of one base, with abstentions and blanks counted either way.

    Returns:
        A strategy of :class:`~ptcekit.model.Majority`.
    """
    return st.builds(
        Majority,
        share=_unit_fractions(),
        strict=st.booleans(),
        base=st.sampled_from(MajorityBase),
        abstentions=st.sampled_from(CountAs),
        blanks=st.sampled_from(CountAs),
    )


@st.composite
def decision_rules(
    draw: st.DrawFn,
    *,
    body: BodyKind | None = None,
    kind: ResolutionKind | None = None,
) -> DecisionRule:
    """Decision rules: a body, a kind, maybe a voting scheme, quorums and majorities.

    Args:
        draw: supplied by hypothesis.
        body: the body; drawn when ``None``.
        kind: the kind of resolution; drawn when ``None``.

    Returns:
        A :class:`~ptcekit.model.DecisionRule`.
    """
    return DecisionRule(
        body=body if body is not None else draw(st.sampled_from(BodyKind)),
        kind=kind if kind is not None else draw(st.sampled_from(ResolutionKind)),
        voting=draw(_maybe(st.sampled_from(VotingScheme))),
        vote_cap=draw(_maybe(_unit_fractions())),
        quorum=draw(_maybe(quorums())),
        second_quorum=draw(_maybe(quorums())),
        majority=draw(_maybe(majorities())),
        second_majority=draw(_maybe(majorities())),
        source=draw(_maybe(_texts(40))),
    )


@st.composite
def statutes(draw: st.DrawFn, *, max_rules: int = 3) -> Statutes:
    """Statutes: decision rules for distinct bodies and kinds, maybe a proxy limit.

    Args:
        draw: supplied by hypothesis.
        max_rules: the most decision rules.

    Returns:
        A :class:`~ptcekit.model.Statutes`.
    """
    pairs = [(body, kind) for body in BodyKind for kind in ResolutionKind]
    chosen = draw(st.lists(st.sampled_from(pairs), max_size=max_rules, unique=True))
    return Statutes(
        rules=tuple(draw(decision_rules(body=body, kind=kind)) for body, kind in chosen),
        proxies_per_holder=draw(_maybe(st.integers(min_value=0, max_value=5))),
        source=draw(_maybe(_texts(40))),
    )


@st.composite
def register_entries(
    draw: st.DrawFn,
    *,
    member_ids: Sequence[str] | None = None,
    college_names: Sequence[str] = (),
) -> RegisterEntry:
    """Lines of a register of members: a member, maybe a period, a college, shares, other bodies.

    Args:
        draw: supplied by hypothesis.
        member_ids: the ids to draw the member from; made up when ``None``.
        college_names: the colleges the member may sit in.

    Returns:
        A :class:`~ptcekit.model.RegisterEntry`.
    """
    others = [kind for kind in BodyKind if kind is not BodyKind.GENERAL_ASSEMBLY]
    return RegisterEntry(
        member=draw(_ref(member_ids, "a register entry")),
        period=draw(_maybe(_default(periods))),
        college=draw(_maybe(st.sampled_from(tuple(college_names)))) if college_names else None,
        shares=draw(_maybe(st.integers(min_value=0, max_value=1000))),
        bodies=tuple(draw(st.lists(st.sampled_from(others), max_size=2, unique=True))),
    )


@st.composite
def attendances(draw: st.DrawFn, *, member_ids: Sequence[str] | None = None) -> Attendance:
    """How a member took part: present, remote, or represented by another member.

    Args:
        draw: supplied by hypothesis.
        member_ids: the ids to draw the member and the proxy holder from
            (a member is represented only when there is another); made up when ``None``.

    Returns:
        A :class:`~ptcekit.model.Attendance`.
    """
    if member_ids is None:
        member, holder = draw(st.lists(record_ids(), min_size=2, max_size=2, unique=True))
        pool: Sequence[str] = (member, holder)
    else:
        member = draw(_ref(member_ids, "an attendance"))
        pool = member_ids
    return draw(_attending(member, pool))


@st.composite
def _attending(draw: st.DrawFn, member: str, pool: Sequence[str]) -> Attendance:
    """How ``member`` takes part; a proxy holder, if any, is another member of ``pool``."""
    holders = [m for m in pool if m != member]
    modes = list(AttendanceMode) if holders else [AttendanceMode.PRESENT, AttendanceMode.REMOTE]
    mode = draw(st.sampled_from(modes))
    proxy = draw(st.sampled_from(holders)) if mode is AttendanceMode.REPRESENTED else None
    return Attendance(member=member, mode=mode, proxy=proxy)


@st.composite
def votes(draw: st.DrawFn, *, member_ids: Sequence[str] | None = None) -> Vote:
    """Votes: a member and a choice (for, against, abstain, blank).

    Args:
        draw: supplied by hypothesis.
        member_ids: the ids to draw the member from; made up when ``None``.

    Returns:
        A :class:`~ptcekit.model.Vote`.
    """
    return Vote(member=draw(_ref(member_ids, "a vote")), choice=draw(st.sampled_from(VoteChoice)))


@st.composite
def college_tallies(draw: st.DrawFn, *, college: str | None = None) -> CollegeTally:
    """Totals of a vote for one college (or the whole meeting when ``college`` is ``None``).

    Args:
        draw: supplied by hypothesis.
        college: the college the totals are for.

    Returns:
        A :class:`~ptcekit.model.CollegeTally`.
    """
    counts = st.integers(min_value=0, max_value=50)
    return CollegeTally(
        college=college,
        votes_for=draw(counts),
        against=draw(counts),
        abstain=draw(counts),
        blank=draw(counts),
    )


@st.composite
def resolutions(
    draw: st.DrawFn,
    *,
    ids: Strategy[str] | None = None,
    member_ids: Sequence[str] | None = None,
    college_names: Sequence[str] = (),
) -> Resolution:
    """Resolutions with votes one per member, or totals per college, or neither.

    Args:
        draw: supplied by hypothesis.
        ids: the strategy of its id; short ids when ``None``.
        member_ids: the ids voters are drawn from; made up when ``None``.
        college_names: the colleges tallies may be for.

    Returns:
        A :class:`~ptcekit.model.Resolution`.
    """
    how = draw(st.sampled_from(("votes", "tallies", "none")))
    drawn_votes: list[Vote] = []
    tallies: list[CollegeTally] = []
    if how == "votes" and (member_ids is None or member_ids):
        drawn_votes = draw(
            st.lists(votes(member_ids=member_ids), max_size=6, unique_by=lambda vote: vote.member)
        )
    elif how == "tallies":
        names: list[str | None] = list(college_names) or [None]
        chosen = draw(st.lists(st.sampled_from(names), min_size=1, max_size=3, unique=True))
        tallies = [draw(college_tallies(college=name)) for name in chosen]
    return Resolution(
        id=draw(ids if ids is not None else record_ids()),
        kind=draw(st.sampled_from(ResolutionKind)),
        text=draw(_maybe(_texts(40))),
        recorded=draw(_maybe(st.sampled_from(RecordedOutcome))),
        votes=tuple(drawn_votes),
        tallies=tuple(tallies),
    )


@st.composite
def meetings(
    draw: st.DrawFn,
    *,
    ids: Strategy[str] | None = None,
    organisation_ids: Sequence[str] | None = None,
    member_ids: Sequence[str] | None = None,
    college_names: Sequence[str] = (),
    max_resolutions: int = 3,
) -> Meeting:
    """Meetings of a body, with each member attending once and resolutions with distinct ids.

    Args:
        draw: supplied by hypothesis.
        ids: the strategy of its id; short ids when ``None``.
        organisation_ids: the organisations or pôles that may meet; made up when ``None``.
        member_ids: the ids attendees and voters are drawn from; made up when ``None``.
        college_names: the colleges tallies may be for.
        max_resolutions: the most resolutions.

    Returns:
        A :class:`~ptcekit.model.Meeting`.
    """
    pool = (
        list(member_ids)
        if member_ids is not None
        else draw(st.lists(record_ids(), max_size=6, unique=True))
    )
    present = draw(st.lists(st.sampled_from(pool), unique=True)) if pool else []
    attendance = [draw(_attending(member, pool)) for member in present]
    return Meeting(
        id=draw(ids if ids is not None else record_ids()),
        organisation=draw(_ref(organisation_ids, "a meeting")),
        body=draw(st.sampled_from(BodyKind)),
        date=draw(_dates()),
        convocation=draw(st.sampled_from(Convocation)),
        attendance=tuple(attendance),
        resolutions=tuple(
            draw(
                st.lists(
                    resolutions(member_ids=pool, college_names=college_names),
                    max_size=max_resolutions,
                    unique_by=lambda resolution: resolution.id,
                )
            )
        ),
        description=draw(_maybe(_texts(40))),
    )


# ---------------------------------------------------------------------------
# Ecosystems
# ---------------------------------------------------------------------------

_LICENCES = ("ODbL-1.0", "CC-BY-4.0", "etalab-2.0")


@st.composite
def _ecosystems(
    draw: st.DrawFn,
    *,
    max_actors: int,
    max_poles: int,
    max_assets: int,
    max_agreements: int,
    max_meetings: int = 0,
) -> Ecosystem:
    n_actors = draw(st.integers(min_value=0, max_value=max_actors))
    n_poles = draw(st.integers(min_value=0, max_value=max_poles))
    n_assets = draw(st.integers(min_value=0, max_value=max_assets))
    # an agreement needs two distinct parties
    most_agreements = max_agreements if n_actors >= 2 else 0
    n_agreements = draw(st.integers(min_value=0, max_value=most_agreements))
    # a meeting's organisation is drawn among the actors and the pôles
    most_meetings = max_meetings if n_actors + n_poles else 0
    n_meetings = draw(st.integers(min_value=0, max_value=most_meetings))
    total = n_actors + n_poles + n_assets + n_agreements + n_meetings
    all_ids = draw(st.lists(record_ids(), min_size=total, max_size=total, unique=True))
    meeting_ids = all_ids[total - n_meetings :]
    all_ids = all_ids[: total - n_meetings]
    actor_ids = all_ids[:n_actors]
    pole_ids = all_ids[n_actors : n_actors + n_poles]
    asset_ids = all_ids[n_actors + n_poles : n_actors + n_poles + n_assets]
    agreement_ids = all_ids[n_actors + n_poles + n_assets :]

    built_actors = [
        draw(actors(ids=st.just(actor_id), actor_ids=[a for a in actor_ids if a != actor_id]))
        for actor_id in actor_ids
    ]
    organisation_ids = [a.id for a in built_actors if isinstance(a, Organisation)]
    built_poles = [
        draw(
            poles(
                ids=st.just(pole_id),
                actor_ids=actor_ids,
                organisation_ids=organisation_ids,
            )
        )
        for pole_id in pole_ids
    ]
    built_assets = [
        draw(
            mutualised_assets(
                ids=st.just(asset_id),
                actor_ids=actor_ids,
                employer_ids=organisation_ids,
                pole_ids=pole_ids,
                agreement_ids=agreement_ids,
            )
        )
        for asset_id in asset_ids
    ]
    built_agreements = [
        draw(
            partnership_agreements(
                ids=st.just(agreement_id),
                actor_ids=actor_ids,
                asset_ids=asset_ids,
                pole_ids=pole_ids,
            )
        )
        for agreement_id in agreement_ids
    ]
    built_meetings = [
        draw(
            meetings(
                ids=st.just(meeting_id),
                organisation_ids=actor_ids + pole_ids,
                member_ids=actor_ids,
            )
        )
        for meeting_id in meeting_ids
    ]
    return Ecosystem(
        name=draw(_maybe(_texts())),
        as_of=draw(_maybe(_dates())),
        source=draw(_maybe(_texts(40))),
        licence=draw(_maybe(st.sampled_from(_LICENCES))),
        actors=tuple(built_actors),
        poles=tuple(built_poles),
        assets=tuple(built_assets),
        agreements=tuple(built_agreements),
        meetings=tuple(built_meetings),
    )


def ecosystems(
    *,
    max_actors: int = 8,
    max_poles: int = 3,
    max_assets: int = 4,
    max_agreements: int = 3,
    max_meetings: int = 0,
) -> Strategy[Ecosystem]:
    """Whole ecosystems whose references all resolve.

    Ids are unique across the document. Memberships, owners, users, parties,
    fixed cost-key shares and grouping members name actors of the ecosystem;
    a commitment's party is a party of its agreement; ``pole.lead`` is a
    member with the role ``lead``; ``pole.legal_vehicle`` and a shared
    employee's ``employer`` name organisations; ``asset.pole``,
    ``asset.agreement``, ``agreement.pole`` and ``commitment.asset`` name
    pôles, agreements and assets of the ecosystem. Owners' exact shares of an
    asset sum to 1. Legal rules beyond that (a PTCE's mix of sectors, a SCIC's
    colleges) are not guaranteed: check them with the rules.

    Args:
        max_actors: the most actors.
        max_poles: the most pôles.
        max_assets: the most assets.
        max_agreements: the most agreements (none with fewer than two actors).
        max_meetings: the most meetings (none by default); a meeting's
            organisation is an actor or a pôle of the ecosystem, its attendees
            and voters are actors.

    Returns:
        A strategy of :class:`~ptcekit.model.Ecosystem`.

    Raises:
        InvalidArgument: a maximum is not an int >= 0.
    """
    return _ecosystems(
        max_actors=_check_size("max_actors", max_actors),
        max_poles=_check_size("max_poles", max_poles),
        max_assets=_check_size("max_assets", max_assets),
        max_agreements=_check_size("max_agreements", max_agreements),
        max_meetings=_check_size("max_meetings", max_meetings),
    )
