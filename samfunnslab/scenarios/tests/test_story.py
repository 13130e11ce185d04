from __future__ import annotations

import re

import pytest

from samfunnslab.scenarios import pages
from samfunnslab.scenarios.choices import Choices
from samfunnslab.scenarios.story import CLOSING

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
