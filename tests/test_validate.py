"""thidua validate: the loaded sample conforms to shapes.ttl; a broken award fails, and the
report names the graph, the node and the shape."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pyoxigraph import RdfFormat, parse

from thidua.graph_store import EmbeddedStore
from thidua.ontology.validate import Report, Violation, validate_store

DATA = Path(__file__).resolve().parent / "data" / "validate"
FACT = "https://w3id.org/thidua/id/fact/"
BROKEN_GRAPH = "https://w3id.org/thidua/graph/broken"
TD_PREFIX = "PREFIX td: <https://w3id.org/thidua/ontology#>\nPREFIX org: <http://www.w3.org/ns/org#>\n"


def thidua(*args: str) -> subprocess.CompletedProcess:
    """The real command line, as a user runs it (exit codes and streams included)."""
    return subprocess.run([sys.executable, "-m", "thidua.cli", "-q", *args],
                          capture_output=True, text=True, timeout=300)


def thidua_in_process(*args: str):
    """The same command through click's runner: faster, for checks that need no real exit."""
    from click.testing import CliRunner
    from thidua.cli import cli
    return CliRunner().invoke(cli, ["-q", *args])


def load_trig(store, *names: str) -> None:
    for name in names:
        store.bulk_add(parse(path=str(DATA / f"{name}.trig"), format=RdfFormat.TRIG))


@pytest.fixture(scope="module")
def loaded_sample(tmp_path_factory, seeds_facts) -> Path:
    """The seed facts loaded by `thidua load` into an on-disk store (shared, never modified)."""
    location = tmp_path_factory.mktemp("sample") / "store"
    result = thidua("load", str(seeds_facts), "--store", str(location))
    assert result.returncode == 0, result.stderr
    return location


@pytest.fixture
def sample_copy(loaded_sample, tmp_path) -> Path:
    location = tmp_path / "store"
    shutil.copytree(loaded_sample, location)
    return location


def _break(location: Path, update: str) -> None:
    store = EmbeddedStore(location)
    try:
        store.update(TD_PREFIX + update)
    finally:
        store.close()


def test_the_hand_made_article_graph_conforms(store):
    load_trig(store, "valid")
    report = validate_store(store)
    assert report.conforms, report.text()
    assert report.graphs_checked == 1


def test_each_broken_fact_is_named_with_the_shape_it_breaks(store):
    load_trig(store, "valid", "broken")
    report = validate_store(store)
    assert not report.conforms
    found = {(v.node.removeprefix(FACT), v.shape) for v in report.violations}
    assert found == {
        ("broken/no-recipient", "tdsh:Award-recipient"),
        ("broken/bad-status", "tdsh:Award-status"),
        ("broken/bad-status", "tdsh:Award-awardType"),
        ("broken/member-as-head", "tdsh:BlocLeadership-role"),
    }
    assert {v.graph for v in report.violations} == {BROKEN_GRAPH}
    line = next(v.line() for v in report.violations if v.node.endswith("no-recipient"))
    assert line == (f"graph <{BROKEN_GRAPH}>: node <{FACT}broken/no-recipient> "
                    "(Bằng khen không người nhận) violates tdsh:Award-recipient: "
                    "an award has exactly one td:recipient, a td:Unit or a td:Person")
    status = next(v for v in report.violations if v.shape == "tdsh:Award-status")
    assert status.value == "td:Rumoured" and status.label == "Cờ thi đua"
    assert report.summary() == "2 graphs checked, 4 violations in 1 graph"


def test_only_the_graphs_asked_for_are_checked(store):
    load_trig(store, "valid", "broken")
    valid = "https://w3id.org/thidua/graph/hand-made"
    assert validate_store(store, [valid]).conforms
    report = validate_store(store, [valid, "https://w3id.org/thidua/graph/none"])
    assert report.graphs_checked == 1
    assert report.problems == [f"graph <https://w3id.org/thidua/graph/none>: not in the store {store.location}"]
    assert not report.conforms


