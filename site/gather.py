"""Gather: every query the site runs, in one pass, before anything is rendered.

The queries are the .rq files beside this module (site/gather/); their rows become the plain
`Dataset` below, which the page builders read. Nothing after this module touches the store
for page content.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from pyoxigraph import Literal

from thidua.graph_store import GraphStore
from thidua.text import nfc
from thidua.vocab import PREFIXES

TD = PREFIXES["td"]
SKOS = PREFIXES["skos"]
RDFS = PREFIXES["rdfs"]

# Class IRI -> page kind. Units come in several subclasses; all are "unit" pages.
KIND_OF_CLASS = {
    TD + "EmulationBloc": "bloc",
    TD + "Person": "person",
    TD + "Jurisdiction": "jurisdiction",
    TD + "Year": "year",
    TD + "Role": "role",
    TD + "Article": "article",
    TD + "Event": "event",
    SKOS + "Concept": "award_type",
    SKOS + "ConceptScheme": "scheme",
    **{TD + name: "unit" for name in ("Unit", "Agency", "PeoplesCommittee", "AdministrativeArea",
                                      "Enterprise", "MassOrganisation", "PartyCommittee")},
    PREFIXES["oa"] + "TextQuoteSelector": "evidence",
    PREFIXES["oa"] + "TextPositionSelector": "evidence",
    **{TD + name: "fact" for name in ("BlocMembership", "BlocLeadership", "Award", "Position")},
}
# When a node has several classes, the most specific page kind wins.
KIND_PRIORITY = ("article", "event", "fact", "evidence", "bloc", "unit", "person", "jurisdiction", "year",
                 "role", "award_type", "scheme")
FACT_KIND_OF_CLASS = {TD + "Event": "event", TD + "BlocMembership": "membership",
                      TD + "BlocLeadership": "leadership", TD + "Award": "award",
                      TD + "Position": "position"}


@dataclass
class Node:
    """A node of the graph that may get a page: its kind, classes and labels."""
    iri: str
    kind: str = "other"
    classes: set[str] = field(default_factory=set)
    pref: dict[str, str] = field(default_factory=dict)      # language -> skos:prefLabel
    plain: dict[str, str] = field(default_factory=dict)     # language -> rdfs:label
    alt: set[str] = field(default_factory=set)
    jurisdiction: str | None = None

    @property
    def label(self) -> str:
        for table in (self.pref, self.plain):
            for lang in ("vi", "", "en"):
                if lang in table:
                    return table[lang]
        for table in (self.pref, self.plain):
            if table:
                return table[min(table)]
        return local_name(self.iri)

    @property
    def label_en(self) -> str | None:
        return self.pref.get("en") or self.plain.get("en")


@dataclass
class Article:
    iri: str
    doc: str
    issued: str | None = None
    url: str | None = None
    title: str | None = None
    text: str = ""
    jurisdiction: str | None = None


@dataclass
class Fact:
    """One fact node: its kind (event, membership, leadership, award, position) and arguments."""
    iri: str
    kind: str
    article: str
    attested: str | None = None
    start: int | None = None
    end: int | None = None
    exact: str | None = None
    values: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def one(self, name: str) -> str | None:
        values = self.values.get(name)
        return values[0] if values else None

    @property
    def year(self) -> int | None:
        """The year the fact is about: its emulation or achievement year, else its date's."""
        for name in ("emulationYear", "achievementYear", "date"):
            value = self.one(name)
            if value and value[:4].isdigit():
                return int(value[:4])
        if self.attested and self.attested[:4].isdigit():
            return int(self.attested[:4])
        return None


@dataclass
class Dataset:
    nodes: dict[str, Node]
    articles: dict[str, Article]
    facts: dict[str, Fact]
    broader: dict[str, set[str]]          # concept -> its broader concepts
    links: list[tuple[str, str, str]]      # (source, property, target), sorted


def local_name(iri: str) -> str:
    return iri.rstrip("/#").rsplit("#", 1)[-1].rsplit("/", 1)[-1]


@lru_cache(maxsize=None)
def query_text(name: str) -> str:
    return resources.files("thidua.site").joinpath(f"gather/{name}.rq").read_text(encoding="utf-8")


def _value(term) -> str:
    return nfc(term.value) if isinstance(term, Literal) else term.value


