"""Glue between the snapshot and the projection engine: project from a base year, back-test, report.

Nothing here reads population after the base year before the projection is made: the history comes
from `load_population(until_year=base)` and the national inputs from `load_national(until_year=base)`.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import TextIO

import numpy as np
import numpy.typing as npt

from projection import (
    SEXES,
    Assumptions,
    EstimationConfig,
    History,
    Projection,
    build_scenario,
    estimate_rates,
    project,
)
from projection.national import NationalInputs
from projection.uncertainty import SIZE_CLASSES, BacktestErrors, empirical_intervals
from samfunnslab.core import statistics

BACKTESTS: tuple[tuple[int, int], ...] = ((2011, 2021), (2016, 2026), (2018, 2026), (2011, 2026))
IN_SAMPLE = (2011, 2021)
"""Settings are chosen on this back-test only; the others are out of sample (2011 → 2026 in part)."""
GROUPS: tuple[tuple[str, int, int], ...] = (
    ("Total", 0, 105), ("0", 0, 0), ("1–19", 1, 19), ("20–44", 20, 44), ("45–66", 45, 66),
    ("20–66", 20, 66), ("67–79", 67, 79), ("80–89", 80, 89), ("90+", 90, 105),
)  # fmt: skip
CLASSES = (1, 2, 3, 4, 5, 6)


@dataclass(frozen=True)
class Municipality:
    """The classification fields the projection needs."""

    code: str
    name: str
    county_code: str
    centrality_class: int


def municipalities(snapshot_dir: Path) -> dict[str, Municipality]:
    """Read municipalities.json (classification only; no population is read)."""
    payload = json.loads((snapshot_dir / "municipalities.json").read_text("utf-8"))
    return {
        m["code"]: Municipality(m["code"], m["name"], m["county_code"], int(m["centrality_class"]))
        for m in payload["municipalities"]
    }


def history_until(base_year: int, snapshot_dir: Path) -> History:
    """Return registered stocks up to and including the base year, with county and class."""
    cube = statistics.population_at(snapshot_dir, until_year=base_year)
    if int(cube.years[-1]) != base_year:
        raise ValueError(f"the snapshot has no population for the base year {base_year}")
    info = municipalities(snapshot_dir)
    counties = tuple(info[c].county_code if c in info else "" for c in cube.codes)
    classes = tuple(info[c].centrality_class if c in info else 0 for c in cube.codes)
    return History(cube.years, cube.codes, cube.values, counties, classes)


def national_until(base_year: int, snapshot_dir: Path) -> NationalInputs | None:
    """Return national inputs as known on 1 January of the base year (None if not built)."""
    if not (snapshot_dir / "national.npz").exists():
        return None
    return statistics.national_at(snapshot_dir, until_year=base_year).inputs


def project_from(
    base_year: int,
    until: int,
    snapshot_dir: Path,
    *,
    alternative: str = "MMMM",
    align: bool = True,
    config: EstimationConfig | None = None,
    template: Assumptions | None = None,
) -> Projection:
    """Estimate from data up to base_year and project to `until` (other settings: `template`)."""
    history = history_until(base_year, snapshot_dir)
    national = national_until(base_year, snapshot_dir)
    rates = estimate_rates(history, national, config)
    template = template or Assumptions()
    assumptions = replace(
        template, alternative=alternative, until=until, align=align and template.align
    )
    params = build_scenario(rates, assumptions, national)
    return project(params)


def write_long_csv(result: Projection, handle: TextIO) -> int:
    """Write municipality_code,year,sex,age,population for included municipalities; return rows."""
    writer = csv.writer(handle, lineterminator="\n")
    writer.writerow(["municipality_code", "year", "sex", "age", "population"])
    rows = 0
    for m, code in enumerate(result.codes):
        if not result.included[m]:
            continue
        block = result.values[:, m]
        for y, year in enumerate(result.years):
            for s, sex in enumerate(SEXES):
                writer.writerows(
                    [code, int(year), sex, age, f"{value:.3f}"]
                    for age, value in enumerate(block[y, s])
                )
                rows += block.shape[-1]
    return rows


FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True)
class BacktestResult:
    """MAPE (percent) by age group and column ('All' or centrality class '1'..'6')."""

    base_year: int
    target_year: int
    label: str
    excluded: tuple[str, ...]
    mape: dict[str, dict[str, float]]
    counts: dict[str, int]
    zero_observed: dict[str, int]
    naive_total: dict[str, float]
    national_error: dict[str, float]
    errors: dict[str, FloatArray] = field(default_factory=dict)
    """Absolute percentage error per group, one per municipality (NaN where not compared)."""
    base_population: FloatArray = field(default_factory=lambda: np.zeros(0))

    def backtest_errors(self) -> BacktestErrors:
        """Return the per-municipality errors for the empirical intervals."""
        horizon = self.target_year - self.base_year
        return BacktestErrors(horizon, self.base_population, self.errors)


def _ape(estimate: FloatArray, observed: FloatArray) -> FloatArray:
    """Return absolute percentage errors, NaN where the observed value is zero."""
    result: FloatArray = np.divide(
        np.abs(estimate - observed) * 100.0,
        observed,
        out=np.full_like(observed, np.nan),
        where=observed > 0,
    )
    return result


def _mean(values: FloatArray) -> float:
    """Return the mean of the finite values, NaN when there are none."""
    finite = values[np.isfinite(values)]
    return float(finite.mean()) if finite.size else float("nan")


def _columns(
    classes: Sequence[int], keep: npt.NDArray[np.bool_]
) -> dict[str, npt.NDArray[np.bool_]]:
    """Return the municipality masks for 'All' and each centrality class."""
    klass = np.asarray(classes)
    columns = {"All": keep}
    columns.update({str(c): keep & (klass == c) for c in CLASSES})
    return columns


def evaluate(
    result: Projection, observed: FloatArray, base: FloatArray, classes: Sequence[int]
) -> BacktestResult:
    """Compare the projection's last year with observed (m, 2, 106) stocks."""
    estimate = result.values[-1]
    keep = result.included & np.isfinite(observed).all(axis=(1, 2))
    columns = _columns(classes, keep)
    mape: dict[str, dict[str, float]] = {}
    errors: dict[str, FloatArray] = {}
    zero: dict[str, int] = {}
    national: dict[str, float] = {}
    for name, low, high in GROUPS:
        est, obs = (
            estimate[..., low : high + 1].sum(axis=(1, 2)),
            observed[..., low : high + 1].sum(axis=(1, 2)),
        )
        ape = _ape(est, obs)
        mape[name] = {col: _mean(ape[mask]) for col, mask in columns.items()}
        errors[name] = np.where(keep, ape, np.nan)
        zero[name] = int((keep & ~(obs > 0)).sum())
        observed_sum = obs[keep].sum()
        national[name] = (
            float(100.0 * (est[keep].sum() / observed_sum - 1.0))
            if observed_sum > 0
            else float("nan")
        )
    naive = _ape(base.sum(axis=(1, 2)), observed.sum(axis=(1, 2)))
    naive_total = {col: _mean(naive[mask]) for col, mask in columns.items()}
    excluded = tuple(c for c, k in zip(result.codes, keep, strict=True) if not k)
    counts = {col: int(mask.sum()) for col, mask in columns.items()}
    years = (int(result.years[0]), int(result.years[-1]))
    return BacktestResult(
        *years, result.label, excluded, mape, counts, zero, naive_total, national, errors,
        base.sum(axis=(1, 2)),
    )  # fmt: skip


