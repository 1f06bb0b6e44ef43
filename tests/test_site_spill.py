"""The site build's spill file: facts, lists and links on disk, read back as the pages ask."""
from __future__ import annotations

import os

from site_fixture import fixture_quads
from thidua.graph_store import EmbeddedStore
from thidua.site import build
from thidua.site.gather import gather
from thidua.site.index import SiteIndex
from thidua.site.spill import Recent, Spill


def fact(iri: str, article: str, year: int | None, attested: str | None, member: str) -> tuple:
    return (iri, "membership", article, attested, None, None, ("member",), (member,), year, b"d")


def test_the_spill_file_is_gone_while_open_and_after(tmp_path):
    spill = Spill(tmp_path)
    spill.facts.add([fact("f1", "a", 2019, "2019-01-02", "u")])
    assert os.listdir(tmp_path) == []          # a killed build leaves nothing behind
    assert spill.facts.get("f1").one("member") == "u"
    spill.close()
    assert os.listdir(tmp_path) == []


def test_facts_keep_their_first_record_and_need_an_article(tmp_path):
    spill = Spill(tmp_path)
    spill.facts.add([fact("f1", "a", 2019, None, "second")], "g2")
    spill.facts.add([fact("f1", "a", 2019, None, "first"), fact("f2", "not-an-article", 2019, None, "u")], "g1")
    spill.facts.add([fact("f1", "a", 2020, None, "third")], "g2")
    spill.facts.keep_only({"a"})
    assert len(spill.facts) == 1
    assert spill.facts["f1"].one("member") == "first"
    assert "f2" not in spill.facts and spill.facts.get("f2") is None
    spill.close()


def test_an_entity_lists_its_facts_by_year_date_and_iri(tmp_path):
    spill = Spill(tmp_path)
    spill.facts.add([fact("f3", "a", 2020, "2020-05-01", "u"), fact("f2", "a", 2019, "2019-09-01", "u"),
                     fact("f1", "a", 2019, "2019-09-01", "u"), fact("f0", "a", None, None, "u"),
                     fact("f9", "a", 2019, "2019-01-01", "other")])
    spill.facts.keep_only({"a"})
    listed = spill.facts.list_under(lambda f: f.get("member"))
    assert [f.iri for f in listed.get("u")] == ["f0", "f1", "f2", "f3"]
    assert [f.iri for f in listed.get("other")] == ["f9"]
    assert listed.get("nobody", ()) == ()
    assert spill.facts.list_under(lambda f: ()) is listed       # made once per build
    spill.close()


def test_incoming_links_are_grouped_sorted_and_unique(tmp_path):
    spill = Spill(tmp_path)
    spill.links.add([("s2", "p", "t"), ("s1", "p", "t"), ("s1", "p", "t"), ("s3", "q", "t"), ("s1", "p", "u")])
    assert spill.links.properties("t") == ["p", "q"]
    assert list(spill.links.sources("t", "p")) == ["s1", "s2"]
    assert list(spill.links.sources("t", "q")) == ["s3"]
    assert spill.links.properties("nothing") == [] and list(spill.links.sources("nothing", "p")) == []
    spill.close()


def test_recent_holds_at_most_its_weight():
    cache = Recent(10, weight=len)
    cache.remember("a", [1] * 6)
    cache.remember("b", [1] * 3)
    assert cache.recall("a") is not None        # a is now the most recent
    cache.remember("c", [1] * 4)                # 13 > 10: the least recent (b) goes
    assert cache.recall("b") is None and cache.recall("a") and cache.recall("c")
    assert cache.remember("huge", [1] * 50) == [1] * 50     # over the limit alone: not kept
    assert list(cache) == ["a", "c"] and cache.held == 10


def test_the_index_reads_the_same_facts_as_the_store_holds(tmp_path):
    store = EmbeddedStore(tmp_path / "store")
    store.bulk_add(fixture_quads())
    data = gather(store)
    index = SiteIndex(data)
    facts = list(data.facts.values())
    assert len(facts) == len(data.facts) > 10
    for f in facts:
        assert f in index.facts_of.get(f.article, ())
        for value in f.get("member"):
            assert f in index.facts_of.get(value, ())
    data.close()
    report = build(store, tmp_path / "out", progress=False)
    assert report.pages > 10
    kept = [os.path.relpath(os.path.join(d, n), tmp_path) for d, _, names in os.walk(tmp_path)
            for n in names if n.endswith(".sqlite")]
    assert kept == [os.path.join("out.thidua-state", "spill.sqlite")]     # none in the site
    store.close()


def test_one_kind_of_an_entitys_facts_is_read_as_its_whole_list_filtered(tmp_path):
    store = EmbeddedStore(tmp_path / "store")
    store.bulk_add(fixture_quads())
    data = gather(store)
    listed = SiteIndex(data).facts_of
    entities = {e for f in data.facts.values() for e in SiteIndex._participants(f)}
    checked = 0
    for entity in sorted(entities):
        whole = listed.get(entity, ())
        for kind in sorted({f.kind for f in whole}):
            for year in sorted({f.year for f in whole if f.kind == kind and f.year is not None}) + [None]:
                expected = [f for f in whole if f.kind == kind and (year is None or f.year == year)]
                assert listed.of_kind(entity, kind, year=year) == expected
                assert listed.of_kind(entity, kind, year=year, limit=2) == expected[:2]
                assert listed.count(entity, kind, year=year) == len(expected)
                checked += len(expected) > 2
    assert checked > 5                                 # some lists were longer than the limit
    assert listed.of_kind("nobody", "award") == [] and listed.count("nobody", "award") == 0
    data.close()
    store.close()


