"""Thin views for the method library, processes and the facilitator guide (all work without JS)."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samfunnslab.accounts.authorizers import editable_organisations
from samfunnslab.core.errors import Refusal
from samfunnslab.core.http import int_or_none
from samfunnslab.methods import authorizers, selectors, services
from samfunnslab.methods.forms import (
    EvaluationForm,
    ItemAddForm,
    ItemUpdateForm,
    NewProcessForm,
    ProcessSettingsForm,
    StepFilterForm,
)
from samfunnslab.methods.guide import build_guide, render_guide_pdf
from samfunnslab.methods.indicators import process_indicators
from samfunnslab.methods.models import MethodStep, Phase, Process, ProcessItem, ProcessRun


def _form_error(request: HttpRequest, form: forms.Form) -> None:
    """Show the form's first error as a message."""
    errors = [error for field_errors in form.errors.values() for error in field_errors]
    messages.error(request, errors[0] if errors else _("Noe var feil i skjemaet."))


def _validation_error(request: HttpRequest, error: Refusal) -> None:
    """Show a service's validation error as a message."""
    messages.error(request, " ".join(error.messages))


def _to_process(process: Process, anchor: str = "") -> HttpResponse:
    """Redirect to the process page, optionally to an anchor."""
    url = reverse("methods:process_detail", args=[process.slug])
    return redirect(f"{url}#{anchor}" if anchor else url)


def _text_lang(shown: list[Any]) -> str:
    """Return "nn" when every shown step or process has its texts in nynorsk, else "nb"."""
    return "nn" if shown and all(thing.text_lang == "nn" for thing in shown) else "nb"


def index(request: HttpRequest) -> HttpResponse:
    """Show the step library with search and filters."""
    form = StepFilterForm(request.GET or None)
    found = (
        selectors.step_search(form.criteria()) if form.is_bound else list(MethodStep.objects.all())
    )
    steps = [step.in_language(get_language()) for step in found]
    templates = [p.in_language(get_language()) for p in selectors.process_templates()]
    return render(
        request,
        "methods/index.html",
        {
            "form": form,
            "steps": steps,
            "text_lang": _text_lang(steps),
            "filtered": form.is_bound,
            "step_count": MethodStep.objects.count(),
            "templates": templates,
            "phases": Phase,
        },
    )


def step_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """Show one step with everything a facilitator needs."""
    found = selectors.step_by_slug(slug)
    if found is None:
        raise Http404(_("Fant ikke steget."))
    step = found.in_language(get_language())
    editable = [
        p
        for p in selectors.processes_for(request.user)
        if authorizers.can_edit_process(request.user, p)
    ]
    return render(
        request,
        "methods/step_detail.html",
        {"step": step, "phase": Phase(step.phase).label, "editable_processes": editable},
    )


def process_list(request: HttpRequest) -> HttpResponse:
    """List the templates and the user's own processes."""
    templates = [p.in_language(get_language()) for p in selectors.process_templates()]
    return render(
        request,
        "methods/process_list.html",
        {
            "templates": templates,
            "text_lang": _text_lang(templates),
            "processes": selectors.processes_for(request.user),
            "organisations": editable_organisations(request.user),
            "new_form": NewProcessForm(),
        },
    )


@login_required
@require_POST
def process_new(request: HttpRequest) -> HttpResponse:
    """Create an empty process in one of the user's organisations."""
    form = NewProcessForm(request.POST)
    organisations = editable_organisations(request.user)
    if not organisations:
        raise PermissionDenied
    if not form.is_valid():
        _form_error(request, form)
        return redirect("methods:process_list")
    chosen = form.cleaned_data["organisation"]
    organisation = next((o for o in organisations if o.pk == chosen), organisations[0])
    process = services.process_create(
        organisation=organisation,
        user=request.user,
        name=form.cleaned_data["name"],
        target_minutes=form.cleaned_data["target_minutes"],
    )
    messages.success(request, _("Prosessen er opprettet. Legg til steg fra biblioteket."))
    return _to_process(process)


