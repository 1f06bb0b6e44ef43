"""Named queries on the entities-graph layout (entities described once, in their own graph):
the answers the stored facts imply, one row per entity, sorted by the runner; and the rewrite of
a store written per article (tests/data/seeds-per-article-layout.nq.gz, the seed facts loaded by
the loader before the entities graph) into that layout."""
from __future__ import annotations

import gzip
import re
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode

from thidua import iri, queries
from thidua.errors import ThiduaError
from thidua.graph_store import EmbeddedStore
from thidua.loaders.pipeline import ensure_vocabulary, load_paths
from thidua.queries.layout import DESCRIBED_CLASSES, has_entities_graph, move_descriptions
from thidua.vocab import PREFIXES

TD, SKOS, ORG = PREFIXES["td"], PREFIXES["skos"], PREFIXES["org"]
RDF_TYPE = PREFIXES["rdf"] + "type"
PER_ARTICLE = Path(__file__).resolve().parent / "data" / "seeds-per-article-layout.nq.gz"
SEED_PARAMS = {"bloc": "Khối thi đua Kinh tế ngành", "person": "Trương Minh Hiến", "q": "so",
               "recipient": "Sở Nội vụ", "award_type": "https://w3id.org/thidua/award-type/co-thi-dua",
               "year": "2017", "status_filter": "conferred"}


@pytest.fixture(scope="module")
def loaded(tmp_path_factory, seeds_facts):
    """The seed facts as the loader writes them (rewritten, if this loader still writes
    descriptions per article)."""
    store = EmbeddedStore(tmp_path_factory.mktemp("loaded") / "store")
    report = load_paths(store, [seeds_facts], progress=False)
    assert report.ok, report.failed
    if not has_entities_graph(store):
        move_descriptions(store)
    yield store
    store.close()


def _per_article_store(folder) -> EmbeddedStore:
    nquads = folder / "per-article.nq"
    nquads.write_bytes(gzip.decompress(PER_ARTICLE.read_bytes()))
    store = EmbeddedStore(folder / "store")
    store.bulk_load_file(nquads)
    ensure_vocabulary(store)      # the file leaves out the vocabulary graph, which the loader adds
    return store


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    store = _per_article_store(tmp_path_factory.mktemp("converted"))
    assert not has_entities_graph(store)
    move_descriptions(store)
    yield store
    store.close()


def _triples(store, graph=None) -> set[tuple]:
    return {(q.subject, q.predicate, q.object, q.graph_name) for q in store.quads(graph)
            if q.graph_name.value != iri.GRAPH + "vocabulary"}


# -- the rewrite into the entities graph ------------------------------------------------------

def test_rewrite_describes_every_entity_once_in_the_entities_graph(converted):
    entities = iri.ENTITIES_GRAPH
    typed = defaultdict(set)
    for s, p, o, g in _triples(converted):
        if p.value == RDF_TYPE and o.value in DESCRIBED_CLASSES:
            typed[s.value].add(g.value)
    assert typed and all(graphs == {entities} for graphs in typed.values())
    described = {s.value for s, _, _, g in _triples(converted) if g.value == entities}
    outside = [(s.value, g.value) for s, _, _, g in _triples(converted)
               if g.value != entities and s.value in described]
    assert outside == []
    pref = Counter(s.value for s, p, o, _ in _triples(converted)
                   if p.value == SKOS + "prefLabel" and o.language == "vi")
    people_units_blocs = [e for e in typed if e.startswith(tuple(f"{iri.ID}{k}/" for k in ("bloc", "unit", "person")))]
    assert people_units_blocs and all(pref[e] == 1 for e in people_units_blocs)


def test_rewrite_states_what_each_article_mentions(converted):
    mentions = {(g.value, o.value) for s, p, o, g in _triples(converted)
                if p.value == PREFIXES["schema"] + "mentions"}
    [row] = converted.select(f"SELECT ?e WHERE {{ ?e <{SKOS}prefLabel> ?name }}",
                             {"name": Literal("Trương Minh Hiến", language="vi")})
    hien = row["e"].value
    assert {g for g, e in mentions if e == hien} == {iri.graph("003_2f19b7e13258856b"),
                                                     iri.graph("004_3c2962dde7b5d0d4")}


def test_rewrite_gives_what_the_loader_writes(converted, loaded):
    def comparable(store):   # the content hash names the RDF layout, so it differs by design
        return {t for t in _triples(store) if t[1].value != TD + "contentHash"}
    assert comparable(converted) == comparable(loaded)


