"""Local community models: who has which role in which function, and how things are connected.

A model owns its elements (actors, institutions, functions, resources and factors in one table),
roles (actor × function), relations (element → element), values and assumptions. Every part that
came from a workshop keeps a link back to the contribution it came from.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from samfunnslab.accounts.models import Organisation


class Archetype(models.TextChoices):
    CUSTOM = "custom", _("Egen")
    GROWTH = "growth", _("Fortsatt vekst")
    COLLAPSE = "collapse", _("Sammenbrudd")
    DISCIPLINE = "discipline", _("Disiplin")
    TRANSFORMATION = "transformation", _("Omforming")


class ElementKind(models.TextChoices):
    ACTOR = "actor", _("Aktør")
    INSTITUTION = "institution", _("Institusjon")
    FUNCTION = "function", _("Funksjon")
    RESOURCE = "resource", _("Ressurs")
    FACTOR = "factor", _("Faktor")


class Sector(models.TextChoices):
    PUBLIC = "public", _("Offentlig")
    CIVIL = "civil", _("Sivilsamfunn")
    PRIVATE = "private", _("Privat")
    FAMILY = "family", _("Familie")


class ActorType(models.TextChoices):
    CITIZEN_GROUP = "citizen_group", _("Innbyggergruppe")
    FAMILY = "family", _("Familie og husholdning")
    VOLUNTEER = "volunteer", _("Frivillig lag eller organisasjon")
    BUSINESS = "business", _("Næringsliv")
    MUNICIPALITY_UNIT = "municipality_unit", _("Kommunal enhet")
    COUNTY = "county", _("Fylkeskommune")
    STATE_AGENCY = "state_agency", _("Statlig etat")
    HEALTH_TRUST = "health_trust", _("Helseforetak")
    SCHOOL = "school", _("Skole eller barnehage")
    COOPERATIVE = "cooperative", _("Samvirke")
    OTHER = "other", _("Annet")


class Formality(models.TextChoices):
    FORMAL = "formal", _("Formell")
    INFORMAL = "informal", _("Uformell")


class LegalForm(models.TextChoices):
    NONE = "", _("Ingen eller ukjent")
    IKS = "iks", _("Interkommunalt selskap (IKS)")
    AS = "as", _("Aksjeselskap (AS)")
    ASSOCIATION = "forening", _("Forening")
    COOPERATIVE = "samvirke", _("Samvirke (SA)")
    HOST_MUNICIPALITY = "vertskommune", _("Vertskommune")
    JOINT_TASK = "oppgavefellesskap", _("Kommunalt oppgavefellesskap")
    FOUNDATION = "stiftelse", _("Stiftelse")


class FunctionKey(models.TextChoices):
    CARE_ELDERLY = "care_elderly", _("Omsorg for eldre")
    GROWING_UP = "growing_up", _("Oppvekst og læring")
    HEALTH = "health", _("Helse")
    HOUSING = "housing", _("Bolig")
    WORK_INCLUSION = "work_inclusion", _("Arbeid og inkludering")
    MOBILITY = "mobility", _("Mobilitet")
    FOOD = "food", _("Mat")
    CULTURE = "culture", _("Kultur og fellesskap")
    SAFETY = "safety", _("Trygghet og beredskap")
    DECISION_MAKING = "decision_making", _("Beslutninger og demokrati")
    FINANCING = "financing", _("Finansiering")
    OTHER = "other", _("Annen funksjon")


class KommuneVersion(models.TextChoices):
    UNSET = "", _("Ikke valgt")
    V1 = "1.0", _("Kommune 1.0 – myndighet")
    V2 = "2.0", _("Kommune 2.0 – organisasjon")
    V3 = "3.0", _("Kommune 3.0 – lokalsamfunn")


class CoCreationType(models.TextChoices):
    UNSET = "", _("Ikke valgt")
    EQUAL = "likeverdig", _("Likeverdig samskaping")
    STEERED = "styrt", _("Styrt samskaping")
    FACILITATING = "fasiliterende", _("Fasiliterende samskaping")
    ACCOUNTABLE = "ansvarliggjorende", _("Ansvarliggjørende samskaping")


class ResourceKind(models.TextChoices):
    LABOUR = "labour", _("Arbeidstimer")
    MONEY = "money", _("Penger")
    BUILDING = "building", _("Bygg og lokaler")
    LAND = "land", _("Areal")
    DATA = "data", _("Data")
    TECHNOLOGY = "technology", _("Teknologi")
    KNOWLEDGE = "knowledge", _("Kunnskap")
    TIME = "time", _("Tid")


class RoleKind(models.TextChoices):
    PROVIDES = "provides", _("Utfører")
    FINANCES = "finances", _("Finansierer")
    DECIDES = "decides", _("Bestemmer")
    COORDINATES = "coordinates", _("Koordinerer")
    RECEIVES = "receives", _("Mottar")
    CO_CREATES = "co_creates", _("Samskaper")


class RelationKind(models.TextChoices):
    CAUSAL = "causal", _("Påvirker (årsak)")
    FLOW = "flow", _("Flyt")
    CONTRACT = "contract", _("Avtale eller oppdrag")
    TRUST = "trust", _("Tillit")
    INFORMATION = "information", _("Informasjon")


class Polarity(models.TextChoices):
    NONE = "", _("Ingen")
    SAME = "+", _("+ (samme retning)")
    OPPOSITE = "-", _("− (motsatt retning)")


class AssumptionStatus(models.TextChoices):
    KEPT = "kept", _("Beholdt")
    FLIPPED = "flipped", _("Snudd")


class Provenance(models.Model):
    """Where a part came from: a workshop contribution (ids and text kept as they were)."""

    source_workshop_id = models.PositiveIntegerField(null=True, blank=True)
    source_workshop_title = models.CharField(max_length=200, blank=True)
    source_activity_id = models.PositiveIntegerField(null=True, blank=True)
    source_activity_title = models.CharField(max_length=200, blank=True)
    source_contribution_id = models.PositiveIntegerField(null=True, blank=True)
    source_text = models.TextField(blank=True)

    class Meta:
        abstract = True

    @property
    def has_source(self) -> bool:
        """Return whether this part came from a workshop contribution."""
        return self.source_contribution_id is not None


class CommunityModel(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="community_models"
    )
    name = models.CharField(_("navn"), max_length=120)
    pitch = models.CharField(_("kort beskrivelse"), max_length=300, blank=True)
    municipality_code = models.CharField(_("kommunenummer"), max_length=4)
    horizon_year = models.PositiveSmallIntegerField(_("horisontår"), default=2040)
    archetype = models.CharField(
        _("type framtid"), max_length=20, choices=Archetype.choices, default=Archetype.CUSTOM
    )
    story = models.TextField(_("fortelling"), blank=True)
    day_in_the_life = models.TextField(_("en dag i livet"), blank=True)
    headlines = models.TextField(
        _("overskrifter"), blank=True, help_text=_("Én overskrift per linje.")
    )
    parameters = models.JSONField(_("parametere"), default=dict, blank=True)
    is_example = models.BooleanField(_("eksempel"), default=False)
    shared = models.BooleanField(_("delt med alle"), default=False)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="forks",
        verbose_name=_("laget fra"),
    )
    parent_version = models.PositiveIntegerField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    source_workshop_id = models.PositiveIntegerField(null=True, blank=True)
    source_workshop_title = models.CharField(max_length=200, blank=True)
    source_step = models.CharField(_("metodesteg"), max_length=200, blank=True)
    # A model team formed from an opinion-map group: the statements activity, the group's letter,
    # and whether it is the smallest group's (the minority model, which is always kept).
    source_activity_id = models.PositiveIntegerField(null=True, blank=True)
    source_group = models.CharField(_("gruppe i meningskartet"), max_length=2, blank=True)
    is_minority_model = models.BooleanField(_("minoritetsmodell"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("lokalsamfunnsmodell")
        verbose_name_plural = _("lokalsamfunnsmodeller")

    def __str__(self) -> str:
        return self.name

    @property
    def headline_list(self) -> list[str]:
        """Return the headlines, one per non-empty line."""
        return [line.strip() for line in self.headlines.splitlines() if line.strip()]


# The kind-specific detail fields of an element, edited in the builder and written to exports.
ELEMENT_DETAIL_FIELDS = (
    "description",
    "sector",
    "actor_type",
    "formality",
    "legal_form",
    "function_key",
    "kommune_version",
    "co_creation_type",
    "resource_kind",
    "quantity",
)


class Element(Provenance):
    """A node in the model: an actor, institution, function, resource or causal factor."""

    model = models.ForeignKey(CommunityModel, on_delete=models.CASCADE, related_name="elements")
    kind = models.CharField(_("type"), max_length=20, choices=ElementKind.choices)
    label = models.CharField(_("navn"), max_length=120)
    description = models.TextField(_("beskrivelse"), blank=True)
    sector = models.CharField(_("sektor"), max_length=10, choices=Sector.choices, blank=True)
    actor_type = models.CharField(
        _("type aktør"), max_length=20, choices=ActorType.choices, blank=True
    )
    formality = models.CharField(
        _("formell eller uformell"), max_length=10, choices=Formality.choices, blank=True
    )
    legal_form = models.CharField(
        _("organisasjonsform"), max_length=20, choices=LegalForm.choices, blank=True
    )
    function_key = models.CharField(
        _("funksjon"), max_length=20, choices=FunctionKey.choices, blank=True
    )
    kommune_version = models.CharField(
        _("kommuneversjon"), max_length=3, choices=KommuneVersion.choices, blank=True
    )
    co_creation_type = models.CharField(
        _("type samskaping"), max_length=20, choices=CoCreationType.choices, blank=True
    )
    resource_kind = models.CharField(
        _("type ressurs"), max_length=20, choices=ResourceKind.choices, blank=True
    )
    owner = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_resources",
        verbose_name=_("eier"),
    )
    quantity = models.CharField(_("mengde"), max_length=60, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["kind", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["model", "kind", "label"], name="unique_element_label"),
        ]

    def __str__(self) -> str:
        return self.label


class Role(models.Model):
    """An actor's part in a function: provides, finances, decides, coordinates, receives, co-creates."""

    model = models.ForeignKey(CommunityModel, on_delete=models.CASCADE, related_name="roles")
    actor = models.ForeignKey(Element, on_delete=models.CASCADE, related_name="roles_as_actor")
    function = models.ForeignKey(
        Element, on_delete=models.CASCADE, related_name="roles_in_function"
    )
    kind = models.CharField(_("rolle"), max_length=20, choices=RoleKind.choices)
    share_of_effort = models.FloatField(_("andel av innsatsen"), null=True, blank=True)
    note = models.CharField(_("merknad"), max_length=300, blank=True)

    class Meta:
        ordering = ["function__position", "function_id", "kind", "actor__position", "actor_id"]
        constraints = [
            models.UniqueConstraint(fields=["actor", "function", "kind"], name="unique_role"),
        ]

    def __str__(self) -> str:
        # Read as a phrase, the way the lab matrix shows roles: «Nabolagslaget – utfører – Helse».
        return f"{self.actor} – {self.get_kind_display().lower()} – {self.function}"


