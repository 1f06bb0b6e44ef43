"""Materialised summaries: aggregate rows kept in the store, in a graph of their own.

A query that aggregates every fact of a large store (awards-by-year reads all awards' five
properties: ~160 ms at 2.68M quads) reads instead a small graph of precomputed rows (~7 ms).
Each summary is one SPARQL 1.1 Update in `queries/summaries/{name}.ru`, the one place its
aggregate is written: it drops the graph `thidua.iri.summary_graph(name)` and inserts the rows
as W3C Data Cube observations (qb:Observation, ontology/thidua.ttl), plus a qb:DataSet node
`thidua.iri.summary(name)` that says the summary exists even when it has no rows.

`refresh` runs every update at the end of each load and prune (loaders/pipeline.py) and from
`thidua summaries` (stores written before summaries existed). It is plain SPARQL Update, so the
same text runs on the embedded store and on a SPARQL server. See docs/queries.md.
"""
from __future__ import annotations

import logging
import time

from pyoxigraph import NamedNode

from thidua import iri
from thidua.errors import ThiduaError
from thidua.queries import packaged_texts

log = logging.getLogger(__name__)

_QB = "http://purl.org/linked-data/cube#"


def _all() -> dict[str, str]:
    return packaged_texts("summaries", ".ru")


def names() -> list[str]:
    return sorted(_all())


def update_text(name: str) -> str:
    """The SPARQL Update that recomputes the summary `name`."""
    try:
        return _all()[name]
    except KeyError:
        raise ThiduaError(f"no summary named {name!r}; known summaries: {', '.join(names())}") from None


class SummaryMissing(ThiduaError):
    def __init__(self, name: str, location: str):
        super().__init__(
            f"the store at {location} has no {name!r} summary (it was written by a thidua older "
            f"than summaries, or its summaries were removed): run `thidua summaries` with the "
            f"same --store or --endpoint options, then the query again")


_ROWS = f"""SELECT (COUNT(?row) AS ?n) WHERE {{
  GRAPH ?g {{ ?set a <{_QB}DataSet> OPTIONAL {{ ?row <{_QB}dataSet> ?set }} }}
}}"""


_EXISTS = f"ASK {{ GRAPH ?g {{ ?set a <{_QB}DataSet> }} }}"


def _bindings(name: str) -> dict:
    return {"g": NamedNode(iri.summary_graph(name)), "set": NamedNode(iri.summary(name))}


def exists(store, name: str) -> bool:
    """Whether the store holds the summary `name` (its qb:DataSet node), rows or none."""
    return store.ask(_EXISTS, _bindings(name))


def rows(store, name: str) -> int | None:
    """How many rows the summary `name` holds, or None when the store has none."""
    if not exists(store, name):
        return None
    return int(store.select(_ROWS, _bindings(name))[0]["n"].value)


def refresh(store, which: list[str] | None = None) -> dict[str, float]:
    """Recompute the summaries (all, or those named): name -> seconds taken. Each is one update,
    so one transaction: a reader sees the old rows or the new ones."""
    taken = {}
    for name in which or names():
        start = time.perf_counter()
        store.update(update_text(name))
        taken[name] = time.perf_counter() - start
        log.info("summary %s refreshed in %.0f ms", name, taken[name] * 1000)
    return taken
