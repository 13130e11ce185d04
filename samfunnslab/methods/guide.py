"""The facilitator guide as plain data (dataclasses), rendered to HTML and to PDF with WeasyPrint."""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass, field
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samfunnslab.core import pdf
from samfunnslab.methods.agenda import SubStepTime, fit_sub_steps
from samfunnslab.methods.content import for_audience, load_children, load_materials, sub_minimum
from samfunnslab.methods.models import ACTIVITY_LABELS, Phase, Process, ProcessItem
from samfunnslab.methods.selectors import Agenda, process_agenda

LICENCE_NAME = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/deed.no"
PUBLISHER = "Samfunnslaben og KS Partnerskap for radikal innovasjon"


@dataclass(frozen=True)
class Card:
    title: str
    text: str = ""
    prompts: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class FillIn:
    label: str
    hint: str = ""
    size: str = "middels"  # liten · middels · stor: how much room to write


@dataclass(frozen=True)
class Printable:
    """A page (or pages) to print: a text read aloud, cards, a template or a poster."""

    slug: str
    title: str
    kind: str
    paper: str
    audience: str
    layout: str
    how_to_use: str
    builds_on: str
    licence_note: str
    paragraphs: list[str] = field(default_factory=list)
    after: str = ""
    cards: list[Card] = field(default_factory=list)
    fields: list[FillIn] = field(default_factory=list)
    lang: str = "nb"  # nynorsk only when the material's nynorsk companion is complete

    @property
    def anchor(self) -> str:
        """Return the id of the material's page in the guide."""
        return f"materiell-{self.slug}"


@dataclass(frozen=True)
class ChildrenNote:
    """The box for children and youth: Lundy's four elements, age bands, consent and safety."""

    title: str
    intro: str
    lundy: list[tuple[str, str]]
    age_bands: list[tuple[str, str]]
    safeguarding_title: str
    safeguarding: list[str]
    model: str
    builds_on: str
    licence_note: str
    scripts: dict[int, tuple[str, str]]  # step number → what to say to 10–12 and to 13–16
    lang: str = "nb"


def _in_language(data: dict[str, Any], language: str) -> tuple[dict[str, Any], str]:
    """Return a content file's texts in nynorsk when asked and complete, else in bokmål."""
    if language == "nn" and data.get("nn"):
        return data["nn"], "nn"
    return data, "nb"


@functools.cache
def children_note(language: str = "nb") -> ChildrenNote:
    """Return the children-and-youth box (read once per language from the content file)."""
    data, lang = _in_language(load_children(), language)
    return ChildrenNote(
        title=data["title"],
        intro=data["intro"],
        lundy=[(part["name"], part["text"]) for part in data["lundy"]],
        age_bands=[(band["name"], band["text"]) for band in data["age_bands"]],
        safeguarding_title=data["safeguarding"]["title"],
        safeguarding=list(data["safeguarding"]["points"]),
        model=data["model"],
        builds_on=data["builds_on"],
        licence_note=data["licence_note"],
        scripts={s["step"]: (s["age_10_12"], s["age_13_16"]) for s in data.get("scripts", [])},
        lang=lang,
    )


@dataclass(frozen=True)
class GuideSubStep:
    name: str
    minutes: int | None  # None: skipped because the item is short (the timing engine)
    instruction: str
    phone: str = ""  # the activity to open on the phones, with its prompt
    phone_kind: str = ""
    activity_index: int | None = None  # which of the step's activities (for the start button)
    materials: list[Printable] = field(default_factory=list)  # printed once, at the end


@dataclass(frozen=True)
class World:
    title: str
    story: str
    artefact: str
    read_aloud: str


@dataclass(frozen=True)
class GuideStep:
    anchor: str
    title: str
    meeting: int
    starts: datetime.time
    ends: datetime.time
    minutes: int
    note: str
    step_number: int | None = None
    phase: str = ""
    purpose: str = ""
    sub_steps: list[GuideSubStep] = field(default_factory=list)
    materials_in_person: list[str] = field(default_factory=list)
    materials_online: list[str] = field(default_factory=list)
    participants: str = ""
    easy_variant: str = ""
    easy: bool = False
    opening: str = ""
    transition: str = ""
    debrief: list[str] = field(default_factory=list)
    if_this_happens: list[str] = field(default_factory=list)
    examples: list[str] = field(default_factory=list)
    children_10_12: str = ""  # what to say to 10–12-year-olds (shown with the easy variant)
    children_13_16: str = ""
    worlds: list[World] = field(default_factory=list)
    item_id: int | None = None  # the process item (for the web guide's start buttons)
    lang: str = "nb"  # the language of the item's texts


@dataclass(frozen=True)
class Worksheet:
    title: str
    step_title: str
    prompts: list[str]
    child_friendly: bool


@dataclass(frozen=True)
class GuideSource:
    title: str
    author: str
    year: int | None
    url: str
    lang: str  # the language of the title (BCP 47), shown as <cite lang>
    note: str = ""  # a remark in bokmål, shown after the title


