"""Norwegian stop words (bokmål and nynorsk): function words that carry no theme in a word cloud."""

from __future__ import annotations

# Written for this project: pronouns, determiners, prepositions, conjunctions, auxiliaries,
# adverbs and fillers in both written standards. Norwegian only: English stop words would drop
# Norwegian words spelled the same («by» is a town, «be» is to pray or ask, «at» is that).
_WORDS = """
    og i jeg det at en et den til er som på de med han av ikke ikkje der så var meg seg men
    ett har om vi min mitt ha hadde hun nå over da ved fra du ut sin dem oss opp man kan hans
    hvor eller hva skal selv sjøl her alle vil bli ble blitt kunne inn når være vært kom noen
    noe ville dere deres kun ja etter ned skulle denne for deg si sine sitt mot å meget hvorfor
    dette disse uten hvordan ingen din ditt blir samme hvilken hvilke hvilket sånn inni mellom
    vår våre vårt hver hvem vors hvis både bare enn fordi før mange også slik vært være begge
    siden dere dykk henne hennes hun hjå ho hoe honom hoss hossen ingi inkje korleis korso kva
    kvar kvarhelst kven kvi kvifor me medan mi mine mykje no nokon noka nokor noko nokre si
    sia sidan so somt somme um upp vere vore verte vort varte vart ditt dei deira deim di
    då eg ein eit eitt elles honom hjå meir sjølv berre fleire mest mer mye litt helt veldig
    jo vel nok gjøre gjør gjort får fikk få går gå gikk kommer komme tror synes
    tenker mener må bør burde skal skulle ta tar tatt gi gir gitt blant gjennom hos under
    innen innenfor utenfor rundt langs ifølge per pr via vs osv mfl bl a f eks feks etc
    flere fler ok okei hei takk kanskje altså liksom egentlig faktisk jo da derfor dermed likevel
    allerede fortsatt ennå igjen aldri alltid ofte sjelden her der hit dit nede oppe inne ute
"""


def word_set(text: str) -> frozenset[str]:
    """Return the whitespace-separated words of a word list as a set."""
    return frozenset(text.split())


STOP_WORDS: frozenset[str] = word_set(_WORDS)
