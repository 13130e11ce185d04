"""Services: create, fork, elements, roles, relations, contributions — all or nothing, plain messages."""

from __future__ import annotations

import pytest

from samfunnslab.community_models import services
from samfunnslab.community_models.models import CommunityModel, Element, Relation, Role
from samfunnslab.community_models.sources import ContributionRef
from samfunnslab.core.errors import Refusal

pytestmark = pytest.mark.django_db

IDEA = ContributionRef(
    workshop_id=7,
    workshop_title="Framtidsverksted Haugesund",
    activity_id=3,
    activity_title="Idémyldring",
    contribution_id=42,
    text="Naboer som handler for hverandre",
    kind="idea",
)


def _messages(excinfo: pytest.ExceptionInfo[Refusal]) -> str:
    return " ".join(excinfo.value.messages)


def test_it_creates_a_model_with_neutral_parameters(organisation, facilitator):
    model = services.model_create(
        organisation=organisation, user=facilitator, name="  Ny modell ", municipality_code="1106"
    )
    assert model.name == "Ny modell"
    assert model.parameters["family_volunteer_share"] == 0
    assert model.created_by == facilitator


def test_it_rejects_an_empty_name(organisation, facilitator):
    with pytest.raises(Refusal) as excinfo:
        services.model_create(
            organisation=organisation, user=facilitator, name="   ", municipality_code="1106"
        )
    assert "«Navn» kan ikke være tomt." in _messages(excinfo)
    assert not CommunityModel.objects.exists()


def test_it_rejects_an_unknown_municipality_in_plain_words(organisation, facilitator):
    with pytest.raises(Refusal) as excinfo:
        services.model_create(
            organisation=organisation, user=facilitator, name="X", municipality_code="9999"
        )
    assert "Fant ingen kommune med nummer «9999»" in _messages(excinfo)


def test_it_rejects_a_ten_megabyte_paste_without_saving_anything(organisation, facilitator):
    with pytest.raises(Refusal) as excinfo:
        services.model_create(
            organisation=organisation,
            user=facilitator,
            name="X",
            municipality_code="1106",
            story="x" * 10_000_000,
        )
    assert "«Fortelling» er for langt: 10 000 000 tegn" in _messages(excinfo)
    assert not CommunityModel.objects.exists()


def test_it_rejects_a_horizon_outside_2030_to_2050(organisation, facilitator):
    with pytest.raises(Refusal, match="mellom 2030 og 2050"):
        services.model_create(
            organisation=organisation,
            user=facilitator,
            name="X",
            municipality_code="1106",
            horizon_year=2100,
        )


def test_it_rejects_parameters_out_of_range(model):
    with pytest.raises(Refusal) as excinfo:
        services.model_parameters_set(model=model, parameters={"welfare_technology_effect": "90"})
    assert "«Velferdsteknologi» må være mellom 0 og 30 prosent." in _messages(excinfo)
    model.refresh_from_db()
    assert model.parameters["welfare_technology_effect"] == 0


def test_it_accepts_parameters_with_a_decimal_comma(model):
    services.model_parameters_set(model=model, parameters={"employment_rate_change": "1,5"})
    model.refresh_from_db()
    assert model.parameters["employment_rate_change"] == 1.5


def test_an_actor_needs_a_sector(model):
    with pytest.raises(Refusal, match="Velg en gyldig verdi for «Sektor»"):
        services.element_add(model=model, kind="actor", label="Naboer")


def test_two_elements_of_a_kind_cannot_share_a_name(model):
    services.element_add(model=model, kind="factor", label="Tillit")
    with pytest.raises(Refusal, match="allerede «tillit»"):
        services.element_add(model=model, kind="factor", label="tillit")


def test_a_role_needs_an_actor(built):
    care = built.elements.get(label="Omsorg for eldre")
    with pytest.raises(Refusal) as excinfo:
        services.role_add(model=built, actor=None, function=care, kind="provides")
    assert "En rolle trenger en aktør" in _messages(excinfo)


def test_a_role_needs_a_function_not_another_actor(built):
    home = built.elements.get(label="Hjemmetjenesten")
    neighbours = built.elements.get(label="Naboer")
    with pytest.raises(Refusal, match="En rolle trenger en funksjon"):
        services.role_add(model=built, actor=home, function=neighbours, kind="provides")


def test_a_role_cannot_use_an_actor_from_another_model(built, organisation, facilitator):
    other = services.model_create(
        organisation=organisation, user=facilitator, name="Annen", municipality_code="1106"
    )
    stranger = services.element_add(model=other, kind="actor", label="Fremmed", sector="private")
    care = built.elements.get(label="Omsorg for eldre")
    with pytest.raises(Refusal, match="En rolle trenger en aktør"):
        services.role_add(model=built, actor=stranger, function=care, kind="provides")


def test_a_causal_relation_needs_a_polarity(built):
    trust = built.elements.get(label="Tillit")
    fatigue = built.elements.get(label="Slitasje")
    with pytest.raises(Refusal, match="Velg \\+ eller −"):
        services.relation_add(model=built, source=trust, target=fatigue, kind="causal")


