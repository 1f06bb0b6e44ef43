"""The load job: sources (articles, facts files) -> facts -> resolved entities -> named graphs.

Incremental and atomic per article: each document's graph carries a content hash (of its input
bytes, its manifest row and the tool version); an unchanged document is not read past hashing,
a changed one has its graph replaced in one transaction, and a first load of new documents goes
through the store's bulk path in batches that are each atomic. A killed load, run again, ends
with the same graph as an uninterrupted one. Every load and prune ends by refreshing the
summaries (thidua.queries.summary, docs/queries.md): one SPARQL update each.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator

from pyoxigraph import (BlankNode, CanonicalizationAlgorithm, Dataset, Literal, NamedNode, Quad,
                        RdfFormat, parse)

from thidua import __version__, iri
from thidua.errors import ThiduaError, UnreadableInput
from thidua.graph_store.base import GraphStore
from thidua.loaders.facts import is_facts_file, read_facts_file
from thidua.loaders.model import ENTITY_FIELDS, ID_FIELDS, Article, Entity, entity_kind
from thidua.loaders.rdf import LAYOUT, ArticleRdf, article_rdf, entity_ntriples

if TYPE_CHECKING:
    from thidua.loaders.resolve import Resolver
from thidua.text import clean
from thidua.vocab import TD, sparql_prefixes

log = logging.getLogger(__name__)

VOCABULARY_GRAPH = iri.GRAPH + "vocabulary"
VOCABULARY_FILES = ("thidua.ttl", "award-types.ttl", "award-facets.ttl")
BULK_BATCH = 200

# A document graph's content hash is on its article node (the vocabulary graph's is on the
# graph itself). Documents are compared by graph (iri.graph(doc)), not by identifier: one
# predicate scan instead of two, half of a rebuild's load side at 100,000 articles (22 s cold).
_STORED_HASHES = sparql_prefixes(["td"]) + """
SELECT ?g ?hash WHERE { GRAPH ?g { ?a td:contentHash ?hash } FILTER(?a != ?g) }
"""
_DOC_OF_GRAPH = sparql_prefixes(["td", "dcterms"]) + """
SELECT ?doc WHERE { GRAPH ?g { ?a td:contentHash ?hash ; dcterms:identifier ?doc } }
"""


@dataclass
class LoadReport:
    loaded: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)   # (source, reason)
    quads_written: int = 0

    @property
    def ok(self) -> bool:
        return not self.failed

    def summary(self) -> str:
        parts = [f"{len(self.loaded)} loaded", f"{len(self.unchanged)} unchanged"]
        if self.removed:
            parts.append(f"{len(self.removed)} removed")
        parts.append(f"{len(self.failed)} failed")
        return ", ".join(parts) + f"; {self.quads_written} quads written"


@dataclass
class _Source:
    """One document to load: an article file, or one doc's facts inside a facts file."""
    doc: str
    stored_hash: str
    path: Path
    manifest_row: dict | None = None
    facts: list[dict] | None = None        # for facts files: the facts, already read


def load_paths(store: GraphStore, paths: Iterable[str | os.PathLike], *, prune: bool = False,
               force: bool = False, jobs: int = 1, progress: bool = True,
               resolver: Resolver | None = None) -> LoadReport:
    """Load articles and facts files (files or folders) into `store`, one graph per document."""
    report = LoadReport()
    ensure_vocabulary(store)
    stored = {row["g"].value: row["hash"].value for row in store.select(_STORED_HASHES)}
    sources = _unique(_sources([Path(p) for p in paths], report, rehash=force), report)
    todo = [s for s in sources if force or stored.get(iri.graph(s.doc)) != s.stored_hash]
    report.unchanged = sorted({s.doc for s in sources} - {s.doc for s in todo})
    job = _LoadJob(store, stored, resolver)
    try:
        for source, article, facts in _extracted(todo, jobs, progress, report):
            job.load(source, article, facts, report)
        job.flush(report)
    finally:
        job.close()                # the last batch is written before anything else happens
    if prune:
        present = {iri.graph(doc) for doc in {s.doc for s in sources} | {d for d, _ in report.failed}}
        for graph in sorted(set(stored) - present):
            report.removed.append(_doc_of(store, graph))
            store.remove_graph(graph)
        report.removed.sort()
        if report.removed:
            remove_unmentioned(store)
    # Always, even when nothing changed: a load killed after its last batch, or a store written
    # before summaries existed, gets summaries that match its facts (~200 ms at 2.68M quads).
    from thidua.queries import summary
    summary.refresh(store)
    if resolver is None and job.resolver is not None:     # the user's (decisions) is not saved
        _save_resolver(store, job.resolver, stored, todo, report)
    return report


