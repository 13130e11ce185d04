"""Reads of the portfolio: catalogue search, the tree, Three Horizons and backcasting."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone

from samfunnslab.community_models.models import CommunityModel, FunctionKey
from samfunnslab.portfolio.models import Horizon, Initiative, Milestone, Pilot, PortfolioNode

FUNCTION_LABELS = dict(FunctionKey.choices)


def initiatives_search(
    initiatives: QuerySet[Initiative],
    *,
    q: str = "",
    function: str = "",
    tag: str = "",
    kommune_version: str = "",
) -> list[Initiative]:
    """Filter initiatives by free text, function, tag and Kommune-version."""
    q = q.strip()[:200]
    if q:
        initiatives = initiatives.filter(
            Q(title__icontains=q)
            | Q(description__icontains=q)
            | Q(place__icontains=q)
            | Q(actors__icontains=q)
        )
    if kommune_version:
        initiatives = initiatives.filter(kommune_version=kommune_version)
    result = list(initiatives.order_by("title"))
    if function:
        result = [i for i in result if function in i.functions]
    if tag:
        result = [i for i in result if tag.lower() in (t.lower() for t in i.tags)]
    return result


def all_tags(initiatives: Iterable[Initiative]) -> list[str]:
    """Return every tag used, sorted."""
    return sorted({t for i in initiatives for t in i.tags}, key=str.lower)


def function_labels(keys: Iterable[str]) -> list[str]:
    """Return the Norwegian labels of function keys."""
    return [str(FUNCTION_LABELS.get(k, k)) for k in keys]


@dataclass(frozen=True)
class TreeNode:
    """A portfolio node with its children and pilots."""

    node: PortfolioNode
    children: tuple[TreeNode, ...]
    pilots: tuple[Pilot, ...]


def portfolio_tree(nodes: QuerySet[PortfolioNode], pilots: QuerySet[Pilot]) -> list[TreeNode]:
    """Return the portfolio as a tree of challenges → … → visions, with pilots attached."""
    all_nodes = list(nodes.order_by("position", "id"))
    by_parent: dict[int | None, list[PortfolioNode]] = {}
    for node in all_nodes:
        by_parent.setdefault(node.parent_id, []).append(node)
    pilots_by_node: dict[int | None, list[Pilot]] = {}
    for pilot in pilots:
        pilots_by_node.setdefault(pilot.node_id, []).append(pilot)

    def build(node: PortfolioNode) -> TreeNode:
        children = tuple(build(child) for child in by_parent.get(node.pk, []))
        return TreeNode(node, children, tuple(pilots_by_node.get(node.pk, [])))

    return [build(root) for root in by_parent.get(None, [])]


@dataclass(frozen=True)
class HorizonItem:
    """One thing placed on the Three Horizons: a pilot, an initiative, a node or a model."""

    kind: str
    title: str
    url: str


@dataclass(frozen=True)
class HorizonColumn:
    """One horizon and what is placed on it."""

    key: str
    label: str
    items: tuple[HorizonItem, ...]


def three_horizons(
    pilots: Iterable[Pilot],
    initiatives: Iterable[Initiative],
    nodes: Iterable[PortfolioNode],
    models: Iterable[CommunityModel],
    urls: dict[str, Callable[[int], str]],
) -> list[HorizonColumn]:
    """Return H1, H2−, H2+ and H3 with the items placed on them (models are H3 by nature)."""
    placed: dict[str, list[HorizonItem]] = {key: [] for key, _label in Horizon.choices if key}
    for pilot in pilots:
        if pilot.horizon:
            placed[pilot.horizon].append(HorizonItem("Pilot", pilot.title, urls["pilot"](pilot.pk)))
    for initiative in initiatives:
        if initiative.horizon:
            placed[initiative.horizon].append(
                HorizonItem("Initiativ", initiative.title, urls["initiative"](initiative.pk))
            )
    for node in nodes:
        if node.horizon:
            placed[node.horizon].append(HorizonItem(node.get_level_display(), node.title, ""))
    for model in models:
        placed[Horizon.H3].append(HorizonItem("Modell", model.name, urls["model"](model.pk)))
    labels = dict(Horizon.choices)
    return [HorizonColumn(key, str(labels[key]), tuple(items)) for key, items in placed.items()]


@dataclass(frozen=True)
class BackcastYear:
    """One year on the way back from the horizon: the milestones due then."""

    year: int
    milestones: tuple[Milestone, ...]


def backcasting(model: CommunityModel, milestones: Sequence[Milestone]) -> list[BackcastYear]:
    """Return the timeline from the model's horizon year back to now, five years per step."""
    now = timezone.localdate().year
    years = sorted({model.horizon_year, now, *range(model.horizon_year, now, -5)}, reverse=True)
    years = sorted({*years, *(m.year for m in milestones)}, reverse=True)
    return [
        BackcastYear(year, tuple(m for m in milestones if m.year == year))
        for year in years
        if now <= year <= model.horizon_year
    ]
