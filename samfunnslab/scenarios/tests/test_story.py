from __future__ import annotations

import re

import pytest

from samfunnslab.scenarios import pages
from samfunnslab.scenarios.choices import Choices
from samfunnslab.scenarios.story import CLOSING, every_nth_text, story

NUMBER = re.compile(r"\d[\d\u00a0]*(?:,\d+)?")


@pytest.fixture
def result(db: object) -> pages.ScenarioResult:
    from django.contrib.auth.models import AnonymousUser

    choices = Choices({"teknologi": 2, "unge": 1}, frozenset({"unge_voksne", "fellesskap"}))
    return pages.compute("1106", "MMMM", choices, AnonymousUser())


def test_every_number_in_the_story_is_on_the_card(result: pages.ScenarioResult) -> None:
    card_texts = set()
    for m in result.card.metrics.values():
        card_texts |= {m.now_text, m.baseline_text, m.scenario_text, m.change_text.lstrip("+−±")}
        card_texts.add(m.text(abs(m.change)))
        card_texts.add(m.text(-m.scenario))
    card_texts.add(every_nth_text(result.card.metrics["hver_nte"].scenario))
    years = {str(result.card.year), str(result.card.base_year), "20", "66", "67", "80"}
    for sentence in result.story:
        for number in NUMBER.findall(sentence):
            assert number in card_texts | years, (number, sentence)


def test_the_story_names_the_80_plus_figure_of_the_card(result: pages.ScenarioResult) -> None:
    assert result.card.metrics["over_80"].scenario_text in result.story[0]
    assert "Haugesund" in result.story[0]


def test_the_story_ends_by_saying_it_is_a_calculation(result: pages.ScenarioResult) -> None:
    assert result.story[-1] == CLOSING


def test_the_story_names_the_chosen_paths(result: pages.ScenarioResult) -> None:
    assert "Tiltrekke unge voksne" in result.story[3]


def test_without_choices_the_story_says_it_is_the_baseline(db: object) -> None:
    from django.contrib.auth.models import AnonymousUser

    plain = pages.compute("1106", "MMMM", Choices(), AnonymousUser())
    assert "referansebanen" in plain.story[3]
    assert all(m.baseline == m.scenario for m in plain.card.metrics.values())


def test_the_every_nth_person_is_a_whole_ordinal_not_a_decimal(
    result: pages.ScenarioResult,
) -> None:
    nth = result.card.metrics["hver_nte"]
    assert f"hver {every_nth_text(nth.scenario)}. person" in result.story[2]
    assert not re.search(r"hver \d+,\d\.", result.story[2])


def test_the_story_says_more_or_fewer_people_instead_of_a_signed_number(db: object) -> None:
    from django.contrib.auth.models import AnonymousUser

    fewer = pages.compute("5632", "MMMM", Choices({"unge": -2}), AnonymousUser())
    more = pages.compute("5632", "MMMM", Choices({}, frozenset({"unge_voksne"})), AnonymousUser())
    assert "færre innbyggere i alderen 20–66 år" in fewer.story[3]
    assert "flere innbyggere i alderen 20–66 år" in more.story[3]
    for sentence in fewer.story + more.story:
        assert not re.search(r"[+−]\d", sentence), sentence


def test_a_change_that_rounds_to_zero_is_not_called_zero_årsverk_bigger(
    result: pages.ScenarioResult,
) -> None:
    from dataclasses import replace

    card = result.card
    gap = card.metrics["gap"]  # printed gaps are whole FTEs: the same number before and after
    same = replace(card, metrics={**card.metrics, "gap": replace(gap, scenario=gap.baseline)})
    care = story(same, lambda text: text)[3]
    assert "0 årsverk" not in care
    assert "endrer nesten ikke gapet" in care


def test_every_sentence_goes_through_the_translate_callable(result: pages.ScenarioResult) -> None:
    seen: list[str] = []

    def translate(text: str) -> str:
        seen.append(text)
        return "«" + text + "»"

    sentences = story(result.card, translate)
    assert all(sentence.startswith("«") for sentence in sentences)
    assert CLOSING in seen
    assert not any("{" in s for s in sentences)


def test_the_pure_story_module_does_not_import_django() -> None:
    import ast
    from pathlib import Path

    from samfunnslab.scenarios import card as card_module
    from samfunnslab.scenarios import story as story_module

    for module in (story_module, card_module):
        tree = ast.parse(Path(str(module.__file__)).read_text(encoding="utf-8"))
        imported = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
        imported |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        assert not any(name and name.startswith("django") for name in imported)


def test_the_change_column_is_the_difference_of_the_rounded_figures() -> None:
    from samfunnslab.scenarios.card import Metric

    metric = Metric("aldersbaereevne", "Aldersbæreevne", "", 2.7, 2.551, 2.549, places=1)
    assert (metric.baseline_text, metric.scenario_text, metric.change_text) == (
        "2,6",
        "2,5",
        "−0,1",
    )
    same = Metric("behov", "Årsverk", "", 10, 1449.6, 1450.4, places=0)
    assert (same.baseline_text, same.scenario_text, same.change_text) == (
        "1\u00a0450",
        "1\u00a0450",
        "±0",
    )


def test_in_english_the_card_and_its_story_write_numbers_the_english_way(db: object) -> None:
    from django.contrib.auth.models import AnonymousUser
    from django.utils import translation

    choices = Choices({"levealder": 2, "unge": 2}, frozenset({"teknologi"}))
    with translation.override("en"):
        result = pages.compute("1106", "MMMM", choices, AnonymousUser())
    card = result.card
    assert card.metrics["folketall"].scenario_text.count(",") == 1  # 38,663, not 38 663
    assert "." in card.metrics["aldersbaereevne"].scenario_text
    assert [s.amount_text for s in card.shifts] == ["+0.2 % a year", "+1.0 years", "−0.5 % a year"]
    assert not any(re.search(r"\d\u00a0\d|\d,\d(?!\d\d)", sentence) for sentence in result.story)


def test_in_bokmal_the_card_keeps_the_norwegian_way(result: pages.ScenarioResult) -> None:
    assert "\u00a0" in result.card.metrics["folketall"].scenario_text
    assert "," in result.card.metrics["aldersbaereevne"].scenario_text
    assert all("per år" in s.amount_text for s in result.card.shifts if "%" in s.amount_text)


def test_one_full_time_equivalent_is_written_as_a_word_so_english_gets_its_singular(
    db: object,
) -> None:
    from dataclasses import replace

    from django.contrib.auth.models import AnonymousUser
    from django.utils import translation

    with translation.override("en"):
        utsira = pages.compute("1151", "MMMM", Choices({"unge": 2}, frozenset({"teknologi"})),
                               AnonymousUser())  # fmt: skip
        gap = utsira.card.metrics["gap"]
        one = replace(utsira.card, metrics={**utsira.card.metrics,
                                            "gap": replace(gap, scenario=gap.baseline - 1)})  # fmt: skip
        sentences = story(one, translation.gettext)
    assert "make the gap one full-time equivalent smaller" in sentences[3]


def test_a_gap_under_half_a_full_time_equivalent_is_about_covered_not_zero_to_spare(
    result: pages.ScenarioResult,
) -> None:
    from dataclasses import replace

    card = result.card
    covered = replace(card, metrics={**card.metrics, "gap": replace(card.metrics["gap"],
                                                                    scenario=-0.3)})  # fmt: skip
    care = story(covered, lambda text: text)[2]
    assert "omtrent dekket" in care and "0 årsverk til overs" not in care
