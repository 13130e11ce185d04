from __future__ import annotations

import numpy as np

from textsort.grouping import average_linkage, char_ngrams, group_similar, similarity_matrix

CONTRIBUTIONS = [
    "Flere sykehjemsplasser",
    "Gratis buss for ungdom",
    "flere sykehjemplasser!!",
    "Ungdomsklubb i sentrum",
    "Fler sykehjmsplasser takk",
    "<b>gratis buss</b> for ungdommen",
    "Gratis bussbillett til unge",
    "Kollektivtilbudet er for dårlig",
    "Vi må ha bedre kollektivtilbud",
    "🙂",
]


def groups_as_texts(texts: list[str]) -> list[set[str]]:
    return [{texts[i] for i in group.members} for group in group_similar(texts)]


def test_it_groups_contributions_that_say_the_same_despite_typos() -> None:
    groups = groups_as_texts(CONTRIBUTIONS)
    assert {
        "Flere sykehjemsplasser",
        "flere sykehjemplasser!!",
        "Fler sykehjmsplasser takk",
    } in groups
    assert {
        "Gratis buss for ungdom",
        "<b>gratis buss</b> for ungdommen",
        "Gratis bussbillett til unge",
    } in groups
    assert {"Kollektivtilbudet er for dårlig", "Vi må ha bedre kollektivtilbud"} in groups


def test_it_keeps_unrelated_contributions_apart() -> None:
    groups = groups_as_texts(CONTRIBUTIONS)
    assert {"Ungdomsklubb i sentrum"} in groups
    assert {"🙂"} in groups


def test_every_contribution_lands_in_exactly_one_group() -> None:
    members = [i for group in group_similar(CONTRIBUTIONS) for i in group.members]
    assert sorted(members) == list(range(len(CONTRIBUTIONS)))


def test_it_is_deterministic_and_independent_of_input_order() -> None:
    first = groups_as_texts(CONTRIBUTIONS)
    again = groups_as_texts(list(reversed(CONTRIBUTIONS)))
    assert sorted(map(sorted, first)) == sorted(map(sorted, again))
    assert group_similar(CONTRIBUTIONS) == group_similar(CONTRIBUTIONS)


def test_largest_groups_come_first_with_a_label() -> None:
    groups = group_similar(CONTRIBUTIONS)
    assert [len(g.members) for g in groups] == sorted(
        (len(g.members) for g in groups), reverse=True
    )
    bus = next(g for g in groups if 1 in g.members)
    assert bus.label[:2] == ("gratis", "buss")


def test_a_higher_threshold_makes_smaller_groups() -> None:
    loose = group_similar(CONTRIBUTIONS, threshold=0.1)
    strict = group_similar(CONTRIBUTIONS, threshold=0.9)
    assert len(loose) < len(strict) == len(CONTRIBUTIONS) - 1  # only the exact duplicates stay


def test_no_texts_give_no_groups() -> None:
    assert group_similar([]) == []


def test_similarity_is_one_on_the_diagonal_and_symmetric() -> None:
    similarity = similarity_matrix(["sykkelvei", "sykkelveier", "tog"])
    assert np.allclose(np.diag(similarity), 1.0)
    assert np.allclose(similarity, similarity.T)
    assert similarity[0, 1] > similarity[0, 2]


def test_average_linkage_merges_by_mean_similarity() -> None:
    similarity = np.array([[1.0, 0.9, 0.5], [0.9, 1.0, 0.1], [0.5, 0.1, 1.0]])
    assert average_linkage(similarity, 0.4) == [[0, 1], [2]]
    assert average_linkage(similarity, 0.2) == [[0, 1, 2]]


def test_char_ngrams_mark_word_boundaries() -> None:
    assert char_ngrams("tog", sizes=(3,)) == ["<to", "tog", "og>"]
