"""Reads: the diagram view, the role matrix with differences flagged, and the numbers panel."""

from __future__ import annotations

import pytest
from django.utils import translation

from samfunnslab.community_models import selectors, services

pytestmark = pytest.mark.django_db


def test_the_diagram_view_lists_loops_and_roles_as_text_with_the_names_marked_bokmal(built):
    view = selectors.diagram_view(built)
    assert [(loop.code, loop.chain) for loop in view.loops] == [
        ("R1", "Frivillig innsats → Tillit → Frivillig innsats"),
        ("B1", "Frivillig innsats → Slitasje → Frivillig innsats"),
    ]
    assert (
        '<span lang="nb">Hjemmetjenesten</span> (offentlig) – utfører – '
        '<span lang="nb">Omsorg for eldre</span>'
    ) in view.roles
    assert 'role="img"' in view.svg


def test_the_diagram_of_a_model_is_the_same_every_time(built, organisation, facilitator):
    first = selectors.diagram_view(built).svg
    # A copy with the same parts (new ids, new order in the database) draws the same diagram ...
    fork = services.model_fork(
        model=built, organisation=organisation, user=facilitator, name=built.name
    )
    assert selectors.diagram_view(fork).svg == first
    # ... and the diagram follows the model: a renamed part changes it.
    neighbours = fork.elements.get(label="Naboer")
    services.element_update(
        element=neighbours, label="Venner", sector=neighbours.sector,
        actor_type=neighbours.actor_type,
    )  # fmt: skip
    changed = selectors.diagram_view(fork).svg
    assert changed != first and "Venner" in changed and "Naboer" not in changed


def test_the_role_matrix_has_a_row_per_function_and_a_cell_per_model(
    built, organisation, facilitator
):
    fork = services.model_fork(model=built, organisation=organisation, user=facilitator)
    rows = selectors.role_matrix([built, fork])
    assert [row.label for row in rows] == ["Omsorg for eldre", "Helse"]
    care = rows[0]
    assert [e.actor for e in care.cells[0].entries] == ["Hjemmetjenesten", "Naboer"]
    assert care.cells[0].main_sector == "public" and care.cells[0].main_sector_label == "Offentlig"
    assert not care.differs


def test_cells_that_differ_from_the_first_model_are_flagged(built, organisation, facilitator):
    fork = services.model_fork(model=built, organisation=organisation, user=facilitator)
    neighbours = fork.elements.get(label="Naboer")
    services.role_add(
        model=fork, actor=neighbours, function=fork.elements.get(label="Helse"), kind="provides"
    )
    services.function_lens_set(
        function=fork.elements.get(label="Omsorg for eldre"), kommune_version="3.0"
    )
    care, health = selectors.role_matrix([built, fork])
    assert health.differs and [c.differs for c in health.cells] == [False, True]
    assert health.cells[1].main_sector == "civil"
    assert not care.differs and care.version_differs
    assert [c.kommune_version for c in care.cells] == ["2.0", "3.0"]


def test_a_function_only_one_model_has_shows_as_empty_in_the_other(
    built, organisation, facilitator
):
    fork = services.model_fork(model=built, organisation=organisation, user=facilitator)
    services.element_add(model=fork, kind="function", label="Mat", function_key="food")
    food = selectors.role_matrix([built, fork])[-1]
    assert food.label == "Mat" and food.cells[0].entries == () and food.cells[1].entries == ()


def test_the_comparison_flags_numbers_that_differ_from_the_baseline(
    built, organisation, facilitator
):
    fork = services.model_fork(model=built, organisation=organisation, user=facilitator)
    services.model_parameters_set(model=fork, parameters={"family_volunteer_share": 25})
    result = selectors.comparison([built, fork])
    need_2040 = next(r for r in result.numbers if r.indicator == "care_fte_need" and r.year == 2040)
    assert [c.differs for c in need_2040.cells] == [False, True]
    assert need_2040.cells[1].change < 0
    assert need_2040.cells[0].value == pytest.approx(need_2040.baseline)
    label, _unit, values, differs = result.parameters[0]
    assert values == (0.0, 25.0) and differs
    assert result.flipped[0] == ("Skole som vi kjenner den → Skolen er nabolagets hus",)


def test_elements_of_can_pick_kinds_for_the_lab(built):
    functions = selectors.elements_of(built, kinds=["function"])
    assert [e.label for e in functions] == ["Omsorg for eldre", "Helse"]
    assert len(selectors.elements_of(built)) == 7


def test_the_lab_can_test_actors_functions_roles_and_relations_but_not_factors_or_values(built):
    items = selectors.lab_testable_elements(built)
    labels = [item.label for item in items]
    assert {item.kind for item in items} == {"element", "role", "relation"}
    assert "Hjemmetjenesten" in labels and "Omsorg for eldre" in labels
    assert "Tillit" not in labels and "Fellesskap" not in labels
    assert "Hjemmetjenesten (offentlig) – utfører – Omsorg for eldre" in labels
    assert "Frivillig innsats → Tillit (påvirker (årsak), +)" in labels
    role = next(item for item in items if item.kind == "role")
    assert role.key == f"role:{role.pk}" and role.group == "Rolle"


def test_a_role_sentence_escapes_the_names_it_marks(built):
    role = built.roles.select_related("actor", "function").first()
    role.actor.label = "Naboer & <venner>"
    assert '<span lang="nb">Naboer &amp; &lt;venner&gt;</span>' in selectors.role_html(role)
    assert selectors.role_sentence(role).startswith("Naboer & <venner>")


def test_the_lab_names_roles_all_in_bokmal_in_any_interface(built):
    with translation.override("en"):
        role = next(i for i in selectors.lab_testable_elements(built) if i.kind == "role")
    assert " – samskaper – " in role.label or " – utfører – " in role.label
    assert "(civil society)" in role.html or "(public)" in role.html
