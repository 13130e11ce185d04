"""Scenariofabrikken and the future of Min kommune: thin views, HTMX fragments end in `_hx`.

Every page works without JavaScript (forms use GET, so the URL is the permalink). Bad or missing
parameters give a plain Norwegian page with status 400 or 404, never a crash.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from projection import ALTERNATIVES
from samfunnslab.core.errors import Refusal
from samfunnslab.municipalities.pages import search_hits
from samfunnslab.scenarios import authorizers, pages, pdf, selectors, services
from samfunnslab.scenarios.choices import ChoiceError, Choices, parse_choices
from samfunnslab.scenarios.engine import DEFAULT_ALTERNATIVE
from samfunnslab.scenarios.forms import GroupSessionForm, LocalFiguresForm
from statbank.classifications import MunicipalityInfo

PARTICIPANT_KEY = "scenario_participant"


@dataclass(frozen=True)
class ScenarioQuery:
    """A validated scenario request: municipality, alternative and choices."""

    municipality: MunicipalityInfo
    alternative: str
    choices: Choices


def _refusal(error: ChoiceError) -> Refusal:
    """Return the refusal for a malformed choice, in the person's language."""
    return Refusal(_(error.template) % error.params)


def _unknown_alternative(alternative: str) -> Refusal:
    """Return the refusal for an alternative that does not exist."""
    return Refusal(
        _("Alternativet «%(alternative)s» finnes ikke. Bruk for eksempel MMMM.")
        % {"alternative": alternative[:8]}
    )


def _unknown_session(code: str) -> Refusal:
    """Return the refusal for a group session code that does not exist."""
    return Refusal(
        _("Vi finner ingen gruppeøkt med koden «%(code)s».") % {"code": code[:10]}, status=404
    )


def _error(request: HttpRequest, error: Refusal) -> HttpResponse:
    """Render the plain error page with the right status."""
    context = {"message": error.message, "status": error.status}
    return render(request, "scenarios/error.html", context, status=error.status)


def _municipality(code: str) -> MunicipalityInfo:
    """Return the municipality or refuse with 404 and a plain message."""
    info = pages.municipality(code.strip())
    if info is None:
        raise Refusal(
            _("Vi finner ingen kommune med nummeret «%(code)s».") % {"code": code[:12]}, status=404
        )
    return info


def parse_query(request: HttpRequest) -> ScenarioQuery:
    """Validate kommune, alternativ and the choices from the query string."""
    code = request.GET.get("kommune", "").strip()
    if not code:
        raise Refusal(_("Velg en kommune først (for eksempel ?kommune=1106 for Haugesund)."))
    info = _municipality(code)
    alternative = request.GET.get("alternativ", DEFAULT_ALTERNATIVE).strip().upper()
    if alternative not in ALTERNATIVES:
        raise _unknown_alternative(alternative)
    try:
        choices = parse_choices(request.GET)
    except ChoiceError as exc:
        raise _refusal(exc) from None
    return ScenarioQuery(info, alternative, choices)


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """Pick a municipality, or take a stand and see the scenario card."""
    if not request.GET.get("kommune"):
        text = request.GET.get("q", "").strip()[:80]
        context = {
            "options": pages.municipality_options(),
            "query": text,
            "hits": search_hits(text)[:10] if text else [],
        }
        return render(request, "scenarios/choose.html", context)
    try:
        query = parse_query(request)
    except Refusal as error:
        return _error(request, error)
    context = pages.choice_context(
        query.municipality, query.alternative, query.choices
    ) | pages.card_context(query.municipality.code, query.alternative, query.choices, request.user)
    return render(request, "scenarios/index.html", context)


@require_GET
def card_hx(request: HttpRequest) -> HttpResponse:
    """Return the scenario card for the current choices (HTMX fragment) and push its permalink."""
    try:
        query = parse_query(request)
    except Refusal as error:
        return _error(request, error)
    context = pages.card_context(
        query.municipality.code, query.alternative, query.choices, request.user
    )
    response = render(request, "scenarios/includes/card_hx.html", context)
    response["HX-Push-Url"] = context["permalink"]
    return response


MAX_EXTRA_CARDS = 3


def _extra_scenarios(request: HttpRequest) -> list[tuple[str, Choices]]:
    """Parse the extra cards of a report (`ekstra=` query strings with alternativ and choices)."""
    extras = request.GET.getlist("ekstra")
    if len(extras) > MAX_EXTRA_CARDS:
        raise Refusal(_("En rapport kan ha høyst %(n)s scenariokort.") % {"n": MAX_EXTRA_CARDS + 1})
    result = []
    for extra in extras:
        query = QueryDict(extra)
        alternative = query.get("alternativ", DEFAULT_ALTERNATIVE).strip().upper()
        if alternative not in ALTERNATIVES:
            raise _unknown_alternative(alternative)
        try:
            result.append((alternative, parse_choices(query)))
        except ChoiceError as exc:
            raise _refusal(exc) from None
    return result


