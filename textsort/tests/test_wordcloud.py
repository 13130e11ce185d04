from __future__ import annotations

from textsort.wordcloud import count_terms, split_answer


def test_it_splits_an_answer_into_at_most_three_content_words() -> None:
    answer = "Mer samarbeid mellom generasjonene, trygge skoleveier og flere møteplasser"
    assert split_answer(answer) == ("samarbeid", "generasjon", "trygge")


def test_it_keeps_a_one_word_answer_as_one_word() -> None:
    assert split_answer("  Tillit! ") == ("tillit",)


def test_it_counts_a_repeated_word_once_per_answer() -> None:
    assert split_answer("dugnad dugnad DUGNAD") == ("dugnad",)


def test_an_answer_of_only_stop_words_or_emoji_gives_no_terms() -> None:
    assert split_answer("og så 🙂") == ()


def test_it_counts_terms_across_answers_most_frequent_first() -> None:
    answers = ["Samarbeid", "samarbeid 🙂", "Tillit og samarbeid", "tillit", "Åpenhet"]
    counts = [(c.term, c.count) for c in count_terms(answers)]
    assert counts == [("samarbeid", 3), ("tillit", 2), ("åpenhet", 1)]


def test_it_folds_inflections_and_nynorsk_into_one_term() -> None:
    counts = count_terms(["Skolen", "skulane", "skoler"])
    assert [(c.term, c.count) for c in counts] == [("skole", 3)]


def test_it_flags_offensive_terms_instead_of_dropping_them() -> None:
    counts = {c.term: c for c in count_terms(["drittkommune", "park"])}
    assert counts["drittkommune"].flagged
    assert not counts["park"].flagged


def test_ties_are_sorted_alphabetically_so_clouds_are_stable() -> None:
    assert [c.term for c in count_terms(["sykkel", "buss", "tog"])] == ["buss", "sykkel", "tog"]
