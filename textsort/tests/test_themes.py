from __future__ import annotations

import pytest

from textsort.themes import DEFAULT_THEMES, Theme, suggest_themes, themes_from_names


def top_theme(text: str, themes: tuple[Theme, ...] = DEFAULT_THEMES) -> str | None:
    suggestions = suggest_themes(text, themes)
    return suggestions[0].theme if suggestions else None


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        ("Flere sykehjemsplasser og bedre hjemmetjenester", "eldreomsorg"),
        ("Gratis kollektivtransport for alle", "mobilitet og transport"),
        ("Er det tenkt innbyggerinvolvering?", "demokrati og medvirkning"),
        ("Fyll ledige lokaler med midlertidige aktiviteter", "stedsutvikling og møteplasser"),
        ("Bustadane er for dyre, me treng fleire utleigebustader", "bolig"),
        ("Skulen treng betre digitale verktøy", "digitalisering"),
        ("Dugnadsånden i velforeningen må tas vare på", "frivillighet"),
        ("Ikke avgrense på tema, men klima ikke ønskelig?", "klima og miljø"),
    ],
)
def test_it_suggests_the_obvious_theme(text: str, theme: str) -> None:
    assert top_theme(text) == theme


def test_it_suggests_nothing_when_no_keyword_matches() -> None:
    assert suggest_themes("Takk for i dag!") == []


def test_it_can_suggest_two_themes_with_their_matched_words() -> None:
    suggestions = suggest_themes("Gratis buss for ungdom til fritidsklubben")
    assert {s.theme for s in suggestions} == {"mobilitet og transport", "barn og unge"}
    assert all(s.matched for s in suggestions)


def test_more_matching_keywords_give_more_confidence() -> None:
    one = suggest_themes("Sykehjem")[0]
    two = suggest_themes("Sykehjem og demens")[0]
    assert two.confidence > one.confidence


def test_it_does_not_read_foreldre_as_eldre() -> None:
    assert "eldreomsorg" not in {s.theme for s in suggest_themes("Foreldre må engasjere seg")}


def test_facilitator_themes_borrow_keywords_from_the_defaults() -> None:
    themes = themes_from_names(["Eldre", "Bolig: husvære, utleige", "Ungdom"])
    assert [t.name for t in themes] == ["Eldre", "Bolig", "Ungdom"]
    assert top_theme("Flere sykehjemsplasser", themes) == "Eldre"
    assert top_theme("Billige husvære for unge i etableringsfasen", themes) == "Bolig"


def test_facilitator_themes_with_new_words_match_those_words() -> None:
    themes = themes_from_names(["Havbruk: oppdrett, laks, merd"])
    assert top_theme("Mer lokal foredling av laks", themes) == "Havbruk"


def test_blank_facilitator_lines_are_ignored() -> None:
    assert themes_from_names(["", "   ", ":"]) == ()
