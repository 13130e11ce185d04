from __future__ import annotations

import pytest

from textsort.kinds import Kind, suggest_kind


@pytest.mark.parametrize(
    "text",
    [
        "Begrenset til workshops?",
        "Hvem står for produksjonen ... hvem har eierskap",
        "Kan vi ta utgangspunkt i metodikk fra områdeinitiativene",
        "Korleis kan vi få med ungdommen",
        "Er det tenkt innbyggerinvolvering",
        "hvordan når vi de som ikke kommer på folkemøter?? 🤔",
    ],
)
def test_it_recognises_questions(text: str) -> None:
    assert suggest_kind(text).kind == Kind.QUESTION


@pytest.mark.parametrize(
    "text",
    [
        "Kommunen bør lage en egen workshop for barnefamilier",
        "Lag en egen workshop for barnefamilier, og lytt til seniorene",
        "Vi kan bruke skolen som møteplass på kveldstid",
        "Jeg foreslår gratis buss for alle under 20",
        "Hva om biblioteket var åpent hele døgnet?",
        "Kvifor ikkje gratis buss for ungdom?",
        "Me bør flytte rådhuset til sentrum",
    ],
)
def test_it_recognises_suggestions_even_when_phrased_as_questions(text: str) -> None:
    assert suggest_kind(text).kind == Kind.SUGGESTION


@pytest.mark.parametrize(
    "text",
    [
        "Østlandet er ikke representativt...",
        "Det er for få møteplasser for eldre",
        "Eg meiner skulen er det viktigaste vi har",
        "For mange står utenfor arbeidslivet.",
    ],
)
def test_it_calls_statements_inputs(text: str) -> None:
    assert suggest_kind(text).kind == Kind.INPUT


def test_a_clear_question_is_more_certain_than_a_bare_statement() -> None:
    question = suggest_kind("Hvordan kan vi involvere de stille stemmene?")
    statement = suggest_kind("Folkehelse")
    assert question.confidence > statement.confidence
    assert 0 < statement.confidence < 0.5


def test_it_gives_the_cues_it_used() -> None:
    assert "ends with ?" in suggest_kind("Hva koster det?").cues


def test_empty_or_emoji_text_is_an_input_with_no_confidence() -> None:
    for text in ("", "🙂", "<p></p>"):
        suggestion = suggest_kind(text)
        assert (suggestion.kind, suggestion.confidence) == (Kind.INPUT, 0.0)


def test_markup_does_not_hide_the_question_mark() -> None:
    assert suggest_kind("<b>Hva skjer nå?</b>").kind == Kind.QUESTION
