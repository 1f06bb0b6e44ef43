"""SHACL validation of the store against ontology/shapes.ttl, in batches of named graphs.

Graphs are read from the store a batch at a time (`BATCH_GRAPHS` graphs, at most
`BATCH_BYTES` of N-Triples) and each batch is one SHACL run (`thidua.ontology.shacl_batch`), so
memory is bounded by the batch whatever the size of the store.

Two layouts are handled:

* entities graph (`thidua.iri.ENTITIES_GRAPH` exists): article graphs hold facts that point to
  blocs, units, people, years, roles and runs described once in that graph. A batch carries the
  types of the nodes it points to, which `sh:class` needs; the entities graph itself is checked
  in chunks of `ENTITY_CHUNK` subjects (all of them, or only those the checked graphs point to
  when graphs are chosen), so "one prefLabel per language" is an ordinary sh:uniqueLang there.
* per-article descriptions (older stores): every graph describes what it mentions; one query
  over the store adds the entities whose preferred label differs between graphs.
"""
from __future__ import annotations

import io
import logging
from collections import deque
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from pyoxigraph import NamedNode, Quad, RdfFormat, Triple, serialize

from thidua import iri
from thidua.errors import ThiduaError
from thidua.graph_store.bindings import bind_rows
from thidua.graph_store.embedded import EmbeddedStore
from thidua.ontology.shacl_batch import (DEFAULT_ENGINE, ENGINES, Batch, Outcome, Part, Violation,
                                         check_batch, pointed_to, warm)
from thidua.vocab import sparql_prefixes

__all__ = ["Violation", "Report", "validate_store", "validate_graph", "vocabulary_graph",
           "shapes_graph", "labels_that_differ_across_graphs", "BATCH_GRAPHS", "BATCH_BYTES",
           "ENTITY_CHUNK", "ENGINES", "DEFAULT_ENGINE"]

log = logging.getLogger(__name__)

# Measured on 1,000 synthetic articles (docs/ontology.md, bench/bench_validate.py): the CPU
# per graph stops falling past ~50-100 graphs a run while peak memory keeps growing; the byte
# cap keeps a batch of unusually large graphs bounded too (16 MB is ~400 typical graphs).
BATCH_GRAPHS = 100
BATCH_BYTES = 16_000_000
ENTITY_CHUNK = 2_000
# Objects looked up in the entities graph per query (the query text grows with it).
_LOOKUP_CHUNK = 2_000

_ENTITIES = NamedNode(iri.ENTITIES_GRAPH)
_RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


@dataclass
class Report:
    """What validation found: violations, and graphs that could not be checked at all."""
    graphs_checked: int = 0
    violations: list[Violation] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def conforms(self) -> bool:
        return not self.violations and not self.problems

    def lines(self) -> list[str]:
        return [v.line() for v in self.violations] + self.problems

    def summary(self) -> str:
        bad_graphs = len({v.graph for v in self.violations})
        text = (f"{self.graphs_checked} graph{'s' if self.graphs_checked != 1 else ''} checked, "
                f"{len(self.violations)} violation{'s' if len(self.violations) != 1 else ''}")
        if self.violations:
            text += f" in {bad_graphs} graph{'s' if bad_graphs != 1 else ''}"
        if self.problems:
            text += f", {len(self.problems)} graph{'s' if len(self.problems) != 1 else ''} not checked"
        return text

    def text(self) -> str:
        return "\n".join(self.lines() + [self.summary()])


def shapes_graph():
    """shapes.ttl as an rdflib graph."""
    from thidua.ontology.shacl_pyshacl import shapes_graph as graph
    return graph()


def vocabulary_graph():
    """thidua.ttl, award-types.ttl and award-facets.ttl as one rdflib graph."""
    from thidua.ontology.shacl_pyshacl import vocabulary_graph as graph
    return graph()


def validate_graph(graph_iri: str, quads: Iterable, engine: str = DEFAULT_ENGINE) -> list[Violation]:
    """The violations of one named graph given as pyoxigraph Quads, checked on its own."""
    part = Part(graph_iri, _nquads(quads))
    outcome = check_batch(Batch((part,), engine=_engine(engine)))[0]
    if outcome.problem is not None:
        raise ThiduaError(outcome.problem)
    return list(outcome.violations)


