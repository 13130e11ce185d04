"""The method library (steps written as content files) and the processes facilitators compose from it."""

from __future__ import annotations

import copy
import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from samfunnslab.accounts.models import Organisation


class Phase(models.TextChoices):
    UNDERSTAND = "forstå", _("Forstå")
    EXPLORE = "utforske", _("Utforske")
    IMAGINE = "forestille", _("Forestille")
    MODEL = "modellere", _("Modellere")
    TEST = "teste", _("Teste")
    PILOT = "pilotere", _("Pilotere")
    PORTFOLIO = "portefølje", _("Portefølje")


class Audience(models.TextChoices):
    CITIZENS = "innbyggere", _("Innbyggere")
    YOUTH = "ungdom", _("Ungdom")
    CHILDREN = "barn", _("Barn")
    POLITICIANS = "politikere", _("Politikere")
    STAFF = "ansatte", _("Ansatte i kommunen")
    PROJECT_GROUP = "prosjektgruppe", _("Prosjektgruppe")


ACTIVITY_LABELS = {
    "wordcloud": _("Ordsky"),
    "open": _("Åpne innspill"),
    "choice": _("Flervalg"),
    "scale": _("Skala"),
    "ranking": _("Rangering"),
    "points": _("100 poeng"),
    "statements": _("Påstander"),
    "qa": _("Spørsmål og svar"),
    "ideas": _("Idékort i grupper"),
    "map": _("Kartinnspill"),
}


class MethodStep(models.Model):
    """One step of the method, loaded from `content/steps/*.toml` (the file is the source of truth)."""

    number = models.PositiveSmallIntegerField(unique=True)
    slug = models.SlugField(unique=True)
    name = models.CharField(_("navn"), max_length=200)
    name_nn = models.CharField(max_length=200, blank=True)
    name_en = models.CharField(max_length=200, blank=True)
    phase = models.CharField(_("fase"), max_length=20, choices=Phase.choices)
    purpose = models.TextField(_("formål"))
    when_to_use = models.TextField(_("når brukes det"))
    inputs = models.JSONField(default=list)
    outputs = models.JSONField(default=list)
    audiences = models.JSONField(default=list)
    roles = models.JSONField(default=list)
    participants_min = models.PositiveIntegerField()
    participants_max = models.PositiveIntegerField(null=True, blank=True)
    group_size = models.PositiveIntegerField(null=True, blank=True)
    minutes = models.PositiveIntegerField(_("minutter"))
    minutes_min = models.PositiveIntegerField(_("korteste versjon (minutter)"))
    sub_steps = models.JSONField(default=list)
    materials_in_person = models.JSONField(default=list)
    materials_online = models.JSONField(default=list)
    activity_kinds = models.JSONField(default=list)
    activities = models.JSONField(default=list)
    records = models.JSONField(default=list)
    accessibility = models.TextField(blank=True)
    easy_variant = models.TextField(blank=True)
    worksheet = models.JSONField(default=dict)
    worksheet_easy = models.JSONField(default=dict)
    sources = models.JSONField(default=list)
    licence_note = models.TextField(blank=True)
    guide = models.JSONField(default=dict, blank=True)
    # The text fields in nynorsk (content/steps/*.nn.toml); empty when any text lacks nynorsk.
    nn = models.JSONField(default=dict, blank=True)
    content_version = models.CharField(max_length=64, blank=True)

    text_lang = "nb"  # the language of the texts; "nn" on a copy from in_language

    class Meta:
        ordering = ["number"]
        verbose_name = _("metodesteg")
        verbose_name_plural = _("metodesteg")

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"

    def in_language(self, language: str) -> MethodStep:
        """Return the step with its texts in nynorsk when that is asked for and written, else itself."""
        if language != "nn" or not self.nn:
            return self
        step = copy.copy(self)
        for key, value in self.nn.items():
            setattr(step, key, value)
        step.text_lang = "nn"
        return step

    @property
    def audience_labels(self) -> list[str]:
        """Return the Norwegian names of the groups the step suits."""
        return [str(Audience(code).label) for code in self.audiences if code in Audience.values]

    @property
    def activity_labels(self) -> list[str]:
        """Return the Norwegian names of the workshop activities the step uses."""
        return [str(ACTIVITY_LABELS.get(kind, kind)) for kind in self.activity_kinds]


