"""Rules per activity kind: how an answer is checked, read from a form, and counted.

Pure functions over plain values (the activity's options and the stored answers), so each rule is
easy to test and a new kind is added in one place (see docs/workshops.md, "Add an activity kind").
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.utils.translation import gettext as _

from samfunnslab.workshops.errors import Refusal
from samfunnslab.workshops.models import Activity, ActivityKind

POINTS_TOTAL = 100
DONT_KNOW = "dont_know"


def _int(raw: Any) -> int:
    if isinstance(raw, bool):
        raise ValueError
    if isinstance(raw, int):
        return raw
    if isinstance(raw, str) and raw.strip().lstrip("-").isdigit():
        return int(raw.strip())
    raise ValueError


def clean_response(activity: Activity, raw: Mapping[str, Any]) -> dict[str, Any]:
    """Check an answer to a choice, scale, ranking or points activity and return what to store."""
    cleaners = {
        ActivityKind.CHOICE: _clean_choice,
        ActivityKind.SCALE: _clean_scale,
        ActivityKind.RANKING: _clean_ranking,
        ActivityKind.POINTS: _clean_points,
    }
    cleaner = cleaners.get(ActivityKind(activity.kind))
    if cleaner is None:
        raise Refusal(_("Denne aktiviteten tar ikke imot slike svar."))
    return cleaner(activity, raw)


def _clean_choice(activity: Activity, raw: Mapping[str, Any]) -> dict[str, Any]:
    try:
        choice = _int(raw.get("choice"))
    except ValueError:
        raise Refusal(_("Velg ett av svarene før du sender.")) from None
    if not 0 <= choice < len(activity.options):
        raise Refusal(_("Velg ett av svarene før du sender."))
    return {"choice": choice}


def _clean_scale(activity: Activity, raw: Mapping[str, Any]) -> dict[str, Any]:
    value = raw.get("value")
    if value == DONT_KNOW:
        return {"value": None}
    try:
        number = _int(value)
    except ValueError:
        raise Refusal(_("Velg et tall på skalaen, eller «Vet ikke».")) from None
    if not 1 <= number <= activity.scale_max:
        raise Refusal(
            _("Velg et tall fra 1 til %(max)s, eller «Vet ikke».") % {"max": activity.scale_max}
        )
    return {"value": number}


def _clean_ranking(activity: Activity, raw: Mapping[str, Any]) -> dict[str, Any]:
    try:
        order = [_int(i) for i in raw.get("order") or []]
    except (ValueError, TypeError):
        order = []
    if sorted(order) != list(range(len(activity.options))):
        raise Refusal(
            _(
                "Gi hvert alternativ sin egen plass, fra 1 og oppover, uten å bruke "
                "samme plass to ganger."
            )
        )
    return {"order": order}


def _clean_points(activity: Activity, raw: Mapping[str, Any]) -> dict[str, Any]:
    try:
        points = [_int(p) for p in raw.get("points") or []]
    except (ValueError, TypeError):
        raise Refusal(_("Skriv hele tall i poengfeltene.")) from None
    if len(points) != len(activity.options) or any(p < 0 for p in points):
        raise Refusal(_("Skriv 0 eller flere poeng ved hvert alternativ."))
    total = sum(points)
    if total != POINTS_TOTAL:
        raise Refusal(
            _("Poengene må bli 100 til sammen. Nå er summen %(total)s.") % {"total": total}
        )
    return {"points": points}


def _ranking_order(options: Sequence[str], data: Mapping[str, Any]) -> list[int]:
    """Read `place_<i>` fields into an order; refuse naming the rows that lack or share a place."""
    places: dict[int, int] = {}
    for i, label in enumerate(options):
        try:
            place = _int(data.get(f"place_{i}"))
        except (TypeError, ValueError):
            raise Refusal(_("Velg en plass for «%(a)s».") % {"a": label}) from None
        if place in places.values():
            other = options[next(j for j, p in places.items() if p == place)]
            raise Refusal(
                _("«%(a)s» og «%(b)s» har begge plass %(n)s. Gi hvert alternativ sin egen plass.")
                % {"a": other, "b": label, "n": place}
            )
        places[i] = place
    if sorted(places.values()) != list(range(1, len(options) + 1)):
        return []
    return sorted(places, key=lambda i: places[i])


def parse_form(activity: Activity, data: Mapping[str, Any]) -> dict[str, Any]:
    """Read a plain HTML form (the no-JavaScript path) into the same shape as a JSON answer."""
    count = len(activity.options)
    if activity.kind == ActivityKind.RANKING:
        return {"order": _ranking_order(activity.options, data)}
    if activity.kind == ActivityKind.POINTS:
        return {"points": [data.get(f"points_{i}") or "0" for i in range(count)]}
    return {key: data.get(key) for key in ("choice", "value")}


# ---------------------------------------------------------------- results


def _rows(labels: Sequence[str], values: Sequence[float], total: float) -> list[dict[str, Any]]:
    return [
        {
            "label": label,
            "value": round(value, 2),
            "percent": round(100 * value / total) if total else 0,
        }
        for label, value in zip(labels, values, strict=True)
    ]


def choice_results(options: Sequence[str], values: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """Count votes per option."""
    counts = Counter(v["choice"] for v in values)
    total = sum(counts.values())
    return {"total": total, "rows": _rows(options, [counts[i] for i in range(len(options))], total)}


def scale_results(scale_max: int, values: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """Count answers per step, with «vet ikke» apart, and the mean of the numeric answers."""
    counts = Counter(v["value"] for v in values)
    numbers = [(step, counts[step]) for step in range(1, scale_max + 1)]
    answered = sum(n for _, n in numbers)
    total = answered + counts[None]
    mean = sum(step * n for step, n in numbers) / answered if answered else None
    rows = _rows([str(step) for step, _ in numbers], [n for _, n in numbers], total)
    rows.append(
        {
            "label": _("Vet ikke"),
            "value": counts[None],
            "percent": round(100 * counts[None] / total) if total else 0,
            "dont_know": True,
        }
    )
    return {"total": total, "rows": rows, "mean": round(mean, 2) if mean is not None else None}


def borda_scores(option_count: int, orders: Iterable[Sequence[int]]) -> list[int]:
    """Give n points to each first place, n−1 to each second, and so on (Borda count)."""
    scores = [0] * option_count
    for order in orders:
        for place, option in enumerate(order):
            scores[option] += option_count - place
    return scores


def ranking_results(options: Sequence[str], values: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """Borda scores per option; `average` is the score divided by the number of participants."""
    orders = [v["order"] for v in values]
    scores = borda_scores(len(options), orders)
    total = len(orders)
    rows = [
        {
            "label": label,
            "value": score,
            "average": round(score / total, 2) if total else 0,
            "percent": round(100 * score / (total * len(options))) if total else 0,
        }
        for label, score in zip(options, scores, strict=True)
    ]
    rows.sort(key=lambda row: -row["value"])
    return {"total": total, "rows": rows}


def points_results(options: Sequence[str], values: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """Sum the points per option; `percent` is the option's share of all points given."""
    sums = [0] * len(options)
    total = 0
    for value in values:
        total += 1
        for i, points in enumerate(value["points"]):
            sums[i] += points
    rows = _rows(options, sums, sum(sums))
    for row in rows:
        row["average"] = round(row["value"] / total, 1) if total else 0
    rows.sort(key=lambda row: -row["value"])
    return {"total": total, "rows": rows}