def validate_store(store, graphs: Iterable[str] | None = None,
                   progress: Callable[[str], None] | None = None, jobs: int = 1,
                   batch_graphs: int = BATCH_GRAPHS, engine: str = DEFAULT_ENGINE) -> Report:
    """Validate the named graphs of `store` (all of them, or `graphs`).

    A graph that cannot be read or checked becomes a problem line in the report; the other
    graphs are still checked. `progress` is called with each graph IRI as it is read. With
    jobs > 1, batches are read and checked in that many worker processes (an embedded store
    is opened read-only by each; a remote one is read here); the report is the same, in the
    same order. `engine` is one of ENGINES (same results).
    """
    known = set(store.graphs())
    whole = graphs is None
    todo = sorted(known) if whole else list(dict.fromkeys(graphs))
    split = iri.ENTITIES_GRAPH in known
    entities_in_full = split and (whole or iri.ENTITIES_GRAPH in todo)
    settings = _Settings(split=split, engine=_engine(engine),
                         labels_compared_elsewhere=whole and not split,
                         collect_pointed=split and not entities_in_full)
    articles = [g for g in todo if not (split and g == iri.ENTITIES_GRAPH)]
    report, pointed = Report(), set()
    with _Runner(store, settings, jobs) as runner:
        for done in runner.run(_article_items(articles, known, max(1, batch_graphs), progress)):
            pointed |= done.pointed
            _add(report, done.outcomes)
        if split:
            subjects = _entity_subjects(store) if entities_in_full else iter(sorted(pointed))
            _add_entities(report, runner.run(_entity_items(subjects)), counted=entities_in_full)
    if whole and not split:
        report.violations.extend(labels_that_differ_across_graphs(store))
    return report


def _add(report: Report, outcomes: Iterable[Outcome]) -> None:
    for outcome in outcomes:
        if outcome.problem is not None:
            report.problems.append(outcome.problem)
        else:
            report.violations.extend(outcome.violations)
            report.graphs_checked += 1


def _engine(name: str) -> str:
    if name not in ENGINES:
        raise ThiduaError(f"unknown SHACL engine {name!r}; known: {', '.join(ENGINES)}")
    return name


def _add_entities(report: Report, chunks: Iterable[_Done], counted: bool) -> None:
    """The entities graph's chunks as one graph: its violations sorted, its problems joined."""
    violations, problems = [], []
    for done in chunks:
        for outcome in done.outcomes:
            violations += outcome.violations
            problems += [outcome.problem] if outcome.problem else []
    report.violations.extend(sorted(_unique(violations), key=Violation.sort_key))
    if problems:
        report.problems.append("; ".join(problems))
    elif counted:
        report.graphs_checked += 1


def _unique(violations: Iterable[Violation]) -> list[Violation]:
    """Each once (a store that does not group a graph by subject may give a subject to two
    chunks)."""
    return list(dict.fromkeys(violations))


# -- what to check -------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Settings:
    split: bool                       # the store has the entities graph
    engine: str
    labels_compared_elsewhere: bool   # old layout, whole store
    collect_pointed: bool             # chosen graphs: their entities are checked after them


@dataclass(frozen=True)
class _Item:
    """One batch to read and check: article graphs, or subjects of the entities graph."""
    kind: str
    names: tuple[str, ...]
    missing: frozenset[str] = frozenset()


@dataclass
class _Done:
    outcomes: list[Outcome]
    pointed: set[str] = field(default_factory=set)   # entities the article graphs point to


def _article_items(graphs: list[str], known: set[str], size: int, progress) -> Iterator[_Item]:
    for chunk in _chunks(graphs, size):
        if progress is not None:
            for graph in chunk:
                progress(graph)
        yield _Item("articles", tuple(chunk), frozenset(g for g in chunk if g not in known))


def _entity_items(subjects: Iterable[str]) -> Iterator[_Item]:
    for chunk in _chunks(subjects, ENTITY_CHUNK):
        yield _Item("entities", tuple(chunk))


def _entity_subjects(store) -> Iterator[str]:
    """Every subject of the entities graph, streamed (a store groups a graph's quads by
    subject, so a subject is seen once; `_unique` covers one that does not)."""
    last = None
    for quad in store.quads(iri.ENTITIES_GRAPH):
        subject = quad.subject
        if subject != last and isinstance(subject, NamedNode):
            yield subject.value
        last = subject


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    chunk: list = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


# -- reading a batch from the store ----------------------------------------------------------------

