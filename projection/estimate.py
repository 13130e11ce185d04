"""Estimate projection rates from registered stocks (Hamilton-Perry, decomposed and shrunk)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from projection.ages import N_AGES, OPEN_AGE, BoolArray, FloatArray, IntArray
from projection.lifetable import smooth_old_age, survival_ratios
from projection.national import NationalFertility, NationalInputs, NationalMortality

MX_AGES = 111


@dataclass(frozen=True)
class History:
    """Registered population on 1 January: values (years, municipalities, 2, 106), NaN = unknown."""

    years: IntArray
    codes: tuple[str, ...]
    values: FloatArray
    counties: tuple[str, ...] = ()
    centrality: tuple[int, ...] = ()


@dataclass(frozen=True)
class EstimationConfig:
    """Tuning of the estimation; defaults are the back-tested choice (docs/backtest.md)."""

    window: int = 5
    migration_prior_weight: float = 400.0
    birth_prior_weight: float = 300.0
    county_share_of_prior: float = 0.0
    """County share of the migration prior below `old_age_from` (the rest is the centrality class)."""
    county_share_of_prior_old: float = 1.0
    """County share of the prior from age `old_age_from` (the class share is 1 minus it)."""
    old_age_from: int = 50
    smoothing_half_width: int = 2
    mortality_trend_years: int = 20
    max_mortality_decline: float = 0.04
    mortality_damping: float = 0.9
    """Annual factor on the estimated decline of death rates: 1 keeps it constant, < 1 fades it
    (a damped trend: the cumulative decline levels off at 1 / (1 - damping) years' worth)."""
    elderly_from: int = 60
    """From this age the municipal migration (moves towards and at retirement, to care homes) and
    mortality differential is shrunk with `elderly_prior_weight` instead of
    `migration_prior_weight` (60, not the pension age 67: moves of the late working years are as
    local and as stable; see docs/backtest.md)."""
    elderly_prior_weight: float = 250.0
    elderly_window: int = 8
    """Transitions used from `elderly_from` (capped by the data; never fewer than `window`): the
    old-age pattern is stable and its cells are small, so more years mean less noise."""


@dataclass(frozen=True)
class Rates:
    """Estimated rates at the base year; input to every scenario (cacheable)."""

    base_year: int
    codes: tuple[str, ...]
    base: FloatArray  # (m, 2, 106) population on 1 January of base_year, NaN rows = excluded
    included: BoolArray  # (m,)
    survival: FloatArray  # (2, 106) national survival in the window; index 0 = births
    national_migration: FloatArray  # (2, 106) national net (international) migration rate
    domestic_migration: FloatArray  # (m, 2, 106) municipal rate minus the national rate
    birth_ratio: FloatArray  # (m,) births per expected birth at the national schedule
    fertility_schedule: FloatArray  # (106,) national ASFR by age of woman on 1 January
    male_share: float
    mx_reference: FloatArray | None  # (2, 111) national death rates, reference year
    mx_reference_year: int
    mortality_decline: FloatArray | None  # (2, 111) annual relative decline of mx
    config: EstimationConfig
    domestic_prior: FloatArray | None = None
    """(m, 2, 106) the prior of `domestic_migration` (its county/class pooled rate minus the national)."""

    @property
    def excluded(self) -> tuple[str, ...]:
        """Return codes left out because the base year has no comparable figure."""
        return tuple(c for c, ok in zip(self.codes, self.included, strict=True) if not ok)


def cohort_start(start: FloatArray) -> FloatArray:
    """Shift stocks so index a holds the cohort that reaches age a a year later (a >= 1)."""
    shifted = np.zeros_like(start)
    shifted[..., 1:] = start[..., :-1]
    shifted[..., OPEN_AGE] += start[..., OPEN_AGE]
    return shifted


def smooth_ages(values: FloatArray, half_width: int) -> FloatArray:
    """Smooth over ages 1..105 with a triangular kernel; age 0 is left alone."""
    if half_width <= 0:
        return values
    kernel = np.concatenate([np.arange(1, half_width + 2), np.arange(half_width, 0, -1)]).astype(
        float
    )
    body = values[..., 1:]
    padded = np.concatenate(
        [
            np.repeat(body[..., :1], half_width, axis=-1),
            body,
            np.repeat(body[..., -1:], half_width, axis=-1),
        ],
        axis=-1,
    )
    out = values.copy()
    out[..., 1:] = (
        sum(k * padded[..., i : i + body.shape[-1]] for i, k in enumerate(kernel)) / kernel.sum()
    )
    return out


def _nearest_rows(years: IntArray, wanted: Sequence[int]) -> IntArray:
    """Return row indices of the latest available year <= each wanted year (or the first)."""
    index = np.searchsorted(years, np.asarray(wanted), side="right") - 1
    return np.clip(index, 0, len(years) - 1).astype(np.int64)


def window_survival(mortality: NationalMortality | None, years: Sequence[int]) -> FloatArray:
    """Return national survival (len(years), 2, 106) for each window year, or ones."""
    if mortality is None:
        return np.ones((len(years), 2, N_AGES))
    mx = smooth_old_age(mortality.mx[_nearest_rows(mortality.years, years)])
    return np.stack([survival_ratios(mx[:, s], s) for s in (0, 1)], axis=1)


def window_fertility(fertility: NationalFertility | None, years: Sequence[int]) -> FloatArray:
    """Return ASFR (len(years), 106) by age of woman on 1 January, or flat 15-49 (child-woman ratio)."""
    if fertility is None:
        flat = np.zeros(N_AGES)
        flat[15:50] = 1.0 / 35.0
        return np.tile(flat, (len(years), 1))
    by_age = np.zeros((len(years), N_AGES + 1))
    rows = fertility.asfr[_nearest_rows(fertility.years, years)]
    by_age[:, fertility.ages] = rows
    return 0.5 * (by_age[:, :-1] + by_age[:, 1:])


def pooled_by(labels: Sequence[object], numer: FloatArray, denom: FloatArray) -> FloatArray:
    """Return, for each municipality, the pooled ratio sum(numer) / sum(denom) of its group."""
    keys = sorted({str(label) for label in labels})
    index = np.array([keys.index(str(label)) for label in labels])
    onehot = (index[:, None] == np.arange(len(keys))[None, :]).astype(float)
    num = np.tensordot(onehot, numer, axes=(0, 0))
    den = np.tensordot(onehot, denom, axes=(0, 0))
    ratio = np.divide(num, den, out=np.zeros_like(num), where=den > 0)
    pooled: FloatArray = ratio[index]
    return pooled


def group_prior(
    history: History, numer: FloatArray, denom: FloatArray, county_share: float | FloatArray
) -> FloatArray:
    """Return the prior per municipality: a blend of county and centrality-class pooled ratios."""
    m = numer.shape[0]
    national = np.divide(
        numer.sum(0), denom.sum(0), out=np.zeros(numer.shape[1:]), where=denom.sum(0) > 0
    )
    parts: list[tuple[str, FloatArray]] = []
    if len(history.counties) == m:
        parts.append(("county", pooled_by(history.counties, numer, denom)))
    if len(history.centrality) == m:
        parts.append(("class", pooled_by(history.centrality, numer, denom)))
    if not parts:
        return np.broadcast_to(national, numer.shape).copy()
    if len(parts) == 1:
        return parts[0][1]
    prior: FloatArray = county_share * parts[0][1] + (1.0 - county_share) * parts[1][1]
    return prior


def valid_rows(block: FloatArray) -> BoolArray:
    """Return municipalities with complete figures in every year of block (years, m, ...)."""
    finite: BoolArray = (
        np.isfinite(block).reshape(block.shape[0], block.shape[1], -1).all(axis=(0, 2))
    )
    return finite


def transition_counts(stocks: FloatArray, survival: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Return (net migrants, expected survivors) (transitions, m, 2, 106), one per transition."""
    start = cohort_start(np.nan_to_num(stocks[:-1]))
    expected = start * survival[:, None, :, :]
    net = np.nan_to_num(stocks[1:]) - expected
    net[..., 0] = 0.0
    expected[..., 0] = 0.0
    return net, expected


def window_counts(
    stocks: FloatArray, net: FloatArray, expected: FloatArray, window: int
) -> tuple[FloatArray, FloatArray, BoolArray]:
    """Return (net, expected, complete rows) summed over the last `window` transitions."""
    ok = valid_rows(stocks[-(window + 1) :])
    net_sum, expected_sum = net[-window:].sum(0), expected[-window:].sum(0)
    net_sum[~ok] = 0.0
    expected_sum[~ok] = 0.0
    return net_sum, expected_sum, ok


def migration_window(
    stocks: FloatArray, survival: FloatArray, window: int, config: EstimationConfig
) -> tuple[FloatArray, FloatArray]:
    """Return (net, expected) over `window` transitions, from `elderly_from` over all in `stocks`.

    `stocks` holds the longer of the two windows; a municipality without complete figures in it
    keeps its short-window counts at old ages too.
    """
    per_net, per_expected = transition_counts(stocks, survival)
    net, expected, _ = window_counts(stocks, per_net, per_expected, window)
    if len(stocks) - 1 <= window or config.elderly_from >= N_AGES:
        return net, expected
    long = len(stocks) - 1
    long_net, long_expected, long_ok = window_counts(stocks, per_net, per_expected, long)
    old = (np.arange(N_AGES) >= config.elderly_from)[None, None, :] & long_ok[:, None, None]
    return np.where(old, long_net, net), np.where(old, long_expected, expected)


def estimate_migration(
    history: History, counts: tuple[FloatArray, FloatArray], config: EstimationConfig
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Return (national rate (2,106), shrunk and smoothed domestic rate (m,2,106), its prior)."""
    net = smooth_ages(counts[0], config.smoothing_half_width)
    expected = smooth_ages(counts[1], config.smoothing_half_width)
    total = expected.sum(0)
    national = np.divide(net.sum(0), total, out=np.zeros_like(total), where=total > 0)
    share = np.where(
        np.arange(N_AGES) >= config.old_age_from,
        config.county_share_of_prior_old,
        config.county_share_of_prior,
    )
    prior = group_prior(history, net, expected, share)
    ages = np.arange(N_AGES)
    weight = np.where(
        ages >= config.elderly_from, config.elderly_prior_weight, config.migration_prior_weight
    )
    denom = expected + weight
    rate = np.divide(net + weight * prior, denom, out=prior.copy(), where=denom > 0)
    return national, rate - national[None], prior - national[None]


def estimate_births(
    history: History,
    stocks: FloatArray,
    schedule: FloatArray,
    ok: BoolArray,
    config: EstimationConfig,
) -> tuple[FloatArray, float]:
    """Return (birth ratio per municipality, male share of newborns) from age-0 stocks."""
    women = np.nan_to_num(stocks[:-1, :, 0, :])
    expected = np.einsum("tma,ta->m", women, schedule)
    born = np.nan_to_num(stocks[1:, :, :, 0]).sum(axis=(0, 2))
    males = float(np.nan_to_num(stocks[1:, ok, 1, 0]).sum())
    male_share = males / max(float(born[ok].sum()), 1.0)
    expected[~ok] = 0.0
    born[~ok] = 0.0
    prior = group_prior(history, born, expected, config.county_share_of_prior)
    weight = config.birth_prior_weight
    denom = expected + weight
    ratio: FloatArray = np.divide(born + weight * prior, denom, out=prior.copy(), where=denom > 0)
    return ratio, male_share if male_share > 0 else 0.5


def mortality_trend(
    mortality: NationalMortality, last_year: int, config: EstimationConfig
) -> tuple[FloatArray, FloatArray, int]:
    """Return (reference mx (2,111), annual decline (2,111), reference year) from years <= last_year."""
    keep = (mortality.years <= last_year) & (
        mortality.years > last_year - config.mortality_trend_years
    )
    if not keep.any():
        keep = mortality.years == mortality.years.min()
    years = mortality.years[keep].astype(float)
    logs = np.log(np.maximum(smooth_old_age(mortality.mx[keep]), 1e-8))
    centred = years - years.mean()
    slope = np.tensordot(centred, logs - logs.mean(0), axes=(0, 0)) / max(
        float((centred**2).sum()), 1.0
    )
    decline = np.clip(-slope, 0.0, config.max_mortality_decline)
    recent = logs[-3:].mean(0) + slope * (years[-1] - years[-3:].mean())
    return np.exp(recent), decline, int(years[-1])


def estimate_rates(
    history: History, national: NationalInputs | None = None, config: EstimationConfig | None = None
) -> Rates:
    """Estimate rates from the last `window` years of history; base year = last year of history."""
    config = config or EstimationConfig()
    national = national or NationalInputs()
    window = max(1, min(config.window, len(history.years) - 1))
    longest = max(1, min(max(config.window, config.elderly_window), len(history.years) - 1))
    all_stocks = history.values[-(longest + 1) :]
    all_survival = window_survival(
        national.mortality, [int(y) for y in history.years[-(longest + 1) : -1]]
    )
    stocks = all_stocks[-(window + 1) :]
    flow_years = [int(y) for y in history.years[-(window + 1) : -1]]
    base_year = int(history.years[-1])
    ok = valid_rows(stocks)
    survival = all_survival[-window:]
    schedule = window_fertility(national.fertility, flow_years)
    counts = migration_window(all_stocks, all_survival, window, config)
    mig_national, domestic, domestic_prior = estimate_migration(history, counts, config)
    birth_ratio, male_share = estimate_births(history, stocks, schedule, ok, config)
    mx_ref, decline, ref_year = None, None, base_year - 1
    if national.mortality is not None:
        mx_ref, decline, ref_year = mortality_trend(national.mortality, base_year - 1, config)
    base = history.values[-1].astype(np.float64, copy=True)
    return Rates(
        base_year=base_year,
        codes=tuple(history.codes),
        base=base,
        included=valid_rows(base[None]),
        survival=survival.mean(0),
        national_migration=mig_national,
        domestic_migration=domestic,
        birth_ratio=birth_ratio,
        fertility_schedule=schedule[-1],
        male_share=male_share,
        mx_reference=mx_ref,
        mx_reference_year=ref_year,
        mortality_decline=decline,
        config=config,
        domestic_prior=domestic_prior,
    )
