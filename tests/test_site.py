"""The static site, built from a real on-disk store holding the bundled site fixture."""
from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import html5lib
import pytest
from pyoxigraph import RdfFormat, parse

from site_fixture import BLOC_HP, HP, HT, assert_inert, bloc_iri, fixture_quads, person_iri
from thidua.graph_store import EmbeddedStore
from thidua.site import build
from thidua.site.gather import gather
from thidua.site.index import PAGE_KINDS
from thidua.site.linkcheck import check_site
from thidua.site.urls import page_path, relative
from thidua.text import fold


def make_store(path: Path, hostile: bool = True) -> EmbeddedStore:
    store = EmbeddedStore(path)
    store.bulk_add(fixture_quads(hostile=hostile))
    return store


@pytest.fixture(scope="module")
def built(tmp_path_factory, monkeypatch_module):
    root = tmp_path_factory.mktemp("site")
    store = make_store(root / "store")
    report = build(store, root / "out", progress=False)
    yield store, root / "out", report
    store.close()


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", "1700000000")
        yield mp


def html_files(out: Path) -> list[Path]:
    return sorted(out.rglob("*.html"))


def test_every_entity_in_the_store_has_a_page(built):
    store, out, report = built
    data = gather(store)
    expected = [iri for iri, node in data.nodes.items() if node.kind in PAGE_KINDS]
    assert len(expected) > 30
    missing = [iri for iri in expected if not (out / page_path(iri)).is_file()]
    assert missing == []
    for iri in expected:
        page = out / page_path(iri)
        assert page.with_suffix(".ttl").is_file() and page.with_suffix(".jsonld").is_file()
    assert report.pages == len(html_files(out))


def test_no_broken_internal_links(built):
    _, out, _ = built
    links = check_site(out)
    assert links.links > 500
    assert links.broken == []


def test_the_link_memory_keeps_no_text_for_the_sites_own_links(built, tmp_path):
    """The memory writes a link back as the pages write it (urls.relative) and keeps the text of
    the others: if the two drifted apart, every link's text would be kept again (1.36 GB instead
    of 0.76 at 100k articles)."""
    _, out, _ = built
    check_site(out, memory=tmp_path / "links.sqlite")
    with sqlite3.connect(tmp_path / "links.sqlite") as db:
        kept = [text for (text,) in db.execute("SELECT spelling FROM links WHERE spelling IS NOT NULL")]
    assert all(text.startswith("#") for text in kept), kept[:5]     # links within the page


def test_link_checker_finds_a_broken_link(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "p.html").write_text('<a href="../b.html">x</a><a href="#nowhere">y</a>'
                                           '<a href="p.html#here" id="here">z</a>', encoding="utf-8")
    assert sorted(link for _, link in check_site(tmp_path).broken) == ["#nowhere", "../b.html"]


def test_link_checker_reads_pages_as_utf8_and_skips_comments(tmp_path):
    """A hand-made page may declare no charset: its ids and fragments are still UTF-8."""
    (tmp_path / "a.html").write_text('<a href="b.html#đích">x</a><a href="b.html#khác">y</a>'
                                     '<!-- <a href="gone.html">z</a> -->', encoding="utf-8")
    (tmp_path / "b.html").write_text('<p id="đích">t</p>', encoding="utf-8")
    assert check_site(tmp_path).broken == [("a.html", "b.html#khác")]


def test_a_broken_link_is_reported_as_the_page_wrote_it(tmp_path):
    """The memory keeps a link as its target and fragment, and its text only when that is not
    the plain relative path: the report must still quote the page."""
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "p.html").write_text(
        '<a href="./gone.html">1</a><a href="../a/gone.html#x">2</a><a href="sp%20ace.html">3</a>'
        '<a href="q.html#missing">4</a><a href="../../out.html">5</a>', encoding="utf-8")
    (tmp_path / "a" / "q.html").write_text('<p id="t">t</p>', encoding="utf-8")
    broken = check_site(tmp_path, memory=tmp_path.parent / "links.sqlite").broken
    assert sorted(link for _, link in broken) == ["../../out.html", "../a/gone.html#x", "./gone.html",
                                                   "q.html#missing", "sp%20ace.html"]


