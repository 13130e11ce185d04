from __future__ import annotations

import io

import pytest
from docx import Document
from pypdf import PdfReader

from samfunnslab.lab import authorizers, services
from samfunnslab.lab.models import Finding, FrameworkCondition, LabExercise, Rating
from samfunnslab.lab.tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def exercise(organisation):
    return factories.exercise(organisation)


@pytest.fixture
def finding(exercise):
    return factories.finding(exercise)


def test_the_register_page_is_public_and_marks_unchecked_entries(client) -> None:
    response = client.get("/lab/rammebetingelser/?q=forsøksloven")
    assert response.status_code == 200
    assert "Forsøksloven – forsøk i offentlig forvaltning" in response.text
    assert "Må kontrolleres av jurist" in response.text


def test_the_lab_index_is_public(client) -> None:
    assert client.get("/lab/").status_code == 200


def test_a_facilitator_starts_an_exercise(client, facilitator, organisation) -> None:
    model = factories.community_model(organisation)
    client.force_login(facilitator)
    ids = [factories.condition("kommuneloven").pk]
    response = client.post("/lab/ovelse/ny/", {"model": model.pk, "conditions": ids})
    exercise = LabExercise.objects.get()
    assert response.status_code == 302 and exercise.model == model


def test_starting_an_exercise_without_conditions_says_what_is_wrong(
    client, facilitator, organisation
) -> None:
    model = factories.community_model(organisation)
    client.force_login(facilitator)
    response = client.post("/lab/ovelse/ny/", {"model": model.pk})
    assert response.status_code == 400 and "Velg minst én rammebetingelse" in response.text
    assert not LabExercise.objects.exists()


def test_a_facilitator_records_a_finding(client, facilitator, exercise) -> None:
    client.force_login(facilitator)
    response = client.post(
        f"/lab/ovelse/{exercise.pk}/funn/",
        {
            "ref": factories.role_ref(exercise.model),
            "condition": factories.condition("kommuneloven").pk,
            "finding_type": "barrier",
            "mechanism": "forbids",
            "room": "forsok",
            "forsok_letter": "a",
            "description": "Nabolagslaget kan ikke fatte vedtak.",
        },
    )
    assert response.status_code == 302
    assert Finding.objects.get().forsok_letter == "a"


def test_an_empty_finding_form_gives_plain_messages(client, facilitator, exercise) -> None:
    client.force_login(facilitator)
    response = client.post(f"/lab/ovelse/{exercise.pk}/funn/", {})
    assert response.status_code == 400 and "Velg en rammebetingelse" in response.text
    assert not Finding.objects.exists()


def test_the_exercise_page_shows_the_matrix(client, facilitator, finding) -> None:
    client.force_login(facilitator)
    response = client.get(f"/lab/ovelse/{finding.exercise.pk}/")
    assert response.status_code == 200
    assert "Nabolagslaget – utfører – Omsorg for eldre" in response.text


def test_a_viewer_rates_under_their_own_name(client, colleague, finding) -> None:
    client.force_login(colleague)
    client.post(
        f"/lab/funn/{finding.pk}/vurdering/",
        {
            "rater_name": "Noen andre",
            "severity": 3,
            "certainty": 4,
        },
    )
    assert Rating.objects.get().rater_name == "bob"


def test_a_facilitator_enters_ratings_for_workshop_participants(
    client, facilitator, finding
) -> None:
    client.force_login(facilitator)
    for name, severity in (("Kari", 1), ("Per", 5)):
        client.post(
            f"/lab/funn/{finding.pk}/vurdering/",
            {
                "rater_name": name,
                "severity": severity,
                "certainty": 3,
            },
        )
    response = client.get(f"/lab/funn/{finding.pk}/")
    assert "Uenighet:" in response.text and Rating.objects.count() == 2


def test_a_severity_of_nine_is_refused_with_a_message(client, facilitator, finding) -> None:
    client.force_login(facilitator)
    response = client.post(
        f"/lab/funn/{finding.pk}/vurdering/",
        {
            "rater_name": "Kari",
            "severity": 9,
            "certainty": 3,
        },
    )
    assert response.status_code == 400 and "mellom 1 og 5" in response.text
    assert not Rating.objects.exists()


