"""One store contract, run against every backend: the embedded on-disk pyoxigraph store and a
real Oxigraph server reached through the SPARQL 1.1 Protocol and the Graph Store Protocol."""
from __future__ import annotations

import io
import unicodedata

import pytest
from pyoxigraph import BlankNode, Literal, NamedNode, Quad, parse

from thidua.errors import ThiduaError
from thidua.graph_store import EXPORT_FORMATS, GraphStore
from thidua.graph_store.base import DATASET_FORMATS

EX = "http://example.org/"
G1, G2 = EX + "graph/one", EX + "graph/two"
LABEL = NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
XSD_DATE = NamedNode("http://www.w3.org/2001/XMLSchema#date")
HOSTILE = '" } ; DROP ALL #'


def ex(name: str) -> NamedNode:
    return NamedNode(EX + name)


def q(s: str, p: str, o, graph: str = G1) -> Quad:
    obj = o if isinstance(o, (NamedNode, Literal, BlankNode)) else Literal(o)
    return Quad(ex(s), ex(p), obj, NamedNode(graph))


@pytest.fixture(scope="module")
def union_server(tmp_path_factory):
    """An Oxigraph server whose default graph is the union, like Fuseki with
    tdb2:unionDefaultGraph: the stand-in for servers reached by their three URLs."""
    from thidua.graph_store.server import OxigraphServer, find_binary
    if find_binary() is None:
        pytest.skip("no oxigraph server binary (pip install oxigraph)")
    with OxigraphServer(tmp_path_factory.mktemp("union") / "store",
                        union_default_graph=True) as server:
        yield server


@pytest.fixture
def generic_store(union_server):
    """A RemoteStore given its query, update and store URLs one by one (no Oxigraph extras)."""
    from thidua.graph_store.remote import RemoteStore
    url = union_server.url
    s = RemoteStore(query_url=f"{url}/query", update_url=f"{url}/update",
                    store_url=f"{url}/store", retries=1, backoff=0.05)
    assert not s.endpoints.oxigraph
    s.update("DROP ALL")
    yield s


BACKENDS = {"embedded": "store", "remote": "remote_store", "remote-urls": "generic_store"}


@pytest.fixture(params=sorted(BACKENDS))
def any_store(request) -> GraphStore:
    """The same empty store contract on each backend: the embedded store, a real Oxigraph
    server by its base URL, and the same server by three explicit URLs."""
    return request.getfixturevalue(BACKENDS[request.param])


def sorted_quads(store: GraphStore, graph: str | None = None) -> list[str]:
    return sorted(str(x) for x in store.quads(graph))


def test_is_a_graph_store(any_store):
    assert isinstance(any_store, GraphStore)


def test_replace_graph_replaces_only_that_graph(any_store):
    any_store.replace_graph(G1, [q("a", "p", "old"), q("b", "p", "old")])
    any_store.replace_graph(G2, [q("c", "p", "kept", G2)])
    any_store.replace_graph(G1, [q("a", "p", "new")])
    assert sorted_quads(any_store, G1) == [str(q("a", "p", "new"))]
    assert sorted_quads(any_store, G2) == [str(q("c", "p", "kept", G2))]
    assert any_store.count() == 2


def test_replace_graph_ignores_the_quads_own_graph(any_store):
    any_store.replace_graph(G1, [q("a", "p", "x", graph=G2)])
    assert any_store.graphs() == [G1]
    assert [x.graph_name for x in any_store.quads()] == [NamedNode(G1)]


def test_replace_graph_with_nothing_leaves_no_graph(any_store):
    any_store.replace_graph(G1, [q("a", "p", "x")])
    any_store.replace_graph(G1, [])
    assert any_store.graphs() == []
    assert any_store.count() == 0


def test_remove_graph_and_absent_graph(any_store):
    any_store.replace_graph(G1, [q("a", "p", "x")])
    any_store.replace_graph(G2, [q("b", "p", "y", G2)])
    any_store.remove_graph(G1)
    any_store.remove_graph(EX + "graph/never-loaded")
    assert any_store.graphs() == [G2]
    assert list(any_store.quads(G1)) == []


def test_graphs_are_sorted(any_store):
    for name in ("zeta", "alpha", "mu"):
        any_store.replace_graph(EX + name, [q(name, "p", "x")])
    assert any_store.graphs() == [EX + "alpha", EX + "mu", EX + "zeta"]


def test_bulk_add_keeps_each_quads_graph(any_store):
    quads = [q(f"s{i}", "p", f"v{i}", G1 if i % 2 else G2) for i in range(100)]
    any_store.bulk_add(iter(quads))
    assert any_store.graphs() == [G1, G2]
    assert any_store.count() == 100
    assert any_store.count(G1) == 50
    assert sorted_quads(any_store) == sorted(str(x) for x in quads)


def test_count_of_empty_and_missing(any_store):
    assert any_store.count() == 0
    assert any_store.count(G1) == 0


def test_quads_skip_the_default_graph(any_store):
    any_store.replace_graph(G1, [q("a", "p", "x")])
    any_store.update(f"INSERT DATA {{ <{EX}d> <{EX}p> 'in the default graph' }}")
    assert sorted_quads(any_store) == [str(q("a", "p", "x"))]
    assert any_store.count() == 1


def test_queries_see_the_union_of_named_graphs(any_store):
    any_store.replace_graph(G1, [q("a", "p", "one")])
    any_store.replace_graph(G2, [q("b", "p", "two", G2)])
    rows = any_store.select(f"SELECT ?o WHERE {{ ?s <{EX}p> ?o }} ORDER BY ?o")
    assert rows == [{"o": Literal("one")}, {"o": Literal("two")}]
    rows = any_store.select(f"SELECT ?g WHERE {{ GRAPH ?g {{ ?s <{EX}p> 'two' }} }}")
    assert rows == [{"g": NamedNode(G2)}]


