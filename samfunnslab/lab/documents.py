"""Documents from plain data: the forsøk application draft (PDF, DOCX), the lab summary (PDF), CSV."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from samfunnslab.core import pdf
from samfunnslab.core.cleaning import clean_text
from samfunnslab.core.errors import Refusal
from samfunnslab.core.spreadsheet import safe_row
from samfunnslab.lab import rules, selectors
from samfunnslab.lab.models import LabExercise

DRAFT_MARK = "UTKAST – ikke sendt. Må kontrolleres av jurist før søknaden sendes."


@dataclass(frozen=True)
class DeviationItem:
    """One rule the forsøk must deviate from, and why."""

    element: str
    rule: str
    reference: str
    letter: str
    why: str
    action: str
    checked: bool
    limits_flagged: bool
    limits_note: str


@dataclass(frozen=True)
class ForsokDraft:
    """The content of a forsøk application draft, structured as KDD's process asks."""

    municipality: str
    model_name: str
    title: str
    what_to_try: str
    years: int
    extension_years: int
    evaluation_plan: str
    deviations: tuple[DeviationItem, ...]
    printed: str
    draft_mark: str = DRAFT_MARK

    @property
    def flagged(self) -> list[DeviationItem]:
        """Return the deviations the § 4 checklist flags."""
        return [d for d in self.deviations if d.limits_flagged]


def _limits_note(check: rules.LimitCheck) -> str:
    """Return a plain sentence on the forsøksloven § 4 check."""
    if check.kommuneloven and check.forvaltningsloven:
        return _("Berører kommunelovens organisering og forvaltningslovens saksbehandling.")
    if check.kommuneloven:
        return _("Kan berøre kommunelovens grunnleggende regler om organisering.")
    if check.forvaltningsloven:
        return _("Kan berøre forvaltningslovens saksbehandlingsregler.")
    return _("Ingen treff på § 4-grensene.")


def forsok_draft(
    exercise: LabExercise,
    *,
    what_to_try: str,
    years: int | str,
    extension_years: int | str = 0,
    evaluation_plan: str = "",
) -> ForsokDraft:
    """Build the application draft from the exercise's findings that need a forsøk."""
    views = selectors.forsok_findings(exercise)
    if not views:
        raise Refusal(
            _(
                "Ingen funn i øvelsen trenger forsøk etter forsøksloven. Marker minst ett funn først."
            )
        )
    try:
        years_n, extension_n = int(str(years)), int(str(extension_years or 0))
    except ValueError:
        raise Refusal(_("Varigheten må oppgis i hele år.")) from None
    if not rules.valid_forsok_duration(years_n, extension_n):
        raise Refusal(_("Et forsøk kan vare i inntil 4 år, med forlengelse på inntil 2 år."))
    deviations = tuple(
        DeviationItem(
            element=v.finding.element_label,
            rule=v.finding.condition.title,
            reference=v.finding.condition.reference,
            letter=v.finding.get_forsok_letter_display()
            if v.finding.forsok_letter
            else _("ikke valgt"),
            why=v.finding.description,
            action=v.finding.proposed_action,
            checked=v.finding.condition.checked,
            limits_flagged=v.limits.flagged,
            limits_note=_limits_note(v.limits),
        )
        for v in views
    )
    return ForsokDraft(
        municipality=exercise.organisation.name,
        model_name=exercise.model.name,
        title=exercise.title,
        what_to_try=clean_text(what_to_try, label=_("Hva skal prøves ut"), max_length=6000)
        or exercise.model.pitch,
        years=years_n,
        extension_years=extension_n,
        evaluation_plan=clean_text(evaluation_plan, label=_("Evalueringsplan"), max_length=6000),
        deviations=deviations,
        printed=timezone.localdate().strftime("%d.%m.%Y"),
    )


def _pdf(template: str, context: dict[str, object]) -> bytes:
    """Render a template to a tagged PDF."""
    return pdf.html_to_pdf(render_to_string(template, context))


