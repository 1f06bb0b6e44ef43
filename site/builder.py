"""The site build: read the graphs one at a time, merge their parts, then write what changed.

1. read   every named graph whose fingerprint changed since the last build (`source.py`) ->
          its part (`parts.py`), its texts and facts (to the spill file), the RDF files beside its
          article and event pages, its chunk of each dump. Unchanged graphs come from the
          previous build's state (`state.py`) and their dump chunks are copied.
2. merge  the parts into one `Dataset` (`gather.py`), indexed (`index.py`).
3. RDF    files of nodes described in several graphs, or whose description changed.
4. pages  every page whose input digest (`digests.py`) differs from the last build's is built
          (`pages.py`) and rendered (`render.py`); the others keep their files.
5. site   pages, search index, VoID, ontology; the dumps are closed; stale files removed.

Memory holds nodes and articles (no facts, no triple objects, no texts: they are in the spill
file, `spill.py`), bounded caches, and one graph at a time.
"""
from __future__ import annotations

import datetime
import gc
import hashlib
import logging
import os
import secrets
import time
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from thidua.graph_store import GraphStore
from thidua.iri import BASE
from thidua.site import examples, ontology_docs, search_index, sparql_assets
from thidua.site.changes import Changes, pages_to_check
from thidua.site.digests import PageDigests
from thidua.site.dumps import DUMPS, DumpFiles, previous_dump_files
from thidua.site.gather import Assembler, Dataset
from thidua.site.index import SiteIndex
from thidua.site.pages import PageBuilder
from thidua.site.parts import GraphPart
from thidua.site.rdf_files import described, page_files, void_description
from thidua.site.render import render
from thidua.site.source import fingerprints, read_graph
from thidua.site.state import KeptPart, NextBuild, PreviousBuild, default_state_dir, forget_state, pack
from thidua.site.spill import Spill
from thidua.site.texts import Texts
from thidua.site.urls import alternate, page_path
from thidua.site.writer import SiteWriter

log = logging.getLogger(__name__)


@dataclass
class BuildReport:
    pages: int = 0                      # HTML pages produced
    pages_written: int = 0              # of which rewritten because their content changed
    pages_checked: int = 0              # of which had their input digest made (changes.py)
    pages_rendered: int = 0             # of which rendered (the others' inputs had not changed)
    files: int = 0                      # every file produced (pages, RDF, dumps, static)
    written: int = 0                    # files whose bytes changed and were written
    skipped: int = 0                    # files already up to date
    removed: int = 0                    # stale files of an earlier build removed
    graphs: int = 0                     # named graphs in the store
    graphs_read: int = 0                # of which read (the others had not changed)
    seconds: float = 0.0
    phases: dict[str, float] = field(default_factory=dict)   # phase -> seconds
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        text = (f"{self.pages} pages ({self.pages_checked} checked, {self.pages_rendered} rendered, "
                f"{self.pages_written} written), "
                f"{self.files} files: {self.written} written, {self.skipped} unchanged, {self.removed} removed; "
                f"{self.graphs_read} of {self.graphs} graphs read; in {self.seconds:.1f} s")
        return text + (f"; {len(self.warnings)} warning(s)" if self.warnings else "")


