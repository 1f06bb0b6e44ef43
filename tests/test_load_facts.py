"""Loading the seed facts: the done-criteria of the backbone, on the bundled sample."""
from __future__ import annotations

import io
import json

import pytest
import rdflib
import rdflib.compare
from pyoxigraph import NamedNode

from thidua import iri, queries
from thidua.loaders.pipeline import VOCABULARY_GRAPH, load_paths


@pytest.fixture
def loaded(store, seeds_facts, tmp_path):
    facts = tmp_path / "facts" / "seeds.jsonl"
    facts.parent.mkdir()
    facts.write_text(seeds_facts.read_text(encoding="utf-8"), encoding="utf-8")
    report = load_paths(store, [facts], progress=False)
    assert report.ok, report.failed
    return store


def test_bloc_rotation_of_kinh_te_nganh(loaded):
    _, rows = queries.run(loaded, "bloc-rotation", {"bloc": "Khối thi đua Kinh tế ngành"})
    # Labels compare case-insensitively: resolution may settle "Vận tải" / "vận tải" either way.
    got = [(r["year"].value, r["role"].value, r["unitLabel"].value.lower()) for r in rows]
    assert got == [
        ("2017", "head", "sở khoa học và công nghệ"), ("2017", "deputy", "sở xây dựng"),
        ("2019", "head", "sở giao thông vận tải"), ("2019", "deputy", "sở công thương"),
        ("2020", "head", "sở công thương"),
        ("2020", "deputy", "sở nông nghiệp và phát triển nông thôn"),
    ]


def test_person_timeline_finds_both_dates_by_folded_name(loaded):
    _, rows = queries.run(loaded, "person-timeline", {"person": "truong minh hien"})
    dates = {(r["date"].value, r["doc"].value) for r in rows}
    assert ("2017-03-15", "003_2f19b7e13258856b") in dates
    assert ("2019-12-11", "004_3c2962dde7b5d0d4") in dates
    assert {r["role"].value for r in rows} >= {"Phó Chủ tịch"}


def test_award_history_of_a_unit(loaded):
    _, rows = queries.run(loaded, "award-history", {"recipient": "Cục Hải quan Hải Phòng"})
    assert [(r["year"].value, r["award"].value, r["status"].value) for r in rows] == [
        ("2018", "Cờ thi đua xuất sắc của Ủy ban nhân dân thành phố", "conferred")]


def test_search_is_accent_insensitive(loaded):
    _, rows = queries.run(loaded, "search", {"q": "truong minh hien"})
    assert [r["name"].value for r in rows] == ["Trương Minh Hiến"]
    _, rows = queries.run(loaded, "search", {"q": "Đặng"})
    assert {r["name"].value for r in rows} >= {"Đặng Đình Thoảng", "Đặng Trọng Thắng"}


def test_every_named_query_runs(loaded):
    params = {"bloc": "Khối thi đua Kinh tế ngành", "person": "Trương Minh Hiến",
              "q": "so", "recipient": "Sở Nội vụ"}
    for name in queries.names():
        query = queries.get(name)
        values = {p.name: params[p.name] for p in query.params if not p.optional}
        variables, rows = queries.run(loaded, name, values)
        assert variables, name
        assert rows, name


def test_loading_twice_changes_nothing(loaded, tmp_path):
    before = loaded.count()
    report = load_paths(loaded, [tmp_path / "facts"], progress=False)
    assert report.loaded == [] and len(report.unchanged) == 5
    assert loaded.count() == before


def test_changed_document_replaces_only_its_graph(loaded, tmp_path):
    path = tmp_path / "facts" / "seeds.jsonl"
    lines = [l for l in path.read_text(encoding="utf-8").splitlines() if "002_91381798f5ff2055" not in l
             or '"membership"' not in l]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = load_paths(loaded, [path], progress=False)
    assert report.loaded == ["002_91381798f5ff2055"]
    _, rows = queries.run(loaded, "bloc-members", {"bloc": "Cụm thi đua số III"})
    assert [r["unitLabel"].value for r in rows] == ["Quận Hoàng Mai", "Quận Đống Đa"]


