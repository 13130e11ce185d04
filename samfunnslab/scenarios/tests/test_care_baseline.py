"""One set of care numbers: every page, the PDF, the API and the model panel show the same baseline."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from django.test import Client
from pypdf import PdfReader

from samfunnslab.community_models import services as model_services
from samfunnslab.core.tests.pdf_checks import assert_tagged
from samfunnslab.scenarios import selectors, services

pytestmark = pytest.mark.django_db

# Haugesund (the case in the issue), Utsira (the smallest), Oslo (the largest), Lødingen.
CODES = ("1106", "1151", "0301", "1867")


def _plain(text: str) -> str:
    """Collapse every kind of space so figures compare as printed."""
    return re.sub(r"[\s\u00a0\u202f]+", " ", text)


def _cells(html: str, row_pattern: str) -> list[str]:
    """Return the text of the cells of the first table row matching the pattern."""
    row = re.search(row_pattern + r".*?</tr>", html, re.S)
    assert row is not None, row_pattern
    return [
        _plain(re.sub(r"<[^>]+>", "", c)).strip()
        for c in re.findall(r"<td[^>]*>(.*?)</td>", row.group(0), re.S)
    ]


def _min_kommune(client: Client, code: str) -> dict[str, str]:
    html = client.get(f"/scenario/kommune/{code}/framtid/").content.decode()
    table = html[html.index('id="future-workforce"') :]
    now = _cells(table, r"<th scope=\"row\">2026")
    later = _cells(table, r"<th scope=\"row\">2040")
    assert "care-source" in html
    return {"need_now": now[0], "need": later[0], "gap": later[2], "every_nth": later[3]}


def _card(client: Client, code: str) -> dict[str, str]:
    html = client.get(f"/scenario/kort/?kommune={code}").content.decode()
    need = _cells(html, r'data-metric="behov"')
    gap = _cells(html, r'data-metric="gap"')
    nth = _cells(html, r'data-metric="hver_nte"')
    assert "care-source" in html
    return {"need_now": need[0], "need": need[1], "gap": gap[1], "every_nth": nth[1]}


def _api(client: Client, code: str) -> dict[str, str]:
    data = client.get(f"/api/kommuner/{code}/framskriving").json()["care_baseline"]
    return {
        "need_now": f"{round(data['need_base']):,}".replace(",", " "),
        "need": f"{round(data['need']):,}".replace(",", " "),
        "gap": f"{round(data['need']) - round(data['supply']):,}".replace(",", " ").replace(
            "-", "−"
        ),
        "every_nth": f"{data['every_nth']:.1f}".replace(".", ","),
    }


def _model_panel(client: Client, code: str, organisation: Any, user: Any) -> dict[str, str]:
    model = model_services.model_create(
        organisation=organisation, user=user, name=f"Modell {code}", municipality_code=code,
        horizon_year=2040,
    )  # fmt: skip
    model_services.model_parameters_set(model=model, parameters={"family_volunteer_share": 10})
    html = client.get(f"/modeller/{model.pk}/").content.decode()

    def baseline(key: str) -> str:
        return _cells(html, rf'data-indicator="{key}" data-year="2040"')[1]

    assert "SSB 12292/11645" in _plain(html)
    return {
        "need": baseline("care_fte_need"),
        "gap": baseline("care_fte_gap"),
        "every_nth": baseline("every_nth_worker"),
    }


def _story(client: Client, code: str) -> dict[str, str]:
    """Read the figures from the story's care step («Hvem skal gjøre jobben?»)."""
    html = client.get(f"/kommune/{code}/2040/").content.decode()
    step = re.search(r'<section class="story-step" id="omsorg".*?</section>', html, re.S)
    assert step is not None
    text = _plain(re.sub(r"<[^>]+>", " ", step.group(0)))
    need = re.search(r"trengs ([\d ]+) årsverk i helse og omsorg i \d{4} og ([\d ]+) i", text)
    nth = re.search(r"hver ([\d,]+)\. sysselsatte .*?; i \d{4} hver ([\d,]+)\.", text)
    assert need and nth and "SSB 12292/11645" in text, text
    turn = _plain(re.sub(r"<[^>]+>", " ", html[html.index('id="steg-6"') :]))
    gap = re.search(r"da mangler ([−\d ]+) årsverk", turn)
    assert gap is not None
    return {"need_now": need.group(1).strip(), "need": need.group(2).strip(),
            "gap": gap.group(1).strip(), "every_nth_now": nth.group(1), "every_nth": nth.group(2)}  # fmt: skip


