"""Reads for community models: the diagram, the comparison of 2–3 models and list helpers."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from samfunnslab.community_models import diagram, engine
from samfunnslab.community_models.models import (
    AssumptionStatus,
    CommunityModel,
    Element,
    ElementKind,
    FunctionKey,
    Relation,
    RelationKind,
    Role,
    RoleKind,
    Sector,
)
from samfunnslab.core import lang

MAX_COMPARED = 3
# The roles shown in a role-matrix cell, in this order (receivers are listed in the model itself).
MATRIX_ROLES = (
    RoleKind.PROVIDES,
    RoleKind.DECIDES,
    RoleKind.FINANCES,
    RoleKind.COORDINATES,
    RoleKind.CO_CREATES,
)


# --------------------------------------------------------------------------- diagram


@dataclass(frozen=True)
class LoopView:
    """A loop as shown to people: code (R1), type word and the chain of names."""

    code: str
    type: str
    type_label: str
    chain: str


@dataclass(frozen=True)
class DiagramView:
    """The SVG and its text alternative."""

    svg: SafeString
    loops: tuple[LoopView, ...]
    roles: tuple[SafeString, ...]
    relations: tuple[SafeString, ...]
    elements: tuple[tuple[str, tuple[SafeString, ...]], ...]


def diagram_texts(model: CommunityModel) -> diagram.Texts:
    """Return the translated words of the diagram."""
    return diagram.Texts(
        title=_("Diagram over modellen «%(name)s»") % {"name": model.name},
        reinforcing=_("forsterkende"),
        balancing=_("balanserende"),
        loops_heading=_("Sløyfer"),
        columns=(_("Aktører og institusjoner"), _("Funksjoner"), _("Ressurser og faktorer")),
        empty=_("Modellen har ingen elementer ennå."),
        summary=_("{nodes} elementer, {roles} roller og {relations} relasjoner."),
    )


def _caption(element: Element) -> str:
    """Return the small line under an element's name: sector, or kind."""
    if element.sector:
        return str(element.get_sector_display())
    if element.kind == ElementKind.FUNCTION and element.kommune_version:
        return f"{_('Funksjon')} · {_('Kommune')} {element.kommune_version}"
    return str(element.get_kind_display())


def graph_of(model: CommunityModel) -> tuple[list[diagram.Node], list[diagram.Edge]]:
    """Return the model's elements, roles and relations as diagram nodes and edges."""
    elements = list(model.elements.all())
    nodes = [diagram.Node(str(e.pk), e.label, e.kind, e.sector, _caption(e)) for e in elements]
    edges = [
        diagram.Edge(
            str(r.actor_id),
            str(r.function_id),
            "role",
            str(r.get_kind_display()).lower(),
            is_role=True,
        )
        for r in model.roles.all()
    ]
    edges += [
        diagram.Edge(
            str(r.source_id),
            str(r.target_id),
            r.kind,
            "" if r.kind == RelationKind.CAUSAL else str(r.get_kind_display()).lower(),
            r.polarity,
        )
        for r in model.relations.all()
    ]
    return nodes, edges


def loops_of(model: CommunityModel) -> tuple[LoopView, ...]:
    """Return the model's causal loops, R (reinforcing) or B (balancing)."""
    nodes, edges = graph_of(model)
    found = diagram.find_loops(edges, order=[n.id for n in nodes])
    labels = {n.id: n.label for n in nodes}
    words = {"R": _("forsterkende"), "B": _("balanserende")}
    return tuple(
        LoopView(code, kind, words[kind], chain)
        for code, kind, chain in diagram.loop_labels(found, labels)
    )


def diagram_view(model: CommunityModel, *, svg_id: str = "diagram") -> DiagramView:
    """Return the accessible SVG diagram of a model with its text alternative."""
    nodes, edges = graph_of(model)
    found = diagram.find_loops(edges, order=[n.id for n in nodes])
    svg = diagram.render_svg(nodes, edges, found, texts=diagram_texts(model), svg_id=svg_id)
    return DiagramView(
        svg=mark_safe(svg),  # noqa: S308 - built by diagram.py, every text escaped
        loops=loops_of(model),
        roles=tuple(role_html(r) for r in model.roles.select_related("actor", "function")),
        relations=tuple(
            relation_html(r) for r in model.relations.select_related("source", "target")
        ),
        elements=_elements_by_kind(model),
    )