def test_prune_removes_graphs_of_documents_that_are_gone(loaded, tmp_path):
    path = tmp_path / "facts" / "seeds.jsonl"
    kept = [l for l in path.read_text(encoding="utf-8").splitlines() if "003_2f19b7e13258856b" in l]
    path.write_text("\n".join(kept) + "\n", encoding="utf-8")
    report = load_paths(loaded, [path], prune=True, progress=False)
    assert len(report.removed) == 4
    assert [g for g in loaded.graphs() if g not in (VOCABULARY_GRAPH, iri.ENTITIES_GRAPH)
            and not g.startswith(iri.SUMMARIES_GRAPH)] == \
        [iri.graph("003_2f19b7e13258856b")]
    # Entities only the removed documents mentioned lose their descriptions; the others keep them.
    described = {r["e"].value for r in loaded.select(
        "SELECT DISTINCT ?e WHERE { GRAPH ?g { ?e <http://www.w3.org/2004/02/skos/core#prefLabel> ?l } }",
        {"g": NamedNode(iri.ENTITIES_GRAPH)}) if r["e"].value.startswith((iri.ID + "unit/", iri.ID + "bloc/",
                                                                          iri.ID + "person/"))}
    mentioned = {r["e"].value for r in loaded.select(
        "SELECT ?e WHERE { GRAPH ?g { ?a <https://schema.org/mentions> ?e } }",
        {"g": NamedNode(iri.graph("003_2f19b7e13258856b"))})}
    assert described == mentioned and described


@pytest.mark.parametrize("fmt, rdflib_format", [("nquads", "nquads"), ("trig", "trig"),
                                                ("jsonld", "json-ld"), ("turtle", "turtle"),
                                                ("ntriples", "nt")])
def test_export_parses_back_isomorphic(loaded, fmt, rdflib_format):
    buffer = io.BytesIO()
    loaded.dump(buffer, fmt)
    if fmt in ("nquads", "trig", "jsonld"):
        parsed = rdflib.Dataset()
        parsed.parse(data=buffer.getvalue(), format=rdflib_format)
        expected = rdflib.Dataset()
        expected.parse(data=_nquads(loaded), format="nquads")
        for graph in loaded.graphs():
            got = parsed.graph(rdflib.URIRef(graph))
            want = expected.graph(rdflib.URIRef(graph))
            assert len(got) == len(want) > 0
            assert rdflib.compare.isomorphic(got, want), graph
    else:
        parsed = rdflib.Graph().parse(data=buffer.getvalue(), format=rdflib_format)
        union = rdflib.Graph()
        for s, p, o, _ in rdflib.Dataset().parse(data=_nquads(loaded), format="nquads").quads():
            union.add((s, p, o))
        assert rdflib.compare.isomorphic(parsed, union)


def _nquads(store) -> bytes:
    buffer = io.BytesIO()
    store.dump(buffer, "nquads")
    return buffer.getvalue()


def test_bad_lines_are_named_and_the_rest_loads(store, tmp_path):
    good = {"doc": "d1", "type": "membership", "bloc": "Khối thi đua A", "unit": "Sở Tư pháp"}
    lines = [json.dumps(good, ensure_ascii=False), "{not json",
             json.dumps({"doc": "d1", "type": "prize", "bloc": "x"}),
             json.dumps({"doc": "d1", "type": "head", "bloc": "Khối thi đua A", "unit": "Sở Y tế",
                         "role": "head"}),
             json.dumps({"doc": "d1", "type": "head", "bloc": "Khối thi đua A", "unit": "Sở Y tế",
                         "role": "chief", "year": 2020}),
             json.dumps({"doc": "d2", "type": "award", "award": "Bằng khen", "recipient": "Sở Y tế",
                         "status": "conferred", "year": "năm ngoái"})]
    path = tmp_path / "facts.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = load_paths(store, [path], progress=False)
    reasons = {source: reason for source, reason in report.failed}
    assert set(reasons) == {f"{path}:{n}" for n in (2, 3, 4, 5, 6)}
    assert "malformed JSON" in reasons[f"{path}:2"]
    assert "unknown type 'prize'" in reasons[f"{path}:3"]
    assert "missing field 'year'" in reasons[f"{path}:4"]
    assert "'role' must be one of" in reasons[f"{path}:5"]
    assert "not a year" in reasons[f"{path}:6"]
    assert report.loaded == ["d1"]
    _, rows = queries.run(store, "bloc-members", {"bloc": "Khối thi đua A"})
    assert [r["unitLabel"].value for r in rows] == ["Sở Tư pháp"]