def _doc_of(store: GraphStore, graph: str) -> str:
    rows = store.select(_DOC_OF_GRAPH, {"g": NamedNode(graph)})
    return rows[0]["doc"].value if rows else graph


def _save_resolver(store: GraphStore, resolver: "Resolver", stored: dict[str, str],
                   todo: list[_Source], report: LoadReport) -> None:
    """Keep the resolver for the next load, keyed by the store's graphs as they are now."""
    from thidua.loaders.resolution import cache
    now = dict(stored)
    loaded = set(report.loaded)
    now.update((iri.graph(s.doc), s.stored_hash) for s in todo if s.doc in loaded)
    for doc in report.removed:
        now.pop(iri.graph(doc), None)
    cache.save(store.location, cache.state_key(now), resolver)


class _LoadJob:
    """Resolves documents as they come and writes them: new ones in bulk batches, on a writer
    thread (pyoxigraph's bulk loader releases the GIL, so the next batch is resolved and built
    while the last one is written); changed ones replaced one by one."""

    def __init__(self, store: GraphStore, stored_hashes: dict[str, str], resolver: "Resolver | None"):
        self.store, self.stored_hashes = store, stored_hashes      # by graph
        self.resolver = resolver
        self.descriptions = Descriptions(store)
        self.writer = _Writer()
        self.docs: list[str] = []
        self.nquads: list[str] = []
        self.quads = 0
        self.shared: dict[str, None] = {}
        self.entities: dict[str, Entity] = {}

    def load(self, source: _Source, article: Article, facts: list[dict], report: LoadReport) -> None:
        if self.resolver is None:     # built on first use: it reads the store
            self.resolver = _resolver_for(self.store, self.stored_hashes)
        if all(_has_ids(f) for f in facts) and facts:
            # Already resolved (thidua extract): keep the ids, merge the names into what is known.
            entities = self.resolver.absorb(entities_from_ids(article, facts))
        else:
            facts = self.resolver.resolve(article, facts)
            entities = self.resolver.entities_for(facts)
        try:
            rdf = article_rdf(article, facts, entities)
        except ValueError as exc:        # an id or url of the input that is not an IRI
            report.failed.append((str(source.path), f"document {source.doc!r}: {exc}"))
            return
        if iri.graph(source.doc) in self.stored_hashes:
            self.writer.wait()
            _done(report, [source.doc], store_article(self.store, rdf, entities, self.descriptions))
            return
        self.docs.append(source.doc)
        self.nquads.append(rdf.nquads())
        self.quads += len(rdf.graph)
        self.shared.update(dict.fromkeys(rdf.shared))
        self.entities.update((e.iri, e) for e in entities)
        if len(self.docs) >= BULK_BATCH:
            self.flush(report)

    def flush(self, report: LoadReport) -> None:
        """Descriptions, then the documents' graphs (atomic for the whole batch). A load killed
        in between has described entities of documents not yet stored; the rerun loads those
        documents and writes the same descriptions again. The statements are made here, on
        this thread: the resolver goes on changing the entities while the writer writes."""
        if not self.docs:
            return
        subjects, statements = self.descriptions.changes(self.entities.values(), self.shared)
        data = "".join(self.nquads).encode("utf-8")
        self.writer.submit(_write_batch, self.store, subjects, statements, data)
        _done(report, list(self.docs), self.quads)
        self.docs, self.nquads, self.quads, self.shared, self.entities = [], [], 0, {}, {}

    def close(self) -> None:
        self.writer.close()


def _write_batch(store: GraphStore, subjects: list[str], statements: list[str], data: bytes) -> None:
    if subjects or statements:
        store.replace_descriptions(iri.ENTITIES_GRAPH, subjects, statements)
    store.bulk_add_nquads(data)


