"""What the portfolio's forms post, read for the services (`core.forms`); the services check the
text and numbers with their own plain messages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from samfunnslab.core.forms import PostedForm, PostedList, organisation_field, posted_text

UNKNOWN_NODE = _("Velg et element i porteføljen som finnes. Last inn siden på nytt.")


def node_field() -> forms.ModelChoiceField:
    """A place in the portfolio tree (optional), among the nodes the person may see."""
    return forms.ModelChoiceField(
        queryset=None, required=False, error_messages={"invalid_choice": UNKNOWN_NODE}
    )


class NodeForm(PostedForm):
    organisation = organisation_field()
    parent = node_field()
    level = posted_text()
    title = posted_text()
    description = posted_text()
    owner = posted_text()
    horizon = posted_text()


class InitiativeForm(PostedForm):
    organisation = organisation_field()
    functions = PostedList()
    title = posted_text()
    municipality_code = posted_text()
    place = posted_text()
    description = posted_text()
    actors = posted_text()
    kommune_version = posted_text()
    tags = posted_text()
    links = posted_text()
    sources = posted_text()
    horizon = posted_text()


class InitiativeLinkForm(PostedForm):
    model = forms.ModelChoiceField(
        queryset=None,
        error_messages={
            "required": _("Velg en modell du kan redigere."),
            "invalid_choice": _("Velg en modell du kan redigere."),
        },
    )


class ImportForm(PostedForm):
    organisation = organisation_field()
    text = posted_text()


class PilotFromFindingForm(PostedForm):
    node = node_field()
    title = posted_text()
    hypothesis = posted_text()
    metrics = posted_text()
    duration_months = posted_text()
    owner = posted_text()
    horizon = posted_text()


class PilotForm(PilotFromFindingForm):
    organisation = organisation_field()
    legal_basis = posted_text()
    forsok_letter = posted_text()


class PilotPlaceForm(PostedForm):
    node = node_field()
    horizon = posted_text()
    status = posted_text()


class MilestoneForm(PostedForm):
    organisation = organisation_field()
    pilot = forms.ModelChoiceField(
        queryset=None,
        required=False,
        error_messages={"invalid_choice": _("Velg en pilot som finnes. Last inn siden på nytt.")},
    )
    year = posted_text()
    condition = posted_text()
    actions = posted_text()
    owner = posted_text()