def _story_api(client: Client, code: str) -> dict[str, str]:
    return {k: _plain(v) for k, v in client.get(f"/api/kommuner/{code}/2040").json()["care_printed"].items()}  # fmt: skip


def _expected(code: str) -> dict[str, str]:
    return {k: _plain(v) for k, v in selectors.care_baseline(code=code).texts().items()}


@pytest.mark.parametrize("code", CODES)
def test_min_kommune_the_card_the_api_a_models_panel_and_the_2040_story_show_one_care_baseline(
    client: Client, code: str, organisation: Any, facilitator: Any
) -> None:
    expected = _expected(code)
    client.force_login(facilitator)
    assert _min_kommune(client, code) == {
        k: expected[k] for k in ("need_now", "need", "gap", "every_nth")
    }
    assert _card(client, code) == {k: expected[k] for k in ("need_now", "need", "gap", "every_nth")}
    assert _api(client, code) == {k: expected[k] for k in ("need_now", "need", "gap", "every_nth")}
    panel = _model_panel(client, code, organisation, facilitator)
    assert panel == {k: expected[k] for k in ("need", "gap", "every_nth")}
    assert _story(client, code) == expected
    assert _story_api(client, code) == expected


def _whole(text: str) -> int:
    return int(text.replace(" ", "").replace("−", "-"))


@pytest.mark.parametrize("code", (*CODES, "1835"))
def test_need_minus_supply_is_the_gap_in_every_printed_row_of_the_workforce_table(
    client: Client, code: str
) -> None:
    html = client.get(f"/scenario/kommune/{code}/framtid/").content.decode()
    table = html[html.index('id="future-workforce"') :]
    table = table[: table.index("</table>")]
    years = re.findall(r'<th scope="row">(\d{4})', table)
    assert len(years) >= 3
    for year in years:
        need, supply, gap = _cells(table, rf'<th scope="row">{year}')[:3]
        assert _whole(need) - _whole(supply) == _whole(gap), (year, need, supply, gap)


@pytest.mark.parametrize("code", ("1106", "1151"))
def test_the_report_pdf_and_the_story_pdf_print_the_same_care_baseline_with_its_source(
    client: Client, code: str
) -> None:
    expected = _expected(code)
    response = client.get(f"/scenario/rapport.pdf?kommune={code}")
    assert_tagged(response.content, title="Kommunerapport")
    text = _plain(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages))
    for key in ("need_now", "need", "gap"):
        assert expected[key] in text, (key, expected[key])
    assert "SSB 12292/11645" in text
    story = _plain(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(
        client.get(f"/kommune/{code}/2040.pdf").content)).pages))  # fmt: skip
    for key in ("need_now", "need", "gap", "every_nth_now", "every_nth"):
        assert expected[key] in story, (key, expected[key])


def test_haugesunds_baseline_is_the_national_rate_figure_not_the_published_user_count() -> None:
    care = selectors.care_baseline(code="1106")
    assert care.local_entry is None
    assert "nasjonale bruksrater" in care.basis
    assert round(care.need_now) == 1097 and round(care.need) == 1443


def test_utsiras_baseline_has_real_figures_although_its_user_counts_are_suppressed() -> None:
    care = selectors.care_baseline(code="1151")
    assert 0 < care.need_now < care.need
    assert 1 < care.every_nth < 100


def test_the_municipalitys_own_figures_replace_the_national_rates_everywhere(
    client: Client, organisation: Any, facilitator: Any
) -> None:
    services.local_figures_record(
        organisation=organisation, user=facilitator, municipality_code="1106",
        users=(500, 300, 500), care_fte=900.0,
    )  # fmt: skip
    care = selectors.care_baseline(code="1106")
    assert "kommunens egne tall" in care.basis and round(care.need_now) == 900
    expected = _expected("1106")
    assert _api(client, "1106")["need_now"] == expected["need_now"] == "900"
    assert _card(client, "1106")["need"] == expected["need"]
    assert _story(client, "1106") == expected == _story_api(client, "1106")
    assert "kommunens egne tall" in client.get("/scenario/kommune/1106/framtid/").content.decode()
