"""Page context of «Kommunen i 2040»: every sentence is built here from `futures` numbers.

No number is typed into a template or a translation: the sentences take their figures from the
engine (MMMM), the one care baseline and the snapshot's care statistics, with the source beside them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samfunnslab.core import attribution, statistics, svg
from samfunnslab.municipalities import figures, futures
from samfunnslab.municipalities import formatting as fmt
from samfunnslab.municipalities.selectors import PYRAMID_BANDS
from samfunnslab.scenarios import engine, intervals

ENGINE_SOURCE_YEAR = engine.BASE_YEAR


def _band_label(low: int, high: int) -> str:
    return f"{low}+" if high >= 105 else f"{low}–{high}"


def _bands(population: object) -> list[tuple[float, float]]:
    """Return (women, men) per five-year band of a (2, 106) population."""
    return [
        (float(population[0, low : high + 1].sum()), float(population[1, low : high + 1].sum()))  # type: ignore[index]
        for low, high in PYRAMID_BANDS
    ]


def projection_source() -> str:
    """Return the source line of every projected number on the page."""
    return _(
        "Kilde: Samfunnslabens framskriving (hovedalternativet MMMM, avstemt mot SSBs nasjonale "
        "framskriving 2026) fra SSB-tabell 07459 (%(year)s). Lisens CC BY 4.0."
    ) % {"year": ENGINE_SOURCE_YEAR}


def pyramid_context(code: str, name: str) -> dict[str, object]:
    """Return the frames of the animated pyramid (one fixed scale) and their table."""
    years = futures.PYRAMID_YEARS
    frames_pop = futures.pyramid_frames(code, years)
    bands = [_bands(frames_pop[i]) for i in range(len(years))]
    reach = max(max(w, m) for frame in bands for w, m in frame)
    labels = [_band_label(low, high) for low, high in PYRAMID_BANDS]
    women, men = _("Kvinner"), _("Menn")
    base = bands[0]
    frames = []
    for i, year in enumerate(years):
        title = _("Befolkningspyramide for %(name)s, %(year)s") % {"name": name, "year": year}
        outline = None
        if i > 0:
            outline = (
                _("%(year)s (strek)") % {"year": years[0]},
                [w for w, _m in base],
                [m for _w, m in base],
            )
        draw = partial(
            svg.pyramid_chart,
            labels,
            svg.Side(women, svg.SEX["female"], [w for w, _m in bands[i]]),
            svg.Side(men, svg.SEX["male"], [m for _w, m in bands[i]]),
            title=title,
            x_title=_("Personer i hver aldersgruppe, samme skala alle år"),
            number=figures.axis_number,
            outline=outline,
            reach=reach,
        )
        total = float(frames_pop[i].sum())
        over_80 = float(frames_pop[i][:, 80:].sum())
        frames.append({
            "year": year,
            "svg": mark_safe(draw(size=svg.WIDE)),  # noqa: S308 - core.svg escapes every text
            "svg_narrow": mark_safe(draw(size=svg.NARROW)),  # noqa: S308 - as above
            "caption": _("%(year)s: %(total)s innbyggere, %(over_80)s av dem 80 år eller eldre.")
            % {"year": year, "total": fmt.persons(total), "over_80": fmt.persons(over_80)},
        })  # fmt: skip
    rows = [
        (label, *(fmt.persons(sum(bands[i][k])) for i in range(len(years))))
        for k, label in enumerate(labels)
    ]
    return {
        "frames": frames,
        "headers": [_("Alder"), *(str(y) for y in years)],
        "rows": list(reversed(rows)),
        "initial_year": futures.STORY_YEAR,
    }


def _intro(f: futures.Future, name: str) -> str:
    change = f.total_then / f.total_now - 1 if f.total_now else 0.0
    if abs(change) < 0.005:
        return _(
            "I %(year)s bor det omtrent like mange i %(name)s som i dag: %(then)s mot %(now)s."
        ) % {"year": f.year, "name": name, "then": fmt.persons(f.total_then),
             "now": fmt.persons(f.total_now)}  # fmt: skip
    text = (
        _("I %(year)s bor det %(then)s i %(name)s – %(change)s flere enn i %(base)s (%(now)s).")
        if change > 0
        else _(
            "I %(year)s bor det %(then)s i %(name)s – %(change)s færre enn i %(base)s (%(now)s)."
        )
    )
    return text % {
        "year": f.year, "base": f.base_year, "name": name, "then": fmt.persons(f.total_then),
        "now": fmt.persons(f.total_now), "change": fmt.percent(abs(change), 0),
    }  # fmt: skip


def _past_accuracy(f: futures.Future) -> str:
    """Return how far past projections of a municipality this size were off, nearest the year."""
    items = intervals.past_accuracy(f.total_now, f.base_year)
    if not items:
        return ""
    nearest = min(items, key=lambda item: abs(int(str(item["year"])) - f.year))
    return str(nearest["text"])


def _older(f: futures.Future) -> list[str]:
    """Return the sentences about people 80+ in relatable units."""
    change = f.over_80_change
    values = {
        "base": f.base_year, "year": f.year, "now": fmt.persons(f.over_80_now),
        "then": fmt.persons(f.over_80_then), "change": fmt.persons(abs(change)),
    }  # fmt: skip
    if change >= 0.5:
        lines = [_("%(now)s personer er 80 år eller eldre i %(base)s; i %(year)s er de %(then)s – "
                   "%(change)s flere.") % values]  # fmt: skip
        classes = change / futures.CLASS_SIZE
        if classes >= 1:
            lines.append(
                ngettext(
                    "Økningen er like mange mennesker som %(classes)s skoleklasse med %(size)s elever.",
                    "Økningen er like mange mennesker som %(classes)s skoleklasser med %(size)s elever.",
                    round(classes),
                )
                % {"classes": fmt.persons(classes), "size": futures.CLASS_SIZE}
            )
    else:
        lines = [_("%(now)s personer er 80 år eller eldre i %(base)s; i %(year)s er de %(then)s.")
                 % values]  # fmt: skip
    if f.residents_in_institution and change >= 0.5:
        lines.append(
            _("I %(ryear)s bodde %(residents)s personer i kommunen på sykehjem eller i annen "
              "institusjon over lang tid. Økningen i 80+ til %(year)s er %(times)s ganger så mange.")
            % {"ryear": f.residents_year, "residents": fmt.persons(f.residents_in_institution),
               "year": f.year, "times": fmt.decimal(change / f.residents_in_institution, 1)}
        )  # fmt: skip
    return lines


def _children(f: futures.Future) -> str:
    low, high = futures.SCHOOL_AGES
    change = f.school_change
    values = {
        "low": low, "high": high, "base": f.base_year, "year": f.year,
        "now": fmt.persons(f.school_now), "then": fmt.persons(f.school_then),
        "diff": fmt.persons(abs(change)),
        "classes": fmt.decimal(abs(change) / futures.CLASS_SIZE, 1),
        "size": futures.CLASS_SIZE,
    }  # fmt: skip
    start = _("Barn i grunnskolealder (%(low)s–%(high)s år): %(now)s i %(base)s og %(then)s i "
              "%(year)s") % values  # fmt: skip
    if abs(change) < 0.5:
        return start + " – " + _("like mange.")
    if abs(change) < futures.CLASS_SIZE:
        more = _("%(diff)s flere barn.") if change > 0 else _("%(diff)s færre barn.")
        return start + " – " + more % values
    more = (
        _("%(classes)s flere skoleklasser med %(size)s elever.")
        if change > 0
        else _("%(classes)s færre skoleklasser med %(size)s elever.")
    )
    return start + " – " + more % values


def _care(f: futures.Future) -> list[str]:
    care = f.care
    texts = care.texts()
    return [
        _("Med dagens måte å jobbe på trengs %(need_now)s årsverk i helse og omsorg i %(base)s og "
          "%(need)s i %(year)s.") % {**texts, "base": care.base_year, "year": care.year},
        _("I dag må hver %(now)s. sysselsatte jobbe i helse og omsorg; i %(year)s hver "
          "%(then)s. – hvis ingenting endres.") % {"now": texts["every_nth_now"],
                                                   "then": texts["every_nth"], "year": care.year},
    ]  # fmt: skip


def _ranking(r: futures.Ranking, name: str) -> str:
    me = r.peers[r.rank - 1]
    values = {
        "name": name, "rank": r.rank, "count": len(r.peers), "county": r.county_name,
        "klass": r.centrality_class, "value": fmt.decimal(me.value, 1), "year": futures.STORY_YEAR,
    }  # fmt: skip
    if r.scope == "county":
        return _("Blant de %(count)s kommunene i %(county)s med sentralitetsklasse %(klass)s har "
                 "%(name)s nummer %(rank)s i aldersbæreevne i %(year)s: %(value)s personer i "
                 "alderen 20–66 år per person 67 år eller eldre (1 = flest).") % values  # fmt: skip
    return _("Blant de %(count)s kommunene i landet med sentralitetsklasse %(klass)s har %(name)s "
             "nummer %(rank)s i aldersbæreevne i %(year)s: %(value)s personer i alderen 20–66 år "
             "per person 67 år eller eldre (1 = flest).") % values  # fmt: skip


def _turns(f: futures.Future) -> list[dict[str, object]]:
    base_gap = f.care.texts()["gap"]
    rows = []
    for turn in futures.model_turns(f.code):
        values = {
            "model": turn.name,
            "year": futures.STORY_YEAR,
            "gap": fmt.persons(abs(turn.gap)),
            "base": base_gap,
            "nth": fmt.decimal(turn.every_nth, 1),
        }
        rows.append({
            "turn": turn,
            "url": reverse("community_models:detail", args=[turn.pk]) + f"?kommune={f.code}",
            "sentence": _turn_sentence(turn.gap) % values,
        })  # fmt: skip
    return rows


def _turn_sentence(gap: float) -> str:
    """Return the sentence for a model's gap: missing, covered with some to spare, or just covered."""
    whole = round(abs(gap))
    if gap >= 0.5:
        return ngettext(
            "Med forutsetningene i «%(model)s» mangler %(gap)s årsverk i %(year)s i stedet for "
            "%(base)s, og hver %(nth)s. sysselsatte trengs i helse og omsorg.",
            "Med forutsetningene i «%(model)s» mangler %(gap)s årsverk i %(year)s i stedet for "
            "%(base)s, og hver %(nth)s. sysselsatte trengs i helse og omsorg.",
            whole,
        )
    if gap <= -0.5:
        return ngettext(
            "Med forutsetningene i «%(model)s» er behovet i %(year)s dekket – med %(gap)s "
            "årsverk til overs i stedet for %(base)s som mangler – og hver %(nth)s. sysselsatte "
            "trengs i helse og omsorg.",
            "Med forutsetningene i «%(model)s» er behovet i %(year)s dekket – med %(gap)s "
            "årsverk til overs i stedet for %(base)s som mangler – og hver %(nth)s. sysselsatte "
            "trengs i helse og omsorg.",
            whole,
        )
    return _(
        "Med forutsetningene i «%(model)s» er behovet i %(year)s omtrent dekket, i stedet for "
        "at %(base)s årsverk mangler, og hver %(nth)s. sysselsatte trengs i helse og omsorg."
    )


