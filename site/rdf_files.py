"""The linked-data files: one .ttl and .jsonld per page, full dumps, and the VoID/DCAT description."""
from __future__ import annotations

import gzip
import io
from collections import defaultdict

from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, Triple, serialize

from thidua.graph_store import GraphStore
from thidua.iri import BASE
from thidua.vocab import PREFIXES

DUMPS = {"nquads": "dumps/thidua.nq.gz", "turtle": "dumps/thidua.ttl", "jsonld": "dumps/thidua.jsonld"}
DATASET = BASE + "dataset"
_SHORT_PREFIXES = {k: v for k, v in PREFIXES.items() if k not in ("void", "dcat", "sh", "owl")}


def _key(t) -> str:
    # str() of a triple or quad is its N-Triples/N-Quads form: one C call, a total order.
    return str(t)


class Descriptions:
    """Every triple of the store, grouped by subject and deduplicated across graphs."""

    def __init__(self, store: GraphStore, nquads: bytes | None = None):
        self.quads: list[Quad] = sorted(store.quads(), key=_key)
        # The sorted N-Quads text of the same quads, when the caller already has it.
        self.nquads = nquads if nquads is not None else serialize(self.quads, format=RdfFormat.N_QUADS)
        by_subject: dict[str, set[Triple]] = defaultdict(set)
        for quad in self.quads:
            if isinstance(quad.subject, NamedNode):
                by_subject[quad.subject.value].add(quad.triple)
        self.by_subject = by_subject

    def describe(self, iri: str, extra: tuple[str, ...] = ()) -> list[Triple]:
        """Triples about `iri` (and about the `extra` nodes it owns, such as evidence)."""
        triples = set(self.by_subject.get(iri, ()))
        for node in extra:
            triples |= self.by_subject.get(node, set())
        return sorted(triples, key=_key)

    def files(self, iri: str, extra: tuple[str, ...] = ()) -> tuple[bytes, bytes]:
        triples = self.describe(iri, extra)
        turtle = serialize(triples, format=RdfFormat.TURTLE, prefixes=_SHORT_PREFIXES)
        jsonld = serialize(triples, format=RdfFormat.JSON_LD)
        return turtle, jsonld


def dumps(descriptions: Descriptions) -> dict[str, bytes]:
    quads = descriptions.quads
    nquads = descriptions.nquads
    buffer = io.BytesIO()
    # mtime=0 and no file name: the same data always gives the same gzip bytes.
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0) as gz:
        gz.write(nquads)
    triples = sorted({q.triple for q in quads}, key=_key)
    return {
        DUMPS["nquads"]: buffer.getvalue(),
        DUMPS["turtle"]: serialize(triples, format=RdfFormat.TURTLE, prefixes=_SHORT_PREFIXES),
        DUMPS["jsonld"]: serialize(quads, format=RdfFormat.JSON_LD),
    }


def void_description(descriptions: Descriptions, base_url: str, entities: int, modified: str) -> bytes:
    """VoID and DCAT: what the dataset is, how big, and where its dumps are."""
    V, D, DC = PREFIXES["void"], PREFIXES["dcat"], PREFIXES["dcterms"]
    RDF_TYPE = NamedNode(PREFIXES["rdf"] + "type")
    ds = NamedNode(DATASET)
    quads = descriptions.quads
    triples = [
        Triple(ds, RDF_TYPE, NamedNode(V + "Dataset")),
        Triple(ds, RDF_TYPE, NamedNode(D + "Dataset")),
        Triple(ds, NamedNode(DC + "title"), Literal("thidua: thi đua, khen thưởng", language="vi")),
        Triple(ds, NamedNode(DC + "title"), Literal("thidua: Vietnamese emulation and commendation", language="en")),
        Triple(ds, NamedNode(V + "triples"), Literal(str(len({q.triple for q in quads})),
                                                     datatype=NamedNode(PREFIXES["xsd"] + "integer"))),
        Triple(ds, NamedNode(V + "entities"), Literal(str(entities), datatype=NamedNode(PREFIXES["xsd"] + "integer"))),
        Triple(ds, NamedNode(V + "uriSpace"), Literal(BASE + "id/")),
        Triple(ds, NamedNode(V + "vocabulary"), NamedNode(PREFIXES["td"])),
        Triple(ds, NamedNode(V + "rootResource"), NamedNode(base_url + "index.html")),
    ]
    if modified:
        triples.append(Triple(ds, NamedNode(DC + "modified"),
                              Literal(modified, datatype=NamedNode(PREFIXES["xsd"] + "date"))))
    media = {"nquads": "application/n-quads", "turtle": "text/turtle", "jsonld": "application/ld+json"}
    for name, path in sorted(DUMPS.items()):
        dist = NamedNode(f"{DATASET}/distribution/{name}")
        url = NamedNode(base_url + path)
        triples += [Triple(ds, NamedNode(V + "dataDump"), url),
                    Triple(ds, NamedNode(D + "distribution"), dist),
                    Triple(dist, RDF_TYPE, NamedNode(D + "Distribution")),
                    Triple(dist, NamedNode(D + "downloadURL"), url),
                    Triple(dist, NamedNode(D + "mediaType"), Literal(media[name]))]
        if name == "nquads":
            triples.append(Triple(dist, NamedNode(D + "compressFormat"), Literal("application/gzip")))
    prefixes = {"void": V, "dcat": D, "dcterms": DC, "xsd": PREFIXES["xsd"]}
    return serialize(sorted(triples, key=_key), format=RdfFormat.TURTLE, prefixes=prefixes)