@dataclass(frozen=True)
class GuideMeeting:
    number: int
    minutes: int
    target: int
    overrun: int
    steps: list[GuideStep]


@dataclass(frozen=True)
class Guide:
    title: str
    slug: str
    summary: str
    organisation: str
    version: int
    made_on: datetime.date
    start_time: datetime.time
    is_example: bool
    easy_language: bool
    total_minutes: int
    meetings: list[GuideMeeting]
    materials_in_person: list[str]
    materials_online: list[str]
    worksheets: list[Worksheet]
    worlds: list[World]
    printables: list[Printable]
    accessibility: list[tuple[str, str]]
    sources: list[GuideSource]
    children: ChildrenNote | None = None  # when any step runs its children's variant
    licence_name: str = LICENCE_NAME
    licence_url: str = LICENCE_URL
    publisher: str = PUBLISHER
    lang: str = "nb"  # the language of the title and summary
    steps_lang: str = "nb"  # "nn" when every item is in nynorsk (materials, worksheets, worlds)

    @property
    def content_lang(self) -> str:
        """Return "nn" when all the shipped text is in nynorsk, else "nb" (bokmål, or mixed)."""
        return "nn" if self.lang == self.steps_lang == "nn" else "nb"

    @property
    def attribution(self) -> str:
        """Return the line people should copy when they reuse the guide."""
        return (
            f"«{self.title}», versjon {self.version} ({self.made_on:%d.%m.%Y}), "
            f"{self.publisher}. Lisens: {self.licence_name}."
        )


def _printable(material: dict[str, Any], language: str) -> Printable:
    """Return one checked material file as a printable, in nynorsk when asked and complete."""
    data, lang = _in_language(material, language)
    return Printable(
        slug=data["slug"],
        title=data["title"],
        kind=data["kind"],
        paper=data["paper"],
        audience=data["audience"],
        layout=data["layout"],
        how_to_use=data["how_to_use"],
        builds_on=data["builds_on"],
        licence_note=data["licence_note"],
        paragraphs=list(data.get("paragraphs", [])),
        after=data["after"],
        cards=[
            Card(c["title"], c.get("text", ""), list(c.get("prompts", [])))
            for c in data.get("cards", [])
        ],
        fields=[
            FillIn(f["label"], f.get("hint", ""), f.get("size", "middels"))
            for f in data.get("fields", [])
        ],
        lang=lang,
    )


@functools.cache
def printables(language: str = "nb") -> dict[str, Printable]:
    """Return every printable material by slug (read once per language from the content files)."""
    return {slug: _printable(data, language) for slug, data in load_materials().items()}


def _sub_step_materials(sub: dict[str, Any], easy: bool, language: str) -> list[Printable]:
    """Return the materials a sub-step names that suit the audience (children or adults)."""
    known = printables(language)
    found = [known[slug] for slug in sub.get("materials", []) if slug in known]
    return [m for m in found if m.audience == "alle" or (m.audience == "barn") == easy]


def _people(item: ProcessItem) -> str:
    """Describe who takes part, e.g. '3–40 deltakere, grupper på 5', in the interface language."""
    step = item.step
    if step is None:
        return ""
    if step.participants_max:
        text = _("%(a)s–%(b)s deltakere") % {"a": step.participants_min, "b": step.participants_max}
    else:
        text = ngettext(
            "%(a)s deltaker eller flere", "%(a)s deltakere eller flere", step.participants_min
        ) % {"a": step.participants_min}
    if step.group_size and step.group_size > 1:
        text += ", " + _("grupper på %(g)s") % {"g": step.group_size}
    return text


def _sub_steps(item: ProcessItem, easy: bool, language: str) -> list[GuideSubStep]:
    """Return the step's sub-steps fitted to the item's minutes by the timing engine.

    No sub-step goes below its minimum; when time is short, skippable sub-steps are dropped.
    When even that does not fit (a facilitator's own edit), the usual minutes are shown.
    """
    step = item.step
    subs = for_audience(step.sub_steps, children=easy) if step else []
    if not subs:
        return []
    parts = [
        SubStepTime(int(sub["minutes"]), sub_minimum(sub), bool(sub.get("skippable")))
        for sub in subs
    ]
    try:
        minutes: list[int | None] = fit_sub_steps(parts, item.minutes)
    except ValueError:
        minutes = [part.minutes for part in parts]
    result = []
    for sub, m in zip(subs, minutes, strict=True):
        phone, kind = "", ""
        index = sub.get("activity")
        if step is not None and isinstance(index, int) and 0 <= index < len(step.activities):
            activity = step.activities[index]
            phone = (activity.get("prompt_easy") if easy else "") or activity["prompt"]
            kind = str(ACTIVITY_LABELS.get(activity["kind"], activity["kind"]))
        else:
            index = None
        materials = _sub_step_materials(sub, easy, language) if m is not None else []
        result.append(
            GuideSubStep(sub["name"], m, sub["instruction"], phone, kind, index, materials)
        )
    return result


