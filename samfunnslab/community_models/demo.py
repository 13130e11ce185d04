"""Three contrasting example models for Haugesund, written for the demo and marked as examples."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from samfunnslab.accounts.models import Organisation
from samfunnslab.community_models import services
from samfunnslab.community_models.models import CommunityModel

MUNICIPALITY = "1106"

FUNCTIONS = {
    "care_elderly": ("Omsorg for eldre",),
    "health": ("Helse",),
    "growing_up": ("Oppvekst og læring",),
    "work_inclusion": ("Arbeid og inkludering",),
    "culture": ("Kultur og fellesskap",),
    "decision_making": ("Beslutninger og demokrati",),
    "financing": ("Finansiering",),
}

EXAMPLES: tuple[dict[str, Any], ...] = (
    {
        "name": "Velferdskommunen 2.0",
        "pitch": "Dagens organisering, gjort mer effektiv: kommunen leverer, teknologien avlaster.",
        "archetype": "growth",
        "story": (
            "Haugesund i 2040 ligner på kommunen vi kjenner, men den går raskere og smartere. "
            "Hjemmetjenesten bruker digitalt tilsyn om natten, medisindispensere og ruteplanlegging, "
            "slik at de ansatte får mer tid til dem som trenger besøk. Tildelingskontoret fatter "
            "vedtak på dager, ikke uker. Private leverandører konkurrerer om praktisk bistand.\n\n"
            "Ansvaret er klart: kommunen bestiller og leverer, innbyggerne er brukere med rettigheter."
        ),
        "day_in_the_life": (
            "Kari (84) i Skåredalen får påminnelse om medisinene fra dispenseren klokka åtte. "
            "Hjemmesykepleieren kommer innom klokka ti, etter at sensoren varslet at Kari sov urolig. "
            "Om ettermiddagen har hun videosamtale med fysioterapeuten."
        ),
        "headlines": "Haugesund halverer ventetiden på sykehjemsplass\nNattpatruljen går digitalt\n"
        "Heltid er blitt normalen i omsorgstjenesten",
        "parameters": {
            "family_volunteer_share": 0,
            "welfare_technology_effect": 12,
            "employment_rate_change": 1,
            "full_time_change": 8,
            "young_adult_inflow": 0,
        },
        "values": [
            ("Likeverdige tjenester", "Alle får det samme, uansett nettverk."),
            ("Faglig kvalitet", ""),
        ],
        "assumptions": [
            ("Kommunen har ansvaret for omsorgen", "kept", ""),
            ("Skole som vi kjenner den", "kept", ""),
            ("Heltid er unntaket i omsorgsyrkene", "flipped", "Heltid er hovedregelen"),
        ],
        "actors": [
            ("Hjemmetjenesten", "public", "municipality_unit"),
            ("Tildelingskontoret", "public", "municipality_unit"),
            ("Sykehjemmene", "public", "municipality_unit"),
            ("Private leverandører", "private", "business"),
            ("Pårørende", "family", "family"),
            ("Helse Fonna", "public", "health_trust"),
            ("Kommunestyret", "public", "municipality_unit"),
        ],
        "functions": {
            "care_elderly": "2.0",
            "health": "2.0",
            "growing_up": "2.0",
            "work_inclusion": "2.0",
            "decision_making": "2.0",
            "financing": "1.0",
        },
        "roles": [
            ("Hjemmetjenesten", "provides", "care_elderly"),
            ("Sykehjemmene", "provides", "care_elderly"),
            ("Private leverandører", "provides", "care_elderly"),
            ("Tildelingskontoret", "decides", "care_elderly"),
            ("Kommunestyret", "finances", "care_elderly"),
            ("Pårørende", "receives", "care_elderly"),
            ("Helse Fonna", "provides", "health"),
            ("Hjemmetjenesten", "provides", "health"),
            ("Kommunestyret", "decides", "decision_making"),
            ("Kommunestyret", "finances", "financing"),
        ],
        "factors": [
            "Behov for omsorg",
            "Press på tjenestene",
            "Bruk av velferdsteknologi",
            "Sykefravær",
            "Tilgjengelige årsverk",
        ],
        "relations": [
            ("Behov for omsorg", "Press på tjenestene", "+"),
            ("Press på tjenestene", "Bruk av velferdsteknologi", "+"),
            ("Bruk av velferdsteknologi", "Press på tjenestene", "-"),
            ("Press på tjenestene", "Sykefravær", "+"),
            ("Sykefravær", "Tilgjengelige årsverk", "-"),
            ("Tilgjengelige årsverk", "Press på tjenestene", "-"),
        ],
        "institutions": [("Fritt brukervalg i praktisk bistand", "formal", "")],
    },
    {
        "name": "Nabolagsmodellen",
        "pitch": "Familier, naboer og frivillige bærer mer – med kommunen som tilrettelegger.",
        "archetype": "transformation",
        "story": (
            "I Nabolagsmodellen er hvert nabolag i Haugesund et lite fellesskap med eget nabolagslag, "
            "et felles hus og en nærmiljøkoordinator fra kommunen. Naboer handler, følger til lege og "
            "spiser middag sammen. Pensjonister er ressurser, ikke bare brukere.\n\n"
            "Kommunen leverer fortsatt sykepleie og det som krever fagfolk, men den spør først: hva kan "
            "nabolaget gjøre selv, og hva trenger dere fra oss for å få det til?"
        ),
        "day_in_the_life": (
            "Ola (79) på Hasseløy har middagsvakt i nabolagshuset på tirsdager. Ungdommene fra "
            "ungdomsskolen kommer etter skoletid og lærer å lage fiskesuppe. Når Ola trenger hjelp med "
            "strømpene om morgenen, kommer naboen Aisha, som får timene godskrevet i nabolagsbanken."
        ),
        "headlines": "Nabolagshuset på Hasseløy fyller 10 år\nHver tredje pensjonist er frivillig\n"
        "Skolen er nabolagets møteplass etter klokka tre",
        "parameters": {
            "family_volunteer_share": 20,
            "welfare_technology_effect": 5,
            "employment_rate_change": 2,
            "full_time_change": 10,
            "young_adult_inflow": 60,
        },
        "values": [
            ("Fellesskap", "Vi tar vare på hverandre der vi bor."),
            ("Alle har noe å bidra med", "Også de eldste og de yngste."),
        ],
        "assumptions": [
            (
                "Omsorg er en kommunal tjeneste",
                "flipped",
                "Omsorg er noe vi gjør sammen; kommunen støtter og sikrer kvaliteten",
            ),
            (
                "Skole som vi kjenner den",
                "flipped",
                "Skolen er nabolagets møteplass også ettermiddag og kveld",
            ),
            ("Familien kan ikke bære mer", "kept", ""),
        ],
        "actors": [
            ("Nabolagslagene", "civil", "volunteer"),
            ("Frivilligsentralen", "civil", "volunteer"),
            ("Familier og pårørende", "family", "family"),
            ("Nærmiljøkoordinatorene", "public", "municipality_unit"),
            ("Hjemmetjenesten", "public", "municipality_unit"),
            ("Lokale bedrifter", "private", "business"),
            ("Seniorene", "civil", "citizen_group"),
            ("Kommunestyret", "public", "municipality_unit"),
        ],
        "functions": {
            "care_elderly": "3.0",
            "health": "2.0",
            "growing_up": "3.0",
            "culture": "3.0",
            "work_inclusion": "3.0",
            "decision_making": "3.0",
            "financing": "2.0",
        },
        "roles": [
            ("Nabolagslagene", "provides", "care_elderly"),
            ("Familier og pårørende", "provides", "care_elderly"),
            ("Hjemmetjenesten", "provides", "care_elderly"),
            ("Nærmiljøkoordinatorene", "coordinates", "care_elderly"),
            ("Seniorene", "co_creates", "care_elderly"),
            ("Kommunestyret", "finances", "care_elderly"),
            ("Hjemmetjenesten", "provides", "health"),
            ("Nabolagslagene", "provides", "growing_up"),
            ("Frivilligsentralen", "coordinates", "culture"),
            ("Nabolagslagene", "provides", "culture"),
            ("Lokale bedrifter", "provides", "work_inclusion"),
            ("Nabolagslagene", "decides", "decision_making"),
            ("Kommunestyret", "decides", "decision_making"),
            ("Kommunestyret", "finances", "financing"),
        ],
        "factors": [
            "Frivillig innsats",
            "Tillit mellom naboer",
            "Slitasje hos frivillige",
            "Støtte fra kommunen",
        ],
        "relations": [
            ("Frivillig innsats", "Tillit mellom naboer", "+"),
            ("Tillit mellom naboer", "Frivillig innsats", "+"),
            ("Frivillig innsats", "Slitasje hos frivillige", "+"),
            ("Slitasje hos frivillige", "Frivillig innsats", "-"),
            ("Støtte fra kommunen", "Slitasje hos frivillige", "-"),
        ],
        "institutions": [("Nabolagsbanken (timebank)", "informal", "forening")],
    },
    {
        "name": "Regionmodellen",
        "pitch": "Haugalandet samarbeider om tjenestene, og teknologien kommer først.",
        "archetype": "discipline",
        "story": (
            "I Regionmodellen driver kommunene på Haugalandet helse og omsorg sammen i et "
            "interkommunalt selskap. Et felles responssenter følger opp tusenvis av innbyggere "
            "digitalt, og fagfolkene rykker ut når det trengs. Spesialiserte team deles på tvers av "
            "kommunegrensene.\n\n"
            "Et sterkt regionalt fagmiljø trekker unge voksne til regionen, men noen innbyggere "
            "opplever at tjenestene har kommet lenger unna."
        ),
        "day_in_the_life": (
            "Sigrid (88) i Haugesund har nettbrett med knapp for å snakke med responssenteret på "
            "Aksdal. Sykepleieren der ser at blodtrykket har steget, og det regionale akutteamet "
            "kommer innom samme ettermiddag."
        ),
        "headlines": "Haugalandet deler ett responssenter\nUnge sykepleiere velger regionen\n"
        "Debatt: Er tjenestene kommet for langt unna?",
        "parameters": {
            "family_volunteer_share": 5,
            "welfare_technology_effect": 25,
            "employment_rate_change": 1,
            "full_time_change": 5,
            "young_adult_inflow": 150,
        },
        "values": [
            ("Faglig styrke", "Sammen har vi fagmiljøer ingen av oss klarer alene."),
            ("Effektiv bruk av fellesskapets penger", ""),
        ],
        "assumptions": [
            (
                "Hver kommune må levere alle tjenester selv",
                "flipped",
                "Kommunene på Haugalandet leverer sammen",
            ),
            ("Omsorg krever fysisk oppmøte", "flipped", "Digital oppfølging først"),
            ("Skole som vi kjenner den", "kept", ""),
        ],
        "actors": [
            ("Haugaland helse og omsorg IKS", "public", "municipality_unit"),
            ("Nabokommunene", "public", "municipality_unit"),
            ("Responssenteret", "public", "municipality_unit"),
            ("Teknologileverandører", "private", "business"),
            ("Helse Fonna", "public", "health_trust"),
            ("Regionrådet", "public", "municipality_unit"),
            ("Pårørende", "family", "family"),
        ],
        "functions": {
            "care_elderly": "2.0",
            "health": "2.0",
            "growing_up": "2.0",
            "work_inclusion": "2.0",
            "decision_making": "1.0",
            "financing": "2.0",
        },
        "roles": [
            ("Haugaland helse og omsorg IKS", "provides", "care_elderly"),
            ("Responssenteret", "provides", "care_elderly"),
            ("Teknologileverandører", "provides", "care_elderly"),
            ("Regionrådet", "decides", "care_elderly"),
            ("Nabokommunene", "finances", "care_elderly"),
            ("Pårørende", "receives", "care_elderly"),
            ("Helse Fonna", "provides", "health"),
            ("Responssenteret", "coordinates", "health"),
            ("Regionrådet", "decides", "decision_making"),
            ("Nabokommunene", "finances", "financing"),
        ],
        "factors": [
            "Regionalt fagmiljø",
            "Rekruttering",
            "Avstand til tjenestene",
            "Tillit til samarbeidet",
        ],
        "relations": [
            ("Regionalt fagmiljø", "Rekruttering", "+"),
            ("Rekruttering", "Regionalt fagmiljø", "+"),
            ("Regionalt fagmiljø", "Avstand til tjenestene", "+"),
            ("Avstand til tjenestene", "Tillit til samarbeidet", "-"),
            ("Tillit til samarbeidet", "Regionalt fagmiljø", "+"),
        ],
        "institutions": [("Interkommunalt selskap for helse og omsorg", "formal", "iks")],
    },
)


def _build(example: dict[str, Any], *, organisation: Organisation, user: Any) -> CommunityModel:
    """Create one example model with all its parts."""
    model = services.model_create(
        organisation=organisation,
        user=user,
        name=example["name"],
        pitch=example["pitch"],
        municipality_code=MUNICIPALITY,
        horizon_year=2040,
        archetype=example["archetype"],
        story=example["story"],
        day_in_the_life=example["day_in_the_life"],
        headlines=example["headlines"],
        parameters=example["parameters"],
        shared=True,
        is_example=True,
        provenance=services.Provenance(step="Eksempel skrevet for demoen"),
    )
    elements = {}
    for label, sector, actor_type in example["actors"]:
        elements[label] = services.element_add(
            model=model, kind="actor", label=label, sector=sector, actor_type=actor_type
        )
    for key, version in example["functions"].items():
        elements[key] = services.element_add(
            model=model,
            kind="function",
            label=FUNCTIONS[key][0],
            function_key=key,
            kommune_version=version,
        )
    for label, formality, legal_form in example["institutions"]:
        services.element_add(
            model=model, kind="institution", label=label, formality=formality, legal_form=legal_form
        )
    for label in example["factors"]:
        elements[label] = services.element_add(model=model, kind="factor", label=label)
    for actor, kind, function in example["roles"]:
        services.role_add(
            model=model, actor=elements[actor], function=elements[function], kind=kind
        )
    for source, target, polarity in example["relations"]:
        services.relation_add(
            model=model,
            source=elements[source],
            target=elements[target],
            kind="causal",
            polarity=polarity,
        )
    for label, description in example["values"]:
        services.value_add(model=model, label=label, description=description)
    for text, status, instead in example["assumptions"]:
        services.assumption_add(model=model, text=text, status=status, instead=instead)
    return model


def load_demo(*, organisation: Organisation, user: Any) -> list[CommunityModel]:
    """Create the example models once (running again changes nothing)."""
    models = []
    for example in EXAMPLES:
        existing = CommunityModel.objects.filter(
            organisation=organisation, name=example["name"], is_example=True
        ).first()
        models.append(existing or _build(example, organisation=organisation, user=user))
    return models


def demo_link() -> dict[str, str] | None:
    """Return the front-page link to the example models compared side by side, if they exist."""
    ids = list(
        CommunityModel.objects.filter(
            is_example=True, shared=True, name__in=[e["name"] for e in EXAMPLES]
        )
        .order_by("id")
        .values_list("id", flat=True)[:3]
    )
    if len(ids) < 2:
        return None
    query = "&".join(f"m={i}" for i in ids)
    return {
        "title": _("Tre lokalsamfunnsmodeller for Haugesund"),
        "text": _(
            "Velferdskommunen 2.0, Nabolagsmodellen og Regionmodellen side om side, med "
            "tallene for 2040."
        ),
        "url": f"{reverse('community_models:compare')}?{query}",
    }
