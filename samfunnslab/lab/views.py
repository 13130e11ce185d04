"""Thin views of the lab: parse input, check access, call one service, render."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from samfunnslab.accounts.authorizers import editable_organisations
from samfunnslab.community_models.authorizers import visible_models
from samfunnslab.core.errors import Refusal
from samfunnslab.core.http import ints
from samfunnslab.lab import authorizers, documents, pages, selectors, services
from samfunnslab.lab.forms import (
    ConditionCheckForm,
    ConditionForm,
    ExerciseForm,
    FindingForm,
    RatingForm,
    StatusForm,
)
from samfunnslab.lab.models import (
    FrameworkCondition,
    Room,
)

MAX_COMPARE = 3


def _organisations(request: HttpRequest) -> list[Any]:
    """Return the organisations the user edits in; someone who edits in none may not write."""
    organisations = editable_organisations(request.user)
    if not organisations:
        raise PermissionDenied
    return organisations


def index(request: HttpRequest) -> HttpResponse:
    """Show the lab: the register, the exercises and a form to start one."""
    return _index(request, errors=[], status=200)


def _index(request: HttpRequest, *, errors: list[str], status: int) -> HttpResponse:
    # A link such as "Test i laben" on a model page preselects the model (?model=<pk>).
    form = request.POST if request.method == "POST" else request.GET
    context = pages.index_context(request.user, errors=errors, form=form)
    return render(request, "lab/index.html", context, status=status)


@login_required
@require_POST
def exercise_create(request: HttpRequest) -> HttpResponse:
    """Start a lab exercise for a visible model."""
    form = ExerciseForm(
        request.POST,
        organisation=_organisations(request),
        model=visible_models(request.user),
        conditions=authorizers.visible_conditions(request.user),
    )
    try:
        exercise = services.exercise_create(user=request.user, **form.cleaned_or_refuse())
    except Refusal as error:
        return _index(request, errors=error.messages, status=400)
    messages.success(request, _("Øvelsen er opprettet."))
    return redirect("lab:exercise", pk=exercise.pk)


def register(request: HttpRequest) -> HttpResponse:
    """Show the framework-conditions register with search and filters."""
    q, level, type_ = (request.GET.get(k, "") for k in ("q", "level", "type"))
    conditions = selectors.register_search(
        authorizers.visible_conditions(request.user), q=q, level=level, type=type_
    )
    context = {
        "conditions": conditions,
        "q": q,
        "level": level,
        "type": type_,
        "can_add": bool(editable_organisations(request.user)),
        **pages.choices(),
    }
    return render(request, "lab/register.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def condition_create(request: HttpRequest) -> HttpResponse:
    """Add a local entry to the register."""
    errors: list[str] = []
    if request.method == "POST":
        form = ConditionForm(request.POST, organisation=_organisations(request))
        try:
            condition = services.condition_create(user=request.user, **form.cleaned_or_refuse())
        except Refusal as error:
            errors = error.messages
        else:
            messages.success(request, _("Oppføringen er lagt til i registeret."))
            return redirect("lab:condition_detail", pk=condition.pk)
    elif not editable_organisations(request.user):
        raise PermissionDenied
    context = {
        "errors": errors,
        "form": request.POST,
        "organisations": editable_organisations(request.user),
        **pages.choices(),
    }
    return render(request, "lab/condition_form.html", context, status=400 if errors else 200)


def condition_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Show one register entry and, to those allowed, the form to record a jurist check."""
    condition = authorizers.get_condition_for_view(request.user, pk)
    return _condition_page(request, condition, errors=[])


def _condition_page(
    request: HttpRequest, condition: FrameworkCondition, *, errors: list[str]
) -> HttpResponse:
    context = {
        "condition": condition,
        "can_check": authorizers.can_check_condition(request.user, condition),
        "errors": errors,
        "today": dt.date.today().isoformat(),
    }
    return render(request, "lab/condition_detail.html", context, status=400 if errors else 200)