def test_a_remembered_link_check_finds_what_a_fresh_one_finds(tmp_path):
    """Each step changes the site by hand: the check that remembers the last one must read only
    the changed page and report what a check from nothing reports."""
    site, memory = tmp_path / "site", tmp_path / "links.sqlite"
    (site / "a").mkdir(parents=True)
    page, other = site / "a" / "p.html", site / "a" / "q.html"
    page.write_text('<a href="../b.html">x</a><a href="q.html#t">q</a>', encoding="utf-8")
    other.write_text('<p id="t">t</p><a href="p.html">p</a>', encoding="utf-8")

    def check(parsed: int) -> list[tuple[str, str]]:
        remembered, fresh = check_site(site, memory=memory), check_site(site)
        assert (remembered.links, remembered.broken) == (fresh.links, fresh.broken)
        assert remembered.parsed == parsed and fresh.parsed == fresh.pages
        return remembered.broken

    assert check(parsed=2) == [("a/p.html", "../b.html")]
    assert check(parsed=0) == [("a/p.html", "../b.html")]
    (site / "b.html").write_text('<a href="a/q.html#t">q</a>', encoding="utf-8")        # the target appears
    assert check(parsed=1) == []
    other.write_text('<p id="u">renamed id</p>', encoding="utf-8")                     # an id goes
    assert check(parsed=1) == [("a/p.html", "q.html#t"), ("b.html", "a/q.html#t")]
    other.unlink()                                                                      # the page goes
    assert check(parsed=0) == [("a/p.html", "q.html#t"), ("b.html", "a/q.html#t")]
    memory.write_bytes(b"not a database")                                               # broken by hand
    assert check(parsed=2) == [("a/p.html", "q.html#t"), ("b.html", "a/q.html#t")]


def test_every_page_parses_without_errors(built):
    _, out, _ = built
    for page in html_files(out):
        parser = html5lib.HTMLParser(strict=False)
        parser.parse(page.read_bytes())
        assert parser.errors == [], page
        text = page.read_text(encoding="utf-8")
        if page.name != "index.html" or page.parent != out / "ontology":
            assert '<html lang="vi">' in text and '<meta charset="utf-8">' in text, page


def test_hostile_article_text_is_inert_everywhere(built):
    _, out, _ = built
    reached = assert_inert(out)
    assert len(reached) >= 5   # the payload does reach pages (as text): bloc, unit, person, article, home


def test_hostile_names_get_safe_file_names(built):
    _, out, _ = built
    for path in out.rglob("*"):
        assert re.fullmatch(r"[A-Za-z0-9._/-]+", path.relative_to(out).as_posix()), path


