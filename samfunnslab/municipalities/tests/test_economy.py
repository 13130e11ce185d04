"""The economy and labour view: the loader of TBU's rates and the page for several municipalities."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.urls import reverse

from projection import economy as pure
from samfunnslab.municipalities import economy_pages as economy
from samfunnslab.municipalities.formatting import persons
from samfunnslab.scenarios import engine
from samfunnslab.scenarios.selectors import care_baseline

pytestmark = pytest.mark.django_db

HEADER = "age_from,age_to,rate_nok,price_year,source\n"


def _write(tmp_path: Path, rates: list[str], year: str = "2025", source: str = "TBU") -> Path:
    path = tmp_path / "rates.csv"
    rows = [
        f'{low},{high},{rate},{year if rate else ""},"{source if rate else ""}"'
        for (low, high), rate in zip(pure.TBU_GROUPS, rates, strict=True)
    ]
    path.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_the_shipped_rates_table_is_empty_and_so_not_loaded():
    rates = economy.load_rates(economy.rates_path())
    assert rates.groups == pure.TBU_GROUPS
    assert not rates.loaded


def test_a_filled_rates_table_is_read_with_its_year_and_source(tmp_path):
    rates = economy.load_rates(_write(tmp_path, ["100"] * 8, "2024", "TBU nov. 2024, tabell 1"))
    assert rates.loaded
    assert rates.rates == (100.0,) * 8
    assert rates.year == 2024
    assert rates.source == "TBU nov. 2024, tabell 1"


def test_a_table_with_other_age_groups_is_refused(tmp_path):
    path = tmp_path / "rates.csv"
    path.write_text(HEADER + "0,5,100,2025,x\n", encoding="utf-8")
    with pytest.raises(ValueError):
        economy.load_rates(path)


@pytest.mark.parametrize("code", ["1106", "1151", "0301"])
def test_the_page_shows_working_age_and_80_plus_from_the_engine(client, code):
    outcome = engine.run(code)
    html = client.get(reverse("municipalities:economy", args=[code])).content.decode()
    for year in (2026, 2040):
        assert persons(outcome.aged(year, 20, 66)) in html
        assert persons(outcome.aged(year, 80)) in html
    assert "ikke lastet" in html


def test_the_care_spending_uses_the_one_care_baseline(client):
    texts = care_baseline(code="1151").texts()
    html = client.get(reverse("municipalities:economy", args=["1151"])).content.decode()
    assert f"Årsverk: {texts['need_now']} (2026) og {texts['need']} (2040)" in html


def test_employed_on_the_page_are_population_times_the_snapshots_rates(client):
    outcome = engine.run("1106")
    data = engine.national_data().employment
    expected = sum(
        outcome.aged(2040, low, high) * data[f"{low}-{high}"]
        for low, high in economy.EMPLOYMENT_GROUPS
    )
    html = client.get(reverse("municipalities:economy", args=["1106"])).content.decode()
    row = re.search(
        r'<th scope="row">2040</th>(.*?)</tr>', html.split("Arbeidsfør alder")[-1]
    ).group(1)
    assert persons(expected) in row


def test_with_rates_loaded_the_page_prints_the_need(client, tmp_path, monkeypatch):
    monkeypatch.setattr(economy, "rates_path", lambda: _write(tmp_path, ["1000"] * 8))
    html = client.get(reverse("municipalities:economy", args=["1151"])).content.decode()
    outcome = engine.run("1151")
    assert "Utgiftsbehovet etter TBU-satsene" in html
    assert "ikke lastet" not in html
    expected = outcome.total(2040) * 1000 / 1e6
    assert f"{round(expected)} millioner kroner i 2040" in html


def test_an_unknown_code_gives_404(client):
    assert client.get(reverse("municipalities:economy", args=["9999"])).status_code == 404


def test_the_change_column_shows_its_sign_with_a_real_minus():
    assert economy._signed(37.2) == "+37"
    assert economy._signed(-196.4) == "\u2212196"
    assert economy._signed(0.2) == "0"
