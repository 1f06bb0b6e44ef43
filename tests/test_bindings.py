"""Parameter values are bound as terms, never pasted into the query text."""
from __future__ import annotations

from pyoxigraph import Literal, NamedNode, Quad

from thidua.graph_store.bindings import bind

G = NamedNode("https://w3id.org/thidua/graph/t")
S = NamedNode("https://w3id.org/thidua/id/unit/x")
P = NamedNode("http://www.w3.org/2000/01/rdf-schema#label")


def test_hostile_literal_stays_a_literal(store):
    store.replace_graph(G.value, [Quad(S, P, Literal("Sở Công Thương", language="vi"), G)])
    hostile = Literal('Thương" } } ; DROP ALL ; SELECT * WHERE { ?s ?p ?o #')
    query = "SELECT ?s WHERE { ?s ?p ?o FILTER(CONTAINS(STR(?o), ?q)) }"
    assert store.select(query, {"q": hostile}) == []
    assert store.count() == 1
    assert [r["s"] for r in store.select(query, {"q": Literal("Công")})] == [S]


def test_values_go_after_where_not_into_comments_strings_or_iris():
    query = '# WHERE { in a comment\nSELECT ?x WHERE { ?x <http://e/{p}> "WHERE {" }'
    bound = bind(query, {"x": NamedNode("http://e/a")})
    assert bound.index("VALUES") > bound.index('SELECT ?x WHERE {')
    assert bound.endswith('?x <http://e/{p}> "WHERE {" }')


def test_construct_binds_in_where_not_in_template():
    bound = bind("CONSTRUCT { ?x ?p ?o } WHERE { ?x ?p ?o }", {"x": NamedNode("http://e/a")})
    assert bound.startswith("CONSTRUCT { ?x ?p ?o } WHERE { VALUES")


def test_many_rows_bind_one_variable_and_stay_terms(store):
    from thidua.graph_store.bindings import bind_rows
    other = NamedNode("https://w3id.org/thidua/id/unit/y")
    store.replace_graph(G.value, [Quad(S, P, Literal("x"), G), Quad(other, P, Literal("y"), G)])
    hostile = Literal('x" } ?s ?p ?o } ; DROP ALL #')
    query = "SELECT ?s ?o WHERE { ?s ?p ?o }"
    rows = store.select(bind_rows(query, "s", [S, other, hostile]))
    assert sorted(r["o"].value for r in rows) == ["x", "y"]
    assert store.select(bind_rows(query, "s", [])) == []
    assert store.count() == 2
