"""Reading the store one named graph at a time, and knowing which graphs changed.

The site never holds the whole dataset: each graph is read (one N-Triples dump of that graph,
done inside Oxigraph or by the SPARQL server), turned into its `GraphPart` and its dump
chunks, and let go. On a 10,000-article store a bulk read costs ~15 us per quad whichever way
it is done (a whole-store dump, a query, or one dump per graph: Oxigraph looks every term up on
disk), so a rebuild reads again only the graphs whose fingerprint changed.

A graph's fingerprint is the `td:contentHash` the loader writes into it (of the article's
input bytes, its manifest row and the tool version), read with one query. Graphs without one,
such as the graph of shared entity descriptions, are read again at every build. A graph rewritten
with a different content but the same hash (which the loader does not do) needs a full build
(`build(..., full=True)`, `thidua site --full`).
"""
from __future__ import annotations

import io
from functools import lru_cache
from importlib import resources

from thidua.graph_store import GraphStore


@lru_cache(maxsize=None)
def query_text(name: str) -> str:
    """The text of site/gather/{name}.rq."""
    return resources.files("thidua.site").joinpath(f"gather/{name}.rq").read_text(encoding="utf-8")


def fingerprints(store: GraphStore) -> dict[str, str | None]:
    """Every named graph -> its content fingerprint, or None when it has none."""
    hashes: dict[str, list[str]] = {}
    for row in store.select(query_text("fingerprints")):
        hashes.setdefault(row["graph"].value, []).append(row["hash"].value)
    return {graph: "\n".join(sorted(hashes[graph])) if graph in hashes else None
            for graph in store.graphs()}


def read_graph(store: GraphStore, graph: str) -> bytes:
    """The triples of one named graph, as N-Triples."""
    buffer = io.BytesIO()
    store.dump(buffer, "ntriples", graph=graph)
    return buffer.getvalue()