class Process(models.Model):
    """A sequence of steps for one or more meetings; templates have no organisation and are copied."""

    slug = models.SlugField(unique=True, max_length=80)
    name = models.CharField(_("navn"), max_length=200)
    summary = models.TextField(_("formål"), blank=True)
    # Nynorsk name and summary of a shipped template (content/processes/*.nn.toml); copies have none.
    name_nn = models.CharField(max_length=200, blank=True)
    summary_nn = models.TextField(blank=True)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.CASCADE, related_name="processes"
    )
    is_template = models.BooleanField(default=False)
    is_example = models.BooleanField(default=False)
    easy_language = models.BooleanField(_("lettlest og barnevennlig"), default=False)
    target_minutes = models.PositiveIntegerField(_("varighet per møte (minutter)"), default=180)
    start_time = models.TimeField(_("starttid"), default=datetime.time(18, 0))
    version = models.PositiveIntegerField(default=1)
    last_used_version = models.PositiveIntegerField(null=True, blank=True)
    copied_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="copies"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-is_template", "name"]
        verbose_name = _("prosess")
        verbose_name_plural = _("prosesser")

    text_lang = "nb"

    def __str__(self) -> str:
        return self.name

    def in_language(self, language: str) -> Process:
        """Return the process with its name and summary in nynorsk when asked for and written."""
        if language != "nn" or not self.name_nn:
            return self
        process = copy.copy(self)
        process.name, process.summary = self.name_nn, self.summary_nn
        process.text_lang = "nn"
        return process


class ProcessItem(models.Model):
    """One agenda item: a library step, or the facilitator's own item (welcome, break, action list)."""

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="items")
    step = models.ForeignKey(MethodStep, null=True, blank=True, on_delete=models.PROTECT)
    title = models.CharField(_("tittel"), max_length=200, blank=True)
    note = models.TextField(_("merknad"), blank=True)
    position = models.PositiveIntegerField()
    meeting = models.PositiveSmallIntegerField(_("møte"), default=1)
    minutes = models.PositiveIntegerField(_("minutter"))
    use_easy_variant = models.BooleanField(default=False)
    title_nn = models.CharField(max_length=200, blank=True)  # only on a shipped template's items
    note_nn = models.TextField(blank=True)

    text_lang = "nb"

    class Meta:
        ordering = ["meeting", "position"]

    def __str__(self) -> str:
        return self.display_title

    def in_language(self, language: str) -> ProcessItem:
        """Return the item (and its step) in nynorsk when asked for and every text is written."""
        step = self.step.in_language(language) if self.step else None
        written = (not self.title or self.title_nn) and (not self.note or self.note_nn)
        if language != "nn" or not written or (step is not None and step.text_lang != "nn"):
            return self
        item = copy.copy(self)
        item.step = step
        item.title, item.note = self.title_nn or self.title, self.note_nn or self.note
        item.text_lang = "nn"
        return item

    @property
    def display_title(self) -> str:
        """Return the item's own title, or the step's name."""
        if self.title:
            return self.title
        return self.step.name if self.step else ""


class ProcessRun(models.Model):
    """A workshop started from a process item (the live session lives in the workshops app)."""

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="runs")
    item = models.ForeignKey(ProcessItem, null=True, on_delete=models.SET_NULL, related_name="runs")
    version = models.PositiveIntegerField()
    workshop_id = models.PositiveIntegerField(null=True, blank=True)
    workshop_url = models.CharField(max_length=300, blank=True)
    # The facilitator's interface language when the run was started ("nb", "nn" or "en"): the
    # pulse is added and repeated in it, whoever clicks later and in whatever language.
    language = models.CharField(max_length=5, default="nb")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.process} v{self.version}: verksted {self.workshop_id}"


class ProcessEvaluation(models.Model):
    """What worked and what to change after a workshop, kept with the process version it used."""

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="evaluations")
    version = models.PositiveIntegerField()
    worked = models.TextField(_("hva fungerte"))
    change = models.TextField(_("hva bør endres"))
    held_on = models.DateField(_("dato for verkstedet"), null=True, blank=True)
    participants = models.PositiveIntegerField(_("antall deltakere"), null=True, blank=True)
    agenda_snapshot = models.JSONField(default=list)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.process} v{self.version}: evaluering"


class PulsePhase(models.TextChoices):
    BEFORE = "before", _("Før")
    AFTER = "after", _("Etter")
    REPEAT = "repeat", _("Etter tre måneder")


class PulseActivity(models.Model):
    """One live activity that asks one item of the expectation-gap pulse in one phase.

    The activity itself (and its answers) lives in the workshops app; this row says which pulse
    item and phase it is, so the process evaluation can find and pair the answers.
    """

    workshop_id = models.PositiveIntegerField(db_index=True)
    activity_id = models.PositiveIntegerField(unique=True)
    phase = models.CharField(max_length=10, choices=PulsePhase.choices)
    key = models.CharField(max_length=40)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["workshop_id", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["workshop_id", "phase", "key"], name="one_pulse_item_per_phase"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.workshop_id}: {self.phase} {self.key}"
