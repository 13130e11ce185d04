"""Charts for the comparison: each model's care FTE need and gap over time against the baseline."""

from __future__ import annotations

from django.utils.translation import gettext as _

from samfunnslab.community_models.selectors import Comparison
from samfunnslab.community_models.templatetags.community_models_tags import number
from samfunnslab.core.charts import Figure, chart_figure

# Norwegian numbers in the axes: space between thousands, comma for decimals.
LOCALE = {
    "number": {"decimal": ",", "thousands": "\u00a0", "grouping": [3], "currency": ["", " kr"]}
}


def series_figure(comparison: Comparison, *, key: str, id: str, title: str, summary: str) -> Figure:
    """Return a line chart of one figure per year: the baseline (dashed) and each model."""
    baseline_name = _("Framskriving uten endringer")
    names = [baseline_name, *(m.name for m in comparison.models)]
    base = comparison.baselines[comparison.models[0].municipality_code]
    series = [
        (baseline_name, base),
        *((m.name, f) for m, f in zip(comparison.models, comparison.figures, strict=True)),
    ]
    values = [
        {"year": y.year, "value": round(getattr(y, key), 1), "series": name}
        for name, figures in series
        for y in figures.years
    ]
    spec = {
        "config": {"locale": LOCALE},
        "width": 420,
        "height": 240,
        "data": {"values": values},
        "mark": {"type": "line", "point": True, "strokeWidth": 2.5},
        "encoding": {
            "x": {"field": "year", "type": "ordinal", "title": _("År"), "axis": {"labelAngle": 0}},
            "y": {"field": "value", "type": "quantitative", "title": _("Årsverk")},
            "color": {
                "field": "series",
                "type": "nominal",
                "title": None,
                "sort": names,
                "legend": {"columns": 2, "labelLimit": 220},
            },
            "strokeDash": {"field": "series", "type": "nominal", "sort": names, "legend": None},
        },
    }
    years = [y.year for y in base.years]
    rows = [(year, *(number(getattr(f.at(year), key)) for _n, f in series)) for year in years]
    figure = chart_figure(
        id=id,
        title=title,
        summary=summary,
        spec=spec,
        headers=[_("År"), *names],
        rows=rows,
        source=_(
            "Framskriving: samfunnslabens motor på SSB-tall (tabell 07459 m.fl., NLOD 2.0). "
            "Hvis–så-beregninger, ikke prognoser."
        ),
    )
    return figure


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