def test_csv_with_the_same_columns_loads(store, tmp_path):
    path = tmp_path / "facts.csv"
    path.write_text("doc,type,bloc,unit,year,role\n"
                    "c1,head,Cụm thi đua số III,Quận Hoàng Mai,2017,head\n"
                    "c1,head,Cụm thi đua số III,Quận Đống Đa,2018,head\n", encoding="utf-8")
    report = load_paths(store, [path], progress=False)
    assert report.ok, report.failed
    _, rows = queries.run(store, "bloc-rotation", {"bloc": "cum thi dua so iii"})
    assert [(r["year"].value, r["unitLabel"].value) for r in rows] == [
        ("2017", "Quận Hoàng Mai"), ("2018", "Quận Đống Đa")]


def test_network_export_has_people_units_and_dated_edges(loaded, tmp_path):
    import networkx as nx
    from thidua.network import build_network, write_network
    path = tmp_path / "net.graphml"
    write_network(build_network(loaded), str(path), "graphml")
    graph = nx.read_graphml(path)
    labels = {data["label"]: node for node, data in graph.nodes(data=True)}
    hien = labels["Trương Minh Hiến"]
    assert graph.nodes[hien]["kind"] == "Person"
    relations = {(d["relation"], d["year"]) for _, _, d in graph.out_edges(hien, data=True)}
    assert relations == {("position", "2017"), ("position", "2019")}
    heads = {(graph.nodes[s]["label"].lower(), d["year"]) for s, _, d in graph.edges(data=True)
             if d["relation"] == "head"}
    assert ("sở công thương", "2020") in heads


def test_a_decisions_file_overrides_resolution_on_load(tmp_path):
    from click.testing import CliRunner
    from thidua.cli import cli
    from thidua.graph_store import EmbeddedStore
    facts = tmp_path / "facts.jsonl"
    facts.write_text("\n".join(json.dumps(f, ensure_ascii=False) for f in [
        {"doc": "p1", "type": "position", "person": "Đặng Trọng Thắng", "role": "Giám đốc",
         "organization": "Sở Giao thông Vận tải"},
        {"doc": "p1", "type": "position", "person": "Đặng Trong Thắng", "role": "Giám đốc",
         "organization": "Sở Giao thông Vận tải"}]) + "\n", encoding="utf-8")
    decisions = tmp_path / "decisions.tsv"
    decisions.write_text("not-same\tĐặng Trọng Thắng\tĐặng Trong Thắng\n", encoding="utf-8")

    def people(extra):
        location = tmp_path / f"store{len(extra)}"
        result = CliRunner().invoke(cli, ["-q", "load", str(facts), "--store", str(location), *extra])
        assert result.exit_code == 0, result.output
        store = EmbeddedStore(location, read_only=True)
        try:
            _, rows = queries.run(store, "search", {"q": "dang tr"})
        finally:
            store.close()
        return {r["entity"].value for r in rows}

    assert len(people([])) == 1                       # a one-mark typo with a shared organisation
    assert len(people(["--decisions", str(decisions)])) == 2


def test_extraction_in_worker_processes_loads_the_same_dataset(sample_dir, tmp_path):
    from thidua.graph_store import EmbeddedStore
    from thidua.loaders.extract.parallel import chunk_size
    assert chunk_size(5, 2) == 1                            # five chunks, several in flight at once
    dumps = []
    for jobs in (1, 2):
        store = EmbeddedStore(tmp_path / f"store-{jobs}")
        report = load_paths(store, [sample_dir], jobs=jobs, progress=False)
        assert report.ok and len(report.loaded) == 5
        buffer = io.BytesIO()
        store.dump(buffer, "nquads")
        dumps.append(sorted(buffer.getvalue().splitlines()))
        store.close()
    assert dumps[0] == dumps[1] and dumps[0]