class _Reader:
    """Turns an item into a batch: its graphs as N-Triples, and the context they point to."""

    def __init__(self, store, settings: _Settings):
        self.store, self.settings = store, settings

    def batches(self, item: _Item) -> Iterator[tuple[Batch | None, set[str], list[Outcome]]]:
        """Batches of the item (a new one past BATCH_BYTES, so unusually large graphs stay
        bounded too), each with the outcomes of graphs that could not be read and the entities
        it points to (when they are collected)."""
        if item.kind == "entities":
            yield self._entity_batch(item.names), set(), []
            return
        parts, failed, size = [], [], 0
        for graph in item.names:
            part = self._part(graph, item.missing)
            if isinstance(part, Outcome):
                failed.append(part)
                continue
            parts.append(part)
            size += len(part.nquads)
            if size >= BATCH_BYTES:
                yield (*self._article_batch(parts), failed)
                parts, failed, size = [], [], 0
        if parts:
            yield (*self._article_batch(parts), failed)
        elif failed:
            yield None, set(), failed

    def _article_batch(self, parts: list[Part]) -> tuple[Batch, set[str]]:
        context, pointed = b"", set()
        if self.settings.split:
            types = self._types_of(pointed_to(parts))
            context = _nquads(types)
            if self.settings.collect_pointed:
                pointed = {t.subject.value for t in types}
        batch = Batch(tuple(parts), context, self.settings.labels_compared_elsewhere, self.settings.engine)
        return batch, pointed

    def _part(self, graph: str, missing: frozenset[str]) -> Part | Outcome:
        if graph in missing:
            return Outcome(graph, problem=f"graph <{graph}>: not in the store {self.store.location}")
        buffer = io.BytesIO()
        try:
            self.store.dump(buffer, "nquads", graph)
        except (ThiduaError, OSError) as exc:  # the store failed to give this graph
            return Outcome(graph, problem=f"graph <{graph}>: not checked: {exc}")
        return Part(graph, buffer.getvalue())

    def _types_of(self, nodes: Iterable[str]) -> list[Triple]:
        """rdf:type triples of `nodes` (N-Triples IRIs) in the entities graph: what sh:class
        reads of them."""
        query = sparql_prefixes(["rdf"]) + (
            f"SELECT ?s ?type WHERE {{ GRAPH {_ENTITIES} {{ ?s rdf:type ?type }} }}")
        return [Triple(row["s"], _RDF_TYPE, row["type"])
                for chunk in _chunks(sorted(nodes), _LOOKUP_CHUNK)
                for row in self.store.select(bind_rows(query, "s", (NamedNode(n[1:-1]) for n in chunk)))]

    def _entity_batch(self, subjects: tuple[str, ...]) -> Batch:
        query = f"SELECT ?s ?p ?o WHERE {{ GRAPH {_ENTITIES} {{ ?s ?p ?o }} }}"
        described = [Triple(row["s"], row["p"], row["o"])
                     for row in self.store.select(bind_rows(query, "s", map(NamedNode, subjects)))]
        part = Part(iri.ENTITIES_GRAPH, _nquads(described))
        return Batch((part,), _nquads(self._types_of(pointed_to([part]))), engine=self.settings.engine)


def _nquads(statements: Iterable) -> bytes:
    """Quads or triples as N-Triples (a data graph has no use for the graph names)."""
    triples = [s.triple if isinstance(s, Quad) else s for s in statements]
    return serialize(triples, format=RdfFormat.N_TRIPLES) if triples else b""


def _run(reader: _Reader, item: _Item) -> _Done:
    outcomes: list[Outcome] = []
    pointed: set[str] = set()
    try:
        for batch, batch_pointed, failed in reader.batches(item):
            outcomes += failed + (check_batch(batch) if batch is not None else [])
            pointed |= batch_pointed
    except ThiduaError as exc:  # the store failed during the look-ups of this item
        return _failed(item, exc)
    return _done(item, outcomes, pointed)


def _done(item: _Item, outcomes: list[Outcome], pointed: set[str]) -> _Done:
    if item.kind == "articles":  # in the order asked for, whichever failed to be read
        by_graph = {o.graph: o for o in outcomes}
        outcomes = [by_graph[g] for g in item.names]
    return _Done(outcomes, pointed)


def _failed(item: _Item, exc: BaseException) -> _Done:
    reason = str(exc) if isinstance(exc, ThiduaError) else f"{type(exc).__name__}: {exc}"
    if item.kind == "entities":
        return _Done([Outcome(iri.ENTITIES_GRAPH, problem=(
            f"graph <{iri.ENTITIES_GRAPH}>: {len(item.names)} subjects from <{item.names[0]}> "
            f"not checked: {reason}"))])
    return _Done([Outcome(g, problem=f"graph <{g}>: not checked: {reason}") for g in item.names])


# -- here or in worker processes --------------------------------------------------------------------

