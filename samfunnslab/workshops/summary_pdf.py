"""A printable summary of a workshop (PDF): every activity's results, word clouds, source and date.

Plain data first (dataclasses), then a template, then WeasyPrint: the same summary can be shown
as HTML or tested without reading a PDF. Word clouds are laid out here, deterministically, as
SVG: the biggest words first, in centred lines, so the same answers always give the same picture.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from xml.sax.saxutils import escape

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import formats, timezone
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext as _

from samfunnslab.core import lang, pdf
from samfunnslab.core.charts import PALETTE
from samfunnslab.workshops import selectors
from samfunnslab.workshops.models import (
    RESPONSE_KINDS,
    Activity,
    ActivityKind,
    ContributionStatus,
    Workshop,
)
from textsort import TermCount, count_terms

CLOUD_WIDTH = 640
CLOUD_WORDS = 40
MIN_FONT, MAX_FONT = 13, 44
LINE_GAP = 1.25
CHAR_WIDTH = 0.58  # average glyph width of a sans-serif font, as a share of the font size
MAX_ITEMS = 40


@dataclass(frozen=True)
class ResultRow:
    """One line of an activity's result table."""

    label: str
    value: str
    percent: str = ""
    lang: str = ""  # the label's `lang` when the facilitator wrote it in another language


@dataclass(frozen=True)
class ActivitySummary:
    """What one activity gave: its prompt, a count, a table, a word cloud and the texts."""

    position: int
    prompt: str
    kind: str
    total: int
    lang: str = ""  # the prompt's `lang` when it is written in another language than the page's
    headers: tuple[str, ...] = ()
    rows: tuple[ResultRow, ...] = ()
    cloud: SafeString | None = None
    held_back: int = 0
    items: tuple[str, ...] = ()
    more_items: int = 0
    opinion_groups: tuple[OpinionGroup, ...] = ()


@dataclass(frozen=True)
class OpinionGroup:
    """One opinion group of a statements activity: its letter, size and what it agrees on."""

    letter: str
    size: int
    statements: tuple[SafeString, ...]


@dataclass(frozen=True)
class WorkshopSummary:
    """Everything the PDF shows, as plain data."""

    title: str
    session_label: str
    municipality_code: str
    held_on: datetime | None
    generated_at: datetime
    participants: int
    activities: list[ActivitySummary] = field(default_factory=list)


# ------------------------------------------------------------------ word cloud


def _font_size(count: int, highest: int, lowest: int) -> float:
    if highest == lowest:
        return (MIN_FONT + MAX_FONT) / 2
    share = (count - lowest) / (highest - lowest)
    return round(MIN_FONT + share * (MAX_FONT - MIN_FONT), 1)


def _lines(terms: Sequence[TermCount], width: int) -> list[list[tuple[TermCount, float, float]]]:
    """Fill lines left to right with (term, font size, text width), biggest words first."""
    highest, lowest = terms[0].count, terms[-1].count
    lines: list[list[tuple[TermCount, float, float]]] = [[]]
    used = 0.0
    for term in terms:
        size = _font_size(term.count, highest, lowest)
        text_width = len(term.term) * size * CHAR_WIDTH
        gap = size * 0.5 if lines[-1] else 0.0
        if lines[-1] and used + gap + text_width > width:
            lines.append([])
            used, gap = 0.0, 0.0
        lines[-1].append((term, size, text_width))
        used += gap + text_width
    return lines


def word_cloud_svg(
    terms: Sequence[TermCount], *, title: str, width: int = CLOUD_WIDTH
) -> SafeString:
    """Lay out terms as an SVG word cloud: size by count, centred lines, colours by rank."""
    shown = [t for t in terms if not t.flagged][:CLOUD_WORDS]
    if not shown:
        return mark_safe("")  # noqa: S308 - a constant empty string
    parts: list[str] = []
    y = 0.0
    for line in _lines(shown, width):
        line_height = max(size for _t, size, _w in line) * LINE_GAP
        y += line_height
        total = sum(w for _t, _s, w in line) + sum(s * 0.5 for _t, s, _w in line[1:])
        x = (width - total) / 2
        for index, (term, size, text_width) in enumerate(line):
            x += size * 0.5 if index else 0.0
            colour = PALETTE[len(parts) % len(PALETTE)]
            parts.append(
                f'<text x="{x:.1f}" y="{y - line_height * 0.22:.1f}" font-size="{size}" '
                f'fill="{colour}">{escape(term.term)}<title>{term.count}</title></text>'
            )
            x += text_width
    height = int(y + 8)
    label = escape(title, {'"': "&quot;"})
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{label}" '
        f'font-family="DejaVu Sans, Arial, sans-serif">{"".join(parts)}</svg>'
    )
    return mark_safe(svg)  # noqa: S308 - every text node is escaped above


