"""Period life tables from death rates, survival ratios and life-expectancy solving."""

from __future__ import annotations

import numpy as np

from projection.ages import N_AGES, FloatArray


def infant_ax(m0: FloatArray, sex: int) -> FloatArray:
    """Return a0 by Andreev-Kingkade (as in the HMD protocol); sex 0 female, 1 male."""
    if sex == 1:
        return np.where(
            m0 < 0.02300,
            0.14929 - 1.99545 * m0,
            np.where(m0 < 0.08307, 0.02832 + 3.26201 * m0, 0.29915),
        )
    return np.where(
        m0 < 0.01724,
        0.14903 - 2.05527 * m0,
        np.where(m0 < 0.06891, 0.04667 + 3.88089 * m0, 0.31411),
    )


def person_years(mx: FloatArray, sex: int) -> tuple[FloatArray, FloatArray]:
    """Return (Lx, Tx) per unit radix for rates mx (..., ages) with an open last age."""
    mx = np.maximum(np.asarray(mx, dtype=np.float64), 1e-12)
    ax = np.full(mx.shape, 0.5)
    ax[..., 0] = infant_ax(mx[..., 0], sex)
    qx = np.minimum(mx / (1.0 + (1.0 - ax) * mx), 1.0)
    qx[..., -1] = 1.0
    lx = np.concatenate(
        [np.ones(mx.shape[:-1] + (1,)), np.cumprod(1.0 - qx[..., :-1], axis=-1)], axis=-1
    )
    dx = lx * qx
    lx_next = lx - dx
    big_l = lx_next + ax * dx
    big_l[..., -1] = lx[..., -1] / mx[..., -1]
    big_t = np.cumsum(big_l[..., ::-1], axis=-1)[..., ::-1]
    return big_l, big_t


def life_expectancy(mx: FloatArray, sex: int) -> FloatArray:
    """Return e0 for rates mx (..., ages)."""
    _, big_t = person_years(mx, sex)
    e0: FloatArray = big_t[..., 0]
    return e0


def survival_ratios(mx: FloatArray, sex: int, n_ages: int = N_AGES) -> FloatArray:
    """Return annual survival into each age 0..n_ages-1 (index 0 = births; last = open group).

    S[0] = L0 / l0, S[a] = L(a) / L(a-1) for 1 <= a < open, S[open] = T(open) / T(open-1),
    applied to the cohort aged open-1 and over.
    """
    big_l, big_t = person_years(mx, sex)
    out = np.empty(mx.shape[:-1] + (n_ages,))
    out[..., 0] = big_l[..., 0]
    out[..., 1 : n_ages - 1] = _safe_ratio(big_l[..., 1 : n_ages - 1], big_l[..., : n_ages - 2])
    out[..., n_ages - 1] = _safe_ratio(big_t[..., n_ages - 1], big_t[..., n_ages - 2])
    return np.clip(out, 0.0, 1.0)


def _safe_ratio(numer: FloatArray, denom: FloatArray) -> FloatArray:
    """Divide, giving 0 where nobody is left (the denominator underflowed to zero)."""
    result: FloatArray = np.divide(numer, denom, out=np.zeros_like(numer), where=denom > 0)
    return result


def mortality_factor_for_e0(mx: FloatArray, sex: int, target_e0: float) -> float:
    """Return the factor k so that k * mx has life expectancy target_e0 (bisection on log k)."""
    low, high = -5.0, 5.0
    for _ in range(80):
        mid = 0.5 * (low + high)
        if float(life_expectancy(mx * np.exp(mid), sex)) > target_e0:
            low = mid
        else:
            high = mid
    return float(np.exp(0.5 * (low + high)))


def smooth_old_age(
    mx: FloatArray, fit_from: int = 80, fit_to: int = 99, replace_from: int = 95
) -> FloatArray:
    """Replace rates from `replace_from` by a Kannisto fit (logit m linear in age) on fit_from..fit_to.

    Raw single-year rates at the highest ages are noisy (zero where nobody died), which would make
    the open age group immortal; the Kannisto model is what HMD uses above age 80.
    """
    ages = np.arange(fit_from, fit_to + 1, dtype=np.float64)
    observed = np.clip(mx[..., fit_from : fit_to + 1], 1e-6, 0.99)
    logits = np.log(observed / (1.0 - observed))
    centred = ages - ages.mean()
    slope = (logits * centred).sum(axis=-1) / (centred**2).sum()
    intercept = logits.mean(axis=-1)
    targets = np.arange(replace_from, mx.shape[-1], dtype=np.float64) - ages.mean()
    fitted = np.exp(intercept[..., None] + slope[..., None] * targets)
    out = np.array(mx, dtype=np.float64, copy=True)
    out[..., replace_from:] = fitted / (1.0 + fitted)
    return out