def _guide_step(
    row_index: int,
    item: ProcessItem,
    starts: datetime.time,
    ends: datetime.time,
    easy: bool,
    language: str,
) -> GuideStep:
    """Return one agenda item with its instructions, script and debrief."""
    step = item.step
    extra = step.guide if step else {}
    children = children_note(language)
    scripts = children.scripts.get(step.number, ("", "")) if step and easy else ("", "")
    return GuideStep(
        anchor=f"punkt-{row_index + 1}",
        title=item.display_title,
        meeting=item.meeting,
        starts=starts,
        ends=ends,
        minutes=item.minutes,
        note=item.note,
        step_number=step.number if step else None,
        phase=str(Phase(step.phase).label) if step else "",
        purpose=step.purpose if step else "",
        sub_steps=_sub_steps(item, easy, language),
        materials_in_person=list(step.materials_in_person) if step else [],
        materials_online=list(step.materials_online) if step else [],
        participants=_people(item),
        easy_variant=step.easy_variant if step else "",
        easy=easy,
        opening=extra.get("opening", ""),
        transition=extra.get("transition", ""),
        debrief=list(extra.get("debrief", [])),
        if_this_happens=list(extra.get("if_this_happens", [])),
        examples=list(extra.get("examples", [])),
        children_10_12=scripts[0],
        children_13_16=scripts[1],
        worlds=[
            World(w["title"], w["story"], w["artefact"], w["read_aloud"])
            for w in extra.get("worlds", [])
        ],
        item_id=item.pk,
        lang=item.text_lang,
    )


def _unique_worlds(worlds: list[World]) -> list[World]:
    """Return each strange world once, in first-seen order."""
    return list({world.title: world for world in worlds}.values())


def _unique_printables(steps: list[GuideStep]) -> list[Printable]:
    """Return the materials of the sub-steps that are run, each once, in first-seen order."""
    found = [m for s in steps for sub in s.sub_steps for m in sub.materials]
    return list({m.slug: m for m in found}.values())


def _unique(values: list[str]) -> list[str]:
    """Return the values without repeats, in first-seen order."""
    return list(dict.fromkeys(values))


def build_guide(
    process: Process,
    *,
    start: datetime.time | None = None,
    child_friendly: bool | None = None,
    today: datetime.date | None = None,
    language: str | None = None,
) -> Guide:
    """Collect everything the guide shows for the process, in nynorsk when that is the language.

    The language is the active one unless given; only nynorsk changes the texts (bokmål is the
    source, and English readers get bokmål).
    """
    language = language or translation.get_language()
    agenda: Agenda = process_agenda(process, start, language)
    process = process.in_language(language)
    steps, worksheets, accessibility, sources = [], [], [], {}
    for index, row in enumerate(agenda.rows):
        item = row.item
        easy = (
            child_friendly
            if child_friendly is not None
            else (process.easy_language or item.use_easy_variant)
        )
        steps.append(_guide_step(index, item, row.slot.starts, row.slot.ends, easy, language))
        if item.step is None:
            continue
        sheet = item.step.worksheet_easy if easy else item.step.worksheet
        if sheet:
            worksheets.append(
                Worksheet(sheet["title"], item.display_title, list(sheet["prompts"]), easy)
            )
        accessibility.append((item.display_title, item.step.accessibility))
        for source in item.step.sources:
            sources.setdefault(
                source["title"],
                GuideSource(
                    source["title"],
                    source.get("author", ""),
                    source.get("year"),
                    source.get("url", ""),
                    source.get("lang", ""),
                    source.get("note", ""),
                ),
            )
    meetings = [
        GuideMeeting(
            m.meeting, m.minutes, m.target, m.overrun, [s for s in steps if s.meeting == m.meeting]
        )
        for m in agenda.meetings
    ]
    return Guide(
        title=process.name,
        slug=process.slug,
        summary=process.summary,
        organisation=process.organisation.name if process.organisation else "",
        version=process.version,
        made_on=today or timezone.localdate(),
        start_time=start or process.start_time,
        is_example=process.is_example,
        easy_language=process.easy_language,
        total_minutes=agenda.total_minutes,
        meetings=meetings,
        materials_in_person=_unique([m for s in steps for m in s.materials_in_person]),
        materials_online=_unique([m for s in steps for m in s.materials_online]),
        worksheets=worksheets,
        worlds=_unique_worlds([w for s in steps for w in s.worlds]),
        printables=_unique_printables(steps),
        children=children_note(language)
        if any(s.easy and s.step_number is not None for s in steps)
        else None,
        accessibility=accessibility,
        sources=list(sources.values()),
        lang=process.text_lang,
        steps_lang="nn" if all(s.lang == "nn" for s in steps) else "nb",
    )


def render_guide_pdf(guide: Guide) -> bytes:
    """Render the guide to PDF bytes."""
    html = render_to_string("methods/guide_pdf.html", {"guide": guide})
    return pdf.html_to_pdf(html)
