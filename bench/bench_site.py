#!/usr/bin/env python3
"""Site build speed: pages per second, against a bare jinja2 render of the same page count.

Usage: bench/bench_site.py [--articles N]   (default 400 articles, about 3,000 pages)

Fills an on-disk store with N synthetic articles (the site test fixture's articles with their
names varied, so blocs, units and people are shared by several articles), then measures in
the same run:
  full      `thidua.site.build` into an empty folder: gather, every page, its .ttl and .jsonld,
            dumps, search index (the number a user waits for)
  pages     the page phase alone: page data + render + write of the HTML pages
  bare      a bare jinja2 baseline: one template with a table and a list of links, autoescape
            on, rendered and written once per page, with a context of the same size
  rebuild   a second build of the unchanged store (every file skipped)
  +10       a build after adding ten articles (only the files whose content changed are written)
and prints pages/s for each and the ratios pages/bare and full/bare (aim: pages/bare >= 0.70).
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import site_fixture  # noqa: E402
from jinja2 import DictLoader, Environment  # noqa: E402

from thidua.graph_store import EmbeddedStore  # noqa: E402
from thidua.site import build  # noqa: E402
from thidua.site.builder import _write_entity_pages  # noqa: E402
from thidua.site.gather import gather  # noqa: E402
from thidua.site.index import SiteIndex  # noqa: E402
from thidua.site.pages import PageBuilder  # noqa: E402
from thidua.site.render import render  # noqa: E402
from thidua.site.writer import SiteWriter  # noqa: E402

BARE = {
    "base.html": "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>{{ title }}</title>"
                 "</head><body><header><nav>{% for n in nav %}<a href=\"{{ n }}\">{{ n }}</a> {% endfor %}"
                 "</nav></header><main>{% block content %}{% endblock %}</main></body></html>",
    "page.html": "{% extends 'base.html' %}{% block content %}<h1>{{ title }}</h1><table>"
                 "{% for r in rows %}<tr><td>{{ r[0] }}</td><td><a href=\"{{ r[1] }}\">{{ r[2] }}</a></td>"
                 "<td>{{ r[3] }}</td></tr>{% endfor %}</table><ul>{% for l in links %}"
                 "<li><a href=\"{{ l[0] }}\">{{ l[1] }}</a></li>{% endfor %}</ul>{% endblock %}",
}


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=400)
    args = parser.parse_args()
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1700000000")
    work = Path(tempfile.mkdtemp(prefix="bench-site-"))
    try:
        store = EmbeddedStore(work / "store")
        store.bulk_add(synthetic_quads(args.articles))
        print(f"store: {store.count():,} quads from {args.articles} articles", file=sys.stderr)

        report = build(store, work / "full", progress=False)
        full = report.seconds
        rebuild = build(store, work / "full", progress=False)
        store.bulk_add(synthetic_quads(10, first=args.articles, groups=max(1, args.articles // 21)))
        grown = build(store, work / "full", progress=False)

        index = SiteIndex(gather(store))
        builder = PageBuilder(index, "2023-11-14")

        class HtmlOnly:               # the page phase without the RDF files beside each page
            def files(self, iri, extra=()):
                return b"", b""

        class HtmlWriter(SiteWriter):
            def write(self, path, content):
                if path.endswith(".html"):
                    super().write(path, content)

        writer = HtmlWriter(work / "pages")
        started = time.perf_counter()
        pages = _write_entity_pages(writer, builder, index, HtmlOnly(), progress=False)
        page_phase = time.perf_counter() - started

        sizes = [len(render(builder.entity_page(i, p))) for i, p in list(index.pages.items())[:200]]
        # The baseline's pages are as large as ours on average: same page count, same bytes.
        rows = max(1, round((sum(sizes) / len(sizes) - 900) / 150))
        bare = bare_render(pages, work / "bare", rows=rows, links=rows)
        bare_size = (work / "bare" / "d0" / "p0.html").stat().st_size
        store.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print(f"pages: {pages} entity pages (+5 site pages), mean {sum(sizes) / len(sizes) / 1000:.1f} kB; "
          f"bare page {bare_size / 1000:.1f} kB")
    print(f"full build     {full:7.2f} s  {report.pages / full:8.0f} pages/s  ({report.files} files)")
    print(f"page phase     {page_phase:7.2f} s  {pages / page_phase:8.0f} pages/s")
    print(f"bare jinja2    {bare:7.2f} s  {pages / bare:8.0f} pages/s")
    print(f"rebuild        {rebuild.seconds:7.2f} s  written {rebuild.written}, skipped {rebuild.skipped}")
    print(f"+10 articles   {grown.seconds:7.2f} s  pages written {grown.pages_written} of {grown.pages}; "
          f"files written {grown.written}, skipped {grown.skipped}, of {grown.files}")
    print(f"ratio page phase / bare: {bare / page_phase:.2f}   full build / bare: {bare / full:.2f}  "
          f"(aim >= 0.70)")


if __name__ == "__main__":
    main()
