"""ontology/thidua.ttl: every term the loaders write is declared, documented in both languages
and aligned with the vocabularies it reuses; pyLODE can render it."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from thidua import vocab
from thidua.ontology import AWARD_FACETS_FILE, AWARD_TYPES_FILE, ONTOLOGY_FILE, SHAPES_FILE, path

ROOT = Path(__file__).resolve().parent.parent
TD = rdflib.Namespace(vocab.PREFIXES["td"])
ORG = rdflib.Namespace(vocab.PREFIXES["org"])
PROV = rdflib.Namespace(vocab.PREFIXES["prov"])
FOAF = rdflib.Namespace(vocab.PREFIXES["foaf"])
VANN = rdflib.Namespace("http://purl.org/vocab/vann/")
ONTOLOGY_IRI = rdflib.URIRef("https://w3id.org/thidua/ontology")

# The td: terms of docs/architecture.md and the brief, beyond those in thidua.vocab's tables.
ARCHITECTURE_TERMS = {
    "EmulationBloc", "Unit", "Jurisdiction", "Person", "Role", "Position", "BlocMembership",
    "BlocLeadership", "Award", "Event", "Article", "Year", "memberRole", "headRole", "deputyRole",
    "Conferred", "Proposed", "bloc", "date", "year", "emulationYear", "awardType", "awardLabel",
    "recipient", "status", "achievementYear", "conferredBy", "atEvent", "roleLabel", "attestedOn",
    "evidence", "jurisdiction", "contentHash", "text", "eventKind",
}


@pytest.fixture(scope="module")
def onto() -> rdflib.Graph:
    return rdflib.Graph().parse(path(ONTOLOGY_FILE), format="turtle")


def _vocab_terms() -> set[str]:
    terms = set(vocab.UNIT_CLASSES) | set(vocab.ENTITY_CLASSES.values())
    terms |= set(vocab.FACT_CLASSES.values()) | set(vocab.LEADERSHIP_ROLES.values())
    return terms | set(vocab.AWARD_STATUS.values())


def _terms_written_by_loaders() -> set[str]:
    """Every TD.name / TD["name"] in the loaders' source: what reaches the store."""
    names = set()
    for source in (ROOT / "loaders").rglob("*.py"):
        text = source.read_text(encoding="utf-8")
        names |= set(re.findall(r"\bTD\.([A-Za-z]\w*)", text))
        names |= set(re.findall(r"\bTD\[\"([A-Za-z]\w*)\"\]", text))
    return names


def _terms_written_by_summaries() -> set[str]:
    """Every td:name in the summary updates (queries/summaries/*.ru): what they write."""
    names = set()
    for source in (ROOT / "queries" / "summaries").glob("*.ru"):
        text = "\n".join(l for l in source.read_text(encoding="utf-8").splitlines()
                         if not l.lstrip().startswith("#"))
        names |= set(re.findall(r"\btd:([A-Za-z]\w*)", text))
    return names


def _lexicon_unit_classes() -> set[str]:
    lexicon = ROOT / "loaders" / "lexicons" / "unit-kinds.tsv"
    if not lexicon.exists():
        return set()
    rows = [line.split("\t") for line in lexicon.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]
    return {row[1].strip() for row in rows if len(row) > 1}


def test_the_ontology_header_has_the_metadata_pylode_needs(onto):
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in onto
    titles = {t.language for t in onto.objects(ONTOLOGY_IRI, DCTERMS.title)}
    assert titles == {"vi", "en"}
    assert {d.language for d in onto.objects(ONTOLOGY_IRI, DCTERMS.description)} == {"vi", "en"}
    assert onto.value(ONTOLOGY_IRI, OWL.versionInfo) == rdflib.Literal("0.1.0")
    assert onto.value(ONTOLOGY_IRI, DCTERMS.license) == rdflib.URIRef(
        "https://creativecommons.org/licenses/by/4.0/")
    assert str(onto.value(ONTOLOGY_IRI, VANN.preferredNamespacePrefix)) == "td"
    assert str(onto.value(ONTOLOGY_IRI, VANN.preferredNamespaceUri)) == vocab.PREFIXES["td"]


