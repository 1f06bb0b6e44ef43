"""Facts -> RDF: all quads of one article, in the article's own named graph.

The shape is documented in docs/architecture.md and checked by ontology/shapes.ttl.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

from pyoxigraph import Literal, NamedNode, Quad

from thidua import __version__, iri
from thidua.loaders.model import ID_FIELDS, Article, Entity
from thidua.text import fold
from thidua.vocab import (AWARD_STATUS, DCTERMS, ENTITY_CLASSES, FACT_CLASSES, LEADERSHIP_ROLES,
                          OA, ORG, PROV, RDF_TYPE, RDFS, SCHEMA, SKOS, TD, TIME, XSD)


def _vi(text: str) -> Literal:
    return Literal(text, language="vi")


def _date(value: str) -> Literal:
    return Literal(value, datatype=XSD.date)


def _gyear(value: int) -> Literal:
    return Literal(f"{int(value):04d}", datatype=XSD.gYear)


def _int(value: int) -> Literal:
    return Literal(str(int(value)), datatype=XSD.integer)


class _Graph:
    """Collects the triples of one named graph, without duplicates, in insertion order."""

    def __init__(self, graph: str):
        self.name = NamedNode(graph)
        self._quads: dict[Quad, None] = {}

    def add(self, s: NamedNode, p: NamedNode, o) -> None:
        self._quads[Quad(s, p, o, self.name)] = None

    def quads(self) -> list[Quad]:
        return list(self._quads)


def article_quads(article: Article, facts: list[dict], entities: list[Entity]) -> list[Quad]:
    g = _Graph(iri.graph(article.doc))
    article_node = NamedNode(iri.article(article.doc))
    run_node = _describe_run(g)
    _describe_article(g, article, article_node, run_node)
    for entity in entities:
        _describe_entity(g, entity)
    attested = _attested_date(article, facts)
    for fact in facts:
        _describe_fact(g, article, fact, article_node, run_node, attested)
    return g.quads()


def _describe_run(g: _Graph) -> NamedNode:
    run, agent = NamedNode(iri.run(__version__)), NamedNode(iri.agent(__version__))
    g.add(run, RDF_TYPE, PROV.Activity)
    g.add(run, RDFS.label, Literal(f"thidua {__version__}"))
    g.add(run, PROV.wasAssociatedWith, agent)
    g.add(agent, RDF_TYPE, PROV.SoftwareAgent)
    g.add(agent, SCHEMA.softwareVersion, Literal(__version__))
    g.add(agent, RDFS.label, Literal(f"thidua {__version__}"))
    return run


def _describe_article(g: _Graph, article: Article, node: NamedNode, run: NamedNode) -> None:
    g.add(node, RDF_TYPE, TD.Article)
    g.add(node, DCTERMS.identifier, Literal(article.doc))
    g.add(node, RDFS.label, _vi(article.title or article.doc))
    g.add(node, PROV.wasGeneratedBy, run)
    if article.title:
        g.add(node, DCTERMS.title, _vi(article.title))
    if article.url:
        g.add(node, SCHEMA.url, NamedNode(article.url))
    if article.published:
        g.add(node, DCTERMS.issued, _date(article.published))
    if article.content_hash:
        g.add(node, TD.contentHash, Literal(article.content_hash))
    if article.text:
        g.add(node, TD.text, _vi(article.text))
    if article.jurisdiction:
        g.add(node, TD.jurisdiction, _describe_jurisdiction(g, article.jurisdiction))


def _describe_jurisdiction(g: _Graph, name: str) -> NamedNode:
    node = NamedNode(iri.jurisdiction(name))
    g.add(node, RDF_TYPE, TD.Jurisdiction)
    g.add(node, SKOS.prefLabel, _vi(name))
    g.add(node, RDFS.label, _vi(name))
    g.add(node, SKOS.hiddenLabel, Literal(fold(name)))
    return node


def _describe_entity(g: _Graph, entity: Entity) -> None:
    node = NamedNode(entity.iri)
    cls = unit_class(entity.label) if entity.kind == "unit" else ENTITY_CLASSES[entity.kind]
    g.add(node, RDF_TYPE, TD[cls])
    g.add(node, SKOS.prefLabel, _vi(entity.label))
    g.add(node, RDFS.label, _vi(entity.label))
    for label in sorted(entity.alt_labels - {entity.label}):
        g.add(node, SKOS.altLabel, _vi(label))
    for label in sorted({fold(entity.label)} | {fold(a) for a in entity.alt_labels}):
        g.add(node, SKOS.hiddenLabel, Literal(label))
    if entity.jurisdiction:
        g.add(node, TD.jurisdiction, _describe_jurisdiction(g, entity.jurisdiction))


@lru_cache(maxsize=1)
def _unit_kinds() -> list[tuple[str, str]]:
    text = resources.files("thidua.loaders").joinpath("lexicons/unit-kinds.tsv").read_text("utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return sorted(((p.strip().lower(), c.strip()) for p, c in rows), key=lambda r: -len(r[0]))


@lru_cache(maxsize=1 << 14)
def unit_class(label: str) -> str:
    """td class of a unit from the head words of its name ("Sở ..." -> Agency)."""
    lowered = label.lower()
    for prefix, cls in _unit_kinds():
        if lowered == prefix or lowered.startswith(prefix + " "):
            return cls
    return "Unit"


def _attested_date(article: Article, facts: list[dict]) -> str | None:
    """Facts are attested at the event the article reports, else at publication."""
    dates = sorted({f["date"] for f in facts if f["type"] == "event" and f.get("date")})
    return dates[0] if len(dates) == 1 else article.published


def _describe_fact(g: _Graph, article: Article, fact: dict, article_node: NamedNode,
                   run: NamedNode, attested: str | None) -> None:
    ftype = fact["type"]
    key = [ftype] + [f"{k}={fact[k]}" for k in sorted(fact) if k not in ("evidence", "span", "doc")]
    node = NamedNode(iri.fact(article.doc, *key))
    g.add(node, RDF_TYPE, TD[FACT_CLASSES[ftype]])
    g.add(node, PROV.wasDerivedFrom, article_node)
    g.add(node, PROV.wasGeneratedBy, run)
    if attested:
        g.add(node, TD.attestedOn, _date(attested))
    _FACT_WRITERS[ftype](g, node, fact)
    if fact.get("evidence"):
        _describe_evidence(g, node, fact)


def _ref(fact: dict, field: str) -> NamedNode | None:
    value = fact.get(ID_FIELDS[field])
    return NamedNode(value) if value else None


def _link_year(g: _Graph, node: NamedNode, year: int) -> None:
    year_node = NamedNode(iri.year(year))
    g.add(year_node, RDF_TYPE, TD.Year)
    g.add(year_node, RDFS.label, Literal(str(year)))
    g.add(year_node, TIME.year, _gyear(year))
    g.add(node, TD.year, year_node)


def _event(g: _Graph, node: NamedNode, fact: dict) -> None:
    g.add(node, RDFS.label, _vi(f"Hội nghị {fact['bloc']} {fact['date']}"))
    if (bloc := _ref(fact, "bloc")) is not None:
        g.add(node, TD.bloc, bloc)
    g.add(node, TD.date, _date(fact["date"]))
    _link_year(g, node, int(fact["date"][:4]))


def _membership(g: _Graph, node: NamedNode, fact: dict) -> None:
    _org_membership(g, node, fact, "bloc", "unit")
    g.add(node, ORG.role, TD.memberRole)


def _head(g: _Graph, node: NamedNode, fact: dict) -> None:
    _org_membership(g, node, fact, "bloc", "unit")
    g.add(node, ORG.role, TD[LEADERSHIP_ROLES[fact["role"]]])
    g.add(node, TD.emulationYear, _gyear(fact["year"]))
    _link_year(g, node, fact["year"])


def _org_membership(g: _Graph, node: NamedNode, fact: dict, org_field: str, member_field: str):
    if (org := _ref(fact, org_field)) is not None:
        g.add(node, ORG.organization, org)
    if (member := _ref(fact, member_field)) is not None:
        g.add(node, ORG.member, member)


def _award(g: _Graph, node: NamedNode, fact: dict) -> None:
    g.add(node, RDFS.label, _vi(f"{fact['award']} – {fact['recipient']}"))
    g.add(node, TD.awardLabel, _vi(fact["award"]))
    concept = fact.get("award_type") or _match_award_type(fact["award"])
    if concept:
        g.add(node, TD.awardType, NamedNode(iri.award_type(concept)))
    if (recipient := _ref(fact, "recipient")) is not None:
        g.add(node, TD.recipient, recipient)
    g.add(node, TD.status, TD[AWARD_STATUS[fact["status"]]])
    if fact.get("year") is not None:
        g.add(node, TD.achievementYear, _gyear(fact["year"]))
        _link_year(g, node, fact["year"])


def _match_award_type(text: str) -> str | None:
    from thidua.ontology.award_types import match_award_type
    return match_award_type(text)


def _position(g: _Graph, node: NamedNode, fact: dict) -> None:
    role = fact["role"]
    role_node = NamedNode(iri.role(role))
    g.add(role_node, RDF_TYPE, TD.Role)
    g.add(role_node, SKOS.prefLabel, _vi(role))
    g.add(role_node, RDFS.label, _vi(role))
    label = f"{role} {fact['organization']}" if fact.get("organization") else role
    g.add(node, RDFS.label, _vi(f"{fact['person']} – {label}"))
    g.add(node, ORG.role, role_node)
    g.add(node, TD.roleLabel, _vi(role))
    _org_membership(g, node, fact, "organization", "person")


def _describe_evidence(g: _Graph, fact_node: NamedNode, fact: dict) -> None:
    node = NamedNode(fact_node.value + "/evidence")
    g.add(fact_node, TD.evidence, node)
    g.add(node, RDF_TYPE, OA.TextQuoteSelector)
    g.add(node, OA.exact, _vi(fact["evidence"]))
    span = fact.get("span")
    if span:
        g.add(node, RDF_TYPE, OA.TextPositionSelector)
        g.add(node, OA.start, _int(span[0]))
        g.add(node, OA.end, _int(span[1]))


_FACT_WRITERS = {"event": _event, "membership": _membership, "head": _head, "award": _award,
                 "position": _position}
