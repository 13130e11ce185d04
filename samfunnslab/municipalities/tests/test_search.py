"""The municipality search tolerates typos, accents, æøå and Sami double names."""

from __future__ import annotations

import pytest

from samfunnslab.municipalities.search import Candidate, fold, name_keys, search

CANDIDATES = [
    Candidate("1106", "Haugesund", "Rogaland"),
    Candidate("1508", "Ålesund", "Møre og Romsdal"),
    Candidate("3201", "Bærum", "Akershus"),
    Candidate("5610", "Kárášjohka-Karasjok", "Finnmark"),
    Candidate("5501", "Tromsø", "Troms"),
    Candidate("3205", "Lillestrøm", "Akershus"),
    Candidate("5001", "Trondheim-Tråante", "Trøndelag"),
    Candidate("3411", "Ringsaker", "Innlandet"),
]


def _first(query: str) -> str:
    return search(query, CANDIDATES)[0].name


def test_fold_spells_norwegian_letters_and_drops_accents():
    assert fold("Bærum") == "baerum"
    assert fold("Tromsø") == "tromso"
    assert fold("Ålesund") == "alesund"
    assert fold("Kárášjohka") == "karasjohka"


def test_a_hyphenated_name_answers_to_each_part():
    assert name_keys("Kárášjohka-Karasjok") == ("karasjohka-karasjok", "karasjohka", "karasjok")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("haugsund", "Haugesund"),
        ("Haugesund", "Haugesund"),
        ("hagesund", "Haugesund"),
        ("baerum", "Bærum"),
        ("barum", "Bærum"),
        ("tromso", "Tromsø"),
        ("aalesund", "Ålesund"),
        ("karasjok", "Kárášjohka-Karasjok"),
        ("Karasjohka", "Kárášjohka-Karasjok"),
        ("tråante", "Trondheim-Tråante"),
        ("trondhjem", "Trondheim-Tråante"),
        ("lillestrom", "Lillestrøm"),
        ("ring", "Ringsaker"),
    ],
)
def test_it_finds_the_municipality_despite_typos(query, expected):
    assert _first(query) == expected


def test_a_number_finds_the_municipality_exactly():
    hits = search("1106", CANDIDATES)
    assert [h.code for h in hits] == ["1106"]
    assert hits[0].score == 1.0


def test_a_short_number_finds_codes_that_start_with_it():
    assert {h.code for h in search("55", CANDIDATES)} == {"5501"}


def test_an_exact_name_scores_above_a_near_miss():
    hits = search("Haugesund", CANDIDATES)
    assert hits[0].score == 1.0
    assert all(h.score < 1.0 for h in hits[1:])


def test_nonsense_finds_nothing():
    assert search("xqzvw", CANDIDATES) == []


def test_results_are_limited():
    assert len(search("a", CANDIDATES, limit=3)) <= 3
