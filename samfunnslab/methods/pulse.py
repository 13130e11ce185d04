"""The expectation-gap pulse: a standard before/after questionnaire and its shift (pure, no Django).

The pulse is built only from the live workshops' existing activity kinds: scale items (1–5 with
«Vet ikke»), one 100-points item and one open item. The same anonymous phone answers the items
before and after (and optionally again after three months, through the workshop's asynchronous
window), so the shift can be measured per person where possible.

Privacy rule for every number shown: a figure describes at least `MIN_GROUP` people, and for one
quantity only one group is ever shown (paired *or* aggregate, never both), so that no smaller
group can be worked out by subtracting one shown figure from another.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from samfunnslab.core import disclosure

MIN_GROUP = disclosure.MIN_CELL
PHASES = ("before", "after", "repeat")
COMPARISONS = (("before", "after"), ("before", "repeat"))
SCALE_MAX = 5
CARE_OPTIONS = ("Kommunen", "Familien", "Naboer", "Frivillige", "Næringslivet", "Meg selv")
CARE_OPTIONS_NN = ("Kommunen", "Familien", "Naboar", "Frivillige", "Næringslivet", "Meg sjølv")


@dataclass(frozen=True)
class PulseItem:
    """One pulse question, in bokmål and nynorsk (the same `key` pairs the answers in either)."""

    key: str
    kind: str  # "scale", "points" or "open" (workshops activity kinds)
    prompt: str
    prompt_nn: str
    prompt_easy: str = ""
    prompt_easy_nn: str = ""
    group: str = "agency"  # "agency", "care", "contribute" or "futures"
    options: tuple[str, ...] = ()
    options_nn: tuple[str, ...] = ()  # the same options in the same order

    def in_language(self, language: str) -> PulseItem:
        """Return the item with its phone texts in nynorsk when `language` is "nn", else itself."""
        if language != "nn":
            return self
        return replace(
            self, prompt=self.prompt_nn, prompt_easy=self.prompt_easy_nn, options=self.options_nn
        )


# Framed neutrally: a shared picture of who contributes what, not a test of right answers.
ITEMS: tuple[PulseItem, ...] = (
    PulseItem(
        "services_2040",
        "scale",
        "Jeg tror kommunen kan gi de samme tjenestene i 2040 som i dag.",
        "Eg trur kommunen kan gi dei same tenestene i 2040 som i dag.",
        "Kommunen kan gi oss det samme i 2040 som nå.",
        "Kommunen kan gi oss det same i 2040 som no.",
    ),
    PulseItem(
        "own_contribution",
        "scale",
        "Jeg vet hva jeg selv kan bidra med.",
        "Eg veit kva eg sjølv kan bidra med.",
        "Jeg vet hva jeg kan hjelpe til med.",
        "Eg veit kva eg kan hjelpe til med.",
    ),
    PulseItem(
        "influence",
        "scale",
        "Jeg har fått påvirke hva som skjer videre.",
        "Eg har fått påverke kva som skjer vidare.",
        "Jeg har fått være med og bestemme.",
        "Eg har fått vere med og bestemme.",
    ),
    PulseItem(
        "care_2040",
        "points",
        "Et felles bilde av hvem som bidrar med hva: fordel 100 poeng på hvem som bør sørge for "
        "omsorg og oppvekst i 2040.",
        "Eit felles bilete av kven som bidreg med kva: fordel 100 poeng på kven som bør sørgje "
        "for omsorg og oppvekst i 2040.",
        "Hvem skal passe på barn og eldre i 2040? Fordel 100 poeng.",
        "Kven skal passe på barn og eldre i 2040? Fordel 100 poeng.",
        group="care",
        options=CARE_OPTIONS,
        options_nn=CARE_OPTIONS_NN,
    ),
    PulseItem(
        "contribute",
        "open",
        "Hva kan du eller nabolaget ditt bidra med?",
        "Kva kan du eller nabolaget ditt bidra med?",
        "Hva kan du eller naboene dine hjelpe til med?",
        "Kva kan du eller naboane dine hjelpe til med?",
        group="contribute",
    ),
    # A short subset in our own words of three of the five dimensions of futures consciousness
    # (time perspective, agency beliefs, openness to alternatives), after Lalot et al. 2021.
    # Not a validated translation of the scale: see the limits in docs/methods.md.
    PulseItem(
        "fc_time",
        "scale",
        "Jeg tenker på hvordan det vi gjør i dag, påvirker livet her om 20 år.",
        "Eg tenkjer på korleis det vi gjer i dag, påverkar livet her om 20 år.",
        "Jeg tenker på hvordan det blir her når jeg er voksen.",
        "Eg tenkjer på korleis det blir her når eg er vaksen.",
        group="futures",
    ),
    PulseItem(
        "fc_agency",
        "scale",
        "Jeg tror at folk som bor her, kan forme hvordan framtiden blir.",
        "Eg trur at folk som bur her, kan forme korleis framtida blir.",
        "Vi som bor her, kan bestemme hvordan det blir.",
        "Vi som bur her, kan bestemme korleis det blir.",
        group="futures",
    ),
    PulseItem(
        "fc_openness",
        "scale",
        "Jeg kan se for meg flere helt ulike måter å ordne livet her på.",
        "Eg kan sjå for meg fleire heilt ulike måtar å ordne livet her på.",
        "Jeg kan tenke meg helt andre måter å ha det på.",
        "Eg kan tenkje meg heilt andre måtar å ha det på.",
        group="futures",
    ),
)
ITEM_KEYS = tuple(item.key for item in ITEMS)
# The scale's end labels (low, high) as the library step writes them in each language.
SCALE_LABELS = {"nb": ("Helt uenig", "Helt enig"), "nn": ("Heilt usamd", "Heilt samd")}


def phone_language(language: str) -> str:
    """Return the language the pulse is asked in: nynorsk for "nn", else bokmål (no English)."""
    return "nn" if language == "nn" else "nb"


SOURCES = (
    {
        "author": "Fanny Lalot, Sanna Ahvenharju, Matti Minkkinen og Enrico Wensing",
        "year": 2021,
        "title": "Aware of the Future? Development and Validation of the Futures Consciousness "
        "Scale. European Journal of Psychological Assessment",
        "url": "https://doi.org/10.1027/1015-5759/a000565",
    },
    {
        "author": "Sanna Ahvenharju, Matti Minkkinen og Fanny Lalot",
        "year": 2018,
        "title": "The five dimensions of Futures Consciousness. Futures 104, 1–13",
        "url": "https://doi.org/10.1016/j.futures.2018.06.010",
    },
)


def item(key: str) -> PulseItem:
    """Return the pulse item with this key."""
    return next(i for i in ITEMS if i.key == key)


# ------------------------------------------------------------------ shift


@dataclass(frozen=True)
class ScaleShift:
    """How one scale item moved between two phases; numbers are None when the group is too small."""

    key: str
    comparison: tuple[str, str]
    method: str  # "paired", "aggregate" or "too_few"
    n: int = 0  # pairs (paired) or the smaller phase's answer count (aggregate)
    n_first: int = 0
    n_second: int = 0
    mean_first: float | None = None
    mean_second: float | None = None
    change: float | None = None
    dont_know_first: float | None = None  # share answering «Vet ikke», 0–1
    dont_know_second: float | None = None


@dataclass(frozen=True)
class PointsShift:
    key: str
    comparison: tuple[str, str]
    method: str
    n: int = 0
    n_first: int = 0
    n_second: int = 0
    options: tuple[str, ...] = ()
    mean_first: tuple[float, ...] = ()
    mean_second: tuple[float, ...] = ()
    change: tuple[float, ...] = field(default_factory=tuple)

    @property
    def rows(self) -> list[tuple[str, float, float, float]]:
        """Return (option, mean before, mean after, change) per option."""
        return list(zip(self.options, self.mean_first, self.mean_second, self.change, strict=False))


def _mean(values: Sequence[float]) -> float:
    return round(sum(values) / len(values), 2)


def _by_phase(
    answers: Iterable[tuple[str, int, Any]],
) -> dict[str, dict[int, Any]]:
    """Group (phase, person, value) into phase → person → value (a later answer wins)."""
    grouped: dict[str, dict[int, Any]] = {phase: {} for phase in PHASES}
    for phase, person, value in answers:
        if phase in grouped:
            grouped[phase][person] = value
    return grouped


class DisclosureGuard:
    """Remembers which groups of people a shown figure describes, per item and phase.

    A new group for the same item and phase is refused when it differs from a group already shown
    by fewer than MIN_GROUP people (1–4), since subtracting the two would describe those few.
    """

    def __init__(self) -> None:
        self._shown: dict[tuple[str, str], list[frozenset[int]]] = {}

    def allows(self, key: str, phase: str, people: Iterable[int]) -> bool:
        group = frozenset(people)
        return all(
            not 0 < len(group ^ other) < MIN_GROUP for other in self._shown.get((key, phase), [])
        )

    def record(self, key: str, phase: str, people: Iterable[int]) -> None:
        self._shown.setdefault((key, phase), []).append(frozenset(people))

    def claim(self, key: str, groups: Mapping[str, Iterable[int]]) -> bool:
        """Record the phase groups if all of them may be shown; return whether they may."""
        groups = {phase: frozenset(people) for phase, people in groups.items()}
        if not all(self.allows(key, phase, people) for phase, people in groups.items()):
            return False
        for phase, people in groups.items():
            self.record(key, phase, people)
        return True


def scale_shift(
    key: str,
    answers: Iterable[tuple[str, int, Any]],
    comparison: tuple[str, str],
    guard: DisclosureGuard | None = None,
) -> ScaleShift:
    """Compare a scale item between two phases.

    `answers` are (phase, person, value) with value an int 1–5 or None for «Vet ikke»; a person is
    one anonymous phone in one workshop. Paired when at least MIN_GROUP people gave a number in
    both phases; otherwise aggregate when each phase has at least MIN_GROUP numbers; otherwise
    nothing is shown but the counts. With a guard, a group that would reveal a smaller one by
    subtraction is not shown either.
    """
    guard = guard or DisclosureGuard()
    grouped = _by_phase(answers)
    first, second = grouped[comparison[0]], grouped[comparison[1]]
    numbers_first = {p: v for p, v in first.items() if isinstance(v, int)}
    numbers_second = {p: v for p, v in second.items() if isinstance(v, int)}
    both = sorted(set(numbers_first) & set(numbers_second))
    n_first, n_second = len(first), len(second)
    dk_first, dk_second = _share_dont_know(first), _share_dont_know(second)
    first_phase, second_phase = comparison
    if len(both) >= MIN_GROUP and guard.claim(key, {first_phase: both, second_phase: both}):
        before = [numbers_first[p] for p in both]
        after = [numbers_second[p] for p in both]
        return ScaleShift(
            key,
            comparison,
            "paired",
            n=len(both),
            mean_first=_mean(before),
            mean_second=_mean(after),
            change=_mean([b - a for a, b in zip(before, after, strict=True)]),
            n_first=n_first,
            n_second=n_second,
            dont_know_first=dk_first,
            dont_know_second=dk_second,
        )
    if min(len(numbers_first), len(numbers_second)) >= MIN_GROUP and guard.claim(
        key, {first_phase: numbers_first, second_phase: numbers_second}
    ):
        mean_first = _mean(list(numbers_first.values()))
        mean_second = _mean(list(numbers_second.values()))
        return ScaleShift(
            key,
            comparison,
            "aggregate",
            n=min(len(numbers_first), len(numbers_second)),
            mean_first=mean_first,
            mean_second=mean_second,
            change=round(mean_second - mean_first, 2),
            n_first=n_first,
            n_second=n_second,
            dont_know_first=dk_first,
            dont_know_second=dk_second,
        )
    return ScaleShift(key, comparison, "too_few", n_first=n_first, n_second=n_second)


def _share_dont_know(values: Mapping[int, Any]) -> float | None:
    """Return the share of «Vet ikke» among everyone who answered, unless it tells of 1–4 people."""
    dont_know = sum(1 for v in values.values() if v is None)
    table = disclosure.protect({"dont_know": dont_know, "number": len(values) - dont_know})
    if table.total is None:  # a share of 1–4 people (or of all but 1–4) is a small cell too
        return None
    return round(dont_know / len(values), 2)


def points_shift(
    key: str,
    options: Sequence[str],
    answers: Iterable[tuple[str, int, Any]],
    comparison: tuple[str, str],
    guard: DisclosureGuard | None = None,
) -> PointsShift:
    """Compare a 100-points item between two phases: mean points per option (same rules)."""
    guard = guard or DisclosureGuard()
    first_phase, second_phase = comparison
    grouped = _by_phase(answers)
    width = len(options)

    def valid(values: Mapping[int, Any]) -> dict[int, list[int]]:
        return {p: list(v) for p, v in values.items() if isinstance(v, list) and len(v) == width}

    first, second = valid(grouped[comparison[0]]), valid(grouped[comparison[1]])
    both = sorted(set(first) & set(second))
    n_first, n_second, labels = len(first), len(second), tuple(options)

    def means(rows: Iterable[list[int]]) -> tuple[float, ...]:
        rows = list(rows)
        return tuple(_mean([row[i] for row in rows]) for i in range(width))

    if len(both) >= MIN_GROUP and guard.claim(key, {first_phase: both, second_phase: both}):
        a, b = means(first[p] for p in both), means(second[p] for p in both)
        method, n = "paired", len(both)
    elif min(len(first), len(second)) >= MIN_GROUP and guard.claim(
        key, {first_phase: first, second_phase: second}
    ):
        a, b = means(first.values()), means(second.values())
        method, n = "aggregate", min(len(first), len(second))
    else:
        return PointsShift(
            key, comparison, "too_few", n_first=n_first, n_second=n_second, options=labels
        )
    change = tuple(round(y - x, 2) for x, y in zip(a, b, strict=True))
    return PointsShift(
        key,
        comparison,
        method,
        n,
        n_first=n_first,
        n_second=n_second,
        options=labels,
        mean_first=a,
        mean_second=b,
        change=change,
    )


def count_or_none(count: int) -> int | None:
    """Return a count of people only when it describes at least MIN_GROUP of them."""
    return count if count >= MIN_GROUP else None
