"""Writes of the lab: the register, exercises, findings, ratings and status changes."""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from samfunnslab.accounts.authorizers import UserLike
from samfunnslab.accounts.models import Organisation
from samfunnslab.community_models.models import CommunityModel
from samfunnslab.core.cleaning import clean_choice, clean_text
from samfunnslab.core.errors import Refusal
from samfunnslab.lab import rules
from samfunnslab.lab.models import (
    ConditionType,
    ElementRefKind,
    Finding,
    FindingType,
    ForsokLetter,
    FrameworkCondition,
    LabExercise,
    Level,
    Mechanism,
    Rating,
    Room,
    SourceKind,
    Status,
    StatusChange,
)

REGISTER_FILE = Path(__file__).parent / "content" / "register.toml"


def _user(user: UserLike | None) -> AbstractBaseUser | None:
    """Return the user if logged in, else None."""
    return user if user is not None and user.is_authenticated else None  # type: ignore[return-value]


def read_register_seed(path: Path = REGISTER_FILE) -> list[dict[str, Any]]:
    """Return the shared register's entries as written in the content file."""
    with path.open("rb") as handle:
        return list(tomllib.load(handle)["entry"])


@transaction.atomic
def register_seed(*, path: Path = REGISTER_FILE) -> int:
    """Add the shared register entries that are missing; return how many were added."""
    added = 0
    for entry in read_register_seed(path):
        _, created = FrameworkCondition.objects.get_or_create(
            seed_key=entry["key"],
            defaults={
                "title": entry["title"],
                "summary": entry["summary"],
                "reference": entry["reference"],
                "source_kind": entry["source_kind"],
                "level": entry["level"],
                "type": entry["type"],
                "link": entry.get("link", ""),
            },
        )
        added += created
    return added


@transaction.atomic
def condition_create(
    *,
    organisation: Organisation,
    user: UserLike | None,
    title: str,
    summary: str,
    reference: str,
    level: str,
    type: str,
    source_kind: str = SourceKind.LOCAL_DECISION,
    link: str = "",
) -> FrameworkCondition:
    """Add a local entry to the register, owned by the organisation."""
    condition = FrameworkCondition(
        organisation=organisation,
        title=clean_text(title, label=_("Tittel"), max_length=200, required=True),
        summary=clean_text(summary, label=_("Sammendrag"), max_length=4000, required=True),
        reference=clean_text(reference, label=_("Henvisning"), max_length=300, required=True),
        level=clean_choice(level, Level, label=_("Nivå"), required=True),
        type=clean_choice(type, ConditionType, label=_("Type"), required=True),
        source_kind=clean_choice(source_kind, SourceKind, label=_("Kildetype"), required=True),
        link=clean_text(link, label=_("Lenke"), max_length=500),
        created_by=_user(user),
    )
    if condition.link and not condition.link.startswith(("http://", "https://")):
        raise Refusal(_("Lenken må begynne med https:// eller http://."))
    condition.save()
    return condition


@transaction.atomic
def condition_check(
    *, condition: FrameworkCondition, checked_by_name: str, checked_on: dt.date | None = None
) -> FrameworkCondition:
    """Record that a named person (a jurist) has checked the entry, and when."""
    condition.checked_by_name = clean_text(
        checked_by_name, label=_("Navn på den som kontrollerte"), max_length=120, required=True
    )
    condition.checked_on = checked_on or timezone.localdate()
    if condition.checked_on > timezone.localdate():
        raise Refusal(_("Kontrolldatoen kan ikke være i framtiden."))
    condition.save(update_fields=["checked_by_name", "checked_on"])
    return condition


@transaction.atomic
def exercise_create(
    *,
    organisation: Organisation,
    user: UserLike | None,
    model: CommunityModel,
    title: str,
    conditions: Iterable[FrameworkCondition],
) -> LabExercise:
    """Start a lab exercise for a model with the framework conditions to test it against."""
    chosen = list(conditions)
    if not chosen:
        raise Refusal(_("Velg minst én rammebetingelse å teste modellen mot."))
    exercise = LabExercise.objects.create(
        organisation=organisation,
        model=model,
        title=clean_text(title, label=_("Tittel"), max_length=200) or str(model.name),
        created_by=_user(user),
    )
    exercise.conditions.set(chosen)
    return exercise


def _resolve_ref(exercise: LabExercise, ref: str) -> dict[str, Any]:
    """Return the finding fields for a model-element reference such as 'role:12'."""
    kind, _sep, raw_id = (ref or "").partition(":")
    model = exercise.model
    managers = {
        ElementRefKind.ELEMENT: model.elements,
        ElementRefKind.ROLE: model.roles,
        ElementRefKind.RELATION: model.relations,
    }
    if kind not in managers or not raw_id.isdigit():
        raise Refusal(_("Velg et element fra modellen."))
    target = managers[kind].filter(pk=int(raw_id)).first()  # type: ignore[index]
    if target is None:
        raise Refusal(_("Elementet finnes ikke i denne modellen."))
    # The label is kept in bokmål whatever the interface, like the model's names (shown lang="nb").
    with translation.override("nb"):
        label = str(target)[:300]
    return {"ref_kind": kind, kind: target, "element_label": label}


