"""Tests of ptcekit.testing: every strategy builds only valid objects, and ecosystems resolve."""

from __future__ import annotations

import datetime as dt
import importlib
import sys
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from ptcekit import (
    Actor,
    Allocation,
    AssociateCategory,
    Association,
    Attendance,
    Body,
    College,
    CollegeTally,
    Commitment,
    Company,
    Cooperative,
    CostSharingKey,
    CostSharingMethod,
    DecisionRule,
    Ecosystem,
    EsusApproval,
    Foundation,
    Governance,
    Grouping,
    GroupingKind,
    Identifier,
    ImmaterialAsset,
    KeyShare,
    LegalStatus,
    Majority,
    Meeting,
    MemberRole,
    Membership,
    Money,
    Mutual,
    MutualisedAsset,
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
    Quantity,
    Quorum,
    RegisterEntry,
    ResearchBody,
    Resolution,
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
    VotingScheme,
    testing,
)
from ptcekit.errors import IdentifierError
from ptcekit.identifiers import (
    commune,
    departement,
    legal_category,
    naf,
    region,
    rna,
    siren,
    siret,
)
from ptcekit.identifiers.legal_category import LegalFamily
from ptcekit.model.validators import ID_PATTERN

D = dt.date

#: Each object strategy and the class it builds.
BUILDS: dict[str, type[Any]] = {
    "attendances": Attendance,
    "college_tallies": CollegeTally,
    "decision_rules": DecisionRule,
    "majorities": Majority,
    "meetings": Meeting,
    "quorums": Quorum,
    "register_entries": RegisterEntry,
    "resolutions": Resolution,
    "statutes": Statutes,
    "votes": Vote,
    "actors": Actor,
    "allocations": Allocation,
    "associate_categories": AssociateCategory,
    "associations": Association,
    "bodies": Body,
    "colleges": College,
    "commitments": Commitment,
    "companies": Company,
    "cooperatives": Cooperative,
    "cost_sharing_keys": CostSharingKey,
    "ecosystems": Ecosystem,
    "esus_approvals": EsusApproval,
    "foundations": Foundation,
    "governances": Governance,
    "groupings": Grouping,
    "identifiers": Identifier,
    "immaterial_assets": ImmaterialAsset,
    "key_shares": KeyShare,
    "memberships": Membership,
    "moneys": Money,
    "mutualised_assets": MutualisedAsset,
    "mutuals": Mutual,
    "organisations": Organisation,
    "ownerships": Ownership,
    "parties": Party,
    "partnership_agreements": PartnershipAgreement,
    "pay_data": PayData,
    "periods": Period,
    "persons": Person,
    "places": Place,
    "poles": Pole,
    "public_bodies": PublicBody,
    "quantities": Quantity,
    "research_bodies": ResearchBody,
    "shared_employees": SharedEmployee,
    "shared_equipment": SharedEquipment,
    "shared_funds": SharedFund,
    "shared_premises": SharedPremises,
    "shared_services": SharedService,
    "shares": Share,
    "territories": Territory,
    "training_bodies": TrainingBody,
}

#: Each identifier strategy and the check its values must pass.
IDENTIFIER_CHECKS: dict[str, Any] = {
    "commune_codes": commune.is_valid,
    "departement_codes": departement.is_valid,
    "legal_categories": legal_category.is_valid,
    "naf_codes": naf.is_valid,
    "record_ids": lambda value: ID_PATTERN.fullmatch(value) is not None,
    "region_codes": region.is_valid,
    "rna_numbers": rna.is_valid,
    "sirens": siren.is_valid,
    "sirets": siret.is_valid,
}

STATUS_FAMILY = {
    LegalStatus.PUBLIC: LegalFamily.PUBLIC,
    LegalStatus.ASSOCIATION: LegalFamily.ASSOCIATION,
    LegalStatus.FOUNDATION: LegalFamily.FOUNDATION,
    LegalStatus.COOPERATIVE: LegalFamily.COOPERATIVE,
    LegalStatus.COMPANY: LegalFamily.COMPANY,
}
GROUPING_FAMILY = {
    GroupingKind.GIE: LegalFamily.GROUPING,
    GroupingKind.EMPLOYER_GROUP: LegalFamily.ASSOCIATION,  # 9223 groupement d'employeurs
    GroupingKind.GIP: LegalFamily.PUBLIC,
}


