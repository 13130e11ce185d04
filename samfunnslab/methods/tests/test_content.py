"""The shipped method content: every step is complete and consistent, and the loader is idempotent."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest

from samfunnslab.methods import content
from samfunnslab.methods.models import MethodStep, Process
from samfunnslab.methods.services import library_sync


def test_the_library_has_steps_0_to_21():
    assert [step["number"] for step in content.load_steps()] == list(range(22))


@pytest.mark.parametrize("step", content.load_steps(), ids=lambda step: step["slug"])
def test_every_step_is_complete(step):
    assert step["name"] and step["purpose"] and step["when_to_use"]
    assert step["phase"] in content.PHASES
    assert step["minutes"] > 0
    assert sum(sub["minutes"] for sub in step["sub_steps"]) == step["minutes"]
    assert all(sub["instruction"].strip() for sub in step["sub_steps"])
    assert step["sources"] and all(
        source["title"] and source["author"] for source in step["sources"]
    )
    assert step["participants_min"] >= 1
    assert step["participants_max"] is None or step["participants_max"] >= step["participants_min"]
    assert step["materials_in_person"] and step["materials_online"]
    assert step["accessibility"] and step["easy_variant"]
    assert step["worksheet"]["prompts"] and step["worksheet_easy"]["prompts"]
    assert step["activity_kinds"] and set(step["activity_kinds"]) <= set(content.ACTIVITY_KINDS)


def test_the_cited_methods_and_authors_are_named():
    authors = " ".join(s["author"] for step in content.load_steps() for s in step["sources"])
    for name in (
        "Jerome C. Glenn",
        "Sohail Inayatullah",
        "Bill Sharpe",
        "John B. Robinson",
        "Sitra",
        "Jim Dator",
    ):
        assert name in authors


def test_every_phase_is_used():
    assert {step["phase"] for step in content.load_steps()} == set(content.PHASES)


def test_the_activity_kinds_match_the_workshops_app():
    from samfunnslab.workshops.models import ActivityKind

    assert set(content.ACTIVITY_KINDS) == set(ActivityKind.values)


def test_four_process_templates_ship():
    slugs = {spec.slug for spec in content.load_processes()}
    assert slugs == {
        "kommunestyrekveld",
        "innbyggerverksted-fremtidsfrekvens",
        "barn-og-unge",
        "full-pri-lab",
    }


def test_a_step_whose_sub_steps_lack_minutes_is_refused(tmp_path: Path):
    source = (content.CONTENT_DIR / "steps" / "08-snu-antakelser.toml").read_text()
    (tmp_path / "bad.toml").write_text(source.replace("minutes = 10", "minutes = 0", 1))
    with pytest.raises(content.ContentError, match="minutter"):
        content.load_steps(tmp_path)


def test_a_step_without_sources_is_refused():
    data, _ = content.read_toml(content.CONTENT_DIR / "steps" / "06-framtidshjulet.toml")
    data["sources"] = []
    with pytest.raises(content.ContentError, match="kilder"):
        content.check_step(data, "06.toml")


def test_the_database_holds_the_library_after_migrate(db):
    assert MethodStep.objects.count() == 22
    assert Process.objects.filter(is_template=True).count() == 4


def test_syncing_twice_changes_nothing(db):
    library_sync()
    library_sync()
    assert MethodStep.objects.count() == 22
    assert Process.objects.filter(is_template=True).count() == 4


@pytest.mark.parametrize("spec", content.load_processes(), ids=lambda spec: spec.slug)
def test_every_template_keeps_the_timing_rules(spec):
    """No sub-step below its minimum, no meeting over 3 h without lunch, a break every 90 min."""
    steps = {step["number"]: step for step in content.load_steps()}
    assert content.timing_problems(spec, steps) == []


def test_the_timing_rules_find_a_long_meeting_without_a_break():
    steps = {step["number"]: step for step in content.load_steps()}
    spec = content.ProcessSpec(
        "x",
        "x",
        "x",
        300,
        datetime.time(9),
        False,
        [content.ProcessItemSpec(minutes=120, step_number=12)] * 2,
    )
    problems = content.timing_problems(spec, steps)
    assert any("uten lunsj" in p for p in problems) and any("uten pause" in p for p in problems)


@pytest.mark.parametrize("spec", content.load_processes(), ids=lambda spec: spec.slug)
def test_every_template_starts_and_ends_with_the_pulse_and_ends_with_dated_feedback(spec):
    steps = [item.step_number for item in spec.items]
    assert next(n for n in steps if n is not None) == 20  # «Før vi starter»
    assert 20 in steps[-4:]  # the same pulse at the end
    assert "Dette skjedde med innspillene" in spec.items[-1].title


@pytest.mark.parametrize("step", content.load_steps(), ids=lambda step: step["slug"])
def test_every_step_has_a_facilitator_script(step):
    """What to say when opening and moving on, 3–5 debrief questions, advice and marked examples."""
    guide = step["guide"]
    assert guide["opening"].startswith("«") and guide["transition"].endswith("»")
    assert 3 <= len(guide["debrief"]) <= 5
    assert len(guide["if_this_happens"]) >= 2
    assert guide["examples"] and all(
        example.startswith("Eksempel (ikke ekte data):") for example in guide["examples"]
    )


@pytest.mark.parametrize("step", content.load_steps(), ids=lambda step: step["slug"])
def test_every_sub_steps_phone_activity_is_one_the_step_defines(step):
    indices = [sub["activity"] for sub in step["sub_steps"] if "activity" in sub]
    assert all(0 <= index < len(step["activities"]) for index in indices)
    if step["number"] != 20:  # the pulse is added to a workshop with its own button
        assert indices, "at least one sub-step opens a phone activity"


# Selecting by majority: «De tre med flest stemmer tas med», «Les opp det som fikk flest poeng».
MAJORITY = re.compile(
    r"flest (stemmer|poeng)|flest stemte|fikk flest|med flest|høyest (poeng|score)"
    r"|topp ?(tre|3|fem|5)|de (tre|fem) beste",
    re.IGNORECASE,
)


@pytest.mark.parametrize("step", content.load_steps(), ids=lambda step: step["slug"])
def test_no_step_instruction_selects_by_majority(step):
    """Competing visions are kept apart: each group brings its own (issue 17, point 4)."""
    texts = [sub["instruction"] for sub in step["sub_steps"]] + [step["easy_variant"]]
    assert not [text for text in texts if MAJORITY.search(text)]


@pytest.mark.parametrize("spec", content.load_processes(), ids=lambda spec: spec.slug)
def test_no_template_note_selects_by_majority(spec):
    assert not [item.note for item in spec.items if MAJORITY.search(item.note)]


def test_the_majority_check_finds_a_top_three_vote():
    assert MAJORITY.search("De tre med flest stemmer tas med.")
    assert MAJORITY.search("Les opp det som fikk flest poeng.")
    assert not MAJORITY.search("Ingen avstemning: hver gruppe tar med sitt.")
