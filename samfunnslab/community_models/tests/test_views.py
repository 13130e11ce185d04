"""Views: pages render, bad input gets plain Norwegian messages, access is checked, HTMX gets a partial."""

from __future__ import annotations

import pytest
from django.urls import reverse

from samfunnslab.community_models.models import CommunityModel

pytestmark = pytest.mark.django_db


def _url(name: str, *args: object) -> str:
    return reverse(f"community_models:{name}", args=args)


def test_the_index_lists_shared_models_to_anonymous_visitors(client, model):
    model.shared = True
    model.save()
    response = client.get(_url("index"))
    assert response.status_code == 200
    assert "Testmodellen" in response.content.decode()


def test_the_model_page_shows_diagram_loops_and_numbers(client, facilitator, built):
    client.force_login(facilitator)
    html = client.get(_url("detail", built.pk)).content.decode()
    assert 'role="img"' in html
    assert "R1" in html and "forsterkende" in html
    assert "Tallene: modellen mot framskrivingen" in html
    assert "Fra myndighet til servicevirksomhet til lokalt fellesskap" in html


def test_the_model_page_links_to_the_lab_and_to_backcasting_for_this_model(
    client, facilitator, built
):
    client.force_login(facilitator)
    html = client.get(_url("detail", built.pk)).content.decode()
    assert f'href="{reverse("lab:index")}?model={built.pk}#ny-ovelse"' in html
    assert f'href="{reverse("portfolio:backcasting", args=[built.pk])}"' in html
    lab = client.get(reverse("lab:index"), {"model": built.pk}).content.decode()
    assert f'<option value="{built.pk}" selected>' in lab


def test_it_rejects_an_outsider_on_the_model_page(client, outsider, model):
    client.force_login(outsider)
    assert client.get(_url("detail", model.pk)).status_code == 403


def test_a_viewer_cannot_open_the_builder(client, colleague, model):
    client.force_login(colleague)
    assert client.get(_url("builder", model.pk)).status_code == 403


def test_creating_a_model_with_an_unknown_municipality_says_so(client, facilitator):
    client.force_login(facilitator)
    response = client.post(
        _url("create"), {"name": "Ny", "municipality_code": "0000", "horizon_year": "2040"}
    )
    assert response.status_code == 400
    assert "Fant ingen kommune med nummer «0000»" in response.content.decode()
    assert not CommunityModel.objects.exists()


def test_creating_a_model_goes_to_the_builder(client, facilitator):
    client.force_login(facilitator)
    response = client.post(
        _url("create"),
        {"name": "Ny", "municipality_code": "1106", "horizon_year": "2040", "archetype": "custom"},
    )
    model = CommunityModel.objects.get()
    assert response.status_code == 302 and response["Location"] == _url("builder", model.pk)


def test_a_role_without_an_actor_gets_a_plain_message(client, facilitator, built):
    client.force_login(facilitator)
    care = built.elements.get(label="Omsorg for eldre")
    response = client.post(
        _url("builder_add", built.pk, "role"),
        {"actor": "", "function": care.pk, "kind": "provides"},
    )
    assert response.status_code == 400
    assert "En rolle trenger en aktør fra modellen" in response.content.decode()


def test_an_empty_actor_name_gets_a_plain_message(client, facilitator, model):
    client.force_login(facilitator)
    response = client.post(
        _url("builder_add", model.pk, "actor"), {"label": " ", "sector": "civil"}
    )
    assert "«Navn» kan ikke være tomt." in response.content.decode()


def test_a_long_paste_is_refused_with_its_length(client, facilitator, model):
    client.force_login(facilitator)
    response = client.post(
        _url("builder_add", model.pk, "value"), {"label": "Ok", "description": "x" * 1_000_000}
    )
    assert response.status_code == 400
    assert "er for langt: 1 000 000 tegn" in response.content.decode()


