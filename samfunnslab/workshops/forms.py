"""Forms for the facilitator's pages and the participant's optional self-description."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samfunnslab.accounts.models import Organisation
from samfunnslab.workshops.models import OPTION_KINDS, Activity, ActivityKind, Participant
from samfunnslab.workshops.services import ACTIVITY_EDITABLE_FIELDS


class StyledForm(forms.Form):
    """Give every text field Designsystemet's input style."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if not isinstance(field.widget, forms.CheckboxInput):
                field.widget.attrs.setdefault("class", "ds-input")


def municipality_names() -> list[tuple[str, str]]:
    """Return (code, name) of every municipality in the snapshot, by name."""
    from samfunnslab.core import statistics

    return sorted(
        ((m.code, m.name) for m in statistics.snapshot().municipalities), key=lambda m: m[1]
    )


class MunicipalityField(forms.CharField):
    """Pick a municipality by name («Haugesund (1106)») from a list; a bare number works too."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Kommune"))
        kwargs.setdefault(
            "help_text", _("Skriv navnet og velg fra listen, for eksempel Haugesund (1106).")
        )
        super().__init__(max_length=120, **kwargs)
        self.widget.attrs.update({"list": "municipality-names", "autocomplete": "off"})

    def prepare_value(self, value: Any) -> Any:
        """Show a bare code (an organisation's default, a stored workshop) as «Haugesund (1106)»."""
        code = str(value or "").strip()
        if re.fullmatch(r"\d{4}", code):
            name = dict(municipality_names()).get(code)
            if name:
                return f"{name} ({code})"
        return value

    def clean(self, value: Any) -> str:
        text = str(super().clean(value) or "").strip()
        found = re.search(r"\b(\d{4})\b", text)
        if found:
            return found.group(1)
        by_name = {name.casefold(): code for code, name in municipality_names()}
        code = by_name.get(text.casefold())
        if code is None:
            raise forms.ValidationError(_("Velg en kommune fra listen."))
        return code


class WorkshopForm(StyledForm):
    title = forms.CharField(label=_("Tittel"), max_length=200)
    organisation = forms.ModelChoiceField(
        label=_("Organisasjon"), queryset=Organisation.objects.none(), empty_label=None
    )
    municipality_code = MunicipalityField()
    session_label = forms.CharField(label=_("Økt (valgfritt)"), max_length=100, required=False)
    easy_language = forms.BooleanField(
        label=_("Vis lettleste tekster til deltakerne"), required=False
    )
    open_days = forms.IntegerField(
        label=_("Hold lenken åpen i antall dager (valgfritt)"),
        min_value=1,
        max_value=90,
        required=False,
        help_text=_("Folk kan svare i sitt eget tempo så lenge. Tomt betyr bare under samlingen."),
    )

    def __init__(self, *args: Any, organisations: list[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            pk__in=[o.pk for o in organisations]
        )
        if organisations and organisations[0].municipality_code:
            self.fields["municipality_code"].initial = organisations[0].municipality_code
        self.municipality_names = municipality_names()

    def open_until(self) -> Any:
        days = self.cleaned_data.get("open_days")
        return timezone.now() + timedelta(days=days) if days else None


class WorkshopEditForm(StyledForm):
    title = forms.CharField(label=_("Tittel"), max_length=200)
    municipality_code = MunicipalityField()
    session_label = forms.CharField(label=_("Økt (valgfritt)"), max_length=100, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.municipality_names = municipality_names()


class ActivityForm(StyledForm):
    kind = forms.ChoiceField(label=_("Type aktivitet"), choices=ActivityKind.choices)
    prompt = forms.CharField(label=_("Spørsmål eller oppgave"), max_length=300)
    prompt_easy = forms.CharField(
        label=_("Lettlest utgave (valgfritt)"), max_length=300, required=False
    )
    options = forms.CharField(
        label=_("Svaralternativer, ett per linje"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Brukes av flervalg, rangering og 100 poeng. For kartinnspill: kategoriene for "
            "nålene, for eksempel «hyggelig å gå» og «utrygt»."
        ),
    )
    statements = forms.CharField(
        label=_("Påstander å starte med, én per linje"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    themes = forms.CharField(
        label=_("Temaer, ett per linje (valgfritt)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    scale_max = forms.IntegerField(label=_("Skala fra 1 til"), min_value=2, max_value=10, initial=5)
    scale_low_label = forms.CharField(label=_("Tekst ved 1"), max_length=60, required=False)
    scale_high_label = forms.CharField(
        label=_("Tekst ved høyeste verdi"), max_length=60, required=False
    )
    moderated = forms.BooleanField(label=_("Godkjenn tekst før den vises"), required=False)
    results_hidden = forms.BooleanField(
        label=_("Skjul resultatene til å begynne med"),
        required=False,
        help_text=_(
            "Telefonene viser resultatene bare til dem som har svart, og først når du viser dem."
        ),
    )
    shuffle_options = forms.BooleanField(
        label=_("Bland rekkefølgen på svaralternativene for hver deltaker"),
        required=False,
        help_text=_(
            "Da får ikke alternativet som står først, en fordel. Rangering blandes alltid når "
            "den legges til; du kan slå det av under «Endre»."
        ),
    )

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        lines = {
            name: data.get(name, "").splitlines() for name in ("options", "statements", "themes")
        }
        return {
            "kind": data["kind"],
            "prompt": data["prompt"],
            "prompt_easy": data["prompt_easy"],
            "options": lines["options"],
            "statements": lines["statements"],
            "themes": lines["themes"],
            "scale_max": data["scale_max"],
            "scale_low_label": data["scale_low_label"],
            "scale_high_label": data["scale_high_label"],
            "moderated": True if data["moderated"] else None,
            "results_visible": not data["results_hidden"],
            "shuffle_options": True if data["shuffle_options"] else None,
        }


# What the edit form shows for each kind, besides the prompt; other settings are kept as they are.
EDITABLE_BY_KIND: dict[str, tuple[str, ...]] = {
    ActivityKind.WORDCLOUD: ("max_entries", "moderated"),
    ActivityKind.OPEN: ("themes", "moderated"),
    ActivityKind.CHOICE: ("options", "shuffle_options"),
    ActivityKind.SCALE: ("scale_max", "scale_low_label", "scale_high_label"),
    ActivityKind.RANKING: ("options", "shuffle_options"),
    ActivityKind.POINTS: ("options",),
    ActivityKind.STATEMENTS: ("allow_participant_items", "moderated"),
    ActivityKind.QA: ("moderated",),
    ActivityKind.IDEAS: ("moderated",),
    ActivityKind.MAP: ("options", "max_entries", "moderated"),
    ActivityKind.PHOTO: ("max_entries",),  # photos are always held for the facilitator
}
UPDATE_FIELDS = ACTIVITY_EDITABLE_FIELDS


class ActivityEditForm(ActivityForm):
    """Change an activity that was added: the fields its kind uses, filled in. The kind stays."""

    field_order = UPDATE_FIELDS

    max_entries = forms.IntegerField(
        label=_("Antall svar hver deltaker kan sende"), min_value=1, max_value=10
    )
    allow_participant_items = forms.BooleanField(
        label=_("Deltakerne kan legge til egne påstander"), required=False
    )

    def __init__(self, *args: Any, activity: Activity, answered: bool, **kwargs: Any) -> None:
        initial = {name: getattr(activity, name) for name in UPDATE_FIELDS}
        initial.update(options="\n".join(activity.options), themes="\n".join(activity.themes))
        super().__init__(*args, initial=initial, **kwargs)
        self.activity = activity
        shown = ("prompt", "prompt_easy", *EDITABLE_BY_KIND[activity.kind])
        for name in [name for name in self.fields if name not in shown]:
            del self.fields[name]
        if answered and activity.kind in OPTION_KINDS:
            self.fields["options"].help_text = _(
                "Noen har alt svart. Du kan rette ordlyden, men behold antallet og rekkefølgen: "
                "svarene viser til plassen til hvert svaralternativ."
            )
        if answered and activity.kind == ActivityKind.SCALE:
            self.fields["scale_max"].disabled = True
            self.fields["scale_max"].help_text = _(
                "Noen har alt svart, så skalaen kan ikke endres. Tekstene kan du rette."
            )

    def service_kwargs(self) -> dict[str, Any]:
        """Return `activity_update`'s arguments: what was filled in, the rest as it is."""
        data = {name: getattr(self.activity, name) for name in UPDATE_FIELDS}
        data.update((name, self.cleaned_data[name]) for name in self.fields)
        for name in ("options", "themes"):
            if name in self.fields:
                data[name] = self.cleaned_data[name].splitlines()
        return data


class MapPlacesForm(StyledForm):
    """The places of a map activity, one per line: «Navn; breddegrad; lengdegrad»."""

    places = forms.CharField(
        label=_("Steder deltakerne kan søke opp"),
        required=False,
        max_length=6000,
        widget=forms.Textarea(attrs={"rows": 8, "data-place-lines": ""}),
        help_text=_(
            "Ett sted per linje: navn; breddegrad; lengdegrad, for eksempel "
            "«Torget; 59.4136; 5.2680». Klikk på kartet for å finne koordinatene."
        ),
    )


class JoinForm(StyledForm):
    code = forms.CharField(
        label=_("Koden som står på skjermen"),
        max_length=16,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
                "inputmode": "text",
            }
        ),
    )


class DescriptionForm(forms.ModelForm):
    """Optional: every field may be skipped; nothing here can identify a person."""

    class Meta:
        model = Participant
        fields = ("age_band", "role", "lives_here", "new_in_norway", "parent_small_child")
        labels = {
            "age_band": _("Hvor gammel er du?"),
            "role": _("Hvem er du her som?"),
            "lives_here": _("Bor du i kommunen?"),
            "new_in_norway": _("Har du bodd i Norge i mindre enn fem år?"),
            "parent_small_child": _("Har du barn under seks år?"),
        }
        widgets = {field: forms.RadioSelect for field in fields}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False
            field.choices = [c for c in field.choices if c[0]]  # type: ignore[attr-defined]


class ImportForm(StyledForm):
    """Upload a table (CSV or XLSX) to add its rows to a workshop."""

    file = forms.FileField(
        label=_("Fil med svar (CSV eller Excel)"),
        help_text=_(
            "Kolonner: spørsmål/tekst, type, svar/kommentar, tema, undertema, aktivitet, tid. "
            "En fil eksportert fra et annet verksted kan leses inn slik den er."
        ),
        error_messages={"required": _("Velg en fil å lese inn.")},
    )
