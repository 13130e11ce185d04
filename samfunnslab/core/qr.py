"""QR codes as inline SVG (segno): the workshop join splash and the Scenariofabrikken group mode."""

from __future__ import annotations

import functools
import io

import segno
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


@functools.lru_cache(maxsize=64)
def _qr_markup(url: str, title: str) -> str:
    buffer = io.BytesIO()
    segno.make(url, error="m").save(
        buffer,
        kind="svg",
        scale=1,
        border=4,  # the quiet zone scanners need, inside the picture whatever the page behind
        xmldecl=False,
        svgns=True,
        title=title,
        svgclass="qr",
        lineclass=None,
        omitsize=True,  # a viewBox instead of a fixed size: CSS scales it without cropping
        light="#fff",
    )
    svg = buffer.getvalue().decode()
    return svg.replace("<svg ", f'<svg role="img" aria-label="{escape(title)}" ', 1)


def qr_svg(url: str, *, title: str) -> SafeString:
    """Return an inline SVG QR code (segno) that scales to any size, labelled for screen readers."""
    return mark_safe(_qr_markup(url, title))  # noqa: S308 - segno's own SVG, the label is escaped