def build_date(articles) -> str:
    """SOURCE_DATE_EPOCH when set (reproducible builds), else the newest article's date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc).date().isoformat()
    dates = [a.issued for a in articles.values() if a.issued]
    return max(dates) if dates else ""


def _digest(*parts: bytes) -> bytes:
    return hashlib.blake2b(b"\0".join(parts), digest_size=16).digest()


def has_page(iri: str) -> bool:
    path = page_path(iri)
    return path is not None and not path.startswith("ontology/")


class Contributions:
    """Which graphs contribute triples to each page's RDF files, and whether the files written
    while reading (from the first graph seen) are final."""

    def __init__(self) -> None:
        self.by_key: dict[str, list[tuple[str, bytes]]] = defaultdict(list)
        self.fresh: set[str] = set()            # some contribution was read in this build
        self.done: set[str] = set()             # files written or kept while reading
        self.unsure: set[str] = set()           # files must be made again at the end

    def add(self, key: str, graph: str, digest: bytes, fresh: bool) -> None:
        self.by_key[key].append((graph, digest))
        if fresh:
            self.fresh.add(key)

    def combined(self, key: str) -> bytes:
        return _digest(*(g.encode() + d for g, d in sorted(self.by_key[key])))


class Build:
    def __init__(self, store: GraphStore, out: Path, *, progress: bool, base_url: str, full: bool,
                 state_dir: Path, report: BuildReport):
        self.store, self.out, self.progress, self.base_url = store, out, progress, base_url
        self.report = report
        self.writer = SiteWriter(out)
        self.previous = PreviousBuild(None if full else state_dir)
        forget_state(state_dir)
        self.next = NextBuild(state_dir, self.previous)
        self.spill = Spill.kept(state_dir, self.previous.spill if self.previous.usable else None)
        self.texts = Texts(store, self.spill.texts)
        earlier = previous_dump_files(out, self.previous.dumps) if self.previous.usable else {n: None for n in DUMPS}
        self.dumps = DumpFiles(out, earlier)
        # Article/event pages ("groups") and the other nodes ("shared") described by the graphs.
        self.groups = Contributions()
        self.shared = Contributions()
        self.kinds: dict[str, str] = {}          # group key -> article | event
        self.changes = Changes()                 # records that differ from the previous build's
        self.html_cache: dict = {}               # render.CACHE: links and rows made once
        self._clock = time.perf_counter()

    def phase(self, name: str) -> None:
        now = time.perf_counter()
        self.report.phases[name] = round(now - self._clock, 2)
        log.info("site: %s in %.1f s", name, now - self._clock)
        self._clock = now

    # -- 1. read -------------------------------------------------------------------
    def read(self) -> Dataset:
        current = fingerprints(self.store)
        earlier = iter(self.previous.parts())
        pending = next(earlier, None)
        assembler = Assembler(self.spill)
        bar = _progress(len(current), "Site: graphs", self.progress, "graph")
        for graph in sorted(current):
            while pending is not None and pending.graph < graph:       # a graph removed
                self._forget(self.previous.part(pending))
                pending = next(earlier, None)
            old = None
            if pending is not None and pending.graph == graph:
                old, pending = pending, next(earlier, None)
            part = self._reuse(graph, current[graph], old)
            if part is not None:
                assembler.add(part, rows=not self.spill.reused)
            else:
                before = self.previous.part(old) if old is not None else None
                if before is not None and self.spill.reused:
                    self._unspill(before)
                part = self._read(graph, current[graph])
                if self.previous.usable:
                    self.changes.note(before, part)
                assembler.add(part)
            bar.update(1)
        bar.close()
        for kept in ([pending] if pending is not None else []) + list(earlier):
            self._forget(self.previous.part(kept))                      # removed, after the last
        self.report.graphs = len(current)
        return assembler.finish(recheck=self.changes.nodes if self.spill.reused else None)

    def _reuse(self, graph: str, fingerprint: str | None, old: KeptPart | None) -> GraphPart | None:
        chunks = self.previous.chunks.get(graph)
        if fingerprint is None or old is None or old.fingerprint != fingerprint or not chunks \
                or not self.dumps.can_copy():
            return None
        part = self.previous.part(old, with_rows=not self.spill.reused)
        homes = self._homes(part)
        files = [alternate(page_path(k), ext) for k in homes for ext in (".ttl", ".jsonld")]
        if not all(self.writer.can_keep(f) for f in files):
            return None               # a file was deleted by hand: read the graph again
        self.dumps.add_copied(graph, chunks)
        for key, d in part.groups:
            self.groups.add(key, graph, d, fresh=False)
            if key in homes and key not in self.groups.done:
                self.groups.done.add(key)
                for f in (".ttl", ".jsonld"):
                    self.writer.keep(alternate(page_path(key), f), checked=True)
            elif key in self.groups.done or key not in homes:
                self.groups.unsure.add(key)
        for subject, d in part.shared:
            self.shared.add(subject, graph, d, fresh=False)
            self.shared.unsure.add(subject)       # decided at the end, from its digest
        self.next.keep(old)
        return part

    def _read(self, graph: str, fingerprint: str | None) -> GraphPart:
        from thidua.site.parts import read_part

        part, content = read_part(graph, fingerprint, read_graph(self.store, graph))
        self.report.graphs_read += 1
        self.texts.keep(graph, content)
        self.dumps.add_fresh(graph, content.dumps)
        homes = self._homes(part)
        digests = dict(part.groups)
        for key, triples in sorted(content.groups.items()):
            self.groups.add(key, graph, digests[key], fresh=True)
            if key in homes and key not in self.groups.done:
                self.groups.done.add(key)
                self._write_files(key, triples, presorted=True, made=content.files.get(key))
            else:
                self.groups.unsure.add(key)
        digests = dict(part.shared)
        for subject, triples in sorted(content.shared.items()):
            if not has_page(subject):
                continue
            self.shared.add(subject, graph, digests[subject], fresh=True)
            if subject in self.shared.done or subject not in content.nodes:
                # Described elsewhere too, or a node only by what another graph says of it.
                self.shared.unsure.add(subject)
            else:
                self.shared.done.add(subject)
                self._write_files(subject, triples, presorted=True)
        self.next.add(graph, fingerprint, *pack(part))
        return part

    def _forget(self, part: GraphPart) -> None:
        """A graph of the previous build that the store no longer has."""
        self.changes.note(part, None)
        if self.spill.reused:
            self._unspill(part)

    def _unspill(self, part: GraphPart) -> None:
        """Take a graph's rows of the previous build out of the kept spill file."""
        self.spill.facts.remove(part.facts, part.graph)
        self.spill.links.remove(part.links)
        self.spill.texts.remove([a[0] for a in part.articles] + ["exact:" + f[0] for f in part.facts])

    def _homes(self, part: GraphPart) -> set[str]:
        """The article and event pages whose node this graph describes."""
        articles = {a[0] for a in part.articles}
        homes = {a for a in articles if has_page(a)}
        for iri, classes, _, _ in part.nodes:
            if iri not in homes and "https://w3id.org/thidua/ontology#Event" in classes and has_page(iri):
                homes.add(iri)
        for key in homes:
            self.kinds[key] = "article" if key in articles else "event"
        return homes

    def _write_files(self, key: str, triples, replace: bool = False, presorted: bool = False,
                     made: tuple[bytes, bytes] | None = None) -> None:
        """The page's .ttl and .jsonld (`made`: their bytes, serialised already)."""
        turtle, jsonld = made or page_files(triples, presorted)
        path = page_path(key)
        for ext, content in ((".ttl", turtle), (".jsonld", jsonld)):
            target = alternate(path, ext)
            if replace or target in self.writer.current:
                self.writer.replace(target, content)
            else:
                self.writer.write(target, content)

    # -- 3. RDF files of nodes described in several graphs -----------------------------
    def settle_rdf_files(self, index: SiteIndex) -> tuple[dict[str, bytes], dict[str, bytes]]:
        groups = self._settle(self.groups, self.previous.groups, lambda k: self.kinds.get(k, "article"),
                              lambda k: k in index.pages)
        shared = self._settle(self.shared, self.previous.shared, lambda k: "node", lambda k: k in index.pages)
        return groups, shared

    def _settle(self, contributions: Contributions, before: dict[str, bytes], kind_of, wanted) -> dict[str, bytes]:
        now: dict[str, bytes] = {}
        for key in sorted(contributions.by_key):
            combined = contributions.combined(key)
            now[key] = combined
            paths = [alternate(page_path(key), ext) for ext in (".ttl", ".jsonld")]
            if not wanted(key):
                for p in paths:
                    self.writer.forget(p)
                continue
            if key in contributions.done and key not in contributions.unsure:
                continue           # one graph, written or kept while reading
            # Keep only files no graph of this build wrote to: a provisional write from one graph
            # has replaced the previous file on disk.
            if key not in contributions.fresh and before.get(key) == combined and \
                    all(self.writer.can_keep(p) for p in paths):
                for p in paths:
                    if p in self.writer.current:
                        self.writer.forget(p)
                    self.writer.keep(p, checked=True)
                continue
            self._write_files(key, described(self.store, kind_of(key), key), replace=True)
        return now

    # -- 4. pages ---------------------------------------------------------------------
    def pages(self, index: SiteIndex, builder: PageBuilder) -> dict[str, bytes]:
        digests = PageDigests(index)
        recorded: dict[str, bytes] = {}
        check = pages_to_check(self.changes, index) if self.previous.usable else None
        items = sorted(index.pages.items(), key=lambda kv: kv[1])
        bar = _progress(len(items), "Site: pages", self.progress, "page")
        for iri, path in items:
            before = self.previous.pages.get(path)
            if check is not None and iri not in check and before is not None and self.writer.can_keep(path):
                recorded[path] = before           # no input of this page changed
                self.writer.keep(path, checked=True)
                bar.update(1)
                continue
            digest = recorded[path] = digests.page(iri)
            self.report.pages_checked += 1
            if self.previous.pages.get(path) == digest and self.writer.can_keep(path):
                self.writer.keep(path, checked=True)
            else:
                self.writer.write(path, render(builder.entity_page(iri, path), self.html_cache))
                self.report.pages_rendered += 1
            bar.update(1)
        bar.close()
        self.report.pages += len(items)
        return recorded

    # -- 5. site pages, dumps -------------------------------------------------------------
    def site_pages(self, index: SiteIndex, builder: PageBuilder, data: Dataset) -> None:
        writer = self.writer
        _write_static(writer)
        entries = search_index.entries(index)
        writer.write("static/js/search-index.js", search_index.script(entries))
        writer.write("index.html", render(builder.home(
            "Tìm không phân biệt dấu: gõ \"truong minh hien\" sẽ tìm thấy Trương Minh Hiến."), self.html_cache))
        writer.write("search.html", render(builder.site_page(
            "search.html", "search.html", "Tìm kiếm", "search", {"count": len(entries)})))
        writer.write("sparql.html", render(builder.site_page(
            "sparql.html", "sparql.html", "Truy vấn SPARQL", "sparql", self._sparql_sections(data))))
        sizes = self._close_dumps()
        dumps = [{"path": p, "format": f, "size": _size(sizes[f])} for f, p in sorted(DUMPS.items())]
        writer.write("data.html", render(builder.site_page(
            "data.html", "data.html", "Tải dữ liệu", "data",
            {"dumps": dumps, "quads": data.quads, "graphs": data.graphs})))
        writer.write("void.ttl", void_description(data.quads, self.base_url, len(index.pages), builder.build_date))
        self._write_ontology(builder)
        self.report.pages += 5

    def _close_dumps(self) -> dict[str, int]:
        sizes, self.dump_info = {}, {}
        for name, (produced, sha, _) in self.dumps.finish().items():
            self.writer.adopt(DUMPS[name], produced, sha)
            stat = (self.out / DUMPS[name]).stat()
            sizes[name] = stat.st_size
            self.dump_info[name] = {"sha256": sha, "bytes": stat.st_size, "mtime_ns": stat.st_mtime_ns}
        return sizes

    def _sparql_sections(self, data: Dataset) -> dict:
        files, reason = sparql_assets.oxigraph_web_build()
        if reason:
            self.warn(f"SPARQL page unavailable: {reason}")
            return {"available": False, "reason": reason, "dump": DUMPS["nquads"]}
        for name, content in sorted(files.items()):
            self.writer.write(f"static/oxigraph/{name}", content)
        items = examples.examples(data)
        default = items[0]["query"] if items else "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 20"
        return {"available": True, "reason": "", "dump": DUMPS["nquads"], "examples": items,
                "examples_json": examples.examples_json(items), "default_query": default}

    def _write_ontology(self, builder: PageBuilder) -> None:
        html, reason = ontology_docs.pylode_html(cache=sparql_assets.cache_dir().parent / "pylode")
        if html is not None:
            self.writer.write("ontology/index.html", html)
            return
        self.warn(f"ontology documentation: {reason}; using the built-in page")
        page = builder.site_page("ontology/index.html", "ontology.html", "Bản thể học thidua", "ontology",
                                 {"reason": f"Trang này do thidua tạo vì pyLODE không chạy được: {reason}.",
                                  "groups": ontology_docs.fallback_groups()})
        self.writer.write("ontology/index.html", render(page))

    def warn(self, message: str) -> None:
        self.report.warnings.append(message)
        log.warning(message)

    def abort(self) -> None:
        self.dumps.abort()
        self.next.abort()
        self.previous.close()
        self.spill.close()
        self.writer.abort()


