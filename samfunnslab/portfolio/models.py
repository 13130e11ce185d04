"""The portfolio: initiatives that show new practice (stage 1), the portfolio tree, pilots (stage 4),
Three Horizons placement and backcasting milestones."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from samfunnslab.accounts.models import Organisation
from samfunnslab.community_models.models import CommunityModel, KommuneVersion
from samfunnslab.lab.models import Finding, ForsokLetter


class Horizon(models.TextChoices):
    NONE = "", _("Ikke plassert")
    H1 = "H1", _("H1: dagens system")
    H2_MINUS = "H2-", _("H2−: forbedrer dagens system")
    H2_PLUS = "H2+", _("H2+: baner vei for det nye")
    H3 = "H3", _("H3: ønsket framtid")


class Initiative(models.Model):
    """An existing initiative that already shows traces of new practice."""

    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.CASCADE, related_name="initiatives"
    )
    seed_key = models.SlugField(max_length=80, blank=True)
    title = models.CharField(_("tittel"), max_length=200)
    municipality_code = models.CharField(_("kommunenummer"), max_length=4, blank=True)
    place = models.CharField(_("sted"), max_length=200, blank=True)
    country = models.CharField(_("land"), max_length=80, default="Norge")
    description = models.TextField(_("beskrivelse"), max_length=6000)
    actors = models.TextField(_("aktører"), blank=True, max_length=2000)
    functions = models.JSONField(_("funksjoner"), default=list, blank=True)
    kommune_version = models.CharField(
        _("kommuneversjon"), max_length=3, choices=KommuneVersion.choices, blank=True
    )
    tags = models.JSONField(_("stikkord"), default=list, blank=True)
    links = models.JSONField(_("lenker"), default=list, blank=True)
    sources = models.TextField(_("kilder"), max_length=2000)
    horizon = models.CharField(_("horisont"), max_length=3, choices=Horizon.choices, blank=True)
    inspires = models.ManyToManyField(
        CommunityModel, blank=True, related_name="inspired_by_initiatives"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("initiativ")
        verbose_name_plural = _("initiativer")
        constraints = [
            models.UniqueConstraint(
                fields=["seed_key"], condition=~Q(seed_key=""), name="unique_initiative_seed_key"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_shipped(self) -> bool:
        """A shipped example (from the seed file): its text exists only in bokmål."""
        return bool(self.seed_key)


class NodeLevel(models.TextChoices):
    CHALLENGE = "challenge", _("Samfunnsutfordring")
    AREA = "area", _("Innovasjonsområde")
    MAIN_PROJECT = "main_project", _("Hovedprosjekt")
    SUB_PROJECT = "sub_project", _("Delprosjekt eller aktivitet")
    VISION = "vision", _("Visjon")


LEVEL_ORDER = [value for value, _label in NodeLevel.choices]


class NodeStatus(models.TextChoices):
    IDEA = "idea", _("Idé")
    ACTIVE = "active", _("Aktiv")
    PAUSED = "paused", _("På vent")
    DONE = "done", _("Avsluttet")


class PortfolioNode(models.Model):
    """One node of the portfolio tree: challenge → area → main project → sub-project → vision."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="portfolio_nodes"
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    level = models.CharField(_("nivå"), max_length=20, choices=NodeLevel.choices)
    title = models.CharField(_("tittel"), max_length=200)
    description = models.TextField(_("beskrivelse"), blank=True, max_length=4000)
    owner = models.CharField(_("eier"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=NodeStatus.choices, default=NodeStatus.ACTIVE
    )
    horizon = models.CharField(_("horisont"), max_length=3, choices=Horizon.choices, blank=True)
    position = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("porteføljeelement")
        verbose_name_plural = _("porteføljeelementer")

    def __str__(self) -> str:
        return self.title


class LegalBasis(models.TextChoices):
    LOCAL = "local", _("Lokalt vedtak innenfor dagens regler")
    SECTOR_CLAUSE = "sector_clause", _("Forsøksbestemmelse i en særlov")
    FORSOKSLOVEN = "forsoksloven", _("Forsøk etter forsøksloven § 3")


class PilotStatus(models.TextChoices):
    IDEA = "idea", _("Idé")
    PLANNED = "planned", _("Planlagt")
    RUNNING = "running", _("Pågår")
    EVALUATED = "evaluated", _("Evaluert")
    STOPPED = "stopped", _("Avsluttet")


class Pilot(models.Model):
    """An experiment in stage 4: a hypothesis tested for a while, on a legal basis."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="pilots")
    title = models.CharField(_("tittel"), max_length=200)
    hypothesis = models.TextField(_("hypotese"), max_length=4000)
    metrics = models.TextField(_("hva vi måler"), blank=True, max_length=4000)
    duration_months = models.PositiveSmallIntegerField(_("varighet i måneder"), default=12)
    legal_basis = models.CharField(
        _("rettslig grunnlag"), max_length=20, choices=LegalBasis.choices, default=LegalBasis.LOCAL
    )
    forsok_letter = models.CharField(
        _("forsøksloven § 3"), max_length=1, choices=ForsokLetter.choices, blank=True
    )
    owner = models.CharField(_("eier"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=PilotStatus.choices, default=PilotStatus.IDEA
    )
    node = models.ForeignKey(
        PortfolioNode,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="pilots",
        verbose_name=_("plass i porteføljen"),
    )
    horizon = models.CharField(_("horisont"), max_length=3, choices=Horizon.choices, blank=True)
    community_models = models.ManyToManyField(CommunityModel, blank=True, related_name="pilots")
    findings = models.ManyToManyField(Finding, blank=True, related_name="pilots")
    initiatives = models.ManyToManyField(Initiative, blank=True, related_name="pilots")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("pilot")
        verbose_name_plural = _("piloter")

    def __str__(self) -> str:
        return self.title


class Milestone(models.Model):
    """A backcasting step: what must be true by a year on the way to the model's horizon."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="milestones"
    )
    model = models.ForeignKey(CommunityModel, on_delete=models.CASCADE, related_name="milestones")
    year = models.PositiveSmallIntegerField(_("år"))
    condition = models.CharField(_("det som må være på plass"), max_length=300)
    actions = models.TextField(_("tiltak"), blank=True, max_length=2000)
    owner = models.CharField(_("ansvarlig"), max_length=200, blank=True)
    finding = models.ForeignKey(
        Finding, null=True, blank=True, on_delete=models.SET_NULL, related_name="milestones"
    )
    pilot = models.ForeignKey(
        Pilot, null=True, blank=True, on_delete=models.SET_NULL, related_name="milestones"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "id"]
        verbose_name = _("milepæl")
        verbose_name_plural = _("milepæler")

    def __str__(self) -> str:
        return f"{self.year}: {self.condition}"
