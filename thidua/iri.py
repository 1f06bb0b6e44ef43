"""Every IRI thidua mints is minted here.

Entity IRIs are a readable slug plus a short hash of the entity's identity key, so the same
key gives the same IRI on every run, two keys that fold to the same slug ("Đặng Trọng Thắng",
"Đặng Trong Thắng") still get two IRIs, and only [a-z0-9-/] ever reaches an IRI or a file name.
The full Vietnamese name lives in the labels, never only in the IRI.
"""
from __future__ import annotations

import hashlib
from functools import lru_cache

from thidua.text import nfc, slug

BASE = "https://w3id.org/thidua/"
ONTOLOGY = BASE + "ontology#"
ID = BASE + "id/"
GRAPH = BASE + "graph/"
# Blocs, units, people and the shared nodes (jurisdictions, years, roles, runs) are described
# once, here; article graphs hold facts that point to them. Oxigraph's union default graph
# repeats a triple once per graph holding it, so descriptions repeated per article would
# multiply every join on a label or a type, and could disagree between articles.
ENTITIES_GRAPH = GRAPH + "entities"
AWARD_TYPE = BASE + "award-type/"
# Materialised summaries (queries/summaries/*.ru): aggregate rows kept in a graph of their own,
# recomputed from the facts by one SPARQL update at the end of every load and prune.
SUMMARIES_GRAPH = GRAPH + "summaries/"

ENTITY_KINDS = ("bloc", "unit", "person", "jurisdiction")


def digest(*parts: str, length: int = 10) -> str:
    key = "\x1f".join(nfc(p) for p in parts)
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:length]


def entity(kind: str, label: str, *context: str) -> str:
    """IRI of a bloc, unit or person named `label` (its identity key is label + context)."""
    if kind not in ENTITY_KINDS:
        raise ValueError(f"unknown entity kind {kind!r}")
    return f"{ID}{kind}/{slug(label)}-{digest(kind, label, *context, length=8)}"


@lru_cache(maxsize=1 << 14)      # pure, and asked for every fact
def jurisdiction(name: str) -> str:
    return f"{ID}jurisdiction/{slug(strip_admin_prefix(name))}"


def strip_admin_prefix(name: str) -> str:
    for prefix in ("thành phố ", "tỉnh ", "Thành phố ", "Tỉnh "):
        if name.startswith(prefix):
            return name[len(prefix):]
    return name


@lru_cache(maxsize=1 << 14)      # pure, and asked for every fact
def doc_slug(doc: str) -> str:
    """Document names are file stems: keep them readable but safe, and distinct."""
    safe = slug(doc, max_length=80)
    return safe if safe == doc else f"{safe}-{digest(doc, length=6)}"


def article(doc: str) -> str:
    return f"{ID}article/{doc_slug(doc)}"


def graph(doc: str) -> str:
    return f"{GRAPH}{doc_slug(doc)}"


def fact(doc: str, *key: str) -> str:
    return f"{ID}fact/{doc_slug(doc)}/{digest(*key, length=12)}"


def year(value: int) -> str:
    return f"{ID}year/{int(value)}"


@lru_cache(maxsize=1 << 14)      # pure, and asked for every fact
def role(label: str) -> str:
    return f"{ID}role/{slug(label)}"


@lru_cache(maxsize=1 << 14)      # pure, and asked for every fact
def award_type(concept_id: str) -> str:
    return AWARD_TYPE + slug(concept_id)


def award_scheme(facet: str = "type") -> str:
    """The award-type concept scheme, or one of its facet schemes (category, level, awarded_to)."""
    return f"{BASE}award-{slug(facet)}"


def award_facet(facet: str, value: str) -> str:
    """A concept of a facet scheme: award_facet("level", "ministry_province")."""
    return f"{award_scheme(facet)}/{slug(value)}"


def run(version: str) -> str:
    return f"{ID}run/thidua-{slug(version)}"


def agent(version: str) -> str:
    return f"{ID}agent/thidua-{slug(version)}"


def summary_graph(name: str) -> str:
    """The graph holding the summary `name` (queries/summaries/{name}.ru)."""
    return SUMMARIES_GRAPH + slug(name)


def summary(name: str) -> str:
    """The qb:DataSet node of the summary `name`; its rows are under summary(name) + "/"."""
    return f"{ID}summary/{slug(name)}"


def skolem(label: str) -> str:
    """A blank node as an IRI (RDF 1.1 skolemization); `label` is its canonical label."""
    return f"{BASE}.well-known/genid/{slug(label)}"