def _elements_by_kind(model: CommunityModel) -> tuple[tuple[str, tuple[SafeString, ...]], ...]:
    """Return (kind heading, names (marked lang="nb") with sector) for each kind that has elements."""
    groups: dict[str, list[SafeString]] = {}
    for element in model.elements.all():
        name = (
            format_html("{} ({})", bokmal(element.label), element.get_sector_display())
            if element.sector
            else bokmal(element.label)
        )
        groups.setdefault(str(element.get_kind_display()), []).append(name)
    return tuple((kind, tuple(names)) for kind, names in groups.items())


def bokmal(text: str) -> SafeString:
    """Return a name the model's makers wrote (in bokmål) as <span lang="nb">, escaped (WCAG 3.1.2)."""
    return lang.in_lang(text, "nb")


ROLE_SENTENCE = "{}{} – {} – {}"
RELATION_SENTENCE = "{} → {} ({}{}{})"


def _role_words(role: Role) -> tuple[str, str, str, str]:
    """Return the actor's name, its sector in brackets, the kind of role and the function's name."""
    sector = f" ({role.actor.get_sector_display().lower()})" if role.actor.sector else ""
    return role.actor.label, sector, str(role.get_kind_display()).lower(), role.function.label


def role_sentence(role: Role) -> str:
    """Return 'Hjemmetjenesten (offentlig) – utfører – Omsorg for eldre'."""
    return ROLE_SENTENCE.format(*_role_words(role))


def role_html(role: Role) -> SafeString:
    """Return the role sentence with the names in bokmål marked lang="nb" inside the interface's words."""
    actor, sector, kind, function = _role_words(role)
    return format_html(ROLE_SENTENCE, bokmal(actor), sector, kind, bokmal(function))


def _relation_words(relation: Relation) -> tuple[str, str, str, str, str]:
    """Return the two names, the kind of relation, its polarity and whether it is delayed."""
    polarity = f", {relation.polarity.replace('-', '−')}" if relation.polarity else ""
    delay = _(", forsinket") if relation.delay else ""
    kind = str(relation.get_kind_display()).lower()
    return relation.source.label, relation.target.label, kind, polarity, delay


def relation_sentence(relation: Relation) -> str:
    """Return 'A → B (påvirker (årsak), +)'."""
    return RELATION_SENTENCE.format(*_relation_words(relation))


def relation_html(relation: Relation) -> SafeString:
    """Return the relation sentence with the two names marked lang="nb"."""
    source, target, *words = _relation_words(relation)
    return format_html(RELATION_SENTENCE, bokmal(source), bokmal(target), *words)


# --------------------------------------------------------------------------- comparison


@dataclass(frozen=True)
class RoleEntry:
    """One actor in one role, with its sector (shown as colour and as text)."""

    role: str
    role_label: str
    actor: str
    sector: str
    sector_label: str


@dataclass(frozen=True)
class MatrixCell:
    """What a model says about a function; `differs` when it differs from the first model."""

    entries: tuple[RoleEntry, ...]
    kommune_version: str
    differs: bool
    main_sector: str
    main_sector_label: str


@dataclass(frozen=True)
class MatrixRow:
    """One function across the compared models."""

    key: str
    label: str
    cells: tuple[MatrixCell, ...]
    differs: bool
    version_differs: bool


@dataclass(frozen=True)
class NumberCell:
    """A model's (or the baseline's) value of one indicator in one year, with the change."""

    value: float
    change: float | None
    differs: bool


@dataclass(frozen=True)
class NumberRow:
    """One indicator in one year for every model, after the baseline."""

    indicator: str
    label: str
    unit: str
    year: int
    baseline: float
    cells: tuple[NumberCell, ...]
    better_when: str


@dataclass(frozen=True)
class Comparison:
    """Everything the comparison page shows."""

    models: tuple[CommunityModel, ...]
    matrix: tuple[MatrixRow, ...]
    loops: tuple[tuple[LoopView, ...], ...]
    figures: tuple[engine.Figures, ...]
    baselines: dict[str, engine.Figures]
    numbers: tuple[NumberRow, ...]
    flipped: tuple[tuple[str, ...], ...]
    parameters: tuple[tuple[str, str, tuple[float, ...], bool], ...] = field(default_factory=tuple)

    @property
    def source_labels(self) -> tuple[str, ...]:
        """Return each model's data series once, in order (models on one series name it once)."""
        return tuple(dict.fromkeys(str(f.label) for f in self.figures))


def _function_key(element: Element) -> str:
    """Return the key that matches a function across models (its type, or its name for 'other')."""
    if element.function_key and element.function_key != FunctionKey.OTHER:
        return element.function_key
    return "label:" + element.label.strip().lower()


