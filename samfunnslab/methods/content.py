"""Read and check the method library's content files (TOML): pure, no database."""

from __future__ import annotations

import datetime
import hashlib
import json
import math
import re
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
    "photo",
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


# A source's `lang` is the language of its title (WCAG 3.1.2): a BCP 47 code, here a language
# subtag with an optional script and region ("en", "nb", "nn", "sv", "zh-Hant", "en-GB").
SOURCE_LANG = re.compile(r"[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?")

# The nynorsk texts of a content file sit beside it in `<name>.nn.toml`, with the same keys and
# the same lists as the bokmål file but only the texts. Bokmål stays the source.
NYNORSK_SUFFIX = ".nn.toml"
# Keys whose values are codes, numbers or references, not text in a language: never translated.
UNTRANSLATED_KEYS = frozenset(
    {
        *("number", "slug", "phase", "audiences", "kind", "sources", "name_nn", "name_en"),
        # the printable materials a sub-step names, and a material's codes
        *("start_time", "materials", "audience", "paper", "layout", "size"),
    }
)
# The nynorsk file names the bokmål texts it translates by their fingerprint, so an edited
# bokmål text is caught even when the keys stay the same.
FINGERPRINT_KEY = "bokmal_fingerprint"


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
    title_nn: str = ""
    note_nn: str = ""


@dataclass(frozen=True)
class ProcessSpec:
    slug: str
    name: str
    summary: str
    target_minutes: int
    start_time: datetime.time
    easy_language: bool
    items: list[ProcessItemSpec] = field(default_factory=list)
    name_nn: str = ""
    summary_nn: str = ""


def read_toml(path: Path) -> tuple[dict[str, Any], str]:
    """Return the parsed file and a short hash of its bytes."""
    raw = path.read_bytes()
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ContentError(f"{path.name}: ugyldig TOML ({exc})") from exc
    return data, hashlib.sha256(raw).hexdigest()[:12]


def nynorsk_path(path: Path) -> Path:
    """Return where the nynorsk texts of a bokmål content file are kept."""
    return path.with_name(path.name.removesuffix(".toml") + NYNORSK_SUFFIX)


def bokmal_files(directory: Path) -> list[Path]:
    """Return the bokmål content files of a directory (not their nynorsk companions)."""
    return [p for p in sorted(directory.glob("*.toml")) if not p.name.endswith(NYNORSK_SUFFIX)]


def read_nynorsk(path: Path) -> dict[str, Any]:
    """Return the nynorsk texts for a bokmål file, or an empty dict when there are none."""
    companion = nynorsk_path(path)
    return read_toml(companion)[0] if companion.exists() else {}


