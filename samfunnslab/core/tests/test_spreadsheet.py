"""The shared formula guard for CSV/XLSX exports."""

from __future__ import annotations

from samfunnslab.core.spreadsheet import FORMULA_START, safe_dict, safe_row


def test_every_formula_start_is_neutralised_and_other_values_are_left_alone() -> None:
    for start in FORMULA_START:
        assert safe_row([start + "SUM(A1)"]) == ["'" + start + "SUM(A1)"]
    assert safe_row(["Vanlig = tekst", -3, None, 2.5]) == ["Vanlig = tekst", -3, None, 2.5]
    assert safe_dict({"a": "@x", "b": 1}) == {"a": "'@x", "b": 1}
