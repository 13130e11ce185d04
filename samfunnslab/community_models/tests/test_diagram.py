"""The diagram: deterministic layout, causal loops marked R or B, accessible SVG."""

from __future__ import annotations

import re

from samfunnslab.community_models.diagram import (
    Edge,
    Node,
    describe,
    find_loops,
    find_path,
    layout,
    render_svg,
)

NODES = [
    Node("a1", "Hjemmetjenesten", "actor", "public", "Offentlig"),
    Node("a2", "Naboer & venner", "actor", "civil", "Sivilsamfunn"),
    Node("f1", "Omsorg for eldre", "function"),
    Node("f2", "Helse", "function"),
    Node("x", "Frivillig innsats", "factor"),
    Node("y", "Tillit", "factor"),
    Node("z", "Slitasje", "factor"),
]
EDGES = [
    Edge("a1", "f2", "role", "utfører", is_role=True),
    Edge("a2", "f1", "role", "samskaper", is_role=True),
    Edge("x", "y", "causal", polarity="+"),
    Edge("y", "x", "causal", polarity="+"),
    Edge("x", "z", "causal", polarity="+"),
    Edge("z", "x", "causal", polarity="-"),
]


def test_the_same_model_gives_the_same_svg_byte_for_byte():
    assert render_svg(NODES, EDGES, find_loops(EDGES)) == render_svg(
        list(NODES), list(EDGES), find_loops(list(EDGES))
    )


def test_actors_functions_and_factors_go_in_three_columns():
    placed = layout(NODES, EDGES).placed
    assert placed["a1"].x < placed["f1"].x < placed["x"].x
    assert placed["f1"].x == placed["f2"].x


def test_actors_are_ordered_next_to_the_function_they_serve():
    placed = layout(NODES, EDGES).placed
    # a2 serves the first function, a1 the second, so a2 is drawn above a1.
    assert placed["a2"].y < placed["a1"].y


def test_a_loop_with_no_negative_link_is_reinforcing_and_with_one_is_balancing():
    loops = {frozenset(loop.nodes): loop.type for loop in find_loops(EDGES, order=["x", "y", "z"])}
    assert loops == {frozenset({"x", "y"}): "R", frozenset({"x", "z"}): "B"}


def test_a_loop_with_two_negative_links_is_reinforcing():
    edges = [
        Edge("p", "q", "causal", polarity="-"),
        Edge("q", "r", "causal", polarity="-"),
        Edge("r", "p", "causal", polarity="+"),
    ]
    (loop,) = find_loops(edges)
    assert (loop.type, loop.negatives, loop.nodes) == ("R", 2, ("p", "q", "r"))


def test_roles_and_non_causal_relations_never_form_loops():
    edges = [
        Edge("a", "b", "flow"),
        Edge("b", "a", "flow"),
        Edge("a", "b", "role", is_role=True, polarity="+"),
    ]
    assert find_loops(edges) == ()


def test_each_loop_is_found_once_whatever_node_it_starts_at():
    loops = find_loops(EDGES, order=["z", "y", "x"])
    assert sorted(loop.nodes for loop in loops) == [("y", "x"), ("z", "x")]


def test_find_path_follows_the_direction_of_the_links():
    pairs = [("a", "b"), ("b", "c")]
    assert find_path(pairs, "a", "c") == ("a", "b", "c")
    assert find_path(pairs, "c", "a") is None


def test_the_svg_is_an_image_with_a_title_and_a_description():
    svg = render_svg(NODES, EDGES, find_loops(EDGES), svg_id="d1")
    assert 'role="img"' in svg
    assert 'aria-labelledby="d1-title d1-desc"' in svg
    assert '<title id="d1-title">' in svg
    assert "R1 (forsterkende): Frivillig innsats → Tillit → Frivillig innsats" in svg


def test_no_text_in_the_svg_is_smaller_than_12_px():
    # The diagram is shown at its natural size and scrolls sideways on a phone, so SVG units
    # are CSS pixels: role words and sector captions below 12 px are too small to read.
    svg = render_svg(NODES, EDGES, find_loops(EDGES))
    sizes = [int(size) for size in re.findall(r'font-size="(\d+)"', svg)]
    assert sizes and min(sizes) >= 12


def test_labels_are_escaped_in_the_svg():
    svg = render_svg(NODES, EDGES)
    assert "Naboer &amp; venner" in svg
    assert "Naboer & venner" not in svg


def test_the_text_alternative_counts_parts_and_names_the_loops_without_the_elements_names():
    text = describe(NODES, EDGES, find_loops(EDGES))
    assert text.startswith("7 elementer, 2 roller og 4 relasjoner.")
    assert "Sløyfer: R1 (forsterkende), B1 (balanserende)." in text
    assert "Frivillig innsats" not in text, "the names stand, marked lang=nb, under the diagram"


def test_an_empty_model_still_renders_with_a_message():
    svg = render_svg([], [])
    assert "Modellen har ingen elementer ennå." in svg
