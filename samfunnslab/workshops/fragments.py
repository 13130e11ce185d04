"""The phone's pages: the activity fragment, the shared rendering the hub pushes, the page shell.

Lives below the views and the hub (both use it), so the live fan-out does not import a view
module. The participant views render the same context for one phone; the hub renders
`render_blank_activity` once per language for every phone that has not answered yet; the page
around the fragment (layout, header, footer, language and easy-language forms) is the same for
every phone of a workshop and is rendered once (`render_phone_page`).
"""

from __future__ import annotations

import random
import uuid
from typing import Any

from django.conf import settings
from django.contrib.messages import get_messages
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from samfunnslab.core import lang
from samfunnslab.core.shortcache import VersionedCache
from samfunnslab.workshops import freshness, selectors
from samfunnslab.workshops.models import Activity, Participant, Workshop


def activity_context(
    workshop: Workshop, participant: Participant, activity: Activity | None, *, easy: bool = False
) -> dict[str, Any]:
    """Everything the participant's activity fragment needs."""
    state = selectors.workshop_state(
        workshop, audience="participant", participant=participant, activity=activity
    )
    return context_from_state(workshop, participant, state, easy=easy)


def render_blank_activity(workshop: Workshop, state: dict[str, Any], *, easy: bool) -> str:
    """Render the activity fragment as a participant who has not answered it yet sees it.

    It is the same for every such participant, so a room of thousands is sent one rendering over
    the sockets when the facilitator shows the next activity, instead of every phone asking for
    its own at once. The caller activates the language. The fragment carries no CSRF token (the
    page keeps the one it was loaded with) and is not used for idea boards, which are per group.
    """
    blank = {**state, "me": {"group_id": None, "answers": selectors.NO_ANSWERS}}
    context = context_from_state(workshop, None, blank, easy=easy)
    return render_to_string("workshops/_participant_activity.html", context)


def content_lang(activity: dict[str, Any] | None) -> str:
    """Return the `lang` to mark the activity's texts with, or "" when the interface speaks it.

    What the facilitator wrote is in bokmål, a method step started in nynorsk is in nynorsk
    (`text_lang`): say so when the interface is in another language.
    """
    return lang.other_lang((activity or {}).get("text_lang", "nb"))


def context_from_state(
    workshop: Workshop, participant: Participant | None, state: dict[str, Any], *, easy: bool
) -> dict[str, Any]:
    shown = state["activity"]
    seed = str(participant.pk) if participant is not None else None
    deck: list[dict[str, Any]] = []
    if shown and shown["kind"] == "statements" and state["me"]["answers"] is not None:
        deck = selectors.statement_deck(
            shown["id"], shown["items"], state["me"]["answers"]["votes"], seed=seed
        )
    activities = state["workshop"]["activities"]
    ids = [a["id"] for a in activities]
    index = ids.index(shown["id"]) if shown and shown["id"] in ids else -1
    me = state["me"]["answers"]
    answered = bool(me and (me["response"] or me["contributions"] or me["votes"] or me["upvotes"]))
    closed = shown is not None and (shown["locked"] or not state["workshop"]["accepts_answers"])
    return {
        "workshop": workshop,
        "participant": participant,
        # The optional self-description is offered between activities (while waiting, or once
        # the shown one is answered), never on the way in.
        "offer_description": participant is not None
        and not participant.has_description
        and (shown is None or answered),
        "answered": answered,
        "content_lang": content_lang(shown),
        # Results reach a phone only once it has answered (or nobody can answer any more), and
        # only while the facilitator shows them: no herding.
        "show_results": bool(shown and shown.get("results") and (answered or closed)),
        "deck": deck,
        "voted_items": [
            i for i in (shown or {}).get("items", []) if i["id"] in (me or {}).get("votes", {})
        ]
        if shown and shown["kind"] == "statements"
        else [],
        # Without a participant (the rendering shared by a room) each phone's script shuffles.
        "shuffle_in_browser": bool(shown and shown.get("shuffle_options") and seed is None),
        "state": state,
        "activity": shown,
        "me": state["me"]["answers"],
        "key": uuid.uuid4().hex,
        "easy": easy,
        "prompt": _prompt(shown, easy=easy),
        "previous_activity": activities[index - 1] if index > 0 else None,
        "next_activity": activities[index + 1] if 0 <= index < len(activities) - 1 else None,
        "groups": state["workshop"]["groups"],
        **_form_helpers(shown, state["me"]["answers"], seed=seed),
    }


