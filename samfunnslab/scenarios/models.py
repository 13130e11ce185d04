"""What people create in Scenariofabrikken: local workforce figures and group sessions."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from samfunnslab.accounts.models import Organisation


class LocalWorkforceFigures(models.Model):
    """A municipality's own care and labour figures, entered by a facilitator (history kept).

    Blank fields keep the national default. Rows are never edited: a new entry is a new row, and
    the latest row per organisation and municipality is the one in use.
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE)
    municipality_code = models.CharField(_("kommunenummer"), max_length=4, db_index=True)
    users_0_66 = models.PositiveIntegerField(_("brukere 0–66 år"), null=True, blank=True)
    users_67_79 = models.PositiveIntegerField(_("brukere 67–79 år"), null=True, blank=True)
    users_80 = models.PositiveIntegerField(_("brukere 80 år og eldre"), null=True, blank=True)
    care_fte = models.FloatField(_("årsverk i omsorgstjenestene"), null=True, blank=True)
    fte_per_employed = models.FloatField(_("årsverk per sysselsatt"), null=True, blank=True)
    note = models.CharField(_("kilde eller merknad"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("kommunens egne tall for arbeidskraft")
        verbose_name_plural = _("kommunens egne tall for arbeidskraft")

    def __str__(self) -> str:
        return f"{self.municipality_code} ({self.organisation}, {self.created_at:%Y-%m-%d})"


class GroupSession(models.Model):
    """A live group session: participants take a stand on the statements by a short code."""

    code = models.CharField(_("kode"), max_length=8, unique=True)
    title = models.CharField(_("tittel"), max_length=200)
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE)
    municipality_code = models.CharField(_("kommunenummer"), max_length=4)
    alternative = models.CharField(_("alternativ"), max_length=4, default="MMMM")
    is_open = models.BooleanField(_("åpen for svar"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("gruppeøkt")
        verbose_name_plural = _("gruppeøkter")

    def __str__(self) -> str:
        return f"{self.title} ({self.code})"


class GroupResponse(models.Model):
    """One anonymous participant's answers in a group session (one row per participant)."""

    session = models.ForeignKey(GroupSession, on_delete=models.CASCADE, related_name="responses")
    participant = models.CharField(max_length=40)
    answers = models.JSONField(default=dict)
    paths = models.JSONField(default=list)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["session", "participant"], name="scenarios_one_response_per_participant"
            )
        ]

    def __str__(self) -> str:
        return f"{self.session.code}: {len(self.answers)} svar"
