"""Page contexts of the site-wide pages (the front page)."""

from __future__ import annotations


def home_context() -> dict[str, object]:
    """The front page: the national headline and the demo pointers other apps register."""
    from samfunnslab.core.demo import demo_links
    from samfunnslab.municipalities.norway2040 import national_headline

    return {"demo": {"links": demo_links()}, "headline": national_headline()}
