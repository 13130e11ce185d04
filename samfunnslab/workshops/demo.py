"""Demo content: an open workshop for Haugesund with one activity of each kind (idempotent)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from samfunnslab.accounts.models import Organisation
from samfunnslab.workshops import pins, services
from samfunnslab.workshops.models import ActivityKind, Workshop, WorkshopStatus

DEMO_TITLE = "Demoverksted: Haugesund 2040"
DEMO_CODE = "HAUKER"

DEMO_ACTIVITIES: list[dict[str, Any]] = [
    {
        "kind": ActivityKind.WORDCLOUD,
        "prompt": "Hvilket ord beskriver Haugesund i 2040?",
        "prompt_easy": "Skriv ett ord om byen din i framtiden.",
    },
    {
        "kind": ActivityKind.OPEN,
        "prompt": "Hva må til for at folk kan bo hjemme lenger?",
        "themes": ["Helse og omsorg", "Bolig", "Frivillighet", "Transport"],
    },
    {
        "kind": ActivityKind.CHOICE,
        "prompt": "Hvem bør ha hovedansvaret for omsorg i nabolaget?",
        "options": ["Kommunen", "Familie og naboer", "Frivillige lag", "Alle sammen"],
    },
    {
        "kind": ActivityKind.SCALE,
        "prompt": "Hvor godt kjenner du naboene dine?",
        "scale_max": 5,
        "scale_low_label": "Ikke i det hele tatt",
        "scale_high_label": "Veldig godt",
    },
    {
        "kind": ActivityKind.RANKING,
        "prompt": "Hva er viktigst for lokalsamfunnet i 2040?",
        "options": [
            "Møteplasser",
            "Helsetjenester nær folk",
            "Arbeidsplasser",
            "Kollektivtransport",
        ],
    },
    {
        "kind": ActivityKind.POINTS,
        "prompt": "Fordel 100 poeng på det kommunen bør satse på.",
        "options": ["Eldreomsorg", "Barn og unge", "Frivillighet", "Digitale tjenester"],
    },
    {
        "kind": ActivityKind.STATEMENTS,
        "prompt": "Hva mener du om disse påstandene?",
        "statements": [
            "Naboer bør hjelpe hverandre mer enn i dag.",
            "Kommunen bør gi frivillige lag mer ansvar.",
            "Skolen kan være et møtested for alle aldre.",
        ],
    },
    {"kind": ActivityKind.QA, "prompt": "Hva lurer du på om framtidens Haugesund?"},
    {
        "kind": ActivityKind.IDEAS,
        "prompt": "Skriv en idé til et nytt lokalsamfunn.",
        "prompt_easy": "Hva kan gjøre nabolaget ditt bedre?",
    },
    {
        "kind": ActivityKind.MAP,
        "prompt": "Hvor i Haugesund er det godt å gå og være, og hva mangler?",
        "options": ["hyggelig å gå", "utrygt", "møteplass", "mangler"],
        "places": "Rådhuset; 59.4112; 5.2747\nSmedasundet; 59.4140; 5.2665",
    },
    {
        "kind": ActivityKind.PHOTO,
        "prompt": "Ta bilde av gjenstanden fra framtiden som gruppa har laget, og skriv hva den viser.",
        "prompt_easy": "Ta bilde av det dere har laget, og skriv hva det er.",
    },
]


def load_demo(*, organisation: Organisation, user: Any) -> Workshop:
    """Create (once) and open the demo workshop with one activity of each kind."""
    workshop = Workshop.objects.filter(organisation=organisation, title=DEMO_TITLE).first()
    if workshop is None:
        workshop = services.workshop_create(
            organisation=organisation,
            user=user,
            title=DEMO_TITLE,
            municipality_code="1106",
            session_label="Demo",
        )
        for spec in DEMO_ACTIVITIES:
            named = spec.get("places", "")
            activity = services.activity_add(
                workshop=workshop, **{k: v for k, v in spec.items() if k != "places"}
            )
            if named:
                pins.map_places_set(activity=activity, text=str(named))
        for name in ("Bord 1", "Bord 2"):
            services.group_add(workshop=workshop, name=name)
        workshop.join_code = DEMO_CODE
    if workshop.status != WorkshopStatus.OPEN:
        services.workshop_open(workshop=workshop)
    return workshop


def demo_link() -> dict[str, str] | None:
    """Tell the front page about the demo workshop and its join code."""
    workshop = Workshop.objects.filter(title=DEMO_TITLE, status=WorkshopStatus.OPEN).first()
    if workshop is None:
        return None
    return {
        "title": _("Demoverkstedet"),
        "text": _(
            "Bli med fra mobilen med koden %(code)s. Logg inn som demo for å lede "
            "verkstedet og se presentasjonsskjermen."
        )
        % {"code": workshop.join_code},
        "url": reverse("workshops:participant", args=[workshop.join_code]),
    }
