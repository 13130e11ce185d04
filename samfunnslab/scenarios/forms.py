"""Forms with plain Norwegian validation messages: local workforce figures and group sessions."""

from __future__ import annotations

from typing import Any

from django import forms

from projection import ALTERNATIVES
from samfunnslab.scenarios import engine

USER_FIELDS = ("users_0_66", "users_67_79", "users_80")


class LocalFiguresForm(forms.Form):
    """The municipality's own figures; blank fields keep the national figure."""

    users_0_66 = forms.IntegerField(
        label="Brukere av omsorgstjenester 0–66 år",
        required=False,
        min_value=0,
        max_value=500_000,
    )
    users_67_79 = forms.IntegerField(
        label="Brukere 67–79 år", required=False, min_value=0, max_value=500_000
    )
    users_80 = forms.IntegerField(
        label="Brukere 80 år og eldre", required=False, min_value=0, max_value=500_000
    )
    care_fte = forms.FloatField(
        label="Årsverk i omsorgstjenestene (i dag)",
        required=False,
        min_value=0.0,
        max_value=200_000,
    )
    fte_per_employed = forms.FloatField(
        label="Gjennomsnittlig årsverk per sysselsatt (for eksempel 0,85)",
        required=False,
        min_value=0.3,
        max_value=1.2,
        localize=True,
    )
    note = forms.CharField(label="Kilde eller merknad", required=False, max_length=300)

    def clean(self) -> dict[str, Any]:
        """Require all three user groups or none, and at least one figure."""
        data = super().clean() or {}
        given = [data.get(f) is not None for f in USER_FIELDS]
        if any(given) and not all(given):
            raise forms.ValidationError(
                "Fyll inn brukere for alle tre aldersgruppene, eller la alle tre stå tomme."
            )
        if not any(data.get(f) is not None for f in (*USER_FIELDS, "care_fte", "fte_per_employed")):
            raise forms.ValidationError("Fyll inn minst ett tall.")
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

    title = forms.CharField(label="Tittel", max_length=200, initial="Kommunestyret 2040")
    kommune = forms.CharField(label="Kommunenummer", max_length=4, min_length=4)
    alternativ = forms.ChoiceField(
        label="Alternativ",
        choices=[(c, f"{c} – {ALTERNATIVES[c]}") for c in engine.SHOWN_ALTERNATIVES],
        initial=engine.DEFAULT_ALTERNATIVE,
    )

    def clean_kommune(self) -> str:
        """Accept only municipalities the engine projects."""
        code = self.cleaned_data["kommune"].strip()
        if not engine.is_known(code):
            raise forms.ValidationError(f"Vi finner ingen kommune med nummeret «{code}».")
        return code
