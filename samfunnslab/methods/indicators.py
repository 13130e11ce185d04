"""Process indicators shown beside the expectation-gap pulse, per process version (reads only).

- representation: the inclusion view's age comparison over the version's workshops;
- traced: the share of the workshops' contributions that a community model links back to;
- models: how many distinct community models came from the workshops (kept apart, not merged);
- pilots: how many pilots linked to those models have started (running or evaluated).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from samfunnslab.methods.models import Process


@dataclass(frozen=True)
class AgeRatio:
    band: str
    label: str
    ratio: float | None  # participants' share / population share; None when hidden
    status: str


@dataclass(frozen=True)
class VersionIndicators:
    version: int
    workshops: int
    participants: int
    contributions: int
    traced: int
    models: int
    pilots_started: int
    ages: tuple[AgeRatio, ...]

    @property
    def traced_share(self) -> float | None:
        """Return the share of contributions traced into a model (None without contributions)."""
        return self.traced / self.contributions if self.contributions else None


def _traced_contributions(workshop_ids: set[int]) -> tuple[set[int], set[int]]:
    """Return (contribution ids, model ids) of model parts that came from these workshops."""
    from samfunnslab.community_models.models import (
        Assumption,
        CommunityModel,
        Element,
        Relation,
        Value,
    )

    contributions: set[int] = set()
    models = set(
        CommunityModel.objects.filter(source_workshop_id__in=workshop_ids).values_list(
            "pk", flat=True
        )
    )
    for part in (Element, Relation, Value, Assumption):
        for contribution_id, model_id in part.objects.filter(
            source_workshop_id__in=workshop_ids
        ).values_list("source_contribution_id", "model_id"):
            models.add(model_id)
            if contribution_id is not None:
                contributions.add(contribution_id)
    return contributions, models


def process_indicators(process: Process) -> list[VersionIndicators]:
    """Return the indicators per version of the process that has started workshops (newest first)."""
    from samfunnslab.inclusion import selectors as inclusion
    from samfunnslab.portfolio.models import Pilot, PilotStatus
    from samfunnslab.workshops.models import AgeBand, Contribution, Workshop

    labels = dict(AgeBand.choices)

    versions: dict[int, set[int]] = {}
    for version, workshop_id in process.runs.exclude(workshop_id=None).values_list(
        "version", "workshop_id"
    ):
        versions.setdefault(version, set()).add(workshop_id)
    result = []
    for version in sorted(versions, reverse=True):
        workshops = list(Workshop.objects.filter(pk__in=versions[version]))
        if not workshops:
            continue
        ids = {w.pk for w in workshops}
        people = inclusion.participation(workshops)
        population = inclusion.age_population(workshops[0].municipality_code)
        age = inclusion.compare_all(people, population)["age_band"]
        traced, models = _traced_contributions(ids)
        contribution_ids = set(
            # Participants' own texts and imported ones; not the facilitator's starting statements.
            Contribution.objects.filter(activity__workshop_id__in=ids)
            .filter(Q(participant__isnull=False) | ~Q(imported_from=""))
            .values_list("pk", flat=True)
        )
        pilots = (
            Pilot.objects.filter(
                community_models__in=models,
                status__in=[PilotStatus.RUNNING, PilotStatus.EVALUATED],
            )
            .distinct()
            .count()
        )
        result.append(
            VersionIndicators(
                version=version,
                workshops=len(workshops),
                participants=people.participants,
                contributions=len(contribution_ids),
                traced=len(traced & contribution_ids),
                models=len(models),
                pilots_started=pilots,
                ages=tuple(
                    AgeRatio(
                        cell.category,
                        str(labels.get(cell.category, cell.category)),
                        cell.ratio,
                        str(cell.status),
                    )
                    for cell in ([] if age.suppressed else age.cells)
                ),
            )
        )
    return result