def process_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """Show a process: agenda with clock times, time sums, warnings, editing and evaluations."""
    return _process_page(request, authorizers.get_process_for_view(request.user, slug))


def _process_page(
    request: HttpRequest,
    process: Process,
    *,
    settings_form: ProcessSettingsForm | None = None,
    evaluation_form: EvaluationForm | None = None,
) -> HttpResponse:
    """Render the process page; a refused form comes back bound, with its errors and input."""
    can_edit = authorizers.can_edit_process(request.user, process)
    shown = process.in_language(get_language())
    agenda = selectors.process_agenda(process, language=get_language())
    refused = settings_form is not None or evaluation_form is not None
    return render(
        request,
        "methods/process_detail.html",
        {
            "process": shown,
            "text_lang": _text_lang([shown, *(row.item for row in agenda.rows)]),
            "agenda": agenda,
            "can_edit": can_edit,
            "can_copy": authorizers.can_copy_process(request.user, process),
            "organisations": editable_organisations(request.user),
            "steps": MethodStep.objects.all(),
            "settings_form": settings_form or _settings_form(process),
            "evaluation_form": evaluation_form or EvaluationForm(),
            "evaluations": process.evaluations.all(),
            "runs": process.runs.select_related("item").order_by("-created_at")[:10],
            "pulse_workshops": selectors.pulse_workshops(process),
            "pulse_report": selectors.pulse_report(process, get_language()),
            "indicators": process_indicators(process),
        },
        status=400 if refused else 200,
    )


def _settings_form(process: Process) -> ProcessSettingsForm:
    return ProcessSettingsForm(
        initial={
            "name": process.name,
            "summary": process.summary,
            "target_minutes": process.target_minutes,
            "start_time": process.start_time.strftime("%H:%M"),
            "easy_language": process.easy_language,
        }
    )


@login_required
@require_POST
def process_copy(request: HttpRequest, slug: str) -> HttpResponse:
    """Copy a template (or any visible process) into one of the user's organisations."""
    source = authorizers.get_process_for_view(request.user, slug)
    organisations = editable_organisations(request.user)
    if not organisations:
        raise PermissionDenied
    chosen = request.POST.get("organisation", "")
    organisation = next((o for o in organisations if str(o.pk) == chosen), organisations[0])
    try:
        process = services.process_copy(
            source=source,
            organisation=organisation,
            user=request.user,
            name=request.POST.get("name", "")[:300],
        )
    except Refusal as error:
        _validation_error(request, error)
        return _to_process(source)
    messages.success(request, _("Kopien er laget. Nå kan du endre den."))
    return _to_process(process)


@login_required
@require_POST
def process_settings(request: HttpRequest, slug: str) -> HttpResponse:
    """Save the process's name, purpose, duration and start time."""
    process = authorizers.get_process_for_edit(request.user, slug)
    form = ProcessSettingsForm(request.POST)
    if not form.is_valid():
        return _process_page(request, process, settings_form=form)
    try:
        services.process_update(process=process, **form.cleaned_data)
    except Refusal as error:
        _validation_error(request, error)
    else:
        messages.success(request, _("Endringene er lagret."))
    return _to_process(process, "innstillinger")


@login_required
@require_POST
def item_add(request: HttpRequest, slug: str) -> HttpResponse:
    """Add a library step or an own item to the process."""
    process = authorizers.get_process_for_edit(request.user, slug)
    form = ItemAddForm(request.POST)
    if not form.is_valid():
        _form_error(request, form)
        return _to_process(process, "agenda")
    data = form.cleaned_data
    step = None
    if data["step"]:
        step = MethodStep.objects.filter(slug=data["step"]).first()
        if step is None:
            messages.error(request, _("Fant ikke steget. Velg et steg fra listen."))
            return _to_process(process, "agenda")
    try:
        item = services.process_item_add(
            process=process,
            step=step,
            title=data["title"],
            minutes=data["minutes"],
            meeting=data["meeting"],
        )
    except Refusal as error:
        _validation_error(request, error)
        return _to_process(process, "agenda")
    messages.success(request, _("«%(title)s» er lagt til.") % {"title": item.display_title})
    return _to_process(process, f"punkt-{item.pk}")