def test_a_graph_that_cannot_be_checked_does_not_stop_the_others(store):
    """An RDF 1.2 triple term cannot enter rdflib: that graph is reported, the rest checked."""
    from pyoxigraph import NamedNode, Quad, Triple
    load_trig(store, "valid", "broken")
    term = Triple(NamedNode("https://example.org/a"), NamedNode("https://example.org/b"),
                  NamedNode("https://example.org/c"))
    odd = "https://w3id.org/thidua/graph/odd"
    store.bulk_add([Quad(NamedNode("https://example.org/x"), NamedNode("https://example.org/says"),
                         term, NamedNode(odd))])
    report = validate_store(store)
    assert report.graphs_checked == 2
    assert len(report.violations) == 4
    assert report.problems == [f"graph <{odd}>: not checked: unsupported RDF term {term} "
                               "(RDF 1.2 triple terms are not validated)"]


def test_a_subclass_of_unit_satisfies_sh_class_unit(store):
    """td:Agency is a td:Unit only through rdfs:subClassOf in thidua.ttl: the vocabulary must
    travel with every graph."""
    load_trig(store, "valid")
    store.update(TD_PREFIX + "DELETE WHERE { GRAPH ?g { ?u a td:Agency } }")
    report = validate_store(store)
    shapes = {v.shape for v in report.violations}
    assert {"tdsh:Membership-member", "tdsh:Award-recipient"} <= shapes


def test_the_loaded_sample_passes_on_the_command_line(loaded_sample):
    result = thidua("validate", "--store", str(loaded_sample))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""
    assert "0 violations" in result.stderr and "conforms" in result.stderr


def _awards(location: Path) -> set[str]:
    store = EmbeddedStore(location)
    try:
        return {row["a"].value for row in store.select(TD_PREFIX + "SELECT ?a WHERE { ?a a td:Award }")}
    finally:
        store.close()


def test_an_award_with_no_recipient_fails_naming_each_node_and_the_shape(sample_copy):
    awards = _awards(sample_copy)
    assert awards
    _break(sample_copy, "DELETE { GRAPH ?g { ?a td:recipient ?r } } "
                        "WHERE { GRAPH ?g { ?a a td:Award ; td:recipient ?r } }")
    result = thidua("validate", "--store", str(sample_copy))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) == len(awards)
    assert all("violates tdsh:Award-recipient: an award has exactly one td:recipient" in line
               for line in lines)
    assert {line.split("node <")[1].split(">")[0] for line in lines} == awards
    assert result.stderr.startswith("Error: ") and f"{len(awards)} violations" in result.stderr


def test_an_award_status_outside_conferred_and_proposed_fails(sample_copy):
    awards = _awards(sample_copy)
    _break(sample_copy, "DELETE { GRAPH ?g { ?a td:status ?s } } INSERT { GRAPH ?g { ?a td:status td:Rumoured } } "
                        "WHERE { GRAPH ?g { ?a a td:Award ; td:status ?s } }")
    result = thidua_in_process("validate", "--store", str(sample_copy))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert len(lines) == len(awards)
    assert all("violates tdsh:Award-status:" in line and line.endswith("[value: td:Rumoured]")
               for line in lines)


def test_one_graph_on_the_command_line(sample_copy):
    store = EmbeddedStore(sample_copy)
    try:
        graph = next(g for g in store.graphs() if not g.endswith("/vocabulary"))
    finally:
        store.close()
    result = thidua_in_process("validate", "--store", str(sample_copy), "--graph", graph)
    assert result.exit_code == 0, result.output
    assert "1 graph checked" in result.stderr
    result = thidua_in_process("validate", "--store", str(sample_copy), "--graph", graph + "-none")
    assert result.exit_code == 1
    assert result.stdout.strip() == f"graph <{graph}-none>: not in the store {sample_copy}"


def test_report_lines_and_summary():
    report = Report(graphs_checked=3, violations=[
        Violation("g1", "n1", "Sở Du lịch", "tdsh:UnitShape", "bad"),
        Violation("g1", "n2", None, "tdsh:Award-status", "worse", value="td:X")])
    assert report.lines() == ["graph <g1>: node <n1> (Sở Du lịch) violates tdsh:UnitShape: bad",
                              "graph <g1>: node <n2> violates tdsh:Award-status: worse [value: td:X]"]
    assert report.summary() == "3 graphs checked, 2 violations in 1 graph"


