"""Joining that never shuts a room out: code limits, closed workshops, one tap to the question."""

from __future__ import annotations

import json
from typing import Any

from django.test import Client
from django.urls import reverse

from samfunnslab.workshops import services
from samfunnslab.workshops.models import Activity, Participant, Response, Workshop

ROOM_ADDRESS = "10.0.0.1"  # a school Wi-Fi behind one NAT address


def phone() -> Client:
    return Client(REMOTE_ADDR=ROOM_ADDRESS)


def type_code(client: Client, code: str) -> Any:
    return client.post(reverse("workshops:join"), {"code": code})


def answer(client: Client, workshop: Workshop, activity: Activity, key: str) -> Any:
    return client.post(
        reverse("workshops:participant_submit", args=[workshop.join_code]),
        data=json.dumps(
            {"action": "answer", "activity": activity.pk, "key": key, "value": {"choice": 0}}
        ),
        content_type="application/json",
        HTTP_ACCEPT="application/json",
    )


def test_25_wrong_codes_from_one_address_do_not_stop_40_phones_there_joining_and_answering(
    open_workshop: Workshop, choice: Activity
) -> None:
    prankster = phone()
    for _ in range(25):
        assert type_code(prankster, "XXXXXX").status_code == 404
    for n in range(40):
        client = phone()
        joined = type_code(client, open_workshop.join_code)
        assert joined.status_code == 302, joined.content.decode()[:300]
        assert answer(client, open_workshop, choice, key=f"k{n}").status_code == 200
    assert Participant.objects.filter(workshop=open_workshop).count() == 40
    assert Response.objects.filter(activity=choice).count() == 40


def test_a_joined_phone_is_never_throttled_by_the_join_code_limit(
    open_workshop: Workshop, choice: Activity, settings: Any
) -> None:
    settings.WORKSHOP_RATE_LIMITS = {"code_failures_ip": (3, 600), "join_ip": (1, 600)}
    joined = phone()
    assert type_code(joined, open_workshop.join_code).status_code == 302
    for _ in range(10):
        type_code(phone(), "XXXXXX")
    newcomer = phone().get(reverse("workshops:participant", args=[open_workshop.join_code]))
    assert newcomer.status_code == 429  # the limit still holds for phones that are not in
    code = open_workshop.join_code
    assert joined.get(reverse("workshops:participant", args=[code])).status_code == 200
    assert joined.get(reverse("workshops:participant_hx", args=[code])).status_code == 200
    assert joined.get(reverse("workshops:participant_state", args=[code])).status_code == 200
    assert type_code(joined, code).status_code == 302  # typing the code again is fine too
    assert answer(joined, open_workshop, choice, key="late").status_code == 200


def test_wrong_codes_are_still_limited_for_phones_that_have_not_joined(
    open_workshop: Workshop,
) -> None:
    client = phone()
    for _ in range(200):
        client.get(reverse("workshops:participant", args=["WRONG1"]))
    refused = client.get(reverse("workshops:participant", args=[open_workshop.join_code]))
    assert refused.status_code == 429
    assert "Vent ti minutter" in refused.content.decode()


def test_a_closed_workshops_code_says_it_has_ended_and_is_not_a_wrong_code(
    open_workshop: Workshop, settings: Any
) -> None:
    settings.WORKSHOP_RATE_LIMITS = {"code_failures_ip": (3, 600)}
    services.workshop_close(workshop=open_workshop)
    client = phone()
    for _ in range(10):  # reloads after the end
        page = client.get(reverse("workshops:participant", args=[open_workshop.join_code]))
        assert page.status_code == 410
        assert "er avsluttet" in page.content.decode()
    typed = type_code(client, open_workshop.join_code.lower())
    assert typed.status_code == 410
    assert "Framtidsverksted» er avsluttet" in typed.content.decode()
    assert "Vi finner ikke" not in typed.content.decode()


def test_from_the_code_to_the_first_question_is_one_tap(
    open_workshop: Workshop, choice: Activity
) -> None:
    client = phone()
    typed = type_code(client, open_workshop.join_code)
    assert typed["Location"] == reverse("workshops:participant", args=[open_workshop.join_code])
    page = client.get(typed["Location"]).content.decode()
    assert choice.prompt in page
    assert 'name="choice"' in page
    assert "Om deg (valgfritt)</h1>" not in page


def test_the_qr_link_takes_a_phone_to_the_question_with_one_tap(
    open_workshop: Workshop, choice: Activity
) -> None:
    client = phone()
    welcome = client.get(reverse("workshops:participant", args=[open_workshop.join_code]))
    assert "Bli med" in welcome.content.decode()
    joined = client.post(reverse("workshops:participant_join", args=[open_workshop.join_code]))
    assert joined["Location"] == reverse("workshops:participant", args=[open_workshop.join_code])
    assert choice.prompt in client.get(joined["Location"]).content.decode()