def _dump(store) -> list[bytes]:
    buffer = io.BytesIO()
    store.dump(buffer, "nquads")
    return sorted(buffer.getvalue().splitlines())


def test_a_later_load_reuses_the_saved_resolver_and_writes_what_a_rebuilt_one_writes(
        sample_dir, tmp_path, monkeypatch):
    from thidua.graph_store import EmbeddedStore
    from thidua.loaders.resolve import Resolver
    first, second = tmp_path / "first", tmp_path / "second"
    docs = sorted(p.name for p in sample_dir.glob("*.txt"))
    first.mkdir()
    (first / "manifest.tsv").write_bytes((sample_dir / "manifest.tsv").read_bytes())
    for name in docs[:3]:
        (first / name).write_bytes((sample_dir / name).read_bytes())
    second.mkdir()
    for name in docs[3:]:
        (second / name).write_bytes((sample_dir / name).read_bytes())
    (second / "manifest.tsv").write_bytes((sample_dir / "manifest.tsv").read_bytes())

    rebuilt = EmbeddedStore(tmp_path / "rebuilt")
    load_paths(rebuilt, [first], progress=False)
    monkeypatch.setenv("THIDUA_CACHE", str(tmp_path / "other-cache"))     # nothing saved there
    load_paths(rebuilt, [first, second], progress=False)

    cached = EmbeddedStore(tmp_path / "cached")
    monkeypatch.setenv("THIDUA_CACHE", str(tmp_path / "cache"))
    load_paths(cached, [first], progress=False)

    def no_rebuild(*args, **kwargs):
        raise AssertionError("the saved resolver should have been used")
    with monkeypatch.context() as patch:
        patch.setattr(Resolver, "from_store", classmethod(no_rebuild))
        report = load_paths(cached, [first, second], progress=False)
    assert len(report.loaded) == len(docs) - 3 and report.ok
    assert _dump(cached) == _dump(rebuilt)


def test_a_store_changed_behind_the_saved_resolver_rebuilds_it(sample_dir, tmp_path, monkeypatch):
    from thidua.graph_store import EmbeddedStore
    from thidua.loaders.resolve import Resolver
    store = EmbeddedStore(tmp_path / "store")
    load_paths(store, [sample_dir], progress=False)
    gone = iri.graph(sorted(p.stem for p in sample_dir.glob("*.txt"))[0])
    store.remove_graph(gone)                       # not by a load: the saved key no longer fits
    calls = []
    real = Resolver.from_store.__func__
    monkeypatch.setattr(Resolver, "from_store", classmethod(
        lambda cls, *a, **k: calls.append(1) or real(cls, *a, **k)))
    report = load_paths(store, [sample_dir], progress=False)
    assert calls == [1] and len(report.loaded) == 1


def test_hostile_text_is_stored_as_text(store, tmp_path):
    hostile = 'Sở "X" }} ; DROP ALL ; INSERT DATA { <a:b> <a:c> <a:d> } #\\u0022\nline two\r'
    facts = tmp_path / "hostile.jsonl"
    facts.write_text(json.dumps({"doc": "h-01", "type": "membership", "bloc": "Khối thi đua số 1",
                                 "unit": hostile, "evidence": hostile}, ensure_ascii=False) + "\n",
                     encoding="utf-8")
    report = load_paths(store, [facts], progress=False)
    assert report.ok, report.failed
    exact = store.select("SELECT ?t WHERE { ?e <http://www.w3.org/ns/oa#exact> ?t }")
    labels = {r["l"].value for r in store.select(
        "SELECT ?l WHERE { GRAPH ?g { ?u <http://www.w3.org/2004/02/skos/core#prefLabel> ?l } }",
        {"g": NamedNode(iri.ENTITIES_GRAPH)})}
    from thidua.text import clean
    assert [r["t"].value for r in exact] == [clean(hostile)]
    assert clean(hostile) in labels
    assert store.count(VOCABULARY_GRAPH) > 0           # nothing was dropped
