"""A tiny registry where apps announce their demo content for the front page.

Each app may define `demo_link()` in `samfunnslab/<app>/demo.py`, returning a dict with
`title`, `text` and `url` (or None when there is no demo content in the database).
"""

from __future__ import annotations

import importlib
import logging

logger = logging.getLogger(__name__)

DEMO_APPS = ("workshops", "methods", "community_models", "lab", "portfolio", "scenarios")


def demo_links() -> list[dict[str, str]]:
    """Return the demo links that apps provide, skipping apps that have none."""
    links = []
    for app in DEMO_APPS:
        try:
            module = importlib.import_module(f"samfunnslab.{app}.demo")
        except ModuleNotFoundError:
            continue
        link = getattr(module, "demo_link", lambda: None)()
        if link:
            links.append(link)
    return links
