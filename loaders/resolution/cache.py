"""The resolver of the last load, saved, so the next load of the same store need not rebuild it.

Rebuilding a resolver from the store reads every entity, position and mention back (12 s of CPU
for 10,000 articles, growing with the corpus), which an incremental load of ten articles should
not pay. A saved resolver is used only for the exact store state it was saved after: its key is
a digest of every stored document's content hash (which includes the tool version and the RDF
layout). Any other change to the store (another tool, an interrupted load, others writing to a
shared endpoint) makes the key miss, and the resolver is rebuilt from the store as before.

The files live in the user's cache folder ($THIDUA_CACHE, else ~/.cache/thidua), one per store
location; they are pickles this tool wrote for this user, never read from anywhere else.
"""
from __future__ import annotations

import hashlib
import logging
import os
import pickle
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Mapping

if TYPE_CHECKING:
    from thidua.loaders.resolve import Resolver

from thidua import user_cache

log = logging.getLogger(__name__)


def cache_folder() -> Path:
    return user_cache.folder() / "resolver"


def _path(location: str) -> Path:
    where = location if "://" in location else str(Path(location).resolve())
    return cache_folder() / (hashlib.sha256(where.encode("utf-8")).hexdigest()[:24] + ".pickle")


def state_key(graph_hashes: Mapping[str, str]) -> str:
    """A digest of the store's document graphs and their content hashes."""
    digest = hashlib.sha256()
    for graph in sorted(graph_hashes):
        digest.update(f"{graph}\t{graph_hashes[graph]}\n".encode("utf-8"))
    return digest.hexdigest()


def load(location: str, key: str) -> "Resolver | None":
    if location == ":memory:":
        return None
    path = _path(location)
    try:
        with open(path, "rb") as handle:
            saved_key, resolver = pickle.load(handle)
    except FileNotFoundError:
        return None
    except Exception as exc:      # a cache that cannot be read is only a cache: rebuild
        log.info("resolver cache %s unreadable (%s); rebuilding from the store", path, exc)
        return None
    return resolver if saved_key == key else None


def save(location: str, key: str, resolver: "Resolver") -> None:
    if location == ":memory:":       # gone with the process: nothing to come back to
        return
    path = _path(location)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            pickle.dump((key, resolver), handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)     # a reader sees the old file or the new one, never half
    except OSError as exc:
        log.info("resolver cache not saved to %s: %s", path, exc)
