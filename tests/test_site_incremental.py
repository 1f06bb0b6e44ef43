"""Incremental site builds: after each change to the store, a rebuild that reuses the previous
build's state must give exactly the site a fresh build gives, while reading and rendering less.

Both layouts are checked: entities described in every article graph (the fixture as it is),
and entities described once in their own graph (the loader's layout since issue 7).
"""
from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, parse

from site_fixture import fixture_quads
from thidua.graph_store import EmbeddedStore
from thidua.iri import ENTITIES_GRAPH, GRAPH
from thidua.loaders.pipeline import load_paths
from thidua.site import build
from thidua.site import index as site_index
from thidua.site import pages as site_pages
from thidua.site.chunked_gzip import ChunkedGzipWriter, compress, crc32_combine
from thidua.site.linkcheck import check_site
from thidua.site.parts import read_part
from thidua.site.rdf_files import described, page_files
from thidua.site.source import read_graph
from thidua.site.urls import alternate, page_path
from thidua.vocab import PREFIXES, RDF_TYPE, TD

HOSTILE_GRAPH = GRAPH + "hostile-xss"
LOCAL_CLASSES = {TD.Article, TD.Event, TD.BlocMembership, TD.BlocLeadership, TD.Award, TD.Position}


@pytest.fixture(autouse=True)
def fixed_date(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def entities_once(quads: list[Quad]) -> list[Quad]:
    """The same data with every node other than articles, facts and evidence described once,
    in the entities graph (which has no content hash, like the loader's)."""
    local = {q.subject for q in quads if q.predicate == RDF_TYPE and q.object in LOCAL_CLASSES}
    local |= {q.object for q in quads if q.predicate == TD.evidence}
    out = set()
    for q in quads:
        if q.subject in local or q.graph_name.value.endswith("award-types"):
            out.add(q)
        else:
            out.add(Quad(q.subject, q.predicate, q.object, NamedNode(ENTITIES_GRAPH)))
    return sorted(out, key=str)


def store_with(path: Path, quads: list[Quad]) -> EmbeddedStore:
    store = EmbeddedStore(path)
    store.bulk_add(quads)
    return store


def relabelled(quads: list[Quad], old: str, new: str) -> list[Quad]:
    """Every label `old` renamed `new`, and the content hash of the graphs touched changed (as
    the loader changes it when an article's input changes)."""
    touched = {q.graph_name for q in quads if isinstance(q.object, Literal) and q.object.value == old}
    out = []
    for q in quads:
        o = q.object
        if isinstance(o, Literal) and o.value == old:
            o = Literal(new, language=o.language) if o.language else Literal(new, datatype=o.datatype)
        elif q.predicate == TD.contentHash and q.graph_name in touched:
            o = Literal(hashlib.sha256(o.value.encode() + new.encode()).hexdigest())
        out.append(Quad(q.subject, q.predicate, o, q.graph_name))
    return out


def assert_same_as_fresh(store: EmbeddedStore, out: Path, tmp_path: Path, name: str):
    """Rebuild `out` incrementally and compare with a fresh build of the same store."""
    report = build(store, out, progress=False)
    fresh = tmp_path / f"fresh-{name}"
    build(store, fresh, progress=False)
    incremental, expected = tree(out), tree(fresh)
    assert sorted(incremental) == sorted(expected)
    assert [p for p in expected if incremental[p] != expected[p]] == []
    links = check_site(out)
    assert links.ok
    # A check that remembers the last one (when a test primed it after its first build)
    # reads only the pages this build rewrote and finds what a fresh check finds.
    memory = tmp_path / "links.sqlite"
    primed = memory.exists()
    remembered = check_site(out, memory=memory)
    assert (remembered.links, remembered.pages, remembered.broken) == (links.links, links.pages, [])
    assert remembered.parsed < remembered.pages / 2 if primed else remembered.parsed == links.pages
    return report


@pytest.mark.parametrize("layout", ["per-article", "entities-once"])
def test_incremental_builds_equal_fresh_builds(tmp_path, layout):
    shape = (lambda q: q) if layout == "per-article" else entities_once
    everything = fixture_quads()
    without_hostile = [q for q in everything if q.graph_name.value != HOSTILE_GRAPH]
    store = store_with(tmp_path / "store", shape(without_hostile))
    out = tmp_path / "out"
    first = build(store, out, progress=False)
    assert first.graphs_read == first.graphs and first.pages_rendered == first.pages - 5
    assert check_site(out, memory=tmp_path / "links.sqlite").parsed == first.pages

    unchanged = build(store, out, progress=False)
    assert unchanged.written == 0 and unchanged.pages_rendered == 0
    assert unchanged.graphs_read < unchanged.graphs          # only graphs without a content hash

    store.close()
    store = store_with(tmp_path / "store2", shape(everything))     # one more article
    grown = assert_same_as_fresh(store, out, tmp_path, "grown")
    assert 0 < grown.pages_rendered < grown.pages / 2
    assert grown.graphs_read < grown.graphs

    store.close()
    renamed = relabelled(everything, "Sở Du lịch", "Sở Du lịch và Thể thao")
    store = store_with(tmp_path / "store3", shape(renamed))
    relabel = assert_same_as_fresh(store, out, tmp_path, "relabelled")
    assert relabel.pages_rendered < relabel.pages / 2
    page = (out / "id/article/000-1c16179c51bb800b-da3e1d.html").read_text(encoding="utf-8")
    assert "Sở Du lịch và Thể thao" in page           # a page of an unchanged graph that shows the label

    store.remove_graph(HOSTILE_GRAPH)
    shrunk = assert_same_as_fresh(store, out, tmp_path, "shrunk")
    assert shrunk.removed > 0 and not (out / "id/article/hostile-xss.html").exists()
    store.close()


def test_a_deleted_file_is_made_again(tmp_path):
    store = store_with(tmp_path / "store", fixture_quads())
    out = tmp_path / "out"
    build(store, out, progress=False)
    check_site(out, memory=tmp_path / "links.sqlite")
    for name in ("id/article/hostile-xss.ttl", "id/article/hostile-xss.html", "dumps/thidua.ttl.gz"):
        (out / name).unlink()
    assert_same_as_fresh(store, out, tmp_path, "repaired")
    store.close()


def test_the_state_is_kept_beside_the_site_and_full_ignores_it(tmp_path):
    store = store_with(tmp_path / "store", fixture_quads())
    build(store, tmp_path / "out", progress=False)
    assert (tmp_path / "out.thidua-state").is_dir()
    assert not [p for p in (tmp_path / "out").rglob("*") if "state" in p.name]
    again = build(store, tmp_path / "out", progress=False, full=True)
    assert again.graphs_read == again.graphs and again.written == 0
    store.close()


def test_dumps_hold_every_quad_after_an_incremental_build(tmp_path):
    everything = fixture_quads()
    store = store_with(tmp_path / "store", [q for q in everything if q.graph_name.value != HOSTILE_GRAPH])
    build(store, tmp_path / "out", progress=False)
    store.bulk_add([q for q in everything if q.graph_name.value == HOSTILE_GRAPH])
    build(store, tmp_path / "out", progress=False)
    dumped = parse(gzip.decompress((tmp_path / "out/dumps/thidua.nq.gz").read_bytes()), format=RdfFormat.N_QUADS)
    assert sorted(map(str, dumped)) == sorted(map(str, store.quads()))
    store.close()


def test_chunked_gzip_is_one_member_and_copies_chunks(tmp_path):
    pieces = [b"<a> <b> <c> <g> .\n" * n for n in (0, 1, 7, 300)]
    first = ChunkedGzipWriter(tmp_path / "a.gz")
    chunks = [first.add(*compress(p)) for p in pieces]
    first.close()
    assert gzip.decompress((tmp_path / "a.gz").read_bytes()) == b"".join(pieces)
    second = ChunkedGzipWriter(tmp_path / "b.gz")
    with open(tmp_path / "a.gz", "rb") as earlier:
        second.add_data(b"new\n")
        second.add_run(earlier, chunks[1:3])
        second.add_data(b"more\n")
        second.add_run(earlier, chunks[3:])
    second.close()
    data = (tmp_path / "b.gz").read_bytes()
    assert gzip.decompress(data) == b"new\n" + pieces[1] + pieces[2] + b"more\n" + pieces[3]
    import zlib
    engine = zlib.decompressobj(31)               # one member: nothing is left after it
    engine.decompress(data)
    assert engine.eof and engine.unused_data == b""
    a, b = b"thi dua ", b"khen thuong"
    assert crc32_combine(zlib.crc32(a), zlib.crc32(b), len(b)) == zlib.crc32(a + b)


def test_prefixes_are_written_once_in_the_turtle_dump(tmp_path):
    store = store_with(tmp_path / "store", fixture_quads())
    build(store, tmp_path / "out", progress=False)
    text = gzip.decompress((tmp_path / "out/dumps/thidua.ttl.gz").read_bytes()).decode("utf-8")
    assert text.count(f"@prefix td: <{PREFIXES['td']}>") == 1
    store.close()


def test_article_files_made_from_the_graph_are_those_the_store_describes(tmp_path):
    """In the loader's layout an article graph holds only the article, its facts and their
    evidence: the article's .ttl and .jsonld are the graph's own serialisation, made once for
    the dumps and the page. They must be the files of the article described over the store."""
    store = store_with(tmp_path / "store", entities_once(fixture_quads()))
    out = tmp_path / "site"
    build(store, out, progress=False)
    articles = sorted(r["a"].value for r in store.select(f"SELECT ?a WHERE {{ ?a a {TD.Article} }}"))
    shortcut = 0
    for iri in articles:
        graph = next(g for g in store.graphs() if store.ask(f"ASK {{ GRAPH <{g}> {{ <{iri}> a {TD.Article} }} }}"))
        _, content = read_part(graph, None, read_graph(store, graph))
        shortcut += iri in content.files
        turtle, jsonld = page_files(described(store, "article", iri))
        assert (out / alternate(page_path(iri), ".ttl")).read_bytes() == turtle
        assert (out / alternate(page_path(iri), ".jsonld")).read_bytes() == jsonld
    assert shortcut == len(articles) > 1


def test_a_build_stopped_halfway_leaves_nothing_stale(tmp_path, monkeypatch):
    everything = fixture_quads()
    store = store_with(tmp_path / "store", [q for q in everything if q.graph_name.value != HOSTILE_GRAPH])
    out = tmp_path / "out"
    build(store, out, progress=False)
    store.bulk_add([q for q in everything if q.graph_name.value == HOSTILE_GRAPH])
    from thidua.site import builder
    rendered = []

    def failing_render(page, cache=None):
        if len(rendered) == 10:
            raise KeyboardInterrupt
        rendered.append(page.path)
        return real_render(page, cache)

    real_render = builder.render
    monkeypatch.setattr(builder, "render", failing_render)
    with pytest.raises(KeyboardInterrupt):
        build(store, out, progress=False)
    monkeypatch.setattr(builder, "render", real_render)
    store.remove_graph(HOSTILE_GRAPH)           # back to the data of the first build
    assert_same_as_fresh(store, out, tmp_path, "after-stop")
    store.close()


def _write_facts(path: Path, facts: list[dict]) -> None:
    path.write_text("".join(json.dumps(f, ensure_ascii=False) + "\n" for f in facts), encoding="utf-8")


@pytest.mark.parametrize("caps", ["as shipped", "small caps"])
def test_after_loads_changes_and_prunes_only_reachable_pages_are_checked(tmp_path, seeds_facts, caps,
                                                                        monkeypatch):
    """Through the real loader (entities graph, summaries): a rebuild digests only the pages a
    change can reach (site/changes.py), and still equals a fresh build. With small caps, year,
    role and award-type pages list 2 rows of more and incoming links of more than 2 sources
    show the first by IRI, so those paths are taken by the seeds too."""
    if caps == "small caps":
        monkeypatch.setattr(site_pages, "SHOWN_ROWS", 2)
        monkeypatch.setattr(site_index, "INCOMING_BY_LABEL", 2)
    facts = [json.loads(line) for line in seeds_facts.read_text(encoding="utf-8").splitlines() if line.strip()]
    path = tmp_path / "facts" / "seeds.jsonl"
    path.parent.mkdir()
    store, out = EmbeddedStore(tmp_path / "store"), tmp_path / "out"
    _write_facts(path, [f for f in facts if f["doc"] != "004_3c2962dde7b5d0d4"])
    load_paths(store, [path], progress=False)
    first = build(store, out, progress=False)
    assert first.pages_checked == first.pages - 5

    _write_facts(path, facts)                                          # one more article
    load_paths(store, [path], progress=False)
    grown = assert_same_as_fresh(store, out, tmp_path, "grown")
    assert 0 < grown.pages_rendered <= grown.pages_checked < (grown.pages - 5) / 2

    changed = []
    for f in facts:
        f = dict(f)
        if f["doc"] == "000_1c16179c51bb800b" and f["type"] == "award":
            f["year"], f["status"] = 2016, "proposed"                  # moved and only proposed
        if f.get("person") == "Vũ Thị Hương":
            f["person"] = "Vũ Thị Hường"                               # a name spelt otherwise
        if not (f["doc"] == "002_91381798f5ff2055" and f["type"] == "membership"):
            changed.append(f)                                          # members that left
    _write_facts(path, changed)
    load_paths(store, [path], progress=False)
    reloaded = assert_same_as_fresh(store, out, tmp_path, "changed")
    assert 0 < reloaded.pages_rendered <= reloaded.pages_checked < reloaded.pages - 5

    _write_facts(path, [f for f in changed if f["doc"] != "003_2f19b7e13258856b"])
    assert load_paths(store, [path], prune=True, progress=False).removed
    pruned = assert_same_as_fresh(store, out, tmp_path, "pruned")
    assert 0 < pruned.pages_rendered <= pruned.pages_checked < pruned.pages - 5
    store.close()


def rows_files(out: Path) -> dict[str, int]:
    state = out.with_name(out.name + ".thidua-state")
    return {p.name: p.stat().st_size for p in state.glob("rows-*.bin")}


def test_rebuilds_append_rows_and_a_mostly_dead_rows_file_is_written_afresh(tmp_path):
    store = store_with(tmp_path / "store", fixture_quads())
    out = tmp_path / "out"
    build(store, out, progress=False)
    (first, size), = rows_files(out).items()

    build(store, out, progress=False)
    (again, grown), = rows_files(out).items()
    assert again == first and size <= grown < 2 * size      # unchanged graphs' rows not copied

    for graph in store.graphs()[1:]:                                  # most rows now point nowhere
        store.remove_graph(graph)
    assert_same_as_fresh(store, out, tmp_path, "shrunk")
    assert list(rows_files(out)) == [first]
    assert_same_as_fresh(store, out, tmp_path, "compacted")
    (fresh, small), = rows_files(out).items()
    assert fresh != first and small < size / 2
    store.close()


def test_the_state_is_versioned_by_the_code_that_shapes_the_output():
    from thidua.site.digests import output_files
    files = output_files()
    assert {"builder.py", "pages.py", "templates/base.html"} <= set(files)
    assert "linkcheck.py" not in files          # it reads the site: a new checker keeps the state
