"""Demo content: three examples for Haugesund, loaded once, with different 2040 numbers."""

from __future__ import annotations

import pytest

from samfunnslab.community_models import demo, engine
from samfunnslab.community_models.models import CommunityModel

pytestmark = pytest.mark.django_db


def test_loading_the_demo_twice_creates_three_examples_once(organisation, facilitator):
    demo.load_demo(organisation=organisation, user=facilitator)
    demo.load_demo(organisation=organisation, user=facilitator)
    examples = CommunityModel.objects.filter(is_example=True, shared=True)
    assert sorted(m.name for m in examples) == [
        "Nabolagsmodellen",
        "Regionmodellen",
        "Velferdskommunen 2.0",
    ]


def test_the_examples_have_different_2040_numbers_and_loops(organisation, facilitator):
    models = demo.load_demo(organisation=organisation, user=facilitator)
    needs = {round(engine.model_figures(m).at(2040).care_fte_need) for m in models}
    assert len(needs) == 3
    assert all(m.relations.filter(kind="causal").count() >= 4 for m in models)


def test_the_front_page_link_compares_the_examples(organisation, facilitator):
    assert demo.demo_link() is None
    demo.load_demo(organisation=organisation, user=facilitator)
    link = demo.demo_link()
    assert link is not None and link["url"].startswith("/modeller/sammenlign/?m=")
