"""The reference SHACL engine: pyshacl over an rdflib graph (`--engine pyshacl`).

About ten times slower than shacl-rust on a batch; kept because it is the most used SHACL
implementation in Python, so the tests compare the default engine against it.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Callable, Iterable

import rdflib
from pyoxigraph import BlankNode, Literal, NamedNode, RdfFormat, parse
from rdflib.namespace import RDF, RDFS, SH

from thidua.ontology import AWARD_FACETS_FILE, AWARD_TYPES_FILE, ONTOLOGY_FILE, SHAPES_FILE, path

__all__ = ["results", "shapes_graph", "batch_shapes_graph", "vocabulary_graph", "warm"]

_TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)


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
def batch_shapes_graph() -> rdflib.Graph:
    """shapes.ttl with each node shape's targets moved onto its property shapes.

    pyshacl checks a node shape's property shapes once per focus node; a property shape with
    targets of its own is checked once per run over all its focus nodes, which is what makes
    a batch of many graphs cheaper than the graphs one by one (1.6x on 1,000 articles). Only
    node shapes that are nothing but targets and sh:property are rewritten, so the results
    are the same (their sh:sourceShape is the property shape either way).
    """
    shapes = shapes_graph()
    flat = rdflib.Graph()
    for triple in shapes:
        flat.add(triple)
    for node in set(shapes.subjects(SH.property, None)):
        targets = [(p, o) for p in _TARGETS for o in shapes.objects(node, p)]
        if not targets or set(shapes.predicates(node)) - {SH.property, RDF.type, RDFS.label, *_TARGETS}:
            continue
        for shape in shapes.objects(node, SH.property):
            for prop, target in targets:
                flat.add((shape, prop, target))
        flat.remove((node, SH.property, None))
    return flat


def warm() -> None:
    batch_shapes_graph()


def results(sources: Iterable[bytes], message: Callable[[str, str | None], str]) -> list[dict]:
    """The top-level results of one pyshacl run over N-Triples `sources`, as `_Result` fields
    (terms in N-Triples syntax)."""
    import pyshacl
    graph, terms = rdflib.Graph(), _Terms()
    for source in sources:
        for quad in parse(source, format=RdfFormat.N_QUADS):
            graph.add((terms(quad.subject), terms(quad.predicate), terms(quad.object)))
    conforms, report, _ = pyshacl.validate(graph, shacl_graph=batch_shapes_graph(), inference="none",
                                           abort_on_first=False, allow_warnings=False, advanced=False)
    if conforms:
        return []
    # Only the report's own results: those of sh:node constraints repeat as nested sh:detail.
    return [_fields(report, result, message) for result in report.objects(None, SH.result)]


def _fields(report: rdflib.Graph, result, message) -> dict:
    def term(prop) -> str | None:
        value = report.value(result, prop)
        return None if value is None else str(_oxigraph_term(value))
    shape = term(SH.sourceShape) or "_:shape"
    said = report.value(result, SH.resultMessage)
    return {"focus": term(SH.focusNode), "shape": shape,
            "component": str(report.value(result, SH.sourceConstraintComponent)),
            "message": message(shape, str(said) if said is not None else None),
            "path": term(SH.resultPath), "value": term(SH.value)}


class _Terms:
    """pyoxigraph -> rdflib terms, each distinct term built once per batch (IRIs and labels
    repeat across the graphs of a batch, and rdflib's constructors are slow)."""

    def __init__(self):
        self._seen: dict = {}

    def __call__(self, term) -> rdflib.term.Node:
        found = self._seen.get(term)
        if found is None:
            found = self._seen[term] = _rdflib_term(term)
        return found


def _rdflib_term(term) -> rdflib.term.Node:
    if isinstance(term, NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, BlankNode):
        return rdflib.BNode(term.value)
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))


def _oxigraph_term(term: rdflib.term.Node):
    """The term as pyoxigraph writes it, so both engines' results read the same."""
    if isinstance(term, rdflib.URIRef):
        return NamedNode(str(term))
    if isinstance(term, rdflib.BNode):
        return BlankNode(str(term))
    if term.language:
        return Literal(str(term), language=term.language)
    datatype = str(term.datatype or "http://www.w3.org/2001/XMLSchema#string")
    return Literal(str(term), datatype=NamedNode(datatype))
