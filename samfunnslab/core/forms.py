"""Forms that read a POST for a service: the one way views parse what was sent.

A `PostedForm` turns ids into the objects the person may use, dates into dates and repeated
parameters into lists. Text stays as typed (`posted_text`): the service cleans it with its own
plain messages (`core.cleaning`). `cleaned_or_refuse()` returns the values or raises `Refusal` with
one translated message per problem, so the view's one `except Refusal` shows both alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from samfunnslab.core.errors import Refusal


class PostedForm(forms.Form):
    """A form that only reads a POST for a service (templates keep their own inputs).

    Keyword arguments name the choices of a field: a queryset for a `ModelChoiceField`, a list of
    objects for a `PickedField` (e.g. `organisation=editable_organisations(user)`).
    """

    def __init__(self, data: Any, **choices: Any) -> None:
        super().__init__(data)
        for name, objects in choices.items():
            field = self.fields[name]
            if isinstance(field, forms.ModelChoiceField):
                field.queryset = objects
            else:
                field.objects = objects  # type: ignore[attr-defined]

    def cleaned_or_refuse(self) -> dict[str, Any]:
        """Return the cleaned values, or refuse with every problem in plain words."""
        if not self.is_valid():
            raise Refusal([str(message) for errors in self.errors.values() for message in errors])
        return self.cleaned_data


def posted_text() -> forms.CharField:
    """A text field left as typed (missing reads as ""): the service checks and refuses it."""
    return forms.CharField(required=False, strip=False)


class PickedField(forms.Field):
    """One of the given objects, by its id (`key`). Left out, it is None, or the first with
    `first_when_empty`: the page shows that choice only when there are two or more (e.g. the
    organisations a person edits in)."""

    def __init__(
        self, *, message: str, first_when_empty: bool = False, key: str = "pk", **kwargs: Any
    ) -> None:
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.objects: Sequence[Any] = ()
        self.message = message
        self.first_when_empty = first_when_empty
        self.key = key

    def clean(self, value: Any) -> Any:
        raw = str(value or "").strip()
        if not raw:
            return self.objects[0] if self.objects and self.first_when_empty else None
        found = next((o for o in self.objects if str(getattr(o, self.key)) == raw), None)
        if found is None:
            raise forms.ValidationError(self.message, code="invalid_choice")
        return found


def organisation_field() -> PickedField:
    """The organisation a person creates something in (one of those they edit in)."""
    return PickedField(
        message=_("Velg en av organisasjonene du kan redigere i."), first_when_empty=True
    )


def date_field(*, required: bool = False) -> forms.DateField:
    """A date written as yyyy-mm-dd (the date input's format), with a plain message."""
    return forms.DateField(
        required=required,
        input_formats=["%Y-%m-%d"],
        error_messages={
            "invalid": _("Skriv datoen som åååå-mm-dd."),
            "required": _("Skriv en dato."),
        },
    )


class PostedList(forms.Field):
    """A repeated parameter (checkboxes with one name), as the texts sent; the service checks them."""

    widget = forms.MultipleHiddenInput

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> list[str]:
        return [str(item) for item in value or []]
