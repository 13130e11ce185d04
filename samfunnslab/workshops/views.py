"""The facilitator's pages: list, create, console, presenter screen and phone remote.

Each view checks access through `authorizers`, calls one service and redirects or renders. Actions
answer HTMX requests with the refreshed console fragment and plain requests with a redirect.
"""

from __future__ import annotations

import uuid
from typing import Any
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samfunnslab.accounts.authorizers import editable_organisations
from samfunnslab.core.images import picture_response
from samfunnslab.workshops import (
    authorizers,
    exports,
    facilitation,
    fragments,
    housekeeping,
    imports,
    pins,
    selectors,
    services,
    summary_pdf,
)
from samfunnslab.workshops.errors import Refusal
from samfunnslab.workshops.forms import (
    ActivityEditForm,
    ActivityForm,
    ImportForm,
    WorkshopEditForm,
    WorkshopForm,
)
from samfunnslab.workshops.models import Activity, ActivityKind, Contribution, Workshop
from samfunnslab.workshops.pages import (
    cockpit_context,
    join_url,
    projector_context,
    qr_svg,
    remote_context,
)


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """`/verksted/`: the facilitator's workshops, or a way in for participants."""
    workshops = selectors.workshops_for_user(request.user) if request.user.is_authenticated else []
    return render(
        request,
        "workshops/index.html",
        {"workshops": workshops, "can_create": bool(editable_organisations(request.user))},
    )


@login_required
@require_http_methods(["GET", "POST"])
def workshop_create_view(request: HttpRequest) -> HttpResponse:
    """Create a draft workshop for one of the user's organisations."""
    organisations = editable_organisations(request.user)
    if not organisations:
        raise PermissionDenied
    form = WorkshopForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            workshop = services.workshop_create(
                organisation=data["organisation"],
                user=request.user,
                title=data["title"],
                municipality_code=data["municipality_code"],
                session_label=data["session_label"],
                easy_language=data["easy_language"],
                open_until=form.open_until(),
            )
        except Refusal as refusal:
            form.add_error("municipality_code", refusal.message)
        else:
            messages.success(request, _("Verkstedet er laget. Legg til aktiviteter og åpne det."))
            return redirect("workshops:console", pk=workshop.pk)
    return render(request, "workshops/workshop_form.html", {"form": form})


def console_context(request: HttpRequest, workshop: Workshop) -> dict[str, Any]:
    """Everything the facilitator console shows, live part included."""
    return {**cockpit_context(request, workshop), "paper_key": uuid.uuid4().hex}


@login_required
@require_GET
def console(request: HttpRequest, pk: int) -> HttpResponse:
    """`/verksted/<id>/`: the facilitator console."""
    workshop = authorizers.workshop_for_watcher(request.user, pk)
    context = console_context(request, workshop)
    if workshop.join_code:
        context["qr"] = qr_svg(context["join_url"], title=_("QR-kode til verkstedet"))
    return render(request, "workshops/console.html", context)


@login_required
@require_GET
def console_hx(request: HttpRequest, pk: int) -> HttpResponse:
    """The live part of the console (counts, moderation queue, current activity)."""
    workshop = authorizers.workshop_for_watcher(request.user, pk)
    return render(request, "workshops/_console_live.html", console_context(request, workshop))


@login_required
@require_GET
def staff_state(request: HttpRequest, pk: int) -> JsonResponse:
    """`/verksted/<id>/tilstand.json`: full state for the console or (`?visning=presenter`)."""
    workshop = authorizers.workshop_for_watcher(request.user, pk)
    audience = "presenter" if request.GET.get("visning") == "presenter" else "facilitator"
    return JsonResponse(selectors.workshop_state(workshop, audience=audience))


def _live_part(
    request: HttpRequest, workshop: Workshop, *, message: str = "", error: str = ""
) -> HttpResponse:
    """The cockpit's (or the remote's) live part after an action, with the news for its status line.

    The news travels in headers (percent-encoded UTF-8) so the page can announce it in a live
    region that is not replaced, and keep the keyboard focus where it was (cockpit.js).
    """
    if request.POST.get("next") == "remote":
        response = render(request, "workshops/_remote_live.html", remote_context(request, workshop))
    else:
        response = render(
            request, "workshops/_console_live.html", console_context(request, workshop)
        )
    response["X-Live-Message"] = quote(message)
    response["X-Live-Error"] = quote(error)
    return response