def test_a_fact_stated_twice_is_listed_and_counted_once(tmp_path):
    spill = Spill(tmp_path)
    spill.facts.add([fact("f1", "a", 2019, None, "u"), fact("f2", "a", 2019, None, "u")], "g1")
    spill.facts.add([fact("f1", "a", 2019, None, "u"), fact("f3", "b", 2019, None, "u")], "g2")
    spill.facts.keep_only({"a"})                              # f3: hidden
    listed = spill.facts.list_under(lambda f: f.get("member"))
    assert [f.iri for f in listed.of_kind("u", "membership", limit=5)] == ["f1", "f2"]
    assert [f.iri for f in listed.of_kind("u", "membership", limit=1)] == ["f1"]
    assert listed.count("u", "membership") == 2 and listed.count("u", "membership", year=2020) == 0
    spill.close()


def listing(listed, entities) -> dict:
    return {e: [(f.iri, f.one("member")) for f in listed.get(e, ())] for e in entities}


def test_a_kept_spill_file_patched_lists_what_a_new_one_lists(tmp_path):
    first = [fact("f1", "a", 2019, None, "u"), fact("f2", "a", 2020, None, "u"), fact("f3", "b", 2019, None, "v")]
    spill = Spill.kept(tmp_path / "state", None)
    assert not spill.reused
    spill.facts.add(first[:2], "g1")
    spill.facts.add(first[2:], "g2")
    spill.links.add([("f1", "p", "u"), ("f2", "p", "u")])
    spill.links.add([("f1", "p", "u")])                      # the same link from another graph
    spill.facts.keep_only({"a", "b"})
    spill.facts.list_under(lambda f: f.get("member"))
    spill.links.index()
    spill.seal("one")

    spill = Spill.kept(tmp_path / "state", "one")
    assert spill.reused and len(spill.facts) == 0                     # counted again below
    spill.texts.add([("a", "text")])
    spill.facts.remove(first[:2], "g1")                               # g1 read again, changed
    spill.facts.add([fact("f1", "a", 2018, None, "w")], "g1")
    spill.links.remove([("f1", "p", "u"), ("f2", "p", "u")])
    spill.links.add([("f1", "p", "w")])
    spill.facts.keep_only({"a"}, recheck={"b"})                       # b is not an article now
    patched = spill.facts.list_under(lambda f: f.get("member"))
    spill.links.index()

    fresh = Spill(tmp_path)
    fresh.facts.add([fact("f1", "a", 2018, None, "w")], "g1")
    fresh.facts.add(first[2:], "g2")
    fresh.links.add([("f1", "p", "u"), ("f1", "p", "w")])
    fresh.facts.keep_only({"a"})
    expected = fresh.facts.list_under(lambda f: f.get("member"))
    fresh.links.index()
    assert listing(patched, "uvw") == listing(expected, "uvw") == {"u": [], "v": [], "w": [("f1", "w")]}
    assert len(spill.facts) == len(fresh.facts) == 1 and "f3" not in spill.facts
    for links in (spill.links, fresh.links):        # one copy of f1 -> u was taken out
        assert list(links.sources("u", "p")) == ["f1"] and list(links.sources("w", "p")) == ["f1"]
    fresh.close()
    spill.facts.keep_only({"a", "b"})                 # b back: its fact was hidden, not lost
    assert spill.facts["f3"].one("member") == "v"
    spill.close()
    assert not (tmp_path / "state" / "spill.sqlite").exists()        # a stopped build: gone


def test_a_kept_spill_file_of_another_build_is_made_again(tmp_path):
    spill = Spill.kept(tmp_path, None)
    spill.facts.add([fact("f1", "a", 2019, None, "u")], "g1")
    spill.seal("one")
    spill = Spill.kept(tmp_path, "another")          # the state names another build's file
    assert not spill.reused
    spill.facts.keep_only({"a"})
    assert "f1" not in spill.facts and len(spill.facts) == 0
    spill.close()


def test_large_incoming_groups_show_their_first_by_iri_and_count_the_rest(tmp_path, monkeypatch):
    from thidua.site import index as site_index
    store = EmbeddedStore(tmp_path / "store")
    store.bulk_add(fixture_quads())
    data = gather(store)
    index = SiteIndex(data)
    every = {iri: {(g.prop, tuple(g.sources)) for g in index.incoming_groups(iri)} for iri in index.pages}
    monkeypatch.setattr(site_index, "INCOMING_BY_LABEL", 2)
    monkeypatch.setattr(site_index, "INCOMING_SHOWN", 2)
    large = 0
    for iri in index.pages:
        for prop, sources in every[iri]:
            group, = [g for g in index.incoming_groups(iri) if g.prop == prop]
            assert group.count == len(sources)
            if len(sources) > 2:
                large += 1
                assert not group.by_label and group.sources == sorted(sources)[:2]
                assert len([g for g in index.incoming(iri) if g.count == len(sources) and
                            [link.iri for link in g.sources] == sorted(sources)[:2]]) == 1
            else:
                assert group.by_label and group.sources == list(sources)
    assert large > 3
    data.close()
    store.close()
