"""SHACL validation of the store against ontology/shapes.ttl, one named graph at a time.

Every article's graph describes the entities it mentions, so a graph plus the shared vocabulary
(the class hierarchy of thidua.ttl, the award-type concepts of award-types.ttl) is complete on
its own: validating graph by graph finds every violation while memory stays bounded by the
largest graph, whatever the size of the store.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable, Iterable

import rdflib
from pyoxigraph import BlankNode, Literal, NamedNode
from rdflib.namespace import RDF, RDFS, SH, SKOS

from thidua.errors import ThiduaError
from thidua.ontology import AWARD_FACETS_FILE, AWARD_TYPES_FILE, ONTOLOGY_FILE, SHAPES_FILE, path
from thidua.vocab import PREFIXES

__all__ = ["Violation", "Report", "validate_store", "validate_graph", "vocabulary_graph",
           "shapes_graph"]

log = logging.getLogger(__name__)

SHAPES_PREFIX = ("tdsh", "https://w3id.org/thidua/shapes#")
_TD = rdflib.Namespace(PREFIXES["td"])
# Facts have no name of their own: the award or role as written says which one it is.
_LABEL_PROPERTIES = (SKOS.prefLabel, RDFS.label, _TD.awardLabel, _TD.roleLabel)


@dataclass(frozen=True)
class Violation:
    graph: str
    node: str
    label: str | None
    shape: str
    message: str
    path: str | None = None
    value: str | None = None

    def line(self) -> str:
        """One line whatever the data holds: labels and values may contain line breaks."""
        label = f" ({_one_line(self.label)})" if self.label else ""
        value = f" [value: {_one_line(self.value)}]" if self.value else ""
        return (f"graph <{self.graph}>: node <{self.node}>{label} violates {self.shape}: "
                f"{_one_line(self.message)}{value}")


def _one_line(text: str) -> str:
    return " ".join(text.split())


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


@lru_cache(maxsize=1)
def shapes_graph() -> rdflib.Graph:
    return rdflib.Graph().parse(path(SHAPES_FILE), format="turtle")


@lru_cache(maxsize=1)
def vocabulary_graph() -> rdflib.Graph:
    """The ontology and the award-type scheme (thidua.ttl, award-types.ttl, award-facets.ttl)."""
    vocab = rdflib.Graph()
    for name in (ONTOLOGY_FILE, AWARD_TYPES_FILE, AWARD_FACETS_FILE):
        vocab.parse(path(name), format="turtle")
    return vocab


@lru_cache(maxsize=1)
def _class_hierarchy() -> tuple:
    """rdfs:subClassOf of the ontology: lets sh:class td:Unit accept a td:Agency."""
    return tuple(vocabulary_graph().triples((None, RDFS.subClassOf, None)))


@lru_cache(maxsize=1)
def _scheme_memberships() -> dict:
    """Concept -> its skos:inScheme triples: what tdsh:AwardTypeConceptShape checks."""
    memberships: dict = {}
    for triple in vocabulary_graph().triples((None, SKOS.inScheme, None)):
        memberships.setdefault(triple[0], []).append(triple)
    return memberships


def _term(term) -> rdflib.term.Node:
    if isinstance(term, NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, BlankNode):
        return rdflib.BNode(term.value)
    if isinstance(term, Literal):
        if term.language:
            return rdflib.Literal(term.value, lang=term.language)
        return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))
    raise ThiduaError(f"unsupported RDF term {term} (RDF 1.2 triple terms are not validated)")


def _data_graph(quads: Iterable) -> rdflib.Graph:
    """One named graph plus only the vocabulary its shapes read (the whole ontology would
    triple the size of a typical article graph, and validation time with it)."""
    graph = rdflib.Graph()
    for triple in _class_hierarchy():
        graph.add(triple)
    for quad in quads:
        graph.add((_term(quad.subject), _term(quad.predicate), _term(quad.object)))
    memberships = _scheme_memberships()
    for concept in set(graph.objects(None, _TD.awardType)):
        for triple in memberships.get(concept, ()):
            graph.add(triple)
    return graph


def validate_graph(graph_iri: str, quads: Iterable) -> list[Violation]:
    """The violations of one named graph (its quads as pyoxigraph Quads)."""
    import pyshacl
    data = _data_graph(quads)
    conforms, results, _ = pyshacl.validate(data, shacl_graph=shapes_graph(), inference="none",
                                            abort_on_first=False, allow_warnings=False,
                                            advanced=False)
    if conforms:
        return []
    # Only the report's own results: those of sh:node constraints repeat as nested sh:detail.
    return sorted((_violation(graph_iri, data, results, r)
                   for r in results.objects(None, SH.result)),
                  key=lambda v: (v.node, v.shape, v.message, v.value or ""))


def _violation(graph_iri: str, data: rdflib.Graph, results: rdflib.Graph, result) -> Violation:
    node = results.value(result, SH.focusNode)
    shape = results.value(result, SH.sourceShape)
    message = results.value(result, SH.resultMessage)
    result_path = results.value(result, SH.resultPath)
    value = results.value(result, SH.value)
    return Violation(graph=graph_iri, node=str(node), label=_label(data, node),
                     shape=_compact(shape), message=str(message or "constraint not met"),
                     path=_compact(result_path) if result_path is not None else None,
                     value=_show(value) if value is not None else None)


def _label(data: rdflib.Graph, node) -> str | None:
    for prop in _LABEL_PROPERTIES:
        labels = list(data.objects(node, prop))
        if labels:
            vi = [label for label in labels if getattr(label, "language", None) == "vi"]
            return str((vi or labels)[0])
    return None


def _compact(term) -> str:
    if isinstance(term, rdflib.BNode):
        return "an anonymous shape"
    text = str(term)
    for prefix, base in [SHAPES_PREFIX, *PREFIXES.items()]:
        if text.startswith(base) and len(text) > len(base):
            return f"{prefix}:{text[len(base):]}"
    return f"<{text}>"


def _show(term) -> str:
    if isinstance(term, rdflib.Literal):
        return term.n3()
    return _compact(term)


def validate_store(store, graphs: Iterable[str] | None = None,
                   progress: Callable[[str], None] | None = None, jobs: int = 1) -> Report:
    """Validate the named graphs of `store` (all of them, or `graphs`) one at a time.

    A graph that cannot be read or checked becomes a problem line in the report; the other
    graphs are still checked. `progress` is called with each graph IRI as it is read. With
    jobs > 1, graphs are checked in that many worker processes (the store is read here only);
    the report is the same, in the same order.
    """
    report = Report()
    known = set(store.graphs())
    todo = sorted(known) if graphs is None else list(graphs)
    outcomes = (_checked_serially(store, todo, known, progress) if jobs <= 1 else
                _checked_in_parallel(store, todo, known, progress, jobs))
    for violations, problem in outcomes:
        if problem is not None:
            report.problems.append(problem)
        else:
            report.violations.extend(violations)
            report.graphs_checked += 1
    if graphs is None:
        report.violations.extend(labels_that_differ_across_graphs(store))
    return report


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
    from thidua.vocab import sparql_prefixes
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


_Outcome = tuple[list[Violation], "str | None"]


def _check(graph_iri: str, quads: Iterable) -> _Outcome:
    """One graph's violations, or the reason it could not be checked."""
    try:
        return validate_graph(graph_iri, quads), None
    except ThiduaError as exc:
        return [], f"graph <{graph_iri}>: not checked: {exc}"
    except Exception as exc:  # a broken graph must not stop the batch; say which and why
        log.debug("validation of %s failed", graph_iri, exc_info=True)
        return [], f"graph <{graph_iri}>: not checked: {type(exc).__name__}: {exc}"