class Relation(Provenance):
    """A directed link between two elements; causal links carry a polarity and form loops."""

    model = models.ForeignKey(CommunityModel, on_delete=models.CASCADE, related_name="relations")
    source = models.ForeignKey(Element, on_delete=models.CASCADE, related_name="relations_out")
    target = models.ForeignKey(Element, on_delete=models.CASCADE, related_name="relations_in")
    kind = models.CharField(_("type"), max_length=20, choices=RelationKind.choices)
    polarity = models.CharField(_("retning"), max_length=1, choices=Polarity.choices, blank=True)
    delay = models.BooleanField(_("forsinket"), default=False)
    note = models.CharField(_("merknad"), max_length=300, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["source", "target", "kind"], name="unique_relation"),
        ]

    def __str__(self) -> str:
        return f"{self.source} → {self.target}"


class Value(Provenance):
    """Something the model holds dear."""

    model = models.ForeignKey(CommunityModel, on_delete=models.CASCADE, related_name="values")
    label = models.CharField(_("verdi"), max_length=120)
    description = models.TextField(_("beskrivelse"), blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.label


class Assumption(Provenance):
    """Something usually taken for granted, either kept or flipped in this model."""

    model = models.ForeignKey(CommunityModel, on_delete=models.CASCADE, related_name="assumptions")
    text = models.CharField(_("antakelse"), max_length=300)
    status = models.CharField(
        _("status"), max_length=10, choices=AssumptionStatus.choices, default=AssumptionStatus.KEPT
    )
    instead = models.CharField(_("i stedet"), max_length=300, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.text


class ModelVersion(models.Model):
    """A saved snapshot of a model (its export as plain data) with a note."""

    model = models.ForeignKey(CommunityModel, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    note = models.CharField(_("merknad"), max_length=300, blank=True)
    snapshot = models.JSONField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["model", "number"], name="unique_model_version"),
        ]

    def __str__(self) -> str:
        return f"{self.model} v{self.number}"


class ModelImage(Provenance):
    """A picture of an artefact or a sketch, shown with the model; its file is re-encoded without
    metadata (`core.images`) and read through the app, never from a public folder."""

    model = models.ForeignKey(CommunityModel, on_delete=models.CASCADE, related_name="images")
    file = models.FileField(upload_to="community_models/", max_length=200)
    content_type = models.CharField(max_length=20, default="image/jpeg")
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    alt_text = models.CharField(_("bildebeskrivelse"), max_length=300)
    caption = models.CharField(_("bildetekst"), max_length=300, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("bilde")
        verbose_name_plural = _("bilder")

    def __str__(self) -> str:
        return self.alt_text