@login_required
@require_POST
def condition_check(request: HttpRequest, pk: int) -> HttpResponse:
    """Record that a named person has checked the entry."""
    condition = authorizers.get_condition_for_view(request.user, pk)
    if not authorizers.can_check_condition(request.user, condition):
        raise PermissionDenied
    try:
        services.condition_check(
            condition=condition, **ConditionCheckForm(request.POST).cleaned_or_refuse()
        )
    except Refusal as error:
        return _condition_page(request, condition, errors=error.messages)
    messages.success(request, _("Kontrollen er registrert."))
    return redirect("lab:condition_detail", pk=condition.pk)


@login_required
def exercise_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Show the exercise: the matrix, the findings with ratings, and the form for a new finding."""
    exercise = authorizers.get_exercise_for_view(request.user, pk)
    return _exercise_page(request, exercise, errors=[])


def _exercise_page(request: HttpRequest, exercise: Any, *, errors: list[str]) -> HttpResponse:
    views = selectors.finding_views(selectors.exercise_findings(exercise))
    context = {
        "exercise": exercise,
        "conditions": list(exercise.conditions.all()),
        "matrix": selectors.exercise_matrix(exercise, views),
        "findings": views,
        "ref_groups": selectors.element_ref_groups(exercise.model),
        "can_edit": authorizers.can_edit_exercise(request.user, exercise),
        "errors": errors,
        "form": request.POST,
        **pages.choices(),
    }
    return render(request, "lab/exercise.html", context, status=400 if errors else 200)


@login_required
@require_POST
def finding_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Record a finding in the exercise."""
    exercise = authorizers.get_exercise_for_edit(request.user, pk)
    form = FindingForm(request.POST, condition=exercise.conditions.all())
    try:
        finding = services.finding_create(
            exercise=exercise, user=request.user, **form.cleaned_or_refuse()
        )
    except Refusal as error:
        return _exercise_page(request, exercise, errors=error.messages)
    messages.success(request, _("Funnet er registrert."))
    return redirect("lab:finding", pk=finding.pk)


def _finding_page(request: HttpRequest, finding: Any, *, errors: list[str]) -> HttpResponse:
    exercise = finding.exercise
    context = {
        "finding": selectors.finding_view(finding),
        "exercise": exercise,
        "history": finding.status_changes.select_related("changed_by"),
        "can_edit": authorizers.can_edit_exercise(request.user, exercise),
        "can_rate": authorizers.can_rate(request.user, exercise),
        "rater_fixed": not authorizers.can_edit_exercise(request.user, exercise),
        "errors": errors,
        "form": request.POST,
        **pages.choices(),
    }
    template = "lab/finding.html#ratings" if request.htmx and not errors else "lab/finding.html"
    return render(request, template, context, status=400 if errors else 200)


@login_required
def finding_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Show one finding with ratings side by side and its status history."""
    return _finding_page(request, authorizers.get_finding_for_view(request.user, pk), errors=[])


@login_required
def ratings_hx(request: HttpRequest, pk: int) -> HttpResponse:
    """Return the ratings table of a finding (for live refresh in a workshop)."""
    finding = authorizers.get_finding_for_view(request.user, pk)
    context = {"finding": selectors.finding_view(finding)}
    return render(request, "lab/finding.html#ratings", context)


@login_required
@require_POST
def rating_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Add or replace one person's rating of the finding."""
    finding = authorizers.get_finding_for_view(request.user, pk)
    if not authorizers.can_rate(request.user, finding.exercise):
        raise PermissionDenied
    try:
        rating = RatingForm(request.POST).cleaned_or_refuse()
        if not authorizers.can_edit_exercise(request.user, finding.exercise):
            rating["rater_name"] = request.user.get_full_name() or request.user.get_username()
        services.rating_add(finding=finding, user=request.user, **rating)
    except Refusal as error:
        return _finding_page(request, finding, errors=error.messages)
    if request.htmx:
        return _finding_page(request, finding, errors=[])
    messages.success(request, _("Vurderingen er lagret."))
    return redirect("lab:finding", pk=finding.pk)


@login_required
@require_POST
def finding_status(request: HttpRequest, pk: int) -> HttpResponse:
    """Move the finding to a new status (kept in the audit trail)."""
    finding = authorizers.get_finding_for_view(request.user, pk)
    if not authorizers.can_edit_exercise(request.user, finding.exercise):
        raise PermissionDenied
    try:
        services.finding_set_status(
            finding=finding, user=request.user, **StatusForm(request.POST).cleaned_or_refuse()
        )
    except Refusal as error:
        return _finding_page(request, finding, errors=error.messages)
    messages.success(request, _("Statusen er endret."))
    return redirect("lab:finding", pk=finding.pk)


