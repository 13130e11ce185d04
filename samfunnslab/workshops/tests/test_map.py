"""Map input («Kartinnspill»): pins with a category inside the municipality, counted per category,
exported as GeoJSON and in the table, and back again from the table."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from samfunnslab.workshops import answers, pins, selectors, services
from samfunnslab.workshops.errors import Refusal
from samfunnslab.workshops.exports import export_bytes, export_rows, pins_geojson
from samfunnslab.workshops.imports import import_bytes
from samfunnslab.workshops.models import (
    Activity,
    ActivityKind,
    Contribution,
    Participant,
    Workshop,
)

CATEGORIES = ["hyggelig å gå", "utrygt", "møteplass", "mangler"]


@pytest.fixture
def walk(organisation: Any, facilitator: Any) -> tuple[Workshop, Activity]:
    workshop = services.workshop_create(
        organisation=organisation, user=facilitator, title="Seniortråkk", municipality_code="1106"
    )
    activity = services.activity_add(
        workshop=workshop, kind="map", prompt="Hvor er det godt å gå?", options=CATEGORIES
    )
    services.workshop_open(workshop=workshop)
    return workshop, activity


def _drop(person: Participant, activity: Activity, key: str, **fields: Any) -> Contribution:
    values = {"latitude": 59.41, "longitude": 5.27, "category": "utrygt", **fields}
    pin, _created = pins.pin_drop(
        participant=person, activity=activity, idempotency_key=key, **values
    )
    return pin


def test_a_pin_is_stored_with_its_category_place_and_comment(
    walk: tuple[Workshop, Activity],
) -> None:
    workshop, activity = walk
    person = services.participant_join(workshop=workshop)
    pin = _drop(person, activity, "a", comment="Mørkt under brua")
    stored = Contribution.objects.get(pk=pin.pk)
    assert (stored.category, stored.latitude, stored.longitude) == ("utrygt", 59.41, 5.27)
    assert stored.text == "Mørkt under brua"
    again = _drop(person, activity, "a", comment="Mørkt under brua")
    assert again.pk == pin.pk and activity.contributions.count() == 1


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"category": "vakkert"}, "Velg hva slags sted"),
        ({"latitude": 63.4, "longitude": 10.4}, "utenfor kommunen"),
        ({"latitude": "", "longitude": ""}, "Trykk på kartet"),
        ({"latitude": "nan", "longitude": "5.2"}, "Trykk på kartet"),
    ],
)
def test_a_pin_without_a_category_or_outside_the_municipality_is_refused(
    walk: tuple[Workshop, Activity], fields: dict[str, Any], message: str
) -> None:
    workshop, activity = walk
    person = services.participant_join(workshop=workshop)
    with pytest.raises(Refusal, match=message):
        _drop(person, activity, "x", **fields)


def test_a_place_from_the_list_gives_the_pin_its_position_without_the_map(
    walk: tuple[Workshop, Activity],
) -> None:
    workshop, activity = walk
    person = services.participant_join(workshop=workshop)
    middle = pins.places("1106")[0]
    result = answers.dispatch(
        person,
        activity,
        {
            "action": "pin",
            "key": "p",
            "latitude": "",
            "longitude": "",
            "place": middle.key,
            "category": "møteplass",
            "text": "",
        },
        from_form=True,
    )
    stored = Contribution.objects.get(pk=result["id"])
    assert (stored.latitude, stored.longitude) == (middle.latitude, middle.longitude)
    assert stored.text == "møteplass"


def test_a_person_may_drop_up_to_the_activitys_limit_of_pins(
    walk: tuple[Workshop, Activity],
) -> None:
    workshop, activity = walk
    person = services.participant_join(workshop=workshop)
    for n in range(activity.max_entries):
        _drop(person, activity, f"k{n}")
    with pytest.raises(Refusal, match="det meste"):
        _drop(person, activity, "one-too-many")


def test_results_count_pins_per_category_in_the_facilitators_order(
    walk: tuple[Workshop, Activity],
) -> None:
    workshop, activity = walk
    for n, category in enumerate(["utrygt", "møteplass", "utrygt"]):
        _drop(services.participant_join(workshop=workshop), activity, f"r{n}", category=category)
    results = selectors.activity_results(activity)
    assert results["total"] == 3 and results["municipality"] == "1106"
    assert [(r["label"], r["value"]) for r in results["rows"]] == [
        ("hyggelig å gå", 0),
        ("utrygt", 2),
        ("møteplass", 1),
        ("mangler", 0),
    ]
    assert {p["colour"] for p in results["pins"]} == {1, 2}


def test_pins_are_exported_as_geojson_and_in_the_table_and_come_back_from_it(
    walk: tuple[Workshop, Activity], organisation: Any, facilitator: Any
) -> None:
    workshop, activity = walk
    _drop(services.participant_join(workshop=workshop), activity, "g", comment="Fin benk")
    document = json.loads(pins_geojson(workshop))
    [feature] = document["features"]
    assert feature["geometry"] == {"type": "Point", "coordinates": [5.27, 59.41]}
    assert feature["properties"]["category"] == "utrygt"
    assert feature["properties"]["comment"] == "Fin benk"
    [row] = export_rows(workshop)
    assert (row.kind, row.option, row.latitude, row.longitude) == ("map", "utrygt", 59.41, 5.27)
    copy = services.workshop_create(
        organisation=organisation, user=facilitator, title="Kopi", municipality_code="1106"
    )
    assert import_bytes(workshop=copy, data=export_bytes(workshop, "xlsx"), filename="k.xlsx").ok
    restored = Contribution.objects.get(activity__workshop=copy)
    assert (restored.category, restored.latitude, restored.longitude) == ("utrygt", 59.41, 5.27)
    assert copy.activities.get().options == CATEGORIES
    assert [r.cells() for r in export_rows(copy)] == [r.cells() for r in export_rows(workshop)]


def test_the_boundary_is_served_as_geojson_and_the_pins_download_needs_a_login(
    walk: tuple[Workshop, Activity], facilitator: Any
) -> None:
    workshop, _activity = walk
    client = Client()
    outline = client.get(reverse("workshops:map_boundary", args=["1106"]))
    assert outline.status_code == 200
    assert outline.json()["features"][0]["geometry"]["type"] == "MultiPolygon"
    assert client.get(reverse("workshops:map_boundary", args=["9999"])).status_code == 404
    url = reverse("workshops:map_pins", args=[workshop.pk])
    assert client.get(url).status_code in (302, 403)
    client.force_login(facilitator)
    assert client.get(url)["Content-Type"].startswith("application/geo+json")


def test_a_map_activity_needs_at_least_one_category(walk: tuple[Workshop, Activity]) -> None:
    workshop, _activity = walk
    with pytest.raises(Refusal, match="kategori"):
        services.activity_add(workshop=workshop, kind="map", prompt="Kart", options=[])


def test_the_pdf_summary_counts_pins_per_category(walk: tuple[Workshop, Activity]) -> None:
    from samfunnslab.workshops.summary_pdf import summary_html, workshop_summary

    workshop, activity = walk
    _drop(services.participant_join(workshop=workshop), activity, "s", comment="Mørkt")
    html = summary_html(workshop_summary(workshop))
    assert "utrygt" in html and "100 %" in html and "utrygt: Mørkt" in html


def test_a_map_activity_can_be_edited_in_the_console(
    walk: tuple[Workshop, Activity], facilitator: Any
) -> None:
    workshop, activity = walk
    client = Client()
    client.force_login(facilitator)
    url = reverse("workshops:activity_edit", args=[workshop.pk, activity.pk])
    page = client.get(url)
    assert page.status_code == 200 and "utrygt" in page.content.decode()


def test_a_facilitator_enters_a_pin_from_paper_after_a_walk(
    walk: tuple[Workshop, Activity], facilitator: Any
) -> None:
    workshop, activity = walk
    services.workshop_show_activity(workshop=workshop, activity=activity)
    client = Client()
    client.force_login(facilitator)
    console = client.get(reverse("workshops:console", args=[workshop.pk])).content.decode()
    assert "Legg inn svar fra papir" in console and "Midt i kommunen" in console
    data = {
        "activity": activity.pk,
        "key": "paper-1",
        "place": "",
        "latitude": "59,42",
        "longitude": "5.3",
        "category": "mangler",
        "text": "Benk mangler",
    }
    url = reverse("workshops:assisted", args=[workshop.pk])
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302  # a second click adds nothing
    pin = Contribution.objects.get(activity=activity)
    assert (pin.category, pin.latitude, pin.longitude, pin.assisted) == (
        "mangler",
        59.42,
        5.3,
        True,
    )


PLACES = "Rådhuset; 59.4108; 5.2738\nSmedasundet; 59,4139; 5,2667"


def test_a_facilitator_names_places_that_participants_find_by_typing_their_name(
    walk: tuple[Workshop, Activity],
) -> None:
    workshop, activity = walk
    pins.map_places_set(activity=activity, text=PLACES)
    assert [p.name for p in pins.activity_places(activity)][:3] == [
        "Rådhuset",
        "Smedasundet",
        "Midt i kommunen",
    ]
    person = services.participant_join(workshop=workshop)
    pin = _drop(person, activity, "typed", latitude="", longitude="", place=" smedasundet ")
    assert (pin.latitude, pin.longitude) == (59.4139, 5.2667)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Torget", "Linje 1: skriv navn; breddegrad; lengdegrad"),
        ("Torget; 59.41; 5.27\nTorget; 59.42; 5.28", "Linje 2: «Torget» står der alt"),
        ("Torget; nord; 5.27", "Linje 1: breddegrad og lengdegrad må være tall"),
        ("Nidarosdomen; 63.427; 10.397", "Linje 1: «Nidarosdomen» ligger utenfor kommunen"),
        ("\n".join(f"Sted {i}; 59.41; 5.27" for i in range(61)), "høyst 60 steder"),
    ],
)
def test_named_places_that_cannot_be_used_are_refused_by_their_line(
    walk: tuple[Workshop, Activity], text: str, message: str
) -> None:
    _workshop, activity = walk
    with pytest.raises(Refusal, match=message):
        pins.map_places_set(activity=activity, text=text)
    activity.refresh_from_db()
    assert activity.places == []


def test_a_place_name_nobody_named_is_refused_in_plain_words(
    walk: tuple[Workshop, Activity],
) -> None:
    workshop, activity = walk
    person = services.participant_join(workshop=workshop)
    with pytest.raises(Refusal, match="Fant ikke stedet «Atlantis»"):
        _drop(person, activity, "lost", latitude="", longitude="", place="Atlantis")


def test_the_places_page_saves_the_lines_and_shows_them_on_the_phone(
    walk: tuple[Workshop, Activity], facilitator: Any
) -> None:
    workshop, activity = walk
    client = Client()
    client.force_login(facilitator)
    url = reverse("workshops:map_places", args=[workshop.pk, activity.pk])
    assert client.get(url).status_code == 200
    refused = client.post(url, {"places": "Torget; 63.4; 10.4"})
    assert refused.status_code == 200 and "ligger utenfor kommunen" in refused.content.decode()
    assert client.post(url, {"places": PLACES}).status_code == 302
    activity.refresh_from_db()
    assert [p["name"] for p in activity.places] == ["Rådhuset", "Smedasundet"]
    services.workshop_show_activity(workshop=workshop, activity=activity)
    phone = Client()
    phone.post(reverse("workshops:participant_join", args=[workshop.join_code]))
    page = phone.get(reverse("workshops:participant", args=[workshop.join_code])).content.decode()
    assert '<option value="Smedasundet"' in page


def _screens(workshop: Workshop, facilitator: Any) -> dict[str, Any]:
    """The phone's, the projector's and the cockpit's page of a workshop, as HTML."""
    phone = Client()
    phone.post(reverse("workshops:participant_join", args=[workshop.join_code]))
    staff = Client()
    staff.force_login(facilitator)
    return {
        "phone": phone.get(reverse("workshops:participant", args=[workshop.join_code])),
        "projector": staff.get(reverse("workshops:presenter", args=[workshop.pk])),
        "cockpit": staff.get(reverse("workshops:console", args=[workshop.pk])),
    }


