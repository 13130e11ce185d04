from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from samfunnslab.accounts import authorizers


def test_a_facilitator_may_edit_what_her_organisation_owns(facilitator, organisation):
    assert authorizers.can_edit(facilitator, organisation)


def test_a_viewer_colleague_may_view_but_not_edit(colleague, organisation):
    assert authorizers.can_view(colleague, organisation)
    assert not authorizers.can_edit(colleague, organisation)


def test_an_outsider_may_neither_view_nor_edit(outsider, organisation):
    assert not authorizers.can_view(outsider, organisation)
    with pytest.raises(PermissionDenied):
        authorizers.require_edit(outsider, organisation)


def test_an_outsider_may_view_what_is_shared(outsider, organisation):
    assert authorizers.can_view(outsider, organisation, shared=True)


def test_anonymous_visitors_have_no_role(organisation):
    from django.contrib.auth.models import AnonymousUser

    assert authorizers.role_in(AnonymousUser(), organisation) is None
