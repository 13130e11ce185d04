"""The portfolio as a PDF for a council or a board (plain data → template → WeasyPrint)."""

from __future__ import annotations

from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import timezone

from samfunnslab.core import pdf
from samfunnslab.portfolio.models import Pilot
from samfunnslab.portfolio.selectors import HorizonColumn, TreeNode


@dataclass(frozen=True)
class PortfolioReport:
    """What the portfolio PDF shows."""

    organisation: str
    tree: list[TreeNode]
    unplaced: list[Pilot]
    horizons: list[HorizonColumn]
    printed: str


def portfolio_report(
    organisation: str, tree: list[TreeNode], unplaced: list[Pilot], horizons: list[HorizonColumn]
) -> PortfolioReport:
    """Return the report data."""
    return PortfolioReport(
        organisation, tree, unplaced, horizons, timezone.localdate().strftime("%d.%m.%Y")
    )


def portfolio_pdf(report: PortfolioReport) -> bytes:
    """Return the portfolio as PDF bytes."""
    html = render_to_string("portfolio/portfolio_pdf.html", {"report": report})
    return pdf.html_to_pdf(html)