@require_GET
def report(request: HttpRequest) -> HttpResponse:
    """Return the municipal report as a PDF: the future of the municipality and the card(s).

    Each `ekstra=<url-encoded scenario query>` adds one more card for the same municipality.
    """
    try:
        query = parse_query(request)
        scenarios = [(query.alternative, query.choices), *_extra_scenarios(request)]
    except Refusal as error:
        return _error(request, error)
    data = pdf.report_pdf(query.municipality.code, scenarios, request.user)
    response = HttpResponse(data, content_type="application/pdf")
    filename = f"kommunerapport-{query.municipality.code}.pdf"
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_GET
def future(request: HttpRequest, code: str) -> HttpResponse:
    """Show the future of a municipality on its own page (the no-JavaScript way to Min kommune's)."""
    try:
        info = _municipality(code)
    except Refusal as error:
        return _error(request, error)
    return render(request, "scenarios/future.html", pages.future_context(info.code, request.user))


@require_GET
def future_hx(request: HttpRequest, code: str) -> HttpResponse:
    """Return the future section for Min kommune (HTMX fragment)."""
    try:
        info = _municipality(code)
    except Refusal as error:
        return _error(request, error)
    context = pages.future_context(info.code, request.user)
    return render(request, "scenarios/includes/future_body.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def workforce_edit(request: HttpRequest, code: str) -> HttpResponse:
    """Let a facilitator enter the municipality's own care and labour figures."""
    try:
        info = _municipality(code)
    except Refusal as error:
        return _error(request, error)
    organisation = authorizers.require_figures_editor(request.user, info.code)
    form = LocalFiguresForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.local_figures_record(
            user=request.user, organisation=organisation, municipality_code=info.code,
            **form.service_arguments(),
        )  # fmt: skip
        return redirect("scenarios:workforce", code=info.code)
    context = {
        "municipality": info,
        "organisation": organisation,
        "form": form,
        "history": selectors.local_figures_history(code=info.code, user=request.user),
        "national": pages.national_figures(info.code),
    }
    return render(request, "scenarios/workforce.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def group_new(request: HttpRequest) -> HttpResponse:
    """Open a group session for a municipality (facilitators only)."""
    organisations = authorizers.base.editable_organisations(request.user)
    if not organisations:
        raise PermissionDenied
    form = GroupSessionForm(request.POST or None, initial={"kommune": request.GET.get("kommune")})
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["kommune"]
        session = services.group_session_open(
            user=request.user,
            organisation=authorizers.editing_organisation(request.user, code) or organisations[0],
            municipality_code=code,
            title=form.cleaned_data["title"],
            alternative=form.cleaned_data["alternativ"],
        )
        return redirect("scenarios:group_host", code=session.code)
    return render(
        request, "scenarios/group_new.html", {"form": form}, status=400 if form.errors else 200
    )


@require_GET
def group_join(request: HttpRequest) -> HttpResponse:
    """Ask for the short code, then go to the session."""
    code = request.GET.get("kode", "").strip()
    if code:
        if selectors.group_session_by_code(code) is None:
            return _error(request, _unknown_session(code))
        return redirect("scenarios:group_answer", code=code.upper())
    return render(request, "scenarios/group_join.html")


def _participant(request: HttpRequest) -> str:
    """Return the anonymous participant key kept in the browser session."""
    if PARTICIPANT_KEY not in request.session:
        request.session[PARTICIPANT_KEY] = secrets.token_urlsafe(16)
    return str(request.session[PARTICIPANT_KEY])


@require_http_methods(["GET", "POST"])
def group_answer(request: HttpRequest, code: str) -> HttpResponse:
    """Let a participant take a stand anonymously on a phone."""
    session = selectors.group_session_by_code(code)
    if session is None:
        return _error(request, _unknown_session(code))
    saved = False
    choices = Choices()
    if request.method == "POST":
        try:
            choices = parse_choices(request.POST)
            services.group_response_submit(
                session=session, participant=_participant(request), choices=choices
            )
            saved = True
        except ChoiceError as exc:
            return _error(request, _refusal(exc))
        except Refusal as refusal:
            return _error(request, refusal)
    context = {
        "session": session,
        "statements": pages.statement_rows(choices),
        "paths": pages.path_rows(choices),
        "saved": saved,
        "municipality": pages.municipality(session.municipality_code),
    }
    return render(request, "scenarios/group_answer.html", context)


def _host_context(request: HttpRequest, code: str) -> dict[str, object]:
    """Return the group session's results page context, or 404/403."""
    session = selectors.group_session_by_code(code)
    if session is None:
        raise Http404
    if not authorizers.can_see_session_results(request.user, session):
        raise PermissionDenied
    join_url = request.build_absolute_uri(reverse("scenarios:group_join"))
    answer_url = request.build_absolute_uri(reverse("scenarios:group_answer", args=[session.code]))
    return pages.group_host_context(session, request.user, join_url=join_url, answer_url=answer_url)


@login_required
@require_GET
def group_host(request: HttpRequest, code: str) -> HttpResponse:
    """Show the facilitator the group's views next to the consequences of the median choices."""
    return render(request, "scenarios/group_host.html", _host_context(request, code))


@login_required
@require_GET
def group_results_hx(request: HttpRequest, code: str) -> HttpResponse:
    """Return the live results of a group session (HTMX fragment, polled)."""
    return render(request, "scenarios/includes/group_results.html", _host_context(request, code))


@login_required
@require_POST
def group_toggle(request: HttpRequest, code: str) -> HttpResponse:
    """Close or reopen a group session."""
    session = selectors.group_session_by_code(code)
    if session is None:
        raise Http404
    services.group_session_set_open(user=request.user, session=session, is_open=not session.is_open)
    return redirect("scenarios:group_host", code=session.code)