def wordcloud_results(answers: Iterable[tuple[str, str]], *, limit: int = 60) -> dict[str, Any]:
    """Count answers that fold to the same words as one; `weight` 1–5 sizes each on the screen.

    `answers` are (normalised, written) pairs. The label is the form people wrote most often
    («grønne parker»), never the folded key («grønne park»), which reads as a typo on a wall.
    """
    written: dict[str, Counter[str]] = {}
    for key, text in answers:
        if key:
            written.setdefault(key, Counter())[text or key] += 1
    counts = Counter({key: sum(forms.values()) for key, forms in written.items()})
    top = counts.most_common(limit)
    highest = top[0][1] if top else 1
    rows = [
        {
            "label": _most_written(written[key]),
            "value": n,
            "weight": _weight(n, highest),
            "key": key,
        }
        for key, n in top
    ]
    return {"total": sum(counts.values()), "rows": rows}


def _most_written(forms: Counter[str]) -> str:
    """The form written most often; on a tie the shortest, then the first in the alphabet."""
    return min(forms, key=lambda form: (-forms[form], len(form), form))


def _weight(count: int, highest: int) -> int:
    """Size 1–5 relative to the most given answer; all equal when every answer came once."""
    if highest <= 1:
        return 3
    return 1 + round(4 * (count - 1) / (highest - 1))


def map_results(
    categories: Sequence[str], pins: Iterable[Mapping[str, Any]], *, limit: int = 500
) -> dict[str, Any]:
    """Count map pins per category (in the facilitator's order) and list the newest `limit`.

    Each pin is {latitude, longitude, category, comment}; `colour` is the category's index, so
    every screen colours a category the same way.
    """
    listed = [p for p in pins if p.get("latitude") is not None and p.get("longitude") is not None]
    counts = Counter(p["category"] for p in listed)
    total = len(listed)
    order = list(categories) + sorted(set(counts) - set(categories))
    rows = _rows(order, [counts[c] for c in order], total)
    for index, row in enumerate(rows):
        row["colour"] = index
    colour = {name: index for index, name in enumerate(order)}
    shown = [
        {
            "lat": round(float(p["latitude"]), 5),
            "lon": round(float(p["longitude"]), 5),
            "category": p["category"],
            "colour": colour.get(p["category"], 0),
            "comment": p["text"] if p["text"] != p["category"] else "",
        }
        for p in listed[-limit:]
    ]
    return {"total": total, "rows": rows, "pins": shown}
