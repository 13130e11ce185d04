"""A demo lab exercise: the example «Nabolagsmodellen» for Haugesund against today's rules."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from samfunnslab.accounts.models import Organisation
from samfunnslab.community_models.models import CommunityModel
from samfunnslab.lab import services
from samfunnslab.lab.models import FrameworkCondition, LabExercise

MODEL_NAME = "Nabolagsmodellen"
TITLE = "Nabolagsmodellen mot dagens rammebetingelser"
CONDITIONS = (
    "kommuneloven",
    "helse-og-omsorgstjenesteloven",
    "pasient-og-brukerrettighetsloven",
    "helsepersonelloven",
    "arbeidsmiljoloven",
    "frivillighet",
    "inntektssystemet-frie-inntekter",
    "personopplysningsloven",
    "forsoksloven",
)
# (role or element label, condition key, type, mechanism, room, letter, text, action, ratings)
FINDINGS: tuple[tuple[Any, ...], ...] = (
    (
        "Nabolagslagene – bestemmer – Beslutninger og demokrati",
        "kommuneloven",
        "barrier",
        "fails_to_enable",
        "forsok",
        "a",
        "Nabolagslagene skal bestemme over egne midler, men kommuneloven kjenner ikke nabolagslag "
        "som folkevalgte organer med vedtaksmyndighet.",
        "Søke forsøk der kommunestyret delegerer et nabolagsbudsjett til nabolagslagene.",
        (("Kari (jurist)", 4, 4), ("Per (tjenesteleder)", 4, 3)),
    ),
    (
        "Nabolagslagene – utfører – Omsorg for eldre",
        "helse-og-omsorgstjenesteloven",
        "opportunity",
        "enables",
        "local_decision",
        "",
        "Kommunen kan organisere tjenester i samarbeid med andre, så lenge den beholder "
        "«sørge for»-ansvaret og tjenestene er forsvarlige.",
        "Avtale mellom kommunen og nabolagslagene om praktisk hjelp og følge.",
        (("Kari (jurist)", 2, 4), ("Per (tjenesteleder)", 2, 3)),
    ),
    (
        "Familier og pårørende – utfører – Omsorg for eldre",
        "pasient-og-brukerrettighetsloven",
        "uncertainty",
        "requires",
        "local_decision",
        "",
        "Retten til nødvendige tjenester gjelder uansett hva familien gjør. Det er uklart hvordan "
        "familiens innsats skal vektlegges i vedtak.",
        "Lage lokale retningslinjer for pårørendeavtaler.",
        (("Kari (jurist)", 3, 2), ("Per (tjenesteleder)", 3, 3)),
    ),
    (
        "Nabolagsbanken (timebank)",
        "arbeidsmiljoloven",
        "uncertainty",
        "fails_to_enable",
        "law_change",
        "",
        "Timer i nabolagsbanken kan ligne lønn for arbeid. Da kan arbeidsmiljølovens og "
        "skattereglenes krav gjelde.",
        "Be om en avklaring fra departementet før timebanken skaleres opp.",
        (("Kari (jurist)", 5, 2), ("Per (tjenesteleder)", 2, 3)),
    ),
    (
        "Hjemmetjenesten – utfører – Helse",
        "helsepersonelloven",
        "barrier",
        "forbids",
        "law_change",
        "",
        "Oppgaver som krever autorisasjon kan ikke flyttes til naboer og frivillige.",
        "Skille tydelig mellom helsefaglige oppgaver og hverdagshjelp.",
        (("Kari (jurist)", 3, 5), ("Per (tjenesteleder)", 4, 4)),
    ),
    (
        "Kommunestyret – finansierer – Finansiering",
        "inntektssystemet-frie-inntekter",
        "opportunity",
        "enables",
        "local_decision",
        "",
        "Frie inntekter kan brukes til nærmiljøkoordinatorer og nabolagshus uten søknad til staten.",
        "Prioritere nabolagsbudsjett i økonomiplanen.",
        (("Kari (jurist)", 1, 4), ("Per (tjenesteleder)", 2, 4)),
    ),
)


def _target(model: CommunityModel, label: str) -> str:
    """Return the reference key of the role or element with this label."""
    for role in model.roles.select_related("actor", "function"):
        if str(role) == label:
            return f"role:{role.pk}"
    element = model.elements.get(label=label)
    return f"element:{element.pk}"


def load_demo(*, organisation: Organisation, user: Any) -> LabExercise | None:
    """Create the demo exercise once; running again only brings its role labels up to date."""
    existing = LabExercise.objects.filter(organisation=organisation, title=TITLE).first()
    model = CommunityModel.objects.filter(
        organisation=organisation, name=MODEL_NAME, is_example=True
    ).first()
    if existing:
        # A demo loaded before roles read as phrases still says «Nabolagslagene Bestemmer …».
        services.finding_labels_refresh(exercise=existing)
        return existing
    if model is None:
        return None
    conditions = {c.seed_key: c for c in FrameworkCondition.objects.filter(seed_key__in=CONDITIONS)}
    exercise = services.exercise_create(
        organisation=organisation,
        user=user,
        model=model,
        title=TITLE,
        conditions=conditions.values(),
    )
    for label, key, kind, mechanism, room, letter, text, action, ratings in FINDINGS:
        finding = services.finding_create(
            exercise=exercise,
            user=user,
            ref=_target(model, label),
            condition=conditions[key],
            finding_type=kind,
            mechanism=mechanism,
            room=room,
            forsok_letter=letter,
            description=text,
            proposed_action=action,
            evidence="Eksempel skrevet for demoen; ikke kontrollert av jurist.",
        )
        for rater, severity, certainty in ratings:
            services.rating_add(
                finding=finding, rater_name=rater, severity=severity, certainty=certainty, user=user
            )
    return exercise


def demo_link() -> dict[str, str] | None:
    """Return the front-page link to the demo exercise's summary, if it exists."""
    exercise = LabExercise.objects.filter(title=TITLE).first()
    if exercise is None:
        return None
    return {
        "title": _("Laben: Nabolagsmodellen mot dagens regler"),
        "text": _("Barrierer, muligheter og hva som skal til – med to vurderinger som er uenige."),
        "url": reverse("lab:summary", args=[exercise.pk]),
    }
