"""The comparison charts: need and gap over time, each with a table alternative."""

from __future__ import annotations

import pytest

from samfunnslab.community_models import figures, selectors, services

pytestmark = pytest.mark.django_db


def test_the_comparison_has_two_accessible_charts_with_every_model(
    built, organisation, facilitator
):
    fork = services.model_fork(model=built, organisation=organisation, user=facilitator, name="B")
    need, gap = figures.comparison_figures(selectors.comparison([built, fork]))
    assert need.headers == ["År", "Framskriving uten endringer", "Testmodellen", "B"]
    assert [row[0] for row in gap.rows][1:] == [2030, 2040, 2050]
    assert str(need.svg).count('role="img"') == 1
    assert "Årsverk" in str(gap.svg)