def gather(store: GraphStore) -> Dataset:
    nodes: dict[str, Node] = {}

    def node(iri: str) -> Node:
        found = nodes.get(iri)
        if found is None:
            found = nodes[iri] = Node(iri)
        return found

    for row in store.select(query_text("nodes")):
        node(row["node"].value).classes.add(row["class"].value)
    for n in nodes.values():
        kinds = {KIND_OF_CLASS[c] for c in n.classes if c in KIND_OF_CLASS}
        n.kind = next((k for k in KIND_PRIORITY if k in kinds), "other")
    _gather_labels(store, nodes)
    for row in store.select(query_text("jurisdictions")):
        subject = node(row["node"].value)
        # Several articles may place one node differently; keep the smallest IRI, deterministically.
        j = row["jurisdiction"].value
        subject.jurisdiction = j if subject.jurisdiction is None else min(subject.jurisdiction, j)
    articles = _gather_articles(store, nodes)
    facts = _gather_facts(store, nodes)
    broader: dict[str, set[str]] = defaultdict(set)
    for row in store.select(query_text("scheme")):
        broader[row["narrower"].value].add(row["broader"].value)
    links = sorted({(r["source"].value, r["property"].value, r["target"].value)
                    for r in store.select(query_text("links"))})
    return Dataset(nodes, articles, facts, dict(broader), links)


def _gather_labels(store: GraphStore, nodes: dict[str, Node]) -> None:
    for row in store.select(query_text("labels")):
        n = nodes.get(row["node"].value)
        if n is None:
            n = nodes[row["node"].value] = Node(row["node"].value)
        literal: Literal = row["label"]
        text, lang = nfc(literal.value), literal.language or ""
        prop = row["property"].value
        if prop == SKOS + "altLabel":
            n.alt.add(text)
            continue
        table = n.pref if prop == SKOS + "prefLabel" else n.plain
        # One node described by many articles may carry variant labels: keep the smallest.
        table[lang] = text if lang not in table else min(table[lang], text)


def _gather_articles(store: GraphStore, nodes: dict[str, Node]) -> dict[str, Article]:
    articles = {}
    for row in store.select(query_text("articles")):
        iri = row["article"].value
        art = articles.get(iri) or Article(iri, _value(row["doc"]) if "doc" in row else local_name(iri))
        for name in ("issued", "url", "title", "text"):
            if name in row and getattr(art, name) in (None, ""):
                setattr(art, name, _value(row[name]))
        art.jurisdiction = nodes[iri].jurisdiction if iri in nodes else None
        articles[iri] = art
    return articles


def _gather_facts(store: GraphStore, nodes: dict[str, Node]) -> dict[str, Fact]:
    facts: dict[str, Fact] = {}
    for row in store.select(query_text("facts")):
        iri = row["fact"].value
        classes = nodes[iri].classes if iri in nodes else set()
        kind = next((FACT_KIND_OF_CLASS[c] for c in sorted(classes) if c in FACT_KIND_OF_CLASS), None)
        article = nodes.get(row["article"].value)
        if kind is None or article is None or article.kind != "article":
            continue
        fact = facts.get(iri)
        if fact is None:
            fact = facts[iri] = Fact(iri, kind, row["article"].value)
        if "attested" in row:
            # Several dates for one fact node would be a loader bug; keep the earliest, stably.
            value = _value(row["attested"])
            fact.attested = value if fact.attested is None else min(fact.attested, value)
    for row in store.select(query_text("evidence")):
        fact = facts.get(row["fact"].value)
        if fact is None:
            continue
        if "start" in row and "end" in row and fact.start is None:
            start, end = row["start"].value, row["end"].value
            # A loader bug must not stop the site: bad offsets just mean no highlight.
            if start.isdigit() and end.isdigit():
                fact.start, fact.end = int(start), int(end)
        if "exact" in row and fact.exact is None:
            fact.exact = _value(row["exact"])
    for row in store.select(query_text("fact_values")):
        fact = facts.get(row["fact"].value)
        if fact is not None:
            name = row["property"].value.rsplit("#", 1)[-1]
            fact.values[name].append(_value(row["value"]))
    for fact in facts.values():
        for values in fact.values.values():
            values.sort()
    return facts

