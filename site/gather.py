"""Gather: the graphs' parts merged into one `Dataset`, the plain data the page builders read.

Parts come from `parts.read_part` (a graph read in this build) or from the previous build's
state (an unchanged graph); the merge is the same either way, and independent of the order in
which graphs or triples arrive. Facts and links go to the build's spill file (`spill.py`);
nodes, articles and the links between entities stay in memory, their IRIs interned, so an
entity named by 10,000 facts is one string in memory, not 10,000.
"""
from __future__ import annotations

import sys
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from thidua.graph_store import GraphStore
from thidua.site.parts import GraphPart, read_part
from thidua.site.records import (KIND_OF_CLASS, KIND_PRIORITY, Article, Fact, Node, kind_of,  # noqa: F401
                                 local_name)
from thidua.site.source import query_text  # noqa: F401  (re-exported)
from thidua.site.spill import FactTable, Links, Spill
from thidua.site.tally import FactTally
from thidua.vocab import PREFIXES

SKOS = PREFIXES["skos"]
intern = sys.intern


@dataclass
class Dataset:
    nodes: dict[str, Node]
    articles: dict[str, Article]
    facts: FactTable                                     # fact IRI -> Fact, on disk
    broader: dict[str, frozenset[str]]                   # concept -> its broader concepts
    incoming: Links                                      # target -> property -> sources, sorted
    outgoing: dict[str, list[tuple[str, str]]]           # node (not fact, not article) -> links
    quads: int
    graphs: int
    spill: Spill = field(repr=False, default=None)

    @cached_property
    def tally(self) -> FactTally:
        """Counts over every fact, in one pass (tally.py)."""
        return FactTally.of(self.facts.values())

    def close(self) -> None:
        """Remove the spill file (the dataset cannot be read after this)."""
        if self.spill is not None:
            self.spill.close()


class Assembler:
    """Merges parts one at a time; `finish` gives the Dataset."""

    def __init__(self, spill: Spill) -> None:
        self.spill = spill
        self.nodes: dict[str, Node] = {}
        self.articles: dict[str, Article] = {}
        self.outgoing: dict[str, set[tuple[str, str]]] = defaultdict(set)
        self.broader: dict[str, set[str]] = defaultdict(set)
        self.quads = 0
        self.graphs = 0

    def add(self, part: GraphPart, rows: bool = True) -> None:
        """Merge one graph's part; `rows`: also put its facts and links in the spill file
        (False: they are there from the build that wrote the file)."""
        self.graphs += 1
        self.quads += part.quads
        for iri, classes, labels, places in part.nodes:
            self._merge_node(iri, classes, labels, places)
        for article in part.articles:
            if article[0] not in self.articles:
                self.articles[article[0]] = Article(*article)
        if rows:
            self.spill.facts.add(part.facts, part.graph)
            self.spill.links.add(part.links)
        for s, p, o in part.links:
            if p == SKOS + "broader":
                self.broader[intern(s)].add(intern(o))
            elif p == SKOS + "narrower":
                self.broader[intern(o)].add(intern(s))
        for s, p, o in part.outgoing:
            self.outgoing[intern(s)].add((intern(p), intern(o)))

    def _merge_node(self, iri: str, classes, labels, places) -> None:
        node = self.nodes.get(iri)
        if node is None:
            node = self.nodes[intern(iri)] = Node(intern(iri))
        if classes:
            node.classes = node.classes | frozenset(classes)
        alt = []
        for prop, lang, text in labels:
            if prop == "alt":
                alt.append(text)
                continue
            # One node described by several graphs may carry variant labels: keep the smallest.
            table = node.pref if prop == "pref" else node.plain
            if lang not in table or text < table[lang]:
                table[lang] = text
        if alt:
            node.alt = node.alt | frozenset(alt)
        for place in places:
            if node.jurisdiction is None or place < node.jurisdiction:
                node.jurisdiction = intern(place)

    def finish(self, recheck: set[str] | None = None) -> Dataset:
        """The merged dataset; `recheck`: in a patched spill file, the nodes that changed since
        the build that wrote it (see FactTable.keep_only)."""
        for node in self.nodes.values():
            node.kind = kind_of(node.classes)
        self.spill.facts.keep_only({iri for iri, node in self.nodes.items() if node.kind == "article"},
                                   recheck)
        self.spill.links.index()
        articles = {iri: a._replace(jurisdiction=self.nodes[iri].jurisdiction if iri in self.nodes else None)
                    for iri, a in sorted(self.articles.items())}
        outgoing = {s: sorted(links) for s, links in self.outgoing.items()}
        broader = {c: frozenset(bs) for c, bs in self.broader.items()}
        return Dataset(self.nodes, articles, self.spill.facts, broader, self.spill.links, outgoing,
                       self.quads, self.graphs, self.spill)


def gather(store: GraphStore) -> Dataset:
    """Read every graph of `store` and merge them (no state, no site files: for tests and
    tools; `Dataset.close` removes its spill file)."""
    from thidua.site.source import fingerprints, read_graph

    assembler = Assembler(Spill())
    for graph, fingerprint in sorted(fingerprints(store).items()):
        part, _ = read_part(graph, fingerprint, read_graph(store, graph))
        assembler.add(part)
    return assembler.finish()
