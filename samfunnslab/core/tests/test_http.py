"""Request parameters and socket values are read as whole numbers one way in every app."""

from __future__ import annotations

import pytest

from samfunnslab.core.http import int_or_none, ints


@pytest.mark.parametrize(
    ("raw", "expected"), [("7", 7), (" 7 ", 7), ("-2", -2), (7, 7), (0, 0), ("0", 0)]
)
def test_a_whole_number_is_read_from_text_or_json(raw: object, expected: int) -> None:
    assert int_or_none(raw) == expected


@pytest.mark.parametrize("raw", ["", None, "7a", "1.5", [7], {"id": 7}, float("inf")])
def test_anything_else_is_no_number(raw: object) -> None:
    assert int_or_none(raw) is None


def test_repeated_parameters_keep_only_the_whole_numbers() -> None:
    assert ints(["3", "x", "", " 4 "]) == [3, 4]
