"""The default backend: an on-disk pyoxigraph (RocksDB) store."""
from __future__ import annotations

import os
from pathlib import Path
from typing import IO, Iterable, Iterator, Mapping

from pyoxigraph import (DefaultGraph, NamedNode, Quad, QueryBoolean, QuerySolutions, QueryTriples,
                        RdfFormat, Store)

from thidua.errors import StoreLocked, ThiduaError
from thidua.graph_store.bindings import bind
from thidua.graph_store.base import (DATASET_FORMATS, EXPORT_FORMATS, Row, Term,
                                     replace_descriptions_update)

DEFAULT_LOCATION = Path("thidua-data") / "store"


class EmbeddedStore:
    """pyoxigraph on disk (or in memory with `path=None`), one named graph per document."""

    def __init__(self, path: str | os.PathLike | None = DEFAULT_LOCATION, read_only: bool = False):
        self.location = str(path) if path is not None else ":memory:"
        self.read_only = read_only
        try:
            if path is None:
                self._store = Store()
            elif read_only:
                if not Path(path).is_dir():
                    raise ThiduaError(f"no store at {path}: run `thidua load` or `thidua build` first")
                self._store = Store.read_only(str(path))
            else:
                Path(path).mkdir(parents=True, exist_ok=True)
                self._store = Store(str(path))
        except OSError as exc:
            if "lock" in str(exc).lower():
                raise StoreLocked(self.location) from None
            raise ThiduaError(f"cannot open the store at {self.location}: {exc}") from None

    # -- writing -----------------------------------------------------------------
    def replace_graph(self, graph: str, quads: Iterable[Quad]) -> None:
        # One SPARQL Update is one transaction: a crash leaves the old graph or the new one.
        g = NamedNode(graph)
        body = "\n".join(f"{q.subject} {q.predicate} {q.object} ." for q in quads)
        self._store.update(f"DROP SILENT GRAPH {g} ;\nINSERT DATA {{ GRAPH {g} {{\n{body}\n}} }}")

    def remove_graph(self, graph: str) -> None:
        self._store.update(f"DROP SILENT GRAPH {NamedNode(graph)}")

    def replace_descriptions(self, graph: str, subjects: Iterable[str], statements: Iterable[str]) -> None:
        update = replace_descriptions_update(graph, subjects, statements)
        if update:
            self._store.update(update)

    def bulk_add(self, quads: Iterable[Quad]) -> None:
        self._store.bulk_extend(quads)

    def bulk_add_nquads(self, data: bytes) -> None:
        self._store.bulk_load(data, RdfFormat.N_QUADS)

    def bulk_load_file(self, path: str | os.PathLike, format: str = "nquads") -> None:
        self._store.bulk_load(path=str(path), format=EXPORT_FORMATS[format])

    def update(self, update: str) -> None:
        self._store.update(update)

    # -- reading -----------------------------------------------------------------
    def graphs(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs() if isinstance(g, NamedNode))

    def _query(self, query: str, bindings: Mapping[str, Term] | None):
        return self._store.query(bind(query, bindings), use_default_graph_as_union=True)

    def select(self, query: str, bindings: Mapping[str, Term] | None = None) -> list[Row]:
        result = self._query(query, bindings)
        if not isinstance(result, QuerySolutions):
            raise ThiduaError("expected a SELECT query")
        names = [v.value for v in result.variables]
        # zip over the solution is ~30% faster than indexing it by name.
        return [{n: t for n, t in zip(names, s) if t is not None} for s in result]

    def ask(self, query: str, bindings: Mapping[str, Term] | None = None) -> bool:
        result = self._query(query, bindings)
        if not isinstance(result, QueryBoolean):
            raise ThiduaError("expected an ASK query")
        return bool(result)

    def construct(self, query: str, bindings: Mapping[str, Term] | None = None):
        result = self._query(query, bindings)
        if not isinstance(result, QueryTriples):
            raise ThiduaError("expected a CONSTRUCT or DESCRIBE query")
        return list(result)

    def quads(self, graph: str | None = None) -> Iterator[Quad]:
        g = NamedNode(graph) if graph else None
        for quad in self._store.quads_for_pattern(None, None, None, g):
            if not isinstance(quad.graph_name, DefaultGraph):
                yield quad

    def count(self, graph: str | None = None) -> int:
        if graph:
            q = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {NamedNode(graph)} {{ ?s ?p ?o }} }}"
        else:
            q = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
        return int(next(iter(self._store.query(q)))["n"].value)

    def dump(self, output: IO[bytes], format: str, graph: str | None = None) -> None:
        rdf_format = EXPORT_FORMATS[format]
        if graph:
            self._store.dump(output, rdf_format, from_graph=NamedNode(graph))
        elif format in DATASET_FORMATS:
            self._store.dump(output, rdf_format)
        else:
            # A triples format cannot hold named graphs: write their union.
            from pyoxigraph import serialize
            triples = (q.triple for q in self.quads())
            serialize(triples, output, rdf_format)

    def flush(self) -> None:
        self._store.flush()

    def close(self) -> None:
        if getattr(self, "_store", None) is not None:
            if self.location != ":memory:" and not self.read_only:  # read-only cannot flush
                self._store.flush()
            del self._store
            self._store = None
