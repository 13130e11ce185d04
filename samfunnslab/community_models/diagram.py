"""Diagram of a community model: deterministic layout, causal loops (R/B) and accessible SVG.

Pure module (standard library only). The caller passes plain nodes and edges with labels already
translated; the same input always gives the same SVG, byte for byte.

Layout: three columns, actors and institutions on the left, functions in the middle, resources and
factors on the right. The middle column keeps the caller's order; the outer columns are ordered by
the barycentre of their neighbours (ties by input order) to keep lines short and crossings few.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

NODE_WIDTH = 190
NODE_HEIGHT = 56
ROW_GAP = 22
COLUMN_X = (16, 356, 696)
TOP = 64
RIGHT_MARGIN = 150
LABEL_CHARS = 23
FONT = "system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif"
MAX_LOOPS = 40
MAX_LOOP_LENGTH = 10

COLUMN_OF_KIND = {"actor": 0, "institution": 0, "function": 1, "resource": 2, "factor": 2}
SECTOR_COLOURS = {
    "public": "#1E5AA8",
    "civil": "#2E7D32",
    "private": "#B3471A",
    "family": "#6A3D9A",
}
KIND_COLOURS = {"function": "#00707A", "resource": "#555555", "factor": "#8C6D00"}
DEFAULT_COLOUR = "#444444"


@dataclass(frozen=True)
class Node:
    """An element drawn as a box: id, label, kind and (for actors) sector, with display words."""

    id: str
    label: str
    kind: str
    sector: str = ""
    caption: str = ""


@dataclass(frozen=True)
class Edge:
    """A directed line: a role (actor → function) or a relation; causal edges carry a polarity."""

    source: str
    target: str
    kind: str
    label: str = ""
    polarity: str = ""
    is_role: bool = False


@dataclass(frozen=True)
class Loop:
    """A causal loop: node ids in order, R (reinforcing) or B (balancing) by the polarity product."""

    nodes: tuple[str, ...]
    type: str
    negatives: int


@dataclass(frozen=True)
class Placed:
    """A node with its box position."""

    node: Node
    x: float
    y: float

    @property
    def centre_y(self) -> float:
        """Return the vertical middle of the box."""
        return self.y + NODE_HEIGHT / 2


@dataclass(frozen=True)
class Layout:
    """Positioned nodes, the edges between them and the canvas size."""

    placed: dict[str, Placed]
    edges: tuple[Edge, ...]
    width: int
    height: int


@dataclass(frozen=True)
class Texts:
    """The words the SVG needs, passed in translated."""

    title: str = "Diagram over modellen"
    reinforcing: str = "forsterkende"
    balancing: str = "balanserende"
    loops_heading: str = "Sløyfer"
    columns: tuple[str, str, str] = (
        "Aktører og institusjoner",
        "Funksjoner",
        "Ressurser og faktorer",
    )
    empty: str = "Modellen har ingen elementer ennå."
    summary: str = "{nodes} elementer, {roles} roller og {relations} relasjoner."


# --------------------------------------------------------------------------- loops


def causal_graph(edges: Iterable[Edge]) -> dict[str, dict[str, str]]:
    """Return source → {target: polarity} for causal edges with a polarity."""
    graph: dict[str, dict[str, str]] = defaultdict(dict)
    for edge in edges:
        if edge.kind == "causal" and edge.polarity in ("+", "-") and not edge.is_role:
            graph[edge.source][edge.target] = edge.polarity
    return graph


def find_loops(edges: Iterable[Edge], order: Sequence[str] = ()) -> tuple[Loop, ...]:
    """Return the elementary causal loops, each starting at its first node in `order`.

    A loop with an even number of negative links is reinforcing (R), odd is balancing (B).
    Enumeration stops after MAX_LOOPS loops or MAX_LOOP_LENGTH links, to stay fast on big maps.
    """
    graph = causal_graph(edges)
    nodes = sorted(
        set(graph) | {t for targets in graph.values() for t in targets}, key=_rank(order)
    )
    rank = {node: i for i, node in enumerate(nodes)}
    loops: list[Loop] = []
    for start in nodes:
        _extend(graph, rank, start, [start], loops)
        if len(loops) >= MAX_LOOPS:
            break
    return tuple(loops[:MAX_LOOPS])


def _rank(order: Sequence[str]) -> Callable[[str], tuple[int, str]]:
    """Return a sort key: position in `order`, then the id itself."""
    position = {node: i for i, node in enumerate(order)}
    return lambda node: (position.get(node, len(position)), node)


def _extend(
    graph: dict[str, dict[str, str]],
    rank: dict[str, int],
    start: str,
    path: list[str],
    loops: list[Loop],
) -> None:
    """Depth-first search for paths back to `start` through nodes ranked after it."""
    for nxt in sorted(graph.get(path[-1], {}), key=rank.__getitem__):
        if len(loops) >= MAX_LOOPS:
            return
        if nxt == start:
            loops.append(_loop(graph, tuple(path)))
        elif rank[nxt] > rank[start] and nxt not in path and len(path) < MAX_LOOP_LENGTH:
            path.append(nxt)
            _extend(graph, rank, start, path, loops)
            path.pop()


def _loop(graph: dict[str, dict[str, str]], nodes: tuple[str, ...]) -> Loop:
    """Build a Loop and classify it by counting negative links."""
    links = zip(nodes, nodes[1:] + nodes[:1], strict=True)
    negatives = sum(1 for a, b in links if graph[a][b] == "-")
    return Loop(nodes, "R" if negatives % 2 == 0 else "B", negatives)


def find_path(edges: Iterable[tuple[str, str]], start: str, goal: str) -> tuple[str, ...] | None:
    """Return a directed path from start to goal (breadth first, sorted), or None."""
    graph: dict[str, list[str]] = defaultdict(list)
    for source, target in edges:
        graph[source].append(target)
    previous: dict[str, str | None] = {start: None}
    queue = [start]
    while queue:
        node = queue.pop(0)
        if node == goal:
            return _walk_back(previous, goal)
        for nxt in sorted(graph[node]):
            if nxt not in previous:
                previous[nxt] = node
                queue.append(nxt)
    return None


def _walk_back(previous: dict[str, str | None], goal: str) -> tuple[str, ...]:
    """Return the path that ends at goal, following the `previous` links."""
    path: list[str] = []
    node: str | None = goal
    while node is not None:
        path.append(node)
        node = previous[node]
    return tuple(reversed(path))


# --------------------------------------------------------------------------- layout


def layout(nodes: Sequence[Node], edges: Sequence[Edge]) -> Layout:
    """Place nodes in three columns, ordering the outer ones by their neighbours' barycentre."""
    columns: list[list[Node]] = [[], [], []]
    for node in nodes:
        columns[COLUMN_OF_KIND.get(node.kind, 2)].append(node)
    known = {node.id for node in nodes}
    drawn = tuple(
        e for e in edges if e.source in known and e.target in known and e.source != e.target
    )
    neighbours: dict[str, list[str]] = defaultdict(list)
    for edge in drawn:
        neighbours[edge.source].append(edge.target)
        neighbours[edge.target].append(edge.source)
    rows = {node.id: i for i, node in enumerate(columns[1])}
    for index in (0, 2):
        columns[index] = _by_barycentre(columns[index], neighbours, rows)
        rows.update({node.id: i for i, node in enumerate(columns[index])})
    placed = {}
    for index, column in enumerate(columns):
        for row, node in enumerate(column):
            placed[node.id] = Placed(node, COLUMN_X[index], TOP + row * (NODE_HEIGHT + ROW_GAP))
    tallest = max((len(c) for c in columns), default=0)
    height = TOP + max(tallest, 1) * (NODE_HEIGHT + ROW_GAP) + 16
    # Room on the right for lines that loop between boxes in the same column.
    return Layout(placed, drawn, COLUMN_X[2] + NODE_WIDTH + RIGHT_MARGIN, height)