class _Writer:
    """One background thread, one write in flight, in order; a failed write raises at the next
    call (submit, wait or close), so the load stops as if it had written in line."""

    def __init__(self):
        from concurrent.futures import ThreadPoolExecutor
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="thidua-writer")
        self._pending = None

    def submit(self, work, *args) -> None:
        self.wait()
        self._pending = self._pool.submit(work, *args)

    def wait(self) -> None:
        pending, self._pending = self._pending, None
        if pending is not None:
            pending.result()

    def close(self) -> None:
        try:
            self.wait()
        finally:
            self._pool.shutdown()


def store_article(store: GraphStore, rdf: ArticleRdf, entities: list[Entity],
                  descriptions: "Descriptions | None" = None) -> int:
    """Write one article: its entities' descriptions, then its graph (replaced). A load killed
    between the two leaves the old graph with its old hash, so the rerun redoes the article.
    Returns the number of quads in the article's graph."""
    (descriptions or Descriptions(store)).write(entities, rdf.shared)
    store.replace_graph(rdf.graph_iri, rdf.quads())
    return len(rdf.graph)


class Descriptions:
    """Writes entity descriptions to the entities graph. Each replaces the stored one as the
    resolver knows the entity now, so an entity has one preferred label whatever order its
    articles came in. A description already written as it is during this load is not written
    again: rewriting costs an update, and the entries it deletes slow every later read of the
    entities graph until the store compacts them (2-4x on a 10k-article load)."""

    def __init__(self, store: GraphStore):
        self.store = store
        self._written: dict[str, int] = {}        # entity -> digest of its written description
        self._shared: set[str] = set()

    def write(self, entities: Iterable[Entity], shared: Iterable[str]) -> None:
        subjects, statements = self.changes(entities, shared)
        if subjects or statements:
            self.store.replace_descriptions(iri.ENTITIES_GRAPH, subjects, statements)

    def changes(self, entities: Iterable[Entity], shared: Iterable[str]) -> tuple[list[str], list[str]]:
        """(entities whose description changed, the statements to write): counted as written
        from here on; a write that fails stops the load, so nothing is counted wrongly after."""
        changed, statements, digests = [], [], {}
        for entity in entities:
            lines = entity_ntriples(entity)
            digest = hash(tuple(lines))
            if self._written.get(entity.iri) != digest and entity.iri not in digests:
                changed.append(entity.iri)
                statements.extend(lines)
                digests[entity.iri] = digest
        new_shared = [line for line in dict.fromkeys(shared) if line not in self._shared]
        self._written.update(digests)
        self._shared.update(new_shared)
        return changed, statements + new_shared


_UNMENTIONED = sparql_prefixes(["schema"]) + """
SELECT DISTINCT ?e WHERE {
  GRAPH ?entities { ?e a ?class }
  FILTER (STRSTARTS(STR(?e), ?base))
  FILTER NOT EXISTS { GRAPH ?g { ?article schema:mentions ?e } }
}"""


def remove_unmentioned(store: GraphStore) -> None:
    """After pruning: entities no remaining article mentions lose their description."""
    rows = store.select(_UNMENTIONED, {"entities": NamedNode(iri.ENTITIES_GRAPH), "base": Literal(iri.ID)})
    described = tuple(f"{iri.ID}{kind}/" for kind in ("bloc", "unit", "person"))
    gone = [row["e"].value for row in rows if row["e"].value.startswith(described)]
    if gone:
        store.replace_descriptions(iri.ENTITIES_GRAPH, gone, [])


def read_documents(paths: Iterable[str | os.PathLike], report: LoadReport, *, jobs: int = 1,
                   progress: bool = False) -> Iterator[tuple[Article, list[dict]]]:
    """(article, facts) for every document of `paths`, once each, in order, as a load reads
    them: articles read and extracted, facts files split by document. What cannot be read
    goes to `report.failed` and the rest goes on."""
    sources = _unique(_sources([Path(p) for p in paths], report), report)
    for _source, article, facts in _extracted(sources, jobs, progress, report):
        yield article, facts


def _has_ids(fact: dict) -> bool:
    return any(fact.get(ID_FIELDS[f]) for f in ENTITY_FIELDS if fact.get(f))


