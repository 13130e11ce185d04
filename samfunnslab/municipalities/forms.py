"""Forms of the municipality pages (parsing of query parameters)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from samfunnslab.municipalities.futures import OLDEST_BIRTH_YEAR, STORY_YEAR


class BirthYearForm(forms.Form):
    """«Du i 2040»: a birth year from which the story tells your age and your age group."""

    fodt = forms.IntegerField(
        label=_("Fødselsåret ditt"),
        min_value=OLDEST_BIRTH_YEAR,
        max_value=STORY_YEAR,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "class": "ds-input"}),
    )