def _html(screens: dict[str, Any]) -> dict[str, str]:
    assert all(response.status_code == 200 for response in screens.values())
    return {name: response.content.decode() for name, response in screens.items()}


LEAFLET_TAG = '<script src="/static/vendor/leaflet/leaflet.js" defer></script>'


def test_the_screens_of_a_workshop_without_a_map_leave_leaflet_out_and_name_it_for_later(
    open_workshop: Workshop, facilitator: Any
) -> None:
    for name, html in _html(_screens(open_workshop, facilitator)).items():
        assert LEAFLET_TAG not in html, name
        assert "leaflet.css" not in html.split("data-map-assets=")[0], name
        files = re.search(r'data-map-assets="([^"]*)"', html)
        assert files is not None, name
        assert files[1].split() == [
            "/static/vendor/leaflet/leaflet.css",
            "/static/vendor/leaflet-markercluster/MarkerCluster.css",
            "/static/vendor/leaflet/leaflet.js",
            "/static/vendor/leaflet-markercluster/leaflet.markercluster.js",
            "/static/workshops/map.js",
        ], name


def test_the_screens_of_a_workshop_with_a_map_bring_leaflet_with_the_page(
    walk: tuple[Workshop, Activity], facilitator: Any
) -> None:
    workshop, _activity = walk
    for name, html in _html(_screens(workshop, facilitator)).items():
        assert LEAFLET_TAG in html, name
        assert '<script src="/static/workshops/map.js" defer></script>' in html, name


