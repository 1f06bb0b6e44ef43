"""Site: `thidua.site.build` pages/s on a loaded store, against a bare jinja2 render and write of
the same number of pages (the floor any template-based site generator pays)."""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from suite_common import Row, Timer, log

_BASE = """<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>{% block title %}{% endblock %}</title>
<link rel="stylesheet" href="../static/site.css"></head><body><header><nav>{% for n in nav %}<a href="{{ n.url }}">{{ n.label }}</a> {% endfor %}</nav></header>
<main>{% block main %}{% endblock %}</main><footer>{{ footer }}</footer></body></html>"""
_PAGE = """{% extends "base.html" %}{% block title %}{{ title }}{% endblock %}{% block main %}<h1>{{ title }}</h1>
<table>{% for r in rows %}<tr><td>{{ r.year }}</td><td><a href="{{ r.url }}">{{ r.label }}</a></td><td>{{ r.role }}</td><td>{{ r.source|truncate(80) }}</td></tr>{% endfor %}</table>
<ul>{% for l in links %}<li><a href="{{ l.url }}">{{ l.label }}</a></li>{% endfor %}</ul>{% endblock %}"""


def bare_jinja2(pages: int, out: Path) -> float:
    """Seconds to render and write `pages` pages of 10 table rows and 20 links (Vietnamese text)."""
    from jinja2 import DictLoader, Environment, select_autoescape
    env = Environment(loader=DictLoader({"base.html": _BASE, "page.html": _PAGE}),
                      autoescape=select_autoescape(default=True, default_for_string=True))
    template = env.get_template("page.html")
    nav = [{"url": f"../{n}.html", "label": n} for n in ("Khối thi đua", "Đơn vị", "Cá nhân", "Khen thưởng")]
    timer = Timer()
    for i in range(pages):
        folder = out / f"{i % 100:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        context = {"title": f"Sở Giao thông vận tải {i} <&>", "nav": nav, "footer": "thidua",
                   "rows": [{"year": 2010 + r, "url": f"../u/{i}-{r}.html", "label": f"Khối thi đua Kinh tế {r}",
                             "role": "Trưởng khối", "source": "Hội nghị tổng kết công tác thi đua, khen thưởng " * 3}
                            for r in range(10)],
                   "links": [{"url": f"../a/{i}-{k}.html", "label": f"Bài viết {k}"} for k in range(20)]}
        (folder / f"{i}.html").write_text(template.render(context), encoding="utf-8")
    return timer.seconds


def run(store_dir: Path, work: Path) -> list[Row]:
    from thidua.graph_store import EmbeddedStore
    from thidua.site import build

    out = work / "site"
    shutil.rmtree(out, ignore_errors=True)
    store = EmbeddedStore(store_dir, read_only=True)
    log(f"site build from {store_dir} into {out}")
    try:
        report = build(store, out, progress=False, full=True)
    finally:
        store.close()
    pages = report.pages
    rate = pages / report.seconds
    with tempfile.TemporaryDirectory(dir=work) as tmp:
        try:   # the site engineer's baseline (bench/bench_site.py), so both benches agree
            from bench_site import bare_render
            bare_seconds, baseline = bare_render(pages, Path(tmp), rows=10, links=20), "bare jinja2 (bench_site)"
        except ImportError:
            bare_seconds, baseline = bare_jinja2(pages, Path(tmp)), "bare jinja2"
        bare_rate = pages / bare_seconds
    return [Row("site", "pages/s", rate, "pages/s", baseline=bare_rate, baseline_name=baseline,
                ratio=rate / bare_rate, aim=">= 0.70x bare", met=rate / bare_rate >= 0.7,
                note=f"{pages:,} pages, {report.files:,} files in {report.seconds:.1f} s: the full build "
                     f"(read every graph, .ttl/.jsonld beside each page, gzipped dumps, search index); "
                     f"phases {report.phases}; bench_site.py adds the rebuild after ten articles")]
