"""The lab: a register of framework conditions and lab exercises that test a community model against it.

A finding links one model element (an element, a role or a relation of the model) to one framework
condition; several people rate its severity and certainty; its status history is an audit trail.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from samfunnslab.accounts.models import Organisation
from samfunnslab.community_models.models import CommunityModel, Element, Relation, Role


class Level(models.TextChoices):
    LOCAL = "local", _("Lokalt")
    INTER_MUNICIPAL = "inter_municipal", _("Interkommunalt")
    REGIONAL = "regional", _("Regionalt")
    NATIONAL = "national", _("Nasjonalt")
    EU_EEA = "eu_eea", _("EU/EØS")
    INTERNATIONAL = "international", _("Internasjonalt")


class ConditionType(models.TextChoices):
    LEGAL = "legal", _("Juridisk")
    FINANCIAL = "financial", _("Økonomisk")
    ORGANISATIONAL = "organisational", _("Organisatorisk")
    CULTURAL = "cultural", _("Kulturelt")
    TECHNOLOGICAL = "technological", _("Teknologi og data")
    COMPETENCE = "competence", _("Kompetanse og arbeidskraft")


class SourceKind(models.TextChoices):
    LAW = "law", _("Lov")
    REGULATION = "regulation", _("Forskrift")
    AGREEMENT = "agreement", _("Avtale")
    GRANT = "grant", _("Tilskuddsordning eller inntektssystem")
    LOCAL_DECISION = "local_decision", _("Lokalt vedtak")
    OTHER = "other", _("Annet")


class FindingType(models.TextChoices):
    BARRIER = "barrier", _("Barriere")
    OPPORTUNITY = "opportunity", _("Mulighet")
    UNCERTAINTY = "uncertainty", _("Usikkerhet")


class Mechanism(models.TextChoices):
    FORBIDS = "forbids", _("Forbyr")
    REQUIRES = "requires", _("Krever")
    FAILS_TO_ENABLE = "fails_to_enable", _("Gir ikke rom for")
    DISINCENTIVE = "disincentive", _("Gir motinsentiv")
    INCENTIVE = "incentive", _("Gir insentiv")
    ENABLES = "enables", _("Muliggjør")


class Room(models.TextChoices):
    LOCAL_DECISION = "local_decision", _("Lokalt vedtak")
    INTER_MUNICIPAL = "inter_municipal", _("Interkommunal avtale")
    SECTOR_EXPERIMENT = "sector_experiment", _("Forsøk etter særlov")
    FORSOK = "forsok", _("Forsøk etter forsøksloven § 3")
    LAW_CHANGE = "law_change", _("Lov- eller forskriftsendring")
    OUTSIDE = "outside", _("Utenfor norsk kontroll")


class ForsokLetter(models.TextChoices):
    NONE = "", _("Ikke valgt")
    A = "a", _("§ 3 a – avvik fra regler om organisering og oppgaveløsning")
    B = "b", _("§ 3 b – avvik fra oppgavefordelingen mellom forvaltningsnivåene")
    C = "c", _("§ 3 c – unntak fra statlige kontrollordninger")


class Status(models.TextChoices):
    OPEN = "open", _("Åpen")
    ASSESSED = "assessed", _("Vurdert")
    ACTED = "acted", _("Fulgt opp")
    CLOSED = "closed", _("Lukket")


class ElementRefKind(models.TextChoices):
    ELEMENT = "element", _("Element")
    ROLE = "role", _("Rolle")
    RELATION = "relation", _("Relasjon")


class FrameworkCondition(models.Model):
    """A law, rule, agreement, grant scheme or local decision a model must live with."""

    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="framework_conditions",
        help_text=_("Tom for fellesregisteret; ellers en lokal oppføring."),
    )
    seed_key = models.SlugField(max_length=60, blank=True)
    title = models.CharField(_("tittel"), max_length=200)
    summary = models.TextField(_("sammendrag i klarspråk"), max_length=4000)
    reference = models.CharField(_("henvisning"), max_length=300)
    source_kind = models.CharField(
        _("kildetype"), max_length=20, choices=SourceKind.choices, default=SourceKind.LAW
    )
    level = models.CharField(_("nivå"), max_length=20, choices=Level.choices)
    type = models.CharField(_("type"), max_length=20, choices=ConditionType.choices)
    link = models.URLField(_("lenke"), blank=True, max_length=500)
    checked_by_name = models.CharField(_("kontrollert av"), max_length=120, blank=True)
    checked_on = models.DateField(_("kontrollert dato"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["level", "title"]
        verbose_name = _("rammebetingelse")
        verbose_name_plural = _("rammebetingelser")
        constraints = [
            models.UniqueConstraint(
                fields=["seed_key"], condition=~Q(seed_key=""), name="unique_condition_seed_key"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def checked(self) -> bool:
        """Return whether a named person has checked this entry."""
        return bool(self.checked_by_name and self.checked_on)


class LabExercise(models.Model):
    """A community model laid over a chosen set of framework conditions."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="lab_exercises"
    )
    model = models.ForeignKey(
        CommunityModel, on_delete=models.CASCADE, related_name="lab_exercises"
    )
    title = models.CharField(_("tittel"), max_length=200)
    conditions = models.ManyToManyField(FrameworkCondition, related_name="exercises", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("laboratorieøvelse")
        verbose_name_plural = _("laboratorieøvelser")

    def __str__(self) -> str:
        return self.title


class Finding(models.Model):
    """One model element meeting one framework condition: a barrier, opportunity or uncertainty."""

    exercise = models.ForeignKey(LabExercise, on_delete=models.CASCADE, related_name="findings")
    ref_kind = models.CharField(max_length=10, choices=ElementRefKind.choices)
    element = models.ForeignKey(
        Element, null=True, blank=True, on_delete=models.SET_NULL, related_name="lab_findings"
    )
    role = models.ForeignKey(
        Role, null=True, blank=True, on_delete=models.SET_NULL, related_name="lab_findings"
    )
    relation = models.ForeignKey(
        Relation, null=True, blank=True, on_delete=models.SET_NULL, related_name="lab_findings"
    )
    element_label = models.CharField(_("modellelement"), max_length=300)
    condition = models.ForeignKey(
        FrameworkCondition, on_delete=models.PROTECT, related_name="findings"
    )
    finding_type = models.CharField(_("type funn"), max_length=20, choices=FindingType.choices)
    mechanism = models.CharField(_("mekanisme"), max_length=20, choices=Mechanism.choices)
    room = models.CharField(_("handlingsrom"), max_length=20, choices=Room.choices)
    forsok_letter = models.CharField(
        _("forsøksloven § 3"), max_length=1, choices=ForsokLetter.choices, blank=True
    )
    description = models.TextField(_("beskrivelse"), max_length=4000)
    evidence = models.TextField(_("grunnlag"), blank=True, max_length=4000)
    proposed_action = models.TextField(_("forslag til tiltak"), blank=True, max_length=4000)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("funn")
        verbose_name_plural = _("funn")

    def __str__(self) -> str:
        return f"{self.element_label} × {self.condition}"


class Rating(models.Model):
    """One person's severity and certainty for a finding (1–5 each)."""

    finding = models.ForeignKey(Finding, on_delete=models.CASCADE, related_name="ratings")
    rater_name = models.CharField(_("hvem"), max_length=120)
    severity = models.PositiveSmallIntegerField(_("alvorlighet"))
    certainty = models.PositiveSmallIntegerField(_("sikkerhet"))
    note = models.CharField(_("merknad"), max_length=500, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    rated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["rater_name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["finding", "rater_name"], name="unique_rating_per_rater"
            ),
            models.CheckConstraint(
                condition=Q(severity__gte=1, severity__lte=5), name="rating_severity_1_5"
            ),
            models.CheckConstraint(
                condition=Q(certainty__gte=1, certainty__lte=5), name="rating_certainty_1_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rater_name}: {self.severity}/{self.certainty}"


class StatusChange(models.Model):
    """One step in a finding's audit trail."""

    finding = models.ForeignKey(Finding, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=10, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=10, choices=Status.choices)
    note = models.CharField(_("merknad"), max_length=500, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["changed_at", "id"]

    def __str__(self) -> str:
        return f"{self.from_status or '–'} → {self.to_status}"
