"""Read and check the method library's content files (TOML): pure, no database."""

from __future__ import annotations

import datetime
import hashlib
import math
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CONTENT_DIR = Path(__file__).resolve().parent / "content"
PHASES = ("forstå", "utforske", "forestille", "modellere", "teste", "pilotere", "portefølje")
AUDIENCES = ("innbyggere", "ungdom", "barn", "politikere", "ansatte", "prosjektgruppe")
# The live activity kinds of the workshops app (samfunnslab.workshops.models.ActivityKind).
ACTIVITY_KINDS = (
    "wordcloud",
    "open",
    "choice",
    "scale",
    "ranking",
    "points",
    "statements",
    "qa",
    "ideas",
    "map",
)
OPTION_KINDS = ("choice", "ranking", "points")
REQUIRED_STEP_KEYS = (
    "number",
    "slug",
    "name",
    "phase",
    "purpose",
    "when_to_use",
    "inputs",
    "outputs",
    "audiences",
    "participants",
    "minutes_min",
    "sub_steps",
    "materials_in_person",
    "materials_online",
    "activities",
    "records",
    "accessibility",
    "easy_variant",
    "worksheet",
    "worksheet_easy",
    "sources",
)


class ContentError(ValueError):
    """A content file is missing something or contradicts itself."""


@dataclass(frozen=True)
class ProcessItemSpec:
    minutes: int
    meeting: int = 1
    step_number: int | None = None
    title: str = ""
    note: str = ""
    easy: bool = False


@dataclass(frozen=True)
class ProcessSpec:
    slug: str
    name: str
    summary: str
    target_minutes: int
    start_time: datetime.time
    easy_language: bool
    items: list[ProcessItemSpec] = field(default_factory=list)


def read_toml(path: Path) -> tuple[dict[str, Any], str]:
    """Return the parsed file and a short hash of its bytes."""
    raw = path.read_bytes()
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ContentError(f"{path.name}: ugyldig TOML ({exc})") from exc
    return data, hashlib.sha256(raw).hexdigest()[:12]


def check_step(data: dict[str, Any], name: str) -> dict[str, Any]:
    """Return the step's fields for the database, or raise ContentError naming what is wrong."""
    missing = [key for key in REQUIRED_STEP_KEYS if key not in data]
    if missing:
        raise ContentError(f"{name}: mangler {', '.join(missing)}")
    if data["phase"] not in PHASES:
        raise ContentError(f"{name}: ukjent fase {data['phase']!r}")
    unknown = set(data["audiences"]) - set(AUDIENCES)
    if unknown:
        raise ContentError(f"{name}: ukjente målgrupper {sorted(unknown)}")
    _check_activities(data["activities"], name)
    minutes = sum(int(sub["minutes"]) for sub in data["sub_steps"])
    if minutes <= 0 or any(int(sub["minutes"]) <= 0 for sub in data["sub_steps"]):
        raise ContentError(f"{name}: delstegene må ha minutter over null")
    if not 0 < data["minutes_min"] <= minutes:
        raise ContentError(f"{name}: minutes_min må være mellom 1 og {minutes}")
    if not data["sources"]:
        raise ContentError(f"{name}: mangler kilder")
    people = data["participants"]
    fields = {key: data[key] for key in REQUIRED_STEP_KEYS if key != "participants"}
    for sub in data["sub_steps"]:
        if not 0 < sub_minimum(sub) <= int(sub["minutes"]):
            raise ContentError(f"{name}: {sub['name']}: minutes_min må være mellom 1 og minutes")
    fields.update(
        guide=data.get("guide", {}),
        name_nn=data.get("name_nn", ""),
        name_en=data.get("name_en", ""),
        licence_note=data.get("licence_note", ""),
        minutes=minutes,
        roles=people.get("roles", []),
        participants_min=people["min"],
        participants_max=people.get("max"),
        group_size=people.get("group_size"),
        activity_kinds=list(dict.fromkeys(activity["kind"] for activity in data["activities"])),
    )
    return fields


def sub_minimum(sub: dict[str, Any]) -> int:
    """Return a sub-step's shortest sensible length: its own, else 60 % of its usual minutes."""
    if "minutes_min" in sub:
        return int(sub["minutes_min"])
    return max(1, math.ceil(int(sub["minutes"]) * 0.6))