def _item_for_edit(request: HttpRequest, slug: str, item_id: int) -> ProcessItem:
    """Return the item if the user may edit its process."""
    process = authorizers.get_process_for_edit(request.user, slug)
    return get_object_or_404(
        ProcessItem.objects.select_related("process", "step"), pk=item_id, process=process
    )


@login_required
@require_POST
def item_move(request: HttpRequest, slug: str, item_id: int) -> HttpResponse:
    """Move an item up or down."""
    item = _item_for_edit(request, slug, item_id)
    try:
        services.process_item_move(item=item, direction=request.POST.get("direction", ""))
    except Refusal as error:
        _validation_error(request, error)
    return _to_process(item.process, f"punkt-{item.pk}")


@login_required
@require_POST
def item_remove(request: HttpRequest, slug: str, item_id: int) -> HttpResponse:
    """Remove an item from the process."""
    item = _item_for_edit(request, slug, item_id)
    title, process = item.display_title, item.process
    services.process_item_remove(item=item)
    messages.success(request, _("«%(title)s» er fjernet.") % {"title": title})
    return _to_process(process, "agenda")


@login_required
@require_POST
def item_update(request: HttpRequest, slug: str, item_id: int) -> HttpResponse:
    """Change an item's minutes and meeting."""
    item = _item_for_edit(request, slug, item_id)
    form = ItemUpdateForm(request.POST)
    if not form.is_valid():
        _form_error(request, form)
    else:
        services.process_item_update(
            item=item, minutes=form.cleaned_data["minutes"], meeting=form.cleaned_data["meeting"]
        )
        messages.success(request, _("Tiden er endret."))
    return _to_process(item.process, f"punkt-{item.pk}")


def _chosen_municipality(raw: str) -> str:
    """The municipality picked by name («Tromsø (5501)») when starting a workshop; "" = default."""
    from django import forms as django_forms

    from samfunnslab.workshops.forms import MunicipalityField

    if not raw.strip():
        return ""
    try:
        return str(MunicipalityField().clean(raw))
    except django_forms.ValidationError as error:
        raise Refusal(" ".join(error.messages)) from None


@login_required
@require_POST
def item_run(request: HttpRequest, slug: str, item_id: int) -> HttpResponse:
    """Start a live workshop pre-filled with the step's activities."""
    item = _item_for_edit(request, slug, item_id)
    try:
        municipality = _chosen_municipality(request.POST.get("municipality", ""))
        run = services.process_run_start(
            item=item, user=request.user, municipality_code=municipality, language=get_language()
        )
    except Refusal as error:
        _validation_error(request, error)
        return _to_process(item.process, f"punkt-{item.pk}")
    messages.success(request, _("Verkstedet er klart."))
    return redirect(run.workshop_url or reverse("methods:process_detail", args=[slug]))


@login_required
@require_POST
def activity_start(request: HttpRequest, slug: str, item_id: int, index: int) -> HttpResponse:
    """Start a sub-step's phone activity from the guide in one click (asks which workshop when
    the process has several open ones)."""
    item = _item_for_edit(request, slug, item_id)
    raw = request.POST.get("workshop")
    if raw is None:
        choices = selectors.workshops_to_start_in(item.process, request.user)
        if len(choices) > 1:
            return render(
                request,
                "methods/activity_start.html",
                {
                    "process": item.process,
                    "item": item,
                    "index": index,
                    "choices": choices,
                    "activity": _activity_or_404(item, index),
                },
            )
        raw = str(choices[0][0]) if choices else ""
    try:
        console = services.step_activity_start(
            item=item,
            index=index,
            user=request.user,
            workshop_id=int_or_none(raw) or services.NEW_WORKSHOP,
            municipality_code=_chosen_municipality(request.POST.get("municipality", "")),
            language=get_language(),
        )
    except Refusal as error:
        _validation_error(request, error)
        return redirect(reverse("methods:process_guide", args=[slug]))
    messages.success(request, _("Aktiviteten er klar på skjermen og mobilene."))
    return redirect(console)


