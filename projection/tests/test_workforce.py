"""Workforce formulas on hand-computed toy data."""

from __future__ import annotations

import numpy as np
import pytest

from projection.ages import N_AGES
from projection.workforce import CareProfile, LabourProfile, LocalFigures, printed_gap, workforce

CARE = CareProfile(((0, 66), (67, 79), (80, 105)), (0.01, 0.1, 0.5), 0.5, 2024, "toy")
LABOUR = LabourProfile(((20, 66),), (0.8,), 0.9, None, "toy")


def toy(years: int = 2) -> np.ndarray:
    """Return (years, 2, 106): 1000 aged 40, 100 aged 70, 100 aged 85; the old double in year 2."""
    pop = np.zeros((years, 2, N_AGES))
    pop[:, 0, 40] = 1000.0
    pop[:, 1, 70] = 100.0
    pop[:, 0, 85] = 100.0
    pop[1:, 0, 85] = 200.0
    return pop


def test_demand_is_population_times_use_times_fte_per_user() -> None:
    result = workforce(toy(), [2024, 2025], CARE, LABOUR)
    assert result.demand_fte[0] == pytest.approx((1000 * 0.01 + 100 * 0.1 + 100 * 0.5) * 0.5)
    assert result.demand_fte[1] == pytest.approx((10 + 10 + 200 * 0.5) * 0.5)


def test_standard_change_compounds_from_the_base_year() -> None:
    result = workforce(toy(), [2024, 2025], CARE, LABOUR, standard_change=0.1)
    assert result.demand_fte[1] == pytest.approx(60.0 * 1.1)


def test_supply_is_calibrated_to_demand_in_the_base_year_and_the_gap_grows() -> None:
    result = workforce(toy(), [2024, 2025], CARE, LABOUR)
    assert result.labour_fte[0] == pytest.approx(1000 * 0.8 * 0.9)
    assert result.care_share == pytest.approx(35.0 / 720.0)
    assert result.gap_fte.tolist() == pytest.approx([0.0, 25.0])


def test_required_share_every_nth_and_fte_per_1000() -> None:
    result = workforce(toy(), [2024, 2025], CARE, LABOUR)
    assert result.required_share[1] == pytest.approx(60.0 / 720.0)
    assert result.every_nth[1] == pytest.approx(12.0)
    assert result.fte_per_1000_aged_20_66[1] == pytest.approx(60.0)
    assert result.at(2025)["every_nth"] == pytest.approx(12.0)


def test_a_given_care_share_is_used_instead_of_calibration() -> None:
    labour = LabourProfile(((20, 66),), (0.8,), 0.9, 0.1, "toy")
    result = workforce(toy(), [2024, 2025], CARE, labour)
    assert result.supply_fte[0] == pytest.approx(72.0)


def test_local_figures_replace_national_rates_and_say_so() -> None:
    local = LocalFigures(users=(20.0, 10.0, 40.0), care_fte=140.0)
    result = workforce(toy(), [2024, 2025], CARE, LABOUR, local=local)
    assert result.demand_fte[0] == pytest.approx(140.0)
    assert result.demand_fte[1] == pytest.approx((20 + 10 + 80) * 2.0)
    assert "kommunens egne tall" in result.sources["care"]


def test_the_printed_gap_is_the_printed_need_minus_the_printed_supply() -> None:
    assert printed_gap(9.66, 6.39) == 4.0  # prints 10 − 6 = 4, although 3.27 rounds to 3
    assert printed_gap(6.39, 9.66) == -4.0
    assert printed_gap(358.4, 0.3) == 358.0
    assert np.isnan(printed_gap(float("nan"), 1.0))
