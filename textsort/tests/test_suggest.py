"""Type and theme suggestions: the facilitator's own themes, learning from labelled texts, and
scores against tables we labelled (tests/data)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from textsort import count_terms, normalise
from textsort.scoring import score_table
from textsort.suggest import Example, Suggester, style

DATA = Path(__file__).parent / "data"
KINDS = {"spørsmål": "spørsmål", "innspill": "innspill", "forslag": "forslag"}


def table(name: str) -> list[Example]:
    with (DATA / name).open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    return [Example(r["tekst"], KINDS[r["type"]], r["tema"]) for r in rows]


@pytest.mark.parametrize("name", ["dialogmote-2024.csv", "samskaping-askim-2018.csv"])
def test_type_suggestions_beat_the_question_mark_rule_on_labelled_tables(name: str) -> None:
    score = score_table(table(name))
    assert score.type_learned.share > score.type_question_mark_majority.share + 0.05
    assert score.type_rules.share > score.type_question_mark.share + 0.05


@pytest.mark.parametrize("name", ["dialogmote-2024.csv", "samskaping-askim-2018.csv"])
def test_theme_suggestions_come_from_the_tables_own_themes_and_beat_the_majority(
    name: str,
) -> None:
    examples = table(name)
    names = {e.theme for e in examples}
    suggested = Suggester(sorted(names), examples).leave_one_out()
    assert {s.theme for s in suggested} - {""} <= names
    score = score_table(examples)
    assert score.theme_learned.share > 2 * score.theme_majority.share
    assert score.theme_learned.share > score.theme_names.share


def test_a_theme_is_learned_from_texts_the_facilitator_already_themed() -> None:
    examples = [
        Example("Bussen går for sjelden om kvelden", theme="reisevei"),
        Example("Bussen bør gå hver halvtime", theme="reisevei"),
        Example("Flere benker langs elva", theme="uterom"),
    ]
    suggester = Suggester(["reisevei", "uterom"], examples)
    [suggestion] = suggester.suggest_many(["Bussen til sentrum går for sjelden"])
    assert suggestion.theme == "reisevei"


def test_no_theme_is_suggested_when_nothing_is_close() -> None:
    [suggestion] = Suggester(["bolig", "skole"]).suggest_many(["Takk for i dag"])
    assert suggestion.theme == ""


def test_a_generic_theme_is_never_suggested_outside_the_facilitators_list() -> None:
    [suggestion] = Suggester(["møteplasser"]).suggest_many(["Vi trenger flere sykehjemsplasser"])
    assert suggestion.theme in ("", "møteplasser")


def test_similar_unthemed_texts_are_proposed_as_a_new_theme() -> None:
    texts = [
        "Gatelys på skoleveien",
        "Mer gatelys langs skoleveien",
        "Skoleveien mangler gatelys",
        "Kino i sentrum",
    ]
    [group] = Suggester([]).new_themes(texts)
    assert group.members == (0, 1, 2)
    assert "gatelys" in group.label


def test_style_sees_how_a_text_is_put_not_its_topic() -> None:
    assert style("Hvorfor stenger biblioteket?") & style("Hvorfor koster bussen så mye?")
    assert "end:?" in style("Hva nå?") and "end:none" in style("Flere benker")


def test_the_norwegian_word_by_town_survives_as_a_word() -> None:
    assert normalise("En levende by") == "levende by"
    assert any(term.term == "by" for term in count_terms(["by", "by", "bygd"]))