def you_context(code: str, birth_year: int) -> dict[str, object]:
    """Return the «you in 2040» sentences for a birth year (already validated by the form)."""
    you = futures.you_then(code, birth_year)
    age = _("%(age)s år") % {"age": you.age} if you.age < 105 else _("105 år eller eldre")
    return {
        "you": you,
        "sentences": [
            _("Født i %(born)s er du %(age)s i %(year)s.")
            % {"born": birth_year, "age": age, "year": futures.STORY_YEAR},
            _("I %(base)s bor det %(now)s personer på %(age)s i kommunen; i %(year)s blir det "
              "%(then)s.") % {"base": engine.BASE_YEAR, "now": fmt.persons(you.same_age_now),
                              "age": age, "year": futures.STORY_YEAR,
                              "then": fmt.persons(you.same_age_then)},
        ],
    }  # fmt: skip


def _open_future(f: futures.Future) -> str:
    return _("Tallene over viser hva som skjer hvis vi fortsetter som i dag: da mangler %(gap)s "
             "årsverk i helse og omsorg i %(year)s. Lokalsamfunnet kan velge annerledes.") % {
        "gap": f.care.texts()["gap"], "year": f.year}  # fmt: skip


def _headings(name: str, year: int) -> dict[str, str]:
    """Return the heading of every step (the page's anchors are in ANCHORS)."""
    return {
        "intro": _("%(name)s i %(year)s") % {"name": name, "year": year},
        "pyramid": _("Befolkningen år for år"),
        "you": _("Du i %(year)s") % {"year": year},
        "everyday": _("Hva betyr det i hverdagen?"),
        "care": _("Hvem skal gjøre jobben?"),
        "ranking": _("Sammenlignet med kommuner som ligner"),
        "turn": _("Men framtiden er ikke bestemt"),
        "models": _("Hva nye lokalsamfunnsmodeller kan endre"),
    }


