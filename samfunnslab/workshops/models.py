"""Live workshops: a workshop has activities in order; anonymous participants answer them.

Three kinds of answers, each with its own table so that the database itself enforces the rules:
- `Response`: one per participant and activity (multiple choice, scale, ranking, 100 points);
  changeable until the activity is locked.
- `Contribution`: free text a participant adds (word-cloud words, open contributions, statements,
  Q&A questions, idea cards, the description of a photo with its picture). Several per
  participant; may wait for moderation (photos always do).
- `StatementVote` and `Upvote`: one per participant and contribution.

Every write from a phone carries an idempotency key; `(participant, idempotency_key)` is unique,
so a retried request returns the stored answer instead of creating a new one.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samfunnslab.accounts.models import Organisation


class WorkshopStatus(models.TextChoices):
    DRAFT = "draft", _("Utkast")
    OPEN = "open", _("Åpent")
    CLOSED = "closed", _("Avsluttet")


class Workshop(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="workshops"
    )
    title = models.CharField(_("tittel"), max_length=200)
    municipality_code = models.CharField(_("kommunenummer"), max_length=4)
    session_label = models.CharField(
        _("økt"),
        max_length=100,
        blank=True,
        help_text=_("Når prosessen har flere samlinger, for eksempel «Samling 2 – Skudeneshavn»."),
    )
    status = models.CharField(
        max_length=10, choices=WorkshopStatus.choices, default=WorkshopStatus.DRAFT
    )
    join_code = models.CharField(_("kode"), max_length=8, blank=True, db_index=True)
    open_until = models.DateTimeField(
        _("åpent til"),
        null=True,
        blank=True,
        help_text=_("La lenken stå åpen etter samlingen, så folk kan svare i sitt eget tempo."),
    )
    easy_language = models.BooleanField(
        _("lettlest"), default=False, help_text=_("Vis de lettleste tekstene til deltakerne.")
    )
    current_activity = models.ForeignKey(
        "Activity", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # the projector: the join line (QR, address, code) under activities, one item filling the
    # screen, and a countdown the facilitator started
    projector_join = models.BooleanField(
        _("vis koden under aktivitetene"),
        default=True,
        help_text=_("QR-kode, adresse og kode nederst på skjermen mens en aktivitet vises."),
    )
    highlighted = models.ForeignKey(
        "Contribution", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    timer_ends_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("verksted")
        verbose_name_plural = _("verksteder")
        constraints = [
            models.UniqueConstraint(
                fields=["join_code"],
                condition=Q(status="open"),
                name="unique_join_code_among_open_workshops",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def accepts_answers(self) -> bool:
        """True while the workshop is open and its asynchronous window (if any) has not passed."""
        if self.status != WorkshopStatus.OPEN:
            return False
        return self.open_until is None or timezone.now() <= self.open_until


class BreakoutGroup(models.Model):
    """A table or group in the room, with its own board of idea cards."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="groups")
    name = models.CharField(_("navn"), max_length=100)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.name


class ActivityKind(models.TextChoices):
    WORDCLOUD = "wordcloud", _("Ordsky")
    OPEN = "open", _("Åpne innspill")
    CHOICE = "choice", _("Flervalg")
    SCALE = "scale", _("Skala")
    RANKING = "ranking", _("Rangering")
    POINTS = "points", _("100 poeng")
    STATEMENTS = "statements", _("Påstander")
    QA = "qa", _("Spørsmål og svar")
    IDEAS = "ideas", _("Idékort i grupper")
    MAP = "map", _("Kartinnspill")
    PHOTO = "photo", _("Bilder fra mobilen")


OPTION_KINDS = (ActivityKind.CHOICE, ActivityKind.RANKING, ActivityKind.POINTS)
RESPONSE_KINDS = (
    ActivityKind.CHOICE,
    ActivityKind.SCALE,
    ActivityKind.RANKING,
    ActivityKind.POINTS,
)
CONTRIBUTION_KINDS = (
    ActivityKind.WORDCLOUD,
    ActivityKind.OPEN,
    ActivityKind.STATEMENTS,
    ActivityKind.QA,
    ActivityKind.IDEAS,
    ActivityKind.MAP,
    ActivityKind.PHOTO,
)


