"""Reads of the lab: register search, the exercise matrix, ratings side by side and summaries."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.utils.safestring import SafeString

from samfunnslab.community_models import selectors as community_selectors
from samfunnslab.community_models.models import CommunityModel
from samfunnslab.lab import rules
from samfunnslab.lab.models import (
    ElementRefKind,
    Finding,
    FindingType,
    FrameworkCondition,
    LabExercise,
    Level,
    Rating,
    Room,
)


def register_search(
    conditions: QuerySet[FrameworkCondition], *, q: str = "", level: str = "", type: str = ""
) -> QuerySet[FrameworkCondition]:
    """Filter register entries by free text, level and type."""
    q = q.strip()[:200]
    if q:
        conditions = conditions.filter(
            Q(title__icontains=q) | Q(summary__icontains=q) | Q(reference__icontains=q)
        )
    if level in Level.values:
        conditions = conditions.filter(level=level)
    if type:
        conditions = conditions.filter(type=type)
    return conditions.order_by("organisation_id", "title")


@dataclass(frozen=True)
class ElementRef:
    """A model element the lab can test: an element, a role or a relation."""

    key: str
    kind: str
    group: str
    label: str  # all in bokmål, for a choice (plain text)
    html: SafeString  # in the interface's words, the model's names marked lang="nb"


def model_element_refs(model: CommunityModel) -> list[ElementRef]:
    """Return the model's roles, institutions, relations and functions as lab rows."""
    return [
        ElementRef(item.key, item.kind, item.group, item.label, item.html)
        for item in community_selectors.lab_testable_elements(model)
    ]


def element_ref_groups(model: CommunityModel) -> list[tuple[str, list[ElementRef]]]:
    """Return the model's lab rows under their group (actor, function, role …), first seen first."""
    groups: dict[str, list[ElementRef]] = {}
    for ref in model_element_refs(model):
        groups.setdefault(ref.group, []).append(ref)
    return list(groups.items())


def finding_ref_key(finding: Finding) -> str:
    """Return the element reference key of a finding, e.g. 'role:3'."""
    target_id = {
        ElementRefKind.ELEMENT: finding.element_id,
        ElementRefKind.ROLE: finding.role_id,
        ElementRefKind.RELATION: finding.relation_id,
    }.get(finding.ref_kind)  # type: ignore[call-overload]
    return f"{finding.ref_kind}:{target_id}"


@dataclass(frozen=True)
class FindingView:
    """A finding with its ratings side by side."""

    finding: Finding
    ratings: tuple[Rating, ...]
    severity_mean: float | None
    certainty_mean: float | None
    severity_spread: int
    certainty_spread: int

    @property
    def disagreement(self) -> bool:
        """Return whether raters are two or more points apart on either scale."""
        return max(self.severity_spread, self.certainty_spread) >= rules.DISAGREEMENT_SPREAD

    @property
    def limits(self) -> rules.LimitCheck:
        """Return the forsøksloven § 4 check for this finding."""
        f = self.finding
        return rules.check_limits(
            f.condition.reference, " ".join((f.description, f.proposed_action, f.condition.title))
        )


def finding_view(finding: Finding) -> FindingView:
    """Return one finding with its ratings, averages and spreads."""
    ratings = tuple(finding.ratings.all())
    severities = [r.severity for r in ratings]
    certainties = [r.certainty for r in ratings]
    return FindingView(
        finding=finding,
        ratings=ratings,
        severity_mean=rules.mean(severities),
        certainty_mean=rules.mean(certainties),
        severity_spread=rules.spread(severities),
        certainty_spread=rules.spread(certainties),
    )


def finding_views(findings: Iterable[Finding]) -> list[FindingView]:
    """Return finding views for many findings."""
    return [finding_view(f) for f in findings]


def exercise_findings(exercise: LabExercise) -> QuerySet[Finding]:
    """Return the exercise's findings with what their views need."""
    return exercise.findings.select_related("condition").prefetch_related("ratings")


@dataclass(frozen=True)
class MatrixRow:
    """One model element and its findings per framework condition."""

    ref: ElementRef
    cells: tuple[tuple[FindingView, ...], ...]


