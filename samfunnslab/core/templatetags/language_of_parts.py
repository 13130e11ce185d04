"""`{{ text|in_lang:lang }}`: mark a written text's language inside a page in another (WCAG 3.1.2)."""

from __future__ import annotations

from django import template

from samfunnslab.core import lang

register = template.Library()
register.filter("in_lang", lang.in_lang)
