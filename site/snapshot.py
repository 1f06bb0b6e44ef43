"""Read the store once: an in-memory copy that the gather queries and RDF files then use.

One sequential N-Quads dump of the store (done inside Oxigraph, or by the SPARQL server) and
an in-memory load are several times faster than running every gather query against an
on-disk or remote store, and the site then sees one consistent state of the data even if a
loader writes meanwhile. The dump's lines, sorted, are also the published N-Quads dump.
"""
from __future__ import annotations

import io
import os
import tempfile

from thidua.graph_store import EmbeddedStore, GraphStore


def snapshot(store: GraphStore) -> tuple[EmbeddedStore, bytes]:
    """(an in-memory store with the same quads, the dataset as sorted N-Quads)."""
    buffer = io.BytesIO()
    store.dump(buffer, "nquads")
    lines = sorted(set(buffer.getvalue().splitlines()))
    nquads = b"\n".join(lines) + (b"\n" if lines else b"")
    copy = EmbeddedStore(None)
    fd, path = tempfile.mkstemp(suffix=".nq")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(nquads)
        copy.bulk_load_file(path, "nquads")
    finally:
        os.unlink(path)
    return copy, nquads