def exercise_matrix(exercise: LabExercise, views: Sequence[FindingView]) -> list[MatrixRow]:
    """Return the elements × conditions matrix of an exercise."""
    conditions = list(exercise.conditions.all())
    by_cell: dict[tuple[str, int], list[FindingView]] = {}
    for view in views:
        key = (finding_ref_key(view.finding), view.finding.condition_id)
        by_cell.setdefault(key, []).append(view)
    return [
        MatrixRow(ref, tuple(tuple(by_cell.get((ref.key, c.pk), ())) for c in conditions))
        for ref in model_element_refs(exercise.model)
    ]


@dataclass(frozen=True)
class Count:
    """A labelled count."""

    key: str
    label: str
    count: int


def _counts(values: Iterable[str], choices: type) -> list[Count]:
    """Return one count per choice, in the choices' order."""
    counter = Counter(values)
    return [Count(str(v), str(label), counter.get(v, 0)) for v, label in choices.choices]


@dataclass(frozen=True)
class Summary:
    """What a lab exercise found, for a council or a board."""

    exercise: LabExercise
    total: int
    by_type: list[Count]
    by_level: list[Count]
    by_room: list[Count]
    disagreements: list[FindingView]
    top_barriers: list[FindingView]
    needs_forsok: list[FindingView] = field(default_factory=list)


def exercise_summary(exercise: LabExercise) -> Summary:
    """Return counts by type, level and room for manoeuvre, plus disagreements and top barriers."""
    views = finding_views(exercise_findings(exercise))
    barriers = [v for v in views if v.finding.finding_type == FindingType.BARRIER]
    barriers.sort(key=lambda v: -(v.severity_mean or 0))
    return Summary(
        exercise=exercise,
        total=len(views),
        by_type=_counts((v.finding.finding_type for v in views), FindingType),
        by_level=_counts((v.finding.condition.level for v in views), Level),
        by_room=_counts((v.finding.room for v in views), Room),
        disagreements=[v for v in views if v.disagreement],
        top_barriers=barriers[:5],
        needs_forsok=[v for v in views if v.finding.room == Room.FORSOK],
    )


@dataclass(frozen=True)
class ModelTakes:
    """What it would take to realise one model: findings per room for manoeuvre."""

    model: CommunityModel
    by_room: list[Count]
    barriers: int
    opportunities: int
    findings: int  # all findings on the model, whatever their type


def what_it_takes(
    models: Sequence[CommunityModel], exercises: QuerySet[LabExercise]
) -> list[ModelTakes]:
    """Return, per model, how many findings need each kind of room for manoeuvre."""
    result = []
    for model in models:
        findings = Finding.objects.filter(exercise__in=exercises.filter(model=model))
        types = Counter(findings.values_list("finding_type", flat=True))
        result.append(
            ModelTakes(
                model=model,
                by_room=_counts(findings.values_list("room", flat=True), Room),
                barriers=types.get(FindingType.BARRIER, 0),
                opportunities=types.get(FindingType.OPPORTUNITY, 0),
                findings=sum(types.values()),
            )
        )
    return result


@dataclass(frozen=True)
class ModelMatrix:
    """One model's findings as a matrix: the elements that have findings × the conditions tested."""

    model: CommunityModel
    conditions: tuple[FrameworkCondition, ...]
    rows: tuple[MatrixRow, ...]
    untouched: int  # elements the lab can test but where no finding has been recorded yet


def model_findings_matrix(model: CommunityModel, exercises: QuerySet[LabExercise]) -> ModelMatrix:
    """Return the findings of all the model's (visible) exercises as one elements × conditions matrix."""
    findings = list(
        Finding.objects.filter(exercise__in=exercises.filter(model=model))
        .select_related("condition")
        .prefetch_related("ratings")
        .order_by("condition__title", "pk")
    )
    views = finding_views(findings)
    conditions = tuple({v.finding.condition_id: v.finding.condition for v in views}.values())
    by_cell: dict[tuple[str, int], list[FindingView]] = {}
    for view in views:
        by_cell.setdefault((finding_ref_key(view.finding), view.finding.condition_id), []).append(
            view
        )
    refs = model_element_refs(model)
    rows = tuple(
        MatrixRow(ref, tuple(tuple(by_cell.get((ref.key, c.pk), ())) for c in conditions))
        for ref in refs
        if any((ref.key, c.pk) in by_cell for c in conditions)
    )
    return ModelMatrix(model, conditions, rows, untouched=len(refs) - len(rows))


def forsok_findings(exercise: LabExercise) -> list[FindingView]:
    """Return the findings that need a forsøk under forsøksloven."""
    return finding_views(exercise_findings(exercise).filter(room=Room.FORSOK))
