"""The rules of each activity kind: what a valid answer is and how answers are counted."""

from __future__ import annotations

import pytest

from samfunnslab.workshops import kinds
from samfunnslab.workshops.errors import Refusal
from samfunnslab.workshops.models import Activity, ActivityKind


def _activity(kind: str, **kwargs: object) -> Activity:
    return Activity(kind=kind, options=["A", "B", "C"], **kwargs)


def test_borda_gives_n_points_for_first_place_and_one_for_last() -> None:
    assert kinds.borda_scores(3, [[0, 1, 2], [1, 0, 2]]) == [5, 5, 2]


def test_ranking_results_sort_by_score_and_average_per_participant() -> None:
    results = kinds.ranking_results(["A", "B", "C"], [{"order": [2, 0, 1]}, {"order": [2, 1, 0]}])
    assert [row["label"] for row in results["rows"]] == ["C", "A", "B"]
    assert results["rows"][0] == {"label": "C", "value": 6, "average": 3.0, "percent": 100}
    assert results["total"] == 2


def test_points_must_sum_to_100_with_a_clear_message() -> None:
    with pytest.raises(Refusal, match="100 til sammen. Nå er summen 90"):
        kinds.clean_response(_activity(ActivityKind.POINTS), {"points": [50, 30, 10]})


def test_points_that_sum_to_100_are_accepted_and_stored_as_integers() -> None:
    cleaned = kinds.clean_response(_activity(ActivityKind.POINTS), {"points": ["50", 30, 20]})
    assert cleaned == {"points": [50, 30, 20]}


def test_negative_points_are_refused() -> None:
    with pytest.raises(Refusal):
        kinds.clean_response(_activity(ActivityKind.POINTS), {"points": [120, -10, -10]})


def test_points_results_sum_per_option() -> None:
    results = kinds.points_results(["A", "B"], [{"points": [70, 30]}, {"points": [50, 50]}])
    assert results["rows"][0] == {"label": "A", "value": 120, "percent": 60, "average": 60.0}


def test_ranking_must_use_every_place_once() -> None:
    with pytest.raises(Refusal, match="egen plass"):
        kinds.clean_response(_activity(ActivityKind.RANKING), {"order": [0, 0, 1]})


def test_scale_accepts_dont_know_and_counts_it_apart_from_the_mean() -> None:
    activity = _activity(ActivityKind.SCALE, scale_max=5)
    assert kinds.clean_response(activity, {"value": "dont_know"}) == {"value": None}
    results = kinds.scale_results(5, [{"value": 4}, {"value": 2}, {"value": None}])
    assert results["mean"] == 3.0
    assert results["total"] == 3
    assert results["rows"][-1]["value"] == 1 and results["rows"][-1]["dont_know"]


def test_scale_refuses_values_outside_the_scale() -> None:
    with pytest.raises(Refusal, match="fra 1 til 5"):
        kinds.clean_response(_activity(ActivityKind.SCALE, scale_max=5), {"value": 6})


def test_choice_refuses_an_option_that_does_not_exist() -> None:
    with pytest.raises(Refusal):
        kinds.clean_response(_activity(ActivityKind.CHOICE), {"choice": 3})


def test_choice_results_count_votes_per_option() -> None:
    results = kinds.choice_results(["A", "B"], [{"choice": 0}, {"choice": 0}, {"choice": 1}])
    assert [(r["label"], r["value"], r["percent"]) for r in results["rows"]] == [
        ("A", 2, 67),
        ("B", 1, 33),
    ]


def test_wordcloud_counts_equal_words_and_weights_the_biggest_highest() -> None:
    results = kinds.wordcloud_results(
        [("trygghet", "trygghet"), ("trygghet", "trygghet"), ("natur", "natur")]
    )
    assert results["rows"][0] == {"label": "trygghet", "value": 2, "weight": 5, "key": "trygghet"}
    assert results["rows"][1]["weight"] == 1


def test_a_word_cloud_shows_the_form_people_wrote_not_the_folded_key() -> None:
    results = kinds.wordcloud_results(
        [
            ("grønn park", "grønne parker"),
            ("grønn park", "grønne parker"),
            ("grønn park", "grønn park"),
            ("hav", "havet"),
            ("hav", "hav"),
        ]
    )
    assert [(row["label"], row["value"]) for row in results["rows"]] == [
        ("grønne parker", 3),
        ("hav", 2),  # a tie: the shorter form
    ]


def test_ranking_form_places_become_an_order() -> None:
    data = {"place_0": "2", "place_1": "3", "place_2": "1"}
    assert kinds.parse_form(_activity(ActivityKind.RANKING), data) == {"order": [2, 0, 1]}


def test_a_word_cloud_where_every_word_came_once_shows_them_all_mid_sized() -> None:
    results = kinds.wordcloud_results([("hav", "hav"), ("fjell", "fjell")])
    assert {row["weight"] for row in results["rows"]} == {3}
