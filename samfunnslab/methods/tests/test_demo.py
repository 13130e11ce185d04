"""The worked example: a Haugesund Fremtidsfrekvens evening, evaluated and revised."""

from __future__ import annotations

from samfunnslab.methods.demo import DEMO_SLUG, demo_link, load_demo
from samfunnslab.methods.models import Process
from samfunnslab.methods.selectors import process_agenda


def test_the_demo_is_an_evaluated_and_revised_example(organisation, facilitator):
    process = load_demo(organisation=organisation, user=facilitator)
    assert process.slug == DEMO_SLUG and process.is_example
    assert process.name.startswith("Eksempel:")
    assert list(process.evaluations.values_list("version", flat=True)) == [1]
    assert process.version == 2
    assert process_agenda(process).total_minutes == 180


def test_loading_the_demo_twice_changes_nothing(organisation, facilitator):
    load_demo(organisation=organisation, user=facilitator)
    load_demo(organisation=organisation, user=facilitator)
    assert Process.objects.filter(is_example=True).count() == 1


def test_the_front_page_link_points_at_the_example(organisation, facilitator):
    assert demo_link() is None
    load_demo(organisation=organisation, user=facilitator)
    assert demo_link()["url"].endswith(f"/prosesser/{DEMO_SLUG}/")
