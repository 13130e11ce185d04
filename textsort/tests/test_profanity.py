from __future__ import annotations

import pytest

from textsort.profanity import find_profanity, is_profane, skeleton


@pytest.mark.parametrize(
    "text",
    [
        "Dette er faen meg dårlig",
        "FAAAEN",
        "j3vla k0mmune",
        "jaevla politikere",
        "f*en ta dere",
        "f**k this",
        "f a e n",
        "f.a.e.n",
        "drittkommunen",
        "for helvete!",
        "sh1t",
        "<b>dritt</b>",
    ],
)
def test_it_flags_swear_words_in_their_disguises(text: str) -> None:
    assert is_profane(text)


@pytest.mark.parametrize(
    "text",
    [
        "Jeg er fan av biblioteket",
        "Horisonten er vid",
        "Bedre hørelse for eldre",
        "Vennskapsby i Pakistan",
        "Vi må negere myten",
        "Flere piccolo-fløyter i korpset",
        "Bygg flere sykehjem",
        "",
    ],
)
def test_it_leaves_ordinary_words_alone(text: str) -> None:
    assert not is_profane(text)


def test_it_reports_what_was_written_and_what_it_matched() -> None:
    flags = find_profanity("Dette er j3vla bra, faen")
    assert [(f.written, f.matched) for f in flags] == [("j3vla", "jevla"), ("faen", "faen")]


def test_skeleton_undoes_leet_and_repeated_letters() -> None:
    assert skeleton("J3VVVLA") == "jevla"
    assert skeleton("Jævla") == skeleton("jaevla")
