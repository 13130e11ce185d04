from __future__ import annotations

from typing import Any

from django.test import Client

from samfunnslab.scenarios import demo, selectors


def test_load_demo_is_idempotent_and_shows_a_distribution(
    organisation: Any, facilitator: Any
) -> None:
    demo.load_demo(organisation=organisation, user=facilitator)
    session = demo.load_demo(organisation=organisation, user=facilitator)
    assert session.responses.count() == len(demo.DEMO_ANSWERS)
    assert selectors.group_summary(session).enough


def test_the_demo_link_opens_a_scenario_card(db: Any, client: Client) -> None:
    link = demo.demo_link()
    assert link is not None
    assert "Scenariokort" in client.get(link["url"]).content.decode()
