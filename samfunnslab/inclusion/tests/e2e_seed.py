"""Seed the e2e server's database: an ended session with described participants beside the demo,
and a two-camp statements vote in the demo.

Run inside the server's environment: `manage.py shell -c "...e2e_seed import main; main()"`; it
prints the ids the browser tests need as one JSON line.
"""

from __future__ import annotations

import json

from samfunnslab.workshops import services
from samfunnslab.workshops.demo import DEMO_TITLE
from samfunnslab.workshops.models import Workshop

CAMP_A = [f"Påstand A{i}: nærmiljøet bør gjøre mer selv." for i in range(1, 6)]
CAMP_B = [f"Påstand B{i}: kommunen bør samle tjenestene." for i in range(1, 6)]
SHARED = ["Alle bør ha en trygg vei til skolen."]


def main() -> None:
    demo = Workshop.objects.get(title=DEMO_TITLE)
    # An ended first session (breakdowns are shown once a session has ended): no one under 18,
    # and two elected representatives among the roles, a small cell to hide.
    ended = services.workshop_create(
        organisation=demo.organisation,
        user=None,
        title="Samling 1",
        municipality_code=demo.municipality_code,
    )
    services.activity_add(workshop=ended, kind="statements", prompt="Hva mener du?")
    services.workshop_open(workshop=ended)
    for band, count, role in (
        ("30-44", 6, "innbygger"),
        ("45-66", 7, "ansatt"),
        ("67-79", 5, "innbygger"),
        ("80+", 5, "innbygger"),
        ("45-66", 2, "folkevalgt"),
    ):
        for _ in range(count):
            person = services.participant_join(workshop=ended)
            services.participant_describe(
                participant=person, age_band=band, role=role, lives_here="ja"
            )
    services.workshop_close(workshop=ended)
    activity = services.activity_add(
        workshop=demo,
        kind="statements",
        prompt="Hvordan bør nabolaget organiseres?",
        statements=CAMP_A + CAMP_B + SHARED,
    )
    # Votes need an activity that has been shown; put the one on screen back afterwards.
    on_screen = demo.current_activity
    services.workshop_show_activity(workshop=demo, activity=activity)
    by_text = {c.text: c for c in activity.contributions.all()}
    for mine, theirs in ((CAMP_A, CAMP_B), (CAMP_B, CAMP_A)):
        for _ in range(8):
            person = services.participant_join(workshop=demo)
            for text in mine + SHARED:
                services.statement_vote(participant=person, statement=by_text[text], vote=1)
            for text in theirs:
                services.statement_vote(participant=person, statement=by_text[text], vote=-1)
    services.workshop_show_activity(workshop=demo, activity=on_screen)
    print(json.dumps({"workshop": ended.pk, "demo": demo.pk, "activity": activity.pk}))
