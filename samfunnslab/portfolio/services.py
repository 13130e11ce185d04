"""Writes of the portfolio: initiatives (also from CSV), the tree, pilots and milestones."""

from __future__ import annotations

import csv
import io
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from samfunnslab.accounts.authorizers import UserLike
from samfunnslab.accounts.models import Organisation
from samfunnslab.community_models.models import CommunityModel, FunctionKey, KommuneVersion
from samfunnslab.core.cleaning import clean_choice, clean_municipality, clean_text
from samfunnslab.core.errors import Refusal
from samfunnslab.lab.models import Finding, ForsokLetter, Room, Status
from samfunnslab.lab.services import finding_set_status
from samfunnslab.portfolio.models import (
    LEVEL_ORDER,
    Horizon,
    Initiative,
    LegalBasis,
    Milestone,
    NodeLevel,
    Pilot,
    PilotStatus,
    PortfolioNode,
)

INITIATIVES_FILE = Path(__file__).parent / "content" / "initiatives.toml"
MAX_IMPORT_BYTES = 1_000_000
MAX_IMPORT_ROWS = 500
CSV_COLUMNS = (
    "tittel",
    "kommunenummer",
    "sted",
    "beskrivelse",
    "aktører",
    "funksjoner",
    "kommuneversjon",
    "stikkord",
    "lenker",
    "kilder",
)
ROOM_TO_BASIS = {
    Room.FORSOK: LegalBasis.FORSOKSLOVEN,
    Room.SECTOR_EXPERIMENT: LegalBasis.SECTOR_CLAUSE,
}


def _user(user: UserLike | None) -> Any:
    """Return the user if logged in, else None."""
    return user if user is not None and user.is_authenticated else None


def _split(value: str | Iterable[str] | None) -> list[str]:
    """Return a clean list from a string separated by ; or , (or from an iterable)."""
    items = re.split(r"[;,]", value) if isinstance(value, str) else list(value or [])
    return [item.strip() for item in items if item and item.strip()]


def _functions(values: Iterable[str]) -> list[str]:
    """Return valid function keys, or raise with a plain message."""
    keys = list(values)
    unknown = [k for k in keys if k not in FunctionKey.values]
    if unknown:
        raise Refusal(
            _("Ukjent funksjon: %(names)s. Bruk for eksempel care_elderly, health, growing_up.")
            % {"names": ", ".join(unknown)[:200]}
        )
    return keys


def _links(values: Iterable[str]) -> list[str]:
    """Return links that start with http(s)://, or raise."""
    links = list(values)
    if any(not link.startswith(("https://", "http://")) for link in links):
        raise Refusal(_("Lenker må begynne med https:// eller http://."))
    return links


def read_initiatives_seed(path: Path = INITIATIVES_FILE) -> list[dict[str, Any]]:
    """Return the shipped initiatives as written in the content file."""
    with path.open("rb") as handle:
        return list(tomllib.load(handle)["initiative"])


@transaction.atomic
def initiative_create(
    *,
    organisation: Organisation | None,
    user: UserLike | None,
    title: str,
    description: str,
    sources: str,
    municipality_code: str = "",
    place: str = "",
    country: str = "Norge",
    actors: str = "",
    functions: str | Iterable[str] = (),
    kommune_version: str = "",
    tags: str | Iterable[str] = (),
    links: str | Iterable[str] = (),
    horizon: str = "",
    seed_key: str = "",
) -> Initiative:
    """Add an initiative to the catalogue (owned by an organisation, or shared when None)."""
    code = (municipality_code or "").strip()
    return Initiative.objects.create(
        organisation=organisation,
        seed_key=seed_key,
        title=clean_text(title, label=_("Tittel"), max_length=200, required=True),
        municipality_code=clean_municipality(code) if code else "",
        place=clean_text(place, label=_("Sted"), max_length=200),
        country=clean_text(country, label=_("Land"), max_length=80) or "Norge",
        description=clean_text(description, label=_("Beskrivelse"), max_length=6000, required=True),
        actors=clean_text(actors, label=_("Aktører"), max_length=2000),
        functions=_functions(_split(functions)),
        kommune_version=clean_choice(kommune_version, KommuneVersion, label=_("Kommuneversjon")),
        tags=[t[:60] for t in _split(tags)][:20],
        links=_links(_split(links)),
        sources=clean_text(sources, label=_("Kilder"), max_length=2000, required=True),
        horizon=clean_choice(horizon, Horizon, label=_("Horisont")),
        created_by=_user(user),
    )