class Activity(models.Model):
    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="activities")
    position = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(_("type"), max_length=20, choices=ActivityKind.choices)
    prompt = models.CharField(_("spørsmål"), max_length=300)
    prompt_easy = models.CharField(_("lettlest spørsmål"), max_length=300, blank=True)
    options = models.JSONField(_("svaralternativer"), default=list, blank=True)
    # The written language of the prompt, options and scale labels: "nn" when a method step was
    # started from the nynorsk interface (methods/handoff.py), else "nb". Pages mark it with `lang`.
    text_lang = models.CharField(max_length=2, default="nb")
    themes = models.JSONField(_("temaer"), default=list, blank=True)
    # Map input: places the facilitator named ({"name", "lat", "lon"}), to pick without the map.
    places = models.JSONField(_("navngitte steder"), default=list, blank=True)
    scale_max = models.PositiveSmallIntegerField(_("høyeste verdi på skalaen"), default=5)
    scale_low_label = models.CharField(_("tekst ved laveste verdi"), max_length=60, blank=True)
    scale_high_label = models.CharField(_("tekst ved høyeste verdi"), max_length=60, blank=True)
    max_entries = models.PositiveSmallIntegerField(_("maks antall bidrag per deltaker"), default=3)
    moderated = models.BooleanField(
        _("godkjenn før visning"),
        default=False,
        help_text=_("Nye bidrag vises først når en fasilitator har godkjent dem."),
    )
    allow_participant_items = models.BooleanField(
        _("deltakere kan legge til påstander"), default=True
    )
    results_visible = models.BooleanField(_("vis resultater"), default=True)
    locked = models.BooleanField(_("låst"), default=False)
    shuffle_options = models.BooleanField(
        _("bland rekkefølgen på svaralternativene for hver deltaker"), default=False
    )
    # Phones may answer an activity once it has been shown (or the workshop is self-paced).
    shown_at = models.DateTimeField(_("første gang vist"), null=True, blank=True)
    # What phones and the projector see of a choice, scale, ranking or points result: a tally
    # released once at least 5 answers are new or changed since the last one, and the newest
    # answer time it holds (services/release.py). The console counts live.
    released_results = models.JSONField(null=True, blank=True)
    released_through = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("aktivitet")
        verbose_name_plural = _("aktiviteter")

    def __str__(self) -> str:
        return self.prompt


class AgeBand(models.TextChoices):
    UNDER_13 = "0-12", _("Under 13 år")
    TEEN = "13-17", _("13–17 år")
    YOUNG = "18-29", _("18–29 år")
    ADULT = "30-44", _("30–44 år")
    MIDDLE = "45-66", _("45–66 år")
    SENIOR = "67-79", _("67–79 år")
    OLD = "80+", _("80 år eller eldre")


class ParticipantRole(models.TextChoices):
    CITIZEN = "innbygger", _("Innbygger")
    EMPLOYEE = "ansatt", _("Ansatt i kommunen")
    POLITICIAN = "folkevalgt", _("Folkevalgt")
    VOLUNTEER = "frivillig", _("Frivillig")
    BUSINESS = "naeringsliv", _("Næringsliv")
    OTHER = "annet", _("Annet")


class YesNo(models.TextChoices):
    YES = "ja", _("Ja")
    NO = "nei", _("Nei")


class Participant(models.Model):
    """An anonymous person in one workshop: a random token in a signed cookie, nothing else required."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="participants")
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    group = models.ForeignKey(
        BreakoutGroup, on_delete=models.SET_NULL, null=True, blank=True, related_name="participants"
    )
    age_band = models.CharField(_("alder"), max_length=8, choices=AgeBand.choices, blank=True)
    role = models.CharField(_("rolle"), max_length=20, choices=ParticipantRole.choices, blank=True)
    lives_here = models.CharField(
        _("bor i kommunen"), max_length=3, choices=YesNo.choices, blank=True
    )
    new_in_norway = models.CharField(
        _("ny i Norge"), max_length=3, choices=YesNo.choices, blank=True
    )
    parent_small_child = models.CharField(
        _("forelder til lite barn"), max_length=3, choices=YesNo.choices, blank=True
    )
    assisted = models.BooleanField(
        default=False, help_text=_("Svar på papir, skrevet inn av en fasilitator.")
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"#{self.pk}"

    @property
    def has_description(self) -> bool:
        return any(
            (self.age_band, self.role, self.lives_here, self.new_in_norway, self.parent_small_child)
        )


class Response(models.Model):
    """A participant's one answer to a choice, scale, ranking or 100-points activity."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="responses")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="responses")
    value = models.JSONField()
    idempotency_key = models.CharField(max_length=64)
    assisted = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "participant"], name="one_response_per_participant"
            ),
            models.UniqueConstraint(
                fields=["participant", "idempotency_key"], name="unique_response_idempotency_key"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.participant} → {self.activity_id}"


