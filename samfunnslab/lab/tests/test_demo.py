"""Demo content: the lab exercise «Nabolagsmodellen mot dagens rammebetingelser»."""

from __future__ import annotations

import pytest

from samfunnslab.community_models import demo as model_demo
from samfunnslab.lab import demo, services
from samfunnslab.lab.models import Finding
from samfunnslab.lab.tests import factories

pytestmark = pytest.mark.django_db

OLD = "Nabolagslagene Bestemmer Beslutninger og demokrati"
NEW = "Nabolagslagene – bestemmer – Beslutninger og demokrati"


@pytest.fixture
def demo_exercise(organisation, facilitator):
    model_demo.load_demo(organisation=organisation, user=facilitator)
    exercise = demo.load_demo(organisation=organisation, user=facilitator)
    assert exercise is not None
    return exercise


def test_the_demo_findings_name_their_roles_in_the_current_wording(demo_exercise) -> None:
    labels = set(demo_exercise.findings.values_list("element_label", flat=True))
    assert NEW in labels
    assert not any("Bestemmer" in label or "Utfører" in label for label in labels)


def test_loading_the_demo_again_brings_old_role_labels_up_to_date(
    demo_exercise, organisation, facilitator
) -> None:
    finding = demo_exercise.findings.get(element_label=NEW)
    Finding.objects.filter(pk=finding.pk).update(element_label=OLD)  # as stored before the rename
    demo.load_demo(organisation=organisation, user=facilitator)
    finding.refresh_from_db()
    assert finding.element_label == NEW
    assert demo_exercise.findings.count() == len(demo.FINDINGS)


def test_the_refresh_leaves_labels_it_did_not_write_in_the_old_wording(organisation) -> None:
    exercise = factories.exercise(organisation)
    finding = factories.finding(exercise)
    Finding.objects.filter(pk=finding.pk).update(element_label="Nabolaget bestemmer selv")
    assert services.finding_labels_refresh(exercise=exercise) == 0
    finding.refresh_from_db()
    assert finding.element_label == "Nabolaget bestemmer selv"
