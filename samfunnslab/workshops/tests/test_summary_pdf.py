from __future__ import annotations

import io
import re
from typing import Any

import pytest
from django.utils import translation
from pypdf import PdfReader

from samfunnslab.core.tests.pdf_checks import assert_tagged
from samfunnslab.opinions.tests.test_live import (
    CAMP_A,
    SHARED,
    make_statements_activity,
    statements_by_text,
    vote_camp,
)
from samfunnslab.workshops import services
from samfunnslab.workshops.models import Activity, Workshop
from samfunnslab.workshops.summary_pdf import (
    activity_summary,
    summary_html,
    summary_pdf,
    summary_pdf_response,
    word_cloud_svg,
    workshop_summary,
)
from textsort import TermCount, count_terms


@pytest.fixture
def workshop(organisation: Any, facilitator: Any) -> Workshop:
    workshop = services.workshop_create(
        organisation=organisation,
        user=facilitator,
        title="Fremtidens Skudeneshavn",
        municipality_code="1106",
        session_label="Samling 2",
    )
    cloud = services.activity_add(
        workshop=workshop, kind="wordcloud", prompt="Ett ord om bygda i 2040"
    )
    open_ = services.activity_add(workshop=workshop, kind="open", prompt="Hva bør vi prøve ut?")
    choice = services.activity_add(
        workshop=workshop,
        kind="choice",
        prompt="Hva haster mest?",
        options=["Skolevei", "Sykehjem", "Kulturhus"],
    )
    services.workshop_open(workshop=workshop)
    for n, (word, idea, pick) in enumerate(
        [
            ("fellesskap", "Felles kjøkken for eldre og unge", 0),
            ("fellesskap", "Bildeling mellom naboer", 1),
            ("havet", "<b>Nattåpent</b> bibliotek", 1),
        ]
    ):
        person = services.participant_join(workshop=workshop)
        services.contribution_submit(
            participant=person, activity=cloud, text=word, idempotency_key=f"w{n}"
        )
        services.contribution_submit(
            participant=person, activity=open_, text=idea, idempotency_key=f"o{n}"
        )
        services.response_submit(
            participant=person, activity=choice, value={"choice": pick}, idempotency_key=f"c{n}"
        )
    return workshop


def pdf_text(data: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(data))
    text = " ".join(page.extract_text() for page in reader.pages)
    return len(reader.pages), re.sub(r"\s+", " ", text)


def test_the_pdf_shows_each_activity_with_its_results(workshop: Workshop) -> None:
    data = summary_pdf(workshop)
    assert data.startswith(b"%PDF-")
    assert_tagged(data, title=f"Oppsummering: {workshop.title}")
    pages, text = pdf_text(data)
    assert pages >= 1
    for expected in (
        "Fremtidens Skudeneshavn",
        "Samling 2",
        "3 deltakere",
        "1. Ett ord om bygda i 2040",
        "2. Hva bør vi prøve ut?",
        "3. Hva haster mest?",
        "Sykehjem",
        "67 %",
        "Felles kjøkken for eldre og unge",
        "fellesskap",
        "Kilde",
    ):
        assert expected in text, expected


def test_a_long_workshop_runs_over_several_pages(workshop: Workshop) -> None:
    for n in range(12):
        services.activity_add(workshop=workshop, kind="scale", prompt=f"Påstand nummer {n}")
    pages, text = pdf_text(summary_pdf(workshop))
    assert pages > 1
    assert "Påstand nummer 11" in text


def test_markup_in_answers_is_printed_as_text_not_obeyed(workshop: Workshop) -> None:
    summary = workshop_summary(workshop)
    assert "<b>Nattåpent</b> bibliotek" in summary.activities[1].items


def test_the_summary_counts_but_never_names_participants(workshop: Workshop) -> None:
    summary = workshop_summary(workshop)
    assert summary.participants == 3
    token = str(workshop.participants.first().token)
    assert token not in pdf_text(summary_pdf(workshop))[1]


def test_the_word_cloud_sizes_words_by_count_and_is_stable() -> None:
    terms = count_terms(["fellesskap", "fellesskap", "fellesskap", "havet", "tillit & ro"])
    svg = word_cloud_svg(terms, title="Ordsky")
    found = re.findall(r'font-size="([\d.]+)"[^>]*>([^<]+)<', svg)
    by_word = {word: float(size) for size, word in found}
    assert by_word["fellesskap"] > by_word["havet"]
    assert word_cloud_svg(terms, title="Ordsky") == svg
    assert 'role="img"' in svg and 'aria-label="Ordsky"' in svg


