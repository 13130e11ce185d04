"""Statements (påstander) and path choices (veivalg) → engine parameters, as one documented table.

Pure Python (no Django). Each statement moves one or two parameters by a fixed amount per step on
the scale −2 (helt uenig) … +2 (helt enig); 0 (nøytral) and "vet ikke" move nothing. Each path
choice moves its parameters by a fixed amount. Amounts add up and are then clipped to the
parameter's range. The same table is printed in docs/scenarios.md and on the assumptions page.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields, replace


def gettext_noop(message: str) -> str:
    """Mark a message for translation without Django (this module is pure); views translate it.

    The statements, path choices and parameter labels are marked too: they stay bokmål here (the
    keys and stored answers never depend on them) and every page translates them when shown.
    """
    return message


DONT_KNOW = "vet"
SCALE: tuple[int, ...] = (-2, -1, 0, 1, 2)
SCALE_LABELS: dict[str, str] = {
    "-2": gettext_noop("Helt uenig"),
    "-1": gettext_noop("Litt uenig"),
    "0": gettext_noop("Nøytral"),
    "1": gettext_noop("Litt enig"),
    "2": gettext_noop("Helt enig"),
    DONT_KNOW: gettext_noop("Vet ikke"),
}
STATEMENT_PREFIX = "p_"
PATH_PARAM = "veivalg"


class ChoiceError(ValueError):
    """A malformed answer or unknown choice in a query or form.

    `template` is a bokmål message marked for translation and `params` fill it in, so a view can
    refuse in the person's language: `gettext(error.template) % error.params`.
    """

    def __init__(self, template: str, **params: object) -> None:
        super().__init__(template % params)
        self.template = template
        self.params = params


@dataclass(frozen=True)
class Parameter:
    """One engine parameter that choices can move, with its neutral value and allowed range."""

    key: str
    label: str
    unit: str
    neutral: float
    low: float
    high: float


PARAMETERS: dict[str, Parameter] = {
    p.key: p
    for p in (
        Parameter(
            "fertility_factor",
            gettext_noop("Fruktbarhet (faktor på fødsler)"),
            "faktor",
            1.0,
            0.7,
            1.3,
        ),
        Parameter(
            "life_expectancy_shift", gettext_noop("Levealder (år lagt til)"), "år", 0.0, -2.0, 3.0
        ),
        Parameter(
            "migration_rate_shift",
            gettext_noop("Netto innflytting (alle aldre)"),
            "andel per år",
            0.0,
            -0.01,
            0.01,
        ),
        Parameter(
            "young_adult_inflow_per_1000",
            gettext_noop("Ekstra innflyttere 20–34 år"),
            "personer per år per 1000 innbyggere",
            0.0,
            0.0,
            10.0,
        ),
        Parameter(
            "standard_change",
            gettext_noop("Årsverk per bruker (standardendring)"),
            "endring per år",
            0.0,
            -0.02,
            0.02,
        ),
        Parameter(
            "care_use_change",
            gettext_noop("Andel som trenger kommunal omsorg"),
            "endring per år",
            0.0,
            -0.02,
            0.01,
        ),
        Parameter(
            "labour_change",
            gettext_noop("Årsverk per person 20–66 i arbeid"),
            "endring innen 2040",
            0.0,
            -0.1,
            0.15,
        ),
    )
}


@dataclass(frozen=True)
class Parameters:
    """Values of all parameters; the defaults change nothing."""

    fertility_factor: float = 1.0
    life_expectancy_shift: float = 0.0
    migration_rate_shift: float = 0.0
    young_adult_inflow_per_1000: float = 0.0
    standard_change: float = 0.0
    care_use_change: float = 0.0
    labour_change: float = 0.0

    def is_neutral(self) -> bool:
        """Return whether nothing is changed."""
        return self == Parameters()


@dataclass(frozen=True)
class Effect:
    """Move one parameter by an amount (per step for statements, once for path choices)."""

    parameter: str
    amount: float


@dataclass(frozen=True)
class Statement:
    """A statement to agree or disagree with, and what each step of agreement changes."""

    key: str
    text: str
    effects: tuple[Effect, ...]
    why: str


@dataclass(frozen=True)
class PathChoice:
    """A path the municipality can choose, and what it changes."""

    key: str
    title: str
    text: str
    effects: tuple[Effect, ...]
    why: str


STATEMENTS: tuple[Statement, ...] = (
    Statement(
        "unge",
        gettext_noop(
            "I 2040 vil flere unge voksne ha valgt å bo i kommunen vår enn SSB regner med."
        ),
        (Effect("migration_rate_shift", 0.001),),
        gettext_noop(
            "Hvert steg flytter netto innflytting med 0,1 % av folketallet per år. Enig: flere "
            "innbyggere og flere i arbeidsfør alder, så det blir lettere å fylle omsorgen. Uenig: "
            "motsatt."
        ),
    ),
    Statement(
        "barn",
        gettext_noop("Fram mot 2040 vil det bli født flere barn her enn SSB regner med."),
        (Effect("fertility_factor", 0.05),),
        gettext_noop(
            "Hvert steg endrer antall fødsler med 5 %. Enig: flere barn og unge; før 2040 er de "
            "ennå ikke i arbeid, så omsorgstallene endrer seg lite. Uenig: færre barn."
        ),
    ),
    Statement(
        "levealder",
        gettext_noop("I 2040 vil folk leve enda lenger enn SSB regner med."),
        (Effect("life_expectancy_shift", 0.5),),
        gettext_noop(
            "Hvert steg legger et halvt år til forventet levealder. Enig: flere over 80 år, så "
            "omsorgen trenger flere årsverk. Uenig: færre eldre, færre årsverk."
        ),
    ),
    Statement(
        "friskere",
        gettext_noop(
            "I 2040 vil eldre være friskere og klare seg lenger uten hjelp fra kommunen enn i dag."
        ),
        (Effect("care_use_change", -0.002),),
        gettext_noop(
            "Hvert steg endrer andelen som trenger omsorgstjenester med 0,2 % per år. Enig: færre "
            "brukere, færre årsverk trengs. Uenig: flere brukere, flere årsverk."
        ),
    ),
    Statement(
        "familie",
        gettext_noop(
            "I 2040 vil familie, naboer og frivillige gjøre en større del av omsorgen enn i dag."
        ),
        (Effect("care_use_change", -0.002),),
        gettext_noop(
            "Hvert steg endrer andelen som trenger kommunal omsorg med 0,2 % per år. Enig: færre "
            "trenger kommunen, færre årsverk. Uenig: kommunen må gjøre mer selv."
        ),
    ),
    Statement(
        "teknologi",
        gettext_noop("I 2040 vil velferdsteknologi spare mye arbeid i omsorgen."),
        (Effect("standard_change", -0.002),),
        gettext_noop(
            "Hvert steg endrer årsverk per bruker med 0,2 % per år. Enig: færre årsverk per bruker. "
            "Uenig: teknologien krever mer arbeid enn den sparer."
        ),
    ),
    Statement(
        "forventninger",
        gettext_noop("I 2040 vil innbyggerne forvente bedre omsorgstjenester enn i dag."),
        (Effect("standard_change", 0.002),),
        gettext_noop(
            "Hvert steg øker årsverk per bruker med 0,2 % per år (høyere standard). Enig: flere "
            "årsverk trengs. Uenig: dagens standard eller lavere, færre årsverk."
        ),
    ),
    Statement(
        "heltid",
        gettext_noop("I 2040 vil flere som jobber i helse og omsorg, jobbe heltid enn i dag."),
        (Effect("labour_change", 0.01),),
        gettext_noop(
            # xgettext:no-python-format (a percent sign, never filled in)
            "Hvert steg øker årsverk per person i arbeid med 1 % innen 2040. Enig: flere årsverk "
            "fra de samme menneskene, mindre gap. Uenig: mer deltid, større gap."
        ),
    ),
    Statement(
        "pensjon",
        gettext_noop("I 2040 vil folk stå lenger i jobb før de går av med pensjon enn i dag."),
        (Effect("labour_change", 0.01),),
        gettext_noop(
            # xgettext:no-python-format (a percent sign, never filled in)
            "Hvert steg øker årsverk per person 20–66 med 1 % innen 2040. Enig: flere i arbeid, "
            "mindre gap. Uenig: tidligere avgang, større gap."
        ),
    ),
    Statement(
        "nabokommune",
        gettext_noop(
            "I 2040 vil kommunen løse flere tjenester sammen med nabokommunene enn i dag."
        ),
        (Effect("standard_change", -0.001),),
        gettext_noop(
            "Hvert steg endrer årsverk per bruker med 0,1 % per år (felles tjenester). Enig: færre "
            "årsverk per bruker. Uenig: hver kommune for seg, som i dag."
        ),
    ),
)

PATH_CHOICES: tuple[PathChoice, ...] = (
    PathChoice(
        "teknologi",
        gettext_noop("Teknologi først"),
        gettext_noop("Vi tar i bruk velferdsteknologi og digitale tjenester overalt der det går."),
        (Effect("standard_change", -0.005),),
        gettext_noop(
            "Årsverk per bruker går ned 0,5 % per år (SSBs eksempel på bedre produktivitet)."
        ),
    ),
    PathChoice(
        "fellesskap",
        gettext_noop("Familie, naboer og frivillige"),
        gettext_noop(
            "Vi bygger lag rundt de eldre med familie, naboer, frivillige og lag og foreninger."
        ),
        (Effect("care_use_change", -0.004),),
        gettext_noop("Andelen som trenger kommunal omsorg går ned 0,4 % per år."),
    ),
    PathChoice(
        "samarbeid",
        gettext_noop("Samarbeid med nabokommunene"),
        gettext_noop("Vi deler fagfolk, vakter og tjenester med kommunene rundt oss."),
        (Effect("standard_change", -0.002),),
        gettext_noop("Årsverk per bruker går ned 0,2 % per år fordi fagfolk og vakter deles."),
    ),
    PathChoice(
        "unge_voksne",
        gettext_noop("Tiltrekke unge voksne"),
        gettext_noop("Vi satser på boliger, jobber og et godt liv for folk mellom 20 og 35."),
        (Effect("young_adult_inflow_per_1000", 3.0),),
        gettext_noop("3 ekstra innflyttere i alderen 20–34 per 1000 innbyggere hvert år."),
    ),
    PathChoice(
        "heltid_pensjon",
        gettext_noop("Heltidskultur og senere pensjon"),
        gettext_noop("Vi gjør heltid til det normale og gjør det lettere å jobbe lenger."),
        (Effect("labour_change", 0.05),),
        # xgettext:no-python-format (a percent sign, never filled in)
        gettext_noop("Årsverk per person 20–66 i arbeid øker med 5 % innen 2040."),
    ),
)

STATEMENTS_BY_KEY = {s.key: s for s in STATEMENTS}
PATHS_BY_KEY = {p.key: p for p in PATH_CHOICES}


@dataclass(frozen=True)
class Choices:
    """A set of answers (None = vet ikke or not answered) and chosen paths."""

    answers: Mapping[str, int | None] = field(default_factory=dict)
    paths: frozenset[str] = frozenset()

    def answered(self) -> int:
        """Return how many statements have an answer on the scale (not "vet ikke")."""
        return sum(1 for v in self.answers.values() if v is not None)


@dataclass(frozen=True)
class Contribution:
    """Why a parameter moved: which choice moved it, and by how much."""

    source: str
    title: str
    parameter: str
    amount: float


def contributions(choices: Choices) -> list[Contribution]:
    """Return every parameter change that the choices cause, in table order."""
    result = []
    for statement in STATEMENTS:
        step = choices.answers.get(statement.key)
        if not step:
            continue
        for effect in statement.effects:
            result.append(
                Contribution("påstand", statement.text, effect.parameter, step * effect.amount)
            )
    for path in PATH_CHOICES:
        if path.key in choices.paths:
            for effect in path.effects:
                result.append(Contribution("veivalg", path.title, effect.parameter, effect.amount))
    return result


def _clip(key: str, value: float) -> float:
    """Keep a parameter inside its allowed range."""
    spec = PARAMETERS[key]
    return min(max(value, spec.low), spec.high)


def parameters_for(choices: Choices) -> Parameters:
    """Add up the effects of all choices and clip each parameter to its range."""
    totals = {f.name: getattr(Parameters(), f.name) for f in fields(Parameters)}
    for item in contributions(choices):
        totals[item.parameter] += item.amount
    return replace(Parameters(), **{k: _clip(k, v) for k, v in totals.items()})


def parse_answer(key: str, raw: str) -> int | None:
    """Parse one answer: an integer on the scale, "vet" or empty (no answer)."""
    raw = raw.strip()
    if raw in ("", DONT_KNOW):
        return None
    try:
        value = int(raw)
    except ValueError:
        raise ChoiceError(
            gettext_noop("Svaret på påstanden «%(key)s» må være et tall fra −2 til 2 eller «vet»."),
            key=_shorten(key),
        ) from None
    if value not in SCALE:
        raise ChoiceError(
            gettext_noop("Svaret på påstanden «%(key)s» må være fra −2 til 2, ikke %(value)s."),
            key=_shorten(key),
            value=value,
        )
    return value


def _shorten(text: str, limit: int = 40) -> str:
    """Return at most `limit` characters of a user-supplied name for an error message."""
    return text if len(text) <= limit else text[:limit] + "…"


def _as_lists(query: Mapping[str, Sequence[str]]) -> dict[str, list[str]]:
    """Return every key with all its values (a Django QueryDict's get() gives only the last)."""
    if hasattr(query, "lists"):
        return {k: list(v) for k, v in query.lists()}
    return {k: [v] if isinstance(v, str) else list(v) for k, v in query.items()}


def parse_choices(query: Mapping[str, Sequence[str]]) -> Choices:
    """Read answers (p_<key>=−2…2|vet) and paths (veivalg=<key>, repeated) from a query."""
    lists = _as_lists(query)
    answers: dict[str, int | None] = {}
    for name, values in lists.items():
        if not name.startswith(STATEMENT_PREFIX):
            continue
        key = name.removeprefix(STATEMENT_PREFIX)
        if key not in STATEMENTS_BY_KEY:
            raise ChoiceError(
                gettext_noop("Det finnes ingen påstand som heter «%(key)s»."), key=_shorten(key)
            )
        answers[key] = parse_answer(key, values[-1] if values else "")
    paths = frozenset(lists.get(PATH_PARAM, ()))
    if unknown := sorted(paths - PATHS_BY_KEY.keys()):
        raise ChoiceError(
            gettext_noop("Det finnes ikke noe veivalg som heter «%(key)s»."),
            key=_shorten(unknown[0]),
        )
    return Choices(answers, paths)


def query_items(choices: Choices) -> list[tuple[str, str]]:
    """Return the query pairs that encode these choices (the inverse of parse_choices)."""
    items = []
    for statement in STATEMENTS:
        if statement.key in choices.answers:
            value = choices.answers[statement.key]
            items.append(
                (STATEMENT_PREFIX + statement.key, DONT_KNOW if value is None else str(value))
            )
    items += [(PATH_PARAM, p.key) for p in PATH_CHOICES if p.key in choices.paths]
    return items