def bokmal_fingerprint(data: dict[str, Any]) -> str:
    """Return a short hash of every text in a bokmål file (not of its numbers or codes)."""
    texts = json.dumps(_texts_only(data), ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(texts.encode()).hexdigest()[:12]


def _texts_only(value: Any) -> Any:
    """Return the value with only its texts to translate (numbers and codes left out)."""
    if isinstance(value, dict):
        return {
            k: _texts_only(v)
            for k, v in value.items()
            if k not in UNTRANSLATED_KEYS and _has_text(v)
        }
    if isinstance(value, list):
        return [_texts_only(v) for v in value]
    return value if isinstance(value, str) else None


def nynorsk_problems(bokmal: dict[str, Any], nynorsk: dict[str, Any]) -> list[str]:
    """Return why the nynorsk texts do not (or no longer) match the bokmål file (empty if they do)."""
    if not nynorsk:
        return ["mangler nynorsk"]
    texts = {k: v for k, v in nynorsk.items() if k != FINGERPRINT_KEY}
    problems = nynorsk_gaps(bokmal, texts)
    fingerprint = bokmal_fingerprint(bokmal)
    if nynorsk.get(FINGERPRINT_KEY) != fingerprint:
        problems.append(
            f"bokmålsteksten er endret siden nynorsken ble skrevet: oppdater nynorsken og sett "
            f'{FINGERPRINT_KEY} = "{fingerprint}"'
        )
    return problems


def nynorsk_gaps(bokmal: Any, nynorsk: Any, at: str = "") -> list[str]:
    """Return where the nynorsk texts differ in shape from the bokmål ones (empty when they match).

    Every text in bokmål (outside UNTRANSLATED_KEYS) needs a non-empty text at the same place in
    nynorsk, lists need the same length, and nynorsk may hold nothing that bokmål has no text for.
    """
    if isinstance(bokmal, str):
        ok = isinstance(nynorsk, str) and nynorsk.strip()
        return [] if ok else [f"{at}: mangler nynorsk"]
    if isinstance(bokmal, list) and _has_text(bokmal):
        if not isinstance(nynorsk, list) or len(nynorsk) != len(bokmal):
            return [f"{at}: trenger {len(bokmal)} element på nynorsk"]
        return [
            gap
            for i, (b, n) in enumerate(zip(bokmal, nynorsk, strict=True))
            for gap in nynorsk_gaps(b, n, f"{at}[{i}]")
        ]
    if isinstance(bokmal, dict) and _has_text(bokmal):
        nynorsk = nynorsk if isinstance(nynorsk, dict) else {}
        texts = {k for k, v in bokmal.items() if k not in UNTRANSLATED_KEYS and _has_text(v)}
        prefix = f"{at}." if at else ""
        gaps = [f"{prefix}{k}: finnes ikke på bokmål" for k in sorted(set(nynorsk) - texts)]
        for key in sorted(texts):
            gaps += nynorsk_gaps(bokmal[key], nynorsk.get(key), f"{prefix}{key}")
        return gaps
    return [] if nynorsk is None or nynorsk == {} else [f"{at}: er ikke tekst"]


def _has_text(value: Any) -> bool:
    """Return whether a value holds any text to translate."""
    if isinstance(value, str):
        return True
    if isinstance(value, list):
        return any(_has_text(v) for v in value)
    if isinstance(value, dict):
        return any(k not in UNTRANSLATED_KEYS and _has_text(v) for k, v in value.items())
    return False


def translated(bokmal: Any, nynorsk: Any) -> Any:
    """Return the bokmål value with every text replaced by its nynorsk counterpart."""
    if isinstance(bokmal, dict) and isinstance(nynorsk, dict):
        return {k: translated(v, nynorsk.get(k)) for k, v in bokmal.items()}
    if isinstance(bokmal, list) and isinstance(nynorsk, list):
        return [translated(b, n) for b, n in zip(bokmal, nynorsk, strict=False)]
    return nynorsk if isinstance(bokmal, str) and isinstance(nynorsk, str) else bokmal


def check_step(
    data: dict[str, Any], name: str, nynorsk: dict[str, Any] | None = None
) -> dict[str, Any]:
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
    _check_sources(data["sources"], name)
    people = data["participants"]
    fields = {key: data[key] for key in REQUIRED_STEP_KEYS if key != "participants"}
    for sub in data["sub_steps"]:
        if not 0 < sub_minimum(sub) <= int(sub["minutes"]):
            raise ContentError(f"{name}: {sub['name']}: minutes_min må være mellom 1 og minutes")
    fields.update(
        guide=data.get("guide", {}),
        name_nn=(nynorsk or {}).get("name") or data.get("name_nn", ""),
        nn=_step_nynorsk(data, nynorsk or {}),
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


def _step_nynorsk(data: dict[str, Any], nynorsk: dict[str, Any]) -> dict[str, Any]:
    """Return the step's text fields in nynorsk, or nothing unless every text is translated.

    A step is shown in one language: one missing or outdated text keeps the whole step in bokmål.
    """
    if nynorsk_problems(data, nynorsk):
        return {}
    both = translated(data, nynorsk)
    texts = {
        key: both[key]
        for key in (*REQUIRED_STEP_KEYS, "guide", "licence_note")
        if key in both and key not in UNTRANSLATED_KEYS and _has_text(both[key])
    }
    texts["roles"] = texts.pop("participants", {}).get("roles", [])
    return texts


def for_audience(sub_steps: list[dict[str, Any]], *, children: bool) -> list[dict[str, Any]]:
    """Return the sub-steps to run: with children, leave out those marked `children = false`."""
    return [sub for sub in sub_steps if not children or sub.get("children", True)]


def sub_minimum(sub: dict[str, Any]) -> int:
    """Return a sub-step's shortest sensible length: its own, else 60 % of its usual minutes."""
    if "minutes_min" in sub:
        return int(sub["minutes_min"])
    return max(1, math.ceil(int(sub["minutes"]) * 0.6))


def _check_sources(sources: list[dict[str, Any]], name: str) -> None:
    """Raise ContentError unless every source names the language of its title (and notes are text).

    The title is shown with that language (`<cite lang>`); a remark about the source in bokmål
    belongs in `note`, not in a title in another language.
    """
    for source in sources:
        title = source.get("title", "")
        if "lang" not in source:
            raise ContentError(f"{name}: kilden {title!r} mangler lang (språket i tittelen)")
        if not isinstance(source["lang"], str) or not SOURCE_LANG.fullmatch(source["lang"]):
            raise ContentError(f"{name}: kilden {title!r} har ukjent språkkode {source['lang']!r}")
        if not isinstance(source.get("note", ""), str):
            raise ContentError(f"{name}: kilden {title!r}: note må være tekst")


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


def load_steps(
    directory: Path | None = None, materials: dict[str, dict[str, Any]] | None = None
) -> list[dict[str, Any]]:
    """Return every step file's checked fields, ordered by number."""
    directory = directory or CONTENT_DIR / "steps"
    known = materials if materials is not None else load_materials()
    steps = []
    for path in bokmal_files(directory):
        data, digest = read_toml(path)
        fields = check_step(data, path.name, read_nynorsk(path))
        _check_step_materials(fields["sub_steps"], known, path.name)
        fields["content_version"] = digest
        steps.append(fields)
    numbers = [step["number"] for step in steps]
    if len(numbers) != len(set(numbers)):
        raise ContentError("to stegfiler har samme nummer")
    return sorted(steps, key=lambda step: step["number"])


MATERIAL_KINDS = ("les-høyt", "kort", "mal", "plakat")
MATERIAL_PAPERS = ("A4", "A3")  # A3 is printed as an A4 page marked «skriv ut i A3»
MATERIAL_AUDIENCES = ("alle", "voksne", "barn")
MATERIAL_LAYOUTS = ("felt", "isfjell", "horisonter", "rutenett")
REQUIRED_MATERIAL_KEYS = (
    "slug",
    "title",
    "kind",
    "paper",
    "audience",
    "how_to_use",
    "builds_on",
    "licence_note",
)
# What each kind prints: a text read aloud, cards to cut out, or fields to fill in.
MATERIAL_BODY = {"les-høyt": "paragraphs", "kort": "cards", "mal": "fields", "plakat": "fields"}


def check_material(data: dict[str, Any], name: str) -> dict[str, Any]:
    """Return a printable material's fields, or raise ContentError naming what is wrong."""
    missing = [key for key in REQUIRED_MATERIAL_KEYS if not str(data.get(key, "")).strip()]
    if missing:
        raise ContentError(f"{name}: mangler {', '.join(missing)}")
    for key, allowed in (
        ("kind", MATERIAL_KINDS),
        ("paper", MATERIAL_PAPERS),
        ("audience", MATERIAL_AUDIENCES),
        ("layout", MATERIAL_LAYOUTS),
    ):
        if data.get(key, allowed[0]) not in allowed:
            raise ContentError(f"{name}: ukjent {key} {data[key]!r}")
    if "CC BY 4.0" not in data["licence_note"]:
        raise ContentError(f"{name}: lisensmerknaden må si CC BY 4.0")
    body = MATERIAL_BODY[data["kind"]]
    if not data.get(body):
        raise ContentError(f"{name}: {data['kind']} trenger {body}")
    if body == "cards" and any(not card.get("title") for card in data["cards"]):
        raise ContentError(f"{name}: hvert kort trenger en tittel")
    if body == "fields" and any(not field.get("label") for field in data["fields"]):
        raise ContentError(f"{name}: hvert felt trenger en overskrift")
    return {"layout": "felt", "after": "", **data}


def load_materials(directory: Path | None = None) -> dict[str, dict[str, Any]]:
    """Return every printable material (cards, templates, posters, texts read aloud) by slug."""
    directory = directory or CONTENT_DIR / "materials"
    materials: dict[str, dict[str, Any]] = {}
    for path in bokmal_files(directory):
        data = read_toml(path)[0]
        material = check_material(data, path.name)
        if material["slug"] in materials or material["slug"] != path.stem:
            raise ContentError(f"{path.name}: slug må være unik og lik filnavnet")
        material["nn"] = _nynorsk_or_nothing(material, data, read_nynorsk(path))
        materials[material["slug"]] = material
    return materials


def _nynorsk_or_nothing(
    fields: dict[str, Any], data: dict[str, Any], nynorsk: dict[str, Any]
) -> dict[str, Any]:
    """Return the fields in nynorsk when every text is translated and up to date, else nothing."""
    return {} if nynorsk_problems(data, nynorsk) else translated(fields, nynorsk)


def load_children(path: Path | None = None) -> dict[str, Any]:
    """Return the guide's box for children and youth (Lundy, age bands, consent and safety)."""
    path = path or CONTENT_DIR / "children.toml"
    data = read_toml(path)[0]
    missing = [
        key
        for key in ("title", "intro", "builds_on", "licence_note", "model", "lundy", "age_bands")
        if not data.get(key)
    ]
    if missing or not data.get("safeguarding", {}).get("points"):
        raise ContentError(f"{path.name}: mangler {', '.join(missing) or 'safeguarding'}")
    if [part["name"] for part in data["lundy"]] != ["Rom", "Stemme", "Publikum", "Innflytelse"]:
        raise ContentError(f"{path.name}: Lundys fire elementer i rekkefølge")
    if any(not (s.get("age_10_12") and s.get("age_13_16")) for s in data.get("scripts", [])):
        raise ContentError(f"{path.name}: hvert manus trenger både 10–12 og 13–16 år")
    return {**data, "nn": _nynorsk_or_nothing(data, data, read_nynorsk(path))}


def _check_step_materials(
    sub_steps: list[dict[str, Any]], known: dict[str, dict[str, Any]], name: str
) -> None:
    """Raise ContentError when a sub-step names a printable material that does not exist."""
    for sub in sub_steps:
        unknown = [slug for slug in sub.get("materials", []) if slug not in known]
        if unknown:
            raise ContentError(f"{name}: {sub['name']}: ukjent materiell {', '.join(unknown)}")


def check_process(
    data: dict[str, Any], name: str, nynorsk: dict[str, Any] | None = None
) -> ProcessSpec:
    """Return the process template as a spec, or raise ContentError.

    The nynorsk texts are kept only when every text is translated and up to date (else bokmål).
    """
    nn = {} if nynorsk_problems(data, nynorsk or {}) else translated(data, nynorsk)
    try:
        nn_items = nn.get("items") or [{}] * len(data["items"])
        items = [
            ProcessItemSpec(
                minutes=int(item["minutes"]),
                meeting=int(item.get("meeting", 1)),
                step_number=item.get("step"),
                title=item.get("title", ""),
                note=item.get("note", ""),
                easy=bool(item.get("easy", False)),
                title_nn=nn_item.get("title", ""),
                note_nn=nn_item.get("note", ""),
            )
            for item, nn_item in zip(data["items"], nn_items, strict=True)
        ]
        spec = ProcessSpec(
            slug=data["slug"],
            name=data["name"],
            summary=data["summary"],
            target_minutes=int(data["target_minutes"]),
            start_time=datetime.time.fromisoformat(data.get("start_time", "18:00")),
            easy_language=bool(data.get("easy_language", False)),
            items=items,
            name_nn=nn.get("name", ""),
            summary_nn=nn.get("summary", ""),
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
        check_process(read_toml(path)[0], path.name, read_nynorsk(path))
        for path in bokmal_files(directory)
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
        subs = for_audience(steps[item.step_number]["sub_steps"], children=item.easy)
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