def run_backtest(
    base_year: int,
    target_year: int,
    snapshot_dir: Path,
    *,
    config: EstimationConfig | None = None,
    template: Assumptions | None = None,
) -> BacktestResult:
    """Project from base_year with data up to base_year only, then compare with target_year."""
    result = project_from(base_year, target_year, snapshot_dir, config=config, template=template)
    full = statistics.population_at(snapshot_dir)
    observed = full.values[full.year_index(target_year)]
    info = municipalities(snapshot_dir)
    classes = [info[c].centrality_class if c in info else 0 for c in result.codes]
    return evaluate(result, observed, np.nan_to_num(result.values[0]), classes)


def _row(label: str, values: dict[str, float]) -> str:
    """Return one markdown table row."""
    cells = [
        f"{values[c]:.1f}" if np.isfinite(values[c]) else "–" for c in ("All", *map(str, CLASSES))
    ]
    return f"| {label} | " + " | ".join(cells) + " |"


def render_result(result: BacktestResult, names: dict[str, str]) -> str:
    """Return the markdown section of one back-test."""
    header = "| Age group | All | " + " | ".join(f"Class {c}" for c in CLASSES) + " |"
    lines = [
        f"### {result.base_year} → {result.target_year}: {result.label}",
        "",
        f"MAPE in percent over {result.counts['All']} municipalities (n per centrality class: "
        + ", ".join(f"{c}: {result.counts[str(c)]}" for c in CLASSES)
        + ").",
        "",
        header,
        "|" + "---|" * (len(CLASSES) + 2),
        *[_row(name, result.mape[name]) for name, _, _ in GROUPS],
        _row("Total, naive no-change forecast", result.naive_total),
        "",
        "National error (sum over the municipalities, percent): "
        + ", ".join(f"{name} {value:+.1f}" for name, value in result.national_error.items())
        + ".",
        "",
    ]
    zero = {k: v for k, v in result.zero_observed.items() if v}
    if zero:
        lines += [
            "Municipalities with nobody observed in the group (left out of that group's MAPE): "
            + ", ".join(f"{k}: {v}" for k, v in zero.items())
            + ".",
            "",
        ]
    excluded = ", ".join(f"{c} {names.get(c, '')}".strip() for c in result.excluded) or "none"
    lines += [f"Excluded (no comparable figure in the base or target year): {excluded}.", ""]
    return "\n".join(lines)


def render_report(results: Sequence[BacktestResult], names: dict[str, str], notes: str = "") -> str:
    """Return the whole back-test report as markdown."""
    head = [
        "# Back-test of the population projection",
        "",
        "Generated by `manage.py backtest_report`. Each projection uses only data up to its base year "
        "(population on 1 January, SSB's national projection published that year, HMD/HFD rates for "
        "earlier years). MAPE = mean absolute percentage error per municipality against the registered "
        "population of the target year.",
        "",
        "Kilde: Statistisk sentralbyrå (SSB), lisens CC BY 4.0. Tallene er bearbeidet. "
        "HMD (www.mortality.org) og HFD (www.humanfertility.org), CC BY 4.0.",
        "",
        "## Results",
        "",
    ]
    body = [render_result(r, names) for r in results]
    return "\n".join(head + body) + ("\n" + notes.strip() + "\n" if notes else "")


