"""The knowledge graph as a networkx graph: blocs, units, people and award types as nodes;
membership, head/deputy terms, awards and positions as edges with their years."""
from __future__ import annotations

import networkx as nx

from thidua import queries


def build_network(store) -> nx.MultiDiGraph:
    _, rows = queries.run(store, "network-edges")
    graph = nx.MultiDiGraph()
    for row in rows:
        for end in ("source", "target"):
            iri = row[end].value
            if iri not in graph:
                kind = row.get(f"{end}Kind")
                graph.add_node(iri, label=row[f"{end}Label"].value,
                               kind=kind.value.rsplit("#", 1)[-1] if kind else "")
        graph.add_edge(row["source"].value, row["target"].value,
                       key=f"{row['relation'].value}:{row['year'].value}",
                       relation=row["relation"].value, year=row["year"].value,
                       weight=int(row["weight"].value))
    return graph


def write_network(graph: nx.MultiDiGraph, path: str, fmt: str) -> None:
    if fmt == "graphml":
        nx.write_graphml(graph, path, encoding="utf-8")
    elif fmt == "gexf":
        nx.write_gexf(graph, path, encoding="utf-8")
    else:
        raise ValueError(f"unknown network format {fmt!r}")
