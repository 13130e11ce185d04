"""Charts for the comparison: each model's care FTE need and gap over time against the baseline."""

from __future__ import annotations

from functools import partial

from django.utils.translation import gettext as _

from samfunnslab.community_models.selectors import Comparison
from samfunnslab.community_models.templatetags.community_models_tags import number
from samfunnslab.core import svg
from samfunnslab.core.charts import PALETTE, Figure, figure

DASHES = ("4 3", "", "8 3", "2 2")


def series_figure(comparison: Comparison, *, key: str, id: str, title: str, summary: str) -> Figure:
    """Return a line chart of one figure per year: the baseline (dashed) and each model."""
    baseline_name = _("Framskriving uten endringer")
    names = [baseline_name, *(m.name for m in comparison.models)]
    base = comparison.baselines[comparison.models[0].municipality_code]
    series = [
        (baseline_name, base),
        *((m.name, f) for m, f in zip(comparison.models, comparison.figures, strict=True)),
    ]
    years = [y.year for y in base.years]
    colours = ("#555555", *PALETTE)
    lines = [
        svg.Line(
            name,
            colours[i % len(colours)],
            [getattr(figures.at(year), key) for year in years],
            DASHES[i % len(DASHES)],
            dots=True,
        )
        for i, (name, figures) in enumerate(series)
    ]
    rows = [(year, *(number(getattr(f.at(year), key)) for _n, f in series)) for year in years]
    return figure(
        id=id,
        title=title,
        summary=summary,
        draw=partial(
            svg.line_chart,
            years,
            lines,
            title=title,
            x_title=_("År"),
            y_title=_("Årsverk"),
            number=lambda v: number(v),
        ),
        headers=[_("År"), *names],
        rows=rows,
        source=_(
            "Framskriving: samfunnslabens motor på SSB-tall (tabell 07459 m.fl., NLOD 2.0). "
            "Hvis–så-beregninger, ikke prognoser."
        ),
    )


def comparison_figures(comparison: Comparison) -> tuple[Figure, Figure]:
    """Return the two small multiples: care FTE need and gap."""
    need = series_figure(
        comparison,
        key="care_fte_need",
        id="figur-behov",
        title=_("Behov for årsverk i helse og omsorg"),
        summary=_("Hvor mange årsverk hver modell trenger, mot framskrivingen uten endringer."),
    )
    gap = series_figure(
        comparison,
        key="care_fte_gap",
        id="figur-gap",
        title=_("Gap: behov minus tilgjengelige årsverk"),
        summary=_("Over null mangler det folk; under null er det flere årsverk enn behovet."),
    )
    return need, gap
