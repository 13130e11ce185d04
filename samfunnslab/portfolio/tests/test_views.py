from __future__ import annotations

import io

import pytest
from django.utils import timezone
from pypdf import PdfReader

from samfunnslab.core.tests.pdf_checks import assert_tagged
from samfunnslab.lab.models import Finding
from samfunnslab.lab.tests import factories
from samfunnslab.portfolio import services
from samfunnslab.portfolio.models import Initiative, Milestone, Pilot, PortfolioNode

pytestmark = pytest.mark.django_db


@pytest.fixture
def finding(organisation):
    return factories.finding(factories.exercise(organisation), room="forsok", forsok_letter="a")


def test_the_catalogue_is_public_with_a_map_and_a_list(client) -> None:
    response = client.get("/portefolje/initiativ/")
    assert response.status_code == 200
    assert "ByLab i Svelvik" in response.text and "<svg" in response.text


def test_the_catalogue_filters_by_tag(client) -> None:
    response = client.get("/portefolje/initiativ/", {"tag": "forsøk"})
    assert "Planvask" in response.text and "Posten" not in response.text


def test_an_initiative_page_shows_its_sources(client) -> None:
    initiative = Initiative.objects.get(seed_key="svelvik-bylab")
    response = client.get(f"/portefolje/initiativ/{initiative.pk}/")
    assert "Askim" in response.text


def test_a_facilitator_links_an_initiative_to_a_model(client, facilitator, organisation) -> None:
    model = factories.community_model(organisation)
    initiative = Initiative.objects.first()
    client.force_login(facilitator)
    client.post(f"/portefolje/initiativ/{initiative.pk}/inspirasjon/", {"model": model.pk})
    assert list(initiative.inspires.all()) == [model]


def test_a_bad_csv_upload_lists_row_errors_and_saves_nothing(client, facilitator) -> None:
    client.force_login(facilitator)
    before = Initiative.objects.count()
    response = client.post(
        "/portefolje/initiativ/import/",
        {
            "text": "tittel,beskrivelse,kilder\nA,,K\n",
        },
    )
    assert response.status_code == 400 and "Rad 2" in response.text
    assert Initiative.objects.count() == before


def test_a_good_csv_upload_is_imported(client, facilitator) -> None:
    client.force_login(facilitator)
    upload = io.BytesIO(b"tittel;beskrivelse;kilder\nMatkassen;Naboer lager mat.;Egen\n")
    upload.name = "initiativer.csv"
    response = client.post("/portefolje/initiativ/import/", {"file": upload})
    assert response.status_code == 302 and Initiative.objects.filter(title="Matkassen").exists()


def test_a_pilot_is_created_from_a_finding_and_placed(
    client, facilitator, finding, organisation
) -> None:
    node = services.node_create(organisation=organisation, level="challenge", title="Demografi")
    client.force_login(facilitator)
    form = client.get(f"/portefolje/piloter/fra-funn/{finding.pk}/")
    assert form.status_code == 200 and "Pilot: " in form.text
    response = client.post(
        f"/portefolje/piloter/fra-funn/{finding.pk}/",
        {
            "title": "Nabolagsbudsjett",
            "hypothesis": "Mer frivillighet",
            "duration_months": 24,
            "node": node.pk,
            "horizon": "H2+",
        },
    )
    pilot = Pilot.objects.get()
    assert response.status_code == 302 and pilot.node == node
    assert "Nabolagsbudsjett" in client.get("/portefolje/tre-horisonter/").text
    assert "Nabolagsbudsjett" in client.get("/portefolje/").text


def test_a_pilot_without_hypothesis_is_explained(client, facilitator, finding) -> None:
    client.force_login(facilitator)
    response = client.post(
        f"/portefolje/piloter/fra-funn/{finding.pk}/",
        {
            "title": "P",
            "hypothesis": "",
            "duration_months": 12,
        },
    )
    assert (
        response.status_code == 400 and "Hypotese" in response.text and not Pilot.objects.exists()
    )


def test_a_facilitator_grows_the_tree(client, facilitator) -> None:
    client.force_login(facilitator)
    client.post("/portefolje/element/ny/", {"level": "challenge", "title": "Ungt utenforskap"})
    response = client.post("/portefolje/element/ny/", {"level": "area", "title": ""})
    assert response.status_code == 400 and "samfunnsutfordring" in response.text
    assert list(PortfolioNode.objects.values_list("title", flat=True)) == ["Ungt utenforskap"]