def _cell(model: CommunityModel, function: Element | None) -> tuple[tuple[RoleEntry, ...], str]:
    """Return the role entries and the Kommune version of one function in one model."""
    if function is None:
        return (), ""
    roles = [
        r for r in model.roles.all() if r.function_id == function.pk and r.kind in MATRIX_ROLES
    ]
    roles.sort(key=lambda r: (MATRIX_ROLES.index(r.kind), r.actor.position, r.actor.label))
    entries = tuple(
        RoleEntry(
            r.kind,
            str(r.get_kind_display()),
            r.actor.label,
            r.actor.sector,
            str(r.actor.get_sector_display()) if r.actor.sector else "",
        )
        for r in roles
    )
    return entries, function.kommune_version


def _signature(entries: Sequence[RoleEntry]) -> frozenset[tuple[str, str]]:
    """Return what must be equal for two cells to count as the same: (role, actor name)."""
    return frozenset((e.role, e.actor.strip().lower()) for e in entries)


def _main_sector(entries: Sequence[RoleEntry]) -> str:
    """Return the sector of the providers (most common), else of anyone in the cell."""
    providers = [e.sector for e in entries if e.role == RoleKind.PROVIDES and e.sector]
    pool = providers or [e.sector for e in entries if e.sector]
    return Counter(pool).most_common(1)[0][0] if pool else ""


def role_matrix(models: Sequence[CommunityModel]) -> tuple[MatrixRow, ...]:
    """Return functions × models, each cell with its roles; cells unlike the first model flagged."""
    functions: list[dict[str, Element]] = []
    order: dict[str, str] = {}
    for model in models:
        by_key = {}
        for element in model.elements.filter(kind=ElementKind.FUNCTION):
            key = _function_key(element)
            by_key[key] = element
            order.setdefault(key, element.label)
        functions.append(by_key)
    sectors = dict(Sector.choices)
    rows = []
    for key, label in order.items():
        cells_raw = [_cell(m, f.get(key)) for m, f in zip(models, functions, strict=True)]
        first_sig = _signature(cells_raw[0][0])
        cells = tuple(
            MatrixCell(
                entries,
                version,
                _signature(entries) != first_sig,
                _main_sector(entries),
                str(sectors.get(_main_sector(entries), "")),
            )
            for entries, version in cells_raw
        )
        versions = {version for _, version in cells_raw}
        rows.append(MatrixRow(key, label, cells, any(c.differs for c in cells), len(versions) > 1))
    return tuple(rows)


# Labels and units are translated when shown (`_(label)`); gettext_noop puts them in the catalogues.
NUMBER_INDICATORS = (
    ("aged_80_plus", gettext_noop("Innbyggere 80 år og eldre"), gettext_noop("personer"), "none"),
    (
        "old_age_support_ratio",
        gettext_noop("Aldersbæreevne (20–66 år per 67+)"),
        gettext_noop("personer"),
        "higher",
    ),
    (
        "care_fte_need",
        gettext_noop("Behov for årsverk i helse og omsorg"),
        gettext_noop("årsverk"),
        "lower",
    ),
    (
        "care_fte_gap",
        gettext_noop("Gap: behov minus tilgjengelige årsverk"),
        gettext_noop("årsverk"),
        "lower",
    ),
)


def numbers_panel(
    models: Sequence[CommunityModel],
    figures: Sequence[engine.Figures],
    baselines: dict[str, engine.Figures],
) -> tuple[NumberRow, ...]:
    """Return indicator × year rows: baseline, then each model with its change from the baseline."""
    rows = []
    for key, label, unit, better in NUMBER_INDICATORS:
        for year in engine.REPORT_YEARS:
            base = getattr(baselines[models[0].municipality_code].at(year), key)
            cells = []
            for model, fig in zip(models, figures, strict=True):
                own_base = getattr(baselines[model.municipality_code].at(year), key)
                value = getattr(fig.at(year), key)
                change = value - own_base
                scale = max(abs(own_base), 1.0)
                cells.append(NumberCell(value, change, abs(change) / scale >= 0.005))
            rows.append(NumberRow(key, _(label), _(unit), year, base, tuple(cells), better))
    return tuple(rows)


def parameter_rows(
    models: Sequence[CommunityModel],
) -> tuple[tuple[str, str, tuple[float, ...], bool], ...]:
    """Return (label, unit, values per model, differs) for every engine parameter."""
    from samfunnslab.community_models.parameters import PARAMETERS

    rows = []
    for spec in PARAMETERS:
        values = tuple(float(m.parameters.get(spec.key, spec.default)) for m in models)
        rows.append((str(spec.label), str(spec.unit), values, len(set(values)) > 1))
    return tuple(rows)


