"""Suggest whether an open contribution is a question, an input or a suggestion, from plain cues."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from textsort.cleaning import clean, words
from textsort.stopwords import word_set


class Kind(StrEnum):
    """The three kinds of open contribution, named as facilitators write them."""

    QUESTION = "spørsmål"
    INPUT = "innspill"
    SUGGESTION = "forslag"


@dataclass(frozen=True)
class KindSuggestion:
    """A suggested kind, how sure we are (0–1) and the cues that decided it."""

    kind: Kind
    confidence: float
    cues: tuple[str, ...]


INTERROGATIVES = word_set(
    "hva hvordan hvorfor hvem hvor hvilke hvilken hvilket når kva korleis kvifor kven kor kvar kvi"
)
# Verbs that open a yes/no question when a subject follows ("Kan vi …", "Er det …", "Vil KS …").
QUESTION_VERBS = word_set(
    "kan er blir skal vil har finnes finst bør må gjør får kommer trenger ønsker skjer "
    "var ble hadde kunne skulle ville burde gjelder betyr tenker planlegger vurderer"
)
SUBJECTS = word_set(
    "vi dere du de det man ks kommunen kommunene leverandøren leverandørene prosjektet "
    "me dykk dei ein eg jeg den dette folk innbyggerne"
)
SUGGESTION_WORDS = word_set(
    "bør burde må foreslår foreslå forslag føreslår framlegg anbefaler anbefale ønsker "
    "ønskjer trenger treng savner"
)
SUGGESTION_PHRASES = (
    "vi kan",
    "me kan",
    "man kan",
    "en kan",
    "ein kan",
    "dere kan",
    "kommunen kan",
    "ks kan",
    "la oss",
    "lat oss",
    "hadde vært",
    "hadde vore",
    "kunne man",
    "det hadde",
    "vi skulle",
)
# Questions in form, suggestions in content: "Hva om biblioteket var åpent om natta?"
PROPOSING_QUESTIONS = (
    "hva om",
    "kva om",
    "hvorfor ikke",
    "kvifor ikkje",
    "hva med",
    "kva med",
    "kunne vi ikke",
    "kunne ikke",
    "kan vi ikke",
    "kan ikke vi",
)
IMPERATIVES = word_set(
    "lag opprett etabler bygg gi sats start bruk flytt samle gjør invester prioriter involver "
    "tilby styrk utvid senk øk fjern innfør inviter lytt del åpne sikre skap test prøv "
    "legg tenk husk organiser inkluder forenkle reduser stopp hent ta fyll spre utvikle informer "
    "vurder kartlegg kommuniser forankre engasjer støtt rekrutter gjennomfør sørg samarbeid "
    "planlegg hjelp la"
)
# Pronouns after which an opening verb reads as a question ("Bruker vi …"), not an imperative.
PRONOUNS = word_set("vi dere du de man me dykk dei eg jeg")
# Openers that also start a statement ("Når du blir pensjonist, …"): weak without a question mark.
AMBIGUOUS_OPENERS = word_set("når hvor kor kvar da")
INPUT_PHRASES = (
    "jeg mener",
    "vi mener",
    "eg meiner",
    "jeg synes",
    "eg synest",
    "jeg tror",
    "eg trur",
    "jeg opplever",
    "vi opplever",
    "min erfaring",
    "vår erfaring",
    "det er",
    "det var",
)


UNCERTAINTY = 1.0


def _question_cues(text: str, tokens: list[str]) -> list[tuple[str, float]]:
    cues: list[tuple[str, float]] = []
    if text.rstrip().endswith("?"):
        cues.append(("ends with ?", 2.5))
    elif "?" in text:
        cues.append(("contains ?", 1.5))
    if tokens and tokens[0] in INTERROGATIVES:
        weak = tokens[0] in AMBIGUOUS_OPENERS and "?" not in text
        cues.append((f"opens with {tokens[0]}", 0.5 if weak else 1.5))
    if len(tokens) > 1 and tokens[0] in QUESTION_VERBS and tokens[1] in SUBJECTS:
        cues.append((f"opens with {tokens[0]} {tokens[1]}", 1.5))
    return cues


def _suggestion_cues(joined: str, tokens: list[str]) -> list[tuple[str, float]]:
    cues = [(f"says {t}", 1.0) for t in dict.fromkeys(tokens) if t in SUGGESTION_WORDS]
    cues += [(f"says {p}", 1.2) for p in SUGGESTION_PHRASES if f" {p} " in joined]
    cues += [
        (f"proposes with {p}", 3.0) for p in PROPOSING_QUESTIONS if joined.startswith(f" {p} ")
    ]
    if tokens and tokens[0] in IMPERATIVES and (len(tokens) == 1 or tokens[1] not in PRONOUNS):
        cues.append((f"opens with imperative {tokens[0]}", 1.5))
    return cues


def _input_cues(joined: str) -> list[tuple[str, float]]:
    return [(f"says {p}", 0.6) for p in INPUT_PHRASES if f" {p} " in joined]


def kind_scores(text: str) -> dict[Kind, float]:
    """Return the rule score of each kind (sum of its cue weights; input has a floor of 0.8)."""
    return {kind: sum(w for _cue, w in found) for kind, found in _cues(text).items()}


def _cues(text: str) -> dict[Kind, list[tuple[str, float]]]:
    visible = clean(text)
    tokens = words(visible)
    joined = f" {' '.join(tokens)} "
    cues = {
        Kind.QUESTION: _question_cues(visible, tokens),
        Kind.SUGGESTION: _suggestion_cues(joined, tokens),
        Kind.INPUT: [("no other cue", 0.8), *_input_cues(joined)],
    }
    if any(cue.startswith("proposes") for cue, _ in cues[Kind.SUGGESTION]):
        cues[Kind.QUESTION] = []
    return cues


def suggest_kind(text: str) -> KindSuggestion:
    """Suggest the kind of a contribution; with no cue at all it is an input, with low confidence."""
    tokens = words(clean(text))
    cues = _cues(text)
    scores = {kind: sum(weight for _, weight in found) for kind, found in cues.items()}
    best = max(Kind, key=lambda kind: (scores[kind], kind == Kind.INPUT))
    # The extra 1.0 is doubt: one weak cue alone never reads as certainty.
    confidence = 0.0 if not tokens else scores[best] / (sum(scores.values()) + UNCERTAINTY)
    return KindSuggestion(
        kind=best, confidence=round(confidence, 2), cues=tuple(c for c, _ in cues[best])
    )