@dataclass(frozen=True)
class Variant:
    """One method variant tried in the back-test."""

    label: str
    config: EstimationConfig = EstimationConfig()
    template: Assumptions = Assumptions()


PREVIOUS_CONFIG = EstimationConfig(
    mortality_damping=1.0, elderly_from=106, elderly_prior_weight=400.0, elderly_window=5
)
PREVIOUS_TEMPLATE = Assumptions(align_below=106, converge_after=0)
"""The defaults before issue 14 (aligned at all ages, undamped mortality trend, no convergence)."""


def variants() -> tuple[Variant, ...]:
    """Return the variants compared in docs/backtest.md (the first is the default)."""
    config, template = EstimationConfig(), Assumptions()
    change = partial(replace, config)
    assume = partial(replace, template)
    return (
        Variant("Default (issue 14)", config, template),
        Variant("Previous default (before issue 14)", PREVIOUS_CONFIG, PREVIOUS_TEMPLATE),
        Variant("Elderly window 5 years (issue 14, first round)", change(elderly_window=5), template),
        Variant("Elderly window 10 years", change(elderly_window=10), template),
        Variant("No alignment to SSB's national projection", config, assume(align=False)),
        Variant("Aligned at all ages (90+ too)", config, assume(align_below=106)),
        Variant("Aligned below 67 only", config, assume(align_below=67)),
        Variant("Mortality trend undamped", change(mortality_damping=1.0), template),
        Variant("Mortality trend damped 0.8 a year", change(mortality_damping=0.8), template),
        Variant("No mortality decline", change(max_mortality_decline=0.0), template),
        Variant("Mortality trend from 10 HMD years", change(mortality_trend_years=10), template),
        Variant("Mortality trend from 30 HMD years", change(mortality_trend_years=30), template),
        Variant(
            "Local old-age component from 67 (issue 14, second round)",
            change(elderly_from=67),
            assume(converge_below=67),
        ),
        Variant(
            "Local old-age component from 55", change(elderly_from=55), assume(converge_below=55)
        ),
        Variant(
            "Local old-age component from 50", change(elderly_from=50), assume(converge_below=50)
        ),
        Variant(
            "Elderly (60+) shrunk like the rest (400)", change(elderly_prior_weight=400.0), template
        ),
        Variant(
            "Care-home component from 85 only (weight 150)",
            change(elderly_from=85, elderly_prior_weight=150.0),
            template,
        ),
        Variant("No convergence of migration differentials", config, assume(converge_after=0)),
        Variant("Convergence after 10 years", config, assume(converge_after=10)),
        Variant("Convergence to the national rate", config, assume(converge_to_prior=0.0)),
        Variant("Convergence to the full prior", config, assume(converge_to_prior=1.0)),
        Variant("Convergence at all ages", config, assume(converge_below=106)),
        Variant("Migration damped 3 % a year (no convergence)", config,
                assume(converge_after=0, migration_damping=0.97)),
        Variant("Window 3 years (elderly 8)", change(window=3), template),
        Variant("Window 8 years at all ages (capped by the data)", change(window=8), template),
        Variant("Weak migration shrinkage (100)", change(migration_prior_weight=100.0), template),
        Variant("Strong migration shrinkage (5000)", change(migration_prior_weight=5000.0), template),
        Variant(
            "Prior: county only",
            change(county_share_of_prior=1.0, county_share_of_prior_old=1.0),
            template,
        ),
        Variant(
            "Prior: centrality class only",
            change(county_share_of_prior=0.0, county_share_of_prior_old=0.0),
            template,
        ),
        Variant("No smoothing over age", change(smoothing_half_width=0), template),
        Variant("Weak birth shrinkage (30)", change(birth_prior_weight=30.0), template),
    )  # fmt: skip


def parse_pairs(text: str) -> tuple[tuple[int, int], ...]:
    """Parse '2011:2021,2016:2026' into year pairs."""
    try:
        pairs = tuple((int(b), int(t)) for b, t in (item.split(":") for item in text.split(",")))
    except ValueError:
        raise ValueError(f"pairs look like 2011:2021,2016:2026, got {text!r}") from None
    if any(t <= b for b, t in pairs):
        raise ValueError("each target year must be after its base year")
    return pairs


def compare_variants(
    snapshot_dir: Path, chosen: Sequence[Variant], pairs: Sequence[tuple[int, int]] = BACKTESTS
) -> str:
    """Return markdown tables of MAPE (all municipalities), one per back-test, a row per variant."""
    shown = ("Total", "20–66", "67–79", "80–89", "90+")
    runs = {
        v.label: [
            run_backtest(b, t, snapshot_dir, config=v.config, template=v.template) for b, t in pairs
        ]
        for v in chosen
    }
    blocks = []
    for index, (base, target) in enumerate(pairs):
        sample = (
            "in sample: settings chosen here"
            if (base, target) == IN_SAMPLE
            else "first ten years in sample, last five out"
            if base == IN_SAMPLE[0]
            else "out of sample"
        )
        lines = [
            f"#### {base} → {target} ({sample})",
            "",
            "| Variant | " + " | ".join(shown) + " |",
            "|" + "---|" * (len(shown) + 1),
        ]
        for label, results in runs.items():
            cells = [f"{results[index].mape[name]['All']:.2f}" for name in shown]
            lines.append(f"| {label} | " + " | ".join(cells) + " |")
        blocks.append("\n".join(lines) + "\n")
    return "\n".join(blocks)