def test_adding_an_actor_with_htmx_returns_only_the_builder_part(client, facilitator, model):
    client.force_login(facilitator)
    response = client.post(
        _url("builder_add", model.pk, "actor"),
        {"label": "Naboer", "sector": "civil"},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<div id="builder-main"')
    assert 'data-announce="Lagt til: Naboer" data-announce-to="builder-status"' in html
    assert model.elements.filter(label="Naboer").exists()


def test_what_was_added_is_marked_bokmal_inside_the_english_sentence(client, facilitator, model):
    client.force_login(facilitator)
    client.cookies["django_language"] = "en"
    response = client.post(
        _url("builder_add", model.pk, "actor"), {"label": "Naboer", "sector": "civil"}, follow=True
    )
    html = response.content.decode()
    assert 'Added: <span lang="nb">Naboer</span>' in html


def test_a_name_with_markup_is_escaped_in_the_message_and_the_announcement(
    client, facilitator, model
):
    client.force_login(facilitator)
    label = '<b>"Naboer" & co</b>'
    escaped = "&lt;b&gt;&quot;Naboer&quot; &amp; co&lt;/b&gt;"
    page = client.post(
        _url("builder_add", model.pk, "actor"), {"label": label, "sector": "civil"}, follow=True
    ).content.decode()
    assert f'Lagt til: <span lang="nb">{escaped}</span>' in page
    assert "<b>" not in page
    htmx = client.post(
        _url("builder_add", model.pk, "value"), {"label": label}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert f'data-announce="Lagt til: {escaped}" data-announce-to="builder-status"' in htmx


def test_a_refused_htmx_save_is_announced_with_the_reason(client, facilitator, model):
    client.force_login(facilitator)
    response = client.post(
        _url("builder_add", model.pk, "actor"), {"label": ""}, HTTP_HX_REQUEST="true"
    )
    assert 'data-announce="Ikke lagret: ' in response.content.decode()
    assert not model.elements.filter(kind="actor", label="").exists()


def test_the_builder_page_has_its_status_region_outside_the_swapped_part(
    client, facilitator, model
):
    client.force_login(facilitator)
    html = client.get(_url("builder", model.pk)).content.decode()
    assert html.index('id="builder-status"') < html.index('id="builder-main"')
    assert '<p id="builder-status" class="status-line" role="status">' in html


def test_a_function_without_a_name_takes_the_name_of_its_type(client, facilitator, model):
    client.force_login(facilitator)
    client.post(
        _url("builder_add", model.pk, "function"), {"function_key": "mobility", "label": ""}
    )
    assert model.elements.get(kind="function").label == "Mobilitet"


def test_parameters_out_of_range_are_refused_and_kept_in_the_form(client, facilitator, model):
    client.force_login(facilitator)
    response = client.post(_url("parameters", model.pk), {"welfare_technology_effect": "95"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "«Velferdsteknologi» må være mellom 0 og 30 prosent." in html
    assert 'value="95"' in html


def test_forking_a_shared_model_as_an_outsider_makes_a_copy_they_own(client, outsider, built):
    built.shared = True
    built.save()
    client.force_login(outsider)
    response = client.post(_url("fork", built.pk), {"name": "Karmøys variant"})
    fork = CommunityModel.objects.get(name="Karmøys variant")
    assert response["Location"] == _url("builder", fork.pk)
    assert fork.organisation.name == "Karmøy kommune" and fork.parent == built


def test_compare_needs_two_or_three_models(client, facilitator, model):
    client.force_login(facilitator)
    response = client.get(_url("compare"), {"m": [model.pk]})
    assert response.status_code == 400
    assert "Velg to eller tre modeller å sammenligne." in response.content.decode()


def test_compare_refuses_models_the_user_cannot_see(client, outsider, model):
    client.force_login(outsider)
    response = client.get(_url("compare"), {"m": [model.pk, model.pk + 1]})
    assert response.status_code == 400
    assert "Du har ikke tilgang" in response.content.decode()


def test_compare_shows_the_matrix_and_numbers(client, facilitator, built):
    client.force_login(facilitator)
    client.post(_url("fork", built.pk), {"name": "B"})
    fork = CommunityModel.objects.get(name="B")
    html = client.get(_url("compare"), {"m": [built.pk, fork.pk]}).content.decode()
    assert (
        'id="role-matrix"' in html and 'id="numbers-table"' in html and 'id="version-strip"' in html
    )


def test_compare_names_a_shared_data_series_once(client, facilitator, built):
    client.force_login(facilitator)
    client.post(_url("fork", built.pk), {"name": "B"})
    fork = CommunityModel.objects.get(name="B")
    html = client.get(_url("compare"), {"m": [built.pk, fork.pk]}).content.decode()
    note = html.split('class="source-note">')[1].split("</p>")[0]
    series = note.split(". Befolkning")[0].split(" · ")
    assert len(series) == 1, series


def test_downloads_have_the_right_types(client, facilitator, built):
    client.force_login(facilitator)
    assert client.get(_url("export_kumu", built.pk))["Content-Type"] == "application/json"
    assert client.get(_url("export_csv", built.pk))["Content-Type"].startswith("text/csv")
    pdf = client.get(_url("export_pdf", built.pk))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def _workshop_with_idea(organisation, facilitator):
    from samfunnslab.workshops import services as workshop_services

    workshop = workshop_services.workshop_create(
        organisation=organisation,
        user=facilitator,
        title="Framtidsverksted",
        municipality_code="1106",
    )
    activity = workshop_services.activity_add(
        workshop=workshop, kind="ideas", prompt="Hvem kan bære omsorgen?"
    )
    workshop_services.workshop_open(workshop=workshop)
    participant = workshop_services.participant_join(workshop=workshop)
    contribution, _ = workshop_services.contribution_submit(
        participant=participant,
        activity=activity,
        text="Naboer som handler for hverandre",
        idempotency_key="k1",
    )
    return workshop, activity, contribution


def test_a_workshop_idea_pulled_in_as_an_actor_keeps_its_link(
    client, organisation, facilitator, model
):
    workshop, activity, contribution = _workshop_with_idea(organisation, facilitator)
    client.force_login(facilitator)
    page = client.get(_url("contributions", model.pk), {"verksted": workshop.pk}).content.decode()
    assert "Naboer som handler for hverandre" in page
    response = client.post(
        _url("contributions", model.pk),
        {
            "workshop": workshop.pk,
            "contribution": contribution.pk,
            "as_kind": "actor",
            "label": "Nabohjelpere",
            "sector": "civil",
        },
    )
    assert response.status_code == 302
    actor = model.elements.get(label="Nabohjelpere")
    assert (actor.source_workshop_id, actor.source_activity_id, actor.source_contribution_id) == (
        workshop.pk,
        activity.pk,
        contribution.pk,
    )
    assert actor.source_text == "Naboer som handler for hverandre"
    assert actor.source_activity_title == "Hvem kan bære omsorgen?"


def test_an_outsider_cannot_pull_from_another_organisations_workshop(
    client, organisation, facilitator, outsider, other_organisation
):
    from samfunnslab.community_models import services

    workshop, _, contribution = _workshop_with_idea(organisation, facilitator)
    theirs = services.model_create(
        organisation=other_organisation, user=outsider, name="Karmøy", municipality_code="1149"
    )
    client.force_login(outsider)
    response = client.post(
        _url("contributions", theirs.pk),
        {"workshop": workshop.pk, "contribution": contribution.pk, "as_kind": "value"},
    )
    assert response.status_code == 400
    assert "Fant ikke innspillet" in response.content.decode()
    assert not theirs.values.exists()


def test_an_element_can_be_renamed_and_an_empty_name_is_refused(client, facilitator, built):
    client.force_login(facilitator)
    actor = built.elements.get(label="Naboer")
    url = _url("element_edit", built.pk, actor.pk)
    refused = client.post(url, {"label": "", "sector": "civil"})
    assert refused.status_code == 400 and "«Navn» kan ikke være tomt." in refused.content.decode()
    saved = client.post(url, {"label": "Naboer i Skåredalen", "sector": "family"}, follow=True)
    actor.refresh_from_db()
    assert (actor.label, actor.sector) == ("Naboer i Skåredalen", "family")
    assert 'Endret: <span lang="nb">Naboer i Skåredalen</span>' in saved.content.decode()


def test_a_ten_megabyte_paste_gets_the_plain_error_page_and_saves_nothing(
    client, facilitator, model
):
    client.force_login(facilitator)
    response = client.post(
        _url("builder_add", model.pk, "actor"), {"label": "x" * 10_000_000, "sector": "civil"}
    )
    assert response.status_code == 400
    assert "Hvis du limte inn en veldig lang tekst" in response.content.decode()
    assert not model.elements.exists()


def test_a_new_model_remembers_the_workshop_and_step_it_came_from(
    client, organisation, facilitator
):
    workshop, _, _ = _workshop_with_idea(organisation, facilitator)
    client.force_login(facilitator)
    client.post(
        _url("create"),
        {
            "name": "Fra verkstedet",
            "municipality_code": "1106",
            "horizon_year": "2040",
            "source_workshop": workshop.pk,
            "source_step": "Steg 2b",
        },
    )
    model = CommunityModel.objects.get(name="Fra verkstedet")
    assert (model.source_workshop_id, model.source_workshop_title, model.source_step) == (
        workshop.pk,
        "Framtidsverksted",
        "Steg 2b",
    )


# --- malformed posts: a plain message and nothing written ---------------------------------

UNKNOWN_ELEMENT = "Fant ikke den delen av modellen. Last inn siden på nytt."
OTHER_ORGANISATION = "Velg en av organisasjonene du kan redigere i."


def test_a_model_in_someone_elses_organisation_is_refused(client, facilitator, other_organisation):
    client.force_login(facilitator)
    response = client.post(
        _url("create"),
        {"organisation": other_organisation.pk, "name": "Ny", "municipality_code": "1106",
         "horizon_year": "2040"},
    )  # fmt: skip
    assert response.status_code == 400 and OTHER_ORGANISATION in response.content.decode()
    assert not CommunityModel.objects.exists()


def test_a_model_from_a_workshop_id_that_is_not_a_number_is_refused(client, facilitator):
    client.force_login(facilitator)
    response = client.post(
        _url("create"),
        {"name": "Ny", "municipality_code": "1106", "horizon_year": "2040",
         "source_workshop": "vårt"},
    )  # fmt: skip
    assert response.status_code == 400
    assert "Velg et av verkstedene dine, eller ingen." in response.content.decode()
    assert not CommunityModel.objects.exists()


def test_editing_a_model_with_a_workshop_that_is_not_the_users_is_refused(
    client, facilitator, model
):
    client.force_login(facilitator)
    response = client.post(
        _url("edit", model.pk),
        {"name": "Nytt navn", "municipality_code": "1106", "horizon_year": "2040",
         "source_workshop": "999999"},
    )  # fmt: skip
    assert response.status_code == 400
    model.refresh_from_db()
    assert model.name == "Testmodellen"


def test_a_role_for_an_actor_id_that_is_not_a_number_is_refused(client, facilitator, built):
    client.force_login(facilitator)
    care = built.elements.get(label="Omsorg for eldre")
    roles = built.roles.count()
    response = client.post(
        _url("builder_add", built.pk, "role"),
        {"actor": "naboer", "function": care.pk, "kind": "provides"},
    )
    assert response.status_code == 400 and UNKNOWN_ELEMENT in response.content.decode()
    assert built.roles.count() == roles


def test_a_role_with_a_share_in_words_is_refused(client, facilitator, built):
    client.force_login(facilitator)
    home = built.elements.get(label="Hjemmetjenesten")
    health = built.elements.get(label="Helse")
    response = client.post(
        _url("builder_add", built.pk, "role"),
        {"actor": home.pk, "function": health.pk, "kind": "provides", "share_of_effort": "mye"},
    )
    assert response.status_code == 400
    assert "Andelen av innsatsen må være et tall mellom 0 og 100." in response.content.decode()
    assert not built.roles.filter(function=health).exists()


def test_a_relation_from_an_element_of_another_model_is_refused(
    client, facilitator, built, other_organisation, outsider
):
    from samfunnslab.community_models import services

    theirs = services.model_create(
        organisation=other_organisation, user=outsider, name="Karmøy", municipality_code="1149"
    )
    foreign = services.element_add(model=theirs, kind="factor", label="Fremmed")
    trust = built.elements.get(label="Tillit")
    relations = built.relations.count()
    client.force_login(facilitator)
    response = client.post(
        _url("builder_add", built.pk, "relation"),
        {"source": foreign.pk, "target": trust.pk, "kind": "causal", "polarity": "+"},
    )
    assert response.status_code == 400 and UNKNOWN_ELEMENT in response.content.decode()
    assert built.relations.count() == relations


def test_an_element_owned_by_an_id_that_is_not_a_number_is_refused(client, facilitator, built):
    client.force_login(facilitator)
    response = client.post(
        _url("builder_add", built.pk, "resource"), {"label": "Bussen", "owner": "kommunen"}
    )
    assert response.status_code == 400 and UNKNOWN_ELEMENT in response.content.decode()
    assert not built.elements.filter(label="Bussen").exists()


def test_editing_an_element_with_an_unknown_owner_is_refused(client, facilitator, built):
    client.force_login(facilitator)
    home = built.elements.get(label="Hjemmetjenesten")
    response = client.post(
        _url("element_edit", built.pk, home.pk),
        {"label": "Hjemmesykepleien", "sector": "public", "owner": "999999"},
    )
    assert response.status_code == 400 and UNKNOWN_ELEMENT in response.content.decode()
    home.refresh_from_db()
    assert home.label == "Hjemmetjenesten"


def test_forking_into_someone_elses_organisation_is_refused(
    client, facilitator, built, other_organisation
):
    client.force_login(facilitator)
    response = client.post(
        _url("fork", built.pk), {"name": "Fremmed variant", "organisation": other_organisation.pk}
    )
    assert response.status_code == 400 and OTHER_ORGANISATION in response.content.decode()
    assert not CommunityModel.objects.filter(name="Fremmed variant").exists()


def test_a_version_note_with_a_null_character_is_refused(client, facilitator, model):
    client.force_login(facilitator)
    response = client.post(_url("version_save", model.pk), {"note": "før\x00etter"}, follow=True)
    assert response.redirect_chain and not model.versions.exists()


def test_pulling_a_contribution_id_that_is_not_a_number_is_refused(
    client, organisation, facilitator, model
):
    workshop, _, _ = _workshop_with_idea(organisation, facilitator)
    client.force_login(facilitator)
    response = client.post(
        _url("contributions", model.pk),
        {"workshop": workshop.pk, "contribution": "den første", "as_kind": "actor",
         "label": "Nabohjelpere", "sector": "civil"},
    )  # fmt: skip
    assert response.status_code == 400
    assert "Fant ikke innspillet" in response.content.decode()
    assert not model.elements.exists()


def test_the_model_page_runs_the_model_for_another_municipality_when_asked(
    client, facilitator, model
):
    client.force_login(facilitator)
    html = client.get(_url("detail", model.pk) + "?kommune=1866").content.decode()
    assert "Tallene gjelder Hadsel: forutsetningene i modellen, som er laget for Haugesund" in html
    assert f'href="{_url("detail", model.pk)}#tall"' in html
    assert "Tallene gjelder Haugesund." in client.get(_url("detail", model.pk)).content.decode()


def test_an_unknown_municipality_on_the_model_page_gets_a_plain_message(client, facilitator, model):
    client.force_login(facilitator)
    response = client.get(_url("detail", model.pk) + "?kommune=9999")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Vi finner ingen kommune med nummeret «9999»" in html
    assert "Tallene gjelder Haugesund." in html