def build(store: GraphStore, out_dir: str | os.PathLike, *, progress: bool = True, base_url: str = BASE,
          full: bool = False, state_dir: str | os.PathLike | None = None) -> BuildReport:
    """Write the static site for `store` into `out_dir`; only what changed is read and written.

    `full` ignores what the previous build left (`state_dir`, by default `{out_dir}.thidua-state`
    beside the site) and reads every graph again."""
    with _rare_full_collections():
        return _build(store, Path(out_dir), progress=progress, base_url=base_url, full=full, state_dir=state_dir)


# Full collections (generation 2) this many times rarer than Python's default while a build runs.
FULL_COLLECTIONS_RARER = 10


@contextmanager
def _rare_full_collections():
    """The build keeps many objects alive (nodes, articles, the caches of links, rows and
    HTML), and each full garbage collection walks all of them: at the default rate they were
    a tenth of a 1,000-article build (ten collections, 1.4-2.2 s, all while rendering pages,
    each slower as the caches filled). The cycles a page leaves behind (jinja2's macros and
    contexts) mostly die young and are still freed by the younger generations at once."""
    threshold = gc.get_threshold()
    gc.set_threshold(threshold[0], threshold[1], threshold[2] * FULL_COLLECTIONS_RARER)
    try:
        yield
    finally:
        gc.set_threshold(*threshold)


