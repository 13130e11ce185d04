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


@pytest.mark.parametrize("lang", [None, "", "engelsk", "EN", "en_GB"])
def test_a_source_without_a_language_code_is_refused(lang):
    data, _ = content.read_toml(content.CONTENT_DIR / "steps" / "06-framtidshjulet.toml")
    if lang is None:
        del data["sources"][0]["lang"]
    else:
        data["sources"][0]["lang"] = lang
    refused = r"06\.toml: kilden 'Futurizing.*(lang|språkkode)"
    with pytest.raises(content.ContentError, match=refused):
        content.check_step(data, "06.toml")


def test_a_source_in_a_file_without_lang_stops_the_loader(tmp_path: Path):
    source = (content.CONTENT_DIR / "steps" / "08-snu-antakelser.toml").read_text()
    (tmp_path / "08-snu-antakelser.toml").write_text(source.replace('lang = "en"\n', "", 1))
    with pytest.raises(content.ContentError, match="08-snu-antakelser.toml: .* mangler lang"):
        content.load_steps(tmp_path)


# Bokmål words that have no place in an English title (a remark about the source goes in `note`).
BOKMAL_WORDS = re.compile(r"\b(og|om|på|av|utgave|revidert|første|beskrivelse|I:)(?=\W|$)")


def test_an_english_source_title_holds_no_bokmal_remark():
    sources = [source for step in content.load_steps() for source in step["sources"]]
    english = [source["title"] for source in sources if source["lang"] == "en"]
    assert len(english) > len(sources) / 2
    assert [title for title in english if BOKMAL_WORDS.search(title)] == []


def test_a_source_cited_in_several_steps_is_cited_alike():
    by_title: dict[str, dict] = {}
    for step in content.load_steps():
        for source in step["sources"]:
            assert by_title.setdefault(source["title"], source) == source, source["title"]


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


BOKMAL_FILES = [
    *content.bokmal_files(content.CONTENT_DIR / "steps"),
    *content.bokmal_files(content.CONTENT_DIR / "processes"),
    *content.bokmal_files(content.CONTENT_DIR / "materials"),
    content.CONTENT_DIR / "children.toml",
]


@pytest.mark.parametrize("path", BOKMAL_FILES, ids=lambda path: path.name)
def test_every_bokmal_text_has_its_nynorsk_counterpart(path: Path):
    """Each file's `<name>.nn.toml` has the same keys and lists, with every text in nynorsk,
    and names the bokmål it translates by its fingerprint.

    When this fails you changed or added bokmål text: write it in nynorsk in the listed place and
    set the fingerprint the message gives (docs/translations.md, «Method texts in nynorsk»).
    """
    bokmal, _digest = content.read_toml(path)
    assert content.nynorsk_path(path).exists(), f"mangler {content.nynorsk_path(path).name}"
    assert content.nynorsk_problems(bokmal, content.read_nynorsk(path)) == []


def test_the_nynorsk_check_names_a_missing_text_an_extra_key_and_a_short_list():
    bokmal = {
        "name": "Steg",
        "slug": "steg",
        "sub_steps": [{"name": "A", "minutes": 5}, {"name": "B", "minutes": 5}],
        "guide": {"debrief": ["Hva?", "Hvem?"]},
    }
    nynorsk = {
        "sub_steps": [{"name": "A"}, {"name": "B", "minutes": 5}],
        "guide": {"debrief": ["Kva?"]},
        "purpose": "Føremål",
    }
    assert content.nynorsk_gaps(bokmal, nynorsk) == [
        "purpose: finnes ikke på bokmål",
        "guide.debrief: trenger 2 element på nynorsk",
        "name: mangler nynorsk",
        "sub_steps[1].minutes: finnes ikke på bokmål",
    ]


def test_an_edited_bokmal_text_is_caught_by_its_fingerprint():
    path = content.CONTENT_DIR / "steps" / "06-framtidshjulet.toml"
    bokmal, _digest = content.read_toml(path)
    bokmal["sub_steps"][0]["instruction"] += " Les den høyt."
    (problem,) = content.nynorsk_problems(bokmal, content.read_nynorsk(path))
    assert content.bokmal_fingerprint(bokmal) in problem
    bokmal["sub_steps"][0]["minutes"] += 5  # numbers are not text
    assert content.bokmal_fingerprint(bokmal) in problem