def entities_from_ids(article: Article, facts: list[dict]) -> list[Entity]:
    """Entities of facts that carry their IRIs, labelled with the names the facts give."""
    entities: dict[str, Entity] = {}
    for fact in facts:
        for field, id_field in ID_FIELDS.items():
            name, entity_iri = fact.get(field), fact.get(id_field)
            if not (isinstance(name, str) and entity_iri):
                continue
            label = clean(name)
            entity = entities.setdefault(entity_iri, Entity(entity_iri, entity_kind(fact, field), label,
                                                            jurisdiction=article.jurisdiction))
            if label != entity.label:
                entity.alt_labels.add(label)
    return [entities[k] for k in sorted(entities)]


def _done(report: LoadReport, docs: list[str], quads: int) -> None:
    report.loaded.extend(docs)
    report.quads_written += quads


def _resolver_for(store: GraphStore, stored_hashes: dict[str, str]) -> "Resolver":
    """The resolver saved by the load that left the store as it is, else one rebuilt from it."""
    # Imported here: a load with nothing new to read should not pay for the resolver's lexicons.
    from thidua.loaders.resolution import cache
    from thidua.loaders.resolve import Resolver
    saved = cache.load(store.location, cache.state_key(stored_hashes))
    return saved if saved is not None else Resolver.from_store(store)


# -- sources ---------------------------------------------------------------------------
def _sources(paths: list[Path], report: LoadReport, rehash: bool = False) -> Iterator[_Source]:
    """Articles first, then facts files: for a document given both ways, the article wins.
    `rehash`: hash every article file, whatever the digests remembered say."""
    from thidua.loaders.file_digests import FileDigests
    from thidua.loaders.reading import iter_article_paths
    manifests: dict[Path, dict] = {}
    digests = FileDigests(rehash=rehash)
    for path in iter_article_paths(paths):
        row = _folder_manifest(path.parent, manifests, report).get(path.stem)
        try:
            digest = digests.sha256(path)
        except OSError as exc:
            report.failed.append((str(path), exc.strerror or str(exc)))
            continue
        yield _Source(path.stem, _stored_hash(digest, row), path, row)
    digests.save()
    for path in sorted(set(_facts_files(paths))):
        yield from _facts_sources(path, report, manifests)


def _unique(sources: Iterable[_Source], report: LoadReport) -> list[_Source]:
    """One source per document. The article text beats a facts file about the same document
    (a corpus folder often keeps both); two articles or two facts files with one name fail."""
    seen: dict[str, _Source] = {}
    for source in sources:
        first = seen.setdefault(source.doc, source)
        if first is source:
            continue
        if first.facts is None and source.facts is not None:
            log.info("%s: document %r is loaded from its article %s", source.path, source.doc,
                     first.path)
        else:
            report.failed.append((str(source.path), f"document {source.doc!r} is also in "
                                  f"{first.path}; loaded from there only"))
    return list(seen.values())


def _facts_files(paths: list[Path]) -> Iterator[Path]:
    """Facts files given by name, and those found in folders except gold files (evaluation data:
    they describe the articles beside them, and load only when named explicitly)."""
    for path in paths:
        if path.is_dir():
            # The name first: a stat of each of 100,000 articles cost a second.
            yield from (p for p in path.rglob("*") if is_facts_file(p) and not p.name.startswith(".")
                        and not p.name.startswith("gold") and p.is_file())
        elif is_facts_file(path):
            yield path


def _folder_manifest(folder: Path, manifests: dict[Path, dict], report: LoadReport) -> dict:
    """The manifest.tsv rows of `folder`, read once per load (a bad manifest is reported)."""
    from thidua.loaders.reading import read_manifest
    if folder not in manifests:
        try:
            manifests[folder] = read_manifest(folder)
        except UnreadableInput as exc:
            report.failed.append((exc.path, exc.reason))
            manifests[folder] = {}
    return manifests[folder]


def _facts_sources(path: Path, report: LoadReport, manifests: dict) -> Iterator[_Source]:
    try:
        facts_file = read_facts_file(path)
    except UnreadableInput as exc:
        report.failed.append((exc.path, exc.reason))
        return
    for error in facts_file.errors:
        report.failed.append((f"{error.path}:{error.line}", error.reason))
    manifest = _folder_manifest(path.parent, manifests, report)
    for doc in sorted(facts_file.facts_by_doc):
        row = manifest.get(doc)
        digest = facts_file.content_hash(doc)
        yield _Source(doc, _stored_hash(digest, row), path, row, facts_file.facts_by_doc[doc])


