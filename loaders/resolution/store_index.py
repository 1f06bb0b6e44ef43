"""Read the entities already in a store back, so a later load reuses their IRIs.

IRIs are minted from identity keys; reading an entity back means finding the key that gives
its IRI (which scope it was minted in), then indexing every label it carries under that scope.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Iterator

from pyoxigraph import Literal

from thidua import iri
from thidua.loaders.model import Entity
from thidua.loaders.resolution import jurisdictions, names
from thidua.loaders.resolution.jurisdictions import Jurisdiction
from thidua.loaders.resolution.names import NATIONAL, UNKNOWN, Mention
from thidua.vocab import sparql_prefixes

KINDS = ("bloc", "unit", "person")

_LABELS = sparql_prefixes(["skos", "td"]) + """
SELECT ?e ?g ?label ?alt ?j ?jlabel WHERE {
  GRAPH ?g { ?e skos:prefLabel ?label .
    OPTIONAL { ?e skos:altLabel ?alt }
    OPTIONAL { ?e td:jurisdiction ?j . OPTIONAL { ?j skos:prefLabel ?jlabel } } }
  FILTER(STRSTARTS(STR(?e), ?base))
}"""
_POSITIONS = sparql_prefixes(["td", "org"]) + """
SELECT DISTINCT ?p ?o WHERE { ?f a td:Position ; org:member ?p ; org:organization ?o }"""
_BLOCS_BY_GRAPH = sparql_prefixes(["td"]) + """
SELECT DISTINCT ?b ?g WHERE { GRAPH ?g { ?b a td:EmulationBloc } }"""
_DOCS = sparql_prefixes(["td", "dcterms"]) + """
SELECT DISTINCT ?g ?doc WHERE { GRAPH ?g { ?a a td:Article ; dcterms:identifier ?doc } }"""


@dataclass
class StoredEntity:
    entity: Entity
    scope: str = UNKNOWN
    where: Jurisdiction | None = None
    organisations: set[str] = field(default_factory=set)
    blocs: set[str] = field(default_factory=set)
    docs: set[str] = field(default_factory=set)

    def mention(self, label: str, scope: str | None = None) -> Mention:
        scope = self.scope if scope is None else scope
        where = self.where if scope == (self.where.scope if self.where else None) else None
        if self.entity.kind == "person":
            return names.person(label, scope, where)
        return names.organisation(self.entity.kind, label, where, scope)


def stored_entities(store) -> Iterator[StoredEntity]:
    rows = store.select(_LABELS, {"base": Literal(iri.ID)})
    graphs_of, labels, alts, juris = defaultdict(set), defaultdict(Counter), defaultdict(set), {}
    for row in rows:
        e = row["e"].value
        if _kind(e) is None:
            continue
        graphs_of[e].add(row["g"].value)
        labels[e][row["label"].value] += 1
        if "alt" in row:
            alts[e].add(row["alt"].value)
        if "j" in row:
            juris[e] = (row["j"].value, row["jlabel"].value if "jlabel" in row else None)
    positions = defaultdict(set)
    for row in store.select(_POSITIONS):
        positions[row["p"].value].add(row["o"].value)
    blocs_in = defaultdict(set)
    for row in store.select(_BLOCS_BY_GRAPH):
        blocs_in[row["g"].value].add(row["b"].value)
    doc_of = {row["g"].value: row["doc"].value for row in store.select(_DOCS)}
    for e in sorted(labels):
        label = max(sorted(labels[e]), key=lambda lab: labels[e][lab])
        where = _jurisdiction(*juris[e]) if e in juris else None
        entity = Entity(e, _kind(e), label, (alts[e] | set(labels[e])) - {label},
                        where.name if where else None)
        blocs = set().union(*(blocs_in[g] for g in graphs_of[e])) - {e}
        stored = StoredEntity(entity, where=where, organisations=positions.get(e, set()),
                              blocs=blocs, docs={doc_of[g] for g in graphs_of[e] if g in doc_of})
        stored.scope = _minted_scope(stored)
        yield stored


def _minted_scope(stored: StoredEntity) -> str:
    """The scope whose key gives the stored IRI; the jurisdiction's when none does."""
    from thidua.loaders.resolve import mint
    entity = stored.entity
    candidates = ([stored.where.scope] if stored.where else []) + [NATIONAL, UNKNOWN] + \
        sorted("bloc:" + b for b in stored.blocs)
    for scope in candidates:
        for label in [entity.label, *sorted(entity.alt_labels)]:
            mention = stored.mention(label, scope)
            if mint(*mention.key, where=mention.jurisdiction) == entity.iri:
                return mention.scope
    return stored.where.scope if stored.where else UNKNOWN


def _kind(entity_iri: str) -> str | None:
    rest = entity_iri[len(iri.ID):] if entity_iri.startswith(iri.ID) else ""
    kind = rest.split("/", 1)[0]
    return kind if kind in KINDS else None


def _jurisdiction(jurisdiction_iri: str, label: str | None) -> Jurisdiction:
    jid = jurisdiction_iri.rsplit("/", 1)[-1]
    return jurisdictions.by_id(jid) or jurisdictions.unlisted(label or jid)
