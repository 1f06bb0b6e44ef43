"""The full dumps (N-Quads, Turtle, JSON-LD, each gzipped), written one graph at a time.

Each graph is one chunk of each file (`chunked_gzip`), in the order of the graphs' IRIs, its
triples sorted: the same data always gives the same bytes. A rebuild copies the chunks of
unchanged graphs from the previous files (runs of consecutive chunks in one read and one
write) and compresses only the graphs read again. Turtle chunks are the graphs' triples
without the prefix lines, written once at the top; the union of the graphs is their
concatenation (a triple stated in two graphs is written twice; a Turtle parser merges them).
JSON-LD chunks are each graph's node object followed by a comma; the array ends with a node
reference to the dataset, which states nothing.
"""
from __future__ import annotations

from pathlib import Path

from thidua.iri import BASE
from thidua.site.chunked_gzip import Chunk, ChunkedGzipWriter, compress
from thidua.site.parts import TURTLE_HEADER

DUMPS = {"nquads": "dumps/thidua.nq.gz", "turtle": "dumps/thidua.ttl.gz", "jsonld": "dumps/thidua.jsonld.gz"}
MEDIA = {"nquads": "application/n-quads", "turtle": "text/turtle", "jsonld": "application/ld+json"}
DATASET = BASE + "dataset"
_OPENING = {"nquads": b"", "turtle": TURTLE_HEADER, "jsonld": b"[\n"}
_CLOSING = {"nquads": b"", "turtle": b"", "jsonld": ('{"@id":"%s"}]\n' % DATASET).encode()}


def graph_piece(name: str, body: bytes) -> bytes:
    """What one graph's chunk of dump `name` decompresses to."""
    if name == "jsonld":
        return body + b",\n" if body else b""
    return body


class DumpFiles:
    """The three dumps being written, next to the previous build's, which chunks are copied from.
    `where[name][graph]` says where each graph's chunk landed, for the next build."""

    def __init__(self, out: Path, previous: dict[str, Path | None]):
        (out / "dumps").mkdir(parents=True, exist_ok=True)
        self.paths = {name: out / (path + ".partial") for name, path in DUMPS.items()}
        self.writers = {name: ChunkedGzipWriter(path) for name, path in self.paths.items()}
        self._earlier = {name: open(p, "rb") if p is not None else None for name, p in previous.items()}
        self._runs: dict[str, list[tuple[str, Chunk]]] = {name: [] for name in DUMPS}
        self.where: dict[str, dict[str, Chunk]] = {name: {} for name in DUMPS}
        for name, writer in self.writers.items():
            if _OPENING[name]:
                writer.add_data(_OPENING[name])

    def can_copy(self) -> bool:
        return all(f is not None for f in self._earlier.values())

    def add_fresh(self, graph: str, pieces: dict[str, bytes]) -> None:
        for name, writer in self.writers.items():
            self._flush_run(name)
            self.where[name][graph] = writer.add(*compress(graph_piece(name, pieces[name])))

    def add_copied(self, graph: str, earlier: dict[str, Chunk]) -> None:
        """A graph's chunks in the previous files; copied with the run of chunks they are in."""
        for name in DUMPS:
            chunk, run = earlier[name], self._runs[name]
            if run and run[-1][1].offset + run[-1][1].length != chunk.offset:
                self._flush_run(name)
            self._runs[name].append((graph, chunk))

    def _flush_run(self, name: str) -> None:
        run, self._runs[name] = self._runs[name], []
        if run:
            placed = self.writers[name].add_run(self._earlier[name], [c for _, c in run])
            self.where[name].update((graph, chunk) for (graph, _), chunk in zip(run, placed))

    def finish(self) -> dict[str, tuple[Path, str, int]]:
        """Close the files: dump name -> (temporary path, SHA-256, uncompressed size)."""
        out = {}
        for name, writer in self.writers.items():
            self._flush_run(name)
            if _CLOSING[name]:
                writer.add_data(_CLOSING[name])
            size = writer.uncompressed_size
            out[name] = (self.paths[name], writer.close(), size)
        self._close_earlier()
        return out

    def _close_earlier(self) -> None:
        for f in self._earlier.values():
            if f is not None:
                f.close()

    def abort(self) -> None:
        for writer in self.writers.values():
            writer.abort()
        self._close_earlier()


def previous_dump_files(out: Path, recorded: dict[str, dict]) -> dict[str, Path | None]:
    """The previous build's dump files, when they are still as that build left them."""
    found = {}
    for name, path in DUMPS.items():
        target = out / path
        info = recorded.get(name) or {}
        try:
            stat = target.stat()
        except OSError:
            stat = None
        ok = stat is not None and stat.st_size == info.get("bytes") and stat.st_mtime_ns == info.get("mtime_ns")
        found[name] = target if ok else None
    return found
