"""Kommunerapport: plain data → template → WeasyPrint → PDF bytes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import timezone

from samfunnslab.accounts.authorizers import UserLike
from samfunnslab.core import attribution
from samfunnslab.core import pdf as core_pdf
from samfunnslab.scenarios import pages
from samfunnslab.scenarios.choices import Choices


@dataclass(frozen=True)
class Report:
    """Everything the report shows: the future section and one or more scenario cards."""

    name: str
    future: dict[str, object]
    cards: tuple[dict[str, object], ...]
    created: str
    sources: tuple[attribution.Attribution, ...]


def report_data(code: str, scenarios: Sequence[tuple[str, Choices]], user: UserLike) -> Report:
    """Collect the report's content for one municipality and each (alternative, choices)."""
    info = pages.municipality(code)
    assert info is not None, f"unknown municipality {code}"
    return Report(
        name=info.name,
        future=pages.future_context(code, user),
        cards=tuple(pages.card_context(code, alt, choices, user) for alt, choices in scenarios),
        created=timezone.localtime().strftime("%d.%m.%Y"),
        sources=(attribution.SSB, attribution.HMD, attribution.HFD),
    )


def report_html(report: Report) -> str:
    """Render the report as HTML for print."""
    return render_to_string("scenarios/report.html", {"report": report})


def report_pdf(code: str, scenarios: Sequence[tuple[str, Choices]], user: UserLike) -> bytes:
    """Return the municipal report as PDF bytes."""
    return core_pdf.html_to_pdf(report_html(report_data(code, scenarios, user)))