def test_a_step_with_one_missing_nynorsk_text_stays_in_bokmal(tmp_path: Path):
    for name in ("06-framtidshjulet.toml", "06-framtidshjulet.nn.toml"):
        (tmp_path / name).write_text((content.CONTENT_DIR / "steps" / name).read_text())
    (step,) = content.load_steps(tmp_path)
    assert step["nn"]["name"] == step["name_nn"] and step["nn"]["purpose"] != step["purpose"]
    nynorsk = (tmp_path / "06-framtidshjulet.nn.toml").read_text()
    (tmp_path / "06-framtidshjulet.nn.toml").write_text(nynorsk.replace("\npurpose = ", "\n#", 1))
    (step,) = content.load_steps(tmp_path)
    assert step["nn"] == {}


def test_the_templates_carry_their_nynorsk_names_and_item_texts():
    spec = next(s for s in content.load_processes() if s.slug == "kommunestyrekveld")
    assert spec.name_nn and spec.summary_nn != spec.summary
    assert all(bool(item.title) == bool(item.title_nn) for item in spec.items)
    assert all(bool(item.note) == bool(item.note_nn) for item in spec.items)


@pytest.mark.parametrize("material", content.load_materials().values(), ids=lambda m: m["slug"])
def test_every_printable_material_is_complete_and_cc_by(material):
    assert material["title"] and material["how_to_use"] and material["builds_on"]
    assert "CC BY 4.0" in material["licence_note"]
    assert material[content.MATERIAL_BODY[material["kind"]]]


def test_every_material_a_step_names_exists_and_every_material_is_named():
    materials = content.load_materials()
    named = {
        slug
        for step in content.load_steps()
        for sub in step["sub_steps"]
        for slug in sub.get("materials", [])
    }
    assert named == set(materials)


def test_the_materials_issue_17_asks_for_ship():
    materials = content.load_materials()
    kinds = {slug: m["kind"] for slug, m in materials.items()}
    assert kinds["droemmereise-voksne"] == kinds["droemmereise-barn"] == "les-høyt"
    assert materials["droemmereise-barn"]["audience"] == "barn"
    for slug in ("arketypekort", "provokasjonskort", "bildekort"):
        assert kinds[slug] == "kort"
    for slug in ("sakliste-2060", "stillingsannonse", "avisforside", "pilotmal"):
        assert kinds[slug] == "mal"
    for slug in ("isfjell-plakat", "tre-horisonter-plakat", "modellerret"):
        assert kinds[slug] == "plakat" and materials[slug]["paper"] == "A3"


def test_a_step_naming_an_unknown_material_is_refused(tmp_path: Path):
    source = (content.CONTENT_DIR / "steps" / "09-scenarioarketyper.toml").read_text()
    (tmp_path / "09.toml").write_text(source.replace('"arketypekort"', '"finnes-ikke"', 1))
    with pytest.raises(content.ContentError, match="ukjent materiell finnes-ikke"):
        content.load_steps(tmp_path)


def test_a_material_without_the_licence_is_refused():
    data, _ = content.read_toml(content.CONTENT_DIR / "materials" / "pilotmal.toml")
    data["licence_note"] = "Malen er vår egen."
    with pytest.raises(content.ContentError, match="CC BY 4.0"):
        content.check_material(data, "pilotmal.toml")


def test_the_children_box_has_lundys_four_elements_consent_and_the_childrens_model():
    children = content.load_children()
    assert [part["name"] for part in children["lundy"]] == [
        "Rom",
        "Stemme",
        "Publikum",
        "Innflytelse",
    ]
    assert [band["name"] for band in children["age_bands"]] == ["10–12 år", "13–16 år"]
    assert len(children["safeguarding"]["points"]) >= 4
    assert "egen" in children["model"] and "CC BY 4.0" in children["licence_note"]


@pytest.mark.parametrize("spec", content.load_processes(), ids=lambda spec: spec.slug)
def test_every_step_run_with_children_has_a_script_for_both_age_bands(spec):
    scripts = {s["step"]: s for s in content.load_children()["scripts"]}
    for item in spec.items:
        if item.easy and item.step_number is not None:
            assert scripts[item.step_number]["age_10_12"].startswith("«"), item.step_number
            assert scripts[item.step_number]["age_13_16"].startswith("«"), item.step_number