NOTES = """
## Method and what we tried

The engine (see `docs/projection.md`) estimates, per municipality, sex and age, a cohort change
ratio from the last *window* years of registered stocks, splits it into national survival (HMD life
table, Kannisto above 95) × (1 + national net migration + municipal net migration), shrinks the
municipal part toward a prior (pooled rate of the municipality's centrality class below age 50 and
of its county from 50) with weight *K* person-years, smooths counts over age, and estimates births
as a ratio to the births the national fertility schedule (HFD) would give the municipality's women.
Each projected year is then aligned to SSB's national projection (the edition published in the
base year, same alternative) by age group, **below age 90**.

### What changed in issue 14 (old ages and long horizons)

Settings were chosen on 2011 → 2021 only; 2016 → 2026 and 2018 → 2026 are out of sample, and
2011 → 2026 shares its first ten years with the in-sample test but its last five are out of sample.

1. **90+ follows our own mortality, not SSB's national 90+.** Aligning the 90+ group to SSB's
   national projection inherited that projection's errors (SSB 2016 expected 7.8 % more people
   aged 90+ in 2026 than there were). Ages 0–89 are still aligned, so totals and working ages
   keep SSB's national immigration and fertility paths.
2. **A damped mortality trend.** Death rates decline by the log-linear trend of the last 20 HMD
   years before the base year (capped at 4 % a year), as before, but the yearly decline now
   shrinks by a factor 0.9 a year (a damped trend: at most ten years' worth of the current
   decline in all). Undamped, 90+ errors were larger in all four back-tests.
3. **A local component for the elderly (care homes).** From 60 (from 67 until the third round,
   point 7) the municipal net migration and mortality differential is shrunk with a weight of
   250 person-years instead of 400, so more of each municipality's own pattern survives: people
   move towards and at retirement and to where the nursing homes are, and that pattern is
   stable.
4. **Migration differentials converge.** Below 60, each municipality's net migration
   differential is held for 5 years, then moves linearly over 15 years to half of its prior
   (its centrality class's pooled rate below 50, its county's from 50). From 20 years out,
   a municipality keeps only half of the structural pull of its class or county and none of its
   own. Ages 60+ keep their local component (point 3).
5. **The open age group 100+** is unchanged: a Kannisto fit above 95 (see step 4 below) keeps it
   mortal.
6. **A longer window for the elderly** (second round of issue 14). From 67 (now 60) the municipal
   differential is estimated from the last 8 transitions instead of 5 (capped by the data;
   younger ages keep 5). In 2011 the data begin in 2006, so the in-sample test cannot tell
   8 from 5; what it can show is that shorter old-age windows were worse (67–79 / 80–89 / 90+
   with 3 years 3.21 / 5.19 / 12.67, with 4 years 3.15 / 5.10 / 12.71, with 5 years
   3.12 / 5.10 / 12.65). Out of sample 8 years is better than 5 in all three old-age groups
   in both tests (2016 → 2026: 3.07 / 4.83 / 15.28 against 3.12 / 4.91 / 15.30;
   2018 → 2026: 2.74 / 4.86 / 14.88 against 2.81 / 4.91 / 14.94) with totals unchanged.
   10 years is better still for 67–79 and 80–89 but not for 90+ in 2018 → 2026 (14.96); we
   took 8, and say so: the choice between 8 and 10 was made after seeing both out-of-sample
   results, and the gains are small (a tenth of a point at most). (Figures of this point were
   measured with the local component from 67.)
7. **The local component from 60, not 67** (third round of issue 14). The age of 67 was the
   pension age, not a finding: moves of the late working years (towards retirement, early
   retirement from 62) are as local and as stable as those after 67, and the people aged 57–66
   in a base year are the 67–79 of ten years later. From 60, with convergence also only below
   60 (points 3 and 4), in sample (2011 → 2021) no age group gets worse and 67–79 improves a
   little: mean paired change per municipality of the absolute percentage error, totals
   −0.003 ± 0.003, 20–66 −0.005 ± 0.002, 67–79 −0.014 ± 0.009 (± one standard error over the
   municipalities), 80–89 and 90+ ±0.000. Out of sample the gain at 67–79 is larger:
   −0.069 ± 0.020 in 2016 → 2026 (3.07 → 3.00), −0.025 ± 0.016 in 2018 → 2026, and
   −0.087 ± 0.019 fifteen years out (2011 → 2026, 4.14 → 4.05), totals and 20–66 better by
   0.01–0.02, 90+ worse by 0.002. From 50 or 55 is the same in sample within a standard error
   (variant table; from 50 the in-sample total is a little worse, +0.002). We took 60, which
   changes the fewest ages away from the working-age settings chosen in sample. We saw the
   out-of-sample results of 50, 55 and 60 before choosing; they differ by less than their
   standard errors. The gain is small: it is kept because it is the same sign in every
   back-test and every age group it touches, and because 67 had no reason behind it.

How we got here before issue 14 (mean MAPE of municipal totals over the three ten-year
back-tests, all municipalities):

1. First version (window 5, K = 400, prior = half county, half class, births K_b = 30, no
   alignment): 4.3 %. With alignment: 3.65 %.
2. The prior by age: young adults move along the centrality gradient (to towns and cities), old
   people within their region. Class prior below 50 and county prior from 50: 3.53 %.
3. Birth shrinkage K_b = 300: 3.47 %.
4. The HMD-derived life tables have zero death rates at some ages 105–110, which made the open age
   group nearly immortal once mortality was split out (100+ overshot by 50–95 %). A Kannisto fit
   above 95 fixed it (100+ error −11 % to +21 % nationally) without changing totals.
5. Alignment as rates instead of raking stocks, so that levers (e.g. zero immigration) act on top
   of the aligned path without double counting: same back-test results, sensible MMM0.

What the remaining error is:
- Births (age 0, MAPE 20–45 %): every base year before 2018 carried fertility near its level at
  the time, and SSB's editions expected a recovery; fertility fell from 1.98 (2009) to 1.41 (2022).
  No method using only data up to the base year could know.
- Small municipalities: a handful of movers is many percent, and 90+ groups of 20–50 persons
  have a Poisson noise of 15–20 % alone.
- The five most central municipalities (class 1) have the largest total errors (5–7 %): their
  growth slowed after the base years.
- 15 years out, working ages carry SSB 2011's national immigration path (+5.8 % too many aged
  20–44 nationally in 2026): alignment passes that on, as it does for SSB's own municipal figures.

What did not help, or helped only out of sample (see the tables): aligning 90+ as well;
aligning only below 67 (67–79 better in sample, 80–89 and totals worse); an undamped mortality
trend; a more strongly damped (0.8) trend or no mortality decline at all — both worse for 90+ in
sample (12.71 and 13.03 against 12.65) but better out of sample (no decline: 14.40 and 13.61
against 15.30 and 14.94). We kept the in-sample choice; SSB's own editions have over-projected
90+ since 2016, so the next period may again favour slower improvement. A care-home component
from 85 only (smaller gains than from 67); convergence after 10 years (hardly changes the 15-year test), convergence all the way
to the national rate (worse in sample) or to the full prior (keeps the class-level drain);
converging the elderly too (loses the care-home pattern); damping municipal migration 3 % a year
from the first year (trends persisted through the first five to ten years); net domestic
migration held as constant counts, PANDA-style (3.49 % against 3.48 % before issue 14, a
throw-away patch); separate shrinkage weights below and above 50; weak or very strong
shrinkage; a county-only prior for young adults; a longer window (capped by the data in 2011).

Old ages, second round (tried in an exploratory script with the 5-year elderly window, not
kept; MAPE 2011 → 2021 / 2016 → 2026 / 2018 → 2026):
- **Lee–Carter mortality** (one factor per sex fitted on the last 20 HMD years, drift of k,
  damped 0.9) instead of the age-by-age trend: 90+ 13.13 / 14.44 / 13.53 against
  12.65 / 15.30 / 14.94. Like "no mortality decline" and the 30-year trend in the table, it
  gives old ages less improvement, which the in-sample period punishes and the later periods
  reward. No mortality setting we tried wins in sample and out of sample at once.
- **A county × centrality-class prior** for the elderly (pooled rate of the municipality's
  county and class, shrunk to the county with 500 person-years): 80–89 5.18 / 4.84 / 4.81
  against 5.10 / 4.91 / 4.91, 90+ 12.62 / 15.29 / 14.88 — worse for 80–89 in sample.
- **Men and women pooled** for the local differential from 80: 80–89 5.15 / 4.85 / 4.88,
  90+ 12.62 / 15.28 / 14.94 — worse for 80–89 in sample.
- **Stronger shrinkage at 85+ or 90+** (weight 500–3000, i.e. 90+ as survivors with the
  pooled county rate): worse everywhere (90+ 12.69–12.74 / 15.35–15.46 / 14.99–15.11).
- **A trend in the old-age differential** of each centrality class (the slope over the window,
  damped 0.9, from 80): 90+ 12.76 / 15.40 / 14.20, 80–89 5.29 / 4.91 / 5.09 — worse in sample.

Old ages, third round (an exploratory script on top of the default of the second round, with
the local component from 67; not kept; MAPE
2011 → 2021 / 2016 → 2026 / 2018 → 2026 / 2011 → 2026, default 90+ 12.65 / 15.28 / 14.88 /
15.80, 80–89 5.10 / 4.83 / 4.86 / 5.65, 67–79 3.12 / 3.07 / 2.74 / 4.14):
- **Empirical-Bayes prior weights** per age band (67–79, 80–89, 90+), estimated in the base
  year by the method of moments (squared deviation of each cell's observed differential from
  its prior regressed on 1 / expected survivors: slope = sampling variance, intercept =
  between-municipality variance). The between-municipality part is small or negative beyond
  80, so the weights come out far above 250: about 1 200 for 67–79 and unbounded (the pooled
  county rate) for 80–89 and 90+ per single age, about 4 800 in each band on band totals.
  Worse everywhere: 67–79 / 80–89 / 90+ 3.19 / 5.23 / 12.81 in sample, 3.24 / 5.25 / 15.62
  and 2.88 / 5.18 / 15.11 out of sample (band totals: 3.23 / 5.24 / 12.78, 3.28 / 5.26 /
  15.60, 2.93 / 5.19 / 15.10). The moments treat a municipality's deviation in the window as
  noise around a fixed level; ten years on, more of it has persisted than that model allows.
- **One 90+ differential per municipality and sex**, from net migrants and expected survivors
  of all cohorts reaching 90+ summed over ages (the single-year form of 85–89 → 90+ and
  90+ → 90+), shrunk to the county's open-group rate and applied at every age from 90. With
  the per-age weight of 250: 90+ 12.68 / 15.49 / 14.97 / 16.03; 500: 12.59 / 15.35 / 14.89 /
  15.90 (totals 3.93 in sample); 1 000: 12.61 / 15.28 / 14.85 / 15.81; 2 000: 12.65 / 15.28 /
  14.86 / 15.79; the empirical-Bayes weight (about 4 800): 12.69 / 15.33 / 14.94 / 15.79; men
  and women pooled (1 000): 12.61 / 15.30 / 14.90 / 15.82. The best in sample (1 000) gains
  0.04, less than the standard error of the paired difference over municipalities (0.04), was
  picked from a grid and leaves the in-sample total a ten-thousandth worse (3.9247 against
  3.9246); out of sample it moves 90+ by −0.00 / −0.03 / +0.01. No real gain for a new setting.
- **Weaker shrinkage at 90+ only** (weight 50 or 100 per single age instead of 250): 90+ 12.60
  in sample but totals 3.93; with 100, 15.28 / 14.87 / 15.85 out of sample.
- **90+ sharing the 80–89 municipal level**: the 90+ differential set to β times the
  municipality's shrunk 80–89 deviation from its prior, β = 0.63 fitted across municipalities
  in the base year: 90+ 12.70 / 15.30 / 14.97 / 15.77. The same term as the prior of the
  one-differential 90+ above (β = 0.5, weight 1 000): 12.63 / 15.20 / 14.84 / 15.85, less in
  sample than without it.
- **Scaling the old-age differential** (a municipality's whole differential × 1.25 from 67,
  or × 0.75 from 80): × 1.25 gives 67–79 3.08 and 90+ 12.64 in sample but 80–89 5.21 and
  totals 3.93; × 0.75 gives 90+ 12.88 / 15.59 / 15.10. The unscaled differential is the
  in-sample optimum.
- **The centrality class's level from the last two transitions** (each municipality keeps its
  long-window deviation from its class; the class's own differential from 67 is taken from the
  last two years, to follow the drift described below): in sample 67–79 / 80–89 / 90+
  3.15 / 5.13 / 12.78 (worse), out of sample 3.09 / 4.72 / 14.83 (2016) and 2.75 / 4.86 /
  14.40 (2018). The county's level instead: 3.15 / 5.13 / 12.63 in sample (totals 3.90), 90+
  15.38 / 15.10 out of sample. Like the slower mortality decline, the class version helps 90+
  only out of sample, so it is not kept.

Why 90+ in the least central municipalities (classes 5–6) stays at 14–25 %: small counts.
In 2016 → 2026 the median class-6 municipality had 18.5 persons aged 90+ in 2026; the 11
largest errors (a tenth of the class) make 39 % of the class's MAPE (Træna: 2 persons observed,
5.6 projected, 182 %). If the counts were Poisson around a perfect forecast, the MAPE would be
roughly 12–13 % over all municipalities and 19–20 % in class 6 (a rough floor: deaths are
binomial, moves add noise). Two things are not noise: summed over the class, 90+ was
over-projected by 4.8 % (class 5) and 7.3 % (class 6) in 2016 → 2026 and by 5.9 % and 7.8 %
in 2018 → 2026, against −1.1 % to +4.4 % in classes 1–4 (before this round's change); and
since about 2013 their five-year 85+ → 90+ ratio has fallen relative to the country (class 6
from about 0.97 to 0.94–0.95 of the national ratio); stocks alone cannot tell whether through
moves or deaths. None of the variants above
caught that shift from data up to the base year. MAPE also rewards projecting small groups
low (with noisy small denominators, the forecast that minimises expected MAPE is below the
expected count); we do not shade forecasts down for that, as planning needs the expected count.

How far a better level could go: had each projection's 90+ been rescaled to the observed
total of its centrality class and sex (an oracle no method has), the 90+ MAPE would have been
12.47 / 13.94 / 13.09 (2011 → 2021 / 2016 → 2026 / 2018 → 2026); rescaled to the observed
national total by sex, 12.92 / 14.77 / 13.68 — worse in sample, where the national 90+ was
under-projected (men by 9 %), because MAPE favours low forecasts of small groups. If each
municipality's 90+ in the target year were the binomial survivors of its people aged 80+ (82+
for eight years) in the base year, centred on the observed count, a forecast of the expected
count would score about 12.0 / 12.4 / 12.0. In sample the default is within 0.7 of that floor,
which is why no variant above improves it by more than a few hundredths. The class drift is
real but hard to see from a base year: the 2011 → 2021 errors show it afterwards (90+
under-projected by 7.4 % in class 1 and 0.2 % in class 6, national −3.6 %), and the 80–89
cohort-change ratio of class 1 relative to the country rose from about 0.997 (2006 → 2008) to
1.004 (2022 → 2026) while class 5's fell from 1.003 to 0.997 and class 6's from about 0.998 to
0.993; the five transitions before 2011 are too few to estimate that slope (the window trend
tried above was worse in sample).

Against SSB's own municipal projections: issue 14 measured, on a held-out set of municipalities,
SSB's 2016 edition at 67–79 / 80–89 / 90+ 3.9 / 5.2 / 13.6 % for 2016 → 2026, and this engine
(the "previous default" above) at 4.0 / 5.4 / 15.7 %, totals 3.1 against 1.8. SSB's municipal
editions and that set are not in `shared/data`, so we cannot repeat the comparison, and the
issue's figures are not a subset of ours: on all municipalities the previous default scores
3.55 / 3.15 / 5.00 / 18.60 (totals / 67–79 / 80–89 / 90+), and in 4 000 random thirds of them its
totals never come near 1.8 (1st percentile 2.99), so the held-out measure differs in its set or
its definition. What we can state is the change on the same municipalities: from the previous
default to today, 2016 → 2026, totals −0.2 %, 67–79 −4.9 %, 80–89 −3.3 %, 90+ −17.8 % (in 2 000
random thirds: totals +0.6 to −1.0 %, 67–79 −2.0 to −7.7 %, 80–89 −0.8 to −6.0 %, 90+ −14.5 to
−21.2 %, 5th to 95th percentile); 2018 → 2026: totals −0.8 %, 67–79 −4.2 %, 80–89 −2.2 %,
90+ −3.9 %. Applied to the issue's figures, that would be about 1.8 / 3.8 / 5.2 / 12.9 against
SSB's 3.1 / 3.9 / 5.2 / 13.6: ahead for totals, 67–79 and 90+, level at 80–89 (5.22 against
5.2). That is an extrapolation, not a measurement, and level is not ahead. (Before the third
round's local component from 60, point 7: 67–79 −2.5 %, about 3.9, level.)

The variant tables below give every variant on every back-test. The in-sample differences
between the better variants are small (a few hundredths of a point); the out-of-sample gains at
old ages are larger, mostly because 90+ no longer inherits SSB's national 90+ path.

| Variant | see columns |
|---|---|
"""