# The id of each step's <section> on the page (links from the API and the PDF point there).
ANCHORS = {
    "intro": "steg-1", "pyramid": "steg-2", "you": "du", "everyday": "steg-4", "care": "omsorg",
    "ranking": "steg-5", "turn": "steg-6", "models": "modeller",
}  # fmt: skip


def care_source_line(f: futures.Future) -> str:
    """Return the source line printed under every FTE figure of the story."""
    return _("Årsverk: %(source)s; %(basis)s.") % {"source": f.care.source, "basis": f.care.basis}


@dataclass(frozen=True)
class Step:
    """One step of the story as plain text: the page, the API and the PDF all say these."""

    key: str
    heading: str
    lines: tuple[str, ...]
    source: str

    @property
    def anchor(self) -> str:
        return ANCHORS[self.key]


def _lines(*texts: object) -> tuple[str, ...]:
    return tuple(str(text) for text in texts if text)


def story_steps(context: dict[str, object]) -> list[Step]:
    """Return the story's steps as text, in page order, from the page's own context.

    The API and the PDF read the story through this, so they say exactly what the page says.
    """
    h: dict[str, str] = context["headings"]  # type: ignore[assignment]
    f: futures.Future = context["future"]  # type: ignore[assignment]
    pyramid: dict[str, object] = context["pyramid"]  # type: ignore[assignment]
    frames: list[dict[str, object]] = pyramid["frames"]  # type: ignore[assignment]
    older: list[str] = context["older"]  # type: ignore[assignment]
    care: list[str] = context["care"]  # type: ignore[assignment]
    turns: list[dict[str, object]] = context["turns"]  # type: ignore[assignment]
    you: dict[str, list[str]] | None = context.get("you")  # type: ignore[assignment]
    source = str(context["projection_source"])
    everyday = f"{source} {context['institution_source']}" if f.residents_year else source
    steps = [
        Step("intro", h["intro"], _lines(context["intro"], context["past_accuracy"]), source),
        Step("pyramid", h["pyramid"], tuple(str(fr["caption"]) for fr in frames), source),
    ]
    if you is not None:
        steps.append(Step("you", h["you"], tuple(you["sentences"]), source))
    formula = _("Formel: aldersbæreevne = P(20–66) / P(67+).")
    steps += [
        Step("everyday", h["everyday"], (*older, str(context["children"])), everyday),
        Step("care", h["care"], tuple(care), f"{context['care_source_line']} {source}"),
        Step("ranking", h["ranking"], (str(context["ranking_sentence"]),), f"{formula} {source}"),
        Step("turn", h["turn"], (str(context["open_future"]),), source),
    ]
    if turns:
        lines = tuple(str(t["sentence"]) for t in turns)
        steps.append(Step("models", h["models"], lines, str(context["turns_source"])))
    return steps