def _done(
    request: HttpRequest, workshop: Workshop, message: str = "", *, anchor: str = ""
) -> HttpResponse:
    if request.htmx:
        return _live_part(request, workshop, message=message)
    if message:
        messages.success(request, message)
    target = request.POST.get("next", "")
    if target == "remote":
        return redirect("workshops:remote", pk=workshop.pk)
    return redirect(reverse("workshops:console", args=[workshop.pk]) + anchor)


def _refused(request: HttpRequest, workshop: Workshop, refusal: Refusal) -> HttpResponse:
    if request.htmx:
        return _live_part(request, workshop, error=refusal.message)
    messages.error(request, refusal.message)
    return redirect("workshops:console", pk=workshop.pk)


@login_required
@require_http_methods(["GET", "POST"])
def activity_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Add an activity at the end of the workshop."""
    workshop = authorizers.workshop_for_runner(request.user, pk)
    form = ActivityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.activity_add(workshop=workshop, **form.service_kwargs())
        except Refusal as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("Aktiviteten er lagt til."))
            return redirect("workshops:console", pk=workshop.pk)
    return render(request, "workshops/activity_form.html", {"workshop": workshop, "form": form})


@login_required
@require_POST
def workshop_open_view(request: HttpRequest, pk: int) -> HttpResponse:
    workshop = authorizers.workshop_for_runner(request.user, pk)
    try:
        services.workshop_open(workshop=workshop)
    except Refusal as refusal:
        return _refused(request, workshop, refusal)
    return redirect_with(
        request,
        workshop,
        _("Verkstedet er åpent. Koden er %(code)s.") % {"code": workshop.join_code},
    )


def redirect_with(request: HttpRequest, workshop: Workshop, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect("workshops:console", pk=workshop.pk)


@login_required
@require_POST
def workshop_close_view(request: HttpRequest, pk: int) -> HttpResponse:
    workshop = authorizers.workshop_for_runner(request.user, pk)
    services.workshop_close(workshop=workshop)
    return redirect_with(
        request, workshop, _("Verkstedet er avsluttet. Alt som ble sagt, er lagret.")
    )


def _activity(workshop: Workshop, activity_id: Any) -> Activity:
    return get_object_or_404(Activity, workshop=workshop, pk=activity_id)


@login_required
@require_POST
def workshop_show_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Show an activity on every screen now (or step with `direction`, as the remote does)."""
    workshop = authorizers.workshop_for_runner(request.user, pk)
    if request.POST.get("direction") in ("1", "-1"):
        services.workshop_step(workshop=workshop, direction=int(request.POST["direction"]))
    else:
        services.workshop_show_activity(
            workshop=workshop, activity=_activity(workshop, request.POST.get("activity"))
        )
    shown = workshop.current_activity
    message = _("Vises nå: %(prompt)s") % {"prompt": shown.prompt} if shown else ""
    return _done(request, workshop, message)


@login_required
@require_GET
def picture_view(request: HttpRequest, pk: int, contribution_id: int) -> FileResponse:
    """`/verksted/<id>/bilde/<contribution id>/`: a phone's photo, for the workshop's staff (the
    queue shows it before approval; the projector lists only approved ones)."""
    workshop = authorizers.workshop_for_watcher(request.user, pk)
    contribution = get_object_or_404(
        Contribution.objects.exclude(picture=""), activity__workshop=workshop, pk=contribution_id
    )
    return picture_response(contribution.picture, contribution.picture_type)


@login_required
@require_POST
def activity_results_view(request: HttpRequest, pk: int, activity_id: int) -> HttpResponse:
    workshop = authorizers.workshop_for_runner(request.user, pk)
    visible = request.POST.get("visible") == "1"
    services.activity_set_results_visible(
        activity=_activity(workshop, activity_id), visible=visible
    )
    return _done(
        request, workshop, _("Resultatene vises.") if visible else _("Resultatene er skjult.")
    )


