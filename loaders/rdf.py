"""Facts -> RDF: an article's own named graph, and the descriptions of what it mentions.

An article graph holds the article node, its facts and their evidence; the facts point to blocs,
units, people, years, roles and jurisdictions by IRI, and the article `schema:mentions` every
entity it names. Those nodes are described once, in `iri.ENTITIES_GRAPH` (see that constant for
why): `entity_ntriples` gives an entity's description as the resolver knows it now (the load job
replaces it as a whole), and `ArticleRdf.shared` the descriptions of the years, roles,
jurisdictions and run an article uses, which depend on their IRIs alone.

Statements are written as N-Triples text, not as pyoxigraph Quad objects: building a Python
object per quad was most of the cost of loading, and the store parses text in Rust. Every term
goes through one of the writers below: IRIs that thidua mints are safe by construction
(thidua.iri), any other IRI is checked by pyoxigraph, and literals are escaped.

The shape is documented in docs/architecture.md and checked by ontology/shapes.ttl.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Iterable

from pyoxigraph import NamedNode, Quad, RdfFormat, parse

from thidua import __version__, iri
from thidua.loaders.model import ID_FIELDS, Article, Entity
from thidua.text import fold
from thidua.vocab import (AWARD_STATUS, DCTERMS, ENTITY_CLASSES, FACT_CLASSES, LEADERSHIP_ROLES,
                          OA, ORG, PROV, RDF_TYPE, RDFS, SCHEMA, SKOS, TD, TIME, XSD)

# Part of every document's content hash: a store written in an older layout is reloaded.
LAYOUT = "2 (entities described once)"

# -- terms as N-Triples text ------------------------------------------------------------------


def _minted(value: str) -> str:
    """An IRI from thidua.iri: slugs and fixed bases only, nothing to escape."""
    return f"<{value}>"


@lru_cache(maxsize=1 << 16)
def checked_iri(value: str) -> str:
    """An IRI from the input (a facts file's ids, a manifest's url): pyoxigraph rejects a
    malformed one with ValueError, so nothing can break out of the <...>."""
    return str(NamedNode(value))


def _text(value: str, suffix: str = "") -> str:
    # str.translate walks a whole article's text in Python-level steps; four C scans do not.
    if "\\" in value or '"' in value or "\n" in value or "\r" in value:
        value = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{value}"{suffix}'


def _vi(value: str) -> str:
    return _text(value, "@vi")


_DATE, _GYEAR, _INTEGER = (f"^^{XSD[name]}" for name in ("date", "gYear", "integer"))


def _date(value: str) -> str:
    return _text(value, _DATE)


def _gyear(value: int) -> str:
    return f'"{int(value):04d}"{_GYEAR}'


def _int(value: int) -> str:
    return f'"{int(value)}"{_INTEGER}'


class _P:
    """The predicates and classes written here, as text, made once."""
    type = str(RDF_TYPE)
    label = str(RDFS.label)
    pref, alt, hidden = str(SKOS.prefLabel), str(SKOS.altLabel), str(SKOS.hiddenLabel)
    mentions, url, software_version = str(SCHEMA.mentions), str(SCHEMA.url), str(SCHEMA.softwareVersion)
    identifier, title, issued = str(DCTERMS.identifier), str(DCTERMS.title), str(DCTERMS.issued)
    derived_from, generated_by = str(PROV.wasDerivedFrom), str(PROV.wasGeneratedBy)
    associated_with, activity, software_agent = (str(PROV.wasAssociatedWith), str(PROV.Activity),
                                                 str(PROV.SoftwareAgent))
    organization, member, role = str(ORG.organization), str(ORG.member), str(ORG.role)
    exact, start, end = str(OA.exact), str(OA.start), str(OA.end)
    quote_selector, position_selector = str(OA.TextQuoteSelector), str(OA.TextPositionSelector)
    time_year = str(TIME.year)


@lru_cache(maxsize=256)
def _td(name: str) -> str:
    return str(TD[name])


# -- collecting statements --------------------------------------------------------------------
class _Graph:
    """The statements of one article graph, and the shared descriptions it needs, without
    duplicates, in the order written."""

    def __init__(self) -> None:
        self._own: dict[str, None] = {}
        self._shared: dict[str, None] = {}

    def add(self, s: str, p: str, o: str) -> None:
        self._own[f"{s} {p} {o} ."] = None

    def share(self, s: str, p: str, o: str) -> None:
        self._shared[f"{s} {p} {o} ."] = None


@dataclass
class ArticleRdf:
    graph_iri: str
    graph: list[str]        # N-Triples statements of the article's named graph
    shared: list[str]       # of years, roles, jurisdictions and the run, for ENTITIES_GRAPH

    def nquads(self) -> str:
        """The article graph as N-Quads text, for a bulk load."""
        g = _minted(self.graph_iri)
        return "".join(f"{line[:-1]}{g} .\n" for line in self.graph)

    def quads(self) -> list[Quad]:
        return parse_ntriples("\n".join(self.graph), self.graph_iri)


def parse_ntriples(text: str, graph_iri: str) -> list[Quad]:
    graph = NamedNode(graph_iri)
    return [Quad(t.subject, t.predicate, t.object, graph)
            for t in parse(text, format=RdfFormat.N_TRIPLES)]


def article_rdf(article: Article, facts: list[dict], entities: Iterable[Entity]) -> ArticleRdf:
    """ValueError when an id or url given by the input is not an IRI."""
    g = _Graph()
    article_node = _minted(iri.article(article.doc))
    run_node = _describe_run(g)
    _describe_article(g, article, article_node, run_node)
    for entity in entities:
        g.add(article_node, _P.mentions, checked_iri(entity.iri))
        if entity.jurisdiction:
            _describe_jurisdiction(g, entity.jurisdiction)
    attested = _attested_date(article, facts)
    for fact in facts:
        _describe_fact(g, article, fact, article_node, run_node, attested)
    return ArticleRdf(iri.graph(article.doc), list(g._own), list(g._shared))


def entity_ntriples(entity: Entity) -> list[str]:
    """The description of one bloc, unit or person (statements for ENTITIES_GRAPH)."""
    node = checked_iri(entity.iri)
    cls = unit_class(entity.label) if entity.kind == "unit" else ENTITY_CLASSES[entity.kind]
    label = _vi(entity.label)
    lines = [f"{node} {_P.type} {_td(cls)} .", f"{node} {_P.pref} {label} .", f"{node} {_P.label} {label} ."]
    lines += [f"{node} {_P.alt} {_vi(alt)} ." for alt in sorted(entity.alt_labels - {entity.label})]
    lines += [f"{node} {_P.hidden} {_text(folded)} ."
              for folded in sorted({fold(entity.label)} | {fold(a) for a in entity.alt_labels})]
    if entity.jurisdiction:
        lines.append(f"{node} {_td('jurisdiction')} {_minted(iri.jurisdiction(entity.jurisdiction))} .")
    return lines


def entity_quads(entity: Entity) -> list[Quad]:
    return parse_ntriples("\n".join(entity_ntriples(entity)), iri.ENTITIES_GRAPH)


# -- the article and the shared nodes ---------------------------------------------------------
def _describe_run(g: _Graph) -> str:
    run, agent = _minted(iri.run(__version__)), _minted(iri.agent(__version__))
    name = _text(f"thidua {__version__}")
    g.share(run, _P.type, _P.activity)
    g.share(run, _P.label, name)
    g.share(run, _P.associated_with, agent)
    g.share(agent, _P.type, _P.software_agent)
    g.share(agent, _P.software_version, _text(__version__))
    g.share(agent, _P.label, name)
    return run


def _describe_article(g: _Graph, article: Article, node: str, run: str) -> None:
    g.add(node, _P.type, _td("Article"))
    g.add(node, _P.identifier, _text(article.doc))
    g.add(node, _P.label, _vi(article.title or article.doc))
    g.add(node, _P.generated_by, run)
    if article.title:
        g.add(node, _P.title, _vi(article.title))
    if article.url:
        g.add(node, _P.url, checked_iri(article.url))
    if article.published:
        g.add(node, _P.issued, _date(article.published))
    if article.content_hash:
        g.add(node, _td("contentHash"), _text(article.content_hash))
    if article.text:
        g.add(node, _td("text"), _vi(article.text))
    if article.jurisdiction:
        g.add(node, _td("jurisdiction"), _describe_jurisdiction(g, article.jurisdiction))


def _describe_jurisdiction(g: _Graph, name: str) -> str:
    node, statements = _jurisdiction_description(name)
    g._shared.update(statements)
    return node


@lru_cache(maxsize=4096)     # a few hundred names, met in every article
def _jurisdiction_description(name: str) -> tuple[str, dict[str, None]]:
    node = _minted(iri.jurisdiction(name))
    label = _vi(name)
    lines = (f"{node} {_P.type} {_td('Jurisdiction')} .", f"{node} {_P.pref} {label} .",
             f"{node} {_P.label} {label} .", f"{node} {_P.hidden} {_text(fold(name))} .")
    return node, dict.fromkeys(lines)


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


# -- facts ------------------------------------------------------------------------------------
def _describe_fact(g: _Graph, article: Article, fact: dict, article_node: str, run: str,
                   attested: str | None) -> None:
    ftype = fact["type"]
    key = [ftype] + [f"{k}={fact[k]}" for k in sorted(fact) if k not in ("evidence", "span", "doc")]
    node_iri = iri.fact(article.doc, *key)
    node = _minted(node_iri)
    g.add(node, _P.type, _td(FACT_CLASSES[ftype]))
    g.add(node, _P.derived_from, article_node)
    g.add(node, _P.generated_by, run)
    if attested:
        g.add(node, _td("attestedOn"), _date(attested))
    _FACT_WRITERS[ftype](g, node, fact)
    if fact.get("evidence"):
        _describe_evidence(g, node, _minted(node_iri + "/evidence"), fact)


def _ref(fact: dict, field: str) -> str | None:
    value = fact.get(ID_FIELDS[field])
    return checked_iri(value) if value else None


def _link_year(g: _Graph, node: str, year: int) -> None:
    year_node = _minted(iri.year(year))
    g.share(year_node, _P.type, _td("Year"))
    g.share(year_node, _P.label, _text(str(year)))
    g.share(year_node, _P.time_year, _gyear(year))
    g.add(node, _td("year"), year_node)


def _event(g: _Graph, node: str, fact: dict) -> None:
    g.add(node, _P.label, _vi(f"Hội nghị {fact['bloc']} {fact['date']}"))
    if (bloc := _ref(fact, "bloc")) is not None:
        g.add(node, _td("bloc"), bloc)
    g.add(node, _td("date"), _date(fact["date"]))
    _link_year(g, node, int(fact["date"][:4]))


def _membership(g: _Graph, node: str, fact: dict) -> None:
    _org_membership(g, node, fact, "bloc", "unit")
    g.add(node, _P.role, _td("memberRole"))


def _head(g: _Graph, node: str, fact: dict) -> None:
    _org_membership(g, node, fact, "bloc", "unit")
    g.add(node, _P.role, _td(LEADERSHIP_ROLES[fact["role"]]))
    g.add(node, _td("emulationYear"), _gyear(fact["year"]))
    _link_year(g, node, fact["year"])


def _org_membership(g: _Graph, node: str, fact: dict, org_field: str, member_field: str) -> None:
    if (org := _ref(fact, org_field)) is not None:
        g.add(node, _P.organization, org)
    if (member := _ref(fact, member_field)) is not None:
        g.add(node, _P.member, member)


def _award(g: _Graph, node: str, fact: dict) -> None:
    g.add(node, _P.label, _vi(f"{fact['award']} – {fact['recipient']}"))
    g.add(node, _td("awardLabel"), _vi(fact["award"]))
    concept = fact.get("award_type") or _match_award_type(fact["award"])
    if concept:
        g.add(node, _td("awardType"), _minted(iri.award_type(concept)))
    if (recipient := _ref(fact, "recipient")) is not None:
        g.add(node, _td("recipient"), recipient)
    g.add(node, _td("status"), _td(AWARD_STATUS[fact["status"]]))
    if fact.get("year") is not None:
        g.add(node, _td("achievementYear"), _gyear(fact["year"]))
        _link_year(g, node, fact["year"])


def _match_award_type(text: str) -> str | None:
    from thidua.ontology.award_types import match_award_type
    return match_award_type(text)


def _position(g: _Graph, node: str, fact: dict) -> None:
    role = fact["role"]
    role_node = _minted(iri.role(role))
    g.share(role_node, _P.type, _td("Role"))
    g.share(role_node, _P.pref, _vi(role))
    g.share(role_node, _P.label, _vi(role))
    label = f"{role} {fact['organization']}" if fact.get("organization") else role
    g.add(node, _P.label, _vi(f"{fact['person']} – {label}"))
    g.add(node, _P.role, role_node)
    g.add(node, _td("roleLabel"), _vi(role))
    _org_membership(g, node, fact, "organization", "person")


def _describe_evidence(g: _Graph, fact_node: str, node: str, fact: dict) -> None:
    g.add(fact_node, _td("evidence"), node)
    g.add(node, _P.type, _P.quote_selector)
    g.add(node, _P.exact, _vi(fact["evidence"]))
    span = fact.get("span")
    if span:
        g.add(node, _P.type, _P.position_selector)
        g.add(node, _P.start, _int(span[0]))
        g.add(node, _P.end, _int(span[1]))


_FACT_WRITERS = {"event": _event, "membership": _membership, "head": _head, "award": _award,
                 "position": _position}
