from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from samfunnslab.core import statistics
from samfunnslab.inclusion.tests.factories import described, open_workshop
from samfunnslab.workshops import authorizers as workshop_authorizers
from samfunnslab.workshops import services
from samfunnslab.workshops.models import Participant, StatementVote, Workshop


@pytest.fixture
def workshop(organisation: Any, facilitator: Any) -> Workshop:
    workshop = open_workshop(organisation, facilitator)
    described(workshop, 6, age_band="30-44", parent_small_child="ja")
    described(workshop, 6, age_band="45-66", new_in_norway="nei")
    described(workshop, 5, age_band="67-79")
    return workshop


def _ended(*workshops: Workshop) -> None:
    for workshop in workshops:
        services.workshop_close(workshop=workshop)


def _tables(html: str) -> str:
    """Return the tables part of the page: every breakdown it shows, nothing else."""
    return html.split('id="tables-heading"')[1].split('<p class="source">')[0]


def _page(user: Any, url: str, **headers: str) -> str:
    client = Client()
    client.force_login(user)
    response = client.get(url, headers=headers)
    assert response.status_code == 200
    return response.content.decode()


def _under_18_share_in_haugesund() -> int:
    ages = statistics.snapshot().population.municipality("1106")[-1].sum(axis=0)
    return round(100 * ages[:18].sum() / ages.sum())


def test_it_says_nobody_under_18_took_part_in_haugesund(
    facilitator: Any, workshop: Workshop
) -> None:
    _ended(workshop)
    html = _page(facilitator, f"/inkludering/verksted/{workshop.pk}/")

    share = _under_18_share_in_haugesund()
    assert 10 < share < 30
    assert f"Ingen under 18 år har deltatt, men de er {share} % av innbyggerne i Haugesund." in html
    assert "/metoder/prosesser/barn-og-unge/" in html
    year = int(statistics.snapshot().population.years[-1])
    assert f"Befolkning 1. januar {year}, SSB tabell 07459" in html


def test_it_says_nobody_new_in_norway_answered(facilitator: Any, workshop: Workshop) -> None:
    _ended(workshop)
    html = _page(facilitator, f"/inkludering/verksted/{workshop.pk}/")
    assert "Ingen av dem som svarte, er nye i Norge." in html


def test_small_cells_are_hidden_in_the_page(facilitator: Any, workshop: Workshop) -> None:
    described(workshop, 2, age_band="80+")
    _ended(workshop)

    html = _page(facilitator, f"/inkludering/verksted/{workshop.pk}/")

    row = html.split("80 år eller eldre</th>")[1].split("</tr>")[0]
    assert "skjult" in row and ">2<" not in row
    row_67 = html.split("67–79 år</th>")[1].split("</tr>")[0]
    assert "skjult" in row_67  # the complement: 19 answered - 6 - 6 would give 80+ away
    row_0 = html.split("Under 13 år</th>")[1].split("</tr>")[0]
    assert "skjult" in row_0  # a zero beside a hidden count is hidden, so «skjult» may be 0


def test_a_withdrawn_self_description_leaves_the_view_after_the_end(
    facilitator: Any, workshop: Workshop
) -> None:
    teenagers = described(workshop, 5, age_band="13-17")
    _ended(workshop)
    before = _page(facilitator, f"/inkludering/verksted/{workshop.pk}/")
    assert "Ingen under 18 år har deltatt" not in before
    phone = Client()
    phone.cookies[workshop_authorizers.cookie_name(workshop)] = (
        workshop_authorizers.sign_participant(teenagers[0])
    )

    response = phone.post(f"/d/{workshop.join_code}/om-meg/slett/")

    assert response.status_code == 302
    teenagers[0].refresh_from_db()
    assert not teenagers[0].has_description
    after = _page(facilitator, f"/inkludering/verksted/{workshop.pk}/")
    row = after.split("13–17 år</th>")[1].split("</tr>")[0]
    assert "skjult" in row  # 4 left: fewer than 5 are never shown


def test_the_process_view_filters_by_session(
    organisation: Any, facilitator: Any, workshop: Workshop
) -> None:
    school = open_workshop(organisation, facilitator, title="Skoleøkt", session="Samling 2")
    described(school, 7, age_band="13-17")
    _ended(workshop, school)

    only_first = _page(facilitator, f"/inkludering/verksted/{workshop.pk}/?okt={workshop.pk}")
    both = _page(
        facilitator, f"/inkludering/verksted/{workshop.pk}/?okt={workshop.pk}&okt={school.pk}"
    )

    assert "17 deltakere" in only_first and "Ingen under 18 år har deltatt" in only_first
    assert "24 deltakere" in both and "Ingen under 18 år har deltatt" not in both
    assert "Skoleøkt – Samling 2" in both


def test_htmx_gets_only_the_report(facilitator: Any, workshop: Workshop) -> None:
    _ended(workshop)
    html = _page(facilitator, f"/inkludering/verksted/{workshop.pk}/", HX_Request="true")
    assert html.lstrip().startswith('<div id="inclusion-report"')


def test_a_paper_sheet_is_entered_as_an_assisted_participant(
    facilitator: Any, workshop: Workshop
) -> None:
    statement = workshop.activities.get().contributions.first()
    client = Client()
    client.force_login(facilitator)
    form = {"key": "sheet-1", "age_band": "80+", "lives_here": "ja", f"stmt_{statement.pk}": "1"}

    first = client.post(f"/inkludering/verksted/{workshop.pk}/papir/", form)
    again = client.post(f"/inkludering/verksted/{workshop.pk}/papir/", form)

    assert first.status_code == again.status_code == 302
    paper = Participant.objects.get(workshop=workshop, assisted=True)
    assert paper.entered_by == facilitator
    assert paper.age_band == "80+" and paper.lives_here == "ja"
    vote = StatementVote.objects.get(participant=paper)
    assert vote.statement == statement and vote.vote == 1
    _ended(workshop)
    html = _page(facilitator, f"/inkludering/verksted/{workshop.pk}/")
    assert "Papirsvar skrevet inn av fasilitator: skjult" in html