def comparison(models: Sequence[CommunityModel]) -> Comparison:
    """Compare 2–3 models: role matrix, Kommune strip, loops, narrative and the numbers panel."""
    models = tuple(models)
    figures = tuple(engine.model_figures(m) for m in models)
    baselines = {m.municipality_code: engine.baseline_figures(m.municipality_code) for m in models}
    flipped = tuple(
        tuple(
            f"{a.text} → {a.instead}" if a.instead else a.text
            for a in m.assumptions.filter(status=AssumptionStatus.FLIPPED)
        )
        for m in models
    )
    return Comparison(
        models=models,
        matrix=role_matrix(models),
        loops=tuple(loops_of(m) for m in models),
        figures=figures,
        baselines=baselines,
        numbers=numbers_panel(models, figures, baselines),
        flipped=flipped,
        parameters=parameter_rows(models),
    )


MODEL_INDICATORS = (
    *NUMBER_INDICATORS,
    (
        "every_nth_worker",
        gettext_noop("Hver n-te sysselsatt trengs i helse og omsorg"),
        "",
        "higher",
    ),
)
DECIMALS = {"old_age_support_ratio": 2, "every_nth_worker": 1}


@dataclass(frozen=True)
class ModelNumber:
    """One indicator in one report year: baseline, the model, the change and whether it differs."""

    key: str
    label: str
    year: int
    baseline: float
    value: float
    change: float
    differs: bool
    decimals: int


def model_numbers(figures: engine.Figures, baseline: engine.Figures) -> tuple[ModelNumber, ...]:
    """Return the numbers panel of one model: indicator × report year against the baseline."""
    rows = []
    for key, label, _unit, _better in MODEL_INDICATORS:
        for year in engine.REPORT_YEARS:
            base = getattr(baseline.at(year), key)
            value = getattr(figures.at(year), key)
            change = value - base
            rows.append(
                ModelNumber(
                    key,
                    _(label),
                    year,
                    base,
                    value,
                    change,
                    abs(change) / max(abs(base), 1.0) >= 0.005,
                    DECIMALS.get(key, 0),
                )
            )
    return tuple(rows)


def elements_of(model: CommunityModel, *, kinds: Sequence[str] = ()) -> list[Element]:
    """Return a model's elements (optionally only some kinds), in diagram order; for the lab."""
    elements = model.elements.all()
    return list(elements.filter(kind__in=kinds) if kinds else elements)


# --------------------------------------------------------------------------- for the lab

# The element kinds the lab tests against framework conditions (values and outcomes are not).
TESTABLE_ELEMENT_KINDS = (ElementKind.ACTOR, ElementKind.INSTITUTION, ElementKind.FUNCTION)


@dataclass(frozen=True)
class TestableElement:
    """A part of a model the lab can test: an actor/institution/function, a role or a relation."""

    __test__ = False  # not a pytest test class

    kind: str  # "element", "role" or "relation"
    pk: int
    group: str  # e.g. "Aktør", "Rolle", "Relasjon"
    label: str  # a sentence all in bokmål, e.g. "Hjemmetjenesten (offentlig) – utfører – Omsorg"
    html: SafeString  # the sentence in the interface's words, the names marked lang="nb"

    @property
    def key(self) -> str:
        """Return a stable key such as 'role:3'."""
        return f"{self.kind}:{self.pk}"


def lab_testable_elements(model: CommunityModel) -> list[TestableElement]:
    """Return the model's actors, institutions and functions, then its roles, then its relations."""
    items = [
        TestableElement("element", e.pk, str(e.get_kind_display()), e.label, bokmal(e.label))
        for e in model.elements.filter(kind__in=TESTABLE_ELEMENT_KINDS)
    ]
    # A choice (an <option>) holds plain text only: roles and relations are said all in bokmål.
    for role in model.roles.select_related("actor", "function"):
        with translation.override("nb"):
            label = role_sentence(role)
        items.append(TestableElement("role", role.pk, _("Rolle"), label, role_html(role)))
    for relation in model.relations.select_related("source", "target"):
        with translation.override("nb"):
            label = relation_sentence(relation)
        items.append(
            TestableElement("relation", relation.pk, _("Relasjon"), label, relation_html(relation))
        )
    return items


def team_models(activity_id: int) -> list[CommunityModel]:
    """Return the model teams formed from one opinion map, one per group, in letter order."""
    return list(
        CommunityModel.objects.filter(source_activity_id=activity_id).order_by("source_group", "pk")
    )


def team_of(model: CommunityModel) -> list[CommunityModel]:
    """Return the models formed from the same opinion map as this one (itself included)."""
    return team_models(model.source_activity_id) if model.source_activity_id else []