def _stored_hash(content_digest: str, manifest_row: dict | None) -> str:
    row = json.dumps(manifest_row or {}, ensure_ascii=False, sort_keys=True)
    tool = f"thidua {__version__}, RDF layout {LAYOUT}"
    return hashlib.sha256(f"{tool}\n{row}\n{content_digest}".encode()).hexdigest()


# -- extraction ----------------------------------------------------------------------
def _extracted(sources: list[_Source], jobs: int, progress: bool, report: LoadReport):
    """(source, article, facts) in input order; failures go to the report, the rest go on."""
    if not sources:
        return
    from tqdm import tqdm
    bar = tqdm(total=len(sources), desc="Loading", unit="doc", disable=not progress)
    # In worker processes when jobs > 1, in input order, a bounded number of chunks in flight.
    from thidua.loaders.extract.parallel import ordered_map
    for source, outcome in zip(sources, ordered_map(_extract_source, sources, jobs)):
        yield from _outcome(source, outcome, report)
        bar.update()
    bar.close()


def _outcome(source: _Source, outcome, report: LoadReport):
    if isinstance(outcome, str):
        report.failed.append((str(source.path), outcome))
        log.warning("%s: %s", source.path, outcome)
    else:
        article, facts = outcome
        yield source, article, facts


def _extract_source(source: _Source):
    """Read and extract one source (runs in worker processes): (article, facts) or a reason."""
    row = source.manifest_row or {}
    try:
        if source.facts is not None:
            article = Article(doc=source.doc, url=row.get("url") or None,
                              jurisdiction=row.get("jurisdiction") or None,
                              published=row.get("published") or None, source_path=str(source.path))
            facts = source.facts
        else:
            from thidua.loaders.extract import extract
            from thidua.loaders.reading import read_article
            article = read_article(source.path, source.manifest_row)
            facts = extract(article.text, article.doc, jurisdiction=article.jurisdiction,
                            published=article.published)
    except UnreadableInput as exc:
        return exc.reason
    except ThiduaError as exc:
        return str(exc)
    article.content_hash = source.stored_hash
    return article, facts


# -- vocabulary ------------------------------------------------------------------------
def ensure_vocabulary(store: GraphStore) -> None:
    """Keep the ontology and award-type scheme in their own graph, so queries can use labels
    and skos:broader; replaced only when the files change."""
    from importlib import resources
    texts = []
    for name in VOCABULARY_FILES:
        resource = resources.files("thidua.ontology").joinpath(name)
        if resource.is_file():
            texts.append(resource.read_text(encoding="utf-8"))
    digest = hashlib.sha256("\n".join(texts).encode("utf-8")).hexdigest()
    graph = NamedNode(VOCABULARY_GRAPH)
    marker = sparql_prefixes(["td"]) + "ASK { GRAPH ?g { ?g td:contentHash ?h } }"
    if store.ask(marker, {"g": graph, "h": Literal(digest)}):
        return
    quads = [Quad(graph, TD.contentHash, Literal(digest), graph)]
    for text in texts:
        quads.extend(Quad(q.subject, q.predicate, q.object, graph)
                     for q in parse(text, format=RdfFormat.TURTLE))
    store.replace_graph(VOCABULARY_GRAPH, skolemized(quads))


def skolemized(quads: list[Quad]) -> list[Quad]:
    """Blank nodes as IRIs named by their canonical labels. Every store relabels blank nodes
    when it loads them (pyoxigraph on load, a SPARQL server on PUT), so without this two loads,
    or the embedded and the remote store, would publish different dumps of the same graph."""
    dataset = Dataset(quads)
    dataset.canonicalize(CanonicalizationAlgorithm.RDFC_1_0)

    def term(t):
        return NamedNode(iri.skolem(t.value)) if isinstance(t, BlankNode) else t
    return [Quad(term(q.subject), q.predicate, term(q.object), q.graph_name) for q in dataset]
