"""Language of parts (WCAG 3.1.2): mark a text written in another language than the page's.

Texts the facilitator, a method guide or a model's makers wrote are in bokmål or nynorsk whatever
language the interface speaks. `other_lang` says whether such a text needs a `lang` of its own on
the current page; `in_lang` wraps it. Every app marks its written texts through these two.
"""

from __future__ import annotations

from django.utils import translation
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString


def other_lang(written: str, page: str | None = None) -> str:
    """Return `written` ("nb", "nn") when the page speaks another language, else "".

    The page's language is the active one unless `page` names it (a report built for a reader).
    """
    active = page if page is not None else translation.get_language() or "nb"
    return "" if active.startswith(written) else written


def in_lang(text: str, lang: str) -> SafeString:
    """Return the text escaped, inside `<span lang="…">` when `lang` is given (not when "")."""
    if not text or not lang:
        return conditional_escape(text)
    return format_html('<span lang="{}">{}</span>', lang, text)