def _check_activities(activities: list[dict[str, Any]], name: str) -> None:
    """Raise ContentError unless every activity has a known kind, a prompt and enough options."""
    if not activities:
        raise ContentError(f"{name}: mangler aktiviteter")
    for activity in activities:
        if activity.get("kind") not in ACTIVITY_KINDS:
            raise ContentError(f"{name}: ukjent aktivitetstype {activity.get('kind')!r}")
        if not activity.get("prompt", "").strip():
            raise ContentError(f"{name}: en aktivitet mangler spørsmål")
        if activity["kind"] in OPTION_KINDS and len(activity.get("options", [])) < 2:
            raise ContentError(f"{name}: {activity['kind']} trenger minst to svaralternativer")


def load_steps(directory: Path | None = None) -> list[dict[str, Any]]:
    """Return every step file's checked fields, ordered by number."""
    directory = directory or CONTENT_DIR / "steps"
    steps = []
    for path in sorted(directory.glob("*.toml")):
        data, digest = read_toml(path)
        fields = check_step(data, path.name)
        fields["content_version"] = digest
        steps.append(fields)
    numbers = [step["number"] for step in steps]
    if len(numbers) != len(set(numbers)):
        raise ContentError("to stegfiler har samme nummer")
    return sorted(steps, key=lambda step: step["number"])


def check_process(data: dict[str, Any], name: str) -> ProcessSpec:
    """Return the process template as a spec, or raise ContentError."""
    try:
        items = [
            ProcessItemSpec(
                minutes=int(item["minutes"]),
                meeting=int(item.get("meeting", 1)),
                step_number=item.get("step"),
                title=item.get("title", ""),
                note=item.get("note", ""),
                easy=bool(item.get("easy", False)),
            )
            for item in data["items"]
        ]
        spec = ProcessSpec(
            slug=data["slug"],
            name=data["name"],
            summary=data["summary"],
            target_minutes=int(data["target_minutes"]),
            start_time=datetime.time.fromisoformat(data.get("start_time", "18:00")),
            easy_language=bool(data.get("easy_language", False)),
            items=items,
        )
    except (KeyError, ValueError) as exc:
        raise ContentError(f"{name}: {exc}") from exc
    if any(item.step_number is None and not item.title for item in items):
        raise ContentError(f"{name}: hvert punkt trenger et steg eller en tittel")
    return spec


def load_processes(directory: Path | None = None) -> list[ProcessSpec]:
    """Return every process template file as a checked spec."""
    directory = directory or CONTENT_DIR / "processes"
    return [
        check_process(read_toml(path)[0], path.name) for path in sorted(directory.glob("*.toml"))
    ]


MAX_MEETING_WITHOUT_LUNCH = 180
MAX_STRETCH_WITHOUT_BREAK = 90
BREAK_WORDS = ("pause", "lunsj")


def is_break(item: ProcessItemSpec) -> bool:
    """Return whether an own item is a break (its title says «Pause» or «Lunsj»)."""
    return item.step_number is None and any(w in item.title.lower() for w in BREAK_WORDS)


def timing_problems(spec: ProcessSpec, steps: dict[int, dict[str, Any]]) -> list[str]:
    """Return what breaks the timing rules in a process template (empty when it is fine).

    Rules: no step item shorter than its sub-steps' minimums (skippable ones may be dropped);
    no meeting over three hours unless it has a lunch; no stretch over 90 minutes without a break.
    """
    from samfunnslab.methods.agenda import SubStepTime, fit_sub_steps

    problems = []
    meetings: dict[int, list[ProcessItemSpec]] = {}
    for item in spec.items:
        meetings.setdefault(item.meeting, []).append(item)
        if item.step_number is None:
            continue
        subs = steps[item.step_number]["sub_steps"]
        parts = [
            SubStepTime(int(s["minutes"]), sub_minimum(s), bool(s.get("skippable"))) for s in subs
        ]
        try:
            fit_sub_steps(parts, item.minutes)
        except ValueError:
            problems.append(f"møte {item.meeting}: steg {item.step_number} har for lite tid")
    for number, items in meetings.items():
        total = sum(item.minutes for item in items)
        lunch = any("lunsj" in item.title.lower() for item in items)
        if total > MAX_MEETING_WITHOUT_LUNCH and not lunch:
            problems.append(f"møte {number}: {total} minutter uten lunsj")
        stretch = 0
        for item in items:
            stretch = 0 if is_break(item) else stretch + item.minutes
            if stretch > MAX_STRETCH_WITHOUT_BREAK:
                problems.append(f"møte {number}: over {MAX_STRETCH_WITHOUT_BREAK} min uten pause")
                break
    return problems