def test_worker_processes_give_the_same_report(store):
    load_trig(store, "valid", "broken")
    serial = validate_store(store)
    parallel = validate_store(store, jobs=2)
    assert parallel.lines() == serial.lines()
    assert parallel.summary() == serial.summary()


def test_an_entity_labelled_differently_by_two_graphs_is_reported(store):
    """Each graph is valid alone; only the store as a whole shows one unit with two names."""
    load_trig(store, "valid")
    store.update("""PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        PREFIX td: <https://w3id.org/thidua/ontology#>
        INSERT DATA { GRAPH <https://w3id.org/thidua/graph/other> {
            <https://w3id.org/thidua/id/unit/so-du-lich-1> a td:Agency ;
                skos:prefLabel "Sở Du lịch thành phố"@vi } }""")
    report = validate_store(store)
    assert [v.line() for v in report.violations] == [
        "graph <https://w3id.org/thidua/graph/hand-made>: node "
        "<https://w3id.org/thidua/id/unit/so-du-lich-1> violates tdsh:Named-prefLabel: "
        "2 different skos:prefLabel@vi across graphs <https://w3id.org/thidua/graph/hand-made> "
        "<https://w3id.org/thidua/graph/other>: Sở Du lịch | Sở Du lịch thành phố"]
    # Checking chosen graphs checks those graphs only.
    assert validate_store(store, ["https://w3id.org/thidua/graph/other"]).conforms


@pytest.mark.server
def test_a_real_oxigraph_server_gives_the_same_report(remote_store, store):
    """thidua validate --endpoint: the same graphs on a SPARQL server, the same lines."""
    load_trig(store, "valid", "broken")
    load_trig(remote_store, "valid", "broken")
    assert validate_store(remote_store).lines() == validate_store(store).lines()
    result = thidua_in_process("validate", "--endpoint", remote_store.location)
    assert result.exit_code == 1
    assert "violates tdsh:Award-recipient" in result.stdout


# -- batches, the entities graph, engines --------------------------------------------------------

ENTITIES = "https://w3id.org/thidua/graph/entities"
GRAPH = "https://w3id.org/thidua/graph/"
ENGINES = ["shacl-rust", "pyshacl"]


def load_copies(store, name: str, count: int) -> list[str]:
    """`count` articles made from one TriG file: its article graph under new names
    (a-00, a-01 …), its other graphs (the entities graph) once."""
    from pyoxigraph import NamedNode, Quad
    quads = list(parse(path=str(DATA / f"{name}.trig"), format=RdfFormat.TRIG))
    article = [q for q in quads if q.graph_name.value == GRAPH + "hand-made"]
    store.bulk_add(q for q in quads if q.graph_name.value != GRAPH + "hand-made")

    def renamed(term, doc):
        if isinstance(term, NamedNode) and "hand-made" in term.value:
            return NamedNode(term.value.replace("hand-made", doc))
        return term
    docs = [f"a-{i:02}" for i in range(count)]
    store.bulk_add(Quad(renamed(q.subject, doc), q.predicate, renamed(q.object, doc),
                        NamedNode(GRAPH + doc)) for doc in docs for q in article)
    return [GRAPH + doc for doc in docs]


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("layout", ["valid", "entities"])
def test_a_violation_in_a_batch_names_its_own_graph_and_node(store, layout, engine):
    """25 graphs in batches of 10: the one broken award is reported in its graph only."""
    graphs = load_copies(store, layout, 25)
    store.update(TD_PREFIX + f"DELETE WHERE {{ GRAPH <{GRAPH}a-13> {{ ?a td:recipient ?r }} }}")
    report = validate_store(store, batch_graphs=10, engine=engine)
    assert [(v.graph, v.node, v.shape) for v in report.violations] == [
        (GRAPH + "a-13", FACT + "a-13/award", "tdsh:Award-recipient")]
    assert report.violations[0].label == "Cờ thi đua xuất sắc – Cục Hải quan Hải Phòng"
    assert report.graphs_checked == len(graphs) + (layout == "entities")  # + the entities graph


@pytest.mark.parametrize("engine", ENGINES)
def test_the_entities_layout_conforms(store, engine):
    load_trig(store, "entities")
    report = validate_store(store, engine=engine)
    assert report.conforms, report.text()
    assert report.summary() == "2 graphs checked, 0 violations"