@transaction.atomic
def initiatives_seed(*, path: Path = INITIATIVES_FILE) -> int:
    """Add the shipped initiatives that are missing; return how many were added."""
    added = 0
    for entry in read_initiatives_seed(path):
        if Initiative.objects.filter(seed_key=entry["key"]).exists():
            continue
        data = {k: v for k, v in entry.items() if k != "key"}
        initiative_create(organisation=None, user=None, seed_key=entry["key"], **data)
        added += 1
    return added


@dataclass
class ImportResult:
    """What a CSV import did: how many rows were added, or which rows were wrong and why."""

    created: list[Initiative] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)


def _read_csv(text: str) -> list[dict[str, str]]:
    """Return the CSV rows as dicts, or raise with a plain message about the header."""
    if len(text.encode("utf-8")) > MAX_IMPORT_BYTES:
        raise Refusal(_("Filen er for stor. Del den opp i filer under 1 MB."))
    sample = text[:2000]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")), delimiter=delimiter)
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    missing = [c for c in ("tittel", "beskrivelse", "kilder") if c not in header]
    if missing:
        raise Refusal(
            _("Første linje må være overskrifter. Mangler: %(cols)s. Tillatte kolonner: %(all)s.")
            % {"cols": ", ".join(missing), "all": ", ".join(CSV_COLUMNS)}
        )
    rows = [{(k or "").strip().lower(): (v or "") for k, v in row.items()} for row in reader]
    if not rows:
        raise Refusal(_("Filen har ingen rader under overskriftene."))
    if len(rows) > MAX_IMPORT_ROWS:
        raise Refusal(_("Filen har for mange rader (høyst %(n)s).") % {"n": MAX_IMPORT_ROWS})
    return rows


def initiatives_import_csv(
    *, organisation: Organisation, user: UserLike | None, text: str
) -> ImportResult:
    """Import initiatives from CSV: all rows or none, with an error per bad row."""
    result = ImportResult()
    try:
        rows = _read_csv(text)
    except (Refusal, csv.Error) as error:
        messages = error.messages if isinstance(error, Refusal) else [str(error)]
        result.errors = [(0, str(m)) for m in messages]
        return result
    try:
        with transaction.atomic():
            for number, row in enumerate(rows, start=2):
                try:
                    with transaction.atomic():
                        result.created.append(_import_row(organisation, user, row))
                except Refusal as error:
                    result.errors.append((number, " ".join(str(m) for m in error.messages)))
            if result.errors:
                raise _Rollback
    except _Rollback:
        result.created = []
    return result


class _Rollback(Exception):
    """Raised to undo a whole import when any row is wrong."""


def _import_row(
    organisation: Organisation, user: UserLike | None, row: dict[str, str]
) -> Initiative:
    """Create one initiative from a CSV row."""
    return initiative_create(
        organisation=organisation,
        user=user,
        title=row.get("tittel", ""),
        municipality_code=row.get("kommunenummer", ""),
        place=row.get("sted", ""),
        description=row.get("beskrivelse", ""),
        actors=row.get("aktører", ""),
        functions=row.get("funksjoner", ""),
        kommune_version=row.get("kommuneversjon", ""),
        tags=row.get("stikkord", ""),
        links=row.get("lenker", ""),
        sources=row.get("kilder", ""),
    )


