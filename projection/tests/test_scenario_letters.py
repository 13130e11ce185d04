"""Four-letter alternatives as parameter transforms."""

from __future__ import annotations

import pytest

from projection.scenario import ALTERNATIVES, letter_effects


def test_the_main_alternative_changes_nothing() -> None:
    effects = letter_effects("MMMM")
    assert (effects.fertility, effects.mortality_decline, effects.internal_migration, effects.immigration) == (
        1.0, 1.0, 1.0, 1.0)  # fmt: skip


def test_zero_letters_switch_migration_off() -> None:
    effects = letter_effects("MM00")
    assert effects.internal_migration == 0.0 and effects.immigration == 0.0


def test_high_growth_relative_to_itself_is_neutral() -> None:
    assert letter_effects("HHMH").relative_to(letter_effects("HHMH")) == letter_effects("MMMM")


def test_every_listed_alternative_parses() -> None:
    for code in ALTERNATIVES:
        letter_effects(code)


@pytest.mark.parametrize("code", ["MMM", "MMMX", "ABCD"])
def test_malformed_codes_are_refused(code: str) -> None:
    with pytest.raises(ValueError):
        letter_effects(code)