@login_required
@require_http_methods(["GET", "POST"])
def finding_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask for confirmation (GET), then delete the finding (POST); only for the exercise's editors."""
    finding = authorizers.get_finding_for_edit(request.user, pk)
    if request.method == "POST":
        exercise = services.finding_delete(finding=finding)
        messages.success(request, _("Funnet er slettet."))
        return redirect("lab:exercise", pk=exercise.pk)
    return render(request, "lab/finding_delete.html", {"finding": finding})


@login_required
def summary(request: HttpRequest, pk: int) -> HttpResponse:
    """Show the exercise's summary: counts by type, level and room for manoeuvre."""
    exercise = authorizers.get_exercise_for_view(request.user, pk)
    context = {"summary": selectors.exercise_summary(exercise), "exercise": exercise}
    return render(request, "lab/summary.html", context)


@login_required
def summary_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """Download the summary as a PDF."""
    exercise = authorizers.get_exercise_for_view(request.user, pk)
    pdf = documents.summary_pdf(selectors.exercise_summary(exercise))
    return _download(pdf, "application/pdf", f"lab-sammendrag-{exercise.pk}.pdf")


def _download(content: bytes | str, content_type: str, filename: str) -> HttpResponse:
    """Return a file download response."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def findings_csv(request: HttpRequest, pk: int) -> HttpResponse:
    """Download the exercise's findings as CSV."""
    exercise = authorizers.get_exercise_for_view(request.user, pk)
    return _download(
        documents.findings_csv([exercise]), "text/csv; charset=utf-8", f"funn-{exercise.pk}.csv"
    )


@login_required
def all_findings_csv(request: HttpRequest) -> HttpResponse:
    """Download every finding the user may see as CSV."""
    exercises = list(authorizers.visible_exercises(request.user).select_related("model"))
    return _download(documents.findings_csv(exercises), "text/csv; charset=utf-8", "alle-funn.csv")


@login_required
def forsok(request: HttpRequest, pk: int) -> HttpResponse:
    """Show the forsøk draft form with the § 4 checklist; download it as PDF or DOCX."""
    exercise = authorizers.get_exercise_for_view(request.user, pk)
    errors: list[str] = []
    fmt = request.GET.get("format", "")
    if fmt in ("pdf", "docx"):
        try:
            draft = documents.forsok_draft(
                exercise,
                what_to_try=request.GET.get("what_to_try", ""),
                years=request.GET.get("years", "4"),
                extension_years=request.GET.get("extension_years", "0"),
                evaluation_plan=request.GET.get("evaluation_plan", ""),
            )
        except Refusal as error:
            errors = error.messages
        else:
            if fmt == "pdf":
                return _download(
                    documents.forsok_pdf(draft), "application/pdf", "forsok-utkast.pdf"
                )
            return _download(
                documents.forsok_docx(draft),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                "forsok-utkast.docx",
            )
    context = {
        "exercise": exercise,
        "findings": selectors.forsok_findings(exercise),
        "errors": errors,
        "form": request.GET,
    }
    return render(request, "lab/forsok.html", context, status=400 if errors else 200)


def compare(request: HttpRequest) -> HttpResponse:
    """Show 'what would it take' for each visible model, or for 2–3 chosen models side by side."""
    models = visible_models(request.user).order_by("name")
    chosen = ints(request.GET.getlist("m"))[:MAX_COMPARE]
    shown = [m for m in models if m.pk in chosen] if chosen else list(models)
    exercises = authorizers.visible_exercises(request.user)
    takes = selectors.what_it_takes(shown, exercises)
    # With 2–3 chosen models, also show each model's findings matrix side by side.
    matrices = (
        [selectors.model_findings_matrix(m, exercises) for m in shown]
        if len(shown) >= 2 and chosen
        else []
    )
    context = {
        "takes": takes,
        # Without any finding the table would be all zeros: the page explains what to do instead.
        "any_findings": any(t.findings for t in takes),
        "matrices": matrices,
        "models": models,
        "chosen": chosen,
        "rooms": Room.choices,
    }
    return render(request, "lab/compare.html", context)
