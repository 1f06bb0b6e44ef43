"""Read the entities already in a store back, so a later load reuses their IRIs.

IRIs are minted from identity keys; reading an entity back means finding the key that gives
its IRI (which scope it was minted in), then indexing every label it carries under that scope.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Iterator

from pyoxigraph import Literal, NamedNode

from thidua import iri
from thidua.loaders.model import Entity
from thidua.loaders.resolution import jurisdictions, names
from thidua.loaders.resolution.jurisdictions import Jurisdiction
from thidua.loaders.resolution.names import NATIONAL, UNKNOWN, Mention
from thidua.vocab import sparql_prefixes

KINDS = ("bloc", "unit", "person")

# Separate small queries: one joined query over every graph is several times slower.
# Descriptions are read from the entities graph (?entities, bound), where each is written once;
# which documents mention an entity, from the articles' schema:mentions.
_LABELS = sparql_prefixes(["skos"]) + """
SELECT ?e ?label WHERE { GRAPH ?entities { ?e skos:prefLabel ?label } FILTER(STRSTARTS(STR(?e), ?base)) }"""
_ALT_LABELS = sparql_prefixes(["skos"]) + """
SELECT ?e ?alt WHERE { GRAPH ?entities { ?e skos:altLabel ?alt } FILTER(STRSTARTS(STR(?e), ?base)) }"""
_JURISDICTIONS = sparql_prefixes(["td"]) + """
SELECT ?e ?j WHERE { GRAPH ?entities { ?e td:jurisdiction ?j } }"""
_JURISDICTION_LABELS = sparql_prefixes(["td", "skos"]) + """
SELECT ?j ?label WHERE { GRAPH ?entities { ?j a td:Jurisdiction ; skos:prefLabel ?label } }"""
_MENTIONS = sparql_prefixes(["schema"]) + """
SELECT ?e ?g WHERE { GRAPH ?g { ?article schema:mentions ?e } FILTER(STRSTARTS(STR(?e), ?base)) }"""
_POSITIONS = sparql_prefixes(["td", "org"]) + """
SELECT DISTINCT ?p ?o WHERE { ?f a td:Position ; org:member ?p ; org:organization ?o }"""
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
    entities = NamedNode(iri.ENTITIES_GRAPH)
    described = {"entities": entities, "base": Literal(iri.ID)}
    labels, alts = defaultdict(set), defaultdict(set)
    for row in store.select(_LABELS, described):
        if _kind(row["e"].value):
            labels[row["e"].value].add(row["label"].value)
    for row in store.select(_ALT_LABELS, described):
        alts[row["e"].value].add(row["alt"].value)
    jurisdiction_names = {r["j"].value: r["label"].value
                          for r in store.select(_JURISDICTION_LABELS, {"entities": entities})}
    juris = {r["e"].value: _jurisdiction(r["j"].value, jurisdiction_names.get(r["j"].value))
             for r in store.select(_JURISDICTIONS, {"entities": entities})}
    positions = defaultdict(set)
    for row in store.select(_POSITIONS):
        positions[row["p"].value].add(row["o"].value)
    blocs_in, doc_of, graphs_of = defaultdict(set), {}, defaultdict(set)
    for row in store.select(_MENTIONS, {"base": Literal(iri.ID)}):
        e, g = row["e"].value, row["g"].value
        kind = _kind(e)
        if kind == "bloc":
            blocs_in[g].add(e)
        elif kind == "person":
            graphs_of[e].add(g)
    for row in store.select(_DOCS):
        doc_of[row["g"].value] = row["doc"].value
    # An entity minted in an article without jurisdiction is scoped to that article's bloc.
    unscoped_blocs = sorted(b for b in set().union(*blocs_in.values()) if b not in juris) if blocs_in else []
    for e in sorted(labels):
        label = max(sorted(labels[e]), key=lambda lab: _label_quality(_kind(e), lab))
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