def forsok_pdf(draft: ForsokDraft) -> bytes:
    """Return the application draft as PDF bytes."""
    return _pdf("lab/forsok_pdf.html", {"draft": draft})


def forsok_docx(draft: ForsokDraft) -> bytes:
    """Return the application draft as a Word document."""
    from docx import Document

    doc = Document()
    doc.add_paragraph(draft.draft_mark).runs[0].bold = True
    doc.add_heading(_("Søknad om forsøk etter forsøksloven – utkast"), level=0)
    doc.add_paragraph(f"{draft.municipality} · {draft.model_name} · {draft.printed}")
    doc.add_heading(_("1. Hva skal prøves ut"), level=1)
    doc.add_paragraph(draft.what_to_try or "–")
    doc.add_heading(_("2. Regler det må gjøres unntak fra, og hvorfor"), level=1)
    table = doc.add_table(rows=1, cols=4)
    for cell, text in zip(
        table.rows[0].cells,
        (_("Regel"), _("Forsøksloven § 3"), _("Hvorfor"), _("Kontrollert av jurist")),
        strict=True,
    ):
        cell.text = text
    for d in draft.deviations:
        row = table.add_row().cells
        row[0].text = f"{d.rule} ({d.reference}) – {d.element}"
        row[1].text = d.letter
        row[2].text = d.why
        row[3].text = _("Ja") if d.checked else _("Nei, må kontrolleres")
    doc.add_heading(_("3. Varighet"), level=1)
    doc.add_paragraph(
        _("%(years)s år, med mulig forlengelse på %(ext)s år (forsøksloven: inntil 4 + 2 år).")
        % {"years": draft.years, "ext": draft.extension_years}
    )
    doc.add_heading(_("4. Evalueringsplan"), level=1)
    doc.add_paragraph(draft.evaluation_plan or _("Ikke skrevet ennå."))
    doc.add_heading(_("5. Sjekkliste: forsøksloven § 4"), level=1)
    for d in draft.deviations:
        mark = "⚠" if d.limits_flagged else "✓"
        doc.add_paragraph(f"{mark} {d.rule}: {d.limits_note}", style="List Bullet")
    doc.add_heading(_("6. Videre prosess"), level=1)
    doc.add_paragraph(
        _(
            "Foreløpig søknad sendes Kommunal- og distriktsdepartementet. Endelig søknad vedtas av "
            "kommunestyret, og forsøket hjemles i en lokal forskrift som departementet godkjenner."
        )
    )
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def summary_pdf(summary: selectors.Summary) -> bytes:
    """Return the lab summary as a PDF for a council or a board."""
    return _pdf(
        "lab/summary_pdf.html",
        {"summary": summary, "printed": timezone.localdate().strftime("%d.%m.%Y")},
    )


CSV_HEADER = (
    "id",
    "modell",
    "element",
    "rammebetingelse",
    "henvisning",
    "nivå",
    "type_funn",
    "mekanisme",
    "handlingsrom",
    "forsøksloven_§3",
    "beskrivelse",
    "grunnlag",
    "tiltak",
    "status",
    "alvorlighet_snitt",
    "sikkerhet_snitt",
    "antall_vurderinger",
    "uenighet",
)


def findings_csv(exercises: list[LabExercise]) -> str:
    """Return all findings of the exercises as CSV (one row per finding)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_HEADER)
    for exercise in exercises:
        for v in selectors.finding_views(selectors.exercise_findings(exercise)):
            f = v.finding
            writer.writerow(
                safe_row(
                    (
                        f.pk,
                        exercise.model.name,
                        f.element_label,
                        f.condition.title,
                        f.condition.reference,
                        f.condition.get_level_display(),
                        f.get_finding_type_display(),
                        f.get_mechanism_display(),
                        f.get_room_display(),
                        f.forsok_letter,
                        f.description,
                        f.evidence,
                        f.proposed_action,
                        f.get_status_display(),
                        v.severity_mean or "",
                        v.certainty_mean or "",
                        len(v.ratings),
                        "ja" if v.disagreement else "nei",
                    )
                )
            )
    return buffer.getvalue()