def _missing(store, graph_iri: str) -> _Outcome:
    return [], f"graph <{graph_iri}>: not in the store {store.location}"


def _checked_serially(store, todo, known, progress):
    for graph_iri in todo:
        if progress is not None:
            progress(graph_iri)
        yield _check(graph_iri, store.quads(graph_iri)) if graph_iri in known else _missing(store, graph_iri)


def _checked_in_parallel(store, todo, known, progress, jobs: int):
    """Workers get each graph's quads (pyoxigraph terms pickle); at most 2 x jobs graphs are
    in flight, so memory stays bounded as in the serial case."""
    from collections import deque
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    # spawn: the parent holds an open RocksDB store, which a forked child must not inherit.
    with ProcessPoolExecutor(jobs, mp_context=get_context("spawn"), initializer=_warm) as pool:
        pending: deque = deque()
        for graph_iri in todo:
            if progress is not None:
                progress(graph_iri)
            if graph_iri not in known:
                pending.append(_missing(store, graph_iri))
            else:
                try:
                    pending.append(pool.submit(_check, graph_iri, list(store.quads(graph_iri))))
                except ThiduaError as exc:  # the store failed to give this graph
                    pending.append(([], f"graph <{graph_iri}>: not checked: {exc}"))
            while len(pending) > 2 * jobs:
                yield _result(pending.popleft())
        while pending:
            yield _result(pending.popleft())


def _result(item) -> _Outcome:
    return item if isinstance(item, tuple) else item.result()


def _warm() -> None:
    """Parse the shapes and vocabulary once per worker, not once per graph."""
    shapes_graph()
    _class_hierarchy()
    _scheme_memberships()
