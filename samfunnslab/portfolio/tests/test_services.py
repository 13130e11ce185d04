from __future__ import annotations

import pytest
from django.utils import timezone, translation

from samfunnslab.core.errors import Refusal
from samfunnslab.lab.models import Status
from samfunnslab.lab.tests import factories
from samfunnslab.portfolio import services
from samfunnslab.portfolio.models import Initiative, Milestone, Pilot, PortfolioNode

pytestmark = pytest.mark.django_db

GOOD_CSV = (
    "tittel;kommunenummer;sted;beskrivelse;funksjoner;kommuneversjon;stikkord;lenker;kilder\n"
    "Matkassen;1106;Haugesund;Naboer lager mat sammen.;food,culture;3.0;mat,fellesskap;"
    "https://example.org;Egen kartlegging 2025\n"
)


def test_the_shipped_initiatives_are_in_the_catalogue() -> None:
    titles = set(Initiative.objects.values_list("title", flat=True))
    assert "«På dørterskelen» – Posten som velferdsaktør" in titles
    assert "ByLab i Svelvik – et møtested for lokaldemokrati" in titles
    assert "Bodøs strategi for samskaping og medvirkning" in titles
    assert "Barnetråkk – barn kartlegger nærmiljøet sitt" in titles


def test_every_shipped_initiative_passes_validation_and_has_a_source(organisation) -> None:
    for entry in services.read_initiatives_seed():
        data = {k: v for k, v in entry.items() if k != "key"}
        initiative = services.initiative_create(organisation=organisation, user=None, **data)
        assert initiative.sources


def test_seeding_initiatives_again_adds_nothing() -> None:
    assert services.initiatives_seed() == 0


def test_a_good_csv_is_imported(organisation) -> None:
    result = services.initiatives_import_csv(organisation=organisation, user=None, text=GOOD_CSV)
    assert not result.errors
    imported = Initiative.objects.get(title="Matkassen")
    assert imported.organisation == organisation
    assert (imported.functions, imported.tags) == (["food", "culture"], ["mat", "fellesskap"])


def test_a_comma_separated_csv_is_imported(organisation) -> None:
    text = (
        "tittel,beskrivelse,funksjoner,stikkord,kilder\n"
        'Matkassen,Naboer lager mat.,food;culture,"mat;fellesskap",Egen kartlegging\n'
    )
    result = services.initiatives_import_csv(organisation=organisation, user=None, text=text)
    assert not result.errors
    assert Initiative.objects.get(title="Matkassen").functions == ["food", "culture"]


def test_one_bad_row_imports_nothing_and_names_the_row(organisation) -> None:
    text = (
        "tittel,kommunenummer,beskrivelse,kilder\n"
        "God rad,1106,Fin beskrivelse,Kilde\n"
        ",1106,Mangler tittel,Kilde\n"
        "Feil kommune,9999,Beskrivelse,Kilde\n"
    )
    before = Initiative.objects.count()
    result = services.initiatives_import_csv(organisation=organisation, user=None, text=text)
    assert [row for row, _message in result.errors] == [3, 4]
    assert "Tittel" in result.errors[0][1] and "9999" in result.errors[1][1]
    assert Initiative.objects.count() == before and result.created == []


def test_a_csv_without_the_required_headers_is_explained(organisation) -> None:
    result = services.initiatives_import_csv(
        organisation=organisation, user=None, text="a,b\n1,2\n"
    )
    assert (
        result.errors[0][0] == 0 and "Mangler: tittel, beskrivelse, kilder" in result.errors[0][1]
    )


def test_a_huge_csv_is_refused(organisation) -> None:
    result = services.initiatives_import_csv(
        organisation=organisation, user=None, text="tittel,beskrivelse,kilder\n" + "x" * 2_000_000
    )
    assert "for stor" in result.errors[0][1]


def test_an_unknown_function_is_explained(organisation) -> None:
    text = "tittel,beskrivelse,funksjoner,kilder\nA,B,flying,K\n"
    result = services.initiatives_import_csv(organisation=organisation, user=None, text=text)
    assert "Ukjent funksjon: flying" in result.errors[0][1]


def test_an_initiative_inspires_a_model(organisation) -> None:
    model = factories.community_model(organisation)
    initiative = Initiative.objects.first()
    services.initiative_link_model(initiative=initiative, model=model)
    assert list(model.inspired_by_initiatives.all()) == [initiative]


def test_the_tree_goes_from_challenge_down_to_vision(organisation) -> None:
    challenge = services.node_create(
        organisation=organisation, level="challenge", title="Ungt utenforskap"
    )
    area = services.node_create(
        organisation=organisation, parent=challenge, level="area", title="En ny skole"
    )
    vision = services.node_create(
        organisation=organisation, parent=area, level="vision", title="Alle hører til"
    )
    assert vision.parent.parent == challenge