def test_backcasting_adds_milestones_and_refuses_years_past_the_horizon(
    client, facilitator, organisation
) -> None:
    model = factories.community_model(organisation)
    client.force_login(facilitator)
    url = f"/portefolje/tilbakeskuing/{model.pk}/"
    client.post(url, {"year": 2035, "condition": "Halvveis"})
    response = client.post(url, {"year": 2060, "condition": "For sent"})
    assert response.status_code == 400 and "horisontår 2040" in response.text
    assert list(Milestone.objects.values_list("condition", flat=True)) == ["Halvveis"]
    assert "Halvveis" in client.get(url).text


def test_the_portfolio_pdf_is_a_real_pdf(client, facilitator, organisation) -> None:
    services.node_create(
        organisation=organisation, level="challenge", title="Demografiutfordringen"
    )
    client.force_login(facilitator)
    response = client.get("/portefolje/portefolje.pdf")
    assert_tagged(response.content, title="Porteføljen")
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert "Demografiutfordringen" in text
    assert f"skrevet ut {timezone.localdate():%d.%m.%Y}" in text


# --- access, tested with personas ----------------------------------------------------------


def test_it_rejects_an_outsider_on_a_pilot(client, outsider, organisation) -> None:
    pilot = services.pilot_create(organisation=organisation, user=None, title="P", hypothesis="H")
    client.force_login(outsider)
    assert client.get(f"/portefolje/piloter/{pilot.pk}/").status_code == 403


def test_it_rejects_a_viewer_placing_a_pilot(client, colleague, organisation) -> None:
    pilot = services.pilot_create(organisation=organisation, user=None, title="P", hypothesis="H")
    client.force_login(colleague)
    assert client.get(f"/portefolje/piloter/{pilot.pk}/").status_code == 200
    assert client.post(f"/portefolje/piloter/{pilot.pk}/", {"status": "running"}).status_code == 403


def test_it_rejects_an_outsider_making_a_pilot_from_a_finding(client, outsider, finding) -> None:
    client.force_login(outsider)
    assert client.get(f"/portefolje/piloter/fra-funn/{finding.pk}/").status_code == 403


def test_it_hides_other_organisations_trees(client, outsider, organisation) -> None:
    services.node_create(
        organisation=organisation, level="challenge", title="Haugesunds utfordring"
    )
    client.force_login(outsider)
    assert "Haugesunds utfordring" not in client.get("/portefolje/").text


def test_it_rejects_a_viewer_importing(client, colleague) -> None:
    client.force_login(colleague)
    assert client.get("/portefolje/initiativ/import/").status_code == 403


def test_a_facilitator_adds_an_initiative(client, facilitator, organisation) -> None:
    client.force_login(facilitator)
    response = client.post(
        "/portefolje/initiativ/ny/",
        {
            "title": "Nabolagskjøkkenet",
            "municipality_code": "1106",
            "description": "Middag sammen.",
            "functions": ["food", "culture"],
            "tags": "mat, fellesskap",
            "sources": "Egen kartlegging",
            "horizon": "H2+",
        },
    )
    initiative = Initiative.objects.get(title="Nabolagskjøkkenet")
    assert response.status_code == 302 and initiative.organisation == organisation
    assert initiative.functions == ["food", "culture"] and initiative.tags == ["mat", "fellesskap"]


def test_an_initiative_with_an_unknown_municipality_is_explained(client, facilitator) -> None:
    client.force_login(facilitator)
    response = client.post(
        "/portefolje/initiativ/ny/",
        {
            "title": "X",
            "municipality_code": "9999",
            "description": "Y",
            "sources": "Z",
        },
    )
    assert response.status_code == 400 and "9999" in response.text
    assert not Initiative.objects.filter(title="X").exists()


def test_deleting_a_pilot_asks_first_and_keeps_its_finding(
    client, facilitator, organisation, finding
) -> None:
    pilot = services.pilot_create(organisation=organisation, user=None, title="P", hypothesis="H")
    pilot.findings.add(finding)
    client.force_login(facilitator)
    assert (
        f"/portefolje/piloter/{pilot.pk}/slett/"
        in client.get(f"/portefolje/piloter/{pilot.pk}/").text
    )
    confirm = client.get(f"/portefolje/piloter/{pilot.pk}/slett/")
    assert "Ja, slett piloten" in confirm.text and Pilot.objects.filter(pk=pilot.pk).exists()
    response = client.post(f"/portefolje/piloter/{pilot.pk}/slett/")
    assert response.status_code == 302 and response["Location"] == "/portefolje/"
    assert not Pilot.objects.filter(pk=pilot.pk).exists()
    assert Finding.objects.filter(pk=finding.pk).exists()