def test_an_empty_paper_sheet_is_refused(facilitator: Any, workshop: Workshop) -> None:
    client = Client()
    client.force_login(facilitator)
    response = client.post(f"/inkludering/verksted/{workshop.pk}/papir/", {"key": "k"})
    assert response.status_code == 200
    assert "Fyll inn minst ett svar" in response.content.decode()
    assert not Participant.objects.filter(assisted=True).exists()


@pytest.mark.parametrize(
    ("persona", "view_status", "paper_status"),
    [("facilitator", 200, 200), ("colleague", 200, 403), ("outsider", 403, 403)],
)
def test_who_may_see_and_enter(
    request: pytest.FixtureRequest,
    workshop: Workshop,
    persona: str,
    view_status: int,
    paper_status: int,
) -> None:
    client = Client()
    client.force_login(request.getfixturevalue(persona))
    assert client.get(f"/inkludering/verksted/{workshop.pk}/").status_code == view_status
    assert client.get(f"/inkludering/verksted/{workshop.pk}/papir/").status_code == paper_status


def test_participants_and_anonymous_visitors_are_sent_to_log_in(workshop: Workshop) -> None:
    response = Client().get(f"/inkludering/verksted/{workshop.pk}/")
    assert response.status_code == 302 and "/konto/logg-inn/" in response["Location"]


# --------------------------------------------------------------------------- differencing attacks


def test_comparing_one_session_with_two_does_not_reveal_the_second_ones_single_participant(
    organisation: Any, facilitator: Any, workshop: Workshop
) -> None:
    councillors = open_workshop(organisation, facilitator, title="Folkevalgte", session="S2")
    described(councillors, 1, age_band="80+", role="folkevalgt", lives_here="ja")
    _ended(workshop, councillors)
    base = f"/inkludering/verksted/{workshop.pk}/?okt={workshop.pk}"

    first = _page(facilitator, base)
    both = _page(facilitator, f"{base}&okt={councillors.pk}")

    assert "17 deltakere" in first and "18 deltakere" in both
    assert _tables(both) == _tables(first)


def test_zero_and_hidden_in_two_filters_do_not_tell_that_someone_took_part(
    organisation: Any, facilitator: Any, workshop: Workshop
) -> None:
    second = open_workshop(organisation, facilitator, title="Samling 2")
    described(second, 6, age_band="30-44")
    described(second, 6, age_band="45-66")
    described(second, 1, age_band="80+")
    _ended(workshop, second)

    both = _page(
        facilitator, f"/inkludering/verksted/{workshop.pk}/?okt={workshop.pk}&okt={second.pk}"
    )

    rows = {
        band: both.split(f"{band}</th>")[1].split("</tr>")[0]
        for band in ("Under 13 år", "13–17 år", "80 år eller eldre")
    }
    assert all("skjult" in row for row in rows.values())  # nobody and somebody look the same


def test_the_total_minus_the_shown_counts_leaves_several_hidden_cells_and_five_or_more(
    organisation: Any, facilitator: Any, workshop: Workshop
) -> None:
    described(workshop, 1, age_band="80+", role="folkevalgt")
    described(workshop, 2, age_band="18-29", new_in_norway="ja")
    _ended(workshop)

    tables = _tables(_page(facilitator, f"/inkludering/verksted/{workshop.pk}/"))

    for table in tables.split("<table")[1:]:
        caption = table.split("<caption>")[1].split("</caption>")[0]
        counts = [cell.split("</td>")[0] for cell in table.split('<td class="num">')[1::2]]
        shown = [int(c) for c in counts if c.strip().isdigit()]
        if "for få har svart" in caption:  # the yes/no questions here: nothing at all is shown
            assert shown == []
            continue
        answered = int(caption.split(" har svart")[0].split()[-1])
        hidden = len(counts) - len(shown)
        assert hidden == 0 or (hidden >= 3 and answered - sum(shown) >= 5)


def test_watching_a_running_session_before_and_after_one_more_participant_shows_nothing_new(
    facilitator: Any, workshop: Workshop
) -> None:
    url = f"/inkludering/verksted/{workshop.pk}/"
    before = _page(facilitator, url)

    described(workshop, 1, age_band="80+", new_in_norway="ja")
    after = _page(facilitator, url)

    assert "17 deltakere" in before and "18 deltakere" in after
    assert _tables(after) == _tables(before)
    assert "1 samling tar fortsatt imot svar" in after
    _ended(workshop)
    ended = _page(facilitator, url)
    assert "18 har svart" in _tables(ended)


def test_the_paper_sheet_marks_the_prompt_and_seeded_statements_with_their_language(
    facilitator: Any, workshop: Workshop
) -> None:
    activity = workshop.activities.get()
    activity.text_lang = "nn"
    activity.save()

    html = _page(facilitator, f"/inkludering/verksted/{workshop.pk}/papir/")

    assert 'data-size="xs" lang="nn">Hva mener du?</legend>' in html
    assert '<legend class="ds-label" lang="nn">Naboer bør hjelpe hverandre mer.</legend>' in html
