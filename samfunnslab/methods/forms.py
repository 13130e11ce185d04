"""Forms that parse the library filters and process edits, with plain Norwegian error messages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from samfunnslab.methods.models import Audience, Phase
from samfunnslab.methods.selectors import StepFilter
from samfunnslab.methods.services import (
    MAX_ITEM_MINUTES,
    MAX_MEETINGS,
    MAX_TARGET_MINUTES,
    MAX_TEXT,
)


class StyledForm(forms.Form):
    """A form whose inputs use the design system's classes."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        for field in self.fields.values():
            if not isinstance(field.widget, forms.CheckboxInput):
                field.widget.attrs.setdefault("class", "ds-input")


NUMBER_ERRORS = {
    "invalid": _("Skriv et helt tall."),
    "min_value": _("Tallet er for lite."),
    "max_value": _("Tallet er for stort."),
}


class StepFilterForm(StyledForm):
    q = forms.CharField(label=_("Søk i navn og formål"), required=False, max_length=200)
    phase = forms.ChoiceField(
        label=_("Fase"), required=False, choices=[("", _("Alle faser")), *Phase.choices]
    )
    minutes = forms.IntegerField(
        label=_("Tid vi har (minutter)"),
        required=False,
        min_value=1,
        max_value=2000,
        error_messages=NUMBER_ERRORS,
    )
    participants = forms.IntegerField(
        label=_("Antall deltakere"),
        required=False,
        min_value=1,
        max_value=100_000,
        error_messages=NUMBER_ERRORS,
    )
    audience = forms.ChoiceField(
        label=_("Hvem deltar"), required=False, choices=[("", _("Alle")), *Audience.choices]
    )

    def criteria(self) -> StepFilter:
        """Return the valid filters (empty when the form is invalid)."""
        if not self.is_valid():
            return StepFilter()
        data = self.cleaned_data
        return StepFilter(
            query=data["q"],
            phase=data["phase"],
            minutes=data["minutes"],
            participants=data["participants"],
            audience=data["audience"],
        )


class ProcessSettingsForm(StyledForm):
    name = forms.CharField(
        label=_("Navn"),
        max_length=200,
        error_messages={
            "required": _("Skriv inn et navn."),
            "max_length": _("Navnet er for langt."),
        },
    )
    summary = forms.CharField(
        label=_("Formål"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=MAX_TEXT,
        error_messages={"max_length": _("Teksten er for lang.")},
    )
    target_minutes = forms.IntegerField(
        label=_("Varighet per møte (minutter)"),
        min_value=1,
        max_value=MAX_TARGET_MINUTES,
        error_messages=NUMBER_ERRORS,
    )
    start_time = forms.TimeField(
        label=_("Starttid (tt:mm)"),
        error_messages={"invalid": _("Skriv klokkeslett som tt:mm, for eksempel 18:00.")},
    )
    easy_language = forms.BooleanField(label=_("Lettlest og barnevennlig"), required=False)


class ItemAddForm(StyledForm):
    step = forms.CharField(required=False, max_length=80)
    title = forms.CharField(
        label=_("Eget punkt (for eksempel pause)"),
        required=False,
        max_length=200,
        error_messages={"max_length": _("Tittelen er for lang.")},
    )
    minutes = forms.IntegerField(
        label=_("Minutter"),
        required=False,
        min_value=1,
        max_value=MAX_ITEM_MINUTES,
        error_messages=NUMBER_ERRORS,
    )
    meeting = forms.IntegerField(
        label=_("Møte"),
        required=False,
        min_value=1,
        max_value=MAX_MEETINGS,
        error_messages=NUMBER_ERRORS,
    )


class ItemUpdateForm(StyledForm):
    minutes = forms.IntegerField(
        label=_("Minutter"),
        min_value=1,
        max_value=MAX_ITEM_MINUTES,
        error_messages={**NUMBER_ERRORS, "required": _("Skriv inn minutter.")},
    )
    meeting = forms.IntegerField(
        label=_("Møte"),
        required=False,
        min_value=1,
        max_value=MAX_MEETINGS,
        error_messages=NUMBER_ERRORS,
    )


class EvaluationForm(StyledForm):
    worked = forms.CharField(
        label=_("Hva fungerte?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=MAX_TEXT,
        error_messages={
            "required": _("Fyll ut «Hva fungerte?»."),
            "max_length": _("Teksten er for lang."),
        },
    )
    change = forms.CharField(
        label=_("Hva bør endres?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=MAX_TEXT,
        error_messages={
            "required": _("Fyll ut «Hva bør endres?»."),
            "max_length": _("Teksten er for lang."),
        },
    )
    held_on = forms.DateField(
        label=_("Dato for verkstedet (dd.mm.åååå)"),
        required=False,
        input_formats=["%d.%m.%Y", "%Y-%m-%d"],
        error_messages={"invalid": _("Skriv datoen som dd.mm.åååå.")},
    )
    participants = forms.IntegerField(
        label=_("Antall deltakere"),
        required=False,
        min_value=0,
        max_value=100_000,
        error_messages=NUMBER_ERRORS,
    )


class NewProcessForm(StyledForm):
    name = forms.CharField(
        label=_("Navn på prosessen"),
        max_length=200,
        error_messages={
            "required": _("Skriv inn et navn."),
            "max_length": _("Navnet er for langt."),
        },
    )
    organisation = forms.IntegerField(required=False)
    target_minutes = forms.IntegerField(
        label=_("Varighet per møte (minutter)"),
        min_value=1,
        max_value=MAX_TARGET_MINUTES,
        initial=180,
        error_messages=NUMBER_ERRORS,
    )