def method_notes(variant_table: str, long_run_table: str = "") -> str:
    """Return the 'what we tried' section, with the variant tables and the 2050 comparison."""
    text = NOTES.rsplit("| Variant", 1)[0]
    if variant_table:
        text += "### MAPE per variant (percent, all municipalities)\n\n" + variant_table
    if long_run_table:
        text += "\n" + LONG_RUN_NOTES + "\n" + long_run_table + LONG_RUN_AFTER
    return text


LONG_RUN_NOTES = """## 2050: comparison with SSB's regional projections (2024 edition)

Growth 2026 → 2050 in percent, our projection from the 2026 base year (aligned below 90 to SSB's
2026 national edition, MMMM) against SSB's 2024 regional projection (MMMM, table 14288's county
figures). SSB's county figures are read from `data/reference/ssb_2024_regional_projection_by_county_MMMM.csv`,
which is not shipped (see the README there for how to supply it). `shared/data` holds no municipal SSB projection, so the number of growing
municipalities in SSB's projection (226 of 357) is the figure cited in issue 14, not computed here.
"""

LONG_RUN_AFTER = """
Convergence narrows the county differences (mean absolute difference from SSB's county growth
down by about a fifth) and makes a few more municipalities grow, but we remain well short of
SSB's 226 growing municipalities. We think the reason is structural, not a setting: SSB's
regional model (BEFREG) moves people with gross flows — out-migration rates times each
municipality's population, in-migration as shares of all movers — so a shrinking municipality
loses ever fewer people, and immigrants are settled by each municipality's share of past
immigration, which spreads them to small places. Our cohort-change ratios carry *net* rates, and
alignment spreads SSB's national immigration in proportion to population. Without gross flows
by municipality (SSB 06913/01222 are not in `shared/data`, see its PROVENANCE.md) we cannot
estimate that model; converging further towards zero differentials (tested: 170–174 growing)
made the 2011 → 2021 back-test worse, so we did not tune towards SSB's count.
"""