class _Runner:
    """Runs items in this process (jobs=1) or in worker processes, at most 2 x jobs in flight
    so that memory stays bounded as in the serial case. Workers open an on-disk embedded store
    read-only themselves, so reading (a third of the time) runs in parallel too; a remote
    store is read here and only the checking is sent out."""

    def __init__(self, store, settings: _Settings, jobs: int):
        self.reader, self.jobs, self._pool = _Reader(store, settings), jobs, None
        self._workers_read = isinstance(store, EmbeddedStore) and store.location != ":memory:"

    def __enter__(self) -> _Runner:
        if self.jobs > 1:
            from concurrent.futures import ProcessPoolExecutor
            from multiprocessing import get_context
            store = self.reader.store
            if self._workers_read and not store.read_only:
                store.flush()  # workers must see what this process wrote
            settings = self.reader.settings
            init, args = ((_start_reading_worker, (store.location, settings))
                          if self._workers_read else (warm, (settings.engine,)))
            # spawn: this process holds an open RocksDB store, which a forked child must not inherit.
            self._pool = ProcessPoolExecutor(self.jobs, mp_context=get_context("spawn"),
                                             initializer=init, initargs=args)
        else:
            warm(self.reader.settings.engine)
        return self

    def __exit__(self, *exc) -> bool:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
        return False

    def run(self, items: Iterable[_Item]) -> Iterator[_Done]:
        if self._pool is None:
            for item in items:
                yield _run(self.reader, item)
            return
        pending: deque = deque()
        for item in items:
            try:
                pending.append(self._submit(item))
            except Exception as exc:  # noqa: BLE001 - a broken pool: say so for each graph
                pending.append((item, [], _failed(item, exc)))
            while len(pending) > 2 * self.jobs:
                yield _collect(*pending.popleft())
        while pending:
            yield _collect(*pending.popleft())

    def _submit(self, item: _Item) -> tuple:
        if self._workers_read:
            return item, [self._pool.submit(_run_in_worker, item)], None
        failed, pointed, futures = [], set(), []
        try:
            for batch, batch_pointed, batch_failed in self.reader.batches(item):
                failed += batch_failed
                pointed |= batch_pointed
                if batch is not None:
                    futures.append(self._pool.submit(check_batch, batch))
        except ThiduaError as exc:
            return item, [], _failed(item, exc)
        return item, futures, (failed, pointed)


def _collect(item: _Item, futures: list, read) -> _Done:
    if isinstance(read, _Done):
        return read
    try:
        results = [future.result() for future in futures]
    except Exception as exc:  # noqa: BLE001 - a lost worker loses its batch, not the run
        log.debug("a validation worker failed", exc_info=True)
        return _failed(item, exc)
    if read is None:  # the worker read the item itself
        return results[0]
    failed, pointed = read
    return _done(item, failed + [o for result in results for o in result], pointed)


_WORKER_READER: _Reader | None = None


def _start_reading_worker(location: str, settings: _Settings) -> None:
    global _WORKER_READER
    warm(settings.engine)
    _WORKER_READER = _Reader(EmbeddedStore(location, read_only=True), settings)


def _run_in_worker(item: _Item) -> _Done:
    return _run(_WORKER_READER, item)


# -- old layout: what no single graph can show ---------------------------------------------------

# Each graph repeats the entities it mentions; they must agree on an entity's preferred label,
# which no single graph can show. Oxigraph answers this over the whole store in one query.
_DIFFERING_LABELS = """
SELECT ?node ?lang ?label ?g WHERE {
  { SELECT ?node ?lang WHERE { GRAPH ?any { ?node skos:prefLabel ?name } }
    GROUP BY ?node (LANG(?name) AS ?lang) HAVING (COUNT(DISTINCT ?name) > 1) }
  GRAPH ?g { ?node skos:prefLabel ?label }
  FILTER (LANG(?label) = ?lang)
}
"""


def labels_that_differ_across_graphs(store) -> list[Violation]:
    seen: dict[tuple[str, str], dict[str, set[str]]] = {}
    for row in store.select(sparql_prefixes(["skos"]) + _DIFFERING_LABELS):
        key = (row["node"].value, row["lang"].value)
        seen.setdefault(key, {}).setdefault(row["label"].value, set()).add(row["g"].value)
    found = []
    for (node, lang), labels in sorted(seen.items()):
        graphs = sorted(set().union(*labels.values()))
        shown = " ".join(f"<{g}>" for g in graphs[:3]) + (" …" if len(graphs) > 3 else "")
        found.append(Violation(
            graph=graphs[0], node=node, label=None, shape="tdsh:Named-prefLabel",
            message=(f"{len(labels)} different skos:prefLabel@{lang} across graphs {shown}: "
                     + " | ".join(sorted(labels)))))
    return found