def test_an_htmx_rating_returns_only_the_ratings_table(client, facilitator, finding) -> None:
    client.force_login(facilitator)
    response = client.post(
        f"/lab/funn/{finding.pk}/vurdering/",
        {"rater_name": "Kari", "severity": 2, "certainty": 3},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert 'id="ratings"' in response.text and "<html" not in response.text


def test_the_status_form_keeps_history(client, facilitator, finding) -> None:
    client.force_login(facilitator)
    client.post(
        f"/lab/funn/{finding.pk}/status/", {"status": "assessed", "note": "Vurdert i møtet"}
    )
    response = client.get(f"/lab/funn/{finding.pk}/")
    assert "Vurdert i møtet" in response.text


def test_the_forsok_draft_downloads_as_pdf_and_docx(client, facilitator, exercise) -> None:
    factories.finding(exercise, room="forsok", forsok_letter="a")
    client.force_login(facilitator)
    url = f"/lab/ovelse/{exercise.pk}/forsok/"
    pdf = client.get(url, {"format": "pdf", "what_to_try": "Nabolagsbudsjett", "years": 4})
    assert pdf["Content-Type"] == "application/pdf"
    assert "UTKAST" in PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()
    docx = client.get(url, {"format": "docx", "what_to_try": "Nabolagsbudsjett", "years": 4})
    assert Document(io.BytesIO(docx.content)).paragraphs[0].text.startswith("UTKAST")


def test_a_too_long_forsok_is_explained_not_downloaded(client, facilitator, exercise) -> None:
    factories.finding(exercise, room="forsok", forsok_letter="a")
    client.force_login(facilitator)
    response = client.get(f"/lab/ovelse/{exercise.pk}/forsok/", {"format": "pdf", "years": 7})
    assert response.status_code == 400 and "inntil 4 år" in response.text


def test_summary_pdf_and_csv_download(client, facilitator, finding) -> None:
    client.force_login(facilitator)
    pk = finding.exercise.pk
    assert client.get(f"/lab/ovelse/{pk}/sammendrag/").status_code == 200
    assert client.get(f"/lab/ovelse/{pk}/sammendrag.pdf").content.startswith(b"%PDF")
    assert "Nabolagslaget" in client.get(f"/lab/ovelse/{pk}/funn.csv").content.decode()
    assert "Nabolagslaget" in client.get("/lab/alle-funn.csv").content.decode()


def test_the_what_it_takes_page_lists_models(client, facilitator, finding) -> None:
    client.force_login(facilitator)
    response = client.get("/lab/hva-skal-til/", {"m": finding.exercise.model.pk})
    assert response.status_code == 200 and "Nabolagsmodellen" in response.text


def test_a_facilitator_records_a_jurist_check(client, facilitator) -> None:
    entry = factories.condition("folkehelseloven")
    client.force_login(facilitator)
    client.post(
        f"/lab/rammebetingelser/{entry.pk}/kontroll/",
        {
            "checked_by_name": "Jurist Jensen",
            "checked_on": "2026-01-05",
        },
    )
    entry.refresh_from_db()
    assert entry.checked_by_name == "Jurist Jensen"


def test_a_facilitator_adds_a_local_entry(client, facilitator, organisation) -> None:
    client.force_login(facilitator)
    response = client.post(
        "/lab/rammebetingelser/ny/",
        {
            "title": "Vedtak om nabolagshus",
            "summary": "Gratis lån.",
            "reference": "Sak 3/2026",
            "level": "local",
            "type": "organisational",
            "source_kind": "local_decision",
        },
    )
    assert response.status_code == 302
    assert (
        FrameworkCondition.objects.get(title="Vedtak om nabolagshus").organisation == organisation
    )


# --- access, tested with personas ----------------------------------------------------------


def test_it_rejects_an_outsider_on_the_exercise(client, outsider, exercise) -> None:
    client.force_login(outsider)
    assert client.get(f"/lab/ovelse/{exercise.pk}/").status_code == 403


def test_it_rejects_an_outsider_rating(client, outsider, finding) -> None:
    client.force_login(outsider)
    response = client.post(f"/lab/funn/{finding.pk}/vurdering/", {"severity": 3, "certainty": 3})
    assert response.status_code == 403 and not Rating.objects.exists()


def test_it_rejects_a_viewer_adding_findings(client, colleague, exercise) -> None:
    client.force_login(colleague)
    assert client.post(f"/lab/ovelse/{exercise.pk}/funn/", {}).status_code == 403


def test_it_rejects_a_viewer_changing_status(client, colleague, finding) -> None:
    client.force_login(colleague)
    assert client.post(f"/lab/funn/{finding.pk}/status/", {"status": "closed"}).status_code == 403


def test_it_sends_anonymous_visitors_to_log_in(client, exercise) -> None:
    assert client.get(f"/lab/ovelse/{exercise.pk}/").status_code == 302


def test_authorizers_answer_for_each_persona(facilitator, colleague, outsider, exercise) -> None:
    assert authorizers.can_edit_exercise(facilitator, exercise)
    assert not authorizers.can_edit_exercise(colleague, exercise)
    assert authorizers.can_rate(colleague, exercise)
    assert not authorizers.can_rate(outsider, exercise)
    assert list(authorizers.visible_exercises(outsider)) == []


def test_local_entries_are_hidden_from_other_organisations(client, organisation, outsider) -> None:
    entry = services.condition_create(
        organisation=organisation,
        user=None,
        title="Haugesunds eget vedtak",
        summary="s",
        reference="Sak 9/2026",
        level="local",
        type="legal",
    )
    client.force_login(outsider)
    assert client.get(f"/lab/rammebetingelser/{entry.pk}/").status_code == 403
    assert "Haugesunds eget vedtak" not in client.get("/lab/rammebetingelser/").text


def test_the_ratings_fragment_refreshes_for_members_only(
    client, colleague, outsider, finding
) -> None:
    services.rating_add(finding=finding, rater_name="Kari", severity=4, certainty=2)
    client.force_login(colleague)
    response = client.get(f"/lab/funn/{finding.pk}/vurderinger/")
    assert "Kari" in response.text and "<html" not in response.text
    client.force_login(outsider)
    assert client.get(f"/lab/funn/{finding.pk}/vurderinger/").status_code == 403


def test_what_it_takes_shows_each_chosen_models_findings_matrix_side_by_side(
    client, facilitator, organisation, finding
) -> None:
    other = factories.exercise(organisation, factories.community_model(organisation, name="B"))
    factories.finding(other, finding_type="opportunity")
    client.force_login(facilitator)
    url = f"/lab/hva-skal-til/?m={finding.exercise.model.pk}&m={other.model.pk}"
    html = client.get(url).content.decode()
    assert "Funnene side om side" in html
    assert html.count('class="model-matrix"') == 2
    assert "finding-chip finding-barrier" in html and "finding-chip finding-opportunity" in html
    assert "Modellelementer mot rammebetingelser for B" in html


def test_what_it_takes_without_a_choice_shows_only_the_counts(client, facilitator, finding) -> None:
    client.force_login(facilitator)
    html = client.get("/lab/hva-skal-til/").content.decode()
    assert "Funnene side om side" not in html


def test_what_it_takes_for_a_new_organisation_without_models_says_to_make_one(
    client, facilitator
) -> None:
    client.force_login(facilitator)
    html = client.get("/lab/hva-skal-til/").content.decode()
    assert 'id="ingen-tall"' in html and "<table" not in html
    assert "ingen lokalsamfunnsmodeller ennå" in html and 'href="/modeller/ny/"' in html


def test_what_it_takes_without_findings_explains_instead_of_showing_zeros(
    client, facilitator, organisation
) -> None:
    factories.community_model(organisation)
    client.force_login(facilitator)
    html = client.get("/lab/hva-skal-til/").content.decode()
    assert 'id="ingen-tall"' in html and "<table" not in html
    assert "Ingen funn ennå, så det er ingen tall å vise." in html
    assert 'href="/lab/#ny-ovelse"' in html


def test_what_it_takes_with_a_finding_shows_the_counts_and_no_explanation(
    client, facilitator, finding
) -> None:
    client.force_login(facilitator)
    html = client.get("/lab/hva-skal-til/").content.decode()
    assert "Funn per handlingsrom og modell" in html and 'id="ingen-tall"' not in html


def test_the_summary_of_an_exercise_without_findings_says_how_to_record_one(
    client, facilitator, exercise
) -> None:
    client.force_login(facilitator)
    html = client.get(f"/lab/ovelse/{exercise.pk}/sammendrag/").content.decode()
    assert "Øvelsen har ingen funn ennå" in html and "<table" not in html
    assert f'href="/lab/ovelse/{exercise.pk}/#nytt-funn"' in html


def test_deleting_a_finding_asks_first_and_then_deletes_it(client, facilitator, finding) -> None:
    client.force_login(facilitator)
    confirm = client.get(f"/lab/funn/{finding.pk}/slett/")
    assert confirm.status_code == 200 and "Ja, slett funnet" in confirm.content.decode()
    assert Finding.objects.filter(pk=finding.pk).exists()
    response = client.post(f"/lab/funn/{finding.pk}/slett/")
    assert (
        response.status_code == 302
        and response["Location"] == f"/lab/ovelse/{finding.exercise.pk}/"
    )
    assert not Finding.objects.filter(pk=finding.pk).exists()


def test_a_viewer_cannot_delete_a_finding(client, colleague, finding) -> None:
    client.force_login(colleague)
    assert client.get(f"/lab/funn/{finding.pk}/slett/").status_code == 403
    assert client.post(f"/lab/funn/{finding.pk}/slett/").status_code == 403
    assert Finding.objects.filter(pk=finding.pk).exists()


def test_the_finding_page_links_to_deletion_for_editors_only(
    client, facilitator, colleague, finding
) -> None:
    client.force_login(facilitator)
    assert (
        f"/lab/funn/{finding.pk}/slett/" in client.get(f"/lab/funn/{finding.pk}/").content.decode()
    )
    client.force_login(colleague)
    assert (
        f"/lab/funn/{finding.pk}/slett/"
        not in client.get(f"/lab/funn/{finding.pk}/").content.decode()
    )


# --- malformed posts: a plain message and nothing written ---------------------------------


def test_an_exercise_for_a_model_id_that_is_not_a_number_is_refused(
    client, facilitator, organisation
) -> None:
    client.force_login(facilitator)
    ids = [factories.condition("kommuneloven").pk]
    response = client.post("/lab/ovelse/ny/", {"model": "abc", "conditions": ids})
    assert response.status_code == 400 and "Velg en lokalsamfunnsmodell." in response.text
    assert not LabExercise.objects.exists()


def test_an_exercise_with_an_unknown_condition_is_refused_not_started_without_it(
    client, facilitator, organisation
) -> None:
    model = factories.community_model(organisation)
    client.force_login(facilitator)
    known = factories.condition("kommuneloven").pk
    response = client.post("/lab/ovelse/ny/", {"model": model.pk, "conditions": [known, "x"]})
    assert response.status_code == 400 and "En av rammebetingelsene finnes ikke" in response.text
    assert not LabExercise.objects.exists()


def test_a_local_entry_in_someone_elses_organisation_is_refused(
    client, facilitator, other_organisation
) -> None:
    client.force_login(facilitator)
    other = other_organisation
    response = client.post(
        "/lab/rammebetingelser/ny/",
        {"organisation": other.pk, "title": "Vedtak", "summary": "S.", "reference": "R",
         "level": "local", "type": "organisational"},
    )  # fmt: skip
    assert response.status_code == 400
    assert "Velg en av organisasjonene du kan redigere i." in response.text
    assert not FrameworkCondition.objects.filter(title="Vedtak").exists()


def test_a_jurist_check_with_a_date_in_words_is_refused(client, facilitator) -> None:
    entry = factories.condition("folkehelseloven")
    client.force_login(facilitator)
    response = client.post(
        f"/lab/rammebetingelser/{entry.pk}/kontroll/",
        {"checked_by_name": "Jurist Jensen", "checked_on": "5. januar"},
    )
    assert response.status_code == 400 and "Skriv datoen som åååå-mm-dd." in response.text
    entry.refresh_from_db()
    assert entry.checked_by_name == ""


def test_a_finding_against_a_condition_id_that_is_not_a_number_is_refused(
    client, facilitator, exercise
) -> None:
    client.force_login(facilitator)
    response = client.post(
        f"/lab/ovelse/{exercise.pk}/funn/",
        {"ref": factories.role_ref(exercise.model), "condition": "første",
         "finding_type": "barrier", "mechanism": "forbids", "room": "forsok",
         "description": "Beskrivelse."},
    )  # fmt: skip
    assert response.status_code == 400
    assert "Velg en rammebetingelse som er med i øvelsen." in response.text
    assert not Finding.objects.exists()


def test_a_rating_in_words_is_refused(client, facilitator, finding) -> None:
    client.force_login(facilitator)
    response = client.post(
        f"/lab/funn/{finding.pk}/vurdering/",
        {"rater_name": "Kari", "severity": "høy", "certainty": "3"},
    )
    assert response.status_code == 400 and "må være et tall fra 1 til 5" in response.text
    assert not Rating.objects.exists()


def test_a_rating_with_a_null_character_is_refused(client, facilitator, finding) -> None:
    client.force_login(facilitator)
    response = client.post(
        f"/lab/funn/{finding.pk}/vurdering/",
        {"rater_name": "Kari\x00", "severity": "3", "certainty": "3"},
    )
    assert response.status_code == 400
    assert not Rating.objects.exists()


def test_an_unknown_status_is_refused_and_the_history_is_unchanged(
    client, facilitator, finding
) -> None:
    client.force_login(facilitator)
    before = list(finding.status_changes.values_list("pk", flat=True))
    response = client.post(f"/lab/funn/{finding.pk}/status/", {"status": "gone"})
    assert response.status_code == 400 and "Velg en gyldig verdi for «Status»" in response.text
    assert list(finding.status_changes.values_list("pk", flat=True)) == before