def _by_barycentre(
    column: list[Node], neighbours: dict[str, list[str]], rows: dict[str, int]
) -> list[Node]:
    """Sort a column by the mean row of already placed neighbours; unconnected keep their order."""

    def key(item: tuple[int, Node]) -> tuple[float, int]:
        index, node = item
        placed = [rows[n] for n in neighbours.get(node.id, ()) if n in rows]
        centre = sum(placed) / len(placed) if placed else float(index)
        return (centre, index)

    return [node for _, node in sorted(enumerate(column), key=key)]


# --------------------------------------------------------------------------- SVG


def render_svg(
    nodes: Sequence[Node],
    edges: Sequence[Edge],
    loops: Sequence[Loop] = (),
    *,
    texts: Texts | None = None,
    svg_id: str = "diagram",
) -> str:
    """Return the diagram as an SVG string with role="img", <title> and <desc>."""
    texts = texts or Texts()
    result = layout(nodes, edges)
    loop_lines = _loop_lines(loops, result, texts)
    height = result.height + (len(loop_lines) + 1) * 20 if loop_lines else result.height
    labels = {node.id: node.label for node in nodes}
    desc = describe(nodes, edges, loops, texts=texts, labels=labels)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {result.width} {height}" '
        f'width="{result.width}" height="{height}" role="img" class="model-diagram" font-family="{FONT}" '
        f'aria-labelledby="{svg_id}-title {svg_id}-desc">',
        f'<title id="{svg_id}-title">{escape(texts.title)}</title>',
        f'<desc id="{svg_id}-desc">{escape(desc)}</desc>',
        _defs(svg_id),
        *_column_headings(texts),
        *(_edge_svg(edge, result, svg_id) for edge in result.edges),
        *(_node_svg(p) for p in result.placed.values()),
    ]
    if not nodes:
        parts.append(
            f'<text x="16" y="{TOP + 20}" font-size="14" fill="#222">{escape(texts.empty)}</text>'
        )
    parts.extend(_legend(loop_lines, result.height, texts))
    parts.append("</svg>")
    return "\n".join(parts)


