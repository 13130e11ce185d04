"""Numbers are shown the Norwegian way, and a blank is spelled out, never zero."""

from __future__ import annotations

from django.utils import translation

from samfunnslab.municipalities import formatting as fmt


def test_persons_have_a_thin_thousands_separator():
    with translation.override("nb"):
        assert fmt.persons(38292) == "38\xa0292"
        assert fmt.persons(38291.6) == "38\xa0292"


def test_decimals_are_rounded_not_truncated():
    with translation.override("nb"):
        assert fmt.decimal(3.5777, 2) == "3,58"
        assert fmt.decimal(3.04, 1) == "3,0"


def test_percentages_carry_their_sign_when_asked():
    with translation.override("nb"):
        assert fmt.percent(0.171) == "17,1\xa0%"
        assert fmt.percent(0.046, signed=True) == "+4,6\xa0%"
        assert fmt.percent(-0.2, 0, signed=True) == "−20\xa0%"


def test_a_blank_is_no_comparable_figure():
    with translation.override("nb"):
        assert fmt.persons(None) == "ingen sammenlignbare tall"
        assert fmt.decimal(None) == "ingen sammenlignbare tall"
        assert fmt.percent(None) == "ingen sammenlignbare tall"