def expected_family(actor: Actor) -> set[LegalFamily]:
    """The families a legal category may have for this actor."""
    if isinstance(actor, Association):
        return {LegalFamily.ASSOCIATION}
    if isinstance(actor, Foundation):
        return {LegalFamily.FOUNDATION}
    if isinstance(actor, Mutual):
        return {LegalFamily.MUTUAL}
    if isinstance(actor, Cooperative):
        # a cooperative SAS (a SCIC SAS) is recorded under the SAS code 5710
        return {LegalFamily.COOPERATIVE, LegalFamily.COMPANY}
    if isinstance(actor, Company):
        return {LegalFamily.COMPANY}
    if isinstance(actor, PublicBody):
        return {LegalFamily.PUBLIC}
    if isinstance(actor, ResearchBody | TrainingBody):
        return {STATUS_FAMILY[actor.legal_status]}
    assert isinstance(actor, Grouping)
    return {GROUPING_FAMILY[actor.kind]}


def check_actor(actor: Actor) -> None:
    """Identifiers valid and consistent with the actor's kind; texts printable."""
    assert actor.name.isprintable()
    if isinstance(actor, Person):
        assert (actor.siren, actor.sirets, actor.rna, actor.legal_category) == (
            None,
            (),
            None,
            None,
        )
        return
    if actor.siren is not None:
        assert siren.is_valid(actor.siren)
    else:
        assert actor.sirets == ()
    for number in actor.sirets:
        assert siret.is_valid(number)
        assert siret.siren(number) == actor.siren
    if actor.rna is not None:
        assert isinstance(actor, Association)
        assert not actor.local_law
        assert rna.is_valid(actor.rna)
    if actor.legal_category is not None:
        assert legal_category.family(actor.legal_category) in expected_family(actor)
        if (
            isinstance(actor, Cooperative)
            and legal_category.family(actor.legal_category) is LegalFamily.COMPANY
        ):
            assert actor.legal_category == "5710"
    if actor.seat is not None:
        assert commune.is_valid(actor.seat.commune)
    if isinstance(actor, Company) and actor.esus is not None:
        assert actor.in_ess


def dangling_references(eco: Ecosystem) -> list[str]:
    """Every reference of the ecosystem that does not name a record of the right kind."""
    actors = {a.id for a in eco.actors}
    organisations = {a.id for a in eco.actors if isinstance(a, Organisation)}
    poles = {p.id for p in eco.poles}
    assets = {a.id for a in eco.assets}
    agreements = {g.id for g in eco.agreements}
    wrong: list[str] = []

    def need(value: str | None, names: set[str], where: str) -> None:
        if value is not None and value not in names:
            wrong.append(f"{where} -> {value}")

    for actor in eco.actors:
        if isinstance(actor, Grouping):
            for member in actor.members:
                need(member, actors - {actor.id}, f"{actor.id}.members")
    for pole in eco.poles:
        for membership in pole.memberships:
            need(membership.actor, actors, f"{pole.id}.memberships")
        need(pole.lead, set(pole.member_ids()), f"{pole.id}.lead")
        need(pole.legal_vehicle, organisations, f"{pole.id}.legal_vehicle")
    for asset in eco.assets:
        for actor_id in asset.actor_ids:
            need(actor_id, actors, f"{asset.id}.owners/users")
        need(asset.pole, poles, f"{asset.id}.pole")
        need(asset.agreement, agreements, f"{asset.id}.agreement")
        if asset.cost_key is not None:
            for share in asset.cost_key.shares:
                need(share.actor, actors, f"{asset.id}.cost_key")
        if isinstance(asset, SharedEmployee):
            need(asset.employer, organisations, f"{asset.id}.employer")
    for agreement in eco.agreements:
        for party in agreement.parties:
            need(party.actor, actors, f"{agreement.id}.parties")
        for commitment in agreement.commitments:
            need(commitment.party, set(agreement.party_ids), f"{agreement.id}.commitments")
            need(commitment.asset, assets, f"{agreement.id}.commitments.asset")
        need(agreement.pole, poles, f"{agreement.id}.pole")
    return wrong


class TestEveryStrategy:
    def test_every_public_strategy_is_tested(self) -> None:
        """Each public strategy is in the table of object or identifier strategies."""
        public = set(testing.__all__) - {"CATEGORIES_BY_KIND"}
        assert public == set(BUILDS) | set(IDENTIFIER_CHECKS)

    def test_every_model_class_has_a_strategy(self) -> None:
        """Every concrete public model class is built by some strategy."""
        from ptcekit import model

        classes = {
            getattr(model, name)
            for name in model.__all__
            if isinstance(getattr(model, name), type) and attrs.has(getattr(model, name))
        }
        assert classes <= set(BUILDS.values()) | {model.Ecosystem}

    @pytest.mark.parametrize("name", sorted(BUILDS))
    @given(data=st.data())
    def test_strategy_builds_only_valid_objects(self, name: str, data: st.DataObject) -> None:
        """Each strategy builds objects of its class that rebuild equal through evolve."""
        value = data.draw(getattr(testing, name)())
        assert isinstance(value, BUILDS[name])
        assert attrs.evolve(value) == value
        assert "\n" not in repr(value)
        if isinstance(value, Actor):
            check_actor(value)
        if isinstance(value, Ecosystem):
            assert dangling_references(value) == []

    @pytest.mark.parametrize("name", sorted(IDENTIFIER_CHECKS))
    @given(data=st.data())
    def test_identifier_strategy_builds_valid_identifiers(
        self, name: str, data: st.DataObject
    ) -> None:
        """Each identifier strategy builds values its identifiers module accepts."""
        value = data.draw(getattr(testing, name)())
        assert IDENTIFIER_CHECKS[name](value)


