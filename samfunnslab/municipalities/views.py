"""Fremtidsverktøyet pages: Norge 2040, Min kommune (search, detail, compare), county and BA region.

Views parse the request, call selectors/pages, and render; pages work without JavaScript, and the
HTMX fragment for live search suggestions is `search_hx`.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from samfunnslab.core import statistics
from samfunnslab.municipalities import (
    documents,
    economy_pages,
    future_map,
    futures,
    pages,
    story_pages,
)
from samfunnslab.municipalities.forms import BirthYearForm
from samfunnslab.municipalities.search import Hit

QUERY_MAX = 80


def _query(request: HttpRequest) -> str:
    """Return the search text from ?q=, trimmed and bounded."""
    return request.GET.get("q", "").strip()[:QUERY_MAX]


def _exact(hits: list[Hit]) -> Hit | None:
    """Return the only hit that matches exactly (number or full name), if there is exactly one."""
    exact = [hit for hit in hits if hit.score >= 1.0]
    return exact[0] if len(exact) == 1 else None


@require_GET
def norway_2040(request: HttpRequest) -> HttpResponse:
    """Show the national picture: pyramid now vs 2040, ageing, support ratio, centralisation."""
    return render(request, "municipalities/norway_2040.html", pages.norway_2040_context())


@require_GET
@cache_control(public=True, max_age=3600)
def norway_2040_map(request: HttpRequest) -> JsonResponse:
    """Return the 2040 change map as GeoJSON (outlines: Kartverket, CC BY 4.0)."""
    return JsonResponse(
        future_map.future_geojson(get_language()), json_dumps_params={"ensure_ascii": False}
    )


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    """Search municipalities by name or number; an exact single match goes straight to its page."""
    query = _query(request)
    hits = pages.search_hits(query) if query else []
    if (hit := _exact(hits)) is not None:
        story_wanted = request.GET.get("til") == "2040"
        target = "municipalities:story" if story_wanted else "municipalities:detail"
        return redirect(target, code=hit.code)
    context = {"query": query, "hits": hits, "target": "detail", "counties": pages.county_links()}
    return render(request, "municipalities/search.html", context)


@require_GET
def search_hx(request: HttpRequest) -> HttpResponse:
    """Return the live suggestion list for the search field (HTMX fragment)."""
    query = _query(request)
    other = request.GET.get("fra", "")
    if other not in statistics.snapshot().population.codes:
        other = ""
    context = {
        "query": query,
        "hits": pages.search_hits(query) if query else [],
        "from_code": other,
    }
    return render(request, "municipalities/search.html#suggestions", context)


def _resolve_or_respond(
    request: HttpRequest, code: str, view_name: str, **kwargs: str
) -> HttpResponse | None:
    """Return a redirect for an old code, a chooser for a split code, a 404 page, or None if current."""
    if code.isdigit() and len(code) < 4:
        # A spreadsheet drops the leading zero: 301 is 0301 Oslo.
        return redirect(view_name, code=code.zfill(4), **kwargs)
    targets = statistics.resolve_code(code)
    if targets == (code,):
        return None
    if len(targets) == 1:
        return redirect(view_name, code=targets[0], **kwargs)
    if targets:
        context = {"code": code, "targets": pages.municipality_links(targets)}
        return render(request, "municipalities/split_code.html", context)
    if not code.isdigit() and (hit := _exact(pages.search_hits(code))) is not None:
        return redirect(view_name, code=hit.code, **kwargs)
    return not_found(request, code)


def not_found(request: HttpRequest, code: str, *, region: bool = False) -> HttpResponse:
    """Render the helpful 404 page for an unknown number, with search suggestions."""
    hits = [] if region else pages.search_hits(code)[:5]
    context = {"code": code, "hits": hits, "region": region, "counties": pages.county_links()}
    return render(request, "municipalities/not_found.html", context, status=404)


@require_GET
def detail(request: HttpRequest, code: str) -> HttpResponse:
    """Show Min kommune for one municipality (old codes redirect to the 2024 code)."""
    if (response := _resolve_or_respond(request, code, "municipalities:detail")) is not None:
        return response
    return render(request, "municipalities/detail.html", pages.detail_context(code))


@require_GET
def compare_choose(request: HttpRequest, code: str) -> HttpResponse:
    """Pick a municipality to compare with (neighbours, or search e.g. where you grew up)."""
    if (
        response := _resolve_or_respond(request, code, "municipalities:compare_choose")
    ) is not None:
        return response
    query = _query(request)
    hits = [h for h in pages.search_hits(query) if h.code != code] if query else []
    if (hit := _exact(hits)) is not None:
        return redirect("municipalities:compare", code=code, other=hit.code)
    context = {**pages.chooser_context(code), "query": query, "hits": hits}
    return render(request, "municipalities/compare_choose.html", context)


@require_GET
def compare(request: HttpRequest, code: str, other: str) -> HttpResponse:
    """Show two municipalities side by side (a permalink)."""
    first, second = statistics.resolve_code(code), statistics.resolve_code(other)
    if len(first) != 1 or len(second) != 1:
        return not_found(request, code if len(first) != 1 else other)
    if (first[0], second[0]) != (code, other):
        return redirect("municipalities:compare", code=first[0], other=second[0])
    if code == other:
        return redirect(reverse("municipalities:compare_choose", kwargs={"code": code}))
    return render(request, "municipalities/compare.html", pages.compare_context(code, other))


@require_GET
def county(request: HttpRequest, code: str) -> HttpResponse:
    """Show a county: its population, indicators and member municipalities."""
    try:
        context = pages.county_context(code)
    except KeyError:
        return not_found(request, code, region=True)
    return render(request, "municipalities/region.html", context)


@require_GET
def ba_region(request: HttpRequest, code: str) -> HttpResponse:
    """Show a BA region (sum of its municipalities, where all have comparable figures)."""
    try:
        context = pages.ba_region_context(code)
    except KeyError:
        return not_found(request, code, region=True)
    return render(request, "municipalities/region.html", context)


@require_GET
def story_page(request: HttpRequest, code: str) -> HttpResponse:
    """Show «Kommunen i 2040»; ?modus=mote is the full-screen council mode, ?fodt= «you in 2040»."""
    if (response := _resolve_or_respond(request, code, "municipalities:story")) is not None:
        return response
    try:
        context = story_pages.story_context(code)
    except KeyError:
        return not_found(request, code)
    form = BirthYearForm(request.GET if "fodt" in request.GET else None)
    if form.is_valid():
        context["you"] = story_pages.you_context(code, form.cleaned_data["fodt"])
    if (year := request.GET.get("aar", "")).isdigit() and int(year) in futures.PYRAMID_YEARS:
        context["pyramid"]["initial_year"] = int(year)  # type: ignore[index]
    context["form"] = form
    context["council"] = request.GET.get("modus") == "mote"
    return render(request, "municipalities/story.html", context)


@require_GET
def story_pdf(request: HttpRequest, code: str) -> HttpResponse:
    """Return «Kommunen i 2040» as a tagged PDF (the page's steps, sentences and sources)."""
    if (response := _resolve_or_respond(request, code, "municipalities:story_pdf")) is not None:
        return response
    try:
        data = documents.story_pdf(code)
    except KeyError:
        return not_found(request, code)
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="kommunen-i-2040-{code}.pdf"'
    return response


@require_GET
def economy_page(request: HttpRequest, code: str) -> HttpResponse:
    """Show the demography-driven expenditure need and the labour side of a municipality."""
    if (response := _resolve_or_respond(request, code, "municipalities:economy")) is not None:
        return response
    try:
        context = economy_pages.economy_context(code)
    except KeyError:
        return not_found(request, code)
    return render(request, "municipalities/economy.html", context)
