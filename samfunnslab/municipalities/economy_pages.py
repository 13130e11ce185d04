"""Page context of the economy and labour view (`/kommune/<nr>/okonomi/`).

The numbers come from `projection.economy` (pure) over the engine's projection (MMMM), the one
care baseline and the snapshot's national care and employment figures. TBU's cost rates per age
group are an input table (`data/reference/tbu_demographic_cost_rates.csv`); while it is empty the
page says that the expenditure need by age group is not loaded.
"""

from __future__ import annotations

import csv
from functools import partial
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from projection import economy
from projection.workforce import LABOUR_GROUPS
from samfunnslab.core import attribution, statistics, svg
from samfunnslab.core.charts import Figure, figure
from samfunnslab.municipalities import figures
from samfunnslab.municipalities import formatting as fmt
from samfunnslab.municipalities.story_pages import projection_source
from samfunnslab.scenarios import engine
from samfunnslab.scenarios.selectors import care_baseline

RATES_FILE = "tbu_demographic_cost_rates.csv"
EMPLOYMENT_GROUPS = (*LABOUR_GROUPS, (67, 74))
SHOWN_YEARS = (engine.BASE_YEAR, 2030, engine.CARD_YEAR, 2050)


def rates_path() -> Path:
    return Path(settings.BASE_DIR) / "data" / "reference" / RATES_FILE


