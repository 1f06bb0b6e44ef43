"""The award-type scheme: generated from its TSV, complete, and matching news wording
the way the scorer's award classes expect."""
from __future__ import annotations

import importlib.util
import json
from collections import defaultdict
from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import RDF, SKOS

from thidua import iri
from thidua.ontology import AWARD_FACETS_FILE, AWARD_TYPES_FILE, path
from thidua.ontology.award_types import (LEVEL_HINTS, award_concepts, award_type_rows,
                                         match_award_type, read_tsv)
from thidua.ontology.build_award_types import main as build_main
from thidua.ontology.build_award_types import render

DATA = Path(__file__).resolve().parent / "data"
TD = rdflib.Namespace("https://w3id.org/thidua/ontology#")
SCHEME = rdflib.URIRef(iri.award_scheme())


@pytest.fixture(scope="module")
def scheme() -> rdflib.Graph:
    return rdflib.Graph().parse(path(AWARD_TYPES_FILE), format="turtle")


@pytest.fixture(scope="module")
def facets() -> rdflib.Graph:
    return rdflib.Graph().parse(path(AWARD_FACETS_FILE), format="turtle")


def test_the_committed_ttl_files_are_what_the_tsv_generates():
    for name, text in render().items():
        assert path(name).read_text(encoding="utf-8") == text, (
            f"{name} is stale: run python ontology/build_award_types.py")


def test_the_check_mode_fails_on_a_stale_file(tmp_path, capsys):
    for name, text in render().items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert build_main(["--check", "--output-dir", str(tmp_path)]) == 0
    (tmp_path / AWARD_TYPES_FILE).write_text("# edited by hand\n", encoding="utf-8")
    assert build_main(["--check", "--output-dir", str(tmp_path)]) == 1
    assert "award-types.ttl is out of date" in capsys.readouterr().err


def test_one_concept_per_tsv_row_with_labels_in_both_languages(scheme):
    rows = award_type_rows()
    assert len(rows) == 89
    concepts = set(scheme.subjects(RDF.type, SKOS.Concept))
    assert concepts == {rdflib.URIRef(iri.award_type(r.id)) for r in rows}
    for row in rows:
        concept = rdflib.URIRef(iri.award_type(row.id))
        labels = {(l.language, str(l)) for l in scheme.objects(concept, SKOS.prefLabel)}
        assert labels == {("vi", row.vi_label), ("en", row.en_label)}
        assert (concept, SKOS.inScheme, SCHEME) in scheme
        alt = {str(a) for a in scheme.objects(concept, SKOS.altLabel)}
        assert alt == set(row.aliases) - {row.vi_label}


def test_broader_and_narrower_mirror_the_parent_column(scheme):
    for row in award_type_rows():
        concept = rdflib.URIRef(iri.award_type(row.id))
        if row.broader:
            parent = rdflib.URIRef(iri.award_type(row.broader))
            assert (concept, SKOS.broader, parent) in scheme
            assert (parent, SKOS.narrower, concept) in scheme
        else:
            assert (SCHEME, SKOS.hasTopConcept, concept) in scheme
            assert (concept, SKOS.topConceptOf, SCHEME) in scheme


def test_category_level_and_recipients_point_to_facet_concepts(scheme, facets):
    facet_concepts = set(facets.subjects(RDF.type, SKOS.Concept))
    for prop in (TD.awardCategory, TD.awardLevel, TD.awardedTo):
        values = set(scheme.objects(None, prop))
        assert values and values <= facet_concepts, prop
    order = rdflib.URIRef(iri.award_facet("category", "order"))
    assert (rdflib.URIRef(iri.award_type("huan-chuong-lao-dong-hang-ba")), TD.awardCategory, order) in scheme
    # The two pillars of the law: emulation titles and forms of commendation.
    assert (order, SKOS.broader, rdflib.URIRef(iri.award_facet("category", "commendation_form"))) in facets


def test_award_concepts_gives_label_broader_category_and_level():
    concepts = award_concepts()
    label, broader, category, level = concepts["co-thi-dua-cua-ubnd-tinh"]
    assert (label, broader, category, level) == ("Cờ thi đua của Ủy ban nhân dân tỉnh",
                                                 "co-thi-dua-cap-bo-ban-nganh-tinh",
                                                 "emulation_flag", "ministry_province")
    assert concepts["huan-chuong"].broader is None


def _cases():
    rows = read_tsv((DATA / "award-names.tsv").read_text(encoding="utf-8"))
    return [(r["text"], r["hint"] or None, r["expected"] or None) for r in rows]


@pytest.mark.parametrize("text, hint, expected", _cases())
def test_award_names_as_news_writes_them(text, hint, expected):
    assert match_award_type(text, hint) == expected


def test_an_unknown_hint_is_refused():
    with pytest.raises(ValueError, match="province"):
        match_award_type("Bằng khen", "city")
    assert "province" in LEVEL_HINTS


def test_every_label_and_unshared_alias_matches_its_own_concept():
    shared = defaultdict(set)
    for row in award_type_rows():
        for alias in row.aliases:
            shared[alias.lower()].add(row.id)
    for row in award_type_rows():
        assert match_award_type(row.vi_label) == row.id, row.vi_label
        for alias in row.aliases:
            if len(shared[alias.lower()]) == 1:
                assert match_award_type(alias) == row.id, alias


# -- agreement with ../shared/eval/score.py ---------------------------------------------

def _score_module(shared_dir):
    spec = importlib.util.spec_from_file_location("thidua_test_score", shared_dir / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _gold_award_names(shared_dir) -> set[str]:
    names = set()
    for gold in sorted((shared_dir / "corpus").glob("*/gold.jsonl")):
        for line in gold.read_text(encoding="utf-8").splitlines():
            fact = json.loads(line) if line.strip() else {}
            if fact.get("type") == "award":
                values = fact["award"] if isinstance(fact["award"], list) else [fact["award"]]
                names |= {v for v in values if v}
    return names


def test_every_gold_award_maps_to_a_concept_of_the_scorers_class(shared_dir):
    score = _score_module(shared_dir)
    concepts = award_concepts()
    names = _gold_award_names(shared_dir)
    assert names
    concept_class_by_gold_class = defaultdict(set)
    for name in sorted(names):
        concept = match_award_type(name)
        assert concept is not None, f"{name!r} maps to no award type"
        gold_class = score.award_class(name)
        concept_class = score.award_class(concepts[concept].pref_label)
        concept_class_by_gold_class[gold_class].add(concept_class)
        if gold_class != score.norm(name):  # score.py knows this family: it must agree exactly
            assert concept_class == gold_class, (name, concept)
    # Two awards the scorer counts as one class never land in concepts of different classes.
    split = {k: v for k, v in concept_class_by_gold_class.items() if len(v) > 1}
    assert not split, split


def test_an_alias_read_before_an_issuer_no_label_covers_gives_the_broad_type():
    # "Cờ thi đua xuất sắc" alone is the province's flag; said of a Party committee, whose
    # flags the legal taxonomy does not list, only "a flag" is sure.
    assert match_award_type("Cờ thi đua xuất sắc") == "co-thi-dua-cua-ubnd-tinh"
    assert match_award_type("Cờ thi đua xuất sắc của Ban Thường vụ Tỉnh ủy Đắk Lắk") == "co-thi-dua"
    assert match_award_type("Cờ thi đua xuất sắc của UBND tỉnh") == "co-thi-dua-cua-ubnd-tinh"
