from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.http import QueryDict

from projection import ALTERNATIVES
from samfunnslab.core.tests.test_translations import parse_po
from samfunnslab.scenarios.choices import (
    PARAMETERS,
    PATH_CHOICES,
    STATEMENTS,
    ChoiceError,
    Choices,
    Parameters,
    parameters_for,
    parse_choices,
    query_items,
)


def test_there_are_eight_to_twelve_statements_and_four_to_six_paths() -> None:
    assert 8 <= len(STATEMENTS) <= 12
    assert 4 <= len(PATH_CHOICES) <= 6


def test_every_statement_and_path_maps_to_known_parameters() -> None:
    for item in (*STATEMENTS, *PATH_CHOICES):
        assert item.effects
        for effect in item.effects:
            assert effect.parameter in PARAMETERS
            assert effect.amount != 0
            assert hasattr(Parameters(), effect.parameter)


@pytest.mark.parametrize("statement", STATEMENTS, ids=lambda s: s.key)
def test_dont_know_and_neutral_change_nothing(statement: object) -> None:
    key = statement.key  # type: ignore[attr-defined]
    assert parameters_for(Choices({key: None})) == Parameters()
    assert parameters_for(Choices({key: 0})) == Parameters()


@pytest.mark.parametrize("statement", STATEMENTS, ids=lambda s: s.key)
def test_agreeing_moves_the_mapped_parameter_by_the_table_amount(statement: object) -> None:
    effect = statement.effects[0]  # type: ignore[attr-defined]
    params = parameters_for(Choices({statement.key: 2}))  # type: ignore[attr-defined]
    neutral = PARAMETERS[effect.parameter].neutral
    assert getattr(params, effect.parameter) == pytest.approx(neutral + 2 * effect.amount)


def test_a_path_choice_moves_its_parameter() -> None:
    params = parameters_for(Choices(paths=frozenset({"teknologi"})))
    assert params.standard_change == pytest.approx(-0.005)


def test_parameters_are_clipped_to_their_range() -> None:
    answers = {s.key: 2 for s in STATEMENTS}
    params = parameters_for(Choices(answers, frozenset(p.key for p in PATH_CHOICES)))
    for key, spec in PARAMETERS.items():
        assert spec.low <= getattr(params, key) <= spec.high


def test_a_permalink_query_round_trips() -> None:
    choices = Choices(
        {"unge": -2, "familie": None, "heltid": 1}, frozenset({"teknologi", "samarbeid"})
    )
    query = QueryDict(mutable=True)
    for key, value in query_items(choices):
        query.appendlist(key, value)
    assert parse_choices(query) == choices


@pytest.mark.parametrize("query", ["p_unge=7", "p_unge=x", "p_ukjent=1", "veivalg=ukjent"])
def test_it_rejects_malformed_answers_with_a_plain_message(query: str) -> None:
    with pytest.raises(ChoiceError):
        parse_choices(QueryDict(query))


def test_the_docs_list_every_statement_and_path_choice_with_its_amount() -> None:
    from pathlib import Path

    docs = (Path(__file__).resolve().parents[3] / "docs" / "scenarios.md").read_text("utf-8")
    for statement in STATEMENTS:
        effect = statement.effects[0]
        assert (
            f"| `{statement.key}` | {statement.text} | `{effect.parameter}` | {effect.amount:+g} |"
            in docs
        )
    for path in PATH_CHOICES:
        assert f"| `{path.key}` | **{path.title}**" in docs


def _scenario_texts() -> list[str]:
    """Every text of Scenariofabrikken's table and the projection's names of its alternatives."""
    texts = [text for s in STATEMENTS for text in (s.text, s.why)]
    texts += [text for p in PATH_CHOICES for text in (p.title, p.text, p.why)]
    texts += [p.label for p in PARAMETERS.values()]
    return texts + list(ALTERNATIVES.values())


@pytest.mark.parametrize("language", ["nn", "en"])
def test_every_statement_path_parameter_and_alternative_text_is_in_the_catalogue(
    language: str,
) -> None:
    entries = parse_po(Path(settings.LOCALE_PATHS[0]) / language / "LC_MESSAGES" / "django.po")
    translated = {
        e.msgid for e in entries if e.msgstr.get(0, "").strip() and "fuzzy" not in e.flags
    }
    missing = [text for text in _scenario_texts() if text not in translated]
    assert not missing, (
        f"Not translated into {language} (mark it with gettext_noop, run makemessages and "
        f"translate it, see docs/translations.md): {missing}"
    )
