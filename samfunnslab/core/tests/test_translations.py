"""Nynorsk and English are real languages, not just a switch.

Two kinds of test:

* switching language with the header form (``POST /i18n/setlang/``) changes real interface text on
  the front page and on Norge 2040;
* the catalogues in ``locale/`` are complete: every msgid has a translation, nothing is fuzzy,
  and the placeholders are the same as in the bokmål source. A new string that nobody has
  translated makes this test fail – see docs/translations.md for how to fix it.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

LOCALE_DIR = Path(settings.BASE_DIR) / "locale"
LANGUAGES = ("nn", "en")
PLACEHOLDER = re.compile(r"%\([^)]*\)[-#0 +]*\d*(?:\.\d+)?[sdfir]|%%|\{[a-z_]+\}")


# --- the language switch --------------------------------------------------------------------------

# (bokmål, nynorsk, English) strings that appear on every page (skip link, header, footer).
HEADER = [
    ("Hopp til hovedinnholdet", "Hopp til hovudinnhaldet", "Skip to main content"),
    ("Verkstedet", "Verkstaden", "Workshop"),
    ("Modellene og laben", "Modellane og laben", "Models and the lab"),
    ("Om dataene og lisensene", "Om dataa og lisensane", "About the data and licences"),
]
# Strings specific to Norge 2040.
NORWAY_2040 = [
    ("Gå til Min kommune", "Gå til Min kommune", "Go to Min kommune"),
    ("Flere eldre", "Fleire eldre", "More older people"),
    ("Tegnforklaring", "Teiknforklaring", "Legend"),
    (
        "Vis alle kommunene som liste",
        "Vis alle kommunane som liste",
        "Show all municipalities as a list",
    ),
]
COLUMN = {"nb": 0, "nn": 1, "en": 2}


def _switch(client, language: str, next_url: str = "/") -> None:
    response = client.post(reverse("set_language"), {"language": language, "next": next_url})
    assert response.status_code == 302
    assert response["Location"] == next_url


def _page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def compiled_catalogues() -> None:
    missing = [
        lang for lang in LANGUAGES if not (LOCALE_DIR / lang / "LC_MESSAGES" / "django.mo").exists()
    ]
    if missing:
        pytest.fail(
            f"Compiled catalogues are missing for {missing}. Run `make messages` "
            "(or `manage.py compilemessages --ignore=.venv --ignore=node_modules`)."
        )


@pytest.mark.django_db
@pytest.mark.usefixtures("compiled_catalogues")
@pytest.mark.parametrize("language", ["nn", "en"])
def test_switching_language_translates_the_front_page(client, language):
    _switch(client, language)
    html = _page(client, reverse("core:home"))
    assert f'<html lang="{language}"' in html
    for row in HEADER:
        assert row[COLUMN[language]] in html, row
    # The bokmål originals are gone (compare whole links, "Verkstedet" is also part of other words).
    assert "Hopp til hovedinnholdet" not in html
    assert ">Verkstedet</a>" not in html


@pytest.mark.django_db
@pytest.mark.usefixtures("compiled_catalogues")
@pytest.mark.parametrize("language", ["nn", "en"])
def test_switching_language_translates_norge_2040(client, language):
    url = reverse("municipalities:norway_2040")
    assert url == "/norge-2040/"
    _switch(client, language, url)
    html = _page(client, url)
    assert f'<html lang="{language}"' in html
    for row in HEADER + NORWAY_2040:
        assert row[COLUMN[language]] in html, row
    for bokmal, nynorsk, english in NORWAY_2040:
        translated = nynorsk if language == "nn" else english
        if translated != bokmal:
            assert bokmal not in html, bokmal


@pytest.mark.django_db
def test_bokmal_is_the_default_and_can_be_chosen_again(client):
    html = _page(client, reverse("core:home"))
    assert '<html lang="nb"' in html and "Hopp til hovedinnholdet" in html
    _switch(client, "en")
    _switch(client, "nb")
    html = _page(client, reverse("core:home"))
    assert '<html lang="nb"' in html
    for row in HEADER:
        assert row[0] in html


# --- the catalogues are complete -----------------------------------------------------------------


@dataclass
class Entry:
    line: int
    flags: set[str] = field(default_factory=set)
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    obsolete: bool = False


def _unquote(text: str) -> str:
    return ast.literal_eval(text.strip())


def parse_po(path: Path) -> list[Entry]:
    """A small .po reader: enough for msgid/msgid_plural/msgstr[n], flags and obsolete entries."""
    entries: list[Entry] = []
    current: Entry | None = None
    target: tuple[str, int] | None = None
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line:
            current, target = None, None
            continue
        if line.startswith("#~"):
            if current is None:
                current = Entry(line=number, obsolete=True)
                entries.append(current)
            current.obsolete = True
            continue
        if current is None:
            current = Entry(line=number)
            entries.append(current)
        if line.startswith("#,"):
            current.flags.update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#"):
            continue
        elif line.startswith("msgctxt "):
            target = ("ctx", 0)
        elif line.startswith("msgid_plural "):
            current.msgid_plural = _unquote(line[len("msgid_plural ") :])
            target = ("plural", 0)
        elif line.startswith("msgid "):
            current.msgid = _unquote(line[len("msgid ") :])
            target = ("msgid", 0)
        elif line.startswith("msgstr["):
            index = int(line[len("msgstr[") : line.index("]")])
            current.msgstr[index] = _unquote(line[line.index("]") + 1 :])
            target = ("msgstr", index)
        elif line.startswith("msgstr "):
            current.msgstr[0] = _unquote(line[len("msgstr ") :])
            target = ("msgstr", 0)
        elif line.startswith('"') and target is not None:
            text = _unquote(line)
            kind, index = target
            if kind == "msgid":
                current.msgid += text
            elif kind == "plural":
                current.msgid_plural = (current.msgid_plural or "") + text
            elif kind == "msgstr":
                current.msgstr[index] += text
    return [entry for entry in entries if not entry.obsolete and (entry.msgid or entry.msgstr)]


def _catalogue(language: str) -> tuple[Entry, list[Entry]]:
    entries = parse_po(LOCALE_DIR / language / "LC_MESSAGES" / "django.po")
    header = next(entry for entry in entries if entry.msgid == "")
    return header, [entry for entry in entries if entry.msgid != ""]


def _where(language: str, entry: Entry) -> str:
    return f"locale/{language}/LC_MESSAGES/django.po:{entry.line} {entry.msgid[:60]!r}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_catalogue_header_is_well_formed(language):
    header, entries = _catalogue(language)
    text = header.msgstr[0]
    assert f"Language: {language}\n" in text
    assert "Content-Type: text/plain; charset=UTF-8\n" in text
    assert "Plural-Forms: nplurals=2; plural=(n != 1);\n" in text
    assert "fuzzy" not in header.flags
    assert len(entries) > 100


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_string_is_translated_and_nothing_is_fuzzy(language):
    _, entries = _catalogue(language)
    fuzzy = [_where(language, entry) for entry in entries if "fuzzy" in entry.flags]
    empty = []
    for entry in entries:
        forms = [0, 1] if entry.msgid_plural is not None else [0]
        if any(not entry.msgstr.get(index, "").strip() for index in forms):
            empty.append(_where(language, entry))
    assert not fuzzy, (
        "Fuzzy entries (check the translation, then remove '#, fuzzy'):\n" + "\n".join(fuzzy)
    )
    assert not empty, (
        "Untranslated entries – translate them (see docs/translations.md):\n" + "\n".join(empty)
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_the_placeholders(language):
    _, entries = _catalogue(language)
    wrong = []
    for entry in entries:
        if entry.msgid_plural is None:
            pairs = [(entry.msgid, entry.msgstr.get(0, ""))]
        else:
            # The singular form may leave out the number ("Én deltaker"), so compare the plural form.
            pairs = [(entry.msgid_plural, entry.msgstr.get(1, ""))]
        for source, translation in pairs:
            if sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(translation)):
                wrong.append(_where(language, entry))
    assert not wrong, "Placeholders differ from the bokmål source:\n" + "\n".join(wrong)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_same_msgids_are_in_both_catalogues(language):
    _, here = _catalogue(language)
    _, other = _catalogue("en" if language == "nn" else "nn")
    assert {entry.msgid for entry in here} == {entry.msgid for entry in other}
