"""The plain records the site is built from: nodes, articles and facts, kept small.

A 100,000-article store holds ~1.6 million facts, so a fact is one tuple (a NamedTuple: no
per-object dict) whose strings are shared with every other record naming the same IRI, and the
long texts (article text, evidence sentences) are not kept at all: only their digests, the text
being read again when a page shows it.
"""
from __future__ import annotations

from typing import NamedTuple

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
# The arguments of a fact the site reads, by local name of their property.
FACT_PROPERTIES = frozenset(
    [TD + n for n in ("bloc", "date", "emulationYear", "awardType", "awardLabel", "recipient", "status",
                      "achievementYear", "roleLabel")]
    + [PREFIXES["org"] + n for n in ("organization", "member", "role")])


def local_name(iri: str) -> str:
    return iri.rstrip("/#").rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def kind_of(classes) -> str:
    kinds = {KIND_OF_CLASS[c] for c in classes if c in KIND_OF_CLASS}
    return next((k for k in KIND_PRIORITY if k in kinds), "other")


class Node:
    """A node of the graph that may get a page: its kind, classes and labels (merged over graphs)."""
    __slots__ = ("iri", "kind", "classes", "pref", "plain", "alt", "jurisdiction")

    def __init__(self, iri: str):
        self.iri = iri
        self.kind = "other"
        self.classes: frozenset[str] = frozenset()
        self.pref: dict[str, str] = {}      # language -> skos:prefLabel
        self.plain: dict[str, str] = {}     # language -> rdfs:label
        self.alt: frozenset[str] = frozenset()
        self.jurisdiction: str | None = None

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

    def state(self) -> tuple:
        """Everything a page can read of this node, for its digest."""
        return (self.iri, self.kind, sorted(self.classes), sorted(self.pref.items()),
                sorted(self.plain.items()), sorted(self.alt), self.jurisdiction)


class Article(NamedTuple):
    iri: str
    doc: str
    issued: str | None
    url: str | None
    title: str | None
    text_digest: str        # of the text, which is read again only for the article's own page
    graph: str              # where the article (and its text) is stored
    jurisdiction: str | None = None


class Fact(NamedTuple):
    """One fact node: its kind (event, membership, leadership, award, position) and arguments."""
    iri: str
    kind: str
    article: str
    attested: str | None
    start: int | None
    end: int | None
    names: tuple[str, ...]  # argument names, sorted (shared between facts of one shape)
    values: tuple[str, ...] # one value per name (a name repeats for a multi-valued argument)
    year: int | None
    digest: bytes           # of all of the above and of the evidence sentence, which is not kept

    def get(self, name: str) -> tuple[str, ...]:
        return tuple(v for n, v in zip(self.names, self.values) if n == name)

    def one(self, name: str) -> str | None:
        for n, v in zip(self.names, self.values):
            if n == name:
                return v
        return None

    def has(self, name: str, value: str) -> bool:
        return any(n == name and v == value for n, v in zip(self.names, self.values))


def fact_year(names: tuple[str, ...], values: tuple[str, ...], attested: str | None) -> int | None:
    """The year the fact is about: its emulation or achievement year, else its date's."""
    for wanted in ("emulationYear", "achievementYear", "date"):
        value = next((v for n, v in zip(names, values) if n == wanted), None)
        if value and value[:4].isdigit():
            return int(value[:4])
    if attested and attested[:4].isdigit():
        return int(attested[:4])
    return None
