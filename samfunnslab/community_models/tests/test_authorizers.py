"""Access with personas: Alice edits, Bob reads, Charlie (another municipality) sees only shared models."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from samfunnslab.community_models import authorizers

pytestmark = pytest.mark.django_db


def test_the_facilitator_may_view_edit_and_fork(model, facilitator):
    assert authorizers.can_view_model(facilitator, model)
    assert authorizers.can_edit_model(facilitator, model)
    assert authorizers.can_fork_model(facilitator, model)


def test_a_viewer_colleague_may_view_but_not_edit_or_fork(model, colleague):
    assert authorizers.can_view_model(colleague, model)
    assert not authorizers.can_edit_model(colleague, model)
    assert not authorizers.can_fork_model(colleague, model)
    with pytest.raises(PermissionDenied):
        authorizers.get_model_for_edit(colleague, model.pk)


def test_it_rejects_an_outsider(model, outsider):
    assert not authorizers.can_view_model(outsider, model)
    with pytest.raises(PermissionDenied):
        authorizers.get_model_for_view(outsider, model.pk)
    assert model not in authorizers.visible_models(outsider)


def test_an_outsider_may_view_and_fork_a_shared_model_but_not_edit_it(model, outsider):
    model.shared = True
    model.save()
    assert model in authorizers.visible_models(outsider)
    assert authorizers.can_fork_model(outsider, model)
    assert not authorizers.can_edit_model(outsider, model)


def test_anonymous_visitors_see_only_shared_models(model):
    anonymous = AnonymousUser()
    assert model not in authorizers.visible_models(anonymous)
    model.shared = True
    model.save()
    assert authorizers.can_view_model(anonymous, model)
    assert not authorizers.can_fork_model(anonymous, model)
