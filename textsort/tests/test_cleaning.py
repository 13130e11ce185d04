from __future__ import annotations

import unicodedata

from textsort.cleaning import clean, strip_html, tokens, words


def test_it_lowercases_and_drops_punctuation() -> None:
    assert words("Mer SAMARBEID, takk!!!") == ["mer", "samarbeid", "takk"]


def test_it_keeps_norwegian_letters() -> None:
    assert words("Økt trygghet på Ålgård, særlig for ærlige") == [
        "økt",
        "trygghet",
        "på",
        "ålgård",
        "særlig",
        "for",
        "ærlige",
    ]


def test_it_composes_decomposed_letters_to_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", "Bærum får økt støtte")
    assert words(decomposed) == ["bærum", "får", "økt", "støtte"]


def test_it_removes_html_tags_and_script_bodies() -> None:
    text = '<p>Bygg <b>flere</b> gangveier</p><script>alert("x")</script>'
    assert strip_html(text).split() == ["Bygg", "flere", "gangveier"]


def test_angle_brackets_in_ordinary_text_are_not_taken_for_tags() -> None:
    assert strip_html("Barn < 12 år og voksne > 80 år") == "Barn < 12 år og voksne > 80 år"
    assert strip_html("før<!-- skjult -->etter") == "før etter"


def test_it_decodes_html_entities() -> None:
    assert words("Barn &amp; unge") == ["barn", "unge"]


def test_it_drops_emoji_and_control_characters() -> None:
    assert words("Parken 🌳🙂\u0007 er fin") == ["parken", "er", "fin"]
    assert clean("a\u200b\tb") == "a b"


def test_it_keeps_hyphenated_compounds_together() -> None:
    assert words("Satse på e-helse og 3D-printing") == [
        "satse",
        "på",
        "e-helse",
        "og",
        "3d-printing",
    ]


def test_tokens_drop_stop_words_and_fold_lemmas() -> None:
    assert tokens("Skolene og barnehagene i kommunen trenger flere ansatte") == [
        "skole",
        "barnehage",
        "kommune",
        "trenger",
        "ansatt",
    ]


def test_tokens_fold_nynorsk_onto_bokmaal() -> None:
    assert tokens("Eg vil ha fleire bustader nær skulen") == ["bolig", "nær", "skole"]


def test_tokens_can_keep_stop_words() -> None:
    assert tokens("Vi må", drop_stop_words=False) == ["vi", "må"]


def test_text_with_only_emoji_has_no_tokens() -> None:
    assert tokens("👍👍") == []
