"""Every write in the workshops app. Views and consumers parse, check access and call one of these.

Conventions: keyword-only, typed `<entity>_<action>` functions; each runs in one transaction; live
events are sent with `events.broadcast` after commit. A refused write raises `Refusal` with a plain
Norwegian message. Participant writes take an idempotency key: a retry with the same key returns the
stored answer (`created` is False) and changes nothing.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samfunnslab.accounts.models import Organisation
from samfunnslab.core.queries import only_match
from samfunnslab.workshops import events, kinds
from samfunnslab.workshops import text as textrules
from samfunnslab.workshops.errors import Refusal
from samfunnslab.workshops.models import (
    CONTRIBUTION_KINDS,
    OPTION_KINDS,
    Activity,
    ActivityKind,
    BreakoutGroup,
    Contribution,
    ContributionStatus,
    ContributionType,
    Participant,
    Response,
    StatementVote,
    Upvote,
    Vote,
    Workshop,
    WorkshopStatus,
)

# Letters and digits that cannot be mistaken for each other when read aloud or off a projector
# (no 0/O, 1/I/L, 2/Z, 5/S, 6/G, 8/B).
JOIN_CODE_ALPHABET = "ACDEFHJKMNPRTUVWXY3479"
JOIN_CODE_LENGTH = 6
MAX_KEY_LENGTH = 64
TEXT_LIMITS = {
    ActivityKind.WORDCLOUD: 40,
    ActivityKind.OPEN: 500,
    ActivityKind.STATEMENTS: 200,
    ActivityKind.QA: 300,
    ActivityKind.IDEAS: 300,
    ActivityKind.MAP: 200,
}
MAX_WORDCLOUD_WORDS = 3
DEFAULT_MODERATED = {ActivityKind.STATEMENTS}
# Ranking options come in a per-phone random order unless the facilitator says otherwise.
DEFAULT_SHUFFLED = {ActivityKind.RANKING}


# ------------------------------------------------------------------ workshops


def check_municipality(code: str) -> None:
    """Refuse a municipality code the snapshot does not know."""
    from samfunnslab.core import statistics

    try:
        statistics.snapshot().info(code)
    except KeyError:
        raise Refusal(_("Vi finner ingen kommune med nummer %(code)s.") % {"code": code}) from None


@transaction.atomic
def workshop_create(
    *,
    organisation: Organisation,
    user: AbstractBaseUser | None,
    title: str,
    municipality_code: str,
    session_label: str = "",
    easy_language: bool = False,
    open_until: datetime | None = None,
) -> Workshop:
    """Create a draft workshop for a municipality (the code must exist in the snapshot)."""
    check_municipality(municipality_code)
    return Workshop.objects.create(
        organisation=organisation,
        created_by=user,
        title=title.strip(),
        municipality_code=municipality_code,
        session_label=session_label.strip(),
        easy_language=easy_language,
        open_until=open_until,
    )


def new_join_code() -> str:
    """Return a random join code of unambiguous characters."""
    return "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))


def normalise_join_code(raw: str) -> str:
    """Upper-case and drop spaces and dashes, so «acd 347» and «ACD-347» both work."""
    return "".join(ch for ch in raw.upper() if ch.isalnum())[:16]


def workshop_open(*, workshop: Workshop, open_until: datetime | None = None) -> Workshop:
    """Open the workshop with a join code unique among open workshops; start at the first activity."""
    for _attempt in range(20):
        try:
            with transaction.atomic():
                return _open_with_code(workshop, open_until)
        except IntegrityError:
            workshop.join_code = ""  # another open workshop took the code in the meantime
    raise Refusal(_("Vi fikk ikke laget en ledig kode. Prøv igjen."), status=503)


def _open_with_code(workshop: Workshop, open_until: datetime | None) -> Workshop:
    code = workshop.join_code
    taken = Workshop.objects.filter(status=WorkshopStatus.OPEN, join_code=code)
    if not code or taken.exclude(pk=workshop.pk).exists():
        code = new_join_code()
        while Workshop.objects.filter(status=WorkshopStatus.OPEN, join_code=code).exists():
            code = new_join_code()
    workshop.join_code = code
    workshop.status = WorkshopStatus.OPEN
    workshop.opened_at = workshop.opened_at or timezone.now()
    workshop.closed_at = None
    if open_until is not None:
        workshop.open_until = open_until
    if workshop.current_activity_id is None:
        workshop.current_activity = workshop.activities.order_by("position", "id").first()
    workshop.save()
    _mark_shown(workshop)
    events.broadcast(workshop_id=workshop.pk, build=events.workshop_changed(workshop.pk))
    return workshop


def _mark_shown(workshop: Workshop) -> None:
    """Remember that the current activity has been on the phones (answers are taken from then)."""
    if workshop.current_activity_id is not None:
        Activity.objects.filter(pk=workshop.current_activity_id, shown_at__isnull=True).update(
            shown_at=timezone.now()
        )


@transaction.atomic
def workshop_close(*, workshop: Workshop) -> Workshop:
    """Close the workshop: nobody can join or answer any more; everything said is kept."""
    workshop.status = WorkshopStatus.CLOSED
    workshop.closed_at = timezone.now()
    workshop.save(update_fields=["status", "closed_at"])
    events.broadcast(workshop_id=workshop.pk, build=events.workshop_changed(workshop.pk))
    return workshop


@transaction.atomic
def workshop_show_activity(*, workshop: Workshop, activity: Activity | None) -> Workshop:
    """Make `activity` the one every phone and the projector show now."""
    if activity is not None and activity.workshop_id != workshop.pk:
        raise Refusal(_("Aktiviteten hører ikke til dette verkstedet."), status=404)
    workshop.current_activity = activity
    workshop.save(update_fields=["current_activity"])
    _mark_shown(workshop)
    events.broadcast(workshop_id=workshop.pk, build=events.workshop_changed(workshop.pk))
    return workshop


def workshop_step(*, workshop: Workshop, direction: int) -> Workshop:
    """Go to the next (direction 1) or previous (direction −1) activity, as the remote does."""
    activities = list(workshop.activities.order_by("position", "id"))
    if not activities:
        return workshop
    ids = [a.pk for a in activities]
    index = ids.index(workshop.current_activity_id) if workshop.current_activity_id in ids else -1
    target = min(max(index + (1 if direction > 0 else -1), 0), len(activities) - 1)
    return workshop_show_activity(workshop=workshop, activity=activities[target])


@transaction.atomic
def group_add(*, workshop: Workshop, name: str) -> BreakoutGroup:
    """Add a breakout group (a table in the room) with its own board of idea cards."""
    position = workshop.groups.count()
    group = BreakoutGroup.objects.create(
        workshop=workshop, name=name.strip()[:100], position=position
    )
    events.broadcast(workshop_id=workshop.pk, build=events.workshop_changed(workshop.pk))
    return group


# ------------------------------------------------------------------ activities


def _clean_lines(items: Sequence[str], *, limit: int = 200) -> list[str]:
    return [item.strip()[:limit] for item in items if item and item.strip()]


def _activity_fields(
    *,
    kind: ActivityKind,
    prompt: str,
    prompt_easy: str,
    options: Sequence[str],
    themes: Sequence[str],
    scale_max: int,
    scale_low_label: str,
    scale_high_label: str,
    max_entries: int,
) -> dict[str, Any]:
    """Clean what the facilitator wrote about an activity, or refuse it with a plain reason."""
    cleaned_options = _clean_lines(options)
    if kind in OPTION_KINDS and len(cleaned_options) < 2:
        raise Refusal(_("Skriv minst to svaralternativer, ett per linje."))
    if kind == ActivityKind.MAP and not cleaned_options:
        raise Refusal(_("Skriv minst én kategori for kartnålene, én per linje."))
    if not prompt.strip():
        raise Refusal(_("Skriv spørsmålet deltakerne skal svare på."))
    if not 2 <= scale_max <= 10:
        raise Refusal(_("Skalaen må gå fra 1 til et tall mellom 2 og 10."))
    return {
        "prompt": prompt.strip()[:300],
        "prompt_easy": prompt_easy.strip()[:300],
        "options": cleaned_options,
        "themes": _clean_lines(themes, limit=100),
        "scale_max": scale_max,
        "scale_low_label": scale_low_label.strip()[:60],
        "scale_high_label": scale_high_label.strip()[:60],
        "max_entries": max(1, max_entries),
    }


@transaction.atomic
def activity_add(
    *,
    workshop: Workshop,
    kind: str,
    prompt: str,
    prompt_easy: str = "",
    options: Sequence[str] = (),
    themes: Sequence[str] = (),
    scale_max: int = 5,
    scale_low_label: str = "",
    scale_high_label: str = "",
    max_entries: int = 3,
    moderated: bool | None = None,
    allow_participant_items: bool = True,
    results_visible: bool = True,
    statements: Sequence[str] = (),
    shuffle_options: bool | None = None,
) -> Activity:
    """Add an activity at the end of the workshop (statements: the facilitator's starting set)."""
    kind = ActivityKind(kind)
    fields = _activity_fields(
        kind=kind,
        prompt=prompt,
        prompt_easy=prompt_easy,
        options=options,
        themes=themes,
        scale_max=scale_max,
        scale_low_label=scale_low_label,
        scale_high_label=scale_high_label,
        max_entries=max_entries,
    )
    activity = Activity.objects.create(
        workshop=workshop,
        position=workshop.activities.count(),
        kind=kind,
        moderated=kind in DEFAULT_MODERATED if moderated is None else moderated,
        allow_participant_items=allow_participant_items,
        results_visible=results_visible,
        shuffle_options=kind in DEFAULT_SHUFFLED if shuffle_options is None else shuffle_options,
        **fields,
    )
    for statement in _clean_lines(statements, limit=TEXT_LIMITS[ActivityKind.STATEMENTS]):
        Contribution.objects.create(
            activity=activity, text=statement, normalised=textrules.normalise(statement)
        )
    if workshop.status == WorkshopStatus.OPEN and workshop.current_activity_id is None:
        workshop.current_activity = activity
        workshop.save(update_fields=["current_activity"])
        _mark_shown(workshop)
    events.broadcast(workshop_id=workshop.pk, build=events.workshop_changed(workshop.pk))
    return activity


@transaction.atomic
def activity_set_results_visible(*, activity: Activity, visible: bool) -> Activity:
    """Show or hide the results on the projector and the phones (hide to avoid herding)."""
    activity.results_visible = visible
    activity.save(update_fields=["results_visible"])
    events.broadcast(workshop_id=activity.workshop_id, build=events.activity_changed(activity.pk))
    return activity


@transaction.atomic
def activity_set_locked(*, activity: Activity, locked: bool) -> Activity:
    """Lock (no more answers or changes) or unlock an activity."""
    activity.locked = locked
    activity.save(update_fields=["locked"])
    events.broadcast(workshop_id=activity.workshop_id, build=events.activity_changed(activity.pk))
    return activity


# What `activity_update` may change (everything but the kind); the edit form shows these.
ACTIVITY_EDITABLE_FIELDS = (
    "prompt",
    "prompt_easy",
    "options",
    "themes",
    "scale_max",
    "scale_low_label",
    "scale_high_label",
    "max_entries",
    "moderated",
    "allow_participant_items",
    "shuffle_options",
)


@transaction.atomic
def activity_update(
    *,
    activity: Activity,
    prompt: str,
    prompt_easy: str,
    options: Sequence[str],
    themes: Sequence[str],
    scale_max: int,
    scale_low_label: str,
    scale_high_label: str,
    max_entries: int,
    moderated: bool,
    allow_participant_items: bool,
    shuffle_options: bool | None = None,
) -> Activity:
    """Change what an activity asks (not its kind); answered options and scales keep their size."""
    fields = _activity_fields(
        kind=ActivityKind(activity.kind),
        prompt=prompt,
        prompt_easy=prompt_easy,
        options=options,
        themes=themes,
        scale_max=scale_max,
        scale_low_label=scale_low_label,
        scale_high_label=scale_high_label,
        max_entries=max_entries,
    )
    problem = _change_that_moves_answers(activity, fields)
    if problem and _answered_while_locked(activity):
        raise Refusal(problem, status=409)
    fields.update(moderated=moderated, allow_participant_items=allow_participant_items)
    if shuffle_options is not None:
        fields["shuffle_options"] = shuffle_options
    for name, value in fields.items():
        setattr(activity, name, value)
    activity.save(update_fields=list(fields))
    events.broadcast(
        workshop_id=activity.workshop_id, build=events.workshop_changed(activity.workshop_id)
    )
    events.broadcast(workshop_id=activity.workshop_id, build=events.activity_changed(activity.pk))
    return activity


def _change_that_moves_answers(activity: Activity, fields: Mapping[str, Any]) -> str:
    """Say why the change would make stored answers point at other options or steps, or ""."""
    old, new = activity.options, fields["options"]
    if activity.kind in OPTION_KINDS and len(new) != len(old):
        return _(
            "Noen har alt svart, og svarene viser til plassen til hvert svaralternativ. "
            "Du kan rette ordlyden, men ikke legge til eller fjerne svaralternativer. "
            "Lag heller en ny aktivitet."
        )
    if activity.kind in OPTION_KINDS and new != old and sorted(new) == sorted(old):
        return _(
            "Noen har alt svart, og svarene viser til plassen til hvert svaralternativ. "
            "Rekkefølgen kan derfor ikke endres."
        )
    if activity.kind == ActivityKind.SCALE and fields["scale_max"] != activity.scale_max:
        return _(
            "Noen har alt svart på skalaen. Du kan rette tekstene, men ikke endre hvor "
            "høyt skalaen går. Lag heller en ny aktivitet."
        )
    return ""


def _answered_while_locked(activity: Activity) -> bool:
    """Lock the activity and its texts, then tell whether anyone has answered it.

    The row locks (PostgreSQL) make an answer or vote that arrives meanwhile wait for this
    transaction, so "nobody has answered" stays true until the change is committed.
    """
    from samfunnslab.workshops.selectors import activity_has_answers

    list(Activity.objects.select_for_update().filter(pk=activity.pk).values_list("pk"))
    list(Contribution.objects.select_for_update().filter(activity=activity).values_list("pk"))
    return activity_has_answers(activity)


def _locked_workshop(workshop_id: int) -> Workshop:
    """Return the workshop, holding off other moves and deletions until commit (PostgreSQL)."""
    return Workshop.objects.select_for_update(no_key=True).get(pk=workshop_id)


def _renumber(order: Sequence[Activity]) -> bool:
    """Give the activities positions 0, 1, 2, … in this order; return whether any changed."""
    changed = []
    for position, item in enumerate(order):
        if item.position != position:
            item.position = position
            changed.append(item)
    Activity.objects.bulk_update(changed, ["position"])
    return bool(changed)


def _index_in(order: Sequence[Activity], activity: Activity) -> int:
    ids = [item.pk for item in order]
    if activity.pk not in ids:
        raise Refusal(_("Aktiviteten finnes ikke lenger."), status=404)
    return ids.index(activity.pk)


@transaction.atomic
def activity_move(*, activity: Activity, direction: int) -> Activity:
    """Move an activity one place up (−1) or down (1); the first and last stay where they are."""
    if direction not in (-1, 1):
        raise Refusal(_("En aktivitet kan bare flyttes ett steg opp eller ned."))
    workshop = _locked_workshop(activity.workshop_id)
    order = list(workshop.activities.order_by("position", "id"))
    index = _index_in(order, activity)
    target = min(max(index + direction, 0), len(order) - 1)
    order.insert(target, order.pop(index))
    if _renumber(order):
        events.broadcast(workshop_id=workshop.pk, build=events.workshop_changed(workshop.pk))
    activity.position = target
    return activity


@transaction.atomic
def activity_delete(*, activity: Activity) -> None:
    """Delete an activity nobody has answered; if it was shown, show the next one instead."""
    workshop = _locked_workshop(activity.workshop_id)
    order = list(workshop.activities.order_by("position", "id"))
    index = _index_in(order, activity)
    if _answered_while_locked(activity):
        raise Refusal(
            _(
                "Noen har alt svart på denne aktiviteten, og svar blir aldri slettet. "
                "Lås aktiviteten i stedet, så tar den ikke imot flere svar."
            ),
            status=409,
        )
    rest = order[:index] + order[index + 1 :]
    if workshop.current_activity_id == activity.pk:
        workshop.current_activity = rest[min(index, len(rest) - 1)] if rest else None
        workshop.save(update_fields=["current_activity"])
        _mark_shown(workshop)
    activity.delete()
    _renumber(rest)
    events.broadcast(workshop_id=workshop.pk, build=events.workshop_changed(workshop.pk))


# ------------------------------------------------------------------ participants


@transaction.atomic
def participant_join(
    *, workshop: Workshop, assisted: bool = False, entered_by: AbstractBaseUser | None = None
) -> Participant:
    """Create an anonymous participant (no name, no e-mail) in an open workshop."""
    if not workshop.accepts_answers:
        raise Refusal(_("Dette verkstedet er ikke åpent nå."), status=403)
    return Participant.objects.create(workshop=workshop, assisted=assisted, entered_by=entered_by)


DESCRIPTION_FIELDS = ("age_band", "role", "lives_here", "new_in_norway", "parent_small_child")


@transaction.atomic
def participant_describe(*, participant: Participant, **answers: str) -> Participant:
    """Save the optional self-description; any field may be left empty (skipped)."""
    unknown = set(answers) - set(DESCRIPTION_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    for field in DESCRIPTION_FIELDS:
        value = answers.get(field, "") or ""
        choices = {c for c, _label in Participant._meta.get_field(field).choices}
        setattr(participant, field, value if value in choices else "")
    participant.save(update_fields=list(DESCRIPTION_FIELDS))
    return participant


@transaction.atomic
def participant_withdraw_description(*, participant: Participant) -> Participant:
    """Delete everything the participant said about themselves; their answers stay."""
    for field in DESCRIPTION_FIELDS:
        setattr(participant, field, "")
    participant.save(update_fields=list(DESCRIPTION_FIELDS))
    return participant


@transaction.atomic
def participant_choose_group(
    *, participant: Participant, group: BreakoutGroup | None
) -> Participant:
    """Seat the participant at a breakout group (their idea cards go to that group's board)."""
    if group is not None and group.workshop_id != participant.workshop_id:
        raise Refusal(_("Gruppen hører ikke til dette verkstedet."), status=404)
    participant.group = group
    participant.save(update_fields=["group"])
    return participant


# ------------------------------------------------------------------ answers


def _activity_news(workshop_id: int, activity_id: int) -> None:
    """Tell every screen that an activity got an answer (merged with others in a burst)."""
    events.broadcast(
        workshop_id=workshop_id,
        build=events.activity_changed(activity_id),
        coalesce=f"activity-{activity_id}",
    )


def _check_key(idempotency_key: str) -> str:
    key = (idempotency_key or "").strip()
    if not key or len(key) > MAX_KEY_LENGTH:
        raise Refusal(_("Svaret mangler en gyldig nøkkel. Last inn siden på nytt og prøv igjen."))
    return key


def _check_can_answer(participant: Participant, activity: Activity) -> None:
    if activity.workshop_id != participant.workshop_id:
        raise Refusal(_("Denne aktiviteten hører til et annet verksted."), status=404)
    if not activity.workshop.accepts_answers:
        raise Refusal(_("Verkstedet er stengt. Svarene som kom inn før, er lagret."), status=409)
    if activity.locked:
        raise Refusal(
            _(
                "Denne aktiviteten er låst, så du kan ikke svare eller endre nå. Svarene "
                "som kom inn før, er lagret."
            ),
            status=409,
        )
    if (
        not participant.assisted
        and getattr(settings, "WORKSHOP_ANSWERS_ONLY_SHOWN", True)
        and not was_shown(activity)
    ):
        raise Refusal(
            _("Denne oppgaven er ikke vist ennå. Vent til den som leder verkstedet, viser den."),
            status=409,
        )


def was_shown(activity: Activity) -> bool:
    """True when phones may answer the activity: it is or was shown, or the workshop is
    self-paced (then every activity is open to everyone who has the link)."""
    workshop = activity.workshop
    return (
        activity.shown_at is not None
        or workshop.current_activity_id == activity.pk
        or workshop.open_until is not None
    )


def response_submit(
    *, participant: Participant, activity: Activity, value: Mapping[str, Any], idempotency_key: str
) -> tuple[Response, bool]:
    """Store the participant's one answer (or change it); a retried key returns the stored answer."""
    key = _check_key(idempotency_key)
    current = only_match(Response.objects.filter(participant=participant, activity=activity))
    if current is not None and current.idempotency_key == key:
        return current, False  # a retry of the answer stored last
    _check_can_answer(participant, activity)
    cleaned = kinds.clean_response(activity, value)
    try:
        return _store_response(participant, activity, cleaned, key, current), True
    except IntegrityError:  # a concurrent first answer (or a retry of it) won the race
        winner = Response.objects.get(participant=participant, activity=activity)
        if winner.idempotency_key == key:
            return winner, False
        return _store_response(participant, activity, cleaned, key, winner), True


def _store_response(
    participant: Participant,
    activity: Activity,
    value: dict[str, Any],
    key: str,
    current: Response | None,
) -> Response:
    with transaction.atomic():
        response = _upsert_response(participant, activity, value, key, current)
        _activity_news(activity.workshop_id, activity.pk)
    return response


def _upsert_response(
    participant: Participant,
    activity: Activity,
    value: dict[str, Any],
    key: str,
    response: Response | None,
) -> Response:
    if response is None:
        return Response.objects.create(
            participant=participant,
            activity=activity,
            value=value,
            idempotency_key=key,
            assisted=participant.assisted,
        )
    response.value = value
    response.idempotency_key = key
    response.save(update_fields=["value", "idempotency_key", "updated_at"])
    return response


def _clean_text(activity: Activity, raw: str) -> str:
    cleaned = " ".join((raw or "").split())
    if not cleaned:
        raise Refusal(_("Skriv noe før du sender."))
    limit = TEXT_LIMITS[ActivityKind(activity.kind)]
    if len(cleaned) > limit:
        raise Refusal(
            _("Teksten er for lang. Bruk høyst %(limit)s tegn (nå: %(length)s).")
            % {"limit": limit, "length": len(cleaned)}
        )
    if activity.kind == ActivityKind.WORDCLOUD:
        if len(textrules.words(cleaned)) > MAX_WORDCLOUD_WORDS:
            raise Refusal(_("Skriv ett, to eller tre ord."))
        if textrules.is_profane(cleaned):
            raise Refusal(_("Dette ordet viser vi ikke på skjermen. Prøv et annet ord."))
        if not textrules.has_content(cleaned):
            raise Refusal(_("Prøv et ord som sier mer, ikke bare småord som «og» eller «det»."))
    return cleaned


def _check_contribution_allowed(participant: Participant, activity: Activity) -> None:
    if activity.kind not in CONTRIBUTION_KINDS:
        raise Refusal(_("Denne aktiviteten tar ikke imot tekst."))
    if activity.kind == ActivityKind.STATEMENTS and not activity.allow_participant_items:
        raise Refusal(_("I denne aktiviteten kan du stemme, men ikke legge til nye påstander."))
    if activity.kind == ActivityKind.WORDCLOUD:
        sent = activity.contributions.filter(participant=participant).count()
        if sent >= activity.max_entries:
            raise Refusal(
                _("Du har sendt %(n)s svar her. Det er det meste du kan sende.") % {"n": sent},
                status=409,
            )


def contribution_submit(
    *,
    participant: Participant,
    activity: Activity,
    text: str,
    idempotency_key: str,
    contribution_type: str = "",
    theme: str = "",
) -> tuple[Contribution, bool]:
    """Store a word, contribution, statement, question or idea card; a retried key returns it.

    A retry is found by its key when the insert meets the unique key, or when the checks would
    now refuse it (the activity was locked after the first try was stored): the first try wins
    either way, and a first try costs no lookup.
    """
    key = _check_key(idempotency_key)
    try:
        _check_can_answer(participant, activity)
        _check_contribution_allowed(participant, activity)
        cleaned = _clean_text(activity, text)
    except Refusal:
        stored = _stored_contribution(participant, key)
        if stored is not None:
            return stored, False
        raise
    held = activity.moderated or (
        activity.kind != ActivityKind.WORDCLOUD and textrules.is_profane(cleaned)
    )
    fields = {
        "activity": activity,
        "participant": participant,
        "text": cleaned,
        "normalised": textrules.normalise(cleaned),
        "idempotency_key": key,
        "assisted": participant.assisted,
        "status": ContributionStatus.PENDING if held else ContributionStatus.VISIBLE,
        "contribution_type": _contribution_type(activity, contribution_type, cleaned),
        "theme": theme if theme in activity.themes else "",
        "group": participant.group if activity.kind == ActivityKind.IDEAS else None,
    }
    try:
        with transaction.atomic():
            contribution = Contribution.objects.create(**fields)
            _activity_news(activity.workshop_id, activity.pk)
    except IntegrityError:  # this key was stored before (a retry, or a concurrent one)
        stored = _stored_contribution(participant, key)
        if stored is None:
            raise
        return stored, False
    return contribution, True


def _stored_contribution(participant: Participant, key: str) -> Contribution | None:
    return only_match(Contribution.objects.filter(participant=participant, idempotency_key=key))


def _contribution_type(activity: Activity, raw: str, text: str) -> str:
    if activity.kind == ActivityKind.QA:
        return ContributionType.QUESTION
    if activity.kind != ActivityKind.OPEN:
        return ""
    return raw if raw in ContributionType.values else textrules.suggest_type(text)


def _visible_item(activity_kind: str, contribution: Contribution, participant: Participant) -> None:
    if contribution.activity.kind != activity_kind:
        raise Refusal(_("Du kan ikke stemme på dette."), status=404)
    if contribution.status != ContributionStatus.VISIBLE:
        raise Refusal(_("Dette vises ikke lenger, så du kan ikke stemme på det."), status=409)
    _check_can_answer(participant, contribution.activity)


@transaction.atomic
def statement_vote(
    *, participant: Participant, statement: Contribution, vote: int
) -> StatementVote:
    """Agree (1), disagree (−1) or pass (0); voting again changes the vote (safe to retry)."""
    if vote not in Vote.values:
        raise Refusal(_("Velg enig, uenig eller står over."))
    _visible_item(ActivityKind.STATEMENTS, statement, participant)
    row, _created = StatementVote.objects.update_or_create(
        statement=statement, participant=participant, defaults={"vote": vote}
    )
    _activity_news(participant.workshop_id, statement.activity_id)
    return row


@transaction.atomic
def upvote_set(*, participant: Participant, contribution: Contribution, on: bool) -> bool:
    """Set or remove the participant's one upvote on a question (safe to retry)."""
    _visible_item(ActivityKind.QA, contribution, participant)
    if on:
        Upvote.objects.get_or_create(contribution=contribution, participant=participant)
    else:
        Upvote.objects.filter(contribution=contribution, participant=participant).delete()
    _activity_news(participant.workshop_id, contribution.activity_id)
    return on


# ------------------------------------------------------------------ facilitator actions

MODERATION_ACTIONS = ("approve", "hide", "restore", "answered", "unanswered")


@transaction.atomic
def contribution_moderate(*, contribution: Contribution, action: str) -> Contribution:
    """Approve, hide, restore, or mark a question answered or unanswered. Nothing is deleted."""
    if action in ("approve", "restore"):
        contribution.status = ContributionStatus.VISIBLE
    elif action == "hide":
        contribution.status = ContributionStatus.HIDDEN
    elif action in ("answered", "unanswered"):
        contribution.answered = action == "answered"
    else:
        raise Refusal(_("Ukjent handling."))
    contribution.moderated_at = timezone.now()
    contribution.save(update_fields=["status", "answered", "moderated_at"])
    events.broadcast(
        workshop_id=contribution.activity.workshop_id,
        build=events.activity_changed(contribution.activity_id),
    )
    return contribution


@transaction.atomic
def contribution_set_theme(*, contribution: Contribution, theme: str) -> Contribution:
    """Put a contribution under a theme (any text; the facilitator's word wins)."""
    contribution.theme = theme.strip()[:100]
    contribution.save(update_fields=["theme"])
    events.broadcast(
        workshop_id=contribution.activity.workshop_id,
        build=events.activity_changed(contribution.activity_id),
    )
    return contribution


@transaction.atomic
def contribution_classify(
    *, contribution: Contribution, contribution_type: str = "", theme: str = ""
) -> Contribution:
    """Accept a suggested type and/or theme in one click (empty leaves that field as it is)."""
    if contribution_type and contribution_type not in ContributionType.values:
        raise Refusal(_("Ukjent type."))
    if contribution_type:
        contribution.contribution_type = contribution_type
    if theme.strip():
        contribution.theme = theme.strip()[:100]
    contribution.save(update_fields=["contribution_type", "theme"])
    events.broadcast(
        workshop_id=contribution.activity.workshop_id,
        build=events.activity_changed(contribution.activity_id),
    )
    return contribution


@transaction.atomic
def theme_create_from_group(
    *, activity: Activity, contribution_ids: Sequence[int], name: str
) -> int:
    """Give a group of contributions a new theme and add it to the activity's themes."""
    theme = " ".join(name.split())[:100]
    if not theme:
        raise Refusal(_("Gi temaet et navn."))
    changed = activity.contributions.filter(pk__in=list(contribution_ids)).update(theme=theme)
    if theme not in activity.themes:
        activity.themes = [*activity.themes, theme]
        activity.save(update_fields=["themes"])
    events.broadcast(workshop_id=activity.workshop_id, build=events.activity_changed(activity.pk))
    return changed


def _assisted_participant_for_key(
    activity: Activity, user: AbstractBaseUser, idempotency_key: str
) -> Participant | None:
    """Return the assisted participant this facilitator already entered with this key, or None."""
    same = {
        "activity": activity,
        "idempotency_key": idempotency_key,
        "participant__assisted": True,
        "participant__entered_by": user,
    }
    model = Contribution if activity.kind in CONTRIBUTION_KINDS else Response
    found = model.objects.filter(**same).select_related("participant").first()
    return found.participant if found else None


def assisted_answer_submit(
    *,
    activity: Activity,
    user: AbstractBaseUser,
    value: Mapping[str, Any] | None = None,
    text: str = "",
    contribution_type: str = "",
    idempotency_key: str,
) -> Participant:
    """Enter a paper answer on someone's behalf: a new participant marked as assisted.

    Idempotent: a retry with the same key from the same facilitator returns the participant made
    the first time, without a second participant or answer.
    """
    with transaction.atomic():
        earlier = _assisted_participant_for_key(activity, user, idempotency_key)
        if earlier is not None:
            return earlier
        participant = participant_join(workshop=activity.workshop, assisted=True, entered_by=user)
        if activity.kind in CONTRIBUTION_KINDS:
            contribution_submit(
                participant=participant,
                activity=activity,
                text=text,
                contribution_type=contribution_type,
                idempotency_key=idempotency_key,
            )
        else:
            response_submit(
                participant=participant,
                activity=activity,
                value=value or {},
                idempotency_key=idempotency_key,
            )
    return participant