def test_rewrite_is_idempotent(tmp_path):
    store = _per_article_store(tmp_path)
    try:
        move_descriptions(store)
        once = _triples(store)
        move_descriptions(store)
        assert _triples(store) == once
    finally:
        store.close()


def test_articles_that_name_an_entity_differently_leave_one_preferred_name(store):
    unit, person = f"{iri.ID}unit/huyen-vinh-kim-x", f"{iri.ID}person/nguyen-quoc-thang-x"
    names = {"d1": ("Ủy ban nhân dân huyện Vĩnh Kim", "PeoplesCommittee", "Nguyễn Quốc Tháng"),
             "d2": ("huyện Vĩnh Kim", "AdministrativeArea", "Nguyễn Quốc Thắng")}
    for doc, (unit_name, unit_class, person_name) in names.items():
        triples = [(unit, RDF_TYPE, NamedNode(TD + unit_class)), (unit, SKOS + "prefLabel", Literal(unit_name, language="vi")),
                   (person, RDF_TYPE, NamedNode(TD + "Person")), (person, SKOS + "prefLabel", Literal(person_name, language="vi")),
                   (iri.article(doc), RDF_TYPE, NamedNode(TD + "Article"))]
        body = " ".join(f"{NamedNode(s)} {NamedNode(p)} {o} ." for s, p, o in triples)
        store.update(f"INSERT DATA {{ GRAPH {NamedNode(iri.graph(doc))} {{ {body} }} }}")
    move_descriptions(store)
    said = {(q.subject.value, q.predicate.value, q.object.value) for q in store.quads(iri.ENTITIES_GRAPH)}
    assert {(e, o) for e, p, o in said if p == SKOS + "prefLabel"} == {
        (unit, "huyện Vĩnh Kim"), (person, "Nguyễn Quốc Thắng")}
    assert {(e, o) for e, p, o in said if p == SKOS + "altLabel"} == {
        (unit, "Ủy ban nhân dân huyện Vĩnh Kim"), (person, "Nguyễn Quốc Tháng")}
    assert {(e, o) for e, p, o in said if p == RDF_TYPE} == {(unit, TD + "AdministrativeArea"), (person, TD + "Person")}
    assert {(e, o) for e, p, o in said if p == PREFIXES["rdfs"] + "label"} == set()


# -- every named query -------------------------------------------------------------------------

def _values(rows, variables) -> list[tuple]:
    return [tuple(r[v].value if v in r else None for v in variables) for r in rows]


@pytest.mark.parametrize("name", queries.names())
def test_a_rewritten_store_answers_as_a_loaded_one(name, converted, loaded):
    query = queries.get(name)
    params = {p.name: SEED_PARAMS[p.name] for p in query.params}
    variables, from_loader = queries.run(loaded, name, params)
    _, from_rewrite = queries.run(converted, name, params)
    assert from_loader, name
    assert sorted(_values(from_rewrite, variables), key=str) == sorted(_values(from_loader, variables), key=str)


def test_runner_sorts_rows_by_the_order_header(loaded):
    for name in ("network-edges", "node-labels"):
        query = queries.get(name)
        assert query.order and not re.search(r"^ORDER BY", query.text, re.MULTILINE)
        _, rows = queries.run(loaded, name)
        keys = [tuple(r[v].value if v in r else "" for v in query.order) for r in rows]
        assert keys == sorted(keys) and len(keys) > 10, name


def test_an_order_header_must_name_selected_variables():
    text = "# title: t\n# order: year nope\nSELECT ?year WHERE { ?s ?p ?year }"
    with pytest.raises(ThiduaError, match="nope"):
        queries.parse_query_file("t", text)
    assert queries.parse_query_file("t", text.replace(" nope", "")).order == ("year",)


# -- answers the stored facts imply ------------------------------------------------------------

def _facts(store) -> dict[str, dict[str, set]]:
    facts = defaultdict(lambda: defaultdict(set))
    for s, p, o, g in _triples(store):
        if g.value != iri.ENTITIES_GRAPH and s.value.startswith(iri.ID + "fact/"):
            facts[s.value][p.value].add(o)
    return facts


def _one(fact, predicate):
    values = fact.get(predicate)
    return next(iter(values)) if values else None


