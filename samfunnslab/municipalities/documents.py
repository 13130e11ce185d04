"""«Kommunen i 2040» as a printable PDF: the page's own steps → template → core.pdf (PDF/UA-1)."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone

from samfunnslab.core import pdf
from samfunnslab.municipalities import story_pages


def story_html(code: str) -> str:
    """Render the story for print: the same steps, sentences and sources as the page."""
    context = story_pages.story_context(code)
    pyramid: dict[str, object] = context["pyramid"]  # type: ignore[assignment]
    frames: list[dict[str, object]] = pyramid["frames"]  # type: ignore[assignment]
    shown = [frame for frame in frames if frame["year"] in (context["base_year"], context["year"])]
    return render_to_string("municipalities/story_pdf.html", {
        **context,
        "steps": story_pages.story_steps(context),
        "shown_frames": shown,
        "printed": timezone.localdate().strftime("%d.%m.%Y"),
    })  # fmt: skip


def story_pdf(code: str) -> bytes:
    """Return the story as PDF bytes (KeyError if the municipality has no projection)."""
    return pdf.html_to_pdf(story_html(code))
