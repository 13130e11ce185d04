"""Engine parameters: defaults, bounds and plain messages."""

from __future__ import annotations

import pytest

from samfunnslab.community_models.parameters import PARAMETERS, clean_parameters, defaults
from samfunnslab.core.errors import Refusal


def test_every_parameter_is_neutral_by_default():
    assert defaults() == {spec.key: 0.0 for spec in PARAMETERS}


def test_missing_parameters_are_filled_with_their_defaults():
    assert clean_parameters({"young_adult_inflow": "150"})["family_volunteer_share"] == 0.0


def test_it_rejects_unknown_parameters_by_name():
    with pytest.raises(Refusal, match="Ukjent parameter: magic."):
        clean_parameters({"magic": 1})


def test_it_rejects_text_and_infinity():
    with pytest.raises(Refusal) as excinfo:
        clean_parameters({"full_time_change": "mye", "welfare_technology_effect": "inf"})
    assert "«Heltidskultur» må være et tall." in excinfo.value.messages
    assert "«Velferdsteknologi» må være et tall." in excinfo.value.messages


def test_a_minus_sign_and_decimal_comma_are_understood():
    assert (
        clean_parameters({"employment_rate_change": "\u22122,5"})["employment_rate_change"] == -2.5
    )
