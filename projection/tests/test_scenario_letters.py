"""Four-letter alternatives as parameter transforms."""

from __future__ import annotations

import pytest

from projection.scenario import (
    ALTERNATIVES,
    FERTILITY_LETTERS,
    IMMIGRATION_LETTERS,
    INTERNAL_LETTERS,
    LIFE_LETTERS,
    letter_effects,
)


def test_the_main_alternative_changes_nothing() -> None:
    effects = letter_effects("MMMM")
    assert (effects.fertility, effects.mortality_decline, effects.internal_migration, effects.immigration) == (
        1.0, 1.0, 1.0, 1.0)  # fmt: skip


def test_zero_letters_switch_migration_off() -> None:
    effects = letter_effects("MM00")
    assert effects.internal_migration == 0.0 and effects.immigration == 0.0


def test_high_growth_relative_to_itself_is_neutral() -> None:
    assert letter_effects("HHMH").relative_to(letter_effects("HHMH")) == letter_effects("MMMM")


@pytest.mark.parametrize("code", sorted(ALTERNATIVES))
def test_every_listed_alternative_parses_letter_by_letter(code: str) -> None:
    effects = letter_effects(code)
    expected = (
        FERTILITY_LETTERS[code[0]],
        LIFE_LETTERS[code[1]],
        INTERNAL_LETTERS[code[2]],
        IMMIGRATION_LETTERS[code[3]],
    )
    assert (effects.fertility, effects.mortality_decline, effects.internal_migration,
            effects.immigration) == expected  # fmt: skip


def test_low_middle_high_letters_are_ordered_for_every_component() -> None:
    for letters in (FERTILITY_LETTERS, LIFE_LETTERS, INTERNAL_LETTERS, IMMIGRATION_LETTERS):
        assert letters["L"] < letters["M"] == 1.0 < letters["H"]


def test_the_listed_low_and_high_alternatives_differ_from_the_main_one() -> None:
    main = letter_effects("MMMM")
    assert letter_effects("LLML").fertility < main.fertility < letter_effects("HHMH").fertility
    assert (
        letter_effects("LLML").immigration < main.immigration < letter_effects("HHMH").immigration
    )


@pytest.mark.parametrize("code", ["MMM", "MMMX", "ABCD"])
def test_malformed_codes_are_refused(code: str) -> None:
    with pytest.raises(ValueError):
        letter_effects(code)
