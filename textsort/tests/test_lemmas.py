from __future__ import annotations

import pytest

from textsort.lemmas import fold


@pytest.mark.parametrize(
    ("word", "lemma"),
    [
        ("kommunen", "kommune"),
        ("kommuner", "kommune"),
        ("kommunene", "kommune"),
        ("kommunar", "kommune"),
        ("kommunane", "kommune"),
        ("innbyggerne", "innbygger"),
        ("innbyggere", "innbygger"),
        ("boligene", "bolig"),
        ("barna", "barn"),
        ("ungdommen", "ungdom"),
        ("skulane", "skole"),
        ("bustadene", "bolig"),
        ("frivilligheit", "frivillighet"),
        ("kommunens", "kommune"),
        ("huset", "hus"),
    ],
)
def test_it_folds_inflected_forms_onto_the_lemma(word: str, lemma: str) -> None:
    assert fold(word) == lemma


def test_it_folds_the_last_part_of_a_compound() -> None:
    assert fold("sykehjemsplassene") == "sykehjemsplass"
    assert fold("kollektivtilbudet") == "kollektivtilbud"


def test_it_leaves_unknown_words_alone() -> None:
    assert fold("ordene") == "ordene"
    assert fold("samfunnsmodellering") == "samfunnsmodellering"


def test_it_does_not_fold_verbs_that_look_like_nouns() -> None:
    assert fold("lage") == "lage"
    assert fold("love") == "love"


def test_lemmas_stay_as_they_are() -> None:
    assert fold("eldre") == "eldre"
    assert fold("scene") == "scene"