def _defs(svg_id: str) -> str:
    """Return the arrow markers."""
    return (
        f'<defs><marker id="{svg_id}-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#444"/>'
        "</marker></defs>"
    )


def _column_headings(texts: Texts) -> list[str]:
    """Return the three column headings."""
    return [
        f'<text x="{x}" y="{TOP - 24}" font-size="14" font-weight="700" fill="#222">{escape(t)}</text>'
        for x, t in zip(COLUMN_X, texts.columns, strict=True)
    ]


def _colour(node: Node) -> str:
    """Return the border colour of a node (sector for actors, kind otherwise)."""
    return SECTOR_COLOURS.get(node.sector) or KIND_COLOURS.get(node.kind, DEFAULT_COLOUR)


def _node_svg(placed: Placed) -> str:
    """Return one node: a box in its colour, the label (up to two lines) and a caption."""
    node, x, y = placed.node, placed.x, placed.y
    colour = _colour(node)
    radius = 22 if node.kind == "function" else 6
    lines = _wrap(node.label, LABEL_CHARS)
    text_y = y + (17 if len(lines) > 1 or node.caption else 32)
    label = "".join(
        f'<tspan x="{x + 14}" y="{text_y + 15 * i:.0f}">{escape(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    caption = (
        f'<text x="{x + 14}" y="{y + NODE_HEIGHT - 7}" font-size="12" fill="#333">'
        f"{escape(node.caption)}</text>"
        if node.caption
        else ""
    )
    return (
        f'<g class="node node--{escape(node.kind)}"><rect x="{x}" y="{y}" width="{NODE_WIDTH}" '
        f'height="{NODE_HEIGHT}" rx="{radius}" fill="#ffffff" stroke="{colour}" stroke-width="3"/>'
        f'<rect x="{x}" y="{y}" width="8" height="{NODE_HEIGHT}" fill="{colour}"/>'
        f'<text font-size="13" fill="#111" lang="nb">{label}</text>{caption}</g>'
    )


def _wrap(label: str, width: int) -> list[str]:
    """Split a label into at most two lines of about `width` characters (ellipsis if longer)."""
    words, lines, current = label.split(), [], ""
    for word in words:
        candidate = f"{current} {word}".strip()
        if len(candidate) <= width or not current:
            current = candidate
        else:
            lines.append(current)
            current = word
    lines.append(current)
    if len(lines) > 2:
        lines = [lines[0], lines[1][: width - 1] + "…"]
    return [line if len(line) <= width else line[: width - 1] + "…" for line in lines]


def _anchors(edge: Edge, result: Layout) -> tuple[float, float, float, float, float, float]:
    """Return start, control offset and end points of a curved line between two boxes."""
    a, b = result.placed[edge.source], result.placed[edge.target]
    if a.x < b.x:
        return a.x + NODE_WIDTH, a.centre_y, b.x, b.centre_y, 60.0, 60.0
    if a.x > b.x:
        return a.x, a.centre_y, b.x + NODE_WIDTH, b.centre_y, -60.0, -60.0
    # Upward lines bulge further out, so A → B and B → A do not lie on top of each other.
    bulge = min(40 + abs(a.y - b.y) / 4 + (24 if a.y > b.y else 0), RIGHT_MARGIN - 10)
    return a.x + NODE_WIDTH, a.centre_y, b.x + NODE_WIDTH, b.centre_y, bulge, -bulge


