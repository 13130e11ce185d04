"""Preston et al. (2001) Box 6.2: Sweden 1993, females, 5-year groups, one 5-year step."""

from __future__ import annotations

import numpy as np

from projection.cohort5 import GroupInputs, project_female_leslie, project_groups

FERTILITY = np.array(
    [0, 0, 0, 0.012, 0.0908, 0.1499, 0.1125, 0.0441, 0.0074, 3e-04, 0, 0, 0, 0, 0, 0, 0]
)
SURVIVAL = np.array(
    [0.994974, 0.999298474130982, 0.999523271204374, 0.999255384875458, 0.998733211018043,
     0.998519868845054, 0.998071361638878, 0.997059972117285, 0.995306031333712,
     0.992182641549444, 0.987776734283712, 0.981527675199983, 0.970465422882409,
     0.952606955959568, 0.923471809204568, 0.86986034386444, 0.774955902248557,
     0.517928194893993]
)  # fmt: skip
POPULATION = np.array(
    [293395, 248369, 240012, 261346, 285209, 314388, 281290, 286923, 304108,
     324946, 247613, 211351, 215140, 221764, 223506, 183654, 254414], dtype=float
)  # fmt: skip
MIGRATION = np.array(
    [0.00466265614615109, 0.00334180191569801, 0.0028040264653434, 0.00403296778982651,
     0.00647945892310551, 0.00523556878761276, 0.00388922464360624, 0.00219919630005263,
     0.00116406013653044, 0.000686267872200304, 0.000868290437093367, 0.000799617697574178,
     0.000599609556567816, 0.000477985606320232, 0.000416096212182223, 0.000326701297004149,
     0.000334101110787928]
)  # fmt: skip
EXPECTED_FEMALE = [302392, 298682, 252007, 244150, 268267, 293515, 320624, 284767, 288031,
                   303166, 322062, 243989, 205841, 205516, 205270, 194771, 142565 + 131966]  # fmt: skip
EXPECTED_MALE = [317340] + EXPECTED_FEMALE[1:]


def sweden(migration: np.ndarray = MIGRATION) -> GroupInputs:
    """Return the Box 6.2 inputs (the book uses the female inputs for both sexes)."""
    return GroupInputs(POPULATION, SURVIVAL, migration)


def test_box_6_2_females_are_reproduced_exactly_after_rounding() -> None:
    result = project_groups(sweden(), sweden(), FERTILITY, 1.05, 5)
    assert np.round(result.female).tolist() == EXPECTED_FEMALE


def test_box_6_2_males_are_reproduced_exactly_after_rounding() -> None:
    result = project_groups(sweden(), sweden(), FERTILITY, 1.05, 5)
    assert np.round(result.male).tolist() == EXPECTED_MALE


def test_box_6_2_births_over_five_years_are_about_615988() -> None:
    result = project_groups(sweden(), sweden(), FERTILITY, 1.05, 5)
    assert round(result.births_female + result.births_male) == 615988


def test_deaths_plus_survivors_account_for_everyone_without_migration() -> None:
    still = sweden(np.zeros(17))
    result = project_groups(still, still, FERTILITY, 1.05, 5)
    before = POPULATION.sum() + result.births_female
    assert np.isclose(result.female.sum() + result.deaths_female.sum(), before, rtol=1e-12)


def test_leslie_form_equals_the_loop_without_migration() -> None:
    still = sweden(np.zeros(17))
    loop = project_groups(still, still, FERTILITY, 1.05, 5).female
    assert np.abs(project_female_leslie(still, FERTILITY, 1.05, 5) - loop).max() < 1e-8


def test_null_conditions_only_shift_ages_and_merge_the_open_group() -> None:
    null = GroupInputs(POPULATION, np.ones(18), np.zeros(17))
    result = project_groups(null, null, np.zeros(17), 1.05, 5).female
    assert result[0] == 0.0
    assert np.array_equal(result[1:16], POPULATION[:15])
    assert result[16] == POPULATION[15] + POPULATION[16]


def test_identical_inputs_and_srb_one_give_identical_sexes() -> None:
    result = project_groups(sweden(), sweden(), FERTILITY, 1.0, 5)
    assert np.array_equal(result.female, result.male)
