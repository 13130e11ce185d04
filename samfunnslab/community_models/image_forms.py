"""The picture upload form of the community models (builder): file, description, caption, origin."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from samfunnslab.community_models.sources import WorkshopRef

ACCEPT = "image/jpeg,image/png,image/webp,image/gif"


class ImageForm(forms.Form):
    """Upload one picture with its description; optionally name the workshop it came from."""

    file = forms.FileField(
        label=_("Bilde (JPEG, PNG, WebP eller GIF, høyst 10 MB)"),
        error_messages={"required": _("Velg et bilde å laste opp.")},
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )
    alt_text = forms.CharField(
        label=_("Hva viser bildet?"),
        help_text=_(
            "Én setning for dem som ikke ser bildet, for eksempel: «Plakat fra 2060: "
            "Bygdekafeen er også legekontor.»"
        ),
        max_length=300,
        error_messages={
            "required": _(
                "Skriv hva bildet viser, slik at de som ikke ser det også får det med seg."
            )
        },
    )
    caption = forms.CharField(label=_("Bildetekst (valgfritt)"), max_length=300, required=False)
    workshop = forms.TypedChoiceField(
        label=_("Fra verkstedet (valgfritt)"), coerce=int, required=False, empty_value=None
    )

    def __init__(self, *args: Any, workshops: list[WorkshopRef], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.workshops = {w.id: w for w in workshops}
        self.fields["workshop"].choices = [("", _("Ikke fra et verksted"))] + [  # type: ignore[attr-defined]
            (w.id, w.title) for w in workshops
        ]
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "ds-input")

    def add_error(self, field: str | None, error: Any) -> None:
        """Tie each field's error message to its input (read out when the field gets focus)."""
        super().add_error(field, error)
        for name in self._errors or {}:
            if name in self.fields:
                described = [f"id_{name}-error"]
                if self.fields[name].help_text:
                    described.insert(0, f"id_{name}_helptext")
                self.fields[name].widget.attrs["aria-describedby"] = " ".join(described)
                self.fields[name].widget.attrs["aria-invalid"] = "true"

    def workshop_ref(self) -> WorkshopRef | None:
        """Return the chosen workshop (one of the user's), or None."""
        chosen = self.cleaned_data.get("workshop")
        return self.workshops.get(chosen) if chosen is not None else None
