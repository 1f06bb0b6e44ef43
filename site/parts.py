"""One named graph -> what the site needs of it (`GraphPart`) and what it publishes of it.

A part holds compact records (nodes' classes and labels, articles, facts, links) and digests
of what the graph contributes to each page's RDF files. Parts are kept between builds
(`state.py`), so an unchanged graph is not read again. `GraphContent` is the transient rest:
the long texts, the triples of the RDF files beside article and event pages, the triples of
shared nodes (entities, years ...) and the graph's piece of each full dump.
"""
from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass, field, replace

from pyoxigraph import Literal, NamedNode, RdfFormat, Triple, parse, serialize

from thidua.iri import BASE
from thidua.site.records import (FACT_KIND_OF_CLASS, FACT_PROPERTIES, Article, Fact, fact_year,
                                 local_name)
from thidua.text import nfc
from thidua.vocab import PREFIXES

TD, PROV, OA, DCT, SCHEMA = (PREFIXES[k] for k in ("td", "prov", "oa", "dcterms", "schema"))
RDF_TYPE = PREFIXES["rdf"] + "type"
LABELS = {PREFIXES["skos"] + "prefLabel": "pref", PREFIXES["rdfs"] + "label": "plain",
          PREFIXES["skos"] + "altLabel": "alt"}
JURISDICTION = TD + "jurisdiction"
DERIVED_FROM = PROV + "wasDerivedFrom"
EVIDENCE = TD + "evidence"
ARTICLE_FIELDS = {DCT + "identifier": "doc", DCT + "issued": "issued", SCHEMA + "url": "url",
                  DCT + "title": "title", TD + "text": "text"}
SHORT_PREFIXES = {k: v for k, v in PREFIXES.items() if k not in ("void", "dcat", "sh", "owl")}
_NO_PAGE = BASE + "ontology"      # ontology terms are documented on ontology/, not on pages


def digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


SCHEME_LINKS = frozenset((PREFIXES["skos"] + "broader", PREFIXES["skos"] + "narrower"))


@dataclass
class GraphPart:
    """What one graph contributes to the site (kept between builds)."""
    graph: str
    fingerprint: str | None
    quads: int
    # (iri, classes, ((label property, language, text), ...), jurisdictions)
    nodes: tuple[tuple[str, tuple[str, ...], tuple[tuple[str, str, str], ...], tuple[str, ...]], ...]
    articles: tuple[tuple, ...]                   # Article fields (plain tuples: unpickled in C)
    facts: tuple[tuple, ...]                      # Fact fields
    links: tuple[tuple[str, str, str], ...]       # (source, property, target) that may be shown
    outgoing: tuple[tuple[str, str, str], ...]    # links of nodes other than facts and articles
    groups: tuple[tuple[str, bytes], ...]         # article/event page -> digest of its triples here
    shared: tuple[tuple[str, bytes], ...]         # other subject -> digest of its triples here
    chunks: dict = field(default_factory=dict)    # dump name -> chunked_gzip.Chunk

    def slim(self) -> "GraphPart":
        """The part without its facts and links (kept in the spill file), but for the links of
        the award scheme, which the merge reads."""
        return replace(self, facts=(), links=tuple(link for link in self.links if link[1] in SCHEME_LINKS))


@dataclass
class GraphContent:
    """What is read of a graph but not kept: texts, RDF file triples, dump pieces."""
    texts: dict[str, str]                       # article -> text
    exacts: dict[str, str]                      # fact -> evidence sentence
    groups: dict[str, list[Triple]]             # article/event page -> its triples, sorted
    shared: dict[str, list[Triple]]             # other subject -> its triples, sorted
    dumps: dict[str, bytes]                     # dump name -> this graph's piece
    nodes: frozenset[str] = frozenset()         # subjects that are nodes (typed or labelled)
    files: dict[str, tuple[bytes, bytes]] = field(default_factory=dict)   # group -> its files, if made


def _turtle_header() -> bytes:
    probe = serialize([Triple(NamedNode(BASE), NamedNode(BASE), NamedNode(BASE))],
                      format=RdfFormat.TURTLE, prefixes=SHORT_PREFIXES)
    return b"".join(line for line in probe.splitlines(keepends=True) if line.startswith(b"@prefix"))


TURTLE_HEADER = _turtle_header()


def turtle_and_jsonld(triples: list[Triple]) -> tuple[bytes, bytes]:
    """The triples (sorted, without repeats) as a page's Turtle and JSON-LD files."""
    return (serialize(triples, format=RdfFormat.TURTLE, prefixes=SHORT_PREFIXES),
            serialize(triples, format=RdfFormat.JSON_LD))


def turtle_body(turtle: bytes) -> bytes:
    """Turtle without the prefix lines, which the dump writes once at its top."""
    return turtle[len(TURTLE_HEADER):] if turtle.startswith(TURTLE_HEADER) else turtle