# ------------------------------------------------------------------ per activity


def _table(
    results: dict[str, object], activity: Activity, written: str
) -> tuple[tuple[str, ...], tuple[ResultRow, ...]]:
    """The result table; the activity's own options are marked with its language (`written`)."""
    rows = results.get("rows") or []
    assert isinstance(rows, list)
    kind = activity.kind
    options = {str(o) for o in activity.options}

    def row(r: dict[str, object], third: str) -> ResultRow:
        label = str(r["label"])
        return ResultRow(label, str(r["value"]), third, written if label in options else "")

    if kind == ActivityKind.RANKING:
        return (
            (_("Alternativ"), _("Poeng (Borda)"), _("Snitt")),
            tuple(row(r, formats.number_format(r["average"])) for r in rows),
        )
    if kind == ActivityKind.POINTS:
        return (
            (_("Alternativ"), _("Poeng i alt"), _("Andel")),
            tuple(row(r, f"{r['percent']} %") for r in rows),
        )
    headers = (_("Kategori"), _("Nåler"), _("Andel")) if kind == ActivityKind.MAP else None
    return (
        headers or (_("Svar"), _("Antall"), _("Andel")),
        tuple(row(r, f"{r['percent']} %") for r in rows),
    )


def _share(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)} %" if whole else "–"


def _statement_rows(activity: Activity, written: str) -> tuple[ResultRow, ...]:
    """Per statement: the votes as counts and as percentages of those who voted on it.

    Statements the facilitator seeded are marked with the activity's language (`written`);
    a participant's statement has no known language and is left unmarked.
    """
    state = selectors.activity_state(activity, limit=None, moderation=False)
    rows = []
    for item in state["items"]:
        votes = item["votes"]
        seen = votes["agree"] + votes["disagree"] + votes["pass"]
        rows.append(
            ResultRow(
                item["text"],
                _("%(agree)s enig · %(disagree)s uenig · %(passed)s står over")
                % {"agree": votes["agree"], "disagree": votes["disagree"], "passed": votes["pass"]},
                _("%(agree)s enig · %(disagree)s uenig · %(passed)s står over")
                % {
                    "agree": _share(votes["agree"], seen),
                    "disagree": _share(votes["disagree"], seen),
                    "passed": _share(votes["pass"], seen),
                },
                written if item["by_facilitator"] else "",
            )
        )
    return tuple(rows)


def _opinion_line(statement: dict[str, Any], written: str) -> SafeString:
    """«Enig (60 %): …» with the statement marked `written` (the sentence around it escaped)."""
    line = (
        _("Enig (%(percent)s %%): %(text)s")
        if statement["direction"] == "agree"
        else _("Uenig (%(percent)s %%): %(text)s")
    )
    text = lang.in_lang(statement["text"], written)
    return mark_safe(conditional_escape(line) % {"percent": statement["percent"], "text": text})  # noqa: S308


def _opinion_groups(activity: Activity, written: str) -> tuple[OpinionGroup, ...]:
    """The opinion map's groups, computed now (groups under five people are never shown).

    The statements the facilitator seeded are marked with the activity's language (`written`).
    """
    from opinion import compute_map
    from samfunnslab.opinions import live  # the opinion map builds on the workshops
    from samfunnslab.opinions import selectors as opinion_selectors

    inputs = opinion_selectors.map_inputs(activity.pk)
    if not inputs.votes:
        return ()
    result = compute_map(
        inputs.votes,
        seed=0,
        moderated_out=inputs.moderated_out,
        min_group_size=live.MIN_GROUP_SIZE,
    )
    payload = live.map_payload(result, inputs.votes, inputs.texts)
    seeded = opinion_selectors.seeded_statements(activity.pk)
    return tuple(
        OpinionGroup(
            letter=group["letter"],
            size=group["size"],
            statements=tuple(
                _opinion_line(s, written if s["id"] in seeded else "") for s in group["statements"]
            ),
        )
        for group in payload["groups"]
    )


