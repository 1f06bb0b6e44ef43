"""Materialised summaries (queries/summary.py, queries/summaries/*.ru): after every load, changed
load and prune, on the embedded store and through a real Oxigraph server, the awards-by-year
query reading the summary graph answers exactly what the aggregate over the facts answers (the
query as it was before summaries, kept below); a store without the summary says so."""
from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner
from pyoxigraph import Literal, NamedNode

from thidua import iri, queries
from thidua.cli import cli
from thidua.graph_store import EmbeddedStore
from thidua.loaders.pipeline import load_paths
from thidua.ontology.validate import validate_store
from thidua.queries import summary
from thidua.vocab import sparql_prefixes

# awards-by-year before summaries: the aggregate over every award, computed at each query. One
# change: its label join (at the end) was `OPTIONAL { SELECT ?awardType ... }`, which gave a row
# of no known type (unbound ?awardType) one copy per award type, with that type's label; here,
# as in the summary query, it only labels rows that have a type. ORIGINAL_LABEL_JOIN below.
LIVE_AWARDS_BY_YEAR = """PREFIX td: <https://w3id.org/thidua/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>

# Every award is read, so each of its properties is read in one pass (a subquery) and the passes
# are hash-joined on ?a (a lookup per award and property is ~5x slower at 1M quads). Awards are
# counted on the stored terms, and only the grouped rows become strings and get labels.
SELECT ?year ?awardType ?awardTypeLabel ?status ?awards
WHERE {
  {
    SELECT ?achievementYear ?awardType ?statusNode (COUNT(*) AS ?awards) WHERE {
      {
        # One award is one recipient, type (else the words written) and year, however many
        # articles report it.
        SELECT DISTINCT ?achievementYear ?awardType ?statusNode ?recipient ?what WHERE {
          { SELECT ?a ?statusNode WHERE { ?a td:status ?statusNode } }
          { SELECT ?a ?recipient WHERE { ?a td:recipient ?recipient } }
          OPTIONAL { SELECT ?a ?awardType WHERE { ?a td:awardType ?awardType } }
          OPTIONAL { SELECT ?a ?achievementYear WHERE { ?a td:achievementYear ?achievementYear } }
          OPTIONAL { SELECT ?a ?written WHERE { ?a td:awardLabel ?written } }
          BIND(COALESCE(?awardType, ?written) AS ?what)
        }
      }
    }
    GROUP BY ?achievementYear ?awardType ?statusNode
  }
  BIND(COALESCE(STR(?achievementYear), "") AS ?year)
  BIND(IF(?statusNode = td:Conferred, "conferred", "proposed") AS ?status)
  FILTER(!BOUND(?status_filter) || ?status = STR(?status_filter))
  OPTIONAL {
    { SELECT ?labelled (MIN(STR(?typeName)) AS ?awardTypeLabel) WHERE {
        ?labelled a skos:Concept ; skos:prefLabel ?typeName .
        FILTER(LANG(?typeName) = "vi")
      }
      GROUP BY ?labelled }
    FILTER(?labelled = ?awardType)
  }
}
ORDER BY ?year ?awardTypeLabel ?status
"""
ORIGINAL_LABEL_JOIN = """  OPTIONAL {
    SELECT ?awardType (MIN(STR(?typeName)) AS ?awardTypeLabel) WHERE {
      ?awardType a skos:Concept ; skos:prefLabel ?typeName .
      FILTER(LANG(?typeName) = "vi")
    }
    GROUP BY ?awardType
  }"""
GRAPH = iri.summary_graph("awards-by-year")


def live(store, params=None) -> list[dict]:
    bindings = {k: Literal(v) for k, v in (params or {}).items()}
    return store.select(LIVE_AWARDS_BY_YEAR, bindings)


def _key(row) -> tuple:
    return tuple(row[v].value if v in row else "" for v in ("year", "awardTypeLabel", "status"))


def _terms(rows) -> list[tuple]:
    return sorted(tuple(sorted((k, str(v)) for k, v in r.items())) for r in rows)