def _activity_or_404(item: ProcessItem, index: int) -> dict[str, Any]:
    try:
        return services.step_activity(item, index, get_language())
    except Refusal:
        raise Http404 from None


@login_required
@require_POST
def process_evaluate(request: HttpRequest, slug: str) -> HttpResponse:
    """Record a short evaluation after a workshop."""
    process = authorizers.get_process_for_edit(request.user, slug)
    form = EvaluationForm(request.POST)
    if not form.is_valid():
        return _process_page(request, process, evaluation_form=form)
    try:
        services.process_evaluation_add(process=process, user=request.user, **form.cleaned_data)
    except Refusal as error:
        _validation_error(request, error)
    else:
        messages.success(
            request, _("Takk! Evalueringen er lagret med versjon %(v)s.") % {"v": process.version}
        )
    return _to_process(process, "evaluering")


def _guide_options(request: HttpRequest) -> tuple[datetime.time | None, bool | None, str]:
    """Read the start time and worksheet variant from the query string; return an error text."""
    start, error = None, ""
    raw = request.GET.get("start", "").strip()
    if raw:
        try:
            start = datetime.time.fromisoformat(raw[:5])
        except ValueError:
            error = _("Skriv starttiden som tt:mm, for eksempel 18:00.")
    variant = request.GET.get("ark", "")
    child = {"barn": True, "voksen": False}.get(variant)
    return start, child, error


def process_guide(request: HttpRequest, slug: str) -> HttpResponse:
    """Show the facilitator guide as an HTML page."""
    process = authorizers.get_process_for_view(request.user, slug)
    start, child, error = _guide_options(request)
    guide = build_guide(process, start=start, child_friendly=child)
    return render(
        request,
        "methods/guide.html",
        {
            "process": process,
            "guide": guide,
            "start_error": error,
            "start_value": guide.start_time.strftime("%H:%M"),
            "variant": request.GET.get("ark", ""),
            "query": request.GET.urlencode(),
            "can_start": authorizers.can_edit_process(request.user, process)
            and not process.is_template,
        },
    )


def process_guide_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    """Return the facilitator guide as a PDF file."""
    process = authorizers.get_process_for_view(request.user, slug)
    start, child, _error = _guide_options(request)
    pdf = render_guide_pdf(build_guide(process, start=start, child_friendly=child))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="veileder-{process.slug}-v{process.version}.pdf"'
    )
    return response


def _run_for_edit(request: HttpRequest, slug: str, run_id: int) -> ProcessRun:
    """Return the process's workshop run if the user may edit the process."""
    process = authorizers.get_process_for_edit(request.user, slug)
    return get_object_or_404(
        ProcessRun.objects.select_related("process", "item"), pk=run_id, process=process
    )


@login_required
@require_POST
def pulse_add(request: HttpRequest, slug: str, run_id: int) -> HttpResponse:
    """Add the expectation-gap pulse (before and after) to a workshop in one click."""
    run = _run_for_edit(request, slug, run_id)
    try:
        services.pulse_add(run=run)
    except Refusal as error:
        _validation_error(request, error)
    else:
        messages.success(
            request,
            _(
                "Forventningspulsen er lagt til: «Før vi starter» først og «Etter» sist i "
                "verkstedet."
            ),
        )
    return _to_process(run.process, "forventningspuls")


@login_required
@require_POST
def pulse_repeat(request: HttpRequest, slug: str, run_id: int) -> HttpResponse:
    """Ask the pulse again (about three months later) through the workshop's self-paced link."""
    run = _run_for_edit(request, slug, run_id)
    try:
        services.pulse_repeat_start(run=run)
    except Refusal as error:
        _validation_error(request, error)
    else:
        messages.success(
            request,
            _(
                "Gjentakelsen er åpen i %(days)s dager. Send verkstedets lenke til deltakerne "
                "på nytt."
            )
            % {"days": services.REPEAT_WINDOW_DAYS},
        )
    return _to_process(run.process, "forventningspuls")