def test_two_builds_are_byte_identical(built, tmp_path, monkeypatch):
    store, out, _ = built
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    again = tmp_path / "again"
    build(store, again, progress=False)
    first = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    second = {p.relative_to(again).as_posix(): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []


def test_two_stores_with_the_same_data_give_the_same_site(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    outputs = []
    for name, quads in (("a", fixture_quads()), ("b", list(reversed(fixture_quads())))):
        store = EmbeddedStore(tmp_path / name)   # another store, another insertion order
        store.bulk_add(quads)
        build(store, tmp_path / f"out-{name}", progress=False)
        store.close()
        out = tmp_path / f"out-{name}"
        outputs.append({p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()})
    assert outputs[0].keys() == outputs[1].keys()
    assert [k for k in outputs[0] if outputs[0][k] != outputs[1][k]] == []


def test_rebuild_rewrites_only_changed_pages(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)   # the newer article moves the date
    store = EmbeddedStore(tmp_path / "store")
    quads = fixture_quads(hostile=False)
    hostile = [q for q in fixture_quads() if q not in set(quads)]
    store.bulk_add(quads)
    first = build(store, tmp_path / "out", progress=False)
    assert first.written == first.files and first.skipped == 0
    unchanged = build(store, tmp_path / "out", progress=False)
    assert unchanged.written == 0 and unchanged.skipped == first.files
    store.bulk_add(hostile)               # one more article
    grown = build(store, tmp_path / "out", progress=False)
    assert 0 < grown.written < grown.files / 2
    assert grown.skipped > 0
    store.remove_graph(sorted({q.graph_name.value for q in hostile})[0])
    shrunk = build(store, tmp_path / "out", progress=False)
    assert shrunk.removed > 0 and not (tmp_path / "out" / "id/article/hostile-xss.html").exists()
    store.close()


def test_bloc_page_shows_rotation_by_year(built):
    _, out, _ = built
    page = (out / page_path(bloc_iri(BLOC_HP, HP))).read_text(encoding="utf-8")
    rotation = page.split('<table class="rotation">', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r"<tr><td>(\d{4})</td><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td></tr>", rotation)
    as_text = [(y, re.sub("<[^>]+>", "", h), re.sub("<[^>]+>", "", d), o) for y, h, d, o in rows]
    assert as_text[0][:3] == ("2019", "Sở Giao thông vận tải Hải Phòng", "Cục Hải quan Hải Phòng")
    assert as_text[1][:3] == ("2020", "Cục Hải quan Hải Phòng", "Sở Du lịch")
    assert "bàn giao cho" in as_text[1][3]
    assert page.count('<rect class="head"') == 2 and "<svg" in page
    assert 'class="network"' in page


def test_person_page_lists_dated_positions(built):
    _, out, _ = built
    page = (out / page_path(person_iri("Trương Minh Hiến", HT))).read_text(encoding="utf-8")
    table = page.split('<table class="positions">', 1)[1].split("</table>", 1)[0]
    assert re.findall(r"<tr><td>(\d{4}-\d\d-\d\d)</td>", table) == ["2017-03-15", "2019-12-11"]
    assert "Phó Chủ tịch" in table and "Ủy viên Ban Thường vụ" in table
    assert page.count('class="point"') == 2


def test_article_page_highlights_evidence_linked_to_facts(built):
    _, out, _ = built
    page = (out / "id/article/000-1c16179c51bb800b-da3e1d.html").read_text(encoding="utf-8")
    anchors = set(re.findall(r'<a class="evidence" href="#(fact-[0-9a-f]+)"', page))
    ids = set(re.findall(r'<tr id="(fact-[0-9a-f]+)"', page))
    assert len(ids) == 10 and anchors <= ids and len(anchors) >= 7
    assert "<mark>Ngày 10/4</mark>" in page


def test_entity_pages_have_alternates_incoming_links_and_schema_org(built):
    _, out, _ = built
    path = page_path(person_iri("Trương Minh Hiến", HT))
    page = (out / path).read_text(encoding="utf-8")
    assert '<link rel="alternate" type="text/turtle"' in page
    assert '<link rel="alternate" type="application/ld+json"' in page
    assert "org:member</code> · 2" in page
    schema = json.loads(page.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0])
    assert schema["@type"] == "Person" and schema["name"] == "Trương Minh Hiến"
    turtle = list(parse((out / path).with_suffix(".ttl").read_bytes(), format=RdfFormat.TURTLE))
    jsonld = list(parse((out / path).with_suffix(".jsonld").read_bytes(), format=RdfFormat.JSON_LD))
    assert len(turtle) == len(jsonld) > 3


def test_dumps_and_void_describe_the_whole_dataset(built):
    store, out, _ = built
    import gzip
    quads = list(parse(gzip.decompress((out / "dumps/thidua.nq.gz").read_bytes()), format=RdfFormat.N_QUADS))
    assert len(quads) == store.count()
    jsonld = parse(gzip.decompress((out / "dumps/thidua.jsonld.gz").read_bytes()), format=RdfFormat.JSON_LD)
    assert sorted(map(str, jsonld)) == sorted(map(str, quads))
    turtle = parse(gzip.decompress((out / "dumps/thidua.ttl.gz").read_bytes()), format=RdfFormat.TURTLE)
    assert {str(t) for t in turtle} == {str(q.triple) for q in quads}
    void = (out / "void.ttl").read_text(encoding="utf-8")
    assert "void:Dataset" in void and "dcat:downloadURL" in void and "dumps/thidua.nq.gz" in void


def test_search_index_is_accent_folded(built):
    _, out, _ = built
    script = (out / "static/js/search-index.js").read_text(encoding="utf-8")
    entries = json.loads(script.split("=", 1)[1].rstrip().rstrip(";"))
    hits = [e for e in entries if "truong minh hien" in e[3]]
    assert [e[0] for e in hits] == ["Trương Minh Hiến"]
    assert hits[0][2] == page_path(person_iri("Trương Minh Hiến", HT))
    assert any("dinh chuyen" in e[3] for e in entries)    # đ -> d


def test_search_js_folds_like_python():
    js = (Path(__file__).parent.parent / "site/static/js/search.js").read_text(encoding="utf-8")
    assert 'replace(/đ/g, "d")' in js and "\\p{M}" in js
    assert fold("Đặng Trọng Thắng") == "dang trong thang"


def test_home_page_counts_and_blocs_by_jurisdiction(built):
    _, out, _ = built
    home = (out / "index.html").read_text(encoding="utf-8")
    assert "Khối, cụm thi đua theo địa phương" in home and "thành phố Hải Phòng" in home
    assert "Sự kiện mới nhất" in home and "2019-12-11" in home
    assert "Dữ liệu đến ngày 2023-11-14" in home       # SOURCE_DATE_EPOCH, not the clock


def test_award_type_page_shows_its_place_in_the_scheme(built):
    _, out, _ = built
    page = (out / "award-type/co-thi-dua-cap-tinh.html").read_text(encoding="utf-8")
    assert 'href="../award-type/co-thi-dua.html">Cờ thi đua</a>' in page
    assert "Sở Giao thông vận tải Hải Phòng" in page and "<h3>2018</h3>" in page
    assert "Provincial emulation flag" in page


def test_ontology_documentation_is_generated(built):
    _, out, report = built
    page = (out / "ontology/index.html").read_text(encoding="utf-8")
    assert "EmulationBloc" in page
    if not any("ontology documentation" in w for w in report.warnings):
        assert "pyLODE" in page


def test_links_are_relative_and_work_from_a_sub_path(built):
    _, out, _ = built
    for page in html_files(out):
        text = page.read_text(encoding="utf-8")
        assert not re.search(r'(?:href|src)="/(?!/)', text), page


@pytest.mark.parametrize("iri, expected", [
    ("https://w3id.org/thidua/id/bloc/khoi-a-12ab", "id/bloc/khoi-a-12ab.html"),
    ("https://w3id.org/thidua/award-type/bang-khen", "award-type/bang-khen.html"),
    ("https://w3id.org/thidua/ontology#Award", "ontology/index.html"),
    ("https://w3id.org/thidua/award-type", "award-type/index.html"),
    ("https://example.org/x", None),
])
def test_page_path(iri, expected):
    assert page_path(iri) == expected


def test_page_path_of_unsafe_iris_stays_inside_the_site():
    for iri in ("https://w3id.org/thidua/id/../../etc/passwd", "https://w3id.org/thidua/id/Ủy ban",
                "https://w3id.org/thidua/id/a/<script>", "https://w3id.org/thidua/id//a"):
        path = page_path(iri)
        assert path.startswith("x/") and ".." not in path and re.fullmatch(r"[a-z0-9/.-]+", path)


def test_relative_links():
    assert relative("index.html", "id/bloc/a.html") == "../../index.html"
    assert relative("id/bloc/a.html", "index.html") == "id/bloc/a.html"
    assert relative("id/unit/b.html#fact-1", "id/bloc/a.html") == "../../id/unit/b.html#fact-1"


def test_sparql_page_without_npm_says_why(tmp_path, monkeypatch):
    monkeypatch.setenv("THIDUA_NPM_CACHE", str(tmp_path / "empty-cache"))
    monkeypatch.setenv("PATH", str(tmp_path / "no-bin"))
    store = make_store(tmp_path / "store", hostile=False)
    report = build(store, tmp_path / "out", progress=False)
    store.close()
    assert [w for w in report.warnings if w.startswith("SPARQL page unavailable: npm is not installed")]
    page = (tmp_path / "out/sparql.html").read_text(encoding="utf-8")
    assert 'id="sparql-unavailable"' in page and "npm" in page
    assert check_site(tmp_path / "out").ok


def test_sparql_examples_have_real_values_and_return_rows(built):
    store, out, _ = built
    page = (out / "sparql.html").read_text(encoding="utf-8")
    if 'id="sparql-unavailable"' in page:
        pytest.skip("npm could not provide oxigraph here")
    raw = page.split('<script type="application/json" id="sparql-examples">', 1)[1].split("</script>", 1)[0]
    examples = json.loads(raw)
    assert examples, "no named query could be offered"
    with_rows = [e["name"] for e in examples if store.select(e["query"])]
    assert "person-timeline" in with_rows or len(with_rows) >= len(examples) // 2


def test_malformed_facts_do_not_stop_the_build(tmp_path):
    from pyoxigraph import Literal, NamedNode, Quad
    from thidua.vocab import OA, PROV, RDF_TYPE, TD

    store = make_store(tmp_path / "store", hostile=False)
    g = NamedNode("https://w3id.org/thidua/graph/broken")
    art = NamedNode("https://w3id.org/thidua/id/article/000-1c16179c51bb800b-da3e1d")
    fact, ev = NamedNode("https://w3id.org/thidua/id/fact/broken/1"), NamedNode("https://w3id.org/thidua/id/fact/broken/1/evidence")
    store.bulk_add([Quad(fact, RDF_TYPE, TD.BlocLeadership, g),           # no bloc, no unit, no year
                    Quad(fact, PROV.wasDerivedFrom, art, g),
                    Quad(fact, TD.emulationYear, Literal("năm ngoái"), g),
                    Quad(fact, TD.evidence, ev, g),
                    Quad(ev, OA.start, Literal("x"), g), Quad(ev, OA.end, Literal("99999"), g)])
    report = build(store, tmp_path / "out", progress=False)
    store.close()
    assert report.pages > 30 and check_site(tmp_path / "out").ok