def story_context(code: str) -> dict[str, object]:
    """Return «Kommunen i 2040» for one municipality (KeyError if it has no projection)."""
    info = statistics.municipality(code)
    f = futures.future(code)
    ranking = futures.ranking(code)
    return {
        "headings": _headings(info.name, f.year),
        "open_future": _open_future(f),
        "care_source_line": care_source_line(f),
        "turns_source": _(
            "Modellenes forutsetninger (frivillige og familie, velferdsteknologi, sysselsetting, "
            "heltid, tilflytting) er brukt på denne kommunens befolkning med samme motor og samme "
            "referansebane. Tilflyttingen er regnet om til denne kommunens størrelse (like mange "
            "per innbygger som i modellens egen kommune)."
        ),
        "municipality": info,
        "future": f,
        "year": futures.STORY_YEAR,
        "base_year": f.base_year,
        "intro": _intro(f, info.name),
        "past_accuracy": _past_accuracy(f),
        "pyramid": pyramid_context(code, info.name),
        "older": _older(f),
        "children": _children(f),
        "care": _care(f),
        "care_source": f.care.source,
        "care_basis": f.care.basis,
        "ranking": ranking,
        "ranking_sentence": _ranking(ranking, info.name),
        "ranking_rows": [
            {"rank": i, "peer": p, "value": fmt.decimal(p.value, 1), "me": p.code == code}
            for i, p in enumerate(ranking.peers, start=1)
        ],
        "turns": _turns(f),
        "projection_source": projection_source(),
        "institution_source": _("Kilde: SSB, pleie- og omsorgsstatistikken (%(year)s).")
        % {"year": f.residents_year},
        "attribution_sources": (attribution.SSB,),
        "oldest_birth_year": futures.OLDEST_BIRTH_YEAR,
    }