class ContributionType(models.TextChoices):
    QUESTION = "question", _("Spørsmål")
    INPUT = "input", _("Innspill")
    SUGGESTION = "suggestion", _("Forslag")


class ContributionStatus(models.TextChoices):
    PENDING = "pending", _("Venter på godkjenning")
    VISIBLE = "visible", _("Vises")
    HIDDEN = "hidden", _("Skjult")


class Contribution(models.Model):
    """Free text: a word-cloud answer, an open contribution, a statement, a question, an idea card,
    or the description of a photo from a phone (with the picture itself in `picture`)."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="contributions")
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, null=True, blank=True, related_name="contributions"
    )
    group = models.ForeignKey(
        BreakoutGroup,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contributions",
    )
    text = models.CharField(_("tekst"), max_length=500)
    normalised = models.CharField(max_length=500, blank=True)
    contribution_type = models.CharField(
        _("type"), max_length=12, choices=ContributionType.choices, blank=True
    )
    theme = models.CharField(_("tema"), max_length=100, blank=True)
    category = models.CharField(
        _("kategori"), max_length=100, blank=True, help_text=_("Kartnålens kategori.")
    )
    latitude = models.FloatField(_("breddegrad"), null=True, blank=True)
    longitude = models.FloatField(_("lengdegrad"), null=True, blank=True)
    subtheme = models.CharField(_("undertema"), max_length=100, blank=True)
    # A photo activity's picture, cleaned by core/images.py (the text is its description); read
    # only through the app's views, never from a public folder (`photos.py`).
    picture = models.FileField(_("bilde"), upload_to="workshops/", max_length=200, blank=True)
    picture_type = models.CharField(max_length=20, blank=True)
    picture_width = models.PositiveIntegerField(default=0)
    picture_height = models.PositiveIntegerField(default=0)
    comment = models.TextField(
        _("svar eller kommentar"),
        blank=True,
        help_text=_("Svaret eller kommentaren fra de som arrangerte, for eksempel i et referat."),
    )
    imported_from = models.CharField(
        _("importert fra"),
        max_length=200,
        blank=True,
        help_text=_("Filen bidraget ble importert fra; tomt for bidrag gitt i verkstedet."),
    )
    status = models.CharField(
        max_length=10, choices=ContributionStatus.choices, default=ContributionStatus.VISIBLE
    )
    answered = models.BooleanField(_("besvart"), default=False)
    assisted = models.BooleanField(default=False)
    idempotency_key = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    moderated_at = models.DateTimeField(null=True, blank=True)
    # Held once because enough phones reported it (`ContributionReport`); the facilitator's
    # approval after that stands: later reports do not hold it again.
    reported = models.BooleanField(default=False)
    # A statement's vote counts as phones and the projector see them: released once at least 5
    # votes on it are new or changed (services/release.py).
    released_votes = models.JSONField(null=True, blank=True)
    released_through = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "idempotency_key"],
                condition=~Q(idempotency_key=""),
                name="unique_contribution_idempotency_key",
            ),
        ]

    def __str__(self) -> str:
        return self.text


class Vote(models.IntegerChoices):
    AGREE = 1, _("Enig")
    DISAGREE = -1, _("Uenig")
    PASS = 0, _("Vet ikke / står over")


class StatementVote(models.Model):
    statement = models.ForeignKey(Contribution, on_delete=models.CASCADE, related_name="votes")
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="statement_votes"
    )
    vote = models.SmallIntegerField(choices=Vote.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["statement", "participant"], name="one_vote_per_statement"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.participant}: {self.vote}"


class Upvote(models.Model):
    contribution = models.ForeignKey(Contribution, on_delete=models.CASCADE, related_name="upvotes")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="upvotes")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["contribution", "participant"], name="one_upvote_per_participant"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.participant} ↑ {self.contribution_id}"


class ContributionReport(models.Model):
    """A phone's «Meld»: this item should not be on the screen. One per participant and item."""

    contribution = models.ForeignKey(Contribution, on_delete=models.CASCADE, related_name="reports")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="reports")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["contribution", "participant"], name="one_report_per_participant"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.participant} ! {self.contribution_id}"
