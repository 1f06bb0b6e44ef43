"""The site build: gather everything, then render every page, then write what changed."""
from __future__ import annotations

import datetime
import hashlib
import json
import logging
import os
import time
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from thidua.graph_store import GraphStore
from thidua.iri import BASE
from thidua.site import examples, ontology_docs, search_index, sparql_assets
from thidua.site.gather import gather
from thidua.site.index import SiteIndex
from thidua.site.pages import PageBuilder
from thidua.site.rdf_files import DUMPS, Descriptions, dumps, void_description
from thidua.site.snapshot import snapshot
from thidua.site.render import render
from thidua.site.urls import alternate
from thidua.site.writer import SiteWriter

log = logging.getLogger(__name__)
DUMP_SOURCE = "dumps/SHA256"          # hash of the sorted N-Quads the dumps were made from
DUMP_SIZES = "dumps/sizes.json"


@dataclass
class BuildReport:
    pages: int = 0                      # HTML pages produced
    pages_written: int = 0              # of which rewritten because their content changed
    files: int = 0                      # every file produced (pages, RDF, dumps, static)
    written: int = 0                    # files whose bytes changed and were written
    skipped: int = 0                    # files already up to date
    removed: int = 0                    # stale files of an earlier build removed
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        text = (f"{self.pages} pages ({self.pages_written} written), {self.files} files: {self.written} written, "
                f"{self.skipped} unchanged, {self.removed} removed in {self.seconds:.1f} s")
        return text + (f"; {len(self.warnings)} warning(s)" if self.warnings else "")


