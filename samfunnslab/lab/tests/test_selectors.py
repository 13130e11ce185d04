from __future__ import annotations

import pytest

from samfunnslab.lab import selectors, services
from samfunnslab.lab.models import FrameworkCondition, LabExercise
from samfunnslab.lab.tests import factories

pytestmark = pytest.mark.django_db


def _counts(counts: list[selectors.Count]) -> dict[str, int]:
    return {c.key: c.count for c in counts}


def test_raters_two_points_apart_are_a_disagreement(organisation) -> None:
    finding = factories.finding(factories.exercise(organisation))
    services.rating_add(finding=finding, rater_name="Kari", severity=2, certainty=3)
    services.rating_add(finding=finding, rater_name="Per", severity=4, certainty=3)
    view = selectors.finding_view(finding)
    assert view.severity_spread == 2 and view.disagreement


def test_raters_one_point_apart_agree(organisation) -> None:
    finding = factories.finding(factories.exercise(organisation))
    services.rating_add(finding=finding, rater_name="Kari", severity=3, certainty=3)
    services.rating_add(finding=finding, rater_name="Per", severity=4, certainty=4)
    assert not selectors.finding_view(finding).disagreement


def test_the_summary_counts_by_type_level_and_room(organisation) -> None:
    ex = factories.exercise(organisation)
    factories.finding(ex)
    factories.finding(ex, finding_type="opportunity", mechanism="enables")
    factories.finding(
        ex, condition=factories.condition("kommuneloven"), room="forsok", forsok_letter="a"
    )
    summary = selectors.exercise_summary(ex)
    assert summary.total == 3
    assert _counts(summary.by_type) == {"barrier": 2, "opportunity": 1, "uncertainty": 0}
    assert _counts(summary.by_level)["national"] == 3
    assert _counts(summary.by_room)["local_decision"] == 2
    assert _counts(summary.by_room)["forsok"] == 1
    assert [v.finding.room for v in summary.needs_forsok] == ["forsok"]


def test_the_summary_lists_the_worst_barriers_first(organisation) -> None:
    ex = factories.exercise(organisation)
    mild, severe = factories.finding(ex), factories.finding(ex)
    services.rating_add(finding=mild, rater_name="Kari", severity=1, certainty=3)
    services.rating_add(finding=severe, rater_name="Kari", severity=5, certainty=3)
    assert [v.finding for v in selectors.exercise_summary(ex).top_barriers] == [severe, mild]


def test_the_matrix_puts_each_finding_in_its_elements_row_and_conditions_column(
    organisation,
) -> None:
    ex = factories.exercise(organisation)
    finding = factories.finding(ex)
    views = selectors.finding_views(selectors.exercise_findings(ex))
    matrix = selectors.exercise_matrix(ex, views)
    conditions = list(ex.conditions.all())
    column = conditions.index(finding.condition)
    row = next(r for r in matrix if r.ref.key == factories.role_ref(ex.model))
    assert [v.finding for v in row.cells[column]] == [finding]
    assert sum(len(cell) for r in matrix for cell in r.cells) == 1


def test_the_matrix_rows_are_roles_institutions_relations_and_functions(organisation) -> None:
    refs = selectors.model_element_refs(factories.community_model(organisation))
    assert {r.kind for r in refs} == {"element", "role", "relation"}
    assert "Tillit" not in [r.label for r in refs]


def test_the_matrix_rows_read_as_sentences_from_the_community_model(organisation) -> None:
    model = factories.community_model(organisation)
    refs = selectors.model_element_refs(model)
    role = model.roles.select_related("actor", "function").first()
    row = next(r for r in refs if r.key == f"role:{role.pk}")
    assert " – " in row.label and role.actor.label in row.label and role.function.label in row.label


def test_what_it_takes_compares_models_side_by_side(organisation) -> None:
    first = factories.exercise(organisation)
    second = factories.exercise(organisation, factories.community_model(organisation, name="B"))
    factories.finding(first, room="law_change")
    factories.finding(second, room="local_decision")
    factories.finding(second, room="local_decision", finding_type="opportunity")
    takes = selectors.what_it_takes([first.model, second.model], LabExercise.objects.all())
    assert _counts(takes[0].by_room)["law_change"] == 1
    assert _counts(takes[1].by_room)["local_decision"] == 2
    assert (takes[1].barriers, takes[1].opportunities) == (1, 1)


def test_register_search_filters_by_text_level_and_type() -> None:
    everything = FrameworkCondition.objects.all()
    assert [c.seed_key for c in selectors.register_search(everything, q="forsøksloven")][:1]
    eea = selectors.register_search(everything, level="eu_eea")
    assert eea and all(c.level == "eu_eea" for c in eea)
    financial = selectors.register_search(everything, type="financial")
    assert {c.seed_key for c in financial} >= {"inntektssystemet-frie-inntekter"}


def test_each_model_gets_its_own_findings_matrix_for_the_side_by_side_view(organisation) -> None:
    first = factories.exercise(organisation)
    second = factories.exercise(organisation, factories.community_model(organisation, name="B"))
    factories.finding(first)
    factories.finding(first, finding_type="opportunity")
    factories.finding(
        second, condition=factories.condition("kommuneloven"), finding_type="uncertainty"
    )
    exercises = LabExercise.objects.all()
    one = selectors.model_findings_matrix(first.model, exercises)
    two = selectors.model_findings_matrix(second.model, exercises)
    assert [c.seed_key for c in one.conditions] == ["helse-og-omsorgstjenesteloven"]
    assert [r.ref.key for r in one.rows] == [factories.role_ref(first.model)]
    assert [v.finding.finding_type for v in one.rows[0].cells[0]] == ["barrier", "opportunity"]
    assert [c.seed_key for c in two.conditions] == ["kommuneloven"]
    assert [v.finding.finding_type for v in two.rows[0].cells[0]] == ["uncertainty"]
    assert one.untouched == len(selectors.model_element_refs(first.model)) - 1


def test_a_model_without_findings_has_an_empty_matrix(organisation) -> None:
    model = factories.community_model(organisation)
    matrix = selectors.model_findings_matrix(model, LabExercise.objects.all())
    assert matrix.rows == () and matrix.conditions == ()
