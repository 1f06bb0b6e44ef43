"""Read the entities already in a store back, so a later load reuses their IRIs.

IRIs are minted from identity keys; reading an entity back means finding the key that gives
its IRI (which scope it was minted in), then indexing every label it carries under that scope.
"""
from __future__ import annotations

from collections import defaultdict
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

# Separate small queries: one joined query over every graph is several times slower.
_LABELS = sparql_prefixes(["skos"]) + """
SELECT DISTINCT ?e ?label WHERE { ?e skos:prefLabel ?label FILTER(STRSTARTS(STR(?e), ?base)) }"""
_ALT_LABELS = sparql_prefixes(["skos"]) + """
SELECT DISTINCT ?e ?alt WHERE { ?e skos:altLabel ?alt FILTER(STRSTARTS(STR(?e), ?base)) }"""
_JURISDICTIONS = sparql_prefixes(["td"]) + """
SELECT DISTINCT ?e ?j WHERE { ?e td:jurisdiction ?j }"""
_JURISDICTION_LABELS = sparql_prefixes(["td", "skos"]) + """
SELECT DISTINCT ?j ?label WHERE { ?j a td:Jurisdiction ; skos:prefLabel ?label }"""
_PERSON_GRAPHS = sparql_prefixes(["td"]) + """
SELECT DISTINCT ?e ?g WHERE { GRAPH ?g { ?e a td:Person } }"""
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

    def register_forms(self) -> set[str]:
        """The labels that are normalised names (not written forms such as "Sở KH&ĐT")."""
        labels = {self.entity.label} | self.entity.alt_labels
        return {label for label in labels if self.mention(label).label == label} or {self.entity.label}

    def mention(self, label: str, scope: str | None = None) -> Mention:
        scope = self.scope if scope is None else scope
        where = self.where if scope == (self.where.scope if self.where else None) else None
        if self.entity.kind == "person":
            return names.person(label, scope, where)
        return names.organisation(self.entity.kind, label, where, scope)


def stored_entities(store) -> Iterator[StoredEntity]:
    from thidua.loaders.resolve import _label_quality
    base = {"base": Literal(iri.ID)}
    labels, alts = defaultdict(set), defaultdict(set)
    for row in store.select(_LABELS, base):
        if _kind(row["e"].value):
            labels[row["e"].value].add(row["label"].value)
    for row in store.select(_ALT_LABELS, base):
        alts[row["e"].value].add(row["alt"].value)
    jurisdiction_names = {r["j"].value: r["label"].value for r in store.select(_JURISDICTION_LABELS)}
    juris = {r["e"].value: _jurisdiction(r["j"].value, jurisdiction_names.get(r["j"].value))
             for r in store.select(_JURISDICTIONS)}
    positions = defaultdict(set)
    for row in store.select(_POSITIONS):
        positions[row["p"].value].add(row["o"].value)
    blocs_in, doc_of, graphs_of = defaultdict(set), {}, defaultdict(set)
    for row in store.select(_BLOCS_BY_GRAPH):
        blocs_in[row["g"].value].add(row["b"].value)
    for row in store.select(_DOCS):
        doc_of[row["g"].value] = row["doc"].value
    for row in store.select(_PERSON_GRAPHS):
        graphs_of[row["e"].value].add(row["g"].value)
    # An entity minted in an article without jurisdiction is scoped to that article's bloc.
    unscoped_blocs = sorted(b for b in set().union(*blocs_in.values()) if b not in juris) if blocs_in else []
    for e in sorted(labels):
        label = max(sorted(labels[e]), key=lambda lab: _label_quality(_kind(e), lab))   # graphs may differ
        where = juris.get(e)
        entity = Entity(e, _kind(e), label, (alts[e] | labels[e]) - {label}, where.name if where else None)
        if graphs_of[e]:
            blocs = set().union(*(blocs_in[g] for g in graphs_of[e]))
        else:
            blocs = set() if where else set(unscoped_blocs)
        stored = StoredEntity(entity, where=where, organisations=positions.get(e, set()), blocs=blocs - {e},
                              docs={doc_of[g] for g in graphs_of[e] if g in doc_of})
        stored.scope = _minted_scope(stored)
        if entity.kind != "person":
            stored.blocs = set()          # bloc context serves the person typo rule only
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