@login_required
@require_POST
def activity_lock_view(request: HttpRequest, pk: int, activity_id: int) -> HttpResponse:
    workshop = authorizers.workshop_for_runner(request.user, pk)
    locked = request.POST.get("locked") == "1"
    services.activity_set_locked(activity=_activity(workshop, activity_id), locked=locked)
    return _done(
        request, workshop, _("Aktiviteten er låst.") if locked else _("Aktiviteten er låst opp.")
    )


@login_required
@require_http_methods(["GET", "POST"])
def activity_edit_view(request: HttpRequest, pk: int, activity_id: int) -> HttpResponse:
    """Change an activity's texts and settings; its kind stays, answered options keep their number."""
    workshop = authorizers.workshop_for_runner(request.user, pk)
    activity = _activity(workshop, activity_id)
    answered = selectors.activity_has_answers(activity)
    form = ActivityEditForm(request.POST or None, activity=activity, answered=answered)
    if request.method == "POST" and form.is_valid():
        try:
            services.activity_update(activity=activity, **form.service_kwargs())
        except Refusal as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("Endringene er lagret."))
            return redirect(
                reverse("workshops:console", args=[workshop.pk]) + f"#aktivitet-{activity.pk}"
            )
    context = {"workshop": workshop, "form": form, "editing": activity, "answered": answered}
    return render(request, "workshops/activity_form.html", context)


@login_required
@require_POST
def activity_move_view(request: HttpRequest, pk: int, activity_id: int) -> HttpResponse:
    """Move an activity one place up or down in the workshop's order."""
    workshop = authorizers.workshop_for_runner(request.user, pk)
    activity = _activity(workshop, activity_id)
    direction = {"-1": -1, "1": 1}.get(request.POST.get("direction", ""), 0)
    try:
        services.activity_move(activity=activity, direction=direction)
    except Refusal as refusal:
        return _refused(request, workshop, refusal)
    return _done(
        request, workshop, _("Aktiviteten er flyttet."), anchor=f"#aktivitet-{activity.pk}"
    )


@login_required
@require_http_methods(["GET", "POST"])
def activity_delete_view(request: HttpRequest, pk: int, activity_id: int) -> HttpResponse:
    """Ask before deleting an activity (GET), then delete it if nobody has answered (POST)."""
    workshop = authorizers.workshop_for_runner(request.user, pk)
    activity = _activity(workshop, activity_id)
    if request.method == "GET":
        context = {
            "workshop": workshop,
            "activity": activity,
            "answered": selectors.activity_has_answers(activity),
        }
        return render(request, "workshops/activity_delete.html", context)
    try:
        services.activity_delete(activity=activity)
    except Refusal as refusal:
        return _refused(request, workshop, refusal)
    return _done(request, workshop, _("Aktiviteten er slettet."))


@login_required
@require_POST
def contribution_moderate_view(request: HttpRequest, pk: int, contribution_id: int) -> HttpResponse:
    """Approve, hide, restore, mark answered, or set the type or theme of a contribution."""
    workshop = authorizers.workshop_for_runner(request.user, pk)
    contribution = get_object_or_404(Contribution, activity__workshop=workshop, pk=contribution_id)
    action = request.POST.get("action", "")
    try:
        if "theme" in request.POST:
            services.contribution_set_theme(contribution=contribution, theme=request.POST["theme"])
            message = _("Temaet er satt.")
        elif "type" in request.POST:
            facilitation.contribution_set_type(
                contribution=contribution, contribution_type=request.POST["type"]
            )
            message = _("Typen er satt.")
        else:
            services.contribution_moderate(contribution=contribution, action=action)
            message = MODERATED.get(action, "")
    except Refusal as refusal:
        return _refused(request, workshop, refusal)
    return _done(request, workshop, str(message))


