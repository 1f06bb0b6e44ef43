"""The knowledge graph as a networkx graph: blocs, units, people and award types as nodes;
membership, head/deputy terms, awards and positions as edges with their years."""
from __future__ import annotations

import networkx as nx

from thidua import queries


def build_network(store) -> nx.MultiDiGraph:
    # Two queries joined here: joining labels inside SPARQL multiplies their per-graph repeats.
    _, labels = queries.run(store, "node-labels")
    nodes = {row["node"].value: (row["nodeLabel"].value, row["kind"].value.rsplit("#", 1)[-1])
             for row in labels}
    _, edges = queries.run(store, "network-edges")
    graph = nx.MultiDiGraph()
    for row in edges:
        source, target = row["source"].value, row["target"].value
        for node in (source, target):
            if node not in graph:
                label, kind = nodes.get(node, (node, ""))
                graph.add_node(node, label=label, kind=kind)
        graph.add_edge(source, target, key=f"{row['relation'].value}:{row['year'].value}",
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