def test_network_edges_count_every_fact_once(loaded):
    expected = Counter()
    for node, fact in _facts(loaded).items():
        kinds = {t.value.removeprefix(TD) for t in fact[RDF_TYPE]}
        attested = _one(fact, TD + "attestedOn")
        year = attested.value[:4] if attested else ""
        if kinds & {"BlocMembership", "Position"}:
            relation = "member" if "BlocMembership" in kinds else "position"
            ends = (_one(fact, ORG + "member"), _one(fact, ORG + "organization"))
        elif "BlocLeadership" in kinds:
            relation = "head" if _one(fact, ORG + "role").value == TD + "headRole" else "deputy"
            ends, year = (_one(fact, ORG + "member"), _one(fact, ORG + "organization")), _one(fact, TD + "emulationYear").value
        elif "Award" in kinds:
            relation, ends = "award", (_one(fact, TD + "recipient"), _one(fact, TD + "awardType"))
            year = _one(fact, TD + "achievementYear").value if _one(fact, TD + "achievementYear") else ""
        else:
            continue
        if all(ends):
            expected[(ends[0].value, ends[1].value, relation, year)] += 1
    _, rows = queries.run(loaded, "network-edges")
    got = {(r["source"].value, r["target"].value, r["relation"].value, r["year"].value): int(r["weight"].value)
           for r in rows}
    assert len(got) == len(rows) and got == dict(expected)
    assert {relation for _, _, relation, _ in got} == {"member", "head", "deputy", "award", "position"}


def test_awards_by_year_counts_one_award_per_recipient_type_and_year(loaded):
    awards = defaultdict(set)
    for fact in _facts(loaded).values():
        if TD + "status" in fact and TD + "recipient" in fact:
            year = _one(fact, TD + "achievementYear")
            status = "conferred" if _one(fact, TD + "status").value == TD + "Conferred" else "proposed"
            award_type = _one(fact, TD + "awardType")
            what = award_type or _one(fact, TD + "awardLabel")
            key = (year.value if year else "", award_type.value if award_type else None, status)
            awards[key].add((_one(fact, TD + "recipient").value, what.value))
    _, rows = queries.run(loaded, "awards-by-year")
    got = {(r["year"].value, r["awardType"].value if "awardType" in r else None, r["status"].value):
           int(r["awards"].value) for r in rows}
    assert got == {key: len(found) for key, found in awards.items()}
    assert all(r["awardTypeLabel"].value for r in rows if "awardType" in r)
    _, conferred = queries.run(loaded, "awards-by-year", {"status_filter": "conferred"})
    assert {r["status"].value for r in conferred} == {"conferred"}


def test_node_labels_give_each_node_once_with_its_vietnamese_label(loaded):
    _, rows = queries.run(loaded, "node-labels")
    nodes = Counter(r["node"].value for r in rows)
    assert nodes and max(nodes.values()) == 1
    labels = {r["node"].value: (r["nodeLabel"].value, r["kind"].value) for r in rows}
    assert labels[iri.award_type("giay-khen")] == ("Giấy khen", SKOS + "Concept")
    hien = [node for node, (label, _) in labels.items() if label == "Trương Minh Hiến"]
    assert len(hien) == 1 and labels[hien[0]][1] == TD + "Person"


def test_search_gives_one_row_per_entity(loaded):
    _, rows = queries.run(loaded, "search", {"q": "so"})
    entities = [r["entity"].value for r in rows]
    assert len(entities) == len(set(entities)) > 5
    assert all(r["class"].value.startswith(TD) for r in rows)
    names = [r["name"].value for r in rows]
    assert names == sorted(names)


def test_award_history_of_a_type_includes_the_types_below_it(loaded):
    _, rows = queries.run(loaded, "award-history", {"award_type": iri.award_type("co-thi-dua")})
    assert {(r["year"].value, r["recipientLabel"].value, r["awardType"].value) for r in rows} == {
        ("2016", "Sở Nội vụ thành phố Hải Phòng", iri.award_type("co-thi-dua-cua-ubnd-tinh")),
        ("2018", "Cục Hải quan Hải Phòng", iri.award_type("co-thi-dua-cua-ubnd-tinh"))}


def test_names_are_found_in_any_label_form(loaded):
    award_type = queries.get("award-history").param("award_type")
    by_vietnamese = queries.to_term(loaded, award_type, "Cờ thi đua của Ủy ban nhân dân tỉnh")
    by_english = queries.to_term(loaded, award_type, "Provincial People's Committee Emulation Flag")
    assert by_vietnamese == by_english == NamedNode(iri.award_type("co-thi-dua-cua-ubnd-tinh"))
    person = queries.get("person-timeline").param("person")
    assert queries.to_term(loaded, person, "Trương Minh Hiến") == queries.to_term(loaded, person, "truong minh hien")
    with pytest.raises(ThiduaError, match="no person named"):
        queries.to_term(loaded, person, 'x" } ; DROP ALL ; SELECT * { "')