def _item_lines(activity: Activity, kind: ActivityKind) -> list[str]:
    """The texts as printed: questions with their votes, idea cards with their group."""
    state = selectors.activity_state(activity, limit=None, moderation=False)
    if kind == ActivityKind.QA:
        return [
            _("%(text)s (%(n)s stemmer%(answered)s)")
            % {
                "text": item["text"],
                "n": item["upvotes"],
                "answered": _(", besvart") if item["answered"] else "",
            }
            for item in state["items"]
        ]
    if kind == ActivityKind.IDEAS:
        ordered = sorted(state["items"], key=lambda item: (item["group"] == "", item["group"]))
        return [
            f"{item['group']}: {item['text']}" if item["group"] else item["text"]
            for item in ordered
        ]
    return [item["text"] for item in state["items"]]


def activity_summary(activity: Activity) -> ActivitySummary:
    """Summarise one activity for print."""
    kind = ActivityKind(activity.kind)
    written = lang.other_lang(activity.text_lang)
    base = {
        "position": activity.position + 1,
        "prompt": activity.prompt,
        "kind": kind.label,
        "lang": written,
    }
    if kind in RESPONSE_KINDS:
        results = selectors.activity_results(activity)
        headers, rows = _table(results, activity, written)
        return ActivitySummary(**base, total=int(results["total"]), headers=headers, rows=rows)
    texts = list(
        activity.contributions.filter(status=ContributionStatus.VISIBLE)
        .order_by("id")
        .values_list("text", flat=True)
    )
    terms = count_terms(texts)
    cloud = None
    if kind in (ActivityKind.WORDCLOUD, ActivityKind.OPEN, ActivityKind.IDEAS):
        cloud = word_cloud_svg(terms, title=_("Ordsky: %(prompt)s") % {"prompt": activity.prompt})
    if kind == ActivityKind.MAP:
        results = selectors.activity_results(activity)
        headers, rows = _table(results, activity, written)
        return ActivitySummary(
            **base,
            total=int(results["total"]),
            headers=headers,
            rows=rows,
            items=tuple(
                f"{p['category']}: {p['comment']}" for p in results["pins"] if p["comment"]
            )[:MAX_ITEMS],
        )
    if kind == ActivityKind.STATEMENTS:
        return ActivitySummary(
            **base,
            total=selectors.statement_voters(activity),  # people who voted, not statements
            headers=(_("Påstand"), _("Stemmer"), _("Andel")),
            rows=_statement_rows(activity, written),
            opinion_groups=_opinion_groups(activity, written),
        )
    lines = [] if kind == ActivityKind.WORDCLOUD else _item_lines(activity, kind)
    items = tuple(lines[:MAX_ITEMS])
    return ActivitySummary(
        **base,
        total=len(texts),
        cloud=cloud or None,
        held_back=sum(1 for t in terms if t.flagged),
        items=items,
        more_items=max(0, len(texts) - MAX_ITEMS) if items else 0,
    )


def workshop_summary(workshop: Workshop) -> WorkshopSummary:
    """Collect the summary of a workshop (counts only; nothing about who said what)."""
    return WorkshopSummary(
        title=workshop.title,
        session_label=workshop.session_label,
        municipality_code=workshop.municipality_code,
        held_on=workshop.opened_at,
        generated_at=timezone.localtime(),
        participants=workshop.participants.count(),
        activities=[activity_summary(a) for a in selectors.activities_of(workshop)],
    )


# ------------------------------------------------------------------ PDF


def summary_html(summary: WorkshopSummary) -> str:
    """Render the summary as the HTML WeasyPrint prints."""
    return render_to_string("workshops/summary_pdf.html", {"summary": summary})


def summary_pdf(workshop: Workshop) -> bytes:
    """Return the workshop summary as PDF bytes."""
    return pdf.html_to_pdf(summary_html(workshop_summary(workshop)))


def summary_pdf_response(workshop: Workshop) -> HttpResponse:
    """Return the PDF as a download (the caller checks that the user may see the workshop)."""
    response = HttpResponse(summary_pdf(workshop), content_type="application/pdf")
    name = slugify(workshop.title)[:50] or "verksted"
    response["Content-Disposition"] = f'attachment; filename="oppsummering-{name}.pdf"'
    return response