def test_a_viewer_cannot_delete_a_pilot(client, colleague, organisation) -> None:
    pilot = services.pilot_create(organisation=organisation, user=None, title="P", hypothesis="H")
    client.force_login(colleague)
    assert "/slett/" not in client.get(f"/portefolje/piloter/{pilot.pk}/").text
    assert client.post(f"/portefolje/piloter/{pilot.pk}/slett/").status_code == 403
    assert Pilot.objects.filter(pk=pilot.pk).exists()


def test_every_visible_model_can_be_reached_for_backcasting_from_the_front_page(
    client, facilitator, organisation
) -> None:
    models = [factories.community_model(organisation, name=f"Modell {n}") for n in range(5)]
    client.force_login(facilitator)
    html = client.get("/portefolje/").text
    for model in models:
        assert f'href="/portefolje/tilbakeskuing/{model.pk}/"' in html


# --- malformed posts: a plain message and nothing written ---------------------------------

UNKNOWN_NODE = "Velg et element i porteføljen som finnes."


def test_a_node_under_a_parent_id_that_is_not_a_number_is_refused(client, facilitator) -> None:
    client.force_login(facilitator)
    response = client.post(
        "/portefolje/element/ny/", {"level": "area", "title": "Bolig", "parent": "øverst"}
    )
    assert response.status_code == 400 and UNKNOWN_NODE in response.text
    assert not PortfolioNode.objects.exists()


def test_an_initiative_in_someone_elses_organisation_is_refused(
    client, facilitator, other_organisation
) -> None:
    client.force_login(facilitator)
    response = client.post(
        "/portefolje/initiativ/ny/",
        {"organisation": other_organisation.pk, "title": "Fremmed", "description": "D.",
         "sources": "Egen", "municipality_code": "1106"},
    )  # fmt: skip
    assert response.status_code == 400
    assert "Velg en av organisasjonene du kan redigere i." in response.text
    assert not Initiative.objects.filter(title="Fremmed").exists()


def test_linking_to_a_model_id_that_is_not_a_number_says_so_and_links_nothing(
    client, facilitator
) -> None:
    initiative = Initiative.objects.first()
    client.force_login(facilitator)
    response = client.post(
        f"/portefolje/initiativ/{initiative.pk}/inspirasjon/", {"model": "min"}, follow=True
    )
    assert "Velg en modell du kan redigere." in response.text
    assert not initiative.inspires.exists()


def test_an_import_into_someone_elses_organisation_is_refused(
    client, facilitator, other_organisation
) -> None:
    client.force_login(facilitator)
    before = Initiative.objects.count()
    response = client.post(
        "/portefolje/initiativ/import/",
        {"organisation": other_organisation.pk,
         "text": "tittel;beskrivelse;kilder\nMatkassen;Naboer lager mat.;Egen\n"},
        follow=True,
    )  # fmt: skip
    assert "Velg en av organisasjonene du kan redigere i." in response.text
    assert Initiative.objects.count() == before


def test_a_pilot_in_a_node_id_that_is_not_a_number_is_refused(client, facilitator) -> None:
    client.force_login(facilitator)
    response = client.post(
        "/portefolje/piloter/ny/", {"title": "P", "hypothesis": "H", "node": "tre"}
    )
    assert response.status_code == 400 and UNKNOWN_NODE in response.text
    assert not Pilot.objects.exists()


def test_a_pilot_from_a_finding_in_an_unknown_node_is_refused(client, facilitator, finding) -> None:
    client.force_login(facilitator)
    response = client.post(
        f"/portefolje/piloter/fra-funn/{finding.pk}/",
        {"title": "P", "hypothesis": "H", "duration_months": 12, "node": 999999},
    )
    assert response.status_code == 400 and UNKNOWN_NODE in response.text
    assert not Pilot.objects.exists()


def test_placing_a_pilot_in_a_node_id_that_is_not_a_number_is_refused(
    client, facilitator, organisation
) -> None:
    pilot = services.pilot_create(organisation=organisation, user=None, title="P", hypothesis="H")
    client.force_login(facilitator)
    response = client.post(
        f"/portefolje/piloter/{pilot.pk}/", {"node": "x", "horizon": "H3", "status": "running"}
    )
    assert response.status_code == 400 and UNKNOWN_NODE in response.text
    pilot.refresh_from_db()
    assert (pilot.horizon, pilot.status) != ("H3", "running")


def test_a_milestone_for_a_pilot_id_that_is_not_a_number_is_refused(
    client, facilitator, organisation
) -> None:
    model = factories.community_model(organisation)
    client.force_login(facilitator)
    response = client.post(
        f"/portefolje/tilbakeskuing/{model.pk}/",
        {"year": 2035, "condition": "Halvveis", "pilot": "den første"},
    )
    assert response.status_code == 400 and "Velg en pilot som finnes." in response.text
    assert not Milestone.objects.exists()
