"""Forms with plain Norwegian validation messages: local workforce figures and group sessions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from projection import ALTERNATIVES
from samfunnslab.scenarios import engine

USER_FIELDS = ("users_0_66", "users_67_79", "users_80")
NUMBER_FIELDS = (*USER_FIELDS, "care_fte", "fte_per_employed")


def _without_spaces(value: Any) -> Any:
    """Let people write «1 200» (space or non-breaking space as thousands separator)."""
    if isinstance(value, str):
        return "".join(value.split()).replace("\u202f", "")
    return value


class WholeNumberField(forms.IntegerField):
    """An integer field that accepts «1 200»."""

    def to_python(self, value: Any) -> int | None:
        return super().to_python(_without_spaces(value))


class NumberField(forms.FloatField):
    """A decimal field that accepts «1 200,5» and «0,85»."""

    def to_python(self, value: Any) -> float | None:
        return super().to_python(_without_spaces(value))


class LocalFiguresForm(forms.Form):
    """The municipality's own figures; blank fields keep the national figure."""

    users_0_66 = WholeNumberField(
        label=_("Brukere av omsorgstjenester 0–66 år"),
        required=False,
        min_value=0,
        max_value=500_000,
    )
    users_67_79 = WholeNumberField(
        label=_("Brukere 67–79 år"), required=False, min_value=0, max_value=500_000
    )
    users_80 = WholeNumberField(
        label=_("Brukere 80 år og eldre"), required=False, min_value=0, max_value=500_000
    )
    care_fte = NumberField(
        label=_("Årsverk i omsorgstjenestene (i dag)"),
        required=False,
        min_value=0.0,
        max_value=200_000,
        localize=True,
    )
    fte_per_employed = NumberField(
        label=_("Gjennomsnittlig årsverk per sysselsatt (for eksempel 0,85)"),
        required=False,
        min_value=0.3,
        max_value=1.2,
        localize=True,
    )
    note = forms.CharField(label=_("Kilde eller merknad"), required=False, max_length=300)

    def clean(self) -> dict[str, Any]:
        """Require all three user groups or none, and at least one figure."""
        data = super().clean() or {}
        if any(name in self.errors for name in NUMBER_FIELDS):
            return data  # the field's own message ("Oppgi et tall") says what is wrong
        given = [data.get(f) is not None for f in USER_FIELDS]
        if any(given) and not all(given):
            raise forms.ValidationError(
                _("Fyll inn brukere for alle tre aldersgruppene, eller la alle tre stå tomme.")
            )
        if not any(data.get(f) is not None for f in NUMBER_FIELDS):
            raise forms.ValidationError(_("Fyll inn minst ett tall."))
        return data

    def service_arguments(self) -> dict[str, Any]:
        """Return the keyword arguments for services.local_figures_record."""
        data = self.cleaned_data
        return {
            "users": tuple(data.get(f) for f in USER_FIELDS),
            "care_fte": data.get("care_fte"),
            "fte_per_employed": data.get("fte_per_employed"),
            "note": data.get("note", ""),
        }


class GroupSessionForm(forms.Form):
    """Open a group session for a municipality."""

    title = forms.CharField(label=_("Tittel"), max_length=200, initial="Kommunestyret 2040")
    kommune = forms.CharField(label=_("Kommunenummer"), max_length=4, min_length=4)
    alternativ = forms.ChoiceField(
        label=_("Alternativ"),
        choices=[
            (c, format_lazy("{} – {}", c, _(ALTERNATIVES[c]))) for c in engine.SHOWN_ALTERNATIVES
        ],
        initial=engine.DEFAULT_ALTERNATIVE,
    )

    def clean_kommune(self) -> str:
        """Accept only municipalities the engine projects."""
        code = self.cleaned_data["kommune"].strip()
        if not engine.is_known(code):
            raise forms.ValidationError(
                _("Vi finner ingen kommune med nummeret «%(code)s».") % {"code": code}
            )
        return code
