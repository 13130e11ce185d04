"""Kommunerapport: plain data → template → WeasyPrint → PDF bytes."""

from __future__ import annotations

from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import timezone

from samfunnslab.accounts.authorizers import UserLike
from samfunnslab.core import attribution
from samfunnslab.scenarios import pages
from samfunnslab.scenarios.choices import Choices


@dataclass(frozen=True)
class Report:
    """Everything the report shows: the future section and one scenario card."""

    future: dict[str, object]
    card: dict[str, object]
    created: str
    sources: tuple[attribution.Attribution, ...]


def report_data(code: str, alternative: str, choices: Choices, user: UserLike) -> Report:
    """Collect the report's content for one municipality and one set of choices."""
    return Report(
        future=pages.future_context(code, user),
        card=pages.card_context(code, alternative, choices, user),
        created=timezone.localtime().strftime("%d.%m.%Y"),
        sources=(attribution.SSB, attribution.HMD, attribution.HFD),
    )


def report_html(report: Report) -> str:
    """Render the report as HTML for print."""
    return render_to_string("scenarios/report.html", {"report": report})


def report_pdf(code: str, alternative: str, choices: Choices, user: UserLike) -> bytes:
    """Return the municipal report as PDF bytes."""
    from weasyprint import HTML

    pdf = HTML(string=report_html(report_data(code, alternative, choices, user))).write_pdf()
    assert pdf is not None
    return bytes(pdf)