def test_a_map_added_while_the_workshop_runs_brings_leaflet_to_the_next_phone_page(
    open_workshop: Workshop, add_activity: Any, facilitator: Any
) -> None:
    before = _html(_screens(open_workshop, facilitator))["phone"]
    add_activity(ActivityKind.MAP)
    after = _html(_screens(open_workshop, facilitator))["phone"]
    assert LEAFLET_TAG not in before and LEAFLET_TAG in after


def test_each_pin_says_which_language_its_activitys_prompt_is_written_in(
    walk: tuple[Workshop, Activity],
) -> None:
    workshop, activity = walk
    Activity.objects.filter(pk=activity.pk).update(text_lang="nn")
    _drop(services.participant_join(workshop=workshop), activity, "g", comment="Fin benk")
    [feature] = json.loads(pins_geojson(workshop))["features"]
    assert feature["properties"]["activity_lang"] == "nn"


def test_the_places_page_marks_the_prompt_with_the_activitys_language(
    walk: tuple[Workshop, Activity], facilitator: Any
) -> None:
    workshop, activity = walk
    Activity.objects.filter(pk=activity.pk).update(text_lang="nn")
    client = Client()
    client.force_login(facilitator)
    url = reverse("workshops:map_places", args=[workshop.pk, activity.pk])
    assert f'For «<span lang="nn">{activity.prompt}</span>»' in client.get(url).content.decode()
