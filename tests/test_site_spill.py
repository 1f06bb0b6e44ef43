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
    spill.facts.add([fact("f1", "a", 2019, None, "first"), fact("f2", "not-an-article", 2019, None, "u")])
    spill.facts.add([fact("f1", "a", 2020, None, "second")])
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
    assert not any(name.endswith(".sqlite") for _, _, names in os.walk(tmp_path) for name in names)
    store.close()
