"""The site over data written by the real loader (the seed facts), and over ../shared's corpus."""
from __future__ import annotations

import html5lib
import pytest

from site_fixture import assert_inert, loaded_store
from thidua.site import build
from thidua.site.gather import gather
from thidua.site.index import PAGE_KINDS
from thidua.site.linkcheck import check_site
from thidua.site.urls import page_path


def assert_complete_site(store, out):
    data = gather(store)
    expected = [iri for iri, node in data.nodes.items() if node.kind in PAGE_KINDS and page_path(iri)
                and not page_path(iri).startswith("ontology/")]
    assert [iri for iri in expected if not (out / page_path(iri)).is_file()] == []
    links = check_site(out)
    assert links.broken == []
    for page in sorted(out.rglob("*.html")):
        parser = html5lib.HTMLParser(strict=False)
        parser.parse(page.read_bytes())
        assert parser.errors == [], page
    return data


def test_site_from_the_seed_facts(tmp_path, seeds_facts):
    store = loaded_store(tmp_path / "store", seeds_facts)
    report = build(store, tmp_path / "out", progress=False)
    data = assert_complete_site(store, tmp_path / "out")
    store.close()
    people = [iri for iri, n in data.nodes.items() if n.kind == "person" and n.label == "Trương Minh Hiến"]
    assert len(people) == 1
    page = (tmp_path / "out" / page_path(people[0])).read_text(encoding="utf-8")
    table = page.split('<table class="positions">', 1)[1].split("</table>", 1)[0]
    assert "2017-03-15" in table and "2019-12-11" in table
    assert report.pages > 100 and (tmp_path / "out/award-type/index.html").is_file()
    reached = assert_inert(tmp_path / "out")
    assert "id/article/xss-probe.html" in reached       # the text read by the real loader


def test_site_from_seeds_and_dev_corpus(tmp_path, shared_dir, sample_dir):
    try:
        from thidua.loaders.extract import extract  # noqa: F401
    except ImportError:
        pytest.skip("the extractor (loaders/extract) is not in this checkout yet")
    from thidua.graph_store import EmbeddedStore
    from thidua.loaders.pipeline import load_paths

    store = EmbeddedStore(tmp_path / "store")
    load_paths(store, [sample_dir, shared_dir / "corpus" / "dev"], progress=False)
    report = build(store, tmp_path / "out", progress=False)
    assert_complete_site(store, tmp_path / "out")
    store.close()
    assert report.pages > 100
