"""What the community-model forms post, read for the services (`core.forms`).

Ids become the model's elements, the user's workshops and organisations; text stays as typed, for
the services check it with their own plain messages.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samfunnslab.community_models.models import (
    ELEMENT_DETAIL_FIELDS,
    AssumptionStatus,
    ElementKind,
    FunctionKey,
)
from samfunnslab.community_models.parameters import PARAMETERS
from samfunnslab.community_models.services import Provenance
from samfunnslab.core.forms import PickedField, PostedForm, organisation_field, posted_text

UNKNOWN_ELEMENT = gettext_lazy("Fant ikke den delen av modellen. Last inn siden på nytt.")


def element_field() -> forms.ModelChoiceField:
    """One of the model's elements (optional; the service says which ones it needs)."""
    return forms.ModelChoiceField(
        queryset=None, required=False, error_messages={"invalid_choice": UNKNOWN_ELEMENT}
    )


class _TextFields(PostedForm):
    """Adds a text field for each name in `text_fields` (lists kept in one place elsewhere)."""

    text_fields: tuple[str, ...] = ()

    def __init__(self, data: Any, **choices: Any) -> None:
        super().__init__(data, **choices)
        for name in self.text_fields:
            self.fields[name] = posted_text()


# The description fields of a model, as the model form posts them.
MODEL_FIELDS = (
    "name",
    "pitch",
    "municipality_code",
    "horizon_year",
    "archetype",
    "story",
    "day_in_the_life",
    "headlines",
)


class DescriptionForm(_TextFields):
    """A model's description and where it came from (one of the user's workshops, a step)."""

    text_fields = MODEL_FIELDS
    source_workshop = PickedField(
        message=gettext_lazy("Velg et av verkstedene dine, eller ingen."), key="id"
    )
    source_step = posted_text()

    def cleaned_or_refuse(self) -> dict[str, Any]:
        data = dict(super().cleaned_or_refuse())
        data["provenance"] = Provenance(data.pop("source_workshop"), data.pop("source_step"))
        return data


class NewModelForm(DescriptionForm):
    organisation = organisation_field()


class ModelEditForm(DescriptionForm):
    shared = forms.BooleanField(required=False)


class ForkForm(PostedForm):
    organisation = organisation_field()
    name = posted_text()


class VersionForm(PostedForm):
    note = posted_text()


class PullForm(PostedForm):
    """A workshop contribution pulled into the model as an element, value, assumption or link."""

    contribution = forms.IntegerField(
        error_messages={
            "required": gettext_lazy("Velg et innspill."),
            "invalid": gettext_lazy("Fant ikke innspillet. Det kan ha blitt fjernet av moderator."),
        }
    )
    as_kind = posted_text()
    label = posted_text()
    sector = posted_text()
    status = posted_text()
    source = element_field()
    target = element_field()
    polarity = posted_text()

    def clean_status(self) -> str:
        """A form without the status field pulls an assumption as flipped."""
        return (
            str(self.cleaned_data["status"]) if "status" in self.data else AssumptionStatus.FLIPPED
        )


class ElementForm(_TextFields):
    """An element's name, owner and kind-specific fields (for adding and for editing)."""

    text_fields = ELEMENT_DETAIL_FIELDS
    label = posted_text()
    owner = element_field()


class ElementAddForm(ElementForm):
    function_key = posted_text()

    def label_for(self, kind: str) -> str:
        """The typed name, or for a function left unnamed, the name of the chosen function."""
        label = str(self.cleaned_data["label"]).strip()
        key = self.cleaned_data["function_key"]
        if kind == ElementKind.FUNCTION and not label and key in FunctionKey.values:
            return str(FunctionKey(key).label)
        return label


class RoleForm(PostedForm):
    actor = element_field()
    function = element_field()
    kind = posted_text()
    share_of_effort = posted_text()
    note = posted_text()

    def clean_share_of_effort(self) -> float | None:
        """A percentage (comma or point) as a share 0–1, or None when left empty."""
        share = str(self.cleaned_data["share_of_effort"]).strip().replace(",", ".")
        try:
            return float(share) / 100 if share else None
        except ValueError:
            raise forms.ValidationError(
                _("Andelen av innsatsen må være et tall mellom 0 og 100.")
            ) from None


class RelationForm(PostedForm):
    source = element_field()
    target = element_field()
    kind = posted_text()
    polarity = posted_text()
    delay = forms.BooleanField(required=False)
    note = posted_text()


class ValueForm(PostedForm):
    label = posted_text()
    description = posted_text()


class AssumptionForm(PostedForm):
    text = posted_text()
    status = posted_text()
    instead = posted_text()


class LensForm(PostedForm):
    kommune_version = posted_text()
    co_creation_type = posted_text()


class ParametersForm(_TextFields):
    text_fields = tuple(spec.key for spec in PARAMETERS)


def for_model(form_class: type[PostedForm], data: Any, model: Any) -> PostedForm:
    """The form with every element field choosing among this model's elements."""
    elements = {
        name: model.elements.all()
        for name, field in form_class.base_fields.items()
        if isinstance(field, forms.ModelChoiceField)
    }
    return form_class(data, **elements)
