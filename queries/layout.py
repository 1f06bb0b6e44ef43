"""The entities graph: where blocs, units, people and the shared nodes are described once.

Stores written before `thidua.iri.ENTITIES_GRAPH` existed describe every entity inside each
article graph that mentions it. `move_descriptions` rewrites such a store into the current
layout: each article states `schema:mentions` for the blocs, units and people it describes;
every triple whose subject is typed as one of `DESCRIBED_CLASSES` leaves the article graphs for
the entities graph, where the store keeps one copy however many articles repeated it (one
SPARQL update, so one transaction); then an entity that articles named differently keeps one
preferred label, chosen as the resolver chooses it, and the class that label implies. The named
queries are written for that layout.
"""
from __future__ import annotations

from collections import defaultdict

from pyoxigraph import Literal, NamedNode

from thidua import iri
from thidua.vocab import PREFIXES, UNIT_CLASSES, sparql_prefixes

VOCABULARY_GRAPH = iri.GRAPH + "vocabulary"     # as loaders.pipeline, without importing the loader
_TD, _PROV = PREFIXES["td"], PREFIXES["prov"]
MENTIONED_CLASSES = tuple(_TD + c for c in ("EmulationBloc", *UNIT_CLASSES, "Person"))
DESCRIBED_CLASSES = MENTIONED_CLASSES + tuple(_TD + c for c in ("Jurisdiction", "Year", "Role")) + (
    _PROV + "Activity", _PROV + "SoftwareAgent")
_KINDS = {iri.ID + kind + "/": kind for kind in ("bloc", "unit", "person")}


def _iris(values) -> str:
    return " ".join(str(NamedNode(v)) for v in values)


def move_descriptions_update() -> str:
    """The SPARQL update that adds the mentions and moves the descriptions (IRIs only)."""
    entities, vocabulary = NamedNode(iri.ENTITIES_GRAPH), NamedNode(VOCABULARY_GRAPH)
    return sparql_prefixes(["td", "schema"]) + f"""
INSERT {{ GRAPH ?g {{ ?article schema:mentions ?s }} }}
WHERE {{
  VALUES ?class {{ {_iris(MENTIONED_CLASSES)} }}
  GRAPH ?g {{ ?s a ?class . ?article a td:Article }}
}} ;
DELETE {{ GRAPH ?g {{ ?s ?p ?o }} }}
INSERT {{ GRAPH {entities} {{ ?s ?p ?o }} }}
WHERE {{
  {{ SELECT DISTINCT ?s WHERE {{
      VALUES ?class {{ {_iris(DESCRIBED_CLASSES)} }}
      GRAPH ?typedIn {{ ?s a ?class }}
      FILTER(?typedIn != {entities} && ?typedIn != {vocabulary})
  }} }}
  GRAPH ?g {{ ?s ?p ?o }}
  FILTER(?g != {entities} && ?g != {vocabulary})
}}"""


_SEVERAL_LABELS = sparql_prefixes(["skos", "rdf"]) + f"""
SELECT ?e ?label ?class WHERE {{
  {{ SELECT ?e WHERE {{ GRAPH {NamedNode(iri.ENTITIES_GRAPH)} {{ ?e skos:prefLabel ?l }} }}
     GROUP BY ?e HAVING(COUNT(?l) > 1) }}
  GRAPH {NamedNode(iri.ENTITIES_GRAPH)} {{ ?e skos:prefLabel ?label ; rdf:type ?class }}
}}"""


def move_descriptions(store) -> None:
    """Rewrite a store of the per-article layout into the entities-graph layout (idempotent),
    with the summaries the loader keeps (such a store predates them)."""
    from thidua.queries import summary
    store.update(move_descriptions_update())
    settle_preferred_labels(store)
    summary.refresh(store)


def settle_preferred_labels(store) -> None:
    """One skos:prefLabel (and rdfs:label, and class) per entity; the other names become
    skos:altLabels. One update, so one transaction."""
    labels, classes = defaultdict(set), defaultdict(set)
    for row in store.select(_SEVERAL_LABELS):
        labels[row["e"].value].add(row["label"])
        classes[row["e"].value].add(row["class"].value)
    removed, added = [], []
    for entity, found in sorted(labels.items()):
        kept = _preferred(entity, found)
        node = NamedNode(entity)
        for label in sorted(found - {kept}, key=lambda term: term.value):
            removed += [f"{node} <{PREFIXES['skos']}prefLabel> {label} .",
                        f"{node} <{PREFIXES['rdfs']}label> {label} ."]
            added.append(f"{node} <{PREFIXES['skos']}altLabel> {label} .")
        for cls in sorted(classes[entity] - {_class_of(entity, kept.value, classes[entity])}):
            removed.append(f"{node} <{PREFIXES['rdf']}type> {NamedNode(cls)} .")
    if removed:
        store.update(f"{_data_block('DELETE', removed)} ;\n{_data_block('INSERT', added)}")


def _data_block(verb: str, triples: list[str]) -> str:
    body = "\n".join(triples)
    return f"{verb} DATA {{ GRAPH {NamedNode(iri.ENTITIES_GRAPH)} {{\n{body}\n}} }}"


def _kind(entity: str) -> str:
    return next((kind for prefix, kind in _KINDS.items() if entity.startswith(prefix)), "")


def _preferred(entity: str, labels: set[Literal]) -> Literal:
    from thidua.loaders.resolve import _label_quality   # the resolver's own choice of name
    return max(sorted(labels, key=lambda term: term.value),
               key=lambda term: _label_quality(_kind(entity), term.value))


def _class_of(entity: str, label: str, found: set[str]) -> str:
    """The class the kept label implies (units are typed by their head words), when stated."""
    if _kind(entity) == "unit":
        from thidua.loaders.rdf import unit_class
        implied = _TD + unit_class(label)
        if implied in found:
            return implied
    return min(found)


def has_entities_graph(store) -> bool:
    return iri.ENTITIES_GRAPH in store.graphs()
