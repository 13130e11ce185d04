"""Who may see and change what in the lab (one place, tested with personas).

The shared register is public. A local entry, an exercise and its findings belong to an
organisation: its members see them; its admins and facilitators change them. Any member may rate
(a viewer only under their own name). Anyone who may edit in some organisation may record a named
jurist check of a shared entry.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from samfunnslab.accounts.authorizers import (
    UserLike,
    can_edit,
    can_view,
    editable_organisations,
    organisations_for,
)
from samfunnslab.lab.models import Finding, FrameworkCondition, LabExercise


def visible_conditions(user: UserLike) -> QuerySet[FrameworkCondition]:
    """Return the shared register plus the local entries of the user's organisations."""
    if getattr(user, "is_superuser", False):
        return FrameworkCondition.objects.all()
    return FrameworkCondition.objects.filter(
        Q(organisation__isnull=True) | Q(organisation__in=organisations_for(user))
    )


def can_check_condition(user: UserLike, condition: FrameworkCondition) -> bool:
    """Return whether the user may record a named check of the entry."""
    if condition.organisation is None:
        return bool(editable_organisations(user)) or getattr(user, "is_superuser", False)
    return can_edit(user, condition.organisation)


def visible_exercises(user: UserLike) -> QuerySet[LabExercise]:
    """Return the exercises of the user's organisations."""
    if getattr(user, "is_superuser", False):
        return LabExercise.objects.all()
    return LabExercise.objects.filter(organisation__in=organisations_for(user))


def can_edit_exercise(user: UserLike, exercise: LabExercise) -> bool:
    """Return whether the user may add findings and change their status."""
    return can_edit(user, exercise.organisation)


def can_rate(user: UserLike, exercise: LabExercise) -> bool:
    """Return whether the user may rate findings in the exercise."""
    return can_view(user, exercise.organisation)


def get_condition_for_view(user: UserLike, pk: int) -> FrameworkCondition:
    """Return a visible register entry or raise Http404 / PermissionDenied."""
    condition = get_object_or_404(FrameworkCondition, pk=pk)
    if condition.organisation is not None and not can_view(user, condition.organisation):
        raise PermissionDenied
    return condition


def get_exercise_for_view(user: UserLike, pk: int) -> LabExercise:
    """Return the exercise or raise Http404 / PermissionDenied."""
    exercise = get_object_or_404(LabExercise.objects.select_related("model", "organisation"), pk=pk)
    if not can_view(user, exercise.organisation):
        raise PermissionDenied
    return exercise


def get_exercise_for_edit(user: UserLike, pk: int) -> LabExercise:
    """Return the exercise if the user may edit it, or raise."""
    exercise = get_exercise_for_view(user, pk)
    if not can_edit_exercise(user, exercise):
        raise PermissionDenied
    return exercise


def get_finding_for_view(user: UserLike, pk: int) -> Finding:
    """Return the finding or raise Http404 / PermissionDenied."""
    finding = get_object_or_404(
        Finding.objects.select_related("exercise__organisation", "exercise__model", "condition"),
        pk=pk,
    )
    if not can_view(user, finding.exercise.organisation):
        raise PermissionDenied
    return finding


def get_finding_for_edit(user: UserLike, pk: int) -> Finding:
    """Return the finding if the user may edit its exercise, or raise."""
    finding = get_finding_for_view(user, pk)
    if not can_edit_exercise(user, finding.exercise):
        raise PermissionDenied
    return finding