def load_rates(path: Path) -> economy.CostRates:
    """Read TBU's cost rates per age group; blank cells stay None (not loaded)."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    groups = tuple((int(r["age_from"]), int(r["age_to"])) for r in rows)
    if groups != economy.TBU_GROUPS:
        raise ValueError(f"{path.name}: the age groups must be {economy.TBU_GROUPS}")
    rates = tuple(float(r["rate_nok"]) if r["rate_nok"].strip() else None for r in rows)
    years = {r["price_year"].strip() for r in rows if r["price_year"].strip()}
    sources = {r["source"].strip() for r in rows if r["source"].strip()}
    return economy.CostRates(
        groups, rates, int(years.pop()) if len(years) == 1 else None, "; ".join(sorted(sources))
    )


def _label(group: tuple[int, int]) -> str:
    low, high = group
    if high >= 105:
        return f"{low}+"
    return str(low) if low == high else f"{low}–{high}"


def _signed(value: float) -> str:
    """Format a change in persons with its sign and a real minus (+37, −196)."""
    text = fmt.persons(abs(value))
    if round(value) > 0:
        return "+" + text
    return "\u2212" + text if round(value) < 0 else text


def _employment() -> tuple[tuple[float, ...], int | None]:
    data = engine.national_data().employment
    labels = [f"{low}-{high}" for low, high in EMPLOYMENT_GROUPS]
    year = data.get("year")
    return tuple(float(data[x]) for x in labels), int(year) if year else None


def _care_spending_per_fte() -> tuple[float, int] | None:
    key = engine.national_data().key_figures
    spending = key.get("care_services_gross_operating_expenditure", {})
    fte = key.get("care_services_fte_total", {})
    common = sorted(set(spending) & set(fte), key=int)
    if not common:
        return None
    year = common[-1]
    return economy.spending_per_fte(spending[year] * 1e9, fte[year]), int(year)


def _labour_figure(years: list[int], workers: list[float], old: list[float], name: str) -> Figure:
    title = _("Sysselsatte og personer 80+ i %(name)s, %(first)s–%(last)s") % {
        "name": name, "first": years[0], "last": years[-1],
    }  # fmt: skip
    workers_label, old_label = _("Sysselsatte (20–74 år)"), _("Personer 80 år eller eldre")
    return figure(
        id="arbeid",
        title=title,
        summary=_(
            "Hvor mange som er i arbeid hvis sysselsettingen i hver aldersgruppe blir som i "
            "dag, og hvor mange som er 80 år eller eldre."
        ),  # fmt: skip
        draw=partial(
            svg.line_chart,
            years,
            [
                svg.Line(workers_label, svg.PALETTE[0], workers),
                svg.Line(old_label, svg.PALETTE[1], old, dash="6 3"),
            ],
            title=title,
            x_title=_("År (1. januar)"),
            y_title=_("Personer"),
            number=figures.axis_number,
            zero=True,
        ),  # fmt: skip
        headers=[_("År"), workers_label, old_label],
        rows=[
            (y, fmt.persons(w), fmt.persons(o)) for y, w, o in zip(years, workers, old, strict=True)
        ],  # fmt: skip
        source=projection_source(),
        formula=_(
            "sysselsatte(t) = Σ P_g(t) · sysselsettingsandel_g, g = 20–24, 25–39, 40–54, "
            "55–66, 67–74"
        ),  # fmt: skip
    )


def economy_context(code: str) -> dict[str, object]:
    """Return the economy and labour view of one municipality (KeyError if not projected)."""
    if not engine.is_known(code):
        raise KeyError(code)
    info = statistics.municipality(code)
    outcome = engine.run(code)
    pop = outcome.population
    idx = [outcome.index(y) for y in SHOWN_YEARS]
    counts = economy.group_counts(pop, economy.TBU_GROUPS)
    rates = load_rates(rates_path())
    need = economy.expenditure_need(pop, rates) if rates.loaded else None
    group_rows = []
    for g, group in enumerate(economy.TBU_GROUPS):
        rate = rates.rates[g]
        group_rows.append({
            "label": _label(group),
            "counts": [fmt.persons(counts[i, g]) for i in idx],
            "change": _signed(counts[idx[2], g] - counts[idx[0], g]),
            "rate": fmt.persons(rate) if rate is not None else _("ikke lastet"),
        })  # fmt: skip
    care = care_baseline(code=code)
    per_fte = _care_spending_per_fte()
    care_block = None
    if per_fte is not None:
        spend = economy.care_spending(care.outcome.workforce.demand_fte, per_fte[0])
        now, then = spend[outcome.index(care.base_year)], spend[outcome.index(care.year)]
        care_block = {
            "per_fte": fmt.persons(per_fte[0]), "year": per_fte[1],
            "now": fmt.decimal(now / 1e6, 0), "then": fmt.decimal(then / 1e6, 0),
            "change": fmt.decimal((then - now) / 1e6, 0),
            "need_now": care.texts()["need_now"], "need": care.texts()["need"],
        }  # fmt: skip
    employment, employment_year = _employment()
    workers = economy.employed(pop, EMPLOYMENT_GROUPS, employment)
    working_age = pop[:, :, 20:67].sum(axis=(1, 2))
    old = pop[:, :, 80:].sum(axis=(1, 2))
    labour_rows = [
        {
            "year": y,
            "working_age": fmt.persons(working_age[i]),
            "workers": fmt.persons(workers[i]),
            "old": fmt.persons(old[i]),
            "per_old": fmt.decimal(workers[i] / old[i], 1) if old[i] > 0 else fmt.no_figure(),
        }
        for y, i in zip(SHOWN_YEARS, idx, strict=True)
    ]
    years = [int(y) for y in outcome.years]
    return {
        "municipality": info,
        "shown_years": SHOWN_YEARS,
        "base_year": engine.BASE_YEAR,
        "year": engine.CARD_YEAR,
        "group_rows": group_rows,
        "rates": rates,
        "need": None
        if need is None
        else {
            "now": fmt.decimal(need[idx[0]] / 1e6, 0),
            "then": fmt.decimal(need[idx[2]] / 1e6, 0),
            "change": fmt.decimal((need[idx[2]] - need[idx[0]]) / 1e6, 0),
        },  # fmt: skip
        "care": care,
        "care_block": care_block,
        "labour_rows": labour_rows,
        "employment_rates": [
            {"label": _label(g), "rate": fmt.percent(r, 1)}
            for g, r in zip(EMPLOYMENT_GROUPS, employment, strict=True)
        ],
        "employment_year": employment_year,
        "labour_figure": _labour_figure(years, list(workers), list(old), info.name),
        "projection_source": projection_source(),
        "attribution_sources": (attribution.SSB,),
    }
