"""Where the knowledge graph lives: an embedded pyoxigraph store or a SPARQL 1.1 server."""
from __future__ import annotations

import os

from thidua.graph_store.base import EXPORT_FORMATS, GraphStore, Row, Term
from thidua.graph_store.embedded import DEFAULT_LOCATION, EmbeddedStore

__all__ = ["open_store", "GraphStore", "EmbeddedStore", "EXPORT_FORMATS", "Row", "Term",
           "DEFAULT_LOCATION"]


def open_store(location: str | os.PathLike | None = None, endpoint: str | None = None,
               read_only: bool = False, **remote_options) -> GraphStore:
    """The embedded store at `location` (default ./thidua-data/store), or a SPARQL server."""
    if endpoint:
        from thidua.graph_store.remote import RemoteStore
        return RemoteStore(endpoint, **remote_options)
    return EmbeddedStore(location or DEFAULT_LOCATION, read_only=read_only)
