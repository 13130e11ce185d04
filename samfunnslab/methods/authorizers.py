"""Who may see, copy, edit and run processes. The step library itself is open to everyone."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from samfunnslab.accounts import authorizers as accounts
from samfunnslab.accounts.authorizers import UserLike
from samfunnslab.methods.models import Process


def can_view_process(user: UserLike, process: Process) -> bool:
    """Templates and worked examples are public; other processes are seen by the owner's members."""
    if process.is_template or process.is_example:
        return True
    return accounts.can_view(user, process.organisation)


def can_edit_process(user: UserLike, process: Process) -> bool:
    """Facilitators and admins of the owning organisation may edit; templates are never edited."""
    return not process.is_template and accounts.can_edit(user, process.organisation)


def can_copy_process(user: UserLike, process: Process) -> bool:
    """Anyone who may see a process and edit in some organisation may copy it."""
    return can_view_process(user, process) and bool(accounts.editable_organisations(user))


def get_process_for_view(user: UserLike, slug: str) -> Process:
    """Return the process, or raise 404 / PermissionDenied."""
    process = get_object_or_404(Process.objects.select_related("organisation"), slug=slug)
    if not can_view_process(user, process):
        raise PermissionDenied
    return process


def get_process_for_edit(user: UserLike, slug: str) -> Process:
    """Return the process if the user may edit it, or raise 404 / PermissionDenied."""
    process = get_object_or_404(Process.objects.select_related("organisation"), slug=slug)
    if not can_edit_process(user, process):
        raise PermissionDenied
    return process