def assert_summary_is_live(store) -> list[dict]:
    """Same rows (same terms), in the same order, with and without the filter; the rows. The
    old ORDER BY left rows of equal year, label and status in the engine's order; the new one
    sorts those by award type too."""
    for params in ({}, {"status_filter": "conferred"}, {"status_filter": "proposed"}):
        _, rows = queries.run(store, "awards-by-year", params)
        expected = live(store, params)
        assert _terms(rows) == _terms(expected), params
        assert [_key(r) for r in rows] == [_key(r) for r in expected], params
        assert rows == sorted(rows, key=lambda r: (_key(r), r["awardType"].value if "awardType" in r else ""))
    return live(store)


def facts_lines(seeds_facts) -> list[dict]:
    return [json.loads(line) for line in seeds_facts.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def write_facts(path, facts) -> None:
    path.write_text("".join(json.dumps(f, ensure_ascii=False) + "\n" for f in facts), encoding="utf-8")


def changed(facts: list[dict]) -> list[dict]:
    """Doc 000's awards moved to 2016, one of them proposed, plus an award of no known type and
    one with no year (the rows keyed no-type and no-year)."""
    out = []
    for f in facts:
        f = dict(f)
        if f["doc"] == "000_1c16179c51bb800b" and f.get("type") == "award":
            f["year"] = 2016
        out.append(f)
    awards = [f for f in out if f["doc"] == "000_1c16179c51bb800b" and f.get("type") == "award"]
    awards[0]["status"] = "proposed"
    extra = dict(awards[1], award="Lẵng hoa tươi thắm", recipient="Cục Thuế Hải Phòng")
    no_year = {k: v for k, v in awards[2].items() if k != "year"}
    return out + [extra, no_year]


@pytest.fixture
def facts(tmp_path, seeds_facts):
    path = tmp_path / "facts" / "seeds.jsonl"
    path.parent.mkdir()
    write_facts(path, facts_lines(seeds_facts))
    return path


def test_after_a_load_the_summary_answers_as_the_aggregate(store, facts):
    assert load_paths(store, [facts], progress=False).ok
    rows = assert_summary_is_live(store)
    assert len(rows) > 3 and "conferred" in {r["status"].value for r in rows}
    assert summary.rows(store, "awards-by-year") == len(rows)


def test_reloading_a_changed_article_refreshes_the_summary(store, facts):
    load_paths(store, [facts], progress=False)
    before = live(store)
    write_facts(facts, changed(facts_lines(facts)))
    report = load_paths(store, [facts], progress=False)
    assert report.ok and report.loaded == ["000_1c16179c51bb800b"]
    after = assert_summary_is_live(store)
    assert after != before
    keys = {(r["year"].value, r.get("awardType"), r["status"].value) for r in after}
    assert ("", None, "conferred") not in keys            # the no-year award has a type
    assert any(year == "" for year, _, _ in keys) and any(t is None for _, t, _ in keys)
    assert any(year == "2016" and status == "proposed" for year, _, status in keys)
    subjects = {q.subject.value for q in store.quads(GRAPH)}
    assert any(s.endswith("/conferred/no-type") for s in subjects)
    assert any("/awards-by-year/no-year/" in s for s in subjects)
    assert any(re.search(r"/awards-by-year/2016/proposed/award-type/[a-z0-9-]+\Z", s) for s in subjects)


def test_prune_refreshes_the_summary(store, facts):
    load_paths(store, [facts], progress=False)
    before = live(store)
    kept = [f for f in facts_lines(facts) if f["doc"] == "003_2f19b7e13258856b"]
    write_facts(facts, kept)
    report = load_paths(store, [facts], prune=True, progress=False)
    assert len(report.removed) == 4
    after = assert_summary_is_live(store)
    assert after != before and sum(int(r["awards"].value) for r in after) < \
        sum(int(r["awards"].value) for r in before)


def test_a_refresh_replaces_stale_rows_and_writes_the_same_triples(store, facts):
    load_paths(store, [facts], progress=False)
    fresh = sorted(map(str, store.quads(GRAPH)))
    store.update(f"INSERT DATA {{ GRAPH {NamedNode(GRAPH)} {{ <{iri.summary('awards-by-year')}/x> "
                 f"a <http://purl.org/linked-data/cube#Observation> }} }}")
    summary.refresh(store)
    assert sorted(map(str, store.quads(GRAPH))) == fresh


def test_the_summary_graph_conforms_to_the_shapes_and_a_bad_row_does_not(store, facts):
    load_paths(store, [facts], progress=False)
    report = validate_store(store, graphs=[GRAPH])
    assert report.graphs_checked == 1 and report.conforms, report.text()
    row = next(q.subject for q in store.quads(GRAPH)
               if q.predicate.value == iri.ONTOLOGY + "awardCount")
    store.update(sparql_prefixes(["td"]) + f"""
        DELETE {{ GRAPH {NamedNode(GRAPH)} {{ {row} td:awardCount ?n }} }}
        INSERT {{ GRAPH {NamedNode(GRAPH)} {{ {row} td:awardCount 0 ; td:countStatus td:Rumoured }} }}
        WHERE {{ GRAPH {NamedNode(GRAPH)} {{ {row} td:awardCount ?n }} }}""")
    shapes = {v.shape for v in validate_store(store, graphs=[GRAPH]).violations}
    assert shapes == {"tdsh:Observation-awardCount", "tdsh:Observation-countStatus"}


def test_a_store_without_the_summary_says_so_and_summaries_restores_it(tmp_path, facts):
    path = tmp_path / "store"
    store = EmbeddedStore(path)
    load_paths(store, [facts], progress=False)
    expected = live(store)
    store.remove_graph(GRAPH)              # as a store written before summaries
    with pytest.raises(summary.SummaryMissing, match="thidua summaries"):
        queries.run(store, "awards-by-year")
    store.close()
    result = CliRunner().invoke(cli, ["stats", "--store", str(path)])
    assert re.search(r"summary awards-by-year\s+missing: run `thidua summaries`", result.output)
    result = CliRunner().invoke(cli, ["query", "awards-by-year", "--store", str(path)])
    assert result.exit_code != 0 and "thidua summaries" in str(result.exception)
    result = CliRunner().invoke(cli, ["summaries", "--store", str(path)])
    assert result.exit_code == 0, result.output
    assert f"awards-by-year: {len(expected)} rows" in result.output
    store = EmbeddedStore(path)
    try:
        assert assert_summary_is_live(store) == expected
    finally:
        store.close()
    result = CliRunner().invoke(cli, ["summaries", "--list", "--store", str(path)])
    assert result.output == f"awards-by-year\t{len(expected)} rows\n"
    result = CliRunner().invoke(cli, ["summaries", "nope", "--store", str(path)])
    assert result.exit_code != 0 and "no summary named 'nope'" in str(result.exception)


def test_a_summary_of_no_awards_is_an_answer_not_an_error(store):
    summary.refresh(store)
    assert summary.rows(store, "awards-by-year") == 0
    assert queries.run(store, "awards-by-year") == (queries.result_variables(
        queries.get("awards-by-year").text), [])


def test_every_summary_names_its_graph_and_data_set_as_iri_mints_them():
    for name in summary.names():
        text = summary.update_text(name)
        assert f"DROP SILENT GRAPH <{iri.summary_graph(name)}>" in text
        assert f"<{iri.summary(name)}> a qb:DataSet" in text
    used = {q.summary for q in map(queries.get, queries.names()) if q.summary}
    assert used and used <= set(summary.names())
    for name in used:
        assert iri.summary_graph(name) in queries.get(name).text


@pytest.mark.server
def test_through_a_real_oxigraph_server_the_summary_answers_as_the_aggregate(remote_store, store, facts):
    for backend in (store, remote_store):
        assert load_paths(backend, [facts], progress=False).ok
    rows = assert_summary_is_live(remote_store)
    assert rows == live(store)
    assert sorted(map(str, remote_store.quads(GRAPH))) == sorted(map(str, store.quads(GRAPH)))
    write_facts(facts, [f for f in changed(facts_lines(facts)) if f["doc"] != "004_3c2962dde7b5d0d4"])
    assert load_paths(remote_store, [facts], prune=True, progress=False).removed
    after = assert_summary_is_live(remote_store)
    assert after != rows
