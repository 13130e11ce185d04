"""Answer writes from phones (responses, contributions, statement votes, upvotes) and paper
answers entered on someone's behalf. A retried idempotency key returns the stored answer."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from samfunnslab.core.queries import only_match
from samfunnslab.workshops import events, kinds
from samfunnslab.workshops import text as textrules
from samfunnslab.workshops.errors import Refusal
from samfunnslab.workshops.models import (
    CONTRIBUTION_KINDS,
    Activity,
    ActivityKind,
    Contribution,
    ContributionStatus,
    ContributionType,
    Participant,
    Response,
    StatementVote,
    Upvote,
    Vote,
)
from samfunnslab.workshops.services import release
from samfunnslab.workshops.services.common import MAX_KEY_LENGTH, MAX_WORDCLOUD_WORDS, TEXT_LIMITS
from samfunnslab.workshops.services.participants import participant_join


def _activity_news(workshop_id: int, activity_id: int) -> None:
    """Tell every screen that an activity got an answer (merged with others in a burst)."""
    events.broadcast(
        workshop_id=workshop_id,
        build=events.activity_changed(activity_id, prepare=release.release_due),
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


def clean_contribution_text(activity: Activity, raw: str) -> str:
    """Return a contribution's text with its spaces folded, or refuse it (empty, too long for the
    activity's kind, or a word cloud entry that is not a word or two)."""
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
    if activity.kind in (ActivityKind.WORDCLOUD, ActivityKind.PHOTO):
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
        cleaned = clean_contribution_text(activity, text)
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
    # Unset unless the participant chose: the console then offers the suggested type to accept,
    # and machine guesses never become the labelled examples later suggestions learn from.
    return raw if raw in ContributionType.values else ""


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