@pytest.mark.parametrize("source", ["architecture", "vocab", "loaders", "lexicon", "summaries"])
def test_every_term_written_is_declared_with_labels_and_comments_in_both_languages(onto, source):
    terms = {"architecture": lambda: ARCHITECTURE_TERMS, "vocab": _vocab_terms,
             "loaders": _terms_written_by_loaders, "lexicon": _lexicon_unit_classes,
             "summaries": _terms_written_by_summaries}[source]()
    missing = []
    assert terms, source
    for name in sorted(terms):
        term = TD[name]
        languages = lambda p: {o.language for o in onto.objects(term, p)}
        if not (term, RDF.type, None) in onto:
            missing.append(f"td:{name} is not declared")
        elif languages(RDFS.label) != {"vi", "en"} or languages(RDFS.comment) != {"vi", "en"}:
            missing.append(f"td:{name} lacks a label or comment in vi or en")
        elif onto.value(term, RDFS.isDefinedBy) != ONTOLOGY_IRI:
            missing.append(f"td:{name} has no rdfs:isDefinedBy")
    assert not missing, missing


def test_every_declared_term_is_documented_too(onto):
    for term in set(onto.subjects(RDF.type, None)):
        if isinstance(term, rdflib.URIRef) and str(term).startswith(vocab.PREFIXES["td"]):
            assert {o.language for o in onto.objects(term, RDFS.label)} == {"vi", "en"}, term


@pytest.mark.parametrize("cls, parent", [
    (TD.EmulationBloc, ORG.OrganizationalCollaboration),
    (TD.Unit, ORG.Organization),
    (TD.Person, FOAF.Person),
    (TD.Role, ORG.Role),
    (TD.Position, ORG.Membership),
    (TD.BlocMembership, ORG.Membership),
    (TD.BlocLeadership, ORG.Membership),
    (TD.Article, PROV.Entity),
] + [(TD[name], TD.Unit) for name in vocab.UNIT_CLASSES if name != "Unit"])
def test_classes_align_with_the_reused_vocabularies(onto, cls, parent):
    assert (cls, RDFS.subClassOf, parent) in onto


def test_the_two_statuses_are_the_only_award_statuses(onto):
    statuses = set(onto.subjects(RDF.type, TD.AwardStatus))
    assert statuses == {TD.Conferred, TD.Proposed}
    assert {TD.memberRole, TD.headRole, TD.deputyRole} <= set(onto.subjects(RDF.type, ORG.Role))


@pytest.mark.parametrize("name", [ONTOLOGY_FILE, AWARD_TYPES_FILE, AWARD_FACETS_FILE, SHAPES_FILE])
def test_every_ontology_file_parses_with_both_rdf_libraries(name):
    from pyoxigraph import RdfFormat, parse
    triples = list(parse(path=str(path(name)), format=RdfFormat.TURTLE))
    assert len(triples) == len(rdflib.Graph().parse(path(name), format="turtle")) > 0


def test_labels_are_nfc(onto):
    import unicodedata
    for _, _, o in onto:
        if isinstance(o, rdflib.Literal):
            assert unicodedata.is_normalized("NFC", str(o)), o


@pytest.mark.parametrize("name", [ONTOLOGY_FILE, AWARD_TYPES_FILE, AWARD_FACETS_FILE])
def test_pylode_renders_each_file_with_its_terms(name):
    from importlib.util import find_spec
    if find_spec("pylode") is None:
        pytest.skip("pyLODE is not installed")
    from thidua.ontology.docs import ontology_html
    html = ontology_html(name, lang="vi")
    graph = rdflib.Graph().parse(path(name), format="turtle")
    title = next(t for t in graph.objects(None, DCTERMS.title) if t.language == "vi")
    assert str(title) in html
    if name == ONTOLOGY_FILE:
        for label in ("khối, cụm thi đua", "năm thi đua", "trạng thái khen thưởng"):
            assert label in html
    else:
        concepts = set(graph.subjects(RDF.type, SKOS.Concept))
        assert sum(1 for c in concepts if str(c) in html) == len(concepts)
