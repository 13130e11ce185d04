"""No order or herding bias on the phone: nothing pre-filled, own order, results after answering."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.test import Client
from django.urls import reverse

from samfunnslab.workshops import services
from samfunnslab.workshops.models import Activity, ActivityKind, Workshop


def joined(workshop: Workshop) -> Client:
    client = Client()
    client.post(reverse("workshops:join"), {"code": workshop.join_code})
    return client


def page(client: Client, workshop: Workshop) -> str:
    return client.get(reverse("workshops:participant", args=[workshop.join_code])).content.decode()


def show(workshop: Workshop, activity: Activity) -> None:
    services.workshop_show_activity(workshop=workshop, activity=activity)


def options_in_page(html: str) -> list[str]:
    return re.findall(r'<label for="place-\d+">([^<]+)</label>', html)


def test_a_ranking_has_no_default_order_and_each_phone_its_own(
    open_workshop: Workshop, add_activity: Callable[..., Activity]
) -> None:
    labels = [f"Alternativ {n}" for n in range(6)]
    ranking = add_activity(ActivityKind.RANKING, options=labels)
    assert ranking.shuffle_options  # on by default for ranking
    show(open_workshop, ranking)
    phones = [joined(open_workshop) for _ in range(6)]
    html = page(phones[0], open_workshop)
    assert html.count('<option value="" selected>Velg plass</option>') == 6
    assert re.search(r'<option value="\d+" selected>', html) is None  # nothing pre-filled
    orders = {tuple(options_in_page(page(p, open_workshop))) for p in phones}
    assert all(sorted(order) == labels for order in orders)
    assert len(orders) > 1
    assert options_in_page(page(phones[0], open_workshop)) == options_in_page(html)  # stable


def test_a_choice_keeps_the_facilitators_order_unless_asked_to_shuffle(
    open_workshop: Workshop, choice: Activity
) -> None:
    assert not choice.shuffle_options
    html = page(joined(open_workshop), open_workshop)
    assert html.index("Skole") < html.index("Helse") < html.index("Kultur")


def test_a_ranking_that_gives_two_rows_one_place_names_them(
    open_workshop: Workshop, add_activity: Callable[..., Activity]
) -> None:
    ranking = add_activity(ActivityKind.RANKING)
    show(open_workshop, ranking)
    client = joined(open_workshop)
    client.post(
        reverse("workshops:participant_submit", args=[open_workshop.join_code]),
        {"action": "answer", "activity": ranking.pk, "key": "r", "place_0": "1", "place_1": "1"},
    )
    html = page(client, open_workshop)
    assert "«Skole» og «Helse» har begge plass 1." in html


def submit(client: Client, workshop: Workshop, payload: dict[str, Any]) -> None:
    """Send what a phone's script sends: one answer or vote as JSON."""
    client.post(
        reverse("workshops:participant_submit", args=[workshop.join_code]),
        data=json.dumps(payload),
        content_type="application/json",
        HTTP_ACCEPT="application/json",
    )


def test_results_reach_a_phone_only_after_it_has_answered(
    open_workshop: Workshop, choice: Activity
) -> None:
    client = joined(open_workshop)
    before = page(client, open_workshop)
    assert "Slik svarte alle" not in before
    assert "Du ser hva alle svarte når du har svart selv." in before
    submit(client, open_workshop, {"action": "answer", "activity": choice.pk, "key": "c",
                                   "value": {"choice": 1}})  # fmt: skip
    after = page(client, open_workshop)
    assert "Slik svarte alle" in after
    assert "Endre svaret" in after
    services.activity_set_results_visible(activity=choice, visible=False)
    assert "Slik svarte alle" not in page(client, open_workshop)  # the facilitator decides


