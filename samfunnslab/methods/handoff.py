"""The one hand-off to the workshops app: start a live workshop pre-filled with a step's activities."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from samfunnslab.core.errors import Refusal
from samfunnslab.methods.models import ProcessItem

PULSE_STEP_SLUG = "forventningspuls"


def workshop_for_item(
    *, item: ProcessItem, user: AbstractBaseUser, municipality_code: str = "", language: str = "nb"
) -> tuple[int, str]:
    """Create a draft workshop with the step's activities; return its id and console URL.

    The workshop is for `municipality_code` (the facilitator's choice when starting), by default
    the municipality of the process's organisation. The activities, and the step's name in the
    title «<process>: <step>», are in nynorsk when `language` is "nn" and the step is written in
    nynorsk, else in bokmål (the process name is the organisation's own text).
    """
    from samfunnslab.workshops import services as workshops

    process, step = item.process, item.step
    if step is None:
        raise Refusal(_("Bare steg fra biblioteket kan startes som verksted."))
    if process.organisation is None:
        raise Refusal(_("Organisasjonen mangler kommunenummer, som verkstedet trenger."))
    municipality_code = municipality_code or process.organisation.municipality_code
    if not municipality_code:
        raise Refusal(_("Organisasjonen mangler kommunenummer, som verkstedet trenger."))
    label = _("Møte %(m)s · prosessversjon %(v)s") % {"m": item.meeting, "v": process.version}
    written = step.in_language(language)
    with transaction.atomic():
        workshop = workshops.workshop_create(
            organisation=process.organisation,
            user=user,
            title=f"{process.name}: {written.name}"[:200],
            municipality_code=municipality_code,
            session_label=label[:100],
            easy_language=process.easy_language or item.use_easy_variant,
        )
        # The pulse step's activities are added by `pulse_activities_create` (before and after).
        for activity in [] if step.slug == PULSE_STEP_SLUG else written.activities:
            _add_step_activity(workshop, activity, text_lang=written.text_lang)
    return workshop.pk, reverse("workshops:console", args=[workshop.pk])


def pulse_activities_create(*, workshop_id: int, phase: str, language: str = "nb") -> list[int]:
    """Add the pulse items for one phase to a workshop; «before» goes first, the others last.

    Returns the new activity ids in the pulse's order. Uses only the workshops app's services
    and existing activity kinds (scale with «Vet ikke», 100 points, open). The items are asked
    in nynorsk when `language` is "nn", else in bokmål (`Activity.text_lang` says which).
    """
    from samfunnslab.methods import pulse
    from samfunnslab.workshops import services as workshops
    from samfunnslab.workshops.models import Workshop

    workshop = Workshop.objects.get(pk=workshop_id)
    text_lang = pulse.phone_language(language)
    low, high = pulse.SCALE_LABELS[text_lang]
    created = []
    for item in (i.in_language(text_lang) for i in pulse.ITEMS):
        activity = workshops.activity_add(
            workshop=workshop,
            kind=item.kind,
            prompt=item.prompt,
            prompt_easy=item.prompt_easy,
            options=item.options,
            scale_max=pulse.SCALE_MAX,
            scale_low_label=low if item.kind == "scale" else "",
            scale_high_label=high if item.kind == "scale" else "",
            max_entries=3,
            moderated=False if item.kind == "open" else None,
            results_visible=False,
            text_lang=text_lang,
        )
        created.append(activity)
    if phase == "before":
        for index, activity in enumerate(created):
            steps_up = activity.position - index
            for _step in range(steps_up):
                workshops.activity_move(activity=activity, direction=-1)
    return [activity.pk for activity in created]


def pulse_repeat_window(*, workshop_id: int, first_activity_id: int, days: int) -> None:
    """Open the workshop's asynchronous window for `days` days at the first repeat item."""
    import datetime

    from django.utils import timezone

    from samfunnslab.workshops import services as workshops
    from samfunnslab.workshops.models import Activity, Workshop

    workshop = Workshop.objects.get(pk=workshop_id)
    workshops.workshop_open(
        workshop=workshop, open_until=timezone.now() + datetime.timedelta(days=days)
    )
    workshops.workshop_show_activity(
        workshop=workshop, activity=Activity.objects.get(pk=first_activity_id)
    )


def pulse_answers(
    activity_ids: list[int],
) -> tuple[dict[int, list[tuple[int, Any]]], dict[int, set[int]]]:
    """Return the answers to these activities: responses (person, value) and who wrote text.

    A person is one anonymous participant (one phone in one workshop). Response values are the
    scale number (None for «Vet ikke») or the list of points.
    """
    from samfunnslab.workshops.models import Contribution, Response

    responses: dict[int, list[tuple[int, Any]]] = {pk: [] for pk in activity_ids}
    for activity_id, participant_id, value in Response.objects.filter(
        activity_id__in=activity_ids
    ).values_list("activity_id", "participant_id", "value"):
        if isinstance(value, dict):
            responses[activity_id].append(
                (participant_id, value.get("value") if "value" in value else value.get("points"))
            )
    writers: dict[int, set[int]] = {pk: set() for pk in activity_ids}
    for activity_id, participant_id in Contribution.objects.filter(
        activity_id__in=activity_ids, participant__isnull=False
    ).values_list("activity_id", "participant_id"):
        writers[activity_id].add(participant_id)
    return responses, writers


def runnable_workshops(*, workshop_ids: list[int], user: AbstractBaseUser) -> list[tuple[int, str]]:
    """Return (id, title) of those workshops the user may run and that are not closed, newest first."""
    from samfunnslab.workshops import authorizers
    from samfunnslab.workshops.models import Workshop, WorkshopStatus

    workshops = (
        Workshop.objects.filter(pk__in=workshop_ids)
        .exclude(status=WorkshopStatus.CLOSED)
        .select_related("organisation")
        .order_by("-pk")
    )
    return [(w.pk, w.title) for w in workshops if authorizers.can_run_workshop(user, w)]


def activity_open(
    *, workshop_id: int, activity: dict[str, Any], text_lang: str, same_prompts: Collection[str]
) -> str:
    """Put the step's phone activity on the workshop's screen: the one already there with the same
    kind and one of `same_prompts` (the prompt in each language the step is written in, so the
    activity is found whichever language it was started in), or a new one added at the end,
    written in `text_lang`. Return the console URL."""
    from samfunnslab.workshops import services as workshops
    from samfunnslab.workshops.models import Workshop

    workshop = Workshop.objects.select_for_update().get(pk=workshop_id)
    existing = (
        workshop.activities.filter(kind=activity["kind"], prompt__in=same_prompts)
        .order_by("position", "pk")
        .first()
    )
    if existing is None:
        existing = _add_step_activity(workshop, activity, text_lang=text_lang)
    workshops.workshop_show_activity(workshop=workshop, activity=existing)
    return reverse("workshops:console", args=[workshop.pk])


def _add_step_activity(workshop: Any, activity: dict[str, Any], *, text_lang: str) -> Any:
    """Add one of a method step's phone activities (as the step's content describes it)."""
    from samfunnslab.workshops import services as workshops

    return workshops.activity_add(
        workshop=workshop,
        kind=activity["kind"],
        prompt=activity["prompt"],
        prompt_easy=activity.get("prompt_easy", ""),
        options=activity.get("options", ()),
        themes=activity.get("themes", ()),
        statements=activity.get("statements", ()),
        scale_low_label=activity.get("scale_low", ""),
        scale_high_label=activity.get("scale_high", ""),
        text_lang=text_lang,
    )
