"""The store interface every backend implements (embedded pyoxigraph, SPARQL 1.1 server)."""
from __future__ import annotations

from typing import IO, Iterable, Iterator, Mapping, Protocol, runtime_checkable

from pyoxigraph import BlankNode, Literal, NamedNode, Quad, RdfFormat, Triple

Term = NamedNode | BlankNode | Literal
Row = dict[str, Term]

EXPORT_FORMATS = {
    "turtle": RdfFormat.TURTLE,
    "ntriples": RdfFormat.N_TRIPLES,
    "nquads": RdfFormat.N_QUADS,
    "trig": RdfFormat.TRIG,
    "jsonld": RdfFormat.JSON_LD,
}
# Formats that carry named graphs; the others flatten the dataset into one graph.
DATASET_FORMATS = {"nquads", "trig", "jsonld"}


@runtime_checkable
class GraphStore(Protocol):
    """A set of named graphs, one per source document, queried as their union.

    Queries see the union of all named graphs as their default graph. Values reach a query
    only as `bindings` (variable name -> RDF term), never as text pasted into the query.
    """

    location: str  # a path or an endpoint URL, for messages

    def replace_graph(self, graph: str, quads: Iterable[Quad]) -> None:
        """Atomically replace the content of `graph` (the quads' own graph is ignored)."""

    def remove_graph(self, graph: str) -> None:
        """Atomically remove `graph` and its content (no error when absent)."""

    def replace_descriptions(self, graph: str, subjects: Iterable[str], statements: Iterable[str]) -> None:
        """Atomically replace, in `graph`, every triple about `subjects` by `statements`
        (N-Triples lines)."""

    def graphs(self) -> list[str]:
        """The IRIs of the named graphs, sorted."""

    def bulk_add(self, quads: Iterable[Quad]) -> None:
        """Fast load of many quads into their own graphs (for first loads; not transactional
        across graphs on every backend)."""

    def bulk_add_nquads(self, data: bytes) -> None:
        """`bulk_add` for N-Quads text: the store parses it, no Python object per quad."""

    def select(self, query: str, bindings: Mapping[str, Term] | None = None) -> list[Row]:
        """Run a SELECT query; rows map variable names to terms (unbound variables absent)."""

    def ask(self, query: str, bindings: Mapping[str, Term] | None = None) -> bool: ...

    def construct(self, query: str, bindings: Mapping[str, Term] | None = None) -> list[Triple]: ...

    def update(self, update: str) -> None:
        """Run a SPARQL Update in one transaction."""

    def quads(self, graph: str | None = None) -> Iterator[Quad]:
        """Stream the quads of one graph, or of every named graph."""

    def dump(self, output: IO[bytes], format: str, graph: str | None = None) -> None:
        """Stream the dataset (or one graph) to `output` in one of EXPORT_FORMATS."""

    def count(self, graph: str | None = None) -> int:
        """Number of quads in one graph, or in all named graphs."""

    def close(self) -> None: ...


def replace_descriptions_update(graph: str, subjects: Iterable[str], statements: Iterable[str]) -> str:
    """One SPARQL Update (so one transaction) deleting what `graph` says about `subjects` and
    inserting `statements` (N-Triples lines, which are SPARQL triples as they are) there."""
    g = NamedNode(graph)
    values = " ".join(str(NamedNode(s)) for s in sorted(set(subjects)))
    body = "\n".join(statements)
    parts = []
    if values:
        parts.append(f"DELETE {{ GRAPH {g} {{ ?s ?p ?o }} }} WHERE {{ VALUES ?s {{ {values} }} "
                     f"GRAPH {g} {{ ?s ?p ?o }} }}")
    if body:
        parts.append(f"INSERT DATA {{ GRAPH {g} {{\n{body}\n}} }}")
    return " ;\n".join(parts)