LONG_RUN = (2026, 2050)
SSB_REGIONAL = "ssb_2024_regional_projection_by_county_MMMM.csv"


@dataclass(frozen=True)
class LongRun:
    """Growth 2026 → 2050 by county and the number of growing municipalities, for one variant."""

    label: str
    county_growth: dict[str, float]  # percent
    growing: int
    municipalities: int
    national_growth: float  # percent


def long_run(snapshot_dir: Path, variant: Variant, years: tuple[int, int] = LONG_RUN) -> LongRun:
    """Project from the last year to 2050 and summarise growth by county."""
    result = project_from(
        years[0], years[1], snapshot_dir, config=variant.config, template=variant.template
    )
    totals, included = result.totals(), result.included
    info = municipalities(snapshot_dir)
    county = np.array([info[c].county_code if c in info else "" for c in result.codes])
    growth = {
        code: float(100.0 * (totals[-1][m].sum() / totals[0][m].sum() - 1.0))
        for code in sorted(set(county[included]))
        for m in [(county == code) & included]
    }
    national = float(100.0 * (totals[-1][included].sum() / totals[0][included].sum() - 1.0))
    growing = int(((totals[-1] > totals[0]) & included).sum())
    return LongRun(variant.label, growth, growing, int(included.sum()), national)


