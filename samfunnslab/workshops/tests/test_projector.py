"""The projector: join splash and line, newest first, one highlighted item, countdown, labels."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from samfunnslab.workshops import facilitation, pages, services
from samfunnslab.workshops.errors import Refusal
from samfunnslab.workshops.models import Activity, ActivityKind, Contribution, Workshop


@pytest.fixture
def staff(facilitator: Any) -> Client:
    client = Client()
    client.force_login(facilitator)
    return client


def projector_html(client: Client, workshop: Workshop) -> str:
    return client.get(reverse("workshops:presenter_hx", args=[workshop.pk])).content.decode()


def say(activity: Activity, text: str, participant: Any, key: str, kind: str = "") -> Contribution:
    contribution, _created = services.contribution_submit(
        participant=participant,
        activity=activity,
        text=text,
        idempotency_key=key,
        contribution_type=kind,
    )
    return contribution


def test_the_qr_code_scales_without_cropping() -> None:
    svg = str(pages.qr_svg("http://example.test/d/ABCDEF/", title="QR"))
    assert re.search(r'viewBox="0 0 \d+ \d+"', svg)
    assert " width=" not in svg.split(">")[0] and " height=" not in svg.split(">")[0]
    assert 'role="img" aria-label="QR"' in svg


def test_before_the_first_activity_the_projector_shows_the_join_splash(
    workshop: Workshop, staff: Client, make_participant: Any, open_workshop: Workshop
) -> None:
    services.workshop_show_activity(workshop=open_workshop, activity=None)
    make_participant()
    html = projector_html(staff, open_workshop)
    assert 'class="splash-code code"' in html and open_workshop.join_code in html
    assert "/delta/" in html and "<svg" in html
    assert "1 er med" in html
    assert "language-form" not in html


def test_the_join_address_wraps_at_its_dots_and_slashes_not_inside_a_word(
    open_workshop: Workshop, facilitator: Any, settings: Any
) -> None:
    settings.ALLOWED_HOSTS = ["verksted.haugesund.kommune.no"]
    client = Client(HTTP_HOST="verksted.haugesund.kommune.no")
    client.force_login(facilitator)
    html = projector_html(client, open_workshop)
    assert "verksted.<wbr>haugesund.<wbr>kommune.<wbr>no<wbr>/delta/" in html


def test_a_closed_workshop_thanks_the_room_instead_of_saying_it_has_not_opened(
    open_workshop: Workshop, staff: Client, make_participant: Any
) -> None:
    make_participant()
    services.workshop_close(workshop=open_workshop)
    html = projector_html(staff, open_workshop)
    assert "Verkstedet er avsluttet. Takk for at dere var med!" in html and "1 var med" in html
    assert "ikke åpnet ennå" not in html and open_workshop.join_code not in html


def test_during_an_activity_the_join_line_shows_until_the_facilitator_hides_it(
    open_workshop: Workshop, staff: Client
) -> None:
    assert "join-line" in projector_html(staff, open_workshop)
    staff.post(
        reverse("workshops:projector_control", args=[open_workshop.pk]), {"action": "join_off"}
    )
    assert "join-line" not in projector_html(staff, open_workshop)
    staff.post(
        reverse("workshops:projector_control", args=[open_workshop.pk]), {"action": "join_on"}
    )
    assert "join-line" in projector_html(staff, open_workshop)


def test_open_input_is_listed_newest_first_with_translated_types(
    open_workshop: Workshop,
    add_activity: Callable[..., Activity],
    make_participant: Any,
    staff: Client,
) -> None:
    activity = add_activity(ActivityKind.OPEN)
    services.workshop_show_activity(workshop=open_workshop, activity=activity)
    person = make_participant()
    say(activity, "Først: en park", person, "a")
    say(activity, "Hvorfor stenger biblioteket?", person, "b", kind="question")
    html = projector_html(staff, open_workshop)
    assert html.index("Hvorfor stenger biblioteket?") < html.index("Først: en park")
    assert ">Spørsmål</span>" in html
    assert not re.search(r">\s*(question|input|suggestion)\s*<", html)


def test_a_highlighted_contribution_fills_the_screen_until_stopped(
    open_workshop: Workshop,
    add_activity: Callable[..., Activity],
    make_participant: Any,
    staff: Client,
) -> None:
    activity = add_activity(ActivityKind.QA)
    services.workshop_show_activity(workshop=open_workshop, activity=activity)
    person = make_participant()
    question = say(activity, "Når kommer bybussen?", person, "q")
    say(activity, "Hva koster det?", person, "r")
    url = reverse("workshops:projector_control", args=[open_workshop.pk])
    staff.post(url, {"action": "highlight", "item": question.pk})
    html = projector_html(staff, open_workshop)
    assert 'class="highlight-text"' in html and "Når kommer bybussen?" in html
    assert "Hva koster det?" not in html
    staff.post(url, {"action": "highlight_stop"})
    assert "Hva koster det?" in projector_html(staff, open_workshop)


def test_only_a_visible_contribution_of_this_workshop_can_be_highlighted(
    open_workshop: Workshop, add_activity: Callable[..., Activity], make_participant: Any
) -> None:
    activity = add_activity(ActivityKind.STATEMENTS)  # moderated: held until approved
    held = say(activity, "Alle bør sykle", make_participant(), "s")
    with pytest.raises(Refusal):
        facilitation.workshop_highlight(workshop=open_workshop, contribution=held)


def test_a_countdown_is_shown_and_can_be_stopped(open_workshop: Workshop, staff: Client) -> None:
    url = reverse("workshops:projector_control", args=[open_workshop.pk])
    staff.post(url, {"action": "timer", "minutes": "3"})
    open_workshop.refresh_from_db()
    assert open_workshop.timer_ends_at is not None
    assert 'role="timer"' in projector_html(staff, open_workshop)
    staff.post(url, {"action": "timer_stop"})
    assert 'role="timer"' not in projector_html(staff, open_workshop)
    with pytest.raises(Refusal):
        facilitation.workshop_set_timer(workshop=open_workshop, minutes=0)


@pytest.mark.parametrize(
    ("votes", "bar"),
    [
        ((1, 1, 1, -1, 0), 'class="seg agree" style="flex-grow: 3"'),
        ((1, 1, 1, -1), None),  # fewer than five votes: no counts for the room
    ],
)
def test_statements_show_their_votes_as_bars_from_five_votes_on(
    open_workshop: Workshop,
    add_activity: Callable[..., Activity],
    make_participant: Any,
    staff: Client,
    votes: tuple[int, ...],
    bar: str | None,
    django_capture_on_commit_callbacks: Any,
) -> None:
    activity = add_activity(ActivityKind.STATEMENTS, moderated=False, results_visible=True)
    services.workshop_show_activity(workshop=open_workshop, activity=activity)
    statement = say(activity, "Vi trenger flere benker", make_participant(), "s")
    with django_capture_on_commit_callbacks(execute=True):  # the release follows the commit
        for vote in votes:
            services.statement_vote(participant=make_participant(), statement=statement, vote=vote)
    html = projector_html(staff, open_workshop)
    assert "Vi trenger flere benker" in html
    assert ('class="vote-bar"' in html and bar in html) if bar else 'class="vote-bar"' not in html


def test_the_word_cloud_puts_the_most_given_word_in_the_middle() -> None:
    rows = [{"label": w, "value": n} for w, n in [("a", 1), ("b", 5), ("c", 3), ("d", 2), ("e", 1)]]
    ordered = [r["label"] for r in pages.cloud_order(rows)]
    assert ordered[len(ordered) // 2] == "b"
    assert sorted(ordered) == ["a", "b", "c", "d", "e"]


def test_the_text_size_shrinks_as_the_text_grows() -> None:
    assert pages.text_size(["Kort"]) == "text-xl"
    assert pages.text_size(["Et middels langt innspill om bussen"] * 6) == "text-lg"
    assert pages.text_size(["Et langt innspill " * 10] * 12) == "text-md"


def test_the_projector_and_console_mark_a_nynorsk_prompt_as_nynorsk(
    staff: Client, open_workshop: Workshop, add_activity: Callable[..., Activity]
) -> None:
    nynorsk = add_activity(ActivityKind.OPEN, prompt="Kva lurer du på?", text_lang="nn")
    services.workshop_show_activity(workshop=open_workshop, activity=nynorsk)

    assert 'lang="nn">Kva lurer du på?</h1>' in projector_html(staff, open_workshop)
    console = staff.get(reverse("workshops:console", args=[open_workshop.pk])).content.decode()
    assert '<span lang="nn">Kva lurer du på?</span>' in console
    assert '<span lang="nb">Spørsmål om choice</span>' in console


def test_an_activity_in_an_unknown_language_is_refused(open_workshop: Workshop) -> None:
    with pytest.raises(ValueError, match="unknown text language"):
        services.activity_add(workshop=open_workshop, kind="open", prompt="Hi?", text_lang="en")
