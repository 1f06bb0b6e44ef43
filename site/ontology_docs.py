"""Ontology documentation: pyLODE's page for ontology/thidua.ttl, or our own when it fails."""
from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from pyoxigraph import NamedNode, RdfFormat, parse

from thidua.vocab import PREFIXES

log = logging.getLogger(__name__)
PYLODE_VERSION = "3.4.1"  # part of the cache key
_BLANK = re.compile(r"_:n[0-9a-f]{32,}b\d+|_:[A-Za-z0-9]{20,}")


def ontology_path():
    return resources.files("thidua.ontology").joinpath("thidua.ttl")


def pylode_html(cache: Path | None = None) -> tuple[str | None, str]:
    """(HTML, '') from pyLODE, or (None, why it failed).

    pyLODE takes a second or two; its page is kept in `cache` under the ontology's hash, so
    builds of an unchanged ontology reuse it."""
    path = ontology_path()
    if not path.is_file():
        return None, "ontology/thidua.ttl is missing"
    source = path.read_bytes()
    key = hashlib.sha256(source + PYLODE_VERSION.encode()).hexdigest()[:16]
    cached = cache / f"ontology-{key}.html" if cache else None
    if cached is not None and cached.is_file():
        return cached.read_text(encoding="utf-8"), ""
    html, reason = _run_pylode(path)
    if html is not None and cached is not None:
        try:
            cached.parent.mkdir(parents=True, exist_ok=True)
            cached.write_text(html, encoding="utf-8")
        except OSError:
            pass  # a cache that cannot be written only costs time
    return html, reason


def _run_pylode(path) -> tuple[str | None, str]:
    from thidua.ontology.docs import ontology_html
    try:
        # Vietnamese labels only: pyLODE runs the labels of all languages into one heading.
        html = ontology_html(lang="vi")
    except Exception as exc:  # pyLODE raises bare Exceptions on input it cannot use
        return None, f"pyLODE {PYLODE_VERSION} failed: {type(exc).__name__}: {exc}"
    return with_site_link(stable_blank_nodes(html)), ""


def with_site_link(html: str) -> str:
    """A way back to the site from pyLODE's stand-alone page (it sits at ontology/index.html)."""
    back = ('<p style="margin:.5rem 1rem"><a href="../index.html">← thidua: trang chủ</a> · '
            '<a href="../data.html">tải dữ liệu</a></p>')
    return html.replace("<body>", "<body>\n" + back, 1)


def stable_blank_nodes(html: str) -> str:
    """pyLODE names blank nodes randomly: number them by first appearance instead."""
    names: dict[str, str] = {}
    return _BLANK.sub(lambda m: names.setdefault(m.group(0), f"_:b{len(names)}"), html)


@dataclass(frozen=True)
class Term:
    name: str
    anchor: str
    label: str
    label_en: str
    comment: str


def fallback_groups() -> list[dict]:
    """Classes and properties of the ontology, for our own template when pyLODE fails."""
    path = ontology_path()
    if not path.is_file():
        return []
    triples = list(parse(path=str(path), format=RdfFormat.TURTLE))
    rdf_type = NamedNode(PREFIXES["rdf"] + "type")
    owl, rdfs, skos = PREFIXES["owl"], PREFIXES["rdfs"], PREFIXES["skos"]
    kinds = {owl + "Class": "Lớp (classes)", owl + "ObjectProperty": "Thuộc tính quan hệ (object properties)",
             owl + "DatatypeProperty": "Thuộc tính dữ liệu (datatype properties)",
             owl + "NamedIndividual": "Cá thể (individuals)"}
    members: dict[str, set[str]] = {k: set() for k in kinds}
    labels: dict[tuple[str, str], str] = {}
    comments: dict[str, str] = {}
    for t in triples:
        s = t.subject.value if isinstance(t.subject, NamedNode) else None
        if s is None:
            continue
        if t.predicate == rdf_type and t.object.value in kinds:
            members[t.object.value].add(s)
        elif t.predicate.value in (rdfs + "label", skos + "prefLabel"):
            labels.setdefault((s, getattr(t.object, "language", "") or ""), t.object.value)
        elif t.predicate.value in (rdfs + "comment", skos + "definition"):
            comments.setdefault(s, t.object.value)
    groups = []
    for kind, title in kinds.items():
        terms = [Term(_short(i), "t-" + i.rsplit("#", 1)[-1], labels.get((i, "vi"), labels.get((i, ""), "")),
                      labels.get((i, "en"), ""), comments.get(i, "")) for i in sorted(members[kind])]
        if terms:
            groups.append({"title": title, "terms": terms})
    return groups


def _short(iri: str) -> str:
    td = PREFIXES["td"]
    return "td:" + iri[len(td):] if iri.startswith(td) else iri