def test_a_challenge_cannot_sit_under_an_area(organisation) -> None:
    challenge = services.node_create(organisation=organisation, level="challenge", title="A")
    area = services.node_create(
        organisation=organisation, parent=challenge, level="area", title="B"
    )
    with pytest.raises(Refusal, match="kan ikke ligge under"):
        services.node_create(organisation=organisation, parent=area, level="challenge", title="C")


def test_the_top_of_the_tree_is_a_challenge(organisation) -> None:
    with pytest.raises(Refusal, match="samfunnsutfordring"):
        services.node_create(organisation=organisation, level="main_project", title="P")
    assert not PortfolioNode.objects.exists()


def test_a_pilot_from_a_finding_carries_the_model_finding_and_legal_basis(
    organisation, facilitator
) -> None:
    ex = factories.exercise(organisation)
    finding = factories.finding(
        ex, room="forsok", forsok_letter="a", proposed_action="Prøv nabolagsbudsjett"
    )
    pilot = services.pilot_create_from_finding(finding=finding, user=facilitator)
    assert pilot.legal_basis == "forsoksloven" and pilot.forsok_letter == "a"
    assert list(pilot.community_models.all()) == [ex.model]
    assert list(pilot.findings.all()) == [finding]
    assert pilot.hypothesis == "Prøv nabolagsbudsjett"
    finding.refresh_from_db()
    assert finding.status == Status.ACTED
    assert "Pilot opprettet" in finding.status_changes.last().note


def test_the_pilot_note_on_the_finding_is_kept_in_bokmal_in_english(organisation, facilitator):
    finding = factories.finding(factories.exercise(organisation))
    with translation.override("en"):
        pilot = services.pilot_create_from_finding(finding=finding, user=facilitator)
    assert finding.status_changes.last().note == f"Pilot opprettet: {pilot.title}"


def test_a_pilot_from_a_local_finding_has_a_local_legal_basis(organisation) -> None:
    finding = factories.finding(factories.exercise(organisation))
    assert services.pilot_create_from_finding(finding=finding, user=None).legal_basis == "local"


def test_a_pilot_needs_a_hypothesis_and_a_sane_duration(organisation) -> None:
    with pytest.raises(Refusal, match="Hypotese"):
        services.pilot_create(organisation=organisation, user=None, title="P", hypothesis="")
    with pytest.raises(Refusal, match="mellom 1 og 72"):
        services.pilot_create(
            organisation=organisation, user=None, title="P", hypothesis="H", duration_months=100
        )
    assert not Pilot.objects.exists()


def test_a_pilot_is_placed_in_the_portfolio_and_on_a_horizon(organisation) -> None:
    node = services.node_create(organisation=organisation, level="challenge", title="Demografi")
    pilot = services.pilot_create(organisation=organisation, user=None, title="P", hypothesis="H")
    services.pilot_place(pilot=pilot, node=node, horizon="H2+", status="running")
    pilot.refresh_from_db()
    assert (pilot.node, pilot.horizon, pilot.status) == (node, "H2+", "running")


def test_a_pilot_cannot_be_placed_in_another_organisations_portfolio(
    organisation, other_organisation
) -> None:
    node = services.node_create(organisation=other_organisation, level="challenge", title="X")
    pilot = services.pilot_create(organisation=organisation, user=None, title="P", hypothesis="H")
    with pytest.raises(Refusal, match="egen portefølje"):
        services.pilot_place(pilot=pilot, node=node, horizon="", status="idea")


def test_milestones_lie_between_now_and_the_horizon(organisation) -> None:
    model = factories.community_model(organisation)
    now = timezone.localdate().year
    services.milestone_add(organisation=organisation, model=model, year=2035, condition="Halvveis")
    for year in (now - 1, 2041, "snart"):
        with pytest.raises(Refusal):
            services.milestone_add(organisation=organisation, model=model, year=year, condition="X")
    assert Milestone.objects.count() == 1


def test_duplicate_submits_do_not_duplicate_nodes_or_pilots(organisation) -> None:
    services.node_create(organisation=organisation, level="challenge", title="Demografi")
    with pytest.raises(Refusal, match="finnes allerede"):
        services.node_create(organisation=organisation, level="challenge", title="Demografi")
    finding = factories.finding(factories.exercise(organisation))
    services.pilot_create_from_finding(finding=finding, user=None, title="Piloten")
    with pytest.raises(Refusal, match="allerede en pilot"):
        services.pilot_create_from_finding(finding=finding, user=None, title="Piloten")
    assert (PortfolioNode.objects.count(), Pilot.objects.count()) == (1, 1)
