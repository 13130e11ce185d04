"""Alternatives, assumptions and what-if levers as typed parameter transforms."""

from __future__ import annotations

from dataclasses import dataclass, field


def gettext_noop(message: str) -> str:
    """Mark a name for translation without Django (this package is pure); the pages translate it."""
    return message


ALTERNATIVES: dict[str, str] = {
    "MMMM": gettext_noop("Hovedalternativet (middels nasjonal vekst)"),
    "LLML": gettext_noop("Lav nasjonal vekst"),
    "HHMH": gettext_noop("Høy nasjonal vekst"),
    "MMML": gettext_noop("Lav innvandring"),
    "MMMH": gettext_noop("Høy innvandring"),
    "LHML": gettext_noop("Sterk aldring"),
    "HLMH": gettext_noop("Svak aldring"),
    "MMM0": gettext_noop("Null nettoinnvandring"),
    "MM00": gettext_noop("Ingen flytting"),
    "MMLM": gettext_noop("Lav innenlandsk flytting"),
    "MMHM": gettext_noop("Høy innenlandsk flytting"),
    "LMMM": gettext_noop("Lav fruktbarhet"),
    "HMMM": gettext_noop("Høy fruktbarhet"),
    "MLMM": gettext_noop("Lav levealder"),
    "MHMM": gettext_noop("Høy levealder"),
}
"""SSB-style four-letter codes: fertility, life expectancy, internal migration, immigration."""

FERTILITY_LETTERS = {"L": 0.85, "M": 1.0, "H": 1.15, "K": 1.0}
LIFE_LETTERS = {"L": 0.5, "M": 1.0, "H": 1.5, "K": 0.0}
INTERNAL_LETTERS = {"L": 0.5, "M": 1.0, "H": 1.5, "K": 1.0, "0": 0.0}
IMMIGRATION_LETTERS = {"L": 0.5, "M": 1.0, "H": 1.5, "K": 1.0, "0": 0.0}


@dataclass(frozen=True)
class LetterEffects:
    """Multipliers implied by a four-letter code (relative to M)."""

    fertility: float
    mortality_decline: float
    internal_migration: float
    immigration: float

    def relative_to(self, other: LetterEffects) -> LetterEffects:
        """Return these effects divided by another code's effects (0 stays 0)."""
        return LetterEffects(
            _ratio(self.fertility, other.fertility),
            _ratio(self.mortality_decline, other.mortality_decline),
            _ratio(self.internal_migration, other.internal_migration),
            _ratio(self.immigration, other.immigration),
        )


def _ratio(value: float, base: float) -> float:
    """Return value / base, or value when base is zero."""
    return value / base if base else value


def letter_effects(code: str) -> LetterEffects:
    """Parse a four-letter alternative code such as 'MMMM', 'LHML' or 'MM00'."""
    code = code.upper()
    if len(code) != 4:
        raise ValueError(f"an alternative has four letters, got {code!r}")
    try:
        return LetterEffects(
            FERTILITY_LETTERS[code[0]],
            LIFE_LETTERS[code[1]],
            INTERNAL_LETTERS[code[2]],
            IMMIGRATION_LETTERS[code[3]],
        )
    except KeyError as exc:
        raise ValueError(f"unknown letter {exc.args[0]!r} in alternative {code!r}") from None


@dataclass(frozen=True)
class Assumptions:
    """What a scenario assumes: alternative, horizon, alignment and the long-run migration path.

    Defaults are the back-tested choice (docs/backtest.md).
    """

    alternative: str = "MMMM"
    until: int = 2050
    align: bool = True
    migration_damping: float = 1.0
    """Annual factor on the municipal (domestic) migration rate: 1 keeps it, < 1 fades it."""
    align_below: int = 90
    """Align to SSB's national projection only below this age; older ages follow the engine's own
    (damped) mortality trend instead of inheriting SSB's national 90+ path."""
    converge_after: int = 5
    """Years after which each municipality's migration differential starts to converge to its
    prior (county/centrality-class rate); 0 = never."""
    converge_over: int = 15
    """Years the convergence takes, linearly, once it starts."""
    converge_to_prior: float = 0.5
    """What the differential converges to: this share of its prior (0 = the national rate)."""
    converge_below: int = 60
    """Only ages below this converge; older ages keep their local component (retirement moves,
    care homes): the same age as `EstimationConfig.elderly_from`."""


@dataclass(frozen=True)
class Inflow:
    """ "+N persons move in per year" to one municipality, spread evenly over ages and sexes."""

    code: str
    persons_per_year: float
    age_from: int = 20
    age_to: int = 34
    first_year: int | None = None
    last_year: int | None = None

    def __post_init__(self) -> None:
        if not 0 <= self.age_from <= self.age_to <= 105:
            raise ValueError(
                f"inflow ages must satisfy 0 <= from <= to <= 105, got {self.age_from}-{self.age_to}"
            )

    def active(self, year: int) -> bool:
        """Return whether the inflow applies to the year ending on 1 January `year`."""
        after = self.first_year is None or year >= self.first_year
        before = self.last_year is None or year <= self.last_year
        return after and before


@dataclass(frozen=True)
class LocalLevers:
    """Levers for one municipality (multipliers 1 and shifts 0 are neutral)."""

    fertility_factor: float = 1.0
    internal_migration_factor: float = 1.0
    migration_rate_shift: float = 0.0
    """Added annual net migration rate at all ages, e.g. 0.005 = +0.5 % a year."""


@dataclass(frozen=True)
class Levers:
    """What-if levers on top of an alternative (the defaults change nothing)."""

    fertility_factor: float = 1.0
    life_expectancy_shift: float = 0.0
    """Years added to life expectancy at birth (both sexes), applied to every projected year."""
    internal_migration_factor: float = 1.0
    immigration_factor: float = 1.0
    inflows: tuple[Inflow, ...] = ()
    local: dict[str, LocalLevers] = field(default_factory=dict)

    def __post_init__(self) -> None:
        factors = [self.fertility_factor, self.internal_migration_factor, self.immigration_factor]
        factors += (
            v
            for local in self.local.values()
            for v in (local.fertility_factor, local.internal_migration_factor)
        )
        if min(factors) < 0:
            raise ValueError("lever factors must be zero or more")
        if abs(self.life_expectancy_shift) > 20:
            raise ValueError("life expectancy can be shifted by at most 20 years")

    def is_neutral(self) -> bool:
        """Return whether the levers leave the alternative unchanged."""
        return self == Levers()