def test_a_relation_cannot_point_to_itself(built):
    trust = built.elements.get(label="Tillit")
    with pytest.raises(Refusal, match="til seg selv"):
        services.relation_add(model=built, source=trust, target=trust, kind="trust")


def test_contracts_cannot_go_in_a_ring(built):
    home = built.elements.get(label="Hjemmetjenesten")
    neighbours = built.elements.get(label="Naboer")
    services.relation_add(model=built, source=home, target=neighbours, kind="contract")
    count = Relation.objects.count()
    with pytest.raises(Refusal) as excinfo:
        services.relation_add(model=built, source=neighbours, target=home, kind="contract")
    assert "ring av avtaler: Naboer → Hjemmetjenesten → Naboer" in _messages(excinfo)
    assert Relation.objects.count() == count


def test_flows_may_go_both_ways(built):
    home = built.elements.get(label="Hjemmetjenesten")
    neighbours = built.elements.get(label="Naboer")
    services.relation_add(model=built, source=home, target=neighbours, kind="flow")
    services.relation_add(model=built, source=neighbours, target=home, kind="flow")
    assert built.relations.filter(kind="flow").count() == 2


def test_every_change_counts_up_the_version(model):
    before = model.version
    services.element_add(model=model, kind="factor", label="Tillit")
    model.refresh_from_db()
    assert model.version == before + 1


def test_fork_copies_everything_and_links_to_the_parent(built, other_organisation, outsider):
    fork = services.model_fork(model=built, organisation=other_organisation, user=outsider)
    assert fork.parent == built
    assert fork.parent_version == built.version
    assert fork.organisation == other_organisation
    assert fork.name == "Testmodellen – alternativ"
    for related in ("elements", "roles", "relations", "values", "assumptions"):
        assert getattr(fork, related).count() == getattr(built, related).count() > 0
    role = fork.roles.get(kind="provides")
    assert (role.actor.model, role.function.model) == (fork, fork)
    assert all(r.source.model == fork and r.target.model == fork for r in fork.relations.all())


def test_a_fork_changes_independently_of_its_parent(built, organisation, facilitator):
    fork = services.model_fork(
        model=built, organisation=organisation, user=facilitator, name="Varianten"
    )
    services.model_parameters_set(model=fork, parameters={"family_volunteer_share": 20})
    services.element_remove(element=fork.elements.get(label="Naboer"))
    built.refresh_from_db()
    assert built.parameters["family_volunteer_share"] == 0
    assert built.elements.filter(label="Naboer").exists()
    assert built.roles.count() == 2 and fork.roles.count() == 1


def test_fork_keeps_the_owner_of_a_resource_inside_the_fork(built, organisation, facilitator):
    home = built.elements.get(label="Hjemmetjenesten")
    services.element_add(
        model=built, kind="resource", label="Bilparken", owner=home, resource_kind="building"
    )
    fork = services.model_fork(model=built, organisation=organisation, user=facilitator)
    resource = fork.elements.get(label="Bilparken")
    assert resource.owner.model == fork and resource.owner.label == "Hjemmetjenesten"


def test_a_pulled_contribution_keeps_the_link_back(model):
    actor = services.contribution_pull(
        model=model, contribution=IDEA, as_kind="actor", label="Nabohjelpere", sector="civil"
    )
    assert isinstance(actor, Element)
    assert (actor.source_workshop_id, actor.source_activity_id, actor.source_contribution_id) == (
        7,
        3,
        42,
    )
    assert actor.source_text == "Naboer som handler for hverandre"
    assert actor.source_workshop_title == "Framtidsverksted Haugesund"


def test_a_contribution_can_become_a_flipped_assumption_or_a_value(model):
    assumption = services.contribution_pull(model=model, contribution=IDEA, as_kind="assumption")
    value = services.contribution_pull(model=model, contribution=IDEA, as_kind="value")
    assert assumption.status == "flipped" and assumption.source_contribution_id == 42
    assert value.label == IDEA.text and value.source_contribution_id == 42


def test_a_contribution_can_become_a_causal_relation(built):
    trust = built.elements.get(label="Tillit")
    fatigue = built.elements.get(label="Slitasje")
    relation = services.contribution_pull(
        model=built,
        contribution=IDEA,
        as_kind="relation",
        source=trust,
        target=fatigue,
        polarity="-",
    )
    assert (relation.kind, relation.polarity, relation.source_contribution_id) == (
        "causal",
        "-",
        42,
    )


def test_a_contribution_cannot_become_something_unknown(model):
    with pytest.raises(Refusal, match="kan bli en aktør"):
        services.contribution_pull(model=model, contribution=IDEA, as_kind="planet")


def test_removing_an_actor_removes_its_roles(built):
    services.element_remove(element=built.elements.get(label="Hjemmetjenesten"))
    assert Role.objects.filter(model=built).count() == 1


def test_a_saved_version_holds_the_model_as_it_was(built, facilitator):
    version = services.model_version_save(model=built, user=facilitator, note="Etter verksted 1")
    services.element_add(model=built, kind="factor", label="Ny faktor")
    labels = [e["label"] for e in version.snapshot["elements"]]
    assert version.number == 1 and "Ny faktor" not in labels and "Tillit" in labels
    assert services.model_version_save(model=built, user=facilitator).number == 2
