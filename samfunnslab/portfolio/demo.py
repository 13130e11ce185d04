"""Demo portfolio: PRI's own challenges as example content, a pilot from the lab, milestones."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from samfunnslab.accounts.models import Organisation
from samfunnslab.community_models.models import CommunityModel
from samfunnslab.lab.models import Finding, Room
from samfunnslab.portfolio import services
from samfunnslab.portfolio.models import PortfolioNode

# PRI's portfolio (KS PRI, presentation 16.08.2024): challenge → innovation areas → main projects.
TREE: tuple[tuple[str, str, str, tuple[Any, ...]], ...] = (
    (
        "challenge",
        "Ungt utenforskap",
        "H1",
        (
            (
                "area",
                "Tidlig innsats, tidlig i livet",
                "",
                (("main_project", "De 1000 første dagene", "H2+", ()),),
            ),
            ("area", "En ny skole", "", ()),
            (
                "area",
                "Fra ungdom til ung voksen",
                "",
                (("main_project", "Fra ungdom til ung voksen", "H2+", ()),),
            ),
            ("area", "Frakoblingsprosessen", "", ()),
        ),
    ),
    (
        "challenge",
        "Demografiutfordringen",
        "H1",
        (
            ("area", "2040 begynner nå", "", ()),
            (
                "area",
                "Velferd er en felles oppgave",
                "",
                (
                    (
                        "main_project",
                        "Nye lokalsamfunnsmodeller",
                        "H2+",
                        (
                            (
                                "sub_project",
                                "Trinn 1: Kartlegge initiativer med ny praksis",
                                "",
                                (),
                            ),
                            ("sub_project", "Trinn 2: Utvikle nye lokalsamfunnsmodeller", "", ()),
                            (
                                "sub_project",
                                "Trinn 3: Laboratorieøvelser mot rammebetingelsene",
                                "",
                                (),
                            ),
                            (
                                "sub_project",
                                "Trinn 4: Eksperimentere og pilotere",
                                "",
                                (
                                    (
                                        "vision",
                                        "Velferd skapes sammen, med nye og flere ressurser i samfunnet",
                                        "H3",
                                        (),
                                    ),
                                ),
                            ),
                        ),
                    ),
                ),
            ),
            ("area", "Den verdifulle arbeidsplassen", "", ()),
            ("area", "Ny giv i distriktene", "", ()),
        ),
    ),
)
MILESTONES = (
    (2040, "Nabolagsmodellen er vanlig drift i hele Haugesund", "Kommunestyret"),
    (2035, "Halvparten av nabolagene har eget lag og eget hus", "Nærmiljøkoordinatorene"),
    (2030, "Forsøket med nabolagsbudsjett er evaluert", "Kommunedirektøren"),
    (2027, "Søknad om forsøk er sendt og tre nabolag er i gang", "KS PRI og Haugesund"),
)


def _add(organisation: Organisation, parent: PortfolioNode | None, spec: tuple[Any, ...]) -> None:
    """Add one node and its children."""
    level, title, horizon, children = spec
    node = services.node_create(
        organisation=organisation,
        parent=parent,
        level=level,
        title=title,
        horizon=horizon,
        owner="KS PRI" if level in ("challenge", "area") else "",
    )
    for child in children:
        _add(organisation, node, child)


def load_demo(*, organisation: Organisation, user: Any) -> None:
    """Create the demo portfolio once (running again changes nothing)."""
    if PortfolioNode.objects.filter(organisation=organisation, title="Ungt utenforskap").exists():
        return
    for spec in TREE:
        _add(organisation, None, spec)
    finding = Finding.objects.filter(exercise__organisation=organisation, room=Room.FORSOK).first()
    step4 = PortfolioNode.objects.get(organisation=organisation, title__startswith="Trinn 4")
    if finding is not None:
        services.pilot_create_from_finding(
            finding=finding,
            user=user,
            title="Nabolagsbudsjett på Hasseløy",
            hypothesis="Når nabolaget selv rår over et lite budsjett, øker frivillig innsats og "
            "tilliten mellom naboer, uten at tjenestene blir dårligere.",
            metrics="Frivillige timer per måned; andel eldre med ukentlig besøk; tillit (spørreundersøkelse).",
            duration_months=36,
            owner="Haugesund kommune",
            node=step4,
            horizon="H2+",
        )
    model = CommunityModel.objects.filter(
        organisation=organisation, name="Nabolagsmodellen"
    ).first()
    if model is not None:
        for year, condition, owner in MILESTONES:
            if year <= model.horizon_year:
                services.milestone_add(
                    organisation=organisation,
                    model=model,
                    year=year,
                    condition=condition,
                    owner=owner,
                )


def demo_link() -> dict[str, str] | None:
    """Return the front-page link to the Three Horizons view when the demo portfolio exists."""
    if not PortfolioNode.objects.filter(title="Demografiutfordringen").exists():
        return None
    return {
        "title": _("Porteføljen: PRIs utfordringer og en pilot fra laben"),
        "text": _(
            "Ungt utenforskap og demografiutfordringen, initiativer med ny praksis og tre horisonter."
        ),
        "url": reverse("portfolio:horizons"),
    }