def _edge_svg(edge: Edge, result: Layout, svg_id: str) -> str:
    """Return one curved arrow, dashed for roles, with its polarity or role word at the middle."""
    x1, y1, x2, y2, c1, c2 = _anchors(edge, result)
    path = f"M{x1:.1f},{y1:.1f} C{x1 + c1:.1f},{y1:.1f} {x2 - c2:.1f},{y2:.1f} {x2:.1f},{y2:.1f}"
    dash = ' stroke-dasharray="5 4"' if edge.is_role else ""
    colour = "#767676" if edge.is_role else "#333333"
    # Role words sit a third of the way along, where lines from one actor have spread apart.
    t = 0.3 if edge.is_role else 0.5
    mid_x, mid_y = _bezier((x1, y1), (x1 + c1, y1), (x2 - c2, y2), (x2, y2), t)
    word = edge.polarity.replace("-", "\u2212") if edge.polarity else edge.label
    text = (
        f'<text x="{mid_x:.1f}" y="{mid_y - 4:.1f}" font-size="{15 if edge.polarity else 12}" '
        f'text-anchor="middle" fill="#222" paint-order="stroke" stroke="#fff" stroke-width="3">'
        f"{escape(word)}</text>"
        if word
        else ""
    )
    return (
        f'<g class="edge edge--{escape(edge.kind)}"><path d="{path}" fill="none" stroke="{colour}" '
        f'stroke-width="1.6"{dash} marker-end="url(#{svg_id}-arrow)"/>{text}</g>'
    )


def _bezier(
    p0: tuple[float, float],
    p1: tuple[float, float],
    p2: tuple[float, float],
    p3: tuple[float, float],
    t: float,
) -> tuple[float, float]:
    """Return the point at t on a cubic Bézier curve."""
    u = 1 - t
    weights = (u**3, 3 * u * u * t, 3 * u * t * t, t**3)
    points = (p0, p1, p2, p3)
    return (
        sum(w * p[0] for w, p in zip(weights, points, strict=True)),
        sum(w * p[1] for w, p in zip(weights, points, strict=True)),
    )


def _loop_lines(loops: Sequence[Loop], result: Layout, texts: Texts) -> list[str]:
    """Return one legend line per loop: 'R1 (forsterkende): A → B → A'."""
    lines, counters = [], {"R": 0, "B": 0}
    for loop in loops:
        counters[loop.type] += 1
        names = [result.placed[n].node.label if n in result.placed else n for n in loop.nodes]
        kind = texts.reinforcing if loop.type == "R" else texts.balancing
        lines.append(
            f"{loop.type}{counters[loop.type]} ({kind}): " + " → ".join([*names, names[0]])
        )
    return lines


def _legend(lines: Sequence[str], top: int, texts: Texts) -> list[str]:
    """Return the loop legend under the diagram."""
    if not lines:
        return []
    out = [
        f'<text x="16" y="{top + 4}" font-size="14" font-weight="700" fill="#222">'
        f"{escape(texts.loops_heading)}</text>"
    ]
    out.extend(
        f'<text x="16" y="{top + 24 + 20 * i}" font-size="13" fill="#222">{escape(line)}</text>'
        for i, line in enumerate(lines)
    )
    return out


def loop_labels(loops: Sequence[Loop], labels: dict[str, str]) -> list[tuple[str, str, str]]:
    """Return (code like 'R1', type, 'A → B → A') for each loop, numbered per type."""
    counters = {"R": 0, "B": 0}
    result = []
    for loop in loops:
        counters[loop.type] += 1
        names = [labels.get(n, n) for n in loop.nodes]
        result.append(
            (f"{loop.type}{counters[loop.type]}", loop.type, " → ".join([*names, names[0]]))
        )
    return result


def describe(
    nodes: Sequence[Node],
    edges: Sequence[Edge],
    loops: Sequence[Loop] = (),
    *,
    texts: Texts | None = None,
    labels: dict[str, str] | None = None,
) -> str:
    """Return a one-paragraph text alternative: counts of elements, roles, relations and loops.

    The loops are named by code and kind only: a text alternative is one flat string, so the
    elements' names (bokmål) could not be marked as another language than the interface's
    (WCAG 3.1.2). The chains are listed under the diagram, with the names marked.
    """
    texts = texts or Texts()
    labels = labels or {node.id: node.label for node in nodes}
    roles = sum(1 for e in edges if e.is_role)
    relations = len(edges) - roles
    parts = [texts.summary.format(nodes=len(nodes), roles=roles, relations=relations)]
    codes = [
        f"{code} ({texts.reinforcing if kind == 'R' else texts.balancing})"
        for code, kind, _chain in loop_labels(loops, labels)
    ]
    if codes:
        parts.append(f"{texts.loops_heading}: {', '.join(codes)}.")
    return " ".join(parts)