class TestActors:
    @given(testing.actors())
    def test_actors_have_consistent_identifiers(self, actor: Actor) -> None:
        """SIRETs belong to the SIREN, RNA only for associations, categories fit the kind."""
        check_actor(actor)

    def test_every_category_of_the_table_fits_its_kind(self) -> None:
        """Each code in CATEGORIES_BY_KIND is in INSEE's table."""
        codes = {
            code
            for by_key in testing.CATEGORIES_BY_KIND.values()
            for group in by_key.values()
            for code in group
        }
        assert codes <= set(legal_category.TABLE)

    @given(testing.associations())
    def test_local_law_associations_sit_in_alsace_moselle_without_rna(
        self, association: Association
    ) -> None:
        """A local-law association has no RNA number, code 9260 if any, and a seat in 57, 67 or 68."""
        if association.local_law:
            assert association.rna is None
            assert association.legal_category in (None, "9260")
            if association.seat is not None:
                assert commune.departement_of(association.seat.commune) in ("57", "67", "68")

    @given(testing.cooperatives())
    def test_cooperative_associates_sit_in_its_colleges(self, coop: Cooperative) -> None:
        """Associés sit only in colleges of the cooperative's governance."""
        names = coop.governance.college_names if coop.governance is not None else frozenset()
        assert all(cat.college is None or cat.college in names for cat in coop.associates)

    @given(testing.groupings(ids=st.just("g"), member_ids=["g", "a", "b"]))
    def test_grouping_members_come_from_the_given_ids_and_not_itself(
        self, grouping: Grouping
    ) -> None:
        """Members are drawn from member_ids, never the grouping itself."""
        assert set(grouping.members) <= {"a", "b"}


class TestOptions:
    @given(testing.sirets(siret.LA_POSTE_SIREN))
    def test_sirets_of_la_poste(self, number: str) -> None:
        """La Poste's SIRETs follow its own rule and still validate."""
        assert siret.is_valid(number)
        assert number.startswith(siret.LA_POSTE_SIREN)

    def test_sirets_of_an_invalid_siren_is_refused(self) -> None:
        """An invalid SIREN is refused when the strategy is made."""
        with pytest.raises(IdentifierError):
            testing.sirets("123")

    def test_moneys_refuse_unknown_currencies(self) -> None:
        """An unknown currency is refused when the strategy is made."""
        with pytest.raises(IdentifierError):
            testing.moneys(currencies=("EURO",))

    @given(testing.commune_codes(departements=["974", "2A"]))
    def test_commune_codes_in_given_departements(self, code: str) -> None:
        """Communes are drawn in the given départements."""
        assert commune.departement_of(code) in ("974", "2A")

    def test_legal_categories_with_no_match_are_refused(self) -> None:
        """Asking for no family at all is refused."""
        with pytest.raises(
            InvalidArgument, match=r"no catégorie juridique has one of the families \[\]"
        ):
            testing.legal_categories(families=[])

    @given(testing.legal_categories(families=[LegalFamily.FOUNDATION]))
    def test_legal_categories_of_a_family(self, code: str) -> None:
        """Codes come from the asked family."""
        assert code == "9300"

    @given(testing.periods(open_start=False, open_end=False))
    def test_closed_periods(self, period: Period) -> None:
        """Without open ends, both dates are set."""
        assert period.start is not None
        assert period.end is not None

    @given(testing.shares(exact=True), testing.shares(exact=False))
    def test_exact_and_bounded_shares(self, exact: Share, bounded: Share) -> None:
        """exact=True gives fractions, exact=False gives bounds."""
        assert exact.is_exact
        assert not bounded.is_exact

    @given(testing.territories(levels=[TerritoryLevel.REGION]))
    def test_territories_of_a_level(self, territory: Territory) -> None:
        """Territories have the asked level."""
        assert territory.level is TerritoryLevel.REGION

    @given(testing.governances())
    def test_weighted_colleges_sum_to_one(self, governance: Governance) -> None:
        """With weighted colleges there are at least two, whose weights sum to exactly 1."""
        if governance.voting is VotingScheme.WEIGHTED_COLLEGES:
            assert len(governance.colleges) >= 2
            assert sum(college.weight or 0 for college in governance.colleges) == 1

    @given(testing.cost_sharing_keys(actor_ids=[]))
    def test_cost_keys_without_actors_are_derived(self, key: CostSharingKey) -> None:
        """With no actor to give a part to, keys are never fixed."""
        assert key.method is not CostSharingMethod.FIXED

    @given(testing.poles(actor_ids=["a", "b", "c"], organisation_ids=[]))
    def test_pole_lead_is_a_member_with_the_lead_role(self, pole: Pole) -> None:
        """The lead is the one member with the role lead; no legal vehicle without organisations."""
        leads = [m.actor for m in pole.memberships if m.role is MemberRole.LEAD]
        assert leads == ([pole.lead] if pole.lead is not None else [])
        assert pole.legal_vehicle is None
        assert set(pole.member_ids()) <= {"a", "b", "c"}

    @given(testing.mutualised_assets(actor_ids=["a", "b"], pole_ids=[], agreement_ids=["g"]))
    def test_asset_owners_shares_sum_to_one(self, asset: MutualisedAsset) -> None:
        """Owners' exact shares sum to 1; pole and agreement come from the given ids."""
        if asset.owners:
            assert sum(o.share.fraction or 0 for o in asset.owners) == 1
        assert asset.pole is None
        assert asset.agreement in (None, "g")

    @pytest.mark.parametrize("level", list(TerritoryLevel))
    @given(data=st.data())
    def test_places_of_a_pole_lie_in_its_territory(
        self, level: TerritoryLevel, data: st.DataObject
    ) -> None:
        """The communes drawn for a territory lie in it (an EPCI cannot tell)."""
        territory = data.draw(testing.territories(levels=[level]))
        code = data.draw(testing._communes_in(territory))
        assert territory.contains_commune(code) is (None if level is TerritoryLevel.EPCI else True)

    def test_add_years_on_29_february(self) -> None:
        """An ESUS agrément starting on 29 February ends on 28 February."""
        assert testing._add_years(D(2024, 2, 29), 5) == D(2029, 2, 28)
        assert testing._add_years(D(2024, 3, 1), 2) == D(2026, 3, 1)


