from __future__ import annotations

from textsort.stopwords import STOP_WORDS, word_set


def test_function_words_of_both_written_standards_are_stop_words() -> None:
    assert {"og", "det", "ikke", "ikkje", "eg", "kva", "korleis", "dei", "noko"} <= STOP_WORDS


def test_words_that_can_be_a_whole_answer_are_not_stop_words() -> None:
    # "Bra" or "trygg" can be the whole answer to "Ett ord om dagen i dag?".
    assert not {"bra", "god", "trygg", "fellesskap", "2040", "skole"} & STOP_WORDS


def test_stop_words_are_lower_case_single_words() -> None:
    assert all(word == word.lower() and " " not in word for word in STOP_WORDS)


def test_word_set_splits_on_any_whitespace() -> None:
    assert word_set(" a\n b\tc ") == frozenset({"a", "b", "c"})
