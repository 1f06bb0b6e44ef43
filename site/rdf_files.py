"""The linked-data files: one .ttl and .jsonld beside each page, and the VoID/DCAT description.

A page's files hold the triples whose subject is the page's node and, for an article, those
of its facts and their evidence; for an event, those of its evidence. They are made from the
triples of the graph being read (`parts.GraphContent`), or, for a node described in several
graphs, with one CONSTRUCT over the store.
"""
from __future__ import annotations

from pyoxigraph import Literal, NamedNode, RdfFormat, Triple, serialize

from thidua.graph_store import GraphStore
from thidua.iri import BASE
from thidua.site.dumps import DATASET, DUMPS, MEDIA
from thidua.site.parts import turtle_and_jsonld
from thidua.site.source import query_text
from thidua.vocab import PREFIXES


def _key(t) -> str:
    # str() of a triple is its N-Triples form: one C call, a total order.
    return str(t)


def page_files(triples: list[Triple], presorted: bool = False) -> tuple[bytes, bytes]:
    """(Turtle, JSON-LD) of the triples, sorted and without repeats (`presorted`: they are)."""
    if not presorted:
        triples = sorted(set(triples), key=_key)
    return turtle_and_jsonld(triples)


def described(store: GraphStore, kind: str, iri: str) -> list[Triple]:
    """The triples of one page's files, over every graph (`kind`: article, event or node)."""
    return store.construct(query_text(f"describe_{kind}"), {"node": NamedNode(iri)})


def void_description(quads: int, base_url: str, entities: int, modified: str) -> bytes:
    """VoID and DCAT: what the dataset is, how big, and where its dumps are."""
    V, D, DC = PREFIXES["void"], PREFIXES["dcat"], PREFIXES["dcterms"]
    RDF_TYPE = NamedNode(PREFIXES["rdf"] + "type")
    integer = NamedNode(PREFIXES["xsd"] + "integer")
    ds = NamedNode(DATASET)
    triples = [
        Triple(ds, RDF_TYPE, NamedNode(V + "Dataset")),
        Triple(ds, RDF_TYPE, NamedNode(D + "Dataset")),
        Triple(ds, NamedNode(DC + "title"), Literal("thidua: thi đua, khen thưởng", language="vi")),
        Triple(ds, NamedNode(DC + "title"), Literal("thidua: Vietnamese emulation and commendation", language="en")),
        # Counted per named graph: a triple stated by two graphs counts twice.
        Triple(ds, NamedNode(V + "triples"), Literal(str(quads), datatype=integer)),
        Triple(ds, NamedNode(V + "entities"), Literal(str(entities), datatype=integer)),
        Triple(ds, NamedNode(V + "uriSpace"), Literal(BASE + "id/")),
        Triple(ds, NamedNode(V + "vocabulary"), NamedNode(PREFIXES["td"])),
        Triple(ds, NamedNode(V + "rootResource"), NamedNode(base_url + "index.html")),
    ]
    if modified:
        triples.append(Triple(ds, NamedNode(DC + "modified"),
                              Literal(modified, datatype=NamedNode(PREFIXES["xsd"] + "date"))))
    for name, path in sorted(DUMPS.items()):
        dist = NamedNode(f"{DATASET}/distribution/{name}")
        url = NamedNode(base_url + path)
        triples += [Triple(ds, NamedNode(V + "dataDump"), url),
                    Triple(ds, NamedNode(D + "distribution"), dist),
                    Triple(dist, RDF_TYPE, NamedNode(D + "Distribution")),
                    Triple(dist, NamedNode(D + "downloadURL"), url),
                    Triple(dist, NamedNode(D + "mediaType"), Literal(MEDIA[name])),
                    Triple(dist, NamedNode(D + "compressFormat"), Literal("application/gzip"))]
    prefixes = {"void": V, "dcat": D, "dcterms": DC, "xsd": PREFIXES["xsd"]}
    return serialize(sorted(triples, key=_key), format=RdfFormat.TURTLE, prefixes=prefixes)
