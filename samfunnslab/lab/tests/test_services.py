from __future__ import annotations

import pytest
from django.utils import translation

from samfunnslab.core.errors import Refusal
from samfunnslab.lab import selectors, services
from samfunnslab.lab.models import Finding, Rating, Status
from samfunnslab.lab.tests import factories

pytestmark = pytest.mark.django_db


def test_an_exercise_needs_at_least_one_condition(organisation) -> None:
    model = factories.community_model(organisation)
    with pytest.raises(Refusal, match="minst én rammebetingelse"):
        services.exercise_create(
            organisation=organisation, user=None, model=model, title="", conditions=[]
        )


def test_a_finding_records_element_condition_and_an_open_status(organisation) -> None:
    ex = factories.exercise(organisation)
    finding = factories.finding(ex)
    assert finding.ref_kind == "role" and finding.role is not None
    assert finding.element_label == "Nabolagslaget – utfører – Omsorg for eldre"
    assert finding.status == Status.OPEN
    assert [s.to_status for s in finding.status_changes.all()] == [Status.OPEN]


def test_the_registered_note_is_kept_in_bokmal_when_the_interface_is_english(organisation):
    ex = factories.exercise(organisation)
    with translation.override("en"):
        finding = factories.finding(ex)
    assert finding.status_changes.get().note == "Funnet ble registrert."


def test_a_finding_can_point_at_a_relation(organisation) -> None:
    ex = factories.exercise(organisation)
    relation = ex.model.relations.first()
    finding = factories.finding(ex, ref=f"relation:{relation.pk}")
    assert finding.relation == relation and "→" in finding.element_label


def test_a_finding_on_a_condition_outside_the_exercise_is_refused(organisation) -> None:
    ex = factories.exercise(organisation)
    with pytest.raises(Refusal, match="rammebetingelse som er med"):
        factories.finding(ex, condition=factories.condition("barnehageloven"))
    assert not Finding.objects.exists()


def test_a_finding_on_another_models_element_is_refused(organisation) -> None:
    ex = factories.exercise(organisation)
    other = factories.community_model(organisation, name="Annen modell")
    with pytest.raises(Refusal, match="finnes ikke i denne modellen"):
        factories.finding(ex, ref=factories.role_ref(other))


def test_a_finding_without_description_is_refused_and_nothing_is_saved(organisation) -> None:
    ex = factories.exercise(organisation)
    with pytest.raises(Refusal, match="Beskrivelse"):
        factories.finding(ex, description="   ")
    assert not Finding.objects.exists()


def test_the_forsok_letter_is_kept_only_for_forsok(organisation) -> None:
    ex = factories.exercise(organisation)
    assert factories.finding(ex, room="forsok", forsok_letter="b").forsok_letter == "b"
    assert factories.finding(ex, room="law_change", forsok_letter="b").forsok_letter == ""


def test_two_raters_are_kept_side_by_side(organisation) -> None:
    finding = factories.finding(factories.exercise(organisation))
    services.rating_add(finding=finding, rater_name="Kari", severity=2, certainty=4)
    services.rating_add(finding=finding, rater_name="Per", severity=5, certainty=4)
    view = selectors.finding_view(finding)
    assert [(r.rater_name, r.severity) for r in view.ratings] == [("Kari", 2), ("Per", 5)]
    assert view.severity_mean == 3.5


def test_rating_again_replaces_the_raters_earlier_rating(organisation) -> None:
    finding = factories.finding(factories.exercise(organisation))
    services.rating_add(finding=finding, rater_name="Kari", severity=2, certainty=4)
    services.rating_add(finding=finding, rater_name="Kari", severity=3, certainty=4)
    assert Rating.objects.get(finding=finding).severity == 3


@pytest.mark.parametrize("severity", [0, 6, "", "tre", None])
def test_a_severity_outside_one_to_five_is_refused(organisation, severity) -> None:
    finding = factories.finding(factories.exercise(organisation))
    with pytest.raises(Refusal, match="Alvorlighet"):
        services.rating_add(finding=finding, rater_name="Kari", severity=severity, certainty=3)
    assert not Rating.objects.exists()


def test_a_rating_needs_a_rater(organisation) -> None:
    finding = factories.finding(factories.exercise(organisation))
    with pytest.raises(Refusal, match="Hvem vurderer"):
        services.rating_add(finding=finding, rater_name="", severity=3, certainty=3)


def test_status_changes_are_kept_as_an_audit_trail(organisation, facilitator) -> None:
    finding = factories.finding(factories.exercise(organisation))
    services.finding_set_status(
        finding=finding, status="assessed", user=facilitator, note="Sett på"
    )
    services.finding_set_status(finding=finding, status="closed", user=facilitator)
    steps = [(s.from_status, s.to_status) for s in finding.status_changes.all()]
    assert steps == [("", "open"), ("open", "assessed"), ("assessed", "closed")]
    assert finding.status_changes.last().changed_by == facilitator


def test_setting_the_same_status_again_is_refused(organisation) -> None:
    finding = factories.finding(factories.exercise(organisation))
    with pytest.raises(Refusal, match="allerede"):
        services.finding_set_status(finding=finding, status="open", user=None)
    assert finding.status_changes.count() == 1


def test_a_duplicate_submit_of_the_same_finding_is_refused(organisation) -> None:
    ex = factories.exercise(organisation)
    factories.finding(ex, description="Samme funn")
    with pytest.raises(Refusal, match="allerede registrert"):
        factories.finding(ex, description="Samme funn")
    assert Finding.objects.count() == 1