@transaction.atomic
def initiative_link_model(*, initiative: Initiative, model: CommunityModel) -> Initiative:
    """Mark the initiative as an inspiration for a community model."""
    initiative.inspires.add(model)
    return initiative


@transaction.atomic
def node_create(
    *,
    organisation: Organisation,
    level: str,
    title: str,
    parent: PortfolioNode | None = None,
    description: str = "",
    owner: str = "",
    horizon: str = "",
) -> PortfolioNode:
    """Add a node to the portfolio tree, one level below its parent (or a challenge at the top)."""
    level = clean_choice(level, NodeLevel, label=_("Nivå"), required=True)
    if parent is None and level != NodeLevel.CHALLENGE:
        raise Refusal(_("Øverst i porteføljen står en samfunnsutfordring."))
    if parent is not None:
        if parent.organisation_id != organisation.pk:
            raise Refusal(_("Velg et overordnet element i din egen portefølje."))
        if LEVEL_ORDER.index(level) <= LEVEL_ORDER.index(parent.level):
            raise Refusal(
                _("«%(child)s» kan ikke ligge under «%(parent)s».")
                % {"child": NodeLevel(level).label, "parent": parent.get_level_display()}
            )
    title = clean_text(title, label=_("Tittel"), max_length=200, required=True)
    if PortfolioNode.objects.filter(organisation=organisation, parent=parent, title=title).exists():
        raise Refusal(_("«%(title)s» finnes allerede på dette stedet.") % {"title": title})
    return PortfolioNode.objects.create(
        organisation=organisation,
        parent=parent,
        level=level,
        title=title,
        description=clean_text(description, label=_("Beskrivelse"), max_length=4000),
        owner=clean_text(owner, label=_("Eier"), max_length=200),
        horizon=clean_choice(horizon, Horizon, label=_("Horisont")),
        position=PortfolioNode.objects.filter(organisation=organisation, parent=parent).count(),
    )


def _duration(value: int | str | None) -> int:
    """Return a pilot duration of 1–72 months."""
    try:
        months = int(str(value).strip())
    except (TypeError, ValueError):
        raise Refusal(_("Varigheten må være et helt antall måneder.")) from None
    if not 1 <= months <= 72:
        raise Refusal(_("Varigheten må være mellom 1 og 72 måneder (forsøk: inntil 6 år)."))
    return months


@transaction.atomic
def pilot_create(
    *,
    organisation: Organisation,
    user: UserLike | None,
    title: str,
    hypothesis: str,
    metrics: str = "",
    duration_months: int | str = 12,
    legal_basis: str = LegalBasis.LOCAL,
    forsok_letter: str = "",
    owner: str = "",
    node: PortfolioNode | None = None,
    horizon: str = "",
    models: Iterable[CommunityModel] = (),
    findings: Iterable[Finding] = (),
    initiatives: Iterable[Initiative] = (),
) -> Pilot:
    """Create a pilot with a hypothesis, metrics, duration and legal basis."""
    basis = clean_choice(legal_basis, LegalBasis, label=_("Rettslig grunnlag"), required=True)
    if node is not None and node.organisation_id != organisation.pk:
        raise Refusal(_("Velg en plass i din egen portefølje."))
    pilot = Pilot.objects.create(
        organisation=organisation,
        title=clean_text(title, label=_("Tittel"), max_length=200, required=True),
        hypothesis=clean_text(hypothesis, label=_("Hypotese"), max_length=4000, required=True),
        metrics=clean_text(metrics, label=_("Hva vi måler"), max_length=4000),
        duration_months=_duration(duration_months),
        legal_basis=basis,
        forsok_letter=clean_choice(forsok_letter, ForsokLetter, label=_("Forsøksloven § 3"))
        if basis == LegalBasis.FORSOKSLOVEN
        else "",
        owner=clean_text(owner, label=_("Eier"), max_length=200),
        node=node,
        horizon=clean_choice(horizon, Horizon, label=_("Horisont")),
        created_by=_user(user),
    )
    pilot.community_models.set(list(models))
    pilot.findings.set(list(findings))
    pilot.initiatives.set(list(initiatives))
    return pilot