class TestRefusedArguments:
    @pytest.mark.parametrize("name", ["max_actors", "max_poles", "max_assets", "max_agreements"])
    @pytest.mark.parametrize("value", [-1, 1.5, True])
    def test_ecosystem_sizes_must_be_natural_numbers(self, name: str, value: object) -> None:
        """A negative, fractional or boolean maximum is refused with its name."""
        with pytest.raises(InvalidArgument) as info:
            testing.ecosystems(**{name: value})  # type: ignore[arg-type]  # the wrong type is the test
        assert str(info.value) == f"{name} must be an int >= 0, got {value!r}"

    def test_required_reference_with_no_ids_is_refused(self) -> None:
        """A membership with an empty sequence of actor ids cannot be built."""

        @given(testing.memberships(actor_ids=[]))
        def draw(membership: Membership) -> None:
            raise AssertionError(membership)  # pragma: no cover -- never drawn

        with pytest.raises(InvalidArgument) as info:
            draw()
        assert str(info.value) == (
            "a membership needs at least one id to refer to, got an empty sequence"
        )

    def test_ownership_with_no_ids_is_refused(self) -> None:
        """An ownership with an empty sequence of actor ids is refused when the strategy is made."""
        with pytest.raises(InvalidArgument) as info:
            testing.ownerships(actor_ids=[])
        assert (
            str(info.value)
            == "an ownership needs at least one id to refer to, got an empty sequence"
        )

    def test_agreement_with_one_actor_is_refused(self) -> None:
        """An agreement needs two distinct actors to be its parties."""

        @given(testing.partnership_agreements(actor_ids=["a", "a"]))
        def draw(agreement: PartnershipAgreement) -> None:
            raise AssertionError(agreement)  # pragma: no cover -- never drawn

        with pytest.raises(InvalidArgument) as info:
            draw()
        assert (
            str(info.value) == "agreement parties need at least 2 distinct ids to refer to, got 1"
        )


class TestWithoutHypothesis:
    def test_import_without_hypothesis_says_to_install_the_test_extra(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Importing ptcekit.testing without hypothesis raises an ImportError naming ptcekit[test]."""
        for name in [n for n in sys.modules if n == "hypothesis" or n.startswith("hypothesis.")]:
            monkeypatch.setitem(sys.modules, name, None)
        monkeypatch.delitem(sys.modules, "ptcekit.testing")
        with pytest.raises(ImportError) as info:
            importlib.import_module("ptcekit.testing")
        assert str(info.value) == (
            "ptcekit.testing needs hypothesis, which is not installed:"
            " install ptcekit[test] (pip install 'ptcekit[test]')"
        )
        assert isinstance(info.value.__cause__, ImportError)