def _form_helpers(
    activity: dict[str, Any] | None, me: dict[str, Any] | None, *, seed: str | None
) -> dict[str, Any]:
    """Precomputed bits the answer forms need (templates cannot count or look up by index).

    Nothing is pre-filled: a ranking row has no place until the participant gives it one. With
    `shuffle_options` the options come in an order of this phone's own (seeded, so it stays the
    same between page loads); the form fields carry each option's index, so order is display only.
    """
    if activity is None or me is None:
        return {}
    response = me["response"] or {}
    order = response.get("order") or []
    points = response.get("points") or []
    options = activity["options"]
    rows = [
        {
            "index": i,
            "label": label,
            "place": order.index(i) + 1 if i in order else None,
            "points": points[i] if i < len(points) else 0,
        }
        for i, label in enumerate(options)
    ]
    if activity.get("shuffle_options") and seed is not None:
        random.Random(f"{seed}:{activity['id']}").shuffle(rows)
    return {
        "option_rows": rows,
        "option_places": list(range(1, len(options) + 1)),
        "points_used": sum(points),
        "scale_steps": list(range(1, activity["scale_max"] + 1)),
        "remaining": activity["max_entries"] - len(me["contributions"]),
        "vote_choices": [(1, _("Enig")), (-1, _("Uenig")), (0, _("Står over"))],
        "my_votes": me["votes"],
        "my_item_ids": [c["id"] for c in me["contributions"]],
        "picture_max_bytes": settings.IMAGE_MAX_BYTES,
        "picture_max_mb": settings.IMAGE_MAX_BYTES // (1024 * 1024),
    }


def _prompt(activity: dict[str, Any] | None, *, easy: bool) -> str:
    if activity is None:
        return ""
    if easy and activity["prompt_easy"]:
        return str(activity["prompt_easy"])
    return str(activity["prompt"])


# ------------------------------------------------------------------ the page shell

SHELL_SECONDS = 2.0
# Stand-ins rendered into the cached shell and replaced per request: a CSRF token (64 letters and
# digits, like Django's masked tokens, so escaping leaves it alone) and the activity fragment.
CSRF_STAND_IN = "shellcsrf" + "0" * 55
SLOT_STAND_IN = "<!--samfunnslab-phone-slot-->"
_shells: VersionedCache[str] = VersionedCache(limit=500)


def render_phone_page(
    request: HttpRequest,
    template: str,
    context: dict[str, Any],
    *,
    workshop: Workshop,
    slot: str | None = None,
    variant: Any = None,
) -> HttpResponse:
    """Render a participant page whose only per-phone parts are the CSRF token and `slot`.

    A room of thousands joining within a minute asked for the same layout thousands of times;
    now it is rendered once per workshop, language, easy-language choice, address and `variant`
    (e.g. the activity shown), and kept while the workshop's settings are unchanged in this
    process (`freshness.touch_workshop`), at most `SHELL_SECONDS`. The template shows `slot` (the
    phone's own activity fragment) as `{{ slot }}`. A page with a message to show (after a form
    sent without JavaScript) is rendered in full.
    """
    if len(get_messages(request)):
        return HttpResponse(
            render_to_string(template, {**context, "slot": mark_safe(slot or "")}, request)
        )
    key = (
        template,
        workshop.pk,
        workshop.created_at,
        translation.get_language(),
        context.get("easy"),
        request.get_full_path(),
        variant,
    )
    version = freshness.workshop_version(workshop.pk)
    shell = _shells.get(key, version=version, max_age=SHELL_SECONDS)
    if shell is None:
        stand_ins = {"csrf_token": CSRF_STAND_IN, "slot": mark_safe(SLOT_STAND_IN)}
        shell = render_to_string(template, {**context, **stand_ins}, request)
        _shells.put(key, version=version, value=shell)
    html = shell.replace(CSRF_STAND_IN, get_token(request))
    return HttpResponse(html.replace(SLOT_STAND_IN, slot or "", 1))