@dataclass(frozen=True)
class RegionalReference:
    """SSB's published regional projection: growth 2026 → 2050 (percent) by county and in all."""

    counties: dict[str, tuple[str, float]]  # code → (name, growth)
    national: float


def read_regional_reference(path: Path) -> RegionalReference:
    """Read SSB's county projection (2026 and 2050, MMMM) from data/reference."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    start = sum(float(r["projected_2026_mmmm"]) for r in rows)
    end = sum(float(r["projected_2050_mmmm"]) for r in rows)
    counties = {
        r["county_code"]: (
            r["county_name"],
            100.0 * (float(r["projected_2050_mmmm"]) / float(r["projected_2026_mmmm"]) - 1.0),
        )
        for r in rows
    }
    return RegionalReference(counties, 100.0 * (end / start - 1.0))


def render_long_run(runs: Sequence[LongRun], reference: RegionalReference) -> str:
    """Return a markdown table comparing our 2026 → 2050 growth by county with SSB's 2024 edition."""
    header = "| County | SSB 2024 (MMMM) | " + " | ".join(r.label for r in runs) + " |"
    lines = [header, "|" + "---|" * (len(runs) + 2)]
    for code, (name, ssb) in sorted(reference.counties.items()):
        cells = [f"{r.county_growth.get(code, float('nan')):+.1f}" for r in runs]
        lines.append(f"| {code} {name} | {ssb:+.1f} | " + " | ".join(cells) + " |")
    mad = [
        float(np.mean([abs(r.county_growth[c] - g) for c, (_, g) in reference.counties.items()]))
        for r in runs
    ]
    ssb_total = f"{reference.national:+.1f}"
    lines.append("| Mean absolute difference from SSB (points) | – | "
                 + " | ".join(f"{v:.2f}" for v in mad) + " |")  # fmt: skip
    lines.append("| Whole country | " + ssb_total + " | "
                 + " | ".join(f"{r.national_growth:+.1f}" for r in runs) + " |")  # fmt: skip
    lines.append("| Municipalities growing 2026 → 2050 | 226 of 357 (SSB 2024, as cited in issue 14) | "
                 + " | ".join(f"{r.growing} of {r.municipalities}" for r in runs) + " |")  # fmt: skip
    return "\n".join(lines) + "\n"


