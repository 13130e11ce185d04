"""Numbers in Norwegian style: space between thousands, comma decimals, a real minus sign."""

from __future__ import annotations

from samfunnslab.community_models.templatetags.community_models_tags import number, signed


def test_numbers_are_grouped_with_a_space_and_use_a_decimal_comma():
    assert number(12345.678, 1) == "12\u00a0345,7"


def test_changes_carry_their_sign_and_zero_has_none():
    assert signed(12.4) == "+12"
    assert signed(-3.2, 1) == "\u22123,2"
    assert signed(0.001) == "0"


def test_missing_or_infinite_numbers_show_a_dash():
    assert number(None) == "–"
    assert signed(float("inf")) == "–"