@transaction.atomic
def pilot_create_from_finding(
    *,
    finding: Finding,
    user: UserLike | None,
    title: str | None = None,
    hypothesis: str | None = None,
    metrics: str = "",
    duration_months: int | str = 12,
    owner: str = "",
    node: PortfolioNode | None = None,
    horizon: str = Horizon.H2_PLUS,
) -> Pilot:
    """Create a pilot from a lab finding, carrying over its model, legal basis and proposal.

    A title or hypothesis left as None is taken from the finding; an empty one is refused.
    """
    if title and finding.pilots.filter(title=title.strip()).exists():
        raise Refusal(_("Det finnes allerede en pilot med denne tittelen fra funnet."))
    pilot = pilot_create(
        organisation=finding.exercise.organisation,
        user=user,
        title=_("Pilot: %(label)s") % {"label": finding.element_label[:180]}
        if title is None
        else title,
        hypothesis=finding.proposed_action or finding.description
        if hypothesis is None
        else hypothesis,
        metrics=metrics,
        duration_months=duration_months,
        legal_basis=ROOM_TO_BASIS.get(finding.room, LegalBasis.LOCAL),  # type: ignore[call-overload]
        forsok_letter=finding.forsok_letter,
        owner=owner,
        node=node,
        horizon=horizon,
        models=[finding.exercise.model],
        findings=[finding],
    )
    if finding.status in (Status.OPEN, Status.ASSESSED):
        # Stored in bokmål whatever the interface, like the finding's other notes (shown lang="nb").
        with translation.override("nb"):
            note = _("Pilot opprettet: %(title)s") % {"title": pilot.title[:400]}
        finding_set_status(finding=finding, status=Status.ACTED, user=user, note=note)
    return pilot


@transaction.atomic
def pilot_place(*, pilot: Pilot, node: PortfolioNode | None, horizon: str, status: str) -> Pilot:
    """Place a pilot in the portfolio tree and on the Three Horizons, and set its status."""
    if node is not None and node.organisation_id != pilot.organisation_id:
        raise Refusal(_("Velg en plass i din egen portefølje."))
    pilot.node = node
    pilot.horizon = clean_choice(horizon, Horizon, label=_("Horisont"))
    pilot.status = clean_choice(status, PilotStatus, label=_("Status"), required=True)
    pilot.save(update_fields=["node", "horizon", "status"])
    return pilot


@transaction.atomic
def milestone_add(
    *,
    organisation: Organisation,
    model: CommunityModel,
    year: int | str | None,
    condition: str,
    actions: str = "",
    owner: str = "",
    finding: Finding | None = None,
    pilot: Pilot | None = None,
) -> Milestone:
    """Add a backcasting milestone between this year and the model's horizon year."""
    now = timezone.localdate().year
    try:
        number = int(str(year).strip())
    except (TypeError, ValueError):
        raise Refusal(_("Året må være et årstall.")) from None
    if not now <= number <= model.horizon_year:
        raise Refusal(
            _("Året må være mellom %(now)s og modellens horisontår %(end)s.")
            % {"now": now, "end": model.horizon_year}
        )
    return Milestone.objects.create(
        organisation=organisation,
        model=model,
        year=number,
        condition=clean_text(
            condition, label=_("Det som må være på plass"), max_length=300, required=True
        ),
        actions=clean_text(actions, label=_("Tiltak"), max_length=2000),
        owner=clean_text(owner, label=_("Ansvarlig"), max_length=200),
        finding=finding,
        pilot=pilot,
    )


@transaction.atomic
def pilot_delete(*, pilot: Pilot) -> None:
    """Delete a pilot; its findings stay in the lab and its milestones lose the link to it."""
    pilot.delete()