def intervals_payload(results: Sequence[BacktestResult]) -> dict[str, object]:
    """Return the empirical intervals of the default engine's back-tests as a JSON-ready dict."""
    intervals = empirical_intervals(r.backtest_errors() for r in results)
    return {
        "about": "Absolute percentage error that 80 % of municipalities stayed within in the "
        "back-tests of manage.py backtest_report (default settings), by size class in the base "
        "year, age group and horizon in years. Written by manage.py backtest_report "
        "--intervals-out; do not edit by hand.",
        "backtests": [f"{r.base_year}-{r.target_year}" for r in results],
        "intervals": [
            {
                "size_class": i.size_class, "group": i.group, "horizon": i.horizon,
                "within_percent": round(i.within_percent, 1), "coverage": i.coverage,
                "municipalities": i.municipalities,
            }
            for i in intervals
        ],
    }  # fmt: skip


def render_intervals(payload: dict[str, object]) -> str:
    """Return the interval table (total and the old-age groups) as markdown."""
    rows = [r for r in payload["intervals"] if isinstance(r, dict)]  # type: ignore[union-attr]
    groups = ("Total", "20–66", "67–79", "80–89", "90+")
    horizons = sorted({int(r["horizon"]) for r in rows})
    lines = [
        "## Empirical prediction intervals",
        "",
        "Within ± this many percent in 8 of 10 municipalities of the size class (population in "
        "the base year), per horizon. Ten-year figures pool 2011 → 2021 and 2016 → 2026. Min "
        "kommune and `/api/kommuner/<nr>/framskriving` show the total for 10 and 15 years; the "
        "table is in `data/reference/projection_intervals.json`.",
        "",
        "| Size class | Horizon | " + " | ".join(groups) + " | n |",
        "|" + "---|" * (len(groups) + 3),
    ]
    for name, _low, _high in SIZE_CLASSES:
        for horizon in horizons:
            cells = {
                str(r["group"]): r
                for r in rows
                if r["size_class"] == name and r["horizon"] == horizon
            }
            if not cells:
                continue
            values = [f"{cells[g]['within_percent']}" if g in cells else "–" for g in groups]
            count = cells["Total"]["municipalities"] if "Total" in cells else "–"
            lines.append(f"| {name} | {horizon} years | " + " | ".join(values) + f" | {count} |")
    return "\n".join(lines) + "\n"