def build_date(articles) -> str:
    """SOURCE_DATE_EPOCH when set (reproducible builds), else the newest article's date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc).date().isoformat()
    dates = [a.issued for a in articles.values() if a.issued]
    return max(dates) if dates else ""


def build(store: GraphStore, out_dir: str | os.PathLike, *, progress: bool = True,
          base_url: str = BASE) -> "BuildReport":
    """Write the static site for `store` into `out_dir`; only changed files are rewritten."""
    started = time.perf_counter()
    report = BuildReport()
    memory, nquads = snapshot(store)
    data = gather(memory)
    descriptions = Descriptions(memory, nquads)
    memory.close()
    index = SiteIndex(data)
    log.info("site: gathered %d nodes, %d facts, %d quads in %.1f s", len(data.nodes), len(data.facts),
             len(descriptions.quads), time.perf_counter() - started)
    builder = PageBuilder(index, build_date(data.articles))
    writer = SiteWriter(Path(out_dir))

    def warn(message: str) -> None:
        report.warnings.append(message)
        log.warning(message)

    _write_static(writer)
    writer.write("static/js/search-index.js", search_index.script(search_index.entries(index)))
    report.pages += _write_entity_pages(writer, builder, index, descriptions, progress)
    report.pages += _write_site_pages(writer, builder, index, data, descriptions, base_url, warn)
    log.info("site: %d pages rendered, %.1f s so far", report.pages, time.perf_counter() - started)
    counts = writer.finish()
    report.files = len(writer.current)
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


def _owned_nodes(index: SiteIndex, iri: str) -> tuple[str, ...]:
    """Nodes described in a page's RDF files besides the page's own: facts and their evidence."""
    data = index.data
    if iri in data.articles:
        facts = sorted(f.iri for f in index.facts_of.get(iri, ()) if f.article == iri)
        return tuple(facts) + tuple(f + "/evidence" for f in facts)
    if iri in data.facts:
        return (iri + "/evidence",)
    return ()


def _write_entity_pages(writer, builder: PageBuilder, index: SiteIndex, descriptions, progress) -> int:
    items = sorted(index.pages.items(), key=lambda kv: kv[1])
    bar = _progress(len(items), "Site pages", progress)
    for iri, path in items:
        page = builder.entity_page(iri, path)
        writer.write(path, render(page))
        turtle, jsonld = descriptions.files(iri, _owned_nodes(index, iri))
        writer.write(alternate(path, ".ttl"), turtle)
        writer.write(alternate(path, ".jsonld"), jsonld)
        bar.update(1)
    bar.close()
    return len(items)


def _write_site_pages(writer, builder, index, data, descriptions, base_url, warn) -> int:
    writer.write("index.html", render(builder.home(
        "Tìm không phân biệt dấu: gõ \"truong minh hien\" sẽ tìm thấy Trương Minh Hiến.")))
    entries = search_index.entries(index)
    writer.write("search.html", render(builder.site_page(
        "search.html", "search.html", "Tìm kiếm", "search", {"count": len(entries)})))
    writer.write("sparql.html", render(builder.site_page(
        "sparql.html", "sparql.html", "Truy vấn SPARQL", "sparql", _sparql_sections(writer, data, warn))))
    sizes = _write_dumps(writer, descriptions)
    writer.write("data.html", render(builder.site_page(
        "data.html", "data.html", "Tải dữ liệu", "data",
        {"dumps": sizes, "quads": len(descriptions.quads), "graphs": len({str(q.graph_name) for q in descriptions.quads})})))
    writer.write("void.ttl", void_description(descriptions, base_url, len(index.pages), builder.build_date))
    _write_ontology(writer, builder, warn)
    return 5


def _write_dumps(writer, descriptions) -> list[dict]:
    """The full dumps; when the data is the same as last build's, the files are kept as they are
    (serialising the whole dataset as Turtle and JSON-LD is the slowest step of a rebuild)."""
    source = f"{hashlib.sha256(descriptions.nquads).hexdigest()}\n".encode()
    previous_sizes = writer.out / DUMP_SIZES
    if writer.unchanged_since_last_build(DUMP_SOURCE, source) and all(
            writer.unchanged_since_last_build(p, (writer.out / p).read_bytes()) for p in DUMPS.values()):
        for path in (*DUMPS.values(), DUMP_SIZES):
            writer.keep(path)
        writer.keep(DUMP_SOURCE)
        sizes = json.loads(previous_sizes.read_text(encoding="utf-8"))
    else:
        files = dumps(descriptions)
        for path, content in files.items():
            writer.write(path, content)
        sizes = {p: len(files[p]) for p in DUMPS.values()}
        writer.write(DUMP_SIZES, json.dumps(sizes, sort_keys=True) + "\n")
        writer.write(DUMP_SOURCE, source)
    return [{"path": p, "format": f, "size": _size(sizes[p])} for f, p in sorted(DUMPS.items())]


def _sparql_sections(writer, data, warn) -> dict:
    files, reason = sparql_assets.oxigraph_web_build()
    if reason:
        warn(f"SPARQL page unavailable: {reason}")
        return {"available": False, "reason": reason, "dump": DUMPS["nquads"]}
    for name, content in sorted(files.items()):
        writer.write(f"static/oxigraph/{name}", content)
    items = examples.examples(data)
    default = items[0]["query"] if items else "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 20"
    return {"available": True, "reason": "", "dump": DUMPS["nquads"], "examples": items,
            "examples_json": examples.examples_json(items), "default_query": default}


def _write_ontology(writer, builder, warn) -> None:
    html, reason = ontology_docs.pylode_html(cache=sparql_assets.cache_dir().parent / "pylode")
    if html is not None:
        writer.write("ontology/index.html", html)
        return
    warn(f"ontology documentation: {reason}; using the built-in page")
    page = builder.site_page("ontology/index.html", "ontology.html", "Bản thể học thidua", "ontology",
                             {"reason": f"Trang này do thidua tạo vì pyLODE không chạy được: {reason}.",
                              "groups": ontology_docs.fallback_groups()})
    writer.write("ontology/index.html", render(page))


def _size(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB" if size >= 1_000_000 else f"{size / 1000:.1f} kB"


class _NoProgress:
    def update(self, n: int) -> None:
        pass

    def close(self) -> None:
        pass


def _progress(total: int, desc: str, enabled: bool):
    if not enabled:
        return _NoProgress()
    from tqdm import tqdm
    return tqdm(total=total, desc=desc, unit="page", leave=False, mininterval=0.5)