@transaction.atomic
def finding_create(
    *,
    exercise: LabExercise,
    user: UserLike | None,
    ref: str,
    condition: FrameworkCondition | None,
    finding_type: str,
    mechanism: str,
    room: str,
    description: str,
    forsok_letter: str = "",
    evidence: str = "",
    proposed_action: str = "",
) -> Finding:
    """Record a barrier, opportunity or uncertainty where a model element meets a condition."""
    if condition is None or not exercise.conditions.filter(pk=condition.pk).exists():
        raise Refusal(_("Velg en rammebetingelse som er med i øvelsen."))
    fields = _resolve_ref(exercise, ref)
    description = clean_text(description, label=_("Beskrivelse"), max_length=4000, required=True)
    if exercise.findings.filter(
        condition=condition, element_label=fields["element_label"], description=description
    ).exists():
        raise Refusal(_("Dette funnet er allerede registrert."))
    room = clean_choice(room, Room, label=_("Handlingsrom"), required=True)
    letter = clean_choice(forsok_letter, ForsokLetter, label=_("Forsøksloven § 3"))
    if room != Room.FORSOK:
        letter = ""
    finding = Finding.objects.create(
        exercise=exercise,
        condition=condition,
        finding_type=clean_choice(finding_type, FindingType, label=_("Type funn"), required=True),
        mechanism=clean_choice(mechanism, Mechanism, label=_("Mekanisme"), required=True),
        room=room,
        forsok_letter=letter,
        description=description,
        evidence=clean_text(evidence, label=_("Grunnlag"), max_length=4000),
        proposed_action=clean_text(proposed_action, label=_("Forslag til tiltak"), max_length=4000),
        created_by=_user(user),
        **fields,
    )
    # Stored in bokmål whatever the interface, like the typed notes it sits among (shown lang="nb").
    with translation.override("nb"):
        note = _("Funnet ble registrert.")
    StatusChange.objects.create(
        finding=finding, to_status=Status.OPEN, note=note, changed_by=_user(user)
    )
    return finding


@transaction.atomic
def finding_labels_refresh(*, exercise: LabExercise) -> int:
    """Relabel role findings still in the old glued wording; return how many changed.

    Until roles read as phrases a role finding was labelled «Nabolagslagene Bestemmer Beslutninger
    og demokrati». Only a label exactly as the app wrote it then from the finding's own role is
    changed (to «Nabolagslagene – bestemmer – …»); what people wrote is never touched.
    """
    changed = 0
    findings = exercise.findings.filter(ref_kind=ElementRefKind.ROLE, role__isnull=False)
    with translation.override("nb"):
        for finding in findings.select_related("role__actor", "role__function"):
            role = finding.role
            assert role is not None  # filtered above
            old = f"{role.actor} {role.get_kind_display()} {role.function}"[:300]
            if finding.element_label == old:
                finding.element_label = str(role)[:300]
                finding.save(update_fields=["element_label"])
                changed += 1
    return changed


def _score(value: int | str | None, label: str) -> int:
    """Return a 1–5 score or raise with a plain message."""
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        raise Refusal(_("«%(label)s» må være et tall fra 1 til 5.") % {"label": label}) from None
    if not rules.valid_score(number):
        raise Refusal(_("«%(label)s» må være mellom 1 og 5.") % {"label": label})
    return number


@transaction.atomic
def rating_add(
    *,
    finding: Finding,
    rater_name: str,
    severity: int | str | None,
    certainty: int | str | None,
    user: UserLike | None = None,
    note: str = "",
) -> Rating:
    """Record one person's rating; rating again replaces their earlier one (no duplicates)."""
    name = clean_text(rater_name, label=_("Hvem vurderer"), max_length=120, required=True)
    rating, _created = Rating.objects.update_or_create(
        finding=finding,
        rater_name=name,
        defaults={
            "severity": _score(severity, _("Alvorlighet")),
            "certainty": _score(certainty, _("Sikkerhet")),
            "note": clean_text(note, label=_("Merknad"), max_length=500),
            "entered_by": _user(user),
        },
    )
    return rating


@transaction.atomic
def finding_set_status(
    *, finding: Finding, status: str, user: UserLike | None, note: str = ""
) -> Finding:
    """Move a finding to a new status and keep the step in its audit trail."""
    status = clean_choice(status, Status, label=_("Status"), required=True)
    if status == finding.status:
        raise Refusal(_("Funnet har allerede denne statusen."))
    StatusChange.objects.create(
        finding=finding,
        from_status=finding.status,
        to_status=status,
        note=clean_text(note, label=_("Merknad"), max_length=500),
        changed_by=_user(user),
    )
    finding.status = status
    finding.save(update_fields=["status"])
    return finding


@transaction.atomic
def finding_delete(*, finding: Finding) -> LabExercise:
    """Delete a finding with its ratings and status history; pilots and milestones keep existing."""
    exercise = finding.exercise
    finding.delete()
    return exercise