@login_required
@require_POST
def wordcloud_word_view(request: HttpRequest, pk: int, activity_id: int) -> HttpResponse:
    """Take a word off the word cloud (every answer that folds to it), or put it back."""
    workshop = authorizers.workshop_for_runner(request.user, pk)
    activity = _activity(workshop, activity_id)
    action = request.POST.get("action", "")
    try:
        services.wordcloud_word_moderate(
            activity=activity, word=request.POST.get("word", ""), action=action
        )
    except Refusal as refusal:
        return _refused(request, workshop, refusal)
    return _done(request, workshop, str(WORD_MODERATED.get(action, "")))


WORD_MODERATED = {
    "hide": gettext_lazy("Ordet er skjult."),
    "restore": gettext_lazy("Ordet vises igjen."),
}


MODERATED = {
    "approve": gettext_lazy("Godkjent og vist."),
    "hide": gettext_lazy("Skjult."),
    "restore": gettext_lazy("Vises igjen."),
    "answered": gettext_lazy("Markert som besvart."),
    "unanswered": gettext_lazy("Markert som ubesvart."),
}


@login_required
@require_POST
def contributions_approve_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Approve the ticked contributions in the moderation queue (or all of them)."""
    workshop = authorizers.workshop_for_runner(request.user, pk)
    if request.POST.get("all") == "1":
        ids = [c.pk for c in selectors.moderation_queue(workshop)]
    else:
        ids = [int(i) for i in request.POST.getlist("ids") if i.isdigit()]
    count = facilitation.contributions_approve(workshop=workshop, ids=ids)
    message = ngettext("%(n)s bidrag er godkjent.", "%(n)s bidrag er godkjent.", count) % {
        "n": count
    }
    return _done(request, workshop, message)


@login_required
@require_POST
def projector_control_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Control the projector: join splash, join line, countdown, one highlighted contribution."""
    workshop = authorizers.workshop_for_runner(request.user, pk)
    try:
        message = _projector_action(request, workshop, request.POST.get("action", ""))
    except Refusal as refusal:
        return _refused(request, workshop, refusal)
    return _done(request, workshop, message)


def _projector_action(request: HttpRequest, workshop: Workshop, action: str) -> str:
    """Do one projector action; return what to tell the facilitator (read out by the cockpit)."""
    if action == "splash":
        services.workshop_show_activity(workshop=workshop, activity=None)
        return _("Velkomstskjermen vises.")
    if action in ("join_on", "join_off"):
        visible = action == "join_on"
        facilitation.workshop_set_join_line(workshop=workshop, visible=visible)
        return _("Koden vises på skjermen.") if visible else _("Koden er skjult på skjermen.")
    if action == "timer":
        minutes = _minutes(request)
        facilitation.workshop_set_timer(workshop=workshop, minutes=minutes)
        return _("Nedtellingen er startet: %(n)s min.") % {"n": f"{minutes:g}"}
    if action == "timer_stop":
        facilitation.workshop_set_timer(workshop=workshop, minutes=None)
        return _("Nedtellingen er stoppet.")
    if action == "highlight":
        contribution = get_object_or_404(
            Contribution, activity__workshop=workshop, pk=request.POST.get("item")
        )
        facilitation.workshop_highlight(workshop=workshop, contribution=contribution)
        return _("Fremhevet på skjermen: %(text)s") % {"text": contribution.text}
    if action == "highlight_stop":
        facilitation.workshop_highlight(workshop=workshop, contribution=None)
        return _("Fremhevingen er stoppet.")
    raise Refusal(_("Ukjent handling."))


@login_required
@require_POST
def suggestion_accept_view(request: HttpRequest, pk: int, contribution_id: int) -> HttpResponse:
    """Accept the suggested type and theme of a contribution in one click."""
    workshop = authorizers.workshop_for_runner(request.user, pk)
    contribution = get_object_or_404(Contribution, activity__workshop=workshop, pk=contribution_id)
    try:
        services.contribution_classify(
            contribution=contribution,
            contribution_type=request.POST.get("type", ""),
            theme=request.POST.get("theme", ""),
        )
    except Refusal as refusal:
        return _refused(request, workshop, refusal)
    return _done(request, workshop)