@pytest.mark.parametrize("engine", ENGINES)
def test_a_recipient_without_a_description_in_the_entities_graph_is_caught(store, engine):
    """An article graph no longer says its recipient is a td:Unit: the entities graph must."""
    load_trig(store, "entities")
    store.update(f"DELETE WHERE {{ GRAPH <{ENTITIES}> {{ <https://w3id.org/thidua/id/unit/cuc-hai-quan-1> ?p ?o }} }}")
    for report in (validate_store(store, engine=engine),
                   validate_store(store, [GRAPH + "hand-made"], engine=engine)):
        assert [v.line() for v in report.violations] == [
            f"graph <{GRAPH}hand-made>: node <{FACT}hand-made/award> (Cờ thi đua xuất sắc – Cục Hải "
            "quan Hải Phòng) violates tdsh:Award-recipient: an award has exactly one td:recipient, "
            "a td:Unit or a td:Person [value: id:unit/cuc-hai-quan-1]"]


@pytest.mark.parametrize("engine", ENGINES)
def test_two_preferred_labels_in_the_entities_graph_break_unique_lang_there(store, engine):
    """With one description per entity, "one prefLabel per language" is an ordinary check of
    the entities graph; the old store-wide query is not needed (nor run)."""
    load_trig(store, "entities")
    store.update(f"""PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        INSERT DATA {{ GRAPH <{ENTITIES}> {{
            <https://w3id.org/thidua/id/unit/so-du-lich-1> skos:prefLabel "Sở Du lịch thành phố"@vi }} }}""")
    report = validate_store(store, engine=engine)
    assert [(v.graph, v.node.rsplit("/", 1)[1], v.shape) for v in report.violations] == [
        (ENTITIES, "so-du-lich-1", "tdsh:Named-prefLabel")]
    assert "across graphs" not in report.violations[0].message
    assert report.summary() == "2 graphs checked, 1 violation in 1 graph"


def test_chosen_graphs_check_the_entities_they_point_to_and_no_others(store):
    load_trig(store, "entities")
    store.update(f"""PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        PREFIX td: <https://w3id.org/thidua/ontology#>
        DELETE DATA {{ GRAPH <{ENTITIES}> {{
            <https://w3id.org/thidua/id/person/nguyen-van-a-1> skos:prefLabel "Nguyễn Văn A"@vi }} }} ;
        INSERT DATA {{ GRAPH <{ENTITIES}> {{ <https://w3id.org/thidua/id/unit/nobody> a td:Agency }} }}""")
    chosen = validate_store(store, [GRAPH + "hand-made"])
    assert [(v.graph, v.node.rsplit("/", 1)[1]) for v in chosen.violations] == [(ENTITIES, "nguyen-van-a-1")]
    assert chosen.summary() == "1 graph checked, 1 violation in 1 graph"
    whole = validate_store(store)
    assert sorted(v.node.rsplit("/", 1)[1] for v in whole.violations) == ["nguyen-van-a-1", "nobody"]


def test_a_batch_with_one_unreadable_graph_still_checks_the_others(store):
    """The graph with an RDF 1.2 triple term sits between the two broken copies, in one batch."""
    from pyoxigraph import NamedNode, Quad, Triple
    graphs = load_copies(store, "entities", 3)
    odd = GRAPH + "a-01"
    store.update(f"DROP GRAPH <{odd}>")
    term = Triple(NamedNode("https://example.org/a"), NamedNode("https://example.org/b"),
                  NamedNode("https://example.org/c"))
    store.bulk_add([Quad(NamedNode("https://example.org/x"), NamedNode("https://example.org/says"),
                         term, NamedNode(odd))])
    store.update(TD_PREFIX + "DELETE WHERE { GRAPH ?g { ?a td:status ?s } }")
    report = validate_store(store, batch_graphs=10)
    assert [(v.graph, v.shape) for v in report.violations] == [
        (graphs[0], "tdsh:Award-status"), (graphs[2], "tdsh:Award-status")]
    assert report.problems == [f"graph <{odd}>: not checked: unsupported RDF term {term} "
                               "(RDF 1.2 triple terms are not validated)"]