def _build(store: GraphStore, out: Path, *, progress: bool, base_url: str, full: bool,
           state_dir: str | os.PathLike | None) -> BuildReport:
    started = time.perf_counter()
    report = BuildReport()
    run = Build(store, out, progress=progress, base_url=base_url, full=full,
                state_dir=Path(state_dir) if state_dir else default_state_dir(out), report=report)
    try:
        data = run.read()
        run.phase("read")
        index = SiteIndex(data)
        run.texts.articles = data.articles
        builder = PageBuilder(index, build_date(data.articles), run.texts)
        run.phase("merge")
        groups, shared = run.settle_rdf_files(index)
        run.phase("rdf files")
        pages = run.pages(index, builder)
        run.phase("pages")
        run.site_pages(index, builder, data)
        run.phase("site pages")
        counts = run.writer.finish()
        stamp = secrets.token_hex(8)
        run.spill.seal(stamp)
        run.next.commit(pages=pages, groups=groups, shared=shared, dumps=run.dump_info, spill=stamp,
                        chunks={g: {name: run.dumps.where[name][g] for name in DUMPS}
                                for g in run.dumps.where["nquads"]})
        run.previous.close()
        run.phase("finish")
    except BaseException:
        run.abort()
        raise
    report.files = len(run.writer.current)
    report.written, report.skipped, report.removed = counts.written, counts.skipped, counts.removed
    report.pages_written = counts.pages_written
    report.seconds = time.perf_counter() - started
    return report


def _write_static(writer: SiteWriter) -> None:
    root = resources.files("thidua.site").joinpath("static")
    for path in sorted(_walk(root)):
        writer.write("static/" + path, root.joinpath(path).read_bytes())


def _walk(folder, prefix: str = ""):
    for entry in folder.iterdir():
        if entry.is_dir():
            yield from _walk(entry, f"{prefix}{entry.name}/")
        elif not entry.name.startswith("."):
            yield prefix + entry.name


def _size(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB" if size >= 1_000_000 else f"{size / 1000:.1f} kB"


class _NoProgress:
    def update(self, n: int) -> None:
        pass

    def close(self) -> None:
        pass


def _progress(total: int, desc: str, enabled: bool, unit: str):
    if not enabled:
        return _NoProgress()
    from tqdm import tqdm
    return tqdm(total=total, desc=desc, unit=unit, leave=False, mininterval=0.5)