@login_required
@require_POST
def theme_from_group_view(request: HttpRequest, pk: int, activity_id: int) -> HttpResponse:
    """Make a proposed «new theme» out of a group of similar contributions."""
    workshop = authorizers.workshop_for_runner(request.user, pk)
    activity = get_object_or_404(Activity, workshop=workshop, pk=activity_id)
    ids = [int(i) for i in request.POST.getlist("contribution") if i.isdigit()]
    try:
        services.theme_create_from_group(
            activity=activity, contribution_ids=ids, name=request.POST.get("name", "")
        )
    except Refusal as refusal:
        return _refused(request, workshop, refusal)
    return _done(request, workshop)


def _minutes(request: HttpRequest) -> float:
    try:
        return float(request.POST.get("minutes", "").replace(",", "."))
    except ValueError:
        return 0.0


# ------------------------------------------------------------------ housekeeping


@login_required
@require_http_methods(["GET", "POST"])
def workshop_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    """`/verksted/<id>/innstillinger/`: title, municipality and session; copy, reset, delete."""
    workshop = authorizers.workshop_for_runner(request.user, pk)
    initial = {
        "title": workshop.title,
        "municipality_code": workshop.municipality_code,
        "session_label": workshop.session_label,
    }
    form = WorkshopEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            housekeeping.workshop_update(workshop=workshop, **form.cleaned_data)
        except Refusal as refusal:
            form.add_error("municipality_code", refusal.message)
        else:
            return redirect_with(request, workshop, _("Endringene er lagret."))
    return render(request, "workshops/workshop_edit.html", {"workshop": workshop, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def workshop_reset_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask (with export offered), then delete every participant's answers of a rehearsal."""
    workshop = authorizers.workshop_for_runner(request.user, pk)
    if request.method == "POST":
        counts = housekeeping.workshop_reset_answers(workshop=workshop, user=request.user)
        message = ngettext(
            "Svarene fra %(n)s deltaker er slettet.",
            "Svarene fra %(n)s deltakere er slettet.",
            counts["participants"],
        ) % {"n": counts["participants"]}
        return redirect_with(request, workshop, message)
    return _confirm(
        request,
        workshop,
        heading=_("Nullstill svarene"),
        explanation=_("Alle svar, tekster og stemmer fra deltakerne slettes. Aktivitetene blir."),
        button=_("Slett svarene"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def workshop_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask (with export offered and the title typed), then delete the workshop and all in it."""
    workshop = authorizers.workshop_for_runner(request.user, pk)
    error = ""
    if request.method == "POST":
        title = workshop.title
        try:
            housekeeping.workshop_delete(
                workshop=workshop,
                user=request.user,
                confirm_title=request.POST.get("confirm_title", ""),
            )
        except Refusal as refusal:
            error = refusal.message
        else:
            messages.success(request, _("Verkstedet «%(title)s» er slettet.") % {"title": title})
            return redirect("workshops:index")
    return _confirm(
        request,
        workshop,
        heading=_("Slett verkstedet"),
        explanation=_("Verkstedet, aktivitetene og alt deltakerne ga, slettes for godt."),
        button=_("Slett verkstedet for godt"),
        ask_title=True,
        error=error,
    )


def _confirm(request: HttpRequest, workshop: Workshop, **context: Any) -> HttpResponse:
    status = 400 if context.get("error") else 200
    context = {"workshop": workshop, "participants": workshop.participants.count(), **context}
    return render(request, "workshops/workshop_confirm.html", context, status=status)


@login_required
@require_POST
def workshop_duplicate_view(request: HttpRequest, pk: int) -> HttpResponse:
    workshop = authorizers.workshop_for_runner(request.user, pk)
    copy = housekeeping.workshop_duplicate(workshop=workshop, user=request.user)
    return redirect_with(request, copy, _("Kopien er laget. Den er et utkast uten svar."))


@login_required
@require_POST
def activity_duplicate_view(request: HttpRequest, pk: int, activity_id: int) -> HttpResponse:
    workshop = authorizers.workshop_for_runner(request.user, pk)
    housekeeping.activity_duplicate(activity=_activity(workshop, activity_id))
    return _done(request, workshop, _("Aktiviteten er kopiert."))


@login_required
@require_POST
def group_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    workshop = authorizers.workshop_for_runner(request.user, pk)
    name = request.POST.get("name", "").strip()
    if name:
        services.group_add(workshop=workshop, name=name)
    return redirect_with(request, workshop, _("Gruppen er lagt til.") if name else "")


@login_required
@require_POST
def assisted_answer_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Enter an answer from paper on someone's behalf (marked as assisted)."""
    from samfunnslab.workshops.kinds import parse_form

    workshop = authorizers.workshop_for_runner(request.user, pk)
    activity = _activity(workshop, request.POST.get("activity"))
    if activity.kind == ActivityKind.MAP:
        return _assisted_pin(request, workshop, activity)
    try:
        services.assisted_answer_submit(
            activity=activity,
            user=request.user,
            value=parse_form(activity, request.POST),
            text=request.POST.get("text", ""),
            contribution_type=request.POST.get("type", ""),
            idempotency_key=request.POST.get("key", ""),
        )
    except Refusal as refusal:
        return _refused(request, workshop, refusal)
    return redirect_with(request, workshop, _("Papirsvaret er lagt inn."))


def _assisted_pin(request: HttpRequest, workshop: Workshop, activity: Activity) -> HttpResponse:
    """A map pin from paper (a walk with a facilitator): place from the list or coordinates."""
    try:
        pins.assisted_pin_drop(
            activity=activity,
            user=request.user,
            latitude=request.POST.get("latitude", ""),
            longitude=request.POST.get("longitude", ""),
            category=request.POST.get("category", ""),
            comment=request.POST.get("text", ""),
            place=request.POST.get("place", ""),
            idempotency_key=request.POST.get("key", ""),
        )
    except Refusal as refusal:
        return _refused(request, workshop, refusal)
    return redirect_with(request, workshop, _("Papirsvaret er lagt inn."))


@login_required
@require_GET
def presenter(request: HttpRequest, pk: int) -> HttpResponse:
    """`/verksted/<id>/presenter/`: the projector: join splash, the activity, live results."""
    workshop = authorizers.workshop_for_watcher(request.user, pk)
    return render(request, "workshops/presenter.html", projector_context(request, workshop))


@login_required
@require_GET
def presenter_hx(request: HttpRequest, pk: int) -> HttpResponse:
    workshop = authorizers.workshop_for_watcher(request.user, pk)
    return render(request, "workshops/_presenter_body.html", projector_context(request, workshop))


@login_required
@require_GET
def remote(request: HttpRequest, pk: int) -> HttpResponse:
    """`/verksted/<id>/fjernkontroll/`: step through activities and moderate from a phone."""
    workshop = authorizers.workshop_for_runner(request.user, pk)
    return render(request, "workshops/remote.html", remote_context(request, workshop))


@login_required
@require_GET
def remote_hx(request: HttpRequest, pk: int) -> HttpResponse:
    workshop = authorizers.workshop_for_runner(request.user, pk)
    return render(request, "workshops/_remote_live.html", remote_context(request, workshop))


@login_required
@require_GET
def phone_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """What a phone that has not answered yet shows now (the cockpit's preview, not answerable)."""
    workshop = authorizers.workshop_for_watcher(request.user, pk)
    state = selectors.workshop_state(workshop, audience="participant")
    html = fragments.render_blank_activity(workshop, state, easy=workshop.easy_language)
    return render(request, "workshops/phone_preview.html", {"workshop": workshop, "html": html})


@require_GET
def qr_code(request: HttpRequest, pk: int) -> HttpResponse:
    """The QR code alone as an SVG file (for printing on posters)."""
    workshop = authorizers.workshop_for_watcher(request.user, pk)
    if not workshop.join_code:
        return HttpResponse(status=404)
    svg = qr_svg(join_url(request, workshop), title=_("QR-kode til verkstedet"))
    return HttpResponse(svg, content_type="image/svg+xml")


# ------------------------------------------------------------------ data out and in


@login_required
@require_GET
def export_view(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """`/verksted/<id>/eksport.<fmt>`: everything said, as XLSX, CSV or JSON (no participant ids)."""
    workshop = authorizers.workshop_for_watcher(request.user, pk)
    if fmt not in exports.FORMATS:
        raise Http404(_("Vi kan ikke eksportere til det formatet. Velg Excel, CSV eller JSON."))
    return exports.export_response(workshop, fmt)


@login_required
@require_GET
def summary_pdf_view(request: HttpRequest, pk: int) -> HttpResponse:
    """`/verksted/<id>/oppsummering.pdf`: the printable summary of all activities."""
    workshop = authorizers.workshop_for_watcher(request.user, pk)
    return summary_pdf.summary_pdf_response(workshop)


@login_required
@require_http_methods(["GET", "POST"])
def import_view(request: HttpRequest, pk: int) -> HttpResponse:
    """`/verksted/<id>/import/`: upload a table, see which column becomes what, then import it.

    The first POST carries the file: nothing is stored, the page shows the proposed column
    mapping, a few rows and any problems. The second POST carries the stash token and the
    facilitator's mapping, and imports all rows or none.
    """
    workshop = authorizers.workshop_for_runner(request.user, pk)
    stash_key = f"import-{workshop.pk}"
    if request.method == "POST" and "token" in request.POST:
        return _import_confirm(request, workshop, stash_key)
    form = ImportForm(request.POST, request.FILES) if request.method == "POST" else ImportForm()
    if request.method != "POST" or not form.is_valid():
        status = 400 if form.errors else 200
        return render(
            request, "workshops/import.html", {"workshop": workshop, "form": form}, status=status
        )
    upload = form.cleaned_data["file"]
    if (upload.size or 0) > imports.MAX_BYTES:
        result = imports.ImportResult(
            errors=[imports.RowError(None, "", imports.too_big(upload.size))]
        )
        return _import_page(request, workshop, form, result=result)
    data = upload.read(imports.MAX_BYTES + 1)
    try:
        preview = imports.preview_bytes(data, upload.name or "")
    except imports.TableError as error:
        result = imports.ImportResult(errors=[imports.RowError(None, "", error.message)])
        return _import_page(request, workshop, form, result=result)
    token = imports.stash_upload(data)
    request.session[stash_key] = {"token": token, "name": upload.name or ""}
    checked = imports.check_bytes(data, upload.name or "")
    return _import_page(request, workshop, form, preview=preview, result=checked, token=token)


def _import_page(
    request: HttpRequest,
    workshop: Workshop,
    form: ImportForm,
    *,
    result: imports.ImportResult,
    preview: imports.Preview | None = None,
    token: str = "",
) -> HttpResponse:
    context = {
        "workshop": workshop,
        "form": form,
        "result": result,
        "preview": preview,
        "token": token,
        "roles": list(imports.ROLE_LABELS.items()),
    }
    status = 400 if result.errors else 200
    return render(request, "workshops/import.html", context, status=status)


def _import_confirm(request: HttpRequest, workshop: Workshop, stash_key: str) -> HttpResponse:
    stashed = request.session.get(stash_key) or {}
    token = request.POST.get("token", "")
    data = imports.stashed_upload(token) if stashed.get("token") == token else None
    if data is None:
        messages.error(request, _("Fila er ikke lenger lagret. Last den opp på nytt."))
        return redirect("workshops:import", pk=workshop.pk)
    name = stashed.get("name", "")
    preview = imports.preview_bytes(data, name)
    mapping = [request.POST.get(f"column_{i}", "") for i in range(len(preview.headers))]
    result = imports.import_bytes(workshop=workshop, data=data, filename=name, mapping=mapping)
    if result.ok:
        imports.drop_stash(token)
        del request.session[stash_key]
        messages.success(request, result.summary())
        return redirect("workshops:console", pk=workshop.pk)
    chosen = imports.Preview(
        headers=preview.headers,
        mapping=imports.Mapping(roles=mapping),
        sample=preview.sample,
        row_count=preview.row_count,
    )
    return _import_page(request, workshop, ImportForm(), result=result, preview=chosen, token=token)