@pytest.mark.parametrize("engine", ENGINES)
def test_when_the_engine_fails_on_a_batch_each_graph_is_checked_alone(engine):
    """Bytes no store would write (an unterminated line) make the engine refuse the whole
    batch; the graphs around them are still checked, and the bad one is named."""
    from thidua.ontology.shacl_batch import Batch, Part, check_batch
    from thidua.ontology.validate import _nquads
    quads = list(parse(path=str(DATA / "broken.trig"), format=RdfFormat.TRIG))
    good = Part(BROKEN_GRAPH, _nquads(quads))
    bad = Part(GRAPH + "garbage", b'<https://example.org/x> <https://example.org/p> "no end\n')
    outcomes = check_batch(Batch((good, bad, Part(GRAPH + "again", good.nquads)), engine=engine))
    assert [o.graph for o in outcomes] == [BROKEN_GRAPH, GRAPH + "garbage", GRAPH + "again"]
    assert len(outcomes[0].violations) == 4 and outcomes[0].problem is None
    assert outcomes[1].problem.startswith(f"graph <{GRAPH}garbage>: not checked: ")
    assert len(outcomes[2].violations) == 4  # checked alone, it reports its own


@pytest.mark.parametrize("layout", ["valid", "entities"])
def test_both_engines_give_the_same_report(store, layout):
    """pyshacl is the reference (the default); shacl-rust, the fast option, must say exactly the same."""
    load_copies(store, layout, 5)
    load_trig(store, "broken")
    store.update(TD_PREFIX + f"""PREFIX oa: <http://www.w3.org/ns/oa#>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        DELETE WHERE {{ GRAPH <{GRAPH}a-01> {{ ?e oa:start ?s }} }} ;
        INSERT DATA {{ GRAPH <{GRAPH}a-02> {{
            <{FACT}a-02/event/evidence> oa:start 99 ; oa:exact "again"@vi .
            <{FACT}a-02/head> td:emulationYear "năm 2019" ; td:year <https://w3id.org/thidua/id/year/1999> .
            <{FACT}a-02/award> td:achievementYear "x"^^<http://www.w3.org/2001/XMLSchema#gYear> .
            <{FACT}a-02/position> org:role td:headRole . }} }} ;
        DELETE WHERE {{ GRAPH ?g {{ <https://w3id.org/thidua/id/year/2018> ?p ?o }} }}""")
    reference = validate_store(store, engine="pyshacl", batch_graphs=3)
    fast = validate_store(store, engine="shacl-rust", batch_graphs=3)
    assert fast.lines() == reference.lines()
    assert len(reference.violations) >= 10, reference.text()


@pytest.mark.parametrize("layout", ["valid", "entities"])
def test_worker_processes_read_and_check_as_this_process_does(store, layout):
    load_copies(store, layout, 12)
    store.update(TD_PREFIX + f"DELETE WHERE {{ GRAPH <{GRAPH}a-07> {{ ?a org:role ?r }} }}")
    serial = validate_store(store, batch_graphs=4)
    parallel = validate_store(store, batch_graphs=4, jobs=2)
    assert parallel.lines() == serial.lines()
    assert [v.node.rsplit("/", 1)[1] for v in serial.violations] == ["head", "member", "member", "position"]
    assert parallel.summary() == serial.summary()


def test_the_engine_can_be_chosen_on_the_command_line(sample_copy):
    result = thidua_in_process("validate", "--store", str(sample_copy), "--engine", "pyshacl")
    assert result.exit_code == 0, result.output
    result = thidua_in_process("validate", "--store", str(sample_copy), "--engine", "jena")
    assert result.exit_code == 2 and "jena" in result.output


@pytest.mark.server
def test_a_real_oxigraph_server_in_the_entities_layout(remote_store, store):
    load_trig(store, "entities")
    load_trig(remote_store, "entities")
    for s in (store, remote_store):
        s.update(f"DELETE WHERE {{ GRAPH <{ENTITIES}> {{ <https://w3id.org/thidua/id/unit/cuc-hai-quan-1> ?p ?o }} }}")
    expected = validate_store(store).lines()
    assert len(expected) == 1
    assert validate_store(remote_store).lines() == expected
    assert validate_store(remote_store, jobs=2).lines() == expected