def test_the_second_person_to_answer_cannot_read_the_first_ones_answer(
    open_workshop: Workshop, choice: Activity, make_participant: Any
) -> None:
    services.response_submit(
        participant=make_participant(), activity=choice, value={"choice": 0}, idempotency_key="a"
    )
    client = joined(open_workshop)
    submit(client, open_workshop, {"action": "answer", "activity": choice.pk, "key": "c",
                                   "value": {"choice": 1}})  # fmt: skip
    after = page(client, open_workshop)
    assert "Resultatene vises når minst 5 har svart. Så langt har 2 svart." in after
    assert "results-table" not in after


def test_statement_tallies_stay_hidden_until_the_person_has_voted(
    open_workshop: Workshop,
    add_activity: Callable[..., Activity],
    make_participant: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    activity = add_activity(ActivityKind.STATEMENTS, statements=["Bussen må gå oftere"])
    show(open_workshop, activity)
    statement = activity.contributions.get()
    for vote in (1, 1, -1, -1):
        services.statement_vote(participant=make_participant(), statement=statement, vote=vote)
    client = joined(open_workshop)
    before = page(client, open_workshop)
    assert "Bussen må gå oftere" in before
    assert "Enig: 2" not in before
    with django_capture_on_commit_callbacks(execute=True):  # the release follows the commit
        client.post(
            reverse("workshops:participant_submit", args=[open_workshop.join_code]),
            data=json.dumps(
                {"action": "vote", "activity": activity.pk, "key": "v", "item": statement.pk,
                 "vote": 0}
            ),
            content_type="application/json",
            HTTP_ACCEPT="application/json",
        )  # fmt: skip
    after = page(client, open_workshop)
    assert "Enig: 2 · Uenig: 2 · Står over: 1" in after  # the fifth vote: counts are shown
    assert "Du har tatt stilling til alle påstandene" in after


def test_the_facilitators_bokmal_text_is_marked_when_the_phone_speaks_another_language(
    open_workshop: Workshop, choice: Activity
) -> None:
    client = joined(open_workshop)
    bokmal = page(client, open_workshop)
    assert f'data-size="lg">{choice.prompt}</h1>' in bokmal
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = page(client, open_workshop)
    assert '<html lang="en"' in english
    assert f'data-size="lg" lang="nb">{choice.prompt}</h1>' in english
    assert '<span lang="nb">Skole</span>' in english


def test_a_nynorsk_activity_is_marked_nynorsk_except_on_a_nynorsk_phone(
    open_workshop: Workshop, add_activity: Callable[..., Activity]
) -> None:
    nynorsk = add_activity(
        ActivityKind.CHOICE,
        prompt="Kva er viktigast?",
        options=["Skule", "Helse"],
        text_lang="nn",
    )
    show(open_workshop, nynorsk)
    client = joined(open_workshop)
    bokmal = page(client, open_workshop)
    assert 'data-size="lg" lang="nn">Kva er viktigast?</h1>' in bokmal
    assert '<span lang="nn">Skule</span>' in bokmal
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nn"
    in_nynorsk = page(client, open_workshop)
    assert 'data-size="lg">Kva er viktigast?</h1>' in in_nynorsk
    assert '<span lang="nb">' not in in_nynorsk


def test_the_scale_labels_of_a_nynorsk_activity_are_marked_nynorsk_on_a_bokmal_phone(
    open_workshop: Workshop, add_activity: Callable[..., Activity]
) -> None:
    scale = add_activity(
        ActivityKind.SCALE,
        prompt="Eg veit kva eg sjølv kan bidra med.",
        scale_low_label="Heilt usamd",
        scale_high_label="Heilt samd",
        text_lang="nn",
    )
    show(open_workshop, scale)
    client = joined(open_workshop)
    bokmal = page(client, open_workshop)
    assert '1 betyr «<span lang="nn">Heilt usamd</span>»' in bokmal
    assert '1 – <span lang="nn">Heilt usamd</span></span>' in bokmal
    assert '5 – <span lang="nn">Heilt samd</span></span>' in bokmal
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nn"
    in_nynorsk = page(client, open_workshop)
    assert "1 – Heilt usamd</span>" in in_nynorsk and '<span lang="nn">' not in in_nynorsk