def jsonld_member(graph: str, jsonld: bytes) -> bytes:
    """The graph as one member of a JSON-LD array: {"@id": graph, "@graph": [...]}."""
    return b'{"@id":' + json.dumps(graph, ensure_ascii=False).encode() + b',"@graph":' + jsonld.strip() + b"}"


class _Rows:
    """The graph's triples in N-Triples line order. Subjects, predicates and IRI objects are
    read from the lines (a bytes split), not from pyoxigraph's terms: creating a Python object
    for every term of every triple cost more than all the rest of a graph's processing."""

    def __init__(self, ntriples: bytes):
        lines = sorted(set(ntriples.splitlines()) - {b""})
        triples = list(parse(b"\n".join(lines), format=RdfFormat.N_TRIPLES))
        if len(triples) != len(lines) or not all(line.endswith(b" .") for line in lines):
            # Not one canonical triple per line: make the lines from the triples.
            triples = sorted(set(triples), key=str)
            lines = [f"{t} .".encode() for t in triples]
        self.lines = lines
        self.triples = triples
        self.subjects: list[str | None] = []
        self.predicates: list[str] = []
        self.iri_objects: list[str | None] = []     # the object's IRI, None for a literal or blank node
        self.by_subject: dict[str, list[int]] = defaultdict(list)
        for i, line in enumerate(lines):
            parts = line[:-2].split(b" ", 2)
            if len(parts) != 3 or b"\\" in parts[0] or b"\\" in parts[1]:   # escapes: let pyoxigraph read it
                self._from_term(i)
                continue
            s, p, o = parts
            subject = s[1:-1].decode() if s[:1] == b"<" else None
            self.subjects.append(subject)
            self.predicates.append(p[1:-1].decode())
            self.iri_objects.append(o[1:-1].decode() if o[:1] == b"<" and b"\\" not in o else
                                    (None if o[:1] != b"<" else triples[i].object.value))
            if subject is not None:
                self.by_subject[subject].append(i)

    def _from_term(self, i: int) -> None:
        t = self.triples[i]
        subject = t.subject.value if type(t.subject) is NamedNode else None
        self.subjects.append(subject)
        self.predicates.append(t.predicate.value)
        self.iri_objects.append(t.object.value if type(t.object) is NamedNode else None)
        if subject is not None:
            self.by_subject[subject].append(i)

    def value(self, i: int) -> str:
        """The object as text: an IRI, or a literal's value in NFC."""
        iri = self.iri_objects[i]
        return iri if iri is not None else nfc(self.triples[i].object.value)

    def literal(self, i: int) -> Literal | None:
        if self.iri_objects[i] is not None:
            return None
        term = self.triples[i].object
        return term if type(term) is Literal else None

    def iris(self, subject: str, predicate: str) -> list[str]:
        return sorted({self.iri_objects[i] for i in self.by_subject.get(subject, ())
                       if self.predicates[i] == predicate and self.iri_objects[i] is not None})

    def values(self, subject: str, predicate: str) -> list[str]:
        return [self.value(i) for i in self.by_subject.get(subject, ()) if self.predicates[i] == predicate]

    def digest(self, rows: list[int]) -> bytes:
        return digest(b"\n".join(self.lines[i] for i in rows))


def read_part(graph: str, fingerprint: str | None, ntriples: bytes) -> tuple[GraphPart, GraphContent]:
    """The part and content of one graph, from its N-Triples."""
    rows = _Rows(ntriples)
    classes = {s: rows.iris(s, RDF_TYPE) for s in rows.by_subject}
    derived = {s: a for s in rows.by_subject if (a := rows.iris(s, DERIVED_FROM))}
    evidence_of: dict[str, list[str]] = defaultdict(list)
    for fact in derived:
        for evidence in rows.iris(fact, EVIDENCE):
            evidence_of[evidence].append(fact)
    articles = [s for s, cs in classes.items() if TD + "Article" in cs]
    texts: dict[str, str] = {}
    exacts: dict[str, str] = {}
    part_articles = tuple(_article(graph, a, rows, texts) for a in articles)
    facts = tuple(f for f in (_fact(s, classes[s], derived[s], rows, exacts) for s in sorted(derived)) if f)
    groups = _groups(rows, classes, derived, evidence_of)
    local = set(derived) | set(evidence_of) | set(articles)
    shared = {s: idx for s, idx in rows.by_subject.items() if s not in local}
    links, outgoing = _links(rows, evidence_of, local)
    nodes = tuple(n for n in (_node(s, rows, classes[s]) for s in sorted(rows.by_subject)
                              if s not in evidence_of and (s not in derived or TD + "Event" in classes[s]))
                  if n[1] or n[2] or n[3])
    suffix = f" {NamedNode(graph)} .\n".encode()
    # The graph is serialised once, for its dump pieces and for the files of a page whose
    # triples are all of the graph's (an article graph as the loader writes it), which were
    # serialised a second time: half of the serialising while reading (0.55 -> 0.28 s at 1k).
    whole = turtle_and_jsonld(rows.triples) if rows.triples else None
    dumps = {"nquads": b"".join(line[:-2] + suffix for line in rows.lines),
             "turtle": turtle_body(whole[0]) if whole else b"",
             "jsonld": jsonld_member(graph, whole[1]) if whole else b""}
    files = {k: whole for k, idx in groups.items() if whole and len(idx) == len(rows.lines)}
    part = GraphPart(graph, fingerprint, len(rows.lines), nodes, tuple(map(tuple, part_articles)),
                     tuple(map(tuple, facts)), links, outgoing,
                     tuple((k, rows.digest(idx)) for k, idx in sorted(groups.items())),
                     tuple((s, rows.digest(idx)) for s, idx in sorted(shared.items())))
    content = GraphContent(texts, exacts, {k: [rows.triples[i] for i in idx] for k, idx in groups.items()},
                           {s: [rows.triples[i] for i in idx] for s, idx in shared.items()}, dumps,
                           frozenset(n[0] for n in nodes), files)
    return part, content