def test_the_word_cloud_escapes_text_and_leaves_out_flagged_words() -> None:
    svg = word_cloud_svg([TermCount("a<b", 2, False), TermCount("faen", 5, True)], title='"x"')
    assert "a&lt;b" in svg and "faen" not in svg
    assert 'aria-label="&quot;x&quot;"' in svg


def test_an_empty_cloud_draws_nothing() -> None:
    assert word_cloud_svg([], title="Tom") == ""


def test_the_download_is_a_pdf_with_a_file_name(workshop: Workshop) -> None:
    response = summary_pdf_response(workshop)
    assert response["Content-Type"] == "application/pdf"
    assert "oppsummering-fremtidens-skudeneshavn.pdf" in response["Content-Disposition"]


def test_the_pdf_says_the_language_it_is_printed_in(workshop: Workshop) -> None:
    with translation.override("nn"):
        data = summary_pdf(workshop)
    assert_tagged(data, lang="nn", title=workshop.title)


def test_a_nynorsk_activity_has_its_prompt_and_options_marked_nynorsk_in_a_bokmal_summary(
    workshop: Workshop,
) -> None:
    services.activity_add(
        workshop=workshop,
        kind="choice",
        prompt="Kva hastar mest?",
        options=["Skule", "Helse"],
        text_lang="nn",
    )
    html = summary_html(workshop_summary(workshop))
    assert '<h2>4. <span lang="nn">Kva hastar mest?</span></h2>' in html
    assert '<td><span lang="nn">Skule</span></td>' in html


def test_a_bokmal_activity_in_a_bokmal_summary_has_no_lang_of_its_own(workshop: Workshop) -> None:
    html = summary_html(workshop_summary(workshop))
    assert "<h2>3. Hva haster mest?</h2>" in html and "<td>Sykehjem</td>" in html
    assert html.count("lang=") == 1  # only <html lang="nb">


def test_a_bokmal_activity_is_marked_bokmal_in_a_nynorsk_summary(workshop: Workshop) -> None:
    with translation.override("nn"):
        html = summary_html(workshop_summary(workshop))
    assert '<h2>3. <span lang="nb">Hva haster mest?</span></h2>' in html
    assert '<td><span lang="nb">Sykehjem</span></td>' in html
    assert "<li>Felles kjøkken for eldre og unge</li>" in html  # a participant's text: unmarked


def test_seeded_statements_are_marked_with_the_activitys_language_and_participants_are_not(
    organisation: Any, facilitator: Any
) -> None:
    activity = make_statements_activity(organisation, facilitator)
    Activity.objects.filter(pk=activity.pk).update(text_lang="nn")
    vote_camp(activity, camp="A", people=6)
    vote_camp(activity, camp="B", people=6)
    written_by_a_participant = statements_by_text(activity)[SHARED[0]]
    written_by_a_participant.participant = activity.workshop.participants.first()
    written_by_a_participant.save()

    html = summary_html(workshop_summary(activity.workshop))

    assert f'<td><span lang="nn">{CAMP_A[0]}</span></td>' in html
    assert f"<td>{SHARED[0]}</td>" in html
    assert re.search(r'<li>(Enig|Uenig) \(\d+ %\): <span lang="nn">', html)


def test_a_ranking_average_has_a_decimal_comma_in_a_norwegian_summary(workshop: Workshop) -> None:
    ranking = services.activity_add(
        workshop=workshop, kind="ranking", prompt="Ranger", options=["Buss", "Sykkel"]
    )
    for n, order in enumerate([[0, 1], [1, 0], [0, 1]]):
        services.response_submit(
            participant=services.participant_join(workshop=workshop),
            activity=ranking,
            value={"order": order},
            idempotency_key=f"r{n}",
        )
    with translation.override("nb"):
        rows = activity_summary(ranking).rows
    assert [row.percent for row in rows] == ["1,67", "1,33"]


def test_a_statements_activity_counts_the_people_who_voted_not_the_statements(
    organisation: Any, facilitator: Any
) -> None:
    activity = make_statements_activity(organisation, facilitator)
    vote_camp(activity, camp="A", people=2)
    assert activity.contributions.count() > 2
    assert activity_summary(activity).total == 2
