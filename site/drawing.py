"""Geometry of the inline SVG drawings: rotation and position timelines, the bloc network.

Only numbers and labels come out of here; the templates draw them. Coordinates are rounded
so the same data always gives the same bytes.
"""
from __future__ import annotations

from thidua.site.model import Bar, Link, Network, NetworkEdge, NetworkNode, RotationYear, Tick, Timeline

YEAR_WIDTH = 150.0
LANE_HEIGHT = 44.0
LEFT = 110.0
TOP = 10.0
LABEL_CHARS = 22


def short(text: str, limit: int = LABEL_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def rotation_timeline(rotation: list[RotationYear]) -> Timeline | None:
    """Two lanes (head, deputy), one column per emulation year, one bar per unit."""
    if not rotation:
        return None
    first, last = rotation[0].year, rotation[-1].year
    bars = []
    for entry in rotation:
        x = LEFT + (entry.year - first) * YEAR_WIDTH
        for lane, (units, css) in enumerate(((entry.heads, "head"), (entry.deputies, "deputy"))):
            height = (LANE_HEIGHT - 8) / max(1, len(units))
            for i, unit in enumerate(units):
                y = TOP + lane * LANE_HEIGHT + i * height
                bars.append(Bar(round(x + 2, 1), round(y, 1), YEAR_WIDTH - 4, round(height - 2, 1),
                                short(unit.label), f"{entry.year}: {unit.label}", css, unit.path))
    width = LEFT + (last - first + 1) * YEAR_WIDTH + 10
    ticks = [Tick(round(LEFT + (y - first + 0.5) * YEAR_WIDTH, 1), str(y)) for y in range(first, last + 1)]
    lanes = [Tick(TOP + LANE_HEIGHT * 0.5, "Trưởng khối"), Tick(TOP + LANE_HEIGHT * 1.5, "Phó khối")]
    return Timeline(width, TOP + 2 * LANE_HEIGHT + 24, bars, ticks, lanes)


def position_timeline(positions: list[tuple[str, str, Link | None, str]]) -> Timeline | None:
    """One lane per (role, organisation); a bar from its first to its last attested date.

    `positions` are (date YYYY-MM-DD, role, organisation, anchor path) sorted by date."""
    dated = [p for p in positions if p[0][:4].isdigit()]
    if not dated:
        return None
    first = int(dated[0][0][:4])
    last = int(dated[-1][0][:4])
    lanes: dict[tuple[str, str], list[tuple[float, str]]] = {}
    for date, role, org, href in dated:
        key = (role, org.label if org else "")
        lanes.setdefault(key, []).append((_year_fraction(date), href))
    bars, lane_ticks = [], []
    left = LEFT + 150
    for i, ((role, org), points) in enumerate(lanes.items()):
        y = TOP + i * LANE_HEIGHT
        start, end = points[0][0], points[-1][0]
        x = left + (start - first) * YEAR_WIDTH
        width = max(10.0, (end - start) * YEAR_WIDTH)
        label = f"{role}, {org}" if org else role
        bars.append(Bar(round(x, 1), round(y + 8, 1), round(width, 1), LANE_HEIGHT - 20,
                        "", label, "position", points[0][1]))
        for when, href in points:
            bars.append(Bar(round(left + (when - first) * YEAR_WIDTH - 4, 1), round(y + 4, 1), 8,
                            LANE_HEIGHT - 12, "", label, "point", href))
        lane_ticks.append(Tick(round(y + LANE_HEIGHT / 2, 1), short(label, 40)))
    ticks = [Tick(round(left + (y - first) * YEAR_WIDTH, 1), str(y)) for y in range(first, last + 2)]
    width = left + (last - first + 1) * YEAR_WIDTH + 20
    return Timeline(width, TOP + len(lanes) * LANE_HEIGHT + 24, bars, ticks, lane_ticks)


def _year_fraction(date: str) -> float:
    year = int(date[:4])
    month = int(date[5:7]) if len(date) >= 7 and date[5:7].isdigit() else 1
    day = int(date[8:10]) if len(date) >= 10 and date[8:10].isdigit() else 1
    return year + ((month - 1) * 31 + day - 1) / 372


def network(center: Link, edges: list[tuple[Link, Link, str]], kinds: dict[str, str]) -> Network | None:
    """A spring layout (networkx, fixed seed) of the bloc, its units and their officials."""
    if not edges:
        return None
    import networkx as nx

    graph = nx.Graph()
    links = {center.iri: center}
    graph.add_node(center.iri)
    for a, b, css in sorted(edges, key=lambda e: (e[0].iri, e[1].iri, e[2])):
        links.setdefault(a.iri, a)
        links.setdefault(b.iri, b)
        graph.add_edge(a.iri, b.iri, css=css)
    positions = nx.spring_layout(graph, seed=7, iterations=60)
    size, pad = 640.0, 70.0

    def place(iri: str) -> tuple[float, float]:
        x, y = positions[iri]
        return round(pad + (float(x) + 1) / 2 * (size - 2 * pad), 1), round(pad + (float(y) + 1) / 2 * (size - 2 * pad), 1)

    nodes = []
    for iri in sorted(graph.nodes, key=lambda i: (links[i].label, i)):
        x, y = place(iri)
        css = kinds.get(iri, "unit")
        nodes.append(NetworkNode(x, y, 12.0 if iri == center.iri else 7.0, short(links[iri].label, 30),
                                 css, links[iri].path))
    drawn = []
    for a, b, attrs in sorted(graph.edges(data=True)):
        (x1, y1), (x2, y2) = place(a), place(b)
        drawn.append(NetworkEdge(x1, y1, x2, y2, attrs["css"]))
    return Network(size, size, nodes, drawn)