def _node(iri: str, rows: _Rows, classes: list[str]):
    labels = sorted({(LABELS[rows.predicates[i]], literal.language or "", nfc(literal.value))
                     for i in rows.by_subject[iri]
                     if rows.predicates[i] in LABELS and (literal := rows.literal(i)) is not None})
    return iri, tuple(classes), tuple(labels), tuple(rows.iris(iri, JURISDICTION))


def _article(graph: str, iri: str, rows: _Rows, texts: dict[str, str]) -> Article:
    fields: dict[str, str] = {}
    for i in rows.by_subject[iri]:         # sorted: the first value of each field wins, stably
        name = ARTICLE_FIELDS.get(rows.predicates[i])
        if name and name not in fields:
            fields[name] = rows.value(i)
    text = fields.pop("text", "")
    texts[iri] = text
    return Article(iri, fields.get("doc") or local_name(iri), fields.get("issued"), fields.get("url"),
                   fields.get("title"), digest(text.encode()).hex(), graph)


def _fact(iri: str, classes: list[str], articles: list[str], rows: _Rows, exacts: dict[str, str]) -> Fact | None:
    kind = next((FACT_KIND_OF_CLASS[c] for c in classes if c in FACT_KIND_OF_CLASS), None)
    if kind is None:
        return None
    mine = rows.by_subject[iri]
    pairs = sorted((rows.predicates[i].rsplit("#", 1)[-1], rows.value(i))
                   for i in mine if rows.predicates[i] in FACT_PROPERTIES)
    attested = min(rows.values(iri, TD + "attestedOn"), default=None)
    start = end = None
    exact = None
    for evidence in rows.iris(iri, EVIDENCE):
        values = {rows.predicates[i]: rows.value(i) for i in rows.by_subject.get(evidence, ())}
        s, e = values.get(OA + "start"), values.get(OA + "end")
        # A loader bug must not stop the site: bad offsets just mean no highlight.
        if start is None and s is not None and e is not None and s.isdigit() and e.isdigit():
            start, end = int(s), int(e)
        if exact is None and OA + "exact" in values:
            exact = values[OA + "exact"]
    if exact is not None:
        exacts[iri] = exact
    names = tuple(n for n, _ in pairs)
    values = tuple(v for _, v in pairs)
    record = (iri, kind, articles[0], attested, start, end, names, values)
    return Fact(*record, fact_year(names, values, attested), digest(repr((record, exact)).encode()))


def _groups(rows: _Rows, classes, derived, evidence_of) -> dict[str, list[int]]:
    """Rows of the RDF files beside article and event pages: the article with its facts and
    their evidence; the event with its evidence."""
    groups: dict[str, list[int]] = defaultdict(list)
    for s, idx in rows.by_subject.items():
        keys = set()
        if TD + "Article" in classes.get(s, ()):
            keys.add(s)
        for fact in [s] if s in derived else evidence_of.get(s, ()):
            keys.update(derived.get(fact, ()))
            if TD + "Event" in classes.get(fact, ()):
                keys.add(fact)
        for key in keys:
            groups[key].extend(idx)
    return {k: sorted(set(idx)) for k, idx in groups.items()}


def _links(rows: _Rows, evidence_of, local: set[str]):
    links, outgoing = set(), set()
    for s, p, o in zip(rows.subjects, rows.predicates, rows.iri_objects):
        if s is None or o is None or p == RDF_TYPE:
            continue
        if o.startswith(BASE) and not o.startswith(_NO_PAGE) and o not in evidence_of:
            links.add((s, p, o))
        if s not in local:
            outgoing.add((s, p, o))
    return tuple(sorted(links)), tuple(sorted(outgoing))
