"""Who may see, copy and edit processes (personas: alice facilitator, bob viewer, charlie outsider)."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from samfunnslab.methods.authorizers import can_copy_process, can_edit_process, can_view_process
from samfunnslab.methods.models import Process
from samfunnslab.methods.tests.factories import copy_of


def test_templates_are_public_but_never_edited(facilitator):
    template = Process.objects.get(slug="kommunestyrekveld")
    assert can_view_process(AnonymousUser(), template)
    assert can_copy_process(facilitator, template)
    assert not can_edit_process(facilitator, template)


def test_the_facilitator_may_edit_her_organisations_process(organisation, facilitator):
    assert can_edit_process(facilitator, copy_of("barn-og-unge", organisation=organisation))


def test_a_viewer_may_see_but_not_edit_or_copy(organisation, colleague):
    process = copy_of("barn-og-unge", organisation=organisation)
    assert can_view_process(colleague, process)
    assert not can_edit_process(colleague, process)
    assert not can_copy_process(colleague, process)


def test_it_rejects_outsider(organisation, outsider):
    process = copy_of("barn-og-unge", organisation=organisation)
    assert not can_view_process(outsider, process)
    assert not can_edit_process(outsider, process)


def test_it_rejects_anonymous(organisation):
    process = copy_of("barn-og-unge", organisation=organisation)
    assert not can_view_process(AnonymousUser(), process)


def test_worked_examples_are_public_but_only_the_owner_edits(organisation, outsider, facilitator):
    process = copy_of("barn-og-unge", organisation=organisation)
    process.is_example = True
    assert can_view_process(outsider, process) and can_copy_process(outsider, process)
    assert not can_edit_process(outsider, process)
    assert can_edit_process(facilitator, process)