def test_the_self_description_is_offered_between_activities_not_before_the_first(
    open_workshop: Workshop, choice: Activity
) -> None:
    client = phone()
    type_code(client, open_workshop.join_code)
    page = reverse("workshops:participant", args=[open_workshop.join_code])
    assert "Vil du fortelle litt om deg selv?" not in client.get(page).content.decode()
    answer(client, open_workshop, choice, key="a")
    assert "Vil du fortelle litt om deg selv?" in client.get(page).content.decode()
    about = reverse("workshops:participant_about", args=[open_workshop.join_code])
    client.post(about, {"age_band": "80+"})
    assert "Vil du fortelle litt om deg selv?" not in client.get(page).content.decode()


def test_one_browser_cannot_become_dozens_of_participants(
    open_workshop: Workshop, settings: Any
) -> None:
    client = phone()
    join = reverse("workshops:participant_join", args=[open_workshop.join_code])
    statuses = []
    for _ in range(8):
        client.cookies.pop(f"deltaker_{open_workshop.pk}", None)  # throw the participant away
        statuses.append(client.post(join, HTTP_ACCEPT="application/json").status_code)
    assert statuses == [200] * 5 + [429] * 3
    assert Participant.objects.filter(workshop=open_workshop).count() == 5
    # Someone else on the same network is not affected.
    assert phone().post(join, HTTP_ACCEPT="application/json").status_code == 200


def test_the_self_description_can_be_withdrawn_after_the_workshop_closed(
    open_workshop: Workshop,
) -> None:
    client = phone()
    type_code(client, open_workshop.join_code)
    about = reverse("workshops:participant_about", args=[open_workshop.join_code])
    client.post(about, {"age_band": "80+", "role": "frivillig"})
    services.workshop_close(workshop=open_workshop)
    page = client.get(about)
    assert page.status_code == 200
    assert "Slett det jeg har fortalt om meg" in page.content.decode()
    withdrawn = client.post(
        reverse("workshops:participant_about_withdraw", args=[open_workshop.join_code])
    )
    assert withdrawn.status_code == 302
    assert not Participant.objects.get().has_description


def test_nul_bytes_and_lone_surrogates_are_cleaned_before_storing(
    open_workshop: Workshop, add_activity: Any
) -> None:
    from samfunnslab.workshops.models import ActivityKind, Contribution

    open_activity = add_activity(ActivityKind.OPEN)
    services.workshop_show_activity(workshop=open_workshop, activity=open_activity)
    client = phone()
    type_code(client, open_workshop.join_code)
    body = (
        '{"action": "contribute", "activity": ACTIVITY, "key": "nul\\u0000", '
        '"text": "Trygg\\u0000 skolevei \\ud800for alle", "type": "input"}'
    ).replace("ACTIVITY", str(open_activity.pk))
    sent = client.post(
        reverse("workshops:participant_submit", args=[open_workshop.join_code]),
        data=body,
        content_type="application/json",
        HTTP_ACCEPT="application/json",
    )
    assert sent.status_code == 200, sent.content
    assert Contribution.objects.get(activity=open_activity).text == "Trygg skolevei for alle"


def test_phones_may_answer_only_activities_that_have_been_shown(
    open_workshop: Workshop, choice: Activity, add_activity: Any, settings: Any
) -> None:
    from samfunnslab.workshops.models import ActivityKind

    settings.WORKSHOP_ANSWERS_ONLY_SHOWN = True
    later = add_activity(ActivityKind.CHOICE, prompt="Senere")
    client = phone()
    type_code(client, open_workshop.join_code)
    early = answer(client, open_workshop, later, key="early")
    assert early.status_code == 409
    assert "ikke vist ennå" in early.json()["error"]
    services.workshop_show_activity(workshop=open_workshop, activity=later)
    services.workshop_show_activity(workshop=open_workshop, activity=choice)
    # Once shown, it stays answerable (a phone's outbox may still hold an answer for it).
    assert answer(client, open_workshop, later, key="shown").status_code == 200
    assert answer(client, open_workshop, choice, key="current").status_code == 200


def test_a_self_paced_workshop_takes_answers_for_every_activity(
    open_workshop: Workshop, add_activity: Any, settings: Any
) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from samfunnslab.workshops.models import ActivityKind

    settings.WORKSHOP_ANSWERS_ONLY_SHOWN = True
    later = add_activity(ActivityKind.CHOICE, prompt="Senere")
    open_workshop.open_until = timezone.now() + timedelta(days=3)
    open_workshop.save()
    client = phone()
    type_code(client, open_workshop.join_code)
    assert answer(client, open_workshop, later, key="own-pace").status_code == 200


def test_a_rehearsal_reset_or_a_copy_starts_with_nothing_shown_but_the_current_activity(
    open_workshop: Workshop, choice: Activity, add_activity: Any, facilitator: Any
) -> None:
    from samfunnslab.workshops import housekeeping
    from samfunnslab.workshops.models import ActivityKind

    later = add_activity(ActivityKind.SCALE)
    services.workshop_show_activity(workshop=open_workshop, activity=later)
    services.workshop_show_activity(workshop=open_workshop, activity=choice)
    copy = housekeeping.activity_duplicate(activity=later)
    assert copy.shown_at is None
    housekeeping.workshop_reset_answers(workshop=open_workshop, user=facilitator)
    later.refresh_from_db()
    choice.refresh_from_db()
    assert later.shown_at is None
    assert services.was_shown(choice)
