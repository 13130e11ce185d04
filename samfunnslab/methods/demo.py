"""Demo content: a worked Haugesund «Fremtidsfrekvens» evening built from the template, with an evaluation."""

from __future__ import annotations

import datetime
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from samfunnslab.accounts.models import Organisation
from samfunnslab.methods import services
from samfunnslab.methods.models import Process

DEMO_SLUG = "eksempel-fremtidsfrekvens-haugesund"
TEMPLATE_SLUG = "innbyggerverksted-fremtidsfrekvens"
# Version 2 after the evaluation: a shorter first break gives the vision two more minutes.
_REVISED_MINUTES: dict[int | str, int] = {
    "Pause": 10,
    11: 52,
}


def load_demo(*, organisation: Organisation, user: Any) -> Process:
    """Create the example process once; later runs return it unchanged."""
    existing = Process.objects.filter(slug=DEMO_SLUG).first()
    if existing is not None:
        return existing
    template = Process.objects.get(slug=TEMPLATE_SLUG)
    process = services.process_copy(
        source=template,
        organisation=organisation,
        user=user,
        name="Eksempel: Fremtidsfrekvens i Haugesund – «Omsorg i nabolaget 2045»",
    )
    Process.objects.filter(pk=process.pk).update(
        slug=DEMO_SLUG,
        is_example=True,
        start_time=datetime.time(18, 0),
        summary=(
            "Et gjennomarbeidet eksempel: en torsdagskveld på biblioteket i Haugesund med 16 "
            "innbyggere – ungdom fra ungdomsrådet, pensjonister fra seniorsenteret, to nyankomne "
            "familier og ansatte fra hjemmetjenesten. Fokusspørsmål: «Hvordan kan vi ta vare på "
            "hverandre i nabolaget i 2045 – i alle aldre?» (Første utkast var «… når det er "
            "dobbelt så mange over 80 år?»; sjekken i steg 0 fant problemet og målgruppen i "
            "spørsmålet, så det ble skrevet om.)"
        ),
    )
    process.refresh_from_db()
    services.process_evaluation_add(
        process=process,
        user=user,
        held_on=datetime.date(2025, 3, 13),
        participants=16,
        worked=(
            "Å snu antakelsene fikk i gang praten: «eldre trenger hjelp» ble til «eldre er "
            "de som hjelper». Gjenstandene fra framtiden (en stillingsannonse for en nabolagsvert) "
            "gjorde visjonen konkret. Papirkort gjorde at alle kunne delta uten mobil."
        ),
        change=(
            "Visjonsdelen var for kort – gruppene rakk ikke galleriet. Handlingslisten trenger en "
            "tydelig eier. Neste gang: kortere første pause og litt mer tid til visjonen; "
            "galleriet tas med når tiden strekker til."
        ),
    )
    for item in process.items.all():
        new_minutes = _REVISED_MINUTES.get(item.step.number if item.step else item.title)
        if new_minutes:
            services.process_item_update(item=item, minutes=new_minutes)
    return process


def demo_link() -> dict[str, str] | None:
    """Point the front page at the worked example process, if it is loaded."""
    process = Process.objects.filter(slug=DEMO_SLUG).first()
    if process is None:
        return None
    return {
        "title": _("Eksempel: Fremtidsfrekvens i Haugesund"),
        "text": _("en ferdig planlagt innbyggerkveld med fasilitatorveileder og evaluering"),
        "url": reverse("methods:process_detail", args=[process.slug]),
    }