def test_select_leaves_unbound_variables_out(any_store):
    any_store.replace_graph(G1, [q("a", "p", "x"), q("b", "p", "y"), q("a", "label", "A")])
    rows = any_store.select(f"SELECT ?s ?l WHERE {{ ?s <{EX}p> ?o OPTIONAL {{ ?s <{EX}label> ?l }} }}"
                            " ORDER BY ?s")
    assert rows == [{"s": ex("a"), "l": Literal("A")}, {"s": ex("b")}]


def test_terms_round_trip_with_their_types(any_store):
    terms = [Literal("Cờ thi đua", language="vi"), Literal("2019-04-10", datatype=XSD_DATE),
             Literal(42), Literal("a\nb\t\"c\"\\"), ex("iri/with-ư")]
    any_store.replace_graph(G1, [q(f"s{i}", "p", t) for i, t in enumerate(terms)])
    rows = any_store.select(f"SELECT ?s ?o WHERE {{ ?s <{EX}p> ?o }} ORDER BY ?s")
    assert [r["o"] for r in rows] == terms


def test_hostile_literal_is_bound_as_a_value(any_store):
    any_store.replace_graph(G1, [q("evil", "label", HOSTILE), q("good", "label", "fine")])
    query = f"SELECT ?s WHERE {{ ?s <{EX}label> ?label }}"
    assert any_store.select(query, {"label": Literal(HOSTILE)}) == [{"s": ex("evil")}]
    assert any_store.ask(f"ASK {{ ?s <{EX}label> ?label }}", {"label": Literal(HOSTILE + "x")}) \
        is False
    assert any_store.count() == 2  # nothing was dropped


def test_ask_and_construct_with_bindings(any_store):
    any_store.replace_graph(G1, [q("a", "p", "x"), q("b", "p", "y")])
    assert any_store.ask(f"ASK {{ ?s <{EX}p> ?o }}", {"s": ex("a")}) is True
    assert any_store.ask(f"ASK {{ ?s <{EX}p> ?o }}", {"s": ex("zzz")}) is False
    triples = any_store.construct(f"CONSTRUCT {{ ?s <{EX}q> ?o }} WHERE {{ ?s <{EX}p> ?o }}",
                                  {"s": ex("b")})
    assert [str(t) for t in triples] == [f"<{EX}b> <{EX}q> \"y\""]


def test_query_kind_mismatch_is_an_error(any_store):
    with pytest.raises(ThiduaError):
        any_store.select("ASK { ?s ?p ?o }")
    with pytest.raises(ThiduaError):
        any_store.ask("SELECT * WHERE { ?s ?p ?o }")
    with pytest.raises(ThiduaError):
        any_store.construct("SELECT * WHERE { ?s ?p ?o }")


def test_vietnamese_literals_round_trip_in_nfc(any_store):
    name = unicodedata.normalize("NFC", "Sở Giao thông vận tải Hải Phòng - Trưởng khối, Đặng Trọng Thắng")
    any_store.replace_graph(G1, [q("unit", "label", Literal(name, language="vi"))])
    [row] = any_store.select(f"SELECT ?l WHERE {{ ?s <{EX}label> ?l }}")
    assert row["l"].value == name
    assert unicodedata.is_normalized("NFC", row["l"].value)
    assert any_store.ask(f"ASK {{ ?s <{EX}label> ?l }}", {"l": Literal(name, language="vi")})
    [quad] = any_store.quads(G1)
    assert quad.object == Literal(name, language="vi")


def test_update_runs(any_store):
    any_store.update(f"INSERT DATA {{ GRAPH <{G1}> {{ <{EX}a> <{EX}p> 'x' }} }}")
    any_store.update(f"DELETE DATA {{ GRAPH <{G1}> {{ <{EX}a> <{EX}p> 'x' }} }}")
    assert any_store.count() == 0


@pytest.mark.parametrize("fmt", sorted(EXPORT_FORMATS))
def test_dump_parses_back(any_store, fmt):
    data = [q("a", "label", Literal("Bằng khen", language="vi")), q("a", "p", ex("b")),
            q("c", "p", Literal(2019), G2)]
    any_store.bulk_add(data)
    out = io.BytesIO()
    any_store.dump(out, fmt)
    parsed = list(parse(out.getvalue(), EXPORT_FORMATS[fmt]))
    if fmt in DATASET_FORMATS:
        assert sorted(map(str, parsed)) == sorted(map(str, data))
    else:
        assert sorted(str(x.triple) for x in parsed) == sorted(str(x.triple) for x in data)


@pytest.mark.parametrize("fmt", sorted(EXPORT_FORMATS))
def test_dump_of_one_graph(any_store, fmt):
    any_store.bulk_add([q("a", "p", "x"), q("b", "p", "y", G2)])
    out = io.BytesIO()
    any_store.dump(out, fmt, graph=G2)
    parsed = list(parse(out.getvalue(), EXPORT_FORMATS[fmt]))
    assert [str(x.triple) for x in parsed] == [f"<{EX}b> <{EX}p> \"y\""]


def test_dump_of_nquads_is_the_same_on_both_backends(store, remote_store):
    data = [q(f"s{i}", "label", Literal(f"Huân chương Lao động hạng {i}", language="vi"),
              G1 if i % 3 else G2) for i in range(30)]
    for backend in (store, remote_store):
        backend.bulk_add(data)
    dumps = []
    for backend in (store, remote_store):
        out = io.BytesIO()
        backend.dump(out, "nquads")
        dumps.append(sorted(out.getvalue().decode("utf-8").splitlines()))
    assert dumps[0] == dumps[1]
    assert len(dumps[0]) == 30
