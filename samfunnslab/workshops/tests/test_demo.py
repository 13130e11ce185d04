"""The demo workshop: open, one activity of each kind, and safe to load twice."""

from __future__ import annotations

from typing import Any

from samfunnslab.workshops import demo
from samfunnslab.workshops.models import ActivityKind, Workshop, WorkshopStatus


def test_the_demo_workshop_is_open_with_one_activity_of_each_kind(
    organisation: Any, facilitator: Any
) -> None:
    workshop = demo.load_demo(organisation=organisation, user=facilitator)
    assert workshop.status == WorkshopStatus.OPEN
    assert workshop.municipality_code == "1106"
    assert sorted(workshop.activities.values_list("kind", flat=True)) == sorted(ActivityKind.values)


def test_loading_the_demo_twice_changes_nothing(organisation: Any, facilitator: Any) -> None:
    first = demo.load_demo(organisation=organisation, user=facilitator)
    second = demo.load_demo(organisation=organisation, user=facilitator)
    assert first.pk == second.pk and first.join_code == second.join_code
    assert Workshop.objects.count() == 1
    assert second.activities.count() == len(ActivityKind.values)


def test_the_front_page_link_shows_the_join_code(organisation: Any, facilitator: Any) -> None:
    workshop = demo.load_demo(organisation=organisation, user=facilitator)
    link = demo.demo_link()
    assert link is not None
    assert workshop.join_code in link["text"]
    assert link["url"] == f"/d/{workshop.join_code}/"


def test_there_is_no_front_page_link_without_the_demo(db: Any) -> None:
    assert demo.demo_link() is None
