#!/usr/bin/env python3
"""Site build speed and memory: a full build, a rebuild, and a rebuild after ten more articles,
against a bare jinja2 render of the same number of pages, all measured in one run.

Usage: bench/bench_site.py [--articles N] [--layout entities-once|per-article] [--store DIR]

Fills an on-disk store with N synthetic articles (the site test fixture's articles with their
names varied, so blocs, units and people are shared by several articles; by default with the
entities described once, in their own graph, as the loader writes them), or uses --store (a
copy is made: ten articles are added to it). Measures:
  full      `thidua.site.build` into an empty folder (every page, its .ttl and .jsonld, dumps,
            search index, ontology): wall and CPU seconds, per phase, peak memory of the process
  bare      a bare jinja2 baseline: one template with a table and a list of links, autoescape on,
            rendered and written once per page, pages as large as the site's on average
  rebuild   a second build of the unchanged store
  +10       a build after adding ten articles (reads the new graphs, renders what changed)
and prints pages/s, the ratio full/bare (aim >= 0.70) and +10/full (aim < 5 %).
CPU seconds are the figures to compare on a shared machine; wall seconds come with the load.
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import site_fixture  # noqa: E402
from jinja2 import DictLoader, Environment  # noqa: E402
from pyoxigraph import NamedNode, Quad  # noqa: E402

from thidua.graph_store import EmbeddedStore  # noqa: E402
from thidua.iri import ENTITIES_GRAPH  # noqa: E402
from thidua.site import build  # noqa: E402
from thidua.vocab import RDF_TYPE, TD  # noqa: E402

BARE = {
    "base.html": "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>{{ title }}</title>"
                 "</head><body><header><nav>{% for n in nav %}<a href=\"{{ n }}\">{{ n }}</a> {% endfor %}"
                 "</nav></header><main>{% block content %}{% endblock %}</main></body></html>",
    "page.html": "{% extends 'base.html' %}{% block content %}<h1>{{ title }}</h1><table>"
                 "{% for r in rows %}<tr><td>{{ r[0] }}</td><td><a href=\"{{ r[1] }}\">{{ r[2] }}</a></td>"
                 "<td>{{ r[3] }}</td></tr>{% endfor %}</table><ul>{% for l in links %}"
                 "<li><a href=\"{{ l[0] }}\">{{ l[1] }}</a></li>{% endfor %}</ul>{% endblock %}",
}
LOCAL_CLASSES = {TD.Article, TD.Event, TD.BlocMembership, TD.BlocLeadership, TD.Award, TD.Position}


def synthetic_quads(articles: int, first: int = 0, groups: int | None = None):
    """The fixture's three clean articles, renamed per copy, so names recur across articles."""
    originals = [a for a in site_fixture.ARTICLES if a["doc"] != "hostile-xss"]
    quads = site_fixture._award_types() if first == 0 else []
    groups = groups or max(1, articles // 21)
    for i in range(first, first + articles):
        base = originals[i % len(originals)]
        group = i // len(originals) % groups

        def rename(text: str) -> str:
            for name in ("Sở Giao thông vận tải", "Cục Hải quan", "Sở Du lịch", "Trương Minh Hiến",
                         "Nguyễn Đình Chuyến", "Khối thi đua"):
                text = text.replace(name, f"{name} {group}")
            return text

        art = dict(base, doc=f"bench-{i:05d}", text=rename(base["text"]),
                   facts=[{k: rename(v) if isinstance(v, str) and k != "type" else v for k, v in f.items()}
                          for f in base["facts"]])
        quads.extend(site_fixture._article(art))
    return quads


def entities_once(quads: list[Quad]) -> list[Quad]:
    """Nodes other than articles, facts and evidence described once, in the entities graph."""
    local = {q.subject for q in quads if q.predicate == RDF_TYPE and q.object in LOCAL_CLASSES}
    local |= {q.object for q in quads if q.predicate == TD.evidence}
    entities = NamedNode(ENTITIES_GRAPH)
    return list({q if q.subject in local or q.graph_name.value.endswith("award-types")
                 else Quad(q.subject, q.predicate, q.object, entities) for q in quads})


def bare_render(pages: int, out: Path, rows: int, links: int) -> float:
    env = Environment(loader=DictLoader(BARE), autoescape=True)
    template = env.get_template("page.html")
    out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    for i in range(pages):
        folder = out / f"d{i % 100}"
        if i < 100:
            folder.mkdir(exist_ok=True)
        context = {"title": f"Trang số {i} <thử>", "nav": ["index.html", "search.html", "sparql.html"],
                   "rows": [(2019 + r % 3, f"../u/{i}-{r}.html", f"Sở Giao thông vận tải {r}", "Trưởng khối")
                            for r in range(rows)],
                   "links": [(f"../p/{i}-{k}.html", f"Nguyễn Văn {k}") for k in range(links)]}
        (folder / f"p{i}.html").write_text(template.render(**context), encoding="utf-8")
    return time.perf_counter() - started


def timed_build(store, out: Path):
    cpu = time.process_time()
    report = build(store, out, progress=False)
    return report, time.process_time() - cpu


def mean_page_size(out: Path, sample: int = 300) -> float:
    pages = sorted(p for p in (out / "id").rglob("*.html"))[::max(1, len(list((out / "id").rglob("*.html"))) // sample)]
    return sum(p.stat().st_size for p in pages) / max(1, len(pages))


def more_articles(store, first: int, layout: str) -> list[Quad]:
    quads = synthetic_quads(10, first=first, groups=max(1, first // 21))
    return entities_once(quads) if layout == "entities-once" else quads


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--layout", choices=("entities-once", "per-article"), default="entities-once")
    parser.add_argument("--store", type=Path, help="a loaded store to copy and use instead of synthetic data")
    args = parser.parse_args()
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1700000000")
    work = Path(tempfile.mkdtemp(prefix="bench-site-"))
    try:
        if args.store:
            shutil.copytree(args.store, work / "store", ignore=shutil.ignore_patterns("LOCK"))
            store = EmbeddedStore(work / "store")
            articles = len([g for g in store.graphs() if "/graph/" in g])
        else:
            store = EmbeddedStore(work / "store")
            quads = synthetic_quads(args.articles)
            store.bulk_add(entities_once(quads) if args.layout == "entities-once" else quads)
            articles = args.articles
            del quads
        print(f"store: {store.count():,} quads in {len(store.graphs()):,} graphs; load average "
              f"{os.getloadavg()[0]:.1f}", file=sys.stderr)

        full, full_cpu = timed_build(store, work / "full")
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e6
        rebuild, rebuild_cpu = timed_build(store, work / "full")
        store.bulk_add(more_articles(store, 100_000 + articles, args.layout))
        grown, grown_cpu = timed_build(store, work / "full")
        size = mean_page_size(work / "full")
        # The baseline's pages are as large as ours on average: same page count, same bytes.
        rows = max(1, round((size - 900) / 150))
        cpu = time.process_time()
        bare = bare_render(full.pages, work / "bare", rows=rows, links=rows)
        bare_cpu = time.process_time() - cpu
        store.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print(f"pages: {full.pages} (+ .ttl and .jsonld each), mean {size / 1000:.1f} kB; {full.files} files; "
          f"load average {os.getloadavg()[0]:.1f}")
    print(f"full build     {full.seconds:7.2f} s wall {full_cpu:7.2f} s CPU {full.pages / full.seconds:7.0f} pages/s  "
          f"peak RSS {peak:.2f} GB")
    print(f"  phases (wall s): {full.phases}")
    print(f"bare jinja2    {bare:7.2f} s wall {bare_cpu:7.2f} s CPU {full.pages / bare:7.0f} pages/s")
    print(f"rebuild        {rebuild.seconds:7.2f} s wall {rebuild_cpu:7.2f} s CPU  written {rebuild.written}, "
          f"rendered {rebuild.pages_rendered}, graphs read {rebuild.graphs_read}")
    print(f"+10 articles   {grown.seconds:7.2f} s wall {grown_cpu:7.2f} s CPU  pages rendered {grown.pages_rendered} "
          f"of {grown.pages}, written {grown.pages_written}; files written {grown.written} of {grown.files}; "
          f"graphs read {grown.graphs_read} of {grown.graphs}")
    print(f"  phases (wall s): {grown.phases}")
    print(f"ratio full / bare: {bare / full.seconds:.2f} wall, {bare_cpu / full_cpu:.2f} CPU (aim >= 0.70); "
          f"+10 / full: {grown.seconds / full.seconds:.1%} wall, {grown_cpu / full_cpu:.1%} CPU (aim < 5 %)")


if __name__ == "__main__":
    main()
