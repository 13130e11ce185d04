"""What the lab's forms post, read for the services (`core.forms`); the services check the text."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from samfunnslab.core.forms import PostedForm, date_field, organisation_field, posted_text

CHOOSE_MODEL = _("Velg en lokalsamfunnsmodell.")


class ExerciseForm(PostedForm):
    organisation = organisation_field()
    model = forms.ModelChoiceField(
        queryset=None,
        error_messages={"required": CHOOSE_MODEL, "invalid_choice": CHOOSE_MODEL},
    )
    title = posted_text()
    conditions = forms.ModelMultipleChoiceField(
        queryset=None,
        required=False,
        error_messages={
            "invalid_choice": _("En av rammebetingelsene finnes ikke. Last inn siden på nytt."),
            "invalid_pk_value": _("En av rammebetingelsene finnes ikke. Last inn siden på nytt."),
        },
    )


class ConditionForm(PostedForm):
    organisation = organisation_field()
    title = posted_text()
    summary = posted_text()
    reference = posted_text()
    level = posted_text()
    type = posted_text()
    source_kind = posted_text()
    link = posted_text()


class ConditionCheckForm(PostedForm):
    checked_by_name = posted_text()
    checked_on = date_field()


class FindingForm(PostedForm):
    condition = forms.ModelChoiceField(
        queryset=None,
        required=False,
        error_messages={"invalid_choice": _("Velg en rammebetingelse som er med i øvelsen.")},
    )
    ref = posted_text()
    finding_type = posted_text()
    mechanism = posted_text()
    room = posted_text()
    forsok_letter = posted_text()
    description = posted_text()
    evidence = posted_text()
    proposed_action = posted_text()


class RatingForm(PostedForm):
    rater_name = posted_text()
    severity = posted_text()
    certainty = posted_text()
    note = posted_text()


class StatusForm(PostedForm):
    status = posted_text()
    note = posted_text()
