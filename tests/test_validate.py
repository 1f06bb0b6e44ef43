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
